//! The words of a content and how similar two contents are.

use crate::text::arabic::without_conjunction;
use crate::text::is_word_char;
use crate::text::normalize::normalize_str;

/// One word of a content, normalised, with its byte span in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub norm: String,
    pub span: [usize; 2],
}

/// The words of `doc[span]`, each normalised, with spans into `doc`. A
/// decimal point or thousands separator between digits stays inside its
/// number.
///
/// ```
/// let doc = "قال إن ٣٠٠ أُسرة نزحت";
/// let w = isnad::check::compare::words(doc, [0, doc.len()]);
/// assert_eq!(w[2].norm, "300");
/// assert_eq!(w[3].norm, "اسره");
/// assert_eq!(&doc[w[3].span[0]..w[3].span[1]], "أُسرة");
/// ```
pub fn words(doc: &str, span: [usize; 2]) -> Vec<Word> {
    let (from, to) = (span[0].min(doc.len()), span[1].min(doc.len()));
    let Some(text) = doc.get(from..to) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let joins = matches!(c, '.' | ',' | '٫' | '٬')
            && start.is_some()
            && k > 0
            && chars[k - 1].1.is_numeric()
            && chars.get(k + 1).is_some_and(|&(_, d)| d.is_numeric());
        // A direction mark or a zero-width character inside a word (copy
        // pasted from a right-to-left page: 1\u{200F}500) does not split it;
        // the normaliser drops it.
        let invisible = matches!(c, '\u{200B}'..='\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
            && start.is_some()
            && chars.get(k + 1).is_some_and(|&(_, d)| is_word_char(d));
        let joins = joins || invisible;
        if is_word_char(c) || joins {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            push_word(doc, from + s, from + i, &mut out);
        }
    }
    if let Some(s) = start {
        push_word(doc, from + s, to, &mut out);
    }
    out
}

fn push_word(doc: &str, s: usize, e: usize, out: &mut Vec<Word>) {
    let norm = normalize_str(&doc[s..e]);
    let norm = norm.trim();
    if !norm.is_empty() {
        out.push(Word {
            norm: norm.to_string(),
            span: [s, e],
        });
    }
}

/// Words in order two contents must share to count as one statement
/// however much else each says.
const LONG_SHARED: usize = 10;

/// Words per side below which a one-sided containment does not count as
/// a match (two words are in too many sentences).
const MIN_PART_WORDS: usize = 3;

fn joined(words: &[Word]) -> String {
    let mut s = String::new();
    for w in words {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&w.norm);
    }
    s
}

/// A content prepared for scoring: its normalised words joined by spaces,
/// and one hash per word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    joined: String,
    ids: Vec<u64>,
}

/// The scoring key of a word sequence.
pub fn key(words: &[Word]) -> Key {
    use std::hash::BuildHasher;
    let build = rustc_hash::FxBuildHasher;
    Key {
        joined: joined(words),
        ids: words
            .iter()
            .map(|w| build.hash_one(without_conjunction(&w.norm)))
            .collect(),
    }
}

/// The similarity of two word sequences (0..1): the larger of the Indel
/// ratio of their joined normalised words (spelling and morphology
/// variants score high) and, when the shorter side has at least three
/// words, the share of the shorter side's words found in order in the
/// longer one (a quote that is a part of a longer one scores 1).
pub fn similarity(a: &[Word], b: &[Word]) -> f64 {
    similarity_keys(&key(a), &key(b))
}

/// The Indel ratio of two prepared keys: symmetric, so a short content
/// inside a long one does not score high.
pub fn ratio_keys(a: &Key, b: &Key) -> f64 {
    rapidfuzz::distance::indel::normalized_similarity(a.joined.chars(), b.joined.chars())
}

/// [`similarity`] on prepared keys.
pub fn similarity_keys(a: &Key, b: &Key) -> f64 {
    if a.ids.is_empty() || b.ids.is_empty() {
        return 0.0;
    }
    let ratio =
        rapidfuzz::distance::indel::normalized_similarity(a.joined.chars(), b.joined.chars());
    let (na, nb) = (a.ids.len(), b.ids.len());
    let shorter = na.min(nb);
    let part = if shorter >= MIN_PART_WORDS {
        let dist =
            rapidfuzz::distance::indel::distance(a.ids.iter().copied(), b.ids.iter().copied());
        let lcs = (na + nb - dist) / 2;
        // Two contents that each go beyond a long shared passage (the
        // extractor bounded them differently) still report one statement:
        // ten words in order are not shared by chance.
        let shared_run = if lcs >= LONG_SHARED {
            0.7 + 0.3 * lcs as f64 / shorter as f64
        } else {
            0.0
        };
        (lcs as f64 / shorter as f64).max(shared_run)
    } else {
        0.0
    };
    // Reordered clauses (ملف القمح ما زال العقبة / العقبة ما زالت ملف
    // القمح): the share of the shorter side's distinct words the other has,
    // a little below a match in order.
    let bag = if shorter >= MIN_PART_WORDS {
        let (small, large) = if na <= nb {
            (&a.ids, &b.ids)
        } else {
            (&b.ids, &a.ids)
        };
        let mut s: Vec<u64> = small.clone();
        s.sort_unstable();
        s.dedup();
        let mut l: Vec<u64> = large.clone();
        l.sort_unstable();
        l.dedup();
        let common = s.iter().filter(|x| l.binary_search(x).is_ok()).count();
        0.9 * common as f64 / s.len() as f64
    } else {
        0.0
    };
    ratio.max(part).max(bag)
}

/// How many of `d`'s words `r` has (clitic و/ف aside).
pub(crate) fn shared(d: &[Word], r: &[Word]) -> usize {
    d.iter()
        .filter(|w| {
            r.iter()
                .any(|x| without_conjunction(&x.norm) == without_conjunction(&w.norm))
        })
        .count()
}
