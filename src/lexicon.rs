//! A pack compiled for lookup: every entry normalised, cue forms in one
//! hash map, word lists in hash sets, phrases as word sequences.

use crate::normalize::normalize_str;
use crate::pack::{Pack, RuleDef, Stance};
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
    /// The channel names the source (جاء في البيان).
    pub source_from_channel: bool,
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
    pub complementizers: FxHashSet<String>,
    pub complement_preps: FxHashSet<String>,
    pub relatives: FxHashSet<String>,
    pub time_starts: Vec<Vec<String>>,
    pub time_continues: FxHashSet<String>,
    pub channel_heads: FxHashSet<String>,
    pub channel_preps: FxHashSet<String>,
    pub addressee_heads: FxHashSet<String>,
    /// The addressee heads with the article stripped (الصحفيين → صحفيين), so
    /// that للصحفيين is looked up without building a string.
    pub addressee_heads_bare: FxHashSet<String>,
    pub adjunct_starts: FxHashSet<String>,
    pub titles: FxHashSet<String>,
    pub name_joiners: FxHashSet<String>,
    pub anonymous_heads: FxHashSet<String>,
    pub anonymity_phrases: Vec<Vec<String>>,
    pub organization_heads: FxHashSet<String>,
    pub state_names: FxHashSet<String>,
    pub group_heads: FxHashSet<String>,
    pub according_to: Vec<(String, Vec<String>)>,
    /// First words of the according-to phrases, bare and with و: a token
    /// not in this set cannot start a phrase.
    pub according_to_first: FxHashSet<String>,
    pub according_to_exclude: FxHashSet<String>,
    pub document_heads: FxHashSet<String>,
    pub clause_breaks: Vec<Vec<String>>,
    pub object_heads: FxHashSet<String>,
    pub non_sources: FxHashSet<String>,
    pub adverbs: FxHashSet<String>,
    pub source_breaks: FxHashSet<String>,
    pub an_conjunctions: FxHashSet<String>,
    pub particles: FxHashSet<String>,
    pub rules: Vec<Rule>,
    /// Every cue form, according-to first word and the folded quote mark:
    /// a paragraph whose normalised text contains none of them cannot hold
    /// an attribution or a quotation, and is not tokenised at all.
    pub triggers: Option<aho_corasick::AhoCorasick>,
}

fn set(list: &[String]) -> FxHashSet<String> {
    list.iter()
        .map(|w| normalize_str(w).trim().to_string())
        .collect()
}

fn phrases(list: &[String]) -> Vec<Vec<String>> {
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
    v
}

/// The raw spellings that normalise to `word`: every alef may carry a
/// hamza or madda, ي may be ى or ئ (or Persian ی), a final ه may be ة, و may be
/// ؤ, ك may be Persian ک. Capped, since a word with many alefs would
/// otherwise explode; the cap only costs speed (a paragraph is then
/// tokenised for a shorter trigger anyway), never a match, because every
/// shorter cue form is a pattern of its own.
fn spellings(word: &str) -> Vec<String> {
    const CAP: usize = 64;
    let mut out = vec![String::new()];
    let n = word.chars().count();
    for (k, c) in word.chars().enumerate() {
        let alts: &[char] = match c {
            'ا' => &['ا', 'أ', 'إ', 'آ', 'ٱ'],
            'ي' if k + 1 == n => &['ي', 'ى', 'ی', 'ئ'],
            'ي' => &['ي', 'ئ', 'ی'],
            'ه' if k + 1 == n => &['ه', 'ة'],
            'و' => &['و', 'ؤ'],
            'ك' => &['ك', 'ک'],
            _ => std::slice::from_ref(&c),
        };
        if out.len() * alts.len() > CAP {
            // Past the cap: keep the prefix built so far as the pattern.
            return out;
        }
        out = out
            .iter()
            .flat_map(|p| alts.iter().map(move |a| format!("{p}{a}")))
            .collect();
    }
    out
}

impl Lexicon {
    /// Compile a pack.
    pub fn compile(pack: &Pack) -> Lexicon {
        let mut lex = Lexicon::default();
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
                source_from_channel: c.source_from_channel,
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
        lex.non_sources = set(&l.non_sources);
        lex.adverbs = set(&l.adverbs);
        lex.source_breaks = set(&l.source_breaks);
        lex.an_conjunctions = set(&l.an_conjunctions);
        lex.particles = set(&l.particles);
        let mut words: Vec<String> = lex.forms.keys().cloned().collect();
        words.extend(
            lex.according_to
                .iter()
                .filter_map(|(_, w)| w.first().cloned()),
        );
        // Titles too: a «title + name» sentence with no cue still names the
        // person a later title-only source refers to.
        words.extend(
            lex.titles
                .iter()
                .map(|w| w.strip_prefix("ال").unwrap_or(w).to_string()),
        );
        let mut patterns: Vec<String> = words.iter().flat_map(|w| spellings(w)).collect();
        // Quote marks, and every character that normalisation removes or
        // that a spelling list cannot foresee: a paragraph with one of them
        // is always tokenised.
        for c in [
            '"', '«', '»', '\u{201C}', '\u{201D}', '\u{201E}', '\u{201F}', '\u{0640}', '\u{0670}',
            '\u{FEFF}',
        ] {
            patterns.push(c.to_string());
        }
        for u in (0x064B..=0x065F)
            .chain(0x0610..=0x061A)
            .chain(0x200B..=0x200F)
            .chain(0x202A..=0x202E)
            .chain(0x2060..=0x2069)
            .chain(0xFEF5..=0xFEFC)
            .chain(0x06D6..=0x06ED)
        {
            if let Some(c) = char::from_u32(u) {
                patterns.push(c.to_string());
            }
        }
        patterns.sort();
        patterns.dedup();
        lex.triggers = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(&patterns)
            .ok();
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
        if let Some(f) = self.forms.get(word) {
            return Some((*f, false));
        }
        let rest = word.strip_prefix('و').or_else(|| word.strip_prefix('ف'))?;
        self.forms.get(rest).map(|f| (*f, true))
    }

    /// The id of the enabled rule of `kind` with `opener` (or any opener).
    pub fn rule(&self, kind: &str, opener: Option<&str>) -> Option<&str> {
        self.rules
            .iter()
            .find(|r| r.kind == kind && (opener.is_none() || r.opener.as_deref() == opener))
            .map(|r| r.id.as_str())
    }
}
