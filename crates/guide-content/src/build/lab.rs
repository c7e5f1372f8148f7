//! The SQL lab's content: `content/lab/exercises.toml` (the exercises) and
//! `content/lab/try-it.toml` (runnable variants of the guide's SQL, for its
//! "Try it" links).
//!
//! This checks the form of the files; whether every query really runs, and
//! every reference answers its task, is checked against a real PostgreSQL
//! by `lab/check-exercises.mjs` (run by the app's tests).

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use super::{ContentError, check_id, parse_toml};
use crate::LAB_TOPICS;

pub const EXERCISES_FILE: &str = "content/lab/exercises.toml";
pub const TRY_IT_FILE: &str = "content/lab/try-it.toml";
pub const SEED_FILE: &str = "content/lab/seed.sql";

/// The seed's schema as the reader sees it on the lab's page: its
/// `CREATE TABLE` and `CREATE INDEX` statements (not the temporary tables
/// that build the data), as written, with the comments inside them.
pub fn schema_of(seed: &str) -> String {
    let mut out = Vec::new();
    let mut statement: Option<Vec<&str>> = None;
    for line in seed.lines() {
        if statement.is_none()
            && (line.starts_with("CREATE TABLE ")
                || line.starts_with("CREATE INDEX ")
                || line.starts_with("CREATE UNIQUE INDEX "))
        {
            statement = Some(Vec::new());
        }
        if let Some(lines) = &mut statement {
            lines.push(line);
            if line.trim_end().ends_with(';') {
                out.push(lines.join("\n"));
                statement = None;
            }
        }
    }
    out.join("\n\n")
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExercisesFile {
    exercise: Vec<ParsedExercise>,
}

/// A known wrong answer and what to say about it (read by the lab's worker).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParsedMistake {
    pub say: String,
    #[serde(default)]
    pub rows: Option<u64>,
    #[serde(default)]
    pub columns: Option<Vec<String>>,
    #[serde(default)]
    pub error: Option<String>,
}

/// One exercise, every field of `content/lab/FORMAT.md`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParsedExercise {
    pub id: String,
    pub title: String,
    pub topic: String,
    pub guide: String,
    pub task: String,
    pub start: String,
    pub hints: Vec<String>,
    pub reference: String,
    pub ordered: bool,
    #[serde(default)]
    pub setup: Option<String>,
    #[serde(default)]
    pub check: Option<String>,
    #[serde(default)]
    pub expect_error: Option<String>,
    #[serde(default)]
    pub plan_contains: Option<String>,
    #[serde(default)]
    pub plan_lacks: Option<String>,
    #[serde(default)]
    pub mistakes: Vec<ParsedMistake>,
}

/// The fewest exercises the lab ships with.
pub const MIN_EXERCISES: usize = 30;

/// Parses and checks the exercises on their own; errors name the exercise.
/// Their guide links are checked with the rest of the site's links.
pub fn parse_exercises(file: &str, source: &str) -> Result<Vec<ParsedExercise>, ContentError> {
    let raw: ExercisesFile = parse_toml(file, source)?;
    let mut seen = HashSet::new();
    let mut topics_done: Vec<&str> = Vec::new();
    for e in &raw.exercise {
        let at = |msg: String| ContentError::new(file, format!("exercise `{}`: {msg}", e.id));
        check_id(&mut seen, &e.id).map_err(at)?;
        if !LAB_TOPICS.iter().any(|t| t.id == e.topic) {
            let known: Vec<_> = LAB_TOPICS.iter().map(|t| t.id).collect();
            return Err(at(format!(
                "unknown topic `{}` (one of {})",
                e.topic,
                known.join(", ")
            )));
        }
        // Topics stay together: the lab lists them in file order.
        if topics_done.last() != Some(&e.topic.as_str()) {
            if topics_done.contains(&e.topic.as_str()) {
                return Err(at(format!(
                    "topic `{}` appears again after another topic: keep a topic's exercises together",
                    e.topic
                )));
            }
            topics_done.push(&e.topic);
        }
        for (name, value) in [
            ("title", &e.title),
            ("task", &e.task),
            ("start", &e.start),
            ("reference", &e.reference),
        ] {
            if value.trim().is_empty() {
                return Err(at(format!("`{name}` is empty")));
            }
        }
        if !(2..=3).contains(&e.hints.len()) {
            return Err(at("give two or three hints".into()));
        }
        let judged_by = [
            e.check.is_some(),
            e.expect_error.is_some(),
            e.plan_contains.is_some(),
        ];
        if judged_by.iter().filter(|b| **b).count() > 1 {
            return Err(at(
                "only one of `check`, `expect_error` and `plan_contains`".into(),
            ));
        }
        if e.ordered && judged_by.iter().any(|b| *b) {
            return Err(at(
                "`ordered` must be false when the exercise is judged by `check`, \
                 `expect_error` or `plan_contains`"
                    .into(),
            ));
        }
    }
    if raw.exercise.len() < MIN_EXERCISES {
        return Err(ContentError::new(
            file,
            format!(
                "has {} exercises; the lab needs at least {MIN_EXERCISES}",
                raw.exercise.len()
            ),
        ));
    }
    for topic in LAB_TOPICS {
        let n = raw.exercise.iter().filter(|e| e.topic == topic.id).count();
        if n < 2 {
            return Err(ContentError::new(
                file,
                format!(
                    "topic `{}` has {n} exercises; each topic needs two",
                    topic.id
                ),
            ));
        }
    }
    Ok(raw.exercise)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TryItFile {
    #[serde(default)]
    variant: Vec<TryItVariant>,
}

/// A runnable form of one of the guide's SQL examples.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TryItVariant {
    pub id: String,
    /// For authors: why it differs from the guide's text.
    #[serde(default)]
    pub note: Option<String>,
    pub sql: String,
}

/// The variants by id.
pub type TryIt = HashMap<String, String>;

pub fn parse_try_it(file: &str, source: &str) -> Result<TryIt, ContentError> {
    let raw: TryItFile = parse_toml(file, source)?;
    let mut seen = HashSet::new();
    let mut variants = TryIt::new();
    for v in raw.variant {
        check_id(&mut seen, &v.id)
            .map_err(|msg| ContentError::new(file, format!("variant `{}`: {msg}", v.id)))?;
        if v.sql.trim().is_empty() {
            return Err(ContentError::new(
                file,
                format!("variant `{}`: `sql` is empty", v.id),
            ));
        }
        variants.insert(v.id, v.sql.trim().to_string());
    }
    Ok(variants)
}

/// What a guide code block's info string asks for (```` ```sql try ````
/// or ```` ```sql try=<variant> ````).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TryLink {
    None,
    /// The block's own text runs as it stands.
    AsIs,
    /// A variant from `content/lab/try-it.toml`.
    Variant(String),
}

impl TryLink {
    pub fn from_info(info: &str) -> Result<TryLink, String> {
        let mut words = info.split_whitespace();
        let language = words.next().unwrap_or_default();
        let mut link = TryLink::None;
        for word in words {
            link = match word.split_once('=') {
                None if word == "try" => TryLink::AsIs,
                Some(("try", id)) if !id.is_empty() => TryLink::Variant(id.to_string()),
                _ => {
                    return Err(format!(
                        "unknown word `{word}` after the code block's language"
                    ));
                }
            };
        }
        if link != TryLink::None && language != "sql" {
            return Err(format!("`try` is for sql blocks, not `{language}`"));
        }
        Ok(link)
    }
}

/// The lab's address that opens `sql` in its editor, ready to run.
pub fn lab_href(sql: &str) -> String {
    let query: String = form_urlencoded::byte_serialize(sql.as_bytes()).collect();
    format!("{}?sql={query}", crate::links::LAB_PATH)
}

/// The variants no guide block uses.
pub fn unused_variants<'a>(try_it: &'a TryIt, used: &HashSet<String>) -> Vec<&'a str> {
    let mut unused: Vec<&str> = try_it
        .keys()
        .filter(|id| !used.contains(*id))
        .map(String::as_str)
        .collect();
    unused.sort();
    unused
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_is_the_seeds_tables_and_indexes() {
        let seed = "-- intro\nCREATE TABLE a (\n  id int -- the key\n);\nINSERT INTO a VALUES (1);\n\
                    CREATE INDEX a_idx ON a (id);\nCREATE TEMP TABLE t AS SELECT 1;\n";
        assert_eq!(
            schema_of(seed),
            "CREATE TABLE a (\n  id int -- the key\n);\n\nCREATE INDEX a_idx ON a (id);"
        );
    }

    #[test]
    fn info_strings_ask_for_links() {
        assert_eq!(TryLink::from_info("sql"), Ok(TryLink::None));
        assert_eq!(TryLink::from_info("rust"), Ok(TryLink::None));
        assert_eq!(TryLink::from_info("sql try"), Ok(TryLink::AsIs));
        assert_eq!(
            TryLink::from_info("sql try=first-page"),
            Ok(TryLink::Variant("first-page".into()))
        );
        assert!(TryLink::from_info("sql tyr").is_err());
        assert!(TryLink::from_info("sql try=").is_err());
        assert!(TryLink::from_info("rust try").is_err());
    }

    #[test]
    fn links_carry_the_query_encoded() {
        let href = lab_href("SELECT 'a&b' <> 1;\n-- x");
        assert_eq!(href, "/lab?sql=SELECT+%27a%26b%27+%3C%3E+1%3B%0A--+x");
        let parsed: Vec<_> = form_urlencoded::parse(href.split_once('?').unwrap().1.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        assert_eq!(parsed, [("sql".into(), "SELECT 'a&b' <> 1;\n-- x".into())]);
    }

    fn exercise(id: &str, topic: &str) -> String {
        format!(
            "[[exercise]]\nid = \"{id}\"\ntitle = \"T\"\ntopic = \"{topic}\"\nguide = \"/guide/a#b\"\n\
             task = \"Do it.\"\nstart = \"SELECT 1\"\nhints = [\"a\", \"b\"]\nreference = \"SELECT 2\"\n\
             ordered = false\n"
        )
    }

    #[test]
    fn exercises_cover_every_topic_twice_and_keep_topics_together() {
        let mut file = String::new();
        for (i, topic) in LAB_TOPICS.iter().enumerate() {
            for j in 0..3 {
                file.push_str(&exercise(&format!("e-{i}-{j}"), topic.id));
            }
        }
        let parsed = parse_exercises("x.toml", &file).unwrap();
        assert_eq!(parsed.len(), LAB_TOPICS.len() * 3);

        let split = format!("{file}{}", exercise("late", LAB_TOPICS[0].id));
        let err = parse_exercises("x.toml", &split).unwrap_err();
        assert!(
            err.message.contains("keep a topic's exercises together"),
            "{err}"
        );

        let unknown = format!("{file}{}", exercise("odd", "astrology"));
        assert!(
            parse_exercises("x.toml", &unknown)
                .unwrap_err()
                .message
                .contains("unknown topic")
        );

        let twice = format!("{file}{}", exercise("e-0-0", LAB_TOPICS[11].id));
        assert!(
            parse_exercises("x.toml", &twice)
                .unwrap_err()
                .message
                .contains("used twice")
        );
    }
}
