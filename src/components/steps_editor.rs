use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::components::{element_id, when_set, SettingField};
use crate::format::plural;
use crate::rating::custom::{self, CustomStep, MAX_NAME, MAX_STEPS};
use crate::rating::{card, Bound, Bounds, CustomAgent, EventScenario, Field, InputKind};
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
                a.steps.push(CustomStep::new(
                    card::current(),
                    EventScenario::GenerativeAnswer,
                ));
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

/// One step: name, scenario (with its rate), events, items per run and share of runs, with its
/// credits. Laid out so nothing is cut: the name wraps, the scenario list holds names only and
/// its rate is written below it (style/main.css lays the fields out, one column on a phone).
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
    // One low or high value of a driver of the step (ranges); empty is the same as expected.
    let bound_field = move |field: &'static str,
                            bound: Bound,
                            kind: InputKind,
                            range: fn(&mut CustomStep) -> &mut Bounds,
                            read: fn(&CustomStep) -> Bounds| {
        view! {
            <SettingField
                key=key(field)
                field=Field::bound(bound, "", kind)
                value=Signal::derive(move || step.with(|s| s.as_ref().and_then(|s| read(s).get(bound))))
                on_valid=Callback::new(move |v: Option<Decimal>| update(Box::new(move |s| range(s).set(bound, v))))
                ordered=true
            />
        }
    };
    let scenario_id = move || element_id(&list.key(index.get(), "scenario"));
    let rate_id = move || format!("{}-rate", scenario_id());
    let name_id = move || element_id(&list.key(index.get(), "name"));
    let name =
        Memo::new(move |_| step.with(|s| s.as_ref().map(|s| s.name.clone()).unwrap_or_default()));
    // Lines for the name where the browser cannot size the field to its text (field-sizing).
    let name_rows = move || name.with(|n| (n.chars().count() / 36 + 1).min(3));
    let on_name = move |ev| {
        let text: String = event_target_value(&ev)
            .replace(['\r', '\n'], " ")
            .chars()
            .take(MAX_NAME)
            .collect();
        update(Box::new(move |s| s.name = text));
    };
    let rate =
        Memo::new(move |_| step.with(|s| s.as_ref().map(|s| card::current().rate(s.scenario))));
    let rate_text = move || {
        rate.get()
            .map(|r| {
                let credits = calc.fmt.with_value(|f| f.decimal(r.credits, 4));
                let noun = plural(r.credits, "credit", "credits");
                format!("{credits} {noun} {}", r.unit_label())
            })
            .unwrap_or_default()
    };
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
            view! { <option value=i.to_string()>{r.name}</option> }
        })
        .collect_view();
    let unit = Signal::derive(move || {
        step.with(|s| {
            s.as_ref()
                .map(|s| {
                    // "1 response", "2 responses".
                    let one = card::current().rate(s.scenario).unit;
                    format!("{one}{}", plural(s.events, "", "s"))
                })
                .unwrap_or_default()
        })
    });
    let items_unit = Signal::derive(move || {
        step.with(|s| {
            let items = s.as_ref().and_then(|s| s.items).unwrap_or_default();
            plural(items, "item", "items").to_string()
        })
    });
    let credits = move || {
        line.with(|l| {
            l.as_ref()
                .map(|l| {
                    calc.fmt
                        .with_value(|f| f.credits_noun(l.credits_per_run.amount()))
                })
                .unwrap_or_default()
        })
    };
    view! {
        <fieldset class="list-row step-row" data-step-row=index>
            <legend>"Step " {move || index.get() + 1} ": " {credits} " per run"</legend>
            // A name wraps rather than being cut; it is one line of text all the same.
            <div class="field text step-name">
                <label for=name_id>"Name"</label>
                <textarea id=name_id data-input=key("name") rows=name_rows maxlength=MAX_NAME
                    autocomplete="off"
                    prop:value=move || name.get()
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                        }
                    }
                    on:input=on_name></textarea>
            </div>
            <div class="field step-scenario">
                <label for=scenario_id>"Billed as"</label>
                // The list's own box cuts a long name on a phone; there the box shown is this
                // one, whose text wraps, with the list laid over it (style/main.css).
                <div class="scenario-picker">
                    <span class="scenario-shown" aria-hidden="true">{move || rate.get().map(|r| r.name)}</span>
                    <select id=scenario_id data-input=key("scenario") aria-describedby=rate_id
                        prop:value=scenario_index
                        on:change=move |ev| {
                            let chosen = event_target_value(&ev)
                                .parse::<usize>()
                                .ok()
                                .and_then(|i| EventScenario::ALL.get(i).copied());
                            if let Some(sc) = chosen {
                                update(Box::new(move |s| s.set_scenario(card::current(), sc)));
                            }
                        }>
                        {options}
                    </select>
                </div>
                <p class="step-rate" id=rate_id>{rate_text}</p>
            </div>
            <SettingField
                key=key("events")
                field=custom::EVENTS_FIELD
                unit=unit
                value=Signal::derive(move || step.with(|s| s.as_ref().map(|s| s.events)))
                on_valid=when_set(move |v| update(Box::new(move |s| s.events = v)))
                ordered=true
            />
            <SettingField
                key=key("items")
                field=custom::ITEMS_FIELD
                unit=items_unit
                value=Signal::derive(move || step.with(|s| s.as_ref().and_then(|s| s.items)))
                on_valid=Callback::new(move |v| update(Box::new(move |s| s.items = v)))
                ordered=true
            />
            <SettingField
                key=key("share")
                field=custom::STEP_SHARE_FIELD
                value=Signal::derive(move || step.with(|s| s.as_ref().map(|s| s.share)))
                on_valid=when_set(move |v| update(Box::new(move |s| s.share = v)))
                ordered=true
            />
            <details class="ranges step-ranges" open=move || step.with(|s| s.as_ref().is_some_and(CustomStep::has_ranges))>
                <summary>"Low and high values"</summary>
                <fieldset class="range-row">
                    <legend>"Events each time"</legend>
                    {bound_field("events.low", Bound::Low, custom::EVENTS, |s| &mut s.events_range, |s| s.events_range)}
                    {bound_field("events.high", Bound::High, custom::EVENTS, |s| &mut s.events_range, |s| s.events_range)}
                </fieldset>
                <fieldset class="range-row" hidden=move || step.with(|s| s.as_ref().is_none_or(|s| s.items.is_none()))>
                    <legend>"Items per run"</legend>
                    {bound_field("items.low", Bound::Low, custom::EVENTS, |s| &mut s.items_range, |s| s.items_range)}
                    {bound_field("items.high", Bound::High, custom::EVENTS, |s| &mut s.items_range, |s| s.items_range)}
                </fieldset>
                <fieldset class="range-row">
                    <legend>"Share of runs"</legend>
                    {bound_field("share.low", Bound::Low, custom::SHARE, |s| &mut s.share_range, |s| s.share_range)}
                    {bound_field("share.high", Bound::High, custom::SHARE, |s| &mut s.share_range, |s| s.share_range)}
                </fieldset>
            </details>
            <button type="button" class="quiet" data-action="remove-step" on:click=remove>"Remove step"</button>
        </fieldset>
    }
}
