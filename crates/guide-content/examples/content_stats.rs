//! Prints the figures editors ask about: words per section, and the quiz
//! bank by area, kind and difficulty with its longest-correct share.
//!
//!     cargo run -p guide-content --features build --example content_stats

use std::{collections::BTreeMap, path::Path, process};

use guide_content::build::{correct_is_strictly_longest, load};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
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
        "| area | questions | single | multiple | true-false | easy | medium | hard | longest correct (single) |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    let row = |name: &str, questions: Vec<&guide_content::build::ParsedQuestion>| {
        let count = |f: &dyn Fn(&&guide_content::build::ParsedQuestion) -> bool| {
            questions.iter().filter(|q| f(q)).count()
        };
        let single = count(&|q| q.kind == "single");
        let longest = count(&|q| q.kind == "single" && correct_is_strictly_longest(q));
        println!(
            "| {name} | {} | {single} | {} | {} | {} | {} | {} | {longest}/{single} ({:.0}%) |",
            questions.len(),
            count(&|q| q.kind == "multiple"),
            count(&|q| q.kind == "true-false"),
            count(&|q| q.difficulty == "easy"),
            count(&|q| q.difficulty == "medium"),
            count(&|q| q.difficulty == "hard"),
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
}
