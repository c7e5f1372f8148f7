//! The interview question bank: `content/interview.toml`.

use std::collections::HashSet;

use serde::Deserialize;

use super::{ContentError, ParsedArea, check_area, check_id, parse_toml};
use crate::Level;

/// Every area needs questions at each of these levels.
const REQUIRED_LEVELS: [Level; 3] = [Level::Junior, Level::Mid, Level::Senior];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct InterviewFile {
    question: Vec<ParsedInterviewQuestion>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParsedInterviewQuestion {
    pub id: String,
    pub area: String,
    pub level: String,
    pub minutes: u8,
    pub prompt: String,
    pub strong: Vec<String>,
    pub red_flags: Vec<String>,
    pub follow_up: String,
    pub link: String,
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
        if Level::from_id(&q.level).is_none() {
            return Err(at(format!(
                "level `{}` is not one of {}",
                q.level,
                Level::ALL.map(Level::id).join(", ")
            )));
        }
        if !(3..=15).contains(&q.minutes) {
            return Err(at(format!("{} minutes: suggest 3 to 15", q.minutes)));
        }
        if q.prompt.trim().is_empty() || q.follow_up.trim().is_empty() {
            return Err(at("prompt and follow_up must not be empty".into()));
        }
        if !(3..=5).contains(&q.strong.len()) {
            return Err(at(format!(
                "has {} strong-answer points; give 3 to 5",
                q.strong.len()
            )));
        }
        if q.red_flags.is_empty() {
            return Err(at("needs at least one red flag".into()));
        }
        if q.strong
            .iter()
            .chain(&q.red_flags)
            .any(|p| p.trim().is_empty())
        {
            return Err(at("has an empty point".into()));
        }
    }
    let mut missing = Vec::new();
    for area in areas {
        for level in REQUIRED_LEVELS {
            if !raw
                .question
                .iter()
                .any(|q| q.area == area.id && q.level == level.id())
            {
                missing.push(format!("{} at {} level", area.id, level.id()));
            }
        }
    }
    if !missing.is_empty() {
        return Err(ContentError::new(
            file,
            format!(
                "every area needs junior, mid and senior questions; missing: {}",
                missing.join(", ")
            ),
        ));
    }
    Ok(raw.question)
}
