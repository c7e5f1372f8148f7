//! The 1-4 scale and its names. What each score means is written per
//! question (its anchors: what a 1, 2, 3 and 4 answer sounds like for it).

/// Score and short name, shown on every score button.
pub const RUBRIC: [(u8, &str); 4] = [
    (1, "Missing"),
    (2, "Partial"),
    (3, "Solid"),
    (4, "Excellent"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_score_has_a_name() {
        assert_eq!(RUBRIC[2], (3, "Solid"));
        assert_eq!(RUBRIC.map(|(s, _)| s), [1, 2, 3, 4]);
    }
}
