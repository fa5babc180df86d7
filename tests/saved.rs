//! The saved-estimate format read back from texts older versions really wrote.

use agent_credits::capacity::{
    Billing, BillingPolicy, BillingSettings, CaseWeights, Environment, PaygSetup, PrepurchaseTier,
    Scope, Tenant, LIST_PRICES_USD,
};
use agent_credits::plan::Plan;
use agent_credits::rating::Workload;
use agent_credits::saved;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// A schema-2 save, as `saved::encode` wrote it in the last version at schema 2 (commit e8472e7),
/// split only to fit the page: no custom agents (the workload has no `custom` key), and every
/// billing field away from its default, so that a field dropped and defaulted on the way in is
/// caught.
const SCHEMA_TWO: &str = concat!(
    r#"{"schema":2,"plan":{"#,
    r#""workload":{"agents":["#,
    r#"{"template":"sales_order","#,
    r#""values":{"attachment_rate":"40","attachments":"1","requests":"250"}},"#,
    r#"{"template":"payables","values":{"attachments":"1","documents":"100","lines":"12"}}]},"#,
    r#""billing":{"#,
    r#""settings":{"packs":3,"payg":false,"budget":"75.50","enforcement":"112.5","days":31},"#,
    r#""prices":{"currency":"EUR","pack_credits":"20000","pack_price":"185.50","#,
    r#""payg_per_credit":"0.0095","#,
    r#""prepurchase":[{"units":"15000","price":"14100"},{"units":"30000","price":"27000"}],"#,
    r#""source":"edited","checked":"2025-10-01"},"#,
    r#""growth":"2.5","#,
    r#""tenant":{"other_use":"1200","environments":["#,
    r#"{"name":"Production","share":"80","allocated":null},"#,
    r#"{"name":"Sandbox","share":"20","allocated":"5000"}]},"#,
    r#""payg_setup":{"power_platform":false,"policies":["#,
    r#"{"name":"Finance","subscription":"sub-fin","resource_group":"rg-copilot","#,
    r#""region":"westeurope","scope":{"kind":"group","users":30}},"#,
    r#"{"name":"Everyone","subscription":"sub-all","resource_group":"rg-all","#,
    r#""region":"northeurope","scope":{"kind":"all_users"}}],"#,
    r#""users":120}}}}"#,
);

/// The plan [`SCHEMA_TWO`] holds, built field by field.
fn schema_two_plan() -> Plan {
    let mut workload = Workload::default();
    workload.set("sales_order", "requests", d("250")).unwrap();
    workload.set("payables", "lines", d("12")).unwrap();
    let settings = BillingSettings {
        packs: 3,
        payg: false,
        budget: Some(d("75.50")),
        enforcement: d("112.5"),
        days: 31,
    };
    let mut prices = LIST_PRICES_USD.clone();
    prices.currency = "EUR".into();
    prices.pack_credits = d("20000");
    prices.pack_price = d("185.50");
    prices.payg_per_credit = d("0.0095");
    prices.prepurchase = vec![
        PrepurchaseTier {
            units: d("15000"),
            price: d("14100"),
        },
        PrepurchaseTier {
            units: d("30000"),
            price: d("27000"),
        },
    ];
    prices.source = "edited".into();
    prices.checked = "2025-10-01".into();
    let tenant = Tenant {
        other_use: d("1200"),
        environments: vec![
            Environment {
                name: "Production".into(),
                share: d("80"),
                allocated: None,
            },
            Environment {
                name: "Sandbox".into(),
                share: d("20"),
                allocated: Some(d("5000")),
            },
        ],
    };
    let payg_setup = PaygSetup {
        power_platform: false,
        policies: vec![
            BillingPolicy {
                name: "Finance".into(),
                subscription: "sub-fin".into(),
                resource_group: "rg-copilot".into(),
                region: "westeurope".into(),
                scope: Scope::Group { users: 30 },
            },
            BillingPolicy {
                name: "Everyone".into(),
                subscription: "sub-all".into(),
                resource_group: "rg-all".into(),
                region: "northeurope".into(),
                scope: Scope::AllUsers,
            },
        ],
        users: 120,
    };
    Plan {
        workload,
        // Every field named: a field added to `Billing` needs a decision here on what a schema-2
        // save (which hasn't got it) reads as.
        billing: Billing {
            settings,
            prices,
            growth: d("2.5"),
            tenant,
            payg_setup,
            // Before weights, the expected cost was the expected case's.
            weights: CaseWeights::EXPECTED,
        },
        // Before schema 5, an estimate had no title, parties, date or notes.
        about: agent_credits::plan::About::default(),
    }
}

#[test]
fn a_schema_two_save_keeps_every_billing_field() {
    let got = saved::decode(SCHEMA_TWO).expect("a schema-2 save reads");
    let want = schema_two_plan();
    let default = Billing::default();
    // Each field by name: it came through, and it is not simply the default (else a field lost
    // and defaulted would pass).
    macro_rules! survives {
        ($($field:ident).+) => {
            let name = stringify!($($field).+);
            assert_eq!(got.billing.$($field).+, want.billing.$($field).+, "billing.{name}");
            assert_ne!(want.billing.$($field).+, default.$($field).+, "billing.{name} is the default");
        };
    }
    survives!(settings.packs);
    survives!(settings.payg);
    survives!(settings.budget);
    survives!(settings.enforcement);
    survives!(settings.days);
    survives!(prices.currency);
    survives!(prices.pack_credits);
    survives!(prices.pack_price);
    survives!(prices.payg_per_credit);
    survives!(prices.prepurchase);
    survives!(prices.source);
    survives!(prices.checked);
    survives!(growth);
    survives!(tenant.other_use);
    survives!(tenant.environments);
    survives!(payg_setup.power_platform);
    survives!(payg_setup.policies);
    survives!(payg_setup.users);

    // Schema 2 had no custom agents: the plan has none, and the reference agents are as saved.
    assert!(got.workload.custom.is_empty(), "{:?}", got.workload.custom);
    assert_eq!(got.workload, want.workload);
    assert_eq!(got, want);
    // Saved again, it is written at the schema of a plan without ranges (3, which versions
    // before ranges read) and reads back the same.
    let again = saved::encode(&got);
    assert!(again.starts_with(r#"{"schema":3,"plan":"#), "{again}");
    assert_eq!(saved::decode(&again), Ok(want));
}

#[test]
fn a_plan_with_ranges_is_saved_as_schema_four_and_reads_back_whole() {
    use agent_credits::rating::Bound;
    let mut plan = Plan::default();
    plan.workload
        .set_bound(
            "payables",
            "documents",
            Bound::High,
            Some(Decimal::from(600)),
        )
        .unwrap();
    let text = saved::encode(&plan);
    assert!(text.starts_with(r#"{"schema":4,"plan":"#), "{text}");
    assert_eq!(saved::decode(&text), Ok(plan));
    // A version that knows only schema 3 would have read it without its ranges: it sees a
    // newer schema instead (checked by that version's own `Newer` path).
    let bad = text.replace(r#""high":"600""#, r#""high":"50""#);
    assert!(matches!(
        saved::decode(&bad),
        Err(saved::SavedError::Invalid(_))
    ));
}

/// A custom agent on the GitHub Copilot harness (or with usage values) is saved as schema 5: a
/// version before the harness would bill its steps on the rate card; one without is not.
#[test]
fn harness_agents_are_saved_as_schema_five() {
    use agent_credits::rating::STARTERS;
    let starter = |id: &str| STARTERS.iter().find(|s| s.id == id).unwrap();
    let mut plan = Plan::default();
    plan.workload.custom.push(starter("qa").build(1));
    assert!(saved::encode(&plan).starts_with(r#"{"schema":3,"#));
    plan.workload
        .custom
        .push(starter("github_copilot").build(2));
    let text = saved::encode(&plan);
    assert!(text.starts_with(r#"{"schema":5,"#), "{text}");
    assert_eq!(saved::decode(&text), Ok(plan));
    assert!(text.contains(r#""harness":"github_copilot""#), "{text}");
}

/// Prices converted from US dollars at an exchange rate are saved as schema 6, with the rate and
/// its date; without one, nothing changes.
#[test]
fn converted_prices_are_saved_as_schema_six() {
    use agent_credits::capacity::{Prices, LIST_PRICES_USD};
    let mut plan = Plan::default();
    assert!(saved::encode(&plan).starts_with(r#"{"schema":3,"#));
    plan.billing.prices = Prices::converted(
        &LIST_PRICES_USD,
        "EUR",
        "0.92".parse().unwrap(),
        "2026-11-20",
    );
    let text = saved::encode(&plan);
    assert!(text.starts_with(r#"{"schema":6,"#), "{text}");
    assert_eq!(saved::SCHEMA, 6);
    assert!(
        text.contains(r#""exchange":{"rate":"0.92","date":"2026-11-20"}"#),
        "{text}"
    );
    assert_eq!(saved::decode(&text), Ok(plan));
}

/// The estimate's title, parties, date and notes travel in links (readable keys, last) and
/// saves (schema 5); a date that is not one is refused with its reason.
#[test]
fn the_estimates_title_and_parties_travel() {
    use agent_credits::plan::About;
    use agent_credits::share;
    let link = "?payables.documents=250&estimate.title=Agents%20for%20Contoso\
                &estimate.for=Contoso%20Ltd&estimate.by=Fabrikam%20Partners\
                &estimate.date=2026-12-01&estimate.notes=Volumes%20from%20the%20pilot%2C%20Q4";
    let read = share::read(link);
    assert!(read.ignored.is_empty(), "{:?}", read.ignored);
    let plan = read.plan().unwrap();
    let want = About {
        title: "Agents for Contoso".into(),
        prepared_for: "Contoso Ltd".into(),
        prepared_by: "Fabrikam Partners".into(),
        date: "2026-12-01".into(),
        notes: "Volumes from the pilot, Q4".into(),
    };
    assert_eq!(plan.about, want);
    let written = share::write(&plan);
    assert!(
        written.ends_with(
            "&estimate.title=Agents%20for%20Contoso&estimate.for=Contoso%20Ltd\
             &estimate.by=Fabrikam%20Partners&estimate.date=2026-12-01\
             &estimate.notes=Volumes%20from%20the%20pilot%2C%20Q4"
        ),
        "{written}"
    );
    assert_eq!(share::read(&written).plan(), Some(plan.clone()));
    let text = saved::encode(&plan);
    assert!(text.starts_with(r#"{"schema":5,"#), "{text}");
    assert_eq!(saved::decode(&text), Ok(plan));
    // Only the title: the rest stays empty (the date is today's wherever it is opened).
    let read = share::read("?estimate.title=Q4&estimate.date=2026-02-30&estimate.colour=red");
    let keys: Vec<_> = read.ignored.iter().map(|i| i.to_string()).collect();
    assert_eq!(
        keys,
        [
            "“estimate.date” must be a date written YYYY-MM-DD",
            "“estimate.colour” is not a setting of this calculator"
        ]
    );
    assert_eq!(read.plan().unwrap().about.title, "Q4");
    // A saved value with an overlong title is refused, not cut silently.
    let long = saved::encode(&Plan {
        about: About {
            title: "x".repeat(121),
            ..About::default()
        },
        ..Plan::default()
    });
    assert!(matches!(
        saved::decode(&long),
        Err(saved::SavedError::Invalid(_))
    ));
}
