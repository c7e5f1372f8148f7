//! One log line per request: method, path, status and latency.
//!
//! tower-http's `TraceLayer` (which we used first) opens a span per request
//! and enters it on every poll; at tens of thousands of requests a second
//! that cost a fifth of the server's throughput (bench/load.sh). A single
//! event per finished request carries the same facts for a fraction of it.
//! Filter these lines with the `request` target, e.g. `RUST_LOG=info,request=warn`.

use std::time::Instant;

use axum::{extract::Request, middleware::Next, response::Response};

/// Logs each request once its response headers are ready.
pub async fn log(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let uri = request.uri().clone();
    let response = next.run(request).await;
    tracing::info!(
        target: "request",
        "{method} {} {} {}µs",
        uri.path(),
        response.status().as_u16(),
        started.elapsed().as_micros()
    );
    response
}
