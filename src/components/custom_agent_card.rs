use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::app::Calc;
use crate::components::{when_set, Figure, SettingField, TextField};
use crate::rating::custom::{self, CustomStep, MAX_STEPS};
use crate::rating::{card, custom_derivation, CustomAgent, CustomEstimate, EventScenario};

/// A custom agent: its name, runs, who runs it, its steps on the rate card, and its figures with
/// their derivation.
#[component]
pub fn CustomAgentCard(
    /// The agent's id in the workload.
    id: u32,
) -> impl IntoView {
    let calc = expect_context::<Calc>();
    let agent = Memo::new(move |_| calc.workload.with(|w| w.custom(id).cloned()));
    let est = Memo::new(move |_| calc.estimate.with(|e| e.custom(id).cloned()));
    let update = move |f: Box<dyn FnOnce(&mut CustomAgent)>| {
        calc.workload.update(|w| {
            if let Some(a) = w.custom.iter_mut().find(|a| a.id == id) {
                f(a);
            }
        });
    };
    let figure = move |pick: fn(&CustomEstimate) -> Decimal| {
        Signal::derive(move || est.with(|e| e.as_ref().map_or(Decimal::ZERO, pick)))
    };
    let key = move |field: &str| format!("custom.{id}.{field}");
    let name = Signal::derive(move || {
        agent.with(|a| a.as_ref().map(|a| a.name.clone()).unwrap_or_default())
    });
    let autonomous = move || agent.with(|a| a.as_ref().is_some_and(|a| a.autonomous));
    let steps = move || agent.with(|a| a.as_ref().map_or(0, |a| a.steps.len()));
    let formula = move || {
        est.with(|e| {
            e.as_ref()
                .map(|e| calc.fmt.with_value(|f| custom_derivation(e, f)))
                .unwrap_or_default()
        })
    };
    let add_step = move |_| {
        update(Box::new(|a| {
            if a.steps.len() < MAX_STEPS {
                a.steps.push(CustomStep {
                    name: format!("Step {}", a.steps.len() + 1),
                    scenario: EventScenario::GenerativeAnswer,
                    events: Decimal::ONE,
                    items: None,
                    share: Decimal::ONE_HUNDRED,
                });
            }
        }));
    };
    let full = move || steps() >= MAX_STEPS;
    let at_limit = move || {
        calc.workload
            .with(|w| w.custom.len() >= custom::MAX_CUSTOM_AGENTS)
    };
    let duplicate = move |_| {
        calc.workload.update(|w| {
            if let Some(mut copy) = w.custom(id).cloned() {
                copy.name = format!("{} (copy)", copy.name);
                // Refused past 20 custom agents; the button is disabled there.
                let _ = w.add_custom(copy);
            }
        });
    };
    let heading = format!("custom-{id}");
    let labelled_by = heading.clone();
    view! {
        <section class="agent custom-agent" data-custom=id aria-labelledby=labelled_by>
            <header class="agent-header">
                <div>
                    <h2 id=heading>{move || name.get()}</h2>
                    <p class="agent-product">"Custom agent · " {steps} " steps on the rate card"</p>
                </div>
                <div class="agent-actions">
                    <button type="button" class="quiet" data-action="duplicate-agent" on:click=duplicate disabled=at_limit>
                        "Duplicate"
                    </button>
                    <button type="button" class="quiet" data-action="remove-agent" on:click=move |_| calc.remove_agent(None, Some(id))>
                        "Remove"
                    </button>
                </div>
            </header>
            <div class="agent-body">
                <fieldset class="inputs">
                    <legend class="visually-hidden">"Agent settings"</legend>
                    <TextField key=key("name") label="Name" value=name
                        on_input=Callback::new(move |t: String| update(Box::new(move |a| a.name = t)))/>
                    <SettingField
                        key=key("runs")
                        label="Runs per month"
                        help="Conversations, requests or triggers a month."
                        unit="runs"
                        kind=custom::RUNS
                        value=Signal::derive(move || agent.with(|a| a.as_ref().map(|a| a.runs)))
                        on_valid=when_set(move |v| update(Box::new(move |a| a.runs = v)))
                    />
                    <div class="field">
                        <label for=format!("in-custom-{id}-who")>"Who runs it"</label>
                        <select id=format!("in-custom-{id}-who") data-input=key("autonomous")
                            prop:value=move || if autonomous() { "autonomous" } else { "interactive" }
                            on:change=move |ev| {
                                let auto = event_target_value(&ev) == "autonomous";
                                update(Box::new(move |a| a.autonomous = auto));
                            }>
                            <option value="interactive">"People, in a chat (licensed users may be exempt)"</option>
                            <option value="autonomous">"A trigger, autonomously (always billed)"</option>
                        </select>
                    </div>
                    <Show when=move || !autonomous()>
                        <SettingField
                            key=key("licensed_share")
                            label="Runs by Microsoft 365 Copilot licensed users"
                            help="Authenticated licensed users are not charged for the scenarios the rate card marks so (Microsoft Learn, Billing rates and management)."
                            unit="% of runs"
                            kind=custom::SHARE
                            value=Signal::derive(move || agent.with(|a| a.as_ref().map(|a| a.licensed_share)))
                            on_valid=when_set(move |v| update(Box::new(move |a| a.licensed_share = v)))
                        />
                    </Show>
                </fieldset>
                <div class="results" aria-live="polite">
                    <Figure metric=format!("custom.{id}.credits_per_run") label="Per run (average)" unit="credits" value=figure(|e| e.credits_per_run.amount())/>
                    <Figure metric=format!("custom.{id}.credits_per_month") label="Per month" unit="credits" value=figure(|e| e.credits_per_month.amount())/>
                </div>
            </div>
            <p class="derivation" data-derivation=format!("custom.{id}")>{formula}</p>
            <details class="breakdown steps-editor" open>
                <summary>"Steps"</summary>
                {move || (0..steps()).map(|i| view! { <StepRow agent=id index=i/> }).collect_view()}
                <div class="row-actions">
                    <button type="button" class="secondary" data-action="add-step" on:click=add_step disabled=full>"Add a step"</button>
                </div>
            </details>
        </section>
    }
}

/// One step: name, scenario, events, items per run and share of runs, with its credits.
#[component]
fn StepRow(agent: u32, index: usize) -> impl IntoView {
    let calc = expect_context::<Calc>();
    let step = Memo::new(move |_| {
        calc.workload
            .with(|w| w.custom(agent).and_then(|a| a.steps.get(index).cloned()))
    });
    let line = Memo::new(move |_| {
        calc.estimate
            .with(|e| e.custom(agent).and_then(|c| c.lines.get(index).cloned()))
    });
    let update = move |f: Box<dyn FnOnce(&mut CustomStep)>| {
        calc.workload.update(|w| {
            if let Some(s) = w
                .custom
                .iter_mut()
                .find(|a| a.id == agent)
                .and_then(|a| a.steps.get_mut(index))
            {
                f(s);
            }
        });
    };
    let remove = move |_| {
        let prefix = format!("custom.{agent}.steps.");
        calc.drafts
            .update(|d| d.retain(|k, _| !k.starts_with(&prefix)));
        calc.workload.update(|w| {
            if let Some(a) = w.custom.iter_mut().find(|a| a.id == agent) {
                if index < a.steps.len() {
                    a.steps.remove(index);
                }
            }
        });
    };
    let key = move |field: &str| format!("custom.{agent}.steps.{index}.{field}");
    let scenario_index = move || {
        step.with(|s| {
            s.as_ref()
                .and_then(|s| EventScenario::ALL.iter().position(|x| *x == s.scenario))
                .unwrap_or(0)
                .to_string()
        })
    };
    let options = card::current()
        .rates
        .iter()
        .map(|r| {
            let i = EventScenario::ALL
                .iter()
                .position(|x| *x == r.scenario)
                .unwrap_or(0);
            let label = format!("{} ({} credits {})", r.name, r.credits, r.unit_label());
            view! { <option value=i.to_string()>{label}</option> }
        })
        .collect_view();
    let unit = Signal::derive(move || {
        step.with(|s| {
            s.as_ref()
                .map(|s| format!("{}s", card::current().rate(s.scenario).unit))
                .unwrap_or_default()
        })
    });
    let credits = move || {
        line.with(|l| {
            l.as_ref()
                .map(|l| {
                    calc.fmt
                        .with_value(|f| f.credits(l.credits_per_run.amount()))
                })
                .unwrap_or_default()
        })
    };
    view! {
        <fieldset class="list-row step-row" data-step-row=index>
            <legend>"Step " {index + 1} ": " {credits} " credits per run"</legend>
            <TextField key=key("name") label="Name"
                value=Signal::derive(move || step.with(|s| s.as_ref().map(|s| s.name.clone()).unwrap_or_default()))
                on_input=Callback::new(move |t: String| update(Box::new(move |s| s.name = t)))/>
            <div class="field">
                <label for=format!("in-custom-{agent}-steps-{index}-scenario")>"Billed as"</label>
                <select id=format!("in-custom-{agent}-steps-{index}-scenario") data-input=key("scenario")
                    prop:value=scenario_index
                    on:change=move |ev| {
                        let chosen = event_target_value(&ev)
                            .parse::<usize>()
                            .ok()
                            .and_then(|i| EventScenario::ALL.get(i).copied());
                        if let Some(sc) = chosen {
                            update(Box::new(move |s| s.scenario = sc));
                        }
                    }>
                    {options}
                </select>
            </div>
            <SettingField
                key=key("events")
                label="Events each time"
                help="Responses, actions or pages each time the step happens."
                unit=unit
                kind=custom::EVENTS
                value=Signal::derive(move || step.with(|s| s.as_ref().map(|s| s.events)))
                on_valid=when_set(move |v| update(Box::new(move |s| s.events = v)))
            />
            <SettingField
                key=key("items")
                label="Items per run"
                help="Repeats per item (pages, lines, attachments); empty for once per run."
                unit="items"
                kind=custom::EVENTS
                optional=true
                value=Signal::derive(move || step.with(|s| s.as_ref().and_then(|s| s.items)))
                on_valid=Callback::new(move |v| update(Box::new(move |s| s.items = v)))
            />
            <SettingField
                key=key("share")
                label="Share of runs"
                help="The runs in which the step happens."
                unit="%"
                kind=custom::SHARE
                value=Signal::derive(move || step.with(|s| s.as_ref().map(|s| s.share)))
                on_valid=when_set(move |v| update(Box::new(move |s| s.share = v)))
            />
            <button type="button" class="quiet" data-action="remove-step" on:click=remove>"Remove step"</button>
        </fieldset>
    }
}
