use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::components::{element_id, when_set, SettingField, TextField};
use crate::rating::custom::{self, CustomStep, MAX_STEPS};
use crate::rating::{card, CustomAgent, EventScenario};
use crate::state::{Calc, RowList};

/// A custom agent's steps on the rate card, each editable, and a button to add one.
#[component]
pub fn StepsEditor(
    /// The agent's id in the workload.
    id: u32,
) -> impl IntoView {
    let calc = expect_context::<Calc>();
    let update = move |f: Box<dyn FnOnce(&mut CustomAgent)>| {
        calc.workload.update(|w| {
            if let Some(a) = w.custom.iter_mut().find(|a| a.id == id) {
                f(a);
            }
        });
    };
    let steps = move || {
        calc.workload
            .with(|w| w.custom(id).map_or(0, |a| a.steps.len()))
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
    view! {
        <details class="breakdown steps-editor" open>
            <summary>"Steps"</summary>
            <For
                each=move || calc.row_ids(RowList::Steps(id))
                key=|row| *row
                children=move |row| view! { <StepRow agent=id row=row/> }
            />
            <div class="row-actions">
                <button type="button" class="secondary" data-action="add-step" on:click=add_step disabled=full>"Add a step"</button>
            </div>
        </details>
    }
}

/// One step: name, scenario, events, items per run and share of runs, with its credits.
#[component]
fn StepRow(
    /// The custom agent's id.
    agent: u32,
    /// The row's stable id.
    row: u64,
) -> impl IntoView {
    let calc = expect_context::<Calc>();
    let list = RowList::Steps(agent);
    let index = Memo::new(move |_| calc.row_index(list, row).unwrap_or_default());
    let step = Memo::new(move |_| {
        let i = index.get();
        calc.workload
            .with(|w| w.custom(agent).and_then(|a| a.steps.get(i).cloned()))
    });
    let line = Memo::new(move |_| {
        let i = index.get();
        calc.estimate
            .with(|e| e.custom(agent).and_then(|c| c.lines.get(i).cloned()))
    });
    let update = move |f: Box<dyn FnOnce(&mut CustomStep)>| {
        calc.workload.update(|w| {
            if let Some(s) = w
                .custom
                .iter_mut()
                .find(|a| a.id == agent)
                .and_then(|a| a.steps.get_mut(index.get_untracked()))
            {
                f(s);
            }
        });
    };
    let remove = move |_| {
        calc.remove_row(list, row, |plan, i| {
            if let Some(a) = plan.workload.custom.iter_mut().find(|a| a.id == agent) {
                a.steps.remove(i);
            }
        });
    };
    let key = move |field: &'static str| Signal::derive(move || list.key(index.get(), field));
    let scenario_id = move || element_id(&list.key(index.get(), "scenario"));
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
            <legend>"Step " {move || index.get() + 1} ": " {credits} " credits per run"</legend>
            <TextField key=key("name") label="Name"
                value=Signal::derive(move || step.with(|s| s.as_ref().map(|s| s.name.clone()).unwrap_or_default()))
                on_input=Callback::new(move |t: String| update(Box::new(move |s| s.name = t)))/>
            <div class="field">
                <label for=scenario_id>"Billed as"</label>
                <select id=scenario_id data-input=key("scenario")
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
                field=custom::EVENTS_FIELD
                unit=unit
                value=Signal::derive(move || step.with(|s| s.as_ref().map(|s| s.events)))
                on_valid=when_set(move |v| update(Box::new(move |s| s.events = v)))
            />
            <SettingField
                key=key("items")
                field=custom::ITEMS_FIELD
                value=Signal::derive(move || step.with(|s| s.as_ref().and_then(|s| s.items)))
                on_valid=Callback::new(move |v| update(Box::new(move |s| s.items = v)))
            />
            <SettingField
                key=key("share")
                field=custom::STEP_SHARE_FIELD
                value=Signal::derive(move || step.with(|s| s.as_ref().map(|s| s.share)))
                on_valid=when_set(move |v| update(Box::new(move |s| s.share = v)))
            />
            <button type="button" class="quiet" data-action="remove-step" on:click=remove>"Remove step"</button>
        </fieldset>
    }
}
