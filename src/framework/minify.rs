//! W6: minifies the JavaScript the build leaves readable.
//!
//! cargo-leptos minifies the client's glue, but not the loader of the split
//! WASM files (`__wasm_split.*.js`), and the framework's hydration script
//! comes out of each page with its comments and indentation. Both are
//! only known in their final form once the server has made them (the
//! hydration script from a rendered page, the loader after W16), so:
//!
//! - at build time, `scripts/setup.sh` runs `backend-guide scripts DIR`,
//!   which writes each such script into DIR under its [`key`], and
//!   esbuild (the SQL lab's bundler, already installed) minifies them,
//!   renaming local variables, into the site's [`TWINS_DIR`];
//! - at start, the server serves a script's twin when the build left one
//!   with the script's key, and otherwise (a build without that step,
//!   `cargo leptos watch`) minifies it itself with the `minifier` crate,
//!   which only removes comments and spaces.
//!
//! On a reading page the twins are about 470 B (brotli) lighter than the
//! crate's output (docs/framework-workarounds.md, W6).

use std::{
    collections::HashMap,
    path::Path,
    sync::{Mutex, OnceLock},
};

use sha2::{Digest, Sha256};

/// The folder, under the site root, where the build leaves the minified
/// twins. The server reads it at start and does not serve it.
pub const TWINS_DIR: &str = "minified";

/// The twins the build left, once [`use_twins`] has read them.
static TWINS: OnceLock<Twins> = OnceLock::new();
/// Every script [`js`] was given, when [`record`] asked for them.
static RECORDED: Mutex<Option<Vec<String>>> = Mutex::new(None);

/// The name of a script's twin: the first 16 bytes of its SHA-256, in hex.
pub fn key(source: &str) -> String {
    crate::format::hex(&Sha256::digest(source.as_bytes())[..16])
}

/// Minified scripts by the [`key`] of the script each replaces.
#[derive(Debug, Default)]
pub struct Twins(HashMap<String, String>);

impl Twins {
    /// The twins in `dir` (`<key>.js` each); a missing folder holds none.
    pub fn read(dir: &Path) -> Self {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Self::default();
        };
        Self(
            entries
                .filter_map(Result::ok)
                .filter_map(|entry| {
                    let path = entry.path();
                    let key = path.file_name()?.to_str()?.strip_suffix(".js")?.to_string();
                    let text = std::fs::read_to_string(&path).ok()?;
                    Some((key, text))
                })
                .collect(),
        )
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `source` minified: its twin when there is one, else without
    /// comments and needless spaces, or as it is if the minifier cannot
    /// read it (the site then works, only heavier).
    pub fn js(&self, source: &str) -> String {
        if let Some(kept) = RECORDED.lock().unwrap_or_else(|e| e.into_inner()).as_mut() {
            kept.push(source.to_string());
        }
        if let Some(twin) = self.0.get(&key(source)) {
            return twin.clone();
        }
        match minifier::js::minify(source) {
            Ok(minified) => minified.to_string(),
            Err(e) => {
                tracing::warn!("a script was left unminified: {e}");
                source.to_string()
            }
        }
    }
}

/// Reads the build's twins from `dir` for [`js`]; returns how many. Only
/// the first call counts.
pub fn use_twins(dir: &Path) -> usize {
    let twins = Twins::read(dir);
    let count = twins.len();
    let _ = TWINS.set(twins);
    count
}

/// From now on, [`js`] keeps a copy of every script it is given (for
/// `backend-guide scripts`).
pub fn record() {
    *RECORDED.lock().unwrap_or_else(|e| e.into_inner()) = Some(Vec::new());
}

/// The scripts kept since [`record`].
pub fn recorded() -> Vec<String> {
    RECORDED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone()
        .unwrap_or_default()
}

/// `source` minified, with the twins [`use_twins`] read (see [`Twins::js`]).
pub fn js(source: &str) -> String {
    match TWINS.get() {
        Some(twins) => twins.js(source),
        None => Twins::default().js(source),
    }
}

#[cfg(test)]
mod tests {
    use super::{Twins, js, key};

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

    #[test]
    fn a_script_with_a_twin_is_served_as_its_twin_and_others_as_the_crate_minifies() {
        let dir = std::env::temp_dir().join(format!("minify-twins-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let source = "let longName = 1; // one\nconsole.log(longName);";
        std::fs::write(dir.join(format!("{}.js", key(source))), "console.log(1)").unwrap();
        std::fs::write(dir.join("notes.txt"), "not a twin").unwrap();
        let twins = Twins::read(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(twins.len(), 1);
        assert_eq!(twins.js(source), "console.log(1)");
        let other = "let other = 2; // two\nconsole.log(other);";
        assert_eq!(twins.js(other), Twins::default().js(other));
        assert!(!twins.js(other).contains("two"));
        assert_eq!(key(source).len(), 32);
        assert_ne!(key(source), key(other));
        assert!(Twins::read(&std::env::temp_dir().join("no-such-twins-dir")).is_empty());
    }
}
