//! The HTML shell, the router and the routes.

use leptos::prelude::*;
use leptos_meta::{MetaTags, provide_meta_context};
use leptos_router::components::Router;

use crate::{
    components::inline_scripts,
    components::layout::{SiteFooter, SiteHeader, SkipLink},
    components::library_notice::LibraryNotice,
    components::offline_status::OfflineStatus,
    components::section_nav::SectionNav,
    components::site_style::SiteStyle,
    routes::SiteRoutes,
};

/// The document around the app: rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                // Before anything paints: the reader's saved theme, if any.
                <script inner_html=inline_scripts::THEME></script>
                <script inner_html=inline_scripts::MENU></script>
                <script inner_html=inline_scripts::COPY_CODE></script>
                <script inner_html=inline_scripts::PAGE_NAVIGATION></script>
                <meta name="theme-color" content="#0b5cad" />
                <link rel="icon" href="/favicon.ico" sizes="32x32" />
                <link rel="icon" href="/icons/icon.svg" type="image/svg+xml" />
                <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png" />
                <link rel="manifest" href="/manifest.webmanifest" />
                <AutoReload options=options.clone() />
                <SiteStyle options=options.clone() />
                <HydrationScripts options islands=true islands_router=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Rendered on the server only: the interactive parts are islands
/// (`#[island]`), hydrated on their own in the browser.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <SkipLink />
            <SiteHeader />
            <div class="layout">
                <main id="main" tabindex="-1">
                    <LibraryNotice />
                    <SiteRoutes />
                </main>
                <SectionNav />
            </div>
            // Not the last child: the islands router overwrites an island
            // that is (docs/islands-research.md).
            <OfflineStatus />
            <SiteFooter />
        </Router>
    }
}
