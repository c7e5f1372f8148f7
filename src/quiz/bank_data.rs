//! The question bank as a file of data, so that the browser's quiz code
//! does not carry it compiled in (it was about a quarter of the quiz's
//! download), nor the quiz page in its HTML (20 KB compressed, read before
//! the page's text could be shown). The server serves the bank at
//! `site_map::QUIZ_BANK` ([`bank_json`]), as the build wrote it into these
//! types (`bank::bank_data`, generated next to `bank::QUESTIONS`); the quiz
//! fetches it once when it starts in the browser, and
//! [`super::bank::questions`] answers from it from then on.

use serde::{Deserialize, Serialize};

use super::bank::{AnswerKind, Difficulty, Question, QuizOption};

/// The whole bank, in order. Visible in `quiz` for the generated
/// `bank::bank_data`, which fills it in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BankData(pub(super) Vec<QuestionData>);

/// The numbers for difficulty and kind are written by the build
/// (`DIFFICULTY_CODES` and `KIND_CODES` in `guide-content`'s code
/// generator) and read back in [`BankData::into_questions`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct QuestionData {
    pub(super) id: String,
    pub(super) area: String,
    /// 0 easy, 1 medium, 2 hard.
    pub(super) difficulty: u8,
    /// 0 single, 1 multiple, 2 true or false.
    pub(super) kind: u8,
    pub(super) prompt: String,
    pub(super) prompt_html: String,
    pub(super) explanation: String,
    pub(super) link: String,
    pub(super) link_title: String,
    /// Text, right or not, and why it is wrong.
    pub(super) options: Vec<(String, bool, String)>,
}

/// The bank as the server serves it.
#[cfg(not(feature = "hydrate"))]
pub fn bank_json() -> String {
    serde_json::to_string(&super::bank::bank_data()).expect("plain data")
}

impl BankData {
    /// The bank read back from [`bank_json`]'s text.
    pub fn parse(json: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// The questions again, kept for the life of the page (they are read
    /// once and never freed, like compiled-in data).
    pub fn into_questions(self) -> &'static [Question] {
        let keep = |s: String| -> &'static str { s.leak() };
        let questions: Vec<Question> = self
            .0
            .into_iter()
            .map(|q| Question {
                id: keep(q.id),
                area: keep(q.area),
                difficulty: match q.difficulty {
                    0 => Difficulty::Easy,
                    1 => Difficulty::Medium,
                    _ => Difficulty::Hard,
                },
                kind: match q.kind {
                    0 => AnswerKind::Single,
                    1 => AnswerKind::Multiple,
                    _ => AnswerKind::TrueFalse,
                },
                prompt: keep(q.prompt),
                prompt_html: keep(q.prompt_html),
                explanation: keep(q.explanation),
                link: keep(q.link),
                link_title: keep(q.link_title),
                options: q
                    .options
                    .into_iter()
                    .map(|(text, correct, why_wrong)| QuizOption {
                        text: keep(text),
                        correct,
                        why_wrong: keep(why_wrong),
                    })
                    .collect::<Vec<_>>()
                    .leak(),
            })
            .collect();
        questions.leak()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::bank::QUESTIONS;

    #[test]
    fn the_bank_survives_the_trip_through_json() {
        let back = BankData::parse(&bank_json()).unwrap();
        assert_eq!(back.into_questions(), QUESTIONS);
        assert!(BankData::parse("[{\"id\": 1}]").is_err());
        assert!(BankData::parse("<!DOCTYPE html>").is_err());
    }
}
