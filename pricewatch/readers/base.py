"""Source formats: each kind of body a source can serve, registered by name."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

from pricewatch.quotes import Quote
from pricewatch.textfold import is_japanese_page
from pricewatch.vendors import vendor_for_model, vendor_of_host


@dataclass(frozen=True)
class ReadContext:
    """What the catalogue knows about a page before reading it."""

    vendor: str | None = None
    lang: str | None = None
    currency: str | None = None
    url: str | None = None
    # The vendor of a model no vendor table knows, on a page whose vendor is not given: the host's name when
    # None ('api.newvendor.ai' → 'newvendor'). A new vendor's page is read before anyone names its vendor.
    default_vendor: str | None = None

    @property
    def own_vendor(self) -> str | None:
        """The page's own vendor: the one given, else the one its host names."""
        return self.vendor or vendor_of_host(self.url)

    def of_page(self, text: str) -> ReadContext:
        """This context, with the page's language when none was given and the page is Japanese ('¥' is yen there)."""
        return replace(self, lang="ja") if self.lang is None and is_japanese_page(text) else self

    def vendor_of(self, model: str) -> str | None:
        """Whose model MODEL is on this page: the page's vendor, else the model's family's, else the host's."""
        return self.vendor or vendor_for_model(model) or self.default_vendor or vendor_of_host(self.url)


class SourceFormat:
    """A reader for one format. Subclasses set `name` (and `kind`) and are registered on definition."""

    name: ClassVar[str]
    kind: ClassVar[str] = "pricing"
    _registry: ClassVar[dict[tuple[str, str], type[SourceFormat]]] = {}

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if "name" in cls.__dict__:
            SourceFormat._registry[(cls.kind, cls.name)] = cls

    @classmethod
    def names(cls, kind: str) -> tuple[str, ...]:
        _load_builtin_formats()
        return tuple(sorted(name for k, name in cls._registry if k == kind))

    @classmethod
    def for_name(cls, name: str, kind: str = "pricing") -> SourceFormat:
        _load_builtin_formats()
        try:
            return cls._registry[(kind, name)]()
        except KeyError:
            raise ValueError(f"unknown {kind} format {name!r} (known: {', '.join(cls.names(kind))})") from None

    def read(self, text: str, *, context: ReadContext) -> list[Quote]:
        raise NotImplementedError


def _load_builtin_formats() -> None:
    # Importing the modules registers their classes; done lazily to keep imports acyclic.
    from pricewatch.readers import html, litellm, openrouter  # noqa: F401

    try:
        from pricewatch.news import formats  # noqa: F401
    except ImportError:
        pass
