//! Tests of the parsers and the link checks, on small made-up content.

use super::*;

const GOOD: &str = "+++\nslug = \"tools\"\ntitle = \"Tools\"\nsummary = \"S\"\ndescription = \"D\"\nreviewed = \"2026-12-02\"\n+++\n\nIntro text here.\n\n## Version control {#version-control}\n\nUse [Git](/glossary#git).\n\n### A workflow {#a-workflow}\n\n```shell\ngit commit\n```\n";

#[test]
fn parses_front_matter_blocks_and_links() {
    let s = parse_section("01-tools.md", GOOD).unwrap();
    assert_eq!(s.slug, "tools");
    assert_eq!(s.blocks.len(), 3);
    assert!(s.blocks[0].heading.is_none());
    assert!(s.blocks[0].html.contains("Intro text"));
    let h = s.blocks[1].heading.as_ref().unwrap();
    assert_eq!(
        (h.level, h.id.as_str(), h.text.as_str()),
        (2, "version-control", "Version control")
    );
    assert_eq!(s.blocks[2].heading.as_ref().unwrap().level, 3);
    assert!(
        s.blocks[2]
            .html
            .contains("<pre tabindex=\"0\"><code class=\"language-shell\">")
    );
    assert_eq!(s.links, vec!["/glossary#git".to_string()]);
    assert_eq!(s.reading_minutes(), 1);
}

#[test]
fn rejects_missing_front_matter() {
    let err = parse_section("x.md", "## Hi {#hi}\n").unwrap_err();
    assert_eq!(err.file, "x.md");
    assert!(err.message.contains("front matter"));
}

#[test]
fn rejects_unknown_front_matter_key() {
    let src = GOOD.replace("summary = \"S\"", "summary = \"S\"\nauthor = \"me\"");
    assert!(
        parse_section("x.md", &src)
            .unwrap_err()
            .message
            .contains("bad front matter")
    );
}

#[test]
fn rejects_h1_missing_ids_skipped_levels_duplicates_and_html() {
    let cases = [
        ("# Big {#big}\n", "h1"),
        ("## No id\n", "needs an id"),
        ("### Deep {#deep}\n", "skips a level"),
        ("## A {#a}\n\n## B {#a}\n", "used twice"),
        ("## A {#a}\n\n<div>hi</div>\n", "raw HTML"),
        ("## A {#Bad_Id}\n", "needs an id"),
    ];
    for (body, expected) in cases {
        let src = format!(
            "+++\nslug = \"s\"\ntitle = \"T\"\nsummary = \"S\"\ndescription = \"D\"\nreviewed = \"2026-12-02\"\n+++\n{body}"
        );
        let err = parse_section("x.md", &src).unwrap_err();
        assert!(err.message.contains(expected), "{body:?}: {err}");
    }
}

#[test]
fn plain_text_drops_tags_and_decodes_entities() {
    assert_eq!(
        plain_text(
            "<p>Use <code>GET</code>, not <em>POST</em> &amp; &lt;b&gt;.</p><ul><li>One</li><li>Two</li></ul>"
        ),
        "Use GET, not POST & <b>. One Two"
    );
}

#[test]
fn reading_time_rounds_up() {
    let words = "word ".repeat(WORDS_PER_MINUTE + 1);
    let src = format!(
        "+++\nslug = \"s\"\ntitle = \"T\"\nsummary = \"S\"\ndescription = \"D\"\nreviewed = \"2026-12-02\"\n+++\n{words}"
    );
    assert_eq!(parse_section("x.md", &src).unwrap().reading_minutes(), 2);
}

#[test]
fn glossary_parses_and_rejects_duplicates() {
    let ok = "[[term]]\nid = \"git\"\nterm = \"Git\"\ndefinition = \"A [VCS](/glossary#git).\"\nsee = \"/guide/tools#version-control\"\n";
    let terms = parse_glossary("g.toml", ok).unwrap();
    assert_eq!(terms[0].links.len(), 2);
    assert!(
        terms[0]
            .definition_html
            .contains("<a href=\"/glossary#git\">")
    );
    let dup = format!("{ok}{ok}");
    assert!(
        parse_glossary("g.toml", &dup)
            .unwrap_err()
            .message
            .contains("twice")
    );
}

#[test]
fn site_check_finds_broken_links() {
    let mut s = parse_section("01-tools.md", GOOD).unwrap();
    let glossary = parse_glossary(
        "g.toml",
        "[[term]]\nid = \"git\"\nterm = \"Git\"\ndefinition = \"d\"\nsee = \"/guide/tools#a-workflow\"\n",
    )
    .unwrap();
    let targets = |sections: &[ParsedSection]| {
        check_site(&LinkTargets {
            sections,
            glossary: &glossary,
        })
    };
    assert!(targets(std::slice::from_ref(&s)).is_empty());
    s.links.push("/guide/tools#nope".into());
    s.links.push("/guide/missing".into());
    s.links.push("/glossary#nope".into());
    let errors = targets(&[s]);
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(
        errors[0]
            .to_string()
            .starts_with("01-tools.md: broken link")
    );
}

const QUESTION: &str = "[[question]]\nid = \"db-join\"\narea = \"databases\"\ndifficulty = \"easy\"\nkind = \"single\"\nform = \"scenario\"\nprompt = \"P\"\nexplanation = \"E\"\nlink = \"/guide/tools#version-control\"\n[[question.option]]\ntext = \"A\"\ncorrect = true\n[[question.option]]\ntext = \"B\"\ncorrect = false\nwhy_wrong = \"W\"\n";

const AREA_IDS: [&str; 3] = ["databases", "apis", "security"];

fn areas() -> Vec<ParsedArea> {
    AREA_IDS
        .iter()
        .map(|id| ParsedArea {
            id: id.to_string(),
            label: id.to_string(),
            link: "/guide/tools".into(),
            summary: "S".into(),
        })
        .collect()
}

fn bank_with_all_areas(first: &str) -> String {
    let mut bank = first.to_string();
    for area in AREA_IDS.iter().filter(|a| **a != "databases") {
        bank.push_str(
            &QUESTION
                .replace("db-join", &format!("{area}-q"))
                .replace("\"databases\"", &format!("{area:?}")),
        );
    }
    bank
}

#[test]
fn quiz_parses_a_valid_bank() {
    let quiz = parse_quiz("q.toml", &bank_with_all_areas(QUESTION), &areas()).unwrap();
    assert_eq!(quiz.len(), AREA_IDS.len());
    assert_eq!(quiz[0].options[1].why_wrong, "W");
}

#[test]
fn quiz_errors_name_the_question() {
    let cases = [
        (
            QUESTION.replace("correct = false", "correct = true\n"),
            "exactly one correct",
        ),
        (
            QUESTION.replace("why_wrong = \"W\"\n", ""),
            "needs a why_wrong",
        ),
        (
            QUESTION.replace("\"databases\"", "\"cooking\""),
            "unknown area",
        ),
        (
            QUESTION.replace("\"single\"", "\"true-false\""),
            "True and False",
        ),
        (
            QUESTION.replace("\"single\"", "\"multiple\""),
            "at least two correct",
        ),
        (QUESTION.replace("\"easy\"", "\"trivial\""), "difficulty"),
        (format!("{QUESTION}{QUESTION}"), "used twice"),
    ];
    for (bank, expected) in cases {
        let err = parse_quiz("q.toml", &bank_with_all_areas(&bank), &areas()).unwrap_err();
        assert!(err.message.starts_with("question `db-join`"), "{err}");
        assert!(err.message.contains(expected), "{expected}: {err}");
    }
    let only_one = parse_quiz("q.toml", QUESTION, &areas()).unwrap();
    let loose = Rules {
        min_total: 1,
        ..RULES
    };
    let errors = check_bank(&loose, &areas(), &only_one);
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("area `apis` has 0")),
        "{errors:?}"
    );
}

#[test]
fn quiz_links_must_reach_a_heading() {
    let section = parse_section("01-tools.md", GOOD).unwrap();
    let mut quiz = parse_quiz("q.toml", &bank_with_all_areas(QUESTION), &areas()).unwrap();
    let sections = [section];
    let targets = LinkTargets {
        sections: &sections,
        glossary: &[],
    };
    assert!(check_quiz_links(&targets, &[], &quiz).is_empty());
    quiz[0].link = "/guide/tools#gone".into();
    quiz[1].link = "/glossary#git".into();
    let mut broken_area = areas();
    broken_area[0].link = "/guide/nowhere".into();
    let errors = check_quiz_links(&targets, &broken_area, &quiz);
    assert_eq!(errors.len(), 3, "{errors:?}");
}

#[test]
fn glossary_must_be_alphabetical() {
    let unsorted = "[[term]]\nid = \"sql\"\nterm = \"SQL\"\ndefinition = \"d\"\n[[term]]\nid = \"api\"\nterm = \"API\"\ndefinition = \"d\"\n";
    let err = parse_glossary("g.toml", unsorted).unwrap_err();
    assert!(err.message.contains("`api` is out of order"), "{err}");
}

#[test]
fn stub_sections_are_reported() {
    let stub = parse_section("01-tools.md", GOOD).unwrap();
    let errors = check_sections(&[stub]);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].message.contains("2 headings"));
}

/// The real content in this repository passes every check (the app's build
/// script runs the same checks; this reports them in `cargo test` too).
#[test]
fn the_repository_content_passes_every_check() {
    // Read when the test runs (cargo sets it then too), not when it is
    // compiled: a build cache shared by two checkouts would point elsewhere.
    let root =
        std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"))
            .join("../..");
    if let Err(errors) = load(&root) {
        let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("content errors:\n{}", list.join("\n"));
    }
}

const INTERVIEW_Q: &str = "[[question]]\nid = \"db-q\"\narea = \"databases\"\nlevel = \"junior\"\nkind = \"technical\"\nminutes = 5\nprompt = \"P\"\nmust = [\"m\"]\nstrong = [\"a\", \"b\"]\nred_flags = [\"r\", \"s\"]\nfollow_up = \"F\"\nlink = \"/guide/tools\"\n[question.anchors]\n1 = \"one\"\n2 = \"two\"\n3 = \"three\"\n4 = \"four\"\n";

/// The same question as another kind: an experience question with its
/// fallback, or a work sample with its material.
fn interview_kind(question: &str, kind: &str) -> String {
    let extra = match kind {
        "experience" => "fallback = \"From a study project\"\n",
        "work-sample" => "material = \"```sql\\nSELECT 1;\\n```\"\n",
        _ => "",
    };
    question.replace(
        "kind = \"technical\"\n",
        &format!("kind = \"{kind}\"\n{extra}"),
    )
}

/// A bank with a question at every level in every test area: in each
/// level, a work sample in the first area and experience questions in the
/// next three.
fn interview_bank(first: &str) -> String {
    let mut bank = first.to_string();
    for (i, area) in AREA_IDS.iter().enumerate() {
        for level in ["junior", "mid", "senior", "lead", "architect"] {
            let kind = match i {
                0 => "work-sample",
                1..=3 => "experience",
                _ => "technical",
            };
            bank.push_str(
                &interview_kind(INTERVIEW_Q, kind)
                    .replace("db-q", &format!("{area}-{level}"))
                    .replace("\"databases\"", &format!("{area:?}"))
                    .replace("\"junior\"", &format!("{level:?}")),
            );
        }
    }
    bank
}

#[test]
fn interview_bank_parses_and_names_the_faulty_question() {
    let bank = parse_interview("i.toml", &interview_bank(INTERVIEW_Q), &areas()).unwrap();
    assert_eq!(bank.len(), 1 + AREA_IDS.len() * 5);
    assert_eq!(bank[0].anchors.all(), ["one", "two", "three", "four"]);
    let cases = [
        (
            INTERVIEW_Q.replace("\"junior\"", "\"intern\""),
            "level `intern`",
        ),
        (
            INTERVIEW_Q.replace("\"databases\"", "\"cooking\""),
            "unknown area",
        ),
        (
            INTERVIEW_Q.replace("minutes = 5", "minutes = 40"),
            "40 minutes",
        ),
        (INTERVIEW_Q.replace("[\"m\"]", "[]"), "0 must-have points"),
        (
            INTERVIEW_Q.replace("[\"a\", \"b\"]", "[\"a\"]"),
            "1 strong-answer points",
        ),
        (
            INTERVIEW_Q.replace("[\"r\", \"s\"]", "[\"r\"]"),
            "two red flags",
        ),
        (
            INTERVIEW_Q.replace("4 = \"four\"\n", ""),
            "missing field `4`",
        ),
        (
            INTERVIEW_Q.replace("\"technical\"", "\"experience\""),
            "needs a `fallback`",
        ),
        (
            INTERVIEW_Q.replace("\"technical\"", "\"work-sample\""),
            "needs its `material`",
        ),
        (format!("{INTERVIEW_Q}{INTERVIEW_Q}"), "used twice"),
    ];
    for (bad, expected) in cases {
        let err = parse_interview("i.toml", &interview_bank(&bad), &areas()).unwrap_err();
        assert!(err.message.contains(expected), "{expected}: {err}");
        if !expected.starts_with("missing field") {
            assert!(err.message.starts_with("question `db-q`"), "{err}");
        }
    }
    let err = parse_interview("i.toml", INTERVIEW_Q, &areas()).unwrap_err();
    assert!(err.message.contains("apis at junior level"), "{err}");
}

#[test]
fn interview_bank_needs_experience_questions_and_work_samples() {
    let bank = parse_interview("i.toml", &interview_bank(INTERVIEW_Q), &areas()).unwrap();
    let mut no_samples = bank.clone();
    for q in no_samples.iter_mut().filter(|q| q.level == "lead") {
        if q.kind == "work-sample" {
            q.kind = "technical".into();
        }
    }
    let err = check_coverage(&no_samples, &areas()).unwrap_err();
    assert!(err.contains("none at lead"), "{err}");
    let mut few = bank.clone();
    for q in few.iter_mut().filter(|q| q.kind == "experience") {
        q.kind = "technical".into();
    }
    let err = check_coverage(&few, &areas()).unwrap_err();
    assert!(err.contains("at least a quarter"), "{err}");
}

const PATH: &str = "project = \"P\"\n[[stage]]\nid = \"s1\"\ntitle = \"T\"\nsummary = \"S\"\nhours = 6\nareas = [\"databases\", \"apis\", \"security\"]\ngoals = [\"g\"]\nsections = [\"/guide/tools#version-control\"]\nterms = [\"git\"]\nproject = \"Do it\"\n[[stage.check]]\nid = \"c1\"\ntext = \"Done\"\n";

#[test]
fn learning_path_parses_and_its_links_and_terms_are_checked() {
    let path = parse_path("p.toml", PATH, &areas()).unwrap();
    assert_eq!(path.stage[0].check[0].id, "c1");
    let cases = [
        (
            PATH.replace("\"databases\", ", ""),
            "no stage trains the area(s) databases",
        ),
        (
            PATH.replace("\"security\"]", "\"security\", \"cooking\"]"),
            "unknown area `cooking`",
        ),
        (PATH.replace("id = \"c1\"", "id = \"C 1\""), "check `C 1`"),
        (
            format!("{PATH}[[stage.check]]\nid = \"c1\"\ntext = \"Again\"\n"),
            "used twice",
        ),
        (PATH.replace("hours = 6", "hours = 0"), "0 hours"),
        (
            format!("{PATH}formerly = [\"s1/c1\"]\n"),
            "former id `s1/c1` is the id of a check that exists",
        ),
        (
            format!("{PATH}formerly = [\"old stage\"]\n"),
            "is not `stage-id/check-id`",
        ),
    ];
    for (bad, expected) in cases {
        let err = parse_path("p.toml", &bad, &areas()).unwrap_err();
        assert!(err.message.contains(expected), "{expected}: {err}");
    }

    let sections = [parse_section("01-tools.md", GOOD).unwrap()];
    let glossary = parse_glossary(
        "g.toml",
        "[[term]]\nid = \"git\"\nterm = \"Git\"\ndefinition = \"d\"\n",
    )
    .unwrap();
    let targets = LinkTargets {
        sections: &sections,
        glossary: &glossary,
    };
    assert!(check_learning_links(&targets, &[], &path).is_empty());
    let mut broken = path.clone();
    broken.stage[0].sections.push("/guide/tools#gone".into());
    broken.stage[0].terms.push("nope".into());
    let errors = check_learning_links(&targets, &[], &broken);
    assert_eq!(errors.len(), 2, "{errors:?}");
}

#[test]
fn a_section_without_a_review_date_fails_naming_the_file() {
    let src = GOOD.replace("reviewed = \"2026-12-02\"\n", "");
    let err = parse_section("content/guide/04-tools.md", &src).unwrap_err();
    assert_eq!(err.file, "content/guide/04-tools.md");
    assert!(err.message.contains("reviewed"), "{err}");
    let bad = GOOD.replace("2026-12-02", "2026-13-40");
    assert!(parse_section("x.md", &bad).is_err());
}

#[test]
fn stale_reviews_and_missing_sources_are_reported() {
    let with_sources = format!("{GOOD}\n## Sources {{#sources}}\n\n- RFC 9110, IETF, June 2022.\n");
    let s = parse_section("content/guide/04-tools.md", &with_sources).unwrap();
    let reviewed = day_number("2026-12-02").unwrap();
    assert!(check_currency(std::slice::from_ref(&s), reviewed + 30).is_empty());
    let stale = check_currency(std::slice::from_ref(&s), reviewed + 400);
    assert_eq!(stale.len(), 1);
    assert_eq!(stale[0].file, "content/guide/04-tools.md");
    assert!(
        stale[0].message.contains("more than a year ago"),
        "{stale:?}"
    );

    let no_sources = parse_section("content/guide/04-tools.md", GOOD).unwrap();
    let missing = check_currency(&[no_sources], reviewed);
    assert_eq!(missing.len(), 1);
    assert!(missing[0].message.contains("## Sources"), "{missing:?}");
}

#[test]
fn day_numbers_count_from_1970() {
    assert_eq!(day_number("1970-01-01"), Some(0));
    assert_eq!(day_number("2000-03-01"), Some(11_017));
    assert_eq!(
        day_number("2024-02-29").map(|d| d + 1),
        day_number("2024-03-01")
    );
    assert_eq!(day_number("2025-02-29"), None);
    assert_eq!(day_number("26-12-02"), None);
}
