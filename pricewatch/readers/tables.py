"""One price table → quotes, whichever way round it is laid out.

Three layouts cover the vendors' pages:
- models as rows, price types as columns (OpenAI, Anthropic, MiniMax, Perplexity), with optional
  label columns for context-length tiers and a unit column (Moonshot);
- models as columns, price types as rows, price cells shared across models (DeepSeek);
- price types as rows and tiers as columns, the model named above the table (Gemini).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import product

from pricewatch import fastre
from pricewatch.grammar import comparison_in, parse_prices, types_named, without_comparisons
from pricewatch.normalize import MILLION, detect_currency, find_token_unit, price_type_of
from pricewatch.quotes import Quote
from pricewatch.readers.base import ReadContext
from pricewatch.readers.grid import Cell
from pricewatch.readers.labels import (
    CONTEXT_HEADER,
    CONTEXT_LENGTH,
    FREE_TIER_HEADER,
    MODEL_HEADER,
    PLAN_HEADER,
    PROVIDER_HEADER,
    UNIT_HEADER,
    clean_label,
    is_model_name,
    join_tiers,
    label_price_type,
    tier_in_header,
)
from pricewatch.vendors import is_plain_id, model_display_name, model_key, model_names, vendor_of_name

NOT_OFFERED = {"-", "—", "–", "不支持", "n/a", "na", "not available", "未提供", "非対応", "対象外", ""}


@dataclass
class TableContext:
    """What the page says around a table: its unit sentence, currency, tab tier, model heading."""

    unit_tokens: Decimal | None = None
    currency: str | None = None
    tier: str | None = None
    models: list[str] = field(default_factory=list)


def read_table(rows: list[list[Cell]], header_rows: int, table: TableContext, page: ReadContext) -> list[Quote]:
    """Quotes from one expanded table; an empty list when it is not a price table."""
    if not rows or not rows[0]:
        return []
    header_rows = header_rows or 1
    labels = [list(dict.fromkeys(r[c].text for r in rows[:header_rows])) for c in range(len(rows[0]))]
    header = [clean_label(" ".join(texts)) for texts in labels]
    # Each header row's tier on its own: in 'Input' over '≤ 200K tokens' the tier is '≤200K tokens', the same
    # under 'Output', not 'Input≤200K tokens'.
    header_tiers = [join_tiers(*(tier_in_header(text) for text in texts)) for texts in labels]
    body = rows[header_rows:]
    price_cols = {
        c: column_type
        for c, h in enumerate(header)
        if (column_type := label_price_type(h)) and _column_has_prices(body, c, h, table, page)
    }
    if price_cols and len(price_cols) == len(header) and len(table.models) == 1:
        # Only price columns ('Input | Output'), under a heading that names the model: each row is that model's.
        model = table.models[0]
        body = [[Cell(model, model, is_header=False), *row] for row in body]
        header, header_tiers = ["Model", *header], [None, *header_tiers]
        price_cols = {c + 1: column_type for c, column_type in price_cols.items()}
    column_models = _models_over_types(labels, price_cols, body) if header_rows > 1 and price_cols else {}
    if column_models:
        return _tiers_as_rows(body, price_cols, column_models, [header[c] for c in price_cols], table, page)
    if price_cols:
        quotes = _models_as_rows(header, body, price_cols, table, page, header_tiers)
        if quotes:
            return quotes
    model_cols = [c for c, h in enumerate(header) if c > 0 and is_model_name(h)]
    if model_cols:
        return _models_as_columns(header, body, model_cols, table, page)
    if len(table.models) == 1:
        return _model_above(header, body, table.models[0], table, page)
    return []


def _column_has_prices(body, column: int, header: str, table: TableContext, page: ReadContext) -> bool:  # noqa: ANN001
    """A column is a price column only if some cell under it reads as a price ('输入规格' holds lengths)."""
    unit, currency = _unit_and_currency(header, table=table, page=page)
    # The unit may sit in a row's unit column: here only "is it a price at all" counts, so a missing unit or
    # currency is assumed. A cell is asked first as the table's reading will ask it (its answer is then cached
    # for that reading): most cells state their own, and a context only ever adds prices.
    assumed_unit, assumed_currency = unit or MILLION, currency or free_currency(page)
    for row in body[:12]:
        text = row[column].text
        if _not_offered(text):
            continue
        if parse_prices(text, unit_tokens=unit, currency=currency, lang=page.lang) or parse_prices(
            text, unit_tokens=assumed_unit, currency=assumed_currency, lang=page.lang
        ):
            return True
    return False


def _quote(page: ReadContext, model_name: str, price_type: str, tier: str | None, price) -> Quote | None:  # noqa: ANN001
    return _Named.of(model_name, page).quote(page, price_type, tier, price)


def free_currency(page: ReadContext) -> str:
    """A 'free' cell names no currency: take the page's, or its language's."""
    return page.currency or {"zh": "CNY", "ja": "JPY"}.get(page.lang or "", "USD")


def _unit_and_currency(*texts: str, table: TableContext, page: ReadContext) -> tuple[Decimal | None, str | None]:
    unit = currency = None
    for text in texts:
        unit = unit or _stated_unit(text)
        currency = currency or detect_currency(text, lang=page.lang)
    return unit or table.unit_tokens, currency or table.currency or page.currency


def _models_as_rows(
    header: list[str],
    body: list[list[Cell]],
    price_cols: dict[int, str],
    table: TableContext,
    page: ReadContext,
    header_tiers: list[str | None],
) -> list[Quote]:
    model_col = next((c for c, h in enumerate(header) if MODEL_HEADER.match(h)), None)
    if model_col is None:
        model_col = next((c for c in range(len(header)) if c not in price_cols), None)
    if model_col is None or PLAN_HEADER.match(header[model_col]):
        return []
    names, notes = _without_context_notes(_row_models(body, model_col, header))
    # A context-length column is a tier only where one model has a row per context length (Moonshot); so is a
    # context length noted after the name ('Nimbus-4 (32K)', 'Nimbus-4 (128K)'), which a single row just drops.
    rows_of = Counter(name for name in names if name)
    repeated = any(count > 1 for count in rows_of.values())
    tier_cols = [
        c
        for c, h in enumerate(header)
        if repeated
        and c not in price_cols
        and c != model_col
        and (CONTEXT_HEADER.search(h) or _states_comparisons(body, c))
    ]
    unit_cols = [c for c, h in enumerate(header) if c not in price_cols and UNIT_HEADER.search(h)]
    # 'Provider | Model | Price': each row's model as that provider serves it, at that provider's price.
    provider_col = next(
        (c for c, h in enumerate(header) if c != model_col and c not in price_cols and PROVIDER_HEADER.match(h)), None
    )
    type_col = _type_column(body, [c for c in range(len(header)) if c not in price_cols and c != model_col])
    table = _with_header_unit(table, [header[c] for c in price_cols], page)
    # What each price column's header says, read once per table rather than once per cell.
    column_units = {c: _unit_and_currency(header[c], table=table, page=page) for c in price_cols}
    column_tiers = {c: header_tiers[c] for c in price_cols}
    # A cell's tier when its row names none: the table's and the column's, joined once per table.
    plain_tiers = {c: join_tiers(table.tier, column_tiers[c]) for c in price_cols}
    plain_columns = {c for c in price_cols if price_type_of(header[c]) is None}  # 'Price', not 'Input'
    quotes = []
    for row, name, note in zip(body, names, notes, strict=True):
        row_tier = _row_tier(row, tier_cols, unit_cols) if tier_cols else None
        if note and rows_of[name] > 1:
            row_tier = join_tiers(row_tier, note)
        # Most rows name their model as an API id ('gpt-4o-mini'): no comparison, list or note to look for.
        plain = is_plain_id(name)
        if name and not plain and comparison_in(name) and not is_model_name(name):
            # A tier labels the row ('Long context (>128K)'): the prices are the model's named above, if one is.
            name, row_tier = (
                (table.models[0], join_tiers(row_tier, comparison_in(name))) if len(table.models) == 1 else ("", None)
            )
        if not name or price_type_of(name):
            continue  # a price type labels the row, not a model
        row_models = [_Named.of(name, page)] if plain else [_Named.of(n, page) for n in model_names(name)]
        if provider_col is not None and (provider := vendor_of_name(row[provider_col].text)):
            row_models = [replace(named, vendor=provider) for named in row_models]
        row_unit, row_currency = _row_unit(row, unit_cols, page) if unit_cols else (None, None)
        row_types = types_named(row[type_col].text) if type_col is not None else []
        for c, column_type in price_cols.items():
            cell = row[c].text
            if _not_offered(cell):
                continue
            # A plain 'Price' column under a row that says what it prices ('输入/输出 | 免费': both).
            types = row_types if row_types and c in plain_columns else [column_type]
            # A unit column's words win over the header's, as the cell's own words win over both.
            unit, currency = row_unit or column_units[c][0], row_currency or column_units[c][1]
            # The tier the table, the column and the row give, joined once for the cell's prices.
            cell_tier = join_tiers(table.tier, column_tiers[c], row_tier) if row_tier else plain_tiers[c]
            for price in parse_prices(cell, unit_tokens=unit, currency=currency, lang=page.lang):
                if price.condition:
                    tier = join_tiers(table.tier, column_tiers[c], row_tier, price.condition)
                else:
                    tier = cell_tier
                for named, price_type in product(row_models, [price.price_type] if price.price_type else types):
                    quote = named.quote(page, price_type, tier, price)
                    if quote:
                        quotes.append(quote)
    return quotes


@dataclass(frozen=True, slots=True)
class _Named:
    """A model as a row names it: its key, its vendor and its printed name, worked out once for the row's cells."""

    key: str
    vendor: str | None
    display: str

    @classmethod
    def of(cls, model_name: str, page: ReadContext) -> _Named:
        key = model_key(model_name)
        return cls(key, page.vendor_of(key), model_display_name(model_name))

    def quote(self, page: ReadContext, price_type: str, tier: str | None, price) -> Quote | None:  # noqa: ANN001
        currency = price.currency or (free_currency(page) if price.free else None)
        if not self.key or not self.vendor or currency is None:
            return None
        return Quote(self.vendor, self.key, price_type, tier, price.per_mtok, currency, price.raw, self.display)


def _row_tier(row, tier_cols: list[int], unit_cols: list[int]) -> str | None:  # noqa: ANN001
    """What a row's tier columns say ('32k<输入<=128k', 'Batch'); a dash says the row has none
    ('| doubao-lite | - | 0.30 |')."""
    return join_tiers(
        *(
            clean_label(row[c].text)
            for c in tier_cols
            if c not in unit_cols and not _not_offered(row[c].text) and not _any_tier(row[c].text)
        )
    )


# A tier cell that says the row holds for every tier: 'All', 'Any length', '全部', '不限', 'すべて'.
_ANY_TIER = fastre.compile(
    r"^(?:all|any)(?:\s+(?:lengths?|contexts?|prompts?|sizes?))?$|^(?:全部|所有|不限|全て|すべて)(?:长度|長さ)?$",
    re.IGNORECASE,
)


def _any_tier(cell: str) -> bool:
    return _ANY_TIER.match(cell.strip()) is not None


def _row_unit(row, unit_cols: list[int], page: ReadContext) -> tuple[Decimal | None, str | None]:  # noqa: ANN001
    """What a row's unit column says ('元/千tokens'): its unit and its currency."""
    text = " ".join(row[c].text for c in unit_cols)
    return _stated_unit(text), detect_currency(text, lang=page.lang)


def _not_offered(cell: str) -> bool:
    return cell.strip().lower() in NOT_OFFERED


def _states_comparisons(body, column: int) -> bool:  # noqa: ANN001
    """A column whose cells are bounds ('0<Token≤32K', '128K<Token≤256K', '>200K'), whatever its header says."""
    cells = [row[column].text for row in body if not _not_offered(row[column].text)]
    cells = [text for text in cells if not _any_tier(text)]  # 'All': the row holds for every tier
    return bool(cells) and all(comparison_in(text) for text in cells)


def _stated_unit(label: str) -> Decimal | None:
    """The token unit a header or label states; a tier's bound ('20万トークン以下') is no unit."""
    return find_token_unit(without_comparisons(label), bare=True)


def _with_header_unit(table: TableContext, headers: list[str], page: ReadContext) -> TableContext:
    """'Price per 1M tokens | Batch price', '价格（元/百万tokens）| 批量价格': the one unit and the one currency
    some price columns state are the others' too."""
    units = {_stated_unit(h) for h in headers} - {None}
    currencies = {detect_currency(h, lang=page.lang) for h in headers} - {None}
    return replace(
        table,
        unit_tokens=table.unit_tokens or (units.pop() if len(units) == 1 else None),
        currency=table.currency or (currencies.pop() if len(currencies) == 1 else None),
    )


def _type_column(body, columns: list[int]) -> int | None:  # noqa: ANN001
    """A column whose cells say which price each row holds ('计费项 | 输入', 'Token type | Output'): the
    type of a row's plain 'Price' cell. Most rows name a type, and two types at least."""
    for c in columns:
        types = [price_type_of(row[c].text) for row in body]
        named = [t for t in types if t]
        if len(set(named)) >= 2 and len(named) * 2 > len(types):
            return c
    return None


# A context length in brackets after a model's name: 'Nimbus-4 (128K context)', '云雀-pro（32K上下文）', '(1M)'.
_CONTEXT_NOTE = fastre.compile(
    rf"""\s*[(（]\s*
        (?P<length>{CONTEXT_LENGTH})
        \s*(?:tokens?|context(?:\s+window)?|上下文|コンテキスト)?\s*
        [)）]\s*$""",
    re.VERBOSE,
)


def _without_context_notes(names: list[str]) -> tuple[list[str], list[str | None]]:
    """The names with a bracketed context length taken off, and each length ('128k') or None."""
    split = [(None if is_plain_id(name) else _CONTEXT_NOTE.search(name), name) for name in names]
    return (
        [name[: match.start()] if match else name for match, name in split],
        ["".join(match.group("length").split()).lower() if match else None for match, _ in split],
    )


# A description after a model's name on its line: 'Vela-2 — our most capable model', 'Vela-2：旗舰模型，适合复杂任务',
# 'Vela-2（最上位モデル。複雑なタスク向け）'. A spaced dash or a colon before prose (two words or more, or four
# Chinese or Japanese characters), or brackets around a sentence; not a part of the name ('Llama 3.1 - 405B').
_DESCRIPTION = fastre.compile(
    r"""\s+[—–-]\s+(?=\S+\s+\S+|[\u3040-\u30ff\u4e00-\u9fff]{4})     # 'Vela-2 — our most capable model'
      | \s*[：:]\s*(?=\S+\s+\S+|[\u3040-\u30ff\u4e00-\u9fff]{4})    # 'Vela-2：旗舰模型，适合复杂任务'
      | \s*[（(](?=[^()（）]*[。，,、][^()（）]*[)）])                      # 'Vela-2（最上位モデル。複雑なタスク向け）'""",
    re.VERBOSE,
)


def _without_description(name: str) -> str:
    if is_plain_id(name):
        return name  # an API id has no description after it
    cut = _DESCRIPTION.search(name)
    return name[: cut.start()] if cut and is_model_name(name[: cut.start()]) else name


def _row_models(body, model_col: int, header: list[str]) -> list[str]:  # noqa: ANN001
    """Each row's model; a blank model cell continues the row above (a rowspan lost in a markdown copy)."""
    names: list[str] = []
    previous = ""
    for row in body:
        name = _without_description(row[model_col].first_line)
        if row[model_col].text == header[model_col]:
            name = ""
        elif not name.strip():
            name = previous
        names.append(name)
        previous = name or previous
    return names


def _models_as_columns(header, body, model_cols, table: TableContext, page: ReadContext) -> list[Quote]:  # noqa: ANN001
    quotes = []
    first_model = model_cols[0]
    row_labels = [" ".join(row[c].text for c in range(first_model)) for row in body]
    table = _with_header_unit(table, [label for label in row_labels if price_type_of(label)], page)
    for row in body:
        label_cells = list(dict.fromkeys(row[c].text for c in range(first_model) if row[c].text))
        price_cells = [row[c].text for c in model_cols]
        # A markdown copy of a colspan'd table loses the span: the label slides right and one price is left.
        shifted = [row[c].text for c in range(len(row)) if row[c].text]
        if not any(price_type_of(t) for t in label_cells) and len(shifted) >= 2:
            label_cells = [t for t in shifted if not _has_price(t, page)]
            price_cells = [t for t in shifted if _has_price(t, page)]
        label = " ".join(label_cells)
        price_type = price_type_of(label)
        if not price_type or not price_cells:
            continue
        if len([t for t in price_cells if t]) == 1 and price_cells[0]:
            price_cells = price_cells[:1] * len(model_cols)  # one cell priced every model (colspan)
        unit, currency = _unit_and_currency(label, table=table, page=page)
        row_tier = tier_in_header(label)  # 'Input (> 200K)', '输入（≤32K）': the row's tier, as a column's would be
        for c, cell in zip(model_cols, price_cells, strict=False):
            if _not_offered(cell):
                continue
            for price in parse_prices(cell, unit_tokens=unit, currency=currency, lang=page.lang):
                quote = _quote(page, header[c], price_type, join_tiers(table.tier, row_tier, price.condition), price)
                if quote:
                    quotes.append(quote)
    return quotes


def _models_over_types(labels: list[list[str]], price_cols: dict[int, str], body: list[list[Cell]]) -> dict[int, str]:
    """The model each price column stands under or over, when one header row names the models and another their
    types ('kite-pro' spanning 'Input | Output', or 'Input' spanning 'kite-pro | kite-lite') and the rows name
    none (they are tiers): column → model; else none."""
    models = {}
    for c in price_cols:
        named = [text for text in labels[c] if is_model_name(text)]
        if len(labels[c]) < 2 or len(named) != 1:
            return {}
        models[c] = named[0]
    first_price = min(price_cols)
    if len(set(models.values())) < 2 or any(
        is_model_name(text) and not tier_in_header(text)  # a tier's bound or range, which a version resembles
        for row in body
        for c in range(first_price)
        if (text := row[c].text)
    ):
        return {}
    return models


def _tiers_as_rows(
    body: list[list[Cell]],
    price_cols: dict[int, str],
    models: dict[int, str],
    headers: list[str],
    table: TableContext,
    page: ReadContext,
) -> list[Quote]:
    """A table of models over types in its header, a row per tier ('≤ 32K', '32K–128K'): each price cell is its
    column's model and type, at its row's tier (the row's leading cells)."""
    unit, currency = _unit_and_currency(table=_with_header_unit(table, headers, page), page=page)
    label_cols = list(range(min(price_cols)))
    quotes = []
    for row in body:
        row_tier = _row_tier(row, label_cols, [])
        for c, price_type in price_cols.items():
            if _not_offered(row[c].text):
                continue
            for price in parse_prices(row[c].text, unit_tokens=unit, currency=currency, lang=page.lang):
                quote = _quote(page, models[c], price_type, join_tiers(table.tier, row_tier, price.condition), price)
                if quote:
                    quotes.append(quote)
    return quotes


def _has_price(text: str, page: ReadContext) -> bool:
    return bool(parse_prices(text, unit_tokens=Decimal(1_000_000), currency=page.currency or "USD", lang=page.lang))


def _model_above(header, body, model_name: str, table: TableContext, page: ReadContext) -> list[Quote]:  # noqa: ANN001
    quotes = []
    value_cols = [c for c, h in enumerate(header) if c > 0 and not FREE_TIER_HEADER.search(h)]
    # 'Input price (per 1M tokens)', 'Output price (per 1M tokens)', 'Context caching': the unit the typed rows state
    # is the one that states none too, as a price column's is (_with_header_unit).
    table = _with_header_unit(table, [row[0].text for row in body if price_type_of(row[0].text)], page)
    for row in body:
        label = row[0].text
        price_type = price_type_of(label)
        if not price_type:
            continue
        for c in value_cols:
            unit, currency = _unit_and_currency(label, header[c], table=table, page=page)
            for price in parse_prices(row[c].text, unit_tokens=unit, currency=currency, lang=page.lang):
                tier = join_tiers(table.tier, tier_in_header(header[c]), price.condition)
                quote = _quote(page, model_name, price_type, tier, price)
                if quote:
                    quotes.append(quote)
    return quotes
