//! Local storage in the browser (feature `hydrate`), through gloo-storage.
//! Unreadable values are set aside under a backup key, never dropped.

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;

use super::outcome::{Loaded, StorageIssue};
use super::schema::{Problem, Record, backup_key, decode, encode, key};

/// Whether local storage can be written (private modes and disabled
/// storage either hide it or throw on write).
pub fn available() -> bool {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return false;
    };
    let probe = "backend-guide:probe";
    match storage.set_item(probe, "1") {
        Ok(()) => storage.remove_item(probe).is_ok(),
        // Full is not unavailable: reading works, and saving reports the quota.
        Err(e) => e
            .dyn_ref::<web_sys::DomException>()
            .is_some_and(|d| d.name() == "QuotaExceededError"),
    }
}

/// Reads a record; unreadable data is moved to a backup key and reported.
pub fn load<R: Record + Default>() -> Loaded<R> {
    match read(R::NAME) {
        Ok(None) => Loaded::fresh(None),
        Ok(Some(raw)) => match decode::<R>(&raw) {
            Ok(record) => Loaded {
                record,
                issue: None,
            },
            Err(problem) => Loaded::fresh(Some(set_aside(R::NAME, &raw, problem))),
        },
        Err(issue) => Loaded::fresh(Some(issue)),
    }
}

/// The stored text of record `name`, if any. (The parts of [`load`] that
/// do not depend on the record's type are kept out of it, so the browser's
/// code carries them once, not once per record.)
fn read(name: &str) -> Result<Option<String>, StorageIssue> {
    if !available() {
        return Err(StorageIssue::Unavailable);
    }
    Ok(LocalStorage::raw().get_item(&key(name)).ok().flatten())
}

/// Moves the unreadable text `raw` of record `name` to a backup key, or
/// leaves it in place when there is no room for a copy.
fn set_aside(name: &'static str, raw: &str, problem: Problem) -> StorageIssue {
    let storage = LocalStorage::raw();
    let backup = backup_key(name, js_sys::Date::now() as u64);
    let kept = storage.set_item(&backup, raw).is_ok();
    if kept {
        let _ = storage.remove_item(&key(name));
    }
    StorageIssue::Recovered {
        record: name,
        problem,
        backup_key: kept.then_some(backup),
    }
}

/// Saves a record. Without storage this does nothing: `load` has already
/// reported that nothing will be kept, and the app goes on in memory.
pub fn save<R: Record>(record: &R) -> Result<(), StorageIssue> {
    if !available() {
        return Ok(());
    }
    LocalStorage::raw()
        .set_item(&key(R::NAME), &encode(record))
        .map_err(|_| StorageIssue::Full { record: R::NAME })
}

/// Writes a value kept outside the versioned records (the theme, read
/// before the first paint by a script that cannot decode the envelope).
pub fn write_raw(key: &str, value: &str) {
    if available() {
        let _ = LocalStorage::raw().set_item(key, value);
    }
}

/// Removes a record.
pub fn clear<R: Record>() {
    if available() {
        LocalStorage::delete(key(R::NAME));
    }
}

/// Calls `changed` whenever another tab changes one of `records` (by
/// `Record::NAME`) or clears storage, for as long as the calling island
/// lives.
pub fn follow_other_tabs(records: &'static [&'static str], changed: impl Fn() + 'static) {
    use leptos::prelude::{on_cleanup, window_event_listener};
    let handle = window_event_listener(leptos::ev::storage, move |ev| {
        if ev
            .key()
            .is_none_or(|k| records.iter().any(|name| k == key(name)))
        {
            changed();
        }
    });
    on_cleanup(move || handle.remove());
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A seed for shuffling a new quiz attempt.
pub fn random_seed() -> u64 {
    (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64
}
