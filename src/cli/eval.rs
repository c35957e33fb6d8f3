//! `isnad eval`: extraction scored against a gold set of real articles
//! (the scoring itself is `isnad::eval`).

use super::Exit;
use isnad::eval::{evaluate, load, Score};
use isnad::Engine;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct EvalArgs {
    /// The gold set (JSON Lines of ids, offsets and labels).
    #[arg(long, default_value = "gold/dev.jsonl", value_name = "FILE")]
    pub gold: PathBuf,
    /// Where the shared corpora are.
    #[arg(long, default_value = "../shared/corpora", value_name = "DIR")]
    pub corpora: PathBuf,
    /// Print every miss and false alarm with its text.
    #[arg(long)]
    pub verbose: bool,
    /// Fail (exit 1) when content F1 is below this.
    #[arg(long, value_name = "F1")]
    pub min_content_f1: Option<f64>,
    /// Fail (exit 1) when content+source F1 is below this.
    #[arg(long, value_name = "F1")]
    pub min_source_f1: Option<f64>,
}

pub fn run(args: EvalArgs) -> anyhow::Result<Exit> {
    let arts = load(&args.gold, &args.corpora)?;
    let engine = Engine::default();
    let rep = evaluate(&engine, &arts, args.verbose);
    for l in &rep.lines {
        println!("{l}");
    }
    let gold_total: usize = arts.iter().map(|(g, _)| g.attributions.len()).sum();
    println!(
        "gold set {}: {} articles, {} outlets, {} attributions",
        args.gold.display(),
        rep.articles,
        rep.outlets.len(),
        gold_total
    );
    let line = |name: &str, s: &Score| {
        println!(
            "{name:<16} P {:.3}  R {:.3}  F1 {:.3}  (tp {}, fp {}, fn {})",
            s.precision(),
            s.recall(),
            s.f1(),
            s.tp,
            s.fp,
            s.fn_
        )
    };
    line("content", &rep.content);
    line("content+source", &rep.source);
    for (mode, s) in &rep.by_mode {
        println!(
            "  recall {mode:<13} {:.3}  ({} of {})",
            s.recall(),
            s.tp,
            s.tp + s.fn_
        );
    }
    let mut exit = Exit::Ok;
    if let Some(min) = args.min_content_f1 {
        if rep.content.f1() < min {
            eprintln!("content F1 {:.3} is below {min}", rep.content.f1());
            exit = Exit::Findings;
        }
    }
    if let Some(min) = args.min_source_f1 {
        if rep.source.f1() < min {
            eprintln!("content+source F1 {:.3} is below {min}", rep.source.f1());
            exit = Exit::Findings;
        }
    }
    Ok(exit)
}
