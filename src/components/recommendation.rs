use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::app::Calc;
use crate::format::exact;

/// The cheapest pack count for the month with pay-as-you-go on, and the volume at which one
/// more pack pays off, with a button to adopt it.
#[component]
pub fn Recommendation() -> impl IntoView {
    let calc = expect_context::<Calc>();
    let rec = Memo::new(move |_| {
        calc.report
            .with(|r| r.as_ref().map(|r| r.recommendation.clone()))
    });
    let packs = move || rec.with(|r| r.as_ref().map_or(0, |r| r.packs));
    let text = move || {
        rec.with(|r| {
            let Some(r) = r else { return String::new() };
            calc.billing.with(|b| {
                calc.fmt.with_value(|f| {
                    let buy = match r.packs {
                        0 => "no packs, pay-as-you-go for everything".to_string(),
                        1 => "1 pack, pay-as-you-go for the rest".to_string(),
                        n => format!("{n} packs, pay-as-you-go for the rest"),
                    };
                    let next = r.next_pack_break_even.map_or_else(
                        || " Packs never pay off at these prices.".to_string(),
                        |be| {
                            format!(
                                " One more pack pays off from {} credits a month.",
                                f.credits(be.amount())
                            )
                        },
                    );
                    format!(
                        "Cheapest for this month: {buy}, {} {} a month.{next}",
                        f.money(r.cost),
                        b.prices.currency
                    )
                })
            })
        })
    };
    let differs = move || {
        calc.billing
            .with(|b| b.settings.packs != packs() || !b.settings.payg)
    };
    let adopt = move |_| {
        let n = packs();
        calc.drafts.update(|d| {
            d.remove("billing.packs");
        });
        calc.billing.update(|b| {
            b.settings.packs = n;
            b.settings.payg = true;
        });
    };
    view! {
        <div class="recommendation">
            <p>
                <output data-metric="billing.recommended_packs" data-value=move || exact(Decimal::from(packs()))>
                    {text}
                </output>
            </p>
            <Show when=differs>
                <button type="button" class="secondary" data-action="use-recommended" on:click=adopt>
                    {move || format!("Use {} pack{} with pay-as-you-go", packs(), if packs() == 1 { "" } else { "s" })}
                </button>
            </Show>
        </div>
    }
}
