//! The capacity core: what a month's Copilot Credits cost under prepaid packs, pay-as-you-go or
//! both, and what goes unserved when capacity runs out.
//!
//! Pure Rust over plain data, exact decimals, checked arithmetic; no web dependency. The page does
//! not show it yet (issue "Capacity and billing"); its rules are fixed and tested here first.

mod bill;
mod prices;

pub use bill::{bill, recommend, Bill, BillingError, BillingSettings, Recommendation};
pub use prices::{Prices, LIST_PRICES_USD};
