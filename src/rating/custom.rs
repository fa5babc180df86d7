//! Custom agents: any agent a customer builds, described as steps on the rate card.
//!
//! A step is one event scenario with a count driver: so many events each time it happens, once
//! per run or once per item (pages, lines, attachments, with an average number of items per run),
//! in a share of runs. Bundled units (per 10 responses, per 100 flow actions) come from the rate
//! card, so a step counts plain events. Microsoft 365 Copilot licensed users are not charged for
//! the scenarios the card marks so; an interactive agent bills only the share of its runs by
//! users without a licence, an autonomous one (run by a trigger) bills everything.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::card::{EventScenario, Rate, RateCard};
use super::input::{Field, InputKind};
use super::range::{Bounds, Case};
use super::template::{AgentTemplate, InputRole};
use super::workload::check_bounds;
use super::{Credits, RatingError};

/// Custom agents one estimate may hold.
pub const MAX_CUSTOM_AGENTS: usize = 20;
/// Steps one custom agent may have.
pub const MAX_STEPS: usize = 30;
/// Longest name kept, in characters.
pub const MAX_NAME: usize = 80;

/// Runs per month of a custom agent.
pub const RUNS: InputKind = InputKind::Count {
    max: super::template::MAX_RUNS_PER_MONTH,
};
/// Events each time a step happens, or items per run: up to 10,000, four decimals (averages).
pub const EVENTS: InputKind = InputKind::Amount {
    min: 0,
    max: super::template::MAX_PER_RUN,
    places: 4,
};
/// A share of runs, or of runs by licensed users.
pub const SHARE: InputKind = InputKind::Percent;

/// A custom agent's runs per month, as a field.
pub const RUNS_FIELD: Field = Field {
    label: "Runs per month",
    help: "Conversations, requests or triggers a month.",
    unit: "runs",
    kind: RUNS,
    optional: false,
};

/// The share of an interactive agent's runs by licensed users, as a field.
pub const LICENSED_FIELD: Field = Field {
    label: "Runs by Microsoft 365 Copilot licensed users",
    help: "Authenticated licensed users are not charged for the scenarios the rate card marks so \
           (Microsoft Learn, Billing rates and management).",
    unit: "% of runs",
    kind: SHARE,
    optional: false,
};

/// A step's events each time it happens, as a field (its unit is the scenario's).
pub const EVENTS_FIELD: Field = Field {
    label: "Events each time",
    help: "Responses, actions or pages each time the step happens.",
    unit: "",
    kind: EVENTS,
    optional: false,
};

/// A step's items per run, as a field.
pub const ITEMS_FIELD: Field = Field {
    label: "Items per run",
    help: "Repeats per item (pages, lines, attachments); empty for once per run.",
    unit: "items",
    kind: EVENTS,
    optional: true,
};

/// The share of runs in which a step happens, as a field.
pub const STEP_SHARE_FIELD: Field = Field {
    label: "Share of runs",
    help: "The runs in which the step happens.",
    unit: "%",
    kind: SHARE,
    optional: false,
};

/// One step of a custom agent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomStep {
    /// What the step does, for people; plain text.
    pub name: String,
    /// How it is billed.
    pub scenario: EventScenario,
    /// Events each time it happens (responses, actions, pages), in the card's plain unit.
    pub events: Decimal,
    /// Average items per run it repeats for (pages, lines, attachments); `None`: once per run.
    pub items: Option<Decimal>,
    /// Percent of runs in which it happens.
    pub share: Decimal,
    /// Low and high events each time.
    #[serde(default, skip_serializing_if = "Bounds::is_empty")]
    pub events_range: Bounds,
    /// Low and high items per run (only for a step that repeats per item).
    #[serde(default, skip_serializing_if = "Bounds::is_empty")]
    pub items_range: Bounds,
    /// Low and high share of runs.
    #[serde(default, skip_serializing_if = "Bounds::is_empty")]
    pub share_range: Bounds,
}

/// The name a step billed as `scenario` gets until the user names it: the scenario's name on
/// the card ("Generative answer").
pub fn default_step_name(card: &RateCard, scenario: EventScenario) -> &'static str {
    card.rate(scenario).name
}

/// The name a step called `name` takes when its scenario changes from `old` to `new`: a name
/// that is still the old scenario's default (or no name at all) becomes the new scenario's
/// default; a name the user gave is kept.
///
/// ```
/// use agent_credits::rating::card::{current, EventScenario};
/// use agent_credits::rating::custom::step_name_after;
/// let (old, new) = (EventScenario::GenerativeAnswer, EventScenario::ClassicAnswer);
/// assert_eq!(step_name_after(current(), "Generative answer", old, new), "Classic answer");
/// assert_eq!(step_name_after(current(), "FAQ lookup", old, new), "FAQ lookup");
/// ```
pub fn step_name_after(
    card: &RateCard,
    name: &str,
    old: EventScenario,
    new: EventScenario,
) -> String {
    let name_is_default = name.trim().is_empty() || name.trim() == default_step_name(card, old);
    if name_is_default {
        default_step_name(card, new).to_string()
    } else {
        name.to_string()
    }
}

impl CustomStep {
    /// A step billed as `scenario` once per run in every run, under the scenario's name.
    pub fn new(card: &RateCard, scenario: EventScenario) -> Self {
        Self {
            name: default_step_name(card, scenario).into(),
            scenario,
            events: Decimal::ONE,
            items: None,
            share: Decimal::ONE_HUNDRED,
            events_range: Bounds::default(),
            items_range: Bounds::default(),
            share_range: Bounds::default(),
        }
    }

    /// Whether any of its drivers has a low or high value.
    pub fn has_ranges(&self) -> bool {
        !(self.events_range.is_empty()
            && self.items_range.is_empty()
            && self.share_range.is_empty())
    }

    /// Bills the step as `scenario`; a step still under its old scenario's name takes the new
    /// one's ([`step_name_after`]).
    pub fn set_scenario(&mut self, card: &RateCard, scenario: EventScenario) {
        self.name = step_name_after(card, &self.name, self.scenario, scenario);
        self.scenario = scenario;
    }
}

/// A customer's own agent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomAgent {
    /// Stable within the estimate: keys of its fields and figures.
    pub id: u32,
    /// Its name; plain text.
    pub name: String,
    /// Runs per month.
    pub runs: Decimal,
    /// Runs on a trigger, not by a person: no licensed-user exemption.
    pub autonomous: bool,
    /// Percent of runs by authenticated Microsoft 365 Copilot licensed users.
    pub licensed_share: Decimal,
    /// Its steps, in run order.
    pub steps: Vec<CustomStep>,
    /// Low and high runs per month.
    #[serde(default, skip_serializing_if = "Bounds::is_empty")]
    pub runs_range: Bounds,
}

/// One step's share of a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomLine {
    /// The step's index in the agent.
    pub step: usize,
    /// The step's name.
    pub name: String,
    /// The rate it is billed at.
    pub rate: &'static Rate,
    /// Events in an average run: `events × items × share`.
    pub events_per_run: Decimal,
    /// The share of those events billed: 1, or `1 − licensed share` for exempt scenarios.
    pub billed_share: Decimal,
    /// `events_per_run × billed_share × credits / per`.
    pub credits_per_run: Credits,
}

/// A custom agent's estimate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomEstimate {
    /// The agent's id.
    pub id: u32,
    /// The agent's name.
    pub name: String,
    /// Every step's share, in step order.
    pub lines: Vec<CustomLine>,
    /// Runs in a month.
    pub runs_per_month: Decimal,
    /// Credits of an average run.
    pub credits_per_run: Credits,
    /// `credits_per_run × runs_per_month`.
    pub credits_per_month: Credits,
}

fn invalid(agent: &CustomAgent, key: &str, error: super::InputError) -> RatingError {
    RatingError::InvalidValue {
        agent: format!("custom.{}", agent.id),
        key: key.into(),
        error,
    }
}

impl CustomAgent {
    /// Checks a custom agent that came from storage, a link or a file.
    ///
    /// # Errors
    /// The first value outside its limits.
    pub fn validate(&self) -> Result<(), RatingError> {
        if self.steps.len() > MAX_STEPS || self.name.chars().count() > MAX_NAME {
            return Err(RatingError::TooMany);
        }
        RUNS.check(self.runs)
            .map_err(|e| invalid(self, "runs", e))?;
        let ranged = |key: &str, bounds: &Bounds, expected, kind| {
            check_bounds(bounds, expected, kind)
                .map_err(|(b, e)| invalid(self, &format!("{key}.{}", b.suffix()), e))
        };
        ranged("runs", &self.runs_range, self.runs, RUNS)?;
        for (i, s) in self.steps.iter().enumerate() {
            ranged(
                &format!("steps.{i}.events"),
                &s.events_range,
                s.events,
                EVENTS,
            )?;
            if let Some(items) = s.items {
                ranged(&format!("steps.{i}.items"), &s.items_range, items, EVENTS)?;
            }
            ranged(&format!("steps.{i}.share"), &s.share_range, s.share, SHARE)?;
        }
        SHARE
            .check(self.licensed_share)
            .map_err(|e| invalid(self, "licensed_share", e))?;
        for (i, s) in self.steps.iter().enumerate() {
            if s.name.chars().count() > MAX_NAME {
                return Err(RatingError::TooMany);
            }
            EVENTS
                .check(s.events)
                .map_err(|e| invalid(self, &format!("steps.{i}.events"), e))?;
            if let Some(items) = s.items {
                EVENTS
                    .check(items)
                    .map_err(|e| invalid(self, &format!("steps.{i}.items"), e))?;
            }
            SHARE
                .check(s.share)
                .map_err(|e| invalid(self, &format!("steps.{i}.share"), e))?;
        }
        Ok(())
    }

    /// Whether its runs or any step's drivers have a low or high value.
    pub fn has_ranges(&self) -> bool {
        !self.runs_range.is_empty() || self.steps.iter().any(CustomStep::has_ranges)
    }

    /// Puts every value at its value in `case` and drops the ranges ([`super::Workload::case`]).
    pub(super) fn take_case(&mut self, case: Case) {
        self.runs = std::mem::take(&mut self.runs_range).at(case, self.runs);
        for s in &mut self.steps {
            s.events = std::mem::take(&mut s.events_range).at(case, s.events);
            let items = std::mem::take(&mut s.items_range);
            s.items = s.items.map(|v| items.at(case, v));
            s.share = std::mem::take(&mut s.share_range).at(case, s.share);
        }
    }

    /// A custom agent with the steps of `template` at the values of its inputs in `values`
    /// (a template agent duplicated for editing): a percentage input becomes the step's share of
    /// runs, count inputs become items per run, and the runs input the runs per month.
    pub fn from_template(
        id: u32,
        template: &'static AgentTemplate,
        value: impl Fn(&super::InputDef) -> Decimal,
    ) -> Self {
        let runs = template.runs_input();
        let steps = template
            .features
            .iter()
            .map(|f| {
                let mut items: Option<Decimal> = None;
                let mut share = Decimal::ONE_HUNDRED;
                for key in f.per {
                    let Some(input) = template.input(key) else {
                        continue;
                    };
                    match input.kind {
                        InputKind::Percent => share = share * value(input) / Decimal::ONE_HUNDRED,
                        _ if input.role == InputRole::PerRun => {
                            items = Some(items.unwrap_or(Decimal::ONE) * value(input));
                        }
                        _ => {}
                    }
                }
                CustomStep {
                    name: f.name.into(),
                    scenario: f.scenario,
                    events: Decimal::ONE,
                    items,
                    share,
                    events_range: Bounds::default(),
                    items_range: Bounds::default(),
                    share_range: Bounds::default(),
                }
            })
            .collect();
        Self {
            id,
            name: format!("{} (copy)", template.name),
            runs: value(runs),
            autonomous: true,
            licensed_share: Decimal::ZERO,
            steps,
            runs_range: Bounds::default(),
        }
    }
}

/// A custom agent copying a reference agent of a workload, at its current values.
pub fn from_template_values(
    id: u32,
    template: &'static AgentTemplate,
    agent: &super::AgentWorkload,
) -> CustomAgent {
    CustomAgent::from_template(id, template, |input| agent.value(input))
}

/// Estimates a custom agent against `card`.
///
/// # Errors
/// A [`RatingError`] for values outside their limits, or (never within them) overflow.
pub fn estimate_custom(
    card: &'static RateCard,
    agent: &CustomAgent,
) -> Result<CustomEstimate, RatingError> {
    agent.validate()?;
    let ck = |v: Option<Decimal>| v.ok_or(RatingError::Overflow);
    let unlicensed = Decimal::ONE - agent.licensed_share / Decimal::ONE_HUNDRED;
    let mut lines = Vec::with_capacity(agent.steps.len());
    for (i, s) in agent.steps.iter().enumerate() {
        let rate = card.rate(s.scenario);
        let per_run = ck(s.events.checked_mul(s.items.unwrap_or(Decimal::ONE)))?;
        let events_per_run = ck(per_run.checked_mul(s.share))? / Decimal::ONE_HUNDRED;
        let billed_share = if rate.licensed_user_exempt && !agent.autonomous {
            unlicensed
        } else {
            Decimal::ONE
        };
        let billed = ck(events_per_run.checked_mul(billed_share))?;
        let credits_per_run = Credits::new(rate.credits_per_event()).checked_mul(billed)?;
        lines.push(CustomLine {
            step: i,
            name: s.name.clone(),
            rate,
            events_per_run,
            billed_share,
            credits_per_run,
        });
    }
    let credits_per_run = Credits::checked_sum(lines.iter().map(|l| l.credits_per_run))?;
    Ok(CustomEstimate {
        id: agent.id,
        name: agent.name.clone(),
        lines,
        runs_per_month: agent.runs,
        credits_per_run,
        credits_per_month: credits_per_run.checked_mul(agent.runs)?,
    })
}

/// A custom agent to start from, as data: every figure comes from the rate card.
pub struct Starter {
    /// Stable id (`qa`).
    pub id: &'static str,
    /// Its name in the "Add" menu.
    pub name: &'static str,
    /// What it models.
    pub about: &'static str,
    /// Interactive (licensed users may be exempt) or triggered.
    pub autonomous: bool,
    /// Runs per month to start with.
    pub runs: u32,
    /// (name, scenario, events, items per run, share of runs %).
    pub steps: &'static [(&'static str, EventScenario, u32, Option<u32>, u32)],
}

/// Starting points besides the reference agents.
pub static STARTERS: &[Starter] = &[
    Starter {
        id: "qa",
        name: "Question-answering agent",
        about: "Employees ask questions; answers come from authored topics, generative answers \
                over knowledge, and Microsoft Graph grounding.",
        autonomous: false,
        runs: 1000,
        steps: &[
            (
                "Greeting and topic routing",
                EventScenario::ClassicAnswer,
                1,
                None,
                100,
            ),
            (
                "Generative answer from knowledge",
                EventScenario::GenerativeAnswer,
                1,
                None,
                100,
            ),
            (
                "Tenant graph grounding",
                EventScenario::TenantGraphGrounding,
                1,
                None,
                50,
            ),
        ],
    },
    Starter {
        id: "autonomous",
        name: "Autonomous agent",
        about: "Runs on a trigger (a new email, a record change), reasons, and acts through an \
                agent flow; no person in the loop, so no licensed-user exemption.",
        autonomous: true,
        runs: 500,
        steps: &[
            ("Trigger", EventScenario::AgentAction, 1, None, 100),
            ("Deep reasoning", EventScenario::AgentAction, 1, None, 100),
            (
                "Agent flow actions",
                EventScenario::AgentFlowActions,
                20,
                None,
                100,
            ),
            (
                "Summary (standard AI tool)",
                EventScenario::AiToolsStandard,
                1,
                None,
                100,
            ),
            (
                "Document pages processed",
                EventScenario::ContentProcessing,
                1,
                Some(3),
                40,
            ),
        ],
    },
    Starter {
        id: "blank",
        name: "Blank agent",
        about: "One generative answer per run; add the steps of your design.",
        autonomous: false,
        runs: 100,
        steps: &[(
            "Generative answer",
            EventScenario::GenerativeAnswer,
            1,
            None,
            100,
        )],
    },
];

impl Starter {
    /// A new custom agent from this starter.
    pub fn build(&self, id: u32) -> CustomAgent {
        CustomAgent {
            id,
            name: self.name.into(),
            runs: Decimal::from(self.runs),
            autonomous: self.autonomous,
            licensed_share: Decimal::ZERO,
            steps: self
                .steps
                .iter()
                .map(|(name, scenario, events, items, share)| CustomStep {
                    name: (*name).into(),
                    scenario: *scenario,
                    events: Decimal::from(*events),
                    items: items.map(Decimal::from),
                    share: Decimal::from(*share),
                    events_range: Bounds::default(),
                    items_range: Bounds::default(),
                    share_range: Bounds::default(),
                })
                .collect(),
            runs_range: Bounds::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rating::card::current;

    #[test]
    fn a_step_keeps_a_name_of_its_own_and_follows_its_scenario_otherwise() {
        use EventScenario::{
            AgentAction as Act, ClassicAnswer as Classic, GenerativeAnswer as Gen,
        };
        // (name before, old scenario, new scenario, name after)
        let cases = [
            ("Generative answer", Gen, Classic, "Classic answer"),
            (" Generative answer ", Gen, Act, "Agent action"),
            ("", Gen, Classic, "Classic answer"),
            ("  ", Classic, Act, "Agent action"),
            ("FAQ lookup", Gen, Classic, "FAQ lookup"),
            (
                "Greeting and topic routing",
                Classic,
                Gen,
                "Greeting and topic routing",
            ),
            // Named after another scenario than its own: the user's choice, kept.
            ("Agent action", Gen, Classic, "Agent action"),
            ("generative answer", Gen, Classic, "generative answer"),
            ("Generative answer", Gen, Gen, "Generative answer"),
        ];
        for (name, old, new, after) in cases {
            assert_eq!(
                step_name_after(current(), name, old, new),
                after,
                "{name:?}: {old:?} -> {new:?}"
            );
        }
    }

    #[test]
    fn set_scenario_renames_a_default_named_step_only() {
        let card = current();
        let mut step = CustomStep::new(card, EventScenario::GenerativeAnswer);
        assert_eq!(step.name, "Generative answer");
        step.set_scenario(card, EventScenario::TenantGraphGrounding);
        assert_eq!(step.scenario, EventScenario::TenantGraphGrounding);
        assert_eq!(
            step.name,
            card.rate(EventScenario::TenantGraphGrounding).name
        );
        step.name = "Look up the employee".into();
        step.set_scenario(card, EventScenario::ClassicAnswer);
        assert_eq!(step.scenario, EventScenario::ClassicAnswer);
        assert_eq!(step.name, "Look up the employee");
    }

    #[test]
    fn the_blank_starters_step_is_default_named() {
        let blank = STARTERS.iter().find(|s| s.id == "blank").unwrap().build(1);
        let step = &blank.steps[0];
        assert_eq!(step.name, default_step_name(current(), step.scenario));
    }
}
