//! The interview question bank as data. The server writes the compiled bank
//! (`learning::INTERVIEW_QUESTIONS`, checked by the build) into the
//! interview page's island props, so the browser's code does not carry the
//! text compiled in: that would put it in the WASM every page downloads.

use serde::{Deserialize, Serialize};

use crate::quiz::bank::Area;

pub use guide_content::Level;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BankQuestion {
    pub id: String,
    pub area: Area,
    pub level: Level,
    /// Suggested time, in minutes.
    pub minutes: u32,
    pub prompt: String,
    /// What a strong answer covers.
    pub strong: Vec<String>,
    pub red_flags: Vec<String>,
    pub follow_up: String,
    /// The guide text behind the question.
    pub link: String,
}

impl BankQuestion {
    /// "Senior · about 5 min".
    pub fn level_and_time(&self) -> String {
        format!("{} \u{b7} about {} min", self.level.label(), self.minutes)
    }
}

/// The whole bank, in the order of `content/interview.toml`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Bank(pub Vec<BankQuestion>);

impl Bank {
    /// The bank as the build compiled it (server and host tests).
    pub fn compiled() -> Self {
        Self(
            crate::learning::INTERVIEW_QUESTIONS
                .iter()
                .map(|q| BankQuestion {
                    id: q.id.into(),
                    area: Area::from_id(q.area).expect("the build checks interview areas"),
                    level: q.level,
                    minutes: q.minutes.into(),
                    prompt: q.prompt.into(),
                    strong: q.strong.iter().map(|s| s.to_string()).collect(),
                    red_flags: q.red_flags.iter().map(|s| s.to_string()).collect(),
                    follow_up: q.follow_up.into(),
                    link: q.link.into(),
                })
                .collect(),
        )
    }

    pub fn get(&self, id: &str) -> Option<&BankQuestion> {
        self.0.iter().find(|q| q.id == id)
    }

    pub fn questions(&self) -> impl Iterator<Item = &BankQuestion> {
        self.0.iter()
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
            for level in [Level::Junior, Level::Mid, Level::Senior] {
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
    }
}
