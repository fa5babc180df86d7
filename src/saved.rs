//! The saved-estimate format: what local storage holds, versioned, with migrations.
//!
//! Pure: `storage.rs` moves these strings in and out of the browser; everything that decides
//! whether a stored value is usable lives here, where it is tested natively.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::rating::{RatingError, Workload};

/// The schema this version writes. Bump it with a migration in [`decode`] when the format changes.
pub const SCHEMA: u32 = 1;

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
    Invalid(RatingError),
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
    workload: &'a Workload,
}

#[derive(Deserialize)]
struct EnvelopeIn {
    schema: u32,
    workload: serde_json::Value,
}

/// The stored text for `workload`, at the current [`SCHEMA`].
///
/// ```
/// use agent_credits::{rating::Workload, saved};
/// let text = saved::encode(&Workload::default());
/// assert_eq!(saved::decode(&text), Ok(Workload::default()));
/// ```
pub fn encode(workload: &Workload) -> String {
    let envelope = EnvelopeOut {
        schema: SCHEMA,
        workload,
    };
    // Serializing plain structs with string keys cannot fail.
    serde_json::to_string(&envelope).unwrap_or_default()
}

/// Reads a stored value of any known schema, migrating older ones to the current form.
///
/// # Errors
/// A [`SavedError`] saying why the value cannot be used; never a panic, whatever the text.
pub fn decode(text: &str) -> Result<Workload, SavedError> {
    let envelope: EnvelopeIn =
        serde_json::from_str(text).map_err(|e| SavedError::Unreadable(e.to_string()))?;
    let workload = match envelope.schema {
        // Schema 1 is the first; a schema 2 adds its arm here and upgrades schema 1's value.
        1 => serde_json::from_value::<Workload>(envelope.workload)
            .map_err(|e| SavedError::Unreadable(e.to_string()))?,
        n if n > SCHEMA => return Err(SavedError::Newer { schema: n }),
        n => return Err(SavedError::Unreadable(format!("unknown schema {n}"))),
    };
    workload.validate().map_err(SavedError::Invalid)?;
    Ok(workload)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_one_reads_back() {
        let text = r#"{"schema":1,"workload":{"agents":[{"template":"payables","values":{"documents":"250","lines":"12"}}]}}"#;
        let w = decode(text).unwrap();
        assert_eq!(w.agents.len(), 1);
        assert_eq!(w.agents[0].values["documents"].to_string(), "250");
    }

    #[test]
    fn refuses_what_it_cannot_use() {
        type Expect = fn(&SavedError) -> bool;
        let cases: [(&str, Expect); 8] = [
            ("{not json", |e| matches!(e, SavedError::Unreadable(_))),
            ("", |e| matches!(e, SavedError::Unreadable(_))),
            ("null", |e| matches!(e, SavedError::Unreadable(_))),
            (r#"{"schema":1}"#, |e| {
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
                |e| matches!(e, SavedError::Invalid(RatingError::UnknownAgent(_))),
            ),
            (
                r#"{"schema":1,"workload":{"agents":[{"template":"payables","values":{"lines":"-3"}}]}}"#,
                |e| matches!(e, SavedError::Invalid(RatingError::InvalidValue { .. })),
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
