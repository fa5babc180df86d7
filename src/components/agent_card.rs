use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::components::{when_set, Figure, SettingField, Slot};
use crate::format::plural;
use crate::rating::template::template;
use crate::rating::{derivation, AgentEstimate, AgentTemplate};
use crate::split::Deferred;
use crate::state::{ignore_validated, Calc, Depends};

/// One agent: its inputs, its per-run and monthly figures, and how they are derived.
#[component]
pub fn AgentCard(
    /// The agent's template id.
    id: String,
) -> impl IntoView {
    let calc = expect_context::<Calc>();
    let deferred = expect_context::<Deferred>();
    let Some(t) = template(&id) else {
        // The workload only ever holds known templates (validated on load and on link reading).
        return ().into_any();
    };
    let agent = Memo::new(move |_| calc.estimate.with(|e| e.agent(t.id).cloned()));
    let figure = move |pick: fn(&AgentEstimate) -> Decimal| {
        Signal::derive(move || agent.with(|a| a.as_ref().map_or(Decimal::ZERO, pick)))
    };
    let per_run = figure(|a| a.credits_per_run.amount());
    let per_month = figure(|a| a.credits_per_month.amount());
    // "1 credit", "11.8 credits".
    let noun = move |value: Signal<Decimal>| {
        Signal::derive(move || plural(value.get(), "credit", "credits").to_string())
    };
    let formula = move || {
        agent.with(|a| {
            a.as_ref()
                .map(|a| calc.fmt.with_value(|f| derivation(a, f)))
                .unwrap_or_default()
        })
    };
    let fields = agent_fields(t);
    let on_remove = move |_| calc.remove_reference(t.id);
    let full = move || calc.custom_full();
    let on_duplicate = move |_| {
        calc.duplicate_reference(t.id);
    };
    let heading = format!("agent-{}", t.id);
    let labelled_by = heading.clone();
    view! {
        <section class="agent" data-agent=t.id aria-labelledby=labelled_by>
            <header class="agent-header">
                <div>
                    <h2 id=heading>{t.name}</h2>
                    <p class="agent-product">{t.product} " · one run is " {t.run}</p>
                </div>
                <div class="agent-actions">
                    <button type="button" class="quiet" data-action="duplicate-agent" on:click=on_duplicate disabled=full>
                        "Duplicate as custom"
                        <span class="visually-hidden">" " {t.name}</span>
                    </button>
                    <button type="button" class="quiet" data-action="remove-agent" on:click=on_remove>
                        "Remove"
                        <span class="visually-hidden">" " {t.name}</span>
                    </button>
                </div>
            </header>
            <div class="agent-body">
                <fieldset class="inputs">
                    <legend class="visually-hidden">{t.name} " inputs"</legend>
                    {fields}
                </fieldset>
                <div class="results">
                    <Figure
                        metric=format!("{}.credits_per_run", t.id)
                        label="Per run (average)"
                        unit=noun(per_run)
                        value=per_run
                        depends=Depends::Agent(t.id)
                        ranged=true
                    />
                    <Figure
                        metric=format!("{}.credits_per_month", t.id)
                        label="Per month"
                        unit=noun(per_month)
                        value=per_month
                        depends=Depends::Agent(t.id)
                        ranged=true
                    />
                </div>
            </div>
            <p class="derivation" data-derivation=t.id>{formula}</p>
            <Slot name=format!("agent.{}.details", t.id) view=move || deferred.parts().map(|p| (p.agent_details)(t.id))/>
        </section>
    }
    .into_any()
}

/// An agent's inputs: typing updates the draft, and a valid value updates the estimate; an
/// invalid one leaves the last valid estimate in place. The agent card's and the widget's.
pub fn agent_fields(t: &'static AgentTemplate) -> impl IntoView {
    let calc = expect_context::<Calc>();
    t.inputs
        .iter()
        .map(|def| {
            view! {
                <SettingField
                    key=format!("{}.{}", t.id, def.key)
                    field=def.field()
                    unit=Signal::derive(move || {
                        let value = calc.workload.with(|w| w.agent(t.id).map(|a| a.value(def)));
                        def.unit_for(value.unwrap_or_default()).to_string()
                    })
                    value=Signal::derive(move || {
                        calc.workload.with(|w| w.agent(t.id).map(|a| a.value(def)))
                    })
                    on_valid=when_set(move |v| {
                        calc.workload.update(|w| ignore_validated(w.set(t.id, def.key, v)))
                    })
                    ordered=true
                />
            }
        })
        .collect_view()
}
