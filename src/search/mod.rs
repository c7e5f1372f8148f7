//! Full-text search over the guide, the glossary and the quiz explanations.
//! `build.rs` turns the content into plain-text documents at build time
//! (`$OUT_DIR/search.rs`). The server publishes them as one JSON file
//! ([`index_json`], at `site_map::SEARCH_INDEX`), which the browser fetches
//! the first time search is opened (and the service worker keeps for offline
//! use): the documents are not compiled into the WASM client. Searching is
//! plain Rust, run in the browser. Ranking and highlighting live here, apart
//! from the view, and are tested on the host.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

pub use guide_content::{Document, DocumentKind};

/// One document as it travels in the index file (borrowed where the JSON
/// allows, copied where it has escapes).
#[derive(Serialize, Deserialize)]
struct IndexEntry<'a> {
    #[serde(borrow)]
    kind: Cow<'a, str>,
    #[serde(borrow)]
    title: Cow<'a, str>,
    #[serde(borrow)]
    context: Cow<'a, str>,
    #[serde(borrow)]
    link: Cow<'a, str>,
    #[serde(borrow)]
    text: Cow<'a, str>,
}

fn kind_name(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Guide => "guide",
        DocumentKind::Glossary => "glossary",
        DocumentKind::Quiz => "quiz",
        DocumentKind::Interview => "interview",
        DocumentKind::Path => "path",
    }
}

/// The index file: every document of the content, then the learning path's
/// stages and the interview questions.
pub fn index_json() -> String {
    let mut entries: Vec<IndexEntry> = DOCUMENTS
        .iter()
        .map(|d| IndexEntry {
            kind: kind_name(d.kind).into(),
            title: d.title.into(),
            context: d.context.into(),
            link: d.link.into(),
            text: d.text.into(),
        })
        .collect();
    entries.extend(learning_entries());
    serde_json::to_string(&entries).expect("plain strings serialize")
}

/// The learning path and the interview bank as documents.
fn learning_entries() -> impl Iterator<Item = IndexEntry<'static>> {
    use crate::learning::{INTERVIEW_QUESTIONS, PATH_STAGES};
    let stages = PATH_STAGES.iter().map(|s| {
        let mut text = vec![s.summary.to_string()];
        text.extend(s.goals.iter().map(|g| g.to_string()));
        text.push(s.project.into());
        text.extend(s.checks.iter().map(|c| c.text.to_string()));
        IndexEntry {
            kind: kind_name(DocumentKind::Path).into(),
            title: s.title.into(),
            context: "Learning path".into(),
            link: crate::site_map::path_stage(s.id).into(),
            text: text.join(" ").into(),
        }
    });
    let questions = INTERVIEW_QUESTIONS.iter().map(|q| {
        let mut text = vec![q.prompt.to_string()];
        text.extend(q.strong.iter().map(|p| p.to_string()));
        text.push(q.follow_up.into());
        IndexEntry {
            kind: kind_name(DocumentKind::Interview).into(),
            title: q.prompt.into(),
            context: "Interview kit".into(),
            link: crate::site_map::interview_question(q.id).into(),
            text: text.join(" ").into(),
        }
    });
    stages.chain(questions)
}

/// Reads the index file. The documents live as long as the page, so they
/// are leaked once into `'static` data that [`search`] takes as it is.
pub fn parse_index(json: &str) -> Result<&'static [Document], serde_json::Error> {
    let entries: Vec<IndexEntry> = serde_json::from_str(json)?;
    let keep = |s: Cow<str>| -> &'static str { s.into_owned().leak() };
    let documents: Vec<Document> = entries
        .into_iter()
        .map(|e| Document {
            kind: match &*e.kind {
                "glossary" => DocumentKind::Glossary,
                "quiz" => DocumentKind::Quiz,
                "interview" => DocumentKind::Interview,
                "path" => DocumentKind::Path,
                _ => DocumentKind::Guide,
            },
            title: keep(e.title),
            context: keep(e.context),
            link: keep(e.link),
            text: keep(e.text),
        })
        .collect();
    Ok(documents.leak())
}

/// Small tie-breaker: the guide itself first, then definitions.
fn weight(kind: DocumentKind) -> u32 {
    match kind {
        DocumentKind::Guide => 3,
        DocumentKind::Glossary => 2,
        DocumentKind::Quiz | DocumentKind::Interview => 1,
        DocumentKind::Path => 2,
    }
}

include!(concat!(env!("OUT_DIR"), "/search.rs"));

/// A piece of text, highlighted when it matched the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fragment {
    pub text: String,
    pub matched: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub document: &'static Document,
    pub score: u32,
    pub title: Vec<Fragment>,
    pub snippet: Vec<Fragment>,
}

/// The words of a query, lowercased; very short words are dropped unless
/// they are all there is.
pub fn terms(query: &str) -> Vec<String> {
    let words: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let long: Vec<String> = words
        .iter()
        .filter(|w| w.chars().count() > 1)
        .cloned()
        .collect();
    let mut terms = if long.is_empty() { words } else { long };
    terms.dedup();
    terms
}

/// Documents containing every term (as the start of a word), best first.
pub fn search(documents: &'static [Document], query: &str, limit: usize) -> Vec<Hit> {
    let terms = terms(query);
    if terms.is_empty() {
        return Vec::new();
    }
    let phrase = query.trim().to_lowercase();
    let mut hits: Vec<Hit> = documents
        .iter()
        .filter_map(|document| {
            let title = document.title.to_lowercase();
            let text = document.text.to_lowercase();
            let mut score = 0;
            for term in &terms {
                // A title names its subject once: a long interview prompt
                // that repeats a word is no better a match than a heading.
                let in_title = word_starts(&title, term).count().min(1) as u32;
                let in_text = word_starts(&text, term).count().min(5) as u32;
                if in_title + in_text == 0 {
                    return None;
                }
                score += in_title * 10 + in_text;
            }
            if terms.len() > 1 && title.contains(&phrase) {
                score += 20;
            } else if terms.len() > 1 && text.contains(&phrase) {
                score += 5;
            }
            Some(Hit {
                document,
                score: score * 4 + weight(document.kind),
                title: highlight(document.title, &terms),
                snippet: snippet(document.text, &terms, SNIPPET_CHARS),
            })
        })
        .collect();
    // Stable: equal scores keep the guide's reading order.
    hits.sort_by(|a, b| b.score.cmp(&a.score));
    hits.truncate(limit);
    hits
}

/// Characters of context around the first match.
const SNIPPET_CHARS: usize = 160;

/// Byte offsets in `haystack` (already lowercase) where `term` starts a word.
fn word_starts<'a>(haystack: &'a str, term: &'a str) -> impl Iterator<Item = usize> + 'a {
    haystack.match_indices(term).filter_map(move |(at, _)| {
        let before = haystack[..at].chars().next_back();
        (!before.is_some_and(char::is_alphanumeric)).then_some(at)
    })
}

/// Splits `text` into fragments, marking each word that starts with a term.
pub fn highlight(text: &str, terms: &[String]) -> Vec<Fragment> {
    let lower: Vec<(usize, char)> = text.char_indices().collect();
    let mut fragments: Vec<Fragment> = Vec::new();
    let mut push = |piece: &str, matched: bool| {
        if piece.is_empty() {
            return;
        }
        match fragments.last_mut() {
            Some(last) if last.matched == matched => last.text.push_str(piece),
            _ => fragments.push(Fragment {
                text: piece.to_string(),
                matched,
            }),
        }
    };
    let mut plain_from = 0;
    let mut i = 0;
    while i < lower.len() {
        let (at, c) = lower[i];
        let starts_word = i == 0 || !lower[i - 1].1.is_alphanumeric();
        if c.is_alphanumeric() && starts_word {
            let end = lower[i..]
                .iter()
                .find(|(_, c)| !c.is_alphanumeric())
                .map_or(text.len(), |(e, _)| *e);
            let word = text[at..end].to_lowercase();
            if let Some(term) = terms.iter().find(|t| word.starts_with(t.as_str())) {
                // Mark the matching prefix only, by characters.
                let marked_end = text[at..]
                    .char_indices()
                    .nth(term.chars().count())
                    .map_or(end, |(n, _)| at + n)
                    .min(end);
                push(&text[plain_from..at], false);
                push(&text[at..marked_end], true);
                plain_from = marked_end;
            }
            while i < lower.len() && lower[i].0 < end {
                i += 1;
            }
            continue;
        }
        i += 1;
    }
    push(&text[plain_from..], false);
    fragments
}

/// About `width` characters of `text` around its first match, highlighted,
/// with an ellipsis where text was cut.
pub fn snippet(text: &str, terms: &[String], width: usize) -> Vec<Fragment> {
    let lower = text.to_lowercase();
    let first = terms
        .iter()
        .filter_map(|t| word_starts(&lower, t).next())
        .min()
        // Lowercasing can shift bytes outside ASCII: only trust a boundary.
        .filter(|at| text.is_char_boundary(*at))
        .unwrap_or(0);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let first_char = chars.iter().position(|(b, _)| *b >= first).unwrap_or(0);
    let start_char = first_char.saturating_sub(width / 3);
    let end_char = (start_char + width).min(chars.len());
    // Widen to whole words.
    let mut start = start_char;
    while start > 0 && !chars[start - 1].1.is_whitespace() {
        start -= 1;
    }
    let mut end = end_char;
    while end < chars.len() && !chars[end].1.is_whitespace() {
        end += 1;
    }
    let byte = |i: usize| chars.get(i).map_or(text.len(), |(b, _)| *b);
    let mut fragments = highlight(text[byte(start)..byte(end)].trim(), terms);
    if start > 0 {
        fragments.insert(
            0,
            Fragment {
                text: "… ".into(),
                matched: false,
            },
        );
    }
    if end < chars.len() {
        fragments.push(Fragment {
            text: " …".into(),
            matched: false,
        });
    }
    fragments
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(fragments: &[Fragment]) -> String {
        fragments.iter().map(|f| f.text.as_str()).collect()
    }

    fn marked(fragments: &[Fragment]) -> Vec<&str> {
        fragments
            .iter()
            .filter(|f| f.matched)
            .map(|f| f.text.as_str())
            .collect()
    }

    #[test]
    fn terms_are_lowercase_words_without_noise() {
        assert_eq!(terms("  REST, APIs!  "), ["rest", "apis"]);
        assert_eq!(terms("a cache"), ["cache"]);
        assert_eq!(terms("C"), ["c"]);
        assert!(terms(" ,.; ").is_empty());
    }

    #[test]
    fn every_term_must_match_and_titles_rank_first() {
        let hits = search(DOCUMENTS, "database", 50);
        assert!(!hits.is_empty());
        assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
        assert!(hits[0].document.title.to_lowercase().contains("database"));
        for hit in &hits {
            let all = format!("{} {}", hit.document.title, hit.document.text).to_lowercase();
            assert!(all.contains("database"));
        }
        let narrower = search(DOCUMENTS, "database index", 50);
        assert!(narrower.len() < hits.len());
        assert!(search(DOCUMENTS, "zzzqqq", 10).is_empty());
        assert!(search(DOCUMENTS, "   ", 10).is_empty());
    }

    #[test]
    fn the_index_file_round_trips_every_document() {
        let parsed = parse_index(&index_json()).unwrap();
        // The content's documents first, then the path and the interview bank.
        assert_eq!(&parsed[..DOCUMENTS.len()], DOCUMENTS);
        assert!(parse_index("{not json").is_err());
    }

    #[test]
    fn the_guide_glossary_and_quiz_are_all_searched() {
        for kind in [
            DocumentKind::Guide,
            DocumentKind::Glossary,
            DocumentKind::Quiz,
        ] {
            assert!(DOCUMENTS.iter().any(|d| d.kind == kind), "{kind:?}");
        }
        // Plain text: no markup left (a `<` written in the text, as in a
        // code example, is fine).
        for tag in ["<p>", "<code>", "<pre", "<a href", "</", "<li>", "<strong>"] {
            assert!(
                DOCUMENTS.iter().all(|d| !d.text.contains(tag)),
                "text is plain, but has {tag}"
            );
        }
        let term = &crate::content::GLOSSARY[0];
        let hits = search(DOCUMENTS, term.term, 100);
        assert!(
            hits.iter()
                .any(|h| h.document.link == crate::site_map::glossary_term(term.id))
        );
    }

    #[test]
    fn links_point_at_headings_that_exist() {
        for d in DOCUMENTS {
            if d.kind == DocumentKind::Glossary {
                continue;
            }
            let title = crate::content::link_title(d.link);
            assert!(title.is_some(), "{} links to {}", d.title, d.link);
        }
    }

    #[test]
    fn highlight_marks_word_starts_only() {
        let terms = vec!["api".to_string()];
        let f = highlight("APIs and rapid API use", &terms);
        assert_eq!(plain(&f), "APIs and rapid API use");
        assert_eq!(marked(&f), ["API", "API"]);
        let f = highlight("Café crème", &["crè".to_string()]);
        assert_eq!(marked(&f), ["crè"]);
    }

    #[test]
    fn snippets_are_cut_around_the_first_match() {
        let text = format!("{} needle {}", "hay ".repeat(100), "straw ".repeat(100));
        let f = snippet(&text, &["needle".to_string()], 60);
        let s = plain(&f);
        assert!(s.starts_with("… ") && s.ends_with(" …"), "{s}");
        assert!(s.chars().count() < 90);
        assert_eq!(marked(&f), ["needle"]);
        let short = snippet("short text", &["text".to_string()], 60);
        assert_eq!(plain(&short), "short text");
    }

    #[test]
    fn the_index_file_finds_path_stages_and_interview_questions() {
        let documents = parse_index(&index_json()).unwrap();
        assert!(documents.len() > DOCUMENTS.len());
        let stage = &crate::learning::PATH_STAGES[0];
        let hits = search(documents, stage.title, 10);
        assert!(
            hits.iter().any(|h| h.document.kind == DocumentKind::Path
                && h.document.link == format!("/path#{}", stage.id)),
            "{}",
            stage.title
        );
        let q = &crate::learning::INTERVIEW_QUESTIONS[0];
        let words: String = q
            .prompt
            .split_whitespace()
            .take(8)
            .collect::<Vec<_>>()
            .join(" ");
        let hits = search(documents, &words, 10);
        assert!(
            hits.iter()
                .any(|h| h.document.link == format!("/interview#q-{}", q.id)),
            "{words}"
        );
    }
}
