//! Guide sections: `content/guide/NN-slug.md`, TOML front matter and Markdown.

use std::collections::HashSet;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use serde::Deserialize;

use super::ContentError;

/// Words a reader gets through in a minute, for the reading-time estimate.
pub const WORDS_PER_MINUTE: usize = 200;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    slug: String,
    title: String,
    summary: String,
    description: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedHeading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A heading (absent for the text before the first heading) and the HTML that follows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedBlock {
    pub heading: Option<ParsedHeading>,
    pub html: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedSection {
    pub file: String,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub description: String,
    pub blocks: Vec<ParsedBlock>,
    pub words: usize,
    /// Site-internal links (starting with `/`) found in the text, to check later.
    pub links: Vec<String>,
}

impl ParsedSection {
    pub fn reading_minutes(&self) -> usize {
        self.words.div_ceil(WORDS_PER_MINUTE).max(1)
    }

    pub fn headings(&self) -> impl Iterator<Item = &ParsedHeading> {
        self.blocks.iter().filter_map(|b| b.heading.as_ref())
    }
}

pub(super) fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Splits `+++` TOML front matter from the Markdown body.
fn split_front_matter<'a>(file: &str, source: &'a str) -> Result<(&'a str, &'a str), ContentError> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let rest = source
        .strip_prefix("+++\n")
        .or_else(|| source.strip_prefix("+++\r\n"))
        .ok_or_else(|| ContentError::new(file, "must start with a `+++` front matter line"))?;
    let end = rest
        .find("\n+++")
        .ok_or_else(|| ContentError::new(file, "front matter is not closed by a `+++` line"))?;
    let body = rest[end + 4..].trim_start_matches(['\r', '\n']);
    Ok((&rest[..end + 1], body))
}

/// Parses one guide section file (`content/guide/NN-slug.md`).
pub fn parse_section(file: &str, source: &str) -> Result<ParsedSection, ContentError> {
    let (front, body) = split_front_matter(file, source)?;
    let meta: FrontMatter = toml::from_str(front)
        .map_err(|e| ContentError::new(file, format!("bad front matter: {e}")))?;
    if !is_valid_id(&meta.slug) {
        return Err(ContentError::new(
            file,
            format!(
                "slug `{}` must be lowercase words joined by hyphens",
                meta.slug
            ),
        ));
    }
    for (name, value) in [
        ("title", &meta.title),
        ("summary", &meta.summary),
        ("description", &meta.description),
    ] {
        if value.trim().is_empty() {
            return Err(ContentError::new(file, format!("`{name}` is empty")));
        }
    }

    let mut blocks = vec![ParsedBlock {
        heading: None,
        html: String::new(),
    }];
    let mut pending: Vec<Event> = Vec::new();
    let mut heading: Option<(u8, String, String)> = None;
    let mut seen_ids = HashSet::new();
    let mut last_level = 1u8;
    let mut words = 0usize;
    let mut links = Vec::new();

    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES;
    for event in Parser::new_ext(body, options) {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                let level = match level {
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H1 => {
                        return Err(ContentError::new(
                            file,
                            "has a `#` (h1) heading; the title is the page's only h1, start at `##`",
                        ));
                    }
                    other => {
                        return Err(ContentError::new(
                            file,
                            format!(
                                "uses heading level {other:?}; only `##` and `###` are allowed"
                            ),
                        ));
                    }
                };
                let id = id.map(|s| s.to_string()).unwrap_or_default();
                if !is_valid_id(&id) {
                    return Err(ContentError::new(
                        file,
                        format!(
                            "a level-{level} heading needs an id like `{{#some-words}}`, found `{id}`"
                        ),
                    ));
                }
                if level > last_level + 1 {
                    return Err(ContentError::new(
                        file,
                        format!("heading `{id}` skips a level (h{last_level} to h{level})"),
                    ));
                }
                if !seen_ids.insert(id.clone()) {
                    return Err(ContentError::new(
                        file,
                        format!("heading id `{id}` is used twice"),
                    ));
                }
                last_level = level;
                flush(
                    &mut pending,
                    blocks.last_mut().expect("one block always exists"),
                );
                heading = Some((level, id, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                let (level, id, text) = heading.take().expect("heading end follows its start");
                words += count_words(&text);
                blocks.push(ParsedBlock {
                    heading: Some(ParsedHeading {
                        level,
                        id,
                        text: text.trim().to_string(),
                    }),
                    html: String::new(),
                });
            }
            Event::Text(text) | Event::Code(text) if heading.is_some() => {
                heading.as_mut().expect("checked").2.push_str(&text);
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                return Err(ContentError::new(
                    file,
                    "contains raw HTML; write Markdown only (the text is inserted into pages as HTML)",
                ));
            }
            event => {
                if let Event::Text(text) | Event::Code(text) = &event {
                    words += count_words(text);
                }
                if let Event::Start(Tag::Link { dest_url, .. }) = &event
                    && dest_url.starts_with('/')
                {
                    links.push(dest_url.to_string());
                }
                if heading.is_none() {
                    pending.push(event);
                }
            }
        }
    }
    flush(
        &mut pending,
        blocks.last_mut().expect("one block always exists"),
    );
    if blocks[0].html.trim().is_empty() && blocks.len() > 1 {
        blocks.remove(0);
    }

    Ok(ParsedSection {
        file: file.to_string(),
        slug: meta.slug,
        title: meta.title,
        summary: meta.summary,
        description: meta.description,
        blocks,
        words,
        links,
    })
}

fn flush(pending: &mut Vec<Event>, block: &mut ParsedBlock) {
    let mut out = String::new();
    html::push_html(&mut out, pending.drain(..));
    // Code blocks may scroll sideways: make them reachable by keyboard.
    block
        .html
        .push_str(&out.replace("<pre>", "<pre tabindex=\"0\">"));
}

fn count_words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// The text of generated HTML, for search: tags dropped (block ends become
/// spaces), the entities pulldown-cmark writes decoded, spaces collapsed.
pub fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let words: Vec<&str> = text.split_whitespace().collect();
    // Inline tags leave a space before punctuation ("<code>x</code>,").
    words
        .join(" ")
        .replace(" ,", ",")
        .replace(" .", ".")
        .replace(" ;", ";")
        .replace(" :", ":")
        .replace(" )", ")")
        .replace("( ", "(")
}

/// The shortest a section may be: a page with less is a stub.
const MIN_SECTION_HEADINGS: usize = 3;
const MIN_SECTION_WORDS: usize = 250;

/// Checks each section as a page a reader gets: enough structure and text.
pub fn check_sections(sections: &[ParsedSection]) -> Vec<ContentError> {
    let mut errors = Vec::new();
    for s in sections {
        let headings = s.headings().count();
        if headings < MIN_SECTION_HEADINGS {
            errors.push(ContentError::new(
                &s.file,
                format!("has {headings} headings; a section needs at least {MIN_SECTION_HEADINGS} (`## Title {{#id}}`)"),
            ));
        }
        if s.words < MIN_SECTION_WORDS {
            errors.push(ContentError::new(
                &s.file,
                format!(
                    "has {} words; a section needs at least {MIN_SECTION_WORDS}",
                    s.words
                ),
            ));
        }
    }
    errors
}
