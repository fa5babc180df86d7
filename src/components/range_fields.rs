use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::components::SettingField;
use crate::rating::{AgentTemplate, Bound, Field, InputDef};
use crate::state::Calc;

/// A reference agent's low and high values: what if the volumes differ from the expected ones?
/// Folded until the agent has a range; each input's pair of fields is optional (empty is the
/// same as expected), and the agent's figures, the total and the bill then show their range.
#[component]
pub fn RangeFields(
    /// The agent's template.
    template: &'static AgentTemplate,
) -> impl IntoView {
    let calc = expect_context::<Calc>();
    let t = template;
    let has_ranges = move || {
        calc.workload
            .with(|w| w.agent(t.id).is_some_and(|a| !a.ranges.is_empty()))
    };
    let rows = t
        .inputs
        .iter()
        .map(|def| view! { <RangeRow agent=t.id def=def/> })
        .collect_view();
    view! {
        <details class="ranges" data-ranges=t.id open=has_ranges>
            <summary>"Low and high values"</summary>
            <p class="ranges-help">
                "If a volume may differ from what you expect, enter its low and high values. Empty is the \
                 same as expected. The low case takes every low value together, the high case every high \
                 value; the figures show both."
            </p>
            {rows}
        </details>
    }
}

/// One input's low and high fields.
#[component]
fn RangeRow(agent: &'static str, def: &'static InputDef) -> impl IntoView {
    let calc = expect_context::<Calc>();
    let field = |bound: Bound| {
        let key = format!("{agent}.{}.{}", def.key, bound.suffix());
        let value = Signal::derive(move || {
            calc.workload
                .with(|w| w.agent(agent).and_then(|a| a.bounds(def).get(bound)))
        });
        view! {
            <SettingField
                key=key
                field=Field::bound(bound, def.unit, def.kind)
                value=value
                on_valid=Callback::new(move |v: Option<Decimal>| calc.set_bound(agent, def, bound, v))
                ordered=true
            />
        }
    };
    view! {
        <fieldset class="range-row">
            <legend>{def.label}</legend>
            {field(Bound::Low)}
            {field(Bound::High)}
        </fieldset>
    }
}
