//! Golden and property tests of the capacity core: prepaid packs, pay-as-you-go, enforcement.

use agent_credits::capacity::{bill, recommend, Bill, BillingSettings, LIST_PRICES_USD};
use agent_credits::rating::Credits;
use rust_decimal::Decimal;

fn c(n: i64) -> Credits {
    Credits::new(Decimal::from(n))
}

fn settings(packs: u32, payg: bool, budget: Option<&str>, enforcement: u32) -> BillingSettings {
    BillingSettings {
        packs,
        payg,
        budget: budget.map(|b| b.parse().unwrap()),
        enforcement: Decimal::from(enforcement),
        days: 30,
    }
}

/// (prepaid, prepaid_used, payg, overage, unserved, stop_day, prepaid_cost, payg_cost, total)
fn summary(b: &Bill) -> [String; 9] {
    [
        b.prepaid.to_string(),
        b.prepaid_used.to_string(),
        b.payg.to_string(),
        b.overage.to_string(),
        b.unserved.to_string(),
        b.stop_day.map(|d| d.to_string()).unwrap_or_default(),
        b.prepaid_cost.normalize().to_string(),
        b.payg_cost.normalize().to_string(),
        b.total_cost.normalize().to_string(),
    ]
}

#[test]
fn golden_bills() {
    let cases = [
        // Pay-as-you-go only: the two reference agents, 6,380 credits at 0.01 USD.
        (
            "payg only",
            6380,
            settings(0, true, None, 125),
            ["0", "0", "6380", "0", "0", "", "0", "63.8", "63.8"],
        ),
        // Prepaid only, within capacity: unused capacity is simply lost.
        (
            "prepaid within",
            6380,
            settings(1, false, None, 125),
            ["25000", "6380", "0", "0", "0", "", "200", "0", "200"],
        ),
        // Mixed: one pack, 40,000 demanded, 15,000 pay-as-you-go.
        (
            "mixed",
            40000,
            settings(1, true, None, 125),
            ["25000", "25000", "15000", "0", "0", "", "200", "150", "350"],
        ),
        // No pay-as-you-go, stop at capacity (the Business Central rule): 40,000 demanded, 25,000
        // served; 25,000 / (40,000/30) = 18.75 days, so the agents stop on day 19.
        (
            "overflow at 100%",
            40000,
            settings(1, false, None, 100),
            ["25000", "25000", "0", "0", "15000", "19", "200", "0", "200"],
        ),
        // No pay-as-you-go, 125 % grace: 6,250 credits of unbilled overage, 8,750 unserved;
        // 31,250 / (40,000/30) = 23.4375 days, so day 24.
        (
            "overflow at 125%",
            40000,
            settings(1, false, None, 125),
            [
                "25000", "25000", "0", "6250", "8750", "24", "200", "0", "200",
            ],
        ),
        // Within the grace margin nothing stops.
        (
            "inside grace",
            30000,
            settings(1, false, None, 125),
            ["25000", "25000", "0", "5000", "0", "", "200", "0", "200"],
        ),
        // Budget cap: 50 USD buys 5,000 pay-as-you-go credits; the rest is unserved.
        // 30,000 / (40,000/30) = 22.5 days, so day 23.
        (
            "budget cap",
            40000,
            settings(1, true, Some("50"), 125),
            [
                "25000", "25000", "5000", "0", "10000", "23", "200", "50", "250",
            ],
        ),
        // No capacity at all and no pay-as-you-go: nothing is served, from day 1.
        (
            "nothing bought",
            1180,
            settings(0, false, None, 125),
            ["0", "0", "0", "0", "1180", "1", "0", "0", "0"],
        ),
    ];
    for (name, demand, s, want) in cases {
        let b = bill(c(demand), &s, &LIST_PRICES_USD).unwrap();
        assert_eq!(summary(&b), want.map(String::from), "{name}");
        let parts = Credits::checked_sum([b.prepaid_used, b.payg, b.overage, b.unserved]).unwrap();
        assert_eq!(parts, b.demand, "{name}: parts add up");
    }
}

#[test]
fn golden_recommendations() {
    // At list prices a pack (200 USD) pays off once 20,000 credits would go pay-as-you-go.
    let cases = [
        (0, 0, "0", "20000"),
        (6380, 0, "63.80", "20000"),
        (20000, 0, "200.00", "20000"),
        (20001, 1, "200", "45000"),
        (40000, 1, "350.00", "45000"),
        (45000, 1, "400.00", "45000"),
        (45001, 2, "400", "70000"),
        (100000, 4, "800", "120000"),
    ];
    for (demand, packs, cost, next) in cases {
        let r = recommend(c(demand), &LIST_PRICES_USD).unwrap();
        assert_eq!(r.packs, packs, "{demand}: packs");
        assert_eq!(
            r.cost.normalize(),
            cost.parse::<Decimal>().unwrap().normalize(),
            "{demand}: cost"
        );
        assert_eq!(
            r.next_pack_break_even.unwrap().to_string(),
            next,
            "{demand}: break-even"
        );
        // No other pack count is cheaper.
        for other in 0..=packs + 2 {
            let s = settings(other, true, None, 125);
            let alt = bill(c(demand), &s, &LIST_PRICES_USD).unwrap().total_cost;
            assert!(
                alt >= r.cost,
                "{demand}: {other} packs cost {alt} < {}",
                r.cost
            );
        }
    }
}

#[test]
fn settings_out_of_range_are_refused() {
    let p = &*LIST_PRICES_USD;
    assert!(bill(c(1), &settings(1, false, None, 99), p).is_err());
    assert!(bill(c(1), &settings(1, false, None, 1001), p).is_err());
    assert!(bill(c(1), &settings(1, true, Some("-1"), 125), p).is_err());
    let mut s = settings(1, true, None, 125);
    s.days = 40;
    assert!(bill(c(1), &s, p).is_err());
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn any_settings() -> impl Strategy<Value = BillingSettings> {
        (
            0u32..10,
            any::<bool>(),
            proptest::option::of(0u32..2000),
            100u32..=200,
            28u32..=31,
        )
            .prop_map(|(packs, payg, budget, enforcement, days)| BillingSettings {
                packs,
                payg,
                budget: budget.map(Decimal::from),
                enforcement: Decimal::from(enforcement),
                days,
            })
    }

    proptest! {
        #[test]
        fn parts_add_up(demand in 0i64..10_000_000, s in any_settings()) {
            let b = bill(c(demand), &s, &LIST_PRICES_USD).unwrap();
            let parts = Credits::checked_sum([b.prepaid_used, b.payg, b.overage, b.unserved]).unwrap();
            prop_assert_eq!(parts, b.demand);
            prop_assert_eq!(b.total_cost, b.prepaid_cost + b.payg_cost);
            prop_assert!(b.stop_day.is_none_or(|d| (1..=s.days).contains(&d)));
            prop_assert_eq!(b.stop_day.is_some(), b.unserved > Credits::ZERO);
        }

        #[test]
        fn cost_never_falls_as_volume_rises(demand in 0i64..10_000_000, more in 1i64..100_000, s in any_settings()) {
            let lo = bill(c(demand), &s, &LIST_PRICES_USD).unwrap();
            let hi = bill(c(demand + more), &s, &LIST_PRICES_USD).unwrap();
            prop_assert!(hi.total_cost >= lo.total_cost);
            prop_assert!(hi.unserved >= lo.unserved);
            let rlo = recommend(c(demand), &LIST_PRICES_USD).unwrap();
            let rhi = recommend(c(demand + more), &LIST_PRICES_USD).unwrap();
            prop_assert!(rhi.cost >= rlo.cost);
        }
    }
}
