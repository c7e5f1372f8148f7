//! `/glossary`: the terms the guide uses, each with its own anchor.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::{components::page_meta::PageMeta, content::GLOSSARY};

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
                                        <p class="see"><A href=href>"Read more in the guide"</A></p>
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
}
