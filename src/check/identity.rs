//! Who is who across articles: two sources are compared by identity, not
//! by string. Names are normalised, titles are already gone from the
//! canonical name the extractor gives, spelling and transliteration
//! variants meet (أردوغان/إردوغان, شويجو/شويغو, ألفريد/الفرد), a partial
//! name matches the full one (ساركوزي = نيكولا ساركوزي), and an alias pack
//! (embedded `packs/aliases.toml`, extended with `--aliases FILE`) joins
//! names no spelling rule can (روسيا/موسكو).

use crate::extract::attribution::{Resolution, Source, SourceKind};
use crate::pack::aliases::Aliases;
use crate::pack::{Names, Pack, PackError};
use crate::text::arabic::{family_keys, without_article, without_conjunction};
use crate::text::names;
use crate::text::normalize::normalize_str;
use rustc_hash::{FxHashMap, FxHashSet};
use std::path::Path;

/// Whether two sources are the same speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SameSource {
    Same,
    Different,
    /// One side is anonymous or unresolved: nothing can be said.
    Unknown,
}

/// The alias table and the name comparison.
#[derive(Debug, Clone)]
pub struct Identities {
    /// Normalised name -> entity number.
    aliases: FxHashMap<String, usize>,
    /// Entity number -> canonical name.
    canonical: Vec<String>,
    /// Words that are a title or a document, not a name (الوزير، البيان),
    /// normalised, from the rule pack's lexicon.
    not_names: FxHashSet<String>,
    /// Family names the name lexicon knows and that are not also given
    /// names (ترامب، الزهراني), normalised: one alone names its person.
    family_names: FxHashSet<String>,
    /// Given names the name lexicon knows, normalised.
    given_names: FxHashSet<String>,
    /// The family keys of the states of the rule pack (روسيا، السعودية) and
    /// of a few adjectives every body may carry (الرسمية، الوطني): a
    /// person and a body of one country are not tied by it.
    loose_ties: FxHashSet<String>,
    /// Words that head a document (البيان، التقرير), normalised.
    document_heads: FxHashSet<String>,
    /// The first words of news media's names (وكالة، قناة، رويترز),
    /// normalised.
    media: Vec<String>,
}

impl Default for Identities {
    /// The built-in packs' titles and description words, and the built-in
    /// aliases.
    fn default() -> Self {
        Identities::from_pack(&Pack::default_pack())
    }
}

impl Identities {
    /// The words of `pack` that describe a speaker without naming them
    /// (its titles, document and organisation heads, the comparison pack's
    /// description words and the mined titles and heads), the family names
    /// of its name lexicon, with the built-in aliases.
    pub fn from_pack(pack: &Pack) -> Identities {
        let lex = &pack.lexicon;
        let mut not_names: FxHashSet<String> = FxHashSet::default();
        for w in lex
            .titles
            .iter()
            .chain(&lex.document_heads)
            .chain(&lex.organization_heads)
        {
            let n = normalize_str(w);
            not_names.insert(n.strip_prefix("ال").unwrap_or(&n).to_string());
            not_names.insert(n);
        }
        for w in &pack.compare.description_words {
            not_names.insert(normalize_str(w));
        }
        // The mined titles and heads describe too (their first word: وزير
        // of «وزير الخارجية»).
        for e in Names::entries(&pack.names.titles) {
            if let Some(first) = normalize_str(e.word).split_whitespace().next() {
                not_names.insert(first.strip_prefix("ال").unwrap_or(first).to_string());
                not_names.insert(first.to_string());
            }
        }
        for e in Names::entries(&pack.names.organizations) {
            not_names.insert(normalize_str(e.word));
        }
        let given: FxHashSet<String> = Names::entries(&pack.names.given)
            .map(|e| normalize_str(e.word))
            .collect();
        let family_names = Names::entries(&pack.names.family)
            .map(|e| normalize_str(e.word))
            .filter(|w| !given.contains(w) && !not_names.contains(w))
            .collect();
        let given_names = given;
        let loose_ties = lex
            .state_names
            .iter()
            .map(String::as_str)
            .chain(["الرسمي", "العام", "الوطني", "الدولي"])
            .flat_map(|w| {
                let n = normalize_str(w);
                let bare = without_article(&n).to_string();
                // The nisba too: روسيا -> الروسية، السعودية -> السعودي.
                let stem = bare.strip_suffix('ا').unwrap_or(&bare).to_string();
                [n, format!("ال{stem}يه"), format!("ال{stem}ي")]
                    .into_iter()
                    .flat_map(|x| family_keys(&x))
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut ids = Identities {
            aliases: FxHashMap::default(),
            canonical: Vec::new(),
            not_names,
            family_names,
            given_names,
            loose_ties,
            media: lex.media_names.iter().map(|w| normalize_str(w)).collect(),
            document_heads: lex
                .document_heads
                .iter()
                .flat_map(|w| {
                    let n = normalize_str(w);
                    [without_article(&n).to_string(), n]
                })
                .collect(),
        };
        ids.add(Aliases::builtin());
        ids
    }
}

fn tokens(name: &str) -> Vec<String> {
    normalize_str(name)
        .split_whitespace()
        .filter(|t| t.chars().count() >= 2)
        .map(names::skeleton)
        .collect()
}

fn token_match(a: &str, b: &str) -> bool {
    a == b || (a.chars().count() >= 4 && names::similarity(a, b) >= names::SAME_NAME_WORD)
}

impl Identities {
    /// The embedded aliases with a user file laid over them.
    pub fn with_file(path: &Path) -> Result<Identities, PackError> {
        let mut ids = Identities::default();
        ids.add(Aliases::load(path)?);
        Ok(ids)
    }

    /// The embedded aliases with the alias pack `text` laid over them;
    /// `path` names it in errors.
    pub fn with_text(path: &str, text: &str) -> Result<Identities, PackError> {
        let mut ids = Identities::default();
        ids.add(Aliases::parse(path, text)?);
        Ok(ids)
    }

    /// Lay an alias pack over these identities.
    pub fn add(&mut self, aliases: Aliases) {
        for e in aliases.entities {
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
    ///     span: None, resolution: Resolution::Explicit, affiliation: None,
    /// };
    /// let ids = isnad::check::identity::Identities::default();
    /// use isnad::check::identity::SameSource::*;
    /// assert_eq!(ids.same(&s("نيكولا ساركوزي"), &s("ساركوزي")), Same);
    /// assert_eq!(ids.same(&s("سيرغي شويجو"), &s("سيرجي شويغو")), Same);
    /// assert_eq!(ids.same(&s("رجب طيب أردوغان"), &s("إردوغان")), Same);
    /// assert_eq!(ids.same(&s("ألفريد نوبل"), &s("الفرد نوبل")), Same);
    /// assert_eq!(ids.same(&s("مراد الكتبي"), &s("سلمى العيساوي")), Different);
    /// // A title and a nationality describe the speaker, they do not name them.
    /// assert_eq!(ids.same(&s("الوزير الزمرداني"), &s("مراد الكتبي")), Unknown);
    /// assert_eq!(ids.same(&s("المتحدث باسم الحكومة الزمردانية"), &s("مراد الكتبي")), Unknown);
    /// assert_eq!(ids.same(&s("الكتبي"), &s("العيساوي")), Different);
    /// ```
    pub fn same(&self, a: &Source, b: &Source) -> SameSource {
        // Two anonymous sources described alike (مسؤول زمرداني طلب عدم نشر
        // اسمه) are taken as one; otherwise an anonymous or unresolved side
        // says nothing.
        if a.kind == SourceKind::Anonymous && b.kind == SourceKind::Anonymous {
            let (ta, tb) = (tokens(&a.canonical), tokens(&b.canonical));
            return if !ta.is_empty() && !tb.is_empty() && Self::names_match(&ta, &tb, true) {
                SameSource::Same
            } else {
                SameSource::Unknown
            };
        }
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
        if Self::names_match(
            &ta,
            &tb,
            a.kind == SourceKind::Group || b.kind == SourceKind::Group,
        ) {
            return SameSource::Same;
        }
        // Each canonical name normalised once, as words.
        let (ca, cb) = (normalize_str(&a.canonical), normalize_str(&b.canonical));
        let (wa, wb): (Vec<&str>, Vec<&str>) = (
            ca.split_whitespace().collect(),
            cb.split_whitespace().collect(),
        );
        // A document (بيان أصدرته، تقرير للأمم المتحدة) is its author's, whom
        // it may not name.
        if self.document(a, &wa) || self.document(b, &wb) {
            return SameSource::Unknown;
        }
        // A medium (وكالة الأنباء الإماراتية) relays the statements of bodies:
        // the army's statement it carries may be told as the agency's. A
        // person's words told as the agency's are put in the wrong mouth.
        let body = |s: &Source| s.kind == SourceKind::Organization;
        if (self.medium(a, &ca) && body(b)) || (self.medium(b, &cb) && body(a)) {
            return SameSource::Unknown;
        }
        // A title or a document on one side (رئيس الوزراء، البيان) may be
        // the other side's person: the same when the other's mention
        // carries that title, otherwise nothing can be said.
        let (na, nb) = (self.body_tokens(a, &wa), self.body_tokens(b, &wb));
        if na.is_empty() || nb.is_empty() {
            let (title, other) = if na.is_empty() { (a, b) } else { (b, a) };
            let t = tokens(&title.canonical);
            let o = tokens(&other.text);
            return if t.iter().all(|x| o.iter().any(|y| token_match(x, y))) {
                SameSource::Same
            } else {
                SameSource::Unknown
            };
        }
        // Different only when both are named plainly: two persons, two
        // organisations, or a person and a body nothing ties, each named
        // next to its cue, sharing no name word even loosely. Anything less
        // certain is unknown, because a false `misattributed` costs the desk
        // as much as a miss.
        let plain = |s: &Source| {
            matches!(
                s.resolution,
                Resolution::Explicit
                    | Resolution::Apposition
                    | Resolution::Antecedent
                    | Resolution::ProDrop
                    | Resolution::Tail
            )
        };
        // A person is named by a full name, or by a family name with the
        // article (الكتبي); a lone given name (محمد) or a word the
        // extractor took for a name (قوله، نفسه) names nobody for sure.
        // A nisba after a title (الوزير الأمريكي، المسؤول الإيراني) describes
        // the speaker rather than naming them.
        let person_named = |words: &[&str], n: &[String]| {
            n.len() >= 2 || {
                let titled = words.iter().any(|w| self.not_names.contains(*w));
                let name: Vec<&&str> = words
                    .iter()
                    .filter(|w| w.chars().count() >= 2 && !self.not_names.contains(**w))
                    .collect();
                n.len() == 1
                    && name.len() == 1
                    && name[0].starts_with("ال")
                    && name[0].chars().count() >= 5
                    && !(titled && (name[0].ends_with('ي') || name[0].ends_with("يه")))
            }
        };
        // A person and an organisation are two speakers unless the mention
        // ties them: the person's title names the body (المتحدث باسم
        // الجيش، وزير الخارجية against وزارة الخارجية), or the body's
        // mention names the person. Words are compared by family.
        let tied = |p: &Source, o: &Source| {
            let keys = |s: &str| -> FxHashSet<String> {
                normalize_str(s)
                    .split_whitespace()
                    .flat_map(|w| family_keys(without_conjunction(w)))
                    .collect()
            };
            let mut pk: FxHashSet<String> =
                keys(&p.text).union(&keys(&p.canonical)).cloned().collect();
            pk.extend(p.affiliation.as_deref().map(keys).unwrap_or_default());
            let ok: FxHashSet<String> = keys(&o.text).union(&keys(&o.canonical)).cloned().collect();
            // A state's name ties only to the state itself (the spokesman
            // of the Iranian government and إيران), not to every body of
            // that country (وكالة الأنباء الإيرانية).
            let state = o.canonical.split_whitespace().count() == 1;
            pk.intersection(&ok)
                .any(|k| state || !self.loose_ties.contains(k))
        };
        let person_and_body =
            |p: &Source, o: &Source, wp: &[&str], np: &[String], no: &[String]| {
                p.kind == SourceKind::Person
                    && o.kind == SourceKind::Organization
                    && (person_named(wp, np) || wp.len() == 1 && self.family_names.contains(wp[0]))
                    && !no.is_empty()
                    && !tied(p, o)
            };
        let comparable = person_and_body(a, b, &wa, &na, &nb)
            || person_and_body(b, a, &wb, &nb, &na)
            || a.kind == b.kind
                && match a.kind {
                    SourceKind::Person => {
                        // A family name the lexicon knows, alone (ترامب), names
                        // its person against another name the lexicon knows
                        // (بوتين), not against a title (الرئيس التركي).
                        let lone = |w: &[&str]| w.len() == 1 && self.family_names.contains(w[0]);
                        let known = |w: &[&str]| {
                            w.iter().any(|x| {
                                self.family_names.contains(*x) || self.given_names.contains(*x)
                            })
                        };
                        // Transliterations of one name vary (مورير، ماور؛ كولوم،
                        // كولومب): only names that do not even start alike count.
                        let unlike = |x: &[&str], y: &[&str]| {
                            let first = x.first().and_then(|w| w.chars().next());
                            !y.iter().any(|w| w.chars().next() == first)
                        };
                        // A family name alone against a different full name
                        // (ترامب against جورج بوش) names its person too.
                        // (A full name: two name words, one the lexicon knows;
                        // a title and its nisba are not one.)
                        let full = |n: &[String], w: &[&str]| n.len() >= 2 && known(w);
                        let named_a = person_named(&wa, &na)
                            || (lone(&wa) && (full(&nb, &wb) || known(&wb) && unlike(&wa, &wb)));
                        let named_b = person_named(&wb, &nb)
                            || (lone(&wb) && (full(&na, &wa) || known(&wa) && unlike(&wb, &wa)));
                        named_a && named_b
                    }
                    // Two bodies named with nothing in common (وكالة فرانس
                    // برس، وزارة الخارجية الروسية), however long the names.
                    SourceKind::Organization => true,
                    _ => false,
                };
        // Loosely the same name word: equal skeletons, or close ones when
        // both are long enough for a spelling variant to show (محمد and
        // احمد are two names).
        let loose = |x: &String, y: &String| {
            x == y
                || (x.chars().count() >= 4
                    && y.chars().count() >= 4
                    && names::similarity(x, y) >= names::SHARED_NAME_WORD)
        };
        let share = na.iter().any(|x| nb.iter().any(|y| loose(x, y)));
        let (text_a, text_b) = (tokens(&a.text), tokens(&b.text));
        let mentioned = na.iter().any(|x| text_b.iter().any(|y| loose(x, y)))
            || nb.iter().any(|x| text_a.iter().any(|y| loose(x, y)));
        if comparable && plain(a) && plain(b) && !share && !mentioned {
            SameSource::Different
        } else {
            SameSource::Unknown
        }
    }

    /// A document: a source whose name (`words`, normalised) starts with a
    /// document head (البيان، بيان صدر عنها، تقرير للأمم المتحدة) and is not
    /// a medium's.
    fn document(&self, s: &Source, words: &[&str]) -> bool {
        words
            .first()
            .is_some_and(|w| self.document_heads.contains(without_conjunction(w)))
            && !self.medium(s, &words.join(" "))
    }

    /// A news medium: an organisation whose name (`n`, normalised) starts
    /// with a word of the pack's `media_names`.
    fn medium(&self, s: &Source, n: &str) -> bool {
        let starts = |n: &str, m: &str| {
            n.strip_prefix(m)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        };
        s.kind == SourceKind::Organization
            && self
                .media
                .iter()
                .any(|m| starts(n, m) || starts(without_conjunction(n), m))
    }

    /// The name words of a source (`words`: its canonical name,
    /// normalised). A body named only by a head and its qualifiers (وكالة
    /// الأنباء الإيرانية الرسمية، وزارة الخارجية الروسية) is named by them; a
    /// single word (الحكومة) names no one body.
    fn body_tokens(&self, s: &Source, words: &[&str]) -> Vec<String> {
        let n = self.name_tokens(&s.canonical);
        if s.kind != SourceKind::Organization || words.len() < 2 {
            return n;
        }
        // Without its country and the adjectives every body carries: the
        // Iranian agency is not named by «الإيرانية».
        let loose = |w: &str| {
            family_keys(without_conjunction(w))
                .iter()
                .any(|k| self.loose_ties.contains(k))
        };
        let kept = |title_too: bool| -> Vec<String> {
            words
                .iter()
                .filter(|w| w.chars().count() >= 2 && !loose(w))
                .filter(|w| title_too || !self.not_names.contains(**w))
                .map(|w| names::skeleton(w))
                .collect()
        };
        let named = kept(false);
        if named.is_empty() {
            kept(true)
        } else {
            named
        }
    }

    /// The name words of a mention: its skeletons without titles,
    /// document words and connectors.
    fn name_tokens(&self, name: &str) -> Vec<String> {
        normalize_str(name)
            .split_whitespace()
            .filter(|t| t.chars().count() >= 2 && !self.not_names.contains(*t))
            .map(names::skeleton)
            .collect()
    }

    fn names_match(ta: &[String], tb: &[String], group: bool) -> bool {
        let (short, long) = if ta.len() <= tb.len() {
            (ta, tb)
        } else {
            (tb, ta)
        };
        let found = short
            .iter()
            .filter(|t| long.iter().any(|u| token_match(t, u)))
            .count();
        if group {
            // Groups (سكان في عين الريحان / سكان قرية عين الريحان): most words.
            found * 2 > short.len()
        } else if short.len() == 1 && long.len() > 1 {
            // A single name matches a full name by its last word, the family
            // name (ساركوزي). Not by a given name: across articles, «إبراهيم»
            // is too many people.
            token_match(&short[0], long.last().unwrap())
        } else {
            found == short.len()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::attribution::Resolution;

    fn src(name: &str, kind: SourceKind) -> Source {
        Source {
            text: name.into(),
            canonical: name.into(),
            kind,
            span: None,
            resolution: Resolution::Explicit,
            affiliation: None,
        }
    }

    /// A title a newsroom's pack adds describes a speaker as the built-in
    /// titles do: «العراب الزمرداني» names nobody once العراب is a title.
    #[test]
    fn titles_of_a_user_pack_describe_rather_than_name() {
        let p = |n: &str| src(n, SourceKind::Person);
        let (a, b) = (p("العراب الزمرداني"), p("مراد الكتبي"));
        assert_eq!(Identities::default().same(&a, &b), SameSource::Different);
        let mut pack = Pack::default_pack();
        let user = Pack::parse("user.toml", "[lexicon]\ntitles = [\"العراب\"]\n").unwrap();
        pack.merge(user, "user.toml").unwrap();
        assert_eq!(
            Identities::from_pack(&pack).same(&a, &b),
            SameSource::Unknown
        );
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
            "[[entity]]\ncanonical = \"نادي الزيتونة\"\naliases = [\"الفرسان\"]\n",
        )
        .unwrap();
        let ids = Identities::with_file(&p).unwrap();
        let (a, b) = (
            src("نادي الزيتونة", SourceKind::Organization),
            src("الفرسان", SourceKind::Organization),
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
    fn a_known_family_name_alone_names_its_person() {
        let ids = Identities::default();
        // Two family names the name lexicon knows: two people.
        let (a, b) = (
            src("ترامب", SourceKind::Person),
            src("بوتين", SourceKind::Person),
        );
        assert_eq!(ids.same(&a, &b), SameSource::Different);
        // A given name alone still names nobody for sure.
        let (c, d) = (
            src("محمد", SourceKind::Person),
            src("بوتين", SourceKind::Person),
        );
        assert_eq!(ids.same(&c, &d), SameSource::Unknown);
        // Against a title, nothing can be said: the title may be theirs.
        let e = src("وزير الدفاع الأمريكي", SourceKind::Person);
        assert_eq!(ids.same(&a, &e), SameSource::Unknown);
        // A family name alone against a different full name: two people,
        // even when both start alike.
        let f = src("تيريزا ماي", SourceKind::Person);
        assert_eq!(ids.same(&a, &f), SameSource::Different);
        let g = src("دونالد ترامب", SourceKind::Person);
        assert_eq!(ids.same(&a, &g), SameSource::Same);
    }

    #[test]
    fn a_given_name_alone_is_not_the_person() {
        let ids = Identities::default();
        let (a, b) = (
            src("إبراهيم", SourceKind::Person),
            src("إبراهيم سلوان", SourceKind::Person),
        );
        assert_ne!(ids.same(&a, &b), SameSource::Same);
        let c = src("سلوان", SourceKind::Person);
        assert_eq!(ids.same(&c, &b), SameSource::Same);
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

    #[test]
    fn bodies_named_by_their_head_and_qualifiers_are_told_apart() {
        let ids = Identities::default();
        let org = |n: &str| src(n, SourceKind::Organization);
        // Two bodies named at length, nothing in common.
        assert_eq!(
            ids.same(
                &org("الاتحاد الدولي لكرة القدم"),
                &org("الهيئة العامة للأرصاد وحماية البيئة")
            ),
            SameSource::Different
        );
        // A spokesman of one country's ministry is not tied to every body
        // of that country by its nisba.
        let mut p = src("بهرام قاسمي", SourceKind::Person);
        p.text = "المتحدث باسم وزارة الخارجية الزمردانية بهرام قاسمي".into();
        p.affiliation = Some("المتحدث باسم وزارة الخارجية الزمردانية".into());
        let mut pack = Pack::default_pack();
        let user = Pack::parse("user.toml", "[lexicon]\nstate_names = [\"زمردان\"]\n").unwrap();
        pack.merge(user, "user.toml").unwrap();
        let ids = Identities::from_pack(&pack);
        assert_eq!(
            ids.same(&p, &org("هيئة الموانئ الزمردانية")),
            SameSource::Different
        );
        // ... but is tied to his own ministry.
        assert_eq!(
            ids.same(&p, &org("وزارة الخارجية الزمردانية")),
            SameSource::Unknown
        );
    }

    #[test]
    fn a_medium_that_relays_a_body_is_not_told_apart_from_it() {
        let ids = Identities::default();
        let org = |n: &str| src(n, SourceKind::Organization);
        for medium in ["وكالة الأنباء الزمردانية", "قناة الضفتين", "رويترز"]
        {
            // A person's words told as the medium's are misattributed.
            assert_eq!(
                ids.same(&org(medium), &src("مراد الكتبي", SourceKind::Person)),
                SameSource::Different,
                "{medium}"
            );
            assert_eq!(
                ids.same(&org(medium), &org("وزارة الصحة الزمردانية")),
                SameSource::Unknown,
                "{medium}"
            );
        }
    }
}
