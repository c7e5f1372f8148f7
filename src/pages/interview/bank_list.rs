//! The whole question bank as plain HTML, by area (server only).

use leptos::prelude::*;

use super::question_guide::{Anchors, QuestionGuide};
use crate::{interview::Bank, site_map};

#[component]
pub fn BankList(bank: Bank) -> impl IntoView {
    let areas = bank.areas();
    view! {
        <section class="bank" aria-labelledby="bank-title">
            <h2 id="bank-title">"The question bank"</h2>
            <p>
                {format!("{} questions. Each lists its must-have points, what a strong answer covers, red flags, a follow-up, and what an answer scoring 1, 2, 3 and 4 sounds like. ", bank.0.len())}
                "This bank is public, and so is the guide that teaches its answers: candidates may have read both. "
                "Lean on the follow-ups, ask for the candidate's own examples, and vary the details of a scenario."
            </p>
            {areas
                .into_iter()
                .map(|area| {
                    let heading = format!("bank-{}", area.id());
                    let labelled_by = heading.clone();
                    view! {
                        <section class="bank-area" aria-labelledby=labelled_by>
                            <h3 id=heading>{area.label()}</h3>
                            <ol>
                                {bank
                                    .questions()
                                    .filter(|q| q.area == area)
                                    .map(|q| view! {
                                        <li class="bank-question" id=site_map::interview_question_anchor(&q.id)>
                                            <p class="kit-prompt">{q.prompt.clone()}</p>
                                            <p class="kit-question-meta">{q.level_and_time()}</p>
                                            <details>
                                                <summary>"What to listen for, and how to score it"</summary>
                                                <QuestionGuide q=q.clone() />
                                                <p class="guide-label">"Scoring anchors:"</p>
                                                <Anchors anchors=q.anchors.clone() />
                                                <p><a href=q.link.clone()>"The guide on this"</a></p>
                                            </details>
                                        </li>
                                    })
                                    .collect_view()}
                            </ol>
                        </section>
                    }
                })
                .collect_view()}
        </section>
    }
}
