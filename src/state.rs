//! The estimate's state: the one home for what components read and change, and the actions that
//! change it.
//!
//! Data flows one way: components call the actions here, the actions update the signals, and the
//! memos here derive every figure from the pure core ([`crate::rating`], [`crate::capacity`]).
//! Only two actions reach outside the page: going back to the saved estimate reads it, and both
//! ways out of a shared estimate drop the link from the address bar.

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::capacity::{bill, Bill, Billing};
use crate::format::NumberFormat;
use crate::plan::Plan;
use crate::rating::custom::{self, Starter};
use crate::rating::template::template;
use crate::rating::{card, estimate, Credits, Estimate, RatingError, Workload};

pub use crate::contract::NoticeKind;

/// A message shown above the calculator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// What it is about (its `data-notice` hook).
    pub kind: NoticeKind,
    /// What happened and what it means for the user.
    pub text: String,
}

/// Whether edits are saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The user's own estimate: every valid edit is saved.
    Own,
    /// A shared link or an imported file: shown and editable, never saved without "Save as my
    /// estimate".
    Shared,
}

/// An agent just removed, and the agents before its removal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removed {
    /// The removed agent's name.
    pub name: String,
    /// The agents before the removal.
    pub workload: Workload,
}

/// Everything components read or change, shared through context. `Copy`: it holds only signal
/// handles.
#[derive(Clone, Copy)]
pub struct Calc {
    /// The last valid inputs.
    pub workload: RwSignal<Workload>,
    /// What the user typed per public input key (see [`Draft`]).
    pub drafts: RwSignal<BTreeMap<String, Draft>>,
    /// The estimate of `workload`; it always holds the last valid estimate.
    pub estimate: Memo<Estimate>,
    /// How the tenant pays (the last valid settings).
    pub billing: RwSignal<Billing>,
    /// The month's bill for the estimate's total; the last valid one, `None` only if no valid
    /// bill was ever possible. The rest of the billing report (the year, environments, policies)
    /// is derived where it is shown, in the part of the page loaded after the estimate.
    pub bill: Memo<Option<Bill>>,
    /// The reader's number conventions.
    pub fmt: StoredValue<NumberFormat>,
    /// Own or shared.
    pub mode: RwSignal<Mode>,
    /// Notices on screen.
    pub notices: RwSignal<Vec<Notice>>,
    /// The last removed agent, with the agents as they were, for "Undo".
    pub undo: RwSignal<Option<Removed>>,
    /// Stable ids of the rows of the editable lists (see [`RowList`]).
    rows: StoredValue<RowIds>,
}

/// What the user typed into a field, kept as typed: a valid value keeps the user's own text
/// (`100.0` stays `100.0`), and an invalid one stays on screen, with its message, while the
/// estimate keeps the last valid value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    /// The text.
    pub text: String,
    /// Whether it failed validation (the field shows why).
    pub invalid: bool,
}

/// An editable list whose rows the user adds and removes. Each row has a stable id, so a keyed
/// list keeps every other row (and the focus in it) when one is added or removed, while its
/// public input keys follow its place (`billing.env.2.share`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RowList {
    /// A custom agent's steps (its id).
    Steps(u32),
    /// The tenant's environments.
    Environments,
    /// Microsoft 365 billing policies.
    Policies,
    /// Pre-purchase tiers.
    Tiers,
}

impl RowList {
    fn prefix(self) -> String {
        match self {
            Self::Steps(agent) => format!("custom.{agent}.steps."),
            Self::Environments => "billing.env.".into(),
            Self::Policies => "billing.policy.".into(),
            Self::Tiers => "billing.price.tier.".into(),
        }
    }

    /// The public key of `field` in the row at `index` (`billing.env.2.share`).
    pub fn key(self, index: usize, field: &str) -> String {
        format!("{}{index}.{field}", self.prefix())
    }

    /// The row index and field of a public key of this list, if it is one.
    fn parse(self, key: &str) -> Option<(usize, &str)> {
        let rest = key.strip_prefix(&self.prefix())?;
        let (index, field) = rest.split_once('.')?;
        Some((index.parse().ok()?, field))
    }
}

/// The ids of each list's rows, in order. Kept beside the plan rather than in it: ids are a
/// matter of the page, not of the estimate that is saved and shared.
#[derive(Clone, Debug, Default)]
struct RowIds {
    next: u64,
    lists: BTreeMap<RowList, Vec<u64>>,
}

impl RowIds {
    /// The list's ids for a list of `len` rows: kept as they are, with fresh ids for rows the
    /// list gained from outside the row actions (a replaced estimate, an undo).
    fn fit(&mut self, list: RowList, len: usize) -> Vec<u64> {
        let ids = self.lists.entry(list).or_default();
        ids.truncate(len);
        while ids.len() < len {
            ids.push(self.next);
            self.next += 1;
        }
        ids.clone()
    }
}

impl Calc {
    /// The state for `plan`, with the notices found while reading it. Creates signals and memos
    /// in the current reactive owner.
    pub fn new(plan: Plan, mode: Mode, notices: Vec<Notice>, fmt: NumberFormat) -> Self {
        let workload = RwSignal::new(plan.workload);
        let billing = RwSignal::new(plan.billing);
        let estimate = Memo::new(move |prev: Option<&Estimate>| {
            workload.with(|w| estimate_or_previous(w, prev))
        });
        let bill = Memo::new(move |prev: Option<&Option<Bill>>| {
            let demand = estimate.with(|e| e.credits_per_month);
            // Settings are validated field by field, so an error is a guard: keep the last bill.
            billing
                .with(|b| bill(demand, &b.settings, &b.prices).ok())
                .or_else(|| prev.cloned().flatten())
        });
        Self {
            workload,
            drafts: RwSignal::new(BTreeMap::new()),
            estimate,
            billing,
            bill,
            fmt: StoredValue::new(fmt),
            mode: RwSignal::new(mode),
            notices: RwSignal::new(notices),
            undo: RwSignal::new(None),
            rows: StoredValue::new(RowIds::default()),
        }
    }

    /// The number of rows in `list` now (tracked: a row list re-reads it).
    pub fn row_count(&self, list: RowList) -> usize {
        match list {
            RowList::Steps(agent) => self
                .workload
                .with(|w| w.custom(agent).map_or(0, |a| a.steps.len())),
            RowList::Environments => self.billing.with(|b| b.tenant.environments.len()),
            RowList::Policies => self.billing.with(|b| b.payg_setup.policies.len()),
            RowList::Tiers => self.billing.with(|b| b.prices.prepurchase.len()),
        }
    }

    /// The ids of `list`'s rows, in order, for a keyed list.
    pub fn row_ids(&self, list: RowList) -> Vec<u64> {
        let len = self.row_count(list);
        self.rows
            .try_update_value(|r| r.fit(list, len))
            .unwrap_or_default()
    }

    /// Where the row with `id` is in `list` now (tracked), or `None` once it is gone.
    pub fn row_index(&self, list: RowList, id: u64) -> Option<usize> {
        self.row_ids(list).iter().position(|r| *r == id)
    }

    /// Removes the row with `id` from `list`: from the plan, its id, and its typed drafts, whose
    /// followers move up a place with their rows. `remove` takes the row out of the plan.
    pub fn remove_row(&self, list: RowList, id: u64, remove: impl FnOnce(&mut Plan, usize)) {
        let Some(index) = self.row_index(list, id) else {
            return;
        };
        self.rows.update_value(|r| {
            if let Some(ids) = r.lists.get_mut(&list) {
                ids.retain(|r| *r != id);
            }
        });
        self.drafts.update(|drafts| {
            let keys: Vec<String> = drafts
                .keys()
                .filter(|k| list.parse(k).is_some_and(|(i, _)| i >= index))
                .cloned()
                .collect();
            let moved: Vec<(String, Draft)> = keys
                .into_iter()
                .filter_map(|k| {
                    let draft = drafts.remove(&k)?;
                    let (i, field) = list.parse(&k)?;
                    (i > index).then(|| (list.key(i - 1, field), draft))
                })
                .collect();
            drafts.extend(moved);
        });
        let mut plan = self.plan_untracked();
        remove(&mut plan, index);
        self.workload.set(plan.workload);
        self.billing.set(plan.billing);
    }

    /// Remembers what was typed into the field `key`.
    pub fn type_draft(&self, key: &str, text: String, invalid: bool) {
        self.drafts.update(|d| {
            d.insert(key.to_string(), Draft { text, invalid });
        });
    }

    /// The text typed into `key`, if any (tracked).
    pub fn draft(&self, key: &str) -> Option<Draft> {
        self.drafts.with(|d| d.get(key).cloned())
    }

    /// Forgets what was typed into every field whose key starts with `prefix` (the fields of a
    /// section that was reset).
    pub fn forget_drafts(&self, prefix: &str) {
        self.drafts
            .update(|d| d.retain(|k, _| !k.starts_with(prefix)));
    }

    /// The plan on screen, as saved and shared.
    pub fn plan(&self) -> Plan {
        Plan {
            workload: self.workload.get(),
            billing: self.billing.get(),
        }
    }

    /// The plan on screen, without subscribing to it.
    pub fn plan_untracked(&self) -> Plan {
        Plan {
            workload: self.workload.get_untracked(),
            billing: self.billing.get_untracked(),
        }
    }

    /// Replaces the whole estimate (a link, an import, "Back to my estimate", another tab) and
    /// forgets typed drafts.
    pub fn replace(&self, plan: Plan) {
        self.drafts.set(BTreeMap::new());
        // An undo would bring back agents of the estimate just replaced.
        self.undo.set(None);
        self.workload.set(plan.workload);
        self.billing.set(plan.billing);
    }

    /// Shows another estimate (a link or an imported file) without saving it.
    pub fn show_shared(&self, plan: Plan) {
        self.replace(plan);
        self.mode.set(Mode::Shared);
    }

    /// Goes back to the user's own saved estimate (or the defaults), leaving a shared one.
    pub fn back_to_mine(&self) {
        crate::browser::clean_url();
        let this = *self;
        leptos::task::spawn_local(async move {
            let mine = match crate::storage::read() {
                Ok(Some(text)) => match crate::split::json().await {
                    Ok(json) => (json.decode_saved)(&text).ok(),
                    Err(_) => {
                        // Never show the defaults as theirs: they would be saved over it.
                        this.notify(Notice {
                            kind: NoticeKind::LoadFailed,
                            text: "Your saved estimate couldn't be read just now: part of this \
                                   page's code couldn't be downloaded. Reload to try again."
                                .into(),
                        });
                        return;
                    }
                },
                _ => None,
            };
            this.replace(mine.unwrap_or_default());
            this.mode.set(Mode::Own);
        });
    }

    /// Keeps the shared estimate on screen as the user's own: from now on it is saved.
    pub fn keep_shared(&self) {
        crate::browser::clean_url();
        self.mode.set(Mode::Own);
    }

    /// Adds a reference agent at its default inputs.
    pub fn add_reference(&self, id: &str) {
        self.workload.update(|w| ignore_validated(w.include(id)));
    }

    /// Removes a reference agent, keeping what is needed to undo it.
    pub fn remove_reference(&self, id: &'static str) {
        let Some(t) = template(id) else { return };
        let before = self.workload.get_untracked();
        self.workload.update(|w| w.remove(id));
        self.remember_removed(t.name.to_string(), before);
    }

    /// Removes a custom agent, keeping what is needed to undo it.
    pub fn remove_custom(&self, id: u32) {
        let before = self.workload.get_untracked();
        let Some(name) = before.custom(id).map(|c| c.name.clone()) else {
            return;
        };
        self.workload.update(|w| w.custom.retain(|c| c.id != id));
        self.remember_removed(name, before);
    }

    fn remember_removed(&self, name: String, workload: Workload) {
        self.undo.set(Some(Removed { name, workload }));
    }

    /// Puts back the agents as they were before the last removal.
    pub fn undo_remove(&self) {
        if let Some(r) = self.undo.get_untracked() {
            self.workload.set(r.workload);
            self.undo.set(None);
        }
    }

    /// Whether the estimate holds as many custom agents as it may.
    pub fn custom_full(&self) -> bool {
        self.workload
            .with(|w| w.custom.len() >= custom::MAX_CUSTOM_AGENTS)
    }

    /// Adds a custom agent built from a starter; returns its id, or `None` past the limit.
    pub fn add_custom(&self, starter: &Starter) -> Option<u32> {
        self.add_custom_agent(|_| Some(starter.build(0)))
    }

    /// Adds an editable custom copy of a reference agent, with the same inputs and figures.
    pub fn duplicate_reference(&self, id: &'static str) -> Option<u32> {
        let t = template(id)?;
        self.add_custom_agent(|w| w.agent(t.id).map(|a| custom::from_template_values(0, t, a)))
    }

    /// Adds a copy of a custom agent, named as a copy.
    pub fn duplicate_custom(&self, id: u32) -> Option<u32> {
        self.add_custom_agent(|w| {
            w.custom(id).cloned().map(|mut copy| {
                copy.name = format!("{} (copy)", copy.name);
                copy
            })
        })
    }

    /// The one way a custom agent joins the estimate: `make` builds it from the agents as they
    /// are; the workload gives it its id. Refused past the limit (the buttons are disabled there).
    fn add_custom_agent(
        &self,
        make: impl FnOnce(&Workload) -> Option<crate::rating::CustomAgent>,
    ) -> Option<u32> {
        let mut added = None;
        self.workload.update(|w| {
            if let Some(agent) = make(w) {
                added = w.add_custom(agent).ok();
            }
        });
        added
    }

    /// Shows `notice`, replacing any notice of the same kind.
    pub fn notify(&self, notice: Notice) {
        self.notices.update(|list| {
            list.retain(|n| n.kind != notice.kind);
            list.push(notice);
        });
    }

    /// Takes notices of `kind` off the page.
    pub fn dismiss(&self, kind: NoticeKind) {
        self.notices.update(|list| list.retain(|n| n.kind != kind));
    }
}

fn estimate_or_previous(w: &Workload, previous: Option<&Estimate>) -> Estimate {
    match estimate(card::current(), w) {
        Ok(e) => e,
        // Inputs are validated before they reach the workload, so this is a guard, not a path:
        // keep the last good figures rather than show nothing.
        Err(_) => previous.cloned().unwrap_or_else(|| Estimate {
            card: card::current(),
            agents: Vec::new(),
            custom: Vec::new(),
            credits_per_month: Credits::ZERO,
        }),
    }
}

/// Keeps the unused-result lint quiet where a validated value is written back.
pub fn ignore_validated(result: Result<(), RatingError>) {
    debug_assert!(result.is_ok(), "validated value refused: {result:?}");
}

/// The whole billing report (the month, the recommendation, the year, environments, policies),
/// for the parts of the page that show it. Built by those parts when they arrive, so its code is
/// not in the first download; the month's bill alone is [`Calc::bill`].
#[derive(Clone, Copy)]
pub struct FullReport(pub Memo<Option<crate::capacity::Report>>);

impl FullReport {
    /// Derives the report from the state; the last valid one stays when settings are invalid.
    pub fn new(calc: Calc) -> Self {
        Self(Memo::new(
            move |prev: Option<&Option<crate::capacity::Report>>| {
                let demand = calc.estimate.with(|e| e.credits_per_month);
                calc.billing
                    .with(|b| crate::capacity::report(demand, b).ok())
                    .or_else(|| prev.cloned().flatten())
            },
        ))
    }
}
