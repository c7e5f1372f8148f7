//! Reads a file of the site in the browser: the search documents and the
//! quiz bank are fetched on first use (the service worker keeps them for
//! offline use).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The body of `url`, or `None` when it cannot be had (offline and not
/// cached, or the server answered with an error).
pub async fn fetch_text(url: &str) -> Option<String> {
    let response = JsFuture::from(web_sys::window()?.fetch_with_str(url))
        .await
        .ok()?
        .dyn_into::<web_sys::Response>()
        .ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}
