//! Calls into the system and the allocator that Rust cannot check: the
//! server's only `unsafe` code. Each block says what makes it sound; the
//! rest of the server (`zero_copy` above all) calls the safe functions and
//! types here.

use std::fs::File;
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Asks the kernel not to back this process's memory with transparent huge
/// pages. mimalloc marks its segments for them (`MADV_HUGEPAGE`), and a
/// 2 MB huge page is resident as a whole once any byte of it is touched. A
/// held connection touches only the first of the 4 KB pages in each of
/// hyper's two 8 KB buffers, so with huge pages 10,000 connections took the
/// server to 278 MB resident (244 MB of it in huge pages); without, 167 MB,
/// at the same throughput. Idle, the server goes from about 60 to 30 MB.
/// Runs first thing, before the site is built; `false` when the kernel
/// refuses (not Linux, or too old for the flag).
pub fn no_transparent_huge_pages() -> bool {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: PR_SET_THP_DISABLE takes plain integers and only sets a
        // flag on this process; it touches no memory of ours.
        unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) == 0 }
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

/// Asks mimalloc to give the memory it holds free back to the system now
/// (after start-up's compression, and after a burst of connections),
/// rather than when it next gets busy.
pub fn release_free_memory() {
    // SAFETY: mi_collect takes a plain flag and only asks the allocator to
    // release pages it holds free; no memory in use is touched.
    unsafe { libmimalloc_sys::mi_collect(true) };
}

/// Lets other threads waiting for this CPU run first (see
/// `cores::let_others_run` for why the server does this).
pub fn yield_cpu() {
    #[cfg(unix)]
    // SAFETY: sched_yield takes no arguments, touches no memory of ours and
    // cannot fail on Linux.
    unsafe {
        libc::sched_yield();
    }
}

/// A file that bodies are appended to and never changed after, mapped
/// read-only into memory, so that each appended body can be used as an
/// ordinary slice and also sent from the file with [`send_from_file`].
/// Lives as long as the process (the mapping is never unmapped).
pub struct HeldFile {
    file: File,
    /// Where the mapping starts in memory.
    base: usize,
    capacity: usize,
    /// Bytes appended so far (each range is handed out once).
    used: AtomicUsize,
}

impl HeldFile {
    /// `file` (opened for reading and writing, empty), grown to `capacity`
    /// bytes (sparse: nothing is stored until written) and mapped; `None`
    /// when the system refuses.
    #[cfg(target_os = "linux")]
    pub fn new(file: File, capacity: usize) -> Option<HeldFile> {
        file.set_len(capacity as u64).ok()?;
        let fd = file.as_raw_fd();
        // SAFETY: plain system calls on the open descriptor `file` owns.
        // The mapping is read-only and never unmapped; its bytes are read
        // only through `append`'s slices, each of a range written before
        // the slice is made and never written again.
        let base = unsafe {
            // Reads need not stamp the file's access time (each sendfile
            // did: `touch_atime` showed in the profile).
            let flags = libc::fcntl(fd, libc::F_GETFL);
            if flags >= 0 {
                libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NOATIME);
            }
            libc::mmap(
                std::ptr::null_mut(),
                capacity,
                libc::PROT_READ,
                libc::MAP_SHARED,
                fd,
                0,
            )
        };
        (base != libc::MAP_FAILED).then(|| HeldFile {
            file,
            base: base as usize,
            capacity,
            used: AtomicUsize::new(0),
        })
    }

    #[cfg(not(target_os = "linux"))]
    pub fn new(_: File, _: usize) -> Option<HeldFile> {
        None
    }

    /// Writes `bytes` after everything appended before, from the next page
    /// boundary, and returns them as they are in the mapping; `None` when
    /// there is no room left, or nothing to append.
    ///
    /// Why each body starts on a page: `sendfile` hands the socket the
    /// file's pages, and a body that starts part-way into a page cost the
    /// kernel twice the time per response (`bench/load.sh`'s 91 KB guide
    /// page, 64 connections: 41 against 21 µs of system time a request,
    /// 21k against 29k requests a second; docs/server-performance.md).
    /// The padding is at most a page per body, and never written.
    pub fn append(&'static self, bytes: &[u8]) -> io::Result<Option<&'static [u8]>> {
        use std::os::unix::fs::FileExt;
        let len = bytes.len();
        if len == 0 {
            return Ok(None);
        }
        let page = page_size();
        let mut start = 0;
        let reserved = self
            .used
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |used| {
                start = used.next_multiple_of(page);
                (start + len <= self.capacity).then_some(start + len)
            });
        if reserved.is_err() {
            return Ok(None);
        }
        // `start..start + len` was just reserved for this call alone: the
        // bump above never hands out a range twice.
        self.file.write_all_at(bytes, start as u64)?;
        // SAFETY: the range lies within the mapping, which is never
        // unmapped; its bytes were written above, once, and no write
        // reaches them again.
        let held = unsafe { std::slice::from_raw_parts((self.base + start) as *const u8, len) };
        Ok(Some(held))
    }

    /// Where `bytes` start in the file, if they lie wholly in what has been
    /// appended (a body from [`HeldFile::append`] or a part of one).
    pub fn offset_of(&self, bytes: &[u8]) -> Option<usize> {
        let start = (bytes.as_ptr() as usize).checked_sub(self.base)?;
        (start + bytes.len() <= self.used.load(Ordering::Acquire)).then_some(start)
    }

    /// Drops this process's mapping of the pages appended so far, as
    /// reading them (start-up's brotli pass compresses the held bodies)
    /// left them resident: 23 MB counted in the server's memory that
    /// nothing reads again, since bodies leave with `sendfile` from the
    /// file. The bytes stay in the file and the system's page cache; a
    /// later read of a slice maps its pages again, unchanged.
    #[cfg(target_os = "linux")]
    pub fn unmap_resident(&self) -> io::Result<()> {
        let len = self
            .used
            .load(Ordering::Acquire)
            .next_multiple_of(page_size());
        if len == 0 {
            return Ok(());
        }
        // SAFETY: `base..base + len` lies within the mapping (`used` never
        // passes `capacity`), which is never unmapped. On a shared mapping
        // of a file, MADV_DONTNEED only clears this process's page table
        // entries: the next read faults the page in again from the file,
        // with the same bytes, so every slice handed out stays valid.
        let done =
            unsafe { libc::madvise(self.base as *mut libc::c_void, len, libc::MADV_DONTNEED) };
        if done == 0 {
            Ok(())
        } else {
            Err(io::Error::last_os_error())
        }
    }

    #[cfg(not(target_os = "linux"))]
    pub fn unmap_resident(&self) -> io::Result<()> {
        Ok(())
    }

    /// The file, for [`send_from_file`].
    pub fn fd(&self) -> BorrowedFd<'_> {
        self.file.as_fd()
    }
}

/// The system's memory page size (4 KB when it cannot say).
pub fn page_size() -> usize {
    #[cfg(unix)]
    {
        // SAFETY: sysconf reads a constant of the system; it touches no
        // memory of ours.
        let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
        usize::try_from(size)
            .ok()
            .filter(|&s| s > 0)
            .unwrap_or(4096)
    }
    #[cfg(not(unix))]
    {
        4096
    }
}

/// Sends up to `len` bytes of `file`, from `offset`, on `socket` with
/// `sendfile`: the socket takes references to the file's cached pages
/// instead of a copy. Returns how many bytes went.
#[cfg(target_os = "linux")]
pub fn send_from_file(
    socket: BorrowedFd<'_>,
    file: BorrowedFd<'_>,
    offset: usize,
    len: usize,
) -> io::Result<usize> {
    let mut offset = offset as libc::off_t;
    // SAFETY: both descriptors are open for the borrows' lifetime;
    // `offset` is a local the call may update.
    let sent = unsafe { libc::sendfile(socket.as_raw_fd(), file.as_raw_fd(), &mut offset, len) };
    bytes_or_error(sent)
}

/// Sends `bytes` on `socket`, marked "more to come" when `more` (so that a
/// head and the body after it leave in full segments). Returns how many
/// bytes went.
#[cfg(target_os = "linux")]
pub fn send(socket: BorrowedFd<'_>, bytes: &[u8], more: bool) -> io::Result<usize> {
    let flags = libc::MSG_NOSIGNAL | if more { libc::MSG_MORE } else { 0 };
    // SAFETY: the descriptor is open for the borrow's lifetime and `bytes`
    // is a live slice of `bytes.len()` bytes.
    let sent = unsafe {
        libc::send(
            socket.as_raw_fd(),
            bytes.as_ptr().cast(),
            bytes.len(),
            flags,
        )
    };
    bytes_or_error(sent)
}

/// What a call that returns a byte count, or -1 and `errno`, came to.
#[cfg(target_os = "linux")]
fn bytes_or_error(result: isize) -> io::Result<usize> {
    usize::try_from(result).map_err(|_| io::Error::last_os_error())
}

/// An anonymous shared-memory file (`memfd`), for when the temporary
/// directory takes no unnamed files.
#[cfg(target_os = "linux")]
pub fn shared_memory_file(name: &std::ffi::CStr) -> Option<File> {
    use std::os::fd::FromRawFd;
    // SAFETY: `name` is a valid C string; the descriptor, when there is
    // one, is new and handed to the `File` that owns it from then on.
    unsafe {
        let fd = libc::memfd_create(name.as_ptr(), libc::MFD_CLOEXEC);
        (fd >= 0).then(|| File::from_raw_fd(fd))
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_os = "linux")]
    #[test]
    fn held_bodies_start_on_page_boundaries_and_read_back_whole() {
        use super::{HeldFile, page_size};
        let file = crate::server::zero_copy::temporary_file().unwrap();
        let held: &'static HeldFile = Box::leak(Box::new(HeldFile::new(file, 1 << 20).unwrap()));
        let page = page_size();
        let bodies: Vec<Vec<u8>> = [1, 5000, 3 * page + 17, page]
            .iter()
            .enumerate()
            .map(|(i, &len)| vec![b'a' + i as u8; len])
            .collect();
        for body in &bodies {
            let slice = held.append(body).unwrap().unwrap();
            assert_eq!(slice, &body[..]);
            let offset = held.offset_of(slice).unwrap();
            assert_eq!(
                offset % page,
                0,
                "a body of {} bytes starts at {offset}",
                body.len()
            );
        }
        assert!(
            held.append(&vec![0; 1 << 20]).unwrap().is_none(),
            "no room left"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_kernel_takes_the_flag() {
        assert!(super::no_transparent_huge_pages());
        // SAFETY: PR_GET_THP_DISABLE reads the flag back.
        assert_eq!(
            unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) },
            1
        );
    }
}
