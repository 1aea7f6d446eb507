"""`re.compile` with a first-character test, so a pattern searched through a text is tried only where it can start.

Python's regex engine skips ahead quickly only when a pattern opens with a literal or a character class
(and, under IGNORECASE, one that has no letters).
Most of the grammar's patterns open with a lookbehind (`(?<![A-Za-z])USD`), an optional part (`约?\\s*$5`) or
an alternation of words, and the engine then tries every branch at every character of the text. A lookahead
holding the characters a match can start with, `(?=[$¥€Uu…])`, fails at most positions on one class test.

The class is read from the pattern's own parse tree (the standard library's `re._parser`), so it cannot drift
from the pattern. It is only ever a superset of where a match can start, so the pattern matches exactly what
it matched without it. Where the class cannot be read (a pattern that can match the empty string, a `.` or a
negated class up front, a parser this Python does not have) the pattern is compiled as it is.
"""

from __future__ import annotations

import re
from typing import Any

try:
    from re import _compiler as _sre_compile
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # a Python whose private regex modules moved: the patterns are compiled as they are
    _sre = _sre_compile = _sre_parse = None  # type: ignore[assignment]

# Categories narrow enough to be worth a test: a digit. A space, a word character or anything that is not a
# digit is at nearly every position of running text, and the lookahead would only add a step there (measured:
# with spaces let in, reading pages was no faster).
_NARROW_CATEGORIES = {"CATEGORY_DIGIT": r"\d"}


class _Unreadable(Exception):
    """The pattern's first characters cannot be told (or are too many to be worth testing)."""


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - named after the re.compile it wraps
    """re.compile(PATTERN, FLAGS), tried only at the characters a match can start with."""
    plain = re.compile(pattern, flags)
    lead = lead_class(pattern, flags)
    if lead is None:
        return plain
    end = "\n" if flags & re.VERBOSE else ""  # a verbose pattern may end in a comment, which would hide the ')'
    try:
        tested = re.compile(f"(?={lead})(?:{pattern}{end})", flags)
    except re.error:  # e.g. global inline flags, which must open the pattern
        return plain
    _PLAIN[tested] = plain
    return tested


def plain_of(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern as written, without the first-character test `compile` put before it."""
    return _PLAIN.get(pattern, pattern)


_PLAIN: dict[re.Pattern[str], re.Pattern[str]] = {}


def lead_class(pattern: str, flags: int = 0) -> str | None:
    """A lookahead body ('[$€]|(?i:[u])') true at every position where PATTERN can start a match; None when
    the engine needs no help (it scans for the literal or class the pattern opens with) or the characters cannot
    be told."""
    if _sre_parse is None:
        return None
    try:
        tree = _sre_parse.parse(pattern, flags)
        if _engine_skips_ahead(tree, flags):
            return None
        firsts, can_be_empty = _firsts_of_sequence(tree.data, folded=False)
    except (_Unreadable, re.error, KeyError, AttributeError):
        return None
    if can_be_empty or not firsts:
        return None
    plain = "".join(part for part, folded in firsts if not folded)
    folded = "".join(part for part, folded in firsts if folded)
    return "|".join(([f"[{plain}]"] if plain else []) + ([f"(?i:[{folded}])"] if folded else []))


def _engine_skips_ahead(tree: Any, flags: int) -> bool:
    """The engine's own test: a pattern that opens with a literal or a class it can scan for needs no help."""
    prefix, _, _ = _sre_compile._get_literal_prefix(tree, flags)
    return bool(prefix) or bool(_sre_compile._get_charset_prefix(tree, flags))


def _firsts_of_sequence(items: list[tuple[Any, Any]], *, folded: bool) -> tuple[list[tuple[str, bool]], bool]:
    """(class parts a match of ITEMS can start with, whether ITEMS can match the empty string)."""
    firsts: list[tuple[str, bool]] = []
    for op, av in items:
        more, can_be_empty = _firsts_of(op, av, folded=folded)
        firsts += more
        if not can_be_empty:
            return firsts, False
    return firsts, True


def _firsts_of(op: Any, av: Any, *, folded: bool) -> tuple[list[tuple[str, bool]], bool]:
    if op is _sre.LITERAL:
        return [(_char(av), folded)], False
    if op is _sre.IN:
        return [(_set_member(member_op, member), folded) for member_op, member in av], False
    if op is _sre.BRANCH:
        firsts, can_be_empty = [], False
        for branch in av[1]:
            more, empty = _firsts_of_sequence(branch.data, folded=folded)
            firsts, can_be_empty = firsts + more, can_be_empty or empty
        return firsts, can_be_empty
    if op is _sre.SUBPATTERN:
        _, add_flags, del_flags, body = av
        inner = (folded or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
        return _firsts_of_sequence(body.data, folded=inner)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
        least, _, body = av
        firsts, can_be_empty = _firsts_of_sequence(body.data, folded=folded)
        return firsts, can_be_empty or least == 0
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _firsts_of_sequence(av.data, folded=folded)
    if op is _sre.ASSERT and av[0] == 1:  # a lookahead up front: the match starts where its body can
        return _firsts_of_sequence(av[1].data, folded=folded)
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):  # anchors and lookbehinds take no character
        return [], True
    raise _Unreadable(op)


def _set_member(op: Any, member: Any) -> str:
    if op is _sre.LITERAL:
        return _char(member)
    if op is _sre.RANGE:
        return f"{_char(member[0])}-{_char(member[1])}"
    if op is _sre.CATEGORY and str(member) in _NARROW_CATEGORIES:
        return _NARROW_CATEGORIES[str(member)]
    raise _Unreadable(op)  # a negated class, or a category too wide to test


def _char(code: int) -> str:
    return f"\\U{code:08x}"
