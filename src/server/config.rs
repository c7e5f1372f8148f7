//! Reads the runtime configuration from `Leptos.toml` (or the file named by
//! `BACKEND_GUIDE_CONFIG`), with `LEPTOS_*` environment variables winning.

use std::path::Path;

use leptos::config::{LeptosOptions, get_configuration};

pub const DEFAULT_FILE: &str = "Leptos.toml";

pub fn load() -> Result<LeptosOptions, String> {
    let file = std::env::var("BACKEND_GUIDE_CONFIG").unwrap_or_else(|_| DEFAULT_FILE.into());
    // Without the file (e.g. a deployment configured by environment alone),
    // fall back to the LEPTOS_* variables.
    let path = Path::new(&file).exists().then_some(file.as_str());
    let options = get_configuration(path)
        .map(|conf| conf.leptos_options)
        .map_err(|e| format!("cannot read the configuration from {file}: {e}"))?;
    check_hash_file(&options)?;
    Ok(options)
}

/// With hashed file names, Leptos reads the hashes from a file next to the
/// binary (cargo-leptos writes it there) and panics on every page without
/// it. Say so at start-up instead.
fn check_hash_file(options: &LeptosOptions) -> Result<(), String> {
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
        let error = super::check_hash_file(&options).unwrap_err();
        assert!(error.contains(&format!("{name} is missing")), "{error}");
        assert!(error.contains("LEPTOS_HASH_FILES=false"), "{error}");

        let beside = std::env::current_exe().unwrap().with_file_name(&name);
        fs::write(&beside, "").unwrap();
        let found = super::check_hash_file(&options);
        fs::remove_file(&beside).unwrap();
        assert_eq!(found, Ok(()));

        let unhashed = LeptosOptions::builder()
            .output_name("backend-guide")
            .build();
        assert_eq!(super::check_hash_file(&unhashed), Ok(()));
    }

    /// The keys of `[package.metadata.leptos]` in one file, as (key, value) lines.
    fn leptos_keys(path: &str) -> Vec<(String, String)> {
        let text = fs::read_to_string(path).unwrap();
        let start = text
            .find("\n[package.metadata.leptos]")
            .expect("section present");
        text[start..]
            .lines()
            .skip(2)
            .take_while(|l| !l.starts_with('['))
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect()
    }

    /// cargo-leptos reads Cargo.toml and the server reads Leptos.toml: the
    /// settings both know must agree.
    #[test]
    fn leptos_toml_agrees_with_cargo_metadata() {
        let cargo = leptos_keys("Cargo.toml");
        let runtime = leptos_keys("Leptos.toml");
        for (key, value) in &runtime {
            if key == "env" {
                continue;
            }
            let in_cargo = cargo.iter().find(|(k, _)| k == key);
            assert_eq!(in_cargo.map(|(_, v)| v), Some(value), "`{key}` differs");
        }
        assert!(runtime.iter().any(|(k, _)| k == "output-name"));
    }

    #[test]
    fn leptos_toml_is_readable_by_leptos_config() {
        let conf = leptos::config::get_configuration(Some("Leptos.toml")).unwrap();
        assert_eq!(&*conf.leptos_options.output_name, "backend-guide");
        assert!(conf.leptos_options.hash_files);
    }
}
