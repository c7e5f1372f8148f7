//! Bookmarks and reading progress: the records, their rules, and the
//! export/import file. Keyed by section slug and heading id, so edits to the
//! guide's wording never wipe them.

use serde::{Deserialize, Serialize};

use super::{
    interview_data::InterviewData, lab_data::LabProgress, path_data::PathProgress, schema::Record,
};
use crate::{content, site_map};

/// A saved place: a whole section, or one heading inside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bookmark {
    pub section: String,
    #[serde(default)]
    pub heading: Option<String>,
    #[serde(default)]
    pub note: String,
    /// Milliseconds since the Unix epoch.
    pub saved_at: f64,
}

/// Longest note kept, in characters.
pub const NOTE_LIMIT: usize = 280;

/// Where a bookmark points now that the guide may have changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The section (and heading) exist: `href`, readable title.
    Found { href: String, title: String },
    /// The heading was removed or renamed: point to its section instead.
    Moved { href: String, title: String },
    /// The section itself is gone.
    Gone,
}

impl Bookmark {
    pub fn same_place(&self, section: &str, heading: Option<&str>) -> bool {
        self.section == section && self.heading.as_deref() == heading
    }

    /// Where the bookmark points, with each section's headings from `index`
    /// (the browser's copy of the guide carries no headings). A heading
    /// that moved to another section keeps its id, and is found there.
    pub fn target(&self, index: &HeadingIndex) -> Target {
        let found = self.heading.as_deref().and_then(|id| {
            let (slug, text) = index.home_of(&self.section, id)?;
            let (_, s) = content::section(slug)?;
            Some(Target::Found {
                href: site_map::guide_heading(s.slug, id),
                title: content::heading_title(s, text),
            })
        });
        if let Some(found) = found {
            return found;
        }
        let Some((_, s)) = content::section(&self.section) else {
            return Target::Gone;
        };
        let (href, title) = (s.path(), s.title.to_string());
        match self.heading {
            None => Target::Found { href, title },
            Some(_) => Target::Moved { href, title },
        }
    }
}

/// The guide's headings by section: (slug, [(heading id, text)]). Made on
/// the server and handed to the bookmarks page's island as data, so the
/// WASM every page downloads carries no heading text.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct HeadingIndex(pub Vec<(String, Vec<(String, String)>)>);

impl HeadingIndex {
    /// From the compiled guide: the server's copy (the browser's has no
    /// headings, and the browser is given this as data instead).
    pub fn compiled() -> Self {
        Self(
            content::SECTIONS
                .iter()
                .map(|s| {
                    let headings = s.headings().map(|h| (h.id.into(), h.text.into())).collect();
                    (s.slug.to_string(), headings)
                })
                .collect(),
        )
    }

    /// The text of heading `id` in section `slug`.
    pub fn heading(&self, slug: &str, id: &str) -> Option<&str> {
        let (_, headings) = self.0.iter().find(|(s, _)| s == slug)?;
        headings
            .iter()
            .find(|(h, _)| h == id)
            .map(|(_, text)| text.as_str())
    }

    /// Where heading `id`, saved in section `slug`, is now: (section, text).
    /// In `slug` itself if it is still there, else in the one other section
    /// that has it (when a part of a section becomes a section of its own,
    /// its headings keep their ids). `None` when it is gone, or when several
    /// other sections have a heading with that id.
    pub fn home_of<'a>(&'a self, slug: &'a str, id: &str) -> Option<(&'a str, &'a str)> {
        if let Some(text) = self.heading(slug, id) {
            return Some((slug, text));
        }
        let mut others = self
            .0
            .iter()
            .filter_map(|(s, _)| Some((s.as_str(), self.heading(s, id)?)));
        let home = others.next()?;
        others.next().is_none().then_some(home)
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Bookmarks {
    #[serde(default)]
    pub items: Vec<Bookmark>,
}

impl Record for Bookmarks {
    const NAME: &'static str = "bookmarks";
    const VERSION: u64 = 1;
}

impl Bookmarks {
    pub fn is_saved(&self, section: &str, heading: Option<&str>) -> bool {
        self.items.iter().any(|b| b.same_place(section, heading))
    }

    /// Adds or removes the bookmark at a place; returns whether it is now saved.
    pub fn toggle(&mut self, section: &str, heading: Option<&str>, now_ms: f64) -> bool {
        if self.remove(section, heading).is_some() {
            return false;
        }
        self.items.push(Bookmark {
            section: section.to_string(),
            heading: heading.map(str::to_string),
            note: String::new(),
            saved_at: now_ms,
        });
        true
    }

    /// Removes and returns the bookmark, so it can be restored ("undo").
    pub fn remove(&mut self, section: &str, heading: Option<&str>) -> Option<Bookmark> {
        let at = self
            .items
            .iter()
            .position(|b| b.same_place(section, heading))?;
        Some(self.items.remove(at))
    }

    pub fn restore(&mut self, bookmark: Bookmark) {
        if !self.is_saved(&bookmark.section, bookmark.heading.as_deref()) {
            self.items.push(bookmark);
        }
    }

    pub fn set_note(&mut self, section: &str, heading: Option<&str>, note: &str) {
        if let Some(b) = self
            .items
            .iter_mut()
            .find(|b| b.same_place(section, heading))
        {
            b.note = note.trim().chars().take(NOTE_LIMIT).collect();
        }
    }

    pub fn newest_first(&self) -> Vec<Bookmark> {
        let mut items = self.items.clone();
        items.sort_by(|a, b| b.saved_at.total_cmp(&a.saved_at));
        items
    }

    /// Moves each bookmark whose heading now lives in another section to
    /// that section (see [`HeadingIndex::home_of`]), so the guide's buttons
    /// show it as saved there. One that lands where a bookmark is already
    /// saved is merged into it, the notes joined, when they fit in
    /// [`NOTE_LIMIT`]; otherwise it stays as it is (its link still finds
    /// the heading), so no note is lost. Returns how many were moved.
    pub fn relocate(&mut self, index: &HeadingIndex) -> usize {
        let mut moved = 0;
        let mut i = 0;
        while i < self.items.len() {
            let b = &self.items[i];
            let home = b.heading.as_deref().and_then(|id| {
                let (home, _) = index.home_of(&b.section, id)?;
                (home != b.section).then(|| (home.to_string(), id.to_string()))
            });
            let Some((home, id)) = home else {
                i += 1;
                continue;
            };
            match self
                .items
                .iter()
                .position(|o| o.same_place(&home, Some(&id)))
            {
                None => {
                    self.items[i].section = home;
                    moved += 1;
                    i += 1;
                }
                Some(there) => {
                    let note = joined(&self.items[there].note, &self.items[i].note);
                    if note.chars().count() > NOTE_LIMIT {
                        i += 1;
                        continue;
                    }
                    let saved_at = self.items[there].saved_at.min(self.items[i].saved_at);
                    self.items[there].note = note;
                    self.items[there].saved_at = saved_at;
                    self.items.remove(i);
                    moved += 1;
                }
            }
        }
        moved
    }

    /// Adds the bookmarks not already saved; returns how many were added.
    pub fn merge(&mut self, incoming: &[Bookmark]) -> usize {
        let before = self.items.len();
        for b in incoming {
            self.restore(b.clone());
        }
        self.items.len() - before
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Progress {
    /// Slugs of the sections read, in the order they were finished.
    #[serde(default)]
    pub read: Vec<String>,
    /// The section opened last, for "continue reading".
    #[serde(default)]
    pub last_section: Option<String>,
}

impl Record for Progress {
    const NAME: &'static str = "progress";
    const VERSION: u64 = 1;
}

impl Progress {
    pub fn is_read(&self, slug: &str) -> bool {
        self.read.iter().any(|s| s == slug)
    }

    /// Returns whether anything changed.
    pub fn set_read(&mut self, slug: &str, read: bool) -> bool {
        match (read, self.is_read(slug)) {
            (true, false) => {
                self.read.push(slug.to_string());
                true
            }
            (false, true) => {
                self.read.retain(|s| s != slug);
                true
            }
            _ => false,
        }
    }

    /// Sections of the current guide that are read (stale slugs don't count).
    pub fn read_count(&self) -> usize {
        content::SECTIONS
            .iter()
            .filter(|s| self.is_read(s.slug))
            .count()
    }

    /// Where "continue reading" leads: the last section opened if it is not
    /// yet read, else the first unread one after it, else the first unread.
    pub fn continue_at(&self) -> Option<&'static content::Section> {
        let sections = content::SECTIONS;
        let start = self
            .last_section
            .as_deref()
            .and_then(content::section)
            .map_or(0, |(i, _)| i);
        sections[start..]
            .iter()
            .chain(sections[..start].iter())
            .find(|s| !self.is_read(s.slug))
    }

    pub fn merge(&mut self, incoming: &Progress) -> usize {
        incoming
            .read
            .iter()
            .filter(|slug| self.set_read(slug, true))
            .count()
    }
}

/// The file written by "Export" and read by "Import".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportFile {
    pub app: String,
    pub version: u64,
    pub exported_at: f64,
    pub bookmarks: Vec<Bookmark>,
    pub progress: Progress,
    /// Added after the first exports, which import with none.
    #[serde(default)]
    pub path: PathProgress,
    #[serde(default)]
    pub interview: InterviewData,
    #[serde(default)]
    pub lab: LabProgress,
}

/// Everything an export holds and an import merges into.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Saved {
    pub bookmarks: Bookmarks,
    pub progress: Progress,
    pub path: PathProgress,
    pub interview: InterviewData,
    pub lab: LabProgress,
}

pub const EXPORT_APP: &str = "backend-guide";
pub const EXPORT_VERSION: u64 = 1;

pub fn export(saved: &Saved, now_ms: f64) -> String {
    let file = ExportFile {
        app: EXPORT_APP.into(),
        version: EXPORT_VERSION,
        exported_at: now_ms,
        bookmarks: saved.bookmarks.newest_first(),
        progress: saved.progress.clone(),
        path: saved.path.clone(),
        interview: saved.interview.clone(),
        lab: saved.lab.clone(),
    };
    serde_json::to_string_pretty(&file).expect("plain data serializes")
}

/// Why an import file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    NotJson,
    /// JSON, but not written by this site's export.
    NotAnExport,
    /// Written by a newer version of the site, in this format version.
    TooNew(u64),
    /// An export, but its content is not in the expected shape.
    Damaged(String),
}

/// What an import added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportReport {
    pub bookmarks_added: usize,
    pub sections_marked_read: usize,
    pub path_checks_added: usize,
    pub kits_added: usize,
    pub lab_exercises_added: usize,
}

/// Checks an export file and merges it in, skipping what is already there.
pub fn import(text: &str, saved: &mut Saved) -> Result<ImportReport, ImportError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|_| ImportError::NotJson)?;
    if value.get("app").and_then(|a| a.as_str()) != Some(EXPORT_APP) {
        return Err(ImportError::NotAnExport);
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v > EXPORT_VERSION => return Err(ImportError::TooNew(v)),
        Some(_) => {}
        None => return Err(ImportError::Damaged("no version".into())),
    }
    let file: ExportFile =
        serde_json::from_value(value).map_err(|e| ImportError::Damaged(e.to_string()))?;
    let valid: Vec<Bookmark> = file
        .bookmarks
        .into_iter()
        .filter(|b| !b.section.is_empty() && b.saved_at.is_finite())
        .map(|mut b| {
            b.note = b.note.chars().take(NOTE_LIMIT).collect();
            b
        })
        .collect();
    // Kits are checked against the question bank when the interview page
    // reads them (the bank is that page's data, not this one's).
    Ok(ImportReport {
        bookmarks_added: saved.bookmarks.merge(&valid),
        sections_marked_read: saved.progress.merge(&file.progress),
        path_checks_added: saved.path.merge(&file.path),
        kits_added: saved.interview.merge(&file.interview),
        lab_exercises_added: saved.lab.merge(&file.lab),
    })
}

/// Two notes as one: both, on separate lines, unless one is empty or they
/// are the same.
fn joined(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (_, true) => a.to_string(),
        (true, false) => b.to_string(),
        _ if a == b => a.to_string(),
        _ => format!("{a}\n{b}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::schema::{decode, encode};

    fn first_heading(slug: &str) -> &'static str {
        content::section(slug)
            .unwrap()
            .1
            .headings()
            .next()
            .unwrap()
            .id
    }

    #[test]
    fn toggling_adds_then_removes() {
        let mut b = Bookmarks::default();
        assert!(b.toggle("skills", None, 1.0));
        assert!(b.toggle("skills", Some("databases"), 2.0));
        assert!(b.is_saved("skills", None));
        assert!(b.is_saved("skills", Some("databases")));
        assert!(!b.toggle("skills", None, 3.0));
        assert!(!b.is_saved("skills", None));
        assert_eq!(b.items.len(), 1);
    }

    #[test]
    fn remove_and_undo_restores_the_same_bookmark() {
        let mut b = Bookmarks::default();
        b.toggle("tools", Some("apis"), 5.0);
        b.set_note("tools", Some("apis"), "  read twice  ");
        let removed = b.remove("tools", Some("apis")).unwrap();
        assert!(b.items.is_empty());
        b.restore(removed.clone());
        b.restore(removed);
        assert_eq!(b.items.len(), 1);
        assert_eq!(b.items[0].note, "read twice");
        assert_eq!(b.items[0].saved_at, 5.0);
    }

    #[test]
    fn notes_are_capped_and_list_is_newest_first() {
        let mut b = Bookmarks::default();
        b.toggle("a", None, 1.0);
        b.toggle("b", None, 3.0);
        b.toggle("c", None, 2.0);
        b.set_note("a", None, &"x".repeat(NOTE_LIMIT + 10));
        assert_eq!(b.items[0].note.len(), NOTE_LIMIT);
        let order: Vec<_> = b.newest_first().into_iter().map(|x| x.section).collect();
        assert_eq!(order, ["b", "c", "a"]);
    }

    #[test]
    fn targets_follow_the_guide_and_mark_moved_headings() {
        let h = first_heading("skills");
        let found = Bookmark {
            section: "skills".into(),
            heading: Some(h.into()),
            note: String::new(),
            saved_at: 0.0,
        };
        assert!(
            matches!(found.target(&HeadingIndex::compiled()), Target::Found { href, .. } if href == format!("/guide/skills#{h}"))
        );
        let moved = Bookmark {
            heading: Some("heading-that-was-removed".into()),
            ..found.clone()
        };
        assert_eq!(
            moved.target(&HeadingIndex::compiled()),
            Target::Moved {
                href: "/guide/skills".into(),
                title: "Essential skills".into()
            }
        );
        // A section that was renamed: its headings are found where they are.
        let renamed = Bookmark {
            section: "old-section".into(),
            ..found.clone()
        };
        assert!(
            matches!(renamed.target(&HeadingIndex::compiled()), Target::Found { href, .. } if href == format!("/guide/skills#{h}"))
        );
        let gone = Bookmark {
            section: "old-section".into(),
            heading: Some("heading-that-was-removed".into()),
            ..found
        };
        assert_eq!(gone.target(&HeadingIndex::compiled()), Target::Gone);
        let whole_section_gone = Bookmark {
            heading: None,
            ..gone
        };
        assert_eq!(
            whole_section_gone.target(&HeadingIndex::compiled()),
            Target::Gone
        );
    }

    #[test]
    fn a_heading_that_moved_to_another_section_is_found_there() {
        // Databases was part of Essential skills until it became a section.
        let old = Bookmark {
            section: "skills".into(),
            heading: Some("transactions-and-isolation".into()),
            note: String::new(),
            saved_at: 0.0,
        };
        assert_eq!(
            old.target(&HeadingIndex::compiled()),
            Target::Found {
                href: "/guide/databases#transactions-and-isolation".into(),
                title: "Databases \u{203a} Transactions and isolation".into()
            }
        );
    }

    fn index(sections: &[(&str, &[&str])]) -> HeadingIndex {
        HeadingIndex(
            sections
                .iter()
                .map(|(slug, ids)| {
                    let headings = ids
                        .iter()
                        .map(|id| (id.to_string(), id.to_uppercase()))
                        .collect();
                    (slug.to_string(), headings)
                })
                .collect(),
        )
    }

    fn saved(section: &str, heading: &str, note: &str, saved_at: f64) -> Bookmark {
        Bookmark {
            section: section.into(),
            heading: Some(heading.into()),
            note: note.into(),
            saved_at,
        }
    }

    #[test]
    fn relocating_moves_headings_to_their_new_section_once() {
        let idx = index(&[
            ("a", &["kept", "sources"]),
            ("b", &["moved", "sources"]),
            ("c", &["sources"]),
        ]);
        assert_eq!(idx.home_of("a", "moved"), Some(("b", "MOVED")));
        assert_eq!(idx.home_of("a", "kept"), Some(("a", "KEPT")));
        // Several other sections have it: no guess.
        assert_eq!(idx.home_of("gone", "sources"), None);
        let mut b = Bookmarks {
            items: vec![
                saved("a", "kept", "", 1.0),
                saved("a", "moved", "my note", 2.0),
                saved("a", "nowhere", "", 3.0),
                saved("gone", "sources", "", 4.0),
            ],
        };
        let before = b.clone();
        assert_eq!(b.relocate(&idx), 1);
        assert_eq!(b.items[1], saved("b", "moved", "my note", 2.0));
        assert_eq!(b.items[0], before.items[0]);
        assert_eq!(b.items[2..], before.items[2..]);
        assert!(b.is_saved("b", Some("moved")));
        assert_eq!(b.relocate(&idx), 0);
    }

    #[test]
    fn relocating_onto_a_saved_place_merges_without_losing_a_note() {
        let idx = index(&[("a", &[]), ("b", &["moved"])]);
        let mut b = Bookmarks {
            items: vec![
                saved("a", "moved", "old", 1.0),
                saved("b", "moved", "new", 5.0),
            ],
        };
        assert_eq!(b.relocate(&idx), 1);
        assert_eq!(b.items, [saved("b", "moved", "new\nold", 1.0)]);

        // Notes too long to join: both kept, the old one where it was.
        let long = "x".repeat(NOTE_LIMIT - 2);
        let mut b = Bookmarks {
            items: vec![
                saved("a", "moved", &long, 1.0),
                saved("b", "moved", "new", 5.0),
            ],
        };
        let before = b.clone();
        assert_eq!(b.relocate(&idx), 0);
        assert_eq!(b, before);

        // The same note, or none, is not repeated.
        let mut b = Bookmarks {
            items: vec![
                saved("a", "moved", "same", 1.0),
                saved("b", "moved", "same", 5.0),
            ],
        };
        b.relocate(&idx);
        assert_eq!(b.items, [saved("b", "moved", "same", 1.0)]);
    }

    #[test]
    fn progress_counts_only_current_sections_and_continues_where_left() {
        let mut p = Progress::default();
        assert_eq!(p.continue_at().unwrap().slug, content::SECTIONS[0].slug);
        assert!(p.set_read("what-is-back-end", true));
        assert!(!p.set_read("what-is-back-end", true));
        p.set_read("removed-section", true);
        assert_eq!(p.read_count(), 1);
        p.last_section = Some("skills".into());
        assert_eq!(p.continue_at().unwrap().slug, "skills");
        p.set_read("skills", true);
        assert_eq!(p.continue_at().unwrap().slug, "databases");
        assert!(p.set_read("skills", false));
        assert!(!p.is_read("skills"));
    }

    #[test]
    fn records_round_trip_in_the_storage_envelope() {
        let mut b = Bookmarks::default();
        b.toggle("tools", None, 1.0);
        assert_eq!(decode::<Bookmarks>(&encode(&b)).unwrap(), b);
        let p = Progress {
            read: vec!["tools".into()],
            last_section: Some("tools".into()),
        };
        assert_eq!(decode::<Progress>(&encode(&p)).unwrap(), p);
    }

    #[test]
    fn export_then_import_merges_without_duplicates() {
        use crate::interview::{Bank, Kit, Level};
        let bank = Bank::compiled();
        let kit = Kit::suggested(
            &bank,
            "Mid",
            Level::Mid,
            vec![crate::quiz::bank::Area::from_id("apis").unwrap()],
            30,
        );
        let mut from = Saved::default();
        from.bookmarks.toggle("tools", None, 1.0);
        from.bookmarks.toggle("skills", Some("databases"), 2.0);
        from.bookmarks.set_note("tools", None, "start here");
        from.progress.read = vec!["tools".into(), "skills".into()];
        from.path.set("web-and-http/explain-request", true);
        from.interview.add(kit.clone());
        from.lab.mark_solved("join-orders-with-names");
        from.lab.remember("join-orders-with-names", "SELECT 1");
        let file = export(&from, 9.0);

        let mut into = Saved::default();
        into.bookmarks.toggle("tools", None, 7.0);
        into.progress.read = vec!["skills".into()];
        let report = import(&file, &mut into).unwrap();
        assert_eq!(
            report,
            ImportReport {
                bookmarks_added: 1,
                sections_marked_read: 1,
                path_checks_added: 1,
                kits_added: 1,
                lab_exercises_added: 1,
            }
        );
        assert_eq!(into.lab.query("join-orders-with-names"), Some("SELECT 1"));
        assert_eq!(into.bookmarks.items.len(), 2);
        assert_eq!(into.progress.read.len(), 2);
        assert!(into.path.is_done("web-and-http/explain-request"));
        assert!(into.interview.kits[0].same_selection(&kit));
        assert_eq!(into.interview.kits[0].name, kit.name);
        assert_ne!(
            into.interview.kits[0].id, 0,
            "an imported kit gets an id here"
        );
        // Importing again adds nothing.
        assert_eq!(import(&file, &mut into).unwrap(), ImportReport::default());
    }

    #[test]
    fn exports_from_before_the_path_and_kits_still_import() {
        let old = r#"{"app":"backend-guide","version":1,"exported_at":1.0,"bookmarks":[],"progress":{"read":["tools"]}}"#;
        let mut into = Saved::default();
        let report = import(old, &mut into).unwrap();
        assert_eq!(report.sections_marked_read, 1);
        assert_eq!((report.path_checks_added, report.kits_added), (0, 0));
    }

    #[test]
    fn import_rejects_what_is_not_an_export() {
        let mut all = Saved::default();
        assert_eq!(import("nope", &mut all), Err(ImportError::NotJson));
        assert_eq!(
            import(r#"{"app":"other","version":1}"#, &mut all),
            Err(ImportError::NotAnExport)
        );
        assert_eq!(
            import(r#"{"app":"backend-guide","version":5}"#, &mut all),
            Err(ImportError::TooNew(5))
        );
        assert!(matches!(
            import(
                r#"{"app":"backend-guide","version":1,"bookmarks":"x"}"#,
                &mut all
            ),
            Err(ImportError::Damaged(_))
        ));
        assert!(
            all.bookmarks.items.is_empty() && all.progress.read.is_empty(),
            "a failed import changes nothing"
        );
    }
}
