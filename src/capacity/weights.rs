//! How "the expected cost" is formed when the volumes have a range: the expected case's cost
//! (the default), or a weighted mix of the low, expected and high case's costs, such as
//! 25 / 50 / 25 %.
//!
//! A person sets the low and the high case's weights; the expected case takes the rest, so every
//! pair of values under 100 % in all is a valid mix and no edit passes through an invalid one.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::bill::{ck, BillingError};
use crate::format::NumberFormat;
use crate::rating::{Bound, InputError};

/// The low and the high case's weights in the expected cost, in percent; the expected case
/// weighs `100 − low − high`. The default (0 and 0) makes the expected cost the expected case's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CaseWeights {
    /// The low case's weight, 0 to 100 %.
    pub low: Decimal,
    /// The high case's weight, 0 to 100 %.
    pub high: Decimal,
}

impl CaseWeights {
    /// The expected case alone (the default).
    pub const EXPECTED: Self = Self {
        low: Decimal::ZERO,
        high: Decimal::ZERO,
    };

    /// Whether the expected cost is the expected case's cost alone.
    pub fn is_expected(&self) -> bool {
        self.low.is_zero() && self.high.is_zero()
    }

    /// The expected case's weight: what the low and the high case leave, in percent.
    pub fn expected(&self) -> Decimal {
        Decimal::ONE_HUNDRED - self.low - self.high
    }

    /// Checks the weights.
    ///
    /// # Errors
    /// [`BillingError::Weights`] for a weight below 0 % or low and high above 100 % together.
    ///
    /// ```
    /// use agent_credits::capacity::CaseWeights;
    /// let w = |low: i64, high: i64| CaseWeights { low: low.into(), high: high.into() };
    /// assert!(w(25, 25).validate().is_ok() && w(0, 100).validate().is_ok());
    /// assert!(w(60, 50).validate().is_err() && w(-1, 0).validate().is_err());
    /// ```
    pub fn validate(&self) -> Result<(), BillingError> {
        let negative = |d: Decimal| d.is_sign_negative() && !d.is_zero();
        if negative(self.low) || negative(self.high) || negative(self.expected()) {
            return Err(BillingError::Weights);
        }
        Ok(())
    }

    /// The weights with the `case` (low or high) weight set to `value`, a percentage.
    ///
    /// # Errors
    /// [`InputError::WeightsAboveHundred`] when the two would pass 100 % together.
    ///
    /// ```
    /// use agent_credits::capacity::CaseWeights;
    /// use agent_credits::rating::{Bound, InputError};
    /// let w = CaseWeights::EXPECTED.with(Bound::Low, 25.into()).unwrap();
    /// assert_eq!(w.with(Bound::High, 75.into()).unwrap().expected(), 0.into());
    /// assert_eq!(w.with(Bound::High, 80.into()), Err(InputError::WeightsAboveHundred { other: 25.into() }));
    /// ```
    pub fn with(self, case: Bound, value: Decimal) -> Result<Self, InputError> {
        let (mut next, other) = match case {
            Bound::Low => (self, self.high),
            Bound::High => (self, self.low),
        };
        if value + other > Decimal::ONE_HUNDRED {
            return Err(InputError::WeightsAboveHundred { other });
        }
        match case {
            Bound::Low => next.low = value,
            Bound::High => next.high = value,
        }
        Ok(next)
    }

    /// The expected cost for the low, expected and high case's `costs`: each weighted, summed.
    /// Exact (a percentage of an amount with two decimals has at most four); rounded only on
    /// screen.
    ///
    /// # Errors
    /// [`BillingError::Weights`] for invalid weights, [`BillingError::Overflow`] if it overflows.
    ///
    /// ```
    /// use agent_credits::capacity::CaseWeights;
    /// use rust_decimal::Decimal;
    /// let w = CaseWeights { low: 25.into(), high: 25.into() };
    /// let cost = w.mix([Decimal::new(4000, 2), Decimal::new(6380, 2), Decimal::new(12000, 2)]);
    /// assert_eq!(cost.unwrap().normalize().to_string(), "71.9"); // 10 + 31.9 + 30
    /// assert_eq!(CaseWeights::EXPECTED.mix([1.into(), 2.into(), 3.into()]).unwrap(), Decimal::from(2));
    /// ```
    pub fn mix(&self, costs: [Decimal; 3]) -> Result<Decimal, BillingError> {
        self.validate()?;
        if self.is_expected() {
            return Ok(costs[1]);
        }
        let mut sum = Decimal::ZERO;
        for (w, c) in [self.low, self.expected(), self.high]
            .into_iter()
            .zip(costs)
        {
            sum =
                ck(sum.checked_add(ck(ck(w.checked_mul(c))?.checked_div(Decimal::ONE_HUNDRED))?))?;
        }
        Ok(sum)
    }

    /// How the expected cost is formed, in one line with the numbers used (the bill's
    /// derivation and the page say it the same way).
    ///
    /// ```
    /// use agent_credits::capacity::CaseWeights;
    /// use agent_credits::format::NumberFormat;
    /// use rust_decimal::Decimal;
    /// let f = NumberFormat::en();
    /// let costs = [Decimal::new(4000, 2), Decimal::new(6380, 2), Decimal::new(12000, 2)];
    /// let w = CaseWeights { low: 25.into(), high: 25.into() };
    /// assert_eq!(
    ///     w.explain(costs, "USD", &f).unwrap(),
    ///     "Expected cost: 25 % × 40.00 (low) + 50 % × 63.80 (expected) + 25 % × 120.00 (high) = 71.90 USD a month"
    /// );
    /// assert_eq!(
    ///     CaseWeights::EXPECTED.explain(costs, "USD", &f).unwrap(),
    ///     "Expected cost: the expected case's cost, 63.80 USD a month (low and high weigh 0 %)"
    /// );
    /// ```
    ///
    /// # Errors
    /// As [`CaseWeights::mix`].
    pub fn explain(
        &self,
        costs: [Decimal; 3],
        currency: &str,
        f: &NumberFormat,
    ) -> Result<String, BillingError> {
        let total = self.mix(costs)?;
        if self.is_expected() {
            return Ok(format!(
                "Expected cost: the expected case's cost, {} {currency} a month (low and high \
                 weigh 0 %)",
                f.money(total)
            ));
        }
        let p = |w: Decimal| f.decimal(w, 2);
        Ok(format!(
            "Expected cost: {} % × {} (low) + {} % × {} (expected) + {} % × {} (high) = {} \
             {currency} a month",
            p(self.low),
            f.money(costs[0]),
            p(self.expected()),
            f.money(costs[1]),
            p(self.high),
            f.money(costs[2]),
            f.money(total)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(low: i64, high: i64) -> CaseWeights {
        CaseWeights {
            low: low.into(),
            high: high.into(),
        }
    }

    #[test]
    fn the_expected_case_takes_what_low_and_high_leave() {
        assert_eq!(w(25, 25).expected(), Decimal::from(50));
        assert_eq!(w(0, 0).expected(), Decimal::ONE_HUNDRED);
        assert_eq!(w(60, 50).validate(), Err(BillingError::Weights));
        assert_eq!(
            w(60, 50).mix([1.into(), 2.into(), 3.into()]),
            Err(BillingError::Weights)
        );
    }
}
