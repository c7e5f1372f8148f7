//! The star toggle that saves a section or heading as a bookmark.

use leptos::prelude::*;

use crate::storage::library::use_library;

/// Rendered "not saved" on the server; shows the stored state once the
/// client has read it. Hidden until hydration (it needs JavaScript).
#[component]
pub fn BookmarkButton(
    section: &'static str,
    #[prop(optional)] heading: Option<&'static str>,
    /// What is being bookmarked, for the accessible name.
    label: String,
) -> impl IntoView {
    let library = use_library();
    let saved = move || library.is_saved(section, heading);
    view! {
        <button
            type="button"
            class="bookmark-toggle"
            aria-pressed=move || if saved() { "true" } else { "false" }
            aria-label=format!("Bookmark {label}")
            title=move || if saved() { "Remove bookmark" } else { "Add bookmark" }
            on:click=move |_| library.toggle(section, heading)
        >
            <span aria-hidden="true">{move || if saved() { "\u{2605}" } else { "\u{2606}" }}</span>
        </button>
    }
}
