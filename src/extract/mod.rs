//! The extraction engine: text in, attributions out.
//!
//! [`Engine::extract`] tokenises a document ([`crate::text`]), runs the rule
//! kinds of [`crate::extract::rules`] in a fixed order, resolves every source
//! ([`crate::extract::resolve`]), links nested attributions and numbers the records in
//! document order. Each rule kind only proposes candidates; the engine
//! owns ordering, de-duplication and ids, so output never depends on the
//! order in which rules happen to fire.

use crate::extract::attribution::{
    Attribution, Cue, Mode, OverLimit, Piece, Source, UnattributedQuote,
};
use crate::pack::lexicon::{Agree, CueForm, Lexicon};
use crate::pack::{Pack, PackError, Stance};
use crate::text::{Text, Tok};

pub mod attribution;
pub(crate) mod resolve;
pub(crate) mod rules;

/// A source noun phrase found next to a cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Np {
    /// Token range `[a, b)`.
    pub a: usize,
    pub b: usize,
    /// Byte span in the original text (may start inside token `a`, after
    /// an attached لـ).
    pub start: usize,
    pub end: usize,
    /// Bytes of token `a`'s normalised form to skip (the attached ل).
    pub skip: usize,
}

/// Where a candidate's source comes from, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SourceRef {
    /// A noun phrase next to the cue.
    Np(Np),
    /// The subject of the sentence's main verb.
    ClauseSubject(Np),
    /// The antecedent of a relative pronoun that is the cue's subject.
    Antecedent(Np),
    /// A subject the rules cannot name (a relative pronoun whose
    /// antecedent is not a speaker): unresolved, not taken from earlier
    /// sources.
    Unknown,
    /// No noun: resolve from earlier sources.
    ProDrop,
    /// A participle: continue the previous attribution's source.
    Tail,
}

/// A proposed attribution, in token and byte terms.
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub rule: String,
    pub mode: Mode,
    /// Token index of the cue (the first token for a phrase).
    pub cue_tok: usize,
    pub cue: (usize, usize),
    pub lemma: String,
    pub stance: Stance,
    pub agree: Option<Agree>,
    pub source: SourceRef,
    pub anonymous: bool,
    pub content: (usize, usize),
    /// The quote whose text is the content (direct mode).
    pub quote: Option<usize>,
    pub addressee: Option<(usize, usize)>,
    pub time: Option<(usize, usize)>,
    pub channel: Option<(usize, usize)>,
    pub unclosed: bool,
}

/// Answers "is this byte span inside some content span?" in logarithmic
/// time, so that checks over every quotation stay linear on documents with
/// thousands of attributions.
pub(crate) struct Coverage {
    /// Content spans sorted by start, with the running maximum of ends.
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl Coverage {
    pub(crate) fn new(cands: &[Cand]) -> Coverage {
        let mut spans: Vec<(usize, usize)> = cands.iter().map(|c| c.content).collect();
        spans.sort_unstable();
        let mut max_end = Vec::with_capacity(spans.len());
        let mut m = 0;
        for &(_, e) in &spans {
            m = m.max(e);
            max_end.push(m);
        }
        Coverage {
            starts: spans.iter().map(|s| s.0).collect(),
            max_end,
        }
    }

    /// True if `[s, e)` lies inside one of the spans. (A span starting at
    /// or before `s` whose end reaches `e`: the running maximum says
    /// whether one exists, since spans that start later cannot contain it.)
    pub(crate) fn covers(&self, s: usize, e: usize) -> bool {
        let k = self.starts.partition_point(|&x| x <= s);
        k > 0 && self.max_end[k - 1] >= e
    }
}

/// State shared by the rule kinds while one document is processed.
pub(crate) struct Ctx<'a> {
    pub src: &'a str,
    pub t: Text,
    pub lex: &'a Lexicon,
    /// Cue lookup per token: the form and whether a و/ف clitic was stripped.
    pub cue_at: Vec<Option<(CueForm, bool)>>,
    /// Cue tokens already used by a candidate.
    pub claimed: Vec<bool>,
    /// Quotes already used as content.
    pub quote_used: Vec<bool>,
    /// Tokens where an according-to phrase starts.
    pub acc_start: Vec<bool>,
    pub cands: Vec<Cand>,
}

impl Ctx<'_> {
    /// Byte span of token `i` in the original text.
    pub(crate) fn span(&self, i: usize) -> (usize, usize) {
        let t = self.t.tokens[i];
        (t.start as usize, t.end as usize)
    }

    /// Record a candidate: its cue token is used, and its quotation (if
    /// any) is content, so no later rule takes either again.
    pub(crate) fn commit(&mut self, cand: Cand) {
        self.claimed[cand.cue_tok] = true;
        if let Some(q) = cand.quote {
            self.quote_used[q] = true;
        }
        self.cands.push(cand);
    }
}

/// The result of extracting one document.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Extraction {
    pub attributions: Vec<Attribution>,
    /// Quotes of four words or more that no attribution claims.
    pub unattributed: Vec<UnattributedQuote>,
    /// What was left out because it passed a limit ([`Limits`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub over_limit: Vec<OverLimit>,
}

/// The default limit on a content's length: 20,000 characters, about twice
/// the longest content extracted from the 62,555 real articles of the
/// shared corpora (10,309 characters; 99.9% are under 1,200).
pub const MAX_QUOTE_CHARS: usize = 20_000;

/// Limits that keep extraction linear on hostile input. Whatever passes a
/// limit is listed in [`Extraction::over_limit`], never cut silently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The longest content (quote or reported speech) reported, in
    /// characters; a longer one is left out and listed.
    pub max_quote_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_quote_chars: MAX_QUOTE_CHARS,
        }
    }
}

/// The extraction engine: a compiled rule pack.
#[derive(Debug, Clone)]
pub struct Engine {
    lex: Lexicon,
    pack: Pack,
    limits: Limits,
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new(Pack::default_pack())
    }
}

impl Engine {
    /// An engine for a pack.
    pub fn new(pack: Pack) -> Engine {
        Engine {
            lex: Lexicon::compile(&pack),
            pack,
            limits: Limits::default(),
        }
    }

    /// The same engine with other limits.
    pub fn with_limits(mut self, limits: Limits) -> Engine {
        self.limits = limits;
        self
    }

    /// The default pack with a user pack laid over it.
    pub fn with_user_pack(path: &std::path::Path) -> Result<Engine, PackError> {
        let mut pack = Pack::default_pack();
        let user = Pack::load(path)?;
        pack.merge(user, &path.display().to_string())?;
        Ok(Engine::new(pack))
    }

    /// The pack the engine was built from.
    pub fn pack(&self) -> &Pack {
        &self.pack
    }

    /// Find every attribution in `src`.
    ///
    /// ```
    /// let engine = isnad::Engine::default();
    /// let text = "وقال وزير الري سامر الخطيب يوم الأحد إن منسوب النهر انخفض.";
    /// let found = engine.extract(text);
    /// let a = &found.attributions[0];
    /// assert_eq!(a.source.text, "وزير الري سامر الخطيب");
    /// assert_eq!(a.source.canonical, "سامر الخطيب");
    /// assert_eq!(a.content.text, "منسوب النهر انخفض");
    /// assert_eq!(a.time.as_ref().unwrap().text, "يوم الأحد");
    /// assert_eq!(a.rule, "verb-complement");
    /// ```
    pub fn extract(&self, src: &str) -> Extraction {
        self.extract_paragraphs(src, &self.paragraphs(src))
    }

    fn extract_paragraphs(&self, src: &str, paras: &[(usize, usize, u32)]) -> Extraction {
        let t = Text::from_paragraphs(src, paras);
        let n = t.tokens.len();
        let mut cue_at = vec![None; n];
        for (i, slot) in cue_at.iter_mut().enumerate() {
            if t.tokens[i].kind == Tok::Word {
                *slot = self.lex.cue(t.norm(i));
                // «طلب عدم ذكر اسمه»: after عدم the word is a verbal noun.
                if slot.is_some() && i > 0 && t.is_word(i - 1) && t.norm(i - 1) == "عدم" {
                    *slot = None;
                }
                // A cue that is also a preposition counts only where a
                // clause starts.
                if let Some((form, _)) = *slot {
                    if self.lex.cues[form.cue as usize].clause_initial && i > 0 && t.is_word(i - 1)
                    {
                        *slot = None;
                    }
                }
            }
        }
        let nq = t.quotes.len();
        let mut ctx = Ctx {
            src,
            t,
            lex: &self.lex,
            cue_at,
            claimed: vec![false; n],
            quote_used: vec![false; nq],
            acc_start: vec![false; n],
            cands: Vec::new(),
        };
        rules::according_to::run(&mut ctx);
        rules::cue_frame::run(&mut ctx);
        rules::tail::run(&mut ctx);
        rules::noun::run(&mut ctx);
        rules::postposed::run(&mut ctx);
        finish(ctx, self.limits)
    }
}

impl Engine {
    /// The non-empty paragraphs of `src`: `(start, end, index)` without
    /// their line break. (Skipping paragraphs with no cue spelling in them
    /// saved little on real copy, where nearly every paragraph has one, and
    /// missed spellings such as presentation forms.)
    fn paragraphs(&self, src: &str) -> Vec<(usize, usize, u32)> {
        let mut out = Vec::new();
        let mut index = 0u32;
        let mut start = 0;
        let bytes = src.as_bytes();
        while start <= src.len() {
            let end = memchr::memchr(b'\n', &bytes[start..]).map_or(src.len(), |k| start + k);
            let para = &src[start..end];
            if !para.trim().is_empty() {
                out.push((start, end, index));
                index += 1;
            }
            start = end + 1;
        }
        out
    }
}

/// Resolve sources, drop duplicates, number the records and link nesting.
fn finish(mut ctx: Ctx<'_>, limits: Limits) -> Extraction {
    let src = ctx.src;
    let mut over_limit = Vec::new();
    if let Some((marks, at)) = ctx.t.too_deep {
        let len = src[at..].chars().next().map_or(0, char::len_utf8);
        over_limit.push(OverLimit {
            limit: "quote-depth".into(),
            span: [at, at + len],
            size: marks,
            max: crate::text::MAX_QUOTE_DEPTH,
        });
    }
    let max = limits.max_quote_chars;
    // Bytes first: a content of at most `max` bytes has at most `max`
    // characters, and most do.
    let chars = |(a, b): (usize, usize)| {
        if b - a <= max {
            b - a
        } else {
            src[a..b].chars().count()
        }
    };
    ctx.cands.retain(|c| {
        let n = chars(c.content);
        if n > max {
            over_limit.push(OverLimit {
                limit: "max-quote-chars".into(),
                span: [c.content.0, c.content.1],
                size: n,
                max,
            });
        }
        n <= max
    });
    ctx.cands.sort_by_key(|c| (c.cue_tok, c.content.0));
    // Two rules can reach the same content (a quote after a cue that is
    // also followed by a post-posed cue): the first in document order wins.
    // An according-to phrase on a reported clause is a second source for
    // it («قال المدير إن 68% ... بحسب دراسة») and stays.
    let mut seen = rustc_hash::FxHashSet::default();
    ctx.cands
        .retain(|c| seen.insert((c.content, c.mode == Mode::AccordingTo)));
    let sources = resolve::resolve(&ctx);

    let mut order: Vec<usize> = (0..ctx.cands.len()).collect();
    order.sort_by_key(|&i| {
        let c = &ctx.cands[i];
        (c.cue.0.min(c.content.0), c.cue.0)
    });
    let mut by_quote: Vec<Option<usize>> = vec![None; ctx.t.quotes.len()];
    for (i, c) in ctx.cands.iter().enumerate() {
        if let Some(q) = c.quote {
            by_quote[q].get_or_insert(i);
        }
    }
    let mut ids = vec![String::new(); ctx.cands.len()];
    for (k, &i) in order.iter().enumerate() {
        ids[i] = format!("a{}", k + 1);
    }
    let piece = |s: Option<(usize, usize)>| s.map(|(a, b)| Piece::new(src, a, b));
    let mut out = Vec::with_capacity(ctx.cands.len());
    for &i in &order {
        let c = &ctx.cands[i];
        // Nested: the cue sits inside a quote that is (or is inside) the
        // content of another attribution's direct quote.
        let mut nested_in = None;
        let mut q = ctx.t.in_quote[c.cue_tok].map(|q| q as usize);
        while let Some(qi) = q {
            if let Some(j) = by_quote[qi] {
                if j != i {
                    nested_in = Some(ids[j].clone());
                    break;
                }
            }
            q = ctx.t.quotes[qi].parent;
        }
        let s: &Source = &sources[i];
        out.push(Attribution {
            id: ids[i].clone(),
            mode: c.mode,
            cue: Cue {
                text: src[c.cue.0..c.cue.1].to_string(),
                lemma: c.lemma.clone(),
                stance: c.stance,
                span: [c.cue.0, c.cue.1],
            },
            source: s.clone(),
            content: Piece::new(src, c.content.0, c.content.1),
            addressee: piece(c.addressee),
            time: piece(c.time),
            channel: piece(c.channel),
            nested_in,
            rule: c.rule.clone(),
            unclosed: c.unclosed,
        });
    }

    let mut unattributed = Vec::new();
    let coverage = Coverage::new(&ctx.cands);
    for (qi, q) in ctx.t.quotes.iter().enumerate() {
        if ctx.quote_used[qi] {
            continue;
        }
        // Inside an attributed quote or inside some content: not orphaned.
        if coverage.covers(q.start, q.end) {
            continue;
        }
        let size = chars((q.start, q.end));
        if size > max {
            over_limit.push(OverLimit {
                limit: "max-quote-chars".into(),
                span: [q.start, q.end],
                size,
                max,
            });
            continue;
        }
        let words = src[q.start..q.end].split_whitespace().count();
        if words >= 4 {
            unattributed.push(UnattributedQuote {
                text: src[q.start..q.end].to_string(),
                span: [q.start, q.end],
            });
        }
    }
    over_limit.sort_by_key(|o| (o.span, o.limit.clone()));
    over_limit.dedup();
    Extraction {
        attributions: out,
        unattributed,
        over_limit,
    }
}

/// Extract every document on `threads` threads, keeping input order. A
/// document whose extraction hits a defect (a panic in a rule) is `None`,
/// so that the caller can report it; the others are unaffected.
pub fn extract_all(
    engine: &Engine,
    docs: &[crate::input::Document],
    threads: usize,
) -> Vec<Option<Extraction>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let mut all: Vec<Option<Extraction>> = vec![None; docs.len()];
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads.max(1))
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let k = next.fetch_add(1, Ordering::Relaxed);
                        let Some(d) = docs.get(k) else { break };
                        let found = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            engine.extract(&d.text)
                        }));
                        mine.push((k, found.ok()));
                    }
                    mine
                })
            })
            .collect();
        for h in handles {
            // Every panic is caught per document above, so a worker
            // always returns its results.
            for (k, found) in h.join().unwrap_or_default() {
                all[k] = found;
            }
        }
    });
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Attribution {
        let found = Engine::default().extract(text);
        assert_eq!(found.attributions.len(), 1, "{:#?}", found.attributions);
        found.attributions.into_iter().next().unwrap()
    }

    #[test]
    fn seed_style_source_stops_before_addressee_and_time() {
        let a = one("وقال الرئيس الزمرداني رامي الفاضل لنظيره القرطالي كمال نصار يوم الاثنين إن الحكومة تدعم التعاون.");
        assert_eq!(a.source.text, "الرئيس الزمرداني رامي الفاضل");
        assert_eq!(a.source.canonical, "رامي الفاضل");
        assert_eq!(a.addressee.unwrap().text, "لنظيره القرطالي كمال نصار");
        assert_eq!(a.time.unwrap().text, "يوم الاثنين");
        assert_eq!(a.content.text, "الحكومة تدعم التعاون");
    }

    #[test]
    fn spans_point_at_original_bytes() {
        let src = "وقالَ الوزيرُ: «سنُعيد بناء ٤٥ مدرسة».";
        let a = one(src);
        assert_eq!(&src[a.content.span[0]..a.content.span[1]], a.content.text);
        assert_eq!(a.content.text, "سنُعيد بناء ٤٥ مدرسة");
        assert_eq!(a.cue.text, "وقالَ");
        assert_eq!(a.cue.lemma, "قال");
    }

    /// Copy typed in presentation forms (isolated letter shapes) is read
    /// like any other: no paragraph is passed over because its spelling is
    /// unusual.
    #[test]
    fn presentation_forms_are_read() {
        let a = one("ﻭﺃﻭﺽﺡ ﺍﻝﻡﺩﻱﺭ ﺃﻥ ﺍﻝﻡﺹﻥﻉ ﺱﻱﻑﺕﺡ ﻍﺩﺍ.");
        assert_eq!(a.cue.lemma, "أوضح");
        assert_eq!(a.content.text, "ﺍﻝﻡﺹﻥﻉ ﺱﻱﻑﺕﺡ ﻍﺩﺍ");
    }

    #[test]
    fn empty_text_has_no_attributions() {
        assert_eq!(Engine::default().extract(""), Extraction::default());
    }
}
