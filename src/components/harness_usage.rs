use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::components::{when_set, Check, SettingField};
use crate::format::exact;
use crate::rating::custom::{
    self, TaskMix, BUILD_CREDITS_FIELD, HARNESS_RANGES, HARNESS_SOURCE, TASK_CREDITS_FIELD,
};
use crate::rating::{Bound, CustomAgent, Field, InputError};
use crate::state::{Calc, Depends};

/// The three kinds of task, as the mix's keys name them.
const TIERS: [&str; 3] = ["light", "medium", "heavy"];

/// A share of light or medium tasks must leave room for the other (heavy tasks are the rest).
const SHARE_CHECK: Check = |calc, key, v| {
    let (id, light) = parse_share_key(key)?;
    let other = calc.workload.with(|w| {
        let m = w.custom(id)?.usage.mix.as_ref()?;
        Some(if light { m.medium } else { m.light })
    })?;
    (v + other > Decimal::ONE_HUNDRED).then_some(InputError::MixAboveHundred { other })
};

/// `custom.ID.mix.light` → (ID, true); `custom.ID.mix.medium` → (ID, false).
fn parse_share_key(key: &str) -> Option<(u32, bool)> {
    let rest = key.strip_prefix("custom.")?;
    let (id, tier) = rest.split_once(".mix.")?;
    Some((id.parse().ok()?, tier == "light"))
}

/// A GitHub Copilot harness agent's usage: credits per task with its low and high, building and
/// testing a month, and where the per-task figures come from (Microsoft publishes planning ranges
/// only, so the page says so and every figure stays editable).
#[component]
pub fn HarnessUsage(
    /// The agent's id in the workload.
    id: u32,
) -> impl IntoView {
    let calc = expect_context::<Calc>();
    let key = move |field: &str| format!("custom.{id}.{field}");
    let read = move |pick: fn(&CustomAgent) -> Option<Decimal>| {
        Signal::derive(move || calc.workload.with(|w| w.custom(id).and_then(pick)))
    };
    let update = move |f: Box<dyn FnOnce(&mut CustomAgent)>| {
        calc.workload.update(|w| {
            if let Some(a) = w.custom.iter_mut().find(|a| a.id == id) {
                f(a);
            }
        });
    };
    let bound = move |b: Bound| {
        let value = Signal::derive(move || {
            calc.workload.with(|w| {
                w.custom(id)
                    .and_then(|a| a.usage.credits_per_task_range.get(b))
            })
        });
        view! {
            <SettingField
                key=key(&format!("credits_per_task.{}", b.suffix()))
                field=Field::bound(b, "credits", custom::TASK_CREDITS)
                value=value
                on_valid=Callback::new(move |v: Option<Decimal>| {
                    update(Box::new(move |a| a.usage.credits_per_task_range.set(b, v)));
                })
                ordered=true
            />
        }
    };
    let ranges = HARNESS_RANGES
        .iter()
        .map(|r| {
            let credits = match r.high {
                Some(high) => format!("{} to {}", r.low, high),
                None => format!("more than {}", r.low),
            };
            view! {
                <tr>
                    <th scope="row">{r.tier}</th>
                    <td>{r.about}</td>
                    <td class="num">{credits}</td>
                </tr>
            }
        })
        .collect_view();
    let mixed = move || {
        calc.workload
            .with(|w| w.custom(id).is_some_and(|a| a.usage.mix.is_some()))
    };
    let mix = move |pick: fn(&TaskMix) -> Decimal| {
        Signal::derive(move || {
            calc.workload
                .with(|w| w.custom(id).and_then(|a| a.usage.mix.as_ref().map(pick)))
        })
    };
    let set_mix = move |set: fn(&mut TaskMix, Decimal)| {
        when_set(move |v| {
            update(Box::new(move |a| {
                if let Some(m) = a.usage.mix.as_mut() {
                    set(m, v);
                }
            }));
        })
    };
    let share_field = |label: &'static str| Field {
        label,
        help: "",
        unit: "% of tasks",
        kind: custom::SHARE,
        optional: false,
    };
    let credits_field = |label: &'static str| Field {
        label,
        help: "",
        unit: "credits a task",
        kind: custom::TASK_CREDITS,
        optional: false,
    };
    let heavy = mix(TaskMix::heavy);
    let tiers = TIERS
        .into_iter()
        .zip(["A light task", "A medium task", "A heavy task"])
        .enumerate()
        .map(|(i, (tier, label))| {
            view! {
                <SettingField
                    key=key(&format!("mix.{tier}.credits"))
                    field=credits_field(label)
                    value=Signal::derive(move || calc.workload.with(|w| w.custom(id).and_then(|a| a.usage.mix.as_ref().map(|m| m.credits[i]))))
                    on_valid=when_set(move |v| update(Box::new(move |a| {
                        if let Some(m) = a.usage.mix.as_mut() {
                            m.credits[i] = v;
                        }
                    })))
                />
            }
        })
        .collect_view();
    view! {
        <div class="field checkbox">
            <label>
                <input type="checkbox" data-input=key("mix") prop:checked=mixed
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        update(Box::new(move |a| a.usage.mix = on.then(TaskMix::default)));
                    }/>
                " Build it from a mix of light, medium and heavy tasks"
            </label>
        </div>
        <fieldset class="range-row task-mix" hidden=move || !mixed()>
            <legend>"The mix of tasks"</legend>
            <SettingField key=key("mix.light") field=share_field("Light tasks") value=mix(|m| m.light) on_valid=set_mix(|m, v| m.light = v) check=SHARE_CHECK/>
            <SettingField key=key("mix.medium") field=share_field("Medium tasks") value=mix(|m| m.medium) on_valid=set_mix(|m, v| m.medium = v) check=SHARE_CHECK/>
            <div class="field">
                <span class="field-label">"Heavy tasks, the rest"</span>
                <span class="figure-value">
                    <output data-metric=key("mix.heavy") data-value=move || heavy.get().map(exact).unwrap_or_default() data-stale=calc.stale_attr(Depends::Custom(id))>
                        {move || heavy.get().map(|h| calc.fmt.with_value(|f| f.decimal(h, 4))).unwrap_or_default()}
                    </output>
                    " % of tasks"
                </span>
            </div>
            {tiers}
            <p class="derivation" data-derivation=key("mix")>
                {move || calc.workload.with(|w| w.custom(id).and_then(|a| a.usage.mix.as_ref().map(|m| calc.fmt.with_value(|f| m.explain(f))))).unwrap_or_default()}
            </p>
        </fieldset>
        <div class="usage-direct" hidden=mixed>
        <SettingField
            key=key("credits_per_task")
            field=TASK_CREDITS_FIELD
            value=read(|a| Some(a.usage.credits_per_task))
            on_valid=when_set(move |v| update(Box::new(move |a| a.usage.credits_per_task = v)))
            ordered=true
        />
        <fieldset class="range-row">
            <legend>"Credits per task, low and high (optional)"</legend>
            {bound(Bound::Low)}
            {bound(Bound::High)}
        </fieldset>
        </div>
        <SettingField
            key=key("build_credits")
            field=BUILD_CREDITS_FIELD
            value=read(|a| Some(a.usage.build_credits))
            on_valid=when_set(move |v| update(Box::new(move |a| a.usage.build_credits = v)))
        />
        <details class="harness-source" data-harness-source="">
            <summary>"Where the credits per task come from"</summary>
            <p>
                "The GitHub Copilot harness is billed by usage: model tokens, tool calls and the harness \
                 runtime. Microsoft publishes no rate per token, tool call or minute, only planning \
                 ranges per task, keyed to its complexity (Microsoft Copilot Credits Guide, August 2026, \
                 as transcribed by others; the "
                <a href=HARNESS_SOURCE target="_blank" rel="noopener">"billing overview on Microsoft Learn"</a>
                " shows them as an image). Read on 2026-11-23. Building, testing and evaluating consume \
                 credits too, and no Microsoft 365 Copilot licence exempts any of it."
            </p>
            <div class="table-scroll"><table>
                <thead>
                    <tr><th scope="col">"Task"</th><th scope="col">"What it does"</th><th scope="col" class="num">"Credits per task"</th></tr>
                </thead>
                <tbody>{ranges}</tbody>
            </table></div>
        </details>
    }
}
