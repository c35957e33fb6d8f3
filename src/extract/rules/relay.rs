//! Rule kind `relay`: نقل/نقلت [channel] عن [source] قوله …
//!
//! «ونقلت صحيفة المساء عن الوزير رامي عيسى قوله إن الميناء سيفتح» — the
//! subject of نقل (صحيفة المساء) is the channel, the noun after عن is the
//! source, and قوله (optional) leads to إن or a quotation.
//!
//! Known misses: a relayed statement without عن is not taken.

use super::frame::{self, find_opener, limit_for};
use super::{cand, content_for};
use crate::extract::context::{Cand, Ctx, SourceRef};

fn is_qawl(w: &str) -> bool {
    matches!(w, "قوله" | "قولها" | "قولهم" | "قولهما" | "قولهن")
}

pub(crate) fn try_at(ctx: &mut Ctx<'_>, i: usize) {
    let Some((form, _)) = ctx.cue_at[i] else {
        return;
    };
    let limit = limit_for(ctx, i);
    let Some((opener, frame_end)) = find_opener(ctx, i, limit) else {
        return;
    };
    let Some(rule) = ctx.lex.rule("relay", None) else {
        return;
    };
    let rule = rule.to_string();
    let t = &ctx.t;
    let prep = ctx.lex.cues[form.cue as usize].relay_prep.as_str();
    let Some(an) = (i + 1..frame_end).find(|&k| t.is_word(k) && t.norm(k) == prep) else {
        return;
    };
    let qawl = (an + 1..frame_end)
        .find(|&k| t.is_word(k) && is_qawl(t.norm(k)))
        .unwrap_or(frame_end);
    let channel_fields = frame::fields(ctx, i + 1, an, true);
    let fields = frame::fields(ctx, an + 1, qawl, true);
    let Some(np) = fields.source else { return };
    // After من the source must read as one (مصادر، الوزارة، a name): «ومن
    // الواضح أن» is not a relayed statement.
    if prep != "عن" {
        let w = t.norm(np.a);
        let stem = ["ها", "ه", "هم"]
            .iter()
            .find_map(|s| w.strip_suffix(s))
            .unwrap_or(w);
        let bare = stem.strip_prefix("ال").unwrap_or(stem);
        let known = [stem, bare].iter().any(|x| ctx.lex.names_speaker(x));
        if !known && w.starts_with("ال") {
            return;
        }
    }
    let Some(content) = content_for(ctx, opener, limit) else {
        return;
    };
    let channel = channel_fields
        .source
        .map(|c| (c.start, c.end))
        .or(channel_fields.channel)
        .or(fields.channel);
    let c = cand(ctx, rule, i, form, content, SourceRef::Np(np), &fields);
    ctx.commit(Cand {
        agree: None,
        time: channel_fields.time.or(fields.time),
        channel,
        ..c
    });
}

#[cfg(test)]
mod tests {
    use crate::Engine;

    #[test]
    fn a_paper_learns_from_its_sources() {
        let found =
            Engine::default().extract("وعلمت صحيفة المساء من مصادر مطلعة أن الميناء سيغلق.");
        let a = &found.attributions[0];
        assert_eq!(a.source.text, "مصادر مطلعة");
        assert_eq!(a.channel.as_ref().unwrap().text, "صحيفة المساء");
        assert_eq!(a.content.text, "الميناء سيغلق");
    }

    #[test]
    fn the_outlet_is_the_channel() {
        let found =
            Engine::default().extract("ونقلت وكالة الشمال عن مصدر أمني قوله إن الحدود أغلقت.");
        let a = &found.attributions[0];
        assert_eq!(a.rule, "relay");
        assert_eq!(a.source.text, "مصدر أمني");
        assert_eq!(a.source.kind.as_str(), "anonymous");
        assert_eq!(a.channel.as_ref().unwrap().text, "وكالة الشمال");
        assert_eq!(a.content.text, "الحدود أغلقت");
    }
}
