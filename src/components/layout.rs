//! The frame around every page: skip link, site header and footer.

use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_location};

use super::page_meta::SITE_NAME;
use super::search_dialog::Search;
use super::theme::ThemeToggle;
use crate::{site_map, storage::library::use_library};

/// First focusable element: lets keyboard users jump past the navigation.
/// The router would take the click as a same-page navigation and leave
/// focus behind, so the client moves focus itself.
#[component]
pub fn SkipLink() -> impl IntoView {
    let skip = move |event: leptos::ev::MouseEvent| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let main = document()
                .get_element_by_id("main")
                .and_then(|main| main.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(main) = main {
                event.prevent_default();
                let _ = main.focus();
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = event;
    };
    view! { <a class="skip-link" href="#main" on:click=skip>"Skip to content"</a> }
}

#[component]
pub fn SiteHeader() -> impl IntoView {
    let library = use_library();
    // The phone menu closes whenever the page changes.
    let menu_open = RwSignal::new(false);
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        menu_open.set(false);
    });
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
                    aria-expanded=move || if menu_open.get() { "true" } else { "false" }
                    on:click=move |_| menu_open.update(|open| *open = !*open)
                >
                    <span class="menu-icon" aria-hidden="true"></span>
                    "Menu"
                </button>
            </div>
            <nav aria-label="Site">
                <ul id="site-links" class="site-links" class:open=move || menu_open.get()>
                    <li><A href=site_map::HOME exact=true>"Overview"</A></li>
                    <li><A href=site_map::GLOSSARY>"Glossary"</A></li>
                    <li><A href=site_map::QUIZ>"Quiz"</A></li>
                    <li>
                        <A href=site_map::BOOKMARKS>
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
