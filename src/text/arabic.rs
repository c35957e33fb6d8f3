//! Clitics and the article on normalised words: what every stage strips
//! before it compares two words. All functions take and return words in
//! the spelling of [`crate::text::normalize`].

/// The word without a leading و or ف (and, so), when what remains is a
/// word of its own (two letters or more): ووفدنا → وفدنا, but و stays و.
///
/// ```
/// use isnad::text::arabic::without_conjunction;
/// assert_eq!(without_conjunction("والوزير"), "الوزير");
/// assert_eq!(without_conjunction("فقط"), "قط");
/// assert_eq!(without_conjunction("وم"), "وم");
/// ```
pub fn without_conjunction(w: &str) -> &str {
    for p in ["و", "ف"] {
        if let Some(rest) = w.strip_prefix(p) {
            if rest.chars().count() >= 2 {
                return rest;
            }
        }
    }
    w
}

/// The word without the article ال, when what remains has two letters or
/// more (الوزير → وزير; ال stays ال).
///
/// ```
/// use isnad::text::arabic::without_article;
/// assert_eq!(without_article("الوزير"), "وزير");
/// assert_eq!(without_article("الي"), "الي");
/// ```
pub fn without_article(w: &str) -> &str {
    w.strip_prefix("ال")
        .filter(|r| r.chars().count() >= 2)
        .unwrap_or(w)
}
