//! Makes the framework's HTML valid before it is held or sent (it passes
//! the W3C Nu checker, with the hydration markers `<!>` as its only
//! complaint). Runs on every rendered page, in the one rendering path.
//!
//! - Leptos writes its resource scripts after `</html>`; browsers move them
//!   into the body anyway, and so do we: just before `</body>`.
//! - The hydration hints carry the request's nonce in `crossorigin`, where
//!   only `""`, `anonymous` or `use-credentials` are valid. The requests
//!   they warm up are same-origin CORS requests, which is `""` (anonymous).
//! - Nonces are dropped altogether: the policy lists script hashes (see
//!   `security.rs`), and a page rendered once is sent many times.
//!
//! And two for speed:
//! - The framework hydrates every island of the page in one task after the
//!   client starts (120-odd ms on a guide page with a phone's CPU, the
//!   largest part of Lighthouse's total blocking time). Its call is
//!   replaced by `hydrate_in_slices.js`, which hydrates them in the same
//!   order in slices of a few milliseconds and then marks
//!   `<html data-hydrated>`, after the lazy islands too.
//! - The hint that warms up the client's JS gets
//! `fetchpriority="low"`, and the one for the WASM is removed. With islands
//! the client starts when the browser is idle, so its 100-odd KB must not
//! compete with the page's own HTML and CSS on a slow connection (with the
//! hint, Lighthouse's simulated slow 4G put the WASM download before the
//! largest paint: 1.7 s instead of about 1.1 s).

/// The statement in the framework's island script (Leptos 0.8,
/// `hydration/island_script.js`) that hydrates the whole page at once.
const HYDRATE_ALL_AT_ONCE: &str = "hydrateIslands(document.body, mod);";

/// Our replacement for it.
const HYDRATE_IN_SLICES: &str = include_str!("hydrate_in_slices.js");

/// The page with those fixes; any other HTML is left as it is.
pub fn tidy(html: &str) -> String {
    let html = move_trailing_scripts(html);
    let html = html.replacen(HYDRATE_ALL_AT_ONCE, HYDRATE_IN_SLICES.trim_end(), 1);
    let html = each_element(&html, "<link", |link| {
        if link.contains(r#"type="application/wasm""#) {
            return None;
        }
        let mut link = rewrite(link, "crossorigin", &|value| {
            let valid = matches!(value, "" | "anonymous" | "use-credentials");
            Some(if valid { value } else { "" }.to_string())
        });
        if link.contains(r#"rel="modulepreload""#) && !link.contains("fetchpriority=") {
            link.push_str(r#" fetchpriority="low""#);
        }
        Some(link)
    });
    each_element(&html, "<script", |script| {
        Some(rewrite(script, "nonce", &|_| None))
    })
}

/// Moves `<script>` elements found after `</html>` to before `</body>`.
fn move_trailing_scripts(html: &str) -> String {
    let Some(end) = html.rfind("</html>") else {
        return html.to_string();
    };
    let trailing = html[end + "</html>".len()..].trim();
    let (Some(body_end), false) = (html[..end].rfind("</body>"), trailing.is_empty()) else {
        return html.to_string();
    };
    if !trailing.starts_with("<script") || !trailing.ends_with("</script>") {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    out.push_str(&html[..body_end]);
    out.push_str(trailing);
    out.push_str(&html[body_end..end + "</html>".len()]);
    out
}

/// Passes every `tag` element (its start tag, without the closing `>`) to
/// `change`, which gives its new text, or `None` to drop the element.
fn each_element(html: &str, tag: &str, change: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(start) = rest.find(tag) {
        let Some(tag_len) = rest[start..].find('>') else {
            break;
        };
        out.push_str(&rest[..start]);
        match change(&rest[start..start + tag_len]) {
            Some(element) => {
                out.push_str(&element);
                rest = &rest[start + tag_len..];
            }
            None => rest = &rest[start + tag_len + 1..],
        }
    }
    out.push_str(rest);
    out
}

/// Rewrites the element's `name="value"` to `name="<new>"` where `keep`
/// returns the new value, and removes the attribute where it returns `None`.
fn rewrite(element: &str, name: &str, keep: &impl Fn(&str) -> Option<String>) -> String {
    let needle = format!(" {name}=\"");
    let Some(at) = element.find(&needle) else {
        return element.to_string();
    };
    let value_start = at + needle.len();
    let Some(value_len) = element[value_start..].find('"') else {
        return element.to_string();
    };
    let value = &element[value_start..value_start + value_len];
    let after = &element[value_start + value_len + 1..];
    match keep(value) {
        Some(new) => format!("{}{needle}{new}\"{after}", &element[..at]),
        None => format!("{}{after}", &element[..at]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
