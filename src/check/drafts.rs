//! Many drafts checked against one source of references, in input order:
//! references in memory (`--against`), or a quote archive that picks, for
//! each batch of drafts, only the references their attributions need, so
//! that memory stays flat however many drafts a run checks.
//!
//! ```
//! use isnad::check::{DraftChecker, Identities, Options, References};
//! use isnad::input::Document;
//! let engine = isnad::Engine::default();
//! let doc = |path: &str, text: &str| Document {
//!     path: path.into(),
//!     text: text.into(),
//!     ..Default::default()
//! };
//! let wire = doc("wire.txt", "وقال الوزير سامر الخطيب إن 300 أسرة نزحت من القرية.");
//! let mut refs = References::new();
//! refs.add(wire.clone(), engine.extract(&wire.text));
//! let draft = doc("draft.txt", "وقال الوزير سامر الخطيب إن 500 أسرة نزحت من القرية.");
//! let found = engine.extract(&draft.text);
//! let ids = Identities::default();
//! let checker = DraftChecker { source: &refs, ids: &ids, opts: Options::default() };
//! let mut verdicts = Vec::new();
//! let done = checker
//!     .run(&[(draft, found)], |_, findings| -> Result<bool, isnad::check::RetrieveError> {
//!         verdicts.extend(findings.unwrap().into_iter().map(|f| f.verdict.as_str()));
//!         Ok(true)
//!     })
//!     .unwrap();
//! assert!(done);
//! assert_eq!(verdicts, ["altered"]);
//! ```

use super::{Checker, Finding, Identities, Options, References};
use crate::extract::{guard, Defect, Extraction};
use crate::input::Document;
use std::ops::Deref;

/// Where a check's references come from.
pub trait ReferenceSource {
    /// The references a check of `drafts` needs (at least the `k` best
    /// candidates of each of their attributions).
    fn references_for(
        &self,
        drafts: &[(Document, Extraction)],
        k: usize,
    ) -> Result<Served<'_>, RetrieveError>;

    /// Drafts checked per call of [`ReferenceSource::references_for`];
    /// `None` for all at once.
    fn batch(&self) -> Option<usize> {
        None
    }
}

/// The references a source serves: its own, or ones made for the drafts
/// at hand.
pub enum Served<'a> {
    Shared(&'a References),
    Made(References),
}

impl Deref for Served<'_> {
    type Target = References;
    fn deref(&self) -> &References {
        match self {
            Served::Shared(r) => r,
            Served::Made(r) => r,
        }
    }
}

/// References in memory serve every draft as they are.
impl ReferenceSource for References {
    fn references_for(
        &self,
        _drafts: &[(Document, Extraction)],
        _k: usize,
    ) -> Result<Served<'_>, RetrieveError> {
        Ok(Served::Shared(self))
    }
}

/// References that could not be read (an archive's error, said as the
/// archive said it).
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct RetrieveError(#[from] pub Box<dyn std::error::Error + Send + Sync>);

/// Drafts checked against a source of references.
pub struct DraftChecker<'a> {
    pub source: &'a dyn ReferenceSource,
    pub ids: &'a Identities,
    pub opts: Options,
}

impl DraftChecker<'_> {
    /// Check every draft, in order, and hand each one's findings (or the
    /// defect that stopped its check) to `each` with the draft's index.
    /// `each` returns `Ok(false)` to stop early (a reader that went away)
    /// or an error to end the run with it. Returns whether every draft was
    /// handed over. A defect costs only its draft; an error of the source
    /// ends the run.
    pub fn run<E: From<RetrieveError>>(
        &self,
        drafts: &[(Document, Extraction)],
        mut each: impl FnMut(usize, Result<Vec<Finding>, Defect>) -> Result<bool, E>,
    ) -> Result<bool, E> {
        let batch = self.source.batch().unwrap_or(drafts.len()).max(1);
        for first in (0..drafts.len()).step_by(batch) {
            let part = &drafts[first..(first + batch).min(drafts.len())];
            let refs = self.source.references_for(part, self.opts.candidates)?;
            let checker = Checker {
                refs: &refs,
                ids: self.ids,
                opts: self.opts,
            };
            for (k, (doc, found)) in part.iter().enumerate() {
                let findings = guard(doc, "checking", || checker.check(doc, found));
                if !each(first + k, findings)? {
                    return Ok(false);
                }
            }
        }
        Ok(true)
    }
}
