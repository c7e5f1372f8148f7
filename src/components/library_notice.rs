//! The message about the reader's saved bookmarks and progress.

use leptos::prelude::*;

use super::{notice::Notice, storage_words::describe_all};
use crate::storage::library::use_library;

#[island]
pub fn LibraryNotice() -> impl IntoView {
    let issues = use_library().issues;
    // The notice's message follows the issues; dismissing it clears them.
    let message = RwSignal::new(None::<String>);
    Effect::new(move |_| message.set(issues.with(|all| describe_all(all))));
    Effect::new(move |_| {
        if message.get().is_none() {
            issues.update_untracked(Vec::clear);
        }
    });
    view! { <Notice message /> }
}
