//! Golden tests for custom agents: every scenario's unit on the rate card, the Payables and Sales
//! Order agents rebuilt step by step, licensed users, and custom agents through links and saves.

mod support;

use agent_credits::format::NumberFormat;
use agent_credits::plan::Plan;
use agent_credits::rating::custom::from_template_values;
use agent_credits::rating::{
    card, custom_derivation, estimate, estimate_custom, Bounds, CustomAgent, CustomStep,
    EventScenario, Harness, Usage, Workload, STARTERS,
};
use agent_credits::{saved, share};
use rust_decimal::Decimal;
use support::DEFAULT_TOTAL;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn step(scenario: EventScenario, events: &str, items: Option<&str>, share: &str) -> CustomStep {
    CustomStep {
        name: format!("{scenario:?}"),
        scenario,
        events: d(events),
        items: items.map(d),
        share: d(share),
        events_range: Bounds::default(),
        items_range: Bounds::default(),
        share_range: Bounds::default(),
    }
}

fn agent(runs: &str, steps: Vec<CustomStep>) -> CustomAgent {
    CustomAgent {
        id: 1,
        name: "Test agent".into(),
        runs: d(runs),
        autonomous: true,
        licensed_share: Decimal::ZERO,
        steps,
        runs_range: Bounds::default(),
        harness: Harness::Standard,
        usage: Usage::default(),
    }
}

fn per_run(a: &CustomAgent) -> String {
    estimate_custom(card::current(), a)
        .unwrap()
        .credits_per_run
        .to_string()
}

#[test]
fn every_scenario_bills_in_its_card_unit() {
    use EventScenario::*;
    // (scenario, events in a run, credits) — the published rate card:
    let cases = [
        (ClassicAnswer, "1", "1"),         // 1 per response
        (GenerativeAnswer, "1", "2"),      // 2 per response
        (AgentAction, "3", "15"),          // 5 per action
        (TenantGraphGrounding, "1", "10"), // 10 per message
        (AgentFlowActions, "100", "13"),   // 13 per 100 actions
        (AgentFlowActions, "37", "4.81"),  // … 0.13 per action
        (AiToolsBasic, "10", "1"),         // 1 per 10 responses
        (AiToolsBasic, "1", "0.1"),
        (AiToolsStandard, "10", "15"), // 15 per 10 responses
        (AiToolsStandard, "3", "4.5"),
        (AiToolsPremium, "10", "100"), // 100 per 10 responses
        (AiToolsPremium, "1", "10"),
        (ContentProcessing, "3", "24"), // 8 per page
    ];
    for (scenario, events, credits) in cases {
        let a = agent("1", vec![step(scenario, events, None, "100")]);
        assert_eq!(per_run(&a), credits, "{scenario:?} × {events}");
    }
}

#[test]
fn a_custom_derivation_says_one_run_in_the_singular() {
    let one = agent(
        "1",
        vec![step(EventScenario::AgentAction, "2", None, "100")],
    );
    let e = estimate_custom(card::current(), &one).unwrap();
    assert_eq!(
        custom_derivation(&e, &NumberFormat::en()),
        "[(2×5)] × 1 run = 10 Copilot Credits/month"
    );
}

#[test]
fn items_and_shares_drive_the_count() {
    // 8 credits per page × 4 pages per document × 2.5 documents per run × 40 % of runs = 32.
    let a = agent(
        "10",
        vec![step(
            EventScenario::ContentProcessing,
            "4",
            Some("2.5"),
            "40",
        )],
    );
    assert_eq!(per_run(&a), "32");
    let e = estimate_custom(card::current(), &a).unwrap();
    assert_eq!(e.lines[0].events_per_run.normalize().to_string(), "4");
    assert_eq!(e.credits_per_month.to_string(), "320");
}

/// The Payables agent, step by step from the reference table, gives the template's figures.
fn payables_by_hand(documents: &str, lines: &str) -> CustomAgent {
    use EventScenario::*;
    agent(
        documents,
        vec![
            step(AgentAction, "1", Some("1"), "100"), // Create incoming e-document, per attachment
            step(GenerativeAnswer, "1", None, "100"), // Analyze incoming e-document
            step(AgentAction, "1", None, "100"),      // Extract invoice data
            step(AgentAction, "1", None, "100"),      // Create purchase document draft
            step(AgentAction, "1", None, "100"),      // Match or create vendor
            step(AgentAction, "1", Some(lines), "100"), // Process invoice line, per line
            step(AgentAction, "1", None, "100"),      // Create purchase invoice
        ],
    )
}

#[test]
fn the_payables_agent_rebuilt_step_by_step_matches_the_template() {
    let e = estimate_custom(card::current(), &payables_by_hand("100", "5")).unwrap();
    assert_eq!(e.credits_per_run.to_string(), "52");
    assert_eq!(e.credits_per_month.to_string(), "5200");
    // The lines-per-document table of the reference document.
    for (lines, credits) in [
        ("1", "32"),
        ("5", "52"),
        ("10", "77"),
        ("25", "152"),
        ("50", "277"),
    ] {
        assert_eq!(
            per_run(&payables_by_hand("100", lines)),
            credits,
            "{lines} lines"
        );
    }
}

#[test]
fn duplicating_a_template_gives_its_figures() {
    let w = Workload::default();
    let reference = estimate(card::current(), &w).unwrap();
    for a in &w.agents {
        let t = a.template().unwrap();
        let copy = from_template_values(1, t, a);
        let ours = estimate_custom(card::current(), &copy).unwrap();
        let theirs = reference.agent(t.id).unwrap();
        assert_eq!(ours.credits_per_run, theirs.credits_per_run, "{}", t.id);
        assert_eq!(ours.credits_per_month, theirs.credits_per_month, "{}", t.id);
        assert_eq!(copy.steps.len(), t.features.len());
    }
    // The Sales Order agent's 40 % attachment share becomes the attachment steps' share of runs.
    let so = from_template_values(1, w.agents[0].template().unwrap(), &w.agents[0]);
    assert_eq!((so.steps[3].share, so.steps[4].share), (d("40"), d("40")));
    assert_eq!(so.steps[0].share, d("100"));
    assert_eq!(so.name, "Sales Order agent (copy)");
}

#[test]
fn licensed_users_are_not_charged_where_the_card_says_so() {
    // A question-answering agent: 1 classic (1) + 1 generative (2) + grounding in half the runs
    // (10 × 0.5) = 8 credits a run; with 60 % of runs by licensed users, 40 % is billed: 3.2.
    let qa = STARTERS.iter().find(|s| s.id == "qa").unwrap();
    let mut a = qa.build(1);
    assert_eq!(per_run(&a), "8");
    a.licensed_share = d("60");
    assert_eq!(per_run(&a), "3.2");
    // An autonomous agent is run by a trigger, not a licensed user: everything is billed.
    a.autonomous = true;
    assert_eq!(per_run(&a), "8");
}

#[test]
fn starters_come_from_the_rate_card() {
    // Autonomous: trigger 5 + reasoning 5 + 20 flow actions 2.6 + one standard tool response 1.5
    // + 3 pages in 40 % of runs 9.6 = 23.7 credits a run.
    let auto = STARTERS
        .iter()
        .find(|s| s.id == "autonomous")
        .unwrap()
        .build(1);
    assert!(auto.autonomous);
    assert_eq!(per_run(&auto), "23.7");
    for s in STARTERS {
        assert!(s.build(1).validate().is_ok(), "{}", s.id);
    }
}

#[test]
fn custom_agents_count_in_the_total_and_travel_in_links_and_saves() {
    let mut plan = Plan::default();
    plan.workload
        .add_custom(payables_by_hand("100", "5"))
        .unwrap();
    let mut qa = STARTERS[0].build(0);
    qa.name = "Ask HR <b>now</b>".into();
    qa.licensed_share = d("25.5");
    plan.workload.add_custom(qa).unwrap();
    let e = estimate(card::current(), &plan.workload).unwrap();
    // The default estimate's reference agents (6,380) + the Payables agent by hand at its worked
    // example (5,200) + 1,000 runs × 8 × 74.5 % = 5,960.
    assert_eq!(
        e.credits_per_month.to_string(),
        (DEFAULT_TOTAL + 5200 + 5960).to_string()
    );
    assert_eq!(e.in_page_order().len(), 4);

    let link = share::write(&plan);
    let back = share::read(&link);
    assert!(back.ignored.is_empty(), "{:?}", back.ignored);
    assert_eq!(back.plan(), Some(plan.clone()), "{link}");
    assert_eq!(saved::decode(&saved::encode(&plan)), Ok(plan.clone()));

    // Custom agents alone: the link says so, and no default agent comes back.
    let mut only = Plan::default();
    only.workload.agents.clear();
    only.workload.add_custom(STARTERS[1].build(0)).unwrap();
    let link = share::write(&only);
    assert!(link.contains("agents=none"), "{link}");
    assert_eq!(share::read(&link).plan(), Some(only));
}

#[test]
fn custom_values_outside_their_limits_are_refused() {
    let mut a = payables_by_hand("100", "5");
    a.steps[0].share = d("101");
    assert!(estimate_custom(card::current(), &a).is_err());
    let mut a = payables_by_hand("100", "5");
    a.runs = d("-1");
    assert!(a.validate().is_err());
    let mut a = payables_by_hand("100", "5");
    a.name = "x".repeat(81);
    assert!(a.validate().is_err());
    let mut w = Workload::default();
    for _ in 0..20 {
        w.add_custom(STARTERS[2].build(0)).unwrap();
    }
    assert!(
        w.add_custom(STARTERS[2].build(0)).is_err(),
        "at most 20 custom agents"
    );
}

#[test]
fn custom_agents_are_exported_row_by_row() {
    use agent_credits::capacity::{report, Billing};
    let mut plan = Plan::default();
    let mut a = payables_by_hand("100", "5");
    a.name = "=Payables, by hand".into();
    plan.workload.add_custom(a).unwrap();
    let e = estimate(card::current(), &plan.workload).unwrap();
    let r = report(e.credits_per_month, &Billing::default()).unwrap();
    let billing = Billing::default();
    let csv = agent_credits::export::csv(&agent_credits::export::Source::new(&e, &r, &billing));
    // The name is quoted (a comma) and defused (a leading "="); the step rows carry the card.
    assert!(
        csv.contains(
            "agent,\"'=Payables, by hand\",Agent total,,,,,52,100,5200,52,USD,copilot-credits-2025-09"
        ),
        "{csv}"
    );
    assert_eq!(csv.lines().filter(|l| l.contains("'=Payables")).count(), 8);
    // The default estimate's reference agents and the Payables agent by hand (5,200).
    let total = DEFAULT_TOTAL + 5200;
    assert!(
        csv.contains(&format!(
            "total,,All agents,,,,,,,{total},,,copilot-credits-2025-09"
        )),
        "{csv}"
    );
}

/// Issue 16's example, by hand: 200 tasks at 300 credits (100 to 500) with 5,000 credits of
/// building and testing: 200 × 300 + 5,000 = 65,000 expected, 200 × 100 + 5,000 = 25,000 low,
/// 200 × 500 + 5,000 = 105,000 high. No licensed-user exemption, whatever the share.
#[test]
fn a_github_copilot_harness_agent_by_hand() {
    use agent_credits::rating::estimate_with_cases;
    let link = "?custom.1.name=Research&custom.1.harness=github_copilot&custom.1.runs=200\
                &custom.1.credits_per_task=300&custom.1.credits_per_task.low=100\
                &custom.1.credits_per_task.high=500&custom.1.build_credits=5000\
                &custom.1.licensed_share=80";
    let read = share::read(link);
    assert!(read.ignored.is_empty(), "{:?}", read.ignored);
    let plan = read.plan().unwrap();
    let a = &plan.workload.custom[0];
    assert_eq!(a.harness, Harness::GithubCopilot);
    let e = estimate_with_cases(card::current(), &plan.workload).unwrap();
    let month = |e: &agent_credits::rating::Estimate| e.credits_per_month.to_string();
    assert_eq!(month(&e), "65000");
    let cases = e.cases.as_ref().unwrap();
    assert_eq!(
        (month(&cases.low), month(&cases.high)),
        ("25000".into(), "105000".into())
    );
    let c = &e.custom[0];
    assert_eq!(c.credits_per_run.to_string(), "300");
    assert_eq!(c.build_credits.to_string(), "5000");
    assert_eq!(
        custom_derivation(c, &NumberFormat::en()),
        "200 tasks × 300 credits + 5,000 building and testing = 65,000 Copilot Credits/month"
    );
    // The CSV bills its tasks and its building and testing, with the month's low and high.
    let r = agent_credits::capacity::report(e.credits_per_month, &plan.billing).unwrap();
    let csv =
        agent_credits::export::csv(&agent_credits::export::Source::new(&e, &r, &plan.billing));
    assert!(
        csv.contains(
            "\r\nfeature,Research,Tasks,GitHub Copilot harness (usage-based),,,1,300,200,60000,"
        ),
        "{csv}"
    );
    assert!(csv.contains(
        "\r\nfeature,Research,Building and testing,GitHub Copilot harness (usage-based),,,,,,5000,"
    ));
    assert!(csv.contains(
        "\r\nagent,Research,Agent total,,,,,300,200,65000,650,USD,copilot-credits-2025-09,25000,105000,,,"
    ));
    // The same agent as the starter builds it, and back through links (both forms) and saves.
    let starter = STARTERS
        .iter()
        .find(|s| s.id == "github_copilot")
        .unwrap()
        .build(1);
    assert_eq!(
        estimate_custom(card::current(), &starter)
            .unwrap()
            .credits_per_month
            .to_string(),
        "65000"
    );
    let written = share::write(&plan);
    assert!(
        written.contains(
            "&custom.1.harness=github_copilot&custom.1.credits_per_task=300\
                          &custom.1.credits_per_task.low=100&custom.1.credits_per_task.high=500\
                          &custom.1.build_credits=5000"
        ),
        "{written}"
    );
    assert_eq!(share::read(&written).plan(), Some(plan.clone()));
    let compact = format!(
        "?v=1&s={}",
        share::encode_compact(&share::Extras::of(&plan))
    );
    let back = share::read(&compact).plan().unwrap();
    assert_eq!(back.workload.custom, plan.workload.custom);
    assert_eq!(saved::decode(&saved::encode(&plan)), Ok(plan.clone()));
    // Usage keys alone put an agent on the harness; `harness=standard` keeps its steps billed.
    let usage_only = share::read("?custom.1.starter=qa&custom.1.credits_per_task=50")
        .plan()
        .unwrap();
    assert_eq!(
        usage_only.workload.custom[0].harness,
        Harness::GithubCopilot
    );
    let standard =
        share::read("?custom.1.starter=qa&custom.1.harness=standard&custom.1.credits_per_task=50")
            .plan()
            .unwrap();
    assert_eq!(standard.workload.custom[0].harness, Harness::Standard);
    assert_eq!(
        estimate(card::current(), &standard.workload)
            .unwrap()
            .credits_per_month
            .to_string(),
        "8000"
    );
    // A low value above the expected one is dropped with its reason, under the link's key.
    let read = share::read("?custom.1.harness=github_copilot&custom.1.credits_per_task=300&custom.1.credits_per_task.low=400");
    assert_eq!(read.ignored.len(), 1, "{:?}", read.ignored);
    assert_eq!(read.ignored[0].key, "custom.1.credits_per_task.low");
}

/// Credits per task from a mix of tasks, by hand: 60 % light at 200, 30 % medium at 400, the
/// other 10 % heavy at 1,000: 120 + 120 + 100 = 340 credits a task, from 200 (all light) to
/// 1,000 (all heavy); 100 tasks a month: 34,000, from 20,000 to 100,000.
#[test]
fn credits_per_task_from_a_mix_of_tasks() {
    use agent_credits::rating::estimate_with_cases;
    let link = "?custom.1.runs=100&custom.1.mix.light=60&custom.1.mix.medium=30\
                &custom.1.mix.heavy.credits=1000";
    let read = share::read(link);
    assert!(read.ignored.is_empty(), "{:?}", read.ignored);
    let plan = read.plan().unwrap();
    let a = &plan.workload.custom[0];
    assert_eq!(
        a.harness,
        Harness::GithubCopilot,
        "mix keys put it on the harness"
    );
    let e = estimate_with_cases(card::current(), &plan.workload).unwrap();
    assert_eq!(e.custom[0].credits_per_run.to_string(), "340");
    let cases = e.cases.as_ref().unwrap();
    let months = [&cases.low, &e, &cases.high].map(|e| e.credits_per_month.to_string());
    assert_eq!(months, ["20000", "34000", "100000"]);
    assert_eq!(
        a.usage.mix.as_ref().unwrap().explain(&NumberFormat::en()),
        "An average task: 60 % × 200 + 30 % × 400 + 10 % × 1,000 = 340 credits, from 200 to 1,000"
    );
    // Through links (both forms) and saves.
    let written = share::write(&plan);
    assert!(
        written.contains("&custom.1.mix=on&custom.1.mix.light=60&custom.1.mix.medium=30&"),
        "{written}"
    );
    assert_eq!(share::read(&written).plan(), Some(plan.clone()));
    let compact = format!(
        "?v=1&s={}",
        share::encode_compact(&share::Extras::of(&plan))
    );
    assert_eq!(
        share::read(&compact).plan().unwrap().workload.custom,
        plan.workload.custom
    );
    assert_eq!(saved::decode(&saved::encode(&plan)), Ok(plan.clone()));
    // Light and medium above 100 % together: the medium share gives way, with a notice.
    let read = share::read("?custom.1.mix.light=60&custom.1.mix.medium=50");
    assert_eq!(read.ignored.len(), 1, "{:?}", read.ignored);
    assert_eq!(read.ignored[0].key, "custom.1.mix.medium");
    assert_eq!(
        read.plan().unwrap().workload.custom[0]
            .usage
            .mix
            .as_ref()
            .unwrap()
            .medium,
        d("40")
    );
    // `mix=off` leaves the agent's own credits per task.
    let off = share::read("?custom.1.starter=github_copilot&custom.1.mix=off")
        .plan()
        .unwrap();
    assert!(off.workload.custom[0].usage.mix.is_none());
}
