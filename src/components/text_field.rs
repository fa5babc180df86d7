use leptos::prelude::*;

use crate::components::element_id;

/// Longest text a name field keeps.
pub const MAX_TEXT: usize = 80;

/// A labelled plain-text field (a name, a subscription). What is typed is shown as text
/// everywhere, never as markup, and cut at [`MAX_TEXT`] characters.
#[component]
pub fn TextField(
    /// The public input key, also the element id. A signal: a row's keys follow its place.
    #[prop(into)]
    key: Signal<String>,
    /// The label.
    label: &'static str,
    /// The current text.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the new text.
    on_input: Callback<String>,
) -> impl IntoView {
    // Only a changed text reaches the DOM (see `SettingField`).
    let value = Memo::new(move |_| value.get());
    let id = Memo::new(move |_| key.with(|k| element_id(k)));
    view! {
        <div class="field text">
            <label for=id>{label}</label>
            <div class="field-control">
                <input
                    id=id
                    type="text"
                    autocomplete="off"
                    maxlength=MAX_TEXT
                    data-input=key
                    prop:value=move || value.get()
                    on:input=move |ev| {
                        let text: String = event_target_value(&ev).chars().take(MAX_TEXT).collect();
                        on_input.run(text);
                    }
                />
            </div>
        </div>
    }
}
