//! Exports: the estimate as CSV for a spreadsheet, and as JSON that imports back.
//!
//! The JSON is the saved-estimate format ([`crate::saved`]): one schema for storage, files and
//! the compact link parameter's fields, with the same migrations on the way in.

use rust_decimal::Decimal;

use crate::capacity::{Bill, Billing, Report};
use crate::format::exact;
use crate::plan::Plan;
use crate::rating::{Estimate, Harness};

/// The CSV's columns.
///
/// The last four hold the low and the high case (ranges) of an agent's total, the total and the
/// bill's lines, empty when no input has a low or high value.
pub const CSV_HEADER: &str = "section,agent,item,event_scenario,rate_credits,rate_unit,count_per_run,credits_per_run,runs_per_month,credits_per_month,amount,currency,rate_card,credits_per_month_low,credits_per_month_high,amount_low,amount_high";

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
    /// The low and the high case of `credits_per_month` or of `amount`.
    credits_low_high: Option<(Decimal, Decimal)>,
    amount_low_high: Option<(Decimal, Decimal)>,
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
            &self
                .credits_low_high
                .map(|c| exact(c.0))
                .unwrap_or_default(),
            &self
                .credits_low_high
                .map(|c| exact(c.1))
                .unwrap_or_default(),
            &self.amount_low_high.map(|a| exact(a.0)).unwrap_or_default(),
            &self.amount_low_high.map(|a| exact(a.1)).unwrap_or_default(),
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
/// let csv = export::csv(&e, &r, None, &plan.billing);
/// assert!(csv.lines().any(|l| l == "total,,All agents,,,,,,,6380,,,copilot-credits-2025-09,,,,"));
/// assert!(csv.lines().any(|l| l.starts_with("billing,,Total cost,") && l.contains(",63.8,USD,")));
/// ```
///
/// With ranges, `cases` is the month's bill in the low and the high case; the estimate's own
/// cases give the agents' (see [`crate::rating::estimate_with_cases`]), and a last row the
/// expected cost, the cases mixed by `billing`'s weights. Money is in `billing`'s currency.
pub fn csv(
    estimate: &Estimate,
    report: &Report,
    cases: Option<&(Bill, Bill)>,
    billing: &Billing,
) -> String {
    let currency = billing.prices.currency.as_str();
    let card = estimate.card.id;
    let mut out = String::from(CSV_HEADER);
    out.push_str("\r\n");
    // A figure of the estimate in the low and the high case, if it has them.
    let spread = |metric: &str| {
        let c = estimate.cases.as_ref()?;
        Some((c.low.figure(metric)?, c.high.figure(metric)?))
    };
    let agent_total =
        |name, metric: String, per_run: Decimal, runs: Decimal, per_month: Decimal| Row {
            section: "agent",
            agent: name,
            item: "Agent total",
            credits_per_run: exact(per_run),
            runs_per_month: exact(runs),
            credits_per_month: exact(per_month),
            credits_low_high: spread(&metric),
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
            format!("{}.credits_per_month", a.template.id),
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
        // Usage-based: no rate card line, its tasks and its building and testing instead.
        if c.harness == Harness::GithubCopilot {
            Row {
                section: "feature",
                agent: &c.name,
                item: "Tasks",
                scenario: "GitHub Copilot harness (usage-based)",
                count_per_run: "1".into(),
                credits_per_run: exact(c.credits_per_run.amount()),
                runs_per_month: exact(c.runs_per_month),
                credits_per_month: exact(c.credits_per_run.amount() * c.runs_per_month),
                ..Row::default()
            }
            .write(card, &mut out);
            Row {
                section: "feature",
                agent: &c.name,
                item: "Building and testing",
                scenario: "GitHub Copilot harness (usage-based)",
                credits_per_month: exact(c.build_credits.amount()),
                ..Row::default()
            }
            .write(card, &mut out);
        }
        agent_total(
            &c.name,
            format!("custom.{}.credits_per_month", c.id),
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
        credits_low_high: spread("total.credits_per_month"),
        ..Row::default()
    }
    .write(card, &mut out);
    let b = &report.bill;
    // The bill's line `metric` in the low and the high case.
    let bill_spread = |metric: &str| {
        let (low, high) = cases?;
        Some((low.figure(metric)?, high.figure(metric)?))
    };
    let credit_lines = [
        ("Prepaid capacity", "billing.prepaid_credits"),
        ("Prepaid used", "billing.prepaid_used_credits"),
        ("Pay-as-you-go credits", "billing.payg_credits"),
        (
            "Grace overage credits (unbilled)",
            "billing.overage_credits",
        ),
        ("Unserved credits", "billing.unserved_credits"),
    ];
    for (item, metric) in credit_lines {
        Row {
            section: "billing",
            item,
            credits_per_month: b.figure(metric).map(exact).unwrap_or_default(),
            credits_low_high: bill_spread(metric),
            ..Row::default()
        }
        .write(card, &mut out);
    }
    let money_lines = [
        ("Capacity packs cost", "billing.prepaid_cost"),
        ("Pay-as-you-go cost", "billing.payg_cost"),
        ("Total cost", "billing.total_cost"),
    ];
    for (item, metric) in money_lines {
        Row {
            section: "billing",
            item,
            amount: b.figure(metric).map(exact).unwrap_or_default(),
            currency,
            amount_low_high: bill_spread(metric),
            ..Row::default()
        }
        .write(card, &mut out);
    }
    if let Some((low, high)) = cases {
        let w = billing.weights;
        if let Ok(cost) = w.mix([low.total_cost, b.total_cost, high.total_cost]) {
            let item = format!(
                "Expected cost ({} / {} / {} %)",
                exact(w.low),
                exact(w.expected()),
                exact(w.high)
            );
            Row {
                section: "billing",
                item: &item,
                amount: exact(cost),
                currency,
                ..Row::default()
            }
            .write(card, &mut out);
        }
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
