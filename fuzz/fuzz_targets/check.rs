//! `check` of an arbitrary draft against an arbitrary reference: every
//! span of every finding, difference and piece of evidence exact.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (draft, reference) = isnad_fuzz::draft_and_reference(data);
    isnad_fuzz::check(&draft, &reference);
});
