//! Reading progress on a section page: remembers the visit, marks the
//! section read when its end is reached, and lets the reader (un)mark it.

use leptos::{html, prelude::*};

use crate::storage::library::use_library;

/// Placed at the end of a section: the read mark and its toggle.
#[component]
pub fn ReadingProgress(slug: &'static str) -> impl IntoView {
    let library = use_library();
    let marker = NodeRef::<html::Div>::new();
    // Once the reader marks or unmarks by hand, scrolling no longer decides.
    let decided_by_hand = StoredValue::new(false);

    // Nothing is saved before stored data is loaded, or it would be overwritten.
    Effect::new(move |_| {
        if library.loaded.get() {
            library.visit(slug);
        }
    });
    #[cfg(feature = "hydrate")]
    {
        let reached_end = move || {
            let (Some(el), Ok(height)) = (marker.get_untracked(), window().inner_height()) else {
                return false;
            };
            el.get_bounding_client_rect().top() <= height.as_f64().unwrap_or(0.0)
        };
        let handle = window_event_listener(leptos::ev::scroll, move |_| {
            if library.loaded.get_untracked()
                && !decided_by_hand.get_value()
                && reached_end()
                && !library.is_read(slug)
            {
                library.set_read(slug, true);
            }
        });
        on_cleanup(move || handle.remove());
    }

    let read = move || library.loaded.get() && library.is_read(slug);
    view! {
        <div class="section-end" node_ref=marker>
            <p class="read-state">
                {move || if read() { "\u{2713} You have read this section." } else { "" }}
            </p>
            <button
                type="button"
                class="button secondary mark-read"
                on:click=move |_| {
                    decided_by_hand.set_value(true);
                    library.set_read(slug, !library.is_read(slug));
                }
            >
                {move || if read() { "Mark as unread" } else { "Mark as read" }}
            </button>
        </div>
    }
}
