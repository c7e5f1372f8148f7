//! Prints the figures editors ask about: words per section; the quiz bank
//! by area, kind, difficulty and form, its surface cues and how test-taking
//! strategies score against chance; the interview bank by level, area and
//! kind; the learning path's stages and hours.
//!
//!     cargo run -p guide-content --features build --example content_stats

use std::{collections::BTreeMap, process};

use guide_content::build::{
    correct_is_strictly_longest,
    cues::{self, ABSOLUTE, RATIONALE},
    load,
};

fn main() {
    let root =
        std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"))
            .join("../..");
    let content = load(&root).unwrap_or_else(|errors| {
        for e in errors {
            eprintln!("content error: {e}");
        }
        process::exit(1);
    });

    println!("## Words per section\n");
    println!("| section | words | minutes |\n|---|---:|---:|");
    for s in &content.sections {
        println!("| {} | {} | {} |", s.slug, s.words, s.reading_minutes());
    }
    let total: usize = content.sections.iter().map(|s| s.words).sum();
    println!("| all | {total} | |\n");

    println!("## Quiz bank: {} questions\n", content.quiz.len());
    println!(
        "| area | questions | single | multiple | true-false | easy | medium | hard | code | scenario | recall | longest correct (single) |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let row = |name: &str, questions: Vec<&guide_content::build::ParsedQuestion>| {
        let count = |f: &dyn Fn(&&guide_content::build::ParsedQuestion) -> bool| {
            questions.iter().filter(|q| f(q)).count()
        };
        let single = count(&|q| q.kind == "single");
        let longest = count(&|q| q.kind == "single" && correct_is_strictly_longest(q));
        println!(
            "| {name} | {} | {single} | {} | {} | {} | {} | {} | {} | {} | {} | {longest}/{single} ({:.0}%) |",
            questions.len(),
            count(&|q| q.kind == "multiple"),
            count(&|q| q.kind == "true-false"),
            count(&|q| q.difficulty == "easy"),
            count(&|q| q.difficulty == "medium"),
            count(&|q| q.difficulty == "hard"),
            count(&|q| q.form == "code"),
            count(&|q| q.form == "scenario"),
            count(&|q| q.form == "recall"),
            if single == 0 {
                0.0
            } else {
                longest as f64 * 100.0 / single as f64
            },
        );
    };
    for area in &content.areas {
        row(
            &area.id,
            content.quiz.iter().filter(|q| q.area == area.id).collect(),
        );
    }
    row("all", content.quiz.iter().collect());

    let mut shapes: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for q in content.quiz.iter().filter(|q| q.kind == "multiple") {
        let right = q.options.iter().filter(|o| o.correct).count();
        *shapes.entry((right, q.options.len())).or_default() += 1;
    }
    println!("\nMultiple-answer shapes (right of options: count):");
    for ((right, total), n) in shapes {
        println!("- {right} of {total}: {n}");
    }

    println!("\n## Surface cues (share of right vs wrong options; true/false by key)\n");
    println!(
        "| kind | justification right | wrong | absolute right | wrong |\n|---|---:|---:|---:|---:|"
    );
    for kind in [None, Some("single"), Some("multiple"), Some("true-false")] {
        let pieces = cues::pieces(&content.quiz, kind);
        let r = cues::cue_share(&pieces, RATIONALE);
        let a = cues::cue_share(&pieces, ABSOLUTE);
        println!(
            "| {} | {:.1}% ({}/{}) | {:.1}% ({}/{}) | {:.1}% ({}/{}) | {:.1}% ({}/{}) |",
            kind.unwrap_or("all"),
            r.right_share() * 100.0,
            r.right.0,
            r.right.1,
            r.wrong_share() * 100.0,
            r.wrong.0,
            r.wrong.1,
            a.right_share() * 100.0,
            a.right.0,
            a.right.1,
            a.wrong_share() * 100.0,
            a.wrong.0,
            a.wrong.1,
        );
    }
    let (t, f) = cues::true_false_medians(&content.quiz);
    println!("\nTrue/false median length: keyed True {t:.0} characters, keyed False {f:.0}.");
    let report = cues::guess_report(&content.quiz);
    println!("\n## Guessers who know nothing (share of points)\n");
    println!("| strategy | score | vs chance |\n|---|---:|---:|");
    println!("| chance | {:.1}% | |", report.chance * 100.0);
    for (name, score) in &report.guessers {
        println!(
            "| {name} | {:.1}% | {:+.1} |",
            score * 100.0,
            (score - report.chance) * 100.0
        );
    }

    println!(
        "\n## Interview bank: {} questions\n",
        content.interview.len()
    );
    let levels = ["junior", "mid", "senior", "lead", "architect"];
    println!(
        "| area | {} | total |\n|---|---:|---:|---:|---:|---:|---:|",
        levels.join(" | ")
    );
    for area in &content.areas {
        let cells: Vec<String> = levels
            .iter()
            .map(|l| {
                content
                    .interview
                    .iter()
                    .filter(|q| q.area == area.id && q.level == *l)
                    .count()
                    .to_string()
            })
            .collect();
        let total = content
            .interview
            .iter()
            .filter(|q| q.area == area.id)
            .count();
        println!("| {} | {} | {total} |", area.id, cells.join(" | "));
    }
    for kind in ["technical", "experience", "work-sample"] {
        let by_level: Vec<String> = levels
            .iter()
            .map(|l| {
                let n = content
                    .interview
                    .iter()
                    .filter(|q| q.kind == kind && q.level == *l)
                    .count();
                format!("{l} {n}")
            })
            .collect();
        let n = content.interview.iter().filter(|q| q.kind == kind).count();
        println!("- {kind}: {n} ({})", by_level.join(", "));
    }

    println!("\n## Learning path\n");
    println!("| stage | hours | checks |\n|---|---:|---:|");
    for s in &content.path.stage {
        println!("| {} | {} | {} |", s.title, s.hours, s.check.len());
    }
    let hours: u32 = content.path.stage.iter().map(|s| u32::from(s.hours)).sum();
    println!(
        "| all | {hours} | {} |",
        content
            .path
            .stage
            .iter()
            .map(|s| s.check.len())
            .sum::<usize>()
    );
}
