//! The end of an attempt: score, bars by area, level, study plan, next steps.

use leptos::{either::Either, prelude::*};

use super::{Quiz, ReviewButton};
use crate::{
    content::link_title,
    quiz::{
        plan::{PathStages, study_plan},
        scoring::{DONT_KNOW_RULE, Level, PARTIAL_CREDIT_RULE, results},
    },
};

/// A study plan link's title: from the bank (the browser carries no
/// heading titles), or the section's title for an area's overview link.
fn title_of(href: &str) -> String {
    crate::quiz::bank::questions()
        .iter()
        .find(|q| q.link == href)
        .map(|q| q.link_title.to_string())
        .or_else(|| link_title(href))
        .unwrap_or_else(|| href.to_string())
}

#[component]
pub(super) fn ResultsScreen(quiz: Quiz) -> impl IntoView {
    let Some((attempt, finished)) = quiz.finished.get_untracked() else {
        return None;
    };
    let results = results(attempt.answers());
    let plan = study_plan(&results, attempt.answers());
    let stages = use_context::<PathStages>().unwrap_or_default();
    let percent = results.total.percent();
    let previous = attempt.clone();
    let missed = finished.missed.clone();

    Some(view! {
        <section class="quiz-results" aria-labelledby="results-title">
            <h2 id="results-title">"Your results"</h2>
            <p class="score">
                {format!(
                    "You scored {percent}% ({:.1} of {} points).",
                    results.total.points,
                    results.total.max,
                )}
            </p>
            <p class="level">{Level::from_percent(percent).words()}</p>

            <h3>"By skill area"</h3>
            <ul class="area-bars">
                {results
                    .by_area
                    .iter()
                    .map(|(area, score)| {
                        let p = score.percent();
                        // One or two answers say little: the count is shown,
                        // and a single answer is not called a score.
                        let basis = match score.max {
                            1 => "1 question: too few to judge".to_string(),
                            n => format!("{n} questions"),
                        };
                        view! {
                            <li class="area-bar">
                                <span class="area-name">{area.label()}</span>
                                <span class="area-percent">{format!("{p}%")}</span>
                                <span class="area-basis">{basis}</span>
                                // An SVG width, not a style attribute: the
                                // Content-Security-Policy allows no inline styles.
                                <svg class="bar" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true">
                                    <rect class="bar-fill" width=p height="1"></rect>
                                </svg>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>

            <section class="score-meaning" aria-labelledby="score-meaning-title">
                <h3 id="score-meaning-title">"What your score means, and how it was counted"</h3>
                <dl class="score-bands">
                    {Level::BANDS
                        .iter()
                        .map(|(level, range, meaning)| {
                            let current = *level == Level::from_percent(percent);
                            view! {
                                <dt class:current-band=current>
                                    {*range}
                                    {current.then_some(" (your score)")}
                                </dt>
                                <dd>{*meaning}</dd>
                            }
                        })
                        .collect_view()}
                </dl>
                <p>
                    "Single-answer and true-or-false questions score 1 point when right and 0 otherwise. "
                    "Multiple-answer questions: " {PARTIAL_CREDIT_RULE}
                </p>
                <p>{DONT_KNOW_RULE}</p>
                <p>
                    "An area's percentage rests on the questions it had in this attempt (counted beside each bar): "
                    "with one or two questions it is a hint, not a measure. The full quiz asks every question."
                </p>
            </section>

            <h3>"What to read next"</h3>
            {if plan.is_empty() {
                Either::Left(view! { <p class="no-plan">"No study plan needed: you answered every area well."</p> })
            } else {
                Either::Right(view! {
                    <ol class="study-plan">
                        {plan
                            .into_iter()
                            .map(|item| {
                                let stage = stages
                                    .for_area(item.area)
                                    .map(|(href, title)| (href, title.to_string()));
                                view! {
                                    <li>
                                        <strong>{format!("{} ({}%)", item.area.label(), item.percent)}</strong>
                                        {stage.map(|(href, title)| view! {
                                            <p class="plan-stage">
                                                "Learning path stage to work on: " <a href=href>{title}</a>
                                            </p>
                                        })}
                                        <ul>
                                            {item
                                                .links
                                                .into_iter()
                                                .map(|href| {
                                                    let title = title_of(href);
                                                    view! { <li><a href=href>{title}</a></li> }
                                                })
                                                .collect_view()}
                                        </ul>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                })
            }}

            <div class="quiz-actions">
                <button type="button" class="button" on:click=move |_| quiz.retake(&previous)>
                    "Retake the quiz"
                </button>
                {(!missed.is_empty()).then(|| view! { <ReviewButton quiz missed /> })}
                <button type="button" class="link-button" on:click=move |_| quiz.back_to_start()>
                    "Back to the start"
                </button>
            </div>
        </section>
    })
}
