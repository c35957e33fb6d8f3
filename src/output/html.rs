//! What is particular to the HTML review report: the draft's text marked
//! up by attribution and verdict, and the page's security policy, which
//! allows no network at all and only the page's own style and script.

use super::report::{anchor, label, Labels};
use crate::check::Finding;
use crate::text::normalize::visible;
use base64::Engine as _;
use serde::Serialize;
use sha2::Digest;

pub(super) const CSS: &str = include_str!("../../templates/report.css");
pub(super) const JS: &str = include_str!("../../templates/report.js");

fn sha256(s: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(s.as_bytes()))
}

/// No network of any kind, and only the page's own style and script.
pub(super) fn csp() -> String {
    format!(
        "default-src 'none'; style-src 'sha256-{}'; script-src 'sha256-{}'; img-src data:; base-uri 'none'; form-action 'none'",
        sha256(CSS),
        sha256(JS)
    )
}

/// The policy of a report: no network, only the page's own style and
/// script, no form may post anywhere.
pub fn report_csp() -> String {
    csp()
}

/// The policy of the pages of `isnad serve`: the reports' policy, with
/// forms allowed to post to the server itself, and no framing.
pub fn served_csp() -> String {
    csp().replace("form-action 'none'", "form-action 'self'") + "; frame-ancestors 'none'"
}

/// The reports' style sheet (its hash is in both policies).
pub fn css() -> &'static str {
    CSS
}

#[derive(Serialize)]
pub(super) struct Segment {
    text: String,
    /// `content`, `src`, `cue`, or empty for plain text.
    role: &'static str,
    verdict: &'static str,
    target: String,
    /// A label after the attribution, linking to its finding.
    badge: bool,
}

/// Split a draft's text into plain runs and marked runs (source, cue,
/// content of each attribution), with a badge after each attribution.
pub(super) fn segments(l: &Labels, text: &str, findings: &[Finding], d: usize) -> Vec<Segment> {
    struct Marks {
        content: [usize; 2],
        source: Option<[usize; 2]>,
        cue: [usize; 2],
        end: usize,
    }
    let ok = |s: [usize; 2]| {
        s[0] <= s[1]
            && s[1] <= text.len()
            && text.is_char_boundary(s[0])
            && text.is_char_boundary(s[1])
    };
    let marks: Vec<Option<Marks>> = findings
        .iter()
        .map(|f| {
            let a = &f.attribution;
            let source = a
                .source
                .span
                .filter(|_| {
                    a.source.resolution == crate::extract::attribution::Resolution::Explicit
                })
                .filter(|&s| ok(s));
            if !ok(a.content.span) || !ok(a.cue.span) {
                return None;
            }
            let end = a.content.span[1]
                .max(a.cue.span[1])
                .max(source.map_or(0, |s| s[1]));
            Some(Marks {
                content: a.content.span,
                source,
                cue: a.cue.span,
                end,
            })
        })
        .collect();
    let mut cuts = vec![0, text.len()];
    for m in marks.iter().flatten() {
        cuts.extend([m.content[0], m.content[1], m.cue[0], m.cue[1], m.end]);
        if let Some(s) = m.source {
            cuts.extend(s);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let inside = |s: [usize; 2], x: usize, y: usize| s[0] <= x && y <= s[1] && s[0] < s[1];
    // A label after each attribution ending at `at`, linking to its finding.
    let badges = |out: &mut Vec<Segment>, at: usize| {
        for (k, m) in marks.iter().enumerate() {
            if m.as_ref().is_some_and(|m| m.end == at) {
                let v = findings[k].verdict.as_str();
                out.push(Segment {
                    text: label(l, "verdicts", v),
                    role: "",
                    verdict: v,
                    target: anchor(d, &findings[k].attribution.id),
                    badge: true,
                });
            }
        }
    };
    let mut out: Vec<Segment> = Vec::new();
    for w in cuts.windows(2) {
        let (x, y) = (w[0], w[1]);
        // Badges of attributions ending here.
        if x > 0 {
            badges(&mut out, x);
        }
        if x == y {
            continue;
        }
        // The innermost mark covering the run: a cue, then a source, then
        // the smallest content.
        let mut best: Option<(usize, &'static str, usize)> = None;
        for (k, m) in marks.iter().enumerate() {
            let Some(m) = m else { continue };
            let (role, rank) = if inside(m.cue, x, y) {
                ("cue", 0)
            } else if m.source.is_some_and(|s| inside(s, x, y)) {
                ("src", 0)
            } else if inside(m.content, x, y) {
                ("content", m.content[1] - m.content[0])
            } else {
                continue;
            };
            if best.is_none_or(|(_, r, b)| (rank, role == "content") < (b, r == "content")) {
                best = Some((k, role, rank));
            }
        }
        let piece: &str = &visible(&text[x..y]);
        match best {
            Some((k, role, _)) => {
                let target = anchor(d, &findings[k].attribution.id);
                match out.last_mut() {
                    Some(s) if !s.badge && s.role == role && s.target == target => {
                        s.text.push_str(piece)
                    }
                    _ => out.push(Segment {
                        text: piece.to_string(),
                        role,
                        verdict: findings[k].verdict.as_str(),
                        target,
                        badge: false,
                    }),
                }
            }
            None => match out.last_mut() {
                Some(s) if !s.badge && s.role.is_empty() => s.text.push_str(piece),
                _ => out.push(Segment {
                    text: piece.to_string(),
                    role: "",
                    verdict: "",
                    target: String::new(),
                    badge: false,
                }),
            },
        }
    }
    // Badges of attributions ending at the very end.
    badges(&mut out, text.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_only_the_page_s_own_style_and_script() {
        let p = csp();
        assert!(p.starts_with("default-src 'none';"));
        assert!(p.contains(&format!("'sha256-{}'", sha256(JS))));
        assert!(!p.contains("unsafe-inline"));
    }
}
