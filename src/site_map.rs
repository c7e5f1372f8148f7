//! The site map, as pure data: the paths of the fixed pages, the links into
//! the guide's content, the data files the browser fetches, and the list of
//! pages the server renders at start-up (derived from the router's routes
//! plus the content, never written out a second time). It imports no page
//! or component, so every page can link to every other through it; which
//! component answers which path is in [`crate::routes`].
//!
//! Adding a page: add its path constant here, its `<Route>` in
//! `routes::SiteRoutes`, and (for a route with a parameter) its pages in
//! [`pages_of_route`]. Links to guide sections, headings, glossary terms
//! and lab exercises are built with the same code the build's content
//! checks read them with (`guide_content::links`), which the build also
//! uses for the links it writes into generated data.

pub use guide_content::links::{
    GLOSSARY_PATH as GLOSSARY, LAB_PATH as LAB, glossary_term, heading as guide_heading,
    lab_exercise, section as guide_section,
};

pub const HOME: &str = "/";
pub const QUIZ: &str = "/quiz";
pub const BOOKMARKS: &str = "/bookmarks";
pub const LEARNING_PATH: &str = "/path";
pub const INTERVIEW: &str = "/interview";
/// A stage on the learning path (its element's id is the stage's id).
pub fn path_stage(stage_id: &str) -> String {
    format!("{LEARNING_PATH}#{stage_id}")
}

/// The element id of an interview question in the bank on `/interview`.
pub fn interview_question_anchor(question_id: &str) -> String {
    format!("q-{question_id}")
}

/// An interview question in the bank on `/interview`.
pub fn interview_question(question_id: &str) -> String {
    format!("{INTERVIEW}#{}", interview_question_anchor(question_id))
}

/// Not a page: the search documents, fetched by the browser on first use.
pub const SEARCH_INDEX: &str = "/search-index.json";
/// Not a page: the quiz's question bank, fetched by the quiz when it starts.
pub const QUIZ_BANK: &str = "/quiz-bank.json";
/// Not a page: the interview bank, fetched by the interview kit when it starts.
pub const INTERVIEW_BANK: &str = "/interview-bank.json";
/// The one route with a parameter: a guide section by its slug.
const GUIDE_SECTION_ROUTE: &str = "/guide/:slug";

/// The pages behind one route path as the router lists it (`/quiz`,
/// `/guide/:slug` or axum's `/guide/{slug}`): itself when it has no
/// parameter; for a parameter, one page per value the content gives it.
/// `None` for a route with a parameter this function does not know.
pub fn pages_of_route(route: &str) -> Option<Vec<String>> {
    let normalised = route.replace('{', ":").replace('}', "");
    if !normalised.contains(':') {
        return Some(vec![route.to_string()]);
    }
    if normalised == GUIDE_SECTION_ROUTE {
        return Some(
            crate::content::SECTIONS
                .iter()
                .map(|s| guide_section(s.slug))
                .collect(),
        );
    }
    None
}

/// Every page of the site, from the router's list of route paths.
pub fn all_pages<'a>(routes: impl IntoIterator<Item = &'a str>) -> Result<Vec<String>, String> {
    let mut pages = Vec::new();
    for route in routes {
        let expanded = pages_of_route(route).ok_or_else(|| {
            format!("route `{route}` has a parameter: list its pages in site_map::pages_of_route")
        })?;
        for page in expanded {
            if !pages.contains(&page) {
                pages.push(page);
            }
        }
    }
    Ok(pages)
}

/// Links from the app's own pages into the guide (checked by a test, since
/// the build cannot see Rust code).
pub mod into_guide {
    pub const FOR_HIRING_MANAGERS: (&str, &str) = ("careers", "for-hiring-managers");
    pub const HIRING_CHECKLIST: (&str, &str) = ("summary", "hiring-checklist");

    pub fn href((slug, heading): (&str, &str)) -> String {
        super::guide_heading(slug, heading)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{self, PAGE_LINKS, SECTIONS};

    const FIXED: [&str; 7] = [
        HOME,
        GLOSSARY,
        QUIZ,
        BOOKMARKS,
        LEARNING_PATH,
        INTERVIEW,
        LAB,
    ];

    #[test]
    fn routes_expand_to_every_section_once() {
        let pages = all_pages(["/", "/guide/{slug}", "/quiz", "/"]).unwrap();
        assert_eq!(pages[0], "/");
        assert_eq!(pages.len(), 2 + SECTIONS.len());
        assert!(pages.contains(&guide_section(SECTIONS[0].slug)));
        let unknown = all_pages(["/user/:id"]).unwrap_err();
        assert!(unknown.contains("site_map::pages_of_route"), "{unknown}");
    }

    #[test]
    fn links_into_the_guide_resolve() {
        for link in [
            into_guide::FOR_HIRING_MANAGERS,
            into_guide::HIRING_CHECKLIST,
        ] {
            let href = into_guide::href(link);
            assert!(content::link_title(&href).is_some(), "{href} is broken");
        }
    }

    #[test]
    fn content_links_to_app_pages_are_fixed_pages() {
        for link in PAGE_LINKS {
            assert!(
                FIXED.contains(link),
                "content links to {link}, which is not a page"
            );
        }
    }
}
