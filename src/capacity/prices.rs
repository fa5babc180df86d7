//! Prices as data, with their source; editable for negotiated or local pricing.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::BillingError;

/// The prices an estimate is billed at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prices {
    /// ISO 4217 code of every amount below.
    pub currency: String,
    /// Credits in one Copilot Credit capacity pack, per tenant per month.
    pub pack_credits: Decimal,
    /// Price of one pack for one month, paid up front.
    pub pack_price: Decimal,
    /// Pay-as-you-go price of one credit, billed in arrears through Azure.
    pub payg_per_credit: Decimal,
    /// Copilot Credits Pre-Purchase Plan tiers, smallest first.
    #[serde(default)]
    pub prepurchase: Vec<PrepurchaseTier>,
    /// Where the figures come from.
    pub source: String,
    /// When they were last checked (ISO 8601).
    pub checked: String,
    /// The exchange rate these prices were converted at from Microsoft's US dollar list, if
    /// they were ([`Prices::converted`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exchange: Option<Exchange>,
}

/// An exchange rate from US dollars, as a partner quoting in another currency enters it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exchange {
    /// Units of the prices' currency for one US dollar.
    pub rate: Decimal,
    /// The day of the rate (`YYYY-MM-DD`); empty when not given.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
}

/// The largest exchange rate accepted: far above any currency's rate to the US dollar, far
/// below what would overflow a price.
pub const MAX_RATE: u64 = 1_000_000;

/// One tier of the Copilot Credits Pre-Purchase Plan (P3): a one-year, paid-up-front pool of
/// Copilot Credit commit units (CCCUs). One CCCU pays for one unit of currency of pay-as-you-go
/// usage at the retail rate, so the discount is `1 - price / units`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrepurchaseTier {
    /// Commit units bought (retail pay-as-you-go value they cover).
    pub units: Decimal,
    /// Price paid up front for the year.
    pub price: Decimal,
}

impl PrepurchaseTier {
    /// The discount against pay-as-you-go, as a fraction (0.06 is 6 %); zero for an empty tier.
    pub fn discount(&self) -> Decimal {
        if self.units.is_zero() {
            return Decimal::ZERO;
        }
        self.price
            .checked_div(self.units)
            .map_or(Decimal::ZERO, |ratio| Decimal::ONE - ratio)
    }
}

/// The `source` of prices a person changed.
pub const EDITED: &str = "edited";

impl Prices {
    /// Marks prices after an edit of `list`: its source when every figure equals the list
    /// again (converted at these prices' exchange rate, if they have one), else "edited"; the
    /// date stays the list's (when the figures edited were checked).
    pub fn mark_edited(&mut self, list: &Prices) {
        self.checked.clone_from(&list.checked);
        self.source.clone_from(&list.source);
        let reference = match &self.exchange {
            Some(x) => Prices::converted(list, &self.currency, x.rate, &x.date),
            None => list.clone(),
        };
        if *self != reference {
            self.source = EDITED.into();
        }
    }

    /// `usd` (prices in US dollars) in `currency` at `rate` units of it per dollar, on `date`:
    /// every amount times the rate (pack and pay-as-you-go prices, and a tier's commit units
    /// with its price, so its discount stays); credits per pack do not change.
    ///
    /// ```
    /// use agent_credits::capacity::{Prices, LIST_PRICES_USD};
    /// use rust_decimal::Decimal;
    /// let eur = Prices::converted(&LIST_PRICES_USD, "EUR", Decimal::new(92, 2), "2026-11-20");
    /// assert_eq!((eur.pack_price.to_string(), eur.payg_per_credit.to_string()), ("184.00".into(), "0.0092".into()));
    /// assert_eq!(eur.pack_credits, LIST_PRICES_USD.pack_credits);
    /// assert_eq!(eur.prepurchase[0].discount(), LIST_PRICES_USD.prepurchase[0].discount());
    /// ```
    pub fn converted(usd: &Prices, currency: &str, rate: Decimal, date: &str) -> Prices {
        let x = |d: Decimal| d.checked_mul(rate).unwrap_or(Decimal::MAX);
        Prices {
            currency: currency.to_string(),
            pack_credits: usd.pack_credits,
            pack_price: x(usd.pack_price),
            payg_per_credit: x(usd.payg_per_credit),
            prepurchase: usd
                .prepurchase
                .iter()
                .map(|t| PrepurchaseTier {
                    units: x(t.units),
                    price: x(t.price),
                })
                .collect(),
            source: usd.source.clone(),
            checked: usd.checked.clone(),
            exchange: Some(Exchange {
                rate,
                date: date.to_string(),
            }),
        }
    }
}

/// Largest amount a price field accepts; far above any real price, far below overflow.
pub const MAX_PRICE: u64 = 1_000_000_000;

impl Prices {
    /// Checks prices that came from a person or from storage.
    ///
    /// # Errors
    /// [`BillingError::Prices`] naming the first problem.
    pub fn validate(&self) -> Result<(), BillingError> {
        let bad = |why: &'static str| Err(BillingError::Prices(why));
        if self.currency.len() != 3 || !self.currency.chars().all(|c| c.is_ascii_uppercase()) {
            return bad("the currency must be a three-letter ISO code, like USD");
        }
        if self.pack_credits <= Decimal::ZERO || !self.pack_credits.fract().is_zero() {
            return bad("a pack must hold a whole number of credits, at least one");
        }
        let max = Decimal::from(MAX_PRICE);
        let in_range = |d: Decimal| !d.is_sign_negative() && d <= max;
        if !in_range(self.pack_credits) || !in_range(self.pack_price) {
            return bad("pack figures must be between 0 and 1,000,000,000");
        }
        if !in_range(self.payg_per_credit) {
            return bad("the pay-as-you-go rate must be between 0 and 1,000,000,000");
        }
        if self
            .prepurchase
            .iter()
            .any(|t| t.units <= Decimal::ZERO || !in_range(t.units) || !in_range(t.price))
        {
            return bad("a pre-purchase tier needs a positive number of units and a price");
        }
        if let Some(x) = &self.exchange {
            if self.currency == "USD" {
                return bad(
                    "an exchange rate from USD needs the currency it converts to, like EUR",
                );
            }
            if x.rate <= Decimal::ZERO || x.rate > Decimal::from(MAX_RATE) {
                return bad("the exchange rate must be above 0 and at most 1,000,000");
            }
            if !x.date.is_empty() && !crate::plan::is_date(&x.date) {
                return bad("the exchange rate's date must be written YYYY-MM-DD");
            }
        }
        Ok(())
    }
}

/// Microsoft's published list prices.
///
/// Sources: Microsoft Learn, "Copilot Credits overview" and "Billing rates and management"
/// (capacity pack 25,000 credits for 200 USD per tenant per month; pay-as-you-go 0.01 USD per
/// credit), collected in `docs/reference/published-rates.md` on 2026-11-23. The Pre-Purchase
/// Plan's tier table is published only as an image; the one tier here is the worked example of
/// Azure's "Copilot Credit P3" page (15,000 commit units for 14,100 USD, "a 6% saving"), to be
/// replaced by the tiers of a customer's quote.
pub static LIST_PRICES_USD: std::sync::LazyLock<Prices> = std::sync::LazyLock::new(|| Prices {
    currency: "USD".into(),
    pack_credits: Decimal::from(25_000),
    pack_price: Decimal::from(200),
    payg_per_credit: Decimal::new(1, 2),
    prepurchase: vec![PrepurchaseTier {
        units: Decimal::from(15_000),
        price: Decimal::from(14_100),
    }],
    source: "https://learn.microsoft.com/microsoft-copilot-studio/copilot-credits-overview".into(),
    checked: "2026-11-23".into(),
    exchange: None,
});

/// Where the Pre-Purchase Plan's terms come from (one-year term, units pay down retail usage).
pub const PREPURCHASE_SOURCE: &str =
    "https://learn.microsoft.com/azure/cost-management-billing/reservations/copilot-credit-p3";
