//! Light and dark themes. The system setting decides until the reader picks
//! one with the toggle; the choice is kept by `storage::theme_choice` and
//! applied by a tiny script in `<head>` before the first paint, so no page
//! flashes in the wrong theme. The stylesheet reads `<html data-theme>`.

use leptos::prelude::*;

use crate::storage::theme_choice::Theme;

/// The button that switches between the two themes. The server cannot know
/// the theme in use, so the label appears once the client has read it.
#[island]
pub fn ThemeToggle() -> impl IntoView {
    let current = RwSignal::new(None::<Theme>);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        current.set(Some(browser::in_use()));
        browser::follow_system(move |theme| current.set(Some(theme)));
    });

    let toggle = move |_| {
        if let Some(theme) = current.get_untracked() {
            let next = theme.other();
            #[cfg(feature = "hydrate")]
            browser::apply_and_keep(next);
            current.set(Some(next));
        }
    };
    let label = move || match current.get() {
        Some(theme) => format!("Use the {} theme", theme.other().name()),
        None => "Theme".to_string(),
    };
    view! {
        <button
            type="button"
            class="theme-toggle"
            aria-pressed=move || match current.get() {
                Some(Theme::Dark) => "true",
                _ => "false",
            }
            aria-label="Dark theme"
            title=label
            disabled=move || current.get().is_none()
            on:click=toggle
        >
            <span class="theme-icon" aria-hidden="true"></span>
        </button>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;

    use crate::storage::theme_choice::{self, Theme};

    /// The theme on screen: the one the early script applied from the
    /// reader's saved pick (or the toggle set), else the system's.
    pub fn in_use() -> Theme {
        let root = document().document_element();
        let shown = root.and_then(|r| r.get_attribute("data-theme"));
        match shown.as_deref().and_then(Theme::from_name) {
            Some(theme) => theme,
            None => {
                let dark = window()
                    .match_media("(prefers-color-scheme: dark)")
                    .ok()
                    .flatten()
                    .is_some_and(|query| query.matches());
                if dark { Theme::Dark } else { Theme::Light }
            }
        }
    }

    /// Calls `changed` when the system setting changes while the reader has
    /// not picked a theme of their own.
    pub fn follow_system(changed: impl Fn(Theme) + 'static) {
        use wasm_bindgen::{JsCast, closure::Closure};
        let Some(query) = window()
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten()
        else {
            return;
        };
        let on_change = Closure::<dyn Fn()>::new(move || changed(in_use()));
        let _ =
            query.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        on_change.forget();
    }

    /// Shows `theme` now and remembers it (when storage allows).
    pub fn apply_and_keep(theme: Theme) {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", theme.name());
        }
        theme_choice::keep(theme);
    }
}
