//! The frame around every page: skip link, site header and footer.

use leptos::prelude::*;
use leptos_router::components::A;

use super::page_meta::SITE_NAME;
use super::search_dialog::Search;
use super::theme::ThemeToggle;
use crate::{site_map, storage::library::use_library};

/// First focusable element: lets keyboard users jump past the navigation.
/// A link within the page, left to the browser (see `framework::navigation`).
#[component]
pub fn SkipLink() -> impl IntoView {
    view! { <a class="skip-link" href="#main">"Skip to content"</a> }
}

#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <header class="site-header">
            <A href=site_map::HOME attr:class="brand">
                <span class="brand-mark" aria-hidden="true">"{ }"</span>
                {SITE_NAME}
            </A>
            <div class="header-tools">
                <Search />
                <ThemeToggle />
                <button
                    type="button"
                    class="menu-button"
                    aria-controls="site-links"
                    aria-expanded="false"
                >
                    <span class="menu-icon" aria-hidden="true"></span>
                    "Menu"
                </button>
            </div>
            <nav aria-label="Site">
                <ul id="site-links" class="site-links">
                    <li><A href=site_map::HOME exact=true>"Overview"</A></li>
                    <li><A href=site_map::GLOSSARY>"Glossary"</A></li>
                    <li><A href=site_map::QUIZ>"Quiz"</A></li>
                    <li><A href=site_map::LEARNING_PATH>"Path"</A></li>
                    <li><A href=site_map::INTERVIEW>"Interviews"</A></li>
                    <li><A href=site_map::LAB>"SQL lab"</A></li>
                    <li>
                        <A href=site_map::BOOKMARKS>
                            "Bookmarks"
                            <BookmarkCount />
                            // Keeps the island from being its parent's last child.
                            " "
                        </A>
                    </li>
                    <li><a href="#contents">"Contents"</a></li>
                </ul>
            </nav>
        </header>
    }
}

/// How many bookmarks the reader has, beside the header link.
#[island]
fn BookmarkCount() -> impl IntoView {
    let library = use_library();
    let count = move || {
        library
            .loaded
            .get()
            .then(|| library.bookmarks.with(|b| b.items.len()))
            // No badge for none: a "0" is noise.
            .filter(|n| *n > 0)
    };
    move || {
        count().map(|n| {
            view! {
                <span class="badge">
                    <span class="visually-hidden">" ("</span>
                    {n}
                    <span class="visually-hidden">")"</span>
                </span>
            }
        })
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
