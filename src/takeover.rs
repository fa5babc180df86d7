//! Taking over the prerendered page.
//!
//! The built `index.html` already holds the page as it looks for the default estimate
//! (`scripts/prerender.mjs`), so a first visit sees its figures before any Wasm arrives. When the
//! views are loaded, the app builds the page afresh in a detached element and swaps it in for the
//! prerendered one in a single step, so nothing flashes and no reconciliation with old markup can
//! go wrong. What the visitor did to the old markup meanwhile carries over: text typed into any
//! field (by its `data-input` key), and where the focus and the caret were. Parts of the page
//! whose code comes later ([`crate::components::Slot`]) keep the prerendered markup until it
//! does, when it still shows the estimate on screen.
//!
//! Attributes on `<html>` tell the page's stylesheet and anyone watching where start-up is:
//! `data-app` is `loading` (the served HTML), then `ready` once the app owns the page (a public
//! hook), or `failed` when its code could not be downloaded; `data-plan` is `unknown` in the
//! served HTML (the page stays hidden), then `default` or `other` as the boot script and later the
//! app find whether the prerendered figures are the visitor's (a link, a saved estimate, another
//! number format make them `other`: the page shows a loading state instead of them);
//! `data-complete` once every part is live.

use rust_decimal::Decimal;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, EventInit, HtmlElement};

use crate::format::exact;
use crate::split::Build;

/// Id of the page's root element in `index.html`.
pub const ROOT_ID: &str = "app";

fn document() -> Option<Document> {
    web_sys::window()?.document()
}

fn html() -> Option<Element> {
    document()?.document_element()
}

/// Says whether the prerendered figures are the visitor's own (`data-plan` on `<html>`).
pub fn mark_plan(prerendered_is_theirs: bool) {
    let Some(html) = html() else { return };
    let _ = html.set_attribute(
        "data-plan",
        if prerendered_is_theirs {
            "default"
        } else {
            "other"
        },
    );
}

/// Every part of the page is live.
pub fn mark_complete() {
    if let Some(html) = html() {
        let _ = html.remove_attribute("data-plan");
        let _ = html.set_attribute("data-complete", "");
    }
}

/// The page's own code could not be downloaded: say so above whatever is on screen.
pub fn load_failed() {
    // The boot script's handler (index.html) says it the same way as when the first module
    // fails: the widget's link to its estimate, the prerendered page hidden when it is not the
    // visitor's, the height told to a host page. (Only before the app owns the page: a part
    // that fails later gets the notice below, over a working estimate.)
    let loading = document()
        .and_then(|d| d.document_element())
        .and_then(|h| h.get_attribute("data-app"))
        .is_some_and(|state| state == "loading");
    if let Some(handler) = web_sys::window()
        .filter(|_| loading)
        .and_then(|w| js_sys::Reflect::get(&w, &"agentCreditsFailed".into()).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        if handler.call0(&wasm_bindgen::JsValue::NULL).is_ok() {
            return;
        }
    }
    let Some(doc) = document() else { return };
    if let Some(html) = doc.document_element() {
        let _ = html.set_attribute("data-app", "failed");
    }
    let Ok(notice) = doc.create_element("div") else {
        return;
    };
    notice.set_class_name("notice load-failed");
    let _ = notice.set_attribute("data-notice", "load-failed");
    let _ = notice.set_attribute("role", "alert");
    notice.set_text_content(Some(
        "This page's code couldn't be downloaded, so the calculator can't start. Check the \
         connection and reload the page.",
    ));
    if let Some(body) = doc.body() {
        let _ = body.prepend_with_node_1(&notice);
    }
}

/// Shows a linked estimate's total while the page's views are on their way: the prerendered
/// total, given the link's exact value and its text, moves into the loading line above the
/// (hidden) prerendered page. The app's own page replaces it ([`mount_over`]).
pub fn show_early_total(value: Decimal, shown: &str) {
    let Some(doc) = document() else { return };
    let (Ok(Some(status)), Ok(Some(output))) = (
        doc.query_selector(".boot-status"),
        doc.query_selector(&format!("#{ROOT_ID} [data-metric=\"{EARLY_TOTAL}\"]")),
    ) else {
        return;
    };
    let Ok(Some(figure)) = output.closest(".figure") else {
        return;
    };
    let _ = output.set_attribute("data-value", &exact(value));
    output.set_text_content(Some(shown));
    let _ = status.append_child(&figure);
}

/// The figure [`show_early_total`] shows.
const EARLY_TOTAL: &str = "total.credits_per_month";

/// Builds the page with `build` in a detached root, lets its first effects settle (they run as
/// microtasks, so no input event can come in between), then puts it in place of the prerendered
/// root in one step, carrying over typed text and focus; with `adopt`, the prerendered markup of
/// each slot moves into the new page until its code arrives. Then marks the page ready.
pub async fn mount_over(build: Build, adopt: bool) {
    let Some(doc) = document() else { return };
    let Ok(fresh) = doc.create_element("div") else {
        return;
    };
    fresh.set_id(ROOT_ID);
    let handle = leptos::mount::mount_to(fresh.clone().unchecked_into::<HtmlElement>(), build);
    // The page lives as long as the tab.
    std::mem::forget(handle);
    leptos::task::tick().await;
    put_in_place(&fresh, adopt);
}

/// Puts `fresh`, a complete page root (`#app`) built off screen, in place of the prerendered
/// one in one step, carrying over typed text and focus (with `adopt`, the prerendered markup of
/// each slot too), and marks the page ready. The widget builds its root without Leptos
/// ([`crate::widget`]) and comes straight here.
pub fn put_in_place(fresh: &Element, adopt: bool) {
    let Some(doc) = document() else { return };
    let old = doc.get_element_by_id(ROOT_ID).or_else(|| {
        let root = doc.create_element("div").ok()?;
        root.set_id(ROOT_ID);
        doc.body()?.append_child(&root).ok()?;
        Some(root)
    });
    let Some(old) = old else { return };
    let typed = capture(&old, &old);
    if adopt {
        adopt_slots(&old, fresh);
    }
    if old.replace_with_with_node_1(fresh).is_err() {
        return;
    }
    replay(&typed);
    // The early total, if any, is the new page's now.
    if let Ok(Some(early)) = doc.query_selector(".boot-status .figure") {
        early.remove();
    }
    if let Some(html) = doc.document_element() {
        let _ = html.set_attribute("data-app", "ready");
    }
    // The exact moment, for measurements (scripts/bench): a mutation observer sees the
    // attribute only at the next microtask checkpoint.
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark("agent-credits:ready");
    }
}

/// Moves the children of each prerendered slot into the new page's slot of the same name.
fn adopt_slots(old: &Element, fresh: &Element) {
    let Ok(slots) = fresh.query_selector_all("[data-slot]") else {
        return;
    };
    for i in 0..slots.length() {
        let Some(slot) = slots.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let Some(name) = slot.get_attribute("data-slot") else {
            continue;
        };
        let Ok(Some(prerendered)) = old.query_selector(&format!("[data-slot=\"{name}\"]")) else {
            continue;
        };
        while let Some(child) = prerendered.first_child() {
            if slot.append_child(&child).is_err() {
                break;
            }
        }
        let _ = slot.set_attribute("data-adopted", "");
    }
}

/// One field's text, or a select's choice, that differs from what the markup was served with.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Field {
    key: String,
    /// Which of the fields with this key (in document order).
    nth: u32,
    value: String,
}

/// Where the focus was: a field by key, with its caret, or any other control by its hooks.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Focus {
    selector: String,
    nth: u32,
    selection: Option<(u32, u32)>,
}

/// What the visitor did to markup that is about to be replaced.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Typed {
    fields: Vec<Field>,
    focus: Option<Focus>,
}

/// What was typed into the adopted (prerendered) parts of the page, before they are replaced.
pub fn capture_adopted() -> Typed {
    let Some(doc) = document() else {
        return Typed::default();
    };
    let mut typed = Typed::default();
    let Some(page) = doc.get_element_by_id(ROOT_ID) else {
        return typed;
    };
    if let Ok(slots) = page.query_selector_all("[data-slot][data-adopted]") {
        for i in 0..slots.length() {
            if let Some(slot) = slots.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                let more = capture(&slot, &page);
                typed.fields.extend(more.fields);
                typed.focus = typed.focus.or(more.focus);
            }
        }
    }
    typed
}

/// Fields under `root` whose value differs from the value they were served with, and the focus
/// if it is inside `root`; each is numbered among the elements of its kind under `page`, so it
/// is found again in a page of the same structure.
fn capture(root: &Element, page: &Element) -> Typed {
    let mut typed = Typed::default();
    let Ok(fields) = root.query_selector_all("[data-input]") else {
        return typed;
    };
    for i in 0..fields.length() {
        let Some(el) = fields.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let Some(key) = el.get_attribute("data-input") else {
            continue;
        };
        if let Some((value, served)) = value_and_default(&el) {
            if value != served {
                let nth = nth_of(page, &format!("[data-input=\"{key}\"]"), &el);
                typed.fields.push(Field { key, nth, value });
            }
        }
    }
    typed.focus = document()
        .and_then(|d| d.active_element())
        .filter(|el| root.contains(Some(el)))
        .and_then(|el| focus_of(page, &el));
    typed
}

/// A field's current value and the value it was served with.
fn value_and_default(el: &Element) -> Option<(String, String)> {
    if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        if input.type_() == "file" {
            return None;
        }
        return Some((input.value(), input.default_value()));
    }
    if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        return Some((area.value(), area.default_value().unwrap_or_default()));
    }
    if let Some(select) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
        let served = select
            .query_selector("option[selected]")
            .ok()
            .flatten()
            .or_else(|| select.query_selector("option").ok().flatten())
            .and_then(|o| o.get_attribute("value"))
            .unwrap_or_default();
        return Some((select.value(), served));
    }
    None
}

/// The position of `el` among the elements under `root` matching `selector`.
fn nth_of(root: &Element, selector: &str, el: &Element) -> u32 {
    let Ok(all) = root.query_selector_all(selector) else {
        return 0;
    };
    (0..all.length())
        .find(|&i| all.item(i).is_some_and(|n| n.is_same_node(Some(el))))
        .unwrap_or(0)
}

fn focus_of(root: &Element, el: &Element) -> Option<Focus> {
    let selector = if let Some(key) = el.get_attribute("data-input") {
        format!("[data-input=\"{key}\"]")
    } else if let Some(action) = el.get_attribute("data-action") {
        format!("[data-action=\"{action}\"]")
    } else {
        return None;
    };
    let selection = el
        .dyn_ref::<web_sys::HtmlInputElement>()
        .and_then(|i| Some((i.selection_start().ok()??, i.selection_end().ok()??)));
    Some(Focus {
        nth: nth_of(root, &selector, el),
        selector,
        selection,
    })
}

/// Types the captured text into the page as it is now (each field by key, through the same
/// `input`/`change` events a person's typing fires, so it is validated and computed like any
/// edit), then puts the focus and caret back.
pub fn replay(typed: &Typed) {
    let Some(doc) = document() else { return };
    let Some(root) = doc.get_element_by_id(ROOT_ID) else {
        return;
    };
    for field in &typed.fields {
        let Some(el) = nth(&root, &format!("[data-input=\"{}\"]", field.key), field.nth) else {
            continue;
        };
        let event = if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
            input.set_value(&field.value);
            "input"
        } else if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            area.set_value(&field.value);
            "input"
        } else if let Some(select) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
            select.set_value(&field.value);
            "change"
        } else {
            continue;
        };
        let init = EventInit::new();
        init.set_bubbles(true);
        if let Ok(e) = Event::new_with_event_init_dict(event, &init) {
            let _ = el.dispatch_event(&e);
        }
    }
    if let Some(focus) = &typed.focus {
        if let Some(el) = nth(&root, &focus.selector, focus.nth) {
            if let Some(el) = el.dyn_ref::<HtmlElement>() {
                let _ = el.focus();
            }
            if let (Some(input), Some((start, end))) =
                (el.dyn_ref::<web_sys::HtmlInputElement>(), focus.selection)
            {
                let _ = input.set_selection_range(start, end);
            }
        }
    }
}

fn nth(root: &Element, selector: &str, n: u32) -> Option<Element> {
    root.query_selector_all(selector)
        .ok()?
        .item(n)?
        .dyn_into::<Element>()
        .ok()
}
