//! The extraction engine: text in, attributions out.
//!
//! [`Engine::extract`] tokenises a document ([`crate::text`]), runs the rule
//! kinds of [`crate::extract::rules`] in a fixed order, resolves every source
//! ([`crate::extract::resolve`]), links nested attributions and numbers the records in
//! document order. Each rule kind only proposes candidates; the engine
//! owns ordering, de-duplication and ids, so output never depends on the
//! order in which rules happen to fire.

use crate::extract::attribution::{OverLimit, UnattributedQuote};
use crate::input::Document;
use crate::pack::lexicon::Lexicon;
use crate::pack::{Pack, PackError};
use crate::text::{Text, Tok};
use attribution::Attribution;
use context::Ctx;

pub mod attribution;
mod context;
mod finish;
mod resolve;
mod rules;

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
                // «طلب عدم نشر اسمه» describes an anonymous source.
                if slot.is_some()
                    && self
                        .lex
                        .anonymity_phrases
                        .starting(t.norm(i))
                        .iter()
                        .any(|p| t.phrase_at(i, n, p))
                {
                    *slot = None;
                }
                // A cue that is also a preposition counts only where a
                // clause starts.
                if let Some((form, clitic)) = *slot {
                    let info = &self.lex.cues[form.cue as usize];
                    let after_word = i > 0 && t.is_word(i - 1);
                    if after_word && (info.clause_initial || (info.initial_or_clitic && !clitic)) {
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
        finish::finish(ctx, self.limits)
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

/// A defect in isnad's own code (a panic) met while working on one
/// document. It costs that document, never the run: the caller says what
/// became of the document and goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Defect {
    /// The document's name ([`Document::name`]).
    pub document: String,
    /// What was being done: `extracting`, `checking`.
    pub stage: &'static str,
    /// The panic's message, when it had one.
    pub why: String,
}

impl std::fmt::Display for Defect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: internal error while {}", self.document, self.stage)?;
        if !self.why.is_empty() {
            write!(f, " ({})", self.why)?;
        }
        Ok(())
    }
}

impl std::error::Error for Defect {}

/// Run `work` for one document; a panic inside it comes back as a
/// [`Defect`] that names the document. This is the one place where isnad
/// catches its own defects.
pub fn guard<T>(
    doc: &Document,
    stage: &'static str,
    work: impl FnOnce() -> T,
) -> Result<T, Defect> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|p| Defect {
        document: doc.name(),
        stage,
        why: p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_default(),
    })
}

impl Engine {
    /// [`Engine::extract`] on a document, a defect reported as a
    /// [`Defect`] naming it rather than a panic.
    pub fn extract_document(&self, doc: &Document) -> Result<Extraction, Defect> {
        guard(doc, "extracting", || self.extract(&doc.text))
    }
}

/// Extract every document on `threads` threads, keeping input order. A
/// document whose extraction hits a defect comes back as its [`Defect`];
/// the others are unaffected.
pub fn extract_all(
    engine: &Engine,
    docs: &[Document],
    threads: usize,
) -> Vec<Result<Extraction, Defect>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let mut all: Vec<Option<Result<Extraction, Defect>>> = vec![None; docs.len()];
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads.max(1))
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let k = next.fetch_add(1, Ordering::Relaxed);
                        let Some(d) = docs.get(k) else { break };
                        mine.push((k, engine.extract_document(d)));
                    }
                    mine
                })
            })
            .collect();
        for h in handles {
            // Every panic is caught per document above, so a worker
            // always returns its results.
            for (k, found) in h.join().unwrap_or_default() {
                all[k] = Some(found);
            }
        }
    });
    all.into_iter()
        .zip(docs)
        .map(|(found, d)| {
            found.unwrap_or_else(|| {
                Err(Defect {
                    document: d.name(),
                    stage: "extracting",
                    why: "a worker thread stopped".into(),
                })
            })
        })
        .collect()
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
    fn a_defect_names_its_document_and_the_run_goes_on() {
        let doc = Document {
            path: "corpus.jsonl".into(),
            id: "A-7".into(),
            ..Default::default()
        };
        let failed = guard(&doc, "checking", || -> usize {
            panic!("an index out of range")
        });
        let defect = failed.unwrap_err();
        assert_eq!(
            defect.to_string(),
            "corpus.jsonl#A-7: internal error while checking (an index out of range)"
        );
        assert_eq!(guard(&doc, "checking", || 3), Ok(3));
    }

    #[test]
    fn empty_text_has_no_attributions() {
        assert_eq!(Engine::default().extract(""), Extraction::default());
    }
}
