//! Stand-ins for the browser storage API where there is no browser (the
//! server and host tests). Components only touch storage from effects and
//! event handlers, which never run there, but they must compile.

use super::outcome::{Loaded, StorageIssue};
use super::schema::Record;

pub fn load<R: Record + Default>() -> Loaded<R> {
    Loaded::fresh(None)
}

pub fn save<R: Record>(_record: &R) -> Result<(), StorageIssue> {
    Ok(())
}

pub fn clear<R: Record>() {}

pub fn follow_other_tabs(_records: &'static [&'static str], _changed: impl Fn() + 'static) {}

pub fn now_ms() -> f64 {
    0.0
}

pub fn random_seed() -> u64 {
    0
}

pub fn write_raw(_key: &str, _value: &str) {}
