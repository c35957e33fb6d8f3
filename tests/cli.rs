//! The binary itself: standard input, every format, exit codes, and every
//! kind of bad input.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn isnad(args: &[&str], stdin: Option<&[u8]>) -> Output {
    isnad_env(args, stdin, &[])
}

fn isnad_env(args: &[&str], stdin: Option<&[u8]>, env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_isnad"));
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd.env_remove("NO_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("the binary runs");
    {
        let mut pipe = child.stdin.take().unwrap();
        if let Some(data) = stdin {
            // A usage error ends the run before it reads its input.
            if let Err(e) = pipe.write_all(data) {
                assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
            }
        }
    }
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// The `id` of every document line of JSON output, in order.
fn doc_ids(o: &Output) -> Vec<String> {
    stdout(o)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const SENTENCE: &str = "وقال وزير الري سامر الخطيب للصحفيين يوم الأحد إن منسوب النهر انخفض.\n";

#[test]
fn stdin_line_format() {
    let o = isnad(
        &["extract", "--format", "line", "-"],
        Some(SENTENCE.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("-:1:1: a1 verb-complement indirect قال/neutral"),
        "{out}"
    );
    assert!(out.contains("content=\"منسوب النهر انخفض\""), "{out}");
    assert_eq!(out.lines().count(), 1);
}

#[test]
fn json_format_is_the_contract() {
    let o = isnad(
        &["extract", "--format", "json", "-"],
        Some(SENTENCE.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["type"], "document");
    assert_eq!(v["schema"], "isnad/1");
    assert_eq!(v["path"], "-");
    let a = &v["attributions"][0];
    for key in [
        "id",
        "mode",
        "cue",
        "source",
        "content",
        "addressee",
        "time",
        "channel",
        "nested_in",
        "rule",
    ] {
        assert!(a.get(key).is_some(), "missing {key}");
    }
    assert_eq!(a["mode"], "indirect");
    assert_eq!(a["cue"]["lemma"], "قال");
    assert_eq!(a["cue"]["stance"], "neutral");
    assert_eq!(a["source"]["kind"], "person");
    assert_eq!(a["source"]["resolution"], "explicit");
    assert_eq!(a["source"]["canonical"], "سامر الخطيب");
    let span = &a["content"]["span"];
    let (s, e) = (
        span[0].as_u64().unwrap() as usize,
        span[1].as_u64().unwrap() as usize,
    );
    assert_eq!(&SENTENCE[s..e], a["content"]["text"].as_str().unwrap());
    assert_eq!(a["nested_in"], serde_json::Value::Null);
}

#[test]
fn terminal_colour_follows_the_flag_and_no_color() {
    let plain = isnad(
        &["extract", "--color", "never", "-"],
        Some(SENTENCE.as_bytes()),
    );
    assert!(!stdout(&plain).contains('\x1b'));
    assert!(stdout(&plain).contains("منسوب النهر انخفض"));
    let coloured = isnad(
        &["extract", "--color", "always", "-"],
        Some(SENTENCE.as_bytes()),
    );
    assert!(stdout(&coloured).contains('\x1b'));
    let no_color = isnad_env(
        &["extract", "--color", "auto", "-"],
        Some(SENTENCE.as_bytes()),
        &[("NO_COLOR", "1")],
    );
    assert!(!stdout(&no_color).contains('\x1b'));
}

#[test]
fn invalid_utf8_is_reported_and_other_inputs_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    let good = dir.path().join("good.txt");
    std::fs::write(&bad, b"\xd9\x82\xd8\xa7\xff").unwrap();
    std::fs::write(&good, SENTENCE).unwrap();
    let o = isnad(
        &[
            "extract",
            "--format",
            "line",
            bad.to_str().unwrap(),
            good.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("bad.txt: invalid UTF-8 at byte offset 4"),
        "{err}"
    );
    assert!(stdout(&o).contains("good.txt:1:1: a1"), "{}", stdout(&o));
    // --lossy repairs with a warning instead.
    let o = isnad(
        &[
            "extract",
            "--lossy",
            "--format",
            "line",
            bad.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("warning:"), "{}", stderr(&o));
}

#[test]
fn malformed_jsonl_line_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c.jsonl");
    let good = serde_json::json!({"id": "x1", "text": SENTENCE, "source": "وكالة"}).to_string();
    std::fs::write(
        &corpus,
        format!(
            "{good}\n{{\"id\": 2, \"text\"\n{}\n",
            good.replace("x1", "x3")
        ),
    )
    .unwrap();
    let o = isnad(
        &["extract", "--format", "json", corpus.to_str().unwrap()],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("c.jsonl:2:"), "{}", stderr(&o));
    let ids = doc_ids(&o);
    assert_eq!(ids, ["x1", "x3"]);
}

#[test]
fn gzip_corpus_is_read() {
    use flate2::write::GzEncoder;
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c.jsonl.gz");
    let mut enc = GzEncoder::new(
        std::fs::File::create(&corpus).unwrap(),
        flate2::Compression::fast(),
    );
    writeln!(enc, "{}", serde_json::json!({"id": "g1", "text": SENTENCE})).unwrap();
    enc.finish().unwrap();
    let o = isnad(
        &["extract", "--format", "line", corpus.to_str().unwrap()],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("c.jsonl.gz#g1:1:1: a1"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn binary_files_in_a_directory_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), SENTENCE).unwrap();
    std::fs::write(dir.path().join("b.txt"), b"\x00\x01binary").unwrap();
    let o = isnad(
        &["extract", "--format", "line", dir.path().to_str().unwrap()],
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("b.txt: binary file skipped"),
        "{}",
        stderr(&o)
    );
    assert_eq!(stdout(&o).lines().count(), 1);
}

#[test]
fn empty_input_is_fine() {
    let o = isnad(&["extract", "--format", "json", "-"], Some(b""));
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["attributions"].as_array().unwrap().len(), 0);
}

#[test]
fn missing_file_is_an_input_error() {
    let o = isnad(&["extract", "no/such/file.txt"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/file.txt: no such file or directory"));
}

#[test]
fn bom_and_crlf_keep_spans_exact() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("crlf.txt");
    let body = "سطر أول.\r\nوقال المتحدث إن الطريق مغلق.\r\n";
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(body.as_bytes());
    std::fs::write(&p, bytes).unwrap();
    let o = isnad(&["extract", "--format", "json", p.to_str().unwrap()], None);
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    let c = &v["attributions"][0]["content"];
    let (s, e) = (
        c["span"][0].as_u64().unwrap() as usize,
        c["span"][1].as_u64().unwrap() as usize,
    );
    assert_eq!(&body[s..e], "الطريق مغلق");
}

#[test]
fn user_pack_adds_a_cue() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("desk.toml");
    std::fs::write(
        &pack,
        "[[cue]]\nlemma = \"همس\"\nstance = \"neutral\"\nm = [\"همس\"]\n",
    )
    .unwrap();
    let text = "وهمس الحارس أن الباب مفتوح.\n";
    let without = isnad(&["extract", "--format", "line", "-"], Some(text.as_bytes()));
    assert_eq!(stdout(&without), "");
    let with = isnad(
        &[
            "extract",
            "--format",
            "line",
            "--rules",
            pack.to_str().unwrap(),
            "-",
        ],
        Some(text.as_bytes()),
    );
    assert!(stdout(&with).contains("همس/neutral"), "{}", stdout(&with));
}

#[test]
fn bad_user_pack_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("bad.toml");
    std::fs::write(&pack, "[[cue]]\nlemma = 3\n").unwrap();
    let o = isnad(
        &["extract", "--rules", pack.to_str().unwrap(), "-"],
        Some(b""),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad.toml: line 2"), "{}", stderr(&o));
}

#[test]
fn rules_are_listed_and_explained() {
    let o = isnad(&["rules"], None);
    assert_eq!(o.status.code(), Some(0));
    for id in [
        "verb-complement",
        "verb-quote",
        "postposed-source",
        "according-to",
        "relay",
        "tail-complement",
    ] {
        assert!(stdout(&o).contains(id), "{id} missing");
    }
    let o = isnad(&["rules", "according-to"], None);
    assert!(stdout(&o).contains("Examples:"));
    assert!(stdout(&o).contains("وفقا للقانون"));
    let o = isnad(&["rules", "no-such-rule"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("known rules:"));
}

#[test]
fn usage_errors_exit_2() {
    let o = isnad(&["extract"], None);
    assert_eq!(o.status.code(), Some(2));
    let o = isnad(&["extract", "--format", "xml", "-"], Some(b""));
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn help_lists_exit_codes() {
    let o = isnad(&["extract", "--help"], None);
    assert!(stdout(&o).contains("Exit codes:"));
}

#[test]
fn output_follows_input_order_with_many_documents() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("many.jsonl");
    let mut f = std::fs::File::create(&corpus).unwrap();
    for i in 0..1500 {
        writeln!(
            f,
            "{}",
            serde_json::json!({"id": format!("d{i}"), "text": SENTENCE})
        )
        .unwrap();
    }
    drop(f);
    let o = isnad(
        &[
            "extract",
            "-j",
            "2",
            "--format",
            "json",
            corpus.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    let ids = doc_ids(&o);
    let expected: Vec<String> = (0..1500).map(|i| format!("d{i}")).collect();
    assert_eq!(ids, expected);
}

#[test]
fn bad_lines_are_reported_in_order_while_workers_run_ahead() {
    // Lines are parsed on the worker threads: errors must still come out
    // in line order, between the documents around them.
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("mixed.jsonl");
    let mut f = std::fs::File::create(&corpus).unwrap();
    let mut expected_ids = Vec::new();
    let mut expected_lines = Vec::new();
    for i in 1..=700 {
        if i % 97 == 0 {
            writeln!(f, "{{\"id\": \"broken{i}\", \"text\": ").unwrap();
            expected_lines.push(i);
        } else {
            writeln!(
                f,
                "{}",
                serde_json::json!({"id": format!("d{i}"), "text": SENTENCE})
            )
            .unwrap();
            expected_ids.push(format!("d{i}"));
        }
    }
    drop(f);
    let path = corpus.to_str().unwrap();
    let o = isnad(&["extract", "-j", "2", "--format", "json", path], None);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(doc_ids(&o), expected_ids);
    let reported: Vec<usize> = stderr(&o)
        .lines()
        .filter_map(|l| l.strip_prefix(&format!("error: {path}:")))
        .map(|rest| rest.split(':').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(reported, expected_lines);
}

/// `-o` writes a file with the permissions of any new file, the umask's:
/// a colleague on a shared drive can read the report. A new archive too.
#[cfg(unix)]
#[test]
fn an_output_file_gets_the_umasks_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.txt");
    std::fs::write(&draft, SENTENCE).unwrap();
    let runs = [
        (
            "report",
            "check \"$1\" --against \"$1\" --format json -o \"$2\"",
        ),
        ("archive", "archive add \"$2\" \"$1\""),
    ];
    for (what, args) in runs {
        for (umask, mode) in [("022", 0o644), ("077", 0o600), ("002", 0o664)] {
            let out = dir.path().join(format!("{what}-{umask}"));
            let o = Command::new("sh")
                .arg("-c")
                .arg(format!("umask {umask} && exec \"$0\" {args}"))
                .arg(env!("CARGO_BIN_EXE_isnad"))
                .arg(&draft)
                .arg(&out)
                .output()
                .unwrap();
            assert!(o.status.success(), "{}", stderr(&o));
            let got = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
            assert_eq!(got, mode, "{what}, umask {umask}");
        }
    }
}

#[test]
fn check_refuses_references_that_failed_to_load() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.txt");
    std::fs::write(&draft, SENTENCE).unwrap();
    let report = dir.path().join("report.html");
    let missing = dir.path().join("no-such-folder");
    let o = isnad(
        &[
            "check",
            draft.to_str().unwrap(),
            "--against",
            missing.to_str().unwrap(),
            "-o",
            report.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no-such-folder: no such file or directory"),
        "{}",
        stderr(&o)
    );
    assert!(
        !report.exists(),
        "no report is written on references that failed"
    );
    // A folder with no document in it: no report either.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let o = isnad(
        &[
            "check",
            draft.to_str().unwrap(),
            "--against",
            empty.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no reference document"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty());
}

#[test]
fn a_pdf_or_word_draft_is_named_and_a_draft_without_arabic_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let refs = dir.path().join("ref.txt");
    std::fs::write(&refs, SENTENCE).unwrap();
    let pdf = dir.path().join("draft.txt");
    std::fs::write(&pdf, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj").unwrap();
    let o = isnad(
        &[
            "check",
            pdf.to_str().unwrap(),
            "--against",
            refs.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("looks like a PDF file"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("convert it to text"), "{}", stderr(&o));
    let english = dir.path().join("english.txt");
    std::fs::write(&english, "The minister said the bridge would reopen.").unwrap();
    let o = isnad(
        &[
            "check",
            english.to_str().unwrap(),
            "--against",
            refs.to_str().unwrap(),
        ],
        None,
    );
    assert!(stderr(&o).contains("has no Arabic text"), "{}", stderr(&o));
}

#[test]
fn a_time_window_keeps_old_references_from_deciding() {
    let dir = tempfile::tempdir().unwrap();
    let refs = dir.path().join("refs.jsonl");
    let line = |id: &str, date: &str, text: &str| {
        serde_json::json!({"id": id, "date": date, "text": text}).to_string()
    };
    std::fs::write(
        &refs,
        [
            line(
                "recent",
                "2018-03-05",
                "وقال الوزير سامر الخطيب إن 300 أسرة نزحت من قرية عين الريحان.",
            ),
            line(
                "old",
                "2015-06-01",
                "وقال الوزير سامر الخطيب إن 200 أسرة نزحت من قرية عين الريحان.",
            ),
        ]
        .join("\n"),
    )
    .unwrap();
    let draft = "وقال الوزير سامر الخطيب إن 300 أسرة نزحت من قرية عين الريحان.\n".as_bytes();
    let verdict = |extra: &[&str]| -> String {
        let mut args = vec![
            "check",
            "-",
            "--against",
            refs.to_str().unwrap(),
            "--format",
            "line",
        ];
        args.extend_from_slice(extra);
        let o = isnad(&args, Some(draft));
        stdout(&o).lines().next().unwrap_or("").to_string()
    };
    // Without a window, the 2015 article contradicts the 2018 one.
    assert!(verdict(&[]).contains(" conflicting "), "{}", verdict(&[]));
    // Within 30 days of the draft's date, only the recent article decides.
    let w = verdict(&["--date", "2018-03-06", "--window", "30"]);
    assert!(w.contains(" verified "), "{w}");
    let w = verdict(&["--since", "2018-01-01"]);
    assert!(w.contains(" verified "), "{w}");
    // Only the old article is in the window: it contradicts the draft.
    let w = verdict(&["--until", "2016-01-01"]);
    assert!(w.contains(" altered "), "{w}");
    // A window needs a date: a draft without one is warned about.
    let o = isnad(
        &[
            "check",
            "-",
            "--against",
            refs.to_str().unwrap(),
            "--window",
            "30",
        ],
        Some(draft),
    );
    assert!(stderr(&o).contains("--date"), "{}", stderr(&o));
    // A date that is no date is a usage error.
    let o = isnad(
        &[
            "check",
            "-",
            "--against",
            refs.to_str().unwrap(),
            "--date",
            "5/3/2018",
        ],
        Some(draft),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("YYYY-MM-DD"), "{}", stderr(&o));
}
