//! Property tests: on random mixes of Arabic words, cue verbs, quote marks
//! of every kind, diacritics, digits and line breaks, extraction never
//! panics and every span lies on character boundaries inside the text with
//! its `text` equal to the bytes there; normalisation is idempotent and its
//! offset map is monotone and lands on character boundaries.

use isnad::normalize::{normalize, normalize_str};
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
];

fn doc() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|v| v.join(" "))
}

fn glued() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|v| v.concat())
}

fn check(text: &str) {
    let found = Engine::default().extract(text);
    let piece = |span: [usize; 2], t: &str| {
        assert!(
            span[0] <= span[1] && span[1] <= text.len(),
            "span {span:?} outside"
        );
        assert!(text.is_char_boundary(span[0]) && text.is_char_boundary(span[1]));
        assert_eq!(&text[span[0]..span[1]], t);
    };
    for a in &found.attributions {
        piece(a.cue.span, &a.cue.text);
        piece(a.content.span, &a.content.text);
        if let Some(s) = a.source.span {
            piece(s, &a.source.text);
        }
        for p in [&a.addressee, &a.time, &a.channel].into_iter().flatten() {
            piece(p.span, &p.text);
        }
        if let Some(n) = &a.nested_in {
            assert!(found.attributions.iter().any(|o| &o.id == n));
        }
    }
    for q in &found.unattributed {
        piece(q.span, &q.text);
    }
}

fn check_normalise(text: &str) {
    let n = normalize(text);
    assert_eq!(normalize_str(n.as_str()), n.as_str(), "idempotent");
    let mut last = 0;
    for i in (0..=n.as_str().len()).filter(|&i| n.as_str().is_char_boundary(i)) {
        let o = n.to_original(i);
        assert!(o >= last, "monotone");
        assert!(o <= text.len() && text.is_char_boundary(o), "boundary");
        last = o;
    }
    assert_eq!(n.to_original(n.as_str().len()), text.len());
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
