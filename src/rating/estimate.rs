//! Per-run and monthly Copilot Credits for a workload, exact.

use super::range::Case;
use rust_decimal::Decimal;

use super::card::{Rate, RateCard};
use super::custom::{estimate_custom, CustomEstimate};
use super::template::{AgentTemplate, Feature, InputDef};
use super::workload::{AgentWorkload, Workload};
use super::{Credits, RatingError};

/// One input's contribution to how often a feature happens in a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Factor {
    /// The input.
    pub input: &'static InputDef,
    /// Its value as entered (40 for 40 %).
    pub value: Decimal,
    /// Its value as a multiplier (0.4 for 40 %).
    pub multiplier: Decimal,
}

/// One feature's share of a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeatureLine {
    /// The feature.
    pub feature: &'static Feature,
    /// The rate it is billed at.
    pub rate: &'static Rate,
    /// The inputs that drive its count (none: once per run).
    pub factors: Vec<Factor>,
    /// How often it happens in an average run: the product of the factors' multipliers.
    pub count_per_run: Decimal,
    /// `count_per_run × rate.credits_per_event()`.
    pub credits_per_run: Credits,
}

/// One agent's estimate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentEstimate {
    /// The agent's template.
    pub template: &'static AgentTemplate,
    /// Every feature's share, in template order.
    pub lines: Vec<FeatureLine>,
    /// Runs in a month.
    pub runs_per_month: Decimal,
    /// Credits of an average run: the sum of the lines.
    pub credits_per_run: Credits,
    /// `credits_per_run × runs_per_month`.
    pub credits_per_month: Credits,
}

/// The estimate of a whole workload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Estimate {
    /// The rate card used.
    pub card: &'static RateCard,
    /// Each included agent, in workload order.
    pub agents: Vec<AgentEstimate>,
    /// Each custom agent, in workload order (after the reference agents on the page).
    pub custom: Vec<CustomEstimate>,
    /// The sum of all agents' monthly credits.
    pub credits_per_month: Credits,
    /// The low and the high case, when some input has a low or high value ([`Cases`]).
    pub cases: Option<Box<Cases>>,
}

/// The estimates of the low and the high case of a workload with ranges (this estimate is the
/// expected case).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cases {
    /// Every input at its low value.
    pub low: Estimate,
    /// Every input at its high value.
    pub high: Estimate,
}

impl Estimate {
    /// The figure with public metric key `metric` (`total.credits_per_month`,
    /// `payables.credits_per_run`, `custom.2.credits_per_month`), if this estimate has it.
    ///
    /// ```
    /// use agent_credits::rating::{card, estimate, Workload};
    /// let e = estimate(card::current(), &Workload::default()).unwrap();
    /// assert_eq!(e.figure("total.credits_per_month"), Some(6380.into()));
    /// assert_eq!(e.figure("sales_order.credits_per_run"), Some("11.8".parse().unwrap()));
    /// assert_eq!(e.figure("custom.1.credits_per_run"), None);
    /// ```
    pub fn figure(&self, metric: &str) -> Option<Decimal> {
        if metric == "total.credits_per_month" {
            return Some(self.credits_per_month.amount());
        }
        let (head, field) = metric.split_once('.')?;
        let (run, month) = if head == "custom" {
            let (id, rest) = field.split_once('.')?;
            let c = self.custom(id.parse().ok()?)?;
            return match rest {
                "credits_per_run" => Some(c.credits_per_run.amount()),
                "credits_per_month" => Some(c.credits_per_month.amount()),
                _ => None,
            };
        } else {
            let a = self.agent(head)?;
            (a.credits_per_run, a.credits_per_month)
        };
        match field {
            "credits_per_run" => Some(run.amount()),
            "credits_per_month" => Some(month.amount()),
            _ => None,
        }
    }

    /// The estimate of the agent with template `id`, if included.
    pub fn agent(&self, id: &str) -> Option<&AgentEstimate> {
        self.agents.iter().find(|a| a.template.id == id)
    }

    /// The estimate of the custom agent with `id`.
    pub fn custom(&self, id: u32) -> Option<&CustomEstimate> {
        self.custom.iter().find(|c| c.id == id)
    }

    /// Every agent's name and (per run, per month) credits in page order, with each step's
    /// monthly credits: what drives the bill.
    pub fn drivers(&self) -> Vec<AgentDrivers> {
        let template = self.agents.iter().map(|a| AgentDrivers {
            name: a.template.name.to_string(),
            credits_per_run: a.credits_per_run,
            credits_per_month: a.credits_per_month,
            steps: a
                .lines
                .iter()
                .map(|l| {
                    (
                        l.feature.name.to_string(),
                        l.credits_per_run.amount() * a.runs_per_month,
                    )
                })
                .collect(),
            harness: super::Harness::Standard,
        });
        let custom = self.custom.iter().map(|c| AgentDrivers {
            name: c.name.clone(),
            credits_per_run: c.credits_per_run,
            credits_per_month: c.credits_per_month,
            steps: match c.harness {
                super::Harness::Standard => c
                    .lines
                    .iter()
                    .map(|l| {
                        (
                            l.name.clone(),
                            l.credits_per_run.amount() * c.runs_per_month,
                        )
                    })
                    .collect(),
                // Usage-based: its tasks, and building and testing it.
                super::Harness::GithubCopilot => vec![
                    (
                        "Tasks (usage-based)".to_string(),
                        c.credits_per_run.amount() * c.runs_per_month,
                    ),
                    ("Building and testing".to_string(), c.build_credits.amount()),
                ],
            },
            harness: c.harness,
        });
        template.chain(custom).collect()
    }

    /// Every agent's (per run, per month) credits in page order: the reference agents, then the
    /// custom ones. Page position N (from 1) is the `agents.N` of the figure keys.
    pub fn in_page_order(&self) -> Vec<(Credits, Credits)> {
        self.agents
            .iter()
            .map(|a| (a.credits_per_run, a.credits_per_month))
            .chain(
                self.custom
                    .iter()
                    .map(|c| (c.credits_per_run, c.credits_per_month)),
            )
            .collect()
    }
}

/// One agent's share of the bill, by step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentDrivers {
    /// The agent's name.
    pub name: String,
    /// Credits of an average run.
    pub credits_per_run: Credits,
    /// Credits a month.
    pub credits_per_month: Credits,
    /// Each step's name and credits a month (exact: the products of figures already computed
    /// with checked arithmetic, each no larger than the agent's monthly total).
    pub steps: Vec<(String, Decimal)>,
    /// Where it runs (reference agents: the standard harness).
    pub harness: super::Harness,
}

/// Estimates every agent of `workload` against `card`.
///
/// # Errors
/// A [`RatingError`] when the workload names an unknown agent or input, holds a value outside its
/// limits, or (never within the limits) overflows.
///
/// ```
/// use agent_credits::rating::{card, estimate, Workload};
/// let e = estimate(card::current(), &Workload::default()).unwrap();
/// assert_eq!(e.credits_per_month.to_string(), "6380"); // 1,180 + 5,200
/// ```
pub fn estimate(card: &'static RateCard, workload: &Workload) -> Result<Estimate, RatingError> {
    workload.validate()?;
    estimate_case(card, workload)
}

/// [`estimate`], with the low and the high case ([`Estimate::cases`]) when some input has a low
/// or high value. (Apart from [`estimate`] so that code which shows only the expected figures,
/// like a shared link's early total, does not carry the cases' code.)
///
/// # Errors
/// As [`estimate`].
pub fn estimate_with_cases(
    card: &'static RateCard,
    workload: &Workload,
) -> Result<Estimate, RatingError> {
    let mut e = estimate(card, workload)?;
    if workload.has_ranges() {
        e.cases = Some(Box::new(Cases {
            low: estimate_case(card, &workload.case(Case::Low))?,
            high: estimate_case(card, &workload.case(Case::High))?,
        }));
    }
    Ok(e)
}

/// One case of a validated workload.
fn estimate_case(card: &'static RateCard, workload: &Workload) -> Result<Estimate, RatingError> {
    let agents = workload
        .agents
        .iter()
        .map(|a| estimate_agent(card, a))
        .collect::<Result<Vec<_>, _>>()?;
    let custom = workload
        .custom
        .iter()
        .map(|c| estimate_custom(card, c))
        .collect::<Result<Vec<_>, _>>()?;
    let credits_per_month = Credits::checked_sum(
        agents
            .iter()
            .map(|a| a.credits_per_month)
            .chain(custom.iter().map(|c| c.credits_per_month)),
    )?;
    Ok(Estimate {
        card,
        agents,
        custom,
        credits_per_month,
        cases: None,
    })
}

/// Estimates one agent against `card`.
///
/// # Errors
/// As [`estimate`].
pub fn estimate_agent(
    card: &'static RateCard,
    agent: &AgentWorkload,
) -> Result<AgentEstimate, RatingError> {
    let template = agent.template()?;
    let mut lines = Vec::with_capacity(template.features.len());
    for feature in template.features {
        let rate = card.rate(feature.scenario);
        let mut factors = Vec::with_capacity(feature.per.len());
        let mut count_per_run = Decimal::ONE;
        for key in feature.per {
            let input = template
                .input(key)
                .ok_or_else(|| RatingError::UnknownInput {
                    agent: template.id.into(),
                    key: (*key).into(),
                })?;
            let value = agent.value(input);
            let multiplier = input.factor(value);
            count_per_run = count_per_run
                .checked_mul(multiplier)
                .ok_or(RatingError::Overflow)?;
            factors.push(Factor {
                input,
                value,
                multiplier,
            });
        }
        let credits_per_run = Credits::new(rate.credits_per_event()).checked_mul(count_per_run)?;
        lines.push(FeatureLine {
            feature,
            rate,
            factors,
            count_per_run,
            credits_per_run,
        });
    }
    let credits_per_run = Credits::checked_sum(lines.iter().map(|l| l.credits_per_run))?;
    let runs_per_month = agent.value(template.runs_input());
    let credits_per_month = credits_per_run.checked_mul(runs_per_month)?;
    Ok(AgentEstimate {
        template,
        lines,
        runs_per_month,
        credits_per_run,
        credits_per_month,
    })
}

/// One row of a sensitivity table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SweepRow {
    /// The swept input's value.
    pub value: Decimal,
    /// Whether this is the value the user entered.
    pub is_current: bool,
    /// Credits per run at that value, other inputs as entered.
    pub credits_per_run: Credits,
    /// Credits per month at that value.
    pub credits_per_month: Credits,
}

/// The template's sensitivity table (the reference's lines-per-document table) for this agent:
/// the template's sample values plus the user's own, ascending, other inputs as entered.
///
/// # Errors
/// As [`estimate`]. An agent whose template has no sweep gives an empty table.
pub fn sweep(card: &'static RateCard, agent: &AgentWorkload) -> Result<Vec<SweepRow>, RatingError> {
    let template = agent.template()?;
    let Some(sweep) = template.sweep else {
        return Ok(Vec::new());
    };
    let input = template
        .input(sweep.input)
        .ok_or_else(|| RatingError::UnknownInput {
            agent: template.id.into(),
            key: sweep.input.into(),
        })?;
    let current = agent.value(input);
    let mut values: Vec<Decimal> = sweep.values.iter().map(|&v| Decimal::from(v)).collect();
    if !values.contains(&current) {
        values.push(current);
        values.sort();
    }
    values
        .into_iter()
        .map(|value| {
            let mut variant = agent.clone();
            variant.values.insert(input.key.into(), value);
            let e = estimate_agent(card, &variant)?;
            Ok(SweepRow {
                value,
                is_current: value == current,
                credits_per_run: e.credits_per_run,
                credits_per_month: e.credits_per_month,
            })
        })
        .collect()
}
