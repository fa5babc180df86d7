use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::format::exact;
use crate::rating::custom::{upgrade, Harness};
use crate::rating::{card, CustomEstimate};
use crate::state::{Calc, Depends};

/// On a standard agent: the same agent on the GitHub Copilot harness, side by side (its steps on
/// the rate card against the usage-based estimate at its credits per task), and the switch.
#[component]
pub fn HarnessUpgrade(
    /// The agent's id in the workload.
    id: u32,
) -> impl IntoView {
    let calc = expect_context::<Calc>();
    let compared = Memo::new(move |_| {
        calc.workload
            .with(|w| w.custom(id).and_then(|a| upgrade(card::current(), a).ok()))
    });
    let credits = move |v: Decimal| calc.fmt.with_value(|f| f.credits(v));
    let cell = move |pick: fn(&CustomEstimate) -> Decimal, harness: bool, metric: &'static str| {
        move || {
            compared.with(|u| {
                u.as_ref().map(|u| {
                    if !harness {
                        return view! { <span>{credits(pick(&u.standard))}</span> }.into_any();
                    }
                    let [low, expected, high] = u.usage.each_ref().map(pick);
                    let range = (low != high).then(|| format!("{} – {}", credits(low), credits(high)));
                    view! {
                        <output data-metric=format!("custom.{id}.upgrade.{metric}") data-value=exact(expected) data-stale=calc.stale_attr(Depends::Custom(id))>{credits(expected)}</output>
                        <span class="cell-range">{range}</span>
                    }
                    .into_any()
                })
            })
        }
    };
    let task = move || {
        compared.with(|u| {
            u.as_ref()
                .map(|u| credits(u.usage[1].credits_per_run.amount()))
                .unwrap_or_default()
        })
    };
    let switch = move |_| {
        calc.workload.update(|w| {
            if let Some(a) = w.custom.iter_mut().find(|a| a.id == id) {
                a.harness = Harness::GithubCopilot;
            }
        });
    };
    view! {
        <details class="harness-upgrade" data-upgrade=id>
            <summary>"Upgrade to the GitHub Copilot harness?"</summary>
            <p>
                "New agents built from the Copilot Studio home page run on the GitHub Copilot harness, \
                 billed by usage instead of the rate card: here at " {task} " credits a task (Microsoft's \
                 planning ranges: light tasks 100 to 300, medium 300 to 500), with no licensed-user \
                 exemption. Its credits per task and building and testing are editable once it is on \
                 that harness, and switching back keeps its steps."
            </p>
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr>
                            <th scope="col"></th>
                            <th scope="col" class="num">"Standard (its steps)"</th>
                            <th scope="col" class="num">"GitHub Copilot (usage)"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <tr>
                            <th scope="row">"Per run"</th>
                            <td class="num">{cell(|e| e.credits_per_run.amount(), false, "")}</td>
                            <td class="num">{cell(|e| e.credits_per_run.amount(), true, "credits_per_run")}</td>
                        </tr>
                        <tr>
                            <th scope="row">"Per month"</th>
                            <td class="num">{cell(|e| e.credits_per_month.amount(), false, "")}</td>
                            <td class="num">{cell(|e| e.credits_per_month.amount(), true, "credits_per_month")}</td>
                        </tr>
                    </tbody>
                </table>
            </div>
            <button type="button" data-action="upgrade-harness" on:click=switch>
                "Move it to the GitHub Copilot harness"
            </button>
        </details>
    }
}
