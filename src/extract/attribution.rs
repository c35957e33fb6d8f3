//! The attribution record: who is reported as saying what, with spans into
//! the original text. This is the `isnad/1` JSON contract (see
//! `docs/schema.md`): field names here are promises to other tools.

use crate::pack::Stance;
use serde::{Deserialize, Serialize};

/// A byte span `[start, end)` into the document text, with the text there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Piece {
    pub text: String,
    pub span: [usize; 2],
}

impl Piece {
    pub fn new(src: &str, start: usize, end: usize) -> Piece {
        Piece {
            text: src[start..end].to_string(),
            span: [start, end],
        }
    }
}

/// How the content is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Direct,
    Indirect,
    Mixed,
    AccordingTo,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Direct => "direct",
            Mode::Indirect => "indirect",
            Mode::Mixed => "mixed",
            Mode::AccordingTo => "according_to",
        }
    }
}

/// What kind of source speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Person,
    Organization,
    Group,
    Anonymous,
    Unresolved,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Person => "person",
            SourceKind::Organization => "organization",
            SourceKind::Group => "group",
            SourceKind::Anonymous => "anonymous",
            SourceKind::Unresolved => "unresolved",
        }
    }
}

/// How the source was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Resolution {
    /// A noun phrase next to the cue names the source.
    Explicit,
    /// The cue has no noun; the source is the previous compatible one.
    ProDrop,
    /// A participle continues the source of the attribution before it.
    Tail,
    /// A title-only or partial mention resolved through an earlier mention
    /// with the name (an apposition such as «نبيل حداد وزير الخارجية»).
    Apposition,
    /// The subject of the sentence's main verb (a tail with no attribution
    /// before it).
    ClauseSubject,
    /// The antecedent of a relative pronoun («الطاهي، الذي أكد»).
    Antecedent,
    /// Nothing compatible was found.
    None,
}

impl Resolution {
    pub fn as_str(self) -> &'static str {
        match self {
            Resolution::Explicit => "explicit",
            Resolution::ProDrop => "pro-drop",
            Resolution::Tail => "tail",
            Resolution::Apposition => "apposition",
            Resolution::ClauseSubject => "clause-subject",
            Resolution::Antecedent => "antecedent",
            Resolution::None => "none",
        }
    }
}

/// The reporting word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cue {
    pub text: String,
    pub lemma: String,
    pub stance: Stance,
    pub span: [usize; 2],
}

/// Who speaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The surface text of the source at this attribution (for pro-drop,
    /// the text of the antecedent mention).
    pub text: String,
    /// The canonical name: the fullest name of the same entity in the
    /// document, or the noun phrase itself when it names no person.
    pub canonical: String,
    pub kind: SourceKind,
    /// Span of `text` in the document; for pro-drop this is the antecedent's
    /// span, and `null` when unresolved.
    pub span: Option<[usize; 2]>,
    pub resolution: Resolution,
    /// For a person, the title the article gives them where it names them
    /// as a speaker (وزير الخارجية، المتحدث باسم الجيش): what ties them
    /// to a body. Absent when no mention carries one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
}

/// One reporting event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    pub id: String,
    pub mode: Mode,
    pub cue: Cue,
    pub source: Source,
    pub content: Piece,
    pub addressee: Option<Piece>,
    pub time: Option<Piece>,
    pub channel: Option<Piece>,
    /// The attribution whose direct quote contains this one.
    pub nested_in: Option<String>,
    /// The id of the rule that produced the record.
    pub rule: String,
    /// True when the content's closing quote mark is missing.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unclosed: bool,
}

/// A quoted span that no attribution claims and that reads as speech: an
/// editor should see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnattributedQuote {
    pub text: String,
    pub span: [usize; 2],
}

/// Something an extraction left out because it passed a limit: said, so
/// that nothing is dropped silently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverLimit {
    /// `max-quote-chars` (a content longer than the limit, not reported)
    /// or `quote-depth` (quote marks nested deeper than the limit, read as
    /// punctuation).
    pub limit: String,
    /// Where: the content, or the first mark past the depth.
    pub span: [usize; 2],
    /// The content's length in characters, or how many marks.
    pub size: usize,
    /// The limit.
    pub max: usize,
}
