use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::capacity::inputs::fields;
use crate::capacity::{year_unserved_note, Month, Year, PREPURCHASE_SOURCE};
use crate::chart::{nice_ceiling, scale};
use crate::components::{when_set, DataTable, Fold, SettingField, StaleNote};
use crate::format::exact;
use crate::state::{Calc, Depends, FullReport, YearSpread};

/// Chart height in SVG units.
const HEIGHT: i64 = 160;
/// Width of one month's group of bars.
const GROUP: i64 = 52;
/// Width of one bar.
const BAR: i64 = 11;

/// The strategies drawn, in order: key, label.
const SERIES: [(&str, &str); 4] = [
    ("prepaid_only", "Prepaid only"),
    ("payg_only", "Pay-as-you-go only"),
    ("mix", "Recommended mix"),
    ("yours", "Your settings"),
];

fn pick(m: &Month, series: &str) -> Decimal {
    match series {
        "prepaid_only" => m.prepaid_only.cost,
        "payg_only" => m.payg_only.cost,
        "mix" => m.mix.cost,
        _ => m.yours.cost,
    }
}

/// Twelve months ahead at a monthly growth rate: each way of paying month by month, as a chart
/// and a table, and what the Pre-Purchase Plan would cost over the year.
#[component]
pub fn YearView() -> impl IntoView {
    let calc = expect_context::<Calc>();
    let report = expect_context::<FullReport>().0;
    let year = Memo::new(move |_| report.with(|r| r.as_ref().map(|r| r.year.clone())));
    let spread = expect_context::<YearSpread>().0;
    // The low and the high case's cost at your settings, month by month, while there are ranges.
    let yours_range = Memo::new(move |_| {
        spread.with(|s| {
            s.as_ref().map(|(low, high)| {
                low.months
                    .iter()
                    .zip(&high.months)
                    .map(|(l, h)| (l.yours.cost, h.yours.cost))
                    .collect::<Vec<_>>()
            })
        })
    });
    // The axis's top: the dearest bar, or the high case's dearest month if it is dearer.
    let top = Memo::new(move |_| {
        let bars = year.with(|y| {
            y.as_ref().map_or(Decimal::ZERO, |y| {
                y.months
                    .iter()
                    .flat_map(|m| SERIES.iter().map(move |(k, _)| pick(m, k)))
                    .fold(Decimal::ZERO, Decimal::max)
            })
        });
        let high = yours_range.with(|r| {
            r.iter()
                .flatten()
                .map(|(_, h)| *h)
                .fold(Decimal::ZERO, Decimal::max)
        });
        nice_ceiling(bars.max(high))
    });
    let currency = Signal::derive(move || calc.billing.with(|b| b.prices.currency.clone()));
    let money = move |v: Decimal| calc.fmt.with_value(|f| f.money(v));
    let credits = move |v: Decimal| calc.fmt.with_value(|f| f.credits(v));
    let bars = move || {
        year.with(|y| {
            let Some(y) = y else { return Vec::new() };
            let values: Vec<Decimal> = y
                .months
                .iter()
                .flat_map(|m| SERIES.iter().map(move |(k, _)| pick(m, k)))
                .collect();
            let h = scale(&values, top.get(), Decimal::from(HEIGHT));
            values
                .iter()
                .zip(h)
                .enumerate()
                .map(|(i, (v, h))| {
                    let (month, series) = (i / SERIES.len(), i % SERIES.len());
                    let short = SERIES[series].0 == "yours"
                        && y.months[month].yours.unserved.amount() > Decimal::ZERO;
                    let x = Decimal::from(month as i64 * GROUP + 4 + series as i64 * BAR);
                    (
                        SERIES[series].0,
                        month + 1,
                        x,
                        Decimal::from(HEIGHT) - h,
                        h,
                        *v,
                        short,
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    let axis_top = move || year.with(|y| y.as_ref().map(|_| money(top.get())).unwrap_or_default());
    // Whiskers over your settings' bars, from the low to the high case's cost: x, the low end's
    // and the high end's y, and the two costs.
    let whiskers = move || {
        yours_range.with(|r| {
            let Some(r) = r else { return Vec::new() };
            let yours = SERIES.iter().position(|(k, _)| *k == "yours").unwrap_or(0) as i64;
            let ends: Vec<Decimal> = r.iter().flat_map(|(l, h)| [*l, *h]).collect();
            let h = scale(&ends, top.get(), Decimal::from(HEIGHT));
            r.iter()
                .enumerate()
                .map(|(m, (low, high))| {
                    let x = Decimal::from(m as i64 * GROUP + 4 + yours * BAR + BAR / 2);
                    let height = Decimal::from(HEIGHT);
                    (x, height - h[2 * m], height - h[2 * m + 1], *low, *high)
                })
                .collect::<Vec<_>>()
        })
    };
    let total =
        move |f: fn(&Year) -> Decimal| move || year.with(|y| y.as_ref().map(f).unwrap_or_default());
    view! {
        <section class="year" aria-labelledby="year-heading">
            <h3 id="year-heading">"The next 12 months"</h3>
            <StaleNote depends=Depends::Billing/>
            <SettingField
                key="billing.growth"
                field=fields::GROWTH
                value=Signal::derive(move || calc.billing.with(|b| Some(b.growth)))
                on_valid=when_set(move |v| calc.billing.update(|b| b.growth = v))
            />
            <figure class="year-chart">
                <svg viewBox=format!("0 -12 {} {}", GROUP * 12, HEIGHT + 32) role="img" aria-labelledby="year-chart-caption">
                    <line x1="0" x2=GROUP * 12 y1=HEIGHT y2=HEIGHT class="axis"></line>
                    <line x1="0" x2=GROUP * 12 y1="0" y2="0" class="grid"></line>
                    <text x="2" y="-3" class="axis-label">{axis_top} " " {currency}</text>
                    {move || {
                        bars()
                            .into_iter()
                            .map(|(series, month, x, y, h, v, short)| {
                                // A bar that leaves runs unserved is marked, on the chart itself:
                                // it is low because agents stop, not because it is cheap.
                                let unserved = if short { " (runs unserved)" } else { "" };
                                view! {
                                    <rect class=format!("series-{series}") class:unserved=short x=exact(x) y=exact(y) width=BAR - 1 height=exact(h)>
                                        <title>{format!("Month {month}, {series}: ")} {money(v)} {unserved}</title>
                                    </rect>
                                    {short.then(|| view! {
                                        <text class="unserved-mark" x=exact(x + Decimal::from(BAR / 2)) y=exact(y - Decimal::from(2)) text-anchor="middle">"!"</text>
                                    })}
                                }
                            })
                            .collect_view()
                    }}
                    // The range of your settings' cost, low case to high case, on its bar.
                    {move || {
                        whiskers()
                            .into_iter()
                            .enumerate()
                            .map(|(m, (x, y_low, y_high, low, high))| {
                                let cap = |y: Decimal| view! {
                                    <line class="whisker" x1=exact(x - Decimal::from(3)) x2=exact(x + Decimal::from(3)) y1=exact(y) y2=exact(y)></line>
                                };
                                view! {
                                    <g class="whisker" data-whisker=m + 1>
                                        <title>{format!("Month {}, your settings: from ", m + 1)} {money(low)} " to " {money(high)}</title>
                                        <line class="whisker" x1=exact(x) x2=exact(x) y1=exact(y_low) y2=exact(y_high)></line>
                                        {cap(y_low)}
                                        {cap(y_high)}
                                    </g>
                                }
                            })
                            .collect_view()
                    }}
                    {(1..=12)
                        .map(|m| {
                            view! {
                                <text x=(m - 1) * GROUP + GROUP / 2 y=HEIGHT + 14 class="axis-label" text-anchor="middle">{m}</text>
                            }
                        })
                        .collect_view()}
                </svg>
                <figcaption id="year-chart-caption">
                    "Cost per month, months 1 to 12: "
                    <ul class="legend inline">
                        {SERIES.iter().map(|(k, l)| view! { <li><span class=format!("swatch series-{k}")></span>{*l}</li> }).collect_view()}
                        <li hidden=move || spread.with(Option::is_none)><span class="swatch whisker-key"></span>"Your settings, low case to high case"</li>
                    </ul>
                </figcaption>
            </figure>
            {move || {
                year.with(|y| y.as_ref().and_then(|y| calc.fmt.with_value(|f| year_unserved_note(y, f))))
                    .map(|t| view! { <p class="unserved-note" role="note" data-year-unserved>"! " {t}</p> })
            }}
            <Fold name="year-table" class="year-months" open=true summary=|| "Month by month">
            <div class="table-scroll">
                <table class="year-table">
                    <thead>
                        <tr>
                            <th scope="col">"Month"</th>
                            <th scope="col" class="num">"Credits"</th>
                            <th scope="col" class="num">"Prepaid only"</th>
                            <th scope="col" class="num">"Pay-as-you-go only"</th>
                            <th scope="col" class="num">"Recommended mix"</th>
                            <th scope="col" class="num">"Your settings"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            year.with(|y| {
                                y.as_ref()
                                    .map(|y| {
                                        y.months
                                            .iter()
                                            .enumerate()
                                            .map(|(i, m)| {
                                                // With ranges, each month's credits and your cost
                                                // from the low to the high case under the figure.
                                                let (credits_range, cost_range) = spread
                                                    .with(|s| {
                                                        s.as_ref().map(|(l, h)| {
                                                            let (l, h) = (&l.months[i], &h.months[i]);
                                                            (
                                                                format!("{} – {}", credits(l.demand.amount()), credits(h.demand.amount())),
                                                                format!("{} – {}", money(l.yours.cost), money(h.yours.cost)),
                                                            )
                                                        })
                                                    })
                                                    .unzip();
                                                let unserved = if m.yours.unserved.amount() > Decimal::ZERO {
                                                    format!(" ({} unserved)", credits(m.yours.unserved.amount()))
                                                } else {
                                                    String::new()
                                                };
                                                view! {
                                                    <tr>
                                                        <th scope="row">{m.month}</th>
                                                        <td class="num">{credits(m.demand.amount())} {credits_range.map(|r| view! { <span class="cell-range">{r}</span> })}</td>
                                                        <td class="num">{money(m.prepaid_only.cost)} " (" {m.prepaid_only.packs} ")"</td>
                                                        <td class="num">{money(m.payg_only.cost)}</td>
                                                        <td class="num">{money(m.mix.cost)} " (" {m.mix.packs} ")"</td>
                                                        <td class="num">{money(m.yours.cost)} {unserved} {cost_range.map(|r| view! { <span class="cell-range">{r}</span> })}</td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()
                                    })
                            })
                        }}
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row" colspan="2">"Year, " {currency}</th>
                            <YearTotal metric="billing.year.prepaid_only_cost" value=Signal::derive(total(|y| y.prepaid_only))/>
                            <YearTotal metric="billing.year.payg_only_cost" value=Signal::derive(total(|y| y.payg_only))/>
                            <YearTotal metric="billing.year.mix_cost" value=Signal::derive(total(|y| y.mix))/>
                            <YearTotal metric="billing.year.yours_cost" value=Signal::derive(total(|y| y.yours))/>
                        </tr>
                        // With ranges: your settings' year in the low and the high case.
                        <tr class="year-range" hidden=move || spread.with(Option::is_none)>
                            <th scope="row" colspan="5">"Your settings' year, low case to high case"</th>
                            <td class="num">
                                <output data-metric="billing.year.yours_cost.low" data-value=move || spread.with(|s| s.as_ref().map(|(l, _)| exact(l.yours)).unwrap_or_default()) data-stale=calc.stale_attr(Depends::Billing)>
                                    {move || spread.with(|s| s.as_ref().map(|(l, _)| money(l.yours)).unwrap_or_default())}
                                </output>
                                " – "
                                <output data-metric="billing.year.yours_cost.high" data-value=move || spread.with(|s| s.as_ref().map(|(_, h)| exact(h.yours)).unwrap_or_default()) data-stale=calc.stale_attr(Depends::Billing)>
                                    {move || spread.with(|s| s.as_ref().map(|(_, h)| money(h.yours)).unwrap_or_default())}
                                </output>
                            </td>
                        </tr>
                        <tr class="unserved-row" hidden=move || year.with(|y| y.as_ref().is_none_or(|y| y.yours_unserved.amount().is_zero()))>
                            <td colspan="5"></td>
                            <td class="num unserved-flag">"! leaves runs unserved"</td>
                        </tr>
                    </tfoot>
                </table>
            </div>
            <p class="table-note">"Packs bought in brackets. Prepaid only buys enough packs to serve every month; the mix is the cheapest pack count with pay-as-you-go for the rest."</p>
            </Fold>
            <Prepurchase year=year.into()/>
        </section>
    }
}

#[component]
fn YearTotal(metric: &'static str, value: Signal<Decimal>) -> impl IntoView {
    let calc = expect_context::<Calc>();
    view! {
        <td class="num">
            <output data-metric=metric data-value=move || exact(value.get()) data-stale=calc.stale_attr(Depends::Billing)>
                {move || calc.fmt.with_value(|f| f.money(value.get()))}
            </output>
        </td>
    }
}

/// The Pre-Purchase Plan's tiers over the year, against pay-as-you-go only.
#[component]
fn Prepurchase(year: Signal<Option<Year>>) -> impl IntoView {
    let calc = expect_context::<Calc>();
    let money = move |v: Decimal| calc.fmt.with_value(|f| f.money(v));
    let rows = move || {
        year.with(|y| {
            let Some(y) = y else { return Vec::new() };
            y.tiers
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let best = y.best_tier == Some(i);
                    let saving = y.payg_only - t.cost;
                    view! {
                        <tr class:best=best data-tier=i>
                            <th scope="row">{calc.fmt.with_value(|f| f.credits(t.tier.units))}</th>
                            <td class="num">{money(t.tier.price)}</td>
                            <td class="num">{calc.fmt.with_value(|f| f.decimal(t.tier.discount() * Decimal::ONE_HUNDRED, 2))} " %"</td>
                            <td class="num">{money(t.drawn)}</td>
                            <td class="num">{money(t.unused)}</td>
                            <td class="num">{money(t.payg_after)}</td>
                            <td class="num">
                                <output
                                    data-metric=format!("billing.prepurchase.{}.year_cost", i + 1)
                                    data-value=exact(t.cost)
                                    data-stale=calc.stale_attr(Depends::Billing)
                                >{money(t.cost)}</output>
                            </td>
                            <td class="num">{money(saving)} {if best { " ✓ best" } else { "" }}</td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <Fold name="prepurchase" class="prepurchase" summary=|| "Copilot Credits Pre-Purchase Plan (one year, paid up front)">
            <p>
                "Commit units pay for pay-as-you-go usage at its retail value (one unit per "
                {move || calc.billing.with(|b| b.prices.currency.clone())}
                ") for a year; what is left at the end of the term expires. Compared here with paying \
                 the same forecast entirely pay-as-you-go. Tiers are editable under Prices: Microsoft \
                 publishes them only as an image, so the default is the worked example of "
                <a href=PREPURCHASE_SOURCE target="_blank" rel="noopener">"Azure's Copilot Credit P3 page"</a>
                "; use the tiers of your quote."
            </p>
            <DataTable columns=&["Commit units", "Price", "Discount", "Used", "Expires unused", "Pay-as-you-go after", "Year cost", "Saving vs pay-as-you-go"]>
                {rows}
            </DataTable>
        </Fold>
    }
}
