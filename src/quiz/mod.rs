//! The skills quiz: question bank, attempts, scoring and study plan.
//! Pure logic only: no Leptos, no browser, fully tested on the host.

pub mod attempt;
pub mod bank;
pub mod bank_data;
pub mod plan;
pub mod scoring;
