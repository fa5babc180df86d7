//! The page's few direct browser calls outside storage: the address, the clipboard, downloads,
//! file import, printing, taking the user to an element and telling an embedding page our height. Each fails softly: a
//! missing API yields `Err`/`None`, never a panic.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The page's address without query or fragment (`https://host/tools/credits/`).
pub fn base_url() -> String {
    web_sys::window()
        .and_then(|w| {
            let l = w.location();
            Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))
        })
        .unwrap_or_default()
}

/// The query string and fragment, as one parameter list.
pub fn link_text() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    crate::share::combine(
        &location.search().unwrap_or_default(),
        &location.hash().unwrap_or_default(),
    )
}

/// Copies `text` to the clipboard.
///
/// # Errors
/// When the browser has no clipboard here or refuses (no permission, insecure context).
pub async fn copy(text: &str) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let clipboard = window.navigator().clipboard();
    JsFuture::from(clipboard.write_text(text)).await.map(|_| ())
}

/// Puts `html` and its plain-text version on the clipboard together, so a mail or an Office
/// document pastes a table and a text field pastes text. Where the browser has no
/// `ClipboardItem`, only the text.
///
/// # Errors
/// When the browser refuses (no permission, no user gesture).
pub async fn copy_rich(html: &str, text: &str) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let clipboard = window.navigator().clipboard();
    // Looked up rather than bound: older browsers lack the constructor, and then the text goes.
    let ctor = js_sys::Reflect::get(&window, &JsValue::from_str("ClipboardItem"))?;
    let Some(ctor) = ctor.dyn_ref::<js_sys::Function>() else {
        return JsFuture::from(clipboard.write_text(text)).await.map(|_| ());
    };
    let items = js_sys::Object::new();
    for (mime, body) in [("text/html", html), ("text/plain", text)] {
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let parts = js_sys::Array::of1(&JsValue::from_str(body));
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
        js_sys::Reflect::set(&items, &JsValue::from_str(mime), &blob)?;
    }
    let item = js_sys::Reflect::construct(ctor, &js_sys::Array::of1(&items))?;
    JsFuture::from(clipboard.write(&js_sys::Array::of1(&item)))
        .await
        .map(|_| ())
}

/// Offers `text` as a file download named `name`.
///
/// # Errors
/// When the browser refuses to make the file.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let document = window.document().ok_or(JsValue::NULL)?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}

/// The text of the first file chosen in a file input.
///
/// # Errors
/// When no file was chosen or it cannot be read.
pub async fn read_chosen_file(input: &web_sys::HtmlInputElement) -> Result<String, JsValue> {
    let file = input.files().and_then(|f| f.get(0)).ok_or(JsValue::NULL)?;
    let text = JsFuture::from(file.text()).await?;
    text.as_string().ok_or(JsValue::NULL)
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// Reports a panic on the console, with its message and where in the code it happened. (No
/// panic is expected: bad input gets a message, never a panic; this is for whoever debugs the
/// one that slipped through. The message alone: a JavaScript stack of Wasm frames says little.)
pub fn report_panics() {
    std::panic::set_hook(Box::new(|info| console_error(&info.to_string())));
}

/// Today's date where the reader is, `YYYY-MM-DD` (an estimate's date when none is set).
pub fn today() -> String {
    // Swedish writes dates as ISO 8601 does, in the reader's own time zone (not UTC's).
    js_sys::Date::new_0()
        .to_locale_date_string("sv-SE", &JsValue::UNDEFINED)
        .into()
}

/// Opens the print dialog (the print stylesheet makes a one-page summary).
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// The message an embedded widget posts to its parent whenever its height changes:
/// `{ "type": "agent-credits:resize", "height": <CSS pixels> }`.
pub const RESIZE_MESSAGE: &str = "agent-credits:resize";

/// Tells the embedding page our content height now and whenever it changes, so the host can
/// size the iframe without scrollbars. Does nothing outside an iframe.
pub fn report_height_to_parent() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    if parent == window {
        return;
    }
    let Some(body) = window.document().and_then(|d| d.document_element()) else {
        return;
    };
    let post = {
        let body = body.clone();
        move || {
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"type".into(), &RESIZE_MESSAGE.into());
            let height = f64::from(body.scroll_height());
            let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
            let _ = parent.post_message(&message, "*");
        }
    };
    post();
    let callback = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(post);
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&body);
    }
    // The observer lives as long as the page.
    callback.forget();
}

/// [`go_to`] once the page has drawn what the current change adds: the next frame (by then the
/// reactive updates the change queued have run), or a later one for a card whose module is
/// still on its way; given up after about two seconds.
pub fn go_to_soon(selector: &str) {
    fn attempt(selector: String, frames_left: u32) {
        leptos::prelude::request_animation_frame(move || {
            if !go_to(&selector) && frames_left > 0 {
                attempt(selector, frames_left - 1);
            }
        });
    }
    attempt(selector.to_string(), 120);
}

/// Takes the user to the element matching `selector` (the field in error, an agent just added):
/// opens the `<details>` it is in, scrolls it to the middle of the window and focuses it. Returns
/// whether the element was found.
pub fn go_to(selector: &str) -> bool {
    let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
    else {
        return false;
    };
    let mut parent = el.parent_element();
    while let Some(p) = parent {
        if p.tag_name().eq_ignore_ascii_case("details") {
            let _ = p.set_attribute("open", "");
        }
        parent = p.parent_element();
    }
    let scroll = web_sys::ScrollIntoViewOptions::new();
    scroll.set_block(web_sys::ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&scroll);
    if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
        // Already scrolled where it reads best; focusing must not move it to the edge.
        let focus = web_sys::FocusOptions::new();
        focus.set_prevent_scroll(true);
        let _ = el.focus_with_options(&focus);
    }
    true
}

/// Drops the link's parameters from the address bar, so a reload shows the user's own estimate.
pub fn clean_url() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let path = window.location().pathname().unwrap_or_default();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&path));
    }
}

/// Adds the stylesheet `css` to the document once (`name` tells it apart): a constructed
/// stylesheet, not a `<style>` element, which the page's Content-Security-Policy refuses (styles
/// come only from the site's own files and the CSSOM). Sheets that only the later parts of the
/// page need come this way, with those parts. Where the browser cannot construct one, nothing
/// happens.
pub fn adopt_stylesheet(name: &str, css: &str) {
    use js_sys::{Array, Function, Reflect};
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    let key = |k: &str| JsValue::from_str(k);
    let marker = key(&format!("agentCredits_{name}"));
    let adopt = || -> Result<(), JsValue> {
        let sheets: Array = Reflect::get(&document, &key("adoptedStyleSheets"))?.dyn_into()?;
        if sheets
            .iter()
            .any(|s| Reflect::has(&s, &marker).unwrap_or(false))
        {
            return Ok(());
        }
        let ctor: Function = Reflect::get(&window, &key("CSSStyleSheet"))?.dyn_into()?;
        let sheet = Reflect::construct(&ctor, &Array::new())?;
        let replace: Function = Reflect::get(&sheet, &key("replaceSync"))?.dyn_into()?;
        replace.call1(&sheet, &key(css))?;
        Reflect::set(&sheet, &marker, &JsValue::TRUE)?;
        // A new array: older browsers hand out a frozen one.
        let all = Array::from(&sheets);
        all.push(&sheet);
        Reflect::set(&document, &key("adoptedStyleSheets"), &all)?;
        Ok(())
    };
    let _ = adopt();
}

/// Registers the service worker that keeps this build for offline use (`sw.js`, written by
/// `scripts/offline.mjs` into release builds, which mark `<html data-sw>`). Called once the page
/// is complete, so it never competes with the first visit. Without one (a development build, a
/// browser or a sandboxed iframe without service workers), nothing happens.
pub fn keep_offline_copy() {
    use js_sys::{Function, Promise, Reflect};
    let Some(window) = web_sys::window() else {
        return;
    };
    let marked = window
        .document()
        .and_then(|d| d.document_element())
        .is_some_and(|h| h.has_attribute("data-sw"));
    if !marked {
        return;
    }
    let workers = Reflect::get(&window.navigator(), &JsValue::from_str("serviceWorker"))
        .ok()
        .filter(|w| !w.is_undefined());
    let Some(workers) = workers else { return };
    let register = Reflect::get(&workers, &JsValue::from_str("register"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok());
    let Some(register) = register else { return };
    // Relative to the page: its scope is the folder the site is served from.
    if let Ok(p) = register.call1(&workers, &JsValue::from_str("./sw.js")) {
        if let Ok(p) = p.dyn_into::<Promise>() {
            // A refusal (storage off, a private window) leaves the page as it is.
            wasm_bindgen_futures::spawn_local(async move {
                let _ = JsFuture::from(p).await;
            });
        }
    }
}
