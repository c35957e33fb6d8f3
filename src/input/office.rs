//! The text of a Word draft (.docx) or an OpenDocument text (.odt): the
//! paragraphs of its main XML part, one line each, as the writer sees them
//! (deleted tracked changes and field codes left out).
//!
//! The file is a ZIP archive, read whole from memory; nothing is written to
//! disk. Unpacking is bounded twice: the XML part may not unpack to more
//! than [`UNPACK_FACTOR`] times the document size limit, and the text taken
//! from it may not pass the limit itself, so a small crafted file cannot
//! take the memory or the time of a large one.

use super::InputError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
use std::io::{self, BufReader, Cursor, Read};

/// How many times the document size limit the XML part of a .docx or .odt
/// may unpack to. Word writes several bytes of markup for each byte of
/// text (runs, styles, revision marks), so the part of a genuine draft is
/// far larger than its text; sixteen times leaves room for heavily edited
/// drafts while a "zip bomb" stops after a bounded amount of work.
pub const UNPACK_FACTOR: usize = 16;

const WORD_MAIN: &[u8] = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// The same vocabulary under its "strict" name.
const WORD_STRICT: &[u8] = b"http://purl.oclc.org/ooxml/wordprocessingml/main";
const MARKUP_COMPAT: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";
const ODF_TEXT: &[u8] = b"urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const ODF_OFFICE: &[u8] = b"urn:oasis:names:tc:opendocument:xmlns:office:1.0";

const TEXT_TODO: &str = "save it as .docx or as plain text (.txt, UTF-8) and check that";

/// True when the bytes start like a ZIP archive (as .docx and .odt files
/// do).
pub(super) fn looks_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// True for a name ending in `.docx` or `.odt`, in any case.
pub fn is_office_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".docx") || lower.ends_with(".odt")
}

fn damaged(path: &str, what: String) -> InputError {
    InputError::Damaged {
        path: path.to_string(),
        what,
    }
}

fn not_text(path: &str, what: &'static str) -> InputError {
    InputError::NotText {
        path: path.to_string(),
        what,
        todo: TEXT_TODO,
    }
}

/// The text of the .docx or .odt file `bytes` (a ZIP archive), named
/// `path` in errors; at most `max_text` bytes of text.
pub(super) fn text(path: &str, bytes: &[u8], max_text: usize) -> Result<String, InputError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| damaged(path, format!("not a readable zip archive ({e})")))?;
    let (part, grammar) = if zip.index_for_name("word/document.xml").is_some() {
        ("word/document.xml", Grammar::Word)
    } else if zip.index_for_name("content.xml").is_some() {
        match mimetype(&mut zip) {
            Some(m) if !m.starts_with("application/vnd.oasis.opendocument.text") => {
                return Err(not_text(
                    path,
                    "an OpenDocument file that is not a text document (a spreadsheet or a presentation?)",
                ))
            }
            _ => ("content.xml", Grammar::Odf),
        }
    } else if zip.file_names().any(|n| n.starts_with("xl/")) {
        return Err(not_text(path, "an Excel workbook (.xlsx)"));
    } else if zip.file_names().any(|n| n.starts_with("ppt/")) {
        return Err(not_text(path, "a PowerPoint presentation (.pptx)"));
    } else {
        return Err(not_text(
            path,
            "a zip archive without a Word or OpenDocument text inside",
        ));
    };
    let limit = max_text.saturating_mul(UNPACK_FACTOR) as u64;
    let too_large = |part: &str, max: u64| InputError::UnpackedTooLarge {
        path: path.to_string(),
        part: part.to_string(),
        max,
    };
    let entry = zip
        .by_name(part)
        .map_err(|e| damaged(path, format!("cannot unpack {part} ({e})")))?;
    if entry.size() > limit {
        return Err(too_large(part, limit));
    }
    let bounded = Bounded {
        inner: entry,
        left: limit,
        over: false,
    };
    let mut reader = NsReader::from_reader(BufReader::with_capacity(1 << 16, bounded));
    let mut walker = Walker::new(grammar);
    let mut buf = Vec::new();
    loop {
        let event = reader.read_resolved_event_into(&mut buf);
        let (ns, event) = match event {
            Ok((ns, event)) => (namespace(&ns), event),
            Err(e) => {
                if reader.get_ref().get_ref().over {
                    return Err(too_large(part, limit));
                }
                return Err(damaged(
                    path,
                    format!(
                        "{part} is not well-formed XML near byte {} ({e})",
                        reader.error_position()
                    ),
                ));
            }
        };
        let bad_text = |e: &dyn std::fmt::Display| {
            damaged(path, format!("{part} has text that cannot be read ({e})"))
        };
        match event {
            Event::Start(e) => walker.start(ns, &e),
            Event::Empty(e) => {
                walker.start(ns, &e);
                walker.end(ns, e.local_name().as_ref());
            }
            Event::End(e) => walker.end(ns, e.local_name().as_ref()),
            Event::Text(t) => walker.text(&t.xml10_content().map_err(|e| bad_text(&e))?),
            Event::CData(t) => walker.text(&t.decode().map_err(|e| bad_text(&e))?),
            Event::GeneralRef(r) => {
                if let Some(c) = r.resolve_char_ref().map_err(|e| bad_text(&e))? {
                    walker.text(c.encode_utf8(&mut [0; 4]));
                } else {
                    let name = r.decode().map_err(|e| bad_text(&e))?;
                    if let Some(s) = quick_xml::escape::resolve_predefined_entity(&name) {
                        walker.text(s);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
        if walker.out.len() > max_text {
            return Err(too_large("its text", max_text as u64));
        }
        buf.clear();
    }
    Ok(walker.out)
}

/// The `mimetype` entry of an OpenDocument file, when it has one.
fn mimetype<R: Read + io::Seek>(zip: &mut zip::ZipArchive<R>) -> Option<String> {
    let entry = zip.by_name("mimetype").ok()?;
    let mut s = String::new();
    entry.take(200).read_to_string(&mut s).ok()?;
    Some(s.trim().to_string())
}

/// A reader that fails once more than `left` bytes come out of it.
struct Bounded<R> {
    inner: R,
    left: u64,
    over: bool,
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.left == 0 {
            // At the limit: one byte more means the part is too large.
            let mut probe = [0u8; 1];
            if self.inner.read(&mut probe)? > 0 {
                self.over = true;
                return Err(io::Error::other("the part unpacks past its limit"));
            }
            return Ok(0);
        }
        let cap = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..cap])?;
        self.left -= n as u64;
        Ok(n)
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Ns {
    /// WordprocessingML (`w:`) or OpenDocument text (`text:`).
    Text,
    /// Markup compatibility (`mc:`), whose fallbacks repeat the choices.
    Compat,
    /// OpenDocument office (`office:`), for comments.
    Office,
    Other,
}

fn namespace(r: &ResolveResult) -> Ns {
    match r {
        ResolveResult::Bound(ns) => match ns.as_ref() {
            WORD_MAIN | WORD_STRICT | ODF_TEXT => Ns::Text,
            MARKUP_COMPAT => Ns::Compat,
            ODF_OFFICE => Ns::Office,
            _ => Ns::Other,
        },
        _ => Ns::Other,
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Grammar {
    Word,
    Odf,
}

/// Walks the elements of the part and keeps the text a reader sees.
struct Walker {
    grammar: Grammar,
    out: String,
    /// Depth inside something whose text is not shown (deleted text, field
    /// codes, fallbacks, notes, comments, the change log).
    skip: usize,
    /// Depth inside Word's text elements (`w:t`).
    in_t: usize,
    /// Depth inside Word's paragraph properties (`w:pPr`), where `w:tab`
    /// is a tab stop and `w:del` marks the paragraph's end as deleted.
    in_ppr: usize,
    /// For each open paragraph: whether its end was deleted (Word joins it
    /// with the next).
    paragraphs: Vec<bool>,
}

impl Walker {
    fn new(grammar: Grammar) -> Walker {
        Walker {
            grammar,
            out: String::new(),
            skip: 0,
            in_t: 0,
            in_ppr: 0,
            paragraphs: Vec::new(),
        }
    }

    fn hidden(&self, ns: Ns, local: &[u8]) -> bool {
        match (self.grammar, ns) {
            (Grammar::Word, Ns::Text) => {
                matches!(local, b"del" | b"moveFrom" | b"delText" | b"instrText")
            }
            (Grammar::Word, Ns::Compat) => local == b"Fallback",
            (Grammar::Odf, Ns::Text) => matches!(local, b"tracked-changes" | b"note"),
            (Grammar::Odf, Ns::Office) => local == b"annotation",
            _ => false,
        }
    }

    fn push(&mut self, s: &str) {
        if self.skip == 0 {
            self.out.push_str(s);
        }
    }

    fn start(&mut self, ns: Ns, e: &BytesStart) {
        let name = e.local_name();
        let local = name.as_ref();
        if self.hidden(ns, local) {
            if self.grammar == Grammar::Word && self.in_ppr > 0 && local != b"Fallback" {
                if let Some(p) = self.paragraphs.last_mut() {
                    *p = true;
                }
            }
            self.skip += 1;
            return;
        }
        if ns != Ns::Text {
            return;
        }
        match (self.grammar, local) {
            (Grammar::Word, b"p") | (Grammar::Odf, b"p" | b"h") => self.paragraphs.push(false),
            (Grammar::Word, b"pPr") => self.in_ppr += 1,
            (Grammar::Word, b"t") => self.in_t += 1,
            (Grammar::Word, b"tab") if self.in_ppr == 0 => self.push("\t"),
            (Grammar::Word, b"br" | b"cr") => self.push("\n"),
            (Grammar::Word, b"noBreakHyphen") => self.push("-"),
            (Grammar::Odf, b"tab") => self.push("\t"),
            (Grammar::Odf, b"line-break") => self.push("\n"),
            (Grammar::Odf, b"s") => {
                // `text:c` spaces, one when absent; a crafted count is
                // capped (the text limit stops the rest).
                let n = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == b"c")
                    .and_then(|a| std::str::from_utf8(&a.value).ok()?.trim().parse().ok())
                    .unwrap_or(1usize)
                    .min(1024);
                self.push(&" ".repeat(n));
            }
            _ => {}
        }
    }

    fn end(&mut self, ns: Ns, local: &[u8]) {
        if self.hidden(ns, local) {
            self.skip = self.skip.saturating_sub(1);
            return;
        }
        if ns != Ns::Text {
            return;
        }
        match (self.grammar, local) {
            (Grammar::Word, b"p") | (Grammar::Odf, b"p" | b"h") => self.end_paragraph(),
            (Grammar::Word, b"pPr") => self.in_ppr = self.in_ppr.saturating_sub(1),
            (Grammar::Word, b"t") => self.in_t = self.in_t.saturating_sub(1),
            _ => {}
        }
    }

    /// A paragraph ends a line, unless its end was deleted.
    fn end_paragraph(&mut self) {
        if !self.paragraphs.pop().unwrap_or(false) {
            self.push("\n");
        }
    }

    fn text(&mut self, t: &str) {
        if self.skip > 0 {
            return;
        }
        match self.grammar {
            Grammar::Word => {
                if self.in_t > 0 {
                    self.out.push_str(t);
                }
            }
            Grammar::Odf => {
                if self.paragraphs.is_empty() {
                    return;
                }
                // OpenDocument collapses white space in text: a run of
                // spaces, tabs or line ends is one space (`text:s`,
                // `text:tab` and `text:line-break` say the rest).
                let mut white = false;
                for c in t.chars() {
                    if matches!(c, ' ' | '\t' | '\r' | '\n') {
                        if !white {
                            self.out.push(' ');
                        }
                        white = true;
                    } else {
                        self.out.push(c);
                        white = false;
                    }
                }
            }
        }
    }
}
