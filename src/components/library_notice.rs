//! The message about the visitor's saved bookmarks and progress.

use leptos::prelude::*;

use super::notice::Notice;
use crate::storage::context::use_library;

#[component]
pub fn LibraryNotice() -> impl IntoView {
    view! { <Notice message=use_library().notice /> }
}
