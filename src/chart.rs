//! Chart geometry: turns exact figures into the proportions a chart draws. Pure, so the
//! components only place what this computes, and the proportions are tested natively.
//!
//! Geometry is rounded to [`PLACES`] decimals, which is a drawing concern only: the figures
//! themselves stay exact and are shown next to every chart.

use rust_decimal::{Decimal, RoundingStrategy};

/// Decimals kept in a proportion or coordinate.
pub const PLACES: u32 = 2;

fn round(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(PLACES, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

/// One part of a stacked bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Stable key of the part (`prepaid_used`), used as its CSS class and test hook.
    pub key: &'static str,
    /// The exact figure.
    pub value: Decimal,
    /// Its share of the bar in percent, for drawing.
    pub percent: Decimal,
    /// Where it starts, in percent of the bar: the sum of the shares before it.
    pub start: Decimal,
}

/// A stacked bar: each part as a percentage of the parts' total. Zero and negative parts are
/// dropped (they draw nothing); an all-zero bar has no segments.
///
/// ```
/// use agent_credits::chart::stack;
/// use rust_decimal::Decimal;
/// let bar = stack(&[("a", Decimal::from(1)), ("b", Decimal::from(3)), ("c", Decimal::ZERO)]);
/// assert_eq!(bar.iter().map(|s| s.percent.to_string()).collect::<Vec<_>>(), ["25", "75"]);
/// ```
pub fn stack(parts: &[(&'static str, Decimal)]) -> Vec<Segment> {
    let positive = || parts.iter().filter(|(_, v)| *v > Decimal::ZERO);
    let total = positive().fold(Decimal::ZERO, |a, (_, v)| a.saturating_add(*v));
    if total.is_zero() {
        return Vec::new();
    }
    let percents: Vec<Decimal> = positive()
        .map(|(_, value)| {
            value
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|v| v.checked_div(total))
                .map_or(Decimal::ZERO, round)
        })
        .collect();
    positive()
        .zip(starts(&percents))
        .zip(percents)
        .map(|(((key, value), start), percent)| Segment {
            key,
            value: *value,
            percent,
            start,
        })
        .collect()
}

/// Where each part of a stacked bar starts, in percent of the bar: the running sum of the parts
/// before it.
///
/// ```
/// use agent_credits::chart::starts;
/// use rust_decimal::Decimal;
/// let s = starts(&[Decimal::from(25), Decimal::from(70), Decimal::from(5)]);
/// assert_eq!(s, [Decimal::ZERO, Decimal::from(25), Decimal::from(95)]);
/// ```
pub fn starts(percents: &[Decimal]) -> Vec<Decimal> {
    let mut at = Decimal::ZERO;
    percents
        .iter()
        .map(|p| {
            let start = at;
            at = at.saturating_add(*p);
            start
        })
        .collect()
}

/// Each value's share of their total in percent, for drawing (zero for non-positive values, all
/// zero when nothing is positive).
///
/// ```
/// use agent_credits::chart::percentages;
/// use rust_decimal::Decimal;
/// let p = percentages(&[Decimal::from(1), Decimal::from(3)]);
/// assert_eq!(p, [Decimal::from(25), Decimal::from(75)]);
/// ```
pub fn percentages(values: &[Decimal]) -> Vec<Decimal> {
    let total = values
        .iter()
        .filter(|v| **v > Decimal::ZERO)
        .fold(Decimal::ZERO, |a, v| a.saturating_add(*v));
    values
        .iter()
        .map(|v| {
            if total.is_zero() || *v <= Decimal::ZERO {
                Decimal::ZERO
            } else {
                v.checked_mul(Decimal::ONE_HUNDRED)
                    .and_then(|x| x.checked_div(total))
                    .map_or(Decimal::ZERO, round)
            }
        })
        .collect()
}

/// Heights for bars of `values` in a chart `height` units tall, the largest value at full
/// height; all zero when nothing is positive.
pub fn heights(values: &[Decimal], height: Decimal) -> Vec<Decimal> {
    let max = values.iter().copied().fold(Decimal::ZERO, Decimal::max);
    values
        .iter()
        .map(|v| {
            if max.is_zero() || *v <= Decimal::ZERO {
                Decimal::ZERO
            } else {
                v.checked_mul(height)
                    .and_then(|x| x.checked_div(max))
                    .map_or(Decimal::ZERO, round)
            }
        })
        .collect()
}

/// Heights for `values` on an axis from 0 to `top` drawn `height` units tall (values above
/// `top` are clipped to full height).
pub fn scale(values: &[Decimal], top: Decimal, height: Decimal) -> Vec<Decimal> {
    values
        .iter()
        .map(|v| {
            if top <= Decimal::ZERO || *v <= Decimal::ZERO {
                Decimal::ZERO
            } else {
                v.min(&top)
                    .checked_mul(height)
                    .and_then(|x| x.checked_div(top))
                    .map_or(Decimal::ZERO, round)
            }
        })
        .collect()
}

/// The top of a chart's value axis: the largest value rounded up to 1, 2 or 5 times a power of
/// ten, so gridlines land on round numbers.
///
/// ```
/// use agent_credits::chart::nice_ceiling;
/// use rust_decimal::Decimal;
/// assert_eq!(nice_ceiling(Decimal::from(63)), Decimal::from(100));
/// assert_eq!(nice_ceiling(Decimal::from(140)), Decimal::from(200));
/// assert_eq!(nice_ceiling(Decimal::from(401)), Decimal::from(500));
/// ```
pub fn nice_ceiling(max: Decimal) -> Decimal {
    if max <= Decimal::ZERO {
        return Decimal::ONE;
    }
    let mut power = Decimal::ONE;
    while power * Decimal::TEN <= max {
        power *= Decimal::TEN;
    }
    while power > max && power > Decimal::new(1, 2) {
        power /= Decimal::TEN;
    }
    for step in [1, 2, 5, 10] {
        let top = power * Decimal::from(step);
        if top >= max {
            return top;
        }
    }
    power * Decimal::TEN
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stacks_add_to_a_hundred_within_rounding() {
        let bar = stack(&[
            ("a", Decimal::from(1)),
            ("b", Decimal::from(1)),
            ("c", Decimal::from(1)),
        ]);
        let sum: Decimal = bar.iter().map(|s| s.percent).sum();
        assert_eq!(sum, Decimal::new(9999, 2));
        assert!(stack(&[("a", Decimal::ZERO)]).is_empty());
    }

    #[test]
    fn heights_scale_to_the_largest() {
        let h = heights(
            &[Decimal::from(50), Decimal::from(100), Decimal::ZERO],
            Decimal::from(120),
        );
        assert_eq!(h, [Decimal::from(60), Decimal::from(120), Decimal::ZERO]);
        assert_eq!(
            heights(&[Decimal::ZERO], Decimal::from(10)),
            [Decimal::ZERO]
        );
    }

    #[test]
    fn ceilings_are_round() {
        for (max, top) in [
            (1, 1),
            (7, 10),
            (10, 10),
            (11, 20),
            (25_001, 50_000),
            (0, 1),
        ] {
            assert_eq!(
                nice_ceiling(Decimal::from(max)),
                Decimal::from(top),
                "{max}"
            );
        }
        assert_eq!(nice_ceiling(Decimal::new(63, 2)), Decimal::new(1, 0));
    }
}
