//! Sharing a tenant's prepaid capacity between environments and other services.
//!
//! As the Business Central billing document describes it: capacity allocated to an environment
//! (in the Power Platform admin center) caps what that environment consumes; environments without
//! an allocation, and other Microsoft services on the tenant, consume from the unallocated rest.
//! At an even daily rate, consumers of a shared pool use it up together, so each gets the pool in
//! proportion to its demand.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::bill::{ck, BillingError};
use crate::rating::Credits;

/// Environments a tenant section may list.
pub const MAX_ENVIRONMENTS: usize = 20;

/// Where the agents run and what capacity is set aside for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Environment {
    /// A name for people (“Production”); plain text.
    pub name: String,
    /// The share of the agents' credits used in this environment, in percent.
    pub share: Decimal,
    /// Credits a month allocated to it; `None` draws from the tenant's unallocated capacity.
    pub allocated: Option<Decimal>,
}

/// The tenant's consumers of prepaid capacity besides the estimate's totals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tenant {
    /// Credits a month other services on the tenant use from the unallocated capacity.
    pub other_use: Decimal,
    /// The environments the agents run in; shares add up to 100 %.
    pub environments: Vec<Environment>,
}

impl Default for Tenant {
    /// One production environment drawing on the whole tenant, nothing else consuming.
    fn default() -> Self {
        Self {
            other_use: Decimal::ZERO,
            environments: vec![Environment {
                name: "Production".into(),
                share: Decimal::ONE_HUNDRED,
                allocated: None,
            }],
        }
    }
}

/// How one consumer fares in a month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Consumer {
    /// The environment's name, or `None` for other services on the tenant.
    pub name: Option<String>,
    /// Credits it needs in the month.
    pub demand: Credits,
    /// Prepaid credits available to it.
    pub capacity: Credits,
    /// Whether its capacity is its own allocation (else a share of the unallocated pool).
    pub allocated: bool,
    /// Demand beyond its capacity: billed pay-as-you-go, in grace overage, or unserved.
    pub short: Credits,
    /// Allocated capacity it leaves unused.
    pub spare: Credits,
    /// The day its prepaid capacity runs out at an even daily rate; `None` if it lasts.
    pub runs_out_day: Option<u32>,
}

/// The month's capacity, environment by environment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Allocation {
    /// Environments in the order given, then other services (if any).
    pub consumers: Vec<Consumer>,
    /// Unallocated capacity shared by environments without an allocation and other services.
    pub pool: Credits,
    /// The consumer whose capacity runs out first; `None` if none does.
    pub first_short: Option<usize>,
    /// Allocated capacity left unused while another consumer runs short: the cost of the split.
    pub stranded: Credits,
}

/// Splits `prepaid` credits among the tenant's consumers for `demand` agent credits a month.
///
/// # Errors
/// [`BillingError::Shares`] when shares don't add up to 100 %, [`BillingError::OverAllocated`]
/// when allocations exceed `prepaid`, [`BillingError::Negative`], [`BillingError::TooMany`].
pub fn allocate(
    demand: Credits,
    prepaid: Credits,
    tenant: &Tenant,
    days: u32,
) -> Result<Allocation, BillingError> {
    if tenant.environments.len() > MAX_ENVIRONMENTS {
        return Err(BillingError::TooMany);
    }
    let negative = |d: Decimal| d.is_sign_negative() && !d.is_zero();
    if negative(tenant.other_use)
        || tenant
            .environments
            .iter()
            .any(|e| negative(e.share) || e.allocated.is_some_and(negative))
    {
        return Err(BillingError::Negative);
    }
    let shares = tenant
        .environments
        .iter()
        .try_fold(Decimal::ZERO, |a, e| ck(a.checked_add(e.share)))?;
    if shares != Decimal::ONE_HUNDRED {
        return Err(BillingError::Shares);
    }
    let allocated = tenant.environments.iter().try_fold(Decimal::ZERO, |a, e| {
        ck(a.checked_add(e.allocated.unwrap_or_default()))
    })?;
    if allocated > prepaid.amount() {
        return Err(BillingError::OverAllocated);
    }
    let pool = prepaid.amount() - allocated;

    // (name, demand, own allocation)
    let mut rows: Vec<(Option<String>, Decimal, Option<Decimal>)> = Vec::new();
    for e in &tenant.environments {
        let d = ck(demand.amount().checked_mul(e.share))? / Decimal::ONE_HUNDRED;
        rows.push((Some(e.name.clone()), d, e.allocated));
    }
    if !tenant.other_use.is_zero() {
        rows.push((None, tenant.other_use, None));
    }
    let pool_demand = rows
        .iter()
        .filter(|r| r.2.is_none())
        .try_fold(Decimal::ZERO, |a, r| ck(a.checked_add(r.1)))?;

    let last_pooled = rows.iter().rposition(|r| r.2.is_none());
    let mut pool_left = pool;
    let mut consumers = Vec::with_capacity(rows.len());
    for (i, (name, d, own)) in rows.into_iter().enumerate() {
        let capacity = match own {
            Some(a) => a,
            // The pool is used up together at even rates: each gets it in proportion to demand;
            // the last takes what is left, so the shares add up to the pool exactly.
            None if pool_demand > pool && Some(i) == last_pooled => pool_left,
            None if pool_demand > pool => {
                let share = super::internal(ck(ck(pool.checked_mul(d))?.checked_div(pool_demand))?);
                pool_left -= share;
                share
            }
            None => d,
        };
        let short = (d - capacity).max(Decimal::ZERO);
        let spare = if own.is_some() {
            (capacity - d).max(Decimal::ZERO)
        } else {
            Decimal::ZERO
        };
        let runs_out_day = if short > Decimal::ZERO {
            let served_days = ck(ck(capacity.checked_mul(Decimal::from(days)))?.checked_div(d))?;
            let day = served_days.floor() + Decimal::ONE;
            Some(u32::try_from(day.mantissa()).unwrap_or(days).min(days))
        } else {
            None
        };
        consumers.push(Consumer {
            name,
            demand: Credits::new(d),
            capacity: Credits::new(capacity),
            allocated: own.is_some(),
            short: Credits::new(short),
            spare: Credits::new(spare),
            runs_out_day,
        });
    }
    let first_short = consumers
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.runs_out_day.map(|d| (d, i)))
        .min()
        .map(|(_, i)| i);
    let any_short = first_short.is_some();
    let stranded = if any_short {
        consumers
            .iter()
            .try_fold(Decimal::ZERO, |a, c| ck(a.checked_add(c.spare.amount())))?
    } else {
        Decimal::ZERO
    };
    Ok(Allocation {
        consumers,
        pool: Credits::new(pool),
        first_short,
        stranded: Credits::new(stranded),
    })
}
