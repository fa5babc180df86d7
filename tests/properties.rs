//! Property tests: invariants of the rating core and the link and storage formats.
#![cfg(not(target_arch = "wasm32"))]

use agent_credits::rating::template::{MAX_PER_RUN, MAX_RUNS_PER_MONTH};
use agent_credits::rating::{
    card, estimate, AgentWorkload, Credits, InputKind, Workload, TEMPLATES,
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
        let link = share::write(&w);
        let read = share::read(&link);
        prop_assert!(read.ignored.is_empty(), "{:?}", read.ignored);
        if w.agents.is_empty() {
            prop_assert_eq!(read.workload, None);
        } else {
            prop_assert_eq!(read.workload, Some(w));
        }
    }

    #[test]
    fn saved_state_round_trips(w in workload()) {
        prop_assert_eq!(saved::decode(&saved::encode(&w)), Ok(w));
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
