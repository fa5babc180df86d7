//! Exports: the estimate as CSV for a spreadsheet, and as JSON that imports back.
//!
//! The JSON is the saved-estimate format ([`crate::saved`]): one schema for storage, files and
//! the compact link parameter's fields, with the same migrations on the way in.

use rust_decimal::Decimal;

use crate::capacity::Report;
use crate::format::exact;
use crate::plan::Plan;
use crate::rating::Estimate;

/// The CSV's columns.
pub const CSV_HEADER: &str = "section,agent,item,event_scenario,rate_credits,rate_unit,count_per_run,credits_per_run,runs_per_month,credits_per_month,amount,currency,rate_card";

/// One CSV row; empty fields stay empty cells.
#[derive(Default)]
struct Row<'a> {
    section: &'a str,
    agent: &'a str,
    item: &'a str,
    scenario: &'a str,
    rate_credits: String,
    rate_unit: String,
    count_per_run: String,
    credits_per_run: String,
    runs_per_month: String,
    credits_per_month: String,
    amount: String,
    currency: &'a str,
}

impl Row<'_> {
    fn write(&self, card: &str, out: &mut String) {
        let cells = [
            self.section,
            self.agent,
            self.item,
            self.scenario,
            &self.rate_credits,
            &self.rate_unit,
            &self.count_per_run,
            &self.credits_per_run,
            &self.runs_per_month,
            &self.credits_per_month,
            &self.amount,
            self.currency,
            card,
        ];
        let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
}

/// One row per agent feature, per agent total and per billing line, figures exact; every row
/// names the rate card version it was computed with.
///
/// ```
/// use agent_credits::{capacity::{report, Billing}, export, plan::Plan, rating::{card, estimate}};
/// let plan = Plan::default();
/// let e = estimate(card::current(), &plan.workload).unwrap();
/// let r = report(e.credits_per_month, &plan.billing).unwrap();
/// let csv = export::csv(&e, &r, &plan.billing.prices.currency);
/// assert!(csv.lines().any(|l| l == "total,,All agents,,,,,,,6380,,,copilot-credits-2025-09"));
/// assert!(csv.lines().any(|l| l.starts_with("billing,,Total cost,") && l.contains(",63.8,USD,")));
/// ```
pub fn csv(estimate: &Estimate, report: &Report, currency: &str) -> String {
    let card = estimate.card.id;
    let mut out = String::from(CSV_HEADER);
    out.push_str("\r\n");
    let agent_total = |name, per_run: Decimal, runs: Decimal, per_month: Decimal| Row {
        section: "agent",
        agent: name,
        item: "Agent total",
        credits_per_run: exact(per_run),
        runs_per_month: exact(runs),
        credits_per_month: exact(per_month),
        ..Row::default()
    };
    for a in &estimate.agents {
        for l in &a.lines {
            Row {
                section: "feature",
                agent: a.template.name,
                item: l.feature.name,
                scenario: l.rate.name,
                rate_credits: exact(l.rate.credits),
                rate_unit: l.rate.unit_label(),
                count_per_run: exact(l.count_per_run),
                credits_per_run: exact(l.credits_per_run.amount()),
                runs_per_month: exact(a.runs_per_month),
                credits_per_month: exact(l.credits_per_run.amount() * a.runs_per_month),
                ..Row::default()
            }
            .write(card, &mut out);
        }
        agent_total(
            a.template.name,
            a.credits_per_run.amount(),
            a.runs_per_month,
            a.credits_per_month.amount(),
        )
        .write(card, &mut out);
    }
    for c in &estimate.custom {
        for l in &c.lines {
            Row {
                section: "feature",
                agent: &c.name,
                item: &l.name,
                scenario: l.rate.name,
                rate_credits: exact(l.rate.credits),
                rate_unit: l.rate.unit_label(),
                count_per_run: exact(l.events_per_run * l.billed_share),
                credits_per_run: exact(l.credits_per_run.amount()),
                runs_per_month: exact(c.runs_per_month),
                credits_per_month: exact(l.credits_per_run.amount() * c.runs_per_month),
                ..Row::default()
            }
            .write(card, &mut out);
        }
        agent_total(
            &c.name,
            c.credits_per_run.amount(),
            c.runs_per_month,
            c.credits_per_month.amount(),
        )
        .write(card, &mut out);
    }
    Row {
        section: "total",
        item: "All agents",
        credits_per_month: exact(estimate.credits_per_month.amount()),
        ..Row::default()
    }
    .write(card, &mut out);
    let b = &report.bill;
    let credit_lines: [(&str, Decimal); 5] = [
        ("Prepaid capacity", b.prepaid.amount()),
        ("Prepaid used", b.prepaid_used.amount()),
        ("Pay-as-you-go credits", b.payg.amount()),
        ("Grace overage credits (unbilled)", b.overage.amount()),
        ("Unserved credits", b.unserved.amount()),
    ];
    for (item, credits) in credit_lines {
        Row {
            section: "billing",
            item,
            credits_per_month: exact(credits),
            ..Row::default()
        }
        .write(card, &mut out);
    }
    let money_lines: [(&str, Decimal); 3] = [
        ("Capacity packs cost", b.prepaid_cost),
        ("Pay-as-you-go cost", b.payg_cost),
        ("Total cost", b.total_cost),
    ];
    for (item, amount) in money_lines {
        Row {
            section: "billing",
            item,
            amount: exact(amount),
            currency,
            ..Row::default()
        }
        .write(card, &mut out);
    }
    out
}

/// A CSV cell: quoted when it holds a separator, quote or line break, and defused when a
/// spreadsheet would read it as a formula (a leading `=`, `+`, `-` or `@` in text).
fn cell(text: &str) -> String {
    let numeric = text.parse::<Decimal>().is_ok();
    let text = if !numeric && text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The estimate as a JSON file that [`import`] reads back.
pub fn json(plan: &Plan) -> String {
    crate::saved::encode(plan)
}

/// Reads an exported JSON file (or a saved value of any known schema).
///
/// # Errors
/// As [`crate::saved::decode`].
pub fn import(text: &str) -> Result<Plan, crate::saved::SavedError> {
    crate::saved::decode(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_defused() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(cell("-5"), "-5");
        assert_eq!(cell("@x,y"), "\"'@x,y\"");
    }

    #[test]
    fn json_round_trips() {
        let mut plan = Plan::default();
        plan.billing.settings.packs = 2;
        assert_eq!(import(&json(&plan)), Ok(plan));
    }
}
