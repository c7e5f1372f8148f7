//! The scripts every page runs from `<head>`, before the WASM client and
//! without it: readable in the `.js` files beside this one, minified by
//! `build.rs` into `$OUT_DIR`. The server hashes each into the page's
//! Content-Security-Policy.

/// The reader's saved theme (`theme.js`), applied before anything paints.
/// It reads the key `storage::theme_choice` writes.
pub const THEME: &str = include_str!(concat!(env!("OUT_DIR"), "/theme.js"));

/// The phone menu (`menu.js`): opens and closes the site links from the
/// first paint, and when the WASM never arrives.
pub const MENU: &str = include_str!(concat!(env!("OUT_DIR"), "/menu.js"));

/// The copy buttons of code blocks (`copy_code.js`), so reading pages carry
/// no WASM for them.
pub const COPY_CODE: &str = include_str!(concat!(env!("OUT_DIR"), "/copy_code.js"));

/// What the islands router leaves undone (`framework/navigation.js`, W7;
/// see `framework::navigation`): scroll, focus, `aria-current`, links
/// within the page, and no islands hydrated before the client runs.
pub const PAGE_NAVIGATION: &str = include_str!(concat!(env!("OUT_DIR"), "/navigation.js"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pages_carry_the_scripts_minified_with_their_code_intact() {
        for (name, minified, readable) in [
            ("theme.js", THEME, include_str!("theme.js")),
            ("menu.js", MENU, include_str!("menu.js")),
            ("copy_code.js", COPY_CODE, include_str!("copy_code.js")),
            (
                "navigation.js",
                PAGE_NAVIGATION,
                include_str!("../framework/navigation.js"),
            ),
        ] {
            assert!(
                minified.len() < readable.len() * 3 / 4,
                "{name}: {minified}"
            );
            assert!(
                !minified.contains("//") || minified.contains("://"),
                "{name} kept a comment"
            );
            assert!(!minified.contains("\n  "), "{name} kept its indentation");
        }
        for kept in [
            "'aria-expanded'",
            "'#site-links a'",
            "classList.toggle('open',",
        ] {
            assert!(MENU.contains(kept), "{kept}: {MENU}");
        }
        for kept in [
            "'__hydrateIsland'",
            "startViewTransition=undefined",
            "stopImmediatePropagation()",
        ] {
            assert!(PAGE_NAVIGATION.contains(kept), "{kept}: {PAGE_NAVIGATION}");
        }
        assert!(
            COPY_CODE.contains("navigator.clipboard.writeText(pre.textContent)"),
            "{COPY_CODE}"
        );
    }
}
