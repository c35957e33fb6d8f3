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

/// The name of a document in line-oriented output: the path, plus `#id`
/// for an article of a corpus.
pub fn doc_name(doc: &Document) -> String {
    if crate::input::is_jsonl(&doc.path) {
        format!("{}#{}", doc.path, doc.id)
    } else {
        doc.path.clone()
    }
}
