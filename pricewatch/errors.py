"""Errors the command line reports as one line: light, so `pricewatch --help` imports nothing heavy."""

from __future__ import annotations


class CatalogueError(ValueError):
    """A catalogue that cannot be used; the message names the entry and the key."""
