//! `isnad crosscheck`: statements several outlets report, and where they
//! disagree.

use crate::cli::args::{CommonArgs, Setup};
use crate::cli::io::{add_references, finish, open_for_check, references, Sink};
use crate::cli::Exit;
use isnad::check::crosscheck::{crosscheck, CrossOptions};
use isnad::check::Verdict;

use isnad::output::report::{self, Meta};
use isnad::output::{reporter_in, ReviewFormat, Summary};

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

pub(crate) fn run(args: CrosscheckArgs) -> anyhow::Result<Exit> {
    let c = &args.common;
    let Setup {
        opts,
        window,
        ids,
        engine,
        lex,
    } = c.setup()?;
    let (refs, errors) = match &args.archive {
        Some(path) => {
            let a = open_for_check(path, c.read())?;
            let mut refs = a.references_all(&lex)?;
            let errors = add_references(&mut refs, &engine, &args.paths, c.read());
            (refs, errors)
        }
        None => references(&engine, &args.paths, c, lex),
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
    let mut out = Sink::for_review(c, &inputs)?;
    let mut buf = Vec::new();
    let lang = c.language();
    match stream.map(|f| reporter_in(f, lang)) {
        Some(rep) => {
            for g in &groups {
                rep.group(g, &mut buf);
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
            rep.summary(&summary, &mut buf);
        }
        None => {
            let meta = Meta::new(inputs.clone(), refs.docs.len(), refs.len());
            let html = c.format == ReviewFormat::Html;
            buf = report::crosscheck(html, lang, meta, &groups).into_bytes();
        }
    }
    finish(&mut out, &buf)?;
    out.close()?;
    let worst = groups.iter().map(|g| g.severity).max();
    Ok(Exit::of(errors, worst, c.fail_on))
}
