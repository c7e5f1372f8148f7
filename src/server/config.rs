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
    crate::framework::hash_file::check(&options)?;
    Ok(options)
}

#[cfg(test)]
mod tests {
    use std::fs;

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
