//! The axum server (feature `ssr`): configuration, the in-memory site,
//! hardening layers and shutdown.

mod config;
mod connections;
mod cores;
mod encoding;
mod export;
mod limits;
mod offline;
mod request_log;
mod security;
mod site;
mod system;
#[cfg(test)]
mod tests;
mod zero_copy;

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use axum::{
    Router,
    body::{Body, Bytes, to_bytes},
    extract::{Request, State},
    http::{HeaderName, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower::{ServiceBuilder, ServiceExt};
use tower_http::{catch_panic::CatchPanicLayer, timeout::TimeoutLayer};

use crate::app::{App, shell};
use crate::framework::{self, hydration_file::HydrationFile};
use site::Site;

/// A request still unanswered after this gets 408.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);
/// The log writer's buffer: a system call carries up to this much.
const LOG_BUFFER: usize = 64 * 1024;

/// What the binary was asked to do.
#[derive(Debug, PartialEq)]
enum Command {
    /// Serve the site (no arguments).
    Serve,
    /// `export [DIR] [--no-brotli]`: write the site as static files (see
    /// `export`); `brotli` false skips the `.br` copies.
    Export {
        dir: std::path::PathBuf,
        brotli: bool,
    },
    /// `scripts DIR`: write the scripts the server minifies into DIR, for
    /// the build to minify (`framework::minify`, W6).
    Scripts { dir: std::path::PathBuf },
}

const USAGE: &str =
    "run with no arguments to serve, or `export [DIR] [--no-brotli]`, or `scripts DIR`";

fn command() -> Result<Command, String> {
    parse_command(std::env::args().skip(1), std::env::var("EXPORT_DIR").ok())
}

fn parse_command(
    mut args: impl Iterator<Item = String>,
    export_dir: Option<String>,
) -> Result<Command, String> {
    match args.next().as_deref() {
        None => Ok(Command::Serve),
        Some("export") => {
            let (mut dir, mut brotli) = (None, true);
            for arg in args {
                match arg.as_str() {
                    "--no-brotli" => brotli = false,
                    flag if flag.starts_with('-') => {
                        return Err(format!("unknown option `{flag}`: {USAGE}"));
                    }
                    _ if dir.is_some() => return Err(format!("one folder only: {USAGE}")),
                    _ => dir = Some(arg),
                }
            }
            let dir = dir
                .or_else(|| export_dir.filter(|d| !d.is_empty()))
                .unwrap_or_else(|| export::DEFAULT_DIR.into());
            Ok(Command::Export {
                dir: dir.into(),
                brotli,
            })
        }
        Some("scripts") => match (args.next(), args.next()) {
            (Some(dir), None) if !dir.starts_with('-') => Ok(Command::Scripts { dir: dir.into() }),
            _ => Err(format!("`scripts` takes one folder: {USAGE}")),
        },
        Some(other) => Err(format!("unknown command `{other}`: {USAGE}")),
    }
}

/// Serves the site until SIGTERM or Ctrl-C, or exports it (`export DIR`).
pub fn run() -> ExitCode {
    // First, before the log writer and the subscriber allocate: memory
    // touched before this call is backed by huge pages for good (8 MB).
    let small_pages = system::no_transparent_huge_pages();
    // Lines are handed to a writer thread, so a slow terminal or pipe never
    // holds up a request. Not lossy: when the output falls behind, loggers
    // wait for room rather than lines being dropped. `logs` writes out what
    // is left when it is dropped, at the end of this function.
    // The thread writes through a buffer, which it flushes each time it has
    // written every line waiting: under load one system call carries many
    // lines, and no line waits while the server is quiet.
    let (writer, logs) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .lossy(false)
        .thread_name("log-writer")
        .finish(std::io::BufWriter::with_capacity(
            LOG_BUFFER,
            std::io::stdout(),
        ));
    let at_terminal = std::io::IsTerminal::is_terminal(&std::io::stdout());
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,backend_guide=info".into()),
        )
        .with_writer(writer)
        // Colours for a person at a terminal, plain text for log files.
        .with_ansi(at_terminal)
        .init();
    if !small_pages {
        tracing::debug!("transparent huge pages stay as the system has them");
    }
    // Start-up, signals and background compression run here; requests are
    // served by one runtime per core (cores.rs).
    let code = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("control")
        .enable_all()
        .build()
    {
        Ok(runtime) => {
            let code = match command() {
                Ok(Command::Serve) => runtime.block_on(serve()),
                Ok(Command::Export { dir, brotli }) => runtime.block_on(export_to(&dir, brotli)),
                Ok(Command::Scripts { dir }) => runtime.block_on(write_scripts(&dir)),
                Err(e) => {
                    tracing::error!("{e}");
                    ExitCode::FAILURE
                }
            };
            // Work still running in the background is abandoned: the
            // start-up's brotli pass over every held body (about 15 s of one
            // core) only fills memory that is about to go. Dropping the
            // runtime would wait for it, so a server stopped soon after it
            // started took that long to exit.
            runtime.shutdown_background();
            code
        }
        Err(e) => {
            tracing::error!("cannot start the runtime: {e}");
            ExitCode::FAILURE
        }
    };
    drop(logs);
    code
}

/// Writes the site into `dir` as static files.
async fn export_to(dir: &Path, brotli: bool) -> ExitCode {
    match export::export(dir, brotli).await {
        Ok(summary) => {
            tracing::info!(
                "exported build {} to {}: {} files, {:.1} MB",
                summary.build,
                dir.display(),
                summary.files,
                summary.bytes as f64 / 1e6
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            tracing::error!("export failed: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Writes each script the server would minify into `dir` as `<key>.js`,
/// for `scripts/setup.sh` to minify into the site's twins folder (W6).
async fn write_scripts(dir: &Path) -> ExitCode {
    let written = async {
        let options = config::load()?;
        crate::framework::minify::record();
        build_site(&options, &renderer(options.clone())).await?;
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot make {}: {e}", dir.display()))?;
        let scripts = crate::framework::minify::recorded();
        for script in &scripts {
            let path = dir.join(format!("{}.js", crate::framework::minify::key(script)));
            std::fs::write(&path, script)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        Ok::<usize, String>(scripts.len())
    };
    match written.await {
        Ok(count) => {
            tracing::info!("wrote {count} scripts to {} for minifying", dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            tracing::error!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// Loads the configuration and the site, then serves until told to stop.
async fn serve() -> ExitCode {
    let options = match config::load() {
        Ok(options) => options,
        Err(e) => {
            tracing::error!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let addr = options.site_addr;
    if !zero_copy::start() {
        tracing::info!(
            "bodies are sent with ordinary writes (no temporary file or memfd for them here)"
        );
    }
    let renderer = renderer(options.clone());
    let site = match build_site(&options, &renderer).await {
        Ok(site) => Arc::new(site),
        Err(e) => {
            tracing::error!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let background = site.clone();
    tokio::task::spawn_blocking(move || {
        background.make_brotli(1);
        // Brotli's best quality works in large tables: give that memory back
        // to the system now rather than when the allocator next gets busy
        // (without this an idle server keeps about 80 MB more resident).
        system::release_free_memory();
        // Compressing read every held body through its mapping.
        zero_copy::unmap_resident();
        tracing::info!("brotli bodies ready");
    });
    let app = router(site, renderer);

    match cores::raise_open_files_limit() {
        Ok(limit) if limit < WANTED_OPEN_FILES => tracing::warn!(
            "open files are limited to {limit}, so at most about that many connections can be \
             held: raise the hard limit (ulimit -Hn, or LimitNOFILE= in the systemd unit)"
        ),
        Ok(limit) => tracing::info!("open files limit: {limit}"),
        Err(e) => tracing::warn!("cannot raise the open files limit: {e}"),
    }
    if let Err(e) = cores::check_free(addr) {
        tracing::error!(
            "cannot listen on {addr}: {e} (is another server running there? \
             set LEPTOS_SITE_ADDR to another address)"
        );
        return ExitCode::FAILURE;
    }
    let cores = cores::count();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut serving = tokio::task::spawn_blocking(move || {
        cores::serve(addr, app, cores, connections::HEADER_READ_TIMEOUT, stopped)
    });
    tracing::info!("serving the guide at http://{addr} ({cores} cores)");
    let result = tokio::select! {
        () = shutdown_signal() => {
            let _ = stop.send(true);
            serving.await
        }
        result = &mut serving => result,
    };
    match result {
        Ok(Ok(())) => {
            tracing::info!("stopped");
            ExitCode::SUCCESS
        }
        Ok(Err(e)) => {
            tracing::error!("{e}");
            ExitCode::FAILURE
        }
        Err(e) => {
            tracing::error!("the server stopped unexpectedly: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Fewer open files than this limits how many connections can be held.
const WANTED_OPEN_FILES: u64 = 16_384;

/// The Leptos renderer: every route, and the 404 page for anything else.
/// Its HTML becomes a response in one place, [`site::Entry`], whether the
/// page is rendered at start-up or for one request.
pub fn renderer(options: LeptosOptions) -> Router {
    let routes = generate_route_list(App);
    let not_found = leptos_axum::render_app_to_stream({
        let options = options.clone();
        move || shell(options.clone())
    });
    Router::new()
        .leptos_routes(&options, routes, {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(not_found)
        .with_state(options)
}

/// Every page of the site, rendered once at start-up: the router's routes,
/// expanded with the content by the site map.
pub fn page_urls() -> Result<Vec<String>, String> {
    let routes = generate_route_list(App);
    crate::site_map::all_pages(routes.iter().map(|route| route.path()))
}

/// The SQL lab's module script, from the manifest its build writes
/// (`lab/build.mjs`): its name carries a hash.
fn lab_entry(root: &Path, pkg_dir: &str) -> Option<String> {
    let path = root.join(pkg_dir).join("lab").join(".manifest.json");
    let manifest: serde_json::Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    manifest["entry"].as_str().map(String::from)
}

/// Loads the static files and renders every page once.
pub async fn build_site(options: &LeptosOptions, renderer: &Router) -> Result<Site, String> {
    let root = Path::new(&*options.site_root);
    let twins =
        crate::framework::minify::use_twins(&root.join(crate::framework::minify::TWINS_DIR));
    if twins > 0 {
        tracing::info!("{twins} framework scripts minified by the build");
    } else if !security::watching() {
        tracing::warn!(
            "the build minified no framework scripts ({}/{} is empty): they are served with \
             comments and spaces removed only (run `make run`, or see scripts/setup.sh)",
            root.display(),
            crate::framework::minify::TWINS_DIR
        );
    }
    let mut site = Site::load(root, &options.site_pkg_dir, options.hash_files).map_err(|e| {
        format!(
            "cannot read the site folder {}: {e} (build it first with `cargo leptos build`)",
            root.display()
        )
    })?;
    match lab_entry(root, &options.site_pkg_dir) {
        Some(entry) => crate::lab::set_entry(entry),
        None => tracing::warn!(
            "the SQL lab is not built ({}/{}/lab/.manifest.json is missing): /lab will say so; \
             build it with `node lab/build.mjs`",
            root.display(),
            options.site_pkg_dir
        ),
    }
    site.insert(
        crate::site_map::SEARCH_INDEX.to_string(),
        Bytes::from(crate::search::index_json()),
        "application/json",
        site::Caching::Revalidate,
    );
    site.insert(
        crate::site_map::QUIZ_BANK.to_string(),
        Bytes::from(crate::quiz::bank_data::bank_json()),
        "application/json",
        site::Caching::Revalidate,
    );
    site.insert(
        crate::site_map::INTERVIEW_BANK.to_string(),
        Bytes::from(crate::interview::Bank::compiled().json()),
        "application/json",
        site::Caching::Revalidate,
    );
    inline_stylesheet(&site, options);
    hold_pages(&mut site, options, renderer, page_urls()?).await?;
    let build = offline::add_worker(&mut site);
    tracing::info!(
        "build {build}: {} pages and files held in memory",
        site.urls().count()
    );
    Ok(site)
}

/// Hands the site's stylesheet (`/pkg/<output name>.<hash>.css`, or
/// without the hash when names are not hashed) to the
/// pages, which carry it inline (`components::site_style`), except under
/// `cargo leptos watch`, which reloads the linked file when it changes.
fn inline_stylesheet(site: &Site, options: &LeptosOptions) {
    if security::watching() {
        return;
    }
    let prefix = format!("/{}/{}", options.site_pkg_dir, options.output_name);
    let mut sheets = site.entries().filter(|(url, _)| {
        url.strip_prefix(&prefix).is_some_and(|rest| {
            rest.starts_with('.') && rest.ends_with(".css") && !rest.contains('/')
        })
    });
    match (sheets.next(), sheets.next()) {
        (Some((_, entry)), None) => {
            let css = String::from_utf8_lossy(&entry.bodies().identity).into_owned();
            crate::components::site_style::set_css(css);
        }
        _ => tracing::warn!(
            "not one {prefix}.css or {prefix}.<hash>.css in the site folder: pages link theirs"
        ),
    }
}

/// No page of the guide comes near this.
const MAX_PAGE: usize = 8 * 1024 * 1024;

/// Renders `urls` and holds them in `site`, with the status and headers
/// the app gave each (Leptos's `ResponseOptions`: a redirect is held as
/// one). A page that answers anything else cannot be held, since its
/// answer would depend on the request: that stops the start with its URL.
async fn hold_pages(
    site: &mut Site,
    options: &LeptosOptions,
    renderer: &Router,
    urls: Vec<String>,
) -> Result<(), String> {
    let mut pages = Vec::new();
    for url in urls {
        let request = Request::get(&url)
            .body(Body::empty())
            .map_err(|e| format!("{url}: {e}"))?;
        let page = render(renderer, request).await?;
        if page.status != StatusCode::OK && !page.status.is_redirection() {
            return Err(format!(
                "{url} answered {} when it was rendered at start-up. Every page the site map \
                 lists is rendered once and held, so it must answer 200 or redirect",
                page.status
            ));
        }
        pages.push((url, page));
    }
    let first = pages.iter().find(|(_, page)| page.status == StatusCode::OK);
    let first = first.map(|(_, page)| String::from_utf8_lossy(&page.html));
    let file = first.and_then(|html| HydrationFile::from_page(&html, &options.site_pkg_dir));
    let file = file.ok_or("the pages have no hydration script")?;
    site.insert_hydration_file(file);
    for (url, page) in pages {
        let linked = site
            .link_hydration(&String::from_utf8_lossy(&page.html))
            .map_err(|e| format!("{url}: {e}"))?;
        site.insert_rendered(&url, Bytes::from(linked), page.status, page.headers);
    }
    Ok(())
}

/// A page as the app rendered it.
struct Rendered {
    status: StatusCode,
    /// What the app set besides the body's own headers (through Leptos's
    /// `ResponseOptions`, e.g. `Location` for a redirect).
    headers: Vec<(HeaderName, HeaderValue)>,
    html: Bytes,
}

/// Headers that describe the body we are about to replace, not the page.
const BODY_HEADERS: [HeaderName; 3] = [
    header::CONTENT_TYPE,
    header::CONTENT_LENGTH,
    header::TRANSFER_ENCODING,
];

/// Renders one page to its status, headers and whole HTML, for start-up
/// and for requests alike.
async fn render(renderer: &Router, request: Request) -> Result<Rendered, String> {
    let url = request.uri().to_string();
    let response = renderer
        .clone()
        .oneshot(request)
        .await
        .map_err(|e| format!("{url}: {e}"))?;
    let (parts, body) = response.into_parts();
    let headers = parts
        .headers
        .iter()
        .filter(|(name, _)| !BODY_HEADERS.contains(name))
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect();
    let html = to_bytes(body, MAX_PAGE)
        .await
        .map_err(|e| format!("rendering {url} failed: {e}"))?;
    let html =
        framework::tidy(&String::from_utf8_lossy(&html)).map_err(|e| format!("{url}: {e}"))?;
    Ok(Rendered {
        status: parts.status,
        headers,
        html: Bytes::from(html),
    })
}

/// A page the site does not hold (a query string, an unknown address),
/// rendered now and answered exactly as held pages are: the same policy,
/// compression, caching and ETag headers, by the same code.
async fn render_page(site: &Site, renderer: &Router, request: Request) -> Response {
    let (method, headers) = (request.method().clone(), request.headers().clone());
    let rendered = render(renderer, request).await.and_then(|page| {
        let html = site.link_hydration(&String::from_utf8_lossy(&page.html))?;
        Ok((page, Bytes::from(html)))
    });
    match rendered {
        Ok((page, html)) => {
            let accept = headers
                .get(header::ACCEPT_ENCODING)
                .and_then(|v| v.to_str().ok());
            site::Entry::rendered(html, accept, page.status, page.headers)
                .respond(&method, &headers, None)
        }
        Err(e) => {
            tracing::error!("{e}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// What the page handler needs: the pages held in memory, and the
/// renderer for everything else.
#[derive(Clone)]
struct Pages {
    site: Arc<Site>,
    renderer: Router,
}

/// Answers from memory when the site holds the page or file; otherwise
/// the renderer answers (unknown URLs, pages with a query string).
async fn serve_page(State(pages): State<Pages>, request: Request) -> Response {
    match pages.site.answer(&request) {
        Some(response) => response,
        None => render_page(&pages.site, &pages.renderer, request).await,
    }
}

/// The whole application: health check, the in-memory site, the renderer
/// for everything else, and the production layers around them all.
pub fn router(site: Arc<Site>, renderer: Router) -> Router {
    // Only rendering can take time; held pages are answered from memory.
    let renderer = renderer.layer(TimeoutLayer::with_status_code(
        StatusCode::REQUEST_TIMEOUT,
        REQUEST_TIMEOUT,
    ));
    let app = Router::new()
        .route("/healthz", get(healthz))
        .fallback(serve_page)
        .with_state(Pages { site, renderer });
    with_production_layers(app)
}

/// Request logs (method, path, status, latency), security headers, panic
/// recovery and request limits, outermost first. One stack, applied once:
/// each `Router::layer` call would box and clone a service per request.
pub fn with_production_layers(app: Router) -> Router {
    app.layer(
        ServiceBuilder::new()
            .layer_fn(request_log::RequestLog::new)
            .layer_fn(security::SecurityHeaders::new)
            .layer(CatchPanicLayer::custom(limits::panic_response))
            .layer_fn(limits::Guard::new),
    )
}

/// For load balancers: answers while the server can take requests.
async fn healthz() -> impl IntoResponse {
    ([(header::CACHE_CONTROL, "no-store")], "ok")
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
