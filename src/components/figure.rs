use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::components::FigureRange;
use crate::format::{counted, exact};
use crate::split::Deferred;
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
    /// Shown with its low and high case while the estimate has ranges (`KEY.low`, `KEY.high`).
    #[prop(optional)]
    ranged: bool,
) -> impl IntoView {
    let calc = expect_context::<Calc>();
    let stale = calc.stale_attr(depends);
    let show = move |v: Decimal| {
        calc.fmt
            .with_value(|f| if money { f.money(v) } else { f.credits(v) })
    };
    let shown = move || show(value.get());
    // The range's view comes with the page's later parts (it is not on a first visit's page).
    let deferred = expect_context::<Deferred>();
    let range = ranged.then(|| {
        let metric = metric.clone();
        move || {
            let r = FigureRange {
                metric: metric.clone(),
                money,
                depends,
            };
            deferred.parts().map(|p| (p.figure_range)(r))
        }
    });
    view! {
        <div class="figure">
            <span class="figure-label">{label}</span>
            <span class="figure-value">
                <output data-metric=metric data-value=move || exact(value.get()) data-stale=stale>{shown}</output>
                " "
                <span class="figure-unit">{move || if money { unit.get() } else { counted(&unit.get(), value.get()).to_string() }}</span>
            </span>
            {range}
            {move || stale().map(|_| view! { <span class="figure-stale">"Not updated"</span> })}
        </div>
    }
}
