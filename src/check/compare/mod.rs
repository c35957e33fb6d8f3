//! Comparing what two attributions say: their words aligned after
//! normalisation, a similarity score, and the differences a fact-checker
//! must see (section 6 of the attribution guide).
//!
//! A difference is *material* when it changes a fact: a number or its
//! hedge, a negation, the modality, a time, a named entity, the stance of
//! the cue, the addressee, words added inside a direct quote. Everything
//! else is `wording`: synonyms, reordering, person shift of a translated
//! quote. Words the draft leaves out at either end are a truncation, not a
//! difference.

use crate::extract::attribution::{Attribution, Mode};
use crate::pack::Stance;
use crate::text::is_word_char;
use crate::text::normalize::normalize_str;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use similar::{capture_diff_slices, Algorithm, DiffOp};
use std::sync::OnceLock;

/// One word of a content, normalised, with its byte span in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub norm: String,
    pub span: [usize; 2],
}

/// The words of `doc[span]`, each normalised, with spans into `doc`. A
/// decimal point or thousands separator between digits stays inside its
/// number.
///
/// ```
/// let doc = "قال إن ٣٠٠ أُسرة نزحت";
/// let w = isnad::check::compare::words(doc, [0, doc.len()]);
/// assert_eq!(w[2].norm, "300");
/// assert_eq!(w[3].norm, "اسره");
/// assert_eq!(&doc[w[3].span[0]..w[3].span[1]], "أُسرة");
/// ```
pub fn words(doc: &str, span: [usize; 2]) -> Vec<Word> {
    let (from, to) = (span[0].min(doc.len()), span[1].min(doc.len()));
    let Some(text) = doc.get(from..to) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let joins = matches!(c, '.' | ',' | '٫' | '٬')
            && start.is_some()
            && k > 0
            && chars[k - 1].1.is_numeric()
            && chars.get(k + 1).is_some_and(|&(_, d)| d.is_numeric());
        if is_word_char(c) || joins {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            push_word(doc, from + s, from + i, &mut out);
        }
    }
    if let Some(s) = start {
        push_word(doc, from + s, to, &mut out);
    }
    out
}

fn push_word(doc: &str, s: usize, e: usize, out: &mut Vec<Word>) {
    let norm = normalize_str(&doc[s..e]);
    let norm = norm.trim();
    if !norm.is_empty() {
        out.push(Word {
            norm: norm.to_string(),
            span: [s, e],
        });
    }
}

/// The kinds of difference, as named in the JSON contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Number,
    Negation,
    Stance,
    Entity,
    Time,
    Addressee,
    Modality,
    Mode,
    Extension,
    Wording,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Number => "number",
            Kind::Negation => "negation",
            Kind::Stance => "stance",
            Kind::Entity => "entity",
            Kind::Time => "time",
            Kind::Addressee => "addressee",
            Kind::Modality => "modality",
            Kind::Mode => "mode",
            Kind::Extension => "extension",
            Kind::Wording => "wording",
        }
    }

    /// True when the difference changes a fact.
    pub fn is_material(self) -> bool {
        self != Kind::Wording
    }
}

/// One side of a difference: byte spans into its document (empty when the
/// words are missing on this side; then the span marks where they would be).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Side {
    pub span: [usize; 2],
}

/// A difference between a draft attribution and a reference attribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub kind: Kind,
    pub draft: Side,
    pub reference: Side,
}

/// What one side of a comparison is: an attribution, its document, its
/// content words.
pub struct Said<'a> {
    pub doc: &'a str,
    pub attribution: &'a Attribution,
    pub words: &'a [Word],
    /// The words that name something in `doc` (see [`entity_words`]).
    pub names: &'a FxHashSet<String>,
}

/// The result of comparing a draft attribution with a reference one.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// 0..1: the Indel similarity of the normalised contents, or, when one
    /// is a part of the other, how much of the shorter one the longer
    /// contains.
    pub similarity: f64,
    /// The draft's words equal a contiguous run of the reference's.
    pub exact_part: bool,
    pub differences: Vec<Difference>,
    /// Byte spans of the draft where the reference is silent: the draft
    /// goes on beyond what the reference reports.
    pub silent: Vec<[usize; 2]>,
}

impl Comparison {
    pub fn material(&self) -> bool {
        self.differences.iter().any(|d| d.kind.is_material())
    }
}

/// Words in order two contents must share to count as one statement
/// however much else each says.
const LONG_SHARED: usize = 10;

/// Words per side below which a one-sided containment does not count as
/// a match (two words are in too many sentences).
const MIN_PART_WORDS: usize = 3;

fn joined(words: &[Word]) -> String {
    let mut s = String::new();
    for w in words {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&w.norm);
    }
    s
}

/// A content prepared for scoring: its normalised words joined by spaces,
/// and one hash per word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    joined: String,
    ids: Vec<u64>,
}

/// The scoring key of a word sequence.
pub fn key(words: &[Word]) -> Key {
    use std::hash::BuildHasher;
    let build = rustc_hash::FxBuildHasher;
    Key {
        joined: joined(words),
        ids: words
            .iter()
            .map(|w| build.hash_one(bare(&w.norm)))
            .collect(),
    }
}

/// The similarity of two word sequences (0..1): the larger of the Indel
/// ratio of their joined normalised words (spelling and morphology
/// variants score high) and, when the shorter side has at least three
/// words, the share of the shorter side's words found in order in the
/// longer one (a quote that is a part of a longer one scores 1).
pub fn similarity(a: &[Word], b: &[Word]) -> f64 {
    similarity_keys(&key(a), &key(b))
}

/// The Indel ratio of two prepared keys: symmetric, so a short content
/// inside a long one does not score high.
pub fn ratio_keys(a: &Key, b: &Key) -> f64 {
    rapidfuzz::distance::indel::normalized_similarity(a.joined.chars(), b.joined.chars())
}

/// [`similarity`] on prepared keys.
pub fn similarity_keys(a: &Key, b: &Key) -> f64 {
    if a.ids.is_empty() || b.ids.is_empty() {
        return 0.0;
    }
    let ratio =
        rapidfuzz::distance::indel::normalized_similarity(a.joined.chars(), b.joined.chars());
    let (na, nb) = (a.ids.len(), b.ids.len());
    let shorter = na.min(nb);
    let part = if shorter >= MIN_PART_WORDS {
        let dist =
            rapidfuzz::distance::indel::distance(a.ids.iter().copied(), b.ids.iter().copied());
        let lcs = (na + nb - dist) / 2;
        // Two contents that each go beyond a long shared passage (the
        // extractor bounded them differently) still report one statement:
        // ten words in order are not shared by chance.
        let shared_run = if lcs >= LONG_SHARED {
            0.7 + 0.3 * lcs as f64 / shorter as f64
        } else {
            0.0
        };
        (lcs as f64 / shorter as f64).max(shared_run)
    } else {
        0.0
    };
    // Reordered clauses (ملف القمح ما زال العقبة / العقبة ما زالت ملف
    // القمح): the share of the shorter side's distinct words the other has,
    // a little below a match in order.
    let bag = if shorter >= MIN_PART_WORDS {
        let (small, large) = if na <= nb {
            (&a.ids, &b.ids)
        } else {
            (&b.ids, &a.ids)
        };
        let mut s: Vec<u64> = small.clone();
        s.sort_unstable();
        s.dedup();
        let mut l: Vec<u64> = large.clone();
        l.sort_unstable();
        l.dedup();
        let common = s.iter().filter(|x| l.binary_search(x).is_ok()).count();
        0.9 * common as f64 / s.len() as f64
    } else {
        0.0
    };
    ratio.max(part).max(bag)
}

/// Stance classes: asserting or neutral reporting, denial, distance.
fn stance_class(s: Stance) -> u8 {
    match s {
        Stance::Deny => 1,
        Stance::Distance => 2,
        _ => 0,
    }
}

struct Lists {
    negations: FxHashSet<String>,
    modals: FxHashSet<String>,
    /// Time words: their class (0 weekday, 1 month, 2 part of the day,
    /// 3 relative) and a canonical form shared by synonyms.
    times: FxHashMap<String, (u8, &'static str)>,
    hedges: FxHashSet<String>,
    numbers: FxHashMap<String, f64>,
    scales: FxHashMap<String, f64>,
    entity_heads: FxHashSet<String>,
    /// Function words that are never part of a name.
    not_names: FxHashSet<String>,
    /// Heads that name a place generically (المدينة): alone they name
    /// nothing in particular.
    place_heads: FxHashSet<String>,
}

fn set(words: &[&str]) -> FxHashSet<String> {
    words.iter().map(|w| normalize_str(w)).collect()
}

fn time_table() -> FxHashMap<String, (u8, &'static str)> {
    let entries: &[(u8, &str, &[&str])] = &[
        (0, "mon", &["الاثنين", "الإثنين"]),
        (0, "tue", &["الثلاثاء"]),
        (0, "wed", &["الأربعاء"]),
        (0, "thu", &["الخميس"]),
        (0, "fri", &["الجمعة"]),
        (0, "sat", &["السبت"]),
        (0, "sun", &["الأحد"]),
        (1, "01", &["يناير"]),
        (1, "02", &["فبراير", "شباط"]),
        (1, "03", &["مارس", "آذار"]),
        (1, "04", &["أبريل", "إبريل", "نيسان"]),
        (1, "05", &["مايو", "أيار"]),
        (1, "06", &["يونيو", "حزيران"]),
        (1, "07", &["يوليو", "تموز"]),
        (1, "08", &["أغسطس", "آب"]),
        (1, "09", &["سبتمبر", "أيلول"]),
        (1, "10", &["أكتوبر"]),
        (1, "11", &["نوفمبر"]),
        (1, "12", &["ديسمبر"]),
        (
            2,
            "morning",
            &["صباحا", "صباح", "الصباح", "فجرا", "فجر", "الفجر"],
        ),
        (2, "noon", &["ظهرا", "ظهر", "الظهر"]),
        (2, "evening", &["مساء", "المساء", "عشية"]),
        (2, "night", &["ليلا", "ليل", "الليل", "الليلة", "ليلة"]),
        (2, "day", &["النهار", "نهارا"]),
        (3, "yesterday", &["أمس", "البارحة"]),
        (3, "today", &["اليوم"]),
        (3, "tomorrow", &["غدا"]),
        (
            3,
            "last",
            &[
                "الماضي",
                "الماضية",
                "السابق",
                "السابقة",
                "المنصرم",
                "المنصرمة",
            ],
        ),
        (3, "next", &["المقبل", "المقبلة", "القادم", "القادمة"]),
    ];
    let mut t = FxHashMap::default();
    for (class, canon, words) in entries {
        for w in *words {
            t.insert(normalize_str(w), (*class, *canon));
        }
    }
    t
}

fn lists() -> &'static Lists {
    static L: OnceLock<Lists> = OnceLock::new();
    L.get_or_init(|| Lists {
        negations: set(&[
            "الغير",
            "لا",
            "لم",
            "لن",
            "ليس",
            "ليست",
            "لست",
            "لسنا",
            "ليسوا",
            "غير",
            "عدم",
            // بعدم، لعدم: for not, by not.
            "بعدم",
            "لعدم",
            "لما",
        ]),
        // Possibility (يمكن، ممكن) is left out: «لا يمكن» and «لم يعد ممكنا»
        // say the same, and a negation already counts there.
        // سوف is the future, as the prefix سـ is (سوف يظهر = سيظهر), not a
        // modality to compare.
        modals: set(&["قد", "ربما", "لعل", "ربّما"]),
        times: time_table(),
        hedges: set(&[
            "أكثر",
            "أقل",
            "نحو",
            "حوالي",
            "حوالى",
            "قرابة",
            "زهاء",
            "يقرب",
            "يزيد",
            "يقل",
            "أزيد",
            "تقريبا",
            "أقرب",
            "يناهز",
            "ناهز",
            "يفوق",
            "فقط",
        ]),
        numbers: [
            ("واحد", 1.0),
            ("واحدة", 1.0),
            ("اثنان", 2.0),
            ("اثنين", 2.0),
            ("اثنتان", 2.0),
            ("اثنتين", 2.0),
            ("ثلاث", 3.0),
            ("ثلاثة", 3.0),
            ("أربع", 4.0),
            ("أربعة", 4.0),
            ("خمس", 5.0),
            ("خمسة", 5.0),
            ("ست", 6.0),
            ("ستة", 6.0),
            ("سبع", 7.0),
            ("سبعة", 7.0),
            ("ثمان", 8.0),
            ("ثماني", 8.0),
            ("ثمانية", 8.0),
            ("تسع", 9.0),
            ("تسعة", 9.0),
            ("عشر", 10.0),
            ("عشرة", 10.0),
            ("عشرون", 20.0),
            ("عشرين", 20.0),
            ("ثلاثون", 30.0),
            ("ثلاثين", 30.0),
            ("أربعون", 40.0),
            ("أربعين", 40.0),
            ("خمسون", 50.0),
            ("خمسين", 50.0),
            ("ستون", 60.0),
            ("ستين", 60.0),
            ("سبعون", 70.0),
            ("سبعين", 70.0),
            ("ثمانون", 80.0),
            ("ثمانين", 80.0),
            ("تسعون", 90.0),
            ("تسعين", 90.0),
            ("مائة", 100.0),
            ("مئة", 100.0),
            ("مائتين", 200.0),
            ("مئتين", 200.0),
            ("مائتان", 200.0),
            ("مئتان", 200.0),
            ("ألف", 1000.0),
            ("ألفا", 1000.0),
            ("ألفين", 2000.0),
            ("ألفان", 2000.0),
            ("مليون", 1e6),
            ("مليونا", 1e6),
            ("مليونين", 2e6),
            ("مليار", 1e9),
            ("مليارا", 1e9),
            ("نصف", 0.5),
            ("ربع", 0.25),
            ("ثلث", 1.0 / 3.0),
            ("عشرات", 10.0),
            ("مئات", 100.0),
            ("آلاف", 1000.0),
            ("ملايين", 1e6),
        ]
        .iter()
        .map(|(w, v)| (normalize_str(w), *v))
        .collect(),
        scales: [
            ("ألف", 1e3),
            ("آلاف", 1e3),
            ("ألفا", 1e3),
            ("مليون", 1e6),
            ("ملايين", 1e6),
            ("مليونا", 1e6),
            ("مليار", 1e9),
            ("مليارات", 1e9),
            ("مليارا", 1e9),
            ("بليون", 1e9),
            ("مائة", 100.0),
            ("مئة", 100.0),
        ]
        .iter()
        .map(|(w, v)| (normalize_str(w), *v))
        .collect(),
        entity_heads: set(&[
            "مدينة",
            "قرية",
            "ولاية",
            "بلدة",
            "محافظة",
            "منطقة",
            "وزارة",
            "جمعية",
            "شركة",
            "حزب",
            "نادي",
            "منتخب",
            "دولة",
            "جزيرة",
            "مطار",
            "ميناء",
            "جامعة",
            "مستشفى",
            "سد",
            "نهر",
            "إقليم",
            "مقاطعة",
            "حي",
            "مخيم",
            "هيئة",
            "مجلس",
            "اتحاد",
            "خطة",
            "عملية",
            "مشروع",
        ]),
        not_names: set(&[
            "لكن",
            "ولكن",
            "بل",
            "ذاته",
            "ذاتها",
            "نفسه",
            "نفسها",
            "هذا",
            "هذه",
            "ذلك",
            "تلك",
            "الذي",
            "التي",
            "الذين",
            "أنه",
            "أنها",
            "إنه",
            "إنها",
            "قوله",
            "قولها",
            "بعد",
            "قبل",
            "خلال",
            "حول",
            "بين",
            "عند",
            "كما",
            "أيضا",
            "حتى",
            "منذ",
        ]),
        place_heads: set(&[
            "مدينة",
            "قرية",
            "ولاية",
            "بلدة",
            "محافظة",
            "منطقة",
            "دولة",
            "جزيرة",
            "إقليم",
            "مقاطعة",
            "حي",
            "مخيم",
            "نهر",
            "عملية",
            "مشروع",
            "خطة",
        ]),
    })
}

/// The word without a leading و or ف (and, so), when what remains is a
/// word of its own.
fn bare(w: &str) -> &str {
    for p in ["و", "ف"] {
        if let Some(rest) = w.strip_prefix(p) {
            if rest.chars().count() >= 2 {
                return rest;
            }
        }
    }
    w
}

/// Prefixes a number word or numeral may carry: و، ب، ل، ك، and ال.
fn number_value(w: &str) -> Option<f64> {
    let l = lists();
    let mut cands = vec![w];
    for p in ["و", "ب", "ل", "ك", "وب", "ول"] {
        if let Some(rest) = w.strip_prefix(p) {
            cands.push(rest);
        }
    }
    // Digits glued to a short prefix: الـ31، من15، بـ2.
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
            // A separator before exactly three digits groups thousands
            // (1,500 / 1.500); before fewer it is a decimal point (1,5 /
            // 1.5 / ١٫٥).
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
                    ',' | '.'
                        if run == 3 && chars.get(k + 4).is_none_or(|x| !x.is_ascii_digit()) => {}
                    ',' | '.' if run > 0 => digits.push('.'),
                    _ => break,
                }
            }
            if let Ok(v) = digits.parse::<f64>() {
                return Some(v);
            }
        }
        // A clitic on a number word only when the rest is long enough to
        // be unambiguous (ل + ستة is not a number).
        if k == 0 || c.chars().count() >= 4 {
            if let Some(&v) = l.numbers.get(c) {
                return Some(v);
            }
        }
    }
    None
}

/// Hedges that say the same thing are one hedge: أكثر من = ما يزيد على.
fn hedge_class(w: &str) -> String {
    let class = match w {
        "اكثر" | "يزيد" | "ازيد" | "يفوق" => "more",
        "اقل" | "يقل" => "less",
        "فقط" => "only",
        _ => "about",
    };
    class.to_string()
}

/// A number in a content: its value, whether it is hedged (أكثر من 300),
/// and its word range.
#[derive(Debug, Clone, PartialEq)]
struct Num {
    value: f64,
    hedge: Option<String>,
    from: usize,
    to: usize,
}

/// A number that is part of a date or a clock time (2 يونيو، 2018،
/// 22:45): a matter of time, not of quantity.
fn is_date_or_clock(doc: &str, words: &[Word], i: usize, value: f64) -> bool {
    let l = lists();
    let month = |k: usize| {
        words
            .get(k)
            .and_then(|w| l.times.get(bare(&w.norm)))
            .is_some_and(|t| t.0 == 1)
    };
    let w = &words[i];
    let year = value.fract() == 0.0
        && (1900.0..=2100.0).contains(&value)
        && w.norm.chars().all(|c| c.is_ascii_digit());
    let clock = doc.as_bytes().get(w.span[1]) == Some(&b':')
        || (w.span[0] > 0 && doc.as_bytes().get(w.span[0] - 1) == Some(&b':'));
    year || clock || month(i + 1) || (i > 0 && month(i - 1))
}

fn numbers(doc: &str, words: &[Word]) -> Vec<Num> {
    let l = lists();
    let mut out: Vec<Num> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let Some(v) = number_value(&words[i].norm) else {
            i += 1;
            continue;
        };
        if is_date_or_clock(doc, words, i, v) {
            i += 1;
            continue;
        }
        let from = i;
        let mut value = v;
        let mut j = i + 1;
        // Scales and compounds: ثلاثة آلاف، 1.5 مليون، خمسة وعشرين.
        while j < words.len() {
            let w = &words[j].norm;
            if let Some(&s) = l.scales.get(w.as_str()) {
                value *= s;
                j += 1;
            } else if w.starts_with('و') && l.numbers.contains_key(&w['و'.len_utf8()..]) {
                value += l.numbers[&w['و'.len_utf8()..]];
                j += 1;
            } else {
                break;
            }
        }
        // A hedge just before (أكثر من، نحو، ما يزيد على) or after (تقريبا).
        let mut hedge = None;
        let mut start = from;
        for back in 1..=3 {
            if from < back {
                break;
            }
            let w = bare(&words[from - back].norm);
            if l.hedges.contains(w) {
                hedge = Some(hedge_class(w));
                start = from - back;
                break;
            }
            if !matches!(w, "من" | "عن" | "علي" | "ما") {
                break;
            }
        }
        if hedge.is_none() {
            if let Some(w) = words.get(j) {
                if l.hedges.contains(bare(&w.norm)) {
                    hedge = Some(hedge_class(bare(&w.norm)));
                    j += 1;
                }
            }
        }
        out.push(Num {
            value,
            hedge,
            from: start,
            to: j,
        });
        i = j;
    }
    out
}

fn span_of(words: &[Word], from: usize, to: usize, at: usize) -> Side {
    if from < to && to <= words.len() {
        Side {
            span: [words[from].span[0], words[to - 1].span[1]],
        }
    } else {
        // Empty: mark the place where the words would be.
        let p = if from < words.len() {
            words[from].span[0]
        } else {
            words.last().map_or(at, |w| w.span[1])
        };
        Side { span: [p, p] }
    }
}

/// The verbs that make «لا يزال، ما زال، لم يبرح» mean "still".
const STILL: [&str; 12] = [
    "زال", "يزال", "تزال", "نزال", "ازال", "زلت", "زلنا", "يبرح", "تبرح", "برح", "ينفك", "تنفك",
];

/// Negations in `words[from..to]`; غير أن (however) is not one.
fn negation_count(words: &[Word], from: usize, to: usize) -> usize {
    let l = lists();
    (from..to)
        .filter(|&k| {
            let b = bare(&words[k].norm);
            let next = words.get(k + 1).map_or("", |n| n.norm.as_str());
            l.negations.contains(b)
                // غير أن: however.
                && !(b == "غير" && matches!(next, "ان" | "انه" | "انها"))
                // لا يزال، ما زال: still.
                && !STILL.iter().any(|s| next.starts_with(s))
        })
        .count()
}

/// Modal قد only before an imperfect verb (قد يتأخر: may be late); before a
/// perfect verb (قد تلقت) it confirms and is not a modality.
fn modal_count(words: &[Word], from: usize, to: usize) -> usize {
    let l = lists();
    let mut n = 0;
    for (k, w) in words.iter().enumerate().take(to).skip(from) {
        let b = bare(&w.norm);
        if !l.modals.contains(b) {
            continue;
        }
        if b == "قد" {
            // قد لا يقدم: the verb comes after the negation.
            let mut next = words.get(k + 1).map(|x| x.norm.as_str()).unwrap_or("");
            if l.negations.contains(next) {
                next = words.get(k + 2).map(|x| x.norm.as_str()).unwrap_or("");
            }
            // تم (was done) is perfect though it starts like تفعل.
            let imperfect = next != "تم"
                && (next.starts_with('ي')
                    || next.starts_with('ن')
                    || (next.starts_with('ت') && !next.ends_with('ت')));
            if !imperfect {
                continue;
            }
        }
        n += 1;
    }
    n
}

/// The time words of a hunk: (class, canonical form), sorted.
fn time_words(words: &[Word]) -> Vec<(u8, &'static str)> {
    let l = lists();
    let mut v: Vec<(u8, &'static str)> = words
        .iter()
        .filter_map(|w| l.times.get(bare(&w.norm)).copied())
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// The day numbers, years and clock times of a hunk (2 يونيو، 14:00).
fn dates(doc: &str, words: &[Word], (from, to): (usize, usize)) -> Vec<u64> {
    let mut v: Vec<u64> = (from..to)
        .filter_map(|i| {
            let x = number_value(&words[i].norm)?;
            is_date_or_clock(doc, words, i, x).then_some(x.to_bits())
        })
        .collect();
    v.sort_unstable();
    v
}

/// Two hunks give different dates or clock times.
fn dates_differ(
    ddoc: &str,
    dw: &[Word],
    dr: (usize, usize),
    rdoc: &str,
    rw: &[Word],
    rr: (usize, usize),
) -> bool {
    let (a, b) = (dates(ddoc, dw, dr), dates(rdoc, rw, rr));
    !a.is_empty() && !b.is_empty() && a != b
}

/// Two hunks name different times: a class of time (weekday, month, part
/// of the day, relative) on both sides, with different values. «اليوم» and
/// «الجمعة» can both be true and are not compared.
fn times_differ(a: &[(u8, &str)], b: &[(u8, &str)]) -> bool {
    (0..4u8).any(|c| {
        let x: Vec<&str> = a.iter().filter(|t| t.0 == c).map(|t| t.1).collect();
        let y: Vec<&str> = b.iter().filter(|t| t.0 == c).map(|t| t.1).collect();
        !x.is_empty() && !y.is_empty() && x != y
    })
}

/// Words that name something in a document: the words of its sources'
/// names and the word after a place or body head (قرية عين الريحان).
pub fn entity_words(doc: &str, attributions: &[Attribution]) -> FxHashSet<String> {
    let l = lists();
    let mut out = FxHashSet::default();
    for a in attributions {
        if matches!(
            a.source.kind,
            crate::extract::attribution::SourceKind::Person
                | crate::extract::attribution::SourceKind::Organization
        ) {
            // Only names the extractor found next to a cue or through a
            // title; function words it let slip into a name are not names.
            if !matches!(
                a.source.resolution,
                crate::extract::attribution::Resolution::Explicit
                    | crate::extract::attribution::Resolution::Apposition
            ) {
                continue;
            }
            for w in words(&a.source.canonical, [0, a.source.canonical.len()]) {
                if w.norm.chars().count() >= 3
                    && !l.entity_heads.contains(&w.norm)
                    && !l.not_names.contains(bare(&w.norm))
                {
                    out.insert(w.norm);
                }
            }
        }
    }
    let all = words(doc, [0, doc.len()]);
    for k in 0..all.len().saturating_sub(1) {
        let head = bare(&all[k].norm);
        let head = head
            .strip_prefix("ب")
            .filter(|_| !l.entity_heads.contains(head))
            .unwrap_or(head);
        if l.entity_heads.contains(head) {
            // The name after the head: one or two words (قرية عين الريحان).
            // A second word only after a first without the article (عين
            // الريحان, but not الزيتونة لإيوائها).
            for (n, w) in all[k + 1..].iter().take(2).enumerate() {
                let w = &w.norm;
                if w.chars().count() < 2
                    || l.negations.contains(w.as_str())
                    || l.entity_heads.contains(w.as_str())
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

/// Compare a draft attribution with a reference attribution.
pub fn compare<'a>(draft: &Said<'a>, reference: &Said<'a>) -> Comparison {
    // A word names something when it does in either document.
    let entities = [draft.names, reference.names];
    let (dw, rw) = (draft.words, reference.words);
    let score = similarity(dw, rw);
    // Aligned without the conjunction clitic where the other spelling is
    // there too: ووفدنا and وفدنا are one word, but وفدنا alone keeps its و.
    let vocab: FxHashSet<&str> = dw
        .iter()
        .chain(rw.iter())
        .map(|w| w.norm.as_str())
        .collect();
    let align_key = |w: &'a Word| -> &'a str {
        let b = bare(&w.norm);
        if b.len() < w.norm.len() && vocab.contains(b) {
            b
        } else {
            &w.norm
        }
    };
    let dn: Vec<&str> = dw.iter().map(align_key).collect();
    let rn: Vec<&str> = rw.iter().map(align_key).collect();
    let ops = capture_diff_slices(Algorithm::Myers, &dn, &rn);
    let mut differences = Vec::new();
    let hunks: Vec<(usize, usize, usize, usize)> = ops
        .iter()
        .filter_map(|op| match *op {
            DiffOp::Equal { .. } => None,
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => Some((old_index, old_index + old_len, new_index, new_index)),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => Some((old_index, old_index, new_index, new_index + new_len)),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => Some((
                old_index,
                old_index + old_len,
                new_index,
                new_index + new_len,
            )),
        })
        .collect();
    // Merge hunks separated by nothing (a delete followed by an insert).
    let mut merged: Vec<(usize, usize, usize, usize)> = Vec::new();
    for h in hunks {
        match merged.last_mut() {
            Some(m) if m.1 == h.0 && m.3 == h.2 => {
                m.1 = h.1;
                m.3 = h.3;
            }
            _ => merged.push(h),
        }
    }
    let exact_part = merged.iter().all(|&(ds, de, rs, re)| {
        ds == de && (rs == 0 || re == rw.len()) && (ds == 0 || ds == dw.len())
    }) && !dw.is_empty();

    let last = merged.len();
    // Where the draft goes on beyond what the reference reports (words
    // before the first shared word or after the last one, with nothing on
    // the reference's side), the reference is silent: it neither confirms
    // nor contradicts what the draft says there. A lone particle at the
    // edge (لم | يتلق) is not such a passage: it changes the shared words.
    let silent = |k: usize, (ds, de, rs, re): (usize, usize, usize, usize)| {
        let leading = k == 0 && ds == 0 && rs == 0;
        let trailing = k + 1 == last && de == dw.len() && re == rw.len();
        (leading || trailing) && rs == re && de - ds >= 3 && de - ds < dw.len()
    };
    let in_silent = |pos: usize| {
        merged
            .iter()
            .enumerate()
            .any(|(k, &h)| silent(k, h) && h.0 <= pos && pos < h.1)
    };
    // Numbers: every number of the draft must be in the reference with
    // the same hedge; numbers the draft leaves out are a truncation.
    let dnums: Vec<_> = numbers(draft.doc, dw)
        .into_iter()
        .filter(|n| !in_silent(n.from))
        .collect();
    let rnums = numbers(reference.doc, rw);
    let mut used = vec![false; rnums.len()];
    let mut bad_numbers = Vec::new();
    for d in &dnums {
        let same = (0..rnums.len())
            .find(|&k| !used[k] && rnums[k].value == d.value && rnums[k].hedge == d.hedge);
        if let Some(k) = same {
            used[k] = true;
        } else {
            bad_numbers.push(d.clone());
        }
    }
    for d in bad_numbers {
        // The reference number aligned with it: the one whose position in
        // the reference best matches the draft number's neighbourhood.
        let target = aligned_position(&ops, d.from);
        let r = (0..rnums.len())
            .filter(|&k| !used[k])
            .min_by_key(|&k| (rnums[k].from as isize - target as isize).unsigned_abs());
        let reference = match r {
            Some(k) => {
                used[k] = true;
                span_of(rw, rnums[k].from, rnums[k].to, 0)
            }
            None => span_of(rw, target, target, 0),
        };
        differences.push(Difference {
            kind: Kind::Number,
            draft: span_of(dw, d.from, d.to, 0),
            reference,
        });
    }

    // Where the reference goes on beyond what the draft reports (before the
    // first shared word or after the last one), or leaves out a whole
    // clause in the middle, the draft has truncated it: only what the
    // draft adds there counts.
    let truncated = |k: usize, (ds, de, rs, re): (usize, usize, usize, usize)| {
        let leading = k == 0 && ds == 0 && rs == 0;
        let trailing = k + 1 == last && de == dw.len() && re == rw.len();
        let (dl, rl) = (de - ds, re - rs);
        // A negation or modal just outside the draft's words (لم | يتلق أي
        // تقرير) was dropped, not cut: it belongs to the clause the draft
        // reports.
        let particle = rl <= 2 && (negation_count(rw, rs, re) > 0 || modal_count(rw, rs, re) > 0);
        // A reference side four or more words longer: a passage the
        // draft leaves out, wherever it is.
        ((leading || trailing) && (dl == 0 || rl > dl + 2) && !particle) || rl >= dl + 4
    };
    // Negations and modals are compared in total over what both sides
    // report, so that a reordered sentence moves them without changing
    // them.
    let window = |count: &dyn Fn(&[Word], usize, usize) -> usize| -> (usize, usize) {
        let mut r_total = count(rw, 0, rw.len());
        for (k, &h) in merged.iter().enumerate() {
            if truncated(k, h) {
                r_total -= count(rw, h.2, h.3).min(r_total);
            }
        }
        let mut d_total = count(dw, 0, dw.len());
        for (k, &h) in merged.iter().enumerate() {
            if silent(k, h) {
                d_total -= count(dw, h.0, h.1).min(d_total);
            }
        }
        (d_total, r_total)
    };
    let neg_count = negation_count;
    let (neg_d, neg_r) = window(&neg_count);
    let (mod_d, mod_r) = window(&modal_count);
    let stance_changed = stance_class(draft.attribution.cue.stance)
        != stance_class(reference.attribution.cue.stance);
    // نفى أن تكون تلقت = أكد أنها لم تتلق: a denial and a negation cancel
    // (negations counted over what both sides report).
    let polarity = |s: Stance, negations: usize| (s == Stance::Deny) as usize ^ (negations % 2);
    let cancels = stance_changed
        && stance_class(draft.attribution.cue.stance) != 2
        && stance_class(reference.attribution.cue.stance) != 2
        && polarity(draft.attribution.cue.stance, neg_d)
            == polarity(reference.attribution.cue.stance, neg_r);
    // Only a direct quote presents every word as the speaker's; a mixed
    // content's words outside the marks are the reporter's.
    let direct = draft.attribution.mode == Mode::Direct;
    for (k, &(ds, de, rs, re)) in merged.iter().enumerate() {
        let (d, r) = (&dw[ds..de], &rw[rs..re]);
        let cut = truncated(k, (ds, de, rs, re));
        if cut && d.is_empty() {
            continue;
        }
        let quiet = silent(k, (ds, de, rs, re));
        let dside = span_of(dw, ds, de, 0);
        let rside = span_of(rw, rs, re, 0);
        let has_number = !numbers(draft.doc, d).is_empty() || !numbers(reference.doc, r).is_empty();
        // On a cut hunk the reference side's words are not compared, only
        // what the draft says there.
        let (nd, nr) = (
            neg_count(dw, ds, de),
            if cut { 0 } else { neg_count(rw, rs, re) },
        );
        let (md, mr) = (
            modal_count(dw, ds, de),
            if cut { 0 } else { modal_count(rw, rs, re) },
        );
        let tw = (time_words(d), time_words(r));
        let swapped = entity_swap(d, r, &dn, &rn, &entities);
        let kind = if direct
            && r.is_empty()
            && d.len() >= 4
            && shared(d, rw) * 2 < d.len()
            && !in_document(d, reference.doc)
        {
            // Words inside the draft's quote that the reference does not
            // have: whatever they say, they were put in the speaker's mouth.
            Kind::Extension
        } else if quiet {
            Kind::Wording
        } else if neg_d != neg_r && nd != nr && !cancels && !same_letters(d, r) {
            Kind::Negation
        } else if mod_d != mod_r && md != mr {
            Kind::Modality
        } else if !cut
            && (times_differ(&tw.0, &tw.1)
                || dates_differ(draft.doc, dw, (ds, de), reference.doc, rw, (rs, re)))
        {
            Kind::Time
        } else if !cut && swapped {
            Kind::Entity
        } else {
            Kind::Wording
        };
        if cut && kind == Kind::Wording {
            continue;
        }
        // Numbers were judged as a whole above; a hunk that only re-spells
        // a number (٣٠٠ / ثلاثمائة) is wording.
        if kind == Kind::Wording && has_number {
            let covered = differences
                .iter()
                .any(|x: &Difference| x.kind == Kind::Number && overlaps(x.draft.span, dside.span));
            if covered {
                continue;
            }
        }
        differences.push(Difference {
            kind,
            draft: dside,
            reference: rside,
        });
    }
    if stance_changed && !cancels {
        differences.push(Difference {
            kind: Kind::Stance,
            draft: Side {
                span: draft.attribution.cue.span,
            },
            reference: Side {
                span: reference.attribution.cue.span,
            },
        });
    }
    if let (Some(a), Some(b)) = (
        &draft.attribution.addressee,
        &reference.attribution.addressee,
    ) {
        let (wa, wb) = (words(draft.doc, a.span), words(reference.doc, b.span));
        // A pronoun (لهم، له) names nobody to compare with.
        let pronoun = |w: &[Word]| {
            w.len() == 1
                && matches!(
                    w[0].norm.as_str(),
                    "له" | "لها"
                        | "لهم"
                        | "لهما"
                        | "لهن"
                        | "لنا"
                        | "لي"
                        | "لكم"
                        | "لك"
                        | "اليه"
                        | "اليها"
                        | "اليهم"
                )
        };
        // Different only when no word is shared (للصحافيين / لصحافيين في
        // مرفأ المدينة are the same people).
        let stem = |w: &Word| -> String {
            let n = w.norm.as_str();
            let n = n
                .strip_prefix("لل")
                .or_else(|| n.strip_prefix("ل"))
                .unwrap_or(n);
            n.strip_prefix("ال").unwrap_or(n).to_string()
        };
        let common = wa.iter().any(|x| wb.iter().any(|y| stem(x) == stem(y)));
        if !pronoun(&wa) && !pronoun(&wb) && !common {
            differences.push(Difference {
                kind: Kind::Addressee,
                draft: Side { span: a.span },
                reference: Side { span: b.span },
            });
        }
    }
    differences.sort_by_key(|d| (d.draft.span, d.kind));
    let silent = merged
        .iter()
        .enumerate()
        .filter(|&(k, &h)| silent(k, h))
        .map(|(_, &(ds, de, _, _))| span_of(dw, ds, de, 0).span)
        .collect();
    Comparison {
        similarity: score,
        exact_part,
        differences,
        silent,
    }
}

/// The reference document has the words (its attribution's content may
/// have been cut shorter than the quote marks).
fn in_document(d: &[Word], doc: &str) -> bool {
    let all = words(doc, [0, doc.len()]);
    shared(d, &all) * 2 >= d.len()
}

/// The two sides are the same letters spaced differently (لاإنسانية / لا
/// إنسانية، ألا / أن لا).
fn same_letters(d: &[Word], r: &[Word]) -> bool {
    let squeeze = |w: &[Word]| -> String {
        let s: String = w.iter().map(|x| x.norm.as_str()).collect();
        s.replace("انلا", "الا")
    };
    !d.is_empty() && squeeze(d) == squeeze(r)
}

/// One named thing swapped for another: names on both sides that do not
/// match even loosely (كومينتانغ / كومينتانج is one name), or heads of
/// different bodies (الوزارة / الاتحاد). A head alone that the other side
/// names in full (المطار / مطار التيفور) is the same thing.
fn entity_swap(
    d: &[Word],
    r: &[Word],
    dn: &[&str],
    rn: &[&str],
    entities: &[&FxHashSet<String>; 2],
) -> bool {
    let l = lists();
    let head = |w: &str| -> Option<String> {
        let h = w.strip_prefix("ال").unwrap_or(w);
        (l.entity_heads.contains(h) && !l.place_heads.contains(h)).then(|| h.to_string())
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
    let loose = |a: &String, b: &String| a == b || strsim::jaro_winkler(a, b) >= 0.85;
    let names_swapped =
        !nd.is_empty() && !nr.is_empty() && !nd.iter().any(|a| nr.iter().any(|b| loose(a, b)));
    let heads_swapped = !hd.is_empty() && !hr.is_empty() && !hd.iter().any(|a| hr.contains(a));
    names_swapped || heads_swapped
}

/// How many of `d`'s words `r` has (clitic و/ف aside).
fn shared(d: &[Word], r: &[Word]) -> usize {
    d.iter()
        .filter(|w| r.iter().any(|x| bare(&x.norm) == bare(&w.norm)))
        .count()
}

fn overlaps(a: [usize; 2], b: [usize; 2]) -> bool {
    a[0] < b[1] && b[0] < a[1] || a == b
}

/// The reference word index that draft word `i` aligns with.
fn aligned_position(ops: &[DiffOp], i: usize) -> usize {
    for op in ops {
        let (os, ol, ns, nl) = match *op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => (old_index, len, new_index, len),
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (old_index, old_len, new_index, 0),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (old_index, 0, new_index, new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (old_index, old_len, new_index, new_len),
        };
        if i >= os && i < os + ol.max(1) {
            return ns + (i - os).min(nl.saturating_sub(1));
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Engine;

    fn pair(draft: &str, reference: &str) -> Comparison {
        let e = Engine::default();
        let (a, b) = (e.extract(draft), e.extract(reference));
        let (a, b) = (&a.attributions[0], &b.attributions[0]);
        let (wa, wb) = (
            words(draft, a.content.span),
            words(reference, b.content.span),
        );
        let (na, nb) = (
            entity_words(draft, std::slice::from_ref(a)),
            entity_words(reference, std::slice::from_ref(b)),
        );
        compare(
            &Said {
                doc: draft,
                attribution: a,
                words: &wa,
                names: &na,
            },
            &Said {
                doc: reference,
                attribution: b,
                words: &wb,
                names: &nb,
            },
        )
    }

    fn kinds(c: &Comparison) -> Vec<&'static str> {
        c.differences.iter().map(|d| d.kind.as_str()).collect()
    }

    #[test]
    fn same_words_in_another_spelling_differ_in_nothing() {
        let c = pair(
            "وقال الوزير سامر الخطيب إن «المياه انحسرت عن ٣٠٠ منزل».",
            "وقال الوزير سامر الخطيب إن \"المياه انحسرت عن 300 منزل\".",
        );
        assert!(c.differences.is_empty(), "{:?}", c.differences);
        assert!(c.exact_part);
        assert!(c.similarity > 0.99);
    }

    #[test]
    fn a_changed_number_and_a_dropped_hedge_are_numbers() {
        let c = pair(
            "وقال المحافظ سامر الخطيب إن 150 أسرة نزحت.",
            "وقال المحافظ سامر الخطيب إن 100 أسرة نزحت.",
        );
        assert_eq!(kinds(&c), ["number"]);
        let c = pair(
            "وقال المحافظ سامر الخطيب إن 300 أسرة نزحت.",
            "وقال المحافظ سامر الخطيب إن أكثر من 300 أسرة نزحت.",
        );
        assert_eq!(kinds(&c), ["number"]);
        // A number word and its digits are the same number.
        let c = pair(
            "وقال المحافظ سامر الخطيب إن ثلاثة آلاف أسرة نزحت.",
            "وقال المحافظ سامر الخطيب إن 3000 أسرة نزحت.",
        );
        assert!(!c.material(), "{:?}", c.differences);
    }

    #[test]
    fn an_added_negation_is_material_and_a_denial_cancels_one() {
        let c = pair(
            "وقال الوزير سامر الخطيب إن الوزارة لم تتلق أي تحذير.",
            "وقال الوزير سامر الخطيب إن الوزارة تلقت تحذيرا.",
        );
        assert!(kinds(&c).contains(&"negation"));
        let c = pair(
            "ونفى الوزير سامر الخطيب أن تكون الوزارة تلقت أي تحذير.",
            "وأكد الوزير سامر الخطيب أن الوزارة لم تتلق أي تحذير.",
        );
        assert!(
            !kinds(&c).contains(&"negation") && !kinds(&c).contains(&"stance"),
            "{:?}",
            kinds(&c)
        );
        let c = pair(
            "ونفى الوزير سامر الخطيب أن تكون الوزارة تلقت تحذيرا.",
            "وأكد الوزير سامر الخطيب أن الوزارة تلقت تحذيرا.",
        );
        let material: Vec<_> = c
            .differences
            .iter()
            .filter(|d| d.kind.is_material())
            .map(|d| d.kind.as_str())
            .collect();
        assert_eq!(material, ["stance"]);
    }

    #[test]
    fn what_the_draft_says_beyond_the_reference_is_not_contradicted() {
        // The reference stops where the draft goes on with a figure: it is
        // silent on that figure, not at odds with it.
        let c = pair(
            "وقال المتحدث سامر الخطيب إن الفرق نقلت الجرحى إلى المستشفى الميداني في البلدة بعد إصابة 40 شخصا على الأقل.",
            "وقال المتحدث سامر الخطيب إن الفرق نقلت الجرحى إلى المستشفى الميداني في البلدة.",
        );
        assert!(!c.material(), "{:?}", c.differences);
        // A figure the reference has, changed at the edge, is still a change.
        let c = pair(
            "وقال المتحدث سامر الخطيب إن الفرق نقلت الجرحى إلى المستشفى الميداني بعد إصابة 40 شخصا.",
            "وقال المتحدث سامر الخطيب إن الفرق نقلت الجرحى إلى المستشفى الميداني بعد إصابة 30 شخصا.",
        );
        assert_eq!(kinds(&c), ["number"]);
        // A negation particle at the edge changes the shared words.
        let c = pair(
            "وقال المتحدث سامر الخطيب إن الفرق لم تنقل الجرحى إلى المستشفى الميداني.",
            "وقال المتحدث سامر الخطيب إن الفرق تنقل الجرحى إلى المستشفى الميداني.",
        );
        assert_eq!(kinds(&c), ["negation"]);
    }

    #[test]
    fn a_negation_with_a_preposition_is_still_one() {
        let c = pair(
            "وقال المتحدث سامر الخطيب إن الحكومة تتمسك بعدم رفع الأسعار هذا العام.",
            "وقال المتحدث سامر الخطيب إن الحكومة تتمسك بقرار عدم رفع الأسعار هذا العام.",
        );
        assert!(!c.material(), "{:?}", c.differences);
    }

    #[test]
    fn qad_before_a_perfect_verb_is_not_a_modality() {
        let c = pair(
            "وقال المتحدث سامر الخطيب إن المصاب نقل إلى المستشفى وقد تم علاجه.",
            "وقال المتحدث سامر الخطيب إن المصاب نقل إلى المستشفى وتم علاجه.",
        );
        assert!(!c.material(), "{:?}", c.differences);
    }

    #[test]
    fn time_modality_and_truncation() {
        let c = pair(
            "وقال الوزير سامر الخطيب إن اللجنة ستجتمع يوم الاثنين.",
            "وقال الوزير سامر الخطيب إن اللجنة ستجتمع يوم الثلاثاء.",
        );
        assert_eq!(kinds(&c), ["time"]);
        let c = pair(
            "وقال الوزير سامر الخطيب إن اللجنة قد تجتمع غدا.",
            "وقال الوزير سامر الخطيب إن اللجنة تجتمع غدا.",
        );
        assert_eq!(kinds(&c), ["modality"]);
        let c = pair(
            "وقال الوزير سامر الخطيب إن «اللجنة تجتمع غدا».",
            "وقال الوزير سامر الخطيب إن «اللجنة تجتمع غدا في العاصمة لبحث الأزمة».",
        );
        assert!(c.differences.is_empty(), "{:?}", c.differences);
        assert!(c.exact_part && c.similarity > 0.95);
    }

    #[test]
    fn words_added_inside_a_quote_are_an_extension() {
        let c = pair(
            "وقال الوزير سامر الخطيب: «اللجنة تجتمع غدا ولن نتراجع عن قرارنا أبدا، والحكومة ستدفع».",
            "وقال الوزير سامر الخطيب: «اللجنة تجتمع غدا، والحكومة ستدفع».",
        );
        assert!(kinds(&c).contains(&"extension"), "{:?} {:?}", kinds(&c), c);
    }

    #[test]
    fn similarity_scores_are_the_indel_ratio() {
        // Pinned: 1 - 2 / 10 for one substitution in five characters each.
        let a = words("abcde", [0, 5]);
        let b = words("abcdx", [0, 5]);
        assert!((similarity(&a, &b) - 0.8).abs() < 1e-9);
    }

    #[test]
    fn dates_and_clock_times_are_times_not_quantities() {
        let c = pair(
            "وقال الوزير سامر الخطيب إن المؤتمر يعقد يوم 21 يونيو في الساعة 14:00.",
            "وقال الوزير سامر الخطيب إن المؤتمر يعقد يوم 25 يونيو في الساعة 14:00.",
        );
        assert_eq!(kinds(&c), ["time"]);
    }

    #[test]
    fn still_and_however_are_not_negations() {
        let c = pair(
            "وقال الوزير سامر الخطيب إن المفاوضات ما زالت مستمرة غير أن الوفد غادر.",
            "وقال الوزير سامر الخطيب إن المفاوضات لا تزال مستمرة لكن الوفد غادر.",
        );
        assert!(!c.material(), "{:?}", c.differences);
    }

    #[test]
    fn a_negation_dropped_at_the_edge_is_not_a_truncation() {
        let c = pair(
            "وقال الاتحاد إنه تلقى أي تقرير عن الحادث.",
            "وقال الاتحاد إنه لم يتلق أي تقرير عن الحادث.",
        );
        assert!(kinds(&c).contains(&"negation"), "{:?}", kinds(&c));
    }

    #[test]
    fn a_place_named_in_full_and_by_its_head_is_one_place() {
        let c = pair(
            "وقال المصدر العسكري سامر الخطيب إن الطائرات قصفت مطار التيفور ليلا.",
            "وقال المصدر العسكري سامر الخطيب إن الطائرات قصفت المطار ليلا.",
        );
        assert!(!c.material(), "{:?}", c.differences);
        let c = pair(
            "وقالت روابط المشجعين إنها ستنظم وقفة أمام مقر وزارة الشباب يوم الجمعة.",
            "وقالت روابط المشجعين إنها ستنظم وقفة أمام مقر الاتحاد يوم الجمعة.",
        );
        assert_eq!(kinds(&c), ["entity"]);
    }

    #[test]
    fn decimal_commas_and_glued_digits() {
        let c = pair(
            "وقال الوزير سامر الخطيب إن الاستثمار يبلغ 1,5 مليون دولار وإن الأسعار زادت بنسبة الـ15 بالمئة.",
            "وقال الوزير سامر الخطيب إن الاستثمار يبلغ 1.5 مليون دولار وإن الأسعار زادت بنسبة 15 بالمئة.",
        );
        assert!(!c.material(), "{:?}", c.differences);
    }
}
