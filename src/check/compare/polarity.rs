//! Polarity: negations, modality and the stance of the cue.

use super::words::Word;
use crate::pack::{CompareLexicon, Stance};
use crate::text::arabic::without_conjunction as bare;

/// Stance classes: asserting or neutral reporting, denial, distance.
pub(super) fn stance_class(s: Stance) -> u8 {
    match s {
        Stance::Deny => 1,
        Stance::Distance => 2,
        _ => 0,
    }
}

/// Negations in `words[from..to]`; غير أن (however) and لا يزال (still)
/// are none.
pub(super) fn negation_count(
    lex: &CompareLexicon,
    words: &[Word],
    from: usize,
    to: usize,
) -> usize {
    (from..to)
        .filter(|&k| {
            let next = words.get(k + 1).map_or("", |n| n.norm.as_str());
            lex.is_negation(bare(&words[k].norm), next)
        })
        .count()
}

/// Modal words in `words[from..to]`. A modal such as قد counts only
/// before an imperfect verb (قد يتأخر: may be late); before a perfect verb
/// (قد تلقت) it confirms and is not a modality.
pub(super) fn modal_count(lex: &CompareLexicon, words: &[Word], from: usize, to: usize) -> usize {
    let mut n = 0;
    for (k, w) in words.iter().enumerate().take(to).skip(from) {
        let b = bare(&w.norm);
        if lex.modals.contains(b) {
            n += 1;
            continue;
        }
        if !lex.imperfect_modals.contains(b) {
            continue;
        }
        // قد لا يقدم: the verb comes after the negation.
        let mut next = words.get(k + 1).map(|x| x.norm.as_str()).unwrap_or("");
        if lex.negations.contains(next) {
            next = words.get(k + 2).map(|x| x.norm.as_str()).unwrap_or("");
        }
        // تم (was done) is perfect though it starts like تفعل.
        let imperfect = !lex.perfect_verbs.contains(next)
            && (next.starts_with('ي')
                || next.starts_with('ن')
                || (next.starts_with('ت') && !next.ends_with('ت')));
        if imperfect {
            n += 1;
        }
    }
    n
}

/// The two sides are the same letters spaced differently (لاإنسانية / لا
/// إنسانية، ألا / أن لا).
pub(super) fn same_letters(d: &[Word], r: &[Word]) -> bool {
    let squeeze = |w: &[Word]| -> String {
        let s: String = w.iter().map(|x| x.norm.as_str()).collect();
        s.replace("انلا", "الا")
    };
    !d.is_empty() && squeeze(d) == squeeze(r)
}
