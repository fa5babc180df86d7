//! The estimate's state: the one home for what components read and change, and the actions that
//! change it.
//!
//! Data flows one way: components call the actions here, the actions update the signals, and the
//! memos here derive every figure from the pure core ([`crate::rating`], [`crate::capacity`]).
//! Only two actions reach outside the page: going back to the saved estimate reads it, and both
//! ways out of a shared estimate drop the link from the address bar.

use std::collections::BTreeMap;

use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::capacity::{bill, Bill, Billing};
use crate::format::NumberFormat;
use crate::plan::Plan;
use crate::rating::custom::{self, Starter};
use crate::rating::template::template;
use crate::rating::template::InputDef;
use crate::rating::{card, estimate, Bound, Credits, Estimate, RatingError, Workload};

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
    /// Where the agent's card was: its first field (see [`Calc::place`]).
    pub place: String,
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
    /// The figures held back by fields in error: they show the last valid estimate, marked as
    /// not up to date (`data-stale`).
    pub stale: Memo<Stale>,
    /// The estimate of `workload`; it always holds the last valid estimate.
    pub estimate: Memo<Estimate>,
    /// How the tenant pays (the last valid settings).
    pub billing: RwSignal<Billing>,
    /// The estimate's title, parties, date and notes.
    pub about: RwSignal<crate::plan::About>,
    /// The reader's number conventions.
    pub fmt: StoredValue<NumberFormat>,
    /// Own or shared.
    pub mode: RwSignal<Mode>,
    /// Notices on screen.
    pub notices: RwSignal<Vec<Notice>>,
    /// Where an action leaves the user, as a CSS selector: the name of an agent just added, the
    /// Undo button after a removal, the agent put back. The app brings it into view and focuses
    /// it (`app::follow_place`), so actions never leave the user a screen away from their result.
    pub place: RwSignal<Option<String>>,
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

/// The fields in error, by what their figures are computed from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stale(Vec<(String, Source)>);

/// What a field feeds.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Source {
    /// A reference agent's input (its template id).
    Agent(String),
    /// A custom agent's field (its id).
    Custom(u32),
    /// A billing setting.
    Billing,
}

impl Source {
    fn of(key: &str) -> Option<Self> {
        let mut parts = key.split('.');
        match (parts.next(), parts.next()) {
            (Some("billing"), _) => Some(Self::Billing),
            (Some("custom"), Some(id)) => id.parse().ok().map(Self::Custom),
            (Some(agent), Some(_)) if template(agent).is_some() => Some(Self::Agent(agent.into())),
            _ => None,
        }
    }
}

impl Stale {
    /// From the drafts: each invalid one holds back the figures that depend on its field.
    fn of(drafts: &BTreeMap<String, Draft>) -> Self {
        Self(
            drafts
                .iter()
                .filter(|(_, d)| d.invalid)
                .filter_map(|(k, _)| Source::of(k).map(|s| (k.clone(), s)))
                .collect(),
        )
    }

    /// Whether figures depending on `what` are held back.
    pub fn holds(&self, what: Depends) -> bool {
        self.first(what).is_some()
    }

    /// The public key of the first field in error that holds back figures depending on `what`.
    pub fn first(&self, what: Depends) -> Option<&str> {
        self.0
            .iter()
            .find(|(_, source)| what.on(source))
            .map(|(key, _)| key.as_str())
    }
}

/// What a figure is computed from, for marking it not up to date while a field it depends on is
/// in error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Depends {
    /// One reference agent's inputs (its template id).
    Agent(&'static str),
    /// One custom agent's fields (its id).
    Custom(u32),
    /// Every agent's (the month's total, the agents overview).
    Total,
    /// Every agent's and the billing settings (every cost and credit of the bill).
    Billing,
}

impl Depends {
    fn on(self, source: &Source) -> bool {
        match (self, source) {
            (Self::Agent(id), Source::Agent(a)) => id == a,
            (Self::Custom(id), Source::Custom(c)) => id == *c,
            (Self::Total, Source::Agent(_) | Source::Custom(_)) | (Self::Billing, _) => true,
            _ => false,
        }
    }
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
    pub fn new(
        plan: Plan,
        mode: Mode,
        notices: Vec<Notice>,
        fmt: NumberFormat,
        unfinished: &crate::saved::Drafts,
        deferred: crate::split::Deferred,
    ) -> Self {
        let drafts = RwSignal::new(BTreeMap::new());
        let stale = Memo::new(move |_| drafts.with(Stale::of));
        let workload = RwSignal::new(plan.workload);
        let billing = RwSignal::new(plan.billing);
        let about = RwSignal::new(plan.about);
        let estimate = Memo::new(move |prev: Option<&Estimate>| {
            // The low and high cases' code comes with the page's later parts (a first visit has
            // no ranges); until then the estimate is the expected case alone.
            let with_cases = deferred.parts().map(|p| p.estimate_with_cases);
            workload.with(|w| estimate_or_previous(w, prev, with_cases))
        });
        let calc = Self {
            about,
            workload,
            drafts,
            stale,
            estimate,
            billing,
            fmt: StoredValue::new(fmt),
            mode: RwSignal::new(mode),
            notices: RwSignal::new(notices),
            place: RwSignal::new(None),
            undo: RwSignal::new(None),
            rows: StoredValue::new(RowIds::default()),
        };
        calc.restore_unfinished(unfinished);
        calc
    }

    /// Whether the estimate on screen has the field with public key `key` (a row or an agent
    /// that is gone has none). Untracked.
    fn has_field(&self, key: &str) -> bool {
        // Only numeric fields keep unfinished text; names and choices are taken as typed.
        const BILLING: [&str; 9] = [
            "packs",
            "budget",
            "enforcement",
            "growth",
            "other_use",
            "users",
            "price.pack_credits",
            "price.pack_price",
            "price.payg_per_credit",
        ];
        let lists = [
            (RowList::Environments, &["share", "allocated"][..]),
            (RowList::Policies, &["users"][..]),
            (RowList::Tiers, &["units", "price"][..]),
        ];
        for (list, fields) in lists {
            if let Some((index, field)) = list.parse(key) {
                return fields.contains(&field) && index < untrack(|| self.row_count(list));
            }
        }
        if let Some(field) = key.strip_prefix("billing.") {
            return BILLING.contains(&field);
        }
        let Some((head, field)) = key.split_once('.') else {
            return false;
        };
        if head == "custom" {
            let Some((id, field)) = field.split_once('.') else {
                return false;
            };
            let Ok(id) = id.parse::<u32>() else {
                return false;
            };
            if !self.workload.with_untracked(|w| w.custom(id).is_some()) {
                return false;
            }
            return match RowList::Steps(id).parse(key) {
                Some((index, field)) => {
                    let field = field
                        .strip_suffix(".low")
                        .or_else(|| field.strip_suffix(".high"))
                        .unwrap_or(field);
                    ["events", "items", "share"].contains(&field)
                        && index < untrack(|| self.row_count(RowList::Steps(id)))
                }
                None => ["runs", "licensed_share", "runs.low", "runs.high"].contains(&field),
            };
        }
        // An input's low or high value (`payables.documents.low`) is a field of its own.
        let field = field
            .strip_suffix(".low")
            .or_else(|| field.strip_suffix(".high"))
            .unwrap_or(field);
        self.workload.with_untracked(|w| w.agent(head).is_some())
            && crate::rating::template::template(head).is_some_and(|t| t.input(field).is_some())
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
        self.about.set(plan.about);
    }

    /// Sets or clears the low or high value of `agent`'s input `def` (its field checks the order
    /// first: [`Workload::order_error`]).
    pub fn set_bound(
        &self,
        agent: &'static str,
        def: &'static InputDef,
        bound: Bound,
        value: Option<Decimal>,
    ) {
        self.workload
            .update(|w| ignore_validated(w.set_bound(agent, def.key, bound, value)));
    }

    /// Remembers what was typed into the field `key`.
    pub fn type_draft(&self, key: &str, text: String, invalid: bool) {
        self.drafts.update(|d| {
            d.insert(key.to_string(), Draft { text, invalid });
        });
    }

    /// `"true"` while figures depending on `what` are held back by a field in error, for their
    /// `data-stale` attribute (absent otherwise).
    pub fn stale_attr(&self, what: Depends) -> impl Fn() -> Option<&'static str> + Copy {
        let stale = self.stale;
        move || stale.with(|s| s.holds(what)).then_some("true")
    }

    /// What the user was still typing: the text of every field in error, as saved.
    pub fn unfinished(&self) -> crate::saved::Drafts {
        let mut out = crate::saved::Drafts::new();
        self.drafts.with(|d| {
            for (k, d) in d.iter().filter(|(_, d)| d.invalid) {
                out.push((k.clone(), d.text.clone()));
            }
        });
        out
    }

    /// Replaces what the user was typing with `unfinished` (another tab's, the saved estimate's),
    /// for the fields the estimate on screen has: text for a field that is gone would hold its
    /// figures back with nothing to correct.
    pub fn restore_unfinished(&self, unfinished: &crate::saved::Drafts) {
        let mut drafts = BTreeMap::new();
        for (key, text) in unfinished.iter().filter(|(key, _)| self.has_field(key)) {
            let draft = Draft {
                text: text.clone(),
                invalid: true,
            };
            drafts.insert(key.clone(), draft);
        }
        self.drafts.set(drafts);
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
            about: self.about.get(),
        }
    }

    /// The plan on screen, without subscribing to it.
    pub fn plan_untracked(&self) -> Plan {
        Plan {
            workload: self.workload.get_untracked(),
            billing: self.billing.get_untracked(),
            about: self.about.get_untracked(),
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
            let (plan, unfinished) = mine.unwrap_or_default();
            this.replace(plan);
            this.restore_unfinished(&unfinished);
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
        self.place.set(Some(reference_place(id)));
    }

    /// Removes a reference agent, keeping what is needed to undo it.
    pub fn remove_reference(&self, id: &'static str) {
        let Some(t) = template(id) else { return };
        let before = self.workload.get_untracked();
        self.workload.update(|w| w.remove(id));
        self.remember_removed(t.name.to_string(), reference_place(id), before);
    }

    /// Removes a custom agent, keeping what is needed to undo it.
    pub fn remove_custom(&self, id: u32) {
        let before = self.workload.get_untracked();
        let Some(name) = before.custom(id).map(|c| c.name.clone()) else {
            return;
        };
        self.workload.update(|w| w.custom.retain(|c| c.id != id));
        self.remember_removed(name, custom_place(id), before);
    }

    fn remember_removed(&self, name: String, place: String, workload: Workload) {
        self.undo.set(Some(Removed {
            name,
            place,
            workload,
        }));
        self.place
            .set(Some("[data-action=\"undo-remove\"]".to_string()));
    }

    /// Puts back the agents as they were before the last removal.
    pub fn undo_remove(&self) {
        if let Some(r) = self.undo.get_untracked() {
            self.workload.set(r.workload);
            self.undo.set(None);
            self.place.set(Some(r.place));
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
        if let Some(id) = added {
            self.place.set(Some(custom_place(id)));
        }
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

/// Saved unfinished texts as drafts: invalid until their field checks them again.
/// A reference agent's place: its first field.
fn reference_place(id: &str) -> String {
    format!("section[data-agent=\"{id}\"] [data-input]")
}

/// A custom agent's place: its name.
fn custom_place(id: u32) -> String {
    format!("[data-input=\"custom.{id}.name\"]")
}

fn estimate_or_previous(
    w: &Workload,
    previous: Option<&Estimate>,
    with_cases: Option<crate::components::EstimateWithCases>,
) -> Estimate {
    let e = match with_cases {
        Some(f) => f(card::current(), w),
        None => estimate(card::current(), w),
    };
    match e {
        Ok(e) => e,
        // Inputs are validated before they reach the workload, so this is a guard, not a path:
        // keep the last good figures rather than show nothing.
        Err(_) => previous.cloned().unwrap_or_else(|| Estimate {
            card: card::current(),
            agents: Vec::new(),
            custom: Vec::new(),
            credits_per_month: Credits::ZERO,
            cases: None,
        }),
    }
}

/// Keeps the unused-result lint quiet where a validated value is written back.
pub fn ignore_validated(result: Result<(), RatingError>) {
    debug_assert!(result.is_ok(), "validated value refused: {result:?}");
}

/// The month's bill for the estimate's total, for the views that show costs (the billing section,
/// the widget); the last valid one, `None` only if no valid bill was ever possible. Built by
/// those views, so the billing core is not in the page's first download.
#[derive(Clone, Copy)]
pub struct MonthBill(pub Memo<Option<Bill>>);

impl MonthBill {
    /// Derives the bill from the state.
    pub fn new(calc: Calc) -> Self {
        Self(Memo::new(move |prev: Option<&Option<Bill>>| {
            let demand = calc.estimate.with(|e| e.credits_per_month);
            // Settings are validated field by field, so an error is a guard: keep the last bill.
            // Prices are checked as a whole (a rate needs a currency other than USD): the last
            // bill stays while they can't be used, as the prices editor says.
            calc.billing
                .with(|b| {
                    b.prices.validate().ok()?;
                    bill(demand, &b.settings, &b.prices).ok()
                })
                .or_else(|| prev.cloned().flatten())
        }))
    }
}

/// The month's bill in the low and the high case while the estimate has ranges, for the views
/// that show costs; built by them, like [`MonthBill`].
#[derive(Clone, Copy)]
pub struct BillSpread(pub Memo<Option<(Bill, Bill)>>);

impl BillSpread {
    /// Derives the two bills from the state.
    pub fn new(calc: Calc) -> Self {
        Self(per_case(calc, |demand, b| {
            b.prices.validate().ok()?;
            bill(demand, &b.settings, &b.prices).ok()
        }))
    }
}

/// The twelve months in the low and the high case while the estimate has ranges (each case's
/// first month grown at the same rate), for the 12-month view's band; built with it.
#[derive(Clone, Copy)]
pub struct YearSpread(pub Memo<Option<(crate::capacity::Year, crate::capacity::Year)>>);

impl YearSpread {
    /// Derives the two years from the state.
    pub fn new(calc: Calc) -> Self {
        Self(per_case(calc, |first, b| {
            b.prices.validate().ok()?;
            crate::capacity::year(first, b.growth, &b.settings, &b.prices).ok()
        }))
    }
}

/// `derive` of the low and the high case's credits a month while the estimate has ranges; the
/// last valid pair stays while a billing setting is invalid.
fn per_case<T>(calc: Calc, derive: fn(Credits, &Billing) -> Option<T>) -> Memo<Option<(T, T)>>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    Memo::new(move |prev: Option<&Option<(T, T)>>| {
        let (low, high) = calc.estimate.with(|e| {
            e.cases
                .as_ref()
                .map(|c| (c.low.credits_per_month, c.high.credits_per_month))
        })?;
        calc.billing
            .with(|b| Some((derive(low, b)?, derive(high, b)?)))
            .or_else(|| prev.cloned().flatten())
    })
}

/// The whole billing report (the month, the recommendation, the year, environments, policies),
/// for the parts of the page that show it. Built by those parts when they arrive, so its code is
/// not in the first download; the month's bill alone is [`MonthBill`].
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
