//! Rendering the findings of `isnad check` and the groups of `isnad
//! crosscheck` in the three formats of `extract`: `json` (the contract in
//! `docs/schema.md`), `line` (one stable line per finding) and `terminal`
//! (grouped by verdict, coloured).

use super::line::escape;
use super::{Format, LineIndex};
use crate::check::crosscheck::Group;
use crate::check::{Finding, HiddenChar, Verdict};
use crate::text::normalize::visible;
use anstyle::{AnsiColor, Style};
use serde::Serialize;
use std::io::Write;

const HEAD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();

fn verdict_style(v: Verdict) -> Style {
    match v {
        Verdict::Verified => AnsiColor::Green.on_default().bold(),
        Verdict::Varied => AnsiColor::Cyan.on_default().bold(),
        Verdict::Unsupported => AnsiColor::Yellow.on_default().bold(),
        _ => AnsiColor::Red.on_default().bold(),
    }
}

/// The closing summary of a run.
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

fn to_json<T: Serialize>(v: &T, out: &mut Vec<u8>) {
    serde_json::to_writer(&mut *out, v).expect("serialisable record");
    out.push(b'\n');
}

/// Render the findings of one draft. `text` is the draft's text, for line
/// and column numbers.
pub fn draft(format: Format, text: &str, findings: &[Finding], out: &mut Vec<u8>) {
    match format {
        Format::Json => findings.iter().for_each(|f| to_json(f, out)),
        Format::Line => {
            let idx = LineIndex::new(text);
            for f in findings {
                line(f, &idx, text, out);
            }
        }
        Format::Terminal => terminal(text, findings, out),
    }
}

fn line(f: &Finding, idx: &LineIndex, text: &str, out: &mut Vec<u8>) {
    let a = &f.attribution;
    let (l, c) = idx.line_col(text, a.cue.span[0]);
    let _ = write!(
        out,
        "{}:{l}:{c}: {} {} {} source=\"{}\" cue={} content=\"{}\"",
        f.draft,
        f.verdict.as_str(),
        f.severity.as_str(),
        a.id,
        escape(&a.source.canonical),
        a.cue.lemma,
        escape(&a.content.text)
    );
    for d in &f.differences {
        let _ = write!(
            out,
            " {}=\"{}\"->\"{}\"",
            d.kind.as_str(),
            escape(&d.draft.text),
            escape(&d.reference.text)
        );
    }
    for (name, chars, _) in marked_chars(f) {
        let _ = write!(out, " {name}={}", code_points(chars).join(","));
    }
    if let Some(e) = f.evidence.first() {
        let _ = write!(out, " evidence={}#{}", e.document, e.attribution);
    }
    out.push(b'\n');
}

fn terminal(text: &str, findings: &[Finding], out: &mut Vec<u8>) {
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

/// Render one crosscheck group.
pub fn group(format: Format, g: &Group, out: &mut Vec<u8>) {
    match format {
        Format::Json => to_json(g, out),
        Format::Line => {
            let _ = write!(
                out,
                "group {} {} {}",
                g.id,
                g.verdict.as_str(),
                escape(&g.source)
            );
            for m in &g.members {
                let _ = write!(
                    out,
                    " {}#{}=\"{}\"",
                    m.document,
                    m.attribution,
                    escape(&m.content.text)
                );
            }
            for d in &g.differences {
                let _ = write!(
                    out,
                    " {}:{}#{}=\"{}\"/{}#{}=\"{}\"",
                    d.kind.as_str(),
                    d.a.document,
                    d.a.attribution,
                    escape(&d.a.text),
                    d.b.document,
                    d.b.attribution,
                    escape(&d.b.text)
                );
            }
            out.push(b'\n');
        }
        Format::Terminal => {
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
    }
}

/// Render the closing summary.
pub fn summary(format: Format, s: &Summary, out: &mut Vec<u8>) {
    match format {
        Format::Json => to_json(s, out),
        Format::Line | Format::Terminal => {
            let counts: Vec<String> = s
                .verdicts
                .iter()
                .map(|(v, n)| format!("{} {n}", v.as_str()))
                .collect();
            let _ = writeln!(
                out,
                "{} draft(s), {} reference document(s), {} attribution(s): {}",
                s.drafts,
                s.references,
                s.attributions,
                counts.join(", ")
            );
        }
    }
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
