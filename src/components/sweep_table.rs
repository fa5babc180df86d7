use leptos::prelude::*;

use crate::components::StaleNote;
use crate::format::exact;
use crate::rating::template::template;
use crate::rating::{card, sweep};
use crate::state::{Calc, Depends};

/// The reference document's sensitivity table (credits per run by invoice lines), extended with
/// the user's own value and the monthly figure at their volume.
#[component]
pub fn SweepTable(
    /// The agent's template id.
    agent: &'static str,
) -> impl IntoView {
    let calc = expect_context::<Calc>();
    let Some(spec) = template(agent).and_then(|t| t.sweep.map(|s| (t, s))) else {
        return ().into_any();
    };
    let (t, s) = spec;
    let Some(input) = t.input(s.input) else {
        return ().into_any();
    };
    let rows = Memo::new(move |_| {
        calc.workload.with(|w| {
            w.agent(agent)
                .and_then(|a| sweep(card::current(), a).ok())
                .unwrap_or_default()
        })
    });
    let runs = t.runs_input();
    let stale = calc.stale_attr(Depends::Agent(agent));
    let first_heading = capitalised(input.unit);
    let per_month_heading = move || {
        let volume = calc.workload.with(|w| {
            w.agent(agent)
                .map(|a| a.value(runs))
                .unwrap_or(runs.default)
        });
        format!(
            "Credits per month at {} {}",
            calc.fmt.with_value(|f| f.decimal(volume, 0)),
            runs.unit_for(volume)
        )
    };
    view! {
        <StaleNote depends=Depends::Agent(agent)/>
        <div class="sweep table-scroll">
            <table data-testid=format!("{agent}-sweep")>
                <caption>"Credits by " {input.label.to_ascii_lowercase()}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="num">{first_heading}</th>
                        <th scope="col" class="num">"Credits per run"</th>
                        <th scope="col" class="num">{per_month_heading}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        rows.get()
                            .into_iter()
                            .map(|r| {
                                let metric = format!("{agent}.{}.{}.credits_per_run", s.input, exact(r.value));
                                calc.fmt.with_value(|f| {
                                    view! {
                                        <tr class:current=r.is_current>
                                            <th scope="row" class="num">
                                                {f.decimal(r.value, 0)}
                                                {r.is_current.then_some(" (yours)")}
                                            </th>
                                            <td class="num">
                                                <output data-metric=metric data-value=exact(r.credits_per_run.amount()) data-stale=stale>
                                                    {f.credits(r.credits_per_run.amount())}
                                                </output>
                                            </td>
                                            <td class="num">{f.credits(r.credits_per_month.amount())}</td>
                                        </tr>
                                    }
                                })
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// "lines" → "Lines", for a compact column heading.
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}
