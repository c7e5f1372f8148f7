//! The whole server, driven request by request without a socket.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use axum::{
    Router,
    body::{Body, to_bytes},
    http::{Method, Request, Response, StatusCode, header},
    routing::get,
};
use leptos::config::LeptosOptions;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tower::ServiceExt;

use super::{
    Site, build_site, connections, page_urls, renderer, router, security, with_production_layers,
};

/// A site folder with stand-ins for the built CSS, JS and WASM, plus a
/// hidden file and a secret one level above, which must never be served.
fn site_folder(name: &str) -> PathBuf {
    let base = std::env::temp_dir().join(format!("backend-guide-{name}-{}", std::process::id()));
    let root = base.join("site");
    std::fs::create_dir_all(root.join("pkg")).unwrap();
    std::fs::write(base.join("secret.txt"), "TOP SECRET").unwrap();
    std::fs::write(root.join(".env"), "TOP SECRET").unwrap();
    std::fs::write(root.join("favicon.ico"), [0u8; 64]).unwrap();
    std::fs::write(
        root.join("manifest.webmanifest"),
        r#"{"name": "Backend Guide"}"#,
    )
    .unwrap();
    std::fs::write(
        root.join("pkg/backend-guide.css"),
        "body { color: black; }\n".repeat(40),
    )
    .unwrap();
    std::fs::write(
        root.join("pkg/backend-guide.js"),
        "export default 1;\n".repeat(40),
    )
    .unwrap();
    std::fs::write(root.join("pkg/backend-guide.wasm"), b"\0asm\x01\0\0\0").unwrap();
    root
}

/// The site every test shares, rendered once per test process: rendering
/// and compressing every page is what takes time (seconds with the tests'
/// unoptimised build), and no test changes the site.
static SITE: OnceLock<(Arc<Site>, LeptosOptions)> = OnceLock::new();

/// The whole app on the shared site. The site is built on a thread and
/// runtime of its own, since each test runs in a runtime that ends with it.
async fn app() -> Router {
    let (site, options) = SITE
        .get_or_init(|| {
            std::thread::spawn(|| {
                // As the server does before it builds its site: held bodies
                // then live in the file `sendfile` reads.
                super::zero_copy::start();
                let options = options();
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                let site = runtime
                    .block_on(build_site(&options, &renderer(options.clone())))
                    .expect("site builds");
                site.make_brotli(super::cores::count());
                (Arc::new(site), options)
            })
            .join()
            .expect("the site builds")
        })
        .clone();
    router(site, renderer(options))
}

/// Options naming the tests' site folder. The folder is written once per
/// process: tests that build a site read it at the same time, and writing
/// it again under one of them could hand it a half-written file.
fn options() -> LeptosOptions {
    static FOLDER: OnceLock<PathBuf> = OnceLock::new();
    let folder = FOLDER.get_or_init(|| site_folder("site"));
    LeptosOptions::builder()
        .output_name("backend-guide")
        .site_root(folder.to_string_lossy().to_string())
        .build()
}

async fn send(app: &Router, request: Request<Body>) -> (Response<Body>, String) {
    let response = app.clone().oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = to_bytes(body, usize::MAX).await.unwrap();
    (
        Response::from_parts(parts, Body::empty()),
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

async fn get_path(app: &Router, path: &str) -> (Response<Body>, String) {
    send(app, Request::get(path).body(Body::empty()).unwrap()).await
}

fn header<'a>(response: &'a Response<Body>, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .map(|v| v.to_str().unwrap())
        .unwrap_or_else(|| panic!("no {name} header"))
}

fn assert_security_headers(response: &Response<Body>) {
    assert_eq!(header(response, "x-content-type-options"), "nosniff");
    assert_eq!(
        header(response, "referrer-policy"),
        "strict-origin-when-cross-origin"
    );
    assert_eq!(
        header(response, "cross-origin-opener-policy"),
        "same-origin"
    );
    assert!(header(response, "permissions-policy").contains("camera=()"));
    let policy = header(response, "content-security-policy");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert!(policy.contains("'wasm-unsafe-eval'"), "{policy}");
    assert!(!policy.contains("unsafe-inline"), "{policy}");
}

#[tokio::test]
async fn every_page_is_served_with_a_policy_matching_its_inline_scripts() {
    let app = app().await;
    for url in page_urls().unwrap() {
        let (response, html) = get_path(&app, &url).await;
        assert_eq!(response.status(), StatusCode::OK, "{url}");
        assert_security_headers(&response);
        assert_eq!(header(&response, "cache-control"), "no-cache");
        assert!(response.headers().contains_key(header::ETAG));
        let policy = header(&response, "content-security-policy");
        let (hashes, styles) = security::inline_hashes(&html);
        assert!(!hashes.is_empty(), "{url} has Leptos's hydration script");
        // The hydration script is a file of its own, where the framework's
        // one-task walk has been replaced (framework::hydrate_in_slices).
        assert!(!html.contains(r#"<script type="module">"#), "{url}");
        let start = html
            .find(r#"<script type="module" src="/pkg/hydration."#)
            .unwrap_or_else(|| panic!("{url} does not link the hydration file"));
        let src = html[start..].split('"').nth(3).unwrap().to_string();
        let (file, script) = get_path(&app, &src).await;
        assert_eq!(file.status(), StatusCode::OK, "{src}");
        assert!(
            header(&file, "cache-control").contains("immutable"),
            "{src}"
        );
        assert!(
            !script.contains("hydrateIslands(document.body, mod);")
                && script.contains("$$on_hydrate")
                && script.contains("dataset.hydrated"),
            "{src}: islands are not hydrated in slices"
        );
        // framework::idle_start: the client starts within 3 s (written
        // `3e3` when the build minified the file, framework::minify).
        let idle_with_limit = script.split("requestIdleCallback(").skip(1).any(|call| {
            let after_callback =
                call.trim_start_matches(|c: char| c.is_alphanumeric() || c == '_' || c == '$');
            after_callback.starts_with(",{timeout:3000})")
                || after_callback.starts_with(",{timeout:3e3})")
        });
        assert!(
            idle_with_limit && script.contains("first-contentful-paint"),
            "{src}: the client may wait for an idle moment forever"
        );
        for hash in hashes {
            assert!(
                policy.contains(&hash),
                "{url}: {hash} missing from the policy"
            );
        }
        // components::site_style: the stylesheet is in the page, not a
        // request the first paint waits for, and let through by its hash.
        assert!(
            !html.contains(r#"rel="stylesheet""#),
            "{url} links a stylesheet"
        );
        assert_eq!(styles.len(), 1, "{url}: not one inline stylesheet");
        assert!(
            policy.contains(&format!("style-src 'self' '{}';", styles[0])),
            "{url}: the stylesheet's hash is not in the policy {policy}"
        );
    }
}

#[tokio::test]
async fn health_check_answers_ok() {
    let app = app().await;
    let (response, body) = get_path(&app, "/healthz").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(body, "ok");
    assert_eq!(header(&response, "cache-control"), "no-store");
    assert_security_headers(&response);
}

#[tokio::test]
async fn unknown_urls_get_the_404_page() {
    let app = app().await;
    for url in [
        "/nope",
        "/guide/nope",
        "/pkg/missing.js",
        "/.env",
        "/quiz/extra",
    ] {
        let (response, html) = get_path(&app, url).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{url}");
        assert!(html.contains("Page not found"), "{url}");
        // Rendered on request, and linked to the same hydration file.
        assert!(
            html.contains(r#"<script type="module" src="/pkg/hydration."#),
            "{url}"
        );
        assert!(!html.contains("TOP SECRET"));
        assert_security_headers(&response);
    }
}

#[tokio::test]
async fn traversal_attempts_never_leave_the_site_root() {
    let app = app().await;
    for url in [
        "/../secret.txt",
        "/pkg/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/pkg/%2E%2E%2F%2E%2E%2Fsecret.txt",
        "/%252e%252e/secret.txt",
        "/pkg/..%5c..%5csecret.txt",
        "/favicon.ico%00.html",
        "/.env",
    ] {
        let (response, body) = get_path(&app, url).await;
        let status = response.status();
        assert!(
            status == StatusCode::BAD_REQUEST || status == StatusCode::NOT_FOUND,
            "{url} gave {status}"
        );
        assert!(!body.contains("TOP SECRET"), "{url} leaked a file");
    }
}

#[tokio::test]
async fn static_files_head_requests_and_compression() {
    let app = app().await;
    let (response, body) = get_path(&app, "/pkg/backend-guide.css").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(header(&response, "content-type").starts_with("text/css"));
    assert!(body.starts_with("body {"));

    let request = Request::get("/pkg/backend-guide.js")
        .header(header::ACCEPT_ENCODING, "gzip, br")
        .body(Body::empty())
        .unwrap();
    let (response, _) = send(&app, request).await;
    assert_eq!(header(&response, "content-encoding"), "br");
    assert_eq!(header(&response, "vary"), "accept-encoding");

    let (response, _) = get_path(&app, "/pkg/backend-guide.wasm").await;
    assert_eq!(header(&response, "content-type"), "application/wasm");

    let head = Request::head("/").body(Body::empty()).unwrap();
    let (response, body) = send(&app, head).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(body.is_empty());
    assert!(
        header(&response, "content-length")
            .parse::<usize>()
            .unwrap()
            > 1000
    );

    // Rendered per request (a query string), compressed on the way out.
    let request = Request::get("/nope?x=1")
        .header(header::ACCEPT_ENCODING, "br")
        .body(Body::empty())
        .unwrap();
    let (response, _) = send(&app, request).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(header(&response, "content-encoding"), "br");
    assert!(header(&response, "content-security-policy").contains("'sha256-"));
}

#[tokio::test]
async fn other_methods_oversized_urls_and_headers_get_4xx() {
    let app = app().await;
    let post = Request::builder()
        .method(Method::POST)
        .uri("/")
        .body(Body::empty())
        .unwrap();
    let (response, _) = send(&app, post).await;
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);

    let (response, _) = get_path(&app, &format!("/{}", "x".repeat(5000))).await;
    assert_eq!(response.status(), StatusCode::URI_TOO_LONG);
    assert_security_headers(&response);

    let heavy = Request::get("/")
        .header("cookie", "c".repeat(20_000))
        .body(Body::empty())
        .unwrap();
    let (response, _) = send(&app, heavy).await;
    assert_eq!(
        response.status(),
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE
    );
}

#[tokio::test]
async fn a_panicking_handler_costs_one_request_not_the_server() {
    let app = with_production_layers(
        Router::new()
            .route("/boom", get(boom))
            .route("/fine", get(|| async { "fine" })),
    );
    let (response, _) = get_path(&app, "/boom").await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_security_headers(&response);
    let (response, body) = get_path(&app, "/fine").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(body, "fine");
}

async fn boom() -> &'static str {
    panic!("boom")
}

#[tokio::test]
async fn the_worker_and_manifest_have_their_types_and_the_worker_is_never_cached() {
    let app = app().await;
    let (response, script) = get_path(&app, "/sw.js").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(header(&response, "content-type").starts_with("text/javascript"));
    assert_eq!(header(&response, "cache-control"), "no-cache");
    for url in page_urls().unwrap() {
        assert!(
            script.contains(&format!("\"{url}\"")),
            "{url} is not precached"
        );
    }
    assert!(script.contains("\"/pkg/backend-guide.wasm\""));
    assert!(script.contains("\"/manifest.webmanifest\""));

    // Every held response names the build the worker belongs to.
    let build = script
        .split("const BUILD = \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap();
    let (page, _) = get_path(&app, "/guide/skills").await;
    assert_eq!(header(&page, "x-build"), build);

    let (response, _) = get_path(&app, "/manifest.webmanifest").await;
    assert_eq!(
        header(&response, "content-type"),
        "application/manifest+json"
    );
}

/// Collects what the log subscriber writes, for one test.
#[derive(Clone, Default)]
struct CapturedLogs(Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for CapturedLogs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn every_request_is_logged_with_method_path_status_and_latency() {
    // The global subscriber: tracing caches per call site whether anyone
    // listens, so a subscriber set for this thread only can miss events
    // whose call site another test's thread reached first. Other tests'
    // requests are logged here too; the paths below are used only here.
    let logs = CapturedLogs::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .with_ansi(false)
        .with_writer({
            let logs = logs.clone();
            move || logs.clone()
        })
        .finish();
    tracing::subscriber::set_global_default(subscriber).expect("no other test sets one");

    let app = app().await;
    send(
        &app,
        Request::head("/guide/teamwork")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    get_path(&app, "/logged/unknown?x=1").await;
    send(
        &app,
        Request::put("/favicon.ico").body(Body::empty()).unwrap(),
    )
    .await;

    let text = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    for expected in [
        " request: HEAD /guide/teamwork 200 ",
        " request: GET /logged/unknown 404 ",
        " request: PUT /favicon.ico 405 ",
    ] {
        let lines: Vec<&str> = text.lines().filter(|l| l.contains(expected)).collect();
        assert_eq!(lines.len(), 1, "one line with {expected:?} in:\n{text}");
        assert!(
            lines[0].trim_end().ends_with("µs"),
            "{:?} has no latency",
            lines[0]
        );
    }
}

/// A real listener on a free port serving `app` with a short header
/// deadline, and the sender that stops it.
async fn listening(
    app: Router,
) -> (
    std::net::SocketAddr,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<()>,
) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(connections::serve(
        listener,
        app,
        Duration::from_millis(300),
        async {
            let _ = stopped.await;
        },
    ));
    (addr, stop, server)
}

fn slow_app() -> Router {
    with_production_layers(Router::new().route(
        "/slow",
        get(|| async {
            tokio::time::sleep(Duration::from_millis(400)).await;
            "done"
        }),
    ))
}

#[tokio::test]
async fn unfinished_request_headers_lose_their_connection() {
    let (addr, stop, server) = listening(slow_app()).await;
    let mut slow = TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"GET /slow HTTP/1.1\r\nhost: x\r\n")
        .await
        .unwrap();
    let started = Instant::now();
    let mut rest = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(5), slow.read_to_end(&mut rest)).await;
    assert!(closed.is_ok(), "the connection is still open after 5 s");
    assert!(started.elapsed() >= Duration::from_millis(250));
    let answer = String::from_utf8_lossy(&rest);
    assert!(
        rest.is_empty() || answer.starts_with("HTTP/1.1 408"),
        "unexpected answer {answer:?}"
    );
    stop.send(()).unwrap();
    server.await.unwrap();
}

/// Held bodies leave through hyper with `sendfile` (zero_copy.rs): hyper
/// hands the connection the held bytes themselves, not a copy. Were a hyper
/// release to copy them, pages would still arrive whole (by ordinary
/// writes), and this test would say that the fast path is gone.
#[tokio::test]
async fn held_bodies_leave_through_hyper_with_sendfile() {
    let app = app().await;
    assert!(super::zero_copy::start(), "Linux has O_TMPFILE or memfd");
    let (addr, stop, server) = listening(app).await;
    let before = super::zero_copy::bytes_sent_from_file();
    let mut client = TcpStream::connect(addr).await.unwrap();
    client
        .write_all(
            b"GET /guide/tools HTTP/1.1\r\nhost: x\r\naccept-encoding: br\r\nconnection: close\r\n\r\n",
        )
        .await
        .unwrap();
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), client.read_to_end(&mut answer))
        .await
        .expect("the page arrives")
        .unwrap();
    let sent = super::zero_copy::bytes_sent_from_file() - before;
    let head_end = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete head")
        + 4;
    let head = String::from_utf8_lossy(&answer[..head_end]).to_lowercase();
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert!(head.contains("content-encoding: br"), "{head}");
    let body = answer.len() - head_end;
    assert!(body > 1000, "a guide page, compressed: {body} bytes");
    // Other tests may send held bodies at the same time: at least ours.
    assert!(
        sent >= body as u64,
        "{sent} of the body's {body} bytes left with sendfile"
    );
    stop.send(()).unwrap();
    server.await.unwrap();
}

#[tokio::test]
async fn stopping_finishes_the_requests_in_flight_then_returns() {
    let (addr, stop, server) = listening(slow_app()).await;
    let mut client = TcpStream::connect(addr).await.unwrap();
    client
        .write_all(b"GET /slow HTTP/1.1\r\nhost: x\r\n\r\n")
        .await
        .unwrap();
    // The handler is now sleeping: stop the server under it.
    tokio::time::sleep(Duration::from_millis(100)).await;
    stop.send(()).unwrap();
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), client.read_to_end(&mut answer))
        .await
        .expect("the answer arrives and the connection closes")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.ends_with("done"), "{answer}");
    tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .expect("the server returns once the request is done")
        .unwrap();
    assert!(
        TcpStream::connect(addr).await.is_err(),
        "a stopped server accepts no more connections"
    );
}

#[tokio::test]
async fn a_query_string_is_answered_from_memory() {
    let app = app().await;
    let (plain, body) = get_path(&app, "/quiz").await;
    let (tracked, tracked_body) = get_path(&app, "/quiz?utm_source=mail&seed=3").await;
    assert_eq!(tracked.status(), StatusCode::OK);
    // The held page itself: only held responses name their build (a page
    // rendered for one request goes out without `x-build`).
    assert_eq!(header(&plain, "x-build"), header(&tracked, "x-build"));
    assert_eq!(header(&plain, "etag"), header(&tracked, "etag"));
    assert_eq!(body, tracked_body);
    assert_eq!(header(&tracked, "cache-control"), "no-cache");
}

/// HSTS goes only to visitors who came over TLS, as the proxy in front
/// says (RFC 6797 forbids it on plain HTTP).
#[tokio::test]
async fn hsts_only_over_tls() {
    let app = app().await;
    for path in ["/", "/guide/what-is-back-end", "/quiz"] {
        let (plain, _) = get_path(&app, path).await;
        assert_eq!(plain.status(), StatusCode::OK, "{path}");
        assert_security_headers(&plain);
        assert!(
            plain.headers().get("strict-transport-security").is_none(),
            "{path}: HSTS on plain HTTP"
        );
        let proxied = Request::get(path)
            .header("x-forwarded-proto", "https")
            .body(Body::empty())
            .unwrap();
        let (secure, _) = send(&app, proxied).await;
        assert_eq!(
            header(&secure, "strict-transport-security"),
            "max-age=63072000",
            "{path}"
        );
    }
}

/// What the app sets on a page (a header, as Leptos's `ResponseOptions`
/// adds it to the response; a redirect) survives the start-up rendering:
/// the held page answers with it. A page that answers anything else stops
/// the start with an error naming it.
#[tokio::test]
async fn held_pages_keep_the_status_and_headers_the_app_gave_them() {
    use axum::response::{Html, Redirect};
    let options = options();
    let tagged = || async { ([("x-robots-tag", "noindex")], Html("<p>tagged</p>")) };
    let private = || async {
        (
            [("cache-control", "private, max-age=60")],
            Html("<p>mine</p>"),
        )
    };
    let app_routes = renderer(options.clone())
        .route("/tagged", get(tagged))
        .route("/private", get(private))
        .route("/not-held", get(tagged))
        .route("/moved", get(|| async { Redirect::permanent("/tagged") }));
    let urls = ["/", "/tagged", "/private", "/moved"]
        .map(String::from)
        .to_vec();
    let mut site = Site::default();
    super::hold_pages(&mut site, &options, &app_routes, urls)
        .await
        .expect("200s and redirects are held");
    let app = with_production_layers(router(Arc::new(site), app_routes.clone()));

    for method in [Method::GET, Method::HEAD] {
        let request = Request::builder().method(method.clone()).uri("/tagged");
        let (response, _) = send(&app, request.body(Body::empty()).unwrap()).await;
        assert_eq!(response.status(), StatusCode::OK, "{method}");
        assert_eq!(header(&response, "x-robots-tag"), "noindex", "{method}");
        assert_security_headers(&response);
        assert!(response.headers().contains_key(header::ETAG));
    }
    // A header the page sets that we set too: the page's, once.
    let (private, _) = get_path(&app, "/private").await;
    let values: Vec<_> = private
        .headers()
        .get_all(header::CACHE_CONTROL)
        .iter()
        .collect();
    assert_eq!(values, ["private, max-age=60"]);
    let (moved, _) = get_path(&app, "/moved").await;
    assert_eq!(moved.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(header(&moved, "location"), "/tagged");
    // A page rendered for the request, not held, keeps them too.
    let (fresh, _) = get_path(&app, "/not-held").await;
    assert_eq!(fresh.status(), StatusCode::OK);
    assert_eq!(header(&fresh, "x-robots-tag"), "noindex");

    let urls = ["/", "/no-such-page"].map(String::from).to_vec();
    let error = super::hold_pages(&mut Site::default(), &options, &app_routes, urls)
        .await
        .err()
        .expect("a 404 cannot be held");
    assert!(
        error.starts_with("/no-such-page answered 404 Not Found when it was rendered at start-up"),
        "{error}"
    );
}

/// Nothing random reaches a page: two start-ups on the same site folder
/// agree on every ETag and on the build id. Leptos puts a new nonce in
/// every render; `framework::tidy` drops it (W3 in
/// docs/framework-workarounds.md), and this fails if it stops doing so.
#[tokio::test]
async fn two_start_ups_agree_on_every_etag_and_the_build_id() {
    let options = options();
    let first = build_site(&options, &renderer(options.clone()))
        .await
        .expect("site builds");
    let second = build_site(&options, &renderer(options.clone()))
        .await
        .expect("site builds");
    assert!(first.build().is_some());
    assert_eq!(first.build(), second.build());
    assert_eq!(first.urls().count(), second.urls().count());
    for url in first.urls() {
        assert_eq!(first.etag(url), second.etag(url), "{url}");
    }
}

#[test]
fn the_command_line_serves_exports_or_writes_scripts() {
    use super::{Command, parse_command};
    let parse = |args: &[&str], env: Option<&str>| {
        parse_command(args.iter().map(|a| a.to_string()), env.map(String::from))
    };
    assert_eq!(parse(&[], None), Ok(Command::Serve));
    let export = |dir: &str, brotli| {
        Ok(Command::Export {
            dir: dir.into(),
            brotli,
        })
    };
    assert_eq!(
        parse(&["export"], None),
        export(super::export::DEFAULT_DIR, true)
    );
    assert_eq!(parse(&["export"], Some("out")), export("out", true));
    assert_eq!(
        parse(&["export", "site"], Some("out")),
        export("site", true)
    );
    assert_eq!(
        parse(&["export", "--no-brotli", "site"], None),
        export("site", false)
    );
    assert_eq!(
        parse(&["export", "site", "--no-brotli"], None),
        export("site", false)
    );
    assert_eq!(
        parse(&["scripts", "dir"], Some("out")),
        Ok(Command::Scripts { dir: "dir".into() })
    );
    for wrong in [
        &["serve"][..],
        &["export", "--fast"],
        &["export", "a", "b"],
        &["scripts"],
        &["scripts", "a", "b"],
        &["scripts", "--all"],
    ] {
        let error = parse(wrong, None).unwrap_err();
        assert!(error.contains("export [DIR] [--no-brotli]"), "{error}");
    }
}

/// W12 in docs/framework-workarounds.md: the islands router fetches pages
/// with `Islands-Router: true`, which makes leptos_axum render in order,
/// and the server, the service worker and the export answer it with the
/// page held at start (rendered without the header). That is right only
/// while both renderings give the same page; this fails the day a page
/// gains a `Suspense` that renders differently, or the header starts to
/// change what upstream writes.
#[tokio::test]
async fn router_fetches_get_the_same_page() {
    let app = app().await;
    let (site, options) = SITE.get().expect("app() built the site").clone();
    let renderer = renderer(options);
    for url in page_urls().unwrap() {
        let (_, held) = get_path(&app, &url).await;
        let request = Request::get(&url)
            .header("islands-router", "true")
            .body(Body::empty())
            .unwrap();
        let page = super::render(&renderer, request).await.unwrap();
        let fetched = site
            .link_hydration(&String::from_utf8_lossy(&page.html))
            .unwrap();
        assert_eq!(
            fetched, held,
            "{url}: a router fetch would get another page"
        );
    }
}
