//! Surface cues: features of the wording that could give the key away to
//! someone who knows nothing of the subject. The bank is checked so that a
//! justification ("..., because ...") or an absolute word ("always") is
//! about as likely in a wrong option as in a right one, true and false
//! statements are about as long, and no simple test-taking strategy scores
//! much above chance (simulated here with the quiz's own scoring rule).

use std::collections::BTreeMap;

use super::ParsedQuestion;

/// Words and phrases that justify an option ("..., since ...").
pub const RATIONALE: &[&str] = &[
    "because",
    "since",
    "so that",
    "so",
    "therefore",
    "which means",
    "as a result",
    "thanks to",
    "due to",
    "in order to",
];

/// Words that make a claim absolute.
pub const ABSOLUTE: &[&str] = &[
    "always",
    "never",
    "only",
    "all",
    "none",
    "every",
    "everything",
    "any",
    "anything",
    "must",
    "cannot",
    "can't",
    "nothing",
    "impossible",
    "completely",
    "entirely",
    "guarantee",
    "guarantees",
    "guaranteed",
    "whatever",
    "no one",
];

/// Lower-case words of `text`, with code blocks and inline code left out
/// (a keyword in a code sample is not a cue in the wording).
fn words(text: &str) -> Vec<String> {
    let mut prose = String::new();
    let mut in_block = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if !in_block {
            // Inline code spans: keep only the parts outside backticks.
            for (i, part) in line.split('`').enumerate() {
                if i % 2 == 0 {
                    prose.push_str(part);
                }
            }
            prose.push(' ');
        }
    }
    prose
        .replace('\u{2019}', "'")
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\'').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether `text` contains one of `phrases` as whole words.
pub fn has_any(text: &str, phrases: &[&str]) -> bool {
    let words = words(text);
    phrases.iter().any(|phrase| {
        let wanted: Vec<&str> = phrase.split(' ').collect();
        words
            .windows(wanted.len())
            .any(|w| w.iter().zip(&wanted).all(|(a, b)| a == b))
    })
}

/// One piece of text the key could be read from: an option (single and
/// multiple answer) or a true/false statement (its prompt).
#[derive(Debug, Clone, Copy)]
pub struct Piece<'a> {
    pub question: &'a str,
    pub text: &'a str,
    /// A right option, or a statement keyed True.
    pub right: bool,
}

/// The pieces of `kind` ("single", "multiple", "true-false"), or of every kind.
pub fn pieces<'a>(quiz: &'a [ParsedQuestion], kind: Option<&str>) -> Vec<Piece<'a>> {
    let mut out = Vec::new();
    for q in quiz.iter().filter(|q| kind.is_none_or(|k| q.kind == k)) {
        if q.kind == "true-false" {
            let right = q.options.iter().any(|o| o.correct && o.text == "True");
            out.push(Piece {
                question: &q.id,
                text: &q.prompt,
                right,
            });
        } else {
            out.extend(q.options.iter().map(|o| Piece {
                question: &q.id,
                text: &o.text,
                right: o.correct,
            }));
        }
    }
    out
}

/// How often a cue appears in right and in wrong pieces.
#[derive(Debug, Clone, PartialEq)]
pub struct CueShare {
    pub right: (usize, usize),
    pub wrong: (usize, usize),
    /// The questions whose pieces on the over-represented side carry the cue.
    pub leaning: Vec<String>,
}

impl CueShare {
    pub fn right_share(&self) -> f64 {
        ratio(self.right.0, self.right.1)
    }
    pub fn wrong_share(&self) -> f64 {
        ratio(self.wrong.0, self.wrong.1)
    }
    /// Percentage points between the two shares.
    pub fn gap(&self) -> f64 {
        (self.right_share() - self.wrong_share()).abs()
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

pub fn cue_share(pieces: &[Piece], phrases: &[&str]) -> CueShare {
    let mut right = (0, 0);
    let mut wrong = (0, 0);
    let mut with_cue = Vec::new();
    for p in pieces {
        let cue = has_any(p.text, phrases);
        let side = if p.right { &mut right } else { &mut wrong };
        side.1 += 1;
        if cue {
            side.0 += 1;
            with_cue.push(*p);
        }
    }
    let right_heavy = ratio(right.0, right.1) > ratio(wrong.0, wrong.1);
    let mut leaning: Vec<String> = with_cue
        .iter()
        .filter(|p| p.right == right_heavy)
        .map(|p| p.question.to_string())
        .collect();
    leaning.dedup();
    CueShare {
        right,
        wrong,
        leaning,
    }
}

/// The median length in characters of true/false statements keyed True
/// and keyed False.
pub fn true_false_medians(quiz: &[ParsedQuestion]) -> (f64, f64) {
    let pieces = pieces(quiz, Some("true-false"));
    let lengths = |right: bool| {
        let mut v: Vec<usize> = pieces
            .iter()
            .filter(|p| p.right == right)
            .map(|p| p.text.chars().count())
            .collect();
        v.sort_unstable();
        median(&v)
    };
    (lengths(true), lengths(false))
}

fn median(sorted: &[usize]) -> f64 {
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2] as f64,
        n => (sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0,
    }
}

/// The quiz's scoring of a multiple-answer choice: right picks over right
/// options, minus wrong picks over wrong options, clamped to 0..1 (the app's
/// `quiz::scoring` implements the same rule).
pub fn multiple_score(right_picked: usize, right: usize, wrong_picked: usize, wrong: usize) -> f64 {
    let gain = ratio(right_picked, right);
    let loss = ratio(wrong_picked, wrong);
    (gain - loss).clamp(0.0, 1.0)
}

/// A strategy of someone who knows nothing of the subject: which options
/// look right to them.
#[derive(Debug, Clone, Copy)]
pub struct Guesser {
    pub name: &'static str,
    /// Picks among a question's options (by index) the ones to choose
    /// from (single) or to select (multiple).
    pick: fn(&ParsedQuestion) -> Vec<usize>,
    /// For a true/false statement: whether to answer True.
    says_true: fn(&str, f64) -> bool,
}

fn lengths(q: &ParsedQuestion) -> Vec<usize> {
    q.options.iter().map(|o| o.text.chars().count()).collect()
}

fn extreme(q: &ParsedQuestion, longest: bool) -> Vec<usize> {
    let l = lengths(q);
    let best = if longest {
        l.iter().max()
    } else {
        l.iter().min()
    };
    let best = best.copied().unwrap_or_default();
    (0..l.len()).filter(|&i| l[i] == best).collect()
}

fn avoiding(q: &ParsedQuestion, cues: &[&[&str]]) -> Vec<usize> {
    let clean: Vec<usize> = (0..q.options.len())
        .filter(|&i| !cues.iter().any(|c| has_any(&q.options[i].text, c)))
        .collect();
    if clean.is_empty() {
        (0..q.options.len()).collect()
    } else {
        clean
    }
}

pub const GUESSERS: [Guesser; 5] = [
    Guesser {
        name: "longest option; long statements are true",
        pick: |q| extreme(q, true),
        says_true: |text, median| text.chars().count() as f64 > median,
    },
    Guesser {
        name: "shortest option; short statements are true",
        pick: |q| extreme(q, false),
        says_true: |text, median| (text.chars().count() as f64) < median,
    },
    Guesser {
        name: "avoid absolute words",
        pick: |q| avoiding(q, &[ABSOLUTE]),
        says_true: |text, _| !has_any(text, ABSOLUTE),
    },
    Guesser {
        name: "avoid justifications",
        pick: |q| avoiding(q, &[RATIONALE]),
        says_true: |text, _| !has_any(text, RATIONALE),
    },
    Guesser {
        name: "avoid both; long statements are true",
        pick: |q| avoiding(q, &[ABSOLUTE, RATIONALE]),
        says_true: |text, median| text.chars().count() as f64 > median,
    },
];

/// The expected score of a question for someone choosing at random: one
/// option of a single-answer question, True or False, or each option of a
/// multiple-answer question with even odds.
pub fn chance(q: &ParsedQuestion) -> f64 {
    match q.kind.as_str() {
        "multiple" => {
            let n = q.options.len().min(16);
            let (right, wrong) = right_wrong(q);
            let total: f64 = (0u32..1 << n)
                .map(|mask| {
                    let picked = |want: bool| {
                        (0..n)
                            .filter(|&i| mask & (1 << i) != 0 && q.options[i].correct == want)
                            .count()
                    };
                    multiple_score(picked(true), right, picked(false), wrong)
                })
                .sum();
            total / f64::from(1u32 << n)
        }
        _ => 1.0 / q.options.len().max(1) as f64,
    }
}

fn right_wrong(q: &ParsedQuestion) -> (usize, usize) {
    let right = q.options.iter().filter(|o| o.correct).count();
    (right, q.options.len() - right)
}

/// The expected score of `q` for `guesser` (ties among the options a
/// single-answer guesser likes are broken at random).
pub fn guess(guesser: &Guesser, q: &ParsedQuestion, tf_median: f64) -> f64 {
    match q.kind.as_str() {
        "true-false" => {
            let answer = if (guesser.says_true)(&q.prompt, tf_median) {
                "True"
            } else {
                "False"
            };
            let right = q.options.iter().any(|o| o.correct && o.text == answer);
            if right { 1.0 } else { 0.0 }
        }
        "multiple" => {
            let picks = (guesser.pick)(q);
            // A strategy that tells no option from another guesses at random.
            if picks.len() == q.options.len() {
                return chance(q);
            }
            let (right, wrong) = right_wrong(q);
            let right_picked = picks.iter().filter(|&&i| q.options[i].correct).count();
            multiple_score(right_picked, right, picks.len() - right_picked, wrong)
        }
        _ => {
            let picks = (guesser.pick)(q);
            let hits = picks.iter().filter(|&&i| q.options[i].correct).count();
            ratio(hits, picks.len())
        }
    }
}

/// Each guesser's share of the bank's points, and chance's.
#[derive(Debug, Clone, PartialEq)]
pub struct GuessReport {
    pub chance: f64,
    pub guessers: BTreeMap<&'static str, f64>,
}

pub fn guess_report(quiz: &[ParsedQuestion]) -> GuessReport {
    let n = quiz.len().max(1) as f64;
    let mut tf: Vec<usize> = pieces(quiz, Some("true-false"))
        .iter()
        .map(|p| p.text.chars().count())
        .collect();
    tf.sort_unstable();
    let tf_median = median(&tf);
    GuessReport {
        chance: quiz.iter().map(chance).sum::<f64>() / n,
        guessers: GUESSERS
            .iter()
            .map(|g| {
                let score: f64 = quiz.iter().map(|q| guess(g, q, tf_median)).sum();
                (g.name, score / n)
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_are_whole_words_outside_code() {
        assert!(has_any("It is slow, since the index is missing", RATIONALE));
        assert!(!has_any("Sincerely, the indexes", RATIONALE));
        assert!(has_any("Do it so that retries are safe", RATIONALE));
        assert!(!has_any("Use `SELECT ALL` here", ABSOLUTE));
        assert!(has_any("You can't undo it", ABSOLUTE));
        assert!(has_any("No one reads it", ABSOLUTE));
        assert!(!has_any(
            "```sql\nSELECT * FROM all_orders;\n```\nWhat does it return?",
            ABSOLUTE
        ));
    }

    #[test]
    fn multiple_answer_scoring_gives_select_all_nothing() {
        assert_eq!(multiple_score(3, 3, 2, 2), 0.0);
        assert_eq!(multiple_score(3, 3, 0, 2), 1.0);
        assert_eq!(multiple_score(2, 3, 1, 2), 2.0 / 3.0 - 0.5);
        assert_eq!(multiple_score(0, 3, 0, 2), 0.0);
    }
}
