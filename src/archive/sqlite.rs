//! The embedded archive: one SQLite file (rusqlite, the library bundled).

use super::{
    doc_key, text_hash, top_candidates, Added, ArchiveError, Doing, Result, Stats, Store,
    SCHEMA_VERSION,
};
use crate::check::{index_terms, GlobalIdf, References};
use crate::extract::Extraction;
use crate::input::Document;
use crate::pack::CompareLexicon;
use rusqlite::{params, Connection, OptionalExtension};
use rustc_hash::{FxHashMap, FxHashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
-- One row per reference document, in the order they were added.
CREATE TABLE IF NOT EXISTS documents (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,   -- the article id of a corpus, or the path
    hash       BLOB NOT NULL UNIQUE,   -- SHA-256 of the text
    path       TEXT NOT NULL,
    ext_id     TEXT NOT NULL,
    outlet     TEXT,
    date       TEXT,
    title      TEXT,
    url        TEXT,
    text       TEXT NOT NULL,
    extraction TEXT NOT NULL          -- the extract record's attributions, JSON
);
-- Every attribution; the indexed ones (with content words) carry the
-- candidate index's ids, in the same order as an in-memory index.
CREATE TABLE IF NOT EXISTS attributions (
    id      INTEGER PRIMARY KEY,
    doc     INTEGER NOT NULL REFERENCES documents(id),
    ord     INTEGER NOT NULL,
    indexed INTEGER NOT NULL,
    source  TEXT NOT NULL,
    kind    TEXT NOT NULL,
    cue     TEXT NOT NULL,
    mode    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS attributions_doc ON attributions(doc);
CREATE INDEX IF NOT EXISTS attributions_source ON attributions(source);
-- The candidate index: for each content word and each batch that added
-- it, the attribution ids (u32, little-endian, ascending). Append-only.
CREATE TABLE IF NOT EXISTS postings (
    word  TEXT NOT NULL,
    batch INTEGER NOT NULL,
    n     INTEGER NOT NULL,
    ids   BLOB NOT NULL,
    PRIMARY KEY (word, batch)
) WITHOUT ROWID;
";

/// An embedded archive: one SQLite file.
pub struct SqliteArchive {
    conn: Connection,
    path: PathBuf,
    /// The documents the last checks read, kept for the next: a document
    /// never changes once added, and a desk checks one story many times
    /// (every decision reloads the review) and many drafts of one story.
    read: std::sync::Mutex<lru::LruCache<i64, Shared>>,
}

/// A document read from the archive, shared with the checks that use it.
type Shared = (Arc<Document>, Arc<Extraction>);

/// How many documents an open archive keeps for the next check (a
/// 600-word draft reads some 750).
pub const KEPT_DOCUMENTS: usize = 4096;

impl SqliteArchive {
    /// Open the archive at `path`; with `create`, make it if it does not
    /// exist.
    pub fn open(path: &Path, create: bool) -> Result<SqliteArchive> {
        if !create && !path.exists() {
            return Err(ArchiveError::Invalid(format!(
                "{}: no archive there (make one with `isnad archive add {} PATH...`)",
                path.display(),
                path.display()
            )));
        }
        if create && !path.exists() {
            Self::create(path)?;
        }
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .doing(|| format!("{}: cannot open the archive", path.display()))?;
        // Another process writing waits its turn for up to a minute.
        conn.busy_timeout(Duration::from_secs(60))?;
        let a = SqliteArchive {
            conn,
            path: path.to_path_buf(),
            read: std::sync::Mutex::new(lru::LruCache::new(
                std::num::NonZeroUsize::new(KEPT_DOCUMENTS).expect("not zero"),
            )),
        };
        a.conn
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| a.explain(e))?;
        a.conn.pragma_update(None, "synchronous", "NORMAL")?;
        a.conn.pragma_update(None, "foreign_keys", "ON")?;
        let has_meta: bool = a
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map_err(|e| a.explain(e))?
            > 0;
        if has_meta {
            let v: Option<String> = a.meta("schema")?;
            match v.as_deref().and_then(|s| s.parse::<i64>().ok()) {
                Some(SCHEMA_VERSION) => {}
                Some(v) => {
                    return Err(ArchiveError::Invalid(format!(
                        "{}: archive schema {v}, this isnad reads schema {SCHEMA_VERSION}",
                        path.display()
                    )))
                }
                None => return Err(not_an_archive(path)),
            }
        } else {
            return Err(not_an_archive(path));
        }
        Ok(a)
    }

    /// Make a new archive beside `path` and move it into place whole: a
    /// run killed while creating leaves no half-made archive.
    fn create(path: &Path) -> Result<()> {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".isnad-archive-");
        // A desk shares its archive: the permissions of any new file (0666
        // less the umask), as SQLite gives its own files, not a temporary
        // file's owner-only 0600.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let tmp = builder
            .tempfile_in(dir)
            .doing(|| format!("{}: cannot create the archive", path.display()))?;
        {
            let conn = Connection::open(tmp.path())?;
            conn.pragma_update(None, "journal_mode", "WAL")?;
            let tx = conn.unchecked_transaction()?;
            tx.execute_batch(SCHEMA)?;
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ('schema', ?1)",
                params![SCHEMA_VERSION.to_string()],
            )?;
            tx.commit()?;
            // Fold the log into the file before it moves.
            conn.pragma_update(None, "journal_mode", "DELETE")?;
        }
        // Another process may have made it meanwhile: theirs stands.
        match tmp.persist_noclobber(path) {
            Ok(_) => Ok(()),
            Err(e) if path.exists() => {
                drop(e);
                Ok(())
            }
            Err(e) => {
                Err(e.error).doing(|| format!("{}: cannot create the archive", path.display()))
            }
        }
    }

    fn explain(&self, e: rusqlite::Error) -> ArchiveError {
        explain(&self.path, e)
    }

    fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    /// Documents in the archive.
    pub fn documents(&self) -> Result<usize> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM documents", [], |r| r.get::<_, i64>(0))?
            as usize)
    }

    /// The extractor recorded by the first add, if any.
    pub fn extractor(&self) -> Result<Option<String>> {
        self.meta("extractor")
    }

    /// Keys and text hashes of the documents already in the archive.
    pub fn known(&self) -> Result<(FxHashSet<String>, FxHashSet<Vec<u8>>)> {
        let mut keys = FxHashSet::default();
        let mut hashes = FxHashSet::default();
        let mut st = self.conn.prepare("SELECT key, hash FROM documents")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            keys.insert(r.get::<_, String>(0)?);
            hashes.insert(r.get::<_, Vec<u8>>(1)?);
        }
        Ok((keys, hashes))
    }

    /// Add one batch of extracted documents in one transaction.
    pub fn add(
        &mut self,
        batch: &[(Document, Extraction)],
        extractor: &str,
        lex: &CompareLexicon,
    ) -> Result<Added> {
        let path = self.path.clone();
        let explain = |e| explain(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(explain)?;
        let recorded: Option<String> = tx
            .query_row("SELECT value FROM meta WHERE key = 'extractor'", [], |r| {
                r.get(0)
            })
            .optional()?;
        match recorded {
            None => {
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES ('extractor', ?1)",
                    [extractor],
                )?;
            }
            Some(r) if r != extractor => {
                return Err(ArchiveError::Invalid(format!(
                "{}: the archive was extracted by {r}, this run extracts with {extractor}; add to a new archive",
                path.display()
            )))
            }
            Some(_) => {}
        }
        let batch_no: i64 = tx
            .query_row(
                "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'batches'",
                [],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(0)
            + 1;
        let mut indexed: i64 = tx
            .query_row(
                "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'indexed'",
                [],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(0);
        let mut added = Added::default();
        let mut postings: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        {
            let mut ins_doc = tx.prepare_cached(
                "INSERT OR IGNORE INTO documents (key, hash, path, ext_id, outlet, date, title, url, text, extraction)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            let mut ins_attr = tx.prepare_cached(
                "INSERT INTO attributions (doc, ord, indexed, source, kind, cue, mode)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for (d, found) in batch {
                let json = serde_json::to_string(found)?;
                let n = ins_doc.execute(params![
                    doc_key(d),
                    text_hash(&d.text),
                    d.path,
                    d.id,
                    d.source,
                    d.date,
                    d.title,
                    d.url,
                    d.text,
                    json
                ])?;
                if n == 0 {
                    added.duplicates += 1;
                    continue;
                }
                let doc_id = tx.last_insert_rowid();
                added.documents += 1;
                for (k, a) in found.attributions.iter().enumerate() {
                    let terms = index_terms(lex, &d.text, a);
                    ins_attr.execute(params![
                        doc_id,
                        k as i64,
                        terms.is_some() as i64,
                        a.source.canonical,
                        a.source.kind.as_str(),
                        a.cue.lemma,
                        a.mode.as_str()
                    ])?;
                    added.attributions += 1;
                    if let Some(terms) = terms {
                        let id = u32::try_from(tx.last_insert_rowid())
                            .doing(|| "more attributions than the index holds (2^32)".into())?;
                        indexed += 1;
                        for t in terms {
                            postings.entry(t).or_default().push(id);
                        }
                    }
                }
            }
            let mut ins_post = tx.prepare_cached(
                "INSERT INTO postings (word, batch, n, ids) VALUES (?1, ?2, ?3, ?4)",
            )?;
            let mut words: Vec<(String, Vec<u32>)> = postings.into_iter().collect();
            words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            for (w, ids) in words {
                let blob: Vec<u8> = ids.iter().flat_map(|i| i.to_le_bytes()).collect();
                ins_post.execute(params![w, batch_no, ids.len() as i64, blob])?;
            }
        }
        for (k, v) in [("batches", batch_no), ("indexed", indexed)] {
            tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![k, v.to_string()],
            )?;
        }
        tx.commit().map_err(explain)?;
        Ok(added)
    }

    /// The counts `archive stats` shows.
    pub fn stats(&self) -> Result<Stats> {
        let count = |sql: &str| -> Result<u64> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
        };
        let (first_date, last_date): (Option<String>, Option<String>) = self.conn.query_row(
            "SELECT min(substr(date, 1, 10)), max(substr(date, 1, 10)) FROM documents WHERE date IS NOT NULL AND date <> ''",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut bytes = 0;
        for suffix in ["", "-wal"] {
            let p = PathBuf::from(format!("{}{suffix}", self.path.display()));
            bytes += std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0);
        }
        Ok(Stats {
            kind: "archive",
            schema: crate::SCHEMA,
            archive: self.path.display().to_string(),
            documents: count("SELECT count(*) FROM documents")?,
            attributions: count("SELECT count(*) FROM attributions")?,
            indexed: count("SELECT count(*) FROM attributions WHERE indexed = 1")?,
            sources: count("SELECT count(DISTINCT source) FROM attributions")?,
            outlets: count(
                "SELECT count(DISTINCT outlet) FROM documents WHERE outlet IS NOT NULL",
            )?,
            first_date,
            last_date,
            bytes,
            extractor: self.extractor()?.unwrap_or_default(),
        })
    }

    /// SQLite's own check of the file, then isnad's: every indexed
    /// attribution in the index once, the counters right.
    pub fn integrity(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut st = self.conn.prepare("PRAGMA integrity_check")?;
        let rows: Vec<String> = st
            .query_map([], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        if rows != ["ok"] {
            problems.extend(rows);
        }
        let indexed: u64 = self.conn.query_row(
            "SELECT count(*) FROM attributions WHERE indexed = 1",
            [],
            |r| r.get::<_, i64>(0),
        )? as u64;
        let recorded: u64 = self
            .meta("indexed")?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        if indexed != recorded {
            problems.push(format!(
                "{indexed} indexed attributions, the counter says {recorded}"
            ));
        }
        let orphans: i64 = self.conn.query_row(
            "SELECT count(*) FROM attributions a LEFT JOIN documents d ON d.id = a.doc WHERE d.id IS NULL",
            [],
            |r| r.get(0),
        )?;
        if orphans > 0 {
            problems.push(format!("{orphans} attributions of no document"));
        }
        Ok(problems)
    }

    /// Posting lists of `terms`: for each, the attribution ids, ascending.
    fn postings(&self, terms: &[&str]) -> Result<FxHashMap<String, Vec<u32>>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT ids FROM postings WHERE word = ?1 ORDER BY batch")?;
        let mut out = FxHashMap::default();
        for t in terms {
            let mut ids = Vec::new();
            let mut rows = st.query([t])?;
            while let Some(r) = rows.next()? {
                let blob = r.get_ref(0)?.as_blob()?;
                ids.extend(
                    blob.chunks_exact(4)
                        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])),
                );
            }
            out.insert(t.to_string(), ids);
        }
        Ok(out)
    }

    /// The references a check of these draft attributions needs: for each
    /// (given by its index terms), its `k` best candidates over the whole
    /// archive, and every document holding one, loaded whole.
    pub fn references_for(
        &self,
        drafts: &[Vec<String>],
        k: usize,
        lex: &Arc<CompareLexicon>,
    ) -> Result<References> {
        let n: usize = self
            .meta("indexed")?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let mut terms: Vec<&str> = drafts.iter().flatten().map(String::as_str).collect();
        terms.sort_unstable();
        terms.dedup();
        let postings = self.postings(&terms)?;
        let wanted = top_candidates(&postings, drafts, n, k);
        // The documents of the candidates, and which of their attributions
        // are candidates: only those are indexed again.
        let mut docs: std::collections::BTreeMap<i64, FxHashSet<usize>> = Default::default();
        {
            let mut st = self
                .conn
                .prepare_cached("SELECT doc, ord FROM attributions WHERE id = ?1")?;
            for a in &wanted {
                let (doc, ord): (i64, i64) =
                    st.query_row([*a as i64], |r| Ok((r.get(0)?, r.get(1)?)))?;
                docs.entry(doc).or_default().insert(ord as usize);
            }
        }
        let idf = GlobalIdf {
            n,
            df: postings
                .into_iter()
                .map(|(t, p)| (t, p.len() as u32))
                .collect(),
        };
        let mut refs = References::with_lexicon(lex.clone()).with_idf(idf);
        for (id, keep) in docs {
            let (d, f) = self.kept_document(id)?;
            refs.add_some(d, f, |k| keep.contains(&k));
        }
        Ok(refs)
    }

    /// A document, from those kept when a recent check read it.
    fn kept_document(&self, id: i64) -> Result<Shared> {
        let kept = |c: &mut lru::LruCache<i64, Shared>| c.get(&id).cloned();
        if let Some(hit) = self.read.lock().ok().as_deref_mut().and_then(kept) {
            return Ok(hit);
        }
        let (d, f) = self.document(id)?;
        let shared = (Arc::new(d), Arc::new(f));
        if let Ok(mut c) = self.read.lock() {
            c.put(id, shared.clone());
        }
        Ok(shared)
    }

    fn document(&self, id: i64) -> Result<(Document, Extraction)> {
        // A check reads many whole articles; their UTF-8 is checked with
        // SIMD (rusqlite's own check was an eighth of a check's time).
        fn long_text(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<String> {
            let bytes = r.get_ref(i)?.as_bytes()?;
            match simdutf8::basic::from_utf8(bytes) {
                Ok(s) => Ok(s.to_owned()),
                Err(_) => Err(rusqlite::Error::FromSqlConversionFailure(
                    i,
                    rusqlite::types::Type::Text,
                    "invalid UTF-8".into(),
                )),
            }
        }
        let mut st = self.conn.prepare_cached(
            "SELECT path, ext_id, outlet, date, title, url, text, extraction FROM documents WHERE id = ?1",
        )?;
        let (d, json): (Document, String) = st.query_row([id], |r| {
            Ok((
                Document {
                    path: r.get(0)?,
                    id: r.get(1)?,
                    source: r.get(2)?,
                    date: r.get(3)?,
                    title: r.get(4)?,
                    url: r.get(5)?,
                    text: long_text(r, 6)?,
                },
                long_text(r, 7)?,
            ))
        })?;
        let f: Extraction = serde_json::from_str(&json)
            .doing(|| format!("{}: document {id}: damaged extraction", self.path.display()))?;
        Ok((d, f))
    }

    /// Every document, in the order they were added (for `crosscheck`).
    pub fn references_all(&self, lex: &Arc<CompareLexicon>) -> Result<References> {
        let ids: Vec<i64> = {
            let mut st = self.conn.prepare("SELECT id FROM documents ORDER BY id")?;
            let v = st
                .query_map([], |r| r.get(0))?
                .collect::<std::result::Result<_, _>>()?;
            v
        };
        let mut refs = References::with_lexicon(lex.clone());
        for id in ids {
            let (d, f) = self.document(id)?;
            refs.add(d, f);
        }
        Ok(refs)
    }
}

impl Store for SqliteArchive {
    fn known(&self) -> Result<(FxHashSet<String>, FxHashSet<Vec<u8>>)> {
        SqliteArchive::known(self)
    }
    fn add(
        &mut self,
        batch: &[(Document, Extraction)],
        extractor: &str,
        lex: &CompareLexicon,
    ) -> Result<Added> {
        SqliteArchive::add(self, batch, extractor, lex)
    }
    fn stats(&self) -> Result<Stats> {
        SqliteArchive::stats(self)
    }
    fn integrity(&self) -> Result<Vec<String>> {
        SqliteArchive::integrity(self)
    }
    fn documents(&self) -> Result<usize> {
        SqliteArchive::documents(self)
    }
    fn extractor(&self) -> Result<Option<String>> {
        SqliteArchive::extractor(self)
    }
    fn references_for(
        &self,
        drafts: &[Vec<String>],
        k: usize,
        lex: &Arc<CompareLexicon>,
    ) -> Result<References> {
        SqliteArchive::references_for(self, drafts, k, lex)
    }
    fn references_all(&self, lex: &Arc<CompareLexicon>) -> Result<References> {
        SqliteArchive::references_all(self, lex)
    }
}

fn not_an_archive(path: &Path) -> ArchiveError {
    ArchiveError::Invalid(format!("{}: not an isnad archive", path.display()))
}

/// A SQLite error as the desk should read it, naming the archive.
fn explain(path: &Path, e: rusqlite::Error) -> ArchiveError {
    ArchiveError::Invalid(match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => {
            format!("{}: not an isnad archive (not a database)", path.display())
        }
        Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => {
            format!(
                "{}: another process is writing the archive; try again when it has finished",
                path.display()
            )
        }
        _ => format!("{}: {e}", path.display()),
    })
}
