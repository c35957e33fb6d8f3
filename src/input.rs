//! Reading documents: text files, Word drafts (.docx) and OpenDocument
//! texts (.odt), standard input, directories and JSON Lines corpora (plain
//! or gzip).
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

mod office;
pub use office::{is_office_name, UNPACK_FACTOR};

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
    #[error("{path}: {part} comes to more than {max} bytes unpacked; not read (if it is a genuine draft, raise the limit with --max-doc-bytes)")]
    UnpackedTooLarge {
        path: String,
        part: String,
        max: u64,
    },
    #[error("{path}: {what}; the file looks damaged: save it again from Word (or LibreOffice), or paste its text instead")]
    Damaged { path: String, what: String },
    #[error("{path}:{line}: a line of {size} bytes, above the document size limit of {max} bytes; not read (raise it with --max-doc-bytes)")]
    LineTooLarge {
        path: String,
        line: usize,
        size: usize,
        max: usize,
    },
}

/// The document in `bytes`, named `name`: a Word draft (.docx) or an
/// OpenDocument text (.odt), known by its content (a ZIP archive with
/// `word/document.xml`, or `content.xml` and an OpenDocument text
/// mimetype), or else UTF-8 text (a leading BOM dropped). `name` is used
/// for messages, [`Document::path`] and [`Document::id`] only: it is never
/// opened.
///
/// Text that is not UTF-8 is an error, or with `lossy` has its bad bytes
/// replaced (without the warning that [`Inputs`] gives). A PDF, an old
/// .doc, RTF or another kind of archive is a [`InputError::NotText`] that
/// says what to do. `bytes` longer than `max_doc_bytes`, text longer than
/// it, or an XML part unpacking to more than [`UNPACK_FACTOR`] times it is
/// refused; a damaged archive or XML part is an [`InputError::Damaged`].
pub fn document_from_bytes(
    name: &str,
    bytes: &[u8],
    lossy: bool,
    max_doc_bytes: usize,
) -> Result<Document, InputError> {
    if bytes.len() > max_doc_bytes {
        return Err(InputError::TooLarge {
            path: name.to_string(),
            size: bytes.len() as u64,
            max: max_doc_bytes,
        });
    }
    read_document(name, bytes.to_vec(), lossy, max_doc_bytes, &mut |_| {})
}

/// [`document_from_bytes`] on bytes already within the size limit, saying
/// what `lossy` repaired through `warn`.
fn read_document(
    path: &str,
    bytes: Vec<u8>,
    lossy: bool,
    max_doc_bytes: usize,
    warn: &mut dyn FnMut(String),
) -> Result<Document, InputError> {
    let text = if office::looks_zip(&bytes) {
        office::text(path, &bytes, max_doc_bytes)?
    } else if let Some((what, todo)) = binary_format(&bytes) {
        // A PDF or an old office file given as text is not read as bad
        // UTF-8: the error says what it looks like and what to do.
        return Err(InputError::NotText {
            path: path.to_string(),
            what,
            todo,
        });
    } else if is_office_name(path) {
        return Err(InputError::Damaged {
            path: path.to_string(),
            what: "not a zip archive, as a .docx or .odt file is".to_string(),
        });
    } else {
        decode(path, bytes, lossy, warn)?
    };
    let id = if path == "-" {
        "-".to_string()
    } else {
        file_id(path)
    };
    Ok(Document {
        path: path.to_string(),
        id,
        text,
        ..Default::default()
    })
}

/// UTF-8 text without its BOM; bad bytes are an error, or replaced with a
/// warning when `lossy`.
fn decode(
    path: &str,
    bytes: Vec<u8>,
    lossy: bool,
    warn: &mut dyn FnMut(String),
) -> Result<String, InputError> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok(strip_bom(s)),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            if lossy {
                warn(format!(
                    "{path}: invalid UTF-8 at byte offset {offset}; bad bytes replaced (--lossy)"
                ));
                Ok(strip_bom(
                    String::from_utf8_lossy(e.as_bytes()).into_owned(),
                ))
            } else {
                Err(InputError::Utf8 {
                    path: path.to_string(),
                    offset,
                })
            }
        }
    }
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

    fn text_doc(&self, path: &str, bytes: Vec<u8>, out: &mut VecDeque<Item>) {
        let mut warnings = Vec::new();
        let read = read_document(path, bytes, self.lossy, self.max_doc_bytes, &mut |w| {
            warnings.push(w)
        });
        out.extend(warnings.into_iter().map(Item::Warning));
        out.push_back(match read {
            Ok(d) => Item::Doc(Box::new(d)),
            Err(e) => Item::Error(e),
        });
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
                        if name.ends_with(".txt")
                            || name.ends_with(".md")
                            || is_jsonl(&name)
                            || is_office_name(&name)
                        {
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
                // Word and OpenDocument files found in a directory are read
                // (they hold NUL bytes); other binary files are skipped.
                if walked && !is_office_name(&path) && bytes.iter().take(8192).any(|&b| b == 0) {
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
            "convert it to text first (for example `pdftotext FILE out.txt`), or save the draft as .docx, and check that",
        ));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Some((
            "an old Word document (.doc) or a password-protected one",
            "save it as .docx (without a password) or as plain text (.txt, UTF-8) and check that",
        ));
    }
    if bytes.starts_with(b"{\\rtf") {
        return Some((
            "an RTF document",
            "save it as .docx or as plain text (.txt, UTF-8) and check that",
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
        assert_eq!(
            binary_format(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1]).unwrap().0,
            "an old Word document (.doc) or a password-protected one"
        );
        assert!(binary_format("وقال الوزير إن".as_bytes()).is_none());
    }
}

#[cfg(test)]
mod office_tests {
    use super::*;
    use std::io::{Cursor, Write};
    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, ZipWriter};

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// A ZIP archive of these (name, content) entries, deflated.
    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut z = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, content) in entries {
            let method = if *name == "mimetype" {
                CompressionMethod::Stored
            } else {
                CompressionMethod::Deflated
            };
            z.start_file(
                *name,
                SimpleFileOptions::default().compression_method(method),
            )
            .unwrap();
            z.write_all(content).unwrap();
        }
        z.finish().unwrap().into_inner()
    }

    /// A minimal .docx whose body is `body` (WordprocessingML).
    fn docx(body: &str) -> Vec<u8> {
        let types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
        let doc = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>"#
        );
        zip_of(&[
            ("[Content_Types].xml", types.as_bytes()),
            ("word/document.xml", doc.as_bytes()),
        ])
    }

    fn read(name: &str, bytes: &[u8]) -> Result<Document, InputError> {
        document_from_bytes(name, bytes, false, MAX_DOC_BYTES)
    }

    #[test]
    fn a_word_draft_gives_the_text_a_reader_sees() {
        let body = concat!(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>"#,
            r#"<w:r><w:t>وقال الوزير</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve"> إن الجسر </w:t></w:r>"#,
            r#"<w:del w:id="1" w:author="م"><w:r><w:delText>لن </w:delText></w:r></w:del>"#,
            r#"<w:ins w:id="2" w:author="م"><w:r><w:t>سيفتح</w:t></w:r></w:ins>"#,
            r#"<w:r><w:t> &amp; &#1602;</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"#,
            r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>٣</w:t></w:r>"#,
            r#"<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:br/><w:t>سطر</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="م"/></w:rPr></w:pPr><w:r><w:t>أول</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:t>مربع</w:t></mc:Choice>"#,
            r#"<mc:Fallback><w:t>مكرر</w:t></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t> ثان</w:t></w:r></w:p>"#,
            r#"<w:p/>"#,
        );
        let d = read("drafts/جسر.docx", &docx(body)).unwrap();
        assert_eq!(
            d.text,
            "وقال الوزير\t إن الجسر سيفتح & ق\n٣\nسطر\nأولمربع ثان\n\n"
        );
        assert_eq!(d.path, "drafts/جسر.docx");
        assert_eq!(d.id, "جسر");
    }

    #[test]
    fn an_opendocument_text_gives_its_paragraphs() {
        let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>
<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>محذوف</text:p></text:deletion></text:changed-region></text:tracked-changes>
<text:h text:outline-level="1">عنوان</text:h>
<text:p>قال   المتحدث<text:s text:c="2"/>إن<text:tab/>الطريق<text:line-break/>مفتوح<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>حاشية</text:p></text:note-body></text:note></text:p>
<text:p><office:annotation><text:p>تعليق</text:p></office:annotation><text:span>نص</text:span></text:p>
</office:text></office:body></office:document-content>"#;
        let odt = zip_of(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", content.as_bytes()),
        ]);
        let d = read("a.odt", &odt).unwrap();
        assert_eq!(d.text, "عنوان\nقال المتحدث  إن\tالطريق\nمفتوح\nنص\n");
        assert_eq!(d.id, "a");
        // The content decides, whatever the name says.
        assert_eq!(read("upload", &odt).unwrap().text, d.text);
        let sheet = zip_of(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            ),
            ("content.xml", content.as_bytes()),
        ]);
        let e = read("t.ods", &sheet).unwrap_err().to_string();
        assert!(e.contains("not a text document"), "{e}");
    }

    #[test]
    fn damaged_files_say_what_to_do_and_never_panic() {
        let good = docx("<w:p><w:r><w:t>نص</w:t></w:r></w:p>");
        let e = read("d.docx", &good[..good.len() / 2]).unwrap_err();
        assert!(matches!(e, InputError::Damaged { .. }), "{e}");
        let msg = e.to_string();
        assert!(msg.starts_with("d.docx: "), "{msg}");
        assert!(msg.contains("save it again from Word"), "{msg}");
        let e = read("d.docx", &docx("<w:p><w:r><w:t>نص</w:r></w:p>")).unwrap_err();
        assert!(e.to_string().contains("not well-formed XML"), "{e}");
        let e = read("d.docx", "نص عادي".as_bytes()).unwrap_err();
        assert!(matches!(e, InputError::Damaged { .. }), "{e}");
        let e = read("x.zip", &zip_of(&[("a.txt", b"x")])).unwrap_err();
        assert!(e.to_string().contains("zip archive without"), "{e}");
        // Every cut and a flipped byte of a valid draft: an answer, never
        // a panic.
        for cut in (0..good.len()).step_by(7) {
            let _ = read("d.docx", &good[..cut]);
            let mut bad = good.clone();
            bad[cut] ^= 0x5A;
            let _ = read("d.docx", &bad);
        }
    }

    #[test]
    fn unpacking_is_bounded() {
        // 600 kB of markup that deflates to a few kB.
        let filler = "<w:p/>".repeat(100_000);
        let bomb = docx(&filler);
        assert!(bomb.len() < 20_000, "{}", bomb.len());
        let e = document_from_bytes("b.docx", &bomb, false, 20_000).unwrap_err();
        assert!(
            matches!(&e, InputError::UnpackedTooLarge { part, max, .. }
                if part == "word/document.xml" && *max == 20_000 * UNPACK_FACTOR as u64),
            "{e}"
        );
        assert!(e.to_string().contains("--max-doc-bytes"), "{e}");
        // Within the limit it reads; text over the document limit does not.
        assert_eq!(
            document_from_bytes("b.docx", &bomb, false, 200_000)
                .unwrap()
                .text
                .len(),
            100_000
        );
        let long = docx(&format!(
            "<w:p><w:r><w:t>{}</w:t></w:r></w:p>",
            "ا".repeat(20_000)
        ));
        let e = document_from_bytes("l.docx", &long, false, 30_000).unwrap_err();
        assert!(
            matches!(&e, InputError::UnpackedTooLarge { part, .. } if part == "its text"),
            "{e}"
        );
        let e = document_from_bytes("l.docx", &long, false, 100).unwrap_err();
        assert!(matches!(e, InputError::TooLarge { .. }), "{e}");
    }

    #[test]
    fn text_and_pdf_as_bytes() {
        let d = read("مسودة.txt", "\u{FEFF}قال".as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.id.as_str()), ("قال", "مسودة"));
        let e = read("x.txt", b"ab\xffc").unwrap_err();
        assert!(matches!(e, InputError::Utf8 { offset: 2, .. }));
        let d = document_from_bytes("x.txt", b"ab\xffc", true, 100).unwrap();
        assert_eq!(d.text, "ab\u{FFFD}c");
        let e = read("report.pdf", b"%PDF-1.7\n%\xe2\xe3").unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.starts_with("report.pdf: this looks like a PDF file"),
            "{msg}"
        );
        assert!(
            msg.contains("convert it to text") && msg.contains(".docx"),
            "{msg}"
        );
    }

    #[test]
    fn the_cli_reader_takes_word_drafts_in_directories_and_on_standard_paths() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("a.docx"),
            docx("<w:p><w:r><w:t>أ</w:t></w:r></w:p>"),
        )
        .unwrap();
        std::fs::write(dir.path().join("b.txt"), "ب").unwrap();
        // A zip archive named as text is skipped as binary, as before.
        std::fs::write(dir.path().join("b2.txt"), zip_of(&[("a.bin", &[0u8; 64])])).unwrap();
        std::fs::write(
            dir.path().join("c.DOCX"),
            docx("<w:p><w:r><w:t>ج</w:t></w:r></w:p>"),
        )
        .unwrap();
        let got: Vec<Item> = Inputs::new([dir.path().display().to_string()], false)
            .into_iter()
            .collect();
        let texts: Vec<&str> = got
            .iter()
            .filter_map(|i| match i {
                Item::Doc(d) => Some(d.text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["أ\n", "ب", "ج\n"], "{got:?}");
        assert!(got
            .iter()
            .any(|i| matches!(i, Item::Warning(w) if w.contains("b2.txt: binary file skipped"))));
    }
}
