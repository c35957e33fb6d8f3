//! isnad finds and checks attributions (who is reported as saying what) in
//! Arabic news copy.
//!
//! The tree follows the data one way, one module per stage, each using
//! only the stages before it (`tests/layers.rs` holds it to that):
//!
//! | stage | what it does |
//! |---|---|
//! | [`input`] | documents in: files, standard input, JSON Lines corpora |
//! | [`text`] | normalisation with a map back to the original bytes, tokens and quotations, clitics, name similarity |
//! | [`pack`] | isnad's knowledge of Arabic as TOML data: cues, word lists, rules, the comparison lists, aliases |
//! | [`extract`] | the engine: rule kinds propose attributions, sources are resolved, records assembled |
//! | [`check`] | candidates from an index, identities, comparisons, verdicts, crosscheck groups |
//! | [`archive`] | a quote archive (SQLite or PostgreSQL) that serves a check its references |
//! | [`review`] | the desk's decisions on findings, kept in SQLite or PostgreSQL by fingerprint |
//! | [`output`] | the formats: terminal, line, JSON, and the HTML and Markdown review reports |
//!
//! [`eval`] scores extraction against a gold set and [`invariants`] states
//! the promises every test and fuzz target checks. The command line is
//! the binary's (`src/cli/`): it parses arguments and calls these stages;
//! so is the web server of `isnad serve` (`src/server/`).
//!
//! Where a change goes:
//!
//! * a new **rule kind** (a construction no kind covers): a file in
//!   `src/extract/rules/`, its name in [`pack::RULE_KINDS`], its call in
//!   the engine, its rules in `packs/rules.toml`;
//! * a new **difference kind**: a variant of [`check::compare::Kind`] and
//!   its classifier on the hunk in `src/check/compare/`, its words in
//!   `packs/compare.toml`;
//! * a new **output format**: a file in `src/output/` with a
//!   [`output::Reporter`] and a variant of [`output::Format`];
//! * a new **archive backend**: a file in `src/archive/` implementing
//!   [`archive::Store`].
//!
//! ```
//! let engine = isnad::Engine::default();
//! let found = engine.extract("وقالت وزيرة النقل هالة منصور يوم الخميس إن القطار الجديد سيعمل في الربيع.");
//! let a = &found.attributions[0];
//! assert_eq!(a.source.canonical, "هالة منصور");
//! assert_eq!(a.content.text, "القطار الجديد سيعمل في الربيع");
//! ```

pub mod archive;
pub mod check;
pub mod eval;
pub mod extract;
pub mod input;
pub mod invariants;
pub mod output;
pub mod pack;
pub mod review;
pub mod text;

pub use check::{Checker, DraftChecker, Finding, Identities, Options, References, Verdict};
pub use extract::attribution::{self, Attribution};
pub use extract::{Defect, Engine, Extraction};
pub use input::Document;
pub use pack::Pack;

/// The version of the JSON output contract.
pub const SCHEMA: &str = "isnad/1";
