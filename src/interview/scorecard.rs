//! Interviews: a kit is a set of questions; each interview run with it is
//! a scorecard of its own (candidate, interviewer, date, a score and notes
//! per question, an overall recommendation), so the next candidate starts
//! blank and candidates interviewed with one kit can be compared.

use serde::{Deserialize, Serialize};

use super::{
    bank::{Bank, BankQuestion},
    kit::{Kit, NAME_LIMIT, NOTES_LIMIT},
};
use crate::quiz::bank::Area;

/// The overall recommendation, on a scale stated on the scorecard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Recommendation {
    StrongNo,
    No,
    Yes,
    StrongYes,
}

impl Recommendation {
    pub const ALL: [Recommendation; 4] = [
        Recommendation::StrongNo,
        Recommendation::No,
        Recommendation::Yes,
        Recommendation::StrongYes,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Recommendation::StrongNo => "Strong no",
            Recommendation::No => "No",
            Recommendation::Yes => "Yes",
            Recommendation::StrongYes => "Strong yes",
        }
    }

    /// What the recommendation says, shown beside it.
    pub fn meaning(self) -> &'static str {
        match self {
            Recommendation::StrongNo => {
                "Clear evidence of gaps that matter at this level; I would argue against hiring."
            }
            Recommendation::No => "Not enough evidence for this level today; I would not hire.",
            Recommendation::Yes => "Meets the level on the evidence; I would hire.",
            Recommendation::StrongYes => {
                "Above the level on several questions; I would argue for hiring."
            }
        }
    }
}

/// The score and notes given for one question.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Scored {
    pub id: String,
    #[serde(default)]
    pub score: Option<u8>,
    /// The anchor the score was given against (what an answer at that
    /// score sounds like for this question), kept with the score so an
    /// export or a debrief shows the evidence scale that was used.
    #[serde(default)]
    pub anchor: String,
    #[serde(default)]
    pub notes: String,
}

/// One interview with one candidate, run with the kit `kit`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Interview {
    pub id: u64,
    /// The [`Kit::id`] of the kit it was run with.
    pub kit: u64,
    #[serde(default)]
    pub candidate: String,
    #[serde(default)]
    pub interviewer: String,
    /// `YYYY-MM-DD`, as a date field gives it.
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub recommendation: Option<Recommendation>,
    #[serde(default)]
    pub answers: Vec<Scored>,
}

/// A short text field: trimmed of nothing (it is being typed), capped.
fn capped(text: &str, limit: usize) -> String {
    text.chars().take(limit).collect()
}

impl Interview {
    pub fn new(id: u64, kit: &Kit, candidate: &str, interviewer: &str, date: &str) -> Self {
        Self {
            id,
            kit: kit.id,
            candidate: capped(candidate.trim(), NAME_LIMIT),
            interviewer: capped(interviewer.trim(), NAME_LIMIT),
            date: capped(date.trim(), 10),
            recommendation: None,
            answers: Vec::new(),
        }
    }

    /// "Ada Lovelace, 2026-12-02", or "Unnamed candidate" and what is known.
    pub fn title(&self) -> String {
        let who = match self.candidate.trim() {
            "" => "Unnamed candidate",
            name => name,
        };
        match self.date.trim() {
            "" => who.to_string(),
            date => format!("{who}, {date}"),
        }
    }

    pub fn scored(&self, id: &str) -> Option<&Scored> {
        self.answers.iter().find(|a| a.id == id)
    }

    pub fn score(&self, id: &str) -> Option<u8> {
        self.scored(id).and_then(|a| a.score)
    }

    pub fn notes(&self, id: &str) -> &str {
        self.scored(id).map_or("", |a| a.notes.as_str())
    }

    fn entry(&mut self, id: &str) -> &mut Scored {
        match self.answers.iter().position(|a| a.id == id) {
            Some(at) => &mut self.answers[at],
            None => {
                self.answers.push(Scored {
                    id: id.to_string(),
                    ..Scored::default()
                });
                self.answers.last_mut().expect("just pushed")
            }
        }
    }

    /// Gives `score` (1-4) to a question, with the anchor it was given
    /// against, or clears it with `None`.
    pub fn set_score(&mut self, q: &BankQuestion, score: Option<u8>) {
        let score = score.filter(|s| (1..=4).contains(s));
        let entry = self.entry(&q.id);
        entry.score = score;
        entry.anchor = score.map(|s| q.anchor(s).to_string()).unwrap_or_default();
    }

    pub fn set_notes(&mut self, id: &str, notes: &str) {
        self.entry(id).notes = capped(notes, NOTES_LIMIT);
    }

    pub fn set_candidate(&mut self, text: &str) {
        self.candidate = capped(text, NAME_LIMIT);
    }

    pub fn set_interviewer(&mut self, text: &str) {
        self.interviewer = capped(text, NAME_LIMIT);
    }

    pub fn set_date(&mut self, text: &str) {
        self.date = capped(text, 10);
    }

    /// Whether anything was recorded beyond the header.
    pub fn has_answers(&self) -> bool {
        self.answers
            .iter()
            .any(|a| a.score.is_some() || !a.notes.trim().is_empty())
    }

    /// Keeps what a stored or imported interview may carry within bounds.
    pub fn reconcile(&mut self, bank: &Bank) {
        self.candidate = capped(&self.candidate, NAME_LIMIT);
        self.interviewer = capped(&self.interviewer, NAME_LIMIT);
        self.date = capped(&self.date, 10);
        let mut seen: Vec<String> = Vec::new();
        self.answers.retain(|a| {
            let keep = !seen.contains(&a.id);
            seen.push(a.id.clone());
            keep
        });
        for a in &mut self.answers {
            a.notes = capped(&a.notes, NOTES_LIMIT);
            a.score = a.score.filter(|s| (1..=4).contains(s));
            if a.score.is_none() {
                a.anchor.clear();
            } else if a.anchor.is_empty()
                && let (Some(q), Some(s)) = (bank.get(&a.id), a.score)
            {
                a.anchor = q.anchor(s).to_string();
            }
        }
    }
}

/// One score given in an area, with the anchor it was given against: the
/// evidence a debrief compares.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub question: String,
    pub prompt: String,
    pub score: u8,
    pub anchor: String,
}

/// How one area of an interview went.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaLine {
    /// `None` for the line that sums up the whole interview.
    pub area: Option<Area>,
    pub asked: usize,
    pub scored: usize,
    /// The sum of the scores given.
    pub points: u32,
    pub evidence: Vec<Evidence>,
}

impl AreaLine {
    fn new(area: Option<Area>) -> Self {
        Self {
            area,
            asked: 0,
            scored: 0,
            points: 0,
            evidence: Vec::new(),
        }
    }

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
/// whole interview; each line carries the scores given with their anchors.
pub fn summary(kit: &Kit, interview: &Interview, bank: &Bank) -> Vec<AreaLine> {
    let mut lines: Vec<AreaLine> = Vec::new();
    let mut all = AreaLine::new(None);
    for asked in &kit.questions {
        let Some(q) = bank.get(&asked.id) else {
            continue;
        };
        let at = match lines.iter().position(|l| l.area == Some(q.area)) {
            Some(at) => at,
            None => {
                lines.push(AreaLine::new(Some(q.area)));
                lines.len() - 1
            }
        };
        let scored = interview.scored(&q.id).filter(|a| a.score.is_some());
        for line in [&mut lines[at], &mut all] {
            line.asked += 1;
            if let Some(a) = scored {
                let score = a.score.expect("filtered");
                line.scored += 1;
                line.points += u32::from(score);
            }
        }
        if let Some(a) = scored {
            lines[at].evidence.push(Evidence {
                question: q.id.clone(),
                prompt: q.prompt.clone(),
                score: a.score.expect("filtered"),
                anchor: a.anchor.clone(),
            });
        }
    }
    lines.push(all);
    lines
}

/// Candidates interviewed with one kit, side by side: for each area (then
/// all areas) the average of each interview, in the order given.
pub fn compare(
    kit: &Kit,
    interviews: &[&Interview],
    bank: &Bank,
) -> Vec<(Option<Area>, Vec<String>)> {
    let summaries: Vec<Vec<AreaLine>> = interviews.iter().map(|i| summary(kit, i, bank)).collect();
    let Some(first) = summaries.first() else {
        return Vec::new();
    };
    first
        .iter()
        .map(|line| {
            let cells = summaries
                .iter()
                .map(|s| {
                    s.iter()
                        .find(|l| l.area == line.area)
                        .map_or_else(|| "not scored".to_string(), AreaLine::average_text)
                })
                .collect();
            (line.area, cells)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interview::{Level, kit::Asked};

    fn kit_of(bank: &Bank, ids: &[&str]) -> Kit {
        assert!(ids.iter().all(|id| bank.get(id).is_some()));
        Kit {
            id: 7,
            name: "K".into(),
            level: Level::Senior,
            areas: vec![],
            minutes: 45,
            questions: ids.iter().map(|id| Asked::new(id)).collect(),
        }
    }

    fn ids(bank: &Bank, area: &str, n: usize) -> Vec<String> {
        bank.questions()
            .filter(|q| q.area.id() == area)
            .map(|q| q.id.clone())
            .take(n)
            .collect()
    }

    #[test]
    fn scores_carry_their_anchor_and_can_be_cleared() {
        let bank = Bank::compiled();
        let q = &bank.0[0];
        let kit = kit_of(&bank, &[&q.id]);
        let mut interview = Interview::new(1, &kit, " Ada ", "Grace", "2026-12-02");
        assert_eq!(interview.title(), "Ada, 2026-12-02");
        interview.set_score(q, Some(3));
        assert_eq!(interview.score(&q.id), Some(3));
        assert_eq!(interview.scored(&q.id).unwrap().anchor, q.anchors[2]);
        interview.set_score(q, Some(9));
        assert_eq!(interview.score(&q.id), None, "off the scale clears");
        interview.set_score(q, Some(2));
        interview.set_score(q, None);
        assert_eq!(interview.score(&q.id), None);
        assert!(interview.scored(&q.id).unwrap().anchor.is_empty());
        interview.set_notes(&q.id, &"n".repeat(NOTES_LIMIT + 3));
        assert_eq!(interview.notes(&q.id).chars().count(), NOTES_LIMIT);
        assert!(interview.has_answers());
    }

    #[test]
    fn the_summary_averages_per_area_with_the_evidence() {
        let bank = Bank::compiled();
        let api = ids(&bank, "apis", 2);
        let db = ids(&bank, "databases", 1);
        let kit = kit_of(&bank, &[&api[0], &db[0], &api[1]]);
        let mut interview = Interview::new(1, &kit, "A", "", "");
        interview.set_score(bank.get(&api[0]).unwrap(), Some(4));
        interview.set_score(bank.get(&api[1]).unwrap(), Some(3));
        let lines = summary(&kit, &interview, &bank);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].area.unwrap().id(), "apis");
        assert_eq!(lines[0].average_text(), "3.5 of 4");
        assert_eq!(lines[0].evidence.len(), 2);
        assert_eq!(
            lines[0].evidence[0].anchor,
            bank.get(&api[0]).unwrap().anchors[3]
        );
        assert_eq!(lines[1].average_text(), "not scored");
        assert_eq!(lines[2].label(), "All areas");
        assert_eq!(
            (lines[2].asked, lines[2].scored, lines[2].points),
            (3, 2, 7)
        );
    }

    #[test]
    fn two_candidates_compare_side_by_side() {
        let bank = Bank::compiled();
        let api = ids(&bank, "apis", 1);
        let db = ids(&bank, "databases", 1);
        let kit = kit_of(&bank, &[&api[0], &db[0]]);
        let mut first = Interview::new(1, &kit, "First", "", "");
        first.set_score(bank.get(&api[0]).unwrap(), Some(2));
        let mut second = Interview::new(2, &kit, "Second", "", "");
        second.set_score(bank.get(&api[0]).unwrap(), Some(4));
        second.set_score(bank.get(&db[0]).unwrap(), Some(3));
        let table = compare(&kit, &[&first, &second], &bank);
        assert_eq!(table.len(), 3);
        assert_eq!(table[0].1, vec!["2.0 of 4", "4.0 of 4"]);
        assert_eq!(table[1].1, vec!["not scored", "3.0 of 4"]);
        assert_eq!(table[2].0, None);
        assert_eq!(table[2].1, vec!["2.0 of 4", "3.5 of 4"]);
    }

    #[test]
    fn averages_round_half_up_to_tenths() {
        let line = |scored, points| AreaLine {
            scored,
            points,
            ..AreaLine::new(None)
        };
        assert_eq!(line(3, 8).average_text(), "2.7 of 4");
        assert_eq!(line(3, 7).average_text(), "2.3 of 4");
        assert_eq!(line(4, 10).average_text(), "2.5 of 4");
    }

    #[test]
    fn reconcile_repairs_what_storage_may_carry() {
        let bank = Bank::compiled();
        let q = &bank.0[0];
        let mut i = Interview {
            answers: vec![
                Scored {
                    id: q.id.clone(),
                    score: Some(3),
                    anchor: String::new(),
                    notes: "x".into(),
                },
                Scored {
                    id: q.id.clone(),
                    score: Some(1),
                    ..Scored::default()
                },
                Scored {
                    id: "other".into(),
                    score: Some(8),
                    anchor: "stale".into(),
                    notes: String::new(),
                },
            ],
            ..Interview::default()
        };
        i.reconcile(&bank);
        assert_eq!(i.answers.len(), 2);
        assert_eq!(i.answers[0].anchor, q.anchors[2], "filled in from the bank");
        assert_eq!(i.answers[1].score, None);
        assert!(i.answers[1].anchor.is_empty());
    }
}
