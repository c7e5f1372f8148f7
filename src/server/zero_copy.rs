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
//! The file is an unnamed one in the temporary directory (`O_TMPFILE`, gone
//! when the process ends), so its pages sit in an ordinary filesystem's
//! page cache: `sendfile` gathers those in batches and, on filesystems with
//! large folios, a few at a time. Shared memory (`memfd`, tried next) is
//! looked up page by page, which cost 8% of the server's CPU on the guide
//! page. Without either (not Linux, or refused) nothing is held there and
//! every write is ordinary.

use std::fs::File;
use std::io::{self, IoSlice};
use std::os::fd::AsRawFd;
use std::os::unix::fs::FileExt;
use std::pin::Pin;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, ready};

use axum::body::Bytes;
use tokio::io::{AsyncRead, AsyncWrite, Interest, ReadBuf};
use tokio::net::TcpStream;

/// Room for held bodies. The file is sparse and the mapping only address
/// space: memory is used for what is written, not for this.
const CAPACITY: usize = 1 << 30;

/// The file the held bodies live in, and its mapping.
struct Region {
    file: File,
    base: usize,
    used: AtomicUsize,
}

static REGION: OnceLock<Option<Region>> = OnceLock::new();

fn region() -> Option<&'static Region> {
    REGION.get().and_then(Option::as_ref)
}

/// Makes the file and maps it, once; `false` when the system refuses (the
/// server then writes every body as before).
pub fn start() -> bool {
    REGION.get_or_init(Region::create).is_some()
}

impl Region {
    #[cfg(target_os = "linux")]
    fn create() -> Option<Region> {
        let file = temporary_file().or_else(shared_memory)?;
        file.set_len(CAPACITY as u64).ok()?;
        let fd = file.as_raw_fd();
        // SAFETY: plain system calls on the open file `file` owns; the
        // mapping is checked before it is used and is never unmapped (held
        // bodies live as long as the process).
        let base = unsafe {
            // Reads need not stamp the file's access time (each sendfile
            // did: `touch_atime` showed in the profile).
            let flags = libc::fcntl(fd, libc::F_GETFL);
            if flags >= 0 {
                libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NOATIME);
            }
            libc::mmap(
                std::ptr::null_mut(),
                CAPACITY,
                libc::PROT_READ,
                libc::MAP_SHARED,
                fd,
                0,
            )
        };
        (base != libc::MAP_FAILED).then(|| Region {
            file,
            base: base as usize,
            used: AtomicUsize::new(0),
        })
    }

    #[cfg(not(target_os = "linux"))]
    fn create() -> Option<Region> {
        None
    }

    /// Where `bytes` start in the file, if they lie wholly in the mapping.
    fn offset_of(&self, bytes: &[u8]) -> Option<usize> {
        let start = (bytes.as_ptr() as usize).checked_sub(self.base)?;
        (start + bytes.len() <= self.used.load(Ordering::Acquire)).then_some(start)
    }
}

/// An unnamed file in the temporary directory (`TMPDIR`, else `/tmp`).
#[cfg(target_os = "linux")]
fn temporary_file() -> Option<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .mode(0o600)
        .custom_flags(libc::O_TMPFILE)
        .open(std::env::temp_dir())
        .ok()
}

/// An anonymous shared-memory file.
#[cfg(target_os = "linux")]
fn shared_memory() -> Option<File> {
    use std::os::fd::FromRawFd;
    // SAFETY: the name is a valid C string; the descriptor, when there is
    // one, is new and handed to the `File` that owns it from then on.
    unsafe {
        let fd = libc::memfd_create(c"backend-guide-bodies".as_ptr(), libc::MFD_CLOEXEC);
        (fd >= 0).then(|| File::from_raw_fd(fd))
    }
}

/// `body` moved into the held file, to be sent without a copy; `body` as
/// it is when there is no file, no room, or nothing to gain. Only for
/// bodies held for the whole run: the room is never given back.
pub fn hold(body: Bytes) -> Bytes {
    let Some(region) = region() else {
        return body;
    };
    if body.is_empty() {
        return body;
    }
    let len = body.len();
    let Ok(start) = region
        .used
        .fetch_update(Ordering::AcqRel, Ordering::Acquire, |used| {
            (used + len <= CAPACITY).then_some(used + len)
        })
    else {
        return body;
    };
    // `start..start + len` was just reserved for this call alone (the bump
    // above never hands out a range twice). A full disk leaves the body
    // where it is.
    if let Err(e) = region.file.write_all_at(&body, start as u64) {
        tracing::warn!("a body stays in memory: cannot write it to the held file: {e}");
        return body;
    }
    // SAFETY: the range lies within the mapping, which is never unmapped,
    // and its bytes were written above, once, before the slice is shared.
    let held: &'static [u8] =
        unsafe { std::slice::from_raw_parts((region.base + start) as *const u8, len) };
    Bytes::from_static(held)
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
fn send_parts(socket: &TcpStream, region: &Region, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
    let fd = socket.as_raw_fd();
    let mut sent = 0;
    for (i, buf) in bufs.iter().enumerate() {
        if buf.is_empty() {
            continue;
        }
        let more = bufs[i + 1..].iter().any(|b| !b.is_empty());
        // SAFETY: `fd` is the open socket `socket` owns; `buf` is a live
        // slice for `send`; for `sendfile`, `offset_of` checked that the
        // range lies in the region's file.
        let result = unsafe {
            match region.offset_of(buf) {
                Some(start) => {
                    let mut offset = start as libc::off_t;
                    libc::sendfile(fd, region.file.as_raw_fd(), &mut offset, buf.len())
                }
                None => {
                    let flags = libc::MSG_NOSIGNAL | if more { libc::MSG_MORE } else { 0 };
                    libc::send(fd, buf.as_ptr().cast(), buf.len(), flags)
                }
            }
        };
        if result < 0 {
            let error = io::Error::last_os_error();
            return if sent > 0 { Ok(sent) } else { Err(error) };
        }
        let n = result as usize;
        sent += n;
        if n < buf.len() {
            break;
        }
    }
    Ok(sent)
}

#[cfg(not(target_os = "linux"))]
fn send_parts(_: &TcpStream, _: &Region, _: &[IoSlice<'_>]) -> io::Result<usize> {
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
