//! One log line per request: method, path, status and latency.
//!
//! tower-http's `TraceLayer` (which we used first) opens a span per request
//! and enters it on every poll; at tens of thousands of requests a second
//! that cost a fifth of the server's throughput (bench/load.sh). A single
//! event per finished request carries the same facts for a fraction of it.
//! `RUST_LOG` decides which are written: filter these lines with the
//! `request` target, e.g. `RUST_LOG=info,request=warn`.
//!
//! The lines go through the ordinary subscriber and `tracing-appender`. A
//! batched writer of our own that bypassed both gained 0-2% on
//! bench/load.sh, so it went (docs/server-performance.md).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Instant;

use axum::http::{Method, Request, Uri};
use axum::response::Response;
use pin_project_lite::pin_project;
use tower::Service;

/// Logs each request once its response headers are ready. A plain tower
/// service rather than `axum::middleware::from_fn`, which clones the inner
/// service and boxes a future on every request.
#[derive(Clone)]
pub struct RequestLog<S> {
    inner: S,
}

impl<S> RequestLog<S> {
    /// `inner`, with its requests logged (for `ServiceBuilder::layer_fn`).
    pub fn new(inner: S) -> Self {
        RequestLog { inner }
    }
}

impl<S, B, ResponseBody> Service<Request<B>> for RequestLog<S>
where
    S: Service<Request<B>, Response = Response<ResponseBody>>,
{
    type Response = Response<ResponseBody>;
    type Error = S::Error;
    type Future = Logged<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        Logged {
            started: Instant::now(),
            method: request.method().clone(),
            uri: request.uri().clone(),
            inner: self.inner.call(request),
        }
    }
}

pin_project! {
    /// A response on its way, and what its log line needs.
    pub struct Logged<F> {
        #[pin]
        inner: F,
        started: Instant,
        method: Method,
        uri: Uri,
    }
}

impl<F, B, E> Future for Logged<F>
where
    F: Future<Output = Result<Response<B>, E>>,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        let result = ready!(this.inner.poll(cx));
        if let Ok(response) = &result {
            let micros = this.started.elapsed().as_micros();
            write_line(
                this.method,
                this.uri.path(),
                response.status().as_u16(),
                micros,
            );
        }
        Poll::Ready(result)
    }
}

/// Writes one request's line through `tracing`.
fn write_line(method: &Method, path: &str, status: u16, micros: u128) {
    let message = Message {
        method: method.as_str(),
        path,
        status,
        micros,
    };
    tracing::info!(target: "request", "{message}");
}

/// What a request's line says: `{method} {path} {status} {micros}µs`.
/// Control characters in the path are written as `\xNN`, so a request can
/// neither break a log line nor colour a terminal. (hyper already refuses such bytes in a request
/// target; this keeps the log safe on its own.)
struct Message<'a> {
    method: &'a str,
    path: &'a str,
    status: u16,
    micros: u128,
}

impl fmt::Display for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ", self.method)?;
        let mut rest = self.path;
        while let Some(at) = rest.find(|c: char| c.is_ascii_control()) {
            // A control character is one byte, so `at + 1` starts the next.
            write!(f, "{}\\x{:02x}", &rest[..at], rest.as_bytes()[at])?;
            rest = &rest[at + 1..];
        }
        write!(f, "{rest} {} {}µs", self.status, self.micros)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(path: &str) -> String {
        Message {
            method: "GET",
            path,
            status: 200,
            micros: 15,
        }
        .to_string()
    }

    #[test]
    fn a_line_says_method_path_status_and_latency() {
        assert_eq!(
            message("/guide/what-is-back-end"),
            "GET /guide/what-is-back-end 200 15µs"
        );
    }

    #[test]
    fn control_characters_cannot_break_a_line() {
        let text = message("/a\nb\x1b[31m");
        assert_eq!(text, "GET /a\\x0ab\\x1b[31m 200 15µs");
        assert!(!text.contains('\n'));
    }
}
