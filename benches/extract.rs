//! Benchmarks on a fixed slice of text: the team's fixture corpus
//! (`corpora/`), concatenated. Run with `cargo bench`; divan reports the
//! median time and bytes per second of each function.

use divan::counter::BytesCount;
use divan::Bencher;
use isnad::text::normalize::{normalize, normalize_str};
use isnad::Engine;

fn main() {
    divan::main();
}

fn corpus() -> String {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/corpora");
    let mut files: Vec<_> = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

#[divan::bench]
fn extract(bencher: Bencher) {
    let text = corpus();
    let engine = Engine::default();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| engine.extract(divan::black_box(&text)));
}

#[divan::bench]
fn extract_and_render_json(bencher: Bencher) {
    let text = corpus();
    let engine = Engine::default();
    let doc = isnad::input::Document {
        path: "bench".into(),
        id: "bench".into(),
        text: text.clone(),
        ..Default::default()
    };
    let rep = isnad::output::reporter(isnad::output::Format::Json);
    bencher.counter(BytesCount::of_str(&text)).bench(|| {
        let found = engine.extract(divan::black_box(&doc.text));
        let mut out = Vec::new();
        rep.document(&doc, &found, &mut out);
        out
    });
}

#[divan::bench]
fn normalise_with_offset_map(bencher: Bencher) {
    let text = corpus();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| normalize(divan::black_box(&text)));
}

#[divan::bench]
fn normalise_without_map(bencher: Bencher) {
    let text = corpus();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| normalize_str(divan::black_box(&text)));
}
