use leptos::prelude::*;

use crate::app::Calc;
use crate::components::Figure;
use crate::rating::TEMPLATES;

/// The total across agents, and buttons to add the agents not in the estimate.
#[component]
pub fn Summary() -> impl IntoView {
    let calc = expect_context::<Calc>();
    let total = Signal::derive(move || calc.estimate.with(|e| e.credits_per_month.amount()));
    let count = move || calc.estimate.with(|e| e.agents.len());
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
            </div>
        </section>
    }
}
