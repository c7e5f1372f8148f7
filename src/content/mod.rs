//! The guide as static data, generated at build time from `content/` by
//! `build.rs` (the pipeline and the model types live in `crates/guide-content`).

pub use guide_content::{Block, Heading, Section, Term};

include!(concat!(env!("OUT_DIR"), "/content.rs"));

/// The section at `slug` with its position in reading order.
pub fn section(slug: &str) -> Option<(usize, &'static Section)> {
    SECTIONS.iter().enumerate().find(|(_, s)| s.slug == slug)
}

/// The text of the section at position `index` (server-rendered views
/// only: referring to it from an island would put the guide in the WASM).
pub fn body(index: usize) -> &'static [Block] {
    SECTION_BODIES.get(index).copied().unwrap_or_default()
}

/// The sections before and after position `index`, for previous/next links.
pub fn neighbours(index: usize) -> (Option<&'static Section>, Option<&'static Section>) {
    let previous = index.checked_sub(1).and_then(|i| SECTIONS.get(i));
    (previous, SECTIONS.get(index + 1))
}

/// A readable name for a guide link: "Section › Heading", or the section title.
pub fn link_title(link: &str) -> Option<String> {
    let guide_content::links::Target::Section { slug, heading } = guide_content::links::parse(link)
    else {
        return None;
    };
    let (_, section) = section(slug)?;
    let Some(fragment) = heading else {
        return Some(section.title.to_string());
    };
    let heading = section.headings().find(|h| h.id == fragment)?;
    Some(heading_title(section, heading.text))
}

/// "Section › Heading": how the app names a place in the guide.
pub fn heading_title(section: &Section, heading: &str) -> String {
    format!("{} \u{203a} {heading}", section.title)
}

pub fn total_reading_minutes() -> usize {
    SECTIONS.iter().map(|s| s.reading_minutes).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
