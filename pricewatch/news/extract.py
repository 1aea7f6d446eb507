"""News text → price claims, in Chinese, Japanese and English.

A claim is what a reader takes away: "Qwen-Long input now 0.5 元 per 1M tokens, down from 20".
The text is read sentence by sentence and clause by clause. Each money amount with a token
unit becomes a price; its role (the old price or the new one) comes from the words around it
(from / 从 / から … to / 降至 / に), its price type from the nearest label (输入, 出力, input
tokens), its model from the nearest model name before it. Prices are normalized by the same
module as the pricing pages (pricewatch.normalize); vendors come from the one alias table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from pricewatch.normalize import (
    Amount,
    find_amounts,
    find_token_unit,
    is_non_token_price,
    per_mtok,
    price_type_of,
    says_free,
)
from pricewatch.vendors import ModelMention, model_mentions, vendors_named_in

_SENTENCE_END = re.compile(r"(?<=[。！？!?])|(?<=[.;])(?=\s)(?<!\d\.)|\n+")
_CLAUSE_BREAK = re.compile(r"[；;]|，而|、而|，但|, while |; while |(?<=[^\x00-\x7f])[\s\u3000]+(?=[^\x00-\x7f])")
_CUT_WORDS = re.compile(
    r"降价|降至|降到|下调|下降|直降|优惠|打折|値下げ|引き下げ|値下がり|割引|安く(?:する|した)|"
    r"\bcut|\blower|\breduc|\bslash|\bdrop|\bdiscount",
    re.IGNORECASE,
)
_RISE_WORDS = re.compile(r"涨价|上调|提价|涨至|値上げ|引き上げ|\brais|\bris(?:e|es|ing)\b|\bincreas|\bhike", re.IGNORECASE)
_OFF_PEAK = re.compile(r"错峰|优惠时段|夜间|闲时|off-peak|オフピーク|深夜", re.IGNORECASE)
_TIME_WINDOW = re.compile(r"(\d{1,2}:\d{2})\s*(?:至|到|-|–|~|〜|から)\s*(\d{1,2}:\d{2})")
_OLD_CLAUSE = re.compile(r"标准时段|原价|原来|此前|以前|standard (?:rate|price|hours)|regular price|通常料金|従来", re.IGNORECASE)
_TO_AFTER = re.compile(r"^\s*(?:から|起|降至|降到|下调至|下调到|调至|调整为|涨至|涨到|上调至|提高到|提高至|→|->|to\b)", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"(?:\bfrom|从|由|原价)\s*$", re.IGNORECASE)
_CONJUNCTION = re.compile(r"^\s*(?:and|,|、|和|及|与|と)\s*$", re.IGNORECASE)
_UNIT_PHRASE_AFTER = re.compile(r"^\s*(?:per|/|a|for)\s[^,.;，。]{0,40}?tokens?", re.IGNORECASE)
_DELTA_BEFORE = re.compile(r"\bby\s*$|降价\s*$|便宜\s*$", re.IGNORECASE)
_PROMO = re.compile(r"赠送|赠|送|额度|代金券|bonus|credits?\b|クレジット|無料枠|プレゼント|trial|试用", re.IGNORECASE)
_NOT_FREE_CLAIM = re.compile(
    r"免费用户|免費用戶|免费版|免费额度|免费试用|免费赠送|無料ユーザー|無料版|無料プラン|無料枠|free (?:users?|tier|trial|plan|credits?|accounts?)|"
    r"不再免费|no longer free|無料終了|免费体验|免费试用|無料体験|無料で試|try (?:it )?for free",
    re.IGNORECASE,
)


@dataclass
class Claim:
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
        if self.old_price in (None, 0) or self.new_price is None:
            return None
        return round(float((self.new_price - self.old_price) / self.old_price * 100), 2)

    def to_json(self) -> dict[str, object]:
        number = lambda d: None if d is None else float(d)  # noqa: E731
        return {
            "vendor": self.vendor, "model": self.model, "kind": self.kind, "price_type": self.price_type,
            "new_price": number(self.new_price), "old_price": number(self.old_price), "currency": self.currency,
            "change_pct": self.change_pct, "condition": self.condition, "evidence": self.evidence,
        }


def detect_language(text: str) -> str:
    """ja when there is kana, zh when there are Han characters, else en."""
    if re.search(r"[\u3040-\u30ff]", text):
        return "ja"
    if re.search(r"[\u4e00-\u9fff]", text):
        return "zh"
    return "en"


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; offsets let a model named earlier be found for a later price."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start:
            spans.append((start, text[start : match.start()]))
        start = match.end()
    spans.append((start, text[start:]))
    return [(offset, s) for offset, s in spans if s.strip()]


def clauses(sentence: str) -> list[tuple[int, str]]:
    spans, start = [], 0
    for match in _CLAUSE_BREAK.finditer(sentence):
        spans.append((start, sentence[start : match.start()]))
        start = match.end()
    spans.append((start, sentence[start:]))
    return [(offset, c) for offset, c in spans if c.strip()]


@dataclass
class _Price:
    amount: Amount
    per_mtok: Decimal
    price_type: str | None
    old: bool


@dataclass
class _Reading:
    """What the extractor carries from one clause to the next."""

    text: str
    lang: str
    mentions: list[ModelMention]
    unit: Decimal | None = None
    window: str | None = None
    last_claims: list[Claim] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


def extract_claims(text: str, *, lang: str | None = None) -> list[Claim]:
    """The price claims of one article's text (title and body)."""
    reading = _Reading(text=text, lang=lang or detect_language(text), mentions=model_mentions(text))
    window = _TIME_WINDOW.search(text)
    reading.window = f"{window.group(1)}-{window.group(2)}" if window else None
    for offset, sentence in sentences(text):
        for clause_offset, clause in clauses(sentence):
            _read_clause(reading, offset + clause_offset, clause, sentence)
    return _dedupe(reading.claims)


def _model_before(reading: _Reading, position: int) -> ModelMention | None:
    before = [m for m in reading.mentions if m.start < position]
    return before[-1] if before else None


def _vendor_for(reading: _Reading, mention: ModelMention) -> str | None:
    if mention.vendor:
        return mention.vendor
    named = [v for pos, v in vendors_named_in(reading.text) if pos < mention.start]
    return named[-1] if named else None


def _read_clause(reading: _Reading, offset: int, clause: str, sentence: str) -> None:
    in_clause = [m for m in reading.mentions if offset <= m.start < offset + len(clause)]
    _read_free(reading, clause, sentence, in_clause)
    if _PROMO.search(clause):
        return
    prices = _prices(reading, clause)
    if not prices:
        return
    if not in_clause and _OLD_CLAUSE.search(clause) and reading.last_claims:
        _apply_old_prices(reading.last_claims, prices)
        return
    condition = f"off-peak {reading.window}".strip() if _OFF_PEAK.search(clause) and reading.window else (
        "off-peak" if _OFF_PEAK.search(clause) else None)
    claims = []
    for new, old in _pairs(prices):
        mention = _model_before(reading, offset + new.amount.start)
        if mention is None:
            continue
        kind = _kind(new, old, clause + " " + sentence, condition)
        claims.append(Claim(
            vendor=_vendor_for(reading, mention), model=mention.model, kind=kind,
            price_type=new.price_type or (old.price_type if old else None), new_price=new.per_mtok,
            old_price=old.per_mtok if old else None, currency=new.amount.currency, evidence=sentence.strip(),
            condition=condition,
        ))
    if claims:
        reading.claims += claims
        reading.last_claims = claims


def _prices(reading: _Reading, clause: str) -> list[_Price]:
    """The clause's token prices in order, each marked old or new."""
    amounts = [a for a in find_amounts(clause, lang=reading.lang) if a.currency]
    found: list[_Price] = []
    previous_end = 0
    pending_types: list[str] = []
    first_listed = 0
    for i, amount in enumerate(amounts):
        before = clause[previous_end : amount.start]
        after = clause[amount.end : amounts[i + 1].start if i + 1 < len(amounts) else len(clause)]
        previous_end = amount.end
        if is_non_token_price(after[:30]) or _DELTA_BEFORE.search(before):
            continue
        unit_phrase = _UNIT_PHRASE_AFTER.match(after)
        unit = (find_token_unit(after[:40]) if unit_phrase else None) or find_token_unit(clause, bare=True)
        if unit is None and (price_type_of(clause) or _OLD_CLAUSE.search(clause)):
            unit = reading.unit
        if unit is None:
            continue
        reading.unit = unit
        old = bool(_TO_AFTER.match(after) or _FROM_BEFORE.search(before))
        if not old and found and found[-1].old and _CONJUNCTION.match(before) and not _TO_AFTER.match(after):
            old = True
        price_type = price_type_of(unit_phrase.group(0)) if unit_phrase else None
        price_type = price_type or price_type_of(before)
        found.append(_Price(amount, per_mtok(amount.value, unit), price_type, old))
        listed = _types_listed(before)
        if len(listed) > 1:  # "入力、出力は…5ドル、15ドル": the types apply in order
            pending_types, first_listed = listed, len(found) - 1
            found[-1].price_type = listed[0]
        elif pending_types and price_type is None and _CONJUNCTION.match(before):
            index = len(found) - 1 - first_listed
            found[-1].price_type = pending_types[index] if index < len(pending_types) else None
    return found


def _types_listed(label: str) -> list[str]:
    """'入力、出力は…' → ['input', 'output']: price types named as a list before their prices ('respectively')."""
    types = [price_type_of(part) for part in re.split(r"[、,，/]|\band\b|和|及|と", label)]
    return [t for t in types if t]


def _pairs(prices: list[_Price]) -> list[tuple[_Price, _Price | None]]:
    news = [p for p in prices if not p.old]
    olds = [p for p in prices if p.old]
    if len(olds) == len(news):
        return list(zip(news, olds, strict=True))
    pairs = []
    for new in news:
        # An unequal count: pair each new price with the old one written just before it (from X to Y).
        index = prices.index(new)
        old = prices[index - 1] if index and prices[index - 1].old else None
        pairs.append((new, old))
    return pairs


def _kind(new: _Price, old: _Price | None, context: str, condition: str | None) -> str:
    if old is not None and old.per_mtok != new.per_mtok:
        return "price_cut" if new.per_mtok < old.per_mtok else "price_increase"
    if _RISE_WORDS.search(context) and not _CUT_WORDS.search(context):
        return "price_increase"
    if _CUT_WORDS.search(context) or condition:
        return "price_cut"
    return "price"


def _apply_old_prices(claims: list[Claim], prices: list[_Price]) -> None:
    """'标准时段分别为1元、4元和16元': the earlier claims' old prices, in the same order."""
    for claim, price in zip(claims, prices, strict=False):
        claim.old_price = price.per_mtok
        if claim.new_price is not None and claim.new_price != price.per_mtok:
            claim.kind = "price_cut" if claim.new_price < price.per_mtok else "price_increase"


def _read_free(reading: _Reading, clause: str, sentence: str, in_clause: list[ModelMention]) -> None:
    # says_free: a free word and no non-zero amount ("free up to 1M tokens, then $0.10" is a price).
    if not in_clause or not says_free(clause) or _NOT_FREE_CLAIM.search(clause) or _PROMO.search(clause):
        return
    for mention in in_clause:
        reading.claims.append(Claim(
            vendor=_vendor_for(reading, mention), model=mention.model, kind="free", price_type=None,
            new_price=Decimal(0), old_price=None, currency=None, evidence=sentence.strip(),
        ))


def _dedupe(claims: list[Claim]) -> list[Claim]:
    seen: set[tuple[object, ...]] = set()
    kept = []
    for claim in claims:
        key = (claim.model, claim.kind, claim.price_type, claim.new_price, claim.condition)
        if key not in seen:
            seen.add(key)
            kept.append(claim)
    return kept
