use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::browser;
use crate::format::exact;
use crate::state::{Calc, Depends, FullReport};

/// The cheapest pack count for the month with pay-as-you-go on, and the volume at which one
/// more pack pays off, with a button to adopt it.
#[component]
pub fn Recommendation() -> impl IntoView {
    let calc = expect_context::<Calc>();
    let report = expect_context::<FullReport>().0;
    let rec = Memo::new(move |_| report.with(|r| r.as_ref().map(|r| r.recommendation.clone())));
    let packs = move || rec.with(|r| r.as_ref().map_or(0, |r| r.packs));
    let buy = move || match packs() {
        0 => " packs: pay-as-you-go for everything".to_string(),
        1 => " pack, pay-as-you-go for the rest".to_string(),
        _ => " packs, pay-as-you-go for the rest".to_string(),
    };
    let cost = move || {
        rec.with(|r| {
            r.as_ref()
                .map(|r| {
                    let currency = calc.billing.with(|b| b.prices.currency.clone());
                    calc.fmt
                        .with_value(|f| format!(", {} {currency} a month.", f.money(r.cost)))
                })
                .unwrap_or_default()
        })
    };
    let next = move || {
        rec.with(|r| {
            r.as_ref()
                .map(|r| match r.next_pack_break_even {
                    None => " Packs never pay off at these prices.".to_string(),
                    Some(be) => calc.fmt.with_value(|f| {
                        format!(
                            " One more pack pays off from {} a month.",
                            f.credits_noun(be.amount())
                        )
                    }),
                })
                .unwrap_or_default()
        })
    };
    let differs = move || {
        calc.billing
            .with(|b| b.settings.packs != packs() || !b.settings.payg)
    };
    // What was adopted, for the confirmation that takes the button's place (and its focus, so
    // keyboard and screen-reader users stay where they were).
    let adopted = RwSignal::new(None::<u64>);
    let adopt = move |_| {
        let n = packs();
        calc.forget_drafts("billing.packs");
        calc.billing.update(|b| {
            b.settings.packs = n;
            b.settings.payg = true;
        });
        adopted.set(Some(n));
        browser::go_to_soon(".recommendation [data-confirmation]");
    };
    let confirmation = move || {
        adopted.get().filter(|_| !differs()).map(|n| {
            let packs = if n == 1 { "pack" } else { "packs" };
            view! {
                <p class="confirmation" role="status" tabindex="-1" data-confirmation>
                    {format!("Now {n} {packs} with pay-as-you-go: the cheapest for this month.")}
                </p>
            }
        })
    };
    view! {
        <div class="recommendation">
            <p>
                "Cheapest for this month: "
                <output
                    data-metric="billing.recommended_packs"
                    data-value=move || exact(Decimal::from(packs()))
                    data-stale=calc.stale_attr(Depends::Billing)
                >
                    {packs}
                </output>
                {buy}
                {cost}
                {next}
            </p>
            <Show when=differs>
                <button type="button" class="secondary" data-action="use-recommended" on:click=adopt>
                    {move || format!("Use {} pack{} with pay-as-you-go", packs(), if packs() == 1 { "" } else { "s" })}
                </button>
            </Show>
            {confirmation}
        </div>
    }
}
