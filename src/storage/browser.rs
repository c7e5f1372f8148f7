//! Local storage in the browser (feature `hydrate`), through gloo-storage.
//! Unreadable values are set aside under a backup key, never dropped.

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;

use super::schema::{Record, backup_key, decode, encode, key};

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

/// A record read from storage, and what to tell the visitor about it.
pub struct Loaded<R> {
    pub record: R,
    pub notice: Option<String>,
}

/// Reads a record; unreadable data is moved to a backup key and reported.
pub fn load<R: Record + Default>(what: &str) -> Loaded<R> {
    let fresh = |notice| Loaded {
        record: R::default(),
        notice,
    };
    if !available() {
        return fresh(Some(format!(
            "Your browser is not letting this site save data, so your {what} will not be kept after you leave."
        )));
    }
    let storage = LocalStorage::raw();
    let main_key = key(R::NAME);
    let Ok(Some(raw)) = storage.get_item(&main_key) else {
        return fresh(None);
    };
    match decode::<R>(&raw) {
        Ok(record) => Loaded {
            record,
            notice: None,
        },
        Err(problem) => {
            let backup = backup_key(R::NAME, js_sys::Date::now() as u64);
            let kept = storage.set_item(&backup, &raw).is_ok();
            if kept {
                let _ = storage.remove_item(&main_key);
            }
            let whereabouts = if kept {
                format!("It has been kept under the key \u{201c}{backup}\u{201d} in local storage")
            } else {
                "It was left in place (there was no room for a backup)".to_string()
            };
            fresh(Some(format!(
                "Your saved {what} could not be read because {problem}. {whereabouts}, and you are starting fresh."
            )))
        }
    }
}

/// Saves a record; the error is a sentence for the visitor. Without
/// storage this does nothing: `load` has already told the visitor that
/// nothing will be kept, and the app goes on in memory.
pub fn save<R: Record>(record: &R, what: &str) -> Result<(), String> {
    if !available() {
        return Ok(());
    }
    let value: serde_json::Value =
        serde_json::from_str(&encode(record)).expect("encode gives JSON");
    LocalStorage::set(key(R::NAME), value).map_err(|_| {
        format!("Your {what} could not be saved: the browser's storage for this site is full.")
    })
}

/// Removes a record.
pub fn clear<R: Record>() {
    if available() {
        LocalStorage::delete(key(R::NAME));
    }
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A seed for shuffling a new quiz attempt.
pub fn random_seed() -> u64 {
    (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64
}
