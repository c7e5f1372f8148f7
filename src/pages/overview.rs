//! `/`: what the guide is for and its table of contents.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::{
    components::page_meta::{PageMeta, SITE_NAME},
    content::{SECTIONS, total_reading_minutes},
    site_map::{self, into_guide},
    storage::library::use_library,
};

#[component]
pub fn Overview() -> impl IntoView {
    let first = SECTIONS.first().map(|s| s.path()).unwrap_or_default();
    view! {
        <PageMeta
            title=SITE_NAME
            description="A plain-English guide to back end development: what the job is, the skills and tools it needs, how teams work, and where the career leads."
        />
        <article class="overview">
            <header class="hero">
                <h1>"The back end developer's guide"</h1>
                <p class="lead">
                    "Every web application has a part nobody sees: the servers, databases and "
                    "code that turn a click into a result. This guide explains that work, what "
                    "it takes to do it well, and where it can take you."
                </p>
                <A href=first attr:class="button">"Start reading"</A>
                <ReadingSummary />
                // Keeps the island from being its parent's last child.
                " "
            </header>

            <section aria-labelledby="who-for">
                <h2 id="who-for">"Who this guide is for"</h2>
                <div class="audiences">
                    <div class="audience">
                        <h3>"Choosing a career"</h3>
                        <p>
                            "Find out what back end developers do all day, which skills to learn "
                            "first, and how the path runs from a first job to lead developer and architect."
                        </p>
                    </div>
                    <div class="audience">
                        <h3>"Hiring a developer"</h3>
                        <p>
                            "Learn the vocabulary, what separates strong candidates, and what to "
                            "ask in an interview. The "
                            <A href=into_guide::href(into_guide::FOR_HIRING_MANAGERS)>"section for hiring managers"</A>
                            " and the "
                            <A href=into_guide::href(into_guide::HIRING_CHECKLIST)>"hiring checklist"</A>
                            " are good places to start."
                        </p>
                    </div>
                </div>
            </section>

            <section aria-labelledby="toc-title">
                <h2 id="toc-title">"Contents"</h2>
                <p>
                    {format!(
                        "{} sections, about {} minutes of reading in all. ",
                        SECTIONS.len(),
                        total_reading_minutes(),
                    )}
                    "Unfamiliar words are explained in the "
                    <A href=site_map::GLOSSARY>"glossary"</A>
                    ", and the "
                    <A href=site_map::QUIZ>"skills quiz"</A>
                    " shows what you know and what to read next."
                </p>
                <ol class="toc">
                    {SECTIONS
                        .iter()
                        .map(|s| {
                            view! {
                                <li class="toc-entry">
                                    <A href=s.path() attr:class="toc-title">{s.title}</A>
                                    <p class="toc-summary">{s.summary}</p>
                                    <p class="toc-time">{format!("{} min read", s.reading_minutes)}</p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </section>
        </article>
    }
}

/// How far the visitor has read, and where to pick up (browser only).
/// What the reader has read so far, once the browser has read it.
#[island]
fn ReadingSummary() -> impl IntoView {
    let library = use_library();
    move || {
        if !library.loaded.get() {
            return None;
        }
        let (read, next) = library.progress.with(|p| (p.read_count(), p.continue_at()));
        if read == 0 && library.progress.with(|p| p.last_section.is_none()) {
            return None;
        }
        let total = SECTIONS.len();
        Some(view! {
            <div class="reading-summary">
                <p>{format!("You have read {read} of {total} sections.")}</p>
                <progress max=total value=read aria-hidden="true"></progress>
                {next.map(|s| view! {
                    <p>"Continue reading: " <a href=s.path()>{s.title}</a></p>
                })}
            </div>
        })
    }
}
