//! What a check says: the verdicts, their severities, and the records of
//! a finding (the `isnad/1` JSON contract of `check`, docs/schema.md).

use super::compare::Kind;
use crate::extract::attribution::{Attribution, Mode, Piece, SourceKind};
use crate::pack::Stance;
use crate::text::normalize::{is_hidden, is_lookalike};
use serde::Serialize;

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
    /// A reference says something close in words isnad cannot confirm
    /// mean the same: neither a confirmation nor an alarm.
    Reworded,
}

impl Verdict {
    /// Most serious first: errors, then warnings, then the quiet passes
    /// (the order of the terminal output and of the reports).
    pub const BY_SERIOUSNESS: [Verdict; 7] = [
        Verdict::Altered,
        Verdict::Misattributed,
        Verdict::Conflicting,
        Verdict::Unsupported,
        Verdict::Reworded,
        Verdict::Varied,
        Verdict::Verified,
    ];

    pub const ALL: [Verdict; 7] = [
        Verdict::Verified,
        Verdict::Varied,
        Verdict::Altered,
        Verdict::Misattributed,
        Verdict::Conflicting,
        Verdict::Unsupported,
        Verdict::Reworded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Verified => "verified",
            Verdict::Varied => "varied",
            Verdict::Altered => "altered",
            Verdict::Misattributed => "misattributed",
            Verdict::Conflicting => "conflicting",
            Verdict::Unsupported => "unsupported",
            Verdict::Reworded => "reworded",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Verdict::Verified | Verdict::Varied => Severity::Info,
            Verdict::Unsupported | Verdict::Reworded => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// Whether the references behind a finding's verdict come from the draft
/// attribution's speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Speaker {
    /// A reference of the same speaker decides the verdict.
    Same,
    /// Only references whose speaker cannot be told apart from the draft's
    /// (an anonymous source, a title, an unresolved mention) decide it, or
    /// there is no reference at all.
    Unconfirmed,
    /// The references say the words, but another speaker said them.
    Different,
}

impl Speaker {
    pub fn as_str(self) -> &'static str {
        match self {
            Speaker::Same => "same",
            Speaker::Unconfirmed => "unconfirmed",
            Speaker::Different => "different",
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
    /// The sentence of the reference around its content, as written.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub context: String,
    /// The outlet is a wire service (the `wire_outlets` of the comparison
    /// pack): its copy is listed first.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub wire: bool,
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
    /// Whose words the deciding references are: `verified` and `varied`
    /// with an `unconfirmed` speaker are at least a warning.
    pub speaker: Speaker,
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
    /// The key of the desk's decisions on this finding (docs/review.md).
    pub fingerprint: String,
    /// The latest decision on it, when the run was given decisions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<super::Decision>,
}

impl Finding {
    /// A confirmation (`verified`, `varied`) that no reference of the
    /// draft's own speaker gives: only references whose speaker cannot be
    /// told apart say the same.
    pub fn unconfirmed_speaker(&self) -> bool {
        self.speaker == Speaker::Unconfirmed
            && matches!(self.verdict, Verdict::Verified | Verdict::Varied)
    }
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
    chars_where(text, span, is_hidden)
}

/// The look-alike letters and digits of `text` within `span`.
pub fn lookalike_chars(text: &str, span: [usize; 2]) -> Vec<HiddenChar> {
    chars_where(text, span, is_lookalike)
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

/// Counts per verdict, in the order of [`Verdict::ALL`].
pub fn counts(findings: &[Finding]) -> Vec<(Verdict, usize)> {
    Verdict::ALL
        .iter()
        .map(|&v| (v, findings.iter().filter(|f| f.verdict == v).count()))
        .collect()
}
