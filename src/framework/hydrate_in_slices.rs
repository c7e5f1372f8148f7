//! W4: the framework hydrates every island of the page in one task after
//! the client starts (120-odd ms on a guide page with a phone's CPU, the
//! largest part of Lighthouse's total blocking time). Its call is replaced
//! by `hydrate_in_slices.js`, which hydrates them in the same order in
//! slices of a few milliseconds and then marks `<html data-hydrated>`,
//! after the lazy islands too.

/// The statement in the framework's island script (Leptos 0.8,
/// `hydration/island_script.js`) that hydrates the whole page at once.
pub const HYDRATE_ALL_AT_ONCE: &str = "hydrateIslands(document.body, mod);";

/// Our replacement for it, minified by `build.rs`.
const HYDRATE_IN_SLICES: &str = include_str!(concat!(env!("OUT_DIR"), "/hydrate_in_slices.js"));

/// `script` with the one-task call replaced (once; a script without it is
/// left as it is).
pub fn swap(script: &str) -> String {
    script.replacen(HYDRATE_ALL_AT_ONCE, HYDRATE_IN_SLICES.trim_end(), 1)
}
