//! Rule kind `according-to`: a source adverbial.
//!
//! «وارتفع عدد المصابين إلى 40 شخصا، بحسب وزارة الصحة.» — the phrase (بحسب،
//! وفقا لـ، حسبما ذكرت، نقلا عن، على لسان) names the source; the content is the
//! clause it attaches to: the part of the sentence before the phrase, or the
//! part after the source when the phrase opens the sentence («ووفقا لمصادر
//! محلية، فإن الطريق أغلق»). A verb after حسبما/بحسب ما/وفقا لما is part of
//! the cue (حسبما ذكرت الوكالة).
//!
//! A phrase in the middle of a sentence after a short verb and subject
//! (at most five words: «واستهدفت الضربات، وفق ما نقلت الوكالة، مركز
//! البحوث») sources the longer rest of the sentence instead.
//!
//! Known misses: phrases about rules (وفقا للقانون) are excluded by a
//! list, so an unlisted rule word is taken as a source.

use super::frame;
use crate::extract::attribution::Mode;
use crate::extract::context::{Cand, Ctx, Np, SourceRef};
use crate::pack::Stance;
use crate::text::Tok;

/// Longest source noun phrase after an according-to phrase, in words.
const MAX_SOURCE: usize = 10;

pub(crate) fn run(ctx: &mut Ctx<'_>) {
    let Some(rule) = ctx.lex.rule("according-to", None) else {
        return;
    };
    let rule = rule.to_string();
    let n = ctx.t.tokens.len();
    for j in 0..n {
        if ctx.t.is_word(j) && ctx.lex.according_to_first.contains(ctx.t.norm(j)) {
            let first = ctx.t.norm(j);
            ctx.acc_start[j] = ctx
                .lex
                .according_to
                .iter()
                .any(|(_, words)| match_phrase(ctx, j, first, words).is_some());
        }
    }
    // Phrases that did not make an attribution (وفقا للقانون) must not end
    // other clauses: keep only the starts that were taken.
    let mut taken = vec![false; n];
    let mut i = 0;
    while i < n {
        if let Some(next) = try_at(ctx, i, &rule) {
            taken[i] = true;
            i = next;
        } else {
            i += 1;
        }
    }
    ctx.acc_start = taken;
}

/// Match a phrase at token `i`. Returns the token to continue from.
fn try_at(ctx: &mut Ctx<'_>, i: usize, rule: &str) -> Option<usize> {
    let t = &ctx.t;
    if !ctx.acc_start[i] {
        return None;
    }
    let first = t.norm(i);
    let (entry, phrase_len, attached_l) =
        ctx.lex.according_to.iter().find_map(|(entry, words)| {
            match_phrase(ctx, i, first, words).map(|(len, att)| (entry.clone(), len, att))
        })?;
    let limit = frame::limit_for(ctx, i);
    // Where the source starts: the token after the phrase, or inside it
    // (an attached لـ: وفقا لوزارة).
    let mut k = i + phrase_len;
    let mut skip = 0usize;
    if attached_l {
        k -= 1;
        // للرقابة = ل + الرقابة: the article's alef is gone, so the source
        // keeps the whole word rather than a mutilated «لرقابة». The ل is
        // split off only when the original text starts with the letter
        // itself (not a lam-alef ligature such as ﻷ, which folds to لأ).
        let original = &ctx.src[t.tokens[k].start as usize..];
        if !t.norm(k).starts_with("لل") && original.starts_with('ل') {
            skip = 'ل'.len_utf8();
        }
    }
    if k >= limit || !t.is_word(k) {
        return None;
    }
    let at = Phrase {
        i,
        k,
        skip,
        attached_l,
        limit,
    };
    let (s, cue_end, stance) = cue_verb(ctx, &at, phrase_len);
    let t = &ctx.t;
    if s >= limit || !t.is_word(s) {
        return None;
    }
    let e = source_end(ctx, s, limit);
    if e == s || !speaker_head(ctx, &at, s) {
        return None;
    }
    let src_start = if s == k && skip > 0 {
        skip_l(ctx.src, t.tokens[s].start as usize)
    } else {
        t.tokens[s].start as usize
    };
    let np = Np {
        a: s,
        b: e,
        start: src_start,
        end: t.tokens[e - 1].end as usize,
        skip: if s == k { skip } else { 0 },
    };
    let content = content_of(ctx, i, e, limit)?;
    if content.1 <= content.0 {
        return None;
    }
    let cue = (t.tokens[i].start as usize, cue_stop(ctx, &at, cue_end));
    ctx.cands.push(Cand {
        rule: rule.to_string(),
        mode: Mode::AccordingTo,
        cue_tok: i,
        cue,
        lemma: match entry.strip_suffix(" ل") {
            Some(head) => format!("{head} لـ"),
            None => entry.clone(),
        },
        stance,
        agree: None,
        source: SourceRef::Np(np),
        anonymous: false,
        content,
        quote: None,
        addressee: None,
        time: None,
        channel: None,
        unclosed: false,
    });
    Some(e)
}

/// Where an according-to phrase was matched: its first token `i`, the
/// token `k` where its source may start, the bytes of an attached ل to
/// skip there, and the token bound.
struct Phrase {
    i: usize,
    k: usize,
    skip: usize,
    attached_l: bool,
    limit: usize,
}

/// حسبما ذكرت / بحسب ما أفادت / وفقا لما أعلنته: the verb after the phrase
/// belongs to the cue and gives its stance. Returns the token where the
/// source starts, the cue's last token and the stance.
fn cue_verb(ctx: &mut Ctx<'_>, at: &Phrase, phrase_len: usize) -> (usize, usize, Stance) {
    let t = &ctx.t;
    let (k, limit) = (at.k, at.limit);
    let mut cue_end = if at.attached_l {
        k
    } else {
        k.saturating_sub(1)
    };
    let mut stance = Stance::Neutral;
    let ends_in_ma = t.norm(at.i + phrase_len - 1).ends_with("ما") && !at.attached_l;
    let mut s = k;
    // وفقا لما ذكرته: ل + ما, then the verb.
    if (!at.attached_l && t.norm(s) == "ما") || (at.attached_l && t.norm(s) == "لما") {
        s += 1;
    }
    if (ends_in_ma || s > k) && s < limit && t.is_word(s) {
        // The verb may carry the pronoun of ما (ذكرته، أعلنته).
        let w = t.norm(s);
        let form = ctx.cue_at[s].or_else(|| w.strip_suffix('ه').and_then(|r| ctx.lex.cue(r)));
        if let Some((form, _)) = form {
            stance = ctx.lex.cues[form.cue as usize].stance;
            ctx.claimed[s] = true;
        }
        cue_end = s;
        s += 1;
        // حسبما صرح به الوزير: the pronoun of ما after the verb.
        let t = &ctx.t;
        if s < limit && t.is_word(s) && matches!(t.norm(s), "به" | "بها" | "عنه" | "عنها")
        {
            cue_end = s;
            s += 1;
        }
    }
    (s, cue_end, stance)
}

/// The source from token `s`: words up to a comma, a stop, a field
/// marker, an adverb or a number; a short quotation inside it is part of
/// a name (صحيفة "الخليج" الإماراتية). Returns the token after it.
fn source_end(ctx: &Ctx<'_>, s: usize, limit: usize) -> usize {
    let t = &ctx.t;
    let mut e = s;
    let mut end_tok = s;
    let mut words = 0;
    while e < limit && words < MAX_SOURCE {
        match t.tokens[e].kind {
            Tok::Word => {
                let w = t.norm(e);
                let stop = e > s
                    && (ctx.lex.relatives.contains(w)
                        || ctx.lex.complementizers.contains(w)
                        || w == "فسوف"
                        || w.strip_prefix('ف')
                            .is_some_and(|r| ctx.lex.complementizers.contains(r))
                        || ctx.cue_at[e].is_some()
                        || ctx.lex.adverbs.contains(w)
                        || super::frame::time_at(ctx, e, limit).is_some()
                        || super::frame::channel_at(ctx, e, limit)
                        || w.starts_with(|c: char| c.is_ascii_digit()));
                if stop {
                    break;
                }
                words += 1;
                e += 1;
                end_tok = e;
            }
            Tok::Quote(_) if e > s => {
                let Some(q) = t.opens[e] else { break };
                let quote = &t.quotes[q as usize];
                match quote.close {
                    Some(c) if ctx.src[quote.start..quote.end].split_whitespace().count() <= 6 => {
                        e = c + 1;
                        end_tok = e;
                    }
                    _ => break,
                }
            }
            _ => break,
        }
    }
    end_tok
}

/// Can the source starting at token `s` speak? Its head, with an attached
/// ل taken off (للاتفاق = ل + الاتفاق), must not be a rule word (وفقا
/// للقانون) and must look like a speaker.
fn speaker_head(ctx: &Ctx<'_>, at: &Phrase, s: usize) -> bool {
    let w = ctx.t.norm(s);
    let head = match w.strip_prefix("لل") {
        Some(r) if s == at.k && at.attached_l => format!("ال{r}"),
        _ if s == at.k && at.skip > 0 => w[at.skip..].to_string(),
        _ => w.to_string(),
    };
    !ctx.lex.according_to_exclude.contains(&head) && head != "ما" && speaker_like(ctx, &head)
}

/// The clause the phrase at token `i` attaches to: the part of the
/// sentence (or of the quotation the phrase is in) before it, a quotation
/// right after its source (ending at token `e`), or the clause after the
/// source when the phrase opens the sentence.
fn content_of(ctx: &Ctx<'_>, i: usize, e: usize, limit: usize) -> Option<(usize, usize)> {
    let t = &ctx.t;
    let floor = t.in_quote[i].map_or(0, |q| t.quotes[q as usize].open + 1);
    let mut ss = i;
    while ss > floor && !t.is_boundary(ss - 1) {
        ss -= 1;
    }
    // «وقال المدير إن 68% ليس لديهم مدخرات، بحسب دراسة»: the phrase
    // attaches to the reported clause, not to the frame before it.
    if let Some(c) = (ss..i).rev().find(|&x| {
        super::frame::complement_at(ctx, x, i).is_some() || t.tokens[x].kind == Tok::Colon
    }) {
        ss = c + 1;
    }
    while ss < i && !matches!(t.tokens[ss].kind, Tok::Word | Tok::Quote(_)) {
        ss += 1;
    }
    let before_words = (ss..i).filter(|&x| t.is_word(x)).count();
    // «بحسب وزارة الخزانة "أشرف على ..."» and «وفقا لواس: "..."»: a quotation
    // right after the source is what the source said.
    let mut after = e;
    if after < limit && t.tokens[after].kind == Tok::Colon {
        after += 1;
    }
    let quote_after = t
        .opens
        .get(after)
        .copied()
        .flatten()
        .map(|q| &t.quotes[q as usize]);
    // «واستهدفت الضربات، وفق ما نقلت الوكالة، مركز البحوث ...»: a phrase
    // in the middle of a sentence after a short verb and subject sources
    // the rest of the sentence, which carries what was reported.
    let rest = || {
        let mut c = e;
        while c < limit
            && !matches!(t.tokens[c].kind, Tok::Word | Tok::Stop | Tok::Break)
            && t.opens[c].is_none()
        {
            c += 1;
        }
        if c < limit && t.is_word(c) {
            // «وبحسب الوزير فإن ...»: the complementizer is not content.
            let w = t.norm(c);
            let c = if c + 1 < limit
                && t.is_word(c + 1)
                && w.strip_prefix('ف')
                    .is_some_and(|r| ctx.lex.complementizers.contains(r))
            {
                c + 1
            } else {
                c
            };
            frame::clause(ctx, c, limit).map(|(span, _)| span)
        } else {
            None
        }
    };
    if let Some(q) = quote_after.filter(|q| q.end > q.start) {
        Some((q.start, q.end))
    } else if (2..=5).contains(&before_words) {
        let after = rest().filter(|&(s, e)| {
            let words = ctx.src[s..e].split_whitespace().count();
            words > before_words && t.in_quote[i].is_none()
        });
        after.or_else(|| {
            let mut last = i - 1;
            while last > ss && !matches!(t.tokens[last].kind, Tok::Word | Tok::Quote(_)) {
                last -= 1;
            }
            Some((t.tokens[ss].start as usize, t.tokens[last].end as usize))
        })
    } else if before_words >= 2 {
        let mut last = i - 1;
        while last > ss && !matches!(t.tokens[last].kind, Tok::Word | Tok::Quote(_)) {
            last -= 1;
        }
        Some((t.tokens[ss].start as usize, t.tokens[last].end as usize))
    } else {
        rest()
    }
}

/// Where the cue ends: after its verb (وفقا لما أعلنته), after the phrase,
/// or with an attached ل.
fn cue_stop(ctx: &Ctx<'_>, at: &Phrase, cue_end: usize) -> usize {
    let t = &ctx.t;
    if at.attached_l && cue_end > at.k {
        t.tokens[cue_end].end as usize
    } else if at.attached_l && at.skip == 0 {
        t.tokens[at.k - 1].end as usize
    } else if at.attached_l {
        skip_l(ctx.src, t.tokens[at.k].start as usize)
    } else {
        t.tokens[cue_end].end as usize
    }
}

/// Can a word head the source of an according-to phrase? A word without
/// the article is taken (a name: بحسب مورينيو، وفقا لرويترز); a word with it
/// must be a known organisation, group, title, state, outlet or document
/// head, so that وفقا لأحدث المعايير is not read as a source.
fn speaker_like(ctx: &Ctx<'_>, head: &str) -> bool {
    let Some(bare) = head.strip_prefix("ال") else {
        return true;
    };
    let lex = ctx.lex;
    [head, bare].iter().any(|w| {
        lex.names_speaker(w) || lex.state_names.contains(w) || lex.addressee_heads.contains(w)
    })
}

/// True if an according-to phrase starts at token `j` (a reported clause
/// ends there).
pub(crate) fn starts_at(ctx: &Ctx<'_>, j: usize) -> bool {
    ctx.acc_start.get(j).copied().unwrap_or(false)
}

/// Byte offset just past an attached ل and any tatweel or marks on it.
fn skip_l(src: &str, start: usize) -> usize {
    if !src[start..].starts_with('ل') {
        return start;
    }
    let mut p = start + 'ل'.len_utf8();
    for c in src[p..].chars() {
        if c == '\u{0640}' || ('\u{064B}'..='\u{065F}').contains(&c) {
            p += c.len_utf8();
        } else {
            break;
        }
    }
    p
}

/// Does the phrase `words` start at token `i`? The first word may carry a
/// و clitic; a final ل may be attached to the next word. Returns the number
/// of tokens the phrase covers (counting the token with an attached ل) and
/// whether the ل was attached.
fn match_phrase(ctx: &Ctx<'_>, i: usize, first: &str, words: &[String]) -> Option<(usize, bool)> {
    let t = &ctx.t;
    let first_ok = first == words[0] || first.strip_prefix('و').is_some_and(|r| r == words[0]);
    if !first_ok {
        return None;
    }
    for (k, w) in words.iter().enumerate().skip(1) {
        let j = i + k;
        if !t.is_word(j) {
            return None;
        }
        let tok = t.norm(j);
        let last = k == words.len() - 1;
        if tok == w {
            continue;
        }
        if last && w == "ل" && tok.starts_with('ل') && tok.chars().count() > 2 {
            return Some((k + 1, true));
        }
        return None;
    }
    Some((words.len(), false))
}

#[cfg(test)]
mod tests {
    use crate::Engine;

    #[test]
    fn sentence_final_phrase() {
        let found = Engine::default().extract("وارتفع عدد المصابين إلى 40 شخصا، بحسب وزارة الصحة.");
        let a = &found.attributions[0];
        assert_eq!(a.mode.as_str(), "according_to");
        assert_eq!(a.source.text, "وزارة الصحة");
        assert_eq!(a.source.kind.as_str(), "organization");
        assert_eq!(a.content.text, "وارتفع عدد المصابين إلى 40 شخصا");
    }

    #[test]
    fn a_phrase_after_a_short_verb_and_subject_sources_the_rest() {
        let found = Engine::default().extract(
            "واستهدف القصف، وفق ما نقلت وكالة الشمال، مخازن الحبوب في الميناء الغربي للمدينة.",
        );
        let a = &found.attributions[0];
        assert_eq!(a.source.text, "وكالة الشمال");
        assert_eq!(a.content.text, "مخازن الحبوب في الميناء الغربي للمدينة");
        // After a whole clause the phrase sources what came before it.
        let found = Engine::default().extract(
            "وارتفع عدد المصابين في الحادث إلى 40 شخصا، بحسب وزارة الصحة، مع مخاوف من ارتفاعه.",
        );
        assert_eq!(
            found.attributions[0].content.text,
            "وارتفع عدد المصابين في الحادث إلى 40 شخصا"
        );
    }

    #[test]
    fn attached_lam() {
        let found = Engine::default().extract("ووفقا لمصادر محلية، فإن الطريق أغلق منذ الصباح.");
        let a = &found.attributions[0];
        assert_eq!(a.source.text, "مصادر محلية");
        assert_eq!(a.cue.text, "ووفقا ل");
        assert_eq!(a.content.text, "الطريق أغلق منذ الصباح");
    }

    #[test]
    fn hasbama_takes_the_verb() {
        let found =
            Engine::default().extract("وأغلقت المدارس أبوابها، حسبما ذكرت وكالة الأنباء المحلية.");
        let a = &found.attributions;
        assert_eq!(a.len(), 1, "{a:#?}");
        assert_eq!(a[0].cue.text, "حسبما ذكرت");
        assert_eq!(a[0].source.text, "وكالة الأنباء المحلية");
    }

    /// Regression: a lam-alef ligature (U+FEF7, ﻷ) after وفقا folds to لأ,
    /// and splitting a two-byte ل off the three-byte ligature panicked on a
    /// SaudiNewsNet article.
    #[test]
    fn lam_alef_ligature_after_the_phrase() {
        let text = "وارتفعت الأسعار، وفقا \u{FEF7}حدث تقرير صادر اليوم.";
        let found = Engine::default().extract(text);
        for a in &found.attributions {
            assert_eq!(&text[a.content.span[0]..a.content.span[1]], a.content.text);
        }
        let text = "وارتفعت الأسعار، وفقا \u{FEF7}مين اللجنة.";
        Engine::default().extract(text);
    }

    #[test]
    fn rules_are_not_sources() {
        assert!(Engine::default()
            .extract("وسيبدأ التصويت غدا وفقا للقانون.")
            .attributions
            .is_empty());
    }

    #[test]
    fn wifqan_lima_with_a_pronoun_on_the_verb() {
        let found = crate::Engine::default()
            .extract("وارتفعت الأسعار بنسبة عشرة في المئة، وفقا لما أعلنته الوزارة.");
        let a = &found.attributions[0];
        assert_eq!(a.rule, "according-to");
        assert_eq!(a.source.text, "الوزارة");
        assert_eq!(a.content.text, "وارتفعت الأسعار بنسبة عشرة في المئة");
        assert_eq!(a.cue.text, "وفقا لما أعلنته");
    }
}
