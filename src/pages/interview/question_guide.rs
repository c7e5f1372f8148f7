//! What an interviewer needs beside one question: the material a work
//! sample gives the candidate, the fallback of an experience question, the
//! must-have points, the rest of a strong answer, red flags and the
//! follow-up. Shown in the bank (server), in run mode and on the sheet.

use leptos::prelude::*;

use crate::interview::BankQuestion;

#[component]
pub fn QuestionGuide(q: BankQuestion) -> impl IntoView {
    let material = (!q.material_html.is_empty()).then(|| {
        view! {
            <div class="material">
                <p class="guide-label">"Give the candidate:"</p>
                <div class="material-body" inner_html=q.material_html.clone()></div>
            </div>
        }
    });
    let fallback = (!q.fallback.is_empty()).then(|| {
        view! {
            <p class="fallback">
                <span class="guide-label">"No such experience at work? Ask: "</span>
                {q.fallback.clone()}
            </p>
        }
    });
    view! {
        {material}
        {fallback}
        <p class="guide-label">"Must have (without these, at most 2):"</p>
        <ul class="must-points">{q.must.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
        <p class="guide-label">"A strong answer also covers:"</p>
        <ul class="strong-points">{q.strong.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
        <p class="guide-label">"Red flags:"</p>
        <ul class="red-flags">{q.red_flags.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
        <p class="follow-up"><span class="guide-label">"Follow-up: "</span>{q.follow_up}</p>
    }
}

/// What an answer at each score sounds like for one question, as a list
/// (the bank; the scorecard shows them beside its score buttons).
#[component]
pub fn Anchors(anchors: [String; 4]) -> impl IntoView {
    view! {
        <dl class="anchors">
            {anchors
                .into_iter()
                .enumerate()
                .map(|(i, text)| {
                    let (value, name) = crate::interview::rubric::RUBRIC[i];
                    view! {
                        <dt>{format!("{value} {name}")}</dt>
                        <dd>{text}</dd>
                    }
                })
                .collect_view()}
        </dl>
    }
}
