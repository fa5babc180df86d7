//! Where pay-as-you-go is billed: a Power Platform environment billing policy, Microsoft 365
//! Copilot billing policies, or both.
//!
//! Microsoft 365 billing policies each tie an Azure subscription, resource group and region to a
//! user scope (all users, or a security group). The Microsoft 365 set-up document says a Power
//! Platform and a Microsoft 365 set-up can coexist and usage is billed once, so the split here
//! divides the month's pay-as-you-go credits among the set-ups, never adds them up twice.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::bill::{ck, BillingError};
use crate::rating::Credits;

/// Billing policies a set-up may list.
pub const MAX_POLICIES: usize = 20;

/// Who a Microsoft 365 billing policy covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Scope {
    /// Every user in the tenant.
    AllUsers,
    /// The members of one security group.
    Group {
        /// Members of the group who use the agents.
        users: u32,
    },
}

/// One Microsoft 365 Copilot billing policy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingPolicy {
    /// Its name in the admin center; plain text.
    pub name: String,
    /// The Azure subscription billed.
    pub subscription: String,
    /// The resource group in that subscription.
    pub resource_group: String,
    /// The Azure region.
    pub region: String,
    /// Who it covers.
    pub scope: Scope,
}

/// Where the tenant set up pay-as-you-go.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaygSetup {
    /// Pay-as-you-go linked to the Power Platform environment (the Business Central route).
    pub power_platform: bool,
    /// Microsoft 365 admin center billing policies.
    pub policies: Vec<BillingPolicy>,
    /// People who use the agents, for splitting usage between policies by user scope.
    pub users: u32,
}

impl Default for PaygSetup {
    fn default() -> Self {
        Self {
            power_platform: true,
            policies: Vec::new(),
            users: 100,
        }
    }
}

/// The pay-as-you-go credits and cost billed through one set-up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyShare {
    /// The Microsoft 365 policy's index, or `None` for the Power Platform set-up.
    pub policy: Option<usize>,
    /// Users whose usage it is billed for.
    pub users: u32,
    /// Credits billed through it.
    pub credits: Credits,
    /// Their cost.
    pub cost: Decimal,
}

/// The month's pay-as-you-go split by set-up. Shares plus `uncovered` add up exactly to the
/// bill's pay-as-you-go credits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaygSplit {
    /// One row per set-up that bills anything, Microsoft 365 policies first.
    pub shares: Vec<PolicyShare>,
    /// Users no set-up covers: their agents don't run on pay-as-you-go.
    pub uncovered_users: u32,
    /// Pay-as-you-go credits of usage no set-up bills: shares plus this are the whole.
    pub uncovered: Credits,
    /// Both a Power Platform and a Microsoft 365 set-up exist (billed once; Microsoft recommends
    /// turning the Power Platform one off first).
    pub both: bool,
}

/// Splits `payg` credits costing `cost` among the set-ups by the users each covers.
///
/// Group policies take their members (groups are taken as disjoint); an all-users policy takes
/// everyone else; the Power Platform set-up takes whom no Microsoft 365 policy covers. Where both
/// exist, usage counts under the Microsoft 365 policy only: billed once.
///
/// # Errors
/// [`BillingError::TooMany`] for over [`MAX_POLICIES`] policies.
pub fn split(payg: Credits, cost: Decimal, setup: &PaygSetup) -> Result<PaygSplit, BillingError> {
    if setup.policies.len() > MAX_POLICIES {
        return Err(BillingError::TooMany);
    }
    let total = setup.users;
    let mut left = total;
    let mut users: Vec<(Option<usize>, u32)> = Vec::new();
    for (i, p) in setup.policies.iter().enumerate() {
        if let Scope::Group { users: n } = p.scope {
            let n = n.min(left);
            left -= n;
            users.push((Some(i), n));
        }
    }
    if let Some(i) = setup
        .policies
        .iter()
        .position(|p| p.scope == Scope::AllUsers)
    {
        users.push((Some(i), left));
        left = 0;
    }
    if setup.power_platform {
        users.push((None, left));
        left = 0;
    }
    users.sort_by_key(|(p, _)| p.map_or(usize::MAX, |i| i));
    if total == 0 {
        // No user count to split by: the usage goes to the set-up that covers everyone.
        users.clear();
        if let Some(i) = setup
            .policies
            .iter()
            .position(|p| p.scope == Scope::AllUsers)
        {
            users.push((Some(i), 0));
        } else if setup.power_platform {
            users.push((None, 0));
        }
    }
    let mut shares = Vec::with_capacity(users.len());
    let (mut credits_left, mut cost_left) = (payg.amount(), cost);
    let billed: Vec<_> = users
        .into_iter()
        .filter(|(_, n)| *n > 0 || total == 0)
        .collect();
    let last = billed.len();
    for (k, (policy, n)) in billed.into_iter().enumerate() {
        // The last share takes the exact remainder when everyone is covered, so shares add up
        // to the whole; the others are kept to INTERNAL_PLACES so the remainder is exact too.
        let (c, m) = if k + 1 == last && left == 0 {
            (credits_left, cost_left)
        } else {
            let part = |x: Decimal| -> Result<Decimal, BillingError> {
                Ok(super::internal(ck(
                    ck(x.checked_mul(Decimal::from(n)))?.checked_div(Decimal::from(total))
                )?))
            };
            (part(payg.amount())?, part(cost)?)
        };
        credits_left -= c;
        cost_left -= m;
        shares.push(PolicyShare {
            policy,
            users: n,
            credits: Credits::new(c),
            cost: m,
        });
    }
    Ok(PaygSplit {
        shares,
        uncovered_users: left,
        uncovered: Credits::new(credits_left),
        both: setup.power_platform && !setup.policies.is_empty(),
    })
}
