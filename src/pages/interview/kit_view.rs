//! One kit on screen: its questions (reorder, remove with undo, add), the
//! interviews run with it, side-by-side comparison, and the share link.
//! An open interview shows its scorecard instead (`scorecard_view`).

use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

use super::{Tool, focus_after_render, scorecard_view::Scorecard};
use crate::{
    components::confirm::ConfirmAction,
    interview::{
        BankQuestion, Kit, Level,
        kit::{Asked, MAX_QUESTIONS, NAME_LIMIT, question_minutes, reserved_minutes},
        scorecard::compare,
        share,
    },
    quiz::bank::Area,
};

/// What the kit is drawn from: its name, level, length and questions in
/// order. Interviews are not part of it, so scoring one redraws only what
/// shows it, and keeps the focus where the interviewer is.
#[derive(Clone, PartialEq)]
struct Outline {
    id: u64,
    name: String,
    level: Level,
    minutes: u32,
    planned: u32,
    ids: Vec<String>,
}

/// "Mid-level · 6 questions · ..." with the time kept for introductions
/// and the candidate's questions.
fn plan_text(o: &Outline) -> String {
    let (intro, theirs) = reserved_minutes(o.minutes);
    let room = question_minutes(o.minutes);
    let fit = if o.planned > room {
        format!(
            "about {} minutes of questions: more than the {room} this length leaves for them",
            o.planned
        )
    } else {
        format!("about {} minutes of questions", o.planned)
    };
    format!(
        "{} \u{b7} {} questions \u{b7} {fit}, {intro} for introductions and {theirs} for the candidate's own questions ({} minutes in all).",
        o.level.label(),
        o.ids.len(),
        o.minutes
    )
}

#[component]
pub fn KitView(tool: Tool, index: usize) -> impl IntoView {
    let outline = Memo::new(move |_| {
        tool.data.with(|d| {
            d.kits.get(index).map(|k| Outline {
                id: k.id,
                name: k.name.clone(),
                level: k.level,
                minutes: k.minutes,
                planned: tool.bank.with_value(|bank| k.planned_minutes(bank)),
                ids: k.questions.iter().map(|q| q.id.clone()).collect(),
            })
        })
    });
    // The last question removed, where it was, and its prompt: "Undo"
    // outlives the redraw of the list that the removal causes.
    let removed = RwSignal::new(None::<(usize, Asked, String)>);
    // The interview on screen, when it was run with this kit.
    let open_interview = Memo::new(move |_| {
        let id = tool.interview.get()?;
        let kit = outline.with(|o| o.as_ref().map(|o| o.id))?;
        tool.data
            .with(|d| d.interview(id).filter(|i| i.kit == kit).map(|i| i.id))
    });
    move || {
        if let Some(id) = open_interview.get() {
            return Some(Either::Left(view! { <Scorecard tool index id /> }));
        }
        let o = outline.get()?;
        Some(Either::Right(view! {
            <section class="kit" aria-labelledby="kit-title">
                <h2 id="kit-title" tabindex="-1">{o.name.clone()}</h2>
                <p class="kit-meta">{plan_text(&o)}</p>
                <p class="kit-note">
                    "The bank is public, and so is the guide that teaches its answers: lean on the "
                    "follow-ups and ask for the candidate's own examples. Questions from a neighbouring "
                    "level are scored against their own anchors, which describe an answer at that level."
                </p>
                <Interviews tool index kit_id=o.id />
                <Questions tool index outline=o.clone() removed />
                <ShareKit tool index />
                <div class="kit-delete">
                    <ConfirmAction
                        label="Delete this kit"
                        question="Delete this kit and every interview run with it? This cannot be undone."
                        confirm_label="Yes, delete it"
                        on_confirm=move || tool.delete_kit(index)
                    />
                </div>
                <p class="visually-hidden">{format!("End of kit {}.", o.name)}</p>
            </section>
        }))
    }
}

/// The interviews run with this kit, a form for the next, and the
/// candidates side by side.
#[component]
fn Interviews(tool: Tool, index: usize, kit_id: u64) -> impl IntoView {
    let list = move || {
        tool.data.with(|d| {
            d.interviews_of(kit_id)
                .map(|i| {
                    let rec = i
                        .recommendation
                        .map_or("no recommendation yet".to_string(), |r| {
                            format!("recommendation: {}", r.label())
                        });
                    (i.id, i.title(), rec)
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="kit-interviews" aria-labelledby="interviews-title">
            <h3 id="interviews-title">"Interviews with this kit"</h3>
            <p>
                "Each candidate gets a scorecard of their own: the next interview starts blank, "
                "and a printed sheet carries only its own candidate's scores."
            </p>
            {move || {
                let list = list();
                if list.is_empty() {
                    return Either::Left(view! { <p class="empty">"No interviews yet."</p> });
                }
                Either::Right(view! {
                    <ul class="interview-list">
                        {list
                            .into_iter()
                            .map(|(id, title, rec)| view! {
                                <li>
                                    <button
                                        type="button"
                                        class="link-button"
                                        on:click=move |_| {
                                            tool.interview.set(Some(id));
                                            focus_after_render("scorecard-title");
                                        }
                                    >
                                        {title}
                                    </button>
                                    <span class="kit-meta">{format!(" \u{b7} {rec}")}</span>
                                </li>
                            })
                            .collect_view()}
                    </ul>
                })
            }}
            <NewInterview tool />
            <Compare tool index kit_id />
        </section>
    }
}

/// Today as `YYYY-MM-DD` in the reader's time zone (empty off the browser).
fn today() -> String {
    #[cfg(feature = "hydrate")]
    {
        let now = js_sys::Date::new_0();
        format!(
            "{:04}-{:02}-{:02}",
            now.get_full_year(),
            now.get_month() + 1,
            now.get_date()
        )
    }
    #[cfg(not(feature = "hydrate"))]
    String::new()
}

#[component]
fn NewInterview(tool: Tool) -> impl IntoView {
    let candidate = RwSignal::new(String::new());
    let interviewer = RwSignal::new(String::new());
    let date = RwSignal::new(today());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tool.start_interview(
            &candidate.get_untracked(),
            &interviewer.get_untracked(),
            &date.get_untracked(),
        );
        candidate.set(String::new());
    };
    view! {
        <form class="new-interview" on:submit=submit aria-labelledby="new-interview-title">
            <h4 id="new-interview-title">"Start an interview"</h4>
            {[
                ("new-candidate", "Candidate", "text", "off", candidate),
                ("new-interviewer", "Interviewer", "text", "name", interviewer),
                ("new-date", "Date", "date", "off", date),
            ]
                .into_iter()
                .map(|(id, label, kind, autocomplete, value)| view! {
                    <p>
                        <label for=id>{label}</label>
                        <input id=id type=kind maxlength=(kind == "text").then_some(NAME_LIMIT) autocomplete=autocomplete
                            prop:value=move || value.get()
                            on:input=move |ev| value.set(event_target_value(&ev)) />
                    </p>
                })
                .collect_view()}
            <button type="submit" class="button">"Start the interview"</button>
        </form>
    }
}

/// Candidates interviewed with this kit, side by side per area.
#[component]
fn Compare(tool: Tool, index: usize, kit_id: u64) -> impl IntoView {
    move || {
        let (names, recs, rows) = tool.data.with(|d| {
            let kit = d.kits.get(index)?;
            let interviews: Vec<_> = d.interviews_of(kit_id).collect();
            if interviews.len() < 2 {
                return None;
            }
            let names: Vec<String> = interviews.iter().map(|i| i.title()).collect();
            let recs: Vec<String> = interviews
                .iter()
                .map(|i| {
                    i.recommendation
                        .map_or("\u{2014}", |r| r.label())
                        .to_string()
                })
                .collect();
            let rows = tool.bank.with_value(|bank| compare(kit, &interviews, bank));
            Some((names, recs, rows))
        })?;
        Some(view! {
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="compare-title">
                <table class="compare">
                    <caption id="compare-title">"Candidates side by side: average score per area"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Area"</th>
                            {names.into_iter().map(|n| view! { <th scope="col">{n}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|(area, cells)| view! {
                                <tr class:total=area.is_none()>
                                    <th scope="row">{area.map_or("All areas", Area::label)}</th>
                                    {cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
                                </tr>
                            })
                            .collect_view()}
                        <tr>
                            <th scope="row">"Recommendation"</th>
                            {recs.into_iter().map(|r| view! { <td>{r}</td> }).collect_view()}
                        </tr>
                    </tbody>
                </table>
            </div>
        })
    }
}

/// The kit's questions: reorder, remove (with undo), add from the bank.
#[component]
fn Questions(
    tool: Tool,
    index: usize,
    outline: Outline,
    removed: RwSignal<Option<(usize, Asked, String)>>,
) -> impl IntoView {
    let questions: Vec<BankQuestion> = tool.bank.with_value(|bank| {
        outline
            .ids
            .iter()
            .filter_map(|id| bank.get(id).cloned())
            .collect()
    });
    let last = questions.len().saturating_sub(1);
    let undo = move |_| {
        if let Some((at, asked, _)) = removed.get_untracked() {
            let id = asked.id.clone();
            tool.edit(|k: &mut Kit| {
                k.insert(at, asked);
            });
            removed.set(None);
            #[cfg(feature = "hydrate")]
            request_animation_frame(move || focus_question_button(&id, 3));
            #[cfg(not(feature = "hydrate"))]
            let _ = id;
        }
    };
    view! {
        <section class="kit-questions-section" aria-labelledby="questions-title">
            <h3 id="questions-title">"Questions"</h3>
            <div role="status" class="undo-status">
                {move || removed.get().map(|(_, _, prompt)| view! {
                    <p>
                        {format!("Removed \u{201c}{prompt}\u{201d}. ")}
                        <button type="button" id="undo-remove" class="link-button" on:click=undo>
                            "Undo"
                        </button>
                    </p>
                })}
            </div>
            <ol class="kit-questions">
                {questions
                    .into_iter()
                    .enumerate()
                    .map(|(at, q)| view! { <KitQuestion tool at last q removed kit_level=outline.level /> })
                    .collect_view()}
            </ol>
            <AddQuestions tool index />
        </section>
    }
}

#[component]
fn KitQuestion(
    tool: Tool,
    at: usize,
    last: usize,
    q: BankQuestion,
    removed: RwSignal<Option<(usize, Asked, String)>>,
    kit_level: Level,
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
        let (id, prompt) = (id.clone(), q.prompt.clone());
        move |_| {
            let mut taken = None;
            tool.edit(|k: &mut Kit| taken = k.remove(&id));
            if let Some((at, asked)) = taken {
                removed.set(Some((at, asked, prompt.clone())));
                focus_after_render("undo-remove");
            }
        }
    };
    let mut meta = format!("{} \u{b7} {}", q.area.label(), q.level_and_time());
    if q.level != kit_level {
        meta.push_str(&format!(
            " \u{b7} from a neighbouring level: scored against its own {} anchors",
            q.level.label().to_lowercase()
        ));
    }
    let (up, down) = (shift.clone(), shift);
    view! {
        <li class="kit-question" data-id=id.clone()>
            <p class="kit-prompt" id=prompt_id.clone()>{q.prompt.clone()}</p>
            <p class="kit-question-meta">{meta}</p>
            <div class="kit-question-actions">
                <button type="button" class="link-button" aria-describedby=prompt_id.clone() disabled=at == 0 on:click=move |_| up(-1)>
                    "Move up"
                </button>
                <button type="button" class="link-button" aria-describedby=prompt_id.clone() disabled=at == last on:click=move |_| down(1)>
                    "Move down"
                </button>
                <button type="button" class="link-button" aria-describedby=prompt_id on:click=remove>
                    "Remove"
                </button>
            </div>
        </li>
    }
}

/// Focuses button `nth` (1 "Move up", 2 "Move down", 3 "Remove") of
/// question `id`.
#[cfg(feature = "hydrate")]
fn focus_question_button(id: &str, nth: u8) {
    use wasm_bindgen::JsCast;
    let selector =
        format!(r#"li.kit-question[data-id="{id}"] .kit-question-actions button:nth-child({nth})"#);
    if let Some(b) = document()
        .query_selector(&selector)
        .ok()
        .flatten()
        .filter(|b| !b.has_attribute("disabled"))
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = b.focus();
    }
}

/// Focuses the "Move up" (or "Move down") button of question `id`, or the
/// other one when that end of the list disables it.
#[cfg(feature = "hydrate")]
fn focus_move_button(id: &str, up: bool) {
    let (wanted, other) = if up { (1, 2) } else { (2, 1) };
    focus_question_button(id, wanted);
    let focused_here = document().active_element().is_some_and(|e| {
        e.closest(&format!(r#"li.kit-question[data-id="{id}"]"#))
            .ok()
            .flatten()
            .is_some()
    });
    if !focused_here {
        focus_question_button(id, other);
    }
}

/// The share link, with a confirmation that it was copied.
#[component]
fn ShareKit(tool: Tool, index: usize) -> impl IntoView {
    let status = RwSignal::new(None::<&'static str>);
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
    let copy = move |_| {
        status.set(Some("Copying\u{2026}"));
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let promise = window()
                .navigator()
                .clipboard()
                .write_text(&share_link.get_untracked());
            let copied = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            status.set(Some(if copied {
                "Link copied to the clipboard. It carries the questions only: no candidates, notes or scores."
            } else {
                "This browser did not allow copying: select the link below and copy it."
            }));
        });
    };
    view! {
        <section class="share" aria-labelledby="share-title">
            <h3 id="share-title">"Share this kit"</h3>
            <button type="button" class="button secondary" on:click=copy>"Copy share link"</button>
            <p role="status" class="share-status">{move || status.get()}</p>
            {move || status.get().is_some().then(|| view! {
                <p class="share-link">
                    <label for="share-link">"Link to this kit"</label>
                    <input id="share-link" type="text" readonly prop:value=share_link on:focus=|ev| {
                        event_target::<leptos::web_sys::HtmlInputElement>(&ev).select();
                    } />
                </p>
            })}
        </section>
    }
}

/// The 1-4 scale as a group of radio buttons: the interviewer's score with
/// each score's anchor for this question, or a candidate's rating of their
/// own answer (no anchors).
#[component]
pub fn RubricChoice(
    legend: &'static str,
    /// The radios' group name, unique on the page.
    group: String,
    #[prop(into)] current: Signal<Option<u8>>,
    #[prop(into)] enabled: Signal<bool>,
    /// What an answer at each score sounds like; empty for none.
    #[prop(default = Vec::new())]
    anchors: Vec<String>,
    pick: impl Fn(u8) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let anchored = !anchors.is_empty();
    view! {
        <fieldset class="score" class:anchored=anchored>
            <legend>{legend}</legend>
            {crate::interview::rubric::RUBRIC
                .into_iter()
                .map(|(value, name)| {
                    let pick = pick.clone();
                    let anchor = anchors.get(usize::from(value) - 1).cloned();
                    view! {
                        <label class="choice score-choice">
                            <input
                                type="radio"
                                name=group.clone()
                                value=value.to_string()
                                prop:checked=move || current.get() == Some(value)
                                disabled=move || !enabled.get()
                                on:change=move |_| pick(value)
                            />
                            <span class="score-name">{format!("{value} {name}")}</span>
                            {anchor.map(|a| view! { <span class="anchor">{a}</span> })}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// Questions from the bank that the kit does not have yet, by area.
#[component]
fn AddQuestions(tool: Tool, index: usize) -> impl IntoView {
    let first_area = tool
        .data
        .with_untracked(|d| d.kits.get(index).and_then(|k| k.areas.first().copied()))
        .or_else(|| Area::all().next())
        .expect("there are areas");
    let area = RwSignal::new(first_area);
    let candidates = move || {
        let area = area.get();
        let (level, taken, full) = tool.data.with(|d| {
            d.kits
                .get(index)
                .map_or((Level::Mid, Vec::new(), true), |k| {
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
            <h4 id="add-title">"Add questions"</h4>
            <p>
                <label for="add-area">"Area"</label>
                <select id="add-area" on:change=move |ev| {
                    if let Some(a) = Area::from_id(&event_target_value(&ev)) {
                        area.set(a);
                    }
                }>
                    {Area::all()
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
