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

/// The file `url`, read with `read` (a parser), handed over in a later task
/// than the one that read it: reading a 220 KB bank and drawing the page
/// with it are each a few milliseconds, and together would be a long task
/// on a phone. `None` when the file cannot be had or read.
pub async fn fetch_and_read<T>(url: &str, read: impl FnOnce(&str) -> Option<T>) -> Option<T> {
    let value = read(&fetch_text(url).await?)?;
    crate::components::next_task::next_task().await;
    Some(value)
}
