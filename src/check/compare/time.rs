//! Times: weekdays, months, parts of the day and relative days named in a
//! content, in one word (يونيو) or several (كانون الثاني).

use super::words::Word;
use crate::pack::compare::TimeClass;
use crate::pack::CompareLexicon;
use crate::text::arabic::without_conjunction as bare;

/// The time name that starts at word `k`: its length in words, class and
/// value. A name of several words is tried before a word alone.
fn time_at<'l>(
    lex: &'l CompareLexicon,
    words: &[Word],
    k: usize,
) -> Option<(usize, TimeClass, &'l str)> {
    let first = bare(&words[k].norm);
    lex.time_phrase(first, |j| words.get(k + 1 + j).map(|w| w.norm.as_str()))
        .or_else(|| lex.time(first).map(|(c, v)| (1, c, v)))
}

/// Word `k` is a month name, or a word of one (كانون الثاني).
pub(super) fn month_at(lex: &CompareLexicon, words: &[Word], k: usize) -> bool {
    if k >= words.len() {
        return false;
    }
    let start = k.saturating_sub(lex.longest_time_phrase.saturating_sub(1));
    (start..=k)
        .any(|j| matches!(time_at(lex, words, j), Some((len, TimeClass::Month, _)) if j + len > k))
}

/// The time names in words `[from, to)` of `words`: (class, value),
/// sorted, each once. A name of several words counts when any of its
/// words is in the range, so that «كانون | الثاني» against «كانون |
/// الأول», which differ in their second word only, name two months.
pub(super) fn time_words<'l>(
    lex: &'l CompareLexicon,
    words: &[Word],
    (from, to): (usize, usize),
) -> Vec<(TimeClass, &'l str)> {
    let mut v: Vec<(TimeClass, &str)> = Vec::new();
    let to = to.min(words.len());
    if from >= to {
        return v;
    }
    let mut k = from.saturating_sub(lex.longest_time_phrase.saturating_sub(1));
    while k < to {
        match time_at(lex, words, k) {
            Some((len, class, value)) if len > 1 => {
                if k + len > from {
                    v.push((class, value));
                }
                k += len;
            }
            Some((_, class, value)) if k >= from => {
                v.push((class, value));
                k += 1;
            }
            _ => k += 1,
        }
    }
    v.sort_unstable();
    v.dedup();
    v
}

/// Two sides name different times: a class of time (weekday, month, part
/// of the day, relative) on both sides, with different values. «اليوم» and
/// «الجمعة» can both be true and are not compared.
///
/// Days named relative to the day of writing (اليوم، أمس، غدا) are not
/// compared: «أمس» in a morning paper and «اليوم» in the evening's wire
/// name one day, and the comparison does not know both publication dates.
pub(super) fn times_differ(a: &[(TimeClass, &str)], b: &[(TimeClass, &str)]) -> bool {
    let dated = |t: &&(TimeClass, &str)| {
        !(t.0 == TimeClass::Relative && matches!(t.1, "today" | "yesterday" | "tomorrow"))
    };
    TimeClass::ALL.iter().any(|&c| {
        let x: Vec<&str> = a
            .iter()
            .filter(dated)
            .filter(|t| t.0 == c)
            .map(|t| t.1)
            .collect();
        let y: Vec<&str> = b
            .iter()
            .filter(dated)
            .filter(|t| t.0 == c)
            .map(|t| t.1)
            .collect();
        !x.is_empty() && !y.is_empty() && x != y
    })
}
