use leptos::prelude::*;

/// A labelled numeric input with its unit, help and error message.
///
/// A text input (not `type=number`) so that what the user typed, even if wrong, stays visible
/// next to the message explaining it.
#[component]
pub fn NumberField(
    /// The public input key (`payables.lines`), also the element id.
    #[prop(into)]
    key: String,
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
    let id = format!("in-{}", key.replace('.', "-"));
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let described = {
        let (help_id, error_id) = (help_id.clone(), error_id.clone());
        move || {
            if error.with(Option::is_some) {
                format!("{error_id} {help_id}")
            } else {
                help_id.clone()
            }
        }
    };
    let error_key = key.clone();
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
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
                            <p class="field-error" id=error_id.clone() role="alert" data-error=error_key.clone()>
                                {message}
                            </p>
                        }
                    })
            }}
        </div>
    }
}
