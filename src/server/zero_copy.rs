//! Sending held bodies without copying them, as nginx's `sendfile` does.
//!
//! Profiled under `bench/load.sh` (a 47 KB guide page, 64 connections),
//! the largest single cost of the server was the kernel copying each body
//! from our memory into the socket (`_copy_from_iter`, 18% of its CPU).
//! nginx avoids it: it `sendfile`s from the page cache, and the socket
//! takes references to those pages instead of a copy.
//!
//! Here the bodies held for the whole run (pages and files, in every
//! coding) are written once into one file, mapped into the process so they
//! are still ordinary `Bytes` for the rest of the server. [`Stream`] wraps
//! each connection's socket: when hyper hands it a slice that lies in that
//! mapping, the slice is sent with `sendfile` from the file instead of
//! `write` from memory. Everything else (headers, pages rendered for one
//! request) is written as before.
//!
//! What this relies on in hyper: that it hands a body's `Bytes` to the
//! connection's vectored write as they are, rather than copying them into a
//! buffer of its own (hyper 1.x queues body chunks when the connection
//! writes vectored, as `Stream` says it does). That is hyper's choice, not
//! a promise: if a release copies, every byte is still sent, by ordinary
//! writes, and `server::tests::held_bodies_leave_through_hyper_with_sendfile`
//! fails to say the fast path is gone. Measured gain: 8-16% more requests a
//! second on a 47 KB guide page (docs/server-performance.md). Each body
//! starts on a page of the file: one that starts part-way into a page
//! cost the kernel twice the time per response (`HeldFile::append`).
//!
//! The file is an unnamed one in the temporary directory (`O_TMPFILE`, gone
//! when the process ends), so its pages sit in an ordinary filesystem's
//! page cache: `sendfile` gathers those in batches and, on filesystems with
//! large folios, a few at a time. Shared memory (`memfd`, tried next) is
//! looked up page by page, which cost 8% of the server's CPU on the guide
//! page. Without either (not Linux, or refused) nothing is held there and
//! every write is ordinary.

use std::fs::File;
use std::io::{self, IoSlice};
use std::os::fd::AsFd;
use std::pin::Pin;
use std::sync::OnceLock;
#[cfg(test)]
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll, ready};

use axum::body::Bytes;
use tokio::io::{AsyncRead, AsyncWrite, Interest, ReadBuf};
use tokio::net::TcpStream;

use super::system::HeldFile;

/// Room for held bodies. The file is sparse and the mapping only address
/// space: memory is used for what is written, not for this.
const CAPACITY: usize = 1 << 30;

/// The file the held bodies live in, when the system gave us one.
static REGION: OnceLock<Option<HeldFile>> = OnceLock::new();

/// Bytes sent with `sendfile` since the start, for the test that proves
/// hyper still hands us held bodies as they are (test builds only: the
/// server's cores would share this counter on every write).
#[cfg(test)]
static SENT_FROM_FILE: AtomicU64 = AtomicU64::new(0);

/// How many bytes have left with `sendfile` so far.
#[cfg(test)]
pub fn bytes_sent_from_file() -> u64 {
    SENT_FROM_FILE.load(Ordering::Relaxed)
}

fn region() -> Option<&'static HeldFile> {
    REGION.get().and_then(Option::as_ref)
}

/// Makes the file and maps it, once; `false` when the system refuses (the
/// server then writes every body as before).
pub fn start() -> bool {
    REGION
        .get_or_init(|| {
            #[cfg(target_os = "linux")]
            let file = temporary_file()
                .or_else(|| super::system::shared_memory_file(c"backend-guide-bodies"));
            #[cfg(not(target_os = "linux"))]
            let file = None;
            HeldFile::new(file?, CAPACITY)
        })
        .is_some()
}

/// An unnamed file in the temporary directory (`TMPDIR`, else `/tmp`).
#[cfg(target_os = "linux")]
pub(super) fn temporary_file() -> Option<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .mode(0o600)
        .custom_flags(libc::O_TMPFILE)
        .open(std::env::temp_dir())
        .ok()
}

/// `body` moved into the held file, to be sent without a copy; `body` as
/// it is when there is no file, no room, or nothing to gain. Only for
/// bodies held for the whole run: the room is never given back.
pub fn hold(body: Bytes) -> Bytes {
    let Some(region) = region() else {
        return body;
    };
    match region.append(&body) {
        Ok(Some(held)) => Bytes::from_static(held),
        Ok(None) => body,
        // A full disk leaves the body where it is.
        Err(e) => {
            tracing::warn!("a body stays in memory: cannot write it to the held file: {e}");
            body
        }
    }
}

/// Lets go of the pages of held bodies that start-up read through the
/// mapping (see [`HeldFile::unmap_resident`]); they stay in the file.
pub fn unmap_resident() {
    if let Some(region) = region()
        && let Err(e) = region.unmap_resident()
    {
        tracing::debug!("held bodies stay mapped: {e}");
    }
}

/// A connection's socket that sends held bodies with `sendfile`.
pub struct Stream(TcpStream);

impl Stream {
    pub fn new(stream: TcpStream) -> Self {
        Stream(stream)
    }
}

impl AsyncRead for Stream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_read(cx, buf)
    }
}

impl AsyncWrite for Stream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.poll_write_vectored(cx, &[IoSlice::new(buf)])
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let held = region().filter(|r| bufs.iter().any(|b| r.offset_of(b).is_some()));
        let Some(region) = held else {
            return Pin::new(&mut self.0).poll_write_vectored(cx, bufs);
        };
        loop {
            ready!(self.0.poll_write_ready(cx))?;
            // A WouldBlock here clears the readiness, so the next round
            // waits for the socket to drain.
            match self
                .0
                .try_io(Interest::WRITABLE, || send_parts(&self.0, region, bufs))
            {
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => continue,
                result => return Poll::Ready(result),
            }
        }
    }

    fn is_write_vectored(&self) -> bool {
        true
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_shutdown(cx)
    }
}

/// Sends `bufs` in order until the socket takes no more: held slices with
/// `sendfile`, the others with `send` (marked "more to come" when another
/// slice follows, so headers and body leave in full segments). Returns how
/// many bytes went, or the error if none did.
#[cfg(target_os = "linux")]
fn send_parts(socket: &TcpStream, region: &HeldFile, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
    use super::system::{send, send_from_file};
    let mut sent = 0;
    for (i, buf) in bufs.iter().enumerate() {
        if buf.is_empty() {
            continue;
        }
        let held = region.offset_of(buf);
        let result = match held {
            Some(start) => send_from_file(socket.as_fd(), region.fd(), start, buf.len()),
            None => {
                let more = bufs[i + 1..].iter().any(|b| !b.is_empty());
                send(socket.as_fd(), buf, more)
            }
        };
        let n = match result {
            Ok(n) => n,
            Err(e) => return if sent > 0 { Ok(sent) } else { Err(e) },
        };
        #[cfg(test)]
        if held.is_some() {
            SENT_FROM_FILE.fetch_add(n as u64, Ordering::Relaxed);
        }
        sent += n;
        if n < buf.len() {
            break;
        }
    }
    Ok(sent)
}

#[cfg(not(target_os = "linux"))]
fn send_parts(_: &TcpStream, _: &HeldFile, _: &[IoSlice<'_>]) -> io::Result<usize> {
    unreachable!("no region exists off Linux")
}

#[cfg(test)]
mod tests {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::*;

    #[test]
    fn held_bodies_keep_their_bytes_and_are_found_in_the_file() {
        assert!(
            start(),
            "a temporary file or memfd, and mmap, work on Linux"
        );
        let region = region().unwrap();
        let text = Bytes::from("back end ".repeat(1000));
        let held = hold(text.clone());
        assert_eq!(held, text);
        assert!(region.offset_of(&held).is_some());
        assert!(
            region.offset_of(&held[10..20]).is_some(),
            "a part of a held body too"
        );
        assert_eq!(region.offset_of(&text), None, "ordinary memory is written");
        assert_eq!(hold(Bytes::new()), Bytes::new());
    }

    /// Resident kilobytes of the mapping that holds `address`, from
    /// `/proc/self/smaps`.
    fn resident_kb_of_mapping_at(address: usize) -> usize {
        let smaps = std::fs::read_to_string("/proc/self/smaps").unwrap();
        let mut inside = false;
        for line in smaps.lines() {
            let range = line.split(' ').next().and_then(|r| r.split_once('-'));
            if let Some((start, end)) = range
                && let (Ok(start), Ok(end)) = (
                    usize::from_str_radix(start, 16),
                    usize::from_str_radix(end, 16),
                )
            {
                inside = (start..end).contains(&address);
            } else if inside && let Some(kb) = line.strip_prefix("Rss:") {
                return kb.trim().trim_end_matches(" kB").trim().parse().unwrap();
            }
        }
        panic!("no mapping holds {address:#x}");
    }

    #[test]
    fn read_bodies_leave_memory_and_keep_their_bytes() {
        assert!(start());
        let text = Bytes::from(
            (0..16_000_000u32)
                .map(|i| (i % 253) as u8)
                .collect::<Vec<_>>(),
        );
        let held = hold(text.clone());
        let address = held.as_ptr() as usize;
        // Reading it maps every page (other tests may read a few MB too).
        assert!(held == text);
        let read = resident_kb_of_mapping_at(address);
        assert!(read >= 15_000, "{read} kB resident after reading 16 MB");
        unmap_resident();
        let after = resident_kb_of_mapping_at(address);
        assert!(
            after + 12_000 <= read,
            "{after} kB resident after letting go, {read} kB before"
        );
        assert!(held == text, "the bytes read back the same");
    }

    #[tokio::test]
    async fn headers_and_a_held_body_arrive_whole_and_in_order() {
        assert!(start());
        // Larger than a socket takes at once, so sendfile runs more than once.
        let body = hold(Bytes::from(
            (0..3_000_000u32)
                .map(|i| (i % 251) as u8)
                .collect::<Vec<_>>(),
        ));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let sending = body.clone();
        let server = tokio::spawn(async move {
            let (socket, _) = listener.accept().await.unwrap();
            let mut stream = Stream::new(socket);
            let head = b"HTTP/1.1 200 OK\r\n\r\n".to_vec();
            let mut parts = [&head[..], &sending[..], b"tail"];
            // As hyper does: write what the socket takes, then go on.
            while parts.iter().any(|p| !p.is_empty()) {
                let slices: Vec<IoSlice> = parts.iter().map(|p| IoSlice::new(p)).collect();
                let mut n = stream.write_vectored(&slices).await.unwrap();
                for part in parts.iter_mut() {
                    let take = n.min(part.len());
                    *part = &part[take..];
                    n -= take;
                }
            }
            stream.shutdown().await.unwrap();
        });
        let mut client = TcpStream::connect(addr).await.unwrap();
        let mut got = Vec::new();
        client.read_to_end(&mut got).await.unwrap();
        server.await.unwrap();
        let mut want = b"HTTP/1.1 200 OK\r\n\r\n".to_vec();
        want.extend_from_slice(&body);
        want.extend_from_slice(b"tail");
        assert_eq!(got.len(), want.len());
        assert!(got == want, "the bytes differ");
    }
}
