use leptos::prelude::*;

use crate::components::{Figure, Slot};
use crate::split::Deferred;
use crate::state::{Calc, Depends};

/// The month at a glance: the total credits, and (with the later parts) the cost, a note when
/// the agents stop, and the way to the billing settings and to sharing. A column that stays in
/// view beside the inputs on a wide screen, a bar that stays at the top on a phone, so whoever
/// edits a volume sees the bill move. Early in the page, so a first visit's total is read early.
#[component]
pub fn Glance() -> impl IntoView {
    let calc = expect_context::<Calc>();
    let deferred = expect_context::<Deferred>();
    let total = Signal::derive(move || calc.estimate.with(|e| e.credits_per_month.amount()));
    view! {
        <aside class="summary glance" aria-label="This month">
            <Figure
                metric="total.credits_per_month"
                label="All agents, per month"
                unit="Copilot Credits"
                value=total
                depends=Depends::Total
                ranged=true
            />
            <Slot name="glance" view=move || deferred.parts().map(|p| (p.glance)())/>
        </aside>
    }
}
