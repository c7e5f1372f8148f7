//! The skill areas and the question bank, generated at build time from
//! `content/areas.toml` and `content/quiz/` (see `crates/guide-content`).
//! The generated file also names each area as a constant of [`Area`]
//! (`Area::APIS`, for the other generated data) and holds, on the server
//! only, the bank in the form it is served in (`bank_data`, see
//! [`super::bank_data`]).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use guide_content::{AnswerKind, Difficulty, Question, QuizOption};

include!(concat!(env!("OUT_DIR"), "/quiz.rs"));

/// A skill area of back end work, by its place in `content/areas.toml`;
/// questions and results are grouped by it. Stored (and serialized) as its
/// stable id, so reordering the file changes nothing stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Area(u8);

impl Area {
    /// Every area, in display order.
    pub fn all() -> impl Iterator<Item = Area> + Clone {
        (0..AREAS.len()).map(|i| Area(i as u8))
    }

    pub fn from_id(id: &str) -> Option<Area> {
        AREAS.iter().position(|a| a.id == id).map(|i| Area(i as u8))
    }

    /// The area a question belongs to (the build checks every one exists).
    pub fn of(question: &Question) -> Area {
        Area::from_id(question.area).expect("content checks every question's area")
    }

    fn info(self) -> &'static guide_content::Area {
        &AREAS[self.0 as usize]
    }

    pub fn id(self) -> &'static str {
        self.info().id
    }

    pub fn label(self) -> &'static str {
        self.info().label
    }

    /// The guide text that teaches the area as a whole.
    pub fn guide_link(self) -> &'static str {
        self.info().link
    }
}

impl Serialize for Area {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for Area {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let id = String::deserialize(deserializer)?;
        Area::from_id(&id).ok_or_else(|| serde::de::Error::custom(format!("unknown area `{id}`")))
    }
}

/// The bank: compiled in on the server (and in host tests); in the browser,
/// the copy the quiz fetched ([`super::bank_data`]), once installed.
/// The browser's code never names `QUESTIONS`, so the bank is not in its WASM.
pub fn questions() -> &'static [Question] {
    #[cfg(feature = "hydrate")]
    return INSTALLED.get().copied().unwrap_or_default();
    #[cfg(not(feature = "hydrate"))]
    QUESTIONS
}

#[cfg(feature = "hydrate")]
static INSTALLED: std::sync::OnceLock<&'static [Question]> = std::sync::OnceLock::new();

/// Makes `bank` the one [`questions`] answers with (the first one given
/// stays: the bank does not change while a page is open).
#[cfg(feature = "hydrate")]
pub fn install(bank: super::bank_data::BankData) {
    INSTALLED.get_or_init(|| bank.into_questions());
}

pub fn question(id: &str) -> Option<&'static Question> {
    questions().iter().find(|q| q.id == id)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::content;

    #[test]
    fn bank_is_large_and_ids_are_unique() {
        assert!(QUESTIONS.len() >= 60);
        let ids: HashSet<_> = QUESTIONS.iter().map(|q| q.id).collect();
        assert_eq!(ids.len(), QUESTIONS.len());
    }

    #[test]
    fn every_area_is_covered() {
        for area in Area::all() {
            assert!(
                QUESTIONS.iter().filter(|q| Area::of(q) == area).count() >= 5,
                "{area:?}"
            );
        }
    }

    #[test]
    fn answers_are_among_the_options_and_match_the_kind() {
        for q in QUESTIONS {
            let right = q.correct_indices();
            assert!(!right.is_empty(), "{}", q.id);
            match q.kind {
                AnswerKind::Single | AnswerKind::TrueFalse => {
                    assert_eq!(right.len(), 1, "{}", q.id)
                }
                AnswerKind::Multiple => assert!(right.len() >= 2, "{}", q.id),
            }
            for o in q.options.iter().filter(|o| !o.correct) {
                assert!(!o.why_wrong.is_empty(), "{}: {}", q.id, o.text);
            }
        }
        for kind in [
            AnswerKind::Single,
            AnswerKind::Multiple,
            AnswerKind::TrueFalse,
        ] {
            assert!(QUESTIONS.iter().any(|q| q.kind == kind), "{kind:?}");
        }
    }

    #[test]
    fn every_link_points_to_an_existing_section_and_heading() {
        let links = QUESTIONS
            .iter()
            .map(|q| q.link)
            .chain(Area::all().map(Area::guide_link));
        for link in links {
            let rest = link.strip_prefix("/guide/").expect(link);
            let (slug, heading) = rest.split_once('#').unwrap_or((rest, ""));
            let (_, section) =
                content::section(slug).unwrap_or_else(|| panic!("{link}: no section"));
            if !heading.is_empty() {
                assert!(
                    section.headings().any(|h| h.id == heading),
                    "{link}: no heading"
                );
            }
        }
    }

    #[test]
    fn area_ids_round_trip_through_json() {
        let vc = Area::from_id("version-control").unwrap();
        let json = serde_json::to_string(&vc).unwrap();
        assert_eq!(json, "\"version-control\"");
        assert_eq!(serde_json::from_str::<Area>(&json).unwrap(), vc);
        assert!(serde_json::from_str::<Area>("\"cooking\"").is_err());
        assert!(Area::all().all(|a| Area::from_id(a.id()) == Some(a)));
    }
}
