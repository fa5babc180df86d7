//! The widget on the page, without a view library: its markup is built once from
//! [`Shown`], then each edit copies into the page only what changed. The markup and its hooks
//! are the full page's (`data-input`, `data-metric`, `data-value`, `data-stale`, `data-error`,
//! `data-notice`, `data-action`), so hosts, tests and the stylesheet see one calculator.
//!
//! Why not Leptos here: a docs page may embed several widgets, and Leptos' runtime and views
//! alone weigh more than the widget's whole budget (BENCHMARKS.md). The first module already
//! holds the rating core and the link reader; this adds the billing core and a few DOM calls.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, HtmlInputElement};

use super::model::{FieldShown, FigureShown, Shown, Widget};
use crate::app::link_notice;
use crate::boot::Start;
use crate::session::embedded;
use crate::state::Notice;
use crate::takeover::{self, ROOT_ID};
use crate::{browser, split};

/// The widget module's entry point ([`crate::split::widget`]).
pub fn run(start: Start) {
    let Start {
        link,
        mut notices,
        fmt,
    } = start;
    notices.extend(link_notice(&link));
    let widget = Widget::new(embedded(&link), fmt);
    takeover::mark_plan(false);
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let shown = widget.shown();
    let Some((root, handles)) = build(&doc, &shown, &notices, &full_link(&widget)) else {
        takeover::load_failed();
        return;
    };
    let live = Rc::new(RefCell::new(Live {
        widget,
        shown,
        handles,
        doc,
        pending: None,
    }));
    listen(&root, "input", {
        let live = Rc::clone(&live);
        move |ev| {
            let Some(input) = ev
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            if let Some(key) = input.get_attribute("data-input") {
                live.borrow_mut().edit(&key, &input.value());
            }
        }
    });
    listen(&root, "click", |ev| {
        let notice = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("[data-notice] button").ok().flatten())
            .and_then(|button| button.closest("[data-notice]").ok().flatten());
        if let Some(notice) = notice {
            notice.remove();
        }
    });
    takeover::put_in_place(&root, false);
    browser::report_height_to_parent();
    takeover::mark_complete();
}

/// The full page's address with this widget's estimate.
fn full_link(widget: &Widget) -> String {
    format!(
        "{}#{}",
        browser::base_url(),
        split::write_link(widget.plan())
    )
}

/// Calls `f` with each `event` under `root`, for as long as the page lives.
fn listen(root: &Element, event: &str, f: impl FnMut(Event) + 'static) {
    let callback = Closure::<dyn FnMut(Event)>::new(f);
    let _ = root.add_event_listener_with_callback(event, callback.as_ref().unchecked_ref());
    callback.forget();
}

/// The widget as it is on screen, and what it was last drawn from.
struct Live {
    widget: Widget,
    shown: Shown,
    handles: Handles,
    doc: Document,
    /// The announcement of the total waiting for typing to stop (a timeout's id).
    pending: Option<i32>,
}

/// How long the total must stay still before it is announced (as on the page).
const SETTLE_MS: i32 = 800;

impl Live {
    fn edit(&mut self, key: &str, text: &str) {
        self.widget.edit(key, text);
        let shown = self.widget.shown();
        let old = &self.shown;
        let doc = &self.doc;
        for ((old, new), h) in fields(old)
            .zip(fields(&shown))
            .zip(&mut self.handles.fields)
        {
            if old != new {
                h.update(doc, new);
            }
        }
        for ((old, new), h) in figures(old)
            .zip(figures(&shown))
            .zip(&mut self.handles.figures)
        {
            if old != new {
                h.update(doc, new);
            }
        }
        if old.unserved != shown.unserved {
            if let Some(note) = self.handles.unserved.take() {
                note.remove();
            }
            if let Some(text) = &shown.unserved {
                self.handles.unserved = unserved_note(doc, text);
                if let Some(note) = &self.handles.unserved {
                    let _ = self.handles.totals.append_child(note);
                }
            }
        }
        let _ = self
            .handles
            .open
            .set_attribute("href", &full_link(&self.widget));
        if old.total.value != shown.total.value || old.cost.value != shown.cost.value {
            self.announce(&shown);
        }
        self.shown = shown;
    }

    /// One polite announcement of the new total once typing stops, not one per keystroke.
    fn announce(&mut self, shown: &Shown) {
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Some(id) = self.pending.take() {
            window.clear_timeout_with_handle(id);
        }
        let (t, c) = (&shown.total, &shown.cost);
        let text = format!(
            "Total: {} {} a month, {} {}.",
            t.shown, t.unit, c.shown, c.unit
        );
        let target = self.handles.announce.clone();
        let say = Closure::once_into_js(move || target.set_text_content(Some(&text)));
        self.pending = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(say.unchecked_ref(), SETTLE_MS)
            .ok();
    }
}

fn fields(s: &Shown) -> impl Iterator<Item = &FieldShown> {
    s.agents.iter().flat_map(|a| a.fields.iter())
}

fn figures(s: &Shown) -> impl Iterator<Item = &FigureShown> {
    s.agents
        .iter()
        .flat_map(|a| a.figures.iter())
        .chain([&s.total, &s.cost])
}

/// The elements an edit may change, in the order of [`fields`] and [`figures`].
struct Handles {
    fields: Vec<FieldHandle>,
    figures: Vec<FigureHandle>,
    /// The month's figures, where the unserved note goes.
    totals: Element,
    unserved: Option<Element>,
    open: Element,
    /// Where the total is announced (`role="status"`, read by screen readers, not shown).
    announce: Element,
}

struct FieldHandle {
    field: Element,
    input: Element,
    unit: Element,
    error: Option<Element>,
}

impl FieldHandle {
    /// The unit and the message follow the field; its text is the user's.
    fn update(&mut self, doc: &Document, f: &FieldShown) {
        self.unit.set_text_content(Some(&f.unit));
        let _ = self.input.set_attribute(
            "aria-invalid",
            if f.error.is_some() { "true" } else { "false" },
        );
        if let Some(old) = self.error.take() {
            old.remove();
        }
        if let Some(message) = &f.error {
            self.error = error(doc, f, message);
            if let Some(e) = &self.error {
                let _ = self.field.append_child(e);
            }
        }
    }
}

struct FigureHandle {
    figure: Element,
    output: Element,
    unit: Element,
    stale: Option<Element>,
    /// The low and high case's outputs and the line that holds them, when the link gave ranges.
    range: Option<([Element; 2], Element)>,
}

impl FigureHandle {
    fn update(&mut self, doc: &Document, f: &FigureShown) {
        let _ = self.output.set_attribute("data-value", &f.value);
        self.output.set_text_content(Some(&f.shown));
        self.unit.set_text_content(Some(&f.unit));
        if let (Some((outputs, line)), Some(values)) = (&self.range, &f.range) {
            for (o, (value, shown)) in outputs.iter().zip(values) {
                let _ = o.set_attribute("data-value", value);
                o.set_text_content(Some(shown));
                set_stale(o, f.stale);
            }
            show_range(line, values);
        }
        set_stale(&self.output, f.stale);
        if f.stale {
            if self.stale.is_none() {
                self.stale = stale_mark(doc);
                if let Some(s) = &self.stale {
                    let _ = self.figure.append_child(s);
                }
            }
        } else if let Some(s) = self.stale.take() {
            s.remove();
        }
    }
}

/// Hides a range line whose low and high case are the same (a figure the ranges do not move),
/// as the page does; its outputs keep their values for the hooks.
fn show_range(line: &Element, values: &[(String, String)]) {
    if values.first().map(|v| &v.0) == values.last().map(|v| &v.0) {
        let _ = line.set_attribute("hidden", "");
    } else {
        let _ = line.remove_attribute("hidden");
    }
}

/// Marks an output as holding the last valid value (`data-stale`), or clears the mark.
fn set_stale(output: &Element, stale: bool) {
    let _ = if stale {
        output.set_attribute("data-stale", "true")
    } else {
        output.remove_attribute("data-stale")
    };
}

/// `<tag attr=value…>text</tag>`, or `None` if the document refuses.
fn el(doc: &Document, tag: &str, attrs: &[(&str, &str)], text: Option<&str>) -> Option<Element> {
    let e = doc.create_element(tag).ok()?;
    for (name, value) in attrs {
        e.set_attribute(name, value).ok()?;
    }
    if text.is_some() {
        e.set_text_content(text);
    }
    Some(e)
}

/// `parent` with `children` appended.
fn with(parent: Element, children: &[&Element]) -> Option<Element> {
    for c in children {
        parent.append_child(c).ok()?;
    }
    Some(parent)
}

/// The page root (`#app`) holding the widget, and the elements edits change.
fn build(
    doc: &Document,
    s: &Shown,
    notices: &[Notice],
    open_href: &str,
) -> Option<(Element, Handles)> {
    let mut fields = Vec::new();
    let mut figures = Vec::new();
    let widget = el(doc, "div", &[("class", "widget")], None)?;
    for a in &s.agents {
        let legend = format!("{} inputs", a.name);
        let inputs = with(
            el(doc, "fieldset", &[("class", "inputs")], None)?,
            &[&el(
                doc,
                "legend",
                &[("class", "visually-hidden")],
                Some(&legend),
            )?],
        )?;
        for f in &a.fields {
            let (node, handle) = field(doc, f)?;
            inputs.append_child(&node).ok()?;
            fields.push(handle);
        }
        let results = el(doc, "div", &[("class", "results")], None)?;
        for f in &a.figures {
            let (node, handle) = figure(doc, f)?;
            results.append_child(&node).ok()?;
            figures.push(handle);
        }
        let body = with(
            el(doc, "div", &[("class", "agent-body")], None)?,
            &[&inputs, &results],
        )?;
        let card = with(
            el(
                doc,
                "section",
                &[("class", "agent widget-agent"), (a.hook.0, &a.hook.1)],
                None,
            )?,
            &[&el(doc, "h2", &[], Some(&a.name))?, &body],
        )?;
        widget.append_child(&card).ok()?;
    }
    let totals = el(doc, "div", &[("class", "results widget-total")], None)?;
    for f in [&s.total, &s.cost] {
        let (node, handle) = figure(doc, f)?;
        totals.append_child(&node).ok()?;
        figures.push(handle);
    }
    let unserved = match &s.unserved {
        Some(text) => Some(unserved_note(doc, text)?),
        None => None,
    };
    if let Some(note) = &unserved {
        totals.append_child(note).ok()?;
    }
    let open = el(
        doc,
        "a",
        &[
            ("href", open_href),
            ("target", "_blank"),
            ("rel", "noopener"),
            ("data-action", "open-full"),
        ],
        Some("Open full estimate"),
    )?;
    let foot = with(el(doc, "p", &[("class", "widget-foot")], None)?, &[&open])?;
    foot.append_with_str_1(" · Copilot Credits estimator")
        .ok()?;
    let announce = el(
        doc,
        "p",
        &[("class", "visually-hidden"), ("role", "status")],
        None,
    )?;
    widget.append_child(&totals).ok()?;
    widget.append_child(&foot).ok()?;
    widget.append_child(&announce).ok()?;
    let list = el(
        doc,
        "div",
        &[("class", "notices"), ("role", "status")],
        None,
    )?;
    for n in notices {
        let notice = with(
            el(
                doc,
                "div",
                &[("class", "notice"), ("data-notice", n.kind.hook())],
                None,
            )?,
            &[
                &el(doc, "p", &[], Some(&n.text))?,
                &el(
                    doc,
                    "button",
                    &[("type", "button"), ("class", "quiet")],
                    Some("Dismiss"),
                )?,
            ],
        )?;
        list.append_child(&notice).ok()?;
    }
    let page = with(
        el(doc, "div", &[("class", "page embed")], None)?,
        &[&list, &widget],
    )?;
    let root = with(el(doc, "div", &[("id", ROOT_ID)], None)?, &[&page])?;
    Some((
        root,
        Handles {
            fields,
            figures,
            totals,
            unserved,
            open,
            announce,
        },
    ))
}

/// A field as the page's `SettingField` draws it: label, text input, unit, help, message.
fn field(doc: &Document, f: &FieldShown) -> Option<(Element, FieldHandle)> {
    let help_id = format!("{}-help", f.id);
    let described = format!("{}-error {help_id}", f.id);
    let input = el(
        doc,
        "input",
        &[
            ("id", &f.id),
            ("type", "text"),
            ("inputmode", "decimal"),
            ("autocomplete", "off"),
            ("spellcheck", "false"),
            ("data-input", &f.key),
            ("aria-describedby", &described),
            (
                "aria-invalid",
                if f.error.is_some() { "true" } else { "false" },
            ),
            ("value", &f.text),
        ],
        None,
    )?;
    let unit = el(doc, "span", &[("class", "field-unit")], Some(&f.unit))?;
    let control = with(
        el(doc, "div", &[("class", "field-control")], None)?,
        &[&input, &unit],
    )?;
    let node = with(
        el(doc, "div", &[("class", "field")], None)?,
        &[
            &el(doc, "label", &[("for", &f.id)], Some(f.label))?,
            &control,
            &el(
                doc,
                "p",
                &[("class", "field-help"), ("id", &help_id)],
                Some(f.help),
            )?,
        ],
    )?;
    let error = match &f.error {
        Some(message) => Some(error(doc, f, message)?),
        None => None,
    };
    if let Some(e) = &error {
        node.append_child(e).ok()?;
    }
    let handle = FieldHandle {
        field: node.clone(),
        input,
        unit,
        error,
    };
    Some((node, handle))
}

fn error(doc: &Document, f: &FieldShown, message: &str) -> Option<Element> {
    el(
        doc,
        "p",
        &[
            ("class", "field-error"),
            ("id", &format!("{}-error", f.id)),
            ("role", "alert"),
            ("data-error", &f.key),
        ],
        Some(message),
    )
}

/// A figure as the page's `Figure` draws it.
fn figure(doc: &Document, f: &FigureShown) -> Option<(Element, FigureHandle)> {
    let mut attrs = vec![("data-metric", f.metric.as_str()), ("data-value", &f.value)];
    if f.stale {
        attrs.push(("data-stale", "true"));
    }
    let output = el(doc, "output", &attrs, Some(&f.shown))?;
    let unit = el(doc, "span", &[("class", "figure-unit")], Some(&f.unit))?;
    let value = with(
        el(doc, "span", &[("class", "figure-value")], None)?,
        &[&output],
    )?;
    value.append_with_str_1(" ").ok()?;
    value.append_child(&unit).ok()?;
    let node = with(
        el(doc, "div", &[("class", "figure")], None)?,
        &[
            &el(doc, "span", &[("class", "figure-label")], Some(f.label))?,
            &value,
        ],
    )?;
    // The low and high case, as the page's figures show them.
    let range = match &f.range {
        Some([(low, low_shown), (high, high_shown)]) => {
            let output = |suffix: &str, value: &str, shown: &str| {
                let key = format!("{}.{suffix}", f.metric);
                el(
                    doc,
                    "output",
                    &[("data-metric", &key), ("data-value", value)],
                    Some(shown),
                )
            };
            let (l, h) = (
                output("low", low, low_shown)?,
                output("high", high, high_shown)?,
            );
            let span = el(doc, "span", &[("class", "figure-range")], Some("from "))?;
            span.append_child(&l).ok()?;
            span.append_with_str_1(" to ").ok()?;
            span.append_child(&h).ok()?;
            show_range(
                &span,
                &[(low.clone(), String::new()), (high.clone(), String::new())],
            );
            node.append_child(&span).ok()?;
            Some(([l, h], span))
        }
        None => None,
    };
    let stale = if f.stale {
        let s = stale_mark(doc)?;
        node.append_child(&s).ok()?;
        Some(s)
    } else {
        None
    };
    let handle = FigureHandle {
        figure: node.clone(),
        output,
        unit,
        stale,
        range,
    };
    Some((node, handle))
}

fn stale_mark(doc: &Document) -> Option<Element> {
    el(
        doc,
        "span",
        &[("class", "figure-stale")],
        Some("Not updated"),
    )
}

fn unserved_note(doc: &Document, text: &str) -> Option<Element> {
    el(
        doc,
        "p",
        &[("class", "unserved-note"), ("role", "note")],
        Some(text),
    )
}
