//! `/path`: the learning path, stage by stage, with the checks a learner
//! ticks (kept in the browser) and their latest quiz score per area.
//!
//! The stages travel as data in the island's props (like the quiz bank), so
//! their text is not compiled into the WASM every page downloads. The
//! server renders the whole path, so it reads the same with JavaScript off.

use leptos::either::Either;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    components::{notice::Notice, page_meta::PageMeta, storage_words},
    content::{self, GLOSSARY},
    learning::{PATH_PROJECT, PATH_STAGES},
    quiz::bank::Area,
    site_map,
    storage::{
        self,
        lab_data::LabProgress,
        path_data::{PathProgress, check_key},
        quiz_data::QuizData,
        schema::Record,
    },
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageData {
    id: String,
    title: String,
    summary: String,
    /// About how many hours it takes.
    hours: u16,
    areas: Vec<Area>,
    goals: Vec<String>,
    /// Guide links and their titles.
    reading: Vec<(String, String)>,
    /// Glossary links and their terms.
    terms: Vec<(String, String)>,
    project: String,
    checks: Vec<CheckData>,
    /// SQL lab exercises that practise it: (id, title, address).
    lab: Vec<(String, String, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckData {
    /// The stored key, `stage/check`.
    key: String,
    text: String,
    /// How to meet it alone, when it needs other people; empty otherwise.
    solo: String,
    /// Keys it was stored under before: ticks under them are moved to it.
    formerly: Vec<String>,
}

fn stages() -> Vec<StageData> {
    PATH_STAGES
        .iter()
        .map(|s| StageData {
            id: s.id.into(),
            title: s.title.into(),
            summary: s.summary.into(),
            hours: s.hours,
            areas: s.areas.iter().filter_map(|a| Area::from_id(a)).collect(),
            goals: s.goals.iter().map(|g| g.to_string()).collect(),
            reading: s
                .sections
                .iter()
                .map(|l| {
                    (
                        l.to_string(),
                        content::link_title(l).unwrap_or_else(|| l.to_string()),
                    )
                })
                .collect(),
            terms: s
                .terms
                .iter()
                .filter_map(|id| GLOSSARY.iter().find(|t| t.id == *id))
                .map(|t| (site_map::glossary_term(t.id), t.term.to_string()))
                .collect(),
            project: s.project.into(),
            checks: s
                .checks
                .iter()
                .map(|c| CheckData {
                    key: check_key(s.id, c.id),
                    text: c.text.into(),
                    solo: c.solo.into(),
                    formerly: c.formerly.iter().map(|f| f.to_string()).collect(),
                })
                .collect(),
            lab: s
                .lab
                .iter()
                .filter_map(|id| crate::lab::LAB_EXERCISES.iter().find(|e| e.id == *id))
                .map(|e| (e.id.into(), e.title.into(), site_map::lab_exercise(e.id)))
                .collect(),
        })
        .collect()
}

#[component]
pub fn PathPage() -> impl IntoView {
    let stages = stages();
    let count = stages.len();
    let hours: u32 = stages.iter().map(|s| u32::from(s.hours)).sum();
    view! {
        <PageMeta
            title="Learning path"
            description="A back end learning path, stage by stage: goals, what to read, a project that grows from stage to stage, time estimates, and checks you tick off as you go."
        />
        <article class="path-page" aria-labelledby="page-title">
            <h1 id="page-title">"Learning path"</h1>
            <p class="lead">
                {format!(
                    "{count} stages from the terminal and Git to running a service in production, about {hours} hours of study and practice in all. "
                )}
                "Each stage says what to learn, what to read in this guide, what to add to your project, "
                "and how to know you are done: every check is something you can show or run. "
                "Tick the checks as you go: they stay in this browser."
            </p>
            <nav class="stage-index" aria-labelledby="stage-index-title">
                <h2 id="stage-index-title">"Stages"</h2>
                <ol>
                    {stages
                        .iter()
                        .map(|s| view! {
                            <li>
                                <a href=format!("#{}", s.id)>{s.title.clone()}</a>
                                <span class="stage-hours">{format!(" \u{b7} about {} hours", s.hours)}</span>
                            </li>
                        })
                        .collect_view()}
                </ol>
            </nav>
            <p class="needs-js">"Ticking checks needs JavaScript; every stage reads the same without it."</p>
            <section class="path-project" aria-labelledby="project-title">
                <h2 id="project-title">"The project"</h2>
                <p>{PATH_PROJECT}</p>
            </section>
            <PathTracker stages />
            " "
        </article>
    }
}

/// Latest quiz score per area: from the newest attempt that covered it.
fn latest_scores(quiz: &QuizData) -> Vec<(Area, u32)> {
    let mut latest: Vec<(Area, u32)> = Vec::new();
    for finished in &quiz.history {
        for (area, percent) in &finished.by_area {
            if !latest.iter().any(|(a, _)| a == area) {
                latest.push((*area, *percent));
            }
        }
    }
    latest
}

// Lazy: its code is a separate download, fetched when this page is opened.
#[island(lazy)]
fn PathTracker(stages: Vec<StageData>) -> impl IntoView {
    let progress = RwSignal::new(PathProgress::default());
    let loaded = RwSignal::new(false);
    let notice = RwSignal::new(None::<String>);
    let scores = RwSignal::new(Vec::<(Area, u32)>::new());
    let lab = RwSignal::new(LabProgress::default());
    // Checks that moved or were renamed keep their ticks.
    let renames: StoredValue<Vec<(String, String)>> = StoredValue::new(
        stages
            .iter()
            .flat_map(|s| &s.checks)
            .flat_map(|c| c.formerly.iter().map(|old| (old.clone(), c.key.clone())))
            .collect(),
    );
    let load = move || {
        let path = storage::load::<PathProgress>();
        let quiz = storage::load::<QuizData>();
        let solved = storage::load::<LabProgress>();
        let issues: Vec<_> = path
            .issue
            .into_iter()
            .chain(quiz.issue)
            .chain(solved.issue)
            .collect();
        lab.set(solved.record);
        notice.set(storage_words::describe_all(&issues));
        let mut record = path.record;
        let moved =
            renames.with_value(|r| record.migrate(r.iter().map(|(a, b)| (a.as_str(), b.as_str()))));
        if moved > 0
            && let Err(issue) = storage::save(&record)
        {
            notice.set(Some(storage_words::describe(&issue)));
        }
        progress.set(record);
        scores.set(latest_scores(&quiz.record));
        loaded.set(true);
    };
    Effect::new(move |_| load());
    // Ticks made, or a quiz finished, in another tab.
    storage::follow_other_tabs(
        &[PathProgress::NAME, QuizData::NAME, LabProgress::NAME],
        load,
    );
    let all_keys: Vec<String> = stages
        .iter()
        .flat_map(|s| s.checks.iter().map(|c| c.key.clone()))
        .collect();
    let total = all_keys.len();
    let done = move || progress.with(|p| p.count_done(all_keys.iter().map(String::as_str)));
    let tick = move |key: String, on: bool| {
        progress.update(|p| {
            p.set(&key, on);
        });
        if let Err(issue) = progress.with_untracked(storage::save) {
            notice.set(Some(storage_words::describe(&issue)));
        }
    };

    view! {
        <Notice message=notice />
        <div class="path-progress" role="status" aria-live="polite">
            {move || {
                if loaded.get() {
                    let done = done();
                    Either::Left(view! {
                        <p>{format!("{done} of {total} checks done.")}</p>
                        <progress max=total value=done aria-hidden="true"></progress>
                    })
                } else {
                    Either::Right(view! { <p>{format!("{total} checks in all.")}</p> })
                }
            }}
        </div>
        <ol class="stages">
            {stages
                .into_iter()
                .enumerate()
                .map(|(i, stage)| view! { <Stage number=i + 1 stage progress loaded scores lab tick /> })
                .collect_view()}
        </ol>
    }
}

#[component]
fn Stage(
    number: usize,
    stage: StageData,
    progress: RwSignal<PathProgress>,
    loaded: RwSignal<bool>,
    scores: RwSignal<Vec<(Area, u32)>>,
    lab: RwSignal<LabProgress>,
    tick: impl Fn(String, bool) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let heading = format!("stage-{}-title", stage.id);
    let labelled_by = heading.clone();
    let keys: Vec<String> = stage.checks.iter().map(|c| c.key.clone()).collect();
    let count = keys.len();
    let done = move || progress.with(|p| p.count_done(keys.iter().map(String::as_str)));
    let areas = stage.areas.clone();
    let quiz_line = move || {
        if !loaded.get() || areas.is_empty() {
            return None;
        }
        let known: Vec<String> = scores.with(|s| {
            areas
                .iter()
                .filter_map(|a| {
                    s.iter()
                        .find(|(x, _)| x == a)
                        .map(|(a, p)| format!("{} {p}%", a.label()))
                })
                .collect()
        });
        Some(if known.is_empty() {
            Either::Left(view! {
                <p class="stage-quiz">
                    "Quiz: not taken yet in this stage's areas. "
                    <a href=site_map::QUIZ>"Take the skills quiz"</a>
                </p>
            })
        } else {
            Either::Right(
                view! { <p class="stage-quiz">{format!("Latest quiz score: {}.", known.join(", "))}</p> },
            )
        })
    };
    view! {
        <li class="stage" id=stage.id.clone()>
            <section aria-labelledby=labelled_by>
                <h2 id=heading>{format!("Stage {number}: {}", stage.title)}</h2>
                <p class="stage-summary">{stage.summary}</p>
                <p class="stage-hours">{format!("About {} hours.", stage.hours)}</p>
                <p class="stage-count">
                    {move || if loaded.get() { format!("{} of {count} checks done", done()) } else { format!("{count} checks") }}
                </p>
                {quiz_line}
                <h3>"Goals"</h3>
                <ul>{stage.goals.into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}</ul>
                <h3>"Read"</h3>
                <ul>
                    {stage
                        .reading
                        .into_iter()
                        .map(|(href, title)| view! { <li><a href=href>{title}</a></li> })
                        .collect_view()}
                </ul>
                <h3>"Terms"</h3>
                <p class="stage-terms">
                    {stage
                        .terms
                        .into_iter()
                        .enumerate()
                        .map(|(i, (href, term))| view! { {(i > 0).then_some(", ")}<a href=href>{term}</a> })
                        .collect_view()}
                </p>
                <h3>"Project"</h3>
                <p>{stage.project}</p>
                {(!stage.lab.is_empty()).then(|| view! { <StageLab exercises=stage.lab.clone() lab loaded /> })}
                <h3>"Done when"</h3>
                <ul class="checks">
                    {stage
                        .checks
                        .into_iter()
                        .map(|CheckData { key, text, solo, .. }| {
                            let id = format!("check-{}", key.replace('/', "-"));
                            let checked = {
                                let key = key.clone();
                                move || progress.with(|p| p.is_done(&key))
                            };
                            view! {
                                <li>
                                    <input
                                        type="checkbox"
                                        id=id.clone()
                                        prop:checked=checked
                                        disabled=move || !loaded.get()
                                        on:change=move |ev| tick(key.clone(), event_target_checked(&ev))
                                    />
                                    <label for=id>{text}</label>
                                    {(!solo.is_empty()).then(|| view! {
                                        <p class="check-solo">
                                            <span class="guide-label">"On your own: "</span>
                                            {solo}
                                        </p>
                                    })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        </li>
    }
}

/// A stage's exercises in the SQL lab, ticked when solved there.
#[component]
fn StageLab(
    exercises: Vec<(String, String, String)>,
    lab: RwSignal<LabProgress>,
    loaded: RwSignal<bool>,
) -> impl IntoView {
    let count = exercises.len();
    let ids: Vec<String> = exercises.iter().map(|(id, _, _)| id.clone()).collect();
    let solved = move || lab.with(|l| l.count_solved(ids.iter().map(String::as_str)));
    view! {
        <h3>"Practise in the SQL lab"</h3>
        <p class="stage-count">
            {move || if loaded.get() {
                format!("{} of {count} exercises solved", solved())
            } else {
                format!("{count} exercises, ticked here when you solve them in the lab")
            }}
        </p>
        <ul class="stage-lab">
            {exercises
                .into_iter()
                .map(|(id, title, href)| {
                    let id = StoredValue::new(id);
                    let done = move || loaded.get() && lab.with(|l| id.with_value(|id| l.is_solved(id)));
                    view! {
                        <li class=move || if done() { "solved" } else { "" }>
                            <a href=href>{title}</a>
                            {move || done().then_some(view! { <span class="lab-solved">" \u{2713} solved"</span> })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stage_has_its_links_resolved_and_round_trips_as_props() {
        let stages = stages();
        assert_eq!(stages.len(), PATH_STAGES.len());
        for (data, stage) in stages.iter().zip(PATH_STAGES) {
            assert_eq!(
                data.terms.len(),
                stage.terms.len(),
                "{}: a term is missing",
                stage.id
            );
            assert!(
                data.reading.iter().all(|(href, title)| href != title),
                "{}",
                stage.id
            );
        }
        let json = serde_json::to_string(&stages).unwrap();
        assert_eq!(
            serde_json::from_str::<Vec<StageData>>(&json).unwrap(),
            stages
        );
    }

    #[test]
    fn the_latest_attempt_wins_for_each_area() {
        let apis = Area::from_id("apis").unwrap();
        let db = Area::from_id("databases").unwrap();
        let finished = |by_area: Vec<(Area, u32)>| crate::storage::quiz_data::Finished {
            finished_at: 0.0,
            mode: crate::quiz::attempt::Mode::Quick,
            percent: 0,
            by_area,
            missed: vec![],
        };
        let quiz = QuizData {
            // Newest first.
            history: vec![
                finished(vec![(apis, 80)]),
                finished(vec![(apis, 20), (db, 50)]),
            ],
            ..QuizData::default()
        };
        assert_eq!(latest_scores(&quiz), [(apis, 80), (db, 50)]);
    }
}
