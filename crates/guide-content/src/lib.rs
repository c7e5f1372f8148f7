//! The guide's content model and link formats, shared by the app and its
//! build script.
//!
//! - [`model`]: the types the generated static data is made of (sections,
//!   glossary terms, skill areas, quiz questions, search documents).
//! - [`links`]: how the site addresses a section, a heading and a glossary
//!   term. The build checks every link in `content/` with the same code the
//!   app uses to build links, so the two cannot drift apart.
//! - `build` (feature `build`, used by the app's `build.rs` only): reads
//!   `content/`, checks it, and writes the static data as Rust source.

pub mod links;
pub mod model;

#[cfg(feature = "build")]
pub mod build;

pub use model::*;
