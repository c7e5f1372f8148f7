//! The visitor's library (bookmarks and reading progress) as signals that
//! every island on the page shares.
//!
//! Each island is hydrated as its own root, so a context provided by one
//! never reaches the others. In the browser the signals live once, in a
//! thread-local, for as long as the WASM does (it stays loaded across
//! page changes): stored data is read once, every change is saved, and
//! changes made in other tabs are followed. On the server each island gets
//! an empty library that is never `loaded`, so the HTML shows the defaults.

use leptos::prelude::*;

use super::StorageIssue;
use super::interview_data::InterviewData;
use super::lab_data::LabProgress;
use super::path_data::PathProgress;
use super::records::{
    Bookmark, Bookmarks, HeadingIndex, ImportError, ImportReport, Progress, Saved, export, import,
};

#[derive(Clone, Copy)]
pub struct Library {
    pub bookmarks: RwSignal<Bookmarks>,
    pub progress: RwSignal<Progress>,
    /// Stored data has been read and this island may show it (only ever
    /// true in the browser, after the island has been hydrated: hydration
    /// keeps the server's text, so showing stored data any sooner would
    /// leave the page out of step with the state).
    pub loaded: Signal<bool>,
    /// What the reader should know about their saved data, until dismissed.
    pub issues: RwSignal<Vec<StorageIssue>>,
}

/// The shared signals, reference-counted so that they outlive any island.
#[derive(Clone)]
struct Shared {
    bookmarks: ArcRwSignal<Bookmarks>,
    progress: ArcRwSignal<Progress>,
    loaded: ArcRwSignal<bool>,
    issues: ArcRwSignal<Vec<StorageIssue>>,
}

impl Shared {
    fn new() -> Self {
        Self {
            bookmarks: ArcRwSignal::new(Bookmarks::default()),
            progress: ArcRwSignal::new(Progress::default()),
            loaded: ArcRwSignal::new(false),
            issues: ArcRwSignal::new(Vec::new()),
        }
    }

    /// Handles to the shared signals for the island being built.
    fn library(&self, hydrated: Signal<bool>) -> Library {
        let loaded = RwSignal::from(self.loaded.clone());
        Library {
            bookmarks: self.bookmarks.clone().into(),
            progress: self.progress.clone().into(),
            loaded: Signal::derive(move || hydrated.get() && loaded.get()),
            issues: self.issues.clone().into(),
        }
    }
}

#[cfg(feature = "hydrate")]
thread_local! {
    static SHARED: std::cell::OnceCell<Shared> = const { std::cell::OnceCell::new() };
}

/// The library, for a component in an island.
pub fn use_library() -> Library {
    // False until this island has been hydrated (effects run after it).
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    #[cfg(feature = "hydrate")]
    {
        let (shared, first) = SHARED.with(|cell| {
            let first = cell.get().is_none();
            (cell.get_or_init(Shared::new).clone(), first)
        });
        let library = shared.library(hydrated.into());
        if first {
            // Once per page load, after the first island is hydrated.
            Effect::new(move |_| library.load());
            library.follow_other_tabs();
        }
        library
    }
    #[cfg(not(feature = "hydrate"))]
    Shared::new().library(hydrated.into())
}

impl Library {
    #[cfg(feature = "hydrate")]
    fn load(self) {
        let b = super::load::<Bookmarks>();
        let p = super::load::<Progress>();
        self.bookmarks.set(b.record);
        self.progress.set(p.record);
        self.report(b.issue.into_iter().chain(p.issue));
        SHARED.with(|cell| cell.get().map(|shared| shared.loaded.set(true)));
    }

    /// Adds issues to those shown (the same issue is kept once).
    pub fn report(self, issues: impl IntoIterator<Item = StorageIssue>) {
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
        // Kept for the life of the page, like the shared signals.
        let _ = handle;
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

    /// The note of the bookmark at a place, when it has one.
    pub fn note(self, section: &str, heading: Option<&str>) -> Option<String> {
        self.bookmarks.with(|b| {
            b.items
                .iter()
                .find(|x| x.same_place(section, heading) && !x.note.is_empty())
                .map(|x| x.note.clone())
        })
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

    /// Moves bookmarks whose heading moved to another section
    /// ([`Bookmarks::relocate`]); saves only when one moved.
    pub fn relocate_bookmarks(self, index: &HeadingIndex) {
        let mut bookmarks = self.bookmarks.get_untracked();
        if bookmarks.relocate(index) > 0 {
            self.bookmarks.set(bookmarks);
            self.save_bookmarks();
        }
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

    /// Everything the reader keeps, as it is now: path checks and kits are
    /// read from storage (they are not signals here).
    fn saved(self) -> Saved {
        let path = super::load::<PathProgress>();
        let interview = super::load::<InterviewData>();
        let lab = super::load::<LabProgress>();
        self.report(
            path.issue
                .into_iter()
                .chain(interview.issue)
                .chain(lab.issue),
        );
        Saved {
            bookmarks: self.bookmarks.get_untracked(),
            progress: self.progress.get_untracked(),
            path: path.record,
            interview: interview.record,
            lab: lab.record,
        }
    }

    /// Everything the reader keeps, as an export file.
    pub fn export(self) -> String {
        export(&self.saved(), super::now_ms())
    }

    /// Merges an export file into everything the reader keeps.
    pub fn import(self, text: &str) -> Result<ImportReport, ImportError> {
        let mut saved = self.saved();
        let report = import(text, &mut saved)?;
        self.bookmarks.set(saved.bookmarks);
        self.progress.set(saved.progress);
        self.save_bookmarks();
        self.save_progress();
        if let Err(issue) = super::save(&saved.path)
            .and(super::save(&saved.interview))
            .and(super::save(&saved.lab))
        {
            self.report([issue]);
        }
        Ok(report)
    }
}
