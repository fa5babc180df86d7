//! The billing side of an estimate as a person sets it up, and everything derived from it.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::bill::{bill, recommend, Bill, BillingError, BillingSettings, Recommendation};
use super::policies::{split, PaygSetup, PaygSplit, MAX_POLICIES};
use super::prices::{Prices, LIST_PRICES_USD};
use super::setup::{setup_steps, Step};
use super::tenant::{allocate, Allocation, Tenant};
use super::weights::CaseWeights;
use super::year::{demand_in, year, Year};
use crate::rating::Credits;

/// Pre-purchase tiers a price list may hold.
pub const MAX_TIERS: usize = 20;

/// How the tenant pays, as saved and shared.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Billing {
    /// Packs, pay-as-you-go, budget, enforcement.
    pub settings: BillingSettings,
    /// The prices billed at.
    pub prices: Prices,
    /// Monthly growth of the forecast for the 12-month view, in percent.
    #[serde(default)]
    pub growth: Decimal,
    /// Environments and other consumers of the tenant's capacity.
    #[serde(default)]
    pub tenant: Tenant,
    /// Where pay-as-you-go is set up.
    #[serde(default)]
    pub payg_setup: PaygSetup,
    /// How the expected cost mixes the low, expected and high case, when the estimate has
    /// ranges. Left out of the saved text while it is the default (the expected case alone).
    #[serde(default, skip_serializing_if = "CaseWeights::is_expected")]
    pub weights: CaseWeights,
}

impl Default for Billing {
    /// List prices, pay-as-you-go on, no packs, flat forecast.
    fn default() -> Self {
        Self {
            settings: BillingSettings::default(),
            prices: LIST_PRICES_USD.clone(),
            growth: Decimal::ZERO,
            tenant: Tenant::default(),
            payg_setup: PaygSetup::default(),
            weights: CaseWeights::EXPECTED,
        }
    }
}

impl Billing {
    /// Checks billing data that came from storage or a file.
    ///
    /// # Errors
    /// The first problem found.
    pub fn validate(&self) -> Result<(), BillingError> {
        self.prices.validate()?;
        if self.prices.prepurchase.len() > MAX_TIERS
            || self.payg_setup.policies.len() > MAX_POLICIES
        {
            return Err(BillingError::TooMany);
        }
        // The settings the bill and the year view check, at a zero forecast. Spelled out rather
        // than running the whole report, so reading a link does not need the report's code
        // (tests/capacity.rs checks the two agree).
        bill(Credits::ZERO, &self.settings, &self.prices)?;
        demand_in(Credits::ZERO, self.growth, 1)?;
        self.weights.validate()
    }
}

/// Everything the billing section shows for a month's credits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// The month under the user's settings.
    pub bill: Bill,
    /// The cheapest pack count with pay-as-you-go on.
    pub recommendation: Recommendation,
    /// Twelve months ahead.
    pub year: Year,
    /// Capacity by environment; an error here (shares not adding up) leaves the rest valid.
    pub allocation: Result<Allocation, BillingError>,
    /// Pay-as-you-go by set-up.
    pub payg_split: PaygSplit,
    /// What to set up.
    pub steps: Vec<Step>,
}

/// The billing report for `demand` credits in the first month.
///
/// # Errors
/// A [`BillingError`] for settings out of range; never a panic.
///
/// ```
/// use agent_credits::capacity::{report, Billing};
/// use agent_credits::rating::Credits;
/// use rust_decimal::Decimal;
/// let r = report(Credits::new(Decimal::from(6380)), &Billing::default()).unwrap();
/// assert_eq!(r.bill.payg_cost.to_string(), "63.80");
/// assert_eq!(r.year.payg_only.to_string(), "765.60"); // 12 flat months
/// ```
pub fn report(demand: Credits, billing: &Billing) -> Result<Report, BillingError> {
    billing.prices.validate()?;
    let bill = bill(demand, &billing.settings, &billing.prices)?;
    let recommendation = recommend(demand, &billing.prices)?;
    let year = year(demand, billing.growth, &billing.settings, &billing.prices)?;
    let allocation = allocate(demand, bill.prepaid, &billing.tenant, billing.settings.days);
    let payg_split = split(bill.payg, bill.payg_cost, &billing.payg_setup)?;
    Ok(Report {
        bill,
        recommendation,
        year,
        allocation,
        payg_split,
        steps: setup_steps(billing),
    })
}
