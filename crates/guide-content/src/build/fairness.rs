//! Checks across the whole quiz bank, so that it measures knowledge rather
//! than test-taking: enough questions in every area, no tell-tale longest
//! answer, multiple-answer questions that vary how many options are right,
//! and no two prompts that ask nearly the same thing. Each error names the
//! questions at fault.

use std::collections::{BTreeMap, BTreeSet};

use super::{ContentError, ParsedArea, ParsedQuestion, QUIZ_FILE};

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
}

pub const RULES: Rules = Rules {
    min_total: 60,
    min_per_area: 5,
    max_longest_correct: 0.4,
    max_same_shape: 0.6,
    max_prompt_overlap: 0.5,
};

pub fn check_bank(
    rules: &Rules,
    areas: &[ParsedArea],
    quiz: &[ParsedQuestion],
) -> Vec<ContentError> {
    let mut errors = Vec::new();
    let mut error = |message: String| errors.push(ContentError::new(QUIZ_FILE, message));

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
            id: id.into(),
            area: area.into(),
            difficulty: "easy".into(),
            kind: "single".into(),
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

    const LOOSE: Rules = Rules {
        min_total: 1,
        min_per_area: 1,
        ..RULES
    };

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
            text.iter().any(|m| m.contains("needs at least 60")),
            "{text:?}"
        );
        assert!(
            text.iter().any(|m| m.contains("area `a` has 1")),
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
