//! The server binary: load the configuration, build the app, serve.

#[cfg(feature = "ssr")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(feature = "ssr")]
fn main() -> std::process::ExitCode {
    backend_guide::server::run()
}

#[cfg(not(feature = "ssr"))]
fn main() {
    // The client half is a library loaded by the browser; this binary is the server.
    eprintln!("build the server with `--features ssr` (cargo leptos does this)");
}
