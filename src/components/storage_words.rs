//! What storage reports, in words for the reader. Storage itself returns
//! types (`storage::StorageIssue`, `ImportError`, `ImportReport`); this is
//! the one place that turns them into sentences.

use crate::storage::{
    StorageIssue,
    records::{ImportError, ImportReport},
    schema::Problem,
};

/// What a stored record holds, as the reader knows it.
fn record_words(record: &str) -> &'static str {
    match record {
        "bookmarks" => "bookmarks",
        "progress" => "reading progress",
        "quiz" => "quiz history",
        "path" => "learning path progress",
        "interview" => "interview kits",
        _ => "saved data",
    }
}

fn problem_words(problem: &Problem) -> String {
    match problem {
        Problem::Corrupt => "it is not valid JSON".into(),
        Problem::WrongShape(detail) => format!("it does not have the expected shape ({detail})"),
        Problem::NewerVersion(v) => {
            format!("it was saved by a newer version of the site (format {v})")
        }
    }
}

/// One issue as a sentence or two.
pub fn describe(issue: &StorageIssue) -> String {
    match issue {
        StorageIssue::Unavailable => "Your browser is not letting this site save data, so your \
             bookmarks, reading progress and quiz history will not be kept after you leave."
            .into(),
        StorageIssue::Recovered {
            record,
            problem,
            backup_key,
        } => {
            let whereabouts = match backup_key {
                Some(key) => {
                    format!("It has been kept under the key \u{201c}{key}\u{201d} in local storage")
                }
                None => "It was left in place (there was no room for a backup)".into(),
            };
            format!(
                "Your saved {} could not be read because {}. {whereabouts}, and you are starting fresh.",
                record_words(record),
                problem_words(problem)
            )
        }
        StorageIssue::Full { record } => format!(
            "Your {} could not be saved: the browser's storage for this site is full.",
            record_words(record)
        ),
    }
}

/// Several issues as one message; "unavailable" is said once.
pub fn describe_all(issues: &[StorageIssue]) -> Option<String> {
    let mut said: Vec<&StorageIssue> = Vec::new();
    for issue in issues {
        if !said.contains(&issue) {
            said.push(issue);
        }
    }
    (!said.is_empty()).then(|| said.into_iter().map(describe).collect::<Vec<_>>().join(" "))
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn import_finished(report: &ImportReport) -> String {
    let mut parts = vec![
        count(report.bookmarks_added, "bookmark", "bookmarks"),
        count(
            report.sections_marked_read,
            "section marked as read",
            "sections marked as read",
        ),
    ];
    if report.path_checks_added > 0 {
        parts.push(count(
            report.path_checks_added,
            "learning path check",
            "learning path checks",
        ));
    }
    if report.kits_added > 0 {
        parts.push(count(report.kits_added, "interview kit", "interview kits"));
    }
    if report.lab_exercises_added > 0 {
        parts.push(count(
            report.lab_exercises_added,
            "solved SQL lab exercise",
            "solved SQL lab exercises",
        ));
    }
    let last = parts.pop().unwrap_or_default();
    if parts.is_empty() {
        format!("Import finished: added {last}.")
    } else {
        format!("Import finished: added {} and {last}.", parts.join(", "))
    }
}

pub fn import_refused(error: &ImportError) -> String {
    let why = match error {
        ImportError::NotJson => "the file is not JSON".into(),
        ImportError::NotAnExport => "the file is not a Backend Guide export".into(),
        ImportError::TooNew(v) => {
            format!("the file comes from a newer version of the site (format {v})")
        }
        ImportError::Damaged(detail) => format!("the file is damaged: {detail}"),
    };
    format!("Nothing was imported: {why}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unavailable_is_said_once_and_recoveries_name_the_backup() {
        let recovered = StorageIssue::Recovered {
            record: "progress",
            problem: Problem::Corrupt,
            backup_key: Some("backend-guide:backup:progress:5".into()),
        };
        let text = describe_all(&[
            StorageIssue::Unavailable,
            recovered.clone(),
            StorageIssue::Unavailable,
        ])
        .unwrap();
        assert_eq!(text.matches("not letting").count(), 1, "{text}");
        assert!(
            text.contains("saved reading progress could not be read because it is not valid JSON")
        );
        assert!(text.contains("backend-guide:backup:progress:5"));
        assert_eq!(describe_all(&[]), None);
        let full = describe(&StorageIssue::Full {
            record: "bookmarks",
        });
        assert!(
            full.starts_with("Your bookmarks could not be saved"),
            "{full}"
        );
    }

    #[test]
    fn import_outcomes_read_well() {
        let report = ImportReport {
            bookmarks_added: 1,
            sections_marked_read: 2,
            ..ImportReport::default()
        };
        assert_eq!(
            import_finished(&report),
            "Import finished: added 1 bookmark and 2 sections marked as read."
        );
        let report = ImportReport {
            path_checks_added: 3,
            kits_added: 1,
            ..ImportReport::default()
        };
        assert_eq!(
            import_finished(&report),
            "Import finished: added 0 bookmarks, 0 sections marked as read, 3 learning path checks and 1 interview kit."
        );
        assert_eq!(
            import_refused(&ImportError::TooNew(3)),
            "Nothing was imported: the file comes from a newer version of the site (format 3)."
        );
    }
}
