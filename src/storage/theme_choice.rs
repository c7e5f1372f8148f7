//! The reader's theme. Kept as a bare `light` or `dark` (anything else
//! means "follow the system") rather than in a versioned record, because a
//! tiny script in `<head>` must read it before the first paint.

use super::schema::NAMESPACE;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn other(self) -> Theme {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn from_name(name: &str) -> Option<Theme> {
        [Theme::Light, Theme::Dark]
            .into_iter()
            .find(|t| t.name() == name)
    }
}

fn key() -> String {
    format!("{NAMESPACE}:theme")
}

/// Remembers the reader's pick (when storage allows).
pub fn keep(theme: Theme) {
    super::browser::write_raw(&key(), theme.name());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_early_script_reads_the_key_written_here() {
        let script = crate::components::inline_scripts::THEME;
        assert!(
            script.contains(&format!("localStorage.getItem('{}')", key())),
            "{script}"
        );
        for theme in [Theme::Light, Theme::Dark] {
            assert!(script.contains(&format!("'{}'", theme.name())));
            assert_eq!(Theme::from_name(theme.name()), Some(theme));
            assert_eq!(theme.other().other(), theme);
        }
        assert_eq!(Theme::from_name("sepia"), None);
    }
}
