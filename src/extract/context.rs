//! What the rule kinds share while one document is extracted: the
//! tokenised text and the lexicon, which cue tokens and quotations are
//! taken, and the candidates proposed so far, in token and byte terms.

use crate::extract::attribution::Mode;
use crate::pack::lexicon::{Agree, CueForm, Lexicon};
use crate::pack::Stance;
use crate::text::Text;

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
