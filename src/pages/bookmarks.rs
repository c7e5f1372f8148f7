//! `/bookmarks`: saved places, newest first, with notes; export and import.

use leptos::{
    either::{Either, EitherOf3},
    prelude::*,
};

use crate::{
    components::{confirm::ConfirmAction, page_meta::PageMeta},
    format::date_from_ms,
    site_map,
    storage::{
        library::{Library, use_library},
        records::{Bookmark, HeadingIndex, NOTE_LIMIT, Target},
    },
};

#[component]
pub fn BookmarksPage() -> impl IntoView {
    view! {
        <PageMeta
            title="Bookmarks"
            description="The places you saved in the Backend Guide, with your notes. Kept in your browser only; export them to move to another device."
        />
        <article class="bookmarks" aria-labelledby="page-title">
            <h1 id="page-title">"Bookmarks"</h1>
            // The page's largest text is here, in the server's HTML, so it
            // paints at once (the list below appears when the island runs).
            <p class="lead">
                "Places you saved with the \u{2606} buttons in the guide, newest first, with your notes. "
                "They stay in this browser: nothing is sent to a server, and clearing the browser's "
                "data for this site deletes them, so export them below to keep a copy or to move them "
                "to another device."
            </p>
            <p class="needs-js">"Bookmarks are kept by your browser and need JavaScript."</p>
            <SavedPlaces headings=HeadingIndex::compiled() />
            // Keeps the island from being its parent's last child.
            " "
        </article>
    }
}

/// The list, its notes, undo, and export/import: what runs in the browser.
// Lazy: its code is a separate download, fetched when this page is opened.
#[island(lazy)]
fn SavedPlaces(
    /// The guide's headings, for the bookmarks' titles.
    headings: HeadingIndex,
) -> impl IntoView {
    let library = use_library();
    let headings = StoredValue::new(headings);
    provide_context(headings);
    // Bookmarks of headings that moved to another section (or that came in
    // from an older export) are moved with them, so the guide shows them
    // as saved where the heading is now.
    Effect::new(move |_| {
        if library.loaded.get() {
            library.bookmarks.track();
            headings.with_value(|index| library.relocate_bookmarks(index));
        }
    });
    // The last removed bookmark, offered back until the next change.
    let undo = RwSignal::new(None::<Bookmark>);
    let items = move || library.bookmarks.with(|b| b.newest_first());

    view! {
            <div class="undo-region" role="status" aria-live="polite">
                {move || {
                    undo.get().map(|b| {
                        let title = match b.target(&index()) {
                            Target::Found { title, .. } | Target::Moved { title, .. } => title,
                            Target::Gone => b.section.clone(),
                        };
                        view! {
                            <div class="notice">
                                <p>{format!("Removed \u{201c}{title}\u{201d}.")}</p>
                                <button
                                    type="button"
                                    class="link-button"
                                    on:click=move |_| {
                                        if let Some(b) = undo.get_untracked() {
                                            library.restore(b);
                                        }
                                        undo.set(None);
                                    }
                                >
                                    "Undo"
                                </button>
                            </div>
                        }
                    })
                }}
            </div>
            {move || {
                if !library.loaded.get() {
                    // In the server's HTML, about as tall as what replaces it,
                    // so nothing below jumps when the island runs.
                    return EitherOf3::A(view! {
                        <p class="empty while-loading">
                            "Reading the places saved in this browser\u{2026} With none saved yet, "
                            "this is where they will be listed."
                        </p>
                    });
                }
                let list = items();
                if list.is_empty() {
                    EitherOf3::B(view! {
                        <p class="empty">
                            "No bookmarks yet. Open a " <a href=site_map::HOME>"section of the guide"</a>
                            " and press \u{2606} beside its title or any heading."
                        </p>
                    })
                } else {
                    EitherOf3::C(view! {
                        <p>{format!("{} saved, newest first.", list.len())}</p>
                        <ul class="bookmark-list">
                            {list
                                .into_iter()
                                .map(|b| view! { <BookmarkItem library bookmark=b undo /> })
                                .collect_view()}
                        </ul>
                        <ConfirmAction
                            label="Clear all bookmarks"
                            question="Remove every bookmark? This cannot be undone."
                            confirm_label="Yes, remove all"
                            on_confirm=move || {
                                undo.set(None);
                                library.clear_bookmarks();
                            }
                        />
                    })
                }
            }}
            <Transfer library />
    }
}

/// The headings the page's island was given.
fn index() -> HeadingIndex {
    use_context::<StoredValue<HeadingIndex>>()
        .map(|i| i.get_value())
        .unwrap_or_default()
}

#[component]
fn BookmarkItem(
    library: Library,
    bookmark: Bookmark,
    undo: RwSignal<Option<Bookmark>>,
) -> impl IntoView {
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(bookmark.note.clone());
    // The note field takes the focus when it opens.
    let field = NodeRef::<leptos::html::Textarea>::new();
    Effect::new(move |_| {
        if let Some(field) = field.get() {
            let _ = field.focus();
        }
    });
    let section = bookmark.section.clone();
    let heading = bookmark.heading.clone();
    let (href, title, moved) = match bookmark.target(&index()) {
        Target::Found { href, title } => (Some(href), title, false),
        Target::Moved { href, title } => (Some(href), title, true),
        Target::Gone => (
            None,
            format!("{} (no longer in the guide)", bookmark.section),
            false,
        ),
    };
    let note = bookmark.note.clone();
    let save = {
        let (section, heading) = (section.clone(), heading.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            library.set_note(&section, heading.as_deref(), &draft.get_untracked());
            editing.set(false);
        }
    };
    let remove = {
        let (section, heading) = (section.clone(), heading.clone());
        move |_| undo.set(library.remove(&section, heading.as_deref()))
    };
    let label = title.clone();
    view! {
        <li class="bookmark">
            <p class="bookmark-title">
                {match href.clone() {
                    Some(href) => Either::Left(view! { <a href=href>{title.clone()}</a> }),
                    None => Either::Right(view! { <span>{title.clone()}</span> }),
                }}
                {moved.then(|| view! {
                    <span class="moved">" (moved: this heading is gone, the link opens its section)"</span>
                })}
            </p>
            <p class="bookmark-meta">{format!("Saved {}", date_from_ms(bookmark.saved_at))}</p>
            {move || {
                if editing.get() {
                    Either::Left(view! {
                        <form class="note-form" on:submit=save.clone()>
                            <label>
                                {format!("Note for {label}")}
                                <textarea
                                    node_ref=field
                                    maxlength=NOTE_LIMIT
                                    rows="3"
                                    prop:value=move || draft.get()
                                    on:input=move |ev| draft.set(event_target_value(&ev))
                                ></textarea>
                            </label>
                            <button type="submit" class="button">"Save note"</button>
                            <button type="button" class="link-button" on:click=move |_| editing.set(false)>
                                "Cancel"
                            </button>
                        </form>
                    })
                } else {
                    Either::Right(view! {
                        {(!note.is_empty()).then(|| view! { <p class="note">{note.clone()}</p> })}
                        <div class="bookmark-actions">
                            <button type="button" class="link-button" on:click=move |_| editing.set(true)>
                                {if note.is_empty() { "Add a note" } else { "Edit note" }}
                            </button>
                            <button type="button" class="link-button" on:click=remove.clone()>
                                "Remove"
                            </button>
                        </div>
                    })
                }
            }}
        </li>
    }
}

/// Export to a JSON file and import from one (browser only).
#[component]
fn Transfer(library: Library) -> impl IntoView {
    let report = RwSignal::new(None::<String>);
    let export_href = move || {
        let json = library.export();
        format!(
            "data:application/json;charset=utf-8,{}",
            percent_encode(&json)
        )
    };
    let on_file = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        file::read_text(ev, move |text| {
            report.set(Some(match library.import(&text) {
                Ok(r) => crate::components::storage_words::import_finished(&r),
                Err(e) => crate::components::storage_words::import_refused(&e),
            }));
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    // In the server's HTML too (hidden without scripts, where it cannot
    // work), so it does not push the footer down when the island runs.
    view! {
        <section class="transfer" aria-labelledby="transfer-title">
            <h2 id="transfer-title">"Move to another browser"</h2>
            <p>"Save your bookmarks, reading progress, learning path checks and interview kits as one file, then import it elsewhere. Importing adds what is missing and keeps what you have."</p>
            <p>
                <a
                    class="button secondary"
                    href=export_href()
                    download="backend-guide-saved.json"
                    // Written afresh on each click: what is saved may have
                    // changed since (here, or in another tab).
                    on:click=move |ev| {
                        event_target::<leptos::web_sys::HtmlAnchorElement>(&ev).set_href(&export_href());
                    }
                >
                    "Export all saved data"
                </a>
            </p>
            <p>
                <label class="file-label">
                    "Import saved data"
                    <input type="file" accept=".json,application/json" on:change=on_file />
                </label>
            </p>
            <p role="status" aria-live="polite" class="import-report">{move || report.get()}</p>
        </section>
    }
}

/// Escapes text for a `data:` URL (everything but unreserved ASCII).
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3 / 2);
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(feature = "hydrate")]
mod file {
    //! Reading a file the visitor picked.
    use leptos::task::spawn_local;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    pub fn read_text(ev: leptos::ev::Event, done: impl FnOnce(String) + 'static) {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        spawn_local(async move {
            let text = JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string());
            done(text.unwrap_or_default());
        });
    }
}

#[cfg(test)]
mod tests {
    use super::percent_encode;

    #[test]
    fn percent_encoding_keeps_only_unreserved_characters() {
        assert_eq!(percent_encode("a-Z_0.~"), "a-Z_0.~");
        assert_eq!(percent_encode("{\"x\": 1}#"), "%7B%22x%22%3A%201%7D%23");
        assert_eq!(percent_encode("é"), "%C3%A9");
    }
}
