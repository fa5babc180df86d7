//! A month's bill for a credit forecast.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::prices::Prices;
use crate::rating::Credits;

/// How the tenant pays.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingSettings {
    /// Capacity packs bought for the month.
    pub packs: u64,
    /// Whether pay-as-you-go is set up (an Azure subscription under a billing policy).
    pub payg: bool,
    /// A spending limit on pay-as-you-go, in the prices' currency; `None` for no limit.
    pub budget: Option<Decimal>,
    /// Without pay-as-you-go, the share of prepaid capacity a tenant may use before agents stop,
    /// in percent: 125 per Microsoft's enforcement since 30 April 2025, 100 for "stop at capacity".
    pub enforcement: Decimal,
    /// Days in the month, for the day the agents stop at an even daily rate.
    pub days: u32,
}

impl Default for BillingSettings {
    fn default() -> Self {
        Self {
            packs: 0,
            payg: true,
            budget: None,
            enforcement: Decimal::from(125),
            days: 30,
        }
    }
}

/// Why a bill could not be computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BillingError {
    /// The enforcement threshold is below 100 % or absurdly high (over 1,000 %).
    Enforcement,
    /// A month has 28 to 31 days.
    Days,
    /// A negative price, budget or forecast.
    Negative,
    /// A figure exceeds what an exact decimal holds.
    Overflow,
    /// A price is missing or out of range; the text says which.
    Prices(&'static str),
    /// Environment shares of the agents' credits must add up to 100 %.
    Shares,
    /// More capacity is allocated to environments than the tenant has.
    OverAllocated,
    /// A monthly growth rate is 0 % to 100 %.
    Growth,
    /// A list (environments, billing policies, tiers) is longer than the page handles.
    TooMany,
    /// The low and high case's weights in the expected cost are each 0 % or more, and 100 % or
    /// less together.
    Weights,
}

impl fmt::Display for BillingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Enforcement => "the enforcement threshold must be 100 % to 1,000 %",
            Self::Days => "a month has 28 to 31 days",
            Self::Negative => "prices, budgets and forecasts can't be negative",
            Self::Overflow => "the bill is too large to compute exactly",
            Self::Prices(why) => why,
            Self::Shares => "the environments' shares must add up to 100 %",
            Self::OverAllocated => {
                "more capacity is allocated to environments than the tenant's packs hold"
            }
            Self::Growth => "monthly growth must be 0 % to 100 %",
            Self::TooMany => "at most 20 environments, billing policies or tiers",
            Self::Weights => "the low and high weights must add up to 100 % or less",
        })
    }
}

impl std::error::Error for BillingError {}

/// Where a month's credits go, and what they cost. Parts always add up:
/// `prepaid_used + payg + overage + unserved = demand`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bill {
    /// Credits the agents would use in the month.
    pub demand: Credits,
    /// Prepaid capacity bought.
    pub prepaid: Credits,
    /// Prepaid capacity used (consumed first).
    pub prepaid_used: Credits,
    /// Credits billed pay-as-you-go.
    pub payg: Credits,
    /// Credits used past prepaid capacity without pay-as-you-go, inside the grace threshold:
    /// served and unbilled, but the tenant is out of compliance.
    pub overage: Credits,
    /// Credits not served: the agents stopped.
    pub unserved: Credits,
    /// `unserved / demand`: the share of runs that get no answer (0 when nothing is demanded).
    pub unserved_share: Decimal,
    /// The day of the month the agents stop, at an even daily rate; `None` if they never do.
    pub stop_day: Option<u32>,
    /// Cost of the packs.
    pub prepaid_cost: Decimal,
    /// Cost of pay-as-you-go credits.
    pub payg_cost: Decimal,
    /// `prepaid_cost + payg_cost`.
    pub total_cost: Decimal,
}

impl Bill {
    /// Prepaid capacity bought but not used: it does not roll over.
    pub fn prepaid_unused(&self) -> Credits {
        Credits::new(self.prepaid.amount() - self.prepaid_used.amount())
    }
}

pub(super) fn ck(v: Option<Decimal>) -> Result<Decimal, BillingError> {
    v.ok_or(BillingError::Overflow)
}

impl Bill {
    /// The figure with public metric key `metric` (`billing.total_cost`,
    /// `billing.unserved_credits`, …), if the bill has it.
    pub fn figure(&self, metric: &str) -> Option<Decimal> {
        Some(match metric.strip_prefix("billing.")? {
            "prepaid_credits" => self.prepaid.amount(),
            "prepaid_used_credits" => self.prepaid_used.amount(),
            "payg_credits" => self.payg.amount(),
            "overage_credits" => self.overage.amount(),
            "unserved_credits" => self.unserved.amount(),
            "prepaid_cost" => self.prepaid_cost,
            "payg_cost" => self.payg_cost,
            "total_cost" => self.total_cost,
            _ => return None,
        })
    }
}

/// The month's bill for `demand` credits.
///
/// # Errors
/// A [`BillingError`] for settings out of range or (never within the input limits) overflow.
///
/// ```
/// use agent_credits::capacity::{bill, BillingSettings, LIST_PRICES_USD};
/// use agent_credits::rating::Credits;
/// use rust_decimal::Decimal;
/// let b = bill(Credits::new(Decimal::from(6380)), &BillingSettings::default(), &LIST_PRICES_USD).unwrap();
/// assert_eq!(b.total_cost.to_string(), "63.80"); // pay-as-you-go only: 6,380 × 0.01 USD
/// ```
pub fn bill(demand: Credits, s: &BillingSettings, p: &Prices) -> Result<Bill, BillingError> {
    let d = demand.amount();
    if d.is_sign_negative() && !d.is_zero()
        || p.pack_price.is_sign_negative()
        || p.payg_per_credit.is_sign_negative()
        || p.pack_credits.is_sign_negative()
        || s.budget
            .is_some_and(|b| b.is_sign_negative() && !b.is_zero())
    {
        return Err(BillingError::Negative);
    }
    if s.enforcement < Decimal::ONE_HUNDRED || s.enforcement > Decimal::from(1000) {
        return Err(BillingError::Enforcement);
    }
    if !(28..=31).contains(&s.days) {
        return Err(BillingError::Days);
    }
    let packs = Decimal::from(s.packs);
    let prepaid = ck(packs.checked_mul(p.pack_credits))?;
    let prepaid_used = d.min(prepaid);
    let excess = d - prepaid_used;
    let (payg, overage, limit) = if s.payg {
        // A free pay-as-you-go rate never reaches a budget.
        let cap = match s.budget {
            Some(budget) if !p.payg_per_credit.is_zero() => {
                Some(ck(budget.checked_div(p.payg_per_credit))?.floor())
            }
            _ => None,
        };
        let payg = cap.map_or(excess, |c| excess.min(c));
        let limit = cap.map(|c| prepaid + c);
        (payg, Decimal::ZERO, limit)
    } else {
        let threshold = ck(prepaid.checked_mul(s.enforcement))? / Decimal::ONE_HUNDRED;
        let overage = excess.min(threshold - prepaid);
        (Decimal::ZERO, overage, Some(threshold))
    };
    let unserved = excess - payg - overage;
    let unserved_share = if d.is_zero() {
        Decimal::ZERO
    } else {
        ck(unserved.checked_div(d))?
    };
    let stop_day = match limit {
        Some(limit) if unserved > Decimal::ZERO => {
            // Demand per day is d / days; the agents stop during the day the limit is reached.
            let days_served = ck(ck(limit.checked_mul(Decimal::from(s.days)))?.checked_div(d))?;
            let day = days_served.floor() + Decimal::ONE;
            Some(u32::try_from(day.mantissa()).unwrap_or(s.days).min(s.days))
        }
        _ => None,
    };
    let prepaid_cost = ck(packs.checked_mul(p.pack_price))?;
    let payg_cost = ck(payg.checked_mul(p.payg_per_credit))?;
    let total_cost = ck(prepaid_cost.checked_add(payg_cost))?;
    Ok(Bill {
        demand,
        prepaid: Credits::new(prepaid),
        prepaid_used: Credits::new(prepaid_used),
        payg: Credits::new(payg),
        overage: Credits::new(overage),
        unserved: Credits::new(unserved),
        unserved_share,
        stop_day,
        prepaid_cost,
        payg_cost,
        total_cost,
    })
}

/// The smallest pay-as-you-go budget, in cents, that serves all of `demand` with the packs of
/// `s`, when the budget set today runs out during the month; `None` when it does not (no budget,
/// pay-as-you-go off, or a budget that already covers the month). The page offers it in one click,
/// as it offers the recommended packs.
///
/// A budget of `b` buys `floor(b / price)` credits (see [`bill`]), so it must reach the whole
/// credits past prepaid capacity, rounded up, at the pay-as-you-go price, rounded up to the cent.
///
/// ```
/// use agent_credits::capacity::{budget_to_cover, BillingSettings, LIST_PRICES_USD};
/// use agent_credits::rating::Credits;
/// use rust_decimal::Decimal;
/// let s = BillingSettings { budget: Some(Decimal::from(20)), ..BillingSettings::default() };
/// let need = budget_to_cover(Credits::new(Decimal::from(6380)), &s, &LIST_PRICES_USD);
/// assert_eq!(need, Some(Decimal::new(6380, 2))); // 6,380 credits × 0.01 USD
/// ```
pub fn budget_to_cover(demand: Credits, s: &BillingSettings, p: &Prices) -> Option<Decimal> {
    let now = bill(demand, s, p).ok()?;
    if !s.payg || s.budget.is_none() || now.unserved.amount().is_zero() {
        return None;
    }
    let excess = (demand.amount() - now.prepaid.amount())
        .max(Decimal::ZERO)
        .ceil();
    let need = excess.checked_mul(p.payg_per_credit)?;
    let cents = need.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::AwayFromZero);
    let enough = bill(
        demand,
        &BillingSettings {
            budget: Some(cents),
            ..s.clone()
        },
        p,
    )
    .ok()?;
    enough.unserved.amount().is_zero().then_some(cents)
}

/// The cheapest way to buy a month's credits with pay-as-you-go on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recommendation {
    /// Packs to buy.
    pub packs: u64,
    /// The month's cost with them.
    pub cost: Decimal,
    /// The monthly demand from which one more pack is cheaper than pay-as-you-go for the excess
    /// (`None` when packs never pay off, e.g. pay-as-you-go is free).
    pub next_pack_break_even: Option<Credits>,
}

/// The number of packs that minimises the month's cost for `demand`, pay-as-you-go covering the
/// rest; on a tie, fewer packs (less money up front).
///
/// Pack `k + 1` pays off when the demand left after `k` packs exceeds `pack_price /
/// payg_per_credit` credits (20,000 at list prices), so the answer is the number of `k` for which
/// that holds. If a pack costs as much as its credits at pay-as-you-go, packs never pay off.
///
/// # Errors
/// As [`bill`].
pub fn recommend(demand: Credits, p: &Prices) -> Result<Recommendation, BillingError> {
    let d = demand.amount();
    if d.is_sign_negative() && !d.is_zero() {
        return Err(BillingError::Negative);
    }
    let break_even = if p.payg_per_credit.is_zero() || p.pack_credits <= Decimal::ZERO {
        None
    } else {
        Some(ck(p.pack_price.checked_div(p.payg_per_credit))?).filter(|be| *be < p.pack_credits)
    };
    let packs = match break_even {
        Some(be) if d > be => ck((d - be).checked_div(p.pack_credits))?.ceil(),
        _ => Decimal::ZERO,
    };
    let packs = u64::try_from(packs.mantissa()).map_err(|_| BillingError::Overflow)?;
    let settings = BillingSettings {
        packs,
        ..BillingSettings::default()
    };
    let cost = bill(demand, &settings, p)?.total_cost;
    let next_pack_break_even = match break_even {
        Some(be) => Some(Credits::new(ck(ck(
            Decimal::from(packs).checked_mul(p.pack_credits)
        )?
        .checked_add(be))?)),
        None => None,
    };
    Ok(Recommendation {
        packs,
        cost,
        next_pack_break_even,
    })
}
