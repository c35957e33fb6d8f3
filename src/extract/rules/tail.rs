//! Rule kind `tail`: a participle that continues the previous source.
//!
//! «وقال المدير إن العمل توقف، مضيفا أن الفرق ستعود غدا» — مضيفا opens a
//! second attribution whose source is the one before it; قائلا and مضيفا
//! may also introduce a quotation. With no attribution before it in the
//! sentence, the source is the subject of the sentence's main verb
//! («وأشاد المحافظ بالمتطوعين، قائلا: …»).
//!
//! Known misses: a participle far from its source (in a later paragraph) is
//! resolved like a pro-drop verb, by agreement only.

use super::frame;
use super::{cand, content_for};
use crate::extract::context::{Cand, Ctx, SourceRef};

pub(crate) fn run(ctx: &mut Ctx<'_>) {
    // Cue tokens of the attributions found so far, sorted, for "is there an
    // attribution earlier in this sentence?" by binary search.
    let mut cue_toks: Vec<usize> = ctx.cands.iter().map(|c| c.cue_tok).collect();
    cue_toks.sort_unstable();
    // Tails found in this pass, in increasing order (appending keeps it
    // sorted and linear).
    let mut tail_toks: Vec<usize> = Vec::new();
    for i in 0..ctx.t.tokens.len() {
        let Some((form, _)) = ctx.cue_at[i] else {
            continue;
        };
        if !form.participle || ctx.claimed[i] {
            continue;
        }
        let Some((opener, frame_end, limit, rule)) = frame::open(ctx, i, "tail") else {
            continue;
        };
        let fields = frame::fields(ctx, i + 1, frame_end, false);
        let Some(content) = content_for(ctx, opener, limit) else {
            continue;
        };
        // Is there an attribution earlier in this sentence?
        let mut s = i;
        while s > 0 && !ctx.t.is_boundary(s - 1) {
            s -= 1;
        }
        let in_sentence = |v: &[usize]| {
            let k = v.partition_point(|&c| c < s);
            v.get(k).is_some_and(|&c| c < i)
        };
        let earlier = in_sentence(&cue_toks) || in_sentence(&tail_toks);
        let source = if earlier {
            SourceRef::Tail
        } else {
            match frame::clause_subject(ctx, i) {
                Some(np) => SourceRef::ClauseSubject(np),
                None => SourceRef::ProDrop,
            }
        };
        let c = cand(ctx, rule, i, form, content, source, &fields);
        ctx.commit(Cand {
            anonymous: false,
            ..c
        });
        tail_toks.push(i);
    }
}

#[cfg(test)]
mod tests {
    use crate::Engine;

    #[test]
    fn tail_continues_the_source() {
        let found =
            Engine::default().extract("وقالت النقابة إن الإضراب مستمر، مشيرة إلى أن الأجور لم تدفع.");
        let a = &found.attributions;
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].content.text, "الإضراب مستمر");
        assert_eq!(a[1].content.text, "الأجور لم تدفع");
        assert_eq!(a[1].source.canonical, "النقابة");
        assert_eq!(a[1].source.resolution.as_str(), "tail");
        assert_eq!(a[1].rule, "tail-complement");
    }

    #[test]
    fn participle_with_a_noun_complement_takes_its_preposition() {
        let found =
            Engine::default().extract("وقال الوزير إن الطريق مفتوح، مشيرا إلى أهمية الحذر.");
        let a = &found.attributions;
        assert_eq!(a.len(), 2);
        assert_eq!(a[1].rule, "tail-nominal");
        assert_eq!(a[1].content.text, "أهمية الحذر");
    }

    #[test]
    fn participle_without_its_preposition_is_skipped() {
        let found =
            Engine::default().extract("وقال الوزير إن الطريق مفتوح، مؤكدا ذلك للمرة الثانية.");
        assert_eq!(found.attributions.len(), 1);
    }
}
