//! One component per route.

mod glossary;
mod guide;
mod not_found;
mod overview;
mod quiz;

pub use glossary::GlossaryPage;
pub use guide::GuidePage;
pub use not_found::NotFound;
pub use overview::Overview;
pub use quiz::QuizPage;
