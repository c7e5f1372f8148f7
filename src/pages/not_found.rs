//! The page for any unknown address, answered with status 404.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::{components::page_meta::PageMeta, content::SECTIONS, site_map};

#[component]
pub fn NotFound() -> impl IntoView {
    crate::http_status::set_not_found();
    view! {
        <PageMeta
            title="Page not found"
            description="This address is not part of the Backend Guide. Here are the guide's sections instead."
        />
        <article class="not-found" aria-labelledby="page-title">
            <h1 id="page-title">"Page not found"</h1>
            <p class="lead">
                "There is no page at this address. It may have moved, or the link may have a typo."
            </p>
            <p>
                <A href=site_map::HOME attr:class="button">"Go to the overview"</A>
            </p>
            <h2>"Sections of the guide"</h2>
            <ul>
                {SECTIONS
                    .iter()
                    .map(|s| view! { <li><A href=s.path()>{s.title}</A></li> })
                    .collect_view()}
                <li><A href=site_map::GLOSSARY>"Glossary"</A></li>
            </ul>
        </article>
    }
}
