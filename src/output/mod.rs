//! What isnad prints. Every streamed format (`--format terminal|line|json`)
//! is one [`Reporter`], in one file, that renders every kind of record:
//! an extracted document, a draft's findings, a crosscheck group and the
//! closing summary. Each renders into a buffer, so that documents can be
//! rendered in parallel and written in input order. The review reports
//! (`--format html|markdown`) are rendered at the end of a run from one
//! view model ([`report`]) through templates, with what is particular to
//! each in [`html`] and [`markdown`].
//!
//! A new streamed format is a new file with a [`Reporter`] and a variant
//! of [`Format`]; a new report format is a template set beside the HTML
//! and Markdown ones.

pub mod html;
pub mod json;
pub mod line;
pub mod markdown;
pub mod reason;
pub mod report;
pub mod terminal;

use crate::check::{Finding, Group, HiddenChar, Verdict};
use crate::extract::Extraction;
use crate::input::Document;
use crate::text::LineIndex;
use serde::Serialize;

/// The output formats of `isnad extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Coloured, for people at a terminal.
    Terminal,
    /// One stable, colourless line per attribution or finding, for grep and
    /// snapshots.
    Line,
    /// JSON Lines, schema `isnad/1`: one object per document (`extract`)
    /// or per finding (`check`, `crosscheck`), see docs/schema.md.
    Json,
}

/// The output formats of `isnad check` and `isnad crosscheck`: the
/// formats of `extract`, and the review reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReviewFormat {
    /// Coloured, grouped by verdict, for people at a terminal.
    Terminal,
    /// One stable, colourless line per finding, for grep and snapshots.
    Line,
    /// JSON Lines, schema `isnad/1` (docs/schema.md).
    Json,
    /// A Markdown report for a ticket or a CMS comment.
    Markdown,
    /// A self-contained HTML page (no network), to open beside the draft.
    Html,
}

impl ReviewFormat {
    /// The streaming format, or `None` for a report rendered at the end.
    pub fn stream(self) -> Option<Format> {
        match self {
            ReviewFormat::Terminal => Some(Format::Terminal),
            ReviewFormat::Line => Some(Format::Line),
            ReviewFormat::Json => Some(Format::Json),
            ReviewFormat::Markdown | ReviewFormat::Html => None,
        }
    }
}

/// Renders the records of one format.
pub trait Reporter: Sync {
    /// Append the rendering of one extracted document to `out`.
    fn document(&self, doc: &Document, found: &Extraction, out: &mut Vec<u8>);
    /// Append a closing line after the last extracted document, if the
    /// format has one.
    fn finish(&self, _docs: usize, _attributions: usize, _out: &mut Vec<u8>) {}
    /// Append the findings of one checked draft; `text` is the draft's
    /// text, for line and column numbers.
    fn draft(&self, text: &str, findings: &[Finding], out: &mut Vec<u8>);
    /// Append one crosscheck group.
    fn group(&self, group: &Group, out: &mut Vec<u8>);
    /// Append the closing summary of a check or a crosscheck.
    fn summary(&self, summary: &Summary, out: &mut Vec<u8>);
}

/// The reporter for a format, in the desk's language (Arabic): see
/// [`reporter_in`].
pub fn reporter(format: Format) -> Box<dyn Reporter> {
    reporter_in(format, report::Lang::Ar)
}

/// The reporter for a format whose labels and reasons are in `lang`
/// (the terminal's labels, every format's `reason`).
pub fn reporter_in(format: Format, lang: report::Lang) -> Box<dyn Reporter> {
    match format {
        Format::Terminal => Box::new(terminal::Terminal { lang }),
        Format::Line => Box::new(line::Line { lang }),
        Format::Json => Box::new(json::Json { lang }),
    }
}

/// The closing summary of a check or crosscheck run.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub schema: &'static str,
    pub command: &'static str,
    pub drafts: usize,
    pub references: usize,
    pub attributions: usize,
    /// Every verdict with its count, in a fixed order.
    #[serde(serialize_with = "verdict_counts")]
    pub verdicts: Vec<(Verdict, usize)>,
}

/// The counts as an object keyed by verdict, in the order of the list.
fn verdict_counts<S: serde::Serializer>(v: &[(Verdict, usize)], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut m = s.serialize_map(Some(v.len()))?;
    for (verdict, n) in v {
        m.serialize_entry(verdict.as_str(), n)?;
    }
    m.end()
}

/// The summary as one line of text (the `line` and `terminal` formats),
/// in `lang`.
fn summary_line(lang: report::Lang, s: &Summary, out: &mut Vec<u8>) {
    use std::io::Write;
    let l = report::labels(lang);
    let name = |v: Verdict| {
        if l.contains_key("terminal_verdicts") {
            report::label(l, "terminal_verdicts", v.as_str())
        } else {
            report::label(l, "verdicts", v.as_str())
        }
    };
    let sep = report::text_label(l, "list_sep");
    if s.command == "crosscheck" {
        // Groups of one statement across documents take only these
        // verdicts; there are no drafts.
        let groups: usize = s.verdicts.iter().map(|(_, n)| n).sum();
        let counts: Vec<String> = s
            .verdicts
            .iter()
            .filter(|(v, _)| {
                matches!(
                    v,
                    Verdict::Conflicting | Verdict::Reworded | Verdict::Varied | Verdict::Verified
                )
            })
            .map(|(v, n)| format!("{} {n}", name(*v)))
            .collect();
        let line = report::text_label(l, "crosscheck_summary")
            .replace("{references}", &s.references.to_string())
            .replace("{attributions}", &s.attributions.to_string())
            .replace("{groups}", &groups.to_string())
            .replace("{counts}", &counts.join(&sep));
        let _ = writeln!(out, "{line}");
        return;
    }
    let counts: Vec<String> = s
        .verdicts
        .iter()
        .map(|(v, n)| format!("{} {n}", name(*v)))
        .collect();
    let line = report::text_label(l, "check_summary")
        .replace("{drafts}", &s.drafts.to_string())
        .replace("{references}", &s.references.to_string())
        .replace("{attributions}", &s.attributions.to_string())
        .replace("{counts}", &counts.join(&sep));
    let _ = writeln!(out, "{line}");
}

/// The characters a finding names, by kind: (line-format name, the
/// characters, what they are), for the kinds that are present.
fn marked_chars(f: &Finding) -> impl Iterator<Item = (&'static str, &[HiddenChar], &'static str)> {
    [
        (
            "hidden",
            &f.hidden[..],
            "invisible characters inside the quote",
        ),
        (
            "lookalikes",
            &f.lookalikes[..],
            "letters or digits of another alphabet that look Arabic",
        ),
    ]
    .into_iter()
    .filter(|(_, chars, _)| !chars.is_empty())
}

fn code_points(chars: &[HiddenChar]) -> Vec<&str> {
    chars.iter().map(|h| h.codepoint.as_str()).collect()
}

/// What an extraction left out at a limit, one sentence each, naming the
/// document, line and column.
pub fn limit_warnings(doc: &Document, found: &Extraction) -> Vec<String> {
    if found.over_limit.is_empty() {
        return Vec::new();
    }
    let lines = LineIndex::new(&doc.text);
    let name = doc.name();
    found
        .over_limit
        .iter()
        .map(|o| {
            let (line, col) = lines.line_col(&doc.text, o.span[0]);
            let at = format!("{name}:{line}:{col} (byte {})", o.span[0]);
            match o.limit.as_str() {
                "quote-depth" => format!(
                    "{at}: {} quote marks would nest deeper than {} quotes and were read as punctuation",
                    o.size, o.max
                ),
                _ => format!(
                    "{at}: a content of {} characters, above --max-quote-chars {}, was left out (raise the limit to report it)",
                    o.size, o.max
                ),
            }
        })
        .collect()
}
