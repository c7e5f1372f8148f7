//! `/glossary`: the terms the guide uses, each with its own anchor.

use crate::{
    components::page_meta::PageMeta,
    content::{self, GLOSSARY},
};
use leptos::prelude::*;

/// The first letter of a term, for the A-Z index ("#" for digits).
fn initial(term: &str) -> char {
    match term.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => c.to_ascii_uppercase(),
        _ => '#',
    }
}

/// Each letter of the alphabet, with the id of the first term under it.
fn letters() -> Vec<(char, Option<&'static str>)> {
    ('A'..='Z')
        .map(|l| {
            (
                l,
                GLOSSARY.iter().find(|t| initial(t.term) == l).map(|t| t.id),
            )
        })
        .collect()
}

/// The name of the guide section a term's "more" link leads to. The link
/// is named after where it goes (not "Read more" 255 times), and it sits
/// in a sentence: a link inside text needs no 24 px touch target of its
/// own, so the terms can be drawn lazily (see `.glossary .term` in
/// `style/main.css`) without axe misjudging the targets not yet drawn.
fn see_title(href: &str) -> String {
    content::link_title(href).unwrap_or_else(|| "the guide".to_string())
}

#[component]
pub fn GlossaryPage() -> impl IntoView {
    view! {
        <PageMeta
            title="Glossary"
            description="Short, plain-English definitions of the back end terms used in the guide, from API and ACID to SQL injection and technical debt."
        />
        <article class="glossary" aria-labelledby="page-title">
            <h1 id="page-title">"Glossary"</h1>
            <p class="lead">
                {format!("{} terms used in the guide, explained in a sentence or two.", GLOSSARY.len())}
            </p>
            <nav class="az-index" aria-label="Glossary by first letter">
                <ul>
                    {letters()
                        .into_iter()
                        .map(|(letter, first)| match first {
                            Some(id) => view! {
                                <li><a href=format!("#{id}")>{letter.to_string()}</a></li>
                            }
                            .into_any(),
                            None => view! {
                                <li><span class="az-empty" aria-hidden="true">{letter.to_string()}</span></li>
                            }
                            .into_any(),
                        })
                        .collect_view()}
                </ul>
            </nav>
            <dl class="terms">
                {GLOSSARY
                    .iter()
                    .map(|t| {
                        view! {
                            <div class="term" id=t.id>
                                <dt>{t.term}</dt>
                                <dd>
                                    <div inner_html=t.definition_html></div>
                                    {t.see.map(|href| view! {
                                        <p class="see">
                                            "More in the guide: " <a href=href>{see_title(href)}</a> "."
                                        </p>
                                    })}
                                </dd>
                            </div>
                        }
                    })
                    .collect_view()}
            </dl>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_links_each_letter_to_its_first_term() {
        let letters = letters();
        assert_eq!(letters.len(), 26);
        let (a, first) = letters[0];
        assert_eq!(a, 'A');
        assert_eq!(
            first,
            GLOSSARY
                .iter()
                .find(|t| t.term.starts_with('A'))
                .map(|t| t.id)
        );
        assert!(letters.iter().filter(|(_, f)| f.is_some()).count() >= 15);
    }

    #[test]
    fn every_more_link_is_named_after_the_place_it_leads_to() {
        for t in GLOSSARY {
            if let Some(href) = t.see {
                let title = see_title(href);
                assert_ne!(title, "the guide", "{}: {href} names no section", t.id);
            }
        }
        assert_eq!(see_title("/nowhere"), "the guide");
    }
}
