//! One log line per request: method, path, status and latency.
//!
//! tower-http's `TraceLayer` (which we used first) opens a span per request
//! and enters it on every poll; at tens of thousands of requests a second
//! that cost a fifth of the server's throughput (bench/load.sh). A single
//! event per finished request carries the same facts for a fraction of it.
//!
//! When the server writes its logs to a file or a pipe, request lines skip
//! even that event: they are the access log, written straight into the
//! batched log output ([`write_directly_to`]) in the very format the
//! `tracing` subscriber gives every other line. Formatting each line through
//! `tracing-subscriber` (a time stamp converted from scratch, the message
//! escaped character by character) was the largest piece of our own code in
//! the profile. `RUST_LOG` still decides: filter these lines with the
//! `request` target, e.g. `RUST_LOG=info,request=warn`.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::future::Future;
use std::io::{Stdout, Write};
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll, ready};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use axum::http::{Method, Request, Uri};
use axum::response::Response;
use pin_project_lite::pin_project;
use tower::Service;

use super::log_writer::Batched;

/// Where request lines go when they bypass `tracing`.
static DIRECT: OnceLock<Arc<Batched<Stdout>>> = OnceLock::new();

/// From now on, request lines are written straight to `out`, the batched
/// output the `tracing` subscriber writes its own lines to (use it only
/// when that subscriber writes plain text, without colours).
pub fn write_directly_to(out: Arc<Batched<Stdout>>) {
    let _ = DIRECT.set(out);
}

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

/// Writes one request's line, straight to the output or through `tracing`.
fn write_line(method: &Method, path: &str, status: u16, micros: u128) {
    let message = Message {
        method: method.as_str(),
        path,
        status,
        micros,
    };
    match DIRECT.get() {
        Some(out) => {
            if tracing::enabled!(target: "request", tracing::Level::INFO) {
                LINE.with_borrow_mut(|line| {
                    line.clear();
                    format_line(line, SystemTime::now(), &message);
                    // A log that cannot be written must not fail the request.
                    let _ = out.append(line);
                });
            }
        }
        None => tracing::info!(target: "request", "{message}"),
    }
}

/// What a request's line says, by either route:
/// `{method} {path} {status} {micros}µs`. Control characters in the path
/// are written as `\xNN`, so a request can neither break a log line nor
/// colour a terminal. (hyper already refuses such bytes in a request
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

thread_local! {
    /// The line being written, reused from request to request.
    static LINE: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    /// The second `STAMP` was made for, and the time stamp itself.
    static STAMP: Cell<(u64, [u8; STAMP_LEN])> = const { Cell::new((u64::MAX, [0; STAMP_LEN])) };
}

/// `2026-11-27T00:54:47.099848Z`: RFC 3339 in UTC to the microsecond, as
/// `tracing-subscriber` writes it.
const STAMP_LEN: usize = 27;
/// Where the microseconds start in a time stamp.
const MICROS_AT: usize = 20;

/// Appends `{time}  INFO request: {message}` and a newline to `line`: the
/// layout of `tracing-subscriber`'s default format.
fn format_line(line: &mut Vec<u8>, time: SystemTime, message: &Message) {
    line.extend_from_slice(&time_stamp(time));
    line.extend_from_slice(b"  INFO request: ");
    let _ = writeln!(line, "{message}");
}

/// The time stamp of `time`. The date and time of day are made once per
/// second (by `humantime`); each line only writes its microseconds.
fn time_stamp(time: SystemTime) -> [u8; STAMP_LEN] {
    let since_epoch = time.duration_since(UNIX_EPOCH).unwrap_or_default();
    let second = since_epoch.as_secs();
    let (cached_second, mut stamp) = STAMP.get();
    if cached_second != second {
        let whole = UNIX_EPOCH + std::time::Duration::from_secs(second);
        let text = humantime::format_rfc3339_micros(whole).to_string();
        stamp.copy_from_slice(&text.as_bytes()[..STAMP_LEN]);
        STAMP.set((second, stamp));
    }
    let mut micros = since_epoch.subsec_micros();
    for digit in stamp[MICROS_AT..MICROS_AT + 6].iter_mut().rev() {
        *digit = b'0' + (micros % 10) as u8;
        micros /= 10;
    }
    stamp
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn line(time: SystemTime, path: &str) -> String {
        let mut line = Vec::new();
        let message = Message {
            method: "GET",
            path,
            status: 200,
            micros: 15,
        };
        format_line(&mut line, time, &message);
        String::from_utf8(line).unwrap()
    }

    #[test]
    fn lines_have_the_subscribers_layout() {
        // 2026-11-27T00:54:47Z, and 99,848 µs.
        let time = UNIX_EPOCH + Duration::new(1_795_740_887, 99_848_123);
        assert_eq!(
            line(time, "/guide/what-is-back-end"),
            "2026-11-27T00:54:47.099848Z  INFO request: GET /guide/what-is-back-end 200 15µs\n"
        );
    }

    #[test]
    fn time_stamps_match_a_fresh_conversion_across_seconds_and_days() {
        // Each step crosses the cached second; some cross midnight, a month,
        // a leap day and a year.
        let mut time = UNIX_EPOCH + Duration::new(1_709_164_799, 999_999_000);
        for step in [1, 3_599_999, 86_399_999_999, 1, 7_000, 31_536_000_000_123] {
            let expected = humantime::format_rfc3339_micros(time).to_string();
            assert_eq!(String::from_utf8_lossy(&time_stamp(time)), expected);
            time += Duration::from_micros(step);
        }
    }

    #[test]
    fn control_characters_cannot_break_a_line() {
        let text = line(UNIX_EPOCH, "/a\nb\x1b[31m");
        assert!(text.ends_with("/a\\x0ab\\x1b[31m 200 15µs\n"), "{text:?}");
        assert_eq!(text.matches('\n').count(), 1);
    }
}
