//! isnad finds and checks attributions (who is reported as saying what) in
//! Arabic news copy.

pub mod archive;
pub mod check;
pub mod eval;
pub mod extract;
pub mod input;
pub mod invariants;
pub mod output;
pub mod pack;
pub mod text;

pub use extract::attribution::{self, Attribution};
pub use extract::{Engine, Extraction};

/// The version of the JSON output contract.
pub const SCHEMA: &str = "isnad/1";
