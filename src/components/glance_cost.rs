use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::components::{Figure, UnservedNote};
use crate::state::{Calc, Depends, MonthBill};

/// The month's cost in [`crate::components::Glance`], the note beside it when it leaves runs
/// unserved, and links to the billing settings and to sharing.
#[component]
pub fn GlanceCost() -> impl IntoView {
    let calc = expect_context::<Calc>();
    let bill = expect_context::<MonthBill>().0;
    let cost =
        Signal::derive(move || bill.with(|b| b.as_ref().map_or(Decimal::ZERO, |b| b.total_cost)));
    let currency = Signal::derive(move || calc.billing.with(|b| b.prices.currency.clone()));
    view! {
        <Figure
            metric="billing.total_cost"
            label="Cost per month"
            unit=currency
            value=cost
            money=true
            depends=Depends::Billing
            ranged=true
        />
        <UnservedNote/>
        <nav class="glance-links" aria-label="Jump to">
            <a href="#billing-heading">"Billing settings"</a>
            <a href="#share-heading">"Share and export"</a>
        </nav>
    }
}
