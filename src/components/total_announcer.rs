use std::time::Duration;

use leptos::prelude::*;

use crate::state::{Calc, MonthBill};

/// How long the total must stay still before it is announced: a burst of typing gives one
/// announcement, of where it ended.
const SETTLE: Duration = Duration::from_millis(800);

/// One polite announcement of the month's total (credits, and cost once the bill is here) after
/// the estimate changes, for screen readers. The figures themselves are not live regions: they
/// change on every keystroke, and each change would be read out.
#[component]
pub fn TotalAnnouncer() -> impl IntoView {
    let calc = expect_context::<Calc>();
    let bill = use_context::<MonthBill>();
    let said = RwSignal::new(String::new());
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let message = Memo::new(move |_| {
        let total = calc.estimate.with(|e| e.credits_per_month.amount());
        let cost = bill.and_then(|b| b.0.get()).map(|b| b.total_cost);
        let currency = calc.billing.with(|b| b.prices.currency.clone());
        calc.fmt.with_value(|f| match cost {
            Some(c) => format!(
                "Total: {} a month, {} {currency}.",
                f.credits_noun(total),
                f.money(c)
            ),
            None => format!("Total: {} a month.", f.credits_noun(total)),
        })
    });
    // Not on arrival: only what an edit changes is announced.
    Effect::new(move |first: Option<()>| {
        let text = message.get();
        if first.is_some() {
            if let Some(h) = pending.get_value() {
                h.clear();
            }
            let handle = set_timeout_with_handle(move || said.set(text), SETTLE).ok();
            pending.set_value(handle);
        }
    });
    view! { <p class="visually-hidden" role="status" data-testid="total-announcement">{move || said.get()}</p> }
}
