//! `isnad check`: a draft's attributions against reference articles or a
//! quote archive.

use crate::cli::args::{CommonArgs, Setup};
use crate::cli::io::{emit, finish, open_for_check, read, references, warn_limits, Sink};
use crate::cli::Exit;
use isnad::archive::{display_name, ArchiveSource, ARCHIVE_DRAFTS};
use isnad::check::{counts, DraftChecker, Finding, ReferenceSource};
use isnad::input::Document;

use isnad::output::report::{self, DraftReport, Meta};
use isnad::output::{reporter_in, ReviewFormat, Summary};

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Drafts: files, directories, JSON Lines corpora, or `-` for standard
    /// input.
    #[arg(required = true, value_name = "DRAFT")]
    pub drafts: Vec<String>,
    /// Reference articles: files, directories or JSON Lines corpora
    /// (`.jsonl`, `.jsonl.gz`), read as `extract` reads them.
    #[arg(long, required_unless_present = "archive", conflicts_with = "archive", num_args = 1.., value_name = "PATH")]
    pub against: Vec<String>,
    /// A quote archive (`isnad archive add`: a file, or a `postgres://`
    /// URL) to check against instead.
    #[arg(long, value_name = "ARCHIVE")]
    pub archive: Option<String>,
    /// The draft's date (YYYY-MM-DD), over its metadata: the centre of
    /// `--window`.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<i64>,
    /// Only references published within DAYS of the draft's date decide a
    /// verdict (the date from the draft's metadata or `--date`).
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(i64).range(0..))]
    pub window: Option<i64>,
    /// Only references published on or after DATE (YYYY-MM-DD) decide a
    /// verdict.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<i64>,
    /// Only references published on or before DATE (YYYY-MM-DD) decide a
    /// verdict.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub until: Option<i64>,
    /// The desk's decisions (a file of `isnad serve`, or a `postgres://`
    /// URL): findings show them, and those marked accepted or false alarm
    /// do not fail the run (docs/review.md).
    #[arg(long, value_name = "FILE|URL")]
    pub decisions: Option<String>,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// A `YYYY-MM-DD` date as days since 1970-01-01.
fn parse_date(s: &str) -> Result<i64, String> {
    s.parse::<jiff::civil::Date>()
        .ok()
        .filter(|_| s.len() == 10)
        .and_then(|_| isnad::check::days(s))
        .ok_or_else(|| format!("{s:?} is not a date: write it YYYY-MM-DD (2018-03-05)"))
}

pub(crate) fn run(args: CheckArgs) -> anyhow::Result<Exit> {
    let c = &args.common;
    let Setup {
        mut opts,
        ids,
        engine,
        lex,
        ..
    } = c.setup()?;
    opts.window = isnad::check::Window {
        date: args.date,
        days: args.window,
        since: args.since,
        until: args.until,
    };
    if let (Some(s), Some(u)) = (args.since, args.until) {
        if s > u {
            anyhow::bail!("--since is after --until: no reference could decide anything");
        }
    }
    let (docs, mut errors) = read(&args.drafts, c.read());
    if args.window.is_some() && args.date.is_none() {
        for d in docs
            .iter()
            .filter(|d| d.date.as_deref().and_then(isnad::check::days).is_none())
        {
            eprintln!(
                "warning: {}: the draft has no date, so --window cannot bound its references; give --date YYYY-MM-DD",
                d.name()
            );
        }
    }
    // Decisions that cannot be read end the run: no report is built as
    // if nothing had been decided.
    let mut decisions = match &args.decisions {
        Some(spec) => {
            if !spec.contains("://") && !std::path::Path::new(spec).is_file() {
                anyhow::bail!(
                    "{spec}: no decisions file there (isnad serve keeps them beside its archive, docs/review.md); no report was written"
                );
            }
            Some(
                isnad::review::open(spec)
                    .map_err(|e| anyhow::anyhow!("{e}; no report was written"))?,
            )
        }
        None => None,
    };
    let read_drafts = docs.len();
    for d in &docs {
        if !d
            .text
            .chars()
            .any(|ch| matches!(ch, '\u{0621}'..='\u{064A}'))
        {
            eprintln!(
                "warning: {}: the draft has no Arabic text; isnad checks attributions in Arabic copy",
                d.name()
            );
        }
    }
    // Drafts are extracted first: an archive picks the references their
    // attributions need.
    let mut drafts = Vec::with_capacity(docs.len());
    for d in docs {
        match engine.extract_document(&d) {
            Ok(found) => {
                warn_limits(&d, &found);
                drafts.push((d, found));
            }
            Err(defect) => {
                errors += 1;
                eprintln!("error: {defect}; the draft was skipped, please report it");
            }
        }
    }
    let archive = match &args.archive {
        Some(path) => Some(open_for_check(path, c.read())?),
        None => None,
    };
    let in_memory;
    let from_archive;
    let (source, reference_docs): (&dyn ReferenceSource, usize) = match &archive {
        Some(a) => {
            from_archive = ArchiveSource {
                store: a.as_ref(),
                lex,
                batch: ARCHIVE_DRAFTS,
            };
            (&from_archive, a.documents()?)
        }
        None => {
            // No report built on references that failed to load: a
            // missing path, or paths that give no document, end the run.
            if let Some(p) = args
                .against
                .iter()
                .find(|p| p.as_str() != "-" && !std::path::Path::new(p).exists())
            {
                anyhow::bail!(
                    "{p}: no such file or directory; no report was written (--against takes reference articles: text files, a folder of them or a JSON Lines corpus)"
                );
            }
            let (refs, e) = references(&engine, &args.against, c, lex);
            if refs.docs.is_empty() {
                anyhow::bail!(
                    "{}: no reference document could be read; no report was written (give --against PATH with reference articles, or --archive ARCHIVE)",
                    if args.against.is_empty() {
                        "no --against".to_string()
                    } else {
                        args.against.join(", ")
                    }
                );
            }
            errors += e;
            in_memory = refs;
            (&in_memory, in_memory.docs.len())
        }
    };
    let mut inputs: Vec<String> = args.drafts.iter().chain(&args.against).cloned().collect();
    inputs.extend(args.archive.iter().map(|p| display_name(p)));
    let stream = c.format.stream();
    let lang = c.language();
    let rep = stream.map(|f| reporter_in(f, lang));
    let mut out = Sink::for_review(c, &inputs)?;
    // Streamed formats keep only the counts; reports keep every finding.
    let (mut verdicts, mut total, mut worst) = (counts(&[]), 0usize, None);
    let mut checked: Vec<(usize, Vec<Finding>)> = Vec::new();
    let checker = DraftChecker {
        source,
        ids: &ids,
        opts,
    };
    let finished = checker.run(&drafts, |k, found| -> anyhow::Result<bool> {
        let mut findings = match found {
            Ok(f) => f,
            Err(defect) => {
                errors += 1;
                eprintln!("error: {defect}; the draft was skipped, please report it");
                return Ok(true);
            }
        };
        for ((_, n), (_, m)) in verdicts.iter_mut().zip(counts(&findings)) {
            *n += m;
        }
        if let Some(store) = decisions.as_mut() {
            isnad::review::apply(store.as_mut(), &mut findings)
                .map_err(|e| anyhow::anyhow!("{e}; the run stopped"))?;
        }
        total += findings.len();
        // A finding the desk accepted or called a false alarm does not
        // fail the run.
        worst = worst.max(
            findings
                .iter()
                .filter(|f| f.decision.as_ref().is_none_or(|d| d.status.still_fails()))
                .map(|f| f.severity)
                .max(),
        );
        match &rep {
            Some(rep) => {
                let mut buf = Vec::new();
                rep.draft(&drafts[k].0.text, &findings, &mut buf);
                // A reader that went away (a closed pipe) ends the run.
                emit(&mut out, &buf)
            }
            None => {
                checked.push((k, findings));
                Ok(true)
            }
        }
    })?;
    if !finished {
        return Ok(Exit::of(errors, None, c.fail_on));
    }
    let buf = match &rep {
        Some(rep) => {
            let summary = Summary {
                kind: "summary",
                schema: isnad::SCHEMA,
                command: "check",
                drafts: read_drafts,
                references: reference_docs,
                attributions: total,
                verdicts,
            };
            let mut buf = Vec::new();
            rep.summary(&summary, &mut buf);
            buf
        }
        None => {
            let inputs = if args.against.is_empty() {
                args.archive.iter().map(|p| display_name(p)).collect()
            } else {
                args.against.clone()
            };
            review(
                c,
                &drafts,
                &checked,
                Meta::new(inputs, reference_docs, total),
            )
        }
    };
    finish(&mut out, &buf)?;
    out.close()?;
    Ok(Exit::of(errors, worst, c.fail_on))
}

/// The review report (HTML or Markdown) of the checked drafts.
fn review(
    c: &CommonArgs,
    drafts: &[(Document, isnad::Extraction)],
    checked: &[(usize, Vec<Finding>)],
    meta: Meta,
) -> Vec<u8> {
    let names: Vec<String> = checked.iter().map(|(k, _)| drafts[*k].0.name()).collect();
    let reports: Vec<DraftReport> = checked
        .iter()
        .zip(&names)
        .map(|((k, f), name)| DraftReport {
            name,
            text: &drafts[*k].0.text,
            findings: f,
        })
        .collect();
    let html = c.format == ReviewFormat::Html;
    report::check(html, c.language(), meta, &reports).into_bytes()
}
