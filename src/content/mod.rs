//! The guide as static data, generated at build time from `content/` by `build.rs`.

#[cfg(test)]
mod parse;

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
    pub blocks: &'static [Block],
}

impl Section {
    pub fn path(&self) -> String {
        format!("/guide/{}", self.slug)
    }

    pub fn headings(&self) -> impl Iterator<Item = &'static Heading> + use<> {
        self.blocks.iter().filter_map(|b| b.heading.as_ref())
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

include!(concat!(env!("OUT_DIR"), "/content.rs"));

/// The section at `slug` with its position in reading order.
pub fn section(slug: &str) -> Option<(usize, &'static Section)> {
    SECTIONS.iter().enumerate().find(|(_, s)| s.slug == slug)
}

/// The sections before and after position `index`, for previous/next links.
pub fn neighbours(index: usize) -> (Option<&'static Section>, Option<&'static Section>) {
    let previous = index.checked_sub(1).and_then(|i| SECTIONS.get(i));
    (previous, SECTIONS.get(index + 1))
}

/// A readable name for a guide link: "Section › Heading", or the section title.
pub fn link_title(link: &str) -> Option<String> {
    let rest = link.strip_prefix("/guide/")?;
    let (slug, fragment) = rest.split_once('#').unwrap_or((rest, ""));
    let (_, section) = section(slug)?;
    if fragment.is_empty() {
        return Some(section.title.to_string());
    }
    let heading = section.headings().find(|h| h.id == fragment)?;
    Some(format!("{} \u{203a} {}", section.title, heading.text))
}

pub fn total_reading_minutes() -> usize {
    SECTIONS.iter().map(|s| s.reading_minutes).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every topic of the content brief has its page, in this order.
    #[test]
    fn guide_covers_the_brief_in_order() {
        let slugs: Vec<_> = SECTIONS.iter().map(|s| s.slug).collect();
        assert_eq!(
            slugs,
            [
                "what-is-back-end",
                "responsibilities",
                "skills",
                "tools",
                "teamwork",
                "challenges",
                "careers",
                "summary"
            ]
        );
    }

    #[test]
    fn every_section_has_headings_text_and_reading_time() {
        for s in SECTIONS {
            assert!(s.headings().count() >= 3, "{} has few headings", s.slug);
            assert!(s.reading_minutes >= 1);
            assert!(
                s.blocks.iter().map(|b| b.html.len()).sum::<usize>() > 1500,
                "{} is short",
                s.slug
            );
            assert!(
                !s.blocks.iter().any(|b| b.html.contains("<h1")),
                "{} has an h1",
                s.slug
            );
        }
    }

    #[test]
    fn neighbours_stop_at_the_ends() {
        let last = SECTIONS.len() - 1;
        assert_eq!(neighbours(0).0, None);
        assert_eq!(neighbours(0).1.map(|s| s.slug), Some(SECTIONS[1].slug));
        assert_eq!(neighbours(last).1, None);
        assert_eq!(section("skills").map(|(i, _)| i), Some(2));
        assert!(section("nope").is_none());
    }

    #[test]
    fn link_titles_name_section_and_heading() {
        assert_eq!(
            link_title("/guide/skills").as_deref(),
            Some("Essential skills")
        );
        let t = link_title("/guide/skills#databases").unwrap();
        assert!(t.starts_with("Essential skills \u{203a} "), "{t}");
        assert_eq!(link_title("/guide/skills#nope"), None);
        assert_eq!(link_title("/elsewhere"), None);
    }

    #[test]
    fn glossary_is_sorted_and_covers_linked_terms() {
        let names: Vec<_> = GLOSSARY.iter().map(|t| t.term.to_lowercase()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted, "glossary must be alphabetical");
        for id in ["api", "http", "sql", "nodejs", "git", "runtime"] {
            assert!(GLOSSARY.iter().any(|t| t.id == id), "glossary lacks {id}");
        }
    }

    #[test]
    fn node_is_described_as_a_runtime() {
        let node = GLOSSARY.iter().find(|t| t.id == "nodejs").unwrap();
        assert!(node.definition_html.to_lowercase().contains("runtime"));
    }
}
