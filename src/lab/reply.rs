//! The lab engine's reply to a run (sent by its worker as JSON, see
//! `lab/src/engine-worker.js`), and how the page puts it into words.

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct Reply {
    /// The last statement that returned columns: its columns and rows (as
    /// display text, `None` for NULL), at most 500 of `row_count`.
    #[serde(default)]
    pub columns: Vec<String>,
    #[serde(default)]
    pub rows: Vec<Vec<Option<String>>>,
    #[serde(default)]
    pub row_count: u64,
    #[serde(default)]
    pub truncated: bool,
    /// When the last statement returned no columns: its tag ("UPDATE 3").
    #[serde(default)]
    pub command: Option<String>,
    #[serde(default)]
    pub statements: u32,
    #[serde(default)]
    pub error: Option<SqlError>,
    /// Only when an exercise was run.
    #[serde(default)]
    pub verdict: Option<Verdict>,
    #[serde(default)]
    pub notices: Vec<String>,
    #[serde(default)]
    pub ms: f64,
    /// The reader has committed changes to the shop's data since the seed.
    #[serde(default)]
    pub seed_changed: bool,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct SqlError {
    pub message: String,
    #[serde(default)]
    pub code: Option<String>,
    /// 1-based character offset in the reader's whole text.
    #[serde(default)]
    pub position: Option<u32>,
    #[serde(default)]
    pub line: Option<u32>,
    #[serde(default)]
    pub column: Option<u32>,
    #[serde(default)]
    pub detail: Option<String>,
    #[serde(default)]
    pub hint: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct Verdict {
    pub solved: bool,
    pub message: String,
}

/// Where the engine is, as its page module reports it.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct EngineStatus {
    /// `loading` (the lab's script has not reported yet), `downloading`,
    /// `starting`, `seeding`, `ready`, `failed`.
    #[serde(default)]
    pub state: String,
    #[serde(default)]
    pub loaded: Option<f64>,
    #[serde(default)]
    pub total: Option<f64>,
    #[serde(default)]
    pub ms: Option<f64>,
    /// Ready after creating the database from the seed (a first visit, or a reset).
    #[serde(default)]
    pub first: Option<bool>,
    #[serde(default)]
    pub message: Option<String>,
    /// The status as a sentence (see [`EngineStatus::line`]).
    #[serde(default)]
    pub words: String,
}

impl EngineStatus {
    pub fn is_ready(&self) -> bool {
        self.state == "ready"
    }

    /// Download progress as (bytes so far, bytes in all), while downloading.
    pub fn progress(&self) -> Option<(f64, f64)> {
        match (self.state.as_str(), self.loaded, self.total) {
            ("downloading", Some(loaded), Some(total)) if total > 0.0 => {
                Some((loaded.min(total), total))
            }
            _ => None,
        }
    }

    /// The status line under the workbench's heading: the lab's script
    /// puts it into words (keeping its sentences out of the WASM).
    pub fn line(&self) -> &str {
        match (self.words.as_str(), &self.message) {
            ("", Some(message)) => message,
            ("", None) => "Loading the lab…",
            (words, _) => words,
        }
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl SqlError {
    /// "Error at line 2, column 6: syntax error at or near "FORM" (SQLSTATE 42601)."
    pub fn sentence(&self) -> String {
        let place = match (self.line, self.column) {
            (Some(line), Some(column)) => format!(" at line {line}, column {column}"),
            _ => String::new(),
        };
        let code = self
            .code
            .as_deref()
            .map(|c| format!(" (SQLSTATE {c})"))
            .unwrap_or_default();
        format!(
            "Error{place}: {}{code}.",
            self.message.trim_end_matches('.')
        )
    }
}

impl Reply {
    /// What the rows part of the reply says: "20 rows", "UPDATE 3", ...
    pub fn summary(&self) -> String {
        if !self.columns.is_empty() {
            let shown = if self.truncated {
                format!(", the first {} shown", self.rows.len())
            } else {
                String::new()
            };
            return format!("{}{shown}", plural(self.row_count, "row", "rows"));
        }
        match &self.command {
            Some(tag) if !tag.is_empty() => format!("Done: {tag}"),
            _ => plural(
                u64::from(self.statements),
                "statement ran",
                "statements ran",
            ),
        }
    }

    /// The one line a screen reader hears after a run: the judgement (for
    /// an exercise), else the error, else what came back. An error always
    /// says where it is.
    pub fn announcement(&self) -> String {
        match (&self.verdict, &self.error) {
            (Some(v), _) if v.solved => format!("Solved. {}", v.message),
            // The judge only repeated the error: say it with its place.
            (Some(v), Some(e)) if v.message.contains(&e.message) => {
                format!("Not yet. {}", e.sentence())
            }
            (Some(v), Some(e)) => format!("Not yet. {} {}", v.message, e.sentence()),
            (Some(v), None) => format!("Not yet. {}", v.message),
            (None, Some(e)) => e.sentence(),
            (None, None) => format!("{}.", self.summary()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Reply {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn the_engine_status_line_falls_back_to_its_message() {
        let s: EngineStatus = serde_json::from_str(
            r#"{"state":"downloading","loaded":1000000,"total":16000000,"words":"Downloading"}"#,
        )
        .unwrap();
        assert_eq!(s.progress(), Some((1e6, 16e6)));
        assert_eq!(s.line(), "Downloading");
        let ready: EngineStatus = serde_json::from_str(r#"{"state":"ready","ms":812}"#).unwrap();
        assert!(ready.is_ready());
        assert_eq!(ready.progress(), None);
        let failed: EngineStatus =
            serde_json::from_str(r#"{"state":"failed","message":"no WebAssembly"}"#).unwrap();
        assert_eq!(failed.line(), "no WebAssembly");
        assert_eq!(EngineStatus::default().line(), "Loading the lab…");
    }

    #[test]
    fn a_result_says_how_many_rows() {
        let r = parse(
            r#"{"columns":["id"],"rows":[["1"],[null]],"row_count":2,"truncated":false,"command":null,"statements":1,"error":null,"verdict":null,"notices":[],"ms":3.5,"seed_changed":false}"#,
        );
        assert_eq!(r.rows[1][0], None);
        assert_eq!(r.announcement(), "2 rows.");
        let big = parse(r#"{"columns":["id"],"rows":[["1"]],"row_count":100000,"truncated":true}"#);
        assert_eq!(big.summary(), "100000 rows, the first 1 shown");
        let update = parse(r#"{"command":"UPDATE 3","statements":2}"#);
        assert_eq!(update.announcement(), "Done: UPDATE 3.");
    }

    #[test]
    fn an_error_says_where() {
        let r = parse(
            r#"{"error":{"message":"syntax error at or near \"FORM\"","code":"42601","position":12,"line":2,"column":6}}"#,
        );
        assert_eq!(
            r.announcement(),
            "Error at line 2, column 6: syntax error at or near \"FORM\" (SQLSTATE 42601)."
        );
    }

    #[test]
    fn an_exercise_run_leads_with_the_judgement() {
        let solved = parse(
            r#"{"columns":["a"],"rows":[],"row_count":0,"verdict":{"solved":true,"message":"Correct."}}"#,
        );
        assert_eq!(solved.announcement(), "Solved. Correct.");
        let wrong = parse(r#"{"verdict":{"solved":false,"message":"Expected 20 rows, got 18."}}"#);
        assert_eq!(wrong.announcement(), "Not yet. Expected 20 rows, got 18.");
        let failed = parse(
            r#"{"error":{"message":"boom","code":"XX000","line":1,"column":1},"verdict":{"solved":false,"message":"Try a join."}}"#,
        );
        assert_eq!(
            failed.announcement(),
            "Not yet. Try a join. Error at line 1, column 1: boom (SQLSTATE XX000)."
        );
    }
}
