//! `/glossary`: the terms the guide uses, each with its own anchor.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::{components::page_meta::PageMeta, content::GLOSSARY};

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
