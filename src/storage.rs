//! The only module that touches local storage.
//!
//! Storage can be missing (a sandboxed iframe throws on access), full, or hold something this
//! version cannot read. None of that may break the page: the app falls back to memory and says so,
//! and unreadable values are copied aside, never deleted. This module moves text only: what the
//! text means (`saved::decode`, `saved::encode`) is decided by the caller, so the JSON code is
//! fetched only by pages that have something saved (`split::json`).

use gloo_storage::{LocalStorage, Storage};

use crate::saved::SavedError;

/// The key of the saved estimate; the suffix is the storage format's major version.
pub const KEY: &str = "agent-credits.v1";

/// Where an unreadable saved value is copied before the page starts afresh.
pub const ASIDE_KEY: &str = "agent-credits.v1.unreadable";

/// Which folding sections were left open or closed, by name (`environments=1,year-table=0`): a
/// preference of this browser, not part of the estimate (never in links, saves or exports).
pub const FOLDS_KEY: &str = "agent-credits.v1.folds";

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

/// The saved estimate's text, if there is one.
///
/// # Errors
/// [`StorageError::Unavailable`].
pub fn read() -> Result<Option<String>, StorageError> {
    if !available() {
        return Err(StorageError::Unavailable);
    }
    Ok(LocalStorage::raw().get_item(KEY).ok().flatten())
}

/// Copies a saved value this version cannot use (`error` says why) aside, where it is kept; the
/// saved estimate itself is then overwritten by the next save.
pub fn set_aside(text: &str, error: SavedError) -> StorageError {
    let key = available()
        .then(|| aside(&LocalStorage::raw(), text))
        .flatten();
    StorageError::SetAside { error, key }
}

fn aside(raw: &web_sys::Storage, text: &str) -> Option<String> {
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

/// Saves the estimate's text (`saved::encode`).
///
/// # Errors
/// [`StorageError::Unavailable`] or [`StorageError::WriteFailed`]; nothing is half-written.
pub fn write(text: &str) -> Result<(), StorageError> {
    if !available() {
        return Err(StorageError::Unavailable);
    }
    LocalStorage::raw().set_item(KEY, text).map_err(|e| {
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

/// The text another tab saved, from a `storage` event: `None` when the event is about another
/// key or the value was removed.
pub fn changed_elsewhere(event: &web_sys::Event) -> Option<String> {
    use wasm_bindgen::JsCast;
    let event = event.dyn_ref::<web_sys::StorageEvent>()?;
    if event.key().as_deref() != Some(KEY) {
        return None;
    }
    event.new_value()
}

/// Whether the folding section `name` was left open (`Some(true)`) or closed, if this browser
/// remembers it; `None` without storage or a remembered state.
pub fn fold_open(name: &str) -> Option<bool> {
    folds()
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, open)| open)
}

/// Remembers that the folding section `name` is open or closed. A preference is not worth a
/// notice: without storage, or when the write fails, nothing happens.
pub fn remember_fold(name: &str, open: bool) {
    if !available() {
        return;
    }
    let mut all = folds();
    all.retain(|(n, _)| n != name);
    all.push((name.to_string(), open));
    let text: Vec<String> = all
        .iter()
        .map(|(n, o)| format!("{n}={}", u8::from(*o)))
        .collect();
    let _ = LocalStorage::raw().set_item(FOLDS_KEY, &text.join(","));
}

/// Every remembered section state; anything unreadable in the value is skipped.
fn folds() -> Vec<(String, bool)> {
    if !available() {
        return Vec::new();
    }
    let text = LocalStorage::raw()
        .get_item(FOLDS_KEY)
        .ok()
        .flatten()
        .unwrap_or_default();
    text.split(',')
        .filter_map(|pair| {
            let (name, open) = pair.split_once('=')?;
            Some((name.to_string(), open == "1"))
        })
        .collect()
}
