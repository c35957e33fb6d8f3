//! The PostgreSQL archive, against a real server: `.ci/run` starts one on
//! loopback and sets `ISNAD_TEST_POSTGRES` to a URL of a database the
//! tests may create databases from. Without it the tests say so and pass,
//! except under CI (`CI` set).

mod common;

use common::{findings, isnad, root, stats, synthetic, EVENTS};
use std::process::{Command, Stdio};

/// A fresh database for one test, dropped at the end.
struct Db {
    admin: String,
    name: String,
    url: String,
}

impl Db {
    fn new(test: &str) -> Option<Db> {
        let Ok(admin) = std::env::var("ISNAD_TEST_POSTGRES") else {
            assert!(
                std::env::var_os("CI").is_none(),
                "ISNAD_TEST_POSTGRES is not set: .ci/run starts PostgreSQL and sets it"
            );
            eprintln!("ISNAD_TEST_POSTGRES is not set: PostgreSQL tests skipped");
            return None;
        };
        let name = format!("isnad_test_{test}_{}", std::process::id());
        let mut c = postgres::Client::connect(&admin, postgres::NoTls).expect("the test server");
        c.batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
            .unwrap();
        c.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        let base = admin.rsplit_once('/').unwrap().0;
        let url = format!("{base}/{name}");
        Some(Db { admin, name, url })
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = c.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

#[test]
fn the_server_archive_finds_what_the_articles_find() {
    let Some(db) = Db::new("same") else { return };
    let dirs: Vec<String> = EVENTS.iter().map(|e| format!("corpora/{e}/")).collect();
    let mut add = vec!["archive", "add", &db.url];
    add.extend(dirs.iter().map(String::as_str));
    let o = isnad(&add);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s = stats(&db.url);
    assert_eq!(s["documents"], 15);
    // Again: nothing added.
    let o = isnad(&add);
    assert!(String::from_utf8_lossy(&o.stderr).contains("0 documents added"));
    assert_eq!(stats(&db.url)["attributions"], s["attributions"]);
    for event in EVENTS {
        let draft = format!("corpora/drafts/{event}.txt");
        let mut against = vec!["check", &draft, "--format", "json", "--against"];
        against.extend(dirs.iter().map(String::as_str));
        let a = isnad(&against);
        let b = isnad(&["check", &draft, "--format", "json", "--archive", &db.url]);
        assert_eq!(a.status.code(), b.status.code());
        assert_eq!(findings(&b.stdout), findings(&a.stdout), "{event}");
    }
    let mut files = vec!["crosscheck", "--format", "json"];
    files.extend(dirs.iter().map(String::as_str));
    let a = isnad(&files);
    let b = isnad(&["crosscheck", "--format", "json", "--archive", &db.url]);
    assert_eq!(findings(&b.stdout), findings(&a.stdout));
    assert!(isnad(&["archive", "check", &db.url]).status.success());
}

#[test]
fn checks_go_on_while_another_process_adds() {
    let Some(db) = Db::new("concurrent") else {
        return;
    };
    let o = isnad(&[
        "archive",
        "add",
        &db.url,
        "corpora/dam-collapse-wadi-al-samar/",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let dir = tempfile::tempdir().unwrap();
    let path = synthetic(dir.path(), 800);
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_isnad"))
            .args([
                "archive",
                "add",
                &db.url,
                path.to_str().unwrap(),
                "--batch",
                "25",
            ])
            .current_dir(root())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    // Two writers, and checks meanwhile.
    let (w1, w2) = (spawn(), spawn());
    let mut checks = 0;
    loop {
        let o = isnad(&[
            "check",
            "corpora/drafts/dam-collapse-wadi-al-samar.txt",
            "--archive",
            &db.url,
            "--format",
            "json",
        ]);
        assert!(
            matches!(o.status.code(), Some(0 | 1)),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(String::from_utf8_lossy(&o.stdout).contains(r#""type":"summary""#));
        checks += 1;
        if checks >= 3 {
            break;
        }
    }
    let (a, b) = (
        w1.wait_with_output().unwrap(),
        w2.wait_with_output().unwrap(),
    );
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
    assert_eq!(stats(&db.url)["documents"], 5 + 800);
    assert!(isnad(&["archive", "check", &db.url]).status.success());
}

#[test]
fn a_schema_1_archive_is_migrated_on_open_and_checks_the_same() {
    let Some(db) = Db::new("migrate") else { return };
    let dirs: Vec<String> = EVENTS.iter().map(|e| format!("corpora/{e}/")).collect();
    let mut add = vec!["archive", "add", &db.url];
    add.extend(dirs.iter().map(String::as_str));
    assert!(isnad(&add).status.success());
    // Take it back to schema 1: one row per (word, attribution).
    let mut c = postgres::Client::connect(&db.url, postgres::NoTls).unwrap();
    c.batch_execute(
        "CREATE TABLE isnad_postings (word TEXT NOT NULL, attr BIGINT NOT NULL, PRIMARY KEY (word, attr));
         INSERT INTO isnad_postings
             SELECT word, ('x' || encode(substring(ids FROM i * 8 + 1 FOR 8), 'hex'))::bit(64)::bigint
             FROM isnad_word_postings, generate_series(0, length(ids) / 8 - 1) AS i;
         DROP TABLE isnad_word_postings;
         DROP SEQUENCE isnad_batches;
         UPDATE isnad_meta SET value = '1' WHERE key = 'schema';",
    )
    .unwrap();
    let rows: i64 = c
        .query_one("SELECT count(*) FROM isnad_postings", &[])
        .unwrap()
        .get(0);
    assert!(rows > 500);
    drop(c);
    let draft = "corpora/drafts/trade-talks-qartala-zumurdan.txt";
    let mut against = vec!["check", draft, "--format", "json", "--against"];
    against.extend(dirs.iter().map(String::as_str));
    let a = isnad(&against);
    let b = isnad(&["check", draft, "--format", "json", "--archive", &db.url]);
    assert_eq!(findings(&b.stdout), findings(&a.stdout));
    let mut c = postgres::Client::connect(&db.url, postgres::NoTls).unwrap();
    let v: String = c
        .query_one("SELECT value FROM isnad_meta WHERE key = 'schema'", &[])
        .unwrap()
        .get(0);
    assert_eq!(v, "2");
    let old: i64 = c
        .query_one(
            "SELECT count(*) FROM pg_class WHERE relname = 'isnad_postings'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(old, 0, "the schema 1 table is gone");
    // And it takes new documents in the new layout.
    drop(c);
    let o = isnad(&[
        "archive",
        "add",
        &db.url,
        "tests/fixtures/hostile/draft.txt",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(isnad(&["archive", "check", &db.url]).status.success());
}

/// SIGKILL `archive add` on the server at spread-out moments (each batch is
/// one transaction, so a kill loses at most the batch in flight): after
/// every kill the archive passes `archive check`, and the rerun completes
/// it with exactly the counts of an uninterrupted add.
#[test]
fn a_killed_add_on_the_server_leaves_a_whole_archive() {
    let Some(whole) = Db::new("whole") else {
        return;
    };
    let Some(db) = Db::new("killed") else { return };
    let dir = tempfile::tempdir().unwrap();
    let corpus = synthetic(dir.path(), 600);
    let corpus = corpus.to_str().unwrap();
    let o = isnad(&["archive", "add", &whole.url, corpus, "--batch", "50"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let expected = stats(&whole.url);
    let mut kills = 0;
    for delay in [20u64, 60, 120, 200, 300, 450, 650, 900] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_isnad"))
            .args(["archive", "add", &db.url, corpus, "--batch", "50"])
            .current_dir(root())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            kills += 1;
        }
        child.wait().unwrap();
        let o = isnad(&["archive", "check", &db.url]);
        // Killed before it made its schema, there is no archive yet.
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            o.status.success() || err.contains("no archive"),
            "after a kill at {delay} ms: {err}"
        );
    }
    eprintln!("{kills} kills");
    let o = isnad(&["archive", "add", &db.url, corpus, "--batch", "50"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let got = stats(&db.url);
    for k in ["documents", "attributions", "indexed", "sources"] {
        assert_eq!(got[k], expected[k], "{k}");
    }
    assert!(isnad(&["archive", "check", &db.url]).status.success());
}

#[test]
fn decisions_are_kept_in_the_server_and_read_by_check() {
    use isnad::check::Status;
    use isnad::review::{NewDecision, StoredDraft};
    let Some(db) = Db::new("decisions") else {
        return;
    };
    let mut store = isnad::review::open(&db.url).expect("the decision store");
    let fp = "0123456789abcdef0123456789abcdef";
    let decide = |status, note: &str| NewDecision {
        fingerprint: fp.into(),
        status,
        note: note.into(),
        reviewer: "Huda".into(),
        review: None,
    };
    store
        .record(&decide(Status::Checked, "first look"))
        .unwrap();
    store
        .record(&decide(Status::Accepted, "confirmed by phone"))
        .unwrap();
    let latest = store
        .latest(&[fp, "ffffffffffffffffffffffffffffffff"])
        .unwrap();
    assert_eq!(latest.len(), 1);
    assert_eq!(latest[fp].status, Status::Accepted);
    assert_eq!(latest[fp].note, "confirmed by phone");
    let d = StoredDraft {
        id: isnad::review::review_id("d.txt", "نص"),
        name: "d.txt".into(),
        text: "نص".into(),
        date: Some("2026-03-14".into()),
        outlet: None,
        created: "2026-03-14T10:00:00Z".into(),
    };
    store.keep_draft(&d).unwrap();
    store.keep_draft(&d).unwrap();
    assert_eq!(store.draft(&d.id).unwrap(), Some(d.clone()));
    assert_eq!(store.signed_off(&d.id).unwrap(), None);
    store.sign_off(&d.id, "Omar").unwrap();
    assert_eq!(store.signed_off(&d.id).unwrap().unwrap().reviewer, "Omar");
    drop(store);

    // `check --decisions URL` reads them: every error of a fixture draft
    // accepted, the run passes.
    let event = EVENTS[0];
    let draft = format!("corpora/drafts/{event}.txt");
    let against = format!("corpora/{event}/");
    let run = |extra: &[&str]| {
        let mut args = vec!["check", &draft, "--against", &against, "--format", "json"];
        args.extend_from_slice(extra);
        isnad(&args)
    };
    let first = run(&[]);
    assert_eq!(first.status.code(), Some(1));
    let mut store = isnad::review::open(&db.url).unwrap();
    for line in String::from_utf8(first.stdout).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        if v["type"] == "finding" && v["severity"] == "error" {
            let mut d = decide(Status::Accepted, "");
            d.fingerprint = v["fingerprint"].as_str().unwrap().into();
            store.record(&d).unwrap();
        }
    }
    let after = run(&["--decisions", &db.url]);
    assert_eq!(
        after.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&after.stderr)
    );
}
