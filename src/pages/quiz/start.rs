//! The quiz's start screen: length and areas, resume, best score, history, reset.

use leptos::prelude::*;

use super::{Quiz, ReviewButton};
use crate::{
    components::confirm::ConfirmAction,
    format::date_from_ms,
    quiz::{
        attempt::{Mode, QUICK_PER_AREA, quick_length},
        bank::Area,
    },
};

#[component]
pub(super) fn StartScreen(quiz: Quiz) -> impl IntoView {
    let mode = RwSignal::new(Mode::Quick);
    let areas = RwSignal::new(Vec::<Area>::new());
    let easy_first = RwSignal::new(false);
    let not_ready = move || !quiz.loaded.get();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        quiz.start(
            mode.get_untracked(),
            areas.get_untracked(),
            easy_first.get_untracked(),
        );
    };

    view! {
        <section class="quiz-start" aria-labelledby="start-title">
            <h2 id="start-title">"Test what you know"</h2>
            <p>
                "Questions cover every skill area of the guide. Each answer is explained at once, "
                "and at the end you get a score per area and a list of what to read next. "
                "Everything happens in your browser; your progress is saved on this device only."
            </p>
            <p class="needs-js">
                "The quiz runs in your browser and needs JavaScript. Turn JavaScript on to take it; "
                "the rest of the guide reads fine without it."
            </p>
            <Resume quiz />
            <form class="quiz-options" on:submit=on_submit>
                // Disabled, like the button, until the quiz has loaded: a
                // choice made earlier would be undone as the page hydrates.
                <fieldset disabled=not_ready>
                    <legend>"Length"</legend>
                    <label class="choice">
                        <input
                            type="radio"
                            name="length"
                            prop:checked=move || mode.get() == Mode::Quick
                            on:change=move |_| mode.set(Mode::Quick)
                        />
                        {move || {
                            let n = areas.with(|a| quick_length(a));
                            format!("Quick: {n} questions, {QUICK_PER_AREA} from each area")
                        }}
                    </label>
                    <label class="choice">
                        <input
                            type="radio"
                            name="length"
                            prop:checked=move || mode.get() == Mode::Full
                            on:change=move |_| mode.set(Mode::Full)
                        />
                        {format!("Full: all {} questions", quiz.bank_size)}
                    </label>
                </fieldset>
                <fieldset disabled=not_ready>
                    <legend>"Skill areas (optional; none ticked means all)"</legend>
                    <div class="area-choices">
                        {Area::all()
                            .map(|area| {
                                let toggle = move |ev| {
                                    let on = event_target_checked(&ev);
                                    areas.update(|a| {
                                        a.retain(|x| *x != area);
                                        if on {
                                            a.push(area);
                                        }
                                    });
                                };
                                view! {
                                    <label class="choice">
                                        <input
                                            type="checkbox"
                                            prop:checked=move || areas.with(|a| a.contains(&area))
                                            on:change=toggle
                                        />
                                        {area.label()}
                                    </label>
                                }
                            })
                            .collect_view()}
                    </div>
                </fieldset>
                <label class="choice easy-first">
                    <input
                        type="checkbox"
                        disabled=not_ready
                        prop:checked=move || easy_first.get()
                        on:change=move |ev| easy_first.set(event_target_checked(&ev))
                    />
                    "I'm new to this: start with easier questions"
                </label>
                <button type="submit" class="button" disabled=not_ready>
                    "Start the quiz"
                </button>
            </form>
            <History quiz />
        </section>
    }
}

/// Offered when an attempt was left unfinished.
#[component]
fn Resume(quiz: Quiz) -> impl IntoView {
    move || {
        let progress = quiz.data.with(|d| {
            d.in_progress
                .as_ref()
                .map(|a| (a.answered(), a.questions.len()))
        });
        progress.map(|(answered, total)| {
            view! {
                <div class="resume">
                    <p>{format!("You have a quiz in progress: {answered} of {total} questions answered.")}</p>
                    <button type="button" class="button" on:click=move |_| quiz.paused.set(false)>
                        "Resume the quiz"
                    </button>
                </div>
            }
        })
    }
}

/// Best score, past attempts, review of mistakes and the reset control.
#[component]
fn History(quiz: Quiz) -> impl IntoView {
    move || {
        let history = quiz.data.with(|d| d.history.clone());
        if history.is_empty() {
            return None;
        }
        let best = history.iter().map(|f| f.percent).max().unwrap_or(0);
        let missed = history[0].missed.clone();
        let review = (!missed.is_empty()).then(|| view! { <p><ReviewButton quiz missed /></p> });
        let has_last = quiz.data.with(|d| d.last.is_some());
        Some(view! {
            <section class="quiz-history" aria-labelledby="history-title">
                <h2 id="history-title">"Your results so far"</h2>
                <p class="best-score">{format!("Best score: {best}%")}</p>
                {has_last.then(|| view! {
                    <p>
                        <button type="button" class="button" on:click=move |_| quiz.show_last()>
                            "See my last results and study plan"
                        </button>
                    </p>
                })}
                {review}
                <table>
                    <caption class="visually-hidden">"Finished attempts, newest first"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Date"</th>
                            <th scope="col">"Kind"</th>
                            <th scope="col">"Score"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {history
                            .iter()
                            .map(|f| {
                                let kind = match f.mode {
                                    Mode::Quick => "Quick",
                                    Mode::Full => "Full",
                                    Mode::Review => "Review",
                                };
                                view! {
                                    <tr>
                                        <td>{date_from_ms(f.finished_at)}</td>
                                        <td>{kind}</td>
                                        <td>{format!("{}%", f.percent)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
                <ConfirmAction
                    label="Reset quiz data"
                    question="Delete your quiz history and any quiz in progress? This cannot be undone."
                    confirm_label="Yes, delete quiz data"
                    on_confirm=move || quiz.reset()
                />
            </section>
        })
    }
}
