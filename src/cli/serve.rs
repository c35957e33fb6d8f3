//! `isnad serve`: the desk's page and JSON API (docs/api.md,
//! docs/review.md). The server itself is the binary's `server` module;
//! this file reads the arguments and loads the references.

use crate::cli::args::{parse_size, Setup, Tuning};
use crate::cli::io::add_references;
use crate::cli::Exit;
use crate::server::{serve, App, Checking, Limits, Refs};
use isnad::archive::display_name;
use isnad::check::References;
use isnad::output::report::Lang;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// A quote archive (a file or a `postgres://` URL) to check against.
    #[arg(long, value_name = "ARCHIVE", conflicts_with = "against")]
    pub archive: Option<String>,
    /// Reference articles (files, directories, JSON Lines corpora), read
    /// once at start. With neither this nor --archive, the fixture
    /// articles built into isnad.
    #[arg(long, num_args = 1.., value_name = "PATH")]
    pub against: Vec<String>,
    /// The address to listen on. Anything but loopback needs --token-file.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// A file holding the access token (at least 16 characters) that every
    /// request must carry: `Authorization: Bearer TOKEN`, or the page's
    /// sign-in.
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// Where decisions and reviewed drafts are kept: a SQLite file or a
    /// `postgres://` URL [default: beside a file archive
    /// (NAME.decisions.db), in a PostgreSQL archive's database, else
    /// isnad-decisions.db here].
    #[arg(long, value_name = "FILE|URL")]
    pub decisions: Option<String>,
    /// The pages' language when a request does not ask (`?lang=`)
    /// [default: from LANG, else Arabic].
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// The largest request body (K, M, G suffixes).
    #[arg(long, value_name = "SIZE", default_value = "8M", value_parser = parse_size)]
    pub max_body: usize,
    /// The longest draft, in characters.
    #[arg(long, value_name = "N", default_value_t = 200_000)]
    pub max_draft_chars: usize,
    /// Checks running at once [default: the number of cores].
    #[arg(long, value_name = "N")]
    pub max_checks: Option<usize>,
    /// Checks waiting for their turn; beyond, the server answers 503 at
    /// once.
    #[arg(long, value_name = "N", default_value_t = 32)]
    pub max_queue: usize,
    /// The longest one check may take, in seconds (503 beyond).
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub check_timeout: u64,
    #[command(flatten)]
    pub tuning: Tuning,
}

/// The token of `--token-file`: its first line, trimmed.
fn token(path: &Path) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("{}: cannot read the token file: {e}", path.display()))?;
    let t = text.lines().next().unwrap_or("").trim().to_string();
    if t.chars().count() < 16 || t.chars().any(|c| c.is_whitespace() || c == ';') {
        anyhow::bail!(
            "{}: the token must be one line of at least 16 characters, without spaces or `;` (make one with `head -c 24 /dev/urandom | base64 > {}`)",
            path.display(),
            path.display()
        );
    }
    Ok(t)
}

/// Where decisions go when `--decisions` is not given.
fn default_decisions(archive: Option<&str>) -> String {
    match archive {
        Some(a) if a.starts_with("postgres://") || a.starts_with("postgresql://") => a.to_string(),
        Some(a) => {
            let p = Path::new(a);
            let stem = p
                .file_stem()
                .map_or_else(|| "isnad".into(), |s| s.to_string_lossy());
            p.with_file_name(format!("{stem}.decisions.db"))
                .to_string_lossy()
                .into_owned()
        }
        None => "isnad-decisions.db".to_string(),
    }
}

pub(crate) fn run(args: ServeArgs) -> anyhow::Result<Exit> {
    let token = args.token_file.as_deref().map(token).transpose()?;
    if token.is_none() && !args.bind.ip().is_loopback() {
        anyhow::bail!(
            "{}: listening beyond this machine needs a token: give --token-file FILE (or bind 127.0.0.1)",
            args.bind
        );
    }
    let Setup {
        opts,
        ids,
        engine,
        lex,
        ..
    } = args.tuning.setup()?;
    let (refs, inputs, reference_docs) = match &args.archive {
        Some(spec) => {
            let a = crate::cli::io::open_for_check(spec, &args.tuning.read)?;
            let n = a.documents()?;
            drop(a);
            (Refs::Archive(spec.clone()), vec![display_name(spec)], n)
        }
        None => {
            let mut refs = References::with_lexicon(lex.clone());
            let inputs = if args.against.is_empty() {
                let docs = crate::server::fixture_references();
                let found = isnad::extract::extract_all(&engine, &docs, args.tuning.read.threads());
                for (d, f) in docs.into_iter().zip(found) {
                    match f {
                        Ok(f) => refs.add(d, f),
                        Err(defect) => anyhow::bail!("{defect}; please report it"),
                    }
                }
                vec!["corpora/ (the fixture articles built into isnad)".to_string()]
            } else {
                if let Some(p) = args.against.iter().find(|p| !Path::new(p).exists()) {
                    anyhow::bail!(
                        "{p}: no such file or directory (--against takes reference articles)"
                    );
                }
                let errors = add_references(&mut refs, &engine, &args.against, &args.tuning.read);
                if errors > 0 {
                    anyhow::bail!(
                        "{errors} reference input(s) could not be read (said above); the server did not start: fix or leave them out"
                    );
                }
                args.against.clone()
            };
            if refs.docs.is_empty() {
                anyhow::bail!("no reference document could be read; the server did not start");
            }
            let n = refs.docs.len();
            (Refs::Memory(refs), inputs, n)
        }
    };
    let decisions = args
        .decisions
        .clone()
        .unwrap_or_else(|| default_decisions(args.archive.as_deref()));
    // The store is opened once now, so a bad one stops the start, not
    // the first review.
    isnad::review::open(&decisions).map_err(|e| anyhow::anyhow!("{e}"))?;
    let limits = Limits {
        max_body: args.max_body,
        max_draft_chars: args.max_draft_chars,
        max_checks: args
            .max_checks
            .unwrap_or_else(|| args.tuning.read.threads()),
        max_queue: args.max_queue,
        timeout: Duration::from_secs(args.check_timeout.max(1)),
    };
    let lang = Lang::from_flag_or_env(args.lang);
    let checking = Checking {
        engine,
        ids,
        lex,
        opts,
        refs,
        inputs,
        reference_docs,
    };
    serve(
        App::new(checking, decisions, token, limits, lang),
        args.bind,
    )?;
    Ok(Exit::Ok)
}

#[cfg(test)]
mod tests {
    use super::default_decisions;

    #[test]
    fn decisions_live_beside_the_archive() {
        assert_eq!(
            default_decisions(Some("/srv/desk/quotes.db")),
            "/srv/desk/quotes.decisions.db"
        );
        assert_eq!(default_decisions(Some("news")), "news.decisions.db");
        let pg = "postgres://desk@db.internal/news";
        assert_eq!(default_decisions(Some(pg)), pg);
        assert_eq!(default_decisions(None), "isnad-decisions.db");
    }
}
