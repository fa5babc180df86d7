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
    /// The public key (`billing.packs`), also the draft's key. A signal: a row's keys follow
    /// its place in its list.
    #[prop(into)]
    key: Signal<String>,
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
    let draft = move || key.with(|k| calc.draft(k));
    let text = Signal::derive(move || {
        draft().map(|d| d.text).unwrap_or_else(|| {
            value
                .get()
                .map(|v| calc.fmt.with_value(|f| f.plain(v)))
                .unwrap_or_default()
        })
    });
    let parse = move |typed: &str| -> Result<Option<Decimal>, String> {
        if optional && typed.trim().is_empty() {
            return Ok(None);
        }
        calc.fmt
            .with_value(|f| kind.parse(typed, f).map(Some).map_err(|e| e.message(f)))
    };
    let error = Signal::derive(move || {
        draft()
            .filter(|d| d.invalid)
            .and_then(|d| parse(&d.text).err())
    });
    let on_input = Callback::new(move |typed: String| {
        let parsed = parse(&typed);
        calc.type_draft(&key.get_untracked(), typed, parsed.is_err());
        if let Ok(v) = parsed {
            on_valid.run(v);
        }
    });
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
