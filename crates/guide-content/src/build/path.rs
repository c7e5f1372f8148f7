//! The learning path: `content/path.toml`.

use std::collections::HashSet;

use serde::Deserialize;

use super::{ContentError, ParsedArea, check_area, check_id, parse_toml};

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParsedPath {
    /// The project that grows through the stages.
    pub project: String,
    pub stage: Vec<ParsedStage>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParsedStage {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// About how many hours of study and practice the stage takes.
    pub hours: u16,
    pub areas: Vec<String>,
    pub goals: Vec<String>,
    pub sections: Vec<String>,
    pub terms: Vec<String>,
    pub project: String,
    pub check: Vec<ParsedCheck>,
    /// Ids of SQL lab exercises that practise the stage.
    #[serde(default)]
    pub lab: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParsedCheck {
    pub id: String,
    pub text: String,
    /// How to meet the check alone, when `text` needs other people.
    #[serde(default)]
    pub solo: Option<String>,
    /// The stored ids (`stage/check`) this check had before: ticks saved
    /// under them count for it.
    #[serde(default)]
    pub formerly: Vec<String>,
}

/// Parses and checks the path on its own (links and terms are checked with
/// the rest of the site); errors name the stage.
pub fn parse_path(
    file: &str,
    source: &str,
    areas: &[ParsedArea],
) -> Result<ParsedPath, ContentError> {
    let path: ParsedPath = parse_toml(file, source)?;
    if path.project.trim().is_empty() || path.stage.is_empty() {
        return Err(ContentError::new(
            file,
            "needs a project and at least one stage",
        ));
    }
    let mut stages = HashSet::new();
    for s in &path.stage {
        let at = |msg: String| ContentError::new(file, format!("stage `{}`: {msg}", s.id));
        check_id(&mut stages, &s.id).map_err(at)?;
        for text in [&s.title, &s.summary, &s.project] {
            if text.trim().is_empty() {
                return Err(at("title, summary and project must not be empty".into()));
            }
        }
        if !(1..=200).contains(&s.hours) {
            return Err(at(format!("{} hours: estimate 1 to 200", s.hours)));
        }
        if s.goals.is_empty() || s.check.is_empty() || s.sections.is_empty() {
            return Err(at("needs goals, guide sections and checks".into()));
        }
        for area in &s.areas {
            check_area(areas, area).map_err(at)?;
        }
        let mut checks = HashSet::new();
        for c in &s.check {
            check_id(&mut checks, &c.id).map_err(|m| at(format!("check `{}`: {m}", c.id)))?;
            if c.text.trim().is_empty() {
                return Err(at(format!("check `{}` has no text", c.id)));
            }
        }
    }
    check_former_ids(file, &path)?;
    let untrained: Vec<&str> = areas
        .iter()
        .filter(|a| !path.stage.iter().any(|s| s.areas.contains(&a.id)))
        .map(|a| a.id.as_str())
        .collect();
    if !untrained.is_empty() {
        return Err(ContentError::new(
            file,
            format!("no stage trains the area(s) {}", untrained.join(", ")),
        ));
    }
    Ok(path)
}

/// A former id names one check only, and never a check that exists today.
fn check_former_ids(file: &str, path: &ParsedPath) -> Result<(), ContentError> {
    let current: HashSet<String> = path
        .stage
        .iter()
        .flat_map(|s| s.check.iter().map(move |c| format!("{}/{}", s.id, c.id)))
        .collect();
    let mut former = HashSet::new();
    for s in &path.stage {
        for c in &s.check {
            for old in &c.formerly {
                let at = |msg: &str| {
                    ContentError::new(
                        file,
                        format!(
                            "stage `{}`: check `{}`: former id `{old}` {msg}",
                            s.id, c.id
                        ),
                    )
                };
                let well_formed = old.split_once('/').is_some_and(|(a, b)| {
                    super::section::is_valid_id(a) && super::section::is_valid_id(b)
                });
                if !well_formed {
                    return Err(at("is not `stage-id/check-id`"));
                }
                if current.contains(old) {
                    return Err(at("is the id of a check that exists"));
                }
                if !former.insert(old.clone()) {
                    return Err(at("is claimed by two checks"));
                }
            }
        }
    }
    Ok(())
}
