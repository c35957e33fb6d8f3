//! The comparison pack: what the checker knows of Arabic when it compares
//! two reports of one statement. [`CompareLists`] is the `[compare]`
//! section of a pack as written (embedded `packs/compare.toml`, extended
//! by a newsroom's `--rules FILE`); [`CompareLexicon`] is the same compiled
//! for lookup, every entry normalised.

use crate::text::arabic::family_keys;
use crate::text::normalize::normalize_str;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

/// The `[compare]` section of a pack, as written. Each field is described
/// in `packs/compare.toml` and docs/rules.md.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CompareLists {
    #[serde(default)]
    pub negations: Vec<String>,
    #[serde(default)]
    pub not_negations: Vec<String>,
    #[serde(default)]
    pub still_verbs: Vec<String>,
    #[serde(default)]
    pub modals: Vec<String>,
    #[serde(default)]
    pub imperfect_modals: Vec<String>,
    #[serde(default)]
    pub perfect_verbs: Vec<String>,
    #[serde(default)]
    pub hedge_links: Vec<String>,
    #[serde(default)]
    pub stopwords: Vec<String>,
    #[serde(default)]
    pub not_names: Vec<String>,
    #[serde(default)]
    pub description_words: Vec<String>,
    #[serde(default)]
    pub addressee_pronouns: Vec<String>,
    #[serde(default)]
    pub place_heads: Vec<String>,
    #[serde(default)]
    pub body_heads: Vec<String>,
    /// Words a report may add or drop without changing a fact (أيضا،
    /// حاليا).
    #[serde(default)]
    pub fillers: Vec<String>,
    /// Pairs of words that say the same in news copy (`"أكد/شدد"`).
    #[serde(default)]
    pub variants: Vec<String>,
    /// Pairs of words that say the opposite (`"ارتفع/انخفض"`).
    #[serde(default)]
    pub opposites: Vec<String>,
    /// Names of wire services (وكالة الأنباء، رويترز، واس): a reference
    /// whose outlet holds one of them is listed first among the evidence.
    #[serde(default)]
    pub wire_outlets: Vec<String>,
    /// Hedge words by class (`about`, `more` ...).
    #[serde(default)]
    pub hedges: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub numbers: BTreeMap<String, f64>,
    #[serde(default)]
    pub scales: BTreeMap<String, f64>,
    /// Time words by value, one table per class.
    #[serde(default)]
    pub weekdays: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub months: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub day_parts: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub relative_days: BTreeMap<String, Vec<String>>,
}

impl CompareLists {
    /// Every word list, for merging.
    fn lists_mut(&mut self) -> [&mut Vec<String>; 17] {
        [
            &mut self.negations,
            &mut self.not_negations,
            &mut self.still_verbs,
            &mut self.modals,
            &mut self.imperfect_modals,
            &mut self.perfect_verbs,
            &mut self.hedge_links,
            &mut self.stopwords,
            &mut self.not_names,
            &mut self.description_words,
            &mut self.addressee_pronouns,
            &mut self.place_heads,
            &mut self.body_heads,
            &mut self.fillers,
            &mut self.variants,
            &mut self.opposites,
            &mut self.wire_outlets,
        ]
    }

    /// Every table of word lists, for merging.
    fn tables_mut(&mut self) -> [&mut BTreeMap<String, Vec<String>>; 5] {
        [
            &mut self.hedges,
            &mut self.weekdays,
            &mut self.months,
            &mut self.day_parts,
            &mut self.relative_days,
        ]
    }

    /// Lay `other` over these lists: lists and the words of a table's
    /// entry are extended, a word given under another entry of a table (a
    /// hedge of another class, a time of another value) moves there, and a
    /// number or a scale given again takes the new value. Words are
    /// compared in their normalised spelling, as they are looked up.
    pub fn merge(&mut self, mut other: CompareLists) {
        for (mine, theirs) in self.lists_mut().into_iter().zip(other.lists_mut()) {
            mine.append(theirs);
        }
        for (mine, theirs) in self.tables_mut().into_iter().zip(other.tables_mut()) {
            for (key, mut words) in std::mem::take(theirs) {
                let moved: FxHashSet<String> = words.iter().map(|w| normalize_str(w)).collect();
                for (k, listed) in mine.iter_mut() {
                    if *k != key {
                        listed.retain(|w| !moved.contains(&normalize_str(w)));
                    }
                }
                mine.entry(key).or_default().append(&mut words);
            }
        }
        for (mine, theirs) in [
            (&mut self.numbers, &mut other.numbers),
            (&mut self.scales, &mut other.scales),
        ] {
            for (word, value) in std::mem::take(theirs) {
                let n = normalize_str(&word);
                mine.retain(|w, _| normalize_str(w) != n);
                mine.insert(word, value);
            }
        }
    }
}

/// The words of an outlet's name, normalised, Latin letters in lower
/// case, punctuation dropped.
fn wire_words(name: &str) -> Vec<String> {
    normalize_str(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The class of a time word: two contents name different times only when
/// they give one class different values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TimeClass {
    Weekday,
    Month,
    DayPart,
    Relative,
}

impl TimeClass {
    pub const ALL: [TimeClass; 4] = [
        TimeClass::Weekday,
        TimeClass::Month,
        TimeClass::DayPart,
        TimeClass::Relative,
    ];
}

/// The comparison pack compiled for lookup: every word normalised.
#[derive(Debug, Clone, Default)]
pub struct CompareLexicon {
    pub negations: FxHashSet<String>,
    /// Two-word phrases that start with a negation and are none (غير أن),
    /// as (first word, second word).
    pub not_negations: FxHashSet<(String, String)>,
    /// Verb starts that make a negation "still" (زال، يبرح).
    pub still_verbs: Vec<String>,
    pub modals: FxHashSet<String>,
    pub imperfect_modals: FxHashSet<String>,
    pub perfect_verbs: FxHashSet<String>,
    pub hedge_links: FxHashSet<String>,
    /// Hedge word to its class.
    pub hedges: FxHashMap<String, String>,
    pub numbers: FxHashMap<String, f64>,
    pub scales: FxHashMap<String, f64>,
    /// Time word to its class and value.
    pub times: FxHashMap<String, (TimeClass, String)>,
    /// Time names of several words (كانون الثاني), by their first word:
    /// the other words, the class and the value; longest first.
    pub time_phrases: FxHashMap<String, Vec<(Vec<String>, TimeClass, String)>>,
    /// Words in the longest time name.
    pub longest_time_phrase: usize,
    pub stopwords: FxHashSet<String>,
    pub not_names: FxHashSet<String>,
    pub addressee_pronouns: FxHashSet<String>,
    /// Place and body heads together: the heads whose next words name
    /// something.
    pub entity_heads: FxHashSet<String>,
    pub place_heads: FxHashSet<String>,
    pub fillers: FxHashSet<String>,
    /// Words that say the same, and words that say the opposite.
    pub variants: WordPairs,
    pub opposites: WordPairs,
    /// Wire service names, each as its normalised words.
    pub wire_outlets: Vec<Vec<String>>,
}

/// Pairs of words, matched in any inflection: a word matches an entry
/// when their family keys meet ([`family_keys`]).
#[derive(Debug, Clone, Default)]
pub struct WordPairs {
    /// Family key → the entries (words of the pairs) it matches.
    keys: FxHashMap<String, Vec<u32>>,
    pairs: FxHashSet<(u32, u32)>,
}

impl WordPairs {
    /// From `"a/b"` strings, normalised; a string without `/` is ignored.
    fn compile(list: &[String]) -> WordPairs {
        let mut out = WordPairs::default();
        let mut ids: FxHashMap<String, u32> = FxHashMap::default();
        for entry in list {
            let Some((a, b)) = entry.split_once('/') else {
                continue;
            };
            let mut id = |w: &str| -> u32 {
                let w = normalize_str(w).trim().to_string();
                let next = ids.len() as u32;
                *ids.entry(w).or_insert(next)
            };
            let (x, y) = (id(a), id(b));
            out.pairs.insert((x, y));
            out.pairs.insert((y, x));
        }
        for (w, id) in &ids {
            for k in family_keys(w) {
                let v = out.keys.entry(k).or_default();
                if !v.contains(id) {
                    v.push(*id);
                }
            }
        }
        out
    }

    /// The entries a word with these family keys ([`family_keys`])
    /// matches, sorted.
    pub fn entries(&self, keys: &[String]) -> Vec<u32> {
        let mut out: Vec<u32> = keys
            .iter()
            .filter_map(|k| self.keys.get(k))
            .flatten()
            .copied()
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Two words, given by their [`WordPairs::entries`], are a pair of
    /// the list.
    pub fn paired(&self, a: &[u32], b: &[u32]) -> bool {
        a.iter()
            .any(|x| b.iter().any(|y| self.pairs.contains(&(*x, *y))))
    }

    /// Words `a` and `b` (normalised) are a pair of the list.
    pub fn has(&self, a: &str, b: &str) -> bool {
        !self.pairs.is_empty()
            && self.paired(
                &self.entries(&family_keys(a)),
                &self.entries(&family_keys(b)),
            )
    }
}

fn set(list: &[String]) -> FxHashSet<String> {
    list.iter()
        .map(|w| normalize_str(w).trim().to_string())
        .collect()
}

impl CompareLexicon {
    /// Compile the `[compare]` section of a pack.
    pub fn compile(lists: &CompareLists) -> CompareLexicon {
        let norm = |w: &str| normalize_str(w).trim().to_string();
        let mut times = FxHashMap::default();
        let mut time_phrases: FxHashMap<String, Vec<(Vec<String>, TimeClass, String)>> =
            FxHashMap::default();
        for (class, table) in [
            (TimeClass::Weekday, &lists.weekdays),
            (TimeClass::Month, &lists.months),
            (TimeClass::DayPart, &lists.day_parts),
            (TimeClass::Relative, &lists.relative_days),
        ] {
            for (value, words) in table {
                for w in words {
                    let n = norm(w);
                    let mut parts: Vec<String> = n.split_whitespace().map(str::to_string).collect();
                    if parts.len() > 1 {
                        let first = parts.remove(0);
                        time_phrases
                            .entry(first)
                            .or_default()
                            .push((parts, class, value.clone()));
                    } else {
                        times.insert(n, (class, value.clone()));
                    }
                }
            }
        }
        for list in time_phrases.values_mut() {
            list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        }
        let longest_time_phrase = time_phrases
            .values()
            .flatten()
            .map(|(rest, _, _)| rest.len() + 1)
            .max()
            .unwrap_or(1);
        let mut hedges = FxHashMap::default();
        for (class, words) in &lists.hedges {
            for w in words {
                hedges.insert(norm(w), class.clone());
            }
        }
        let values = |table: &BTreeMap<String, f64>| -> FxHashMap<String, f64> {
            table.iter().map(|(w, v)| (norm(w), *v)).collect()
        };
        let place_heads = set(&lists.place_heads);
        let mut entity_heads = set(&lists.body_heads);
        entity_heads.extend(place_heads.iter().cloned());
        CompareLexicon {
            negations: set(&lists.negations),
            not_negations: lists
                .not_negations
                .iter()
                .filter_map(|p| {
                    let n = norm(p);
                    let (a, b) = n.split_once(' ')?;
                    Some((a.to_string(), b.to_string()))
                })
                .collect(),
            still_verbs: lists.still_verbs.iter().map(|w| norm(w)).collect(),
            modals: set(&lists.modals),
            imperfect_modals: set(&lists.imperfect_modals),
            perfect_verbs: set(&lists.perfect_verbs),
            hedge_links: set(&lists.hedge_links),
            hedges,
            numbers: values(&lists.numbers),
            scales: values(&lists.scales),
            times,
            time_phrases,
            longest_time_phrase,
            stopwords: set(&lists.stopwords),
            not_names: set(&lists.not_names),
            addressee_pronouns: set(&lists.addressee_pronouns),
            entity_heads,
            place_heads,
            fillers: set(&lists.fillers),
            variants: WordPairs::compile(&lists.variants),
            opposites: WordPairs::compile(&lists.opposites),
            wire_outlets: lists
                .wire_outlets
                .iter()
                .map(|w| wire_words(w))
                .filter(|w| !w.is_empty())
                .collect(),
        }
    }

    /// The built-in comparison pack, compiled once.
    pub fn builtin() -> Arc<CompareLexicon> {
        static BUILTIN: OnceLock<Arc<CompareLexicon>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                Arc::new(CompareLexicon::compile(
                    &super::Pack::default_pack().compare,
                ))
            })
            .clone()
    }

    /// Is `outlet` (a document's outlet as the corpus gives it) a wire
    /// service: do a `wire_outlets` entry's words appear in it, in order?
    /// Latin letters are compared without case (AFP, afp).
    pub fn is_wire(&self, outlet: &str) -> bool {
        let words = wire_words(outlet);
        self.wire_outlets
            .iter()
            .any(|entry| words.windows(entry.len()).any(|w| w == entry.as_slice()))
    }

    /// Is `w` a negation here, given the word after it?
    pub fn is_negation(&self, w: &str, next: &str) -> bool {
        self.negations.contains(w)
            && !self.not_negations.iter().any(|(a, b)| a == w && b == next)
            && !self
                .still_verbs
                .iter()
                .any(|s| next.starts_with(s.as_str()))
    }

    /// The value of a number word (without clitics).
    pub fn number(&self, w: &str) -> Option<f64> {
        self.numbers.get(w).copied()
    }

    /// The class and value of a time word.
    pub fn time(&self, w: &str) -> Option<(TimeClass, &str)> {
        self.times.get(w).map(|(c, v)| (*c, v.as_str()))
    }

    /// The time name of several words that starts with `first` and goes
    /// on with `next` (normalised words): its length in words, class and
    /// value.
    pub fn time_phrase<'w>(
        &self,
        first: &str,
        next: impl Fn(usize) -> Option<&'w str>,
    ) -> Option<(usize, TimeClass, &str)> {
        self.time_phrases
            .get(first)?
            .iter()
            .find_map(|(rest, class, value)| {
                rest.iter()
                    .enumerate()
                    .all(|(k, w)| next(k) == Some(w.as_str()))
                    .then_some((rest.len() + 1, *class, value.as_str()))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::Pack;

    /// A newsroom's `[compare]` section wins over the built-in one, however
    /// it spells the word: a number word gets its new value, and a hedge or
    /// a month moves to the entry it is given under.
    #[test]
    fn a_user_pack_overrides_words_in_any_spelling() {
        let mut pack = Pack::default_pack();
        let user = Pack::parse(
            "user.toml",
            r#"
[compare.numbers]
"إثنان" = 3

[compare.hedges]
about = ["أكثر"]

[compare.months]
"01" = ["ديسمبر", "كانون الأول"]

[compare]
negations = ["مش"]
"#,
        )
        .unwrap();
        pack.merge(user, "user.toml").unwrap();
        let lex = CompareLexicon::compile(&pack.compare);
        assert_eq!(lex.number("اثنان"), Some(3.0));
        assert_eq!(lex.hedges.get("اكثر").map(String::as_str), Some("about"));
        assert_eq!(lex.time("ديسمبر"), Some((TimeClass::Month, "01")));
        assert_eq!(
            lex.time_phrase("كانون", |k| ["الاول"].get(k).copied()),
            Some((2, TimeClass::Month, "01"))
        );
        assert!(lex.negations.contains("مش"));
        // The built-in words are still there.
        assert_eq!(lex.number(&normalize_str("ثلاثة")), Some(3.0));
        assert!(lex.negations.contains("لم"));
    }
}
