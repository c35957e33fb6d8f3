//! What a finding carries for the desk: its fingerprint, the key of the
//! desk's decisions on it, and the latest decision (kept by
//! [`crate::review`]).

use crate::extract::attribution::Attribution;
use crate::text::normalize::normalize_str;
use serde::{Deserialize, Serialize};
use sha2::Digest;

use super::Verdict;

/// A reviewer's decision on a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Looked at, and the finding stands: the draft must change.
    Checked,
    /// The desk accepts the draft as it is.
    Accepted,
    /// isnad was wrong.
    FalseAlarm,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Checked, Status::Accepted, Status::FalseAlarm];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Checked => "checked",
            Status::Accepted => "accepted",
            Status::FalseAlarm => "false_alarm",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s.trim())
    }

    /// Whether a finding so decided still counts towards `--fail-on`.
    pub fn still_fails(self) -> bool {
        self == Status::Checked
    }
}

/// A decision as kept: the latest on its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    pub fingerprint: String,
    pub status: Status,
    pub note: String,
    pub reviewer: String,
    /// When it was made (UTC, RFC 3339).
    pub at: String,
}

/// The first 16 bytes of the SHA-256 of the parts (each ended by a
/// newline), in hexadecimal.
pub fn hex_digest(parts: &[&str]) -> String {
    let mut h = sha2::Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update(b"\n");
    }
    h.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The fingerprint of a finding: the draft attribution's speaker, cue
/// and words (normalised, so a diacritic or a kashida does not make a new
/// finding) with the verdict, and no offsets, so that a decision survives
/// edits elsewhere in the draft.
pub fn fingerprint(a: &Attribution, verdict: Verdict) -> String {
    hex_digest(&[
        "isnad/finding/1",
        &normalize_str(&a.source.canonical),
        &normalize_str(&a.cue.text),
        &normalize_str(&a.content.text),
        verdict.as_str(),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> Attribution {
        crate::Engine::default()
            .extract(text)
            .attributions
            .into_iter()
            .next()
            .expect("an attribution")
    }

    #[test]
    fn a_fingerprint_ignores_offsets_and_spelling_but_not_words_or_verdict() {
        let a = first("وقال الوزير سامي العلي إن المشروع سيكتمل في الربيع.");
        let moved = first("وفي سياق آخر، قال الوزير سامي العلي إن المشروع سيكتمل في الربيع.");
        assert_ne!(a.content.span, moved.content.span);
        let fp = fingerprint(&a, Verdict::Altered);
        assert_eq!(fp.len(), 32);
        assert_eq!(fp, fingerprint(&moved, Verdict::Altered));
        let marked = first("وقال الوزير سامي العلي إن المشروعَ سيكتمل في الربيع.");
        assert_eq!(fp, fingerprint(&marked, Verdict::Altered));
        assert_ne!(fp, fingerprint(&a, Verdict::Verified));
        let other = first("وقال الوزير سامي العلي إن المشروع سيكتمل في الصيف.");
        assert_ne!(fp, fingerprint(&other, Verdict::Altered));
    }

    #[test]
    fn statuses_read_back_as_written() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        assert_eq!(Status::parse("approved"), None);
        assert!(Status::Checked.still_fails());
        assert!(!Status::Accepted.still_fails() && !Status::FalseAlarm.still_fails());
    }
}
