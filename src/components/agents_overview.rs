use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::chart::{heights, percentages, starts};
use crate::components::{BarPart, DataTable, StackedBar, StaleNote};
use crate::format::exact;
use crate::state::{Calc, Depends};

/// Steps listed in "what drives the bill".
const TOP_STEPS: usize = 6;

/// Every agent in page order with its figures (`agents.N.*`), and what drives the bill: each
/// agent's share of the month, and the steps that cost the most.
#[component]
pub fn AgentsOverview() -> impl IntoView {
    let calc = expect_context::<Calc>();
    let drivers = Memo::new(move |_| calc.estimate.with(|e| e.drivers()));
    let credits = move |v: Decimal| calc.fmt.with_value(|f| f.credits(v));
    // The whole table, not the row of the agent in error: the shares depend on every agent.
    let stale = calc.stale_attr(Depends::Total);
    let rows = move || {
        drivers.with(|ds| {
            let months: Vec<Decimal> = ds.iter().map(|d| d.credits_per_month.amount()).collect();
            let shares = percentages(&months);
            ds.iter()
                .zip(shares)
                .enumerate()
                .map(|(i, (d, share))| {
                    let n = i + 1;
                    view! {
                        <tr>
                            <th scope="row" data-harness=d.harness.word()>
                                <span class=format!("swatch agent-{}", i % 6)></span>{d.name.clone()}{d.harness.tag()}
                            </th>
                            <td class="num">
                                <output data-metric=format!("agents.{n}.credits_per_run") data-value=exact(d.credits_per_run.amount()) data-stale=stale>
                                    {credits(d.credits_per_run.amount())}
                                </output>
                            </td>
                            <td class="num">
                                <output data-metric=format!("agents.{n}.credits_per_month") data-value=exact(d.credits_per_month.amount()) data-stale=stale>
                                    {credits(d.credits_per_month.amount())}
                                </output>
                            </td>
                            <td class="num">{calc.fmt.with_value(|f| f.decimal(share, 1))} " %"</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let bar = Signal::derive(move || {
        drivers.with(|ds| {
            let months: Vec<Decimal> = ds.iter().map(|d| d.credits_per_month.amount()).collect();
            let shares = percentages(&months);
            shares
                .iter()
                .zip(starts(&shares))
                .enumerate()
                .filter(|(_, (p, _))| **p > Decimal::ZERO)
                .map(|(i, (p, start))| BarPart {
                    class: format!("seg agent-{}", i % 6),
                    hook: None,
                    start,
                    width: *p,
                })
                .collect::<Vec<_>>()
        })
    });
    let top = move || {
        drivers.with(|ds| {
            let mut steps: Vec<(String, String, Decimal)> = ds
                .iter()
                .flat_map(|d| d.steps.iter().map(move |(s, c)| (d.name.clone(), s.clone(), *c)))
                .filter(|(_, _, c)| *c > Decimal::ZERO)
                .collect();
            steps.sort_by_key(|s| std::cmp::Reverse(s.2));
            steps.truncate(TOP_STEPS);
            // Scaled so the largest step fills its row.
            let widths = heights(&steps.iter().map(|s| s.2).collect::<Vec<_>>(), Decimal::ONE_HUNDRED);
            steps
                .into_iter()
                .zip(widths)
                .map(|((agent, step, c), width)| {
                    view! {
                        <li>
                            <span class="driver-label">{step} <span class="muted">" · " {agent}</span></span>
                            <StackedBar
                                class="driver-bar"
                                parts=vec![BarPart { class: "seg seg-payg".into(), hook: None, start: Decimal::ZERO, width }]
                                label=format!("{width} % of the largest step")
                            />
                            <span class="num">{credits(c)}</span>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="overview">
            <StaleNote depends=Depends::Total/>
            <DataTable columns=&["Agent", "Per run", "Per month", "Share"]>{rows}</DataTable>
            <StackedBar parts=bar label="Each agent's share of the month's credits".to_string()/>
            <h3 class="drivers-heading">"What drives the bill"</h3>
            <ol class="drivers">{top}</ol>
        </div>
    }
}
