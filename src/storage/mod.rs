//! Everything kept in the browser's local storage: versioned, typed records
//! under one namespace, recovered safely when unreadable. Only this module
//! touches local storage, and it speaks in types ([`StorageIssue`]): the
//! interface puts them into words (`components::storage_words`).
//!
//! - `schema`: the envelope, keys, versions and migration (pure).
//! - `records`: bookmarks, reading progress, export and import (pure).
//! - `quiz_data`: what the quiz keeps (pure).
//! - `path_data`, `interview_data`, `lab_data`: the learning path's ticks,
//!   the interview kits and practice ratings, the SQL lab's solved
//!   exercises and queries (pure).
//! - `theme_choice`: the reader's theme, read before the first paint.
//! - `library`: the `Library` context of signals over bookmarks and progress.
//! - `browser`: the only code that calls the browser's storage.

pub mod interview_data;
pub mod lab_data;
pub mod library;
pub mod outcome;
pub mod path_data;
pub mod quiz_data;
pub mod records;
pub mod schema;
pub mod theme_choice;

#[cfg(feature = "hydrate")]
mod browser;
#[cfg(not(feature = "hydrate"))]
#[path = "no_browser.rs"]
mod browser;

pub use browser::{clear, follow_other_tabs, load, now_ms, random_seed, save};
pub use outcome::{Loaded, StorageIssue};
