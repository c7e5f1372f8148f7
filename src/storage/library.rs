//! The visitor's library (bookmarks and reading progress) as a Leptos
//! context of signals. The server and the first client render see it empty
//! and not `loaded`; the client reads local storage after hydration, saves
//! every change, and follows changes made in other tabs.

use leptos::prelude::*;

use super::StorageIssue;
use super::records::{Bookmark, Bookmarks, ImportError, ImportReport, Progress, import};

#[derive(Clone, Copy)]
pub struct Library {
    pub bookmarks: RwSignal<Bookmarks>,
    pub progress: RwSignal<Progress>,
    /// Stored data has been read (only ever true in the browser).
    pub loaded: RwSignal<bool>,
    /// What the reader should know about their saved data, until dismissed.
    pub issues: RwSignal<Vec<StorageIssue>>,
}

/// Creates the library and makes it available to every component below.
pub fn provide_library() -> Library {
    let library = Library {
        bookmarks: RwSignal::new(Bookmarks::default()),
        progress: RwSignal::new(Progress::default()),
        loaded: RwSignal::new(false),
        issues: RwSignal::new(Vec::new()),
    };
    provide_context(library);
    Effect::new(move |_| library.load());
    #[cfg(feature = "hydrate")]
    library.follow_other_tabs();
    library
}

pub fn use_library() -> Library {
    expect_context::<Library>()
}

impl Library {
    fn load(self) {
        let b = super::load::<Bookmarks>();
        let p = super::load::<Progress>();
        self.bookmarks.set(b.record);
        self.progress.set(p.record);
        self.report(b.issue.into_iter().chain(p.issue));
        self.loaded.set(true);
    }

    /// Adds issues to those shown (the same issue is kept once).
    fn report(self, issues: impl IntoIterator<Item = StorageIssue>) {
        for issue in issues {
            self.issues.update(|all| {
                if !all.contains(&issue) {
                    all.push(issue);
                }
            });
        }
    }

    /// Another tab changed storage: read the changed record again.
    #[cfg(feature = "hydrate")]
    fn follow_other_tabs(self) {
        use super::schema::{Record, key};
        let handle = window_event_listener(leptos::ev::storage, move |ev| match ev.key() {
            Some(k) if k == key(Bookmarks::NAME) => self.reload_bookmarks(),
            Some(k) if k == key(Progress::NAME) => self.reload_progress(),
            // `localStorage.clear()` in another tab.
            None => self.load(),
            _ => {}
        });
        on_cleanup(move || handle.remove());
    }

    #[cfg(feature = "hydrate")]
    fn reload_bookmarks(self) {
        let b = super::load::<Bookmarks>();
        self.bookmarks.set(b.record);
        self.report(b.issue);
    }

    #[cfg(feature = "hydrate")]
    fn reload_progress(self) {
        let p = super::load::<Progress>();
        self.progress.set(p.record);
        self.report(p.issue);
    }

    fn save_bookmarks(self) {
        if let Err(issue) = self.bookmarks.with_untracked(super::save) {
            self.report([issue]);
        }
    }

    fn save_progress(self) {
        if let Err(issue) = self.progress.with_untracked(super::save) {
            self.report([issue]);
        }
    }

    pub fn is_saved(self, section: &str, heading: Option<&str>) -> bool {
        self.bookmarks.with(|b| b.is_saved(section, heading))
    }

    pub fn toggle(self, section: &str, heading: Option<&str>) {
        self.bookmarks.update(|b| {
            b.toggle(section, heading, super::now_ms());
        });
        self.save_bookmarks();
    }

    pub fn remove(self, section: &str, heading: Option<&str>) -> Option<Bookmark> {
        let mut removed = None;
        self.bookmarks
            .update(|b| removed = b.remove(section, heading));
        self.save_bookmarks();
        removed
    }

    pub fn restore(self, bookmark: Bookmark) {
        self.bookmarks.update(|b| b.restore(bookmark));
        self.save_bookmarks();
    }

    pub fn set_note(self, section: &str, heading: Option<&str>, note: &str) {
        self.bookmarks
            .update(|b| b.set_note(section, heading, note));
        self.save_bookmarks();
    }

    pub fn clear_bookmarks(self) {
        self.bookmarks.set(Bookmarks::default());
        self.save_bookmarks();
    }

    pub fn is_read(self, slug: &str) -> bool {
        self.progress.with(|p| p.is_read(slug))
    }

    pub fn set_read(self, slug: &str, read: bool) {
        let mut changed = false;
        self.progress.update(|p| changed = p.set_read(slug, read));
        if changed {
            self.save_progress();
        }
    }

    /// Remembers the section being read, for "continue reading".
    pub fn visit(self, slug: &str) {
        if self
            .progress
            .with_untracked(|p| p.last_section.as_deref() == Some(slug))
        {
            return;
        }
        self.progress
            .update(|p| p.last_section = Some(slug.to_string()));
        self.save_progress();
    }

    pub fn import(self, text: &str) -> Result<ImportReport, ImportError> {
        let mut bookmarks = self.bookmarks.get_untracked();
        let mut progress = self.progress.get_untracked();
        let report = import(text, &mut bookmarks, &mut progress)?;
        self.bookmarks.set(bookmarks);
        self.progress.set(progress);
        self.save_bookmarks();
        self.save_progress();
        Ok(report)
    }
}
