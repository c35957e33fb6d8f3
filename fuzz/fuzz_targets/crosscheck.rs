//! `crosscheck` of two outlets' articles (split at the first NUL byte):
//! every member's content and every side of a difference points at its own
//! text, and the HTML and Markdown reports of the groups hold only the
//! templates' markup.
#![no_main]
use isnad::check::References;
use isnad::check::crosscheck::{crosscheck, CrossOptions};
use isnad::input::Document;
use isnad::output::report::{self, Lang, Meta};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (a, b) = isnad_fuzz::draft_and_reference(data);
    let mut refs = References::new();
    for (name, outlet, text) in [("a.txt", "وكالة أ", &a), ("b.txt", "<b>x</b>", &b)] {
        let doc = Document {
            path: name.into(),
            id: name.into(),
            text: text.clone(),
            source: Some(outlet.into()),
            date: Some("2026-11-29".into()),
            ..Default::default()
        };
        let found = isnad_fuzz::extract(text);
        refs.add(doc, found);
    }
    let text_of = |doc: &str| if doc == "a.txt" { &a } else { &b };
    let groups = crosscheck(
        &refs,
        isnad_fuzz::identities(),
        &CrossOptions::default(),
        true,
    );
    for g in &groups {
        for m in &g.members {
            let t = text_of(&m.document);
            assert_eq!(
                t.get(m.content.span[0]..m.content.span[1]),
                Some(m.content.text.as_str()),
                "group {} member {}",
                g.id,
                m.attribution
            );
        }
        for d in &g.differences {
            for side in [&d.a, &d.b] {
                let t = text_of(&side.document);
                assert_eq!(t.get(side.span[0]..side.span[1]), Some(side.text.as_str()));
            }
        }
    }
    let meta = || Meta::new(vec!["a.txt".into(), "b.txt".into()], 2, 0);
    let html = report::crosscheck(true, Lang::Ar, meta(), &groups);
    if let Err(e) = isnad::invariants::html(&html) {
        panic!("{e}\na: {a:?}\nb: {b:?}");
    }
    isnad_fuzz::markdown_is_inert(&report::crosscheck(false, Lang::En, meta(), &groups));
});
