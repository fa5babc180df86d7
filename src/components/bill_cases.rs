use leptos::prelude::*;

use rust_decimal::Decimal;

use crate::capacity::inputs::fields;
use crate::capacity::{range_advice, Bill, Choice, RangeAdvice};
use crate::components::{when_set, Check, DataTable, SettingField};
use crate::rating::{Bound, Credits};
use crate::state::{BillSpread, Calc, Depends, MonthBill};

/// How to read one row's cell off a bill.
type Cell = fn(&Bill, &Calc) -> String;

/// The rows: label and cell.
const ROWS: [(&str, Cell); 7] = [
    ("Credits the agents use", |b, c| credits(b.demand, c)),
    ("From prepaid capacity", |b, c| credits(b.prepaid_used, c)),
    ("Pay-as-you-go", |b, c| credits(b.payg, c)),
    ("Grace overage (unbilled)", |b, c| credits(b.overage, c)),
    ("Unserved", |b, c| credits(b.unserved, c)),
    ("Agents stop on", |b, _| {
        b.stop_day
            .map_or_else(|| "never".to_string(), |d| format!("day {d}"))
    }),
    ("Cost", |b, c| {
        let currency = c.billing.with_untracked(|p| p.prices.currency.clone());
        format!("{} {currency}", c.fmt.with_value(|f| f.money(b.total_cost)))
    }),
];

/// The month's bill under your settings in each case, side by side: what the low, the expected
/// and the high volumes use, what serves them and what they cost. Shown while some input has a
/// range (the figures' own `KEY.low` / `KEY.high` are their public hooks; this is their table).
#[component]
pub fn BillCases() -> impl IntoView {
    let calc = expect_context::<Calc>();
    let bill = expect_context::<MonthBill>().0;
    let cases = expect_context::<BillSpread>().0;
    let stale = calc.stale_attr(Depends::Billing);
    let rows = ROWS
        .iter()
        .map(|&(label, cell)| {
            let pick = move |b: &Bill| cell(b, &calc);
            let low = move || {
                cases
                    .with(|c| c.as_ref().map(|(l, _)| pick(l)))
                    .unwrap_or_default()
            };
            let expected = move || bill.with(|b| b.as_ref().map(pick)).unwrap_or_default();
            let high = move || {
                cases
                    .with(|c| c.as_ref().map(|(_, h)| pick(h)))
                    .unwrap_or_default()
            };
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td class="num">{low}</td>
                    <td class="num">{expected}</td>
                    <td class="num">{high}</td>
                </tr>
            }
        })
        .collect_view();
    // Two pack counts worth knowing when the volumes may differ (capacity::range_advice).
    let advice = Memo::new(move |_| {
        let demands = calc.estimate.with(|e| {
            let c = e.cases.as_ref()?;
            Some([
                c.low.credits_per_month,
                e.credits_per_month,
                c.high.credits_per_month,
            ])
        })?;
        calc.billing
            .with(|b| range_advice(demands, &b.prices, &b.settings, b.weights).ok())
    });
    // The expected cost under your settings, and how it is formed (the same line as the bill's
    // derivation).
    let mixed = Memo::new(move |_| {
        let costs = bill.with(|b| {
            let b = b.as_ref()?;
            cases.with(|c| {
                c.as_ref()
                    .map(|(l, h)| [l.total_cost, b.total_cost, h.total_cost])
            })
        })?;
        calc.billing.with(|b| {
            let w = b.weights;
            let text = calc
                .fmt
                .with_value(|f| w.explain(costs, &b.prices.currency, f).ok())?;
            Some((w.mix(costs).ok()?, text))
        })
    });
    let expected_weight = move || calc.billing.with(|b| b.weights.expected());
    let weight = move |case: Bound| {
        Signal::derive(move || {
            calc.billing.with(|b| {
                Some(match case {
                    Bound::Low => b.weights.low,
                    Bound::High => b.weights.high,
                })
            })
        })
    };
    let set_weight = move |case: Bound| {
        when_set(move |v| {
            calc.billing.update(|b| {
                if let Ok(w) = b.weights.with(case, v) {
                    b.weights = w;
                }
            });
        })
    };
    let choice_row = move |label: &'static str,
                           metric: &'static str,
                           pick: fn(&RangeAdvice) -> &Choice| {
        let packs = move || advice.with(|a| a.as_ref().map_or(0, |a| pick(a).packs));
        let cost = move |i: Option<usize>| {
            move || {
                advice.with(|a| {
                    a.as_ref()
                        .map(|a| {
                            let c = pick(a);
                            money(i.map_or(c.expected_cost, |i| c.costs[i]), &calc)
                        })
                        .unwrap_or_default()
                })
            }
        };
        view! {
            <tr>
                <th scope="row">{label}</th>
                <td class="num"><output data-metric=metric data-value=move || packs().to_string() data-stale=stale>{packs}</output></td>
                <td class="num">{cost(Some(0))}</td>
                <td class="num">{cost(Some(1))}</td>
                <td class="num">{cost(Some(2))}</td>
                <td class="num">{cost(None)}</td>
            </tr>
        }
    };
    view! {
        <section class="bill-cases" data-bill-cases="" data-stale=stale hidden=move || cases.with(Option::is_none)>
            <h3>"The month in each case"</h3>
            <p class="muted">
                "Under your settings, with every input at its low value, as expected, and at its high value."
            </p>
            <DataTable columns=&["", "Low", "Expected", "High"]>{rows}</DataTable>
            <h3>"The expected cost"</h3>
            <p class="muted">
                "The expected case's cost, or a mix of the three cases: weigh the low and the high \
                 case, and the expected case takes the rest (25 % and 25 % make 25 / 50 / 25)."
            </p>
            <fieldset class="inputs weights">
                <legend class="visually-hidden">"Weights of the cases in the expected cost"</legend>
                <SettingField key="billing.range.weight.low" field=fields::WEIGHT_LOW value=weight(Bound::Low) on_valid=set_weight(Bound::Low) check=WEIGHT_CHECK/>
                <SettingField key="billing.range.weight.high" field=fields::WEIGHT_HIGH value=weight(Bound::High) on_valid=set_weight(Bound::High) check=WEIGHT_CHECK/>
            </fieldset>
            <div class="figure">
                <span class="figure-label">"Expected cost per month"</span>
                <span class="figure-value">
                    <output data-metric="billing.range.expected_cost" data-value=move || mixed.with(|m| m.as_ref().map(|(v, _)| crate::format::exact(*v)).unwrap_or_default()) data-stale=stale>
                        {move || mixed.with(|m| m.as_ref().map(|(v, _)| money(*v, &calc)).unwrap_or_default())}
                    </output>
                </span>
                <span class="figure-range">
                    "the expected case weighs "
                    <output data-metric="billing.range.weight.expected" data-value=move || crate::format::exact(expected_weight()) data-stale=stale>
                        {move || calc.fmt.with_value(|f| f.decimal(expected_weight(), 2))}
                    </output>
                    " %"
                </span>
            </div>
            <p class="derivation" data-derivation="billing.range.expected_cost">{move || mixed.with(|m| m.as_ref().map(|(_, t)| t.clone()).unwrap_or_default())}</p>
            <h3>"Packs that survive the range"</h3>
            <p class="muted">
                "What each costs a month in each case, and its expected cost. The cheapest choice \
                 for the expected cost may leave the high case on pay-as-you-go."
            </p>
            <DataTable columns=&["", "Packs", "Low", "Expected", "High", "Expected cost"]>
                {choice_row("Cheapest for the expected cost, pay-as-you-go for the rest", "billing.range.cheapest_packs", |a| &a.cheapest)}
                {choice_row("Never stops, even in the high case, without pay-as-you-go", "billing.range.never_stop_packs", |a| &a.never_stops)}
            </DataTable>
        </section>
    }
}

/// A weight must leave room for the other one (together at most 100 %).
const WEIGHT_CHECK: Check = |calc, key, v| {
    let case = if key.ends_with(".low") {
        Bound::Low
    } else {
        Bound::High
    };
    calc.billing.with(|b| b.weights.with(case, v).err())
};

/// Money as the page writes it, with the prices' currency.
fn money(v: Decimal, calc: &Calc) -> String {
    let currency = calc.billing.with(|b| b.prices.currency.clone());
    format!("{} {currency}", calc.fmt.with_value(|f| f.money(v)))
}

/// Credits as the page writes them.
fn credits(v: Credits, calc: &Calc) -> String {
    calc.fmt.with_value(|f| f.credits(v.amount()))
}
