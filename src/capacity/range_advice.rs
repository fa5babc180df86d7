//! Advice that survives the range: when the volumes may be lower or higher than expected, two
//! pack counts worth knowing, and what each costs in each case.
//!
//! - **Cheapest for the expected case**: the pack count that minimises the expected case's cost
//!   with pay-as-you-go covering the rest ([`recommend`]). The expected cost is the expected
//!   case's cost (not a weighted mix of the cases), and the page says so.
//! - **Never stops**: the fewest packs whose prepaid capacity covers the high case's credits, so
//!   the agents never stop and nothing is billed past the packs even without pay-as-you-go.

use rust_decimal::Decimal;

use super::bill::{bill, recommend, BillingError, BillingSettings};
use super::prices::Prices;
use crate::rating::Credits;

/// A pack count, how it is paid past the packs, and its month's cost in the low, expected and
/// high case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// Packs to buy.
    pub packs: u64,
    /// With pay-as-you-go past the packs.
    pub payg: bool,
    /// The month's cost in the low, the expected and the high case.
    pub costs: [Decimal; 3],
    /// Credits unserved in the high case (none for the never-stop choice).
    pub unserved_high: Credits,
}

/// The two choices for a range of demand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RangeAdvice {
    /// The cheapest pack count for the expected case, pay-as-you-go covering the rest.
    pub cheapest: Choice,
    /// The fewest packs that cover the high case without pay-as-you-go.
    pub never_stops: Choice,
}

/// The advice for the low, expected and high case's credits (`demands`), at prices `p`, with the
/// user's other settings (days in the month, enforcement) from `settings`.
///
/// ```
/// use agent_credits::capacity::{range_advice, BillingSettings, LIST_PRICES_USD};
/// use agent_credits::rating::Credits;
/// let d = |n: i64| Credits::new(n.into());
/// let a = range_advice([d(10_000), d(20_000), d(60_000)], &LIST_PRICES_USD, &BillingSettings::default()).unwrap();
/// // 25,000 credits a pack at 200 USD: three packs cover 60,000 credits, 600 USD in every case.
/// assert_eq!(a.never_stops.packs, 3);
/// assert!(!a.never_stops.payg && a.never_stops.unserved_high.amount().is_zero());
/// assert_eq!(a.never_stops.costs, [600.into(), 600.into(), 600.into()]);
/// // At 0.01 USD a credit a pack pays off from 20,000 credits: none for the expected 20,000,
/// // pay-as-you-go for everything.
/// assert_eq!(a.cheapest.packs, 0);
/// assert_eq!(a.cheapest.costs, [100.into(), 200.into(), 600.into()]);
/// ```
///
/// # Errors
/// As [`bill`], for demands or prices outside their limits.
pub fn range_advice(
    demands: [Credits; 3],
    p: &Prices,
    settings: &BillingSettings,
) -> Result<RangeAdvice, BillingError> {
    let choice = |packs: u64, payg: bool| -> Result<Choice, BillingError> {
        let s = BillingSettings {
            packs,
            payg,
            budget: None,
            ..settings.clone()
        };
        let [low, expected, high] = demands;
        let high_bill = bill(high, &s, p)?;
        Ok(Choice {
            packs,
            payg,
            costs: [
                bill(low, &s, p)?.total_cost,
                bill(expected, &s, p)?.total_cost,
                high_bill.total_cost,
            ],
            unserved_high: high_bill.unserved,
        })
    };
    let cheapest = choice(recommend(demands[1], p)?.packs, true)?;
    let high = demands[2].amount();
    let packs = if p.pack_credits > Decimal::ZERO {
        high.checked_div(p.pack_credits)
            .ok_or(BillingError::Overflow)?
            .ceil()
    } else {
        Decimal::ZERO
    };
    let packs = u64::try_from(packs.mantissa()).map_err(|_| BillingError::Overflow)?;
    Ok(RangeAdvice {
        cheapest,
        never_stops: choice(packs, false)?,
    })
}
