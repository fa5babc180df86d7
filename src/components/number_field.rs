use leptos::prelude::*;

/// A labelled numeric input with its unit, help and error message.
///
/// A text input (not `type=number`) so that what the user typed, even if wrong, stays visible
/// next to the message explaining it.
#[component]
pub fn NumberField(
    /// The public input key (`payables.lines`), also the element id. A signal: a row's keys
    /// follow its place in its list.
    #[prop(into)]
    key: Signal<String>,
    /// The label.
    label: &'static str,
    /// One line of help.
    help: &'static str,
    /// The unit shown after the field.
    #[prop(into)]
    unit: Signal<String>,
    /// The text in the field.
    #[prop(into)]
    text: Signal<String>,
    /// The message for an invalid value, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Called with the new text on every edit.
    on_input: Callback<String>,
) -> impl IntoView {
    // Every edit anywhere re-derives every field's text and error; memos stop the unchanged ones
    // here, so the page only touches the DOM of the field that changed.
    let text = Memo::new(move |_| text.get());
    let error = Memo::new(move |_| error.get());
    let id = Memo::new(move |_| key.with(|k| element_id(k)));
    let help_id = move || format!("{}-help", id.get());
    let error_id = move || format!("{}-error", id.get());
    // The message first, then the help; a reference to a message not on the page is ignored.
    let described = move || format!("{} {}", error_id(), help_id());
    view! {
        // Styled as invalid by its input's aria-invalid (style/main.css), one signal less.
        <div class="field">
            <label for=id>{label}</label>
            <div class="field-control">
                <input
                    id=id
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    spellcheck="false"
                    data-input=key
                    aria-describedby=described
                    aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                    prop:value=move || text.get()
                    on:input=move |ev| on_input.run(event_target_value(&ev))
                />
                <span class="field-unit">{unit}</span>
            </div>
            <p class="field-help" id=help_id>{help}</p>
            {move || {
                error
                    .get()
                    .map(|message| {
                        view! {
                            <p class="field-error" id=error_id role="alert" data-error=key>
                                {message}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// The element id of the field with public key `key` (`payables.lines` → `in-payables-lines`).
pub fn element_id(key: &str) -> String {
    format!("in-{}", key.replace('.', "-"))
}
