//! Reads a file of the site in the browser: the search documents and the
//! quiz and interview banks are fetched on first use (the service worker
//! keeps them for offline use).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The body of `url`, or `None` when it cannot be had (offline and not
/// cached, the server answered with an error, or it is not UTF-8).
///
/// The body is copied into the WASM's memory as bytes and checked as UTF-8
/// there. `Response.text()` would decode it into a JavaScript string that
/// wasm-bindgen then encodes back: for the 220 KB banks, several
/// milliseconds of the main thread on a phone, twice.
pub async fn fetch_text(url: &str) -> Option<String> {
    let response = JsFuture::from(web_sys::window()?.fetch_with_str(url))
        .await
        .ok()?
        .dyn_into::<web_sys::Response>()
        .ok()?;
    if !response.ok() {
        return None;
    }
    let body = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    String::from_utf8(js_sys::Uint8Array::new(&body).to_vec()).ok()
}
