"""News text → price claims, in Chinese (Simplified and Traditional), Japanese and English.

A claim is what a reader takes away: "Qwen-Long input now 0.5 元 per 1M tokens, down from 20".
The article is folded (full-width forms, Traditional → Simplified), then read in three passes that share
the price grammar with the pricing pages:
- tables printed in the text (pipe tables) go through the pricing pages' table reader;
- paragraphs that are tables flattened into lines ("Model Input $/MTok Output $/MTok" then rows) through
  the flattened-row reader;
- every other sentence through the grammar, each price then bound to a model: the nearest one named in
  its clause, else its sentence, else the model the article is about (its title, or the last one named
  as a subject). A model named only as the thing compared against ("over the original Claude 3 Haiku",
  "GPT-4oの約6倍") is never the subject. Worked examples (×, =, totals) and estimates (約, ~) are not claims.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from decimal import Decimal

from pricewatch import fastre
from pricewatch.freeclaims import PROMO, free_but_no_model_made_free
from pricewatch.grammar import (
    BATCH_WORDS,
    CUT_WORDS,
    RESPECTIVELY,
    RISE_WORDS,
    PriceMention,
    comparisons_in,
    has_currency_mark,
    joins_a_list,
    read_span,
    span_tiers,
)
from pricewatch.normalize import (
    TOKEN_WORD,
    detect_currency,
    find_token_unit,
    mentions_free,
    price_type_of,
    says_free,
)
from pricewatch.numberwords import spelled_amounts
from pricewatch.quotes import change_pct, dedupe_quotes
from pricewatch.readers.base import ReadContext
from pricewatch.readers.grid import pipe_markdown_to_html, pipe_table_grids
from pricewatch.readers.html import read_pricing_html
from pricewatch.readers.prose import read_flattened_rows, split_at
from pricewatch.readers.prose import sentences as _sentences
from pricewatch.readers.tables import TableContext, read_table
from pricewatch.textfold import detect_language, fold
from pricewatch.vendors import ModelMention, model_key, model_mentions, vendor_for_model, vendors_named_in

_CLAUSE_BREAK = fastre.compile(
    r"[；;]|(?<!\d),(?!\d{3})|，|、而|, while |; while |(?<=[^\x00-\x7f])[\s\u3000]+(?=[^\x00-\x7f])"
)
_TIME_WINDOW = fastre.compile(r"(\d{1,2}:\d{2})\s*(?:至|到|-|–|~|〜|から)\s*(\d{1,2}:\d{2})")
_OLD_SENTENCE = fastre.compile(
    r"标准时段|原价|原来|此前|以前|standard (?:rate|price|hours)|regular price|通常料金|従来|previous", re.IGNORECASE
)
_PAST_START = fastre.compile(r"^\W*(?:此前|以前|原来|previously|formerly|従来|これまで)", re.IGNORECASE)
# Arithmetic and totals: a worked example, not a price list ("1,000,000 × 80% × 0.5 元 = 0.4 元", "合計").
# ('8x7B' is a model's size, not a product: the second factor may not run into a letter.)
_WORKED = fastre.compile(
    r"[×✕]|\d\s*[x*]\s*\d(?![\d.]*[A-Za-z])|=\s*[$¥€]?\d|合計|合计|总成本|總成本|\btotal\b|小计|見積", re.IGNORECASE
)
# Either: one scan of each priced sentence rather than two.
_PROMO_OR_WORKED = fastre.compile(f"(?:{fastre.source_of(PROMO)})|(?:{fastre.source_of(_WORKED)})", re.IGNORECASE)
# A model named as what the subject is compared against.
_COMPARED = fastre.compile(
    r"""(?:\b(?:over|than|vs\.?|same\ as|matching|as\ much\ as)|compared\ (?:to|with)|versus
        # 'a fraction of / half / 1/10 / 30% of the price of X' compares; 'cut the price of X' names the subject
        |(?:fraction|half|third|quarter|tenth|times|percent|%|\d/\d+)\s+(?:of\s+)?(?:the\s+)?(?:\w+\s+)?price\ of
        |相比|相较|比)
        \s*(?:the\s+)?(?:original\s+|previous\s+)?$""",
    re.IGNORECASE | re.VERBOSE,
)
# '与/和/跟 X 相比': 'with X' compares only where a comparison word closes it; 'A和B的价格' lists A and B.
_WITH_BEFORE = fastre.compile(r"(?:与|和|跟|同)\s*$")
_COMPARISON_CLOSES = fastre.compile(r"^[^，。,；;]{0,12}?(?:相比|相较|比较|对比|一样|持平|相当|相同)")
# "GPT-4oの約6倍", "GPT-4o 的一半", "GPT-4 Turboの半額", "GPT-4o 的十分之一": a fraction or multiple of it; "GPT-4级",
# "GPT-4クラス", "a GPT-4-class model": the class another model is in.
_COMPARED_AFTER = fastre.compile(
    r"^\s*(?:の(?:約|およそ)?\s*\d|の半額|の\S{1,3}分の|より|と比べ|と同じ|と同額|相比|[级級]|クラス|-?(?:class|level)\b|"
    r"的\s*(?:\d+(?:\.\d+)?\s*倍|一半|\S{1,3}分之\S|\d+(?:\.\d+)?\s*%))"
)
# A discount or free period that has ended: the prices told with it are no cut and hold at all hours ('…$0.27
# input, although its off-peak discount ended', '优惠期已结束', '割引キャンペーンは終了した').
_OFFER_ENDED = fastre.compile(
    r"(?:discount|offer|promotion|优惠|折扣|割引|キャンペーン)[^.。;；!?]{0,30}?"
    r"(?:\bended|\bexpired|has ended|is over|结束|到期|終了)",
    re.IGNORECASE,
)


def _batch(lead: str) -> str | None:
    """'batch' when the words leading a price name the batch mode ('With the Batch API, … costs $0.20')."""
    return "batch" if BATCH_WORDS.search(lead) else None


_CLAUSE_MARK = fastre.compile(r"[;；,，]")
# A price the sentence says stays as it was: '输出价格保持不变', 'output remains $10', '出力は据え置き'.
_UNCHANGED = fastre.compile(
    r"保持|不变|不變|维持|維持|unchanged|\bremains?\b|\bstays?\b|据え置|変わらず|変更なし", re.IGNORECASE
)
# A change denied: 'has not cut', 'no plans to lower', '没有降价', '不会下调', '値下げはしない'.
_DENIED_CHANGE = fastre.compile(
    r"""\b(?:not|never|no\s+plans?\s+to)\s+(?:\w+\s+){0,2}?(?:cut|lower|reduc|rais|increas|hike)
        |n't\s+(?:\w+\s+){0,2}?(?:cut|lower|reduc|rais|increas|hike)
        |(?:没有|没|未|并未|尚未|不会|不再)(?:再)?(?:降价|下调|降低|调低|涨价|上调|提价)
        |(?:値下げ|引き下げ|値上げ|引き上げ)(?:は|を)?(?:しない|していない|せず|しなかった|されない|されていない|ない|予定はない)""",
    re.IGNORECASE | re.VERBOSE,
)
_REVISED = fastre.compile(
    r"调整为|调整后|更新为|最新|改为|改定|改訂|変更後|updated to|revised to|\bnow\b", re.IGNORECASE
)
# (Written to open with the class of its marks, which the engine scans for.)
_TURN = fastre.compile(r"[;；,，](?:(?<=[;；])|(?<=[,，])\s*(?:而|但)|(?<=,) (?:while|whereas|but) )")
# A count of characters, tokens or requests: the amount next to it is a total for that many, not a unit price.
_DIGIT = fastre.compile(r"\d")
_TOKEN_WORD = fastre.compile(rf"{TOKEN_WORD}|MTok", re.IGNORECASE)
_QUANTITY = fastre.compile(rf"\d[\d,]*\s*(?:文字|字|{TOKEN_WORD}|件|requests?|回)")
_LIST_PARTS = fastre.compile(r"[,，、;；]|\band\b")
_BLANK_LINE = fastre.compile(r"\n\s*\n")
_PIPE_ROW = fastre.compile(r"^.*\|.*\|.*$")
# What may stand between two clauses of one statement: '；', ', while', '，而'.
_FOLLOWS = fastre.compile(rf"(?:\s|[;；,，]|{fastre.source_of(_TURN)})*$")
# What measures a change against the price before: a share ('60%', '6割', '五折', '半额', 'half'), or the before itself.
_CHANGE_MEASURE = fastre.compile(
    r"\d+(?:\.\d+)?\s*(?:%|percent|割|折)|[一二三四五六七八九]折|半[额價价]|半額|\bhalf\b|此前|以前|之前|原来|原价|"
    r"\b(?:before|previous(?:ly)?|earlier)\b|従来|前回|これまで",
    re.IGNORECASE,
)
_VARIANT_WORD = fastre.compile(r"\b(Haiku|Sonnet|Opus|Flash|Turbo|Mini|Pro|Max|Plus|Lite|Speed|Long|Air)\b")


@dataclass
class PriceClaim:
    """One price an article tells (storage.models.Claim is the row it is stored as)."""

    vendor: str | None
    model: str
    kind: str
    price_type: str | None
    new_price: Decimal | None
    old_price: Decimal | None
    currency: str | None
    evidence: str
    condition: str | None = None

    @property
    def change_pct(self) -> float | None:
        return change_pct(self.old_price, self.new_price)

    def to_json(self) -> dict[str, object]:
        number = lambda d: None if d is None else float(d)  # noqa: E731
        return {
            "vendor": self.vendor,
            "model": self.model,
            "kind": self.kind,
            "price_type": self.price_type,
            "new_price": number(self.new_price),
            "old_price": number(self.old_price),
            "currency": self.currency,
            "change_pct": self.change_pct,
            "condition": self.condition,
            "evidence": self.evidence,
        }


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs."""
    return _sentences(text)


def clauses(sentence: str) -> list[tuple[int, str]]:
    return split_at(_CLAUSE_BREAK, sentence)


@dataclass
class _Reading:
    """The article and what the extractor carries from one sentence to the next."""

    text: str
    lang: str
    mentions: list[ModelMention]  # in order of their start
    window: str | None = None
    unit: Decimal | None = None
    topic: ModelMention | None = None
    title_topic: bool = False
    last_claims: list[PriceClaim] = field(default_factory=list)
    olds_told: list[PriceMention] = field(default_factory=list)  # a sentence's old prices, awaiting the new ones
    olds_about: str | None = None  # the model they were told of
    claims: list[PriceClaim] = field(default_factory=list)
    shown: str = ""  # the text as the article words it (amounts in words not rewritten), for evidence
    vendors: list[tuple[int, str]] | None = None  # (position, vendor) of the company names, read when first needed
    last_claims_end: int = -1  # where the sentence or part that told the last claims ends
    # The last sentence that gave no price, its models and where it ends: it may tell the change the prices of
    # the sentence after it make ('OpenAI has cut the price of GPT-4o.'). Read only when such prices come.
    priceless: tuple[str, set[str], int] | None = None
    starts: list[int] = field(init=False)  # the mentions' starts, to find a sentence's models by bisection

    def __post_init__(self) -> None:
        self.starts = [m.start for m in self.mentions]


def extract_claims(text: str, *, lang: str | None = None) -> list[PriceClaim]:
    """The price claims of one article's text (title and body)."""
    lang = lang or detect_language(text)
    shown = fold(text, lang=lang)
    text = spelled_amounts(shown)  # 'four dollars' read as '4 dollars', positions kept
    claims = []
    if "|" in text:  # most articles print no table
        claims = _table_claims(text, lang)
        text = _blank_tables(text)
    reading = _Reading(text=text, lang=lang, mentions=_with_short_names(text, model_mentions(text)), shown=shown)
    window = _time_window(text)
    reading.window = f"{window.group(1)}-{window.group(2)}" if window else None
    title = text.strip().split("\n", 1)[0]
    title_models = [
        m
        for m in reading.mentions
        if m.start < len(title) + (len(text) - len(text.lstrip())) and not _is_compared(text, m)
    ]
    reading.topic = title_models[0] if title_models else None
    reading.title_topic = bool(title_models)
    for paragraph_offset, paragraph in _paragraphs(text):
        rows = read_flattened_rows(paragraph, lang=lang, currency=None)
        if rows:
            claims += [_claim(row.model, row.mention, row.price_type, None, "price", paragraph) for row in rows]
            continue
        for offset, sentence in sentences(paragraph):
            for part_offset, part in _parts(sentence):
                _read_sentence(reading, paragraph_offset + offset + part_offset, part)
    return _dedupe(claims + reading.claims)


# --- tables printed in the article -----------------------------------------------------------


def _table_claims(text: str, lang: str) -> list[PriceClaim]:
    """Pipe tables ('モデル | 入力1000トークンあたり | …') read by the pricing pages' table reader."""
    claims = []
    for block in _pipe_blocks(text):
        at = text.find(block)
        markdown = re.sub(r"[—–\-―ー]{2,}", "---", block)  # "|——|——-|" separator rows written with dashes of any kind
        # A new vendor's models are read too: their vendor is the company the article names before the table.
        context = ReadContext(lang=lang, default_vendor=_UNNAMED)
        grids = pipe_table_grids(markdown)
        if grids:  # straight to the table reader: a block of pipe rows has no headings, cards or prose around it
            unit, currency = _unit_around(text, at, at + len(block), lang)
            around = TableContext(unit_tokens=unit, currency=currency)
            quotes = dedupe_quotes([q for grid in grids for q in read_table(*grid, around, context)])
        else:  # no separator row: the lines make a paragraph, and the page reader reads its words
            quotes = read_pricing_html(pipe_markdown_to_html(markdown), context=context)
        for quote in quotes:
            vendor = quote.vendor if quote.vendor != _UNNAMED else _vendor_named_before(text[:at])
            claims.append(
                PriceClaim(
                    vendor,
                    quote.model,
                    "price",
                    quote.price_type,
                    quote.price_per_mtok,
                    None,
                    quote.currency,
                    block.strip().split("\n")[0][:200],
                    quote.tier,
                )
            )
    return claims


def _time_window(text: str) -> re.Match[str] | None:
    """The article's first off-peak window ('00:30至08:30'). Only a colon between digits can start one, and most
    articles have none: the colons are found by a string search, and the pattern tried from the first time on."""
    at = text.find(":")
    while at != -1:
        if at and text[at - 1].isdigit() and text[at + 1 : at + 3].isdigit():
            return _TIME_WINDOW.search(text, max(0, at - 2))
        at = text.find(":", at + 1)
    return None


def _vendor_named_before(text: str) -> str | None:
    named = vendors_named_in(text)
    return named[-1][1] if named else None


_NEAR_TABLE = 400  # characters either side of a table in which the paragraph that states its unit is looked for


def _unit_around(text: str, start: int, end: int, lang: str) -> tuple[Decimal | None, str | None]:
    """The unit and currency the paragraph before a table (from START to END) states for it ('Prices per million
    tokens:', '单位：元/百万tokens'), else the paragraph after it ('All prices are per 1M tokens.')."""
    before = [p for _, p in _paragraphs(text[max(0, start - _NEAR_TABLE) : start]) if p.strip()]
    after = [p for _, p in _paragraphs(text[end : end + _NEAR_TABLE]) if p.strip()]
    for paragraph in before[-1:] + after[:1]:
        unit = find_token_unit(paragraph)
        if unit is not None:
            return unit, detect_currency(paragraph, lang=lang)
    return None, None


_UNNAMED = "?"  # a table's model of no vendor the tables know


def _pipe_blocks(text: str) -> list[str]:
    blocks, current = [], []
    for line in text.splitlines():
        if _PIPE_ROW.match(line):
            current.append(line)
        elif current:
            blocks.append("\n".join(current))
            current = []
    if current:
        blocks.append("\n".join(current))
    return [b for b in blocks if b.count("\n") >= 2]


def _blank_tables(text: str) -> str:
    """The table lines replaced by blank ones, so sentences do not read them again (offsets kept)."""
    return "\n".join(" " * len(line) if _PIPE_ROW.match(line) else line for line in text.split("\n"))


def _paragraphs(text: str) -> list[tuple[int, str]]:
    return split_at(_BLANK_LINE, text)


# --- sentences ------------------------------------------------------------------------------


def _parts(sentence: str) -> list[tuple[int, str]]:
    """A sentence cut where it turns to another statement: '；', '，而', ', while'."""
    return split_at(_TURN, sentence)


def _read_sentence(reading: _Reading, offset: int, sentence: str) -> None:
    starts = reading.starts
    in_sentence = reading.mentions[bisect_left(starts, offset) : bisect_left(starts, offset + len(sentence))]
    subjects = [m for m in in_sentence if not _is_compared(reading.text, m)]
    if not _DIGIT.search(sentence):  # no amount: only a free model, the subject or a unit can come of it
        _learn_unit(reading, sentence)
        _read_free(reading, offset, sentence, subjects)
        _note_priceless(reading, offset, sentence, subjects)
        _remember_subject(reading, subjects)
        return
    if _tells_old_prices(reading, sentence, subjects):
        # "标准时段价格则维持0.5元、2元和8元", "此前ERNIE Speed的输入价格为每千tokens 0.004元": the last claims' old prices.
        olds = read_span(sentence, lang=reading.lang, unit_tokens=reading.unit, conditions=False)
        if olds:
            about = {m.model for m in subjects}
            _apply_old_prices([c for c in reading.last_claims if not about or c.model in about], olds)
            return
    _read_free(reading, offset, sentence, subjects)
    if _PROMO_OR_WORKED.search(sentence):
        _remember_subject(reading, subjects)
        return
    mentions = _mentions(reading, offset, sentence, subjects)
    if not mentions:
        _note_priceless(reading, offset, sentence, subjects)
        _remember_subject(reading, subjects)
        return
    if all(m.old for m in mentions):
        if not subjects and reading.last_claims:
            _apply_old_prices(reading.last_claims, mentions)  # "a 75% reduction from the previous $8 and $32"
            return
        if not reading.last_claims:
            _remember_subject(reading, subjects)
            # "previously cost $0.50 per million input tokens; it now costs $0.30": kept for the next sentence.
            reading.olds_told, reading.olds_about = mentions, reading.topic.model if reading.topic else None
            return
    mentions = _with_olds_told(reading, mentions, subjects)
    condition = _condition(reading, sentence)
    parts = clauses(sentence)
    claims = []
    pairs = _pairs(mentions)
    types = _claim_types(sentence, mentions, pairs, [(m.start - offset, m.end - offset) for m in in_sentence])
    respective = _respective(reading.text, sentence, subjects, [new for new, _ in pairs], types)
    tiers = _tiers(sentence, [new for new, _ in pairs])
    changed = _changed_before(reading, offset)  # the change a model's earlier price in the sentence was told with
    for index, (new, old) in enumerate(pairs):
        model = _bind(reading, offset, parts, new, subjects, in_sentence)
        if model is None:
            continue
        lead = _lead(sentence, mentions, new)
        change_after = _change_after(parts, new, mentions, [m.start - offset for m in in_sentence])
        clause = _clause_span(parts, new.start)[1]
        kind = _kind(new, old, lead + clause + change_after, condition)
        kind = _told_change(reading, offset, model, kind)
        if kind != "price" and old is None and _UNCHANGED.search(_tail(sentence, mentions, new)):
            kind = "price"  # '…引き下げ、出力は8ドルに据え置いた': the verb before changed another price, not this one
        elif kind != "price":
            changed[model.model] = kind
        elif model.model in changed and not _UNCHANGED.search(lead + clause):
            # '价格降至输入：0.015元/千tokens；输出：0.05元/千tokens': one verb changes the list of the model's prices
            kind = changed[model.model]
        price_type = types[index]
        claims += [
            PriceClaim(
                vendor=_vendor_for(reading, listed),
                model=listed.model,
                kind=kind,
                price_type=price_type,
                new_price=new.per_mtok,
                old_price=old.per_mtok if old else None,
                currency=new.currency,
                evidence=reading.shown[offset : offset + len(sentence)].strip(),
                condition=" ".join(c for c in (condition, tiers[index], _batch(lead)) if c) or None,
            )
            for listed in ([respective[index]] if respective else _listed_with(reading.text, model, subjects))
        ]
    claims = _latest_revision(claims, sentence, mentions)
    if claims:
        reading.claims += claims
        reading.last_claims, reading.last_claims_end = claims, offset + len(sentence)
    _remember_subject(reading, subjects)


def _tiers(sentence: str, news: list[PriceMention]) -> list[str | None]:
    """Each new price's context-length tier ('输入不超过128K', 'prompts longer than 128K tokens'). A sentence
    writes its tiers one way: before the amounts (each holds until the next) or after each; a tier after
    the last amount only is the whole list's ('… and $0.30 for prompts under 128K tokens')."""
    if not news or not comparisons_in(sentence):
        return [None] * len(news)
    if comparisons_in(sentence[: news[0].start]):
        tiers, current = [], None
        for previous_end, new in zip([0] + [m.end for m in news], news, strict=False):
            current = (comparisons_in(sentence[previous_end : new.start]) or [current])[-1]
            tiers.append(current)
        return tiers
    ends = [m.start for m in news[1:]] + [len(sentence)]
    tiers = [(comparisons_in(sentence[new.end : end]) or [None])[0] for new, end in zip(news, ends, strict=True)]
    if tiers[-1] and not any(tiers[:-1]):
        return [tiers[-1]] * len(news)
    return tiers


def _latest_revision(claims: list[PriceClaim], sentence: str, mentions: list[PriceMention]) -> list[PriceClaim]:
    """'2 元（缓存命中）…根据最新调整为 0.5 元缓存命中': a price revised later in the sentence replaces the earlier one."""
    news = [m for m in mentions if not m.old]
    if len(news) != len(claims):
        return claims
    kept = []
    for i, (claim, mention) in enumerate(zip(claims, news, strict=True)):
        later = [
            m
            for c, m in zip(claims[i + 1 :], news[i + 1 :], strict=True)
            if (c.model, c.price_type, c.condition) == (claim.model, claim.price_type, claim.condition)
            and _REVISED.search(sentence[mention.end : m.start])
        ]
        if not later:
            kept.append(claim)
    return kept


def _mentions(reading: _Reading, offset: int, sentence: str, subjects: list[ModelMention]) -> list[PriceMention]:
    """The sentence's token prices; a labelled bare amount ('Input: $0.25') takes the article's last unit."""
    # A claim's condition is the sentence's off-peak window and its price's tier (_tiers), not every word
    # around the amount.
    found = read_span(sentence, lang=reading.lang, unit_tokens=reading.unit, conditions=False)
    if not found:
        _learn_unit(reading, sentence)
        return _priced_by_unit_ahead(reading, offset, sentence) if reading.unit is None else []
    own = [m for m in found if not m.unit_from_context and not m.approximate]
    if own:
        reading.unit = own[-1].unit_tokens
        return own
    if reading.unit is None or _QUANTITY.search(sentence):
        return []
    parallel = _parallel_to_last(reading, offset, found, subjects)
    if parallel:
        return parallel
    # Untyped only where old prices told just before give them their types, or as the old price of a typed one
    # ('input goes up to $0.30 from $0.15').
    typed_new = any(m.price_type and not m.old for m in found)
    return [m for m in found if (m.price_type or reading.olds_told or (m.old and typed_new)) and not m.approximate]


_AHEAD = 300  # characters after a sentence in which the unit its typed amounts lack is looked for


def _priced_by_unit_ahead(reading: _Reading, offset: int, sentence: str) -> list[PriceMention]:
    """Typed amounts before the article has stated any unit, which a sentence right after states ('入力料金を…0.05ドル
    に引き下げた。出力は1Mトークンあたり$0.40。', '…input price … to $0.05. Output costs $0.40 per 1M tokens.')."""
    if not has_currency_mark(sentence) or price_type_of(sentence) is None:
        return []  # an amount of no price type ('raised $6.6 billion') takes no unit from what follows
    end = offset + len(sentence)
    ahead = find_token_unit(_BLANK_LINE.split(reading.text[end : end + _AHEAD], maxsplit=1)[0])
    if ahead is None:
        return []
    found = read_span(sentence, lang=reading.lang, unit_tokens=ahead, conditions=False)
    return [m for m in found if not m.approximate and not m.old]


def _learn_unit(reading: _Reading, sentence: str) -> None:
    """'新模型定价如下（每百万tokens）：', '料金（100万トークンあたり）は次のとおり。': a sentence that states the unit
    of the prices listed after it, and gives none itself."""
    if not _TOKEN_WORD.search(sentence):
        return  # most sentences name no tokens: the unit patterns are not tried
    unit = find_token_unit(sentence)
    if unit is not None:
        reading.unit = unit


def _parallel_to_last(
    reading: _Reading, offset: int, found: list[PriceMention], subjects: list[ModelMention]
) -> list[PriceMention]:
    """'Command R+ costs $2.50 … and $10 …, while Command R costs $0.15 and $0.60', 'Qwen-Plus…；Qwen-Turbo则为0.3元和
    0.6元': bare amounts for another model, in the clause or sentence right after one model's prices of different
    types, take those types in order."""
    last = reading.last_claims
    types = [c.price_type for c in last]
    if (
        not _FOLLOWS.match(reading.text, reading.last_claims_end, offset)
        or len(found) != len(types)
        or any(m.price_type or m.old or m.approximate for m in found)
        or None in types
        or len(set(types)) != len(types)
        or len({c.model for c in last}) != 1
        or not subjects
        or any(m.model == last[0].model for m in subjects)
    ):
        return []
    return [replace(m, price_type=t) for m, t in zip(found, types, strict=True)]


def _tells_old_prices(reading: _Reading, sentence: str, subjects: list[ModelMention]) -> bool:
    """A sentence about the last claims' models that tells what they cost before: it opens with a past time
    word, or it speaks of the standard or previous rate in the last claims' unit."""
    if not reading.last_claims or not _about_last(reading, subjects):
        return False
    return bool(_PAST_START.match(sentence) or (_OLD_SENTENCE.search(sentence) and reading.unit))


def _about_last(reading: _Reading, subjects: list[ModelMention]) -> bool:
    """Whether a sentence names no model but those of the last claims."""
    return {m.model for m in subjects} <= {c.model for c in reading.last_claims}


def _with_olds_told(
    reading: _Reading, mentions: list[PriceMention], subjects: list[ModelMention]
) -> list[PriceMention]:
    """New prices after a sentence that told only old ones, about the same model: each takes the type of the
    old price in its place, and the old prices join them, so 'previously $0.50 …; now $0.30' pairs the two."""
    olds, reading.olds_told = reading.olds_told, []
    news = [m for m in mentions if not m.old]
    if not olds or not news or any(m.old for m in mentions) or len(news) > len(olds):
        return mentions
    if any(m.model != reading.olds_about for m in subjects):
        # Another model's prices: the old ones say nothing of them, and a bare amount has no type to take.
        return [m for m in mentions if m.price_type or not m.unit_from_context]
    typed = [replace(new, price_type=new.price_type or old.price_type) for new, old in zip(news, olds, strict=False)]
    return [replace(old, start=0, end=0) for old in olds] + typed


def _is_compared(text: str, mention: ModelMention) -> bool:
    before, after = text[max(0, mention.start - 40) : mention.start], text[mention.end : mention.end + 20]
    return bool(
        _COMPARED.search(before)
        or _COMPARED_AFTER.match(after)
        or (_WITH_BEFORE.search(before) and _COMPARISON_CLOSES.match(after))
    )


def _bind(
    reading: _Reading,
    offset: int,
    parts: list[tuple[int, str]],
    price: PriceMention,
    subjects: list[ModelMention],
    in_sentence: list[ModelMention],
) -> ModelMention | None:
    """The model a price is about: its clause's, else its sentence's, else the article's topic."""
    position = offset + price.start
    clause_start, clause = _clause_span(parts, price.start)
    in_clause = [m for m in subjects if offset + clause_start <= m.start < offset + clause_start + len(clause)]
    for group in (in_clause, subjects):
        before = [m for m in group if m.start < position]
        if before:
            return before[-1]
        after = [m for m in group if m.start > position]
        if after:
            return after[0]
    if in_sentence and not any(_is_compared(reading.text, m) for m in in_sentence):
        return None
    return reading.topic


def _claim_types(
    sentence: str,
    mentions: list[PriceMention],
    pairs: list[tuple[PriceMention, PriceMention | None]],
    models: list[tuple[int, int]],
) -> list[str | None]:
    """Each new price's type: its own, its old price's, the one type its label names, or, in a bare list
    ('Input prices … fall to $0.50 and $0.20'), the type of the amount the list goes on from; a list of models each
    with its amount is bare too ('Nova Micro costs $0.035 per million input tokens, Nova Lite $0.06 and Nova Pro
    $0.80'). MODELS are the (start, end) of the sentence's model names."""
    types: list[str | None] = []
    for index, (new, old) in enumerate(pairs):
        # 'raised the input price of X from $0.15 to $0.30': the label stands before the old price.
        label = _lead(sentence, mentions, old) if old is not None and old.start < new.start else None
        price_type = new.price_type or (old.price_type if old else None)
        price_type = price_type or _single_type(label if label is not None else _lead(sentence, mentions, new))
        if (
            price_type is None
            and index
            and joins_a_list(_without(sentence, pairs[index - 1][0].end, new.start, models))
        ):
            price_type = types[-1]
        types.append(price_type)
    return types


def _without(sentence: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """SENTENCE[START:END] with the SPANS inside it left out, each with the particle or verb that joins a name to
    its amount ('GPT-4.1 miniは', 'Qwen-Plus为', 'Nova Pro costs')."""
    kept, at = [], start
    for span_start, span_end in sorted(spans):
        if start <= span_start and span_end <= end:
            kept.append(sentence[at:span_start])
            joined = _NAME_TO_AMOUNT.match(sentence, span_end, end)
            at = joined.end() if joined else span_end
    return "".join(kept) + sentence[at:end]


_NAME_TO_AMOUNT = fastre.compile(r"\s*(?:は|が|も|为|是|為|[:：]|at\b|is\b|costs?\b)?", re.IGNORECASE)


def _respective(
    text: str, sentence: str, subjects: list[ModelMention], news: list[PriceMention], types: list[str | None]
) -> list[ModelMention] | None:
    """'A、B、C的价格分别调整为12元、24元、60元', 'A and B cost $1 and $2 respectively': as many listed models as new
    prices, taken in order. 'Respectively' may go unsaid where the prices are one list of one type ('A and B cost
    $0.50 and $0.20 per million input tokens'): one model cannot have both. None where neither is so."""
    if len(news) < 2 or not subjects:
        return None
    one_list = len(set(types)) == 1 and types[0] is not None and _one_list(sentence, news)
    if not (one_list or RESPECTIVELY.search(sentence)):
        return None
    listed = _listed_with(text, subjects[-1], subjects)
    return listed if len(listed) == len(news) else None


def _one_list(sentence: str, news: list[PriceMention]) -> bool:
    """Amounts joined by nothing but a list's joiner: '$0.50 and $0.20', '0.5元和0.2元', '0.5ドルと0.2ドル'."""
    return all(joins_a_list(sentence[a.end : b.start]) for a, b in zip(news, news[1:], strict=False))


def _listed_with(text: str, model: ModelMention, subjects: list[ModelMention]) -> list[ModelMention]:
    """The model and those listed with it as one subject ('Spark Pro、Spark Max的价格', 'GPT-4o and GPT-4o mini
    cost'): models joined by nothing but '、', ',', '/', 'and', '和' or 'と' share the price."""
    group = [model]
    for other in reversed([m for m in subjects if m.end <= group[0].start]):
        if not joins_a_list(text[other.end : group[0].start]):
            break
        group.insert(0, other)
    return group


def _changed_before(reading: _Reading, offset: int) -> dict[str, str]:
    """The changes the part of the sentence right before this one told, by model ('价格降至输入：…；输出：…'). Parts
    of one sentence are parted by a semicolon or comma; after a full stop, a new sentence tells its own kind."""
    gap = reading.text[reading.last_claims_end : offset] if reading.last_claims_end >= 0 else ""
    if not _CLAUSE_MARK.search(gap) or not _FOLLOWS.match(reading.text, reading.last_claims_end, offset):
        return {}
    return {c.model: c.kind for c in reading.last_claims if c.kind in ("price_cut", "price_increase")}


def _note_priceless(reading: _Reading, offset: int, sentence: str, subjects: list[ModelMention]) -> None:
    """Remember a sentence that gave no price: if it tells a change ('OpenAI has cut the price of GPT-4o.',
    '字节跳动宣布下调Doubao-pro-32k的价格。', 'API料金を50%以上引き下げた。'), the prices the next sentence gives its
    models are the changed ones ('Input tokens now cost $2.50…', '调整后，输入价格为…'); _told_change reads it."""
    models = {m.model for m in subjects} or ({reading.topic.model} if reading.topic else set())
    reading.priceless = (sentence, models, offset + len(sentence))


def _told_change(reading: _Reading, offset: int, model: ModelMention, kind: str) -> str:
    """KIND, or the change the sentence right before told of MODEL ('price' → 'price_cut')."""
    told = reading.priceless
    if kind != "price" or told is None or model.model not in told[1]:
        return kind
    sentence, _, end = told
    if not _FOLLOWS.match(reading.text, end, offset) or _DENIED_CHANGE.search(sentence):
        return kind
    change = _change_in(sentence)
    if change == "price_cut" and RISE_WORDS.search(sentence):
        return kind  # a cut and a rise told together: which the prices after are is not said
    return change or kind


def _remember_subject(reading: _Reading, subjects: list[ModelMention]) -> None:
    """An article whose title names a model is about it; otherwise the last model named as a subject."""
    if subjects and not reading.title_topic:
        reading.topic = subjects[-1]


def _change_after(
    parts: list[tuple[int, str]], price: PriceMention, mentions: list[PriceMention], model_starts: list[int]
) -> str:
    """The clause after a price's own when it only tells how the price changed ('…0.8元/百万tokens，较此前下降60%',
    '…$0.80 per million tokens, a 60% drop'): it names no model and gives no price of its own."""
    start, clause = _clause_span(parts, price.start)
    following = [(begin, text) for begin, text in parts if begin >= start + len(clause)]
    if not following:
        return ""
    begin, text = following[0]
    if any(begin <= at < begin + len(text) for at in [m.start for m in mentions] + model_starts):
        return ""  # the next price's own clause, or another model's
    # By how much, or against what it was: '下降60%', 'a 60% drop', '従来より6割'; not ', as rivals cut prices'.
    return " " + text if _CHANGE_MEASURE.search(text) else ""


def _clause_span(parts: list[tuple[int, str]], position: int) -> tuple[int, str]:
    """The clause (offset, text) of a sentence's clauses that holds POSITION."""
    for start, clause in parts:
        if start <= position < start + len(clause):
            return start, clause
    return parts[-1] if parts else (0, "")


def _lead(sentence: str, mentions: list[PriceMention], mention: PriceMention) -> str:
    """What the sentence says between the previous price and this one: its verb and its label."""
    previous = [m.end for m in mentions if m.end <= mention.start]
    return sentence[max(previous, default=0) : mention.start]


def _tail(sentence: str, mentions: list[PriceMention], mention: PriceMention) -> str:
    """What the sentence says after a price, up to the next one: '…8ドルに据え置いた', '…, which stays unchanged'."""
    following = [m.start for m in mentions if m.start >= mention.end]
    return sentence[mention.end : min(following, default=len(sentence))]


def _single_type(text: str) -> str | None:
    """The one price type a lead names ('… by 78% for input tokens, to $0.075'), if just one."""
    types = {price_type_of(part) for part in _LIST_PARTS.split(text)} - {None}
    return types.pop() if len(types) == 1 else None


def _with_short_names(text: str, mentions: list[ModelMention]) -> list[ModelMention]:
    """'Haiku' after 'Claude 3 Haiku' was named is that model: a variant word standing alone."""
    extra = []
    for match in _VARIANT_WORD.finditer(text):
        if any(m.start <= match.start() < m.end for m in mentions):
            continue
        earlier = [m for m in mentions if m.end <= match.start() and m.model.endswith("-" + match.group(1).lower())]
        if earlier:
            extra.append(ModelMention(match.start(), match.end(), earlier[-1].model, earlier[-1].vendor))
    return sorted(mentions + extra, key=lambda m: m.start)


def _vendor_for(reading: _Reading, mention: ModelMention) -> str | None:
    if mention.vendor:
        return mention.vendor
    # A family no vendor table knows, named after its company ('Nimbus Labs' … 'Nimbus-4 Pro'): that company, not
    # the last known one the article named ('Unlike OpenAI, Nimbus Labs…').
    family = mention.model.split("-", 1)[0]
    if family.isalpha() and _company_named(reading.text, family):
        return family
    if reading.vendors is None:
        reading.vendors = vendors_named_in(reading.text)  # once an article: most claims name their vendor
    named = [v for pos, v in reading.vendors if pos < mention.start]
    return named[-1] if named else None


def _company_named(text: str, family: str) -> bool:
    """Whether TEXT names a company by the word FAMILY: 'Nimbus Labs', 'Nimbus AI', 'Nimbus Inc.'."""
    return re.search(rf"(?<![A-Za-z]){re.escape(family)}\s+{_COMPANY_WORD}", text, re.IGNORECASE) is not None


# (Not followed by a Latin letter: 'Nimbus aims' names no company; 'Nimbus AI公司', 'Nimbus Labsは' do.)
_COMPANY_WORD = r"(?:(?:Labs?|AI|Inc|Technologies|Technology|Research|Systems)(?![A-Za-z])|公司|科技)"


def _condition(reading: _Reading, sentence: str) -> str | None:
    if "off-peak" not in span_tiers(sentence) or _OFFER_ENDED.search(sentence):
        return None
    return f"off-peak {reading.window}" if reading.window else "off-peak"


def _pairs(mentions: list[PriceMention]) -> list[tuple[PriceMention, PriceMention | None]]:
    """Each new price with the old price of the same type told with it ('from X to Y')."""
    news = [m for m in mentions if not m.old]
    olds = [m for m in mentions if m.old]
    pairs = []
    for new in news:
        same = [o for o in olds if o.price_type == new.price_type and o.currency == new.currency]
        before = [o for o in same if o.start < new.start]
        old = before[-1] if before else (same[0] if len(same) == 1 else None)
        if old is None and len(olds) == len(news):
            old = olds[news.index(new)]
        pairs.append((new, old))
    return pairs


def _kind(new: PriceMention, old: PriceMention | None, clause: str, condition: str | None) -> str:
    if old is not None and old.per_mtok != new.per_mtok and old.per_mtok is not None and new.per_mtok is not None:
        return "price_cut" if new.per_mtok < old.per_mtok else "price_increase"
    return _change_in(clause) or ("price_cut" if condition else "price")


def _change_in(text: str) -> str | None:
    """The change TEXT tells: a cut (not a discount that ended, nor the batch mode's: 'batch API: half price'),
    else a rise, else none."""
    cut = CUT_WORDS.search(text)
    if cut and (_OFFER_ENDED.search(text) or BATCH_WORDS.search(text, max(0, cut.start() - 25), cut.end() + 25)):
        cut = None
    if cut:
        return "price_cut"
    return "price_increase" if RISE_WORDS.search(text) else None


def _apply_old_prices(claims: list[PriceClaim], prices: list[PriceMention]) -> None:
    """'标准时段分别为1元、4元和16元': the earlier claims' old prices, by type where both say it, else in order."""
    by_type = {p.price_type: p for p in prices}
    if len(by_type) == len(prices) and None not in by_type and {c.price_type for c in claims} <= set(by_type):
        prices = [by_type[c.price_type] for c in claims]
    for claim, price in zip(claims, prices, strict=False):
        claim.old_price = price.per_mtok
        if claim.kind == "free":
            continue  # made free: the old price is told, and free is what happened
        if claim.new_price is not None and price.per_mtok is not None and claim.new_price != price.per_mtok:
            claim.kind = "price_cut" if claim.new_price < price.per_mtok else "price_increase"


def _read_free(reading: _Reading, offset: int, sentence: str, subjects: list[ModelMention]) -> None:
    """Models a clause makes free; they become the last claims, so a later '此前…0.004元' gives their old price."""
    # says_free: a free word and no non-zero amount ("free up to 1M tokens, then $0.10" is a price).
    if not subjects or not mentions_free(sentence):
        return
    made_free = []
    for clause_start, clause in clauses(sentence):
        in_clause = [m for m in subjects if offset + clause_start <= m.start < offset + clause_start + len(clause)]
        if not in_clause or free_but_no_model_made_free(sentence, clause):
            continue
        if not says_free(clause):  # 'Hunyuan-liteを無料にし、Hunyuan-standardの価格を…0.0045元に': the part of each
            in_clause = _free_parts(reading.text, in_clause, offset + clause_start + len(clause))
        made_free += [
            PriceClaim(
                vendor=_vendor_for(reading, mention),
                model=mention.model,
                kind="free",
                price_type=None,
                new_price=Decimal(0),
                old_price=None,
                currency=None,
                evidence=sentence.strip(),
            )
            for mention in in_clause
        ]
    if made_free:
        reading.claims += made_free
        reading.last_claims, reading.last_claims_end = made_free, offset + len(sentence)


def _free_parts(text: str, models: list[ModelMention], end: int) -> list[ModelMention]:
    """The models whose own part of a clause, up to the next model, says free; with the models listed before them."""
    free = []
    for model, following in zip(models, [*models[1:], None], strict=True):
        if says_free(text[model.start : following.start if following else end]):
            free += [m for m in _listed_with(text, model, models) if m not in free]
    return free


def _claim(
    name: str, mention: PriceMention, price_type: str | None, tier: str | None, kind: str, evidence: str
) -> PriceClaim:
    model = model_key(name)
    return PriceClaim(
        vendor_for_model(model),
        model,
        kind,
        price_type,
        mention.per_mtok,
        None,
        mention.currency,
        evidence.strip()[:200],
        tier,
    )


def _dedupe(claims: list[PriceClaim]) -> list[PriceClaim]:
    """One claim per model, kind, type, price and condition: the first told, with an old price any repeat told."""
    kept: dict[tuple[object, ...], PriceClaim] = {}
    for claim in claims:
        key = (claim.model, claim.kind, claim.price_type, claim.new_price, claim.condition)
        first = kept.setdefault(key, claim)
        if first.old_price is None and claim.old_price is not None:
            first.old_price = claim.old_price
    # A plain price told again without its type ('…降至0.0005元/千tokens。这意味着1块钱可以买200万tokens') restates a
    # price the article gives with its type: no price of another type.
    typed = {(c.model, c.new_price, c.currency) for c in kept.values() if c.price_type}
    return [
        c for c in kept.values() if c.price_type or c.kind != "price" or (c.model, c.new_price, c.currency) not in typed
    ]
