//! What the SQL lab keeps in the browser: the exercises solved and the
//! last query run in each (and in the free playground). The database
//! itself is the lab engine's, in IndexedDB; this record is what the
//! export file carries and what the learning path reads.

use serde::{Deserialize, Serialize};

use super::schema::Record;

/// The key the playground's query is kept under (not an exercise id:
/// those are kebab-case words).
pub const PLAYGROUND: &str = "@playground";

/// Longest query kept, in characters: a reader who pastes a whole dump
/// must not fill local storage.
pub const QUERY_LIMIT: usize = 20_000;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct LabProgress {
    /// Exercise ids, in the order they were solved.
    #[serde(default)]
    pub solved: Vec<String>,
    /// The last query run, by exercise id (or [`PLAYGROUND`]).
    #[serde(default)]
    pub queries: Vec<(String, String)>,
}

impl Record for LabProgress {
    const NAME: &'static str = "lab";
    const VERSION: u64 = 1;
}

impl LabProgress {
    pub fn is_solved(&self, id: &str) -> bool {
        self.solved.iter().any(|s| s == id)
    }

    /// Marks an exercise solved; true when it was not before.
    pub fn mark_solved(&mut self, id: &str) -> bool {
        if self.is_solved(id) {
            return false;
        }
        self.solved.push(id.to_string());
        true
    }

    /// How many of `ids` (the exercises that exist today) are solved.
    pub fn count_solved<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> usize {
        ids.into_iter().filter(|id| self.is_solved(id)).count()
    }

    pub fn query(&self, id: &str) -> Option<&str> {
        self.queries
            .iter()
            .find(|(k, _)| k == id)
            .map(|(_, q)| q.as_str())
    }

    /// Keeps `sql` as the last query of `id` (cut at [`QUERY_LIMIT`]
    /// characters); true when that changed anything.
    pub fn remember(&mut self, id: &str, sql: &str) -> bool {
        let sql: String = sql.chars().take(QUERY_LIMIT).collect();
        match self.queries.iter_mut().find(|(k, _)| k == id) {
            Some((_, old)) if *old == sql => false,
            Some((_, old)) => {
                *old = sql;
                true
            }
            None => {
                self.queries.push((id.to_string(), sql));
                true
            }
        }
    }

    /// Merges an imported record: exercises solved there count here; a
    /// query is taken only for an exercise this browser has none for.
    /// Returns how many exercises became solved.
    pub fn merge(&mut self, incoming: &LabProgress) -> usize {
        let added = incoming
            .solved
            .iter()
            .filter(|id| self.mark_solved(id))
            .count();
        for (id, sql) in &incoming.queries {
            if self.query(id).is_none() {
                self.remember(id, sql);
            }
        }
        added
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::schema::{decode, encode};

    #[test]
    fn solving_counts_once_and_only_known_exercises_count() {
        let mut p = LabProgress::default();
        assert!(p.mark_solved("a"));
        assert!(!p.mark_solved("a"));
        p.mark_solved("gone-since");
        assert_eq!(p.count_solved(["a", "b"]), 1);
        assert!(p.is_solved("gone-since"), "kept: an import may know it");
    }

    #[test]
    fn queries_are_kept_per_exercise_and_cut_at_the_limit() {
        let mut p = LabProgress::default();
        assert!(p.remember("a", "SELECT 1"));
        assert!(!p.remember("a", "SELECT 1"));
        assert!(p.remember(PLAYGROUND, "SELECT 2"));
        assert!(p.remember("a", "SELECT 3"));
        assert_eq!(p.query("a"), Some("SELECT 3"));
        assert_eq!(p.query(PLAYGROUND), Some("SELECT 2"));
        assert_eq!(p.query("b"), None);
        p.remember("big", &"é".repeat(QUERY_LIMIT + 10));
        assert_eq!(p.query("big").unwrap().chars().count(), QUERY_LIMIT);
    }

    #[test]
    fn merging_adds_solved_exercises_and_keeps_local_queries() {
        let mut here = LabProgress::default();
        here.mark_solved("a");
        here.remember("a", "mine");
        let mut there = LabProgress::default();
        there.mark_solved("a");
        there.mark_solved("b");
        there.remember("a", "theirs");
        there.remember("b", "their b");
        assert_eq!(here.merge(&there), 1);
        assert_eq!(here.query("a"), Some("mine"));
        assert_eq!(here.query("b"), Some("their b"));
        assert_eq!(here.solved, ["a", "b"]);
    }

    #[test]
    fn round_trips_through_the_storage_envelope() {
        let mut p = LabProgress::default();
        p.mark_solved("a");
        p.remember("a", "SELECT 'it''s'");
        let text = encode(&p);
        assert_eq!(decode::<LabProgress>(&text).unwrap(), p);
    }
}
