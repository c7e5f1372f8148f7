//! The 1-4 scale's names and their general meaning. Each question carries
//! its own anchors (what a 1, 2, 3 and 4 answer sounds like for it); the
//! general meaning is the common thread between them.

/// Score, short name, and what it means: shown beside every score.
pub const RUBRIC: [(u8, &str, &str); 4] = [
    (
        1,
        "Missing",
        "Could not answer, or the answer was wrong in a way that matters.",
    ),
    (
        2,
        "Partial",
        "Knew the terms but missed a must-have point, or needed heavy prompting.",
    ),
    (
        3,
        "Solid",
        "Covered every must-have point correctly, with little prompting.",
    ),
    (
        4,
        "Excellent",
        "Covered the points and went further: trade-offs, failure cases, real examples.",
    ),
];

pub fn score_name(score: u8) -> &'static str {
    RUBRIC
        .iter()
        .find(|(s, _, _)| *s == score)
        .map_or("", |(_, name, _)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_score_has_a_name() {
        assert_eq!(score_name(3), "Solid");
        assert_eq!(score_name(5), "");
        assert_eq!(RUBRIC.map(|(s, _, _)| s), [1, 2, 3, 4]);
    }
}
