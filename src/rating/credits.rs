//! Copilot Credits as a type of their own, so credits never mix with money or counts.

use std::fmt;
use std::iter::Sum;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::RatingError;

/// An exact, unrounded number of Copilot Credits.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Credits(Decimal);

impl Credits {
    /// No credits.
    pub const ZERO: Credits = Credits(Decimal::ZERO);

    /// Wraps an exact amount.
    pub const fn new(amount: Decimal) -> Self {
        Self(amount)
    }

    /// The exact amount.
    pub const fn amount(self) -> Decimal {
        self.0
    }

    /// `self + other`.
    ///
    /// # Errors
    /// [`RatingError::Overflow`] beyond what a decimal holds.
    pub fn checked_add(self, other: Credits) -> Result<Credits, RatingError> {
        self.0
            .checked_add(other.0)
            .map(Credits)
            .ok_or(RatingError::Overflow)
    }

    /// `self × factor`.
    ///
    /// # Errors
    /// [`RatingError::Overflow`] beyond what a decimal holds.
    pub fn checked_mul(self, factor: Decimal) -> Result<Credits, RatingError> {
        self.0
            .checked_mul(factor)
            .map(Credits)
            .ok_or(RatingError::Overflow)
    }

    /// The sum of `parts`.
    ///
    /// # Errors
    /// [`RatingError::Overflow`] beyond what a decimal holds.
    pub fn checked_sum(parts: impl IntoIterator<Item = Credits>) -> Result<Credits, RatingError> {
        parts
            .into_iter()
            .try_fold(Credits::ZERO, |acc, c| acc.checked_add(c))
    }
}

/// Summing is for figures already bounded by the input limits (e.g. in tests); use
/// [`Credits::checked_sum`] on anything derived from input.
impl<'a> Sum<&'a Credits> for Credits {
    fn sum<I: Iterator<Item = &'a Credits>>(iter: I) -> Self {
        Credits(iter.map(|c| c.0).sum())
    }
}

impl fmt::Display for Credits {
    /// The exact amount, unrounded and ungrouped (`2687.5`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.normalize())
    }
}
