//! The last step of an extraction: limits applied, duplicates dropped,
//! sources resolved, records numbered in document order, nesting linked,
//! and the quotations no attribution claims listed.

use super::context::{Coverage, Ctx};
use super::resolve;
use super::{Extraction, Limits};
use crate::extract::attribution::{
    Attribution, Cue, Mode, OverLimit, Piece, Source, UnattributedQuote,
};

/// Resolve sources, drop duplicates, number the records and link nesting.
pub(super) fn finish(mut ctx: Ctx<'_>, limits: Limits) -> Extraction {
    let src = ctx.src;
    let mut over_limit = Vec::new();
    if let Some((marks, at)) = ctx.t.too_deep {
        let len = src[at..].chars().next().map_or(0, char::len_utf8);
        over_limit.push(OverLimit {
            limit: "quote-depth".into(),
            span: [at, at + len],
            size: marks,
            max: crate::text::MAX_QUOTE_DEPTH,
        });
    }
    let max = limits.max_quote_chars;
    // Bytes first: a content of at most `max` bytes has at most `max`
    // characters, and most do.
    let chars = |(a, b): (usize, usize)| {
        if b - a <= max {
            b - a
        } else {
            src[a..b].chars().count()
        }
    };
    ctx.cands.retain(|c| {
        let n = chars(c.content);
        if n > max {
            over_limit.push(OverLimit {
                limit: "max-quote-chars".into(),
                span: [c.content.0, c.content.1],
                size: n,
                max,
            });
        }
        n <= max
    });
    ctx.cands.sort_by_key(|c| (c.cue_tok, c.content.0));
    // Two rules can reach the same content (a quote after a cue that is
    // also followed by a post-posed cue): the first in document order wins.
    // An according-to phrase on a reported clause is a second source for
    // it («قال المدير إن 68% ... بحسب دراسة») and stays.
    let mut seen = rustc_hash::FxHashSet::default();
    ctx.cands
        .retain(|c| seen.insert((c.content, c.mode == Mode::AccordingTo)));
    let sources = resolve::resolve(&ctx);

    let mut order: Vec<usize> = (0..ctx.cands.len()).collect();
    order.sort_by_key(|&i| {
        let c = &ctx.cands[i];
        (c.cue.0.min(c.content.0), c.cue.0)
    });
    let mut by_quote: Vec<Option<usize>> = vec![None; ctx.t.quotes.len()];
    for (i, c) in ctx.cands.iter().enumerate() {
        if let Some(q) = c.quote {
            by_quote[q].get_or_insert(i);
        }
    }
    let mut ids = vec![String::new(); ctx.cands.len()];
    for (k, &i) in order.iter().enumerate() {
        ids[i] = format!("a{}", k + 1);
    }
    let piece = |s: Option<(usize, usize)>| s.map(|(a, b)| Piece::new(src, a, b));
    let mut out = Vec::with_capacity(ctx.cands.len());
    for &i in &order {
        let c = &ctx.cands[i];
        // Nested: the cue sits inside a quote that is (or is inside) the
        // content of another attribution's direct quote.
        let mut nested_in = None;
        let mut q = ctx.t.in_quote[c.cue_tok].map(|q| q as usize);
        while let Some(qi) = q {
            if let Some(j) = by_quote[qi] {
                if j != i {
                    nested_in = Some(ids[j].clone());
                    break;
                }
            }
            q = ctx.t.quotes[qi].parent;
        }
        let s: &Source = &sources[i];
        out.push(Attribution {
            id: ids[i].clone(),
            mode: c.mode,
            cue: Cue {
                text: src[c.cue.0..c.cue.1].to_string(),
                lemma: c.lemma.clone(),
                stance: c.stance,
                span: [c.cue.0, c.cue.1],
            },
            source: s.clone(),
            content: Piece::new(src, c.content.0, c.content.1),
            addressee: piece(c.addressee),
            time: piece(c.time),
            channel: piece(c.channel),
            nested_in,
            rule: c.rule.clone(),
            unclosed: c.unclosed,
        });
    }

    affiliate(&mut out);

    let mut unattributed = Vec::new();
    let coverage = Coverage::new(&ctx.cands);
    for (qi, q) in ctx.t.quotes.iter().enumerate() {
        if ctx.quote_used[qi] {
            continue;
        }
        // Inside an attributed quote or inside some content: not orphaned.
        if coverage.covers(q.start, q.end) {
            continue;
        }
        let size = chars((q.start, q.end));
        if size > max {
            over_limit.push(OverLimit {
                limit: "max-quote-chars".into(),
                span: [q.start, q.end],
                size,
                max,
            });
            continue;
        }
        let words = src[q.start..q.end].split_whitespace().count();
        if words >= 4 {
            unattributed.push(UnattributedQuote {
                text: src[q.start..q.end].to_string(),
                span: [q.start, q.end],
            });
        }
    }
    over_limit.sort_by_key(|o| (o.span, o.limit.clone()));
    over_limit.dedup();
    Extraction {
        attributions: out,
        unattributed,
        over_limit,
    }
}

/// The title a person's mentions give them, written on every attribution
/// of that person: the longest one any of the article's mentions of them
/// as a speaker carries (وقال وزير الخارجية سامح شكري ... وأضاف شكري).
fn affiliate(out: &mut [Attribution]) {
    use crate::extract::attribution::SourceKind;
    let title = |s: &Source| -> Option<String> {
        let t = s.text.trim();
        let c = s.canonical.trim();
        if c.is_empty() || t == c {
            return None;
        }
        let rest = t
            .strip_suffix(c)
            .or_else(|| t.strip_prefix(c))?
            .trim_matches(|ch: char| ch.is_whitespace() || matches!(ch, '،' | ',' | '-' | '–'));
        (!rest.is_empty()).then(|| rest.to_string())
    };
    let mut titles: rustc_hash::FxHashMap<String, String> = rustc_hash::FxHashMap::default();
    for a in out.iter() {
        if a.source.kind != SourceKind::Person {
            continue;
        }
        if let Some(t) = title(&a.source) {
            let e = titles.entry(a.source.canonical.clone()).or_default();
            if t.chars().count() > e.chars().count() {
                *e = t;
            }
        }
    }
    for a in out.iter_mut() {
        if a.source.kind == SourceKind::Person {
            a.source.affiliation = titles.get(&a.source.canonical).cloned();
        }
    }
}
