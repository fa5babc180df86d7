//! The derivation of a monthly figure, written the way the reference documents write it:
//! `[(2 + 5 + 2) + 0.4×(5 + 2)] × 100 requests = 1,180 Copilot Credits/month`.

use crate::format::{counted, NumberFormat};

use super::estimate::{AgentEstimate, FeatureLine};

/// Decimal places shown for multipliers and rates inside a derivation (0.125, 0.13).
const PLACES: u32 = 6;

/// The monthly derivation of `agent`, from its live inputs, in the reader's number format.
///
/// Features that happen once per run are listed by their rates in one bracket; a feature driven
/// by inputs shows its multipliers (`(5×5)` for five lines); several consecutive features driven
/// by the same inputs share them (`0.4×(5 + 2)`). Multipliers of exactly 1 are left out, as the
/// reference does.
///
/// ```
/// use agent_credits::format::NumberFormat;
/// use agent_credits::rating::{card, derivation, estimate, Workload};
/// let e = estimate(card::current(), &Workload::default()).unwrap();
/// assert_eq!(
///     derivation(&e.agents[0], &NumberFormat::en()),
///     "[(2 + 5 + 2) + 0.4×(5 + 2)] × 100 requests = 1,180 Copilot Credits/month"
/// );
/// ```
pub fn derivation(agent: &AgentEstimate, fmt: &NumberFormat) -> String {
    let mut inline: Vec<String> = Vec::new();
    let mut blocks: Vec<String> = Vec::new();
    for group in agent.lines.chunk_by(|a, b| a.feature.per == b.feature.per) {
        let multipliers = multipliers(&group[0], fmt);
        let rates: Vec<String> = group
            .iter()
            .map(|l| fmt.decimal(l.rate.credits_per_event(), PLACES))
            .collect();
        match (multipliers.is_empty(), rates.as_slice()) {
            (true, _) => inline.extend(rates),
            (false, [single]) => inline.push(format!("({multipliers}×{single})")),
            (false, _) => blocks.push(format!("{multipliers}×({})", rates.join(" + "))),
        }
    }
    let mut terms = Vec::with_capacity(blocks.len() + 1);
    if !inline.is_empty() {
        terms.push(format!("({})", inline.join(" + ")));
    }
    terms.extend(blocks);
    let runs = agent.template.runs_input();
    let total = agent.credits_per_month.amount();
    format!(
        "[{}] × {} {} = {} {}/month",
        terms.join(" + "),
        fmt.decimal(agent.runs_per_month, 0),
        runs.unit_for(agent.runs_per_month),
        fmt.credits(total),
        counted("Copilot Credits", total),
    )
}

fn multipliers(line: &FeatureLine, fmt: &NumberFormat) -> String {
    line.factors
        .iter()
        .filter(|f| f.multiplier != rust_decimal::Decimal::ONE)
        .map(|f| fmt.decimal(f.multiplier, PLACES))
        .collect::<Vec<_>>()
        .join("×")
}

/// The monthly derivation of a custom agent: each step as its credits per event times its events
/// per run (and the billed share where licensed users are exempt), then the runs.
///
/// ```
/// use agent_credits::format::NumberFormat;
/// use agent_credits::rating::{card, custom_derivation, estimate_custom, STARTERS};
/// let e = estimate_custom(card::current(), &STARTERS[0].build(1)).unwrap();
/// assert_eq!(
///     custom_derivation(&e, &NumberFormat::en()),
///     "[1 + 2 + (0.5×10)] × 1,000 runs = 8,000 Copilot Credits/month"
/// );
/// ```
pub fn custom_derivation(agent: &super::CustomEstimate, fmt: &NumberFormat) -> String {
    if agent.harness == super::Harness::GithubCopilot {
        return usage_derivation(agent, fmt);
    }
    let terms: Vec<String> = agent
        .lines
        .iter()
        .map(|l| {
            let rate = fmt.decimal(l.rate.credits_per_event(), PLACES);
            let mut factors: Vec<String> = Vec::new();
            if l.events_per_run != rust_decimal::Decimal::ONE {
                factors.push(fmt.decimal(l.events_per_run, PLACES));
            }
            if l.billed_share != rust_decimal::Decimal::ONE {
                factors.push(fmt.decimal(l.billed_share, PLACES));
            }
            if factors.is_empty() {
                rate
            } else {
                format!("({}×{rate})", factors.join("×"))
            }
        })
        .collect();
    let total = agent.credits_per_month.amount();
    format!(
        "[{}] × {} {} = {} {}/month",
        if terms.is_empty() {
            "0".to_string()
        } else {
            terms.join(" + ")
        },
        fmt.decimal(agent.runs_per_month, 0),
        if agent.runs_per_month == rust_decimal::Decimal::ONE {
            "run"
        } else {
            "runs"
        },
        fmt.credits(total),
        counted("Copilot Credits", total),
    )
}

/// A GitHub Copilot harness agent's month: tasks × credits per task, plus building and testing.
///
/// ```
/// use agent_credits::format::NumberFormat;
/// use agent_credits::rating::{card, custom_derivation, estimate_custom, STARTERS};
/// let starter = STARTERS.iter().find(|s| s.id == "github_copilot").unwrap();
/// let e = estimate_custom(card::current(), &starter.build(1)).unwrap();
/// assert_eq!(
///     custom_derivation(&e, &NumberFormat::en()),
///     "200 tasks × 300 credits + 5,000 building and testing = 65,000 Copilot Credits/month"
/// );
/// ```
fn usage_derivation(agent: &super::CustomEstimate, fmt: &NumberFormat) -> String {
    let total = agent.credits_per_month.amount();
    let tasks = agent.runs_per_month;
    format!(
        "{} {} × {} {} + {} building and testing = {} {}/month",
        fmt.decimal(tasks, 0),
        if tasks == rust_decimal::Decimal::ONE {
            "task"
        } else {
            "tasks"
        },
        fmt.credits(agent.credits_per_run.amount()),
        counted("credits", agent.credits_per_run.amount()),
        fmt.credits(agent.build_credits.amount()),
        fmt.credits(total),
        counted("Copilot Credits", total),
    )
}
