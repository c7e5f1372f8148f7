//! The question bank, generated at build time from `content/quiz.toml`.

use serde::{Deserialize, Serialize};

/// A skill area of back end work; questions and results are grouped by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Area {
    Languages,
    Databases,
    Frameworks,
    Apis,
    VersionControl,
    Security,
    Performance,
    Deployment,
    Teamwork,
}

impl Area {
    pub const ALL: [Area; 9] = [
        Area::Languages,
        Area::Databases,
        Area::Frameworks,
        Area::Apis,
        Area::VersionControl,
        Area::Security,
        Area::Performance,
        Area::Deployment,
        Area::Teamwork,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Area::Languages => "Server-side languages",
            Area::Databases => "Databases",
            Area::Frameworks => "Frameworks and runtimes",
            Area::Apis => "APIs",
            Area::VersionControl => "Version control",
            Area::Security => "Security",
            Area::Performance => "Performance and scalability",
            Area::Deployment => "Deployment and servers",
            Area::Teamwork => "Teamwork and practices",
        }
    }

    /// The guide page that teaches the area as a whole.
    pub fn guide_link(self) -> &'static str {
        match self {
            Area::Languages => "/guide/skills#server-side-languages",
            Area::Databases => "/guide/skills#databases",
            Area::Frameworks => "/guide/skills#frameworks-and-runtimes",
            Area::Apis => "/guide/tools#apis",
            Area::VersionControl => "/guide/tools#version-control",
            Area::Security => "/guide/responsibilities#data-security",
            Area::Performance => "/guide/responsibilities#performance-and-scalability",
            Area::Deployment => "/guide/skills#server-management-and-deployment",
            Area::Teamwork => "/guide/teamwork",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One right option.
    Single,
    /// "Select all that apply", with partial credit.
    Multiple,
    /// The options True and False.
    TrueFalse,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuizOption {
    pub text: &'static str,
    pub correct: bool,
    /// Why this option is wrong; empty for right options.
    pub why_wrong: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    pub id: &'static str,
    pub area: Area,
    pub difficulty: Difficulty,
    pub kind: Kind,
    pub prompt: &'static str,
    pub explanation: &'static str,
    /// `/guide/<slug>#<heading>` of the text that teaches it.
    pub link: &'static str,
    pub options: &'static [QuizOption],
}

impl Question {
    pub fn correct_indices(&self) -> Vec<usize> {
        (0..self.options.len())
            .filter(|&i| self.options[i].correct)
            .collect()
    }
}

include!(concat!(env!("OUT_DIR"), "/quiz.rs"));

pub fn question(id: &str) -> Option<&'static Question> {
    QUESTIONS.iter().find(|q| q.id == id)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::content;

    #[test]
    fn bank_is_large_and_ids_are_unique() {
        assert!(QUESTIONS.len() >= 30);
        let ids: HashSet<_> = QUESTIONS.iter().map(|q| q.id).collect();
        assert_eq!(ids.len(), QUESTIONS.len());
    }

    #[test]
    fn every_area_is_covered() {
        for area in Area::ALL {
            assert!(
                QUESTIONS.iter().filter(|q| q.area == area).count() >= 3,
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
                Kind::Single | Kind::TrueFalse => assert_eq!(right.len(), 1, "{}", q.id),
                Kind::Multiple => assert!(right.len() >= 2, "{}", q.id),
            }
            for o in q.options.iter().filter(|o| !o.correct) {
                assert!(!o.why_wrong.is_empty(), "{}: {}", q.id, o.text);
            }
        }
        for kind in [Kind::Single, Kind::Multiple, Kind::TrueFalse] {
            assert!(QUESTIONS.iter().any(|q| q.kind == kind), "{kind:?}");
        }
    }

    #[test]
    fn every_link_points_to_an_existing_section_and_heading() {
        let links = QUESTIONS
            .iter()
            .map(|q| q.link)
            .chain(Area::ALL.iter().map(|a| a.guide_link()));
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
        let json = serde_json::to_string(&Area::VersionControl).unwrap();
        assert_eq!(json, "\"version-control\"");
        assert_eq!(
            serde_json::from_str::<Area>(&json).unwrap(),
            Area::VersionControl
        );
    }
}
