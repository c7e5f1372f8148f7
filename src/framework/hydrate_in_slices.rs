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

/// Upstream's walk itself (`hydrateIslands` and the `traverse` inside
/// it), from its first line to its last, which nothing calls once the
/// statement above is replaced. Every page downloads the script, so it is
/// dropped: 128 bytes of brotli.
pub const UPSTREAM_WALK: (&str, &str) = (
    "async function hydrateIslands(rootNode, mod) {",
    "await traverse(rootNode);\n\t}",
);

/// `script` with the one-task call replaced (once) and upstream's walk
/// dropped; a script without the call is left as it is.
pub fn swap(script: &str) -> String {
    if !script.contains(HYDRATE_ALL_AT_ONCE) {
        return script.to_string();
    }
    let swapped = script.replacen(HYDRATE_ALL_AT_ONCE, HYDRATE_IN_SLICES.trim_end(), 1);
    without_upstream_walk(&swapped).unwrap_or(swapped)
}

/// `script` without upstream's walk, or `None` when the walk is not found
/// whole, or something else still calls it.
fn without_upstream_walk(script: &str) -> Option<String> {
    let (first, last) = UPSTREAM_WALK;
    let start = script.find(first)?;
    let end = start + script[start..].find(last)? + last.len();
    let rest = format!("{}{}", &script[..start], &script[end..]);
    (!rest.contains("hydrateIslands(")).then_some(rest)
}
