use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::format::exact;
use crate::state::Calc;

/// One figure: the rounded, grouped number for people and the exact value for machines
/// (`data-metric` names it, `data-value` holds it unrounded).
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
    /// Shown as money (always two decimals) rather than credits.
    #[prop(optional)]
    money: bool,
) -> impl IntoView {
    let calc = expect_context::<Calc>();
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
                <output data-metric=metric data-value=move || exact(value.get())>{shown}</output>
                " "
                <span class="figure-unit">{unit}</span>
            </span>
        </div>
    }
}
