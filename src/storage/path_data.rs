//! What the learning path keeps in the browser: the "done when" checks the
//! learner ticked, as `stage-id/check-id`.

use serde::{Deserialize, Serialize};

use super::schema::Record;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PathProgress {
    #[serde(default)]
    pub done: Vec<String>,
}

impl Record for PathProgress {
    const NAME: &'static str = "path";
    const VERSION: u64 = 1;
}

/// The stored id of a check.
pub fn check_key(stage: &str, check: &str) -> String {
    format!("{stage}/{check}")
}

impl PathProgress {
    pub fn is_done(&self, key: &str) -> bool {
        self.done.iter().any(|d| d == key)
    }

    /// Ticks or unticks a check; true when that changed anything.
    pub fn set(&mut self, key: &str, done: bool) -> bool {
        match (self.is_done(key), done) {
            (false, true) => {
                self.done.push(key.to_string());
                true
            }
            (true, false) => {
                self.done.retain(|d| d != key);
                true
            }
            _ => false,
        }
    }

    /// How many of `keys` (the checks that exist today) are done.
    pub fn count_done<'a>(&self, keys: impl IntoIterator<Item = &'a str>) -> usize {
        keys.into_iter().filter(|k| self.is_done(k)).count()
    }

    /// Moves ticks stored under a check's former key (`old`, `new`) to its
    /// key today; returns how many moved. Ticks under keys that name no
    /// check today are kept as they are (an import may know them).
    pub fn migrate<'a>(&mut self, renames: impl IntoIterator<Item = (&'a str, &'a str)>) -> usize {
        let mut moved = 0;
        for (old, new) in renames {
            if self.is_done(old) {
                self.done.retain(|d| d != old);
                self.set(new, true);
                moved += 1;
            }
        }
        moved
    }

    /// Adds the ticks of an import; returns how many were new.
    pub fn merge(&mut self, incoming: &PathProgress) -> usize {
        incoming.done.iter().filter(|k| self.set(k, true)).count()
    }
}

/// Every check of the path today, as stored ids (server and host tests).
pub fn all_check_keys() -> Vec<String> {
    crate::learning::PATH_STAGES
        .iter()
        .flat_map(|s| s.checks.iter().map(move |c| check_key(s.id, c.id)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::schema::{decode, encode};

    #[test]
    fn ticks_count_only_checks_that_exist_and_round_trip() {
        let keys = all_check_keys();
        let mut p = PathProgress::default();
        assert!(p.set(&keys[0], true));
        assert!(!p.set(&keys[0], true));
        p.set("removed-stage/old-check", true);
        assert_eq!(p.count_done(keys.iter().map(String::as_str)), 1);
        assert_eq!(decode::<PathProgress>(&encode(&p)).unwrap(), p);
        assert!(p.set(&keys[0], false));
        assert!(!p.is_done(&keys[0]));
    }

    #[test]
    fn ticks_under_former_ids_move_to_the_check_today() {
        let mut p = PathProgress::default();
        p.set("testing/ci-blocks-merge", true);
        p.set("web-and-http/read-curl-output", true);
        p.set("version-control/first-commit", true);
        let renames = [
            ("testing/ci-blocks-merge", "version-control/ci-blocks-merge"),
            (
                "web-and-http/explain-request",
                "web-and-http/request-traced",
            ),
        ];
        assert_eq!(p.migrate(renames), 1);
        assert!(p.is_done("version-control/ci-blocks-merge"));
        assert!(!p.is_done("testing/ci-blocks-merge"));
        assert!(p.is_done("web-and-http/read-curl-output"));
        assert_eq!(p.migrate(renames), 0, "a second run changes nothing");
    }

    #[test]
    fn the_compiled_path_names_every_former_id_once() {
        let keys = all_check_keys();
        let mut former: Vec<&str> = crate::learning::PATH_STAGES
            .iter()
            .flat_map(|s| s.checks.iter().flat_map(|c| c.formerly.iter().copied()))
            .collect();
        assert!(former.iter().all(|f| !keys.iter().any(|k| k == f)));
        let n = former.len();
        former.sort_unstable();
        former.dedup();
        assert_eq!(former.len(), n);
    }

    #[test]
    fn merging_adds_only_new_ticks() {
        let mut mine = PathProgress::default();
        mine.set("a/1", true);
        let mut theirs = PathProgress::default();
        theirs.set("a/1", true);
        theirs.set("b/2", true);
        assert_eq!(mine.merge(&theirs), 1);
        assert_eq!(mine.merge(&theirs), 0);
        assert_eq!(mine.done, ["a/1", "b/2"]);
    }
}
