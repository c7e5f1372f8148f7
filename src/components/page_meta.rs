//! The `<title>` and meta description of a page.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

pub const SITE_NAME: &str = "Backend Guide";

/// Sets the document title ("Page · Backend Guide") and the meta description.
#[component]
pub fn PageMeta(title: &'static str, description: &'static str) -> impl IntoView {
    let full = if title == SITE_NAME {
        title.to_string()
    } else {
        format!("{title} · {SITE_NAME}")
    };
    view! {
        <Title text=full />
        <Meta name="description" content=description />
    }
}
