//! The interview kit (`/interview`): the question bank as the browser gets
//! it, building and editing kits, interviews with their scorecards and
//! summaries, and share links. Pure logic, tested on the host; the page is in
//! `pages::interview` and what is kept in storage in `storage::interview_data`.

pub mod bank;
pub mod kit;
pub mod rubric;
pub mod scorecard;
pub mod share;

pub use bank::{Bank, BankQuestion, Level};
pub use kit::Kit;
