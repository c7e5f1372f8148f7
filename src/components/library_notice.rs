//! A dismissible message about the visitor's saved data.

use leptos::prelude::*;

use crate::storage::context::use_library;

#[component]
pub fn LibraryNotice() -> impl IntoView {
    let library = use_library();
    view! {
        <div class="notice-region" role="status" aria-live="polite">
            {move || {
                library.notice.get().map(|message| {
                    view! {
                        <div class="notice">
                            <p>{message}</p>
                            <button type="button" class="link-button" on:click=move |_| library.notice.set(None)>
                                "Dismiss"
                            </button>
                        </div>
                    }
                })
            }}
        </div>
    }
}
