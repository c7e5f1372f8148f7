//! One interview's scorecard: who, when, each question with what to listen
//! for and its own anchors beside the score buttons, notes saved as they
//! are typed, the summary with the evidence per area, the overall
//! recommendation. Printed, it is the interviewer's sheet for this
//! candidate only.

use leptos::prelude::*;

use super::{Tool, focus_after_render, kit_view::RubricChoice, question_guide::QuestionGuide};
use crate::{
    components::confirm::ConfirmAction,
    interview::{
        BankQuestion, Level,
        kit::{NAME_LIMIT, NOTES_LIMIT},
        scorecard::{Interview, Recommendation, summary},
    },
};

#[component]
pub fn Scorecard(tool: Tool, index: usize, id: u64) -> impl IntoView {
    let (kit_name, level, questions) = tool.data.with_untracked(|d| {
        let kit = d.kits.get(index);
        let questions: Vec<BankQuestion> = tool.bank.with_value(|bank| {
            kit.map(|k| {
                k.questions
                    .iter()
                    .filter_map(|q| bank.get(&q.id).cloned())
                    .collect()
            })
            .unwrap_or_default()
        });
        (
            kit.map(|k| k.name.clone()).unwrap_or_default(),
            kit.map_or(Level::Mid, |k| k.level),
            questions,
        )
    });
    let title = move || {
        tool.read_interview(id, Interview::title)
            .unwrap_or_default()
    };
    let back = move |_| {
        tool.interview.set(None);
        focus_after_render("kit-title");
    };
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let _ = window().print();
        }
    };
    view! {
        <section class="scorecard" aria-labelledby="scorecard-title">
            <p class="scorecard-kit">{format!("Kit: {kit_name} \u{b7} {}", level.label())}</p>
            <h2 id="scorecard-title" tabindex="-1">{move || format!("Interview: {}", title())}</h2>
            <div class="kit-actions screen-only">
                <button type="button" class="button secondary" on:click=back>"Back to the kit"</button>
                <button type="button" class="button secondary" on:click=print>"Print this sheet"</button>
            </div>
            <Header tool id />
            <p class="scorecard-how">
                "Score each answer 1-4 against the anchors written for that question; an answer "
                "missing a must-have point scores at most 2. Write down what the candidate said, "
                "then score: the notes are the evidence for the debrief. Notes are saved as you type."
            </p>
            <ol class="kit-questions scorecard-questions">
                {questions
                    .into_iter()
                    .map(|q| view! { <ScoredQuestion tool id q kit_level=level /> })
                    .collect_view()}
            </ol>
            <Summary tool index id />
            <RecommendationChoice tool id />
            <div class="kit-delete screen-only">
                <ConfirmAction
                    label="Delete this interview"
                    question="Delete this interview with its notes and scores? This cannot be undone."
                    confirm_label="Yes, delete it"
                    on_confirm=move || {
                        tool.data.update(|d| {
                            d.delete_interview(id);
                        });
                        tool.persist();
                        tool.interview.set(None);
                    }
                />
            </div>
        </section>
    }
}

/// Candidate, interviewer and date, saved as they are typed.
#[component]
fn Header(tool: Tool, id: u64) -> impl IntoView {
    let initial = tool
        .data
        .with_untracked(|d| d.interview(id).cloned())
        .unwrap_or_default();
    let field = move |set: fn(&mut Interview, &str)| {
        move |ev: leptos::ev::Event| {
            let text = event_target_value(&ev);
            tool.edit_interview(id, |i| set(i, &text));
        }
    };
    view! {
        <div class="scorecard-header">
            <p>
                <label for="sc-candidate">"Candidate"</label>
                <input id="sc-candidate" type="text" maxlength=NAME_LIMIT autocomplete="off"
                    prop:value=initial.candidate on:input=field(Interview::set_candidate) />
            </p>
            <p>
                <label for="sc-interviewer">"Interviewer"</label>
                <input id="sc-interviewer" type="text" maxlength=NAME_LIMIT autocomplete="name"
                    prop:value=initial.interviewer on:input=field(Interview::set_interviewer) />
            </p>
            <p>
                <label for="sc-date">"Date"</label>
                <input id="sc-date" type="date"
                    prop:value=initial.date on:input=field(Interview::set_date) />
            </p>
        </div>
    }
}

#[component]
fn ScoredQuestion(tool: Tool, id: u64, q: BankQuestion, kit_level: Level) -> impl IntoView {
    let qid = q.id.clone();
    let notes_id = format!("notes-{qid}");
    let score = {
        let qid = qid.clone();
        Signal::derive(move || tool.read_interview(id, |i| i.score(&qid)).flatten())
    };
    // The notes field is filled once: typing must not be redrawn under the
    // caret, and every keystroke is saved (a reload keeps it all).
    let notes = tool
        .data
        .with_untracked(|d| d.interview(id).map(|i| i.notes(&qid).to_string()))
        .unwrap_or_default();
    let set_score = {
        let q = q.clone();
        move |s: u8| tool.edit_interview(id, |i| i.set_score(&q, Some(s)))
    };
    let clear = {
        let q = q.clone();
        move |_| tool.edit_interview(id, |i| i.set_score(&q, None))
    };
    let set_notes = {
        let qid = qid.clone();
        move |ev: leptos::ev::Event| {
            let text = event_target_value(&ev);
            tool.edit_interview(id, |i| i.set_notes(&qid, &text));
        }
    };
    let neighbour = (q.level != kit_level).then(|| {
        view! {
            <p class="level-note">
                {format!(
                    "A {} question: score it against its own anchors below, which describe a {} answer.",
                    q.level.label().to_lowercase(),
                    q.level.label().to_lowercase()
                )}
            </p>
        }
    });
    view! {
        <li class="kit-question scored-question">
            <p class="kit-prompt">{q.prompt.clone()}</p>
            <p class="kit-question-meta">{format!("{} \u{b7} {}", q.area.label(), q.level_and_time())}</p>
            {neighbour}
            <QuestionGuide q=q.clone() />
            <RubricChoice
                legend="Score"
                group=format!("score-{qid}")
                current=score
                enabled=true
                anchors=q.anchors.to_vec()
                pick=set_score
            />
            <button type="button" class="link-button screen-only" disabled=move || score.get().is_none() on:click=clear>
                "Clear the score"
            </button>
            <p class="notes">
                <label for=notes_id.clone()>"Notes"</label>
                <textarea
                    id=notes_id
                    rows="4"
                    maxlength=NOTES_LIMIT
                    prop:value=notes
                    on:input=set_notes
                ></textarea>
            </p>
        </li>
    }
}

/// Per area: the average, and each score with the anchor it was given
/// against, so a debrief compares evidence rather than impressions.
#[component]
fn Summary(tool: Tool, index: usize, id: u64) -> impl IntoView {
    let lines = move || {
        tool.data.with(|d| {
            let kit = d.kits.get(index)?;
            let interview = d.interview(id)?;
            Some(tool.bank.with_value(|bank| summary(kit, interview, bank)))
        })
    };
    view! {
        <section class="kit-summary" aria-labelledby="summary-title">
            <h3 id="summary-title">"Summary by area"</h3>
            {move || {
                let lines = lines().unwrap_or_default();
                view! {
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
                            {lines
                                .iter()
                                .map(|l| view! {
                                    <tr class:total=l.area.is_none()>
                                        <th scope="row">{l.label()}</th>
                                        <td>{l.asked}</td>
                                        <td>{l.scored}</td>
                                        <td>{l.average_text()}</td>
                                    </tr>
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                    <h4>"The evidence behind each score"</h4>
                    <dl class="evidence">
                        {lines
                            .into_iter()
                            .filter(|l| l.area.is_some() && !l.evidence.is_empty())
                            .map(|l| view! {
                                <dt>{l.label()}</dt>
                                {l.evidence
                                    .into_iter()
                                    .map(|e| view! {
                                        <dd>
                                            <span class="evidence-score">{format!("{} of 4", e.score)}</span>
                                            {format!(" on \u{201c}{}\u{201d}: {}", e.prompt, e.anchor)}
                                        </dd>
                                    })
                                    .collect_view()}
                            })
                            .collect_view()}
                    </dl>
                }
            }}
        </section>
    }
}

#[component]
fn RecommendationChoice(tool: Tool, id: u64) -> impl IntoView {
    let current = move || tool.read_interview(id, |i| i.recommendation).flatten();
    view! {
        <fieldset class="recommendation">
            <legend>"Overall recommendation for this level"</legend>
            {Recommendation::ALL
                .into_iter()
                .map(|r| view! {
                    <label class="choice">
                        <input
                            type="radio"
                            name=format!("recommendation-{id}")
                            prop:checked=move || current() == Some(r)
                            on:change=move |_| tool.edit_interview(id, |i| i.recommendation = Some(r))
                        />
                        <span class="score-name">{r.label()}</span>
                        <span class="anchor">{r.meaning()}</span>
                    </label>
                })
                .collect_view()}
            <button
                type="button"
                class="link-button screen-only"
                disabled=move || current().is_none()
                on:click=move |_| tool.edit_interview(id, |i| i.recommendation = None)
            >
                "Clear the recommendation"
            </button>
        </fieldset>
    }
}
