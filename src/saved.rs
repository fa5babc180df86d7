//! The saved-estimate format: what local storage holds, versioned, with migrations.
//!
//! Pure: `storage.rs` moves these strings in and out of the browser; everything that decides
//! whether a stored value is usable lives here, where it is tested natively.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::plan::{Plan, PlanError};
use crate::rating::Workload;

/// The newest schema this version writes and reads. Bump it with a migration in [`decode`] when
/// the format changes.
///
/// Schema 4 added low and high values (ranges) to the workload, and the cases' weights in the
/// expected cost to the billing. A plan without either is still written as schema 3, which
/// versions before ranges read in full; one with them is written as schema 4, which those
/// versions keep aside as newer instead of dropping what they do not know.
///
/// Schema 5 added the GitHub Copilot harness to custom agents (a harness and its usage) and the
/// estimate's title, parties, date and notes (`about`). Only a plan with a custom agent that is
/// on that harness or has usage values, or with any of those, is written as schema 5: a version
/// before it would bill that agent's steps on the rate card, or drop the title, instead.
///
/// Schema 6 added the exchange rate that converted the prices from US dollars. Only a plan whose
/// prices have one is written as schema 6: a version before it would keep the converted prices
/// but lose where they came from.
pub const SCHEMA: u32 = 6;

/// The schema of a plan with harness usage or a title, but no exchange rate.
const SCHEMA_WITH_HARNESS: u32 = 5;

/// The schema of a plan without ranges.
const SCHEMA_WITHOUT_RANGES: u32 = 3;

/// The schema of a plan with ranges or weights, but no harness usage.
const SCHEMA_WITH_RANGES: u32 = 4;

/// Why a stored value cannot be used. The caller keeps the text aside rather than deleting it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SavedError {
    /// Not JSON, or not shaped like any schema this version knows.
    Unreadable(String),
    /// Written by a newer version of the app; an older one must not overwrite it.
    Newer {
        /// The schema the value declares.
        schema: u32,
    },
    /// Readable, but its values are outside today's limits or name unknown agents.
    Invalid(PlanError),
}

impl fmt::Display for SavedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unreadable(why) => write!(f, "the saved estimate is unreadable ({why})"),
            Self::Newer { schema } => write!(
                f,
                "the saved estimate was written by a newer version of this page (schema {schema})"
            ),
            Self::Invalid(e) => write!(f, "the saved estimate holds an invalid value ({e})"),
        }
    }
}

impl std::error::Error for SavedError {}

/// What the user was still typing when the estimate was saved: the text of each field (by its
/// public key) whose value was not valid yet. Saved beside the plan, which keeps the last valid
/// values, so a reload shows the same text with the same message instead of taking a value the
/// user passed through on the way (15 on the way to 150) for their answer.
///
/// An optional part of schema 3 (`"drafts": [["payables.lines", "12a"]]`): a version that does
/// not know it ignores it, and loses only the unfinished text. Pairs rather than a map: the
/// page keeps them in its own map, and a second map type costs the first load kilobytes of wasm.
pub type Drafts = Vec<(String, String)>;

/// Unfinished texts kept at most; a field's text is at most [`MAX_DRAFT_LEN`] characters.
pub const MAX_DRAFTS: usize = 200;

/// The longest unfinished text kept.
pub const MAX_DRAFT_LEN: usize = 80;

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    schema: u32,
    plan: &'a Plan,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    drafts: &'a Drafts,
}

/// The envelope, with its payload left as text until the schema says how to read it (one pass
/// of the JSON reader, no intermediate tree).
#[derive(Deserialize)]
struct EnvelopeIn<'a> {
    schema: u32,
    #[serde(borrow, default)]
    plan: Option<&'a RawValue>,
    /// Schema 1 held only the workload.
    #[serde(borrow, default)]
    workload: Option<&'a RawValue>,
    /// Unfinished texts (optional since schema 3).
    #[serde(borrow, default)]
    drafts: Option<&'a RawValue>,
}

/// The stored text for `plan`: schema 3; 4 when it has ranges or weights; 5 when a custom agent
/// has harness usage or the estimate a title, parties, date or notes; [`SCHEMA`] when its prices
/// were converted at an exchange rate.
///
/// ```
/// use agent_credits::{plan::Plan, saved};
/// let text = saved::encode(&Plan::default());
/// assert_eq!(saved::decode(&text), Ok(Plan::default()));
/// ```
pub fn encode(plan: &Plan) -> String {
    encode_with(plan, &Drafts::new())
}

/// The stored text for `plan` and what the user was still typing ([`Drafts`]).
///
/// ```
/// use agent_credits::{plan::Plan, saved};
/// let drafts = vec![("payables.lines".to_string(), "12a".to_string())];
/// let text = saved::encode_with(&Plan::default(), &drafts);
/// assert_eq!(saved::decode_with_drafts(&text), Ok((Plan::default(), drafts)));
/// ```
pub fn encode_with(plan: &Plan, drafts: &Drafts) -> String {
    let envelope = EnvelopeOut {
        schema: if plan.billing.prices.exchange.is_some() {
            SCHEMA
        } else if plan
            .workload
            .custom
            .iter()
            .any(|a| !a.harness.is_standard() || !a.usage.is_default())
            || !plan.about.is_empty()
        {
            SCHEMA_WITH_HARNESS
        } else if plan.workload.has_ranges() || !plan.billing.weights.is_expected() {
            SCHEMA_WITH_RANGES
        } else {
            SCHEMA_WITHOUT_RANGES
        },
        plan,
        drafts,
    };
    // Serializing plain structs with string keys cannot fail.
    serde_json::to_string(&envelope).unwrap_or_default()
}

/// Like [`decode`], with what the user was still typing. Unfinished texts that are too long or
/// too many are left out, and unreadable ones ignored: they are only typing, never a reason to
/// refuse the estimate. Whether a key names a field of the estimate is for the page to decide
/// (`state::Calc` drops the others), since rows and custom agents come and go.
///
/// # Errors
/// As [`decode`].
pub fn decode_with_drafts(text: &str) -> Result<(Plan, Drafts), SavedError> {
    let envelope: EnvelopeIn =
        serde_json::from_str(text).map_err(|e| SavedError::Unreadable(e.to_string()))?;
    let plan = plan_of(&envelope)?;
    let mut drafts = envelope
        .drafts
        .and_then(|raw| serde_json::from_str::<Drafts>(raw.get()).ok())
        .unwrap_or_default();
    drafts
        .retain(|(key, text)| key.len() <= MAX_DRAFT_LEN && text.chars().count() <= MAX_DRAFT_LEN);
    drafts.truncate(MAX_DRAFTS);
    Ok((plan, drafts))
}

/// Reads a stored value of any known schema, migrating older ones to the current form.
///
/// Schema 1 (the agents only) becomes a plan at the default billing settings.
///
/// # Errors
/// A [`SavedError`] saying why the value cannot be used; never a panic, whatever the text.
pub fn decode(text: &str) -> Result<Plan, SavedError> {
    decode_with_drafts(text).map(|(plan, _)| plan)
}

fn plan_of(envelope: &EnvelopeIn) -> Result<Plan, SavedError> {
    let unreadable = |e: serde_json::Error| SavedError::Unreadable(e.to_string());
    let missing = |what: &str| SavedError::Unreadable(format!("missing field `{what}`"));
    let plan = match envelope.schema {
        1 => Plan::of(
            serde_json::from_str::<Workload>(
                envelope.workload.ok_or_else(|| missing("workload"))?.get(),
            )
            .map_err(unreadable)?,
        ),
        // Schema 3 added custom agents to the workload; a schema-2 value simply has none. (An
        // older version reading schema 3 would drop them, so it must see a newer schema.)
        // Schema 4 added ranges, which a schema-3 value has none of; schema 5 the harness, which
        // defaults to the standard one; schema 6 the prices' exchange rate, which defaults to none.
        2..=6 => serde_json::from_str::<Plan>(envelope.plan.ok_or_else(|| missing("plan"))?.get())
            .map_err(unreadable)?,
        n if n > SCHEMA => return Err(SavedError::Newer { schema: n }),
        n => return Err(SavedError::Unreadable(format!("unknown schema {n}"))),
    };
    plan.validate().map_err(SavedError::Invalid)?;
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_are_kept_within_their_limits() {
        let plan = Plan::default();
        let drafts: Drafts = vec![
            ("custom.3.steps.0.events".into(), "x".into()),
            ("k".repeat(MAX_DRAFT_LEN + 1), "1".into()),
            ("payables.documents".into(), "9".repeat(MAX_DRAFT_LEN + 1)),
            ("payables.lines".into(), "12a".into()),
        ];
        let (back, kept) = decode_with_drafts(&encode_with(&plan, &drafts)).unwrap();
        assert_eq!(back, plan);
        assert_eq!(
            kept.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
            ["custom.3.steps.0.events", "payables.lines"]
        );
        // Without drafts, the text is what schema 3 always was.
        assert!(!encode(&plan).contains("drafts"));
        // Unreadable drafts never cost the estimate.
        let text = encode(&plan).replacen('{', r#"{"drafts":[1,2],"#, 1);
        assert_eq!(decode_with_drafts(&text), Ok((plan, Drafts::new())));
    }
    use crate::capacity::BillingError;
    use crate::rating::RatingError;

    #[test]
    fn schema_one_migrates_to_default_billing() {
        let text = r#"{"schema":1,"workload":{"agents":[{"template":"payables","values":{"documents":"250","lines":"12"}}]}}"#;
        let p = decode(text).unwrap();
        assert_eq!(p.workload.agents.len(), 1);
        assert_eq!(p.workload.agents[0].values["documents"].to_string(), "250");
        assert_eq!(p.billing, crate::capacity::Billing::default());
    }

    #[test]
    fn encode_writes_the_current_schema_and_reads_it_back() {
        let mut plan = Plan::default();
        plan.billing.settings.packs = 3;
        plan.billing.settings.payg = false;
        plan.billing.prices.pack_price = rust_decimal::Decimal::new(18_550, 2);
        let text = encode(&plan);
        assert!(text.starts_with(r#"{"schema":3,"plan":"#), "{text}");
        assert_eq!(decode(&text), Ok(plan));
    }

    #[test]
    fn refuses_what_it_cannot_use() {
        type Expect = fn(&SavedError) -> bool;
        let cases: [(&str, Expect); 10] = [
            ("{not json", |e| matches!(e, SavedError::Unreadable(_))),
            ("", |e| matches!(e, SavedError::Unreadable(_))),
            ("null", |e| matches!(e, SavedError::Unreadable(_))),
            (r#"{"schema":1}"#, |e| {
                matches!(e, SavedError::Unreadable(_))
            }),
            (r#"{"schema":2,"workload":{"agents":[]}}"#, |e| {
                matches!(e, SavedError::Unreadable(_))
            }),
            (r#"{"schema":0,"workload":{}}"#, |e| {
                matches!(e, SavedError::Unreadable(_))
            }),
            (r#"{"schema":7,"workload":{"anything":true}}"#, |e| {
                *e == SavedError::Newer { schema: 7 }
            }),
            (
                r#"{"schema":1,"workload":{"agents":[{"template":"nope"}]}}"#,
                |e| {
                    matches!(
                        e,
                        SavedError::Invalid(PlanError::Rating(RatingError::UnknownAgent(_)))
                    )
                },
            ),
            (
                r#"{"schema":1,"workload":{"agents":[{"template":"payables","values":{"lines":"-3"}}]}}"#,
                |e| {
                    matches!(
                        e,
                        SavedError::Invalid(PlanError::Rating(RatingError::InvalidValue { .. }))
                    )
                },
            ),
            (
                r#"{"schema":2,"plan":{"workload":{"agents":[]},"billing":{"settings":{"packs":1,"payg":true,"budget":null,"enforcement":"90","days":30},"prices":{"currency":"USD","pack_credits":"25000","pack_price":"200","payg_per_credit":"0.01","source":"","checked":""}}}}"#,
                |e| {
                    matches!(
                        e,
                        SavedError::Invalid(PlanError::Billing(BillingError::Enforcement))
                    )
                },
            ),
        ];
        for (text, expected) in cases {
            let got = decode(text);
            assert!(
                got.as_ref().is_err_and(expected),
                "decode({text:?}) gave {got:?}"
            );
        }
    }
}
