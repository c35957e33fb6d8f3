//! The candidate index: reference articles extracted once, their
//! attributions indexed by content words, so that each draft attribution
//! is compared only with the few references that share its rarest words.
//!
//! An inverted index from normalised content words to the reference
//! attributions that contain them, weighted by how rare each word is
//! (idf), picks the candidates; [`References::similar`] scores them with
//! [`compare::similarity`]. Never all pairs: `examples/check_speed.rs`
//! measures the index against the brute force it replaces.

use super::compare::{self, Comparison, Said, Word};
use crate::extract::attribution::Attribution;
use crate::extract::Extraction;
use crate::input::Document;
use crate::pack::CompareLexicon;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::{Arc, OnceLock};

/// A reference document, extracted. Shared (`Arc`), so that an archive
/// can keep the documents it read for the next check.
pub struct RefDoc {
    pub doc: Arc<Document>,
    pub found: Arc<Extraction>,
    /// The words that name something, found on first use: most reference
    /// documents are never compared with anything.
    entities: OnceLock<FxHashSet<String>>,
}

impl RefDoc {
    /// The words that name something in the document (with the
    /// comparison pack of the [`References`] it is in).
    pub fn entities(&self, lex: &CompareLexicon) -> &FxHashSet<String> {
        self.entities
            .get_or_init(|| compare::entity_words(lex, &self.doc.text, &self.found.attributions))
    }

    /// The name findings give the document: the path, plus `#id` for an
    /// article of a corpus.
    pub fn name(&self) -> String {
        self.doc.name()
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

/// The index terms of an attribution's content: its distinct content
/// words (not the pack's stopwords), or `None` when it has no words (it
/// is not indexed).
pub fn index_terms(lex: &CompareLexicon, text: &str, a: &Attribution) -> Option<Vec<String>> {
    let words = compare::words(text, a.content.span);
    if words.is_empty() {
        return None;
    }
    Some(
        index_words(lex, &words)
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
pub fn idf(n: f64, df: usize) -> f64 {
    (n / df.max(1) as f64).ln() + 1.0
}

/// A candidate's score rounded to 1e-9: sums of the same weights added in
/// another order (by a database) rank the same.
pub fn round_score(s: f64) -> f64 {
    (s * 1e9).round() / 1e9
}

fn index_words<'w>(lex: &CompareLexicon, words: &'w [Word]) -> Vec<&'w str> {
    let mut v: Vec<&str> = words
        .iter()
        .map(|w| w.norm.as_str())
        .filter(|w| w.chars().count() >= 2 && !lex.stopwords.contains(*w))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Reference articles, extracted once and indexed by content words, with
/// the comparison pack every comparison against them uses.
pub struct References {
    pub docs: Vec<RefDoc>,
    attrs: Vec<RefAttr>,
    postings: FxHashMap<String, Vec<u32>>,
    idf: Option<GlobalIdf>,
    lex: Arc<CompareLexicon>,
}

impl Default for References {
    fn default() -> Self {
        Self::new()
    }
}

impl References {
    /// No references yet, compared with the built-in comparison pack.
    pub fn new() -> References {
        References::with_lexicon(CompareLexicon::builtin())
    }

    /// No references yet, compared with the comparison pack `lex` (the
    /// built-in one with a newsroom's `[compare]` lists laid over it).
    pub fn with_lexicon(lex: Arc<CompareLexicon>) -> References {
        References {
            docs: Vec::new(),
            attrs: Vec::new(),
            postings: FxHashMap::default(),
            idf: None,
            lex,
        }
    }

    /// The same references, part of a larger collection whose frequencies
    /// are `idf`.
    pub fn with_idf(self, idf: GlobalIdf) -> References {
        References {
            idf: Some(idf),
            ..self
        }
    }

    /// The comparison pack.
    pub fn lexicon(&self) -> &Arc<CompareLexicon> {
        &self.lex
    }

    /// Add an extracted reference document to the index.
    pub fn add(&mut self, doc: impl Into<Arc<Document>>, found: impl Into<Arc<Extraction>>) {
        self.add_some(doc, found, |_| true)
    }

    /// Add a reference document, indexing only the attributions `keep`
    /// accepts (by their position in the extraction): an archive's
    /// candidates. The document keeps all its attributions for the names
    /// it gives.
    pub fn add_some(
        &mut self,
        doc: impl Into<Arc<Document>>,
        found: impl Into<Arc<Extraction>>,
        keep: impl Fn(usize) -> bool,
    ) {
        let (doc, found) = (doc.into(), found.into());
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
            for w in index_words(&self.lex, &words) {
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
        let keys = index_words(&self.lex, words);
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
            names: doc.entities(&self.lex),
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
        Some((
            compare::compare(&self.lex, &self.said(short), &self.said(long)),
            swap,
        ))
    }

    /// Whether the two attributions of a [`References::compare_pair`]
    /// (`short` on the draft side) contradict each other on `d`
    /// ([`compare::contradicts`]).
    pub fn contradicts(&self, short: u32, long: u32, d: &compare::Difference) -> bool {
        compare::contradicts(&self.lex, &self.said(short), &self.said(long), d)
    }

    /// Whether a number difference of a [`References::compare_pair`] is
    /// the same figure ([`compare::same_figure`]).
    pub fn same_figure(&self, short: u32, long: u32, d: &compare::Difference) -> bool {
        compare::same_figure(&self.lex, &self.said(short), &self.said(long), d)
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

    /// The best match the index finds for `words` among its `k` best
    /// candidates (same similarity).
    pub fn indexed_best(&self, words: &[Word], k: usize) -> Option<(u32, f64)> {
        let j = compare::key(words);
        let mut best: Option<(u32, f64)> = None;
        for r in self.candidates(words, k, None) {
            let ra = &self.attrs[r as usize];
            let s = compare::similarity_keys(&j, &ra.key);
            if best.is_none_or(|(b, bs)| s > bs || (s == bs && r < b)) {
                best = Some((r, s));
            }
        }
        best
    }
}
