//! Exports: the estimate as a document (Markdown, HTML for the clipboard and print, plain text),
//! as CSV for a spreadsheet, and as JSON that imports back.
//!
//! The JSON is the saved-estimate format ([`crate::saved`]): one schema for storage, files and
//! the compact link parameter's fields, with the same migrations on the way in.

mod csv;
mod document;
mod render;

pub use csv::{csv, CSV_HEADER};
pub use document::{document, Cell, Document, Source, Table, UNTITLED};
pub use render::{html, markdown, text};

use crate::plan::Plan;

/// A file name for an export: the estimate's title (letters and digits, words joined by `-`,
/// at most 60 characters) or "copilot-credits-estimate", then its date, then `ext`.
///
/// ```
/// use agent_credits::export::file_name;
/// assert_eq!(file_name("Agents for Contoso, phase 2!", "2026-11-24", "csv"), "agents-for-contoso-phase-2-2026-11-24.csv");
/// assert_eq!(file_name("", "2026-11-24", "md"), "copilot-credits-estimate-2026-11-24.md");
/// assert_eq!(file_name("Ü", "", "json"), "ü.json");
/// ```
pub fn file_name(title: &str, date: &str, ext: &str) -> String {
    let mut slug = String::new();
    for word in title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let word = word.to_lowercase();
        if slug.chars().count() + word.chars().count() + 1 > 60 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word);
    }
    if slug.is_empty() {
        slug.push_str("copilot-credits-estimate");
    }
    if !date.is_empty() {
        slug.push('-');
        slug.push_str(date);
    }
    format!("{slug}.{ext}")
}

/// The estimate as a JSON file that [`import`] reads back.
pub fn json(plan: &Plan) -> String {
    crate::saved::encode(plan)
}

/// Reads an exported JSON file (or a saved value of any known schema).
///
/// # Errors
/// As [`crate::saved::decode`].
pub fn import(text: &str) -> Result<Plan, crate::saved::SavedError> {
    crate::saved::decode(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_round_trips() {
        let mut plan = Plan::default();
        plan.billing.settings.packs = 2;
        assert_eq!(import(&json(&plan)), Ok(plan));
    }
}
