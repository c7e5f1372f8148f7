//! Everything kept in the browser's local storage: versioned, typed records
//! under one namespace, recovered safely when unreadable. Only this module
//! touches local storage.

pub mod context;
pub mod library;
pub mod quiz_data;
pub mod schema;

#[cfg(feature = "hydrate")]
mod browser;
#[cfg(not(feature = "hydrate"))]
#[path = "no_browser.rs"]
mod browser;

pub use browser::{Loaded, clear, load, now_ms, random_seed, save};
