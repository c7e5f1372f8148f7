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
        let connection = builder.serve_connection(TokioIo::new(stream), service);
        let connection = connections.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!("connection ended with an error: {e}");
            }
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
