//! The HTML review report in a real browser: headless Chromium (Debian's
//! `chromium`, installed by `.ci/run`) renders the page, and the rendered
//! DOM and a screenshot are checked: the summary counts, the highlighted
//! attributions, the verdict labels, the page's own script allowed by its
//! policy, and hostile article text that ran nothing.
//!
//! Without Chromium the tests say so and pass, except under CI (`CI` set),
//! where a missing browser is a failure.

mod common;

use common::{assert_counts, line_verdicts, root};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ISNAD_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|d| d.join(name))
                    .find(|p| p.is_file())
            })
        });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "Chromium is not installed: .ci/run installs Debian's chromium package"
        );
        eprintln!("Chromium is not installed: browser tests skipped (apt-get install chromium)");
    }
    found
}

/// Run headless Chromium on a page with the flags of a closed network, a
/// fresh profile, and a deadline.
fn browse(browser: &Path, page: &Path, extra: &[&str]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("Chromium starts");
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::BufReader::new(stdout), &mut s).unwrap();
        s
    });
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("Chromium did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    reader.join().unwrap()
}

fn report(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let out = dir.join(name);
    let o = Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args(args)
        .args(["--format", "html", "-o", out.to_str().unwrap()])
        .current_dir(root())
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

/// Not blank: many pixels away from the background, in many colours.
fn assert_not_blank(png_path: &Path) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png_path).expect("a screenshot"),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let px = info.color_type.samples();
    let bytes = &buf[..info.buffer_size()];
    let mut inked = 0usize;
    let mut colours = std::collections::HashSet::new();
    for p in bytes.chunks(px) {
        let rgb = (p[0], p[1], p.get(2).copied().unwrap_or(p[0]));
        if rgb != (255, 255, 255) {
            inked += 1;
        }
        colours.insert(rgb);
    }
    let total = bytes.len() / px;
    assert!(
        inked * 50 > total && colours.len() > 50,
        "the screenshot looks blank: {inked} of {total} pixels inked, {} colours",
        colours.len()
    );
}

#[test]
fn the_report_renders_counts_highlights_and_labels() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let draft = "corpora/drafts/dam-collapse-wadi-al-samar.txt";
    let refs = "corpora/dam-collapse-wadi-al-samar/";
    let page = report(
        dir.path(),
        "review.html",
        &["check", draft, "--against", refs],
    );
    let dom = browse(&browser, &page, &["--dump-dom"]);
    assert!(
        dom.contains("<title>تقرير التحقق من الاقتباسات</title>"),
        "{dom}"
    );
    // The page's own script ran: its hash is in the policy.
    assert!(
        dom.contains(r#"data-script="ready""#),
        "the page's script did not run"
    );
    let expected = line_verdicts(draft, refs);
    assert!(!expected.is_empty());
    assert_counts(&dom, &expected);
    for (id, v) in &expected {
        assert!(
            dom.contains(&format!(
                r#"<mark class="content" data-verdict="{v}" data-finding="d1-{id}">"#
            )),
            "{id} is not highlighted in the rendered page"
        );
        assert!(dom.contains(&format!(r#"id="d1-{id}" data-verdict="{v}""#)));
    }
    // The verdict labels in Arabic (the JSON names only in data attributes).
    for label in ["محرَّف", "مطابق"] {
        assert!(dom.contains(label), "{label}");
    }
    let shot = dir.path().join("review.png");
    browse(
        &browser,
        &page,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1280,2400",
        ],
    );
    assert_not_blank(&shot);
}

#[test]
fn hostile_text_runs_nothing_in_the_browser() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = report(
        dir.path(),
        "hostile.html",
        &[
            "check",
            "tests/fixtures/hostile/draft.txt",
            "--against",
            "tests/fixtures/hostile/references.jsonl",
        ],
    );
    let dom = browse(&browser, &page, &["--dump-dom"]);
    // Every hostile piece tries to set the title to `pwned`.
    let title = regex::Regex::new(r"<title>([^<]*)</title>").unwrap();
    let titles: Vec<&str> = title
        .captures_iter(&dom)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    assert_eq!(titles, ["تقرير التحقق من الاقتباسات"], "{dom}");
    assert!(!dom.contains("<img"), "an image element was created");
    assert!(!dom.contains("<textarea"));
    assert_eq!(
        dom.matches("<script").count(),
        1,
        "only the page's own script"
    );
    let js_link = regex::Regex::new(r#"<a\s[^>]*href="javascript:"#).unwrap();
    assert!(!js_link.is_match(&dom), "a javascript: link was made");
    // The hostile words are shown, as text.
    assert!(dom.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"));
    assert!(dom.contains(r#"data-script="ready""#));
    let shot = dir.path().join("hostile.png");
    browse(
        &browser,
        &page,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1280,1600",
        ],
    );
    assert_not_blank(&shot);
}
