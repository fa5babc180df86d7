use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::components::{
    when_set, Figure, HarnessUpgrade, HarnessUsage, SettingField, Slot, TextField,
};
use crate::format::plural;
use crate::rating::custom::{self, Harness};
use crate::rating::{custom_derivation, Bound, CustomAgent, CustomEstimate, Field};
use crate::split::Deferred;
use crate::state::{Calc, Depends};

/// A custom agent's card, as its module offers it (`split::custom`).
pub fn custom_agent_card(id: u32) -> AnyView {
    view! { <CustomAgentCard id=id/> }.into_any()
}

/// A custom agent: its name, runs, who runs it, its steps on the rate card, and its figures with
/// their derivation.
#[component]
pub fn CustomAgentCard(
    /// The agent's id in the workload.
    id: u32,
) -> impl IntoView {
    let calc = expect_context::<Calc>();
    let deferred = expect_context::<Deferred>();
    let agent = Memo::new(move |_| calc.workload.with(|w| w.custom(id).cloned()));
    let est = Memo::new(move |_| calc.estimate.with(|e| e.custom(id).cloned()));
    let update = move |f: Box<dyn FnOnce(&mut CustomAgent)>| {
        calc.workload.update(|w| {
            if let Some(a) = w.custom.iter_mut().find(|a| a.id == id) {
                f(a);
            }
        });
    };
    let figure = move |pick: fn(&CustomEstimate) -> Decimal| {
        Signal::derive(move || est.with(|e| e.as_ref().map_or(Decimal::ZERO, pick)))
    };
    let key = move |field: &str| format!("custom.{id}.{field}");
    let name = Signal::derive(move || {
        agent.with(|a| a.as_ref().map(|a| a.name.clone()).unwrap_or_default())
    });
    let autonomous = move || agent.with(|a| a.as_ref().is_some_and(|a| a.autonomous));
    let harness = move || agent.with(|a| a.as_ref().map_or(Harness::Standard, |a| a.harness));
    let on_usage = move || harness() == Harness::GithubCopilot;
    let steps = move || {
        let n = agent.with(|a| a.as_ref().map_or(0, |a| a.steps.len()));
        format!("{n} {}", plural(Decimal::from(n), "step", "steps"))
    };
    // Units that agree with their figures: "1 credit", "8 credits", "1 run".
    let credits_unit = move |pick: fn(&CustomEstimate) -> Decimal| {
        Signal::derive(move || {
            let value = est.with(|e| e.as_ref().map_or(Decimal::ZERO, pick));
            plural(value, "credit", "credits").to_string()
        })
    };
    let runs_unit = Signal::derive(move || {
        let runs = agent.with(|a| a.as_ref().map_or(Decimal::ZERO, |a| a.runs));
        if on_usage() {
            plural(runs, "task", "tasks").to_string()
        } else {
            plural(runs, "run", "runs").to_string()
        }
    });
    // Runs per month may carry a low and a high value (ranges); each optional.
    let runs_bound = move |bound: Bound| {
        let value = Signal::derive(move || {
            agent.with(|a| a.as_ref().and_then(|a| a.runs_range.get(bound)))
        });
        view! {
            <SettingField
                key=key(&format!("runs.{}", bound.suffix()))
                field=Field::bound(bound, "", custom::RUNS)
                unit=runs_unit
                value=value
                on_valid=Callback::new(move |v: Option<Decimal>| update(Box::new(move |a| a.runs_range.set(bound, v))))
                ordered=true
            />
        }
    };
    let who_help = move || {
        if autonomous() {
            "Always billed: autonomous triggers are charged at the same rates."
        } else {
            "Runs by Microsoft 365 Copilot licensed users may be exempt."
        }
    };
    let formula = move || {
        est.with(|e| {
            e.as_ref()
                .map(|e| calc.fmt.with_value(|f| custom_derivation(e, f)))
                .unwrap_or_default()
        })
    };
    let at_limit = move || calc.custom_full();
    let duplicate = move |_| {
        calc.duplicate_custom(id);
    };
    let heading = format!("custom-{id}");
    let labelled_by = heading.clone();
    view! {
        <section class="agent custom-agent" data-custom=id aria-labelledby=labelled_by>
            <header class="agent-header">
                <div>
                    <h2 id=heading>{move || name.get()}</h2>
                    <p class="agent-product" data-harness=move || harness().word()>
                        "Custom agent · "
                        {move || if on_usage() {
                            "GitHub Copilot harness, billed by usage".to_string()
                        } else {
                            format!("{} on the rate card", steps())
                        }}
                    </p>
                </div>
                <div class="agent-actions">
                    <button type="button" class="quiet" data-action="duplicate-agent" on:click=duplicate disabled=at_limit>
                        "Duplicate"
                    </button>
                    <button type="button" class="quiet" data-action="remove-agent" on:click=move |_| calc.remove_custom(id)>
                        "Remove"
                    </button>
                </div>
            </header>
            <div class="agent-body">
                <fieldset class="inputs">
                    <legend class="visually-hidden">"Agent settings"</legend>
                    <TextField key=key("name") label="Name" value=name
                        on_input=Callback::new(move |t: String| update(Box::new(move |a| a.name = t)))/>
                    <div class="field">
                        <label for=format!("in-custom-{id}-harness")>"Harness"</label>
                        <select id=format!("in-custom-{id}-harness") data-input=key("harness")
                            aria-describedby=format!("in-custom-{id}-harness-help")
                            prop:value=move || harness().word()
                            on:change=move |ev| {
                                let h = Harness::from_word(&event_target_value(&ev)).unwrap_or_default();
                                update(Box::new(move |a| a.harness = h));
                            }>
                            {Harness::ALL.map(|h| view! { <option value=h.word()>{h.name()}</option> })}
                        </select>
                        <p class="field-help" id=format!("in-custom-{id}-harness-help")>
                            "Where it runs decides how it is billed: the standard (or Copilot chat) harness \
                             by its steps on the rate card, the GitHub Copilot harness by usage."
                        </p>
                    </div>
                    {move || {
                        let field = if on_usage() { custom::TASKS_FIELD } else { custom::RUNS_FIELD };
                        view! {
                            <SettingField
                                key=key("runs")
                                field=field
                                unit=runs_unit
                                value=Signal::derive(move || agent.with(|a| a.as_ref().map(|a| a.runs)))
                                on_valid=when_set(move |v| update(Box::new(move |a| a.runs = v)))
                                ordered=true
                            />
                        }
                    }}
                    <fieldset class="range-row">
                        <legend>{move || if on_usage() { "Tasks per month, low and high (optional)" } else { "Runs per month, low and high (optional)" }}</legend>
                        {runs_bound(Bound::Low)}
                        {runs_bound(Bound::High)}
                    </fieldset>
                    <Show when=on_usage>
                        <HarnessUsage id=id/>
                    </Show>
                    // Short choices, so the list is never cut; what each means is written below it.
                    // Neither applies on the GitHub Copilot harness: it bills every task alike.
                    <div class="field who-runs-it" hidden=on_usage>
                        <label for=format!("in-custom-{id}-who")>"Who runs it"</label>
                        <select id=format!("in-custom-{id}-who") data-input=key("autonomous")
                            aria-describedby=format!("in-custom-{id}-who-help")
                            prop:value=move || if autonomous() { "autonomous" } else { "interactive" }
                            on:change=move |ev| {
                                let auto = event_target_value(&ev) == "autonomous";
                                update(Box::new(move |a| a.autonomous = auto));
                            }>
                            <option value="interactive">"People, in a chat"</option>
                            <option value="autonomous">"A trigger (autonomous)"</option>
                        </select>
                        <p class="field-help" id=format!("in-custom-{id}-who-help")>{who_help}</p>
                    </div>
                    <Show when=move || !autonomous() && !on_usage()>
                        <SettingField
                            key=key("licensed_share")
                            field=custom::LICENSED_FIELD
                            value=Signal::derive(move || agent.with(|a| a.as_ref().map(|a| a.licensed_share)))
                            on_valid=when_set(move |v| update(Box::new(move |a| a.licensed_share = v)))
                        />
                    </Show>
                </fieldset>
                <div class="results">
                    // Recreated when the harness changes: runs become tasks.
                    {move || {
                        let label = if on_usage() { "Per task (average)" } else { "Per run (average)" };
                        view! {
                        <Figure metric=format!("custom.{id}.credits_per_run") label=label unit=credits_unit(|e| e.credits_per_run.amount()) value=figure(|e| e.credits_per_run.amount()) depends=Depends::Custom(id) ranged=true/>
                        }
                    }}
                    <Figure metric=format!("custom.{id}.credits_per_month") label="Per month" unit=credits_unit(|e| e.credits_per_month.amount()) value=figure(|e| e.credits_per_month.amount()) depends=Depends::Custom(id) ranged=true/>
                </div>
            </div>
            <p class="derivation" data-derivation=format!("custom.{id}")>{formula}</p>
            // On the GitHub Copilot harness its steps are kept (switching back bills them) but not
            // billed, so not shown.
            <div class="custom-steps" hidden=on_usage>
                <Slot name=format!("custom.{id}.steps") view=move || deferred.parts().map(|p| (p.steps)(id))/>
            </div>
            <Show when=move || !on_usage()>
                <HarnessUpgrade id=id/>
            </Show>
        </section>
    }
}
