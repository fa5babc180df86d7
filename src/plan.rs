//! A plan: the whole estimate a person works on, saves and shares. The agents' workload and how
//! the tenant pays are kept side by side here so neither core depends on the other.

use serde::{Deserialize, Serialize};

use crate::capacity::{Billing, BillingError};
use crate::rating::{RatingError, Workload};

/// Everything an estimate holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// The agents and their volumes.
    pub workload: Workload,
    /// Packs, pay-as-you-go, prices, environments, billing policies.
    #[serde(default)]
    pub billing: Billing,
    /// The estimate's name, parties, date and notes (a proposal's heading).
    #[serde(default, skip_serializing_if = "About::is_empty")]
    pub about: About,
}

/// What a partner writes at the top of an estimate they send: plain text, cut to sane lengths.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct About {
    /// Its title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// Prepared for (the customer).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prepared_for: String,
    /// Prepared by (the partner).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prepared_by: String,
    /// Its date, `YYYY-MM-DD`; empty: today, wherever it is read.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// Notes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

/// The longest title or party kept, in characters.
pub const MAX_LINE: usize = 120;
/// The longest notes kept, in characters.
pub const MAX_NOTES: usize = 1000;

/// The fields of [`About`] by their key (`estimate.KEY`), in page order.
pub const ABOUT_KEYS: [&str; 5] = ["title", "for", "by", "date", "notes"];

/// Why a value cannot be an estimate's date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadDate;

impl std::fmt::Display for BadDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Enter a date as YYYY-MM-DD, like 2026-11-24, or leave it empty for today.")
    }
}

impl About {
    /// Whether nothing is written.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Its date, or `today` when it has none (an estimate without a date is dated wherever it is
    /// read).
    pub fn date_or<'a>(&'a self, today: &'a str) -> &'a str {
        if self.date.is_empty() {
            today
        } else {
            &self.date
        }
    }

    /// The field with key `key` (see [`ABOUT_KEYS`]).
    pub fn get(&self, key: &str) -> Option<&str> {
        Some(match key {
            "title" => &self.title,
            "for" => &self.prepared_for,
            "by" => &self.prepared_by,
            "date" => &self.date,
            "notes" => &self.notes,
            _ => return None,
        })
    }

    /// Sets the field with key `key` to `value`, cut to its length; `Ok(false)` for a key it
    /// does not have.
    ///
    /// # Errors
    /// [`BadDate`] for a date that is neither empty nor a real `YYYY-MM-DD`.
    ///
    /// ```
    /// use agent_credits::plan::About;
    /// let mut a = About::default();
    /// assert_eq!(a.set("title", "Agents for Contoso"), Ok(true));
    /// assert!(a.set("date", "2026-02-30").is_err());
    /// assert_eq!(a.set("date", " 2026-11-24 "), Ok(true));
    /// assert_eq!(a.date, "2026-11-24");
    /// assert_eq!(a.set("colour", "blue"), Ok(false));
    /// ```
    pub fn set(&mut self, key: &str, value: &str) -> Result<bool, BadDate> {
        let line = |v: &str| v.trim().chars().take(MAX_LINE).collect::<String>();
        match key {
            "title" => self.title = line(value),
            "for" => self.prepared_for = line(value),
            "by" => self.prepared_by = line(value),
            "date" => {
                let v = value.trim();
                if !v.is_empty() && !is_date(v) {
                    return Err(BadDate);
                }
                self.date = v.to_string();
            }
            "notes" => self.notes = value.chars().take(MAX_NOTES).collect(),
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Checks an `About` from storage or a file.
    fn valid(&self) -> bool {
        let short = |s: &str| s.chars().count() <= MAX_LINE;
        short(&self.title)
            && short(&self.prepared_for)
            && short(&self.prepared_by)
            && (self.date.is_empty() || is_date(&self.date))
            && self.notes.chars().count() <= MAX_NOTES
    }
}

/// Whether `s` is a real calendar date written `YYYY-MM-DD` (years 2000 to 2999).
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|t| t.parse::<u32>().ok());
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    if !s
        .bytes()
        .enumerate()
        .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        return false;
    }
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (2000..3000).contains(&y) && (1..=days).contains(&d)
}

/// Why a plan from storage or a file can't be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanError {
    /// The workload is invalid.
    Rating(RatingError),
    /// The billing settings are invalid.
    Billing(BillingError),
    /// The title, parties, date or notes are too long, or the date is not one.
    About,
}

impl std::fmt::Display for PlanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Rating(e) => e.fmt(f),
            Self::Billing(e) => e.fmt(f),
            Self::About => f.write_str("the estimate's title, parties, date or notes are invalid"),
        }
    }
}

impl std::error::Error for PlanError {}

impl Plan {
    /// A plan of `workload` at the default billing settings.
    pub fn of(workload: Workload) -> Self {
        Self {
            workload,
            billing: Billing::default(),
            about: About::default(),
        }
    }

    /// Checks data that did not come through the page's validated fields.
    ///
    /// # Errors
    /// The first problem found.
    pub fn validate(&self) -> Result<(), PlanError> {
        self.workload.validate().map_err(PlanError::Rating)?;
        if !self.about.valid() {
            return Err(PlanError::About);
        }
        self.billing.validate().map_err(PlanError::Billing)
    }
}
