//! What is particular to the Markdown review report: every value
//! escaped so that article text can never become Markdown syntax, raw
//! HTML, a link or an image.

use super::report::Token;

/// Markdown text with every character that could start syntax escaped:
/// ASCII punctuation by backslash, `<`, `>` and `&` as entities (no raw
/// HTML can get through), line breaks as spaces (a value stays in its
/// table cell or list item).
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Text for a Markdown code span: no backtick to close it early, no pipe
/// to split a table cell, on one line.
pub fn code(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '`' => '\'',
            '|' => '¦',
            '\n' | '\r' => ' ',
            c => c,
        })
        .collect()
}

/// Markdown for one side of a difference: runs of changed words in bold.
pub(super) fn tokens_md(t: &[Token], none: &str) -> String {
    if t.is_empty() {
        return format!("∅ {none}");
    }
    let mut out = String::new();
    let mut k = 0;
    while k < t.len() {
        if k > 0 {
            out.push(' ');
        }
        if t[k].changed {
            let start = k;
            while k < t.len() && t[k].changed {
                k += 1;
            }
            let run: Vec<String> = t[start..k].iter().map(|x| md(&x.text)).collect();
            out.push_str("**");
            out.push_str(&run.join(" "));
            out.push_str("**");
        } else {
            out.push_str(&md(&t[k].text));
            k += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_values_cannot_make_syntax_or_html() {
        assert_eq!(md("<script>"), "&lt;script&gt;");
        assert_eq!(md("a|b *c* [d](e)"), "a\\|b \\*c\\* \\[d\\]\\(e\\)");
        assert_eq!(md("سطر\nآخر"), "سطر آخر");
        assert_eq!(code("a`b|c"), "a'b¦c");
    }
}
