"""Model cards: a div block per model, its name in a heading and its prices as label/value lines."""

from __future__ import annotations

from decimal import Decimal

from lxml import html as lxml_html

from pricewatch.grammar import Price, parse_prices
from pricewatch.normalize import detect_currency, find_token_unit, is_free, price_type_of, says_free
from pricewatch.quotes import Quote
from pricewatch.readers.base import ReadContext
from pricewatch.readers.grid import cell_text_lines
from pricewatch.readers.labels import is_model_name
from pricewatch.readers.tables import free_currency
from pricewatch.vendors import model_display_name, model_key

_CARD_TAGS = {"div", "section", "article", "li"}
_TITLE_XPATH = ".//*[self::h2 or self::h3 or self::h4 or self::h5 or self::h6 or self::strong or self::b or contains(@class, 'name') or contains(@class, 'title')]"


def read_cards(root: lxml_html.HtmlElement, *, context: ReadContext) -> list[Quote]:
    """Quotes from every smallest block that names one model and prints its token prices."""
    cards = _smallest_cards(root)
    if not cards:
        return []  # most pages: no need for the unit their whole text states
    page_unit = find_token_unit(" ".join(root.text_content().split()))
    quotes: list[Quote] = []
    for card in cards:
        quotes += _read_card(card, context, page_unit)
    return quotes


def _card_title(element: lxml_html.HtmlElement) -> str | None:
    for title in element.xpath(_TITLE_XPATH):
        text = " ".join(title.text_content().split())
        if is_model_name(text):
            return text
    return None


def _is_card(element: lxml_html.HtmlElement) -> bool:
    lines = cell_text_lines(element)
    if len(lines) > 40:  # a section of the page, not a card: its lines are not read for prices
        return False
    priced = any(price_type_of(line) or is_free(line) for line in lines)
    return priced and _card_title(element) is not None


def _smallest_cards(root: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    # A block around a table is no card (the table reader reads it). Found once for the page: asking each
    # block for its tables walked the page once per block.
    around_tables = {block for table in root.iter("table") for block in table.iterancestors()}
    candidates = [el for el in root.iter(*_CARD_TAGS) if el not in around_tables and _is_card(el)]
    chosen = set(candidates)
    # A block holding two cards is a list of cards, not a card: keep the innermost ones.
    return [el for el in candidates if not any(d in chosen for d in el.iterdescendants())]


def _read_card(card: lxml_html.HtmlElement, page: ReadContext, page_unit) -> list[Quote]:  # noqa: ANN001
    title = _card_title(card)
    model = model_key(title or "")
    vendor = page.vendor_of(model)
    if not model or not vendor:
        return []
    lines = cell_text_lines(card)
    card_text = " ".join(lines)
    unit = find_token_unit(card_text) or page_unit
    currency = detect_currency(card_text, lang=page.lang) or page.currency
    quotes = []
    label: str | None = None
    for line in lines:
        price_type = price_type_of(line)
        prices = parse_prices(line, unit_tokens=unit, currency=currency, lang=page.lang)
        if not prices and price_type and says_free(line):
            prices = [Price(Decimal(0), None, line, free=True)]
        if prices and (price_type or label):
            for price in prices:
                currency = price.currency or (currency or free_currency(page) if price.free else None)
                if currency:
                    kind = price.price_type or price_type or price_type_of(label or "")
                    display = model_display_name(title or "")
                    quotes.append(
                        Quote(vendor, model, kind, price.condition, price.per_mtok, currency, price.raw, display)
                    )
            label = None
        else:
            label = line if price_type else None
    if not quotes and unit is not None and any(is_free(line) for line in lines):
        # A card that says only 'Free' ('免费', '無料') on a page of token prices: the model is free, read as its
        # input like a 'Price' column's 'Free' cell. (A plans page names no token unit: its 'Free' is a plan.)
        display = model_display_name(title or "")
        quotes.append(Quote(vendor, model, "input", None, Decimal(0), currency or free_currency(page), "free", display))
    return quotes
