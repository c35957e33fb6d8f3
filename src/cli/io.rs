//! What a command reads and writes: documents and references with their
//! problems said on standard error, an archive opened for checking, and
//! the output (standard output or a file written whole), where a closed
//! pipe is not an error.

use crate::cli::args::{ColorWhen, CommonArgs, ReadArgs};
use anyhow::Context;
use isnad::archive::{self, display_name, Store};
use isnad::check::References;
use isnad::extract::Engine;
use isnad::input::{Document, Item};
use isnad::output::{limit_warnings, Format};
use isnad::pack::CompareLexicon;
use std::io::Write;
use std::sync::Arc;

/// Say on standard error what an extraction left out at a limit.
pub(crate) fn warn_limits(doc: &isnad::input::Document, found: &isnad::Extraction) {
    for w in limit_warnings(doc, found) {
        eprintln!("warning: {w}");
    }
}

/// Standard output for a format: colours handled (and stripped when
/// `--color`/`NO_COLOR` say so) for the terminal format, a large buffer for
/// the others.
pub(crate) fn stdout(format: Format, color: ColorWhen) -> Box<dyn Write> {
    if format == Format::Terminal {
        Box::new(anstream::AutoStream::new(
            std::io::stdout().lock(),
            color_choice(color),
        ))
    } else {
        Box::new(std::io::BufWriter::with_capacity(
            1 << 16,
            std::io::stdout().lock(),
        ))
    }
}

/// Where a run's output goes: standard output, or the file of `-o`, written
/// beside its final name and moved there only when complete (an
/// interrupted run leaves no half report, and an old report stays whole).
pub(crate) enum Sink {
    Stdout(Box<dyn Write>),
    File {
        w: std::io::BufWriter<tempfile::NamedTempFile>,
        path: std::path::PathBuf,
        /// Terminal styling is kept only with `--color always`.
        strip: bool,
    },
}

impl Sink {
    /// Standard output, or `path`, which must not be one of the `inputs`.
    pub(crate) fn open(
        path: Option<&std::path::Path>,
        terminal: bool,
        color: ColorWhen,
        inputs: &[String],
    ) -> anyhow::Result<Sink> {
        let Some(path) = path else {
            return Ok(Sink::Stdout(stdout(
                if terminal {
                    Format::Terminal
                } else {
                    Format::Json
                },
                color,
            )));
        };
        if path.as_os_str() == "-" {
            return Sink::open(None, terminal, color, inputs);
        }
        if let Ok(out) = path.canonicalize() {
            for i in inputs {
                if std::path::Path::new(i)
                    .canonicalize()
                    .is_ok_and(|p| p == out)
                {
                    anyhow::bail!(
                        "{}: the output file is also an input; choose another name for -o",
                        path.display()
                    );
                }
            }
            if out.is_dir() {
                anyhow::bail!("{}: is a directory; -o takes a file name", path.display());
            }
        }
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => std::path::Path::new("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".isnad-").suffix(".part");
        // A report is for colleagues too: the permissions of any new file
        // (0666 less the umask), not a temporary file's owner-only 0600.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let tmp = builder
            .tempfile_in(dir)
            .with_context(|| format!("{}: cannot create the output file", path.display()))?;
        Ok(Sink::File {
            w: std::io::BufWriter::with_capacity(1 << 16, tmp),
            path: path.to_path_buf(),
            strip: color != ColorWhen::Always,
        })
    }

    /// The output of a checking command: `-o FILE` or standard output,
    /// terminal styling for the terminal format only.
    pub(crate) fn for_review(c: &CommonArgs, inputs: &[String]) -> anyhow::Result<Sink> {
        Sink::open(
            c.output.as_deref(),
            c.format.stream() == Some(Format::Terminal),
            c.color,
            inputs,
        )
    }

    /// Flush, and move a file into place.
    pub(crate) fn close(self) -> anyhow::Result<()> {
        match self {
            Sink::Stdout(_) => Ok(()),
            Sink::File { w, path, .. } => {
                let tmp = w
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .with_context(|| format!("{}: cannot write the output file", path.display()))?;
                tmp.persist(&path)
                    .map_err(|e| e.error)
                    .with_context(|| format!("{}: cannot write the output file", path.display()))?;
                Ok(())
            }
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Stdout(w) => w.write(buf),
            Sink::File { w, strip, .. } => {
                if *strip {
                    w.write_all(&anstream::adapter::strip_bytes(buf).into_vec())?;
                } else {
                    w.write_all(buf)?;
                }
                Ok(buf.len())
            }
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match self {
            Sink::Stdout(w) => w.write_all(buf),
            Sink::File { .. } => self.write(buf).map(|_| ()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(w) => w.flush(),
            Sink::File { w, .. } => w.flush(),
        }
    }
}

/// Write, treating a closed pipe as the reader having seen enough:
/// `false` when the reader is gone.
pub(crate) fn emit(out: &mut dyn Write, buf: &[u8]) -> anyhow::Result<bool> {
    match out.write_all(buf) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(e).context("cannot write the output"),
    }
}

/// Write the last bytes of a run and flush, a closed pipe being no error.
pub(crate) fn finish(out: &mut dyn Write, buf: &[u8]) -> anyhow::Result<()> {
    if emit(out, buf)? {
        if let Err(e) = out.flush() {
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                return Err(e).context("cannot write the output");
            }
        }
    }
    Ok(())
}

fn color_choice(c: ColorWhen) -> anstream::ColorChoice {
    match c {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    }
}

/// Read every document of `paths`, reporting input problems on standard
/// error as they come; returns the documents and the number of errors.
pub(crate) fn read(paths: &[String], r: &ReadArgs) -> (Vec<Document>, usize) {
    let mut docs = Vec::new();
    let mut errors = 0;
    for item in r.inputs(paths) {
        match item {
            Item::Doc(d) => docs.push(*d),
            Item::Error(e) => {
                errors += 1;
                eprintln!("error: {e}");
            }
            Item::Warning(w) => eprintln!("warning: {w}"),
            Item::Line(_) => unreachable!("lines are parsed unless deferred"),
        }
    }
    (docs, errors)
}

pub(crate) fn references(
    engine: &Engine,
    paths: &[String],
    c: &CommonArgs,
    lex: Arc<CompareLexicon>,
) -> (References, usize) {
    let mut refs = References::with_lexicon(lex);
    let errors = add_references(&mut refs, engine, paths, c.read());
    (refs, errors)
}

/// Read, extract and add the documents of `paths` to `refs`; returns the
/// number of errors, each reported with its document.
pub(crate) fn add_references(
    refs: &mut References,
    engine: &Engine,
    paths: &[String],
    r: &ReadArgs,
) -> usize {
    let (docs, mut errors) = read(paths, r);
    let found = isnad::extract::extract_all(engine, &docs, r.threads());
    for (d, f) in docs.into_iter().zip(found) {
        match f {
            Ok(f) => {
                warn_limits(&d, &f);
                refs.add(d, f)
            }
            Err(defect) => {
                errors += 1;
                eprintln!(
                    "error: {defect}; the document was left out of the references, please report it"
                );
            }
        }
    }
    errors
}

/// Open an archive for reading, warning when it was extracted otherwise
/// than this run extracts drafts.
pub(crate) fn open_for_check(spec: &str, read: &ReadArgs) -> anyhow::Result<Box<dyn Store>> {
    let a = archive::open(spec, false)?;
    let mine = archive::extractor(read.rules.as_deref())?;
    if let Some(theirs) = a.extractor()? {
        if theirs != mine {
            eprintln!(
                "warning: {}: extracted by {theirs}, the drafts by {mine}; rebuild the archive to compare like with like",
                display_name(spec)
            );
        }
    }
    Ok(a)
}
