//! The desk in a real browser: Chromium driven through WebDriver
//! (Debian's `chromium-driver`, installed by `.ci/run`) pastes a draft
//! into the page of `isnad serve`, uploads it as a Word file, decides on
//! a finding, signs the review off and opens the signed-off report, and a
//! hostile draft runs nothing. Each step asserts what the page shows.
//!
//! Without chromedriver the test says so and passes, except under CI
//! (`CI` set), where a missing driver is a failure.

mod common;

use common::server::{draft, refs, start};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const EVENT: &str = "dam-collapse-wadi-al-samar";

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    })
}

/// chromedriver on a free loopback port, stopped when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn driver() -> Option<Driver> {
    let Some(exe) = on_path("chromedriver") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromedriver is not installed: .ci/run installs Debian's chromium-driver package"
        );
        eprintln!("chromedriver is not installed: the desk's browser test is skipped (apt-get install chromium-driver)");
        return None;
    };
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(exe)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "chromedriver did not listen"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    Some(Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
    })
}

async fn browser(driver: &Driver, profile: &std::path::Path) -> Client {
    let mut caps = serde_json::Map::new();
    let mut options = json!({"args": [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1280,2000",
        format!("--user-data-dir={}", profile.display()),
    ]});
    if let Some(p) = std::env::var_os("ISNAD_CHROMIUM") {
        options["binary"] = Value::from(p.to_string_lossy().into_owned());
    }
    caps.insert("goog:chromeOptions".into(), options);
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("a WebDriver session")
}

async fn css(c: &Client, selector: &str) -> fantoccini::elements::Element {
    match c
        .wait()
        .at_most(Duration::from_secs(60))
        .for_element(Locator::Css(selector))
        .await
    {
        Ok(e) => e,
        Err(e) => {
            let page = c.source().await.unwrap_or_default();
            panic!(
                "{selector} not found ({e}) on {:?}:\n{page}",
                c.current_url().await
            )
        }
    }
}

/// The verdicts of the findings the page shows, by attribution id.
async fn shown_verdicts(c: &Client) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for a in c.find_all(Locator::Css("article.finding")).await.unwrap() {
        let id = a
            .find(Locator::Css("h3"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let v = a.attr("data-verdict").await.unwrap().unwrap();
        out.insert(id, v);
    }
    out
}

/// The verdicts `isnad check --format json` gives the fixture draft.
fn cli_verdicts() -> BTreeMap<String, String> {
    let out = Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args(["check", &format!("corpora/drafts/{EVENT}.txt")])
        .args(["--against", &refs(EVENT), "--format", "json"])
        .current_dir(common::root())
        .output()
        .unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["type"] == "finding")
        .map(|v| {
            (
                v["attribution"]["id"].as_str().unwrap().to_string(),
                v["verdict"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Paste a text into the first page and send it.
async fn paste(c: &Client, url: &str, text: &str) {
    c.goto(&format!("{url}/?lang=en")).await.unwrap();
    css(c, "textarea#text").await.send_keys(text).await.unwrap();
    css(c, "#submit").await.click().await.unwrap();
    css(c, "section.signoff").await;
}

/// Upload a file through the first page.
async fn upload(c: &Client, url: &str, path: &std::path::Path) {
    c.goto(&format!("{url}/?lang=en")).await.unwrap();
    css(c, "input#file")
        .await
        .send_keys(path.to_str().unwrap())
        .await
        .unwrap();
    css(c, "#submit").await.click().await.unwrap();
    css(c, "section.signoff").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_desk_reviews_a_draft_in_the_browser() {
    let Some(d) = driver() else { return };
    let server = start(&["--against", &refs(EVENT)]);
    let profile = tempfile::tempdir().unwrap();
    let c = browser(&d, profile.path()).await;
    let expected = cli_verdicts();
    assert!(expected.len() >= 10);

    // 1. Pasted: the verdicts of the command line, counted in the summary.
    let text = draft(EVENT);
    paste(&c, &server.url, &text).await;
    let review_url = c.current_url().await.unwrap();
    assert!(review_url.path().starts_with("/review/"), "{review_url}");
    assert_eq!(shown_verdicts(&c).await, expected);
    let altered = expected.values().filter(|v| *v == "altered").count();
    let n = css(&c, "td[data-count='altered']")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(n.trim(), altered.to_string());
    assert!(c
        .find(Locator::Css("mark[data-verdict='altered']"))
        .await
        .is_ok());

    // 2. The same draft as a Word file: the same findings.
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("dam-draft.docx");
    common::write_docx(&docx, &text);
    upload(&c, &server.url, &docx).await;
    assert_eq!(shown_verdicts(&c).await, expected);
    c.goto(review_url.as_str()).await.unwrap();

    // 3. A finding accepted with a note is kept after a reload.
    let (id, _) = expected
        .iter()
        .find(|(_, v)| *v == "altered")
        .expect("an altered finding");
    let article = format!("article.finding[id$='-{id}']");
    let form = css(&c, &format!("{article} form.decide")).await;
    form.find(Locator::Css("select[name='status']"))
        .await
        .unwrap()
        .select_by_value("accepted")
        .await
        .unwrap();
    let note = "الرقم مصحح في بيان لاحق";
    form.find(Locator::Css("input[name='note']"))
        .await
        .unwrap()
        .send_keys(note)
        .await
        .unwrap();
    form.find(Locator::Css("input[name='reviewer']"))
        .await
        .unwrap()
        .send_keys("Huda")
        .await
        .unwrap();
    form.find(Locator::Css("button[type='submit']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    css(&c, &format!("{article} p.decision")).await;
    c.refresh().await.unwrap();
    let kept = css(&c, &format!("{article} p.decision")).await;
    assert_eq!(
        kept.attr("data-decision").await.unwrap().as_deref(),
        Some("accepted")
    );
    let shown = kept.text().await.unwrap();
    assert!(shown.contains(note) && shown.contains("Huda"), "{shown}");
    let decided = css(&c, "[data-count='decided']")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(decided.trim(), "1");

    // 4. Signed off: the report shows who signed and the decision, and
    // has no forms.
    css(&c, "section.signoff input[name='reviewer']")
        .await
        .send_keys("Omar")
        .await
        .unwrap();
    css(&c, "#signoff-submit").await.click().await.unwrap();
    let signed = css(&c, "p.signed-off").await.text().await.unwrap();
    assert!(signed.contains("Omar"), "{signed}");
    assert!(c.current_url().await.unwrap().path().ends_with("/report"));
    let kept = css(&c, &format!("{article} p.decision"))
        .await
        .text()
        .await
        .unwrap();
    assert!(kept.contains(note), "{kept}");
    assert!(c.find_all(Locator::Css("form")).await.unwrap().is_empty());

    // 5. A hostile draft and a hostile file name run nothing.
    let hostile = "وقال الوزير سامي العلي إن \"<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">\" في المؤتمر.";
    paste(&c, &server.url, hostile).await;
    let title = c.title().await.unwrap();
    assert_eq!(title, "Quote verification report");
    let page = css(&c, ".draft-text").await.text().await.unwrap();
    assert!(page.contains("<script>"), "{page}");
    assert!(c
        .find_all(Locator::Css("main script, main img"))
        .await
        .unwrap()
        .is_empty());
    let named = dir.path().join("<img src=x onerror=alert(1)>.txt");
    std::fs::write(&named, hostile).unwrap();
    upload(&c, &server.url, &named).await;
    assert_eq!(c.title().await.unwrap(), "Quote verification report");
    let name = css(&c, "section.draft h2 .name")
        .await
        .text()
        .await
        .unwrap();
    assert!(name.contains("<img"), "{name}");
    assert!(c
        .find_all(Locator::Css("main img"))
        .await
        .unwrap()
        .is_empty());
    c.close().await.unwrap();
}
