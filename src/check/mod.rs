//! Cross-checking: every attribution of a draft against the attributions
//! of reference articles (`isnad check`), and the attributions of a corpus
//! against each other (`isnad crosscheck`).
//!
//! The references are extracted and indexed once per run: an inverted
//! index from normalised content words to the reference attributions that
//! contain them, weighted by how rare each word is, picks a few candidates
//! for each draft attribution; only those are aligned word by word
//! ([`crate::check::compare`]). The verdicts are those of section 6 of the
//! attribution guide.

use crate::check::identity::{Identities, SameSource};
use crate::extract::attribution::{Attribution, Mode, Piece, SourceKind};
use crate::extract::Extraction;
use crate::input::Document;
use crate::pack::Stance;
use crate::text::normalize::normalize_str;
use compare::{Comparison, Difference, Kind, Said, Word};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use std::sync::OnceLock;

pub mod compare;
pub mod crosscheck;
pub mod identity;

/// Thresholds of a check. The defaults and the measurements behind them
/// are in `docs/check.md`.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// A reference attribution whose content is at least this similar to
    /// the draft's says the same thing (0..1).
    pub min_similarity: f64,
    /// A reference of another source this similar makes the draft's
    /// attribution `misattributed` rather than `unsupported`.
    pub misattribution_similarity: f64,
    /// A reference whose source cannot be told apart from the draft's
    /// (anonymous, a title, an unresolved mention) counts from this
    /// similarity, and only for contents of five words or more.
    pub unknown_source_similarity: f64,
    /// Candidates the index proposes per draft attribution.
    pub candidates: usize,
    /// Reference attributions compared and shown as evidence.
    pub evidence: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_similarity: 0.6,
            misattribution_similarity: 0.75,
            unknown_source_similarity: 0.7,
            candidates: 64,
            evidence: 5,
        }
    }
}

/// Words a content needs before a reference of an unknown source counts.
const MIN_UNKNOWN_WORDS: usize = 5;

/// The verdicts, exactly as named in the JSON contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Verified,
    Varied,
    Altered,
    Misattributed,
    Conflicting,
    Unsupported,
}

impl Verdict {
    /// Most serious first: errors, then warnings, then the quiet passes
    /// (the order of the terminal output and of the reports).
    pub const BY_SERIOUSNESS: [Verdict; 6] = [
        Verdict::Altered,
        Verdict::Misattributed,
        Verdict::Conflicting,
        Verdict::Unsupported,
        Verdict::Varied,
        Verdict::Verified,
    ];

    pub const ALL: [Verdict; 6] = [
        Verdict::Verified,
        Verdict::Varied,
        Verdict::Altered,
        Verdict::Misattributed,
        Verdict::Conflicting,
        Verdict::Unsupported,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Verified => "verified",
            Verdict::Varied => "varied",
            Verdict::Altered => "altered",
            Verdict::Misattributed => "misattributed",
            Verdict::Conflicting => "conflicting",
            Verdict::Unsupported => "unsupported",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Verdict::Verified | Verdict::Varied => Severity::Info,
            Verdict::Unsupported => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// How much a finding needs an editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A piece of a reference document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RefPiece {
    pub text: String,
    pub span: [usize; 2],
    pub document: String,
}

/// One difference as reported: both sides' words and spans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DifferenceRecord {
    pub kind: Kind,
    pub draft: Piece,
    pub reference: RefPiece,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceRecord {
    pub canonical: String,
    pub kind: SourceKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CueRecord {
    pub lemma: String,
    pub stance: Stance,
}

/// A reference attribution that supports or contradicts the draft's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub document: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub attribution: String,
    pub source: SourceRecord,
    pub mode: Mode,
    pub cue: CueRecord,
    pub content: Piece,
    pub similarity: f64,
    /// True when this reference agrees with the draft on every fact.
    pub agrees: bool,
}

/// The finding for one draft attribution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub schema: &'static str,
    pub draft: String,
    pub attribution: Attribution,
    pub verdict: Verdict,
    pub severity: Severity,
    pub differences: Vec<DifferenceRecord>,
    pub evidence: Vec<Evidence>,
    /// Invisible characters inside the content (bidirectional controls,
    /// zero-width characters): two quotes that look alike may differ there.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hidden: Vec<HiddenChar>,
    /// Letters and digits of another alphabet that look like Arabic ones
    /// inside the content (Persian ی, ک and digits): the quote looks like
    /// another that differs in its bytes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lookalikes: Vec<HiddenChar>,
}

/// One invisible character in a draft's quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HiddenChar {
    /// `U+202E`.
    pub codepoint: String,
    pub span: [usize; 2],
}

/// The invisible characters of `text` within `span`.
pub fn hidden_chars(text: &str, span: [usize; 2]) -> Vec<HiddenChar> {
    chars_where(text, span, crate::text::normalize::is_hidden)
}

/// The look-alike letters and digits of `text` within `span`.
pub fn lookalike_chars(text: &str, span: [usize; 2]) -> Vec<HiddenChar> {
    chars_where(text, span, crate::text::normalize::is_lookalike)
}

fn chars_where(text: &str, span: [usize; 2], pick: fn(char) -> bool) -> Vec<HiddenChar> {
    let Some(piece) = text.get(span[0]..span[1]) else {
        return Vec::new();
    };
    piece
        .char_indices()
        .filter(|(_, c)| pick(*c))
        .map(|(i, c)| HiddenChar {
            codepoint: format!("U+{:04X}", c as u32),
            span: [span[0] + i, span[0] + i + c.len_utf8()],
        })
        .collect()
}

/// A reference document, extracted.
pub struct RefDoc {
    pub doc: Document,
    pub found: Extraction,
    /// The words that name something, found on first use: most reference
    /// documents are never compared with anything.
    entities: OnceLock<FxHashSet<String>>,
}

impl RefDoc {
    /// The words that name something in the document.
    pub fn entities(&self) -> &FxHashSet<String> {
        self.entities
            .get_or_init(|| compare::entity_words(&self.doc.text, &self.found.attributions))
    }

    /// The name findings give the document: the path, plus `#id` for an
    /// article of a corpus.
    pub fn name(&self) -> String {
        crate::output::doc_name(&self.doc)
    }
}

/// A reference attribution's content, prepared for comparison.
pub struct RefAttr {
    doc: u32,
    attr: u32,
    pub words: Vec<Word>,
    key: compare::Key,
}

impl RefAttr {
    /// The scoring key of the content.
    pub fn key(&self) -> &compare::Key {
        &self.key
    }
}

fn stopwords() -> &'static FxHashSet<String> {
    static S: OnceLock<FxHashSet<String>> = OnceLock::new();
    S.get_or_init(|| {
        [
            "في",
            "من",
            "على",
            "إلى",
            "عن",
            "أن",
            "إن",
            "ما",
            "لا",
            "لم",
            "لن",
            "هذا",
            "هذه",
            "ذلك",
            "تلك",
            "التي",
            "الذي",
            "الذين",
            "مع",
            "كان",
            "كانت",
            "قد",
            "و",
            "أو",
            "ثم",
            "بعد",
            "قبل",
            "كل",
            "بين",
            "حتى",
            "هو",
            "هي",
            "هم",
            "نحن",
            "أنه",
            "أنها",
            "إنه",
            "إنها",
            "وأن",
            "وإن",
            "فإن",
            "بأن",
            "غير",
            "عند",
            "لقد",
            "كما",
            "أي",
            "ولا",
            "ولم",
        ]
        .iter()
        .map(|w| normalize_str(w))
        .collect()
    })
}

/// The index terms of an attribution's content: its distinct content
/// words, or `None` when it has no words (it is not indexed).
pub fn index_terms(text: &str, a: &Attribution) -> Option<Vec<String>> {
    let words = compare::words(text, a.content.span);
    if words.is_empty() {
        return None;
    }
    Some(
        index_words(&words)
            .into_iter()
            .map(str::to_string)
            .collect(),
    )
}

/// Document frequencies of a whole reference collection, for a
/// [`References`] that holds only part of it (the candidates an archive
/// picked): the scores, and so the candidates, are those of the whole.
#[derive(Debug, Clone, Default)]
pub struct GlobalIdf {
    /// Attributions indexed in the whole collection.
    pub n: usize,
    /// Attributions containing each term.
    pub df: FxHashMap<String, u32>,
}

/// The weight of a term in `df` of `n` indexed attributions.
pub(crate) fn idf(n: f64, df: usize) -> f64 {
    (n / df.max(1) as f64).ln() + 1.0
}

/// A candidate's score rounded to 1e-9: sums of the same weights added in
/// another order (by a database) rank the same.
pub(crate) fn round_score(s: f64) -> f64 {
    (s * 1e9).round() / 1e9
}

fn index_words(words: &[Word]) -> Vec<&str> {
    let stop = stopwords();
    let mut v: Vec<&str> = words
        .iter()
        .map(|w| w.norm.as_str())
        .filter(|w| w.chars().count() >= 2 && !stop.contains(*w))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Reference articles, extracted once and indexed by content words.
pub struct References {
    pub docs: Vec<RefDoc>,
    attrs: Vec<RefAttr>,
    postings: FxHashMap<String, Vec<u32>>,
    idf: Option<GlobalIdf>,
}

impl Default for References {
    fn default() -> Self {
        Self::new()
    }
}

impl References {
    pub fn new() -> References {
        References {
            docs: Vec::new(),
            attrs: Vec::new(),
            postings: FxHashMap::default(),
            idf: None,
        }
    }

    /// References that are part of a larger collection whose frequencies
    /// are `idf`.
    pub fn with_idf(idf: GlobalIdf) -> References {
        References {
            idf: Some(idf),
            ..References::new()
        }
    }

    /// Add an extracted reference document to the index.
    pub fn add(&mut self, doc: Document, found: Extraction) {
        self.add_some(doc, found, |_| true)
    }

    /// Add a reference document, indexing only the attributions `keep`
    /// accepts (by their position in the extraction): an archive's
    /// candidates. The document keeps all its attributions for the names
    /// it gives.
    pub fn add_some(&mut self, doc: Document, found: Extraction, keep: impl Fn(usize) -> bool) {
        let d = self.docs.len() as u32;
        for (k, a) in found.attributions.iter().enumerate() {
            if !keep(k) {
                continue;
            }
            let words = compare::words(&doc.text, a.content.span);
            if words.is_empty() {
                continue;
            }
            let n = self.attrs.len() as u32;
            for w in index_words(&words) {
                self.postings.entry(w.to_string()).or_default().push(n);
            }
            let key = compare::key(&words);
            self.attrs.push(RefAttr {
                doc: d,
                attr: k as u32,
                words,
                key,
            });
        }
        self.docs.push(RefDoc {
            doc,
            found,
            entities: OnceLock::new(),
        });
    }

    /// Reference attributions indexed.
    pub fn len(&self) -> usize {
        self.attrs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.attrs.is_empty()
    }

    /// The reference attributions sharing the most (rarest) content words
    /// with `words`, best first; `skip_doc` leaves one document out.
    fn candidates(&self, words: &[Word], k: usize, skip_doc: Option<u32>) -> Vec<u32> {
        let n = match &self.idf {
            Some(g) => g.n,
            None => self.attrs.len(),
        }
        .max(1) as f64;
        let mut score: FxHashMap<u32, f64> = FxHashMap::default();
        let keys = index_words(words);
        for w in &keys {
            if let Some(p) = self.postings.get(*w) {
                let df = match &self.idf {
                    Some(g) => g.df.get(*w).map_or(p.len(), |&d| d as usize),
                    None => p.len(),
                };
                let weight = idf(n, df);
                for &a in p {
                    *score.entry(a).or_default() += weight;
                }
            }
        }
        let mut v: Vec<(u32, f64)> = score
            .into_iter()
            .filter(|(a, _)| Some(self.attrs[*a as usize].doc) != skip_doc)
            .map(|(a, s)| (a, round_score(s)))
            .collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(k);
        v.into_iter().map(|(a, _)| a).collect()
    }

    /// The document of reference attribution `r`.
    pub fn doc_of(&self, r: u32) -> u32 {
        self.attrs[r as usize].doc
    }

    /// Reference attributions at least `min` similar to `words`, best
    /// first (ties in input order), from the index's candidates.
    pub fn similar(
        &self,
        words: &[Word],
        k: usize,
        skip_doc: Option<u32>,
        min: f64,
    ) -> Vec<(u32, f64)> {
        let j = compare::key(words);
        let mut v: Vec<(u32, f64)> = self
            .candidates(words, k, skip_doc)
            .into_iter()
            .map(|r| {
                let ra = &self.attrs[r as usize];
                (r, compare::similarity_keys(&j, &ra.key))
            })
            .filter(|&(_, s)| s >= min)
            .collect();
        v.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        v
    }

    /// Reference attribution `r` as one side of a comparison.
    pub fn said(&self, r: u32) -> Said<'_> {
        let (doc, attribution, ra) = self.attribution_at(r);
        Said {
            doc: &doc.doc.text,
            attribution,
            words: &ra.words,
            names: doc.entities(),
        }
    }

    /// Compare two reference attributions that say the same thing
    /// (similarity at least `min`), the shorter as part of the longer.
    /// Returns the comparison and whether `y` was taken as the shorter
    /// (the draft side); `None` when they say different things.
    pub fn compare_pair(&self, x: u32, y: u32, min: f64) -> Option<(Comparison, bool)> {
        let (xw, yw) = (&self.attrs[x as usize], &self.attrs[y as usize]);
        if compare::similarity_keys(&xw.key, &yw.key) < min {
            return None;
        }
        let swap = xw.words.len() > yw.words.len();
        let (short, long) = if swap { (y, x) } else { (x, y) };
        Some((compare::compare(&self.said(short), &self.said(long)), swap))
    }

    /// Reference attribution `r`: its document, the record and its words.
    pub fn attribution_at(&self, r: u32) -> (&RefDoc, &Attribution, &RefAttr) {
        let ra = &self.attrs[r as usize];
        let doc = &self.docs[ra.doc as usize];
        (doc, &doc.found.attributions[ra.attr as usize], ra)
    }

    /// Every reference attribution scored against `words`, best first: the
    /// brute-force search the index is measured against.
    pub fn brute_force_best(&self, words: &[Word]) -> Option<(u32, f64)> {
        let j = compare::key(words);
        let mut best: Option<(u32, f64)> = None;
        for (k, ra) in self.attrs.iter().enumerate() {
            let s = compare::similarity_keys(&j, &ra.key);
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((k as u32, s));
            }
        }
        best
    }

    /// The best match the index finds for `words` (same similarity).
    pub fn indexed_best(&self, words: &[Word], opts: &Options) -> Option<(u32, f64)> {
        let j = compare::key(words);
        let mut best: Option<(u32, f64)> = None;
        for r in self.candidates(words, opts.candidates, None) {
            let ra = &self.attrs[r as usize];
            let s = compare::similarity_keys(&j, &ra.key);
            if best.is_none_or(|(b, bs)| s > bs || (s == bs && r < b)) {
                best = Some((r, s));
            }
        }
        best
    }
}

fn piece(doc: &str, span: [usize; 2]) -> Piece {
    let (s, e) = (span[0].min(doc.len()), span[1].min(doc.len()));
    Piece {
        text: doc.get(s..e).unwrap_or("").to_string(),
        span: [s, e],
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn evidence(r: &RefDoc, a: &Attribution, similarity: f64, agrees: bool) -> Evidence {
    Evidence {
        document: r.name(),
        outlet: r.doc.source.clone(),
        date: r.doc.date.clone(),
        url: r.doc.url.clone(),
        attribution: a.id.clone(),
        source: SourceRecord {
            canonical: a.source.canonical.clone(),
            kind: a.source.kind,
        },
        mode: a.mode,
        cue: CueRecord {
            lemma: a.cue.lemma.clone(),
            stance: a.cue.stance,
        },
        content: a.content.clone(),
        similarity: round3(similarity),
        agrees,
    }
}

fn record(draft: &str, r: &RefDoc, d: &Difference) -> DifferenceRecord {
    let p = piece(&r.doc.text, d.reference.span);
    DifferenceRecord {
        kind: d.kind,
        draft: piece(draft, d.draft.span),
        reference: RefPiece {
            text: p.text,
            span: p.span,
            document: r.name(),
        },
    }
}

/// The checker: references, identities and thresholds.
pub struct Checker<'a> {
    pub refs: &'a References,
    pub ids: &'a Identities,
    pub opts: Options,
}

impl Checker<'_> {
    /// Check every attribution of one draft document.
    pub fn check(&self, draft: &Document, found: &Extraction) -> Vec<Finding> {
        let entities = compare::entity_words(&draft.text, &found.attributions);
        found
            .attributions
            .iter()
            .map(|a| self.check_one(draft, a, &entities))
            .collect()
    }

    fn check_one(
        &self,
        draft: &Document,
        a: &Attribution,
        entities: &FxHashSet<String>,
    ) -> Finding {
        let text = &draft.text;
        let dw = compare::words(text, a.content.span);
        let scored = self
            .refs
            .similar(&dw, self.opts.candidates, None, self.opts.min_similarity);
        let hidden = hidden_chars(text, a.content.span);
        let lookalikes = lookalike_chars(text, a.content.span);
        let finding = |verdict: Verdict, differences, evidence| Finding {
            hidden: hidden.clone(),
            lookalikes: lookalikes.clone(),
            kind: "finding",
            schema: crate::SCHEMA,
            draft: crate::output::doc_name(draft),
            attribution: a.clone(),
            verdict,
            severity: verdict.severity(),
            differences,
            evidence,
        };
        if scored.is_empty() {
            return finding(Verdict::Unsupported, Vec::new(), Vec::new());
        }
        // A reference whose speaker may or may not be the draft's must say
        // more, and more closely: a short common phrase (الوضع تحت السيطرة)
        // from an unrelated speaker supports nothing.
        let same: Vec<(u32, f64)> = scored
            .iter()
            .copied()
            .filter(|&(r, s)| {
                let (_, ra, rw) = self.refs.attribution_at(r);
                match self.ids.same(&a.source, &ra.source) {
                    SameSource::Same => true,
                    SameSource::Different => false,
                    SameSource::Unknown => {
                        s >= self.opts.unknown_source_similarity
                            && dw.len().min(rw.words.len()) >= MIN_UNKNOWN_WORDS
                    }
                }
            })
            .take(self.opts.evidence)
            .collect();
        if same.is_empty() {
            let (r, s) = scored[0];
            let (rd, ra, rw) = self.refs.attribution_at(r);
            // Words in the wrong mouth are the same words: a short reference
            // found inside a long draft content is not that.
            let whole =
                compare::ratio_keys(&compare::key(&dw), rw.key()) >= self.opts.min_similarity;
            if s < self.opts.misattribution_similarity || !whole {
                return finding(Verdict::Unsupported, Vec::new(), Vec::new());
            }
            let differences = vec![DifferenceRecord {
                kind: Kind::Entity,
                draft: piece(text, a.source.span.unwrap_or(a.cue.span)),
                reference: {
                    let p = piece(&rd.doc.text, ra.source.span.unwrap_or(ra.cue.span));
                    RefPiece {
                        text: p.text,
                        span: p.span,
                        document: rd.name(),
                    }
                },
            }];
            let ev = scored
                .iter()
                .take(self.opts.evidence)
                .map(|&(r, s)| {
                    let (rd, ra, _) = self.refs.attribution_at(r);
                    evidence(rd, ra, s, false)
                })
                .collect();
            return finding(Verdict::Misattributed, differences, ev);
        }
        // Compare with each same-source candidate.
        let draft_said = Said {
            doc: text,
            attribution: a,
            words: &dw,
            names: entities,
        };
        let any_direct = same.iter().any(|&(r, _)| {
            matches!(
                self.refs.attribution_at(r).1.mode,
                Mode::Direct | Mode::Mixed
            )
        });
        let mut comps: Vec<(u32, f64, Comparison)> = same
            .iter()
            .map(|&(r, s)| {
                let ra = self.refs.attribution_at(r).1;
                let mut c = compare::compare(&draft_said, &self.refs.said(r));
                if a.mode == Mode::Direct && !any_direct {
                    c.differences.push(Difference {
                        kind: Kind::Mode,
                        draft: compare::Side {
                            span: a.content.span,
                        },
                        reference: compare::Side {
                            span: ra.content.span,
                        },
                    });
                }
                (r, s, c)
            })
            .collect();
        comps.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        // The closest agreeing reference has the fewest differences; the
        // closest disagreeing one the fewest material differences.
        // A reference that is silent where another one disagrees (it stops
        // before the draft's changed words) does not vouch for them.
        let disputed = |c: &Comparison| {
            comps.iter().any(|o| {
                o.2.differences.iter().any(|d| {
                    d.kind.is_material()
                        && c.silent.iter().any(|s| {
                            s[0] < d.draft.span[1].max(d.draft.span[0] + 1)
                                && d.draft.span[0] < s[1]
                        })
                })
            })
        };
        let mut agree: Vec<&(u32, f64, Comparison)> = comps
            .iter()
            .filter(|c| !c.2.material() && !disputed(&c.2))
            .collect();
        agree.sort_by(|x, y| {
            x.2.differences
                .len()
                .cmp(&y.2.differences.len())
                .then(y.1.total_cmp(&x.1))
                .then(x.0.cmp(&y.0))
        });
        let material = |c: &Comparison| {
            c.differences
                .iter()
                .filter(|d| d.kind.is_material())
                .count()
        };
        let mut disagree: Vec<&(u32, f64, Comparison)> =
            comps.iter().filter(|c| c.2.material()).collect();
        disagree.sort_by(|x, y| {
            material(&x.2)
                .cmp(&material(&y.2))
                .then(y.1.total_cmp(&x.1))
                .then(x.0.cmp(&y.0))
        });
        let records = |c: &(u32, f64, Comparison), material_only: bool| -> Vec<DifferenceRecord> {
            let (rd, _, _) = self.refs.attribution_at(c.0);
            c.2.differences
                .iter()
                .filter(|d| !material_only || d.kind.is_material())
                .map(|d| record(text, rd, d))
                .collect()
        };
        let ev: Vec<Evidence> = comps
            .iter()
            .map(|(r, s, c)| {
                let (rd, ra, _) = self.refs.attribution_at(*r);
                evidence(rd, ra, *s, !c.material())
            })
            .collect();
        // References contradict each other when an agreeing one and a
        // disagreeing one report the same statement with a material
        // difference between themselves; otherwise the disagreement is the
        // draft's own (a disagreeing reference that only says less, or an
        // agreeing paraphrase that cannot witness a quote's words).
        let conflict = disagree.iter().take(3).find(|d| {
            agree
                .iter()
                .take(3)
                .any(|g| self.references_conflict(g.0, d.0))
        });
        let quoted =
            |c: &&(u32, f64, Comparison)| self.refs.attribution_at(c.0).1.mode == Mode::Direct;
        // Words a reference shows were added inside the draft's quote stand
        // unless an agreeing reference has them: a longer version of the
        // quote that goes on differently does not confirm them.
        let unconfirmed_extension = disagree.iter().find(|d| {
            d.2.differences
                .iter()
                .filter(|x| x.kind.is_material())
                .all(|x| x.kind == Kind::Extension)
                && d.2
                    .differences
                    .iter()
                    .filter(|x| x.kind == Kind::Extension)
                    .all(|x| {
                        let added = compare::words(text, x.draft.span);
                        !agree.iter().any(|g| {
                            let gw = &self.refs.attribution_at(g.0).2.words;
                            added
                                .iter()
                                .filter(|w| gw.iter().any(|v| v.norm == w.norm))
                                .count()
                                * 2
                                >= added.len()
                        })
                    })
        });
        let (verdict, differences) = match (agree.first(), disagree.first(), conflict) {
            (_, _, Some(d)) => (Verdict::Conflicting, records(d, true)),
            (Some(_), Some(_), None) if unconfirmed_extension.is_some() => (
                Verdict::Altered,
                records(unconfirmed_extension.unwrap(), true),
            ),
            (Some(_), Some(d), None)
                if a.mode == Mode::Direct
                    && !agree.iter().any(quoted)
                    && disagree.iter().any(quoted) =>
            {
                (Verdict::Altered, records(d, true))
            }
            (Some(g), _, None) => {
                let exact = g.2.differences.is_empty() && g.2.exact_part;
                (
                    if exact {
                        Verdict::Verified
                    } else {
                        Verdict::Varied
                    },
                    records(g, false),
                )
            }
            (None, Some(d), None) => (Verdict::Altered, records(d, true)),
            (None, None, None) => unreachable!("same is not empty"),
        };
        finding(verdict, differences, ev)
    }
}

impl Checker<'_> {
    /// Do two reference attributions report one statement with a material
    /// difference between them? The shorter is compared as part of the
    /// longer.
    /// Two attributions of one document are two statements of the article,
    /// not two outlets at odds (a speaker's second remark, or speech
    /// reported inside a quote).
    fn references_conflict(&self, x: u32, y: u32) -> bool {
        self.refs.doc_of(x) != self.refs.doc_of(y)
            && self
                .refs
                .compare_pair(x, y, self.opts.min_similarity)
                .is_some_and(|(c, _)| c.material())
    }
}

/// Counts per verdict, in the order of [`Verdict::ALL`].
pub fn counts(findings: &[Finding]) -> Vec<(Verdict, usize)> {
    Verdict::ALL
        .iter()
        .map(|&v| (v, findings.iter().filter(|f| f.verdict == v).count()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Engine;

    fn doc(path: &str, text: &str) -> Document {
        Document {
            path: path.into(),
            id: path.into(),
            text: text.into(),
            ..Default::default()
        }
    }

    fn run(draft: &str, references: &[&str]) -> Vec<Finding> {
        let e = Engine::default();
        let mut refs = References::new();
        for (k, r) in references.iter().enumerate() {
            refs.add(doc(&format!("ref{k}.txt"), r), e.extract(r));
        }
        let ids = Identities::default();
        let c = Checker {
            refs: &refs,
            ids: &ids,
            opts: Options::default(),
        };
        let d = doc("draft.txt", draft);
        c.check(&d, &e.extract(draft))
    }

    const REF: &str = "وقال محافظ الولاية سامر الخطيب إن أكثر من 300 أسرة نزحت من قرية عين الريحان.\nوقالت وزيرة الصحة سلمى العيساوي إن «المستشفيات استقبلت 120 مصابا بينهم 30 طفلا».";

    #[test]
    fn the_six_verdicts() {
        let v = |draft: &str, refs: &[&str]| run(draft, refs)[0].verdict;
        assert_eq!(
            v(
                "وقال محافظ الولاية سامر الخطيب إن أكثر من 300 أسرة نزحت من قرية عين الريحان.",
                &[REF]
            ),
            Verdict::Verified
        );
        assert_eq!(
            v(
                "وأكد الخطيب أن ما يزيد على 300 أسرة نزحت من قرية عين الريحان.",
                &[REF]
            ),
            Verdict::Varied
        );
        assert_eq!(
            v("وقال الخطيب إن 500 أسرة نزحت من قرية عين الريحان.", &[REF]),
            Verdict::Altered
        );
        assert_eq!(
            v(
                "وقالت الوزيرة سلمى العيساوي إن أكثر من 300 أسرة نزحت من قرية عين الريحان.",
                &[REF]
            ),
            Verdict::Misattributed
        );
        assert_eq!(
            v(
                "وقال الخطيب إن أكثر من 300 أسرة نزحت من قرية عين الريحان.",
                &[
                    REF,
                    "وقال المحافظ سامر الخطيب إن 200 أسرة نزحت من قرية عين الريحان."
                ]
            ),
            Verdict::Conflicting
        );
        assert_eq!(
            v("وقال الخطيب إن الطرق إلى الجبل أغلقت بسبب الثلوج.", &[REF]),
            Verdict::Unsupported
        );
    }

    #[test]
    fn a_reference_silent_on_the_changed_words_does_not_vouch_for_them() {
        let draft = "وقال الوزير مراد الكتبي إن الحكومة لا تعتبر «الاتفاق خطوة مهمة نحو إنهاء الأزمة في الإقليم».";
        // One outlet quotes only the marks' words, another the whole claim.
        let short = "وقال الوزير مراد الكتبي: «الاتفاق خطوة مهمة نحو إنهاء الأزمة في الإقليم».";
        let full = "وقال الوزير مراد الكتبي إن الحكومة تعتبر «الاتفاق خطوة مهمة نحو إنهاء الأزمة في الإقليم».";
        let f = run(draft, &[short, full]);
        assert_eq!(f[0].verdict, Verdict::Altered, "{:?}", f[0].differences);
        assert_eq!(f[0].differences[0].kind, Kind::Negation);
        // Alone, the shorter one is silent there: the rest agrees.
        let f = run(draft, &[short]);
        assert_eq!(f[0].verdict, Verdict::Varied, "{:?}", f[0].differences);
    }

    #[test]
    fn outlets_conflict_but_one_article_does_not_conflict_with_itself() {
        let draft = "وقال الوزير مراد الكتبي إن 45 شخصا لقوا حتفهم في انهيار السد.";
        let one = "وقال الوزير مراد الكتبي إن 45 شخصا لقوا حتفهم في انهيار السد.";
        let other = "وقال الوزير مراد الكتبي إن 54 شخصا لقوا حتفهم في انهيار السد.";
        let f = run(draft, &[one, other]);
        assert_eq!(f[0].verdict, Verdict::Conflicting);
        // The same two sentences in one article are two statements of it.
        let both = format!("{one}\n{other}");
        let f = run(draft, &[&both]);
        assert_eq!(f[0].verdict, Verdict::Verified, "{:?}", f[0].differences);
    }

    #[test]
    fn an_altered_number_names_both_sides() {
        let f = &run("وقال الخطيب إن 500 أسرة نزحت من قرية عين الريحان.", &[REF])[0];
        let d = &f.differences[0];
        assert_eq!(d.kind, Kind::Number);
        assert_eq!(d.draft.text, "500");
        assert_eq!(d.reference.text, "أكثر من 300");
        assert_eq!(d.reference.document, "ref0.txt");
        assert_eq!(f.severity, Severity::Error);
    }

    #[test]
    fn a_quote_no_reference_quotes_is_a_mode_difference() {
        let f = &run(
            "وقال محافظ الولاية سامر الخطيب: «أكثر من 300 أسرة نزحت من قرية عين الريحان».",
            &[REF],
        )[0];
        assert_eq!(f.verdict, Verdict::Altered);
        assert!(f.differences.iter().any(|d| d.kind == Kind::Mode));
    }

    #[test]
    fn the_index_finds_the_brute_force_best() {
        let e = Engine::default();
        let mut refs = References::new();
        refs.add(doc("r.txt", REF), e.extract(REF));
        let w = compare::words("أكثر من 300 أسرة نزحت من عين الريحان", [0, 65]);
        assert_eq!(
            refs.indexed_best(&w, &Options::default()),
            refs.brute_force_best(&w)
        );
    }
}
