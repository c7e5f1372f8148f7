//! Requests we refuse before any work is done, and what a panic turns into.

use std::any::Any;
use std::future::{Ready, ready};
use std::task::{Context, Poll};

use axum::{
    body::Body,
    extract::Request,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use futures_util::future::Either;
use tower::Service;

/// Longest URL (path and query) we accept. Real links here are under 100.
pub const MAX_URI: usize = 2048;
/// Most bytes of headers (names and values) we accept in one request.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

/// Why a request was refused, if it was.
pub fn check(request: &Request) -> Option<StatusCode> {
    let uri = request.uri();
    // Origin-form targets only: "GET glossary" or "CONNECT host:443" name no page.
    if !uri.path().starts_with('/') || uri.path_and_query().is_none() {
        return Some(StatusCode::BAD_REQUEST);
    }
    let length = uri.path().len() + uri.query().map_or(0, str::len);
    if length > MAX_URI {
        return Some(StatusCode::URI_TOO_LONG);
    }
    let header_bytes: usize = request
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len())
        .sum();
    if header_bytes > MAX_HEADER_BYTES {
        return Some(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE);
    }
    if suspicious_path(uri.path()) {
        return Some(StatusCode::BAD_REQUEST);
    }
    None
}

/// Paths no page or file of ours has: parent segments, backslashes and
/// control characters, written plainly or percent-encoded (once or twice).
pub fn suspicious_path(path: &str) -> bool {
    let bad = |p: &[u8]| {
        p.contains(&b'\\')
            || p.iter().any(u8::is_ascii_control)
            || p.split(|&b| b == b'/').any(|segment| segment == b"..")
    };
    if bad(path.as_bytes()) {
        return true;
    }
    // Most paths have nothing encoded: decode only when there is something to decode.
    if !path.contains('%') {
        return false;
    }
    let once = percent_decode(path.as_bytes());
    bad(&once) || (once.contains(&b'%') && bad(&percent_decode(&once)))
}

fn percent_decode(input: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        if input[i] == b'%'
            && let (Some(hi), Some(lo)) = (
                input.get(i + 1).copied().and_then(hex),
                input.get(i + 2).copied().and_then(hex),
            )
        {
            out.push(hi << 4 | lo);
            i += 3;
            continue;
        }
        out.push(input[i]);
        i += 1;
    }
    out
}

/// Refuses requests that fail [`check`] with a short plain-text answer,
/// before they reach the service inside. A plain tower service rather than
/// `axum::middleware::from_fn`, which clones the inner service and boxes a
/// future on every request.
#[derive(Clone)]
pub struct Guard<S> {
    inner: S,
}

impl<S> Guard<S> {
    /// `inner`, guarded (for `ServiceBuilder::layer_fn`).
    pub fn new(inner: S) -> Self {
        Guard { inner }
    }
}

impl<S> Service<Request> for Guard<S>
where
    S: Service<Request, Response = Response>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = Either<Ready<Result<Response, S::Error>>, S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        match check(&request) {
            Some(status) => Either::Left(ready(Ok(refuse(status)))),
            None => Either::Right(self.inner.call(request)),
        }
    }
}

fn refuse(status: StatusCode) -> Response {
    let text = status.canonical_reason().unwrap_or("Refused");
    (
        status,
        [(header::CACHE_CONTROL, "no-store")],
        format!("{} {text}\n", status.as_u16()),
    )
        .into_response()
}

/// A panicking handler costs one request a 500, never the server.
pub fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response<Body> {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!("a request handler panicked: {message}");
    refuse(StatusCode::INTERNAL_SERVER_ERROR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_in_any_spelling_is_suspicious() {
        for path in [
            "/../etc/passwd",
            "/pkg/../../Cargo.toml",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2fetc",
            "/%252e%252e/secret",
            "/pkg/..%5c..%5cCargo.toml",
            "/a\\b",
            "/favicon.ico%00.html",
            "/..",
        ] {
            assert!(suspicious_path(path), "{path} got through");
        }
    }

    #[test]
    fn ordinary_paths_pass() {
        for path in [
            "/",
            "/guide/what-is-back-end",
            "/pkg/backend-guide.AbC_-1.wasm",
            "/a..b",
            "/.well-known/x",
            "/%zz",
        ] {
            assert!(!suspicious_path(path), "{path} was refused");
        }
    }

    #[test]
    fn long_urls_and_heavy_headers_are_refused() {
        let long = Request::get(format!("/{}", "a".repeat(MAX_URI)))
            .body(Body::empty())
            .unwrap();
        assert_eq!(check(&long), Some(StatusCode::URI_TOO_LONG));
        let heavy = Request::get("/")
            .header("x-big", "b".repeat(MAX_HEADER_BYTES))
            .body(Body::empty())
            .unwrap();
        assert_eq!(
            check(&heavy),
            Some(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE)
        );
        let relative = Request::get("glossary").body(Body::empty());
        if let Ok(relative) = relative {
            assert_eq!(check(&relative), Some(StatusCode::BAD_REQUEST));
        }
        let authority = Request::connect("example.com:443")
            .body(Body::empty())
            .unwrap();
        assert_eq!(check(&authority), Some(StatusCode::BAD_REQUEST));
        let fine = Request::get("/quiz?seed=4").body(Body::empty()).unwrap();
        assert_eq!(check(&fine), None);
    }
}
