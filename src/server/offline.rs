//! The service worker (`/sw.js`) for offline reading, made at start-up from
//! the site the server holds: what to keep, and which build it belongs to.

use axum::http::StatusCode;
use sha2::{Digest, Sha256};

use super::site::Site;

/// Where the worker is served. Its scope is the whole site.
pub const WORKER_URL: &str = "/sw.js";

const TEMPLATE: &str = include_str!("service_worker.js");

/// Where the SQL lab's files are served: kept offline once the lab has
/// been opened, not on a reader's first visit (megabytes of database
/// engine that most readers never use).
pub const LAB_FILES: &str = "/pkg/lab/";

/// Everything a reader needs offline: every page and every file but type
/// declarations (`.d.ts`, a by-product of wasm-bindgen), the worker itself,
/// the lab's files and held redirects (the worker would keep the page
/// redirected to under the old address, and a browser refuses a kept
/// redirected answer to a navigation; the target is listed on its own).
pub fn precache_urls(site: &Site) -> Vec<String> {
    let mut urls: Vec<String> = site
        .entries()
        .filter(|(url, entry)| {
            entry.status() == StatusCode::OK
                && !url.ends_with(".ts")
                && *url != WORKER_URL
                && !url.starts_with(LAB_FILES)
        })
        .map(|(url, _)| url.to_string())
        .collect();
    urls.sort();
    urls
}

/// The lab's files of this build: the worker keeps these in a cache of
/// their own when the lab fetches them, and drops any other.
pub fn lab_urls(site: &Site) -> Vec<String> {
    let mut urls: Vec<String> = site
        .urls()
        .filter(|url| url.starts_with(LAB_FILES))
        .map(String::from)
        .collect();
    urls.sort();
    urls
}

/// A digest of every URL and its content: the same build on several
/// servers gets the same id; any change to any file gives a new one.
/// `BACKEND_GUIDE_BUILD_ID` overrides it (to test or force an update).
pub fn build_id(site: &Site, urls: &[String]) -> String {
    if let Ok(forced) = std::env::var("BACKEND_GUIDE_BUILD_ID")
        && !forced.is_empty()
        && forced
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return forced;
    }
    let mut digest = Sha256::new();
    for url in urls {
        digest.update(url.as_bytes());
        digest.update(site.etag(url).unwrap_or_default().as_bytes());
    }
    crate::format::hex(&digest.finalize()[..8])
}

/// The worker script for this build.
pub fn worker_script(build: &str, urls: &[String], lab: &[String]) -> String {
    let list = serde_json::to_string(urls).expect("URLs serialize");
    let lab = serde_json::to_string(lab).expect("URLs serialize");
    TEMPLATE
        .replace("\"__BUILD__\"", &format!("\"{build}\""))
        .replace("__PRECACHE__", &list)
        .replace("__LAB_FILES__", &lab)
}

/// Adds `/sw.js` to the site and stamps every response with the build id.
pub fn add_worker(site: &mut Site) -> String {
    let urls = precache_urls(site);
    let build = build_id(site, &urls);
    let script = worker_script(&build, &urls, &lab_urls(site));
    site.insert(
        WORKER_URL.to_string(),
        script.into(),
        "text/javascript; charset=utf-8",
        super::site::Caching::Revalidate,
    );
    site.set_build(&build);
    build
}

#[cfg(test)]
mod tests {
    use super::super::site::Caching;
    use super::*;

    fn site() -> Site {
        let mut site = Site::default();
        site.insert_page("/", "<h1>Home</h1>".into());
        site.insert_page("/guide/a", "<h1>A</h1>".into());
        site.insert(
            "/pkg/app.1.wasm".into(),
            "wasm".into(),
            "application/wasm",
            Caching::Immutable,
        );
        site.insert(
            "/pkg/lab/engine.2.wasm".into(),
            "engine".into(),
            "application/wasm",
            Caching::Immutable,
        );
        site.insert(
            "/pkg/app.1.d.ts".into(),
            "types".into(),
            "text/plain",
            Caching::Immutable,
        );
        site.insert_rendered(
            "/old",
            "".into(),
            StatusCode::PERMANENT_REDIRECT,
            vec![(axum::http::header::LOCATION, "/guide/a".parse().unwrap())],
        );
        site
    }

    #[test]
    fn worker_lists_every_page_and_asset_but_type_files_the_lab_and_redirects() {
        let mut site = site();
        let build = add_worker(&mut site);
        let urls = precache_urls(&site);
        assert_eq!(urls, ["/", "/guide/a", "/pkg/app.1.wasm"]);
        let lab = lab_urls(&site);
        assert_eq!(lab, ["/pkg/lab/engine.2.wasm"]);
        let script = worker_script(&build, &urls, &lab);
        assert!(script.contains(&format!("const BUILD = \"{build}\";")));
        assert!(script.contains(r#"const PRECACHE = ["/","/guide/a","/pkg/app.1.wasm"];"#));
        assert!(script.contains(r#"const LAB_FILES = ["/pkg/lab/engine.2.wasm"];"#));
        assert!(!script.contains("__"), "every placeholder is filled");
    }

    #[test]
    fn build_id_follows_the_content() {
        let first = site();
        let urls = precache_urls(&first);
        let mut changed = site();
        changed.insert_page("/guide/a", "<h1>A, revised</h1>".into());
        assert_eq!(build_id(&first, &urls), build_id(&site(), &urls));
        assert_ne!(build_id(&first, &urls), build_id(&changed, &urls));
    }
}
