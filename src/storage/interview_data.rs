//! What the interview kit keeps in the browser: the reader's kits, the
//! interviews run with them (one scorecard per candidate), and the
//! self-ratings of practice mode.

use serde::{Deserialize, Serialize};

use super::schema::Record;
use crate::interview::{
    Bank,
    kit::{Kit, unique_name},
    scorecard::{Interview, Scored},
};

/// How many kits are kept.
pub const KIT_LIMIT: usize = 50;
/// How many interviews are kept.
pub const INTERVIEW_LIMIT: usize = 500;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct InterviewData {
    #[serde(default)]
    pub kits: Vec<Kit>,
    /// Every interview run, each with the id of its kit.
    #[serde(default)]
    pub interviews: Vec<Interview>,
    /// Practice mode: question id and the candidate's own rating (1-4).
    #[serde(default)]
    pub practice: Vec<(String, u8)>,
}

impl Record for InterviewData {
    const NAME: &'static str = "interview";
    const VERSION: u64 = 1;
}

impl InterviewData {
    /// Adds a kit under a name no other kit has; returns its index, or
    /// `None` when the list is full.
    pub fn add(&mut self, mut kit: Kit) -> Option<usize> {
        if self.kits.len() >= KIT_LIMIT {
            return None;
        }
        kit.name = unique_name(self.kits.iter().map(|k| k.name.as_str()), &kit.name);
        kit.id = self.next_kit_id();
        self.kits.push(kit);
        Some(self.kits.len() - 1)
    }

    fn next_kit_id(&self) -> u64 {
        self.kits.iter().map(|k| k.id).max().unwrap_or(0) + 1
    }

    fn next_interview_id(&self) -> u64 {
        self.interviews.iter().map(|i| i.id).max().unwrap_or(0) + 1
    }

    /// Starts an interview with the kit at `kit` (an index); returns its id,
    /// or `None` when there is no such kit or the list is full.
    pub fn start_interview(
        &mut self,
        kit: usize,
        candidate: &str,
        interviewer: &str,
        date: &str,
    ) -> Option<u64> {
        if self.interviews.len() >= INTERVIEW_LIMIT {
            return None;
        }
        let id = self.next_interview_id();
        let kit = self.kits.get(kit)?;
        self.interviews
            .push(Interview::new(id, kit, candidate, interviewer, date));
        Some(id)
    }

    pub fn interview(&self, id: u64) -> Option<&Interview> {
        self.interviews.iter().find(|i| i.id == id)
    }

    pub fn interview_mut(&mut self, id: u64) -> Option<&mut Interview> {
        self.interviews.iter_mut().find(|i| i.id == id)
    }

    /// The interviews run with the kit `kit_id`, oldest first.
    pub fn interviews_of(&self, kit_id: u64) -> impl Iterator<Item = &Interview> {
        self.interviews.iter().filter(move |i| i.kit == kit_id)
    }

    pub fn delete_interview(&mut self, id: u64) -> Option<Interview> {
        let at = self.interviews.iter().position(|i| i.id == id)?;
        Some(self.interviews.remove(at))
    }

    /// Deletes a kit and the interviews run with it.
    pub fn delete_kit(&mut self, index: usize) {
        if index < self.kits.len() {
            let kit = self.kits.remove(index);
            self.interviews.retain(|i| i.kit != kit.id);
        }
    }

    pub fn rating(&self, id: &str) -> Option<u8> {
        self.practice.iter().find(|(q, _)| q == id).map(|(_, r)| *r)
    }

    pub fn rate(&mut self, id: &str, rating: Option<u8>) {
        self.practice.retain(|(q, _)| q != id);
        if let Some(r) = rating.filter(|r| (1..=4).contains(r)) {
            self.practice.push((id.to_string(), r));
        }
    }

    /// Repairs data read back from storage against the current bank, and
    /// brings data of earlier versions up to date: kits get ids, and the
    /// scores and notes that kits held before interviews had scorecards of
    /// their own become an interview of that kit ("Earlier interview").
    pub fn reconcile(&mut self, bank: &Bank) {
        let mut next = self.next_kit_id();
        let mut seen = Vec::new();
        for kit in &mut self.kits {
            if kit.id == 0 || seen.contains(&kit.id) {
                kit.id = next;
                next += 1;
            }
            seen.push(kit.id);
        }
        for k in 0..self.kits.len() {
            let answers: Vec<Scored> = self.kits[k]
                .questions
                .iter_mut()
                .filter(|q| q.score.is_some() || !q.notes.is_empty())
                .map(|q| Scored {
                    id: q.id.clone(),
                    score: q.score.take(),
                    anchor: String::new(),
                    notes: std::mem::take(&mut q.notes),
                })
                .collect();
            if !answers.is_empty() {
                let id = self.next_interview_id();
                self.interviews.push(Interview {
                    id,
                    kit: self.kits[k].id,
                    candidate: "Earlier interview".into(),
                    answers,
                    ..Interview::default()
                });
            }
        }
        for kit in &mut self.kits {
            kit.reconcile(bank);
        }
        self.kits.retain(|k| !k.questions.is_empty());
        self.kits.truncate(KIT_LIMIT);
        // An interview stays while its kit does.
        let kits: Vec<u64> = self.kits.iter().map(|k| k.id).collect();
        self.interviews.retain(|i| kits.contains(&i.kit));
        let mut ids = Vec::new();
        for i in &mut self.interviews {
            i.reconcile(bank);
            if ids.contains(&i.id) {
                i.id = 0;
            }
            ids.push(i.id);
        }
        for at in 0..self.interviews.len() {
            if self.interviews[at].id == 0 {
                self.interviews[at].id = self.next_interview_id();
            }
        }
        self.interviews.truncate(INTERVIEW_LIMIT);
        self.practice
            .retain(|(id, r)| bank.get(id).is_some() && (1..=4).contains(r));
    }

    /// Adds the kits and ratings of an import that are not here yet (a kit
    /// with the same name and questions is already here); returns how many
    /// kits were added.
    pub fn merge(&mut self, incoming: &InterviewData) -> usize {
        let mut added = 0;
        // Each incoming kit's id here: a kit already known, or the new one.
        let mut ids: Vec<(u64, u64)> = Vec::new();
        for kit in &incoming.kits {
            let known = self
                .kits
                .iter()
                .find(|k| k.name == kit.name && k.same_selection(kit))
                .map(|k| k.id);
            match known {
                Some(id) => ids.push((kit.id, id)),
                None => {
                    if let Some(at) = self.add(kit.clone()) {
                        added += 1;
                        ids.push((kit.id, self.kits[at].id));
                    }
                }
            }
        }
        for interview in &incoming.interviews {
            let Some(&(_, kit)) = ids.iter().find(|(from, _)| *from == interview.kit) else {
                continue;
            };
            let same = |i: &Interview| {
                i.kit == kit
                    && i.candidate == interview.candidate
                    && i.date == interview.date
                    && i.answers == interview.answers
            };
            if !self.interviews.iter().any(same) && self.interviews.len() < INTERVIEW_LIMIT {
                let id = self.next_interview_id();
                self.interviews.push(Interview {
                    id,
                    kit,
                    ..interview.clone()
                });
            }
        }
        for (id, rating) in &incoming.practice {
            if self.rating(id).is_none() {
                self.rate(id, Some(*rating));
            }
        }
        added
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        interview::Level,
        quiz::bank::Area,
        storage::schema::{decode, encode},
    };

    fn kit(bank: &Bank, name: &str) -> Kit {
        Kit::suggested(
            bank,
            name,
            Level::Mid,
            vec![Area::from_id("apis").unwrap()],
            30,
        )
    }

    #[test]
    fn kits_keep_distinct_names_and_round_trip_in_storage() {
        let bank = Bank::compiled();
        let mut data = InterviewData::default();
        data.add(kit(&bank, "Mid API"));
        let second = data.add(kit(&bank, "Mid API")).unwrap();
        assert_eq!(data.kits[second].name, "Mid API (2)");
        data.rate(&bank.0[0].id, Some(3));
        data.rate(&bank.0[1].id, Some(7));
        assert_eq!(data.practice.len(), 1);
        assert_eq!(decode::<InterviewData>(&encode(&data)).unwrap(), data);
    }

    #[test]
    fn merging_an_import_adds_only_what_is_new() {
        let bank = Bank::compiled();
        let mut mine = InterviewData::default();
        mine.add(kit(&bank, "Mine"));
        mine.rate(&bank.0[0].id, Some(2));
        let mut theirs = mine.clone();
        theirs.add(kit(&bank, "Theirs"));
        theirs.rate(&bank.0[0].id, Some(4));
        theirs.rate(&bank.0[1].id, Some(1));
        assert_eq!(mine.merge(&theirs), 1);
        assert_eq!(mine.kits.len(), 2);
        assert_eq!(mine.rating(&bank.0[0].id), Some(2), "own ratings are kept");
        assert_eq!(mine.rating(&bank.0[1].id), Some(1));
        assert_eq!(mine.merge(&theirs), 0);
    }

    #[test]
    fn interviews_belong_to_their_kit_and_travel_with_an_import() {
        let bank = Bank::compiled();
        let mut data = InterviewData::default();
        data.add(kit(&bank, "Mid API"));
        data.add(kit(&bank, "Other"));
        let first = data
            .start_interview(0, "Ada", "Grace", "2026-12-02")
            .unwrap();
        let second = data
            .start_interview(0, "Alan", "Grace", "2026-12-03")
            .unwrap();
        assert_ne!(first, second);
        let q = bank.get(&data.kits[0].questions[0].id).unwrap().clone();
        data.interview_mut(first).unwrap().set_score(&q, Some(4));
        assert_eq!(
            data.interview(second).unwrap().score(&q.id),
            None,
            "the next candidate starts blank"
        );
        assert_eq!(data.interviews_of(data.kits[0].id).count(), 2);
        assert_eq!(data.interviews_of(data.kits[1].id).count(), 0);
        // The anchor a score was given against is kept and exported with it.
        let back: InterviewData = decode(&encode(&data)).unwrap();
        assert_eq!(back, data);
        assert_eq!(
            back.interview(first).unwrap().scored(&q.id).unwrap().anchor,
            q.anchors[3]
        );

        let mut other = InterviewData::default();
        other.add(kit(&bank, "Someone else's"));
        assert_eq!(other.merge(&data), 2);
        let imported = other.kits.iter().find(|k| k.name == "Mid API").unwrap().id;
        assert_eq!(other.interviews_of(imported).count(), 2);
        assert_eq!(other.merge(&data), 0);
        assert_eq!(
            other.interviews.len(),
            2,
            "no duplicates on a second import"
        );

        data.delete_kit(0);
        assert!(data.interviews.is_empty(), "a kit's interviews go with it");
    }

    #[test]
    fn scores_kept_in_kits_by_earlier_versions_become_an_interview() {
        let bank = Bank::compiled();
        let q = kit(&bank, "x").questions[0].id.clone();
        let raw = format!(
            r#"{{"version":1,"data":{{"kits":[{{"name":"Old kit","level":"mid","areas":["apis"],"minutes":45,
                "questions":[{{"id":"{q}","score":3,"notes":"Good on retries"}}]}}]}}}}"#
        );
        let mut data: InterviewData = decode(&raw).unwrap();
        data.reconcile(&bank);
        assert_eq!(data.kits.len(), 1);
        assert_ne!(data.kits[0].id, 0);
        assert!(data.kits[0].questions[0].score.is_none());
        assert_eq!(data.interviews.len(), 1);
        let earlier = &data.interviews[0];
        assert_eq!(earlier.kit, data.kits[0].id);
        assert_eq!(earlier.score(&q), Some(3));
        assert_eq!(earlier.notes(&q), "Good on retries");
        assert_eq!(
            earlier.scored(&q).unwrap().anchor,
            bank.get(&q).unwrap().anchors[2]
        );
        // Saved again, the kit no longer carries scores.
        let again = encode(&data);
        assert!(!again.contains(r#""score":3,"notes""#));
        let mut back: InterviewData = decode(&again).unwrap();
        back.reconcile(&bank);
        assert_eq!(back, data, "a second reconcile changes nothing");
    }

    #[test]
    fn reconcile_drops_what_the_bank_no_longer_has() {
        let bank = Bank::compiled();
        let mut data = InterviewData::default();
        let mut empty = kit(&bank, "Old");
        for q in &mut empty.questions {
            q.id = format!("gone-{}", q.id);
        }
        data.kits.push(empty);
        data.practice.push(("gone".into(), 2));
        data.reconcile(&bank);
        assert_eq!(data, InterviewData::default());
    }
}
