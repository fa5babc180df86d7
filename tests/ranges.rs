//! Ranges: low, expected and high values, the three cases of an estimate and of its bill.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use agent_credits::capacity::{bill, Billing, LIST_PRICES_USD};
use agent_credits::plan::Plan;
use agent_credits::rating::{card, estimate, Bound, Case, Workload};
use agent_credits::{saved, share};
use proptest::prelude::*;
use rust_decimal::Decimal;
use support::strategies::ranged_plan;
use support::{PAYABLES_EXAMPLE, SALES_ORDER_EXAMPLE};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn month(w: &Workload, case: Case) -> Decimal {
    estimate(card::current(), &w.case(case))
        .unwrap()
        .credits_per_month
        .amount()
}

#[test]
fn the_reference_examples_hold_with_ranges_at_their_expected_values() {
    let mut w = Workload::default();
    for (agent, key, value) in [
        ("sales_order", "requests", "100"),
        ("sales_order", "attachment_rate", "40"),
        ("payables", "documents", "100"),
        ("payables", "lines", "5"),
    ] {
        for b in Bound::BOTH {
            w.set_bound(agent, key, b, Some(d(value))).unwrap();
        }
    }
    let total = Decimal::from(SALES_ORDER_EXAMPLE + PAYABLES_EXAMPLE);
    for case in Case::ALL {
        let e = estimate(card::current(), &w.case(case)).unwrap();
        assert_eq!(
            e.agent("sales_order").unwrap().credits_per_month.amount(),
            Decimal::from(SALES_ORDER_EXAMPLE),
            "{case:?}"
        );
        assert_eq!(
            e.agent("payables").unwrap().credits_per_month.amount(),
            Decimal::from(PAYABLES_EXAMPLE),
            "{case:?}"
        );
        assert_eq!(e.credits_per_month.amount(), total, "{case:?}");
    }
    // And the expected case is the workload itself, ranges or not.
    assert_eq!(
        month(&w, Case::Expected),
        month(&Workload::default(), Case::Expected)
    );
}

#[test]
fn a_range_example_computed_by_hand() {
    // Sales Order: 100 requests (50 to 200), 40 % with an attachment (20 % to 60 %):
    //   low  (2 + 5 + 2) + 0.2 × (5 + 2) = 10.4 a run × 50 = 520
    //   exp  11.8 × 100 = 1,180
    //   high (2 + 5 + 2) + 0.6 × (5 + 2) = 13.2 a run × 200 = 2,640
    // Payables: 400 e-documents (300 to 600) at 52 credits each: 15,600 / 20,800 / 31,200.
    let link = "?sales_order.requests=100&sales_order.requests.low=50&sales_order.requests.high=200\
        &sales_order.attachment_rate=40&sales_order.attachment_rate.low=20&sales_order.attachment_rate.high=60\
        &payables.documents=400&payables.documents.low=300&payables.documents.high=600";
    let read = share::read(link);
    assert!(read.ignored.is_empty(), "{:?}", read.ignored);
    let plan = read.plan().unwrap();
    let w = &plan.workload;
    assert_eq!(month(w, Case::Low), d("16120"));
    assert_eq!(month(w, Case::Expected), d("21980"));
    assert_eq!(month(w, Case::High), d("33840"));
    // Billed pay-as-you-go at the list price (no packs by default): 0.01 USD a credit.
    let cost = |case| {
        let demand = estimate(card::current(), &w.case(case))
            .unwrap()
            .credits_per_month;
        bill(demand, &plan.billing.settings, &plan.billing.prices)
            .unwrap()
            .total_cost
    };
    assert_eq!(Billing::default().prices.payg_per_credit, d("0.01"));
    assert_eq!(
        [cost(Case::Low), cost(Case::Expected), cost(Case::High)],
        [d("161.2"), d("219.8"), d("338.4")]
    );
    // The same link written back carries the same ranges.
    assert_eq!(share::read(&share::write(&plan)).plan(), Some(plan));
}

#[test]
fn bounds_on_the_wrong_side_are_refused_with_a_message_for_their_field() {
    let mut w = Workload::default();
    let e = w
        .set_bound("payables", "documents", Bound::Low, Some(d("150")))
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("low value can't be above the expected value"),
        "{e}"
    );
    w.set_bound("payables", "documents", Bound::High, Some(d("300")))
        .unwrap();
    let e = w.set("payables", "documents", d("400")).unwrap_err();
    assert!(e.to_string().contains("at most the high value, 300"), "{e}");
    assert_eq!(
        w.agent("payables").unwrap().values["documents"],
        d("100"),
        "unchanged"
    );
    // In a link: the bound is dropped with a notice, the rest applies.
    let read = share::read("?payables.documents=100&payables.documents.low=150&payables.lines=7");
    assert_eq!(read.ignored.len(), 1);
    assert_eq!(read.ignored[0].key, "payables.documents.low");
    let plan = read.plan().unwrap();
    assert!(!plan.workload.has_ranges());
    assert_eq!(
        plan.workload.agent("payables").unwrap().values["lines"],
        d("7")
    );
    // Custom agents alike, under the link's own key.
    let read = share::read("?custom.1.runs=100&custom.1.runs.high=50&custom.1.steps.1.share=40&custom.1.steps.1.share.low=20");
    assert_eq!(read.ignored.len(), 1, "{:?}", read.ignored);
    assert_eq!(read.ignored[0].key, "custom.1.runs.high");
    assert!(
        read.plan().unwrap().workload.has_ranges(),
        "the step's low share stays"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Every credit and cost of the low case is at most the expected one's, which is at most the
    /// high one's; the agents stop no earlier in the low case and no later in the high one.
    #[test]
    fn low_expected_high_are_in_order(plan in ranged_plan()) {
        prop_assert!(plan.workload.validate().is_ok());
        let cases = Case::ALL.map(|c| estimate(card::current(), &plan.workload.case(c)).unwrap());
        for pair in cases.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            prop_assert!(a.credits_per_month <= b.credits_per_month);
            for (x, y) in a.agents.iter().zip(&b.agents) {
                prop_assert!(x.credits_per_run <= y.credits_per_run && x.credits_per_month <= y.credits_per_month);
            }
            for (x, y) in a.custom.iter().zip(&b.custom) {
                prop_assert!(x.credits_per_run <= y.credits_per_run && x.credits_per_month <= y.credits_per_month);
            }
            let s = &plan.billing.settings;
            let p = &plan.billing.prices;
            let (x, y) = (bill(a.credits_per_month, s, p).unwrap(), bill(b.credits_per_month, s, p).unwrap());
            prop_assert!(x.total_cost <= y.total_cost, "cost {} > {}", x.total_cost, y.total_cost);
            prop_assert!(x.prepaid_used <= y.prepaid_used && x.payg <= y.payg);
            prop_assert!(x.overage.amount() + x.unserved.amount() <= y.overage.amount() + y.unserved.amount());
            prop_assert!(x.unserved <= y.unserved);
            let day = |b: &agent_credits::capacity::Bill| b.stop_day.unwrap_or(u32::MAX);
            prop_assert!(day(&x) >= day(&y), "stop day {:?} < {:?}", x.stop_day, y.stop_day);
        }
    }

    #[test]
    fn ranges_travel_in_links_and_saves(plan in ranged_plan()) {
        let link = share::write(&plan);
        let read = share::read(&link);
        prop_assert!(read.ignored.is_empty(), "{link}: {:?}", read.ignored);
        // Prices read back from a link as "edited" or the list (as in tests/properties.rs).
        let mut expected = plan.clone();
        expected.billing.prices.mark_edited(&LIST_PRICES_USD);
        prop_assert_eq!(read.plan(), Some(expected), "{}", link);
        prop_assert_eq!(saved::decode(&saved::encode(&plan)), Ok(plan.clone()));
        let empty = Plan::default();
        prop_assert_eq!(saved::decode(&saved::encode(&empty)), Ok(empty));
    }
}

/// The expected cost mixes the cases' costs by their weights, and the cheapest pack count for it
/// is the cheapest of all counts: computed by hand for 10,000 / 20,000 / 60,000 credits at list
/// prices (25,000 credits a pack for 200 USD, 0.01 USD a credit).
#[test]
fn a_weighted_expected_cost_computed_by_hand() {
    use agent_credits::capacity::{range_advice, BillingSettings, CaseWeights};
    use agent_credits::rating::Credits;
    let demands = [10_000, 20_000, 60_000].map(|n| Credits::new(Decimal::from(n)));
    let s = BillingSettings::default();
    let w = |low: &str, high: &str| CaseWeights {
        low: d(low),
        high: d(high),
    };
    // 25 / 50 / 25: none costs 25 + 100 + 150 = 275; one pack 50 + 100 + 137.5 = 287.5.
    let a = range_advice(demands, &LIST_PRICES_USD, &s, w("25", "25")).unwrap();
    assert_eq!((a.cheapest.packs, a.cheapest.expected_cost), (0, d("275")));
    // 0 / 40 / 60: none 80 + 360 = 440; one pack 80 + 330 = 410; two 160 + 300 = 460.
    let a = range_advice(demands, &LIST_PRICES_USD, &s, w("0", "60")).unwrap();
    assert_eq!((a.cheapest.packs, a.cheapest.expected_cost), (1, d("410")));
    assert_eq!(a.cheapest.costs, [d("200"), d("200"), d("550")]);
    // The never-stop choice does not depend on the weights.
    assert_eq!(
        (a.never_stops.packs, a.never_stops.expected_cost),
        (3, d("600"))
    );
    // The derivation's line.
    let line = w("0", "60")
        .explain(
            a.cheapest.costs,
            "USD",
            &agent_credits::format::NumberFormat::en(),
        )
        .unwrap();
    assert_eq!(
        line,
        "Expected cost: 0 % × 200.00 (low) + 40 % × 200.00 (expected) + 60 % × 550.00 (high) = 410.00 USD a month"
    );
}

#[test]
fn weights_travel_in_links_and_a_pair_over_100_is_refused() {
    let read = share::read("?billing.range.weight.low=25&billing.range.weight.high=25");
    assert!(read.ignored.is_empty(), "{:?}", read.ignored);
    let plan = read.plan().unwrap();
    assert_eq!(
        (plan.billing.weights.low, plan.billing.weights.high),
        (d("25"), d("25"))
    );
    assert!(
        share::write(&plan).ends_with("&billing.range.weight.low=25&billing.range.weight.high=25")
    );
    // Saved as schema 4: a version before ranges keeps it aside rather than dropping the weights.
    assert!(saved::encode(&plan).contains("\"schema\":4"));
    let read = share::read("?billing.range.weight.high=50&billing.range.weight.low=60");
    assert_eq!(read.ignored.len(), 1);
    assert_eq!(
        read.ignored[0].to_string(),
        "“billing.range.weight.low”: With the other case at 50 %, enter at most 50 %: the expected case takes the rest"
    );
    assert_eq!(read.plan().unwrap().billing.weights.high, d("50"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// No pack count has a lower expected cost than the cheapest one advised, whatever the
    /// weights; with the expected case alone it costs what `recommend` finds for that case.
    #[test]
    fn the_cheapest_choice_is_the_cheapest(
        a in 0i64..200_000, b in 0i64..200_000, c in 0i64..200_000,
        low in 0i64..=100, high in 0i64..=100,
    ) {
        use agent_credits::capacity::{recommend, range_advice, BillingSettings, CaseWeights};
        use agent_credits::rating::Credits;
        prop_assume!(low + high <= 100);
        let mut three = [a, b, c];
        three.sort_unstable();
        let demands = three.map(|n| Credits::new(Decimal::from(n)));
        let weights = CaseWeights { low: low.into(), high: high.into() };
        let s = BillingSettings::default();
        let advice = range_advice(demands, &LIST_PRICES_USD, &s, weights).unwrap();
        for packs in 0..=10u64 {
            let at = BillingSettings { packs, ..s.clone() };
            let costs = demands.map(|d| bill(d, &at, &LIST_PRICES_USD).unwrap().total_cost);
            let cost = weights.mix(costs).unwrap();
            prop_assert!(advice.cheapest.expected_cost <= cost, "{packs} packs: {cost} < {}", advice.cheapest.expected_cost);
        }
        let plain = range_advice(demands, &LIST_PRICES_USD, &s, CaseWeights::EXPECTED).unwrap();
        let r = recommend(demands[1], &LIST_PRICES_USD).unwrap();
        prop_assert_eq!((plain.cheapest.packs, plain.cheapest.expected_cost), (r.packs, r.cost));
    }
}

#[test]
fn the_csv_carries_the_low_and_high_case() {
    use agent_credits::capacity::report;
    use agent_credits::export;
    use agent_credits::rating::estimate_with_cases;
    let plan = share::read(
        "?sales_order.requests=100&sales_order.requests.low=50&sales_order.requests.high=200\
         &sales_order.attachment_rate=40&sales_order.attachment_rate.low=20&sales_order.attachment_rate.high=60\
         &payables.documents=400&payables.documents.low=300&payables.documents.high=600",
    )
    .plan()
    .unwrap();
    let e = estimate_with_cases(card::current(), &plan.workload).unwrap();
    let r = report(e.credits_per_month, &plan.billing).unwrap();
    let cases = e.cases.as_ref().unwrap();
    let (s, p) = (&plan.billing.settings, &plan.billing.prices);
    let bills = (
        bill(cases.low.credits_per_month, s, p).unwrap(),
        bill(cases.high.credits_per_month, s, p).unwrap(),
    );
    let mut billing = plan.billing.clone();
    billing.weights.low = d("25");
    billing.weights.high = d("25");
    let csv = export::csv(&export::Source {
        cases: Some(&bills),
        ..export::Source::new(&e, &r, &billing)
    });
    assert!(csv.starts_with(export::CSV_HEADER));
    let line = |start: &str| {
        csv.lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no line {start} in {csv}"))
            .to_string()
    };
    assert!(line("total,,All agents,").ends_with(",21980,,,copilot-credits-2025-09,16120,33840,,,"));
    assert!(line("agent,Payables agent,Agent total,").ends_with(",15600,31200,,,"));
    assert!(
        line("billing,,Total cost,").ends_with(",219.8,USD,copilot-credits-2025-09,,,161.2,338.4,")
    );
    // 25 % × 161.20 + 50 % × 219.80 + 25 % × 338.40.
    assert!(line("billing,,Expected cost (25 / 50 / 25 %),")
        .ends_with(",234.8,USD,copilot-credits-2025-09,,,,,"));
}
