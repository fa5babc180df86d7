//! Advice that survives the range: when the volumes may be lower or higher than expected, two
//! pack counts worth knowing, and what each costs in each case.
//!
//! - **Cheapest for the expected cost**: the pack count that minimises the expected cost with
//!   pay-as-you-go covering the rest. The expected cost is the expected case's cost, or the
//!   weighted mix of the three cases the person set ([`CaseWeights`]); the page says which.
//! - **Never stops**: the fewest packs whose prepaid capacity covers the high case's credits, so
//!   the agents never stop and nothing is billed past the packs even without pay-as-you-go.

use rust_decimal::Decimal;

use super::bill::{bill, ck, recommend, BillingError, BillingSettings};
use super::prices::Prices;
use super::weights::CaseWeights;
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
    /// The expected cost: the three costs mixed by the weights the advice was given.
    pub expected_cost: Decimal,
    /// Credits unserved in the high case (none for the never-stop choice).
    pub unserved_high: Credits,
}

/// The two choices for a range of demand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RangeAdvice {
    /// The cheapest pack count for the expected cost, pay-as-you-go covering the rest.
    pub cheapest: Choice,
    /// The fewest packs that cover the high case without pay-as-you-go.
    pub never_stops: Choice,
}

/// The advice for the low, expected and high case's credits (`demands`), at prices `p`, with the
/// user's other settings (days in the month, enforcement) from `settings`, the expected cost
/// mixing the cases by `weights`.
///
/// ```
/// use agent_credits::capacity::{range_advice, BillingSettings, CaseWeights, LIST_PRICES_USD};
/// use agent_credits::rating::Credits;
/// let d = |n: i64| Credits::new(n.into());
/// let demands = [d(10_000), d(20_000), d(60_000)];
/// let a = range_advice(demands, &LIST_PRICES_USD, &BillingSettings::default(), CaseWeights::EXPECTED).unwrap();
/// // 25,000 credits a pack at 200 USD: three packs cover 60,000 credits, 600 USD in every case.
/// assert_eq!(a.never_stops.packs, 3);
/// assert!(!a.never_stops.payg && a.never_stops.unserved_high.amount().is_zero());
/// assert_eq!(a.never_stops.costs, [600.into(), 600.into(), 600.into()]);
/// // At 0.01 USD a credit a pack pays off from 20,000 credits: none for the expected 20,000,
/// // pay-as-you-go for everything.
/// assert_eq!(a.cheapest.packs, 0);
/// assert_eq!(a.cheapest.costs, [100.into(), 200.into(), 600.into()]);
/// // Weighing the high case at 50 %: one pack (200 + 350 USD in the high case) beats none.
/// let half = CaseWeights { low: 0.into(), high: 50.into() };
/// let a = range_advice(demands, &LIST_PRICES_USD, &BillingSettings::default(), half).unwrap();
/// assert_eq!(a.cheapest.packs, 1);
/// assert_eq!(a.cheapest.costs, [200.into(), 200.into(), 550.into()]);
/// assert_eq!(a.cheapest.expected_cost, 375.into()); // none: 400, two packs: 450
/// ```
///
/// # Errors
/// As [`bill`], for demands or prices outside their limits.
pub fn range_advice(
    demands: [Credits; 3],
    p: &Prices,
    settings: &BillingSettings,
    weights: CaseWeights,
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
        let costs = [
            bill(low, &s, p)?.total_cost,
            bill(expected, &s, p)?.total_cost,
            high_bill.total_cost,
        ];
        Ok(Choice {
            packs,
            payg,
            costs,
            expected_cost: weights.mix(costs)?,
            unserved_high: high_bill.unserved,
        })
    };
    // Each case's cost is convex in the pack count (packs bought, pay-as-you-go past them), and so
    // is any weighted mix: its minimum is at a pack count where some case's packs just cover or
    // just fall short of its credits, at that case's own cheapest count, or at none.
    let mut candidates = vec![0];
    for d in demands {
        candidates.push(recommend(d, p)?.packs);
        let (under, over) = packs_around(d, p)?;
        candidates.extend([under, over]);
    }
    candidates.sort_unstable();
    candidates.dedup();
    let mut cheapest: Option<Choice> = None;
    for packs in candidates {
        let c = choice(packs, true)?;
        // Ties go to fewer packs: the first, as the candidates are in order.
        if cheapest
            .as_ref()
            .is_none_or(|best| c.expected_cost < best.expected_cost)
        {
            cheapest = Some(c);
        }
    }
    let cheapest = cheapest.ok_or(BillingError::Overflow)?;
    Ok(RangeAdvice {
        cheapest,
        never_stops: choice(packs_around(demands[2], p)?.1, false)?,
    })
}

/// The pack counts just under and just over `demand`: its credits divided by a pack's, rounded
/// down and up.
fn packs_around(demand: Credits, p: &Prices) -> Result<(u64, u64), BillingError> {
    if p.pack_credits <= Decimal::ZERO {
        return Ok((0, 0));
    }
    let exact = ck(demand.amount().checked_div(p.pack_credits))?;
    let count = |d: Decimal| u64::try_from(d.mantissa()).map_err(|_| BillingError::Overflow);
    Ok((count(exact.floor())?, count(exact.ceil())?))
}
