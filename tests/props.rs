//! Property tests: on random mixes of Arabic words, cue verbs, quote marks
//! of every kind, diacritics, digits and line breaks, extraction never
//! panics and every span lies on character boundaries inside the text with
//! its `text` equal to the bytes there; normalisation is idempotent and its
//! offset map is monotone and lands on character boundaries; `check`'s
//! findings point at their own text, and the HTML report holds only its
//! templates' markup (the checks live in `isnad::invariants`).

use isnad::check::identity::Identities;
use isnad::check::{Checker, Options, References};
use isnad::input::Document;
use isnad::invariants;
use isnad::output::report::{self, DraftReport, Lang, Meta};
use isnad::Engine;
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "وقال",
    "قالت",
    "وأضاف",
    "أكد",
    "نفى",
    "مضيفا",
    "قائلا",
    "بحسب",
    "وفقا",
    "ل",
    "لـ",
    "نقلا",
    "عن",
    "ونقلت",
    "قوله",
    "إن",
    "أن",
    "بأن",
    "إنه",
    "الوزير",
    "سامر",
    "الخطيب",
    "وزارة",
    "الصحة",
    "مصدر",
    "الذي",
    "يوم",
    "الأحد",
    "على",
    "تويتر",
    "في",
    "بيان",
    "للصحفيين",
    "الطريق",
    "مغلق",
    "\"",
    "«",
    "»",
    "“",
    "”",
    "„",
    ":",
    "،",
    ",",
    ".",
    "؟",
    "!",
    "\n",
    "\n\n",
    "\r\n",
    " ",
    "  ",
    "ـ",
    "\u{064E}",
    "\u{0651}",
    "\u{0670}",
    "٤٥",
    "۱۲",
    "3.5",
    "1,200",
    "(",
    ")",
    "...",
    "\u{200B}",
    "\u{202E}",
    "\u{FEFB}",
    "\u{FEF7}",
    "ا\u{0654}",
    "x",
    "é",
    "ی",
    "ک",
    "<script>",
    "\"><img onerror=x>",
    "&amp;",
    "|",
    "*",
    "`",
];

fn doc() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|v| v.join(" "))
}

fn glued() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|v| v.concat())
}

fn check(text: &str) {
    let found = Engine::default().extract(text);
    if let Err(e) = invariants::extraction(text, &found) {
        panic!("{e}\ntext: {text:?}");
    }
}

fn check_normalise(text: &str) {
    if let Err(e) = invariants::normalized(text) {
        panic!("{e}\ntext: {text:?}");
    }
}

/// `check` of a draft against one reference document, then its HTML and
/// Markdown reports.
fn check_and_report(draft: &str, reference: &str) {
    let engine = Engine::default();
    let mut refs = References::new();
    let rdoc = Document {
        path: "reference.txt".into(),
        id: "reference".into(),
        text: reference.into(),
        ..Default::default()
    };
    refs.add(rdoc, engine.extract(reference));
    let ddoc = Document {
        path: "draft.txt".into(),
        id: "draft".into(),
        text: draft.into(),
        ..Default::default()
    };
    let ids = Identities::default();
    let checker = Checker {
        refs: &refs,
        ids: &ids,
        opts: Options::default(),
    };
    let findings = checker.check(&ddoc, &engine.extract(draft));
    let lookup = |name: &str| (name == "reference.txt").then_some(reference);
    if let Err(e) = invariants::findings(draft, &findings, lookup) {
        panic!("{e}\ndraft: {draft:?}\nreference: {reference:?}");
    }
    let reports = [DraftReport {
        name: "draft.txt",
        text: draft,
        findings: &findings,
    }];
    let meta = || Meta::new(vec!["reference.txt".into()], 1, findings.len());
    let html = report::check(true, Lang::Ar, meta(), &reports);
    if let Err(e) = invariants::html(&html) {
        panic!("{e}\ndraft: {draft:?}\nreference: {reference:?}");
    }
    let md = report::check(false, Lang::En, meta(), &reports);
    assert!(!md.contains("<script"), "{md}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn spans_are_exact_on_word_soup(text in doc()) {
        check(&text);
        check_normalise(&text);
    }

    #[test]
    fn spans_are_exact_on_glued_pieces(text in glued()) {
        check(&text);
        check_normalise(&text);
    }

    #[test]
    fn findings_and_reports_keep_their_promises(draft in doc(), reference in doc()) {
        check_and_report(&draft, &reference);
    }

    #[test]
    fn a_draft_checked_against_itself_keeps_its_promises(text in glued()) {
        check_and_report(&text, &text);
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,200}") {
        check(&text);
        check_normalise(&text);
    }
}

#[test]
fn a_long_line_of_quote_marks_is_handled() {
    // One paragraph with thousands of unbalanced marks and cues.
    let text = "وقال الوزير «نعم \" لا “ ”".repeat(5000);
    check(&text);
}
