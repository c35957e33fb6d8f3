//! Numbers in a content: digits and number words, their scales and
//! hedges, and the numbers that are dates or clock times instead.

use super::words::Word;
use crate::pack::CompareLexicon;
use crate::text::arabic::without_conjunction as bare;

/// The value of a number word or numeral. It may carry the prefixes و،
/// ب، ل، ك (and وب، ول); digits may be glued to a short prefix (الـ31،
/// من15، بـ2).
pub(super) fn number_value(lex: &CompareLexicon, w: &str) -> Option<f64> {
    let mut cands = vec![w];
    for p in ["و", "ب", "ل", "ك", "وب", "ول"] {
        if let Some(rest) = w.strip_prefix(p) {
            cands.push(rest);
        }
    }
    if let Some(at) = w.find(|c: char| c.is_ascii_digit()) {
        if at > 0 && w[..at].chars().count() <= 3 && w[..at].chars().all(|c| !c.is_ascii_digit()) {
            cands.push(&w[at..]);
        }
    }
    for (k, c) in cands.into_iter().enumerate() {
        if c.is_empty() {
            continue;
        }
        if c.chars().next().is_some_and(|d| d.is_ascii_digit()) {
            if let Some(v) = numeral(c) {
                return Some(v);
            }
        }
        // A clitic on a number word only when the rest is long enough to
        // be unambiguous (ل + ستة is not a number).
        if k == 0 || c.chars().count() >= 4 {
            if let Some(v) = lex.number(c) {
                return Some(v);
            }
        }
    }
    None
}

/// The value of digits with separators. A separator before exactly three
/// digits groups thousands (1,500 / 1.500); before fewer it is a decimal
/// point (1,5 / 1.5 / ١٫٥). Gulf and Egyptian wire copy writes a decimal
/// with ر and the fraction first: 5ر6 is 6.5, 3ر42 is 42.3.
fn numeral(c: &str) -> Option<f64> {
    if let Some((fraction, whole)) = c.split_once('ر') {
        let digits = |s: &str| !s.is_empty() && s.chars().all(|x| x.is_ascii_digit());
        let whole: String = whole.chars().take_while(|x| x.is_ascii_digit()).collect();
        if digits(fraction) && digits(&whole) {
            return format!("{whole}.{fraction}").parse().ok();
        }
    }
    let chars: Vec<char> = c.chars().collect();
    let mut digits = String::new();
    for (k, &d) in chars.iter().enumerate() {
        if d.is_ascii_digit() {
            digits.push(d);
            continue;
        }
        let run = chars[k + 1..]
            .iter()
            .take_while(|x| x.is_ascii_digit())
            .count();
        match d {
            '٬' => {}
            '٫' => digits.push('.'),
            ',' | '.' if run == 3 && chars.get(k + 4).is_none_or(|x| !x.is_ascii_digit()) => {}
            ',' | '.' if run > 0 => digits.push('.'),
            _ => break,
        }
    }
    digits.parse::<f64>().ok()
}

/// A number in a content: its value, its hedge's class (أكثر من 300 is
/// `more`), and its word range.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Num {
    pub value: f64,
    pub hedge: Option<String>,
    pub from: usize,
    pub to: usize,
}

/// A number that is part of a date or a clock time (2 يونيو، 2018،
/// 22:45): a matter of time, not of quantity.
pub(super) fn is_date_or_clock(
    lex: &CompareLexicon,
    doc: &str,
    words: &[Word],
    i: usize,
    value: f64,
) -> bool {
    let month = |k: usize| super::time::month_at(lex, words, k);
    let w = &words[i];
    let year = value.fract() == 0.0
        && (1900.0..=2100.0).contains(&value)
        && w.norm.chars().all(|c| c.is_ascii_digit());
    let clock = doc.as_bytes().get(w.span[1]) == Some(&b':')
        || (w.span[0] > 0 && doc.as_bytes().get(w.span[0] - 1) == Some(&b':'));
    year || clock || month(i + 1) || (i > 0 && month(i - 1))
}

/// The quantities of a content, in order.
pub(super) fn numbers(lex: &CompareLexicon, doc: &str, words: &[Word]) -> Vec<Num> {
    let mut out: Vec<Num> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let Some(v) = number_value(lex, &words[i].norm) else {
            i += 1;
            continue;
        };
        if is_date_or_clock(lex, doc, words, i, v) {
            i += 1;
            continue;
        }
        let from = i;
        let mut value = v;
        let mut j = i + 1;
        // Scales and compounds: ثلاثة آلاف، 1.5 مليون، خمسة وعشرين.
        while j < words.len() {
            let w = &words[j].norm;
            if let Some(&s) = lex.scales.get(w.as_str()) {
                value *= s;
                j += 1;
            } else if let Some(n) = w.strip_prefix('و').and_then(|rest| lex.number(rest)) {
                value += n;
                j += 1;
            } else if value < 10.0 && j == i + 1 && (w == "عشر" || w == "عشره") {
                // The teens: ثلاثة عشر = 13، خمس عشرة = 15.
                value += 10.0;
                j += 1;
            } else {
                break;
            }
        }
        // A pair sharing its scale: بين 57 و109 مليارات is 57 billion too.
        if j == i + 1 {
            let next = words.get(j).and_then(|w| w.norm.strip_prefix('و'));
            let shared = words
                .get(j + 1)
                .and_then(|w| lex.scales.get(w.norm.as_str()));
            if let (Some(n), Some(&s)) = (next, shared) {
                if n.chars().next().is_some_and(|c| c.is_ascii_digit())
                    && number_value(lex, n).is_some()
                {
                    value *= s;
                }
            }
        }
        let (hedge, start, end) = hedge_of(lex, words, from, j);
        out.push(Num {
            value,
            hedge,
            from: start,
            to: end,
        });
        i = end;
    }
    out
}

/// The hedge of the number at words `[from, to)`: just before it (أكثر
/// من، نحو، ما يزيد على) or just after (تقريبا). Returns its class and
/// the number's range with the hedge.
fn hedge_of(
    lex: &CompareLexicon,
    words: &[Word],
    from: usize,
    to: usize,
) -> (Option<String>, usize, usize) {
    for back in 1..=3 {
        if from < back {
            break;
        }
        let w = bare(&words[from - back].norm);
        if let Some(class) = lex.hedges.get(w) {
            return (Some(class.clone()), from - back, to);
        }
        if !lex.hedge_links.contains(w) {
            break;
        }
    }
    if let Some(w) = words.get(to) {
        if let Some(class) = lex.hedges.get(bare(&w.norm)) {
            return (Some(class.clone()), from, to + 1);
        }
    }
    (None, from, to)
}

/// The day numbers, years and clock times of words `[from, to)` (2 يونيو،
/// 14:00).
fn dates(lex: &CompareLexicon, doc: &str, words: &[Word], (from, to): (usize, usize)) -> Vec<u64> {
    let mut v: Vec<u64> = (from..to)
        .filter_map(|i| {
            let x = number_value(lex, &words[i].norm)?;
            is_date_or_clock(lex, doc, words, i, x).then_some(x.to_bits())
        })
        .collect();
    v.sort_unstable();
    v
}

/// Two ranges give different dates or clock times.
pub(super) fn dates_differ(
    lex: &CompareLexicon,
    (ddoc, dw, dr): (&str, &[Word], (usize, usize)),
    (rdoc, rw, rr): (&str, &[Word], (usize, usize)),
) -> bool {
    let (a, b) = (dates(lex, ddoc, dw, dr), dates(lex, rdoc, rw, rr));
    !a.is_empty() && !b.is_empty() && a != b
}
