//! A test of the crate's shape: its top-level modules import each other
//! without a circle (issue 29 removed the one through `site_map` and
//! `pages`). It reads the sources, so it needs no list to keep up to date;
//! on failure it names the circle.

use std::{
    collections::{BTreeMap, BTreeSet},
    fs,
    path::Path,
};

/// Top-level module name -> the other top-level modules its code (not its
/// tests or comments) names as `crate::<module>`.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules: BTreeMap<String, Vec<String>> = fs::read_dir(&src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let name = p.file_stem()?.to_str()?.to_string();
            let code = if p.is_dir() {
                rust_files(&p)
            } else if p.extension()? == "rs" {
                vec![fs::read_to_string(&p).unwrap()]
            } else {
                return None;
            };
            (!matches!(name.as_str(), "lib" | "main")).then_some((name, code))
        })
        .collect();
    modules
        .iter()
        .map(|(name, files)| {
            let used = files
                .iter()
                .flat_map(|code| crate_paths(without_tests_and_comments(code)))
                .filter(|m| m != name && modules.contains_key(m))
                .collect();
            (name.clone(), used)
        })
        .collect()
}

fn rust_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs")
            && path.file_name().is_some_and(|n| n != "tests.rs")
        {
            out.push(fs::read_to_string(&path).unwrap());
        }
    }
    out
}

fn without_tests_and_comments(code: &str) -> String {
    let code = code.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
    code.lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `crate::a` and every first name in `use crate::{a::.., b, ..}`.
fn crate_paths(code: String) -> Vec<String> {
    let word = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut found = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find("};").unwrap_or(group.len())];
            // Names at the group's top level: after `{` or a `,` at depth 0.
            let mut depth = 0;
            let mut start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && !c.is_whitespace() => {
                        found.push(word(&group[i..]));
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            found.push(word(rest));
        }
    }
    found
}

/// A circle in `graph`, as the modules along it, if there is one.
fn circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        graph: &BTreeMap<String, BTreeSet<String>>,
        node: &str,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_string());
            return Some(found);
        }
        if !done.insert(node.to_string()) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(graph, next, path, done) {
                return Some(found);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|m| visit(graph, m, &mut Vec::new(), &mut done))
}

#[test]
fn the_top_level_modules_import_each_other_without_a_circle() {
    let graph = imports();
    // The reading of the sources works: these edges are known to exist.
    assert!(graph["routes"].contains("pages"), "{graph:?}");
    assert!(graph["pages"].contains("site_map"), "{graph:?}");
    assert!(graph["site_map"].contains("content"), "{graph:?}");
    if let Some(found) = circle(&graph) {
        panic!(
            "the modules import each other in a circle: {}",
            found.join(" -> ")
        );
    }
}

#[test]
fn a_circle_is_found_and_named() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", &["b"][..]),
        ("b", &["c"][..]),
        ("c", &["a"][..]),
        ("d", &[][..]),
    ]
    .into_iter()
    .map(|(m, to)| (m.into(), to.iter().map(|s| s.to_string()).collect()))
    .collect();
    assert_eq!(circle(&graph).unwrap(), ["a", "b", "c", "a"]);
    assert_eq!(
        crate_paths("use crate::{a::{x, y}, b, c::z};\nlet v = crate::d::f();".into()),
        ["a", "b", "c", "d"]
    );
}
