//! The interview question bank and the learning path, generated at build
//! time from `content/interview.toml` and `content/path.toml` (checked by
//! the build like the rest of the content).
//!
//! Server-side data: `/interview` (`pages::interview`) renders the bank and
//! serves it as JSON for the kit to fetch (`site_map::INTERVIEW_BANK`);
//! `/path` (`pages::path`) renders the stages and hands them to its island
//! as props; search indexes both, and the quiz's study plan names the stage
//! that trains each area. Island code gets them as data, never from these
//! statics, so their text stays out of the WASM.
//!
//! Besides the statics, the build writes that data in the app's own types,
//! worked out from the content: [`interview_bank`] (behind
//! `interview::Bank::compiled`) and [`path_stages`] (behind
//! `quiz::plan::PathStages::compiled`).

pub use guide_content::{InterviewQuestion, Level, PathCheck, PathStage};

include!(concat!(env!("OUT_DIR"), "/learning.rs"));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::bank::Area;

    #[test]
    fn the_generated_data_matches_the_areas_of_the_quiz() {
        assert!(INTERVIEW_QUESTIONS.len() >= 60);
        for q in INTERVIEW_QUESTIONS {
            assert!(Area::from_id(q.area).is_some(), "{}", q.id);
        }
        for area in Area::all() {
            for level in [Level::Junior, Level::Mid, Level::Senior] {
                assert!(
                    INTERVIEW_QUESTIONS
                        .iter()
                        .any(|q| q.area == area.id() && q.level == level),
                    "{} {level:?}",
                    area.id()
                );
            }
        }
        assert!(!PATH_PROJECT.is_empty());
        assert!(PATH_STAGES.len() >= 8);
        assert!(PATH_STAGES.iter().all(|s| !s.checks.is_empty()));
    }
}
