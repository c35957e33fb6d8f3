//! The fabrication set (tests/fabrication/statements.toml): team-written
//! statements put in the mouths of the corpora's most quoted speakers, which
//! `tools/eval_fabrication.py` checks against an archive of the shared
//! corpora (none may come out `verified` or `varied`). Here, without the
//! corpora: the set is well formed, large enough, and every draft gives the
//! extractor one attribution of the speaker it names, so the measure
//! judges the statement and not an extraction slip.

use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct Set {
    statement: Vec<Statement>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Statement {
    speaker: String,
    draft: String,
    kind: String,
}

#[test]
fn every_fabricated_statement_is_attributed_to_its_speaker() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fabrication/statements.toml"
    );
    let set: Set = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(
        set.statement.len() >= 60,
        "{} statements",
        set.statement.len()
    );
    let mut per_speaker: BTreeMap<&str, usize> = BTreeMap::new();
    let engine = isnad::Engine::default();
    for s in &set.statement {
        assert!(
            matches!(s.kind.as_str(), "invented" | "reversed" | "bent"),
            "{}",
            s.kind
        );
        *per_speaker.entry(&s.speaker).or_default() += 1;
        let found = engine.extract(&s.draft);
        assert_eq!(found.attributions.len(), 1, "{}", s.draft);
        assert_eq!(
            found.attributions[0].source.canonical, s.speaker,
            "{}",
            s.draft
        );
    }
    assert!(per_speaker.len() >= 20, "{} speakers", per_speaker.len());
}
