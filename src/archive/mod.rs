//! The quote archive: reference documents extracted once and stored with
//! their attributions and a candidate index, so that `check --archive`
//! neither re-reads nor re-extracts the corpora.
//!
//! Two backends behind one [`Store`] trait: an embedded SQLite file (the
//! default, nothing to install) and a PostgreSQL database (an archive a
//! desk shares; ARCHIVE is then a `postgres://` URL).
//!
//! Documents are added in batches, one transaction each: a run killed at
//! any moment leaves an archive that opens and checks, and rerunning the
//! add skips what is already in (same article id, or same text).
//!
//! A check asks the archive for the candidates of each draft attribution,
//! scored exactly as [`References`] scores them over the whole collection
//! (content words weighted by idf over the archive), then loads only the
//! documents holding those candidates: the candidates, and so every
//! comparison and verdict, are those of `--against` the same documents.
//! The schemas are in `docs/archive.md`.

pub mod postgres;
pub mod sqlite;

use crate::check::index::{idf, round_score};
use crate::check::{index_terms, ReferenceSource, References, RetrieveError, Served};
use crate::extract::Extraction;
use crate::input::Document;
use crate::pack::CompareLexicon;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use sha2::Digest;
use std::path::Path;
use std::sync::Arc;

pub use sqlite::SqliteArchive;

/// The archive schema this build reads and writes.
pub const SCHEMA_VERSION: i64 = 1;
/// The PostgreSQL archive's schema (2: packed postings).
pub const PG_SCHEMA_VERSION: i64 = 2;

/// Why an archive could not be opened, read or written. Each message
/// names the archive (a URL without its password).
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    /// What isnad found wrong: no archive there, another schema, another
    /// extractor, a damaged record.
    #[error("{0}")]
    Invalid(String),
    /// A failure of the file system or the database, with what was being
    /// done.
    #[error("{context}")]
    Context {
        context: String,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error(transparent)]
    SqliteValue(#[from] rusqlite::types::FromSqlError),
    #[error(transparent)]
    Postgres(#[from] ::postgres::Error),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// An archive operation's result.
pub type Result<T> = std::result::Result<T, ArchiveError>;

/// Says what was being done when an error happened.
pub(crate) trait Doing<T> {
    fn doing(self, what: impl FnOnce() -> String) -> Result<T>;
}

impl<T, E: std::error::Error + Send + Sync + 'static> Doing<T> for std::result::Result<T, E> {
    fn doing(self, what: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|e| ArchiveError::Context {
            context: what(),
            source: Box::new(e),
        })
    }
}

/// What both backends do.
pub trait Store {
    /// Keys and text hashes of the documents already in the archive.
    fn known(&self) -> Result<(FxHashSet<String>, FxHashSet<Vec<u8>>)>;
    /// Add one batch of extracted documents in one transaction; their
    /// attributions are indexed by the content words of `lex`.
    fn add(
        &mut self,
        batch: &[(Document, Extraction)],
        extractor: &str,
        lex: &CompareLexicon,
    ) -> Result<Added>;
    fn stats(&self) -> Result<Stats>;
    /// Problems found by an integrity check (none: the archive is sound).
    fn integrity(&self) -> Result<Vec<String>>;
    fn documents(&self) -> Result<usize>;
    /// The extractor recorded by the first add, if any.
    fn extractor(&self) -> Result<Option<String>>;
    /// The references a check of these draft attributions needs: for each
    /// (given by its index terms), its `k` best candidates over the whole
    /// archive, and every document holding one, loaded whole.
    fn references_for(
        &self,
        drafts: &[Vec<String>],
        k: usize,
        lex: &Arc<CompareLexicon>,
    ) -> Result<References>;
    /// Every document, in the order they were added.
    fn references_all(&self, lex: &Arc<CompareLexicon>) -> Result<References>;
}

/// Drafts checked together against an archive: enough to share the
/// archive's round trips, few enough that the references they need stay
/// small.
pub const ARCHIVE_DRAFTS: usize = 25;

/// An archive as the source of a check's references: each batch of
/// drafts gets the candidates of its attributions over the whole archive,
/// and the documents that hold them.
pub struct ArchiveSource<'a> {
    pub store: &'a dyn Store,
    /// The comparison pack this check compares with. The archive's index
    /// was made with the pack of its first add; the command line warns
    /// when the archive was extracted otherwise than the drafts.
    pub lex: Arc<CompareLexicon>,
    /// Drafts whose references are picked together ([`ARCHIVE_DRAFTS`]
    /// for the command line).
    pub batch: usize,
}

impl ReferenceSource for ArchiveSource<'_> {
    fn references_for(
        &self,
        drafts: &[(Document, Extraction)],
        k: usize,
    ) -> std::result::Result<Served<'_>, RetrieveError> {
        let terms: Vec<Vec<String>> = drafts
            .iter()
            .flat_map(|(d, f)| {
                f.attributions
                    .iter()
                    .map(|a| index_terms(&self.lex, &d.text, a).unwrap_or_default())
            })
            .collect();
        let refs = self
            .store
            .references_for(&terms, k, &self.lex)
            .map_err(|e| RetrieveError(Box::new(e)))?;
        Ok(Served::Made(refs))
    }

    fn batch(&self) -> Option<usize> {
        Some(self.batch.max(1))
    }
}

/// Is ARCHIVE a PostgreSQL URL?
pub fn is_postgres(spec: &str) -> bool {
    spec.starts_with("postgres://") || spec.starts_with("postgresql://")
}

/// Open the archive named by `spec`: a `postgres://` URL or a file path;
/// with `create`, make it if it does not exist.
pub fn open(spec: &str, create: bool) -> Result<Box<dyn Store>> {
    if is_postgres(spec) {
        Ok(Box::new(postgres::PgArchive::open(spec, create)?))
    } else {
        Ok(Box::new(SqliteArchive::open(Path::new(spec), create)?))
    }
}

/// An archive's name for messages: a URL without its password.
pub fn display_name(spec: &str) -> String {
    if !is_postgres(spec) {
        return spec.to_string();
    }
    // postgres://user:password@host/db -> postgres://user:***@host/db
    match (spec.find("://"), spec.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let userinfo = &spec[s + 3..at];
            match userinfo.find(':') {
                Some(c) => format!("{}{}:***{}", &spec[..s + 3], &userinfo[..c], &spec[at..]),
                None => spec.to_string(),
            }
        }
        _ => spec.to_string(),
    }
}

/// What extracted the stored attributions: an archive is compared with
/// drafts extracted the same way.
pub fn extractor(rules: Option<&Path>) -> Result<String> {
    let rules = match rules {
        None => "built-in".to_string(),
        Some(p) => {
            let bytes =
                std::fs::read(p).doing(|| format!("{}: cannot read the rule pack", p.display()))?;
            let h = sha2::Sha256::digest(&bytes);
            format!(
                "sha256:{}",
                h.iter().map(|x| format!("{x:02x}")).collect::<String>()
            )
        }
    };
    Ok(format!(
        "isnad {}; rules {rules}",
        env!("CARGO_PKG_VERSION")
    ))
}

/// The key a document is known by: its article id in a corpus, its path
/// otherwise.
pub fn doc_key(d: &Document) -> String {
    if crate::input::is_jsonl(&d.path) {
        format!("id:{}", d.id)
    } else {
        format!("path:{}", d.path)
    }
}

/// SHA-256 of a document's text: the same text is the same document.
pub fn text_hash(text: &str) -> Vec<u8> {
    sha2::Sha256::digest(text.as_bytes()).to_vec()
}

/// For each draft attribution (its index terms), the `k` best attribution
/// ids by the score of [`References`]: the sum of the idf of shared terms,
/// rounded as the in-memory index rounds it, ties in id order.
pub(crate) fn top_candidates(
    postings: &FxHashMap<String, Vec<u32>>,
    drafts: &[Vec<String>],
    n: usize,
    k: usize,
) -> FxHashSet<u32> {
    let nf = n.max(1) as f64;
    let mut wanted: FxHashSet<u32> = FxHashSet::default();
    for d in drafts {
        let mut score: FxHashMap<u32, f64> = FxHashMap::default();
        for t in d {
            let Some(p) = postings.get(t) else { continue };
            if p.is_empty() {
                continue;
            }
            let idf = idf(nf, p.len());
            for &a in p {
                *score.entry(a).or_default() += idf;
            }
        }
        let mut v: Vec<(u32, f64)> = score
            .into_iter()
            .map(|(a, s)| (a, round_score(s)))
            .collect();
        // The k best by (score, then id): a selection, not a sort, since
        // only which ones matters (a full sort was a tenth of a check).
        if v.len() > k {
            v.select_nth_unstable_by(k, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            v.truncate(k);
        }
        wanted.extend(v.into_iter().map(|(a, _)| a));
    }
    wanted
}

/// Counts of an archive.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Stats {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub schema: &'static str,
    pub archive: String,
    pub documents: u64,
    pub attributions: u64,
    /// Attributions in the candidate index (with content words).
    pub indexed: u64,
    /// Distinct canonical source names.
    pub sources: u64,
    pub outlets: u64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub bytes: u64,
    pub extractor: String,
}

/// What one batch of `archive add` did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Added {
    pub documents: usize,
    pub attributions: usize,
    /// Documents already in the archive (same key or same text).
    pub duplicates: usize,
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_url_is_shown_without_its_password() {
        assert_eq!(
            super::display_name("postgres://desk:s3cret@db.local:5432/news"),
            "postgres://desk:***@db.local:5432/news"
        );
        assert_eq!(super::display_name("news.db"), "news.db");
        assert_eq!(
            super::display_name("postgres://desk@db.local/news"),
            "postgres://desk@db.local/news"
        );
    }
}
