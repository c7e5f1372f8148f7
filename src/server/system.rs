//! Calls into the system and the allocator that Rust cannot check: the
//! server's only `unsafe` code besides `zero_copy` (whose mapping is its
//! whole purpose). Each block says what makes it sound; the rest of the
//! server calls the safe functions here.

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

#[cfg(test)]
mod tests {
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
