//! Tests of the parsers and the link checks, on small made-up content.

use super::*;

const GOOD: &str = "+++\nslug = \"tools\"\ntitle = \"Tools\"\nsummary = \"S\"\ndescription = \"D\"\n+++\n\nIntro text here.\n\n## Version control {#version-control}\n\nUse [Git](/glossary#git).\n\n### A workflow {#a-workflow}\n\n```shell\ngit commit\n```\n";

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
            "+++\nslug = \"s\"\ntitle = \"T\"\nsummary = \"S\"\ndescription = \"D\"\n+++\n{body}"
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
        "+++\nslug = \"s\"\ntitle = \"T\"\nsummary = \"S\"\ndescription = \"D\"\n+++\n{words}"
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

const QUESTION: &str = "[[question]]\nid = \"db-join\"\narea = \"databases\"\ndifficulty = \"easy\"\nkind = \"single\"\nprompt = \"P\"\nexplanation = \"E\"\nlink = \"/guide/tools#version-control\"\n[[question.option]]\ntext = \"A\"\ncorrect = true\n[[question.option]]\ntext = \"B\"\ncorrect = false\nwhy_wrong = \"W\"\n";

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
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    if let Err(errors) = load(&root) {
        let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("content errors:\n{}", list.join("\n"));
    }
}

const INTERVIEW_Q: &str = "[[question]]\nid = \"db-q\"\narea = \"databases\"\nlevel = \"junior\"\nminutes = 5\nprompt = \"P\"\nstrong = [\"a\", \"b\", \"c\"]\nred_flags = [\"r\"]\nfollow_up = \"F\"\nlink = \"/guide/tools\"\n";

/// A bank with junior, mid and senior questions in every test area.
fn interview_bank(first: &str) -> String {
    let mut bank = first.to_string();
    for area in AREA_IDS {
        for level in ["junior", "mid", "senior"] {
            bank.push_str(
                &INTERVIEW_Q
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
    assert_eq!(bank.len(), 1 + AREA_IDS.len() * 3);
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
        (
            INTERVIEW_Q.replace("[\"a\", \"b\", \"c\"]", "[\"a\"]"),
            "1 strong-answer points",
        ),
        (INTERVIEW_Q.replace("[\"r\"]", "[]"), "red flag"),
        (format!("{INTERVIEW_Q}{INTERVIEW_Q}"), "used twice"),
    ];
    for (bad, expected) in cases {
        let err = parse_interview("i.toml", &interview_bank(&bad), &areas()).unwrap_err();
        assert!(err.message.starts_with("question `db-q`"), "{err}");
        assert!(err.message.contains(expected), "{expected}: {err}");
    }
    let err = parse_interview("i.toml", INTERVIEW_Q, &areas()).unwrap_err();
    assert!(err.message.contains("apis at junior level"), "{err}");
}

const PATH: &str = "project = \"P\"\n[[stage]]\nid = \"s1\"\ntitle = \"T\"\nsummary = \"S\"\nareas = [\"databases\", \"apis\", \"security\"]\ngoals = [\"g\"]\nsections = [\"/guide/tools#version-control\"]\nterms = [\"git\"]\nproject = \"Do it\"\n[[stage.check]]\nid = \"c1\"\ntext = \"Done\"\n";

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
