//! Prices as data, with their source; editable for negotiated or local pricing.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

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
    /// Where the figures come from.
    pub source: String,
    /// When they were last checked (ISO 8601).
    pub checked: String,
}

/// Microsoft's published list prices.
///
/// Sources: Microsoft Learn, "Copilot Credits overview" and "Billing rates and management"
/// (capacity pack 25,000 credits for 200 USD per tenant per month; pay-as-you-go 0.01 USD per
/// credit), collected in `shared/reference/published-rates.md` on 2026-11-23.
pub static LIST_PRICES_USD: std::sync::LazyLock<Prices> = std::sync::LazyLock::new(|| Prices {
    currency: "USD".into(),
    pack_credits: Decimal::from(25_000),
    pack_price: Decimal::from(200),
    payg_per_credit: Decimal::new(1, 2),
    source: "https://learn.microsoft.com/microsoft-copilot-studio/copilot-credits-overview".into(),
    checked: "2026-11-23".into(),
});
