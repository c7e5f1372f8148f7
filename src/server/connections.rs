//! Accepting connections: HTTP/1.1 with a deadline for request headers,
//! and a graceful stop.
//!
//! `axum::serve` gives hyper no timer, so a client that sends its headers
//! slowly, or never finishes them, keeps its connection (and the memory
//! behind it) for as long as it likes. Here hyper's own header-read timeout
//! closes such connections. The same deadline closes keep-alive connections
//! left idle. (HTTP/2 is not offered: browsers only speak it over TLS, which
//! the proxy in front terminates.)

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::{
    rt::{TokioIo, TokioTimer},
    server::graceful::GracefulShutdown,
    service::TowerToHyperService,
};
use tokio::net::TcpListener;

/// A client has this long to send the headers of each request.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Requests still running this long after the stop signal are cut off.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

/// Serves `app` on `listener` until `stop` completes, then finishes the
/// requests in flight (for at most [`SHUTDOWN_GRACE`]) and returns.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    header_read_timeout: Duration,
    stop: impl Future<Output = ()>,
) {
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(header_read_timeout);
    let connections = GracefulShutdown::new();
    let open = Arc::new(OpenConnections::default());
    tokio::spawn(release_memory_after_bursts(open.clone()));
    let mut stop = pin!(stop);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Usually out of file descriptors: wait for some to close.
                    tracing::warn!("cannot accept a connection: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        // Send each response as soon as it is written, as nginx does on
        // keep-alive connections (Nagle's algorithm would hold back its tail).
        if let Err(e) = stream.set_nodelay(true) {
            tracing::debug!("cannot set TCP_NODELAY: {e}");
        }
        let service = TowerToHyperService::new(app.clone());
        let stream = super::zero_copy::Stream::new(stream);
        let connection = builder.serve_connection(TokioIo::new(stream), service);
        let connection = connections.watch(connection);
        open.opened();
        let open = open.clone();
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!("connection ended with an error: {e}");
            }
            open.closed();
        });
    }
    drop(listener);
    if tokio::time::timeout(SHUTDOWN_GRACE, connections.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("stopped with requests still running after {SHUTDOWN_GRACE:?}");
    }
}

/// How many connections this core holds, and the most since memory was
/// last given back.
#[derive(Default)]
struct OpenConnections {
    now: AtomicUsize,
    peak: AtomicUsize,
}

impl OpenConnections {
    fn opened(&self) {
        let now = self.now.fetch_add(1, Ordering::Relaxed) + 1;
        self.peak.fetch_max(now, Ordering::Relaxed);
    }

    fn closed(&self) {
        self.now.fetch_sub(1, Ordering::Relaxed);
    }
}

/// A burst of connections below which memory is not worth collecting.
const BURST: usize = 256;
/// How often a core looks at its connection count.
const MEMORY_CHECK: Duration = Duration::from_secs(2);

/// Most of at least [`BURST`] connections have closed since the last release.
fn burst_is_over(now: usize, peak: usize) -> bool {
    peak >= BURST && now <= peak / 4
}

/// Gives the memory of a burst of connections back to the system once most
/// of them have closed. mimalloc keeps freed memory for reuse, so after
/// 10,000 connections the server stayed at its peak (270 MB) however long
/// it idled; `mi_collect` returns what is free. mimalloc's heaps are per
/// thread and each core runs on its own thread, so each core does this for
/// its own connections, on its own runtime.
async fn release_memory_after_bursts(open: Arc<OpenConnections>) {
    let mut ticks = tokio::time::interval(MEMORY_CHECK);
    loop {
        ticks.tick().await;
        let now = open.now.load(Ordering::Relaxed);
        let peak = open.peak.load(Ordering::Relaxed);
        if burst_is_over(now, peak) {
            super::system::release_free_memory();
            open.peak.store(now, Ordering::Relaxed);
            tracing::debug!("released memory after {peak} connections");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_is_released_once_most_of_a_burst_has_closed() {
        let open = OpenConnections::default();
        for _ in 0..1000 {
            open.opened();
        }
        for _ in 0..700 {
            open.closed();
        }
        let (now, peak) = (
            open.now.load(Ordering::Relaxed),
            open.peak.load(Ordering::Relaxed),
        );
        assert_eq!((now, peak), (300, 1000));
        assert!(
            !burst_is_over(now, peak),
            "a quarter of the burst is still open"
        );
        for _ in 0..100 {
            open.closed();
        }
        assert!(burst_is_over(200, peak));
        // A handful of connections is never worth a collection.
        assert!(!burst_is_over(0, BURST - 1));
    }
}
