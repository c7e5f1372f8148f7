//! `/lab`: the SQL lab. The guide's SQL on a real PostgreSQL (PGlite,
//! PostgreSQL compiled to WebAssembly) running in a Web Worker in the
//! reader's browser, offline after the first visit.
//!
//! The server renders the exercises, their tasks and the schema, so the
//! page reads the same without JavaScript; the workbench island
//! ([`bench::LabBench`]) runs queries through the lab's own module script,
//! which only this page loads: the island adds it to the document (a
//! `<script>` in the page's HTML would not run when the site's router
//! swaps pages in). Its address comes from the lab build's manifest (see
//! `crate::lab::entry`).

mod bench;
#[cfg(feature = "hydrate")]
mod engine;

use leptos::prelude::*;

use crate::{
    components::page_meta::PageMeta,
    lab::{self, ExerciseCard, LAB_SCHEMA},
};

#[component]
pub fn LabPage() -> impl IntoView {
    let cards = lab::cards();
    let count = cards.len();
    let entry = lab::entry().map(String::from);
    view! {
        <PageMeta
            title="SQL lab"
            description="Practise the guide's SQL on a real PostgreSQL that runs in your browser, offline: filtering, pagination, joins, transactions, upserts, indexes read through EXPLAIN, and SQL injection."
        />
        <article class="lab-page" aria-labelledby="page-title">
            <h1 id="page-title">"SQL lab"</h1>
            <p class="lead">
                {format!("{count} exercises on the guide's running example, an online shop with 100,000 orders. ")}
                "They run on a real PostgreSQL 18 inside your browser (PGlite, PostgreSQL compiled to WebAssembly): "
                "nothing is sent anywhere, no account is needed, and after the first visit the lab works offline. "
                "Each answer is checked by running a reference query on the same data and comparing the rows."
            </p>
            <p class="needs-js">
                "Running queries needs JavaScript and WebAssembly, and a one-time download of about 3.7 MB "
                "(the database engine). The exercises and the schema below read the same without them."
            </p>
            <bench::LabBench exercises=cards.clone() entry text=bench_text() />
            <ExerciseList cards />
            <section class="lab-schema" aria-labelledby="schema-title">
                    <h2 id="schema-title">"The shop's tables"</h2>
                    <p>
                        "Amounts are integer cents with a currency; times are "
                        <code>"timestamptz"</code>
                        ". The shop's clock stopped at 2026-12-01 00:00 UTC."
                    </p>
                    <pre tabindex="0" class="lab-schema-sql"><code>{LAB_SCHEMA}</code></pre>
            </section>
        </article>
    }
}

/// The workbench's sentences (see [`bench::BenchText`]).
fn bench_text() -> bench::BenchText {
    bench::BenchText {
        playground: "Run any SQL against the shop's database. What you commit (an insert, a new index) \
                     is kept in this browser until you reset the database; exercises never change it."
            .into(),
        seed_changed: "You have changed the shop's data in the playground. Exercises are checked against \
                       the same data, so if an answer looks right but is judged wrong, reset the database."
            .into(),
        reset_question: "Reset the shop's database to how it started? Every change you committed to its \
                         data is dropped; your solved exercises stay."
            .into(),
        stopped: "Stopped. PostgreSQL restarted; your data is as it was before that query.".into(),
        no_engine: "this copy of the site was built without the lab's engine (run lab/build.mjs).".into(),
    }
}

/// Every exercise by topic, with its task: the page's content without
/// JavaScript, and the way into any exercise with it (the workbench island
/// hears its "Practise" clicks; the list itself is never hydrated).
#[component]
fn ExerciseList(cards: Vec<ExerciseCard>) -> impl IntoView {
    let topics: Vec<(String, Vec<ExerciseCard>)> = lab::by_topic(&cards)
        .into_iter()
        .map(|(topic, list)| {
            (
                topic.to_string(),
                list.into_iter().map(|(_, c)| c.clone()).collect(),
            )
        })
        .collect();
    view! {
        <section class="lab-exercises" aria-labelledby="exercises-title">
            <h2 id="exercises-title">"Exercises"</h2>
            {topics
                .into_iter()
                .enumerate()
                .map(|(i, (topic, list))| {
                    let heading = format!("lab-topic-{i}");
                    view! {
                        <section aria-labelledby=heading.clone()>
                            <h3 id=heading.clone()>{topic}</h3>
                            <ol class="lab-exercise-list">
                                {list.into_iter().map(|card| view! { <ExerciseItem card /> }).collect_view()}
                            </ol>
                        </section>
                    }
                })
                .collect_view()}
        </section>
    }
}

#[component]
fn ExerciseItem(card: ExerciseCard) -> impl IntoView {
    let href = format!("{}#workbench", crate::site_map::lab_exercise(&card.id));
    view! {
        <li id=format!("exercise-{}", card.id)>
            <h4>{card.title.clone()}</h4>
            <div inner_html=card.task_html></div>
            <p class="lab-exercise-links">
                <a href=href data-exercise=card.id.clone()>
                    "Practise"
                    <span class="visually-hidden">{format!(": {}", card.title)}</span>
                </a>
                " \u{b7} "
                <a href=card.guide.0>{format!("Read: {}", card.guide.1)}</a>
            </p>
        </li>
    }
}
