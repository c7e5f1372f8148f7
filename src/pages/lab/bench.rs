//! The lab's workbench: pick an exercise (or the free playground), edit,
//! run, read the result and the judgement. The page's list of exercises is
//! server HTML outside this island (`super::ExerciseList`), so it costs no
//! hydration; the island hears the list's "Practise" links with a window
//! listener and switches exercises in place instead of loading the page
//! again.

use leptos::{either::Either, html, prelude::*};
use serde::{Deserialize, Serialize};

use crate::{
    components::{confirm::ConfirmAction, notice::Notice, storage_words},
    lab::{
        ExerciseCard, Opening, PLAYGROUND_ID, by_topic, first_text, opening,
        reply::{EngineStatus, Reply},
    },
    storage::{
        self,
        lab_data::{LabProgress, PLAYGROUND},
        schema::Record,
    },
};

/// The workbench's longer sentences, given by the server as data: every
/// string literal of the island's code would sit in the WASM that every
/// page downloads (code splitting moves code, not data).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct BenchText {
    pub playground: String,
    pub seed_changed: String,
    pub reset_question: String,
    pub stopped: String,
    pub no_engine: String,
}

/// What the last run left on screen (only the browser runs queries).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Reply(Reply),
    Stopped,
    Failed(String),
}

/// The workbench's state: all signals, so it is `Copy`.
#[derive(Clone, Copy)]
struct Bench {
    cards: StoredValue<Vec<ExerciseCard>>,
    /// The open exercise; `None` is the playground.
    current: RwSignal<Option<usize>>,
    progress: RwSignal<LabProgress>,
    loaded: RwSignal<bool>,
    status: RwSignal<EngineStatus>,
    running: RwSignal<bool>,
    outcome: RwSignal<Option<Outcome>>,
    /// How many hints of the open exercise are shown.
    hints: RwSignal<usize>,
    notice: RwSignal<Option<String>>,
    editor_ready: RwSignal<bool>,
}

impl Bench {
    fn card(self, index: Option<usize>) -> Option<ExerciseCard> {
        index.and_then(|i| self.cards.with_value(|c| c.get(i).cloned()))
    }

    fn index_of(self, id: &str) -> Option<usize> {
        self.cards.with_value(|c| c.iter().position(|e| e.id == id))
    }

    /// Where progress keeps the open exercise's query.
    fn key(self) -> String {
        self.card(self.current.get_untracked())
            .map_or_else(|| PLAYGROUND.to_string(), |c| c.id)
    }

    fn save(self) {
        if let Err(issue) = self.progress.with_untracked(storage::save) {
            self.notice.set(Some(storage_words::describe(&issue)));
        }
    }

    /// Keeps `sql` as the last query under `key` (an exercise id or the playground's).
    fn remember(self, key: &str, sql: &str) {
        let mut changed = false;
        self.progress.update(|p| changed = p.remember(key, sql));
        if changed {
            self.save();
        }
    }

    /// The text the editor opens with for exercise `index` (or the playground).
    fn text_for(self, index: Option<usize>) -> String {
        let card = self.card(index);
        self.progress
            .with_untracked(|p| first_text(card.as_ref(), |k| p.query(k)).to_string())
    }

    /// Opens exercise `index` (or the playground), keeping what was typed
    /// in the one being left.
    fn open(self, index: Option<usize>) {
        if let Some(text) = client::editor_text() {
            self.remember(&self.key(), &text);
        }
        self.current.set(index);
        self.hints.set(0);
        self.outcome.set(None);
        client::show_text(&self.text_for(index));
        let query = self.card(index).map_or_else(
            || format!("?exercise={PLAYGROUND_ID}"),
            |c| format!("?exercise={}", c.id),
        );
        client::replace_query(&query);
    }

    fn run(self) {
        if self.running.get_untracked() || !self.status.with_untracked(EngineStatus::is_ready) {
            return;
        }
        let Some(sql) = client::editor_text() else {
            return;
        };
        self.remember(&self.key(), &sql);
        let exercise = self.card(self.current.get_untracked()).map(|c| c.id);
        self.running.set(true);
        self.outcome.set(None);
        client::run(self, sql, exercise);
    }

    /// A reply arrived for a run of `exercise`.
    fn finished(self, exercise: Option<String>, outcome: Outcome) {
        self.running.set(false);
        if let (Some(id), Outcome::Reply(reply)) = (&exercise, &outcome)
            && reply.verdict.as_ref().is_some_and(|v| v.solved)
        {
            let mut newly = false;
            self.progress.update(|p| newly = p.mark_solved(id));
            if newly {
                self.save();
            }
        }
        self.outcome.set(Some(outcome));
    }

    fn start_over(self) {
        if let Some(card) = self.card(self.current.get_untracked()) {
            client::show_text(&card.start);
            self.outcome.set(None);
        }
    }
}

// Lazy: its code is a separate download, fetched when this page is opened.
#[island(lazy)]
pub fn LabBench(
    exercises: Vec<ExerciseCard>,
    /// The lab's module script; `None` when this build has no lab.
    entry: Option<String>,
    text: BenchText,
) -> impl IntoView {
    let sentences = StoredValue::new(text);
    let total = exercises.len();
    let bench = Bench {
        cards: StoredValue::new(exercises),
        current: RwSignal::new(Some(0)),
        progress: RwSignal::new(LabProgress::default()),
        loaded: RwSignal::new(false),
        status: RwSignal::new(EngineStatus::default()),
        running: RwSignal::new(false),
        outcome: RwSignal::new(None),
        hints: RwSignal::new(0),
        notice: RwSignal::new(None),
        editor_ready: RwSignal::new(false),
    };
    let host = NodeRef::<html::Div>::new();
    let load = move || {
        let loaded = storage::load::<LabProgress>();
        bench
            .notice
            .set(loaded.issue.as_ref().map(storage_words::describe));
        bench.progress.set(loaded.record);
        bench.loaded.set(true);
    };
    let start = move || {
        load();
        let open = opening(&client::current_query(), |id| bench.index_of(id).is_some());
        let (index, text) = match open {
            Opening::Exercise(id) => {
                let index = bench.index_of(&id);
                (index, bench.text_for(index))
            }
            Opening::Query(sql) => {
                bench.remember(PLAYGROUND, &sql);
                (None, sql)
            }
            Opening::Playground => (None, bench.text_for(None)),
            Opening::Default => {
                // Where the reader left off: the first exercise not solved yet.
                let index = bench.cards.with_value(|cards| {
                    bench.progress.with_untracked(|p| {
                        cards.iter().position(|c| !p.is_solved(&c.id)).unwrap_or(0)
                    })
                });
                (Some(index), bench.text_for(Some(index)))
            }
        };
        bench.current.set(index);
        match &entry {
            Some(entry) => client::connect(bench, host, entry, text),
            None => bench.status.set(EngineStatus {
                state: "failed".into(),
                message: Some(sentences.with_value(|t| t.no_engine.clone())),
                ..EngineStatus::default()
            }),
        }
    };
    // In the browser, once hydrated: the lab starts in the task after the
    // island's hydration (together they made a long task on a phone).
    Effect::new(move |_| {
        let start = start.clone();
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            crate::components::next_task::next_task().await;
            start();
        });
        #[cfg(not(feature = "hydrate"))]
        start();
    });
    // Exercises solved in another tab.
    storage::follow_other_tabs(&[LabProgress::NAME], load);

    let solved = move || {
        bench.cards.with_value(|cards| {
            bench
                .progress
                .with(|p| p.count_solved(cards.iter().map(|c| c.id.as_str())))
        })
    };
    let ready = move || bench.status.with(EngineStatus::is_ready);
    // The list's "Practise" links open their exercise here. The list is
    // server-rendered outside this island (nothing in it changes), so the
    // island hydrates the workbench alone; its clicks are heard on the window.
    client::follow_practise_links(bench);

    view! {
        <section class="lab-bench" id="workbench" aria-labelledby="workbench-title">
            <h2 id="workbench-title" tabindex="-1">"Workbench"</h2>
            <Notice message=bench.notice />
            <div class="lab-engine" role="status">
                <p>{move || bench.status.with(|s| s.line().to_string())}</p>
                {move || {
                    bench.status.with(EngineStatus::progress).map(|(loaded, total)| view! {
                        <progress max=total value=loaded aria-label="Download of the database engine"></progress>
                    })
                }}
                <p class="lab-count">
                    {move || if bench.loaded.get() {
                        format!("{} of {total} exercises solved in this browser.", solved())
                    } else {
                        format!("{total} exercises.")
                    }}
                </p>
            </div>
            <ExercisePicker bench />
            <TaskPanel bench text=sentences />
            <div class="lab-editor-wrap">
                <p class="lab-editor-label" id="lab-editor-label">"Your SQL"</p>
                <div class="lab-editor" node_ref=host></div>
                {move || (!bench.editor_ready.get()).then(|| view! {
                    <pre class="lab-editor-placeholder" tabindex="0">
                        {bench.text_for(bench.current.get())}
                    </pre>
                })}
            </div>
            <div class="lab-actions">
                <button
                    type="button"
                    class="button"
                    disabled=move || !ready() || bench.running.get()
                    on:click=move |_| bench.run()
                >
                    "Run"
                    <span class="lab-shortcut">" (Ctrl+Enter)"</span>
                </button>
                <button
                    type="button"
                    class="button secondary"
                    disabled=move || !bench.running.get()
                    on:click=move |_| client::stop()
                >
                    "Stop"
                </button>
                <button
                    type="button"
                    class="button secondary"
                    disabled=move || bench.current.get().is_none() || !bench.editor_ready.get()
                    on:click=move |_| bench.start_over()
                >
                    "Start over"
                </button>
            </div>
            <Output bench text=sentences />
            <ConfirmAction
                label="Reset the database"
                question="Reset the shop's database to how it started? Every change you committed to its data is dropped; your solved exercises stay."
                confirm_label="Reset the database"
                on_confirm=move || client::reset(bench)
            />
        </section>
    }
}

#[component]
fn ExercisePicker(bench: Bench) -> impl IntoView {
    let groups: Vec<(String, Vec<(usize, ExerciseCard)>)> = bench.cards.with_value(|cards| {
        by_topic(cards)
            .into_iter()
            .map(|(topic, list)| {
                let list = list.into_iter().map(|(i, c)| (i, c.clone())).collect();
                (topic.to_string(), list)
            })
            .collect()
    });
    let value = move || {
        bench
            .current
            .get()
            .map_or_else(|| PLAYGROUND_ID.to_string(), |i| i.to_string())
    };
    view! {
        <p class="lab-picker">
            <label for="lab-exercise">"Exercise"</label>
            <select
                id="lab-exercise"
                prop:value=value
                on:change=move |ev| {
                    let choice = event_target_value(&ev);
                    bench.open(choice.parse::<usize>().ok());
                }
            >
                <option value=PLAYGROUND_ID>"Free query (the playground)"</option>
                {groups
                    .into_iter()
                    .map(|(topic, list)| view! {
                        <optgroup label=topic>
                            {list
                                .into_iter()
                                .map(|(i, card)| {
                                    let id = card.id.clone();
                                    let label = move || {
                                        let done = bench.progress.with(|p| p.is_solved(&id));
                                        format!("{}{}", card.title, if done { " (solved)" } else { "" })
                                    };
                                    view! { <option value=i.to_string()>{label}</option> }
                                })
                                .collect_view()}
                        </optgroup>
                    })
                    .collect_view()}
            </select>
        </p>
    }
}

#[component]
fn TaskPanel(bench: Bench, text: StoredValue<BenchText>) -> impl IntoView {
    move || match bench.card(bench.current.get()) {
        Some(card) => {
            let count = card.hints.len();
            let id = card.id.clone();
            let solved = move || bench.progress.with(|p| p.is_solved(&id));
            let hints = card.hints.clone();
            Either::Left(view! {
                <div class="lab-task">
                    <h3>{card.title.clone()}</h3>
                    <p class="lab-task-meta">
                        {card.topic.clone()}
                        {move || solved().then_some(" \u{b7} solved")}
                    </p>
                    <div class="lab-task-text" inner_html=card.task_html.clone()></div>
                    <p class="lab-task-guide">
                        "Practises "
                        <a href=card.guide.0.clone()>{card.guide.1.clone()}</a>
                        "."
                    </p>
                    <ol class="lab-hints" aria-label="Hints">
                        {move || {
                            hints
                                .iter()
                                .take(bench.hints.get())
                                .map(|h| view! { <li>{h.clone()}</li> })
                                .collect_view()
                        }}
                    </ol>
                    <button
                        type="button"
                        class="link-button"
                        disabled=move || { bench.hints.get() >= count }
                        on:click=move |_| bench.hints.update(|n| *n = (*n + 1).min(count))
                    >
                        {move || {
                            let shown = bench.hints.get();
                            if shown >= count {
                                "No more hints".to_string()
                            } else {
                                format!("Show a hint ({} of {count})", shown + 1)
                            }
                        }}
                    </button>
                </div>
            })
        }
        None => Either::Right(view! {
            <div class="lab-task">
                <h3>"Free query"</h3>
                <p>{text.with_value(|t| t.playground.clone())}</p>
            </div>
        }),
    }
}

#[component]
fn Output(bench: Bench, text: StoredValue<BenchText>) -> impl IntoView {
    let announcement = move || {
        if bench.running.get() {
            return "Running…".to_string();
        }
        match bench.outcome.get() {
            Some(Outcome::Reply(reply)) => reply.announcement(),
            Some(Outcome::Stopped) => text.with_value(|t| t.stopped.clone()),
            Some(Outcome::Failed(why)) => format!("The lab could not run that: {why}"),
            None => String::new(),
        }
    };
    let solved_class = move || match bench.outcome.get() {
        Some(Outcome::Reply(Reply {
            verdict: Some(v), ..
        })) if v.solved => "lab-outcome solved",
        Some(Outcome::Reply(Reply {
            verdict: Some(_), ..
        }))
        | Some(Outcome::Reply(Reply { error: Some(_), .. })) => "lab-outcome wrong",
        _ => "lab-outcome",
    };
    let reply = move || match bench.outcome.get() {
        Some(Outcome::Reply(reply)) => Some(reply),
        _ => None,
    };
    view! {
        <div class="lab-output">
            <p class=solved_class role="status" aria-live="polite">{announcement}</p>
            {move || reply().map(|reply| view! { <ReplyDetails reply text /> })}
        </div>
    }
}

#[component]
fn ReplyDetails(reply: Reply, text: StoredValue<BenchText>) -> impl IntoView {
    let summary = reply.summary();
    let error_extra = reply.error.as_ref().map(|e| {
        let detail = e.detail.clone().filter(|d| !d.is_empty());
        let hint = e.hint.clone().filter(|h| !h.is_empty());
        view! {
            {detail.map(|d| view! { <p class="lab-error-detail">{format!("Detail: {d}")}</p> })}
            {hint.map(|h| view! { <p class="lab-error-detail">{format!("PostgreSQL's hint: {h}")}</p> })}
        }
    });
    let seed_note = reply.seed_changed.then(|| {
        view! {
            <p class="lab-seed-note">{text.with_value(|t| t.seed_changed.clone())}</p>
        }
    });
    let notices = (!reply.notices.is_empty()).then(|| {
        view! {
            <ul class="lab-notices">
                {reply.notices.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}
            </ul>
        }
    });
    let table = (!reply.columns.is_empty()).then(|| {
        let label = format!("Result: {summary}");
        view! {
            <div class="table-scroll lab-table" tabindex="0" role="region" aria-label=label>
                <table>
                    <thead>
                        <tr>{reply.columns.iter().map(|c| view! { <th scope="col">{c.clone()}</th> }).collect_view()}</tr>
                    </thead>
                    <tbody>
                        {reply
                            .rows
                            .iter()
                            .map(|row| view! {
                                <tr>
                                    {row
                                        .iter()
                                        .map(|cell| match cell {
                                            Some(text) => Either::Left(view! { <td>{text.clone()}</td> }),
                                            None => Either::Right(view! { <td class="null">"NULL"</td> }),
                                        })
                                        .collect_view()}
                                </tr>
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        }
    });
    view! {
        {error_extra}
        {notices}
        {seed_note}
        <p class="lab-summary">{format!("{summary} \u{b7} {:.0} ms", reply.ms)}</p>
        {table}
    }
}

/// The browser's side: the lab's script, the editor, the address. On the
/// server (which renders the workbench before any of it exists) these do
/// nothing.
#[cfg(feature = "hydrate")]
mod client {
    use std::cell::RefCell;

    use leptos::{html, prelude::*};
    use wasm_bindgen::JsCast;

    use super::{Bench, Outcome};
    use crate::pages::lab::engine::{
        self, Editor, Lab, READY_EVENT, RUN_EVENT, RunError, STATUS_EVENT,
    };

    thread_local! {
        static LAB: RefCell<Option<(Lab, Option<Editor>)>> = const { RefCell::new(None) };
    }

    fn lab() -> Option<Lab> {
        LAB.with_borrow(|l| l.as_ref().map(|(lab, _)| lab.clone()))
    }

    fn editor() -> Option<Editor> {
        LAB.with_borrow(|l| l.as_ref().and_then(|(_, e)| e.clone()))
    }

    pub fn current_query() -> String {
        engine::current_query()
    }

    pub fn replace_query(query: &str) {
        if let Some(lab) = lab() {
            lab.set_query(query);
        }
    }

    pub fn editor_text() -> Option<String> {
        editor().map(|e| e.text())
    }

    pub fn show_text(text: &str) {
        if let Some(editor) = editor() {
            editor.set_text(text);
            editor.mark_error(None);
        }
    }

    /// Loads the lab's script (once per page load), waits for it, then
    /// follows its engine and puts the editor in `host`.
    pub fn connect(bench: Bench, host: NodeRef<html::Div>, entry: &str, text: String) {
        let started = std::rc::Rc::new(std::cell::Cell::new(false));
        let start = move || {
            let Some(lab) = Lab::get() else { return };
            if started.replace(true) {
                return;
            }
            // `try_set`: the page (and this island) may be gone by then.
            let kept = std::cell::Cell::new(false);
            let keeper = lab.clone();
            let show = move |status: crate::lab::reply::EngineStatus| {
                if status.is_ready() && !kept.replace(true) {
                    keeper.keep_offline();
                }
                bench.status.try_set(status);
            };
            show(lab.status());
            let show = std::rc::Rc::new(show);
            // Listeners for the page's life (one lab per page load).
            std::mem::forget(window_event_listener_untyped(STATUS_EVENT, move |ev| {
                show(engine::status_of(&ev))
            }));
            std::mem::forget(window_event_listener_untyped(RUN_EVENT, move |_| {
                // Only while this island is alive (the router may have left the page).
                if bench.running.try_get_untracked().is_some() {
                    bench.run();
                }
            }));
            let editor = host.get_untracked().and_then(|el| {
                lab.mount_editor(el.into(), &text, "SQL query")
                    .map_err(|e| {
                        bench
                            .notice
                            .set(Some(format!("The editor could not start: {e}")))
                    })
                    .ok()
            });
            bench.editor_ready.set(editor.is_some());
            LAB.set(Some((lab, editor)));
        };
        if Lab::get().is_some() {
            start();
        } else {
            let handle = window_event_listener_untyped(READY_EVENT, move |_| start());
            // A listener for the page's life; it does nothing after the first call.
            std::mem::forget(handle);
            engine::load_script(entry);
        }
    }

    pub fn run(bench: Bench, sql: String, exercise: Option<String>) {
        let Some(lab) = lab() else {
            bench.running.set(false);
            return;
        };
        leptos::task::spawn_local(async move {
            let outcome = match lab.run(&sql, exercise.as_deref()).await {
                Ok(reply) => {
                    if let Some(editor) = editor() {
                        editor.mark_error(reply.error.as_ref().and_then(|e| e.position));
                    }
                    Outcome::Reply(reply)
                }
                Err(RunError::Stopped) => Outcome::Stopped,
                Err(RunError::Busy) => Outcome::Failed("another query is still running".into()),
                Err(RunError::Failed(why)) => Outcome::Failed(why),
            };
            bench.finished(exercise, outcome);
        });
    }

    pub fn stop() {
        if let Some(lab) = lab() {
            lab.stop();
        }
    }

    pub fn reset(bench: Bench) {
        let Some(lab) = lab() else { return };
        bench.outcome.set(None);
        leptos::task::spawn_local(async move {
            let message = match lab.reset().await {
                Ok(()) => "The shop's database is back to how it started.".to_string(),
                Err(why) => format!("The reset failed: {why}"),
            };
            bench.notice.set(Some(message));
        });
    }

    /// Opens an exercise in the workbench when its "Practise" link in the
    /// page's list is clicked, while this island lives.
    pub fn follow_practise_links(bench: Bench) {
        let handle = window_event_listener(leptos::ev::click, move |ev| {
            if let Some(id) = practise_link(&ev) {
                ev.prevent_default();
                if let Some(index) = bench.index_of(&id) {
                    bench.open(Some(index));
                    scroll_to_bench();
                }
            }
        });
        on_cleanup(move || handle.remove());
    }

    /// The exercise id of a "Practise" link in the page's list, when the
    /// click landed on one.
    // Only web-sys methods the client already uses elsewhere: each new one
    // adds glue to the JavaScript every page downloads.
    fn practise_link(ev: &leptos::ev::MouseEvent) -> Option<String> {
        // With Ctrl or Cmd the reader asked for a new tab: let the link go.
        if ev.ctrl_key() || ev.meta_key() {
            return None;
        }
        let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
        let link = target.closest("a[data-exercise]").ok()??;
        link.get_attribute("data-exercise")
    }

    fn scroll_to_bench() {
        if let Some(heading) = document().get_element_by_id("workbench-title") {
            heading.scroll_into_view();
            if let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() {
                let _ = heading.focus();
            }
        }
    }
}

#[cfg(not(feature = "hydrate"))]
mod client {
    use leptos::{html, prelude::*};

    use super::{Bench, Outcome};

    pub fn current_query() -> String {
        String::new()
    }
    pub fn replace_query(_query: &str) {}
    pub fn editor_text() -> Option<String> {
        None
    }
    pub fn show_text(_text: &str) {}
    pub fn connect(_bench: Bench, _host: NodeRef<html::Div>, _entry: &str, _text: String) {}
    pub fn run(bench: Bench, _sql: String, exercise: Option<String>) {
        bench.finished(
            exercise,
            Outcome::Failed("the lab runs in the browser".into()),
        );
    }
    pub fn stop() {}
    pub fn reset(_bench: Bench) {}
    pub fn follow_practise_links(_bench: Bench) {}
}
