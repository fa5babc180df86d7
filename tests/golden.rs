//! Golden tests: every worked example in the reference documents, reproduced to the digit.

mod support;

use agent_credits::format::NumberFormat;
use agent_credits::rating::{card, derivation, estimate, sweep, Workload};
use rust_decimal::Decimal;
use support::{DEFAULT_TOTAL, PAYABLES_EXAMPLE, SALES_ORDER_EXAMPLE};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn only(agent: &str) -> Workload {
    let mut w = Workload::empty();
    w.include(agent).unwrap();
    w
}

#[test]
fn sales_order_agent_is_1180_credits_a_month() {
    // [(2+5+2) + 0.4×(5+2)] × 100 requests = 1,180 Copilot Credits/month.
    let mut w = only("sales_order");
    w.set("sales_order", "requests", d("100")).unwrap();
    w.set("sales_order", "attachment_rate", d("40")).unwrap();
    w.set("sales_order", "attachments", d("1")).unwrap();
    let e = estimate(card::current(), &w).unwrap();
    let so = e.agent("sales_order").unwrap();
    assert_eq!(so.credits_per_run.to_string(), "11.8");
    assert_eq!(so.credits_per_month.to_string(), "1180");
    assert_eq!(e.credits_per_month.to_string(), "1180");
    assert_eq!(
        derivation(so, &NumberFormat::en()),
        "[(2 + 5 + 2) + 0.4×(5 + 2)] × 100 requests = 1,180 Copilot Credits/month"
    );
}

#[test]
fn payables_agent_is_5200_credits_a_month() {
    // [(5 + 2 + 5 + 5 + 5 + (5×5) + 5)] × 100 requests = 5,200 Copilot Credits/month.
    let mut w = only("payables");
    w.set("payables", "documents", d("100")).unwrap();
    w.set("payables", "lines", d("5")).unwrap();
    w.set("payables", "attachments", d("1")).unwrap();
    let e = estimate(card::current(), &w).unwrap();
    let p = e.agent("payables").unwrap();
    assert_eq!(p.credits_per_run.to_string(), "52");
    assert_eq!(p.credits_per_month.to_string(), "5200");
    assert_eq!(
        derivation(p, &NumberFormat::en()),
        "[(5 + 2 + 5 + 5 + 5 + (5×5) + 5)] × 100 e-documents = 5,200 Copilot Credits/month"
    );
}

#[test]
fn payables_lines_per_document_table() {
    let table = include_str!("golden/payables_lines.csv");
    let w = only("payables");
    let rows = sweep(card::current(), w.agent("payables").unwrap()).unwrap();
    let mut checked = 0;
    for line in table.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let (lines, credits) = line.split_once(',').unwrap();
        let row = rows
            .iter()
            .find(|r| r.value == d(lines))
            .unwrap_or_else(|| panic!("no row for {lines} lines"));
        assert_eq!(row.credits_per_run.to_string(), credits, "{lines} lines");

        // The same figure from a plain estimate at that many lines.
        let mut at = w.clone();
        at.set("payables", "lines", d(lines)).unwrap();
        let e = estimate(card::current(), &at).unwrap();
        assert_eq!(
            e.agents[0].credits_per_run.to_string(),
            credits,
            "{lines} lines"
        );
        checked += 1;
    }
    assert_eq!(checked, 5);
    assert!(rows.iter().any(|r| r.is_current && r.value == d("5")));
}

/// The default estimate is the two worked examples above, together: the fixture
/// `support::DEFAULT_TOTAL` the other tests derive the default plan's figures from.
#[test]
fn both_reference_agents_together() {
    let e = estimate(card::current(), &Workload::default()).unwrap();
    let month = |agent| e.agent(agent).unwrap().credits_per_month.to_string();
    assert_eq!(month("sales_order"), SALES_ORDER_EXAMPLE.to_string());
    assert_eq!(month("payables"), PAYABLES_EXAMPLE.to_string());
    assert_eq!(e.credits_per_month.to_string(), DEFAULT_TOTAL.to_string());
}

#[test]
fn derivation_follows_live_inputs() {
    let en = NumberFormat::en();
    let cases = [
        (
            "sales_order",
            [
                ("requests", "2500"),
                ("attachment_rate", "12.5"),
                ("attachments", "2"),
            ],
            "[(2 + 5 + 2) + 0.125×2×(5 + 2)] × 2,500 requests = 26,875 Copilot Credits/month",
        ),
        (
            "payables",
            [("documents", "1000"), ("lines", "1"), ("attachments", "3")],
            "[((3×5) + 2 + 5 + 5 + 5 + 5 + 5)] × 1,000 e-documents = 42,000 Copilot Credits/month",
        ),
    ];
    for (agent, values, want) in cases {
        let mut w = only(agent);
        for (k, v) in values {
            w.set(agent, k, d(v)).unwrap();
        }
        let e = estimate(card::current(), &w).unwrap();
        assert_eq!(derivation(&e.agents[0], &en), want, "{agent} {values:?}");
    }
}

#[test]
fn derivation_says_one_in_the_singular() {
    let en = NumberFormat::en();
    let mut w = only("payables");
    w.set("payables", "documents", d("1")).unwrap();
    let e = estimate(card::current(), &w).unwrap();
    assert_eq!(
        derivation(&e.agents[0], &en),
        "[(5 + 2 + 5 + 5 + 5 + (5×5) + 5)] × 1 e-document = 52 Copilot Credits/month"
    );
    // The per-run factors too: one attachment, one line.
    let payables = e.agents[0].template;
    for input in payables.inputs {
        assert_eq!(input.unit_for(d("1")), input.one, "{}", input.key);
        assert_eq!(input.unit_for(d("2")), input.unit, "{}", input.key);
        assert_eq!(input.unit_for(d("0")), input.unit, "{}", input.key);
    }
    assert_eq!(
        payables.input("attachments").unwrap().unit_for(d("1")),
        "attachment"
    );
    assert_eq!(payables.input("lines").unwrap().unit_for(d("1.0")), "line");
}

#[test]
fn derivation_reads_in_the_readers_locale() {
    let de = NumberFormat::from_sample("1.234,5");
    let mut w = only("sales_order");
    w.set("sales_order", "requests", d("1000")).unwrap();
    let e = estimate(card::current(), &w).unwrap();
    assert_eq!(
        derivation(&e.agents[0], &de),
        "[(2 + 5 + 2) + 0,4×(5 + 2)] × 1.000 requests = 11.800 Copilot Credits/month"
    );
}
