//! The canonical form of a pack file, so that lists never rot by hand:
//!
//! * `[[cue]]` entries sorted by the normalised spelling of their lemma;
//! * every list of words (`name = ["…", …]`) of the `[lexicon]` and
//!   `[compare]` sections sorted by normalised
//!   spelling, without entries that normalise alike (the first written
//!   stays), on one line when it fits in 100 characters and wrapped at 98
//!   otherwise;
//! * every run of `"word" = value` lines (number words, scales) sorted by
//!   the normalised spelling of the word, without duplicates.
//!
//! Comments and everything else stay where they are; the order of
//! `[[rule]]` entries is left alone, since it matters. The spelling is
//! the normaliser's own ([`normalize_str`]), Persian letters and
//! presentation forms included. `tests/canonical.rs` holds the packs to
//! this form and rewrites them with `ISNAD_CANONICAL=overwrite`.

use crate::text::normalize::normalize_str;
use regex::Regex;
use std::sync::OnceLock;

/// `text`, a pack file, in canonical form.
///
/// ```
/// let messy = "[lexicon]\nrelatives = [\"الذين\", \"التي\", \"الذى\", \"الذي\"]\n";
/// assert_eq!(
///     isnad::pack::canonical::rewrite(messy),
///     "[lexicon]\nrelatives = [\"التي\", \"الذى\", \"الذين\"]\n"
/// );
/// ```
pub fn rewrite(text: &str) -> String {
    let text = sort_cues(text);
    // Word lists are the `[lexicon]` and `[compare]` sections; a cue's
    // forms and an alias entry keep the order they were written in.
    let mut out = String::with_capacity(text.len());
    for section in sections(&text) {
        if section.starts_with("[lexicon]") || section.starts_with("[compare") {
            out.push_str(&sort_tables(&sort_lists(section)));
        } else {
            out.push_str(section);
        }
    }
    out
}

/// The text cut before every table header (a line starting with `[`).
fn sections(text: &str) -> Vec<&str> {
    let mut cuts: Vec<usize> = text.match_indices("\n[").map(|(i, _)| i + 1).collect();
    cuts.insert(0, 0);
    cuts.push(text.len());
    cuts.dedup();
    cuts.windows(2).map(|w| &text[w[0]..w[1]]).collect()
}

fn norm(w: &str) -> String {
    normalize_str(w)
}

/// Each run of `[[cue]]` entries sorted by the normalised lemma; what
/// precedes or follows the run stays in place.
fn sort_cues(text: &str) -> String {
    static LEMMA: OnceLock<Regex> = OnceLock::new();
    let lemma = LEMMA.get_or_init(|| Regex::new(r#"lemma = "([^"]*)""#).expect("a valid pattern"));
    let parts = sections(text);
    let mut out = String::with_capacity(text.len());
    let mut k = 0;
    while k < parts.len() {
        if !parts[k].starts_with("[[cue]]") {
            out.push_str(parts[k]);
            k += 1;
            continue;
        }
        let start = k;
        while k < parts.len() && parts[k].starts_with("[[cue]]") {
            k += 1;
        }
        let mut blocks: Vec<String> = parts[start..k]
            .iter()
            .map(|b| format!("{}\n", b.trim_end()))
            .collect();
        blocks.sort_by_cached_key(|b| lemma.captures(b).map(|c| norm(&c[1])).unwrap_or_default());
        out.push_str(&blocks.join("\n"));
        if k < parts.len() {
            out.push('\n');
        }
    }
    out
}

fn sort_lists(text: &str) -> String {
    static LIST: OnceLock<Regex> = OnceLock::new();
    static ITEM: OnceLock<Regex> = OnceLock::new();
    let list =
        LIST.get_or_init(|| Regex::new(r"(?ms)^(\w+) = \[(.*?)\]").expect("a valid pattern"));
    let item = ITEM.get_or_init(|| Regex::new(r#""([^"]*)""#).expect("a valid pattern"));
    list.replace_all(text, |c: &regex::Captures<'_>| {
        // A comment inside a list goes above it, whole.
        let body = c.get(2).map_or("", |m| m.as_str());
        let (comments, entries): (Vec<&str>, Vec<&str>) =
            body.lines().partition(|l| l.trim_start().starts_with('#'));
        let entries = entries.join("\n");
        let mut items: Vec<(String, &str)> = Vec::new();
        for m in item.captures_iter(&entries) {
            let w = m.get(1).map_or("", |m| m.as_str());
            let key = norm(w);
            if !items.iter().any(|(k, _)| *k == key) {
                items.push((key, w));
            }
        }
        items.sort_by(|a, b| a.0.cmp(&b.0));
        let words: Vec<&str> = items.iter().map(|(_, w)| *w).collect();
        let above: String = comments.iter().map(|l| format!("{}\n", l.trim())).collect();
        format!("{above}{}", wrap(&c[1], &words))
    })
    .into_owned()
}

/// A list on one line when it fits in 100 characters, otherwise one
/// entry after another on lines of at most 98 after a two-space indent.
fn wrap(name: &str, words: &[&str]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
    let one = format!("{name} = [{}]", quoted.join(", "));
    if one.chars().count() <= 100 {
        return one;
    }
    let mut lines = Vec::new();
    let mut cur = String::from("  ");
    for q in &quoted {
        let piece = format!("{q}, ");
        if cur.chars().count() + piece.chars().count() > 98 {
            lines.push(cur.trim_end().to_string());
            cur = String::from("  ");
        }
        cur.push_str(&piece);
    }
    lines.push(cur.trim_end().to_string());
    format!("{name} = [\n{}\n]", lines.join("\n"))
}

fn sort_tables(text: &str) -> String {
    static ENTRY: OnceLock<Regex> = OnceLock::new();
    let entry = ENTRY.get_or_init(|| Regex::new(r#"^"([^"]*)" = \S.*$"#).expect("a valid pattern"));
    fn flush<'t>(run: &mut Vec<(String, &'t str)>, out: &mut Vec<&'t str>) {
        run.sort_by(|a, b| a.0.cmp(&b.0));
        run.dedup_by(|a, b| a.0 == b.0);
        out.extend(run.drain(..).map(|(_, line)| line));
    }
    let mut out: Vec<&str> = Vec::new();
    let mut run: Vec<(String, &str)> = Vec::new();
    for line in text.split('\n') {
        match entry.captures(line) {
            Some(c) => run.push((norm(&c[1]), line)),
            None => {
                flush(&mut run, &mut out);
                out.push(line);
            }
        }
    }
    flush(&mut run, &mut out);
    out.join("\n")
}
