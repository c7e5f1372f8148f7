//! The guide's table of contents, marking the section being read.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::content::SECTIONS;

/// Every section in reading order; the router's `<A>` sets
/// `aria-current="page"` on the link of the current one.
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
                                <A href=s.path()>{s.title}</A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <ul class="nav-extra">
                <li><A href="/glossary">"Glossary of terms"</A></li>
                <li><A href="/quiz">"Skills quiz"</A></li>
            </ul>
        </nav>
    }
}
