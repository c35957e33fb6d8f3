//! `isnad extract`: every attribution of the inputs, streamed in input
//! order while worker threads extract.

use crate::cli::args::{ColorWhen, ReadArgs};
use crate::cli::io::{emit, finish, stdout};
use crate::cli::Exit;
use isnad::extract::{guard, Defect, Engine};
use isnad::input::Item;
use isnad::output::report::Lang;
use isnad::output::{limit_warnings, reporter_in, Format};
use std::time::Instant;

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
    /// Language of the terminal's labels [default: from LC_ALL,
    /// LC_MESSAGES or LANG: English for `en…`, else Arabic].
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    #[command(flatten)]
    pub read: ReadArgs,
    /// Print throughput figures to standard error at the end.
    #[arg(long)]
    pub stats: bool,
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
    Defect(Defect),
    Error(String),
    Warning(String),
}

/// Items per unit of work. Small enough that the workers stay evenly
/// busy and a stream is answered soon; large enough that handing work
/// out costs nothing measurable.
const BATCH_ITEMS: usize = 64;
const BATCH_BYTES: usize = 1 << 20;

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
                    match guard(&d, "extracting", || {
                        let found = engine.extract(&d.text);
                        let mut out = Vec::new();
                        rep.document(&d, &found, &mut out);
                        (out, found.attributions.len(), limit_warnings(&d, &found))
                    }) {
                        Ok((out, attributions, warnings)) => Done::Doc {
                            out,
                            bytes: d.text.len(),
                            attributions,
                            warnings,
                        },
                        Err(defect) => Done::Defect(defect),
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

pub(crate) fn run(args: ExtractArgs) -> anyhow::Result<Exit> {
    let engine = args.read.engine()?;
    // -j 0, like no -j at all, means every core.
    let threads = args.read.threads();
    let rep = reporter_in(args.format, Lang::from_flag_or_env(args.lang));
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
                        Done::Defect(defect) => {
                            errors += 1;
                            eprintln!(
                                "error: {defect}; the document was skipped, please report it"
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
