//! Guide sections: `content/guide/NN-slug.md`, TOML front matter and Markdown.

use std::collections::HashSet;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use serde::Deserialize;

use super::{
    ContentError,
    lab::{TryIt, TryLink, lab_href},
};

/// Words a reader gets through in a minute, for the reading-time estimate.
pub const WORDS_PER_MINUTE: usize = 200;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    slug: String,
    title: String,
    summary: String,
    description: String,
    /// When an expert last reviewed the section, `YYYY-MM-DD`.
    reviewed: Option<String>,
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
    /// When an expert last reviewed it, `YYYY-MM-DD`.
    pub reviewed: String,
    pub blocks: Vec<ParsedBlock>,
    pub words: usize,
    /// Site-internal links (starting with `/`) found in the text, to check later.
    pub links: Vec<String>,
    /// The `content/lab/try-it.toml` variants its SQL blocks link to.
    pub try_variants: Vec<String>,
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
/// A section whose SQL blocks link to no variant of `content/lab/try-it.toml`.
pub fn parse_section(file: &str, source: &str) -> Result<ParsedSection, ContentError> {
    parse_section_with(file, source, &TryIt::new())
}

/// A section; its ```` ```sql try=<id> ```` blocks link to the lab with the
/// variant `<id>` of `try_it`.
pub fn parse_section_with(
    file: &str,
    source: &str,
    try_it: &TryIt,
) -> Result<ParsedSection, ContentError> {
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

    let reviewed = meta.reviewed.unwrap_or_default();
    if day_number(&reviewed).is_none() {
        return Err(ContentError::new(
            file,
            format!(
                "needs `reviewed = \"YYYY-MM-DD\"` in its front matter (the day an expert last \
                 reviewed it), found `{reviewed}`"
            ),
        ));
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
    let mut try_variants = Vec::new();
    // The code block being read: what its info string asks for, its text.
    let mut code: Option<(TryLink, String)> = None;

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
                match &event {
                    Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                        let link = TryLink::from_info(info)
                            .map_err(|e| ContentError::new(file, format!("code block: {e}")))?;
                        code = Some((link, String::new()));
                    }
                    Event::Text(text) => {
                        if let Some((_, sql)) = &mut code {
                            sql.push_str(text);
                        }
                    }
                    _ => {}
                }
                let ends_code = matches!(event, Event::End(TagEnd::CodeBlock));
                if heading.is_none() {
                    pending.push(event);
                }
                if ends_code && let Some((link, text)) = code.take() {
                    let sql = match link {
                        TryLink::None => None,
                        TryLink::AsIs => Some(text.trim().to_string()),
                        TryLink::Variant(id) => {
                            let sql = try_it.get(&id).ok_or_else(|| {
                                ContentError::new(
                                    file,
                                    format!(
                                        "code block `try={id}`: no such variant in {}",
                                        super::lab::TRY_IT_FILE
                                    ),
                                )
                            })?;
                            try_variants.push(id);
                            Some(sql.clone())
                        }
                    };
                    if let Some(sql) = sql {
                        pending.push(Event::Html(try_link(&sql).into()));
                    }
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
        reviewed,
        blocks,
        words,
        links,
        try_variants,
    })
}

/// The link under a runnable SQL example: it opens the lab with `sql`.
fn try_link(sql: &str) -> String {
    format!(
        "<p class=\"try-sql\"><a href=\"{}\">Run this in the SQL lab</a></p>",
        lab_href(sql)
    )
}

/// A guide code block: a copy button (shown when scripts run, see
/// `copy_code.js`), a status line for "Copied", and the block itself.
const GUIDE_CODE_BLOCK: &str = "<div class=\"code-block\"><button type=\"button\" class=\"copy-code\" \
     aria-label=\"Copy the code below\">Copy</button><span class=\"copy-status\" role=\"status\"></span><pre tabindex=\"0\">";

fn flush(pending: &mut Vec<Event>, block: &mut ParsedBlock) {
    flush_as(pending, block, true);
}

fn flush_as(pending: &mut Vec<Event>, block: &mut ParsedBlock, guide: bool) {
    let mut out = String::new();
    html::push_html(&mut out, pending.drain(..));
    // Code blocks may scroll sideways: make them reachable by keyboard (in
    // the guide, with a copy button). Tables too, inside a labelled region
    // that scrolls on narrow screens (the page itself never scrolls sideways).
    let out = if guide {
        out.replace("<pre>", GUIDE_CODE_BLOCK)
            .replace("</pre>", "</pre></div>")
    } else {
        out.replace("<pre>", "<pre tabindex=\"0\">")
    };
    block.html.push_str(
        &out.replace(
            "<table>",
            "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" \
                 aria-label=\"Table, scrolls sideways\"><table>",
        )
        .replace("</table>", "</table></div>"),
    );
}

/// A short piece of Markdown (a quiz prompt, a work sample's material) as
/// HTML, with code blocks reachable by keyboard like the guide's.
pub fn markdown_html(markdown: &str) -> String {
    let mut block = ParsedBlock {
        heading: None,
        html: String::new(),
    };
    let mut events: Vec<Event> = Parser::new_ext(markdown, Options::ENABLE_TABLES)
        .map(|e| match e {
            // Raw HTML is shown as text, never inserted.
            Event::Html(t) | Event::InlineHtml(t) => Event::Text(t),
            e => e,
        })
        .collect();
    flush_as(&mut events, &mut block, false);
    block.html
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

/// Days since 1970-01-01 of a `YYYY-MM-DD` date, if it is one.
pub fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i64, i64, i64) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&m) || d < 1 || d > month_days[(m - 1) as usize] {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Today as days since 1970-01-01, from the system clock.
pub fn today() -> i64 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    (secs / 86_400) as i64
}

/// How long a review stays current.
pub const REVIEW_VALID_DAYS: i64 = 366;

/// Every section was reviewed within the last year (counted from `today`,
/// days since 1970-01-01) and ends with its sources, so that stale text is
/// noticed by the build rather than by readers.
pub fn check_currency(sections: &[ParsedSection], today: i64) -> Vec<ContentError> {
    let mut errors = Vec::new();
    for s in sections {
        if let Some(day) = day_number(&s.reviewed)
            && today - day > REVIEW_VALID_DAYS
        {
            errors.push(ContentError::new(
                &s.file,
                format!(
                    "was last reviewed on {}, more than a year ago: review its facts, figures and \
                     versions, then update `reviewed`",
                    s.reviewed
                ),
            ));
        }
        let last = s.headings().last();
        let sources = s
            .blocks
            .iter()
            .find(|b| b.heading.as_ref().is_some_and(|h| h.id == "sources"));
        match (last, sources) {
            (Some(h), Some(b)) if h.id == "sources" && h.level == 2 && b.html.contains("<li>") => {}
            _ => errors.push(ContentError::new(
                &s.file,
                "needs a last heading `## Sources {#sources}` with a list of the references \
                 behind its market, pay, version and standards claims (name, publisher, date)",
            )),
        }
    }
    errors
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
