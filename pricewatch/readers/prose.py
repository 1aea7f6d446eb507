"""Prices written as text: launch notes and "what's new" pages, and tables flattened into a paragraph.

A sentence yields a quote when the grammar finds a token price in it, with its type said, and a model is
named in the same sentence (the nearest before the price, else the first after) or in the heading above.
A paragraph that lists price types once ("Price per 1M Tokens (Input/Output)", "Input $/MTok Output $/MTok")
and then repeats "name … price/price" is a table that lost its cells: each price group is a row, named by
the text in front of it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal

from pricewatch import fastre
from pricewatch.freeclaims import free_but_no_model_made_free
from pricewatch.grammar import SENTENCE_MARK, PriceMention, read_span, span_tier, types_listed, types_named
from pricewatch.normalize import (
    CURRENCY_AFTER,
    CURRENCY_BEFORE,
    MILLION,
    find_token_unit,
    is_free,
    price_type_of,
    price_type_word_starts,
    says_free,
    strip_token_units,
)
from pricewatch.readers.labels import is_model_name, label_price_type
from pricewatch.vendors import ModelMention, is_product_id, model_key, model_mentions

# Where a sentence ends: its full stop or mark (kept with it), or a run of line ends (dropped). '.' and ';' end
# one only before a space, and '.' not after a digit ('$0.5'). The marks are matched, not the empty point
# after them, so the engine can scan for them.
# A full stop after a digit ends a sentence only where a capital opens the next: '… to $0.05. Output costs …', not
# '1. ' of a numbered list or a version's '3. 5'.
_SENTENCE_END = fastre.compile(r"[。！？!?]|[.;](?=\s)(?:(?<!\d\.)|(?=\s+[A-Z]))|\n+")
# Where a flattened row's name ends: its notes in brackets, a throughput or context figure.
_NAME_END = fastre.compile(r"[(（\[~〜]|\s\d[\d,.]*\s*(?:tokens?/s|t/s|tps)\b", re.IGNORECASE)
GENERIC_PRICE_LABEL = fastre.compile(r"(?:price|pricing|价格|定价|单价|料金|価格)\s*[:：]\s*$", re.IGNORECASE)
_CURRENCY_SIGN = fastre.compile(rf"{CURRENCY_BEFORE}|{CURRENCY_AFTER}")
# An amount with its currency: a sign before the number or a word after it. A flattened table's first price
# ends its header; a header that holds one is a sentence, not a header.
_PRICED_AMOUNT = fastre.compile(rf"(?:{CURRENCY_BEFORE})\s*\d|\d[\d,.]*\s*(?:{CURRENCY_AFTER})")
# A labelled line that gives no amount but says free: 'Input: Free', '入力：無料', '输入：免费' (cards flattened to
# "title: value" lines, key/value lists under a model's heading).
_LABELLED = fastre.compile(
    r"""^\s*(?P<label>[^:：]{1,30}?)   # the label: a price type ('Input', '输入价格', '出力')
        \s*[:：]\s*                    # its colon, half or full width
        (?P<value>.{1,30}?)\s*$         # the value, which must say free and nothing more
    """,
    re.VERBOSE,
)
# A line led by a label and its colon: 'acme-large: …', '**acme-turbo**：…'.
_LEAD_LABEL = fastre.compile(r"^\s*[*_`]*(?P<id>[^:：\s*_`][^:：\s]{0,38}?)[*_`]*\s*[:：]")
# An id of words joined by hyphens before the word model: 'acme-long 模型', 'the acme-long model', 'acme-long モデル'.
_ID_BEFORE_MODEL_WORD = fastre.compile(
    r"""(?<![A-Za-z0-9_.\-])(?P<id>[A-Za-z][A-Za-z0-9_.]*(?:-[A-Za-z0-9_.]+)+)   # the id, read by is_product_id
        \s*(?:模型|モデル|model\b)""",
    re.VERBOSE | re.IGNORECASE,
)
_PLAIN_ID = fastre.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*")
_TYPE_LIST_NOTE = fastre.compile(r"[(（]([^()（）]{3,40})[)）]")
_WORD = fastre.compile(r"\S+")
# A figure column's value at the end of a row name: '32B', '128K', '8,192', '70亿'.
_TRAILING_FIGURE = fastre.compile(r"\s+\d[\d,.]*\s*[KMBkmb千万亿]?$")


@dataclass(frozen=True)
class TextPrice:
    """A price read from running text, bound to the model it is about."""

    model: str  # as printed
    mention: PriceMention
    price_type: str
    tier: str | None


def split_at(pattern: re.Pattern[str], text: str, *, keep_marks: bool = False) -> list[tuple[int, str]]:
    """(offset, piece) for the non-blank pieces of TEXT between PATTERN's matches; offsets index TEXT. With
    keep_marks a match stays with the piece it ends ('。', '. '), unless it is only white space (line ends)."""
    spans, start = [], 0
    for match in pattern.finditer(text):
        kept = keep_marks and not match.group(0).isspace()
        spans.append((start, text[start : match.end() if kept else match.start()]))
        start = match.end()
    spans.append((start, text[start:]))
    return [(offset, piece) for offset, piece in spans if piece.strip()]


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs, split after 。！？ and '. ' (not inside decimals) and at line ends."""
    return split_at(_SENTENCE_END, text, keep_marks=True)


# A block with no digit and no word for free (FREE_MARKERS' words) prices nothing: most of a page's
# paragraphs are skipped on this one search.
_MAY_PRICE = fastre.compile(r"\d|免|無料|free|gratis", re.IGNORECASE)


def read_block(
    text: str,
    *,
    lang: str | None,
    currency: str | None,
    heading_models: list[str],
    unit_tokens: Decimal | None = None,
    vendor: str | None = None,
) -> list[TextPrice]:
    """The token prices of one paragraph or list item, each bound to a model; UNIT_TOKENS is the unit the page
    stated above the block ('All prices are per 1M tokens.'), for amounts the block gives without one; VENDOR
    the page's, whose name may begin its models' ids ('acme-jp')."""
    if not _MAY_PRICE.search(text):
        return []
    rows = read_flattened_rows(text, lang=lang, currency=currency)
    if rows:
        return rows
    found = []
    for offset, sentence in sentences(text):
        spans = read_span(sentence, lang=lang, currency=currency, unit_tokens=unit_tokens)
        mentions = [m for m in spans if not m.old and not m.approximate]
        if not mentions:
            found += _free_line(sentence, currency=currency, heading_models=heading_models) or _free_sentence(
                sentence, currency=currency, vendor=vendor
            )
            continue
        models = model_mentions(sentence) or _named_by_id(sentence, vendor)
        tier = span_tier(sentence)
        fallback = heading_models if models else _named_before(text[:offset]) or heading_models
        for mention in mentions:
            price_type = (
                mention.price_type
                or _generic_price_label(sentence[: mention.start])
                or _model_label_price(sentence, mention, mentions, models)
            )
            model = _nearest_model(mention, models)
            name = sentence[model.start : model.end] if model else (fallback[0] if len(fallback) == 1 else None)
            if name and price_type:
                # In running text only a comparison ("> 128K") is a tier; other words after a price are prose.
                condition = mention.condition if mention.condition and re.search(r"[<>≤≥]", mention.condition) else None
                found.append(TextPrice(name, mention, price_type, _join(tier, condition)))
    return found


def _named_by_id(sentence: str, vendor: str | None) -> list[ModelMention]:
    """A model of a family no vendor table knows, named where only a model's name stands: as the label that
    leads the line ('acme-large: $0.50 …', 'acme-turbo：输入…'), or as an id before the word model
    ('acme-long 模型输入价格为…', 'the acme-long model costs…', 'acme-long モデルは…'). An id is written as one
    (is_product_id), or begins with the page's vendor ('acme-jp' on acme's page)."""
    named = _LEAD_LABEL.match(sentence) or _ID_BEFORE_MODEL_WORD.search(sentence)
    if named and is_new_model_id(named.group("id"), vendor):
        return [ModelMention(named.start("id"), named.end("id"), model_key(named.group("id")), None)]
    return []


def is_new_model_id(name: str, vendor: str | None) -> bool:
    """Whether NAME is written as the id of a model of a family no vendor table knows: as one ('acme-large',
    'tern-pro-32k'), or as a plain id that begins with the page's vendor ('acme-jp' on acme's page)."""
    if is_product_id(name):
        return True
    return bool(vendor) and name.lower().startswith(f"{vendor}-") and _PLAIN_ID.fullmatch(name) is not None


def _named_before(text: str) -> list[str]:
    """The one model the block's earlier sentences name ('Claude 3.7 Sonnetの料金を改定します。新料金は…'), if one."""
    named = {m.model: text[m.start : m.end] for m in model_mentions(text)} if text.strip() else {}
    return list(named.values()) if len(named) == 1 else []


def _free_line(line: str, *, currency: str | None, heading_models: list[str]) -> list[TextPrice]:
    """A labelled line that says free: 'Input: Free' under a model's heading is a zero price of that type;
    'hunyuan-lite：免费', 'ERNIE Speed: Free' (the label is the model) is a free model, read as its input.

    Stricter than a card's line (says_free: a free word and no amount): running text says 'Input: free for
    the first 1M tokens' of an allowance, so here the whole value after the colon must say free."""
    labelled = _LABELLED.match(line)
    if labelled is None or not is_free(labelled.group("value")):
        return []
    label = labelled.group("label")
    if is_model_name(label):
        model, price_type = label, "input"  # as a 'Price' column's 'Free' cell
    elif len(heading_models) == 1:
        model, price_type = heading_models[0], label_price_type(label)  # 'Price: Free' is free input too
    else:
        return []
    if price_type is None:
        return []
    zero = PriceMention(
        labelled.start("value"), labelled.end("value"), Decimal(0), currency, MILLION, price_type, raw=line
    )
    return [TextPrice(model, zero, price_type, None)]


# An id that opens a sentence: 'kite-lite is now free', 'lingyao-flash 现已免费开放'.
_LEAD_ID = fastre.compile(r"\s*(?P<id>[A-Za-z][\w.\-]*\w)")


def _free_sentence(sentence: str, *, currency: str | None, vendor: str | None) -> list[TextPrice]:
    """A sentence that makes the one model it names free: 'kite-lite is now free to use.', 'lingyao-flash 现已免费开放。',
    'kite-liteは無料で提供されます。' (read as a free input, as a 'Free' price cell). A free word about an allowance,
    a trial, the end of free or the app is none (freeclaims)."""
    if not says_free(sentence) or free_but_no_model_made_free(sentence, sentence):
        return []
    models = model_mentions(sentence)
    if not models and (lead := _LEAD_ID.match(sentence)) and is_new_model_id(lead.group("id"), vendor):
        models = [ModelMention(lead.start("id"), lead.end("id"), model_key(lead.group("id")), None)]
    if len({m.model for m in models}) != 1:
        return []  # a sentence naming two models may make only one free ('X is free; Y costs …')
    model = models[0]
    zero = PriceMention(model.start, model.end, Decimal(0), currency, MILLION, "input", raw=sentence)
    return [TextPrice(sentence[model.start : model.end], zero, "input", None)]


def _model_label_price(
    sentence: str, mention: PriceMention, mentions: list[PriceMention], models: list[ModelMention]
) -> str | None:
    """'GLM-4-Air：0.5元/百万tokens', 'acme-2-large: $0.50 / 1M tokens': a line labelled by a model's name alone,
    with one price of no type, is what that model reads (input), as a 'Price' column's cell is. A label that names
    no model ('Batch: $1.00') types nothing."""
    label = _LEAD_LABEL.match(sentence) if len(mentions) == 1 else None
    # Between the label and the price, a unit at most ('acme-2：100万トークンあたり0.5ドル').
    if label is None or label.end() > mention.start or strip_token_units(sentence[label.end() : mention.start]).strip():
        return None
    named = any(label.start("id") <= m.start and m.end <= label.end("id") for m in models)
    return "input" if named else None


def _generic_price_label(head: str) -> str | None:
    """'价格: 0.5 元 / 百万 Tokens', 'Price: $2 / 1M tokens': one price with no type is what a model reads."""
    return "input" if GENERIC_PRICE_LABEL.search(head[-12:]) else None


def _nearest_model(mention: PriceMention, models: list[ModelMention]) -> ModelMention | None:
    before = [m for m in models if m.end <= mention.start]
    if before:
        return before[-1]
    after = [m for m in models if m.start >= mention.end]
    return after[0] if after else None


def read_flattened_rows(text: str, *, lang: str | None, currency: str | None) -> list[TextPrice]:
    """'Model … Price per 1M Tokens (Input/Output) Llama 2 70B (4096 Context) ~300 tokens/s $0.70/$0.80 …'."""
    first = _CURRENCY_SIGN.search(text)
    if first is None or _CURRENCY_SIGN.search(text, first.end()) is None:
        return []  # a table of rows has two prices at least
    header = _flattened_header(text)
    if header is None or _PRICED_AMOUNT.search(text[: header.end]):
        return []  # a header names the columns; one that already prints a price is a sentence
    unit = find_token_unit(text[: header.end]) or find_token_unit(text)
    # The rows are read apart from the header, so its column names do not label the first row's prices.
    body = text[header.end :]
    groups = _price_groups(body, read_span(body, lang=lang, currency=currency, unit_tokens=unit))
    if len(groups) < 2:
        return []
    rows = []
    previous_end = 0
    for group in groups:
        name = _row_name(body[previous_end : group[0].start], header.label_columns)
        previous_end = group[-1].end
        if name is None:
            continue
        for index, mention in enumerate(group[: len(header.types)]):
            rows.append(TextPrice(name, mention, mention.price_type or header.types[index], None))
    return rows if len({row.model for row in rows}) >= 2 else []


@dataclass(frozen=True)
class _Header:
    types: tuple[str, ...]  # the price columns, in order
    end: int  # where the header stops and the first row starts
    label_columns: int = 0  # columns between the name and the prices ('Model Size Input Output': 1)


def _flattened_header(text: str) -> _Header | None:
    """The header a flattened table opens with: a list note, its first line, or the words before the first price."""
    for match in _TYPE_LIST_NOTE.finditer(text[:300]):  # "Price per 1M Tokens (Input/Output)"
        listed = types_listed(match.group(1))
        if len(listed) >= 2:
            return _Header(tuple(listed), match.end())
    first_price = _PRICED_AMOUNT.search(text)
    if first_price is None:
        return None
    line_end = text.find("\n")
    on_own_line = 0 <= line_end < first_price.start()
    # On its own line the header is that line; run together with the rows ("Model Input $/MTok Output $/MTok
    # Qwen3-32B $0.20 $0.60 …") it ends after its last column name and that column's unit.
    segment = text[: line_end if on_own_line else first_price.start()]
    if SENTENCE_MARK.search(segment):
        return None  # column names, not a sentence: '…基于输入和输出的 Token 数量。以下是…' introduces a list
    words = list(_WORD.finditer(segment))
    if len(words) > 30:
        return None  # a paragraph, not a header
    # The price types each word names: one ('Input'), or a list in one word ('Input/Output'). Only the words
    # where a type word starts are asked.
    word_ends = [word.end() for word in words]
    candidates = sorted({bisect_right(word_ends, start) for start in price_type_word_starts(segment)})
    typed = [(i, types_named(words[i].group(0))) for i in candidates if i < len(words)]
    typed = [(i, listed) for i, listed in typed if listed]
    types = tuple(t for _, listed in typed for t in listed)
    if len(types) < 2 or len(set(types)) != len(types):
        return None
    last = typed[-1][0]
    while last + 1 < len(words) and find_token_unit(words[last + 1].group(0), bare=True):
        last += 1  # 'Output $/MTok'
    end = line_end if on_own_line else words[last].end()
    return _Header(types, end, label_columns=max(0, typed[0][0] - 1))


def _price_groups(text: str, mentions: list[PriceMention]) -> list[list[PriceMention]]:
    """Mentions joined by nothing but '/' or spaces belong to one row: '$0.70/$0.80', '$0.14$0.42'."""
    groups: list[list[PriceMention]] = []
    for mention in mentions:
        if groups and text[groups[-1][-1].end : mention.start].strip() in ("", "/", "|"):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    return groups


def _row_name(segment: str, label_columns: int = 0) -> str | None:
    """The name that opens a flattened row: the last line before its prices, up to its notes.

    Columns the header puts between the name and the prices ('Size', 'Context') leave their figures at the
    end of the segment ('Qwen3-32B-Instruct 32B'): one trailing figure is dropped for each such column.
    """
    lines = [line for line in segment.splitlines() if line.strip()]
    if not lines:
        return None
    name = _NAME_END.split(lines[-1], maxsplit=1)[0].strip(" ,:：-–|*")
    for _ in range(label_columns):
        name = _TRAILING_FIGURE.sub("", name)
    if not (2 <= len(name) <= 40) or not re.search(r"[A-Za-z]", name) or not re.search(r"\d|[A-Z]", name):
        return None
    return None if price_type_of(name) else name


def _join(*parts: str | None) -> str | None:
    return " ".join(p for p in parts if p) or None
