//! The reader's number conventions, read once from the browser.

use js_sys::{Function, Number, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::format::NumberFormat;

/// How the browser's default locale writes 1234.5, turned into a [`NumberFormat`].
///
/// When the page's boot script found a language that writes it "1,234.5" (`data-format="en"` on
/// `<html>`, from a list of such languages in index.html), that is the answer: asking the browser
/// starts its number formatting, which took 15-50 ms in a fresh tab, on the way to a shared link's
/// first figure. Otherwise it calls `Number.prototype.toLocaleString` through `Reflect`, so that
/// a browser without it, or one that throws, yields English rather than an exception that would
/// stop the page.
pub fn number_format() -> NumberFormat {
    let told = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|html| html.get_attribute("data-format"));
    if told.as_deref() == Some("en") {
        return NumberFormat::en();
    }
    from_browser()
}

fn from_browser() -> NumberFormat {
    let number = JsValue::from(Number::from(1234.5));
    let sample = Reflect::get(&number, &JsValue::from_str("toLocaleString"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .and_then(|f| f.call0(&number).ok())
        .and_then(|s| s.as_string());
    sample.map_or_else(NumberFormat::en, |s| NumberFormat::from_sample(&s))
}
