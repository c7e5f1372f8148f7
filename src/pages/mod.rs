//! One component per route.

mod bookmarks;
mod glossary;
mod guide;
mod not_found;
mod overview;
mod quiz;

pub use bookmarks::BookmarksPage;
pub use glossary::GlossaryPage;
pub use guide::GuidePage;
pub use not_found::NotFound;
pub use overview::Overview;
pub use quiz::QuizPage;
