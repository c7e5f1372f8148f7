//! Where log lines go: standard output, in batches.
//!
//! One line per request adds up under load. Writing each line straight to
//! stdout costs a system call per request; tracing-appender's non-blocking
//! writer (which we used first) costs an allocation, a channel send and
//! often a thread wake-up per line. Here a line is appended to a shared
//! buffer; the buffer is written out when it fills, and a small thread
//! writes out whatever is waiting a few times a second, so a quiet server's
//! lines still appear promptly. Nothing is dropped: when stdout is slow,
//! loggers wait for it.

use std::io::{self, Write};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// Buffered bytes that trigger an immediate write.
const FLUSH_AT: usize = 64 * 1024;
/// Longest a line waits in the buffer on a quiet server.
const FLUSH_EVERY: Duration = Duration::from_millis(200);

/// The shared buffer in front of an output (stdout outside tests).
pub struct Batched<W: Write + Send + 'static> {
    state: Mutex<State<W>>,
}

struct State<W> {
    pending: Vec<u8>,
    out: W,
}

impl<W: Write + Send + 'static> Batched<W> {
    pub fn new(out: W) -> Arc<Self> {
        Arc::new(Batched {
            state: Mutex::new(State {
                pending: Vec::with_capacity(FLUSH_AT),
                out,
            }),
        })
    }

    fn lock(&self) -> MutexGuard<'_, State<W>> {
        // A panic while holding the lock leaves only bytes behind: keep going.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Adds bytes, writing the batch out once it is large enough.
    pub fn append(&self, bytes: &[u8]) -> io::Result<()> {
        let mut state = self.lock();
        state.pending.extend_from_slice(bytes);
        if state.pending.len() >= FLUSH_AT {
            state.write_out()?;
        }
        Ok(())
    }

    /// Writes out everything waiting.
    pub fn flush(&self) -> io::Result<()> {
        self.lock().write_out()
    }

    /// Starts the thread that writes out waiting lines every
    /// [`FLUSH_EVERY`]. It stops with the process.
    pub fn flush_periodically(self: &Arc<Self>) {
        let batched = Arc::downgrade(self);
        let started = std::thread::Builder::new()
            .name("log-flush".into())
            .spawn(move || {
                while let Some(batched) = batched.upgrade() {
                    let _ = batched.flush();
                    drop(batched);
                    std::thread::sleep(FLUSH_EVERY);
                }
            });
        if let Err(e) = started {
            eprintln!(
                "cannot start the log thread ({e}): log lines are written when 64 KB build up"
            );
        }
    }
}

impl<W: Write> State<W> {
    fn write_out(&mut self) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let result = self
            .out
            .write_all(&self.pending)
            .and_then(|()| self.out.flush());
        self.pending.clear();
        result
    }
}

/// The handle tracing writes each formatted line through.
pub struct Line<W: Write + Send + 'static>(pub Arc<Batched<W>>);

impl<W: Write + Send + 'static> Write for Line<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.append(bytes)?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        // Lines are written in batches; `Batched::flush` forces one.
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An output that records what reached it, shared with the test.
    #[derive(Clone, Default)]
    struct Recorder(Arc<Mutex<Vec<u8>>>);

    impl Write for Recorder {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn lines_wait_for_a_flush_or_a_full_batch_and_keep_their_order() {
        let out = Recorder::default();
        let batched = Batched::new(out.clone());
        let mut line = Line(batched.clone());
        line.write_all(b"first\n").unwrap();
        line.write_all(b"second\n").unwrap();
        assert!(out.0.lock().unwrap().is_empty(), "written before a flush");
        batched.flush().unwrap();
        assert_eq!(&*out.0.lock().unwrap(), b"first\nsecond\n");

        let long = vec![b'x'; FLUSH_AT];
        line.write_all(&long).unwrap();
        assert_eq!(
            out.0.lock().unwrap().len(),
            13 + FLUSH_AT,
            "a full batch goes out at once"
        );
    }

    #[test]
    fn the_flush_thread_writes_waiting_lines() {
        let out = Recorder::default();
        let batched = Batched::new(out.clone());
        batched.flush_periodically();
        Line(batched.clone()).write_all(b"quiet server\n").unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while out.0.lock().unwrap().is_empty() && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(&*out.0.lock().unwrap(), b"quiet server\n");
    }
}
