//! W15: the framework starts the client in an idle callback with no time
//! limit. A browser that never finds an idle moment (a busy main thread, a
//! renderer waiting on a slow compositor) would never start it, and the
//! page would stay inert. We give the callback a limit: the client starts
//! when the browser is idle, or after three seconds at the latest.

/// The framework's call (Leptos 0.8, `hydration/island_script.js`, `idle`).
pub const IDLE_WITHOUT_LIMIT: &str = "window.requestIdleCallback(c);";

/// The same call with a limit.
const IDLE_WITH_LIMIT: &str = "window.requestIdleCallback(c,{timeout:3000});";

/// `script` with the limit added (once; a script without the call is left
/// as it is).
pub fn swap(script: &str) -> String {
    script.replacen(IDLE_WITHOUT_LIMIT, IDLE_WITH_LIMIT, 1)
}
