//! The search box: a modal dialog opened from the header button or with
//! the `/` key. The documents are fetched once, when search is first
//! opened (`site_map::SEARCH_INDEX`; the service worker keeps them for
//! offline use), and results are computed in the browser (`crate::search`).
//!
//! Only the button, the `/` key and the empty dialog are in the island
//! every page hydrates. What is inside the dialog (the field, the index,
//! ranking and the results) is built by [`search_panel`], a `#[lazy]`
//! function: its code is a separate WASM file, fetched the first time
//! search is opened, so pages that are only read do not carry it.

use leptos::either::Either;
use leptos::html::Dialog;
use leptos::prelude::*;

use crate::search::{Document, Fragment};

/// Results shown at most.
const LIMIT: usize = 20;

/// The id of the search field (focused each time search opens).
const INPUT_ID: &str = "search-input";

#[island]
pub fn Search() -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    // How many times search was opened: the panel retries a failed index
    // load when this changes.
    let opened = RwSignal::new(0_u32);
    let panel = StoredValue::new_local(None::<AnyView>);
    let panel_ready = RwSignal::new(false);

    let open = move || {
        if opened.get_untracked() == 0 {
            leptos::task::spawn_local(async move {
                panel.set_value(Some(search_panel(dialog, opened).await));
                panel_ready.set(true);
                // The field exists from the next frame.
                request_animation_frame(focus_field);
            });
        }
        opened.update(|n| *n += 1);
        if let Some(dialog) = dialog.get_untracked()
            && !dialog.open()
        {
            let _ = dialog.show_modal();
        }
        focus_field();
    };
    #[cfg(feature = "hydrate")]
    shortcut::listen(open);

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
                <button type="button" class="link-button" on:click=move |_| close(dialog)>
                    "Close"
                </button>
            </div>
            {move || panel_ready.get().then(|| panel.try_update_value(Option::take).flatten()).flatten()}
        </dialog>
    }
}

fn close(dialog: NodeRef<Dialog>) {
    if let Some(dialog) = dialog.get_untracked() {
        dialog.close();
    }
}

/// Puts the cursor in the search field, its text selected (once it exists).
fn focus_field() {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let field = document()
            .get_element_by_id(INPUT_ID)
            .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(field) = field {
            let _ = field.focus();
            field.select();
        }
    }
}

/// Where the documents are.
#[derive(Clone, Copy, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Index {
    NotLoaded,
    Loading,
    Ready(&'static [Document]),
    Failed,
}

/// The inside of the dialog: field, status and results. Rendered in the
/// browser only (the server's dialog is empty), the first time search opens.
#[lazy]
fn search_panel(dialog: NodeRef<Dialog>, opened: RwSignal<u32>) -> AnyView {
    let query = RwSignal::new(String::new());
    let index = RwSignal::new(Index::NotLoaded);
    // Each opening retries a load that failed (say, offline before the
    // service worker had the index).
    Effect::new(move |_| {
        opened.track();
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
    });
    let hits = Memo::new(move |_| match index.get() {
        Index::Ready(documents) => crate::search::search(documents, &query.get(), LIMIT),
        _ => Vec::new(),
    });

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
        <label for=INPUT_ID class="visually-hidden">
            "Search the guide, glossary and quiz explanations"
        </label>
        <input
            id=INPUT_ID
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
                                <a href=hit.document.link on:click=move |_| close(dialog)>
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
    }
    .into_any()
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

#[cfg(feature = "hydrate")]
mod load {
    use crate::{components::fetch_text::fetch_text, search::Document, site_map::SEARCH_INDEX};

    /// Fetches and reads the index; `None` when it cannot be had.
    pub async fn index() -> Option<&'static [Document]> {
        crate::search::parse_index(&fetch_text(SEARCH_INDEX).await?).ok()
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
