//! The HTML and Markdown reports of `check` on an arbitrary draft and
//! reference: the HTML holds only the templates' markup and one script;
//! the Markdown has no raw HTML and no link.
#![no_main]
use isnad::output::report::{self, DraftReport, Lang, Meta};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (draft, reference) = isnad_fuzz::draft_and_reference(data);
    let (doc, findings) = isnad_fuzz::check(&draft, &reference);
    let reports = [DraftReport {
        name: &doc.path,
        text: &doc.text,
        findings: &findings,
    }];
    let meta = || Meta::new(vec![isnad_fuzz::REFERENCE.into()], 1, findings.len());
    let lang = if data.len() % 2 == 0 {
        Lang::Ar
    } else {
        Lang::En
    };
    let html = report::check(true, lang, meta(), &reports);
    if let Err(e) = isnad::invariants::html(&html) {
        panic!("{e}\ndraft: {draft:?}\nreference: {reference:?}");
    }
    isnad_fuzz::markdown_is_inert(&report::check(false, lang, meta(), &reports));
});
