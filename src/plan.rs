//! A plan: the whole estimate a person works on, saves and shares. The agents' workload and how
//! the tenant pays are kept side by side here so neither core depends on the other.

use serde::{Deserialize, Serialize};

use crate::capacity::{Billing, BillingError};
use crate::rating::{RatingError, Workload};

/// Everything an estimate holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// The agents and their volumes.
    pub workload: Workload,
    /// Packs, pay-as-you-go, prices, environments, billing policies.
    #[serde(default)]
    pub billing: Billing,
}

/// Why a plan from storage or a file can't be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanError {
    /// The workload is invalid.
    Rating(RatingError),
    /// The billing settings are invalid.
    Billing(BillingError),
}

impl std::fmt::Display for PlanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Rating(e) => e.fmt(f),
            Self::Billing(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for PlanError {}

impl Plan {
    /// A plan of `workload` at the default billing settings.
    pub fn of(workload: Workload) -> Self {
        Self {
            workload,
            billing: Billing::default(),
        }
    }

    /// Checks data that did not come through the page's validated fields.
    ///
    /// # Errors
    /// The first problem found.
    pub fn validate(&self) -> Result<(), PlanError> {
        self.workload.validate().map_err(PlanError::Rating)?;
        self.billing.validate().map_err(PlanError::Billing)
    }
}
