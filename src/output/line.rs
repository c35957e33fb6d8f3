//! `--format line`: one stable, colourless line per attribution, per
//! finding and per crosscheck group, for `grep`, diffs and snapshots.
//!
//! ```text
//! PATH[#ID]:LINE:COL: ID RULE MODE LEMMA/STANCE source=KIND/RESOLUTION "TEXT" => "CANONICAL" content="…" [addressee="…"] [time="…"] [channel="…"] [nested_in=ID] [unclosed]
//! ```
//!
//! A finding's line ends with its first evidence (`evidence=DOC#ID`, its
//! `outlet`, `date` and `url` when known and the `context` sentence) and
//! its `reason`, the one field in the run's language:
//!
//! ```text
//! DRAFT:LINE:COL: VERDICT SEVERITY ID source="…" cue=LEMMA content="…" [speaker=unconfirmed] [KIND="DRAFT"->"REFERENCE" …] [evidence=DOC#ID [outlet="…"] [date="…"] [url="…"] [context="…"]] [decision=STATUS] reason="…"
//! ```
//!
//! LINE and COL (1-based, COL in characters) locate the cue. Line breaks
//! inside a text are written `\n`, so every record is one line.

use super::{code_points, marked_chars, summary_line, Reporter, Summary};
use crate::check::{Finding, Group};
use crate::extract::attribution::Piece;
use crate::extract::Extraction;
use crate::input::Document;
use crate::text::LineIndex;
use std::io::Write;

/// Escape a text for a one-line record.
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\t' => o.push_str("\\t"),
            '\\' => o.push_str("\\\\"),
            '"' => o.push_str("\\\""),
            c if crate::text::normalize::is_hidden(c) => {
                o.push_str(&format!("\\u{{{:04x}}}", c as u32))
            }
            c => o.push(c),
        }
    }
    o
}

fn field(out: &mut Vec<u8>, name: &str, p: &Option<Piece>) {
    if let Some(p) = p {
        let _ = write!(out, " {name}=\"{}\"", escape(&p.text));
    }
}

/// The line reporter: its keys and values are the JSON names whatever the
/// language; only a finding's `reason` is in `lang`.
pub struct Line {
    pub lang: super::report::Lang,
}

impl Reporter for Line {
    fn document(&self, doc: &Document, found: &Extraction, out: &mut Vec<u8>) {
        let name = doc.name();
        let idx = LineIndex::new(&doc.text);
        for a in &found.attributions {
            let (l, c) = idx.line_col(&doc.text, a.cue.span[0]);
            let _ = write!(
                out,
                "{name}:{l}:{c}: {} {} {} {}/{} source={}/{} \"{}\" => \"{}\" content=\"{}\"",
                a.id,
                a.rule,
                a.mode.as_str(),
                a.cue.lemma,
                a.cue.stance.as_str(),
                a.source.kind.as_str(),
                a.source.resolution.as_str(),
                escape(&a.source.text),
                escape(&a.source.canonical),
                escape(&a.content.text),
            );
            field(out, "addressee", &a.addressee);
            field(out, "time", &a.time);
            field(out, "channel", &a.channel);
            if let Some(n) = &a.nested_in {
                let _ = write!(out, " nested_in={n}");
            }
            if a.unclosed {
                out.extend_from_slice(b" unclosed");
            }
            out.push(b'\n');
        }
        for q in &found.unattributed {
            let (l, c) = idx.line_col(&doc.text, q.span[0]);
            let _ = writeln!(
                out,
                "{name}:{l}:{c}: unattributed-quote \"{}\"",
                escape(&q.text)
            );
        }
    }

    fn draft(&self, text: &str, findings: &[Finding], out: &mut Vec<u8>) {
        let idx = LineIndex::new(text);
        for f in findings {
            finding(self.lang, f, &idx, text, out);
        }
    }

    fn group(&self, g: &Group, out: &mut Vec<u8>) {
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

    fn summary(&self, summary: &Summary, out: &mut Vec<u8>) {
        // A stable record: the summary's words stay the JSON names.
        summary_line(super::report::Lang::En, summary, out);
    }
}

fn finding(lang: super::report::Lang, f: &Finding, idx: &LineIndex, text: &str, out: &mut Vec<u8>) {
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
    // A confirmation from a speaker that cannot be told apart says so.
    if f.unconfirmed_speaker() {
        let _ = write!(out, " speaker=unconfirmed");
    }
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
        for (name, v) in [("outlet", &e.outlet), ("date", &e.date), ("url", &e.url)] {
            if let Some(v) = v {
                let _ = write!(out, " {name}=\"{}\"", escape(v));
            }
        }
        if !e.context.is_empty() {
            let _ = write!(out, " context=\"{}\"", escape(&e.context));
        }
    }
    if let Some(d) = &f.decision {
        let _ = write!(out, " decision={}", d.status.as_str());
    }
    let _ = write!(
        out,
        " reason=\"{}\"",
        escape(&super::reason::reason(f, lang))
    );
    out.push(b'\n');
}
