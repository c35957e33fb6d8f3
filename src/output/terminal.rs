//! `--format terminal`: coloured output for people.
//!
//! Each attribution gets a header line (position, cue, stance, mode, rule)
//! and one line per field; a draft's findings are grouped by verdict, the
//! most serious first. Arabic text is printed whole, on its own line
//! after a fixed label, so that a terminal's bidirectional layout cannot
//! mix it with the labels. Colours are written unconditionally here and
//! stripped by the caller's stream when `--color`/`NO_COLOR` say so.

use super::{code_points, marked_chars, summary_line, Reporter, Summary};
use crate::check::{Finding, Group, Verdict};
use crate::extract::attribution::{Mode, Piece};
use crate::extract::Extraction;
use crate::input::Document;
use crate::text::normalize::visible;
use crate::text::LineIndex;
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

    fn draft(&self, text: &str, findings: &[Finding], out: &mut Vec<u8>) {
        draft(text, findings, out);
    }

    fn group(&self, g: &Group, out: &mut Vec<u8>) {
        let vs = verdict_style(g.verdict);
        let _ = writeln!(
            out,
            "{HEAD}group {}{HEAD:#} {vs}{}{vs:#} {}  {DIM}({} outlets){DIM:#}",
            g.id,
            g.verdict.as_str(),
            g.source,
            g.members.len()
        );
        for m in &g.members {
            let _ = writeln!(
                out,
                "    {DIM}{}#{} {}{DIM:#}",
                m.document,
                m.attribution,
                m.outlet.as_deref().unwrap_or("")
            );
            let _ = writeln!(
                out,
                "        {} {DIM}({}){DIM:#}",
                m.content.text, m.cue.lemma
            );
        }
        for d in &g.differences {
            let _ = writeln!(
                out,
                "    {}{:<10}{:#} {}  {DIM}({}){DIM:#}",
                AnsiColor::Red.on_default(),
                d.kind.as_str(),
                AnsiColor::Red.on_default(),
                shown(&d.a.text),
                d.a.document
            );
            let _ = writeln!(
                out,
                "    {:<10} {}  {DIM}({}){DIM:#}",
                "",
                shown(&d.b.text),
                d.b.document
            );
        }
    }

    fn summary(&self, summary: &Summary, out: &mut Vec<u8>) {
        summary_line(summary, out);
    }
}

fn verdict_style(v: Verdict) -> Style {
    match v {
        Verdict::Verified => AnsiColor::Green.on_default().bold(),
        Verdict::Varied => AnsiColor::Cyan.on_default().bold(),
        Verdict::Unsupported | Verdict::Reworded => AnsiColor::Yellow.on_default().bold(),
        _ => AnsiColor::Red.on_default().bold(),
    }
}

fn draft(text: &str, findings: &[Finding], out: &mut Vec<u8>) {
    let Some(first) = findings.first() else {
        return;
    };
    let idx = LineIndex::new(text);
    let _ = writeln!(
        out,
        "{HEAD}{}{HEAD:#} {DIM}({} attribution{}){DIM:#}",
        first.draft,
        findings.len(),
        if findings.len() == 1 { "" } else { "s" }
    );
    for v in Verdict::BY_SERIOUSNESS {
        let group: Vec<&Finding> = findings.iter().filter(|f| f.verdict == v).collect();
        if group.is_empty() {
            continue;
        }
        let vs = verdict_style(v);
        let _ = writeln!(
            out,
            "  {vs}{}{vs:#} {DIM}({}){DIM:#}",
            v.as_str(),
            group.len()
        );
        for f in group {
            let a = &f.attribution;
            let (l, c) = idx.line_col(text, a.cue.span[0]);
            let _ = writeln!(
                out,
                "    {DIM}{l}:{c}{DIM:#} {HEAD}{}{HEAD:#} {} {DIM}({}){DIM:#}",
                a.id,
                a.cue.text,
                a.cue.stance.as_str()
            );
            let _ = writeln!(
                out,
                "        {DIM}{:<10}{DIM:#} {}",
                "source",
                visible(&a.source.canonical)
            );
            if f.unconfirmed_speaker() {
                let hs = AnsiColor::Yellow.on_default();
                let _ = writeln!(
                    out,
                    "        {hs}{:<10}{hs:#} unconfirmed: no reference of this speaker says it",
                    "speaker"
                );
            }
            let _ = writeln!(
                out,
                "        {DIM}{:<10}{DIM:#} {}",
                "content",
                visible(&a.content.text)
            );
            for (name, chars, what) in marked_chars(f) {
                let hs = AnsiColor::Yellow.on_default();
                let _ = writeln!(
                    out,
                    "        {hs}{name:<10}{hs:#} {} ({what})",
                    code_points(chars).join(" ")
                );
            }
            for d in &f.differences {
                let ks = if d.kind.is_material() {
                    AnsiColor::Red.on_default()
                } else {
                    DIM
                };
                let _ = writeln!(
                    out,
                    "        {ks}{:<10}{ks:#} {DIM}draft{DIM:#}     {}",
                    d.kind.as_str(),
                    visible(shown(&d.draft.text))
                );
                let _ = writeln!(
                    out,
                    "        {:<10} {DIM}reference{DIM:#} {}  {DIM}({}){DIM:#}",
                    "",
                    visible(shown(&d.reference.text)),
                    d.reference.document
                );
            }
            // The closest references, each saying whether it agrees: for a
            // conflict, both sides.
            for (k, e) in f.evidence.iter().take(3).enumerate() {
                let _ = writeln!(
                    out,
                    "        {DIM}{:<10} {} {}#{} {} {:.2}{DIM:#}",
                    if k == 0 { "evidence" } else { "" },
                    if e.agrees { "agrees " } else { "differs" },
                    e.document,
                    e.attribution,
                    e.source.canonical,
                    e.similarity
                );
            }
        }
    }
}

/// An empty side is shown as a mark, not as nothing.
fn shown(s: &str) -> &str {
    if s.is_empty() {
        "∅"
    } else {
        s
    }
}
