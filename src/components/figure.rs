use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::format::{counted, exact};
use crate::state::{Calc, Depends};

/// One figure: the rounded, grouped number for people and the exact value for machines
/// (`data-metric` names it, `data-value` holds it unrounded). While a field it depends on is in
/// error it keeps the last valid value and says it is not updated (`data-stale`).
#[component]
pub fn Figure(
    /// The public metric key.
    #[prop(into)]
    metric: String,
    /// What the figure is.
    #[prop(into)]
    label: String,
    /// The unit after the number.
    #[prop(into)]
    unit: Signal<String>,
    /// The exact value.
    #[prop(into)]
    value: Signal<Decimal>,
    /// What the value is computed from.
    depends: Depends,
    /// Shown as money (always two decimals) rather than credits.
    #[prop(optional)]
    money: bool,
) -> impl IntoView {
    let calc = expect_context::<Calc>();
    let stale = calc.stale_attr(depends);
    let shown = move || {
        calc.fmt.with_value(|f| {
            if money {
                f.money(value.get())
            } else {
                f.credits(value.get())
            }
        })
    };
    view! {
        <div class="figure">
            <span class="figure-label">{label}</span>
            <span class="figure-value">
                <output data-metric=metric data-value=move || exact(value.get()) data-stale=stale>{shown}</output>
                " "
                <span class="figure-unit">{move || if money { unit.get() } else { counted(&unit.get(), value.get()).to_string() }}</span>
            </span>
            {move || stale().map(|_| view! { <span class="figure-stale">"Not updated"</span> })}
        </div>
    }
}
