//! Share links: a kit's selection (name, level, areas, length, questions in
//! order) written into the URL, so that a colleague opens the same kit with
//! no server state. Notes and scores never go into a link.
//!
//! `/interview?kit=1&name=Senior%20API&level=senior&minutes=45&areas=apis,databases&q=api-a,db-b`

use super::{
    bank::{Bank, Level},
    kit::{Asked, Kit, MAX_QUESTIONS, clean_name},
};
use crate::{quiz::bank::Area, site_map};

/// The link format's version (`kit=1`).
const FORMAT: &str = "1";
/// The query key that opens practice mode.
const PRACTICE: &str = "practice";

/// Why a link could not be opened as a kit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// `kit=` names a format this version does not know.
    UnknownFormat(String),
    /// The level is missing or not one of the levels.
    BadLevel,
    /// None of the questions is in the bank (or there were none).
    NoQuestions,
}

/// A kit opened from a link, and how many of its questions were not found.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedKit {
    pub kit: Kit,
    pub unknown: usize,
}

/// The link to a kit, from the site's root.
pub fn link(kit: &Kit) -> String {
    let areas: Vec<&str> = kit.areas.iter().map(|a| a.id()).collect();
    let ids: Vec<&str> = kit.questions.iter().map(|q| q.id.as_str()).collect();
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("kit", FORMAT)
        .append_pair("name", &kit.name)
        .append_pair("level", kit.level.id())
        .append_pair("minutes", &kit.minutes.to_string())
        .append_pair("areas", &areas.join(","))
        .append_pair("q", &ids.join(","))
        .finish();
    format!("{}?{query}", site_map::INTERVIEW)
}

/// The decoded pairs of a page's query string (with or without its `?`).
fn pairs(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Whether the page was opened in practice mode (`/interview?practice`, the
/// link to give candidates).
pub fn wants_practice(query: &str) -> bool {
    pairs(query).iter().any(|(k, _)| k == PRACTICE)
}

/// Reads a page's query string (with or without its `?`). `Ok(None)` when
/// it carries no kit; unknown areas and questions are left out.
pub fn read(query: &str, bank: &Bank) -> Result<Option<SharedKit>, ShareError> {
    let pairs = pairs(query);
    let get = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    let Some(format) = get("kit") else {
        return Ok(None);
    };
    if format != FORMAT {
        return Err(ShareError::UnknownFormat(format.chars().take(20).collect()));
    }
    let level = get("level")
        .and_then(Level::from_id)
        .ok_or(ShareError::BadLevel)?;
    let list = |key: &str| -> Vec<String> {
        get(key)
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    let mut areas: Vec<Area> = Vec::new();
    for area in list("areas").iter().filter_map(|id| Area::from_id(id)) {
        if !areas.contains(&area) {
            areas.push(area);
        }
    }
    let mut questions: Vec<Asked> = Vec::new();
    let mut unknown = 0;
    for id in list("q") {
        if bank.get(&id).is_none() {
            unknown += 1;
        } else if !questions.iter().any(|q| q.id == id) && questions.len() < MAX_QUESTIONS {
            questions.push(Asked::new(&id));
        }
    }
    if questions.is_empty() {
        return Err(ShareError::NoQuestions);
    }
    let minutes = get("minutes")
        .and_then(|m| m.parse::<u32>().ok())
        .filter(|m| (1..=600).contains(m))
        .unwrap_or(60);
    Ok(Some(SharedKit {
        kit: Kit {
            id: 0,
            name: clean_name(get("name").unwrap_or_default(), level),
            level,
            areas,
            minutes,
            questions,
        },
        unknown,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kit(bank: &Bank) -> Kit {
        let mut kit = Kit::suggested(
            bank,
            "Senior: APIs & data, 2nd round?",
            Level::Senior,
            vec![
                Area::from_id("apis").unwrap(),
                Area::from_id("databases").unwrap(),
            ],
            45,
        );
        kit.questions[0].score = Some(4);
        kit.questions[0].notes = "secret notes".into();
        kit
    }

    #[test]
    fn a_link_gives_back_the_same_selection_without_notes_or_scores() {
        let bank = Bank::compiled();
        let kit = kit(&bank);
        let href = link(&kit);
        assert!(href.starts_with("/interview?kit=1&"));
        assert!(!href.contains("secret"));
        let query = href.split_once('?').unwrap().1;
        let shared = read(query, &bank).unwrap().unwrap();
        assert_eq!(shared.unknown, 0);
        assert!(shared.kit.same_selection(&kit));
        assert_eq!(shared.kit.name, kit.name);
        assert_eq!(
            (shared.kit.level, shared.kit.minutes),
            (kit.level, kit.minutes)
        );
        assert_eq!(shared.kit.areas, kit.areas);
        assert!(
            shared
                .kit
                .questions
                .iter()
                .all(|q| q.score.is_none() && q.notes.is_empty())
        );
        // The leading `?` is accepted too.
        assert_eq!(read(&format!("?{query}"), &bank).unwrap().unwrap(), shared);
    }

    #[test]
    fn practice_mode_is_a_key_of_its_own() {
        assert!(wants_practice("?practice"));
        assert!(wants_practice("practice=1&x=2"));
        assert!(!wants_practice(""));
        // A kit named "practice" is not a request for practice mode.
        assert!(!wants_practice("kit=1&name=practice&level=mid&q=a"));
    }

    #[test]
    fn pages_without_a_kit_are_not_errors() {
        let bank = Bank::compiled();
        assert_eq!(read("", &bank), Ok(None));
        assert_eq!(read("?practice=1", &bank), Ok(None));
    }

    #[test]
    fn malformed_links_are_refused_or_repaired() {
        let bank = Bank::compiled();
        let id = &bank.0[0].id;
        assert_eq!(
            read("kit=9&level=senior", &bank),
            Err(ShareError::UnknownFormat("9".into()))
        );
        assert_eq!(
            read(&format!("kit=1&q={id}"), &bank),
            Err(ShareError::BadLevel)
        );
        assert_eq!(
            read(&format!("kit=1&level=boss&q={id}"), &bank),
            Err(ShareError::BadLevel)
        );
        assert_eq!(read("kit=1&level=mid", &bank), Err(ShareError::NoQuestions));
        assert_eq!(
            read("kit=1&level=mid&q=nope,,zzz", &bank),
            Err(ShareError::NoQuestions)
        );
        assert_eq!(
            read("kit=1&level=mid&q=%E0%A4%A", &bank),
            Err(ShareError::NoQuestions)
        );
        // Unknown and repeated questions are dropped; odd values get defaults.
        let shared = read(
            &format!("kit=1&level=mid&minutes=-4&areas=apis,nope,apis&name=&q={id},gone,{id}"),
            &bank,
        )
        .unwrap()
        .unwrap();
        assert_eq!(shared.unknown, 1);
        assert_eq!(shared.kit.questions.len(), 1);
        assert_eq!(shared.kit.minutes, 60);
        assert_eq!(shared.kit.areas.len(), 1);
        assert_eq!(shared.kit.name, "Mid-level interview");
        // A link longer than a kit can hold is cut to the limit.
        let many: Vec<&str> = bank.questions().map(|q| q.id.as_str()).collect();
        let shared = read(&format!("kit=1&level=lead&q={}", many.join(",")), &bank)
            .unwrap()
            .unwrap();
        assert_eq!(shared.kit.questions.len(), MAX_QUESTIONS.min(many.len()));
    }
}
