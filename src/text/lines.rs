//! Line and column numbers for people: 1-based, the column counted in
//! characters, for any byte offset of a text.

/// 1-based line and character column of byte offsets in a text.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// Line and column (in characters) of byte offset `pos`.
    pub fn line_col(&self, text: &str, pos: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= pos);
        let start = self.starts[line - 1];
        let col = text.get(start..pos).map_or(0, |s| s.chars().count()) + 1;
        (line, col)
    }
}
