//! `--format terminal`: coloured output for people.
//!
//! Each attribution gets a header line (position, cue, stance, mode, rule)
//! and one line per field; a draft's findings are grouped by verdict, the
//! most serious first. Arabic text is printed whole, on its own line
//! after a fixed label, so that a terminal's bidirectional layout cannot
//! mix it with the labels. The labels are in the run's language
//! (`--lang`, `templates/labels.toml`). Colours are written unconditionally here and
//! stripped by the caller's stream when `--color`/`NO_COLOR` say so.

use super::reason::{evidence_name, reason, short_document};
use super::report::{label, labels, text_label, Labels, Lang};
use super::{code_points, summary_line, Reporter, Summary};
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

/// The terminal reporter, its labels in one language.
pub struct Terminal {
    pub lang: Lang,
}

/// A label of the terminal format: its `terminal` table, then the
/// report's labels.
fn term(l: &Labels, key: &str) -> String {
    l.get("terminal")
        .and_then(|t| t.get(key))
        .and_then(|v| v.as_str())
        .map_or_else(|| text_label(l, key), str::to_string)
}

/// A verdict's name at the terminal.
fn verdict_name(l: &Labels, v: Verdict) -> String {
    if l.contains_key("terminal_verdicts") {
        label(l, "terminal_verdicts", v.as_str())
    } else {
        label(l, "verdicts", v.as_str())
    }
}

/// A count in a label with `{n}` (and `{s}` for an English plural).
fn count(l: &Labels, key: &str, n: usize) -> String {
    text_label(l, key)
        .replace("{n}", &n.to_string())
        .replace("{s}", if n == 1 { "" } else { "s" })
}

impl Reporter for Terminal {
    fn document(&self, doc: &Document, found: &Extraction, out: &mut Vec<u8>) {
        let l = labels(self.lang);
        let idx = LineIndex::new(&doc.text);
        let n = found.attributions.len();
        let _ = writeln!(
            out,
            "{HEAD}{}{HEAD:#} {DIM}{}{DIM:#}",
            doc.name(),
            count(l, "attribution_count", n)
        );
        for a in &found.attributions {
            let (ln, c) = idx.line_col(&doc.text, a.cue.span[0]);
            let ms = mode_style(a.mode);
            let _ = writeln!(
                out,
                "  {DIM}{ln}:{c}{DIM:#} {HEAD}{}{HEAD:#} {ms}{}{ms:#} {} ({}) {DIM}[{}]{DIM:#}",
                a.id,
                label(l, "modes", a.mode.as_str()),
                a.cue.text,
                label(l, "stances", a.cue.stance.as_str()),
                a.rule
            );
            let s = &a.source;
            if s.span.is_some() {
                let _ = writeln!(
                    out,
                    "      {DIM}{:<9}{DIM:#} {SOURCE}{}{SOURCE:#}  {DIM}→{DIM:#} {}  {DIM}({}{}{}){DIM:#}",
                    term(l, "source"),
                    s.text,
                    s.canonical,
                    label(l, "source_kinds", s.kind.as_str()),
                    text_label(l, "list_sep"),
                    label(l, "resolutions", s.resolution.as_str())
                );
            } else {
                let _ = writeln!(
                    out,
                    "      {DIM}{:<9}{DIM:#} {WARN}{}{WARN:#}",
                    term(l, "source"),
                    text_label(l, "unresolved")
                );
            }
            let _ = writeln!(
                out,
                "      {DIM}{:<9}{DIM:#} {}",
                term(l, "content"),
                a.content.text
            );
            field(out, &text_label(l, "addressee"), &a.addressee);
            field(out, &text_label(l, "time"), &a.time);
            field(out, &text_label(l, "channel"), &a.channel);
            if let Some(nid) = &a.nested_in {
                let _ = writeln!(
                    out,
                    "      {DIM}{:<9}{DIM:#} {}",
                    text_label(l, "nested"),
                    text_label(l, "nested_in").replace("{id}", nid)
                );
            }
            if a.unclosed {
                let _ = writeln!(out, "      {WARN}{}{WARN:#}", text_label(l, "unclosed"));
            }
        }
        for q in &found.unattributed {
            let (ln, c) = idx.line_col(&doc.text, q.span[0]);
            let _ = writeln!(
                out,
                "  {DIM}{ln}:{c}{DIM:#} {WARN}{}{WARN:#}",
                text_label(l, "unattributed")
            );
            let _ = writeln!(out, "      {}", q.text);
        }
    }

    fn finish(&self, docs: usize, attributions: usize, out: &mut Vec<u8>) {
        let l = labels(self.lang);
        let line = text_label(l, "extract_summary")
            .replace("{docs}", &docs.to_string())
            .replace("{attributions}", &attributions.to_string());
        let _ = writeln!(out, "{DIM}{line}{DIM:#}");
    }

    fn draft(&self, text: &str, findings: &[Finding], out: &mut Vec<u8>) {
        draft(labels(self.lang), self.lang, text, findings, out);
    }

    fn group(&self, g: &Group, out: &mut Vec<u8>) {
        let l = labels(self.lang);
        let vs = verdict_style(g.verdict);
        let _ = writeln!(
            out,
            "{HEAD}{} {}{HEAD:#} {vs}{}{vs:#} {}  {DIM}{}{DIM:#}",
            text_label(l, "group"),
            g.id,
            verdict_name(l, g.verdict),
            g.source,
            count(l, "outlets_count", g.members.len())
        );
        for m in &g.members {
            // The outlet and date when known, else a short document name.
            let name = match (&m.outlet, &m.date) {
                (Some(o), Some(d)) => format!("{o} · {d}"),
                (Some(o), None) => o.clone(),
                _ => short_document(&m.document),
            };
            let _ = writeln!(out, "    {DIM}{name} #{}{DIM:#}", m.attribution);
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
                label(l, "kinds", d.kind.as_str()),
                AnsiColor::Red.on_default(),
                shown(&d.a.text),
                short_document(&d.a.document)
            );
            let _ = writeln!(
                out,
                "    {:<10} {}  {DIM}({}){DIM:#}",
                "",
                shown(&d.b.text),
                short_document(&d.b.document)
            );
        }
    }

    fn summary(&self, summary: &Summary, out: &mut Vec<u8>) {
        summary_line(self.lang, summary, out);
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

fn draft(l: &Labels, lang: Lang, text: &str, findings: &[Finding], out: &mut Vec<u8>) {
    let Some(first) = findings.first() else {
        return;
    };
    let idx = LineIndex::new(text);
    let _ = writeln!(
        out,
        "{HEAD}{}{HEAD:#} {DIM}{}{DIM:#}",
        first.draft,
        count(l, "attribution_count", findings.len())
    );
    let hs = AnsiColor::Yellow.on_default();
    for v in Verdict::BY_SERIOUSNESS {
        let group: Vec<&Finding> = findings.iter().filter(|f| f.verdict == v).collect();
        if group.is_empty() {
            continue;
        }
        let vs = verdict_style(v);
        let _ = writeln!(
            out,
            "  {vs}{}{vs:#} {DIM}({}){DIM:#}",
            verdict_name(l, v),
            group.len()
        );
        for f in group {
            let a = &f.attribution;
            let (ln, c) = idx.line_col(text, a.cue.span[0]);
            let _ = writeln!(
                out,
                "    {DIM}{ln}:{c}{DIM:#} {HEAD}{}{HEAD:#} {} {DIM}({}){DIM:#}",
                a.id,
                a.cue.text,
                label(l, "stances", a.cue.stance.as_str())
            );
            let _ = writeln!(
                out,
                "        {HEAD}{:<10}{HEAD:#} {}",
                term(l, "reason"),
                reason(f, lang)
            );
            if let Some(d) = &f.decision {
                let note = if d.note.is_empty() {
                    String::new()
                } else {
                    format!(": {}", visible(&d.note))
                };
                let _ = writeln!(
                    out,
                    "        {HEAD}{:<10}{HEAD:#} {} · {} · {}{note}",
                    term(l, "decision"),
                    label(l, "decisions", d.status.as_str()),
                    visible(&d.reviewer),
                    d.at
                );
            }
            let _ = writeln!(
                out,
                "        {DIM}{:<10}{DIM:#} {}",
                term(l, "source"),
                visible(&a.source.canonical)
            );
            if f.unconfirmed_speaker() {
                let _ = writeln!(
                    out,
                    "        {hs}{:<10}{hs:#} {}",
                    term(l, "speaker"),
                    text_label(l, "unconfirmed")
                );
            }
            let _ = writeln!(
                out,
                "        {DIM}{:<10}{DIM:#} {}",
                term(l, "content"),
                visible(&a.content.text)
            );
            for (key, chars) in [("hidden", &f.hidden), ("lookalikes", &f.lookalikes)] {
                if chars.is_empty() {
                    continue;
                }
                let _ = writeln!(
                    out,
                    "        {hs}{:<10}{hs:#} {} ({})",
                    term(l, key),
                    code_points(chars).join(" "),
                    term(l, &format!("{key}_what"))
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
                    "        {ks}{:<10}{ks:#} {DIM}{:<9}{DIM:#} {}",
                    label(l, "kinds", d.kind.as_str()),
                    term(l, "draft"),
                    visible(shown(&d.draft.text))
                );
                let _ = writeln!(
                    out,
                    "        {:<10} {DIM}{:<9}{DIM:#} {}  {DIM}({}){DIM:#}",
                    "",
                    term(l, "reference"),
                    visible(shown(&d.reference.text)),
                    short_document(&d.reference.document)
                );
            }
            // The closest references, each saying whether it agrees: for a
            // conflict, both sides. Each with its outlet and date, the
            // sentence it is in, and its address.
            for (k, e) in f.evidence.iter().take(3).enumerate() {
                let _ = writeln!(
                    out,
                    "        {DIM}{:<10} {} {}{} · {} {:.2}{DIM:#}",
                    if k == 0 {
                        term(l, "evidence")
                    } else {
                        String::new()
                    },
                    if e.agrees {
                        term(l, "agrees")
                    } else {
                        term(l, "differs")
                    },
                    evidence_name(e),
                    if e.wire {
                        format!(" ({})", term(l, "wire"))
                    } else {
                        String::new()
                    },
                    visible(&e.source.canonical),
                    e.similarity
                );
                if !e.context.is_empty() {
                    let _ = writeln!(out, "        {:<10} «{}»", "", visible(&e.context));
                }
                if let Some(u) = &e.url {
                    let _ = writeln!(out, "        {:<10} {DIM}{u}{DIM:#}", "");
                }
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
