//! A polite live region holding one dismissible message.

use leptos::prelude::*;

/// Shows `message` while it is set; "Dismiss" clears it.
#[component]
pub fn Notice(message: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <div class="notice-region" role="status" aria-live="polite">
            {move || {
                message.get().map(|text| {
                    view! {
                        <div class="notice">
                            <p>{text}</p>
                            <button type="button" class="link-button" on:click=move |_| message.set(None)>
                                "Dismiss"
                            </button>
                        </div>
                    }
                })
            }}
        </div>
    }
}
