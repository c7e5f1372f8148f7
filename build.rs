//! Turns `content/` into static Rust data in `$OUT_DIR` (the pipeline lives
//! in `crates/guide-content`). A content problem stops the build with a
//! message naming the file and what to fix.

use std::{env, path::Path, process};

fn main() {
    println!("cargo:rerun-if-changed=content");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    if let Err(errors) = guide_content::build::run_build_script(root, Path::new(&out)) {
        for e in &errors {
            // Shown by cargo as a build-script error, naming the file.
            println!("cargo:warning=content error: {e}");
            eprintln!("content error: {e}");
        }
        process::exit(1);
    }
}
