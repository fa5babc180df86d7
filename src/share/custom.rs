//! Readable keys for custom agents, the same as their input hooks:
//!
//! ```text
//! custom.1.name=Helpdesk&custom.1.runs=1000&custom.1.autonomous=off&custom.1.licensed_share=30
//! &custom.1.steps.1.scenario=generative_answer&custom.1.steps.1.events=1
//! &custom.1.steps.1.items=3&custom.1.steps.1.share=25
//! ```
//!
//! The number after `custom.` places the agent among the link's custom agents, the number after
//! `steps.` places the step in its agent: numbers order, they need not start anywhere or follow
//! each other, so a link written from the page's hooks (steps from 0) and one written by hand
//! (from 1) read alike. An agent starts as the starter `custom.N.starter` names (`qa`,
//! `autonomous`, `blank`; the blank agent when none) and takes the link's values over it; the
//! steps the link names replace the starter's, and `custom.N.steps=none` leaves it none. A step starts as one generative answer per run in
//! every run, under its scenario's name. Scenarios are written as words
//! ([`EventScenario::word`]), `autonomous` as `on` or `off`.
//!
//! An agent on the GitHub Copilot harness: `custom.1.harness=github_copilot` (or `standard`, the
//! default), `custom.1.runs` its tasks per month, `custom.1.credits_per_task` (with `.low` and
//! `.high`) and `custom.1.build_credits` (building and testing, a month). Usage keys without a
//! harness put the agent on the GitHub Copilot harness; `custom.1.starter=github_copilot` starts
//! from 200 tasks at 300 credits (100 to 500) with 5,000 building and testing credits.

use rust_decimal::Decimal;

use super::{CustomRead, Ignored, LinkIssue};
use crate::format::{exact, NumberFormat};
use crate::plan::About;
use crate::rating::card::{current, EventScenario};
use crate::rating::custom::{
    CustomStep, Harness, Starter, TaskMix, BUILD_CREDITS, EVENTS, MAX_CUSTOM_AGENTS, MAX_NAME,
    MAX_STEPS, RUNS, SHARE, STARTERS, TASK_CREDITS,
};
use crate::rating::{Bound, Bounds, CustomAgent, InputKind};

/// The custom agents a link's readable keys describe, gathered key by key: what each key set,
/// applied over the starter only at the end, so keys may come in any order.
#[derive(Default)]
pub(super) struct Gathered {
    /// By place, in place order.
    agents: Vec<(u32, AgentKeys)>,
}

#[derive(Default)]
struct AgentKeys {
    starter: Option<&'static Starter>,
    name: Option<String>,
    runs: Option<Decimal>,
    autonomous: Option<bool>,
    licensed_share: Option<Decimal>,
    /// By place, in place order.
    steps: Vec<(u32, StepKeys)>,
    /// `steps=none`: no steps at all (not the starter's).
    no_steps: bool,
    runs_range: Bounds,
    harness: Option<Harness>,
    credits_per_task: Option<Decimal>,
    /// Low and high credits per task; either replaces the starter's pair.
    task_range: Bounds,
    build_credits: Option<Decimal>,
    /// `mix=on|off`.
    mix: Option<bool>,
    /// `mix.light`, `mix.medium`: shares of tasks.
    mix_shares: [Option<Decimal>; 2],
    /// `mix.light.credits`, `mix.medium.credits`, `mix.heavy.credits`.
    mix_credits: [Option<Decimal>; 3],
}

#[derive(Default)]
struct StepKeys {
    name: Option<String>,
    scenario: Option<EventScenario>,
    events: Option<Decimal>,
    items: Option<Option<Decimal>>,
    share: Option<Decimal>,
    events_range: Bounds,
    items_range: Bounds,
    share_range: Bounds,
}

/// The entry for `place` in a list kept in place order, added if new (at most `max`).
fn entry<T: Default>(
    list: &mut Vec<(u32, T)>,
    place: u32,
    max: usize,
) -> Result<&mut T, LinkIssue> {
    let i = match list.binary_search_by_key(&place, |(p, _)| *p) {
        Ok(i) => i,
        Err(_) if list.len() == max => return Err(LinkIssue::TooMany),
        Err(i) => {
            list.insert(i, (place, T::default()));
            i
        }
    };
    Ok(&mut list[i].1)
}

impl Gathered {
    /// Reads one key after `custom.` (`1.runs`, `1.steps.2.share`).
    pub(super) fn set(&mut self, rest: &str, value: &str) -> Result<(), LinkIssue> {
        let (place, field) = rest.split_once('.').ok_or(LinkIssue::UnknownKey)?;
        let agent = entry(&mut self.agents, number(place)?, MAX_CUSTOM_AGENTS)?;
        let value_of = |kind: InputKind| {
            kind.parse(value, &NumberFormat::en())
                .map_err(LinkIssue::BadValue)
        };
        if let Some(step) = field.strip_prefix("steps.") {
            let (place, field) = step.split_once('.').ok_or(LinkIssue::UnknownKey)?;
            let step = entry(&mut agent.steps, number(place)?, MAX_STEPS)?;
            if let Some((field, b)) = bounded(field) {
                let (range, kind) = match field {
                    "events" => (&mut step.events_range, EVENTS),
                    "items" => (&mut step.items_range, EVENTS),
                    "share" => (&mut step.share_range, SHARE),
                    _ => return Err(LinkIssue::UnknownKey),
                };
                return set_bound(range, b, value, kind);
            }
            match field {
                "name" => step.name = Some(text(value)),
                "scenario" => {
                    step.scenario =
                        Some(EventScenario::from_word(value).ok_or(LinkIssue::UnknownChoice)?);
                }
                "events" => step.events = Some(value_of(EVENTS)?),
                "items" if value.trim().is_empty() => step.items = Some(None),
                "items" => step.items = Some(Some(value_of(EVENTS)?)),
                "share" => step.share = Some(value_of(SHARE)?),
                _ => return Err(LinkIssue::UnknownKey),
            }
            return Ok(());
        }
        match bounded(field) {
            Some(("runs", b)) => return set_bound(&mut agent.runs_range, b, value, RUNS),
            Some(("credits_per_task", b)) => {
                return set_bound(&mut agent.task_range, b, value, TASK_CREDITS);
            }
            _ => {}
        }
        match field {
            "steps" if value == "none" => agent.no_steps = true,
            "name" => agent.name = Some(text(value)),
            "runs" => agent.runs = Some(value_of(RUNS)?),
            "licensed_share" => agent.licensed_share = Some(value_of(SHARE)?),
            "harness" => {
                agent.harness = Some(Harness::from_word(value).ok_or(LinkIssue::UnknownChoice)?);
            }
            "credits_per_task" => agent.credits_per_task = Some(value_of(TASK_CREDITS)?),
            "build_credits" => agent.build_credits = Some(value_of(BUILD_CREDITS)?),
            "mix" => {
                agent.mix = Some(match value {
                    "on" => true,
                    "off" => false,
                    _ => return Err(LinkIssue::OnOrOff),
                });
            }
            "mix.light" => agent.mix_shares[0] = Some(value_of(SHARE)?),
            "mix.medium" => agent.mix_shares[1] = Some(value_of(SHARE)?),
            "mix.light.credits" => agent.mix_credits[0] = Some(value_of(TASK_CREDITS)?),
            "mix.medium.credits" => agent.mix_credits[1] = Some(value_of(TASK_CREDITS)?),
            "mix.heavy.credits" => agent.mix_credits[2] = Some(value_of(TASK_CREDITS)?),
            "autonomous" => {
                agent.autonomous = Some(match value {
                    "on" => true,
                    "off" => false,
                    _ => return Err(LinkIssue::OnOrOff),
                });
            }
            "starter" => {
                agent.starter = Some(
                    STARTERS
                        .iter()
                        .find(|s| s.id == value)
                        .ok_or(LinkIssue::UnknownChoice)?,
                );
            }
            _ => return Err(LinkIssue::UnknownKey),
        }
        Ok(())
    }

    /// The agents, with ids from 1 in place order; `None` when the link names none. A low or
    /// high value on the wrong side of its expected value is dropped, with its reason.
    pub(super) fn agents(self, ignored: &mut Vec<Ignored>) -> Option<Vec<CustomAgent>> {
        if self.agents.is_empty() {
            return None;
        }
        let agents = self
            .agents
            .into_iter()
            .zip(1..)
            .map(|((place, keys), id)| {
                let mut agent = keys.build(id);
                drop_misordered(&mut agent, place, ignored);
                agent
            })
            .collect();
        Some(agents)
    }
}

impl AgentKeys {
    fn build(self, id: u32) -> CustomAgent {
        let starter = self
            .starter
            .or_else(|| STARTERS.iter().find(|s| s.id == "blank"));
        let mut agent = starter.map_or_else(
            || CustomAgent {
                id,
                name: String::new(),
                runs: Decimal::ZERO,
                autonomous: false,
                licensed_share: Decimal::ZERO,
                steps: Vec::new(),
                runs_range: Default::default(),
                harness: Default::default(),
                usage: Default::default(),
            },
            |s| s.build(id),
        );
        if let Some(v) = self.name {
            agent.name = v;
        }
        if let Some(v) = self.runs {
            agent.runs = v;
        }
        if let Some(v) = self.autonomous {
            agent.autonomous = v;
        }
        if let Some(v) = self.licensed_share {
            agent.licensed_share = v;
        }
        agent.runs_range = self.runs_range;
        // Naming a harness agent's usage puts it on that harness, unless the link says otherwise.
        let mix_named = self
            .mix_shares
            .iter()
            .chain(&self.mix_credits)
            .any(Option::is_some);
        let usage_named = self.credits_per_task.is_some()
            || !self.task_range.is_empty()
            || self.build_credits.is_some()
            || self.mix == Some(true)
            || mix_named;
        if let Some(h) = self.harness {
            agent.harness = h;
        } else if usage_named {
            agent.harness = Harness::GithubCopilot;
        }
        let u = &mut agent.usage;
        if let Some(v) = self.credits_per_task {
            u.credits_per_task = v;
        }
        if !self.task_range.is_empty() || self.credits_per_task.is_some() {
            u.credits_per_task_range = self.task_range;
        }
        if let Some(v) = self.build_credits {
            u.build_credits = v;
        }
        // Any of the mix's keys turns it on, over the starter's mix or the default one;
        // `mix=off` turns it off whatever else the link says.
        if self.mix == Some(false) {
            u.mix = None;
        } else if self.mix == Some(true) || mix_named {
            let m = u.mix.get_or_insert_with(TaskMix::default);
            let [light, medium] = self.mix_shares;
            if let Some(v) = light {
                m.light = v;
            }
            if let Some(v) = medium {
                m.medium = v;
            }
            for (c, v) in m.credits.iter_mut().zip(self.mix_credits) {
                if let Some(v) = v {
                    *c = v;
                }
            }
        }
        if self.no_steps || !self.steps.is_empty() {
            agent.steps = self.steps.into_iter().map(|(_, s)| s.build()).collect();
        }
        agent
    }
}

impl StepKeys {
    fn build(self) -> CustomStep {
        let mut step = CustomStep::new(
            current(),
            self.scenario.unwrap_or(EventScenario::GenerativeAnswer),
        );
        if let Some(v) = self.name {
            step.name = v;
        }
        if let Some(v) = self.events {
            step.events = v;
        }
        if let Some(v) = self.items {
            step.items = v;
        }
        if let Some(v) = self.share {
            step.share = v;
        }
        step.events_range = self.events_range;
        step.items_range = self.items_range;
        step.share_range = self.share_range;
        step
    }
}

/// Reads custom agents' keys (`custom.…`) and the estimate's own (`estimate.title`, …; see
/// [`crate::plan::About`]), reporting each it cannot use.
pub(super) fn read_keys(keys: Vec<(String, String)>, ignored: &mut Vec<Ignored>) -> CustomRead {
    let mut gathered = Gathered::default();
    let mut about: Option<About> = None;
    for (key, value) in keys {
        let result = match (key.strip_prefix("custom."), key.strip_prefix("estimate.")) {
            (Some(rest), _) => gathered.set(rest, &value),
            (_, Some(field)) => match about.get_or_insert_with(About::default).set(field, &value) {
                Ok(true) => Ok(()),
                Ok(false) => Err(LinkIssue::UnknownKey),
                Err(_) => Err(LinkIssue::BadDate),
            },
            _ => Err(LinkIssue::UnknownKey),
        };
        if let Err(issue) = result {
            ignored.push(Ignored { key, issue });
        }
    }
    let places = gathered.agents.iter().map(|(p, _)| *p).collect();
    CustomRead {
        agents: gathered.agents(ignored),
        places,
        about: about.filter(|a| !a.is_empty()),
    }
}

/// The first module's stand-in for [`read_keys`]: it never gets custom agents' keys (start-up
/// reads such a link with the full reader), but if it did, it says it did not read them.
pub(super) fn unread(keys: Vec<(String, String)>, ignored: &mut Vec<Ignored>) -> CustomRead {
    if let Some((key, _)) = keys.first() {
        ignored.push(Ignored {
            key: key.clone(),
            issue: LinkIssue::Compact(super::CompactError::Damaged),
        });
    }
    CustomRead::default()
}

/// `field.low` / `field.high`: the field and the bound.
fn bounded(field: &str) -> Option<(&str, Bound)> {
    match (field.strip_suffix(".low"), field.strip_suffix(".high")) {
        (Some(f), _) => Some((f, Bound::Low)),
        (_, Some(f)) => Some((f, Bound::High)),
        _ => None,
    }
}

/// Reads a low or high value into `range` (empty: the same as expected).
fn set_bound(range: &mut Bounds, b: Bound, value: &str, kind: InputKind) -> Result<(), LinkIssue> {
    let v = if value.trim().is_empty() {
        None
    } else {
        Some(
            kind.parse(value, &NumberFormat::en())
                .map_err(LinkIssue::BadValue)?,
        )
    };
    range.set(b, v);
    Ok(())
}

/// Drops each low or high value of `agent` that is on the wrong side of its expected value,
/// reporting it under the link's key (`custom.P.runs.low`).
fn drop_misordered(agent: &mut CustomAgent, place: u32, ignored: &mut Vec<Ignored>) {
    // Light and medium tasks together at most 100 %: the medium share gives way.
    if let Some(m) = agent
        .usage
        .mix
        .as_mut()
        .filter(|m| m.heavy() < Decimal::ZERO)
    {
        let other = m.light;
        m.medium = Decimal::ONE_HUNDRED - other;
        ignored.push(Ignored {
            key: format!("custom.{place}.mix.medium"),
            issue: LinkIssue::BadValue(crate::rating::InputError::MixAboveHundred { other }),
        });
    }
    let mut check = |field: String, range: &mut Bounds, expected: Decimal| {
        if let Err((b, e)) = range.check(expected) {
            range.set(b, None);
            ignored.push(Ignored {
                key: format!("custom.{place}.{field}.{}", b.suffix()),
                issue: LinkIssue::BadValue(e),
            });
        }
    };
    check("runs".into(), &mut agent.runs_range, agent.runs);
    let u = &mut agent.usage;
    check(
        "credits_per_task".into(),
        &mut u.credits_per_task_range,
        u.credits_per_task,
    );
    for (s, n) in agent.steps.iter_mut().zip(0..) {
        check(format!("steps.{n}.events"), &mut s.events_range, s.events);
        match s.items {
            Some(items) => check(format!("steps.{n}.items"), &mut s.items_range, items),
            // Once per run: no items to range over.
            None => s.items_range = Bounds::default(),
        }
        check(format!("steps.{n}.share"), &mut s.share_range, s.share);
    }
}

/// Writes the low and high values of `field`, if set.
fn bounds(key: &mut impl FnMut(&str, &str), field: &str, range: &Bounds) {
    for b in Bound::BOTH {
        if let Some(v) = range.get(b) {
            key(&format!("{field}.{}", b.suffix()), &exact(v));
        }
    }
}

/// A place number: digits only, at most nine of them.
pub(super) fn number(s: &str) -> Result<u32, LinkIssue> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(LinkIssue::UnknownKey);
    }
    s.parse().map_err(|_| LinkIssue::UnknownKey)
}

/// A name as plain text, cut to [`MAX_NAME`] characters (as written otherwise: what the page
/// wrote reads back the same).
fn text(value: &str) -> String {
    value.chars().take(MAX_NAME).collect()
}

/// The readable keys of `agents`, each `&key=value`, places from 1 and steps from 0 (the input
/// hooks of the page the link opens, where agents get ids from 1 in link order).
pub(super) fn write(agents: &[CustomAgent], out: &mut String) {
    for (a, place) in agents.iter().zip(1..) {
        let mut key = |field: &str, value: &str| {
            out.push_str(&format!("&custom.{place}.{field}="));
            encode_component(value, out);
        };
        key("name", &a.name);
        key("runs", &exact(a.runs));
        bounds(&mut key, "runs", &a.runs_range);
        key("autonomous", if a.autonomous { "on" } else { "off" });
        key("licensed_share", &exact(a.licensed_share));
        // The harness and usage only where it bills or was edited: a standard agent's links stay
        // as before. The harness is written with them: usage keys alone mean the GitHub Copilot
        // harness.
        if !a.harness.is_standard() || !a.usage.is_default() {
            let u = &a.usage;
            key("harness", a.harness.word());
            key("credits_per_task", &exact(u.credits_per_task));
            bounds(&mut key, "credits_per_task", &u.credits_per_task_range);
            key("build_credits", &exact(u.build_credits));
            if let Some(m) = &u.mix {
                key("mix", "on");
                key("mix.light", &exact(m.light));
                key("mix.medium", &exact(m.medium));
                for (tier, c) in ["light", "medium", "heavy"].into_iter().zip(m.credits) {
                    key(&format!("mix.{tier}.credits"), &exact(c));
                }
            }
        }
        if a.steps.is_empty() {
            key("steps", "none");
        }
        for (s, n) in a.steps.iter().zip(0..) {
            key(&format!("steps.{n}.name"), &s.name);
            key(&format!("steps.{n}.scenario"), s.scenario.word());
            key(&format!("steps.{n}.events"), &exact(s.events));
            bounds(&mut key, &format!("steps.{n}.events"), &s.events_range);
            if let Some(items) = s.items {
                key(&format!("steps.{n}.items"), &exact(items));
                bounds(&mut key, &format!("steps.{n}.items"), &s.items_range);
            }
            key(&format!("steps.{n}.share"), &exact(s.share));
            bounds(&mut key, &format!("steps.{n}.share"), &s.share_range);
        }
    }
}

/// The estimate's own keys (`&estimate.title=…`), those written only.
pub(super) fn write_about(about: &About, out: &mut String) {
    for key in crate::plan::ABOUT_KEYS {
        if let Some(value) = about.get(key).filter(|v| !v.is_empty()) {
            out.push_str(&format!("&estimate.{key}="));
            encode_component(value, out);
        }
    }
}

/// Percent-encoding of a value: unreserved characters as they are, everything else escaped, so
/// a name with `&`, `=`, `#` or spaces survives mail clients and chat apps.
fn encode_component(value: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::plan::Plan;
    use crate::rating::{card, estimate, CustomAgent, Workload};
    use crate::share::{self, LinkIssue};
    use rust_decimal::Decimal;

    fn custom(link: &str) -> Vec<CustomAgent> {
        let read = share::read(link);
        assert!(read.ignored.is_empty(), "{link}: {:?}", read.ignored);
        read.plan().expect("a plan").workload.custom
    }

    /// The month's credits of the link's only custom agent.
    fn month(link: &str) -> Decimal {
        let plan = share::read(link).plan().expect("a plan");
        assert!(
            plan.workload.agents.is_empty(),
            "a link naming custom agents only has no others"
        );
        let e = estimate(card::current(), &plan.workload).expect("an estimate");
        e.credits_per_month.amount()
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn hand_written_links_give_hand_computed_months() {
        // Question-answering starter: classic 1 + generative 2 + grounding 10 × 50 % = 8 a run.
        assert_eq!(month("?custom.1.starter=qa&custom.1.runs=1000"), d("8000"));
        // The same, 40 % of runs by licensed users: every scenario is exempt for them.
        assert_eq!(
            month("?custom.1.starter=qa&custom.1.runs=1000&custom.1.licensed_share=40"),
            d("4800")
        );
        // The issue's example: 1 event × 3 items × 25 % of runs × 70 % unlicensed × 2 credits.
        let helpdesk = "?custom.1.name=Helpdesk&custom.1.runs=1000&custom.1.autonomous=off\
            &custom.1.licensed_share=30&custom.1.steps.1.scenario=generative_answer\
            &custom.1.steps.1.events=1&custom.1.steps.1.items=3&custom.1.steps.1.share=25";
        assert_eq!(month(helpdesk), d("1050"));
        assert_eq!(custom(helpdesk)[0].name, "Helpdesk");
        // Autonomous, with items and a share of runs: action 5 + pages 8 × 4 × 50 % + 20 flow
        // actions × 13 / 100 = 23.6 a run; no exemption whatever the licensed share says.
        let invoices = "#v=1&custom.1.name=Invoice%20bot&custom.1.runs=200&custom.1.autonomous=on\
            &custom.1.licensed_share=90&custom.1.steps.1.scenario=agent_action\
            &custom.1.steps.2.scenario=content_processing&custom.1.steps.2.items=4\
            &custom.1.steps.2.share=50&custom.1.steps.3.scenario=agent_flow_actions\
            &custom.1.steps.3.events=20";
        assert_eq!(month(invoices), d("4720"));
        let a = &custom(invoices)[0];
        assert_eq!(a.name, "Invoice bot");
        assert_eq!(a.steps.len(), 3);
        assert_eq!(a.steps[1].name, "Content processing tools");
    }

    #[test]
    fn numbers_order_agents_and_steps_from_any_start() {
        let from_one = custom("?custom.2.runs=5&custom.1.runs=7&custom.1.steps.2.scenario=agent_action&custom.1.steps.1.scenario=classic_answer");
        let from_zero = custom("?custom.1.runs=7&custom.4.runs=5&custom.1.steps.0.scenario=classic_answer&custom.1.steps.9.scenario=agent_action");
        assert_eq!(from_one, from_zero);
        assert_eq!((from_one[0].id, from_one[1].id), (1, 2));
        assert_eq!(from_one[0].runs, d("7"));
    }

    #[test]
    fn a_starter_applies_first_whatever_its_place_in_the_link() {
        let before = custom("?custom.1.runs=100&custom.1.starter=qa");
        let after = custom("?custom.1.starter=qa&custom.1.runs=100");
        assert_eq!(before, after);
        assert_eq!(
            before[0].runs,
            d("100"),
            "the link's runs, though the blank starter's are 100 too"
        );
        assert_eq!(before[0].steps.len(), 3);
        // Steps the link names replace the starter's.
        let one = custom("?custom.1.starter=autonomous&custom.1.steps.1.scenario=agent_action");
        assert!(one[0].autonomous);
        assert_eq!(one[0].steps.len(), 1);
    }

    #[test]
    fn what_the_page_writes_reads_back_the_same() {
        let mut w = Workload::default();
        let mut odd = crate::rating::custom::STARTERS[1].build(0);
        odd.name = "R&D = 100% #1 ünïcode + more".into();
        odd.steps[4].items = Some(d("2.5"));
        w.add_custom(crate::rating::custom::STARTERS[0].build(0))
            .unwrap();
        w.add_custom(odd).unwrap();
        let mut plan = Plan::of(w);
        plan.billing.settings.packs = 3;
        let link = share::write(&plan);
        assert!(!link.contains("&s="), "short enough to be readable: {link}");
        assert!(
            link.contains("&custom.2.name=R%26D%20%3D%20100%25%20%231"),
            "{link}"
        );
        assert!(
            link.contains("&custom.1.steps.0.scenario=classic_answer"),
            "{link}"
        );
        assert_eq!(share::read(&link).plan(), Some(plan));
    }

    #[test]
    fn a_long_estimate_keeps_its_custom_agents_in_the_compact_form() {
        let mut w = Workload::default();
        for _ in 0..4 {
            w.add_custom(crate::rating::custom::STARTERS[1].build(0))
                .unwrap();
        }
        let plan = Plan::of(w);
        let link = share::write(&plan);
        assert!(link.contains("&s=") && !link.contains("custom."), "{link}");
        assert_eq!(share::read(&link).plan(), Some(plan));
    }

    #[test]
    fn bad_keys_are_ignored_with_a_reason_and_the_rest_applies() {
        let read = share::read(
            "?custom.1.runs=-5&custom.1.steps.1.scenario=magic&custom.1.colour=red\
             &custom.x.runs=3&custom.1.autonomous=yes&custom.1.starter=robot&custom.1.name=Kept",
        );
        let issues: Vec<_> = read
            .ignored
            .iter()
            .map(|i| (i.key.as_str(), &i.issue))
            .collect();
        assert!(matches!(
            issues[0],
            ("custom.1.runs", LinkIssue::BadValue(_))
        ));
        assert_eq!(
            issues[1],
            ("custom.1.steps.1.scenario", &LinkIssue::UnknownChoice)
        );
        assert_eq!(issues[2], ("custom.1.colour", &LinkIssue::UnknownKey));
        assert_eq!(issues[3], ("custom.x.runs", &LinkIssue::UnknownKey));
        assert_eq!(issues[4], ("custom.1.autonomous", &LinkIssue::OnOrOff));
        assert_eq!(issues[5], ("custom.1.starter", &LinkIssue::UnknownChoice));
        let agents = read.plan().unwrap().workload.custom;
        assert_eq!(agents.len(), 1);
        assert_eq!(agents[0].name, "Kept");
        // The scenario was refused, the step it named was not: one generative answer.
        assert_eq!(agents[0].steps.len(), 1);
        let many: String = (1..=25).map(|n| format!("&custom.{n}.runs=1")).collect();
        let read = share::read(&many);
        assert_eq!(read.plan().unwrap().workload.custom.len(), 20);
        assert_eq!(read.ignored.len(), 5);
        assert!(read.ignored.iter().all(|i| i.issue == LinkIssue::TooMany));
    }
}
