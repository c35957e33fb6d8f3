//! The desk's decisions on findings: a reviewer marks a finding
//! `checked`, `accepted` or `false_alarm`, with a note and a name, and the
//! decision is kept where the next run finds it.
//!
//! A decision is keyed by the finding's fingerprint
//! ([`crate::check::fingerprint`]): the draft attribution's speaker, cue
//! and words with its verdict, and no offsets, so that it survives re-runs
//! and edits elsewhere in the draft, and a finding whose verdict changes
//! is a new finding to review. Two backends behind one [`Decisions`]
//! trait: a SQLite file ([`sqlite`]) and PostgreSQL ([`postgres`]), the
//! same two as the quote archive. `isnad serve` keeps the drafts pasted
//! into its page there too, so a review can be reloaded and signed off.

pub mod postgres;
pub mod sqlite;

use crate::check::{Decision, Finding, Status};
use std::collections::BTreeMap;

/// A decision store's error, said with the store it came from.
#[derive(Debug, thiserror::Error)]
pub enum DecisionError {
    #[error("{0}")]
    Sqlite(String),
    #[error("{0}")]
    Postgres(String),
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T> = std::result::Result<T, DecisionError>;

/// A decision to record.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewDecision {
    /// The finding's `fingerprint`.
    pub fingerprint: String,
    pub status: Status,
    #[serde(default)]
    pub note: String,
    pub reviewer: String,
    /// The draft the finding belongs to, when the decision is made in a
    /// stored review (`isnad serve`).
    #[serde(default)]
    pub review: Option<String>,
}

/// The longest note and reviewer name kept, in characters.
pub const MAX_NOTE_CHARS: usize = 2000;
pub const MAX_REVIEWER_CHARS: usize = 100;

impl NewDecision {
    /// The decision, or what is wrong with it, said for a person.
    pub fn validate(&self) -> std::result::Result<(), String> {
        if !is_fingerprint(&self.fingerprint) {
            return Err(format!(
                "{:?} is not a finding's fingerprint (32 hexadecimal digits, the `fingerprint` of a finding)",
                self.fingerprint
            ));
        }
        let reviewer = self.reviewer.trim();
        if reviewer.is_empty() {
            return Err("a decision needs the reviewer's name".into());
        }
        if reviewer.chars().count() > MAX_REVIEWER_CHARS {
            return Err(format!(
                "the reviewer's name is longer than {MAX_REVIEWER_CHARS} characters"
            ));
        }
        if self.note.chars().count() > MAX_NOTE_CHARS {
            return Err(format!(
                "the note is longer than {MAX_NOTE_CHARS} characters"
            ));
        }
        if let Some(r) = &self.review {
            if !is_fingerprint(r) {
                return Err(format!("{r:?} is not a review id (32 hexadecimal digits)"));
            }
        }
        Ok(())
    }
}

/// 32 lowercase hexadecimal digits, as fingerprints and review ids are.
pub fn is_fingerprint(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// A draft kept for review by `isnad serve`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDraft {
    /// The review id: a fingerprint of the name and the text.
    pub id: String,
    pub name: String,
    pub text: String,
    pub date: Option<String>,
    pub outlet: Option<String>,
    pub created: String,
}

/// A review signed off: who, when.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SignOff {
    pub reviewer: String,
    pub at: String,
}

/// Where decisions are kept.
pub trait Decisions: Send {
    /// Record a decision; the latest decision on a fingerprint is the one
    /// that counts, the earlier ones stay as its history.
    fn record(&mut self, d: &NewDecision) -> Result<Decision>;
    /// The latest decision on each of these fingerprints that has one.
    fn latest(&mut self, fingerprints: &[&str]) -> Result<BTreeMap<String, Decision>>;
    /// Keep a draft for review; the same name and text give the same id.
    fn keep_draft(&mut self, d: &StoredDraft) -> Result<()>;
    fn draft(&mut self, id: &str) -> Result<Option<StoredDraft>>;
    /// Sign a review off.
    fn sign_off(&mut self, review: &str, reviewer: &str) -> Result<SignOff>;
    /// The sign-off of a review, if any.
    fn signed_off(&mut self, review: &str) -> Result<Option<SignOff>>;
}

/// Open a decision store: a `postgres://` URL, or a SQLite file, made if
/// it does not exist.
pub fn open(spec: &str) -> Result<Box<dyn Decisions>> {
    if spec.starts_with("postgres://") || spec.starts_with("postgresql://") {
        Ok(Box::new(postgres::PgDecisions::open(spec)?))
    } else {
        Ok(Box::new(sqlite::SqliteDecisions::open(
            std::path::Path::new(spec),
        )?))
    }
}

/// Mark each finding with the latest decision on its fingerprint.
pub fn apply(store: &mut dyn Decisions, findings: &mut [Finding]) -> Result<()> {
    let keys: Vec<&str> = findings.iter().map(|f| f.fingerprint.as_str()).collect();
    let mut latest = store.latest(&keys)?;
    for f in findings.iter_mut() {
        f.decision = latest.get(&f.fingerprint).cloned();
    }
    latest.clear();
    Ok(())
}

/// The review id of a draft: a fingerprint of its name and text.
pub fn review_id(name: &str, text: &str) -> String {
    crate::check::hex_digest(&["isnad/review", name, text])
}

/// Now, in UTC (RFC 3339, seconds).
pub(crate) fn now() -> String {
    jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}
