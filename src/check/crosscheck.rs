//! `isnad crosscheck`: the attributions of different documents that report
//! the same statement (the same source identity, similar content, dates
//! within a window when both are known) are grouped, and the groups whose
//! outlets disagree on a fact are reported with every side's words.

use super::compare::Kind;
use super::identity::{Identities, SameSource};
use super::index::{RefDoc, References};
use super::verdict::{CueRecord, Severity, Verdict};
use super::Options;
use crate::extract::attribution::{Attribution, Mode, Piece, SourceKind};
use serde::Serialize;

/// One outlet's version of the statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    pub document: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub attribution: String,
    pub source: String,
    pub cue: CueRecord,
    pub mode: Mode,
    pub content: Piece,
}

/// One side of a disagreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupSide {
    pub document: String,
    pub attribution: String,
    pub text: String,
    pub span: [usize; 2],
}

/// A fact two members disagree on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupDifference {
    pub kind: Kind,
    pub a: GroupSide,
    pub b: GroupSide,
}

/// A statement reported by several documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub schema: &'static str,
    /// 1-based, in input order of the group's first member.
    pub id: usize,
    /// `conflicting` when members contradict each other on a fact,
    /// `reworded` when they differ in a way isnad cannot call a
    /// contradiction, otherwise `verified` (same words) or `varied`.
    pub verdict: Verdict,
    pub severity: Severity,
    pub source: String,
    pub members: Vec<Member>,
    pub differences: Vec<GroupDifference>,
}

/// Crosscheck settings.
#[derive(Debug, Clone, Copy)]
pub struct CrossOptions {
    pub check: Options,
    /// Members of a group are published at most this many days apart
    /// (when both dates are known).
    pub window_days: i64,
    /// Members compared per group (the most similar first).
    pub max_members: usize,
}

impl Default for CrossOptions {
    fn default() -> Self {
        CrossOptions {
            check: Options::default(),
            window_days: 2,
            max_members: 12,
        }
    }
}

/// Days since 1970-01-01 of a date written `YYYY-MM-DD...`.
pub fn days(date: &str) -> Option<i64> {
    let y: i64 = date.get(0..4)?.parse().ok()?;
    let m: i64 = date.get(5..7)?.parse().ok()?;
    let d: i64 = date.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from civil (proleptic Gregorian).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146097 + doe - 719468)
}

struct Dsu(Vec<u32>);

impl Dsu {
    fn find(&mut self, x: u32) -> u32 {
        let mut r = x;
        while self.0[r as usize] != r {
            r = self.0[r as usize];
        }
        let mut x = x;
        while self.0[x as usize] != r {
            let next = self.0[x as usize];
            self.0[x as usize] = r;
            x = next;
        }
        r
    }
    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller index is the root, so groups are found in input
            // order whatever the order of unions.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi as usize] = lo;
        }
    }
}

/// Group the attributions of all documents in `refs` and judge each group.
/// With `all`, groups whose members agree are returned too.
pub fn crosscheck(
    refs: &References,
    ids: &Identities,
    opts: &CrossOptions,
    all: bool,
) -> Vec<Group> {
    let mut groups = Vec::new();
    for m in statements(refs, ids, opts) {
        let docs: std::collections::BTreeSet<u32> = m.iter().map(|&r| refs.doc_of(r)).collect();
        if docs.len() < 2 {
            continue;
        }
        let m: Vec<u32> = m.into_iter().take(opts.max_members).collect();
        let d = disagreements(refs, opts, &m);
        let (verdict, differences) = if !d.contradictions.is_empty() {
            (Verdict::Conflicting, d.contradictions)
        } else if !d.unconfirmed.is_empty() {
            (Verdict::Reworded, d.unconfirmed)
        } else if d.identical {
            (Verdict::Verified, Vec::new())
        } else {
            (Verdict::Varied, Vec::new())
        };
        if verdict != Verdict::Conflicting && !all {
            continue;
        }
        groups.push(group(refs, ids, verdict, &m, differences));
    }
    for (k, g) in groups.iter_mut().enumerate() {
        g.id = k + 1;
    }
    groups
}

/// The attributions that report one statement, each set in input order:
/// the same speaker (never an anonymous or unresolved one), similar
/// content, dates within the window when both are known, joined
/// transitively.
fn statements(refs: &References, ids: &Identities, opts: &CrossOptions) -> Vec<Vec<u32>> {
    let n = refs.len();
    let mut dsu = Dsu((0..n as u32).collect());
    // Each attribution's best counterpart in every other document: one
    // outlet's statement is paired with the other outlet's closest report
    // of it, not with every other thing the speaker said there.
    let mut best: Vec<Vec<(u32, u32)>> = vec![Vec::new(); n];
    for r in 0..n as u32 {
        let (rd, ra, rattr) = refs.attribution_at(r);
        if matches!(
            ra.source.kind,
            SourceKind::Anonymous | SourceKind::Unresolved
        ) {
            continue;
        }
        let rday = rd.doc.date.as_deref().and_then(days);
        // Most similar first: the first candidate of a document is its best.
        for (c, _) in refs.similar(
            &rattr.words,
            opts.check.candidates,
            Some(refs.doc_of(r)),
            opts.check.min_similarity,
        ) {
            let (cd, ca, _) = refs.attribution_at(c);
            let doc = refs.doc_of(c);
            if best[r as usize].iter().any(|&(d, _)| d == doc) {
                continue;
            }
            if ids.same(&ra.source, &ca.source) != SameSource::Same {
                continue;
            }
            if let (Some(x), Some(y)) = (rday, cd.doc.date.as_deref().and_then(days)) {
                if (x - y).abs() > opts.window_days {
                    continue;
                }
            }
            best[r as usize].push((doc, c));
        }
    }
    // Joined when each is the other's best counterpart.
    for r in 0..n as u32 {
        for &(_, c) in &best[r as usize] {
            let mutual = best[c as usize]
                .iter()
                .any(|&(d, x)| d == refs.doc_of(r) && x == r);
            if c > r && mutual {
                dsu.union(r, c);
            }
        }
    }
    let mut members: Vec<Vec<u32>> = Vec::new();
    let mut slot: Vec<Option<usize>> = vec![None; n];
    for r in 0..n as u32 {
        let root = dsu.find(r) as usize;
        let k = *slot[root].get_or_insert_with(|| {
            members.push(Vec::new());
            members.len() - 1
        });
        members[k].push(r);
    }
    members
}

/// What the members of one statement disagree on.
#[derive(Debug, Default)]
struct Disagreements {
    /// Facts outlets contradict each other on ([`References::contradicts`]).
    contradictions: Vec<GroupDifference>,
    /// Differences isnad can neither call a contradiction nor rule out (a
    /// negation inside a rephrased passage, a name against a description
    /// of it): shown for a person to read, the group `reworded`.
    unconfirmed: Vec<GroupDifference>,
    /// All members say it in the same words.
    identical: bool,
}

/// The differences between the members of one statement (each once, the
/// shorter version compared as part of the longer).
fn disagreements(refs: &References, opts: &CrossOptions, m: &[u32]) -> Disagreements {
    let mut out = Disagreements {
        identical: true,
        ..Disagreements::default()
    };
    for i in 0..m.len() {
        for j in i + 1..m.len() {
            let (a, b) = (m[i], m[j]);
            if refs.doc_of(a) == refs.doc_of(b) {
                continue;
            }
            // Two articles of one outlet are that outlet's own versions
            // (an update, a rewrite), not outlets at odds.
            let outlet = |r: u32| refs.attribution_at(r).0.doc.source.as_deref();
            if outlet(a).is_some() && outlet(a) == outlet(b) {
                continue;
            }
            // Members joined through a third (a long quote that two
            // outlets each cut differently) are compared only when
            // they say the same thing; the shorter version as part of
            // the longer.
            let Some((c, swap)) = refs.compare_pair(a, b, opts.check.min_similarity) else {
                continue;
            };
            let (x, y) = if swap { (b, a) } else { (a, b) };
            let (xd, xa, _) = refs.attribution_at(x);
            let (yd, ya, _) = refs.attribution_at(y);
            if !c.differences.is_empty() || !c.exact_part {
                out.identical = false;
            }
            // A figure a later day gives may be the speaker's update.
            let day = |doc: &RefDoc| doc.doc.date.as_deref().and_then(days);
            let other_days = matches!((day(xd), day(yd)), (Some(p), Some(q)) if p != q);
            // One outlet quoting more words than another, or quoting
            // what another paraphrases, is how outlets differ, not a
            // contradiction; so is naming whom the speaker addressed
            // differently (للصحفيين / لوسائل الإعلام): the addressee is the
            // reporters' framing, not the statement.
            for d in c.differences.iter().filter(|d| {
                d.kind.is_material()
                    && !matches!(d.kind, Kind::Extension | Kind::Mode | Kind::Addressee)
                    && !one_sided_number(d)
                    && !refs.same_figure(x, y, d)
            }) {
                let side = |doc: &RefDoc, at: &Attribution, span: [usize; 2]| GroupSide {
                    document: doc.name(),
                    attribution: at.id.clone(),
                    text: doc.doc.text.get(span[0]..span[1]).unwrap_or("").to_string(),
                    span,
                };
                let (sx, sy) = (side(xd, xa, d.draft.span), side(yd, ya, d.reference.span));
                let (first, second) = if swap { (sy, sx) } else { (sx, sy) };
                let update = d.kind == Kind::Number && other_days;
                let list = if !update && refs.contradicts(x, y, d) {
                    &mut out.contradictions
                } else {
                    &mut out.unconfirmed
                };
                // Each difference once, whichever side came first.
                let seen = list.iter().any(|x: &GroupDifference| {
                    x.kind == d.kind
                        && (x.a.text == first.text && x.b.text == second.text
                            || x.a.text == second.text && x.b.text == first.text)
                });
                if !seen {
                    list.push(GroupDifference {
                        kind: d.kind,
                        a: first,
                        b: second,
                    });
                }
            }
        }
    }
    out
}

/// A number one outlet gives where the other has no words at all: more
/// detail, or a figure glued to a word the other wrote apart
/// («معدلها25»), not a contradiction.
fn one_sided_number(d: &super::compare::Difference) -> bool {
    d.kind == Kind::Number
        && (d.draft.span[0] == d.draft.span[1] || d.reference.span[0] == d.reference.span[1])
}

/// A group as reported: its speaker's name and every member's version.
fn group(
    refs: &References,
    ids: &Identities,
    verdict: Verdict,
    m: &[u32],
    differences: Vec<GroupDifference>,
) -> Group {
    let (_, first, _) = refs.attribution_at(m[0]);
    Group {
        kind: "group",
        schema: crate::SCHEMA,
        id: 0,
        verdict,
        severity: verdict.severity(),
        source: ids.display(&first.source).to_string(),
        members: m
            .iter()
            .map(|&r| {
                let (d, a, _) = refs.attribution_at(r);
                Member {
                    document: d.name(),
                    outlet: d.doc.source.clone(),
                    date: d.doc.date.clone(),
                    attribution: a.id.clone(),
                    source: a.source.canonical.clone(),
                    cue: CueRecord {
                        lemma: a.cue.lemma.clone(),
                        stance: a.cue.stance,
                    },
                    mode: a.mode,
                    content: a.content.clone(),
                }
            })
            .collect(),
        differences,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Document;
    use crate::Engine;

    /// References made of `texts`, one document each, all from `outlet`
    /// when one is given.
    fn refs_of(texts: &[&str], outlet: Option<&str>) -> References {
        refs_dated(texts, outlet, &[])
    }

    /// References made of `texts`, the k-th published on `dates[k]` when
    /// there is one.
    fn refs_dated(texts: &[&str], outlet: Option<&str>, dates: &[&str]) -> References {
        let e = Engine::default();
        let mut refs = References::new();
        for (k, t) in texts.iter().enumerate() {
            let d = Document {
                path: format!("o{k}.txt"),
                id: format!("o{k}"),
                text: t.to_string(),
                source: outlet.map(str::to_string),
                date: dates.get(k).map(|x| x.to_string()),
                ..Default::default()
            };
            refs.add(d, e.extract(t));
        }
        refs
    }

    /// The groups of `refs` with the default identities and options.
    fn groups(refs: &References, all: bool) -> Vec<Group> {
        crosscheck(refs, &Identities::default(), &CrossOptions::default(), all)
    }

    #[test]
    fn dates_count_days() {
        assert_eq!(days("1970-01-01"), Some(0));
        assert_eq!(days("2018-03-05T10:00"), Some(17595));
        assert_eq!(days("2018-03-05").unwrap() - days("2018-02-28").unwrap(), 5);
        assert_eq!(days("yesterday"), None);
    }

    #[test]
    fn a_statement_pairs_only_with_its_best_counterpart() {
        // One outlet reports two statements of the governor, the other
        // only the first: the second is not the other outlet's report.
        let refs = refs_of(
            &[
                "وقال المحافظ سامر الخطيب إن 300 أسرة نزحت من قرية عين الريحان.\nوأضاف المحافظ سامر الخطيب أن 200 أسرة نزحت من قرية عين الريحان العام الماضي.",
                "وقال المحافظ سامر الخطيب إن 300 أسرة نزحت من قرية عين الريحان.",
            ],
            None,
        );
        let g = groups(&refs, false);
        assert!(
            g.is_empty(),
            "{:?}",
            g.iter().map(|x| &x.differences).collect::<Vec<_>>()
        );
    }

    #[test]
    fn outlets_that_disagree_on_a_number_form_a_conflicting_group() {
        let refs = refs_of(
            &[
                "وقال المحافظ سامر الخطيب إن 300 أسرة نزحت من قرية عين الريحان.",
                "وأكد سامر الخطيب أن 300 أسرة نزحت من قرية عين الريحان.",
                "وقال محافظ الولاية سامر الخطيب إن 500 أسرة نزحت من قرية عين الريحان.",
                "وقالت الوزيرة سلمى العيساوي إن المستشفيات استقبلت 120 مصابا.",
            ],
            None,
        );
        let g = groups(&refs, false);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].verdict, Verdict::Conflicting);
        assert_eq!(g[0].members.len(), 3);
        assert!(g[0].differences.iter().all(|d| d.kind == Kind::Number));
        assert!(g[0]
            .differences
            .iter()
            .any(|d| d.a.text == "300" && d.b.text == "500"
                || d.a.text == "500" && d.b.text == "300"));
        let all = groups(&refs, true);
        assert_eq!(
            all.len(),
            1,
            "the health minister's statement has no second outlet"
        );
        // Each difference is reported once, in one direction.
        let numbers: Vec<(&str, &str)> = g[0]
            .differences
            .iter()
            .map(|d| (d.a.text.as_str(), d.b.text.as_str()))
            .collect();
        for (a, b) in &numbers {
            assert_eq!(numbers.iter().filter(|(x, y)| x == b && y == a).count(), 0);
        }
    }

    #[test]
    fn a_number_on_one_side_only_is_no_conflict() {
        use super::super::compare::{Difference, Side};
        let d = |kind, draft: [usize; 2], reference: [usize; 2]| Difference {
            kind,
            draft: Side { span: draft },
            reference: Side { span: reference },
        };
        assert!(one_sided_number(&d(Kind::Number, [10, 12], [30, 30])));
        assert!(one_sided_number(&d(Kind::Number, [10, 10], [30, 34])));
        // Two figures: a conflict. A negation on one side: still one.
        assert!(!one_sided_number(&d(Kind::Number, [10, 12], [30, 33])));
        assert!(!one_sided_number(&d(Kind::Negation, [10, 12], [30, 30])));
    }

    #[test]
    fn two_articles_of_one_outlet_are_no_conflict() {
        let refs = refs_of(
            &[
                "وقال المحافظ سامر الخطيب إن 300 أسرة نزحت من قرية عين الريحان.",
                "وقال محافظ الولاية سامر الخطيب إن 500 أسرة نزحت من قرية عين الريحان.",
            ],
            Some("الضفتين"),
        );
        let g = groups(&refs, false);
        assert!(g.is_empty(), "{g:?}");
    }

    /// The verdict and difference kinds of the one group `texts` make
    /// (every group shown).
    fn only_group(texts: &[&str]) -> (Verdict, Vec<Kind>) {
        let g = groups(&refs_of(texts, None), true);
        assert_eq!(g.len(), 1, "{g:?}");
        (
            g[0].verdict,
            g[0].differences.iter().map(|d| d.kind).collect(),
        )
    }

    #[test]
    fn a_negation_added_to_the_same_words_is_a_conflict() {
        let (v, kinds) = only_group(&[
            "وقال الوزير سامر الخطيب إن الحكومة ستشارك في مؤتمر المانحين الأسبوع المقبل.",
            "وقال الوزير سامر الخطيب إن الحكومة لن تشارك في مؤتمر المانحين الأسبوع المقبل.",
        ]);
        assert_eq!(v, Verdict::Conflicting);
        assert_eq!(kinds, [Kind::Negation]);
    }

    #[test]
    fn a_negation_inside_a_rephrased_passage_is_for_a_person_to_read() {
        // يحظر / لا يحق: the same rule in other words. isnad cannot tell,
        // so the group is reworded, its difference shown, and no conflict.
        let (v, kinds) = only_group(&[
            "وقال الوزير سامر الخطيب إن القانون يحظر على الموظفين الترشح للانتخابات البلدية المقبلة.",
            "وقال الوزير سامر الخطيب إن القانون لا يسمح للموظفين بالترشح للانتخابات البلدية المقبلة.",
        ]);
        assert_eq!(v, Verdict::Reworded, "{kinds:?}");
        assert!(!kinds.is_empty());
    }

    #[test]
    fn a_number_counting_the_same_thing_conflicts_and_a_hedge_does_not() {
        let (v, _) = only_group(&[
            "وقال المحافظ سامر الخطيب إن الانفجار أسفر عن مقتل 27 شخصا وإصابة العشرات.",
            "وقال المحافظ سامر الخطيب إن الانفجار أسفر عن مقتل 30 شخصا وإصابة العشرات.",
        ]);
        assert_eq!(v, Verdict::Conflicting);
        let (v, kinds) = only_group(&[
            "وقال المحافظ سامر الخطيب إن الانفجار أسفر عن مقتل نحو 30 شخصا وإصابة العشرات.",
            "وقال المحافظ سامر الخطيب إن الانفجار أسفر عن مقتل 30 شخصا وإصابة العشرات.",
        ]);
        assert_ne!(v, Verdict::Conflicting, "{kinds:?}");
    }

    #[test]
    fn tolls_of_two_different_days_are_two_statements() {
        let (v, kinds) = only_group(&[
            "وقال المحافظ سامر الخطيب إن 11 مدنيا قتلوا السبت في قصف على قرية عين الريحان.",
            "وقال المحافظ سامر الخطيب إن 16 مدنيا قتلوا الجمعة في قصف على قرية عين الريحان.",
        ]);
        assert_ne!(v, Verdict::Conflicting, "{kinds:?}");
    }

    #[test]
    fn relative_days_and_spellings_of_a_name_are_no_conflict() {
        for (a, b) in [
            (
                "وقال المحافظ سامر الخطيب إن الهجوم الذي وقع اليوم على قرية عين الريحان أوقع جرحى.",
                "وقال المحافظ سامر الخطيب إن الهجوم الذي وقع أمس على قرية عين الريحان أوقع جرحى.",
            ),
            (
                "وقال المحافظ سامر الخطيب إن زيارة مورير إلى قرية عين الريحان ستتم الأحد.",
                "وقال المحافظ سامر الخطيب إن زيارة ماورير إلى قرية عين الريحان ستتم الأحد.",
            ),
            (
                "وقال المدرب سامر الخطيب إن الفراعنة سيلعبون مباراتهم الأخيرة في القاهرة.",
                "وقال المدرب سامر الخطيب إن منتخب مصر سيلعب مباراته الأخيرة في القاهرة.",
            ),
        ] {
            let (v, kinds) = only_group(&[a, b]);
            assert_ne!(v, Verdict::Conflicting, "{a}: {kinds:?}");
        }
    }

    #[test]
    fn a_figure_of_a_later_day_may_be_an_update() {
        let texts = [
            "وقال المحافظ سامر الخطيب إن الانفجار أسفر عن مقتل 27 شخصا وإصابة العشرات.",
            "وقال المحافظ سامر الخطيب إن الانفجار أسفر عن مقتل 30 شخصا وإصابة العشرات.",
        ];
        let dated = |dates: &[&str]| groups(&refs_dated(&texts, None, dates), true);
        let g = dated(&["2018-05-12", "2018-05-12"]);
        assert_eq!(g[0].verdict, Verdict::Conflicting);
        let g = dated(&["2018-05-12", "2018-05-13"]);
        assert_eq!(g[0].verdict, Verdict::Reworded);
        assert_eq!(g[0].differences[0].kind, Kind::Number);
    }
}
