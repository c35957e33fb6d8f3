//! The `isnad` binary: parse arguments, run, map the outcome to an exit
//! code. Everything else is in the library.

use std::process::ExitCode;

/// Extraction allocates many small, short-lived buffers per document;
/// mimalloc serves them faster than the system allocator (see README,
/// "Measured").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match isnad::cli::run() {
        Ok(exit) => ExitCode::from(exit as u8),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(isnad::cli::Exit::Error as u8)
        }
    }
}
