//! The interview question bank as data. The build writes it from
//! `content/interview.toml` straight into these types
//! (`learning::interview_bank`, which [`Bank::compiled`] returns). The
//! server serves it as a JSON file
//! (`site_map::INTERVIEW_BANK`) that the kit fetches when it starts: not
//! compiled into the WASM every page downloads, and not a second copy of
//! the bank in the page's HTML beside the server-rendered list.

use serde::{Deserialize, Serialize};

use crate::quiz::bank::Area;

pub use guide_content::{InterviewKind, Level};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BankQuestion {
    pub id: String,
    pub area: Area,
    pub level: Level,
    pub kind: InterviewKind,
    /// Suggested time, in minutes.
    pub minutes: u32,
    pub prompt: String,
    /// For experience questions: the question for candidates without that
    /// experience at work; empty otherwise.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fallback: String,
    /// For work samples: what the candidate is given, as HTML, then a
    /// link to the SQL lab exercise on the same skill when there is one
    /// (made by the build, with the address `site_map::lab_exercise` gives).
    /// The interview island has no view code of its own for the link.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub material_html: String,
    /// The points without which an answer cannot score 3.
    pub must: Vec<String>,
    /// What an answer scoring 1, 2, 3 and 4 sounds like for this question.
    pub anchors: [String; 4],
    /// The other points a strong answer covers.
    pub strong: Vec<String>,
    pub red_flags: Vec<String>,
    pub follow_up: String,
    /// The guide text behind the question.
    pub link: String,
}

impl BankQuestion {
    /// "Senior · Work sample · about 5 min".
    pub fn level_and_time(&self) -> String {
        format!(
            "{} \u{b7} {} \u{b7} about {} min",
            self.level.label(),
            self.kind.label(),
            self.minutes
        )
    }

    /// What an answer scoring `score` (1-4) sounds like.
    pub fn anchor(&self, score: u8) -> &str {
        match score {
            1..=4 => &self.anchors[usize::from(score - 1)],
            _ => "",
        }
    }
}

/// The whole bank, in the order of `content/interview.toml`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Bank(pub Vec<BankQuestion>);

impl Bank {
    /// The bank as the build wrote it (server and host tests).
    pub fn compiled() -> Self {
        crate::learning::interview_bank()
    }

    pub fn get(&self, id: &str) -> Option<&BankQuestion> {
        self.0.iter().find(|q| q.id == id)
    }

    pub fn questions(&self) -> impl Iterator<Item = &BankQuestion> {
        self.0.iter()
    }

    /// The bank as the server serves it to the kit.
    pub fn json(&self) -> String {
        serde_json::to_string(self).expect("plain data")
    }

    /// The areas that have questions, in the quiz's order.
    pub fn areas(&self) -> Vec<Area> {
        Area::all()
            .filter(|a| self.0.iter().any(|q| q.area == *a))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_bank_round_trips_as_props_and_covers_every_area_and_level() {
        let bank = Bank::compiled();
        assert!(bank.0.len() >= 60);
        let json = serde_json::to_string(&bank).unwrap();
        assert_eq!(serde_json::from_str::<Bank>(&json).unwrap(), bank);
        for area in Area::all() {
            for level in Level::ALL {
                assert!(
                    bank.questions().any(|q| q.area == area && q.level == level),
                    "{} has no {} question",
                    area.id(),
                    level.id()
                );
            }
        }
        let mut ids: Vec<&str> = bank.questions().map(|q| q.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), bank.0.len(), "ids are unique");
        for q in bank.questions() {
            assert!(
                q.anchors.iter().all(|a| !a.is_empty()),
                "{} has its anchors",
                q.id
            );
            assert_eq!(q.anchor(3), q.anchors[2]);
        }
    }

    #[test]
    fn work_samples_with_a_lab_exercise_link_to_it_after_their_material() {
        let bank = Bank::compiled();
        let linked: Vec<&BankQuestion> = bank
            .questions()
            .filter(|q| q.material_html.contains("class=\"lab-link\""))
            .collect();
        let with_lab = crate::learning::INTERVIEW_QUESTIONS
            .iter()
            .filter(|q| !q.lab.is_empty());
        assert_eq!(linked.len(), with_lab.clone().count());
        assert!(linked.len() >= 2);
        for (q, source) in linked.iter().zip(with_lab) {
            assert_eq!(q.id, source.id);
            // The build writes the link: the same address as the site's own.
            let href = format!("href=\"{}\"", crate::site_map::lab_exercise(source.lab));
            assert!(q.material_html.contains(&href), "{}: {href}", q.id);
            assert!(
                q.material_html.starts_with(source.material_html),
                "{}",
                q.id
            );
            assert!(
                !source.material_html.is_empty(),
                "{} gives material first",
                q.id
            );
        }
    }
}
