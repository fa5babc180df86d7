//! Golden and property tests of the capacity core: prepaid packs, pay-as-you-go, enforcement,
//! the Pre-Purchase Plan, the twelve-month view, environments, billing policies, set-up steps.

mod support;

use agent_credits::capacity::{
    allocate, bill, demand_in, recommend, report, setup_steps, split, year, Allocation, Bill,
    Billing, BillingError, BillingPolicy, BillingSettings, Environment, PaygSetup, PolicyShare,
    Recommendation, Scope, Tenant, LIST_PRICES_USD,
};
use agent_credits::rating::Credits;
use rust_decimal::Decimal;
use support::rows::{assert_row, assert_rows, golden_row};
use support::{default_payg_cost, DEFAULT_TOTAL};

fn c(n: i64) -> Credits {
    Credits::new(Decimal::from(n))
}

/// A decimal from its exact text.
fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn settings(packs: u64, payg: bool, budget: Option<&str>, enforcement: u32) -> BillingSettings {
    BillingSettings {
        packs,
        payg,
        budget: budget.map(|b| b.parse().unwrap()),
        enforcement: Decimal::from(enforcement),
        days: 30,
    }
}

golden_row! {
    /// Where a month's credits go and what they cost: a [`Bill`] but its demand and share.
    struct BillRow {
        prepaid: Credits,
        prepaid_used: Credits,
        payg: Credits,
        overage: Credits,
        unserved: Credits,
        stop_day: Option<u32>,
        prepaid_cost: Decimal,
        payg_cost: Decimal,
        total_cost: Decimal,
    }
}

impl From<&Bill> for BillRow {
    fn from(b: &Bill) -> Self {
        Self {
            prepaid: b.prepaid,
            prepaid_used: b.prepaid_used,
            payg: b.payg,
            overage: b.overage,
            unserved: b.unserved,
            stop_day: b.stop_day,
            prepaid_cost: b.prepaid_cost,
            payg_cost: b.payg_cost,
            total_cost: b.total_cost,
        }
    }
}

#[test]
fn golden_bills() {
    let none = Credits::ZERO;
    let zero = Decimal::ZERO;
    let cases = [
        // Pay-as-you-go only: the default estimate (the two reference agents) at 0.01 USD.
        (
            "payg only",
            DEFAULT_TOTAL,
            settings(0, true, None, 125),
            BillRow {
                prepaid: none,
                prepaid_used: none,
                payg: c(DEFAULT_TOTAL),
                overage: none,
                unserved: none,
                stop_day: None,
                prepaid_cost: zero,
                payg_cost: default_payg_cost(),
                total_cost: default_payg_cost(),
            },
        ),
        // Prepaid only, within capacity: unused capacity is simply lost.
        (
            "prepaid within",
            DEFAULT_TOTAL,
            settings(1, false, None, 125),
            BillRow {
                prepaid: c(25_000),
                prepaid_used: c(DEFAULT_TOTAL),
                payg: none,
                overage: none,
                unserved: none,
                stop_day: None,
                prepaid_cost: d("200"),
                payg_cost: zero,
                total_cost: d("200"),
            },
        ),
        // Mixed: one pack, 40,000 demanded, 15,000 pay-as-you-go.
        (
            "mixed",
            40_000,
            settings(1, true, None, 125),
            BillRow {
                prepaid: c(25_000),
                prepaid_used: c(25_000),
                payg: c(15_000),
                overage: none,
                unserved: none,
                stop_day: None,
                prepaid_cost: d("200"),
                payg_cost: d("150"),
                total_cost: d("350"),
            },
        ),
        // No pay-as-you-go, stop at capacity (the Business Central rule): 40,000 demanded, 25,000
        // served; 25,000 / (40,000/30) = 18.75 days, so the agents stop on day 19.
        (
            "overflow at 100%",
            40_000,
            settings(1, false, None, 100),
            BillRow {
                prepaid: c(25_000),
                prepaid_used: c(25_000),
                payg: none,
                overage: none,
                unserved: c(15_000),
                stop_day: Some(19),
                prepaid_cost: d("200"),
                payg_cost: zero,
                total_cost: d("200"),
            },
        ),
        // No pay-as-you-go, 125 % grace: 6,250 credits of unbilled overage, 8,750 unserved;
        // 31,250 / (40,000/30) = 23.4375 days, so day 24.
        (
            "overflow at 125%",
            40_000,
            settings(1, false, None, 125),
            BillRow {
                prepaid: c(25_000),
                prepaid_used: c(25_000),
                payg: none,
                overage: c(6_250),
                unserved: c(8_750),
                stop_day: Some(24),
                prepaid_cost: d("200"),
                payg_cost: zero,
                total_cost: d("200"),
            },
        ),
        // Within the grace margin nothing stops.
        (
            "inside grace",
            30_000,
            settings(1, false, None, 125),
            BillRow {
                prepaid: c(25_000),
                prepaid_used: c(25_000),
                payg: none,
                overage: c(5_000),
                unserved: none,
                stop_day: None,
                prepaid_cost: d("200"),
                payg_cost: zero,
                total_cost: d("200"),
            },
        ),
        // Budget cap: 50 USD buys 5,000 pay-as-you-go credits; the rest is unserved.
        // 30,000 / (40,000/30) = 22.5 days, so day 23.
        (
            "budget cap",
            40_000,
            settings(1, true, Some("50"), 125),
            BillRow {
                prepaid: c(25_000),
                prepaid_used: c(25_000),
                payg: c(5_000),
                overage: none,
                unserved: c(10_000),
                stop_day: Some(23),
                prepaid_cost: d("200"),
                payg_cost: d("50"),
                total_cost: d("250"),
            },
        ),
        // No capacity at all and no pay-as-you-go: nothing is served, from day 1. (The Sales Order
        // agent's worked example.)
        (
            "nothing bought",
            1180,
            settings(0, false, None, 125),
            BillRow {
                prepaid: none,
                prepaid_used: none,
                payg: none,
                overage: none,
                unserved: c(1180),
                stop_day: Some(1),
                prepaid_cost: zero,
                payg_cost: zero,
                total_cost: zero,
            },
        ),
    ];
    for (name, demand, s, want) in cases {
        let b = bill(c(demand), &s, &LIST_PRICES_USD).unwrap();
        assert_row(name, &BillRow::from(&b), &want);
        let parts = Credits::checked_sum([b.prepaid_used, b.payg, b.overage, b.unserved]).unwrap();
        assert_eq!(parts, b.demand, "{name}: parts add up");
    }
}

golden_row! {
    /// The cheapest pack count for a month, as [`Recommendation`] has it.
    struct RecommendationRow {
        packs: u64,
        cost: Decimal,
        next_pack_break_even: Option<Credits>,
    }
}

impl From<&Recommendation> for RecommendationRow {
    fn from(r: &Recommendation) -> Self {
        Self {
            packs: r.packs,
            cost: r.cost,
            next_pack_break_even: r.next_pack_break_even,
        }
    }
}

#[test]
fn golden_recommendations() {
    // At list prices a pack (200 USD) pays off once 20,000 credits would go pay-as-you-go.
    let cases = [
        (
            0,
            RecommendationRow {
                packs: 0,
                cost: d("0"),
                next_pack_break_even: Some(c(20_000)),
            },
        ),
        (
            DEFAULT_TOTAL,
            RecommendationRow {
                packs: 0,
                cost: default_payg_cost(),
                next_pack_break_even: Some(c(20_000)),
            },
        ),
        (
            20_000,
            RecommendationRow {
                packs: 0,
                cost: d("200.00"),
                next_pack_break_even: Some(c(20_000)),
            },
        ),
        (
            20_001,
            RecommendationRow {
                packs: 1,
                cost: d("200"),
                next_pack_break_even: Some(c(45_000)),
            },
        ),
        (
            40_000,
            RecommendationRow {
                packs: 1,
                cost: d("350.00"),
                next_pack_break_even: Some(c(45_000)),
            },
        ),
        (
            45_000,
            RecommendationRow {
                packs: 1,
                cost: d("400.00"),
                next_pack_break_even: Some(c(45_000)),
            },
        ),
        (
            45_001,
            RecommendationRow {
                packs: 2,
                cost: d("400"),
                next_pack_break_even: Some(c(70_000)),
            },
        ),
        (
            100_000,
            RecommendationRow {
                packs: 4,
                cost: d("800"),
                next_pack_break_even: Some(c(120_000)),
            },
        ),
    ];
    for (demand, want) in cases {
        let r = recommend(c(demand), &LIST_PRICES_USD).unwrap();
        assert_row(
            &format!("{demand} credits"),
            &RecommendationRow::from(&r),
            &want,
        );
        // No other pack count is cheaper.
        for other in 0..=want.packs + 2 {
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

/// Billing at list prices with `settings`, everything else at its default.
fn billing(settings: BillingSettings) -> Billing {
    Billing {
        settings,
        ..Billing::default()
    }
}

golden_row! {
    /// One pre-purchase tier over the year: units drawn and left unused, pay-as-you-go after the
    /// units ran out, and the year's cost.
    struct TierRow {
        drawn: Decimal,
        unused: Decimal,
        payg_after: Decimal,
        cost: Decimal,
    }
}

/// Every pre-purchase tier of the year's view, in order.
fn tiers(y: &agent_credits::capacity::Year) -> Vec<TierRow> {
    y.tiers
        .iter()
        .map(|t| TierRow {
            drawn: t.drawn,
            unused: t.unused,
            payg_after: t.payg_after,
            cost: t.cost,
        })
        .collect()
}

#[test]
fn prepurchase_plan_pays_off_when_the_units_are_used() {
    let p = &*LIST_PRICES_USD;
    // The list's one tier: 15,000 commit units for 14,100 USD, "a 6% saving".
    assert_eq!(p.prepurchase.len(), 1);
    assert_eq!(p.prepurchase[0].discount(), d("0.06"));
    let flat = BillingSettings::default();

    // 125,000 credits a month × 0.01 USD = 1,250 USD retail; × 12 = 15,000 USD: the units cover
    // the year exactly. drawn 15,000, unused 0, payg_after 0, cost 14,100 < 15,000.
    let y = year(c(125_000), Decimal::ZERO, &flat, p).unwrap();
    assert_eq!(y.payg_only, d("15000"));
    assert_rows(
        "125,000 credits flat",
        &tiers(&y),
        &[TierRow {
            drawn: d("15000"),
            unused: d("0"),
            payg_after: d("0"),
            cost: d("14100"),
        }],
    );
    assert_eq!(y.best_tier, Some(0));

    // The default estimate, 6,380 credits a month = 63.80 USD retail; × 12 = 765.60 USD. The
    // tier draws 765.60 and 15,000 - 765.60 = 14,234.40 units expire; 14,100 USD > 765.60 USD:
    // it doesn't pay off.
    let retail = default_payg_cost() * Decimal::from(12);
    let y = year(c(DEFAULT_TOTAL), Decimal::ZERO, &flat, p).unwrap();
    assert_eq!(y.payg_only, retail);
    assert_rows(
        "the default estimate, flat",
        &tiers(&y),
        &[TierRow {
            drawn: retail,
            unused: d("15000") - retail,
            payg_after: d("0"),
            cost: d("14100"),
        }],
    );
    assert_eq!(y.best_tier, None);

    // 117,500 credits a month = 1,175 USD; × 12 = 14,100 USD, the tier's price: a tie does not
    // beat pay-as-you-go. drawn 14,100, unused 900.
    let y = year(c(117_500), Decimal::ZERO, &flat, p).unwrap();
    assert_eq!(y.payg_only, d("14100"));
    assert_rows(
        "117,500 credits flat",
        &tiers(&y),
        &[TierRow {
            drawn: d("14100"),
            unused: d("900"),
            payg_after: d("0"),
            cost: d("14100"),
        }],
    );
    assert_eq!(y.best_tier, None);
}

#[test]
fn prepurchase_units_run_out_mid_year() {
    let p = &*LIST_PRICES_USD;
    let flat = BillingSettings::default();

    // 100,000 credits in month 1, growing 10 % a month: retail 1,000 × 1.1^(n-1) USD.
    // Cumulative retail after months 1..9: 1,000 × (1.1^9 - 1) / 0.1 = 13,579.47691.
    // Month 10 (2,357.947691) takes the last 15,000 - 13,579.47691 = 1,420.52309 units and bills
    // 937.424601 pay-as-you-go; months 11 and 12 bill 2,593.7424601 and 2,853.11670611.
    // payg_after = 937.424601 + 2,593.7424601 + 2,853.11670611 = 6,384.28376721
    //            = year retail 1,000 × (1.1^12 - 1) / 0.1 = 21,384.28376721, minus 15,000.
    // cost = 14,100 + 6,384.28376721 = 20,484.28376721 < 21,384.28376721.
    let y = year(c(100_000), d("10"), &flat, p).unwrap();
    assert_eq!(y.payg_only, d("21384.28376721"));
    assert_rows(
        "100,000 credits growing 10 %",
        &tiers(&y),
        &[TierRow {
            drawn: d("15000"),
            unused: d("0"),
            payg_after: d("6384.28376721"),
            cost: d("20484.28376721"),
        }],
    );
    assert_eq!(y.best_tier, Some(0));

    // 1,000 credits doubling monthly: retail 10 × 2^(n-1) USD, 40,950 for the year. After month
    // 10, 10 × (2^10 - 1) = 10,230 drawn; month 11 (10,240) takes the last 4,770 and bills 5,470;
    // month 12 bills 20,480. payg_after = 25,950 (= 40,950 - 15,000); cost 40,050.
    let y = year(c(1000), d("100"), &flat, p).unwrap();
    assert_eq!(y.payg_only, d("40950"));
    assert_rows(
        "1,000 credits doubling",
        &tiers(&y),
        &[TierRow {
            drawn: d("15000"),
            unused: d("0"),
            payg_after: d("25950"),
            cost: d("40050"),
        }],
    );
    assert_eq!(y.best_tier, Some(0));
}

#[test]
fn the_cheapest_of_several_tiers_is_best() {
    let mut p = LIST_PRICES_USD.clone();
    p.prepurchase
        .push(agent_credits::capacity::PrepurchaseTier {
            units: d("30000"),
            price: d("27000"),
        });
    // 250,000 credits a month = 2,500 USD; 30,000 USD a year.
    // Tier 0: draws 15,000 (months 1-6), then 15,000 pay-as-you-go: 14,100 + 15,000 = 29,100.
    // Tier 1: draws 30,000 exactly: 27,000. Both beat 30,000; tier 1 is cheapest.
    let y = year(c(250_000), Decimal::ZERO, &BillingSettings::default(), &p).unwrap();
    assert_eq!(y.payg_only, d("30000"));
    assert_rows(
        "250,000 credits flat, two tiers",
        &tiers(&y),
        &[
            TierRow {
                drawn: d("15000"),
                unused: d("0"),
                payg_after: d("15000"),
                cost: d("29100"),
            },
            TierRow {
                drawn: d("30000"),
                unused: d("0"),
                payg_after: d("0"),
                cost: d("27000"),
            },
        ],
    );
    assert_eq!(y.best_tier, Some(1));
}

#[test]
fn demand_compounds_month_by_month() {
    // 10 %: 1,000, 1,100, 1,210, 1,331, … month 12 = 1,000 × 1.1^11 = 2,853.116706110.
    let cases = [
        (1, "1000"),
        (2, "1100"),
        (3, "1210"),
        (4, "1331"),
        (12, "2853.11670611"),
    ];
    for (n, want) in cases {
        assert_eq!(
            demand_in(c(1000), d("10"), n).unwrap().to_string(),
            want,
            "month {n}"
        );
    }
    // Flat: every month is the first; 100 %: doubling.
    assert_eq!(demand_in(c(1000), Decimal::ZERO, 12).unwrap(), c(1000));
    assert_eq!(demand_in(c(1000), d("100"), 12).unwrap(), c(2_048_000));
    // 12.5 %, 4 decimals of growth allowed: month 3 = 1,000 × 1.125² = 1,265.625.
    assert_eq!(
        demand_in(c(1000), d("12.5"), 3).unwrap().to_string(),
        "1265.625"
    );
    // Growth is 0 % to 100 %.
    for bad in ["101", "-1", "100.0001", "-0.0001"] {
        assert_eq!(
            demand_in(c(1000), d(bad), 2),
            Err(BillingError::Growth),
            "{bad}"
        );
        assert_eq!(
            year(
                c(1000),
                d(bad),
                &BillingSettings::default(),
                &LIST_PRICES_USD
            ),
            Err(BillingError::Growth),
            "{bad}"
        );
    }
    let r = report(
        c(1000),
        &Billing {
            growth: d("101"),
            ..Billing::default()
        },
    );
    assert_eq!(r.map(|_| ()), Err(BillingError::Growth));
}

#[test]
fn golden_year() {
    let p = &*LIST_PRICES_USD;
    // 1,000 credits doubling monthly: 1,000 × 2^(n-1), 1,000 to 2,048,000, 4,095,000 in all.
    // Yours: 2 packs (50,000 credits), pay-as-you-go capped by a 100 USD budget (10,000 credits).
    let yours = settings(2, true, Some("100"), 125);
    let y = year(c(1000), d("100"), &yours, p).unwrap();
    let demands: Vec<i64> = (0..12).map(|n| 1000 << n).collect();
    assert_eq!(
        y.months.iter().map(|m| m.demand).collect::<Vec<_>>(),
        demands.iter().map(|&n| c(n)).collect::<Vec<_>>()
    );
    assert_eq!(
        y.months.iter().map(|m| m.month).collect::<Vec<_>>(),
        (1..=12).collect::<Vec<_>>()
    );

    // Prepaid only: ceil(demand / 25,000) packs = 1,1,1,1,1,2,3,6,11,21,41,82 = 171 packs
    // × 200 USD = 34,200 USD.
    let packs = [1, 1, 1, 1, 1, 2, 3, 6, 11, 21, 41, 82];
    assert_eq!(
        y.months
            .iter()
            .map(|m| m.prepaid_only.packs)
            .collect::<Vec<_>>(),
        packs
    );
    assert_eq!(y.prepaid_only, d("34200"));

    // Pay-as-you-go only: 4,095,000 × 0.01 = 40,950 USD.
    assert_eq!(y.payg_only, d("40950"));

    // Mix: a pack pays off once 20,000 credits would go pay-as-you-go, so
    // packs = ceil((demand - 20,000) / 25,000) above 20,000:
    // months 1-5: 0 packs, 10 + 20 + 40 + 80 + 160 = 310;
    // 32,000: 1 pack + 7,000 = 270; 64,000: 2 + 14,000 = 540; 128,000: 5 + 3,000 = 1,030;
    // 256,000: 10 + 6,000 = 2,060; 512,000: 20 + 12,000 = 4,120; 1,024,000: 41 = 8,200;
    // 2,048,000: 82 = 16,400. Total 32,930 USD.
    assert_eq!(
        y.months.iter().map(|m| m.mix.packs).collect::<Vec<_>>(),
        [0, 0, 0, 0, 0, 1, 2, 5, 10, 20, 41, 82]
    );
    assert_eq!(
        y.months
            .iter()
            .map(|m| m.mix.cost.normalize().to_string())
            .collect::<Vec<_>>(),
        ["10", "20", "40", "80", "160", "270", "540", "1030", "2060", "4120", "8200", "16400"]
    );
    assert_eq!(y.mix, d("32930"));

    // Yours: months 1-6 fit in 50,000 credits (400 USD); from month 7 the budget buys 10,000
    // credits more (500 USD) and the rest goes unserved: 64,000 + … + 2,048,000 = 4,032,000
    // demanded in months 7-12, minus 6 × 60,000 served = 3,672,000 unserved.
    // Total 6 × 400 + 6 × 500 = 5,400 USD.
    assert_eq!(y.yours, d("5400"));
    assert_eq!(y.yours_unserved, c(3_672_000));
    assert_eq!(
        y.months
            .iter()
            .map(|m| m.yours.unserved)
            .collect::<Vec<_>>(),
        [0, 0, 0, 0, 0, 0, 4000, 68_000, 196_000, 452_000, 964_000, 1_988_000].map(c)
    );
    assert!(y.months.iter().all(|m| m.yours.packs == 2));

    // Every strategy serves everything; month by month they match the one-month functions.
    for m in &y.months {
        let n = m.month;
        assert_eq!(m.demand, demand_in(c(1000), d("100"), n).unwrap());
        for cost in [&m.prepaid_only, &m.payg_only, &m.mix] {
            assert_eq!(cost.unserved, Credits::ZERO, "month {n}");
        }
        let dm = m.demand.amount();
        assert_eq!(
            Decimal::from(m.prepaid_only.packs),
            (dm / d("25000")).ceil(),
            "month {n}"
        );
        let prepaid = bill(
            m.demand,
            &settings(m.prepaid_only.packs, false, None, 125),
            p,
        )
        .unwrap();
        assert_eq!(prepaid.unserved, Credits::ZERO, "month {n}");
        assert_eq!(m.prepaid_only.cost, prepaid.total_cost, "month {n}");
        assert_eq!(m.payg_only.packs, 0);
        assert_eq!(m.payg_only.cost, dm * d("0.01"), "month {n}");
        let r = recommend(m.demand, p).unwrap();
        assert_eq!((m.mix.packs, m.mix.cost), (r.packs, r.cost), "month {n}");
        let b = bill(m.demand, &yours, p).unwrap();
        assert_eq!((m.yours.cost, m.yours.unserved), (b.total_cost, b.unserved));
    }
    // Totals are the sums of the months.
    let sum = |f: fn(&agent_credits::capacity::Month) -> Decimal| -> Decimal {
        y.months.iter().map(f).sum()
    };
    assert_eq!(y.prepaid_only, sum(|m| m.prepaid_only.cost));
    assert_eq!(y.payg_only, sum(|m| m.payg_only.cost));
    assert_eq!(y.mix, sum(|m| m.mix.cost));
    assert_eq!(y.yours, sum(|m| m.yours.cost));
    assert_eq!(
        y.yours_unserved.amount(),
        sum(|m| m.yours.unserved.amount())
    );
}

#[test]
fn golden_flat_year_without_payg() {
    // 40,000 credits every month; yours: 1 pack, no pay-as-you-go, 125 % grace. Each month:
    // prepaid only 2 packs = 400; pay-as-you-go 400; mix 1 pack + 15,000 credits = 350;
    // yours 200 with 40,000 - 31,250 = 8,750 unserved. × 12: 4,800, 4,800, 4,200, 2,400, 105,000.
    let y = year(
        c(40_000),
        Decimal::ZERO,
        &settings(1, false, None, 125),
        &LIST_PRICES_USD,
    )
    .unwrap();
    assert_eq!(
        [y.prepaid_only, y.payg_only, y.mix, y.yours].map(|v| v.normalize().to_string()),
        ["4800", "4800", "4200", "2400"]
    );
    assert_eq!(y.yours_unserved, c(105_000));
    assert!(y.months.iter().all(|m| m.demand == c(40_000)));
}

fn env(name: &str, share: &str, allocated: Option<&str>) -> Environment {
    Environment {
        name: name.into(),
        share: d(share),
        allocated: allocated.map(d),
    }
}

/// Credits from their exact text.
fn credits_of(text: &str) -> Credits {
    Credits::new(d(text))
}

golden_row! {
    /// How one consumer of prepaid capacity fares in a month, as [`Consumer`] has it;
    /// `name: None` is other services on the tenant.
    struct ConsumerRow {
        name: Option<String>,
        demand: Credits,
        capacity: Credits,
        allocated: bool,
        short: Credits,
        spare: Credits,
        runs_out_day: Option<u32>,
    }
}

/// Every consumer of the allocation, in order.
fn consumers(a: &Allocation) -> Vec<ConsumerRow> {
    a.consumers
        .iter()
        .map(|x| ConsumerRow {
            name: x.name.clone(),
            demand: x.demand,
            capacity: x.capacity,
            allocated: x.allocated,
            short: x.short,
            spare: x.spare,
            runs_out_day: x.runs_out_day,
        })
        .collect()
}

#[test]
fn golden_allocation() {
    // 2 packs = 50,000 credits; agents demand 60,000 (Production 80 % = 48,000 from the pool,
    // Sandbox 20 % = 12,000 with 1,000 allocated); other services use 5,000 from the pool.
    // pool = 50,000 - 1,000 = 49,000 for 48,000 + 5,000 = 53,000 demanded, shared in proportion:
    //   Production 49,000 × 48/53 = 44,377.358490566038 (kept to 12 decimals),
    //     short 3,622.641509433962; 44,377.36 × 30 / 48,000 = 27.74 days: day 28.
    //   Other, the last pool consumer, takes the rest: 49,000 − 44,377.358490566038
    //     = 4,622.641509433962, short 377.358490566038, day 28 likewise (the pool runs dry for
    //     everyone at once); the pool shares add up to 49,000 exactly.
    //   Sandbox 1,000 of 12,000, short 11,000; 1,000 × 30 / 12,000 = 2.5 days: day 3, first.
    let tenant = Tenant {
        other_use: d("5000"),
        environments: vec![
            env("Production", "80", None),
            env("Sandbox", "20", Some("1000")),
        ],
    };
    let a = allocate(c(60_000), c(50_000), &tenant, 30).unwrap();
    assert_eq!(a.pool, c(49_000));
    assert_rows(
        "60,000 credits, 50,000 prepaid",
        &consumers(&a),
        &[
            ConsumerRow {
                name: Some("Production".into()),
                demand: c(48_000),
                capacity: credits_of("44377.358490566038"),
                allocated: false,
                short: credits_of("3622.641509433962"),
                spare: c(0),
                runs_out_day: Some(28),
            },
            ConsumerRow {
                name: Some("Sandbox".into()),
                demand: c(12_000),
                capacity: c(1000),
                allocated: true,
                short: c(11_000),
                spare: c(0),
                runs_out_day: Some(3),
            },
            ConsumerRow {
                name: None,
                demand: c(5000),
                capacity: credits_of("4622.641509433962"),
                allocated: false,
                short: credits_of("377.358490566038"),
                spare: c(0),
                runs_out_day: Some(28),
            },
        ],
    );
    assert_eq!(a.consumers[2].name, None);
    assert_eq!(a.first_short, Some(1));
    // Sandbox uses all its allocation: nothing stranded.
    assert_eq!(a.stranded, Credits::ZERO);

    // With enough capacity, pool consumers get what they need and nobody runs out.
    let a = allocate(c(10_000), c(25_000), &Tenant::default(), 30).unwrap();
    assert_rows(
        "10,000 credits, 25,000 prepaid",
        &consumers(&a),
        &[ConsumerRow {
            name: Some("Production".into()),
            demand: c(10_000),
            capacity: c(10_000),
            allocated: false,
            short: c(0),
            spare: c(0),
            runs_out_day: None,
        }],
    );
    assert_eq!(
        (a.pool, a.first_short, a.stranded),
        (c(25_000), None, Credits::ZERO)
    );
}

#[test]
fn allocations_strand_capacity_only_when_someone_runs_short() {
    // 50,000 credits split 30,000 / 20,000; agents 50/50.
    let tenant = Tenant {
        other_use: Decimal::ZERO,
        environments: vec![
            env("Production", "50", Some("30000")),
            env("Sandbox", "50", Some("20000")),
        ],
    };
    // 50,000 demanded: 25,000 each. Production leaves 5,000 spare while Sandbox is 5,000 short
    // from day 20,000 × 30 / 25,000 = 24 days → day 25. Stranded: 5,000.
    let a = allocate(c(50_000), c(50_000), &tenant, 30).unwrap();
    assert_eq!(a.pool, Credits::ZERO);
    assert_rows(
        "50,000 credits, allocated 30,000 / 20,000",
        &consumers(&a),
        &[
            ConsumerRow {
                name: Some("Production".into()),
                demand: c(25_000),
                capacity: c(30_000),
                allocated: true,
                short: c(0),
                spare: c(5000),
                runs_out_day: None,
            },
            ConsumerRow {
                name: Some("Sandbox".into()),
                demand: c(25_000),
                capacity: c(20_000),
                allocated: true,
                short: c(5000),
                spare: c(0),
                runs_out_day: Some(25),
            },
        ],
    );
    assert_eq!((a.first_short, a.stranded), (Some(1), c(5000)));

    // 40,000 demanded: 20,000 each; 10,000 spare in Production but nobody is short.
    let a = allocate(c(40_000), c(50_000), &tenant, 30).unwrap();
    assert_eq!(a.consumers[0].spare, c(10_000));
    assert_eq!((a.first_short, a.stranded), (None, Credits::ZERO));
}

#[test]
fn allocation_errors() {
    let two = |a: &str, b: &str, alloc: Option<&str>| Tenant {
        other_use: Decimal::ZERO,
        environments: vec![env("Production", a, None), env("Sandbox", b, alloc)],
    };
    let prepaid = c(50_000);
    // Shares 80 + 30 = 110 %, 80 + 19.99 = 99.99 %.
    assert_eq!(
        allocate(c(1000), prepaid, &two("80", "30", None), 30),
        Err(BillingError::Shares)
    );
    assert_eq!(
        allocate(c(1000), prepaid, &two("80", "19.99", None), 30),
        Err(BillingError::Shares)
    );
    assert_eq!(
        allocate(
            c(1000),
            prepaid,
            &Tenant {
                other_use: Decimal::ZERO,
                environments: vec![]
            },
            30
        ),
        Err(BillingError::Shares)
    );
    // 50,001 allocated out of 50,000; exactly 50,000 is fine and leaves an empty pool.
    assert_eq!(
        allocate(c(1000), prepaid, &two("80", "20", Some("50001")), 30),
        Err(BillingError::OverAllocated)
    );
    let a = allocate(c(1000), prepaid, &two("80", "20", Some("50000")), 30).unwrap();
    assert_eq!(a.pool, Credits::ZERO);
    // Production (800 credits) has nothing: short from day 1.
    assert_eq!(a.consumers[0].capacity, Credits::ZERO);
    assert_eq!(a.consumers[0].runs_out_day, Some(1));
    assert_eq!(a.first_short, Some(0));
    // Negative figures, too many environments.
    let mut t = two("80", "20", None);
    t.other_use = d("-1");
    assert_eq!(
        allocate(c(1000), prepaid, &t, 30),
        Err(BillingError::Negative)
    );
    let many = Tenant {
        other_use: Decimal::ZERO,
        environments: (0..21).map(|i| env(&format!("E{i}"), "5", None)).collect(),
    };
    assert_eq!(
        allocate(c(1000), prepaid, &many, 30),
        Err(BillingError::TooMany)
    );
}

fn policy(name: &str, scope: Scope) -> BillingPolicy {
    BillingPolicy {
        name: name.into(),
        subscription: "sub-1".into(),
        resource_group: "rg-copilot".into(),
        region: "westeurope".into(),
        scope,
    }
}

fn group(n: u32) -> Scope {
    Scope::Group { users: n }
}

golden_row! {
    /// One set-up's part of the month's pay-as-you-go, as [`PolicyShare`] has it; `policy: None`
    /// is the Power Platform set-up.
    struct ShareRow {
        policy: Option<usize>,
        users: u32,
        credits: Credits,
        cost: Decimal,
    }
}

/// Every share of the split, in order.
fn shares(s: &[PolicyShare]) -> Vec<ShareRow> {
    s.iter()
        .map(|x| ShareRow {
            policy: x.policy,
            users: x.users,
            credits: x.credits,
            cost: x.cost,
        })
        .collect()
}

fn setup(power_platform: bool, policies: Vec<BillingPolicy>, users: u32) -> PaygSetup {
    PaygSetup {
        power_platform,
        policies,
        users,
    }
}

/// Shares add up exactly to the whole.
fn assert_whole(s: &agent_credits::capacity::PaygSplit, credits: Credits, cost: Decimal) {
    let sc: Decimal = s.shares.iter().map(|x| x.credits.amount()).sum();
    let sm: Decimal = s.shares.iter().map(|x| x.cost).sum();
    assert_eq!((sc, sm), (credits.amount(), cost));
}

/// `v` in units of 10^-28, exactly: sums of these never round, unlike sums of decimals.
fn exact_units(v: Decimal) -> i128 {
    v.mantissa() * 10i128.pow(28 - v.scale())
}

/// The exact sum of `vs` in units of 10^-28.
fn exact_sum(vs: impl IntoIterator<Item = Decimal>) -> i128 {
    vs.into_iter().map(exact_units).sum()
}

#[test]
fn golden_payg_split() {
    // A group policy of 30 users and an all-users policy, 100 users: 30 % and 70 % of 10,000
    // credits (100 USD).
    let s = split(
        c(10_000),
        d("100"),
        &setup(
            false,
            vec![
                policy("Finance", group(30)),
                policy("Everyone", Scope::AllUsers),
            ],
            100,
        ),
    )
    .unwrap();
    assert_rows(
        "a group of 30 and all users",
        &shares(&s.shares),
        &[
            ShareRow {
                policy: Some(0),
                users: 30,
                credits: credits_of("3000"),
                cost: d("30"),
            },
            ShareRow {
                policy: Some(1),
                users: 70,
                credits: credits_of("7000"),
                cost: d("70"),
            },
        ],
    );
    assert_eq!((s.uncovered_users, s.both), (0, false));
    assert_whole(&s, c(10_000), d("100"));

    // The all-users policy listed first still takes only who the groups leave.
    let s = split(
        c(10_000),
        d("100"),
        &setup(
            false,
            vec![
                policy("Everyone", Scope::AllUsers),
                policy("Finance", group(30)),
            ],
            100,
        ),
    )
    .unwrap();
    assert_rows(
        "all users listed first",
        &shares(&s.shares),
        &[
            ShareRow {
                policy: Some(0),
                users: 70,
                credits: credits_of("7000"),
                cost: d("70"),
            },
            ShareRow {
                policy: Some(1),
                users: 30,
                credits: credits_of("3000"),
                cost: d("30"),
            },
        ],
    );

    // Power Platform only (the default), the default estimate: one share with everything.
    let (total, cost) = (c(DEFAULT_TOTAL), default_payg_cost());
    let s = split(total, cost, &PaygSetup::default()).unwrap();
    assert_rows(
        "the default set-up",
        &shares(&s.shares),
        &[ShareRow {
            policy: None,
            users: 100,
            credits: total,
            cost,
        }],
    );
    assert_eq!((s.uncovered_users, s.both), (0, false));

    // Both: a Microsoft 365 group of 30 and the Power Platform set-up for the other 70. The
    // default estimate, 6,380 × 30 % = 1,914 credits (19.14 USD); the rest, 6,380 × 70 % = 4,466
    // (44.66 USD), once, not twice.
    let s = split(
        total,
        cost,
        &setup(true, vec![policy("Finance", group(30))], 100),
    )
    .unwrap();
    assert_rows(
        "a group of 30 and Power Platform",
        &shares(&s.shares),
        &[
            ShareRow {
                policy: Some(0),
                users: 30,
                credits: c(DEFAULT_TOTAL * 30 / 100),
                cost: cost * d("0.30"),
            },
            ShareRow {
                policy: None,
                users: 70,
                credits: c(DEFAULT_TOTAL * 70 / 100),
                cost: cost * d("0.70"),
            },
        ],
    );
    assert!(s.both);
    assert_eq!(s.uncovered_users, 0);
    assert_whole(&s, total, cost);

    // Both, with an all-users policy: Microsoft 365 takes everyone; Power Platform bills nothing.
    let s = split(
        total,
        cost,
        &setup(true, vec![policy("Everyone", Scope::AllUsers)], 100),
    )
    .unwrap();
    assert_rows(
        "all users and Power Platform",
        &shares(&s.shares),
        &[ShareRow {
            policy: Some(0),
            users: 100,
            credits: total,
            cost,
        }],
    );
    assert!(s.both);

    // Groups are capped by the users left: 80 and 50 of 100 become 80 and 20.
    let s = split(
        c(1000),
        d("10"),
        &setup(
            false,
            vec![policy("A", group(80)), policy("B", group(50))],
            100,
        ),
    )
    .unwrap();
    assert_rows(
        "groups of 80 and 50 of 100 users",
        &shares(&s.shares),
        &[
            ShareRow {
                policy: Some(0),
                users: 80,
                credits: credits_of("800"),
                cost: d("8"),
            },
            ShareRow {
                policy: Some(1),
                users: 20,
                credits: credits_of("200"),
                cost: d("2"),
            },
        ],
    );
}

#[test]
fn uncovered_users_are_not_billed() {
    // Only a group of 30 of 100 users: it bills its 30 %, 70 users are uncovered.
    let s = split(
        c(10_000),
        d("100"),
        &setup(false, vec![policy("Finance", group(30))], 100),
    )
    .unwrap();
    assert_rows(
        "only a group of 30 of 100 users",
        &shares(&s.shares),
        &[ShareRow {
            policy: Some(0),
            users: 30,
            credits: credits_of("3000"),
            cost: d("30"),
        }],
    );
    assert_eq!((s.uncovered_users, s.both), (70, false));

    // Nothing set up: no share, everyone uncovered.
    let s = split(c(10_000), d("100"), &setup(false, vec![], 100)).unwrap();
    assert!(s.shares.is_empty());
    assert_eq!(s.uncovered_users, 100);

    let many = (0..21)
        .map(|i| policy(&format!("P{i}"), group(1)))
        .collect();
    assert_eq!(
        split(c(1), d("0.01"), &setup(false, many, 100)),
        Err(BillingError::TooMany)
    );
}

#[test]
fn the_last_share_takes_the_remainder() {
    // 3 groups of 1 user over 100 credits (1 USD): 100 / 3 = 33.333333333333 (kept to 12
    // decimals) twice, then 100 - 66.666666666666 = 33.333333333334; cost 0.333333333333 twice
    // and 1 - 0.666666666666 = 0.333333333334.
    let s = split(
        c(100),
        d("1"),
        &setup(
            false,
            vec![
                policy("A", group(1)),
                policy("B", group(1)),
                policy("C", group(1)),
            ],
            3,
        ),
    )
    .unwrap();
    assert_rows(
        "three groups of one",
        &shares(&s.shares),
        &[
            ShareRow {
                policy: Some(0),
                users: 1,
                credits: credits_of("33.333333333333"),
                cost: d("0.333333333333"),
            },
            ShareRow {
                policy: Some(1),
                users: 1,
                credits: credits_of("33.333333333333"),
                cost: d("0.333333333333"),
            },
            ShareRow {
                policy: Some(2),
                users: 1,
                credits: credits_of("33.333333333334"),
                cost: d("0.333333333334"),
            },
        ],
    );
    assert_whole(&s, c(100), d("1"));
}

fn step_ids(b: &Billing) -> Vec<&'static str> {
    setup_steps(b).iter().map(|s| s.id).collect()
}

#[test]
fn golden_setup_steps() {
    // Default: pay-as-you-go on the Power Platform environment, nothing bought.
    assert_eq!(
        step_ids(&Billing::default()),
        ["payg-power-platform", "link-environment"]
    );

    // 2 packs, no pay-as-you-go: buy and watch the 125 % threshold; Business Central uses the
    // tenant's capacity without linking environments unless capacity is allocated.
    let b = billing(settings(2, false, None, 125));
    assert_eq!(step_ids(&b), ["buy-packs", "watch-capacity"]);
    let steps = setup_steps(&b);
    assert_eq!(steps[0].title, "Buy 2 Copilot Credit capacity packs");
    assert_eq!(
        steps[1].title,
        "Watch consumption: without pay-as-you-go, agents stop at 125 % of capacity"
    );
    let mut b = billing(settings(1, false, None, 100));
    b.settings.enforcement = d("100.50");
    let steps = setup_steps(&b);
    assert_eq!(steps[0].title, "Buy 1 Copilot Credit capacity pack");
    assert_eq!(
        steps[1].title,
        "Watch consumption: without pay-as-you-go, agents stop at 100.5 % of capacity"
    );

    // An allocation adds its step after buying packs.
    let mut b = billing(settings(1, true, None, 125));
    b.tenant.environments = vec![
        env("Production", "80", None),
        env("Sandbox", "20", Some("1000")),
    ];
    assert_eq!(
        step_ids(&b),
        [
            "buy-packs",
            "allocate-capacity",
            "payg-power-platform",
            "link-environment"
        ]
    );

    // A Microsoft 365 policy only.
    let b = Billing {
        payg_setup: setup(false, vec![policy("Finance", group(30))], 100),
        ..Billing::default()
    };
    assert_eq!(step_ids(&b), ["m365-billing-policy"]);
    let step = &setup_steps(&b)[0];
    assert_eq!(step.title, "Add the billing policy “Finance”");
    assert!(
        step.detail.contains(
            "Subscription “sub-1”, resource group “rg-copilot”, region “westeurope”, scope: a security group of 30 users."
        ),
        "{}",
        step.detail
    );

    // Both set-ups, one all-users policy, and a budget.
    let mut b = billing(settings(0, true, Some("50"), 125));
    b.payg_setup = setup(true, vec![policy("Everyone", Scope::AllUsers)], 100);
    assert_eq!(
        step_ids(&b),
        [
            "payg-power-platform",
            "link-environment",
            "m365-billing-policy",
            "billed-once",
            "azure-budget"
        ]
    );
    let steps = setup_steps(&b);
    assert!(
        steps[2].detail.contains("scope: all users."),
        "{}",
        steps[2].detail
    );
    assert_eq!(steps[4].title, "Set an Azure budget of 50.00 USD a month");

    // Without pay-as-you-go, policies and a budget have nothing to set up.
    let mut b = billing(settings(0, false, Some("50"), 125));
    b.payg_setup = setup(true, vec![policy("Finance", group(30))], 100);
    assert_eq!(step_ids(&b), ["watch-capacity"]);
}

#[test]
fn golden_report() {
    // The doc example: the default estimate (6,380 credits), default billing (pay-as-you-go
    // only at list prices), 63.80 USD.
    let (total, cost) = (c(DEFAULT_TOTAL), default_payg_cost());
    let r = report(total, &Billing::default()).unwrap();
    assert_eq!(r.bill.payg_cost.to_string(), cost.to_string());
    assert_eq!(r.bill.total_cost, cost);
    assert_eq!(r.recommendation.packs, 0);
    // 12 flat months: 12 × 63.80 = 765.60; the tier doesn't pay off (see above).
    let year = cost * Decimal::from(12);
    assert_eq!(r.year.payg_only.to_string(), year.to_string());
    assert_eq!(r.year.mix, year);
    assert_eq!(r.year.yours, year);
    // Prepaid only: 1 pack a month, 2,400 a year.
    assert_eq!(r.year.prepaid_only, d("2400"));
    assert_eq!(r.year.best_tier, None);
    // No prepaid capacity: Production draws on an empty pool, short from day 1 (pay-as-you-go
    // serves it).
    let a = r.allocation.as_ref().unwrap();
    assert_rows(
        "the default estimate's allocation",
        &consumers(a),
        &[ConsumerRow {
            name: Some("Production".into()),
            demand: total,
            capacity: c(0),
            allocated: false,
            short: total,
            spare: c(0),
            runs_out_day: Some(1),
        }],
    );
    assert_rows(
        "the default estimate's split",
        &shares(&r.payg_split.shares),
        &[ShareRow {
            policy: None,
            users: 100,
            credits: total,
            cost,
        }],
    );
    assert_eq!(
        r.steps.iter().map(|s| s.id).collect::<Vec<_>>(),
        ["payg-power-platform", "link-environment"]
    );

    // Shares not adding up fail the allocation only; the rest of the report stands.
    let mut b = Billing::default();
    b.tenant.environments[0].share = d("90");
    let r = report(total, &b).unwrap();
    assert_eq!(r.allocation, Err(BillingError::Shares));
    assert_eq!(r.bill.total_cost, cost);

    // Bad prices fail the whole report.
    let mut b = Billing::default();
    b.prices.currency = "usd".into();
    assert!(matches!(report(total, &b), Err(BillingError::Prices(_))));
    assert!(matches!(b.validate(), Err(BillingError::Prices(_))));
    assert_eq!(Billing::default().validate(), Ok(()));
}

/// Shares are kept to 12 decimals, so the remainder `payg - c0 - c1` is exact and the shares add
/// up to the whole to the last digit even for awkward figures (a regression test: with shares of
/// 28 significant digits the remainder was itself rounded, 5 × 10^-23 off).
#[test]
fn split_remainder_is_exact_at_full_precision() {
    let s = setup(
        false,
        vec![
            policy("A", group(54)),
            policy("Everyone", Scope::AllUsers),
            policy("B", group(39)),
        ],
        742,
    );
    let payg = d("6320394.95");
    let cost = d("63203.9495");
    let sp = split(Credits::new(payg), cost, &s).unwrap();
    assert_eq!(sp.uncovered_users, 0);
    assert_eq!(
        exact_sum(sp.shares.iter().map(|x| x.credits.amount())),
        exact_units(payg)
    );
    assert_eq!(
        exact_sum(sp.shares.iter().map(|x| x.cost)),
        exact_units(cost)
    );
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use agent_credits::capacity::Year;
    use proptest::prelude::*;
    use support::strategies::{
        credits, growth, payg_setup, rough_billing, settings, tenant_in_tenths, unallocated,
    };

    fn totals(y: &Year) -> [Decimal; 4] {
        [y.prepaid_only, y.payg_only, y.mix, y.yours]
    }

    proptest! {
        /// `Billing::validate` spells out the checks instead of running the report (so reading a
        /// link needs less code): it must accept exactly what the report accepts.
        #[test]
        fn validate_agrees_with_the_report(b in rough_billing()) {
            prop_assert_eq!(b.validate().is_ok(), report(Credits::ZERO, &b).is_ok(), "{:?}", b.settings);
        }

        #[test]
        fn parts_add_up(demand in credits(), s in settings()) {
            let b = bill(demand, &s, &LIST_PRICES_USD).unwrap();
            let parts = Credits::checked_sum([b.prepaid_used, b.payg, b.overage, b.unserved]).unwrap();
            prop_assert_eq!(parts, b.demand);
            prop_assert_eq!(b.demand, demand);
            for part in [b.prepaid_used, b.payg, b.overage, b.unserved] {
                prop_assert!(part >= Credits::ZERO);
            }
            prop_assert!(b.prepaid_used <= b.prepaid);
            prop_assert_eq!(b.prepaid, c(s.packs as i64 * 25_000));
            prop_assert_eq!(b.prepaid_cost, Decimal::from(s.packs * 200));
            prop_assert_eq!(b.payg_cost, b.payg.amount() * d("0.01"));
            if let Some(budget) = s.budget.filter(|_| s.payg) {
                prop_assert!(b.payg_cost <= budget);
            }
            if s.payg { prop_assert_eq!(b.overage, Credits::ZERO); } else { prop_assert_eq!(b.payg, Credits::ZERO); }
            // Grace overage is at most (enforcement - 100 %) of prepaid capacity: none at exactly
            // 100 % ("stop at capacity").
            prop_assert!(
                b.overage.amount() * Decimal::ONE_HUNDRED
                    <= b.prepaid.amount() * (s.enforcement - Decimal::ONE_HUNDRED)
            );
            prop_assert_eq!(b.total_cost, b.prepaid_cost + b.payg_cost);
            prop_assert!(b.stop_day.is_none_or(|d| (1..=s.days).contains(&d)));
            prop_assert_eq!(b.stop_day.is_some(), b.unserved > Credits::ZERO);
        }

        #[test]
        fn cost_never_falls_as_volume_rises(demand in 0i64..10_000_000, more in 1i64..100_000, s in settings()) {
            let lo = bill(c(demand), &s, &LIST_PRICES_USD).unwrap();
            let hi = bill(c(demand + more), &s, &LIST_PRICES_USD).unwrap();
            prop_assert!(hi.total_cost >= lo.total_cost);
            prop_assert!(hi.unserved >= lo.unserved);
            let rlo = recommend(c(demand), &LIST_PRICES_USD).unwrap();
            let rhi = recommend(c(demand + more), &LIST_PRICES_USD).unwrap();
            prop_assert!(rhi.cost >= rlo.cost);
        }

        #[test]
        fn split_shares_add_up(payg in credits(), s in payg_setup()) {
            let cost = payg.amount() * d("0.01");
            let sp = split(payg, cost, &s).unwrap();
            let users: u32 = sp.shares.iter().map(|x| x.users).sum();
            prop_assert_eq!(users + sp.uncovered_users, s.users);
            prop_assert!(sp.shares.iter().all(|x| x.users > 0 || s.users == 0));
            // Shares and the uncovered rest are the whole, exactly.
            let all = exact_sum(sp.shares.iter().map(|x| x.credits.amount())) + exact_units(sp.uncovered.amount());
            prop_assert_eq!(all, exact_units(payg.amount()));
            prop_assert_eq!(sp.both, s.power_platform && !s.policies.is_empty());
            if s.users == 0 {
                // No user count to split by: the whole goes to the one set-up that covers
                // everyone, or is uncovered; never split, never lost.
                let covers_everyone = s.power_platform
                    || s.policies.iter().any(|p| p.scope == Scope::AllUsers);
                prop_assert_eq!(sp.shares.len(), usize::from(covers_everyone));
                prop_assert_eq!(sp.uncovered, if covers_everyone { Credits::ZERO } else { payg });
            } else if sp.uncovered_users == 0 {
                let credits = exact_sum(sp.shares.iter().map(|x| x.credits.amount()));
                let money = exact_sum(sp.shares.iter().map(|x| x.cost));
                prop_assert_eq!(credits, exact_units(payg.amount()));
                prop_assert_eq!(money, exact_units(cost));
                prop_assert_eq!(sp.uncovered, Credits::ZERO);
            }
            for x in &sp.shares {
                prop_assert!(x.credits >= Credits::ZERO && x.credits <= payg);
                prop_assert!(x.cost >= Decimal::ZERO && x.cost <= cost);
            }
        }

        #[test]
        fn split_shares_add_up_exactly(k in 0i64..=100_000, s in payg_setup()) {
            // payg × n / users = k × n / 100: every share is exact, so the sum must be too.
            let payg = Decimal::new(k * i64::from(s.users), 2);
            let cost = payg * d("0.01");
            let sp = split(Credits::new(payg), cost, &s).unwrap();
            if sp.uncovered_users == 0 {
                let credits: Decimal = sp.shares.iter().map(|x| x.credits.amount()).sum();
                let money: Decimal = sp.shares.iter().map(|x| x.cost).sum();
                prop_assert_eq!(credits, payg);
                prop_assert_eq!(money, cost);
                prop_assert_eq!(exact_sum(sp.shares.iter().map(|x| x.credits.amount())), exact_units(payg));
                for x in &sp.shares {
                    prop_assert_eq!(x.credits.amount(), Decimal::new(k * i64::from(x.users), 2));
                }
            } else {
                // Uncovered users' usage is billed to nobody: shares are each user's part.
                for x in &sp.shares {
                    prop_assert_eq!(x.credits.amount(), Decimal::new(k * i64::from(x.users), 2));
                }
            }
        }

        #[test]
        fn year_totals_never_fall_as_demand_rises(
            first in credits(),
            more in 1i64..10_000_000,
            g in growth(),
            s in settings(),
        ) {
            let p = &*LIST_PRICES_USD;
            let lo = year(first, g, &s, p).unwrap();
            let hi = year(Credits::new(first.amount() + Decimal::new(more, 2)), g, &s, p).unwrap();
            for (name, (l, h)) in ["prepaid only", "payg only", "mix", "yours"]
                .iter()
                .zip(totals(&lo).into_iter().zip(totals(&hi)))
            {
                prop_assert!(h >= l, "{}: {} -> {}", name, l, h);
            }
            prop_assert!(hi.yours_unserved >= lo.yours_unserved);
            for (l, h) in lo.tiers.iter().zip(&hi.tiers) {
                prop_assert!(h.cost >= l.cost);
            }
            // Totals are the sums of the months, for every strategy.
            let months = |y: &Year, f: fn(&agent_credits::capacity::Month) -> Decimal| -> Decimal {
                y.months.iter().map(f).sum()
            };
            prop_assert_eq!(
                totals(&hi),
                [
                    months(&hi, |m| m.prepaid_only.cost),
                    months(&hi, |m| m.payg_only.cost),
                    months(&hi, |m| m.mix.cost),
                    months(&hi, |m| m.yours.cost),
                ]
            );
            // The cheapest way of paying with pay-as-you-go on is never beaten by pay-as-you-go
            // alone, nor by enough packs alone.
            prop_assert!(hi.mix <= hi.payg_only && hi.mix <= hi.prepaid_only);
        }

        #[test]
        fn year_months_match_the_month_functions(first in credits(), g in growth(), s in settings()) {
            let p = &*LIST_PRICES_USD;
            let y = year(first, g, &s, p).unwrap();
            prop_assert_eq!(y.months.len(), 12);
            for m in &y.months {
                prop_assert_eq!(m.demand, demand_in(first, g, m.month).unwrap());
                let dm = m.demand.amount();
                prop_assert_eq!(Decimal::from(m.prepaid_only.packs), (dm / d("25000")).ceil());
                prop_assert_eq!(m.prepaid_only.cost, Decimal::from(m.prepaid_only.packs * 200));
                prop_assert_eq!(m.payg_only.cost, dm * d("0.01"));
                let r = recommend(m.demand, p).unwrap();
                prop_assert_eq!((m.mix.packs, m.mix.cost), (r.packs, r.cost));
                let b = bill(m.demand, &s, p).unwrap();
                prop_assert_eq!((m.yours.packs, m.yours.cost, m.yours.unserved), (s.packs, b.total_cost, b.unserved));
            }
            // Demand never falls month to month.
            prop_assert!(y.months.windows(2).all(|w| w[1].demand >= w[0].demand));
            let unserved: Decimal = y.months.iter().map(|m| m.yours.unserved.amount()).sum();
            prop_assert_eq!(y.yours_unserved.amount(), unserved);
            // Each tier's units pay for retail usage until they run out, exactly.
            let retail: Decimal = y.payg_only;
            for t in &y.tiers {
                prop_assert_eq!(t.drawn + t.payg_after, retail, "{:?}", t);
                prop_assert_eq!(t.drawn + t.unused, t.tier.units, "{:?}", t);
                prop_assert!(t.drawn >= Decimal::ZERO && t.unused >= Decimal::ZERO && t.payg_after >= Decimal::ZERO);
                prop_assert!(t.unused.is_zero() || t.payg_after.is_zero(), "{:?}", t);
                prop_assert_eq!(t.cost, t.tier.price + t.payg_after);
            }
            prop_assert_eq!(y.best_tier.is_some(), y.tiers[0].cost < y.payg_only);
        }

        #[test]
        fn allocation_accounts_for_every_credit(
            demand in credits(),
            tenant in tenant_in_tenths(),
            extra in unallocated(),
            days in 28u32..=31,
        ) {
            let allocated: Decimal = tenant
                .environments
                .iter()
                .filter_map(|e| e.allocated)
                .sum();
            let prepaid = Credits::new(allocated + extra);
            let a = allocate(demand, prepaid, &tenant, days).unwrap();
            prop_assert_eq!(a.pool.amount(), extra);
            let total: Decimal = a.consumers.iter().map(|x| x.demand.amount()).sum();
            prop_assert_eq!(total, demand.amount() + tenant.other_use);
            let expected_rows = tenant.environments.len() + usize::from(!tenant.other_use.is_zero());
            prop_assert_eq!(a.consumers.len(), expected_rows);
            for x in &a.consumers {
                prop_assert_eq!(
                    x.capacity.amount() + x.short.amount() - x.spare.amount(),
                    x.demand.amount(),
                    "{:?}", x
                );
                prop_assert!(x.short >= Credits::ZERO && x.spare >= Credits::ZERO);
                prop_assert!(x.short == Credits::ZERO || x.spare == Credits::ZERO);
                prop_assert_eq!(x.runs_out_day.is_some(), x.short > Credits::ZERO);
                prop_assert!(x.runs_out_day.is_none_or(|d| (1..=days).contains(&d)));
            }
            let spare: Decimal = a.consumers.iter().map(|x| x.spare.amount()).sum();
            let expected_stranded = if a.first_short.is_some() { spare } else { Decimal::ZERO };
            prop_assert_eq!(a.stranded.amount(), expected_stranded);

            // Allocating a credit more than the tenant has is refused.
            if allocated > Decimal::ZERO {
                let less = Credits::new(allocated - Decimal::new(1, 1));
                prop_assert_eq!(allocate(demand, less, &tenant, days), Err(BillingError::OverAllocated));
            }
        }
    }
}

/// With no user count to split by, the whole goes to the set-up covering everyone, or is
/// reported as uncovered: never lost (a regression test: it used to vanish).
#[test]
fn split_with_no_users_bills_everything_once() {
    let sp = split(c(100), d("1"), &setup(true, vec![], 0)).unwrap();
    assert_rows(
        "Power Platform, no users",
        &shares(&sp.shares),
        &[ShareRow {
            policy: None,
            users: 0,
            credits: credits_of("100"),
            cost: d("1"),
        }],
    );
    assert_eq!(sp.uncovered, Credits::ZERO);

    let s = setup(true, vec![policy("Everyone", Scope::AllUsers)], 0);
    let sp = split(c(100), d("1"), &s).unwrap();
    assert_rows(
        "all users, no users",
        &shares(&sp.shares),
        &[ShareRow {
            policy: Some(0),
            users: 0,
            credits: credits_of("100"),
            cost: d("1"),
        }],
    );

    let sp = split(
        c(100),
        d("1"),
        &setup(false, vec![policy("G", group(5))], 0),
    )
    .unwrap();
    assert!(sp.shares.is_empty());
    assert_eq!(sp.uncovered, c(100));
}

/// The largest forecast the inputs allow, billed at the largest settings, a year at 100 % growth
/// a month: every figure still computes exactly, nothing overflows.
#[test]
fn the_largest_plan_computes() {
    use agent_credits::rating::{card, estimate, template::MAX_RUNS_PER_MONTH, Workload};
    let mut w = Workload::default();
    for agent in ["sales_order", "payables"] {
        let t = agent_credits::rating::template::template(agent).unwrap();
        for input in t.inputs {
            let max = match input.kind {
                agent_credits::rating::InputKind::Count { max } => Decimal::from(max),
                _ => Decimal::ONE_HUNDRED,
            };
            w.set(agent, input.key, max).unwrap();
        }
    }
    let e = estimate(card::current(), &w).unwrap();
    assert!(e.credits_per_month.amount() > Decimal::from(MAX_RUNS_PER_MONTH));
    let mut b = Billing::default();
    b.settings.packs = agent_credits::capacity::inputs::MAX_PACKS;
    b.growth = Decimal::ONE_HUNDRED;
    let r = report(e.credits_per_month, &b).unwrap();
    let last = &r.year.months[11];
    assert_eq!(
        last.demand.amount(),
        e.credits_per_month.amount() * Decimal::from(2048)
    );
    assert!(r.year.payg_only > Decimal::ZERO);
}
