//! Packs: isnad's knowledge of Arabic as TOML data. The cue lexicon, the
//! word lists and the rule instances drive extraction; the `[compare]`
//! lists drive the checker's comparisons; the alias pack joins names no
//! spelling rule joins.
//!
//! The default pack is five files under `packs/` (`cues`, `lexicon`,
//! `rules`, `compare`, and `names`, mined from the corpora), embedded in
//! the binary.
//! A newsroom's own pack (`--rules FILE`) uses the same format and is read
//! by the same loader; [`Pack::merge`] lays it over the default:
//!
//! * a `[[cue]]` with a new lemma adds a cue; with a known lemma it adds its
//!   forms and, when given, replaces the stance;
//! * a `[lexicon]` or `[compare]` list adds its entries to the list of the
//!   same name, a `[compare]` table its entries to the table (a number word
//!   given again takes the new value);
//! * a `[[rule]]` with a known id replaces that rule's fields that it sets
//!   (`enabled = false` switches a rule off); a new id adds a rule, which
//!   must name one of the kinds implemented in code.

use serde::Deserialize;
use std::path::Path;

pub mod aliases;
pub mod canonical;
pub mod compare;
pub(crate) mod lexicon;

pub use compare::{CompareLexicon, CompareLists};

/// The embedded default pack, one string per file, with a name for errors.
pub const DEFAULT_PACK: [(&str, &str); 6] = [
    ("packs/cues.toml", include_str!("../../packs/cues.toml")),
    (
        "packs/lexicon.toml",
        include_str!("../../packs/lexicon.toml"),
    ),
    ("packs/rules.toml", include_str!("../../packs/rules.toml")),
    (
        "packs/compare.toml",
        include_str!("../../packs/compare.toml"),
    ),
    ("packs/names.toml", include_str!("../../packs/names.toml")),
    (
        "packs/variants.toml",
        include_str!("../../packs/variants.toml"),
    ),
];

/// An error while reading a pack.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error("{path}: {message}")]
    Parse { path: String, message: String },
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: rule `{id}`: {message}")]
    Rule {
        path: String,
        id: String,
        message: String,
    },
}

/// Stance of a cue toward its content.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Neutral,
    Assert,
    Deny,
    Distance,
    Evaluate,
}

impl Stance {
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Neutral => "neutral",
            Stance::Assert => "assert",
            Stance::Deny => "deny",
            Stance::Distance => "distance",
            Stance::Evaluate => "evaluate",
        }
    }
}

/// One cue lemma and its forms.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CueEntry {
    pub lemma: String,
    pub stance: Option<Stance>,
    #[serde(default)]
    pub relay: bool,
    /// The preposition before the source of a relayed statement: عن for
    /// نقل (نقلت الوكالة عن الوزير), من for علم (علمت الصحيفة من مصادرها).
    #[serde(default)]
    pub relay_prep: Option<String>,
    /// Prepositions that introduce a nominal content (طالب بـ، دعا إلى).
    #[serde(default)]
    pub preps: Vec<String>,
    /// The cue is taken only at the start of a clause (after a full stop,
    /// a line break or a comma): for forms that are also prepositions
    /// (بين "between").
    #[serde(default)]
    pub clause_initial: bool,
    /// The cue is taken at the start of a clause or with a و/ف clitic
    /// (وطلب، ونسبت): for forms that are also common nouns (طلب "a
    /// request", نسب "rates"), which follow another word without one.
    #[serde(default)]
    pub initial_or_clitic: bool,
    /// The cue takes a direct object between its subject and its content
    /// (أبلغ الوزير الصحفيين أن، وصف المدير الحادث بأنه): `"addressee"` when
    /// the object is whom the words were for, `"topic"` when it is what
    /// they are about.
    #[serde(default)]
    pub object: Option<String>,
    /// The source is the document named in the channel: «وجاء في البيان
    /// أن ...» reports what the statement says.
    #[serde(default)]
    pub source_from_channel: bool,
    /// The cue reports with a verbal noun as its object (أعلنت الشركة
    /// تسجيل أرباح، أكد الوزير استمرار الدعم، مؤكدا انفتاح بلاده): a noun
    /// of a derived-verb pattern, or a feminine noun with a possessive
    /// pronoun, after the source opens the content.
    #[serde(default)]
    pub verbal_noun_object: bool,
    /// The preposition that introduces whom the words were for, between
    /// the source and the content: من for طلب (طلب الرئيس من الحكومة أن).
    #[serde(default)]
    pub addressee_prep: Option<String>,
    /// The openers this cue accepts (default: all).
    #[serde(default)]
    pub openers: Vec<String>,
    /// Forms that, with no subject and a complementizer right after them,
    /// are the writer's impersonal voice (يذكر أن، يعتقد أن).
    #[serde(default)]
    pub impersonal: Vec<String>,
    #[serde(default)]
    pub m: Vec<String>,
    #[serde(default)]
    pub f: Vec<String>,
    #[serde(default)]
    pub pl: Vec<String>,
    #[serde(default)]
    pub part_m: Vec<String>,
    #[serde(default)]
    pub part_f: Vec<String>,
    #[serde(default)]
    pub part_pl: Vec<String>,
    /// Verbal nouns that report like the verb when a complement follows
    /// them (بادعاء أن، تأكيده أن، الترويج إلى أن), for the `noun` rules.
    #[serde(default)]
    pub nouns: Vec<String>,
}

/// The word lists.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    #[serde(default)]
    pub complementizers: Vec<String>,
    #[serde(default)]
    pub complement_preps: Vec<String>,
    #[serde(default)]
    pub relatives: Vec<String>,
    #[serde(default)]
    pub time_starts: Vec<String>,
    #[serde(default)]
    pub time_continues: Vec<String>,
    #[serde(default)]
    pub channel_heads: Vec<String>,
    #[serde(default)]
    pub channel_preps: Vec<String>,
    #[serde(default)]
    pub addressee_heads: Vec<String>,
    #[serde(default)]
    pub adjunct_starts: Vec<String>,
    #[serde(default)]
    pub titles: Vec<String>,
    #[serde(default)]
    pub name_joiners: Vec<String>,
    #[serde(default)]
    pub anonymous_heads: Vec<String>,
    #[serde(default)]
    pub anonymity_phrases: Vec<String>,
    #[serde(default)]
    pub organization_heads: Vec<String>,
    #[serde(default)]
    pub state_names: Vec<String>,
    /// News media that relay what others say (وكالة الأنباء، قناة، صحيفة):
    /// a statement they carry is not told apart from its speaker's.
    #[serde(default)]
    pub media_names: Vec<String>,
    #[serde(default)]
    pub group_heads: Vec<String>,
    #[serde(default)]
    pub according_to: Vec<String>,
    #[serde(default)]
    pub according_to_exclude: Vec<String>,
    #[serde(default)]
    pub document_heads: Vec<String>,
    #[serde(default)]
    pub clause_breaks: Vec<String>,
    #[serde(default)]
    pub object_heads: Vec<String>,
    #[serde(default)]
    pub event_heads: Vec<String>,
    #[serde(default)]
    pub consequence_verbs: Vec<String>,
    #[serde(default)]
    pub non_sources: Vec<String>,
    #[serde(default)]
    pub adverbs: Vec<String>,
    #[serde(default)]
    pub source_breaks: Vec<String>,
    #[serde(default)]
    pub an_conjunctions: Vec<String>,
    #[serde(default)]
    pub particles: Vec<String>,
    #[serde(default)]
    pub not_speakers: Vec<String>,
}

impl Lexicon {
    /// Every list with its name, for merging, checks and `isnad rules`.
    pub fn lists_mut(&mut self) -> [(&'static str, &mut Vec<String>); 30] {
        [
            ("complementizers", &mut self.complementizers),
            ("complement_preps", &mut self.complement_preps),
            ("relatives", &mut self.relatives),
            ("time_starts", &mut self.time_starts),
            ("time_continues", &mut self.time_continues),
            ("channel_heads", &mut self.channel_heads),
            ("channel_preps", &mut self.channel_preps),
            ("addressee_heads", &mut self.addressee_heads),
            ("adjunct_starts", &mut self.adjunct_starts),
            ("titles", &mut self.titles),
            ("name_joiners", &mut self.name_joiners),
            ("anonymous_heads", &mut self.anonymous_heads),
            ("anonymity_phrases", &mut self.anonymity_phrases),
            ("organization_heads", &mut self.organization_heads),
            ("state_names", &mut self.state_names),
            ("media_names", &mut self.media_names),
            ("group_heads", &mut self.group_heads),
            ("according_to", &mut self.according_to),
            ("according_to_exclude", &mut self.according_to_exclude),
            ("document_heads", &mut self.document_heads),
            ("clause_breaks", &mut self.clause_breaks),
            ("object_heads", &mut self.object_heads),
            ("event_heads", &mut self.event_heads),
            ("consequence_verbs", &mut self.consequence_verbs),
            ("non_sources", &mut self.non_sources),
            ("adverbs", &mut self.adverbs),
            ("source_breaks", &mut self.source_breaks),
            ("an_conjunctions", &mut self.an_conjunctions),
            ("particles", &mut self.particles),
            ("not_speakers", &mut self.not_speakers),
        ]
    }
}

/// An example attached to a rule: a sentence and what the rule should find
/// in it (or nothing, when `source` and `content` are absent).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RuleExample {
    pub text: String,
    pub source: Option<String>,
    pub content: Option<String>,
    pub mode: Option<String>,
    /// Which attribution of the sentence the example is about (1-based).
    pub nth: Option<usize>,
}

/// A rule instance.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    pub id: String,
    pub kind: Option<String>,
    pub opener: Option<String>,
    pub enabled: Option<bool>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub misses: Option<String>,
    #[serde(default, rename = "example")]
    pub examples: Vec<RuleExample>,
}

/// A whole pack as read from TOML.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    #[serde(default, rename = "cue")]
    pub cues: Vec<CueEntry>,
    #[serde(default)]
    pub lexicon: Lexicon,
    #[serde(default, rename = "rule")]
    pub rules: Vec<RuleDef>,
    /// What the checker knows when it compares two reports.
    #[serde(default)]
    pub compare: CompareLists,
    /// Names mined from the corpora (`tools/mine_names.py`).
    #[serde(default)]
    pub names: Names,
}

/// The `[names]` section: words with their counts in the corpora, mined by
/// `tools/mine_names.py` (no article text, only the words). Each list is
/// one multi-line string, an entry per line: the word or phrase, its count
/// and, for `organizations`, its kind (`organization` or `group`),
/// separated by tabs. A user pack adds lines the same way
/// (`given = """سامر\t1"""`). One string per list keeps the embedded pack
/// fast to load.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Names {
    /// Given names of people (محمد، دونالد).
    #[serde(default)]
    pub given: String,
    /// Family names (ترامب، الزهراني).
    #[serde(default)]
    pub family: String,
    /// Words and phrases that come before a person's name (الرئيس، وزير الخارجية).
    #[serde(default)]
    pub titles: String,
    /// Heads of organisations and groups that speak, with their kind
    /// (وزارة organization، سكان group).
    #[serde(default)]
    pub organizations: String,
}

/// One line of a `[names]` list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameEntry<'a> {
    pub word: &'a str,
    pub count: u64,
    pub kind: Option<&'a str>,
}

impl Names {
    fn merge(&mut self, other: Names) {
        for (mine, theirs) in [
            (&mut self.given, other.given),
            (&mut self.family, other.family),
            (&mut self.titles, other.titles),
            (&mut self.organizations, other.organizations),
        ] {
            if !theirs.trim().is_empty() {
                if !mine.is_empty() && !mine.ends_with('\n') {
                    mine.push('\n');
                }
                mine.push_str(&theirs);
            }
        }
    }

    /// The entries of one list (blank lines skipped). Lines are checked
    /// when the pack is parsed, so none is malformed here.
    pub fn entries(list: &str) -> impl Iterator<Item = NameEntry<'_>> {
        list.lines().filter_map(|l| Names::entry(l).ok().flatten())
    }

    /// One line: `Ok(None)` for a blank line, an error message for a bad one.
    fn entry(line: &str) -> Result<Option<NameEntry<'_>>, String> {
        if line.trim().is_empty() {
            return Ok(None);
        }
        let mut parts = line.split('\t');
        let word = parts.next().unwrap_or("").trim();
        let count = parts.next().map(str::trim);
        let kind = parts.next().map(str::trim);
        let count = match count {
            Some(c) => c
                .parse::<u64>()
                .map_err(|_| format!("`{line}`: the count `{c}` is not a number"))?,
            None => return Err(format!("`{line}`: expected a word, a tab and a count")),
        };
        if word.is_empty() || parts.next().is_some() {
            return Err(format!("`{line}`: expected a word, a tab and a count"));
        }
        Ok(Some(NameEntry { word, count, kind }))
    }

    /// Every line of every list well formed, with a kind where one is due.
    fn check(&self) -> Result<(), String> {
        for (name, list) in [
            ("given", &self.given),
            ("family", &self.family),
            ("titles", &self.titles),
            ("organizations", &self.organizations),
        ] {
            for (n, line) in list.lines().enumerate() {
                let Some(e) = Names::entry(line)
                    .map_err(|m| format!("[names] {name}, line {}: {m}", n + 1))?
                else {
                    continue;
                };
                let ok = match (name, e.kind) {
                    ("organizations", Some("organization" | "group")) => true,
                    ("organizations", _) => false,
                    (_, kind) => kind.is_none(),
                };
                if !ok {
                    return Err(format!(
                        "[names] {name}, line {}: `{line}`: {}",
                        n + 1,
                        if name == "organizations" {
                            "the kind must be organization or group"
                        } else {
                            "only organizations take a kind"
                        }
                    ));
                }
            }
        }
        Ok(())
    }
}

/// The text of a pack file (rules or aliases), or an error naming it.
pub(crate) fn read_file(path: &Path) -> Result<String, PackError> {
    std::fs::read_to_string(path).map_err(|source| PackError::Io {
        path: path.display().to_string(),
        source,
    })
}

/// The rule kinds implemented in code.
pub const RULE_KINDS: [&str; 6] = [
    "cue-frame",
    "tail",
    "noun",
    "postposed",
    "according-to",
    "relay",
];
/// The openers a cue-frame or tail rule may name.
pub const OPENERS: [&str; 4] = ["complement", "quote", "colon", "nominal"];

impl Pack {
    /// Parse one TOML file of a pack. `path` is used in error messages.
    pub fn parse(path: &str, text: &str) -> Result<Pack, PackError> {
        let pack: Pack = toml::from_str(text).map_err(|e| {
            let message = match e.span() {
                Some(span) => {
                    let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
                    format!("line {line}: {}", e.message())
                }
                None => e.message().to_string(),
            };
            PackError::Parse {
                path: path.to_string(),
                message,
            }
        })?;
        pack.names.check().map_err(|message| PackError::Parse {
            path: path.to_string(),
            message,
        })?;
        for r in &pack.rules {
            if let Some(kind) = &r.kind {
                if !RULE_KINDS.contains(&kind.as_str()) {
                    return Err(PackError::Rule {
                        path: path.into(),
                        id: r.id.clone(),
                        message: format!(
                            "unknown kind `{kind}` (known kinds: {})",
                            RULE_KINDS.join(", ")
                        ),
                    });
                }
            }
            if let Some(op) = &r.opener {
                if !OPENERS.contains(&op.as_str()) {
                    return Err(PackError::Rule {
                        path: path.into(),
                        id: r.id.clone(),
                        message: format!("unknown opener `{op}` (known: {})", OPENERS.join(", ")),
                    });
                }
            }
        }
        Ok(pack)
    }

    /// The embedded default pack, parsed once per process (the name
    /// lexicon alone is some thousand lines of TOML).
    pub fn default_pack() -> Pack {
        static PACK: std::sync::OnceLock<Pack> = std::sync::OnceLock::new();
        PACK.get_or_init(|| {
            let mut pack = Pack::default();
            for (path, text) in DEFAULT_PACK {
                // The embedded files are checked by the test suite; a failure
                // here is a build defect, not user input.
                let part = Pack::parse(path, text).expect("embedded pack parses");
                pack.merge(part, path).expect("embedded pack merges");
            }
            pack
        })
        .clone()
    }

    /// Read a user pack from a file.
    pub fn load(path: &Path) -> Result<Pack, PackError> {
        Pack::parse(&path.display().to_string(), &read_file(path)?)
    }

    /// Lay `other` over this pack (see the module documentation).
    pub fn merge(&mut self, other: Pack, path: &str) -> Result<(), PackError> {
        for cue in other.cues {
            let key = crate::text::normalize::normalize_str(&cue.lemma);
            if let Some(mine) = self
                .cues
                .iter_mut()
                .find(|c| crate::text::normalize::normalize_str(&c.lemma) == key)
            {
                if cue.stance.is_some() {
                    mine.stance = cue.stance;
                }
                mine.relay |= cue.relay;
                if cue.relay_prep.is_some() {
                    mine.relay_prep = cue.relay_prep;
                }
                mine.preps.extend(cue.preps);
                mine.openers.extend(cue.openers);
                mine.clause_initial |= cue.clause_initial;
                mine.initial_or_clitic |= cue.initial_or_clitic;
                mine.source_from_channel |= cue.source_from_channel;
                mine.verbal_noun_object |= cue.verbal_noun_object;
                if cue.addressee_prep.is_some() {
                    mine.addressee_prep = cue.addressee_prep;
                }
                if cue.object.is_some() {
                    mine.object = cue.object;
                }
                mine.impersonal.extend(cue.impersonal);
                mine.m.extend(cue.m);
                mine.f.extend(cue.f);
                mine.pl.extend(cue.pl);
                mine.part_m.extend(cue.part_m);
                mine.part_f.extend(cue.part_f);
                mine.part_pl.extend(cue.part_pl);
                mine.nouns.extend(cue.nouns);
            } else {
                self.cues.push(cue);
            }
        }
        let mut other_lex = other.lexicon;
        for ((_, mine), (_, theirs)) in self
            .lexicon
            .lists_mut()
            .into_iter()
            .zip(other_lex.lists_mut())
        {
            mine.append(theirs);
        }
        self.compare.merge(other.compare);
        self.names.merge(other.names);
        for rule in other.rules {
            if let Some(mine) = self.rules.iter_mut().find(|r| r.id == rule.id) {
                if rule.kind.is_some() {
                    mine.kind = rule.kind;
                }
                if rule.opener.is_some() {
                    mine.opener = rule.opener;
                }
                if rule.enabled.is_some() {
                    mine.enabled = rule.enabled;
                }
                if rule.summary.is_some() {
                    mine.summary = rule.summary;
                }
                if rule.description.is_some() {
                    mine.description = rule.description;
                }
                if rule.misses.is_some() {
                    mine.misses = rule.misses;
                }
                mine.examples.extend(rule.examples);
            } else {
                if rule.kind.is_none() {
                    return Err(PackError::Rule {
                        path: path.into(),
                        id: rule.id,
                        message: "a new rule needs a `kind`".into(),
                    });
                }
                self.rules.push(rule);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_names_line_is_named_and_a_user_pack_adds_names() {
        let err = Pack::parse("user.toml", "[names]\ngiven = \"\"\"\nسامر\tكثير\n\"\"\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("user.toml") && err.contains("given, line 1"),
            "{err}"
        );
        let err = Pack::parse(
            "user.toml",
            "[names]\norganizations = \"\"\"\nرابطة\t3\tclub\n\"\"\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("organization or group"), "{err}");
        let mut pack = Pack::default_pack();
        let user =
            Pack::parse("user.toml", "[names]\ngiven = \"\"\"\nزمردان\t1\n\"\"\"\n").unwrap();
        pack.merge(user, "user.toml").unwrap();
        assert!(Names::entries(&pack.names.given).any(|e| e.word == "زمردان" && e.count == 1));
        assert!(Names::entries(&pack.names.given).any(|e| e.word == "محمد"));
    }

    #[test]
    fn default_pack_parses_and_rules_have_known_kinds() {
        let pack = Pack::default_pack();
        assert!(pack.cues.len() > 30);
        assert!(pack.rules.iter().all(|r| r.kind.is_some()));
        let mut ids: Vec<_> = pack.rules.iter().map(|r| r.id.as_str()).collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "rule ids are unique");
    }

    #[test]
    fn user_pack_extends_and_overrides() {
        let mut pack = Pack::default_pack();
        let user = Pack::parse(
            "user.toml",
            r#"
[[cue]]
lemma = "قال"
stance = "assert"
m = ["يقولها"]

[[cue]]
lemma = "همس"
stance = "neutral"
m = ["همس"]

[lexicon]
anonymous_heads = ["مخبر"]

[[rule]]
id = "verb-colon"
enabled = false
"#,
        )
        .unwrap();
        pack.merge(user, "user.toml").unwrap();
        let qal = pack.cues.iter().find(|c| c.lemma == "قال").unwrap();
        assert_eq!(qal.stance, Some(Stance::Assert));
        assert!(qal.m.iter().any(|f| f == "يقولها"));
        assert!(pack.cues.iter().any(|c| c.lemma == "همس"));
        assert!(pack.lexicon.anonymous_heads.iter().any(|w| w == "مخبر"));
        let colon = pack.rules.iter().find(|r| r.id == "verb-colon").unwrap();
        assert_eq!(colon.enabled, Some(false));
    }

    #[test]
    fn bad_packs_name_the_problem() {
        let err = Pack::parse("x.toml", "[[rule]]\nid = \"a\"\nkind = \"magic\"\n").unwrap_err();
        assert!(err.to_string().contains("unknown kind `magic`"), "{err}");
        let err = Pack::parse("x.toml", "[lexicon]\nnope = [1]\n").unwrap_err();
        assert!(err.to_string().starts_with("x.toml: line 2"), "{err}");
        let mut p = Pack::default_pack();
        let err = p
            .merge(
                Pack::parse("y.toml", "[[rule]]\nid = \"new\"\n").unwrap(),
                "y.toml",
            )
            .unwrap_err();
        assert!(err.to_string().contains("needs a `kind`"), "{err}");
    }
}
