//! `/interview`: the interview kit. Interviewers build kits from the
//! question bank, run the interview with notes and rubric scores, print a
//! sheet and share a kit by link; candidates practise with the same bank.
//! Everything stays in the browser.
//!
//! The server renders the whole bank as plain lists (readable with
//! JavaScript off); the tool is a lazy island that fetches the bank as data
//! (`site_map::INTERVIEW_BANK`), so the page carries the bank once.

mod bank_list;
mod kit_view;
mod practice;
mod question_guide;
mod scorecard_view;

use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

use crate::{
    components::{notice::Notice, page_meta::PageMeta, storage_words},
    interview::{
        Bank, Kit, Level,
        kit::{LENGTHS, NAME_LIMIT},
        scorecard::Interview,
        share::{self, ShareError, SharedKit},
    },
    quiz::bank::Area,
    storage::{self, interview_data::InterviewData, schema::Record},
};

#[component]
pub fn InterviewPage() -> impl IntoView {
    let bank = Bank::compiled();
    view! {
        <PageMeta
            title="Interview kit"
            description="Structured back end interviews: questions with anchored 1-4 scoring, work samples, a scorecard per candidate, side-by-side comparison, printable sheets and share links."
        />
        <article class="interview-page" aria-labelledby="page-title">
            <h1 id="page-title">"Interview kit"</h1>
            <p class="lead">
                "For interviewers: choose the level and the areas, get a kit of questions that "
                "fits the time, adjust it, then run one interview per candidate: each answer is scored "
                "1-4 against anchors written for that question, with notes, and candidates interviewed "
                "with the same kit can be compared side by side. "
                "For candidates: practise with the same questions. Everything stays in this browser. "
                "How to run a fair interview: "
                <a href="/guide/hiring#structured-interviews">"the guide on hiring"</a>
                "."
            </p>
            <p class="needs-js">"Building, scoring and sharing kits needs JavaScript. The whole question bank is below."</p>
            <InterviewTool />
            " "
            <bank_list::BankList bank />
        </article>
    }
}

/// What the tool's parts share: all signals, so it is `Copy`.
#[derive(Clone, Copy)]
struct Tool {
    /// Empty until fetched; `loaded` tells when it and the kits are here.
    bank: StoredValue<Bank>,
    data: RwSignal<InterviewData>,
    loaded: RwSignal<bool>,
    notice: RwSignal<Option<String>>,
    /// The kit on screen, by index.
    open: RwSignal<Option<usize>>,
    /// The interview on screen (its scorecard), by id.
    interview: RwSignal<Option<u64>>,
    /// A kit from a share link, until saved or dismissed.
    shared: RwSignal<Option<Result<SharedKit, ShareError>>>,
    practice: RwSignal<bool>,
}

impl Tool {
    fn load(self) {
        let loaded = storage::load::<InterviewData>();
        let mut record = loaded.record;
        self.bank.with_value(|bank| record.reconcile(bank));
        self.data.set(record);
        self.notice
            .set(loaded.issue.as_ref().map(storage_words::describe));
        self.loaded.set(true);
    }

    /// What the page's address asks for: practice mode, or a shared kit.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn follow_address(self, query: &str) {
        self.practice.set(share::wants_practice(query));
        self.shared.set(
            self.bank
                .with_value(|bank| share::read(query, bank))
                .transpose(),
        );
    }

    fn persist(self) {
        if let Err(issue) = self.data.with_untracked(storage::save) {
            self.notice.set(Some(storage_words::describe(&issue)));
        }
    }

    /// Changes the open kit and saves.
    fn edit(self, change: impl FnOnce(&mut Kit)) {
        let Some(i) = self.open.get_untracked() else {
            return;
        };
        self.data.update(|d| {
            if let Some(kit) = d.kits.get_mut(i) {
                change(kit);
            }
        });
        self.persist();
    }

    /// Changes the interview `id` and saves.
    fn edit_interview(self, id: u64, change: impl FnOnce(&mut Interview)) {
        self.data.update(|d| {
            if let Some(i) = d.interview_mut(id) {
                change(i);
            }
        });
        self.persist();
    }

    /// Reads the interview `id` (tracked).
    fn read_interview<T>(self, id: u64, read: impl FnOnce(&Interview) -> T) -> Option<T> {
        self.data.with(|d| d.interview(id).map(read))
    }

    /// Saves a new kit, opens it, and takes the reader to it.
    fn add_kit(self, kit: Kit) {
        let mut added = None;
        self.data.update(|d| added = d.add(kit));
        match added {
            Some(i) => {
                self.persist();
                self.interview.set(None);
                self.open.set(Some(i));
                focus_after_render("kit-title");
            }
            None => self.notice.set(Some(
                "You have as many kits as can be kept: delete one to add another.".into(),
            )),
        }
    }

    fn open_kit(self, i: usize) {
        self.interview.set(None);
        self.open.set(Some(i));
        focus_after_render("kit-title");
    }

    fn delete_kit(self, i: usize) {
        self.data.update(|d| d.delete_kit(i));
        self.open.set(None);
        self.interview.set(None);
        self.persist();
    }

    /// Starts an interview with the open kit and shows its scorecard.
    fn start_interview(self, candidate: &str, interviewer: &str, date: &str) {
        let Some(kit) = self.open.get_untracked() else {
            return;
        };
        let mut started = None;
        self.data
            .update(|d| started = d.start_interview(kit, candidate, interviewer, date));
        match started {
            Some(id) => {
                self.persist();
                self.interview.set(Some(id));
                focus_after_render("scorecard-title");
            }
            None => self.notice.set(Some(
                "You have as many interviews as can be kept: delete an old one to start another."
                    .into(),
            )),
        }
    }
}

/// Moves the focus to (and scrolls to) the element `id` once the next
/// frame is drawn: where the reader's action put something new.
fn focus_after_render(id: &'static str) {
    #[cfg(feature = "hydrate")]
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        if let Some(el) = document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
            el.scroll_into_view();
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}

// Lazy: its code is a separate download, fetched when this page is opened.
#[island(lazy)]
fn InterviewTool() -> impl IntoView {
    let tool = Tool {
        bank: StoredValue::new(Bank::default()),
        data: RwSignal::new(InterviewData::default()),
        loaded: RwSignal::new(false),
        notice: RwSignal::new(None),
        open: RwSignal::new(None),
        interview: RwSignal::new(None),
        shared: RwSignal::new(None),
        practice: RwSignal::new(false),
    };
    // In the browser: fetch the bank, then read the kits and the address.
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        use crate::components::fetch_text::fetch_and_read;
        let bank = fetch_and_read(crate::site_map::INTERVIEW_BANK, |json| {
            serde_json::from_str::<Bank>(json).ok()
        })
        .await;
        let Some(bank) = bank else {
            tool.notice.set(Some(
                "The interview questions could not be loaded. Check your connection, then reload the page."
                    .into(),
            ));
            return;
        };
        tool.bank.set_value(bank);
        tool.load();
        let query = window().location().search().unwrap_or_default();
        tool.follow_address(&query);
    });
    // Kits changed in another tab.
    storage::follow_other_tabs(&[InterviewData::NAME], move || {
        if !tool.loaded.get_untracked() {
            return;
        }
        tool.load();
        let count = tool.data.with_untracked(|d| d.kits.len());
        if tool.open.get_untracked().is_some_and(|i| i >= count) {
            tool.open.set(None);
        }
        if let Some(id) = tool.interview.get_untracked()
            && tool.data.with_untracked(|d| d.interview(id).is_none())
        {
            tool.interview.set(None);
        }
    });

    view! {
        <Notice message=tool.notice />
        <div class="mode-switch" role="group" aria-label="Who is using the kit">
            <button type="button" aria-pressed=move || (!tool.practice.get()).to_string() on:click=move |_| tool.practice.set(false)>
                "Interviewer"
            </button>
            <button type="button" aria-pressed=move || tool.practice.get().to_string() on:click=move |_| tool.practice.set(true)>
                "Practice as a candidate"
            </button>
        </div>
        {move || {
            if tool.practice.get() {
                // Practice draws on the bank, which comes with the kits.
                Either::Left(
                    move || tool.loaded.get().then(|| view! { <practice::Practice tool /> }),
                )
            } else {
                Either::Right(view! {
                    <SharedKitOffer tool />
                    <KitList tool />
                    {move || tool.open.get().map(|i| view! { <kit_view::KitView tool index=i /> })}
                    <NewKit tool />
                })
            }
        }}
    }
}

/// A kit opened from a share link: shown, and saved only when asked.
#[component]
fn SharedKitOffer(tool: Tool) -> impl IntoView {
    let dismiss = move || {
        tool.shared.set(None);
        #[cfg(feature = "hydrate")]
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(crate::site_map::INTERVIEW),
            );
        }
    };
    move || {
        let offer = tool.shared.get()?;
        Some(match offer {
            Err(error) => {
                let why = match error {
                    ShareError::UnknownFormat(f) => {
                        format!("it is in a format this version does not know ({f})")
                    }
                    ShareError::BadLevel => "it names no valid level".into(),
                    ShareError::NoQuestions => "none of its questions is in the bank".into(),
                };
                Either::Left(view! {
                    <div class="notice shared-kit" role="alert">
                        <p>{format!("This share link could not be opened: {why}. Your own kits are unchanged.")}</p>
                        <button type="button" class="link-button" on:click=move |_| dismiss()>"Dismiss"</button>
                    </div>
                })
            }
            Ok(SharedKit { kit, unknown }) => {
                let prompts: Vec<String> = tool.bank.with_value(|bank| {
                    kit.questions
                        .iter()
                        .filter_map(|q| bank.get(&q.id))
                        .map(|q| q.prompt.clone())
                        .collect()
                });
                let summary = format!(
                    "Someone shared the kit \u{201c}{}\u{201d} with you: {} questions for a {} interview of {} minutes. Your own kits are not changed unless you save it.",
                    kit.name,
                    kit.questions.len(),
                    kit.level.label().to_lowercase(),
                    kit.minutes,
                );
                Either::Right(view! {
                    <section class="shared-kit notice" aria-labelledby="shared-title">
                        <h2 id="shared-title">"A shared kit"</h2>
                        <p>{summary}</p>
                        {(unknown > 0).then(|| view! {
                            <p>{format!("{unknown} of its questions are no longer in the bank and were left out.")}</p>
                        })}
                        <ol class="shared-questions">
                            {prompts.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                        </ol>
                        <button
                            type="button"
                            class="button"
                            on:click=move |_| {
                                tool.add_kit(kit.clone());
                                dismiss();
                            }
                        >
                            "Save to my kits"
                        </button>
                        <button type="button" class="link-button" on:click=move |_| dismiss()>"Dismiss"</button>
                    </section>
                })
            }
        })
    }
}

#[component]
fn KitList(tool: Tool) -> impl IntoView {
    view! {
        <section class="kit-list-section" aria-labelledby="kits-title">
            <h2 id="kits-title">"Your kits"</h2>
            {move || {
                if !tool.loaded.get() {
                    return EitherOf3::A(view! { <p>"Your kits are kept in this browser."</p> });
                }
                let kits: Vec<(usize, String, String)> = tool.data.with(|d| {
                    d.kits
                        .iter()
                        .enumerate()
                        .map(|(i, k)| {
                            let interviews = d.interviews_of(k.id).count();
                            let meta = format!(
                                "{}, {} questions, {} minutes, {}",
                                k.level.label(),
                                k.questions.len(),
                                k.minutes,
                                match interviews {
                                    0 => "no interviews yet".to_string(),
                                    1 => "1 interview".to_string(),
                                    n => format!("{n} interviews"),
                                }
                            );
                            (i, k.name.clone(), meta)
                        })
                        .collect()
                });
                if kits.is_empty() {
                    return EitherOf3::B(view! { <p class="empty">"No kits yet: make one below."</p> });
                }
                EitherOf3::C(view! {
                    <ul class="kit-list">
                        {kits
                            .into_iter()
                            .map(|(i, name, meta)| {
                                view! {
                                    <li>
                                        <button
                                            type="button"
                                            class="link-button kit-open"
                                            aria-current=move || (tool.open.get() == Some(i)).then_some("true")
                                            on:click=move |_| tool.open_kit(i)
                                        >
                                            {name}
                                        </button>
                                        <span class="kit-meta">{meta}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}

/// The form that starts a kit from the level, areas and length.
#[component]
fn NewKit(tool: Tool) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let level = RwSignal::new(Level::Senior);
    let areas = RwSignal::new(Vec::<Area>::new());
    let minutes = RwSignal::new(60u32);
    let problem = RwSignal::new(None::<&'static str>);
    // Every area has questions (the build checks it).
    let bank_areas: Vec<Area> = Area::all().collect();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = areas.get_untracked();
        if chosen.is_empty() {
            problem.set(Some("Choose at least one area."));
            return;
        }
        problem.set(None);
        let kit = tool.bank.with_value(|bank| {
            Kit::suggested(
                bank,
                &name.get_untracked(),
                level.get_untracked(),
                chosen,
                minutes.get_untracked(),
            )
        });
        // The form keeps its choices (to suggest another kit like it);
        // the new kit opens above and takes the focus.
        tool.add_kit(kit);
        name.set(String::new());
    };
    let not_ready = move || !tool.loaded.get();
    view! {
        <section class="new-kit" aria-labelledby="new-kit-title">
            <h2 id="new-kit-title">"New kit"</h2>
            <form on:submit=submit aria-labelledby="new-kit-title">
                <p>
                    <label for="kit-name">"Kit name"</label>
                    <input
                        id="kit-name"
                        type="text"
                        maxlength=NAME_LIMIT
                        placeholder="For example: Senior API developer, round 2"
                        // Every field waits, like the button, for the kits to
                        // load: a choice made earlier would be undone as the
                        // page hydrates.
                        disabled=not_ready
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))
                    />
                </p>
                <fieldset disabled=not_ready>
                    <legend>"Level"</legend>
                    {Level::ALL
                        .into_iter()
                        .map(|l| view! {
                            <label class="choice">
                                <input
                                    type="radio"
                                    name="kit-level"
                                    value=l.id()
                                    prop:checked=move || level.get() == l
                                    on:change=move |_| level.set(l)
                                />
                                {l.label()}
                            </label>
                        })
                        .collect_view()}
                </fieldset>
                <fieldset disabled=not_ready>
                    <legend>"Areas"</legend>
                    {bank_areas
                        .into_iter()
                        .map(|a| view! {
                            <label class="choice">
                                <input
                                    type="checkbox"
                                    value=a.id()
                                    prop:checked=move || areas.with(|x| x.contains(&a))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        areas.update(|x| {
                                            x.retain(|y| *y != a);
                                            if on {
                                                x.push(a);
                                            }
                                        });
                                    }
                                />
                                {a.label()}
                            </label>
                        })
                        .collect_view()}
                </fieldset>
                <p>
                    <label for="kit-length">"Interview length"</label>
                    <select
                        id="kit-length"
                        disabled=not_ready
                        on:change=move |ev| minutes.set(event_target_value(&ev).parse().unwrap_or(60))
                    >
                        {LENGTHS
                            .into_iter()
                            .map(|m| view! {
                                <option value=m.to_string() selected=move || minutes.get() == m>
                                    {format!("{m} minutes")}
                                </option>
                            })
                            .collect_view()}
                    </select>
                </p>
                <p class="form-problem" role="alert">{move || problem.get()}</p>
                <button type="submit" class="button" disabled=not_ready>
                    "Suggest questions"
                </button>
            </form>
        </section>
    }
}
