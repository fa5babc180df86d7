use leptos::prelude::*;

use crate::components::share_export::Exports;
use crate::export;

/// The printed proposal: the estimate as one clean document (title, parties, date, rate card
/// and prices, the month, the agents, the settings that apply, the bill, 12 months and how the
/// bill is computed), written just before the browser prints (the `beforeprint` event: the Print
/// button, the browser's own print command, a PDF). It lives outside the app's root, and the
/// print stylesheet prints it instead of the page; until the first print it is empty, and the
/// page itself prints.
#[component]
pub fn PrintProposal() -> impl IntoView {
    crate::browser::adopt_stylesheet("print", PRINT_CSS);
    let exports = Exports::from_context();
    let holder = web_sys::window().and_then(|w| w.document()).and_then(|d| {
        let el = d.create_element("div").ok()?;
        el.set_class_name("print-proposal");
        d.body()?.append_child(&el).ok()?;
        Some(el)
    });
    let Some(holder) = holder else {
        return;
    };
    let target = holder.clone();
    let handle = window_event_listener(leptos::ev::beforeprint, move |_| {
        if let Some(html) = exports.with_source(|src| export::html(&export::document(src))) {
            target.set_inner_html(&html);
        }
    });
    drop(holder);
    on_cleanup(move || {
        handle.remove();
        // Found again rather than captured: a cleanup must be Send, an element is not.
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(".print-proposal").ok().flatten())
        {
            el.remove();
        }
    });
}

/// The print stylesheet (`style/print.css`).
const PRINT_CSS: &str = include_str!("../../style/print.css");
