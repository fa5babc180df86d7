//! Where the Wasm is split: the views arrive as separate modules, loaded on demand.
//!
//! The release build (`scripts/build-wasm.mjs`) compiles with `--cfg split`: each function below
//! then becomes a split point, and `wasm-split-cli` moves it, with everything only it reaches,
//! into a module of its own that is fetched the first time it is called. The first module keeps
//! the link reader and the rating core (`boot::start`); a first visit fetches the page's module
//! once it has started (state, Leptos, the views down to the total), and the parts below the estimate after the page is ready. The widget (`embed=1`) fetches its
//! own module instead of the page's; the JSON code comes only when something needs it. Without `--cfg split` (tests, `cargo
//! check`) the same functions are ordinary ones and nothing is fetched.

use std::cell::Cell;

use leptos::prelude::*;

use crate::boot::{self, Run};
use crate::components::{self, Parts};
use crate::plan::Plan;
use crate::saved::{self, Drafts, SavedError};
use crate::share::{self, Extras, LinkRead};

/// A module of the page could not be downloaded (a dropped connection, a build replaced on the
/// server while the page was open).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unloaded;

impl From<leptos::wasm_split::SplitLoaderError> for Unloaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        Self
    }
}

/// Builds a view in the current reactive owner.
pub type Build = fn() -> AnyView;

/// Declares a split point: with `--cfg split`, a function whose body lives in the named module;
/// otherwise a plain `async fn`. Either way the caller awaits a `Result<_, Unloaded>`.
macro_rules! split_point {
    ($(#[$meta:meta])* $module:ident: fn $name:ident() -> $ret:ty $body:block) => {
        $(#[$meta])*
        #[cfg(split)]
        #[::leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible)]
        pub fn $name() -> Result<$ret, Unloaded> {
            Ok($body)
        }

        $(#[$meta])*
        #[cfg(not(split))]
        pub async fn $name() -> Result<$ret, Unloaded> {
            Ok($body)
        }
    };
}

split_point! {
    /// The full page: its state, its start-up after the first module's, and its views down to
    /// the estimate's total. What a first visit needs to be ready.
    page: fn page() -> Run {
        boot::run_page
    }
}

split_point! {
    /// The embeddable widget: its model, the billing core and its DOM code; no Leptos.
    widget: fn widget() -> Run {
        crate::widget::dom::run
    }
}

split_point! {
    /// Custom agents' cards: fetched at once when the estimate holds one, else after the page
    /// is ready, before anyone can add one.
    custom: fn custom() -> CustomCard {
        components::custom_agent_card
    }
}

/// Builds a custom agent's card (its id).
pub type CustomCard = fn(u32) -> AnyView;

split_point! {
    /// Everything below the estimate and inside it that can come a moment later: what it costs,
    /// sharing and export, the rate card, the derivation tables and the custom agents' step
    /// editors.
    parts: fn parts() -> &'static Parts {
        // Their stylesheet comes with them, before any of them is drawn.
        crate::browser::adopt_stylesheet("parts", components::PARTS_CSS);
        &components::PARTS
    }
}

split_point! {
    /// Reading and writing JSON: saved estimates, and the compact `s` parameter of links; with
    /// them, the reader of custom agents' readable link keys. Only a page with something saved,
    /// a link with `s` or custom agents' keys, or an edit to save needs it.
    json: fn load_json() -> &'static Json {
        &JSON
    }
}

/// The JSON readers and writers, loaded on demand ([`json`]).
pub struct Json {
    /// [`share::read`]: a link, compact parameter and custom agents' keys included.
    pub read_link: fn(&str) -> LinkRead,
    /// [`saved::decode_with_drafts`].
    pub decode_saved: fn(&str) -> Result<(Plan, Drafts), SavedError>,
    /// [`saved::encode_with`].
    pub encode_saved: fn(&Plan, &Drafts) -> String,
    /// The value of a link's compact parameter.
    pub encode_compact: fn(&Extras) -> String,
}

static JSON: Json = Json {
    read_link: share::read,
    decode_saved: saved::decode_with_drafts,
    encode_saved: saved::encode_with,
    encode_compact: share::encode_compact,
};

thread_local! {
    static JSON_LOADED: Cell<Option<&'static Json>> = const { Cell::new(None) };
}

/// The JSON readers and writers, downloading them the first time.
///
/// # Errors
/// [`Unloaded`] when the module cannot be downloaded.
pub async fn json() -> Result<&'static Json, Unloaded> {
    if let Some(j) = json_if_loaded() {
        return Ok(j);
    }
    let j = load_json().await?;
    JSON_LOADED.with(|c| c.set(Some(j)));
    Ok(j)
}

/// The JSON readers and writers if they are already here.
pub fn json_if_loaded() -> Option<&'static Json> {
    JSON_LOADED.with(Cell::get)
}

/// A link to `plan`: its compact parameter only when the JSON writer is here (it always is when
/// the plan needs one: only a link with `s`, read with it, gives a plan extras).
pub fn write_link(plan: &Plan) -> String {
    share::write_with(plan, |extras| {
        json_if_loaded().map(|j| (j.encode_compact)(extras))
    })
}

/// The modules that arrive after the page is ready (`None` until each does), shared through
/// context so each [`components::Slot`] fills itself when its module arrives.
#[derive(Clone, Copy)]
pub struct Deferred {
    parts: RwSignal<Option<&'static Parts>>,
    custom: RwSignal<Option<CustomCard>>,
}

impl Deferred {
    /// Nothing loaded yet.
    pub fn new() -> Self {
        Self {
            parts: RwSignal::new(None),
            custom: RwSignal::new(None),
        }
    }

    /// The parts below and inside the estimate, once loaded.
    pub fn parts(&self) -> Option<&'static Parts> {
        self.parts.get()
    }

    /// The parts have arrived.
    pub fn set_parts(&self, parts: &'static Parts) {
        self.parts.set(Some(parts));
    }

    /// The custom agents' card, once loaded.
    pub fn custom(&self) -> Option<CustomCard> {
        self.custom.get()
    }

    /// The custom agents' card has arrived.
    pub fn set_custom(&self, card: CustomCard) {
        self.custom.set(Some(card));
    }
}

impl Default for Deferred {
    fn default() -> Self {
        Self::new()
    }
}
