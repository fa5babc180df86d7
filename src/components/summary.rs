use leptos::prelude::*;

use crate::app::Calc;
use crate::components::{AgentsOverview, Figure};
use crate::rating::custom::MAX_CUSTOM_AGENTS;
use crate::rating::{STARTERS, TEMPLATES};

/// The total across agents, and buttons to add the agents not in the estimate.
#[component]
pub fn Summary() -> impl IntoView {
    let calc = expect_context::<Calc>();
    let total = Signal::derive(move || calc.estimate.with(|e| e.credits_per_month.amount()));
    let count = move || calc.estimate.with(|e| e.agents.len() + e.custom.len());
    let full = move || calc.workload.with(|w| w.custom.len() >= MAX_CUSTOM_AGENTS);
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
                    on:click=move |_| calc.workload.update(|w| {
                        // Refused past 20 custom agents; the buttons are disabled there.
                        let _ = w.add_custom(s.build(0));
                    })
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
            <AgentsOverview/>
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
                                    on:click=move |_| calc.workload.update(|w| {
                                        crate::app::ignore_validated(w.include(id))
                                    })
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
