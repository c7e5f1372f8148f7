//! `backend-guide export [DIR]`: the whole site as plain files, for any
//! static host or CDN.
//!
//! Rendering stays in one place: the export builds the same in-memory site
//! the server answers from ([`build_site`]) and writes each response to a
//! file. Pages become `<path>/index.html`, the not-found page `/404.html`,
//! every other file keeps its path, and each compressible one gets its `.gz`
//! and `.br` beside it (what nginx's `gzip_static` and `brotli_static` look
//! for). `--no-brotli` leaves out the `.br` copies, the slow part (seconds
//! of every core), for a quick look or a host that compresses on its own.
//! The headers our server sends go into `_headers` (read by Netlify and
//! Cloudflare Pages) and `.nginx/headers.conf` (included by
//! `deploy/nginx-static.conf`). See docs/deploying.md.

use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use axum::body::Body;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use leptos::config::LeptosOptions;

use super::encoding::Encoding;
use super::security::{add_new, content_security_policy, fixed_headers, inline_hashes};
use super::site::{Caching, Entry, Kind, Site};
use super::{build_site, config, render, renderer};

/// Marks a folder as an export of ours, so a later export may replace it.
const MARKER: &str = ".backend-guide-export";
/// The headers for nginx, as `add_header` lines (not served: nginx's
/// configuration refuses names starting with a dot).
pub const NGINX_HEADERS: &str = ".nginx/headers.conf";
/// Exact-match `location` blocks for pages that redirect or set headers
/// of their own (included by `deploy/nginx-static.conf`).
pub const NGINX_PAGES: &str = ".nginx/pages.conf";
/// Where static hosts look for the page they send with status 404.
const NOT_FOUND_PAGE: &str = "/404.html";
/// The folder used when none is named.
pub const DEFAULT_DIR: &str = "target/export";

/// What an export wrote.
pub struct Summary {
    pub files: usize,
    pub bytes: u64,
    pub build: String,
}

/// Builds the site as the server would and writes it under `dir`, with
/// `.br` copies when `brotli`.
pub async fn export(dir: &Path, brotli: bool) -> Result<Summary, String> {
    let options = config::load()?;
    let site = exported_site(&options, brotli).await?;
    write_site(&site, dir)
}

/// The site the server holds, plus the not-found page, every body
/// compressed with gzip and, when `brotli`, with brotli at its best.
async fn exported_site(options: &LeptosOptions, brotli: bool) -> Result<Site, String> {
    let renderer = renderer(options.clone());
    let mut site = build_site(options, &renderer).await?;
    let request = Request::get(NOT_FOUND_PAGE)
        .body(Body::empty())
        .map_err(|e| e.to_string())?;
    let page = render(&renderer, request).await?;
    if page.status != StatusCode::NOT_FOUND {
        return Err(format!(
            "the not-found page answered {}, not 404",
            page.status
        ));
    }
    // Held as a 200: static hosts send this file with 404 themselves.
    let html = site.link_hydration(&String::from_utf8_lossy(&page.html))?;
    site.insert_page(NOT_FOUND_PAGE, html.into());
    if brotli {
        site.make_brotli(super::cores::count());
    }
    Ok(site)
}

/// Writes every response of `site` and the header files into `dir`.
fn write_site(site: &Site, dir: &Path) -> Result<Summary, String> {
    prepare(dir)?;
    let build = site.build().unwrap_or_default().to_string();
    let mut summary = Summary {
        files: 0,
        bytes: 0,
        build: build.clone(),
    };
    let mut write = |relative: &Path, body: &[u8]| -> Result<(), String> {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, body).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        summary.files += 1;
        summary.bytes += body.len() as u64;
        Ok(())
    };
    let mut hashes = Vec::new();
    let mut style_hashes = Vec::new();
    let mut revalidated = Vec::new();
    let mut own = OwnAnswers::default();
    for (url, entry) in site.entries() {
        if own.add(url, entry)? == Written::NoFile {
            continue;
        }
        let file =
            file_for(url, entry.kind()).ok_or_else(|| format!("{url} cannot be a file name"))?;
        let bodies = entry.bodies();
        write(&file, &bodies.identity)?;
        for (coding, body) in bodies.compressed() {
            if let Some(body) = body {
                write(&with_suffix(&file, coding), body)?;
            }
        }
        if entry.kind() == Kind::Html {
            let (scripts, styles) = inline_hashes(&String::from_utf8_lossy(&bodies.identity));
            add_new(&mut hashes, scripts);
            add_new(&mut style_hashes, styles);
        }
        if entry.caching() == Caching::Revalidate && url != NOT_FOUND_PAGE {
            revalidated.push((url.to_string(), entry.kind()));
        }
    }
    hashes.sort();
    style_hashes.sort();
    revalidated.sort_by(|a, b| a.0.cmp(&b.0));
    let headers = Headers {
        policy: content_security_policy(&hashes, &style_hashes),
        build,
    };
    own.sort();
    let netlify = headers.netlify(&revalidated) + &own.netlify_headers();
    write(Path::new("_headers"), netlify.as_bytes())?;
    let redirects = format!("{REDIRECTS}{}", own.netlify_redirects());
    write(Path::new("_redirects"), redirects.as_bytes())?;
    write(Path::new(NGINX_HEADERS), headers.nginx().as_bytes())?;
    write(Path::new(NGINX_PAGES), own.nginx(&headers)?.as_bytes())?;
    Ok(summary)
}

/// Makes `dir` an empty folder of ours: an earlier export is replaced, any
/// other non-empty folder is left alone (a typo in `EXPORT_DIR` must not
/// delete someone's files).
fn prepare(dir: &Path) -> Result<(), String> {
    let occupied = std::fs::read_dir(dir).is_ok_and(|mut items| items.next().is_some());
    if occupied {
        if !dir.join(MARKER).exists() {
            return Err(format!(
                "{} is not empty and holds no earlier export: name an empty or new folder",
                dir.display()
            ));
        }
        std::fs::remove_dir_all(dir).map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    std::fs::write(
        dir.join(MARKER),
        "Written by `backend-guide export`; the next export replaces this folder.\n",
    )
    .map_err(|e| format!("cannot write in {}: {e}", dir.display()))
}

/// The file that answers `url`: pages are `index.html` in a folder named
/// after their path, so that `try_files $uri $uri/index.html` finds them.
/// `None` for a URL that is not a plain path below the root.
fn file_for(url: &str, kind: Kind) -> Option<PathBuf> {
    let relative = Path::new(url.strip_prefix('/')?);
    let plain = relative
        .components()
        .all(|part| matches!(part, Component::Normal(_)));
    if !plain {
        return None;
    }
    let page_folder = kind == Kind::Html && !url.ends_with(".html");
    Some(if page_folder {
        relative.join("index.html")
    } else {
        relative.to_path_buf()
    })
}

/// `file` with the suffix of its compressed copy (`a.js` -> `a.js.br`).
fn with_suffix(file: &Path, coding: Encoding) -> PathBuf {
    let suffix = match coding {
        Encoding::Gzip => ".gz",
        Encoding::Brotli => ".br",
        Encoding::Identity => "",
    };
    let mut name = file.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Whether a held entry became a file.
#[derive(PartialEq, Eq)]
enum Written {
    File,
    /// A redirect: the host answers it from its rules, with no file.
    NoFile,
}

/// Pages that answer with more than their file: the redirects and the
/// headers that pages set themselves (Leptos's `ResponseOptions`), which
/// the server holds with the page and a static host needs as rules.
#[derive(Default)]
struct OwnAnswers {
    /// URL, target, status.
    redirects: Vec<(String, String, u16)>,
    /// URL and the page's own headers.
    headers: Vec<(String, Vec<(String, String)>)>,
}

impl OwnAnswers {
    fn add(&mut self, url: &str, entry: &Entry) -> Result<Written, String> {
        let own: Vec<(String, String)> = entry
            .page_headers()
            .iter()
            .map(|(name, value)| {
                let value = value.to_str().map_err(|_| {
                    format!("{url} sets the header {name} to bytes a host's rules cannot hold")
                })?;
                Ok((name.to_string(), value.to_string()))
            })
            .collect::<Result<_, String>>()?;
        if entry.status().is_redirection() {
            let target = own
                .iter()
                .find(|(name, _)| name == header::LOCATION.as_str())
                .map(|(_, target)| target.clone())
                .ok_or_else(|| format!("{url} answers {} with no Location", entry.status()))?;
            self.redirects
                .push((url.to_string(), target, entry.status().as_u16()));
            return Ok(Written::NoFile);
        }
        if !own.is_empty() {
            self.headers.push((url.to_string(), own));
        }
        Ok(Written::File)
    }

    fn sort(&mut self) {
        self.redirects.sort();
        self.headers.sort();
    }

    /// Rules for `_headers`, after the common ones (a page's URL with and
    /// without the trailing slash that Cloudflare Pages adds).
    fn netlify_headers(&self) -> String {
        let mut out = String::new();
        for (url, headers) in &self.headers {
            for path in page_paths(url) {
                let _ = writeln!(out, "{path}");
                for (name, value) in headers {
                    let _ = writeln!(out, "  {name}: {value}");
                }
            }
        }
        out
    }

    /// Lines for `_redirects`.
    fn netlify_redirects(&self) -> String {
        self.redirects
            .iter()
            .map(|(url, target, status)| format!("{url}  {target}  {status}\n"))
            .collect()
    }

    /// `location` blocks for nginx. A location that adds a header inherits
    /// none from the server's, so each repeats the common ones.
    fn nginx(&self, common: &Headers) -> Result<String, String> {
        let mut out = String::from(
            "# backend-guide: pages that redirect or set headers of their own, written by the export.\n\
             # Included by deploy/nginx-static.conf.\n",
        );
        for (url, target, status) in &self.redirects {
            let _ = writeln!(
                out,
                "location = {url} {{ return {status} {}; }}",
                nginx_string(target)?
            );
        }
        // What every such location starts with: the common headers and
        // the pages' Cache-Control.
        let mut shared = String::new();
        for line in common.nginx().lines().filter(|l| !l.starts_with('#')) {
            let _ = writeln!(shared, "    {line}");
        }
        let revalidate = Caching::Revalidate.header();
        let _ = writeln!(
            shared,
            "    add_header Cache-Control \"{}\" always;",
            revalidate.to_str().unwrap_or_default()
        );
        for (url, headers) in &self.headers {
            let file =
                file_for(url, Kind::Html).ok_or_else(|| format!("{url} cannot be a file name"))?;
            for path in page_paths(url) {
                let _ = writeln!(out, "location = {path} {{");
                out.push_str(&shared);
                for (name, value) in headers {
                    let _ = writeln!(
                        out,
                        "    add_header {name} {} always;",
                        nginx_string(value)?
                    );
                }
                let _ = writeln!(out, "    try_files /{} =404;\n}}", file.display());
            }
        }
        Ok(out)
    }
}

/// A page's URL as hosts may ask for it: as it is, and with a trailing slash.
fn page_paths(url: &str) -> Vec<String> {
    if url == "/" {
        vec![url.to_string()]
    } else {
        vec![url.to_string(), format!("{url}/")]
    }
}

/// `value` quoted for nginx's configuration. `$` would start a variable
/// there, and it has no escape for it.
fn nginx_string(value: &str) -> Result<String, String> {
    if value.contains('$') {
        return Err(format!(
            "{value:?} holds a `$`, which nginx would read as a variable"
        ));
    }
    Ok(format!(
        "\"{}\"",
        value.replace('\\', "\\\\").replace('"', "\\\"")
    ))
}

/// Every page is a file, so no rewrite is needed, and both hosts send
/// `/404.html` with status 404 for unknown addresses by themselves.
const REDIRECTS: &str = "\
# backend-guide: redirects for Netlify and Cloudflare Pages, written by the export.
# Every page is a file (/quiz is /quiz/index.html), so nothing is rewritten, and
# both hosts answer unknown addresses with /404.html and status 404 on their own.
# The file paths of pages are not a second address for them:
/index.html  /  301
";

/// The headers our server sends, for the static hosts' own formats.
struct Headers {
    policy: String,
    build: String,
}

impl Headers {
    /// Headers on every response: the security headers, the policy and the
    /// build (the service worker keeps a fresh page only from its own build).
    fn common(&self) -> Vec<(String, String)> {
        let mut all = fixed_headers();
        all.push(("content-security-policy".into(), self.policy.clone()));
        all.push(("x-build".into(), self.build.clone()));
        all
    }

    /// `_headers` in the format of Netlify and Cloudflare Pages. Both join
    /// the values of one header set by several matching rules, so
    /// `Cache-Control` is set by rules that never overlap: `/pkg/*`, and
    /// each other URL by itself (pages also with a trailing slash, which
    /// Cloudflare Pages adds).
    fn netlify(&self, revalidated: &[(String, Kind)]) -> String {
        let mut out = String::from(
            "# backend-guide: response headers for Netlify and Cloudflare Pages, written by the export.\n/*\n",
        );
        for (name, value) in self.common() {
            let _ = writeln!(out, "  {name}: {value}");
        }
        let immutable = Caching::Immutable.header();
        let _ = writeln!(
            out,
            "/pkg/*\n  cache-control: {}",
            immutable.to_str().unwrap_or_default()
        );
        let revalidate = Caching::Revalidate.header();
        let revalidate = revalidate.to_str().unwrap_or_default();
        for (url, kind) in revalidated {
            let _ = writeln!(out, "{url}\n  cache-control: {revalidate}");
            if *kind == Kind::Html && url != "/" {
                let _ = writeln!(out, "{url}/\n  cache-control: {revalidate}");
            }
        }
        out
    }

    /// `add_header` lines for nginx (`always`: on 404 pages too).
    fn nginx(&self) -> String {
        let mut out = String::from(
            "# backend-guide: the headers our server sends, written by the export.\n\
             # Included by deploy/nginx-static.conf in each location that sets Cache-Control.\n",
        );
        for (name, value) in self.common() {
            let _ = writeln!(out, "add_header {name} \"{value}\" always;");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{HeaderName, HeaderValue};

    #[test]
    fn pages_are_folders_and_files_keep_their_paths() {
        let page = |url| file_for(url, Kind::Html);
        assert_eq!(page("/"), Some(PathBuf::from("index.html")));
        assert_eq!(page("/quiz"), Some(PathBuf::from("quiz/index.html")));
        assert_eq!(
            page("/guide/skills"),
            Some(PathBuf::from("guide/skills/index.html"))
        );
        assert_eq!(page(NOT_FOUND_PAGE), Some(PathBuf::from("404.html")));
        assert_eq!(
            file_for("/pkg/app.1a.wasm", Kind::File),
            Some(PathBuf::from("pkg/app.1a.wasm"))
        );
        assert_eq!(file_for("/../etc/passwd", Kind::File), None);
        assert_eq!(file_for("relative", Kind::File), None);
        assert_eq!(
            with_suffix(Path::new("pkg/a.js"), Encoding::Brotli),
            PathBuf::from("pkg/a.js.br")
        );
    }

    #[test]
    fn header_files_carry_every_security_header_and_one_cache_rule_each() {
        let headers = Headers {
            policy: content_security_policy(&["sha256-abc".into()], &["sha256-css".into()]),
            build: "b1".into(),
        };
        let netlify = headers.netlify(&[
            ("/".into(), Kind::Html),
            ("/quiz".into(), Kind::Html),
            ("/sw.js".into(), Kind::File),
        ]);
        let nginx = headers.nginx();
        for (name, value) in fixed_headers() {
            assert!(netlify.contains(&format!("  {name}: {value}\n")), "{name}");
            assert!(nginx.contains(&format!("add_header {name} \"{value}\" always;")));
        }
        assert!(netlify.contains("'sha256-abc'"));
        assert!(netlify.contains("x-build: b1"));
        assert!(netlify.contains("/pkg/*\n  cache-control: public, max-age=31536000, immutable"));
        assert!(netlify.contains("/quiz/\n  cache-control: no-cache"));
        assert!(
            !netlify.contains("/sw.js/"),
            "files get no trailing-slash rule"
        );
        // `/*` sets no Cache-Control, so no host joins two values.
        let common = netlify.split("/pkg/*").next().unwrap();
        assert!(!common.contains("cache-control"));
    }

    #[test]
    fn only_an_earlier_export_is_replaced() {
        let base = std::env::temp_dir().join(format!("bg-export-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let theirs = base.join("theirs");
        std::fs::create_dir_all(&theirs).unwrap();
        std::fs::write(theirs.join("notes.txt"), "keep me").unwrap();
        assert!(prepare(&theirs).is_err());
        assert!(theirs.join("notes.txt").exists());

        let ours = base.join("ours");
        prepare(&ours).unwrap();
        std::fs::write(ours.join("old.html"), "old").unwrap();
        prepare(&ours).unwrap();
        assert!(!ours.join("old.html").exists());
        assert!(ours.join(MARKER).exists());
        std::fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn redirects_and_headers_set_by_pages_become_the_hosts_rules() {
        let mut site = Site::default();
        site.insert_page("/plain", "<p>plain</p>".into());
        site.insert_rendered(
            "/moved",
            "<p>moved</p>".into(),
            StatusCode::PERMANENT_REDIRECT,
            vec![(header::LOCATION, HeaderValue::from_static("/plain"))],
        );
        site.insert_rendered(
            "/tagged",
            "<p>tagged</p>".into(),
            StatusCode::OK,
            vec![(
                HeaderName::from_static("x-robots-tag"),
                HeaderValue::from_static("noindex"),
            )],
        );
        let dir = std::env::temp_dir().join(format!("bg-export-own-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        write_site(&site, &dir).unwrap();
        let read = |file: &str| std::fs::read_to_string(dir.join(file)).unwrap();

        assert!(dir.join("plain/index.html").exists());
        assert!(dir.join("tagged/index.html").exists());
        assert!(
            !dir.join("moved").exists(),
            "a redirect is a rule, not a file"
        );
        assert!(read("_redirects").contains("\n/moved  /plain  308\n"));
        assert!(read("_headers").contains("/tagged\n  x-robots-tag: noindex\n"));
        assert!(read("_headers").contains("/tagged/\n  x-robots-tag: noindex\n"));
        assert!(!read("_headers").contains("/plain\n  x-robots-tag"));
        let pages = read(NGINX_PAGES);
        assert!(
            pages.contains("location = /moved { return 308 \"/plain\"; }"),
            "{pages}"
        );
        let tagged = pages.split("location = /tagged {").nth(1).expect(&pages);
        let tagged = tagged.split('}').next().unwrap();
        assert!(
            tagged.contains("add_header x-robots-tag \"noindex\" always;"),
            "{tagged}"
        );
        assert!(tagged.contains("add_header Cache-Control \"no-cache\" always;"));
        assert!(
            tagged.contains("add_header x-content-type-options"),
            "{tagged}"
        );
        assert!(tagged.contains("try_files /tagged/index.html =404;"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_dollar_sign_cannot_go_into_the_nginx_rules() {
        assert_eq!(nginx_string("a \"b\"").unwrap(), "\"a \\\"b\\\"\"");
        assert!(nginx_string("cost $5").is_err());
    }
}
