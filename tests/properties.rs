//! Property tests: invariants of the rating core and the link and storage formats.
#![cfg(not(target_arch = "wasm32"))]

use agent_credits::capacity::{
    BillingPolicy, BillingSettings, Environment, PaygSetup, PrepurchaseTier, Prices, Scope, Tenant,
    LIST_PRICES_USD,
};
use agent_credits::plan::Plan;
use agent_credits::rating::template::{MAX_PER_RUN, MAX_RUNS_PER_MONTH};
use agent_credits::rating::{
    card, custom, estimate, AgentWorkload, Credits, CustomAgent, CustomStep, EventScenario,
    InputKind, Workload, TEMPLATES,
};
use agent_credits::{saved, share};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// A value within an input's documented limits.
fn value_for(kind: InputKind) -> BoxedStrategy<Decimal> {
    match kind {
        InputKind::Count { max } => (0..=max).prop_map(Decimal::from).boxed(),
        InputKind::Percent => (0u32..=1_000_000)
            .prop_map(|basis| Decimal::new(i64::from(basis), 4))
            .boxed(),
        InputKind::Amount { min, max, places } => (min..=max, 0u64..10u64.pow(places))
            .prop_map(move |(whole, frac)| {
                let v = Decimal::from(whole) + Decimal::new(frac as i64, places);
                v.min(Decimal::from(max))
            })
            .boxed(),
    }
}

/// Any valid agent of any template.
fn agent() -> impl Strategy<Value = AgentWorkload> {
    (0..TEMPLATES.len()).prop_flat_map(|i| {
        let t = TEMPLATES[i];
        let values: Vec<_> = t.inputs.iter().map(|input| value_for(input.kind)).collect();
        values.prop_map(move |vals| {
            let mut a = AgentWorkload::new(t);
            for (input, v) in t.inputs.iter().zip(vals) {
                a.values.insert(input.key.into(), v);
            }
            a
        })
    })
}

/// Any valid workload: each template at most once, in template order.
fn workload() -> impl Strategy<Value = Workload> {
    proptest::collection::vec(agent(), 0..=TEMPLATES.len()).prop_map(|agents| {
        let mut w = Workload::empty();
        for a in agents {
            if !w.includes(&a.template) {
                w.include(&a.template).unwrap();
                let slot = w
                    .agents
                    .iter_mut()
                    .find(|x| x.template == a.template)
                    .unwrap();
                *slot = a;
            }
        }
        w
    })
}

/// A decimal from `min` to `max` with up to `places` decimals.
fn decimal(min: u64, max: u64, places: u32) -> BoxedStrategy<Decimal> {
    value_for(InputKind::Amount { min, max, places })
}

/// Billing settings within the page's limits.
fn billing_settings() -> impl Strategy<Value = (BillingSettings, Decimal)> {
    (
        0u64..=1000,
        any::<bool>(),
        proptest::option::of(decimal(0, 100_000, 2)),
        decimal(100, 1000, 2),
        value_for(InputKind::Percent),
        28u32..=31,
    )
        .prop_map(|(packs, payg, budget, enforcement, growth, days)| {
            (
                BillingSettings {
                    packs,
                    payg,
                    budget,
                    enforcement,
                    days,
                },
                growth,
            )
        })
}

/// A plan whose every billing setting has a link key: prices, tenant and pay-as-you-go set-up
/// stay at their defaults (links don't carry them), days stay 30.
fn linkable_plan() -> impl Strategy<Value = Plan> {
    (workload(), billing_settings()).prop_map(|(w, (settings, growth))| {
        let mut plan = Plan::of(w);
        plan.billing.settings = BillingSettings {
            days: 30,
            ..settings
        };
        plan.billing.growth = growth;
        plan
    })
}

/// Valid prices: a three-letter currency, whole pack credits, up to 20 tiers.
fn prices() -> impl Strategy<Value = Prices> {
    (
        "[A-Z]{3}",
        1u64..=1_000_000,
        decimal(0, 100_000, 6),
        decimal(0, 100, 6),
        proptest::collection::vec((decimal(1, 1_000_000, 6), decimal(0, 1_000_000, 6)), 0..=3),
        ".{0,20}",
        "[0-9-]{0,10}",
    )
        .prop_map(
            |(currency, pack_credits, pack_price, payg_per_credit, tiers, source, checked)| {
                Prices {
                    currency,
                    pack_credits: Decimal::from(pack_credits),
                    pack_price,
                    payg_per_credit,
                    prepurchase: tiers
                        .into_iter()
                        .map(|(units, price)| PrepurchaseTier { units, price })
                        .collect(),
                    source,
                    checked,
                }
            },
        )
}

/// Environments whose shares add up to 100 % (four decimals), each maybe with an allocation.
fn tenant() -> impl Strategy<Value = Tenant> {
    (
        proptest::collection::vec(
            (
                0u32..=1_000_000,
                ".{0,12}",
                proptest::option::of(0u32..=10_000),
            ),
            1..=4,
        ),
        0u32..=100_000,
    )
        .prop_map(|(mut envs, other_use)| {
            // Cut points on 0..=100 % in basis points of a ten-thousandth percent.
            let mut cuts: Vec<u32> = envs.iter().skip(1).map(|e| e.0).collect();
            cuts.sort_unstable();
            cuts.push(1_000_000);
            let mut from = 0;
            for (e, to) in envs.iter_mut().zip(cuts) {
                e.0 = to - from;
                from = to;
            }
            Tenant {
                other_use: Decimal::from(other_use),
                environments: envs
                    .into_iter()
                    .map(|(share, name, allocated)| Environment {
                        name,
                        share: Decimal::new(i64::from(share), 4),
                        allocated: allocated.map(Decimal::from),
                    })
                    .collect(),
            }
        })
}

/// Power Platform on or off and up to four Microsoft 365 billing policies.
fn payg_setup() -> impl Strategy<Value = PaygSetup> {
    (
        any::<bool>(),
        proptest::collection::vec(
            (
                ".{0,8}",
                "[a-z0-9-]{0,8}",
                proptest::option::of(0u32..=1000),
            ),
            0..=4,
        ),
        0u32..=10_000,
    )
        .prop_map(|(power_platform, policies, users)| PaygSetup {
            power_platform,
            policies: policies
                .into_iter()
                .map(|(name, id, group)| BillingPolicy {
                    name,
                    subscription: id.clone(),
                    resource_group: format!("rg-{id}"),
                    region: "westeurope".into(),
                    scope: group.map_or(Scope::AllUsers, |users| Scope::Group { users }),
                })
                .collect(),
            users,
        })
}

/// A valid custom agent: up to 4 steps on any scenario, averages with decimals.
fn custom_agent() -> impl Strategy<Value = CustomAgent> {
    (
        ".{0,12}",
        0u64..=100_000_000,
        any::<bool>(),
        value_for(InputKind::Percent),
        proptest::collection::vec(
            (
                ".{0,10}",
                0usize..EventScenario::ALL.len(),
                value_for(custom::EVENTS),
                proptest::option::of(value_for(custom::EVENTS)),
                value_for(InputKind::Percent),
            ),
            0..=4,
        ),
    )
        .prop_map(
            |(name, runs, autonomous, licensed_share, steps)| CustomAgent {
                id: 0,
                name,
                runs: Decimal::from(runs),
                autonomous,
                licensed_share,
                steps: steps
                    .into_iter()
                    .map(|(name, scenario, events, items, share)| CustomStep {
                        name,
                        scenario: EventScenario::ALL[scenario],
                        events,
                        items,
                        share,
                    })
                    .collect(),
            },
        )
}

/// Any valid plan: every part of the billing side varied, not only what links carry.
fn any_plan() -> impl Strategy<Value = Plan> {
    (
        (workload(), proptest::collection::vec(custom_agent(), 0..=2)).prop_map(
            |(mut w, custom)| {
                for c in custom {
                    w.add_custom(c).unwrap();
                }
                w
            },
        ),
        billing_settings(),
        prices(),
        tenant(),
        payg_setup(),
    )
        .prop_map(|(w, (settings, growth), prices, tenant, payg_setup)| {
            let mut plan = Plan::of(w);
            plan.billing.settings = settings;
            plan.billing.growth = growth;
            plan.billing.prices = prices;
            plan.billing.tenant = tenant;
            plan.billing.payg_setup = payg_setup;
            plan
        })
}

proptest! {
    #[test]
    fn no_valid_workload_overflows(w in workload()) {
        prop_assert!(estimate(card::current(), &w).is_ok());
    }

    #[test]
    fn totals_add_up(w in workload()) {
        let e = estimate(card::current(), &w).unwrap();
        let agents: Credits = e.agents.iter().map(|a| &a.credits_per_month).sum();
        prop_assert_eq!(e.credits_per_month, agents);
        for a in &e.agents {
            let lines: Credits = a.lines.iter().map(|l| &l.credits_per_run).sum();
            prop_assert_eq!(a.credits_per_run, lines, "{} per run", a.template.id);
            prop_assert_eq!(
                a.credits_per_month.amount(),
                a.credits_per_run.amount() * a.runs_per_month,
                "{} per month", a.template.id
            );
            for l in &a.lines {
                let product: Decimal = l.factors.iter().map(|f| f.multiplier).product();
                prop_assert_eq!(l.count_per_run, product);
            }
        }
    }

    #[test]
    fn costs_never_fall_as_a_volume_rises(a in agent(), which in any::<prop::sample::Index>(), step in 1u64..1000) {
        let t = a.template().unwrap();
        let input = t.inputs[which.index(t.inputs.len())];
        let before = a.values[input.key];
        let raised = match input.kind {
            InputKind::Count { max } => (before + Decimal::from(step)).min(Decimal::from(max)),
            InputKind::Percent => (before + Decimal::new(step as i64, 1)).min(Decimal::ONE_HUNDRED),
            InputKind::Amount { max, .. } => (before + Decimal::from(step)).min(Decimal::from(max)),
        };
        let mut b = a.clone();
        b.values.insert(input.key.into(), raised);
        let card = card::current();
        let lo = agent_credits::rating::estimate_agent(card, &a).unwrap();
        let hi = agent_credits::rating::estimate_agent(card, &b).unwrap();
        prop_assert!(hi.credits_per_run >= lo.credits_per_run, "{}: {before} -> {raised}", input.key);
        prop_assert!(hi.credits_per_month >= lo.credits_per_month, "{}: {before} -> {raised}", input.key);
    }

    #[test]
    fn links_round_trip(w in workload()) {
        let link = share::write(&Plan::of(w.clone()));
        let read = share::read(&link);
        prop_assert!(read.ignored.is_empty(), "{:?}", read.ignored);
        // Even an empty estimate (`agents=none`) comes back as itself, not as the defaults.
        prop_assert_eq!(read.workload, Some(w));
    }

    #[test]
    fn links_round_trip_a_plans_settings(plan in linkable_plan()) {
        let link = share::write(&plan);
        let read = share::read(&link);
        prop_assert!(read.ignored.is_empty(), "{link}: {:?}", read.ignored);
        let expected = plan.clone();
        let got = read.plan();
        prop_assert_eq!(got.as_ref(), Some(&expected), "{}", link);
        // Decimal equality ignores trailing zeros; the link writes the shortest form, so a
        // second round trip gives exactly the same text.
        prop_assert_eq!(share::write(&got.unwrap()), share::write(&expected));
    }

    #[test]
    fn links_round_trip_any_plan(plan in any_plan()) {
        let link = share::write(&plan);
        let read = share::read(&link);
        prop_assert!(read.ignored.is_empty(), "{link}: {:?}", read.ignored);
        // A link carries figures, not where they came from: prices that differ from the list
        // read back as "edited", list figures as the list.
        let mut expected = plan.clone();
        expected.billing.prices.mark_edited(&LIST_PRICES_USD);
        let got = read.plan();
        prop_assert_eq!(got.as_ref(), Some(&expected), "{}", link);
        prop_assert_eq!(share::write(&got.unwrap()), link);
    }

    #[test]
    fn no_valid_plan_overflows(plan in any_plan(), growth in 0u32..=100) {
        // Within every documented limit, the whole report (bill, year at up to 100 % growth a
        // month, allocation, split, steps) computes: no overflow, no error, no panic.
        let mut plan = plan;
        plan.billing.growth = Decimal::from(growth);
        let e = estimate(card::current(), &plan.workload).unwrap();
        let r = agent_credits::capacity::report(e.credits_per_month, &plan.billing);
        prop_assert!(r.is_ok(), "{:?}", r.err());
    }

    #[test]
    fn saved_state_round_trips(w in workload()) {
        let plan = Plan::of(w);
        prop_assert_eq!(saved::decode(&saved::encode(&plan)), Ok(plan));
    }

    #[test]
    fn saved_plans_round_trip(plan in any_plan()) {
        let text = saved::encode(&plan);
        let back = saved::decode(&text);
        prop_assert_eq!(back.as_ref(), Ok(&plan), "{}", text);
        // Nothing is lost in the text: encoding what was read gives the same text.
        prop_assert_eq!(saved::encode(&back.unwrap()), text);
    }

    #[test]
    fn any_text_reads_without_panicking(text in ".{0,200}") {
        let _ = share::read(&text);
        let _ = saved::decode(&text);
        let en = agent_credits::format::NumberFormat::en();
        let count = InputKind::Count { max: MAX_RUNS_PER_MONTH };
        if let Ok(v) = count.parse(&text, &en) {
            prop_assert!(v >= Decimal::ZERO && v <= Decimal::from(MAX_RUNS_PER_MONTH));
        }
        if let Ok(v) = InputKind::Percent.parse(&text, &en) {
            prop_assert!(v >= Decimal::ZERO && v <= Decimal::ONE_HUNDRED);
        }
    }

    #[test]
    fn values_beyond_the_limits_are_refused(extra in 1u64..1_000_000_000) {
        let en = agent_credits::format::NumberFormat::en();
        let runs = InputKind::Count { max: MAX_RUNS_PER_MONTH };
        prop_assert!(runs.parse(&(MAX_RUNS_PER_MONTH + extra).to_string(), &en).is_err());
        let per_run = InputKind::Count { max: MAX_PER_RUN };
        prop_assert!(per_run.parse(&(MAX_PER_RUN + extra).to_string(), &en).is_err());
        prop_assert!(InputKind::Percent.parse(&(100 + extra).to_string(), &en).is_err());
    }
}
