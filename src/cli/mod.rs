//! The command line: argument parsing and one file per command. `main`
//! only calls [`run`] and turns its [`Exit`] into the process exit code.
//! The commands own no pipeline logic: they read arguments, call the
//! library and print what it returns.

mod archive;
mod args;
mod check;
mod crosscheck;
mod eval;
mod extract;
mod io;
mod rules;
mod serve;

use clap::{Parser, Subcommand};
use isnad::check::Severity;

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

impl Exit {
    /// The exit of a checking command: input errors first (said on
    /// standard error), then findings at or above `fail_on`.
    pub(crate) fn of(errors: usize, worst: Option<Severity>, fail_on: Severity) -> Exit {
        if errors > 0 {
            eprintln!("{errors} input error(s); the other inputs were processed");
            Exit::Error
        } else if worst.is_some_and(|w| w >= fail_on) {
            Exit::Findings
        } else {
            Exit::Ok
        }
    }
}

const AFTER_HELP: &str = "\
Exit codes:
  0  success
  1  findings at or above the failure level (checking commands)
  2  usage error, or an input that could not be read (the other inputs are still processed)

Documentation: README.md; JSON schema: docs/schema.md";

const CHECK_HELP: &str = "\
Examples:
  isnad check draft.txt --against wire/            a draft against a folder of articles
  isnad check draft.txt --archive quotes.db --date 2018-03-05 --window 30
                                                   only references within 30 days decide
  isnad check - --archive quotes.db --format json  a draft on standard input, JSON Lines out

Verdicts: verified, varied (info); reworded, unsupported (warning); altered,
misattributed, conflicting (error). docs/check.md says when each is given.

Exit codes:
  0  success
  1  findings at or above the failure level (--fail-on, error by default)
  2  usage error, or an input that could not be read (the other inputs are still processed)

Documentation: README.md; JSON schema: docs/schema.md";

const SERVE_HELP: &str = "\
Examples:
  isnad serve                                      the fixture articles, http://127.0.0.1:8080/
  isnad serve --archive quotes.db                  a quote archive; decisions in quotes.decisions.db
  isnad serve --archive quotes.db --bind 0.0.0.0:8080 --token-file token
                                                   reachable from other machines, with a token

The page is Arabic (?lang=en for English). The JSON API is described at
/api/v1/openapi.json (docs/api.md); the review workflow in docs/review.md.

Exit codes:
  0  stopped (Ctrl-C or SIGTERM)
  2  usage error, or references, decisions or the address that could not be used

Documentation: README.md";

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

#[derive(Subcommand, Debug)]
pub enum Command {
    /// List every attribution (who said what) in articles or drafts.
    #[command(after_help = AFTER_HELP)]
    Extract(extract::ExtractArgs),
    /// Check a draft's attributions against reference articles.
    #[command(after_help = CHECK_HELP)]
    Check(check::CheckArgs),
    /// Find statements that several outlets report and flag where they
    /// disagree.
    #[command(after_help = AFTER_HELP)]
    Crosscheck(crosscheck::CrosscheckArgs),
    /// List the rules, or explain one with its examples.
    Rules {
        /// A rule id (see `isnad rules`).
        id: Option<String>,
        /// A rule pack (TOML) laid over the built-in rules.
        #[arg(long, value_name = "FILE")]
        rules: Option<std::path::PathBuf>,
    },
    /// Score extraction against a gold set of real articles.
    Eval(eval::EvalArgs),
    /// Build and inspect a quote archive: reference articles extracted
    /// once, for `check --archive` and `crosscheck --archive`.
    #[command(subcommand)]
    Archive(archive::ArchiveCmd),
    /// Serve the desk's page and the JSON API: paste or upload a draft,
    /// review its findings, record decisions (docs/review.md, docs/api.md).
    #[command(after_help = SERVE_HELP)]
    Serve(serve::ServeArgs),
}

/// Parse the arguments and run. Errors that reach here are printed by
/// `main` and exit with code 2.
pub fn run() -> anyhow::Result<Exit> {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Check(args) => check::run(args),
        Command::Crosscheck(args) => crosscheck::run(args),
        Command::Rules { id, rules } => rules::run(id, rules),
        Command::Eval(args) => eval::run(args),
        Command::Archive(cmd) => archive::run(cmd),
        Command::Serve(args) => serve::run(args),
    }
}
