//! One draft checked for the server: extraction, the references (in
//! memory, or from an archive opened once per worker thread), the
//! decisions laid over the findings.

use isnad::archive::{ArchiveSource, Store, ARCHIVE_DRAFTS};
use isnad::check::{DraftChecker, Finding, ReferenceSource};
use isnad::input::Document;
use isnad::pack::CompareLexicon;
use isnad::{Engine, Extraction, Identities, Options, References};
use std::cell::RefCell;
use std::sync::Arc;

/// Where the server's references come from.
pub(crate) enum Refs {
    /// Read and extracted at start.
    Memory(References),
    /// An archive (a file or a `postgres://` URL), opened by each worker
    /// thread on its first check.
    Archive(String),
}

/// What checks a draft.
pub(crate) struct Checking {
    pub engine: Engine,
    pub ids: Identities,
    pub lex: Arc<CompareLexicon>,
    pub opts: Options,
    pub refs: Refs,
    /// The references as a report names them.
    pub inputs: Vec<String>,
    pub reference_docs: usize,
}

/// A checked draft.
pub(crate) struct Checked {
    pub doc: Document,
    pub findings: Vec<Finding>,
}

thread_local! {
    /// Each worker thread's open archive.
    static ARCHIVE: RefCell<Option<(String, Box<dyn Store>)>> = const { RefCell::new(None) };
}

impl Checking {
    /// Extract and check one draft. Blocking: call it off the async
    /// threads.
    pub fn check(&self, doc: Document) -> anyhow::Result<Checked> {
        let found = self
            .engine
            .extract_document(&doc)
            .map_err(|d| anyhow::anyhow!("{d}; please report it"))?;
        let drafts = vec![(doc, found)];
        let findings = match &self.refs {
            Refs::Memory(refs) => self.run(refs, &drafts)?,
            Refs::Archive(spec) => ARCHIVE.with(|cell| -> anyhow::Result<Vec<Finding>> {
                let mut cell = cell.borrow_mut();
                if cell.as_ref().is_none_or(|(s, _)| s != spec) {
                    *cell = Some((spec.clone(), isnad::archive::open(spec, false)?));
                }
                let (_, store) = cell.as_ref().expect("opened above");
                let source = ArchiveSource {
                    store: store.as_ref(),
                    lex: self.lex.clone(),
                    batch: ARCHIVE_DRAFTS,
                };
                let r = self.run(&source, &drafts);
                if r.is_err() {
                    // A connection that failed is opened afresh next time.
                    *cell = None;
                }
                r
            })?,
        };
        let (doc, _) = drafts.into_iter().next().expect("one draft");
        Ok(Checked { doc, findings })
    }

    fn run(
        &self,
        source: &dyn ReferenceSource,
        drafts: &[(Document, Extraction)],
    ) -> anyhow::Result<Vec<Finding>> {
        let checker = DraftChecker {
            source,
            ids: &self.ids,
            opts: self.opts,
        };
        let mut out = None;
        checker.run(drafts, |_, found| -> anyhow::Result<bool> {
            out = Some(found.map_err(|d| anyhow::anyhow!("{d}; please report it"))?);
            Ok(true)
        })?;
        Ok(out.unwrap_or_default())
    }
}

/// The fixture reference articles that ship with isnad, for a server
/// started with no references: invented events told by invented outlets
/// (docs/fixtures.md).
static FIXTURES: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/corpora");

/// The embedded fixture references as documents, in path order (the
/// drafts of `corpora/drafts/` are not references).
pub(crate) fn fixture_references() -> Vec<Document> {
    let mut files = Vec::new();
    collect(&FIXTURES, &mut files);
    files.sort_by(|a, b| a.path().cmp(b.path()));
    files
        .into_iter()
        .filter(|f| {
            !f.path().starts_with("drafts") && f.path().extension().is_some_and(|x| x == "txt")
        })
        .filter_map(|f| {
            let text = f.contents_utf8()?.to_string();
            Some(Document {
                path: format!("corpora/{}", f.path().display()),
                id: f.path().file_stem()?.to_string_lossy().into_owned(),
                text,
                ..Document::default()
            })
        })
        .collect()
}

fn collect<'a>(dir: &'a include_dir::Dir<'a>, out: &mut Vec<&'a include_dir::File<'a>>) {
    out.extend(dir.files());
    for d in dir.dirs() {
        collect(d, out);
    }
}
