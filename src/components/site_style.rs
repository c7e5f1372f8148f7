//! The site's stylesheet, written into the `<head>` of every page.
//!
//! A linked stylesheet is a request the first paint waits for: on
//! Lighthouse's slow phone one more round trip (150 ms) after the page,
//! which made the longest guide pages miss 1.5 s for their largest paint
//! (`docs/client-size.md`, stop 42). The whole stylesheet is 5.4 KB with
//! brotli, so each page carries it: the server reads it once at start
//! (`server::build_site`), and the Content-Security-Policy lets it through
//! by its hash (`server::security`). Under `cargo leptos watch`, or when
//! the server did not find exactly one such stylesheet in the site folder,
//! pages link it instead, as Leptos does.

use std::sync::OnceLock;

use leptos::{either::Either, prelude::*};
use leptos_meta::HashedStylesheet;

static CSS: OnceLock<String> = OnceLock::new();

/// Keeps the stylesheet's text for every page rendered from now on.
pub fn set_css(css: String) {
    let _ = CSS.set(css);
}

/// The stylesheet inline when the server has it, else linked.
#[component]
pub fn SiteStyle(options: LeptosOptions) -> impl IntoView {
    match CSS.get() {
        Some(css) => Either::Left(view! { <style inner_html=css.as_str()></style> }),
        None => Either::Right(view! { <HashedStylesheet options id="leptos" /> }),
    }
}
