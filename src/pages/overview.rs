//! `/`: what the guide is for and its table of contents.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::{
    components::page_meta::{PageMeta, SITE_NAME},
    content::{SECTIONS, total_reading_minutes},
    site_map::{self, into_guide},
    storage::{
        library::use_library,
        path_data::{PathProgress, all_check_keys},
    },
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
                <ReadingSummary path_checks=all_check_keys() />
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
                            "first, and how the path runs from a first job to lead developer and architect. "
                            "The " <A href=site_map::LEARNING_PATH>"learning path"</A>
                            " turns it into stages with a project and checks you tick off, and the "
                            <A href=site_map::LAB>"SQL lab"</A>
                            " lets you try the work itself: real PostgreSQL in your browser, with exercises that check your answers."
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
                            " are good places to start, and the "
                            <A href=site_map::INTERVIEW>"interview kit"</A>
                            " builds a question set with a scoring sheet; its SQL work samples come with a lab exercise a candidate can solve while you watch."
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

/// What the reader has read so far and how far along the learning path they
/// are, once the browser has read it. `path_checks`: the path's checks today.
#[island]
fn ReadingSummary(path_checks: Vec<String>) -> impl IntoView {
    let library = use_library();
    let path_done = RwSignal::new(0);
    let path_total = path_checks.len();
    Effect::new(move |_| {
        let path = crate::storage::load::<PathProgress>();
        // Unreadable path data is set aside; the reader is told, as for the rest.
        library.report(path.issue);
        path_done.set(
            path.record
                .count_done(path_checks.iter().map(String::as_str)),
        );
    });
    move || {
        if !library.loaded.get() {
            return None;
        }
        let (read, next) = library.progress.with(|p| (p.read_count(), p.continue_at()));
        let done = path_done.get();
        if read == 0 && done == 0 && library.progress.with(|p| p.last_section.is_none()) {
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
                <p class="path-summary">
                    {format!("Learning path: {done} of {path_total} checks done. ")}
                    <a href=site_map::LEARNING_PATH>"Open the learning path"</a>
                </p>
            </div>
        })
    }
}
