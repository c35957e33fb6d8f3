//! Named things: the words that name something in a document, and a
//! named thing swapped for another between two contents.

use super::words::{words, Word};
use crate::extract::attribution::{Attribution, Resolution, SourceKind};
use crate::pack::CompareLexicon;
use crate::text::arabic::without_conjunction as bare;
use crate::text::names;
use rustc_hash::FxHashSet;

/// Words that name something in a document: the words of its sources'
/// names and the words after a place or body head (قرية عين الريحان).
pub fn entity_words(
    lex: &CompareLexicon,
    doc: &str,
    attributions: &[Attribution],
) -> FxHashSet<String> {
    let mut out = FxHashSet::default();
    for a in attributions {
        if !matches!(a.source.kind, SourceKind::Person | SourceKind::Organization) {
            continue;
        }
        // Only names the extractor found next to a cue or through a
        // title; function words it let slip into a name are not names.
        if !matches!(
            a.source.resolution,
            Resolution::Explicit | Resolution::Apposition
        ) {
            continue;
        }
        for w in words(&a.source.canonical, [0, a.source.canonical.len()]) {
            if w.norm.chars().count() >= 3
                && !lex.entity_heads.contains(&w.norm)
                && !lex.not_names.contains(bare(&w.norm))
            {
                out.insert(w.norm);
            }
        }
    }
    let all = words(doc, [0, doc.len()]);
    for k in 0..all.len().saturating_sub(1) {
        let head = bare(&all[k].norm);
        let head = head
            .strip_prefix("ب")
            .filter(|_| !lex.entity_heads.contains(head))
            .unwrap_or(head);
        if lex.entity_heads.contains(head) {
            // The name after the head: one or two words (قرية عين الريحان).
            // A second word only after a first without the article (عين
            // الريحان, but not الزيتونة لإيوائها).
            for (n, w) in all[k + 1..].iter().take(2).enumerate() {
                let w = &w.norm;
                if w.chars().count() < 2
                    || lex.negations.contains(w.as_str())
                    || lex.entity_heads.contains(w.as_str())
                {
                    break;
                }
                out.insert(w.clone());
                if n == 0 && w.starts_with("ال") {
                    break;
                }
            }
        }
    }
    out
}

/// One named thing swapped for another: names on both sides that do not
/// match even loosely (كومينتانغ / كومينتانج is one name), or heads of
/// different bodies (الوزارة / الاتحاد). A head alone that the other side
/// names in full (المطار / مطار التيفور) is the same thing. `dn` and `rn`
/// are the whole contents' alignment words, `entities` the words that name
/// something in either document.
pub(super) fn entity_swap(
    lex: &CompareLexicon,
    (d, dn): (&[Word], &[&str]),
    (r, rn): (&[Word], &[&str]),
    entities: &[&FxHashSet<String>; 2],
) -> bool {
    let head = |w: &str| -> Option<String> {
        let h = w.strip_prefix("ال").unwrap_or(w);
        (lex.entity_heads.contains(h) && !lex.place_heads.contains(h)).then(|| h.to_string())
    };
    let split = |side: &[Word], other: &[&str]| {
        let mut heads = Vec::new();
        let mut names = Vec::new();
        for w in side {
            let n = w.norm.as_str();
            if let Some(h) = head(n) {
                heads.push(h);
            } else if entities.iter().any(|e| e.contains(n)) && !other.contains(&bare(n)) {
                names.push(n.to_string());
            }
        }
        (heads, names)
    };
    let (hd, nd) = split(d, rn);
    let (hr, nr) = split(r, dn);
    let loose = |a: &String, b: &String| a == b || names::similarity(a, b) >= names::NOT_A_SWAP;
    let names_swapped =
        !nd.is_empty() && !nr.is_empty() && !nd.iter().any(|a| nr.iter().any(|b| loose(a, b)));
    let heads_swapped = !hd.is_empty() && !hr.is_empty() && !hd.iter().any(|a| hr.contains(a));
    names_swapped || heads_swapped
}
