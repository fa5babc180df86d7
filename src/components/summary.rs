use leptos::prelude::*;

use crate::components::Slot;
use crate::rating::{STARTERS, TEMPLATES};
use crate::split::Deferred;
use crate::state::Calc;

/// The agents together (how many, each one's share: the overview), and buttons to add the
/// agents not in the estimate. Their total is in [`crate::components::Glance`].
#[component]
pub fn Summary() -> impl IntoView {
    let calc = expect_context::<Calc>();
    let deferred = expect_context::<Deferred>();
    let count = move || calc.estimate.with(|e| e.agents.len() + e.custom.len());
    let full = move || calc.custom_full();
    let starters = STARTERS
        .iter()
        .map(|s| {
            view! {
                <button
                    type="button"
                    class="secondary"
                    data-action="add-custom"
                    data-starter=s.id
                    title=s.about
                    disabled=full
                    on:click=move |_| {
                        calc.add_custom(s);
                    }
                >
                    "Add " {s.name}
                </button>
            }
        })
        .collect_view();
    // One button per reference agent, hidden while it is in the estimate: a fixed list, not one
    // rebuilt on every change (less code in the page's first download).
    let add_reference = TEMPLATES
        .iter()
        .map(|t| {
            view! {
                <button
                    type="button"
                    class="secondary"
                    data-action="add-agent"
                    data-agent=t.id
                    hidden=move || calc.workload.with(|w| w.includes(t.id))
                    on:click=move |_| calc.add_reference(t.id)
                >
                    "Add " {t.name}
                </button>
            }
        })
        .collect_view();
    view! {
        <section class="summary" aria-label="All agents">
            <p class="summary-note">
                {move || match count() {
                    0 => "No agent in this estimate yet: add one below.".to_string(),
                    1 => "One agent in this estimate.".to_string(),
                    n => format!("{n} agents in this estimate."),
                }}
            </p>
            <Slot name="overview" view=move || deferred.parts().map(|p| (p.overview)())/>
            <div class="add-agents">
                {add_reference}
                {starters}
            </div>
        </section>
    }
}
