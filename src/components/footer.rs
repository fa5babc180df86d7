use leptos::prelude::*;

use crate::components::LazyDetails;
use crate::state::Calc;

/// The rate card every figure uses, with its source and dates, and the rounding rule.
#[component]
pub fn Footer() -> impl IntoView {
    let calc = expect_context::<Calc>();
    let card = move || calc.estimate.with(|e| e.card);
    let rates = move || {
        let card = card();
        calc.fmt.with_value(|f| {
            card.rates
                .iter()
                .map(|r| {
                    view! {
                        <tr>
                            <th scope="row">{r.name}</th>
                            <td class="num">{f.decimal(r.credits, 4)}</td>
                            <td>{r.unit_label()}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <footer class="page-footer">
            <LazyDetails class="rate-card" name="rate-card" summary=move || view! { "Rate card: " {move || card().id} }>
                <div class="table-scroll">
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">"Event scenario"</th>
                                <th scope="col" class="num">"Copilot Credits"</th>
                                <th scope="col">"Unit"</th>
                            </tr>
                        </thead>
                        <tbody>{rates}</tbody>
                    </table>
                </div>
                <p>
                    "Effective " {move || card().effective} ", checked " {move || card().checked} ". Source: "
                    <a href=move || card().source target="_blank" rel="noopener">
                        "Microsoft Learn, Billing rates and management"
                    </a> "."
                </p>
            </LazyDetails>
            <p class="fineprint">
                "Figures are exact; the page rounds for display only (to 2 decimals, halves away from zero). \
                 An estimate, not a quote: Microsoft's meters decide the bill."
            </p>
        </footer>
    }
}
