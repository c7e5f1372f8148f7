//! The interview question bank: `content/interview.toml`.

use std::collections::HashSet;

use serde::Deserialize;

use super::{ContentError, ParsedArea, check_area, check_id, parse_toml};
use crate::Level;

/// The kinds of question (see [`ParsedInterviewQuestion::kind`]).
pub const KINDS: [&str; 3] = ["technical", "experience", "work-sample"];

/// The least share of questions about past experience.
pub const MIN_EXPERIENCE_SHARE: f64 = 0.25;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct InterviewFile {
    question: Vec<ParsedInterviewQuestion>,
}

/// What an answer at each score sounds like for one question.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anchors {
    #[serde(rename = "1")]
    pub one: String,
    #[serde(rename = "2")]
    pub two: String,
    #[serde(rename = "3")]
    pub three: String,
    #[serde(rename = "4")]
    pub four: String,
}

impl Anchors {
    pub fn all(&self) -> [&str; 4] {
        [&self.one, &self.two, &self.three, &self.four]
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParsedInterviewQuestion {
    pub id: String,
    pub area: String,
    pub level: String,
    /// `technical` (a question to reason through), `experience` ("tell me
    /// about a time...") or `work-sample` (a task on given material).
    pub kind: String,
    pub minutes: u8,
    pub prompt: String,
    /// For experience questions: the same question for someone without
    /// that experience at work (study, open source, another career).
    #[serde(default)]
    pub fallback: Option<String>,
    /// For work samples: what the candidate is given (Markdown).
    #[serde(default)]
    pub material: Option<String>,
    /// The one or two points without which an answer cannot score 3.
    pub must: Vec<String>,
    /// The other points a strong answer covers.
    pub strong: Vec<String>,
    pub red_flags: Vec<String>,
    pub follow_up: String,
    pub link: String,
    pub anchors: Anchors,
    /// For a work sample: a SQL lab exercise the candidate can solve while
    /// the interviewer watches.
    #[serde(default)]
    pub lab: Option<String>,
}

/// Parses and checks the bank; errors name the question.
pub fn parse_interview(
    file: &str,
    source: &str,
    areas: &[ParsedArea],
) -> Result<Vec<ParsedInterviewQuestion>, ContentError> {
    let raw: InterviewFile = parse_toml(file, source)?;
    let mut seen = HashSet::new();
    for q in &raw.question {
        let at = |msg: String| ContentError::new(file, format!("question `{}`: {msg}", q.id));
        check_id(&mut seen, &q.id).map_err(at)?;
        check_area(areas, &q.area).map_err(at)?;
        check_question(q).map_err(at)?;
    }
    check_coverage(&raw.question, areas).map_err(|m| ContentError::new(file, m))?;
    Ok(raw.question)
}

fn check_question(q: &ParsedInterviewQuestion) -> Result<(), String> {
    if Level::from_id(&q.level).is_none() {
        return Err(format!(
            "level `{}` is not one of {}",
            q.level,
            Level::ALL.map(Level::id).join(", ")
        ));
    }
    if !KINDS.contains(&q.kind.as_str()) {
        return Err(format!(
            "kind `{}` is not one of {}",
            q.kind,
            KINDS.join(", ")
        ));
    }
    if !(3..=15).contains(&q.minutes) {
        return Err(format!("{} minutes: suggest 3 to 15", q.minutes));
    }
    if q.prompt.trim().is_empty() || q.follow_up.trim().is_empty() {
        return Err("prompt and follow_up must not be empty".into());
    }
    if !(1..=2).contains(&q.must.len()) {
        return Err(format!(
            "has {} must-have points; give 1 or 2 (the points without which it cannot score 3)",
            q.must.len()
        ));
    }
    if !(2..=5).contains(&q.strong.len()) || q.must.len() + q.strong.len() > 6 {
        return Err(format!(
            "has {} strong-answer points besides {} must-have; give 2 to 5, and at most 6 in all",
            q.strong.len(),
            q.must.len()
        ));
    }
    if q.red_flags.len() < 2 {
        return Err("needs at least two red flags (misconceptions a candidate would voice)".into());
    }
    let points = q.must.iter().chain(&q.strong).chain(&q.red_flags);
    if points
        .map(String::as_str)
        .chain(q.anchors.all())
        .any(|p| p.trim().is_empty())
    {
        return Err("has an empty point or anchor".into());
    }
    let fallback = q.fallback.as_deref().is_some_and(|f| !f.trim().is_empty());
    let material = q.material.as_deref().is_some_and(|m| !m.trim().is_empty());
    match q.kind.as_str() {
        "experience" if !fallback => Err(
            "an experience question needs a `fallback` for candidates without that experience \
             at work (study, open source, another career)"
                .into(),
        ),
        "work-sample" if !material => {
            Err("a work sample needs its `material` (what the candidate is given)".into())
        }
        "technical" | "work-sample" if q.fallback.is_some() => {
            Err("only experience questions have a `fallback`".into())
        }
        "technical" | "experience" if q.material.is_some() => {
            Err("only work samples have `material`".into())
        }
        "technical" | "experience" if q.lab.is_some() => {
            Err("only work samples have a `lab` exercise".into())
        }
        _ => Ok(()),
    }
}

/// Every level has questions in every area, at least a quarter of the bank
/// asks about past experience, and every level has a work sample.
pub fn check_coverage(
    questions: &[ParsedInterviewQuestion],
    areas: &[ParsedArea],
) -> Result<(), String> {
    let mut missing = Vec::new();
    for area in areas {
        for level in Level::ALL {
            if !questions
                .iter()
                .any(|q| q.area == area.id && q.level == level.id())
            {
                missing.push(format!("{} at {} level", area.id, level.id()));
            }
        }
    }
    if !missing.is_empty() {
        return Err(format!(
            "every area needs questions at every level; missing: {}",
            missing.join(", ")
        ));
    }
    let no_sample: Vec<&str> = Level::ALL
        .iter()
        .filter(|l| {
            !questions
                .iter()
                .any(|q| q.level == l.id() && q.kind == "work-sample")
        })
        .map(|l| l.id())
        .collect();
    if !no_sample.is_empty() {
        return Err(format!(
            "every level needs a work sample; none at {}",
            no_sample.join(", ")
        ));
    }
    let experience = questions.iter().filter(|q| q.kind == "experience").count();
    if (experience as f64) < MIN_EXPERIENCE_SHARE * questions.len() as f64 {
        return Err(format!(
            "{experience} of {} questions ask about past experience; at least a quarter should",
            questions.len()
        ));
    }
    Ok(())
}
