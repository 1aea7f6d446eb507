"""The generic pricing reader: HTML or markdown pages → quotes.

It walks the page in reading order, keeping what the text says around each table
(the unit sentence, the currency, the tab a table sits under, the model a heading names),
reads every table (see tables.py), then model cards built from div blocks (cards.py),
and, when the visible page has no prices, the page content that single-page docs sites
ship as JSON in a script tag (embedded.py). A new vendor whose page is a table or a
card list needs only a catalogue entry.
"""

from __future__ import annotations

import re
import threading
from dataclasses import replace
from decimal import Decimal

import markdown as markdown_lib
from lxml import etree
from lxml import html as lxml_html
from markdown.extensions.tables import TableExtension

from pricewatch import fastre
from pricewatch.normalize import detect_currency, find_token_unit, is_non_token_price
from pricewatch.quotes import Quote, dedupe_quotes
from pricewatch.readers import cards, divgrid, embedded, mdx, prose
from pricewatch.readers.base import ReadContext, SourceFormat
from pricewatch.readers.conventions import STATUS_BADGES
from pricewatch.readers.grid import Cell, table_grid
from pricewatch.readers.labels import MODALITY_HEADING, is_model_name, join_tiers, tier_from_words
from pricewatch.readers.tables import TableContext, free_currency, read_table
from pricewatch.textfold import simplified_page
from pricewatch.vendors import model_display_name, model_key, model_mentions

# What no reader reads: code, chrome, and struck-through text ('<del>$5.00</del> $2.50': the price before).
_DROP = (
    "script",
    "style",
    "noscript",
    "nav",
    "aside",
    "footer",
    "template",
    "svg",
    "iframe",
    "form",
    "del",
    "s",
    "strike",
)
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_TEXT_BLOCKS = {"p", "li", "blockquote", "dt", "dd", "caption", "figcaption", "span", "div", "label", "button", "em"}
_PRICE_UNIT_SENTENCE = fastre.compile(
    r"price|pricing|价格|价|料金|価格|单位|単位|billed|计费|あたり|per", re.IGNORECASE
)


def parse_html(text: str) -> lxml_html.HtmlElement | None:
    if not text.strip():
        return None
    try:
        return lxml_html.document_fromstring(text, parser=_parser())
    except (etree.ParserError, ValueError):
        return None


_parsers = threading.local()


def _parser() -> lxml_html.HTMLParser:
    """lxml's HTML parser with every element an HtmlElement, chosen in C.

    The default parser picks form and input classes per element in a Python callback, a call for every
    element the readers touch; they use none of those classes. lxml parsers are not shared between threads.
    """
    parser = getattr(_parsers, "parser", None)
    if parser is None:
        parser = _parsers.parser = lxml_html.HTMLParser()
        parser.set_element_class_lookup(
            etree.ElementDefaultClassLookup(
                element=lxml_html.HtmlElement,
                comment=lxml_html.HtmlComment,
                pi=lxml_html.HtmlProcessingInstruction,
                entity=lxml_html.HtmlEntity,
            )
        )
    return parser


def markdown_to_html(text: str) -> str:
    """Markdown (or MDX) rendered to HTML with pipe tables."""
    if mdx.looks_like_mdx(text):
        text = mdx.mdx_to_markdown(text)
    # Pipe tables and lists need a blank line above them for python-markdown; docs exports often omit it.
    text = re.sub(r"([^\n|])\n(\s*\|)", r"\1\n\n\2", text)
    text = _LIST_AFTER_TEXT.sub(r"\1\n\n\2", text)
    text = _STRUCK.sub(r"<del>\1</del>", text)  # python-markdown has no '~~' of its own
    converter = _markdown_converter()
    try:
        return converter.convert(text)
    finally:
        converter.reset()


# A line of text, then the first item of a list ('**Grok 4**' over '- Input: $3.00 / 1M tokens').
_LIST_AFTER_TEXT = fastre.compile(r"^((?![ \t]*(?:[-*+]|\d+\.)\s).*\S.*)\n([ \t]*(?:[-*+]|\d+\.)\s)", re.MULTILINE)
_STRUCK = fastre.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_converters = threading.local()


def _markdown_converter() -> markdown_lib.Markdown:
    # Building a Markdown instance loads its extensions (~1 ms a page): one per thread, reset after each use.
    # The extension is passed as an object: named by a string, markdown scans every installed package's entry
    # points for it (~40 ms).
    converter = getattr(_converters, "page", None)
    if converter is None:
        converter = markdown_lib.Markdown(extensions=[TableExtension()])
        _converters.page = converter
    return converter


def read_pricing_html(text: str, *, context: ReadContext) -> list[Quote]:
    """Every token price on an HTML page."""
    root = parse_html(text)
    if root is None:
        return []
    tabs, role_tables = _may_have_tabs(text), divgrid.may_have_role_tables(text)
    quotes = read_visible(root, context=context, tabs=tabs, role_tables=role_tables)
    if not quotes:
        # read_visible dropped the script tags, so look for embedded JSON in a fresh parse.
        for doc in embedded.embedded_documents(parse_html(text)):
            quotes = read_pricing_html(doc if doc.lstrip().startswith("<") else markdown_to_html(doc), context=context)
            if quotes:
                break
    return quotes


def read_visible(
    root: lxml_html.HtmlElement, *, context: ReadContext, tabs: bool = True, role_tables: bool = True
) -> list[Quote]:
    """The quotes of a parsed page; tabs=False when its source shows no tab bar, role_tables=False when it marks
    no ARIA table (looking for either costs a scan)."""
    for element in root.xpath("//" + " | //".join(_DROP) + " | //header[not(ancestor::article)]"):
        if element.getparent() is not None:
            element.drop_tree()
    _drop_footnote_marks(root)
    _drop_status_badges(root)
    divgrid.rewrite_div_tables(root, role_tables=role_tables)
    _render_leaked_markdown_tables(root)
    quotes = _read_tables(root, context, tabs=tabs)
    quotes += cards.read_cards(root, context=context)
    return dedupe_quotes(_free_in_page_currency(quotes))


# A footnote mark: '1', '[2]', '*', '†' ('$0.15<sup>1</sup>' would read as $0.151); and as Japanese and Chinese
# pages number their notes: '※1', '注2', '*3', '①'.
_FOOTNOTE_MARK = fastre.compile(r"^\s*(?:(?:[*※]|注)?\[?\d{1,2}\]?|[*†‡§※]+|[a-c]|[①-⑳])\s*$")


def _drop_footnote_marks(root: lxml_html.HtmlElement) -> None:
    """Superscript footnote marks, which would run into the number before them; a power of ten ('10<sup>6</sup>
    tokens') is written out instead ('1000000 tokens')."""
    for sup in list(root.iter("sup")):
        mark = sup.text_content().strip()
        if not _FOOTNOTE_MARK.match(mark):
            if mark and not mark[0].isdigit():  # a word ('acme-3<sup>beta</sup>'): a word of its own, not 'acme-3beta'
                sup.text = " " + (sup.text or "")
            continue
        previous, parent = sup.getprevious(), sup.getparent()
        before = (previous.tail if previous is not None else parent.text) or ""
        if before.endswith("10") and mark.isdigit():
            power = before[:-2] + str(10 ** int(mark))
            if previous is not None:
                previous.tail = power
            else:
                parent.text = power
        sup.drop_tree()


_BADGE_TAGS = ("span", "sup", "small", "mark", "em", "i", "b", "strong", "label", "div")


def _drop_status_badges(root: lxml_html.HtmlElement) -> None:
    """Status badges after a model's name ('Atlas-2 <span class="badge">New</span>'): an element of its own
    whose whole text is a status word, with the name before it in the same parent."""
    for element in list(root.iter(*_BADGE_TAGS)):
        if len(element) or element.getparent() is None:
            continue
        word = " ".join((element.text or "").split()).strip("!！・·•").lower()
        if word in STATUS_BADGES and _text_before(element):
            element.drop_tree()  # its tail stays


def _text_before(element: lxml_html.HtmlElement) -> bool:
    """Whether its parent holds words before it (the name a badge follows)."""
    parent = element.getparent()
    if (parent.text or "").strip():
        return True
    for sibling in element.itersiblings(preceding=True):
        if sibling.text_content().strip() or (sibling.tail or "").strip():
            return True
    return False


def _free_in_page_currency(quotes: list[Quote]) -> list[Quote]:
    """A free price names no currency of its own ('無料', 'Free'): it takes the one the page's other prices share,
    so a model that goes free is compared in the currency it was priced in, not in the page language's."""
    priced = {q.currency for q in quotes if q.price_per_mtok}
    if len(priced) != 1:
        return quotes
    (currency,) = priced
    return [replace(q, currency=currency) if q.price_per_mtok == 0 and q.currency != currency else q for q in quotes]


_PIPE_TABLE = fastre.compile(r"^\s*\|?\s*:?-{3,}", re.MULTILINE)


def _render_leaked_markdown_tables(root: lxml_html.HtmlElement) -> None:
    """Some exports leave a markdown pipe table unrendered inside a <p>: render it in place."""
    for block in root.xpath("//p"):
        text = block.text_content()
        if "|" not in text or not _PIPE_TABLE.search(text):
            continue
        rendered = lxml_html.fragments_fromstring(markdown_to_html(text))
        parent = block.getparent()
        if parent is None:
            continue
        index = parent.index(block)
        block.drop_tree()
        for offset, fragment in enumerate(f for f in rendered if not isinstance(f, str)):
            parent.insert(index + offset, fragment)


def _read_tables(root: lxml_html.HtmlElement, page: ReadContext, *, tabs: bool) -> list[Quote]:
    state = TableContext()
    heading_tier: str | None = None
    heading_model: str | None = None
    codes: list[str] = []  # model ids in <code> since the last heading (Gemini names models this way)
    last_block: str | None = None
    heading_names: list[str] = []  # models a heading names in running words ("DeepSeek-V3 正式发布")
    quotes: list[Quote] = []
    text_quotes: list[Quote] = []  # prices in sentences come after the tables' own
    stated_units: set[tuple[Decimal, str | None]] = set()  # (unit, currency) of each sentence that states one
    unitless: list[tuple[tuple[list[list[Cell]], int], TableContext]] = []  # tables read again with the page's unit
    panels = _tab_panels(root) if tabs else {}
    block_codes: list[str] = []  # model ids in <code> since the last text block
    for kind, element, text in _reading_order(root):
        if kind == "heading":
            # A heading may state the unit of the tables under it: '料金（100万トークンあたり）', 'Pricing (per 1M tokens)'.
            _learn_from_sentence(text, state, page, stated_units)
            modality = MODALITY_HEADING.match(text)
            heading_tier = modality.group(1).lower() if modality else None
            heading_model = text if is_model_name(text) else None
            heading_names = [heading_model] if heading_model else [text[m.start : m.end] for m in model_mentions(text)]
            codes, block_codes, last_block = [], [], None
        elif kind == "code":
            if is_model_name(text):
                codes.append(text)
                block_codes.append(text)  # a text block's own codes come just before its text
        elif kind == "text" and _only_a_model_name(text, page):
            # A line that is a model's name alone ('acme-turbo-v2', '**Vela-3 Large**') titles what follows, as a
            # heading does: the list of its prices under it.
            heading_model, heading_names = text, [text]
            codes, block_codes, last_block = [], [], None
        elif kind == "text":
            _learn_from_sentence(text, state, page, stated_units)
            # A list item that names its model as a code id ('- `yunque-pro`: input ¥4, output ¥16') is that
            # model's, whatever the heading above names.
            own = {code for code in block_codes if code in text}
            names = list(own) if len(own) == 1 else heading_names
            text_quotes += _read_text(text, page, names, state.unit_tokens)
            block_codes, last_block = [], text
        elif kind == "table":
            is_tab, tab_tier = tier_from_words(_panel_label(element, panels) or "")
            if not is_tab:
                is_tab, tab_tier = tier_from_words(last_block or "")
            named = codes if codes else [heading_model] if heading_model else _introduced(last_block)
            unit, currency = _caption_unit(element, page)
            table = TableContext(
                unit_tokens=unit or state.unit_tokens,
                currency=currency or state.currency,
                tier=join_tiers(tab_tier if is_tab else None, heading_tier),
                models=named if len(named) == 1 else [],
            )
            grid = table_grid(element)
            found = read_table(*grid, table, page)
            if not found and table.unit_tokens is None:
                unitless.append((grid, table))  # 'Prices per 1M tokens.' may come below the table
            quotes += found
            if found and table.models:
                codes, heading_model = [], None  # a model named above one table does not carry to the next
            last_block = None
    return quotes + _with_page_unit(unitless, stated_units, page) + text_quotes


_ID_MARK = fastre.compile(r"[\d-]")  # a name that titles a list has a version or a hyphen ('acme-turbo-v2', 'Vela 3')


def _only_a_model_name(text: str, page: ReadContext) -> bool:
    """Whether a text block is a model's name and nothing else ('acme-turbo-v2', '**Vela-3 Large**')."""
    name = text.strip(" *_`:：")
    if not name or len(name) > 40 or not _ID_MARK.search(name) or not is_model_name(name):
        return False
    whole = [m for m in model_mentions(name) if m.start == 0 and m.end == len(name)]
    return bool(whole) or prose.is_new_model_id(name, page.own_vendor)


def _tab_panels(root: lxml_html.HtmlElement) -> dict[lxml_html.HtmlElement, str]:
    """Each tab panel and its tab's label: a role="tab" that controls it or labels it, or a '#id' link in a tab
    bar. A table in the 'Batch' panel is the batch tier's, whichever tab the page shows first."""
    tabs = root.xpath(_TABS)
    if not tabs:
        return {}
    by_id = {element.get("id"): element for element in root.xpath("//*[@id]")}
    labelled_by = {element.get("aria-labelledby"): element for element in root.xpath("//*[@aria-labelledby]")}
    labels: dict[lxml_html.HtmlElement, str] = {}
    for tab in tabs:
        label = " ".join(tab.text_content().split())
        for target in (tab.get("aria-controls"), (tab.get("href") or "").removeprefix("#")):
            if target in by_id:
                labels[by_id[target]] = label
        if tab.get("id") in labelled_by:
            labels[labelled_by[tab.get("id")]] = label
    return labels


# In a page's source: what a tab bar is written with (role="tab", class="nav-tabs", "tab-list", "tablist").
# Substrings, not a pattern: a regex scan of a whole page costs as much as reading a small one.
_TAB_MARKS = ('role="tab"', "role='tab'", "tabs", "tab-", "tablist", "tabbar")


def _may_have_tabs(source: str) -> bool:
    return any(mark in source for mark in _TAB_MARKS)


# Tabs: ARIA tabs, and '#id' links in a tab bar ('<ul class="tabs">', not a table nor a table of contents).
_TABS = (
    "//*[@role='tab'] | //*[@role='tablist' or (contains(@class, 'tab') and not(contains(@class, 'table')))]"
    "/descendant::a[starts-with(@href, '#')]"
)


def _panel_label(table: lxml_html.HtmlElement, panels: dict[lxml_html.HtmlElement, str]) -> str | None:
    if not panels:
        return None
    for ancestor in table.iterancestors():
        if ancestor in panels:
            return panels[ancestor]
    return None


def _with_page_unit(
    unitless: list[tuple[tuple[list[list[Cell]], int], TableContext]],
    stated_units: set[tuple[Decimal, str | None]],
    page: ReadContext,
) -> list[Quote]:
    """Tables that stated no unit, read with the one unit the page's sentences state wherever they stand
    (a note below the table) and the currency named with it; nothing when the page states two units."""
    units = {unit for unit, _ in stated_units}
    if not unitless or len(units) != 1:
        return []
    currencies = {currency for _, currency in stated_units} - {None}
    unit, currency = units.pop(), currencies.pop() if len(currencies) == 1 else None
    return [
        quote
        for grid, table in unitless
        for quote in read_table(*grid, replace(table, unit_tokens=unit, currency=table.currency or currency), page)
    ]


def _introduced(sentence: str | None) -> list[str]:
    """The model a short paragraph right above a table introduces ('The latest model based on Gemini 2.5 Flash
    lite, optimized for…', '最新モデル GLM-4.5-Air の料金は以下のとおり'): one model named, not a comparison."""
    if not sentence or len(sentence) > 300:
        return []
    names = {m.model: sentence[m.start : m.end] for m in model_mentions(sentence)}
    return list(names.values()) if len(names) == 1 else []


def _read_text(text: str, page: ReadContext, heading_names: list[str], unit: Decimal | None) -> list[Quote]:
    """Quotes from a paragraph: prices in sentences, or a table flattened into text; UNIT is the one stated above."""
    quotes = []
    found_prices = prose.read_block(
        text,
        lang=page.lang,
        currency=page.currency,
        heading_models=heading_names,
        unit_tokens=unit,
        vendor=page.own_vendor,
    )
    for found in found_prices:
        model = model_key(found.model)
        vendor = page.vendor_of(model)
        price = found.mention.per_mtok
        # A free price names no currency: the page's, or its language's.
        currency = found.mention.currency or (free_currency(page) if found.mention.free else None)
        if model and vendor and price is not None and currency:
            display = model_display_name(found.model)
            quotes.append(Quote(vendor, model, found.price_type, found.tier, price, currency, text[:200], display))
    return quotes


def _caption_unit(table: lxml_html.HtmlElement, page: ReadContext) -> tuple[Decimal | None, str | None]:
    """The unit and currency a table's own <caption> states ('Prices per 1M tokens (USD)', '单位：元/百万tokens'):
    the table's alone, and before what the page said above it."""
    caption = table.find("caption")
    if caption is None:
        return None, None
    text = " ".join(caption.text_content().split())
    if not text or is_non_token_price(text):
        return None, None
    return find_token_unit(text), detect_currency(text, lang=page.lang)


def _learn_from_sentence(
    text: str, state: TableContext, page: ReadContext, stated_units: set[tuple[Decimal, str | None]]
) -> None:
    """A sentence that states the unit and currency of the tables after it (and, failing any other, of the page's)."""
    if len(text) > 400 or not _PRICE_UNIT_SENTENCE.search(text):
        return
    unit = find_token_unit(text)
    if is_non_token_price(text):
        state.unit_tokens = None  # "Prices per second." ends the reach of "Prices per 1M tokens."
    elif unit:
        currency = detect_currency(text, lang=page.lang)
        state.unit_tokens, state.currency = unit, currency or state.currency
        stated_units.add((unit, currency))
    elif re.search(r"prices? (?:are )?in|所有价格|均为|以.{0,6}计", text, re.IGNORECASE):
        state.currency = detect_currency(text, lang=page.lang) or state.currency


def _reading_order(node: lxml_html.HtmlElement):  # noqa: ANN202
    """(kind, element, text) for headings, code model ids, text blocks and tables, in document order."""
    for child in node:
        if not isinstance(child.tag, str):
            continue
        tag = child.tag
        if tag == "table":
            yield "table", child, ""
        elif tag in _HEADINGS or _is_bold_line(child):
            yield "heading", child, " ".join(child.text_content().split()).strip("​ ")
        elif tag == "code":
            yield "code", child, child.text_content().strip()
        elif tag == "dl":
            yield from _definition_lines(child)
        elif tag in _TEXT_BLOCKS and not _has_block_child(child):
            for code in child.iter("code"):
                yield "code", code, code.text_content().strip()
            text = " ".join(child.text_content().split())
            if text:
                yield "text", child, text
        else:
            yield from _reading_order(child)


def _definition_lines(dl: lxml_html.HtmlElement):  # noqa: ANN202
    """A definition list as 'term: definition' lines ('Input tokens: $0.80 per million'): the term labels the
    value as a card's label line does, so each pair is read as one labelled line."""
    term = ""
    for child in dl.iter("dt", "dd"):
        text = " ".join(child.text_content().split())
        if child.tag == "dt":
            term = text
        elif text:
            yield "text", child, f"{term}: {text}" if term else text


def _is_bold_line(element: lxml_html.HtmlElement) -> bool:
    """A paragraph that is one bold phrase and nothing else ('**Grok 4**' over a list of its prices): a heading."""
    if element.tag != "p" or len(element) != 1 or element[0].tag not in ("strong", "b"):
        return False
    return not (element.text or "").strip() and not (element[0].tail or "").strip()


def _has_block_child(element: lxml_html.HtmlElement) -> bool:
    # lxml picks the tags out in C, rather than a loop in Python over every descendant.
    return next(element.iterdescendants(*divgrid.BLOCK_TAGS), None) is not None


class HtmlFormat(SourceFormat):
    """HTML pricing pages, with tables, cards or embedded page JSON."""

    name = "html"

    def read(self, text: str, *, context: ReadContext) -> list[Quote]:
        context = context.of_page(text)
        return read_pricing_html(simplified_page(text, lang=context.lang), context=context)


class MarkdownFormat(SourceFormat):
    """Markdown pricing pages (docs repositories, .md exports)."""

    name = "markdown"

    def read(self, text: str, *, context: ReadContext) -> list[Quote]:
        context = context.of_page(text)
        return read_pricing_html(markdown_to_html(simplified_page(text, lang=context.lang)), context=context)
