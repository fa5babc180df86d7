//! The saved-estimate format: what local storage holds, versioned, with migrations.
//!
//! Pure: `storage.rs` moves these strings in and out of the browser; everything that decides
//! whether a stored value is usable lives here, where it is tested natively.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::plan::{Plan, PlanError};
use crate::rating::Workload;

/// The schema this version writes. Bump it with a migration in [`decode`] when the format changes.
pub const SCHEMA: u32 = 3;

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

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    schema: u32,
    plan: &'a Plan,
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
}

/// The stored text for `plan`, at the current [`SCHEMA`].
///
/// ```
/// use agent_credits::{plan::Plan, saved};
/// let text = saved::encode(&Plan::default());
/// assert_eq!(saved::decode(&text), Ok(Plan::default()));
/// ```
pub fn encode(plan: &Plan) -> String {
    let envelope = EnvelopeOut {
        schema: SCHEMA,
        plan,
    };
    // Serializing plain structs with string keys cannot fail.
    serde_json::to_string(&envelope).unwrap_or_default()
}

/// Reads a stored value of any known schema, migrating older ones to the current form.
///
/// Schema 1 (the agents only) becomes a plan at the default billing settings.
///
/// # Errors
/// A [`SavedError`] saying why the value cannot be used; never a panic, whatever the text.
pub fn decode(text: &str) -> Result<Plan, SavedError> {
    let envelope: EnvelopeIn =
        serde_json::from_str(text).map_err(|e| SavedError::Unreadable(e.to_string()))?;
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
        2 | 3 => serde_json::from_str::<Plan>(envelope.plan.ok_or_else(|| missing("plan"))?.get())
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
