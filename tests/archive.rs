//! The embedded quote archive: `archive add` (incremental, no duplicates,
//! resumable after a kill, two writers at once), `archive stats`,
//! `archive check`, and `check --archive` giving the findings of
//! `--against` the same documents.

mod common;

use common::{findings, isnad, root, stats, synthetic, EVENTS};
use std::process::{Command, Stdio};
use std::time::Duration;

fn event_dirs() -> Vec<String> {
    EVENTS.iter().map(|e| format!("corpora/{e}/")).collect()
}

#[test]
fn check_against_the_archive_finds_what_against_the_articles_finds() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let db_s = db.to_str().unwrap();
    let dirs = event_dirs();
    let mut args = vec!["archive", "add", db_s];
    args.extend(dirs.iter().map(String::as_str));
    let o = isnad(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s = stats(db_s);
    assert_eq!(s["documents"], 15);
    for event in EVENTS {
        let draft = format!("corpora/drafts/{event}.txt");
        let mut against = vec!["check", &draft, "--format", "json", "--against"];
        against.extend(dirs.iter().map(String::as_str));
        let a = isnad(&against);
        let b = isnad(&["check", &draft, "--format", "json", "--archive", db_s]);
        assert_eq!(a.status.code(), b.status.code());
        assert_eq!(findings(&b.stdout), findings(&a.stdout), "{event}");
        let summary = String::from_utf8(b.stdout).unwrap();
        assert!(summary.contains(r#""references":15"#), "{summary}");
    }
    // Many drafts in one run are checked in batches, each with only the
    // references it needs: the findings are still those of one in-memory
    // set of references.
    let drafts = synthetic(dir.path(), 60);
    let drafts = drafts.to_str().unwrap();
    let mut against = vec!["check", drafts, "--format", "json", "--against"];
    against.extend(dirs.iter().map(String::as_str));
    let a = isnad(&against);
    let b = isnad(&["check", drafts, "--format", "json", "--archive", db_s]);
    assert_eq!(a.status.code(), b.status.code());
    let (fa, fb) = (findings(&a.stdout), findings(&b.stdout));
    assert!(fa.lines().count() > 200, "{fa}");
    assert_eq!(fb, fa);
    // crosscheck over the archive: the groups of crosscheck over the files.
    let mut files = vec!["crosscheck", "--format", "json"];
    files.extend(dirs.iter().map(String::as_str));
    let a = isnad(&files);
    let b = isnad(&["crosscheck", "--format", "json", "--archive", db_s]);
    assert_eq!(findings(&b.stdout), findings(&a.stdout));
}

/// A library user checks drafts through one type, `DraftChecker`, against
/// references in memory or an archive that picks them a batch of drafts
/// at a time: the findings are the same.
#[test]
fn one_draft_checker_serves_references_in_memory_and_an_archive() {
    use isnad::archive::{self, ArchiveSource};
    use isnad::check::{
        DraftChecker, Finding, Identities, Options, ReferenceSource, References, RetrieveError,
    };
    use isnad::input::{Inputs, Item};
    use isnad::pack::CompareLexicon;

    let read = |paths: Vec<String>| -> Vec<isnad::Document> {
        Inputs::new(paths, false)
            .into_iter()
            .filter_map(|i| match i {
                Item::Doc(d) => Some(*d),
                _ => None,
            })
            .collect()
    };
    let engine = isnad::Engine::default();
    let at = |p: String| root().join(p).display().to_string();
    let articles = read(EVENTS.iter().map(|e| at(format!("corpora/{e}"))).collect());
    let drafts: Vec<(isnad::Document, isnad::Extraction)> = read(
        EVENTS
            .iter()
            .map(|e| at(format!("corpora/drafts/{e}.txt")))
            .collect(),
    )
    .into_iter()
    .map(|d| {
        let f = engine.extract(&d.text);
        (d, f)
    })
    .collect();
    assert_eq!((articles.len(), drafts.len()), (15, 3));
    let lex = CompareLexicon::builtin();
    let mut refs = References::with_lexicon(lex.clone());
    let extracted: Vec<_> = articles
        .iter()
        .map(|d| (d.clone(), engine.extract(&d.text)))
        .collect();
    for (d, f) in extracted.clone() {
        refs.add(d, f);
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    let mut store = archive::open(&path.display().to_string(), true).unwrap();
    store.add(&extracted, "test", &lex).unwrap();
    let ids = Identities::default();
    let run = |source: &dyn ReferenceSource| -> Vec<(usize, Vec<Finding>)> {
        let mut out = Vec::new();
        DraftChecker {
            source,
            ids: &ids,
            opts: Options::default(),
        }
        .run(&drafts, |k, found| -> Result<bool, RetrieveError> {
            out.push((k, found.unwrap()));
            Ok(true)
        })
        .unwrap();
        out
    };
    let in_memory = run(&refs);
    // One draft per batch: three round trips, each with its own references.
    let from_archive = run(&ArchiveSource {
        store: store.as_ref(),
        lex: lex.clone(),
        batch: 1,
    });
    assert_eq!(in_memory.len(), 3);
    assert!(in_memory.iter().all(|(_, f)| !f.is_empty()));
    assert_eq!(in_memory, from_archive);
    // Stopping early stops: `each` saying false ends the run, and the run
    // says it did not finish.
    let mut seen = 0;
    let done = DraftChecker {
        source: &refs,
        ids: &ids,
        opts: Options::default(),
    }
    .run(&drafts, |_, _| -> Result<bool, RetrieveError> {
        seen += 1;
        Ok(false)
    })
    .unwrap();
    assert_eq!((seen, done), (1, false));
}

#[test]
fn adding_again_adds_nothing_and_stats_count_everything() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let db_s = db.to_str().unwrap();
    let o = isnad(&[
        "archive",
        "add",
        db_s,
        "corpora/dam-collapse-wadi-al-samar/",
    ]);
    assert!(o.status.success());
    let first = stats(db_s);
    assert_eq!(first["documents"], 5);
    assert_eq!(first["schema"], "isnad/1");
    let o = isnad(&[
        "archive",
        "add",
        db_s,
        "corpora/dam-collapse-wadi-al-samar/",
    ]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("0 documents added"));
    let again = stats(db_s);
    assert_eq!(first["documents"], again["documents"]);
    assert_eq!(first["attributions"], again["attributions"]);
    // The same text under another path is the same document.
    let copy = dir.path().join("copy.txt");
    std::fs::copy(
        root().join("corpora/dam-collapse-wadi-al-samar/manara-net.txt"),
        &copy,
    )
    .unwrap();
    let o = isnad(&["archive", "add", db_s, copy.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("1 already in the archive"));
    assert_eq!(stats(db_s)["documents"], 5);
    let o = isnad(&["archive", "check", db_s]);
    assert!(o.status.success() && String::from_utf8_lossy(&o.stdout).contains("ok"));
    assert!(first["attributions"].as_u64().unwrap() > 50);
    assert!(first["sources"].as_u64().unwrap() > 10);
}

#[test]
fn a_file_that_is_not_an_archive_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "not a database at all, just text").unwrap();
    let o = isnad(&["archive", "stats", junk.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("junk.db") && err.contains("not an isnad archive"),
        "{err}"
    );
    let missing = dir.path().join("missing.db");
    let o = isnad(&[
        "check",
        "corpora/drafts/dam-collapse-wadi-al-samar.txt",
        "--archive",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no archive there"));
    assert!(!missing.exists(), "a check never creates an archive");
}

/// SIGKILL `archive add` at random moments, `ISNAD_KILLS` times (default
/// 12; the closing note of the robustness work ran 200 and more), with the
/// delays drawn from `ISNAD_KILL_SEED` (default: the clock; printed on a
/// failure). After every kill the archive must open and pass `archive
/// check`; an add that finishes before its kill must leave exactly the
/// uninterrupted archive's counts, and then the archive starts again from
/// nothing, so that kills land in creation, in the first batches and near
/// the end alike.
#[test]
fn a_killed_add_leaves_an_archive_that_opens_checks_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = synthetic(dir.path(), 1500);
    let corpus_s = corpus.to_str().unwrap();
    let whole = dir.path().join("whole.db");
    let o = isnad(&[
        "archive",
        "add",
        whole.to_str().unwrap(),
        corpus_s,
        "--batch",
        "50",
    ]);
    assert!(o.status.success());
    let expected = stats(whole.to_str().unwrap());
    let db = dir.path().join("killed.db");
    let db_s = db.to_str().unwrap();
    let target: usize = std::env::var("ISNAD_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let seed: u64 = std::env::var("ISNAD_KILL_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .subsec_nanos() as u64
        });
    let mut state = seed;
    let mut next_delay = || {
        // A 64-bit LCG is random enough to spread the kills.
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        5 + (state >> 33) % 400
    };
    let (mut kills, mut finished, mut rounds) = (0usize, 0usize, 0usize);
    while kills < target {
        rounds += 1;
        assert!(
            rounds < target * 10 + 20,
            "too few adds could be killed (seed {seed})"
        );
        let delay = next_delay();
        let mut child = Command::new(env!("CARGO_BIN_EXE_isnad"))
            .args(["archive", "add", db_s, corpus_s, "--batch", "50"])
            .current_dir(root())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let killed = if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            kills += 1;
            true
        } else {
            false
        };
        let status = child.wait().unwrap();
        let o = isnad(&["archive", "check", db_s]);
        if db.exists() {
            assert!(
                o.status.success(),
                "after a kill at {delay} ms (seed {seed}): {}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
        if !killed {
            assert!(
                status.success(),
                "an add that was not killed failed (seed {seed})"
            );
            let got = stats(db_s);
            for k in ["documents", "attributions", "indexed", "sources"] {
                assert_eq!(got[k], expected[k], "{k} after resuming (seed {seed})");
            }
            finished += 1;
            for ext in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{db_s}{ext}"));
            }
        }
    }
    eprintln!("{kills} kills, {finished} resumed adds completed, seed {seed}");
    assert!(kills > 0, "no add was interrupted: the corpus is too small");
    let o = isnad(&["archive", "add", db_s, corpus_s, "--batch", "50"]);
    assert!(o.status.success());
    let got = stats(db_s);
    for k in ["documents", "attributions", "indexed", "sources"] {
        assert_eq!(got[k], expected[k], "{k}");
    }
    // The same verdicts as the uninterrupted archive.
    let draft = "corpora/drafts/dam-collapse-wadi-al-samar.txt";
    let a = isnad(&[
        "check",
        draft,
        "--format",
        "json",
        "--archive",
        whole.to_str().unwrap(),
    ]);
    let b = isnad(&["check", draft, "--format", "json", "--archive", db_s]);
    assert_eq!(findings(&a.stdout), findings(&b.stdout));
}

#[test]
fn two_adds_at_once_share_the_archive_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = synthetic(dir.path(), 600);
    let corpus_s = corpus.to_str().unwrap();
    let db = dir.path().join("shared.db");
    let db_s = db.to_str().unwrap();
    // Make it first, so that both writers open an existing archive.
    assert!(
        isnad(&["archive", "add", db_s, "corpora/drafts/README.md"])
            .status
            .code()
            != Some(101)
    );
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_isnad"))
            .args(["archive", "add", db_s, corpus_s, "--batch", "20"])
            .current_dir(root())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
    let s = stats(db_s);
    let alone = dir.path().join("alone.db");
    let alone_s = alone.to_str().unwrap();
    assert!(
        isnad(&["archive", "add", alone_s, "corpora/drafts/README.md"])
            .status
            .code()
            != Some(101)
    );
    assert!(isnad(&["archive", "add", alone_s, corpus_s])
        .status
        .success());
    assert_eq!(s["documents"], stats(alone_s)["documents"]);
    assert_eq!(s["attributions"], stats(alone_s)["attributions"]);
    assert!(isnad(&["archive", "check", db_s]).status.success());
}

#[test]
fn a_server_password_never_shows() {
    // Nothing listens on port 1: the connection fails, and says where.
    let o = isnad(&[
        "archive",
        "stats",
        "postgres://desk:hunter2@127.0.0.1:1/news",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("postgres://desk:***@127.0.0.1:1/news"),
        "{err}"
    );
    assert!(!err.contains("hunter2"), "{err}");
}

/// Ids, outlets and texts that would break SQL built from strings go in
/// and come back as data: every statement takes them as parameters.
#[test]
fn text_that_looks_like_sql_is_stored_as_data() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("sql.jsonl");
    let said = "وقال الوزير سامر الخطيب: «الطريق مغلق حتى نهاية الأسبوع».";
    let lines = [
        serde_json::json!({"id": "x'); DROP TABLE documents; --", "text": said, "source": "o'; DELETE FROM attributions; --"}),
        serde_json::json!({"id": "y\" OR 1=1 --", "text": format!("{said}\n'; DROP TABLE postings; --")}),
    ];
    let body: String = lines.iter().map(|l| l.to_string() + "\n").collect();
    std::fs::write(&corpus, body).unwrap();
    let db = dir.path().join("sql.db");
    let db_s = db.to_str().unwrap();
    let o = isnad(&["archive", "add", db_s, corpus.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(isnad(&["archive", "check", db_s]).status.success());
    let s = stats(db_s);
    assert_eq!(s["documents"], 2);
    let draft = dir.path().join("draft.txt");
    std::fs::write(&draft, said).unwrap();
    let o = isnad(&[
        "check",
        draft.to_str().unwrap(),
        "--archive",
        db_s,
        "--format",
        "json",
    ]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("x'); DROP TABLE documents; --"), "{out}");
    assert!(out.contains(r#""verdict":"verified""#), "{out}");
}
