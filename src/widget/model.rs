//! The widget's state and everything it shows, as plain data.
//!
//! The widget (`embed=1`) is its own light load: no view library, only this model and a few DOM
//! calls ([`super::dom`]). Everything on screen is computed here, natively testable: the fields'
//! units and messages, each figure's exact and displayed value, whether it is up to date, the
//! note on unserved runs. The view only copies strings into the page.

use rust_decimal::Decimal;

use crate::capacity::{bill, unserved_note, Bill};
use crate::format::{counted, exact, NumberFormat};
use crate::plan::Plan;
use crate::rating::custom::{
    Harness, BUILD_CREDITS_FIELD, LICENSED_FIELD, RUNS_FIELD, TASKS_FIELD, TASK_CREDITS_FIELD,
};
use crate::rating::template::{template, AgentTemplate, InputDef};
use crate::rating::{card, estimate_with_cases, CustomAgent, Estimate, Field};

/// The widget: a plan being edited, what was typed into it, and the last valid figures.
#[derive(Clone, Debug)]
pub struct Widget {
    plan: Plan,
    fmt: NumberFormat,
    /// Fields whose text does not read as a value: public key, text, message. Their figures keep
    /// the last valid value and say they are not updated.
    invalid: Vec<(String, String, String)>,
    estimate: Option<Estimate>,
    bill: Option<Bill>,
    /// The month's bill in the low and the high case, when some input has a range.
    bill_cases: Option<(Bill, Bill)>,
}

/// What a field of the widget sets.
#[derive(Clone, Copy)]
enum Target {
    /// A reference agent's input.
    Input(&'static AgentTemplate, &'static InputDef),
    /// A custom agent's runs per month (its id).
    Runs(u32),
    /// An interactive custom agent's share of runs by licensed users (its id).
    Licensed(u32),
    /// A GitHub Copilot harness agent's credits per task (its id).
    TaskCredits(u32),
    /// A GitHub Copilot harness agent's building and testing credits a month (its id).
    BuildCredits(u32),
}

/// What the widget shows, all of it text or flags the view copies as they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    /// The plan's reference agents, in plan order.
    pub agents: Vec<AgentShown>,
    /// The month's credits, all agents (`total.credits_per_month`).
    pub total: FigureShown,
    /// The month's cost (`billing.total_cost`).
    pub cost: FigureShown,
    /// How many credits go unserved and when the agents stop, if any do.
    pub unserved: Option<String>,
}

/// One agent's card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentShown {
    /// The card's hook, as the page's: `("data-agent", template id)` for a reference agent,
    /// `("data-custom", id)` for a custom agent.
    pub hook: (&'static str, String),
    /// Its name.
    pub name: String,
    /// Its inputs.
    pub fields: Vec<FieldShown>,
    /// Credits per run, then per month.
    pub figures: [FigureShown; 2],
}

/// One input field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldShown {
    /// The public key (`payables.documents`).
    pub key: String,
    /// The element id (`in-payables-documents`).
    pub id: String,
    /// The label.
    pub label: &'static str,
    /// One line of help.
    pub help: &'static str,
    /// The text in the field: what was typed when it was not valid, else the value.
    pub text: String,
    /// The unit after the field, agreeing with the value.
    pub unit: String,
    /// Why the text is not a value, if it is not.
    pub error: Option<String>,
}

/// One figure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FigureShown {
    /// The public metric key.
    pub metric: String,
    /// What it is.
    pub label: &'static str,
    /// The exact value (`data-value`).
    pub value: String,
    /// The rounded, grouped value people read.
    pub shown: String,
    /// The unit after it.
    pub unit: String,
    /// Whether a field it depends on is in error (it then shows the last valid value).
    pub stale: bool,
    /// Its low and high case, exact and shown (`KEY.low`, `KEY.high`), when some input has a
    /// range.
    pub range: Option<[(String, String); 2]>,
}

impl Widget {
    /// The widget for `plan`, numbers read and written in `fmt`.
    pub fn new(plan: Plan, fmt: NumberFormat) -> Self {
        let mut w = Self {
            plan,
            fmt,
            invalid: Vec::new(),
            estimate: None,
            bill: None,
            bill_cases: None,
        };
        w.recompute();
        w
    }

    /// The plan with every valid value typed so far (what "Open full estimate" opens).
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The user typed `text` into the field with public key `key`: a value that reads updates
    /// the figures, anything else is kept with its message and holds the figures back. Keys of
    /// fields the widget does not have are ignored.
    pub fn edit(&mut self, key: &str, text: &str) {
        let Some(target) = self.field(key) else {
            return;
        };
        let kind = match target {
            Target::Input(_, def) => def.kind,
            Target::Runs(_) => RUNS_FIELD.kind,
            Target::Licensed(_) => LICENSED_FIELD.kind,
            Target::TaskCredits(_) => TASK_CREDITS_FIELD.kind,
            Target::BuildCredits(_) => BUILD_CREDITS_FIELD.kind,
        };
        self.invalid.retain(|(k, _, _)| k != key);
        // Within its limits, and between its low and high values (ranges from the link).
        let checked = kind.parse(text, &self.fmt).and_then(|v| {
            match self.plan.workload.order_error(key, Some(v)) {
                Some(e) => Err(e),
                None => Ok(v),
            }
        });
        let value = match checked {
            Ok(value) => value,
            Err(e) => {
                let message = e.message(&self.fmt);
                self.invalid
                    .push((key.to_owned(), text.to_owned(), message));
                return;
            }
        };
        // Parsing checked the value against the same limits the core checks.
        let w = &mut self.plan.workload;
        match target {
            Target::Input(t, def) => {
                let _ = w.set(t.id, def.key, value);
            }
            Target::Runs(id)
            | Target::Licensed(id)
            | Target::TaskCredits(id)
            | Target::BuildCredits(id) => {
                let Some(c) = w.custom.iter_mut().find(|c| c.id == id) else {
                    return;
                };
                *match target {
                    Target::Runs(_) => &mut c.runs,
                    Target::Licensed(_) => &mut c.licensed_share,
                    Target::TaskCredits(_) => &mut c.usage.credits_per_task,
                    _ => &mut c.usage.build_credits,
                } = value;
            }
        }
        self.recompute();
    }

    /// Everything on screen now.
    pub fn shown(&self) -> Shown {
        let all_stale = !self.invalid.is_empty();
        let w = &self.plan.workload;
        let agents = w
            .agents
            .iter()
            .filter_map(|a| template(&a.template))
            .map(|t| self.agent_shown(t))
            .chain(w.custom.iter().map(|c| self.custom_shown(c)))
            .collect();
        let total = self
            .estimate
            .as_ref()
            .map_or(Decimal::ZERO, |e| e.credits_per_month.amount());
        let cost = self.bill.as_ref().map_or(Decimal::ZERO, |b| b.total_cost);
        Shown {
            agents,
            total: self.figure(
                "total.credits_per_month".into(),
                "Per month, all agents",
                total,
                false,
                all_stale,
            ),
            cost: self.figure(
                "billing.total_cost".into(),
                "Cost per month",
                cost,
                true,
                all_stale,
            ),
            unserved: self.bill.as_ref().and_then(|b| unserved_note(b, &self.fmt)),
        }
    }

    /// Whether a field whose key starts with `prefix` (`payables.`, `custom.2.`) is in error.
    fn stale(&self, prefix: &str) -> bool {
        self.invalid.iter().any(|(k, _, _)| k.starts_with(prefix))
    }

    fn custom_shown(&self, c: &CustomAgent) -> AgentShown {
        let prefix = format!("custom.{}.", c.id);
        let stale = self.stale(&prefix);
        let e = self.estimate.as_ref().and_then(|e| e.custom(c.id));
        let per_run = e.map_or(Decimal::ZERO, |e| e.credits_per_run.amount());
        let per_month = e.map_or(Decimal::ZERO, |e| e.credits_per_month.amount());
        let harness = c.harness == Harness::GithubCopilot;
        let runs = if harness { &TASKS_FIELD } else { &RUNS_FIELD };
        let mut fields = vec![self.field_of(format!("{prefix}runs"), runs, c.runs)];
        if harness {
            // A mix of tasks sets the credits per task; the full page edits it.
            if c.usage.mix.is_none() {
                fields.push(self.field_of(
                    format!("{prefix}credits_per_task"),
                    &TASK_CREDITS_FIELD,
                    c.usage.credits_per_task,
                ));
            }
            fields.push(self.field_of(
                format!("{prefix}build_credits"),
                &BUILD_CREDITS_FIELD,
                c.usage.build_credits,
            ));
        } else if !c.autonomous {
            // Licensed users change nothing for an agent no person runs.
            fields.push(self.field_of(
                format!("{prefix}licensed_share"),
                &LICENSED_FIELD,
                c.licensed_share,
            ));
        }
        AgentShown {
            hook: ("data-custom", c.id.to_string()),
            name: c.name.clone(),
            fields,
            figures: [
                self.figure(
                    format!("{prefix}credits_per_run"),
                    if harness {
                        "Per task (average)"
                    } else {
                        "Per run (average)"
                    },
                    per_run,
                    false,
                    stale,
                ),
                self.figure(
                    format!("{prefix}credits_per_month"),
                    "Per month",
                    per_month,
                    false,
                    stale,
                ),
            ],
        }
    }

    /// A field of `field`'s kind holding `value` (or what was typed there), its unit agreeing
    /// with the value.
    fn field_of(&self, key: String, field: &Field, value: Decimal) -> FieldShown {
        let typed = self.invalid.iter().find(|(k, _, _)| *k == key);
        FieldShown {
            id: format!("in-{}", key.replace('.', "-")),
            text: typed.map_or_else(|| self.fmt.plain(value), |(_, text, _)| text.clone()),
            error: typed.map(|(_, _, message)| message.clone()),
            unit: counted(field.unit, value).to_owned(),
            label: field.label,
            help: field.help,
            key,
        }
    }

    fn agent_shown(&self, t: &'static AgentTemplate) -> AgentShown {
        let stale = self.stale(&format!("{}.", t.id));
        let a = self.estimate.as_ref().and_then(|e| e.agent(t.id));
        let per_run = a.map_or(Decimal::ZERO, |a| a.credits_per_run.amount());
        let per_month = a.map_or(Decimal::ZERO, |a| a.credits_per_month.amount());
        AgentShown {
            hook: ("data-agent", t.id.to_owned()),
            name: t.name.to_owned(),
            fields: t
                .inputs
                .iter()
                .map(|def| self.field_shown(t, def))
                .collect(),
            figures: [
                self.figure(
                    format!("{}.credits_per_run", t.id),
                    "Per run (average)",
                    per_run,
                    false,
                    stale,
                ),
                self.figure(
                    format!("{}.credits_per_month", t.id),
                    "Per month",
                    per_month,
                    false,
                    stale,
                ),
            ],
        }
    }

    fn field_shown(&self, t: &AgentTemplate, def: &InputDef) -> FieldShown {
        let value = self
            .plan
            .workload
            .agent(t.id)
            .map_or(def.default, |a| a.value(def));
        let mut f = self.field_of(format!("{}.{}", t.id, def.key), &def.field(), value);
        // The template knows its unit's singular ("1 attachment").
        f.unit = counted(def.unit_for(value), value).to_owned();
        f
    }

    fn figure(
        &self,
        metric: String,
        label: &'static str,
        value: Decimal,
        money: bool,
        stale: bool,
    ) -> FigureShown {
        let show = |v: Decimal| {
            if money {
                self.fmt.money(v)
            } else {
                self.fmt.credits(v)
            }
        };
        let cases = if money {
            self.bill_cases
                .as_ref()
                .and_then(|(low, high)| Some((low.figure(&metric)?, high.figure(&metric)?)))
        } else {
            let cases = self.estimate.as_ref().and_then(|e| e.cases.as_ref());
            cases.and_then(|c| Some((c.low.figure(&metric)?, c.high.figure(&metric)?)))
        };
        let range = cases.map(|(low, high)| [(exact(low), show(low)), (exact(high), show(high))]);
        let (shown, unit) = if money {
            (
                self.fmt.money(value),
                self.plan.billing.prices.currency.clone(),
            )
        } else {
            (
                self.fmt.credits(value),
                counted("credits", value).to_owned(),
            )
        };
        FigureShown {
            metric,
            label,
            value: exact(value),
            shown,
            unit,
            stale,
            range,
        }
    }

    /// What the field with public key `key` sets, if the widget shows that field.
    fn field(&self, key: &str) -> Option<Target> {
        let (agent, input) = key.split_once('.')?;
        if agent == "custom" {
            let (id, input) = input.split_once('.')?;
            let c = self.plan.workload.custom(id.parse().ok()?)?;
            let harness = c.harness == Harness::GithubCopilot;
            return match input {
                "runs" => Some(Target::Runs(c.id)),
                "licensed_share" if !c.autonomous && !harness => Some(Target::Licensed(c.id)),
                "credits_per_task" if harness && c.usage.mix.is_none() => {
                    Some(Target::TaskCredits(c.id))
                }
                "build_credits" if harness => Some(Target::BuildCredits(c.id)),
                _ => None,
            };
        }
        let t = template(agent).filter(|_| self.plan.workload.includes(agent))?;
        Some(Target::Input(t, t.input(input)?))
    }

    /// The figures for the plan; the last valid ones stay if it has none.
    fn recompute(&mut self) {
        if let Ok(e) = estimate_with_cases(card::current(), &self.plan.workload) {
            let billing = &self.plan.billing;
            let bill_of = |demand| bill(demand, &billing.settings, &billing.prices).ok();
            if let Some(b) = bill_of(e.credits_per_month) {
                self.bill = Some(b);
            }
            self.bill_cases = e.cases.as_ref().and_then(|c| {
                Some((
                    bill_of(c.low.credits_per_month)?,
                    bill_of(c.high.credits_per_month)?,
                ))
            });
            self.estimate = Some(e);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rating::Workload;
    use crate::session::embedded;
    use crate::share;

    fn payables() -> Widget {
        Widget::new(
            embedded(&share::read("?embed=1&agent=payables")),
            NumberFormat::en(),
        )
    }

    fn metric<'a>(s: &'a Shown, key: &str) -> &'a FigureShown {
        s.agents
            .iter()
            .flat_map(|a| a.figures.iter())
            .chain([&s.total, &s.cost])
            .find(|f| f.metric == key)
            .unwrap_or_else(|| panic!("no figure {key}"))
    }

    #[test]
    fn the_reference_example_on_the_widget() {
        let s = payables().shown();
        assert_eq!(s.agents.len(), 1);
        assert_eq!(s.agents[0].hook, ("data-agent", "payables".to_owned()));
        assert_eq!(metric(&s, "payables.credits_per_month").value, "5200");
        assert_eq!(s.total.value, "5200");
        assert_eq!(s.total.shown, "5,200");
        assert!(!s.total.stale);
    }

    #[test]
    fn a_typo_holds_the_figures_back_and_keeps_the_text() {
        let mut w = payables();
        w.edit("payables.documents", "40");
        let before = w.shown();
        assert_ne!(before.total.value, "5200");
        w.edit("payables.documents", "4o");
        let s = w.shown();
        let field = s.agents[0]
            .fields
            .iter()
            .find(|f| f.key == "payables.documents")
            .unwrap();
        assert_eq!(field.text, "4o");
        assert!(field.error.is_some());
        assert_eq!(s.total.value, before.total.value);
        assert!(s.total.stale && s.cost.stale && s.agents[0].figures[1].stale);
        w.edit("payables.documents", "40");
        let s = w.shown();
        assert!(!s.total.stale);
        assert_eq!(s.total, before.total);
    }

    #[test]
    fn units_agree_with_values_and_unknown_keys_change_nothing() {
        let mut w = payables();
        let before = w.shown();
        w.edit("sales_order.requests", "5");
        w.edit("payables.nope", "5");
        w.edit("billing.packs", "5");
        assert_eq!(w.shown(), before);
        w.edit("payables.documents", "1");
        let s = w.shown();
        let field = &s.agents[0].fields[0];
        assert_eq!(field.key, "payables.documents");
        assert!(!field.unit.ends_with('s'), "{}", field.unit);
    }

    #[test]
    fn the_cost_and_its_unserved_note_follow_the_bill() {
        let mut w = Widget::new(
            embedded(&share::read(
                "?embed=1&agent=payables&billing.packs=0&billing.payg=off",
            )),
            NumberFormat::en(),
        );
        let s = w.shown();
        assert_eq!(s.cost.unit, "USD");
        assert!(
            s.unserved.is_some(),
            "no packs, no pay-as-you-go: every run goes unserved"
        );
        w = Widget::new(Plan::of(Workload::default()), NumberFormat::en());
        let total = w.shown().total.value;
        assert_eq!(total, "6380");
    }

    #[test]
    fn a_github_copilot_harness_agent_on_the_widget() {
        let link = "?embed=1&agent=custom.1&custom.1.starter=github_copilot";
        let mut w = Widget::new(embedded(&share::read(link)), NumberFormat::en());
        let s = w.shown();
        let keys: Vec<_> = s.agents[0].fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "custom.1.runs",
                "custom.1.credits_per_task",
                "custom.1.build_credits"
            ]
        );
        assert_eq!(metric(&s, "custom.1.credits_per_run").value, "300");
        // 200 × 300 + 5,000, from 200 × 100 + 5,000 to 200 × 500 + 5,000.
        assert_eq!(s.total.value, "65000");
        let range = s.total.range.clone().expect("the starter's range");
        assert_eq!(
            [range[0].0.as_str(), range[1].0.as_str()],
            ["25000", "105000"]
        );
        w.edit("custom.1.credits_per_task", "400");
        w.edit("custom.1.build_credits", "1000");
        assert_eq!(w.shown().total.value, "81000");
        // Above the high value: refused next to the field, the last figures stay.
        w.edit("custom.1.credits_per_task", "600");
        let s = w.shown();
        assert_eq!(s.total.value, "81000");
        assert!(s.total.stale);
        // No licensed-user exemption on this harness: no such field.
        w.edit("custom.1.licensed_share", "50");
        assert!(w.field("custom.1.licensed_share").is_none());
    }

    #[test]
    fn a_custom_agent_on_the_widget() {
        let link = "?embed=1&agent=custom.1&custom.1.starter=qa&custom.1.runs=1000";
        let mut w = Widget::new(embedded(&share::read(link)), NumberFormat::en());
        let s = w.shown();
        assert_eq!(s.agents.len(), 1);
        assert_eq!(s.agents[0].hook, ("data-custom", "1".to_owned()));
        assert_eq!(s.agents[0].name, "Question-answering agent");
        let keys: Vec<_> = s.agents[0].fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["custom.1.runs", "custom.1.licensed_share"]);
        // Classic 1 + generative 2 + grounding 10 × 50 % = 8 credits a run.
        assert_eq!(metric(&s, "custom.1.credits_per_run").value, "8");
        assert_eq!(s.total.value, "8000");
        w.edit("custom.1.runs", "500");
        w.edit("custom.1.licensed_share", "50");
        assert_eq!(
            metric(&w.shown(), "custom.1.credits_per_month").value,
            "2000"
        );
        w.edit("custom.1.runs", "lots");
        let s = w.shown();
        assert!(s.agents[0].figures[1].stale && s.total.stale);
        assert_eq!(s.total.value, "2000");
        assert_eq!(s.agents[0].fields[0].text, "lots");
        // An autonomous agent has no licensed share to enter.
        let link = "?embed=1&agent=custom.1&custom.1.starter=autonomous";
        let w = Widget::new(embedded(&share::read(link)), NumberFormat::en());
        assert_eq!(w.shown().agents[0].fields.len(), 1);
    }

    #[test]
    fn ranges_from_the_link_on_the_widget() {
        let link = "?embed=1&agent=payables&payables.documents=400\
            &payables.documents.low=300&payables.documents.high=600";
        let mut w = Widget::new(embedded(&share::read(link)), NumberFormat::en());
        let s = w.shown();
        let month = metric(&s, "payables.credits_per_month");
        assert_eq!(month.value, "20800");
        let range = month.range.clone().expect("a range");
        assert_eq!(
            [range[0].0.as_str(), range[1].0.as_str()],
            ["15600", "31200"]
        );
        // Pay-as-you-go at 0.01 USD a credit.
        let cost = s.cost.range.clone().expect("the cost's range");
        assert_eq!([cost[0].0.as_str(), cost[1].0.as_str()], ["156", "312"]);
        // An expected value above the high one is refused, with its message; the figures stay.
        w.edit("payables.documents", "700");
        let s = w.shown();
        assert!(s.agents[0].fields[0]
            .error
            .as_deref()
            .is_some_and(|e| e.contains("high value")));
        assert_eq!(s.total.value, "20800");
        assert!(s.total.stale);
        // Without ranges there is none to show.
        assert!(payables().shown().total.range.is_none());
    }
}
