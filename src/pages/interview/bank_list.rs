//! The whole question bank as plain HTML, by area (server only).

use leptos::prelude::*;

use crate::{interview::Bank, site_map};

#[component]
pub fn BankList(bank: Bank) -> impl IntoView {
    let areas = bank.areas();
    view! {
        <section class="bank" aria-labelledby="bank-title">
            <h2 id="bank-title">"The question bank"</h2>
            <p>{format!("{} questions. Each lists what a strong answer covers, red flags and a follow-up.", bank.0.len())}</p>
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
                                                <summary>"Strong answer, red flags, follow-up"</summary>
                                                <ul class="strong-points">{q.strong.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}</ul>
                                                <p>"Red flags:"</p>
                                                <ul class="red-flags">{q.red_flags.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}</ul>
                                                <p>{format!("Follow-up: {}", q.follow_up)}</p>
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
