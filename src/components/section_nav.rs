//! The guide's table of contents, marking the section being read.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::{content::SECTIONS, site_map, storage::library::use_library};

/// A tick after a section the reader has read.
#[island]
fn ReadMark(slug: String) -> impl IntoView {
    let library = use_library();
    let read = move || library.loaded.get() && library.is_read(&slug);
    move || {
        read().then(|| {
            view! {
                <span class="read-mark">
                    <span aria-hidden="true">" \u{2713}"</span>
                    <span class="visually-hidden">" (read)"</span>
                </span>
            }
        })
    }
}

/// Every section in reading order. The server's `<A>` sets
/// `aria-current="page"` on the link of the current one; after a move in
/// the browser, `framework::navigation` marks it again.
#[component]
pub fn SectionNav() -> impl IntoView {
    view! {
        <nav class="section-nav" id="contents" aria-labelledby="contents-title">
            <h2 id="contents-title" class="nav-title">"Contents"</h2>
            <ol>
                {SECTIONS
                    .iter()
                    .map(|s| {
                        view! {
                            <li>
                                <A href=s.path()>
                                    {s.title}
                                    <ReadMark slug=s.slug.to_string() />
                                    // Keeps the island from being its parent's last child.
                                    " "
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <ul class="nav-extra">
                <li><A href=site_map::GLOSSARY>"Glossary of terms"</A></li>
                <li><A href=site_map::QUIZ>"Skills quiz"</A></li>
                <li><A href=site_map::LEARNING_PATH>"Learning path"</A></li>
                <li><A href=site_map::INTERVIEW>"Interview kit"</A></li>
            </ul>
        </nav>
    }
}
