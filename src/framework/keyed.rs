//! W9: content that the islands router replaces, rather than patches, when
//! the key changes between two pages.
//!
//! The router patches the new page into the old one node by node and skips
//! islands, so an island at the same place on two pages of one route (the
//! bookmark star of section A, then of section B) would keep A's props.
//! A keyed list of one item is marked in the HTML with its key; the router
//! swaps such an item whole when the key differs.

use leptos::prelude::*;

#[component]
pub fn KeyedBy(key: String, children: ChildrenFn) -> impl IntoView {
    view! {
        <For each=move || [key.clone()] key=String::clone let(_)>
            {children()}
        </For>
    }
}
