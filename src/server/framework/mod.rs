//! Every change we make to what Leptos, leptos_router and cargo-leptos
//! produce, one file per workaround. docs/framework-workarounds.md lists
//! each: what upstream does, what we change and why, the upstream source,
//! the test that fails when upstream changes, and what would let us delete
//! it. A Leptos patch release is checked by reading that page and running
//! the tests it names.
//!
//! [`tidy`] runs on every rendered page, in the one rendering path; the
//! hydration script is then moved into a file ([`hydration_file`]) and the
//! loader the build leaves readable is minified ([`minify`]).

mod hydrate_in_slices;
pub mod hydration_file;
mod markup;
pub mod minify;
mod nonces;
mod preload_hints;
mod trailing_scripts;

/// The page with every fix; any other HTML is left as it is. The result
/// passes the W3C Nu checker, with the hydration markers `<!>` as its only
/// complaint.
pub fn tidy(html: &str) -> String {
    let html = trailing_scripts::move_inside_body(html);
    let html = hydrate_in_slices::swap(&html);
    let html = preload_hints::fix(&html);
    nonces::drop_all(&html)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hydrate_in_slices::HYDRATE_ALL_AT_ONCE;

    #[test]
    fn the_framework_output_becomes_valid() {
        let page = concat!(
            r#"<!DOCTYPE html><html><head><link rel="modulepreload" href="/pkg/a.js" crossorigin="n0nce">"#,
            r#"<link rel="preload" href="/pkg/a.wasm" as="fetch" type="application/wasm" crossorigin="n0nce">"#,
            r#"<script type="module" nonce="n0nce">go()</script></head><body><p>Hi</p></body></html>"#,
            r#"<script nonce="n0nce">__RESOLVED_RESOURCES=[];</script><script nonce="n0nce">__X=[];</script>"#,
        );
        assert_eq!(
            tidy(page),
            concat!(
                r#"<!DOCTYPE html><html><head><link rel="modulepreload" href="/pkg/a.js" crossorigin="" fetchpriority="low">"#,
                r#"<script type="module">go()</script></head><body><p>Hi</p>"#,
                r#"<script>__RESOLVED_RESOURCES=[];</script><script>__X=[];</script></body></html>"#,
            )
        );
    }

    #[test]
    fn islands_are_hydrated_in_slices() {
        let page = r#"<html><head><script type="module">mod.hydrate();
hydrateIslands(document.body, mod);</script></head><body></body></html>"#;
        let tidied = tidy(page);
        assert!(!tidied.contains(HYDRATE_ALL_AT_ONCE), "{tidied}");
        assert!(
            tidied.contains("mod.hydrate();\n(async () => {"),
            "{tidied}"
        );
        assert!(tidied.contains("dataset.hydrated"), "{tidied}");
    }

    #[test]
    fn valid_html_is_left_alone() {
        for page in [
            r#"<html><body><link crossorigin="anonymous"><script src="/a.js"></script></body></html>"#,
            "<p>a fragment, no document</p>",
            "<html><body></body></html>\n",
            "<html><body></body></html><p>not a script</p>",
            "<script nonce=",
        ] {
            let expected = page.to_string();
            assert_eq!(tidy(page), expected, "{page}");
        }
    }
}
