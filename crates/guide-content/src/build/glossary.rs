//! The glossary: `content/glossary.toml`.

use std::collections::HashSet;

use pulldown_cmark::{Event, Parser, Tag, html};
use serde::Deserialize;

use super::{ContentError, check_id, parse_toml};

#[derive(Debug, Deserialize)]
struct GlossaryFile {
    term: Vec<RawTerm>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    id: String,
    term: String,
    definition: String,
    see: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedTerm {
    pub id: String,
    pub term: String,
    pub definition_html: String,
    pub see: Option<String>,
    pub links: Vec<String>,
}

/// Parses `content/glossary.toml`.
pub fn parse_glossary(file: &str, source: &str) -> Result<Vec<ParsedTerm>, ContentError> {
    let raw: GlossaryFile = parse_toml(file, source)?;
    let mut seen = HashSet::new();
    let mut terms = Vec::with_capacity(raw.term.len());
    for t in raw.term {
        let at = |msg: String| ContentError::new(file, format!("term `{}`: {msg}", t.id));
        check_id(&mut seen, &t.id).map_err(at)?;
        if t.term.trim().is_empty() || t.definition.trim().is_empty() {
            return Err(at("term and definition must not be empty".into()));
        }
        let mut links = Vec::new();
        let mut definition_html = String::new();
        let mut events = Vec::new();
        for event in Parser::new(&t.definition) {
            match &event {
                Event::Html(_) | Event::InlineHtml(_) => {
                    return Err(at("definition contains raw HTML".into()));
                }
                Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with('/') => {
                    links.push(dest_url.to_string());
                }
                _ => {}
            }
            events.push(event);
        }
        html::push_html(&mut definition_html, events.into_iter());
        if let Some(see) = &t.see {
            links.push(see.clone());
        }
        terms.push(ParsedTerm {
            id: t.id,
            term: t.term,
            definition_html,
            see: t.see,
            links,
        });
    }
    for pair in terms.windows(2) {
        if pair[0].term.to_lowercase() > pair[1].term.to_lowercase() {
            return Err(ContentError::new(
                file,
                format!(
                    "term `{}` is out of order: the glossary is alphabetical, so it goes before `{}`",
                    pair[1].id, pair[0].id
                ),
            ));
        }
    }
    Ok(terms)
}
