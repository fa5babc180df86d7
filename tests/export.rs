//! The estimate as a document a partner sends: Markdown, HTML and text from one model, and the
//! CSV, checked against the reference examples (1,180 + 5,200 = 6,380 credits a month) by hand.

use agent_credits::capacity::report;
use agent_credits::export::{self, document, Source};
use agent_credits::format::NumberFormat;
use agent_credits::plan::{About, Plan};
use agent_credits::rating::{card, estimate};

fn with_plan<T>(plan: &Plan, about: &About, f: impl FnOnce(&Source) -> T) -> T {
    let e = estimate(card::current(), &plan.workload).unwrap();
    let r = report(e.credits_per_month, &plan.billing).unwrap();
    let fmt = NumberFormat::en();
    let src = Source {
        about,
        today: "2026-11-24",
        link: "https://example.com/agent-credits/#v=1",
        fmt: &fmt,
        ..Source::new(&e, &r, &plan.billing)
    };
    f(&src)
}

fn contoso() -> About {
    About {
        title: "Agents for Contoso".into(),
        prepared_for: "Contoso Ltd".into(),
        prepared_by: "Fabrikam Partners".into(),
        date: String::new(),
        notes: "Volumes from the October pilot.".into(),
    }
}

/// The default estimate as Markdown, to the character (tests/golden/default_estimate.md).
#[test]
fn the_default_estimate_as_markdown() {
    let md = with_plan(&Plan::default(), &contoso(), |s| {
        export::markdown(&document(s))
    });
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write("tests/golden/default_estimate.md", &md).unwrap();
    }
    assert_eq!(md, include_str!("golden/default_estimate.md"));
}

/// Only what applies: packs without pay-as-you-go show the packs, the threshold at which the
/// agents stop, and what is not served; no budget, no pay-as-you-go cost.
#[test]
fn packs_without_pay_as_you_go_leave_out_what_does_not_apply() {
    let mut plan = Plan::default();
    plan.workload = agent_credits::share::read("?sales_order.requests=100&payables.documents=1000")
        .plan()
        .unwrap()
        .workload;
    plan.billing.settings.packs = 1;
    plan.billing.settings.payg = false;
    plan.billing.settings.budget = Some(500.into());
    let doc = with_plan(&plan, &About::default(), document);
    assert_eq!(doc.title, export::UNTITLED);
    let table = |id: &str| doc.tables.iter().find(|t| t.id == id).unwrap();
    let rows = |id: &str| -> Vec<Vec<String>> {
        let t = table(id);
        t.rows
            .iter()
            .chain(&t.foot)
            .map(|r| r.iter().map(|c| c.text.clone()).collect())
            .collect()
    };
    // 1,180 + 52 × 1,000 = 53,180 credits; 25,000 prepaid, served to 125 % (31,250).
    assert_eq!(
        rows("settings"),
        [
            [
                "Capacity packs",
                "1 pack of 25,000 credits at 200.00 USD a month"
            ],
            ["Pay-as-you-go", "off"],
            ["Agents stop at", "125 % of prepaid capacity"],
        ]
    );
    assert_eq!(
        rows("bill"),
        [
            ["Prepaid capacity", "25,000", "200.00 USD"],
            ["Prepaid used", "25,000", ""],
            ["Grace overage (unbilled)", "6,250", ""],
            ["Not served", "21,930", ""],
            ["Total", "53,180", "200.00 USD"],
        ]
    );
    let summary = rows("summary");
    assert!(
        summary.contains(&vec![
            "Agents stop".to_string(),
            "on day 18 of 30".to_string()
        ]),
        "{summary:?}"
    );
    assert!(
        doc.derivation.iter().all(|l| !l.contains("Pay-as-you-go")),
        "{:?}",
        doc.derivation
    );
    assert!(doc.derivation.iter().any(|l| l.starts_with("Unserved:")));
    // The agents' costs add up to the month's, to the cent.
    assert_eq!(
        rows("agents").last().unwrap(),
        &["All agents", "", "", "53,180", "100 %", "200.00 USD"]
    );
    assert_eq!(rows("agents")[0][5], "4.44 USD"); // 1,180 / 53,180 × 200.00
    assert_eq!(rows("agents")[1][5], "195.56 USD");
}

/// Pay-as-you-go with a budget: the budget is a setting; the stop threshold is not.
#[test]
fn a_budget_shows_only_with_pay_as_you_go() {
    let mut plan = Plan::default();
    plan.billing.settings.budget = Some(100.into());
    let doc = with_plan(&plan, &contoso(), document);
    let settings = &doc.tables.iter().find(|t| t.id == "settings").unwrap().rows;
    let names: Vec<&str> = settings.iter().map(|r| r[0].text.as_str()).collect();
    assert_eq!(
        names,
        ["Capacity packs", "Pay-as-you-go", "Pay-as-you-go budget"]
    );
    assert_eq!(settings[2][1].text, "100.00 USD a month");
    // HTML and text carry the same tables; the HTML has no inline styles (the page's CSP).
    let html = export::html(&doc);
    assert!(html.contains("<h1>Agents for Contoso</h1>"));
    assert!(html.contains("data-table=\"agents\""));
    assert!(!html.contains("style="));
    let text = export::text(&doc);
    assert!(
        text.contains("Pay-as-you-go budget\t100.00 USD a month\n"),
        "{text}"
    );
    assert!(
        text.contains("Sales Order agent\t100\t11.8\t1,180\t18.5 %\t11.80 USD\n"),
        "{text}"
    );
}

/// The CSV: heading, settings, the agents' costs, the 12 months and the year, exact.
#[test]
fn the_csv_has_the_heading_settings_costs_and_year() {
    let mut plan = Plan::default();
    plan.billing.settings.packs = 1;
    plan.billing.growth = 10.into();
    let csv = with_plan(&plan, &contoso(), export::csv);
    let line = |start: &str| {
        csv.lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no line {start} in {csv}"))
    };
    let card = "copilot-credits-2025-09";
    assert_eq!(
        line("estimate,,Title,"),
        format!("estimate,,Title,,,,,,,,,,{card},,,,,Agents for Contoso")
    );
    assert!(line("estimate,,Date,").ends_with(",2026-11-24"));
    assert!(line("estimate,,Link,").ends_with(",https://example.com/agent-credits/#v=1"));
    assert!(line("setting,,Capacity packs,").ends_with(",1"));
    assert_eq!(
        line("setting,,Pack price,"),
        format!("setting,,Pack price,,,,,,,,,USD,{card},,,,,200")
    );
    assert!(line("setting,,Pay-as-you-go budget,").ends_with(",none"));
    // 6,380 credits, all inside the 25,000 prepaid: 200.00 USD, shared 1,180 : 5,200.
    assert!(
        line("agent,Sales Order agent,Agent total,").contains(",1180,36.99,USD,"),
        "{csv}"
    );
    assert!(
        line("agent,Payables agent,Agent total,").contains(",5200,163.01,USD,"),
        "{csv}"
    );
    // Growth of 10 % a month: month 12 is 6,380 × 1.1^11 = 18,202.88...; still inside one pack.
    assert!(line("month,,Month 1,").contains(",6380,200,USD,"));
    assert!(
        line("month,,Month 12,").starts_with("month,,Month 12,,,,,,,18202.8845849818,200,USD,"),
        "{csv}"
    );
    assert!(line("year,,Your settings,").contains(",2400,USD,"));
    assert!(
        line("year,,Credits over 12 months,").starts_with("year,,Credits over 12 months,,,,,,,,,,")
    );
    assert_eq!(
        export::file_name(&contoso().title, "2026-11-24", "csv"),
        "agents-for-contoso-2026-11-24.csv"
    );
}

/// Twelve equal months are one line of the year's table; with growth, each month has its row.
#[test]
fn the_months_show_only_when_they_differ() {
    let mut plan = Plan::default();
    let ids = |doc: &export::Document| doc.tables.iter().map(|t| t.id).collect::<Vec<_>>();
    let flat = with_plan(&plan, &About::default(), document);
    assert_eq!(
        ids(&flat),
        ["summary", "agents", "settings", "bill", "year"]
    );
    plan.billing.growth = 10.into();
    let growing = with_plan(&plan, &About::default(), document);
    assert_eq!(
        ids(&growing),
        ["summary", "agents", "settings", "bill", "months", "year"]
    );
    let months = &growing.tables[4];
    assert_eq!(months.rows.len(), 12);
    assert_eq!(months.rows[11][1].text, "18,202.88");
    assert_eq!(
        growing.tables[5].rows[0][0].text,
        "With these settings, growing 10 % a month"
    );
}

/// A partner quoting in euros converts the USD list at a rate of the day: every cost follows,
/// the rate and its date are stated in the facts, the CSV and the derivation, and the link and
/// the saved form carry them.
#[test]
fn prices_converted_at_an_exchange_rate() {
    use agent_credits::capacity::{Prices, LIST_PRICES_USD};
    let mut plan = Plan::default();
    plan.billing.prices = Prices::converted(
        &LIST_PRICES_USD,
        "EUR",
        "0.9234".parse().unwrap(),
        "2026-11-20",
    );
    let doc = with_plan(&plan, &contoso(), document);
    let fact = |k: &str| {
        doc.facts
            .iter()
            .find(|(l, _)| l == k)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(
        fact("Prices").unwrap(),
        "Microsoft's USD list prices (checked 2026-11-23) in EUR at 0.9234 EUR per USD, the rate of 2026-11-20"
    );
    // 6,380 credits × 0.01 USD × 0.9234 = 58.91292 EUR, shown 58.91.
    assert_eq!(doc.tables[0].rows[1][1].text, "58.91 EUR");
    assert_eq!(
        doc.derivation[0],
        "Prices in EUR: Microsoft's USD list prices × 0.9234 (exchange rate of 2026-11-20)"
    );
    let csv = with_plan(&plan, &contoso(), export::csv);
    assert!(
        csv.contains(
            "\r\nsetting,,Exchange rate from USD,,,,,,,,,,copilot-credits-2025-09,,,,,0.9234\r\n"
        ),
        "{csv}"
    );
    assert!(csv.contains(
        "\r\nsetting,,Exchange rate date,,,,,,,,,,copilot-credits-2025-09,,,,,2026-11-20\r\n"
    ));
    assert!(
        csv.contains("\r\nbilling,,Total cost,,,,,,,,58.91292,EUR,"),
        "{csv}"
    );
    // Through a link and back: the same prices, rate and date.
    let link = agent_credits::share::write(&plan);
    assert_eq!(agent_credits::share::read(&link).plan(), Some(plan.clone()));
    // A price edited after converting: still converted at that rate, then edited.
    plan.billing.prices.pack_price = 180.into();
    plan.billing.prices.mark_edited(&LIST_PRICES_USD);
    let doc = with_plan(&plan, &contoso(), document);
    assert!(doc
        .facts
        .iter()
        .any(|(l, v)| l == "Prices" && v.ends_with(", then edited")));
    assert!(doc.derivation[0].ends_with("(exchange rate of 2026-11-20), then edited"));
    let link = agent_credits::share::write(&plan);
    assert_eq!(agent_credits::share::read(&link).plan(), Some(plan));
}
