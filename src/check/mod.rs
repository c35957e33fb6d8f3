//! Checking: every attribution of a draft against the attributions of
//! reference articles (`isnad check`), and the attributions of a corpus
//! against each other (`isnad crosscheck`).
//!
//! The stage follows the data:
//!
//! * [`index`]: the references, extracted once and indexed by content
//!   words, pick a few candidates for each draft attribution;
//! * [`identity`]: whether two sources are the same speaker;
//! * [`compare`]: two contents aligned word by word, and the differences
//!   a fact-checker must see;
//! * this module's [`Checker`]: the verdict of one draft attribution from
//!   its candidates (section 6 of the attribution guide), in stages:
//!   retrieve, keep the same speaker's, look for words in the wrong
//!   mouth, compare, sort into agreeing and disagreeing, test for
//!   conflict and added words, decide;
//! * [`drafts`]: many drafts checked against references in memory or an
//!   archive, a batch at a time;
//! * [`crosscheck`]: the statements several documents report, grouped and
//!   judged;
//! * [`verdict`]: the records a finding is made of.

pub mod compare;
pub mod crosscheck;
pub mod decision;
pub mod drafts;
pub mod identity;
pub mod index;
pub mod verdict;

pub use crosscheck::{crosscheck, days, CrossOptions, Group};
pub use decision::{fingerprint, hex_digest, Decision, Status};
pub use drafts::{DraftChecker, ReferenceSource, RetrieveError, Served};
pub use identity::{Identities, SameSource};
pub use index::{index_terms, GlobalIdf, RefDoc, References};
pub use verdict::{
    counts, hidden_chars, lookalike_chars, CueRecord, DifferenceRecord, Evidence, Finding,
    HiddenChar, RefPiece, Severity, SourceRecord, Speaker, Verdict,
};

use crate::extract::attribution::{Attribution, Mode, Piece};
use crate::extract::Extraction;
use crate::input::Document;
use compare::{Comparison, Difference, Kind, Said, Word};
use rustc_hash::FxHashSet;

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
    /// The dates a reference must fall within to decide a verdict.
    pub window: Window,
}

/// The time window of a check: references published outside it decide
/// nothing (an archive spans years; a speaker's words of 2015 neither
/// confirm nor contradict a draft of 2018). Dates are days since
/// 1970-01-01 ([`days`]). A reference with no date is kept: nothing says
/// it is outside.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Window {
    /// The draft's date, over the draft's own metadata (`--date`).
    pub date: Option<i64>,
    /// Days either side of the draft's date (`--window`).
    pub days: Option<i64>,
    /// No reference before this day (`--since`).
    pub since: Option<i64>,
    /// No reference after this day (`--until`).
    pub until: Option<i64>,
}

impl Window {
    /// The first and last day a reference of a draft dated `draft` (its
    /// metadata) may have.
    pub fn bounds(&self, draft: Option<&str>) -> (Option<i64>, Option<i64>) {
        let centre = self.date.or_else(|| draft.and_then(days));
        let (mut lo, mut hi) = match (centre, self.days) {
            (Some(c), Some(d)) => (Some(c - d), Some(c + d)),
            _ => (None, None),
        };
        if let Some(s) = self.since {
            lo = Some(lo.map_or(s, |l| l.max(s)));
        }
        if let Some(u) = self.until {
            hi = Some(hi.map_or(u, |h| h.min(u)));
        }
        (lo, hi)
    }

    pub fn is_set(&self) -> bool {
        self.days.is_some() || self.since.is_some() || self.until.is_some()
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_similarity: 0.6,
            misattribution_similarity: 0.75,
            unknown_source_similarity: 0.7,
            candidates: 64,
            evidence: 5,
            window: Window::default(),
        }
    }
}

/// Words a content needs before a reference of an unknown source counts.
const MIN_UNKNOWN_WORDS: usize = 5;

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

/// The sentence of `text` around `span`: from after the last sentence
/// end before it to the next one after it (a full stop between digits is
/// a decimal point), at most [`CONTEXT_CHARS`] characters either side of
/// the span, cut at a space and marked `…`.
pub fn sentence_around(text: &str, span: [usize; 2]) -> String {
    let (s, e) = (span[0].min(text.len()), span[1].min(text.len()));
    if s > e || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
        return String::new();
    }
    let ends = |i: usize, c: char| -> bool {
        match c {
            '\n' | '!' | '?' | '؟' => true,
            '.' => {
                let before = text[..i].chars().next_back();
                let after = text[i + 1..].chars().next();
                !(before.is_some_and(|b| b.is_numeric()) && after.is_some_and(|a| a.is_numeric()))
            }
            _ => false,
        }
    };
    let mut start = text[..s]
        .char_indices()
        .rev()
        .find(|&(i, c)| ends(i, c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let mut end = text[e..]
        .char_indices()
        .find(|&(i, c)| ends(e + i, c))
        .map_or(text.len(), |(i, c)| {
            e + i + if c == '\n' { 0 } else { c.len_utf8() }
        });
    let (mut head, mut tail) = ("", "");
    if text[start..s].chars().count() > CONTEXT_CHARS {
        let cut = text[..s]
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(start, |(i, _)| i);
        start = text[cut..s].find(' ').map_or(cut, |k| cut + k + 1);
        head = "… ";
    }
    if text[e..end].chars().count() > CONTEXT_CHARS {
        let cut = text[e..]
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(end, |(i, _)| e + i);
        end = text[e..cut].rfind(' ').map_or(cut, |k| e + k);
        tail = " …";
    }
    format!("{head}{}{tail}", text[start..end].trim())
}

/// Characters of context shown either side of a reference's content.
const CONTEXT_CHARS: usize = 160;

/// Wire copy first, the rest in their order.
fn wire_first(ev: &mut [Evidence]) {
    ev.sort_by_key(|e| !e.wire);
}

fn evidence(
    lex: &crate::pack::CompareLexicon,
    r: &RefDoc,
    a: &Attribution,
    similarity: f64,
    agrees: bool,
) -> Evidence {
    Evidence {
        context: sentence_around(&r.doc.text, a.content.span),
        wire: r.doc.source.as_deref().is_some_and(|o| lex.is_wire(o)),
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

/// A candidate reference attribution compared with the draft's: its
/// index, its similarity and the comparison.
type Compared = (u32, f64, Comparison);

/// The checker: references, identities and thresholds.
pub struct Checker<'a> {
    pub refs: &'a References,
    pub ids: &'a Identities,
    pub opts: Options,
}

impl Checker<'_> {
    /// Check every attribution of one draft document.
    pub fn check(&self, draft: &Document, found: &Extraction) -> Vec<Finding> {
        let entities = compare::entity_words(self.refs.lexicon(), &draft.text, &found.attributions);
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
        let finding = |verdict: Verdict, speaker: Speaker, differences, evidence| Finding {
            fingerprint: fingerprint(a, verdict),
            decision: None,
            hidden: hidden_chars(text, a.content.span),
            lookalikes: lookalike_chars(text, a.content.span),
            kind: "finding",
            schema: crate::SCHEMA,
            draft: draft.name(),
            attribution: a.clone(),
            verdict,
            speaker,
            // A confirmation by a speaker that cannot be told apart from
            // the draft's is not a confirmation: a person must look.
            severity: match (verdict, speaker) {
                (Verdict::Verified | Verdict::Varied, Speaker::Unconfirmed) => Severity::Warning,
                _ => verdict.severity(),
            },
            differences,
            evidence,
        };
        let scored = self.retrieve(&dw, self.opts.window.bounds(draft.date.as_deref()));
        if scored.is_empty() {
            return finding(
                Verdict::Unsupported,
                Speaker::Unconfirmed,
                Vec::new(),
                Vec::new(),
            );
        }
        let same = self.same_speaker(a, &dw, &scored);
        if same.is_empty() {
            return match self.misattribution(text, a, &dw, &scored) {
                Some((differences, ev)) => {
                    finding(Verdict::Misattributed, Speaker::Different, differences, ev)
                }
                None => finding(
                    Verdict::Unsupported,
                    Speaker::Unconfirmed,
                    Vec::new(),
                    Vec::new(),
                ),
            };
        }
        let draft_said = Said {
            doc: text,
            attribution: a,
            words: &dw,
            names: entities,
        };
        let comps = self.compare_with(&draft_said, &same);
        let mut ev: Vec<Evidence> = comps
            .iter()
            .map(|(r, s, c)| {
                let (rd, ra, _) = self.refs.attribution_at(*r);
                evidence(self.refs.lexicon(), rd, ra, *s, !c.material())
            })
            .collect();
        wire_first(&mut ev);
        let (verdict, decided_by, differences) = Judgement::new(self, a, &comps).decide(text);
        let speaker = match self
            .ids
            .same(&a.source, &self.refs.attribution_at(decided_by).1.source)
        {
            SameSource::Same => Speaker::Same,
            _ => Speaker::Unconfirmed,
        };
        finding(verdict, speaker, differences, ev)
    }

    /// Retrieve: the reference attributions that say the same thing as
    /// the draft's words, best first, dated within the window `(lo, hi)`
    /// when both dates are known.
    fn retrieve(&self, dw: &[Word], (lo, hi): (Option<i64>, Option<i64>)) -> Vec<(u32, f64)> {
        let mut scored =
            self.refs
                .similar(dw, self.opts.candidates, None, self.opts.min_similarity);
        if lo.is_some() || hi.is_some() {
            scored.retain(|&(r, _)| {
                let day = self
                    .refs
                    .attribution_at(r)
                    .0
                    .doc
                    .date
                    .as_deref()
                    .and_then(days);
                day.is_none_or(|d| lo.is_none_or(|l| d >= l) && hi.is_none_or(|h| d <= h))
            });
        }
        scored
    }

    /// Keep the same speaker's: a reference whose speaker may or may not
    /// be the draft's must say more, and more closely: a short common
    /// phrase (الوضع تحت السيطرة) from an unrelated speaker supports
    /// nothing.
    fn same_speaker(&self, a: &Attribution, dw: &[Word], scored: &[(u32, f64)]) -> Vec<(u32, f64)> {
        scored
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
            .collect()
    }

    /// Words in the wrong mouth: no reference of the same speaker, but
    /// the closest reference of another says the same words. Returns the
    /// entity difference and the evidence, or `None` (unsupported). A
    /// short reference found inside a long draft content is not the same
    /// words.
    fn misattribution(
        &self,
        text: &str,
        a: &Attribution,
        dw: &[Word],
        scored: &[(u32, f64)],
    ) -> Option<(Vec<DifferenceRecord>, Vec<Evidence>)> {
        let (r, s) = scored[0];
        let (rd, ra, rw) = self.refs.attribution_at(r);
        let whole = compare::ratio_keys(&compare::key(dw), rw.key()) >= self.opts.min_similarity;
        if s < self.opts.misattribution_similarity || !whole {
            return None;
        }
        let p = piece(&rd.doc.text, ra.source.span.unwrap_or(ra.cue.span));
        let differences = vec![DifferenceRecord {
            kind: Kind::Entity,
            draft: piece(text, a.source.span.unwrap_or(a.cue.span)),
            reference: RefPiece {
                text: p.text,
                span: p.span,
                document: rd.name(),
            },
        }];
        let mut ev: Vec<Evidence> = scored
            .iter()
            .take(self.opts.evidence)
            .map(|&(r, s)| {
                let (rd, ra, _) = self.refs.attribution_at(r);
                evidence(self.refs.lexicon(), rd, ra, s, false)
            })
            .collect();
        wire_first(&mut ev);
        Some((differences, ev))
    }

    /// Compare the draft with each of the same speaker's references, most
    /// similar first. A direct quote that no reference quotes (every one
    /// paraphrases) differs from each in its mode.
    fn compare_with(&self, draft: &Said<'_>, same: &[(u32, f64)]) -> Vec<Compared> {
        let a = draft.attribution;
        let any_direct = same.iter().any(|&(r, _)| {
            matches!(
                self.refs.attribution_at(r).1.mode,
                Mode::Direct | Mode::Mixed
            )
        });
        let mut comps: Vec<Compared> = same
            .iter()
            .map(|&(r, s)| {
                let ra = self.refs.attribution_at(r).1;
                let mut c = compare::compare(self.refs.lexicon(), draft, &self.refs.said(r));
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
        comps
    }

    /// Do two reference attributions report one statement with a material
    /// difference between them? The shorter is compared as part of the
    /// longer. Two attributions of one document are two statements of the
    /// article, not two outlets at odds (a speaker's second remark, or
    /// speech reported inside a quote).
    fn references_conflict(&self, x: u32, y: u32) -> bool {
        self.refs.doc_of(x) != self.refs.doc_of(y)
            && self
                .refs
                .compare_pair(x, y, self.opts.min_similarity)
                .is_some_and(|(c, _)| c.material())
    }
}

/// The same speaker's references sorted into those that agree with the
/// draft on every fact and those that do not, and the verdict they give.
struct Judgement<'c, 'a> {
    checker: &'c Checker<'a>,
    attribution: &'c Attribution,
    /// Closest first: the fewest differences, then the most similar.
    agree: Vec<&'c Compared>,
    /// Closest first: the fewest material differences, then the most
    /// similar.
    disagree: Vec<&'c Compared>,
    /// The most similar reference, for a draft that none confirms.
    closest: u32,
}

impl<'c, 'a> Judgement<'c, 'a> {
    /// Sort into agreeing and disagreeing. A reference that is silent
    /// where another one disagrees (it stops before the draft's changed
    /// words) does not vouch for them.
    fn new(checker: &'c Checker<'a>, attribution: &'c Attribution, comps: &'c [Compared]) -> Self {
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
        // A reference of the same speaker decides before one whose speaker
        // cannot be told apart from the draft's (asked once per reference,
        // not at every comparison of the sort).
        let not_same: FxHashSet<u32> = comps
            .iter()
            .filter(|c| {
                checker.ids.same(
                    &attribution.source,
                    &checker.refs.attribution_at(c.0).1.source,
                ) != SameSource::Same
            })
            .map(|c| c.0)
            .collect();
        let unconfirmed = |c: &Compared| not_same.contains(&c.0);
        // A short reference inside a long draft content does not confirm
        // the rest: when the reference is silent on more than half of the
        // draft's words, it vouches for none of them.
        let content_len = attribution.content.span[1].saturating_sub(attribution.content.span[0]);
        let mostly_silent = |c: &Comparison| {
            c.silent
                .iter()
                .map(|s| s[1].saturating_sub(s[0]))
                .sum::<usize>()
                * 2
                > content_len
        };
        let mut agree: Vec<&Compared> = comps
            .iter()
            .filter(|c| {
                !c.2.material() && !c.2.scattered && !disputed(&c.2) && !mostly_silent(&c.2)
            })
            .collect();
        // A reference that confirms every changed word decides before one
        // that leaves some unexplained.
        let reworded = |c: &Compared| c.2.differences.iter().any(|d| d.kind == Kind::Reworded);
        agree.sort_by(|x, y| {
            unconfirmed(x)
                .cmp(&unconfirmed(y))
                .then(reworded(x).cmp(&reworded(y)))
                .then(x.2.differences.len().cmp(&y.2.differences.len()))
                .then(y.1.total_cmp(&x.1))
                .then(x.0.cmp(&y.0))
        });
        let material = |c: &Comparison| {
            c.differences
                .iter()
                .filter(|d| d.kind.is_material())
                .count()
        };
        let mut disagree: Vec<&Compared> = comps.iter().filter(|c| c.2.material()).collect();
        disagree.sort_by(|x, y| {
            unconfirmed(x)
                .cmp(&unconfirmed(y))
                .then(material(&x.2).cmp(&material(&y.2)))
                .then(y.1.total_cmp(&x.1))
                .then(x.0.cmp(&y.0))
        });
        Judgement {
            checker,
            attribution,
            agree,
            disagree,
            closest: comps.first().map_or(0, |c| c.0),
        }
    }

    /// References contradict each other when an agreeing one and a
    /// disagreeing one report the same statement with a material
    /// difference between themselves; otherwise the disagreement is the
    /// draft's own (a disagreeing reference that only says less, or an
    /// agreeing paraphrase that cannot witness a quote's words).
    fn conflict(&self) -> Option<&'c Compared> {
        self.disagree.iter().take(3).copied().find(|d| {
            self.agree
                .iter()
                .take(3)
                .any(|g| self.checker.references_conflict(g.0, d.0))
        })
    }

    /// Words a reference shows were added inside the draft's quote stand
    /// unless an agreeing reference has them: a longer version of the
    /// quote that goes on differently does not confirm them.
    fn unconfirmed_extension(&self, text: &str) -> Option<&'c Compared> {
        let refs = self.checker.refs;
        self.disagree.iter().copied().find(|d| {
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
                        !self.agree.iter().any(|g| {
                            let gw = &refs.attribution_at(g.0).2.words;
                            added
                                .iter()
                                .filter(|w| gw.iter().any(|v| v.norm == w.norm))
                                .count()
                                * 2
                                >= added.len()
                        })
                    })
        })
    }

    /// A direct quote whose words only disagreeing references quote: the
    /// agreeing ones paraphrase and cannot witness them.
    fn quote_unwitnessed(&self) -> bool {
        let quoted = |c: &&Compared| self.checker.refs.attribution_at(c.0).1.mode == Mode::Direct;
        self.attribution.mode == Mode::Direct
            && !self.agree.iter().any(quoted)
            && self.disagree.iter().any(quoted)
    }

    /// The differences of one comparison as reported.
    fn records(&self, text: &str, c: &Compared, material_only: bool) -> Vec<DifferenceRecord> {
        let (rd, _, _) = self.checker.refs.attribution_at(c.0);
        c.2.differences
            .iter()
            .filter(|d| !material_only || d.kind.is_material())
            .map(|d| record(text, rd, d))
            .collect()
    }

    /// The verdict, the reference attribution that decides it and the
    /// differences that justify it.
    fn decide(&self, text: &str) -> (Verdict, u32, Vec<DifferenceRecord>) {
        if let Some(d) = self.conflict() {
            return (Verdict::Conflicting, d.0, self.records(text, d, true));
        }
        let (agree, disagree) = (self.agree.first(), self.disagree.first());
        if let (Some(_), Some(d)) = (agree, disagree) {
            if let Some(x) = self.unconfirmed_extension(text) {
                return (Verdict::Altered, x.0, self.records(text, x, true));
            }
            if self.quote_unwitnessed() {
                return (Verdict::Altered, d.0, self.records(text, d, true));
            }
        }
        match (agree, disagree) {
            (Some(g), _) => {
                let exact = g.2.differences.is_empty() && g.2.exact_part;
                let verdict = if exact {
                    Verdict::Verified
                } else if g.2.differences.iter().any(|d| d.kind == Kind::Reworded) {
                    Verdict::Reworded
                } else {
                    Verdict::Varied
                };
                (verdict, g.0, self.records(text, g, false))
            }
            (None, Some(d)) => (Verdict::Altered, d.0, self.records(text, d, true)),
            // Only references that say a small part of the draft: the
            // rest is said by none.
            (None, None) => (Verdict::Unsupported, self.closest, Vec::new()),
        }
    }
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
    fn a_short_reference_does_not_confirm_a_long_draft() {
        let f = run(
            "وقال محافظ الولاية سامر الخطيب إن أكثر من 300 أسرة نزحت من قرية عين الريحان وإن الحكومة ستعوض كل الأسر المتضررة خلال شهر وستفتح الطريق الرئيسي غدا أمام الشاحنات.",
            &[REF],
        );
        assert_eq!(f[0].verdict, Verdict::Unsupported, "{:?}", f[0].differences);
        // A draft that says a little more than its reference, in a passage
        // of its own at the end, is still varied.
        let f = run(
            "وقال محافظ الولاية سامر الخطيب إن أكثر من 300 أسرة نزحت من قرية عين الريحان قبل وصول فرق الإغاثة.",
            &[REF],
        );
        assert!(matches!(f[0].verdict, Verdict::Verified | Verdict::Varied));
    }

    #[test]
    fn a_confirmation_says_whose_words_confirm_it() {
        // The same speaker: a plain confirmation.
        let f = run(
            "وقال محافظ الولاية سامر الخطيب إن أكثر من 300 أسرة نزحت من قرية عين الريحان.",
            &[REF],
        );
        assert_eq!(f[0].verdict, Verdict::Verified);
        assert_eq!(f[0].speaker, Speaker::Same);
        assert_eq!(f[0].severity, Severity::Info);
        // Only an anonymous source says the same words: not a confirmation
        // of the named speaker.
        let f = run(
            "وقال محافظ الولاية سامر الخطيب إن أكثر من 300 أسرة نزحت من قرية عين الريحان.",
            &["وقال مسؤول طلب عدم نشر اسمه إن أكثر من 300 أسرة نزحت من قرية عين الريحان."],
        );
        assert!(matches!(f[0].verdict, Verdict::Verified | Verdict::Varied));
        assert_eq!(f[0].speaker, Speaker::Unconfirmed);
        assert_eq!(f[0].severity, Severity::Warning);
        assert!(f[0].unconfirmed_speaker());
        // Nothing found: no speaker confirmed.
        let f = run("وقال الخطيب إن الجسر سيفتح غدا أمام السيارات.", &[REF]);
        assert_eq!(f[0].verdict, Verdict::Unsupported);
        assert_eq!(f[0].speaker, Speaker::Unconfirmed);
    }

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

    const DEAL: &str = "وقال وزير الخارجية نبيل الحمداني إن بلاده ستبقى في الاتفاق التجاري مع جيرانها حتى نهاية العام.";

    #[test]
    fn varied_needs_every_changed_word_explained() {
        let f = |draft: &str| run(draft, &[DEAL]).remove(0);
        // A word of the same family and a known variant: the same facts.
        let same = f("وأكد وزير الخارجية نبيل الحمداني أن بلاده ستبقى في الاتفاقية التجارية مع جيرانها حتى نهاية السنة.");
        assert_eq!(same.verdict, Verdict::Varied, "{:?}", same.differences);
        // A word isnad cannot tie to any of the reference's: reworded, a
        // warning that shows both sides.
        let f2 = f("وقال وزير الخارجية نبيل الحمداني إن بلاده ستبقى في الاتفاق العسكري مع جيرانها حتى نهاية العام.");
        assert_eq!(f2.verdict, Verdict::Reworded, "{:?}", f2.differences);
        assert_eq!(f2.severity, Severity::Warning);
        let d = f2
            .differences
            .iter()
            .find(|d| d.kind == Kind::Reworded)
            .unwrap();
        assert_eq!(d.draft.text, "العسكري");
        assert_eq!(d.reference.text, "التجاري");
        // The opposite verb: altered.
        let f3 = f("وقال وزير الخارجية نبيل الحمداني إن بلاده ستنسحب من الاتفاق التجاري مع جيرانها حتى نهاية العام.");
        assert_eq!(f3.verdict, Verdict::Altered, "{:?}", f3.differences);
        assert!(f3.differences.iter().any(|d| d.kind == Kind::Opposite));
    }

    #[test]
    fn words_scattered_over_a_long_reference_confirm_nothing() {
        let reference = "وقال الوزير نبيل الحمداني إن بلاده وجيرانها يبدون منذ أشهر مقاومة شديدة في كل الاجتماعات الإقليمية والدولية الأخيرة أمام محاولات الشركاء الكبار الانسحاب من الاتفاق التجاري.";
        let f = run(
            "وقال الوزير نبيل الحمداني إن بلاده ستنسحب من الاتفاق التجاري.",
            &[reference],
        );
        assert_eq!(f[0].verdict, Verdict::Unsupported, "{:?}", f[0].differences);
    }

    #[test]
    fn a_word_kept_from_a_long_passage_is_not_confirmed() {
        // An anonymous source whose statement holds the draft's words, but
        // says something else with them: no confirmation. The draft's verb
        // stands where the reference has a long passage with only a word
        // of its family (الانسحاب الأمريكي).
        let f = run(
            "وقال الوزير نبيل الحمداني إن بلاده ستنسحب من الاتفاق التجاري مع جيرانها.",
            &["وقال مصدر مطلع إن بلاده وشركاءها يبدون مقاومة شديدة أمام الانسحاب الأمريكي من الاتفاق التجاري مع جيرانها."],
        );
        assert_eq!(f[0].verdict, Verdict::Reworded, "{:?}", f[0].differences);
        assert_eq!(f[0].differences[0].draft.text, "ستنسحب");
        // The same words from the anonymous source still count, as an
        // unconfirmed speaker.
        let f = run(
            "وقال الوزير نبيل الحمداني إن بلاده ستنسحب من الاتفاق التجاري مع جيرانها.",
            &["وقال مصدر مطلع إن بلاده ستنسحب من الاتفاق التجاري مع جيرانها."],
        );
        assert_eq!(f[0].verdict, Verdict::Verified);
        assert_eq!(f[0].speaker, Speaker::Unconfirmed);
    }

    #[test]
    fn a_pronoun_of_the_reference_is_explained_by_its_paragraph() {
        let reference = "وقال المحافظ مراد الكتبي إن مئات الأسر نزحت من قرية الخضراء، وإن السلطات فتحت المدارس لإيوائها.";
        let f = run(
            "وقال المحافظ مراد الكتبي إن السلطات فتحت المدارس لإيواء الأسر النازحة من قرية الخضراء.",
            &[reference],
        );
        assert!(
            matches!(f[0].verdict, Verdict::Varied | Verdict::Verified),
            "{:?} {:?}",
            f[0].verdict,
            f[0].differences
        );
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
            refs.indexed_best(&w, Options::default().candidates),
            refs.brute_force_best(&w)
        );
    }
}
