//! Text: the lowest stage. Normalisation for matching (with a map back to
//! the original bytes), the tokeniser and its quotations, the Arabic
//! clitic and article helpers every later stage shares, and line and
//! column numbers for people.

pub mod arabic;
mod lines;
pub mod names;
pub mod normalize;
mod tokens;

pub use lines::LineIndex;
pub(crate) use tokens::is_word_char;
pub use tokens::MAX_QUOTE_DEPTH;
pub(crate) use tokens::{Text, Tok};
