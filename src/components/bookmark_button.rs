//! The star toggle that saves a section or heading as a bookmark.

use leptos::prelude::*;

use crate::storage::library::use_library;

/// Rendered "not saved" on the server; shows the stored state once the
/// client has read it. Hidden until hydration (it needs JavaScript). An
/// island: its props travel in the page as JSON, so they are owned.
#[island]
pub fn BookmarkButton(
    section: String,
    #[prop(optional)] heading: Option<String>,
    /// What is being bookmarked, for the accessible name.
    label: String,
) -> impl IntoView {
    let library = use_library();
    let place = StoredValue::new((section, heading));
    let saved = move || {
        library.loaded.get()
            && place.with_value(|(section, heading)| library.is_saved(section, heading.as_deref()))
    };
    // Said after a click (not on load): what changed, where to find it.
    let said = RwSignal::new("");
    let note = move || {
        if !library.loaded.get() {
            return None;
        }
        place.with_value(|(section, heading)| library.note(section, heading.as_deref()))
    };
    view! {
        <button
            type="button"
            class="bookmark-toggle"
            aria-pressed=move || if saved() { "true" } else { "false" }
            aria-label=format!("Bookmark {label}")
            title=move || if saved() { "Remove bookmark" } else { "Add bookmark" }
            on:click=move |_| {
                place.with_value(|(section, heading)| library.toggle(section, heading.as_deref()));
                said.set(if saved() { "Bookmarked: see Bookmarks in the menu." } else { "Bookmark removed." });
            }
        >
            <span aria-hidden="true">{move || if saved() { "\u{2605}" } else { "\u{2606}" }}</span>
        </button>
        <span class="bookmark-said" role="status">{move || said.get()}</span>
        {move || note().map(|n| view! { <span class="bookmark-note">{format!("Your note: {n}")}</span> })}
    }
}
