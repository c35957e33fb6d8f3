//! The rule pack and alias pack loaders on arbitrary TOML: an error or a
//! pack; a pack that loads gives an engine whose spans stay exact.
#![no_main]
use isnad::check::identity::Identities;
use isnad::pack::Pack;
use isnad::Engine;
use libfuzzer_sys::fuzz_target;

const SAMPLE: &str = "وقال وزير الري سامر الخطيب يوم الأحد إن منسوب النهر انخفض. \
وأضاف: «لن نقطع المياه عن أحد»، بحسب بيان للوزارة.\n\
ونفت المتحدثة باسم الشركة أن تكون الأسعار قد ارتفعت.";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(user) = Pack::parse("fuzz.toml", text) {
        let mut pack = Pack::default_pack();
        if pack.merge(user, "fuzz.toml").is_ok() {
            let engine = Engine::new(pack);
            let found = engine.extract(SAMPLE);
            if let Err(e) = isnad::invariants::extraction(SAMPLE, &found) {
                panic!("{e}\npack: {text:?}");
            }
        }
    }
    if let Ok(ids) = Identities::with_text("fuzz.toml", text) {
        // Resolving the sample's speakers against each other never fails.
        let found = isnad_fuzz::extract(SAMPLE);
        for a in &found.attributions {
            let _ = ids.display(&a.source);
            for b in &found.attributions {
                let _ = ids.same(&a.source, &b.source);
            }
        }
    }
});
