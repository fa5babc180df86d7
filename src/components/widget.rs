use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::components::{agent_fields, Figure, Notices, UnservedNote};
use crate::rating::template::template;
use crate::state::{Calc, Depends, MonthBill};
use crate::{browser, split};

/// The widget page (`?embed=1`): notices and the widget, nothing else. A [`crate::split::Build`].
pub fn widget() -> AnyView {
    provide_context(MonthBill::new(expect_context::<Calc>()));
    view! {
        <div class="page embed">
            <Notices/>
            <Widget/>
        </div>
    }
    .into_any()
}

/// The embeddable widget (`?embed=1`): the estimate's agents with their inputs and figures, the
/// month's cost, and a link that opens the full page with the same state. No page chrome, and it
/// never touches the visitor's saved estimate.
#[component]
pub fn Widget() -> impl IntoView {
    let calc = expect_context::<Calc>();
    let ids = move || {
        calc.workload.with(|w| {
            w.agents
                .iter()
                .map(|a| a.template.clone())
                .collect::<Vec<_>>()
        })
    };
    let full = move || {
        format!(
            "{}#{}",
            browser::base_url(),
            split::write_link(&calc.plan())
        )
    };
    let total = Signal::derive(move || calc.estimate.with(|e| e.credits_per_month.amount()));
    let cost = Signal::derive(move || {
        expect_context::<MonthBill>()
            .0
            .with(|b| b.as_ref().map_or(Decimal::ZERO, |b| b.total_cost))
    });
    let currency = Signal::derive(move || calc.billing.with(|b| b.prices.currency.clone()));
    Effect::new(move |_| browser::report_height_to_parent());
    view! {
        <div class="widget">
            <For each=ids key=|id| id.clone() children=move |id| view! { <WidgetAgent id=id/> }/>
            <div class="results widget-total" aria-live="polite">
                <Figure metric="total.credits_per_month" label="Per month, all agents" unit="credits" value=total depends=Depends::Total/>
                <Figure metric="billing.total_cost" label="Cost per month" unit=currency value=cost money=true depends=Depends::Billing/>
                <UnservedNote/>
            </div>
            <p class="widget-foot">
                <a href=full target="_blank" rel="noopener" data-action="open-full">"Open full estimate"</a>
                " · Copilot Credits estimator"
            </p>
        </div>
    }
}

#[component]
fn WidgetAgent(id: String) -> impl IntoView {
    let calc = expect_context::<Calc>();
    let Some(t) = template(&id) else {
        return ().into_any();
    };
    let figure = move |pick: fn(&crate::rating::AgentEstimate) -> Decimal| {
        Signal::derive(move || {
            calc.estimate
                .with(|e| e.agent(t.id).map_or(Decimal::ZERO, pick))
        })
    };
    view! {
        <section class="agent widget-agent" data-agent=t.id>
            <h2>{t.name}</h2>
            <div class="agent-body">
                <fieldset class="inputs">
                    <legend class="visually-hidden">{t.name} " inputs"</legend>
                    {agent_fields(t)}
                </fieldset>
                <div class="results">
                    <Figure metric=format!("{}.credits_per_run", t.id) label="Per run (average)" unit="credits" value=figure(|a| a.credits_per_run.amount()) depends=Depends::Agent(t.id)/>
                    <Figure metric=format!("{}.credits_per_month", t.id) label="Per month" unit="credits" value=figure(|a| a.credits_per_month.amount()) depends=Depends::Agent(t.id)/>
                </div>
            </div>
        </section>
    }
    .into_any()
}
