//! The rule kinds. Each kind is a small piece of code; the rule instances
//! that use it (their ids, openers, descriptions and examples) live in the
//! TOML pack. Kinds run in the order the engine calls them:
//! [`according_to`] first (it claims cue verbs such as حسبما ذكرت),
//! then [`cue_frame`] (with [`relay`] for نقل عن), [`tail`], [`noun`]
//! and [`postposed`].

pub mod according_to;
pub mod cue_frame;
pub mod frame;
pub mod noun;
pub mod postposed;
pub mod relay;
pub mod tail;

use crate::extract::attribution::Mode;
use crate::extract::context::Ctx;
use frame::Opener;

/// A content found after an opener: its byte span, its mode, the quote it
/// is (for direct quotes) and whether that quote is unclosed.
pub(crate) type Content = ((usize, usize), Mode, Option<usize>, bool);

/// A candidate for the cue at token `i` with its content, source and frame
/// fields; the rule kinds change what differs for them with `..`.
pub(crate) fn cand(
    ctx: &Ctx<'_>,
    rule: String,
    i: usize,
    form: crate::pack::lexicon::CueForm,
    (content, mode, quote, unclosed): Content,
    source: crate::extract::context::SourceRef,
    fields: &frame::Fields,
) -> crate::extract::context::Cand {
    let info = &ctx.lex.cues[form.cue as usize];
    crate::extract::context::Cand {
        rule,
        mode,
        cue_tok: i,
        cue: ctx.span(i),
        lemma: info.lemma.clone(),
        stance: info.stance,
        agree: Some(form.agree),
        source,
        anonymous: fields.anonymous,
        content,
        quote,
        addressee: fields.addressee,
        time: fields.time,
        channel: fields.channel,
        unclosed,
    }
}

/// The content and mode an opener gives, if any.
pub(crate) fn content_for(ctx: &mut Ctx<'_>, opener: Opener, limit: usize) -> Option<Content> {
    match opener {
        Opener::Complement(c) => {
            let (span, has_quote) = frame::clause(ctx, c + 1, limit)?;
            let mode = if has_quote {
                Mode::Mixed
            } else {
                Mode::Indirect
            };
            Some((span, mode, None, false))
        }
        Opener::Quote(q) => {
            let quote = &ctx.t.quotes[q];
            if quote.end <= quote.start {
                return None;
            }
            let unclosed = quote.close.is_none();
            Some(((quote.start, quote.end), Mode::Direct, Some(q), unclosed))
        }
        Opener::Colon(c) => {
            let (span, _) = frame::clause(ctx, c + 1, limit)?;
            Some((span, Mode::Direct, None, false))
        }
        Opener::Nominal(c) => {
            let (span, has_quote) = frame::clause(ctx, c, limit)?;
            let mode = if has_quote {
                Mode::Mixed
            } else {
                Mode::Indirect
            };
            Some((span, mode, None, false))
        }
    }
}
