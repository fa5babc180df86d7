use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::capacity::inputs::fields;
use crate::capacity::{explain, outcome, Bill};
use crate::components::{
    when_set, BillCases, BillChart, BudgetOffer, Environments, Figure, LazyDetails, PaygPolicies,
    PricesEditor, Recommendation, SettingField, SetupSteps, StaleNote, YearView,
};
use crate::state::{BillSpread, Calc, Depends, MonthBill};

/// What the estimate costs: the billing settings, the month's bill and where its credits go,
/// then the year ahead, environments, billing policies, prices and what to set up.
#[component]
pub fn BillingSection() -> impl IntoView {
    let calc = expect_context::<Calc>();
    let bill = expect_context::<MonthBill>().0;
    let spread = expect_context::<BillSpread>();
    let credits = move |pick: fn(&Bill) -> Decimal| {
        Signal::derive(move || bill.with(|b| b.as_ref().map_or(Decimal::ZERO, pick)))
    };
    let currency = Signal::derive(move || calc.billing.with(|b| b.prices.currency.clone()));
    let stop_day = move || bill.with(|b| b.as_ref().and_then(|b| b.stop_day));
    let result = Memo::new(move |_| {
        bill.with(|b| {
            b.as_ref().map(|b| {
                calc.billing
                    .with(|s| calc.fmt.with_value(|f| outcome(b, &s.settings, f)))
            })
        })
    });
    // With ranges, the last line says how the expected cost mixes the three cases' costs.
    let lines = move || {
        bill.with(|b| {
            b.as_ref()
                .map(|b| {
                    calc.billing.with(|s| {
                        calc.fmt.with_value(|f| {
                            let mut lines = explain(b, &s.settings, &s.prices, f);
                            let costs = spread.0.with(|c| {
                                c.as_ref()
                                    .map(|(l, h)| [l.total_cost, b.total_cost, h.total_cost])
                            });
                            lines
                                .extend(costs.and_then(|c| {
                                    s.weights.explain(c, &s.prices.currency, f).ok()
                                }));
                            lines
                        })
                    })
                })
                .unwrap_or_default()
        })
    };
    let payg = move || calc.billing.with(|b| b.settings.payg);
    let on_payg = move |ev| {
        let on = event_target_value(&ev) == "on";
        // The setting that stops applying is hidden; text left in error there would hold the
        // bill back with no field to correct.
        calc.forget_drafts(if on {
            "billing.enforcement"
        } else {
            "billing.budget"
        });
        calc.billing.update(|b| b.settings.payg = on);
    };
    view! {
        <section class="billing" aria-labelledby="billing-heading">
            <h2 id="billing-heading">"What it costs"</h2>
            <p class="section-lede">
                "The month's credits under your way of paying: prepaid capacity packs are used first, \
                 pay-as-you-go takes the rest. Without pay-as-you-go, agents run into a grace margin \
                 and then stop."
            </p>
            <div class="agent-body">
                <fieldset class="inputs">
                    <legend class="visually-hidden">"How you pay"</legend>
                    <SettingField
                        key="billing.packs"
                        field=fields::PACKS
                        value=Signal::derive(move || {
                            calc.billing.with(|b| Some(Decimal::from(b.settings.packs)))
                        })
                        on_valid=Callback::new(move |v: Option<Decimal>| {
                            if let Some(n) = v.and_then(|v| u64::try_from(v.mantissa()).ok()) {
                                calc.billing.update(|b| b.settings.packs = n);
                            }
                        })
                    />
                    <div class="field">
                        <label for="in-billing-payg">"Pay-as-you-go"</label>
                        <div class="field-control">
                            <select
                                id="in-billing-payg"
                                data-input="billing.payg"
                                aria-describedby="in-billing-payg-help"
                                prop:value=move || if payg() { "on" } else { "off" }
                                on:change=on_payg
                            >
                                <option value="on">"On: billed monthly through Azure"</option>
                                <option value="off">"Off: prepaid capacity only"</option>
                            </select>
                        </div>
                        <p class="field-help" id="in-billing-payg-help">
                            "Set up with an Azure subscription under a billing policy."
                        </p>
                    </div>
                    // Settings that do not apply are not shown: the budget caps pay-as-you-go, the
                    // enforcement threshold stops agents without it.
                    <div class="setting-group" hidden=move || !payg()>
                    <SettingField
                        key="billing.budget"
                        field=fields::BUDGET
                        unit=currency
                        value=Signal::derive(move || calc.billing.with(|b| b.settings.budget))
                        on_valid=Callback::new(move |v| calc.billing.update(|b| b.settings.budget = v))
                    />
                    </div>
                    <div class="setting-group" hidden=payg>
                    <SettingField
                        key="billing.enforcement"
                        field=fields::ENFORCEMENT
                        value=Signal::derive(move || calc.billing.with(|b| Some(b.settings.enforcement)))
                        on_valid=when_set(move |v| calc.billing.update(|b| b.settings.enforcement = v))
                    />
                    </div>
                </fieldset>
                <div class="results">
                    <StaleNote depends=Depends::Billing/>
                    <Figure metric="billing.prepaid_cost" label="Capacity packs" unit=currency value=credits(|b| b.prepaid_cost) money=true depends=Depends::Billing ranged=true/>
                    <Figure metric="billing.payg_cost" label="Pay-as-you-go" unit=currency value=credits(|b| b.payg_cost) money=true depends=Depends::Billing ranged=true/>
                </div>
            </div>
            <p class="outcome" data-outcome=move || result.with(|o| o.as_ref().map(|o| o.kind).unwrap_or_default())>
                {move || result.with(|o| o.as_ref().map(|o| o.text.clone()).unwrap_or_default())}
            </p>
            <BudgetOffer/>
            <div class="credit-figures">
                <Figure metric="billing.prepaid_credits" label="Prepaid capacity" unit="credits" value=credits(|b| b.prepaid.amount()) depends=Depends::Billing/>
                <Figure metric="billing.prepaid_used_credits" label="Prepaid used" unit="credits" value=credits(|b| b.prepaid_used.amount()) depends=Depends::Billing ranged=true/>
                <Figure metric="billing.payg_credits" label="Pay-as-you-go" unit="credits" value=credits(|b| b.payg.amount()) depends=Depends::Billing ranged=true/>
                <Figure metric="billing.overage_credits" label="Grace overage (unbilled)" unit="credits" value=credits(|b| b.overage.amount()) depends=Depends::Billing ranged=true/>
                <Figure metric="billing.unserved_credits" label="Unserved" unit="credits" value=credits(|b| b.unserved.amount()) depends=Depends::Billing ranged=true/>
                <div class="figure">
                    <span class="figure-label">"Agents stop on"</span>
                    <span class="figure-value">
                        <output
                            data-metric="billing.stop_day"
                            data-value=move || stop_day().map(|d| d.to_string()).unwrap_or_default()
                            data-stale=calc.stale_attr(Depends::Billing)
                        >
                            {move || stop_day().map_or_else(|| "never".to_string(), |d| format!("day {d}"))}
                        </output>
                    </span>
                    // The stop day runs the other way: the high case stops first.
                    {move || spread.0.with(|b| b.as_ref().map(|(low, high)| (low.stop_day, high.stop_day))).map(|(low, high)| {
                        let day = |d: Option<u32>| d.map_or_else(|| "never".to_string(), |d| format!("day {d}"));
                        let value = |d: Option<u32>| d.map(|d| d.to_string()).unwrap_or_default();
                        view! {
                            <span class="figure-range">
                                "low case " <output data-metric="billing.stop_day.low" data-value=value(low) data-stale=calc.stale_attr(Depends::Billing)>{day(low)}</output>
                                ", high case " <output data-metric="billing.stop_day.high" data-value=value(high) data-stale=calc.stale_attr(Depends::Billing)>{day(high)}</output>
                            </span>
                        }
                    })}
                </div>
            </div>
            <BillCases/>
            <BillChart bill=bill.into()/>
            <LazyDetails class="breakdown" name="bill-derivation" summary=|| "How the bill is calculated">
                <ol class="bill-lines">
                    {move || lines().into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                </ol>
                <p class="source">
                    "Prices: " {move || calc.billing.with(|b| b.prices.currency.clone())} " list prices from "
                    <a href=move || calc.billing.with(|b| b.prices.source.clone()) target="_blank" rel="noopener">
                        "Microsoft Learn, Copilot Credits overview"
                    </a>
                    ", checked " {move || calc.billing.with(|b| b.prices.checked.clone())}
                    ". Enforcement: Microsoft's notice of April 2025 (125 % of prepaid capacity)."
                </p>
            </LazyDetails>
            <Recommendation/>
            <YearView/>
            <Environments/>
            <PaygPolicies/>
            <PricesEditor/>
            <SetupSteps/>
        </section>
    }
}
