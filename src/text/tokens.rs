//! The text model: words, punctuation, paragraphs and quotations, each with
//! its byte span in the original text.
//!
//! Rules never look at raw characters: they walk [`Token`]s. A word token
//! carries its normalised form (see [`crate::text::normalize`]) so lexicon lookups
//! see one spelling, while its span still points into the original.

use crate::text::normalize::scan_word;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok {
    /// Letters, digits and the marks inside a word.
    Word,
    /// A quote mark.
    Quote(Mark),
    /// `.`, `!`, `?`, `؟`: the end of a sentence.
    Stop,
    /// `،` or `,`.
    Comma,
    /// `:`.
    Colon,
    /// One or more line breaks: the end of a paragraph.
    Break,
    /// Any other punctuation or symbol.
    Other,
}

/// Quote marks, by family and shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// `"`
    Ascii,
    /// `«`
    GuillemetLeft,
    /// `»`
    GuillemetRight,
    /// `“` (U+201C)
    CurlyLeft,
    /// `”` (U+201D)
    CurlyRight,
    /// `„` (U+201E)
    Low,
}

impl Mark {
    fn family(self) -> u8 {
        match self {
            Mark::Ascii => 0,
            Mark::GuillemetLeft | Mark::GuillemetRight => 1,
            Mark::CurlyLeft | Mark::CurlyRight | Mark::Low => 2,
        }
    }

    fn of(c: char) -> Option<Mark> {
        Some(match c {
            '"' => Mark::Ascii,
            '«' => Mark::GuillemetLeft,
            '»' => Mark::GuillemetRight,
            '\u{201C}' => Mark::CurlyLeft,
            '\u{201D}' => Mark::CurlyRight,
            '\u{201E}' => Mark::Low,
            _ => return None,
        })
    }
}

/// What a quote mark does, where its shape decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// A mark without a partner: punctuation.
    Stray,
}

/// A token with its span in the original text and, for words, the span of
/// its normalised form in [`Text::norm`].
#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub kind: Tok,
    pub start: u32,
    pub end: u32,
    pub nstart: u32,
    pub nend: u32,
    /// Index of the paragraph the token is in.
    pub para: u32,
}

/// A quotation: the marks and the text between them.
#[derive(Debug, Clone)]
pub struct Quote {
    /// Token index of the opening mark.
    pub open: usize,
    /// Token index of the closing mark, if the quote is closed.
    pub close: Option<usize>,
    /// Token index just past the content (the closing mark, or the end of
    /// the paragraph for an unclosed quote).
    pub end_tok: usize,
    /// Byte span of the content, trimmed of white space.
    pub start: usize,
    pub end: usize,
    /// The innermost quote this one is nested in.
    pub parent: Option<usize>,
    /// True when the quote reopens its mark on later paragraphs.
    pub multi_paragraph: bool,
}

/// A tokenised document.
#[derive(Debug, Clone, Default)]
pub struct Text {
    pub tokens: Vec<Token>,
    /// Normalised forms of the word tokens, separated by spaces.
    pub norm: String,
    pub quotes: Vec<Quote>,
    /// For each token, the innermost quote containing it (strictly inside
    /// its marks).
    pub in_quote: Vec<Option<u32>>,
    /// For each token that opens a quote, the quote's index.
    pub opens: Vec<Option<u32>>,
    /// Marks that would have opened a quote nested deeper than
    /// [`MAX_QUOTE_DEPTH`], read as punctuation instead: how many, and the
    /// byte offset of the first.
    pub too_deep: Option<(usize, usize)>,
}

/// How deep quotations may nest. Real copy nests two or three levels; a
/// run of thousands of opening marks would otherwise make every mark's
/// pairing search the whole stack.
pub const MAX_QUOTE_DEPTH: usize = 16;

/// Letters, digits and the marks written on them: what a word is made of,
/// for the tokeniser and for comparing contents word by word.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        return c.is_ascii_alphanumeric();
    }
    // The Arabic block first: letters, digits and marks, without the
    // general Unicode tables (which cost more than the rest of tokenising).
    if (0x0600..=0x06FF).contains(&u) {
        return matches!(u, 0x0610..=0x061A | 0x0620..=0x0669 | 0x066E..=0x06D3 | 0x06D5..=0x06ED | 0x06EE..=0x06FF);
    }
    c.is_alphanumeric()
        || matches!(c as u32, 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0640 | 0x200C | 0x200D)
        || (c as u32 >= 0x0300 && (c as u32) < 0x0370)
}

impl Text {
    /// Tokenise the whole of `src` and find its quotations (the engine
    /// tokenises paragraph by paragraph, [`Text::from_paragraphs`]).
    #[cfg(test)]
    pub fn new(src: &str) -> Text {
        let mut t = Text {
            tokens: Vec::with_capacity(src.len() / 5),
            norm: String::with_capacity(src.len()),
            ..Default::default()
        };
        t.tokenize(src);
        t.find_quotes(src);
        t
    }

    /// The normalised form of token `i` (empty for punctuation).
    #[inline]
    pub fn norm(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.norm[t.nstart as usize..t.nend as usize]
    }

    /// True if token `i` ends a sentence for the purpose of finding where a
    /// sentence starts: a stop, a paragraph break, or the gap left by
    /// paragraphs that were not tokenised.
    #[inline]
    pub fn is_boundary(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        matches!(t.kind, Tok::Stop | Tok::Break) || (t.kind == Tok::Other && t.start == t.end)
    }

    /// True if token `i` is a word.
    #[inline]
    pub fn is_word(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == Tok::Word)
    }

    /// True if the words of `phrase` (normalised) are tokens `i`, `i + 1`
    /// ... of the text, all before `to`.
    pub fn phrase_at(&self, i: usize, to: usize, phrase: &[String]) -> bool {
        phrase
            .iter()
            .enumerate()
            .all(|(k, w)| i + k < to && self.is_word(i + k) && self.norm(i + k) == w)
    }

    /// Tokenise only the given paragraphs: `(start, end, index)` byte
    /// ranges without their line break, in order, with the paragraph's
    /// index among the document's non-empty paragraphs. Paragraphs left out
    /// are ones that can hold no attribution; a gap token marks where they
    /// were, so that no frame or multi-paragraph quote reaches across them.
    pub fn from_paragraphs(src: &str, paras: &[(usize, usize, u32)]) -> Text {
        let total: usize = paras.iter().map(|p| p.1 - p.0).sum();
        let mut t = Text {
            tokens: Vec::with_capacity(total / 5),
            norm: String::with_capacity(total),
            ..Default::default()
        };
        let mut prev: Option<u32> = None;
        for &(start, end, index) in paras {
            if prev.is_some_and(|p| p + 1 != index) {
                t.push(Tok::Other, start, start, index);
            }
            t.tokenize_range(src, start, end, index);
            if t.tokens.last().is_some_and(|k| k.kind != Tok::Break) {
                let nl = if src.as_bytes().get(end) == Some(&b'\n') {
                    end + 1
                } else {
                    end
                };
                t.push(Tok::Break, end, nl, index);
            }
            prev = Some(index);
        }
        t.find_quotes(src);
        t
    }

    #[cfg(test)]
    fn tokenize(&mut self, src: &str) {
        self.tokenize_range(src, 0, src.len(), 0);
    }

    fn tokenize_range(&mut self, src: &str, from: usize, to: usize, first_para: u32) {
        let mut para = first_para;
        let src = &src[..to];
        let bytes = src.as_bytes();
        let mut i = from;
        while i < to {
            let x = bytes[i];
            // ASCII white space, the commonest byte after letters.
            if x == b' ' || x == b'\t' {
                i += 1;
                continue;
            }
            let c = if x < 0x80 {
                x as char
            } else {
                match src[i..].chars().next() {
                    Some(c) => c,
                    None => break,
                }
            };
            let clen = c.len_utf8();
            if c == '\n' || c == '\r' || c == '\u{2029}' {
                // A run of line breaks (with blanks between) is one break.
                let mut j = i + clen;
                while let Some(d) = src[j..].chars().next().filter(|d| d.is_whitespace()) {
                    j += d.len_utf8();
                }
                if self.tokens.last().is_some_and(|t| t.kind != Tok::Break) {
                    self.push(Tok::Break, i, i + clen, para);
                    para += 1;
                }
                i = j;
                continue;
            }
            if c.is_whitespace() {
                i += clen;
                continue;
            }
            if is_word_char(c) {
                let start = i;
                let nstart = self.norm.len();
                let end = scan_word(
                    src,
                    i,
                    &mut self.norm,
                    &ARABIC_WORD,
                    is_word_char,
                    |j, d| {
                        (matches!(d, '.' | ',' | '٫' | '٬')
                            && j > start
                            && digit_before(src, j)
                            && next_is_digit(src, j + d.len_utf8()))
                            || (d == '.' && j > start && dotted_abbreviation(src, start, j))
                    },
                );
                let nend = self.norm.len();
                self.norm.push(' ');
                self.tokens.push(Token {
                    kind: Tok::Word,
                    start: start as u32,
                    end: end as u32,
                    nstart: nstart as u32,
                    nend: nend as u32,
                    para,
                });
                i = end;
                continue;
            }
            let kind = if let Some(m) = Mark::of(c) {
                Tok::Quote(m)
            } else {
                match c {
                    '.' | '!' | '?' | '؟' => Tok::Stop,
                    '،' | ',' => Tok::Comma,
                    ':' => Tok::Colon,
                    _ => Tok::Other,
                }
            };
            let mut end = i + clen;
            if kind == Tok::Stop && c == '.' && self.initial_before(src, i) {
                // The period of an initial or a one-letter abbreviation
                // (د. سامي، م. أحمد، جون ف. كينيدي) does not end the sentence.
                self.push(Tok::Other, i, i + 1, para);
                i += 1;
                continue;
            }
            if kind == Tok::Stop && c == '.' {
                // An ellipsis does not end the sentence.
                while bytes.get(end) == Some(&b'.') {
                    end += 1;
                }
                if end > i + 1 {
                    self.push(Tok::Other, i, end, para);
                    i = end;
                    continue;
                }
            }
            self.push(kind, i, end, para);
            i = end;
        }
    }

    /// True if the period at `dot` follows an initial: a word whose last
    /// letter stands alone (د، م، ف، or أ.د), not after a number (2015 م.
    /// is a year), with more of the sentence after it on the same line.
    fn initial_before(&self, src: &str, dot: usize) -> bool {
        let n = self.tokens.len();
        let Some(w) = self
            .tokens
            .last()
            .filter(|t| t.kind == Tok::Word && t.end as usize == dot)
        else {
            return false;
        };
        let word = &src[w.start as usize..w.end as usize];
        let last = word.rsplit('.').next().unwrap_or(word);
        // One letter is at most four bytes (two for an Arabic one).
        if last.len() > 4 {
            return false;
        }
        let mut letters = last.chars().filter(|c| c.is_alphabetic());
        if letters.next().is_none()
            || letters.next().is_some()
            || last.chars().any(|c| c.is_numeric())
        {
            return false;
        }
        let after_number = n >= 2
            && !word.contains('.')
            && self.tokens[n - 2].kind == Tok::Word
            && src[self.tokens[n - 2].start as usize..self.tokens[n - 2].end as usize]
                .chars()
                .next()
                .is_some_and(|c| c.is_numeric());
        if after_number {
            return false;
        }
        let rest = src[dot + 1..].trim_start_matches([' ', '\u{a0}']);
        rest.chars().next().is_some_and(is_word_char)
    }

    fn push(&mut self, kind: Tok, start: usize, end: usize, para: u32) {
        let n = self.norm.len() as u32;
        self.tokens.push(Token {
            kind,
            start: start as u32,
            end: end as u32,
            nstart: n,
            nend: n,
            para,
        });
    }

    /// Pair quote marks paragraph by paragraph.
    ///
    /// A mark opens a quote unless it closes the innermost open quote of its
    /// family: the same ASCII mark, the other guillemet, or either curly
    /// mark (outlets write “…”, ”…“ and even ”…”). A closing mark of a
    /// family open deeper in the stack closes that quote and every quote
    /// opened inside it. At the end of a paragraph, quotes still open run on
    /// when the next paragraph starts with a mark of the same family (the
    /// convention for a quotation over several paragraphs); otherwise they
    /// end with their paragraph, so an unclosed mark never swallows the rest
    /// of the article.
    fn find_quotes(&mut self, src: &str) {
        let n = self.tokens.len();
        self.in_quote = vec![None; n];
        self.opens = vec![None; n];
        let roles = self.ascii_roles(src);
        // Stack of (quote index, opening mark).
        let mut stack: Vec<(usize, Mark)> = Vec::new();
        let mut i = 0;
        while i < n {
            if roles[i] == Some(Role::Stray) {
                // A stray mark is punctuation, not a quote boundary.
                self.tokens[i].kind = Tok::Other;
            }
            let tok = self.tokens[i];
            match tok.kind {
                Tok::Quote(m) => {
                    let closes = if roles[i] == Some(Role::Open) {
                        None
                    } else {
                        stack.iter().rposition(|&(_, om)| {
                            om.family() == m.family()
                                && match om {
                                    Mark::GuillemetLeft => m == Mark::GuillemetRight,
                                    Mark::GuillemetRight => m == Mark::GuillemetLeft,
                                    _ => true,
                                }
                        })
                    };
                    // ASCII and curly marks close only the innermost quote of
                    // their family when it has content; an empty pair is
                    // still a pair.
                    if let Some(pos) = closes {
                        while stack.len() > pos {
                            let (q, _) = stack.pop().unwrap();
                            self.close_quote(q, i, Some(i), src);
                        }
                    } else if stack.len() >= MAX_QUOTE_DEPTH {
                        self.tokens[i].kind = Tok::Other;
                        let first = self.too_deep.map_or(tok.start as usize, |d| d.1);
                        self.too_deep = Some((self.too_deep.map_or(0, |d| d.0) + 1, first));
                    } else {
                        let q = self.quotes.len();
                        self.quotes.push(Quote {
                            open: i,
                            close: None,
                            end_tok: i,
                            start: tok.end as usize,
                            end: tok.end as usize,
                            parent: stack.last().map(|&(p, _)| p),
                            multi_paragraph: false,
                        });
                        self.opens[i] = Some(q as u32);
                        stack.push((q, m));
                    }
                }
                Tok::Break if !stack.is_empty() => {
                    // Does the next paragraph reopen the outermost quote?
                    let (outer, om) = stack[0];
                    let reopens = self.tokens.get(i + 1).is_some_and(
                        |t| matches!(t.kind, Tok::Quote(m) if m.family() == om.family()),
                    );
                    if reopens {
                        // Inner quotes end here; the outer one runs on
                        // and the reopening mark is part of its content.
                        while stack.len() > 1 {
                            let (q, _) = stack.pop().unwrap();
                            self.close_quote(q, i, None, src);
                        }
                        self.quotes[outer].multi_paragraph = true;
                        self.mark_inside(outer, i, i + 2);
                        i += 2;
                        continue;
                    }
                    while let Some((q, _)) = stack.pop() {
                        self.close_quote(q, i, None, src);
                    }
                }
                _ => {}
            }
            if let Some(&(q, _)) = stack.last() {
                if self.quotes[q].open != i {
                    self.in_quote[i] = Some(q as u32);
                }
            }
            i += 1;
        }
        while let Some((q, _)) = stack.pop() {
            self.close_quote(q, n, None, src);
        }
    }

    /// For each ASCII `"` token, its role where the marks' shapes pair them
    /// better than taking them by turns: a mark after a space and before a
    /// letter opens, one after a letter and before a space or punctuation
    /// closes. In a paragraph where pairing by shape leaves fewer marks out
    /// of place than pairing by turns, every mark gets its role from the
    /// shapes: nested quotes of the same mark are found («قال: "إن الوزير
    /// صرح أن بلاده "لا تتسامح" مع ذلك"»), a stray mark typed by mistake
    /// (وقال "الفوزان في حديثه ...) is left out rather than shifting every
    /// pair after it, and an opener whose closing mark was forgotten at the
    /// end of the paragraph stays an unclosed quote. Elsewhere `None`: the marks pair by turns, as they do
    /// in most copy.
    fn ascii_roles(&self, src: &str) -> Vec<Option<Role>> {
        let n = self.tokens.len();
        let mut roles = vec![None; n];
        // Most texts have too few ASCII marks for this to matter.
        let ascii = self
            .tokens
            .iter()
            .filter(|t| t.kind == Tok::Quote(Mark::Ascii))
            .count();
        if ascii < 3 {
            return roles;
        }
        let mut i = 0;
        while i < n {
            // One paragraph: tokens up to the next break.
            let mut end = i;
            while end < n && self.tokens[end].kind != Tok::Break {
                end += 1;
            }
            let marks: Vec<usize> = (i..end)
                .filter(|&k| self.tokens[k].kind == Tok::Quote(Mark::Ascii))
                .collect();
            if marks.len() >= 3 {
                // The shape of each mark: Some(true) opens, Some(false)
                // closes, None is unclear.
                let shapes: Vec<Option<bool>> = marks
                    .iter()
                    .map(|&k| {
                        let t = self.tokens[k];
                        let before = src[..t.start as usize].chars().next_back();
                        let after = src[t.end as usize..].chars().next();
                        let space_before =
                            before.is_none_or(|c| c.is_whitespace() || "(:[«،".contains(c));
                        let space_after = after.is_none_or(|c| {
                            c.is_whitespace() || ".,،:;)!?؟".contains(c) || c == '"'
                        });
                        match (space_before, space_after) {
                            (true, false) => Some(true),
                            (false, true) => Some(false),
                            _ => None,
                        }
                    })
                    .collect();
                // By turns: a pair whose opener is shaped as a closer or
                // whose closer is shaped as an opener is out of place, and so
                // is a last mark without a partner.
                let mut by_turns = marks.len() % 2;
                for pair in shapes.chunks(2) {
                    if pair[0] == Some(false) || pair.get(1).copied().flatten() == Some(true) {
                        by_turns += 1;
                    }
                }
                // By shape: a stack; marks left without a partner are strays.
                let mut stack: Vec<usize> = Vec::new();
                let mut assigned: Vec<Role> = vec![Role::Stray; marks.len()];
                for (x, shape) in shapes.iter().enumerate() {
                    let opens = match shape {
                        Some(o) => *o,
                        None => stack.is_empty(),
                    };
                    if opens {
                        stack.push(x);
                    } else if let Some(o) = stack.pop() {
                        assigned[o] = Role::Open;
                        assigned[x] = Role::Close;
                    }
                }
                let by_shape = assigned.iter().filter(|&&r| r == Role::Stray).count();
                // An opener left without a partner is a quote whose closing
                // mark was forgotten when at most one sentence follows it in
                // the paragraph («وقال ليثغو "كان ... لفيلم "باتمان" للمخرج.»);
                // before more sentences it is a stray mark.
                for &x in &stack {
                    let k = marks[x];
                    let stops = (k..end)
                        .filter(|&j| self.tokens[j].kind == Tok::Stop)
                        .count();
                    if shapes[x] == Some(true) && stops <= 1 {
                        assigned[x] = Role::Open;
                    }
                }
                if by_shape < by_turns {
                    for (x, &k) in marks.iter().enumerate() {
                        roles[k] = Some(assigned[x]);
                    }
                }
            }
            i = end + 1;
        }
        roles
    }

    fn mark_inside(&mut self, q: usize, from: usize, to: usize) {
        for k in from..to.min(self.in_quote.len()) {
            self.in_quote[k] = Some(q as u32);
        }
    }

    fn close_quote(&mut self, q: usize, end_tok: usize, close: Option<usize>, src: &str) {
        let start = self.quotes[q].start;
        let end = match close {
            Some(c) => self.tokens[c].start as usize,
            None => {
                // Unclosed: content ends with the last token before the break.
                if end_tok > 0 && end_tok - 1 > self.quotes[q].open {
                    self.tokens[end_tok - 1].end as usize
                } else {
                    start
                }
            }
        };
        let (s, e) = trim_span(src, start, end.max(start));
        let quote = &mut self.quotes[q];
        quote.close = close;
        quote.end_tok = end_tok;
        quote.start = s;
        quote.end = e;
    }

    /// Index of the first token at or after byte `pos`.
    pub fn token_at(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| (t.start as usize) < pos)
    }
}

/// Word characters of the Arabic block U+0600..U+06FF, by low byte of the
/// code point: what [`is_word_char`] says, as a table for the byte scan.
const ARABIC_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut u = 0usize;
    while u < 256 {
        let c = 0x0600 + u as u32;
        t[u] = matches!(c, 0x0610..=0x061A | 0x0620..=0x0669 | 0x066E..=0x06D3 | 0x06D5..=0x06ED | 0x06EE..=0x06FF);
        u += 1;
    }
    t
};

/// True if the period at `dot`, inside the word that starts at `start`,
/// joins the letters of an abbreviation or an address rather than ending a
/// sentence: أ.ف.ب، إكس.واي.زد، د.سامي، example.com. Both sides are
/// letters with no space; either side is at most three letters, the side
/// before is a single letter, or both sides are Latin.
fn dotted_abbreviation(src: &str, start: usize, dot: usize) -> bool {
    let before = &src[start..dot];
    let left = before.rsplit('.').next().unwrap_or(before);
    let right: &str = {
        let r = &src[dot + 1..];
        let end = r.find(|c: char| !is_word_char(c)).unwrap_or(r.len());
        &r[..end]
    };
    if left.is_empty()
        || right.is_empty()
        || left.chars().chain(right.chars()).any(|c| c.is_numeric())
    {
        return false;
    }
    let (l, r) = (left.chars().count(), right.chars().count());
    let latin = |s: &str| s.chars().all(|c| c.is_ascii_alphabetic());
    (l <= 3 && r <= 3) || l == 1 || (latin(left) && latin(right))
}

fn digit_before(src: &str, j: usize) -> bool {
    src[..j].chars().next_back().is_some_and(|c| c.is_numeric())
}

fn next_is_digit(src: &str, j: usize) -> bool {
    src.get(j..)
        .and_then(|s| s.chars().next())
        .is_some_and(|c| c.is_numeric())
}

/// Shrink `[s, e)` so that it neither starts nor ends with white space.
pub fn trim_span(src: &str, s: usize, e: usize) -> (usize, usize) {
    let piece = &src[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail >= piece.len() {
        return (s + lead.min(piece.len()), s + lead.min(piece.len()));
    }
    (s + lead, e - trail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(src: &str) -> Vec<&str> {
        let t = Text::new(src);
        t.quotes.iter().map(|q| &src[q.start..q.end]).collect()
    }

    #[test]
    fn words_and_punctuation() {
        let t = Text::new("وقالَ الوزير: «نعم»، 3.5 مليون.");
        let words: Vec<&str> = (0..t.tokens.len())
            .filter(|&i| t.is_word(i))
            .map(|i| t.norm(i))
            .collect();
        assert_eq!(words, ["وقال", "الوزير", "نعم", "3.5", "مليون"]);
        assert_eq!(t.tokens.last().unwrap().kind, Tok::Stop);
    }

    #[test]
    fn every_mark_style_pairs() {
        assert_eq!(
            quotes("قال \"أ ب\" و«ج د» و“هـ و” و”ز ح“"),
            ["أ ب", "ج د", "هـ و", "ز ح"]
        );
    }

    #[test]
    fn nested_quote_of_another_mark() {
        let src = "قال «سمعته يقول \"لن نعود\" ثم غادر»";
        assert_eq!(quotes(src), ["سمعته يقول \"لن نعود\" ثم غادر", "لن نعود"]);
        let t = Text::new(src);
        assert_eq!(t.quotes[1].parent, Some(0));
    }

    #[test]
    fn nested_ascii_marks_pair_by_shape() {
        let src = "وقال: \"إن المدير أكد أن الشركة \"لن تغلق\" أبوابها وأن العمال \"باقون\" في مواقعهم\".";
        assert_eq!(
            quotes(src),
            [
                "إن المدير أكد أن الشركة \"لن تغلق\" أبوابها وأن العمال \"باقون\" في مواقعهم",
                "لن تغلق",
                "باقون"
            ]
        );
        let t = Text::new(src);
        assert_eq!(t.quotes[1].parent, Some(0));
        assert_eq!(t.quotes[2].parent, Some(0));
    }

    #[test]
    fn stray_ascii_mark_does_not_shift_the_pairs_after_it() {
        // The mark before المحرر is a typing slip with no partner.
        let src = "وقال \"المحرر في حديثه: \"الخبر صحيح\". وأضاف: \"سننشر التفاصيل\". وختم: \"شكرا لكم\".";
        assert_eq!(quotes(src), ["الخبر صحيح", "سننشر التفاصيل", "شكرا لكم"]);
    }

    #[test]
    fn forgotten_closing_mark_leaves_an_unclosed_quote() {
        let src = "وقال المخرج \"كان أصعب يوم في تصوير فيلم \"الجسر\" الذي أخرجته.";
        let t = Text::new(src);
        assert_eq!(t.quotes.len(), 2);
        assert!(t.quotes[0].close.is_none());
        assert_eq!(quotes(src)[1], "الجسر");
    }

    #[test]
    fn ascii_marks_that_do_not_nest_pair_by_turns() {
        // Four marks whose shapes do not balance as a nesting: by turns.
        let src = "وصف القرار بـ\"المتسرع\" و\"غير المدروس\" أمس.";
        assert_eq!(quotes(src), ["المتسرع", "غير المدروس"]);
    }

    #[test]
    fn unclosed_mark_stops_at_its_paragraph() {
        let src = "قال «هذا نص بلا إغلاق\nوفقرة أخرى لا علاقة لها.";
        assert_eq!(quotes(src), ["هذا نص بلا إغلاق"]);
    }

    #[test]
    fn multi_paragraph_quote_reopens_its_mark() {
        let src = "وقال: «الفقرة الأولى\n«الفقرة الثانية»\nبعدها.";
        let q = quotes(src);
        assert_eq!(q, ["الفقرة الأولى\n«الفقرة الثانية"]);
        assert!(Text::new(src).quotes[0].multi_paragraph);
    }

    fn stops(src: &str) -> usize {
        Text::new(src)
            .tokens
            .iter()
            .filter(|t| t.kind == Tok::Stop)
            .count()
    }

    #[test]
    fn periods_of_initials_and_abbreviations_are_not_stops() {
        assert_eq!(stops("وقال د. سامي الخطيب إن الخطة جاهزة."), 1);
        assert_eq!(stops("وذكرت شركة إكس.واي.زد أن أرباحها ارتفعت."), 1);
        assert_eq!(stops("نقلت أ.ف.ب عن مصدر أن الاجتماع انتهى."), 1);
        assert_eq!(stops("وقال م.أحمد البدنة إن التسجيل بدأ."), 1);
        assert_eq!(
            stops("ارتفعت بنسبة 3.5 بالمئة. وقال الوزير إنها ستتراجع."),
            2
        );
        assert_eq!(stops("الموقع example.com يعمل. وقال المدير إنه آمن."), 2);
    }

    #[test]
    fn a_period_after_a_long_word_or_a_year_ends_the_sentence() {
        // A missing space after a full stop is common in copy: the sentences stay two.
        assert_eq!(stops("انتهى الاجتماع يوم الأحد.وقال الوزير إنه ناجح."), 2);
        assert_eq!(stops("تأسست عام 2015 م. وقال المدير إنها تنمو."), 2);
        // A one-letter word at the end of a paragraph ends it.
        assert_eq!(stops("فيتامين د."), 1);
    }

    #[test]
    fn ellipsis_is_not_a_stop() {
        let t = Text::new("سهلين... ونخليهم");
        assert!(t.tokens.iter().all(|t| t.kind != Tok::Stop));
    }
}
