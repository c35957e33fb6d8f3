//! The `isnad` binary: parse arguments, run, map the outcome to an exit
//! code. The commands live in `cli/`, one file each; everything they do
//! is in the library.

mod cli;
mod server;

use std::process::ExitCode;

/// Extraction allocates many small, short-lived buffers per document;
/// mimalloc serves them faster than the system allocator (see README,
/// "Measured").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match cli::run() {
        Ok(exit) => ExitCode::from(exit as u8),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(cli::Exit::Error as u8)
        }
    }
}
