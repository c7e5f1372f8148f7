//! Turns `content/` into static Rust data in `$OUT_DIR` (the pipeline lives
//! in `crates/guide-content`). A content problem stops the build with a
//! message naming the file and what to fix.
//!
//! It also minifies our JavaScript, kept readable in `src/` (see
//! [`SCRIPTS`]), so that neither the pages nor the server minify anything of
//! ours at run time.

use std::{env, fs, path::Path, process};

/// Our scripts, minified into `$OUT_DIR/<file name>`: those every page runs
/// from `<head>` (`crate::components::inline_scripts`) and the walk that
/// hydrates islands in slices, which replaces a call in the framework's
/// hydration script (`framework::hydrate_in_slices`), and the function the
/// split WASM files' loader starts its downloads with
/// (`framework::split_loader`).
const SCRIPTS: [&str; 6] = [
    "src/components/theme.js",
    "src/components/menu.js",
    "src/components/copy_code.js",
    "src/framework/navigation.js",
    "src/framework/hydrate_in_slices.js",
    "src/framework/split_loader.js",
];

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
    minify_scripts(Path::new(&root), Path::new(&out));
}

fn minify_scripts(root: &Path, out: &Path) {
    for path in SCRIPTS {
        let source_path = root.join(path);
        let name = Path::new(path).file_name().expect("a file");
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
