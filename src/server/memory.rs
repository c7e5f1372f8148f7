//! Resident memory: what the allocator keeps, and what the kernel backs.

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
