//! The site's link formats for content: one place that both writes links
//! (for the app, and for the build's generated data) and reads them (for
//! the build's link checks).

/// Where guide sections live: `/guide/<slug>`.
pub const GUIDE_PREFIX: &str = "/guide/";
/// The glossary page; terms are fragments of it: `/glossary#<id>`.
pub const GLOSSARY_PATH: &str = "/glossary";
/// The SQL lab.
pub const LAB_PATH: &str = "/lab";

/// `/guide/<slug>`
pub fn section(slug: &str) -> String {
    format!("{GUIDE_PREFIX}{slug}")
}

/// `/guide/<slug>#<heading>`
pub fn heading(slug: &str, heading: &str) -> String {
    format!("{GUIDE_PREFIX}{slug}#{heading}")
}

/// The SQL lab, opened at one exercise. The build writes the interview
/// bank's links to the lab with it too (`codegen::with_lab_link`).
pub fn lab_exercise(id: &str) -> String {
    format!("{LAB_PATH}?exercise={id}")
}

/// `/glossary#<id>`
pub fn glossary_term(id: &str) -> String {
    format!("{GLOSSARY_PATH}#{id}")
}

/// What a site-internal link points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// A guide section, or one heading in it.
    Section {
        slug: &'a str,
        heading: Option<&'a str>,
    },
    /// The glossary, or one term in it.
    Glossary { term: Option<&'a str> },
    /// Any other path of the site (a page without content of its own here).
    Page {
        path: &'a str,
        fragment: Option<&'a str>,
    },
}

/// Reads a site-internal link (one starting with `/`).
pub fn parse(link: &str) -> Target<'_> {
    let (path, fragment) = match link.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (link, None),
    };
    if path == GLOSSARY_PATH {
        return Target::Glossary { term: fragment };
    }
    match path.strip_prefix(GUIDE_PREFIX) {
        Some(slug) if !slug.is_empty() && !slug.contains('/') => Target::Section {
            slug,
            heading: fragment,
        },
        _ => Target::Page { path, fragment },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builders_and_parser_agree() {
        assert_eq!(
            parse(&heading("skills", "databases")),
            Target::Section {
                slug: "skills",
                heading: Some("databases")
            }
        );
        assert_eq!(
            parse(&section("skills")),
            Target::Section {
                slug: "skills",
                heading: None
            }
        );
        assert_eq!(
            parse(&glossary_term("api")),
            Target::Glossary { term: Some("api") }
        );
        assert_eq!(
            parse("/quiz"),
            Target::Page {
                path: "/quiz",
                fragment: None
            }
        );
        assert!(matches!(parse("/guide/"), Target::Page { .. }));
        assert!(matches!(parse("/guide/a/b"), Target::Page { .. }));
    }
}
