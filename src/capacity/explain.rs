//! The bill's derivation in words and numbers, so every cost on screen can be traced to the
//! prices and settings.

use super::bill::{Bill, BillingSettings};
use super::prices::Prices;
use crate::format::{plural, NumberFormat};

/// One line per figure of the bill, each showing its formula with the numbers used.
///
/// ```
/// use agent_credits::capacity::{bill, explain, BillingSettings, LIST_PRICES_USD};
/// use agent_credits::format::NumberFormat;
/// use agent_credits::rating::Credits;
/// use rust_decimal::Decimal;
/// let s = BillingSettings { packs: 1, ..BillingSettings::default() };
/// let b = bill(Credits::new(Decimal::from(30_000)), &s, &LIST_PRICES_USD).unwrap();
/// let lines = explain(&b, &s, &LIST_PRICES_USD, &NumberFormat::en());
/// assert_eq!(lines[0], "Prepaid capacity: 1 pack × 25,000 credits = 25,000 credits");
/// assert_eq!(lines.last().unwrap(), "Total: 200.00 + 50.00 = 250.00 USD a month");
///
/// // Prices converted from US dollars say so first.
/// use agent_credits::capacity::Prices;
/// let eur = Prices::converted(&LIST_PRICES_USD, "EUR", Decimal::new(92, 2), "2026-11-20");
/// let b = bill(Credits::new(Decimal::from(30_000)), &s, &eur).unwrap();
/// let lines = explain(&b, &s, &eur, &NumberFormat::en());
/// assert_eq!(lines[0], "Prices in EUR: Microsoft's USD list prices × 0.92 (exchange rate of 2026-11-20)");
/// assert_eq!(lines.last().unwrap(), "Total: 184.00 + 46.00 = 230.00 EUR a month");
/// ```
pub fn explain(bill: &Bill, s: &BillingSettings, p: &Prices, f: &NumberFormat) -> Vec<String> {
    let c = |d: rust_decimal::Decimal| f.credits(d);
    // A result with its noun: "= 1 credit", "= 25,000 credits".
    let cn = |d: rust_decimal::Decimal| f.credits_noun(d);
    let m = |d: rust_decimal::Decimal| f.money(d);
    let cur = &p.currency;
    let packs = if s.packs == 1 { "pack" } else { "packs" };
    let mut lines = vec![
        format!(
            "Prepaid capacity: {} {packs} × {} = {}",
            s.packs,
            cn(p.pack_credits),
            cn(bill.prepaid.amount())
        ),
        format!(
            "Prepaid used first: the smaller of {} demanded and {} prepaid = {}",
            c(bill.demand.amount()),
            c(bill.prepaid.amount()),
            cn(bill.prepaid_used.amount())
        ),
    ];
    let excess = bill.demand.amount() - bill.prepaid_used.amount();
    if s.payg {
        let cap = match s.budget {
            Some(b) => format!(", up to the budget of {} {cur}", m(b)),
            None => String::new(),
        };
        lines.push(format!(
            "Pay-as-you-go: {} past prepaid{cap} = {}",
            cn(excess),
            cn(bill.payg.amount())
        ));
    } else {
        lines.push(format!(
            "Grace overage (no pay-as-you-go): served up to {} % of prepaid = {}, unbilled",
            f.decimal(s.enforcement, 2),
            cn(bill.overage.amount())
        ));
    }
    lines.push(format!(
        "Unserved: {} − {} − {} − {} = {}",
        c(bill.demand.amount()),
        c(bill.prepaid_used.amount()),
        c(bill.payg.amount()),
        c(bill.overage.amount()),
        cn(bill.unserved.amount())
    ));
    lines.push(format!(
        "Packs: {} × {} = {} {cur}",
        s.packs,
        m(p.pack_price),
        m(bill.prepaid_cost)
    ));
    lines.push(format!(
        "Pay-as-you-go: {} × {} = {} {cur}",
        cn(bill.payg.amount()),
        f.decimal(p.payg_per_credit, 6),
        m(bill.payg_cost)
    ));
    lines.push(format!(
        "Total: {} + {} = {} {cur} a month",
        m(bill.prepaid_cost),
        m(bill.payg_cost),
        m(bill.total_cost)
    ));
    if let Some(x) = &p.exchange {
        lines.insert(0, exchange_line(x, p, f));
    }
    lines
}

/// Where prices converted from US dollars come from: "Prices in EUR: Microsoft's USD list
/// prices × 0.92 (exchange rate of 2026-11-20)".
fn exchange_line(x: &super::prices::Exchange, p: &Prices, f: &NumberFormat) -> String {
    let date = if x.date.is_empty() {
        String::new()
    } else {
        format!(" of {}", x.date)
    };
    let edited = if p.source == super::prices::EDITED {
        ", then edited"
    } else {
        ""
    };
    format!(
        "Prices in {}: Microsoft's USD list prices × {} (exchange rate{date}){edited}",
        p.currency,
        f.decimal(x.rate, 6)
    )
}

/// The lines of [`explain`] that apply to these settings, for a document that leaves out what
/// does not: nothing about packs without packs, nothing about pay-as-you-go's cost without it,
/// and the unserved credits only when there are some.
///
/// ```
/// use agent_credits::capacity::{bill, explain_applicable, BillingSettings, LIST_PRICES_USD};
/// use agent_credits::format::NumberFormat;
/// use agent_credits::rating::Credits;
/// use rust_decimal::Decimal;
/// let s = BillingSettings::default(); // no packs, pay-as-you-go
/// let b = bill(Credits::new(Decimal::from(6380)), &s, &LIST_PRICES_USD).unwrap();
/// let lines = explain_applicable(&b, &s, &LIST_PRICES_USD, &NumberFormat::en());
/// assert_eq!(lines, [
///     "Pay-as-you-go: 6,380 credits past prepaid = 6,380 credits",
///     "Pay-as-you-go: 6,380 credits × 0.01 = 63.80 USD",
///     "Total: 0.00 + 63.80 = 63.80 USD a month",
/// ]);
/// ```
pub fn explain_applicable(
    bill: &Bill,
    s: &BillingSettings,
    p: &Prices,
    f: &NumberFormat,
) -> Vec<String> {
    let packs = s.packs > 0;
    // One flag per line of `explain`, in its order (the exchange rate's line first, if any).
    let applies = [
        p.exchange.is_some(),
        packs,
        packs,
        true,
        !bill.unserved.amount().is_zero(),
        packs,
        s.payg,
        true,
    ];
    let skip = usize::from(p.exchange.is_none());
    explain(bill, s, p, f)
        .into_iter()
        .zip(applies.into_iter().skip(skip))
        .filter_map(|(line, keep)| keep.then_some(line))
        .collect()
}

/// How the month ends for the agents, in one sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Stable key: `served`, `grace` (served, but out of compliance) or `stops`.
    pub kind: &'static str,
    /// The sentence.
    pub text: String,
}

/// The month's outcome for `bill`.
///
/// ```
/// use agent_credits::capacity::{bill, outcome, BillingSettings, LIST_PRICES_USD};
/// use agent_credits::format::NumberFormat;
/// use agent_credits::rating::Credits;
/// use rust_decimal::Decimal;
/// let s = BillingSettings { packs: 1, payg: false, ..BillingSettings::default() };
/// let b = bill(Credits::new(Decimal::from(40_000)), &s, &LIST_PRICES_USD).unwrap();
/// let o = outcome(&b, &s, &NumberFormat::en());
/// assert_eq!(o.kind, "stops");
/// assert!(o.text.starts_with("The agents stop on day 24 of 30"), "{}", o.text);
/// ```
pub fn outcome(bill: &Bill, s: &BillingSettings, f: &NumberFormat) -> Outcome {
    if let Some(day) = bill.stop_day {
        let why = if s.payg {
            "the pay-as-you-go budget is spent"
        } else {
            "prepaid capacity and its grace margin are used up"
        };
        return Outcome {
            kind: "stops",
            text: format!(
                "The agents stop on day {day} of {}: {why}. {} {} unserved, {} % of the \
                 month's runs, until capacity is added or the month resets.",
                s.days,
                f.credits_noun(bill.unserved.amount()),
                plural(bill.unserved.amount(), "goes", "go"),
                f.decimal(bill.unserved_share * rust_decimal::Decimal::ONE_HUNDRED, 1)
            ),
        };
    }
    if bill.overage.amount() > rust_decimal::Decimal::ZERO {
        return Outcome {
            kind: "grace",
            text: format!(
                "Everything is served, but {} {} in grace overage past prepaid \
                 capacity: unbilled, yet the tenant is out of compliance. Add a pack or turn on \
                 pay-as-you-go.",
                f.credits_noun(bill.overage.amount()),
                plural(bill.overage.amount(), "runs", "run")
            ),
        };
    }
    let how = match (
        bill.prepaid_used.amount().is_zero(),
        bill.payg.amount().is_zero(),
    ) {
        (_, true) if bill.demand.amount().is_zero() => "nothing is used",
        (false, true) => "prepaid capacity covers the month",
        (true, false) => "pay-as-you-go covers the month",
        _ => "prepaid capacity first, then pay-as-you-go",
    };
    Outcome {
        kind: "served",
        text: format!("Every run is served all month: {how}."),
    }
}
