//! Rule kind `postposed`: a quotation followed by its cue and source.
//!
//! «"الوضع تحت السيطرة"، قال المتحدث باسم الدفاع المدني.» — the quotation
//! comes first; after a comma (or directly) a finite cue verb and its
//! subject name the speaker. Without a noun after the cue, the source is
//! resolved like any pro-drop verb.
//!
//! Known misses: a cue after a full stop («"…". وقال …») is left to the
//! next sentence, where it usually introduces something else.

use super::{cand, frame};
use crate::extract::attribution::Mode;
use crate::extract::context::{Ctx, SourceRef};
use crate::text::Tok;

pub(crate) fn run(ctx: &mut Ctx<'_>) {
    let Some(rule) = ctx.lex.rule("postposed", None) else {
        return;
    };
    let rule = rule.to_string();
    let coverage = crate::extract::context::Coverage::new(&ctx.cands);
    for q in 0..ctx.t.quotes.len() {
        if ctx.quote_used[q] {
            continue;
        }
        let quote = &ctx.t.quotes[q];
        let Some(close) = quote.close else { continue };
        if quote.end <= quote.start {
            continue;
        }
        let (qs, qe) = (quote.start, quote.end);
        let mut j = close + 1;
        if ctx.t.tokens.get(j).is_some_and(|t| t.kind == Tok::Comma) {
            j += 1;
        }
        let Some(Some((form, clitic))) = ctx.cue_at.get(j).copied() else {
            continue;
        };
        // «"…"، وطالبت …»: a cue with و/ف starts a new clause of its own.
        if clitic || form.participle || ctx.claimed[j] || ctx.lex.cues[form.cue as usize].relay {
            continue;
        }
        // A quotation inside another attribution's content is part of it.
        if coverage.covers(qs, qe) {
            continue;
        }
        // The frame after the cue runs to the end of the sentence.
        let limit = frame::limit_for(ctx, j);
        let mut end = j + 1;
        while end < limit
            && !matches!(
                ctx.t.tokens[end].kind,
                Tok::Stop | Tok::Break | Tok::Quote(_)
            )
        {
            end += 1;
        }
        let fields = frame::fields(ctx, j + 1, end, true);
        let source = match fields.source {
            Some(np) => SourceRef::Np(np),
            None => SourceRef::ProDrop,
        };
        let content = ((qs, qe), Mode::Direct, Some(q), false);
        let c = cand(ctx, rule.clone(), j, form, content, source, &fields);
        ctx.commit(c);
    }
}

#[cfg(test)]
mod tests {
    use crate::Engine;

    #[test]
    fn quote_then_cue_and_source() {
        let found = Engine::default()
            .extract("«سنعيد فتح الطريق خلال يومين»، قال مدير الدفاع المدني يوسف قاسم للصحفيين.");
        let a = &found.attributions[0];
        assert_eq!(a.rule, "postposed-source");
        assert_eq!(a.content.text, "سنعيد فتح الطريق خلال يومين");
        assert_eq!(a.source.text, "مدير الدفاع المدني يوسف قاسم");
        assert_eq!(a.addressee.as_ref().unwrap().text, "للصحفيين");
    }
}
