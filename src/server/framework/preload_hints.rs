//! W2: the hydration hints in `<head>`.
//!
//! - They carry the request's nonce in `crossorigin`, where only `""`,
//!   `anonymous` or `use-credentials` are valid. The requests they warm up
//!   are same-origin CORS requests, which is `""` (anonymous).
//! - The hint that warms up the client's JS gets `fetchpriority="low"`, and
//!   the one for the WASM is removed. With islands the client starts when
//!   the browser is idle, so its 100-odd KB must not compete with the
//!   page's own HTML and CSS on a slow connection (with the hint,
//!   Lighthouse's simulated slow 4G put the WASM download before the
//!   largest paint: 1.7 s instead of about 1.1 s).

use super::markup::{each_element, rewrite};

pub fn fix(html: &str) -> String {
    each_element(html, "<link", |link| {
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
    })
}
