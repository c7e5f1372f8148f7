//! What the interview kit keeps in the browser: the reader's kits and the
//! self-ratings of practice mode.

use serde::{Deserialize, Serialize};

use super::schema::Record;
use crate::interview::{
    Bank,
    kit::{Kit, unique_name},
};

/// How many kits are kept.
pub const KIT_LIMIT: usize = 50;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct InterviewData {
    #[serde(default)]
    pub kits: Vec<Kit>,
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
        self.kits.push(kit);
        Some(self.kits.len() - 1)
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

    /// Repairs data read back from storage against the current bank.
    pub fn reconcile(&mut self, bank: &Bank) {
        for kit in &mut self.kits {
            kit.reconcile(bank);
        }
        self.kits.retain(|k| !k.questions.is_empty());
        self.kits.truncate(KIT_LIMIT);
        self.practice
            .retain(|(id, r)| bank.get(id).is_some() && (1..=4).contains(r));
    }

    /// Adds the kits and ratings of an import that are not here yet (a kit
    /// with the same name and questions is already here); returns how many
    /// kits were added.
    pub fn merge(&mut self, incoming: &InterviewData) -> usize {
        let mut added = 0;
        for kit in &incoming.kits {
            let known = self
                .kits
                .iter()
                .any(|k| k.name == kit.name && k.same_selection(kit));
            if !known && self.add(kit.clone()).is_some() {
                added += 1;
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
