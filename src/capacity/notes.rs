//! What a cost on screen hides, said beside it: runs left unserved by the month's bill or by
//! "your settings" over the year, and what happens once an environment's prepaid capacity ends.
//! Words only; every number comes from the bill, the year or the allocation.

use rust_decimal::Decimal;

use super::bill::{Bill, BillingSettings};
use super::tenant::Allocation;
use super::year::Year;
use crate::format::{plural, NumberFormat};

/// Beside a month's cost that leaves runs unserved: how many, and when the agents stop, so the
/// cost is never read as the price of the whole month. `None` when every run is served.
///
/// ```
/// use agent_credits::capacity::{bill, unserved_note, BillingSettings, LIST_PRICES_USD};
/// use agent_credits::format::NumberFormat;
/// use agent_credits::rating::Credits;
/// use rust_decimal::Decimal;
/// let s = BillingSettings { packs: 1, payg: false, ..BillingSettings::default() };
/// let b = bill(Credits::new(Decimal::from(40_000)), &s, &LIST_PRICES_USD).unwrap();
/// assert_eq!(
///     unserved_note(&b, &NumberFormat::en()).unwrap(),
///     "Leaves 8,750 credits unserved (21.9 % of the month's runs): the agents stop on day 24. \
///      This cost does not buy the whole month."
/// );
/// ```
pub fn unserved_note(bill: &Bill, f: &NumberFormat) -> Option<String> {
    let unserved = bill.unserved.amount();
    if unserved <= Decimal::ZERO {
        return None;
    }
    let stop = bill
        .stop_day
        .map(|d| format!(": the agents stop on day {d}"))
        .unwrap_or_default();
    Some(format!(
        "Leaves {} unserved ({} % of the month's runs){stop}. This cost does not buy the whole \
         month.",
        f.credits_noun(unserved),
        f.decimal(bill.unserved_share * Decimal::ONE_HUNDRED, 1),
    ))
}

/// Beside "your settings" over twelve months, when they leave runs unserved: they look cheap
/// only because the agents stop. `None` when every month is served.
pub fn year_unserved_note(year: &Year, f: &NumberFormat) -> Option<String> {
    let unserved = year.yours_unserved.amount();
    if unserved <= Decimal::ZERO {
        return None;
    }
    let months = year
        .months
        .iter()
        .filter(|m| m.yours.unserved.amount() > Decimal::ZERO)
        .count();
    let months = if months == 1 {
        "1 month".to_string()
    } else {
        format!("{months} months")
    };
    Some(format!(
        "Your settings leave {} unserved over the year, in {months}: they cost less only because \
         the agents stop. Compare the other lines, which serve every run.",
        f.credits_noun(unserved)
    ))
}

/// What the environments' split means for the month: who runs out of prepaid capacity, on which
/// day, and what serves the rest, in the terms of the tenant's bill (pay-as-you-go takes over,
/// grace overage, or the agents stop). "First" only where several run out.
pub fn allocation_note(
    a: &Allocation,
    bill: &Bill,
    s: &BillingSettings,
    f: &NumberFormat,
) -> String {
    let Some(first) = a.first_short else {
        return if a.consumers.len() == 1 {
            "Prepaid capacity lasts the month.".to_string()
        } else {
            "Every environment's prepaid capacity lasts the month.".to_string()
        };
    };
    let c = &a.consumers[first];
    let who = c.name.as_deref().unwrap_or("Other services");
    let day = c.runs_out_day.unwrap_or_default();
    let short = a
        .consumers
        .iter()
        .filter(|c| c.runs_out_day.is_some())
        .count();
    let past: Decimal = a.consumers.iter().map(|c| c.short.amount()).sum();
    let when = if short > 1 {
        format!("{who} runs out of prepaid capacity first, on day {day} ({short} run out)")
    } else {
        format!("{who} runs out of prepaid capacity on day {day}")
    };
    let served = bill.unserved.amount().is_zero();
    let after = match (s.payg, served) {
        (true, true) => "pay-as-you-go takes over and serves them",
        (true, false) => {
            "pay-as-you-go takes over until its budget is spent, then runs go unserved"
        }
        (false, true) => "they run in grace overage: served, unbilled, out of compliance",
        (false, false) => "grace overage serves some, then the agents stop",
    };
    let mut text = format!("{when}. The {} past it: {after}.", f.credits_noun(past));
    let stranded = a.stranded.amount();
    if stranded > Decimal::ZERO {
        text.push_str(&format!(
            " Meanwhile {} allocated {} unused elsewhere: move {}.",
            f.credits_noun(stranded),
            plural(stranded, "sits", "sit"),
            plural(stranded, "it", "them")
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capacity::{allocate, bill, Environment, Tenant, LIST_PRICES_USD};
    use crate::rating::Credits;

    fn en() -> NumberFormat {
        NumberFormat::en()
    }

    #[test]
    fn a_served_month_needs_no_note() {
        let b = bill(
            Credits::new(Decimal::from(6380)),
            &BillingSettings::default(),
            &LIST_PRICES_USD,
        )
        .unwrap();
        assert_eq!(unserved_note(&b, &en()), None);
    }

    #[test]
    fn one_environment_is_never_first_and_pay_as_you_go_takes_over() {
        let s = BillingSettings {
            packs: 1,
            ..BillingSettings::default()
        };
        let demand = Credits::new(Decimal::from(40_000));
        let b = bill(demand, &s, &LIST_PRICES_USD).unwrap();
        let a = allocate(demand, b.prepaid, &Tenant::default(), s.days).unwrap();
        let note = allocation_note(&a, &b, &s, &en());
        assert!(!note.contains("first"), "{note}");
        assert!(
            note.contains("pay-as-you-go takes over and serves them"),
            "{note}"
        );
    }

    #[test]
    fn several_short_environments_name_the_first() {
        let s = BillingSettings {
            packs: 1,
            payg: false,
            ..BillingSettings::default()
        };
        let tenant = Tenant {
            environments: vec![
                Environment {
                    name: "Production".into(),
                    share: Decimal::from(50),
                    allocated: None,
                },
                Environment {
                    name: "Sandbox".into(),
                    share: Decimal::from(50),
                    allocated: None,
                },
            ],
            ..Tenant::default()
        };
        let demand = Credits::new(Decimal::from(40_000));
        let b = bill(demand, &s, &LIST_PRICES_USD).unwrap();
        let a = allocate(demand, b.prepaid, &tenant, s.days).unwrap();
        let note = allocation_note(&a, &b, &s, &en());
        assert!(note.contains("first, on day"), "{note}");
        assert!(note.contains("(2 run out)"), "{note}");
        assert!(note.contains("the agents stop"), "{note}");
    }

    #[test]
    fn one_credit_is_singular() {
        let s = BillingSettings {
            packs: 0,
            payg: false,
            ..BillingSettings::default()
        };
        let b = bill(Credits::new(Decimal::ONE), &s, &LIST_PRICES_USD).unwrap();
        let note = unserved_note(&b, &en()).unwrap();
        assert!(note.starts_with("Leaves 1 credit unserved"), "{note}");
    }
}
