//! The SQL lab's data and the rules the page follows, free of any view
//! code: the exercises (generated at build time from
//! `content/lab/exercises.toml`), what they look like as the island's props,
//! what the address asks the lab to open, and the engine's replies.
//!
//! The engine itself (PostgreSQL in WASM, in a Web Worker) and the editor
//! are JavaScript, bundled by `lab/build.mjs`; `pages::lab` talks to them.

pub mod reply;

use serde::{Deserialize, Serialize};

pub use guide_content::{LAB_TOPICS, LabExercise, LabTopic};

use crate::{content, storage::lab_data::PLAYGROUND};

include!(concat!(env!("OUT_DIR"), "/lab.rs"));

/// Where the lab's module script is served (its name carries a hash): set
/// by the server at start-up from the lab build's manifest, before any page
/// is rendered. `None` when the lab was not built.
static ENTRY: std::sync::OnceLock<String> = std::sync::OnceLock::new();

pub fn set_entry(url: String) {
    let _ = ENTRY.set(url);
}

pub fn entry() -> Option<&'static str> {
    ENTRY.get().map(String::as_str)
}

/// An exercise as the lab's island gets it (as data in its props, so the
/// exercises' text stays out of the WASM every page downloads).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExerciseCard {
    pub id: String,
    pub title: String,
    pub topic: String,
    pub task_html: String,
    pub start: String,
    pub hints: Vec<String>,
    /// The guide heading it practises, and that heading's title.
    pub guide: (String, String),
}

pub fn topic_label(id: &str) -> &'static str {
    LAB_TOPICS
        .iter()
        .find(|t| t.id == id)
        .map_or("Other", |t| t.label)
}

/// Every exercise, in the order the lab lists them.
pub fn cards() -> Vec<ExerciseCard> {
    LAB_EXERCISES
        .iter()
        .map(|e| ExerciseCard {
            id: e.id.into(),
            title: e.title.into(),
            topic: topic_label(e.topic).into(),
            task_html: e.task_html.into(),
            start: e.start.into(),
            hints: e.hints.iter().map(|h| h.to_string()).collect(),
            guide: (
                e.guide.to_string(),
                content::link_title(e.guide).unwrap_or_else(|| e.guide.to_string()),
            ),
        })
        .collect()
}

/// What `?exercise=` says for the playground (no exercise has this id: ids
/// of exercises are checked to be kebab-case words with a topic prefix).
pub const PLAYGROUND_ID: &str = "playground";

/// The exercises grouped by topic, in their order, each with its index in
/// `cards` (the lab lists topics in file order; the build keeps each
/// topic's exercises together).
pub fn by_topic(cards: &[ExerciseCard]) -> Vec<(&str, Vec<(usize, &ExerciseCard)>)> {
    let mut groups: Vec<(&str, Vec<(usize, &ExerciseCard)>)> = Vec::new();
    for (i, card) in cards.iter().enumerate() {
        match groups.last_mut() {
            Some((topic, list)) if *topic == card.topic => list.push((i, card)),
            _ => groups.push((&card.topic, vec![(i, card)])),
        }
    }
    groups
}

/// What the lab's address asks it to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opening {
    /// `?exercise=<id>`: that exercise.
    Exercise(String),
    /// `?sql=...`: the playground, with this query (a guide "Try it" link).
    Query(String),
    /// `?exercise=playground`: the playground, with the reader's last query there.
    Playground,
    /// Nothing (or nothing known): where the reader left off.
    Default,
}

/// Reads `?exercise=` or `?sql=` from a query string (with or without its
/// `?`); an exercise id that no longer exists opens the default.
pub fn opening(query: &str, known: impl Fn(&str) -> bool) -> Opening {
    let query = query.strip_prefix('?').unwrap_or(query);
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        match &*key {
            "sql" if !value.trim().is_empty() => return Opening::Query(value.into_owned()),
            "exercise" if value == PLAYGROUND_ID => return Opening::Playground,
            "exercise" if known(&value) => return Opening::Exercise(value.into_owned()),
            _ => {}
        }
    }
    Opening::Default
}

/// What the editor shows when an exercise is opened: the reader's last
/// query in it, else its starting query. `None` is the playground.
pub fn first_text<'a>(
    exercise: Option<&'a ExerciseCard>,
    saved: impl Fn(&str) -> Option<&'a str>,
) -> String {
    match exercise {
        Some(e) => saved(&e.id).unwrap_or(&e.start).to_string(),
        None => saved(PLAYGROUND).unwrap_or(PLAYGROUND_START).to_string(),
    }
}

/// The playground's query before the reader has written one.
pub const PLAYGROUND_START: &str = "-- Any SQL: the shop's tables are customers, products, orders and order_items.\n\
SELECT id, name, stock FROM products ORDER BY id LIMIT 10;";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_exercise_becomes_a_card_with_its_guide_title() {
        let cards = cards();
        assert_eq!(cards.len(), LAB_EXERCISES.len());
        assert!(cards.len() >= 30);
        for c in &cards {
            assert_ne!(
                c.guide.0, c.guide.1,
                "{}: no title for its guide link",
                c.id
            );
            assert_ne!(c.topic, "Other", "{}", c.id);
            assert!((2..=3).contains(&c.hints.len()), "{}", c.id);
        }
        let json = serde_json::to_string(&cards).unwrap();
        assert_eq!(
            serde_json::from_str::<Vec<ExerciseCard>>(&json).unwrap(),
            cards
        );
    }

    /// Runs a checker of `lab/` under Node: it loads `content/lab/seed.sql`
    /// into PGlite, a real PostgreSQL 18 in WASM.
    fn run_checker(script: &str) {
        // Read at run time: the test binary may be shared by checkouts.
        let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
        let lab = std::path::Path::new(&root).join("lab");
        assert!(
            lab.join("node_modules/@electric-sql/pglite").is_dir(),
            "lab/node_modules is missing: run `cd lab && npm ci` (make test does)"
        );
        let output = std::process::Command::new("node")
            .arg(script)
            .current_dir(&lab)
            .output()
            .expect("node runs (make test installs it)");
        let text = String::from_utf8_lossy(&output.stdout);
        let errors = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "lab/{script} failed:\n{text}\n{errors}"
        );
    }

    /// Every exercise's reference query runs and passes its own judgement,
    /// every starting query runs and is judged wrong, every known mistake
    /// is told apart from the reference (see `content/lab/FORMAT.md`).
    #[test]
    fn every_exercise_checks_out_on_a_real_postgresql() {
        run_checker("check-exercises.mjs");
    }

    /// Every "Try it" link of the guide runs on the seed without an error
    /// and leaves the database as it found it.
    #[test]
    fn every_try_it_link_of_the_guide_runs() {
        run_checker("check-try-it.mjs");
    }

    #[test]
    fn the_address_opens_an_exercise_or_a_query() {
        let known = |id: &str| id == "joins-basic";
        assert_eq!(
            opening("?exercise=joins-basic", known),
            Opening::Exercise("joins-basic".into())
        );
        assert_eq!(opening("exercise=gone", known), Opening::Default);
        assert_eq!(
            opening("?sql=SELECT+%27a%26b%27%3B", known),
            Opening::Query("SELECT 'a&b';".into())
        );
        assert_eq!(opening("?sql=++", known), Opening::Default);
        assert_eq!(opening("", known), Opening::Default);
        assert_eq!(opening("?utm_source=x", known), Opening::Default);
        assert_eq!(opening("?exercise=playground", known), Opening::Playground);
    }

    #[test]
    fn topics_group_the_exercises_in_order_with_their_indexes() {
        let cards = cards();
        let groups = by_topic(&cards);
        assert_eq!(groups.len(), LAB_TOPICS.len());
        let flat: Vec<usize> = groups
            .iter()
            .flat_map(|(_, list)| list.iter().map(|(i, _)| *i))
            .collect();
        assert_eq!(flat, (0..cards.len()).collect::<Vec<_>>());
        for (topic, list) in &groups {
            assert!(list.iter().all(|(_, c)| c.topic == *topic));
        }
    }

    #[test]
    fn the_editor_starts_from_the_last_query_or_the_start() {
        let cards = cards();
        let first = &cards[0];
        assert_eq!(first_text(Some(first), |_| None), first.start);
        assert_eq!(first_text(Some(first), |_| Some("mine")), "mine");
        assert_eq!(first_text(None, |_| None), PLAYGROUND_START);
        assert_eq!(first_text(None, |k| (k == PLAYGROUND).then_some("p")), "p");
    }
}
