//! One server per core: each core gets its own listening socket on the same
//! address (SO_REUSEPORT, so the kernel spreads new connections between
//! them) and its own single-threaded runtime. A connection then lives on
//! one thread from accept to close: no work stealing, no wake-ups across
//! threads, no shared accept queue to contend for. This is how nginx runs
//! its workers, and it is what closed the last of the throughput gap
//! (bench/load.sh).
//!
//! SO_REUSEPORT would also let a second copy of the server share the port
//! unnoticed, so the address is first bound once without it: if anything
//! else holds the port, the server refuses to start.

use std::io;
use std::net::{SocketAddr, TcpListener as StdListener};
use std::thread;
use std::time::Duration;

use axum::Router;
use socket2::{Domain, Protocol, Socket, Type};
use tokio::sync::watch;

use super::connections;

/// How many connections the kernel queues before they are accepted.
const BACKLOG: i32 = 4096;

/// How many cores to serve on: every core the process may use.
pub fn count() -> usize {
    thread::available_parallelism().map_or(1, usize::from)
}

/// Checks that no other process holds `addr` (a bind without SO_REUSEPORT
/// fails if anyone holds the port, with or without it).
pub fn check_free(addr: SocketAddr) -> io::Result<()> {
    let probe = Socket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP))?;
    probe.set_reuse_address(true)?;
    probe.bind(&addr.into())?;
    probe.listen(1)?;
    Ok(())
}

/// A listening socket on `addr` that shares the port with our other cores.
fn listener(addr: SocketAddr) -> io::Result<StdListener> {
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP))?;
    socket.set_reuse_address(true)?;
    socket.set_reuse_port(true)?;
    socket.set_nonblocking(true)?;
    socket.bind(&addr.into())?;
    socket.listen(BACKLOG)?;
    Ok(socket.into())
}

/// Serves `app` on `addr` with one thread per core until `stop` says so,
/// then waits for every core to finish its requests in flight. A core that
/// fails (a panic, or its accept loop ending before `stop`) stops the others
/// too, and the error names it: a server running on fewer cores than it
/// reports must not go on unnoticed.
pub fn serve(
    addr: SocketAddr,
    app: Router,
    cores: usize,
    header_read_timeout: Duration,
    stop: watch::Receiver<bool>,
) -> io::Result<()> {
    // Bind every socket before serving any, so a failure stops the start.
    let listeners = (0..cores)
        .map(|_| listener(addr))
        .collect::<io::Result<Vec<_>>>()
        .map_err(|e| io::Error::new(e.kind(), format!("cannot listen on {addr}: {e}")))?;
    run_cores(listeners, stop, move |listener, stopped| {
        let app = app.clone();
        async move {
            let listener =
                tokio::net::TcpListener::from_std(listener).expect("a listener made non-blocking");
            connections::serve(listener, app, header_read_timeout, stopped).await;
        }
    })
}

/// Runs `core` on its own thread and single-threaded runtime for each
/// listener, until `stop` or until one of them fails (then the others are
/// stopped and the failure is returned).
fn run_cores<F, Fut>(
    listeners: Vec<StdListener>,
    stop: watch::Receiver<bool>,
    core: F,
) -> io::Result<()>
where
    F: Fn(StdListener, std::pin::Pin<Box<dyn Future<Output = ()> + Send>>) -> Fut
        + Send
        + Sync
        + 'static,
    Fut: Future<Output = ()> + 'static,
{
    let core = std::sync::Arc::new(core);
    let (failed, failure) = watch::channel(false);
    let (ended, ends) = std::sync::mpsc::channel::<(usize, Option<String>)>();
    let count = listeners.len();
    let mut threads = Vec::with_capacity(count);
    for (index, listener) in listeners.into_iter().enumerate() {
        let core = core.clone();
        let (mut stop, mut failure) = (stop.clone(), failure.clone());
        let ended = ended.clone();
        let spawned = thread::Builder::new()
            .name(format!("serve-{index}"))
            .spawn(move || {
                let run = std::panic::AssertUnwindSafe(|| {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .on_thread_park(let_others_run)
                        .enable_all()
                        .build()
                        .expect("a single-threaded runtime starts");
                    let stopped = Box::pin(async move {
                        tokio::select! {
                            _ = stop.wait_for(|stop| *stop) => {}
                            _ = failure.wait_for(|failed| *failed) => {}
                        }
                    });
                    runtime.block_on(core(listener, stopped));
                });
                let panic = std::panic::catch_unwind(run).err().map(|payload| {
                    payload
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| payload.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "a panic".into())
                });
                let _ = ended.send((index, panic));
            });
        match spawned {
            Ok(thread) => threads.push(thread),
            Err(e) => {
                let _ = failed.send(true);
                for thread in threads {
                    let _ = thread.join();
                }
                return Err(e);
            }
        }
    }
    drop(ended);
    let mut error = None;
    for (index, panic) in ends.iter() {
        let expected = *stop.borrow() || *failed.borrow();
        if error.is_none() && (panic.is_some() || !expected) {
            let why = panic.unwrap_or_else(|| "its accept loop ended".into());
            error = Some(io::Error::other(format!(
                "serving core {index} stopped ({why}); stopping the others"
            )));
            let _ = failed.send(true);
        }
    }
    for thread in threads {
        let _ = thread.join();
    }
    error.map_or(Ok(()), Err)
}

/// Called each time a core has run out of ready work, before it waits for
/// more: other threads waiting for this CPU run first.
///
/// Under load a core rarely runs out, because new requests arrive while it
/// works; it then keeps the CPU until the scheduler's next tick (4 ms with
/// the common HZ=250) and every connection it holds waits that long. The
/// threads that share its CPU are usually its partners: the TLS proxy in
/// front of it, or the client in a benchmark. Yielding here lets them run
/// in short turns, as they would beside nginx, whose many system calls per
/// request give the scheduler many chances to switch.
/// - `bench/load.sh`, `/` at 64 connections: p99 7.6 ms -> 1.6 ms, and the
///   throughput stayed above nginx's (docs/server-performance.md).
/// - With nothing else to run, `sched_yield` returns at once (a system call
///   per idle wake-up).
/// - Beside CPU-bound work of the same priority, the server takes its fair
///   share of the CPU rather than more: 30k requests a second, as nginx,
///   rather than 45k with a p99 of 12 ms. Niced batch work does not slow it.
fn let_others_run() {
    super::system::yield_cpu();
}

/// Raises the soft limit on open files to the hard limit, so the server can
/// hold as many connections as the system allows; returns the new limit.
pub fn raise_open_files_limit() -> io::Result<u64> {
    rlimit::increase_nofile_limit(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_port_is_refused_and_our_cores_share_a_free_one() {
        let held = StdListener::bind("127.0.0.1:0").unwrap();
        let addr = held.local_addr().unwrap();
        assert!(
            check_free(addr).is_err(),
            "another process's port must be refused"
        );
        drop(held);

        let free = StdListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap();
        check_free(free).unwrap();
        let first = listener(free).unwrap();
        let second = listener(free).unwrap();
        assert_eq!(first.local_addr().unwrap(), second.local_addr().unwrap());
        assert!(check_free(free).is_err(), "our own cores hold it now");
    }

    fn listeners(count: usize) -> Vec<StdListener> {
        (0..count)
            .map(|_| StdListener::bind("127.0.0.1:0").unwrap())
            .collect()
    }

    #[test]
    fn a_failing_core_stops_the_others_and_is_reported() {
        let (_stop, stopped) = watch::channel(false);
        // The first core fails; the others wait to be stopped.
        let result = run_cores(listeners(3), stopped, |_, stop| async move {
            if thread::current().name() == Some("serve-0") {
                panic!("accept failed");
            }
            stop.await;
        });
        let error = result.unwrap_err().to_string();
        assert!(error.contains("core 0"), "{error}");
        assert!(error.contains("accept failed"), "{error}");
    }

    #[test]
    fn a_core_that_returns_before_stop_is_a_failure_too() {
        let (_stop, stopped) = watch::channel(false);
        let result = run_cores(listeners(2), stopped, |_, stop| async move {
            if thread::current().name() == Some("serve-1") {
                return;
            }
            stop.await;
        });
        let error = result.unwrap_err().to_string();
        assert!(
            error.contains("core 1") && error.contains("accept loop ended"),
            "{error}"
        );
    }

    #[test]
    fn stop_ends_every_core_cleanly() {
        let (stop, stopped) = watch::channel(false);
        let stopper = thread::spawn(move || {
            thread::sleep(Duration::from_millis(50));
            stop.send(true).unwrap();
            stop
        });
        run_cores(listeners(2), stopped, |_, stop| stop).unwrap();
        drop(stopper.join());
    }

    #[test]
    fn the_open_files_limit_is_raised_to_the_hard_limit() {
        let (_, hard) = rlimit::getrlimit(rlimit::Resource::NOFILE).unwrap();
        let raised = raise_open_files_limit().unwrap();
        let (soft, _) = rlimit::getrlimit(rlimit::Resource::NOFILE).unwrap();
        assert_eq!(soft, raised);
        assert!(
            raised == hard || raised >= 1 << 20,
            "{raised} vs hard {hard}"
        );
    }
}
