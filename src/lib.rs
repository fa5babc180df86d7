//! agent-credits: what AI agents will cost in Microsoft Copilot Credits, before you buy.
//!
//! The pure core ([`rating`], [`format`], [`share`], [`saved`], the widget's [`widget::model`]) compiles anywhere and is tested
//! natively; the web layer (Leptos components, local storage) exists only in the Wasm build.
#![forbid(unsafe_code)]

pub mod capacity;
pub mod chart;
pub mod contract;
pub mod export;
pub mod format;
pub mod plan;
pub mod rating;
pub mod saved;
pub mod session;
pub mod share;
pub mod widget;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
pub mod boot;
#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
mod locale;
#[cfg(target_arch = "wasm32")]
pub mod split;
#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod takeover;
