use leptos::prelude::*;

use crate::capacity::{range_advice, Bill, Choice, RangeAdvice};
use crate::components::DataTable;
use crate::rating::Credits;
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
            .with(|b| range_advice(demands, &b.prices, &b.settings).ok())
    });
    let choice_row = move |label: &'static str,
                           metric: &'static str,
                           pick: fn(&RangeAdvice) -> &Choice| {
        let packs = move || advice.with(|a| a.as_ref().map_or(0, |a| pick(a).packs));
        let cost = move |i: usize| {
            move || {
                advice.with(|a| {
                    a.as_ref()
                        .map(|a| {
                            let currency = calc.billing.with(|b| b.prices.currency.clone());
                            format!(
                                "{} {currency}",
                                calc.fmt.with_value(|f| f.money(pick(a).costs[i]))
                            )
                        })
                        .unwrap_or_default()
                })
            }
        };
        view! {
            <tr>
                <th scope="row">{label}</th>
                <td class="num"><output data-metric=metric data-value=move || packs().to_string() data-stale=stale>{packs}</output></td>
                <td class="num">{cost(0)}</td>
                <td class="num">{cost(1)}</td>
                <td class="num">{cost(2)}</td>
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
            <h3>"Packs that survive the range"</h3>
            <p class="muted">
                "What each costs a month in each case. The expected cost is the expected case's cost; \
                 the cheapest choice for it may leave the high case on pay-as-you-go."
            </p>
            <DataTable columns=&["", "Packs", "Low", "Expected", "High"]>
                {choice_row("Cheapest for the expected case, pay-as-you-go for the rest", "billing.range.cheapest_packs", |a| &a.cheapest)}
                {choice_row("Never stops, even in the high case, without pay-as-you-go", "billing.range.never_stop_packs", |a| &a.never_stops)}
            </DataTable>
        </section>
    }
}

/// Credits as the page writes them.
fn credits(v: Credits, calc: &Calc) -> String {
    calc.fmt.with_value(|f| f.credits(v.amount()))
}
