//! The only module that touches local storage.
//!
//! Storage can be missing (a sandboxed iframe throws on access), full, or hold something this
//! version cannot read. None of that may break the page: the app falls back to memory and says so,
//! and unreadable values are copied aside, never deleted.

use gloo_storage::{LocalStorage, Storage};

use crate::plan::Plan;
use crate::saved::{self, SavedError};

/// The key of the saved estimate; the suffix is the storage format's major version.
pub const KEY: &str = "agent-credits.v1";

/// Where an unreadable saved value is copied before the page starts afresh.
pub const ASIDE_KEY: &str = "agent-credits.v1.unreadable";

/// How many unreadable values are kept aside (`…unreadable`, `…unreadable.2`, …).
const ASIDE_SLOTS: u32 = 10;

/// Why storage could not be used as asked. Each is shown to the user as a notice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// The browser gives no local storage here (private mode, sandboxed iframe, disabled).
    Unavailable,
    /// The saved value could not be used; it was copied to the named key.
    SetAside {
        /// Why it could not be used.
        error: SavedError,
        /// Where the original text now also lives; `None` if every aside slot was taken, in
        /// which case the original was left in place and this session does not save.
        key: Option<String>,
    },
    /// Writing failed (typically a full quota); the estimate lives in this tab only.
    WriteFailed(String),
}

/// Whether the browser gives this page local storage at all, without letting an exception escape.
///
/// `LocalStorage::raw()` throws when storage is missing (a sandboxed iframe, storage disabled), so
/// this asks through `web_sys` first. It writes nothing: a store that exists but refuses writes
/// (a full quota, a zero-quota private mode) is reported by the save itself, and a probe write
/// here would cost a disk write at startup and on every save.
pub fn available() -> bool {
    web_sys::window().is_some_and(|w| matches!(w.local_storage(), Ok(Some(_))))
}

/// Reads the saved estimate.
///
/// # Errors
/// [`StorageError::Unavailable`], or [`StorageError::SetAside`] when a value exists but cannot be
/// used (it is copied aside first).
pub fn load() -> Result<Option<Plan>, StorageError> {
    if !available() {
        return Err(StorageError::Unavailable);
    }
    let raw = LocalStorage::raw();
    let Ok(Some(text)) = raw.get_item(KEY) else {
        return Ok(None);
    };
    match saved::decode(&text) {
        Ok(w) => Ok(Some(w)),
        Err(error) => {
            let key = set_aside(&raw, &text);
            Err(StorageError::SetAside { error, key })
        }
    }
}

fn set_aside(raw: &web_sys::Storage, text: &str) -> Option<String> {
    for n in 1..=ASIDE_SLOTS {
        let key = if n == 1 {
            ASIDE_KEY.to_string()
        } else {
            format!("{ASIDE_KEY}.{n}")
        };
        match raw.get_item(&key) {
            Ok(Some(existing)) if existing == text => return Some(key),
            Ok(Some(_)) => continue,
            _ => {}
        }
        if raw.set_item(&key, text).is_ok() {
            return Some(key);
        }
        return None;
    }
    None
}

/// Saves `plan`.
///
/// # Errors
/// [`StorageError::Unavailable`] or [`StorageError::WriteFailed`]; nothing is half-written.
pub fn save(plan: &Plan) -> Result<(), StorageError> {
    if !available() {
        return Err(StorageError::Unavailable);
    }
    LocalStorage::raw()
        .set_item(KEY, &saved::encode(plan))
        .map_err(|e| {
            StorageError::WriteFailed(
                e.as_string()
                    .or_else(|| {
                        js_sys::Reflect::get(&e, &"name".into())
                            .ok()
                            .and_then(|n| n.as_string())
                    })
                    .unwrap_or_else(|| "the browser refused".into()),
            )
        })
}

/// Reads the saved estimate as it is now, for "Back to my estimate".
pub fn peek() -> Option<Plan> {
    if !available() {
        return None;
    }
    let text = LocalStorage::raw().get_item(KEY).ok().flatten()?;
    saved::decode(&text).ok()
}

/// What another tab saved, from a `storage` event: `None` when the event is about another key
/// or the value was removed.
pub fn changed_elsewhere(event: &web_sys::Event) -> Option<Result<Plan, SavedError>> {
    use wasm_bindgen::JsCast;
    let event = event.dyn_ref::<web_sys::StorageEvent>()?;
    if event.key().as_deref() != Some(KEY) {
        return None;
    }
    let text = event.new_value()?;
    Some(saved::decode(&text))
}
