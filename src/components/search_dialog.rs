//! The search box: a modal dialog opened from the header button or with
//! the `/` key. The documents are fetched once, when search is first
//! opened (`site_map::SEARCH_INDEX`; the service worker keeps them for
//! offline use), and results are computed in the browser (`crate::search`).
//! Reading the index and ranking results are `#[lazy]`: their code is a
//! separate WASM file, fetched with the index, so pages that are only read
//! do not carry it.

use leptos::either::Either;
use leptos::prelude::*;

use crate::search::{Document, Fragment, Hit};

/// Where the documents are.
#[derive(Clone, Copy, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Index {
    NotLoaded,
    Loading,
    Ready(&'static [Document]),
    Failed,
}

/// Results shown at most.
const LIMIT: usize = 20;

#[island]
pub fn Search() -> impl IntoView {
    let query = RwSignal::new(String::new());
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let input = NodeRef::<leptos::html::Input>::new();
    let index = RwSignal::new(Index::NotLoaded);
    let hits = RwSignal::new(Vec::<Hit>::new());
    // Ranks again whenever the query or the index changes; an answer for
    // an older query is dropped.
    let asked = StoredValue::new(0_u64);
    let ranking = RwSignal::new(false);
    Effect::new(move |_| {
        let (index, query) = (index.get(), query.get());
        asked.update_value(|n| *n += 1);
        let Index::Ready(documents) = index else {
            hits.set(Vec::new());
            return;
        };
        let this = asked.get_value();
        ranking.set(true);
        leptos::task::spawn_local(async move {
            let found = rank(documents, query).await;
            if asked.get_value() == this {
                hits.set(found);
                ranking.set(false);
            }
        });
    });

    let open = move || {
        // First use, or a retry after a failed load (say, offline before
        // the service worker had the index).
        if matches!(index.get_untracked(), Index::NotLoaded | Index::Failed) {
            index.set(Index::Loading);
            #[cfg(feature = "hydrate")]
            leptos::task::spawn_local(async move {
                index.set(match load_index().await {
                    Some(documents) => Index::Ready(documents),
                    None => Index::Failed,
                });
            });
        }
        if let (Some(dialog), Some(input)) = (dialog.get_untracked(), input.get_untracked()) {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
            let _ = input.focus();
            input.select();
        }
    };
    let close = move || {
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close();
        }
    };
    #[cfg(feature = "hydrate")]
    shortcut::listen(open);

    let status = move || {
        let typed = !crate::search::terms(&query.get()).is_empty();
        match (index.get(), hits.with(Vec::len)) {
            (_, _) if !typed => String::new(),
            (Index::NotLoaded | Index::Loading, _) => "Loading the search index\u{2026}".to_string(),
            (Index::Ready(_), 0) if ranking.get() => "Searching\u{2026}".to_string(),
            (Index::Failed, _) => {
                "Search is not available: its index could not be loaded. Close search and open it again to retry."
                    .to_string()
            }
            (Index::Ready(_), n) => match n {
            0 => "No results. Try fewer or shorter words.".to_string(),
            1 => "1 result".to_string(),
            n if n == LIMIT => format!("The best {n} results"),
            n => format!("{n} results"),
            },
        }
    };

    view! {
        <button
            type="button"
            class="search-button"
            aria-haspopup="dialog"
            aria-keyshortcuts="/"
            on:click=move |_| open()
        >
            <span class="search-icon" aria-hidden="true"></span>
            "Search"
            <kbd class="search-key" aria-hidden="true">"/"</kbd>
        </button>
        <dialog node_ref=dialog class="search-dialog" aria-labelledby="search-title">
            <div class="search-top">
                <p id="search-title" class="search-title">"Search the guide"</p>
                <button type="button" class="link-button" on:click=move |_| close()>
                    "Close"
                </button>
            </div>
            <label for="search-input" class="visually-hidden">
                "Search the guide, glossary and quiz explanations"
            </label>
            <input
                id="search-input"
                node_ref=input
                type="search"
                autocomplete="off"
                spellcheck="false"
                placeholder="Search the guide, glossary and quiz"
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            />
            <p class="search-status" role="status" aria-live="polite">
                {status}
            </p>
            <ol class="search-results">
                {move || {
                    hits.get()
                        .into_iter()
                        .map(|hit| {
                            view! {
                                <li>
                                    <a href=hit.document.link on:click=move |_| close()>
                                        {marked(hit.title)}
                                    </a>
                                    <span class="search-where">
                                        {hit.document.kind.label()}
                                        " · "
                                        {hit.document.context}
                                    </span>
                                    <p>{marked(hit.snippet)}</p>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </dialog>
    }
}

/// Text with the matching parts in `<mark>`.
fn marked(fragments: Vec<Fragment>) -> impl IntoView {
    fragments
        .into_iter()
        .map(|f| {
            if f.matched {
                Either::Left(view! { <mark>{f.text}</mark> })
            } else {
                Either::Right(f.text)
            }
        })
        .collect_view()
}

/// The results for `query`, best first (in the lazily loaded code).
#[lazy]
fn rank(documents: &'static [Document], query: String) -> Vec<Hit> {
    crate::search::search(documents, &query, LIMIT)
}

/// Fetches and reads the index; `None` when it cannot be had.
#[lazy]
async fn load_index() -> Option<&'static [Document]> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        use wasm_bindgen_futures::JsFuture;

        let fetching = web_sys::window()?.fetch_with_str(crate::site_map::SEARCH_INDEX);
        let response = JsFuture::from(fetching)
            .await
            .ok()?
            .dyn_into::<web_sys::Response>()
            .ok()?;
        if !response.ok() {
            return None;
        }
        let text = JsFuture::from(response.text().ok()?)
            .await
            .ok()?
            .as_string()?;
        crate::search::parse_index(&text).ok()
    }
    #[cfg(not(feature = "hydrate"))]
    None
}

#[cfg(feature = "hydrate")]
mod shortcut {
    use leptos::ev;
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;

    /// `/` opens search, unless the reader is typing somewhere.
    pub fn listen(open: impl Fn() + Clone + 'static) {
        window_event_listener(ev::keydown, move |event| {
            if event.key() != "/" || event.ctrl_key() || event.meta_key() || event.alt_key() {
                return;
            }
            let typing = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
                .is_some_and(|el| {
                    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                        || el.is_content_editable()
                });
            if !typing {
                event.prevent_default();
                open();
            }
        });
    }
}
