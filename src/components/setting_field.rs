use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::format::counted;
use crate::rating::{Field, InputError};
use crate::state::Calc;

/// A field people type a number into (an agent's input, a billing setting, a row's value), with
/// its label, unit, help and error message; the one numeric field of the page.
///
/// A text input (not `type=number`) so that what the user typed, even if wrong, stays visible
/// next to the message explaining it. What is typed is kept as a draft (`Calc::type_draft`); a
/// valid value goes to `on_valid`, an invalid one leaves the last valid value in place.
#[component]
pub fn SettingField(
    /// The public key (`billing.packs`), also the draft's key and the element id. A signal: a
    /// row's keys follow its place in its list.
    #[prop(into)]
    key: Signal<String>,
    /// What the field is (label, help, unit, what it accepts).
    field: Field,
    /// The unit after the field, where the field's own is empty (a currency).
    #[prop(optional, into)]
    unit: Option<Signal<String>>,
    /// The current valid value.
    #[prop(into)]
    value: Signal<Option<Decimal>>,
    /// Called with each valid value typed.
    on_valid: Callback<Option<Decimal>>,
    /// A field with a range (an expected, low or high value): a value must also keep low ≤
    /// expected ≤ high ([`crate::rating::Workload::order_error`]). The field checks again when
    /// the other values change, and applies text that has become valid.
    #[prop(optional)]
    ordered: bool,
    /// Another check against the rest of the state (a weight that must leave room for the other
    /// one), with the same re-check as `ordered`.
    #[prop(optional)]
    check: Option<Check>,
) -> impl IntoView {
    let calc = expect_context::<Calc>();
    let draft = move || key.with(|k| calc.draft(k));
    let parse = move |typed: &str| -> Result<Option<Decimal>, String> {
        if field.optional && typed.trim().is_empty() {
            return Ok(None);
        }
        calc.fmt.with_value(|f| {
            let value = field.kind.parse(typed, f).map_err(|e| e.message(f))?;
            let order = ordered
                .then(|| key.with(|k| calc.workload.with(|w| w.order_error(k, Some(value)))))
                .flatten()
                .or_else(|| check.and_then(|c| key.with(|k| c(&calc, k, value))));
            match order {
                Some(e) => Err(e.message(f)),
                None => Ok(Some(value)),
            }
        })
    };
    // Every edit anywhere re-derives every field's text and error; memos stop the unchanged ones
    // here, so the page only touches the DOM of the field that changed.
    let text = Memo::new(move |_| {
        draft().map(|d| d.text).unwrap_or_else(|| {
            value
                .get()
                .map(|v| calc.fmt.with_value(|f| f.plain(v)))
                .unwrap_or_default()
        })
    });
    let error = Memo::new(move |_| {
        draft()
            .filter(|d| d.invalid)
            .and_then(|d| parse(&d.text).err())
    });
    // Text kept from before (a reload, another tab) is marked invalid until its field checks it:
    // here, once, with the reader's number conventions. If it reads as a value now, it is one.
    // (Not an effect: drafts come back only with a new estimate, which draws its fields anew.)
    let now_valid = untrack(|| {
        draft()
            .filter(|d| d.invalid)
            .and_then(|d| parse(&d.text).ok().map(|v| (d.text, v)))
    });
    if let Some((text, v)) = now_valid {
        calc.type_draft(&key.get_untracked(), text, false);
        on_valid.run(v);
    }
    // A value refused for another field's sake (a low value above the expected one) becomes
    // valid when that field changes: applied then, so what is on screen is what is computed.
    if ordered || check.is_some() {
        Effect::new(move |_| {
            let fixed = draft()
                .filter(|d| d.invalid)
                .and_then(|d| parse(&d.text).ok().map(|v| (d.text, v)));
            if let Some((text, v)) = fixed {
                calc.type_draft(&key.get_untracked(), text, false);
                on_valid.run(v);
            }
        });
    }
    let on_input = move |ev| {
        let typed = event_target_value(&ev);
        let parsed = parse(&typed);
        calc.type_draft(&key.get_untracked(), typed, parsed.is_err());
        if let Ok(v) = parsed {
            on_valid.run(v);
        }
    };
    let id = Memo::new(move |_| key.with(|k| element_id(k)));
    let help_id = move || format!("{}-help", id.get());
    let error_id = move || format!("{}-error", id.get());
    // The message first, then the help; a reference to a message not on the page is ignored.
    let described = move || format!("{} {}", error_id(), help_id());
    let unit = unit.unwrap_or_else(|| Signal::stored(field.unit.to_string()));
    view! {
        // Styled as invalid by its input's aria-invalid (style/main.css).
        <div class="field">
            <label for=id>{field.label}</label>
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
                    on:input=on_input
                />
                <span class="field-unit">{move || counted(&unit.get(), value.get().unwrap_or_default()).to_string()}</span>
            </div>
            <p class="field-help" id=help_id>{field.help}</p>
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

/// A field's check against the rest of the state: its key and the value typed, and what is wrong
/// with it there.
pub type Check = fn(&Calc, &str, Decimal) -> Option<InputError>;

/// An `on_valid` for a setting that is never empty: runs `set` with each valid value.
pub fn when_set(set: impl Fn(Decimal) + Send + Sync + 'static) -> Callback<Option<Decimal>> {
    Callback::new(move |v: Option<Decimal>| {
        if let Some(v) = v {
            set(v);
        }
    })
}

/// The element id of the field with public key `key` (`payables.lines` → `in-payables-lines`).
pub fn element_id(key: &str) -> String {
    format!("in-{}", key.replace('.', "-"))
}
