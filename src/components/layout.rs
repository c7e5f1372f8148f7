//! The frame around every page: skip link, site header and footer.

use leptos::prelude::*;
use leptos_router::components::A;

use super::page_meta::SITE_NAME;
use crate::storage::context::use_library;

/// First focusable element: lets keyboard users jump past the navigation.
#[component]
pub fn SkipLink() -> impl IntoView {
    view! { <a class="skip-link" href="#main">"Skip to content"</a> }
}

#[component]
pub fn SiteHeader() -> impl IntoView {
    let library = use_library();
    let count = move || {
        library
            .loaded
            .get()
            .then(|| library.bookmarks.with(|b| b.items.len()))
            // No badge for none: a "0" is noise.
            .filter(|n| *n > 0)
    };
    view! {
        <header class="site-header">
            <A href="/" attr:class="brand">
                <span class="brand-mark" aria-hidden="true">"{ }"</span>
                {SITE_NAME}
            </A>
            <nav aria-label="Site">
                <ul class="site-links">
                    <li><A href="/" exact=true>"Overview"</A></li>
                    <li><A href="/glossary">"Glossary"</A></li>
                    <li><A href="/quiz">"Quiz"</A></li>
                    <li>
                        <A href="/bookmarks">
                            "Bookmarks"
                            {move || count().map(|n| view! {
                                <span class="badge">
                                    <span class="visually-hidden">" ("</span>
                                    {n}
                                    <span class="visually-hidden">")"</span>
                                </span>
                            })}
                        </A>
                    </li>
                    <li><a href="#contents">"Contents"</a></li>
                </ul>
            </nav>
        </header>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>
                "Backend Guide: a free, open guide to back end development, "
                "for people choosing the career and people hiring for it."
            </p>
        </footer>
    }
}
