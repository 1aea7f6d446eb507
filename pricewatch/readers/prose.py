"""Prices written as text: launch notes and "what's new" pages, and tables flattened into a paragraph.

A sentence yields a quote when the grammar finds a token price in it, with its type said, and a model is
named in the same sentence (the nearest before the price, else the first after) or in the heading above.
A paragraph that lists price types once ("Price per 1M Tokens (Input/Output)", "Input $/MTok Output $/MTok")
and then repeats "name … price/price" is a table that lost its cells: each price group is a row, named by
the text in front of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pricewatch.grammar import PriceMention, read_span, span_tier, types_listed
from pricewatch.normalize import find_token_unit, price_type_of
from pricewatch.vendors import ModelMention, model_mentions

_SENTENCE_END = re.compile(r"(?<=[。！？!?])|(?<=[.;])(?=\s)(?<!\d\.)|\n+")
# Where a flattened row's name ends: its notes in brackets, a throughput or context figure.
_NAME_END = re.compile(r"[(（\[~〜]|\s\d[\d,.]*\s*(?:tokens?/s|t/s|tps)\b", re.IGNORECASE)
GENERIC_PRICE_LABEL = re.compile(r"(?:price|pricing|价格|定价|单价|料金|価格)\s*[:：]\s*$", re.IGNORECASE)
_CURRENCY_SIGN = re.compile(r"[$¥€]|元|円|ドル|USD|CNY|EUR")
_AMOUNT_IN_HEADER = re.compile(r"[$¥€]\s*\d|\d\s*(?:元|円|ドル|USD|CNY|EUR)")
_TYPE_LIST_NOTE = re.compile(r"[(（]([^()（）]{3,40})[)）]")


@dataclass(frozen=True)
class TextPrice:
    """A price read from running text, bound to the model it is about."""

    model: str  # as printed
    mention: PriceMention
    price_type: str
    tier: str | None


def split_at(pattern: re.Pattern[str], text: str) -> list[tuple[int, str]]:
    """(offset, piece) for the non-blank pieces of TEXT between PATTERN's matches; offsets index TEXT."""
    spans, start = [], 0
    for match in pattern.finditer(text):
        spans.append((start, text[start : match.start()]))
        start = match.end()
    spans.append((start, text[start:]))
    return [(offset, piece) for offset, piece in spans if piece.strip()]


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs, split at 。！？ and at '. ' (not inside decimals) and line ends."""
    return split_at(_SENTENCE_END, text)


def read_block(text: str, *, lang: str | None, currency: str | None, heading_models: list[str]) -> list[TextPrice]:
    """The token prices of one paragraph or list item, each bound to a model."""
    rows = read_flattened_rows(text, lang=lang, currency=currency)
    if rows:
        return rows
    found = []
    for _, sentence in sentences(text):
        mentions = [m for m in read_span(sentence, lang=lang, currency=currency) if not m.old and not m.approximate]
        if not mentions:
            continue
        models = model_mentions(sentence)
        tier = span_tier(sentence)
        for mention in mentions:
            price_type = mention.price_type or _generic_price_label(sentence[: mention.start])
            model = _nearest_model(mention, models)
            name = (
                sentence[model.start : model.end]
                if model
                else (heading_models[0] if len(heading_models) == 1 else None)
            )
            if name and price_type:
                # In running text only a comparison ("> 128K") is a tier; other words after a price are prose.
                condition = mention.condition if mention.condition and re.search(r"[<>≤≥]", mention.condition) else None
                found.append(TextPrice(name, mention, price_type, _join(tier, condition)))
    return found


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
    if len(_CURRENCY_SIGN.findall(text)) < 2:
        return []  # a table of rows has two prices at least
    order, header_end = _type_order(text)
    if not order or _AMOUNT_IN_HEADER.search(text[:header_end]):
        return []  # a header names the columns; one that already prints a price is a sentence
    unit = find_token_unit(text[:header_end]) or find_token_unit(text)
    mentions = read_span(text, lang=lang, currency=currency, unit_tokens=unit)
    groups = _price_groups(text, mentions)
    if len(groups) < 2:
        return []
    rows = []
    previous_end = header_end
    for group in groups:
        if group[0].start < header_end:
            return []
        name = _row_name(text[previous_end : group[0].start])
        previous_end = group[-1].end
        if name is None:
            continue
        for index, mention in enumerate(group[: len(order)]):
            rows.append(TextPrice(name, mention, mention.price_type or order[index], None))
    return rows if len({row.model for row in rows}) >= 2 else []


def _type_order(text: str) -> tuple[tuple[str, ...], int]:
    """The price types a flattened header lists, and where that header ends."""
    for match in _TYPE_LIST_NOTE.finditer(text[:300]):  # "(Input/Output)"
        listed = types_listed(match.group(1))
        if len(listed) >= 2:
            return tuple(listed), match.end()
    first_line = text.split("\n", 1)[0]
    listed = types_listed(first_line) if len(first_line) <= 120 else []  # "Model Input $/MTok Output $/MTok"
    return (tuple(listed), len(first_line)) if len(listed) >= 2 else ((), 0)


def _price_groups(text: str, mentions: list[PriceMention]) -> list[list[PriceMention]]:
    """Mentions joined by nothing but '/' or spaces belong to one row: '$0.70/$0.80', '$0.14$0.42'."""
    groups: list[list[PriceMention]] = []
    for mention in mentions:
        if groups and text[groups[-1][-1].end : mention.start].strip() in ("", "/", "|"):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    return groups


def _row_name(segment: str) -> str | None:
    """The name that opens a flattened row: the last line before its prices, up to its notes."""
    lines = [line for line in segment.splitlines() if line.strip()]
    if not lines:
        return None
    name = _NAME_END.split(lines[-1], maxsplit=1)[0].strip(" ,:：-–|*")
    if not (2 <= len(name) <= 40) or not re.search(r"[A-Za-z]", name) or not re.search(r"\d|[A-Z]", name):
        return None
    return None if price_type_of(name) else name


def _join(*parts: str | None) -> str | None:
    return " ".join(p for p in parts if p) or None
