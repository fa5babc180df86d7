//! The estimate as a document: what a partner sends a customer, built once from the estimate and
//! the bill, then written as Markdown, HTML (the clipboard's table and the printed proposal) and
//! plain text ([`super::render`]).
//!
//! Only what applies is in it: no pack rows without packs, no budget without one, no stop
//! threshold when pay-as-you-go serves everything, no table without rows. Figures are formatted
//! for reading with the reader's number format; the CSV ([`super::csv`]) keeps them exact.

use rust_decimal::Decimal;

use crate::capacity::{
    agent_costs, explain_applicable, Bill, Billing, Report, EDITED, LIST_PRICES_USD,
};
use crate::format::{plural, NumberFormat};
use crate::plan::About;
use crate::rating::{Estimate, Harness};

/// Everything an export is made from.
pub struct Source<'a> {
    /// The estimate's title, parties, date and notes.
    pub about: &'a About,
    /// The date shown when `about` has none (`YYYY-MM-DD`, the reader's today).
    pub today: &'a str,
    /// The link that opens this estimate (empty: none is shown).
    pub link: &'a str,
    /// The agents' credits.
    pub estimate: &'a Estimate,
    /// The bill and the 12 months.
    pub report: &'a Report,
    /// The month's bill in the low and the high case, when the estimate has ranges.
    pub cases: Option<&'a (Bill, Bill)>,
    /// The settings and prices billed at.
    pub billing: &'a Billing,
    /// The reader's number format.
    pub fmt: &'a NumberFormat,
}

impl<'a> Source<'a> {
    /// A source with no title, parties, link or ranges, in English number format.
    pub fn new(estimate: &'a Estimate, report: &'a Report, billing: &'a Billing) -> Self {
        static EN: std::sync::LazyLock<NumberFormat> = std::sync::LazyLock::new(NumberFormat::en);
        static NOTHING: std::sync::LazyLock<About> = std::sync::LazyLock::new(About::default);
        Self {
            about: &NOTHING,
            today: "",
            link: "",
            estimate,
            report,
            cases: None,
            billing,
            fmt: &EN,
        }
    }

    /// The estimate's date: its own, else today.
    pub fn date(&self) -> &str {
        self.about.date_or(self.today)
    }
}

/// A table cell: text, right-aligned when it is a figure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// As shown.
    pub text: String,
    /// A figure (right-aligned).
    pub num: bool,
}

impl Cell {
    fn text(s: impl Into<String>) -> Self {
        Self {
            text: s.into(),
            num: false,
        }
    }

    fn num(s: impl Into<String>) -> Self {
        Self {
            text: s.into(),
            num: true,
        }
    }
}

/// A table of the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// Stable name (`agents`, `bill`, …), for styling and tests.
    pub id: &'static str,
    /// Its heading.
    pub caption: String,
    /// Column headings.
    pub head: Vec<String>,
    /// Which columns hold figures.
    pub num: Vec<bool>,
    /// The rows; the first cell of each is a row heading.
    pub rows: Vec<Vec<Cell>>,
    /// A total row, if any.
    pub foot: Option<Vec<Cell>>,
    /// A line under the table.
    pub note: Option<String>,
}

impl Table {
    fn new(id: &'static str, caption: &str, head: &[(&str, bool)]) -> Self {
        Self {
            id,
            caption: caption.into(),
            head: head.iter().map(|(h, _)| (*h).to_string()).collect(),
            num: head.iter().map(|(_, n)| *n).collect(),
            rows: Vec::new(),
            foot: None,
            note: None,
        }
    }

    fn row(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
    }
}

/// The whole document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The estimate's title, or a default one.
    pub title: String,
    /// Labelled facts under the title: prepared for and by, date, rate card, prices, link.
    pub facts: Vec<(String, String)>,
    /// The estimate's notes, as written.
    pub notes: String,
    /// The tables, in reading order.
    pub tables: Vec<Table>,
    /// How the month's bill is computed, one line per figure.
    pub derivation: Vec<String>,
}

/// The title of an estimate that has none.
pub const UNTITLED: &str = "Copilot Credits estimate";

/// Builds the document.
pub fn document(src: &Source) -> Document {
    let f = src.fmt;
    let cur = src.billing.prices.currency.as_str();
    let money = |v: Decimal| format!("{} {cur}", f.money(v));
    let about = src.about;
    let mut facts = Vec::new();
    let mut fact = |label: &str, value: String| {
        if !value.is_empty() {
            facts.push((label.to_string(), value));
        }
    };
    fact("Prepared for", about.prepared_for.clone());
    fact("Prepared by", about.prepared_by.clone());
    fact("Date", src.date().to_string());
    let card = src.estimate.card;
    fact(
        "Rate card",
        format!(
            "{}, rates from {}, checked {}",
            card.id, card.effective, card.checked
        ),
    );
    fact("Rate card source", card.source.to_string());
    let prices = &src.billing.prices;
    let edited = prices.source == EDITED;
    match &prices.exchange {
        Some(x) => fact(
            "Prices",
            format!(
                "Microsoft's USD list prices (checked {}) in {cur} at {} {cur} per USD{}{}",
                prices.checked,
                f.decimal(x.rate, 6),
                if x.date.is_empty() {
                    String::new()
                } else {
                    format!(", the rate of {}", x.date)
                },
                if edited { ", then edited" } else { "" }
            ),
        ),
        None if edited => fact(
            "Prices",
            format!(
                "entered for this estimate, in {cur} (list prices checked {})",
                prices.checked
            ),
        ),
        None => fact(
            "Prices",
            format!("list prices in {cur}, checked {}", prices.checked),
        ),
    }
    if !edited || prices.exchange.is_some() {
        let source = if edited {
            &LIST_PRICES_USD.source
        } else {
            &prices.source
        };
        fact("Price source", source.clone());
    }
    fact("Link to this estimate", src.link.to_string());

    let b = &src.report.bill;
    let mut tables = vec![summary(src, &money)];
    tables.extend(cases(src, &money));
    tables.push(agents(src, &money));
    tables.push(settings(src, &money));
    tables.push(bill_table(b, src, &money));
    tables.extend(months_table(src, &money));
    tables.push(year_table(src, &money));
    tables.retain(|t| !t.rows.is_empty());
    Document {
        title: if about.title.is_empty() {
            UNTITLED.to_string()
        } else {
            about.title.clone()
        },
        facts,
        notes: about.notes.clone(),
        tables,
        derivation: explain_applicable(b, &src.billing.settings, prices, f),
    }
}

/// The month at a glance.
fn summary(src: &Source, money: &dyn Fn(Decimal) -> String) -> Table {
    let f = src.fmt;
    let b = &src.report.bill;
    let mut t = Table::new("summary", "The month", &[("", false), ("", true)]);
    let total = src.estimate.credits_per_month.amount();
    let credits_range = src.estimate.cases.as_ref().and_then(|c| {
        Some((
            c.low.figure("total.credits_per_month")?,
            c.high.figure("total.credits_per_month")?,
        ))
    });
    let range = |r: Option<(String, String)>| match r {
        Some((lo, hi)) if lo != hi => format!(" (from {lo} to {hi})"),
        _ => String::new(),
    };
    t.row(vec![
        Cell::text("Copilot Credits a month"),
        Cell::num(format!(
            "{}{}",
            f.credits(total),
            range(credits_range.map(|(l, h)| (f.credits(l), f.credits(h))))
        )),
    ]);
    let cost_range = src
        .cases
        .map(|(l, h)| (money(l.total_cost), money(h.total_cost)));
    t.row(vec![
        Cell::text("Cost a month"),
        Cell::num(format!("{}{}", money(b.total_cost), range(cost_range))),
    ]);
    if let Some((low, high)) = src.cases {
        let w = src.billing.weights;
        if !w.is_expected() {
            if let Ok(cost) = w.mix([low.total_cost, b.total_cost, high.total_cost]) {
                t.row(vec![
                    Cell::text(format!(
                        "Expected cost (low {} %, expected {} %, high {} %)",
                        f.decimal(w.low, 2),
                        f.decimal(w.expected(), 2),
                        f.decimal(w.high, 2)
                    )),
                    Cell::num(money(cost)),
                ]);
            }
        }
    }
    if let Some(day) = b.stop_day {
        t.row(vec![
            Cell::text("Agents stop"),
            Cell::num(format!("on day {day} of {}", src.billing.settings.days)),
        ]);
    }
    if !b.unserved.amount().is_zero() {
        t.row(vec![
            Cell::text("Credits not served"),
            Cell::num(format!(
                "{} ({} % of runs get no answer)",
                f.credits(b.unserved.amount()),
                f.decimal(b.unserved_share * Decimal::ONE_HUNDRED, 1)
            )),
        ]);
    }
    t
}

/// The month in the low, the expected and the high case, when the estimate has ranges.
fn cases(src: &Source, money: &dyn Fn(Decimal) -> String) -> Option<Table> {
    let f = src.fmt;
    let (low_bill, high_bill) = src.cases?;
    let c = src.estimate.cases.as_ref()?;
    let mut t = Table::new(
        "cases",
        "The month in each case",
        &[
            ("", false),
            ("Low", true),
            ("Expected", true),
            ("High", true),
        ],
    );
    t.row(vec![
        Cell::text("Copilot Credits a month"),
        Cell::num(f.credits(c.low.credits_per_month.amount())),
        Cell::num(f.credits(src.estimate.credits_per_month.amount())),
        Cell::num(f.credits(c.high.credits_per_month.amount())),
    ]);
    t.row(vec![
        Cell::text("Cost a month"),
        Cell::num(money(low_bill.total_cost)),
        Cell::num(money(src.report.bill.total_cost)),
        Cell::num(money(high_bill.total_cost)),
    ]);
    Some(t)
}

/// One row per agent, with its share of the month's cost.
fn agents(src: &Source, money: &dyn Fn(Decimal) -> String) -> Table {
    let f = src.fmt;
    let e = src.estimate;
    let mut t = Table::new(
        "agents",
        "Agents",
        &[
            ("Agent", false),
            ("Runs a month", true),
            ("Credits a run", true),
            ("Credits a month", true),
            ("Share", true),
            ("Cost a month", true),
        ],
    );
    // (name, runs, per run, per month)
    let mut rows: Vec<(String, Decimal, Decimal, Decimal)> = e
        .agents
        .iter()
        .map(|a| {
            (
                a.template.name.to_string(),
                a.runs_per_month,
                a.credits_per_run.amount(),
                a.credits_per_month.amount(),
            )
        })
        .collect();
    rows.extend(e.custom.iter().map(|c| {
        let name = match c.harness {
            Harness::Standard => c.name.clone(),
            Harness::GithubCopilot => format!("{} (GitHub Copilot harness)", c.name),
        };
        (
            name,
            c.runs_per_month,
            c.credits_per_run.amount(),
            c.credits_per_month.amount(),
        )
    }));
    let months: Vec<Decimal> = rows.iter().map(|r| r.3).collect();
    let total = e.credits_per_month.amount();
    let cost = src.report.bill.total_cost;
    let costs = agent_costs(cost, &months);
    let share = |m: Decimal| {
        if total.is_zero() {
            Decimal::ZERO
        } else {
            m / total * Decimal::ONE_HUNDRED
        }
    };
    for ((name, runs, per_run, per_month), c) in rows.into_iter().zip(&costs) {
        t.row(vec![
            Cell::text(name),
            Cell::num(f.decimal(runs, 2)),
            Cell::num(f.credits(per_run)),
            Cell::num(f.credits(per_month)),
            Cell::num(format!("{} %", f.decimal(share(per_month), 1))),
            Cell::num(money(*c)),
        ]);
    }
    if t.rows.len() > 1 {
        t.foot = Some(vec![
            Cell::text("All agents"),
            Cell::num(""),
            Cell::num(""),
            Cell::num(f.credits(total)),
            Cell::num("100 %"),
            Cell::num(money(cost)),
        ]);
    }
    t.note = Some(
        "Capacity is shared by the tenant's agents: each agent's cost is its share of the \
         month's cost, in proportion to its credits."
            .into(),
    );
    t
}

/// The settings the bill depends on; only those that apply.
fn settings(src: &Source, money: &dyn Fn(Decimal) -> String) -> Table {
    let f = src.fmt;
    let s = &src.billing.settings;
    let p = &src.billing.prices;
    let mut t = Table::new("settings", "Billing settings", &[("", false), ("", false)]);
    let mut row = |k: &str, v: String| t.row(vec![Cell::text(k), Cell::text(v)]);
    let packs = Decimal::from(s.packs);
    row(
        "Capacity packs",
        if s.packs == 0 {
            "none".into()
        } else {
            format!(
                "{} {} of {} at {} a month",
                s.packs,
                plural(packs, "pack", "packs"),
                f.credits_noun(p.pack_credits),
                money(p.pack_price)
            )
        },
    );
    row(
        "Pay-as-you-go",
        if s.payg {
            format!("on, {} a credit", money(p.payg_per_credit))
        } else {
            "off".into()
        },
    );
    if s.payg {
        if let Some(budget) = s.budget {
            row("Pay-as-you-go budget", format!("{} a month", money(budget)));
        }
    } else if s.packs > 0 {
        row(
            "Agents stop at",
            format!("{} % of prepaid capacity", f.decimal(s.enforcement, 2)),
        );
    }
    if !src.billing.growth.is_zero() {
        row(
            "Growth",
            format!("{} % a month", f.decimal(src.billing.growth, 2)),
        );
    }
    t
}

/// The month's bill: the rows that apply, and the total.
fn bill_table(b: &Bill, src: &Source, money: &dyn Fn(Decimal) -> String) -> Table {
    let f = src.fmt;
    let s = &src.billing.settings;
    let mut t = Table::new(
        "bill",
        "The month's bill",
        &[("", false), ("Credits", true), ("Cost", true)],
    );
    let c = |d: &crate::rating::Credits| Cell::num(f.credits(d.amount()));
    if s.packs > 0 {
        t.row(vec![
            Cell::text("Prepaid capacity"),
            c(&b.prepaid),
            Cell::num(money(b.prepaid_cost)),
        ]);
        t.row(vec![
            Cell::text("Prepaid used"),
            c(&b.prepaid_used),
            Cell::num(""),
        ]);
    }
    if s.payg {
        t.row(vec![
            Cell::text("Pay-as-you-go"),
            c(&b.payg),
            Cell::num(money(b.payg_cost)),
        ]);
    }
    if !b.overage.amount().is_zero() {
        t.row(vec![
            Cell::text("Grace overage (unbilled)"),
            c(&b.overage),
            Cell::num(""),
        ]);
    }
    if !b.unserved.amount().is_zero() {
        t.row(vec![
            Cell::text("Not served"),
            c(&b.unserved),
            Cell::num(""),
        ]);
    }
    t.foot = Some(vec![
        Cell::text("Total"),
        c(&b.demand),
        Cell::num(money(b.total_cost)),
    ]);
    t
}

/// The next 12 months with these settings, month by month: only when they differ (growth).
fn months_table(src: &Source, money: &dyn Fn(Decimal) -> String) -> Option<Table> {
    let f = src.fmt;
    let y = &src.report.year;
    if src.billing.growth.is_zero() {
        return None;
    }
    let mut t = Table::new(
        "months",
        "The next 12 months with these settings",
        &[
            ("Month", false),
            ("Credits", true),
            ("Packs", true),
            ("Cost", true),
        ],
    );
    let mut credits = Decimal::ZERO;
    for m in &y.months {
        credits += m.demand.amount();
        t.row(vec![
            Cell::text(format!("Month {}", m.month)),
            Cell::num(f.credits(m.demand.amount())),
            Cell::num(m.yours.packs.to_string()),
            Cell::num(money(m.yours.cost)),
        ]);
    }
    t.foot = Some(vec![
        Cell::text("12 months"),
        Cell::num(f.credits(credits)),
        Cell::num(""),
        Cell::num(money(y.yours)),
    ]);
    Some(t)
}

/// The next 12 months under each way of paying.
fn year_table(src: &Source, money: &dyn Fn(Decimal) -> String) -> Table {
    let y = &src.report.year;
    let mut t = Table::new("year", "Over 12 months", &[("", false), ("Cost", true)]);
    let growth = if src.billing.growth.is_zero() {
        String::new()
    } else {
        format!(
            ", growing {} % a month",
            src.fmt.decimal(src.billing.growth, 2)
        )
    };
    for (way, cost) in [
        (format!("With these settings{growth}"), y.yours),
        ("Prepaid packs only".to_string(), y.prepaid_only),
        ("Pay-as-you-go only".to_string(), y.payg_only),
        (
            "The cheapest mix of packs and pay-as-you-go, month by month".to_string(),
            y.mix,
        ),
    ] {
        t.row(vec![Cell::text(way), Cell::num(money(cost))]);
    }
    t
}
