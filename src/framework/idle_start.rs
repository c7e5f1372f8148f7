//! W15: the framework starts the client in an idle callback with no time
//! limit. A browser that never finds an idle moment (a busy main thread, a
//! renderer waiting on a slow compositor) would never start it, and the
//! page would stay inert. We give the callback a limit: the client starts
//! when the browser is idle, or after three seconds at the latest.
//!
//! And not before the page's first paint: the idle callback could come
//! before the first frame was shown, and the client's downloads and
//! start-up then competed with the first paint (Lighthouse's simulated
//! phone counted them in the largest paint: 1.59 s instead of 1.17 s on a
//! guide page). A frame's end is not enough: the paint is shown, and
//! timed, later (the client's first request came 7-14 ms before it in
//! Lighthouse's runs when we waited for `requestAnimationFrame` and a
//! task). So the wait is for the browser's own report of the first
//! contentful paint (a `PerformanceObserver`), or a second at most.

/// The framework's call (Leptos 0.8, `hydration/island_script.js`, `idle`).
pub const IDLE_WITHOUT_LIMIT: &str = "window.requestIdleCallback(c);";

/// The same call with a limit, made once the browser has reported the
/// first contentful paint (or after a second, if it never does).
const IDLE_WITH_LIMIT: &str = "var s=0,go=()=>{s||(s=1,requestIdleCallback(c,{timeout:3000}))};\
     try{new PerformanceObserver(l=>{l.getEntriesByName(\"first-contentful-paint\").length&&go()})\
     .observe({type:\"paint\",buffered:true})}catch(e){go()}setTimeout(go,1000);";

/// `script` with the limit added (once; a script without the call is left
/// as it is).
pub fn swap(script: &str) -> String {
    script.replacen(IDLE_WITHOUT_LIMIT, IDLE_WITH_LIMIT, 1)
}
