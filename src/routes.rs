//! The route views: which page component answers which path. The paths
//! themselves, and the list of pages the server renders at start-up, are
//! pure data in [`crate::site_map`], which imports no page (pages link to
//! each other through it).

use leptos::prelude::*;
use leptos_router::{
    components::{Route, Routes},
    path,
};

use crate::pages::{
    BookmarksPage, GlossaryPage, GuidePage, InterviewPage, LabPage, NotFound, Overview, PathPage,
    QuizPage,
};

/// Every route of the app; anything else is the 404 page. Each path here is
/// one of `site_map`'s (a test in `server` checks that the router's list and
/// the site map's pages agree).
#[component]
pub fn SiteRoutes() -> impl IntoView {
    view! {
        <Routes fallback=NotFound>
            <Route path=path!("/") view=Overview />
            <Route path=path!("/guide/:slug") view=GuidePage />
            <Route path=path!("/glossary") view=GlossaryPage />
            <Route path=path!("/quiz") view=QuizPage />
            <Route path=path!("/bookmarks") view=BookmarksPage />
            <Route path=path!("/path") view=PathPage />
            <Route path=path!("/interview") view=InterviewPage />
            <Route path=path!("/lab") view=LabPage />
        </Routes>
    }
}
