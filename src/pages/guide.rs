//! `/guide/<slug>`: one section of the guide.

use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};

use super::NotFound;
use crate::{
    components::{
        bookmark_button::BookmarkButton, page_meta::PageMeta, pager::Pager,
        reading_progress::ReadingProgress,
    },
    content::{self, Block, Heading, SECTIONS, Section},
    framework::keyed::KeyedBy,
    site_map,
};

#[component]
pub fn GuidePage() -> impl IntoView {
    let params = use_params_map();
    move || {
        let slug = params.read().get("slug").unwrap_or_default();
        match content::section(&slug) {
            Some((index, section)) => view! {
                // Keyed by section: moving to another section replaces the
                // article and its islands instead of patching them in place
                // (they would keep the old section's slug).
                <KeyedBy key=slug>
                    <SectionArticle index section />
                </KeyedBy>
            }
            .into_any(),
            None => view! { <NotFound /> }.into_any(),
        }
    }
}

#[component]
fn SectionArticle(index: usize, section: &'static Section) -> impl IntoView {
    view! {
        <PageMeta title=section.title description=section.description />
        <article class="section" aria-labelledby="page-title">
            <header class="section-header">
                <p class="eyebrow">
                    {format!(
                        "Section {} of {} · {} min read",
                        index + 1,
                        SECTIONS.len(),
                        section.reading_minutes,
                    )}
                </p>
                <div class="heading-row">
                    <h1 id="page-title">{section.title}</h1>
                    <BookmarkButton section=section.slug.to_string() label=format!("the section \u{201c}{}\u{201d}", section.title) />
                </div>
                <p class="lead">{section.summary}</p>
                <p class="reviewed">
                    {format!("Last reviewed {}. ", crate::format::long_date(section.reviewed))}
                    <a href=site_map::guide_heading(section.slug, "sources")>"Sources"</a>
                </p>
            </header>
            <OnThisPage section />
            {content::body(index).iter().map(|block| view! { <SectionBlock section block /> }).collect_view()}
            <ReadingProgress slug=section.slug.to_string() minutes=section.reading_minutes />
            <Pager index />
        </article>
    }
}

/// The headings of the current section, as in-page links.
#[component]
fn OnThisPage(section: &'static Section) -> impl IntoView {
    view! {
        <nav class="on-this-page" aria-labelledby="on-this-page-title">
            <h2 id="on-this-page-title" class="nav-title">"On this page"</h2>
            <ul>
                {section
                    .headings()
                    .filter(|h| h.level == 2)
                    .map(|h| {
                        view! {
                            <li>
                                <a href=site_map::guide_heading(section.slug, h.id)>{h.text}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

#[component]
fn SectionBlock(section: &'static Section, block: &'static Block) -> impl IntoView {
    view! {
        {block.heading.map(|h| view! { <SectionHeading section heading=h /> })}
        <div class="prose" inner_html=block.html></div>
    }
}

/// An h2 or h3 whose text links to itself, so any heading can be shared.
#[component]
fn SectionHeading(section: &'static Section, heading: Heading) -> impl IntoView {
    let link = view! {
        <A href=site_map::guide_heading(section.slug, heading.id) attr:class="heading-anchor">
            {heading.text}
        </A>
    };
    let title = match heading.level {
        2 => view! { <h2 id=heading.id class="section-heading">{link}</h2> }.into_any(),
        _ => view! { <h3 id=heading.id class="section-heading">{link}</h3> }.into_any(),
    };
    view! {
        <div class="heading-row">
            {title}
            <BookmarkButton
                section=section.slug.to_string()
                heading=heading.id.to_string()
                label=format!("the heading \u{201c}{}\u{201d}", heading.text)
            />
        </div>
    }
}
