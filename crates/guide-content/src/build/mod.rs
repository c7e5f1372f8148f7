//! The content pipeline run by the app's `build.rs`: read `content/`, check
//! it (each file alone, then links across files, then the quiz bank as a
//! whole), and write the static data. A problem stops the build with a
//! message naming the file, and the section, term or question at fault.

mod areas;
mod codegen;
pub mod cues;
mod fairness;
mod glossary;
mod interview;
pub mod lab;
mod link_check;
mod path;
pub mod pins;
mod quiz;
mod section;

use std::{fmt, fs, path::Path};

pub use areas::{ParsedArea, parse_areas};
pub use codegen::{Generated, generate};
pub use fairness::{
    RULES, Rules, check_bank, correct_is_strictly_longest, correct_is_strictly_shortest,
};
pub use glossary::{ParsedTerm, parse_glossary};
pub use interview::{Anchors, ParsedInterviewQuestion, check_coverage, parse_interview};
pub use lab::{ParsedExercise, TryIt, parse_exercises, parse_try_it};
pub use link_check::{
    LinkTargets, check_lab_links, check_learning_links, check_quiz_links, check_site,
};
pub use path::{ParsedCheck, ParsedPath, ParsedStage, parse_path};
pub use quiz::{ParsedOption, ParsedQuestion, parse_quiz};
pub use section::{
    ParsedBlock, ParsedHeading, ParsedSection, REVIEW_VALID_DAYS, WORDS_PER_MINUTE, check_currency,
    check_sections, day_number, parse_section, parse_section_with, plain_text, today,
};

pub const GUIDE_DIR: &str = "content/guide";
pub const GLOSSARY_FILE: &str = "content/glossary.toml";
pub const AREAS_FILE: &str = "content/areas.toml";
/// The quiz bank: one file per area (any `.toml` file in it is read, in
/// name order).
pub const QUIZ_DIR: &str = "content/quiz";
pub const INTERVIEW_FILE: &str = "content/interview.toml";
pub const PATH_FILE: &str = "content/path.toml";

/// A problem in one content file, with enough context to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    pub file: String,
    pub message: String,
}

impl ContentError {
    pub fn new(file: &str, message: impl Into<String>) -> Self {
        Self {
            file: file.to_string(),
            message: message.into(),
        }
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

/// Parses a TOML data file, naming the file when it is not valid.
fn parse_toml<T: serde::de::DeserializeOwned>(file: &str, source: &str) -> Result<T, ContentError> {
    toml::from_str(source).map_err(|e| ContentError::new(file, format!("not valid: {e}")))
}

/// Checks an entry's id: well formed, and not used by an earlier entry.
fn check_id(seen: &mut std::collections::HashSet<String>, id: &str) -> Result<(), String> {
    if !section::is_valid_id(id) {
        return Err("id must be lowercase words joined by hyphens".into());
    }
    if !seen.insert(id.to_string()) {
        return Err("id is used twice".into());
    }
    Ok(())
}

/// Checks that `id` names an area of `content/areas.toml`.
fn check_area(areas: &[ParsedArea], id: &str) -> Result<(), String> {
    if areas.iter().any(|a| a.id == id) {
        return Ok(());
    }
    let known: Vec<_> = areas.iter().map(|a| a.id.as_str()).collect();
    Err(format!(
        "unknown area `{id}` (one of {}, from content/areas.toml)",
        known.join(", ")
    ))
}

/// Everything in `content/`, parsed and checked.
#[derive(Debug, Clone)]
pub struct Content {
    pub sections: Vec<ParsedSection>,
    pub glossary: Vec<ParsedTerm>,
    pub areas: Vec<ParsedArea>,
    pub quiz: Vec<ParsedQuestion>,
    pub interview: Vec<ParsedInterviewQuestion>,
    pub path: ParsedPath,
    /// The SQL lab's exercises.
    pub lab: Vec<ParsedExercise>,
    /// The lab database's tables and indexes, as SQL.
    pub lab_schema: String,
}

/// Reads and checks the content under `root` (the folder holding `content/`).
pub fn load(root: &Path) -> Result<Content, Vec<ContentError>> {
    let mut errors = Vec::new();
    let try_it = load_file(root, lab::TRY_IT_FILE, &mut errors, |f, s| {
        parse_try_it(f, s).map(|t| vec![t])
    })
    .pop()
    .unwrap_or_default();
    let sections = load_sections(root, &try_it, &mut errors);
    let exercises = load_file(root, lab::EXERCISES_FILE, &mut errors, parse_exercises);
    let lab_schema = load_file(root, lab::SEED_FILE, &mut errors, |_, s| {
        Ok(vec![lab::schema_of(s)])
    })
    .pop()
    .unwrap_or_default();
    let glossary = load_file(root, GLOSSARY_FILE, &mut errors, parse_glossary);
    let areas = load_file(root, AREAS_FILE, &mut errors, parse_areas);
    let (quiz, interview, path) = if areas.is_empty() {
        (Vec::new(), Vec::new(), None)
    } else {
        let quiz = load_quiz(root, &areas, &mut errors);
        let interview = load_file(root, INTERVIEW_FILE, &mut errors, |f, s| {
            parse_interview(f, s, &areas)
        });
        let path = load_file(root, PATH_FILE, &mut errors, |f, s| {
            parse_path(f, s, &areas).map(|p| vec![p])
        })
        .pop();
        (quiz, interview, path)
    };
    if errors.is_empty() {
        let targets = LinkTargets {
            sections: &sections,
            glossary: &glossary,
        };
        errors.extend(check_sections(&sections));
        errors.extend(check_currency(&sections, today()));
        errors.extend(check_site(&targets));
        errors.extend(check_quiz_links(&targets, &areas, &quiz));
        errors.extend(check_bank(&RULES, &areas, &quiz));
        if let Some(path) = &path {
            errors.extend(check_learning_links(&targets, &interview, path));
            errors.extend(check_lab_links(
                &targets, &exercises, &interview, path, &try_it, &sections,
            ));
        }
    }
    match path {
        Some(path) if errors.is_empty() => Ok(Content {
            sections,
            glossary,
            areas,
            quiz,
            interview,
            path,
            lab: exercises,
            lab_schema,
        }),
        _ => Err(errors),
    }
}

fn load_sections(
    root: &Path,
    try_it: &TryIt,
    errors: &mut Vec<ContentError>,
) -> Vec<ParsedSection> {
    let files = match files_in(root, GUIDE_DIR, "md") {
        Ok(files) => files,
        Err(e) => {
            errors.push(e);
            return Vec::new();
        }
    };
    let mut sections = Vec::new();
    for name in &files {
        match fs::read_to_string(root.join(name)) {
            Ok(source) => match parse_section_with(name, &source, try_it) {
                Ok(section) => sections.push(section),
                Err(e) => errors.push(e),
            },
            Err(e) => errors.push(io_error(name, e)),
        }
    }
    sections
}

/// Reads every file of the quiz bank; an id may be used in one file only.
fn load_quiz(
    root: &Path,
    areas: &[ParsedArea],
    errors: &mut Vec<ContentError>,
) -> Vec<ParsedQuestion> {
    let files = match files_in(root, QUIZ_DIR, "toml") {
        Ok(files) => files,
        Err(e) => {
            errors.push(e);
            return Vec::new();
        }
    };
    let mut quiz: Vec<ParsedQuestion> = Vec::new();
    for name in files {
        for q in load_file(root, &name, errors, |f, s| parse_quiz(f, s, areas)) {
            if let Some(first) = quiz.iter().find(|p| p.id == q.id) {
                errors.push(ContentError::new(
                    &name,
                    format!("question `{}`: id is used in {} too", q.id, first.file),
                ));
            }
            quiz.push(q);
        }
    }
    quiz
}

/// The files with extension `ext` in `dir` (relative to `root`), as
/// `dir/name`, in name order.
fn files_in(root: &Path, dir: &str, ext: &str) -> Result<Vec<String>, ContentError> {
    let entries = fs::read_dir(root.join(dir)).map_err(|e| io_error(dir, e))?;
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .map(|p| {
            format!(
                "{dir}/{}",
                p.file_name().unwrap_or_default().to_string_lossy()
            )
        })
        .collect();
    names.sort();
    if names.is_empty() {
        return Err(ContentError::new(dir, format!("holds no `.{ext}` files")));
    }
    Ok(names)
}

/// Reads and parses one data file; a problem is recorded and yields nothing.
fn load_file<T>(
    root: &Path,
    file: &str,
    errors: &mut Vec<ContentError>,
    parse: impl FnOnce(&str, &str) -> Result<Vec<T>, ContentError>,
) -> Vec<T> {
    fs::read_to_string(root.join(file))
        .map_err(|e| io_error(file, e))
        .and_then(|source| parse(file, &source))
        .unwrap_or_else(|e| {
            errors.push(e);
            Vec::new()
        })
}

fn io_error(file: &str, e: std::io::Error) -> ContentError {
    ContentError::new(file, format!("cannot be read: {e}"))
}

/// The whole build script: load and check `content/` under the package
/// root, write the generated files to `out_dir`, or print every problem
/// and fail the build.
pub fn run_build_script(root: &Path, out_dir: &Path) -> Result<(), Vec<ContentError>> {
    let content = load(root)?;
    let generated = generate(&content);
    for (name, code) in [
        ("content.rs", &generated.content),
        ("quiz.rs", &generated.quiz),
        ("search.rs", &generated.search),
        ("learning.rs", &generated.learning),
        ("lab.rs", &generated.lab),
    ] {
        fs::write(out_dir.join(name), code)
            .map_err(|e| vec![ContentError::new(name, format!("cannot be written: {e}"))])?;
    }
    Ok(())
}
#[cfg(test)]
mod tests;
