//! The command line: argument parsing and the commands. `main` only calls
//! [`run`] and turns its [`Exit`] into the process exit code.

mod archive;
mod check;
mod eval;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use isnad::extract::Engine;
use isnad::input::{Inputs, Item};
use isnad::output::{reporter, Format};
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

/// Exit codes, the same for every command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything was read and nothing reached the failure level.
    Ok = 0,
    /// Findings at or above the chosen level (checking commands).
    Findings = 1,
    /// A usage error, or an input that could not be read.
    Error = 2,
}

const AFTER_HELP: &str = "\
Exit codes:
  0  success
  1  findings at or above the failure level (checking commands)
  2  usage error, or an input that could not be read (the other inputs are still processed)

Documentation: README.md; JSON schema: docs/schema.md";

#[derive(Parser, Debug)]
#[command(
    name = "isnad",
    version,
    about = "Find and verify quotes and attributions in Arabic news copy",
    after_help = AFTER_HELP
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// When to colour terminal output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// List every attribution (who said what) in articles or drafts.
    #[command(after_help = AFTER_HELP)]
    Extract(ExtractArgs),
    /// Check a draft's attributions against reference articles.
    #[command(after_help = AFTER_HELP)]
    Check(crate::cli::check::CheckArgs),
    /// Find statements that several outlets report and flag where they
    /// disagree.
    #[command(after_help = AFTER_HELP)]
    Crosscheck(crate::cli::check::CrosscheckArgs),
    /// List the rules, or explain one with its examples.
    Rules {
        /// A rule id (see `isnad rules`).
        id: Option<String>,
        /// A rule pack (TOML) laid over the built-in rules.
        #[arg(long, value_name = "FILE")]
        rules: Option<PathBuf>,
    },
    /// Score extraction against a gold set of real articles.
    Eval(eval::EvalArgs),
    /// Build and inspect a quote archive: reference articles extracted
    /// once, for `check --archive` and `crosscheck --archive`.
    #[command(subcommand)]
    Archive(crate::cli::archive::ArchiveCmd),
}

#[derive(clap::Args, Debug)]
pub struct ExtractArgs {
    /// Files, directories (*.txt, *.md, *.jsonl, *.jsonl.gz, walked in
    /// sorted order), JSON Lines corpora, or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Terminal)]
    pub format: Format,
    /// Colour terminal output (`NO_COLOR` is honoured with `auto`).
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,
    #[command(flatten)]
    pub read: ReadArgs,
    /// Print throughput figures to standard error at the end.
    #[arg(long)]
    pub stats: bool,
}

/// How documents are read and extracted: shared by every command that
/// reads articles.
#[derive(clap::Args, Debug)]
pub struct ReadArgs {
    /// A rule pack (TOML) laid over the built-in rules.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// Replace invalid UTF-8 with U+FFFD (with a warning) instead of
    /// rejecting the input.
    #[arg(long)]
    pub lossy: bool,
    /// Worker threads (default, or 0: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// Refuse a document (a file, standard input or a corpus line) larger
    /// than this, with an error naming it; the rest of the run goes on.
    /// Takes K, M and G suffixes (powers of 1024).
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    pub max_doc_bytes: usize,
    /// Leave out a content (quote or reported speech) longer than this
    /// many characters, with a warning that says where.
    #[arg(long, value_name = "N", default_value_t = isnad::extract::MAX_QUOTE_CHARS)]
    pub max_quote_chars: usize,
}

/// A size in bytes: `1000`, `64K`, `64M`, `2G` (powers of 1024).
fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let (digits, shift) = match t.char_indices().last() {
        Some((i, 'k' | 'K')) => (&t[..i], 10),
        Some((i, 'm' | 'M')) => (&t[..i], 20),
        Some((i, 'g' | 'G')) => (&t[..i], 30),
        _ => (t, 0),
    };
    let n: usize = digits
        .parse()
        .map_err(|_| format!("{s:?} is not a size: write a number with an optional K, M or G"))?;
    n.checked_mul(1 << shift)
        .ok_or_else(|| format!("{s:?} is too large"))
}

impl ReadArgs {
    /// The extraction engine: the built-in rules, with `--rules` over
    /// them, and the limits of `--max-quote-chars`.
    pub fn engine(&self) -> anyhow::Result<Engine> {
        Ok(engine(&self.rules)?.with_limits(isnad::extract::Limits {
            max_quote_chars: self.max_quote_chars,
        }))
    }

    /// The documents of `paths`, read with `--lossy` and `--max-doc-bytes`.
    pub fn inputs(&self, paths: &[String]) -> Inputs {
        Inputs::new(paths.iter().cloned(), self.lossy).max_doc_bytes(self.max_doc_bytes)
    }

    /// Worker threads: `-j N`, or every core for none or 0.
    pub fn threads(&self) -> usize {
        match self.threads.filter(|&n| n > 0) {
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }
}

/// Parse the arguments and run. Errors that reach here are printed by
/// `main` and exit with code 2.
pub fn run() -> anyhow::Result<Exit> {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => extract(args),
        Command::Check(args) => crate::cli::check::check(args),
        Command::Crosscheck(args) => crate::cli::check::crosscheck_cmd(args),
        Command::Rules { id, rules } => rules_cmd(id, rules),
        Command::Eval(args) => eval::run(args),
        Command::Archive(cmd) => crate::cli::archive::run(cmd),
    }
}

fn engine(rules: &Option<PathBuf>) -> anyhow::Result<Engine> {
    Ok(match rules {
        Some(p) => Engine::with_user_pack(p)?,
        None => Engine::default(),
    })
}

/// What an extraction left out at a limit, one sentence each, naming the
/// document, line and column.
pub fn limit_warnings(doc: &isnad::input::Document, found: &isnad::Extraction) -> Vec<String> {
    if found.over_limit.is_empty() {
        return Vec::new();
    }
    let lines = isnad::output::LineIndex::new(&doc.text);
    let name = isnad::output::doc_name(doc);
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

/// Say on standard error what an extraction left out at a limit.
pub(crate) fn warn_limits(doc: &isnad::input::Document, found: &isnad::Extraction) {
    for w in limit_warnings(doc, found) {
        eprintln!("warning: {w}");
    }
}

/// What a worker made of one input item, in input order.
enum Done {
    /// A document: its rendered output and number of attributions.
    Doc {
        out: Vec<u8>,
        bytes: usize,
        attributions: usize,
        /// What the extraction left out at a limit.
        warnings: Vec<String>,
    },
    /// A defect stopped the extraction of this document.
    Defect {
        name: String,
        why: String,
    },
    Error(String),
    Warning(String),
}

/// Items per unit of work. Small enough that the workers stay evenly
/// busy and a stream is answered soon; large enough that handing work
/// out costs nothing measurable.
const BATCH_ITEMS: usize = 64;
const BATCH_BYTES: usize = 1 << 20;

/// Standard output for a format: colours handled (and stripped when
/// `--color`/`NO_COLOR` say so) for the terminal format, a large buffer for
/// the others.
pub(crate) fn stdout(format: Format, color: ColorWhen) -> Box<dyn Write> {
    if format == Format::Terminal {
        Box::new(anstream::AutoStream::new(
            std::io::stdout().lock(),
            color_choice(color),
        ))
    } else {
        Box::new(std::io::BufWriter::with_capacity(
            1 << 16,
            std::io::stdout().lock(),
        ))
    }
}

/// Where a run's output goes: standard output, or the file of `-o`, written
/// beside its final name and moved there only when complete (an
/// interrupted run leaves no half report, and an old report stays whole).
pub(crate) enum Sink {
    Stdout(Box<dyn Write>),
    File {
        w: std::io::BufWriter<tempfile::NamedTempFile>,
        path: std::path::PathBuf,
        /// Terminal styling is kept only with `--color always`.
        strip: bool,
    },
}

impl Sink {
    /// Standard output, or `path`, which must not be one of the `inputs`.
    pub(crate) fn open(
        path: Option<&std::path::Path>,
        terminal: bool,
        color: ColorWhen,
        inputs: &[String],
    ) -> anyhow::Result<Sink> {
        let Some(path) = path else {
            return Ok(Sink::Stdout(stdout(
                if terminal {
                    Format::Terminal
                } else {
                    Format::Json
                },
                color,
            )));
        };
        if path.as_os_str() == "-" {
            return Sink::open(None, terminal, color, inputs);
        }
        if let Ok(out) = path.canonicalize() {
            for i in inputs {
                if std::path::Path::new(i)
                    .canonicalize()
                    .is_ok_and(|p| p == out)
                {
                    anyhow::bail!(
                        "{}: the output file is also an input; choose another name for -o",
                        path.display()
                    );
                }
            }
            if out.is_dir() {
                anyhow::bail!("{}: is a directory; -o takes a file name", path.display());
            }
        }
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => std::path::Path::new("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".isnad-")
            .suffix(".part")
            .tempfile_in(dir)
            .with_context(|| format!("{}: cannot create the output file", path.display()))?;
        Ok(Sink::File {
            w: std::io::BufWriter::with_capacity(1 << 16, tmp),
            path: path.to_path_buf(),
            strip: color != ColorWhen::Always,
        })
    }

    /// Flush, and move a file into place.
    pub(crate) fn close(self) -> anyhow::Result<()> {
        match self {
            Sink::Stdout(_) => Ok(()),
            Sink::File { w, path, .. } => {
                let tmp = w
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .with_context(|| format!("{}: cannot write the output file", path.display()))?;
                tmp.persist(&path)
                    .map_err(|e| e.error)
                    .with_context(|| format!("{}: cannot write the output file", path.display()))?;
                Ok(())
            }
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Stdout(w) => w.write(buf),
            Sink::File { w, strip, .. } => {
                if *strip {
                    w.write_all(&anstream::adapter::strip_bytes(buf).into_vec())?;
                } else {
                    w.write_all(buf)?;
                }
                Ok(buf.len())
            }
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match self {
            Sink::Stdout(w) => w.write_all(buf),
            Sink::File { .. } => self.write(buf).map(|_| ()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(w) => w.flush(),
            Sink::File { w, .. } => w.flush(),
        }
    }
}

/// Write, treating a closed pipe as the reader having seen enough:
/// `false` when the reader is gone.
pub(crate) fn emit(out: &mut dyn Write, buf: &[u8]) -> anyhow::Result<bool> {
    match out.write_all(buf) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(e).context("cannot write the output"),
    }
}

/// Write the last bytes of a run and flush, a closed pipe being no error.
pub(crate) fn finish(out: &mut dyn Write, buf: &[u8]) -> anyhow::Result<()> {
    if emit(out, buf)? {
        if let Err(e) = out.flush() {
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                return Err(e).context("cannot write the output");
            }
        }
    }
    Ok(())
}

fn color_choice(c: ColorWhen) -> anstream::ColorChoice {
    match c {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    }
}

/// Parse and extract one batch on a worker thread.
fn work(
    engine: &Engine,
    rep: &dyn isnad::output::Reporter,
    lossy: bool,
    batch: Vec<Item>,
) -> Vec<Done> {
    let mut done = Vec::with_capacity(batch.len());
    let mut docs = Vec::new();
    for item in batch {
        match item {
            Item::Line(line) => line.parse(lossy, &mut |i| docs.push(i)),
            other => docs.push(other),
        }
        for item in docs.drain(..) {
            done.push(match item {
                Item::Doc(d) => {
                    // A defect in a rule must not cost the rest of the run:
                    // the document is reported as an error and the others
                    // go on.
                    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        let found = engine.extract(&d.text);
                        let mut out = Vec::new();
                        rep.document(&d, &found, &mut out);
                        (out, found.attributions.len(), limit_warnings(&d, &found))
                    })) {
                        Ok((out, attributions, warnings)) => Done::Doc {
                            out,
                            bytes: d.text.len(),
                            attributions,
                            warnings,
                        },
                        Err(p) => Done::Defect {
                            name: isnad::output::doc_name(&d),
                            why: p
                                .downcast_ref::<&str>()
                                .map(|s| s.to_string())
                                .or_else(|| p.downcast_ref::<String>().cloned())
                                .unwrap_or_default(),
                        },
                    }
                }
                Item::Error(e) => Done::Error(e.to_string()),
                Item::Warning(w) => Done::Warning(w),
                Item::Line(_) => unreachable!("a parsed line is never a line"),
            });
        }
    }
    done
}

fn extract(args: ExtractArgs) -> anyhow::Result<Exit> {
    let engine = args.read.engine()?;
    // -j 0, like no -j at all, means every core.
    let threads = args.read.threads();
    let rep = reporter(args.format);
    // Only the terminal format has colours to strip; the others go straight
    // to a buffered standard output.
    let mut out = stdout(args.format, args.color);
    let started = Instant::now();
    let (mut docs, mut bytes, mut attributions, mut errors) = (0usize, 0usize, 0usize, 0usize);
    // A reader thread decompresses and splits the input into numbered
    // batches; the workers parse and extract them as they come, without
    // waiting for each other; this thread writes the results in input
    // order. At most `ahead` batches are between the reader and the
    // writer, so memory stays bounded whatever the input.
    let ahead = threads * 4;
    let (work_tx, work_rx) = std::sync::mpsc::sync_channel::<(usize, Vec<Item>)>(ahead);
    let work_rx = std::sync::Mutex::new(work_rx);
    let (done_tx, done_rx) = std::sync::mpsc::channel::<(usize, Vec<Done>)>();
    let (permit_tx, permit_rx) = std::sync::mpsc::sync_channel::<()>(ahead);
    let lossy = args.read.lossy;
    let inputs = args.read.inputs(&args.paths);
    let outcome = std::thread::scope(|scope| -> anyhow::Result<Option<Exit>> {
        scope.spawn(move || {
            let mut inputs = inputs.deferred().into_iter();
            for seq in 0.. {
                let mut batch = Vec::new();
                let mut size = 0;
                for item in inputs.by_ref() {
                    size += match &item {
                        Item::Doc(d) => d.text.len(),
                        Item::Line(l) => l.bytes.len(),
                        _ => 0,
                    };
                    batch.push(item);
                    if batch.len() >= BATCH_ITEMS || size >= BATCH_BYTES {
                        break;
                    }
                }
                // An empty batch means the input is done; a failed send
                // means the writer stopped (a closed pipe).
                if batch.is_empty()
                    || permit_tx.send(()).is_err()
                    || work_tx.send((seq, batch)).is_err()
                {
                    break;
                }
            }
        });
        for _ in 0..threads {
            let (work_rx, done_tx, engine, rep) = (&work_rx, done_tx.clone(), &engine, &*rep);
            scope.spawn(move || loop {
                let next = work_rx
                    .lock()
                    .map_err(|_| ())
                    .and_then(|rx| rx.recv().map_err(|_| ()));
                let Ok((seq, batch)) = next else { break };
                if done_tx
                    .send((seq, work(engine, rep, lossy, batch)))
                    .is_err()
                {
                    break;
                }
            });
        }
        drop(done_tx);
        // Owned here, so that an early return (a closed pipe) drops it and
        // stops the reader.
        let permit_rx = permit_rx;
        let mut waiting = std::collections::BTreeMap::new();
        let mut next = 0usize;
        for (seq, done) in done_rx {
            waiting.insert(seq, done);
            while let Some(batch) = waiting.remove(&next) {
                next += 1;
                // The reader may now go one batch further.
                let _ = permit_rx.try_recv();
                for d in batch {
                    match d {
                        Done::Doc {
                            out: buf,
                            bytes: b,
                            attributions: n,
                            warnings,
                        } => {
                            for w in warnings {
                                eprintln!("warning: {w}");
                            }
                            docs += 1;
                            bytes += b;
                            attributions += n;
                            if !emit(&mut *out, &buf)? {
                                return Ok(Some(if errors > 0 { Exit::Error } else { Exit::Ok }));
                            }
                        }
                        Done::Defect { name, why } => {
                            errors += 1;
                            eprintln!(
                                "error: {name}: internal error while extracting ({why}); the document was skipped, please report it"
                            );
                        }
                        Done::Error(e) => {
                            errors += 1;
                            eprintln!("error: {e}");
                        }
                        Done::Warning(w) => eprintln!("warning: {w}"),
                    }
                }
            }
        }
        Ok(None)
    })?;
    if let Some(exit) = outcome {
        return Ok(exit);
    }
    let mut tail = Vec::new();
    rep.finish(docs, attributions, &mut tail);
    finish(&mut *out, &tail)?;
    if args.stats {
        let secs = started.elapsed().as_secs_f64();
        let mb = bytes as f64 / 1e6;
        eprintln!(
            "stats: {docs} documents, {attributions} attributions, {mb:.1} MB in {secs:.2} s on {threads} thread(s): {:.1} MB/s, {:.0} documents/s",
            mb / secs,
            docs as f64 / secs
        );
    }
    if errors > 0 {
        eprintln!("{errors} input error(s); the other inputs were processed");
        return Ok(Exit::Error);
    }
    Ok(Exit::Ok)
}

fn rules_cmd(id: Option<String>, rules: Option<PathBuf>) -> anyhow::Result<Exit> {
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
