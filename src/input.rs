//! Reading documents: text files, standard input, directories and JSON
//! Lines corpora (plain or gzip).
//!
//! [`Inputs`] yields documents, errors and warnings in input order, one at
//! a time, so that a corpus of any size streams through bounded memory and
//! a bad line never stops the lines after it.

use flate2::read::MultiGzDecoder;
use serde::Deserialize;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// A document to extract from.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The path as given (`-` for standard input).
    pub path: String,
    /// The article id (JSON Lines) or the file name without extension.
    pub id: String,
    /// The text; spans point into it.
    pub text: String,
    pub source: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
}

impl Document {
    /// The name findings and messages give the document: the path, plus
    /// `#id` for an article of a corpus.
    pub fn name(&self) -> String {
        if is_jsonl(&self.path) {
            format!("{}#{}", self.path, self.id)
        } else {
            self.path.clone()
        }
    }
}

/// An input problem. The run goes on; the exit code says it happened.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{path}: invalid UTF-8 at byte offset {offset} (use --lossy to replace bad bytes)")]
    Utf8 { path: String, offset: usize },
    #[error("{path}:{line}: invalid UTF-8 at byte offset {offset} of the line")]
    LineUtf8 {
        path: String,
        line: usize,
        offset: usize,
    },
    #[error("{path}:{line}: {message}")]
    Json {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{path}: {source}")]
    Io { path: String, source: io::Error },
    #[error("{path}: no such file or directory")]
    Missing { path: String },
    #[error("{path}: this looks like {what}, not text; {todo}")]
    NotText {
        path: String,
        what: &'static str,
        todo: &'static str,
    },
    #[error("{path}: {size} bytes, above the document size limit of {max} bytes; not read (raise it with --max-doc-bytes)")]
    TooLarge { path: String, size: u64, max: usize },
    #[error("{path}:{line}: a line of {size} bytes, above the document size limit of {max} bytes; not read (raise it with --max-doc-bytes)")]
    LineTooLarge {
        path: String,
        line: usize,
        size: usize,
        max: usize,
    },
}

/// The default limit on one document (a file, standard input, or one line
/// of a corpus): 64 MiB. Larger documents are refused with an error naming
/// them, never cut.
pub const MAX_DOC_BYTES: usize = 64 << 20;

/// One item of the input stream.
#[derive(Debug)]
pub enum Item {
    Doc(Box<Document>),
    Error(InputError),
    /// Something skipped or repaired, said on standard error.
    Warning(String),
    /// A corpus line left for the caller to parse ([`Inputs::deferred`]).
    Line(Line),
}

/// One article line of a corpus.
#[derive(Deserialize)]
struct Article {
    id: serde_json::Value,
    text: String,
    source: Option<serde_json::Value>,
    date: Option<serde_json::Value>,
    title: Option<serde_json::Value>,
    url: Option<serde_json::Value>,
}

fn value_string(v: Option<serde_json::Value>) -> Option<String> {
    match v? {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s),
        other => Some(other.to_string()),
    }
}

/// A corpus line read but not yet parsed (see [`Inputs::deferred`]).
#[derive(Debug)]
pub struct Line {
    pub path: String,
    /// The 1-based line number in its corpus.
    pub number: usize,
    pub bytes: Vec<u8>,
}

impl Line {
    /// Parse the line into its document, or the error that names the
    /// line (and a warning first when `lossy` repaired it).
    pub fn parse(&self, lossy: bool, push: &mut dyn FnMut(Item)) {
        parse_line(&self.path, self.number, &self.bytes, lossy, push)
    }
}

fn parse_line(path: &str, line: usize, bytes: &[u8], lossy: bool, push: &mut dyn FnMut(Item)) {
    let trimmed = bytes.trim_ascii();
    if trimmed.is_empty() {
        return;
    }
    // One SIMD check of the whole line, then a parse that does not check
    // again; the standard library's check runs only on a bad line, to name
    // the byte offset.
    let parsed = match simdutf8::basic::from_utf8(trimmed) {
        Ok(text) => serde_json::from_str::<Article>(text),
        Err(_) => match std::str::from_utf8(trimmed) {
            Ok(text) => serde_json::from_str::<Article>(text),
            Err(e) if lossy => {
                push(Item::Warning(format!(
                    "{path}:{line}: invalid UTF-8 at byte offset {}; bad bytes replaced (--lossy)",
                    e.valid_up_to()
                )));
                serde_json::from_str::<Article>(&String::from_utf8_lossy(trimmed))
            }
            Err(e) => {
                push(Item::Error(InputError::LineUtf8 {
                    path: path.to_string(),
                    line,
                    offset: e.valid_up_to(),
                }));
                return;
            }
        },
    };
    push(match parsed {
        Ok(a) => Item::Doc(Box::new(Document {
            path: path.to_string(),
            id: value_string(Some(a.id)).unwrap_or_default(),
            text: a.text,
            source: value_string(a.source),
            date: value_string(a.date),
            title: value_string(a.title),
            url: value_string(a.url),
        })),
        Err(e) => Item::Error(InputError::Json {
            path: path.to_string(),
            line,
            message: format!("not a corpus article: {e}"),
        }),
    })
}

enum Pending {
    Path(String),
    /// A file found by walking a directory: binary files are skipped with a
    /// warning there rather than failing.
    Walked(String),
    Lines {
        path: String,
        reader: Box<dyn BufRead + Send>,
        line: usize,
    },
}

/// Streams the documents of a list of paths, in order.
pub struct Inputs {
    queue: VecDeque<Pending>,
    lossy: bool,
    deferred: bool,
    max_doc_bytes: usize,
    buf: Vec<u8>,
}

/// True for `*.jsonl` and `*.jsonl.gz`.
pub fn is_jsonl(path: &str) -> bool {
    path.ends_with(".jsonl") || path.ends_with(".jsonl.gz")
}

fn strip_bom(s: String) -> String {
    match s.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_string(),
        None => s,
    }
}

fn file_id(path: &str) -> String {
    let p = Path::new(path);
    p.file_name()
        .map(|f| {
            let f = f.to_string_lossy();
            match f.rsplit_once('.') {
                Some((stem, _)) if !stem.is_empty() => stem.to_string(),
                _ => f.to_string(),
            }
        })
        .unwrap_or_else(|| path.to_string())
}

impl Inputs {
    /// Inputs for these paths (`-` is standard input).
    pub fn new<I: IntoIterator<Item = String>>(paths: I, lossy: bool) -> Inputs {
        Inputs {
            queue: paths.into_iter().map(Pending::Path).collect(),
            lossy,
            deferred: false,
            max_doc_bytes: MAX_DOC_BYTES,
            buf: Vec::new(),
        }
    }

    /// Refuse documents larger than `max` bytes (default [`MAX_DOC_BYTES`])
    /// with an error, instead of reading them.
    pub fn max_doc_bytes(mut self, max: usize) -> Inputs {
        self.max_doc_bytes = max;
        self
    }

    /// Hand out corpus lines unparsed, as [`Item::Line`], so that a
    /// caller can parse them on several threads; they stay in input order.
    pub fn deferred(mut self) -> Inputs {
        self.deferred = true;
        self
    }

    fn decode(&self, path: &str, bytes: Vec<u8>, out: &mut VecDeque<Item>) -> Option<String> {
        // A PDF or an office file given as text is not read as bad UTF-8:
        // the error says what it looks like and what to do.
        if let Some((what, todo)) = binary_format(&bytes) {
            out.push_back(Item::Error(InputError::NotText {
                path: path.to_string(),
                what,
                todo,
            }));
            return None;
        }
        match String::from_utf8(bytes) {
            Ok(s) => Some(strip_bom(s)),
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                if self.lossy {
                    out.push_back(Item::Warning(format!(
                        "{path}: invalid UTF-8 at byte offset {offset}; bad bytes replaced (--lossy)"
                    )));
                    Some(strip_bom(
                        String::from_utf8_lossy(e.as_bytes()).into_owned(),
                    ))
                } else {
                    out.push_back(Item::Error(InputError::Utf8 {
                        path: path.to_string(),
                        offset,
                    }));
                    None
                }
            }
        }
    }

    fn text_doc(&self, path: &str, bytes: Vec<u8>, out: &mut VecDeque<Item>) {
        if let Some(text) = self.decode(path, bytes, out) {
            let id = if path == "-" {
                "-".to_string()
            } else {
                file_id(path)
            };
            out.push_back(Item::Doc(Box::new(Document {
                path: path.to_string(),
                id,
                text,
                ..Default::default()
            })));
        }
    }

    fn open_path(&mut self, path: String, walked: bool, out: &mut VecDeque<Item>) {
        if path == "-" {
            let mut bytes = Vec::new();
            let max = self.max_doc_bytes;
            let mut stdin = io::stdin().lock();
            match stdin.by_ref().take(max as u64 + 1).read_to_end(&mut bytes) {
                Ok(n) if n > max => {
                    // Count the rest without keeping it.
                    let rest = io::copy(&mut stdin, &mut io::sink()).unwrap_or(0);
                    out.push_back(Item::Error(InputError::TooLarge {
                        path,
                        size: n as u64 + rest,
                        max,
                    }));
                }
                Ok(_) => self.text_doc(&path, bytes, out),
                Err(source) => out.push_back(Item::Error(InputError::Io { path, source })),
            }
            return;
        }
        let p = PathBuf::from(&path);
        if p.is_dir() {
            let mut files: Vec<PathBuf> = Vec::new();
            for entry in walkdir::WalkDir::new(&p).sort_by_file_name() {
                match entry {
                    Ok(e) if e.file_type().is_file() => {
                        let name = e.path().to_string_lossy().to_string();
                        if name.ends_with(".txt") || name.ends_with(".md") || is_jsonl(&name) {
                            files.push(e.into_path());
                        }
                    }
                    Ok(_) => {}
                    Err(err) => out.push_back(Item::Warning(format!("{path}: {err}"))),
                }
            }
            // Walked files go first, in sorted order, before what follows
            // the directory on the command line.
            for f in files.into_iter().rev() {
                self.queue
                    .push_front(Pending::Walked(f.display().to_string()));
            }
            return;
        }
        if !Path::new(&path).exists() {
            out.push_back(Item::Error(InputError::Missing { path }));
            return;
        }
        if is_jsonl(&path) {
            match File::open(&path) {
                Ok(f) => {
                    let reader: Box<dyn BufRead + Send> = if path.ends_with(".gz") {
                        Box::new(BufReader::with_capacity(1 << 16, MultiGzDecoder::new(f)))
                    } else {
                        Box::new(BufReader::with_capacity(1 << 16, f))
                    };
                    self.queue.push_front(Pending::Lines {
                        path,
                        reader,
                        line: 0,
                    });
                }
                Err(source) => out.push_back(Item::Error(InputError::Io { path, source })),
            }
            return;
        }
        if let Ok(meta) = std::fs::metadata(&path) {
            if meta.len() > self.max_doc_bytes as u64 {
                out.push_back(Item::Error(InputError::TooLarge {
                    path,
                    size: meta.len(),
                    max: self.max_doc_bytes,
                }));
                return;
            }
        }
        match std::fs::read(&path) {
            Ok(bytes) => {
                if walked && bytes.iter().take(8192).any(|&b| b == 0) {
                    out.push_back(Item::Warning(format!("{path}: binary file skipped")));
                    return;
                }
                self.text_doc(&path, bytes, out);
            }
            Err(source) => out.push_back(Item::Error(InputError::Io { path, source })),
        }
    }

    /// Read the next line of a corpus; `false` when the corpus is done.
    fn next_line(
        &mut self,
        path: &str,
        reader: &mut dyn BufRead,
        line: &mut usize,
        out: &mut VecDeque<Item>,
    ) -> bool {
        self.buf.clear();
        match read_line(reader, &mut self.buf, self.max_doc_bytes) {
            Ok(0) => false,
            Ok(size) if size > 0 && self.buf.is_empty() => {
                *line += 1;
                out.push_back(Item::Error(InputError::LineTooLarge {
                    path: path.to_string(),
                    line: *line,
                    size,
                    max: self.max_doc_bytes,
                }));
                self.buf = Vec::new();
                true
            }
            Ok(_) => {
                *line += 1;
                if self.deferred {
                    out.push_back(Item::Line(Line {
                        path: path.to_string(),
                        number: *line,
                        bytes: std::mem::take(&mut self.buf),
                    }));
                } else {
                    parse_line(path, *line, &self.buf, self.lossy, &mut |i| {
                        out.push_back(i)
                    });
                }
                true
            }
            Err(source) => {
                out.push_back(Item::Error(InputError::Json {
                    path: path.to_string(),
                    line: *line + 1,
                    message: format!("cannot read: {source}"),
                }));
                false
            }
        }
    }

    /// Fill `out` with at least one item, unless the input is exhausted.
    fn fill(&mut self, out: &mut VecDeque<Item>) {
        while out.is_empty() {
            let Some(p) = self.queue.pop_front() else {
                return;
            };
            match p {
                Pending::Path(path) => self.open_path(path, false, out),
                Pending::Walked(path) => self.open_path(path, true, out),
                Pending::Lines {
                    path,
                    mut reader,
                    mut line,
                } => {
                    if self.next_line(&path, reader.as_mut(), &mut line, out) {
                        self.queue.push_front(Pending::Lines { path, reader, line });
                    }
                }
            }
        }
    }
}

/// Read one line (with its `\n`) into `buf`, keeping at most `max` bytes
/// of it: returns the line's whole length, which is more than `buf` holds
/// when the line was too long (the rest is read and dropped, so that a
/// 50 MB line costs no more memory than the limit).
fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>, max: usize) -> io::Result<usize> {
    let mut size = 0;
    let mut over = false;
    loop {
        let (done, used) = {
            let chunk = match reader.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                return Ok(size);
            }
            let (done, used) = match memchr::memchr(b'\n', chunk) {
                Some(k) => (true, k + 1),
                None => (false, chunk.len()),
            };
            // The newline itself does not count towards the limit.
            let content = used - usize::from(done);
            if !over {
                if buf.len() + content <= max {
                    buf.extend_from_slice(&chunk[..used]);
                } else {
                    // Over the limit: keep nothing more, and say so by the
                    // size.
                    over = true;
                    buf.clear();
                    buf.shrink_to(1 << 16);
                }
            }
            (done, used)
        };
        reader.consume(used);
        size += used;
        if done {
            return Ok(size);
        }
    }
}

/// An iterator adapter over [`Inputs`].
pub struct Iter {
    inputs: Inputs,
    ready: VecDeque<Item>,
}

impl IntoIterator for Inputs {
    type Item = Item;
    type IntoIter = Iter;
    fn into_iter(self) -> Iter {
        Iter {
            inputs: self,
            ready: VecDeque::new(),
        }
    }
}

impl Iterator for Iter {
    type Item = Item;
    fn next(&mut self) -> Option<Item> {
        if self.ready.is_empty() {
            self.inputs.fill(&mut self.ready);
        }
        self.ready.pop_front()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn read_line_keeps_lines_within_the_limit_across_any_chunking() {
        let text = "ab\n\nabcdef\nxyz\nabcdefghij\nq";
        for capacity in 1..8 {
            for max in 0..12 {
                let mut r = BufReader::with_capacity(capacity, text.as_bytes());
                let mut buf = Vec::new();
                let mut got = Vec::new();
                loop {
                    buf.clear();
                    let size = read_line(&mut r, &mut buf, max).unwrap();
                    if size == 0 {
                        break;
                    }
                    got.push((size, String::from_utf8(buf.clone()).unwrap()));
                }
                // What each line should give: itself when its content fits,
                // nothing (with its whole size) when it does not.
                let want: Vec<(usize, String)> = text
                    .split_inclusive('\n')
                    .map(|l| {
                        let content = l.trim_end_matches('\n').len();
                        let kept = if content <= max {
                            l.to_string()
                        } else {
                            String::new()
                        };
                        (l.len(), kept)
                    })
                    .collect();
                assert_eq!(got, want, "capacity {capacity}, max {max}");
            }
        }
    }

    fn items(paths: &[&str], lossy: bool) -> Vec<Item> {
        Inputs::new(paths.iter().map(|s| s.to_string()), lossy)
            .into_iter()
            .collect()
    }

    #[test]
    fn bad_json_line_does_not_stop_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.jsonl");
        let mut f = File::create(&p).unwrap();
        writeln!(f, r#"{{"id":"a","text":"نص أول"}}"#).unwrap();
        writeln!(f, "{{not json").unwrap();
        writeln!(f, r#"{{"id":3,"text":"نص ثالث","source":"وكالة"}}"#).unwrap();
        drop(f);
        let got = items(&[p.to_str().unwrap()], false);
        assert_eq!(got.len(), 3);
        assert!(matches!(&got[0], Item::Doc(d) if d.id == "a"));
        assert!(matches!(
            &got[1],
            Item::Error(InputError::Json { line: 2, .. })
        ));
        assert!(
            matches!(&got[2], Item::Doc(d) if d.id == "3" && d.source.as_deref() == Some("وكالة"))
        );
    }

    #[test]
    fn invalid_utf8_names_the_offset() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bad.txt");
        std::fs::write(&p, b"abc\xffdef").unwrap();
        let got = items(&[p.to_str().unwrap()], false);
        assert!(matches!(
            &got[0],
            Item::Error(InputError::Utf8 { offset: 3, .. })
        ));
        let got = items(&[p.to_str().unwrap()], true);
        assert!(matches!(&got[0], Item::Warning(_)));
        assert!(matches!(&got[1], Item::Doc(d) if d.text == "abc\u{FFFD}def"));
    }

    #[test]
    fn directories_walk_sorted_and_skip_binary() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("b.txt"), "ب").unwrap();
        std::fs::write(dir.path().join("sub/a.md"), "\u{FEFF}أ").unwrap();
        std::fs::write(dir.path().join("c.txt"), b"x\0y").unwrap();
        std::fs::write(dir.path().join("d.png"), b"x").unwrap();
        let got = items(&[dir.path().to_str().unwrap()], false);
        let docs: Vec<&str> = got
            .iter()
            .filter_map(|i| match i {
                Item::Doc(d) => Some(d.text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(docs, ["ب", "أ"]);
        assert!(got
            .iter()
            .any(|i| matches!(i, Item::Warning(w) if w.contains("binary"))));
    }
}

/// What a file that is not text looks like, from its first bytes, and what
/// to do with it.
fn binary_format(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    if bytes.starts_with(b"%PDF-") {
        return Some((
            "a PDF file",
            "convert it to text first (for example `pdftotext FILE out.txt`) and check the text",
        ));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        let head = &bytes[..bytes.len().min(4096)];
        let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
        let what = if has(b"word/") {
            "a Word document (.docx)"
        } else if has(b"opendocument") || has(b"content.xml") {
            "an OpenDocument file (.odt)"
        } else {
            "a zip archive"
        };
        return Some((what, "save it as plain text (.txt, UTF-8) and check that"));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Some((
            "an old Word document (.doc)",
            "save it as plain text (.txt, UTF-8) and check that",
        ));
    }
    if bytes.starts_with(b"{\\rtf") {
        return Some((
            "an RTF document",
            "save it as plain text (.txt, UTF-8) and check that",
        ));
    }
    None
}

#[cfg(test)]
mod binary_tests {
    use super::binary_format;

    #[test]
    fn office_and_pdf_files_are_named() {
        assert_eq!(binary_format(b"%PDF-1.7 ...").unwrap().0, "a PDF file");
        let mut docx = b"PK\x03\x04....[Content_Types].xml....word/document.xml".to_vec();
        docx.extend_from_slice(&[0xFF, 0xFE]);
        assert_eq!(binary_format(&docx).unwrap().0, "a Word document (.docx)");
        assert_eq!(
            binary_format(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1]).unwrap().0,
            "an old Word document (.doc)"
        );
        assert!(binary_format("وقال الوزير إن".as_bytes()).is_none());
    }
}
