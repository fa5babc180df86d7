//! The billing settings a person types, with their limits: one definition used by the page's
//! fields and the link reader alike.

use crate::rating::{Field, InputKind};

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

/// A case's weight in the expected cost, in percent (the expected case takes the rest).
pub const WEIGHT: InputKind = InputKind::Percent;

/// A price (pack price, pay-as-you-go rate, tier price) with up to 6 decimals.
pub const PRICE: InputKind = InputKind::Amount {
    min: 0,
    max: MAX_PRICE,
    places: 6,
};

/// An exchange rate: units of a currency for one US dollar, up to 6 decimals (0 converts
/// nothing: the page takes it as no rate).
pub const RATE: InputKind = InputKind::Amount {
    min: 0,
    max: super::prices::MAX_RATE,
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

/// The fields of the billing settings, as the page shows them. A unit left empty is the prices'
/// currency, which the page fills in.
pub mod fields {
    use super::*;

    /// Capacity packs bought for the month.
    pub const PACKS: Field = Field {
        label: "Capacity packs",
        help: "Copilot Credit packs bought for the month (25,000 credits each at list price).",
        unit: "packs",
        kind: super::PACKS,
        optional: false,
    };

    /// The pay-as-you-go budget (in the prices' currency).
    pub const BUDGET: Field = Field {
        label: "Pay-as-you-go budget",
        help: "An Azure budget that caps pay-as-you-go spending; leave empty for none.",
        unit: "",
        kind: super::BUDGET,
        optional: true,
    };

    /// The stop threshold without pay-as-you-go.
    pub const ENFORCEMENT: Field = Field {
        label: "Stop threshold without pay-as-you-go",
        help: "Share of prepaid capacity usable before agents stop: 125 since April 2025; 100 \
               stops at capacity.",
        unit: "% of capacity",
        kind: super::ENFORCEMENT,
        optional: false,
    };

    /// Monthly growth for the 12-month view.
    pub const GROWTH: Field = Field {
        label: "Monthly growth",
        help: "How much the monthly volume grows each month, compounded.",
        unit: "% a month",
        kind: super::GROWTH,
        optional: false,
    };

    /// The low case's weight in the expected cost.
    pub const WEIGHT_LOW: Field = Field {
        label: "Weight of the low case",
        help: "Its share of the expected cost; the expected case takes what low and high leave.",
        unit: "%",
        kind: super::WEIGHT,
        optional: false,
    };

    /// The high case's weight in the expected cost.
    pub const WEIGHT_HIGH: Field = Field {
        label: "Weight of the high case",
        help: "For example 25 % low and 25 % high weigh the expected case 50 %.",
        unit: "%",
        kind: super::WEIGHT,
        optional: false,
    };

    /// Credits other services use from unallocated capacity.
    pub const OTHER_USE: Field = Field {
        label: "Other services on the tenant",
        help: "Credits a month other Copilot Studio agents and services use from the unallocated \
               capacity.",
        unit: "credits",
        kind: QUANTITY,
        optional: false,
    };

    /// An environment's share of the agents' credits.
    pub const ENV_SHARE: Field = Field {
        label: "Share of the agents' credits",
        help: "Where the agents run; shares add up to 100 %.",
        unit: "%",
        kind: InputKind::Percent,
        optional: false,
    };

    /// Capacity allocated to an environment.
    pub const ENV_ALLOCATED: Field = Field {
        label: "Allocated capacity",
        help: "Credits a month set aside for it; empty to draw on the tenant's unallocated \
               capacity.",
        unit: "credits",
        kind: QUANTITY,
        optional: true,
    };

    /// People using the agents.
    pub const USERS: Field = Field {
        label: "People using the agents",
        help: "Used to split pay-as-you-go between billing policies by user scope.",
        unit: "users",
        kind: super::USERS,
        optional: false,
    };

    /// Users in a billing policy's group.
    pub const GROUP_USERS: Field = Field {
        label: "Users in the group",
        help: "Members of the security group who use the agents.",
        unit: "users",
        kind: super::USERS,
        optional: false,
    };

    /// Credits in a capacity pack.
    pub const PACK_CREDITS: Field = Field {
        label: "Credits per pack",
        help: "Copilot Credits in one capacity pack, per month.",
        unit: "credits",
        kind: QUANTITY,
        optional: false,
    };

    /// The price of a pack (in the prices' currency).
    pub const PACK_PRICE: Field = Field {
        label: "Price per pack",
        help: "One pack for one month, paid up front.",
        unit: "",
        kind: PRICE,
        optional: false,
    };

    /// The pay-as-you-go price of a credit (the page says "per credit" after the currency).
    pub const PAYG_PRICE: Field = Field {
        label: "Pay-as-you-go rate",
        help: "Billed monthly in arrears through Azure.",
        unit: "",
        kind: PRICE,
        optional: false,
    };

    /// The exchange rate that converts Microsoft's US dollar list prices into the prices'
    /// currency; empty for none.
    pub const EXCHANGE_RATE: Field = Field {
        label: "Exchange rate from USD",
        help: "Converts Microsoft's USD list prices into the currency above (1 USD = this many). Empty or 0: the USD list prices again.",
        unit: "",
        kind: RATE,
        optional: true,
    };

    /// A pre-purchase tier's commit units (in the prices' currency).
    pub const TIER_UNITS: Field = Field {
        label: "Commit units",
        help: "Retail pay-as-you-go value the tier pays for over its one-year term; more than 0.",
        unit: "",
        kind: UNITS,
        optional: false,
    };

    /// A pre-purchase tier's price for the year (in the prices' currency).
    pub const TIER_PRICE: Field = Field {
        label: "Price for the year",
        help: "Paid up front.",
        unit: "",
        kind: PRICE,
        optional: false,
    };
}
