//! Reporters: one per `--format`, each rendering one document at a time
//! into a buffer so that documents can be rendered in parallel and written
//! in input order.

pub mod findings;
pub mod json;
pub mod line;
pub mod report;
pub mod terminal;

use crate::extract::Extraction;
use crate::input::Document;

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

/// Renders documents.
pub trait Reporter: Sync {
    /// Append the rendering of one document to `out`.
    fn document(&self, doc: &Document, found: &Extraction, out: &mut Vec<u8>);
    /// Append a closing summary (after the last document), if the format
    /// has one.
    fn finish(&self, _docs: usize, _attributions: usize, _out: &mut Vec<u8>) {}
}

/// The reporter for a format.
pub fn reporter(format: Format) -> Box<dyn Reporter> {
    match format {
        Format::Terminal => Box::new(terminal::Terminal),
        Format::Line => Box::new(line::Line),
        Format::Json => Box::new(json::Json),
    }
}

/// 1-based line and character column of byte offsets in a text.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// Line and column (in characters) of byte offset `pos`.
    pub fn line_col(&self, text: &str, pos: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= pos);
        let start = self.starts[line - 1];
        let col = text.get(start..pos).map_or(0, |s| s.chars().count()) + 1;
        (line, col)
    }
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
