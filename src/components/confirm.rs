//! A destructive action behind an inline "are you sure?" step.

use leptos::{either::Either, prelude::*};

/// A link-style button that first asks `question`, then runs `on_confirm`
/// when the visitor presses `confirm_label` (or backs out with "Cancel").
#[component]
pub fn ConfirmAction(
    label: &'static str,
    question: &'static str,
    confirm_label: &'static str,
    on_confirm: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    move || {
        if asking.get() {
            let on_confirm = on_confirm.clone();
            Either::Left(view! {
                <div class="confirm">
                    <p role="alert">{question}</p>
                    <button
                        type="button"
                        class="button danger"
                        on:click=move |_| {
                            asking.set(false);
                            on_confirm();
                        }
                    >
                        {confirm_label}
                    </button>
                    <button type="button" class="button secondary" on:click=move |_| asking.set(false)>
                        "Cancel"
                    </button>
                </div>
            })
        } else {
            Either::Right(view! {
                <p>
                    <button type="button" class="link-button" on:click=move |_| asking.set(true)>
                        {label}
                    </button>
                </p>
            })
        }
    }
}
