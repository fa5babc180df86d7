//! The property tests' input generators, shared by tests/properties.rs and tests/capacity.rs.
//!
//! A uniform draw from a wide range almost never lands on its ends, yet the ends are where the
//! range checks, caps and thresholds are. So the strategies here draw a limit now and then on
//! purpose ([`with_ends`]), and some draw from the band where a branch changes: a few packs
//! against millions of credits (pay-as-you-go, grace overage and stopping), demand of a few packs
//! (a pre-purchase tier that doesn't pay off), no unallocated capacity at all.
//!
//! Each test crate uses some of these, so every item carries its own `allow(dead_code)`.

use agent_credits::capacity::inputs::{ENFORCEMENT, GROWTH, MAX_PACKS};
use agent_credits::capacity::{
    Billing, BillingPolicy, BillingSettings, Environment, Exchange, PaygSetup, PrepurchaseTier,
    Prices, Scope, Tenant,
};
use agent_credits::plan::Plan;
use agent_credits::rating::template::MAX_RUNS_PER_MONTH;
use agent_credits::rating::{
    custom, AgentWorkload, Bounds, Credits, CustomAgent, CustomStep, EventScenario, InputKind,
    Workload, TEMPLATES,
};
use proptest::prelude::*;
use proptest::sample::select;
use rust_decimal::Decimal;

// -- building blocks --

/// `between` four times in five, else one of `ends`: the limits a uniform draw almost never
/// reaches.
#[allow(dead_code, reason = "each test crate uses only some strategies")]
pub fn with_ends<T, S>(between: S, ends: Vec<T>) -> BoxedStrategy<T>
where
    T: Clone + std::fmt::Debug + 'static,
    S: Strategy<Value = T> + 'static,
{
    prop_oneof![4 => between, 1 => select(ends)].boxed()
}

/// A value within an input's documented limits, the limits themselves one time in five.
#[allow(dead_code, reason = "each test crate uses only some strategies")]
pub fn value_in(kind: InputKind) -> BoxedStrategy<Decimal> {
    let (between, min, max) = match kind {
        InputKind::Count { max } => ((0..=max).prop_map(Decimal::from).boxed(), 0, max),
        InputKind::Percent => (
            (0u32..=1_000_000)
                .prop_map(|basis| Decimal::new(i64::from(basis), 4))
                .boxed(),
            0,
            100,
        ),
        InputKind::Amount { min, max, places } => (
            (min..=max, 0u64..10u64.pow(places))
                .prop_map(move |(whole, frac)| {
                    let v = Decimal::from(whole) + Decimal::new(frac as i64, places);
                    v.min(Decimal::from(max))
                })
                .boxed(),
            min,
            max,
        ),
    };
    with_ends(between, vec![Decimal::from(min), Decimal::from(max)])
}

/// A decimal from `min` to `max` with up to `places` decimals, the ends one time in five.
#[allow(dead_code, reason = "each test crate uses only some strategies")]
pub fn decimal(min: u64, max: u64, places: u32) -> BoxedStrategy<Decimal> {
    value_in(InputKind::Amount { min, max, places })
}

// -- the agents --

/// Any valid agent of any template.
#[allow(dead_code, reason = "each test crate uses only some strategies")]
pub fn agent() -> impl Strategy<Value = AgentWorkload> {
    (0..TEMPLATES.len()).prop_flat_map(|i| {
        let t = TEMPLATES[i];
        let values: Vec<_> = t.inputs.iter().map(|input| value_in(input.kind)).collect();
        values.prop_map(move |vals| {
            let mut a = AgentWorkload::new(t);
            for (input, v) in t.inputs.iter().zip(vals) {
                a.values.insert(input.key.into(), v);
            }
            a
        })
    })
}

/// Any valid workload of reference agents: each template at most once, in template order.
#[allow(dead_code, reason = "each test crate uses only some strategies")]
pub fn workload() -> impl Strategy<Value = Workload> {
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

/// A valid custom agent: up to 4 steps on any scenario, averages with decimals, runs up to the
/// most the page takes.
#[allow(dead_code, reason = "each test crate uses only some strategies")]
pub fn custom_agent() -> impl Strategy<Value = CustomAgent> {
    (
        ".{0,12}",
        value_in(custom::RUNS),
        any::<bool>(),
        value_in(InputKind::Percent),
        proptest::collection::vec(
            (
                ".{0,10}",
                0usize..EventScenario::ALL.len(),
                value_in(custom::EVENTS),
                proptest::option::of(value_in(custom::EVENTS)),
                value_in(custom::SHARE),
            ),
            0..=4,
        ),
        // Harness and usage: the standard harness with default usage half the time.
        prop_oneof![
            Just(None),
            (
                any::<bool>(),
                value_in(custom::TASK_CREDITS),
                value_in(custom::BUILD_CREDITS),
                // A mix of tasks: light and medium shares (heavy the rest), credits of each.
                proptest::option::of((
                    (0i64..=10_000).prop_flat_map(|light| (Just(light), 0..=10_000 - light)),
                    [
                        value_in(custom::TASK_CREDITS),
                        value_in(custom::TASK_CREDITS),
                        value_in(custom::TASK_CREDITS)
                    ],
                )),
            )
                .prop_map(Some),
        ],
    )
        .prop_map(
            |(name, runs, autonomous, licensed_share, steps, usage)| CustomAgent {
                id: 0,
                name,
                runs,
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
                        events_range: Bounds::default(),
                        items_range: Bounds::default(),
                        share_range: Bounds::default(),
                    })
                    .collect(),
                runs_range: Bounds::default(),
                harness: if usage.as_ref().is_some_and(|(github, _, _, _)| *github) {
                    custom::Harness::GithubCopilot
                } else {
                    custom::Harness::Standard
                },
                usage: usage.map_or_else(custom::Usage::default, |(_, task, build, mix)| {
                    custom::Usage {
                        credits_per_task: task,
                        credits_per_task_range: Bounds::default(),
                        build_credits: build,
                        mix: mix.map(|((light, medium), credits)| custom::TaskMix {
                            light: Decimal::new(light, 2),
                            medium: Decimal::new(medium, 2),
                            credits,
                        }),
                    }
                }),
            },
        )
}

// -- credits and billing settings --

/// Credits a month, to the cent, up to 10 million: anywhere in that range half the time, else a
/// few packs' worth (up to 150,000, where a pre-purchase tier stops paying off and a pack or two
/// covers the month) or exactly 0 to 8 packs (prepaid capacity used to the last credit).
#[allow(dead_code, reason = "each test crate uses only some strategies")]
pub fn credits() -> BoxedStrategy<Credits> {
    prop_oneof![
        2 => (0i64..=1_000_000_000).prop_map(|cents| Credits::new(Decimal::new(cents, 2))),
        1 => (0i64..=15_000_000).prop_map(|cents| Credits::new(Decimal::new(cents, 2))),
        1 => (0i64..=8).prop_map(|packs| Credits::new(Decimal::from(packs * 25_000))),
    ]
    .boxed()
}

/// Capacity packs: two times in five a few (0 to 4, so that demand outgrows them and
/// pay-as-you-go, grace overage and stopping come into play), two in five up to 1,000, else none
/// or the most the page takes (1,000,000).
#[allow(dead_code, reason = "each test crate uses only some strategies")]
pub fn packs() -> BoxedStrategy<u64> {
    prop_oneof![
        2 => 0u64..=4,
        2 => 0u64..=1000,
        1 => select(vec![0, MAX_PACKS]),
    ]
    .boxed()
}

/// A pay-as-you-go budget, to the cent, or none (half the time). A budget is up to 100,000.00,
/// but half of them under 1,000.00, so that they cap the pay-as-you-go of millions of credits;
/// exactly 0 (nothing past the packs is served) one time in ten.
#[allow(dead_code, reason = "each test crate uses only some strategies")]
pub fn budget() -> BoxedStrategy<Option<Decimal>> {
    proptest::option::of(prop_oneof![decimal(0, 100_000, 2), decimal(0, 1000, 2)]).boxed()
}

/// The enforcement threshold, 100 % to 1,000 % to the hundredth; one time in five exactly 100 %
/// ("stop at capacity", Business Central's rule), one time in eight 125 % (Microsoft's
/// enforcement since 30 April 2025), one time in thirteen 1,000 %.
#[allow(dead_code, reason = "each test crate uses only some strategies")]
pub fn enforcement() -> BoxedStrategy<Decimal> {
    prop_oneof![
        3 => value_in(ENFORCEMENT),
        1 => select(vec![Decimal::ONE_HUNDRED, Decimal::from(125)]),
    ]
    .boxed()
}

/// Monthly growth, 0 % to 100 % with up to 4 decimals; flat or doubling one time in ten each.
#[allow(dead_code, reason = "each test crate uses only some strategies")]
pub fn growth() -> BoxedStrategy<Decimal> {
    value_in(GROWTH)
}

/// Billing settings within the page's limits.
#[allow(dead_code, reason = "each test crate uses only some strategies")]
pub fn settings() -> impl Strategy<Value = BillingSettings> {
    (packs(), any::<bool>(), budget(), enforcement(), 28u32..=31).prop_map(
        |(packs, payg, budget, enforcement, days)| BillingSettings {
            packs,
            payg,
            budget,
            enforcement,
            days,
        },
    )
}

/// Billing with settings in and out of range (enforcement 50 % to 1,500 %, 25 to 33 days, growth
/// -20 % to 120 %, budgets -1.00 to 1.00 or a valid one), and one time in five each of
/// enforcement and growth exactly at a limit or one step past it; a budget of exactly 0 or -0.01
/// one time in ten.
#[allow(dead_code, reason = "each test crate uses only some strategies")]
pub fn rough_billing() -> impl Strategy<Value = Billing> {
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    (
        settings(),
        with_ends(
            (5_000i64..=150_000).prop_map(|v| Decimal::new(v, 2)),
            vec![d("100"), d("1000"), d("99.99"), d("1000.01")],
        ),
        25u32..=33,
        with_ends(
            (-200_000i64..=1_200_000).prop_map(|v| Decimal::new(v, 4)),
            vec![d("0"), d("100"), d("-0.0001"), d("100.0001")],
        ),
        proptest::option::of(with_ends(
            (-100i64..=100).prop_map(|v| Decimal::new(v, 2)),
            vec![d("0"), d("-0.01")],
        )),
    )
        .prop_map(|(settings, enforcement, days, growth, budget)| Billing {
            settings: BillingSettings {
                enforcement,
                days,
                budget: budget.or(settings.budget),
                ..settings
            },
            growth,
            ..Billing::default()
        })
}

/// Valid prices: a three-letter currency, whole pack credits, up to 3 tiers.
#[allow(dead_code, reason = "each test crate uses only some strategies")]
pub fn prices() -> impl Strategy<Value = Prices> {
    (
        "[A-Z]{3}",
        1u64..=1_000_000,
        decimal(0, 100_000, 6),
        decimal(0, 100, 6),
        proptest::collection::vec((decimal(1, 1_000_000, 6), decimal(0, 1_000_000, 6)), 0..=3),
        ".{0,20}",
        "[0-9-]{0,10}",
        proptest::option::of((
            decimal(1, 1_000_000, 6),
            "(20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8]))?",
        )),
    )
        .prop_map(
            |(
                currency,
                pack_credits,
                pack_price,
                payg_per_credit,
                tiers,
                source,
                checked,
                exchange,
            )| {
                // A rate from USD converts to another currency (the prices' check).
                let currency = if exchange.is_some() && currency == "USD" {
                    "EUR".to_string()
                } else {
                    currency
                };
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
                    exchange: exchange.map(|(rate, date)| Exchange { rate, date }),
                }
            },
        )
}

// -- environments and billing policies --

/// 1 to 5 environments whose shares add up to exactly 100 % (four decimals), each maybe with
/// `allocated` credits, and other services using `other_use`.
#[allow(dead_code, reason = "each test crate uses only some strategies")]
pub fn tenant_of(
    allocated: BoxedStrategy<Decimal>,
    other_use: BoxedStrategy<Decimal>,
) -> impl Strategy<Value = Tenant> {
    (
        proptest::collection::vec(
            (0u32..=1_000_000, ".{0,12}", proptest::option::of(allocated)),
            1..=5,
        ),
        other_use,
    )
        .prop_map(|(mut envs, other_use)| {
            // Cut points on 0..=100 % in ten-thousandths of a percent.
            let mut cuts: Vec<u32> = envs.iter().skip(1).map(|e| e.0).collect();
            cuts.sort_unstable();
            cuts.push(1_000_000);
            let mut from = 0;
            for (e, to) in envs.iter_mut().zip(cuts) {
                e.0 = to - from;
                from = to;
            }
            Tenant {
                other_use,
                environments: envs
                    .into_iter()
                    .map(|(share, name, allocated)| Environment {
                        name,
                        share: Decimal::new(i64::from(share), 4),
                        allocated,
                    })
                    .collect(),
            }
        })
}

/// A tenant as the page takes it: allocations up to 10,000 whole credits, other services up to
/// 100,000, none one time in ten.
#[allow(dead_code, reason = "each test crate uses only some strategies")]
pub fn tenant() -> impl Strategy<Value = Tenant> {
    tenant_of(decimal(0, 10_000, 0), decimal(0, 100_000, 0))
}

/// A tenant with figures in tenths of a credit up to 500,000.0 (the allocation arithmetic takes
/// any decimal); no other services one time in ten.
#[allow(dead_code, reason = "each test crate uses only some strategies")]
pub fn tenant_in_tenths() -> impl Strategy<Value = Tenant> {
    tenant_of(decimal(0, 500_000, 1), decimal(0, 500_000, 1))
}

/// Prepaid credits left unallocated, up to 5,000,000: none (an empty pool) one time in ten.
#[allow(dead_code, reason = "each test crate uses only some strategies")]
pub fn unallocated() -> BoxedStrategy<Decimal> {
    decimal(0, 5_000_000, 0)
}

/// Power Platform on or off, up to 5 Microsoft 365 billing policies (all users, or a group of up
/// to 1,000), and up to 10,000 users (none one time in ten).
#[allow(dead_code, reason = "each test crate uses only some strategies")]
pub fn payg_setup() -> impl Strategy<Value = PaygSetup> {
    (
        any::<bool>(),
        proptest::collection::vec(
            (
                ".{0,8}",
                "[a-z0-9-]{0,8}",
                proptest::option::of(0u32..=1000),
            ),
            0..=5,
        ),
        with_ends(0u32..=10_000, vec![0, 10_000]),
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

// -- plans --

/// A plan whose every billing setting has a link key: prices, tenant and pay-as-you-go set-up
/// stay at their defaults (links don't carry them), days stay 30.
#[allow(dead_code, reason = "each test crate uses only some strategies")]
pub fn linkable_plan() -> impl Strategy<Value = Plan> {
    (workload(), settings(), growth()).prop_map(|(w, settings, growth)| {
        let mut plan = Plan::of(w);
        plan.billing.settings = BillingSettings {
            days: 30,
            ..settings
        };
        plan.billing.growth = growth;
        plan
    })
}

/// Any valid plan: reference and up to 2 custom agents, and every part of the billing side
/// varied, not only what links carry.
#[allow(dead_code, reason = "each test crate uses only some strategies")]
pub fn any_plan() -> impl Strategy<Value = Plan> {
    (
        (workload(), proptest::collection::vec(custom_agent(), 0..=2)).prop_map(
            |(mut w, custom)| {
                for c in custom {
                    w.add_custom(c).unwrap();
                }
                w
            },
        ),
        settings(),
        growth(),
        prices(),
        tenant(),
        payg_setup(),
    )
        .prop_map(|(w, settings, growth, prices, tenant, payg_setup)| {
            let mut plan = Plan::of(w);
            plan.billing.settings = settings;
            plan.billing.growth = growth;
            plan.billing.prices = prices;
            plan.billing.tenant = tenant;
            plan.billing.payg_setup = payg_setup;
            plan
        })
}

// -- text --

/// Text typed into a number field: half the time any text at all, else something that reads as
/// a number (plain, grouped, negative, with decimals, padded) or a value at or just past a limit
/// (runs per month, percent).
#[allow(dead_code, reason = "each test crate uses only some strategies")]
pub fn typed_text() -> BoxedStrategy<String> {
    let limits: Vec<String> = [
        MAX_RUNS_PER_MONTH - 1,
        MAX_RUNS_PER_MONTH,
        MAX_RUNS_PER_MONTH + 1,
    ]
    .iter()
    .flat_map(|n| [n.to_string(), group_thousands(*n)])
    .chain(
        [
            "0", "-0", "0.0000", "99.9999", "100", "100.0000", "100.0001", "-0.0001", "1e3",
        ]
        .map(String::from),
    )
    .collect();
    prop_oneof![
        4 => ".{0,200}",
        1 => "-?[0-9]{1,10}(\\.[0-9]{1,6})?",
        1 => " ?[1-9][0-9]{0,2}(,[0-9]{3}){1,4}(\\.[0-9]{1,5})? ?",
        2 => select(limits),
    ]
    .boxed()
}

/// `100000001` as `100,000,001`.
fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// How far past a limit a value lies: half the time just past it (1 to 10), else anywhere up to
/// a billion.
#[allow(dead_code, reason = "each test crate uses only some strategies")]
pub fn excess() -> BoxedStrategy<u64> {
    prop_oneof![1u64..=10, 1u64..1_000_000_000].boxed()
}

// -- ranges --

/// Any valid plan ([`any_plan`]) with low and high values on some of its inputs: for each input,
/// two more values within its limits, the three sorted, the middle one the expected value and
/// the others its low and/or high value (or neither).
#[allow(dead_code, reason = "each test crate uses only some strategies")]
pub fn ranged_plan() -> impl Strategy<Value = Plan> {
    any_plan().prop_flat_map(|plan| {
        let spreads: Vec<_> = range_kinds(&plan)
            .into_iter()
            .map(|kind| (value_in(kind), value_in(kind), 0u8..4))
            .collect();
        // The cases' weights in the expected cost: none, or a mix with up to two decimals.
        let weights = prop_oneof![
            Just((0i64, 0i64)),
            (0i64..=10_000).prop_flat_map(|low| (Just(low), 0..=10_000 - low)),
        ];
        (Just(plan), spreads, weights).prop_map(|(mut plan, spreads, (low, high))| {
            plan.billing.weights = agent_credits::capacity::CaseWeights {
                low: Decimal::new(low, 2),
                high: Decimal::new(high, 2),
            };
            let mut spreads = spreads.into_iter();
            let mut next = |expected: &mut Decimal, range: &mut Bounds| {
                let Some((a, b, which)) = spreads.next() else {
                    return;
                };
                let mut three = [*expected, a, b];
                three.sort();
                *expected = three[1];
                range.low = (which & 1 == 1).then_some(three[0]);
                range.high = (which & 2 == 2).then_some(three[2]);
            };
            for a in &mut plan.workload.agents {
                let t = a.template().unwrap();
                for input in t.inputs {
                    let mut expected = a.value(input);
                    let mut range = Bounds::default();
                    next(&mut expected, &mut range);
                    a.values.insert(input.key.into(), expected);
                    if !range.is_empty() {
                        a.ranges.push((input.key.into(), range));
                    }
                }
            }
            for c in &mut plan.workload.custom {
                next(&mut c.runs, &mut c.runs_range);
                let u = &mut c.usage;
                next(&mut u.credits_per_task, &mut u.credits_per_task_range);
                for s in &mut c.steps {
                    next(&mut s.events, &mut s.events_range);
                    if let Some(items) = &mut s.items {
                        next(items, &mut s.items_range);
                    }
                    next(&mut s.share, &mut s.share_range);
                }
            }
            plan
        })
    })
}

/// The kinds of the inputs [`ranged_plan`] gives ranges, in the order it visits them.
fn range_kinds(plan: &Plan) -> Vec<InputKind> {
    let mut kinds = Vec::new();
    for a in &plan.workload.agents {
        kinds.extend(a.template().unwrap().inputs.iter().map(|i| i.kind));
    }
    for c in &plan.workload.custom {
        kinds.push(custom::RUNS);
        kinds.push(custom::TASK_CREDITS);
        for s in &c.steps {
            kinds.push(custom::EVENTS);
            if s.items.is_some() {
                kinds.push(custom::EVENTS);
            }
            kinds.push(custom::SHARE);
        }
    }
    kinds
}
