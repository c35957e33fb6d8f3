//! Pieces shared by the rule kinds: the frame between a cue and what it
//! introduces, the fields inside that frame, and the extent of a reported
//! clause.

use crate::extract::context::{Ctx, Np};
use crate::text::arabic::without_article;
use crate::text::Tok;

/// Longest frame, in tokens, between a cue and its opener. Long enough for
/// a name, a title and a relative clause («وأضاف وزير الري الزمرداني، الذي
/// زار السد في وقت سابق يوم الثلاثاء مع رئيس لجنة الطوارئ في الولاية، في
/// تغريدته أن» is 21 tokens), short enough that a cue does not reach into an
/// unrelated clause.
pub const MAX_FRAME: usize = 32;

/// What introduces the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opener {
    /// A complementizer (إن، أن، بأن ...) at this token.
    Complement(usize),
    /// A quotation (index into `Text::quotes`).
    Quote(usize),
    /// A colon at this token, followed by unquoted words.
    Colon(usize),
    /// A nominal complement after the cue's preposition (طالب بإقالة),
    /// starting at this token.
    Nominal(usize),
}

impl Opener {
    pub fn name(self) -> &'static str {
        match self {
            Opener::Complement(_) => "complement",
            Opener::Quote(_) => "quote",
            Opener::Colon(_) => "colon",
            Opener::Nominal(_) => "nominal",
        }
    }
}

/// What opens the content after the cue at token `i`, for a rule of
/// `kind`: the opener, where the frame ends, the token bound, and the id of
/// the rule that takes that opener. Nothing when the frame has no opener,
/// the cue does not accept it, or no enabled rule of `kind` takes it.
pub fn open(ctx: &Ctx<'_>, i: usize, kind: &str) -> Option<(Opener, usize, usize, String)> {
    let limit = limit_for(ctx, i);
    let (opener, frame_end) = find_opener(ctx, i, limit)?;
    if !accepts(ctx, i, opener) {
        return None;
    }
    let rule = ctx.lex.rule(kind, Some(opener.name()))?.to_string();
    Some((opener, frame_end, limit, rule))
}

/// Does the cue at token `i` accept this opener? (A pack entry may
/// restrict a cue to some openers: بين only before أن.)
pub fn accepts(ctx: &Ctx<'_>, i: usize, opener: Opener) -> bool {
    let Some((form, _)) = ctx.cue_at[i] else {
        return false;
    };
    let allowed = &ctx.lex.cues[form.cue as usize].openers;
    allowed.is_empty() || allowed.iter().any(|o| o == opener.name())
}

/// The token bound for anything that starts at token `i`: a cue inside a
/// quotation cannot reach past the quotation's end.
pub fn limit_for(ctx: &Ctx<'_>, i: usize) -> usize {
    match ctx.t.in_quote[i] {
        Some(q) => ctx.t.quotes[q as usize].end_tok,
        None => ctx.t.tokens.len(),
    }
}

/// Is token `j` a complementizer that opens reported speech? Returns the
/// token after which the content starts.
pub fn complement_at(ctx: &Ctx<'_>, j: usize, limit: usize) -> Option<usize> {
    let t = &ctx.t;
    if !t.is_word(j) {
        return None;
    }
    let w = t.norm(j);
    if ctx.lex.complementizers.contains(w) {
        // قبل أن، بعد أن: a conjunction, not reported speech.
        if j > 0 && t.is_word(j - 1) && ctx.lex.an_conjunctions.contains(t.norm(j - 1)) {
            return None;
        }
        return Some(j);
    }
    if ctx.lex.complement_preps.contains(w) && j + 1 < limit && t.is_word(j + 1) {
        let next = t.norm(j + 1);
        if ctx.lex.complementizers.contains(next) && !next.starts_with('ب') {
            return Some(j + 1);
        }
    }
    None
}

/// True if token `j` is a cue that opens an attribution of its own (used
/// to end a clause before «وأضاف أن ...» or «، مضيفا أن ...»).
pub fn starts_attribution(ctx: &Ctx<'_>, j: usize, after_comma: bool) -> bool {
    match ctx.cue_at.get(j).copied().flatten() {
        Some((form, clitic)) => {
            if clitic || form.participle || after_comma {
                return find_opener(ctx, j, limit_for(ctx, j)).is_some();
            }
            // «... 66 قتيلا من جهة أخرى أفاد مصدر أمني بأن ...»: a bare
            // cue followed by its own subject and an opener starts a new
            // sentence even where the copy has no full stop.
            // (Not inside a relative clause «الذي قالت الشرطة إنه», not
            // after a particle «قد أبلغت», not an imperfect «يبلغ».)
            let prev_free =
                j > 0 && t_is_plain(ctx, j - 1) && !ctx.t.norm(j).starts_with(['ي', 'ت']);
            prev_free
                && t_word_after(ctx, j)
                && find_opener(ctx, j, limit_for(ctx, j))
                    .is_some_and(|(o, end)| end > j + 2 && !matches!(o, Opener::Quote(_)))
        }
        None => false,
    }
}

/// True when token `k` is a word that is neither a relative pronoun nor a
/// particle.
fn t_is_plain(ctx: &Ctx<'_>, k: usize) -> bool {
    ctx.t.is_word(k) && {
        let w = ctx.t.norm(k);
        !ctx.lex.relatives.contains(w)
            && !ctx.lex.particles.contains(w)
            && !matches!(
                w,
                "قد" | "لقد"
                    | "وقد"
                    | "كان"
                    | "وكان"
                    | "كما"
                    | "مثلما"
                    | "حسبما"
                    | "وهو"
                    | "وهي"
                    | "ثم"
            )
    }
}

/// True when token `j + 1` is a word that can start a subject (not a
/// complementizer, preposition or particle).
fn t_word_after(ctx: &Ctx<'_>, j: usize) -> bool {
    let t = &ctx.t;
    j + 1 < t.tokens.len() && t.is_word(j + 1) && {
        let w = t.norm(j + 1);
        !ctx.lex.complementizers.contains(w)
            && !ctx.lex.complement_preps.contains(w)
            && !ctx.lex.adjunct_starts.contains(w)
            && !ctx.lex.particles.contains(w)
            && !ctx.lex.time_starts.is_single(w)
    }
}

/// Walk the frame after the cue at `cue` looking for what introduces the
/// content. Returns the opener and the token where the frame ends.
///
/// The frame may hold the source, an addressee, a time, a channel and a
/// relative clause. It ends without an opener at a sentence end, at the end
/// of a paragraph (unless the paragraph ends with a colon and the next one
/// opens a quote), or at another finite cue.
pub fn find_opener(ctx: &Ctx<'_>, cue: usize, limit: usize) -> Option<(Opener, usize)> {
    let t = &ctx.t;
    let mut j = cue + 1;
    let mut words = 0;
    // A short quotation in the frame may be a name (صحيفة "صن" البريطانية،
    // لـ"الوطن") rather than the content: remember it and look further; it
    // is the opener only if nothing else opens the content.
    let mut fallback: Option<(Opener, usize)> = None;
    // An event noun after the source (أعلنت الشرطة اعتقال ...): the
    // opener unless a complement comes later in the frame.
    let mut head_at: Option<usize> = None;
    let cue_is_saying =
        ctx.cue_at[cue].is_some_and(|(form, _)| ctx.lex.cues[form.cue as usize].lemma == "قال");
    let verbal_noun_cue =
        ctx.cue_at[cue].is_some_and(|(form, _)| ctx.lex.cues[form.cue as usize].verbal_noun_object);
    let participle = ctx.cue_at[cue].is_some_and(|(form, _)| form.participle);
    let found = 'scan: {
        while j < limit && words <= MAX_FRAME {
            let tok = t.tokens[j];
            match tok.kind {
                Tok::Stop => break 'scan fallback,
                Tok::Break => {
                    let after_colon = j > 0 && t.tokens[j - 1].kind == Tok::Colon;
                    let quote_next = t.opens.get(j + 1).copied().flatten().is_some();
                    if !(after_colon && quote_next) {
                        break 'scan fallback;
                    }
                }
                Tok::Quote(_) => {
                    let Some(q) = t.opens[j] else {
                        break 'scan fallback;
                    };
                    let q = q as usize;
                    let quote = &t.quotes[q];
                    if quote.end <= quote.start {
                        break 'scan fallback;
                    }
                    let after_prep =
                        j > 0 && t.is_word(j - 1) && matches!(t.norm(j - 1), "ل" | "ب");
                    let short = ctx.src[quote.start..quote.end].split_whitespace().count() <= 6;
                    let continues = quote.close.is_some_and(|c| {
                        c + 1 < limit
                            && matches!(
                                t.tokens[c + 1].kind,
                                Tok::Word | Tok::Comma | Tok::Colon | Tok::Quote(_)
                            )
                    });
                    if (after_prep || short) && continues {
                        // (A quoted word or two with text after it is a
                        // name or a term, never what was said.)
                        let quoted = ctx.src[quote.start..quote.end].split_whitespace().count();
                        if fallback.is_none() && !after_prep && quoted > 2 {
                            fallback = Some((Opener::Quote(q), j));
                        }
                        j = quote.close.unwrap_or(j) + 1;
                        words += 1;
                        continue;
                    }
                    break 'scan Some((Opener::Quote(q), j));
                }
                Tok::Colon => {
                    let next = j + 1;
                    if next < limit && t.is_word(next) {
                        break 'scan Some((Opener::Colon(j), j));
                    }
                }
                Tok::Word => {
                    words += 1;
                    if let Some(c) = complement_at(ctx, j, limit) {
                        // «نفى الوزير تأجيل أن ...» is no construction: the أن
                        // right after the event noun belongs to it.
                        if let Some(h) = head_at.filter(|&h| j == h + 1) {
                            break 'scan Some((Opener::Nominal(h), h));
                        }
                        break 'scan Some((Opener::Complement(c), j));
                    }
                    if let Some((form, _)) = ctx.cue_at[j] {
                        // «وتابع قائلا: ...»: a participle of قال inside the
                        // frame only restates the cue. Any other cue starts an
                        // attribution of its own.
                        let is_saying = ctx.lex.cues[form.cue as usize].lemma == "قال";
                        if !(form.participle && is_saying) {
                            break 'scan fallback;
                        }
                    }
                    if let Some(p) = nominal_at(ctx, cue, j) {
                        break 'scan Some((Opener::Nominal(p), j));
                    }
                    // «وأكد الوزير ضرورة تطوير ...»: a verbal noun after the
                    // source opens a nominal content.
                    // With a possessive pronoun too (قلقها، ترحيبه).
                    let w = t.norm(j);
                    let head = ctx.lex.object_heads.contains(w)
                        || ["هما", "هم", "ها", "ه"].iter().any(|p| {
                            w.strip_suffix(p).is_some_and(|stem| {
                                ctx.lex.object_heads.contains(stem)
                                    || stem.strip_suffix('ت').is_some_and(|s| {
                                        ctx.lex.object_heads.contains(&format!("{s}ه"))
                                    })
                            })
                        });
                    if j > cue + 1 && head {
                        break 'scan Some((Opener::Nominal(j), j));
                    }
                    // «وأعلنت الشرطة اعتقال ...»: a verbal noun of an event, when
                    // the word before it can end the source (not a
                    // preposition's object such as لوقف or بحدوث, not an
                    // accusative such as مديرا). Only a later complement
                    // overrides it (هيئة الرقابة على تعيين الموظفين إن ...).
                    // (Not for قال, which reports words, not events: «وقال
                    // ترامب بعد وفاة والده: ...».)
                    if j > cue + 1
                        && head_at.is_none()
                        && !cue_is_saying
                        && ctx.lex.event_heads.contains(t.norm(j))
                    {
                        let prev = t.norm(j - 1);
                        let ends_source = !t.is_word(j - 1)
                            || !(prev.starts_with(['ل', 'ب'])
                                || prev.ends_with('ا') && prev.chars().count() > 3
                                || ctx.lex.source_breaks.contains(prev)
                                || ctx.lex.adjunct_starts.contains(prev));
                        if ends_source {
                            head_at = Some(j);
                        }
                    }
                    // «أعلنت الشركة تسجيل أرباح»، «أكد السيسي انفتاح بلاده»،
                    // «مؤكدا استمرار الدعم»: for a cue that reports with a
                    // verbal noun, a derived-verb noun without the article
                    // after a word that ends a name (a definite word, a time,
                    // punctuation), or right after a participle.
                    if head_at.is_none() && verbal_noun_cue {
                        let ends_name = if j == cue + 1 {
                            participle
                        } else {
                            let prev = t.norm(j - 1);
                            !t.is_word(j - 1)
                                || (prev.starts_with("ال")
                                    && !ctx.lex.adjunct_starts.contains(prev))
                                || ctx.lex.time_continues.contains(prev)
                        };
                        if ends_name && verbal_noun(t.norm(j)) {
                            head_at = Some(j);
                        }
                    }
                }
                _ => {}
            }
            j += 1;
        }
        fallback
    };
    // An event noun opens the content unless a complement came later.
    match (head_at, found) {
        (_, Some((Opener::Complement(_), _))) | (None, _) => found,
        (Some(h), _) => Some((Opener::Nominal(h), h)),
    }
}

/// True if a normalised word has the shape of a verbal noun of a derived
/// verb (تسجيل، مشاركة، إعلان، انسحاب، اعتقال، استمرار، تعاون), with or
/// without a possessive pronoun, or is a feminine noun carrying one
/// (موافقتها، مسؤوليته). Words with the article are not objects here.
pub fn verbal_noun(w: &str) -> bool {
    if w.starts_with("ال") || w.len() < 8 || w.len() > 22 {
        // Under four or over eleven Arabic letters: no pattern below.
        return false;
    }
    let mut buf = ['\0'; 11];
    let mut n = 0;
    for c in w.chars() {
        if n == buf.len() {
            return false;
        }
        buf[n] = c;
        n += 1;
    }
    let chars = &buf[..n];
    let pattern = |s: &[char], suffixed: bool| {
        let n = s.len();
        let at = |i: usize, c: char| s.get(i) == Some(&c);
        // A feminine noun with a possessive pronoun: موافقت|ها.
        (suffixed && n >= 4 && s[n - 1] == 'ت')
            // تفعيل
            || (n == 5 && at(0, 'ت') && at(3, 'ي'))
            // مفاعلة
            || (n == 6 && at(0, 'م') && at(2, 'ا') && at(5, 'ه'))
            // إفعال
            || (n == 5 && at(0, 'ا') && at(3, 'ا'))
            // انفعال، افتعال
            || (n == 6 && at(0, 'ا') && (at(1, 'ن') || at(2, 'ت')) && at(4, 'ا'))
            // استفعال
            || (n == 7 && s.starts_with(&['ا', 'س', 'ت']) && at(5, 'ا'))
            // تفاعل
            || (n == 5 && at(0, 'ت') && at(2, 'ا'))
    };
    pattern(chars, false)
        || [&['ه', 'م', 'ا'][..], &['ه', 'م'], &['ه', 'ا'], &['ه']]
            .iter()
            .any(|suffix| {
                chars.len() > suffix.len() + 3
                    && chars.ends_with(suffix)
                    && pattern(&chars[..chars.len() - suffix.len()], true)
            })
}

/// A cue whose pack entry lists complement prepositions (طالب بـ، دعا إلى،
/// حذر من، أعرب عن) reports a nominal content after that preposition: is
/// token `j` that preposition? Returns the token where the content starts
/// (the token after a separate preposition, or `j` itself for an attached
/// بـ, which stays part of the content as annotators mark it).
pub fn nominal_at(ctx: &Ctx<'_>, cue: usize, j: usize) -> Option<usize> {
    let (form, _) = ctx.cue_at[cue]?;
    let preps = &ctx.lex.cues[form.cue as usize].preps;
    if preps.is_empty() {
        return None;
    }
    let t = &ctx.t;
    let w = t.norm(j);
    for p in preps {
        // The preposition, then a word or a quotation («إلى "تحقيق شامل"»).
        if w == p && j + 1 < t.tokens.len() && (t.is_word(j + 1) || t.opens[j + 1].is_some()) {
            return Some(j + 1);
        }
        if p == "ب"
            && w.starts_with('ب')
            && w.chars().count() >= 3
            && !ctx.lex.complementizers.contains(w)
        {
            // بإقالة، بتحقيق: an attached بـ before a verbal noun. A word
            // that merely starts with ب (بريطانيا) right after the verb is
            // more likely the subject, so there the بـ must carry ال.
            // Verbal nouns of the derived forms start with ا or ت
            // (باستقالة، بتعويض); بريطانيا does not.
            let rest = &w['ب'.len_utf8()..];
            if j > cue + 1
                || rest.starts_with("ال")
                || rest.starts_with('ا')
                || rest.starts_with('ت')
            {
                return Some(j);
            }
        }
    }
    None
}

/// The extent of a reported clause starting at token `from`: up to the
/// sentence end, the paragraph end, or a cue that opens an attribution of
/// its own. Quotations inside are skipped whole. Returns the byte span and
/// whether a quotation was inside.
pub fn clause(ctx: &Ctx<'_>, from: usize, limit: usize) -> Option<((usize, usize), bool)> {
    let t = &ctx.t;
    let mut j = from;
    let mut last: Option<usize> = None;
    let mut has_quote = false;
    while j < limit {
        let tok = t.tokens[j];
        match tok.kind {
            Tok::Stop | Tok::Break => break,
            Tok::Quote(_) => match t.opens[j] {
                Some(q) => {
                    let q = &t.quotes[q as usize];
                    has_quote = true;
                    match q.close {
                        Some(c) if c < limit => {
                            last = Some(c);
                            j = c + 1;
                            continue;
                        }
                        _ => {
                            // Unclosed: the clause ends with the paragraph.
                            if q.end_tok > j + 1 {
                                last = Some(q.end_tok - 1);
                            }
                            break;
                        }
                    }
                }
                None => break,
            },
            Tok::Comma => {
                // After a comma: a new attribution, a clause of the writer's
                // (وذلك، فيما), or a verb with فـ that carries the story on
                // (، فردت الحكومة).
                let next_fa = t.is_word(j + 1) && {
                    let w = t.norm(j + 1);
                    w.starts_with('ف')
                        && !w.starts_with("فان")
                        && !w.starts_with("في")
                        && w.chars().count() > 3
                };
                // «…، كما أوضح أن …»، «…، لكنه أكد أيضا أن …»: a connector
                // and then a new attribution.
                let connector = t.is_word(j + 1)
                    && matches!(
                        t.norm(j + 1),
                        "كما"
                            | "لكن"
                            | "لكنه"
                            | "لكنها"
                            | "ولكن"
                            | "ولكنه"
                            | "ولكنها"
                            | "ثم"
                    );
                if next_fa
                    || circumstantial_at(ctx, j + 1)
                    || starts_attribution(ctx, j + 1, true)
                    || connector && starts_attribution(ctx, j + 2, true)
                    || (t.is_word(j + 1)
                        && ctx
                            .lex
                            .clause_breaks
                            .starting(t.norm(j + 1))
                            .iter()
                            .any(|p| starts_with_phrase(ctx, j + 1, limit, p)))
                {
                    break;
                }
            }
            Tok::Word => {
                // «... مما جعل اللاعب يبحث عن فريق آخر»: the consequence is
                // the writer's (not «أكثر مما كان متوقعا»).
                let consequence = t.norm(j) == "مما"
                    && t.is_word(j + 1)
                    && ctx.lex.consequence_verbs.contains(t.norm(j + 1));
                if j > from
                    && (starts_attribution(ctx, j, false)
                        || super::according_to::starts_at(ctx, j)
                        || consequence)
                {
                    break;
                }
                last = Some(j);
            }
            _ => {
                if j > from {
                    last = Some(j);
                }
            }
        }
        j += 1;
    }
    let last = last?;
    let start = t.tokens[from].start as usize;
    let mut end = t.tokens[last].end as usize;
    // Trailing punctuation belongs to the sentence, not the content.
    let mut k = last;
    while k > from && matches!(t.tokens[k].kind, Tok::Comma | Tok::Colon | Tok::Other) {
        let Some(q) = k.checked_sub(1) else { break };
        if matches!(t.tokens[k].kind, Tok::Other)
            && ctx.src[t.tokens[k].start as usize..t.tokens[k].end as usize].starts_with(')')
        {
            break;
        }
        k = q;
        end = t.tokens[k].end as usize;
    }
    if end <= start {
        return None;
    }
    Some(((start, end), has_quote))
}

/// The fields found in a frame.
#[derive(Debug, Clone, Copy, Default)]
pub struct Fields {
    pub source: Option<Np>,
    pub addressee: Option<(usize, usize)>,
    pub time: Option<(usize, usize)>,
    pub channel: Option<(usize, usize)>,
    /// An anonymity phrase (طلب عدم نشر اسمه) occurs in the frame.
    pub anonymous: bool,
}

/// True if token `i` is an indefinite active participle in the accusative
/// (رافعا، معربا، مشيدا): after a comma it opens a circumstance of the
/// writer's sentence («…، رافعا الشكر للقيادة»), not more of what was said.
/// Form I participles have ا as their second letter (رافعا), the derived
/// forms start with م (معربا); adverbs of the lexicon (حاليا، أيضا) are not
/// participles.
fn circumstantial_at(ctx: &Ctx<'_>, i: usize) -> bool {
    if !ctx.t.is_word(i) {
        return false;
    }
    let w = ctx.t.norm(i);
    let Some(stem) = w.strip_suffix('ا') else {
        return false;
    };
    // قاموا (a plural verb), وإنها، فإننا (a particle with a pronoun),
    // وإنما، طالما، مثلما (a particle with ما) and adverbs (وأيضا) are not
    // participles.
    if stem.ends_with(['و', 'ه', 'ن', 'م'])
        || ctx.lex.adverbs.contains(w)
        || w.strip_prefix(['و', 'ف'])
            .is_some_and(|r| ctx.lex.adverbs.contains(r))
    {
        return false;
    }
    let letters: Vec<char> = stem.chars().collect();
    match letters.as_slice() {
        [_, 'ا', _, _] => true,
        ['م', rest @ ..] => rest.len() >= 3,
        _ => false,
    }
}

fn starts_with_phrase(ctx: &Ctx<'_>, i: usize, to: usize, phrase: &[String]) -> bool {
    ctx.t.phrase_at(i, to, phrase)
}

/// Length in tokens of the time expression starting at `i`, if any.
pub fn time_at(ctx: &Ctx<'_>, i: usize, to: usize) -> Option<usize> {
    let t = &ctx.t;
    if !t.is_word(i) {
        return None;
    }
    let start = ctx
        .lex
        .time_starts
        .starting(t.norm(i))
        .iter()
        .find(|p| starts_with_phrase(ctx, i, to, p))?;
    let mut k = i + start.len();
    while k < to && t.is_word(k) {
        let w = t.norm(k);
        let is_digit = w.chars().next().is_some_and(|c| c.is_ascii_digit());
        if ctx.lex.time_continues.contains(w) || is_digit || ctx.lex.time_starts.is_single(w) {
            k += 1;
        } else {
            break;
        }
    }
    Some(k - i)
}

/// An addressee introduced by ل: لنظيره، للصحفيين، لرويترز, or a detached لـ.
fn addressee_at(ctx: &Ctx<'_>, i: usize, to: usize) -> bool {
    let t = &ctx.t;
    let w = t.norm(i);
    if w == "ل" {
        return i + 1 < to && (t.is_word(i + 1) || matches!(t.tokens[i + 1].kind, Tok::Quote(_)));
    }
    let rest = if let Some(r) = w.strip_prefix("لل") {
        // للصحفيين = ل + الصحفيين; للرئيس = ل + الرئيس.
        return ctx.lex.addressee_heads_bare.contains(r)
            || ctx.lex.addressee_heads.contains(r)
            || ctx.lex.titles.contains(r);
    } else if let Some(r) = w.strip_prefix('ل') {
        r
    } else {
        return false;
    };
    ctx.lex.addressee_heads.contains(rest)
}

fn is_marker(ctx: &Ctx<'_>, i: usize, to: usize) -> bool {
    let t = &ctx.t;
    if !t.is_word(i) {
        return t.tokens[i].kind == Tok::Comma;
    }
    let w = t.norm(i);
    ctx.lex.relatives.contains(w)
        || ctx.lex.according_to_first.contains(w)
        || time_at(ctx, i, to).is_some()
        || channel_at(ctx, i, to)
        || addressee_at(ctx, i, to)
}

pub(crate) fn channel_at(ctx: &Ctx<'_>, i: usize, to: usize) -> bool {
    let t = &ctx.t;
    let w = t.norm(i);
    if ctx.lex.channel_preps.contains(w) && i + 1 < to && t.is_word(i + 1) {
        let head = t.norm(i + 1);
        let bare = head.strip_prefix("ال").unwrap_or(head);
        // «على موقع "تويتر"»، «على موقعه الرسمي»: a website, where «في موقع
        // الحادث» is a place.
        let website = w == "علي" && bare.starts_with("موقع");
        return website
            || ctx.lex.channel_heads.contains(head)
            || ctx.lex.channel_heads.contains(bare);
    }
    // «وكتب على "تويتر"»: a quoted channel name after the preposition.
    if ctx.lex.channel_preps.contains(w) && i + 2 < to && t.is_word(i + 2) {
        if let Some(q) = t.opens[i + 1] {
            let q = &t.quotes[q as usize];
            if q.close == Some(i + 3) {
                return ctx.lex.channel_heads.contains(t.norm(i + 2));
            }
        }
    }
    // بيان، تصريح with an attached preposition: ببيان، بتصريح
    if let Some(r) = w.strip_prefix('ب') {
        return ctx.lex.channel_heads.contains(r);
    }
    false
}

/// If the words from `i` up to the next comma or the frame's end hold no
/// field marker, adverb or preposition and number at most eight, they are
/// an apposition: return the token after them.
fn apposition(ctx: &Ctx<'_>, i: usize, to: usize) -> Option<usize> {
    let t = &ctx.t;
    let lex = ctx.lex;
    let mut k = i;
    while k < to && t.is_word(k) {
        let w = t.norm(k);
        if is_marker(ctx, k, to)
            || ctx.lex.adverbs.contains(w)
            || lex.adjunct_starts.contains(w)
            || lex.particles.contains(w)
            || ctx.cue_at[k].is_some()
        {
            return None;
        }
        k += 1;
    }
    let n = k - i;
    let ends_well = k >= to || t.tokens[k].kind == Tok::Comma;
    (n > 0 && n <= 8 && ends_well).then_some(k)
}

/// The noun phrase of tokens `[a, b)`.
pub fn np(ctx: &Ctx<'_>, a: usize, b: usize) -> Np {
    let (start, end) = span(ctx, a, b);
    Np {
        a,
        b,
        start,
        end,
        skip: 0,
    }
}

/// Build the byte span of tokens `[a, b)`.
fn span(ctx: &Ctx<'_>, a: usize, b: usize) -> (usize, usize) {
    (
        ctx.t.tokens[a].start as usize,
        ctx.t.tokens[b - 1].end as usize,
    )
}

/// Split the frame `[from, to)` into source, addressee, time, channel and
/// relative clause. With `want_source` false (participles, relayed
/// statements' tails) no source is taken.
pub fn fields(ctx: &Ctx<'_>, from: usize, to: usize, want_source: bool) -> Fields {
    let mut w = Walk {
        ctx,
        from,
        to,
        f: Fields::default(),
        src_a: None,
        src_b: 0,
        src_closed: !want_source,
    };
    w.f.anonymous = (from..to).any(|k| {
        ctx.t.is_word(k)
            && ctx
                .lex
                .anonymity_phrases
                .starting(ctx.t.norm(k))
                .iter()
                .any(|p| starts_with_phrase(ctx, k, to, p))
    });
    let mut i = from;
    while i < to {
        i = w.step(i);
    }
    w.finish()
}

/// The walk through a frame that [`fields`] makes: each step takes one
/// field (or one word of the source) and says where the next starts.
struct Walk<'c, 'a> {
    ctx: &'c Ctx<'a>,
    from: usize,
    to: usize,
    f: Fields,
    /// The source's first token and the token after it, once started.
    src_a: Option<usize>,
    src_b: usize,
    /// The source has ended (or none is wanted).
    src_closed: bool,
}

impl Walk<'_, '_> {
    /// Whatever field starts at token `i` ends a source already started.
    fn end_source(&mut self) {
        if self.src_a.is_some() {
            self.src_closed = true;
        }
    }

    /// Take what starts at token `i`; returns the token after it.
    fn step(&mut self, i: usize) -> usize {
        let (ctx, to) = (self.ctx, self.to);
        let t = &ctx.t;
        let lex = ctx.lex;
        if t.tokens[i].kind != Tok::Word {
            return self.punctuation(i);
        }
        let w = t.norm(i);
        if ctx.cue_at[i].is_some_and(|(f, _)| f.participle) {
            // «وتابع قائلا»: the participle is not part of any field.
            self.end_source();
            return i + 1;
        }
        if lex.relatives.contains(w) {
            self.end_source();
            // A relative clause runs to the next comma.
            let mut k = i;
            while k < to && t.tokens[k].kind != Tok::Comma {
                k += 1;
            }
            return k;
        }
        if let Some(len) = time_at(ctx, i, to) {
            if self.f.time.is_none() {
                self.f.time = Some(span(ctx, i, i + len));
            }
            self.end_source();
            return i + len;
        }
        if channel_at(ctx, i, to) {
            let end = self.channel_end(i);
            if self.f.channel.is_none() {
                self.f.channel = Some(span(ctx, i, end));
            }
            self.end_source();
            return end;
        }
        if self.lone_l(i) || addressee_at(ctx, i, to) {
            let end = self.addressee_end(i);
            if self.f.addressee.is_none() {
                self.f.addressee = Some(span(ctx, i, end.min(to)));
            }
            self.end_source();
            return end;
        }
        if self.src_a.is_none()
            && (lex.adjunct_starts.contains(w)
                || lex.particles.contains(w)
                || lex.adverbs.contains(w)
                || w.starts_with("بال")
                || lex.according_to_first.contains(w))
        {
            return self.adjunct_end(i);
        }
        if !self.src_closed {
            // «وقالت الصحيفة نقلا عن مصادر حكومية إن»: a taken
            // according-to phrase ends the source too.
            if self.src_a.is_some()
                && (lex.adverbs.contains(w)
                    || lex.source_breaks.contains(w)
                    || ctx.acc_start.get(i).copied().unwrap_or(false))
            {
                self.src_closed = true;
                return i + 1;
            }
            if self.src_a.is_none() {
                self.src_a = Some(i);
            }
            self.src_b = i + 1;
        }
        i + 1
    }

    /// A quote mark or other punctuation at token `i`.
    fn punctuation(&mut self, i: usize) -> usize {
        let t = &self.ctx.t;
        let tok = t.tokens[i];
        // «وطالب "الفوزان" الشباب بـ...»: a quoted name that opens the
        // source is all of it, unless a nisba adjective follows it
        // («"الوطن" السعودية»).
        if matches!(tok.kind, Tok::Quote(_)) && self.src_a.is_some() && !self.src_closed {
            let opened_source = self
                .src_a
                .and_then(|a| a.checked_sub(1))
                .and_then(|o| t.opens[o].and_then(|q| t.quotes[q as usize].close));
            if opened_source == Some(i) {
                let nisba = t.is_word(i + 1) && {
                    let n = t.norm(i + 1);
                    n.starts_with("ال") && (n.ends_with('ي') || n.ends_with("يه"))
                };
                if !nisba {
                    self.src_closed = true;
                }
            }
        }
        if tok.kind == Tok::Comma && self.src_a.is_some() && !self.src_closed {
            // «السفير السعودي لدى بريطانيا، الأمير محمد بن نواف، أن»: a
            // segment between commas with no field marker is an
            // apposition of the source and belongs to it.
            match apposition(self.ctx, i + 1, self.to) {
                Some(end) => {
                    self.src_b = end;
                    return end;
                }
                None => self.src_closed = true,
            }
        }
        i + 1
    }

    /// Where the channel that starts at token `i` ends.
    fn channel_end(&self, i: usize) -> usize {
        let (ctx, to) = (self.ctx, self.to);
        let t = &ctx.t;
        let mut i = i + 1;
        loop {
            // «عبر حسابه بموقع "تويتر"»: a second channel word goes on
            // with the same channel.
            while i < to && t.is_word(i) && (!is_marker(ctx, i, to) || channel_at(ctx, i, to)) {
                i += 1;
            }
            // A quoted name inside the channel («عبر حسابه في "تويتر"»,
            // «في مقابلة مع "العربية"») is part of it.
            let quoted_name = (i < to)
                .then(|| t.opens[i])
                .flatten()
                .map(|q| &t.quotes[q as usize])
                .filter(|q| {
                    q.close.is_some_and(|c| c < to)
                        && ctx.src[q.start..q.end].split_whitespace().count() <= 3
                });
            match quoted_name.and_then(|q| q.close) {
                Some(c) => i = c + 1,
                None => return i,
            }
        }
    }

    /// «قال لبوتين إن ...»: a ل-word standing alone between the cue and
    /// its opener is whom the words were addressed to. Only where a
    /// subject stands before the verb (المدير قال لنائبه): in «وقالت ليلى
    /// إن» the ل-word is the speaker.
    fn lone_l(&self, i: usize) -> bool {
        let ctx = self.ctx;
        let w = ctx.t.norm(i);
        self.src_a.is_none()
            && i + 1 == self.to
            && w.starts_with('ل')
            && !w.starts_with("لل")
            && w.chars().count() > 2
            && self.from > 0
            && ctx.cue_at[self.from - 1].is_some_and(|(_, clitic)| !clitic)
            && preposed_subject(ctx, self.from - 1).is_some()
    }

    /// Where the addressee that starts at token `i` ends.
    fn addressee_end(&self, i: usize) -> usize {
        let (ctx, to) = (self.ctx, self.to);
        let t = &ctx.t;
        let outlet_like = self.src_a.is_none() && !self.src_closed;
        let w = t.norm(i);
        let mut i = i + 1;
        if w == "ل" {
            // لـ«الضفتين»: the quoted outlet name is the addressee.
            match t.opens[i].map(|q| &t.quotes[q as usize]) {
                Some(q) if q.close.is_some_and(|c| c < to) => i = q.close.unwrap_or(i) + 1,
                _ => i += 1,
            }
        }
        while i < to && t.is_word(i) && !is_marker(ctx, i, to) {
            // Before the source is found, an addressee is the ل-word and
            // its ال-adjectives only: «وقال لوكالة الشمال مسؤول كبير».
            if outlet_like && !t.norm(i).starts_with("ال") {
                break;
            }
            i += 1;
        }
        i
    }

    /// An adjunct before any source (في هذا الصدد، أيضا) is skipped: a
    /// prepositional phrase runs to the next marker; an adverb or a
    /// particle is one word.
    fn adjunct_end(&self, i: usize) -> usize {
        let (ctx, to) = (self.ctx, self.to);
        let (t, lex) = (&ctx.t, ctx.lex);
        let w = t.norm(i);
        let one_word = lex.adverbs.contains(w) || lex.particles.contains(w);
        let mut i = i + 1;
        if !one_word {
            while i < to
                && t.is_word(i)
                && !is_marker(ctx, i, to)
                && !lex.adjunct_starts.contains(t.norm(i))
            {
                i += 1;
            }
        }
        i
    }

    /// The fields found, the source without a preposition at its end (a
    /// detached لـ before a quotation, a على before an opener that was not
    /// one).
    fn finish(mut self) -> Fields {
        let (t, lex) = (&self.ctx.t, self.ctx.lex);
        while self.src_a.is_some_and(|a| self.src_b > a + 1)
            && (matches!(t.norm(self.src_b - 1), "ل" | "ب")
                || lex.adjunct_starts.contains(t.norm(self.src_b - 1)))
        {
            self.src_b -= 1;
        }
        if let Some(a) = self.src_a {
            self.f.source = Some(np(self.ctx, a, self.src_b));
        }
        self.f
    }
}

/// The subject before a cue with no noun after it («الوزير قال إن ...»):
/// the words from the start of the clause to the cue, when they look like
/// a noun phrase.
pub fn preposed_subject(ctx: &Ctx<'_>, cue: usize) -> Option<Np> {
    let t = &ctx.t;
    // «لكن الجيش، الذي يسيطر على المدينة منذ أسابيع، قال إن»: a relative
    // clause or an apposition between commas separates the subject from its
    // verb; the subject ends at the first comma.
    if cue > 0 && t.tokens[cue - 1].kind == Tok::Comma {
        let mut k = cue - 1;
        while k > 0 && cue - k <= 30 {
            k -= 1;
            match t.tokens[k].kind {
                Tok::Comma => {
                    let opens = t.is_word(k + 1)
                        && (is_relative_pronoun(ctx, k + 1)
                            || ctx.lex.titles.contains(t.norm(k + 1))
                            || ctx.lex.titles.contains(without_article(t.norm(k + 1))));
                    return if opens && k > 0 && t.is_word(k - 1) {
                        subject_ending_at(ctx, k)
                    } else {
                        None
                    };
                }
                Tok::Word
                    if ctx.cue_at[k].is_some() || ctx.lex.complementizers.contains(t.norm(k)) =>
                {
                    return None
                }
                Tok::Word | Tok::Quote(_) | Tok::Other => {}
                _ => return None,
            }
        }
        return None;
    }
    subject_ending_at(ctx, cue)
}

/// The subject phrase that ends right before token `cue` (a cue, or the
/// comma that opens a clause between the subject and its cue).
fn subject_ending_at(ctx: &Ctx<'_>, cue: usize) -> Option<Np> {
    let t = &ctx.t;
    let lex = ctx.lex;
    // Back to the start of the clause: punctuation, a complementizer or
    // another cue.
    let mut a = cue;
    while a > 0 {
        let k = a - 1;
        if t.tokens[k].kind != Tok::Word
            || ctx.cue_at[k].is_some()
            || lex.complementizers.contains(t.norm(k))
        {
            break;
        }
        a = k;
        if cue - a > 9 {
            return None;
        }
    }
    // «وكان الوزير قد قال»: particles on either side are not the subject.
    let mut b = cue;
    while a < b && lex.particles.contains(t.norm(a)) {
        a += 1;
    }
    while b > a && lex.particles.contains(t.norm(b - 1)) {
        b -= 1;
    }
    if a >= b || b - a > 7 {
        return None;
    }
    // «ويأتي القرار بعد تقارير غربية أشارت إلى أن»: an indefinite report
    // or anonymous source right after the last preposition before the cue
    // (تقارير، أنباء، مصادر), with no preposition of its own, is described
    // by the cue: it is the source.
    let is_adjunct = |k: usize| {
        let w = t.norm(k);
        w != "في"
            && w != "من"
            && (lex.adjunct_starts.contains(w)
                || lex
                    .adjunct_starts
                    .contains(w.strip_prefix('و').unwrap_or(w)))
    };
    if let Some(k) = (a..b).rev().find(|&k| is_adjunct(k)) {
        let next = k + 1;
        let w = t.norm(next);
        if next < b
            && (lex.document_heads.contains(w) || lex.anonymous_heads.contains(w))
            && !(next + 1..b).any(|k| t.norm(k).starts_with(['ب', 'ل']) || t.norm(k) == "من")
        {
            a = next;
        }
    }
    let first = t.norm(a);
    let bare = first.strip_prefix('و').unwrap_or(first);
    if lex.adjunct_starts.contains(first) || lex.adjunct_starts.contains(bare) {
        return None;
    }
    // «للدجاج بعد تقارير غربية أشارت»: a prepositional phrase or an
    // adverbial clause is not a subject.
    // «فتردد قليلا ثم قال»: a word with فـ begins a clause of its own, not
    // a subject. (وـ cannot be told apart this way: وزير، وكالة.)
    let pp_start = first.starts_with("لل") || first.starts_with("بال") || first.starts_with('ف');
    let inner_adjunct = (a + 1..b).any(|k| {
        let w = t.norm(k);
        w != "في" && w != "من" && lex.adjunct_starts.contains(w)
    });
    if pp_start || inner_adjunct {
        return None;
    }
    Some(np(ctx, a, b))
}

/// True if token `i` is a relative pronoun of the الذي family, with or
/// without و (والذي، التي).
pub fn is_relative_pronoun(ctx: &Ctx<'_>, i: usize) -> bool {
    if !ctx.t.is_word(i) {
        return false;
    }
    let w = ctx.t.norm(i);
    let w = w.strip_prefix('و').unwrap_or(w);
    w.starts_with("ال") && ctx.lex.relatives.contains(w)
}

/// The antecedent of the relative pronoun at token `rel` when it is the
/// subject of a cue («وكان الطاهي الشهير، الذي أكد أن ...» → الطاهي
/// الشهير): the words right before it (a comma between is allowed), back
/// to punctuation, a cue, a complementizer or a preposition. Only a phrase
/// that names someone who can speak (a title, an organisation, a group, an
/// anonymous source, a document) or a short definite noun phrase is taken;
/// otherwise nothing.
pub fn antecedent(ctx: &Ctx<'_>, rel: usize) -> Option<Np> {
    let t = &ctx.t;
    let mut b = rel;
    if b > 0 && t.tokens[b - 1].kind == Tok::Comma {
        b -= 1;
    }
    // «دونيس المدير الفني للفريق في شهر رمضان والذي أبلغه»: when the words
    // right before the pronoun cannot speak and follow a preposition, the
    // antecedent is the phrase before that preposition.
    // (Only a phrase with a word that names a speaker counts there, not any
    // definite noun: «وتوقف العمل في شهر رمضان والذي قال».)
    match phrase_before(ctx, b, false) {
        Ok(np) => Some(np),
        Err(Some(adjunct)) => phrase_before(ctx, adjunct, true).ok(),
        Err(None) => None,
    }
}

/// The noun phrase that ends at token `b` (exclusive), when it names someone
/// who can speak. On failure, the preposition the phrase started after, if
/// it stopped at one.
fn phrase_before(ctx: &Ctx<'_>, b: usize, strict: bool) -> Result<Np, Option<usize>> {
    let t = &ctx.t;
    let lex = ctx.lex;
    let mut a = b;
    let mut stopped_at_adjunct = None;
    while a > 0 && b - a < 8 {
        let k = a - 1;
        if t.is_word(k) && lex.adjunct_starts.contains(t.norm(k)) {
            stopped_at_adjunct = Some(k);
            break;
        }
        if !t.is_word(k)
            || ctx.cue_at[k].is_some()
            || lex.complementizers.contains(t.norm(k))
            || lex.particles.contains(t.norm(k))
            || is_relative_pronoun(ctx, k)
        {
            break;
        }
        a = k;
    }
    // «وحضر الوزير الذي»: a sentence that opens with و or ف opens with its
    // verb (وزير is a title, not a verb).
    if b - a >= 2
        && (a == 0 || t.is_boundary(a - 1))
        && t.norm(a).starts_with(['و', 'ف'])
        && !lex.names_speaker(t.norm(a))
    {
        a += 1;
    }
    // «على لسان رئيستها النائبة ريم الساعدي، التي»: the phrase starts at
    // the title run nearest the pronoun when a name follows that run.
    let is_title = |k: usize| {
        let w = t.norm(k);
        lex.titles.contains(w) || lex.titles.contains(w.strip_prefix("ال").unwrap_or(w))
    };
    if let Some(mut k) = (a..b).rev().find(|&k| is_title(k)) {
        let name_after = k + 1 < b && !t.norm(k + 1).starts_with("ال");
        if name_after {
            while k > a && is_title(k - 1) {
                k -= 1;
            }
            a = k;
        }
    }
    if a >= b {
        return Err(stopped_at_adjunct);
    }
    let first = t.norm(a);
    if first.starts_with("لل") || first.starts_with("بال") {
        return Err(stopped_at_adjunct);
    }
    // A definite noun phrase of a few words (الطاهي الشهير) may speak too.
    let definite =
        !strict && first.starts_with("ال") && b - a <= 4 && !lex.non_sources.contains(first);
    let speaks = definite
        || (a..b).any(|k| {
            let w = t.norm(k);
            lex.names_speaker(w) || lex.names_speaker(w.strip_prefix('و').unwrap_or(w))
        });
    if !speaks {
        return Err(stopped_at_adjunct);
    }
    Ok(np(ctx, a, b))
}

/// The subject of the main verb of the sentence containing token `i`
/// («وأشاد المحافظ عادل منصور بالمتطوعين، قائلا ...» → المحافظ عادل منصور).
pub fn clause_subject(ctx: &Ctx<'_>, i: usize) -> Option<Np> {
    let t = &ctx.t;
    let mut s = i;
    while s > 0 && !t.is_boundary(s - 1) {
        s -= 1;
    }
    subject_after_verb(ctx, s, i)
}

/// The subject of the verb that opens the clause containing token `i`,
/// where a clause also starts after a comma and after a conjunction
/// («وفي ذات الوقت، فشلت محاولاته، فبينما حاولت دمشق الترويج إلى أن ...» →
/// دمشق). Falls back to the sentence's subject.
pub fn nearest_clause_subject(ctx: &Ctx<'_>, i: usize) -> Option<Np> {
    let t = &ctx.t;
    let lex = ctx.lex;
    let mut s = i;
    while s > 0 && !t.is_boundary(s - 1) && t.tokens[s - 1].kind != Tok::Comma {
        s -= 1;
    }
    while s < i && t.is_word(s) {
        let w = t.norm(s);
        let bare = w.strip_prefix(['و', 'ف']).unwrap_or(w);
        if lex.particles.contains(w)
            || lex.particles.contains(bare)
            || lex.clause_breaks.is_single(w)
            || lex.clause_breaks.is_single(bare)
        {
            s += 1;
        } else {
            break;
        }
    }
    subject_after_verb(ctx, s, i).or_else(|| clause_subject(ctx, i))
}

/// The noun phrase after the verb at token `s`, before token `i`.
fn subject_after_verb(ctx: &Ctx<'_>, s: usize, i: usize) -> Option<Np> {
    let t = &ctx.t;
    let lex = ctx.lex;
    // The first word is the verb; the subject follows it. A preposition
    // right after the verb means there is no subject noun.
    if !t.is_word(s) || t.is_word(s + 1) && t.norm(s + 1).starts_with('ب') {
        return None;
    }
    let a = s + 1;
    let mut b = a;
    while b < i && t.is_word(b) && b - a < 6 {
        let w = t.norm(b);
        // A ب-word after the subject starts a complement (بالمتطوعين،
        // بقانون), not more of the subject.
        if lex.adjunct_starts.contains(w)
            || w.starts_with("بال")
            || (b > a && w.starts_with('ب'))
            || w.starts_with("لل")
            || lex.relatives.contains(w)
            || lex.complementizers.contains(w)
            || ctx.cue_at[b].is_some()
        {
            break;
        }
        b += 1;
    }
    if b == a {
        return None;
    }
    Some(np(ctx, a, b))
}
