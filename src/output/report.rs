//! Review reports for editors: a self-contained HTML page and Markdown for
//! a ticket or a CMS comment (`--format html|markdown` of `check` and
//! `crosscheck`).
//!
//! Both are rendered by minijinja from the templates in `templates/`,
//! embedded in the binary, from the one view model of this module; what
//! is particular to each format is in [`super::html`] (the marked-up
//! draft, the page's security policy) and [`super::markdown`] (escaping). HTML templates escape every value (autoescape
//! by the `.html` name); Markdown values go through the `md` and `code`
//! filters, which neutralise Markdown syntax and raw HTML. The page
//! loads nothing: its Content-Security-Policy allows no network at all and
//! only the page's own style and script, by hash, so even a slip in
//! escaping could not run article text.

use super::{html, markdown};
use crate::check::compare::Kind;
use crate::check::crosscheck::Group;
use crate::check::{Finding, Verdict};
use crate::text::normalize::{normalize_str, visible};
use minijinja::value::Serde;
use minijinja::{Environment, Value};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const LABELS: &str = include_str!("../../templates/labels.toml");

/// The language of a report's labels and headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// Arabic (the default): the desk's language.
    Ar,
    /// English.
    En,
}

impl Lang {
    /// The language code: `ar` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
        }
    }

    /// The language of a run: `--lang` when given; else the locale, the
    /// first set of `LC_ALL`, `LC_MESSAGES` and `LANG` (POSIX order),
    /// English when it starts with `en` and Arabic, the desk's language,
    /// otherwise (`ar_…`, `C`, unset). `env` reads a variable.
    pub fn choose(flag: Option<Lang>, env: impl Fn(&str) -> Option<String>) -> Lang {
        if let Some(l) = flag {
            return l;
        }
        let v = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| env(k))
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        if v.starts_with("en") {
            Lang::En
        } else {
            Lang::Ar
        }
    }

    /// [`Lang::choose`] with this process's environment.
    pub fn from_flag_or_env(flag: Option<Lang>) -> Lang {
        Lang::choose(flag, |k| std::env::var(k).ok())
    }
}

/// What a report says about its run.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// The reference paths as given.
    pub inputs: Vec<String>,
    /// Reference documents read.
    pub references: usize,
    /// Attributions judged (`check`) or indexed (`crosscheck`).
    pub attributions: usize,
    /// When the run happened (UTC, RFC 3339).
    pub generated: String,
    pub version: &'static str,
}

impl Meta {
    /// The meta of a run now, by this isnad.
    pub fn new(inputs: Vec<String>, references: usize, attributions: usize) -> Meta {
        Meta {
            inputs,
            references,
            attributions,
            generated: Meta::now(),
            version: env!("CARGO_PKG_VERSION"),
        }
    }

    /// The time of the run: now, or `SOURCE_DATE_EPOCH` when set, so that
    /// a report can be reproduced byte for byte.
    pub fn now() -> String {
        let fixed = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .and_then(|s| jiff::Timestamp::from_second(s).ok());
        let t = fixed.unwrap_or_else(jiff::Timestamp::now);
        t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
    }
}

/// One checked draft: its name, its text and its findings.
pub struct DraftReport<'a> {
    pub name: &'a str,
    pub text: &'a str,
    pub findings: &'a [Finding],
}

pub(super) type Labels = BTreeMap<String, toml::Value>;

pub(super) fn labels(lang: Lang) -> &'static Labels {
    static ALL: OnceLock<BTreeMap<String, Labels>> = OnceLock::new();
    let all = ALL.get_or_init(|| toml::from_str(LABELS).expect("templates/labels.toml is valid"));
    &all[lang.code()]
}

pub(super) fn label(l: &Labels, table: &str, key: &str) -> String {
    l.get(table)
        .and_then(|t| t.get(key))
        .and_then(|v| v.as_str())
        .unwrap_or(key)
        .to_string()
}

fn environment() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html") {
                minijinja::AutoEscape::Html
            } else {
                minijinja::AutoEscape::None
            }
        });
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        env.set_syntax(
            minijinja::syntax::SyntaxConfig::builder()
                .keep_trailing_newline(true)
                .build()
                .expect("a valid syntax"),
        );
        for (name, src) in [
            ("base.html", include_str!("../../templates/base.html")),
            ("macros.html", include_str!("../../templates/macros.html")),
            ("check.html", include_str!("../../templates/check.html")),
            (
                "desk_finding.html",
                include_str!("../../templates/desk_finding.html"),
            ),
            (
                "desk_signoff.html",
                include_str!("../../templates/desk_signoff.html"),
            ),
            (
                "crosscheck.html",
                include_str!("../../templates/crosscheck.html"),
            ),
            ("check.md", include_str!("../../templates/check.md")),
            (
                "crosscheck.md",
                include_str!("../../templates/crosscheck.md"),
            ),
        ] {
            env.add_template(name, src)
                .expect("embedded template parses");
        }
        env.add_filter("md", |s: String| markdown::md(&s));
        env.add_filter("code", |s: String| markdown::code(&s));
        env
    })
}

#[derive(Serialize)]
struct Count {
    verdict: &'static str,
    label: String,
    count: usize,
    /// The anchor of the first finding with this verdict.
    first: Option<String>,
}

#[derive(Serialize)]
pub(super) struct Token {
    pub(super) text: String,
    pub(super) changed: bool,
}

#[derive(Serialize)]
struct DiffView {
    kind: &'static str,
    kind_label: String,
    material: bool,
    draft: Vec<Token>,
    reference: Vec<Token>,
    draft_md: String,
    reference_md: String,
    document: String,
    /// The first side's document (crosscheck).
    a_document: String,
}

#[derive(Serialize)]
struct EvidenceView {
    /// The outlet and date, else a short document name.
    name: String,
    /// The document and attribution in full, for a tooltip.
    path: String,
    /// The reference sentence around the matched words.
    context: String,
    wire: bool,
    stance_label: String,
    document: String,
    outlet: String,
    date: String,
    url: Option<String>,
    source: String,
    cue: String,
    stance: &'static str,
    content: String,
    similarity: String,
    agrees: bool,
}

#[derive(Serialize)]
struct FindingView {
    anchor: String,
    id: String,
    line: usize,
    verdict: &'static str,
    verdict_label: String,
    severity: &'static str,
    severity_label: String,
    source: String,
    cue: String,
    stance: &'static str,
    content: String,
    mode: &'static str,
    stance_label: String,
    mode_label: String,
    /// Why the finding has its verdict (`reason::reason`).
    reason: String,
    /// The first words of the content, for the list of findings needing
    /// attention.
    excerpt: String,
    /// Invisible characters inside the quote, by code point.
    hidden: Vec<String>,
    lookalikes: Vec<String>,
    /// Listed among the findings needing attention.
    attention: bool,
    /// A confirmation that no reference of the draft's own speaker gives.
    speaker_unconfirmed: bool,
    differences: Vec<DiffView>,
    evidence: Vec<EvidenceView>,
    /// The key of the desk's decisions on the finding.
    fingerprint: String,
    /// The latest decision on it, when there is one.
    decision: Option<DecisionView>,
}

/// A desk's decision as the reports show it.
#[derive(Serialize)]
struct DecisionView {
    status: &'static str,
    status_label: String,
    /// Whether the finding still fails a run (`checked` only).
    still_fails: bool,
    note: String,
    reviewer: String,
    at: String,
}

#[derive(Serialize)]
struct DraftView {
    name: String,
    anchor: String,
    segments: Vec<html::Segment>,
    findings: Vec<FindingView>,
    /// Whether any finding needs attention.
    any_attention: bool,
    /// The ids of the others, for Markdown.
    others: Vec<String>,
}

#[derive(Serialize)]
struct TocItem {
    anchor: String,
    title: String,
    excerpt: String,
    reason: String,
    verdict: &'static str,
    label: String,
}

#[derive(Serialize)]
struct MemberView {
    document: String,
    outlet: String,
    date: String,
    content: String,
    cue: String,
    mode: &'static str,
    mode_label: String,
}

#[derive(Serialize)]
struct GroupView {
    anchor: String,
    title: String,
    verdict: &'static str,
    verdict_label: String,
    severity: &'static str,
    source: String,
    members: Vec<MemberView>,
    differences: Vec<DiffView>,
}

/// The words of both sides of a difference, the changed ones marked: the
/// sides are split at white space and aligned on normalised words, so
/// that a diacritic or a hamza spelling is not shown as a change.
fn word_diff(a: &str, b: &str) -> (Vec<Token>, Vec<Token>) {
    let (wa, wb): (Vec<&str>, Vec<&str>) = (
        a.split_whitespace().collect(),
        b.split_whitespace().collect(),
    );
    let (na, nb): (Vec<String>, Vec<String>) = (
        wa.iter().map(|w| normalize_str(w)).collect(),
        wb.iter().map(|w| normalize_str(w)).collect(),
    );
    let mut ca = vec![true; wa.len()];
    let mut cb = vec![true; wb.len()];
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &na, &nb) {
        if let similar::DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            ca[old_index..old_index + len].fill(false);
            cb[new_index..new_index + len].fill(false);
        }
    }
    let tokens = |w: Vec<&str>, c: Vec<bool>| {
        w.into_iter()
            .zip(c)
            .map(|(t, changed)| Token {
                text: visible(t).into_owned(),
                changed,
            })
            .collect()
    };
    (tokens(wa, ca), tokens(wb, cb))
}

fn diff_view(
    l: &Labels,
    kind: Kind,
    a: &str,
    b: &str,
    a_document: &str,
    document: &str,
) -> DiffView {
    let (draft, reference) = word_diff(a, b);
    let none = text_label(l, "none");
    DiffView {
        kind: kind.as_str(),
        kind_label: label(l, "kinds", kind.as_str()),
        material: kind.is_material(),
        draft_md: markdown::tokens_md(&draft, &none),
        reference_md: markdown::tokens_md(&reference, &none),
        draft,
        reference,
        document: document.to_string(),
        a_document: a_document.to_string(),
    }
}

pub(super) fn text_label(l: &Labels, key: &str) -> String {
    l.get(key)
        .and_then(|v| v.as_str())
        .unwrap_or(key)
        .to_string()
}

fn counts(l: &Labels, items: &[(Verdict, String)]) -> Vec<Count> {
    Verdict::BY_SERIOUSNESS
        .iter()
        .map(|&v| Count {
            verdict: v.as_str(),
            label: label(l, "verdicts", v.as_str()),
            count: items.iter().filter(|(x, _)| *x == v).count(),
            first: items.iter().find(|(x, _)| *x == v).map(|(_, a)| a.clone()),
        })
        .collect()
}

pub(super) fn anchor(draft: usize, id: &str) -> String {
    // Attribution ids are `a` and digits; anything else is replaced so the
    // anchor stays a plain token.
    let id: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("d{}-{id}", draft + 1)
}

/// A finding an editor must look at: a warning or an error, or hidden
/// characters inside the quote whatever the verdict.
fn needs_attention(f: &Finding) -> bool {
    f.severity.as_str() != "info" || !f.hidden.is_empty() || !f.lookalikes.is_empty()
}

/// The first words of a text, `…` marking a cut.
fn excerpt(s: &str, words: usize) -> String {
    let w: Vec<&str> = s.split_whitespace().collect();
    if w.len() > words {
        format!("{} …", w[..words].join(" "))
    } else {
        w.join(" ")
    }
}

fn finding_view(
    lang: Lang,
    l: &Labels,
    f: &Finding,
    text: &str,
    idx: &super::LineIndex,
    d: usize,
) -> FindingView {
    let a = &f.attribution;
    let (line, _) = idx.line_col(text, a.cue.span[0].min(text.len()));
    FindingView {
        attention: needs_attention(f),
        speaker_unconfirmed: f.unconfirmed_speaker(),
        anchor: anchor(d, &a.id),
        id: a.id.clone(),
        line,
        verdict: f.verdict.as_str(),
        verdict_label: label(l, "verdicts", f.verdict.as_str()),
        severity: f.severity.as_str(),
        severity_label: label(l, "severities", f.severity.as_str()),
        source: visible(&a.source.canonical).into_owned(),
        cue: visible(&a.cue.text).into_owned(),
        stance: a.cue.stance.as_str(),
        content: visible(&a.content.text).into_owned(),
        mode: a.mode.as_str(),
        stance_label: label(l, "stances", a.cue.stance.as_str()),
        mode_label: label(l, "modes", a.mode.as_str()),
        reason: super::reason::reason(f, lang),
        excerpt: excerpt(&visible(&a.content.text), 12),
        hidden: f.hidden.iter().map(|h| h.codepoint.clone()).collect(),
        lookalikes: f
            .lookalikes
            .iter()
            .map(|h| {
                let c = text.get(h.span[0]..h.span[1]).unwrap_or("");
                format!("{} {c}", h.codepoint)
            })
            .collect(),
        differences: f
            .differences
            .iter()
            .map(|x| {
                diff_view(
                    l,
                    x.kind,
                    &x.draft.text,
                    &x.reference.text,
                    "",
                    &super::reason::short_document(&x.reference.document),
                )
            })
            .collect(),
        evidence: f
            .evidence
            .iter()
            .map(|e| EvidenceView {
                name: super::reason::evidence_name(e),
                path: format!("{}#{}", e.document, e.attribution),
                context: visible(&e.context).into_owned(),
                wire: e.wire,
                stance_label: label(l, "stances", e.cue.stance.as_str()),
                document: super::reason::short_document(&e.document),
                outlet: e.outlet.clone().unwrap_or_default(),
                date: e.date.clone().unwrap_or_default(),
                // Only a web address becomes a link: never `javascript:`.
                url: e
                    .url
                    .clone()
                    .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
                source: visible(&e.source.canonical).into_owned(),
                cue: e.cue.lemma.clone(),
                stance: e.cue.stance.as_str(),
                content: visible(&e.content.text).into_owned(),
                similarity: format!("{:.2}", e.similarity),
                agrees: e.agrees,
            })
            .collect(),
        fingerprint: f.fingerprint.clone(),
        decision: f.decision.as_ref().map(|d| DecisionView {
            status: d.status.as_str(),
            status_label: label(l, "decisions", d.status.as_str()),
            still_fails: d.status.still_fails(),
            note: visible(&d.note).into_owned(),
            reviewer: visible(&d.reviewer).into_owned(),
            at: d.at.clone(),
        }),
    }
}

fn render(template: &str, ctx: Value) -> String {
    environment()
        .get_template(template)
        .and_then(|t| t.render(ctx))
        .unwrap_or_else(|e| panic!("template {template} renders: {e:#}"))
}

fn page(lang: Lang) -> (&'static Labels, &'static str) {
    (labels(lang), if lang == Lang::Ar { "rtl" } else { "ltr" })
}

/// The review report of a `check` run.
pub fn check(html: bool, lang: Lang, meta: Meta, drafts: &[DraftReport]) -> String {
    check_desk(html, lang, meta, drafts, None)
}

/// The review report of checked drafts, with the desk's decisions and,
/// for `isnad serve`, its forms and sign-off.
pub fn check_desk(
    html: bool,
    lang: Lang,
    meta: Meta,
    drafts: &[DraftReport],
    desk: Option<&Desk>,
) -> String {
    let l = labels(lang);
    let mut views = Vec::new();
    let mut toc = Vec::new();
    let mut all: Vec<(Verdict, String)> = Vec::new();
    #[derive(Serialize)]
    struct DraftLink {
        name: String,
        anchor: String,
    }
    let mut links = Vec::new();
    for (d, r) in drafts.iter().enumerate() {
        let idx = super::LineIndex::new(r.text);
        let findings: Vec<FindingView> = r
            .findings
            .iter()
            .map(|f| finding_view(lang, l, f, r.text, &idx, d))
            .collect();
        for f in r.findings {
            all.push((f.verdict, anchor(d, &f.attribution.id)));
        }
        for f in findings.iter().filter(|f| f.attention) {
            toc.push(TocItem {
                anchor: f.anchor.clone(),
                title: format!("{} · {} · {}", r.name, f.id, f.source),
                excerpt: f.excerpt.clone(),
                reason: f.reason.clone(),
                verdict: f.verdict,
                label: f.verdict_label.clone(),
            });
        }
        let others = findings
            .iter()
            .filter(|f| !f.attention)
            .map(|f| format!("{} ({})", f.id, f.verdict_label))
            .collect();
        links.push(DraftLink {
            name: r.name.to_string(),
            anchor: format!("d{}", d + 1),
        });
        views.push(DraftView {
            name: r.name.to_string(),
            anchor: format!("d{}", d + 1),
            segments: html::segments(l, r.text, r.findings, d),
            any_attention: findings.iter().any(|f| f.attention),
            findings,
            others,
        });
    }
    let counts = counts(l, &all);
    let desk = desk.map(|d| DeskView {
        review: d.review.to_string(),
        csrf: d.csrf.to_string(),
        forms: d.forms,
        signed_off: d.signed_off.map(|s| SignOffView {
            reviewer: visible(&s.reviewer).into_owned(),
            at: s.at.clone(),
        }),
        to_decide: views
            .iter()
            .flat_map(|v| &v.findings)
            .filter(|f| f.attention)
            .count(),
        decided: views
            .iter()
            .flat_map(|v| &v.findings)
            .filter(|f| f.attention && f.decision.is_some())
            .count(),
        statuses: crate::check::Status::ALL
            .iter()
            .map(|s| (s.as_str(), label(l, "decisions", s.as_str())))
            .collect(),
    });
    page_render(
        if html { "check.html" } else { "check.md" },
        lang,
        "title",
        &meta,
        links,
        &counts,
        Some(&toc),
        ("drafts", &views),
        desk.as_ref(),
    )
}

/// A review served by `isnad serve`: its id, the forms to decide on each
/// finding and to sign off, and the sign-off once given.
pub struct Desk<'a> {
    pub review: &'a str,
    /// The form token of the server's run.
    pub csrf: &'a str,
    /// Forms to decide and sign off (the live review); without, the
    /// signed-off report.
    pub forms: bool,
    pub signed_off: Option<&'a crate::review::SignOff>,
}

/// The desk part of a served review.
#[derive(Serialize)]
struct DeskView {
    review: String,
    csrf: String,
    forms: bool,
    signed_off: Option<SignOffView>,
    /// Findings needing attention, and how many of them have a decision.
    to_decide: usize,
    decided: usize,
    /// The decisions a form offers: value and label.
    statuses: Vec<(&'static str, String)>,
}

#[derive(Serialize)]
struct SignOffView {
    reviewer: String,
    at: String,
}

/// Render a page: the parts every report has, and its own `body`.
#[allow(clippy::too_many_arguments)]
fn page_render<D: Serialize, B: Serialize>(
    template: &str,
    lang: Lang,
    title_key: &str,
    meta: &Meta,
    drafts: Vec<D>,
    counts: &[Count],
    toc: Option<&[TocItem]>,
    body: (&str, &B),
    desk: Option<&DeskView>,
) -> String {
    let (l, dir) = page(lang);
    let mut ctx: BTreeMap<String, Value> = BTreeMap::new();
    let mut put = |k: &str, v: Value| {
        ctx.insert(k.to_string(), v);
    };
    put("L", Value::from(Serde(l)));
    put("lang", Value::from(lang.code()));
    put("dir", Value::from(dir));
    put("page_title", Value::from(text_label(l, title_key)));
    // A live review posts its forms to the server; every other page
    // may post nowhere.
    let live = desk.is_some_and(|d| d.forms);
    put(
        "csp",
        Value::from(if live {
            html::served_csp()
        } else {
            html::csp()
        }),
    );
    put("desk", Value::from(Serde(desk)));
    put("css", Value::from(html::CSS));
    put("js", Value::from(html::JS));
    put("meta", Value::from(Serde(&MetaView { drafts, meta })));
    put("counts", Value::from(Serde(counts)));
    put("toc", Value::from(toc.is_some()));
    put("toc_items", Value::from(Serde(toc.unwrap_or_default())));
    put(body.0, Value::from(Serde(body.1)));
    let ctx = Value::from(ctx);
    render(template, ctx)
}

/// The meta of a report with the drafts as links.
#[derive(Serialize)]
struct MetaView<'a, D: Serialize> {
    drafts: Vec<D>,
    #[serde(flatten)]
    meta: &'a Meta,
}

/// The review report of a `crosscheck` run.
pub fn crosscheck(html: bool, lang: Lang, meta: Meta, groups: &[Group]) -> String {
    let l = labels(lang);
    let views: Vec<GroupView> = groups
        .iter()
        .map(|g| GroupView {
            anchor: format!("g{}", g.id),
            title: format!(
                "{} {}",
                if lang == Lang::Ar {
                    "المجموعة"
                } else {
                    "Group"
                },
                g.id
            ),
            verdict: g.verdict.as_str(),
            verdict_label: label(l, "verdicts", g.verdict.as_str()),
            severity: g.severity.as_str(),
            source: g.source.clone(),
            members: g
                .members
                .iter()
                .map(|m| MemberView {
                    document: format!("{}#{}", m.document, m.attribution),
                    outlet: m.outlet.clone().unwrap_or_default(),
                    date: m.date.clone().unwrap_or_default(),
                    content: visible(&m.content.text).into_owned(),
                    cue: m.cue.lemma.clone(),
                    mode: m.mode.as_str(),
                    mode_label: label(l, "modes", m.mode.as_str()),
                })
                .collect(),
            differences: g
                .differences
                .iter()
                .map(|x| {
                    diff_view(
                        l,
                        x.kind,
                        &x.a.text,
                        &x.b.text,
                        &format!("{}#{}", x.a.document, x.a.attribution),
                        &format!("{}#{}", x.b.document, x.b.attribution),
                    )
                })
                .collect(),
        })
        .collect();
    let items: Vec<(Verdict, String)> = groups
        .iter()
        .map(|g| (g.verdict, format!("g{}", g.id)))
        .collect();
    let counts = counts(l, &items);
    page_render::<String, _>(
        if html {
            "crosscheck.html"
        } else {
            "crosscheck.md"
        },
        lang,
        "crosscheck_title",
        &meta,
        Vec::new(),
        &counts,
        None,
        ("groups", &views),
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_diff_marks_only_changed_words() {
        let (a, b) = word_diff("خلال 12 شهرا", "خلال ١٨ شهرا");
        let marked = |t: &[Token]| t.iter().map(|x| x.changed).collect::<Vec<_>>();
        assert_eq!(marked(&a), [false, true, false]);
        assert_eq!(marked(&b), [false, true, false]);
        // A hamza or a diacritic is not a change.
        let (a, _) = word_diff("أكد الوزير", "اكد الوزيرُ");
        assert_eq!(marked(&a), [false, false]);
    }
}
