//! `--format terminal`: coloured output for people.
//!
//! Each attribution gets a header line (position, cue, stance, mode, rule)
//! and one line per field. Arabic text is printed whole, on its own line
//! after a fixed label, so that a terminal's bidirectional layout cannot
//! mix it with the labels. Colours are written unconditionally here and
//! stripped by the caller's stream when `--color`/`NO_COLOR` say so.

use super::{LineIndex, Reporter};
use crate::extract::attribution::{Mode, Piece};
use crate::extract::Extraction;
use crate::input::Document;
use anstyle::{AnsiColor, Style};
use std::io::Write;

const HEAD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const SOURCE: Style = AnsiColor::Cyan.on_default();
const WARN: Style = AnsiColor::Yellow.on_default();

fn mode_style(m: Mode) -> Style {
    match m {
        Mode::Direct => AnsiColor::Green.on_default().bold(),
        Mode::Indirect => AnsiColor::Blue.on_default().bold(),
        Mode::Mixed => AnsiColor::Magenta.on_default().bold(),
        Mode::AccordingTo => AnsiColor::Cyan.on_default().bold(),
    }
}

fn field(out: &mut Vec<u8>, label: &str, p: &Option<Piece>) {
    if let Some(p) = p {
        let _ = writeln!(out, "      {DIM}{label:<9}{DIM:#} {}", p.text);
    }
}

/// The terminal reporter.
pub struct Terminal;

impl Reporter for Terminal {
    fn document(&self, doc: &Document, found: &Extraction, out: &mut Vec<u8>) {
        let idx = LineIndex::new(&doc.text);
        let n = found.attributions.len();
        let _ = writeln!(
            out,
            "{HEAD}{}{HEAD:#} {DIM}({n} attribution{}){DIM:#}",
            doc.name(),
            if n == 1 { "" } else { "s" }
        );
        for a in &found.attributions {
            let (l, c) = idx.line_col(&doc.text, a.cue.span[0]);
            let ms = mode_style(a.mode);
            let _ = writeln!(
                out,
                "  {DIM}{l}:{c}{DIM:#} {HEAD}{}{HEAD:#} {ms}{}{ms:#} {} ({}) {DIM}[{}]{DIM:#}",
                a.id,
                a.mode.as_str(),
                a.cue.text,
                a.cue.stance.as_str(),
                a.rule
            );
            let s = &a.source;
            if s.span.is_some() {
                let _ = writeln!(
                    out,
                    "      {DIM}{:<9}{DIM:#} {SOURCE}{}{SOURCE:#}  {DIM}→{DIM:#} {}  {DIM}({}, {}){DIM:#}",
                    "source",
                    s.text,
                    s.canonical,
                    s.kind.as_str(),
                    s.resolution.as_str()
                );
            } else {
                let _ = writeln!(
                    out,
                    "      {DIM}{:<9}{DIM:#} {WARN}unresolved{WARN:#}",
                    "source"
                );
            }
            let _ = writeln!(out, "      {DIM}{:<9}{DIM:#} {}", "content", a.content.text);
            field(out, "addressee", &a.addressee);
            field(out, "time", &a.time);
            field(out, "channel", &a.channel);
            if let Some(nid) = &a.nested_in {
                let _ = writeln!(out, "      {DIM}{:<9}{DIM:#} inside {nid}", "nested");
            }
            if a.unclosed {
                let _ = writeln!(out, "      {WARN}the closing quote mark is missing{WARN:#}");
            }
        }
        for q in &found.unattributed {
            let (l, c) = idx.line_col(&doc.text, q.span[0]);
            let _ = writeln!(
                out,
                "  {DIM}{l}:{c}{DIM:#} {WARN}quote with no source{WARN:#}"
            );
            let _ = writeln!(out, "      {}", q.text);
        }
    }

    fn finish(&self, docs: usize, attributions: usize, out: &mut Vec<u8>) {
        let _ = writeln!(
            out,
            "{DIM}{docs} document(s), {attributions} attribution(s){DIM:#}"
        );
    }
}
