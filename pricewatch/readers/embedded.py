"""Page content that single-page docs sites ship as JSON inside a script tag.

Which globals and script tags hold such JSON is a table of conventions (conventions.py), not code: a docs
site built on a router that keeps its markdown in `window._ROUTER_DATA`, a Next.js site in `__NEXT_DATA__`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from lxml import html as lxml_html

from pricewatch import fastre
from pricewatch.readers.conventions import JSON_SCRIPT_IDS, JSON_SCRIPT_TYPES, STATE_GLOBALS

_ASSIGNMENT = fastre.compile(
    r"""(?:window\.)?                              # 'window._ROUTER_DATA' or a bare global
        (?:{})                                     # one of the known state globals
        \s*=\s*                                     # assigned: the JSON starts right after
    """.format("|".join(re.escape(name) for name in STATE_GLOBALS)),
    re.VERBOSE,
)
_LOOKS_LIKE_TABLE = fastre.compile(r"\|\s*-{3,}|<table", re.IGNORECASE)


def embedded_documents(root: lxml_html.HtmlElement) -> Iterator[str]:
    """Markdown or HTML documents found in the page's script-tag JSON, longest first."""
    found: list[str] = []
    for script in root.iter("script"):
        body = script.text or ""
        if script.get("id") in JSON_SCRIPT_IDS or script.get("type") in JSON_SCRIPT_TYPES:
            found += _strings_with_tables(_loads(body))
            continue
        for match in _ASSIGNMENT.finditer(body):
            found += _strings_with_tables(_loads(body[match.end() :]))
    yield from sorted(set(found), key=lambda text: (-len(text), text))  # longest first, ties in one order


def _loads(text: str) -> object:
    """The first JSON value at the start of TEXT (trailing `;` and code ignored)."""
    try:
        value, _ = json.JSONDecoder().raw_decode(text.lstrip())
        return value
    except ValueError:
        return None


def _strings_with_tables(value: object) -> list[str]:
    found: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str) and len(item) > 40 and _LOOKS_LIKE_TABLE.search(item):
            found.append(item)
    return found
