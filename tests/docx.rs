//! Word drafts: `isnad check` on a .docx copy of a fixture draft finds
//! what it finds on the plain text, and bad office files are named.

mod common;

use common::{isnad, write_docx, EVENTS};

/// JSON Lines output with every `draft` field (the path) taken out.
fn without_paths(out: &[u8]) -> Vec<serde_json::Value> {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.remove("draft");
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    String::from_utf8(out.to_vec())
        .unwrap()
        .lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            strip(&mut v);
            v
        })
        .collect()
}

#[test]
fn a_word_draft_gets_the_findings_of_its_text() {
    let dir = tempfile::tempdir().unwrap();
    for event in EVENTS {
        let txt = format!("corpora/drafts/{event}.txt");
        let text = std::fs::read_to_string(common::root().join(&txt)).unwrap();
        let docx = dir.path().join(format!("{event}.docx"));
        write_docx(&docx, &text);
        let refs = format!("corpora/{event}/");
        let want = isnad(&["check", &txt, "--against", &refs, "--format", "json"]);
        let got = isnad(&[
            "check",
            docx.to_str().unwrap(),
            "--against",
            &refs,
            "--format",
            "json",
        ]);
        assert_eq!(got.status.code(), want.status.code(), "{event}");
        assert!(
            got.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&got.stderr)
        );
        let (want, got) = (without_paths(&want.stdout), without_paths(&got.stdout));
        assert!(want.len() > 1, "{event}: findings expected");
        assert_eq!(got, want, "{event}");
        // `extract` reads it too, with the same attributions.
        let e_txt = isnad(&["extract", &txt, "--format", "line"]);
        let e_docx = isnad(&["extract", docx.to_str().unwrap(), "--format", "line"]);
        let lines = |o: &std::process::Output| -> Vec<String> {
            String::from_utf8(o.stdout.clone())
                .unwrap()
                .lines()
                .map(|l| l.split_once(": ").map_or(l, |x| x.1).to_string())
                .collect()
        };
        assert_eq!(lines(&e_docx), lines(&e_txt), "{event}");
    }
    // A directory of Word drafts is walked like one of text files.
    let o = isnad(&["extract", dir.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(String::from_utf8(o.stdout).unwrap().lines().count(), 3);
}

#[test]
fn a_damaged_word_draft_is_named_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.docx");
    write_docx(&good, "وقال الوزير إن الجسر سيفتح.\n");
    let bytes = std::fs::read(&good).unwrap();
    let bad = dir.path().join("مسودة.docx");
    std::fs::write(&bad, &bytes[..bytes.len() - 30]).unwrap();
    let o = isnad(&[
        "check",
        bad.to_str().unwrap(),
        "--against",
        "corpora/drafts/",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("مسودة.docx: "), "{err}");
    assert!(err.contains("save it again from Word"), "{err}");
}
