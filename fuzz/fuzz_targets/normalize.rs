//! The normaliser and its offset map: idempotent, monotone, on boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = isnad_fuzz::text(data);
    if let Err(e) = isnad::invariants::normalized(&text) {
        panic!("{e}\ntext: {text:?}");
    }
});
