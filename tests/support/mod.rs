//! Shared by the native test crates: the default estimate's figures, golden rows compared column
//! by column, and (natively) the proptest strategies.
//!
//! Cargo compiles every `tests/*.rs` as a crate of its own, and each uses only part of this
//! module (`mod support;`), so the items that some test crates don't use say so one by one with
//! `#[allow(dead_code, reason = …)]` rather than a blanket allow on the module.

use rust_decimal::Decimal;

pub mod rows;
/// proptest's runner does not build for wasm32, where the property tests are compiled out.
#[cfg(not(target_arch = "wasm32"))]
pub mod strategies;

/// Credits a month of the Sales Order agent's worked example, Microsoft Learn, *Manage
/// consumption-based billing*: `[(2 + 5 + 2) + 0.4×(5 + 2)] × 100 requests = 1,180`. The default
/// estimate's Sales Order agent is that example (tests/golden.rs checks both).
pub const SALES_ORDER_EXAMPLE: i64 = 1_180;

/// Credits a month of the Payables agent's worked example, same document:
/// `[(5 + 2 + 5 + 5 + 5 + (5×5) + 5)] × 100 e-documents = 5,200`. The default estimate's
/// Payables agent is that example.
pub const PAYABLES_EXAMPLE: i64 = 5_200;

/// Credits a month of the default estimate (`Workload::default()`): both reference agents at
/// their worked examples, 1,180 + 5,200 = 6,380.
#[allow(
    dead_code,
    reason = "tests/properties.rs doesn't use the default estimate"
)]
pub const DEFAULT_TOTAL: i64 = SALES_ORDER_EXAMPLE + PAYABLES_EXAMPLE;

/// The default estimate billed pay-as-you-go at list price, 0.01 USD a credit: 63.80 USD, written
/// to the cent (its text is `63.80`, as the bill's is).
#[allow(
    dead_code,
    reason = "only tests/capacity.rs bills the default estimate"
)]
pub fn default_payg_cost() -> Decimal {
    Decimal::new(DEFAULT_TOTAL, 2)
}
