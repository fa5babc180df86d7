use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::capacity::Bill;
use crate::chart::{stack, Segment};
use crate::components::{BarPart, StackedBar};
use crate::format::counted;
use crate::state::Calc;

/// Where the month's credits go and where the money goes, as two stacked bars with a legend
/// that repeats every figure (the bars are for the eye; the legend is for reading).
#[component]
pub fn BillChart(
    /// The month's bill.
    bill: Signal<Option<Bill>>,
) -> impl IntoView {
    let calc = expect_context::<Calc>();
    let credits = move || {
        bill.with(|b| {
            b.as_ref()
                .map(|b| {
                    stack(&[
                        ("prepaid_used", b.prepaid_used.amount()),
                        ("payg", b.payg.amount()),
                        ("overage", b.overage.amount()),
                        ("unserved", b.unserved.amount()),
                        ("prepaid_unused", b.prepaid_unused().amount()),
                    ])
                })
                .unwrap_or_default()
        })
    };
    let money = move || {
        bill.with(|b| {
            b.as_ref()
                .map(|b| stack(&[("packs", b.prepaid_cost), ("payg_cost", b.payg_cost)]))
                .unwrap_or_default()
        })
    };
    let currency = move || calc.billing.with(|b| b.prices.currency.clone());
    view! {
        <figure class="bill-chart" aria-label="Where the month's credits and money go">
            <Bar title="Credits" segments=Signal::derive(credits) unit=Signal::derive(|| "credits".to_string()) money=false/>
            <Bar title="Money" segments=Signal::derive(money) unit=Signal::derive(currency) money=true/>
        </figure>
    }
}

fn label(key: &str) -> &'static str {
    match key {
        "prepaid_used" => "Prepaid used",
        "payg" => "Pay-as-you-go",
        "overage" => "Grace overage",
        "unserved" => "Unserved",
        "prepaid_unused" => "Prepaid unused",
        "packs" => "Packs",
        "payg_cost" => "Pay-as-you-go",
        _ => "",
    }
}

#[component]
fn Bar(
    title: &'static str,
    segments: Signal<Vec<Segment>>,
    unit: Signal<String>,
    money: bool,
) -> impl IntoView {
    let calc = expect_context::<Calc>();
    let shown = move |v: Decimal| {
        calc.fmt
            .with_value(|f| if money { f.money(v) } else { f.credits(v) })
    };
    view! {
        <div class="bar-row" data-chart=title.to_ascii_lowercase()>
            <span class="bar-title">{title}</span>
            <StackedBar
                parts=Signal::derive(move || {
                    segments.with(|s| {
                        s.iter()
                            .map(|seg| BarPart {
                                class: format!("seg seg-{}", seg.key),
                                hook: Some(seg.key),
                                start: seg.start,
                                width: seg.percent,
                            })
                            .collect::<Vec<_>>()
                    })
                })
                label=Signal::derive(move || {
                    segments.with(|s| {
                        s.iter()
                            .map(|seg| format!("{} {} %", label(seg.key), seg.percent))
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                })
            />
            <ul class="legend">
                {move || {
                    segments
                        .get()
                        .into_iter()
                        .map(|seg| {
                            view! {
                                <li>
                                    <span class=format!("swatch seg-{}", seg.key)></span>
                                    {label(seg.key)} ": " {shown(seg.value)} " " {counted(&unit.get(), seg.value).to_string()}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}
