//! `isnad eval`: precision, recall and F1 of extraction against a gold set
//! of real articles.
//!
//! The gold file (`gold/dev.jsonl`) holds only corpus names, article ids,
//! byte offsets and labels; the article texts are read from the shared
//! corpora at evaluation time, so no outlet's text lives in the repository.
//!
//! Matching:
//! * a predicted and a gold attribution match on **content** when their
//!   content spans overlap by at least half of each span's length (where a
//!   reported clause ends is the most subjective part of annotation);
//!   pairs are matched one to one, largest overlap first;
//! * they also match on **content + source** when, in addition, the sources
//!   agree: the predicted source span overlaps the gold source span, or at
//!   least half of the words of the shorter of the two names (normalised,
//!   article stripped) occur in the other, comparing both the predicted
//!   surface text and its canonical name; an unresolved gold source
//!   matches only an unresolved prediction.

use crate::extract::Engine;
use crate::input::{Inputs, Item};
use crate::text::normalize::normalize_str;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

#[derive(Deserialize, Debug, Clone)]
pub struct GoldAttribution {
    pub mode: String,
    pub content: [usize; 2],
    pub source: Option<[usize; 2]>,
    #[serde(default)]
    pub source_kind: Option<String>,
    #[serde(default)]
    pub nested: bool,
}

#[derive(Deserialize, Debug, Clone)]
pub struct GoldArticle {
    pub corpus: String,
    pub id: String,
    #[serde(default)]
    pub outlet: Option<String>,
    pub attributions: Vec<GoldAttribution>,
}

/// Counts for one measure.
#[derive(Debug, Default, Clone, Copy)]
pub struct Score {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn overlap(a: [usize; 2], b: [usize; 2]) -> usize {
    a[1].min(b[1]).saturating_sub(a[0].max(b[0]))
}

/// True when two content spans overlap by half of each.
pub fn content_match(p: [usize; 2], g: [usize; 2]) -> bool {
    let o = overlap(p, g) * 2;
    o > 0 && o >= p[1] - p[0] && o >= g[1] - g[0]
}

fn name_words(s: &str) -> BTreeSet<String> {
    normalize_str(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.strip_prefix("ال")
                .filter(|r| r.chars().count() >= 2)
                .unwrap_or(w)
                .to_string()
        })
        .collect()
}

fn names_agree(a: &str, b: &str) -> bool {
    let (wa, wb) = (name_words(a), name_words(b));
    let small = wa.len().min(wb.len());
    if small == 0 {
        return false;
    }
    wa.intersection(&wb).count() * 2 >= small
}

/// True when a predicted source agrees with a gold source (see the module
/// documentation).
pub fn source_match(
    text: &str,
    pred: &crate::extract::attribution::Source,
    gold: Option<[usize; 2]>,
) -> bool {
    let Some(g) = gold else {
        return pred.span.is_none();
    };
    let Some(p) = pred.span else { return false };
    if overlap(p, g) > 0 {
        return true;
    }
    let gold_text = text.get(g[0]..g[1]).unwrap_or("");
    names_agree(&pred.text, gold_text) || names_agree(&pred.canonical, gold_text)
}

/// Results of an evaluation.
#[derive(Debug, Default)]
pub struct Report {
    pub articles: usize,
    pub outlets: BTreeSet<String>,
    pub content: Score,
    pub source: Score,
    pub by_mode: BTreeMap<String, Score>,
    pub lines: Vec<String>,
}

/// Why a gold set could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read the gold set {path}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: not a gold article")]
    Article {
        path: String,
        line: usize,
        #[source]
        source: serde_json::Error,
    },
    #[error("the shared corpora are not at {0} (pass --corpora DIR); the evaluation reads article texts from there")]
    NoCorpora(String),
    #[error("{0}: corpus file missing")]
    NoCorpus(String),
    #[error("{gold}: article {id} not found in {corpus}")]
    NoArticle {
        gold: String,
        id: String,
        corpus: String,
    },
}

/// Load the gold set and the texts it points to.
pub fn load(gold: &Path, corpora: &Path) -> Result<Vec<(GoldArticle, String)>, EvalError> {
    let raw = std::fs::read_to_string(gold).map_err(|source| EvalError::Read {
        path: gold.display().to_string(),
        source,
    })?;
    let mut arts = Vec::new();
    for (n, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let a: GoldArticle = serde_json::from_str(line).map_err(|source| EvalError::Article {
            path: gold.display().to_string(),
            line: n + 1,
            source,
        })?;
        arts.push(a);
    }
    if !corpora.is_dir() {
        return Err(EvalError::NoCorpora(corpora.display().to_string()));
    }
    let mut by_corpus: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for a in &arts {
        by_corpus
            .entry(a.corpus.clone())
            .or_default()
            .insert(a.id.clone());
    }
    let mut texts: BTreeMap<(String, String), String> = BTreeMap::new();
    for (corpus, ids) in &by_corpus {
        let path = corpora.join(corpus);
        if !path.exists() {
            return Err(EvalError::NoCorpus(path.display().to_string()));
        }
        let mut left = ids.len();
        for item in Inputs::new([path.display().to_string()], false) {
            if let Item::Doc(d) = item {
                if ids.contains(&d.id) {
                    texts.insert((corpus.clone(), d.id.clone()), d.text);
                    left -= 1;
                    if left == 0 {
                        break;
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    for a in arts {
        let Some(t) = texts.remove(&(a.corpus.clone(), a.id.clone())) else {
            return Err(EvalError::NoArticle {
                gold: gold.display().to_string(),
                id: a.id,
                corpus: a.corpus,
            });
        };
        out.push((a, t));
    }
    Ok(out)
}

/// Score the engine on loaded gold articles.
pub fn evaluate(engine: &Engine, arts: &[(GoldArticle, String)], verbose: bool) -> Report {
    let mut rep = Report::default();
    for (g, text) in arts {
        rep.articles += 1;
        if let Some(o) = &g.outlet {
            rep.outlets.insert(o.clone());
        }
        let found = engine.extract(text);
        let preds = &found.attributions;
        // Candidate pairs, largest overlap first, matched one to one.
        let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
        for (pi, p) in preds.iter().enumerate() {
            for (gi, ga) in g.attributions.iter().enumerate() {
                if content_match(p.content.span, ga.content) {
                    pairs.push((overlap(p.content.span, ga.content), pi, gi));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut pused = vec![false; preds.len()];
        let mut gused = vec![false; g.attributions.len()];
        for (_, pi, gi) in pairs {
            if pused[pi] || gused[gi] {
                continue;
            }
            pused[pi] = true;
            gused[gi] = true;
            rep.content.tp += 1;
            let ga = &g.attributions[gi];
            rep.by_mode.entry(ga.mode.clone()).or_default().tp += 1;
            let p = &preds[pi];
            if source_match(text, &p.source, ga.source) {
                rep.source.tp += 1;
            } else {
                rep.source.fp += 1;
                rep.source.fn_ += 1;
                if verbose {
                    let gs = ga.source.map(|s| &text[s[0]..s[1]]).unwrap_or("(none)");
                    rep.lines.push(format!(
                        "{} WRONG SOURCE: predicted «{}» ({}) gold «{}» for «{}»",
                        g.id,
                        p.source.text,
                        p.source.canonical,
                        gs,
                        short(&p.content.text)
                    ));
                }
            }
        }
        for (pi, p) in preds.iter().enumerate() {
            if !pused[pi] {
                rep.content.fp += 1;
                rep.source.fp += 1;
                if verbose {
                    rep.lines.push(format!(
                        "{} FALSE ALARM [{}] {} «{}» → «{}»",
                        g.id,
                        p.rule,
                        p.cue.text,
                        p.source.text,
                        short(&p.content.text)
                    ));
                }
            }
        }
        for (gi, ga) in g.attributions.iter().enumerate() {
            if !gused[gi] {
                rep.content.fn_ += 1;
                rep.source.fn_ += 1;
                rep.by_mode.entry(ga.mode.clone()).or_default().fn_ += 1;
                if verbose {
                    let gs = ga.source.map(|s| &text[s[0]..s[1]]).unwrap_or("(none)");
                    rep.lines.push(format!(
                        "{} MISSED {} «{}» → «{}»",
                        g.id,
                        ga.mode,
                        gs,
                        short(&text[ga.content[0]..ga.content[1]])
                    ));
                }
            }
        }
    }
    rep
}

fn short(s: &str) -> String {
    let s = s.replace('\n', " ");
    if s.chars().count() > 90 {
        format!("{}…", s.chars().take(90).collect::<String>())
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_overlap_both_ways() {
        assert!(content_match([0, 10], [0, 10]));
        assert!(content_match([0, 10], [2, 12]));
        assert!(!content_match([0, 10], [0, 30]));
        assert!(!content_match([0, 10], [10, 20]));
    }

    #[test]
    fn names_agree_on_shared_words() {
        assert!(names_agree(
            "نبيل حداد",
            "وزير الخارجية الزمرداني نبيل حداد"
        ));
        assert!(names_agree("الوزارة", "وزارة الصحة"));
        assert!(!names_agree("وزارة الصحة", "الجيش السوري"));
    }
}
