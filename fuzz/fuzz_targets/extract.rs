//! Extraction on arbitrary bytes: every span exact, every link resolved.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    isnad_fuzz::extract(&isnad_fuzz::text(data));
});
