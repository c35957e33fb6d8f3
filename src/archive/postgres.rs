//! The shared archive: a PostgreSQL database, for a desk of fact-checkers
//! checking against one archive while another process adds to it.
//!
//! Tables are prefixed `isnad_`; isnad creates and migrates them itself
//! (`isnad_meta.schema`). Candidate retrieval runs on the database's
//! index: a word's attribution ids are packed in rows keyed by word, read
//! for the draft's words in one query, and scored as the in-memory index
//! scores them.

use super::{
    display_name, doc_key, text_hash, top_candidates, Added, ArchiveError, Doing, Result, Stats,
    Store, PG_SCHEMA_VERSION,
};
use crate::check::{index_terms, GlobalIdf, References};
use crate::extract::Extraction;
use crate::input::Document;
use crate::pack::CompareLexicon;
use postgres::{Client, NoTls};
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::RefCell;
use std::sync::Arc;

/// Schema steps: step `k` takes an archive from schema `k` to `k + 1`.
const MIGRATIONS: [&str; 2] = [
    "
CREATE TABLE isnad_documents (
    id         BIGINT PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    hash       BYTEA NOT NULL UNIQUE,
    path       TEXT NOT NULL,
    ext_id     TEXT NOT NULL,
    outlet     TEXT,
    date       TEXT,
    title      TEXT,
    url        TEXT,
    text       TEXT NOT NULL,
    extraction TEXT NOT NULL
);
CREATE SEQUENCE isnad_documents_id;
CREATE TABLE isnad_attributions (
    id      BIGINT PRIMARY KEY,
    doc     BIGINT NOT NULL REFERENCES isnad_documents(id),
    ord     INTEGER NOT NULL,
    indexed BOOLEAN NOT NULL,
    source  TEXT NOT NULL,
    kind    TEXT NOT NULL,
    cue     TEXT NOT NULL,
    mode    TEXT NOT NULL
);
CREATE SEQUENCE isnad_attributions_id;
CREATE INDEX isnad_attributions_doc ON isnad_attributions (doc);
CREATE TABLE isnad_postings (
    word TEXT NOT NULL,
    attr BIGINT NOT NULL,
    PRIMARY KEY (word, attr)
);
INSERT INTO isnad_meta (key, value) VALUES ('indexed', '0');
",
    "
-- Schema 2: a row per (word, attribution) made a common word's candidates
-- a GROUP BY over hundreds of thousands of rows (9 s for a draft at a
-- million articles); a word's ids are now packed, one row per word and
-- batch (int8, big-endian, ascending within a batch), read by index.
CREATE TABLE isnad_word_postings (
    word  TEXT NOT NULL,
    batch BIGINT NOT NULL,
    ids   BYTEA NOT NULL,
    PRIMARY KEY (word, batch)
);
CREATE SEQUENCE isnad_batches;
INSERT INTO isnad_word_postings (word, batch, ids)
    SELECT word, 0, string_agg(int8send(attr), ''::bytea ORDER BY attr)
    FROM isnad_postings GROUP BY word;
DROP TABLE isnad_postings;
",
];

/// An archive in a PostgreSQL database.
pub struct PgArchive {
    client: RefCell<Client>,
    name: String,
}

impl PgArchive {
    pub fn open(url: &str, create: bool) -> Result<PgArchive> {
        let name = display_name(url);
        let mut client = Client::connect(url, NoTls).map_err(|e| {
            // The driver's message never carries the password.
            ArchiveError::Invalid(format!("{name}: cannot connect: {e}"))
        })?;
        let mut tx = client.transaction()?;
        // One migrator at a time.
        tx.execute("SELECT pg_advisory_xact_lock(7306012)", &[])?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS isnad_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        )?;
        let v: Option<String> = tx
            .query_opt("SELECT value FROM isnad_meta WHERE key = 'schema'", &[])?
            .map(|r| r.get(0));
        let mut v: i64 = match v {
            Some(v) => v
                .parse()
                .doing(|| format!("{name}: damaged schema version"))?,
            None if create => 0,
            None => {
                return Err(ArchiveError::Invalid(format!(
                    "{name}: no archive there (make one with `isnad archive add {name} PATH...`)"
                )))
            }
        };
        if v > PG_SCHEMA_VERSION {
            return Err(ArchiveError::Invalid(format!(
                "{name}: archive schema {v}, this isnad reads schema {PG_SCHEMA_VERSION}"
            )));
        }
        while v < PG_SCHEMA_VERSION {
            tx.batch_execute(MIGRATIONS[v as usize])?;
            v += 1;
        }
        tx.execute(
            "INSERT INTO isnad_meta (key, value) VALUES ('schema', $1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&v.to_string()],
        )?;
        tx.commit()?;
        Ok(PgArchive {
            client: RefCell::new(client),
            name,
        })
    }

    fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .client
            .borrow_mut()
            .query_opt("SELECT value FROM isnad_meta WHERE key = $1", &[&key])?
            .map(|r| r.get(0)))
    }

    fn load(&self, ids: &[i64]) -> Result<Vec<(Document, Extraction)>> {
        let rows = self.client.borrow_mut().query(
            "SELECT path, ext_id, outlet, date, title, url, text, extraction, id
             FROM isnad_documents WHERE id = ANY($1) ORDER BY id",
            &[&ids],
        )?;
        rows.into_iter()
            .map(|r| {
                let id: i64 = r.get(8);
                let f: Extraction = serde_json::from_str(r.get::<_, &str>(7))
                    .doing(|| format!("{}: document {id}: damaged extraction", self.name))?;
                Ok((
                    Document {
                        path: r.get(0),
                        id: r.get(1),
                        source: r.get(2),
                        date: r.get(3),
                        title: r.get(4),
                        url: r.get(5),
                        text: r.get(6),
                    },
                    f,
                ))
            })
            .collect()
    }
}

impl Store for PgArchive {
    fn known(&self) -> Result<(FxHashSet<String>, FxHashSet<Vec<u8>>)> {
        let mut keys = FxHashSet::default();
        let mut hashes = FxHashSet::default();
        for r in self
            .client
            .borrow_mut()
            .query("SELECT key, hash FROM isnad_documents", &[])?
        {
            keys.insert(r.get(0));
            hashes.insert(r.get(1));
        }
        Ok((keys, hashes))
    }

    fn add(
        &mut self,
        batch: &[(Document, Extraction)],
        extractor: &str,
        lex: &CompareLexicon,
    ) -> Result<Added> {
        let name = self.name.clone();
        let mut client = self.client.borrow_mut();
        let mut tx = client.transaction()?;
        let recorded: Option<String> = tx
            .query_opt("SELECT value FROM isnad_meta WHERE key = 'extractor'", &[])?
            .map(|r| r.get(0));
        match recorded {
            None => {
                tx.execute(
                    "INSERT INTO isnad_meta (key, value) VALUES ('extractor', $1) ON CONFLICT DO NOTHING",
                    &[&extractor],
                )?;
            }
            Some(r) if r != extractor => {
                return Err(ArchiveError::Invalid(format!(
                "{name}: the archive was extracted by {r}, this run extracts with {extractor}; add to a new archive"
            )))
            }
            Some(_) => {}
        }
        let mut added = Added::default();
        // Documents one by one: another writer may have added one meanwhile.
        let ins_doc = tx.prepare(
            "INSERT INTO isnad_documents (id, key, hash, path, ext_id, outlet, date, title, url, text, extraction)
             VALUES (nextval('isnad_documents_id'), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT DO NOTHING RETURNING id",
        )?;
        let mut docs: Vec<(i64, &Document, &Extraction)> = Vec::new();
        for (d, f) in batch {
            let json = serde_json::to_string(f)?;
            let row = tx.query_opt(
                &ins_doc,
                &[
                    &doc_key(d),
                    &text_hash(&d.text),
                    &d.path,
                    &d.id,
                    &d.source,
                    &d.date,
                    &d.title,
                    &d.url,
                    &d.text,
                    &json,
                ],
            )?;
            match row {
                Some(r) => docs.push((r.get(0), d, f)),
                None => added.duplicates += 1,
            }
        }
        added.documents = docs.len();
        let n: i64 = docs
            .iter()
            .map(|(_, _, f)| f.attributions.len() as i64)
            .sum();
        // Attribution ids in document order, from the sequence at once.
        let ids: Vec<i64> = tx
            .query(
                "SELECT nextval('isnad_attributions_id') FROM generate_series(1, $1::bigint)",
                &[&n],
            )?
            .into_iter()
            .map(|r| r.get(0))
            .collect();
        let mut ids = ids.into_iter();
        let (mut a_id, mut a_doc, mut a_ord, mut a_idx) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let (mut a_src, mut a_kind, mut a_cue, mut a_mode) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let (mut p_word, mut p_attr) = (Vec::new(), Vec::new());
        let mut indexed = 0i64;
        for (doc, d, f) in &docs {
            for (k, a) in f.attributions.iter().enumerate() {
                let id = ids.next().expect("one id per attribution");
                let terms = index_terms(lex, &d.text, a);
                a_id.push(id);
                a_doc.push(*doc);
                a_ord.push(k as i32);
                a_idx.push(terms.is_some());
                a_src.push(a.source.canonical.clone());
                a_kind.push(a.source.kind.as_str().to_string());
                a_cue.push(a.cue.lemma.clone());
                a_mode.push(a.mode.as_str().to_string());
                if let Some(terms) = terms {
                    indexed += 1;
                    for t in terms {
                        p_word.push(t);
                        p_attr.push(id);
                    }
                }
            }
        }
        added.attributions = a_id.len();
        tx.execute(
            "INSERT INTO isnad_attributions (id, doc, ord, indexed, source, kind, cue, mode)
             SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::bool[], $5::text[], $6::text[], $7::text[], $8::text[])",
            &[&a_id, &a_doc, &a_ord, &a_idx, &a_src, &a_kind, &a_cue, &a_mode],
        )?;
        let mut packed: std::collections::BTreeMap<String, Vec<u8>> = Default::default();
        for (w, id) in p_word.into_iter().zip(p_attr) {
            packed.entry(w).or_default().extend(id.to_be_bytes());
        }
        let (words, blobs): (Vec<String>, Vec<Vec<u8>>) = packed.into_iter().unzip();
        tx.execute(
            "INSERT INTO isnad_word_postings (word, batch, ids)
             SELECT w, b.n, i FROM unnest($1::text[], $2::bytea[]) AS t(w, i),
                  (SELECT nextval('isnad_batches') AS n) b",
            &[&words, &blobs],
        )?;
        tx.execute(
            "UPDATE isnad_meta SET value = (value::bigint + $1)::text WHERE key = 'indexed'",
            &[&indexed],
        )?;
        tx.commit()
            .doing(|| format!("{name}: the batch was not added"))?;
        Ok(added)
    }

    fn stats(&self) -> Result<Stats> {
        let mut c = self.client.borrow_mut();
        let count = |c: &mut Client, sql: &str| -> Result<u64> {
            Ok(c.query_one(sql, &[])?.get::<_, i64>(0) as u64)
        };
        let dates = c.query_one(
            "SELECT min(substr(date, 1, 10)), max(substr(date, 1, 10)) FROM isnad_documents WHERE date IS NOT NULL AND date <> ''",
            &[],
        )?;
        let bytes: i64 = c
            .query_one(
                "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c
                 WHERE c.relname LIKE 'isnad\\_%' AND c.relkind = 'r'",
                &[],
            )?
            .get(0);
        let stats = Stats {
            kind: "archive",
            schema: crate::SCHEMA,
            archive: self.name.clone(),
            documents: count(&mut c, "SELECT count(*) FROM isnad_documents")?,
            attributions: count(&mut c, "SELECT count(*) FROM isnad_attributions")?,
            indexed: count(
                &mut c,
                "SELECT count(*) FROM isnad_attributions WHERE indexed",
            )?,
            sources: count(
                &mut c,
                "SELECT count(DISTINCT source) FROM isnad_attributions",
            )?,
            outlets: count(
                &mut c,
                "SELECT count(DISTINCT outlet) FROM isnad_documents WHERE outlet IS NOT NULL",
            )?,
            first_date: dates.get(0),
            last_date: dates.get(1),
            bytes: bytes as u64,
            extractor: String::new(),
        };
        drop(c);
        Ok(Stats {
            extractor: self.extractor()?.unwrap_or_default(),
            ..stats
        })
    }

    fn integrity(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let indexed: i64 = self
            .client
            .borrow_mut()
            .query_one("SELECT count(*) FROM isnad_attributions WHERE indexed", &[])?
            .get(0);
        let recorded: i64 = self
            .meta("indexed")?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        if indexed != recorded {
            problems.push(format!(
                "{indexed} indexed attributions, the counter says {recorded}"
            ));
        }
        Ok(problems)
    }

    fn documents(&self) -> Result<usize> {
        Ok(self
            .client
            .borrow_mut()
            .query_one("SELECT count(*) FROM isnad_documents", &[])?
            .get::<_, i64>(0) as usize)
    }

    fn extractor(&self) -> Result<Option<String>> {
        self.meta("extractor")
    }

    fn references_for(
        &self,
        drafts: &[Vec<String>],
        k: usize,
        lex: &Arc<CompareLexicon>,
    ) -> Result<References> {
        let n: i64 = self
            .meta("indexed")?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let mut c = self.client.borrow_mut();
        // One snapshot for the whole check, whatever an add commits meanwhile.
        let mut tx = c
            .build_transaction()
            .isolation_level(postgres::IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        let mut terms: Vec<&str> = drafts.iter().flatten().map(String::as_str).collect();
        terms.sort_unstable();
        terms.dedup();
        // The postings of the draft's words, read by index; the scoring is
        // the in-memory index's, on this machine.
        let mut postings: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        for r in tx.query(
            "SELECT word, ids FROM isnad_word_postings WHERE word = ANY($1) ORDER BY word, batch",
            &[&terms],
        )? {
            let ids = postings.entry(r.get::<_, String>(0)).or_default();
            for c in r.get::<_, &[u8]>(1).chunks_exact(8) {
                let id = i64::from_be_bytes(c.try_into().expect("8 bytes"));
                ids.push(
                    u32::try_from(id)
                        .doing(|| "more attributions than the index holds (2^32)".into())?,
                );
            }
        }
        let wanted: Vec<i64> = top_candidates(&postings, drafts, n as usize, k)
            .into_iter()
            .map(i64::from)
            .collect();
        let df: FxHashMap<String, u32> = postings
            .into_iter()
            .map(|(t, p)| (t, p.len() as u32))
            .collect();
        let mut keep: std::collections::BTreeMap<i64, FxHashSet<usize>> = Default::default();
        for r in tx.query(
            "SELECT doc, ord FROM isnad_attributions WHERE id = ANY($1)",
            &[&wanted],
        )? {
            keep.entry(r.get(0))
                .or_default()
                .insert(r.get::<_, i32>(1) as usize);
        }
        let docs: Vec<i64> = keep.keys().copied().collect();
        tx.commit()?;
        drop(c);
        let mut refs =
            References::with_lexicon(lex.clone()).with_idf(GlobalIdf { n: n as usize, df });
        for ((d, f), id) in self.load(&docs)?.into_iter().zip(&docs) {
            refs.add_some(d, f, |k| keep[id].contains(&k));
        }
        Ok(refs)
    }

    fn references_all(&self, lex: &Arc<CompareLexicon>) -> Result<References> {
        let ids: Vec<i64> = self
            .client
            .borrow_mut()
            .query("SELECT id FROM isnad_documents ORDER BY id", &[])?
            .into_iter()
            .map(|r| r.get(0))
            .collect();
        let mut refs = References::with_lexicon(lex.clone());
        for chunk in ids.chunks(1000) {
            for (d, f) in self.load(chunk)? {
                refs.add(d, f);
            }
        }
        Ok(refs)
    }
}
