//! The quiz bank: one file per area under `content/quiz/`, each question
//! checked on its own.
//! Checks across the bank (fairness, coverage) are in `fairness.rs`.

use std::collections::HashSet;

use serde::Deserialize;

use super::{ContentError, areas::ParsedArea, check_area, check_id, parse_toml};

#[derive(Debug, Deserialize)]
struct QuizFile {
    question: Vec<RawQuestion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: String,
    area: String,
    difficulty: String,
    kind: String,
    form: String,
    prompt: String,
    explanation: String,
    link: String,
    option: Vec<RawOption>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    text: String,
    correct: bool,
    why_wrong: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedOption {
    pub text: String,
    pub correct: bool,
    pub why_wrong: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedQuestion {
    /// The file it was read from, for error messages.
    pub file: String,
    pub id: String,
    pub area: String,
    pub difficulty: String,
    pub kind: String,
    /// What the question asks of the reader: `code` (read code, a query, a
    /// log or an exchange), `scenario` (judge a situation) or `recall`.
    pub form: String,
    /// Markdown: text, with code in backticks or fenced blocks.
    pub prompt: String,
    pub explanation: String,
    pub link: String,
    pub options: Vec<ParsedOption>,
}

/// The forms a question may take (see [`ParsedQuestion::form`]).
pub const FORMS: [&str; 3] = ["code", "scenario", "recall"];

/// Parses and checks one file of the bank; errors name the question.
pub fn parse_quiz(
    file: &str,
    source: &str,
    areas: &[ParsedArea],
) -> Result<Vec<ParsedQuestion>, ContentError> {
    let raw: QuizFile = parse_toml(file, source)?;
    let mut seen = HashSet::new();
    let mut questions = Vec::with_capacity(raw.question.len());
    for q in raw.question {
        let at = |msg: String| ContentError::new(file, format!("question `{}`: {msg}", q.id));
        check_id(&mut seen, &q.id).map_err(at)?;
        check_area(areas, &q.area).map_err(at)?;
        if !["easy", "medium", "hard"].contains(&q.difficulty.as_str()) {
            return Err(at(format!(
                "difficulty `{}` is not easy, medium or hard",
                q.difficulty
            )));
        }
        if !FORMS.contains(&q.form.as_str()) {
            return Err(at(format!(
                "form `{}` is not one of {}",
                q.form,
                FORMS.join(", ")
            )));
        }
        if q.prompt.trim().is_empty() || q.explanation.trim().is_empty() {
            return Err(at("prompt and explanation must not be empty".into()));
        }
        let correct = q.option.iter().filter(|o| o.correct).count();
        match q.kind.as_str() {
            "single" if correct != 1 => {
                return Err(at(format!(
                    "a single-choice question needs exactly one correct option, has {correct}"
                )));
            }
            "multiple" if correct < 2 => {
                return Err(at(format!(
                    "a multiple-choice question needs at least two correct options, has {correct}"
                )));
            }
            "true-false" => {
                let texts: Vec<_> = q.option.iter().map(|o| o.text.as_str()).collect();
                if texts != ["True", "False"] || correct != 1 {
                    return Err(at(
                        "a true-false question has exactly the options True and False, one correct"
                            .into(),
                    ));
                }
            }
            "single" | "multiple" => {}
            other => {
                return Err(at(format!(
                    "kind `{other}` is not single, multiple or true-false"
                )));
            }
        }
        if q.option.len() < 2 {
            return Err(at("needs at least two options".into()));
        }
        let mut options = Vec::with_capacity(q.option.len());
        for (i, o) in q.option.into_iter().enumerate() {
            if o.text.trim().is_empty() {
                return Err(at(format!("option {} has no text", i + 1)));
            }
            let why_wrong = match (o.correct, o.why_wrong) {
                (true, None) => String::new(),
                (true, Some(_)) => {
                    return Err(at(format!(
                        "option `{}` is correct but has a why_wrong",
                        o.text
                    )));
                }
                (false, Some(w)) if !w.trim().is_empty() => w,
                (false, _) => {
                    return Err(at(format!("wrong option `{}` needs a why_wrong", o.text)));
                }
            };
            options.push(ParsedOption {
                text: o.text,
                correct: o.correct,
                why_wrong,
            });
        }
        questions.push(ParsedQuestion {
            file: file.to_string(),
            id: q.id,
            area: q.area,
            difficulty: q.difficulty,
            kind: q.kind,
            form: q.form,
            prompt: q.prompt,
            explanation: q.explanation,
            link: q.link,
            options,
        });
    }
    Ok(questions)
}
