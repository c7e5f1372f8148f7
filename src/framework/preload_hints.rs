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

use std::borrow::Cow;

use lol_html::{ElementContentHandlers, Selector, element};

pub fn fix() -> (Cow<'static, Selector>, ElementContentHandlers<'static>) {
    element!("link", |link| {
        if link.get_attribute("type").as_deref() == Some("application/wasm") {
            link.remove();
            return Ok(());
        }
        if let Some(value) = link.get_attribute("crossorigin") {
            if !matches!(value.as_str(), "" | "anonymous" | "use-credentials") {
                link.set_attribute("crossorigin", "")?;
            }
        }
        if link.get_attribute("rel").as_deref() == Some("modulepreload")
            && !link.has_attribute("fetchpriority")
        {
            link.set_attribute("fetchpriority", "low")?;
        }
        Ok(())
    })
}
