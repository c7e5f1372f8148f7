//! The skill areas: `content/areas.toml`. The quiz (and anything else
//! grouped by skill) takes its areas, labels and guide links from here.

use std::collections::HashSet;

use serde::Deserialize;

use super::{ContentError, check_id, parse_toml};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AreasFile {
    area: Vec<ParsedArea>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParsedArea {
    pub id: String,
    pub label: String,
    pub link: String,
    pub summary: String,
}

/// Parses the areas, in display order.
pub fn parse_areas(file: &str, source: &str) -> Result<Vec<ParsedArea>, ContentError> {
    let raw: AreasFile = parse_toml(file, source)?;
    let mut seen = HashSet::new();
    for a in &raw.area {
        let at = |msg: String| ContentError::new(file, format!("area `{}`: {msg}", a.id));
        check_id(&mut seen, &a.id).map_err(at)?;
        if a.label.trim().is_empty() || a.summary.trim().is_empty() {
            return Err(at("label and summary must not be empty".into()));
        }
    }
    if raw.area.is_empty() {
        return Err(ContentError::new(file, "defines no area"));
    }
    Ok(raw.area)
}

#[cfg(test)]
mod tests {
    use super::*;

    const AREA: &str = "[[area]]\nid = \"apis\"\nlabel = \"APIs\"\nlink = \"/guide/tools#apis\"\nsummary = \"S\"\n";

    #[test]
    fn parses_in_order_and_rejects_duplicates_and_bad_ids() {
        let two = format!("{AREA}{}", AREA.replace("apis", "testing"));
        let areas = parse_areas("a.toml", &two).unwrap();
        assert_eq!(areas[1].id, "testing");
        let dup = format!("{AREA}{AREA}");
        assert!(
            parse_areas("a.toml", &dup)
                .unwrap_err()
                .message
                .contains("twice")
        );
        let bad = AREA.replace("id = \"apis\"", "id = \"APIs\"");
        assert!(parse_areas("a.toml", &bad).is_err());
        assert!(parse_areas("a.toml", "area = []").is_err());
    }
}
