//! `isnad rules [ID]`: the rules of the pack, or one rule explained with
//! its examples.

use crate::cli::args::engine;
use crate::cli::Exit;
use std::io::Write;
use std::path::PathBuf;

pub(crate) fn run(id: Option<String>, rules: Option<PathBuf>) -> anyhow::Result<Exit> {
    let engine = engine(&rules)?;
    let pack = engine.pack();
    let mut out = std::io::stdout().lock();
    match id {
        None => {
            for r in &pack.rules {
                let state = if r.enabled == Some(false) {
                    " (disabled)"
                } else {
                    ""
                };
                writeln!(
                    out,
                    "{:<18} {:<13} {}{}",
                    r.id,
                    r.kind.as_deref().unwrap_or(""),
                    r.summary.as_deref().unwrap_or(""),
                    state
                )?;
            }
            writeln!(
                out,
                "\n{} cue lemmas; `isnad rules ID` explains a rule.",
                pack.cues.len()
            )?;
            Ok(Exit::Ok)
        }
        Some(id) => {
            let Some(r) = pack.rules.iter().find(|r| r.id == id) else {
                let known: Vec<&str> = pack.rules.iter().map(|r| r.id.as_str()).collect();
                eprintln!("error: no rule `{id}`; known rules: {}", known.join(", "));
                return Ok(Exit::Error);
            };
            writeln!(out, "{}", r.id)?;
            writeln!(out, "  kind:    {}", r.kind.as_deref().unwrap_or(""))?;
            if let Some(o) = &r.opener {
                writeln!(out, "  opener:  {o}")?;
            }
            if r.enabled == Some(false) {
                writeln!(out, "  disabled by a rule pack")?;
            }
            writeln!(out, "\n{}", r.summary.as_deref().unwrap_or(""))?;
            if let Some(d) = &r.description {
                writeln!(out, "{}", d.trim())?;
            }
            if let Some(m) = r.misses.as_deref().filter(|m| !m.is_empty()) {
                writeln!(out, "\nKnown misses: {m}")?;
            }
            if !r.examples.is_empty() {
                writeln!(out, "\nExamples:")?;
                for ex in &r.examples {
                    writeln!(out, "  {}", ex.text)?;
                    match (&ex.source, &ex.content) {
                        (None, None) => writeln!(out, "    → no attribution")?,
                        (s, c) => {
                            if let Some(s) = s {
                                writeln!(out, "    source:  {s}")?;
                            }
                            if let Some(c) = c {
                                writeln!(out, "    content: {c}")?;
                            }
                        }
                    }
                }
            }
            Ok(Exit::Ok)
        }
    }
}
