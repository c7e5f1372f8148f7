//! W13: with hashed file names, Leptos reads the hashes from a file next
//! to the binary (cargo-leptos writes it there), and every page render
//! panics without it (`.expect` inside a `OnceLock` in `HydrationScripts`).
//! The server checks for it at start instead, and says where to find it.

use std::path::Path;

use leptos::config::LeptosOptions;

/// An error naming the missing hash file and the ways out, when hashing is
/// on and the file is not next to this program.
pub fn check(options: &LeptosOptions) -> Result<(), String> {
    if !options.hash_files {
        return Ok(());
    }
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let hash_file = exe
        .parent()
        .unwrap_or(Path::new("."))
        .join(&*options.hash_file);
    if hash_file.exists() {
        Ok(())
    } else {
        Err(format!(
            "{} is missing: copy it from the build (target/release/{}) next to the binary, \
             or set LEPTOS_HASH_FILES=false when the site folder has unhashed names",
            hash_file.display(),
            options.hash_file
        ))
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use leptos::config::LeptosOptions;

    /// Leptos would panic on every page without the hash file (W13 in
    /// docs/framework-workarounds.md): the start stops first, saying why.
    #[test]
    fn a_missing_hash_file_stops_the_start() {
        let name = format!("backend-guide-test-hash-{}.txt", std::process::id());
        let options = LeptosOptions::builder()
            .output_name("backend-guide")
            .hash_files(true)
            .hash_file(name.as_str().into())
            .build();
        let error = super::check(&options).unwrap_err();
        assert!(error.contains(&format!("{name} is missing")), "{error}");
        assert!(error.contains("LEPTOS_HASH_FILES=false"), "{error}");

        let beside = std::env::current_exe().unwrap().with_file_name(&name);
        fs::write(&beside, "").unwrap();
        let found = super::check(&options);
        fs::remove_file(&beside).unwrap();
        assert_eq!(found, Ok(()));

        let unhashed = LeptosOptions::builder()
            .output_name("backend-guide")
            .build();
        assert_eq!(super::check(&unhashed), Ok(()));
    }
}
