//! The packs stay in canonical form (`isnad::pack::canonical`): cue
//! entries and word lists sorted by the normaliser's own spelling, without
//! duplicates, tables in key order. Reordering by hand is how lists rot.
//!
//! With `ISNAD_CANONICAL=overwrite` the test rewrites the files in place
//! instead of failing; review the diff and commit it.

use isnad::pack::canonical::rewrite;
use isnad::pack::Pack;
use std::path::{Path, PathBuf};

fn pack_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("packs");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("packs/ is readable")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "the packs are in {}", dir.display());
    files
}

#[test]
fn packs_are_in_canonical_form() {
    let overwrite = std::env::var("ISNAD_CANONICAL").is_ok_and(|v| v == "overwrite");
    let mut off = Vec::new();
    for path in pack_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let canonical = rewrite(&text);
        if canonical == text {
            continue;
        }
        let line = text
            .lines()
            .zip(canonical.lines())
            .position(|(a, b)| a != b)
            .map_or(text.lines().count().min(canonical.lines().count()), |k| k)
            + 1;
        off.push(format!("{} (from line {line})", path.display()));
        if overwrite {
            std::fs::write(&path, canonical).unwrap();
        }
    }
    assert!(
        off.is_empty() || overwrite,
        "not in canonical form: {}\nrun `ISNAD_CANONICAL=overwrite cargo test --test canonical` and review the diff",
        off.join(", ")
    );
}

/// Rewriting keeps every entry (only entries spelt alike go) and is
/// idempotent, on a pack written out of order on purpose.
#[test]
fn rewriting_keeps_every_entry_and_settles() {
    let messy = r#"
# A comment stays.
[[cue]]
lemma = "همس"
m = ["همس"]

[[cue]]
lemma = "أكّد"
m = ["أكد", "يؤكد"]

[lexicon]
titles = ["وزير", "السفير", "الوزير", "الوزیر", "أمير"]

[compare]
negations = ["لن", "لم", "لا"]

[compare.numbers]
"ستة" = 6
"اثنان" = 2
"أربعة" = 4
"#;
    let once = rewrite(messy);
    assert_eq!(rewrite(&once), once, "a second rewrite changes nothing");
    assert!(once.contains("# A comment stays."));
    let (before, after) = (
        Pack::parse("messy", messy).unwrap(),
        Pack::parse("once", &once).unwrap(),
    );
    let lemmas: Vec<&str> = after.cues.iter().map(|c| c.lemma.as_str()).collect();
    assert_eq!(lemmas, ["أكّد", "همس"]);
    // الوزیر (a Persian yeh) is the normaliser's الوزير: one entry.
    assert_eq!(after.lexicon.titles, ["السفير", "الوزير", "أمير", "وزير"]);
    assert_eq!(before.lexicon.titles.len(), after.lexicon.titles.len() + 1);
    assert_eq!(after.compare.negations, ["لا", "لم", "لن"]);
    assert_eq!(after.compare.numbers, before.compare.numbers);
    let numbers: Vec<&str> = once
        .lines()
        .filter(|l| l.contains(" = ") && l.starts_with('"'))
        .collect();
    // اثنان before أربعة: the normalised ارب sorts after اثن.
    assert_eq!(numbers, ["\"اثنان\" = 2", "\"أربعة\" = 4", "\"ستة\" = 6"]);
}

/// Sorting the cues moves no other section, and a comment written inside a
/// list is kept, above it.
#[test]
fn sections_after_the_cues_and_comments_in_lists_stay() {
    let messy = "\
# A head comment mentioning [[cue]] entries.
[[cue]]
lemma = \"همس\"
m = [\"همس\"]

[[cue]]
lemma = \"أكد\"
m = [\"أكد\"]

[lexicon]
titles = [
  # Titles of the court.
  \"وزير\", \"أمير\",
]
";
    let once = rewrite(messy);
    assert_eq!(
        once,
        "\
# A head comment mentioning [[cue]] entries.
[[cue]]
lemma = \"أكد\"
m = [\"أكد\"]

[[cue]]
lemma = \"همس\"
m = [\"همس\"]

[lexicon]
# Titles of the court.
titles = [\"أمير\", \"وزير\"]
"
    );
    assert_eq!(rewrite(&once), once);
}
