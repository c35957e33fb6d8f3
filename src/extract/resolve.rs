//! Who is who inside one document: source kinds, canonical names, pro-drop
//! and appositions.
//!
//! Every explicit source mention is analysed (kind, name, title) and linked
//! to an *entity* of the document: the same name (allowing spelling
//! variants: أردوغان/إردوغان fold to one form, شويجو/شويغو are close by
//! Jaro-Winkler), a title-only mention («وزير الخارجية التركي», «الوزير»)
//! whose title an earlier mention carried next to a name, or a definite
//! head that takes up an earlier indefinite one («المسؤول» after «مسؤول كبير
//! في المعارضة»). The canonical name of an entity is its fullest name.
//!
//! A cue with no noun (pro-drop) takes the most recent source whose
//! agreement fits the verb (وأضافت needs a feminine source), looking back at
//! most [`PRO_DROP_PARAGRAPHS`] paragraphs.

use crate::extract::attribution::{Resolution, Source, SourceKind};
use crate::extract::context::{Cand, Ctx, Np, SourceRef};
use crate::pack::lexicon::Agree;
use crate::text::arabic::without_article;
use crate::text::names;

/// How many of the most recent entities a mention is compared with: enough
/// for any article, and it keeps linking linear on a document of any size.
const ENTITY_WINDOW: usize = 64;

/// How many of the «title + name» sequences before a title-only mention it
/// is compared with, for the same reason.
const APPOSITION_WINDOW: usize = 256;

/// How many paragraphs back a pro-drop verb may find its source.
pub const PRO_DROP_PARAGRAPHS: u32 = 3;

#[derive(Debug, Clone)]
struct Entity {
    kind: SourceKind,
    /// Normalised words of the fullest name, if any.
    name: Vec<String>,
    /// Byte span of the canonical text.
    canonical: (usize, usize),
    /// Normalised title phrases seen with this entity, article stripped
    /// from their first word.
    titles: Vec<String>,
    /// Normalised head word, article stripped.
    head: String,
}

#[derive(Debug, Clone)]
struct Mention {
    entity: usize,
    span: (usize, usize),
    para: u32,
    agree: Option<Agree>,
    kind: SourceKind,
}

struct Analysis {
    kind: SourceKind,
    words: Vec<String>,
    /// Token index range of the name within the phrase.
    name: Option<(usize, usize)>,
    title: String,
    head: String,
}

fn words_of(ctx: &Ctx<'_>, np: &Np) -> Vec<String> {
    (np.a..np.b)
        .filter(|&k| ctx.t.is_word(k))
        .map(|k| {
            let w = ctx.t.norm(k);
            if k == np.a && np.skip > 0 && np.skip <= w.len() {
                let rest = &w[np.skip..];
                // للجيش after وفقا: ل + الجيش
                if rest.starts_with('ل') && !rest.starts_with("ال") {
                    format!("ال{}", &rest['ل'.len_utf8()..])
                } else {
                    rest.to_string()
                }
            } else {
                w.to_string()
            }
        })
        .collect()
}

fn analyse(ctx: &Ctx<'_>, np: &Np, anonymous: bool) -> Analysis {
    let lex = ctx.lex;
    let words = words_of(ctx, np);
    // «3 مصادر مطلعة»: a count before the head is not the head.
    let first = words
        .iter()
        .find(|w| !w.chars().all(|c| c.is_numeric()))
        .or(words.first())
        .cloned()
        .unwrap_or_default();
    let head = without_article(&first).to_string();
    let definite = first.starts_with("ال");
    // طلب عدم نشر اسمه inside the phrase itself (a subject placed before
    // its verb, where the frame was not searched).
    let anonymous = anonymous
        || (0..words.len()).any(|k| {
            lex.anonymity_phrases.starting(&words[k]).iter().any(|p| {
                p.iter()
                    .enumerate()
                    .all(|(o, w)| words.get(k + o) == Some(w))
            })
        });
    // A definite sound masculine plural that is not a title (المدرسون،
    // المشاركون) names a group.
    let sound_plural = definite
        && (head.ends_with("ون") || head.ends_with("ين"))
        && head.chars().count() >= 5
        && !lex.titles.contains(&first)
        && !lex.given_names.contains(&head)
        && !lex.family_names.contains(&first);
    let kind = if anonymous || (!definite && lex.anonymous_heads.contains(&first)) {
        SourceKind::Anonymous
    } else if lex.group_heads.contains(&first) || lex.group_heads.contains(&head) {
        SourceKind::Group
    } else if lex.organization_heads.contains(&first)
        || lex.organization_heads.contains(&head)
        || (words.len() == 1 && lex.state_names.contains(&first))
    {
        SourceKind::Organization
    } else if lex.mined_groups.contains(&head) || sound_plural {
        SourceKind::Group
    } else if lex.mined_organizations.contains(&head)
        || (lex.document_heads.contains(&head) && !lex.anonymous_heads.contains(&head))
    {
        // A statement or a report speaks for its issuer, an organisation
        // in most copy (بيان للاتحاد الأوروبي، التقرير).
        SourceKind::Organization
    } else {
        SourceKind::Person
    };
    // The name: the longest run of words that are neither titles nor
    // ال-words (unless joined: عبد الله، أبو الغيط) nor prepositions.
    let mut name = None;
    if kind == SourceKind::Person {
        // Runs of name words; each may end with one family name carrying
        // the article (سلمى العيساوي، أحمد بن عبدالعزيز الفارس). The longest
        // run wins and, between equals, the last: a name follows its title
        // («محافظ وادي السمر مراد الكتبي»).
        let mut best: Option<(usize, usize)> = None;
        let mut k = 0;
        while k < words.len() {
            let w = &words[k];
            if k > 0 && lex.adjunct_starts.contains(w.as_str()) {
                // A prepositional phrase modifies the title before it: its
                // object is not a name («السفير السعودي لدى بريطانيا»), but
                // a name may follow it («المفوض … في الأمم المتحدة زيد رعد
                // الحسين»).
                k += 1;
                if k < words.len() && !words[k].starts_with("ال") {
                    k += 1;
                }
                continue;
            }
            let nameish = |k: usize| {
                let w = &words[k];
                // «آل الشيخ»، «آل سعود»: the word after آل (normalised
                // ال) is a family name, whatever else it may be.
                if w == "ال" && k + 1 < words.len() || k > 0 && words[k - 1] == "ال" {
                    return true;
                }
                let joined = k > 0 && lex.name_joiners.contains(&words[k - 1]);
                // لشؤون in «وزير الدولة لشؤون الخليج» continues a genitive
                // chain; ليلى in «رئيسة البلدية ليلى حداد» starts a name.
                let after_al = k > 0
                    && words[k - 1].starts_with("ال")
                    && words.get(k + 1).is_none_or(|n| n.starts_with("ال"));
                (joined || !(w.starts_with("ال") || w.starts_with("وال")))
                    && !lex.titles.contains(w.as_str())
                    && !lex.adjunct_starts.contains(w.as_str())
                    && !lex.anonymous_heads.contains(w.as_str())
                    && (!after_al || !w.starts_with('ل'))
                    && !w.starts_with("لل")
                    && !w.chars().next().is_some_and(|c| c.is_ascii_digit())
            };
            if !nameish(k) {
                k += 1;
                continue;
            }
            let a = k;
            while k < words.len()
                && nameish(k)
                && !(k > a && lex.adjunct_starts.contains(words[k].as_str()))
            {
                k += 1;
            }
            if let Some(f) = words.get(k) {
                let bare = f.strip_prefix("ال").unwrap_or(f);
                if f.starts_with("ال")
                    && !lex.titles.contains(f.as_str())
                    && !lex.titles.contains(bare)
                {
                    k += 1;
                }
            }
            // «أمير منطقة عسير»: right after a title in the construct state
            // the words are its complement, not a name, unless one of them is
            // a known given or family name («رئيسة وزراء بريطانيا تيريزا ماي»).
            let after_construct_title = a > 0
                && !words[a - 1].starts_with("ال")
                && lex.titles.contains(words[a - 1].as_str());
            let a = if after_construct_title {
                match (a..k).find(|&x| {
                    lex.given_names.contains(&words[x]) || lex.family_names.contains(&words[x])
                }) {
                    Some(x) => x,
                    None => continue,
                }
            } else {
                a
            };
            // Longest wins; between equals the later one (a name follows
            // its title), unless the earlier one opens the phrase (a name
            // before its title: «محمد عبر مكالمة هاتفية»).
            // A run that starts with a ل-word is most likely a genitive
            // chain («لرصد انتهاكات حقوق»): it counts one word shorter.
            let weight =
                |a: usize, b: usize| (b - a) - usize::from(words[a].starts_with('ل') && a > 0);
            if best.is_none_or(|(ba, bb)| {
                weight(a, k) > weight(ba, bb) || (weight(a, k) == weight(ba, bb) && ba > 0)
            }) {
                best = Some((a, k));
            }
        }
        name = best;
    }
    let title = match name {
        Some((a, b)) => {
            let mut t: Vec<&str> = Vec::new();
            for (k, w) in words.iter().enumerate() {
                if k < a || k >= b {
                    t.push(if t.is_empty() { without_article(w) } else { w });
                }
            }
            t.join(" ")
        }
        None => {
            let mut t: Vec<&str> = words.iter().map(String::as_str).collect();
            if let Some(f) = t.first_mut() {
                *f = without_article(f);
            }
            t.join(" ")
        }
    };
    Analysis {
        kind,
        words,
        name,
        title,
        head,
    }
}

fn names_match(a: &[String], b: &[String]) -> bool {
    let (Some(la), Some(lb)) = (a.last(), b.last()) else {
        return false;
    };
    let last_ok = la == lb || names::similarity(la, lb) >= names::SAME_ARTICLE_VARIANT;
    if !last_ok {
        return false;
    }
    if a.len() >= 2 && b.len() >= 2 {
        let (fa, fb) = (&a[0], &b[0]);
        return fa == fb || names::similarity(fa, fb) >= names::SAME_ARTICLE_VARIANT;
    }
    true
}

fn title_match(known: &str, mention: &str) -> bool {
    if known.is_empty() || mention.is_empty() {
        return false;
    }
    let extends = |long: &str, short: &str| {
        long.strip_prefix(short)
            .is_some_and(|rest| rest.starts_with(' '))
    };
    // «مفتي عام السعودية» and «مفتي السعودية»: the shorter with one word
    // of the longer left out, the head word the same.
    let one_left_out = |long: &str, short: &str| {
        let l: Vec<&str> = long.split(' ').collect();
        let s: Vec<&str> = short.split(' ').collect();
        l.len() == s.len() + 1
            && s.len() >= 2
            && (1..l.len()).any(|skip| {
                l.iter()
                    .enumerate()
                    .filter(|&(k, _)| k != skip)
                    .map(|(_, w)| *w)
                    .eq(s.iter().copied())
            })
    };
    known == mention
        || extends(known, mention)
        || extends(mention, known)
        || one_left_out(known, mention)
        || one_left_out(mention, known)
}

struct Resolver<'c, 'a> {
    ctx: &'c Ctx<'a>,
    entities: Vec<Entity>,
    history: Vec<Mention>,
    /// Found on first need: most documents never have a title-only source.
    appositions: Option<Vec<Apposition>>,
}

/// A title followed by a name anywhere in the text («المبعوث الأممي مارتن
/// غريفيث»), whether or not that sentence reports speech: it lets a later
/// title-only source («المبعوث الأممي») take the name.
#[derive(Debug, Clone)]
struct Apposition {
    /// Byte offset where the title starts.
    pos: usize,
    /// Normalised title, article stripped from its first word.
    title: String,
    name: Vec<String>,
    span: (usize, usize),
}

/// Find every «title + name» sequence of the tokenised text.
fn harvest_appositions(ctx: &Ctx<'_>) -> Vec<Apposition> {
    let t = &ctx.t;
    let lex = ctx.lex;
    let n = t.tokens.len();
    let mut out = Vec::new();
    // Title tokens met on the way, for the second pass.
    let mut title_toks: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < n {
        if !t.is_word(i) {
            i += 1;
            continue;
        }
        let w = t.norm(i);
        let w = w
            .strip_prefix('و')
            .filter(|r| lex.titles.contains(r))
            .unwrap_or(w);
        let bare = without_article(w);
        if !(lex.titles.contains(w) || lex.titles.contains(bare)) {
            i += 1;
            continue;
        }
        title_toks.push(i);
        // The rest of the title: article words, further title words, a
        // prepositional phrase («المبعوث الأممي الجديد إلى اليمن») and a
        // comma before the name.
        let mut j = i + 1;
        // One prepositional phrase (المبعوث الأممي إلى اليمن); after it the
        // name needs a comma or a word the lexicon knows.
        let mut adjunct_skipped = false;
        while j < n && j - i <= 8 {
            if t.tokens[j].kind == crate::text::Tok::Comma {
                j += 1;
                break;
            }
            if !t.is_word(j) {
                break;
            }
            let x = t.norm(j);
            if x.starts_with("ال")
                || x.starts_with("وال")
                || lex.titles.contains(x)
                || x == "باسم"
                || lex.adverbs.contains(x)
            {
                // (عميد القبول والتسجيل، عضو مجلس الشورى سابقا)
                j += 1;
            } else if x.chars().count() == 1
                && j + 2 < n
                && t.is_word(j + 2)
                && &ctx.src[t.tokens[j + 1].start as usize..t.tokens[j + 1].end as usize] == "."
            {
                // The period of an honorific initial (د. سامي).
                j += 2;
                break;
            } else if !adjunct_skipped && lex.adjunct_starts.contains(x) && t.is_word(j + 1) {
                adjunct_skipped = true;
                j += 2;
            } else {
                break;
            }
        }
        // After a title in the construct state with no comma («أمير منطقة
        // عسير»), the words are its complement unless a known name is among
        // them.
        let construct = j == i + 1 && !w.starts_with("ال");
        if construct && j < n && t.is_word(j) && !t.norm(j).starts_with("ال") {
            // «عضو مجلس الشورى سابقا نجيب الزامل»: past the complement
            // (an indefinite head and its definite words) and an adverb
            // when a known name follows.
            let mut c = j + 1;
            while c < n
                && t.is_word(c)
                && (t.norm(c).starts_with("ال") || t.norm(c).starts_with("وال"))
                && c - j <= 4
            {
                c += 1;
            }
            while c < n && t.is_word(c) && lex.adverbs.contains(t.norm(c)) {
                c += 1;
            }
            if c > j + 1 && c < n && t.is_word(c) && lex.given_names.contains(t.norm(c)) {
                j = c;
            }
        }
        // The name (a hashtag sign inside it is skipped: «مارتن #غريفيث»).
        let mut k = j;
        let mut skipped = 0;
        // Four name words, or six in a chain of بن (فيصل بن خالد بن عبدالعزيز).
        let max_name = |k: usize| {
            if (j..k).any(|x| t.is_word(x) && lex.name_joiners.contains(t.norm(x))) {
                6
            } else {
                4
            }
        };
        while k < n && k - j - skipped < max_name(k) {
            let hash = t.tokens[k].kind == crate::text::Tok::Other
                && &ctx.src[t.tokens[k].start as usize..t.tokens[k].end as usize] == "#";
            if hash && k > j && t.is_word(k + 1) {
                k += 1;
                skipped += 1;
                continue;
            }
            if !t.is_word(k) {
                break;
            }
            let x = t.norm(k);
            let after_al = x == "ال" || k > j && t.norm(k - 1) == "ال";
            let stop = !after_al
                && (x.starts_with("ال")
                    || lex.state_names.contains(x)
                    || lex.time_starts.is_single(x)
                    || lex.titles.contains(x)
                    || lex.adjunct_starts.contains(x)
                    || lex.relatives.contains(x)
                    || lex.complementizers.contains(x)
                    || ctx.cue_at[k].is_some()
                    || x.starts_with(|c: char| c.is_ascii_digit()));
            if stop {
                break;
            }
            k += 1;
        }
        let mut words = k - j - skipped;
        if words >= 1 && k < n && t.is_word(k) {
            let x = t.norm(k);
            if x.starts_with("ال")
                && !lex.titles.contains(x)
                && !lex.titles.contains(without_article(x))
            {
                k += 1;
                words += 1;
            }
        }
        let known_name = (j..k).any(|x| {
            t.is_word(x)
                && (lex.given_names.contains(t.norm(x)) || lex.family_names.contains(t.norm(x)))
        });
        // «وأعلن الرئيس الأمريكي انسحاب بلاده»، «وطالب النائب بتجاهل ...»:
        // a verbal noun right after the title is what was said, not a name.
        let content_like = j < n && t.is_word(j) && {
            let x = t.norm(j);
            let bare = x
                .strip_prefix(['ب', 'ل'])
                .filter(|r| r.chars().count() >= 4)
                .unwrap_or(x);
            // A preposition with the article or ما (بالجريمة، للأمم، بما).
            ["بال", "لل", "بما", "لما", "كما", "عما", "مما"]
                .iter()
                .any(|p| x.starts_with(p))
                || lex.particles.contains(x)
                || lex.event_heads.contains(x)
                || lex.object_heads.contains(x)
                || crate::extract::rules::frame::verbal_noun(x)
                || (bare != x && crate::extract::rules::frame::verbal_noun(bare))
        };
        let after_comma = j > 0 && t.tokens[j - 1].kind == crate::text::Tok::Comma;
        // A name does not start with a preposition (بأداء فريقه) unless the
        // lexicon knows it (بشار، لطفي).
        let prep_first = j < n
            && t.is_word(j)
            && t.norm(j).starts_with(['ب', 'ل'])
            && !lex.given_names.contains(t.norm(j))
            && !lex.family_names.contains(t.norm(j));
        if words >= 2
            && (!construct || known_name)
            && (known_name || !content_like && !prep_first)
            && (!adjunct_skipped || after_comma || known_name)
        {
            let mut title: Vec<&str> = vec![bare];
            title.extend((i + 1..j).filter(|&x| t.is_word(x)).map(|x| t.norm(x)));
            let name: Vec<String> = (j..k)
                .filter(|&x| t.is_word(x))
                .map(|x| t.norm(x).to_string())
                .collect();
            let span = (t.tokens[j].start as usize, t.tokens[k - 1].end as usize);
            out.push(Apposition {
                pos: t.tokens[i].start as usize,
                title: title.join(" "),
                name: name.clone(),
                span,
            });
            // «الأمير فيصل بن خالد أمير منطقة عسير»: a second title after
            // the name is that person's too.
            if let Some((title, end)) = title_after(ctx, k) {
                out.push(Apposition {
                    pos: t.tokens[k].start as usize,
                    title,
                    name,
                    span,
                });
                i = end;
            } else {
                i = k;
            }
        } else {
            i += 1;
        }
    }
    // «مولود جاويش أوغلو وزير الخارجية التركي»: a known given name, its
    // name words, then a title. Looked for from each title backwards, so
    // that the cost is in titles, not in words.
    let first_pass = out.len();
    for i in title_toks {
        // (The first pass's appositions are in text order.)
        let pos = t.tokens[i].start as usize;
        if i == 0
            || out[..first_pass]
                .binary_search_by_key(&pos, |ap| ap.pos)
                .is_ok()
        {
            continue;
        }
        // Back over name words (at most four, the last may carry ال) to a
        // known given name.
        let mut start = None;
        let mut k = i;
        while k > 0 && i - k < 4 {
            k -= 1;
            if !t.is_word(k) {
                break;
            }
            let x = t.norm(k);
            let ok = !lex.titles.contains(without_article(x))
                && !lex.adjunct_starts.contains(x)
                && !lex.complementizers.contains(x)
                && ctx.cue_at[k].is_none()
                && (!x.starts_with("ال") || k + 1 == i);
            if !ok {
                break;
            }
            if lex.given_names.contains(x) {
                start = Some(k);
            }
        }
        let Some(start) = start else { continue };
        // Not inside a name already (بن خالد) nor after a title (the first
        // pass has it).
        let inside = start > 0
            && t.is_word(start - 1)
            && (lex.titles.contains(without_article(t.norm(start - 1)))
                || lex.name_joiners.contains(t.norm(start - 1))
                || lex.given_names.contains(t.norm(start - 1)));
        if inside || i - start < 2 {
            continue;
        }
        if let Some((title, _)) = title_after(ctx, i) {
            out.push(Apposition {
                pos: t.tokens[i].start as usize,
                title,
                name: (start..i).map(|x| t.norm(x).to_string()).collect(),
                span: (t.tokens[start].start as usize, t.tokens[i - 1].end as usize),
            });
        }
    }
    out.sort_by_key(|ap| ap.pos);
    out
}

/// A title phrase starting at token `k` (أمير منطقة عسير، وزير الخارجية
/// التركي), normalised with the article stripped from its first word, and
/// the token after it. Words of a construct chain and article words follow
/// the title word, up to four, stopping at another title, punctuation, a
/// cue or a complementizer.
fn title_after(ctx: &Ctx<'_>, k: usize) -> Option<(String, usize)> {
    let t = &ctx.t;
    let lex = ctx.lex;
    if !t.is_word(k) {
        return None;
    }
    let first = without_article(t.norm(k));
    if !lex.titles.contains(first) || first == "عام" {
        return None;
    }
    let mut words = vec![first];
    let mut j = k + 1;
    while j < t.tokens.len() && j - k <= 4 && t.is_word(j) {
        let x = t.norm(j);
        // «مفتي عام السعودية»، «المدير العام للشركة»: عام qualifies the title.
        let general = matches!(x, "عام" | "العام");
        if !general && (lex.titles.contains(x) || lex.titles.contains(without_article(x)))
            || lex.adjunct_starts.contains(x)
            || lex.relatives.contains(x)
            || lex.complementizers.contains(x)
            || ctx.cue_at[j].is_some()
        {
            break;
        }
        let prev_definite = t.norm(j - 1).starts_with("ال");
        if !x.starts_with("ال") && prev_definite {
            break;
        }
        words.push(x);
        j += 1;
    }
    (words.len() >= 2).then(|| (words.join(" "), j))
}

impl Resolver<'_, '_> {
    /// Link an explicit mention to an entity; returns the entity and how it
    /// was linked.
    fn link(&mut self, np: &Np, anonymous: bool) -> (usize, Resolution) {
        let ctx = self.ctx;
        let an = analyse(ctx, np, anonymous);
        let src_span = (np.start, np.end);
        if let Some((a, b)) = an.name {
            let name: Vec<String> = an.words[a..b].to_vec();
            let span = name_span(ctx, np, a, b);
            if let Some(e) = (self.entities.len().saturating_sub(ENTITY_WINDOW)
                ..self.entities.len())
                .rev()
                .find(|&e| {
                    self.entities[e].kind == SourceKind::Person
                        && names_match(&self.entities[e].name, &name)
                })
            {
                let ent = &mut self.entities[e];
                if name.len() > ent.name.len() {
                    ent.name = name;
                    ent.canonical = span;
                }
                if !an.title.is_empty() && !ent.titles.contains(&an.title) {
                    ent.titles.push(an.title);
                }
                return (e, Resolution::Explicit);
            }
            self.entities.push(Entity {
                kind: an.kind,
                name,
                canonical: span,
                titles: if an.title.is_empty() {
                    vec![]
                } else {
                    vec![an.title]
                },
                head: an.head,
            });
            return (self.entities.len() - 1, Resolution::Explicit);
        }
        // «رئيسه» (its president): a title with a possessive pronoun names
        // someone the text does not identify by title; it is linked to no
        // one. (ة and ه fold together, so the original letter decides.)
        let original = &ctx.src[np.start..np.end];
        let possessive = an.words.len() == 1
            && ["ه", "ها", "هم"].iter().any(|suf| {
                original.ends_with(suf)
                    && an.words[0]
                        .strip_suffix(suf)
                        .is_some_and(|stem| ctx.lex.titles.contains(stem))
            });
        if possessive {
            self.entities.push(Entity {
                kind: an.kind,
                name: Vec::new(),
                canonical: src_span,
                titles: Vec::new(),
                head: String::new(),
            });
            return (self.entities.len() - 1, Resolution::Explicit);
        }
        // No name: the same phrase, a title seen with a name, or a definite
        // head taking up an earlier mention.
        let single_definite = an.words.len() == 1 && an.words[0].starts_with("ال");
        for e in (self.entities.len().saturating_sub(ENTITY_WINDOW)..self.entities.len()).rev() {
            let ent = &self.entities[e];
            let same_text =
                ent.name.is_empty() && ent.titles.first().is_some_and(|t| *t == an.title);
            if same_text {
                return (e, Resolution::Explicit);
            }
            let by_title = an.kind == SourceKind::Person
                && !ent.name.is_empty()
                && ent.titles.iter().any(|t| title_match(t, &an.title));
            let by_head = single_definite && ent.head == an.head && ent.kind != SourceKind::Person
                || single_definite
                    && ent.kind == SourceKind::Person
                    && ent
                        .titles
                        .iter()
                        .any(|t| t.split(' ').next() == Some(an.head.as_str()));
            if by_title || by_head {
                return (e, Resolution::Apposition);
            }
        }
        // A title seen next to a name elsewhere in the text, before this
        // mention: the mention is that person.
        if an.kind == SourceKind::Person {
            let appositions = self
                .appositions
                .get_or_insert_with(|| harvest_appositions(ctx));
            // The nearest ones before the mention, in a bounded window
            // (the appositions are in text order), so that a huge document
            // costs linear time.
            // «شكر الرئيس التركي، رجب طيب أردوغان، ...»: an apposition that
            // starts at the mention itself counts too.
            let before = appositions.partition_point(|ap| ap.pos <= np.start);
            let found = appositions[before.saturating_sub(APPOSITION_WINDOW)..before]
                .iter()
                .rev()
                .find(|ap| {
                    title_match(&ap.title, &an.title)
                        || single_definite && ap.title.split(' ').next() == Some(an.head.as_str())
                });
            if let Some(ap) = found.cloned() {
                let known = (self.entities.len().saturating_sub(ENTITY_WINDOW)
                    ..self.entities.len())
                    .rev()
                    .find(|&e| {
                        self.entities[e].kind == SourceKind::Person
                            && names_match(&self.entities[e].name, &ap.name)
                    });
                let e = match known {
                    Some(e) => e,
                    None => {
                        self.entities.push(Entity {
                            kind: SourceKind::Person,
                            name: ap.name.clone(),
                            canonical: ap.span,
                            titles: vec![ap.title.clone()],
                            head: without_article(ap.title.split(' ').next().unwrap_or(""))
                                .to_string(),
                        });
                        self.entities.len() - 1
                    }
                };
                let ent = &mut self.entities[e];
                if ap.name.len() > ent.name.len() {
                    ent.name = ap.name.clone();
                    ent.canonical = ap.span;
                }
                if !ent.titles.contains(&an.title) {
                    ent.titles.push(an.title);
                }
                return (e, Resolution::Apposition);
            }
        }
        self.entities.push(Entity {
            kind: an.kind,
            name: Vec::new(),
            canonical: src_span,
            titles: vec![an.title],
            head: an.head,
        });
        (self.entities.len() - 1, Resolution::Explicit)
    }

    /// The antecedent of a pro-drop verb: the most recent mention whose
    /// agreement fits. When none fits exactly, a looser reading: a plural
    /// verb may take up a masculine mention (broken plurals such as السفراء
    /// take a singular verb before them), and a feminine verb an
    /// organisation or a state (وقالت روسيا، أعلنت الوزارة).
    fn pro_drop(&self, cand: &Cand, para: u32) -> Option<&Mention> {
        let want = cand.agree;
        let near = || {
            self.history
                .iter()
                .rev()
                .take_while(move |m| para.saturating_sub(m.para) <= PRO_DROP_PARAGRAPHS)
        };
        let strict = near().find(|m| match want {
            None => true,
            Some(Agree::Plural) => m.agree == Some(Agree::Plural) || m.kind == SourceKind::Group,
            Some(a) => m.agree == Some(a) || m.agree.is_none(),
        });
        strict.or_else(|| {
            near().find(|m| match want {
                // Only a mention without a personal name: «السفراء» may be
                // the subject of «وأكدوا», «طارق الزين» may not.
                Some(Agree::Plural) => {
                    m.agree != Some(Agree::Fem) && self.entities[m.entity].name.is_empty()
                }
                Some(Agree::Fem) => m.kind == SourceKind::Organization,
                _ => false,
            })
        })
    }
}

/// The byte span of name words `[a, b)` of a phrase.
fn name_span(ctx: &Ctx<'_>, np: &Np, a: usize, b: usize) -> (usize, usize) {
    let toks: Vec<usize> = (np.a..np.b).filter(|&k| ctx.t.is_word(k)).collect();
    let s = if a == 0 {
        np.start
    } else {
        ctx.t.tokens[toks[a]].start as usize
    };
    let e = ctx.t.tokens[toks[b - 1]].end as usize;
    (s, e)
}

fn agree_of_np(ctx: &Ctx<'_>, np: &Np, kind: SourceKind) -> Option<Agree> {
    if kind == SourceKind::Group {
        return Some(Agree::Plural);
    }
    let words = words_of(ctx, np);
    let head = words.first()?;
    Some(if head.ends_with('ه') {
        Agree::Fem
    } else {
        Agree::Masc
    })
}

/// Per candidate: its entity, the span of the mention that names it, how
/// it was resolved and the kind of source.
type Resolved = (
    Option<usize>,
    Option<(usize, usize)>,
    Resolution,
    SourceKind,
);

/// Resolve the source of every candidate (in `ctx.cands` order, which is
/// document order of the cues).
/// True if a noun phrase can name a speaker. One that starts with a
/// preposition or a single letter (في حوار تلفزيوني، لـ"عكاظ"), a pronoun, a
/// demonstrative or a relative (وهو ما، ذلك، من جهته), a month or a
/// number, a verbal noun of saying (قوله) or a cue (a verb fragment) is the
/// frame's debris, not a name: an honest unresolved source is worth more
/// to a desk than a confident wrong one.
fn speaker(ctx: &Ctx<'_>, np: &Np) -> bool {
    let lex = ctx.lex;
    let Some(a) = (np.a..np.b).find(|&k| ctx.t.is_word(k)) else {
        return false;
    };
    let w = ctx.t.norm(a);
    // «3 مصادر مطلعة»، «22 شاهد عيان» are speakers; a bare number is not.
    let number_only = (np.a..np.b)
        .filter(|&k| ctx.t.is_word(k))
        .all(|k| ctx.t.norm(k).chars().all(|c| c.is_numeric()));
    let numeric = w.chars().all(|c| c.is_numeric());
    // د. سامي، م. أحمد: an initial is a title, not a clitic left alone.
    let initial = ctx.src[ctx.t.tokens[a].end as usize..].starts_with('.');
    !((w.chars().count() < 2 && !numeric && !initial)
        || number_only
        || lex.adjunct_starts.contains(w)
        || lex.relatives.contains(w)
        || lex.non_sources.contains(w)
        || lex.not_speakers.contains(w)
        || ctx.cue_at[a].is_some())
}

/// True if a noun phrase is a channel: a preposition of channels and a
/// channel noun (في بيان، عبر حسابه).
fn channel_phrase(ctx: &Ctx<'_>, np: &Np) -> bool {
    let mut words = (np.a..np.b).filter(|&k| ctx.t.is_word(k));
    match (words.next(), words.next()) {
        (Some(p), Some(h)) => {
            ctx.lex.channel_preps.contains(ctx.t.norm(p))
                && ctx.lex.channel_heads.contains(ctx.t.norm(h))
        }
        _ => false,
    }
}

pub(crate) fn resolve(ctx: &Ctx<'_>) -> Vec<Source> {
    let mut r = Resolver {
        ctx,
        entities: Vec::new(),
        history: Vec::new(),
        appositions: None,
    };
    // Per candidate: entity (if any), mention span, resolution.
    let mut out: Vec<Resolved> = Vec::new();
    for (ci, c) in ctx.cands.iter().enumerate() {
        let para = ctx.t.tokens[c.cue_tok].para;
        // A phrase that cannot name a speaker is not one. When it is the
        // channel of a verb with no subject whose agreement is known, the
        // verb's source is the previous one that agrees, as for any
        // pro-drop; otherwise («بحسب ما أعلنته في بيان») it stays unknown.
        let source = match c.source {
            SourceRef::Np(np) | SourceRef::ClauseSubject(np) | SourceRef::Antecedent(np)
                if !speaker(ctx, &np) =>
            {
                if channel_phrase(ctx, &np) && c.agree.is_some() {
                    SourceRef::ProDrop
                } else {
                    SourceRef::Unknown
                }
            }
            other => other,
        };
        let resolved = match source {
            SourceRef::Np(np) | SourceRef::ClauseSubject(np) | SourceRef::Antecedent(np) => {
                let (e, how) = r.link(&np, c.anonymous);
                let kind = r.entities[e].kind;
                let how = match (source, how) {
                    (SourceRef::ClauseSubject(_), Resolution::Explicit) => {
                        Resolution::ClauseSubject
                    }
                    (SourceRef::Antecedent(_), Resolution::Explicit) => Resolution::Antecedent,
                    _ => how,
                };
                let agree = match c.agree {
                    Some(a) if kind != SourceKind::Group => Some(a),
                    _ => agree_of_np(ctx, &np, kind),
                };
                // The source of an according-to phrase is usually an
                // outlet or a document (بحسب واس، وفقا للبيان): it is not who
                // the next «وأضاف» continues.
                if c.mode != crate::extract::attribution::Mode::AccordingTo {
                    r.history.push(Mention {
                        entity: e,
                        span: (np.start, np.end),
                        para,
                        agree,
                        kind,
                    });
                }
                (Some(e), Some((np.start, np.end)), how, kind)
            }
            SourceRef::Tail => {
                // The attribution just before, in this sentence.
                // (An according-to source is skipped, as for pro-drop.)
                let prev = (0..ci)
                    .rev()
                    .find(|&j| ctx.cands[j].mode != crate::extract::attribution::Mode::AccordingTo);
                match prev.map(|j| out[j]) {
                    Some((e, span, _, kind)) => (e, span, Resolution::Tail, kind),
                    None => (None, None, Resolution::None, SourceKind::Unresolved),
                }
            }
            SourceRef::Unknown => (None, None, Resolution::None, SourceKind::Unresolved),
            SourceRef::ProDrop => match r.pro_drop(c, para) {
                Some(m) => {
                    let m = m.clone();
                    r.history.push(Mention { para, ..m.clone() });
                    (Some(m.entity), Some(m.span), Resolution::ProDrop, m.kind)
                }
                None => (None, None, Resolution::None, SourceKind::Unresolved),
            },
        };
        out.push(resolved);
    }
    out.into_iter()
        .map(|(e, span, resolution, kind)| match (e, span) {
            (Some(e), Some((s, en))) => {
                let (cs, ce) = r.entities[e].canonical;
                Source {
                    text: ctx.src[s..en].to_string(),
                    canonical: ctx.src[cs..ce].to_string(),
                    kind,
                    span: Some([s, en]),
                    resolution,
                    affiliation: None,
                }
            }
            _ => Source {
                text: String::new(),
                canonical: String::new(),
                kind: SourceKind::Unresolved,
                span: None,
                resolution: Resolution::None,
                affiliation: None,
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::Engine;

    #[test]
    fn titles_match_whole_words_only() {
        use super::title_match;
        assert!(title_match("وزير الخارجيه", "وزير الخارجيه"));
        assert!(title_match("وزير الخارجيه الزمرداني", "وزير الخارجيه"));
        assert!(title_match("وزير", "وزير الخارجيه"));
        assert!(!title_match("وزير الخارجيه", "وزير الخ"));
        assert!(!title_match("", "وزير"));
        assert!(title_match("مفتي عام السعوديه", "مفتي السعوديه"));
        assert!(!title_match("مفتي عام السعوديه", "عام السعوديه"));
    }

    /// A title-only mention far down a long document still finds the
    /// nearest apposition before it (the search is bounded, not skipped).
    #[test]
    fn apposition_found_after_many_others() {
        let mut text = String::new();
        for k in 0..400 {
            text.push_str(&format!("وحضر مدير المصنع سامر عادل الاجتماع رقم {k}.\n"));
        }
        text.push_str("واستقبل وزير الخارجية الزمرداني نبيل حداد مساء أمس وفدا تجاريا.\n");
        text.push_str("وقال وزير الخارجية الزمرداني إن المحادثات مستمرة.");
        let found = Engine::default().extract(&text);
        let last = found.attributions.last().unwrap();
        assert_eq!(last.source.canonical, "نبيل حداد");
    }

    #[test]
    fn title_only_mention_takes_the_name_of_its_apposition() {
        let text = "وقال نبيل حداد وزير الخارجية الزمرداني إن الهدنة صامدة.\nوأضاف وزير الخارجية الزمرداني أن المحادثات مستمرة.";
        let found = Engine::default().extract(text);
        let a = &found.attributions;
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].source.canonical, "نبيل حداد");
        assert_eq!(a[1].source.text, "وزير الخارجية الزمرداني");
        assert_eq!(a[1].source.canonical, "نبيل حداد");
        assert_eq!(a[1].source.resolution.as_str(), "apposition");
    }

    #[test]
    fn spelling_variants_share_one_canonical_name() {
        let text =
            "وقال الوزير إبراهيم جميل سلوان إن الاتفاق قائم. وقال ابراهيم سلوان إن الحوار مستمر.";
        let found = Engine::default().extract(text);
        let a = &found.attributions;
        assert_eq!(a[1].source.canonical, "إبراهيم جميل سلوان");
    }

    #[test]
    fn agreement_picks_between_two_sources() {
        let text = "وقال المدير سامي نجار إن العمل توقف، وقالت الطبيبة هالة يونس إن المرضى نقلوا. وأضاف أن الفرق ستعود. وأضافت أن الأدوية نفدت.";
        let found = Engine::default().extract(text);
        let a = &found.attributions;
        assert_eq!(a.len(), 4, "{a:#?}");
        assert_eq!(a[2].source.canonical, "سامي نجار");
        assert_eq!(a[3].source.canonical, "هالة يونس");
    }

    #[test]
    fn definite_head_takes_up_an_anonymous_source() {
        let text = "وقال مسؤول كبير في النقابة لوكالة الشمال إن الإضراب مستمر.\nوقال المسؤول الذي طلب عدم نشر اسمه \"لن نتراجع\".";
        let found = Engine::default().extract(text);
        let a = &found.attributions;
        assert_eq!(a[0].source.kind.as_str(), "anonymous");
        assert_eq!(a[1].source.kind.as_str(), "anonymous");
        assert_eq!(a[1].content.text, "لن نتراجع");
    }

    #[test]
    fn frame_debris_is_never_a_speaker() {
        // A channel, a pronoun phrase, a month: the attribution is kept,
        // its source is honestly unknown.
        for text in [
            "ومن المقرر أن يفتح الجسر يوم السبت، حسبما أعلنته في بيان.",
            "وقال من جهته إن الجسر سيفتح.",
        ] {
            let found = Engine::default().extract(text);
            assert_eq!(found.attributions.len(), 1, "{text}");
            let a = &found.attributions[0];
            assert_eq!(
                a.source.kind.as_str(),
                "unresolved",
                "{text}: {}",
                a.source.text
            );
        }
        // «3 مصادر مطلعة» is a speaker.
        let found = Engine::default().extract("وقالت 3 مصادر مطلعة إن الجسر سيفتح.");
        assert_eq!(found.attributions[0].source.text, "3 مصادر مطلعة");
    }

    #[test]
    fn a_title_after_a_name_is_that_persons_title() {
        let text = "رعى الأمير فيصل بن خالد بن عبدالعزيز أمير منطقة الواحات الحفل أمس.\nوأكد أمير منطقة الواحات أن الخدمات متاحة للزوار.";
        let a = &Engine::default().extract(text).attributions[0];
        assert_eq!(a.source.text, "أمير منطقة الواحات");
        assert_eq!(a.source.canonical, "فيصل بن خالد بن عبدالعزيز");
        assert_eq!(a.source.resolution.as_str(), "apposition");
        // A name the lexicon knows, then a title, in a sentence that
        // reports nothing.
        let text = "ووصل مولود جاويش أوغلو وزير الخارجية التركي إلى المدينة.\nوقال وزير الخارجية التركي إن الزيارة ناجحة.";
        let a = &Engine::default().extract(text).attributions[0];
        assert_eq!(a.source.canonical, "مولود جاويش أوغلو");
    }

    #[test]
    fn the_complement_of_a_title_is_not_a_name() {
        let a = &Engine::default()
            .extract("وأكد أمير منطقة الواحات أن الخدمات متاحة.")
            .attributions[0];
        assert_eq!(a.source.canonical, "أمير منطقة الواحات");
        let a = &Engine::default()
            .extract("وقالت رئيسة وزراء بريطانيا تيريزا ماي إن الاتفاق قريب.")
            .attributions[0];
        assert_eq!(a.source.canonical, "تيريزا ماي");
    }

    #[test]
    fn a_later_title_finds_the_person_named_with_it() {
        let found = Engine::default().extract(
            "وقال الشيخ سالم بن حمد آل الشيخ مفتي عام الواحات إن الصبر واجب. وأشار مفتي الواحات إلى أن الفتنة نائمة.",
        );
        let a = &found.attributions;
        assert_eq!(a[0].source.canonical, "سالم بن حمد آل الشيخ");
        assert_eq!(a[1].source.canonical, "سالم بن حمد آل الشيخ");
        let found = Engine::default().extract(
            "وأكد عضو مجلس الشورى سابقا نجيب الخطيب على أهمية التطوع. وقال عضو مجلس الشورى إن العمل مستمر.",
        );
        assert_eq!(found.attributions[1].source.canonical, "نجيب الخطيب");
        let found = Engine::default().extract(
            "وقدم عميد القبول والتسجيل د. سامي الخطيب شرحا للطلاب. وقال عميد القبول والتسجيل إن البوابة مفتوحة.",
        );
        assert_eq!(found.attributions[0].source.canonical, "سامي الخطيب");
        // A prepositional phrase after the title and no comma: the words
        // after it are no name.
        let found = Engine::default()
            .extract("وأضاف المبعوث الأممي في كلمة أمام مجلس الأمن الدولي أمس إن الحل قريب.");
        assert_eq!(found.attributions[0].source.canonical, "المبعوث الأممي");
    }

    #[test]
    fn what_was_said_is_not_the_name_of_a_title() {
        for (text, canonical) in [
            (
                "وأعلن الرئيس الزمرداني انسحاب بلاده من المحادثات.",
                "الرئيس الزمرداني",
            ),
            ("وطالب النائب بتأجيل التصويت على الموازنة.", "النائب"),
            ("وعبر المحافظ عن سعادته بما حققه الفريق.", "المحافظ"),
        ] {
            let a = &Engine::default().extract(text).attributions[0];
            assert_eq!(a.source.canonical, canonical, "{text}");
        }
    }

    #[test]
    fn kinds_of_statements_plurals_and_unnamed_roles() {
        let kind = |text: &str| {
            Engine::default().extract(text).attributions[0]
                .source
                .kind
                .as_str()
        };
        assert_eq!(kind("وقال بيان للاتحاد إن المباراة أجلت."), "organization");
        assert_eq!(kind("وقال المشاركون إن الندوة ناجحة."), "group");
        assert_eq!(kind("وقال متحدث باسم الشرطة إن الطريق مغلق."), "anonymous");
        assert_eq!(kind("وقالت وزارة الصحة إن الوباء انحسر."), "organization");
    }

    #[test]
    fn no_antecedent_is_unresolved() {
        let found = Engine::default().extract("وأضاف أن الطريق مغلق.");
        let a = &found.attributions[0];
        assert_eq!(a.source.kind.as_str(), "unresolved");
        assert_eq!(a.source.span, None);
    }
}
