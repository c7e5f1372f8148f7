//! What the quiz keeps in the browser: the attempt in progress and history.

use serde::{Deserialize, Serialize};

use super::schema::Record;
use crate::quiz::{
    attempt::{Attempt, Mode},
    bank::Area,
    scoring::{Results, is_fully_right},
};

/// How many finished attempts are kept.
pub const HISTORY_LIMIT: usize = 50;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct QuizData {
    #[serde(default)]
    pub in_progress: Option<Attempt>,
    #[serde(default)]
    pub history: Vec<Finished>,
    /// The last finished attempt with its answers, so its results and study
    /// plan can be shown again after leaving the page.
    #[serde(default)]
    pub last: Option<Attempt>,
    /// The question of `in_progress` whose feedback is on screen, so a
    /// reload keeps the explanation being read.
    #[serde(default)]
    pub feedback: Option<usize>,
}

/// A finished attempt, as shown in the history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finished {
    /// Milliseconds since the Unix epoch.
    pub finished_at: f64,
    pub mode: Mode,
    pub percent: u32,
    pub by_area: Vec<(Area, u32)>,
    /// Ids of the questions not answered fully right, for "review my mistakes".
    #[serde(default)]
    pub missed: Vec<String>,
}

impl Record for QuizData {
    const NAME: &'static str = "quiz";
    const VERSION: u64 = 1;
}

impl QuizData {
    pub fn best_percent(&self) -> Option<u32> {
        self.history.iter().map(|f| f.percent).max()
    }

    /// Moves a finished attempt from "in progress" into the history.
    pub fn finish(&mut self, attempt: &Attempt, results: &Results, now_ms: f64) -> Finished {
        let missed = attempt
            .answers()
            .filter(|(q, a)| !is_fully_right(q, a))
            .map(|(q, _)| q.id.to_string())
            .collect();
        let finished = Finished {
            finished_at: now_ms,
            mode: attempt.mode,
            percent: results.total.percent(),
            by_area: results
                .by_area
                .iter()
                .map(|(a, s)| (*a, s.percent()))
                .collect(),
            missed,
        };
        self.in_progress = None;
        self.feedback = None;
        self.last = Some(attempt.clone());
        self.history.insert(0, finished.clone());
        self.history.truncate(HISTORY_LIMIT);
        finished
    }

    /// Repairs data read back from storage against the current question
    /// bank. Returns how many stored answers were dropped.
    pub fn reconcile(&mut self) -> usize {
        let dropped = self.in_progress.as_mut().map_or(0, Attempt::reconcile);
        if let Some(last) = &mut self.last {
            last.reconcile();
            if last.answered() == 0 {
                self.last = None;
            }
        }
        // Feedback is shown only for a question that has been answered.
        let answered = |at: usize| {
            self.in_progress
                .as_ref()
                .and_then(|a| a.questions.get(at))
                .is_some_and(|p| p.answer.is_some())
        };
        if self.feedback.is_some_and(|at| !answered(at)) {
            self.feedback = None;
        }
        if self
            .in_progress
            .as_ref()
            .is_some_and(|a| a.questions.is_empty())
        {
            self.in_progress = None;
        }
        for f in &mut self.history {
            f.missed
                .retain(|id| crate::quiz::bank::question(id).is_some());
        }
        dropped
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        quiz::{bank::QUESTIONS, scoring::results},
        storage::schema::{decode, encode},
    };

    #[test]
    fn finishing_records_history_and_mistakes() {
        let mut data = QuizData::default();
        let mut attempt = Attempt::new(1, Mode::Full, &[QUESTIONS[0].id, QUESTIONS[1].id], None);
        attempt.answer(&QUESTIONS_right(0)).unwrap();
        let wrong = QUESTIONS[1]
            .options
            .iter()
            .position(|o| !o.correct)
            .unwrap();
        attempt.answer(&[wrong]).unwrap();
        data.in_progress = Some(attempt.clone());
        let r = results(attempt.answers());
        let f = data.finish(&attempt, &r, 1000.0);
        assert_eq!(f.percent, 50);
        assert_eq!(f.missed, vec![QUESTIONS[1].id.to_string()]);
        assert!(data.in_progress.is_none());
        assert_eq!(data.best_percent(), Some(50));
        assert_eq!(data.last.as_ref(), Some(&attempt), "kept for showing again");
    }

    #[test]
    fn feedback_on_screen_survives_a_reload_only_for_an_answered_question() {
        let mut attempt = Attempt::new(1, Mode::Full, &[QUESTIONS[0].id, QUESTIONS[1].id], None);
        attempt.answer(&QUESTIONS_right(0)).unwrap();
        let mut data = QuizData {
            in_progress: Some(attempt),
            feedback: Some(0),
            ..QuizData::default()
        };
        let mut again: QuizData = decode(&encode(&data)).unwrap();
        again.reconcile();
        assert_eq!(again.feedback, Some(0));
        data.feedback = Some(1);
        data.reconcile();
        assert_eq!(data.feedback, None);
    }

    #[allow(non_snake_case)]
    fn QUESTIONS_right(i: usize) -> Vec<usize> {
        QUESTIONS[i].correct_indices()
    }

    #[test]
    fn history_is_capped_and_newest_first() {
        let mut data = QuizData::default();
        let attempt = Attempt::new(1, Mode::Quick, &[], None);
        for i in 0..(HISTORY_LIMIT + 5) {
            data.finish(&attempt, &results(std::iter::empty()), i as f64);
        }
        assert_eq!(data.history.len(), HISTORY_LIMIT);
        assert_eq!(data.history[0].finished_at, (HISTORY_LIMIT + 4) as f64);
    }

    #[test]
    fn stored_answers_to_removed_questions_are_dropped_quietly() {
        let raw = format!(
            r#"{{"version":1,"data":{{"in_progress":{{"seed":3,"mode":"full","questions":[
                {{"id":"removed-question","order":[0,1],"answer":[0]}},
                {{"id":"{}","order":[0,1,2,3],"answer":null}}]}},
              "history":[{{"finished_at":5.0,"mode":"quick","percent":80,"by_area":[["apis",80]],"missed":["removed-question"]}}]}}}}"#,
            QUESTIONS.iter().find(|q| q.options.len() == 4).unwrap().id
        );
        let mut data: QuizData = decode(&raw).unwrap();
        assert_eq!(data.reconcile(), 1);
        assert_eq!(data.in_progress.as_ref().unwrap().questions.len(), 1);
        assert!(data.history[0].missed.is_empty());
        assert_eq!(data.best_percent(), Some(80));
        // And it saves back in the current format.
        assert_eq!(decode::<QuizData>(&encode(&data)).unwrap(), data);
    }

    #[test]
    fn an_attempt_left_with_no_questions_is_discarded() {
        let raw = r#"{"version":1,"data":{"in_progress":{"seed":3,"mode":"full","questions":[{"id":"gone","order":[0]}]}}}"#;
        let mut data: QuizData = decode(raw).unwrap();
        data.reconcile();
        assert!(data.in_progress.is_none());
    }
}
