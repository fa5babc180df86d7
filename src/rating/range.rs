//! What if we guessed wrong: a low and a high value beside an expected one.
//!
//! Every volume and per-run driver of an agent may carry [`Bounds`]. The three [`Case`]s are
//! the lows together, the expected values, and the highs together; an unset bound is the
//! expected value. Each case is an ordinary workload ([`crate::rating::Workload::case`]), so the
//! rating and billing cores compute it exactly as they compute the expected one. Every credit is
//! a sum of products of non-negative inputs, so the low case never exceeds the expected one, nor
//! the expected one the high one (`tests/properties.rs` checks it).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::input::InputError;

/// The low and high values around an expected one; `None` is "the same as expected".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bounds {
    /// The low case's value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<Decimal>,
    /// The high case's value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<Decimal>,
}

/// One of the three cases of an estimate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Case {
    /// Every input at its low value.
    Low,
    /// Every input at its expected value.
    Expected,
    /// Every input at its high value.
    High,
}

/// A bound: the low or the high one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Bound {
    /// The low value.
    Low,
    /// The high value.
    High,
}

impl Bound {
    /// Both, in key order.
    pub const BOTH: [Bound; 2] = [Bound::Low, Bound::High];

    /// The key suffix (`payables.documents.low`).
    pub const fn suffix(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::High => "high",
        }
    }

    /// The bound a key suffix names.
    pub fn from_suffix(s: &str) -> Option<Self> {
        Self::BOTH.into_iter().find(|b| b.suffix() == s)
    }

    /// The case that takes this bound.
    pub const fn case(self) -> Case {
        match self {
            Self::Low => Case::Low,
            Self::High => Case::High,
        }
    }
}

impl Case {
    /// The three, low first.
    pub const ALL: [Case; 3] = [Case::Low, Case::Expected, Case::High];
}

impl Bounds {
    /// No bound set.
    pub fn is_empty(&self) -> bool {
        self.low.is_none() && self.high.is_none()
    }

    /// The bound `b`.
    pub fn get(&self, b: Bound) -> Option<Decimal> {
        match b {
            Bound::Low => self.low,
            Bound::High => self.high,
        }
    }

    /// Sets the bound `b` (`None`: the same as expected).
    pub fn set(&mut self, b: Bound, value: Option<Decimal>) {
        match b {
            Bound::Low => self.low = value,
            Bound::High => self.high = value,
        }
    }

    /// The value in `case` of an input whose expected value is `expected`.
    ///
    /// ```
    /// use agent_credits::rating::range::{Bounds, Case};
    /// let b = Bounds { low: Some(300.into()), high: None };
    /// assert_eq!(b.at(Case::Low, 400.into()), 300.into());
    /// assert_eq!(b.at(Case::High, 400.into()), 400.into());
    /// ```
    pub fn at(&self, case: Case, expected: Decimal) -> Decimal {
        match case {
            Case::Low => self.low.unwrap_or(expected),
            Case::Expected => expected,
            Case::High => self.high.unwrap_or(expected),
        }
    }

    /// Checks a new expected value against these bounds.
    ///
    /// # Errors
    /// [`InputError::BelowLow`] or [`InputError::AboveHigh`], for the expected value's field.
    pub fn check_expected(&self, expected: Decimal) -> Result<(), InputError> {
        match self.check(expected) {
            Ok(()) => Ok(()),
            Err((Bound::Low, _)) => Err(InputError::BelowLow {
                low: self.low.unwrap_or(expected),
            }),
            Err((Bound::High, _)) => Err(InputError::AboveHigh {
                high: self.high.unwrap_or(expected),
            }),
        }
    }

    /// Checks the order low ≤ expected ≤ high.
    ///
    /// # Errors
    /// [`InputError::LowAboveExpected`] or [`InputError::HighBelowExpected`], for the bound's
    /// field.
    pub fn check(&self, expected: Decimal) -> Result<(), (Bound, InputError)> {
        if self.low.is_some_and(|low| low > expected) {
            return Err((Bound::Low, InputError::LowAboveExpected { expected }));
        }
        if self.high.is_some_and(|high| high < expected) {
            return Err((Bound::High, InputError::HighBelowExpected { expected }));
        }
        Ok(())
    }
}
