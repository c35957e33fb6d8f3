//! Rule kind `cue-frame`: a finite cue verb, its frame, and an opener.
//!
//! «وقال الرئيس الزمرداني رامي الفاضل لنظيره القرطالي كمال نصار يوم الاثنين
//! إن الحكومة تدعم التعاون» — the cue وقال, the source (stopping before the
//! addressee لنظيره … and the time يوم الاثنين), and the
//! complementizer إن that opens the content. The same walk serves the
//! openers `complement` (indirect, or mixed when a quotation is inside),
//! `quote` (direct) and `colon` (direct, unquoted).
//!
//! A cue with an object (`object` in its pack entry: أبلغ، وصف، اتهم)
//! splits the phrase after the verb at the end of the subject's name, or of
//! its head noun and nisba adjectives (ووصف الوزير | الحادث بالجريمة).
//!
//! Known misses: a passive cue (وتُتهم، يُتوقع) is read as active; a source
//! placed before its verb is found only when the verb carries no و/ف clitic.

use super::frame;
use super::{cand, content_for, relay};
use crate::extract::context::{Cand, Ctx, SourceRef};

pub(crate) fn run(ctx: &mut Ctx<'_>) {
    for i in 0..ctx.t.tokens.len() {
        let Some((form, clitic)) = ctx.cue_at[i] else {
            continue;
        };
        if form.participle || ctx.claimed[i] {
            continue;
        }
        // «ولم يكشف الوزير عن تفاصيل»، «لم تعلن أي جهة»: a negated cue
        // reports that nothing was said.
        if i > 0 && ctx.t.is_word(i - 1) && matches!(ctx.t.norm(i - 1), "لم" | "ولم" | "لن" | "ولن")
        {
            continue;
        }
        let info = &ctx.lex.cues[form.cue as usize];
        if info.relay {
            relay::try_at(ctx, i);
            continue;
        }
        let Some((opener, frame_end, limit, rule)) = frame::open(ctx, i, "cue-frame") else {
            continue;
        };
        let fields = frame::fields(ctx, i + 1, frame_end, true);
        // «ويذكر أن ...»: an impersonal form with nothing between it and
        // the complementizer is the writer speaking, not a source.
        let bare = ctx.t.norm(i).trim_start_matches(['و', 'ف']);
        let impersonal = ctx.lex.cues[form.cue as usize]
            .impersonal
            .iter()
            .any(|f| f == bare || f == ctx.t.norm(i));
        if impersonal && fields.source.is_none() && frame_end == i + 1 {
            continue;
        }
        if let Some(np) = fields.source {
            if ctx.lex.non_sources.contains(ctx.t.norm(np.a)) {
                continue;
            }
        }
        let Some(content) = content_for(ctx, opener, limit) else {
            continue;
        };
        let (fields, addressee, object) = subject_and_object(ctx, i, form, clitic, opener, fields);
        // «ووصف الوزير الحادث بالجريمة»، «واتهم الناشط الأجهزة بابتزازه»:
        // with no complementizer, what was said is the object and its
        // بـ phrase together.
        let content = match (object, opener) {
            (Some(obj), frame::Opener::Nominal(_))
                if ctx.lex.cues[form.cue as usize].object.as_deref() == Some("topic")
                    && obj.end <= content.0 .0 =>
            {
                ((obj.start, content.0 .1), content.1, content.2, content.3)
            }
            _ => content,
        };
        // A subject placed before the verb, looked for only when the verb
        // has no clitic, or for «أما سكان القرية فقالوا إن ...», where the
        // topic before أما's فـ is the subject.
        let preposed = if fields.source.is_none() && (!clitic || ctx.t.norm(i).starts_with('ف')) {
            frame::preposed_subject(ctx, i)
        } else {
            None
        };
        // «ما يشير إلى أن ...»، «هذا يعني أن ...»: the writer's inference,
        // not a report.
        if preposed.is_some_and(|np| ctx.lex.non_sources.contains(ctx.t.norm(np.a))) {
            continue;
        }
        let amma = clitic && preposed.is_some_and(|np| np.a > 0 && ctx.t.norm(np.a - 1) == "اما");
        // «وجاء في البيان أن»: the statement named in the channel speaks.
        let from_channel = ctx.lex.cues[form.cue as usize].source_from_channel;
        if from_channel {
            // «وجاء التحقيق بعد ...» has a subject: جاء "came", not a cue.
            if fields.source.is_some() {
                continue;
            }
            let Some(np) = fields.channel.and_then(|(s, e)| channel_np(ctx, s, e)) else {
                continue;
            };
            let c = cand(ctx, rule, i, form, content, SourceRef::Np(np), &fields);
            ctx.commit(Cand {
                agree: None,
                anonymous: false,
                channel: None,
                ..c
            });
            continue;
        }
        // «الطاهي الشهير، الذي أكد»، «... والذي أبلغه بأنه»: a relative
        // pronoun as the subject, right before the cue however long the
        // sentence, or ending the preposed subject, stands for its
        // antecedent. With no antecedent that can speak, the source is left
        // unresolved: the previous speaker would be a guess.
        let relative = if fields.source.is_some() {
            None
        } else if !clitic && i > 0 && frame::is_relative_pronoun(ctx, i - 1) {
            Some(i - 1)
        } else if !clitic || amma {
            preposed
                .map(|np| np.b - 1)
                .filter(|&k| frame::is_relative_pronoun(ctx, k))
        } else {
            None
        };
        let source = match (fields.source, relative) {
            (Some(np), _) => SourceRef::Np(np),
            (None, Some(k)) => {
                frame::antecedent(ctx, k).map_or(SourceRef::Unknown, SourceRef::Antecedent)
            }
            (None, None) if !clitic || amma => preposed.map_or(SourceRef::ProDrop, SourceRef::Np),
            (None, None) => SourceRef::ProDrop,
        };
        let c = cand(ctx, rule, i, form, content, source, &fields);
        ctx.commit(Cand { addressee, ..c });
        // «وتابع قائلا: ...»: the participle is part of this attribution.
        for k in i + 1..frame_end {
            if ctx.cue_at[k].is_some() {
                ctx.claimed[k] = true;
            }
        }
    }
}

/// The source and the addressee of a cue's frame where the noun after
/// the cue is not (all) its subject.
///
/// «…، ودعت المفاوضين إلى …»: a cue with a preposition, continuing a
/// clause after a comma, keeps the subject of that clause; the noun after
/// it is who is called on, not who calls. «أبلغت ظريفة المهاجم أن»،
/// «ووصف نبيل حداد وزير الخارجية الزمرداني الهجمات بأنها»: for a cue with
/// a direct object, the source ends after its name (and a title that
/// follows it); the rest is the object.
fn subject_and_object(
    ctx: &Ctx<'_>,
    i: usize,
    form: crate::pack::lexicon::CueForm,
    clitic: bool,
    opener: frame::Opener,
    fields: frame::Fields,
) -> (
    frame::Fields,
    Option<(usize, usize)>,
    Option<crate::extract::context::Np>,
) {
    let continuing = clitic
        && matches!(opener, frame::Opener::Nominal(_))
        && i > 0
        && ctx.t.tokens[i - 1].kind == crate::text::Tok::Comma;
    // «…، ووصف الاتهامات بأنها …»: a topic cue continuing the clause,
    // followed only by definite nouns that are not titles, has the
    // clause's subject; the nouns are its object.
    let info = &ctx.lex.cues[form.cue as usize];
    let topic_object = clitic
        && info.object.as_deref() == Some("topic")
        && i > 0
        && ctx.t.tokens[i - 1].kind == crate::text::Tok::Comma
        && fields.source.is_some_and(|np| {
            (np.a..np.b).all(|k| {
                ctx.t.is_word(k) && {
                    let w = ctx.t.norm(k);
                    w.starts_with("ال")
                        && !ctx.lex.titles.contains(w)
                        && !ctx
                            .lex
                            .titles
                            .contains(crate::text::arabic::without_article(w))
                        && !ctx.lex.organization_heads.contains(w)
                }
            })
        });
    if topic_object {
        let object = fields.source;
        return (
            frame::Fields {
                source: None,
                ..fields
            },
            fields.addressee,
            object,
        );
    }
    let mut addressee = fields.addressee;
    let fields = if continuing {
        if let Some(np) = fields.source {
            addressee = addressee.or(Some((np.start, np.end)));
        }
        frame::Fields {
            source: None,
            ..fields
        }
    } else {
        fields
    };
    // «وطلب الرئيس من الحكومة أن»: the addressee's preposition ends the source.
    let fields = match (&info.addressee_prep, fields.source) {
        (Some(prep), Some(np)) => {
            match (np.a + 1..np.b).find(|&k| ctx.t.is_word(k) && ctx.t.norm(k) == prep) {
                Some(k) => {
                    let last = (np.a..k).rev().find(|&w| ctx.t.is_word(w)).unwrap_or(np.a);
                    addressee = addressee.or(Some((ctx.t.tokens[k].start as usize, np.end)));
                    frame::Fields {
                        source: Some(crate::extract::context::Np {
                            b: last + 1,
                            end: ctx.t.tokens[last].end as usize,
                            ..np
                        }),
                        ..fields
                    }
                }
                None => fields,
            }
        }
        _ => fields,
    };
    match (&info.object, fields.source) {
        (Some(kind), Some(np)) => match split_object(ctx, np) {
            Some((subject, object)) => {
                let addressee = if kind == "addressee" {
                    addressee.or(Some((object.start, object.end)))
                } else {
                    addressee
                };
                (
                    frame::Fields {
                        source: Some(subject),
                        ..fields
                    },
                    addressee,
                    Some(object),
                )
            }
            None => (fields, addressee, None),
        },
        _ => (fields, addressee, None),
    }
}

/// Split «subject object» at the end of the subject's name: the name (words
/// without the article, not titles), one family name with the article, and
/// a title phrase after it up to its nisba adjectives (وزير الخارجية
/// الزمرداني). Returns nothing when the phrase has no name or nothing
/// after it.
fn split_object(
    ctx: &Ctx<'_>,
    np: crate::extract::context::Np,
) -> Option<(crate::extract::context::Np, crate::extract::context::Np)> {
    let t = &ctx.t;
    let lex = ctx.lex;
    let words: Vec<usize> = (np.a..np.b).filter(|&k| t.is_word(k)).collect();
    // (A verbal noun the lexicon does not know as a name starts the
    // object: «نبيل عساف | انهيار الجسر».)
    let is_name = |k: usize| {
        let w = t.norm(k);
        !w.starts_with("ال")
            && !lex.titles.contains(w)
            && !lex.adjunct_starts.contains(w)
            && (lex.given_names.contains(w)
                || lex.family_names.contains(w)
                || !(frame::verbal_noun(w) || lex.event_heads.contains(w)))
    };
    // The name: the first run of name words. With none, a head noun and
    // its nisba adjectives (الحكومة السورية | المعارضة، الوزير | الحادث).
    // A run after a head noun counts as a name only when the lexicon knows
    // one of its words («الناشط أجهزة الاستخبارات» has none).
    let known = |k: usize| {
        let w = t.norm(k);
        lex.given_names.contains(w) || lex.family_names.contains(w)
    };
    let first = match words.iter().position(|&k| is_name(k)) {
        Some(0) => 0,
        Some(f)
            if words[f..]
                .iter()
                .take_while(|&&k| is_name(k))
                .any(|&k| known(k)) =>
        {
            f
        }
        _ => return head_and_object(ctx, np, &words),
    };
    let mut end = first;
    while end < words.len() && is_name(words[end]) {
        end += 1;
    }
    // A family name with the article.
    if end < words.len()
        && end - first == 1
        && t.norm(words[end]).starts_with("ال")
        && end + 1 < words.len()
    {
        let w = t.norm(words[end]);
        if !lex.titles.contains(w) && !lex.titles.contains(&w["ال".len()..]) {
            end += 1;
        }
    }
    // A title after the name, to its nisba adjective.
    if end < words.len() && lex.titles.contains(t.norm(words[end])) {
        // Article words belong to the title until one that is not a nisba
        // follows a nisba (وزير الخارجية الزمرداني | الهجمات).
        let nisba = |w: &str| w.ends_with('ي') || w.ends_with("يه");
        let mut k = end + 1;
        let mut seen = false;
        while k < words.len() && t.norm(words[k]).starts_with("ال") {
            let w = t.norm(words[k]);
            if seen && !nisba(w) {
                break;
            }
            seen |= nisba(w);
            k += 1;
        }
        end = k;
    }
    split_np(ctx, np, &words, end)
}

/// The phrase `np` cut before its word `words[end]`: the subject up to
/// `words[end - 1]` and the object from `words[end]` on; nothing when no
/// word is left for the object.
fn split_np(
    ctx: &Ctx<'_>,
    np: crate::extract::context::Np,
    words: &[usize],
    end: usize,
) -> Option<(crate::extract::context::Np, crate::extract::context::Np)> {
    let t = &ctx.t;
    if end == 0 || end >= words.len() {
        return None;
    }
    let subject_end = words[end - 1];
    let object_start = words[end];
    Some((
        crate::extract::context::Np {
            a: np.a,
            b: subject_end + 1,
            start: np.start,
            end: t.tokens[subject_end].end as usize,
            skip: np.skip,
        },
        crate::extract::context::Np {
            a: object_start,
            b: np.b,
            start: t.tokens[object_start].start as usize,
            end: np.end,
            skip: 0,
        },
    ))
}

/// Split a source phrase without a name after its head noun and the
/// nisba adjectives that follow it («الحكومة السورية المعارضة» →
/// «الحكومة السورية» | «المعارضة»), or after «المتحدث باسم X».
fn head_and_object(
    ctx: &Ctx<'_>,
    np: crate::extract::context::Np,
    words: &[usize],
) -> Option<(crate::extract::context::Np, crate::extract::context::Np)> {
    let t = &ctx.t;
    // Only a contiguous phrase of words (no punctuation inside).
    if words.len() < 2 || words.len() != np.b - np.a {
        return None;
    }
    let nisba = |w: &str| w.starts_with("ال") && (w.ends_with('ي') || w.ends_with("يه"));
    let mut end = 1;
    if t.norm(words[1]) == "باسم" && words.len() > 2 {
        end = 3;
    } else if !t.norm(words[0]).starts_with("ال") {
        // A head in the construct state keeps its complement (رئيس الوزراء).
        end = 2;
    }
    // A definite word stays with the head when it is a nisba, or when an
    // indefinite word follows it: an object that starts definite
    // (المعارضة) has no indefinite word after it (النقابة العامة | إدارة
    // المصنع).
    while end < words.len() {
        let w = t.norm(words[end]);
        let before_indefinite = words
            .get(end + 1)
            .is_some_and(|&k| !t.norm(k).starts_with("ال"));
        if !(nisba(w) || w.starts_with("ال") && before_indefinite) {
            break;
        }
        end += 1;
    }
    split_np(ctx, np, words, end)
}

/// The noun phrase of a channel span without its preposition: «في بيان
/// للوزارة» → «بيان للوزارة».
fn channel_np(ctx: &Ctx<'_>, start: usize, end: usize) -> Option<crate::extract::context::Np> {
    let t = &ctx.t;
    let a = t.token_at(start) + 1;
    let b = t.token_at(end);
    if a >= b || !t.is_word(a) {
        return None;
    }
    Some(crate::extract::context::Np {
        a,
        b,
        start: t.tokens[a].start as usize,
        end,
        skip: 0,
    })
}

#[cfg(test)]
mod tests {
    use crate::Engine;

    fn first(text: &str) -> crate::Attribution {
        Engine::default()
            .extract(text)
            .attributions
            .into_iter()
            .next()
            .expect("an attribution")
    }

    #[test]
    fn indirect_with_channel_and_pro_drop() {
        let found = Engine::default().extract(
            "وقالت وزيرة الصحة سلمى راشد إن المستشفيات جاهزة. وأضافت على منصة إكس أن الأدوية وصلت.",
        );
        let a = &found.attributions;
        assert_eq!(a.len(), 2);
        assert_eq!(a[1].channel.as_ref().unwrap().text, "على منصة إكس");
        assert_eq!(a[1].source.canonical, "سلمى راشد");
        assert_eq!(a[1].source.resolution.as_str(), "pro-drop");
        assert_eq!(a[1].content.text, "الأدوية وصلت");
    }

    #[test]
    fn relative_clause_is_not_part_of_the_source() {
        let a =
            first("وقال المهندس نبيل عساف، الذي زار السد صباحا، في مؤتمر صحفي إن الشقوق قديمة.");
        assert_eq!(a.source.text, "المهندس نبيل عساف");
        assert_eq!(a.channel.unwrap().text, "في مؤتمر صحفي");
        assert_eq!(a.content.text, "الشقوق قديمة");
    }

    #[test]
    fn mixed_quote() {
        let a = first("وقال المحافظ إن الوضع \"تحت السيطرة\" منذ الصباح.");
        assert_eq!(a.mode.as_str(), "mixed");
        assert_eq!(a.content.text, "الوضع \"تحت السيطرة\" منذ الصباح");
    }

    #[test]
    fn a_statement_speaks_through_ja_a() {
        let a = first("وجاء في بيان للوزارة أن المدارس ستفتح يوم الأحد.");
        assert_eq!(a.source.text, "بيان للوزارة");
        assert_eq!(a.content.text, "المدارس ستفتح يوم الأحد");
        assert!(Engine::default()
            .extract("وجاء الوزير إلى المدينة أمس.")
            .attributions
            .is_empty());
    }

    #[test]
    fn lone_lam_word_after_a_preposed_subject_is_the_addressee() {
        let found = Engine::default().extract("وقال المندوب إن الوزير قال لسامر إن الاتفاق قائم.");
        let inner = found
            .attributions
            .iter()
            .find(|a| a.content.text == "الاتفاق قائم")
            .unwrap();
        assert_eq!(inner.source.text, "الوزير");
        assert_eq!(inner.addressee.as_ref().unwrap().text, "لسامر");
        // With the clitic, the ل-word is the speaker.
        assert_eq!(first("وقالت ليلى إن الطريق مغلق.").source.text, "ليلى");
    }

    #[test]
    fn a_direct_object_is_not_part_of_the_source() {
        let a = first("ووصف نبيل حداد وزير الخارجية الزمرداني الهجمات بأنها خرق للهدنة.");
        assert_eq!(a.source.text, "نبيل حداد وزير الخارجية الزمرداني");
        let a = first("وأبلغت سلمى راشد الصحفيين أن المستشفى جاهز.");
        assert_eq!(a.source.text, "سلمى راشد");
        assert_eq!(a.addressee.unwrap().text, "الصحفيين");
    }

    #[test]
    fn deny_stance() {
        let a = first("ونفى المتحدث أن تكون الشرطة قد اعتقلت أحدا.");
        assert_eq!(a.cue.stance.as_str(), "deny");
        assert_eq!(a.cue.lemma, "نفى");
    }

    #[test]
    fn conjunction_an_is_not_a_complementizer() {
        let a = first("وقال الوزير بعد أن زار الموقع إن العمل سيستأنف.");
        assert_eq!(a.content.text, "العمل سيستأنف");
    }

    #[test]
    fn cue_without_opener_is_not_an_attribution() {
        assert!(Engine::default()
            .extract("وأضاف الفريق هدفا ثانيا في الدقيقة الأخيرة.")
            .attributions
            .is_empty());
    }

    #[test]
    fn clause_ends_before_a_new_cue() {
        let found = Engine::default()
            .extract("وقال المكتب لوكالة الشمال إن 12 مدرسة تضررت وأضاف أن جسرين أغلقا.");
        let a = &found.attributions;
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].content.text, "12 مدرسة تضررت");
        assert_eq!(a[0].addressee.as_ref().unwrap().text, "لوكالة الشمال");
        assert_eq!(a[1].source.canonical, "المكتب");
    }

    #[test]
    fn a_preposition_with_a_title_or_kin_is_the_addressee() {
        let found = Engine::default().extract(
            "وقال الرئيس نبيل حداد إن الزيارة ناجحة. وقال للرئيس الزمرداني إن الحوار مستمر.",
        );
        let a = &found.attributions[1];
        assert_eq!(a.addressee.as_ref().unwrap().text, "للرئيس الزمرداني");
        assert_eq!(a.source.canonical, "نبيل حداد");
        let found =
            Engine::default().extract("عادت الطالبة سلمى إلى البيت. وقالت لوالديها إنها بخير.");
        assert_eq!(
            found.attributions[0].addressee.as_ref().unwrap().text,
            "لوالديها"
        );
    }

    #[test]
    fn a_quoted_name_in_the_frame_is_not_what_was_said() {
        let found = Engine::default()
            .extract("وأعلنت هيئة السوق رفع تعليق تداول سهم \"النخيل\" في السوق اعتبارا من اليوم.");
        assert!(found
            .attributions
            .iter()
            .all(|a| a.content.text != "النخيل"));
    }

    #[test]
    fn an_honorific_is_never_the_speaker() {
        let a = first("وقال صلى الله عليه وسلم إن الدين يسر.");
        assert_eq!(a.source.resolution.as_str(), "none");
    }

    #[test]
    fn an_according_to_phrase_ends_the_source() {
        let a = first("وقالت الصحيفة نقلا عن مصادر حكومية إن الموازنة تأخرت.");
        assert_eq!(a.source.text, "الصحيفة");
        let found = Engine::default().extract(
            "واعترف الموقوفون، وفق ما أفادت به الشرطة في بيان صحفي، بسرقة ثلاثة متاجر في الحي القديم.",
        );
        let a = found
            .attributions
            .iter()
            .find(|a| a.mode.as_str() == "according_to")
            .unwrap();
        assert_eq!(a.source.text, "الشرطة");
    }

    #[test]
    fn clause_ends_before_a_connector_and_a_new_cue() {
        let found = Engine::default().extract(
            "وقال الوزير إن الحكومة تدعم الحوار، لكنه أكد أيضا أن الأمن أولوية، كما أوضح أن الميزانية جاهزة.",
        );
        let a = &found.attributions;
        assert_eq!(a[0].content.text, "الحكومة تدعم الحوار");
        assert_eq!(a[1].content.text, "الأمن أولوية");
        assert_eq!(a[2].content.text, "الميزانية جاهزة");
        let found = Engine::default()
            .extract("وقالت الوزارة إن المدارس فتحت، لافتة إلى أن الدوام يبدأ غدا.");
        assert_eq!(found.attributions[0].content.text, "المدارس فتحت");
        assert_eq!(found.attributions[1].content.text, "الدوام يبدأ غدا");
    }

    #[test]
    fn clause_ends_before_a_bare_cue_with_its_own_subject() {
        // No full stop between the two reports.
        let found = Engine::default().extract(
            "وقالت وزارة الصحة إن حصيلة الحادث ارتفعت إلى 12 قتيلا من جهة أخرى أفاد مصدر أمني بأن الطريق أغلق.",
        );
        let a = &found.attributions;
        assert_eq!(a.len(), 2);
        assert!(!a[0].content.text.contains("أفاد"), "{}", a[0].content.text);
        assert_eq!(a[1].content.text, "الطريق أغلق");
        // Inside a relative clause the cue belongs to the reported clause.
        let found = Engine::default()
            .extract("وقالت المصادر إن الهجوم الذي قالت جماعات إغاثة إنه أودى بعشرات وقع فجرا.");
        assert!(found.attributions[0].content.text.ends_with("وقع فجرا"));
    }

    #[test]
    fn clause_ends_before_a_circumstance_of_the_writer() {
        let found = Engine::default()
            .extract("وقال المدير إن الإنتاج ارتفع هذا العام، رافعا الشكر للعاملين في المصنع.");
        assert_eq!(found.attributions[0].content.text, "الإنتاج ارتفع هذا العام");
        // A particle with a pronoun or with ما, a plural verb or an adverb
        // after the comma continues the clause.
        for rest in [
            "وإنما ينتظرون الدعم",
            "وإنها تنتظر الدعم",
            "قاموا بواجبهم",
            "حاليا",
        ] {
            let text = format!("وقال المدير إن العمال أنهوا المرحلة الأولى، {rest}.");
            let found = Engine::default().extract(&text);
            assert!(
                found.attributions[0].content.text.ends_with(rest),
                "{rest}: {}",
                found.attributions[0].content.text
            );
        }
    }

    #[test]
    fn relative_pronoun_subject_is_its_antecedent() {
        let e = Engine::default();
        let a = &e
            .extract("وكان المهندس المشرف، الذي أكد أن الجسر آمن، قد غادر الموقع.")
            .attributions[0];
        assert_eq!(a.source.text, "المهندس المشرف");
        assert_eq!(a.source.resolution.as_str(), "antecedent");
        let a = &e
            .extract("وحضر الوزير الذي أكد أن الخطة جاهزة.")
            .attributions[0];
        assert_eq!(a.source.text, "الوزير");
        // An antecedent that cannot speak: unresolved, not the speaker
        // of the sentence before.
        let found = e.extract(
            "وقال المدير إن العمل مستمر.\nوتوقف العمل في شهر رمضان والذي قال إن الموعد تأجل.",
        );
        let a = found.attributions.last().unwrap();
        assert_eq!(a.content.text, "الموعد تأجل");
        assert_eq!(
            a.source.kind,
            crate::extract::attribution::SourceKind::Unresolved
        );
    }

    #[test]
    fn event_noun_after_the_source_opens_the_content() {
        let e = Engine::default();
        let a = &e
            .extract("وأعلنت الشرطة اعتقال ثلاثة مشتبه بهم في المدينة.")
            .attributions[0];
        assert_eq!(a.source.text, "الشرطة");
        assert_eq!(a.content.text, "اعتقال ثلاثة مشتبه بهم في المدينة");
        // A later complement: the noun is part of the source's name.
        let a = &e
            .extract("وقالت هيئة الرقابة على تعيين الموظفين إن العملية شفافة.")
            .attributions[0];
        assert_eq!(a.content.text, "العملية شفافة");
        // After a time adjunct's head and with قال: not an event content.
        let a = &e
            .extract("وقال المدرب قبل انطلاق المباراة: «سنلعب للفوز».")
            .attributions[0];
        assert_eq!(a.content.text, "سنلعب للفوز");
    }

    #[test]
    fn mada_continues_a_source_where_a_clause_starts() {
        let e = Engine::default();
        let found = e.extract("وقال الوزير إن العمل مستمر.\nومضى للقول إن المدرسة ستفتح.");
        let a = &found.attributions[1];
        assert_eq!(a.cue.lemma, "مضى");
        assert_eq!(a.source.canonical, "الوزير");
        assert_eq!(a.content.text, "المدرسة ستفتح");
        // «فيما مضى» (in the past) is no cue.
        let found = e.extract("وكانت المدينة فيما مضى تقول إن النهر نظيف.");
        assert!(found.attributions.iter().all(|a| a.cue.lemma != "مضى"));
    }

    #[test]
    fn quoted_name_inside_a_channel_belongs_to_it() {
        let found = Engine::default().extract(
            "وقال الوزير إن العمل مستمر. وتابع قائلا عبر حسابه بموقع \"تويتر\": \"سننجز المشروع\".",
        );
        let a = &found.attributions[1];
        assert_eq!(a.source.canonical, "الوزير");
        assert_eq!(
            a.channel.as_ref().unwrap().text,
            "عبر حسابه بموقع \"تويتر\""
        );
        assert_eq!(a.content.text, "سننجز المشروع");
    }

    #[test]
    fn report_after_a_preposition_is_the_source() {
        let found =
            Engine::default().extract("ويأتي القرار بعد تقارير غربية أشارت إلى أن المصنع ملوث.");
        let a = &found.attributions[0];
        assert_eq!(a.source.text, "تقارير غربية");
        assert_eq!(a.content.text, "المصنع ملوث");
    }

    #[test]
    fn quoted_name_is_the_whole_source_unless_a_nisba_follows() {
        let e = Engine::default();
        let a = &e.extract("وطالب \"الحداد\" الشباب بالصبر.").attributions[0];
        assert_eq!(a.source.text, "الحداد");
        assert_eq!(a.content.text, "بالصبر");
        let a = &e
            .extract("وقالت \"الضفتين\" الزمردانية إن الطريق مغلق.")
            .attributions[0];
        assert_eq!(a.source.text, "الضفتين\" الزمردانية");
    }

    #[test]
    fn ma_in_is_as_soon_as_not_a_complement() {
        let found = Engine::default()
            .extract("وأظهر مقطع مصور حارسا يقف عند الباب، وما إن وصل الوفد حتى فتحه.");
        assert!(found.attributions.is_empty(), "{:?}", found.attributions);
    }

    #[test]
    fn topic_pronoun_and_manner_adverb_are_not_the_source() {
        let e = Engine::default();
        let a = &e.extract("ويقول عنه المعلمون إنه كان مجتهدا.").attributions[0];
        assert_eq!(a.source.text, "المعلمون");
        let found = e.extract("وقال المدير إن العمل مستمر.\nوقال بوضوح: \"نريد وقتا للتفكير\".");
        assert_eq!(found.attributions[1].source.canonical, "المدير");
    }

    #[test]
    fn consequence_after_mimma_is_the_writers() {
        let e = Engine::default();
        let a = &e
            .extract("وقال المدير إن العاصفة أغلقت الطريق مما أدى إلى تأخر الشاحنات.")
            .attributions[0];
        assert_eq!(a.content.text, "العاصفة أغلقت الطريق");
        // A comparison stays inside: «أكثر مما كان متوقعا».
        let a = &e
            .extract("وقال المدير إن الإنتاج ارتفع أكثر مما كان متوقعا.")
            .attributions[0];
        assert_eq!(a.content.text, "الإنتاج ارتفع أكثر مما كان متوقعا");
    }

    #[test]
    fn writers_inference_is_no_attribution() {
        let found =
            Engine::default().extract("وارتفع عدد الزوار إلى مليون، ما يشير إلى أن الموسم ناجح.");
        assert!(found.attributions.is_empty(), "{:?}", found.attributions);
    }

    #[test]
    fn negated_cue_reports_nothing() {
        let e = Engine::default();
        let found = e.extract("ولم يكشف الوزير أن الميزانية ستتأخر.");
        assert!(found.attributions.is_empty(), "{:?}", found.attributions);
        let found = e.extract("ولا يرى الوزير أن الميزانية ستتأخر.");
        assert_eq!(found.attributions.len(), 1);
    }

    #[test]
    fn quoted_channel_and_in_which_are_not_the_source() {
        let e = Engine::default();
        let found = e.extract("وقال المدير إن العمل مستمر.\nوكتب على \"تويتر\" \"يجب أن نعمل\".");
        let a = &found.attributions[1];
        assert_eq!(a.source.canonical, "المدير");
        assert_eq!(a.channel.as_ref().unwrap().text, "على \"تويتر\"");
        let a = &e
            .extract("وأغلقت المصانع، في الوقت الذي قالت فيه الشركة إنها احتوت الأزمة.")
            .attributions[0];
        assert_eq!(a.source.text, "الشركة");
    }
}
