"""The kinds of event pricewatch records: observed on pricing pages, health of sources, reported in the news."""

from __future__ import annotations

from enum import StrEnum


class EventKind(StrEnum):
    # What a pricing page showed between two good readings.
    PRICE_CUT = "price_cut"
    PRICE_INCREASE = "price_increase"
    NOW_FREE = "now_free"
    NO_LONGER_FREE = "no_longer_free"
    NEW_MODEL = "new_model"
    MODEL_REMOVED = "model_removed"
    # How a source is doing.
    SOURCE_BROKEN = "source_broken"
    SOURCE_RECOVERED = "source_recovered"
    # What articles told, before (or without) the pricing page showing it.
    REPORTED_PRICE_CUT = "reported_price_cut"
    REPORTED_FREE = "reported_free"
    REPORTED_PRICE_INCREASE = "reported_price_increase"
    REPORTED_PRICE = "reported_price"


PRICE_EVENT_KINDS = (
    EventKind.PRICE_CUT,
    EventKind.PRICE_INCREASE,
    EventKind.NOW_FREE,
    EventKind.NO_LONGER_FREE,
    EventKind.NEW_MODEL,
    EventKind.MODEL_REMOVED,
)
HEALTH_EVENT_KINDS = (EventKind.SOURCE_BROKEN, EventKind.SOURCE_RECOVERED)
# A news claim's kind → the reported event it becomes.
REPORTED_KIND = {
    "price_cut": EventKind.REPORTED_PRICE_CUT,
    "free": EventKind.REPORTED_FREE,
    "price_increase": EventKind.REPORTED_PRICE_INCREASE,
    "price": EventKind.REPORTED_PRICE,
}
