//! The JSON Lines corpus reader: every non-blank line gives exactly one
//! document or one error naming the file and line; documents extract
//! with exact spans.
#![no_main]
use isnad::input::{Item, Line};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let lossy = data.first().is_some_and(|b| b & 1 == 1);
    for (k, bytes) in data.split(|&b| b == b'\n').enumerate() {
        let line = Line {
            path: "fuzz.jsonl".into(),
            number: k + 1,
            bytes: bytes.to_vec(),
        };
        let mut items = Vec::new();
        line.parse(lossy, &mut |i| items.push(i));
        let outcomes: Vec<&Item> = items
            .iter()
            .filter(|i| matches!(i, Item::Doc(_) | Item::Error(_)))
            .collect();
        if bytes.trim_ascii().is_empty() {
            assert!(items.is_empty(), "a blank line gave {items:?}");
            continue;
        }
        assert_eq!(outcomes.len(), 1, "line {}: {items:?}", k + 1);
        match outcomes[0] {
            Item::Doc(d) => {
                isnad_fuzz::extract(&d.text);
            }
            Item::Error(e) => {
                let said = e.to_string();
                assert!(
                    said.starts_with(&format!("fuzz.jsonl:{}:", k + 1)),
                    "an error that does not name its line: {said}"
                );
            }
            _ => unreachable!(),
        }
    }
});
