//! Custom agents: any agent a customer builds, described as steps on the rate card.
//!
//! A step is one event scenario with a count driver: so many events each time it happens, once
//! per run or once per item (pages, lines, attachments, with an average number of items per run),
//! in a share of runs. Bundled units (per 10 responses, per 100 flow actions) come from the rate
//! card, so a step counts plain events. Microsoft 365 Copilot licensed users are not charged for
//! the scenarios the card marks so; an interactive agent bills only the share of its runs by
//! users without a licence, an autonomous one (run by a trigger) bills everything.
//!
//! An agent on the GitHub Copilot harness has no steps on the rate card: it is billed by usage
//! (model tokens, tool calls, harness runtime), so it is planned in credits per task, with its
//! low and high, plus the credits building, testing and evaluating it use each month ([`Usage`]).
//! Microsoft publishes per-task planning ranges only ([`HARNESS_RANGES`]); no licensed-user
//! exemption applies to it (docs/reference/github-copilot-harness.md).

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
/// Credits a task uses on the GitHub Copilot harness: up to a million, two decimals.
pub const TASK_CREDITS: InputKind = InputKind::Amount {
    min: 0,
    max: 1_000_000,
    places: 2,
};
/// Credits a month building, testing and evaluating a harness agent.
pub const BUILD_CREDITS: InputKind = InputKind::Amount {
    min: 0,
    max: 1_000_000_000,
    places: 2,
};

/// A harness agent's tasks per month, as a field (its runs).
pub const TASKS_FIELD: Field = Field {
    label: "Tasks per month",
    help: "Requests, triggers or workflow runs a month.",
    unit: "tasks",
    kind: RUNS,
    optional: false,
};

/// A harness agent's credits per task, as a field.
pub const TASK_CREDITS_FIELD: Field = Field {
    label: "Credits per task",
    help: "An average task; Microsoft plans light tasks at 100 to 300, medium at 300 to 500.",
    unit: "credits",
    kind: TASK_CREDITS,
    optional: false,
};

/// A harness agent's monthly building, testing and evaluating, as a field.
pub const BUILD_CREDITS_FIELD: Field = Field {
    label: "Building and testing per month",
    help: "Makers × test runs × credits a run: 2 × 10 × 250 = 5,000.",
    unit: "credits",
    kind: BUILD_CREDITS,
    optional: false,
};

/// Where an agent runs, which decides how it is billed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Harness {
    /// The standard (or Copilot chat) harness: its steps on the rate card.
    #[default]
    Standard,
    /// The GitHub Copilot harness: usage-based, in credits per task ([`Usage`]).
    GithubCopilot,
}

impl Harness {
    /// Both, in the order the page offers them.
    pub const ALL: [Self; 2] = [Self::Standard, Self::GithubCopilot];

    /// Its word in links and hooks (`standard`, `github_copilot`).
    pub fn word(self) -> &'static str {
        match self {
            Self::Standard => "standard",
            Self::GithubCopilot => "github_copilot",
        }
    }

    /// The harness a word names.
    pub fn from_word(word: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|h| h.word() == word)
    }

    /// Its name for people.
    pub fn name(self) -> &'static str {
        match self {
            Self::Standard => "Standard (rate card)",
            Self::GithubCopilot => "GitHub Copilot (by usage)",
        }
    }

    /// What follows an agent's name where agents are listed: nothing on the standard harness.
    pub fn tag(self) -> &'static str {
        match self {
            Self::Standard => "",
            Self::GithubCopilot => " · GitHub Copilot harness",
        }
    }

    /// Whether it is the standard harness (the default, left out of saves and links).
    pub fn is_standard(&self) -> bool {
        *self == Self::Standard
    }
}

/// One of Microsoft's planning ranges for a task on the GitHub Copilot harness: its name, what
/// it describes, and its low and high credits per task (`None`: no upper bound published).
pub struct TaskRange {
    /// Light, medium or heavy.
    pub tier: &'static str,
    /// Microsoft's description.
    pub about: &'static str,
    /// Fewest credits per task.
    pub low: u32,
    /// Most credits per task, if published.
    pub high: Option<u32>,
}

/// Preview, evaluation and runtime tasks on the GitHub Copilot harness, as Microsoft's Copilot
/// Credits Guide (August 2026) gives them, secondhand (docs/reference/github-copilot-harness.md):
/// planning ranges, not rates.
pub const HARNESS_RANGES: [TaskRange; 3] = [
    TaskRange {
        tier: "Light",
        about: "few sources, light reasoning, no more than one artifact",
        low: 100,
        high: Some(300),
    },
    TaskRange {
        tier: "Medium",
        about: "many sources, structured reasoning, two or more artifacts",
        low: 300,
        high: Some(500),
    },
    TaskRange {
        tier: "Heavy",
        about: "broad aggregation, deep reasoning, many artifacts",
        low: 500,
        high: None,
    },
];

/// Where [`HARNESS_RANGES`] come from, and when they were read.
pub const HARNESS_SOURCE: &str =
    "https://learn.microsoft.com/en-us/microsoft-copilot-studio/agents-experience/billing-credit-overview";

/// A harness agent's tasks as a mix of Microsoft's light, medium and heavy tasks, each at credits
/// a task the person sets: the shares of light and medium tasks, the heavy ones taking the rest
/// (so every pair under 100 % in all is a valid mix, as with the cases' weights).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskMix {
    /// Percent of tasks that are light.
    pub light: Decimal,
    /// Percent of tasks that are medium.
    pub medium: Decimal,
    /// Credits a light, a medium and a heavy task uses.
    pub credits: [Decimal; 3],
}

impl Default for TaskMix {
    /// Half light, 40 % medium, 10 % heavy, at 200, 400 and 700 credits: the middle of the light
    /// and medium planning ranges, and a heavy task above 500 (Microsoft publishes no upper
    /// bound; 700 is this calculator's assumption, editable).
    fn default() -> Self {
        Self {
            light: Decimal::from(50),
            medium: Decimal::from(40),
            credits: [200, 400, 700].map(Decimal::from),
        }
    }
}

impl TaskMix {
    /// The share of heavy tasks: what light and medium leave, in percent.
    pub fn heavy(&self) -> Decimal {
        Decimal::ONE_HUNDRED - self.light - self.medium
    }

    /// The three shares, light to heavy.
    pub fn shares(&self) -> [Decimal; 3] {
        [self.light, self.medium, self.heavy()]
    }

    /// How an average task's credits are formed, with the numbers used.
    ///
    /// ```
    /// use agent_credits::format::NumberFormat;
    /// use agent_credits::rating::custom::TaskMix;
    /// assert_eq!(
    ///     TaskMix::default().explain(&NumberFormat::en()),
    ///     "An average task: 50 % × 200 + 40 % × 400 + 10 % × 700 = 330 credits, from 200 to 700"
    /// );
    /// ```
    pub fn explain(&self, f: &crate::format::NumberFormat) -> String {
        let terms: Vec<String> = self
            .shares()
            .into_iter()
            .zip(self.credits)
            .map(|(s, c)| format!("{} % × {}", f.decimal(s, 4), f.credits(c)))
            .collect();
        let (average, range) = self.per_task();
        let ends = |b: Option<Decimal>| f.credits(b.unwrap_or(average));
        format!(
            "An average task: {} = {} credits, from {} to {}",
            terms.join(" + "),
            f.credits(average),
            ends(range.low),
            ends(range.high)
        )
    }

    /// Credits an average task uses, and its range: from the lightest to the heaviest kind of
    /// task the mix has (every task as light, or as heavy, as the mix's kinds go).
    ///
    /// ```
    /// use agent_credits::rating::custom::TaskMix;
    /// let (average, range) = TaskMix::default().per_task();
    /// // 50 % × 200 + 40 % × 400 + 10 % × 700.
    /// assert_eq!(average.normalize().to_string(), "330");
    /// assert_eq!((range.low, range.high), (Some(200.into()), Some(700.into())));
    /// ```
    pub fn per_task(&self) -> (Decimal, Bounds) {
        let mut sum = Decimal::ZERO;
        let mut range: Option<(Decimal, Decimal)> = None;
        for (share, credits) in self.shares().into_iter().zip(self.credits) {
            // Within their limits (checked first), a product and a sum cannot overflow.
            sum += share * credits / Decimal::ONE_HUNDRED;
            if share > Decimal::ZERO {
                range = Some(range.map_or((credits, credits), |(lo, hi)| {
                    (lo.min(credits), hi.max(credits))
                }));
            }
        }
        let (low, high) = range.map_or((sum, sum), |r| r);
        (
            sum,
            Bounds {
                low: Some(low),
                high: Some(high),
            },
        )
    }
}

/// A GitHub Copilot harness agent's usage: kept on every custom agent, so switching harness and
/// back loses nothing; billed only on that harness.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    /// Credits an average task uses.
    pub credits_per_task: Decimal,
    /// Its low and high.
    #[serde(default, skip_serializing_if = "Bounds::is_empty")]
    pub credits_per_task_range: Bounds,
    /// Credits a month building, testing and evaluating the agent.
    pub build_credits: Decimal,
    /// Credits per task built from a mix of light, medium and heavy tasks instead (`None`: the
    /// figures above).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mix: Option<TaskMix>,
}

impl Default for Usage {
    /// 300 credits a task, from 100 to 500 (Microsoft's light to medium planning ranges), and no
    /// building or testing.
    fn default() -> Self {
        Self {
            credits_per_task: Decimal::from(300),
            credits_per_task_range: Bounds {
                low: Some(Decimal::from(100)),
                high: Some(Decimal::from(500)),
            },
            build_credits: Decimal::ZERO,
            mix: None,
        }
    }
}

impl Usage {
    /// Credits an average task uses and its low and high: the mix's when there is one.
    pub fn per_task(&self) -> (Decimal, Bounds) {
        match &self.mix {
            Some(m) => m.per_task(),
            None => (self.credits_per_task, self.credits_per_task_range),
        }
    }

    /// Whether it is the default (left out of saves).
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

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
    /// Where it runs: the standard harness bills its steps, the GitHub Copilot harness its
    /// usage.
    #[serde(default, skip_serializing_if = "Harness::is_standard")]
    pub harness: Harness,
    /// Its usage on the GitHub Copilot harness (kept while it is on the standard one).
    #[serde(default, skip_serializing_if = "Usage::is_default")]
    pub usage: Usage,
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
    /// `credits_per_run × runs_per_month`, plus `build_credits` on the GitHub Copilot harness.
    pub credits_per_month: Credits,
    /// Where it runs.
    pub harness: Harness,
    /// Credits a month building and testing it (GitHub Copilot harness; zero otherwise).
    pub build_credits: Credits,
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
        let u = &self.usage;
        TASK_CREDITS
            .check(u.credits_per_task)
            .map_err(|e| invalid(self, "credits_per_task", e))?;
        ranged(
            "credits_per_task",
            &u.credits_per_task_range,
            u.credits_per_task,
            TASK_CREDITS,
        )?;
        BUILD_CREDITS
            .check(u.build_credits)
            .map_err(|e| invalid(self, "build_credits", e))?;
        if let Some(m) = &u.mix {
            for (tier, share) in [("light", m.light), ("medium", m.medium)] {
                SHARE
                    .check(share)
                    .map_err(|e| invalid(self, &format!("mix.{tier}"), e))?;
            }
            if m.heavy() < Decimal::ZERO {
                let error = super::InputError::MixAboveHundred { other: m.light };
                return Err(invalid(self, "mix.medium", error));
            }
            for (tier, credits) in ["light", "medium", "heavy"].into_iter().zip(m.credits) {
                TASK_CREDITS
                    .check(credits)
                    .map_err(|e| invalid(self, &format!("mix.{tier}.credits"), e))?;
            }
        }
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

    /// Whether its runs or anything it is billed by has a low or high value: its steps' drivers
    /// on the standard harness, its credits per task on the GitHub Copilot harness.
    pub fn has_ranges(&self) -> bool {
        !self.runs_range.is_empty()
            || match self.harness {
                Harness::Standard => self.steps.iter().any(CustomStep::has_ranges),
                Harness::GithubCopilot => {
                    let (expected, range) = self.usage.per_task();
                    range.low.is_some_and(|l| l != expected)
                        || range.high.is_some_and(|h| h != expected)
                }
            }
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
        // A mix forms the expected task itself (its average may have more decimals than a typed
        // figure); the low and high case take its lightest or heaviest kind of task.
        if self.usage.mix.is_some() && case == Case::Expected {
            return;
        }
        let (expected, range) = self.usage.per_task();
        self.usage = Usage {
            credits_per_task: range.at(case, expected),
            credits_per_task_range: Bounds::default(),
            build_credits: self.usage.build_credits,
            mix: None,
        };
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
            harness: Harness::Standard,
            usage: Usage::default(),
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
    if agent.harness == Harness::GithubCopilot {
        return estimate_usage(agent);
    }
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
        harness: Harness::Standard,
        build_credits: Credits::ZERO,
    })
}

/// A custom agent on the standard harness beside the same agent on the GitHub Copilot harness at
/// its usage values: the question makers face before upgrading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upgrade {
    /// The agent on the standard harness: its steps on the rate card.
    pub standard: CustomEstimate,
    /// The agent on the GitHub Copilot harness in the low, expected and high case (its runs and
    /// credits per task at their low and high values).
    pub usage: [CustomEstimate; 3],
}

/// What moving `agent` to the GitHub Copilot harness would do to its credits.
///
/// # Errors
/// As [`estimate_custom`].
///
/// ```
/// use agent_credits::rating::{card, custom::upgrade, STARTERS};
/// let qa = STARTERS[0].build(1); // 1,000 runs at 8 credits on the rate card
/// let u = upgrade(card::current(), &qa).unwrap();
/// assert_eq!(u.standard.credits_per_month.to_string(), "8000");
/// // 1,000 tasks at 300 credits (from 100 to 500), nothing for building and testing.
/// let month = u.usage.map(|e| e.credits_per_month.to_string());
/// assert_eq!(month, ["100000", "300000", "500000"]);
/// ```
pub fn upgrade(card: &'static RateCard, agent: &CustomAgent) -> Result<Upgrade, RatingError> {
    let on = |harness: Harness, case: Case| {
        let mut a = agent.clone();
        a.harness = harness;
        a.take_case(case);
        estimate_custom(card, &a)
    };
    Ok(Upgrade {
        standard: on(Harness::Standard, Case::Expected)?,
        usage: [
            on(Harness::GithubCopilot, Case::Low)?,
            on(Harness::GithubCopilot, Case::Expected)?,
            on(Harness::GithubCopilot, Case::High)?,
        ],
    })
}

/// A GitHub Copilot harness agent's month: `tasks × credits per task + building and testing`.
/// No step, no rate card, no licensed-user exemption.
fn estimate_usage(agent: &CustomAgent) -> Result<CustomEstimate, RatingError> {
    let u = &agent.usage;
    let credits_per_run = Credits::new(u.per_task().0);
    let build_credits = Credits::new(u.build_credits);
    Ok(CustomEstimate {
        id: agent.id,
        name: agent.name.clone(),
        lines: Vec::new(),
        runs_per_month: agent.runs,
        credits_per_run,
        credits_per_month: credits_per_run
            .checked_mul(agent.runs)?
            .checked_add(build_credits)?,
        harness: Harness::GithubCopilot,
        build_credits,
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
    /// On the GitHub Copilot harness: credits per task, its low and high, and building and
    /// testing credits a month. `None`: the standard harness.
    pub usage: Option<(u32, u32, u32, u32)>,
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
        usage: None,
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
        usage: None,
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
        usage: None,
    },
    Starter {
        id: "github_copilot",
        name: "GitHub Copilot harness agent",
        about: "The default for new agents built from the Copilot Studio home page: billed by \
                usage (model tokens, tool calls, harness runtime) in credits per task, and \
                building, testing and evaluating it consume credits too.",
        autonomous: true,
        runs: 200,
        steps: &[(
            "Generative answer",
            EventScenario::GenerativeAnswer,
            1,
            None,
            100,
        )],
        usage: Some((300, 100, 500, 5_000)),
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
            harness: if self.usage.is_some() {
                Harness::GithubCopilot
            } else {
                Harness::Standard
            },
            usage: self
                .usage
                .map_or_else(Usage::default, |(task, low, high, build)| Usage {
                    credits_per_task: Decimal::from(task),
                    credits_per_task_range: Bounds {
                        low: Some(Decimal::from(low)),
                        high: Some(Decimal::from(high)),
                    },
                    build_credits: Decimal::from(build),
                    mix: None,
                }),
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
