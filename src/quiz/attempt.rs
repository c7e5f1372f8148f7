//! One run through the quiz: which questions, in which order, and the answers
//! given so far. Serializable, so an attempt survives a reload.

use serde::{Deserialize, Serialize};

#[cfg(test)]
use super::bank::QUESTIONS;
use super::bank::{Area, Question, question, questions};

/// How many questions a quick quiz asks in each area it covers.
pub const QUICK_PER_AREA: usize = 2;
/// The fewest questions a quick quiz asks (when few areas are chosen).
pub const QUICK_MIN: usize = 10;

/// How many questions a quick quiz over `areas` (empty: all) asks.
pub fn quick_length(areas: &[Area]) -> usize {
    let n = if areas.is_empty() {
        Area::all().count()
    } else {
        areas.len()
    };
    (n * QUICK_PER_AREA).max(QUICK_MIN)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    Quick,
    Full,
    /// Only the questions answered wrongly last time.
    Review,
}

/// A question as planned for this attempt: the order its options are shown
/// in, and the answer once given. Everything refers to the stable question
/// id and to option positions in the bank, never to display positions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Planned {
    pub id: String,
    pub order: Vec<usize>,
    #[serde(default)]
    pub answer: Option<Vec<usize>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    pub seed: u64,
    pub mode: Mode,
    /// The areas chosen at the start (empty: all), so a retake asks the same.
    #[serde(default)]
    pub areas: Vec<Area>,
    /// Easier questions first (a beginner's choice at the start).
    #[serde(default)]
    pub easy_first: bool,
    pub questions: Vec<Planned>,
}

/// Why an answer was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerError {
    Finished,
    NothingSelected,
    NotAnOption(usize),
}

impl Attempt {
    /// Plans an attempt over `pool` (question ids), shuffled from `seed`:
    /// the same seed always gives the same questions in the same order.
    pub fn new(seed: u64, mode: Mode, pool: &[&str], length: Option<usize>) -> Self {
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut ids: Vec<&str> = pool
            .iter()
            .copied()
            .filter(|id| question(id).is_some())
            .collect();
        rng.shuffle(&mut ids);
        if let Some(n) = length {
            ids.truncate(n);
        }
        let questions = ids
            .into_iter()
            .map(|id| {
                let q = question(id).expect("filtered above");
                let mut order: Vec<usize> = (0..q.options.len()).collect();
                // True/False reads best in its natural order.
                if q.kind != super::bank::AnswerKind::TrueFalse {
                    rng.shuffle(&mut order);
                }
                Planned {
                    id: id.to_string(),
                    order,
                    answer: None,
                }
            })
            .collect();
        Self {
            seed,
            mode,
            areas: Vec::new(),
            easy_first: false,
            questions,
        }
    }

    /// A quick or full attempt over the chosen areas (all when empty). A
    /// quick one draws evenly from every area, so each area's score rests
    /// on more than one answer; `easy_first` draws the easier questions and
    /// asks them first.
    pub fn start(seed: u64, mode: Mode, areas: &[Area], easy_first: bool) -> Self {
        let mut rng = fastrand::Rng::with_seed(seed ^ 0x9e37_79b9_7f4a_7c15);
        let mut by_area: Vec<Vec<&'static Question>> = Area::all()
            .filter(|a| areas.is_empty() || areas.contains(a))
            .map(|a| questions().iter().filter(|q| Area::of(q) == a).collect())
            .collect();
        for group in &mut by_area {
            rng.shuffle(group);
            if easy_first {
                group.sort_by_key(|q| q.difficulty as u8);
            }
        }
        let length = match mode {
            Mode::Quick => quick_length(areas),
            _ => usize::MAX,
        };
        // Round robin over the areas: one question from each in turn.
        let mut pool: Vec<&'static Question> = Vec::new();
        let mut round = 0;
        while pool.len() < length && by_area.iter().any(|g| round < g.len()) {
            for group in &by_area {
                if let Some(q) = group.get(round)
                    && pool.len() < length
                {
                    pool.push(q);
                }
            }
            round += 1;
        }
        let ids: Vec<&str> = pool.iter().map(|q| q.id).collect();
        let mut attempt = Self::new(seed, mode, &ids, None);
        if easy_first {
            attempt
                .questions
                .sort_by_key(|p| question(&p.id).map_or(0, |q| q.difficulty as u8));
        }
        attempt.areas = areas.to_vec();
        attempt.easy_first = easy_first;
        attempt
    }

    /// A fresh attempt of the same kind: the same questions for a review,
    /// a new draw from the same areas otherwise.
    pub fn retake(&self, seed: u64) -> Self {
        match self.mode {
            Mode::Review => {
                let ids: Vec<&str> = self.questions.iter().map(|p| p.id.as_str()).collect();
                Self::new(seed, Mode::Review, &ids, None)
            }
            mode => Self::start(seed, mode, &self.areas, self.easy_first),
        }
    }

    /// Position of the first unanswered question, or `None` when finished.
    pub fn current(&self) -> Option<usize> {
        self.questions.iter().position(|p| p.answer.is_none())
    }

    pub fn answered(&self) -> usize {
        self.questions.iter().filter(|p| p.answer.is_some()).count()
    }

    pub fn is_finished(&self) -> bool {
        self.current().is_none()
    }

    /// Records the answer to the current question; `selected` holds option
    /// positions in the bank. Returns the position answered.
    pub fn answer(&mut self, selected: &[usize]) -> Result<usize, AnswerError> {
        let at = self.current().ok_or(AnswerError::Finished)?;
        let q = question(&self.questions[at].id).expect("attempts hold known ids only");
        if selected.is_empty() {
            return Err(AnswerError::NothingSelected);
        }
        if let Some(&bad) = selected.iter().find(|&&i| i >= q.options.len()) {
            return Err(AnswerError::NotAnOption(bad));
        }
        let mut answer = selected.to_vec();
        answer.sort_unstable();
        answer.dedup();
        self.questions[at].answer = Some(answer);
        Ok(at)
    }

    /// Records "I don't know" for the current question: no option chosen,
    /// scored 0. Returns the position answered.
    pub fn dont_know(&mut self) -> Result<usize, AnswerError> {
        let at = self.current().ok_or(AnswerError::Finished)?;
        self.questions[at].answer = Some(Vec::new());
        Ok(at)
    }

    /// The answered questions with their answers.
    pub fn answers(&self) -> impl Iterator<Item = (&'static Question, &[usize])> + Clone + '_ {
        self.questions
            .iter()
            .filter_map(|p| Some((question(&p.id)?, p.answer.as_deref()?)))
    }

    /// Repairs an attempt read back from storage against the current bank:
    /// questions that no longer exist are dropped (with their answers), and
    /// option orders or answers that no longer fit are reset. Returns how
    /// many questions were dropped.
    pub fn reconcile(&mut self) -> usize {
        let before = self.questions.len();
        self.questions.retain(|p| question(&p.id).is_some());
        for p in &mut self.questions {
            let n = question(&p.id).expect("retained").options.len();
            let mut sorted = p.order.clone();
            sorted.sort_unstable();
            if sorted != (0..n).collect::<Vec<_>>() {
                p.order = (0..n).collect();
            }
            // An empty answer is "I don't know".
            if p.answer.as_ref().is_some_and(|a| a.iter().any(|&i| i >= n)) {
                p.answer = None;
            }
        }
        before - self.questions.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(id: &str) -> Area {
        Area::from_id(id).unwrap()
    }

    #[test]
    fn same_seed_same_attempt_other_seed_other_order() {
        let a = Attempt::start(42, Mode::Full, &[], false);
        let b = Attempt::start(42, Mode::Full, &[], false);
        let c = Attempt::start(43, Mode::Full, &[], false);
        assert_eq!(a, b);
        assert_ne!(a.questions, c.questions);
        assert_eq!(a.questions.len(), QUESTIONS.len());
    }

    #[test]
    fn a_quick_attempt_covers_every_area_evenly() {
        for seed in 0..20 {
            let quick = Attempt::start(seed, Mode::Quick, &[], false);
            assert_eq!(quick.questions.len(), quick_length(&[]));
            for a in Area::all() {
                let n = quick
                    .questions
                    .iter()
                    .filter(|p| Area::of(question(&p.id).unwrap()) == a)
                    .count();
                assert_eq!(n, QUICK_PER_AREA, "seed {seed}, area {}", a.id());
            }
        }
        let two = Attempt::start(1, Mode::Quick, &[area("apis"), area("testing")], false);
        assert_eq!(two.questions.len(), QUICK_MIN);
    }

    #[test]
    fn easy_first_draws_and_asks_easier_questions_first() {
        use crate::quiz::bank::Difficulty;
        let a = Attempt::start(5, Mode::Quick, &[], true);
        let levels: Vec<u8> = a
            .questions
            .iter()
            .map(|p| question(&p.id).unwrap().difficulty as u8)
            .collect();
        let mut sorted = levels.clone();
        sorted.sort_unstable();
        assert_eq!(levels, sorted);
        assert!(levels.iter().all(|&l| l == Difficulty::Easy as u8));
        assert!(a.retake(6).easy_first);
    }

    #[test]
    fn i_dont_know_is_an_answer_that_scores_zero() {
        let mut a = Attempt::new(5, Mode::Full, &[QUESTIONS[0].id, QUESTIONS[1].id], None);
        assert_eq!(a.dont_know(), Ok(0));
        assert_eq!(a.questions[0].answer, Some(vec![]));
        assert_eq!(a.current(), Some(1));
        let mut kept = a.clone();
        assert_eq!(kept.reconcile(), 0);
        assert_eq!(
            kept.questions[0].answer,
            Some(vec![]),
            "kept across a reload"
        );
        let r = crate::quiz::scoring::results(a.answers());
        assert_eq!(r.total.points, 0.0);
        assert_eq!(r.total.max, 1);
    }

    #[test]
    fn areas_filter_a_full_attempt() {
        let only = Attempt::start(1, Mode::Full, &[area("security")], false);
        assert!(!only.questions.is_empty());
        assert!(only.answers().all(|(q, _)| q.area == "security"));
        assert!(
            only.questions
                .iter()
                .all(|p| question(&p.id).unwrap().area == "security")
        );
    }

    #[test]
    fn retake_keeps_the_kind_of_attempt() {
        let review = Attempt::new(3, Mode::Review, &[QUESTIONS[2].id, QUESTIONS[5].id], None);
        let again = review.retake(4);
        assert_eq!(again.mode, Mode::Review);
        let mut ids: Vec<_> = again.questions.iter().map(|p| p.id.clone()).collect();
        ids.sort();
        let mut want = vec![QUESTIONS[2].id.to_string(), QUESTIONS[5].id.to_string()];
        want.sort();
        assert_eq!(ids, want);

        let quick =
            Attempt::start(3, Mode::Quick, &[area("databases"), area("apis")], false).retake(9);
        assert_eq!(quick.areas, vec![area("databases"), area("apis")]);
        assert!(
            quick
                .questions
                .iter()
                .all(|p| matches!(question(&p.id).unwrap().area, "databases" | "apis"))
        );
    }

    #[test]
    fn option_orders_are_permutations() {
        for p in Attempt::start(7, Mode::Full, &[], false).questions {
            let mut o = p.order.clone();
            o.sort_unstable();
            assert_eq!(
                o,
                (0..question(&p.id).unwrap().options.len()).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn answering_moves_to_the_next_question_until_finished() {
        let mut a = Attempt::new(5, Mode::Full, &[QUESTIONS[0].id, QUESTIONS[1].id], None);
        assert_eq!(a.current(), Some(0));
        assert_eq!(a.answer(&[]), Err(AnswerError::NothingSelected));
        assert_eq!(a.answer(&[99]), Err(AnswerError::NotAnOption(99)));
        assert_eq!(a.answer(&[1, 0, 1]), Ok(0));
        assert_eq!(a.questions[0].answer, Some(vec![0, 1]));
        assert_eq!(a.current(), Some(1));
        a.answer(&[0]).unwrap();
        assert!(a.is_finished());
        assert_eq!(a.answer(&[0]), Err(AnswerError::Finished));
        assert_eq!(a.answers().count(), 2);
    }

    #[test]
    fn reconcile_drops_removed_questions_and_bad_data() {
        let mut a = Attempt::new(5, Mode::Full, &[QUESTIONS[0].id, QUESTIONS[1].id], None);
        a.answer(&[0]).unwrap();
        a.questions.insert(
            0,
            Planned {
                id: "gone-question".into(),
                order: vec![0, 1],
                answer: Some(vec![0]),
            },
        );
        a.questions[2].order = vec![7, 7];
        a.questions[1].answer = Some(vec![50]);
        assert_eq!(a.reconcile(), 1);
        assert_eq!(a.questions.len(), 2);
        assert_eq!(a.questions[0].answer, None);
        assert_eq!(
            a.questions[1].order,
            (0..question(&a.questions[1].id).unwrap().options.len()).collect::<Vec<_>>()
        );
    }

    #[test]
    fn attempts_round_trip_through_json() {
        let mut a = Attempt::start(9, Mode::Quick, &[], false);
        a.answer(&[0]).unwrap();
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<Attempt>(&json).unwrap(), a);
    }
}
