//! The alias pack: names that no spelling rule joins (a capital for its
//! state, an office for its holder's country, short forms). The embedded
//! `packs/aliases.toml`, and a newsroom's own with `--aliases FILE`, in the
//! same format; [`crate::check::Identities`] uses them.

use super::PackError;
use serde::Deserialize;
use std::path::Path;

/// The embedded alias pack.
pub const DEFAULT_ALIASES: (&str, &str) = (
    "packs/aliases.toml",
    include_str!("../../packs/aliases.toml"),
);

/// An alias pack as read from TOML.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Aliases {
    #[serde(default, rename = "entity")]
    pub entities: Vec<AliasEntry>,
}

/// One entity: the name it is reported under, and its other names.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AliasEntry {
    pub canonical: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

impl Aliases {
    /// Parse an alias pack; `path` names it in errors.
    pub fn parse(path: &str, text: &str) -> Result<Aliases, PackError> {
        toml::from_str(text).map_err(|e| PackError::Parse {
            path: path.to_string(),
            message: e.to_string(),
        })
    }

    /// Read an alias pack from a file.
    pub fn load(path: &Path) -> Result<Aliases, PackError> {
        Aliases::parse(&path.display().to_string(), &super::read_file(path)?)
    }

    /// The embedded alias pack.
    pub fn builtin() -> Aliases {
        let (path, text) = DEFAULT_ALIASES;
        // The embedded file is checked by the test suite; a failure here is
        // a build defect, not user input.
        Aliases::parse(path, text).expect("the embedded alias pack parses")
    }
}
