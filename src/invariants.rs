//! The promises isnad makes about its output, as checks that return what
//! was broken. The property tests (`tests/props.rs`) and the fuzz targets
//! (`fuzz/`) run them on generated inputs; a failure names the broken
//! promise and where.
//!
//! - Every span lies inside its text, on character boundaries, and the
//!   record's `text` equals the original bytes there.
//! - Normalisation is idempotent; its offset map is monotone and lands on
//!   character boundaries of the original.
//! - An HTML report holds only the elements and attributes its templates
//!   write, and one script: no piece of input became markup.

use crate::check::Finding;
use crate::extract::attribution::Piece;
use crate::text::normalize::{normalize, normalize_str};
use crate::Extraction;

/// A broken promise, said in words.
pub type Broken = String;

fn span_ok(text: &str, span: [usize; 2], piece: &str, what: &str) -> Result<(), Broken> {
    let [s, e] = span;
    if s > e || e > text.len() {
        return Err(format!(
            "{what}: span {s}..{e} outside a text of {} bytes",
            text.len()
        ));
    }
    if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
        return Err(format!("{what}: span {s}..{e} not on character boundaries"));
    }
    if &text[s..e] != piece {
        return Err(format!("{what}: text {piece:?} is not the bytes {s}..{e}"));
    }
    Ok(())
}

fn piece_ok(text: &str, p: &Piece, what: &str) -> Result<(), Broken> {
    span_ok(text, p.span, &p.text, what)
}

/// Every span of an extraction points at its own text in `text`, and
/// every nesting link names an attribution of the same document.
pub fn extraction(text: &str, found: &Extraction) -> Result<(), Broken> {
    for a in &found.attributions {
        let id = &a.id;
        span_ok(text, a.cue.span, &a.cue.text, &format!("{id} cue"))?;
        piece_ok(text, &a.content, &format!("{id} content"))?;
        if let Some(s) = a.source.span {
            span_ok(text, s, &a.source.text, &format!("{id} source"))?;
        }
        for (p, what) in [
            (&a.addressee, "addressee"),
            (&a.time, "time"),
            (&a.channel, "channel"),
        ] {
            if let Some(p) = p {
                piece_ok(text, p, &format!("{id} {what}"))?;
            }
        }
        if let Some(n) = &a.nested_in {
            if !found.attributions.iter().any(|o| &o.id == n) {
                return Err(format!("{id} nested in {n}, which does not exist"));
            }
        }
    }
    for q in &found.unattributed {
        span_ok(text, q.span, &q.text, "unattributed quote")?;
    }
    for o in &found.over_limit {
        let piece = text.get(o.span[0]..o.span[1]).unwrap_or("");
        span_ok(text, o.span, piece, &format!("{} over the limit", o.limit))?;
    }
    Ok(())
}

/// Normalisation is idempotent, and its offset map is monotone, lands on
/// character boundaries of `text` and maps the end to the end.
pub fn normalized(text: &str) -> Result<(), Broken> {
    let n = normalize(text);
    let once = n.as_str();
    let twice = normalize_str(once);
    if twice != once {
        return Err(format!("not idempotent: {once:?} became {twice:?}"));
    }
    let mut last = 0;
    for i in (0..=once.len()).filter(|&i| once.is_char_boundary(i)) {
        let o = n.to_original(i);
        if o < last {
            return Err(format!("offset map goes back at {i}: {o} after {last}"));
        }
        if o > text.len() || !text.is_char_boundary(o) {
            return Err(format!("offset {i} maps to {o}, not a character boundary"));
        }
        last = o;
    }
    if n.to_original(once.len()) != text.len() {
        return Err("the end of the normalised text does not map to the end".into());
    }
    Ok(())
}

/// Every span of the findings points at its own text: the draft's into
/// `draft`, the references' into the reference document `reference(name)`
/// returns.
pub fn findings<'a>(
    draft: &str,
    findings: &[Finding],
    reference: impl Fn(&str) -> Option<&'a str>,
) -> Result<(), Broken> {
    let found = Extraction {
        attributions: findings.iter().map(|f| f.attribution.clone()).collect(),
        ..Default::default()
    };
    extraction(draft, &found)?;
    for f in findings {
        let id = &f.attribution.id;
        for h in &f.hidden {
            let [s, e] = h.span;
            let c = draft.get(s..e).and_then(|p| p.chars().next());
            if c.map(|c| format!("U+{:04X}", c as u32)).as_deref() != Some(&h.codepoint) {
                return Err(format!("{id}: hidden {} is not at {s}..{e}", h.codepoint));
            }
        }
        for d in &f.differences {
            piece_ok(draft, &d.draft, &format!("{id} difference (draft)"))?;
            let r = &d.reference;
            let Some(text) = reference(&r.document) else {
                return Err(format!(
                    "{id}: difference names unknown document {}",
                    r.document
                ));
            };
            span_ok(
                text,
                r.span,
                &r.text,
                &format!("{id} difference (reference)"),
            )?;
        }
        for ev in &f.evidence {
            let Some(text) = reference(&ev.document) else {
                return Err(format!(
                    "{id}: evidence names unknown document {}",
                    ev.document
                ));
            };
            piece_ok(text, &ev.content, &format!("{id} evidence"))?;
        }
    }
    Ok(())
}

/// The elements the report templates write.
const ELEMENTS: &[&str] = &[
    "html", "head", "meta", "title", "style", "script", "body", "header", "main", "footer", "nav",
    "section", "article", "aside", "div", "span", "p", "h1", "h2", "h3", "h4", "ul", "ol", "li",
    "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td", "a", "b", "strong", "em",
    "mark", "del", "ins", "code", "pre", "button", "small", "details", "summary", "bdi", "time",
    "br", "abbr", "sup", "sub", "caption", "figure", "kbd",
];

/// The attributes the report templates write.
const ATTRIBUTES: &[&str] = &[
    "lang",
    "dir",
    "charset",
    "name",
    "content",
    "http-equiv",
    "id",
    "class",
    "href",
    "title",
    "role",
    "rel",
    "type",
    "hidden",
    "colspan",
    "rowspan",
    "scope",
    "datetime",
    "open",
    "tabindex",
];

/// An HTML report holds only the template's elements and attributes
/// (`data-` and `aria-` attributes included), exactly one script, no
/// comment or processing instruction, and no link outside the page.
pub fn html(page: &str) -> Result<(), Broken> {
    let b = page.as_bytes();
    let mut scripts = 0;
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'<', &b[i..]) {
        let at = i + k;
        i = at + 1;
        let rest = &page[at + 1..];
        if rest.starts_with("!DOCTYPE html>") || rest.starts_with("!doctype html>") {
            continue;
        }
        let closing = rest.starts_with('/');
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        let name_len = rest
            .bytes()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        let name = &rest[..name_len];
        if !ELEMENTS.contains(&name) {
            let shown: String = page[at..].chars().take(40).collect();
            return Err(format!(
                "byte {at}: markup the templates do not write: {shown:?}"
            ));
        }
        if name == "script" && !page[at + 1..].starts_with('/') {
            scripts += 1;
            // The script's own text is the template's; skip to its end.
            match page[at..].find("</script>") {
                Some(e) => i = at + e + 1,
                None => return Err(format!("byte {at}: unclosed script")),
            }
        }
        if name == "style" && !page[at + 1..].starts_with('/') {
            match page[at..].find("</style>") {
                Some(e) => i = at + e + 1,
                None => return Err(format!("byte {at}: unclosed style")),
            }
        }
        // Attributes up to the end of the tag; values are quoted by the
        // templates and escaped, so a quote ends them.
        let tag_end = attributes(
            page,
            at + 1 + closing as usize + name_len,
            &mut |attr, value| {
                let allowed = ATTRIBUTES.contains(&attr)
                    || attr.starts_with("data-")
                    || attr.starts_with("aria-");
                if !allowed {
                    return Err(format!("byte {at}: attribute {attr:?} on <{name}>"));
                }
                if attr == "href" && !value.starts_with('#') && !value.starts_with("http") {
                    return Err(format!("byte {at}: link to {value:?}"));
                }
                Ok(())
            },
        )?;
        i = i.max(tag_end);
    }
    if scripts != 1 {
        return Err(format!("{scripts} scripts instead of one"));
    }
    Ok(())
}

/// Walk the attributes of a tag from byte `from`; returns the byte after
/// the tag's `>`.
fn attributes(
    page: &str,
    from: usize,
    each: &mut dyn FnMut(&str, &str) -> Result<(), Broken>,
) -> Result<usize, Broken> {
    let b = page.as_bytes();
    let mut i = from;
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        match b.get(i) {
            None => return Err(format!("byte {from}: unclosed tag")),
            Some(b'>') => return Ok(i + 1),
            Some(b'/') => {
                i += 1;
                continue;
            }
            _ => {}
        }
        let start = i;
        while i < b.len() && !b"= \t\n>/".contains(&b[i]) {
            i += 1;
        }
        let name = &page[start..i];
        if name.is_empty() {
            return Err(format!("byte {start}: stray character in a tag"));
        }
        let mut value = "";
        if b.get(i) == Some(&b'=') {
            i += 1;
            let q = b.get(i).copied();
            if q != Some(b'"') {
                return Err(format!("byte {i}: unquoted value for {name:?}"));
            }
            let vstart = i + 1;
            let Some(len) = memchr::memchr(b'"', &b[vstart..]) else {
                return Err(format!("byte {i}: unclosed value for {name:?}"));
            };
            value = &page[vstart..vstart + len];
            if value.contains('<') {
                return Err(format!("byte {vstart}: raw < inside {name:?}"));
            }
            i = vstart + len + 1;
        }
        each(name, value)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_check_catches_injected_markup() {
        let page = "<!DOCTYPE html><html><head><script>let a = '<b>';</script></head><body><p class=\"x\">ok</p></body></html>";
        html(page).unwrap();
        let bad = page.replace("ok", "<img src=x onerror=alert(1)>");
        assert!(html(&bad).unwrap_err().contains("<img"));
        let bad = page.replace("class=\"x\"", "class=\"x\" onclick=\"a()\"");
        assert!(html(&bad).unwrap_err().contains("onclick"));
        let bad = page.replace("ok", "<script>alert(1)</script>");
        assert!(html(&bad).unwrap_err().contains("2 scripts"));
        let bad = page.replace("ok", "<a href=\"javascript:x\">x</a>");
        assert!(html(&bad).unwrap_err().contains("javascript"));
    }

    #[test]
    fn span_check_catches_a_shifted_span() {
        let text = "قال الوزير";
        assert!(span_ok(text, [0, 6], "قال", "cue").is_ok());
        assert!(span_ok(text, [0, 5], "قا", "cue")
            .unwrap_err()
            .contains("boundaries"));
        assert!(span_ok(text, [7, 13], "قال", "cue").is_err());
        assert!(span_ok(text, [0, 99], "قال", "cue")
            .unwrap_err()
            .contains("outside"));
    }
}
