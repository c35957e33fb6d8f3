//! Pathological inputs and the limits that keep isnad linear on them: each
//! limit, when hit, is said on standard error with the file and place, and
//! the rest of the run goes on. Nothing is cut silently.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn isnad(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    {
        let mut pipe = child.stdin.take().unwrap();
        if let Some(data) = stdin {
            pipe.write_all(data).unwrap();
        }
    }
    child.wait_with_output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The JSON document records of `extract --format json`.
fn docs(o: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(o.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|v: &serde_json::Value| v["type"] == "document")
        .collect()
}

const SAID: &str = "وقال الوزير سامر الخطيب: «الطريق مغلق حتى نهاية الأسبوع».\n";

#[test]
fn a_document_over_the_size_limit_is_refused_by_name_and_the_rest_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, SAID.repeat(200)).unwrap();
    let small = dir.path().join("small.txt");
    std::fs::write(&small, SAID).unwrap();
    let (big, small) = (big.to_str().unwrap(), small.to_str().unwrap());
    let o = isnad(
        &[
            "extract",
            big,
            small,
            "--format",
            "json",
            "--max-doc-bytes",
            "4K",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    let size = SAID.len() * 200;
    assert!(
        err.contains(&format!(
            "{big}: {size} bytes, above the document size limit of 4096 bytes"
        )),
        "{err}"
    );
    assert!(err.contains("--max-doc-bytes"), "{err}");
    let d = docs(&o);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0]["id"], "small");
    // Raised, the same document is read whole.
    let o = isnad(
        &["extract", big, "--format", "json", "--max-doc-bytes", "1M"],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(docs(&o)[0]["attributions"].as_array().unwrap().len(), 200);
}

#[test]
fn standard_input_over_the_size_limit_is_refused() {
    let text = SAID.repeat(100);
    let o = isnad(
        &[
            "extract",
            "-",
            "--format",
            "json",
            "--max-doc-bytes",
            "1000",
        ],
        Some(text.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!(
            "-: {} bytes, above the document size limit of 1000",
            text.len()
        )),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_corpus_line_over_the_size_limit_is_refused_by_line_and_the_next_lines_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c.jsonl");
    let line =
        |id: &str, text: &str| serde_json::json!({"id": id, "text": text}).to_string() + "\n";
    let long = line("long", &SAID.repeat(3000));
    let body = line("a", SAID) + &long + &line("b", SAID);
    std::fs::write(&corpus, body).unwrap();
    let corpus = corpus.to_str().unwrap();
    let o = isnad(
        &[
            "extract",
            corpus,
            "--format",
            "json",
            "--max-doc-bytes",
            "64K",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "{corpus}:2: a line of {} bytes, above the document size limit of 65536",
            long.len()
        )),
        "{err}"
    );
    let ids: Vec<_> = docs(&o).iter().map(|d| d["id"].clone()).collect();
    assert_eq!(ids, ["a", "b"]);
}

#[test]
fn a_size_that_is_not_one_says_how_to_write_it() {
    let o = isnad(&["extract", "-", "--max-doc-bytes", "lots"], Some(b""));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("optional K, M or G"), "{}", stderr(&o));
}

#[test]
fn a_quote_over_the_length_limit_is_left_out_with_a_warning_that_says_where() {
    let long = format!(
        "مقدمة قصيرة.\nوقال الوزير: «{}».\nوأضاف: «سنفتح الطريق غدا صباحا».\n",
        "الطريق مغلق ".repeat(100)
    );
    let o = isnad(
        &[
            "extract",
            "-",
            "--format",
            "json",
            "--max-quote-chars",
            "500",
        ],
        Some(long.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("-:2:15 (byte 48): a content of 1199 characters, above --max-quote-chars 500, was left out"),
        "{err}"
    );
    let d = &docs(&o)[0];
    let contents: Vec<&str> = d["attributions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["content"]["text"].as_str().unwrap())
        .collect();
    assert_eq!(contents, ["سنفتح الطريق غدا صباحا"]);
    assert_eq!(d["over_limit"][0]["limit"], "max-quote-chars");
    assert_eq!(d["over_limit"][0]["size"], 1199);
    // With the default limit the quote is reported.
    let o = isnad(&["extract", "-", "--format", "json"], Some(long.as_bytes()));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    assert_eq!(docs(&o)[0]["attributions"].as_array().unwrap().len(), 2);
}

#[test]
fn a_long_quote_in_a_draft_is_said_by_check_too() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.txt");
    std::fs::write(&draft, format!("وقال الوزير: «{}».\n", "كلام ".repeat(50))).unwrap();
    let o = isnad(
        &[
            "check",
            draft.to_str().unwrap(),
            "--against",
            draft.to_str().unwrap(),
            "--format",
            "json",
            "--max-quote-chars",
            "100",
        ],
        None,
    );
    let err = stderr(&o);
    assert!(
        err.contains("above --max-quote-chars 100, was left out"),
        "{err}"
    );
}

#[test]
fn a_million_quote_marks_are_read_with_the_depth_said() {
    let text = format!(
        "وقال الوزير {}{}\n",
        "«".repeat(500_000),
        "»".repeat(500_000)
    );
    let o = isnad(&["extract", "-", "--format", "json"], Some(text.as_bytes()));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("-:1:29 (byte 54): 999952 quote marks would nest deeper than 16 quotes and were read as punctuation"),
        "{err}"
    );
    let d = &docs(&o)[0];
    let depth: Vec<_> = d["over_limit"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["limit"] == "quote-depth")
        .collect();
    assert_eq!(depth.len(), 1);
    assert_eq!(depth[0]["span"], serde_json::json!([54, 56]));
    assert_eq!(depth[0]["max"], 16);
}

#[test]
fn thousands_of_unbalanced_marks_of_every_kind() {
    let text = "وقال الوزير «نعم \" لا “ ” „ ' ".repeat(20_000) + "\n";
    let o = isnad(&["extract", "-", "--format", "json"], Some(text.as_bytes()));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let d = &docs(&o)[0];
    // Every attribution is there, each content within the limit.
    for a in d["attributions"].as_array().unwrap() {
        assert!(a["content"]["text"].as_str().unwrap().chars().count() <= 20_000);
    }
    // Output stays within a small multiple of the input.
    assert!(o.stdout.len() < text.len() * 40, "{} bytes", o.stdout.len());
}

#[test]
fn a_line_of_only_diacritics_and_tatweel() {
    let text = "\u{064E}\u{0651}ـ".repeat(200_000) + "\n";
    let o = isnad(&["extract", "-", "--format", "json"], Some(text.as_bytes()));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(docs(&o)[0]["attributions"].as_array().unwrap().is_empty());
}

#[test]
fn a_hundred_thousand_tiny_documents_in_one_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("tiny.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&corpus).unwrap());
    for i in 0..100_000 {
        writeln!(f, r#"{{"id":"t{i}","text":"قال الوزير «نعم»"}}"#).unwrap();
    }
    drop(f);
    let o = isnad(
        &["extract", corpus.to_str().unwrap(), "--format", "line"],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 100_000);
    assert!(lines[99_999].contains("#t99999"), "{}", lines[99_999]);
}
