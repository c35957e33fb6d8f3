//! Arguments shared by several commands, and what they build: the
//! extraction engine, the inputs, the checking thresholds and aliases.

use anyhow::Context;
use clap::ValueEnum;
use isnad::check::identity::Identities;
use isnad::check::{Options, Severity};
use isnad::extract::Engine;
use isnad::input::Inputs;
use isnad::output::report::Lang;
use isnad::output::ReviewFormat;
use isnad::pack::aliases::Aliases;
use isnad::pack::CompareLexicon;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// When to colour terminal output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
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
pub(crate) fn parse_size(s: &str) -> Result<usize, String> {
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

    /// The comparison pack: the built-in one, with the `[compare]` lists
    /// of `--rules` laid over it.
    pub fn compare_lexicon(&self, engine: &Engine) -> Arc<CompareLexicon> {
        match &self.rules {
            None => CompareLexicon::builtin(),
            Some(_) => Arc::new(CompareLexicon::compile(&engine.pack().compare)),
        }
    }

    /// Worker threads: `-j N`, or every core for none or 0.
    pub fn threads(&self) -> usize {
        match self.threads.filter(|&n| n > 0) {
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }
}

pub(crate) fn engine(rules: &Option<PathBuf>) -> anyhow::Result<Engine> {
    Ok(match rules {
        Some(p) => Engine::with_user_pack(p)?,
        None => Engine::default(),
    })
}

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
    /// Language of the labels, headings and reasons of every format
    /// [default: from LC_ALL, LC_MESSAGES or LANG: English for `en…`,
    /// else Arabic].
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// Colour terminal output (`NO_COLOR` is honoured with `auto`).
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,
    /// Exit with code 1 when a finding reaches this severity.
    #[arg(long, value_enum, default_value_t = Severity::Error, value_name = "SEVERITY")]
    pub fail_on: Severity,
    #[command(flatten)]
    pub tuning: Tuning,
}

/// How references are read and compared: what `check`, `crosscheck` and
/// `serve` share.
#[derive(clap::Args, Debug)]
pub struct Tuning {
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

fn options(
    config: Option<&Path>,
    min_similarity: Option<f64>,
) -> anyhow::Result<(Options, Option<i64>)> {
    let mut o = Options::default();
    let mut window = None;
    if let Some(p) = config {
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
    if let Some(x) = min_similarity {
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

/// What `check` and `crosscheck` build from their shared arguments.
pub(crate) struct Setup {
    pub opts: Options,
    /// The config file's `window_days`, if it sets one.
    pub window: Option<i64>,
    pub ids: Identities,
    pub engine: Engine,
    pub lex: Arc<CompareLexicon>,
}

impl CommonArgs {
    /// The run's language: `--lang`, else the locale ([`Lang::choose`]).
    pub fn language(&self) -> Lang {
        Lang::from_flag_or_env(self.lang)
    }

    /// Thresholds, identities, the engine and the comparison pack, each
    /// error naming its file.
    pub(crate) fn setup(&self) -> anyhow::Result<Setup> {
        self.tuning.setup()
    }

    /// How the references are read.
    pub(crate) fn read(&self) -> &ReadArgs {
        &self.tuning.read
    }
}

impl Tuning {
    /// Thresholds, identities, the engine and the comparison pack, each
    /// error naming its file.
    pub(crate) fn setup(&self) -> anyhow::Result<Setup> {
        let (config, aliases, read) = (self.config.as_deref(), self.aliases.as_deref(), &self.read);
        let (opts, window) = options(config, self.min_similarity)?;
        let aliases = match aliases {
            Some(p) => Some(Aliases::load(p)?),
            None => None,
        };
        let engine = read.engine()?;
        // Who is who reads the titles and description words of the same
        // packs as the extraction, `--rules` included.
        let mut ids = Identities::from_pack(engine.pack());
        if let Some(a) = aliases {
            ids.add(a);
        }
        let lex = read.compare_lexicon(&engine);
        Ok(Setup {
            opts,
            window,
            ids,
            engine,
            lex,
        })
    }
}
