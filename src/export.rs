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
    let mut row = |cells: &[&str]| {
        let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    };
    for a in &estimate.agents {
        for l in &a.lines {
            row(&[
                "feature",
                a.template.name,
                l.feature.name,
                l.rate.name,
                &exact(l.rate.credits),
                &l.rate.unit_label(),
                &exact(l.count_per_run),
                &exact(l.credits_per_run.amount()),
                &exact(a.runs_per_month),
                &exact(l.credits_per_run.amount() * a.runs_per_month),
                "",
                "",
                card,
            ]);
        }
        row(&[
            "agent",
            a.template.name,
            "Agent total",
            "",
            "",
            "",
            "",
            &exact(a.credits_per_run.amount()),
            &exact(a.runs_per_month),
            &exact(a.credits_per_month.amount()),
            "",
            "",
            card,
        ]);
    }
    for c in &estimate.custom {
        for l in &c.lines {
            row(&[
                "feature",
                &c.name,
                &l.name,
                l.rate.name,
                &exact(l.rate.credits),
                &l.rate.unit_label(),
                &exact(l.events_per_run * l.billed_share),
                &exact(l.credits_per_run.amount()),
                &exact(c.runs_per_month),
                &exact(l.credits_per_run.amount() * c.runs_per_month),
                "",
                "",
                card,
            ]);
        }
        row(&[
            "agent",
            &c.name,
            "Agent total",
            "",
            "",
            "",
            "",
            &exact(c.credits_per_run.amount()),
            &exact(c.runs_per_month),
            &exact(c.credits_per_month.amount()),
            "",
            "",
            card,
        ]);
    }
    row(&[
        "total",
        "",
        "All agents",
        "",
        "",
        "",
        "",
        "",
        "",
        &exact(estimate.credits_per_month.amount()),
        "",
        "",
        card,
    ]);
    let b = &report.bill;
    let credit_lines: [(&str, Decimal); 5] = [
        ("Prepaid capacity", b.prepaid.amount()),
        ("Prepaid used", b.prepaid_used.amount()),
        ("Pay-as-you-go credits", b.payg.amount()),
        ("Grace overage credits (unbilled)", b.overage.amount()),
        ("Unserved credits", b.unserved.amount()),
    ];
    for (item, credits) in credit_lines {
        row(&[
            "billing",
            "",
            item,
            "",
            "",
            "",
            "",
            "",
            "",
            &exact(credits),
            "",
            "",
            card,
        ]);
    }
    let money_lines: [(&str, Decimal); 3] = [
        ("Capacity packs cost", b.prepaid_cost),
        ("Pay-as-you-go cost", b.payg_cost),
        ("Total cost", b.total_cost),
    ];
    for (item, amount) in money_lines {
        row(&[
            "billing",
            "",
            item,
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            &exact(amount),
            currency,
            card,
        ]);
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
