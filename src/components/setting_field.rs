use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::components::NumberField;
use crate::rating::InputKind;
use crate::state::Calc;

/// A numeric setting outside the agents (packs, a budget, a price): the same typing rules as an
/// agent's input. A valid value is handed to `on_valid`; an invalid one shows its message and
/// leaves the last valid value in place.
#[component]
pub fn SettingField(
    /// The public key (`billing.packs`), also the draft's key.
    #[prop(into)]
    key: String,
    /// The label.
    label: &'static str,
    /// One line of help.
    help: &'static str,
    /// The unit after the field.
    #[prop(into)]
    unit: Signal<String>,
    /// What may be typed.
    kind: InputKind,
    /// Whether an empty field is a valid "none".
    #[prop(optional)]
    optional: bool,
    /// The current valid value.
    #[prop(into)]
    value: Signal<Option<Decimal>>,
    /// Called with each valid value typed.
    on_valid: Callback<Option<Decimal>>,
) -> impl IntoView {
    let calc = expect_context::<Calc>();
    let draft = {
        let key = key.clone();
        move || calc.drafts.with(|d| d.get(&key).cloned())
    };
    let text = {
        let draft = draft.clone();
        Signal::derive(move || {
            draft().unwrap_or_else(|| {
                value
                    .get()
                    .map(|v| calc.fmt.with_value(|f| f.plain(v)))
                    .unwrap_or_default()
            })
        })
    };
    let error = Signal::derive(move || {
        draft().and_then(|t| {
            if optional && t.trim().is_empty() {
                return None;
            }
            calc.fmt
                .with_value(|f| kind.parse(&t, f).err().map(|e| e.message(f)))
        })
    });
    let on_input = {
        let key = key.clone();
        Callback::new(move |typed: String| {
            let parsed = if optional && typed.trim().is_empty() {
                Ok(None)
            } else {
                calc.fmt.with_value(|f| kind.parse(&typed, f)).map(Some)
            };
            calc.drafts.update(|d| {
                d.insert(key.clone(), typed);
            });
            if let Ok(v) = parsed {
                on_valid.run(v);
            }
        })
    };
    view! {
        <NumberField key=key label=label help=help unit=unit text=text error=error on_input=on_input/>
    }
}

/// An `on_valid` for a setting that is never empty: runs `set` with each valid value.
pub fn when_set(set: impl Fn(Decimal) + Send + Sync + 'static) -> Callback<Option<Decimal>> {
    Callback::new(move |v: Option<Decimal>| {
        if let Some(v) = v {
            set(v);
        }
    })
}
