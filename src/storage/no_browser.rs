//! Stand-ins for the browser storage API where there is no browser (the
//! server and host tests). Components only touch storage from effects and
//! event handlers, which never run there, but they must compile.

use super::schema::Record;

pub struct Loaded<R> {
    pub record: R,
    pub notice: Option<String>,
}

pub fn load<R: Record + Default>(_what: &str) -> Loaded<R> {
    Loaded {
        record: R::default(),
        notice: None,
    }
}

pub fn save<R: Record>(_record: &R, _what: &str) -> Result<(), String> {
    Ok(())
}

pub fn clear<R: Record>() {}

pub fn now_ms() -> f64 {
    0.0
}

pub fn random_seed() -> u64 {
    0
}
