use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::browser;
use crate::capacity::budget_to_cover;
use crate::state::Calc;

/// When the pay-as-you-go budget runs out during the month: the budget that covers it, offered
/// in one click. After the click, a short confirmation takes the button's place and the focus.
#[component]
pub fn BudgetOffer() -> impl IntoView {
    let calc = expect_context::<Calc>();
    let need = Memo::new(move |_| {
        let demand = calc.estimate.with(|e| e.credits_per_month);
        calc.billing
            .with(|b| budget_to_cover(demand, &b.settings, &b.prices))
    });
    let done = RwSignal::new(None::<Decimal>);
    let money = move |v: Decimal| {
        let currency = calc.billing.with(|b| b.prices.currency.clone());
        calc.fmt
            .with_value(|f| format!("{} {currency}", f.money(v)))
    };
    let adopt = move |_| {
        let Some(v) = need.get_untracked() else {
            return;
        };
        calc.forget_drafts("billing.budget");
        calc.billing.update(|b| b.settings.budget = Some(v));
        done.set(Some(v));
        browser::go_to_soon(".budget-offer [data-confirmation]");
    };
    view! {
        <div class="budget-offer">
            {move || {
                need.get()
                    .map(|v| {
                        view! {
                            <p>
                                "A budget of " {money(v)} " covers the month. "
                                <button type="button" class="secondary" data-action="use-budget" on:click=adopt>
                                    {format!("Set the budget to {}", money(v))}
                                </button>
                            </p>
                        }
                    })
            }}
            {move || {
                done.get()
                    // Only while it is still true: the budget as set, and nothing unserved.
                    .filter(|v| {
                        need.with(Option::is_none)
                            && calc.billing.with(|b| b.settings.budget == Some(*v))
                    })
                    .map(|v| {
                        view! {
                            <p class="confirmation" role="status" tabindex="-1" data-confirmation>
                                "Budget set to " {money(v)} ": every run is served."
                            </p>
                        }
                    })
            }}
        </div>
    }
}
