"""An article page (or plain text) → title, published time, language and main text.

Main-text extraction is trafilatura's: sidebars, "related" lists and footers print other
prices (phones, GPUs, cars) that are not the article's, and a well-kept extractor drops them
better than hand-rolled heuristics would.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from charset_normalizer import from_bytes
from w3lib.encoding import html_to_unicode

from pricewatch import fastre
from pricewatch.textfold import detect_language

_TRACKING = fastre.compile(r"^(utm_|spm$|from$|ref$|source$|fbclid$|gclid$|yclid$)")


@dataclass
class ArticleText:
    """An article as read: its text, title and language (storage.models.Article is the row it is stored as)."""

    url: str | None
    title: str
    text: str
    lang: str
    published: datetime | None = None

    @property
    def full_text(self) -> str:
        return f"{self.title}\n\n{self.text}" if self.title else self.text

    @property
    def content_hash(self) -> str:
        normalized = re.sub(r"\s+", "", self.full_text)
        return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def decode(body: bytes, content_type: str | None = None) -> str:
    """Bytes → text: the HTTP header or <meta charset> when there is one, else a detector.

    Chinese and Japanese sites still serve GBK/GB18030, Big5, Shift_JIS and EUC-JP.
    """
    looks_html = b"<html" in body[:2048].lower() or b"<meta" in body[:4096].lower()
    declared = (content_type and "charset=" in content_type.lower()) or (
        looks_html and re.search(rb"<meta[^>]+charset", body[:4096], re.IGNORECASE)
    )
    if declared or body.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        encoding, text = html_to_unicode(content_type, body)
        if encoding.lower() in ("gb2312", "gbk"):  # pages labelled gb2312 are routinely GBK/GB18030
            text = body.decode("gb18030", errors="replace")
        return text
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        best = from_bytes(body).best()
        return str(best) if best is not None else body.decode("utf-8", errors="replace")


def canonical_url(url: str, html: str | None = None) -> str:
    """The article's own URL: <link rel=canonical> when given, without tracking parameters or fragment."""
    if html:
        match = re.search(r'<link[^>]+rel=["\']canonical["\'][^>]*href=["\']([^"\']+)', html, re.IGNORECASE)
        if match and match.group(1).startswith("http"):
            url = match.group(1)
    parts = urlsplit(url)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)])
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", query, ""))


def is_html(text: str) -> bool:
    return bool(re.match(r"\s*(<!doctype html|<html|<head|<body|<article|<div|<p[ >])", text, re.IGNORECASE))


def read_article(text: str, *, url: str | None = None, lang: str | None = None) -> ArticleText:
    """Title, date, language and main text of an HTML page or a plain-text article."""
    if not is_html(text):
        lines = text.strip().splitlines()
        title = lines[0].strip() if lines else ""
        body = "\n".join(lines[1:]).strip()
        return ArticleText(url=url, title=title, text=body, lang=lang or detect_language(text))
    import trafilatura  # a large import, paid only by commands that read article pages

    doc = trafilatura.bare_extraction(
        text, url=url, with_metadata=True, include_comments=False, include_tables=True, favor_precision=True
    )
    doc = doc.as_dict() if doc is not None else {}
    title = (doc.get("title") or "").strip()
    body = (doc.get("text") or "").strip()
    published = None
    if doc.get("date"):
        try:
            published = datetime.fromisoformat(str(doc["date"]))
            published = published if published.tzinfo else published.replace(tzinfo=UTC)
        except ValueError:
            published = None
    return ArticleText(url=url, title=title, text=body, lang=lang or detect_language(title + body), published=published)
