//! What storage reports, as types: the interface decides the words.

use super::schema::Problem;

/// Something the reader should know about their saved data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageIssue {
    /// The browser does not let the site keep data (private modes, storage
    /// turned off): nothing lasts beyond this visit.
    Unavailable,
    /// The stored record `record` (a `Record::NAME`) could not be read. It
    /// was set aside under `backup_key`, or left in place when there was no
    /// room for a copy (`None`), and the reader starts fresh.
    Recovered {
        record: &'static str,
        problem: Problem,
        backup_key: Option<String>,
    },
    /// The record `record` could not be saved: the site's storage is full.
    Full { record: &'static str },
}

/// A record read from storage, and anything to tell the reader about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded<R> {
    pub record: R,
    pub issue: Option<StorageIssue>,
}

impl<R: Default> Loaded<R> {
    pub fn fresh(issue: Option<StorageIssue>) -> Self {
        Loaded {
            record: R::default(),
            issue,
        }
    }
}
