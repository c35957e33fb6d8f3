//! Who is who across articles: two sources are compared by identity, not
//! by string. Names are normalised, titles are already gone from the
//! canonical name the extractor gives, spelling and transliteration
//! variants meet (أردوغان/إردوغان, شويجو/شويغو, ألفريد/الفرد), a partial
//! name matches the full one (ساركوزي = نيكولا ساركوزي), and an alias pack
//! (embedded `packs/aliases.toml`, extended with `--aliases FILE`) joins
//! names no spelling rule can (روسيا/موسكو).

use crate::attribution::{Source, SourceKind};
use crate::normalize::normalize_str;
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::path::Path;

const DEFAULT_ALIASES: &str = include_str!("../packs/aliases.toml");

/// Whether two sources are the same speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SameSource {
    Same,
    Different,
    /// One side is anonymous or unresolved: nothing can be said.
    Unknown,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasFile {
    #[serde(default)]
    entity: Vec<AliasEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasEntry {
    canonical: String,
    #[serde(default)]
    aliases: Vec<String>,
}

/// An error in an alias pack.
#[derive(Debug, thiserror::Error)]
pub enum AliasError {
    #[error("{path}: {message}")]
    Parse { path: String, message: String },
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// The alias table and the name comparison.
#[derive(Debug, Clone)]
pub struct Identities {
    /// Normalised name -> entity number.
    aliases: FxHashMap<String, usize>,
    /// Entity number -> canonical name.
    canonical: Vec<String>,
}

impl Default for Identities {
    fn default() -> Self {
        let mut ids = Identities {
            aliases: FxHashMap::default(),
            canonical: Vec::new(),
        };
        ids.add("packs/aliases.toml", DEFAULT_ALIASES)
            .expect("the embedded alias pack parses");
        ids
    }
}

/// The key a name token is compared by: its consonant skeleton, with the
/// letters transliteration swaps folded (غ/ج/ق/ك for g, long vowels dropped
/// after the first letter) and the article and clitic prepositions removed.
pub fn skeleton(token: &str) -> String {
    let t = token.strip_prefix("لل").map(|r| format!("ال{r}"));
    let t = t.as_deref().unwrap_or(token);
    let t = t
        .strip_prefix("ال")
        .filter(|r| r.chars().count() >= 2)
        .unwrap_or(t);
    let mut out = String::new();
    for (k, c) in t.chars().enumerate() {
        let c = match c {
            'غ' | 'ق' | 'ك' | 'گ' => 'ج',
            'ه' => 'ة',
            c => c,
        };
        if k > 0 && matches!(c, 'ا' | 'و' | 'ي') {
            continue;
        }
        out.push(c);
    }
    out
}

fn tokens(name: &str) -> Vec<String> {
    normalize_str(name)
        .split_whitespace()
        .filter(|t| t.chars().count() >= 2)
        .map(skeleton)
        .collect()
}

fn token_match(a: &str, b: &str) -> bool {
    a == b || (a.chars().count() >= 4 && strsim::jaro_winkler(a, b) >= 0.92)
}

impl Identities {
    /// The embedded aliases with a user file laid over them.
    pub fn with_file(path: &Path) -> Result<Identities, AliasError> {
        let mut ids = Identities::default();
        let text = std::fs::read_to_string(path).map_err(|source| AliasError::Io {
            path: path.display().to_string(),
            source,
        })?;
        ids.add(&path.display().to_string(), &text)?;
        Ok(ids)
    }

    fn add(&mut self, path: &str, text: &str) -> Result<(), AliasError> {
        let file: AliasFile = toml::from_str(text).map_err(|e| AliasError::Parse {
            path: path.to_string(),
            message: e.to_string(),
        })?;
        for e in file.entity {
            let key = normalize_str(&e.canonical);
            let id = match self.aliases.get(&key) {
                Some(&id) => id,
                None => {
                    self.canonical.push(e.canonical.clone());
                    self.canonical.len() - 1
                }
            };
            self.aliases.insert(key, id);
            for a in e.aliases {
                self.aliases.insert(normalize_str(&a), id);
            }
        }
        Ok(())
    }

    /// The alias entity a name belongs to, if any.
    fn entity(&self, name: &str) -> Option<usize> {
        self.aliases.get(&normalize_str(name)).copied()
    }

    /// The name an identity is reported under: the alias pack's canonical
    /// name when there is one, otherwise the source's own canonical name.
    pub fn display<'a>(&'a self, s: &'a Source) -> &'a str {
        match self.entity(&s.canonical) {
            Some(id) => &self.canonical[id],
            None => &s.canonical,
        }
    }

    /// Are these two sources the same speaker?
    ///
    /// ```
    /// use isnad::attribution::{Resolution, Source, SourceKind};
    /// let s = |name: &str| Source {
    ///     text: name.into(), canonical: name.into(), kind: SourceKind::Person,
    ///     span: None, resolution: Resolution::Explicit,
    /// };
    /// let ids = isnad::identity::Identities::default();
    /// use isnad::identity::SameSource::*;
    /// assert_eq!(ids.same(&s("نيكولا ساركوزي"), &s("ساركوزي")), Same);
    /// assert_eq!(ids.same(&s("سيرغي شويجو"), &s("سيرجي شويغو")), Same);
    /// assert_eq!(ids.same(&s("رجب طيب أردوغان"), &s("إردوغان")), Same);
    /// assert_eq!(ids.same(&s("ألفريد نوبل"), &s("الفرد نوبل")), Same);
    /// assert_eq!(ids.same(&s("مراد الكتبي"), &s("سلمى العيساوي")), Different);
    /// ```
    pub fn same(&self, a: &Source, b: &Source) -> SameSource {
        let vague = |s: &Source| matches!(s.kind, SourceKind::Anonymous | SourceKind::Unresolved);
        if vague(a) || vague(b) {
            return SameSource::Unknown;
        }
        if let (Some(x), Some(y)) = (self.entity(&a.canonical), self.entity(&b.canonical)) {
            return if x == y {
                SameSource::Same
            } else {
                SameSource::Different
            };
        }
        let (ta, tb) = (tokens(&a.canonical), tokens(&b.canonical));
        if ta.is_empty() || tb.is_empty() {
            return SameSource::Unknown;
        }
        let (short, long) = if ta.len() <= tb.len() {
            (&ta, &tb)
        } else {
            (&tb, &ta)
        };
        let found = short
            .iter()
            .filter(|t| long.iter().any(|u| token_match(t, u)))
            .count();
        let same = if a.kind == SourceKind::Group || b.kind == SourceKind::Group {
            // Groups (سكان في عين الريحان / سكان قرية عين الريحان): most words.
            found * 2 > short.len()
        } else if short.len() == 1 && long.len() > 1 {
            // A single name matches a full name by its last word (the family
            // name) or its first (a person known by a given name).
            token_match(&short[0], long.last().unwrap()) || token_match(&short[0], &long[0])
        } else {
            found == short.len()
        };
        if same {
            SameSource::Same
        } else {
            SameSource::Different
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::Resolution;

    fn src(name: &str, kind: SourceKind) -> Source {
        Source {
            text: name.into(),
            canonical: name.into(),
            kind,
            span: None,
            resolution: Resolution::Explicit,
        }
    }

    #[test]
    fn metonymy_comes_from_the_alias_pack() {
        let ids = Identities::default();
        let (a, b) = (
            src("روسيا", SourceKind::Organization),
            src("موسكو", SourceKind::Organization),
        );
        assert_eq!(ids.same(&a, &b), SameSource::Same);
        assert_eq!(ids.display(&b), "روسيا");
    }

    #[test]
    fn a_user_alias_file_joins_two_names() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.toml");
        std::fs::write(
            &p,
            "[[entity]]\ncanonical = \"نادي الزيتونة\"\naliases = [\"العميد\"]\n",
        )
        .unwrap();
        let ids = Identities::with_file(&p).unwrap();
        let (a, b) = (
            src("نادي الزيتونة", SourceKind::Organization),
            src("العميد", SourceKind::Organization),
        );
        assert_eq!(ids.same(&a, &b), SameSource::Same);
        assert_eq!(Identities::default().same(&a, &b), SameSource::Different);
    }

    #[test]
    fn a_bad_alias_file_names_itself() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bad.toml");
        std::fs::write(&p, "[[entity]]\nname = 1\n").unwrap();
        let e = Identities::with_file(&p).unwrap_err().to_string();
        assert!(e.contains("bad.toml") && e.contains("line 2"), "{e}");
    }

    #[test]
    fn anonymous_sources_are_unknown_and_groups_match_by_most_words() {
        let ids = Identities::default();
        assert_eq!(
            ids.same(
                &src("مصدر مطلع", SourceKind::Anonymous),
                &src("مراد الكتبي", SourceKind::Person)
            ),
            SameSource::Unknown
        );
        assert_eq!(
            ids.same(
                &src("سكان في عين الريحان", SourceKind::Group),
                &src("سكان قرية عين الريحان", SourceKind::Group)
            ),
            SameSource::Same
        );
    }
}
