//! The 1-4 scoring rubric, and the summary per area at the end of an
//! interview.

use super::{bank::Bank, kit::Kit};
use crate::quiz::bank::Area;

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
        "Knew the terms but missed most of the strong-answer points, or needed heavy prompting.",
    ),
    (
        3,
        "Solid",
        "Covered most strong-answer points correctly, with little prompting.",
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

/// How one area went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaSummary {
    /// `None` for the line that sums up the whole kit.
    pub area: Option<Area>,
    pub asked: usize,
    pub scored: usize,
    /// The sum of the scores given.
    pub points: u32,
}

impl AreaSummary {
    /// The average score in tenths (35 = 3.5), once anything is scored.
    pub fn average_tenths(&self) -> Option<u32> {
        (self.scored > 0).then(|| (self.points * 20 / self.scored as u32).div_ceil(2))
    }

    /// "3.5 of 4", or "not scored".
    pub fn average_text(&self) -> String {
        match self.average_tenths() {
            Some(t) => format!("{}.{} of 4", t / 10, t % 10),
            None => "not scored".into(),
        }
    }

    pub fn label(&self) -> &'static str {
        self.area.map_or("All areas", Area::label)
    }
}

/// One line per area, in the order the kit first asks about it, then the
/// whole kit.
pub fn summary(kit: &Kit, bank: &Bank) -> Vec<AreaSummary> {
    let mut lines: Vec<AreaSummary> = Vec::new();
    let mut all = AreaSummary {
        area: None,
        asked: 0,
        scored: 0,
        points: 0,
    };
    for asked in &kit.questions {
        let Some(q) = bank.get(&asked.id) else {
            continue;
        };
        let at = match lines.iter().position(|l| l.area == Some(q.area)) {
            Some(at) => at,
            None => {
                lines.push(AreaSummary {
                    area: Some(q.area),
                    asked: 0,
                    scored: 0,
                    points: 0,
                });
                lines.len() - 1
            }
        };
        for line in [&mut lines[at], &mut all] {
            line.asked += 1;
            if let Some(score) = asked.score {
                line.scored += 1;
                line.points += u32::from(score);
            }
        }
    }
    lines.push(all);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interview::{Level, kit::Asked};

    #[test]
    fn the_summary_averages_scored_answers_per_area_and_overall() {
        let bank = Bank::compiled();
        let api: Vec<&str> = bank
            .questions()
            .filter(|q| q.area.id() == "apis")
            .map(|q| q.id.as_str())
            .take(2)
            .collect();
        let db = bank
            .questions()
            .find(|q| q.area.id() == "databases")
            .unwrap()
            .id
            .as_str();
        let asked = |id: &str, score| Asked {
            id: id.into(),
            score,
            notes: String::new(),
        };
        let kit = Kit {
            name: "K".into(),
            level: Level::Senior,
            areas: vec![],
            minutes: 45,
            questions: vec![
                asked(api[0], Some(4)),
                asked(db, None),
                asked(api[1], Some(3)),
            ],
        };
        let lines = summary(&kit, &bank);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].area.unwrap().id(), "apis");
        assert_eq!((lines[0].asked, lines[0].scored), (2, 2));
        assert_eq!(lines[0].average_text(), "3.5 of 4");
        assert_eq!(lines[1].average_text(), "not scored");
        assert_eq!(lines[2].label(), "All areas");
        assert_eq!(
            (lines[2].asked, lines[2].scored, lines[2].points),
            (3, 2, 7)
        );
    }

    #[test]
    fn averages_round_half_up_to_tenths() {
        let line = |scored, points| AreaSummary {
            area: None,
            asked: scored,
            scored,
            points,
        };
        assert_eq!(line(3, 8).average_text(), "2.7 of 4"); // 2.666...
        assert_eq!(line(3, 7).average_text(), "2.3 of 4"); // 2.333...
        assert_eq!(line(4, 10).average_text(), "2.5 of 4");
        assert_eq!(line(1, 4).average_text(), "4.0 of 4");
        assert_eq!(score_name(3), "Solid");
    }
}
