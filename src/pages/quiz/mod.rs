//! `/quiz`: the skills quiz, graded in the browser. The server renders the
//! start screen; after hydration the client fetches the question bank
//! (`site_map::QUIZ_BANK`), then loads saved progress.

mod question;
mod results;
mod start;

use leptos::either::EitherOf3;
use leptos::prelude::*;

use crate::{
    components::{notice::Notice, page_meta::PageMeta, storage_words},
    quiz::{
        attempt::{Attempt, Mode},
        bank::Area,
        plan::PathStages,
        scoring::results,
    },
    storage::{
        self,
        quiz_data::{Finished, QuizData},
    },
};

/// What this page's components share: all signals, so it is `Copy`.
#[derive(Clone, Copy)]
struct Quiz {
    data: RwSignal<QuizData>,
    /// Saved data has been read (only ever true in the browser).
    loaded: RwSignal<bool>,
    notice: RwSignal<Option<String>>,
    /// The position just answered, while its feedback is on screen.
    feedback: RwSignal<Option<usize>>,
    /// The attempt just finished, while its results are on screen.
    finished: RwSignal<Option<(Attempt, Finished)>>,
    /// The visitor left an attempt for the start screen.
    paused: RwSignal<bool>,
    /// How many questions the bank has (known before it is fetched).
    bank_size: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Screen {
    Start,
    Question(usize),
    Results,
}

impl Quiz {
    fn new(bank_size: usize) -> Self {
        Self {
            data: RwSignal::new(QuizData::default()),
            loaded: RwSignal::new(false),
            notice: RwSignal::new(None),
            feedback: RwSignal::new(None),
            finished: RwSignal::new(None),
            paused: RwSignal::new(false),
            bank_size,
        }
    }

    fn screen(self) -> Screen {
        if let Some(pos) = self.feedback.get() {
            return Screen::Question(pos);
        }
        if self.finished.with(Option::is_some) {
            return Screen::Results;
        }
        if self.paused.get() {
            return Screen::Start;
        }
        match self
            .data
            .with(|d| d.in_progress.as_ref().and_then(Attempt::current))
        {
            Some(pos) => Screen::Question(pos),
            None => Screen::Start,
        }
    }

    /// Fetches the bank, then reads saved data (whose answers are checked
    /// against it); runs once, in the browser, after hydration.
    #[cfg(feature = "hydrate")]
    async fn start_in_browser(self) {
        use crate::{components::fetch_text::fetch_and_read, quiz::bank_data::BankData};
        let fetched = fetch_and_read(crate::site_map::QUIZ_BANK, |json| {
            BankData::parse(json).ok()
        });
        match fetched.await {
            Some(bank) => crate::quiz::bank::install(bank),
            None => {
                self.notice.set(Some(
                    "The quiz questions could not be loaded. Check your connection, then reload the page."
                        .into(),
                ));
                return;
            }
        }
        self.load();
    }

    /// Reads saved data, once the bank is there.
    #[cfg(feature = "hydrate")]
    fn load(self) {
        let storage::Loaded { mut record, issue } = storage::load::<QuizData>();
        // Answers to questions removed from the bank are dropped quietly.
        record.reconcile();
        let feedback = record.feedback;
        self.data.set(record);
        self.notice.set(issue.as_ref().map(storage_words::describe));
        self.loaded.set(true);
        // The explanation being read before a reload stays on screen.
        self.feedback.set(feedback);
        // An attempt answered to the end but not yet recorded.
        if feedback.is_none()
            && self
                .data
                .with_untracked(|d| d.in_progress.as_ref().is_some_and(Attempt::is_finished))
        {
            self.finish();
        }
    }

    fn persist(self) {
        if let Err(issue) = self.data.with_untracked(storage::save) {
            self.notice.set(Some(storage_words::describe(&issue)));
        }
    }

    /// `?seed=N` in the address fixes the shuffling (for tests and shared
    /// links). It is read in the browser when an attempt starts, so every
    /// address of the page is the same HTML (a static host ignores the query).
    fn seed(self) -> u64 {
        match seed_in_query(&address_query()) {
            // Deterministic, yet each new attempt is shuffled differently.
            Some(seed) => seed + self.data.with_untracked(|d| d.history.len() as u64),
            None => storage::random_seed(),
        }
    }

    fn begin(self, attempt: Attempt) {
        self.data.update(|d| d.in_progress = Some(attempt));
        self.finished.set(None);
        self.feedback.set(None);
        self.paused.set(false);
        self.persist();
    }

    fn start(self, mode: Mode, areas: Vec<Area>, easy_first: bool) {
        self.begin(Attempt::start(self.seed(), mode, &areas, easy_first));
    }

    fn retake(self, previous: &Attempt) {
        self.begin(previous.retake(self.seed()));
    }

    fn review(self, missed: Vec<String>) {
        let ids: Vec<&str> = missed.iter().map(String::as_str).collect();
        self.begin(Attempt::new(self.seed(), Mode::Review, &ids, None));
    }

    /// Records the chosen options, or "I don't know" when `selected` is
    /// `None`, and shows the feedback.
    fn answer(self, selected: Option<&[usize]>) {
        let mut answered = None;
        self.data.update(|d| {
            if let Some(attempt) = &mut d.in_progress {
                answered = match selected {
                    Some(choice) => attempt.answer(choice).ok(),
                    None => attempt.dont_know().ok(),
                };
                d.feedback = answered;
            }
        });
        if answered.is_some() {
            self.feedback.set(answered);
            self.persist();
        }
    }

    /// Leaves the feedback; records the attempt when it was the last question.
    fn next(self) {
        self.feedback.set(None);
        self.data.update(|d| d.feedback = None);
        self.persist();
        if self
            .data
            .with_untracked(|d| d.in_progress.as_ref().is_some_and(Attempt::is_finished))
        {
            self.finish();
        }
    }

    fn finish(self) {
        let Some(attempt) = self.data.with_untracked(|d| d.in_progress.clone()) else {
            return;
        };
        let results = results(attempt.answers());
        let mut finished = None;
        self.data
            .update(|d| finished = Some(d.finish(&attempt, &results, storage::now_ms())));
        self.finished.set(finished.map(|f| (attempt, f)));
        self.persist();
    }

    /// Shows the last finished attempt's results and study plan again.
    fn show_last(self) {
        let last = self
            .data
            .with_untracked(|d| Some((d.last.clone()?, d.history.first()?.clone())));
        if last.is_some() {
            self.feedback.set(None);
            self.finished.set(last);
        }
    }

    fn back_to_start(self) {
        self.finished.set(None);
        self.feedback.set(None);
        self.paused.set(true);
    }

    fn reset(self) {
        storage::clear::<QuizData>();
        self.data.set(QuizData::default());
        self.finished.set(None);
        self.feedback.set(None);
        self.paused.set(false);
        self.notice.set(Some(
            "Your quiz history and progress have been deleted.".into(),
        ));
    }
}

/// The `seed` parameter of a query string (`?seed=7&x=1`), if it is a number.
fn seed_in_query(query: &str) -> Option<u64> {
    form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
        .find(|(key, _)| key == "seed")
        .and_then(|(_, value)| value.parse().ok())
}

/// The query string of the page's address (empty outside the browser).
fn address_query() -> String {
    #[cfg(feature = "hydrate")]
    return window().location().search().unwrap_or_default();
    #[cfg(not(feature = "hydrate"))]
    String::new()
}

#[component]
pub fn QuizPage() -> impl IntoView {
    view! {
        <PageMeta
            title="Skills quiz"
            description="Test what you know about back end development: languages, databases, APIs, security and more. Get a score by skill area and a study plan."
        />
        <article class="quiz" aria-labelledby="page-title">
            <h1 id="page-title">"Skills quiz"</h1>
            <QuizApp bank_size=crate::quiz::bank::questions().len() stages=PathStages::compiled() />
            // Keeps the island from being its parent's last child.
            " "
        </article>
    }
}

/// The quiz itself: the only code of the page that runs in the browser.
/// The bank is fetched as data (see `quiz::bank_data`).
// Lazy: its code is a separate download, fetched when this page is opened.
#[island(lazy)]
fn QuizApp(bank_size: usize, stages: PathStages) -> impl IntoView {
    provide_context(stages);
    let quiz = Quiz::new(bank_size);
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(quiz.start_in_browser());
    let screen = Memo::new(move |_| quiz.screen());
    view! {
        <Notice message=quiz.notice />
        {move || match screen.get() {
            Screen::Start => EitherOf3::A(view! { <start::StartScreen quiz /> }),
            Screen::Question(pos) => EitherOf3::B(view! { <question::QuestionScreen quiz pos /> }),
            Screen::Results => EitherOf3::C(view! { <results::ResultsScreen quiz /> }),
        }}
    }
}

/// Starts a round of only the questions answered wrongly last time.
#[component]
fn ReviewButton(quiz: Quiz, missed: Vec<String>) -> impl IntoView {
    let label = format!("Review my mistakes ({})", missed.len());
    view! {
        <button type="button" class="button secondary" on:click=move |_| quiz.review(missed.clone())>
            {label}
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::seed_in_query;

    #[test]
    fn the_seed_is_read_from_any_place_in_the_query() {
        assert_eq!(seed_in_query("?seed=7"), Some(7));
        assert_eq!(seed_in_query("?utm_source=x&seed=16"), Some(16));
        assert_eq!(seed_in_query(""), None);
        assert_eq!(seed_in_query("?seed=abc"), None);
        assert_eq!(seed_in_query("?reseed=3"), None);
    }
}
