//! backend-guide: an interactive guide to the role of a back end developer.
//! The same components render on the server (feature `ssr`) and hydrate in
//! the browser (feature `hydrate`).
#![recursion_limit = "256"]

pub mod app;
pub mod components;
pub mod content;
pub mod format;
pub mod framework;
pub mod http_status;
pub mod interview;
pub mod lab;
pub mod learning;
#[cfg(test)]
mod module_layering;
pub mod pages;
pub mod quiz;
pub mod routes;
pub mod search;
#[cfg(feature = "ssr")]
pub mod server;
pub mod site_map;
pub mod storage;

/// The WASM client's entry point, called by the script cargo-leptos generates.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // With panics that abort at once (the size build, scripts/setup.sh) no
    // hook ever runs: leave its code out. Other builds log panics.
    #[cfg(not(panic = "immediate-abort"))]
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    framework::navigation::mark_client_running();
}
