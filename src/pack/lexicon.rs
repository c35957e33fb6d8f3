//! A pack compiled for lookup: every entry normalised, cue forms in one
//! hash map, word lists in hash sets, phrases as word sequences.

use crate::pack::{Pack, RuleDef, Stance};
use crate::text::normalize::normalize_str;
use rustc_hash::{FxHashMap, FxHashSet};

/// Grammatical agreement of a cue form with its subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agree {
    Masc,
    Fem,
    Plural,
}

/// One cue lemma.
#[derive(Debug, Clone)]
pub struct CueInfo {
    pub lemma: String,
    pub stance: Stance,
    pub relay: bool,
    /// Normalised prepositions that introduce a nominal content.
    pub preps: Vec<String>,
    /// Normalised impersonal forms.
    pub impersonal: Vec<String>,
    /// Openers accepted (empty: all).
    pub openers: Vec<String>,
    /// Only at the start of a clause.
    pub clause_initial: bool,
    /// Only at the start of a clause or with a clitic.
    pub initial_or_clitic: bool,
    /// The channel names the source (جاء في البيان).
    pub source_from_channel: bool,
    /// A verbal noun after the source opens the content.
    pub verbal_noun_object: bool,
    /// Normalised preposition of the addressee (طلب من).
    pub addressee_prep: Option<String>,
    /// The cue takes a direct object: `"addressee"` or `"topic"`.
    pub object: Option<String>,
    /// Normalised preposition before a relayed source (default عن).
    pub relay_prep: String,
}

/// One form of a cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueForm {
    pub cue: u16,
    pub agree: Agree,
    pub participle: bool,
}

/// A rule instance ready to run.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub kind: String,
    pub opener: Option<String>,
}

/// The compiled pack.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub cues: Vec<CueInfo>,
    pub forms: FxHashMap<String, CueForm>,
    /// The cue forms' fingerprints: most words of a text stop here.
    form_keys: KeyFilter<FORM_KEY_WORDS>,
    /// Every spelling of the cues' verbal nouns (ادعاء، تأكيد) with their
    /// clitics, article and possessive pronoun (وبادعاء، تأكيده), to the cue
    /// index and the agreement the pronoun gives.
    noun_forms: FxHashMap<String, (u16, Option<Agree>)>,
    noun_keys: KeyFilter<FORM_KEY_WORDS>,
    pub complementizers: WordSet,
    pub complement_preps: WordSet,
    pub relatives: WordSet,
    pub time_starts: Phrases,
    pub time_continues: WordSet,
    pub channel_heads: WordSet,
    pub channel_preps: WordSet,
    pub addressee_heads: WordSet,
    /// The addressee heads with the article stripped (الصحفيين → صحفيين), so
    /// that للصحفيين is looked up without building a string.
    pub addressee_heads_bare: WordSet,
    pub adjunct_starts: WordSet,
    pub titles: WordSet,
    pub name_joiners: WordSet,
    pub anonymous_heads: WordSet,
    pub anonymity_phrases: Phrases,
    pub organization_heads: WordSet,
    pub state_names: WordSet,
    pub group_heads: WordSet,
    pub according_to: Vec<(String, Vec<String>)>,
    /// First words of the according-to phrases, bare and with و: a token
    /// not in this set cannot start a phrase.
    pub according_to_first: WordSet,
    pub according_to_exclude: WordSet,
    pub document_heads: WordSet,
    pub clause_breaks: Phrases,
    pub object_heads: WordSet,
    pub event_heads: WordSet,
    pub consequence_verbs: WordSet,
    pub non_sources: WordSet,
    pub adverbs: WordSet,
    pub source_breaks: WordSet,
    pub an_conjunctions: WordSet,
    pub particles: WordSet,
    pub not_speakers: WordSet,
    /// Given and family names mined from the corpora.
    pub given_names: NameSet,
    pub family_names: NameSet,
    /// Heads of organisations and of groups mined from the corpora.
    pub mined_organizations: WordSet,
    pub mined_groups: WordSet,
    pub rules: Vec<Rule>,
}

/// One bit per [`form_key`] fingerprint of a set's words, in `N` words of
/// 64 bits: a clear bit proves a word absent without hashing it.
#[derive(Debug, Clone)]
struct KeyFilter<const N: usize>([u64; N]);

impl<const N: usize> Default for KeyFilter<N> {
    fn default() -> Self {
        KeyFilter([0; N])
    }
}

impl<const N: usize> KeyFilter<N> {
    #[inline]
    fn bit(w: &str) -> usize {
        form_key(w.as_bytes()) % (N * 64)
    }

    fn insert(&mut self, w: &str) {
        let k = Self::bit(w);
        self.0[k / 64] |= 1 << (k % 64);
    }

    #[inline]
    fn may_contain(&self, w: &str) -> bool {
        let k = Self::bit(w);
        self.0[k / 64] & (1 << (k % 64)) != 0
    }
}

/// A set of normalised words with a bit filter in front: most words of a
/// text are in none of the lexicon's sets, and the filter answers them
/// without hashing the word.
#[derive(Debug, Clone, Default)]
pub struct WordSet<const N: usize = SET_KEY_WORDS> {
    keys: KeyFilter<N>,
    words: FxHashSet<String>,
}

const SET_KEY_WORDS: usize = 64;

/// The name lexicon's sets hold thousands of words: their filter has a bit
/// for every fingerprint, so that it still proves most words absent.
pub type NameSet = WordSet<{ 1 << 16 >> 6 }>;

impl<const N: usize> WordSet<N> {
    /// True if `w` is in the set.
    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        self.keys.may_contain(w) && self.words.contains(w)
    }

    pub fn insert(&mut self, w: String) -> bool {
        self.keys.insert(&w);
        self.words.insert(w)
    }

    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.words.iter()
    }
}

impl<const N: usize> FromIterator<String> for WordSet<N> {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        let mut s = WordSet::<N>::default();
        for w in iter {
            s.insert(w);
        }
        s
    }
}

fn set(list: &[String]) -> WordSet {
    list.iter()
        .map(|w| normalize_str(w).trim().to_string())
        .collect()
}

/// Multi-word phrases, longest first, with the set of their first words
/// (and of the one-word phrases) in front: a token that starts none is
/// answered without walking the list.
#[derive(Debug, Clone, Default)]
pub struct Phrases {
    list: Vec<Vec<String>>,
    first: WordSet,
    single: WordSet,
}

impl Phrases {
    /// The phrases that may start with `w`, longest first (none unless
    /// some phrase starts with `w`).
    #[inline]
    pub fn starting(&self, w: &str) -> &[Vec<String>] {
        if self.first.contains(w) {
            &self.list
        } else {
            &[]
        }
    }

    /// True if `w` alone is one of the phrases.
    #[inline]
    pub fn is_single(&self, w: &str) -> bool {
        self.single.contains(w)
    }
}

fn phrases(list: &[String]) -> Phrases {
    let mut v: Vec<Vec<String>> = list
        .iter()
        .map(|p| {
            normalize_str(p)
                .split_whitespace()
                .map(str::to_string)
                .collect()
        })
        .filter(|p: &Vec<String>| !p.is_empty())
        .collect();
    // Longest first, so that "في وقت سابق" wins over a shorter entry.
    v.sort_by_key(|p| std::cmp::Reverse(p.len()));
    Phrases {
        first: v.iter().map(|p| p[0].clone()).collect(),
        single: v
            .iter()
            .filter(|p| p.len() == 1)
            .map(|p| p[0].clone())
            .collect(),
        list: v,
    }
}

const FORM_KEY_WORDS: usize = 1024;

/// A 16-bit fingerprint of a word from its length and last four bytes (a
/// clitic stripped from the front changes only the length).
#[inline]
fn form_key(w: &[u8]) -> usize {
    let n = w.len();
    // The last four bytes as one number: one load for any Arabic word of
    // two letters or more, no loop.
    let tail = match n {
        0 => 0,
        1..=3 => w.iter().fold(0u32, |t, &b| (t << 8) | u32::from(b)),
        _ => u32::from_le_bytes([w[n - 4], w[n - 3], w[n - 2], w[n - 1]]),
    };
    let x = (tail ^ (n as u32).wrapping_mul(0x9E37_79B1)).wrapping_mul(0x85EB_CA6B);
    (x >> 16) as usize
}

impl Lexicon {
    /// Compile a pack.
    pub fn compile(pack: &Pack) -> Lexicon {
        let mut lex = Lexicon::default();
        // The cues' verbal nouns, a later cue winning a noun two share.
        let mut nouns: FxHashMap<String, u16> = FxHashMap::default();
        for (i, c) in pack.cues.iter().enumerate() {
            lex.cues.push(CueInfo {
                lemma: c.lemma.clone(),
                stance: c.stance.unwrap_or(Stance::Neutral),
                relay: c.relay,
                preps: c
                    .preps
                    .iter()
                    .map(|p| normalize_str(p).trim().to_string())
                    .collect(),
                impersonal: c
                    .impersonal
                    .iter()
                    .map(|p| normalize_str(p).trim().to_string())
                    .collect(),
                openers: c.openers.clone(),
                clause_initial: c.clause_initial,
                initial_or_clitic: c.initial_or_clitic,
                source_from_channel: c.source_from_channel,
                verbal_noun_object: c.verbal_noun_object,
                addressee_prep: c.addressee_prep.as_deref().map(normalize_str),
                object: c.object.clone(),
                relay_prep: normalize_str(c.relay_prep.as_deref().unwrap_or("عن"))
                    .trim()
                    .to_string(),
            });
            let groups: [(&Vec<String>, Agree, bool); 6] = [
                (&c.m, Agree::Masc, false),
                (&c.f, Agree::Fem, false),
                (&c.pl, Agree::Plural, false),
                (&c.part_m, Agree::Masc, true),
                (&c.part_f, Agree::Fem, true),
                (&c.part_pl, Agree::Plural, true),
            ];
            for (forms, agree, participle) in groups {
                for f in forms {
                    lex.forms.insert(
                        normalize_str(f).trim().to_string(),
                        CueForm {
                            cue: i as u16,
                            agree,
                            participle,
                        },
                    );
                }
            }
            for n in &c.nouns {
                nouns.insert(normalize_str(n).trim().to_string(), i as u16);
            }
        }
        let mut nouns: Vec<(String, u16)> = nouns.into_iter().collect();
        nouns.sort();
        let suffixes = [
            ("", None),
            ("ه", Some(Agree::Masc)),
            ("ها", Some(Agree::Fem)),
            ("هم", Some(Agree::Plural)),
            ("هما", Some(Agree::Plural)),
        ];
        for (stem, cue) in nouns {
            for p1 in ["", "و", "ف"] {
                for p2 in ["", "ب", "ل"] {
                    for p3 in ["", "ال", "ل"] {
                        for (suffix, agree) in suffixes {
                            lex.noun_forms
                                .entry(format!("{p1}{p2}{p3}{stem}{suffix}"))
                                .or_insert((cue, agree));
                        }
                    }
                }
            }
        }
        for f in lex.noun_forms.keys() {
            lex.noun_keys.insert(f);
        }
        for f in lex.forms.keys() {
            lex.form_keys.insert(f);
        }
        let l = &pack.lexicon;
        lex.complementizers = set(&l.complementizers);
        lex.complement_preps = set(&l.complement_preps);
        lex.relatives = set(&l.relatives);
        lex.time_starts = phrases(&l.time_starts);
        lex.time_continues = set(&l.time_continues);
        lex.channel_heads = set(&l.channel_heads);
        lex.channel_preps = set(&l.channel_preps);
        lex.addressee_heads = set(&l.addressee_heads);
        lex.addressee_heads_bare = lex
            .addressee_heads
            .iter()
            .map(|w| w.strip_prefix("ال").unwrap_or(w).to_string())
            .collect();
        lex.adjunct_starts = set(&l.adjunct_starts);
        lex.titles = set(&l.titles);
        lex.name_joiners = set(&l.name_joiners);
        lex.anonymous_heads = set(&l.anonymous_heads);
        lex.anonymity_phrases = phrases(&l.anonymity_phrases);
        lex.organization_heads = set(&l.organization_heads);
        lex.state_names = set(&l.state_names);
        lex.group_heads = set(&l.group_heads);
        lex.according_to = l
            .according_to
            .iter()
            .map(|p| {
                (
                    p.clone(),
                    normalize_str(p)
                        .split_whitespace()
                        .map(str::to_string)
                        .collect(),
                )
            })
            .collect();
        lex.according_to
            .sort_by_key(|(_, p)| std::cmp::Reverse(p.len()));
        for (_, words) in &lex.according_to {
            if let Some(w) = words.first() {
                lex.according_to_first.insert(w.clone());
                lex.according_to_first.insert(format!("و{w}"));
            }
        }
        lex.according_to_exclude = set(&l.according_to_exclude);
        lex.document_heads = set(&l.document_heads);
        lex.clause_breaks = phrases(&l.clause_breaks);
        lex.object_heads = set(&l.object_heads);
        lex.event_heads = set(&l.event_heads);
        lex.consequence_verbs = set(&l.consequence_verbs);
        lex.non_sources = set(&l.non_sources);
        lex.not_speakers = set(&l.not_speakers);
        let words = |list: &str| -> NameSet {
            crate::pack::Names::entries(list)
                .map(|e| normalize_str(e.word).trim().to_string())
                .collect()
        };
        lex.given_names = words(&pack.names.given);
        lex.family_names = words(&pack.names.family);
        let of_kind = |kind: &str| {
            set(&crate::pack::Names::entries(&pack.names.organizations)
                .filter(|e| e.kind == Some(kind))
                .map(|e| e.word.to_string())
                .collect::<Vec<_>>())
        };
        lex.mined_organizations = of_kind("organization");
        lex.mined_groups = of_kind("group");
        lex.adverbs = set(&l.adverbs);
        lex.source_breaks = set(&l.source_breaks);
        lex.an_conjunctions = set(&l.an_conjunctions);
        lex.particles = set(&l.particles);
        lex.rules = pack
            .rules
            .iter()
            .filter(|r: &&RuleDef| r.enabled != Some(false))
            .map(|r| Rule {
                id: r.id.clone(),
                kind: r.kind.clone().unwrap_or_default(),
                opener: r.opener.clone(),
            })
            .collect();
        lex
    }

    /// True if the word is the head of a phrase that names someone who can
    /// speak: an organisation, a group, an anonymous source, a title or a
    /// document (بيان، تقرير).
    pub fn names_speaker(&self, w: &str) -> bool {
        self.organization_heads.contains(w)
            || self.group_heads.contains(w)
            || self.anonymous_heads.contains(w)
            || self.titles.contains(w)
            || self.document_heads.contains(w)
    }

    /// Look up a normalised word as a cue, allowing one و or ف clitic.
    /// Returns the form and whether a clitic was stripped.
    #[inline]
    pub fn cue(&self, word: &str) -> Option<(CueForm, bool)> {
        if self.form_keys.may_contain(word) {
            if let Some(f) = self.forms.get(word) {
                return Some((*f, false));
            }
        }
        let rest = word.strip_prefix('و').or_else(|| word.strip_prefix('ف'))?;
        if !self.form_keys.may_contain(rest) {
            return None;
        }
        self.forms.get(rest).map(|f| (*f, true))
    }

    /// Look up a normalised word as a cue's verbal noun, allowing the
    /// clitics و/ف, then بـ/لـ, then the article before it (وبادعاء،
    /// بالترويج) and a possessive pronoun after it (تأكيده، ادعاءها).
    /// Returns the cue index and the agreement the pronoun gives.
    pub fn noun(&self, word: &str) -> Option<(u16, Option<Agree>)> {
        if !self.noun_keys.may_contain(word) {
            return None;
        }
        self.noun_forms.get(word).copied()
    }

    /// True if some cue has a verbal noun (the `noun` rules have work).
    pub fn has_nouns(&self) -> bool {
        !self.noun_forms.is_empty()
    }

    /// The id of the enabled rule of `kind` with `opener` (or any opener).
    pub fn rule(&self, kind: &str, opener: Option<&str>) -> Option<&str> {
        self.rules
            .iter()
            .find(|r| r.kind == kind && (opener.is_none() || r.opener.as_deref() == opener))
            .map(|r| r.id.as_str())
    }
}
