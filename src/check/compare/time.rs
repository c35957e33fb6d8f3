//! Times: weekdays, months, parts of the day and relative days named in a
//! content.

use super::words::Word;
use crate::pack::compare::TimeClass;
use crate::pack::CompareLexicon;
use crate::text::arabic::without_conjunction as bare;

/// The time words of `words`: (class, value), sorted, each once.
pub(super) fn time_words<'l>(lex: &'l CompareLexicon, words: &[Word]) -> Vec<(TimeClass, &'l str)> {
    let mut v: Vec<(TimeClass, &str)> = words
        .iter()
        .filter_map(|w| lex.time(bare(&w.norm)))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Two sides name different times: a class of time (weekday, month, part
/// of the day, relative) on both sides, with different values. «اليوم» and
/// «الجمعة» can both be true and are not compared.
pub(super) fn times_differ(a: &[(TimeClass, &str)], b: &[(TimeClass, &str)]) -> bool {
    TimeClass::ALL.iter().any(|&c| {
        let x: Vec<&str> = a.iter().filter(|t| t.0 == c).map(|t| t.1).collect();
        let y: Vec<&str> = b.iter().filter(|t| t.0 == c).map(|t| t.1).collect();
        !x.is_empty() && !y.is_empty() && x != y
    })
}
