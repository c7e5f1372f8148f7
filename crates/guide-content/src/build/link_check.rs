//! Every site-internal link in the content must reach something that exists.
//! Links are read with [`crate::links::parse`], the same format the app
//! writes them in.

use std::collections::HashSet;

use crate::links::{self, Target};

use super::{
    ContentError, ParsedArea, ParsedExercise, ParsedInterviewQuestion, ParsedPath, ParsedQuestion,
    ParsedSection, ParsedTerm, TryIt, lab,
};

/// Everything a site-internal link may point at.
pub struct LinkTargets<'a> {
    pub sections: &'a [ParsedSection],
    pub glossary: &'a [ParsedTerm],
}

impl LinkTargets<'_> {
    /// Checks one site-internal link; `Err` says what is missing.
    pub fn check(&self, link: &str) -> Result<(), String> {
        match links::parse(link) {
            Target::Glossary { term: None } => Ok(()),
            Target::Glossary { term: Some(id) } => {
                if self.glossary.iter().any(|t| t.id == id) {
                    Ok(())
                } else {
                    Err(format!("`{link}`: no glossary term `{id}`"))
                }
            }
            Target::Section { slug, heading } => {
                let section = self
                    .sections
                    .iter()
                    .find(|s| s.slug == slug)
                    .ok_or_else(|| format!("`{link}`: no section `{slug}`"))?;
                match heading {
                    None => Ok(()),
                    Some(id) if section.headings().any(|h| h.id == id) => Ok(()),
                    Some(id) => Err(format!("`{link}`: section `{slug}` has no heading `{id}`")),
                }
            }
            // The app's own pages (`/quiz`, ...) are known to its router, not
            // here: the generated `PAGE_LINKS` are checked against the routes
            // by the app's tests.
            Target::Page { fragment: None, .. } => Ok(()),
            Target::Page { .. } => Err(format!(
                "`{link}`: only guide and glossary links may have a `#` part"
            )),
        }
    }

    /// Checks a link that must lead to guide text (a section or a heading).
    pub fn check_guide(&self, link: &str) -> Result<(), String> {
        match links::parse(link) {
            Target::Section { .. } => self.check(link),
            _ => Err(format!(
                "`{link}`: must be /guide/<slug> or /guide/<slug>#<heading>"
            )),
        }
    }
}

/// Checks the sections as a set: unique slugs and every internal link resolvable.
pub fn check_site(targets: &LinkTargets) -> Vec<ContentError> {
    let mut errors = Vec::new();
    let mut slugs = HashSet::new();
    for s in targets.sections {
        if !slugs.insert(s.slug.as_str()) {
            errors.push(ContentError::new(
                &s.file,
                format!("slug `{}` is used twice", s.slug),
            ));
        }
    }
    for s in targets.sections {
        for link in &s.links {
            if let Err(e) = targets.check(link) {
                errors.push(ContentError::new(&s.file, format!("broken link {e}")));
            }
        }
    }
    for t in targets.glossary {
        for link in &t.links {
            if let Err(e) = targets.check(link) {
                errors.push(ContentError::new(
                    super::GLOSSARY_FILE,
                    format!("term `{}`: broken link {e}", t.id),
                ));
            }
        }
    }
    errors
}

impl LinkTargets<'_> {
    /// An error (in `file`, naming `owner`) for each link that does not lead
    /// to guide text.
    fn broken_guide_links<'a>(
        &self,
        file: &str,
        owner: &str,
        links: impl IntoIterator<Item = &'a String>,
    ) -> Vec<ContentError> {
        links
            .into_iter()
            .filter_map(|link| self.check_guide(link).err())
            .map(|e| ContentError::new(file, format!("{owner}: broken link {e}")))
            .collect()
    }
}

/// Checks that every question and area links to guide text.
pub fn check_quiz_links(
    targets: &LinkTargets,
    areas: &[ParsedArea],
    quiz: &[ParsedQuestion],
) -> Vec<ContentError> {
    let questions = quiz.iter().flat_map(|q| {
        targets.broken_guide_links(&q.file, &format!("question `{}`", q.id), [&q.link])
    });
    let areas = areas.iter().flat_map(|a| {
        targets.broken_guide_links(super::AREAS_FILE, &format!("area `{}`", a.id), [&a.link])
    });
    questions.chain(areas).collect()
}

/// Checks the interview bank's and the learning path's links into the
/// guide, and the path's glossary terms.
pub fn check_learning_links(
    targets: &LinkTargets,
    interview: &[ParsedInterviewQuestion],
    path: &ParsedPath,
) -> Vec<ContentError> {
    let mut errors = Vec::new();
    for q in interview {
        let owner = format!("question `{}`", q.id);
        errors.extend(targets.broken_guide_links(super::INTERVIEW_FILE, &owner, [&q.link]));
    }
    for s in &path.stage {
        let owner = format!("stage `{}`", s.id);
        errors.extend(targets.broken_guide_links(super::PATH_FILE, &owner, &s.sections));
        for term in &s.terms {
            if !targets.glossary.iter().any(|t| &t.id == term) {
                errors.push(ContentError::new(
                    super::PATH_FILE,
                    format!("{owner}: no glossary term `{term}`"),
                ));
            }
        }
    }
    errors
}

/// Checks the SQL lab's links: each exercise's guide heading, the exercises
/// the path and the interview bank name, and that every "Try it" variant is
/// used by a guide block.
pub fn check_lab_links(
    targets: &LinkTargets,
    exercises: &[ParsedExercise],
    interview: &[ParsedInterviewQuestion],
    path: &ParsedPath,
    try_it: &TryIt,
    sections: &[ParsedSection],
) -> Vec<ContentError> {
    let mut errors = Vec::new();
    for e in exercises {
        let owner = format!("exercise `{}`", e.id);
        errors.extend(targets.broken_guide_links(lab::EXERCISES_FILE, &owner, [&e.guide]));
    }
    let exists = |id: &str| exercises.iter().any(|e| e.id == id);
    for s in &path.stage {
        for id in s.lab.iter().filter(|id| !exists(id)) {
            errors.push(ContentError::new(
                super::PATH_FILE,
                format!("stage `{}`: no lab exercise `{id}`", s.id),
            ));
        }
    }
    for q in interview {
        if let Some(id) = q.lab.as_deref().filter(|id| !exists(id)) {
            errors.push(ContentError::new(
                super::INTERVIEW_FILE,
                format!("question `{}`: no lab exercise `{id}`", q.id),
            ));
        }
    }
    let used: HashSet<String> = sections
        .iter()
        .flat_map(|s| s.try_variants.iter().cloned())
        .collect();
    for id in lab::unused_variants(try_it, &used) {
        errors.push(ContentError::new(
            lab::TRY_IT_FILE,
            format!("variant `{id}` is used by no guide block (```sql try={id})"),
        ));
    }
    errors
}
