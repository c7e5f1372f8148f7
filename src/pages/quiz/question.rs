//! One question at a time: choose, check, read the feedback, go on.

use leptos::{either::Either, html, prelude::*};

use super::Quiz;
use crate::quiz::{
    bank::{AnswerKind, Question, question},
    scoring::{PARTIAL_CREDIT_RULE, grade},
};

#[component]
pub(super) fn QuestionScreen(quiz: Quiz, pos: usize) -> impl IntoView {
    let planned = quiz.data.with_untracked(|d| {
        d.in_progress
            .as_ref()
            .and_then(|a| Some((a.questions.get(pos)?.clone(), a.questions.len())))
    });
    let Some((planned, total)) = planned else {
        return None;
    };
    let Some(q) = question(&planned.id) else {
        return None;
    };
    let order = planned.order.clone();
    let selected = RwSignal::new(planned.answer.clone().unwrap_or_default());
    let answered = move || quiz.feedback.get() == Some(pos);
    let last = pos + 1 == total;
    let next_button = NodeRef::<html::Button>::new();
    let heading = NodeRef::<html::H2>::new();

    // A new question takes the focus, so keyboard and screen reader users
    // start from its number and prompt.
    Effect::new(move |_| {
        if let Some(h) = heading.get()
            && quiz.feedback.get_untracked() != Some(pos)
        {
            let _ = h.focus();
        }
    });

    // Move focus to "Next" once the feedback is shown, so Enter continues.
    Effect::new(move |_| {
        if answered()
            && let Some(button) = next_button.get()
        {
            let _ = button.focus();
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if answered() {
            quiz.next();
        } else {
            let choice = selected.get_untracked();
            if !choice.is_empty() {
                quiz.answer(Some(&choice));
            }
        }
    };
    let input_type = if q.kind == AnswerKind::Multiple {
        "checkbox"
    } else {
        "radio"
    };
    let name = format!("answer-{}", q.id);

    Some(view! {
        // `data-question` names the question (for tests), never its key.
        <section class="quiz-question" aria-labelledby="question-progress" data-question=q.id>
            <h2 id="question-progress" class="progress-text" tabindex="-1" node_ref=heading>
                {format!("Question {} of {}", pos + 1, total)}
            </h2>
            <progress max=total value=pos + 1 aria-hidden="true"></progress>
            <form on:submit=on_submit>
                // Labelled by the prompt, which may hold code to read
                // (block content, which a legend cannot hold).
                <fieldset disabled=answered aria-labelledby="question-prompt">
                    <div id="question-prompt" class="prompt" inner_html=q.prompt_html></div>
                    {(q.kind == AnswerKind::Multiple).then(|| view! { <p class="hint">{PARTIAL_CREDIT_RULE}</p> })}
                    <div class="options">
                        {order
                            .iter()
                            .enumerate()
                            .map(|(shown, &i)| {
                                let option = q.options[i];
                                let choose = move |ev| {
                                    let on = event_target_checked(&ev);
                                    selected.update(|s| {
                                        if q.kind != AnswerKind::Multiple {
                                            s.clear();
                                        }
                                        s.retain(|x| *x != i);
                                        if on {
                                            s.push(i);
                                        }
                                    });
                                };
                                let mark = move || {
                                    if !answered() {
                                        return "";
                                    }
                                    let chosen = selected.with(|s| s.contains(&i));
                                    match (option.correct, chosen) {
                                        (true, true) => "\u{2713} Right answer, your choice",
                                        (true, false) => "\u{2713} Right answer",
                                        (false, true) => "\u{2717} Your choice, wrong",
                                        (false, false) => "",
                                    }
                                };
                                view! {
                                    <label class="choice option">
                                        <input
                                            type=input_type
                                            name=name.clone()
                                            // The position on screen, which
                                            // says nothing of the key.
                                            value=shown
                                            prop:checked=move || selected.with(|s| s.contains(&i))
                                            on:change=choose
                                        />
                                        <span class="option-text">{option.text}</span>
                                        <span class="option-mark">{mark}</span>
                                    </label>
                                }
                            })
                            .collect_view()}
                    </div>
                </fieldset>
                <div class="feedback-region" role="status" aria-live="polite">
                    {move || answered().then(|| view! { <Feedback q selected=selected.get() order=order.clone() /> })}
                </div>
                <div class="quiz-actions">
                    {move || {
                        if answered() {
                            Either::Left(view! {
                                <button type="submit" class="button" node_ref=next_button>
                                    {if last { "See my results" } else { "Next question" }}
                                </button>
                            })
                        } else {
                            Either::Right(view! {
                                <button
                                    type="submit"
                                    class="button"
                                    disabled=move || selected.with(Vec::is_empty)
                                >
                                    "Check answer"
                                </button>
                                <button
                                    type="button"
                                    class="button secondary"
                                    on:click=move |_| quiz.answer(None)
                                >
                                    "I don't know"
                                </button>
                            })
                        }
                    }}
                    <button type="button" class="link-button" on:click=move |_| quiz.back_to_start()>
                        "Leave and continue later"
                    </button>
                </div>
            </form>
        </section>
    })
}

/// Right or wrong, the right answer, why the chosen options were wrong,
/// the explanation, and where the guide teaches it.
#[component]
fn Feedback(q: &'static Question, selected: Vec<usize>, order: Vec<usize>) -> impl IntoView {
    let points = grade(q, &selected);
    let verdict = if selected.is_empty() {
        "You chose \u{201c}I don't know\u{201d}: 0 points, and the answer is below.".to_string()
    } else if points >= 1.0 {
        "\u{2713} Correct.".to_string()
    } else if points > 0.0 {
        format!("\u{25d0} Partly right: {:.2} of 1 point.", points)
    } else {
        "\u{2717} Not quite.".to_string()
    };
    let verdict_class = if points >= 1.0 {
        "verdict right"
    } else {
        "verdict wrong"
    };
    let right: Vec<&str> = order
        .iter()
        .filter(|&&i| q.options[i].correct)
        .map(|&i| q.options[i].text)
        .collect();
    let right_label = if right.len() == 1 {
        "The right answer: "
    } else {
        "The right answers: "
    };
    let wrong_picks: Vec<(&str, &str)> = order
        .iter()
        .filter(|&&i| selected.contains(&i) && !q.options[i].correct)
        .map(|&i| (q.options[i].text, q.options[i].why_wrong))
        .collect();
    let read_more = q.link_title;
    view! {
        <div class="feedback">
            <p class=verdict_class>
                <strong>{verdict}</strong>
            </p>
            <p>{right_label} {right.join("; ")}</p>
            {(!wrong_picks.is_empty()).then(|| view! {
                <ul class="why-wrong">
                    {wrong_picks
                        .into_iter()
                        .map(|(text, why)| view! { <li>{format!("\u{201c}{text}\u{201d} is wrong: {why}")}</li> })
                        .collect_view()}
                </ul>
            })}
            <p class="explanation">{q.explanation}</p>
            <p class="read-more">"Read more: " <a href=q.link>{read_more}</a></p>
        </div>
    }
}
