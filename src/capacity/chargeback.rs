//! The month's cost shared among the agents: what each agent costs, for a proposal or an
//! internal chargeback.
//!
//! Capacity is pooled per tenant (packs are consumed first by whichever agent runs, and
//! pay-as-you-go bills what is left), so no agent has a cost of its own. The usual split, and the
//! one a finance team can check, is in proportion to the credits each agent uses. It is done to
//! the cent with the largest remainder, so the agents' costs add up to the month's cost as it is
//! shown, cent for cent.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

/// Each agent's share of `total_cost`, in proportion to its `credits`, in cents: the shares add up
/// to `total_cost` rounded to the cent. Agents with no credits cost nothing; with no credits at
/// all, every share is zero.
///
/// ```
/// use agent_credits::capacity::agent_costs;
/// use rust_decimal::Decimal;
/// let d = |s: &str| s.parse::<Decimal>().unwrap();
/// // 100.00 over three equal agents: one of them gets the odd cent.
/// assert_eq!(agent_costs(d("100"), &[d("1"), d("1"), d("1")]), [d("33.34"), d("33.33"), d("33.33")]);
/// // The Sales Order and Payables examples at 0.01 USD a credit.
/// assert_eq!(agent_costs(d("63.80"), &[d("1180"), d("5200")]), [d("11.80"), d("52.00")]);
/// ```
pub fn agent_costs(total_cost: Decimal, credits: &[Decimal]) -> Vec<Decimal> {
    let cents = (total_cost * Decimal::ONE_HUNDRED)
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    let used: Vec<Decimal> = credits
        .iter()
        .map(|c| c.max(&Decimal::ZERO))
        .copied()
        .collect();
    let sum: Decimal = used.iter().sum();
    if sum.is_zero() || cents <= Decimal::ZERO {
        return vec![Decimal::ZERO; credits.len()];
    }
    // Each agent's exact share in cents, then its whole cents; the cents left over go one each to
    // the largest fractions (the first agent on a tie, so the split is deterministic).
    let exact: Vec<Decimal> = used.iter().map(|c| (*c / sum * cents).min(cents)).collect();
    let mut whole: Vec<Decimal> = exact.iter().map(|e| e.floor()).collect();
    let left = (cents - whole.iter().sum::<Decimal>())
        .to_usize()
        .unwrap_or(0);
    let mut order: Vec<usize> = (0..exact.len()).filter(|&i| !used[i].is_zero()).collect();
    order.sort_by(|&a, &b| {
        (exact[b] - whole[b])
            .cmp(&(exact[a] - whole[a]))
            .then(a.cmp(&b))
    });
    for &i in order.iter().cycle().take(left) {
        whole[i] += Decimal::ONE;
    }
    whole
        .into_iter()
        .map(|w| {
            let mut c = w / Decimal::ONE_HUNDRED;
            c.rescale(2);
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn one_agent_pays_everything_and_idle_agents_nothing() {
        assert_eq!(agent_costs(d("26.875"), &[d("2687.5")]), [d("26.88")]);
        assert_eq!(
            agent_costs(d("200"), &[d("0"), d("17300")]),
            [d("0.00"), d("200.00")]
        );
        assert_eq!(agent_costs(d("0"), &[d("5"), d("5")]), [d("0"), d("0")]);
        assert_eq!(agent_costs(d("10"), &[d("0"), d("0")]), [d("0"), d("0")]);
        assert!(agent_costs(d("10"), &[]).is_empty());
    }

    // proptest is a native dev-dependency (its RNG does not build for wasm32).
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn shares_add_up_to_the_cent_and_follow_credits(
            cents in 0u64..100_000_000_000,
            credits in proptest::collection::vec(0u64..10_000_000_000, 1..8),
        ) {
            use proptest::prelude::*;
            let total = Decimal::new(cents as i64, 2);
            let credits: Vec<Decimal> = credits.into_iter().map(|c| Decimal::new(c as i64, 1)).collect();
            let shares = agent_costs(total, &credits);
            let sum: Decimal = credits.iter().sum();
            prop_assert_eq!(shares.len(), credits.len());
            if sum.is_zero() {
                prop_assert!(shares.iter().all(|s| s.is_zero()));
            } else {
                prop_assert_eq!(shares.iter().sum::<Decimal>(), total);
                for (s, c) in shares.iter().zip(&credits) {
                    // Within a cent of the exact proportional share.
                    let exact = total * *c / sum;
                    prop_assert!((*s - exact).abs() < Decimal::new(1, 2), "{} vs {}", s, exact);
                    prop_assert!(!c.is_zero() || s.is_zero());
                }
            }
        }
    }
}
