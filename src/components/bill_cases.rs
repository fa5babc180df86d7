use leptos::prelude::*;

use crate::capacity::Bill;
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
    view! {
        <section class="bill-cases" data-bill-cases="" data-stale=stale hidden=move || cases.with(Option::is_none)>
            <h3>"The month in each case"</h3>
            <p class="muted">
                "Under your settings, with every input at its low value, as expected, and at its high value."
            </p>
            <DataTable columns=&["", "Low", "Expected", "High"]>{rows}</DataTable>
        </section>
    }
}

/// Credits as the page writes them.
fn credits(v: Credits, calc: &Calc) -> String {
    calc.fmt.with_value(|f| f.credits(v.amount()))
}
