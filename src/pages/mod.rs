//! One component per route.

mod bookmarks;
mod glossary;
mod guide;
mod interview;
mod lab;
mod not_found;
mod overview;
mod path;
mod quiz;

pub use bookmarks::BookmarksPage;
pub use glossary::GlossaryPage;
pub use guide::GuidePage;
pub use interview::InterviewPage;
pub use lab::LabPage;
pub use not_found::NotFound;
pub use overview::Overview;
pub use path::PathPage;
pub use quiz::QuizPage;
