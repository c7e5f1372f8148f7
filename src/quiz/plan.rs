//! The study plan: what to read next, from the weakest areas of an attempt.

use super::{
    bank::{Area, Question},
    scoring::{Results, is_fully_right},
};

/// Areas scoring below this percent go into the study plan.
pub const STUDY_BELOW_PERCENT: u32 = 70;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudyItem {
    pub area: Area,
    pub percent: u32,
    /// Guide links (`/guide/<slug>#<heading>`) to read, most specific first.
    pub links: Vec<&'static str>,
}

/// Weakest areas first; each lists the headings behind the questions missed
/// in it, then the area's overview link.
pub fn study_plan<'a>(
    results: &Results,
    answers: impl IntoIterator<Item = (&'static Question, &'a [usize])> + Clone,
) -> Vec<StudyItem> {
    let mut items: Vec<StudyItem> = results
        .by_area
        .iter()
        .filter(|(_, score)| score.percent() < STUDY_BELOW_PERCENT)
        .map(|&(area, score)| {
            let mut links: Vec<&'static str> = Vec::new();
            for (q, selected) in answers.clone() {
                if Area::of(q) == area && !is_fully_right(q, selected) && !links.contains(&q.link) {
                    links.push(q.link);
                }
            }
            if !links.contains(&area.guide_link()) {
                links.push(area.guide_link());
            }
            StudyItem {
                area,
                percent: score.percent(),
                links,
            }
        })
        .collect();
    items.sort_by_key(|i| (i.percent, i.area));
    items
}

/// For each area, the learning path stage that trains it first: the quiz's
/// study plan names it. Travels in the quiz island's props like the bank.
/// The build works it out from `content/path.toml` and writes it as this
/// type (`learning::path_stages`): area, stage id, stage title.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct PathStages(pub(crate) Vec<(Area, String, String)>);

impl PathStages {
    /// As the build wrote it (server and host tests).
    pub fn compiled() -> Self {
        crate::learning::path_stages()
    }

    /// The stage's link on the path page and its title.
    pub fn for_area(&self, area: Area) -> Option<(String, &str)> {
        self.0
            .iter()
            .find(|(a, _, _)| *a == area)
            .map(|(_, id, title)| (crate::site_map::path_stage(id), title.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::{bank::QUESTIONS, scoring::results};

    fn right(q: &Question) -> Vec<usize> {
        q.correct_indices()
    }

    fn wrong(q: &Question) -> Vec<usize> {
        vec![q.options.iter().position(|o| !o.correct).unwrap()]
    }

    #[test]
    fn all_right_needs_no_plan() {
        let answers: Vec<_> = QUESTIONS.iter().map(|q| (q, right(q))).collect();
        let pairs = answers.iter().map(|(q, a)| (*q, a.as_slice()));
        let r = results(pairs.clone());
        assert_eq!(r.total.percent(), 100);
        assert!(study_plan(&r, pairs).is_empty());
    }

    #[test]
    fn all_wrong_lists_every_area_with_the_missed_headings() {
        let answers: Vec<_> = QUESTIONS.iter().map(|q| (q, wrong(q))).collect();
        let pairs = answers.iter().map(|(q, a)| (*q, a.as_slice()));
        let r = results(pairs.clone());
        assert_eq!(r.total.percent(), 0);
        let plan = study_plan(&r, pairs);
        assert_eq!(plan.len(), Area::all().count());
        for item in &plan {
            assert_eq!(item.percent, 0);
            for q in QUESTIONS.iter().filter(|q| Area::of(q) == item.area) {
                assert!(
                    item.links.contains(&q.link),
                    "{} missing {}",
                    item.area.label(),
                    q.link
                );
            }
            assert!(item.links.contains(&item.area.guide_link()));
        }
    }

    #[test]
    fn weakest_area_comes_first_and_strong_areas_are_left_out() {
        let answers: Vec<_> = QUESTIONS
            .iter()
            .map(|q| {
                let a = match q.area {
                    "security" => wrong(q),
                    "apis" => {
                        // Half of the API questions right.
                        if QUESTIONS
                            .iter()
                            .filter(|x| x.area == "apis")
                            .position(|x| x.id == q.id)
                            .unwrap()
                            % 2
                            == 0
                        {
                            right(q)
                        } else {
                            wrong(q)
                        }
                    }
                    _ => right(q),
                };
                (q, a)
            })
            .collect();
        let pairs = answers.iter().map(|(q, a)| (*q, a.as_slice()));
        let plan = study_plan(&results(pairs.clone()), pairs);
        let areas: Vec<_> = plan.iter().map(|i| i.area).collect();
        let ids: Vec<_> = areas.iter().map(|a| a.id()).collect();
        assert_eq!(ids, vec!["security", "apis"]);
    }

    #[test]
    fn every_area_has_a_stage_on_the_learning_path() {
        let stages = PathStages::compiled();
        for area in Area::all() {
            let (href, title) = stages
                .for_area(area)
                .unwrap_or_else(|| panic!("{}", area.id()));
            assert!(href.starts_with("/path#") && !title.is_empty());
        }
    }
}
