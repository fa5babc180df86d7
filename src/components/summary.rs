use leptos::prelude::*;

use crate::components::{Figure, Slot};
use crate::rating::{STARTERS, TEMPLATES};
use crate::split::Deferred;
use crate::state::Calc;

/// The total across agents, and buttons to add the agents not in the estimate.
#[component]
pub fn Summary() -> impl IntoView {
    let calc = expect_context::<Calc>();
    let deferred = expect_context::<Deferred>();
    let total = Signal::derive(move || calc.estimate.with(|e| e.credits_per_month.amount()));
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
    let missing = move || {
        calc.workload.with(|w| {
            TEMPLATES
                .iter()
                .filter(|t| !w.includes(t.id))
                .map(|t| (t.id, t.name))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="summary" aria-label="Total">
            <Figure
                metric="total.credits_per_month"
                label="All agents, per month"
                unit="Copilot Credits"
                value=total
            />
            <p class="summary-note">
                {move || match count() {
                    0 => "No agent in this estimate yet: add one below.".to_string(),
                    1 => "One agent in this estimate.".to_string(),
                    n => format!("{n} agents in this estimate."),
                }}
            </p>
            <Slot name="overview" view=move || deferred.parts().map(|p| (p.overview)())/>
            <div class="add-agents">
                {move || {
                    missing()
                        .into_iter()
                        .map(|(id, name)| {
                            view! {
                                <button
                                    type="button"
                                    class="secondary"
                                    data-action="add-agent"
                                    data-agent=id
                                    on:click=move |_| calc.add_reference(id)
                                >
                                    "Add " {name}
                                </button>
                            }
                        })
                        .collect_view()
                }}
                {starters}
            </div>
        </section>
    }
}
