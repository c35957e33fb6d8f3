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

/// Clitics and affixes a light stemmer takes off a normalised word, the
/// longest first: conjunctions, prepositions and the article before it,
/// pronouns and plural or dual endings after it.
const PREFIXES: [&str; 15] = [
    "وبال", "وال", "فال", "بال", "كال", "ولل", "لل", "ال", "وس", "و", "ف", "ب", "ل", "ك", "س",
];
const SUFFIXES: [&str; 17] = [
    "هما", "كما", "ات", "ون", "ين", "ان", "وا", "ها", "هم", "هن", "كم", "نا", "ني", "ه", "ي", "ت",
    "ا",
];

/// Two normalised words are one family: their [`family_keys`] meet.
pub fn same_family(a: &str, b: &str) -> bool {
    let ka = family_keys(a);
    family_keys(b).iter().any(|k| ka.contains(k))
}

/// The keys of a normalised word's family: the word, the word without a
/// clitic or an ending (three letters or more left), and the consonant
/// skeleton of each (the long vowels and a derivational ت، م، ن، ي at the
/// start dropped; three letters or more). Two words whose keys meet are
/// one family: تصريحات and صرح، الانسحاب and ينسحب، ترامب and ترمب. A
/// light stemmer misses broken plurals and hollow verbs (عاد، عودة); the
/// variant pack names those.
///
/// ```
/// use isnad::text::arabic::same_family as meet;
/// assert!(meet("تصريحات", "صرح"));
/// assert!(meet("الانسحاب", "ينسحب"));
/// assert!(meet("ترامب", "ترمب"));
/// assert!(meet("هاشتاغ", "هاشتاج"));
/// let n = isnad::text::normalize::normalize_str;
/// assert!(meet(&n("لإيواء"), &n("لإيوائها")));
/// assert!(!meet("ارتفاع", "انخفاض"));
/// ```
pub fn family_keys(w: &str) -> Vec<String> {
    let len = |s: &str| s.chars().count();
    // A hamza is one letter whatever its seat (إيواء / إيوائها): the
    // normaliser writes ئ as ي, and so is ء written here.
    let folded: String = w
        .chars()
        .map(|c| if matches!(c, 'ء' | 'ئ') { 'ي' } else { c })
        .collect();
    let w = folded.as_str();
    let mut stems: Vec<&str> = vec![w];
    for p in PREFIXES {
        if let Some(rest) = w.strip_prefix(p) {
            if len(rest) >= 3 {
                stems.push(rest);
            }
        }
    }
    let mut all: Vec<String> = Vec::new();
    for s in stems {
        all.push(s.to_string());
        for x in SUFFIXES {
            if let Some(rest) = s.strip_suffix(x) {
                if len(rest) >= 3 {
                    all.push(rest.to_string());
                }
            }
        }
    }
    let mut keys: Vec<String> = Vec::new();
    for s in &all {
        if len(s) >= 3 {
            keys.push(s.clone());
        }
        // The long vowels and hamza carriers go; غ and ج, which transcribe
        // one foreign g (بوينغ / بوينج), are one letter.
        let mut sk: String = s
            .chars()
            .filter(|c| !matches!(c, 'ا' | 'و' | 'ي' | 'ء' | 'ئ' | 'ؤ' | 'ى'))
            .map(|c| if c == 'غ' { 'ج' } else { c })
            .collect();
        if sk.ends_with('ه') && len(&sk) >= 4 {
            sk.pop();
        }
        while len(&sk) >= 4 && sk.starts_with(['ت', 'م', 'ن', 'ي']) {
            sk = sk.chars().skip(1).collect();
        }
        if len(&sk) >= 3 {
            keys.push(format!("~{sk}"));
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}
