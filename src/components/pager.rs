//! Previous/next links at the foot of a section.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::content::{Section, neighbours};

#[component]
pub fn Pager(index: usize) -> impl IntoView {
    let (previous, next) = neighbours(index);
    let link = |section: Option<&'static Section>, rel: &'static str, label: &'static str| {
        section.map(|s| {
            view! {
                <A href=s.path() attr:rel=rel attr:class=format!("pager-link pager-{rel}")>
                    <span class="pager-label">{label}</span>
                    <span class="pager-title">{s.title}</span>
                </A>
            }
        })
    };
    view! {
        <nav class="pager" aria-label="Previous and next sections">
            {link(previous, "prev", "Previous")}
            {link(next, "next", "Next")}
        </nav>
    }
}
