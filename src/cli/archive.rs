//! `isnad archive add|stats|check`.

use crate::cli::args::ReadArgs;
use crate::cli::io::warn_limits;
use crate::cli::Exit;
use isnad::archive::{self, display_name, Added, Store};
use isnad::input::{Document, Item};

#[derive(clap::Subcommand, Debug)]
pub enum ArchiveCmd {
    /// Add every document of PATH... to ARCHIVE (made if missing).
    /// Documents already in it (same article id, or same text) are
    /// skipped; an interrupted add can be run again.
    Add {
        /// The archive: a file, or a `postgres://` URL.
        archive: String,
        /// Files, directories or JSON Lines corpora (`.jsonl`, `.jsonl.gz`).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<String>,
        /// Documents per transaction.
        #[arg(long, default_value_t = 2000, value_name = "N")]
        batch: usize,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Documents, attributions, sources, outlets, dates and size.
    Stats {
        /// The archive: a file, or a `postgres://` URL.
        archive: String,
        /// `terminal` or `json`.
        #[arg(long, default_value = "terminal", value_parser = ["terminal", "json"])]
        format: String,
    },
    /// Check the archive's integrity (after a crash, say).
    Check {
        /// The archive: a file, or a `postgres://` URL.
        archive: String,
    },
}

pub fn run(cmd: ArchiveCmd) -> anyhow::Result<Exit> {
    match cmd {
        ArchiveCmd::Add {
            archive,
            paths,
            batch,
            read,
        } => add(&archive, &paths, batch.max(1), &read),
        ArchiveCmd::Stats { archive, format } => {
            let a = archive::open(&archive, false)?;
            let s = a.stats()?;
            if format == "json" {
                println!("{}", serde_json::to_string(&s)?);
            } else {
                println!("archive       {}", s.archive);
                println!("documents     {}", s.documents);
                println!("attributions  {} ({} indexed)", s.attributions, s.indexed);
                println!("sources       {}", s.sources);
                println!("outlets       {}", s.outlets);
                println!(
                    "dates         {} .. {}",
                    s.first_date.as_deref().unwrap_or("-"),
                    s.last_date.as_deref().unwrap_or("-")
                );
                println!("size          {:.1} MB", s.bytes as f64 / 1e6);
                println!("extracted by  {}", s.extractor);
            }
            Ok(Exit::Ok)
        }
        ArchiveCmd::Check { archive } => {
            let a = archive::open(&archive, false)?;
            let problems = a.integrity()?;
            let name = display_name(&archive);
            if problems.is_empty() {
                println!("{name}: ok");
                Ok(Exit::Ok)
            } else {
                for p in &problems {
                    eprintln!("error: {name}: {p}");
                }
                Ok(Exit::Findings)
            }
        }
    }
}

fn add(spec: &str, paths: &[String], batch: usize, read: &ReadArgs) -> anyhow::Result<Exit> {
    let extractor = archive::extractor(read.rules.as_deref())?;
    let engine = read.engine()?;
    let lex = read.compare_lexicon(&engine);
    let mut a = archive::open(spec, true)?;
    let (mut keys, mut hashes) = a.known()?;
    let bar =
        indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}")
            .expect("a valid template"),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    let mut total = Added::default();
    let mut errors = 0usize;
    let mut pending: Vec<Document> = Vec::new();
    let flush = |a: &mut Box<dyn Store>,
                 pending: &mut Vec<Document>,
                 total: &mut Added,
                 errors: &mut usize|
     -> anyhow::Result<()> {
        if pending.is_empty() {
            return Ok(());
        }
        let docs = std::mem::take(pending);
        let found = isnad::extract::extract_all(&engine, &docs, read.threads());
        let mut done = Vec::with_capacity(docs.len());
        for (d, f) in docs.into_iter().zip(found) {
            match f {
                Ok(f) => {
                    warn_limits(&d, &f);
                    done.push((d, f))
                }
                Err(defect) => {
                    *errors += 1;
                    eprintln!("error: {defect}; the document was not added, please report it");
                }
            }
        }
        let added = a.add(&done, &extractor, &lex)?;
        total.documents += added.documents;
        total.attributions += added.attributions;
        total.duplicates += added.duplicates;
        Ok(())
    };
    for item in read.inputs(paths) {
        match item {
            Item::Doc(d) => {
                let h = archive::text_hash(&d.text);
                let k = archive::doc_key(&d);
                if keys.contains(&k) || hashes.contains(&h) {
                    total.duplicates += 1;
                    continue;
                }
                keys.insert(k);
                hashes.insert(h);
                pending.push(*d);
                if pending.len() >= batch {
                    flush(&mut a, &mut pending, &mut total, &mut errors)?;
                    bar.set_message(format!(
                        "{} documents added, {} attributions, {} already in",
                        total.documents, total.attributions, total.duplicates
                    ));
                }
            }
            Item::Error(e) => {
                errors += 1;
                bar.suspend(|| eprintln!("error: {e}"));
            }
            Item::Warning(w) => bar.suspend(|| eprintln!("warning: {w}")),
            Item::Line(_) => unreachable!("lines are parsed unless deferred"),
        }
    }
    flush(&mut a, &mut pending, &mut total, &mut errors)?;
    bar.finish_and_clear();
    eprintln!(
        "{}: {} documents added ({} attributions), {} already in the archive",
        display_name(spec),
        total.documents,
        total.attributions,
        total.duplicates
    );
    if errors > 0 {
        eprintln!("{errors} input error(s); the other inputs were added");
        return Ok(Exit::Error);
    }
    Ok(Exit::Ok)
}
