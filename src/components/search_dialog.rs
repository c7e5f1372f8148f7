//! The search box: a modal dialog opened from the header button or with
//! the `/` key. Results are computed in the browser (see `crate::search`),
//! so searching works offline.

use leptos::prelude::*;

use crate::search::{DOCUMENTS, Fragment, Hit, search};

/// Results shown at most.
const LIMIT: usize = 20;

#[component]
pub fn Search() -> impl IntoView {
    let query = RwSignal::new(String::new());
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let input = NodeRef::<leptos::html::Input>::new();
    let hits = Memo::new(move |_| search(DOCUMENTS, &query.get(), LIMIT));

    let open = move || {
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
        match hits.with(Vec::len) {
            _ if !typed => String::new(),
            0 => "No results. Try fewer or shorter words.".to_string(),
            1 => "1 result".to_string(),
            n if n == LIMIT => format!("The best {n} results"),
            n => format!("{n} results"),
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
