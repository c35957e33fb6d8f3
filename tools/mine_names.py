#!/usr/bin/env python3
"""Mine a name lexicon (given names, family names, titles, organisation
heads) from the real corpora and write it as the TOML pack packs/names.toml.

The output holds single words and short name/title phrases with their
counts only: no sentence or other article text leaves this tool.

Usage: python3 tools/mine_names.py [--corpora ../shared/corpora]
       [--out packs/names.toml] [--show N [--sample K]]

--show N prints the top N of each list and K (default 40) random given and
family entries (fixed seed), for spot checks.

How it works (standard library only, deterministic; about a minute):

Words are counted under a key (diacritics and tatweel stripped, أ إ آ ٱ
folded to ا, ى to ي, ة to ه; only the preposition على keeps its ى, so that
it does not meet the name علي); each entry is written in its most
frequent surface spelling (diacritics and tatweel stripped, hamza kept).

Pass 1 reads every article once and keeps
  * the count of every word, and of the words after في, after قد/لم/لن/سوف
    (a verb's company) and after place nouns (مدينة، محافظة ...);
  * small windows of word keys after a person title (TITLE_SEEDS: الرئيس،
    الوزير، وزير، الدكتور، د.، الشيخ ...), after and before a reporting verb
    (قال، وقالت، أكد ...) and around بن.

Given names (select_given): a word, or a compound unit (عبد X, أبو X), that
starts a person mention followed by one more name word: after a title
past its tail (وزير الخارجية الأمريكي مايك ...; رئيس مجلس إدارة شركة
أرامكو أمين ...), after a reporting verb (وقال محمد العلي), first of two
name words before a reporting verb, or first of «X بن Y». Kept when so
seen at least 5 times, at least once after a title or before بن, in at
least 3% of all its occurrences; when it takes the article in under 10% of
its occurrences (up to 50% for a name that is also a family name with the
article, فيصل/الفيصل، when 10% of its occurrences are after a title or
before بن); when it is no function word, verb (seen after قد/لم/لن),
month, place (names follow في under 1% of the time, places 3% or more),
title, word with a clitic or pronoun written on, or plural; and when it
ends name runs less often than it starts them (so ترامب, the end of
«دونالد ترامب», is a family name).

Pass 2, with the given names fixed (and رجب-like month names, which stay
out of the list), reads the articles again and keeps six words either side
of each given name. Family names (mine_family) are the unit right after it
(past «بن Y»; آل X, أبو X, دي X are one unit; past a middle name such as
طيب in «رجب طيب أردوغان»), at least 5 times and in at least 10% (an
ال-word) or 5% (another) of the word's occurrences, so that a nisba such as
الأمريكي or السعودي, which mostly follows titles and organisations, is
dropped; institution names (مستشفى الملك فهد ...) do not count. Titles
(mine_titles) are the word or two-word phrase before the given name, past
nisba adjectives (وزير الخارجية الأمريكي مايك -> وزير الخارجية), at least
20 times, headed by a title word.

Organisation heads (mine_orgs) come from pass 1: the word right after a
reporting verb, followed by a genitive, that is not a name, title, document
or single person, and agrees with its verbs (وقالت وزارة الخارجية، وذكرت
وكالة رويترز، وقال مجلس ...), at least 20 times. classify_org() says how
the kind (organization / group) is decided.
"""

import argparse
import gzip
import json
import os
import random
import re
import sys
import time
from collections import Counter, defaultdict

CORPUS_FILES = [
    ("ant-multisource", "ant_multisource_v2.1_all.jsonl.gz"),
    ("saudinewsnet", "saudinewsnet_all.jsonl.gz"),
]

# --------------------------------------------------------------------------
# Normalisation and tokenisation

_STRIP = {c: None for c in range(0x064B, 0x0660)}  # harakat, shadda, sukun ...
_STRIP[0x0670] = None  # superscript alef
_STRIP[0x0640] = None  # tatweel
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})

# An Arabic word (letters with their marks), a run of Latin letters or
# digits (a break, kept as "#"), or any other single non-space character
# (punctuation, a break).
_TOKEN_RE = re.compile(
    r"[\u0621-\u063A\u0640-\u065F\u0670\u0671]+|[A-Za-z0-9\u0660-\u0669]+|\S"
)
_ARABIC_START = re.compile(r"[\u0621-\u063A\u0641-\u064A\u0671]")


def surface(tok):
    return tok.translate(_STRIP)


# على folds to علي, the name: the preposition keeps its ى in the key so
# that the two stay apart (the only such clash that matters here).
_KEEP_YA = {"على", "وعلى", "فعلى"}


def fold(s):
    """Key of a surface spelling (diacritics and tatweel already off)."""
    return s if s in _KEEP_YA else s.translate(_FOLD)


def norm(word):
    """Key of a word written in ordinary spelling (also used for lists)."""
    return fold(word.translate(_STRIP))


def norm_all(words):
    return {norm(w) for w in words.split()}


# --------------------------------------------------------------------------
# Hand lists (ordinary spelling; normalised when loaded)

# Function words, pronouns, particles, adverbs, number and time words and
# other frequent non-name words that may stand where a name is expected.
STOP = norm_all("""
في من إلى الى على عن مع بين حول ضد خلال بعد قبل منذ مذ حتى عند لدى عبر نحو دون
بدون تحت فوق أمام وراء خلف داخل خارج ضمن إثر جراء بسبب وفق وفقا حسب بحسب لصالح
مثل غير سوى عدا بل لكن لكنه لكنها ولكن أو أم ثم إذ إذا إن أن كأن لأن لكي كي لم
لن لا ما ماذا لماذا كيف أين متى هل قد لقد سوف كان كانت يكون تكون كانوا ليس
ليست هو هي هم هن هما أنا نحن أنت أنتم هذا هذه ذلك تلك هذان هاتان هؤلاء أولئك
هنا هناك هنالك الذي التي الذين اللذين اللتين اللذان اللتان اللواتي اللاتي كل
بعض جميع أي أية أيضا كما فقط جدا أكثر أقل أول أولى آخر أخرى أحد إحدى عدة عدد
نفس ذات وذلك حيث بينما عندما لما كلما مما عما فيما بما إلا إنه إنها أنه أنها
بأن بأنه بأنها لأنه ولا وما وهو وهي وفي ومن وعلى وإلى وعن ومع ثمة يوم أمس غدا
الآن صباح مساء ليلة ليل ظهر فجر عشية غداة عام سنة شهر أسبوع ساعة ساعات دقيقة
دقائق مرة مرات أيام يومي الأيام اليوم أمام إزاء لدى قرب قرابة نحو حوالي نحوا
بنحو أكثر زهاء لدي لديه لديها له لها لهم لهما به بها بهم منه منها منهم عنه
عنها عنهم فيه فيها فيهم عليه عليها عليهم إليه إليها إليهم معه معها معهم بينه
بينها بينهم عندها عنده وكان وكانت وقد ولم ولن وأن وإن فإن فقد كذلك ذاك هكذا
وهكذا أيا مهما أينما حين حينما وقت أثناء أجل خاصة سواء ربما لعل ليت إما أما
وأما فأما بيد واحد واحدة اثنين اثنان اثنتين ثلاث ثلاثة أربع أربعة خمس خمسة ست
ستة سبع سبعة ثمان ثمانية تسع تسعة عشر عشرة عشرين عشرون ثلاثين أربعين خمسين مئة
مائة مئات ألف آلاف مليون ملايين مليار مليارات نصف ربع ثلث الأحد الاثنين
الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت نعم كلا أبدا دائما أحيانا غالبا
عادة تماما حاليا سابقا لاحقا مؤخرا أخيرا أحر خالص أصدق أطيب أجمل أسمى أعمق
حفظه حفظها يحفظه رعاه يرعاه أيده أيدها وفقه رحمها عدم بذلك لذلك خلالها خلاله
لنا لي لك لو صلى رضي رحمه تعالى سبحانه عز جل حينذاك آنذاك يومذاك حينئذ وقتئذ
ذو ذا ذي ذوي باسمه باسمها باسمهم بشكل بصورة بطريقة بواسطة عبر إنما مثلا أيضاً
جديد جديدة كبير كبيرة صغير بأي لأي وأي ولا فلا ألا أليس يا أيها تم يتم وتم
ويتم تمت إنهم أنهم لأنهم بأنهم إنهما أنهما إننا أننا إني أني لأنها لأننا سيما
زال يزال تزال مازال مايزال لايزال ظل يظل تظل عاد يعود بات أصبح أضحى صار مجرد
أمثال
""")

# Reporting verbs: masculine, feminine and plural finite forms (with و/ف
# written on, as news copy does). Used as anchors and kept out of names.
# بين is left out: far more often "between" (بين محمد وأحمد) than "explained".
_CUE_M = """قال أكد أضاف أوضح أشار ذكر أعلن صرح شدد لفت كشف نقل أفاد تابع
اعتبر رأى نفى أبلغ أخبر حذر دعا طالب رجح توقع نوه أردف زعم ادعى اتهم وصف
روى استطرد أقر اعترف علق ختم أعرب أشاد انتقد أورد نبه قالت""".split()
_CUE_F = """قالت أكدت أضافت أوضحت أشارت ذكرت أعلنت صرحت شددت لفتت بينت كشفت نقلت
أفادت تابعت اعتبرت رأت نفت أبلغت أخبرت حذرت دعت طالبت رجحت توقعت نوهت
أردفت زعمت ادعت اتهمت وصفت روت استطردت أقرت اعترفت علقت ختمت أعربت أشادت
انتقدت أوردت نبهت""".split()
_CUE_PL = """قالوا أكدوا أضافوا أوضحوا أشاروا ذكروا أعلنوا صرحوا شددوا لفتوا كشفوا
نقلوا أفادوا تابعوا اعتبروا رأوا نفوا حذروا دعوا طالبوا رجحوا توقعوا زعموا
ادعوا اتهموا وصفوا أقروا اعترفوا أعربوا""".split()
_CUE_IMPF = """يقول تقول يقولون يؤكد تؤكد يضيف تضيف يوضح توضح يشير تشير يذكر تذكر
يعلن تعلن يرى ترى ينفي تنفي يحذر تحذر يعتبر تعتبر""".split()


def _cue_table():
    table = {}
    for forms, g in ((_CUE_M, "m"), (_CUE_F, "f"), (_CUE_PL, "pl"), (_CUE_IMPF, "i")):
        for f in forms:
            k = norm(f)
            if k == norm("قالت") and g == "m":
                continue
            for pre in ("", "و", "ف"):
                table.setdefault(pre + k, g)
    return table


CUES = _cue_table()

# Person titles that open a mention: the seeds of pass 1. Construct nouns
# (وزير، رئيس ...) take a genitive tail that is skipped (وزير الخارجية).
TITLE_SEEDS = norm_all("""
الرئيس الرئيسة الوزير الوزيرة الدكتور الدكتورة د الشيخ الشيخة السيد السيدة
السفير السفيرة اللاعب اللاعبة المدرب المدربة الأمير الأميرة الملك الملكة
النائب النائبة العقيد اللواء العميد الفريق المشير الجنرال الرائد المقدم النقيب
الملازم المهندس المهندسة الأستاذ الأستاذة البروفيسور المستشار المستشارة القاضي
المحامي جلالة فخامة معالي سعادة سماحة حضرة المحامية الفنان الفنانة الممثل
الممثلة المطرب المطربة المغني المغنية الكاتب الكاتبة الشاعر الشاعرة الصحفي
الصحفية الإعلامي الإعلامية المخرج المخرجة الداعية الإمام البابا الحاج المتحدث
المتحدثة الناطق الناطقة المحلل الباحث الباحثة الناشط الناشطة المعارض السلطان
الأمين النجم النجمة الروائي المذيع المذيعة الزعيم المبعوث المنسق المفوض المدير
المديرة القائد المحافظ الوكيل رئيس رئيسة وزير وزيرة أمير أميرة ملك نائب مدير
مديرة سفير أمين عضو قائد محافظ مستشار مساعد وكيل مندوب منسق مبعوث متحدث ناطق
مفتي رئيسا وزيرا خادم صاحب سمو ولي رجل
""")

# Words that may stand in a title's tail before the name (وزير الدولة لشؤون
# الخليج، المتحدث باسم الجيش).
TITLE_TAIL = norm_all("باسم لشؤون لشئون للشؤون سر")

# Kinship and other person nouns that stand before a genitive, not a name
# (نجل الرئيس، زوجة اللاعب).
NOT_NAME = norm_all("""
نجل نجلة ابنة شقيق شقيقة زوج زوجة والد والدة أخ أخت أخو عم عمة خال خالة حفيد
حفيدة عائلة أسرة محام صاحبة صديق صديقة رفيق جد جدة أرملة طليقة مقرب مقربة
مقربون
""")

# Months (Gregorian, Levantine and Hijri). رجب، شعبان and رمضان are also
# given names; they are left out on purpose (a month is not a speaker).
MONTHS = norm_all("""
يناير فبراير مارس أبريل إبريل ابريل مايو يونيو يونيه يوليو يوليه أغسطس
سبتمبر أكتوبر نوفمبر ديسمبر كانون شباط آذار نيسان أيار حزيران تموز آب أيلول
تشرين محرم صفر ربيع جمادى جمادي رجب شعبان رمضان شوال القعدة الحجة
""")

# Words that, after a reporting verb, point to a place (used to learn places).
PLACE_NOUNS = norm_all("""
مدينة محافظة ولاية عاصمة العاصمة بلدة قرية منطقة إقليم جزيرة مقاطعة مطار
ميناء دولة جمهورية مملكة إمارة بلدية مخيم ريف شمال جنوب شرق غرب وسط
""")

# Particles before a verb: a word seen after them is a verb.
VERB_PARTICLES = norm_all("قد لقد وقد فقد لم ولم فلم لن ولن سوف وسوف وسيتم")

# Link words inside a name (X بن Y).
BIN = norm_all("بن بنت ابن ابنة")

# First halves of two-word name units: عبد الله، أبو بكر، آل سعود (آل folds
# to ال), and particles before a family name (دي ميستورا، فان ديك، أغ غالي).
UNIT_PREFIX = norm_all("عبد ابو أبي آل ام أم")
FAMILY_PARTICLES = norm_all("دي دو دا فان فون ديل دل لا لو بو ولد أغ")

# Nouns that report but are not organisations or groups (documents,
# channels, single people). Hand-checked against the candidates.
NOT_ORG = norm_all("""
بيان تقرير رسالة تغريدة تصريح تصريحات مقال دراسة نص وثيقة خطاب كلمة مصدر مسؤول
متحدث ناطق مراسل شاهد خبير ناشط مسؤولة مصدرا مراقب محلل أرقام بيانات إحصاءات
إحصائيات معلومات صور لقطات مقطع فيديو حساب صفحة موقع مهاجم مدافع طبيب مؤسس
عالم مصور لاعب حارس مدرب تفاصيل أنظار استمرار صحة مصدران تقارير نتائج أهمية
ضابط حاكم مفوض مفوضة اسم قتيل مؤيد حالة استطلاع أرباب
""")

# Plural nouns for collectives of people (hand-checked): the "group" kind.
GROUP_WORDS = norm_all("""
سكان شهود ناشطون ناشطين نشطاء خبراء مسؤولون مسؤولين مسؤولو مصادر أهالي أهالى
عناصر قادة معارضون مراقبون محللون متظاهرون مسعفون أطباء مواطنون علماء مقاتلون
مسلحون جنود ضباط أعضاء نواب وزراء مشرعون دبلوماسيون لاجئون مهاجرون طلاب عمال
موظفون مستثمرون متابعون مغردون رواد مستخدمو شخصيات جماعات منظمات وسائل أوساط
دوائر جهات أطراف فصائل عائلة أسرة آخرون كثيرون
""")


# --------------------------------------------------------------------------
# Reading the corpora


def corpus_paths(root):
    paths = []
    for sub, name in CORPUS_FILES:
        p = os.path.join(root, sub, name)
        if not os.path.isfile(p):
            sys.exit(f"mine_names: corpus file not found: {p} (give --corpora DIR)")
        paths.append(p)
    return paths


def iter_paragraphs(paths):
    for p in paths:
        with gzip.open(p, "rt", encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                text = json.loads(line).get("text") or ""
                for para in text.split("\n"):
                    if para.strip():
                        yield para


class Tokens:
    """Surfaces and keys of one paragraph's tokens. Breaks (punctuation,
    Latin, digits) get the key "|", or "." for a full stop."""

    cache = {}

    @classmethod
    def of(cls, para):
        cache = cls.cache
        surfs, keys = [], []
        for tok in _TOKEN_RE.findall(para):
            e = cache.get(tok)
            if e is None:
                if _ARABIC_START.match(tok):
                    s = surface(tok)
                    e = (s, fold(s)) if s else ("", "|")
                else:
                    e = ("", "." if tok == "." else "|")
                if len(cache) < 3_000_000:
                    cache[tok] = e
            surfs.append(e[0])
            keys.append(e[1])
        return surfs, keys


def is_break(k):
    return k == "|" or k == "."


# --------------------------------------------------------------------------
# Pass 1


def variants(k):
    """The key with و/ف and a preposition with the article taken off:
    والرئيس -> الرئيس, للرئيس -> الرئيس, ووزير -> وزير."""
    out = [k]
    if len(k) > 3 and k[0] in "وف":
        k = k[1:]
        out.append(k)
    if k.startswith("لل") and len(k) > 4:
        out.append("ال" + k[2:])
    elif len(k) > 4 and k[0] in "بك" and k[1:3] == "ال":
        out.append(k[1:])
    return out


def pass1(paths):
    surf_count = Counter()
    after_fi = Counter()
    after_particle = Counter()
    after_place = Counter()
    windows = Counter()
    title_of = {}
    for para in iter_paragraphs(paths):
        surfs, keys = Tokens.of(para)
        surf_count.update(s for s in surfs if s)
        n = len(keys)
        prev = "|"
        for i, k in enumerate(keys):
            if prev == "في":
                after_fi[k] += 1
            elif prev in VERB_PARTICLES:
                after_particle[k] += 1
            elif prev in PLACE_NOUNS:
                after_place[k] += 1
            prev = k
            if k in CUES:
                windows[("C", CUES[k]) + tuple(keys[i + 1 : i + 7])] += 1
                windows[("P", CUES[k]) + tuple(keys[max(0, i - 4) : i])] += 1
                continue
            if k in BIN:
                windows[("B",) + tuple(keys[max(0, i - 2) : i + 3])] += 1
                continue
            t = title_of.get(k)
            if t is None:
                t = ""
                for v in variants(k):
                    if v in TITLE_SEEDS:
                        t = v
                        break
                title_of[k] = t
            if t:
                windows[("T", t) + tuple(keys[i + 1 : i + 8])] += 1
    return surf_count, after_fi, after_particle, after_place, windows


# --------------------------------------------------------------------------
# Word statistics


class Stats:
    def __init__(self, surf_count, after_fi, after_particle, after_place):
        self.uni = Counter()
        best = {}
        for s, c in surf_count.items():
            k = fold(s)
            self.uni[k] += c
            b = best.get(k)
            if b is None or c > b[1] or (c == b[1] and s < b[0]):
                best[k] = (s, c)
        self.best = {k: v[0] for k, v in best.items()}
        self.after_fi = after_fi
        self.after_particle = after_particle
        self.after_place = after_place

    def spell(self, key):
        parts = key.split(" ")
        out = [self.best.get(p, p) for p in parts]
        if len(parts) > 1 and parts[0] == "ال":
            out[0] = "آل"  # the standalone ال of broken text must not win over آل
        return " ".join(out)

    def al_count(self, k):
        u = self.uni
        return (u["ال" + k] + u["وال" + k] + u["بال" + k] + u["فال" + k]
                + u["كال" + k] + u["لل" + k])

    def al_rate(self, k):
        k = k.split(" ")[-1] if k.split(" ")[0] in UNIT_PREFIX else k
        a = self.al_count(k)
        return a / (a + self.uni[k] + 1e-9)

    def is_verb(self, k):
        c = self.after_particle[k]
        return c >= 3 and c >= 0.01 * self.uni[k]

    def is_place(self, k):
        # Names almost never follow في (<1%); places do (إيران 9%, لندن 36%).
        u = self.uni[k] + 1
        return self.after_fi[k] >= 0.03 * u or self.after_place[k] >= 0.03 * u


def nameish(k):
    """A word that may be part of a name, by its shape and the static
    lists only (no learned evidence)."""
    return (
        not is_break(k)
        and len(k) >= 2
        and k not in STOP
        and k not in CUES
        and k not in BIN
    )


def unit_at(win, j):
    """The name unit starting at win[j]: (key, width). عبد X, أبو X, آل X and
    foreign particles take the next word with them."""
    if j >= len(win):
        return None, 0
    k = win[j]
    if (k in UNIT_PREFIX or k in FAMILY_PARTICLES) and j + 1 < len(win) and nameish(win[j + 1]):
        return k + " " + win[j + 1], 2
    return k, 1


def skip_title_tail(win, j, construct, st, limit=6):
    """Past a title's tail to where the name starts.

    A title without the article (وزير، رئيس، سمو) is in construct: the next
    word is its genitive, and a genitive that is a common noun without the
    article is in construct again (رئيس مجلس إدارة شركة أرامكو). The chain
    ends at a definite word or a proper noun (a word that seldom takes the
    article: بريطانيا، أرامكو). Then come adjectives and nisbas with the
    article (الخارجية الأمريكي), or باسم / a word with ل written on
    (لشركة), which open a genitive again: المتحدث باسم وزارة الخارجية."""
    steps = 0
    while j < len(win) and steps < limit:
        k = win[j]
        if construct:
            if not nameish(k):
                break
            construct = not k.startswith("ال") and (
                st.al_rate(k) >= 0.1 or clitic_junk(k, st))
        elif k in TITLE_TAIL or (k[0] == "ل" and not k.startswith("ال") and clitic_junk(k, st)):
            construct = True
        elif k.startswith("ال") and len(k) > 3 and nameish(k):
            pass
        else:
            break
        j += 1
        steps += 1
    return j


# --------------------------------------------------------------------------
# Given names


def credit_last(win, j, second, c):
    """Credit the last word of the name run starting at win[j] as a family
    name (in `second`): دونالد ترامب، رجب طيب أردوغان، عبد ربه منصور هادي.
    A run followed by an ال-word (محمد أحمد العلي) ends in a middle name,
    and a word after بن is a father's name: neither is credited."""
    units = []
    while j < len(win) and len(units) < 4:
        k = win[j]
        if not nameish(k) or k in TITLE_SEEDS or k.startswith("ال"):
            break
        u, w = unit_at(win, j)
        units.append(u)
        j += w
    end = win[j] if j < len(win) else "|"
    if len(units) < 2 or end in BIN or (nameish(end) and end.startswith("ال")):
        return
    if any(u in BIN for u in units):
        return
    second[units[-1]] += c


def mine_given(windows, st):
    follow_cache = {}

    def good_follow(k):
        """A word that may go on a name: بن، an ال-word (العلي), or a word
        that seldom takes the article and is no inflected common word
        (ترامب، صلاح; not فريقه، مخاطبا)."""
        r = follow_cache.get(k)
        if r is None:
            r = k in BIN or (
                nameish(k) and k not in TITLE_SEEDS and k not in NOT_NAME
                and (k.startswith("ال") or (
                    st.al_rate(k) < 0.3 and not clitic_junk(k, st) and not inflected(k, st)
                    and not st.is_verb(k))))
            follow_cache[k] = r
        return r

    first_follow = Counter()  # starts a mention and a name word follows
    strong = Counter()  # the part of first_follow seen after a title or before بن
    second = Counter()  # second word of a two-word mention (not after بن)
    for w, c in windows.items():
        kind = w[0]
        if kind == "T":
            win = w[2:]
            j = 0
            if w[1] == "د":
                if not win or win[0] != ".":
                    continue
                j = 1
            j = skip_title_tail(win, j, not w[1].startswith("ال") and w[1] != "د", st)
            u, width = unit_at(win, j)
            if not u or not nameish(win[j]) or u.startswith("ال") or u in TITLE_SEEDS:
                continue
            nxt = win[j + width] if j + width < len(win) else "|"
            if good_follow(nxt):
                first_follow[u] += c
                strong[u] += c
                credit_last(win, j, second, c)
        elif kind == "C":
            win = w[2:]
            if not win or win[0] in TITLE_SEEDS:
                continue
            u, width = unit_at(win, 0)
            if not u or not nameish(win[0]) or u.startswith("ال"):
                continue
            nxt = win[width] if width < len(win) else "|"
            if good_follow(nxt):
                # وقال محمد العلي: a second name word follows; a genitive of
                # an organisation (وزارة الخارجية) is stopped later by the
                # article rate of the first word.
                first_follow[u] += c
                credit_last(win, 0, second, c)
        elif kind == "P":
            win = w[2:]
            # ... محمد العلي قال: two name words right before the verb,
            # after a break, a stop word or a title.
            if len(win) >= 3:
                a, b, before = win[-2], win[-1], win[-3]
                if (nameish(a) and nameish(b) and not a.startswith("ال")
                        and (is_break(before) or before in STOP or before in TITLE_SEEDS)
                        and a not in TITLE_SEEDS and b not in TITLE_SEEDS):
                    first_follow[a] += c
                    second[b] += c
        elif kind == "B":
            win = w[1:]
            # the bin is at index 2 when the window is complete
            bi = None
            for idx, k in enumerate(win):
                if k in BIN:
                    bi = idx
                    break
            if bi is None or bi == 0:
                continue
            x = win[bi - 1]
            if bi >= 2 and win[bi - 2] in UNIT_PREFIX and nameish(x):
                x = win[bi - 2] + " " + x
            if nameish(x.split(" ")[0]) and not x.startswith("ال") and x not in TITLE_SEEDS:
                first_follow[x] += c
                strong[x] += c

    return first_follow, strong, second


def clitic_junk(k, st):
    """A word with a proclitic written on it (لكرة، والمسجد، بشرطة، وقدم),
    not a name that happens to start with the same letter (وليد، بندر، كمال)."""
    if len(k) < 3 or k[0] not in "وفبلك":
        return False
    s = k[1:]
    if k.startswith("لل"):
        return True
    if s.startswith("ال") or s in STOP or s in TITLE_SEEDS or s in CUES:
        return True
    if k[0] in "وف":
        return st.uni[s] > st.uni[k] or inflected(s, st)
    if k[0] in "بل":
        bare = st.uni[s] + st.al_count(s)
        return bare > 2 * st.uni[k] or (bare > st.uni[k] and st.al_rate(s) >= 0.3)
    return False


_PRON = ("تهما", "تهم", "تها", "ته", "هما", "هم", "ها", "ه", "كم", "نا")


def inflected(k, st):
    """A common noun or adjective with a case ending or a pronoun written on
    (عاملا، إدارته، أمره، أيديهم): its bare stem often takes the article."""
    def common(stem):
        return len(stem) >= 2 and st.al_count(stem) >= max(5, 0.5 * st.uni[k])
    if k.endswith("ا") and common(k[:-1]):
        return True
    if k.endswith("تا") and common(k[:-2] + "ه"):  # dual in construct: شركتا
        return True
    if k.endswith(("تين", "تان")) and common(k[:-3] + "ه"):  # a dual: ذهبيتين
        return True
    if len(k) >= 5 and k[0] == "م" and k.endswith("ا") and st.al_count(k[:-1]) >= 2:
        return True  # an accusative participle: مخاطبا، مشيرا
    if len(k) >= 5 and k.endswith(("اته", "اتها", "اتهم")):
        return True  # a feminine plural with a pronoun: تحياته
    if len(k) >= 4 and k[0] == "ي" and k.endswith(("ه", "ها", "هم")):
        return True  # an imperfective verb with an object: يحفظه
    if len(k) >= 6 and k.startswith(("وسي", "وست", "وسن", "فسي", "فست")):
        return True  # و/ف + future س + an imperfective verb: وسيتحرك
    for suf in _PRON:
        if k.endswith(suf) and len(k) - len(suf) >= 2:
            stem = k[: -len(suf)]
            if suf.startswith("ت"):
                stem += "ه"
            if common(stem):
                return True
    return False


def k_plural_construct(k, st):
    """مستشارو، منتقدي، مراسلون: a sound plural (in construct, its -ون/-ين
    form is common), not a name."""
    if k.endswith(("و", "ي")) and st.uni[k + "ن"] >= max(1, st.uni[k]):
        return True
    if len(k) >= 6 and k.endswith(("ون", "ين")):
        stem = k[:-2]
        return st.uni[stem] >= st.uni[k] and st.al_count(stem) >= 5
    return False


def select_given(first_follow, strong, second, st):
    """Given names among the words that start person mentions. Returns the
    kept names with their counts and, for reporting, the reasons others
    were dropped."""
    given = {}
    months = {}
    rejected = Counter()
    for u, c in first_follow.items():
        parts = u.split(" ")
        compound = len(parts) > 1
        head = parts[-1] if compound else u
        if c < 5:
            continue
        if parts[0] == "ال" or parts[0] in FAMILY_PARTICLES:  # آل X، ولد X: a family
            continue
        why = None
        if any(p in STOP or p in CUES or is_break(p) for p in parts):
            why = "function word or verb"
        elif u in TITLE_SEEDS or u in NOT_NAME or len(u) < 2 or u.startswith("ال"):
            why = "title"
        elif clitic_junk(parts[0], st) or inflected(head, st):
            why = "clitic or suffix"
        else:
            ratio = c / (st.uni[head] + 1) if not compound else 1.0
            sratio = strong[u] / (st.uni[head] + 1) if not compound else 1.0
            al = st.al_rate(head)
            if ratio < 0.03:
                why = "rarely a name"
            elif k_plural_construct(head, st) or sound_plural(head, st):
                why = "clitic or suffix"
            elif strong[u] == 0:
                why = "never after a title or before بن"
            # Names rarely take the article (<10%); a name that is also a
            # family name with the article (فيصل/الفيصل، سعيد/السعيد) is
            # let through when it often stands after titles or before بن
            # (at least 10% of its occurrences).
            elif not (al < 0.10 or (al < 0.5 and sratio >= 0.1)):
                why = "takes the article"
            elif st.is_verb(head):
                why = "verb"
            elif not compound and st.is_place(u):
                why = "place"
            elif second[u] > c:
                why = "family name"
        if why:
            rejected[why] += 1
            continue
        if any(p in MONTHS for p in parts):
            # رجب (طيب أردوغان): kept out of the list, but its mentions
            # still give family names in pass 2.
            months[u] = c
            rejected["month"] += 1
            continue
        given[u] = c
    return given, months, rejected


# --------------------------------------------------------------------------
# Pass 2: family names and titles around the given names


def declitic(k, st):
    """The most frequent of a word's clitic-stripped variants (والرئيس ->
    الرئيس, للرئيس -> الرئيس, but وزير stays وزير)."""
    return max(variants(k), key=lambda v: (st.uni[v], -len(v)))


def pass2(paths, given):
    """Every occurrence of a given name (not itself after بن): the six keys
    before it and the six after it, counted."""
    firsts = defaultdict(set)  # first token -> second tokens of units ("" = single)
    for g in given:
        p = g.split(" ")
        firsts[p[0]].add(p[1] if len(p) > 1 else "")
    mentions = Counter()
    for para in iter_paragraphs(paths):
        _, keys = Tokens.of(para)
        n = len(keys)
        for i, k in enumerate(keys):
            seconds = firsts.get(k)
            if seconds is None or (i > 0 and keys[i - 1] in BIN):
                continue  # a father's name (بن سلمان) is part of the mention before
            if i + 1 < n and keys[i + 1] in seconds:
                g, j = k + " " + keys[i + 1], i + 2
            elif "" in seconds:
                g, j = k, i + 1
            else:
                continue
            pre = tuple(keys[max(0, i - 6) : i])
            mentions[(pre, g, tuple(keys[j : j + 6]))] += 1
    return mentions


# Nouns that make an institution of a name (مستشفى الملك فهد، جامعة الملك
# سعود، مركز الملك سلمان للإغاثة): such a mention is not a person's.
INSTITUTION = norm_all("""
مركز جامعة مدينة مطار مستشفى طريق مؤسسة جائزة ملعب استاد ستاد قاعدة كلية
شارع حي مجمع برنامج مسابقة كأس قصر ميناء جسر مسجد معهد مكتبة دارة وقف صندوق
مشروع بطولة دورة مدرسة ميدان مدارس جسر نادي قاعة مستشفيات حديقة متحف
""")

# Words that stand between a title and a name but are not the title:
# the nisba adjectives are found by shape (ال...ي، ال...ية), these by list.
TITLE_MODIFIERS = norm_all("""
السابق السابقة الأسبق الراحل الراحلة الحالي الجديد الجديدة الشهير الشهيرة
المخضرم الشاب الشابة الأول الثاني المعروف المعروفة الدولي
""")

# Second halves of compound given names (نور الدين، عبد الرحمن، ذو الفقار).
NAME_TAILS = norm_all("الدين الله الرحمن الإسلام الفقار")

# Regnal and other ordinals after a name (عبدالله الثاني، محمد السادس).
ORDINALS = norm_all("""
الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر
الأولى الثانية الثالثة الرابعة الخامسة السادسة
""")


def strip_clitic(k):
    """و/ف/ب/ل taken off a word before an institution noun: بمستشفى -> مستشفى."""
    if len(k) > 3 and k[0] in "وف":
        k = k[1:]
    if len(k) > 3 and k[0] in "بل" and not k.startswith("ال"):
        k = k[1:]
    return k


# Adjectives that belong to a title with the article (الأمين العام، المدير
# التنفيذي); other adjectives (الأمريكي) do not.
TITLE_ADJ = norm_all("العام العامة التنفيذي التنفيذية الأعلى الخاص الخاصة المساعد الدائم")


def title_before_complement(pre, q, st):
    """The title a complement hangs on, searching back from pre[q]:
    الأمين العام [للأمم المتحدة]، رئيس الاتحاد [المصري لكرة القدم]."""
    steps = 0
    while q >= 0 and steps < 4 and nameish(pre[q]):
        a = declitic(pre[q], st)
        if a in TITLE_SEEDS:
            nxt = pre[q + 1] if q + 1 < len(pre) else "|"
            if not a.startswith("ال") and nameish(nxt) and nxt.startswith("ال"):
                return a + " " + nxt
            if a.startswith("ال") and nxt in TITLE_ADJ:
                return a + " " + nxt
            return a
        q -= 1
        steps += 1
    return None


def read_mentions(mentions, st):
    """From the given-name occurrences: the family-name candidate right after
    each (past «بن Y» links) and the title right before it (past nisba
    adjectives and modifiers)."""
    after_given = Counter()
    title_before = Counter()
    candidates = []
    for (pre, g, post), c in mentions.items():
        # the title before, past modifiers; a nisba right after a construct
        # noun is its genitive, not a modifier (وزير الخارجية)
        t = len(pre) - 1
        steps = 0
        while t >= 0 and steps < 3 and nameish(pre[t]) and pre[t] not in TITLE_SEEDS and (
                pre[t] in TITLE_MODIFIERS
                or (pre[t].startswith("ال") and pre[t].endswith(("ي", "يه")))):
            prev = pre[t - 1] if t >= 1 else "|"
            if prev[:1] in ("و", "ف") and prev[1:3] == "ال":
                prev = prev[1:]  # والزعيم
            if nameish(prev) and not prev.startswith(("ال", "ل")) \
                    and prev not in CUES and prev not in TITLE_MODIFIERS:
                break
            t -= 1
            steps += 1
        title = None
        institution = False
        if t >= 1 and pre[t] == "." and pre[t - 1] == "د":
            title = "د."
        elif t >= 0 and nameish(pre[t]):
            a = declitic(pre[t], st)
            b_raw = pre[t - 1] if t >= 1 else "|"
            b = declitic(b_raw, st) if nameish(b_raw) else ""
            lpos = [q for q in (t, t - 1) if q >= 0 and pre[q].startswith("ل") and not pre[q].startswith("ال")]
            if t >= 1 and strip_clitic(pre[t - 1]) in INSTITUTION:
                institution = True
            elif any(pre[q] == "باسم" for q in range(max(0, t - 3), t + 1)):
                q = max(q for q in range(max(0, t - 3), t + 1) if pre[q] == "باسم")
                if q >= 1 and nameish(pre[q - 1]):
                    title = declitic(pre[q - 1], st) + " باسم"
            elif lpos and nameish(pre[lpos[-1]]):
                # a complement (الأمين العام للأمم المتحدة، رئيس الاتحاد
                # المصري لكرة القدم): the title is further back
                title = title_before_complement(pre, lpos[-1] - 1, st)
            elif a in TITLE_SEEDS:
                title = (b + " " + a) if b in TITLE_SEEDS and b != a else a
            elif a.startswith("ال"):
                if b and not b.startswith("ال") and b not in CUES:
                    title = b + " " + a  # construct: وزير الدفاع، رئيس الوزراء
                elif b.startswith("ال") and b in TITLE_SEEDS:
                    title = b + " " + a  # الأمين العام
            else:
                title = a
        if institution:
            continue
        if title:
            title_before[title] += c
        # the family name after
        j = 0
        linked = False
        while j + 1 < len(post) and post[j] in BIN and nameish(post[j + 1]):
            _, w = unit_at(post, j + 1)
            j += 1 + w
            linked = True
        if j >= len(post) or not nameish(post[j]):
            continue
        u, w = unit_at(post, j)
        if linked and not (u.startswith("ال") or " " in u):
            continue  # after بن Y only a nisba or آل X is a family name
        nxt = None
        if not u.startswith("ال") and j + w < len(post) and nameish(post[j + w]) \
                and post[j + w] not in TITLE_SEEDS and post[j + w] not in BIN:
            nxt, _ = unit_at(post, j + w)
        candidates.append((g, u, nxt, c))
    # A word that is nearly always followed by one more name word is a
    # middle name (رجب طيب أردوغان، كيم جونغ أون، محمد جواد ظريف): the
    # word after it is the family name.
    total = Counter()
    followed = Counter()
    for _, u, nxt, c in candidates:
        total[u] += c
        if nxt:
            followed[(u, nxt)] += c
    middles = set()
    for (u, nxt), c in followed.items():
        if c >= 0.6 * total[u] and total[u] >= 5:
            middles.add(u)
    by_given = defaultdict(Counter)
    for g, u, nxt, c in candidates:
        f = nxt if u in middles and nxt else u
        after_given[f] += c
        by_given[f][g] += c
    return after_given, by_given, title_before


def mine_family(after_given, by_given, given, st, titles):
    """Family names: words right after given names, often enough relative
    to their own frequency (an ال-word 10% of its occurrences, another 5%),
    not function words, titles, verbs, places, ordinals or name tails.
    An ال-word that follows one given name that is also a common word
    (حسن: حسن النية، حسن الجوار) is that word's complement, not a family."""
    family = {}
    for u, c in after_given.items():
        if c < 5:
            continue
        if u.startswith("ال"):
            g, gc = by_given[u].most_common(1)[0]
            if gc >= 0.8 * c and st.al_rate(g) >= 0.05:
                continue
        parts = u.split(" ")
        head = parts[-1]
        if any(p in STOP or p in MONTHS or p in CUES for p in parts):
            continue
        if u in TITLE_SEEDS or u in titles or u in NOT_NAME or u in NAME_TAILS or u in ORDINALS:
            continue
        if head in TITLE_MODIFIERS or u in INSTITUTION:
            continue
        if not u.startswith("ال") and ("ال" + u in TITLE_SEEDS or "ال" + u in titles):
            continue  # a title without the article: مدرب
        if len(parts) == 1 and (clitic_junk(u, st) or (not u.startswith("ال") and inflected(u, st))):
            continue
        total = st.uni[head] if len(parts) == 1 else c
        if c < (0.10 if u.startswith("ال") else 0.05) * total:
            continue  # follows given names too rarely: a common word
        if st.is_verb(head):
            continue
        if len(parts) == 1 and not u.startswith("ال") and st.is_place(u):
            continue
        if u in given and 2 * given[u] >= c:
            continue  # mostly a given name (a father's or middle name here)
        family[u] = c
    return family


def mine_titles(title_before, given, family, st):
    """Titles: words and two-word phrases before given names, at least 20
    times, that are not names, verbs, places or clitic-prefixed words."""
    titles = {}
    for t, c in title_before.items():
        if c < 20:
            continue
        if t == "د.":
            titles[t] = c
            continue
        parts = t.split(" ")
        last = parts[-1]
        if any(p in CUES or p in given or p in family or p in STOP or p in UNIT_PREFIX
               or p in FAMILY_PARTICLES or p in MONTHS or p in INSTITUTION for p in parts):
            continue
        if any(st.is_verb(p) or clitic_junk(p, st) for p in parts if p != "باسم"):
            continue
        if parts[0].startswith("ي") or last.endswith("وا"):
            continue  # imperfective or plural verbs
        if any(inflected(p, st) or (not p.startswith("ال") and p.endswith("ه") and st.uni[p[:-1]] >= 20)
               for p in parts):
            continue  # a pronoun written on: مدربه، نظيره
        if len(parts) == 1 and not last.startswith("ال") and st.is_place(last):
            continue
        if len(parts) == 1 and not last.startswith("ال") and last not in TITLE_SEEDS:
            if c < 0.05 * st.uni[last]:
                continue  # فريق: a noun more than a title
        titles[t] = c
    # The head of a title is a title itself: in TITLE_SEEDS, or a single
    # ال-word found above, or (a construct head: مدرب المنتخب) a word whose
    # ال-form is one of those. This drops مجلس الوزراء، تعيين، رحيل ...
    heads = set(TITLE_SEEDS) | {t for t in titles if " " not in t and t.startswith("ال")}
    def head_ok(h):
        return h in heads or ("ال" + h) in heads or h == "د."
    return {t: c for t, c in titles.items() if head_ok(t.split(" ")[0])}


# --------------------------------------------------------------------------
# Organisation heads


def classify_org(key, by_gender, st):
    """The kind of an organisation head.

    "group" when the word is a plural of people or of collectives: it is in
    the hand-checked GROUP_WORDS list, or has a sound plural ending
    (-ون/-ين, or -و of a plural in construct: مسؤولو), or the فعلاء/أفعلاء
    pattern of broken plurals (خبراء، أطباء), or it is mostly the subject
    of a plural verb form (قالوا ...). Otherwise "organization" (وزارة،
    وكالة، شركة، مجلس، جيش، محكمة، شرطة ...).
    """
    if key in GROUP_WORDS:
        return "group"
    if sound_plural(key, st):
        return "group"
    if re.fullmatch(r"ا?[^ا]{3}اء", key):
        return "group"
    total = sum(by_gender.values())
    if by_gender.get("pl", 0) > total / 2:
        return "group"
    return "organization"


def sound_plural(k, st):
    """ناشطون، مسؤولين، مسؤولو: a sound masculine plural, its singular a
    word of its own (so تلفزيون and فلسطين are not)."""
    for suf in ("ون", "ين", "و"):
        if k.endswith(suf) and len(k) - len(suf) >= 3:
            stem = k[: -len(suf)]
            if st.uni[stem] + st.al_count(stem) >= 20 and (suf != "و" or st.uni[stem + "ون"] >= 5):
                return True
    return False


def mine_orgs(windows, st, given, family, titles, strong):
    """Organisation heads: the word right after a reporting verb, followed
    by a genitive, that is not a name, a title, a document or a single
    person. A feminine noun (-ة) must mostly follow feminine verb forms
    and any other singular mostly masculine ones, as a subject agrees with
    its verb: this drops objects (وأكد أهمية، وأعلن استعداد). Plural
    subjects need no genitive (وقال ناشطون إن)."""
    heads = defaultdict(Counter)
    person_words = set(TITLE_SEEDS) | set(NOT_NAME)
    for t in titles:
        person_words.add(t.split(" ")[0])
    for w, c in windows.items():
        if w[0] != "C":
            continue
        g, win = w[1], w[2:]
        if g == "i" or len(win) < 2:
            continue
        k, nxt = win[0], win[1]
        if not nameish(k) or k.startswith("ال"):
            continue
        if k in GROUP_WORDS or sound_plural(k, st):
            heads[k][g] += c  # a plural subject need not take a genitive
            continue
        if not nameish(nxt):
            continue
        # a genitive: a definite word, or a proper noun (a word that rarely
        # takes the article: رويترز، دبي), not an indefinite adjective
        if nxt.startswith("ال") or st.al_rate(nxt) < 0.3:
            heads[k][g] += c
    orgs = {}
    for k, by_g in heads.items():
        c = sum(by_g.values())
        if c < 20:
            continue
        if k in given or k in family or k in NOT_ORG or k in STOP:
            continue
        if strong[k] >= 0.2 * c:
            continue  # stands after titles or before بن: a name (الأمير تركي)
        if k in UNIT_PREFIX or k in FAMILY_PARTICLES or k in MONTHS:
            continue
        if k in person_words or ("ال" + k) in person_words:
            continue
        if clitic_junk(k, st) or inflected(k, st):
            continue
        if st.is_verb(k) or st.after_place[k] >= 0.03 * (st.uni[k] + 1):
            continue
        kind = classify_org(k, by_g, st)
        if kind == "organization" and st.al_rate(k) < 0.1:
            continue  # a name (أردوغان، عمر), not a common noun like وزارة
        if kind == "organization":
            fem = by_g["f"] / c
            if (k.endswith("ه") and fem < 0.6) or (not k.endswith("ه") and fem > 0.4):
                continue  # does not agree with its verbs: an object
        orgs[k] = (c, kind)
    return orgs


# --------------------------------------------------------------------------
# Output


def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def merge_compounds(d):
    """عبد الله and عبدالله (أبو زيد and أبوزيد) are one name: their counts
    are summed under the spelling seen more often."""
    groups = defaultdict(list)
    for k, v in d.items():
        groups[k.replace(" ", "") if k.split(" ")[0] in UNIT_PREFIX else k].append((k, v))
    out = {}
    for members in groups.values():
        def cnt(v):
            return v[0] if isinstance(v, tuple) else v
        members.sort(key=lambda kv: (-cnt(kv[1]), kv[0]))
        best, v = members[0]
        total = sum(cnt(m[1]) for m in members)
        out[best] = (total,) + v[1:] if isinstance(v, tuple) else total
    return out


def sorted_items(d, st):
    items = [(st.spell(k), v) for k, v in merge_compounds(d).items()]
    # merge entries whose spellings coincide (keys differing only by fold)
    merged = {}
    for s, v in items:
        if isinstance(v, tuple):
            if s in merged:
                merged[s] = (merged[s][0] + v[0], merged[s][1])
            else:
                merged[s] = v
        else:
            merged[s] = merged.get(s, 0) + v
    def cnt(v):
        return v[0] if isinstance(v, tuple) else v
    return sorted(merged.items(), key=lambda kv: (-cnt(kv[1]), kv[0]))


def render_toml(lists):
    """One multi-line string per list, an entry per line: the word or
    phrase, its count and (for organisations) its kind, separated by tabs.
    A string is one TOML token, so the pack loads fast whatever its size."""
    out = [
        "# Names mined from the corpora by tools/mine_names.py (words and counts only, no article text).",
        "# Regenerate: python3 tools/mine_names.py --corpora ../shared/corpora --out packs/names.toml",
        "# One entry per line: word or phrase, count, and for organizations the kind",
        "# (organization or group), separated by tabs.",
        "[names]",
    ]
    for name, items in lists:
        out.append(f'{name} = """')
        for w, v in items:
            assert "\t" not in w and '"' not in w and "\\" not in w, w
            if isinstance(v, tuple):
                out.append(f"{w}\t{v[0]}\t{v[1]}")
            else:
                out.append(f"{w}\t{v}")
        out.append('"""')
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpora", default="../shared/corpora")
    ap.add_argument("--out", default="packs/names.toml")
    ap.add_argument("--show", type=int, default=0,
                    help="print the top N of each list and random given/family entries")
    ap.add_argument("--sample", type=int, default=40,
                    help="how many random given/family entries --show prints")
    args = ap.parse_args()
    paths = corpus_paths(args.corpora)
    t0 = time.time()

    surf_count, after_fi, after_particle, after_place, windows = pass1(paths)
    st = Stats(surf_count, after_fi, after_particle, after_place)
    del surf_count
    first_follow, strong, second = mine_given(windows, st)
    given, month_names, rejected = select_given(first_follow, strong, second, st)
    t1 = time.time()
    mentions = pass2(paths, {**given, **month_names})
    after_given, by_given, title_before = read_mentions(mentions, st)
    family_raw = mine_family(after_given, by_given, given, st, {})
    titles = mine_titles(title_before, given, family_raw, st)
    family = {k: v for k, v in family_raw.items() if k not in titles}
    orgs = mine_orgs(windows, st, given, family, titles, strong)
    lists = [
        ("given", sorted_items(given, st)),
        ("family", sorted_items(family, st)),
        ("titles", sorted_items(titles, st)),
        ("organizations", sorted_items(orgs, st)),
    ]
    text = render_toml(lists)
    try:
        import tomllib
    except ImportError:  # Python < 3.11: the check is skipped
        tomllib = None
    if tomllib is not None:
        back = tomllib.loads(text)["names"]
        assert [len(back[n].splitlines()) for n, _ in lists] == [len(i) for _, i in lists]
    d = os.path.dirname(args.out)
    if d:
        os.makedirs(d, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text)
    for name, items in lists:
        print(f"{name}: {len(items)} entries (top: {', '.join(w for w, _ in items[:5])})")
    print(f"wrote {args.out} in {time.time() - t0:.0f}s (pass 1 {t1 - t0:.0f}s)")
    if args.show:
        rng = random.Random(1)
        for name, items in lists:
            print(f"\n== {name}: top {args.show}")
            print(" ".join(f"{w}:{v[0] if isinstance(v, tuple) else v}{'/' + v[1][0] if isinstance(v, tuple) else ''}" for w, v in items[: args.show]))
            if name in ("given", "family"):
                sample = rng.sample(items, min(args.sample, len(items)))
                print(f"-- {name}: {len(sample)} random")
                print(" ".join(f"{w}:{v}" for w, v in sample))


if __name__ == "__main__":
    main()
