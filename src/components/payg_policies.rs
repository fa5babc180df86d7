use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::capacity::inputs::fields;
use crate::capacity::{BillingPolicy, Scope, MAX_POLICIES};
use crate::components::{element_id, DataTable, Fold, SettingField, StaleNote, TextField};
use crate::format::exact;
use crate::state::{Calc, Depends, FullReport, RowList};

/// Where pay-as-you-go is billed: the Power Platform set-up and Microsoft 365 Copilot billing
/// policies, with the month's pay-as-you-go cost per set-up (billed once, never twice).
#[component]
pub fn PaygPolicies() -> impl IntoView {
    let calc = expect_context::<Calc>();
    let report = expect_context::<FullReport>().0;
    let setup = move || calc.billing.with(|b| b.payg_setup.clone());
    let count = move || calc.billing.with(|b| b.payg_setup.policies.len());
    let full = move || count() >= MAX_POLICIES;
    let add = move |_| {
        calc.billing.update(|b| {
            let p = &mut b.payg_setup.policies;
            if p.len() < MAX_POLICIES {
                let n = p.len() + 1;
                p.push(BillingPolicy {
                    name: format!("Copilot Chat policy {n}"),
                    subscription: String::new(),
                    resource_group: String::new(),
                    region: String::new(),
                    scope: if p.iter().any(|p| p.scope == Scope::AllUsers) {
                        Scope::Group { users: 0 }
                    } else {
                        Scope::AllUsers
                    },
                });
            }
        });
    };
    let split = Memo::new(move |_| report.with(|r| r.as_ref().map(|r| r.payg_split.clone())));
    let money = move |v: Decimal| calc.fmt.with_value(|f| f.money(v));
    let credits = move |v: Decimal| calc.fmt.with_value(|f| f.credits(v));
    let rows = move || {
        let s = setup();
        split.with(|sp| {
            let Some(sp) = sp else { return Vec::new() };
            sp.shares
                .iter()
                .map(|share| {
                    let (name, metric) = match share.policy {
                        Some(i) => (
                            s.policies.get(i).map(|p| p.name.clone()).unwrap_or_default(),
                            format!("billing.policy.{}.payg_cost", i + 1),
                        ),
                        None => (
                            "Power Platform environment set-up".to_string(),
                            "billing.power_platform.payg_cost".to_string(),
                        ),
                    };
                    view! {
                        <tr>
                            <th scope="row">{name}</th>
                            <td class="num">{share.users}</td>
                            <td class="num">{credits(share.credits.amount())}</td>
                            <td class="num">
                                <output data-metric=metric data-value=exact(share.cost) data-stale=calc.stale_attr(Depends::Billing)>{money(share.cost)}</output>
                            </td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let notes = move || {
        split.with(|sp| {
            let mut notes = Vec::new();
            let Some(sp) = sp else { return notes };
            if sp.both {
                notes.push(
                    "Both a Power Platform and a Microsoft 365 set-up exist: usage is billed once \
                     (counted here under the Microsoft 365 policy). Microsoft recommends turning \
                     off the Power Platform one before enabling the Microsoft 365 one."
                        .to_string(),
                );
            }
            if sp.uncovered.amount() > Decimal::ZERO {
                let (users, are) = if sp.uncovered_users == 1 {
                    ("user", "is")
                } else {
                    ("users", "are")
                };
                notes.push(format!(
                    "{} {users} ({} of pay-as-you-go usage) {are} covered by no set-up: their \
                     agents don't run on pay-as-you-go.",
                    sp.uncovered_users,
                    calc.fmt
                        .with_value(|f| f.credits_noun(sp.uncovered.amount()))
                ));
            }
            notes
        })
    };
    view! {
        <Fold name="policies" class="policies" summary=|| "Pay-as-you-go billing policies">
            <StaleNote depends=Depends::Billing/>
            <p>
                "Business Central agents bill pay-as-you-go through the Power Platform environment. \
                 Microsoft 365 Copilot Chat uses billing policies from the Microsoft 365 admin center, \
                 each tied to an Azure subscription, resource group and region and covering all \
                 users or a security group. The month's pay-as-you-go is split by the users each covers."
            </p>
            <div class="field">
                <label class="check">
                    <input
                        type="checkbox"
                        data-input="billing.power_platform"
                        prop:checked=move || setup().power_platform
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            calc.billing.update(|b| b.payg_setup.power_platform = on);
                        }
                    />
                    " Pay-as-you-go set up in the Power Platform admin center"
                </label>
            </div>
            <SettingField
                key="billing.users"
                field=fields::USERS
                value=Signal::derive(move || calc.billing.with(|b| Some(Decimal::from(b.payg_setup.users))))
                on_valid=Callback::new(move |v: Option<Decimal>| {
                    if let Some(n) = v.and_then(|v| u32::try_from(v.mantissa()).ok()) {
                        calc.billing.update(|b| b.payg_setup.users = n);
                    }
                })
            />
            <For
                each=move || calc.row_ids(RowList::Policies)
                key=|id| *id
                children=move |id| view! { <PolicyRow id=id/> }
            />
            <div class="row-actions">
                <button type="button" class="secondary" data-action="add-policy" on:click=add disabled=full>
                    "Add a Microsoft 365 billing policy"
                </button>
            </div>
            <ul class="notes">{move || notes().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            <DataTable columns=&["Billed through", "Users", "Credits", "Cost a month"]>{rows}</DataTable>
        </Fold>
    }
}

/// One Microsoft 365 billing policy.
#[component]
fn PolicyRow(
    /// The row's stable id.
    id: u64,
) -> impl IntoView {
    let calc = expect_context::<Calc>();
    let list = RowList::Policies;
    let index = Memo::new(move |_| calc.row_index(list, id).unwrap_or_default());
    let policy = move || {
        calc.billing
            .with(|b| b.payg_setup.policies.get(index.get()).cloned())
    };
    let update = move |f: Box<dyn FnOnce(&mut BillingPolicy)>| {
        calc.billing.update(|b| {
            if let Some(p) = b.payg_setup.policies.get_mut(index.get_untracked()) {
                f(p);
            }
        });
    };
    let text = move |get: fn(&BillingPolicy) -> String| {
        Signal::derive(move || policy().map(|p| get(&p)).unwrap_or_default())
    };
    let remove = move |_| {
        calc.remove_row(list, id, |plan, i| {
            plan.billing.payg_setup.policies.remove(i);
        });
    };
    let group = move || matches!(policy().map(|p| p.scope), Some(Scope::Group { .. }));
    let on_scope = move |ev| {
        let scope = if event_target_value(&ev) == "group" {
            Scope::Group { users: 0 }
        } else {
            Scope::AllUsers
        };
        update(Box::new(move |p| p.scope = scope));
    };
    let key = move |field: &'static str| Signal::derive(move || list.key(index.get(), field));
    let scope_id = move || element_id(&list.key(index.get(), "scope"));
    view! {
        <fieldset class="list-row" data-policy=index>
            <legend>"Billing policy " {move || index.get() + 1}</legend>
            <TextField key=key("name") label="Name" value=text(|p| p.name.clone())
                on_input=Callback::new(move |t: String| update(Box::new(move |p| p.name = t)))/>
            <TextField key=key("subscription") label="Azure subscription" value=text(|p| p.subscription.clone())
                on_input=Callback::new(move |t: String| update(Box::new(move |p| p.subscription = t)))/>
            <TextField key=key("resource_group") label="Resource group" value=text(|p| p.resource_group.clone())
                on_input=Callback::new(move |t: String| update(Box::new(move |p| p.resource_group = t)))/>
            <TextField key=key("region") label="Region" value=text(|p| p.region.clone())
                on_input=Callback::new(move |t: String| update(Box::new(move |p| p.region = t)))/>
            <div class="field">
                <label for=scope_id>"User scope"</label>
                <select id=scope_id data-input=key("scope")
                    prop:value=move || if group() { "group" } else { "all" } on:change=on_scope>
                    <option value="all">"All users"</option>
                    <option value="group">"A security group"</option>
                </select>
            </div>
            <Show when=group>
                <SettingField
                    key=key("users")
                    field=fields::GROUP_USERS
                    value=Signal::derive(move || match policy().map(|p| p.scope) {
                        Some(Scope::Group { users }) => Some(Decimal::from(users)),
                        _ => None,
                    })
                    on_valid=Callback::new(move |v: Option<Decimal>| {
                        if let Some(n) = v.and_then(|v| u32::try_from(v.mantissa()).ok()) {
                            update(Box::new(move |p| p.scope = Scope::Group { users: n }));
                        }
                    })
                />
            </Show>
            <button type="button" class="quiet" data-action="remove-policy" on:click=remove>"Remove"</button>
        </fieldset>
    }
}
