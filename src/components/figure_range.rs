use leptos::prelude::*;

use rust_decimal::Decimal;

use crate::format::exact;
use crate::rating::Estimate;
use crate::state::{BillSpread, Calc, Depends, MonthBill};

/// What a figure's range is drawn from ([`figure_range`]).
pub struct FigureRange {
    /// The figure's public metric key; the range's are `KEY.low` and `KEY.high`.
    pub metric: String,
    /// Money rather than credits.
    pub money: bool,
    /// What the figure is computed from (for `data-stale`).
    pub depends: Depends,
}

/// Under a figure, its value in the low and the high case while some input has a range
/// (hidden otherwise). It arrives with the page's later parts, so the first download carries
/// none of its code; a figure shows its expected value until then.
pub fn figure_range(r: FigureRange) -> AnyView {
    let calc = expect_context::<Calc>();
    let FigureRange {
        metric,
        money,
        depends,
    } = r;
    let stale = calc.stale_attr(depends);
    // The bill's figures from the bills of the two cases (the billing section provides them);
    // the agents' from the estimate's cases. Without ranges both cases are the expected one.
    let bills = use_context::<BillSpread>();
    let bill = use_context::<MonthBill>();
    let key = metric.clone();
    let case = move |high: bool| -> Decimal {
        let pick = |e: &Estimate| e.figure(&key);
        let value = if key.starts_with("billing.") {
            let expected = || bill.and_then(|b| b.0.with(|b| b.as_ref()?.figure(&key)));
            bills
                .and_then(|b| {
                    b.0.with(|b| {
                        b.as_ref()
                            .and_then(|(low, hi)| if high { hi } else { low }.figure(&key))
                    })
                })
                .or_else(expected)
        } else {
            calc.estimate.with(|e| match &e.cases {
                Some(c) => pick(if high { &c.high } else { &c.low }),
                None => pick(e),
            })
        };
        value.unwrap_or_default()
    };
    let (low, high) = (
        Signal::derive({
            let case = case.clone();
            move || case(false)
        }),
        Signal::derive(move || case(true)),
    );
    let show = move |v| {
        calc.fmt
            .with_value(|f| if money { f.money(v) } else { f.credits(v) })
    };
    view! {
        // Hidden without ranges, and for a figure they do not move (a per-run figure when only
        // volumes have ranges): its hooks still hold the values.
        <span class="figure-range" hidden=move || calc.estimate.with(|e| e.cases.is_none()) || low.get() == high.get()>
            "from " <output data-metric=format!("{metric}.low") data-value=move || exact(low.get()) data-stale=stale>{move || show(low.get())}</output>
            " to " <output data-metric=format!("{metric}.high") data-value=move || exact(high.get()) data-stale=stale>{move || show(high.get())}</output>
        </span>
    }
    .into_any()
}
