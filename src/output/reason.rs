//! Why a finding has its verdict, in one plain sentence in the desk's
//! language: what the draft says, what the references say, how many of
//! them and which outlets. Every format shows it, and the JSON gives it as
//! the finding's `reason`.
//!
//! The sentences are data: the `reasons`, `reason_kinds`, `refs` and
//! (English) `verbs` tables of `templates/labels.toml`, filled from the
//! finding. This module also names evidence for people: the outlet and
//! date when the corpus gives them, else a short document name.

use super::report::{label, labels, text_label, Labels, Lang};
use crate::check::compare::Kind;
use crate::check::{Evidence, Finding, Verdict};
use crate::text::normalize::{normalize_str, visible};

/// Words of a side quoted in a reason, at most.
const QUOTE_WORDS: usize = 12;

/// The reason of a finding: one sentence in `lang`.
pub fn reason(f: &Finding, lang: Lang) -> String {
    let l = labels(lang);
    let w = Words { l };
    let source = visible(&f.attribution.source.canonical).into_owned();
    let docs = documents(&f.evidence);
    let total = docs.len();
    let mut fill: Vec<(&str, String)> = vec![("source", source)];
    let sentence = match f.verdict {
        Verdict::Verified | Verdict::Varied => {
            let agree: Vec<&Evidence> = f.evidence.iter().filter(|e| e.agrees).collect();
            let sayers = if agree.is_empty() {
                f.evidence.iter().collect()
            } else {
                agree
            };
            w.refs_into(&mut fill, "", &sayers, total);
            let base = w.fill(w.reason(f.verdict.as_str()), &fill);
            if f.unconfirmed_speaker() {
                fill.push(("base", base));
                w.fill(w.reason("unconfirmed"), &fill)
            } else {
                base
            }
        }
        Verdict::Unsupported => {
            if f.evidence.is_empty() {
                w.fill(w.reason("unsupported"), &fill)
            } else {
                let all: Vec<&Evidence> = f.evidence.iter().collect();
                w.refs_into(&mut fill, "", &all, total);
                w.fill(w.reason("unsupported_near"), &fill)
            }
        }
        Verdict::Misattributed => {
            let other = f
                .evidence
                .first()
                .map(|e| e.source.canonical.clone())
                .or_else(|| f.differences.first().map(|d| d.reference.text.clone()))
                .unwrap_or_default();
            // The references of that speaker, however fully named
            // (الكتبي, مراد الكتبي).
            let key = normalize_str(&other);
            let sayers: Vec<&Evidence> = f
                .evidence
                .iter()
                .filter(|e| {
                    let c = normalize_str(&e.source.canonical);
                    !key.is_empty() && (c.contains(&key) || key.contains(&c))
                })
                .collect();
            w.refs_into(&mut fill, "", &sayers, total);
            fill.push(("other", visible(&other).into_owned()));
            w.fill(w.reason("misattributed"), &fill)
        }
        Verdict::Conflicting => {
            let agree: Vec<&Evidence> = f.evidence.iter().filter(|e| e.agrees).collect();
            let differ: Vec<&Evidence> = f.evidence.iter().filter(|e| !e.agrees).collect();
            let reference = first_material(f)
                .map(|k| f.differences[k].reference.text.clone())
                .or_else(|| differ.first().map(|e| e.content.text.clone()))
                .unwrap_or_default();
            w.refs_into(&mut fill, "agree_", &agree, total);
            w.refs_into(&mut fill, "", &differ, total);
            fill.push(("reference", w.quote(&reference)));
            w.fill(w.reason("conflicting"), &fill)
        }
        Verdict::Reworded => {
            let k = f
                .differences
                .iter()
                .position(|d| d.kind == Kind::Reworded)
                .or(if f.differences.is_empty() {
                    None
                } else {
                    Some(0)
                });
            let (draft, reference, sayers) = match k {
                Some(k) => {
                    let d = &f.differences[k];
                    (
                        d.draft.text.clone(),
                        d.reference.text.clone(),
                        sayers_of(f, &d.reference.document, &d.reference.text),
                    )
                }
                None => (
                    f.attribution.content.text.clone(),
                    f.evidence
                        .first()
                        .map(|e| e.content.text.clone())
                        .unwrap_or_default(),
                    f.evidence.iter().collect(),
                ),
            };
            w.refs_into(&mut fill, "", &sayers, total);
            fill.push(("draft", w.quote(&draft)));
            fill.push(("reference", w.quote(&reference)));
            w.fill(w.reason("reworded"), &fill)
        }
        Verdict::Altered => match first_material(f).or(if f.differences.is_empty() {
            None
        } else {
            Some(0)
        }) {
            Some(k) => {
                let d = &f.differences[k];
                // A quote no reference quotes: every differing reference
                // paraphrases it.
                let sayers = if d.kind == Kind::Mode {
                    f.evidence.iter().filter(|e| !e.agrees).collect()
                } else {
                    sayers_of(f, &d.reference.document, &d.reference.text)
                };
                w.refs_into(&mut fill, "", &sayers, total);
                fill.push(("draft", w.quote(&d.draft.text)));
                fill.push(("reference", w.quote(&d.reference.text)));
                fill.push((
                    "draft_stance",
                    label(l, "stances", f.attribution.cue.stance.as_str()),
                ));
                let ref_stance = f
                    .evidence
                    .iter()
                    .find(|e| e.document == d.reference.document)
                    .or(f.evidence.first())
                    .map(|e| label(l, "stances", e.cue.stance.as_str()))
                    .unwrap_or_default();
                fill.push(("reference_stance", ref_stance));
                let others = f
                    .differences
                    .iter()
                    .filter(|x| x.kind.is_material())
                    .count()
                    .saturating_sub(1);
                let more = if others == 0 {
                    String::new()
                } else {
                    w.fill(w.reason("more"), &[("n", others.to_string())])
                };
                fill.push(("more", more));
                // Words on one side only: the kind's `_added` or
                // `_dropped` sentence, else the general one.
                let side = match (
                    d.draft.text.trim().is_empty(),
                    d.reference.text.trim().is_empty(),
                ) {
                    (false, true) if d.kind != Kind::Extension => Some("added"),
                    (true, false) => Some("dropped"),
                    _ => None,
                };
                let kinds = l.get("reason_kinds");
                let of_kind = |key: &str| kinds.and_then(|t| t.get(key)).and_then(|v| v.as_str());
                let template = match side {
                    Some(side) => of_kind(&format!("{}_{side}", d.kind.as_str()))
                        .unwrap_or_else(|| w.reason(side)),
                    None => of_kind(d.kind.as_str()).unwrap_or_else(|| w.reason("altered")),
                };
                w.fill(template, &fill)
            }
            None => {
                let all: Vec<&Evidence> = f.evidence.iter().collect();
                w.refs_into(&mut fill, "", &all, total);
                fill.push(("draft", w.quote(&f.attribution.content.text)));
                fill.push((
                    "reference",
                    w.quote(f.evidence.first().map_or("", |e| e.content.text.as_str())),
                ));
                fill.push(("more", String::new()));
                w.fill(w.reason("altered"), &fill)
            }
        },
    };
    capitalise(sentence)
}

/// The name of a piece of evidence for people: its outlet and date when
/// the corpus gives them, else a short name of its document.
pub fn evidence_name(e: &Evidence) -> String {
    match (&e.outlet, &e.date) {
        (Some(o), Some(d)) => format!("{} · {d}", visible(o)),
        (Some(o), None) => visible(o).into_owned(),
        (None, Some(d)) => format!("{} · {d}", short_document(&e.document)),
        (None, None) => short_document(&e.document),
    }
}

/// The outlet of a piece of evidence, else a short name of its document.
pub fn outlet_name(e: &Evidence) -> String {
    match &e.outlet {
        Some(o) if !o.trim().is_empty() => visible(o).into_owned(),
        _ => short_document(&e.document),
    }
}

/// A document name without its folders and extensions, keeping a corpus
/// article's `#id`: `corpora/x/qartala-news-agency.txt` is
/// `qartala-news-agency`, `…/wire.jsonl.gz#17` is `wire#17`.
pub fn short_document(name: &str) -> String {
    let (path, id) = match name.rsplit_once('#') {
        Some((p, id)) if !p.is_empty() => (p, Some(id)),
        _ => (name, None),
    };
    let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let mut stem = file;
    for ext in [".gz", ".jsonl", ".json", ".txt", ".md"] {
        stem = stem.strip_suffix(ext).unwrap_or(stem);
    }
    let stem = if stem.is_empty() { file } else { stem };
    match id {
        Some(id) => format!("{stem}#{id}"),
        None => stem.to_string(),
    }
}

/// The evidence's documents, each once, in the order of the evidence.
fn documents<'e>(evidence: impl IntoIterator<Item = &'e Evidence>) -> Vec<&'e str> {
    let mut out: Vec<&str> = Vec::new();
    for e in evidence {
        if !out.contains(&e.document.as_str()) {
            out.push(&e.document);
        }
    }
    out
}

/// The index of the first material difference.
fn first_material(f: &Finding) -> Option<usize> {
    f.differences.iter().position(|d| d.kind.is_material())
}

/// The references that say a difference's reference side: the document
/// the difference was found in, and every disagreeing reference whose
/// content holds the same words. Without words to look for, every
/// disagreeing reference.
fn sayers_of<'f>(f: &'f Finding, document: &str, words: &str) -> Vec<&'f Evidence> {
    let key = normalize_str(words);
    let key = key.trim();
    let out: Vec<&Evidence> = f
        .evidence
        .iter()
        .filter(|e| {
            e.document == document
                || (!e.agrees && (key.is_empty() || normalize_str(&e.content.text).contains(key)))
        })
        .collect();
    if out.is_empty() {
        f.evidence.iter().filter(|e| !e.agrees).collect()
    } else {
        out
    }
}

/// The first letter of an English sentence in capitals.
fn capitalise(s: String) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) if first.is_ascii_lowercase() => {
            first.to_ascii_uppercase().to_string() + c.as_str()
        }
        _ => s,
    }
}

/// The words of one language's reasons.
struct Words {
    l: &'static Labels,
}

impl Words {
    fn reason(&self, key: &str) -> &'static str {
        self.l
            .get("reasons")
            .and_then(|t| t.get(key))
            .and_then(|v| v.as_str())
            .unwrap_or("")
    }

    fn refs_table(&self, key: &str) -> &'static str {
        self.l
            .get("refs")
            .and_then(|t| t.get(key))
            .and_then(|v| v.as_str())
            .unwrap_or("")
    }

    /// A number up to ten in words, else in digits.
    fn number(&self, n: usize) -> String {
        self.l
            .get("refs")
            .and_then(|t| t.get("numbers"))
            .and_then(|v| v.as_array())
            .and_then(|a| a.get(n.wrapping_sub(1)))
            .and_then(|v| v.as_str())
            .map_or_else(|| n.to_string(), str::to_string)
    }

    /// `n` references of `total`, as a phrase.
    fn refs(&self, n: usize, total: usize) -> String {
        let key = match (n, total) {
            (_, 0) | (0, _) => "none",
            (n, t) if n >= t => match t {
                1 => "only",
                2 => "both",
                3..=10 => "all",
                _ => "all_many",
            },
            (1, _) => "part_one",
            (2, _) => "part_two",
            (3..=10, _) => "part_few",
            _ => "part_many",
        };
        self.fill(
            self.refs_table(key),
            &[("n", self.number(n)), ("total", self.number(total))],
        )
    }

    /// Put `{PREFIXrefs}`, `{PREFIXoutlets}` and the agreeing verbs of
    /// the references `sayers` of `total` into `fill`.
    fn refs_into(
        &self,
        fill: &mut Vec<(&'static str, String)>,
        prefix: &'static str,
        sayers: &[&Evidence],
        total: usize,
    ) {
        let docs = documents(sayers.iter().copied());
        let mut names: Vec<String> = Vec::new();
        for d in &docs {
            if let Some(e) = sayers.iter().find(|e| e.document == *d) {
                let n = outlet_name(e);
                if !names.contains(&n) {
                    names.push(n);
                }
            }
        }
        let n = docs.len();
        let (refs_key, outlets_key) = if prefix.is_empty() {
            ("refs", "outlets")
        } else {
            ("agree_refs", "agree_outlets")
        };
        // `{agree}` is the agreeing side's phrase in the templates.
        let refs = self.refs(n, total);
        if prefix.is_empty() {
            fill.push((refs_key, refs));
        } else {
            fill.push(("agree", refs));
        }
        fill.push((outlets_key, names.join(&text_label(self.l, "list_sep"))));
        if prefix.is_empty() {
            if let Some(verbs) = self.l.get("verbs").and_then(|v| v.as_table()) {
                for (verb, forms) in verbs {
                    let k = usize::from(n != 1);
                    let form = forms
                        .as_array()
                        .and_then(|a| a.get(k))
                        .and_then(|v| v.as_str())
                        .unwrap_or("");
                    let key: &'static str = match verb.as_str() {
                        "say" => "say",
                        "give" => "give",
                        "have" => "have",
                        "paraphrase" => "paraphrase",
                        "lack" => "lack",
                        _ => continue,
                    };
                    fill.push((key, form.to_string()));
                }
            }
        }
    }

    /// A side of a difference as quoted in a reason: visible, at most a
    /// dozen words, or the word for nothing.
    fn quote(&self, s: &str) -> String {
        let s = visible(s);
        let words: Vec<&str> = s.split_whitespace().collect();
        if words.is_empty() {
            return text_label(self.l, "none");
        }
        if words.len() > QUOTE_WORDS {
            format!("{} …", words[..QUOTE_WORDS].join(" "))
        } else {
            words.join(" ")
        }
    }

    /// A template with its `{name}` placeholders filled; a placeholder
    /// with no value is left out.
    fn fill(&self, template: &str, values: &[(&str, String)]) -> String {
        let mut out = String::with_capacity(template.len() + 64);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    let name = &after[..close];
                    if let Some((_, v)) = values.iter().rev().find(|(k, _)| *k == name) {
                        out.push_str(v);
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Checker, Identities, Options, References};
    use crate::input::Document;
    use crate::Engine;

    fn doc(path: &str, outlet: Option<&str>, text: &str) -> Document {
        Document {
            path: path.into(),
            id: path.into(),
            text: text.into(),
            source: outlet.map(str::to_string),
            date: outlet.map(|_| "2018-03-05".to_string()),
            ..Default::default()
        }
    }

    /// The findings of a draft (one attribution) against references
    /// written by the team: (path, outlet, text).
    fn check(draft: &str, refs: &[(&str, Option<&str>, &str)]) -> Finding {
        let engine = Engine::default();
        let mut r = References::new();
        for (path, outlet, text) in refs {
            let d = doc(path, *outlet, text);
            let found = engine.extract(&d.text);
            r.add(d, found);
        }
        let ids = Identities::default();
        let checker = Checker {
            refs: &r,
            ids: &ids,
            opts: Options::default(),
        };
        let d = doc("draft.txt", None, draft);
        let found = engine.extract(&d.text);
        checker.check(&d, &found).remove(0)
    }

    const SAID_18: &str = "وقال الوزير سامر الخطيب إن إعادة بناء الجسر ستستغرق 18 شهرا.";
    const SAID_12: &str = "وقال الوزير سامر الخطيب إن إعادة بناء الجسر ستستغرق 12 شهرا.";

    #[test]
    fn an_altered_number_names_the_outlets_and_counts_the_references() {
        let f = check(
            SAID_12,
            &[
                ("a.txt", Some("صحيفة الضفتين"), SAID_18),
                ("b.txt", Some("وكالة قرطالة للأنباء"), SAID_18),
            ],
        );
        assert_eq!(f.verdict, Verdict::Altered);
        // The wire copy comes first.
        assert!(f.evidence[0].wire && !f.evidence[1].wire);
        assert_eq!(
            reason(&f, Lang::Ar),
            "المسودة: «12»؛ وفي المرجعين كليهما (وكالة قرطالة للأنباء، صحيفة الضفتين): «18»."
        );
        assert_eq!(
            reason(&f, Lang::En),
            "The draft says «12»; both references (وكالة قرطالة للأنباء, صحيفة الضفتين) say «18»."
        );
        assert_eq!(
            evidence_name(&f.evidence[0]),
            "وكالة قرطالة للأنباء · 2018-03-05"
        );
        assert_eq!(f.evidence[0].context, SAID_18);
    }

    #[test]
    fn a_verified_quote_says_how_many_references_agree() {
        let f = check(SAID_12, &[("refs/wire.txt", None, SAID_12)]);
        assert_eq!(f.verdict, Verdict::Verified);
        assert_eq!(
            reason(&f, Lang::Ar),
            "الكلام نفسه منسوبا إلى سامر الخطيب في المرجع الوحيد (wire)."
        );
        assert_eq!(
            reason(&f, Lang::En),
            "The only reference (wire) says the same words from سامر الخطيب."
        );
    }

    #[test]
    fn no_reference_saying_it_is_unsupported_in_both_languages() {
        let f = check(
            SAID_12,
            &[(
                "other.txt",
                None,
                "وقالت الوزيرة هالة منصور إن القطار الجديد سيعمل في الربيع.",
            )],
        );
        assert_eq!(f.verdict, Verdict::Unsupported);
        assert_eq!(
            reason(&f, Lang::Ar),
            "لا يرد هذا الكلام في أي مرجع، لا على لسان سامر الخطيب ولا على لسان غيره."
        );
        assert_eq!(
            reason(&f, Lang::En),
            "No reference has these words, from سامر الخطيب or anyone else."
        );
    }

    #[test]
    fn words_in_another_mouth_name_the_other_speaker() {
        let f = check(
            "وقال الوزير سامر الخطيب إن الحكومة لن توقع على أي اتفاق يضر بالمزارعين في البلاد.",
            &[(
                "x.txt",
                Some("منارة نت"),
                "وقالت الوزيرة نادية الشماع إن الحكومة لن توقع على أي اتفاق يضر بالمزارعين في البلاد.",
            )],
        );
        assert_eq!(f.verdict, Verdict::Misattributed);
        let ar = reason(&f, Lang::Ar);
        assert!(ar.starts_with("المسودة تنسب الكلام إلى سامر الخطيب"), "{ar}");
        assert!(ar.contains("(منارة نت): نادية الشماع"), "{ar}");
        let en = reason(&f, Lang::En);
        assert!(en.contains("gives them to نادية الشماع"), "{en}");
    }

    #[test]
    fn a_negation_dropped_or_added_says_so() {
        let f = check(
            "وقال الوزير سامر الخطيب إن الحكومة ستجمد تمويل الاتحاد.",
            &[(
                "x.txt",
                None,
                "وقال الوزير سامر الخطيب إن الحكومة لن تجمد تمويل الاتحاد.",
            )],
        );
        assert_eq!(f.verdict, Verdict::Altered);
        let en = reason(&f, Lang::En);
        assert!(en.contains("negation"), "{en}");
        let ar = reason(&f, Lang::Ar);
        assert!(ar.contains("نفي"), "{ar}");
    }

    #[test]
    fn short_names_drop_folders_and_extensions() {
        assert_eq!(
            short_document("corpora/x/qartala-news-agency.txt"),
            "qartala-news-agency"
        );
        assert_eq!(short_document("/data/wire.jsonl.gz#17"), "wire#17");
        assert_eq!(short_document("-"), "-");
    }

    #[test]
    fn counts_read_in_words_up_to_ten() {
        let w = Words {
            l: labels(Lang::Ar),
        };
        assert_eq!(w.refs(2, 3), "مرجعين من ثلاثة");
        assert_eq!(w.refs(3, 5), "ثلاثة مراجع من خمسة");
        assert_eq!(w.refs(12, 14), "12 مرجعا من 14");
        assert_eq!(w.refs(4, 4), "المراجع الأربعة كلها");
        let w = Words {
            l: labels(Lang::En),
        };
        assert_eq!(w.refs(1, 3), "one of three references");
        assert_eq!(w.refs(2, 2), "both references");
    }
}
