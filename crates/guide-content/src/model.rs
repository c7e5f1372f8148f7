//! The types the generated static data is made of. Every text is a
//! `&'static str` baked into the binary, so nothing is parsed at run time.

use crate::links;

/// A `##` or `###` heading of a section, with its stable anchor id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: &'static str,
    pub text: &'static str,
}

/// A heading (none for the text before the first one) and the HTML under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    pub heading: Option<Heading>,
    pub html: &'static str,
}

/// One page of the guide, at `/guide/<slug>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    pub slug: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    pub description: &'static str,
    pub reading_minutes: usize,
    /// When an expert last reviewed it, `YYYY-MM-DD`.
    pub reviewed: &'static str,
    /// Its `##` and `###` headings in order. The text itself is kept apart
    /// (the generated `SECTION_BODIES`), so code that only names sections
    /// and headings (the browser's islands) does not carry the whole guide.
    pub headings: &'static [Heading],
}

impl Section {
    pub fn path(&self) -> String {
        links::section(self.slug)
    }

    pub fn headings(&self) -> impl Iterator<Item = &'static Heading> + use<> {
        self.headings.iter()
    }
}

/// A glossary entry, at `/glossary#<id>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub id: &'static str,
    pub term: &'static str,
    pub definition_html: &'static str,
    pub see: Option<&'static str>,
}

/// A skill area (`content/areas.toml`): quiz questions and results are
/// grouped by it. Areas are compared by their stable id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Area {
    pub id: &'static str,
    pub label: &'static str,
    /// The guide text that teaches the area as a whole.
    pub link: &'static str,
    pub summary: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

/// How a quiz question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerKind {
    /// One right option.
    Single,
    /// "Select all that apply", with partial credit.
    Multiple,
    /// The options True and False.
    TrueFalse,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuizOption {
    pub text: &'static str,
    pub correct: bool,
    /// Why this option is wrong; empty for right options.
    pub why_wrong: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    pub id: &'static str,
    /// The id of its [`Area`].
    pub area: &'static str,
    pub difficulty: Difficulty,
    pub kind: AnswerKind,
    /// The prompt as plain text (search, titles).
    pub prompt: &'static str,
    /// The prompt as HTML: text, and code to read in `<code>` and `<pre>`.
    pub prompt_html: &'static str,
    pub explanation: &'static str,
    /// `/guide/<slug>#<heading>` of the text that teaches it.
    pub link: &'static str,
    /// "Section › Heading" of `link`.
    pub link_title: &'static str,
    pub options: &'static [QuizOption],
}

impl Question {
    pub fn correct_indices(&self) -> Vec<usize> {
        (0..self.options.len())
            .filter(|&i| self.options[i].correct)
            .collect()
    }
}

/// What a search document is, shown beside each result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Guide,
    Glossary,
    Quiz,
    /// A question of the interview bank (added by the app's index).
    Interview,
    /// A stage of the learning path (added by the app's index).
    Path,
}

impl DocumentKind {
    pub fn label(self) -> &'static str {
        match self {
            DocumentKind::Guide => "Guide",
            DocumentKind::Glossary => "Glossary",
            DocumentKind::Quiz => "Quiz explanation",
            DocumentKind::Interview => "Interview question",
            DocumentKind::Path => "Learning path",
        }
    }
}

/// One searchable piece: a part of a section under one heading, a glossary
/// term, or a quiz question's explanation, as plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Document {
    pub kind: DocumentKind,
    pub title: &'static str,
    /// Where it sits: the section's title, "Glossary", or the quiz question.
    pub context: &'static str,
    /// The heading (or term) it links to.
    pub link: &'static str,
    pub text: &'static str,
}

/// The seniority an interview question suits, in order. Written as its
/// [`Level::id`] in `content/interview.toml`, in saved kits and in share links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "lowercase")
)]
pub enum Level {
    Junior,
    Mid,
    Senior,
    Lead,
    Architect,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::Junior,
        Level::Mid,
        Level::Senior,
        Level::Lead,
        Level::Architect,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Level::Junior => "junior",
            Level::Mid => "mid",
            Level::Senior => "senior",
            Level::Lead => "lead",
            Level::Architect => "architect",
        }
    }

    pub fn from_id(id: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.id() == id)
    }

    pub fn label(self) -> &'static str {
        match self {
            Level::Junior => "Junior",
            Level::Mid => "Mid-level",
            Level::Senior => "Senior",
            Level::Lead => "Lead",
            Level::Architect => "Architect",
        }
    }

    /// How far apart two levels are (0 for the same level).
    pub fn distance(self, other: Level) -> usize {
        (self as usize).abs_diff(other as usize)
    }
}

/// What an interview question asks of the candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "kebab-case")
)]
pub enum InterviewKind {
    /// A question to reason through.
    Technical,
    /// "Tell me about a time...", with a fallback for career changers.
    Experience,
    /// A task on given material: a diff to review, a query to fix, a brief.
    WorkSample,
}

impl InterviewKind {
    pub fn label(self) -> &'static str {
        match self {
            InterviewKind::Technical => "Technical",
            InterviewKind::Experience => "Past experience",
            InterviewKind::WorkSample => "Work sample",
        }
    }
}

/// A question of the interview bank (`content/interview.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InterviewQuestion {
    pub id: &'static str,
    /// The id of its [`Area`].
    pub area: &'static str,
    pub level: Level,
    pub kind: InterviewKind,
    /// Suggested time, in minutes.
    pub minutes: u8,
    pub prompt: &'static str,
    /// For experience questions: the question for someone without that
    /// experience at work; empty otherwise.
    pub fallback: &'static str,
    /// For work samples: what the candidate is given, as HTML; empty otherwise.
    pub material_html: &'static str,
    /// The points without which an answer cannot score 3.
    pub must: &'static [&'static str],
    /// What an answer scoring 1, 2, 3 and 4 sounds like.
    pub anchors: [&'static str; 4],
    /// The other points a strong answer covers.
    pub strong: &'static [&'static str],
    pub red_flags: &'static [&'static str],
    pub follow_up: &'static str,
    /// The guide text behind it.
    pub link: &'static str,
    /// For a work sample the candidate can solve in the SQL lab: the lab
    /// exercise's id; empty otherwise.
    pub lab: &'static str,
}

/// A "done when" check a learner ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathCheck {
    /// Unique within its stage.
    pub id: &'static str,
    pub text: &'static str,
    /// How to meet it alone when `text` needs other people; empty otherwise.
    pub solo: &'static str,
    /// Stored ids (`stage/check`) it had before; ticks under them count.
    pub formerly: &'static [&'static str],
}

/// A stage of the learning path (`content/path.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathStage {
    pub id: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    /// About how many hours of study and practice it takes.
    pub hours: u16,
    /// Ids of the [`Area`]s it trains.
    pub areas: &'static [&'static str],
    pub goals: &'static [&'static str],
    /// Guide links it draws on.
    pub sections: &'static [&'static str],
    /// Glossary term ids it uses.
    pub terms: &'static [&'static str],
    /// What to add to the project that grows through the stages.
    pub project: &'static str,
    pub checks: &'static [PathCheck],
    /// Ids of the SQL lab's exercises that practise it (solving them ticks
    /// them off on the path).
    pub lab: &'static [&'static str],
}

/// A topic of the SQL lab's exercises, in the order the lab lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabTopic {
    pub id: &'static str,
    pub label: &'static str,
}

/// The SQL lab's topics; every exercise names one of them.
pub const LAB_TOPICS: &[LabTopic] = &[
    LabTopic {
        id: "filtering",
        label: "Filtering rows",
    },
    LabTopic {
        id: "ordering",
        label: "Ordering with a tie-breaker",
    },
    LabTopic {
        id: "pagination",
        label: "Pagination: keyset and offset",
    },
    LabTopic {
        id: "joins",
        label: "Joins and the N+1 pattern",
    },
    LabTopic {
        id: "grouping",
        label: "Grouping and totals",
    },
    LabTopic {
        id: "null",
        label: "NULL",
    },
    LabTopic {
        id: "constraints",
        label: "Keys and constraints",
    },
    LabTopic {
        id: "transactions",
        label: "Transactions",
    },
    LabTopic {
        id: "upserts",
        label: "Upserts (ON CONFLICT)",
    },
    LabTopic {
        id: "idempotency",
        label: "Idempotency keys",
    },
    LabTopic {
        id: "indexes",
        label: "Indexes, read through EXPLAIN",
    },
    LabTopic {
        id: "injection",
        label: "SQL injection and parameters",
    },
];

/// An exercise of the SQL lab (`content/lab/exercises.toml`): what the page
/// shows. How an attempt is judged (the reference query, checks, known
/// mistakes) is read by the lab's worker from the same file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabExercise {
    /// Stable: the reader's progress is stored under it.
    pub id: &'static str,
    pub title: &'static str,
    /// The id of its [`LabTopic`].
    pub topic: &'static str,
    /// The guide heading it practises.
    pub guide: &'static str,
    pub task_html: &'static str,
    /// The query the reader starts from.
    pub start: &'static str,
    /// From a nudge to nearly the answer, shown one at a time.
    pub hints: &'static [&'static str],
}

#[cfg(test)]
mod tests {
    use super::Level;

    #[test]
    fn levels_have_ids_and_distances() {
        for level in Level::ALL {
            assert_eq!(Level::from_id(level.id()), Some(level));
        }
        assert_eq!(Level::from_id("intern"), None);
        assert_eq!(Level::Senior.distance(Level::Junior), 2);
        assert_eq!(Level::Mid.distance(Level::Mid), 0);
    }
}
