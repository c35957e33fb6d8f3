//! The review reports (`--format markdown|html`) on the team's fixtures:
//! snapshots, the structure an editor and other tools rely on, and hostile
//! text that must stay text. The page in a real browser is
//! `tests/browser.rs`.

mod common;

use common::{assert_counts, isnad, root, EVENTS};
use pulldown_cmark::{Event, Options, Parser, Tag};

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../snapshots");
    s.set_prepend_module_to_snapshot(false);
    s
}

/// The HTML without its style sheet and script (files of their own in
/// `templates/`) and without the version, which changes with releases.
fn normalised(html: &str) -> String {
    let cut = |s: &str, open: &str, close: &str| -> String {
        match (s.find(open), s.find(close)) {
            (Some(a), Some(b)) if a < b => format!("{}{open}…{}", &s[..a], &s[b..]),
            _ => s.to_string(),
        }
    };
    let s = cut(html, "<style>", "</style>");
    let s = cut(&s, "<script>", "</script>");
    let s = regex::Regex::new(r"sha256-(?:[A-Za-z0-9+/=]|&#x2f;)+")
        .unwrap()
        .replace_all(&s, "sha256-…")
        .to_string();
    s.replace(env!("CARGO_PKG_VERSION"), "VERSION")
}

fn check(event: &str, format: &str, extra: &[&str]) -> String {
    let draft = format!("corpora/drafts/{event}.txt");
    let refs = format!("corpora/{event}/");
    let mut args = vec!["check", &draft, "--against", &refs, "--format", format];
    args.extend(extra);
    let o = isnad(&args);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn report_snapshots() {
    settings().bind(|| {
        for event in EVENTS {
            insta::assert_snapshot!(format!("report_md@{event}"), check(event, "markdown", &[]));
            insta::assert_snapshot!(
                format!("report_html@{event}"),
                normalised(&check(event, "html", &[]))
            );
            let refs = format!("corpora/{event}/");
            for (format, name) in [("markdown", "crosscheck_md"), ("html", "crosscheck_html")] {
                let o = isnad(&["crosscheck", &refs, "--format", format]);
                let out = String::from_utf8(o.stdout).unwrap();
                let out = if format == "html" {
                    normalised(&out)
                } else {
                    out
                };
                insta::assert_snapshot!(format!("{name}@{event}"), out);
            }
        }
    });
}

/// The findings of the line format: (attribution id, verdict).
fn line_verdicts(event: &str) -> Vec<(String, String)> {
    common::line_verdicts(
        &format!("corpora/drafts/{event}.txt"),
        &format!("corpora/{event}/"),
    )
}

#[test]
fn the_html_carries_every_finding_with_its_verdict() {
    let re =
        regex::Regex::new(r#"<article class="finding" id="d1-(a\d+)" data-verdict="([a-z]+)""#)
            .unwrap();
    for event in EVENTS {
        let html = check(event, "html", &[]);
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">"));
        let expected = line_verdicts(event);
        // One article per finding, in draft order, with the JSON's verdict.
        let found: Vec<(String, String)> = re
            .captures_iter(&html)
            .map(|c| (c[1].to_string(), c[2].to_string()))
            .collect();
        assert_eq!(found, expected, "{event}");
        // Every attribution is highlighted in the draft's text and has a
        // badge linking to its finding.
        for (id, verdict) in &expected {
            assert!(
                html.contains(&format!(
                    r#"<mark class="content" data-verdict="{verdict}" data-finding="d1-{id}">"#
                )),
                "{event} {id}: content not highlighted"
            );
            assert!(
                html.contains(&format!(
                    r##"<a class="badge v-{verdict}" href="#d1-{id}" data-verdict="{verdict}">"##
                )),
                "{event} {id}: no badge"
            );
        }
        // Counts per verdict in the summary match the findings.
        assert_counts(&html, &expected);
    }
}

#[test]
fn english_labels_keep_the_verdict_names() {
    let html = check(EVENTS[0], "html", &["--lang", "en"]);
    assert!(html.contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(html.contains("Quote verification report"));
    assert!(html.contains("Altered <code>altered</code>"));
    // The article text keeps its own direction.
    assert!(html.contains("<div class=\"draft-text\" dir=\"rtl\" lang=\"ar\">"));
    let md = check(EVENTS[0], "markdown", &["--lang", "en"]);
    assert!(md.starts_with("# Quote verification report\n"));
}

#[test]
fn the_page_loads_nothing_from_anywhere() {
    let html = check(EVENTS[0], "html", &[]);
    let csp = regex::Regex::new(r#"<meta http-equiv="Content-Security-Policy" content="([^"]+)">"#)
        .unwrap();
    // The attribute's quotes are escaped like every value.
    let policy = csp.captures(&html).expect("a policy")[1].replace("&#x27;", "'");
    assert!(policy.starts_with("default-src 'none';"), "{policy}");
    assert!(!policy.contains("unsafe-inline") && !policy.contains("http"));
    for attr in ["src=", "<link", "@import", "url(", "http://", "https://"] {
        assert!(
            !html.contains(attr),
            "the page refers to something outside it: {attr}"
        );
    }
}

fn hostile(format: &str) -> String {
    let o = isnad(&[
        "check",
        "tests/fixtures/hostile/draft.txt",
        "--against",
        "tests/fixtures/hostile/references.jsonl",
        "--format",
        format,
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn hostile_text_stays_text_in_html() {
    let html = hostile("html");
    for raw in [
        "<script>document",
        "<img",
        "onerror=\"",
        "</textarea>",
        "href=\"javascript:",
        "</title><script>",
    ] {
        assert!(!html.contains(raw), "unescaped: {raw}");
    }
    assert!(html.contains("&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;&#x2f;script&gt;"));
    // Exactly the page's own script and title elements.
    assert_eq!(html.matches("<script").count(), 1);
    assert_eq!(html.matches("<title>").count(), 1);
    isnad::invariants::html(&html).unwrap();
}

#[test]
fn every_report_holds_only_template_markup() {
    for event in EVENTS {
        isnad::invariants::html(&check(event, "html", &[])).unwrap();
        isnad::invariants::html(&check(event, "html", &["--lang", "en"])).unwrap();
        let o = isnad(&[
            "crosscheck",
            &format!("corpora/{event}/"),
            "--format",
            "html",
        ]);
        isnad::invariants::html(&String::from_utf8(o.stdout).unwrap()).unwrap();
    }
}

#[test]
fn hostile_text_stays_text_in_markdown() {
    let md = hostile("markdown");
    let mut tables = 0;
    let mut text = String::new();
    for e in Parser::new_ext(&md, Options::ENABLE_TABLES) {
        match e {
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML in the Markdown: {h}"),
            Event::Start(Tag::Table(_)) => tables += 1,
            Event::Start(Tag::Link { dest_url, .. }) => {
                panic!("a link in the Markdown: {dest_url}")
            }
            Event::Text(t) => text.push_str(&t),
            _ => {}
        }
    }
    // Meta, summary, and the altered finding's differences.
    assert_eq!(tables, 3, "{md}");
    // The words are there, as text.
    assert!(text.contains("<script>document.title='pwned'</script>"));
    assert!(text.contains("**تنشروه** | أبدا"), "{text}");
}

#[test]
fn the_markdown_is_tables_and_sections_that_render() {
    for event in EVENTS {
        let md = check(event, "markdown", &[]);
        let mut headings = 0;
        let mut tables = 0;
        let mut strong = 0;
        for e in Parser::new_ext(&md, Options::ENABLE_TABLES) {
            match e {
                Event::Html(h) | Event::InlineHtml(h) => panic!("{event}: raw HTML {h}"),
                Event::Start(Tag::Heading { .. }) => headings += 1,
                Event::Start(Tag::Table(_)) => tables += 1,
                Event::Start(Tag::Strong) => strong += 1,
                _ => {}
            }
        }
        let attention = line_verdicts(event)
            .iter()
            .filter(|(_, v)| v != "verified" && v != "varied")
            .count();
        // Title, summary, the draft, and one section per finding needing
        // attention; the changed words marked in bold.
        assert_eq!(headings, 3 + attention, "{event}");
        assert!(tables >= 2 && strong > 0, "{event}");
    }
}

#[test]
fn output_file_and_its_guards() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("review.html");
    let o = isnad(&[
        "check",
        "corpora/drafts/dam-collapse-wadi-al-samar.txt",
        "--against",
        "corpora/dam-collapse-wadi-al-samar/",
        "--format",
        "html",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty(), "the report goes to the file only");
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.ends_with("</html>\n"));
    // Nothing but the report is left in the folder.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

    // An input is never overwritten.
    let draft = dir.path().join("draft.txt");
    let text =
        std::fs::read_to_string(root().join("corpora/drafts/dam-collapse-wadi-al-samar.txt"))
            .unwrap();
    std::fs::write(&draft, &text).unwrap();
    let o = isnad(&[
        "check",
        draft.to_str().unwrap(),
        "--against",
        "corpora/dam-collapse-wadi-al-samar/",
        "-o",
        draft.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("the output file is also an input"));
    assert_eq!(std::fs::read_to_string(&draft).unwrap(), text);

    // The terminal format written to a file has no colours unless asked.
    let out = dir.path().join("review.txt");
    let o = isnad(&[
        "check",
        draft.to_str().unwrap(),
        "--against",
        "corpora/dam-collapse-wadi-al-samar/",
        "-o",
        out.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let t = std::fs::read_to_string(&out).unwrap();
    assert!(t.contains("altered") && !t.contains('\u{1b}'));
}

/// A quote with a right-to-left override and a zero-width space: the
/// finding names them, and no format but JSON (which keeps the exact
/// text for its spans) shows them raw.
/// The output of `check DRAFT` against the dam-collapse fixture event.
fn check_dam_draft(draft: &str, format: &str) -> String {
    let o = isnad(&[
        "check",
        draft,
        "--against",
        "corpora/dam-collapse-wadi-al-samar/",
        "--format",
        format,
    ]);
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn hidden_characters_are_reported_and_shown_by_name() {
    let run = |format: &str| check_dam_draft("tests/fixtures/hostile/hidden.txt", format);
    let raw = |s: &str| s.contains('\u{202e}') || s.contains('\u{200b}');
    let text = std::fs::read_to_string(root().join("tests/fixtures/hostile/hidden.txt")).unwrap();
    let json = run("json");
    let f: serde_json::Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
    let hidden = f["hidden"].as_array().expect("a hidden list");
    let cps: Vec<&str> = hidden
        .iter()
        .map(|h| h["codepoint"].as_str().unwrap())
        .collect();
    assert_eq!(cps, ["U+202E", "U+200B"]);
    for h in hidden {
        let (s, e) = (
            h["span"][0].as_u64().unwrap() as usize,
            h["span"][1].as_u64().unwrap() as usize,
        );
        let c = text[s..e].chars().next().unwrap();
        assert_eq!(
            format!("U+{:04X}", c as u32),
            h["codepoint"].as_str().unwrap()
        );
    }
    let line = run("line");
    assert!(line.contains("hidden=U+202E,U+200B") && line.contains("\\u{202e}") && !raw(&line));
    let terminal = run("terminal");
    assert!(terminal.contains("⟦U+202E⟧") && terminal.contains("hidden") && !raw(&terminal));
    let md = run("markdown");
    assert!(md.contains("⟦U\\+202E⟧") && md.contains("`U+202E U+200B`") && !raw(&md));
    let html = run("html");
    assert!(html.contains(r#"data-hidden="U+202E U+200B""#) && !raw(&html));
    assert!(html.contains("⟦U+202E⟧"));
}

#[test]
fn lookalike_letters_and_digits_are_named() {
    let run = |format: &str| check_dam_draft("tests/fixtures/hostile/lookalike.txt", format);
    let json = run("json");
    let f: serde_json::Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
    // Folded for matching: the verdict and differences are those of the
    // same line in Arabic letters and digits, numbers included.
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean.txt");
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/hostile/lookalike.txt")).unwrap();
    std::fs::write(&clean, text.replace('ی', "ي").replace('۲', "٢")).unwrap();
    let clean = check_dam_draft(clean.to_str().unwrap(), "json");
    let c: serde_json::Value = serde_json::from_str(clean.lines().next().unwrap()).unwrap();
    assert!(c.get("lookalikes").is_none());
    assert_eq!(f["verdict"], c["verdict"]);
    let kinds = |v: &serde_json::Value| -> Vec<String> {
        v["differences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["kind"].to_string())
            .collect()
    };
    assert_eq!(kinds(&f), kinds(&c));
    let cps: Vec<&str> = f["lookalikes"]
        .as_array()
        .expect("a lookalikes list")
        .iter()
        .map(|h| h["codepoint"].as_str().unwrap())
        .collect();
    assert_eq!(cps, ["U+06CC", "U+06CC", "U+06F2", "U+06CC"]);
    assert!(run("line").contains("lookalikes=U+06CC,U+06CC,U+06F2,U+06CC"));
    let terminal = run("terminal");
    assert!(terminal.contains("lookalike"));
    // Shown with their code points wherever the quote is shown.
    assert!(terminal.contains("مستشفی⟦U+06CC⟧ات"), "{terminal}");
    let md = run("markdown");
    assert!(md.contains("U+06F2 ۲"), "{md}");
    assert!(md.contains("۲⟦U\\+06F2⟧"), "{md}");
    let html = run("html");
    assert!(html.contains(r#"data-lookalikes="U+06CC ی U+06CC ی U+06F2 ۲ U+06CC ی""#));
    assert!(html.contains("١۲⟦U+06F2⟧٠"), "{html}");
}
