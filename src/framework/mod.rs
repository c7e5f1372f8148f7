//! Every change we make to what Leptos, leptos_router, leptos_axum and
//! cargo-leptos do, one file per workaround, named in
//! docs/framework-workarounds.md (W1-W16): what upstream does, what we
//! change and why, the upstream source, the test that fails when upstream
//! changes, and what would let us delete it. A Leptos patch release is
//! checked by reading that page and running the tests it names.
//!
//! On the server, [`tidy`] runs on every rendered page, in the one
//! rendering path: one pass of a streaming HTML rewriter (`lol_html`), each
//! fix a handler of its own (W1 [`trailing_scripts`], W2 [`preload_hints`],
//! W3 [`nonces`], W4 [`hydrate_in_slices`], W15 [`idle_start`]). The
//! hydration script is then moved into a file (W5 [`hydration_file`]), the
//! framework's readable scripts are minified (W6 [`minify`]), the split
//! WASM files' loader starts its downloads in slices (W16
//! [`split_loader`]), and the start checks the hash file (W13
//! [`hash_file`]). In both builds: the islands
//! router completed (W7 [`navigation`], a script every page runs from
//! `<head>`) and content the router must replace, not patch (W9 [`keyed`]).
//!
//! Not in this folder, each for a reason the docs page gives: W8 (not a
//! fix: `components/menu.js`), W10 (a space after two islands, in
//! `components/layout.rs` and `section_nav.rs`), W11 (the reading
//! progress island's own listener), W12 (an assumption of `server/site.rs`
//! and the service worker), W14 (a crate: `crates/wasm-streams-lite`).

#[cfg(feature = "ssr")]
pub mod hash_file;
#[cfg(feature = "ssr")]
mod hydrate_in_slices;
#[cfg(feature = "ssr")]
pub mod hydration_file;
#[cfg(feature = "ssr")]
mod idle_start;
pub mod keyed;
#[cfg(feature = "ssr")]
pub mod minify;
pub mod navigation;
#[cfg(feature = "ssr")]
mod nonces;
#[cfg(feature = "ssr")]
mod preload_hints;
#[cfg(feature = "ssr")]
pub mod split_loader;
#[cfg(feature = "ssr")]
mod trailing_scripts;

#[cfg(feature = "ssr")]
use std::{cell::RefCell, rc::Rc};

#[cfg(feature = "ssr")]
use lol_html::{
    RewriteStrSettings, element, end_tag, html_content::ContentType, rewrite_str, text,
};

/// An inline module script: in our pages, the framework's hydration script.
#[cfg(feature = "ssr")]
const INLINE_MODULE: &str = r#"script[type="module"]:not([src])"#;

/// The page with every fix (W1-W4, W15); any other HTML is left as it is.
/// The result passes the W3C Nu checker, with the hydration markers `<!>`
/// as its only complaint. An error means the rewriter could not read the
/// page (it refuses markup it cannot parse without a DOM tree).
#[cfg(feature = "ssr")]
pub fn tidy(html: &str) -> Result<String, String> {
    let end_tags = trailing_scripts::EndTags::default();
    let [body_end, html_end] = end_tags.take();
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(body_end)
        .append_element_content_handler(html_end)
        .append_document_content_handler(end_tags.write_at_end())
        .append_element_content_handler(preload_hints::fix())
        .append_element_content_handler(nonces::drop_all())
        .append_element_content_handler(edit_module_script(|script| {
            idle_start::swap(&hydrate_in_slices::swap(script))
        }));
    rewrite_str(html, settings).map_err(|e| format!("the page could not be tidied: {e}"))
}

/// A handler giving the whole text of each inline module script (the
/// framework's hydration script) to `edit`, which returns its new text.
/// The rewriter hands text over in chunks: they are held back until the
/// last one.
#[cfg(feature = "ssr")]
fn edit_module_script(
    edit: impl Fn(&str) -> String + 'static,
) -> (
    std::borrow::Cow<'static, lol_html::Selector>,
    lol_html::ElementContentHandlers<'static>,
) {
    let mut script = String::new();
    text!(INLINE_MODULE, move |chunk| {
        script.push_str(chunk.as_str());
        if chunk.last_in_text_node() {
            chunk.replace(&edit(&std::mem::take(&mut script)), ContentType::Html);
        } else {
            chunk.remove();
        }
        Ok(())
    })
}

/// The text of each element of `html` matching `selector` (scripts, in our
/// use), in page order: only elements whose end tag is in the page, as a
/// browser runs no script the end of the page cut off. For the hydration
/// file (W5).
#[cfg(feature = "ssr")]
pub fn element_texts(html: &str, selector: &str) -> Result<Vec<String>, String> {
    Ok(element_texts_each(html, &[selector])?
        .pop()
        .unwrap_or_default())
}

/// [`element_texts`] for several selectors in one reading of the page: one
/// list per selector, in the order given. For the policy's hashes of inline
/// scripts and styles (`server::security`).
#[cfg(feature = "ssr")]
pub fn element_texts_each(html: &str, selectors: &[&str]) -> Result<Vec<Vec<String>>, String> {
    let lists: Vec<_> = selectors
        .iter()
        .map(|_| Rc::new(RefCell::new(Vec::new())))
        .collect();
    let mut settings = RewriteStrSettings::new();
    for (selector, texts) in selectors.iter().zip(&lists) {
        let current = Rc::new(RefCell::new(String::new()));
        let (started, texts) = (current.clone(), texts.clone());
        settings = settings
            .append_element_content_handler(element!(selector, move |element| {
                started.borrow_mut().clear();
                let (current, texts) = (started.clone(), texts.clone());
                element.on_end_tag(end_tag!(move |_| {
                    texts.borrow_mut().push(current.take());
                    Ok(())
                }))
            }))
            .append_element_content_handler(text!(selector, move |chunk| {
                current.borrow_mut().push_str(chunk.as_str());
                Ok(())
            }));
    }
    rewrite_str(html, settings).map_err(|e| format!("the page could not be read: {e}"))?;
    Ok(lists.into_iter().map(|texts| texts.take()).collect())
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use hydrate_in_slices::HYDRATE_ALL_AT_ONCE;
    use idle_start::IDLE_WITHOUT_LIMIT;

    #[test]
    fn the_framework_output_becomes_valid() {
        let page = concat!(
            r#"<!DOCTYPE html><html><head><link rel="modulepreload" href="/pkg/a.js" crossorigin="n0nce">"#,
            r#"<link rel="preload" href="/pkg/a.wasm" as="fetch" type="application/wasm" crossorigin="n0nce">"#,
            r#"<script type="module" nonce="n0nce">go()</script></head><body><p>Hi</p></body></html>"#,
            r#"<script nonce="n0nce">__RESOLVED_RESOURCES=[];</script><script nonce="n0nce">__X=[];</script>"#,
        );
        assert_eq!(
            tidy(page).unwrap(),
            concat!(
                r#"<!DOCTYPE html><html><head><link rel="modulepreload" href="/pkg/a.js" crossorigin="" fetchpriority="low">"#,
                r#"<script type="module">go()</script></head><body><p>Hi</p>"#,
                r#"<script>__RESOLVED_RESOURCES=[];</script><script>__X=[];</script></body></html>"#,
            )
        );
    }

    #[test]
    fn islands_are_hydrated_in_slices_once_the_browser_is_idle_or_three_seconds_on() {
        let script = format!(
            "function idle(c) {{\n\t{IDLE_WITHOUT_LIMIT}\n}}\nmod.hydrate();\n{HYDRATE_ALL_AT_ONCE}"
        );
        let page = format!(
            r#"<html><head><script type="module">{script}</script></head><body></body></html>"#
        );
        let tidied = tidy(&page).unwrap();
        assert!(!tidied.contains(HYDRATE_ALL_AT_ONCE), "{tidied}");
        assert!(tidied.contains("mod.hydrate();\n(async"), "{tidied}");
        assert!(tidied.contains("dataset.hydrated"), "{tidied}");
        assert!(!tidied.contains(IDLE_WITHOUT_LIMIT), "{tidied}");
        assert!(
            tidied.contains("requestIdleCallback(c,{timeout:3000})"),
            "{tidied}"
        );
        assert!(
            tidied.contains("first-contentful-paint") && tidied.contains("setTimeout(go,1000);"),
            "{tidied}"
        );
    }

    #[test]
    fn upstream_walk_goes_with_its_call_and_the_router_keeps_its_island_function() {
        let (first, last) = hydrate_in_slices::UPSTREAM_WALK;
        let walk = format!("\t{first}\n\t\tasync function traverse(node) {{}}\n\t\t{last}\n");
        let router = "\tasync function hydrateIsland(el, id, mod) {}\n";
        let page = |call: &str| {
            format!(
                r#"<html><head><script type="module">{walk}{router}mod.hydrate();\n{call}</script></head><body></body></html>"#
            )
        };
        let tidied = tidy(&page(HYDRATE_ALL_AT_ONCE)).unwrap();
        assert!(!tidied.contains("hydrateIslands"), "{tidied}");
        assert!(!tidied.contains("traverse"), "{tidied}");
        assert!(tidied.contains(router), "{tidied}");
        // Without the call to replace, the walk stays: it is what runs.
        let untouched = page("hydrateIslands(document.body, other);");
        assert!(tidy(&untouched).unwrap().contains(first));
    }

    #[test]
    fn valid_html_is_left_alone() {
        for page in [
            r#"<html><body><link crossorigin="anonymous"><script src="/a.js"></script></body></html>"#,
            "<p>a fragment, no document</p>",
            "<html><body></body></html>",
            r#"<html><body><script type="module">untouched()</script></body></html>"#,
            "<script nonce=",
        ] {
            assert_eq!(tidy(page).unwrap(), page, "{page}");
        }
        // What follows </html> goes inside the body, as a browser reads it.
        assert_eq!(
            tidy("<html><body></body></html><p>late</p>\n").unwrap(),
            "<html><body><p>late</p>\n</body></html>"
        );
    }
}
