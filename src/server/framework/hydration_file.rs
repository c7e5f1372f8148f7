//! Moves the framework's hydration script out of the pages, into one file.
//!
//! Leptos writes the same 14 KB `<script type="module">` (its island loader
//! and the islands router) into every page it renders: about 4 KB of each
//! page's compressed HTML, sent again with every page, ahead of the text.
//! On Lighthouse's slow 4G that pushed a guide page past what arrives in
//! the first round trip (about 14.6 KB), and its first paint came one round
//! trip later. As a file under `/pkg/` named by its content hash it is
//! fetched once, kept for a year and precached for offline reading like
//! the rest of the client. A module script runs after the document is
//! parsed whether it is inline or not, so nothing else changes.

use sha2::{Digest, Sha256};

const OPEN: &str = r#"<script type="module">"#;
const CLOSE: &str = "</script>";

/// The script of one build, and where it is served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HydrationFile {
    pub url: String,
    pub script: String,
}

impl HydrationFile {
    /// The file for the inline module script of `html`, if it has one.
    pub fn from_page(html: &str, pkg_dir: &str) -> Option<Self> {
        let (start, end) = inline_script(html)?;
        let script = html[start + OPEN.len()..end].to_string();
        let digest = Sha256::digest(script.as_bytes());
        let hash: String = digest[..10].iter().map(|b| format!("{b:02x}")).collect();
        Some(Self {
            url: format!("/{pkg_dir}/hydration.{hash}.js"),
            script,
        })
    }

    /// `html` with its inline module script replaced by a reference to this
    /// file. A page whose script differs (or that has none) is left as it is.
    pub fn link_from(&self, html: &str) -> String {
        match inline_script(html) {
            Some((start, end)) if html[start + OPEN.len()..end] == *self.script => format!(
                r#"{}<script type="module" src="{}"></script>{}"#,
                &html[..start],
                self.url,
                &html[end + CLOSE.len()..]
            ),
            _ => html.to_string(),
        }
    }
}

/// Where the first inline module script starts, and where its text ends.
fn inline_script(html: &str) -> Option<(usize, usize)> {
    let start = html.find(OPEN)?;
    let end = start + OPEN.len() + html[start + OPEN.len()..].find(CLOSE)?;
    Some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<html><head><script>theme()</script><script type="module">load("pkg")</script></head><body>Hi</body></html>"#;

    #[test]
    fn the_module_script_becomes_a_file_named_by_its_content() {
        let file = HydrationFile::from_page(PAGE, "pkg").unwrap();
        assert_eq!(file.script, r#"load("pkg")"#);
        assert!(file.url.starts_with("/pkg/hydration.") && file.url.ends_with(".js"));
        let other = HydrationFile::from_page(&PAGE.replace("pkg\")", "pkg2\")"), "pkg").unwrap();
        assert_ne!(file.url, other.url);
        assert_eq!(
            file.link_from(PAGE),
            format!(
                r#"<html><head><script>theme()</script><script type="module" src="{}"></script></head><body>Hi</body></html>"#,
                file.url
            )
        );
    }

    #[test]
    fn pages_with_another_script_or_none_are_left_alone() {
        let file = HydrationFile::from_page(PAGE, "pkg").unwrap();
        for page in [
            PAGE.replace("load(", "other("),
            "<html><body>no script</body></html>".to_string(),
            r#"<script type="module">never closed"#.to_string(),
        ] {
            assert_eq!(file.link_from(&page), page);
        }
        assert_eq!(HydrationFile::from_page("<p>none</p>", "pkg"), None);
    }
}
