//! The tree follows the data one way: a stage of the library imports only
//! the stages below it, so no two top-level modules import each other and
//! a change to one stage rarely touches another.
//!
//! ```text
//! input → text → pack → extract → check → archive → review → output
//! ```
//!
//! `eval` and `invariants` sit on top (they measure and assert the
//! stages); the command line is the binary's (`src/cli/`, `src/main.rs`)
//! and may use anything, as may the server (`src/server/`). Test modules (`#[cfg(test)]`) may use any stage.
//! At most eight `.rs` files sit directly in `src/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The library's top-level modules, lowest first.
const STAGES: [&str; 10] = [
    "input",
    "text",
    "pack",
    "extract",
    "check",
    "archive",
    "review",
    "output",
    "eval",
    "invariants",
];

/// What the crate root re-exports, by the stage it comes from.
const ROOT_ITEMS: [(&str, &str); 14] = [
    ("Engine", "extract"),
    ("Extraction", "extract"),
    ("Attribution", "extract"),
    ("attribution", "extract"),
    ("Defect", "extract"),
    ("Document", "input"),
    ("Pack", "pack"),
    ("Checker", "check"),
    ("DraftChecker", "check"),
    ("Finding", "check"),
    ("Identities", "check"),
    ("Options", "check"),
    ("References", "check"),
    ("Verdict", "check"),
];

fn rank(stage: &str) -> Option<usize> {
    STAGES.iter().position(|s| *s == stage)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The stage a `crate::` path names, if it names one.
fn stage_of(path: &str) -> Option<&'static str> {
    let first = path.split("::").next().unwrap_or("");
    if let Some(s) = STAGES.iter().find(|s| **s == first) {
        return Some(s);
    }
    ROOT_ITEMS
        .iter()
        .find(|(item, _)| *item == first)
        .map(|(_, s)| *s)
}

/// Every `crate::…` path a source file uses outside comments and test
/// modules (a `#[cfg(test)]` on a single item does not end the scan).
fn uses(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    for (n, line) in lines.iter().enumerate() {
        let code = line.trim_start();
        let test_module = code.starts_with("#[cfg(test)]")
            && lines
                .get(n + 1)
                .is_some_and(|next| next.trim_start().starts_with("mod "));
        if test_module {
            break;
        }
        if code.starts_with("//") {
            continue;
        }
        let code = code.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let path: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            out.push((n + 1, path));
            rest = after;
        }
    }
    out
}

#[test]
fn a_stage_imports_only_the_stages_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    let mut edges: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for f in &files {
        let rel = f.strip_prefix(&src).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        // The binary and the crate root may use every stage.
        if matches!(top.as_str(), "cli" | "main" | "lib") {
            continue;
        }
        let Some(mine) = rank(&top) else {
            panic!("{}: a top-level module missing from STAGES", rel.display());
        };
        let text = std::fs::read_to_string(f).unwrap();
        for (line, path) in uses(&text) {
            let Some(theirs) = stage_of(&path) else {
                continue;
            };
            if theirs == top {
                continue;
            }
            *edges.entry((STAGES[mine], theirs)).or_default() += 1;
            if rank(theirs).unwrap() > mine {
                wrong.push(format!(
                    "{}:{line}: `{top}` uses `crate::{path}`, a later stage",
                    rel.display()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Something was found at all (the scan works).
    assert!(edges.contains_key(&("check", "extract")), "{edges:?}");
}

#[test]
fn at_most_eight_files_directly_in_src() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files: Vec<String> = std::fs::read_dir(&src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "rs"))
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(files.len() <= 8, "{files:?}");
    // Every top-level module of the library is a stage this test knows.
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    for line in lib.lines() {
        if let Some(m) = line
            .strip_prefix("pub mod ")
            .or_else(|| line.strip_prefix("mod "))
        {
            let m = m.trim_end_matches(';');
            assert!(
                rank(m).is_some(),
                "lib.rs declares `{m}`, missing from STAGES"
            );
        }
    }
}
