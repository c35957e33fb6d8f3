//! The `check` and `crosscheck` commands.

use crate::cli::{emit, finish, warn_limits, ColorWhen, Exit, ReadArgs, Sink};
use anyhow::Context;
use isnad::check::crosscheck::{crosscheck, CrossOptions};
use isnad::check::identity::Identities;
use isnad::check::{counts, Checker, Options, References, Severity, Verdict};
use isnad::extract::Engine;
use isnad::input::{Document, Item};
use isnad::output::findings::{self, Summary};
use isnad::output::report::{self, DraftReport, Lang, Meta};
use isnad::output::{Format, ReviewFormat};
use serde::Deserialize;
use std::path::PathBuf;

/// Options shared by `check` and `crosscheck`.
#[derive(clap::Args, Debug)]
pub struct CommonArgs {
    /// Output format: `html` and `markdown` are review reports for editors
    /// (docs/reports.md).
    #[arg(long, value_enum, default_value_t = ReviewFormat::Terminal)]
    pub format: ReviewFormat,
    /// Write the output to FILE instead of standard output (any format).
    /// The file appears only once complete; an input is never overwritten.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Language of a report's labels and headings.
    #[arg(long, value_enum, default_value_t = Lang::Ar)]
    pub lang: Lang,
    /// Colour terminal output (`NO_COLOR` is honoured with `auto`).
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,
    /// Exit with code 1 when a finding reaches this severity.
    #[arg(long, value_enum, default_value_t = Severity::Error, value_name = "SEVERITY")]
    pub fail_on: Severity,
    /// Content similarity (0..1) from which two attributions say the same
    /// thing [default: 0.6, or the config file's].
    #[arg(long, value_name = "X")]
    pub min_similarity: Option<f64>,
    /// A TOML file of thresholds (see docs/check.md).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// An alias pack (TOML) laid over the built-in one.
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
    #[command(flatten)]
    pub read: ReadArgs,
}

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
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(clap::Args, Debug)]
pub struct CrosscheckArgs {
    /// Articles of several outlets: files, directories or JSON Lines
    /// corpora.
    #[arg(required_unless_present = "archive", value_name = "PATH")]
    pub paths: Vec<String>,
    /// Every document of a quote archive (`isnad archive add`: a file, or
    /// a `postgres://` URL), with the PATHs if any.
    #[arg(long, value_name = "ARCHIVE")]
    pub archive: Option<String>,
    /// Days apart two reports of one statement may be published (when both
    /// dates are known).
    #[arg(long, default_value_t = 2, value_name = "DAYS")]
    pub window: i64,
    /// Show every group of outlets reporting the same statement, not only
    /// those that disagree.
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// The thresholds file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    min_similarity: Option<f64>,
    misattribution_similarity: Option<f64>,
    unknown_source_similarity: Option<f64>,
    candidates: Option<usize>,
    evidence: Option<usize>,
    window_days: Option<i64>,
}

fn options(c: &CommonArgs) -> anyhow::Result<(Options, Option<i64>)> {
    let mut o = Options::default();
    let mut window = None;
    if let Some(p) = &c.config {
        let text = std::fs::read_to_string(p)
            .with_context(|| format!("{}: cannot read the config file", p.display()))?;
        let cfg: Config =
            toml::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?;
        if let Some(x) = cfg.min_similarity {
            o.min_similarity = x;
        }
        if let Some(x) = cfg.misattribution_similarity {
            o.misattribution_similarity = x;
        }
        if let Some(x) = cfg.unknown_source_similarity {
            o.unknown_source_similarity = x;
        }
        if let Some(x) = cfg.candidates {
            o.candidates = x;
        }
        if let Some(x) = cfg.evidence {
            o.evidence = x;
        }
        window = cfg.window_days;
    }
    if let Some(x) = c.min_similarity {
        o.min_similarity = x;
    }
    for (name, x) in [
        ("min-similarity", o.min_similarity),
        ("misattribution-similarity", o.misattribution_similarity),
        ("unknown-source-similarity", o.unknown_source_similarity),
    ] {
        if !(0.0..=1.0).contains(&x) {
            anyhow::bail!("--{name} must be between 0 and 1 (got {x})");
        }
    }
    Ok((o, window))
}

fn identities(c: &CommonArgs) -> anyhow::Result<Identities> {
    Ok(match &c.aliases {
        Some(p) => Identities::with_file(p)?,
        None => Identities::default(),
    })
}

/// Read every document of `paths`, reporting input problems on standard
/// error as they come; returns the documents and the number of errors.
fn read(paths: &[String], r: &ReadArgs) -> (Vec<Document>, usize) {
    let mut docs = Vec::new();
    let mut errors = 0;
    for item in r.inputs(paths) {
        match item {
            Item::Doc(d) => docs.push(*d),
            Item::Error(e) => {
                errors += 1;
                eprintln!("error: {e}");
            }
            Item::Warning(w) => eprintln!("warning: {w}"),
            Item::Line(_) => unreachable!("lines are parsed unless deferred"),
        }
    }
    (docs, errors)
}

fn references(engine: &Engine, paths: &[String], c: &CommonArgs) -> (References, usize) {
    let mut refs = References::new();
    let errors = add_references(&mut refs, engine, paths, c);
    (refs, errors)
}

/// Read, extract and add the documents of `paths` to `refs`; returns the
/// number of errors, each reported with its document.
fn add_references(
    refs: &mut References,
    engine: &Engine,
    paths: &[String],
    c: &CommonArgs,
) -> usize {
    let (docs, mut errors) = read(paths, &c.read);
    let found = isnad::extract::extract_all(engine, &docs, c.read.threads());
    for (d, f) in docs.into_iter().zip(found) {
        match f {
            Some(f) => {
                warn_limits(&d, &f);
                refs.add(d, f)
            }
            None => {
                errors += 1;
                eprintln!(
                    "error: {}: internal error while extracting; the document was left out of the references, please report it",
                    isnad::output::doc_name(&d)
                );
            }
        }
    }
    errors
}

fn exit(errors: usize, worst: Option<Severity>, fail_on: Severity) -> Exit {
    if errors > 0 {
        eprintln!("{errors} input error(s); the other inputs were processed");
        Exit::Error
    } else if worst.is_some_and(|w| w >= fail_on) {
        Exit::Findings
    } else {
        Exit::Ok
    }
}

/// Drafts checked together against an archive: enough to share the
/// archive's round trips, few enough that the references they need stay
/// small.
const ARCHIVE_DRAFTS: usize = 25;

pub fn check(args: CheckArgs) -> anyhow::Result<Exit> {
    let c = &args.common;
    let (opts, _) = options(c)?;
    let ids = identities(c)?;
    let engine = c.read.engine()?;
    let (drafts, mut errors) = read(&args.drafts, &c.read);
    // Drafts are extracted first: an archive picks the references their
    // attributions need.
    let extracted: Vec<Option<isnad::extract::Extraction>> = drafts
        .iter()
        .map(|d| {
            let found =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| engine.extract(&d.text)))
                    .ok();
            if let Some(f) = &found {
                warn_limits(d, f);
            }
            found
        })
        .collect();
    // With an archive, drafts are checked a batch at a time, each batch
    // with only the references its attributions need, so that memory stays
    // flat however many drafts a run checks.
    let archive = match &args.archive {
        Some(path) => Some(crate::cli::archive::open_for_check(path, &c.read)?),
        None => None,
    };
    let (in_memory, reference_docs) = match &archive {
        Some(a) => (None, a.documents()?),
        None => {
            let (refs, e) = references(&engine, &args.against, c);
            errors += e;
            let n = refs.docs.len();
            (Some(refs), n)
        }
    };
    let mut inputs: Vec<String> = args.drafts.iter().chain(&args.against).cloned().collect();
    inputs.extend(args.archive.iter().map(|p| isnad::archive::display_name(p)));
    let stream = c.format.stream();
    let mut out = Sink::open(
        c.output.as_deref(),
        stream == Some(Format::Terminal),
        c.color,
        &inputs,
    )?;
    // Streamed formats keep only the counts; reports keep every finding.
    let (mut verdicts, mut total, mut worst) = (counts(&[]), 0usize, None);
    let mut checked_drafts: Vec<(usize, Vec<isnad::check::Finding>)> = Vec::new();
    let batch = if archive.is_some() {
        ARCHIVE_DRAFTS
    } else {
        drafts.len().max(1)
    };
    for first in (0..drafts.len()).step_by(batch) {
        let range = first..(first + batch).min(drafts.len());
        let from_archive;
        let refs = match (&archive, &in_memory) {
            (Some(a), _) => {
                let terms: Vec<Vec<String>> = range
                    .clone()
                    .filter_map(|k| extracted[k].as_ref().map(|f| (&drafts[k], f)))
                    .flat_map(|(d, f)| {
                        f.attributions
                            .iter()
                            .map(|a| isnad::check::index_terms(&d.text, a).unwrap_or_default())
                    })
                    .collect();
                from_archive = a.references_for(&terms, opts.candidates)?;
                &from_archive
            }
            (None, Some(refs)) => refs,
            (None, None) => unreachable!("references are in memory without an archive"),
        };
        let checker = Checker {
            refs,
            ids: &ids,
            opts,
        };
        for k in range {
            let d = &drafts[k];
            // A defect while checking one draft is reported and the other
            // drafts are still checked.
            let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let found = extracted[k].as_ref().expect("extracted");
                checker.check(d, found)
            }));
            let Ok(findings) = checked else {
                errors += 1;
                eprintln!(
                    "error: {}: internal error while checking; the draft was skipped, please report it",
                    isnad::output::doc_name(d)
                );
                continue;
            };
            for ((_, n), (_, m)) in verdicts.iter_mut().zip(counts(&findings)) {
                *n += m;
            }
            total += findings.len();
            worst = worst.max(findings.iter().map(|f| f.severity).max());
            match stream {
                Some(format) => {
                    let mut buf = Vec::new();
                    findings::draft(format, &d.text, &findings, &mut buf);
                    if !emit(&mut out, &buf)? {
                        return Ok(exit(errors, None, c.fail_on));
                    }
                }
                None => checked_drafts.push((k, findings)),
            }
        }
    }
    let mut buf = Vec::new();
    match stream {
        Some(format) => {
            let summary = Summary {
                kind: "summary",
                schema: isnad::SCHEMA,
                command: "check",
                drafts: drafts.len(),
                references: reference_docs,
                attributions: total,
                verdicts,
            };
            findings::summary(format, &summary, &mut buf);
        }
        None => {
            let names: Vec<String> = checked_drafts
                .iter()
                .map(|(k, _)| isnad::output::doc_name(&drafts[*k]))
                .collect();
            let reports: Vec<DraftReport> = checked_drafts
                .iter()
                .zip(&names)
                .map(|((k, f), name)| DraftReport {
                    name,
                    text: &drafts[*k].text,
                    findings: f,
                })
                .collect();
            let inputs = if args.against.is_empty() {
                args.archive
                    .iter()
                    .map(|p| isnad::archive::display_name(p))
                    .collect()
            } else {
                args.against.clone()
            };
            let meta = Meta::new(inputs, reference_docs, total);
            let html = c.format == ReviewFormat::Html;
            buf = report::check(html, c.lang, meta, &reports).into_bytes();
        }
    }
    finish(&mut out, &buf)?;
    out.close()?;
    Ok(exit(errors, worst, c.fail_on))
}

pub fn crosscheck_cmd(args: CrosscheckArgs) -> anyhow::Result<Exit> {
    let c = &args.common;
    let (opts, window) = options(c)?;
    let ids = identities(c)?;
    let engine = c.read.engine()?;
    let (refs, errors) = match &args.archive {
        Some(path) => {
            let a = crate::cli::archive::open_for_check(path, &c.read)?;
            let mut refs = a.references_all()?;
            let errors = add_references(&mut refs, &engine, &args.paths, c);
            (refs, errors)
        }
        None => references(&engine, &args.paths, c),
    };
    let copts = CrossOptions {
        check: opts,
        window_days: window.unwrap_or(args.window),
        ..CrossOptions::default()
    };
    let groups = crosscheck(&refs, &ids, &copts, args.all);
    let mut inputs = args.paths.clone();
    inputs.extend(args.archive.iter().map(|p| isnad::archive::display_name(p)));
    let stream = c.format.stream();
    let mut out = Sink::open(
        c.output.as_deref(),
        stream == Some(Format::Terminal),
        c.color,
        &inputs,
    )?;
    let mut buf = Vec::new();
    match stream {
        Some(format) => {
            for g in &groups {
                findings::group(format, g, &mut buf);
            }
            let summary = Summary {
                kind: "summary",
                schema: isnad::SCHEMA,
                command: "crosscheck",
                drafts: 0,
                references: refs.docs.len(),
                attributions: refs.len(),
                verdicts: Verdict::ALL
                    .iter()
                    .map(|&v| (v, groups.iter().filter(|g| g.verdict == v).count()))
                    .collect(),
            };
            findings::summary(format, &summary, &mut buf);
        }
        None => {
            let meta = Meta::new(inputs.clone(), refs.docs.len(), refs.len());
            let html = c.format == ReviewFormat::Html;
            buf = report::crosscheck(html, c.lang, meta, &groups).into_bytes();
        }
    }
    finish(&mut out, &buf)?;
    out.close()?;
    let worst = groups.iter().map(|g| g.severity).max();
    Ok(exit(errors, worst, c.fail_on))
}
