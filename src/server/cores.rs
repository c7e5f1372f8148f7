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
/// then waits for every core to finish its requests in flight.
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
        .collect::<io::Result<Vec<_>>>()?;
    let threads: Vec<_> = listeners
        .into_iter()
        .enumerate()
        .map(|(core, listener)| {
            let app = app.clone();
            let mut stop = stop.clone();
            thread::Builder::new()
                .name(format!("serve-{core}"))
                .spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .on_thread_park(let_others_run)
                        .enable_all()
                        .build()
                        .expect("a single-threaded runtime starts");
                    runtime.block_on(async move {
                        let listener = tokio::net::TcpListener::from_std(listener)
                            .expect("a listener made non-blocking");
                        let stopped = async move {
                            let _ = stop.wait_for(|stop| *stop).await;
                        };
                        connections::serve(listener, app, header_read_timeout, stopped).await;
                    });
                })
        })
        .collect::<io::Result<_>>()?;
    for thread in threads {
        let _ = thread.join();
    }
    Ok(())
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
///   throughput stayed above nginx's (see README).
/// - With nothing else to run, `sched_yield` returns at once (a system call
///   per idle wake-up).
/// - Beside CPU-bound work of the same priority, the server takes its fair
///   share of the CPU rather than more: 30k requests a second, as nginx,
///   rather than 45k with a p99 of 12 ms. Niced batch work does not slow it.
fn let_others_run() {
    #[cfg(unix)]
    // SAFETY: sched_yield takes no arguments and cannot fail on Linux.
    unsafe {
        libc::sched_yield();
    }
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
