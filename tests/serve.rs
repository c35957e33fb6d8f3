//! `isnad serve` over HTTP: every endpoint of the JSON API, its refusals
//! (bad JSON, wrong content type, oversized bodies and drafts, a missing
//! token, a cross-site form, a busy server), decisions kept across runs,
//! and the same decisions read by `isnad check --decisions`.

mod common;

use common::root;
use common::server::{self, draft, get, multipart, post, refs, start};
use serde_json::{json, Value};
use std::process::Command;

const EVENT: &str = "dam-collapse-wadi-al-samar";

fn isnad(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// `(id, verdict)` of each finding of a JSON array of findings.
fn verdicts(findings: &[Value]) -> Vec<(String, String)> {
    findings
        .iter()
        .map(|f| {
            (
                f["attribution"]["id"].as_str().unwrap().to_string(),
                f["verdict"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The findings `isnad check --format json` gives for a fixture draft.
fn cli_findings(event: &str, extra: &[&str]) -> Vec<Value> {
    let path = format!("corpora/drafts/{event}.txt");
    let against = refs(event);
    let mut args = vec!["check", &path, "--against", &against, "--format", "json"];
    args.extend_from_slice(extra);
    let out = isnad(&args);
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["type"] == "finding")
        .collect()
}

fn check_json(url: &str, body: &Value, headers: &[(&str, &str)]) -> server::Reply {
    post(
        &format!("{url}/api/v1/check"),
        "application/json",
        body.to_string().as_bytes(),
        headers,
    )
}

#[test]
fn health_and_openapi_describe_every_endpoint() {
    let s = start(&["--against", &refs(EVENT)]);
    let h = get(&format!("{}/api/v1/health", s.url), &[]);
    assert_eq!(h.status, 200, "{}", h.body);
    let h = h.json();
    assert_eq!(h["status"], "ok");
    assert_eq!(h["references"], 5);
    let o = get(&format!("{}/api/v1/openapi.json", s.url), &[]);
    assert_eq!(o.status, 200);
    let o = o.json();
    assert!(o["openapi"].as_str().unwrap().starts_with("3."));
    let paths: Vec<&str> = o["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    for p in [
        "/api/v1/check",
        "/api/v1/decisions",
        "/api/v1/health",
        "/api/v1/openapi.json",
    ] {
        assert!(paths.contains(&p), "{p} missing from {paths:?}");
    }
    // Every path the description names answers something other than 404.
    for p in paths {
        let r = get(&format!("{}{p}", s.url), &[]);
        assert_ne!(r.status, 404, "{p}");
    }
    // The headers every answer carries.
    let r = get(&format!("{}/", s.url), &[]);
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert!(r
        .header("content-security-policy")
        .is_some_and(|c| c.contains("default-src 'none'") && c.contains("form-action 'self'")));
}

#[test]
fn the_api_checks_a_draft_as_the_command_line_does() {
    let s = start(&["--against", &refs(EVENT)]);
    let r = check_json(
        &s.url,
        &json!({"text": draft(EVENT), "name": "dam.txt", "date": "2026-03-14", "outlet": "Desk"}),
        &[],
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert_eq!(v["type"], "check");
    assert_eq!(v["schema"], "isnad/1");
    assert_eq!(v["draft"], "dam.txt");
    let served = v["findings"].as_array().unwrap();
    let cli = cli_findings(EVENT, &[]);
    assert!(cli.len() >= 10, "{}", cli.len());
    assert_eq!(verdicts(served), verdicts(&cli));
    // The same fingerprints, so decisions made in one hold in the other.
    let fp = |f: &[Value]| -> Vec<String> {
        f.iter()
            .map(|x| x["fingerprint"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(fp(served), fp(&cli));
    assert_eq!(v["summary"]["references"], 5);
    assert_eq!(v["summary"]["attributions"], served.len());
    let review = v["review"].as_str().unwrap();
    assert!(isnad::review::is_fingerprint(review));
    assert_eq!(v["review_url"], format!("/review/{review}"));

    // A multipart form with the draft as a file gives the same findings.
    let text = draft(EVENT);
    let (ct, body) = multipart(&[("outlet", "Desk")], Some(("dam.txt", text.as_bytes())));
    let m = post(&format!("{}/api/v1/check", s.url), &ct, &body, &[]);
    assert_eq!(m.status, 200, "{}", m.body);
    assert_eq!(
        verdicts(m.json()["findings"].as_array().unwrap()),
        verdicts(&cli)
    );
    // The same draft as a Word file: the same findings.
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("dam.docx");
    common::write_docx(&docx, &text);
    let bytes = std::fs::read(&docx).unwrap();
    let (ct, body) = multipart(&[], Some(("dam.docx", &bytes)));
    let w = post(&format!("{}/api/v1/check", s.url), &ct, &body, &[]);
    assert_eq!(w.status, 200, "{}", w.body);
    assert_eq!(w.json()["draft"], "dam.docx");
    assert_eq!(
        verdicts(w.json()["findings"].as_array().unwrap()),
        verdicts(&cli)
    );

    // A PDF is refused with what to do.
    let (ct, body) = multipart(&[], Some(("dam.pdf", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj")));
    let p = post(&format!("{}/api/v1/check", s.url), &ct, &body, &[]);
    assert_eq!(p.status, 422, "{}", p.body);
    assert!(
        p.json()["error"].as_str().unwrap().contains("pdftotext"),
        "{}",
        p.body
    );
}

#[test]
fn bad_requests_are_refused_with_a_reason() {
    let s = start(&[
        "--against",
        &refs(EVENT),
        "--max-body",
        "4K",
        "--max-draft-chars",
        "50",
    ]);
    let url = format!("{}/api/v1/check", s.url);
    let bad = post(&url, "application/json", b"{\"text\": ", &[]);
    assert_eq!(bad.status, 400, "{}", bad.body);
    assert!(bad.json()["error"].as_str().unwrap().contains("JSON"));
    let unknown = post(
        &url,
        "application/json",
        br#"{"text": "x", "path": "/etc/passwd"}"#,
        &[],
    );
    assert_eq!(unknown.status, 400, "{}", unknown.body);
    assert!(unknown.json()["error"].as_str().unwrap().contains("path"));
    let wrong = post(&url, "text/plain", b"some text", &[]);
    assert_eq!(wrong.status, 415, "{}", wrong.body);
    let big = "ب".repeat(4000);
    let large = check_json(&s.url, &json!({"text": big}), &[]);
    assert_eq!(large.status, 413, "{}", large.body);
    assert!(large.json()["error"]
        .as_str()
        .unwrap()
        .contains("--max-body"));
    let long = check_json(&s.url, &json!({"text": "ق".repeat(60)}), &[]);
    assert_eq!(long.status, 413, "{}", long.body);
    assert!(long.json()["error"]
        .as_str()
        .unwrap()
        .contains("--max-draft-chars"));
    let date = check_json(&s.url, &json!({"text": "نص", "date": "yesterday"}), &[]);
    assert_eq!(date.status, 422, "{}", date.body);
    // Unknown paths are 404, wrong methods 405.
    assert_eq!(get(&format!("{}/api/v1/nothing", s.url), &[]).status, 404);
    assert_eq!(get(&url, &[]).status, 405);
}

#[test]
fn a_token_guards_everything_but_health() {
    let dir = tempfile::tempdir().unwrap();
    let token_file = dir.path().join("token");
    let token = "a-long-enough-secret-for-tests";
    std::fs::write(&token_file, format!("{token}\n")).unwrap();
    let s = start(&[
        "--against",
        &refs(EVENT),
        "--token-file",
        token_file.to_str().unwrap(),
    ]);
    let body = json!({"text": draft(EVENT)});
    assert_eq!(check_json(&s.url, &body, &[]).status, 401);
    let wrong = check_json(
        &s.url,
        &body,
        &[("Authorization", "Bearer not-the-token-at-all")],
    );
    assert_eq!(wrong.status, 401);
    let bearer = format!("Bearer {token}");
    let ok = check_json(&s.url, &body, &[("Authorization", &bearer)]);
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_eq!(get(&format!("{}/api/v1/health", s.url), &[]).status, 200);
    // The page asks a person for the token rather than failing.
    let page = get(&format!("{}/", s.url), &[]);
    assert_eq!(page.status, 401);
    assert!(page.body.contains("name=\"token\""), "{}", page.body);
}

#[test]
fn binding_beyond_loopback_needs_a_token() {
    let out = isnad(&["serve", "--bind", "0.0.0.0:0", "--against", &refs(EVENT)]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--token-file"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let short = dir.path().join("short");
    std::fs::write(&short, "abc").unwrap();
    let out = isnad(&[
        "serve",
        "--token-file",
        short.to_str().unwrap(),
        "--against",
        &refs(EVENT),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("16"));
}

#[test]
fn a_cross_site_form_post_is_refused() {
    let s = start(&["--against", &refs(EVENT)]);
    let (ct, body) = multipart(&[("text", "نص")], None);
    let r = post(
        &format!("{}/check", s.url),
        &ct,
        &body,
        &[("Origin", "https://elsewhere.example")],
    );
    assert_eq!(r.status, 403, "{}", r.body);
    let r = post(
        &format!("{}/api/v1/check", s.url),
        "application/json",
        json!({"text": "نص"}).to_string().as_bytes(),
        &[("Sec-Fetch-Site", "cross-site")],
    );
    assert_eq!(r.status, 403, "{}", r.body);
    // A form without the page's form token is refused too.
    let r = post(&format!("{}/check", s.url), &ct, &body, &[]);
    assert_eq!(r.status, 403, "{}", r.body);
}

#[test]
fn decisions_are_kept_and_shown_on_the_next_check() {
    let s = start(&["--against", &refs(EVENT)]);
    let first = check_json(&s.url, &json!({"text": draft(EVENT)}), &[]).json();
    let f = first["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["severity"] == "error")
        .unwrap()
        .clone();
    assert!(f.get("decision").is_none());
    let fp = f["fingerprint"].as_str().unwrap();
    let url = format!("{}/api/v1/decisions", s.url);
    let d = json!({"fingerprint": fp, "status": "accepted", "note": "the agency corrected it", "reviewer": "Huda"});
    let r = post(&url, "application/json", d.to_string().as_bytes(), &[]);
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.json()["status"], "accepted");
    // An edit elsewhere in the draft keeps the decision.
    let edited = format!("سطر أضافه المحرر في أول المسودة.\n{}", draft(EVENT));
    let again = check_json(&s.url, &json!({"text": edited}), &[]).json();
    let same = again["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["fingerprint"] == fp)
        .expect("the finding again");
    assert_eq!(same["decision"]["status"], "accepted");
    assert_eq!(same["decision"]["note"], "the agency corrected it");
    assert_eq!(same["decision"]["reviewer"], "Huda");
    // Refusals.
    let bad = json!({"fingerprint": "not-one", "status": "accepted", "reviewer": "Huda"});
    assert_eq!(
        post(&url, "application/json", bad.to_string().as_bytes(), &[]).status,
        422
    );
    let bad = json!({"fingerprint": fp, "status": "approved", "reviewer": "Huda"});
    assert_eq!(
        post(&url, "application/json", bad.to_string().as_bytes(), &[]).status,
        400
    );
    let bad = json!({"fingerprint": fp, "status": "accepted", "reviewer": " "});
    assert_eq!(
        post(&url, "application/json", bad.to_string().as_bytes(), &[]).status,
        422
    );
    assert_eq!(post(&url, "text/plain", b"x", &[]).status, 415);
}

#[test]
fn check_passes_once_every_error_is_accepted_and_not_before() {
    let draft_path = format!("corpora/drafts/{EVENT}.txt");
    let against = refs(EVENT);
    let run = |extra: &[&str]| {
        let mut args = vec![
            "check",
            draft_path.as_str(),
            "--against",
            against.as_str(),
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        isnad(&args)
    };
    // A missing decisions file is an error, not an empty baseline.
    let missing = run(&["--decisions", "/nonexistent/decisions.db"]);
    assert_eq!(
        missing.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&missing.stderr)
    );
    // Decisions recorded by a server, read from its file.
    let s = start(&["--against", &against]);
    let db = s.decisions.to_str().unwrap();
    let findings = cli_findings(EVENT, &[]);
    let errors: Vec<&Value> = findings
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    assert!(!errors.is_empty());
    let decide = |f: &Value, status: &str| {
        let d = json!({"fingerprint": f["fingerprint"], "status": status, "reviewer": "Omar"});
        let r = post(
            &format!("{}/api/v1/decisions", s.url),
            "application/json",
            d.to_string().as_bytes(),
            &[],
        );
        assert_eq!(r.status, 201, "{}", r.body);
    };
    for f in &errors[1..] {
        decide(f, "accepted");
    }
    // One error left: `checked` does not excuse it.
    decide(errors[0], "checked");
    assert_eq!(run(&["--decisions", db]).status.code(), Some(1));
    decide(errors[0], "false_alarm");
    let out = run(&["--decisions", db]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shown: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["type"] == "finding" && v["severity"] == "error")
        .collect();
    assert_eq!(shown.len(), errors.len());
    assert!(shown.iter().all(|f| f["decision"]["reviewer"] == "Omar"));
    // The reports show each decision.
    for format in ["markdown", "html", "terminal", "line"] {
        let out = isnad(&[
            "check",
            &draft_path,
            "--against",
            &against,
            "--decisions",
            db,
            "--format",
            format,
            "--lang",
            "en",
        ]);
        let page = String::from_utf8(out.stdout).unwrap();
        let wanted = if format == "line" {
            "decision=false_alarm"
        } else {
            "false alarm"
        };
        assert_eq!(page.matches(wanted).count(), 1, "{format}: {page}");
        if format == "line" {
            assert_eq!(page.matches("decision=accepted").count(), errors.len() - 1);
        } else {
            assert!(page.matches("Omar").count() >= errors.len(), "{format}");
        }
    }
    // Without the decisions the draft still fails.
    assert_eq!(run(&[]).status.code(), Some(1));
}

#[test]
fn a_busy_server_answers_503_at_once() {
    let s = start(&[
        "--against",
        &refs(EVENT),
        "--max-checks",
        "1",
        "--max-queue",
        "0",
    ]);
    let text = draft(EVENT).repeat(6);
    let url = s.url.clone();
    let replies: Vec<server::Reply> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let (url, text) = (&url, &text);
                scope.spawn(move || check_json(url, &json!({"text": text}), &[]))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let busy: Vec<&server::Reply> = replies.iter().filter(|r| r.status == 503).collect();
    assert!(replies.iter().any(|r| r.status == 200));
    assert!(
        !busy.is_empty(),
        "{:?}",
        replies.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    assert!(busy.iter().all(|r| r.header("retry-after").is_some()));
    assert!(busy[0].json()["error"].as_str().unwrap().contains("busy"));
    assert!(replies.iter().all(|r| r.status == 200 || r.status == 503));
}
