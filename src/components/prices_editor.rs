use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::capacity::inputs::fields;
use crate::capacity::{PrepurchaseTier, Prices, EDITED, LIST_PRICES_USD, MAX_TIERS};
use crate::components::{when_set, Fold, SettingField, TextField};
use crate::rating::Field;
use crate::state::{Calc, RowList};

/// Prefix of the keys of price fields (tiers included), whose drafts a reset forgets.
const PRICES: &str = "billing.price.";

/// The prices billed at: list prices by default, editable for a negotiated or local price list.
#[component]
pub fn PricesEditor() -> impl IntoView {
    let calc = expect_context::<Calc>();
    let prices = move || calc.billing.with(|b| b.prices.clone());
    let currency = Signal::derive(move || calc.billing.with(|b| b.prices.currency.clone()));
    let edit = move |f: Box<dyn FnOnce(&mut Prices)>| {
        calc.billing.update(|b| {
            f(&mut b.prices);
            b.prices.mark_edited(&LIST_PRICES_USD);
        });
    };
    let is_list = move || calc.billing.with(|b| b.prices == *LIST_PRICES_USD);
    let problem = move || {
        calc.billing
            .with(|b| b.prices.validate().err().map(|e| e.to_string()))
    };
    let reset = move |_| {
        calc.forget_drafts(PRICES);
        calc.billing.update(|b| b.prices = LIST_PRICES_USD.clone());
    };
    let tiers = move || calc.billing.with(|b| b.prices.prepurchase.len());
    let full = move || tiers() >= MAX_TIERS;
    let add_tier = move |_| {
        edit(Box::new(|p| {
            if p.prepurchase.len() < MAX_TIERS {
                p.prepurchase.push(PrepurchaseTier {
                    units: Decimal::from(10_000),
                    price: Decimal::from(10_000),
                });
            }
        }));
    };
    let decimal_field = move |key: &'static str,
                              field: Field,
                              unit: Signal<String>,
                              get: fn(&Prices) -> Decimal,
                              set: fn(&mut Prices, Decimal)| {
        view! {
            <SettingField
                key=format!("{PRICES}{key}")
                field=field
                unit=unit
                value=Signal::derive(move || calc.billing.with(|b| Some(get(&b.prices))))
                on_valid=when_set(move |v| edit(Box::new(move |p| set(p, v))))
            />
        }
    };
    let per_credit = Signal::derive(move || format!("{} per credit", currency.get()));
    // Converting: Microsoft's USD list at the rate typed, in the currency above (the prices'
    // check asks for one other than USD); an empty rate, or 0, goes back to the USD list.
    let exchange = move || calc.billing.with(|b| b.prices.exchange.clone());
    let set_rate = Callback::new(move |rate: Option<Decimal>| {
        // The amounts are replaced: what was typed into them and not valid is moot.
        for field in ["pack_", "payg_", "tier."] {
            calc.forget_drafts(&format!("{PRICES}{field}"));
        }
        calc.billing.update(|b| {
            let p = &mut b.prices;
            match rate.filter(|r| *r > Decimal::ZERO) {
                Some(rate) => {
                    let date = p
                        .exchange
                        .as_ref()
                        .map(|x| x.date.clone())
                        .unwrap_or_default();
                    *p = Prices::converted(&LIST_PRICES_USD, &p.currency, rate, &date);
                }
                None if p.exchange.is_some() => *p = LIST_PRICES_USD.clone(),
                None => {}
            }
        });
    });
    let summary = move || {
        calc.billing.with(|b| {
            let p = &b.prices;
            match &p.exchange {
                _ if *p == *LIST_PRICES_USD => "Microsoft list prices".to_string(),
                Some(x) if p.source != EDITED => format!(
                    "Microsoft list prices in {} at {} per USD",
                    p.currency,
                    calc.fmt.with_value(|f| f.decimal(x.rate, 6))
                ),
                _ => "your prices".to_string(),
            }
        })
    };
    let set_rate_date = move |date: String| {
        calc.billing.update(|b| {
            if let Some(x) = &mut b.prices.exchange {
                x.date = date;
            }
        });
    };
    view! {
        <Fold name="prices" class="prices" summary=move || view! { "Prices: " {summary} }>
            <p>
                "List prices from "
                <a href=LIST_PRICES_USD.source.clone() target="_blank" rel="noopener">"Microsoft Learn"</a>
                ", checked " {LIST_PRICES_USD.checked.clone()}
                ". Change them for a negotiated or local price list; every figure follows, in the currency given."
            </p>
            <TextField
                key=format!("{PRICES}currency")
                label="Currency (ISO code)"
                value=Signal::derive(move || prices().currency)
                on_input=Callback::new(move |t: String| {
                    let code = t.trim().to_ascii_uppercase();
                    edit(Box::new(move |p| p.currency = code));
                })
            />
            <div class="exchange">
                <SettingField
                    key=format!("{PRICES}exchange_rate")
                    field=fields::EXCHANGE_RATE
                    unit=Signal::derive(move || format!("{} per USD", currency.get()))
                    value=Signal::derive(move || exchange().map(|x| x.rate))
                    on_valid=set_rate
                />
                <div class="field">
                    <label for="in-billing-price-exchange_date">"Date of the rate"</label>
                    <div class="field-control">
                        <input id="in-billing-price-exchange_date" type="date" data-input="billing.price.exchange_date"
                            aria-describedby="in-billing-price-exchange_date-help"
                            disabled=move || exchange().is_none()
                            prop:value=move || exchange().map(|x| x.date).unwrap_or_default()
                            on:input=move |ev| set_rate_date(event_target_value(&ev))/>
                    </div>
                    <p class="field-help" id="in-billing-price-exchange_date-help">"Shown with the rate in the bill's derivation and in exports."</p>
                </div>
            </div>
            {decimal_field("pack_credits", fields::PACK_CREDITS, Signal::stored(fields::PACK_CREDITS.unit.to_string()), |p| p.pack_credits, |p, v| p.pack_credits = v)}
            {decimal_field("pack_price", fields::PACK_PRICE, currency, |p| p.pack_price, |p, v| p.pack_price = v)}
            {decimal_field("payg_per_credit", fields::PAYG_PRICE, per_credit, |p| p.payg_per_credit, |p, v| p.payg_per_credit = v)}
            <h4>"Pre-Purchase Plan tiers"</h4>
            <For
                each=move || calc.row_ids(RowList::Tiers)
                key=|id| *id
                children=move |id| view! { <TierRow id=id/> }
            />
            <div class="row-actions">
                <button type="button" class="secondary" data-action="add-tier" on:click=add_tier disabled=full>
                    "Add a tier"
                </button>
                <button type="button" class="quiet" data-action="reset-prices" on:click=reset disabled=is_list>
                    "Back to list prices"
                </button>
            </div>
            {move || problem().map(|p| view! {
                <p class="field-error" role="alert" data-error="billing.prices">
                    "These prices can't be used (" {p} "); the figures keep the last valid prices."
                </p>
            })}
        </Fold>
    }
}

/// One pre-purchase tier.
#[component]
fn TierRow(
    /// The row's stable id.
    id: u64,
) -> impl IntoView {
    let calc = expect_context::<Calc>();
    let list = RowList::Tiers;
    let index = Memo::new(move |_| calc.row_index(list, id).unwrap_or_default());
    let currency = Signal::derive(move || calc.billing.with(|b| b.prices.currency.clone()));
    let tier = move || {
        calc.billing
            .with(|b| b.prices.prepurchase.get(index.get()).cloned())
    };
    let update = move |f: Box<dyn FnOnce(&mut PrepurchaseTier)>| {
        calc.billing.update(|b| {
            if let Some(t) = b.prices.prepurchase.get_mut(index.get_untracked()) {
                f(t);
                b.prices.mark_edited(&LIST_PRICES_USD);
            }
        });
    };
    let remove = move |_| {
        calc.remove_row(list, id, |plan, i| {
            plan.billing.prices.prepurchase.remove(i);
            plan.billing.prices.mark_edited(&LIST_PRICES_USD);
        });
    };
    let key = move |field: &'static str| Signal::derive(move || list.key(index.get(), field));
    view! {
        <fieldset class="list-row" data-tier-row=index>
            <legend>"Tier " {move || index.get() + 1}</legend>
            <SettingField
                key=key("units")
                field=fields::TIER_UNITS
                unit=currency
                value=Signal::derive(move || tier().map(|t| t.units))
                on_valid=when_set(move |v| update(Box::new(move |t| t.units = v)))
            />
            <SettingField
                key=key("price")
                field=fields::TIER_PRICE
                unit=currency
                value=Signal::derive(move || tier().map(|t| t.price))
                on_valid=when_set(move |v| update(Box::new(move |t| t.price = v)))
            />
            <button type="button" class="quiet" data-action="remove-tier" on:click=remove>"Remove"</button>
        </fieldset>
    }
}
