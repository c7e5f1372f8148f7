//! One kit on screen: editing its questions, running the interview with
//! scores and notes, the summary, the printed sheet and the share link.

use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

use super::Tool;
use crate::{
    components::confirm::ConfirmAction,
    interview::{
        BankQuestion, Kit, Level,
        kit::{MAX_QUESTIONS, NOTES_LIMIT},
        rubric::{RUBRIC, summary},
        share,
    },
    quiz::bank::Area,
};

/// What the kit is drawn from: its name, level, length and questions in
/// order. Scores and notes are not part of it, so giving one redraws only
/// what shows it, and keeps the focus where the interviewer is.
#[derive(Clone, PartialEq)]
struct Outline {
    name: String,
    level: Level,
    minutes: u32,
    planned: u32,
    ids: Vec<String>,
}

#[component]
pub fn KitView(tool: Tool, index: usize) -> impl IntoView {
    let running = RwSignal::new(false);
    let sharing = RwSignal::new(false);
    let outline = Memo::new(move |_| {
        tool.data.with(|d| {
            d.kits.get(index).map(|k| Outline {
                name: k.name.clone(),
                level: k.level,
                minutes: k.minutes,
                planned: tool.bank.with_value(|bank| k.planned_minutes(bank)),
                ids: k.questions.iter().map(|q| q.id.clone()).collect(),
            })
        })
    });
    #[cfg(feature = "hydrate")]
    let origin = window().location().origin().unwrap_or_default();
    #[cfg(not(feature = "hydrate"))]
    let origin = String::new();
    // Follows the kit as it is edited.
    let share_link = Signal::derive(move || {
        tool.data
            .with(|d| {
                d.kits
                    .get(index)
                    .map(|k| format!("{origin}{}", share::link(k)))
            })
            .unwrap_or_default()
    });
    let print = move |_| {
        running.set(true);
        #[cfg(feature = "hydrate")]
        {
            // After the sheet is on screen.
            request_animation_frame(|| {
                let _ = window().print();
            });
        }
    };
    let show_share = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let _ = window()
                .navigator()
                .clipboard()
                .write_text(&share_link.get());
        }
        sharing.set(true);
    };

    move || {
        let o = outline.get()?;
        let questions: Vec<BankQuestion> = tool.bank.with_value(|bank| {
            o.ids
                .iter()
                .filter_map(|id| bank.get(id).cloned())
                .collect()
        });
        let last = questions.len().saturating_sub(1);
        let meta = format!(
            "{} level, {} questions, about {} of {} minutes.",
            o.level.label(),
            questions.len(),
            o.planned,
            o.minutes
        );
        Some(view! {
            <section class="kit" aria-labelledby="kit-title" class:running=move || running.get()>
                <h2 id="kit-title">{o.name.clone()}</h2>
                <p class="kit-meta">{meta}</p>
                <div class="kit-actions">
                    <button type="button" class="button secondary" aria-pressed=move || (!running.get()).to_string() on:click=move |_| running.set(false)>
                        "Edit questions"
                    </button>
                    <button type="button" class="button secondary" aria-pressed=move || running.get().to_string() on:click=move |_| running.set(true)>
                        "Run the interview"
                    </button>
                    <button type="button" class="button secondary" on:click=print>"Print interviewer's sheet"</button>
                    <button type="button" class="button secondary" on:click=show_share>"Share link"</button>
                </div>
                {move || sharing.get().then(|| view! {
                    <p class="share-link">
                        <label for="share-link">"Link to this kit (questions only, no notes or scores)"</label>
                        <input id="share-link" type="text" readonly prop:value=share_link on:focus=|ev| {
                            event_target::<leptos::web_sys::HtmlInputElement>(&ev).select();
                        } />
                    </p>
                })}
                <ol class="kit-questions">
                    {questions
                        .into_iter()
                        .enumerate()
                        .map(|(at, q)| view! { <KitQuestion tool at last q running /> })
                        .collect_view()}
                </ol>
                {move || running.get().then(|| view! { <Rubric /> <Summary tool index /> })}
                {move || (!running.get()).then(|| view! { <AddQuestions tool index /> })}
                <div class="kit-delete">
                    <ConfirmAction
                        label="Delete this kit"
                        question="Delete this kit with its notes and scores? This cannot be undone."
                        confirm_label="Yes, delete it"
                        on_confirm=move || tool.delete_kit(index)
                    />
                </div>
                <p class="visually-hidden">{format!("End of kit {}.", o.name)}</p>
            </section>
        })
    }
}

#[component]
fn KitQuestion(
    tool: Tool,
    at: usize,
    last: usize,
    q: BankQuestion,
    running: RwSignal<bool>,
) -> impl IntoView {
    let id = q.id.clone();
    let prompt_id = format!("prompt-{id}");
    let shift = {
        let id = id.clone();
        move |by: isize| {
            tool.edit(|k: &mut Kit| {
                k.shift(&id, by);
            });
            // The list is drawn again in its new order: keep the keyboard
            // on the question that moved.
            #[cfg(feature = "hydrate")]
            {
                let id = id.clone();
                request_animation_frame(move || focus_move_button(&id, by < 0));
            }
        }
    };
    let remove = {
        let id = id.clone();
        move |_| {
            tool.edit(|k: &mut Kit| {
                k.remove(&id);
            })
        }
    };
    let meta = format!("{} \u{b7} {}", q.area.label(), q.level_and_time());
    view! {
        <li class="kit-question" data-id=id.clone()>
            <p class="kit-prompt" id=prompt_id.clone()>{q.prompt.clone()}</p>
            <p class="kit-question-meta">{meta}</p>
            {move || {
                if running.get() {
                    Either::Left(view! { <Answer tool q=q.clone() /> })
                } else {
                    let (up, down) = (shift.clone(), shift.clone());
                    Either::Right(view! {
                        <div class="kit-question-actions">
                            <button type="button" class="link-button" aria-describedby=prompt_id.clone() disabled=at == 0 on:click=move |_| up(-1)>
                                "Move up"
                            </button>
                            <button type="button" class="link-button" aria-describedby=prompt_id.clone() disabled=at == last on:click=move |_| down(1)>
                                "Move down"
                            </button>
                            <button type="button" class="link-button" aria-describedby=prompt_id.clone() on:click=remove.clone()>
                                "Remove"
                            </button>
                        </div>
                    })
                }
            }}
        </li>
    }
}

/// Focuses the "Move up" (or "Move down") button of question `id`, or the
/// other one when that end of the list disables it.
#[cfg(feature = "hydrate")]
fn focus_move_button(id: &str, up: bool) {
    use wasm_bindgen::JsCast;
    // "Move up" is the first button, "Move down" the second.
    let button = |nth: u8| {
        let selector = format!(
            r#"li.kit-question[data-id="{id}"] .kit-question-actions button:nth-child({nth})"#
        );
        document()
            .query_selector(&selector)
            .ok()
            .flatten()
            .filter(|b| !b.has_attribute("disabled"))
            .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
    };
    let (wanted, other) = if up { (1, 2) } else { (2, 1) };
    if let Some(b) = button(wanted).or_else(|| button(other)) {
        let _ = b.focus();
    }
}

/// What to listen for, and the score and notes of one answer.
#[component]
fn Answer(tool: Tool, q: BankQuestion) -> impl IntoView {
    let id = q.id.clone();
    let notes_id = format!("notes-{id}");
    let score = {
        let id = id.clone();
        Signal::derive(move || tool.asked(&id, |a| a.score).flatten())
    };
    let notes = {
        let id = id.clone();
        move || tool.asked(&id, |a| a.notes.clone()).unwrap_or_default()
    };
    let set_score = {
        let id = id.clone();
        move |s: u8| tool.edit(|k: &mut Kit| k.set_score(&id, Some(s)))
    };
    let set_notes = {
        let id = id.clone();
        move |text: String| tool.edit(|k: &mut Kit| k.set_notes(&id, &text))
    };
    view! {
        <div class="answer">
            <h3>"A strong answer covers"</h3>
            <ul class="strong-points">{q.strong.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
            <h3>"Red flags"</h3>
            <ul class="red-flags">{q.red_flags.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
            <h3>"Follow-up"</h3>
            <p class="follow-up">{q.follow_up}</p>
            <p class="answer-link"><a href=q.link>"The guide on this"</a></p>
            <RubricChoice legend="Score" group=format!("score-{id}") current=score enabled=true pick=set_score />
            <p class="notes">
                <label for=notes_id.clone()>"Notes"</label>
                <textarea
                    id=notes_id
                    rows="4"
                    maxlength=NOTES_LIMIT
                    prop:value=notes
                    on:change=move |ev| set_notes(event_target_value(&ev))
                ></textarea>
            </p>
        </div>
    }
}

/// The 1-4 rubric as a group of radio buttons: the interviewer's score, or
/// a candidate's rating of their own answer.
#[component]
pub fn RubricChoice(
    legend: &'static str,
    /// The radios' group name, unique on the page.
    group: String,
    #[prop(into)] current: Signal<Option<u8>>,
    #[prop(into)] enabled: Signal<bool>,
    pick: impl Fn(u8) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <fieldset class="score">
            <legend>{legend}</legend>
            {RUBRIC
                .into_iter()
                .map(|(value, name, _)| {
                    let pick = pick.clone();
                    view! {
                        <label class="choice">
                            <input
                                type="radio"
                                name=group.clone()
                                value=value.to_string()
                                prop:checked=move || current.get() == Some(value)
                                disabled=move || !enabled.get()
                                on:change=move |_| pick(value)
                            />
                            {format!("{value} {name}")}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// The rubric, stated where the scores are given.
#[component]
fn Rubric() -> impl IntoView {
    view! {
        <section class="rubric" aria-labelledby="rubric-title">
            <h3 id="rubric-title">"Scoring rubric"</h3>
            <dl>
                {RUBRIC
                    .into_iter()
                    .map(|(value, name, meaning)| view! {
                        <dt>{format!("{value} {name}")}</dt>
                        <dd>{meaning}</dd>
                    })
                    .collect_view()}
            </dl>
        </section>
    }
}

#[component]
fn Summary(tool: Tool, index: usize) -> impl IntoView {
    let lines = move || {
        tool.data.with(|d| {
            d.kits
                .get(index)
                .map(|k| tool.bank.with_value(|bank| summary(k, bank)))
                .unwrap_or_default()
        })
    };
    view! {
        <section class="kit-summary" aria-labelledby="summary-title">
            <h3 id="summary-title">"Summary by area"</h3>
            <table>
                <thead>
                    <tr>
                        <th scope="col">"Area"</th>
                        <th scope="col">"Questions"</th>
                        <th scope="col">"Scored"</th>
                        <th scope="col">"Average"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        lines()
                            .into_iter()
                            .map(|l| view! {
                                <tr class:total=l.area.is_none()>
                                    <th scope="row">{l.label()}</th>
                                    <td>{l.asked}</td>
                                    <td>{l.scored}</td>
                                    <td>{l.average_text()}</td>
                                </tr>
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </section>
    }
}

/// Questions from the bank that the kit does not have yet, by area.
#[component]
fn AddQuestions(tool: Tool, index: usize) -> impl IntoView {
    let first_area = tool
        .data
        .with_untracked(|d| d.kits.get(index).and_then(|k| k.areas.first().copied()))
        .unwrap_or_else(|| tool.bank.with_value(|b| b.areas()[0]));
    let area = RwSignal::new(first_area);
    let areas = tool.bank.with_value(crate::interview::Bank::areas);
    let candidates = move || {
        let area = area.get();
        let (level, taken, full) = tool.data.with(|d| {
            d.kits
                .get(index)
                .map_or((crate::interview::Level::Mid, Vec::new(), true), |k| {
                    (
                        k.level,
                        k.questions.iter().map(|q| q.id.clone()).collect::<Vec<_>>(),
                        k.questions.len() >= MAX_QUESTIONS,
                    )
                })
        });
        let mut list: Vec<BankQuestion> = tool.bank.with_value(|bank| {
            bank.questions()
                .filter(|q| q.area == area && !taken.contains(&q.id))
                .cloned()
                .collect()
        });
        list.sort_by_key(|q| q.level.distance(level));
        (list, full)
    };
    view! {
        <section class="add-questions" aria-labelledby="add-title">
            <h3 id="add-title">"Add questions"</h3>
            <p>
                <label for="add-area">"Area"</label>
                <select id="add-area" on:change=move |ev| {
                    if let Some(a) = Area::from_id(&event_target_value(&ev)) {
                        area.set(a);
                    }
                }>
                    {areas
                        .into_iter()
                        .map(|a| view! { <option value=a.id() selected=a == first_area>{a.label()}</option> })
                        .collect_view()}
                </select>
            </p>
            {move || {
                let (list, full) = candidates();
                if full {
                    return EitherOf3::A(view! { <p>{format!("This kit has {MAX_QUESTIONS} questions, as many as a kit holds.")}</p> });
                }
                if list.is_empty() {
                    return EitherOf3::B(view! { <p>"Every question of this area is in the kit."</p> });
                }
                EitherOf3::C(view! {
                    <ul class="candidates">
                        {list
                            .into_iter()
                            .map(|q| {
                                let id = q.id.clone();
                                let prompt_id = format!("add-{id}");
                                let meta = q.level_and_time();
                                view! {
                                    <li>
                                        <p id=prompt_id.clone()>{q.prompt}</p>
                                        <p class="kit-question-meta">{meta}</p>
                                        <button
                                            type="button"
                                            class="link-button"
                                            aria-describedby=prompt_id
                                            on:click=move |_| tool.edit(|k: &mut Kit| {
                                                k.add(&id);
                                            })
                                        >
                                            "Add to kit"
                                        </button>
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
