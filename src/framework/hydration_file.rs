//! W5: moves the framework's hydration script out of the pages, into one
//! file.
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

use std::{cell::RefCell, rc::Rc};

use lol_html::{
    RewriteStrSettings, element, end_tag, html_content::ContentType, rewrite_str, text,
};
use sha2::{Digest, Sha256};

use super::{INLINE_MODULE, element_texts};

/// The script of one build, and where it is served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HydrationFile {
    pub url: String,
    pub script: String,
}

impl HydrationFile {
    /// The file for the first inline module script of `html`, if it has one.
    pub fn from_page(html: &str, pkg_dir: &str) -> Option<Self> {
        let script = element_texts(html, INLINE_MODULE)
            .ok()?
            .into_iter()
            .next()?;
        let digest = Sha256::digest(script.as_bytes());
        let hash = crate::format::hex(&digest[..10]);
        Some(Self {
            url: format!("/{pkg_dir}/hydration.{hash}.js"),
            script,
        })
    }

    /// `html` with each inline module script that is this file's replaced
    /// by a reference to the file; other scripts are left as they are.
    pub fn link_from(&self, html: &str) -> Result<String, String> {
        // The rewriter hands over a script's start tag before its text, so
        // the whole element is held back, and written at its end tag once
        // the text shows which script it is.
        let text = Rc::new(RefCell::new(String::new()));
        let settings = RewriteStrSettings::new()
            .append_element_content_handler(element!(INLINE_MODULE, |script| {
                // As it was written (where the rewriter read it).
                let start_tag = html
                    .get(script.source_location().bytes())
                    .unwrap_or_default();
                let start_tag = start_tag.to_string();
                script.remove_and_keep_content();
                let (text, file) = (text.clone(), self.clone());
                script.on_end_tag(end_tag!(move |end| {
                    let script = text.take();
                    let whole = if script == file.script {
                        format!(r#"<script type="module" src="{}"></script>"#, file.url)
                    } else {
                        format!("{start_tag}{script}</script>")
                    };
                    end.before(&whole, ContentType::Html);
                    Ok(())
                }))
            }))
            .append_element_content_handler(text!(INLINE_MODULE, |chunk| {
                text.borrow_mut().push_str(chunk.as_str());
                chunk.remove();
                Ok(())
            }));
        rewrite_str(html, settings)
            .map_err(|e| format!("the hydration script could not be linked: {e}"))
    }
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
            file.link_from(PAGE).unwrap(),
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
            PAGE.replace("load(", "other(").replace(
                r#"type="module">"#,
                r#"type="module" data-x="a&quot;b" async>"#,
            ),
            r#"<script type="module"></script>"#.to_string(),
            "<html><body>no script</body></html>".to_string(),
            r#"<script type="module" src="/pkg/a.js"></script>"#.to_string(),
        ] {
            assert_eq!(file.link_from(&page).unwrap(), page);
        }
        assert_eq!(HydrationFile::from_page("<p>none</p>", "pkg"), None);
    }
}
