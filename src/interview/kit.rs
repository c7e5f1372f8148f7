//! A kit: a named, ordered set of questions for interviews at one level.
//! What each candidate answered is an interview of its own
//! (`super::scorecard`).

use serde::{Deserialize, Serialize};

use super::bank::{Bank, Level};
use crate::quiz::bank::Area;

/// The interview lengths offered, in minutes.
pub const LENGTHS: [u32; 4] = [30, 45, 60, 90];
/// The most questions a kit holds (also bounds what a shared link brings).
pub const MAX_QUESTIONS: usize = 40;
pub const NAME_LIMIT: usize = 80;
pub const NOTES_LIMIT: usize = 2000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kit {
    /// Unique among the reader's kits; interviews refer to it (0 until
    /// `InterviewData` gives it one).
    #[serde(default)]
    pub id: u64,
    pub name: String,
    pub level: Level,
    pub areas: Vec<Area>,
    /// The planned length, in minutes.
    pub minutes: u32,
    pub questions: Vec<Asked>,
}

/// A question in a kit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Asked {
    pub id: String,
    /// Scores and notes kept in the kit itself before each interview had a
    /// scorecard of its own: read from old data and moved into an
    /// interview by `InterviewData::reconcile`, never written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<u8>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

impl Asked {
    pub fn new(id: &str) -> Self {
        Self {
            id: id.into(),
            score: None,
            notes: String::new(),
        }
    }
}

/// A name of at most [`NAME_LIMIT`] characters, never empty.
pub fn clean_name(name: &str, level: Level) -> String {
    let name: String = name.trim().chars().take(NAME_LIMIT).collect();
    if name.is_empty() {
        format!("{} interview", level.label())
    } else {
        name
    }
}

/// Minutes an interview of `minutes` keeps for introductions and for the
/// candidate's own questions, outside the kit's questions.
pub fn reserved_minutes(minutes: u32) -> (u32, u32) {
    match minutes {
        0..=30 => (5, 5),
        31..=60 => (5, 10),
        _ => (10, 15),
    }
}

/// Minutes left for questions in an interview of `minutes`.
pub fn question_minutes(minutes: u32) -> u32 {
    let (intro, questions) = reserved_minutes(minutes);
    minutes.saturating_sub(intro + questions)
}

/// Questions for an interview of `minutes` at `level` in `areas`: the
/// level's own questions first, then the nearest levels, taken from each
/// area in turn so every chosen area is asked about, while they fit.
pub fn suggest(bank: &Bank, level: Level, areas: &[Area], minutes: u32) -> Vec<String> {
    let minutes = question_minutes(minutes);
    let mut queues: Vec<Vec<(usize, u32, &str)>> = areas
        .iter()
        .map(|area| {
            let mut q: Vec<(usize, u32, &str)> = bank
                .questions()
                .filter(|q| q.area == *area && q.level.distance(level) <= 1)
                .map(|q| (q.level.distance(level), q.minutes, q.id.as_str()))
                .collect();
            // Nearest level first; the bank's order within a level.
            q.sort_by_key(|(distance, _, _)| *distance);
            q.reverse();
            q
        })
        .collect();
    let mut chosen = Vec::new();
    let mut used = 0;
    loop {
        let mut added = false;
        for queue in &mut queues {
            // The next question of this area that still fits.
            while let Some((_, m, id)) = queue.pop() {
                if used + m <= minutes || chosen.is_empty() {
                    used += m;
                    chosen.push(id.to_string());
                    added = true;
                    break;
                }
            }
        }
        if !added || chosen.len() >= MAX_QUESTIONS {
            break;
        }
    }
    chosen.truncate(MAX_QUESTIONS);
    chosen
}

impl Kit {
    /// A new kit with the suggested questions.
    pub fn suggested(
        bank: &Bank,
        name: &str,
        level: Level,
        areas: Vec<Area>,
        minutes: u32,
    ) -> Self {
        let questions = suggest(bank, level, &areas, minutes)
            .iter()
            .map(|id| Asked::new(id))
            .collect();
        Self {
            id: 0,
            name: clean_name(name, level),
            level,
            areas,
            minutes,
            questions,
        }
    }

    pub fn contains(&self, id: &str) -> bool {
        self.questions.iter().any(|q| q.id == id)
    }

    /// Adds a question at the end; false when it is there or the kit is full.
    pub fn add(&mut self, id: &str) -> bool {
        if self.contains(id) || self.questions.len() >= MAX_QUESTIONS {
            return false;
        }
        self.questions.push(Asked::new(id));
        true
    }

    /// Removes a question; gives back where it was and what it held.
    pub fn remove(&mut self, id: &str) -> Option<(usize, Asked)> {
        let at = self.questions.iter().position(|q| q.id == id)?;
        Some((at, self.questions.remove(at)))
    }

    /// Moves a question one place up (`-1`) or down (`1`); false at an end.
    pub fn shift(&mut self, id: &str, by: isize) -> bool {
        let Some(at) = self.questions.iter().position(|q| q.id == id) else {
            return false;
        };
        let Some(to) = at
            .checked_add_signed(by)
            .filter(|to| *to < self.questions.len())
        else {
            return false;
        };
        self.questions.swap(at, to);
        true
    }

    /// Puts a removed question back where it was (an undo); false when it
    /// is there already or the kit is full.
    pub fn insert(&mut self, at: usize, asked: Asked) -> bool {
        if self.contains(&asked.id) || self.questions.len() >= MAX_QUESTIONS {
            return false;
        }
        let at = at.min(self.questions.len());
        self.questions.insert(at, asked);
        true
    }

    /// The suggested time of its questions, in minutes.
    pub fn planned_minutes(&self, bank: &Bank) -> u32 {
        self.questions
            .iter()
            .filter_map(|q| bank.get(&q.id))
            .map(|q| q.minutes)
            .sum()
    }

    /// Drops questions no longer in the bank and repairs what a stored or
    /// imported kit may carry; returns how many questions were dropped.
    pub fn reconcile(&mut self, bank: &Bank) -> usize {
        let before = self.questions.len();
        let mut seen = Vec::new();
        self.questions.retain(|q| {
            let keep = bank.get(&q.id).is_some() && !seen.contains(&q.id);
            seen.push(q.id.clone());
            keep
        });
        self.questions.truncate(MAX_QUESTIONS);
        for q in &mut self.questions {
            q.score = q.score.filter(|s| (1..=4).contains(s));
            q.notes = q.notes.chars().take(NOTES_LIMIT).collect();
        }
        self.name = clean_name(&self.name, self.level);
        before - self.questions.len()
    }

    /// The same questions in the same order (what a shared link carries).
    pub fn same_selection(&self, other: &Kit) -> bool {
        self.questions.len() == other.questions.len()
            && self
                .questions
                .iter()
                .zip(&other.questions)
                .all(|(a, b)| a.id == b.id)
    }
}

/// `wanted`, or `wanted (2)`, `(3)`... so that no two kits share a name.
pub fn unique_name<'a>(taken: impl Iterator<Item = &'a str> + Clone, wanted: &str) -> String {
    if !taken.clone().any(|t| t == wanted) {
        return wanted.to_string();
    }
    (2..)
        .map(|n| format!("{wanted} ({n})"))
        .find(|candidate| !taken.clone().any(|t| t == candidate))
        .expect("some number is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bank() -> Bank {
        Bank::compiled()
    }

    #[test]
    fn a_suggestion_fits_the_time_covers_each_area_and_prefers_the_level() {
        let bank = bank();
        let areas = [
            Area::from_id("apis").unwrap(),
            Area::from_id("databases").unwrap(),
        ];
        let ids = suggest(&bank, Level::Senior, &areas, 45);
        assert!(!ids.is_empty());
        let questions: Vec<_> = ids.iter().map(|id| bank.get(id).unwrap()).collect();
        assert!(questions.iter().map(|q| q.minutes).sum::<u32>() <= question_minutes(45));
        assert!(
            question_minutes(45) < 45,
            "time is kept for introductions and questions"
        );
        for area in areas {
            assert!(questions.iter().any(|q| q.area == area), "{}", area.id());
        }
        assert!(questions.iter().all(|q| areas.contains(&q.area)));
        assert!(
            questions
                .iter()
                .all(|q| q.level.distance(Level::Senior) <= 1)
        );
        // Each area's first pick is at the level asked for.
        assert_eq!(questions[0].level, Level::Senior);
        assert_eq!(questions[1].level, Level::Senior);
        // A longer interview gets more questions.
        assert!(suggest(&bank, Level::Senior, &areas, 90).len() > ids.len());
        // No duplicates.
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len());
    }

    #[test]
    fn editing_adds_once_removes_and_reorders() {
        let bank = bank();
        let mut kit = Kit::suggested(
            &bank,
            "  ",
            Level::Junior,
            vec![Area::from_id("apis").unwrap()],
            30,
        );
        assert_eq!(kit.name, "Junior interview");
        let first = kit.questions[0].id.clone();
        let second = kit.questions[1].id.clone();
        assert!(kit.shift(&second, -1));
        assert_eq!(kit.questions[0].id, second);
        assert!(!kit.shift(&second, -1), "already first");
        let last = kit.questions.last().unwrap().id.clone();
        assert!(!kit.shift(&last, 1), "already last");
        let (at, removed) = kit.remove(&second).unwrap();
        assert_eq!(at, 0);
        assert!(!kit.contains(&second));
        assert!(kit.insert(at, removed), "undo puts it back where it was");
        assert_eq!(kit.questions[0].id, second);
        assert!(kit.remove(&first).is_some());
        assert!(!kit.contains(&first));
        assert!(kit.add(&first));
        assert!(!kit.add(&first));
        assert_eq!(kit.questions.last().unwrap().id, first);
    }

    #[test]
    fn reconcile_drops_unknown_and_repeated_questions() {
        let bank = bank();
        let id = bank.0[0].id.clone();
        let mut kit = Kit {
            id: 1,
            name: String::new(),
            level: Level::Lead,
            areas: vec![],
            minutes: 30,
            questions: vec![Asked::new(&id), Asked::new("gone"), Asked::new(&id)],
        };
        kit.questions[0].score = Some(9);
        assert_eq!(kit.reconcile(&bank), 2);
        assert_eq!(kit.questions.len(), 1);
        assert_eq!(kit.questions[0].score, None);
        assert_eq!(kit.name, "Lead interview");
    }

    #[test]
    fn names_are_made_unique() {
        let taken = ["Senior", "Senior (2)"];
        assert_eq!(unique_name(taken.iter().copied(), "Mid"), "Mid");
        assert_eq!(unique_name(taken.iter().copied(), "Senior"), "Senior (3)");
    }
}
