//! Snapshot tests: the team's fixture corpus in `corpora/` and one fixture
//! per rule kind in `tests/fixtures/rules/`, each rendered as `line` and as
//! pretty JSON. Snapshots live in the top-level `snapshots/` folder.

use isnad::input::Document;
use isnad::output::{reporter, Format};
use isnad::Engine;
use std::path::Path;

fn render(path: &Path, format: Format) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rel = path
        .strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string();
    let doc = Document {
        id: path.file_stem().unwrap().to_string_lossy().to_string(),
        path: rel,
        text,
        ..Default::default()
    };
    let found = Engine::default().extract(&doc.text);
    // Every span must point at its own text.
    for a in &found.attributions {
        assert_eq!(
            &doc.text[a.content.span[0]..a.content.span[1]],
            a.content.text
        );
        assert_eq!(&doc.text[a.cue.span[0]..a.cue.span[1]], a.cue.text);
        if let Some(s) = a.source.span {
            assert_eq!(&doc.text[s[0]..s[1]], a.source.text);
        }
    }
    let mut out = Vec::new();
    reporter(format).document(&doc, &found, &mut out);
    let s = String::from_utf8(out).unwrap();
    match format {
        Format::Json => {
            let v: serde_json::Value = serde_json::from_str(&s).unwrap();
            serde_json::to_string_pretty(&v).unwrap()
        }
        _ => s,
    }
}

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../snapshots");
    s.set_prepend_module_to_snapshot(false);
    s
}

#[test]
fn fixture_corpus() {
    settings().bind(|| {
        insta::glob!("../corpora", "**/*.txt", |path| {
            insta::assert_snapshot!("corpus_line", render(path, Format::Line));
            insta::assert_snapshot!("corpus_json", render(path, Format::Json));
        });
    });
}

#[test]
fn rule_kinds() {
    settings().bind(|| {
        insta::glob!("fixtures/rules", "*.txt", |path| {
            insta::assert_snapshot!("rule_line", render(path, Format::Line));
            insta::assert_snapshot!("rule_json", render(path, Format::Json));
        });
    });
}

/// Every file in `snapshots/` belongs to a test above: a snapshot left
/// behind by a renamed or deleted fixture fails the run.
#[test]
fn no_unreferenced_snapshots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut expected = std::collections::BTreeSet::new();
    let mut add = |dir: &Path, prefix: &str, recursive: bool| {
        let walker = walkdir::WalkDir::new(dir).max_depth(if recursive { usize::MAX } else { 1 });
        for e in walker.into_iter().filter_map(Result::ok) {
            if e.path().extension().is_some_and(|x| x == "txt") {
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .display()
                    .to_string()
                    .replace('/', "__");
                for kind in ["line", "json"] {
                    expected.insert(format!("{prefix}_{kind}@{rel}.snap"));
                }
            }
        }
    };
    add(&root.join("corpora"), "corpus", true);
    add(&root.join("tests/fixtures/rules"), "rule", false);
    // `tests/check.rs`: one check and one crosscheck snapshot per event.
    for e in std::fs::read_dir(root.join("corpora/drafts")).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().to_string();
        if let Some(event) = name.strip_suffix(".txt") {
            expected.insert(format!("check_line@{event}.snap"));
            expected.insert(format!("crosscheck_line@{event}.snap"));
            // `tests/report.rs`: the review reports of both commands.
            for kind in [
                "report_md",
                "report_html",
                "crosscheck_md",
                "crosscheck_html",
            ] {
                expected.insert(format!("{kind}@{event}.snap"));
            }
        }
    }
    let mut extra = Vec::new();
    for e in std::fs::read_dir(root.join("snapshots")).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().to_string();
        if !expected.contains(&name) {
            extra.push(name);
        }
    }
    assert!(extra.is_empty(), "unreferenced snapshots: {extra:?}");
}
