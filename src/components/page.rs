use leptos::prelude::*;

use crate::components::{AgentCard, Glance, Notices, SharedBanner, Slot, Summary, UndoBar};
use crate::split::Deferred;
use crate::state::Calc;

/// The full page: the agents and their total first; custom agents, and what it costs, sharing
/// and the rate card, in slots filled when their modules arrive. A [`crate::split::Build`].
pub fn page() -> AnyView {
    let calc = expect_context::<Calc>();
    let deferred = expect_context::<Deferred>();
    let agent_ids = move || {
        calc.workload.with(|w| {
            w.agents
                .iter()
                .map(|a| a.template.clone())
                .collect::<Vec<_>>()
        })
    };
    let custom_ids = move || {
        calc.workload
            .with(|w| w.custom.iter().map(|c| c.id).collect::<Vec<_>>())
    };
    view! {
        <div class="page">
            <header class="page-header">
                <h1>"Copilot Credits estimator"</h1>
                <p class="lede">
                    "What your Business Central agents will use in Microsoft Copilot Credits, \
                     per run and per month, and what that costs with prepaid packs, \
                     pay-as-you-go or both. Enter your volumes; every figure shows how it is derived."
                </p>
                <Slot name="about" view=move || deferred.parts().map(|p| (p.about)())/>
            </header>
            <Glance/>
            <SharedBanner/>
            <Notices/>
            <main class="agents">
                <For each=agent_ids key=|id| id.clone() children=move |id| view! { <AgentCard id=id/> }/>
                <For each=custom_ids key=|id| *id children=move |id| view! {
                    <Slot name=format!("custom.{id}") view=move || deferred.custom().map(|card| card(id))/>
                }/>
                <UndoBar/>
                <Summary/>
            </main>
            <Slot name="rest" view=move || deferred.parts().map(|p| (p.rest)())/>
        </div>
    }
    .into_any()
}
