//! Normalisation of Arabic text for matching, with a map back to the original.
//!
//! isnad never shows normalised text to a person: reports always quote the
//! original bytes. Normalisation exists so that two spellings of one word
//! compare equal: أكد and اكد, قالَ and قال, ٢٠٢٤ and 2024, «نعم» and "نعم".
//!
//! The folds (section 5 of the attribution guide):
//!
//! * diacritics (harakat, shadda, sukun, tanween, the dagger alef and the
//!   combining hamza and madda marks) and tatweel are removed;
//! * أ إ آ ٱ fold to ا, ى to ي, ة to ه, ؤ to و and ئ to ي. The hamza seats and
//!   ة are folded because writers and outlets disagree on them constantly
//!   (إردوغان/أردوغان, مدرسة/مدرسه in wire copy typed without a full
//!   keyboard); the fold is for matching only, where a false merge costs far
//!   less than a missed one;
//! * Persian ی and ک fold to ي and ك;
//! * Arabic-Indic ٠-٩ and Persian ۰-۹ digits fold to ASCII 0-9;
//! * ، ؛ ؟ fold to , ; ? and every quote mark of the family (" « » “ ” „ ‟ ‹ ›)
//!   folds to `"`;
//! * zero-width characters and bidirectional controls are removed, because
//!   they are invisible to an editor and must not make equal text unequal;
//! * Arabic presentation forms (ﻻ and friends, as produced by PDF copy-paste)
//!   are replaced by their compatibility decomposition;
//! * every run of white space becomes one space.
//!
//! [`normalize`] returns the folded text together with an [`OffsetMap`] that
//! takes any byte offset of the folded text back to a byte offset of the
//! original. The map is sparse: it only records the places where the byte
//! length changed, so it costs a few bytes per diacritic or comma rather than
//! four bytes per byte of text.

use std::fmt;

/// What happens to one character of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    /// Copy the character unchanged.
    Keep,
    /// Remove it (diacritics, tatweel, invisible controls).
    Drop,
    /// Replace it with another single character.
    Replace(char),
    /// White space: runs collapse to one ASCII space.
    Space,
    /// A compatibility form that decomposes into several characters.
    Decompose,
}

/// The folds of the Arabic block U+0600..U+06FF, one entry per code point:
/// 0 keep, 1 drop, otherwise the replacement character. Looking the block
/// up in a table rather than through [`fold_char`]'s ranges is what keeps
/// tokenising Arabic text fast.
static ARABIC: [char; 256] = {
    let mut t = ['\0'; 256];
    let mut u = 0x0600u32;
    while u <= 0x06FF {
        let f = fold_slow(u);
        t[(u - 0x0600) as usize] = f;
        u += 1;
    }
    t
};

/// Table entry for one code point of the Arabic block (see [`ARABIC`]).
const fn fold_slow(u: u32) -> char {
    match u {
        0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0640 => '\u{1}',
        0x0622 | 0x0623 | 0x0625 | 0x0671..=0x0673 | 0x0675 => 'ا',
        0x0649 | 0x0626 | 0x06CC => 'ي',
        0x0629 => 'ه',
        0x0624 => 'و',
        0x06A9 => 'ك',
        0x0660..=0x0669 => (b'0' + (u - 0x0660) as u8) as char,
        0x06F0..=0x06F9 => (b'0' + (u - 0x06F0) as u8) as char,
        0x060C => ',',
        0x061B => ';',
        0x061F => '?',
        _ => '\0',
    }
}

/// Decide how one character is folded. This is the whole normalisation
/// table; [`normalize`] and [`normalize_into`] only apply it.
///
/// ```
/// use isnad::text::normalize::{fold_char, Fold};
/// assert_eq!(fold_char('أ'), Fold::Replace('ا'));
/// assert_eq!(fold_char('\u{064E}'), Fold::Drop); // fatha
/// assert_eq!(fold_char('٣'), Fold::Replace('3'));
/// assert_eq!(fold_char('«'), Fold::Replace('"'));
/// assert_eq!(fold_char('ب'), Fold::Keep);
/// ```
#[inline]
/// Characters that show nothing or reorder what is shown: bidirectional
/// controls (U+202A-U+202E, U+2066-U+2069), zero-width characters
/// (U+200B-U+200F, U+2060-U+2064) and the byte order mark inside text.
/// Folded away for matching; shown by name in every report, so that two
/// quotes that look the same cannot hide a difference.
pub fn is_hidden(c: char) -> bool {
    matches!(c as u32, 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x2069 | 0xFEFF)
}

/// Letters and digits of another alphabet that look like Arabic ones: the
/// Persian yeh (U+06CC, like ي or ى) and keheh (U+06A9, like ك), and the
/// Persian digits (U+06F0-U+06F9, most drawn as the Arabic-Indic digits).
/// Folded to their Arabic forms for matching; a finding names them, since
/// a quote that holds them differs in its bytes from one that looks the
/// same.
pub fn is_lookalike(c: char) -> bool {
    matches!(c as u32, 0x06A9 | 0x06CC | 0x06F0..=0x06F9)
}

/// The text for display: each hidden character written as its code point
/// (`⟦U+202E⟧`) instead of raw, and each look-alike followed by its code
/// point (`ی⟦U+06CC⟧`), so that no report shows two different quotes the
/// same way.
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| is_hidden(c) || is_lookalike(c)) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut o = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_hidden(c) {
            o.push_str(&format!("⟦U+{:04X}⟧", c as u32));
        } else if is_lookalike(c) {
            o.push(c);
            o.push_str(&format!("⟦U+{:04X}⟧", c as u32));
        } else {
            o.push(c);
        }
    }
    std::borrow::Cow::Owned(o)
}

pub fn fold_char(c: char) -> Fold {
    let u = c as u32;
    if u < 0x80 {
        return match c {
            ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' => Fold::Space,
            _ => Fold::Keep,
        };
    }
    if (0x0600..=0x06FF).contains(&u) {
        return match ARABIC[(u - 0x0600) as usize] {
            '\0' => Fold::Keep,
            '\u{1}' => Fold::Drop,
            r => Fold::Replace(r),
        };
    }
    match u {
        // Harakat, tanween, shadda, sukun, combining hamza/madda, and the
        // rest of the Arabic combining block.
        0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED => Fold::Drop,
        0x0640 => Fold::Drop, // tatweel
        0x0622 | 0x0623 | 0x0625 | 0x0671..=0x0673 | 0x0675 => Fold::Replace('ا'),
        0x0649 => Fold::Replace('ي'),
        0x0629 => Fold::Replace('ه'),
        0x0624 => Fold::Replace('و'),
        0x0626 => Fold::Replace('ي'),
        0x06CC => Fold::Replace('ي'), // Persian yeh
        0x06A9 => Fold::Replace('ك'), // Persian kaf (keheh)
        0x0660..=0x0669 => Fold::Replace(char::from(b'0' + (u - 0x0660) as u8)),
        0x06F0..=0x06F9 => Fold::Replace(char::from(b'0' + (u - 0x06F0) as u8)),
        0x060C => Fold::Replace(','),
        0x061B => Fold::Replace(';'),
        0x061F => Fold::Replace('?'),
        0x00AB | 0x00BB | 0x201C | 0x201D | 0x201E | 0x201F | 0x2039 | 0x203A | 0x201A | 0x2033 => {
            Fold::Replace('"')
        }
        _ if is_hidden(c) => Fold::Drop,
        0x00A0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000 | 0x0085 => {
            Fold::Space
        }
        0xFB50..=0xFDFF | 0xFE70..=0xFEFC => Fold::Decompose,
        _ => Fold::Keep,
    }
}

/// Compatibility decomposition of an Arabic presentation form, folded.
/// Returns the characters to emit; unknown forms are kept as they are.
fn decompose(c: char, out: &mut String) {
    let mut any = false;
    unicode_normalization::char::decompose_compatible(c, |d| {
        any = true;
        match fold_char(d) {
            Fold::Keep => out.push(d),
            Fold::Replace(r) => out.push(r),
            // Presentation forms such as ﹰ (U+FE70) decompose to a space
            // and a mark: the space joins any run already written.
            Fold::Space => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            Fold::Drop | Fold::Decompose => {}
        }
    });
    if !any {
        out.push(c);
    }
}

/// Normalise `text` into `out` (cleared first), without an offset map.
///
/// This is the fast path used for single words and for comparing strings.
/// Leading and trailing white space is kept as one space, so that words
/// normalised one by one keep their boundaries.
///
/// ```
/// let mut s = String::new();
/// isnad::text::normalize::normalize_into("وأكّدَ إبراهيم", &mut s);
/// assert_eq!(s, "واكد ابراهيم");
/// ```
pub fn normalize_into(text: &str, out: &mut String) {
    out.clear();
    let mut in_space = false;
    for c in text.chars() {
        match fold_char(c) {
            Fold::Keep => {
                out.push(c);
                in_space = false;
            }
            Fold::Replace(r) => {
                out.push(r);
                in_space = false;
            }
            Fold::Drop => {}
            Fold::Space => {
                if !in_space {
                    out.push(' ');
                    in_space = true;
                }
            }
            Fold::Decompose => {
                decompose(c, out);
                in_space = out.ends_with(' ');
            }
        }
    }
}

/// The UTF-8 bytes each code point of the Arabic block folds to: length
/// (0 for a dropped mark) and up to two bytes.
static ARABIC_BYTES: [(u8, [u8; 2]); 256] = {
    let mut t = [(0u8, [0u8; 2]); 256];
    let mut k = 0;
    while k < 256 {
        let u = 0x0600 + k as u32;
        let c = match ARABIC[k] {
            '\0' => match char::from_u32(u) {
                Some(c) => c,
                None => '\0',
            },
            c => c,
        };
        t[k] = if c == '\u{1}' {
            (0, [0, 0])
        } else if (c as u32) < 0x80 {
            (1, [c as u8, 0])
        } else {
            let v = c as u32;
            (2, [0xC0 | (v >> 6) as u8, 0x80 | (v & 0x3F) as u8])
        };
        k += 1;
    }
    t
};

/// Append the fold of one character (the slow path of the word scan).
#[inline(never)]
fn push_folded(c: char, buf: &mut Vec<u8>) {
    let mut tmp = [0u8; 4];
    match fold_char(c) {
        Fold::Keep => buf.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes()),
        Fold::Replace(r) => buf.extend_from_slice(r.encode_utf8(&mut tmp).as_bytes()),
        Fold::Drop | Fold::Space => {}
        Fold::Decompose => {
            let mut s = String::new();
            decompose(c, &mut s);
            buf.extend_from_slice(s.as_bytes());
        }
    }
}

/// Push the fold of the Arabic-block letter with low byte `u` (one table
/// lookup, no copy call).
#[inline(always)]
fn push_arabic(u: usize, buf: &mut Vec<u8>) {
    let (len, enc) = ARABIC_BYTES[u];
    match len {
        // Most letters: a fixed two-byte copy, one capacity check.
        2 => buf.extend_from_slice(&enc),
        1 => buf.push(enc[0]),
        _ => {}
    }
}

/// The tokeniser's word scan, in one pass with normalisation: from byte `i`
/// of `src`, append the fold of every character that belongs to the word
/// and return where the word ends. `arabic_word[u]` says whether U+0600+u
/// belongs to a word, `is_word` decides characters outside ASCII and the
/// Arabic block, and `joins(j, c)` keeps a character that would end the
/// word inside it (a decimal point between digits).
#[inline]
pub(crate) fn scan_word(
    src: &str,
    mut i: usize,
    out: &mut String,
    arabic_word: &[bool; 256],
    is_word: impl Fn(char) -> bool,
    joins: impl Fn(usize, char) -> bool,
) -> usize {
    let bytes = src.as_bytes();
    // SAFETY: every byte sequence appended below is either a whole
    // character copied from `src` (a valid `str`) or the UTF-8 encoding of
    // a whole character (from the table or `char::encode_utf8`), so `out`
    // stays valid UTF-8 at every step.
    let buf = unsafe { out.as_mut_vec() };
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_alphanumeric() || joins(i, b as char) {
                buf.push(b);
                i += 1;
                continue;
            }
            break;
        }
        if (0xD8..=0xDB).contains(&b) && i + 1 < bytes.len() {
            let u = (((b & 0x03) as usize) << 6) | (bytes[i + 1] & 0x3F) as usize;
            if arabic_word[u] || joins(i, char::from_u32(0x600 + u as u32).unwrap_or('\0')) {
                push_arabic(u, buf);
                i += 2;
                continue;
            }
            break;
        }
        let Some(c) = src[i..].chars().next() else {
            break;
        };
        if !(is_word(c) || joins(i, c)) {
            break;
        }
        push_folded(c, buf);
        i += c.len_utf8();
    }
    // The promise the unsafe block relies on, checked in debug builds,
    // the property tests and the fuzz targets.
    if cfg!(any(debug_assertions, fuzzing)) {
        assert!(
            std::str::from_utf8(out.as_bytes()).is_ok(),
            "scan_word wrote invalid UTF-8"
        );
    }
    i
}

/// Normalise a string and return the result, without an offset map.
///
/// ```
/// assert_eq!(isnad::text::normalize::normalize_str("مُسْتَشْفَى"), "مستشفي");
/// assert_eq!(isnad::text::normalize::normalize_str("٢٠٢٤"), "2024");
/// ```
pub fn normalize_str(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    normalize_into(text, &mut s);
    s
}

/// One place where the folded text and the original differ in byte length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Change {
    norm: u32,
    orig: u32,
    norm_len: u32,
    orig_len: u32,
}

/// Maps byte offsets of normalised text back to byte offsets of the
/// original text.
///
/// Between two recorded changes the two texts advance byte for byte (a fold
/// such as أ → ا keeps the byte length), so only length-changing folds are
/// stored.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    changes: Vec<Change>,
    norm_len: usize,
    orig_len: usize,
}

impl fmt::Debug for OffsetMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OffsetMap")
            .field("changes", &self.changes.len())
            .field("norm_len", &self.norm_len)
            .field("orig_len", &self.orig_len)
            .finish()
    }
}

impl OffsetMap {
    /// The original byte offset for a byte offset of the normalised text.
    ///
    /// An offset just after removed characters (diacritics after a letter)
    /// maps after them, so a span ending at a letter keeps its marks. An
    /// offset inside a multi-byte replacement maps to its start. Offsets
    /// past the end map to the end of the original.
    pub fn to_original(&self, norm: usize) -> usize {
        if norm >= self.norm_len {
            return self.orig_len;
        }
        let n = norm as u32;
        let i = self.changes.partition_point(|c| c.norm <= n);
        if i == 0 {
            return norm;
        }
        let c = self.changes[i - 1];
        if n < c.norm + c.norm_len {
            // Inside a replacement: point at its start.
            c.orig as usize
        } else {
            (c.orig + c.orig_len + (n - c.norm - c.norm_len)) as usize
        }
    }

    /// The original byte span for a span `[start, end)` of the normalised
    /// text.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.to_original(start);
        let e = self.to_original(end).max(s);
        (s, e)
    }

    /// Number of recorded length changes (a measure of the map's size).
    pub fn len(&self) -> usize {
        self.changes.len()
    }

    /// True when the normalised text has the same byte offsets as the
    /// original.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    fn record(&mut self, norm: usize, orig: usize, norm_len: usize, orig_len: usize) {
        if norm_len == orig_len {
            return;
        }
        if let Some(last) = self.changes.last_mut() {
            // Merge adjacent removals (a run of diacritics, a long run of
            // white space) into one entry. A removal followed by a
            // replacement stays two entries, so that an offset after the
            // removed marks still maps after them.
            if norm_len == 0
                && last.norm_len == 0
                && (last.norm + last.norm_len) as usize == norm
                && (last.orig + last.orig_len) as usize == orig
            {
                last.norm_len += norm_len as u32;
                last.orig_len += orig_len as u32;
                return;
            }
        }
        self.changes.push(Change {
            norm: norm as u32,
            orig: orig as u32,
            norm_len: norm_len as u32,
            orig_len: orig_len as u32,
        });
    }
}

/// Normalised text and the way back to the original.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    text: String,
    map: OffsetMap,
}

impl Normalized {
    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The offset map back to the original.
    pub fn map(&self) -> &OffsetMap {
        &self.map
    }

    /// Shorthand for [`OffsetMap::to_original`].
    pub fn to_original(&self, norm: usize) -> usize {
        self.map.to_original(norm)
    }

    /// Shorthand for [`OffsetMap::original_span`].
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        self.map.original_span(start, end)
    }
}

/// Normalise `text` for matching and keep a map back to original offsets.
///
/// Texts of 4 GiB or more are outside the map's 32-bit offsets; isnad's
/// input limits keep documents far below that.
///
/// ```
/// use isnad::text::normalize::normalize;
/// let original = "وقالَ الوزيرُ: «سنُعيد بناء ٤٥ مدرسة»";
/// let n = normalize(original);
/// assert_eq!(n.as_str(), "وقال الوزير: \"سنعيد بناء 45 مدرسه\"");
/// // The span of "45" in the normalised text points at "٤٥" in the original.
/// let s = n.as_str().find("45").unwrap();
/// let (os, oe) = n.original_span(s, s + 2);
/// assert_eq!(&original[os..oe], "٤٥");
/// ```
pub fn normalize(text: &str) -> Normalized {
    let mut out = String::with_capacity(text.len());
    let mut map = OffsetMap::default();
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        let clen = c.len_utf8();
        let before = out.len();
        match fold_char(c) {
            Fold::Keep => {
                out.push(c);
                in_space = false;
            }
            Fold::Replace(r) => {
                out.push(r);
                in_space = false;
            }
            Fold::Drop => {}
            Fold::Space => {
                if !in_space {
                    out.push(' ');
                    in_space = true;
                }
            }
            Fold::Decompose => {
                decompose(c, &mut out);
                in_space = out.ends_with(' ');
            }
        }
        map.record(before, i, out.len() - before, clen);
    }
    map.norm_len = out.len();
    map.orig_len = text.len();
    Normalized { text: out, map }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_map(original: &str) {
        let n = normalize(original);
        let mut last = 0;
        for (i, _) in n.as_str().char_indices().chain([(n.as_str().len(), ' ')]) {
            let o = n.to_original(i);
            assert!(o >= last, "map not monotone at {i} in {original:?}");
            assert!(original.is_char_boundary(o), "not a boundary: {o}");
            last = o;
        }
    }

    #[test]
    fn folds_the_documented_letters() {
        assert_eq!(normalize_str("أإآٱ"), "اااا");
        assert_eq!(
            normalize_str("مستشفى مدرسة مؤتمر رئيس"),
            "مستشفي مدرسه موتمر رييس"
        );
        assert_eq!(normalize_str("۱۲۳ ١٢٣"), "123 123");
        assert_eq!(normalize_str("قال ، نعم ؛ لماذا ؟"), "قال , نعم ; لماذا ?");
        assert_eq!(normalize_str("ـــقـــال"), "قال");
    }

    #[test]
    fn decomposed_hamza_does_not_survive_as_a_mark() {
        // ا followed by combining hamza above (U+0654) is أ written in two
        // code points; both spellings must meet.
        assert_eq!(normalize_str("\u{0627}\u{0654}كد"), normalize_str("أكد"));
    }

    #[test]
    fn presentation_forms_decompose() {
        assert_eq!(normalize_str("\u{FEFB}"), "لا");
        check_map("x\u{FEFB}y");
        let n = normalize("\u{FEFB}");
        assert_eq!(n.to_original(1), 0);
        assert_eq!(n.to_original(4), 3);
    }

    /// Regression (found by the property test): a presentation form that
    /// decomposes to a space and a mark (U+FE70, ﹰ) next to a space made two
    /// spaces, so normalising twice changed the text.
    #[test]
    fn decomposed_space_joins_the_run() {
        for s in ["a \u{FE70} b", "\u{FE70} x", "x \u{FE70}"] {
            let once = normalize_str(s);
            assert_eq!(normalize_str(&once), once, "{s:?}");
            assert_eq!(normalize(s).as_str(), once);
        }
    }

    #[test]
    fn invisible_characters_are_removed() {
        assert_eq!(normalize_str("قا\u{200B}ل\u{202E}"), "قال");
    }

    #[test]
    fn white_space_runs_collapse() {
        assert_eq!(normalize_str("a \n\t b\u{00A0}c"), "a b c");
    }

    #[test]
    fn offsets_survive_diacritics_and_digits() {
        let original = "قالَ: «٤٥ ألفاً»";
        let n = normalize(original);
        let norm = n.as_str();
        let s = norm.find("الفا").unwrap();
        let (os, oe) = n.original_span(s, s + "الفا".len());
        // The span keeps the tanween that follows the last letter.
        assert_eq!(&original[os..oe], "ألفاً");
        check_map(original);
    }

    #[test]
    fn idempotent_on_samples() {
        for s in ["وقالَ «نعم»", "٢٠٢٤ ، ؛", "  a  ", "\u{FEFB}ـ"] {
            let once = normalize_str(s);
            assert_eq!(normalize_str(&once), once);
        }
    }
}
