//! Rule kind `noun`: a cue's verbal noun followed by a complement reports
//! like the verb.
//!
//! «وعاد النظام إلى التصعيد بادعاء أن الوفد انسحب» — ادعاء is the noun of
//! ادعى; the content is the clause after أن. The source is, in this order:
//! the possessive pronoun on the noun (تأكيده أن: the earlier source that
//! agrees with it), a short genitive phrase between the noun and the
//! complement (ادعاء الحكومة أن), or the subject of the verb that opens its
//! clause (، فبينما حاولت البلدية الترويج إلى أن ...).
//!
//! Known misses: a verbal noun with a nominal content (تأكيده على أهمية ...)
//! is not an attribution here; a genitive source of more than three words
//! is not looked for.

use super::frame::{self, Opener};
use super::{cand, content_for};
use crate::extract::context::{Cand, Ctx, SourceRef};
use crate::pack::lexicon::{Agree, CueForm};

/// Words a genitive source may have between the noun and its complement.
const MAX_GENITIVE: usize = 3;

pub(crate) fn run(ctx: &mut Ctx<'_>) {
    if !ctx.lex.has_nouns() {
        return;
    }
    let Some(rule) = ctx.lex.rule("noun", Some("complement")) else {
        return;
    };
    let rule = rule.to_string();
    // A verbal noun reports only with a complementizer at most a
    // preposition and a short genitive after it: look for nouns only in the
    // few words before each complementizer, not at every word of the text.
    let mut candidates: Vec<usize> = Vec::new();
    for j in 0..ctx.t.tokens.len() {
        if ctx.t.is_word(j) && ctx.lex.complementizers.contains(ctx.t.norm(j)) {
            let from = j.saturating_sub(MAX_GENITIVE + 2);
            for i in from..j {
                if candidates.last().is_none_or(|&l| l < i) {
                    candidates.push(i);
                }
            }
        }
    }
    for i in candidates {
        if !ctx.t.is_word(i) || ctx.cue_at[i].is_some() || ctx.claimed[i] {
            continue;
        }
        let w = ctx.t.norm(i);
        // بالتأكيد "certainly" is an adverb, not a report.
        if ctx.lex.adverbs.contains(w) || ctx.lex.adverbs.contains(w.strip_prefix('و').unwrap_or(w))
        {
            continue;
        }
        let Some((cue, pronoun)) = ctx.lex.noun(w) else {
            continue;
        };
        let limit = frame::limit_for(ctx, i);
        // The complementizer: right after the noun (or after its
        // preposition: الترويج إلى أن), or after a short genitive phrase.
        let mut k = i + 1;
        let mut found = None;
        while k < limit && k <= i + 1 + MAX_GENITIVE {
            if !ctx.t.is_word(k) || ctx.cue_at[k].is_some() {
                break;
            }
            if let Some(c) = frame::complement_at(ctx, k, limit) {
                found = Some((k, c));
                break;
            }
            // A pronoun already names the source: no genitive after it.
            if pronoun.is_some() {
                break;
            }
            // A genitive source starts with a definite noun or a word that
            // names a speaker (ادعاء الشركة، إعلان وزارة), not with a verb,
            // an adverb or a number (بالتأكيد يمكن، إعلان 65 مليون).
            if k == i + 1 {
                let g = ctx.t.norm(k);
                if !(g.starts_with("ال") || ctx.lex.names_speaker(g)) {
                    break;
                }
            }
            k += 1;
        }
        let Some((k, c)) = found else {
            continue;
        };
        let Some(content) = content_for(ctx, Opener::Complement(c), limit) else {
            continue;
        };
        let source = if pronoun.is_some() {
            SourceRef::ProDrop
        } else if k > i + 1 {
            SourceRef::Np(frame::np(ctx, i + 1, k))
        } else {
            match frame::nearest_clause_subject(ctx, i) {
                Some(np) => SourceRef::ClauseSubject(np),
                None => SourceRef::ProDrop,
            }
        };
        let form = CueForm {
            cue,
            agree: pronoun.unwrap_or(Agree::Masc),
            participle: false,
        };
        let c = cand(
            ctx,
            rule.clone(),
            i,
            form,
            content,
            source,
            &frame::Fields::default(),
        );
        // Only a pronoun tells the gender and number of the source.
        ctx.commit(Cand {
            agree: pronoun,
            ..c
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::Engine;

    #[test]
    fn verbal_noun_with_a_complement_reports() {
        let found = Engine::default()
            .extract("وعادت البلدية إلى التصعيد بادعاء أن المقاول انسحب من المشروع.");
        let a = &found.attributions[0];
        assert_eq!(a.rule, "noun-complement");
        assert_eq!(a.cue.lemma, "ادعى");
        assert_eq!(a.content.text, "المقاول انسحب من المشروع");
        assert_eq!(a.source.text, "البلدية");
    }

    #[test]
    fn possessive_pronoun_takes_up_the_earlier_source() {
        let found = Engine::default().extract(
            "وقالت الوزيرة هدى سالم إن الميزانية جاهزة.\nوجاء ذلك مع تأكيدها أن الرواتب ستصرف.",
        );
        let a = found.attributions.last().unwrap();
        assert_eq!(a.content.text, "الرواتب ستصرف");
        assert_eq!(a.source.canonical, "هدى سالم");
    }

    #[test]
    fn genitive_source_between_noun_and_complement() {
        let found =
            Engine::default().extract("ورد الفريق على ادعاء الشركة المنافسة أن البرنامج مسروق.");
        let a = &found.attributions[0];
        assert_eq!(a.source.text, "الشركة المنافسة");
        assert_eq!(a.content.text, "البرنامج مسروق");
    }

    #[test]
    fn source_is_the_subject_of_the_nearest_clause() {
        let found = Engine::default().extract(
            "وفي ذات الوقت، فشلت محاولات الفريق، فبينما حاولت البلدية الترويج إلى أن الجسر آمن، ظهرت الشقوق.",
        );
        let a = &found.attributions[0];
        assert_eq!(a.source.text, "البلدية");
    }

    #[test]
    fn noun_without_a_complement_is_no_attribution() {
        let found = Engine::default().extract("ورفض الفريق الادعاءات كلها في مؤتمر صحفي.");
        assert!(found.attributions.is_empty());
    }
}
