//! The reader's number conventions, read once from the browser.

use js_sys::{Function, Number, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::format::NumberFormat;

/// How the browser's default locale writes 1234.5, turned into a [`NumberFormat`].
///
/// Calls `Number.prototype.toLocaleString` through `Reflect` so that a browser without it, or one
/// that throws, yields English rather than an exception that would stop the page.
pub fn number_format() -> NumberFormat {
    let number = JsValue::from(Number::from(1234.5));
    let sample = Reflect::get(&number, &JsValue::from_str("toLocaleString"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .and_then(|f| f.call0(&number).ok())
        .and_then(|s| s.as_string());
    sample.map_or_else(NumberFormat::en, |s| NumberFormat::from_sample(&s))
}
