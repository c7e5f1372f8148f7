//! W7: moving between pages without reloading the document.
//!
//! Leptos's islands router (feature `islands-router`) catches same-origin
//! link clicks and back/forward, fetches the new page's HTML and patches the
//! document with it; islands keep their state and the WASM stays loaded. In
//! the version we lock (0.8.23) it leaves a few things a reader expects
//! undone (docs/islands-research.md lists them), and `navigation.js`
//! ([`crate::components::inline_scripts::PAGE_NAVIGATION`]) does them, from `<head>`,
//! before anything else listens:
//!
//! - **Scroll.** After a new page arrives: its `#fragment`, else the top;
//!   after back/forward: where the reader was on that entry (positions are
//!   not recorded while a page is being swapped in, as the old page's
//!   height would clamp them).
//! - **`aria-current`.** The patch sets attributes but never removes them,
//!   so the site and contents links are marked again for the new address.
//! - **Focus.** Moves to `<main>` (without scrolling), so keyboard and
//!   screen reader users start on the new page rather than on a link that
//!   may be gone.
//! - **Links within the page** (`#fragment` on the same address, such as the
//!   skip link and "On this page") stay the browser's own: the router would
//!   fetch and patch the whole page for them.
//! - **Islands on the new page are hydrated only once the WASM is running**:
//!   when it failed to load, the router still moves between pages (the
//!   HTML is whole), without throwing at the missing client.
//! - **View transitions are off**: the router starts one and does not wait
//!   for it, so the address changed before the page did (and scrolling and
//!   focus would act on the old page).

/// Tells `navigation.js` that the client is running, so islands
/// arriving with a new page may hydrate. (`<html data-hydrated>`, which
/// tells tests and CSS that the islands of the first page are live, is set
/// by `hydrate_in_slices.js` (W4) once the last one is.)
#[cfg(feature = "hydrate")]
pub fn mark_client_running() {
    let _ = js_sys::Reflect::set(
        &leptos::prelude::window(),
        &"__guideClient".into(),
        &true.into(),
    );
}
