//! Display of numbers: the one place where figures are rounded and grouped for a reader.
//!
//! Everything upstream is exact. Rounding happens here, once, with [`DISPLAY_ROUNDING`], and only
//! for what a person reads; machine-readable values (`data-value`, links, storage) use [`exact`].

use rust_decimal::{Decimal, RoundingStrategy};

/// How figures are rounded for display: half away from zero, the rule people expect on a bill
/// (26.875 shows as 26.88, 0.125 as 0.13).
pub const DISPLAY_ROUNDING: RoundingStrategy = RoundingStrategy::MidpointAwayFromZero;

/// Decimal places shown for credits; credits are exact and often fractional (0.13 per flow action).
pub const CREDIT_PLACES: u32 = 2;

/// The exact value in its shortest plain form: no grouping, no unit, no trailing zeros.
///
/// ```
/// use rust_decimal::Decimal;
/// assert_eq!(agent_credits::format::exact(Decimal::new(268750, 2)), "2687.5");
/// assert_eq!(agent_credits::format::exact(Decimal::new(118000, 2)), "1180");
/// ```
pub fn exact(value: Decimal) -> String {
    value.normalize().to_string()
}

/// The noun to write after a count, as the reader sees the count: `one` when it shows as 1
/// (rounded for display to [`CREDIT_PLACES`], so 1.001 too), `many` otherwise: "0 credits",
/// "1 credit", "1.5 credits".
///
/// ```
/// use agent_credits::format::plural;
/// use rust_decimal::Decimal;
/// assert_eq!(plural(Decimal::ONE, "credit", "credits"), "credit");
/// assert_eq!(plural(Decimal::new(15, 1), "credit", "credits"), "credits");
/// assert_eq!(plural(Decimal::from(3), "step", "steps"), "steps");
/// ```
pub fn plural<'a>(count: Decimal, one: &'a str, many: &'a str) -> &'a str {
    if count.round_dp_with_strategy(CREDIT_PLACES, DISPLAY_ROUNDING) == Decimal::ONE {
        one
    } else {
        many
    }
}

/// A unit written after a count, in the singular when the count shows as 1: the page's units are
/// plural English nouns ("credits", "packs", "Copilot Credits"), so the singular drops the final
/// "s". Units that are not plural nouns ("USD", "% of capacity") are left alone.
///
/// ```
/// use agent_credits::format::counted;
/// use rust_decimal::Decimal;
/// assert_eq!(counted("credits", Decimal::ONE), "credit");
/// assert_eq!(counted("Copilot Credits", Decimal::ONE), "Copilot Credit");
/// assert_eq!(counted("credits", Decimal::TWO), "credits");
/// assert_eq!(counted("USD", Decimal::ONE), "USD");
/// ```
pub fn counted(unit: &str, count: Decimal) -> &str {
    match unit.strip_suffix('s') {
        Some(one) if !one.is_empty() && !one.ends_with('s') => plural(count, one, unit),
        _ => unit,
    }
}

/// The reader's number conventions: the digit-group and decimal separators of their locale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumberFormat {
    group: String,
    decimal: String,
}

impl Default for NumberFormat {
    fn default() -> Self {
        Self::en()
    }
}

impl NumberFormat {
    /// English conventions: `1,234.5`.
    pub fn en() -> Self {
        Self {
            group: ",".into(),
            decimal: ".".into(),
        }
    }

    /// Learns the separators from how the locale writes 1234.5 (e.g. `"1.234,5"`, `"1 234,5"`).
    ///
    /// Anything unexpected falls back to English, so a strange locale can never break the page.
    ///
    /// ```
    /// use agent_credits::format::NumberFormat;
    /// let de = NumberFormat::from_sample("1.234,5");
    /// assert_eq!(de.credits(rust_decimal::Decimal::new(26875, 1)), "2.687,5");
    /// ```
    pub fn from_sample(sample: &str) -> Self {
        let inner: Vec<char> = sample.chars().filter(|c| !c.is_ascii_digit()).collect();
        let starts_right = sample.starts_with('1') && sample.ends_with('5');
        match inner.as_slice() {
            [decimal] if starts_right => Self {
                group: String::new(),
                decimal: decimal.to_string(),
            },
            [group, decimal] if starts_right && group != decimal => Self {
                group: group.to_string(),
                decimal: decimal.to_string(),
            },
            _ => Self::en(),
        }
    }

    /// The decimal separator, for parsing what the reader types.
    pub fn decimal_separator(&self) -> &str {
        &self.decimal
    }

    /// The digit-group separator (may be empty), for parsing what the reader types.
    pub fn group_separator(&self) -> &str {
        &self.group
    }

    /// Credits for reading: grouped, at most [`CREDIT_PLACES`] decimals, no trailing zeros.
    pub fn credits(&self, value: Decimal) -> String {
        self.decimal(value, CREDIT_PLACES)
    }

    /// Credits for reading with their noun: "1 credit", "2,687.5 credits".
    pub fn credits_noun(&self, value: Decimal) -> String {
        format!(
            "{} {}",
            self.credits(value),
            plural(value, "credit", "credits")
        )
    }

    /// Money for reading: grouped, always two decimals (`1,234.50`).
    pub fn money(&self, value: Decimal) -> String {
        let rounded = value.round_dp_with_strategy(2, DISPLAY_ROUNDING);
        let mut text = self.localise(&format!("{rounded:.2}"));
        if !text.contains(self.decimal.as_str()) {
            text.push_str(&self.decimal);
            text.push_str("00");
        }
        text
    }

    /// Any quantity for reading: grouped, at most `places` decimals, no trailing zeros.
    pub fn decimal(&self, value: Decimal, places: u32) -> String {
        let rounded = value
            .round_dp_with_strategy(places, DISPLAY_ROUNDING)
            .normalize();
        self.localise(&rounded.to_string())
    }

    /// An input's value as the reader would type it: the locale's decimal mark, no grouping.
    pub fn plain(&self, value: Decimal) -> String {
        exact(value).replace('.', &self.decimal)
    }

    fn localise(&self, plain: &str) -> String {
        let (sign, digits) = match plain.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", plain),
        };
        let (int, frac) = match digits.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (digits, None),
        };
        let mut out = String::with_capacity(plain.len() + 8);
        out.push_str(sign);
        for (i, ch) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push_str(&self.group);
            }
            out.push(ch);
        }
        if let Some(frac) = frac {
            out.push_str(&self.decimal);
            out.push_str(frac);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn groups_and_rounds_for_display() {
        let en = NumberFormat::en();
        let cases = [
            ("1180", "1,180"),
            ("5200.00", "5,200"),
            ("2687.5", "2,687.5"),
            ("26.875", "26.88"),
            ("0.125", "0.13"),
            ("-1234567.891", "-1,234,567.89"),
            ("0", "0"),
            ("100", "100"),
        ];
        for (input, shown) in cases {
            assert_eq!(en.credits(d(input)), shown, "credits({input})");
        }
    }

    #[test]
    fn one_is_singular_as_shown() {
        let cases = [
            ("1", "credit"),
            ("1.00", "credit"),
            ("1.004", "credit"),
            ("1.005", "credits"),
            ("0.999", "credit"),
            ("0.994", "credits"),
            ("0.995", "credit"),
            ("0", "credits"),
            ("2", "credits"),
            ("0.5", "credits"),
            ("-1", "credits"),
        ];
        for (count, noun) in cases {
            assert_eq!(
                plural(d(count), "credit", "credits"),
                noun,
                "plural({count})"
            );
        }
        assert_eq!(NumberFormat::en().credits_noun(d("1")), "1 credit");
        assert_eq!(NumberFormat::en().credits_noun(d("1180")), "1,180 credits");
    }

    #[test]
    fn money_always_has_two_places() {
        let en = NumberFormat::en();
        assert_eq!(en.money(d("200")), "200.00");
        assert_eq!(en.money(d("26.875")), "26.88");
        assert_eq!(en.money(d("1234.5")), "1,234.50");
    }

    #[test]
    fn learns_locale_separators() {
        let cases = [
            ("1,234.5", "12,345.5"),
            ("1.234,5", "12.345,5"),
            ("1\u{202f}234,5", "12\u{202f}345,5"),
            ("1234,5", "12345,5"),
            ("garbage", "12,345.5"),
            ("", "12,345.5"),
            ("1,234,5", "12,345.5"),
        ];
        for (sample, shown) in cases {
            let f = NumberFormat::from_sample(sample);
            assert_eq!(f.credits(d("12345.5")), shown, "sample {sample:?}");
        }
    }

    #[test]
    fn exact_is_plain_and_short() {
        assert_eq!(exact(d("11.80")), "11.8");
        assert_eq!(exact(d("0.130")), "0.13");
        assert_eq!(exact(d("1180")), "1180");
    }
}
