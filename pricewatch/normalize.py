"""Unit normalization: any printed LLM price → a Decimal per 1M tokens in its currency.

This is the one place that knows how vendors and newsrooms write prices
(`$5 / MTok`, `0.0008元/千tokens`, `1元で200万tokens`, `15 cents per million`, `免费`).
The pricing readers and the news extractor both call it, so a unit learnt here is
learnt everywhere.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from pricewatch import fastre
from pricewatch.textfold import fold_width

MILLION = Decimal(1_000_000)

# A number: '1,000.50', '0.5', '.5', and the European '0,60' and '1.234,50' (a comma before one or two digits is
# a decimal comma: thousands come in threes).
NUM = r"\d{1,3}(?:\.\d{3})+,\d{1,2}(?!\d)|\d+,\d{1,2}(?!\d)|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_DECIMAL_COMMA = fastre.compile(r"[\d.]*\d,\d{1,2}")

# Multipliers that scale a token count; longest first so 百万 wins over 万.
_MULTIPLIERS: dict[str, Decimal] = {
    "千万": Decimal(10_000_000),
    "百万": MILLION,
    "十万": Decimal(100_000),
    "million": MILLION,
    "thousand": Decimal(1000),
    "billion": Decimal(1_000_000_000),
    "亿": Decimal(100_000_000),
    "億": Decimal(100_000_000),
    "万": Decimal(10_000),
    "千": Decimal(1000),
    "K": Decimal(1000),
    "k": Decimal(1000),
    "M": MILLION,
    "m": MILLION,
    "B": Decimal(1_000_000_000),
}
MULT = "|".join(sorted((re.escape(k) for k in _MULTIPLIERS), key=len, reverse=True))
# 'tokens' as localized docs translate it too: 词元, 令牌 (zh-CN), 权杖 and 符元 (zh-TW, after conversion).
TOKEN_WORD = r"(?:tokens?|tok|トークン|Tokens?|TOKENS?|词元|令牌|权杖|符元)"
# A count of tokens as a span writes it, for patterns that only find one (the reading is find_token_unit's): '1M
# tokens', '100万トークン', '百万tokens', 'MTok', of one type ('百万输入tokens', '1M input tokens').
INPUT_OR_OUTPUT = r"input|output|输入|输出|入力|出力"  # the two types' words, as a count or a unit phrase holds them
TOKEN_COUNT = rf"[\d,.]*\s*(?:{MULT})?\s*(?:(?:{INPUT_OR_OUTPUT})\s*)?(?:{TOKEN_WORD}|MTok)"

# A token quantity: "1M tokens", "百万tokens", "1,000トークン", "MTok", "M tokens", "million".
_TOKEN_KIND = r"(?:input|output|cached|image|audio|video|text|输入|输出|入力|出力|图像|图片|音频|视频|文本|画像|音声|動画|テキスト)"
# The kind may be a list: '100万入力/出力トークンあたり', 'per million input/output tokens'.
# ('每 1,000 个令牌': Chinese may count with 个 between the number and the word.)
_QTY = rf"(?P<n>{NUM})?\s*(?:(?P<mult>{MULT})(?=[^A-Za-z]|$|tok|Tok|TOK))?\s*(?:[个個]\s*)?(?:{_TOKEN_KIND}(?:\s*[/／、]\s*{_TOKEN_KIND})?\s*)?(?P<tok>{TOKEN_WORD})?"
_MTOK = r"(?P<mtok>MTok|Mtok|MTOK)"
# A quantity only counts as a price unit when the wording ties it to a price:
# "/", "per", "每", "あたり", "为单位", "で" (1元で200万tokens). This keeps
# "prompts <= 200k tokens" or "a 1M token context window" from being read as units.
_UNIT_BEFORE = fastre.compile(
    # A slash after a token kind lists kinds ('入力/出力トークン'): it starts no unit. The look-behinds follow
    # the slash so that a scan still only stops at a slash.
    rf"(?:/(?<!input/)(?<!output/)(?<!输入/)(?<!输出/)(?<!入力/)(?<!出力/)|per\s+(?:a\s+|one\s+)?|(?:for\s+)?(?:every|each)\s+|"
    rf"每|單位|单位|in units of (?:per )?)"
    rf"\s*(?:{_MTOK}|{_QTY})",
    re.IGNORECASE,
)
_UNIT_AFTER = fastre.compile(
    rf"(?:{_MTOK}|{_QTY})\s*[”\u0022」』]?\s*(?:あたり|当たり|当り|につき|ごと|毎に|为单位|為單位|単位)"
)
# What an amount buys is its unit: '1元で200万tokens', '1元可买125万tokens', '$1 buys 4M tokens', '$1 gets you 4M tokens'.
_UNIT_DE = fastre.compile(rf"(?:で|可以?[买購购]|能[买購购]|\bbuys\b|\bgets\s+you\b)\s*(?:{_QTY})", re.IGNORECASE)
# What an amount is for, when that is a round count of tokens: '$2 for 1M tokens', '$0.50 for a million input
# tokens'. ('$2 for 128K tokens' or 'for the first 1M tokens' is a tier or an allowance, no unit.)
_UNIT_FOR = fastre.compile(rf"\bfor\s+(?:a\s+|one\s+)?(?:{_MTOK}|{_QTY})", re.IGNORECASE)
# Tokens counted with 個 after the word: '入力トークン100万個あたり', 'トークン1,000個につき'.
_UNIT_COUNTED = fastre.compile(
    rf"(?P<tok>{TOKEN_WORD})\s*(?P<n>{NUM})?\s*(?P<mult>{MULT})?\s*個\s*(?:あたり|当たり|当り|につき|ごと)",
    re.IGNORECASE,
)
# Labels such as "百万tokens输入" or "1M INPUT TOKENS" carry their unit bare.
_UNIT_BARE = fastre.compile(rf"(?:{_MTOK}|{_QTY})", re.IGNORECASE)
# The word each unit pattern cannot match without. The quantity in front of it is all optional, so a
# pattern tried at every position of a text that lacks the word costs a full scan for nothing.
_ANCHOR = {
    _UNIT_BEFORE: fastre.compile(r"/|per|every|each|每|單位|单位|in units", re.IGNORECASE),
    _UNIT_AFTER: fastre.compile(r"あたり|当たり|当り|につき|ごと|毎に|为单位|為單位|単位"),
    _UNIT_DE: fastre.compile(r"で|[买購购]|buys|gets", re.IGNORECASE),
    _UNIT_FOR: fastre.compile(r"\bfor\s+(?:a\s+|one\s+)?[\d.]*\s*(?:M\b|MTok|K\b|million|thousand)", re.IGNORECASE),
    _UNIT_COUNTED: fastre.compile(r"個"),
}
_UNIT_PATTERNS = (_UNIT_BEFORE, _UNIT_AFTER, _UNIT_DE, _UNIT_COUNTED, _UNIT_FOR)
_ANY_ANCHOR = fastre.compile("|".join(f"(?:{fastre.source_of(_ANCHOR[p])})" for p in _UNIT_PATTERNS), re.IGNORECASE)
_TOKEN_ANCHOR = fastre.compile(
    r"tok|トークン|词元|令牌|权杖|符元", re.IGNORECASE
)  # a bare unit names tokens ('MTok' too)

_NON_TOKEN_UNIT = fastre.compile(
    r"(?:/|per|每|あたり)\s*(?:\d[\d,]*\s*)?(?:K\s*|M\s*|千|万|百万)?\s*"
    r"(?:requests?|reqs?|images?|seconds?|sec|s\b|hours?|hr|minutes?|min|characters?|chars?|"
    r"字符|文字|次|张|枚|秒|分|小时|時間|页|pages?|searches|queries|calls?|voices?|videos?|"
    r"GB|month|mo|day|year|年|月|天|日)(?!\s*(?:tokens?|トークン|词元|令牌))",
    re.IGNORECASE,
)
# The same units written before the amount: "1,000枚あたり$4.80", "每张图片 0.2 元", "per image: $0.04".
_NON_TOKEN_BEFORE = fastre.compile(
    r"(?:(?:\d[\d,]*\s*)?(?:枚|画像|秒|分|時間|文字|回|リクエスト|件)\s*(?:あたり|当たり|ごと|につき)|"
    r"每\s*(?:张|次|秒|分钟|小时|页|千次|张图片?)|\bper\s+(?:image|request|second|minute|hour|character|call|page)s?)"
    r"\s*[:：]?\s*(?:約|约|~)?\s*$",
    re.IGNORECASE,
)
_NON_TOKEN_WORDS = fastre.compile(r"per hour|storage price|per image|per voice|video|RPD", re.IGNORECASE)

FREE_MARKERS = fastre.compile(
    r"""^\s*
        # a period it holds, written before: '公测期间免费', 'プレビュー期間中は無料', 'During preview: free'
        (?:[^\d()（）:：]{0,12}(?:期间|期間中?|期間中は|中は|during\ \w+\s*[:：]?)\s*)?
        (?:限时免费|免费|免費|無料|free(?:\ of\ charge)?|gratis|0元|\$0(?:\.0+)?|¥0|￥0)\s*[!！。.]?\s*
        # a note of when, with no figure: '（ベータ期間中）', '(preview)', '（限时）'. A note with a figure
        # ('免费（每天100万tokens）') is an allowance, not a free price.
        (?:[(（][^()（）\d]{1,30}[)）]\s*)?
        # or the period written after, in words: 'Free during preview', 'free for a limited time', 'Free while in beta'
        (?:(?:during|while|for\ a\ limited\ time|for\ now|in)\b[^\d()（）]{0,30})?$""",
    re.IGNORECASE | re.VERBOSE,
)

# The currency written before an amount ('$5', 'USD 2', '¥0.6') and after it ('0.25元', '15 cents', '2.5ドル'):
# the price grammar's amounts and the free-line test below read the same signs and words.
# Other currencies are read as themselves, so that no price in them passes for one in the four the product
# follows. Other dollars write letters before the sign ('NT$30', 'HK$8'): the sign is read as '$', and the letters
# before it are looked at after the match (other_currency_before), which costs nothing where there are none.
_OTHER_CODES = r"TWD|HKD|SGD|AUD|CAD|NZD|MXN|BRL|GBP|KRW|INR"
# The same written in Chinese after the amount ('30港元', '30新台币'): listed before 元, which two of them end in.
_OTHER_WORDS = {
    "港元": "HKD",
    "港币": "HKD",
    "港幣": "HKD",
    "新台币": "TWD",
    "新台幣": "TWD",
    "台币": "TWD",
    "台幣": "TWD",
}
_OTHER_WORD = "|".join(_OTHER_WORDS)
_OTHER_DOLLARS = {"NT": "TWD", "HK": "HKD", "A": "AUD", "AU": "AUD", "C": "CAD", "CA": "CAD", "S": "SGD", "SG": "SGD"}
_OTHER_DOLLARS |= {"NZ": "NZD", "MX": "MXN", "R": "BRL"}
_LETTERS_BEFORE = fastre.compile(r"(?<![A-Za-z])([A-Z]{1,2})$")
_OTHER_WORD_BEFORE = fastre.compile(rf"({_OTHER_WORD})\s*(?:为|是|:|：)?\s*$")
_CODE_BEFORE = fastre.compile(rf"(?<![A-Za-z])({_OTHER_CODES})\s*$")
CURRENCY_BEFORE = r"US\$|(?<![A-Za-z])(?:USD|CNY|RMB|JPY|EUR)(?![A-Za-z])|\$|¥|￥|€|£"
CURRENCY_AFTER = (
    rf"元人民币|人民币|{_OTHER_WORD}|元|块钱|块|円|米ドル|USドル|ドル|美元|美金|日元|欧元|ユーロ|セント|美分|¢|"
    rf"(?<![A-Za-z])(?:(?:US|U\.S\.)\s+dollars?|dollars?|cents?|yuan|euros?|yen|USD|CNY|RMB|JPY|EUR|{_OTHER_CODES})"
    r"(?![A-Za-z])"
)
_AMOUNT = fastre.compile(
    rf"(?:{CURRENCY_BEFORE})\s*(?P<a1>{NUM})|(?P<a2>{NUM})\s*(?:{CURRENCY_AFTER})",
    re.IGNORECASE,
)
_BARE_NUMBER = fastre.compile(rf"^\s*(?P<a>{NUM})\s*$")

_CURRENCY_OF = {
    "us$": "USD",
    "$": "USD",
    "usd": "USD",
    "美元": "USD",
    "美金": "USD",
    "ドル": "USD",
    "米ドル": "USD",  # Japanese news writes the US dollar out: '0.5米ドル'
    "usドル": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "us dollar": "USD",
    "us dollars": "USD",
    "u.s. dollar": "USD",
    "u.s. dollars": "USD",
    "cent": "USD",
    "cents": "USD",
    "¢": "USD",
    "セント": "USD",
    "美分": "USD",
    "元": "CNY",
    "元人民币": "CNY",
    "人民币": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "yuan": "CNY",
    "块": "CNY",
    "块钱": "CNY",
    "円": "JPY",
    "日元": "JPY",
    "jpy": "JPY",
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "yen": "JPY",
    "欧元": "EUR",
    "ユーロ": "EUR",
    **{code.lower(): code for code in _OTHER_CODES.split("|")},
    **_OTHER_WORDS,
    "£": "GBP",
}
_CENTS = {"cent", "cents", "¢", "セント", "美分"}

# Words in a header or sentence that name the currency without an amount: "($/1M)", "in USD".
_CURRENCY_HINT = fastre.compile(rf"US\$|\$|USD|美元|ドル|{_OTHER_WORD}|元|人民币|RMB|CNY|円|JPY|€|EUR|¥|￥|£")


def other_currency_before(text: str, at: int, sign: str | None) -> str | None:
    """The other currency whose letters stand right before an amount's sign at AT ('NT' of 'NT$30' → TWD), whose
    code stands before a bare amount ('SGD 2' → SGD), or whose Chinese name stands before an amount in 元 ('新台币15元',
    '港币8元' : the 元 is that currency's unit); None for everything else."""
    if sign == "$":
        letters = _LETTERS_BEFORE.search(text, max(0, at - 3), at)
        return _OTHER_DOLLARS.get(letters.group(1).upper()) if letters else None
    if sign is None:
        code = _CODE_BEFORE.search(text, max(0, at - 6), at)
        return code.group(1) if code else None
    if sign == "元":
        word = _OTHER_WORD_BEFORE.search(text, max(0, at - 8), at)
        return _OTHER_WORDS[word.group(1)] if word else None
    return None


def parse_number(text: str) -> Decimal:
    """'1,000.50' → Decimal('1000.50'); '0,60' → Decimal('0.60'), '1.234,50' → Decimal('1234.50')."""
    if _DECIMAL_COMMA.fullmatch(text):
        text = text.replace(".", "").replace(",", ".")
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {text!r}") from exc


def clean_decimal(value: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def currency_of(symbol: str, *, lang: str | None = None) -> str | None:
    """'$' → USD, '元' → CNY; '¥' depends on the language (CNY in zh, JPY in ja)."""
    key = symbol.strip().lower()
    if " " in key:
        key = " ".join(key.split())  # 'US  dollars'
    if key in ("¥", "￥"):
        return "JPY" if lang == "ja" else "CNY"
    return _CURRENCY_OF.get(key)


def detect_currency(text: str, *, lang: str | None = None) -> str | None:
    """The currency a header or sentence names, if exactly one is named."""
    return _detect_currency_cached(text, lang) if len(text) <= _CACHED_LENGTH else _detect_currency(text, lang)


def _detect_currency(text: str, lang: str | None) -> str | None:
    found = {
        other_currency_before(text, m.start(), m.group(0)) or currency_of(m.group(0), lang=lang)
        for m in _CURRENCY_HINT.finditer(text)
    }
    found.discard(None)
    return found.pop() if len(found) == 1 else None


def is_round_count(count: Decimal) -> bool:
    """1,000 or 1M, not 128K: a round count of tokens is a unit, another count a tier."""
    return count.log10() == count.log10().to_integral_value()


def _tokens_from(match: re.Match[str]) -> Decimal | None:
    groups = match.groupdict()
    if groups.get("mtok"):
        return MILLION
    n, mult, tok = groups.get("n"), groups.get("mult"), groups.get("tok")
    if not (mult or tok):
        return None
    if mult and mult.lower() == "m" and not tok and not n and match.re is _UNIT_BARE:
        return None
    count = parse_number(n) if n else Decimal(1)
    if mult:
        count *= _MULTIPLIERS.get(mult, _MULTIPLIERS.get(mult.lower(), Decimal(1)))
    elif not n and not tok:
        return None
    return count if count > 0 else None


def find_token_unit(text: str, *, bare: bool = False) -> Decimal | None:
    """How many tokens a price in TEXT is for ('per 1M tokens' → 1000000), or None.

    With bare=True (column headers, row labels) a plain quantity such as
    '百万tokens输入' counts too; in running text the wording must tie it to a price.
    """
    return _token_unit_cached(text, bare) if len(text) <= _CACHED_LENGTH else _token_unit(text, bare)


def _token_unit(text: str, bare: bool) -> Decimal | None:
    # Most texts asked hold none of the anchors: one scan for any of them, before one per pattern.
    for pattern in _UNIT_PATTERNS if _ANY_ANCHOR.search(text) else ():
        if not _ANCHOR[pattern].search(text):
            continue  # every part before or after the anchor is optional: without it, a scan finds nothing
        for match in pattern.finditer(text):
            tokens = _tokens_from(match)
            if tokens and (
                pattern is not _UNIT_FOR or (match.group("tok") or match.group("mtok")) and is_round_count(tokens)
            ):
                return tokens
    if bare and _TOKEN_ANCHOR.search(text):
        for match in _UNIT_BARE.finditer(text):
            if match.group("mtok") or (match.group("tok") and (match.group("n") or match.group("mult"))):
                tokens = _tokens_from(match)
                if tokens:
                    return tokens
    return None


# Headers and label cells repeat on every row of a table: cache them, but never whole pages or articles.
_CACHED_LENGTH = 200


def _folded(read):  # noqa: ANN001, ANN202
    """READ of a short text, width-folded: a header or note ('円／100万トークン', '（＄）') is read as the grammar
    reads a cell. Long texts (a paragraph, a page) are read as they are: folding would copy them on every read."""

    def read_folded(text: str, option):  # noqa: ANN001, ANN202
        return read(fold_width(text), option)

    return read_folded


_token_unit_cached = lru_cache(maxsize=4096)(_folded(_token_unit))
_detect_currency_cached = lru_cache(maxsize=4096)(_folded(_detect_currency))


def is_free(text: str) -> bool:
    """A cell or phrase that says the thing costs nothing."""
    return bool(FREE_MARKERS.match(text.strip()))


_FREE_WORD = fastre.compile(
    r"限时免费|免费|免費|無料|無償|free of charge|(?<![A-Za-z])free(?![A-Za-z])(?!\s*(?:tier|trial|credit|quota|usage))",
    re.IGNORECASE,
)


def mentions_free(text: str) -> bool:
    """A free word anywhere in TEXT ('免费', '無料', 'free'), whatever else it says."""
    return bool(_FREE_WORD.search(text))


def says_free(text: str) -> bool:
    """A labelled line such as '输入 免费' or 'Input: Free' that gives no amount."""
    return bool(_FREE_WORD.search(text)) and not any(
        parse_number(m.group("a1") or m.group("a2")) for m in _AMOUNT.finditer(text)
    )


def is_non_token_price(text: str) -> bool:
    """Prices per request, image, second, character… are not token prices."""
    return bool(_NON_TOKEN_UNIT.search(text) or _NON_TOKEN_WORDS.search(text))


_PER_HOUR = fastre.compile(r"per hour|/\s*h(?:ou)?r\b|\(?storage", re.IGNORECASE)
_PER_WORD = fastre.compile(r"(?:/|per\s|每)\s*[\d,.]*\s*[A-Za-z\u4e00-\u9fff\u3040-\u30ff]")


def names_non_token_unit(label: str) -> bool:
    """A header or label whose unit is not tokens: 'Price per 1K requests', '单价 元/万字符'."""
    return bool(_NON_TOKEN_UNIT.search(label))


def non_token_unit_at(text: str) -> bool:
    """Whether TEXT starts with a unit that is not tokens ('/ minute', 'per image', 'per hour')."""
    if _NON_TOKEN_UNIT.match(text) or _PER_HOUR.match(text):
        return True
    # "$0.03 / container", "2元/次": priced per some word that is not a token unit.
    per_word = _PER_WORD.match(text)
    return bool(per_word) and find_token_unit(text[:40]) is None


def priced_per_other_thing_before(head: str) -> bool:
    """'1,000枚あたり', '每张', 'per image:' just before an amount: what follows is not a token price."""
    return bool(_NON_TOKEN_BEFORE.search(head[-30:]))


def per_mtok(value: Decimal, unit_tokens: Decimal) -> Decimal:
    """An amount for UNIT_TOKENS tokens → per 1M tokens."""
    return clean_decimal(value * MILLION / unit_tokens)


# --- what a price is for --------------------------------------------------------------

_PRICE_TYPE_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("input", fastre.compile(r"cache\s*miss|缓存未命中|未命中|キャッシュミス|キャッシュなし", re.IGNORECASE)),
    (
        "cache_write",
        fastre.compile(
            r"(cache|caching|缓存|キャッシュ)[^|]{0,15}(write|writes|creation|写入|存储|書き込み)", re.IGNORECASE
        ),
    ),
    (
        "cached_input",
        fastre.compile(
            r"cached|(cache|caching|缓存|キャッシュ)[^|]{0,15}(hit|hits|read|reads|命中|读取|ヒット|読み取り|読み込み|refresh)"
            # 'Context caching price', '上下文缓存', 'コンテキストキャッシュ': reading cached context (writes and
            # storage are matched before this, or priced per hour)
            r"|context[\s-]*cach(?:e|ing)|上下文缓存|コンテキスト\s*キャッシュ"
            # 'キャッシュ入力', '缓存输入': the input read from the cache ('cached input' is matched above)
            r"|(?:キャッシュ|缓存)\s*(?:された)?\s*(?:入力|输入)",
            re.IGNORECASE,
        ),
    ),
    # 'sampled tokens' (OpenAI's first price lists), 'generated tokens': what a model writes
    ("output", fastre.compile(r"output|completion|(?:sampled|generated)\s+tokens?|输出|出力|生成|補完", re.IGNORECASE)),
    ("input", fastre.compile(r"input|prompt|输入|入力|提示|プロンプト", re.IGNORECASE)),
]
# Token kinds that are priced but are none of the four price types we track.
_OTHER_TOKENS = fastre.compile(r"citation|reasoning tokens|search|request|storage|grounding|per hour", re.IGNORECASE)


def strip_token_units(text: str) -> str:
    """TEXT without its 'per 1M tokens' phrases: what condition words are left."""
    for pattern in (_UNIT_BEFORE, _UNIT_AFTER):
        if _ANCHOR[pattern].search(text):
            text = pattern.sub(" ", text)
    return text


def strip_price_type_words(label: str) -> str:
    """LABEL without the words that name a price type: what else a note says."""
    if not _ANY_PRICE_TYPE.search(label):
        return label
    for _, pattern in _PRICE_TYPE_RULES:
        label = pattern.sub(" ", label)
    return label


def price_type_of(label: str) -> str | None:
    """'Cache Hits & Refreshes' → cached_input, '百万tokens输出' → output, 'RPM' → None."""
    return _price_type_cached(label) if len(label) <= _CACHED_LENGTH else _price_type(label)


# Any word of any rule: one search tells most labels and clauses that name no price type at all.
_ANY_PRICE_TYPE = fastre.compile(
    "|".join(f"(?:{fastre.source_of(pattern)})" for _, pattern in _PRICE_TYPE_RULES), re.IGNORECASE
)
_PRICE_TYPE_WORD_START = fastre.compile(f"(?=(?:{fastre.source_of(_ANY_PRICE_TYPE)}))", re.IGNORECASE)


def price_type_word_starts(text: str) -> list[int]:
    """Where a word of any price type rule starts in TEXT: the only places a header can name a type.

    Zero-width, so one rule's long match ('缓存命中 输出 缓存写入' as one cache write) hides no other word."""
    return [match.start() for match in _PRICE_TYPE_WORD_START.finditer(text)]


def _price_type(label: str) -> str | None:
    if not _ANY_PRICE_TYPE.search(label) or _OTHER_TOKENS.search(label):
        return None
    for price_type, pattern in _PRICE_TYPE_RULES:
        if pattern.search(label):
            return price_type
    return None


_price_type_cached = lru_cache(maxsize=8192)(_price_type)
