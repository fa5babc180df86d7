//! Validated inputs: what a person may type into a field, and why a value is refused.

use std::fmt;

use rust_decimal::Decimal;

use crate::format::NumberFormat;

/// A field people type a number into, as data: what it is called, how it is explained, what it
/// accepts. One definition serves every place the field appears (the page draws them all with
/// one component).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// The label.
    pub label: &'static str,
    /// One line of help under the field.
    pub help: &'static str,
    /// The unit after the field; empty where the page supplies one (a currency, a scenario's
    /// unit).
    pub unit: &'static str,
    /// What it accepts.
    pub kind: InputKind,
    /// Whether an empty field is a valid "none".
    pub optional: bool,
}

impl Field {
    /// The low or high value of an input of `kind` in `unit` (ranges): optional, empty meaning
    /// the same as expected.
    pub const fn bound(bound: super::Bound, unit: &'static str, kind: InputKind) -> Self {
        Self {
            label: match bound {
                super::Bound::Low => "Low",
                super::Bound::High => "High",
            },
            help: "",
            unit,
            kind,
            optional: true,
        }
    }
}

/// What kind of quantity an input holds, with its limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// A non-negative whole number up to `max` (runs per month, lines per document).
    Count {
        /// The largest accepted value; beyond it an estimate is no longer meaningful.
        max: u64,
    },
    /// A share of runs, 0 to 100 percent, with up to [`PERCENT_PLACES`] decimals.
    Percent,
    /// A decimal quantity from `min` to `max` with up to `places` decimals (a price, a budget, an
    /// enforcement threshold in percent).
    Amount {
        /// The smallest accepted value.
        min: u64,
        /// The largest accepted value.
        max: u64,
        /// Decimal places accepted.
        places: u32,
    },
}

/// Decimal places accepted in a percentage (12.5 % is fine, 12.3456789 % is noise).
pub const PERCENT_PLACES: u32 = 4;

/// Longest text a field accepts before parsing; no valid value is anywhere near it.
const MAX_TEXT_LEN: usize = 40;

/// Why a typed value is refused. Every variant has a message meant for the person typing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputError {
    /// The field is empty.
    Empty,
    /// The text is not a number (letters, stray symbols, several decimal marks).
    NotANumber,
    /// The number is written with an exponent, like `1e400`.
    Exponent,
    /// The number is below zero.
    Negative,
    /// A count has a fractional part.
    NotWhole,
    /// A count is larger than its input allows.
    TooLarge {
        /// The largest accepted value.
        max: u64,
    },
    /// A percentage is above 100.
    AboveHundredPercent,
    /// The number has more decimals than the input accepts.
    TooPrecise {
        /// Decimal places accepted.
        places: u32,
    },
    /// An amount is below its input's minimum.
    TooSmall {
        /// The smallest accepted value.
        min: u64,
    },
    /// A low value above the expected one (ranges: low ≤ expected ≤ high).
    LowAboveExpected {
        /// The expected value.
        expected: Decimal,
    },
    /// A high value below the expected one.
    HighBelowExpected {
        /// The expected value.
        expected: Decimal,
    },
    /// An expected value below the low one set for it.
    BelowLow {
        /// The low value.
        low: Decimal,
    },
    /// An expected value above the high one set for it.
    AboveHigh {
        /// The high value.
        high: Decimal,
    },
    /// A case's weight in the expected cost that, with the other weight, passes 100 %.
    WeightsAboveHundred {
        /// The other case's weight.
        other: Decimal,
    },
    /// A share of light or medium tasks that, with the other, passes 100 %.
    MixAboveHundred {
        /// The other share.
        other: Decimal,
    },
}

impl InputError {
    /// The message shown next to the field, with numbers in the reader's format.
    pub fn message(&self, fmt: &NumberFormat) -> String {
        match self {
            Self::Empty => "Enter a number.".into(),
            Self::NotANumber => "Enter a number using digits, like 250.".into(),
            Self::Exponent => "Write the number out in digits, without an exponent.".into(),
            Self::Negative => "Enter zero or more; a count can't be negative.".into(),
            Self::NotWhole => "Enter a whole number.".into(),
            Self::TooLarge { max } => {
                format!("Enter at most {}.", fmt.credits(Decimal::from(*max)))
            }
            Self::AboveHundredPercent => "Enter a percentage from 0 to 100.".into(),
            Self::TooPrecise { places: 0 } => "Enter a whole number.".into(),
            Self::TooPrecise { places } => format!("Use at most {places} decimal places."),
            Self::TooSmall { min } => {
                format!("Enter at least {}.", fmt.credits(Decimal::from(*min)))
            }
            Self::LowAboveExpected { expected } => format!(
                "The low value can't be above the expected value, {}.",
                fmt.credits(*expected)
            ),
            Self::HighBelowExpected { expected } => format!(
                "The high value can't be below the expected value, {}.",
                fmt.credits(*expected)
            ),
            Self::BelowLow { low } => format!(
                "Enter at least the low value, {}, or lower that first.",
                fmt.credits(*low)
            ),
            Self::AboveHigh { high } => format!(
                "Enter at most the high value, {}, or raise that first.",
                fmt.credits(*high)
            ),
            Self::WeightsAboveHundred { other } => format!(
                "With the other case at {} %, enter at most {} %: the expected case takes the \
                 rest.",
                fmt.decimal(*other, 2),
                fmt.decimal(Decimal::ONE_HUNDRED - *other, 2)
            ),
            Self::MixAboveHundred { other } => format!(
                "With {} % of the other kind, enter at most {} %: heavy tasks are the rest.",
                fmt.decimal(*other, 2),
                fmt.decimal(Decimal::ONE_HUNDRED - *other, 2)
            ),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(&NumberFormat::en()))
    }
}

impl std::error::Error for InputError {}

impl InputKind {
    /// Parses what a person typed, in their locale's number format.
    ///
    /// Spaces and the locale's group separator are ignored (`1,000` and `1 000` are a thousand in
    /// English); the locale's decimal mark is accepted, and so is `.`.
    ///
    /// # Errors
    /// An [`InputError`] saying what is wrong, never a panic, whatever the text.
    ///
    /// ```
    /// use agent_credits::format::NumberFormat;
    /// use agent_credits::rating::{InputError, InputKind};
    /// let count = InputKind::Count { max: 1_000 };
    /// assert_eq!(count.parse("1,000", &NumberFormat::en()).unwrap().to_string(), "1000");
    /// assert_eq!(count.parse("-5", &NumberFormat::en()), Err(InputError::Negative));
    /// assert_eq!(InputKind::Percent.parse("250", &NumberFormat::en()), Err(InputError::AboveHundredPercent));
    /// ```
    pub fn parse(self, text: &str, fmt: &NumberFormat) -> Result<Decimal, InputError> {
        match parse_number(text, fmt) {
            Ok(value) => self.check(value),
            Err(Unreadable::Invalid(e)) => Err(e),
            Err(Unreadable::Huge) => Err(self.too_large()),
        }
    }

    fn too_large(self) -> InputError {
        match self {
            Self::Count { max } | Self::Amount { max, .. } => InputError::TooLarge { max },
            Self::Percent => InputError::AboveHundredPercent,
        }
    }

    /// Checks a value that is already a number (from a link or saved state) against the limits.
    ///
    /// # Errors
    /// The same [`InputError`]s as [`InputKind::parse`] for the value's range and precision.
    pub fn check(self, value: Decimal) -> Result<Decimal, InputError> {
        if value.is_sign_negative() && !value.is_zero() {
            return Err(InputError::Negative);
        }
        let value = value.abs().normalize();
        match self {
            Self::Count { max } => {
                if !value.fract().is_zero() {
                    return Err(InputError::NotWhole);
                }
                if value > Decimal::from(max) {
                    return Err(InputError::TooLarge { max });
                }
            }
            Self::Percent => {
                if value > Decimal::ONE_HUNDRED {
                    return Err(InputError::AboveHundredPercent);
                }
                if value.scale() > PERCENT_PLACES {
                    return Err(InputError::TooPrecise {
                        places: PERCENT_PLACES,
                    });
                }
            }
            Self::Amount { min, max, places } => {
                if value > Decimal::from(max) {
                    return Err(InputError::TooLarge { max });
                }
                if value < Decimal::from(min) {
                    return Err(InputError::TooSmall { min });
                }
                if value.scale() > places {
                    return Err(InputError::TooPrecise { places });
                }
            }
        }
        Ok(value)
    }
}

/// Why text is not a number: a plain error, or digits too many for any limit.
enum Unreadable {
    Invalid(InputError),
    Huge,
}

impl From<InputError> for Unreadable {
    fn from(e: InputError) -> Self {
        Self::Invalid(e)
    }
}

/// Reads a plain decimal number, tolerant of the ways people write one.
fn parse_number(text: &str, fmt: &NumberFormat) -> Result<Decimal, Unreadable> {
    let text = text.trim();
    if text.is_empty() {
        return Err(InputError::Empty.into());
    }
    if text.chars().count() > MAX_TEXT_LEN {
        return Err(if text.chars().all(|c| c.is_ascii_digit()) {
            Unreadable::Huge
        } else {
            InputError::NotANumber.into()
        });
    }
    let mut plain = String::with_capacity(text.len());
    let group = fmt.group_separator();
    let decimal = fmt.decimal_separator();
    let mut rest = text;
    while let Some(ch) = rest.chars().next() {
        if !group.is_empty() && rest.starts_with(group) && group != "." {
            rest = &rest[group.len()..];
            continue;
        }
        if rest.starts_with(decimal) {
            plain.push('.');
            rest = &rest[decimal.len()..];
            continue;
        }
        match ch {
            ' ' | '\u{a0}' | '\u{202f}' | '\'' | '_' => {}
            // A dot is a group mark where the locale groups with dots ("1.000" in German).
            '.' if group == "." => {}
            '0'..='9' | '.' | '-' | '+' => plain.push(ch),
            'e' | 'E' => return Err(exponent_or_garbage(text).into()),
            _ => return Err(InputError::NotANumber.into()),
        }
        rest = &rest[ch.len_utf8()..];
    }
    let unsigned = plain.strip_prefix(['-', '+']).unwrap_or(&plain);
    if unsigned.is_empty()
        || unsigned == "."
        || unsigned.contains(['-', '+'])
        || unsigned.matches('.').count() > 1
    {
        return Err(InputError::NotANumber.into());
    }
    // Not `str::parse`: rust_decimal's `FromStr` falls back to its scientific-notation parser,
    // which would ride in the page's first download for text that never has an exponent here.
    match Decimal::from_str_exact(&plain) {
        Ok(value) => Ok(value),
        // Digits only, yet unparseable: more digits than a decimal holds.
        Err(_) if plain.starts_with('-') => Err(InputError::Negative.into()),
        // Too many decimals: the first ones that fit say whether the input's own places are
        // exceeded (as `FromStr`'s rounding did: "1.000…0" is 1, "0.123…" too precise).
        Err(_) => match plain.split_once('.') {
            Some((int, frac)) => {
                let keep = 28usize.saturating_sub(int.len()).min(frac.len());
                Decimal::from_str_exact(&format!("{int}.{}", &frac[..keep]))
                    .map_err(|_| Unreadable::Huge)
            }
            None => Err(Unreadable::Huge),
        },
    }
}

fn exponent_or_garbage(text: &str) -> InputError {
    let mut parts = text.splitn(2, ['e', 'E']);
    let mantissa = parts.next().unwrap_or_default();
    let exponent = parts.next().unwrap_or_default();
    let numeric = |s: &str| {
        let s = s.strip_prefix(['-', '+']).unwrap_or(s);
        !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.')
    };
    if numeric(mantissa) && numeric(exponent) {
        InputError::Exponent
    } else {
        InputError::NotANumber
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COUNT: InputKind = InputKind::Count { max: 10_000 };
    const AMOUNT: InputKind = InputKind::Amount {
        min: 100,
        max: 1000,
        places: 2,
    };

    /// More decimals than a decimal holds: judged by the ones that fit, never "too large".
    #[test]
    fn very_long_decimals() {
        let en = NumberFormat::en();
        let long = "100.12345678901234567890123456789012";
        assert_eq!(
            AMOUNT.parse(long, &en),
            Err(InputError::TooPrecise { places: 2 })
        );
        assert_eq!(
            InputKind::Percent.parse("1.00000000000000000000000000000000", &en),
            Ok(Decimal::ONE)
        );
        let tiny = "0.0000000000000000000000000000001";
        assert_eq!(InputKind::Percent.parse(tiny, &en), Ok(Decimal::ZERO));
        assert_eq!(
            COUNT.parse("79228162514264337593543950336", &en),
            Err(InputError::TooLarge { max: 10_000 })
        );
    }

    #[test]
    fn accepts_what_people_type() {
        let en = NumberFormat::en();
        let cases = [
            (COUNT, "100", "100"),
            (COUNT, " 100 ", "100"),
            (COUNT, "1,000", "1000"),
            (COUNT, "1 000", "1000"),
            (COUNT, "10000", "10000"),
            (COUNT, "0", "0"),
            (COUNT, "5.0", "5"),
            (COUNT, "+7", "7"),
            (COUNT, "-0", "0"),
            (InputKind::Percent, "40", "40"),
            (InputKind::Percent, "12.5", "12.5"),
            (InputKind::Percent, "100", "100"),
            (InputKind::Percent, "0", "0"),
            (InputKind::Percent, ".5", "0.5"),
            (AMOUNT, "125", "125"),
            (AMOUNT, "100.50", "100.5"),
            (AMOUNT, "1,000", "1000"),
        ];
        for (kind, text, want) in cases {
            let got = kind.parse(text, &en).map(|d| d.to_string());
            assert_eq!(got.as_deref(), Ok(want), "{kind:?} parse {text:?}");
        }
    }

    #[test]
    fn refuses_bad_values_with_a_reason() {
        let en = NumberFormat::en();
        let cases = [
            (COUNT, "", InputError::Empty),
            (COUNT, "   ", InputError::Empty),
            (COUNT, "-5", InputError::Negative),
            (COUNT, "abc", InputError::NotANumber),
            (COUNT, "12abc", InputError::NotANumber),
            (COUNT, "1.2.3", InputError::NotANumber),
            (COUNT, "--5", InputError::NotANumber),
            (COUNT, "5-", InputError::NotANumber),
            (COUNT, ".", InputError::NotANumber),
            (COUNT, "NaN", InputError::NotANumber),
            (COUNT, "∞", InputError::NotANumber),
            (COUNT, "1e400", InputError::Exponent),
            (COUNT, "1E3", InputError::Exponent),
            (COUNT, "e", InputError::NotANumber),
            (COUNT, "2.5", InputError::NotWhole),
            (COUNT, "10001", InputError::TooLarge { max: 10_000 }),
            (COUNT, "999999999999", InputError::TooLarge { max: 10_000 }),
            (
                COUNT,
                "99999999999999999999999999999999999",
                InputError::TooLarge { max: 10_000 },
            ),
            (InputKind::Percent, "250", InputError::AboveHundredPercent),
            (
                InputKind::Percent,
                "100.01",
                InputError::AboveHundredPercent,
            ),
            (InputKind::Percent, "-1", InputError::Negative),
            (
                InputKind::Percent,
                "12.345678",
                InputError::TooPrecise { places: 4 },
            ),
            (AMOUNT, "99", InputError::TooSmall { min: 100 }),
            (AMOUNT, "1000.5", InputError::TooLarge { max: 1000 }),
            (AMOUNT, "125.001", InputError::TooPrecise { places: 2 }),
            (AMOUNT, "-125", InputError::Negative),
            (
                InputKind::Percent,
                "1234567890123456789012345678901234567890",
                InputError::AboveHundredPercent,
            ),
        ];
        for (kind, text, want) in cases {
            assert_eq!(kind.parse(text, &en), Err(want), "{kind:?} parse {text:?}");
        }
    }

    #[test]
    fn reads_the_readers_locale() {
        let de = NumberFormat::from_sample("1.234,5");
        assert_eq!(
            InputKind::Percent.parse("12,5", &de).map(|d| d.to_string()),
            Ok("12.5".into())
        );
        assert_eq!(
            COUNT.parse("1.000", &de).map(|d| d.to_string()),
            Ok("1000".into())
        );
        let fr = NumberFormat::from_sample("1\u{202f}234,5");
        assert_eq!(
            COUNT.parse("1 000", &fr).map(|d| d.to_string()),
            Ok("1000".into())
        );
    }

    #[test]
    fn every_error_has_a_message() {
        let en = NumberFormat::en();
        let all = [
            InputError::Empty,
            InputError::NotANumber,
            InputError::Exponent,
            InputError::Negative,
            InputError::NotWhole,
            InputError::TooLarge { max: 100_000_000 },
            InputError::AboveHundredPercent,
            InputError::TooPrecise { places: 4 },
            InputError::TooPrecise { places: 0 },
            InputError::TooSmall { min: 100 },
        ];
        for e in all {
            let m = e.message(&en);
            assert!(m.ends_with('.') && m.len() > 10, "{e:?}: {m}");
        }
        assert_eq!(
            InputError::TooLarge { max: 100_000_000 }.to_string(),
            "Enter at most 100,000,000."
        );
    }
}
