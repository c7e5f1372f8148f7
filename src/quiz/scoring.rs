//! Grading answers and summing them up by skill area.

use super::bank::{AnswerKind, Area, Question};

/// The partial-credit rule, shown beside every "select all that apply" and
/// on the results page.
pub const PARTIAL_CREDIT_RULE: &str = "Select all that apply. Each right option you tick earns its share of the point (one of three right options: a third); each wrong option you tick takes away its share of the wrong ones (one of two wrong options: a half). Ticking everything scores 0, and no question scores below 0.";

/// How "I don't know" counts, shown beside the button and on the results.
pub const DONT_KNOW_RULE: &str = "\u{201c}I don't know\u{201d} scores 0 like a wrong answer, shows you the answer at once, and puts the question in your study plan. It is better than a guess: your score then says what you know.";

/// Points (0.0 to 1.0) for `selected` (option positions in the bank).
pub fn grade(q: &Question, selected: &[usize]) -> f64 {
    let right = q.options.iter().filter(|o| o.correct).count();
    let picked_right = selected
        .iter()
        .filter(|&&i| q.options.get(i).is_some_and(|o| o.correct))
        .count();
    let picked_wrong = selected.len() - picked_right;
    match q.kind {
        AnswerKind::Single | AnswerKind::TrueFalse => {
            if picked_right == 1 && picked_wrong == 0 {
                1.0
            } else {
                0.0
            }
        }
        AnswerKind::Multiple => {
            // Right picks over right options, minus wrong picks over wrong
            // options: ticking everything scores 0.
            let wrong = q.options.len().saturating_sub(right).max(1);
            let gain = picked_right as f64 / right.max(1) as f64;
            let loss = picked_wrong as f64 / wrong as f64;
            (gain - loss).clamp(0.0, 1.0)
        }
    }
}

/// Fully right: every right option chosen and nothing else.
pub fn is_fully_right(q: &Question, selected: &[usize]) -> bool {
    grade(q, selected) >= 1.0
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Score {
    pub points: f64,
    pub max: usize,
}

impl Score {
    /// Whole percent, rounded down so 99.5% is not shown as 100%.
    pub fn percent(&self) -> u32 {
        if self.max == 0 {
            return 0;
        }
        ((self.points / self.max as f64) * 100.0 + 1e-9).floor() as u32
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub total: Score,
    /// Areas that had questions, in the bank's area order.
    pub by_area: Vec<(Area, Score)>,
}

pub fn results<'a>(answers: impl IntoIterator<Item = (&'static Question, &'a [usize])>) -> Results {
    let mut total = Score::default();
    let mut by_area: Vec<(Area, Score)> = Vec::new();
    for (q, selected) in answers {
        let points = grade(q, selected);
        total.points += points;
        total.max += 1;
        let area = Area::of(q);
        match by_area.iter_mut().find(|(a, _)| *a == area) {
            Some((_, s)) => {
                s.points += points;
                s.max += 1;
            }
            None => by_area.push((area, Score { points, max: 1 })),
        }
    }
    by_area.sort_by_key(|(a, _)| *a);
    Results { total, by_area }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Starting,
    Developing,
    Solid,
    Strong,
}

impl Level {
    pub fn from_percent(percent: u32) -> Self {
        match percent {
            0..=39 => Level::Starting,
            40..=69 => Level::Developing,
            70..=89 => Level::Solid,
            _ => Level::Strong,
        }
    }

    /// The four bands with their ranges and what each means, for the
    /// results page's "what your score means".
    pub const BANDS: [(Level, &'static str, &'static str); 4] = [
        (
            Level::Starting,
            "0-39%",
            "Around what guessing alone would score (about 30% on this quiz). Start with the guide's first sections and the learning path's early stages.",
        ),
        (
            Level::Developing,
            "40-69%",
            "You know a fair part of the basics. 60% means about six questions in ten answered fully right: read what the study plan lists for your weaker areas.",
        ),
        (
            Level::Solid,
            "70-89%",
            "You understand most of what a junior back end developer is expected to know; the gaps are specific and the study plan names them.",
        ),
        (
            Level::Strong,
            "90-100%",
            "You answered almost everything right. A quiz checks knowledge, not practice: the learning path's projects and the SQL lab show whether you can apply it.",
        ),
    ];

    pub fn words(self) -> &'static str {
        match self {
            Level::Starting => "Just starting: the guide will give you the foundations.",
            Level::Developing => "Developing: you know the basics; fill the gaps below.",
            Level::Solid => "Solid: you understand most of the back end landscape.",
            Level::Strong => "Strong: you know back end work well.",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::bank::{Difficulty, QuizOption};

    fn q(kind: AnswerKind, correct: &[bool]) -> Question {
        let options: Vec<QuizOption> = correct
            .iter()
            .map(|&c| QuizOption {
                text: "x",
                correct: c,
                why_wrong: if c { "" } else { "no" },
            })
            .collect();
        Question {
            id: "t",
            area: "apis",
            difficulty: Difficulty::Easy,
            kind,
            prompt: "p",
            prompt_html: "<p>p</p>",
            explanation: "e",
            link: "/guide/tools#apis",
            link_title: "Tools › APIs",
            options: Box::leak(options.into_boxed_slice()),
        }
    }

    #[test]
    fn single_choice_is_all_or_nothing() {
        let s = q(AnswerKind::Single, &[false, true, false]);
        assert_eq!(grade(&s, &[1]), 1.0);
        assert_eq!(grade(&s, &[0]), 0.0);
        assert_eq!(
            grade(&s, &[0, 1]),
            0.0,
            "picking two on a single question is wrong"
        );
        assert_eq!(grade(&s, &[]), 0.0);
    }

    #[test]
    fn multiple_choice_gives_partial_credit_never_below_zero() {
        let m = q(AnswerKind::Multiple, &[true, true, false, false]);
        assert_eq!(grade(&m, &[0, 1]), 1.0);
        assert_eq!(grade(&m, &[0]), 0.5);
        assert_eq!(grade(&m, &[0, 2]), 0.0);
        assert_eq!(grade(&m, &[2, 3]), 0.0);
        assert_eq!(grade(&m, &[0, 1, 2]), 0.5);
        assert!(is_fully_right(&m, &[0, 1]));
        assert!(!is_fully_right(&m, &[0, 1, 2]));
        let three_of_five = q(AnswerKind::Multiple, &[true, true, true, false, false]);
        assert!((grade(&three_of_five, &[0, 1, 3]) - (2.0 / 3.0 - 0.5)).abs() < 1e-9);
    }

    #[test]
    fn selecting_everything_scores_zero() {
        for shape in [
            &[true, true, false][..],
            &[true, true, false, false],
            &[true, true, true, false],
            &[true, true, true, true, false],
            &[true, true, false, false, false],
        ] {
            let m = q(AnswerKind::Multiple, shape);
            let all: Vec<usize> = (0..shape.len()).collect();
            assert_eq!(grade(&m, &all), 0.0, "{shape:?}");
        }
    }

    #[test]
    fn i_dont_know_scores_zero() {
        assert_eq!(grade(&q(AnswerKind::Single, &[true, false]), &[]), 0.0);
        assert_eq!(
            grade(&q(AnswerKind::Multiple, &[true, true, false]), &[]),
            0.0
        );
        assert_eq!(grade(&q(AnswerKind::TrueFalse, &[true, false]), &[]), 0.0);
    }

    #[test]
    fn out_of_range_choices_count_as_wrong() {
        let m = q(AnswerKind::Multiple, &[true, true, false, false]);
        assert_eq!(grade(&m, &[0, 1, 9]), 0.5);
    }

    #[test]
    fn results_add_up_by_area() {
        let a: &'static Question = Box::leak(Box::new(q(AnswerKind::Single, &[true, false])));
        let mut b = q(AnswerKind::Multiple, &[true, true, false]);
        b.area = "security";
        let b: &'static Question = Box::leak(Box::new(b));
        let r = results([(a, &[0][..]), (a, &[1][..]), (b, &[0][..])]);
        assert_eq!(
            r.total,
            Score {
                points: 1.5,
                max: 3
            }
        );
        assert_eq!(r.total.percent(), 50);
        assert_eq!(
            r.by_area,
            vec![
                (
                    Area::from_id("apis").unwrap(),
                    Score {
                        points: 1.0,
                        max: 2
                    }
                ),
                (
                    Area::from_id("security").unwrap(),
                    Score {
                        points: 0.5,
                        max: 1
                    }
                )
            ]
        );
    }

    #[test]
    fn empty_results_are_zero_not_nan() {
        let r = results(std::iter::empty());
        assert_eq!(r.total.percent(), 0);
        assert!(r.by_area.is_empty());
    }

    #[test]
    fn percent_rounds_down_and_levels_have_edges() {
        assert_eq!(
            Score {
                points: 2.0,
                max: 3
            }
            .percent(),
            66
        );
        assert_eq!(
            Score {
                points: 3.0,
                max: 3
            }
            .percent(),
            100
        );
        assert_eq!(Level::from_percent(39), Level::Starting);
        assert_eq!(Level::from_percent(40), Level::Developing);
        assert_eq!(Level::from_percent(70), Level::Solid);
        assert_eq!(Level::from_percent(90), Level::Strong);
        assert_eq!(Level::from_percent(100), Level::Strong);
    }
}
