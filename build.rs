//! Turns `content/` into static Rust data in `$OUT_DIR` (the pipeline lives
//! in `crates/guide-content`). A content problem stops the build with a
//! message naming the file and what to fix.

use std::{env, path::Path, process};

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
}
