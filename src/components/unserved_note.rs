use leptos::prelude::*;

use crate::capacity::unserved_note;
use crate::state::{Calc, MonthBill};

/// Beside a month's cost: how many runs it leaves unserved and when the agents stop, so a cost
/// that buys only part of the month never reads as the whole month's price.
#[component]
pub fn UnservedNote() -> impl IntoView {
    let calc = expect_context::<Calc>();
    let bill = expect_context::<MonthBill>().0;
    let text = Memo::new(move |_| {
        bill.with(|b| {
            b.as_ref()
                .and_then(|b| calc.fmt.with_value(|f| unserved_note(b, f)))
        })
    });
    move || {
        text.get()
            .map(|t| view! { <p class="unserved-note" role="note">{t}</p> })
    }
}
