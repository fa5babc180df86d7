//! The workload: which agents a tenant runs and the volumes it expects. This is what a person
//! enters, what is saved, and what a link carries; estimates are derived from it.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::custom::{CustomAgent, MAX_CUSTOM_AGENTS};
use super::input::{InputError, InputKind};
use super::range::{Bound, Bounds, Case};
use super::template::{template, AgentTemplate, InputDef, DEFAULT_AGENTS, TEMPLATES};
use super::RatingError;

/// Every agent in an estimate and its inputs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workload {
    /// The reference agents, in page order; each template appears at most once.
    pub agents: Vec<AgentWorkload>,
    /// Custom agents, after the reference agents in page order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custom: Vec<CustomAgent>,
}

/// One agent's inputs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentWorkload {
    /// The template's id (`sales_order`).
    pub template: String,
    /// Input values by key; a missing key takes the template's default.
    #[serde(default)]
    pub values: BTreeMap<String, Decimal>,
    /// Low and high values by input key, in the template's input order; an input without is the
    /// same in every case. (A list, not a map: the few entries need no map's code in the Wasm.)
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ranges: Vec<(String, Bounds)>,
}

impl Default for Workload {
    /// The agents of [`DEFAULT_AGENTS`] at the values their reference documents assume: the
    /// estimate a first visit sees (and the page is prerendered with).
    fn default() -> Self {
        Self {
            agents: DEFAULT_AGENTS
                .iter()
                .filter_map(|id| template(id))
                .map(AgentWorkload::new)
                .collect(),
            custom: Vec::new(),
        }
    }
}

impl AgentWorkload {
    /// An agent at its template's defaults.
    pub fn new(template: &AgentTemplate) -> Self {
        // Inserted one by one: collecting into a map sorts first, and the sort is kilobytes of
        // Wasm in the first module (BENCHMARKS.md).
        let mut values = BTreeMap::new();
        for i in template.inputs {
            values.insert(i.key.to_string(), i.default);
        }
        Self {
            template: template.id.into(),
            values,
            ranges: Vec::new(),
        }
    }

    /// Sets the low and high values of `input` as they are (unchecked: see
    /// [`Workload::set_bound`]); empty bounds remove its entry.
    pub fn put_bounds(&mut self, input: &InputDef, bounds: Bounds) {
        let key = input.key;
        match self.ranges.iter().position(|(k, _)| k == key) {
            Some(i) if bounds.is_empty() => {
                self.ranges.remove(i);
            }
            Some(i) => self.ranges[i].1 = bounds,
            None if bounds.is_empty() => {}
            // In the template's input order, so equal ranges are equal lists however they were
            // set (a placed insert, not a sort: see `AgentWorkload::new`).
            None => {
                let inputs = self.template().map(|t| t.inputs).unwrap_or_default();
                let order = |k: &str| inputs.iter().position(|i| i.key == k);
                let at = self
                    .ranges
                    .iter()
                    .position(|(k, _)| order(k) > order(key))
                    .unwrap_or(self.ranges.len());
                self.ranges.insert(at, (key.into(), bounds));
            }
        }
    }

    /// The low and high values of `input` (none set: the same as expected).
    pub fn bounds(&self, input: &InputDef) -> Bounds {
        self.ranges
            .iter()
            .find(|(k, _)| k == input.key)
            .map(|(_, b)| *b)
            .unwrap_or_default()
    }

    /// The value of `input`, or its default when unset.
    pub fn value(&self, input: &InputDef) -> Decimal {
        self.values.get(input.key).copied().unwrap_or(input.default)
    }

    /// The agent's template.
    ///
    /// # Errors
    /// [`RatingError::UnknownAgent`] when no template has this id.
    pub fn template(&self) -> Result<&'static AgentTemplate, RatingError> {
        template(&self.template).ok_or_else(|| RatingError::UnknownAgent(self.template.clone()))
    }
}

impl Workload {
    /// No agents at all.
    pub fn empty() -> Self {
        Self {
            agents: Vec::new(),
            custom: Vec::new(),
        }
    }

    /// Whether the estimate holds no agent of either kind.
    pub fn is_empty(&self) -> bool {
        self.agents.is_empty() && self.custom.is_empty()
    }

    /// An id no custom agent of this workload uses.
    pub fn next_custom_id(&self) -> u32 {
        self.custom.iter().map(|c| c.id + 1).max().unwrap_or(1)
    }

    /// Adds a custom agent under a fresh id.
    ///
    /// # Errors
    /// [`RatingError::TooMany`] past [`MAX_CUSTOM_AGENTS`]; the workload is unchanged then.
    pub fn add_custom(&mut self, mut agent: CustomAgent) -> Result<u32, RatingError> {
        if self.custom.len() >= MAX_CUSTOM_AGENTS {
            return Err(RatingError::TooMany);
        }
        agent.id = self.next_custom_id();
        let id = agent.id;
        self.custom.push(agent);
        Ok(id)
    }

    /// The custom agent with `id`.
    pub fn custom(&self, id: u32) -> Option<&CustomAgent> {
        self.custom.iter().find(|c| c.id == id)
    }

    /// The agent with template `id`, if included.
    pub fn agent(&self, id: &str) -> Option<&AgentWorkload> {
        self.agents.iter().find(|a| a.template == id)
    }

    /// Whether the agent with template `id` is included.
    pub fn includes(&self, id: &str) -> bool {
        self.agent(id).is_some()
    }

    /// Includes the template `id` at its defaults, in template order; no-op if already there.
    ///
    /// # Errors
    /// [`RatingError::UnknownAgent`] when no template has this id.
    pub fn include(&mut self, id: &str) -> Result<(), RatingError> {
        let t = template(id).ok_or_else(|| RatingError::UnknownAgent(id.into()))?;
        if !self.includes(id) {
            // Before the first agent that comes later in template order (a placed insert, not
            // a sort: see `AgentWorkload::new`).
            let order = |template: &str| TEMPLATES.iter().position(|t| t.id == template);
            let at = self
                .agents
                .iter()
                .position(|a| order(&a.template) > order(id))
                .unwrap_or(self.agents.len());
            self.agents.insert(at, AgentWorkload::new(t));
        }
        Ok(())
    }

    /// Removes the agent with template `id`, if included.
    pub fn remove(&mut self, id: &str) {
        self.agents.retain(|a| a.template != id);
    }

    /// The included agent `agent` and its input `key`, to change.
    fn input_mut(
        &mut self,
        agent: &str,
        key: &str,
    ) -> Result<(&mut AgentWorkload, &'static InputDef), RatingError> {
        let a = self
            .agents
            .iter_mut()
            .find(|a| a.template == agent)
            .ok_or_else(|| RatingError::UnknownAgent(agent.into()))?;
        let def = a
            .template()?
            .input(key)
            .ok_or_else(|| RatingError::UnknownInput {
                agent: agent.into(),
                key: key.into(),
            })?;
        Ok((a, def))
    }

    /// Sets one input, after checking it against the input's limits.
    ///
    /// # Errors
    /// [`RatingError::UnknownAgent`], [`RatingError::UnknownInput`] or
    /// [`RatingError::InvalidValue`]; the workload is unchanged then.
    pub fn set(&mut self, agent: &str, key: &str, value: Decimal) -> Result<(), RatingError> {
        let (a, def) = self.input_mut(agent, key)?;
        let value = def
            .kind
            .check(value)
            .map_err(|error| RatingError::InvalidValue {
                agent: agent.into(),
                key: key.into(),
                error,
            })?;
        // An expected value outside its own range would make the low case higher than it.
        a.bounds(def)
            .check_expected(value)
            .map_err(|error| RatingError::InvalidValue {
                agent: agent.into(),
                key: key.into(),
                error,
            })?;
        a.values.insert(key.into(), value);
        Ok(())
    }

    /// Sets or clears (`None`) the low or high value of one input, after checking it against the
    /// input's limits and the expected value.
    ///
    /// # Errors
    /// As [`Workload::set`], with the key `input.low` or `input.high`.
    pub fn set_bound(
        &mut self,
        agent: &str,
        key: &str,
        bound: Bound,
        value: Option<Decimal>,
    ) -> Result<(), RatingError> {
        let (a, def) = self.input_mut(agent, key)?;
        let invalid = |error| RatingError::InvalidValue {
            agent: agent.into(),
            key: format!("{key}.{}", bound.suffix()),
            error,
        };
        let mut bounds = a.bounds(def);
        bounds.set(
            bound,
            value
                .map(|v| def.kind.check(v))
                .transpose()
                .map_err(invalid)?,
        );
        bounds.check(a.value(def)).map_err(|(_, e)| invalid(e))?;
        a.put_bounds(def, bounds);
        Ok(())
    }

    /// Why `value` cannot go into the field with public key `key` (`payables.documents`,
    /// `payables.documents.low`, `custom.1.runs.high`, `custom.1.steps.0.share`) without
    /// breaking low ≤ expected ≤ high, if it cannot; `None` also for a key without a range.
    ///
    /// ```
    /// use agent_credits::rating::{Bound, Workload};
    /// let mut w = Workload::default();
    /// w.set_bound("payables", "documents", Bound::High, Some(300.into())).unwrap();
    /// assert!(w.order_error("payables.documents", Some(400.into())).is_some());
    /// assert!(w.order_error("payables.documents.low", Some(150.into())).is_some());
    /// assert!(w.order_error("payables.documents.low", Some(50.into())).is_none());
    /// ```
    pub fn order_error(&self, key: &str, value: Option<Decimal>) -> Option<InputError> {
        let (base, bound) = match key.rsplit_once('.') {
            Some((base, suffix)) if Bound::from_suffix(suffix).is_some() => {
                (base, Bound::from_suffix(suffix))
            }
            _ => (key, None),
        };
        let (range, expected) = self.range_at(base)?;
        match bound {
            None => range.check_expected(value?).err(),
            Some(b) => {
                let mut r = range;
                r.set(b, value);
                r.check(expected).err().map(|(_, e)| e)
            }
        }
    }

    /// The range and expected value of the field with public key `key`.
    fn range_at(&self, key: &str) -> Option<(Bounds, Decimal)> {
        let (head, field) = key.split_once('.')?;
        if head == "custom" {
            let (id, field) = field.split_once('.')?;
            let c = self.custom(id.parse().ok()?)?;
            match field {
                "runs" => return Some((c.runs_range, c.runs)),
                "credits_per_task" => {
                    return Some((c.usage.credits_per_task_range, c.usage.credits_per_task));
                }
                _ => {}
            }
            let (n, field) = field.strip_prefix("steps.")?.split_once('.')?;
            let s = c.steps.get(n.parse::<usize>().ok()?)?;
            return match field {
                "events" => Some((s.events_range, s.events)),
                "items" => Some((s.items_range, s.items?)),
                "share" => Some((s.share_range, s.share)),
                _ => None,
            };
        }
        let a = self.agent(head)?;
        let def = a.template().ok()?.input(field)?;
        Some((a.bounds(def), a.value(def)))
    }

    /// Whether any input of any agent has a low or high value.
    pub fn has_ranges(&self) -> bool {
        self.agents.iter().any(|a| !a.ranges.is_empty())
            || self.custom.iter().any(CustomAgent::has_ranges)
    }

    /// The workload of `case`: every input at its value in that case, and no ranges (the
    /// expected case of a workload without ranges is the workload itself).
    pub fn case(&self, case: Case) -> Workload {
        let mut w = self.clone();
        for a in &mut w.agents {
            for (key, bounds) in std::mem::take(&mut a.ranges) {
                if let Some(v) = a.values.get_mut(&key) {
                    *v = bounds.at(case, *v);
                } else if let Some(def) = a.template().ok().and_then(|t| t.input(&key)) {
                    a.values.insert(key, bounds.at(case, def.default));
                }
            }
        }
        for c in &mut w.custom {
            c.take_case(case);
        }
        w
    }

    /// Checks data that did not come through [`Workload::set`] (saved state, imports).
    ///
    /// # Errors
    /// The first problem found.
    pub fn validate(&self) -> Result<(), RatingError> {
        if self.custom.len() > MAX_CUSTOM_AGENTS {
            return Err(RatingError::TooMany);
        }
        for (i, c) in self.custom.iter().enumerate() {
            if self.custom[..i].iter().any(|d| d.id == c.id) {
                return Err(RatingError::DuplicateAgent(format!("custom.{}", c.id)));
            }
            c.validate()?;
        }
        for (i, a) in self.agents.iter().enumerate() {
            if self.agents[..i].iter().any(|b| b.template == a.template) {
                return Err(RatingError::DuplicateAgent(a.template.clone()));
            }
            let t = a.template()?;
            for (key, value) in &a.values {
                let def = t.input(key).ok_or_else(|| RatingError::UnknownInput {
                    agent: a.template.clone(),
                    key: key.clone(),
                })?;
                def.kind
                    .check(*value)
                    .map_err(|error| RatingError::InvalidValue {
                        agent: a.template.clone(),
                        key: key.clone(),
                        error,
                    })?;
            }
            for (key, bounds) in &a.ranges {
                if a.ranges.iter().filter(|(k, _)| k == key).count() > 1 {
                    return Err(RatingError::DuplicateAgent(format!("{}.{key}", a.template)));
                }
                let def = t.input(key).ok_or_else(|| RatingError::UnknownInput {
                    agent: a.template.clone(),
                    key: key.clone(),
                })?;
                check_bounds(bounds, a.value(def), def.kind).map_err(|(b, error)| {
                    RatingError::InvalidValue {
                        agent: a.template.clone(),
                        key: format!("{key}.{}", b.suffix()),
                        error,
                    }
                })?;
            }
        }
        Ok(())
    }
}

/// Checks bounds read from storage or a link: each value within the input's limits, and
/// low ≤ expected ≤ high.
///
/// # Errors
/// The bound at fault and why.
pub fn check_bounds(
    bounds: &Bounds,
    expected: Decimal,
    kind: InputKind,
) -> Result<(), (Bound, InputError)> {
    for b in Bound::BOTH {
        if let Some(v) = bounds.get(b) {
            kind.check(v).map_err(|e| (b, e))?;
        }
    }
    bounds.check(expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agents_are_included_in_template_order_whatever_the_order_of_adding() {
        let ids: Vec<&str> = TEMPLATES.iter().map(|t| t.id).collect();
        for first in &ids {
            let mut w = Workload {
                agents: Vec::new(),
                custom: Vec::new(),
            };
            w.include(first).unwrap();
            for id in ids.iter().rev() {
                w.include(id).unwrap();
            }
            w.include(first).unwrap(); // already there: no change
            let order: Vec<&str> = w.agents.iter().map(|a| a.template.as_str()).collect();
            assert_eq!(order, ids);
        }
        assert_eq!(
            Workload::default().agents[0].values.len(),
            TEMPLATES[0].inputs.len()
        );
    }
}
