//! Every example attached to a rule in the packs is a test: the sentence
//! must yield the attribution the example describes (from this very rule),
//! or none at all when the example gives no source and no content.

use isnad::pack::Pack;
use isnad::Engine;

#[test]
fn every_rule_example_holds() {
    let pack = Pack::default_pack();
    let engine = Engine::new(pack.clone());
    let mut checked = 0;
    for rule in &pack.rules {
        assert!(
            !rule.examples.is_empty(),
            "rule `{}` has no example",
            rule.id
        );
        for ex in &rule.examples {
            let found = engine.extract(&ex.text).attributions;
            if ex.source.is_none() && ex.content.is_none() {
                assert!(
                    found.is_empty(),
                    "rule `{}`: expected nothing in «{}», got {found:#?}",
                    rule.id,
                    ex.text
                );
                checked += 1;
                continue;
            }
            let nth = ex.nth.unwrap_or(1);
            let a = found.get(nth - 1).unwrap_or_else(|| {
                panic!(
                    "rule `{}`: no attribution {nth} in «{}»: {found:#?}",
                    rule.id, ex.text
                )
            });
            assert_eq!(a.rule, rule.id, "rule of «{}»", ex.text);
            if let Some(c) = &ex.content {
                assert_eq!(&a.content.text, c, "content of «{}»", ex.text);
            }
            if let Some(s) = &ex.source {
                assert!(
                    a.source.text == *s || a.source.canonical == *s,
                    "source of «{}»: got «{}» («{}»), expected «{s}»",
                    ex.text,
                    a.source.text,
                    a.source.canonical
                );
            }
            if let Some(m) = &ex.mode {
                assert_eq!(a.mode.as_str(), m, "mode of «{}»", ex.text);
            }
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} examples checked");
}
