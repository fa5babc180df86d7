//! Twelve months ahead: a growing forecast billed under each way of paying, and what the
//! Pre-Purchase Plan would save over the year.

use rust_decimal::Decimal;

use super::bill::{bill, ck, recommend, BillingError, BillingSettings};
use super::prices::{PrepurchaseTier, Prices};
use crate::rating::Credits;

/// Months in the view.
pub const MONTHS: u32 = 12;

/// One way of paying, for one month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cost {
    /// Packs bought that month.
    pub packs: u64,
    /// What the month costs.
    pub cost: Decimal,
    /// Credits not served (only with the user's own settings; the strategies serve everything).
    pub unserved: Credits,
}

/// One month of the view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Month {
    /// 1 to 12.
    pub month: u32,
    /// Credits demanded that month.
    pub demand: Credits,
    /// Enough packs to cover the month, no pay-as-you-go.
    pub prepaid_only: Cost,
    /// Pay-as-you-go for everything.
    pub payg_only: Cost,
    /// The cheapest pack count with pay-as-you-go for the rest ([`recommend`]).
    pub mix: Cost,
    /// The user's own settings, unchanged all year.
    pub yours: Cost,
}

/// A Pre-Purchase Plan tier over the year, paying for pay-as-you-go usage (no packs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TierYear {
    /// The tier.
    pub tier: PrepurchaseTier,
    /// Retail pay-as-you-go value the commit units paid for.
    pub drawn: Decimal,
    /// Commit units left at the end of the term (they expire).
    pub unused: Decimal,
    /// Pay-as-you-go billed once the units ran out.
    pub payg_after: Decimal,
    /// `tier.price + payg_after`.
    pub cost: Decimal,
}

/// The whole view, with year totals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Year {
    /// Month by month.
    pub months: Vec<Month>,
    /// Year total, prepaid only.
    pub prepaid_only: Decimal,
    /// Year total, pay-as-you-go only.
    pub payg_only: Decimal,
    /// Year total, recommended mix.
    pub mix: Decimal,
    /// Year total, the user's settings.
    pub yours: Decimal,
    /// Credits the user's settings leave unserved over the year.
    pub yours_unserved: Credits,
    /// Each pre-purchase tier over the year, in the prices' order.
    pub tiers: Vec<TierYear>,
    /// The index in `tiers` of the cheapest tier, if it beats pay-as-you-go only.
    pub best_tier: Option<usize>,
}

/// Demand in month `n` (1-based) at `growth` percent a month, compounded from `first`, each
/// month kept to [`INTERNAL_PLACES`](super::INTERNAL_PLACES) decimals.
///
/// # Errors
/// [`BillingError::Growth`] outside 0 to 100 %, [`BillingError::Overflow`] if it overflows.
pub fn demand_in(first: Credits, growth: Decimal, n: u32) -> Result<Credits, BillingError> {
    if growth.is_sign_negative() && !growth.is_zero() || growth > Decimal::ONE_HUNDRED {
        return Err(BillingError::Growth);
    }
    let factor = Decimal::ONE + growth / Decimal::ONE_HUNDRED;
    let mut d = first.amount();
    for _ in 1..n {
        d = super::internal(ck(d.checked_mul(factor))?);
    }
    Ok(Credits::new(d))
}

/// The twelve-month view for a first month of `first` credits.
///
/// # Errors
/// As [`bill`], and [`BillingError::Growth`].
pub fn year(
    first: Credits,
    growth: Decimal,
    settings: &BillingSettings,
    prices: &Prices,
) -> Result<Year, BillingError> {
    let mut months = Vec::with_capacity(MONTHS as usize);
    for n in 1..=MONTHS {
        let demand = demand_in(first, growth, n)?;
        let d = demand.amount();
        let prepaid_packs = if prices.pack_credits.is_zero() {
            Decimal::ZERO
        } else {
            ck(d.checked_div(prices.pack_credits))?.ceil()
        };
        let prepaid_packs =
            u64::try_from(prepaid_packs.mantissa()).map_err(|_| BillingError::Overflow)?;
        let prepaid = bill(
            demand,
            &BillingSettings {
                packs: prepaid_packs,
                payg: false,
                ..settings.clone()
            },
            prices,
        )?;
        let payg = bill(
            demand,
            &BillingSettings {
                packs: 0,
                payg: true,
                budget: None,
                ..settings.clone()
            },
            prices,
        )?;
        let mix = recommend(demand, prices)?;
        let yours = bill(demand, settings, prices)?;
        months.push(Month {
            month: n,
            demand,
            prepaid_only: Cost {
                packs: prepaid_packs,
                cost: prepaid.total_cost,
                unserved: Credits::ZERO,
            },
            payg_only: Cost {
                packs: 0,
                cost: payg.total_cost,
                unserved: Credits::ZERO,
            },
            mix: Cost {
                packs: mix.packs,
                cost: mix.cost,
                unserved: Credits::ZERO,
            },
            yours: Cost {
                packs: settings.packs,
                cost: yours.total_cost,
                unserved: yours.unserved,
            },
        });
    }
    let sum = |pick: fn(&Month) -> Decimal| -> Result<Decimal, BillingError> {
        months
            .iter()
            .try_fold(Decimal::ZERO, |acc, m| ck(acc.checked_add(pick(m))))
    };
    let payg_only = sum(|m| m.payg_only.cost)?;
    let tiers = prices
        .prepurchase
        .iter()
        .map(|t| tier_year(t, &months, prices))
        .collect::<Result<Vec<_>, _>>()?;
    let best_tier = tiers
        .iter()
        .enumerate()
        .filter(|(_, t)| t.cost < payg_only)
        .min_by_key(|(_, t)| t.cost)
        .map(|(i, _)| i);
    Ok(Year {
        prepaid_only: sum(|m| m.prepaid_only.cost)?,
        payg_only,
        mix: sum(|m| m.mix.cost)?,
        yours: sum(|m| m.yours.cost)?,
        yours_unserved: Credits::new(sum(|m| m.yours.unserved.amount())?),
        months,
        tiers,
        best_tier,
    })
}

/// A tier paying down every month's pay-as-you-go usage at retail value until its units run out.
///
/// The units are denominated in the pay-as-you-go currency (USD on the list), so one unit pays
/// for `1 / payg_per_credit` credits.
fn tier_year(
    tier: &PrepurchaseTier,
    months: &[Month],
    prices: &Prices,
) -> Result<TierYear, BillingError> {
    let mut left = tier.units;
    let mut drawn = Decimal::ZERO;
    let mut payg_after = Decimal::ZERO;
    for m in months {
        let retail = ck(m.demand.amount().checked_mul(prices.payg_per_credit))?;
        let take = retail.min(left);
        left -= take;
        drawn = ck(drawn.checked_add(take))?;
        payg_after = ck(payg_after.checked_add(retail - take))?;
    }
    Ok(TierYear {
        tier: tier.clone(),
        drawn,
        unused: left,
        payg_after,
        cost: ck(tier.price.checked_add(payg_after))?,
    })
}
