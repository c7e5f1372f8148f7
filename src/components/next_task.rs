//! Splits work that would hold the browser's main thread too long.

use wasm_bindgen_futures::JsFuture;

/// Gives the main thread back to the browser until its next task: between
/// two pieces of work that together would make a long task (one that can
/// hold up a tap on a slow phone).
pub async fn next_task() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        // Without a timer the promise never settles: go on at once.
        if window.set_timeout_with_callback(&resolve).is_err() {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}
