//! Checks across the whole quiz bank, so that it measures knowledge rather
//! than test-taking: enough questions in every area, no tell-tale longest
//! answer, multiple-answer questions that vary how many options are right,
//! and no two prompts that ask nearly the same thing. Each error names the
//! questions at fault.

use std::collections::{BTreeMap, BTreeSet};

use super::cues::{self, ABSOLUTE, RATIONALE};
use super::{ContentError, ParsedArea, ParsedQuestion, QUIZ_DIR};

/// The thresholds the bank is held to.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    pub min_total: usize,
    pub min_per_area: usize,
    /// Largest share of single-answer questions whose correct option is the
    /// strictly longest (or the strictly shortest), in each area and overall.
    pub max_longest_correct: f64,
    /// Largest share of multiple-answer questions with one shape
    /// (how many options, how many of them right).
    pub max_same_shape: f64,
    /// Prompts whose word sets overlap this much (Jaccard) are near-duplicates.
    pub max_prompt_overlap: f64,
    /// Largest gap between the share of right and of wrong options that
    /// carry a justification, or an absolute word (over the bank and within
    /// each kind; true/false statements by their key).
    pub max_cue_gap: f64,
    /// Largest gap between the median lengths of true and of false
    /// statements, as a share of the longer median.
    pub max_true_false_gap: f64,
    /// How far above chance a test-taking strategy may score (share of the
    /// bank's points).
    pub max_guesser_gain: f64,
    /// Whether code-reading and scenario questions must outnumber recall
    /// questions, over the bank and in every area.
    pub applied_over_recall: bool,
}

pub const RULES: Rules = Rules {
    min_total: 120,
    min_per_area: 8,
    max_longest_correct: 0.4,
    max_same_shape: 0.6,
    max_prompt_overlap: 0.5,
    max_cue_gap: 0.10,
    max_true_false_gap: 0.15,
    max_guesser_gain: 0.05,
    applied_over_recall: true,
};

pub fn check_bank(
    rules: &Rules,
    areas: &[ParsedArea],
    quiz: &[ParsedQuestion],
) -> Vec<ContentError> {
    let mut errors = Vec::new();
    let mut error = |message: String| errors.push(ContentError::new(QUIZ_DIR, message));

    if quiz.len() < rules.min_total {
        error(format!(
            "the bank has {} questions; it needs at least {}",
            quiz.len(),
            rules.min_total
        ));
    }
    for area in areas {
        let count = quiz.iter().filter(|q| q.area == area.id).count();
        if count < rules.min_per_area {
            error(format!(
                "area `{}` has {count} questions; every area needs at least {}",
                area.id, rules.min_per_area
            ));
        }
    }

    let mut scopes: Vec<(String, Vec<&ParsedQuestion>)> = areas
        .iter()
        .map(|a| {
            let questions = quiz.iter().filter(|q| q.area == a.id).collect();
            (format!("area `{}`", a.id), questions)
        })
        .collect();
    scopes.push(("the whole bank".into(), quiz.iter().collect()));
    for (scope, questions) in scopes {
        let single: Vec<_> = questions.iter().filter(|q| q.kind == "single").collect();
        for (extreme, test, fix) in [
            (
                "longest",
                correct_is_strictly_longest as fn(&ParsedQuestion) -> bool,
                "shorten the right answer or lengthen a wrong one",
            ),
            (
                "shortest",
                correct_is_strictly_shortest,
                "lengthen the right answer or shorten a wrong one",
            ),
        ] {
            let tells: Vec<&str> = single
                .iter()
                .filter(|q| test(q))
                .map(|q| q.id.as_str())
                .collect();
            if !single.is_empty() && share(tells.len(), single.len()) > rules.max_longest_correct {
                error(format!(
                    "in {scope} the correct option is the {extreme} in {} of {} single-answer \
                     questions (at most {:.0}%): {fix} in {}",
                    tells.len(),
                    single.len(),
                    rules.max_longest_correct * 100.0,
                    tells.join(", ")
                ));
            }
        }
    }

    let mut shapes: BTreeMap<(usize, usize), Vec<&str>> = BTreeMap::new();
    for q in quiz.iter().filter(|q| q.kind == "multiple") {
        let right = q.options.iter().filter(|o| o.correct).count();
        shapes
            .entry((right, q.options.len()))
            .or_default()
            .push(&q.id);
    }
    let multiple: usize = shapes.values().map(Vec::len).sum();
    if multiple >= 3 {
        let counts: BTreeSet<usize> = shapes.keys().map(|(right, _)| *right).collect();
        if counts.len() < 2 {
            error(format!(
                "every multiple-answer question has {} correct options: vary how many are right",
                counts.first().copied().unwrap_or_default()
            ));
        }
        for ((right, total), ids) in &shapes {
            if share(ids.len(), multiple) > rules.max_same_shape {
                error(format!(
                    "{} of {multiple} multiple-answer questions have {right} correct out of {total} \
                     options (at most {:.0}%): change some of {}",
                    ids.len(),
                    rules.max_same_shape * 100.0,
                    ids.join(", ")
                ));
            }
        }
    }

    check_cues(rules, quiz, &mut error);
    if rules.applied_over_recall {
        check_forms(areas, quiz, &mut error);
    }

    let words: Vec<BTreeSet<String>> = quiz.iter().map(|q| word_set(&q.prompt)).collect();
    for i in 0..quiz.len() {
        for j in i + 1..quiz.len() {
            let overlap = jaccard(&words[i], &words[j]);
            if overlap >= rules.max_prompt_overlap {
                error(format!(
                    "questions `{}` and `{}` have near-duplicate prompts ({:.0}% of words shared): \
                     merge them or ask something different",
                    quiz[i].id,
                    quiz[j].id,
                    overlap * 100.0
                ));
            }
        }
    }
    errors
}

/// Justifications and absolute words as often right as wrong, true and
/// false statements of like length, and no strategy far above chance.
fn check_cues(rules: &Rules, quiz: &[ParsedQuestion], error: &mut impl FnMut(String)) {
    for kind in [None, Some("single"), Some("multiple"), Some("true-false")] {
        let pieces = cues::pieces(quiz, kind);
        let scope = kind.map_or("the whole bank".to_string(), |k| format!("{k} questions"));
        let what = if kind == Some("true-false") {
            ("statements keyed True", "statements keyed False")
        } else {
            ("right options", "wrong options")
        };
        for (cue, phrases, fix) in [
            (
                "a justification (because, since, so...)",
                RATIONALE,
                "move the reasoning to the explanation, or give the other side reasons too",
            ),
            (
                "an absolute word (always, never, only, all...)",
                ABSOLUTE,
                "reword so that absolutes are as common on the other side",
            ),
        ] {
            let share = cues::cue_share(&pieces, phrases);
            if share.gap() > rules.max_cue_gap + 1e-9 {
                error(format!(
                    "in {scope}, {:.0}% of {} ({} of {}) carry {cue} against {:.0}% of {}                      ({} of {}); at most {:.0} points apart: {fix} in {}",
                    share.right_share() * 100.0,
                    what.0,
                    share.right.0,
                    share.right.1,
                    share.wrong_share() * 100.0,
                    what.1,
                    share.wrong.0,
                    share.wrong.1,
                    rules.max_cue_gap * 100.0,
                    share.leaning.join(", ")
                ));
            }
        }
    }
    let (true_median, false_median) = cues::true_false_medians(quiz);
    let longer = true_median.max(false_median);
    if longer > 0.0 && (true_median - false_median).abs() / longer > rules.max_true_false_gap {
        let (long_key, short_key) = if true_median > false_median {
            ("True", "False")
        } else {
            ("False", "True")
        };
        let longest: Vec<&str> = quiz
            .iter()
            .filter(|q| q.kind == "true-false")
            .filter(|q| q.options.iter().any(|o| o.correct && o.text == long_key))
            .filter(|q| q.prompt.chars().count() as f64 > true_median.min(false_median))
            .map(|q| q.id.as_str())
            .collect();
        error(format!(
            "true/false statements keyed {long_key} have a median of {longer:.0} characters, those keyed {short_key} {:.0} (at most {:.0}% apart): shorten {}",
            true_median.min(false_median),
            rules.max_true_false_gap * 100.0,
            longest.join(", ")
        ));
    }
    let report = cues::guess_report(quiz);
    for (name, score) in &report.guessers {
        if *score > report.chance + rules.max_guesser_gain {
            error(format!(
                "a guesser who knows nothing but follows \"{name}\" scores {:.1}% where chance is {:.1}% (at most {:.0} points above): see the cue checks above",
                score * 100.0,
                report.chance * 100.0,
                rules.max_guesser_gain * 100.0
            ));
        }
    }
}

/// Code-reading and scenario questions outnumber recall questions.
fn check_forms(areas: &[ParsedArea], quiz: &[ParsedQuestion], error: &mut impl FnMut(String)) {
    let mut scopes: Vec<(String, Vec<&ParsedQuestion>)> = areas
        .iter()
        .map(|a| {
            (
                format!("area `{}`", a.id),
                quiz.iter().filter(|q| q.area == a.id).collect(),
            )
        })
        .collect();
    scopes.push(("the whole bank".into(), quiz.iter().collect()));
    for (scope, questions) in scopes {
        let recall: Vec<&str> = questions
            .iter()
            .filter(|q| q.form == "recall")
            .map(|q| q.id.as_str())
            .collect();
        let applied = questions.len() - recall.len();
        if !questions.is_empty() && applied <= recall.len() {
            error(format!(
                "{scope} has {} recall questions and {applied} code or scenario questions: \
                 more should ask the reader to read code or judge a situation (recall: {})",
                recall.len(),
                recall.join(", ")
            ));
        }
    }
}

fn share(part: usize, whole: usize) -> f64 {
    part as f64 / whole as f64
}

/// Whether the one correct option is longer than every other option.
pub fn correct_is_strictly_longest(q: &ParsedQuestion) -> bool {
    correct_stands_out(q, |right, other| right > other)
}

/// Whether the one correct option is shorter than every other option.
pub fn correct_is_strictly_shortest(q: &ParsedQuestion) -> bool {
    correct_stands_out(q, |right, other| right < other)
}

fn correct_stands_out(q: &ParsedQuestion, beats: impl Fn(usize, usize) -> bool) -> bool {
    let length = |text: &str| text.chars().count();
    let Some(right) = q.options.iter().find(|o| o.correct) else {
        return false;
    };
    q.options
        .iter()
        .filter(|o| !o.correct)
        .all(|o| beats(length(&right.text), length(&o.text)))
}

fn word_set(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Shared words over all words of the two sets.
fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    share(a.intersection(b).count(), union)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::ParsedOption;

    fn area(id: &str) -> ParsedArea {
        ParsedArea {
            id: id.into(),
            label: id.into(),
            link: "/guide/x".into(),
            summary: "S".into(),
        }
    }

    fn option(text: &str, correct: bool) -> ParsedOption {
        ParsedOption {
            text: text.into(),
            correct,
            why_wrong: if correct { String::new() } else { "W".into() },
        }
    }

    /// A single-answer question whose right option is the longest, or of
    /// middling length.
    fn single(id: &str, area: &str, prompt: &str, longest_right: bool) -> ParsedQuestion {
        let right = if longest_right {
            "a much longer answer"
        } else {
            "middling"
        };
        ParsedQuestion {
            file: "content/quiz/a.toml".into(),
            id: id.into(),
            area: area.into(),
            difficulty: "easy".into(),
            kind: "single".into(),
            form: "scenario".into(),
            prompt: prompt.into(),
            explanation: "E".into(),
            link: "/guide/x".into(),
            options: vec![
                option(right, true),
                option("a middling one", false),
                option("tiny", false),
            ],
        }
    }

    fn multiple(id: &str, prompt: &str, right: usize, total: usize) -> ParsedQuestion {
        let mut q = single(id, "a", prompt, false);
        q.kind = "multiple".into();
        q.options = (0..total)
            .map(|i| option(&format!("o{i}"), i < right))
            .collect();
        q
    }

    /// The length and shape rules alone, for the tests of those rules.
    const LOOSE: Rules = Rules {
        min_total: 1,
        min_per_area: 1,
        max_cue_gap: 1.0,
        max_true_false_gap: 1.0,
        max_guesser_gain: 1.0,
        applied_over_recall: false,
        ..RULES
    };

    fn true_false(id: &str, statement: &str, key: bool) -> ParsedQuestion {
        let mut q = single(id, "a", statement, false);
        q.kind = "true-false".into();
        q.options = vec![option("True", key), option("False", !key)];
        q
    }

    /// Four-option single-answer questions with a justification in the
    /// right option (or in every option), distinct prompts.
    fn justified(n: usize, in_right_only: bool) -> Vec<ParsedQuestion> {
        (0..n)
            .map(|i| {
                let mut q = single(&format!("j{i}"), "a", &prompt(i), false);
                let reason = |t: &str| format!("{t}, because of the lock");
                let wrong = |t: &str| {
                    if in_right_only {
                        t.to_string()
                    } else {
                        reason(t)
                    }
                };
                q.options = vec![
                    option(&reason("Retry"), true),
                    option(&wrong("Abort"), false),
                    option(&wrong("Pause"), false),
                    option(&wrong("Merge"), false),
                ];
                q
            })
            .collect()
    }

    #[test]
    fn a_justified_key_is_caught_and_named() {
        let rules = Rules {
            max_cue_gap: 0.10,
            max_guesser_gain: 1.0,
            ..LOOSE
        };
        let skewed = justified(4, true);
        let errors = check_bank(&rules, &[area("a")], &skewed);
        let text: Vec<_> = errors.iter().map(|e| e.message.as_str()).collect();
        assert!(
            text.iter()
                .any(|m| m.contains("justification") && m.contains("j0, j1, j2, j3")),
            "{text:?}"
        );
        assert!(check_bank(&rules, &[area("a")], &justified(4, false)).is_empty());
    }

    #[test]
    fn a_guesser_above_chance_is_caught() {
        let rules = Rules {
            max_guesser_gain: 0.05,
            ..LOOSE
        };
        let errors = check_bank(&rules, &[area("a")], &justified(4, true));
        assert!(
            errors
                .iter()
                .any(|e| e.message.contains("avoid justifications"))
                == false,
            "avoiding justifications loses here"
        );
        // Keying the justified option wrong instead makes avoiding them win.
        let mut flipped = justified(4, true);
        for q in &mut flipped {
            q.options[0].correct = false;
            q.options[0].why_wrong = "W".into();
            q.options[1].correct = true;
            q.options[1].why_wrong = String::new();
        }
        let errors = check_bank(&rules, &[area("a")], &flipped);
        assert!(
            errors
                .iter()
                .any(|e| e.message.contains("avoid justifications")),
            "{errors:?}"
        );
    }

    #[test]
    fn long_true_statements_are_caught() {
        let rules = Rules {
            max_true_false_gap: 0.15,
            ..LOOSE
        };
        let quiz = vec![
            true_false(
                "t0",
                "A very long statement that explains itself at length here",
                true,
            ),
            true_false(
                "t1",
                "Another long statement that explains itself at length too",
                true,
            ),
            true_false("f0", "Short claim one", false),
            true_false("f1", "Short claim two", false),
        ];
        let errors = check_bank(&rules, &[area("a")], &quiz);
        assert!(
            errors
                .iter()
                .any(|e| e.message.contains("keyed True") && e.message.contains("t0")),
            "{errors:?}"
        );
    }

    #[test]
    fn recall_may_not_outnumber_applied_questions() {
        let rules = Rules {
            applied_over_recall: true,
            ..LOOSE
        };
        let mut quiz: Vec<_> = (0..3)
            .map(|i| single(&format!("q{i}"), "a", &prompt(i), false))
            .collect();
        quiz[0].form = "recall".into();
        quiz[1].form = "recall".into();
        let errors = check_bank(&rules, &[area("a")], &quiz);
        assert!(
            errors.iter().any(|e| e.message.contains("recall: q0, q1")),
            "{errors:?}"
        );
    }

    fn prompt(n: usize) -> String {
        // Distinct words, so prompts never look alike.
        format!("question{n} alpha{n} beta{n} gamma{n}")
    }

    #[test]
    fn a_fair_bank_passes() {
        let quiz: Vec<_> = (0..5)
            .map(|i| single(&format!("q{i}"), "a", &prompt(i), i < 2))
            .collect();
        assert!(check_bank(&LOOSE, &[area("a")], &quiz).is_empty());
    }

    #[test]
    fn a_longest_answer_tell_is_caught_and_named() {
        let quiz: Vec<_> = (0..5)
            .map(|i| single(&format!("q{i}"), "a", &prompt(i), i < 3))
            .collect();
        let errors = check_bank(&LOOSE, &[area("a")], &quiz);
        assert_eq!(errors.len(), 2, "the area and the whole bank: {errors:?}");
        assert!(errors[0].message.contains("area `a`"));
        assert!(errors[0].message.contains("3 of 5"));
        assert!(errors[0].message.contains("q0, q1, q2"));
    }

    #[test]
    fn small_areas_and_banks_are_caught() {
        let quiz = vec![single("q0", "a", &prompt(0), false)];
        let errors = check_bank(&RULES, &[area("a"), area("b")], &quiz);
        let text: Vec<_> = errors.iter().map(|e| e.message.as_str()).collect();
        assert!(
            text.iter().any(|m| m.contains("needs at least 120")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|m| m.contains("area `a` has 1 questions; every area needs at least 8")),
            "{text:?}"
        );
        assert!(
            text.iter().any(|m| m.contains("area `b` has 0")),
            "{text:?}"
        );
    }

    #[test]
    fn multiple_answer_questions_must_vary() {
        let same: Vec<_> = (0..4)
            .map(|i| multiple(&format!("m{i}"), &prompt(i), 3, 5))
            .collect();
        let errors = check_bank(&LOOSE, &[area("a")], &same);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[1].message.contains("m0, m1, m2, m3"));

        let varied = vec![
            multiple("m0", &prompt(0), 3, 5),
            multiple("m1", &prompt(1), 2, 4),
            multiple("m2", &prompt(2), 2, 5),
            multiple("m3", &prompt(3), 3, 5),
        ];
        assert!(check_bank(&LOOSE, &[area("a")], &varied).is_empty());
    }

    #[test]
    fn near_duplicate_prompts_are_caught() {
        let quiz = vec![
            single("q0", "a", "Which HTTP method reads a resource?", false),
            single("q1", "a", "Which HTTP method deletes a resource?", false),
            single(
                "q2",
                "a",
                "What does a database index cost on writes?",
                false,
            ),
        ];
        let errors = check_bank(&LOOSE, &[area("a")], &quiz);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].message.contains("`q0` and `q1`"));
    }

    #[test]
    fn a_shortest_answer_tell_is_caught_too() {
        let quiz: Vec<_> = (0..5)
            .map(|i| {
                let mut q = single(&format!("q{i}"), "a", &prompt(i), false);
                q.options[0].text = "ok".into();
                q
            })
            .collect();
        let errors = check_bank(&LOOSE, &[area("a")], &quiz);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].message.contains("the shortest in 5 of 5"),
            "{errors:?}"
        );
    }

    #[test]
    fn longest_means_strictly_longest() {
        let mut q = single("q", "a", "p", false);
        q.options = vec![option("same", true), option("size", false)];
        assert!(!correct_is_strictly_longest(&q));
        assert!(!correct_is_strictly_shortest(&q));
        q.options[0].text = "longer".into();
        assert!(correct_is_strictly_longest(&q));
        q.options[0].text = "s".into();
        assert!(correct_is_strictly_shortest(&q));
    }
}
