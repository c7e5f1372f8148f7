//! Turns `content/` into static Rust data in `$OUT_DIR` (the pipeline lives
//! in `crates/guide-content`). A content problem stops the build with a
//! message naming the file and what to fix.
//!
//! It also minifies the scripts that every page carries inline in its
//! `<head>` (kept readable in `src/`, see [`INLINE_SCRIPTS`]).

use std::{env, fs, path::Path, process};

/// Scripts every page runs from `<head>`, readable in `src/components/`;
/// the pages carry them minified, from `$OUT_DIR/<name>`
/// (`crate::components::inline_scripts`).
const INLINE_SCRIPTS: [&str; 4] = ["theme.js", "menu.js", "copy_code.js", "page_navigation.js"];

fn main() {
    println!("cargo:rerun-if-changed=content");
    // Read when the script runs, not compiled in: cargo may reuse this
    // script's binary for a checkout at another path that shares the
    // target directory.
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    if let Err(errors) = guide_content::build::run_build_script(Path::new(&root), Path::new(&out)) {
        for e in &errors {
            // Shown by cargo as a build-script error, naming the file.
            println!("cargo:warning=content error: {e}");
            eprintln!("content error: {e}");
        }
        process::exit(1);
    }
    minify_inline_scripts(Path::new(&root), Path::new(&out));
}

fn minify_inline_scripts(root: &Path, out: &Path) {
    for name in INLINE_SCRIPTS {
        let source_path = root.join("src/components").join(name);
        println!("cargo:rerun-if-changed={}", source_path.display());
        let source = fs::read_to_string(&source_path)
            .unwrap_or_else(|e| panic!("{}: {e}", source_path.display()));
        let minified = minifier::js::minify(&source)
            .unwrap_or_else(|e| {
                panic!(
                    "{}: the minifier cannot read it: {e}",
                    source_path.display()
                )
            })
            .to_string();
        fs::write(out.join(name), minified).expect("OUT_DIR is writable");
    }
}
