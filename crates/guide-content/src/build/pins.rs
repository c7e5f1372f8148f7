//! Pinned versions in the guide's code examples (base images, CI actions,
//! runtimes, packages): listed in one file, `content/PINNED-VERSIONS.md`,
//! so the next review finds every one of them in one place. A test fails
//! when the list and the guide disagree (`UPDATE_PINS=1` rewrites it).

/// A line of a code example that pins a version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pin {
    pub file: String,
    /// 1-based line number in the file.
    pub line: usize,
    pub text: String,
}

/// Where the list is kept, relative to the repository root.
pub const PINS_FILE: &str = "content/PINNED-VERSIONS.md";

/// Whether `c` starts a version number.
fn digit_at(s: &str, at: usize) -> bool {
    s[at..].chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// `name@1.2.3` (npm, pip's `name @`, cargo): a name, then a version that
/// is not an address (`deploy@10.0.0.5`).
fn package_at_version(word: &str) -> bool {
    let Some((name, version)) = word.rsplit_once('@') else {
        return false;
    };
    !name.is_empty()
        && !word.contains("://")
        && version.starts_with(|c: char| c.is_ascii_digit())
        && version.split('.').count() < 4
}

/// Whether a line of code pins a version.
pub fn pins_a_version(line: &str) -> bool {
    let t = line.trim();
    let after = |needle: &str| {
        t.match_indices(needle)
            .any(|(i, _)| digit_at(t, i + needle.len()))
    };
    let image_tag = |prefix: &str| {
        t.strip_prefix(prefix)
            .and_then(|rest| rest.split_whitespace().next())
            .is_some_and(|image| {
                image
                    .rsplit_once(':')
                    .is_some_and(|(_, tag)| tag.starts_with(|c: char| c.is_ascii_digit()))
            })
    };
    after("@v")
        || after("==")
        || after("@^")
        || image_tag("FROM ")
        || image_tag("image: ")
        || t.starts_with("rev: ")
        || t.contains("-version:")
        || t.split_whitespace().any(package_at_version)
}

/// Every pinned version in the fenced code blocks of one Markdown file.
pub fn pins(file: &str, markdown: &str) -> Vec<Pin> {
    let mut found = Vec::new();
    let mut in_code = false;
    for (i, line) in markdown.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code && pins_a_version(line) {
            found.push(Pin {
                file: file.to_string(),
                line: i + 1,
                text: line.trim().to_string(),
            });
        }
    }
    found
}

/// The list as it is kept in [`PINS_FILE`].
pub fn render(pins: &[Pin]) -> String {
    let mut out = String::from(
        "# Pinned versions in the guide's examples\n\n\
         Generated from content/guide by `UPDATE_PINS=1 cargo test -p guide-content --features build pins`;\n\
         a test fails when this list and the guide disagree. At each review, check every line\n\
         below against the current releases (and the section's Sources).\n\n",
    );
    let mut last = "";
    let mut seen = std::collections::HashSet::new();
    for p in pins {
        if p.file != last {
            out.push_str(&format!("\n## {}\n\n", p.file));
            last = &p.file;
        }
        // No line numbers: an edit elsewhere in the file changes no pin.
        if seen.insert((p.file.as_str(), p.text.as_str())) {
            out.push_str(&format!("- `{}`\n", p.text.replace('`', "'")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_images_actions_and_packages() {
        for line in [
            "FROM node:24-slim",
            "      - uses: actions/checkout@v6",
            "rev: v8.30.0",
            "pytest==8.4.2",
            "npm install express@5.1.0",
            "    image: postgres:18",
            "          python-version: '3.14'",
        ] {
            assert!(pins_a_version(line), "{line}");
        }
        for line in [
            "git clone git@github.com:shop/orders.git",
            "curl -i https://user@example.com/",
            "FROM scratch",
            "SELECT * FROM orders WHERE id = $1",
            "ssh deploy@10.0.0.5",
        ] {
            assert!(!pins_a_version(line), "{line}");
        }
    }

    #[test]
    fn only_code_blocks_count() {
        let md = "Use actions/checkout@v6.\n\n```yaml\n- uses: actions/checkout@v6\n```\n";
        let found = pins("x.md", md);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 4);
    }

    #[test]
    fn the_list_in_the_repository_is_current() {
        // Read when the test runs (cargo sets it then too), not when it is
        // compiled: a build cache shared by two checkouts would point elsewhere.
        let root =
            std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"))
                .join("../..");
        let dir = root.join("content/guide");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        files.sort();
        let mut all = Vec::new();
        for path in files {
            let name = format!(
                "content/guide/{}",
                path.file_name().unwrap().to_string_lossy()
            );
            all.extend(pins(&name, &std::fs::read_to_string(&path).unwrap()));
        }
        let wanted = render(&all);
        let kept = root.join(PINS_FILE);
        if std::env::var_os("UPDATE_PINS").is_some() {
            std::fs::write(&kept, &wanted).unwrap();
        }
        let have = std::fs::read_to_string(&kept).unwrap_or_default();
        assert!(
            have == wanted,
            "{PINS_FILE} is out of date: run `UPDATE_PINS=1 cargo test -p guide-content --features build pins` and review the versions it lists"
        );
    }
}
