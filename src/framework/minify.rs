//! Minifies the JavaScript the build leaves readable.
//!
//! cargo-leptos minifies the client's glue, but not the loader of the split
//! WASM files (`__wasm_split.*.js`), and the framework's hydration script
//! comes out of each page with its comments and indentation. On a reading
//! page they were 5.6 KB of the first load's code, brotli included; minified
//! they are 3.9 KB. The server does it once, at start, as it compresses.

/// `source` without comments and needless spaces, or as it is if the
/// minifier cannot read it (the site then works, only heavier).
pub fn js(source: &str) -> String {
    match minifier::js::minify(source) {
        Ok(minified) => minified.to_string(),
        Err(e) => {
            tracing::warn!("a script was left unminified: {e}");
            source.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::js;

    #[test]
    fn comments_and_indentation_go_and_the_code_stays() {
        let source = "(async () => {\n  // say hello\n  const who = `${root}/x`;\n  /* twice */\n  if (a) {\n    go(who, \"a // b\");\n  }\n})();\n";
        let out = js(source);
        assert!(out.len() < source.len(), "{out}");
        assert!(
            !out.contains("say hello") && !out.contains("twice"),
            "{out}"
        );
        for kept in ["`${root}/x`", "\"a // b\"", "go(who,"] {
            assert!(out.contains(kept), "{kept} lost: {out}");
        }
    }
}
