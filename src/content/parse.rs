//! Build-time parsing and checking of `content/`: Markdown sections and the glossary.
//!
//! This file is compiled twice: by `build.rs` (to turn the content into
//! static Rust data) and into the host unit tests. It must stay
//! self-contained: no `crate::` paths, no Leptos, no browser.

use std::{collections::HashSet, fmt};

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use serde::Deserialize;

/// Words a reader gets through in a minute, for the reading-time estimate.
pub const WORDS_PER_MINUTE: usize = 200;

/// A problem in one content file, with enough context to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    pub file: String,
    pub message: String,
}

impl ContentError {
    fn new(file: &str, message: impl Into<String>) -> Self {
        Self {
            file: file.to_string(),
            message: message.into(),
        }
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

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

fn is_valid_id(id: &str) -> bool {
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
    let raw: GlossaryFile =
        toml::from_str(source).map_err(|e| ContentError::new(file, format!("not valid: {e}")))?;
    let mut seen = HashSet::new();
    let mut terms = Vec::with_capacity(raw.term.len());
    for t in raw.term {
        let at = |msg: String| ContentError::new(file, format!("term `{}`: {msg}", t.id));
        if !is_valid_id(&t.id) {
            return Err(at("id must be lowercase words joined by hyphens".into()));
        }
        if !seen.insert(t.id.clone()) {
            return Err(at("id is used twice".into()));
        }
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
    Ok(terms)
}

/// The skill areas a quiz question can belong to, in display order.
pub const QUIZ_AREAS: &[&str] = &[
    "languages",
    "databases",
    "frameworks",
    "apis",
    "version-control",
    "security",
    "performance",
    "deployment",
    "teamwork",
];

#[derive(Debug, Deserialize)]
struct QuizFile {
    question: Vec<RawQuestion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: String,
    area: String,
    difficulty: String,
    kind: String,
    prompt: String,
    explanation: String,
    link: String,
    option: Vec<RawOption>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    text: String,
    correct: bool,
    why_wrong: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedOption {
    pub text: String,
    pub correct: bool,
    pub why_wrong: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedQuestion {
    pub id: String,
    pub area: String,
    pub difficulty: String,
    pub kind: String,
    pub prompt: String,
    pub explanation: String,
    pub link: String,
    pub options: Vec<ParsedOption>,
}

/// Parses and checks `content/quiz.toml`; errors name the question.
pub fn parse_quiz(file: &str, source: &str) -> Result<Vec<ParsedQuestion>, ContentError> {
    let raw: QuizFile =
        toml::from_str(source).map_err(|e| ContentError::new(file, format!("not valid: {e}")))?;
    let mut seen = HashSet::new();
    let mut questions = Vec::with_capacity(raw.question.len());
    for q in raw.question {
        let at = |msg: String| ContentError::new(file, format!("question `{}`: {msg}", q.id));
        if !is_valid_id(&q.id) {
            return Err(at("id must be lowercase words joined by hyphens".into()));
        }
        if !seen.insert(q.id.clone()) {
            return Err(at("id is used twice".into()));
        }
        if !QUIZ_AREAS.contains(&q.area.as_str()) {
            return Err(at(format!(
                "unknown area `{}` (one of {})",
                q.area,
                QUIZ_AREAS.join(", ")
            )));
        }
        if !["easy", "medium", "hard"].contains(&q.difficulty.as_str()) {
            return Err(at(format!(
                "difficulty `{}` is not easy, medium or hard",
                q.difficulty
            )));
        }
        if q.prompt.trim().is_empty() || q.explanation.trim().is_empty() {
            return Err(at("prompt and explanation must not be empty".into()));
        }
        let correct = q.option.iter().filter(|o| o.correct).count();
        match q.kind.as_str() {
            "single" if correct != 1 => {
                return Err(at(format!(
                    "a single-choice question needs exactly one correct option, has {correct}"
                )));
            }
            "multiple" if correct < 2 => {
                return Err(at(format!(
                    "a multiple-choice question needs at least two correct options, has {correct}"
                )));
            }
            "true-false" => {
                let texts: Vec<_> = q.option.iter().map(|o| o.text.as_str()).collect();
                if texts != ["True", "False"] || correct != 1 {
                    return Err(at(
                        "a true-false question has exactly the options True and False, one correct"
                            .into(),
                    ));
                }
            }
            "single" | "multiple" => {}
            other => {
                return Err(at(format!(
                    "kind `{other}` is not single, multiple or true-false"
                )));
            }
        }
        if q.option.len() < 2 {
            return Err(at("needs at least two options".into()));
        }
        let mut options = Vec::with_capacity(q.option.len());
        for (i, o) in q.option.into_iter().enumerate() {
            if o.text.trim().is_empty() {
                return Err(at(format!("option {} has no text", i + 1)));
            }
            let why_wrong = match (o.correct, o.why_wrong) {
                (true, None) => String::new(),
                (true, Some(_)) => {
                    return Err(at(format!(
                        "option `{}` is correct but has a why_wrong",
                        o.text
                    )));
                }
                (false, Some(w)) if !w.trim().is_empty() => w,
                (false, _) => {
                    return Err(at(format!("wrong option `{}` needs a why_wrong", o.text)));
                }
            };
            options.push(ParsedOption {
                text: o.text,
                correct: o.correct,
                why_wrong,
            });
        }
        questions.push(ParsedQuestion {
            id: q.id,
            area: q.area,
            difficulty: q.difficulty,
            kind: q.kind,
            prompt: q.prompt,
            explanation: q.explanation,
            link: q.link,
            options,
        });
    }
    for area in QUIZ_AREAS {
        if !questions.iter().any(|q| q.area == *area) {
            return Err(ContentError::new(
                file,
                format!("no question covers the area `{area}`"),
            ));
        }
    }
    Ok(questions)
}

/// Checks that every question links to an existing section and heading.
pub fn check_quiz_links(
    sections: &[ParsedSection],
    glossary: &[ParsedTerm],
    quiz: &[ParsedQuestion],
) -> Vec<ContentError> {
    let targets = LinkTargets { sections, glossary };
    quiz.iter()
        .filter_map(|q| {
            let err = match q.link.split_once('#') {
                Some((path, _)) if path.starts_with("/guide/") => targets.check(&q.link).err(),
                _ => Some(format!("`{}`: must be /guide/<slug>#<heading>", q.link)),
            };
            err.map(|e| {
                ContentError::new(
                    "content/quiz.toml",
                    format!("question `{}`: broken link {e}", q.id),
                )
            })
        })
        .collect()
}

/// Everything a site-internal link may point at.
pub struct LinkTargets<'a> {
    pub sections: &'a [ParsedSection],
    pub glossary: &'a [ParsedTerm],
}

impl LinkTargets<'_> {
    /// Checks one site-internal link; `Err` says what is missing.
    pub fn check(&self, link: &str) -> Result<(), String> {
        let (path, fragment) = match link.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (link, None),
        };
        match path {
            "/" | "/quiz" | "/bookmarks" if fragment.is_none() => Ok(()),
            "/glossary" => match fragment {
                None => Ok(()),
                Some(id) if self.glossary.iter().any(|t| t.id == id) => Ok(()),
                Some(id) => Err(format!("`{link}`: no glossary term `{id}`")),
            },
            _ => {
                let slug = path
                    .strip_prefix("/guide/")
                    .ok_or_else(|| format!("`{link}`: not a page of this site"))?;
                let section = self
                    .sections
                    .iter()
                    .find(|s| s.slug == slug)
                    .ok_or_else(|| format!("`{link}`: no section `{slug}`"))?;
                match fragment {
                    None => Ok(()),
                    Some(id) if section.headings().any(|h| h.id == id) => Ok(()),
                    Some(id) => Err(format!("`{link}`: section `{slug}` has no heading `{id}`")),
                }
            }
        }
    }
}

/// Checks the sections as a set: unique slugs and every internal link resolvable.
pub fn check_site(sections: &[ParsedSection], glossary: &[ParsedTerm]) -> Vec<ContentError> {
    let mut errors = Vec::new();
    let mut slugs = HashSet::new();
    for s in sections {
        if !slugs.insert(s.slug.as_str()) {
            errors.push(ContentError::new(
                &s.file,
                format!("slug `{}` is used twice", s.slug),
            ));
        }
    }
    let targets = LinkTargets { sections, glossary };
    for s in sections {
        for link in &s.links {
            if let Err(e) = targets.check(link) {
                errors.push(ContentError::new(&s.file, format!("broken link {e}")));
            }
        }
    }
    for t in glossary {
        for link in &t.links {
            if let Err(e) = targets.check(link) {
                errors.push(ContentError::new(
                    "content/glossary.toml",
                    format!("term `{}`: broken link {e}", t.id),
                ));
            }
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "+++\nslug = \"tools\"\ntitle = \"Tools\"\nsummary = \"S\"\ndescription = \"D\"\n+++\n\nIntro text here.\n\n## Version control {#version-control}\n\nUse [Git](/glossary#git).\n\n### A workflow {#a-workflow}\n\n```shell\ngit commit\n```\n";

    #[test]
    fn parses_front_matter_blocks_and_links() {
        let s = parse_section("01-tools.md", GOOD).unwrap();
        assert_eq!(s.slug, "tools");
        assert_eq!(s.blocks.len(), 3);
        assert!(s.blocks[0].heading.is_none());
        assert!(s.blocks[0].html.contains("Intro text"));
        let h = s.blocks[1].heading.as_ref().unwrap();
        assert_eq!(
            (h.level, h.id.as_str(), h.text.as_str()),
            (2, "version-control", "Version control")
        );
        assert_eq!(s.blocks[2].heading.as_ref().unwrap().level, 3);
        assert!(
            s.blocks[2]
                .html
                .contains("<pre tabindex=\"0\"><code class=\"language-shell\">")
        );
        assert_eq!(s.links, vec!["/glossary#git".to_string()]);
        assert_eq!(s.reading_minutes(), 1);
    }

    #[test]
    fn rejects_missing_front_matter() {
        let err = parse_section("x.md", "## Hi {#hi}\n").unwrap_err();
        assert_eq!(err.file, "x.md");
        assert!(err.message.contains("front matter"));
    }

    #[test]
    fn rejects_unknown_front_matter_key() {
        let src = GOOD.replace("summary = \"S\"", "summary = \"S\"\nauthor = \"me\"");
        assert!(
            parse_section("x.md", &src)
                .unwrap_err()
                .message
                .contains("bad front matter")
        );
    }

    #[test]
    fn rejects_h1_missing_ids_skipped_levels_duplicates_and_html() {
        let cases = [
            ("# Big {#big}\n", "h1"),
            ("## No id\n", "needs an id"),
            ("### Deep {#deep}\n", "skips a level"),
            ("## A {#a}\n\n## B {#a}\n", "used twice"),
            ("## A {#a}\n\n<div>hi</div>\n", "raw HTML"),
            ("## A {#Bad_Id}\n", "needs an id"),
        ];
        for (body, expected) in cases {
            let src = format!(
                "+++\nslug = \"s\"\ntitle = \"T\"\nsummary = \"S\"\ndescription = \"D\"\n+++\n{body}"
            );
            let err = parse_section("x.md", &src).unwrap_err();
            assert!(err.message.contains(expected), "{body:?}: {err}");
        }
    }

    #[test]
    fn plain_text_drops_tags_and_decodes_entities() {
        assert_eq!(
            plain_text(
                "<p>Use <code>GET</code>, not <em>POST</em> &amp; &lt;b&gt;.</p><ul><li>One</li><li>Two</li></ul>"
            ),
            "Use GET, not POST & <b>. One Two"
        );
    }

    #[test]
    fn reading_time_rounds_up() {
        let words = "word ".repeat(WORDS_PER_MINUTE + 1);
        let src = format!(
            "+++\nslug = \"s\"\ntitle = \"T\"\nsummary = \"S\"\ndescription = \"D\"\n+++\n{words}"
        );
        assert_eq!(parse_section("x.md", &src).unwrap().reading_minutes(), 2);
    }

    #[test]
    fn glossary_parses_and_rejects_duplicates() {
        let ok = "[[term]]\nid = \"git\"\nterm = \"Git\"\ndefinition = \"A [VCS](/glossary#git).\"\nsee = \"/guide/tools#version-control\"\n";
        let terms = parse_glossary("g.toml", ok).unwrap();
        assert_eq!(terms[0].links.len(), 2);
        assert!(
            terms[0]
                .definition_html
                .contains("<a href=\"/glossary#git\">")
        );
        let dup = format!("{ok}{ok}");
        assert!(
            parse_glossary("g.toml", &dup)
                .unwrap_err()
                .message
                .contains("twice")
        );
    }

    #[test]
    fn site_check_finds_broken_links() {
        let mut s = parse_section("01-tools.md", GOOD).unwrap();
        let glossary = parse_glossary(
            "g.toml",
            "[[term]]\nid = \"git\"\nterm = \"Git\"\ndefinition = \"d\"\nsee = \"/guide/tools#a-workflow\"\n",
        )
        .unwrap();
        assert!(check_site(std::slice::from_ref(&s), &glossary).is_empty());
        s.links.push("/guide/tools#nope".into());
        s.links.push("/guide/missing".into());
        s.links.push("/glossary#nope".into());
        let errors = check_site(&[s], &glossary);
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(
            errors[0]
                .to_string()
                .starts_with("01-tools.md: broken link")
        );
    }

    const QUESTION: &str = "[[question]]\nid = \"db-join\"\narea = \"databases\"\ndifficulty = \"easy\"\nkind = \"single\"\nprompt = \"P\"\nexplanation = \"E\"\nlink = \"/guide/tools#version-control\"\n[[question.option]]\ntext = \"A\"\ncorrect = true\n[[question.option]]\ntext = \"B\"\ncorrect = false\nwhy_wrong = \"W\"\n";

    fn bank_with_all_areas(first: &str) -> String {
        let mut bank = first.to_string();
        for area in QUIZ_AREAS.iter().filter(|a| **a != "databases") {
            bank.push_str(
                &QUESTION
                    .replace("db-join", &format!("{area}-q"))
                    .replace("\"databases\"", &format!("{area:?}")),
            );
        }
        bank
    }

    #[test]
    fn quiz_parses_a_valid_bank() {
        let quiz = parse_quiz("q.toml", &bank_with_all_areas(QUESTION)).unwrap();
        assert_eq!(quiz.len(), QUIZ_AREAS.len());
        assert_eq!(quiz[0].options[1].why_wrong, "W");
    }

    #[test]
    fn quiz_errors_name_the_question() {
        let cases = [
            (
                QUESTION.replace("correct = false", "correct = true\n"),
                "exactly one correct",
            ),
            (
                QUESTION.replace("why_wrong = \"W\"\n", ""),
                "needs a why_wrong",
            ),
            (
                QUESTION.replace("\"databases\"", "\"cooking\""),
                "unknown area",
            ),
            (
                QUESTION.replace("\"single\"", "\"true-false\""),
                "True and False",
            ),
            (
                QUESTION.replace("\"single\"", "\"multiple\""),
                "at least two correct",
            ),
            (QUESTION.replace("\"easy\"", "\"trivial\""), "difficulty"),
            (format!("{QUESTION}{QUESTION}"), "used twice"),
        ];
        for (bank, expected) in cases {
            let err = parse_quiz("q.toml", &bank_with_all_areas(&bank)).unwrap_err();
            assert!(err.message.starts_with("question `db-join`"), "{err}");
            assert!(err.message.contains(expected), "{expected}: {err}");
        }
        let missing_area = parse_quiz("q.toml", QUESTION).unwrap_err();
        assert!(missing_area.message.contains("no question covers"));
    }

    #[test]
    fn quiz_links_must_reach_a_heading() {
        let section = parse_section("01-tools.md", GOOD).unwrap();
        let mut quiz = parse_quiz("q.toml", &bank_with_all_areas(QUESTION)).unwrap();
        assert!(check_quiz_links(std::slice::from_ref(&section), &[], &quiz).is_empty());
        quiz[0].link = "/guide/tools#gone".into();
        quiz[1].link = "/glossary#git".into();
        let errors = check_quiz_links(&[section], &[], &quiz);
        assert_eq!(errors.len(), 2, "{errors:?}");
    }
}
