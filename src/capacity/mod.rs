//! The capacity core: what a month's Copilot Credits cost under prepaid packs, pay-as-you-go or
//! both, what goes unserved when capacity runs out, how capacity splits across environments and
//! pay-as-you-go across billing policies, twelve months ahead, and what to set up.
//!
//! Pure Rust over plain data, exact decimals, checked arithmetic; no web dependency.

use rust_decimal::{Decimal, RoundingStrategy};

mod bill;
mod billing;
mod chargeback;
mod explain;
pub mod inputs;
mod notes;
mod policies;
mod prices;
mod range_advice;
mod setup;
mod tenant;
mod weights;
mod year;

pub use bill::{
    bill, budget_to_cover, recommend, Bill, BillingError, BillingSettings, Recommendation,
};
pub use billing::{report, Billing, Report, MAX_TIERS};
pub use chargeback::agent_costs;
pub use explain::{explain, explain_applicable, outcome, Outcome};
pub use notes::{allocation_note, unserved_note, year_unserved_note};
pub use policies::{split, BillingPolicy, PaygSetup, PaygSplit, PolicyShare, Scope, MAX_POLICIES};
pub use prices::{
    Exchange, PrepurchaseTier, Prices, EDITED, LIST_PRICES_USD, MAX_PRICE, MAX_RATE,
    PREPURCHASE_SOURCE,
};
pub use range_advice::{range_advice, Choice, RangeAdvice};
pub use setup::{setup_steps, Step};
pub use tenant::{allocate, Allocation, Consumer, Environment, Tenant, MAX_ENVIRONMENTS};
pub use weights::CaseWeights;
pub use year::{demand_in, year, Cost, Month, TierYear, Year, MONTHS};

/// Decimal places kept where a figure is divided or compounded (a share of users, a month of
/// growth, a share of a pool): far below any digit on screen, and few enough that sums and
/// differences of such figures stay exact, so parts add up to their whole to the last digit.
pub const INTERNAL_PLACES: u32 = 12;

/// Rounds a divided or compounded figure to [`INTERNAL_PLACES`], halves to even (no drift when
/// many such figures are summed).
pub(crate) fn internal(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(INTERNAL_PLACES, RoundingStrategy::MidpointNearestEven)
}
