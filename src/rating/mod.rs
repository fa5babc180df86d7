//! The rating core: rate card, agent templates, workloads and their exact estimates.
//!
//! Pure Rust over plain data: no web dependency, exact decimals, checked arithmetic on anything a
//! person typed.

pub mod card;
mod credits;
pub mod custom;
mod derivation;
mod error;
mod estimate;
mod input;
pub mod range;
pub mod template;
mod workload;

pub use card::{EventScenario, Rate, RateCard};
pub use credits::Credits;
pub use custom::{
    estimate_custom, CustomAgent, CustomEstimate, CustomLine, CustomStep, Harness, Usage, STARTERS,
};
pub use derivation::{custom_derivation, derivation};
pub use error::RatingError;
pub use estimate::{
    estimate, estimate_agent, estimate_with_cases, sweep, AgentDrivers, AgentEstimate, Cases,
    Estimate, Factor, FeatureLine, SweepRow,
};
pub use input::{Field, InputError, InputKind, PERCENT_PLACES};
pub use range::{Bound, Bounds, Case};
pub use template::{AgentTemplate, Feature, InputDef, InputRole, DEFAULT_AGENTS, TEMPLATES};
pub use workload::{AgentWorkload, Workload};
