//! Helpers shared by the integration tests that run the `isnad` binary on
//! the team's fixtures.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The fixture events: `corpora/<event>/` and `corpora/drafts/<event>.txt`.
pub const EVENTS: [&str; 3] = [
    "dam-collapse-wadi-al-samar",
    "football-federation-scandal",
    "trade-talks-qartala-zumurdan",
];

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Run isnad in the repository: no colours, no locale (so the language
/// is the default, Arabic, whoever runs the tests), and a fixed run time
/// so that reports are reproducible byte for byte.
pub fn isnad(args: &[&str]) -> Output {
    isnad_env(args, &[])
}

/// [`isnad`] with some environment variables set (`LANG`, `LC_ALL`).
pub fn isnad_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_isnad"));
    c.args(args)
        .current_dir(root())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1767225600");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

/// JSON Lines output without its summary line.
pub fn findings(out: &[u8]) -> String {
    String::from_utf8(out.to_vec())
        .unwrap()
        .lines()
        .filter(|l| !l.contains(r#""type":"summary""#))
        .collect::<Vec<_>>()
        .join("\n")
}

/// (attribution id, verdict) of each finding of `check DRAFT --against
/// REFS`, from the line format.
pub fn line_verdicts(draft: &str, refs: &str) -> Vec<(String, String)> {
    let o = isnad(&["check", draft, "--against", refs, "--format", "line"]);
    String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with(draft))
        .map(|l| {
            let f: Vec<&str> = l.split(' ').collect();
            (f[3].to_string(), f[1].to_string())
        })
        .collect()
}

/// The summary of an HTML report counts each verdict as the findings do.
pub fn assert_counts(html: &str, expected: &[(String, String)]) {
    for v in [
        "verified",
        "varied",
        "altered",
        "misattributed",
        "conflicting",
        "unsupported",
    ] {
        let n = expected.iter().filter(|(_, x)| x == v).count();
        let cell = regex::Regex::new(&format!(
            r#"<td data-count="{v}">(?:<a href="[^"]*">)?(\d+)"#
        ))
        .unwrap();
        let shown = cell
            .captures(html)
            .unwrap_or_else(|| panic!("no count for {v}"));
        assert_eq!(&shown[1], n.to_string(), "count of {v}");
    }
}

/// `archive stats` of an archive, as JSON.
pub fn stats(archive: &str) -> serde_json::Value {
    let o = isnad(&["archive", "stats", archive, "--format", "json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// A corpus of `n` invented articles recombining the fixture paragraphs,
/// as `dir/synthetic.jsonl`.
pub fn synthetic(dir: &Path, n: usize) -> PathBuf {
    let mut paragraphs = Vec::new();
    for e in EVENTS {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("corpora").join(e))
            .unwrap()
            .map(|f| f.unwrap().path())
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(f).unwrap();
            paragraphs.extend(text.lines().filter(|l| l.len() > 40).map(str::to_string));
        }
    }
    let mut out = String::new();
    for k in 0..n {
        let text: Vec<&str> = (0..4)
            .map(|j| paragraphs[(k * 7 + j * 13) % paragraphs.len()].as_str())
            .collect();
        let rec = serde_json::json!({"id": format!("s{k}"), "text": format!("{}\nالرقم {k}.", text.join("\n"))});
        out.push_str(&rec.to_string());
        out.push('\n');
    }
    let p = dir.join("synthetic.jsonl");
    std::fs::write(&p, out).unwrap();
    p
}

/// Write a minimal Word draft (.docx) to `path` whose paragraphs are the
/// lines of `text` (a tab becomes a Word tab). isnad reads it back as the
/// same text, each paragraph ending in a line feed; so a `text` ending in
/// `\n` comes back exactly.
pub fn write_docx(path: &Path, text: &str) {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let mut body = String::new();
    for line in text.lines() {
        body.push_str("<w:p>");
        for (k, part) in line.split('\t').enumerate() {
            body.push_str("<w:r>");
            if k > 0 {
                body.push_str("<w:tab/>");
            }
            body.push_str(r#"<w:t xml:space="preserve">"#);
            body.push_str(&quick_xml::escape::escape(part));
            body.push_str("</w:t></w:r>");
        }
        body.push_str("</w:p>");
    }
    let types = concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
        r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
        r#"<Default Extension="xml" ContentType="application/xml"/>"#,
        r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
        r#"</Types>"#
    );
    let rels = concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
        r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
        r#"</Relationships>"#
    );
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in [
        ("[Content_Types].xml", types),
        ("_rels/.rels", rels),
        ("word/document.xml", document.as_str()),
    ] {
        z.start_file(name, options).unwrap();
        z.write_all(content.as_bytes()).unwrap();
    }
    std::fs::write(path, z.finish().unwrap().into_inner()).unwrap();
}

pub mod server;
