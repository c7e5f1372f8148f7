//! The site held in memory: every static file under the site root and every
//! page of the guide, rendered once at start-up.
//!
//! Requests are answered by exact lookup of the path, so no request ever
//! touches the file system: there is no path to traverse out of. Anything
//! not found here (unknown URLs) goes on to the Leptos renderer.

use std::collections::HashMap;
use std::path::Path;

use axum::{
    body::{Body, Bytes},
    extract::Request,
    http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header},
    response::{IntoResponse, Response},
};
use sha2::{Digest, Sha256};

use super::encoding::{Bodies, Encoding};
use super::security::policy_for_html;
use crate::framework::{hydration_file::HydrationFile, split_loader};

const HTML: &str = "text/html; charset=utf-8";

/// How long browsers and caches may keep a response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Caching {
    /// File names carry a hash of their content: keep them for a year.
    Immutable,
    /// Ask the server every time; the ETag makes that a cheap 304.
    Revalidate,
}

impl Caching {
    pub fn header(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            Caching::Immutable => "public, max-age=31536000, immutable",
            Caching::Revalidate => "no-cache",
        })
    }
}

/// One response, ready to send.
pub struct Entry {
    /// Kept for the export, which writes pages and files differently.
    kind: Kind,
    content_type: HeaderValue,
    caching: Caching,
    policy: Option<HeaderValue>,
    etag: String,
    /// `"<etag><coding suffix>"` for identity, gzip and brotli, ready to send.
    etag_headers: [HeaderValue; 3],
    bodies: Bodies,
    /// 200, or a redirect's status for a page that redirects.
    status: StatusCode,
    /// What the page itself set (Leptos's `ResponseOptions`), sent as it is.
    page_headers: Vec<(HeaderName, HeaderValue)>,
}

impl Entry {
    /// A page rendered for one request, compressed only in the coding of
    /// the client's `Accept-Encoding` (the best brotli quality, and every
    /// coding, are for what is held and sent many times).
    pub fn rendered(
        html: Bytes,
        accept: Option<&str>,
        status: StatusCode,
        page_headers: Vec<(HeaderName, HeaderValue)>,
    ) -> Self {
        Entry {
            status,
            page_headers,
            ..Entry::with_bodies(
                Bodies::for_one(html, HTML, accept),
                HTML,
                Caching::Revalidate,
            )
        }
    }

    fn new(body: Bytes, content_type: &str, caching: Caching) -> Self {
        Entry::with_bodies(Bodies::new(body, content_type), content_type, caching)
    }

    fn with_copies(body: Bytes, content_type: &str, caching: Caching, copies: Copies) -> Self {
        let bodies = Bodies::precompressed(body, content_type, copies.gzip, copies.brotli);
        Entry::with_bodies(bodies, content_type, caching)
    }

    fn with_bodies(bodies: Bodies, content_type: &str, caching: Caching) -> Self {
        let body = &bodies.identity;
        let digest = Sha256::digest(body);
        let etag = crate::format::hex(&digest[..12]);
        let etag_headers = [Encoding::Identity, Encoding::Gzip, Encoding::Brotli].map(|coding| {
            HeaderValue::from_str(&format!("\"{etag}{}\"", coding.etag_suffix()))
                .expect("hex digits and quotes")
        });
        let kind = if content_type.starts_with("text/html") {
            Kind::Html
        } else {
            Kind::File
        };
        let policy = (kind == Kind::Html).then(|| policy_for_html(&String::from_utf8_lossy(body)));
        Entry {
            kind,
            content_type: HeaderValue::from_str(content_type)
                .unwrap_or(HeaderValue::from_static("application/octet-stream")),
            caching,
            policy,
            etag,
            etag_headers,
            bodies,
            status: StatusCode::OK,
            page_headers: Vec::new(),
        }
    }
}

/// What an entry holds: an HTML document, or any other file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Html,
    File,
}

impl Entry {
    pub fn kind(&self) -> Kind {
        self.kind
    }

    pub fn caching(&self) -> Caching {
        self.caching
    }

    pub fn bodies(&self) -> &Bodies {
        &self.bodies
    }

    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The headers the page set itself (none for files).
    pub fn page_headers(&self) -> &[(HeaderName, HeaderValue)] {
        &self.page_headers
    }
}

/// Every file and page, by URL path.
#[derive(Default)]
pub struct Site {
    entries: HashMap<String, Entry>,
    /// Sent as `x-build` so the service worker can tell builds apart.
    build: Option<HeaderValue>,
    /// The hydration script the pages link to (see `framework::hydration_file`).
    hydration: Option<HydrationFile>,
}

impl Site {
    /// Reads every file under `root`. Files under `/pkg/` are immutable when
    /// cargo-leptos put a hash in their names (`hashed`).
    pub fn load(root: &Path, pkg_dir: &str, hashed: bool) -> std::io::Result<Self> {
        let mut site = Site::default();
        let pkg = format!("/{pkg_dir}/");
        let mut pending = vec![root.to_path_buf()];
        while let Some(dir) = pending.pop() {
            for item in std::fs::read_dir(&dir)? {
                let path = item?.path();
                if path.is_dir() {
                    // The build's minified scripts: read by `minify`, not served.
                    if path != root.join(crate::framework::minify::TWINS_DIR) {
                        pending.push(path);
                    }
                    continue;
                }
                let Some(url) = url_path(root, &path) else {
                    continue;
                };
                if is_copy(&path) {
                    continue;
                }
                let in_pkg = url.starts_with(&pkg);
                let caching = if hashed && in_pkg {
                    Caching::Immutable
                } else {
                    Caching::Revalidate
                };
                let mut body = std::fs::read(&path)?;
                let copies = Copies::beside(&path)?;
                if copies.is_some() {
                    // Built, minified and compressed by its own build (the SQL lab's).
                    let entry =
                        Entry::with_copies(body.into(), content_type(&path), caching, copies);
                    site.entries.insert(url, entry);
                    continue;
                }
                if in_pkg && url.ends_with(".js") {
                    let mut source = String::from_utf8_lossy(&body).into_owned();
                    if url.rsplit('/').next().is_some_and(split_loader::is_loader) {
                        match split_loader::start_in_slices(&source) {
                            Some(sliced) => source = sliced,
                            None => tracing::warn!(
                                "{url}: not the split loader W16 knows; it starts its downloads in one task"
                            ),
                        }
                    }
                    body = crate::framework::minify::js(&source).into_bytes();
                }
                site.insert(url, Bytes::from(body), content_type(&path), caching);
            }
        }
        Ok(site)
    }

    /// Adds one response under `url`.
    pub fn insert(&mut self, url: String, body: Bytes, content_type: &str, caching: Caching) {
        self.entries
            .insert(url, Entry::new(body, content_type, caching));
    }

    /// Adds a rendered page that answers 200 and set no headers.
    pub fn insert_page(&mut self, url: &str, html: Bytes) {
        self.insert_rendered(url, html, StatusCode::OK, Vec::new());
    }

    /// Adds a rendered page with the status and headers it was rendered
    /// with (a redirect, or a header set through `ResponseOptions`).
    pub fn insert_rendered(
        &mut self,
        url: &str,
        html: Bytes,
        status: StatusCode,
        page_headers: Vec<(HeaderName, HeaderValue)>,
    ) {
        let entry = Entry {
            status,
            page_headers,
            ..Entry::new(html, HTML, Caching::Revalidate)
        };
        self.entries.insert(url.to_string(), entry);
    }

    /// Serves the hydration script as an immutable file; pages rendered
    /// later link to it with [`Site::link_hydration`].
    pub fn insert_hydration_file(&mut self, file: HydrationFile) {
        self.insert(
            file.url.clone(),
            Bytes::from(crate::framework::minify::js(&file.script)),
            "text/javascript; charset=utf-8",
            Caching::Immutable,
        );
        self.hydration = Some(file);
    }

    /// `html` linking to the held hydration script instead of carrying it.
    pub fn link_hydration(&self, html: &str) -> Result<String, String> {
        match &self.hydration {
            Some(file) => file.link_from(html),
            None => Ok(html.to_string()),
        }
    }

    pub fn contains(&self, url: &str) -> bool {
        self.entries.contains_key(url)
    }

    pub fn urls(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    /// Every URL and what it answers, in no particular order.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &Entry)> {
        self.entries
            .iter()
            .map(|(url, entry)| (url.as_str(), entry))
    }

    /// The build id every held response carries (see `offline`).
    pub fn build(&self) -> Option<&str> {
        self.build.as_ref().and_then(|b| b.to_str().ok())
    }

    /// The content digest behind a URL's ETag.
    pub fn etag(&self, url: &str) -> Option<&str> {
        self.entries.get(url).map(|e| e.etag.as_str())
    }

    pub fn set_build(&mut self, build: &str) {
        self.build = HeaderValue::from_str(build).ok();
    }

    /// Makes the brotli bodies (seconds of CPU: call from a blocking task)
    /// on `threads` threads, the largest body first, each taken by the next
    /// free thread. The server's start-up pass uses one, beside the
    /// requests it serves meanwhile; the export and the tests' site, which
    /// wait for them, use every core.
    pub fn make_brotli(&self, threads: usize) {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let mut bodies: Vec<_> = self.entries.values().map(|e| &e.bodies).collect();
        bodies.sort_by_key(|b| std::cmp::Reverse(b.identity.len()));
        let next = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..threads.max(1) {
                scope.spawn(|| {
                    while let Some(body) = bodies.get(next.fetch_add(1, Ordering::Relaxed)) {
                        body.make_brotli();
                    }
                });
            }
        });
    }

    /// The response to `request` when the site holds what it asks for:
    /// GET and HEAD are answered, other methods get 405. `None` for
    /// unknown paths. The query string is ignored: no page's HTML depends
    /// on it (pages that read it do so in the browser, as they must when a
    /// static host serves the exported site), so `?utm_source=...` costs
    /// no rendering.
    pub fn answer(&self, request: &Request) -> Option<Response> {
        let uri = request.uri();
        let method = request.method();
        if method != Method::GET && method != Method::HEAD {
            let mut response = self
                .contains(uri.path())
                .then(|| StatusCode::METHOD_NOT_ALLOWED.into_response())?;
            response
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
            return Some(response);
        }
        self.respond(uri.path(), method, request.headers())
    }

    fn respond(&self, url: &str, method: &Method, headers: &HeaderMap) -> Option<Response> {
        let entry = self.entries.get(url)?;
        Some(entry.respond(method, headers, self.build.as_ref()))
    }
}

/// Names the build a page belongs to, for the service worker.
const X_BUILD: HeaderName = HeaderName::from_static("x-build");
/// About how many headers a held response ends up with.
const RESPONSE_HEADERS: usize = 20;

impl Entry {
    /// The response to a GET or HEAD with these request headers. Only a
    /// 200 answers `If-None-Match` with 304.
    pub fn respond(
        &self,
        method: &Method,
        headers: &HeaderMap,
        build: Option<&HeaderValue>,
    ) -> Response {
        let entry = self;
        let status = entry.status;
        let accept = headers
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok());
        let (encoding, body) = entry.bodies.pick(accept);
        let etag = &entry.etag_headers[encoding as usize];

        let mut response = if status == StatusCode::OK
            && matches_etag(headers, etag.to_str().unwrap_or_default())
        {
            StatusCode::NOT_MODIFIED.into_response()
        } else if method == Method::HEAD {
            let mut response = Response::new(Body::empty());
            response
                .headers_mut()
                .insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
            response
        } else {
            Response::new(Body::from(body.clone()))
        };
        // Room for ours, the security headers and Content-Length at once:
        // growing the map header by header cost three reallocations.
        let headers = response.headers_mut();
        headers.reserve(RESPONSE_HEADERS.saturating_sub(headers.len()));
        if status != StatusCode::OK {
            *response.status_mut() = status;
        }
        let out = response.headers_mut();
        out.insert(header::ETAG, etag.clone());
        out.insert(header::CACHE_CONTROL, entry.caching.header());
        if entry.bodies.varies() {
            out.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
        if let Some(build) = build {
            out.insert(X_BUILD, build.clone());
        }
        if let Some(policy) = &entry.policy {
            out.insert(header::CONTENT_SECURITY_POLICY, policy.clone());
        }
        // What the page set wins over ours (one `Cache-Control`, not two),
        // and keeps every value it gave (several `Link` headers, say).
        for (name, _) in &entry.page_headers {
            out.remove(name);
        }
        for (name, value) in &entry.page_headers {
            out.append(name.clone(), value.clone());
        }
        if response.status() != StatusCode::NOT_MODIFIED {
            let out = response.headers_mut();
            out.insert(header::CONTENT_TYPE, entry.content_type.clone());
            if let Some(coding) = encoding.header_value() {
                out.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
            }
        }
        response
    }
}

/// Whether `If-None-Match` names this representation (weak comparison).
fn matches_etag(headers: &HeaderMap, etag: &str) -> bool {
    let Some(value) = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    value
        .split(',')
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == "*" || tag == etag)
}

/// The compressed copies a build wrote beside a file.
#[derive(Default)]
struct Copies {
    gzip: Option<Bytes>,
    brotli: Option<Bytes>,
}

impl Copies {
    fn beside(file: &Path) -> std::io::Result<Copies> {
        let read = |suffix: &str| -> std::io::Result<Option<Bytes>> {
            let mut name = file.as_os_str().to_owned();
            name.push(suffix);
            match std::fs::read(&name) {
                Ok(bytes) => Ok(Some(bytes.into())),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(e),
            }
        };
        Ok(Copies {
            gzip: read(".gz")?,
            brotli: read(".br")?,
        })
    }

    fn is_some(&self) -> bool {
        self.gzip.is_some() || self.brotli.is_some()
    }
}

/// A compressed copy of a file beside it (`a.wasm.br` next to `a.wasm`):
/// served as that file's coding, never under its own name.
fn is_copy(file: &Path) -> bool {
    file.extension().is_some_and(|e| e == "br" || e == "gz") && file.with_extension("").is_file()
}

/// The URL path of a file under `root`, or `None` for hidden files and
/// names that are not plain UTF-8.
fn url_path(root: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(root).ok()?;
    let mut url = String::new();
    for part in relative.components() {
        let part = part.as_os_str().to_str()?;
        if part.starts_with('.') {
            return None;
        }
        url.push('/');
        url.push_str(part);
    }
    Some(url)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("webmanifest") => "application/manifest+json",
        Some("json") => "application/json",
        Some("txt") | Some("sql") => "text/plain; charset=utf-8",
        _ => mime_guess::from_path(path)
            .first_raw()
            .unwrap_or("application/octet-stream"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        let mut site = Site::default();
        site.insert_page(
            "/page",
            Bytes::from(format!("<script>go()</script>{}", "text ".repeat(100))),
        );
        site.insert(
            "/pkg/app.1a2b.js".into(),
            Bytes::from("let x = 1;\n".repeat(50)),
            "text/javascript",
            Caching::Immutable,
        );
        site
    }

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(name.clone(), HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn pages_revalidate_and_carry_their_script_hashes() {
        let response = site()
            .respond("/page", &Method::GET, &HeaderMap::new())
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let h = response.headers();
        assert_eq!(h[header::CACHE_CONTROL], "no-cache");
        assert!(
            h[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        assert!(
            h[header::CONTENT_SECURITY_POLICY]
                .to_str()
                .unwrap()
                .contains("'sha256-")
        );
        assert!(h.get(header::CONTENT_ENCODING).is_none());
    }

    #[test]
    fn hashed_assets_are_immutable_and_compressed_on_request() {
        let response = site()
            .respond(
                "/pkg/app.1a2b.js",
                &Method::GET,
                &headers(&[(header::ACCEPT_ENCODING, "gzip")]),
            )
            .unwrap();
        let h = response.headers();
        assert!(
            h[header::CACHE_CONTROL]
                .to_str()
                .unwrap()
                .contains("immutable")
        );
        assert_eq!(h[header::CONTENT_ENCODING], "gzip");
        assert_eq!(h[header::VARY], "accept-encoding");
    }

    #[test]
    fn a_matching_etag_gets_304_and_head_gets_no_body() {
        let site = site();
        let first = site
            .respond("/page", &Method::GET, &HeaderMap::new())
            .unwrap();
        let etag = first.headers()[header::ETAG].to_str().unwrap().to_string();
        let again = site
            .respond(
                "/page",
                &Method::GET,
                &headers(&[(header::IF_NONE_MATCH, &etag)]),
            )
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        let gzip_tag = site
            .respond(
                "/page",
                &Method::GET,
                &headers(&[
                    (header::ACCEPT_ENCODING, "gzip"),
                    (header::IF_NONE_MATCH, &etag),
                ]),
            )
            .unwrap();
        assert_eq!(
            gzip_tag.status(),
            StatusCode::OK,
            "another coding, another tag"
        );

        let head = site
            .respond("/page", &Method::HEAD, &HeaderMap::new())
            .unwrap();
        assert_eq!(head.status(), StatusCode::OK);
        assert!(head.headers()[header::CONTENT_LENGTH] != "0");
    }

    #[test]
    fn compressed_copies_beside_a_file_are_its_codings() {
        let root = std::env::temp_dir().join(format!("site-copies-{}", std::process::id()));
        let lab = root.join("pkg/lab");
        std::fs::create_dir_all(&lab).unwrap();
        let body = "x".repeat(4096);
        std::fs::write(lab.join("engine.1.data"), &body).unwrap();
        std::fs::write(lab.join("engine.1.data.br"), b"brotli copy").unwrap();
        std::fs::write(lab.join("engine.1.data.gz"), b"gzip copy").unwrap();
        std::fs::write(lab.join("alone.gz"), b"a file of its own").unwrap();
        let site = Site::load(&root, "pkg", true).unwrap();
        std::fs::remove_dir_all(&root).unwrap();

        assert!(!site.contains("/pkg/lab/engine.1.data.br"));
        assert!(!site.contains("/pkg/lab/engine.1.data.gz"));
        assert!(
            site.contains("/pkg/lab/alone.gz"),
            "no file beside it: served as itself"
        );
        let get = |accept: &str| {
            site.respond(
                "/pkg/lab/engine.1.data",
                &Method::GET,
                &headers(&[(header::ACCEPT_ENCODING, accept)]),
            )
            .unwrap()
        };
        let brotli = get("gzip, br");
        assert_eq!(brotli.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(brotli.headers()[header::VARY], "accept-encoding");
        assert_eq!(get("gzip").headers()[header::CONTENT_ENCODING], "gzip");
        let bodies = site.entries["/pkg/lab/engine.1.data"].bodies();
        assert_eq!(&bodies.pick(Some("br")).1[..], b"brotli copy");
        assert_eq!(&bodies.pick(Some("gzip")).1[..], b"gzip copy");
        assert_eq!(bodies.pick(None).1.len(), 4096);
        let plain = get("identity");
        assert!(
            plain.headers()[header::CACHE_CONTROL]
                .to_str()
                .unwrap()
                .contains("immutable")
        );
    }

    #[test]
    fn hidden_files_are_not_served_and_types_are_right() {
        let root = Path::new("/site");
        assert_eq!(
            url_path(root, Path::new("/site/pkg/a.wasm")).as_deref(),
            Some("/pkg/a.wasm")
        );
        assert_eq!(url_path(root, Path::new("/site/.git/config")), None);
        assert_eq!(content_type(Path::new("a.wasm")), "application/wasm");
        assert_eq!(
            content_type(Path::new("sw.js")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("m.webmanifest")),
            "application/manifest+json"
        );
    }
}
