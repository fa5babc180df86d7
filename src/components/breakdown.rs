use leptos::prelude::*;

use crate::components::LazyDetails;
use crate::rating::AgentEstimate;
use crate::state::Calc;

/// The feature-by-feature table behind an agent's per-run figure: every credit traced to a rate
/// on the card and the inputs that drive its count.
#[component]
pub fn Breakdown(
    /// The agent's estimate.
    agent: Signal<Option<AgentEstimate>>,
) -> impl IntoView {
    let calc = expect_context::<Calc>();
    let rows = move || {
        agent.with(|a| {
            let Some(a) = a else { return Vec::new() };
            calc.fmt.with_value(|f| {
                a.lines
                    .iter()
                    .map(|l| {
                        let driver = if l.factors.is_empty() {
                            "once per run".to_string()
                        } else {
                            l.factors
                                .iter()
                                .map(|x| {
                                    format!(
                                        "{} {}",
                                        f.decimal(x.value, 4),
                                        x.input.unit_for(x.value)
                                    )
                                })
                                .collect::<Vec<_>>()
                                .join(" × ")
                        };
                        (
                            l.feature.name,
                            l.rate.name,
                            format!("{} {}", f.decimal(l.rate.credits, 4), l.rate.unit_label()),
                            driver,
                            f.decimal(l.count_per_run, 6),
                            f.credits(l.credits_per_run.amount()),
                        )
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let total = move || {
        agent.with(|a| {
            a.as_ref()
                .map(|a| {
                    calc.fmt
                        .with_value(|f| f.credits(a.credits_per_run.amount()))
                })
                .unwrap_or_default()
        })
    };
    let source = move || agent.with(|a| a.as_ref().map(|a| a.template.source).unwrap_or_default());
    view! {
        <LazyDetails class="breakdown" summary=|| "How this is calculated">
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">"Feature"</th>
                            <th scope="col">"Billed as"</th>
                            <th scope="col">"Rate"</th>
                            <th scope="col">"Happens"</th>
                            <th scope="col" class="num">"Count per run"</th>
                            <th scope="col" class="num">"Credits per run"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            rows()
                                .into_iter()
                                .map(|(feature, scenario, rate, driver, count, credits)| {
                                    view! {
                                        <tr>
                                            <th scope="row">{feature}</th>
                                            <td>{scenario}</td>
                                            <td>{rate}</td>
                                            <td>{driver}</td>
                                            <td class="num">{count}</td>
                                            <td class="num">{credits}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row" colspan="5">"Average run"</th>
                            <td class="num">{total}</td>
                        </tr>
                    </tfoot>
                </table>
            </div>
            <p class="source">
                "Features and event scenarios: "
                <a href=source target="_blank" rel="noopener">"Microsoft Learn, Manage consumption-based billing"</a>
                ". Rates: the rate card below."
            </p>
        </LazyDetails>
    }
}
