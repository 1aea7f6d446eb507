"""The price grammar: any span of text — a table cell, a card, a sentence, a news clause — → price mentions.

A mention is what the span itself says about one amount: the amount and its currency, the token unit
it is priced per, the price type its label names, the tier or condition around it, and whether the
span tells it as the old price. Readers fill what the span leaves open (a column header's unit, the
page's currency) and bind mentions to models; the grammar knows nothing of tables or articles.

A span is cut into amounts; the text between two amounts (the gap) is split into the first amount's
tail (its unit phrase, its notes in brackets, a condition after a comma) and the next amount's head
(its label: `输出`, `Output:`, `32k<输入<=128k：`, `from`). Units, types and tiers are then read from
each amount's own head and tail first, and carried from its neighbours only where its own say nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from pricewatch import fastre
from pricewatch.normalize import (
    CURRENCY_AFTER,
    CURRENCY_BEFORE,
    INPUT_OR_OUTPUT,
    MILLION,
    NUM,
    TOKEN_COUNT,
    TOKEN_WORD,
    clean_decimal,
    currency_of,
    find_token_unit,
    is_free,
    is_round_count,
    non_token_unit_at,
    other_currency_before,
    parse_number,
    per_mtok,
    price_type_of,
    priced_per_other_thing_before,
    strip_price_type_words,
    strip_token_units,
)
from pricewatch.textfold import fold_width

_PREFIX = CURRENCY_BEFORE  # the currency signs and words, shared with normalize's free-line test
_SUFFIX = CURRENCY_AFTER
_SIGN_AFTER = r"[€$](?!\s*\d)"  # "0.25$ / 1M tokens"; a sign before a digit starts the next amount
_AMOUNT = fastre.compile(
    rf"""
    # A match starts at its first word, never at a space before it: the engine then tries it only where its first
    # character can stand (fastre), where a leading '\s*' had it tried at every character of a text.
    (?:(?P<approx>[约約]合|折合[约約]?|相当于[约約]?|相當於[約约]?|约|約|大约|大約|~|～|≈|\babout\s|\bapproximately\s|\baround\s)\s*)?
    (?:
        (?P<pre>{_PREFIX})\s*(?P<n1>{NUM})(?:\s*(?P<suf1>{_SUFFIX}))?   # $5, ¥0.6, USD 2, US$1 美元
      # 0.25元, 15 cents, 2.5ドル, 0.2€; run into the token word before it: '每百万tokens2元'
      | (?:(?<![A-Za-z0-9.\-])|(?<=token)|(?<=tokens))(?P<n2>{NUM})\s*(?P<suf2>{_SUFFIX}|{_SIGN_AFTER})
      | (?<![A-Za-z0-9.\-/$¥€])(?P<n3>{NUM})(?![0-9A-Za-z%万千亿百十]|\.\d|\s*[xX×*])   # a bare number (a full stop may end its sentence): kept below only where a unit prices it
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)
# A glued table row prints "$6.0034B parameters": the price, then a count. Prices carry at most two
# decimals more than a cent, so a long decimal run straight into a magnitude letter is split.
_RANGE = fastre.compile(
    rf"""
    (?=[\s\d.$¥€UuCcRrJjEe])                 # a cheap first-character test, as in _AMOUNT
    (?:(?P<pre>{_PREFIX})\s*)?(?<![A-Za-z0-9.\-])(?P<lo>{NUM})   # the low end, with or without its sign
    \s*(?:-|–|~|〜|～|至|到)\s*(?:{_PREFIX})?\s*                  # a dash or 至 between the ends
    (?P<hi>{NUM})(?:\s*(?P<suf>{_SUFFIX}))?                       # the high end and the currency word
    (?(pre)|(?(suf)|(?!)))                                          # a sign before, or a word after
    """,
    re.VERBOSE | re.IGNORECASE,
)
# What every range holds, a digit and the dash after it: most spans have none, and _RANGE is not tried.
_RANGE_DASH = fastre.compile(r"\d\s*(?:-|–|~|〜|～|至|到)")
_GLUED_COUNT = fastre.compile(r"^(\d+\.\d{2})\d+[KMBkmb]\b")
_LEADING_TOKEN_UNIT = fastre.compile(
    rf"""^\s*(?:/|per|每)\s*[\d,.]*\s*(?:[KkMm]|million|thousand|百万|千|万)?\s*  # '/ 1M', 'per million', '每百万'
        (?:[个個]\s*)?(?:(?:input|output|cached|输入|输出|入力|出力)\s*)?          # '/ 1M input tokens': the type
        (?:{TOKEN_WORD}|MTok)""",
    re.IGNORECASE | re.VERBOSE,
)
_CENTS = {"cent", "cents", "¢", "セント", "美分"}

# Separators between two priced items of one span.
_SEPARATOR = fastre.compile(
    r"(?<!\d)[,，]|[,，](?!\d{3})|[;；、·•|｜]|\s/(?:\s|$)|\s[-–—]\s|\s+(?:and|or|while)(?:\s+|$)|和|及|与|以及|而"
)
# Where a clause ends: a comma (not one between thousands, '1,000'), a semicolon, '、', a full stop, a bullet
# or a bar. (Written to open with the class of its marks, which the engine scans for.)
_CLAUSE_CUT = fastre.compile(r"[,，;；、。·•|｜](?!(?<=\d[,，])\d{3})")
_NOTE = fastre.compile(r"[(（\[]([^()（）\[\]]{0,60})[)）\]]")


def _has_bracket(text: str) -> bool:
    """Whether TEXT opens a note at all: most heads and tails a span is cut into do not, and three string tests cost
    less than a regex call."""
    return "(" in text or "（" in text or "[" in text


def _without_notes(text: str) -> str:
    """TEXT with each note in brackets blanked out (one space)."""
    return _NOTE.sub(" ", text) if _has_bracket(text) else text


# A tier written as a comparison: "prompts <= 200k tokens", "32k<输入<=128k", "输入长度 [0, 32]", "> 128K".
_ENGLISH_COMPARISON = (
    r"up\s+to|over|above|beyond|exceeding|under|below|at\s+most|(?:more|longer|greater|less|fewer|shorter)\s+than"
)
_COMPARATOR = fastre.compile(
    rf"""
    (?:\d+(?:\.\d+)?\s*[kKmM万千]?\s*[<≤]=?\s*)?                 # a lower bound: "32k<"
    (?:[A-Za-z\u4e00-\u9fff\u3040-\u30ff]+\s*)?                  # what is compared: prompts, 输入, context
    (?:[<>≤≥]=?|大于|小于|超过|以上|以下)\s*\d+(?:\.\d+)?\s*[kKmM万千]?  # the bound
    (?![\d.]|\s*[%％倍])                                           # not a share: '便宜超过60%' compares prices
    (?:\s*(?:tokens?|トークン))?
    # or the bound first and the word after, as Japanese and Chinese write it: "128Kトークン以下", "32K以上",
    # "12.8万トークンを超える", "32K以内"
    | \d+(?:\.\d+)?\s*[kKmM万千]\s*(?:tokens?|トークン)?\s*(?:以下|以上|未満|以内|を?超え(?:る)?|超|まで)
    # or in English words, over a count of tokens: "prompts up to 128K tokens", "longer than 200K tokens"
    # ('for' or what is compared must lead: 'supports up to 128K tokens' states a context window, no tier)
    | (?i:(?:for\s+|when\s+)?(?:(?:prompts?|inputs?|context)\s+)|for\s+)(?i:{_ENGLISH_COMPARISON})
      \s+\d+(?:\.\d+)?\s*(?:[kKmM]\b(?:\s*tokens?\b)?|tokens?\b)(?!\s*(?:/|per\s))
    """,
    re.VERBOSE,
)
# What every comparison holds, its sign or word beside its bound; _COMPARATOR, all optional parts up front (a
# run of letters among them, which costs a try at every letter of a sentence), is tried only where this is found.
# 'over', 'under' and 'below' alone are common words: the bound's digit must follow them.
_COMPARISON_WORD = fastre.compile(
    rf"""(?:[<>≤≥]=?|大于|小于|超过|以上|以下)\s*\d                                  # a sign or word, then its bound
       | \d\s*[kKmM万千]\s*(?:tokens?|トークン)?\s*(?:以下|以上|未満|以内|を?超|まで)  # a bound, then the word
       | \b(?i:{_ENGLISH_COMPARISON})\s+\d                                        # English words, then the bound
    """,
    re.VERBOSE,
)


# Whether a text holds a comparison word: asked of the same labels, cells and heads again and again on a page,
# and the word list is long. Cached as it is, without a wrapper: it is called hundreds of times a page.
_has_comparison = lru_cache(maxsize=8192)(lambda text: bool(_COMPARISON_WORD.search(text)))


def comparison_in(text: str) -> str | None:
    """The tier a label states as a comparison: '输入（≤128K）' → '≤128K', 'prompts > 200k tokens' → 'prompts>200k tokens'."""
    match = _COMPARATOR.search(text) if _has_comparison(text) else None
    return _COMPARISON_SPACES.sub(r"\1", " ".join(match.group(0).split())) if match else None


def comparisons_in(text: str) -> list[str]:
    """Every tier TEXT states as a comparison, in order; not a context window it says a model holds
    ('支持128K以内的上下文', '128Kトークンまでのコンテキストに対応')."""
    if not _has_comparison(text):
        return []
    return [
        _COMPARISON_SPACES.sub(r"\1", " ".join(m.group(0).split()))
        for m in _COMPARATOR.finditer(text)
        if not _CAPACITY_AFTER.match(text, m.end())
    ]


# What follows a bound that is a model's capacity, not a tier of its prices.
_CAPACITY_AFTER = fastre.compile(r"\s*(?:的|の)?\s*(?:上下文|コンテキスト|context)", re.IGNORECASE)


def without_comparisons(text: str) -> str:
    """TEXT without its tiers written as comparisons: '入力（20万トークン以下）' → '入力（ ）'. A bound is no unit."""
    return _COMPARATOR.sub(" ", text) if _has_comparison(text) else text


# Words that make the gap after a comma a label of the next amount, not a condition of the previous one.
_LABEL_END = fastre.compile(r"[:：=为是は]\s*$|\b(?:at|is|are|costs?)\s*$", re.IGNORECASE)
_OLD_BEFORE = fastre.compile(
    # Not a bare 'cost': 'Prompts over 200K tokens cost $6' is present; only 'had cost', 'used to cost' are past.
    r"(?:\b(?:from|was|were|previously|formerly|had cost|used to cost|down from|up from|(?:old|former)\s+price)|"
    r"旧价格?|旧価格|旧料金|旧単価|"
    r"从|由|原价|原来|此前|以前は?|従来|これまで|の?前の?|previous|"
    r"(?:较|比|相比)(?:标准|原|常规|正常|平时)?(?:价格|价)?)\s*(?:the\s+)?"  # '较标准价格0.27美元便宜50%'
    # 'from the standard $0.27', 'down from the regular rate of $0.27'
    r"(?:(?:previous|original|standard|regular|usual|normal|list|old)\b\s*)?(?:(?:price|rate)\s+of\b\s*)?"
    r"(?:[:：]|は|が|为|是)?\s*$",  # '旧価格は', '原价为'
    re.IGNORECASE,
)
# A time word that puts what follows in the past, a short label between it and the amount: "此前输入价格为",
# "was previously priced at", "従来、…あたり" (the unit phrase is taken out before this is tried).
_PAST_BEFORE = fastre.compile(
    r"(?:\bpreviously|\bformerly|此前|之前|原来|原价|従来|これまで)[^\d$¥€。；;!?！？]{0,14}$", re.IGNORECASE
)
# The words of _OLD_BEFORE, _PAST_BEFORE and _NEW_BEFORE, anywhere: where none is, no unit phrase need be taken out.
_ROLE_WORD = fastre.compile(
    r"from|was|were|previous|formerly|\bold\b|former|cost|\bto\b|now|从|由|原|旧|此前|以前|従来|これまで|前|降|调|涨|提高|较|比|→|->",
    re.IGNORECASE,
)
# A price told as moving down or up ('cut from $5' is a price before, where 'from $0.10' alone is where a price
# list starts); news calls the first a cut, as it does a discount.
# The English words are one group behind one word boundary: the engine tries the words at a letter only where a
# word starts (a boundary before each word had it try every word at every letter of a text).
_DOWN_WORDS = (
    r"cut|lower|reduc|slash|drop|fall|fell|halve|"
    r"(?:went|goes|go|gone|come|came|comes|is|are|was|were)\s+down\b|down\s+\d+(?:\.\d+)?\s*(?:%|percent)"
)
_DOWN_SIGNS = (
    r"降价|降至|降到|下调|下降|直降|降低|调低|値下げ|引き下げ|値下がり|下が(?:る|った|り)|安く(?:する|した)|"
    # a fall measured: '75%減', '（従来比75%減）', '降幅达90%', '減額'
    r"[%％]\s*(?:減|减|ダウン)|降幅|減額|値引き"
)
_DOWN = rf"{_DOWN_SIGNS}|\b(?:{_DOWN_WORDS})"
# ... and a price that became cheaper ('is now 60% cheaper', '便宜了60%', '6割安くなった'), halved or marked down ('减半',
# '五折', '半額になった', 'half price', '50% off'); 'cheaper than X', '12x cheaper', '比X便宜', 'Xより安い' and 'Xの半額'
# compare with another product instead, and tell no cut.
CUT_WORDS = fastre.compile(
    rf"""{_DOWN_SIGNS}|优惠|打折|割引|便宜了|安く(?:なる|なった|なり)
        |减半|[一二三四五六七八九](?:\.\d)?折|半額(?:に|と)(?:なる|なった|なり|する|した)
        |\b(?:{_DOWN_WORDS}|discount
            |half[- ]price\b(?!\s+of\b)|\d+(?:\.\d+)?\s*%\s+off\b
            |(?:now|became|becomes|become|got|gets)\s+(?:\d+(?:\.\d+)?\s*(?:%|percent)\s+)?cheaper\b(?!\s+than))""",
    re.IGNORECASE | re.VERBOSE,
)
RISE_WORDS = fastre.compile(
    r"涨价|上调|提价|涨至|上涨|提高|翻倍|値上げ|引き上げ|上が(?:る|った|り)|倍増|"
    r"\b(?:rais|ris(?:e|es|ing)\b|rose\b|increas|hike|doubl|tripl|"
    # 'went up to $2' rose; 'is up to $2' is at most $2, no rise
    r"(?:went|goes|go|gone)\s+up\b|(?:is|are|was|were)\s+up\b(?!\s+to\b)|up\s+\d+(?:\.\d+)?\s*(?:%|percent))",
    re.IGNORECASE,
)
_CHANGE_WORD = fastre.compile(rf"{_DOWN}|{fastre.source_of(RISE_WORDS)}|降|调|涨|改定", re.IGNORECASE)
# Prices paired with the models or types listed before them, in order: 'A、B的价格分别为…', '… respectively'.
RESPECTIVELY = fastre.compile(r"分别|分別|respectively|それぞれ|各为", re.IGNORECASE)
# Amounts told as the past after them: '$40 before', '$3 previously', '40元之前'.
_OLD_AFTER = fastre.compile(r"^\s*(?:before|previously|earlier|之前|以前)(?![A-Za-z])", re.IGNORECASE)
_TO_AFTER = fastre.compile(
    r"^\s*(?:から|起|降至|降到|下调至|下调到|调至|调整为|涨至|涨到|上调至|提高到|提高至|→|->|=>|to\b)", re.IGNORECASE
)
_NEW_BEFORE = fastre.compile(
    r"(?:降至|降到|下调至|下调到|调至|调整为|调整到|涨至|涨到|上调至|提高到|→|->|\bto|\bnow)\s*$", re.IGNORECASE
)
# Japanese names the new price by the particle after it: '従来の半額の0.05ドルに引き下げた', '2ドルへ値下げ', '8ドルと
# なる'. The amount is the new one, whatever the words before it say of the old.
_NEW_AFTER = fastre.compile(
    r"^\s*(?:に|へ|と)\s*(?:引き下げ|値下げ|下げ|引き上げ|値上げ|上げ|改定|変更|なる|なった|なり|なります|設定)"
)
_CLOSES_NOTE = fastre.compile(r"[)）\]]")
_OPENS_NOTE = fastre.compile(r"[(（\[]")
_JOINED = fastre.compile(r"^\s*(?:and|,|、|和|及|与|と|/)\s*$|(?:\band|,|、|和|及|与|と)\s*$", re.IGNORECASE)
_CONJUNCTION = fastre.compile(r"^\s*(?:and|,|、|和|及|与|と|/)\s*$", re.IGNORECASE)
# The batch mode's words: a tier of a span, and in news the mode a discount or a price beside them is for.
BATCH_WORDS = fastre.compile(r"\bbatch(?:es)?\b|批量|批处理|离线推理|バッチ", re.IGNORECASE)
# Tier cues a whole span may carry: batch processing, night-time discounts, a promotion with an end.
_SPAN_TIERS = (
    ("batch", BATCH_WORDS),
    ("off-peak", fastre.compile(r"off-peak|错峰|优惠时段|夜间|闲时|オフピーク|深夜", re.IGNORECASE)),
    (
        "promo",
        fastre.compile(
            r"优惠(?:价格|期|活动)|限时|体验期|promotion(?:al)?|limited[- ]time|キャンペーン|期間限定", re.IGNORECASE
        ),
    ),
)
# Input and output named together, as one label: '输入输出', '输入和输出', '入出力', '入力・出力', 'input/output'.
_INPUT_AND_OUTPUT = fastre.compile(
    r"入出力|(?:输入|入力|\binput)\s*(?:和|与|及|、|・|/|&|\band\b|と)?\s*(?:输出|出力|output)", re.IGNORECASE
)
# Cheap tests that let most text skip the grammar: no digit, or no currency anywhere, means no price.
_DIGIT = fastre.compile(r"\d")
_CURRENCY_MARK = fastre.compile(
    r"[$¥€¢£]|元|币|幣|块|円|ドル|美元|美金|欧元|ユーロ|セント|美分|USD|CNY|RMB|JPY|EUR|dollar|cent|yuan|euro|yen",
    re.IGNORECASE,
)
_YUAN_WORD = fastre.compile(r"元|人民币|RMB|CNY")


def has_currency_mark(text: str) -> bool:
    """Whether TEXT names a currency at all ('$', '元', 'USD', 'ドル'): without one, no amount in it is a price."""
    return bool(_CURRENCY_MARK.search(text))


_PER_START = fastre.compile(r"\s*(?:/|per\s|每)")
_UNIT_LEAD = fastre.compile(r"\s*(?:/|per\s|每)\s*[\d,.]*\s*(?:[KkMm]\s*)?[A-Za-z\u4e00-\u9fff\u3040-\u30ff]+")
_COLON_LABEL = fastre.compile(r"\S+\s*[:：]\s*$")
_FROM_WORD = fastre.compile(r"\bfrom\b|从|原价", re.IGNORECASE)
_LIST_SCOPE = fastre.compile(r"[;；。]|(?<!\d),")
_UNIT_PHRASE_END = fastre.compile(
    # a thousands comma ('per 1,000 input tokens') ends nothing; "for every 1M input tokens" and "for a million
    # input tokens" are the phrase itself
    r"[,，](?!(?<=\d[,，])\d{3})|[;；、(（]|\s(?:for(?!\s+(?:every|each|a\s+million|one\s+million|1\s*M)\b)|when|if|with|up to)\s",
    re.IGNORECASE,
)  # "per 1M tokens for prompts…"
_PROMPTS = fastre.compile(r"\bprompts?\b", re.IGNORECASE)
# A sentence's end inside a text, not a decimal point: a tier told before it is not a later price's ('毎日100万
# トークンまで無料。超過分は…'), and a line holding one is a sentence, not a header of columns.
SENTENCE_MARK = fastre.compile(r"[。！？]|[.!?](?=\s)(?<!\d\.)")
# Words of grammar alone, no condition: Japanese hiragana ('です', 'となります'), which a condition's nouns never are.
_GRAMMAR_ONLY = fastre.compile(r"^[\u3040-\u309f\s]+$")
_CONDITION_PUNCT = fastre.compile(r"[()\[\],，;；:：·•|｜]")
_COMPARISON_SPACES = fastre.compile(r"\s*(<=|>=|<|>|≤|≥)\s*")
_LIST_OF_TYPES = fastre.compile(r"[/、,，&＆・]|\band\b|和|及|与|と")


@dataclass(frozen=True, slots=True)
class PriceMention:
    """One amount of a span, with what the span says about it."""

    start: int
    end: int
    amount: Decimal
    currency: str | None
    unit_tokens: Decimal | None
    price_type: str | None = None
    condition: str | None = None
    old: bool = False
    approximate: bool = False
    raw: str = ""
    unit_from_context: bool = False  # the span names no unit for it: the caller's unit_tokens was applied

    @property
    def per_mtok(self) -> Decimal | None:
        return None if self.unit_tokens is None else per_mtok(self.amount, self.unit_tokens)

    @property
    def free(self) -> bool:
        return self.amount == 0


@dataclass(slots=True)
class _Item:
    start: int
    end: int
    amount: Decimal
    currency: str | None
    approximate: bool = False
    range_end: str | None = None  # "lowest" / "highest" for the two ends of "0.3-0.6元"
    head: str = ""
    tail: str = ""
    unit: Decimal | None = None
    unit_from_context: bool = False
    price_type: str | None = None
    condition: str | None = None
    old: bool = False


def read_span(
    text: str,
    *,
    lang: str | None = None,
    currency: str | None = None,
    unit_tokens: Decimal | None = None,
    types: tuple[str, ...] = (),
    conditions: bool = True,
) -> list[PriceMention]:
    """Every token price mention in TEXT, in order. Amounts priced per image, second, request… are left out.

    currency and unit_tokens are what the context (column header, caption, page) says, types the order
    of price types a header lists ('Input/Output'); the span's own words win over them. A number without a
    currency sign is read only where a token unit prices it. conditions=False leaves each mention's
    condition (the words that qualify it) unread, for a reader that takes conditions from elsewhere.
    """
    if not _DIGIT.search(text) or (currency is None and not _CURRENCY_MARK.search(text)):
        return []
    text = fold_width(text)
    currency = _span_currency(text, lang) or currency
    items = _amounts(text, lang=lang, currency=currency)
    if not items:
        return []
    if _is_lone_amount(text, items):
        # Most table cells ('$1.25', '0.8元'): no words around the amount to give a unit, a type, a role or a
        # note, so the context's unit and the header's type are all there is. The stages below would say so too.
        items[0].unit, items[0].unit_from_context = unit_tokens, unit_tokens is not None
        items[0].price_type = types[0] if types else None
    else:
        _split_gaps(text, items)
        items = [item for item in items if not _priced_per_other_thing(item)]
        _read_units(text, items, unit_tokens)
        _read_types(text, items, types, conditions=conditions)
        _read_roles(items)
        _share_types_in_changes(items)
    mentions = []
    for item in items:
        if item.unit is None or item.currency is None:
            continue
        for price_type in _one_price_for_both(item) if len(items) == 1 else (item.price_type,):
            mentions.append(
                PriceMention(
                    start=item.start,
                    end=item.end,
                    amount=item.amount,
                    currency=item.currency,
                    unit_tokens=item.unit,
                    price_type=price_type,
                    condition=item.condition if len(items) > 1 else None,
                    old=item.old,
                    approximate=item.approximate,
                    raw=text,
                    unit_from_context=item.unit_from_context,
                )
            )
    return mentions


def _is_lone_amount(text: str, items: list[_Item]) -> bool:
    return len(items) == 1 and not text[: items[0].start].strip() and not text[items[0].end :].strip()


def _one_price_for_both(item: _Item) -> tuple[str | None, ...]:
    """'输入输出统一为每千tokens 0.015元', '入出力とも$2', 'Input/output: $2', '$3.50 per 1M tokens for both input and
    output': the one amount is both prices."""
    if item.price_type in (None, "input", "output") and (
        _INPUT_AND_OUTPUT.search(_last_clause(item.head)[-30:]) or _INPUT_AND_OUTPUT.search(item.tail[:50])
    ):
        return ("input", "output")
    return (item.price_type,)


def _span_currency(text: str, lang: str | None) -> str | None:
    """'¥' is yuan on a Japanese page too when the span itself says 元 or 人民币."""
    if lang == "ja" and _YUAN_WORD.search(text):
        return "CNY"
    return None


def _amounts(text: str, *, lang: str | None, currency: str | None) -> list[_Item]:
    items = _ranges(text, lang=lang, currency=currency)
    taken = [(item.start, item.end) for item in items]
    label = _UNIT_LABEL.search(text) if _UNIT_LABEL_MARK.search(text) else None
    for match in _AMOUNT.finditer(text):
        n1, n2, raw, pre, suf1, suf2 = match.group("n1", "n2", "n3", "pre", "suf1", "suf2")
        number, raw = ("n1", n1) if n1 else ("n2", n2) if n2 else ("n3", raw)
        if taken and any(start <= match.start(number) < end for start, end in taken):
            continue  # an end of a range, read above
        suf = suf1 or suf2
        labelled = label is not None and not (pre or suf) and _typed_after_label(text, label, match)
        if not (pre or suf or labelled) and not _bare_number_priced(text, match):
            continue
        glued = _GLUED_COUNT.match(raw + text[match.end() : match.end() + 2]) if pre else None
        value, found = _value(glued.group(1) if glued else raw, pre, suf, lang=lang, currency=currency)
        if labelled:
            found = currency_of(label.group("currency"), lang=lang)
        elif pre == "$" or not (pre or suf):  # 'NT$30', 'SGD 2': another currency, never US dollars
            found = other_currency_before(text, match.start("pre") if pre else match.start(number), pre) or found
        elif suf == "元":  # '新台币15元', '港币8元': the 元 of another currency
            found = other_currency_before(text, match.start(number), suf) or found
        items.append(_Item(match.start(), match.end(), value, found, approximate=bool(match.group("approx"))))
    items.sort(key=lambda item: item.start)
    # "输入0.004元/千tokens，输出0.012/千tokens": a number without a sign takes the span's currency.
    span_currency = next((item.currency for item in items if item.currency), None) or currency
    for item in items:
        item.currency = item.currency or span_currency
    return items


# A label that states the currency and the unit of the bare amounts after it, each named by its type: '价格（元/百万
# tokens）：输入 2，输出 8', 'Price (USD per 1M tokens): input 2.50, output 10.00', '$/1M tokens: 2.50 in / 10.00 out',
# '料金（USD/100万トークン）：入力 2.5 / 出力 10'.
_UNIT_LABEL = fastre.compile(
    rf"""(?P<currency>{_PREFIX}|{_SUFFIX})\s*(?:/|per\s)\s*     # the currency, then '/' or 'per'
        {TOKEN_COUNT}                                         # of how many tokens
        \s*[)）]?\s*[:：]                                     # and the label's colon""",
    re.VERBOSE | re.IGNORECASE,
)
_UNIT_LABEL_MARK = fastre.compile(r"[:：]")  # every label ends in a colon, which most spans lack
_TYPE_BEFORE = fastre.compile(r"[,，;；/、]\s*|\s*[:：]\s*")


def _typed_after_label(text: str, label: re.Match[str], match: re.Match[str]) -> bool:
    """A bare number after a unit label, named as a type just before it ('输入 2') or just after it ('2.50 in')."""
    if match.start() < label.end():
        return False
    return bool(
        price_type_of(_words_before(text, label.end(), match.start())) or _abbreviated_type(text[match.end() :])
    )


def _words_before(text: str, begin: int, at: int) -> str:
    """The words right before a bare amount at AT, back to a separator ('输入 ' of '…，输入 2', 'Input' of 'Input: 1')."""
    return _TYPE_BEFORE.split(text[begin:at].rstrip(" :："))[-1].strip()


def _value(
    raw: str, pre: str | None, suf: str | None, *, lang: str | None, currency: str | None
) -> tuple[Decimal, str | None]:
    """The amount and the currency its own sign or word names ('15 cents' → 0.15 USD)."""
    value = parse_number(raw)
    found = None
    if suf:
        found = currency_of(suf, lang=lang)
        if suf.lower() in _CENTS:
            value = value / 100
    if pre and not found:
        found = currency_of(pre, lang=lang)
        if found == "JPY" and currency == "CNY":
            found = "CNY"
    return value, found


def _ranges(text: str, *, lang: str | None, currency: str | None) -> list[_Item]:
    """'0.3-0.6元', '$0.30–$0.60': both ends, each labelled as the lowest or the highest price."""
    items: list[_Item] = []
    if not _RANGE_DASH.search(text):
        return items
    for match in _RANGE.finditer(text):
        pre, suf = match.group("pre"), match.group("suf")
        low, found = _value(match.group("lo"), pre, suf, lang=lang, currency=currency)
        high, _ = _value(match.group("hi"), pre, suf, lang=lang, currency=currency)
        if low >= high:
            continue  # "2024-05" and the like: not a range of prices
        items.append(_Item(match.start(), match.end("lo"), low, found, range_end="lowest"))
        items.append(_Item(match.start("hi"), match.end(), high, found, range_end="highest"))
    return items


def _share_types_in_changes(items: list[_Item]) -> None:
    """'输入从0.02元降至0.0005元', '0.3-0.6元': an old price and the new one, two ends of a range, are of one type."""
    for old, new in zip(items, items[1:], strict=False):
        if old.old and not new.old and _CLOSES_NOTE.search(old.tail):
            continue  # '(down from $4) and $6': the old price in a note is the amount's before it
        if (old.old and not new.old) or (old.range_end, new.range_end) == ("lowest", "highest"):
            old.price_type = old.price_type or new.price_type
            new.price_type = new.price_type or old.price_type
    for new, old in zip(items, items[1:], strict=False):
        if old.old and not new.old and _OPENS_NOTE.search(old.head):  # '$2 per million input tokens (down from $4)'
            old.price_type = old.price_type or new.price_type


def _bare_number_priced(text: str, match: re.Match[str]) -> bool:
    """A bare number counts when it is the whole span, or when what follows says per how many tokens."""
    tail = text[match.end() : match.end() + 30]
    if _PER_START.match(tail) and find_token_unit(tail) is not None:
        return True
    if len(text) > 80:  # a cell is short; a number alone in a long text is a count or a date
        return False
    rest = text[: match.start()] + text[match.end() :]
    return (
        not _without_notes(rest).strip(" *`~")
        or bool(_BARE_CHANGE.match(_without_notes(text)))
        or _typed_in_cell(text, match)
        or _BEYOND_ALLOWANCE.search(text, 0, match.start()) is not None
        or (_LABELLED_IN_NOTE.fullmatch(text, 0, match.start()) is not None and _NOTE_ENDS.fullmatch(text, match.end()))
    )


# A cell's second bare amount in a note that labels it after the first: '2（夜间1）', '0.3（批量：0.15）', '0.5 (batch 0.25)'.
_LABELLED_IN_NOTE = fastre.compile(rf"\s*(?:{NUM})\s*[(（][^()（）\d]{{1,16}}?[:：]?\s*")
_NOTE_ENDS = fastre.compile(r"\s*[)）]\s*")


# A cell's bare amount for the use beyond a free allowance: '每天前100万tokens免费，超出后0.1', 'Free for the first 1M
# tokens, then 0.10', '100万トークンまで無料、超過分は0.1'.
_BEYOND_ALLOWANCE = fastre.compile(
    r"(?:超出后|超出部分|超过部分|超过后|超出|超過分は?|超えた分は?|以降は?|\bthen|\bthereafter|\bbeyond\ that)\s*[:：]?\s*$",
    re.IGNORECASE,
)


# What may follow a typed bare amount in a cell: its separator or the cell's end, not a count ('输入 128K', '4 张').
_AFTER_TYPED_AMOUNT = fastre.compile(r"\s*(?:$|[/／,，;；、|｜)）]|\s(?:[/／]|\S+\s*[:：]))")


# Words of a limit on length, counted in tokens: 'Max output', 'Output limit', '最大输出长度', '输出上限', '最大出力'.
# ('qwen-max', 'kite-max': a variant word in an id, no limit)
LENGTH_LIMIT = fastre.compile(r"(?<![-\w])max(?:imum)?\b|\blimit\b|\blength\b|最大|上限|长度|長さ|最長", re.IGNORECASE)
# Before a bare amount, those and a context or a bracket name no price type: '输入长度 [0, 32]', '入力コンテキスト 128'.
_LENGTH_LABEL = fastre.compile(
    rf"{fastre.source_of(LENGTH_LIMIT)}|context|上下文|コンテキスト|[\[(（【]", re.IGNORECASE
)


def _typed_in_cell(text: str, match: re.Match[str]) -> bool:
    """A cell of bare amounts each named by its type, the unit and currency in the header: '输入 4 / 输出 16',
    'Input: 1 / Output: 4', '入力 0.5、出力 1.5'."""
    before = _words_before(text, 0, match.start())
    return (
        0 < len(before) <= 12
        and price_type_of(before) is not None
        and not _LENGTH_LABEL.search(before)
        and _AFTER_TYPED_AMOUNT.match(text, match.end()) is not None
    )


# A cell that is a change of two bare amounts: '4 → 2', '0.02 -> 0.0005' (the header says the unit).
_BARE_CHANGE = fastre.compile(
    r"""^\s*\d[\d.,]*\s*      # the amount before
        (?:→|->|=>|⇒)\s*       # an arrow
        \d[\d.,]*\s*$          # the amount now""",
    re.VERBOSE,
)


def _split_gaps(text: str, items: list[_Item]) -> None:
    """Give each item its head (label before it) and tail (unit, notes, condition after it)."""
    items[0].head = text[: items[0].start]
    # A span writes its tiers one way: before each amount ('≤128K $1.25、>128K $2.50') if before the first.
    first_label = _last_clause(items[0].head)
    tiers_lead = without_comparisons(first_label) != first_label
    for i, item in enumerate(items):
        end = items[i + 1].start if i + 1 < len(items) else len(text)
        gap = text[item.end : end]
        if i + 1 == len(items):
            item.tail = gap
            break
        tail, head = _split_gap(gap, tiers_lead)
        item.tail, items[i + 1].head = tail, head


def _split_gap(gap: str, tiers_lead: bool) -> tuple[str, str]:
    masked = _NOTE.sub(lambda m: "#" * len(m.group(0)), gap)  # separators inside notes do not count
    unit = _UNIT_LEAD.match(masked)  # "/ container", "/ 1M tokens": a slash that starts a unit is no separator
    cut = _SEPARATOR.search(masked, unit.end() if unit else 0)
    if cut is None:
        label = _COLON_LABEL.search(masked) if masked.rstrip().endswith((":", "：")) else None
        if label:
            return gap[: label.start()], gap[label.start() :]
        # '2元/百万tokens（缓存命中0.5元）', '2元（夜间1元）': a note still open before the next amount holds it, and
        # its words label that amount
        opened = max(masked.rfind("("), masked.rfind("（"))
        if opened >= 0:
            return gap[:opened], gap[opened:]
        unit = _LEADING_TOKEN_UNIT.match(masked)
        if masked.strip() and _is_label(masked) and not unit:
            return "", gap
        if unit and masked[unit.end() :].strip() and _is_label(masked[unit.end() :]):
            # '$2.50 per million tokens from $0.60': the unit is the first amount's, the role word the next one's
            return gap[: unit.end()], gap[unit.end() :]
        return gap, ""
    after = gap[cut.end() :]
    if _is_label(after) or (tiers_lead and _tier_label(after)):
        return gap[: cut.start()], after
    return gap, ""


def _tier_label(head: str) -> bool:
    """A tier's comparison with nothing beside it but a unit phrase and a few words that name no price type
    ('> 200K ', '12.8万トークンを超えるプロンプトでは100万トークンあたり', 'for prompts over 128K, ')."""
    bare = without_comparisons(head)
    if bare == head:
        return False
    rest = strip_token_units(bare)
    return price_type_of(rest) is None and len(_NOT_A_WORD.sub("", rest)) <= _TIER_LABEL_CHARS


_NOT_A_WORD = fastre.compile(r"[\W\d_]+")
_TIER_LABEL_CHARS = 12  # 'プロンプトでは', 'for prompts', '时的价格': a few words of a tier's label, no more


def _is_label(text: str) -> bool:
    """Whether the words after a separator name the next amount (a type, a role, a colon)."""
    bare = without_comparisons(text)
    return bool(
        _LABEL_END.search(bare)
        or price_type_of(bare)
        or _OLD_BEFORE.search(bare)
        or _NEW_BEFORE.search(bare)
        or _FROM_WORD.search(bare)
    )


def _priced_per_other_thing(item: _Item) -> bool:
    """'$0.039 per image', '0.04元/GB/小时', '$35 / 1,000 requests': the tail's own unit is not tokens."""
    tail = _CLAUSE_CUT.split(_without_notes(item.tail), maxsplit=1)[0].lstrip()
    if non_token_unit_at(tail):
        return True
    token_unit = _LEADING_TOKEN_UNIT.match(tail)  # "/ 1M tokens per hour": what follows the token unit
    return bool(token_unit and non_token_unit_at(tail[token_unit.end() : 60].lstrip())) or (
        priced_per_other_thing_before(item.head)
    )


def _read_units(text: str, items: list[_Item], context_unit: Decimal | None) -> None:
    """An item's unit: its tail's, else its head's, else carried from the left, else from the right."""
    for item in items:
        tail = _CLAUSE_CUT.split(item.tail, maxsplit=1)[0]
        item.unit = find_token_unit(tail[:60]) or _head_unit(_last_clause(item.head)[-40:])
    carried = None
    for item in items:
        if item.unit is None and carried is not None and not _CONJUNCTION.match(item.tail or "x"):
            item.unit = carried
        carried = item.unit or carried
    following = None
    for item in reversed(items):
        if item.unit is None:
            item.unit = following
        following = item.unit or following
    # No amount has a unit of its own: the sentence may close with the one they all share.
    if following is None and items:
        closing = _closing_unit(items[-1].tail)
        for item in items:
            item.unit = closing
    for item in items:
        if item.unit is None and context_unit is not None:
            item.unit, item.unit_from_context = context_unit, True


def _closing_unit(tail: str) -> Decimal | None:
    """The unit the clause after the last amount gives them all: '$0.40 input and $1.60 output, per million
    tokens', '输入0.4元，输出1.6元，均按每百万tokens计', '入力0.4ドル、出力1.6ドルで、いずれも100万トークンあたり'."""
    clauses = _CLAUSE_CUT.split(tail[:120], maxsplit=2)
    return find_token_unit(clauses[1]) if len(clauses) > 1 else None


_BARE_UNIT_LABEL = fastre.compile(
    r"(?:tokens?|トークン)\s*(?:的)?\s*(?:输入|输出|入力|出力|input|output|价格|価格|料金|price)", re.IGNORECASE
)


def _head_unit(head: str) -> Decimal | None:
    """'每百万 tokens', '100万トークンあたり', a bare '百万tokens' that a price label follows ('百万tokens输入价格为'), or a
    unit written before the amount with a slash ('100万トークン/2.5ドル', '百万tokens/2元', '1M tokens/$2.50')."""
    unit = find_token_unit(head)
    if unit is None and _BARE_UNIT_LABEL.search(head):
        unit = find_token_unit(head, bare=True)
    # Both are anchored at the head's end, which is all they need to see: the count and its words are short.
    near_end = max(0, len(head) - _COUNT_PHRASE_CHARS)
    if (
        unit is None
        and _ENDS_WITH_TOKENS.search(head, near_end)
        and (counted := _UNIT_BEFORE_AMOUNT.search(head, near_end))
    ):
        # A unit is a round count ('1M', '百万', '1,000'); '128K tokens: $2.50' or '> 128K tokens: …' is a tier.
        tokens = find_token_unit(counted.group(0), bare=True)
        if tokens is not None and is_round_count(tokens) and not comparisons_in(head):
            unit = tokens
    return unit


# A count of tokens written right before the amount, as its unit: after a slash ('100万トークン/2.5ドル',
# '1M tokens/$2.50'), as its label ('1M tokens: $0.10', '百万tokens：0.1元'), as headlines write it
# ('入力100万トークン0.5ドルに値下げ'), or joined to the amount by a verb or particle ('1M tokens cost $2',
# '百万tokens只要1元', '100万トークンで入力15ドル', '100万トークンの入力で0.5ドル'). The cheap test first: most heads
# end in no token word, or a few characters after one.
_COUNT_PHRASE_CHARS = 48  # '1,000,000 input tokens cost ', '100万トークンの入力で': a count's phrase before an amount
_COUNT_TO_AMOUNT = rf"""
    (?:\s*の?\s*(?:{INPUT_OR_OUTPUT}))?                       # of one type: '100万トークンの入力で'
    \s*(?:[/／:：=]|で|は|只要|只需|仅需|需要?|\b(?:costs?|is|are)\b)?  # a slash, a colon, a verb, a particle
    \s*(?:{INPUT_OR_OUTPUT})?\s*$                             # the type after it: '100万トークンで入力15ドル'"""
_ENDS_WITH_TOKENS = fastre.compile(rf"(?:{TOKEN_WORD}|MTok){_COUNT_TO_AMOUNT}", re.IGNORECASE | re.VERBOSE)
_UNIT_BEFORE_AMOUNT = fastre.compile(rf"{TOKEN_COUNT}{_COUNT_TO_AMOUNT}", re.IGNORECASE | re.VERBOSE)


def _last_clause(head: str) -> str:
    return _CLAUSE_CUT.split(head)[-1]


def _label_clause(head: str) -> str:
    """The clause that labels an amount, its comparisons taken out: the last, or the one before when the last
    only states a tier ('入力料金は、12.8万トークン以下のプロンプトでは…', 'Input, for prompts up to 128K, ') or
    a unit ('入力料金は、100万トークンあたり…', '输入价格为，每百万tokens…')."""
    clauses = _CLAUSE_CUT.split(head)
    last = without_comparisons(clauses[-1])
    if len(clauses) > 1 and last != clauses[-1] and _tier_label(clauses[-1]):
        return without_comparisons(clauses[-2]) + last
    if len(clauses) > 1 and _unit_only(clauses[-1]):
        return without_comparisons(clauses[-2])  # the unit is read apart; the label stays near the amount
    return last


# Words that go with a unit phrase and label nothing: 'それぞれ', '分别', 'respectively', 'each'.
_UNIT_FILLER = fastre.compile(rf"{fastre.source_of(RESPECTIVELY)}|各自|each", re.IGNORECASE)


def _unit_only(clause: str) -> bool:
    """A clause that says per how many tokens and nothing else ('100万トークンあたりそれぞれ', '每百万tokens')."""
    if find_token_unit(clause) is None or price_type_of(clause):  # '100万入力トークンあたり' names its type
        return False
    return not _NOT_A_WORD.sub("", _UNIT_FILLER.sub("", strip_token_units(clause)))


def _read_types(text: str, items: list[_Item], order: tuple[str, ...], *, conditions: bool) -> None:
    """Each item's price type: its tail's unit phrase or note, else its head's label, else a listed order."""
    listed: list[str] = []
    list_index = 0
    for item in items:
        # Only the label's own clause speaks of this price: a long sentence before it is not read again.
        head = without_comparisons(_LIST_SCOPE.split(item.head)[-1][-80:])
        own_list = types_listed(head)
        if len(own_list) > 1:
            listed, list_index = own_list, 0
        note_type, note_rest = _note_type(item.tail[:70])
        tail_unit_type = (
            price_type_of(_UNIT_PHRASE_END.split(item.tail, maxsplit=1)[0][:40])
            or _abbreviated_type(item.tail)
            or _type_for(item.tail)
        )
        head_type = price_type_of(_label_clause(item.head[-80:])[-30:]) if len(own_list) <= 1 else None
        item.price_type = _more_specific(note_type, tail_unit_type or head_type)
        if item.price_type is None and listed and list_index < len(listed):
            item.price_type = listed[list_index]
            list_index += 1
        if conditions and len(items) > 1:  # a lone price has no condition to tell it from another
            item.condition = _condition(item, note_rest)
    _share_types(text, items)
    untyped = [item for item in items if item.price_type is None]
    if untyped and order:
        for item, price_type in zip(untyped, order, strict=False):
            item.price_type = price_type
    else:
        # "$3/$15", "$0.80 / $4.00 per million tokens": a bare pair is input then output.
        for first, second in zip(items, items[1:], strict=False):
            if second.price_type is None and first.price_type in (None, "input") and _joined_pair(text, first, second):
                first.price_type, second.price_type = "input", "output"  # 'Prompts … cost $6/$22.50' too


def _share_types(text: str, items: list[_Item]) -> None:
    """Types an amount takes from its neighbour: a tier of the same label, a list joined by a bare 'and' or
    '、' under one label or one unit phrase, a '/' pair whose unit phrase lists its types."""
    pairs = list(zip(items, items[1:], strict=False))
    for first, second in pairs:
        if second.price_type is None and first.price_type and (_tier_label(second.head) or _tier_notes(first, second)):
            # '入力：≤128K $1.25、>128K $2.50', '…1.25ドル、12.8万トークンを超えるプロンプトでは…2.5ドル': the
            # tiers of one type
            second.price_type = first.price_type
    for first, second in reversed(pairs):
        # "$0.10 and $0.40 per million input tokens": the unit phrase after the last types the list.
        phrase = _UNIT_PHRASE_END.split(second.tail, maxsplit=1)[0][:40]
        if first.price_type is None and second.price_type and _listed(text, first, second):
            if price_type_of(phrase) == second.price_type and not types_listed(phrase):
                first.price_type = second.price_type
    for first, second in pairs:
        # "入力料金は…0.3ドル、1.25ドル": a bare list after one label is all of that label's type.
        bare_head = not second.head.strip(" 、,，和及与と")
        if second.price_type is None and first.price_type and bare_head and _listed(text, first, second):
            second.price_type = first.price_type
    for first, second in pairs:
        # "$0.40/$1.60 per million input/output tokens", '$3/$15（100万入力/出力トークンあたり）', a list too ("$3 and
        # $15 per million input and output tokens, respectively", '3ドルと15ドル（100万入力/出力トークンあたり）'): in order.
        if first.price_type is None and (_joined_pair(text, first, second) or _listed(text, first, second)):
            # The note may follow the unit phrase: '$1.10 / $4.40 per 1M tokens (input/output)'.
            note = _NOTE.search(_CLAUSE_CUT.split(second.tail, maxsplit=1)[0][:60])
            listed = types_listed(
                _UNIT_IN_NOTE.split(note.group(1), maxsplit=1)[0]
                if note
                else _UNIT_PHRASE_END.split(second.tail, maxsplit=1)[0][:40]
            )
            if len(listed) == 2:
                first.price_type, second.price_type = listed
    _parallel_types(text, items)


def _parallel_types(text: str, items: list[_Item]) -> None:
    """'…入力…2ドル、出力…6ドルとなり、Mistral Smallは0.2ドルと0.6ドル': a bare list right after a run of amounts of
    different types prices another thing the same way, and takes those types in order."""
    for start in range(1, len(items)):
        typed = _typed_run_before(items, start)
        bare = items[start : start + len(typed)]
        if len(typed) < 2 or len(bare) < len(typed) or any(item.price_type for item in bare):
            continue
        joined = all(_listed(text, a, b) or _joined_pair(text, a, b) for a, b in zip(bare, bare[1:], strict=False))
        ends = start + len(bare) == len(items) or items[start + len(bare)].price_type is not None
        if joined and ends:
            for item, source in zip(bare, typed, strict=True):
                item.price_type = source.price_type


def _typed_run_before(items: list[_Item], index: int) -> list[_Item]:
    """The amounts just before INDEX that each name a different type, in order."""
    run: list[_Item] = []
    for item in reversed(items[:index]):
        if item.price_type is None or any(item.price_type == other.price_type for other in run):
            break
        run.insert(0, item)
    return run


def _tier_notes(first: _Item, second: _Item) -> bool:
    """'Input: $1.25 (≤200K) / $2.50 (>200K)': each amount's note states a tier, so both are tiers of one label."""
    notes = [_NOTE.match(item.tail.lstrip()) for item in (first, second)]
    return all(note and comparison_in(note.group(1)) for note in notes)


def _listed(text: str, first: _Item, second: _Item) -> bool:
    """Two amounts joined by a bare 'and', '、' or comma (a '/' pair is input then output instead)."""
    return bool(joins_a_list(first.tail + second.head)) and not _joined_pair(text, first, second)


def joins_a_list(gap: str) -> bool:
    """Whether GAP is nothing but a list's joiner: 'and', ',', '、', '和', 'と', '/'."""
    return bool(_CONJUNCTION.match(gap))


def _joined_pair(text: str, first: _Item, second: _Item) -> bool:
    """'$3/$15': two amounts of one currency joined by a slash. '$0.14 / ¥1' is one price in two currencies."""
    return text[first.end : second.start].strip() in ("/", "|") and first.currency == second.currency


def types_named(label: str) -> list[str]:
    """The price types a label names: a list of them ('输入/输出'), or the one it names ('Output')."""
    price_type = price_type_of(label)
    return types_listed(label) or ([price_type] if price_type else [])


def types_listed(label: str) -> list[str]:
    """'Input/Output', '入力、出力は' → ['input', 'output']: types named as a list before their prices."""
    parts = _LIST_OF_TYPES.split(label)
    if len(parts) < 2:
        return []  # no list joiner, no list
    types = [price_type_of(part) for part in parts]
    found = [t for t in types if t]
    return found if len(found) > 1 and len(set(found)) == len(found) else []


# Where a note's list of types ends and its unit begins: '入力/出力、100万トークンあたり'.
_UNIT_IN_NOTE = fastre.compile(r"[、，,;；]")


def _note_type(tail: str) -> tuple[str | None, str]:
    """A note in brackets that only names a type ('（缓存命中）') gives the type; other notes are conditions."""
    note = _NOTE.search(tail) if _has_bracket(tail) else None
    if not note:
        return None, ""
    words = note.group(1)
    if len(types_listed(_UNIT_IN_NOTE.split(words, maxsplit=1)[0])) > 1:
        return None, ""  # '(input/output)', '（输入/输出）': the types of a pair, in order (_share_types)
    note_type = price_type_of(words)
    if find_token_unit(words) and (note_type or not strip_token_units(words).strip(" ,，、/-")):
        return note_type, ""  # '（100万入力トークンあたり）', '(per 1M tokens)': a unit phrase, no condition
    if note_type and len(strip_price_type_words(words).strip(" ,，、/-")) <= 2:
        return note_type, ""
    return None, words


# 'in' and 'out' right after an amount, before a slash, a comma or the unit ('$0.03 in / $0.05 out per 1M tokens'),
# or right after its unit ('$0.15/1M in, $0.60/1M out').
_TYPE_ABBREVIATED = fastre.compile(
    r"^(?:\s*/\s*[\d.]*\s*[KkMm]\b)?\s*(in|out)\b(?=\s*(?:[/,;|、，；]|per\b|$))", re.IGNORECASE
)


# The type named after the unit with 'for' ('0.8 yuan per million tokens for input', '… for cached input'):
# only the type words; 'for prompts up to 128K' is a tier, read as a condition elsewhere.
_TYPE_FOR = fastre.compile(
    r"""^[^,;，；、(（]{0,40}?\sfor\s+
        (?P<label>(?:cached\s+)?(?:input|output)(?:\s+tokens?)?)\b""",
    re.IGNORECASE | re.VERBOSE,
)


def _type_for(tail: str) -> str | None:
    match = _TYPE_FOR.match(tail)
    return price_type_of(match.group("label")) if match else None


def _abbreviated_type(tail: str) -> str | None:
    match = _TYPE_ABBREVIATED.match(tail) if tail else None
    return None if match is None else abbreviated_type(match.group(1))


def abbreviated_type(word: str) -> str:
    """'in' → input, 'out' → output: the types as compact tables and lists write them."""
    return {"in": "input", "out": "output"}[word.lower()]


def _more_specific(note_type: str | None, label_type: str | None) -> str | None:
    """'输入 … (缓存命中)' is a cached input price: a cache note refines an input label."""
    if note_type and (label_type in (None, "input") or note_type == label_type):
        return note_type
    return label_type or note_type


def _condition(item: _Item, note: str) -> str | None:
    """The words that qualify the item: a comparison in its head, a note or a comma-led tail."""
    head = SENTENCE_MARK.split(item.head)[-1]  # a tier told in an earlier sentence is not this price's
    head_tier = _COMPARATOR.search(head) if _has_comparison(head) else None
    # A price inside a note labels it as its condition: '$0.15 (batch: $0.075)', '2元（夜间1元）', '(audio: $1.00)'.
    note = " ".join(w for w in (_opened_note(head), note) if w)
    if not (head_tier or note or item.range_end or item.tail.strip()):
        return None  # nothing around the amount qualifies it: the cleaning below would find no word
    tail = "" if item.range_end == "lowest" else strip_token_units(_without_notes(item.tail))  # its tail is the dash
    words = " ".join(
        w
        for w in (
            item.range_end or "",
            head_tier.group(0) if head_tier else "",
            note,
            strip_price_type_words(_PROMPTS.sub("", tail)),
        )
        if w
    )
    cleaned = _PROMPTS.sub("", words)
    cleaned = _CONDITION_PUNCT.sub(" ", cleaned)
    cleaned = " ".join(cleaned.split()).strip(" -–/.。!！")  # a sentence's own full stop qualifies nothing
    cleaned = _COMPARISON_SPACES.sub(r"\1", cleaned)
    if _CONJUNCTION.match(cleaned) or _ALTERNATIVE.match(cleaned) or _GRAMMAR_ONLY.match(cleaned):
        # '… input tokens and $0.40 …', '0.4ドルです': the word that joins two prices, or a sentence's own ending
        # in kana, is no condition of either
        return None
    return cleaned[:40] or None


_ALTERNATIVE = fastre.compile(r"^(?:or|或|或者|または|もしくは)$", re.IGNORECASE)  # '$2.50, or $1.25 with batch'
_OPENED_NOTE = fastre.compile(r"[(（]([^()（）]*)$")


def _opened_note(head: str) -> str:
    """The words of a note the price stands in, before it: 'batch' of '(batch: ', '夜间' of '（夜间'."""
    opened = _OPENED_NOTE.search(head) if head else None
    if opened is None or _OLD_BEFORE.search(opened.group(1)) or _FROM_WORD.search(opened.group(1)):
        return ""  # '(down from $4)': the note tells the price's role, no condition
    return strip_price_type_words(opened.group(1)).strip(" :：")


def _read_roles(items: list[_Item]) -> None:
    """Old prices: 'from $10 to $2', '从2元降至1元', '2元から1元に', '原价', 'previously $3'."""
    _mark_old(items)
    # 'From $0.10 / 1M tokens', '0.1ドルから': prices that only start from an amount, with no new one to go to,
    # are where a price list starts, not prices before.
    if all(item.old and _starts_from(item) for item in items):
        for item in items:
            item.old = False


def _starts_from(item: _Item) -> bool:
    """'From $0.10', 'Starting from $0.10', '0.1ドルから', '0.5元起', where nothing says the price changed."""
    if _CHANGE_WORD.search(item.head) or _CHANGE_WORD.search(item.tail[:12]):
        return False  # 'cut from $5', '从2元降…', '2ドルから値下げ': a price before
    return bool(_FROM_BEFORE.search(item.head[-30:]) or _FROM_AFTER.match(item.tail))


_FROM_BEFORE = fastre.compile(r"(?:^|\bstarting|\bstarts|\bprices?|\bpricing)\W*from\s*$", re.IGNORECASE)
_FROM_AFTER = fastre.compile(r"\s*(?:から|起)")


def _mark_old(items: list[_Item]) -> None:
    for i, item in enumerate(items):
        head_end = item.head[-25:]
        if _ROLE_WORD.search(item.head[-45:]):
            # '由每百万tokens 1元下调至0.5元': a unit phrase may stand between the word and the amount.
            head_end = strip_token_units(item.head[-45:])[-25:]
        # '$1 → $0.80': the arrow may have gone to the next amount's head, as a label of the new price.
        following = item.tail if item.tail.strip() or i + 1 == len(items) else items[i + 1].head
        tail = _without_notes(following)
        if _NEW_BEFORE.search(head_end) or _NEW_AFTER.match(tail):
            continue
        if _OLD_BEFORE.search(head_end) or _PAST_BEFORE.search(head_end) or _TO_AFTER.match(tail):
            item.old = True
        elif _OLD_AFTER.match(tail):  # 'compared with $10 and $40 before': both told as before
            item.old = True
            for earlier, following in zip(reversed(items[:i]), reversed(items[1 : i + 1]), strict=True):
                if earlier.old or not _CONJUNCTION.match(earlier.tail + following.head):
                    break  # only amounts joined by a bare 'and' or comma share the 'before'
                earlier.old = True
        elif (
            i
            and items[i - 1].old
            and _JOINED.search(items[i - 1].tail + item.head)
            and not _CLOSES_NOTE.search(items[i - 1].tail)  # '(down from $4) and $6': the old one was a note
            and not _TO_AFTER.match(item.tail)
        ):
            item.old = True


def span_tiers(text: str) -> list[str]:
    """The tiers a whole sentence or block speaks of: batch, off-peak hours, a promotion."""
    if not _ANY_SPAN_TIER.search(text):
        return []  # most sentences speak of none: one scan rather than one per tier
    return [tier for tier, pattern in _SPAN_TIERS if pattern.search(text)]


_ANY_SPAN_TIER = fastre.compile(
    "|".join(f"(?:{fastre.source_of(pattern)})" for _, pattern in _SPAN_TIERS), re.IGNORECASE
)


def span_tier(text: str) -> str | None:
    """The first of those tiers, the one a quote read from that text is filed under."""
    tiers = span_tiers(text)
    return tiers[0] if tiers else None


# --- the cell and line readers' view: prices per 1M tokens ----------------------------------


@dataclass(frozen=True)
class Price:
    """One price per 1M tokens, with the words around it that qualify it."""

    per_mtok: Decimal
    currency: str | None
    raw: str
    free: bool = False
    condition: str | None = None
    price_type: str | None = None


def parse_prices(
    text: str,
    *,
    unit_tokens: Decimal | None = None,
    currency: str | None = None,
    lang: str | None = None,
) -> list[Price]:
    """Every token price printed in TEXT, per 1M tokens (a cell, a card line, a clause); a price told as the one
    before ('$0.30 → $0.15', '原价 0.02元') is not among them: a page's price is what it costs now."""
    if len(text) <= _CACHED_CELL:
        return list(_cell_prices(text, unit_tokens, currency, lang))
    return list(_prices(text, unit_tokens, currency, lang))


def _prices(text: str, unit_tokens: Decimal | None, currency: str | None, lang: str | None) -> tuple[Price, ...]:
    text = " ".join(fold_width(text).split())
    if not text:
        return ()
    if is_free(text):
        return (Price(Decimal(0), currency, text, free=True),)
    prices = []
    for mention in read_span(text, lang=lang, currency=currency, unit_tokens=unit_tokens):
        amount = mention.per_mtok
        if amount is None or mention.old:
            continue
        prices.append(
            Price(
                clean_decimal(amount),
                mention.currency,
                text,
                free=amount == 0,
                condition=mention.condition,
                price_type=mention.price_type,
            )
        )
    return tuple(prices)


# Tables repeat the same cell text ("$2.50 / 1M tokens", "-", "Free") under one header many times.
_CACHED_CELL = 200
_cell_prices = lru_cache(maxsize=8192)(_prices)


def normalize_price(
    text: str,
    *,
    unit_tokens: Decimal | None = None,
    currency: str | None = None,
    lang: str | None = None,
) -> Price | None:
    """The single price in TEXT per 1M tokens, or None when there is none (or several)."""
    prices = parse_prices(text, unit_tokens=unit_tokens, currency=currency, lang=lang)
    return prices[0] if len(prices) == 1 else None


__all__ = [
    "BATCH_WORDS",
    "CUT_WORDS",
    "LENGTH_LIMIT",
    "MILLION",
    "Price",
    "PriceMention",
    "RESPECTIVELY",
    "RISE_WORDS",
    "SENTENCE_MARK",
    "has_currency_mark",
    "normalize_price",
    "parse_prices",
    "read_span",
    "span_tier",
    "span_tiers",
]
