use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::capacity::inputs::fields;
use crate::capacity::{allocation_note, Environment, MAX_ENVIRONMENTS};
use crate::components::{when_set, DataTable, Fold, SettingField, TextField};
use crate::state::{Calc, FullReport, MonthBill, RowList};

/// The tenant's capacity split across environments and other services: who runs short first.
#[component]
pub fn Environments() -> impl IntoView {
    let calc = expect_context::<Calc>();
    let report = expect_context::<FullReport>().0;
    let count = move || calc.billing.with(|b| b.tenant.environments.len());
    let full = move || count() >= MAX_ENVIRONMENTS;
    let add = move |_| {
        calc.billing.update(|b| {
            if b.tenant.environments.len() < MAX_ENVIRONMENTS {
                let n = b.tenant.environments.len() + 1;
                b.tenant.environments.push(Environment {
                    name: if n == 2 {
                        "Sandbox".into()
                    } else {
                        format!("Environment {n}")
                    },
                    share: Decimal::ZERO,
                    allocated: None,
                });
            }
        });
    };
    let allocation = Memo::new(move |_| report.with(|r| r.as_ref().map(|r| r.allocation.clone())));
    let credits = move |v: Decimal| calc.fmt.with_value(|f| f.credits(v));
    let summary = move || {
        allocation.with(|a| match a {
            None => String::new(),
            Some(Err(e)) => format!("Check the environments: {e}."),
            Some(Ok(a)) => expect_context::<MonthBill>().0.with(|b| {
                b.as_ref()
                    .map(|b| {
                        calc.billing.with(|s| {
                            calc.fmt
                                .with_value(|f| allocation_note(a, b, &s.settings, f))
                        })
                    })
                    .unwrap_or_default()
            }),
        })
    };
    let is_error = move || allocation.with(|a| matches!(a, Some(Err(_))));
    let rows = move || {
        allocation.with(|a| {
            let Some(Ok(a)) = a else { return Vec::new() };
            a.consumers
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let first = a.first_short == Some(i);
                    view! {
                        <tr class:short=c.runs_out_day.is_some() class:first=first>
                            <th scope="row">{c.name.clone().unwrap_or_else(|| "Other services".into())}</th>
                            <td class="num">{credits(c.demand.amount())}</td>
                            <td class="num">{credits(c.capacity.amount())} {if c.allocated { " (allocated)" } else { " (tenant pool)" }}</td>
                            <td class="num">{credits(c.short.amount())}</td>
                            <td class="num" data-runs-out=i>{c.runs_out_day.map_or_else(|| "lasts".to_string(), |d| format!("day {d}"))}</td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <Fold name="environments" class="environments" summary=|| "Environments and other services">
            <p>
                "Prepaid capacity is pooled across the tenant. An allocation (Power Platform admin \
                 center) caps what an environment uses; environments without one, and other \
                 Microsoft services, share the rest. Shares say where the agents' credits run."
            </p>
            <For
                each=move || calc.row_ids(RowList::Environments)
                key=|id| *id
                children=move |id| view! { <EnvironmentRow id=id/> }
            />
            <div class="row-actions">
                <button type="button" class="secondary" data-action="add-environment" on:click=add disabled=full>
                    "Add an environment"
                </button>
            </div>
            <SettingField
                key="billing.other_use"
                field=fields::OTHER_USE
                value=Signal::derive(move || calc.billing.with(|b| Some(b.tenant.other_use)))
                on_valid=when_set(move |v| calc.billing.update(|b| b.tenant.other_use = v))
            />
            <p class="allocation-summary" class:error=is_error data-allocation=move || if is_error() { "error" } else { "ok" }>{summary}</p>
            <DataTable columns=&["Consumer", "Needs", "Prepaid available", "Short by", "Runs out"]>{rows}</DataTable>
        </Fold>
    }
}

/// One environment's name, share and allocation.
#[component]
fn EnvironmentRow(
    /// The row's stable id.
    id: u64,
) -> impl IntoView {
    let calc = expect_context::<Calc>();
    let list = RowList::Environments;
    let index = Memo::new(move |_| calc.row_index(list, id).unwrap_or_default());
    let env = move || {
        calc.billing
            .with(|b| b.tenant.environments.get(index.get()).cloned())
    };
    let update = move |f: Box<dyn FnOnce(&mut Environment)>| {
        calc.billing.update(|b| {
            if let Some(e) = b.tenant.environments.get_mut(index.get_untracked()) {
                f(e);
            }
        });
    };
    let remove = move |_| {
        calc.remove_row(list, id, |plan, i| {
            let envs = &mut plan.billing.tenant.environments;
            if envs.len() > 1 {
                envs.remove(i);
            }
        });
    };
    let key = move |field: &'static str| Signal::derive(move || list.key(index.get(), field));
    view! {
        <fieldset class="list-row" data-environment=index>
            <legend>"Environment " {move || index.get() + 1}</legend>
            <TextField
                key=key("name")
                label="Name"
                value=Signal::derive(move || env().map(|e| e.name).unwrap_or_default())
                on_input=Callback::new(move |t: String| update(Box::new(move |e| e.name = t)))
            />
            <SettingField
                key=key("share")
                field=fields::ENV_SHARE
                value=Signal::derive(move || env().map(|e| e.share))
                on_valid=when_set(move |v| update(Box::new(move |e| e.share = v)))
            />
            <SettingField
                key=key("allocated")
                field=fields::ENV_ALLOCATED
                value=Signal::derive(move || env().and_then(|e| e.allocated))
                on_valid=Callback::new(move |v| update(Box::new(move |e| e.allocated = v)))
            />
            <button type="button" class="quiet" data-action="remove-environment" on:click=remove
                disabled=move || calc.billing.with(|b| b.tenant.environments.len() <= 1)>
                "Remove"
            </button>
        </fieldset>
    }
}
