//! What isnad's fuzz targets share: one engine for the whole run, and a
//! checked run of `check` on a draft and one reference document.

use isnad::check::{Checker, Finding, Options, References};
use isnad::check::identity::Identities;
use isnad::input::Document;
use isnad::{Engine, Extraction};
use std::sync::OnceLock;

/// The built-in engine, compiled once per fuzzing process.
pub fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(Engine::default)
}

/// The built-in aliases, read once per fuzzing process.
pub fn identities() -> &'static Identities {
    static I: OnceLock<Identities> = OnceLock::new();
    I.get_or_init(Identities::default)
}

/// Text from fuzz bytes: invalid UTF-8 is replaced, as `--lossy` does.
pub fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Extract `text` and panic with the broken promise, if any.
pub fn extract(text: &str) -> Extraction {
    let found = engine().extract(text);
    if let Err(e) = isnad::invariants::extraction(text, &found) {
        panic!("{e}\ntext: {text:?}");
    }
    found
}

/// Split fuzz bytes into a draft and a reference text at the first NUL
/// (no NUL: the same text is both, which exercises exact matches).
pub fn draft_and_reference(data: &[u8]) -> (String, String) {
    match data.iter().position(|&b| b == 0) {
        Some(k) => (text(&data[..k]), text(&data[k + 1..])),
        None => (text(data), text(data)),
    }
}

pub const REFERENCE: &str = "reference.txt";

/// Check `draft` against the one reference document and assert every span
/// of the findings.
pub fn check(draft: &str, reference: &str) -> (Document, Vec<Finding>) {
    let mut refs = References::new();
    let rdoc = Document {
        path: REFERENCE.into(),
        id: "reference".into(),
        text: reference.to_string(),
        ..Default::default()
    };
    let rfound = extract(reference);
    refs.add(rdoc, rfound);
    let ddoc = Document {
        path: "draft.txt".into(),
        id: "draft".into(),
        text: draft.to_string(),
        ..Default::default()
    };
    let found = extract(draft);
    let checker = Checker {
        refs: &refs,
        ids: identities(),
        opts: Options::default(),
    };
    let findings = checker.check(&ddoc, &found);
    let lookup = |name: &str| (name == REFERENCE).then_some(reference);
    if let Err(e) = isnad::invariants::findings(draft, &findings, lookup) {
        panic!("{e}\ndraft: {draft:?}\nreference: {reference:?}");
    }
    (ddoc, findings)
}

/// A Markdown report has no raw HTML, no link and no image.
pub fn markdown_is_inert(md: &str) {
    use pulldown_cmark::{Event, Parser, Tag};
    for event in Parser::new_ext(md, pulldown_cmark::Options::ENABLE_TABLES) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML {h:?} in\n{md}"),
            Event::Start(Tag::Link { dest_url, .. }) => panic!("link to {dest_url:?}"),
            Event::Start(Tag::Image { dest_url, .. }) => panic!("image {dest_url:?}"),
            _ => {}
        }
    }
}
