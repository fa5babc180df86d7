//! The estimate as CSV: one table a spreadsheet user can filter and sum, figures exact.

use rust_decimal::Decimal;

use super::document::Source;
use crate::capacity::agent_costs;
use crate::format::exact;
use crate::rating::Harness;

/// The CSV's columns.
///
/// `credits_per_month_low` to `amount_high` hold the low and the high case (ranges) of an agent's
/// total, the total and the bill's lines, empty when no input has a low or high value. `value`
/// holds what the `estimate` and `setting` rows say (a title, a pack count, "on").
pub const CSV_HEADER: &str = "section,agent,item,event_scenario,rate_credits,rate_unit,count_per_run,credits_per_run,runs_per_month,credits_per_month,amount,currency,rate_card,credits_per_month_low,credits_per_month_high,amount_low,amount_high,value";

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
    value: String,
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
            &self.value,
        ];
        let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
}

/// The estimate for a spreadsheet, figures exact, every row naming the rate card version it was
/// computed with: the estimate's title, parties, date and link (`estimate` rows); the settings
/// and prices (`setting`); one row per agent feature and per agent total, with the agent's share
/// of the month's cost ([`crate::capacity::agent_costs`]); the total; the bill's lines; the 12
/// months with these settings (`month`) and the year under each way of paying (`year`).
///
/// ```
/// use agent_credits::{capacity::{report, Billing}, export, plan::Plan, rating::{card, estimate}};
/// let plan = Plan::default();
/// let e = estimate(card::current(), &plan.workload).unwrap();
/// let r = report(e.credits_per_month, &plan.billing).unwrap();
/// let csv = export::csv(&export::Source::new(&e, &r, &plan.billing));
/// assert!(csv.lines().any(|l| l == "total,,All agents,,,,,,,6380,,,copilot-credits-2025-09,,,,,"));
/// assert!(csv.lines().any(|l| l.starts_with("billing,,Total cost,") && l.contains(",63.8,USD,")));
/// assert!(csv.lines().any(|l| l == "month,,Month 12,,,,,,,6380,63.8,USD,copilot-credits-2025-09,,,,,"));
/// ```
///
/// With ranges (`src.cases`, the month's bill in the low and the high case), the estimate's own
/// cases give the agents' low and high, and a last billing row the expected cost, the cases mixed
/// by the billing's weights. Money is in the billing's currency.
pub fn csv(src: &Source) -> String {
    let (estimate, report, cases, billing) = (src.estimate, src.report, src.cases, src.billing);
    let currency = billing.prices.currency.as_str();
    let card = estimate.card.id;
    let mut out = String::from(CSV_HEADER);
    out.push_str("\r\n");
    let about = src.about;
    let prices = &billing.prices;
    let heading = [
        ("Title", about.title.as_str()),
        ("Prepared for", &about.prepared_for),
        ("Prepared by", &about.prepared_by),
        ("Date", src.date()),
        ("Notes", &about.notes),
        ("Link", src.link),
        ("Rate card source", estimate.card.source),
        ("Price source", &prices.source),
        ("Prices checked", &prices.checked),
    ];
    for (item, value) in heading.into_iter().filter(|(_, v)| !v.is_empty()) {
        Row {
            section: "estimate",
            item,
            value: value.to_string(),
            ..Row::default()
        }
        .write(card, &mut out);
    }
    let s = &billing.settings;
    let on = |b: bool| if b { "on" } else { "off" };
    let money_settings = [
        ("Pack price", Some(prices.pack_price)),
        (
            "Pay-as-you-go price per credit",
            Some(prices.payg_per_credit),
        ),
        ("Pay-as-you-go budget", s.budget),
    ];
    let settings = [
        ("Capacity packs", s.packs.to_string(), ""),
        ("Credits per pack", exact(prices.pack_credits), ""),
        ("Pay-as-you-go", on(s.payg).to_string(), ""),
        (
            "Agents stop at (percent of prepaid, without pay-as-you-go)",
            exact(s.enforcement),
            "",
        ),
        ("Growth per month (percent)", exact(billing.growth), ""),
        ("Days in the month", s.days.to_string(), ""),
        (
            "Exchange rate from USD",
            prices
                .exchange
                .as_ref()
                .map_or_else(|| "none".into(), |x| exact(x.rate)),
            "",
        ),
        (
            "Exchange rate date",
            prices
                .exchange
                .as_ref()
                .map(|x| x.date.clone())
                .unwrap_or_default(),
            "",
        ),
    ]
    .into_iter()
    .chain(money_settings.into_iter().map(|(item, v)| {
        (
            item,
            v.map(exact).unwrap_or_else(|| "none".into()),
            currency,
        )
    }));
    for (item, value, currency) in settings {
        Row {
            section: "setting",
            item,
            value,
            currency,
            ..Row::default()
        }
        .write(card, &mut out);
    }
    // A figure of the estimate in the low and the high case, if it has them.
    let spread = |metric: &str| {
        let c = estimate.cases.as_ref()?;
        Some((c.low.figure(metric)?, c.high.figure(metric)?))
    };
    // Each agent's share of the month's cost, in page order (reference agents, then custom).
    let months: Vec<Decimal> = estimate
        .agents
        .iter()
        .map(|a| a.credits_per_month.amount())
        .chain(estimate.custom.iter().map(|c| c.credits_per_month.amount()))
        .collect();
    let mut costs = agent_costs(report.bill.total_cost, &months).into_iter();
    let mut agent_total =
        |name, metric: String, per_run: Decimal, runs: Decimal, per_month: Decimal| Row {
            section: "agent",
            agent: name,
            item: "Agent total",
            credits_per_run: exact(per_run),
            runs_per_month: exact(runs),
            credits_per_month: exact(per_month),
            credits_low_high: spread(&metric),
            amount: costs.next().map(exact).unwrap_or_default(),
            currency,
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
    let y = &report.year;
    for m in &y.months {
        let item = format!("Month {}", m.month);
        Row {
            section: "month",
            item: &item,
            credits_per_month: exact(m.demand.amount()),
            amount: exact(m.yours.cost),
            currency,
            ..Row::default()
        }
        .write(card, &mut out);
    }
    let year_credits: Decimal = y.months.iter().map(|m| m.demand.amount()).sum();
    Row {
        section: "year",
        item: "Credits over 12 months",
        value: exact(year_credits),
        ..Row::default()
    }
    .write(card, &mut out);
    let strategies = [
        ("Your settings", y.yours),
        ("Prepaid packs only", y.prepaid_only),
        ("Pay-as-you-go only", y.payg_only),
        ("Cheapest mix of packs and pay-as-you-go", y.mix),
    ];
    for (item, amount) in strategies {
        Row {
            section: "year",
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
}
