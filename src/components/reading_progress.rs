//! Reading progress on a section page: remembers the visit, marks the
//! section read when its end is reached after a fair part of its reading
//! time (jumping to the end for "Next" is not reading it), and lets the
//! reader (un)mark it.

use leptos::{html, prelude::*};

use crate::storage::library::use_library;

/// The share of a section's estimated reading time a reader must spend on
/// the page before reaching its end counts as having read it.
pub const READ_TIME_SHARE: f64 = 0.25;

/// Placed at the end of a section: the read mark and its toggle.
#[island]
pub fn ReadingProgress(
    slug: String,
    /// The section's estimated reading time.
    minutes: usize,
) -> impl IntoView {
    let library = use_library();
    // Islands are never disposed: `Copy` handles keep the closures simple.
    let slug = StoredValue::new(slug);
    let marker = NodeRef::<html::Div>::new();
    // Once the reader marks or unmarks by hand, scrolling no longer decides.
    let decided_by_hand = StoredValue::new(false);

    // Nothing is saved before stored data is loaded, or it would be overwritten.
    Effect::new(move |_| {
        if library.loaded.get() {
            slug.with_value(|slug| library.visit(slug));
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = minutes;
    #[cfg(feature = "hydrate")]
    {
        let opened = js_sys::Date::now();
        let enough_ms = minutes as f64 * 60_000.0 * READ_TIME_SHARE;
        // The island is replaced, never disposed, when the reader moves to
        // another page: the listener removes itself once the end marker
        // has left the document.
        let listener = StoredValue::new_local(None::<WindowListenerHandle>);
        let handle = window_event_listener(leptos::ev::scroll, move |_| {
            let Some(el) = marker.get_untracked() else {
                return;
            };
            if !el.is_connected() {
                listener.update_value(|h| {
                    if let Some(h) = h.take() {
                        h.remove();
                    }
                });
                return;
            }
            let height = window()
                .inner_height()
                .ok()
                .and_then(|h| h.as_f64())
                .unwrap_or(0.0);
            let reached_end = el.get_bounding_client_rect().top() <= height
                && js_sys::Date::now() - opened >= enough_ms;
            if library.loaded.get_untracked() && !decided_by_hand.get_value() && reached_end {
                slug.with_value(|slug| {
                    if !library.is_read(slug) {
                        library.set_read(slug, true);
                    }
                });
            }
        });
        listener.set_value(Some(handle));
    }

    let read = move || library.loaded.get() && slug.with_value(|slug| library.is_read(slug));
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
                    slug.with_value(|slug| library.set_read(slug, !library.is_read(slug)));
                }
            >
                {move || if read() { "Mark as unread" } else { "Mark as read" }}
            </button>
        </div>
    }
}
