//! The rating layer's one error type.

use std::fmt;

use super::input::InputError;

/// Why an estimate could not be made. Each variant names what to fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RatingError {
    /// The workload names an agent template that does not exist.
    UnknownAgent(String),
    /// The workload sets an input the agent does not have.
    UnknownInput {
        /// The agent's id.
        agent: String,
        /// The input's key within the agent.
        key: String,
    },
    /// An input's value is outside its limits (only possible for data that skipped validation,
    /// such as a hand-edited saved estimate).
    InvalidValue {
        /// The agent's id.
        agent: String,
        /// The input's key within the agent.
        key: String,
        /// What is wrong with the value.
        error: InputError,
    },
    /// The same agent appears twice.
    DuplicateAgent(String),
    /// A result exceeds what an exact decimal holds. Inputs within their limits never cause it.
    Overflow,
    /// More custom agents or steps, or a longer name, than an estimate holds.
    TooMany,
}

impl fmt::Display for RatingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownAgent(id) => write!(f, "there is no agent called {id:?}"),
            Self::UnknownInput { agent, key } => write!(f, "{agent} has no input {key:?}"),
            Self::InvalidValue { agent, key, error } => write!(f, "{agent}.{key}: {error}"),
            Self::DuplicateAgent(id) => write!(f, "the agent {id:?} appears twice"),
            Self::Overflow => f.write_str("the estimate is too large to compute exactly"),
            Self::TooMany => f.write_str(
                "at most 20 custom agents of 30 steps each, with names of up to 80 characters",
            ),
        }
    }
}

impl std::error::Error for RatingError {}
