//! `--format json`: JSON Lines, schema `isnad/1` (documented in
//! `docs/schema.md`): one object per extracted document, per finding, per
//! crosscheck group, and a closing summary.

use super::{Reporter, Summary};
use crate::check::{Finding, Group};
use crate::extract::attribution::{Attribution, OverLimit, UnattributedQuote};
use crate::extract::Extraction;
use crate::input::Document;
use serde::Serialize;

#[derive(Serialize)]
struct DocumentRecord<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    schema: &'static str,
    path: &'a str,
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    attributions: &'a [Attribution],
    unattributed: &'a [UnattributedQuote],
    #[serde(skip_serializing_if = "<[OverLimit]>::is_empty")]
    over_limit: &'a [OverLimit],
}

/// The JSON reporter; a finding's `reason` is in `lang`.
pub struct Json {
    pub lang: super::report::Lang,
}

/// A finding as written: its fields and its `reason`.
#[derive(Serialize)]
struct FindingRecord<'a> {
    #[serde(flatten)]
    finding: &'a Finding,
    reason: String,
}

impl<'a> FindingRecord<'a> {
    fn new(finding: &'a Finding, lang: super::report::Lang) -> Self {
        FindingRecord {
            finding,
            reason: super::reason::reason(finding, lang),
        }
    }
}

impl Reporter for Json {
    fn document(&self, doc: &Document, found: &Extraction, out: &mut Vec<u8>) {
        let rec = DocumentRecord {
            kind: "document",
            schema: crate::SCHEMA,
            path: &doc.path,
            id: &doc.id,
            source: doc.source.as_deref(),
            date: doc.date.as_deref(),
            title: doc.title.as_deref(),
            url: doc.url.as_deref(),
            attributions: &found.attributions,
            unattributed: &found.unattributed,
            over_limit: &found.over_limit,
        };
        // Serialising plain structs of strings and numbers cannot fail.
        sonic_rs::to_writer(&mut *out, &rec).expect("serialisable record");
        out.push(b'\n');
    }

    fn draft(&self, _text: &str, findings: &[Finding], out: &mut Vec<u8>) {
        findings
            .iter()
            .for_each(|f| to_json(&FindingRecord::new(f, self.lang), out));
    }

    fn group(&self, group: &Group, out: &mut Vec<u8>) {
        to_json(group, out);
    }

    fn summary(&self, summary: &Summary, out: &mut Vec<u8>) {
        to_json(summary, out);
    }
}

fn to_json<T: Serialize>(v: &T, out: &mut Vec<u8>) {
    serde_json::to_writer(&mut *out, v).expect("serialisable record");
    out.push(b'\n');
}

/// A finding as the JSON API gives it: the record of `--format json`,
/// its `reason` in `lang`.
pub fn finding_value(f: &Finding, lang: super::report::Lang) -> serde_json::Value {
    serde_json::to_value(FindingRecord::new(f, lang)).expect("serialisable record")
}
