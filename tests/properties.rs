//! Property tests: invariants of the rating core and the link and storage formats.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use agent_credits::capacity::LIST_PRICES_USD;
use agent_credits::plan::Plan;
use agent_credits::rating::template::{MAX_PER_RUN, MAX_RUNS_PER_MONTH};
use agent_credits::rating::{card, estimate, Credits, InputKind};
use agent_credits::{saved, share};
use proptest::prelude::*;
use rust_decimal::Decimal;
use support::strategies::{agent, any_plan, excess, linkable_plan, typed_text, workload};

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
    fn any_text_reads_without_panicking(text in typed_text()) {
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
    fn values_beyond_the_limits_are_refused(extra in excess()) {
        let en = agent_credits::format::NumberFormat::en();
        let runs = InputKind::Count { max: MAX_RUNS_PER_MONTH };
        prop_assert!(runs.parse(&(MAX_RUNS_PER_MONTH + extra).to_string(), &en).is_err());
        let per_run = InputKind::Count { max: MAX_PER_RUN };
        prop_assert!(per_run.parse(&(MAX_PER_RUN + extra).to_string(), &en).is_err());
        prop_assert!(InputKind::Percent.parse(&(100 + extra).to_string(), &en).is_err());
    }
}
