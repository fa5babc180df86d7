use leptos::prelude::*;

use crate::plan::{About, MAX_LINE, MAX_NOTES};
use crate::state::Calc;

/// The estimate's heading as a partner sends it: a title, who it is prepared for and by, its
/// date (today when none is set) and notes. The fields fold away; the heading they make shows
/// above the estimate, and is what print shows of them.
#[component]
pub fn EstimateAbout() -> impl IntoView {
    let calc = expect_context::<Calc>();
    let about = calc.about;
    let text = move |key: &'static str| {
        Signal::derive(move || about.with(|a| a.get(key).unwrap_or_default().to_string()))
    };
    let set = move |key: &'static str, value: String| {
        about.update(|a| {
            // The fields' own limits and the date picker keep values valid; a refused date
            // (typed into a browser without a picker) leaves the last one.
            let _ = a.set(key, &value);
        });
    };
    let empty = move || about.with(About::is_empty);
    let date_shown = move || about.with(|a| a.date_or(&crate::browser::today()).to_string());
    let parties = move || {
        about.with(|a| {
            let mut parts = Vec::new();
            if !a.prepared_for.is_empty() {
                parts.push(format!("Prepared for {}", a.prepared_for));
            }
            if !a.prepared_by.is_empty() {
                parts.push(format!("by {}", a.prepared_by));
            }
            parts.join(" ")
        })
    };
    let line = move |key: &'static str, label: &'static str| {
        let id = format!("in-estimate-{key}");
        view! {
            <div class="field text">
                <label for=id.clone()>{label}</label>
                <div class="field-control">
                    <input id=id type="text" autocomplete="off" maxlength=MAX_LINE
                        data-input=format!("estimate.{key}")
                        prop:value=text(key)
                        on:input=move |ev| set(key, event_target_value(&ev))/>
                </div>
            </div>
        }
    };
    view! {
        <section class="about" aria-label="About this estimate">
            <div class="about-heading" hidden=empty>
                <p class="about-title" data-about="title">{text("title")}</p>
                <p class="about-parties" data-about="parties">{parties}</p>
                <p class="about-date" data-about="date">{date_shown}</p>
                <p class="about-notes" data-about="notes">{text("notes")}</p>
            </div>
            <details class="about-edit" open=move || !empty()>
                <summary>"Title, prepared for and by, date and notes"</summary>
                <div class="about-fields">
                    {line("title", "Title")}
                    {line("for", "Prepared for")}
                    {line("by", "Prepared by")}
                    <div class="field text">
                        <label for="in-estimate-date">"Date"</label>
                        <div class="field-control">
                            <input id="in-estimate-date" type="date" data-input="estimate.date"
                                aria-describedby="in-estimate-date-help"
                                prop:value=text("date")
                                on:input=move |ev| set("date", event_target_value(&ev))/>
                        </div>
                        <p class="field-help" id="in-estimate-date-help">"Empty: today's date, wherever it is opened."</p>
                    </div>
                    <div class="field text about-notes-field">
                        <label for="in-estimate-notes">"Notes"</label>
                        <textarea id="in-estimate-notes" rows="3" maxlength=MAX_NOTES data-input="estimate.notes"
                            prop:value=text("notes")
                            on:input=move |ev| set("notes", event_target_value(&ev))></textarea>
                    </div>
                </div>
            </details>
        </section>
    }
}
