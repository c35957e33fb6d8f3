//! Decisions in PostgreSQL: the same database as a shared archive, so a
//! desk of reviewers sees one another's decisions.

use super::{now, DecisionError, Decisions, NewDecision, Result, SignOff, StoredDraft};
use crate::check::{Decision, Status};
use postgres::{Client, NoTls};
use std::collections::BTreeMap;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS isnad_decisions (
    id          BIGSERIAL PRIMARY KEY,
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
    id       BIGSERIAL PRIMARY KEY,
    review   TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    at       TEXT NOT NULL
);
";

/// Decisions in a PostgreSQL database.
pub struct PgDecisions {
    client: Client,
    name: String,
}

impl PgDecisions {
    pub fn open(url: &str) -> Result<PgDecisions> {
        let name = crate::archive::display_name(url);
        let mut client = Client::connect(url, NoTls).map_err(|e| {
            DecisionError::Postgres(format!("{name}: cannot connect for the decisions: {e}"))
        })?;
        client
            .batch_execute(SCHEMA)
            .map_err(|e| DecisionError::Postgres(format!("{name}: the decisions tables: {e}")))?;
        Ok(PgDecisions { client, name })
    }

    fn err(&self, e: postgres::Error) -> DecisionError {
        DecisionError::Postgres(format!("{}: the decisions: {e}", self.name))
    }
}

impl Decisions for PgDecisions {
    fn record(&mut self, d: &NewDecision) -> Result<Decision> {
        d.validate().map_err(DecisionError::Invalid)?;
        let at = now();
        let (note, reviewer) = (d.note.trim(), d.reviewer.trim());
        self.client
            .execute(
                "INSERT INTO isnad_decisions (fingerprint, status, note, reviewer, review, at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
                &[
                    &d.fingerprint,
                    &d.status.as_str(),
                    &note,
                    &reviewer,
                    &d.review,
                    &at,
                ],
            )
            .map_err(|e| self.err(e))?;
        Ok(Decision {
            fingerprint: d.fingerprint.clone(),
            status: d.status,
            note: note.to_string(),
            reviewer: reviewer.to_string(),
            at,
        })
    }

    fn latest(&mut self, fingerprints: &[&str]) -> Result<BTreeMap<String, Decision>> {
        let keys: Vec<String> = fingerprints.iter().map(|s| s.to_string()).collect();
        let rows = self
            .client
            .query(
                "SELECT DISTINCT ON (fingerprint) fingerprint, status, note, reviewer, at
                 FROM isnad_decisions WHERE fingerprint = ANY($1)
                 ORDER BY fingerprint, id DESC",
                &[&keys],
            )
            .map_err(|e| self.err(e))?;
        Ok(rows
            .iter()
            .map(|r| {
                let status: String = r.get(1);
                let d = Decision {
                    fingerprint: r.get(0),
                    status: Status::parse(&status).unwrap_or(Status::Checked),
                    note: r.get(2),
                    reviewer: r.get(3),
                    at: r.get(4),
                };
                (d.fingerprint.clone(), d)
            })
            .collect())
    }

    fn keep_draft(&mut self, d: &StoredDraft) -> Result<()> {
        self.client
            .execute(
                "INSERT INTO isnad_reviews (id, name, text, date, outlet, created)
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING",
                &[&d.id, &d.name, &d.text, &d.date, &d.outlet, &d.created],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    fn draft(&mut self, id: &str) -> Result<Option<StoredDraft>> {
        let row = self
            .client
            .query_opt(
                "SELECT id, name, text, date, outlet, created FROM isnad_reviews WHERE id = $1",
                &[&id],
            )
            .map_err(|e| self.err(e))?;
        Ok(row.map(|r| StoredDraft {
            id: r.get(0),
            name: r.get(1),
            text: r.get(2),
            date: r.get(3),
            outlet: r.get(4),
            created: r.get(5),
        }))
    }

    fn sign_off(&mut self, review: &str, reviewer: &str) -> Result<SignOff> {
        let reviewer = reviewer.trim();
        if reviewer.is_empty() || reviewer.chars().count() > super::MAX_REVIEWER_CHARS {
            return Err(DecisionError::Invalid(
                "a sign-off needs the reviewer's name (at most 100 characters)".into(),
            ));
        }
        let at = now();
        self.client
            .execute(
                "INSERT INTO isnad_signoffs (review, reviewer, at) VALUES ($1, $2, $3)",
                &[&review, &reviewer, &at],
            )
            .map_err(|e| self.err(e))?;
        Ok(SignOff {
            reviewer: reviewer.to_string(),
            at,
        })
    }

    fn signed_off(&mut self, review: &str) -> Result<Option<SignOff>> {
        let row = self
            .client
            .query_opt(
                "SELECT reviewer, at FROM isnad_signoffs WHERE review = $1 ORDER BY id DESC LIMIT 1",
                &[&review],
            )
            .map_err(|e| self.err(e))?;
        Ok(row.map(|r| SignOff {
            reviewer: r.get(0),
            at: r.get(1),
        }))
    }
}
