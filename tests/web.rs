//! Browser tests: the app mounted in real Chromium, driven through the DOM hooks docs pages and
//! the whole-page tests rely on. Run by `wasm-bindgen-test-runner` (see `.cargo/config.toml`).
#![cfg(target_arch = "wasm32")]

use agent_credits::boot::{mount_page_in, Mounted};
use agent_credits::storage::{ASIDE_KEY, KEY};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Document, Event, EventInit, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The default estimate: both reference agents at their worked examples' inputs, 1,180 (Sales
/// Order agent) + 5,200 (Payables agent) credits a month (docs/reference/).
const DEFAULT_TOTAL: &str = "6380";

fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Mounts a fresh page, as start-up builds it, in its own element; dropping the handle
/// unmounts it.
async fn mount() -> (HtmlElement, Mounted) {
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let mounted = mount_page_in(host.clone()).await;
    (host, mounted)
}

/// Lets queued work finish (saving runs as a task of its own): waits for a timer, which runs
/// after every microtask queued before it.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    leptos::task::tick().await;
}

fn metric(host: &HtmlElement, key: &str) -> Option<String> {
    host.query_selector(&format!("[data-metric=\"{key}\"]"))
        .unwrap()
        .and_then(|e| e.get_attribute("data-value"))
}

fn metric_text(host: &HtmlElement, key: &str) -> String {
    host.query_selector(&format!("[data-metric=\"{key}\"]"))
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn error(host: &HtmlElement, key: &str) -> Option<String> {
    host.query_selector(&format!("[data-error=\"{key}\"]"))
        .unwrap()
        .and_then(|e| e.text_content())
}

async fn click(host: &HtmlElement, selector: &str) {
    let button: HtmlElement = host
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .unchecked_into();
    button.click();
    leptos::task::tick().await;
}

async fn type_into(host: &HtmlElement, key: &str, text: &str) {
    let input: HtmlInputElement = host
        .query_selector(&format!("[data-input=\"{key}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no input {key}"))
        .unchecked_into();
    input.set_value(text);
    let init = EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    leptos::task::tick().await;
}

#[wasm_bindgen_test]
async fn shows_the_reference_figures_by_default() {
    storage().clear().unwrap();
    let (host, _app) = mount().await;
    leptos::task::tick().await;
    let cases = [
        ("sales_order.credits_per_run", "11.8"),
        ("sales_order.credits_per_month", "1180"),
        ("payables.credits_per_run", "52"),
        ("payables.credits_per_month", "5200"),
        ("total.credits_per_month", DEFAULT_TOTAL),
        ("payables.lines.1.credits_per_run", "32"),
        ("payables.lines.50.credits_per_run", "277"),
    ];
    for (key, want) in cases {
        assert_eq!(metric(&host, key).as_deref(), Some(want), "{key}");
    }
    assert_eq!(metric_text(&host, "total.credits_per_month"), "6,380"); // DEFAULT_TOTAL, grouped
    let derivation = host
        .query_selector("[data-derivation=\"sales_order\"]")
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    assert_eq!(
        derivation,
        "[(2 + 5 + 2) + 0.4×(5 + 2)] × 100 requests = 1,180 Copilot Credits/month"
    );
}

#[wasm_bindgen_test]
async fn typing_updates_the_figures_and_saves() {
    storage().clear().unwrap();
    let (host, _app) = mount().await;
    type_into(&host, "payables.lines", "10").await;
    assert_eq!(
        metric(&host, "payables.credits_per_run").as_deref(),
        Some("77")
    );
    assert_eq!(
        metric(&host, "payables.credits_per_month").as_deref(),
        Some("7700")
    );
    assert_eq!(
        metric(&host, "total.credits_per_month").as_deref(),
        Some("8880")
    );
    settle().await;
    let saved = storage().get_item(KEY).unwrap().unwrap_or_default();
    assert!(saved.contains(r#""lines":"10""#), "saved: {saved}");
}

#[wasm_bindgen_test]
async fn a_bad_value_gets_a_message_and_keeps_the_last_estimate() {
    storage().clear().unwrap();
    let (host, _app) = mount().await;
    type_into(&host, "sales_order.requests", "200").await;
    assert_eq!(
        metric(&host, "sales_order.credits_per_month").as_deref(),
        Some("2360")
    );
    let bad = [
        ("sales_order.requests", "", "Enter a number."),
        ("sales_order.requests", "-5", "can't be negative"),
        ("sales_order.requests", "abc", "digits"),
        ("sales_order.requests", "1e400", "exponent"),
        ("sales_order.requests", "2.5", "whole number"),
        (
            "sales_order.requests",
            "999999999999",
            "at most 100,000,000",
        ),
        ("sales_order.attachment_rate", "250", "0 to 100"),
    ];
    for (key, text, message) in bad {
        type_into(&host, key, text).await;
        let shown = error(&host, key).unwrap_or_else(|| panic!("no message for {key}={text:?}"));
        assert!(shown.contains(message), "{key}={text:?}: {shown}");
        assert_eq!(
            metric(&host, "sales_order.credits_per_month").as_deref(),
            Some("2360"),
            "{key}={text:?} changed the estimate"
        );
    }
    type_into(&host, "sales_order.attachment_rate", "40").await;
    type_into(&host, "sales_order.requests", "300").await;
    assert_eq!(error(&host, "sales_order.requests"), None);
    assert_eq!(
        metric(&host, "sales_order.credits_per_month").as_deref(),
        Some("3540")
    );
}

#[wasm_bindgen_test]
async fn restores_the_saved_estimate() {
    storage().clear().unwrap();
    {
        let (host, _app) = mount().await;
        type_into(&host, "payables.documents", "250").await;
        settle().await;
    }
    let (host, _app) = mount().await;
    leptos::task::tick().await;
    assert_eq!(
        metric(&host, "payables.credits_per_month").as_deref(),
        Some("13000")
    );
}

#[wasm_bindgen_test]
async fn unreadable_storage_is_kept_aside_with_a_notice() {
    storage().clear().unwrap();
    storage().set_item(KEY, "{not json").unwrap();
    let (host, _app) = mount().await;
    leptos::task::tick().await;
    assert!(host
        .query_selector("[data-notice=\"storage-unreadable\"]")
        .unwrap()
        .is_some());
    assert_eq!(
        metric(&host, "total.credits_per_month").as_deref(),
        Some(DEFAULT_TOTAL)
    );
    assert_eq!(
        storage().get_item(ASIDE_KEY).unwrap().as_deref(),
        Some("{not json")
    );
}

#[wasm_bindgen_test]
async fn removing_and_adding_an_agent() {
    storage().clear().unwrap();
    let (host, _app) = mount().await;
    click(
        &host,
        "[data-agent=\"sales_order\"] [data-action=\"remove-agent\"]",
    )
    .await;
    assert!(host
        .query_selector("section[data-agent=\"sales_order\"]")
        .unwrap()
        .is_none());
    assert_eq!(
        metric(&host, "total.credits_per_month").as_deref(),
        Some("5200")
    );
    click(
        &host,
        "[data-action=\"add-agent\"][data-agent=\"sales_order\"]",
    )
    .await;
    assert_eq!(
        metric(&host, "total.credits_per_month").as_deref(),
        Some(DEFAULT_TOTAL)
    );
}

#[wasm_bindgen_test]
async fn billing_settings_update_the_bill_and_are_saved() {
    storage().clear().unwrap();
    let (host, _app) = mount().await;
    assert_eq!(metric(&host, "billing.total_cost").as_deref(), Some("63.8"));
    assert_eq!(
        metric(&host, "billing.payg_credits").as_deref(),
        Some(DEFAULT_TOTAL)
    );
    type_into(&host, "billing.packs", "1").await;
    assert_eq!(
        metric(&host, "billing.prepaid_used_credits").as_deref(),
        Some(DEFAULT_TOTAL)
    );
    assert_eq!(metric(&host, "billing.payg_credits").as_deref(), Some("0"));
    assert_eq!(metric(&host, "billing.total_cost").as_deref(), Some("200"));
    assert!(metric_text(&host, "billing.total_cost").contains("200.00"));

    type_into(&host, "billing.packs", "-1").await;
    let shown = error(&host, "billing.packs").expect("a message for -1 packs");
    assert!(shown.contains("can't be negative"), "{shown}");
    assert_eq!(metric(&host, "billing.total_cost").as_deref(), Some("200"));

    settle().await;
    let saved = storage().get_item(KEY).unwrap().unwrap_or_default();
    assert!(
        saved.starts_with(r#"{"schema":3,"plan":"#),
        "saved: {saved}"
    );
    assert!(saved.contains(r#""packs":1"#), "saved: {saved}");
}
