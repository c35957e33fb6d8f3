//! Decisions in a SQLite file: beside the archive for `isnad serve`, or
//! any file given to `--decisions`.

use super::{now, DecisionError, Decisions, NewDecision, Result, SignOff, StoredDraft};
use crate::check::{Decision, Status};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub(super) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS isnad_decisions (
    id          INTEGER PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    status      TEXT NOT NULL,
    note        TEXT NOT NULL,
    reviewer    TEXT NOT NULL,
    review      TEXT,
    at          TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS isnad_decisions_fingerprint ON isnad_decisions (fingerprint, id);
CREATE TABLE IF NOT EXISTS isnad_reviews (
    id      TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    text    TEXT NOT NULL,
    date    TEXT,
    outlet  TEXT,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS isnad_signoffs (
    id       INTEGER PRIMARY KEY,
    review   TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    at       TEXT NOT NULL
);
";

/// Decisions in one SQLite file.
pub struct SqliteDecisions {
    conn: Connection,
    path: PathBuf,
}

impl SqliteDecisions {
    /// Open the file, making it and its tables if they are not there.
    pub fn open(path: &Path) -> Result<SqliteDecisions> {
        let conn = Connection::open(path).map_err(|e| explain(path, e))?;
        let s = SqliteDecisions {
            conn,
            path: path.to_path_buf(),
        };
        s.conn
            .busy_timeout(Duration::from_secs(30))
            .map_err(|e| s.err(e))?;
        s.conn
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| s.err(e))?;
        s.conn.execute_batch(SCHEMA).map_err(|e| s.err(e))?;
        Ok(s)
    }

    fn err(&self, e: rusqlite::Error) -> DecisionError {
        explain(&self.path, e)
    }
}

fn explain(path: &Path, e: rusqlite::Error) -> DecisionError {
    let hint = match &e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
            "; it is not a SQLite file: give --decisions a new file name or an isnad decisions file"
        }
        _ => "",
    };
    DecisionError::Sqlite(format!("{}: the decisions file: {e}{hint}", path.display()))
}

fn decision(r: &rusqlite::Row) -> rusqlite::Result<Decision> {
    let status: String = r.get(1)?;
    Ok(Decision {
        fingerprint: r.get(0)?,
        status: Status::parse(&status).unwrap_or(Status::Checked),
        note: r.get(2)?,
        reviewer: r.get(3)?,
        at: r.get(4)?,
    })
}

impl Decisions for SqliteDecisions {
    fn record(&mut self, d: &NewDecision) -> Result<Decision> {
        d.validate().map_err(DecisionError::Invalid)?;
        let at = now();
        self.conn
            .execute(
                "INSERT INTO isnad_decisions (fingerprint, status, note, reviewer, review, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    d.fingerprint,
                    d.status.as_str(),
                    d.note.trim(),
                    d.reviewer.trim(),
                    d.review,
                    at
                ],
            )
            .map_err(|e| self.err(e))?;
        Ok(Decision {
            fingerprint: d.fingerprint.clone(),
            status: d.status,
            note: d.note.trim().to_string(),
            reviewer: d.reviewer.trim().to_string(),
            at,
        })
    }

    fn latest(&mut self, fingerprints: &[&str]) -> Result<BTreeMap<String, Decision>> {
        let mut out = BTreeMap::new();
        let mut q = self
            .conn
            .prepare_cached(
                "SELECT fingerprint, status, note, reviewer, at FROM isnad_decisions
                 WHERE fingerprint = ?1 ORDER BY id DESC LIMIT 1",
            )
            .map_err(|e| explain(&self.path, e))?;
        for f in fingerprints {
            if out.contains_key(*f) {
                continue;
            }
            if let Some(d) = q
                .query_row([f], decision)
                .optional()
                .map_err(|e| explain(&self.path, e))?
            {
                out.insert(f.to_string(), d);
            }
        }
        Ok(out)
    }

    fn keep_draft(&mut self, d: &StoredDraft) -> Result<()> {
        self.conn
            .execute(
                "INSERT OR IGNORE INTO isnad_reviews (id, name, text, date, outlet, created)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![d.id, d.name, d.text, d.date, d.outlet, d.created],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    fn draft(&mut self, id: &str) -> Result<Option<StoredDraft>> {
        self.conn
            .query_row(
                "SELECT id, name, text, date, outlet, created FROM isnad_reviews WHERE id = ?1",
                [id],
                |r| {
                    Ok(StoredDraft {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        text: r.get(2)?,
                        date: r.get(3)?,
                        outlet: r.get(4)?,
                        created: r.get(5)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    fn sign_off(&mut self, review: &str, reviewer: &str) -> Result<SignOff> {
        let reviewer = reviewer.trim();
        if reviewer.is_empty() || reviewer.chars().count() > super::MAX_REVIEWER_CHARS {
            return Err(DecisionError::Invalid(
                "a sign-off needs the reviewer's name (at most 100 characters)".into(),
            ));
        }
        let at = now();
        self.conn
            .execute(
                "INSERT INTO isnad_signoffs (review, reviewer, at) VALUES (?1, ?2, ?3)",
                params![review, reviewer, at],
            )
            .map_err(|e| self.err(e))?;
        Ok(SignOff {
            reviewer: reviewer.to_string(),
            at,
        })
    }

    fn signed_off(&mut self, review: &str) -> Result<Option<SignOff>> {
        self.conn
            .query_row(
                "SELECT reviewer, at FROM isnad_signoffs WHERE review = ?1 ORDER BY id DESC LIMIT 1",
                [review],
                |r| {
                    Ok(SignOff {
                        reviewer: r.get(0)?,
                        at: r.get(1)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(fp: &str, status: Status, note: &str) -> NewDecision {
        NewDecision {
            fingerprint: fp.to_string(),
            status,
            note: note.to_string(),
            reviewer: " Salma ".to_string(),
            review: None,
        }
    }

    #[test]
    fn the_latest_decision_counts_and_survives_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("decisions.db");
        let a = "0123456789abcdef0123456789abcdef";
        let b = "fedcba9876543210fedcba9876543210";
        {
            let mut s = SqliteDecisions::open(&path).unwrap();
            s.record(&new(a, Status::Checked, "first look")).unwrap();
            s.record(&new(a, Status::Accepted, "the minister's own words"))
                .unwrap();
        }
        let mut s = SqliteDecisions::open(&path).unwrap();
        let got = s.latest(&[a, b]).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[a].status, Status::Accepted);
        assert_eq!(got[a].note, "the minister's own words");
        assert_eq!(got[a].reviewer, "Salma");
    }

    #[test]
    fn a_bad_decision_is_refused_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = SqliteDecisions::open(&dir.path().join("d.db")).unwrap();
        let e = s.record(&new("nope", Status::Accepted, "")).unwrap_err();
        assert!(e.to_string().contains("fingerprint"), "{e}");
        let mut no_name = new("0123456789abcdef0123456789abcdef", Status::Accepted, "");
        no_name.reviewer = "  ".into();
        assert!(s
            .record(&no_name)
            .unwrap_err()
            .to_string()
            .contains("reviewer"));
    }

    #[test]
    fn a_file_that_is_not_sqlite_is_named_with_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.txt");
        std::fs::write(&path, "not a database, a page of notes ".repeat(100)).unwrap();
        let e = SqliteDecisions::open(&path).err().unwrap().to_string();
        assert!(
            e.contains("notes.txt") && e.contains("not a SQLite file"),
            "{e}"
        );
    }

    #[test]
    fn drafts_and_sign_offs_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = SqliteDecisions::open(&dir.path().join("d.db")).unwrap();
        let d = StoredDraft {
            id: super::super::review_id("draft.txt", "نص"),
            name: "draft.txt".into(),
            text: "نص".into(),
            date: Some("2024-01-02".into()),
            outlet: None,
            created: now(),
        };
        s.keep_draft(&d).unwrap();
        s.keep_draft(&d).unwrap();
        assert_eq!(s.draft(&d.id).unwrap(), Some(d.clone()));
        assert_eq!(s.signed_off(&d.id).unwrap(), None);
        s.sign_off(&d.id, "Omar").unwrap();
        assert_eq!(s.signed_off(&d.id).unwrap().unwrap().reviewer, "Omar");
    }
}
