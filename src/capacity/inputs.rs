//! The billing settings a person types, with their limits: one definition used by the page's
//! fields and the link reader alike.

use crate::rating::InputKind;

use super::prices::MAX_PRICE;

/// Packs a month; a million packs is 25 billion credits, past any forecast the inputs allow.
pub const MAX_PACKS: u64 = 1_000_000;

/// Capacity packs bought for the month.
pub const PACKS: InputKind = InputKind::Count { max: MAX_PACKS };

/// A pay-as-you-go budget, in the prices' currency, to the cent.
pub const BUDGET: InputKind = InputKind::Amount {
    min: 0,
    max: MAX_PRICE,
    places: 2,
};

/// The enforcement threshold in percent of prepaid capacity: 100 to 1,000.
pub const ENFORCEMENT: InputKind = InputKind::Amount {
    min: 100,
    max: 1000,
    places: 2,
};

/// Monthly growth of the forecast in percent.
pub const GROWTH: InputKind = InputKind::Percent;

/// A price (pack price, pay-as-you-go rate, tier price) with up to 6 decimals.
pub const PRICE: InputKind = InputKind::Amount {
    min: 0,
    max: MAX_PRICE,
    places: 6,
};

/// Credits in a pack, commit units in a tier, credits allocated or used by other services.
pub const QUANTITY: InputKind = InputKind::Count { max: MAX_PRICE };

/// A pre-purchase tier's commit units: a whole number, at least 1 (a tier of 0 units buys
/// nothing, and the page said nothing when one was typed: now it says so).
pub const UNITS: InputKind = InputKind::Amount {
    min: 1,
    max: MAX_PRICE,
    places: 0,
};

/// People using the agents, or members of a billing policy's group.
pub const USERS: InputKind = InputKind::Count { max: 10_000_000 };
