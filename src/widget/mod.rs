//! The embeddable widget (`?embed=1`): the estimate's agents with their inputs and figures, the
//! month's cost, and a link that opens the full page with the same estimate. No page chrome, and
//! it never touches the visitor's saved estimate.
//!
//! It is its own light load (issue 12): [`model`] computes everything it shows from the pure
//! core, natively testable; `dom` (in the browser build) draws it with a few DOM calls instead
//! of the page's Leptos views, so a page that embeds it downloads the first module, the billing
//! core and this, not the planner.

#[cfg(target_arch = "wasm32")]
pub mod dom;
pub mod model;

pub use model::{Shown, Widget};
