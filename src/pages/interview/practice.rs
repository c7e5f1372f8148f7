//! Practice mode for candidates: the bank by area and level, what a strong
//! answer covers hidden until asked for, and a self-rating kept locally.

use leptos::prelude::*;

use super::{Tool, kit_view::RubricChoice};
use crate::{
    interview::{BankQuestion, Level},
    quiz::bank::Area,
};

#[component]
pub fn Practice(tool: Tool) -> impl IntoView {
    let areas = tool.bank.with_value(crate::interview::Bank::areas);
    let area = RwSignal::new(areas[0]);
    let level = RwSignal::new(None::<Level>);
    let questions = move || {
        let (area, level) = (area.get(), level.get());
        tool.bank.with_value(|bank| {
            bank.questions()
                .filter(|q| q.area == area && level.is_none_or(|l| q.level == l))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let rated = move || tool.data.with(|d| d.practice.len());
    // A filter chosen before the page hydrates would not be the one shown.
    let not_ready = move || !tool.loaded.get();
    view! {
        <section class="practice" aria-labelledby="practice-title">
            <h2 id="practice-title">"Practice for candidates"</h2>
            <p>
                "Answer each question out loud or in writing first, then reveal what a strong "
                "answer covers and rate yourself. Your ratings stay in this browser."
            </p>
            <div class="practice-filters">
                <p>
                    <label for="practice-area">"Area"</label>
                    <select id="practice-area" disabled=not_ready on:change=move |ev| {
                        if let Some(a) = Area::from_id(&event_target_value(&ev)) {
                            area.set(a);
                        }
                    }>
                        {areas.into_iter().map(|a| view! { <option value=a.id()>{a.label()}</option> }).collect_view()}
                    </select>
                </p>
                <p>
                    <label for="practice-level">"Level"</label>
                    <select id="practice-level" disabled=not_ready on:change=move |ev| level.set(Level::from_id(&event_target_value(&ev)))>
                        <option value="">"Every level"</option>
                        {Level::ALL.into_iter().map(|l| view! { <option value=l.id()>{l.label()}</option> }).collect_view()}
                    </select>
                </p>
            </div>
            <p class="practice-count" role="status">
                {move || if tool.loaded.get() { format!("You have rated yourself on {} questions.", rated()) } else { String::new() }}
            </p>
            <ol class="practice-questions">
                {move || questions().into_iter().map(|q| view! { <PracticeQuestion tool q /> }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn PracticeQuestion(tool: Tool, q: BankQuestion) -> impl IntoView {
    let shown = RwSignal::new(false);
    let id = q.id.clone();
    let points_id = format!("points-{id}");
    let group = format!("self-{id}");
    let meta = q.level_and_time();
    let rating = {
        let id = id.clone();
        move || tool.data.with(|d| d.rating(&id))
    };
    let rate = move |value: u8| {
        tool.data.update(|d| d.rate(&id, Some(value)));
        tool.persist();
    };
    view! {
        <li class="practice-question">
            <p class="kit-prompt">{q.prompt}</p>
            <p class="kit-question-meta">{meta}</p>
            <button
                type="button"
                class="link-button"
                aria-expanded=move || shown.get().to_string()
                aria-controls=points_id.clone()
                on:click=move |_| shown.update(|s| *s = !*s)
            >
                {move || if shown.get() { "Hide what a strong answer covers" } else { "Show what a strong answer covers" }}
            </button>
            <div id=points_id class="strong-answer" hidden=move || !shown.get()>
                <ul class="strong-points">{q.strong.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                <p class="follow-up">{format!("Be ready for the follow-up: {}", q.follow_up)}</p>
                <p><a href=q.link>"Read the guide on this"</a></p>
            </div>
            <RubricChoice
                legend="How did you do?"
                group
                current=Signal::derive(rating)
                enabled=tool.loaded
                pick=rate
            />
        </li>
    }
}
