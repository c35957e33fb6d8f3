//! `--format json`: one JSON object per document, schema `isnad/1`
//! (documented in `docs/schema.md`).

use super::Reporter;
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

/// The JSON reporter.
pub struct Json;

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
}
