//! How fast a check is against growing reference sets, indexed and by
//! brute force, on the real articles of `../shared/corpora`.
//!
//! ```sh
//! cargo run --release --example check_speed            # 1k, 10k and all articles
//! cargo run --release --example check_speed -- 1000 5000
//! ```
//!
//! The articles of both corpora are taken in a seeded shuffle; a size is a
//! prefix of it. The draft has 20 attributions (or just over): paragraphs of attributions
//! drawn (seeded) from the first 1,000 articles, so every size holds their
//! sources. For each size it reports the time to read and extract the
//! references, the time to index them, the median time to check the draft
//! (5 runs), the time of the brute-force search (every draft attribution
//! scored against every reference attribution with the same similarity
//! function), and whether both found the same best similarity for every
//! draft attribution. The draft's text is built in memory and never
//! written.

use isnad::check::compare;
use isnad::check::identity::Identities;
use isnad::check::{Checker, Options, References};
use isnad::input::{Document, Inputs, Item};
use isnad::Engine;
use std::time::Instant;

const FILES: [&str; 2] = [
    "ant-multisource/ant_multisource_v2.1_all.jsonl.gz",
    "saudinewsnet/saudinewsnet_all.jsonl.gz",
];

/// A small seeded generator (xorshift), so the shuffle is the same on
/// every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpora");
    let paths: Vec<String> = FILES.iter().map(|f| format!("{root}/{f}")).collect();
    if paths.iter().any(|p| !std::path::Path::new(p).exists()) {
        eprintln!("the shared corpora are not at {root}: nothing to measure");
        std::process::exit(2);
    }
    let started = Instant::now();
    let mut docs: Vec<Document> = Inputs::new(paths, false)
        .into_iter()
        .filter_map(|i| match i {
            Item::Doc(d) if !d.text.is_empty() => Some(*d),
            _ => None,
        })
        .collect();
    let read_secs = started.elapsed().as_secs_f64();
    let mut rng = Rng(20261129);
    for i in (1..docs.len()).rev() {
        let j = (rng.next() % (i as u64 + 1)) as usize;
        docs.swap(i, j);
    }
    let sizes: Vec<usize> = {
        let args: Vec<usize> = std::env::args()
            .skip(1)
            .filter_map(|a| a.parse().ok())
            .collect();
        if args.is_empty() {
            vec![1000, 10_000, docs.len()]
        } else {
            args
        }
    };
    let engine = Engine::default();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let started = Instant::now();
    let found: Vec<_> = isnad::extract::extract_all(&engine, &docs, threads)
        .into_iter()
        .map(Result::unwrap_or_default)
        .collect();
    let extract_secs = started.elapsed().as_secs_f64();
    let total_mb = docs.iter().map(|d| d.text.len()).sum::<usize>() as f64 / 1e6;
    println!(
        "read {} articles ({total_mb:.0} MB) in {read_secs:.1} s; extracted on {threads} threads in {extract_secs:.1} s",
        docs.len()
    );

    // The draft: attribution paragraphs from the first 1,000 articles,
    // added one by one until it has 20 attributions.
    let mut paragraphs: Vec<String> = Vec::new();
    let mut tries = 0;
    while engine.extract(&paragraphs.join("\n")).attributions.len() < 20 && tries < 10_000 {
        tries += 1;
        let k = (rng.next() % 1000.min(docs.len()) as u64) as usize;
        let Some(a) = found[k].attributions.get((rng.next() % 8) as usize) else {
            continue;
        };
        if a.content.text.split_whitespace().count() < 6 {
            continue;
        }
        let text = &docs[k].text;
        let s = text[..a.content.span[0]].rfind('\n').map_or(0, |i| i + 1);
        let e = text[a.content.span[1]..]
            .find('\n')
            .map_or(text.len(), |i| a.content.span[1] + i);
        let p = text[s..e].trim().to_string();
        if !paragraphs.contains(&p) {
            paragraphs.push(p);
        }
    }
    let draft = Document {
        path: "draft".into(),
        id: "draft".into(),
        text: paragraphs.join("\n"),
        ..Default::default()
    };
    let draft_found = engine.extract(&draft.text);
    let draft_words: Vec<Vec<compare::Word>> = draft_found
        .attributions
        .iter()
        .map(|a| compare::words(&draft.text, a.content.span))
        .collect();
    println!(
        "draft: {} paragraphs, {} attributions",
        paragraphs.len(),
        draft_found.attributions.len()
    );
    println!(
        "| articles | reference attributions | index (s) | check, indexed (ms) | check, brute force (ms) | ratio | same best match |"
    );
    println!("|---|---|---|---|---|---|---|");
    let ids = Identities::default();
    let opts = Options::default();
    for &n in &sizes {
        let n = n.min(docs.len());
        let started = Instant::now();
        let mut refs = References::new();
        for (d, f) in docs[..n].iter().zip(&found[..n]) {
            refs.add(d.clone(), f.clone());
        }
        let index_secs = started.elapsed().as_secs_f64();
        let checker = Checker {
            refs: &refs,
            ids: &ids,
            opts,
        };
        let indexed = median(
            (0..5)
                .map(|_| {
                    let t = Instant::now();
                    std::hint::black_box(checker.check(&draft, &draft_found));
                    t.elapsed().as_secs_f64() * 1e3
                })
                .collect(),
        );
        let t = Instant::now();
        let brute: Vec<Option<(u32, f64)>> = draft_words
            .iter()
            .map(|w| refs.brute_force_best(w))
            .collect();
        let brute_ms = t.elapsed().as_secs_f64() * 1e3;
        let same = draft_words
            .iter()
            .zip(&brute)
            .filter(|(w, b)| {
                let i = refs.indexed_best(w, opts.candidates);
                match (i, b) {
                    (Some((_, x)), Some((_, y))) => (x - y).abs() < 1e-9,
                    (None, None) => true,
                    _ => false,
                }
            })
            .count();
        println!(
            "| {n} | {} | {index_secs:.2} | {indexed:.1} | {brute_ms:.0} | {:.0}x | {same}/{} |",
            refs.len(),
            brute_ms / indexed,
            draft_words.len()
        );
    }
}
