//! Comparing what two attributions say: their words aligned after
//! normalisation, a similarity score, and the differences a fact-checker
//! must see (section 6 of the attribution guide).
//!
//! A difference is *material* when it changes a fact: a number or its
//! hedge, a negation, the modality, a time, a named entity, the stance of
//! the cue, the addressee, words added inside a direct quote. Everything
//! else is `wording`: synonyms, reordering, person shift of a translated
//! quote. Words the draft leaves out at either end are a truncation, not a
//! difference.
//!
//! The words are aligned into [`Hunk`]s, the runs where the two sides
//! differ. Numbers are judged over the whole content ([`numbers`]);
//! every other kind has one classifier on the hunk, tried in a fixed
//! order: `extension`, `negation`, `modality`, `time`, `entity`, and
//! `wording` when none applies. What the words mean (negations, hedges,
//! number words, months, place heads ...) comes from the comparison pack
//! ([`crate::pack::CompareLexicon`]).

mod entities;
mod numbers;
mod polarity;
mod time;
mod words;

pub use entities::entity_words;
pub(crate) use words::shared;
pub use words::{key, ratio_keys, similarity, similarity_keys, words, Key, Word};

use crate::extract::attribution::{Attribution, Mode};
use crate::pack::{CompareLexicon, Stance};
use crate::text::arabic::without_conjunction as bare;
use crate::text::arabic::{family_keys, same_family};
use polarity::{modal_count, negation_count, same_letters, stance_class};
use rustc_hash::FxHashSet;
use serde::Serialize;
use similar::{capture_diff_slices, Algorithm, DiffOp};
use std::cell::OnceCell;

/// The kinds of difference, as named in the JSON contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Number,
    Negation,
    Stance,
    Entity,
    Time,
    Addressee,
    Modality,
    Mode,
    Extension,
    Opposite,
    Reworded,
    Wording,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Number => "number",
            Kind::Negation => "negation",
            Kind::Stance => "stance",
            Kind::Entity => "entity",
            Kind::Time => "time",
            Kind::Addressee => "addressee",
            Kind::Modality => "modality",
            Kind::Mode => "mode",
            Kind::Extension => "extension",
            Kind::Opposite => "opposite",
            Kind::Reworded => "reworded",
            Kind::Wording => "wording",
        }
    }

    /// True when the difference changes a fact.
    pub fn is_material(self) -> bool {
        !matches!(self, Kind::Wording | Kind::Reworded)
    }
}

/// One side of a difference: byte spans into its document (empty when the
/// words are missing on this side; then the span marks where they would be).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Side {
    pub span: [usize; 2],
}

/// A difference between a draft attribution and a reference attribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub kind: Kind,
    pub draft: Side,
    pub reference: Side,
}

/// What one side of a comparison is: an attribution, its document, its
/// content words.
pub struct Said<'a> {
    pub doc: &'a str,
    pub attribution: &'a Attribution,
    pub words: &'a [Word],
    /// The words that name something in `doc` (see [`entity_words`]).
    pub names: &'a FxHashSet<String>,
}

/// The result of comparing a draft attribution with a reference one.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// 0..1: the Indel similarity of the normalised contents, or, when one
    /// is a part of the other, how much of the shorter one the longer
    /// contains.
    pub similarity: f64,
    /// The draft's words equal a contiguous run of the reference's.
    pub exact_part: bool,
    pub differences: Vec<Difference>,
    /// Byte spans of the draft where the reference is silent: the draft
    /// goes on beyond what the reference reports.
    pub silent: Vec<[usize; 2]>,
    /// The draft's words are found in the reference only scattered over a
    /// passage much longer than the draft (more than twice its length and
    /// eight words): the reference says something else that happens to
    /// use them.
    pub scattered: bool,
}

impl Comparison {
    pub fn material(&self) -> bool {
        self.differences.iter().any(|d| d.kind.is_material())
    }
}

/// Compare a draft attribution with a reference attribution.
pub fn compare(lex: &CompareLexicon, draft: &Said<'_>, reference: &Said<'_>) -> Comparison {
    let a = Alignment::new(lex, draft, reference);
    let mut differences = a.number_differences();
    let polarity = a.polarity();
    for k in 0..a.hunks.len() {
        let h = a.hunks[k];
        let Some(kind) = a.classify(k, &polarity) else {
            continue;
        };
        let dside = h.draft_side(draft.words);
        // Numbers were judged as a whole; a hunk that only re-spells a
        // number (٣٠٠ / ثلاثمائة) is wording.
        if kind == Kind::Wording && a.has_number(h) {
            let covered = differences
                .iter()
                .any(|x| x.kind == Kind::Number && overlaps(x.draft.span, dside.span));
            if covered {
                continue;
            }
        }
        differences.push(Difference {
            kind,
            draft: dside,
            reference: h.reference_side(reference.words),
        });
    }
    differences.extend(polarity.stance_difference(draft, reference));
    differences.extend(addressee_difference(lex, draft, reference));
    differences.sort_by_key(|d| (d.draft.span, d.kind));
    let silent = (0..a.hunks.len())
        .filter(|&k| a.silent(k))
        .map(|k| a.hunks[k].draft_side(draft.words).span)
        .collect();
    Comparison {
        similarity: similarity(draft.words, reference.words),
        exact_part: a.exact_part(),
        differences,
        silent,
        scattered: a.scattered(),
    }
}

/// A run of words where the two sides differ, from the alignment: draft
/// words `[ds, de)` against reference words `[rs, re)`, either side
/// possibly empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Hunk {
    ds: usize,
    de: usize,
    rs: usize,
    re: usize,
}

impl Hunk {
    fn draft_side(&self, w: &[Word]) -> Side {
        span_of(w, self.ds, self.de)
    }

    fn reference_side(&self, w: &[Word]) -> Side {
        span_of(w, self.rs, self.re)
    }
}

/// Negations and modals counted over what both sides report, and the
/// stances of the two cues.
struct Polarity {
    negations: (usize, usize),
    modals: (usize, usize),
    stances: (Stance, Stance),
}

impl Polarity {
    fn stance_changed(&self) -> bool {
        stance_class(self.stances.0) != stance_class(self.stances.1)
    }

    /// نفى أن تكون تلقت = أكد أنها لم تتلق: a denial and a negation cancel
    /// (negations counted over what both sides report). Distance cancels
    /// nothing.
    fn cancels(&self) -> bool {
        let polarity = |s: Stance, negations: usize| (s == Stance::Deny) as usize ^ (negations % 2);
        self.stance_changed()
            && stance_class(self.stances.0) != 2
            && stance_class(self.stances.1) != 2
            && polarity(self.stances.0, self.negations.0)
                == polarity(self.stances.1, self.negations.1)
    }

    fn stance_difference(&self, draft: &Said<'_>, reference: &Said<'_>) -> Option<Difference> {
        (self.stance_changed() && !self.cancels()).then_some(Difference {
            kind: Kind::Stance,
            draft: Side {
                span: draft.attribution.cue.span,
            },
            reference: Side {
                span: reference.attribution.cue.span,
            },
        })
    }
}

/// A draft content aligned word by word with a reference content.
struct Alignment<'s, 'a> {
    lex: &'s CompareLexicon,
    draft: &'s Said<'a>,
    reference: &'s Said<'a>,
    /// The words as aligned: without the conjunction clitic where the
    /// other spelling is there too.
    dn: Vec<&'s str>,
    rn: Vec<&'s str>,
    ops: Vec<DiffOp>,
    hunks: Vec<Hunk>,
    /// The reference's words as [`Alignment::explained`] matches them,
    /// worked out once for all hunks: its content's, and its paragraph's.
    content_known: OnceCell<Vec<Known>>,
    paragraph_known: OnceCell<Vec<Known>>,
}

/// A reference word ready to explain a draft word: without its
/// conjunction, its family keys, and the variant-pack entries it matches.
struct Known {
    bare: String,
    keys: Vec<String>,
    variants: Vec<u32>,
}

impl Known {
    fn new(lex: &CompareLexicon, w: &Word) -> Known {
        let bare = bare(&w.norm).to_string();
        let keys = family_keys(&bare);
        let variants = lex.variants.entries(&keys);
        Known {
            bare,
            keys,
            variants,
        }
    }
}

impl<'s, 'a> Alignment<'s, 'a> {
    fn new(lex: &'s CompareLexicon, draft: &'s Said<'a>, reference: &'s Said<'a>) -> Self {
        let (dw, rw) = (draft.words, reference.words);
        // Aligned without the conjunction clitic where the other spelling
        // is there too: ووفدنا and وفدنا are one word, but وفدنا alone keeps
        // its و.
        let vocab: FxHashSet<&str> = dw
            .iter()
            .chain(rw.iter())
            .map(|w| w.norm.as_str())
            .collect();
        let align_key = |w: &'s Word| -> &'s str {
            let b = bare(&w.norm);
            if b.len() < w.norm.len() && vocab.contains(b) {
                b
            } else {
                &w.norm
            }
        };
        let dn: Vec<&str> = dw.iter().map(align_key).collect();
        let rn: Vec<&str> = rw.iter().map(align_key).collect();
        let ops = capture_diff_slices(Algorithm::Myers, &dn, &rn);
        // Merge hunks separated by nothing (a delete followed by an insert).
        let mut hunks: Vec<Hunk> = Vec::new();
        for op in &ops {
            let h = match *op {
                DiffOp::Equal { .. } => continue,
                DiffOp::Delete {
                    old_index,
                    old_len,
                    new_index,
                } => Hunk {
                    ds: old_index,
                    de: old_index + old_len,
                    rs: new_index,
                    re: new_index,
                },
                DiffOp::Insert {
                    old_index,
                    new_index,
                    new_len,
                } => Hunk {
                    ds: old_index,
                    de: old_index,
                    rs: new_index,
                    re: new_index + new_len,
                },
                DiffOp::Replace {
                    old_index,
                    old_len,
                    new_index,
                    new_len,
                } => Hunk {
                    ds: old_index,
                    de: old_index + old_len,
                    rs: new_index,
                    re: new_index + new_len,
                },
            };
            match hunks.last_mut() {
                Some(m) if m.de == h.ds && m.re == h.rs => {
                    m.de = h.de;
                    m.re = h.re;
                }
                _ => hunks.push(h),
            }
        }
        Alignment {
            lex,
            draft,
            reference,
            dn,
            rn,
            ops,
            hunks,
            content_known: OnceCell::new(),
            paragraph_known: OnceCell::new(),
        }
    }

    fn dw(&self) -> &'a [Word] {
        self.draft.words
    }

    fn rw(&self) -> &'a [Word] {
        self.reference.words
    }

    /// The draft's words equal a contiguous run of the reference's.
    fn exact_part(&self) -> bool {
        let (dl, rl) = (self.dw().len(), self.rw().len());
        self.hunks
            .iter()
            .all(|h| h.ds == h.de && (h.rs == 0 || h.re == rl) && (h.ds == 0 || h.ds == dl))
            && dl > 0
    }

    /// See [`Comparison::scattered`].
    fn scattered(&self) -> bool {
        let equal = |op: &&DiffOp| matches!(op, DiffOp::Equal { .. });
        let (Some(first), Some(last)) = (
            self.ops.iter().find(equal),
            self.ops.iter().rev().find(equal),
        ) else {
            return false;
        };
        let (
            DiffOp::Equal {
                new_index: from, ..
            },
            DiffOp::Equal { new_index, len, .. },
        ) = (first, last)
        else {
            return false;
        };
        new_index + len - from > 2 * self.dw().len() + 8
    }

    /// Hunk `k` comes before the first shared word.
    fn leading(&self, k: usize) -> bool {
        let h = self.hunks[k];
        k == 0 && h.ds == 0 && h.rs == 0
    }

    /// Hunk `k` comes after the last shared word.
    fn trailing(&self, k: usize) -> bool {
        let h = self.hunks[k];
        k + 1 == self.hunks.len() && h.de == self.dw().len() && h.re == self.rw().len()
    }

    /// Where the draft goes on beyond what the reference reports (words
    /// before the first shared word or after the last one, with nothing on
    /// the reference's side), the reference is silent: it neither confirms
    /// nor contradicts what the draft says there. A lone particle at the
    /// edge (لم | يتلق) is not such a passage: it changes the shared words.
    fn silent(&self, k: usize) -> bool {
        let h = self.hunks[k];
        (self.leading(k) || self.trailing(k))
            && h.rs == h.re
            && h.de - h.ds >= 3
            && h.de - h.ds < self.dw().len()
    }

    /// Draft word `pos` is in a passage the reference is silent on.
    fn in_silent(&self, pos: usize) -> bool {
        (0..self.hunks.len()).any(|k| {
            let h = self.hunks[k];
            self.silent(k) && h.ds <= pos && pos < h.de
        })
    }

    /// Where the reference goes on beyond what the draft reports (before
    /// the first shared word or after the last one), or leaves out a whole
    /// clause in the middle, the draft has truncated it: only what the
    /// draft adds there counts.
    fn truncated(&self, k: usize) -> bool {
        let h = self.hunks[k];
        let rw = self.rw();
        let (dl, rl) = (h.de - h.ds, h.re - h.rs);
        // A negation or modal just outside the draft's words (لم | يتلق أي
        // تقرير) was dropped, not cut: it belongs to the clause the draft
        // reports.
        let particle = rl <= 2
            && (negation_count(self.lex, rw, h.rs, h.re) > 0
                || modal_count(self.lex, rw, h.rs, h.re) > 0);
        // A reference side four or more words longer: a passage the draft
        // leaves out, wherever it is.
        ((self.leading(k) || self.trailing(k)) && (dl == 0 || rl > dl + 2) && !particle)
            || rl >= dl + 4
    }

    /// A count of words on each side over what both report: the
    /// reference's total without what the draft truncated, the draft's
    /// without what the reference is silent on. Negations and modals are
    /// compared in total, so that a reordered sentence moves them without
    /// changing them.
    fn totals(&self, count: fn(&CompareLexicon, &[Word], usize, usize) -> usize) -> (usize, usize) {
        let (dw, rw) = (self.dw(), self.rw());
        let mut r_total = count(self.lex, rw, 0, rw.len());
        for (k, h) in self.hunks.iter().enumerate() {
            if self.truncated(k) {
                r_total -= count(self.lex, rw, h.rs, h.re).min(r_total);
            }
        }
        let mut d_total = count(self.lex, dw, 0, dw.len());
        for (k, h) in self.hunks.iter().enumerate() {
            if self.silent(k) {
                d_total -= count(self.lex, dw, h.ds, h.de).min(d_total);
            }
        }
        (d_total, r_total)
    }

    fn polarity(&self) -> Polarity {
        Polarity {
            negations: self.totals(negation_count),
            modals: self.totals(modal_count),
            stances: (
                self.draft.attribution.cue.stance,
                self.reference.attribution.cue.stance,
            ),
        }
    }

    /// Numbers: every number of the draft must be in the reference with
    /// the same hedge; numbers the draft leaves out are a truncation, and
    /// numbers where the reference is silent are not compared.
    fn number_differences(&self) -> Vec<Difference> {
        let (dw, rw) = (self.dw(), self.rw());
        let dnums: Vec<_> = numbers::numbers(self.lex, self.draft.doc, dw)
            .into_iter()
            .filter(|n| !self.in_silent(n.from))
            .collect();
        let rnums = numbers::numbers(self.lex, self.reference.doc, rw);
        let mut used = vec![false; rnums.len()];
        let mut bad = Vec::new();
        for d in &dnums {
            let same = (0..rnums.len())
                .find(|&k| !used[k] && rnums[k].value == d.value && rnums[k].hedge == d.hedge);
            if let Some(k) = same {
                used[k] = true;
            } else {
                bad.push(d);
            }
        }
        let mut out = Vec::new();
        for d in bad {
            // The reference number aligned with it: the one whose position
            // in the reference best matches the draft number's
            // neighbourhood.
            let target = aligned_position(&self.ops, d.from);
            let r = (0..rnums.len())
                .filter(|&k| !used[k])
                .min_by_key(|&k| (rnums[k].from as isize - target as isize).unsigned_abs());
            let reference = match r {
                Some(k) => {
                    used[k] = true;
                    span_of(rw, rnums[k].from, rnums[k].to)
                }
                None => span_of(rw, target, target),
            };
            out.push(Difference {
                kind: Kind::Number,
                draft: span_of(dw, d.from, d.to),
                reference,
            });
        }
        out
    }

    /// Either side of hunk `h` holds a number.
    fn has_number(&self, h: Hunk) -> bool {
        !numbers::numbers(self.lex, self.draft.doc, &self.dw()[h.ds..h.de]).is_empty()
            || !numbers::numbers(self.lex, self.reference.doc, &self.rw()[h.rs..h.re]).is_empty()
    }

    /// The kind of hunk `k`, or `None` when it is no difference at all
    /// (what a truncation leaves out, or wording inside it).
    fn classify(&self, k: usize, p: &Polarity) -> Option<Kind> {
        let h = self.hunks[k];
        let cut = self.truncated(k);
        if cut && h.ds == h.de {
            return None;
        }
        let kind = if self.is_extension(h) {
            Kind::Extension
        } else if self.silent(k) {
            Kind::Wording
        } else if self.is_negation(h, cut, p) {
            Kind::Negation
        } else if self.is_modality(h, cut, p) {
            Kind::Modality
        } else if !cut && self.is_time(h) {
            Kind::Time
        } else if !cut && self.is_entity(h) {
            Kind::Entity
        } else if self.is_opposite(h) {
            Kind::Opposite
        } else if !self.explained(h, cut) {
            Kind::Reworded
        } else {
            Kind::Wording
        };
        (!(cut && kind == Kind::Wording)).then_some(kind)
    }

    /// Words inside the draft's direct quote that the reference does not
    /// have: whatever they say, they were put in the speaker's mouth. Only
    /// a direct quote presents every word as the speaker's; a mixed
    /// content's words outside the marks are the reporter's.
    fn is_extension(&self, h: Hunk) -> bool {
        let d = &self.dw()[h.ds..h.de];
        self.draft.attribution.mode == Mode::Direct
            && h.rs == h.re
            && d.len() >= 4
            && shared(d, self.rw()) * 2 < d.len()
            && !in_document(d, self.reference.doc)
    }

    /// A different number of negations on the two sides of the hunk, when
    /// the totals differ too and no denial cancels it. On a truncated hunk
    /// the reference side's words are not compared.
    fn is_negation(&self, h: Hunk, cut: bool, p: &Polarity) -> bool {
        let nd = negation_count(self.lex, self.dw(), h.ds, h.de);
        let nr = if cut {
            0
        } else {
            negation_count(self.lex, self.rw(), h.rs, h.re)
        };
        p.negations.0 != p.negations.1
            && nd != nr
            && !p.cancels()
            && !same_letters(&self.dw()[h.ds..h.de], &self.rw()[h.rs..h.re])
    }

    /// A different number of modal words on the two sides, when the totals
    /// differ too.
    fn is_modality(&self, h: Hunk, cut: bool, p: &Polarity) -> bool {
        let md = modal_count(self.lex, self.dw(), h.ds, h.de);
        let mr = if cut {
            0
        } else {
            modal_count(self.lex, self.rw(), h.rs, h.re)
        };
        p.modals.0 != p.modals.1 && md != mr
    }

    /// The two sides name different times or dates.
    fn is_time(&self, h: Hunk) -> bool {
        time::times_differ(
            &time::time_words(self.lex, self.dw(), (h.ds, h.de)),
            &time::time_words(self.lex, self.rw(), (h.rs, h.re)),
        ) || numbers::dates_differ(
            self.lex,
            (self.draft.doc, self.dw(), (h.ds, h.de)),
            (self.reference.doc, self.rw(), (h.rs, h.re)),
        )
    }

    /// A word of the draft's side and a word of the reference's side say
    /// the opposite (انسحب / عاد، ارتفع / انخفض): the comparison pack's
    /// opposites, in any inflection.
    fn is_opposite(&self, h: Hunk) -> bool {
        let (d, r) = (&self.dw()[h.ds..h.de], &self.rw()[h.rs..h.re]);
        d.iter().any(|x| {
            r.iter()
                .any(|y| self.lex.opposites.has(bare(&x.norm), bare(&y.norm)))
        })
    }

    /// Every content word the draft's side of the hunk changes is a known
    /// variant of a word the reference's paragraph has: the same word in
    /// another place, the same family (صرح / تصريحات، ترامب / ترمب), an entry of
    /// the variant pack. Function words, fillers and numbers (judged on
    /// their own) need no explaining; the words the draft leaves out say
    /// nothing new.
    ///
    /// Where the reference goes on much longer than the draft (`cut`: a
    /// truncation), only the reference's content explains, and a word of
    /// the same family inside the long passage does not: taken out of it
    /// (بلاده ستنسحب / بلاده ... أمام الانسحاب الأمريكي) it says something
    /// else.
    fn explained(&self, h: Hunk, cut: bool) -> bool {
        let lex = self.lex;
        let content = |w: &Word| {
            let b = bare(&w.norm);
            b.chars().count() >= 2
                && !lex.stopwords.contains(b)
                && !lex.stopwords.contains(&w.norm)
                && !lex.fillers.contains(b)
                && !lex.fillers.contains(&w.norm)
                && lex.number(b).is_none()
                && !lex.hedges.contains_key(b)
                && !lex.scales.contains_key(b)
                && !b.chars().all(|c| c.is_numeric())
        };
        let unexplained: Vec<&Word> = self.dw()[h.ds..h.de]
            .iter()
            .filter(|w| content(w))
            .collect();
        if unexplained.is_empty() {
            return true;
        }
        // The reference's paragraph explains too: a pronoun (لإيوائها)
        // stands for words said just before, and a reordered sentence
        // moves words out of the extracted content. In a truncation, a
        // family word inside the passage itself does not explain (it is
        // how a long passage says something else); one in the rest of the
        // content does (a reordered sentence).
        let known = |list: Vec<Word>| list.iter().map(|w| Known::new(lex, w)).collect();
        let reference = if cut {
            self.content_known.get_or_init(|| known(self.rw().to_vec()))
        } else {
            self.paragraph_known.get_or_init(|| {
                let doc = self.reference.doc;
                let c = self.reference.attribution.content.span;
                let from = doc[..c[0].min(doc.len())].rfind('\n').map_or(0, |i| i + 1);
                let to = doc[c[1].min(doc.len())..]
                    .find('\n')
                    .map_or(doc.len(), |i| c[1] + i);
                known(words(doc, [from, to]))
            })
        };
        unexplained.iter().all(|w| {
            let d = Known::new(lex, w);
            let long = d.bare.chars().count() >= 6;
            reference.iter().enumerate().any(|(k, r)| {
                let inside = cut && (h.rs..h.re).contains(&k);
                r.bare == d.bare
                    || (!inside && r.keys.iter().any(|x| d.keys.contains(x)))
                    || lex.variants.paired(&d.variants, &r.variants)
                    // A slip of one letter in a long word (سببقى / سيبقى).
                    || (long
                        && r.bare.chars().count() >= 6
                        && strsim::levenshtein(&d.bare, &r.bare) <= 1)
            })
        })
    }

    /// One named thing swapped for another.
    fn is_entity(&self, h: Hunk) -> bool {
        entities::entity_swap(
            self.lex,
            (&self.dw()[h.ds..h.de], &self.dn),
            (&self.rw()[h.rs..h.re], &self.rn),
            &[self.draft.names, self.reference.names],
        )
    }
}

/// Whether two outlets' versions of one statement (`a` the shorter, as
/// compared by [`compare`]) contradict each other on `d`: a fact one can
/// see without interpreting the wording, set in words both report alike
/// (the word before it and the word after it are the same on both sides,
/// or both contents start or end there).
///
/// - a number: a value the other side gives nowhere, in place of the
///   other's (27 against 30 dead); a number the other side gives too, with
///   or without a hedge, is the same figure;
/// - a negation: the same words with a negation added or dropped (سيشارك
///   against لن يشارك); a negation inside a rephrased passage (يمنع against
///   تضمن عدم قدرة) is wording;
/// - opposite words: one word against its opposite (الشمالية / الجنوبية);
/// - a denial reported as an assertion (نفى against أكد) over words that
///   say the same.
///
/// Every other kind is how outlets word one statement as often as it is a
/// contradiction, and isnad cannot tell which: times (outlets of different
/// days write اليوم and أمس for one day), modality (one outlet keeps a
/// hedge another drops), named things (موسكو / روسيا, الفراعنة / منتخب مصر,
/// two spellings of one name) and the other cues (زعم / قال، اتهم / نفى).
pub fn contradicts<'s>(lex: &CompareLexicon, a: &Said<'s>, b: &Said<'s>, d: &Difference) -> bool {
    let (aw, bw) = (a.words, b.words);
    if d.kind == Kind::Stance {
        // نفى against أكد or قال over words that say the same: a denial
        // reported as an assertion. Not زعم (distance) or اتهم (judgement):
        // outlets choose those for the same statement.
        let plain = |s: Stance| matches!(s, Stance::Neutral | Stance::Assert);
        let (x, y) = (a.attribution.cue.stance, b.attribution.cue.stance);
        // A negation in either content may say the denial in words (نفى
        // ... وقال: لم أتناول).
        return (x == Stance::Deny && plain(y) || y == Stance::Deny && plain(x))
            && negation_count(lex, aw, 0, aw.len()) == 0
            && negation_count(lex, bw, 0, bw.len()) == 0
            && similarity(aw, bw) >= 0.6;
    }
    if !matches!(d.kind, Kind::Number | Kind::Negation | Kind::Opposite) {
        return false;
    }
    let (Some((ds, de)), Some((rs, re))) = (
        word_range(aw, d.draft.span),
        word_range(bw, d.reference.span),
    ) else {
        return false;
    };
    let same = |x: &Word, y: &Word| {
        x.norm == y.norm
            || bare(&x.norm) == bare(&y.norm)
            || same_family(bare(&x.norm), bare(&y.norm))
    };
    // Both contents starting (or ending) there anchors as well: what is
    // before is the cue.
    let left = (ds == 0 && rs == 0) || (ds > 0 && rs > 0 && same(&aw[ds - 1], &bw[rs - 1]));
    let right = (de == aw.len() && re == bw.len())
        || (de < aw.len() && re < bw.len() && same(&aw[de], &bw[re]));
    if !(left && right) {
        return false;
    }
    match d.kind {
        Kind::Number => {
            // Tolls of two different days (قتل 11 السبت، قتل 16 الجمعة) are
            // two statements, the later an update.
            let weekdays = |w: &[Word]| -> Vec<String> {
                w.iter()
                    .filter_map(|x| match lex.time(bare(&x.norm)) {
                        Some((crate::pack::compare::TimeClass::Weekday, v)) => Some(v.to_string()),
                        _ => None,
                    })
                    .collect()
            };
            let (da, db) = (weekdays(aw), weekdays(bw));
            if !da.is_empty() && !db.is_empty() && !da.iter().any(|d| db.contains(d)) {
                return false;
            }
            !same_figure(lex, a, b, d)
        }
        Kind::Negation => {
            // Without their negations, the two sides are the same words.
            // (ستشارك / لن تشارك: the future prefix goes with the negation.)
            let rest = |w: &'s [Word], from: usize, to: usize| -> Vec<&'s Word> {
                (from..to)
                    .filter(|&k| {
                        let next = w.get(k + 1).map_or("", |n| n.norm.as_str());
                        let b = bare(&w[k].norm);
                        // لا glued to its verb (لايستطيع) negates too.
                        let glued = b.strip_prefix("لا").is_some_and(|v| {
                            v.chars().count() >= 4 && v.starts_with(['ي', 'ت', 'ن', 'ا'])
                        });
                        !lex.is_negation(b, next) && !glued
                    })
                    .map(|k| &w[k])
                    .collect()
            };
            let future = |x: &Word| {
                let b = bare(&x.norm);
                b.strip_prefix('س')
                    .filter(|r| r.chars().count() >= 3)
                    .unwrap_or(b)
                    .to_string()
            };
            // One verb in two persons or tenses (تلقينا / نتلق) is one verb:
            // a letter apart once its person prefix is gone.
            let verb = |x: &Word| {
                let f = future(x);
                let stem = f
                    .strip_prefix(['ن', 'ي', 'ت', 'أ', 'ا'])
                    .filter(|r| r.chars().count() >= 3)
                    .unwrap_or(&f)
                    .to_string();
                stem.strip_suffix("نا")
                    .filter(|r| r.chars().count() >= 3)
                    .map_or(stem.clone(), str::to_string)
            };
            let close = |p: &Word, q: &Word| {
                same(p, q) || future(p) == future(q) || strsim::levenshtein(&verb(p), &verb(q)) <= 1
            };
            let content = |v: Vec<&'s Word>| -> Vec<&'s Word> {
                v.into_iter()
                    .filter(|w| !lex.stopwords.contains(bare(&w.norm)))
                    .collect()
            };
            let (x, y) = (content(rest(aw, ds, de)), content(rest(bw, rs, re)));
            x.len() == y.len() && x.iter().zip(&y).all(|(p, q)| close(p, q))
        }
        _ => de - ds == 1 && re - rs == 1,
    }
}

/// Whether a number difference `d` between two versions of one statement
/// is no difference of figure: one side's number is given by the other
/// too, with another hedge (نحو 300 / 300) or elsewhere in its words.
pub fn same_figure(lex: &CompareLexicon, a: &Said<'_>, b: &Said<'_>, d: &Difference) -> bool {
    let (Some((ds, de)), Some((rs, re))) = (
        word_range(a.words, d.draft.span),
        word_range(b.words, d.reference.span),
    ) else {
        return false;
    };
    let values = |s: &Said<'_>, from: usize, to: usize| -> Vec<f64> {
        numbers::numbers(lex, s.doc, &s.words[from..to])
            .into_iter()
            .map(|n| n.value)
            .collect()
    };
    let (all_a, all_b) = (values(a, 0, a.words.len()), values(b, 0, b.words.len()));
    let given = |side: Vec<f64>, other: &[f64]| side.iter().all(|v| other.contains(v));
    d.kind == Kind::Number && (given(values(a, ds, de), &all_b) || given(values(b, rs, re), &all_a))
}

/// The words `[from, to)` that `span` covers (an empty range where the
/// span is empty: the place the missing words would be).
fn word_range(words: &[Word], span: [usize; 2]) -> Option<(usize, usize)> {
    let from = words
        .iter()
        .position(|w| w.span[0] >= span[0])
        .unwrap_or(words.len());
    let to = from
        + words[from..]
            .iter()
            .take_while(|w| w.span[1] <= span[1])
            .count();
    (span[0] == span[1] || to > from).then_some((from, to))
}

/// Two addressees with no word in common: different people were spoken
/// to. A pronoun (لهم، له) names nobody to compare with.
fn addressee_difference(
    lex: &CompareLexicon,
    draft: &Said<'_>,
    reference: &Said<'_>,
) -> Option<Difference> {
    let (a, b) = (
        draft.attribution.addressee.as_ref()?,
        reference.attribution.addressee.as_ref()?,
    );
    let (wa, wb) = (words(draft.doc, a.span), words(reference.doc, b.span));
    let pronoun = |w: &[Word]| w.len() == 1 && lex.addressee_pronouns.contains(&w[0].norm);
    // Different only when no word is shared (للصحافيين / لصحافيين في مرفأ
    // المدينة are the same people).
    let stem = |w: &Word| -> String {
        let n = w.norm.as_str();
        let n = n
            .strip_prefix("لل")
            .or_else(|| n.strip_prefix("ل"))
            .unwrap_or(n);
        n.strip_prefix("ال").unwrap_or(n).to_string()
    };
    let common = wa.iter().any(|x| wb.iter().any(|y| stem(x) == stem(y)));
    (!pronoun(&wa) && !pronoun(&wb) && !common).then_some(Difference {
        kind: Kind::Addressee,
        draft: Side { span: a.span },
        reference: Side { span: b.span },
    })
}

/// The byte span of words `[from, to)`; an empty range marks the place
/// where the words would be.
fn span_of(words: &[Word], from: usize, to: usize) -> Side {
    if from < to && to <= words.len() {
        Side {
            span: [words[from].span[0], words[to - 1].span[1]],
        }
    } else {
        let p = if from < words.len() {
            words[from].span[0]
        } else {
            words.last().map_or(0, |w| w.span[1])
        };
        Side { span: [p, p] }
    }
}

/// The reference document has the words (its attribution's content may
/// have been cut shorter than the quote marks).
fn in_document(d: &[Word], doc: &str) -> bool {
    let all = words(doc, [0, doc.len()]);
    shared(d, &all) * 2 >= d.len()
}

fn overlaps(a: [usize; 2], b: [usize; 2]) -> bool {
    a[0] < b[1] && b[0] < a[1] || a == b
}

/// The reference word index that draft word `i` aligns with.
fn aligned_position(ops: &[DiffOp], i: usize) -> usize {
    for op in ops {
        let (os, ol, ns, nl) = match *op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => (old_index, len, new_index, len),
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (old_index, old_len, new_index, 0),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (old_index, 0, new_index, new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (old_index, old_len, new_index, new_len),
        };
        if i >= os && i < os + ol.max(1) {
            return ns + (i - os).min(nl.saturating_sub(1));
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Engine;

    fn pair(draft: &str, reference: &str) -> Comparison {
        let e = Engine::default();
        let lex = CompareLexicon::builtin();
        let (a, b) = (e.extract(draft), e.extract(reference));
        let (a, b) = (&a.attributions[0], &b.attributions[0]);
        let (wa, wb) = (
            words(draft, a.content.span),
            words(reference, b.content.span),
        );
        let (na, nb) = (
            entity_words(&lex, draft, std::slice::from_ref(a)),
            entity_words(&lex, reference, std::slice::from_ref(b)),
        );
        compare(
            &lex,
            &Said {
                doc: draft,
                attribution: a,
                words: &wa,
                names: &na,
            },
            &Said {
                doc: reference,
                attribution: b,
                words: &wb,
                names: &nb,
            },
        )
    }

    fn kinds(c: &Comparison) -> Vec<&'static str> {
        c.differences.iter().map(|d| d.kind.as_str()).collect()
    }

    #[test]
    fn same_words_in_another_spelling_differ_in_nothing() {
        let c = pair(
            "وقال الوزير سامر الخطيب إن «المياه انحسرت عن ٣٠٠ منزل».",
            "وقال الوزير سامر الخطيب إن \"المياه انحسرت عن 300 منزل\".",
        );
        assert!(c.differences.is_empty(), "{:?}", c.differences);
        assert!(c.exact_part);
        assert!(c.similarity > 0.99);
    }

    #[test]
    fn a_changed_number_and_a_dropped_hedge_are_numbers() {
        let c = pair(
            "وقال المحافظ سامر الخطيب إن 150 أسرة نزحت.",
            "وقال المحافظ سامر الخطيب إن 100 أسرة نزحت.",
        );
        assert_eq!(kinds(&c), ["number"]);
        let c = pair(
            "وقال المحافظ سامر الخطيب إن 300 أسرة نزحت.",
            "وقال المحافظ سامر الخطيب إن أكثر من 300 أسرة نزحت.",
        );
        assert_eq!(kinds(&c), ["number"]);
        // A number word and its digits are the same number.
        let c = pair(
            "وقال المحافظ سامر الخطيب إن ثلاثة آلاف أسرة نزحت.",
            "وقال المحافظ سامر الخطيب إن 3000 أسرة نزحت.",
        );
        assert!(!c.material(), "{:?}", c.differences);
    }

    #[test]
    fn an_added_negation_is_material_and_a_denial_cancels_one() {
        let c = pair(
            "وقال الوزير سامر الخطيب إن الوزارة لم تتلق أي تحذير.",
            "وقال الوزير سامر الخطيب إن الوزارة تلقت تحذيرا.",
        );
        assert!(kinds(&c).contains(&"negation"));
        let c = pair(
            "ونفى الوزير سامر الخطيب أن تكون الوزارة تلقت أي تحذير.",
            "وأكد الوزير سامر الخطيب أن الوزارة لم تتلق أي تحذير.",
        );
        assert!(
            !kinds(&c).contains(&"negation") && !kinds(&c).contains(&"stance"),
            "{:?}",
            kinds(&c)
        );
        let c = pair(
            "ونفى الوزير سامر الخطيب أن تكون الوزارة تلقت تحذيرا.",
            "وأكد الوزير سامر الخطيب أن الوزارة تلقت تحذيرا.",
        );
        let material: Vec<_> = c
            .differences
            .iter()
            .filter(|d| d.kind.is_material())
            .map(|d| d.kind.as_str())
            .collect();
        assert_eq!(material, ["stance"]);
    }

    #[test]
    fn what_the_draft_says_beyond_the_reference_is_not_contradicted() {
        // The reference stops where the draft goes on with a figure: it is
        // silent on that figure, not at odds with it.
        let c = pair(
            "وقال المتحدث سامر الخطيب إن الفرق نقلت الجرحى إلى المستشفى الميداني في البلدة بعد إصابة 40 شخصا على الأقل.",
            "وقال المتحدث سامر الخطيب إن الفرق نقلت الجرحى إلى المستشفى الميداني في البلدة.",
        );
        assert!(!c.material(), "{:?}", c.differences);
        // A figure the reference has, changed at the edge, is still a change.
        let c = pair(
            "وقال المتحدث سامر الخطيب إن الفرق نقلت الجرحى إلى المستشفى الميداني بعد إصابة 40 شخصا.",
            "وقال المتحدث سامر الخطيب إن الفرق نقلت الجرحى إلى المستشفى الميداني بعد إصابة 30 شخصا.",
        );
        assert_eq!(kinds(&c), ["number"]);
        // A negation particle at the edge changes the shared words.
        let c = pair(
            "وقال المتحدث سامر الخطيب إن الفرق لم تنقل الجرحى إلى المستشفى الميداني.",
            "وقال المتحدث سامر الخطيب إن الفرق تنقل الجرحى إلى المستشفى الميداني.",
        );
        assert_eq!(kinds(&c), ["negation"]);
    }

    #[test]
    fn a_negation_with_a_preposition_is_still_one() {
        let c = pair(
            "وقال المتحدث سامر الخطيب إن الحكومة تتمسك بعدم رفع الأسعار هذا العام.",
            "وقال المتحدث سامر الخطيب إن الحكومة تتمسك بقرار عدم رفع الأسعار هذا العام.",
        );
        assert!(!c.material(), "{:?}", c.differences);
    }

    #[test]
    fn qad_before_a_perfect_verb_is_not_a_modality() {
        let c = pair(
            "وقال المتحدث سامر الخطيب إن المصاب نقل إلى المستشفى وقد تم علاجه.",
            "وقال المتحدث سامر الخطيب إن المصاب نقل إلى المستشفى وتم علاجه.",
        );
        assert!(!c.material(), "{:?}", c.differences);
    }

    #[test]
    fn time_modality_and_truncation() {
        let c = pair(
            "وقال الوزير سامر الخطيب إن اللجنة ستجتمع يوم الاثنين.",
            "وقال الوزير سامر الخطيب إن اللجنة ستجتمع يوم الثلاثاء.",
        );
        assert_eq!(kinds(&c), ["time"]);
        let c = pair(
            "وقال الوزير سامر الخطيب إن اللجنة قد تجتمع غدا.",
            "وقال الوزير سامر الخطيب إن اللجنة تجتمع غدا.",
        );
        assert_eq!(kinds(&c), ["modality"]);
        let c = pair(
            "وقال الوزير سامر الخطيب إن «اللجنة تجتمع غدا».",
            "وقال الوزير سامر الخطيب إن «اللجنة تجتمع غدا في العاصمة لبحث الأزمة».",
        );
        assert!(c.differences.is_empty(), "{:?}", c.differences);
        assert!(c.exact_part && c.similarity > 0.95);
    }

    #[test]
    fn words_added_inside_a_quote_are_an_extension() {
        let c = pair(
            "وقال الوزير سامر الخطيب: «اللجنة تجتمع غدا ولن نتراجع عن قرارنا أبدا، والحكومة ستدفع».",
            "وقال الوزير سامر الخطيب: «اللجنة تجتمع غدا، والحكومة ستدفع».",
        );
        assert!(kinds(&c).contains(&"extension"), "{:?} {:?}", kinds(&c), c);
    }

    #[test]
    fn similarity_scores_are_the_indel_ratio() {
        // Pinned: 1 - 2 / 10 for one substitution in five characters each.
        let a = words("abcde", [0, 5]);
        let b = words("abcdx", [0, 5]);
        assert!((similarity(&a, &b) - 0.8).abs() < 1e-9);
    }

    #[test]
    fn dates_and_clock_times_are_times_not_quantities() {
        let c = pair(
            "وقال الوزير سامر الخطيب إن المؤتمر يعقد يوم 21 يونيو في الساعة 14:00.",
            "وقال الوزير سامر الخطيب إن المؤتمر يعقد يوم 25 يونيو في الساعة 14:00.",
        );
        assert_eq!(kinds(&c), ["time"]);
    }

    #[test]
    fn levantine_and_maghrebi_months_are_months() {
        // كانون الثاني (January) against كانون الأول (December): the words
        // differ in the second word only, and that names another month.
        let c = pair(
            "وقال الوزير سامر الخطيب إن المؤتمر يعقد في كانون الثاني المقبل.",
            "وقال الوزير سامر الخطيب إن المؤتمر يعقد في كانون الأول المقبل.",
        );
        assert_eq!(kinds(&c), ["time"]);
        // One month in three spellings.
        for other in ["يناير", "جانفي"] {
            let c = pair(
                "وقال الوزير سامر الخطيب إن المؤتمر يعقد في كانون الثاني المقبل.",
                &format!("وقال الوزير سامر الخطيب إن المؤتمر يعقد في {other} المقبل."),
            );
            assert!(!c.material(), "{other}: {:?}", c.differences);
        }
        // A day before a two-word month is a date, not a quantity.
        let c = pair(
            "وقال الوزير سامر الخطيب إن المؤتمر يعقد يوم 12 تشرين الثاني.",
            "وقال الوزير سامر الخطيب إن المؤتمر يعقد يوم 14 تشرين الثاني.",
        );
        assert_eq!(kinds(&c), ["time"]);
    }

    #[test]
    fn still_and_however_are_not_negations() {
        let c = pair(
            "وقال الوزير سامر الخطيب إن المفاوضات ما زالت مستمرة غير أن الوفد غادر.",
            "وقال الوزير سامر الخطيب إن المفاوضات لا تزال مستمرة لكن الوفد غادر.",
        );
        assert!(!c.material(), "{:?}", c.differences);
    }

    #[test]
    fn fixed_expressions_with_la_are_not_negations() {
        let c = pair(
            "وقال الوزير سامر الخطيب إن الأسعار ارتفعت لا سيما أسعار الخبز.",
            "وقال الوزير سامر الخطيب إن الأسعار ارتفعت وخاصة أسعار الخبز.",
        );
        assert!(!kinds(&c).contains(&"negation"), "{:?}", c.differences);
        let c = pair(
            "وقال الوزير سامر الخطيب إنه لا بد من إصلاح الطريق.",
            "وقال الوزير سامر الخطيب إنه يجب إصلاح الطريق.",
        );
        assert!(!kinds(&c).contains(&"negation"), "{:?}", c.differences);
    }

    #[test]
    fn a_negation_dropped_at_the_edge_is_not_a_truncation() {
        let c = pair(
            "وقال الاتحاد إنه تلقى أي تقرير عن الحادث.",
            "وقال الاتحاد إنه لم يتلق أي تقرير عن الحادث.",
        );
        assert!(kinds(&c).contains(&"negation"), "{:?}", kinds(&c));
    }

    #[test]
    fn a_place_named_in_full_and_by_its_head_is_one_place() {
        let c = pair(
            "وقال المصدر العسكري سامر الخطيب إن الطائرات قصفت مطار التيفور ليلا.",
            "وقال المصدر العسكري سامر الخطيب إن الطائرات قصفت المطار ليلا.",
        );
        assert!(!c.material(), "{:?}", c.differences);
        let c = pair(
            "وقالت روابط المشجعين إنها ستنظم وقفة أمام مقر وزارة الشباب يوم الجمعة.",
            "وقالت روابط المشجعين إنها ستنظم وقفة أمام مقر الاتحاد يوم الجمعة.",
        );
        assert_eq!(kinds(&c), ["entity"]);
    }

    #[test]
    fn one_number_written_two_ways_is_one_number() {
        for (a, b) in [
            (
                "بلغ النمو 5ر6 بالمئة هذا العام",
                "بلغ النمو 6.5 بالمئة هذا العام",
            ),
            (
                "خصصت الحكومة مئتي دولار لكل أسرة",
                "خصصت الحكومة 200 دولار لكل أسرة",
            ),
            (
                "نزحت 1\u{200F}500 أسرة من القرية",
                "نزحت 1500 أسرة من القرية",
            ),
            ("أصيب ثلاثة عشر شخصا في الحادث", "أصيب 13 شخصا في الحادث"),
            (
                "استمرت المفاوضات خمس عشرة ساعة متواصلة",
                "استمرت المفاوضات 15 ساعة متواصلة",
            ),
            ("بلغت الصادرات 3ر42 مليون طن", "بلغت الصادرات 42.3 مليون طن"),
            (
                "بلغت الخسائر بين 4 مليارات و7 مليارات دولار",
                "بلغت الخسائر بين 4 و7 مليارات دولار",
            ),
        ] {
            let c = pair(
                &format!("وقال الوزير سامر الخطيب إن {a}."),
                &format!("وقال الوزير سامر الخطيب إن {b}."),
            );
            assert!(!kinds(&c).contains(&"number"), "{a}: {:?}", c.differences);
        }
        // A real difference still shows.
        let c = pair(
            "وقال الوزير سامر الخطيب إن النمو بلغ 5ر6 بالمئة هذا العام.",
            "وقال الوزير سامر الخطيب إن النمو بلغ 5.6 بالمئة هذا العام.",
        );
        assert!(kinds(&c).contains(&"number"), "{:?}", c.differences);
    }

    #[test]
    fn opposite_words_are_material_and_lookalikes_are_not() {
        let c = pair(
            "وقال الوزير سامر الخطيب إن أسعار القمح ارتفعت هذا الشهر.",
            "وقال الوزير سامر الخطيب إن أسعار القمح انخفضت هذا الشهر.",
        );
        assert_eq!(kinds(&c), ["opposite"], "{:?}", c.differences);
        assert!(c.material());
        // المقبل (next) is no «قبل» (before), nor القادم its opposite.
        let c = pair(
            "وقال الوزير سامر الخطيب إن القمة تعقد في سنغافورة الشهر المقبل.",
            "وقال الوزير سامر الخطيب إن القمة تعقد في سنغافورة الشهر القادم.",
        );
        assert!(!c.material(), "{:?}", c.differences);
    }

    #[test]
    fn number_words_with_the_article_name_a_group_not_a_quantity() {
        let c = pair(
            "وقال الوزير سامر الخطيب إن الدول الستة وقعت على الاتفاق.",
            "وقال الوزير سامر الخطيب إن الدول الثلاثة وقعت على الاتفاق.",
        );
        assert!(!kinds(&c).contains(&"number"), "{:?}", c.differences);
    }

    #[test]
    fn at_least_said_two_ways_is_one_hedge() {
        let c = pair(
            "وقال الوزير سامر الخطيب إن ما لا يقل عن 20 شخصا أصيبوا في الحادث.",
            "وقال الوزير سامر الخطيب إن 20 شخصا على الأقل أصيبوا في الحادث.",
        );
        assert!(!c.material(), "{:?}", c.differences);
        let c = pair(
            "وقال الوزير سامر الخطيب إن قرابة 20 شخصا أصيبوا في الحادث.",
            "وقال الوزير سامر الخطيب إن نحو 20 شخصا أصيبوا في الحادث.",
        );
        assert!(!c.material(), "{:?}", c.differences);
    }

    #[test]
    fn qad_before_a_perfect_verb_is_no_modality() {
        let c = pair(
            "وقال الوزير سامر الخطيب إن الوزارة قد تلقت الشكوى يوم الأحد.",
            "وقال الوزير سامر الخطيب إن الوزارة تلقت الشكوى يوم الأحد.",
        );
        assert!(!kinds(&c).contains(&"modality"), "{:?}", c.differences);
        let c = pair(
            "وقال الوزير سامر الخطيب إن الجسر قد يغلق يوم الأحد.",
            "وقال الوزير سامر الخطيب إن الجسر سيغلق يوم الأحد.",
        );
        assert!(kinds(&c).contains(&"modality"), "{:?}", c.differences);
    }

    #[test]
    fn days_named_from_the_day_of_writing_are_not_compared() {
        let c = pair(
            "وقال الوزير سامر الخطيب إن الجسر أغلق أمس أمام السيارات.",
            "وقال الوزير سامر الخطيب إن الجسر أغلق اليوم أمام السيارات.",
        );
        assert!(!kinds(&c).contains(&"time"), "{:?}", c.differences);
        // A weekday still is.
        let c = pair(
            "وقال الوزير سامر الخطيب إن الجسر أغلق يوم الاثنين أمام السيارات.",
            "وقال الوزير سامر الخطيب إن الجسر أغلق يوم الثلاثاء أمام السيارات.",
        );
        assert!(kinds(&c).contains(&"time"), "{:?}", c.differences);
    }

    #[test]
    fn decimal_commas_and_glued_digits() {
        let c = pair(
            "وقال الوزير سامر الخطيب إن الاستثمار يبلغ 1,5 مليون دولار وإن الأسعار زادت بنسبة الـ15 بالمئة.",
            "وقال الوزير سامر الخطيب إن الاستثمار يبلغ 1.5 مليون دولار وإن الأسعار زادت بنسبة 15 بالمئة.",
        );
        assert!(!c.material(), "{:?}", c.differences);
    }
}
