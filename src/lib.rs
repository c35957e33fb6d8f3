//! isnad finds and checks attributions (who is reported as saying what) in
//! Arabic news copy.
//!
//! The data flows one way: [`input`] reads documents, [`text`] tokenises
//! them, the rule kinds of [`rules`] propose attributions, [`resolve`]
//! decides who speaks, [`extract`] assembles the records of
//! [`attribution`], and [`output`] prints them. [`normalize`] folds Arabic
//! spelling for matching and keeps a map back to the original bytes.

pub mod archive;
pub mod attribution;
pub mod check;
pub mod cli;
mod cli_archive;
mod cli_check;
pub mod compare;
pub mod crosscheck;
pub mod eval;
pub mod extract;
pub mod identity;
pub mod input;
pub mod invariants;
pub mod lexicon;
pub mod normalize;
pub mod output;
pub mod pack;
pub mod resolve;
pub(crate) mod rules;
pub mod text;

pub use attribution::Attribution;
pub use extract::{Engine, Extraction};

/// The version of the JSON output contract.
pub const SCHEMA: &str = "isnad/1";
