//! The search box: a modal dialog opened from the header button or with
//! the `/` key. The documents are fetched once, when search is first
//! opened (`site_map::SEARCH_INDEX`; the service worker keeps them for
//! offline use), and results are computed in the browser (`crate::search`).

use leptos::prelude::*;

use crate::search::{Document, Fragment, Hit, search};

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
    let hits = Memo::new(move |_| match index.get() {
        Index::Ready(documents) => search(documents, &query.get(), LIMIT),
        _ => Vec::new(),
    });

    let open = move || {
        // First use, or a retry after a failed load (say, offline before
        // the service worker had the index).
        if matches!(index.get_untracked(), Index::NotLoaded | Index::Failed) {
            index.set(Index::Loading);
            #[cfg(feature = "hydrate")]
            leptos::task::spawn_local(async move {
                index.set(match load::index().await {
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
                <For
                    each=move || hits.get()
                    key=|hit| (hit.document.link, hit.document.title)
                    children=move |hit: Hit| {
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
                    }
                />
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
                view! { <mark>{f.text}</mark> }.into_any()
            } else {
                f.text.into_any()
            }
        })
        .collect_view()
}

#[cfg(feature = "hydrate")]
mod load {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    use crate::{search::Document, site_map::SEARCH_INDEX};

    /// Fetches and reads the index; `None` when it cannot be had.
    pub async fn index() -> Option<&'static [Document]> {
        let response = JsFuture::from(web_sys::window()?.fetch_with_str(SEARCH_INDEX))
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
