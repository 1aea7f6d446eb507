"""`re.compile` with a first-character test, so a pattern searched through a text is tried only where it can start.

Python's regex engine skips ahead quickly only when a pattern opens with a literal or a character class
(and, under IGNORECASE, one that has no letters): it then runs down the text testing each character against
that class in one tight loop, and starts the match only where the test holds.
Most of the grammar's patterns open with a lookbehind (`(?<![A-Za-z])USD`), an optional part (`约?\\s*$5`) or
an alternation of words, and the engine then starts a match, and tries every branch, at every character of the
text.

The class of characters a match can start with is read from the pattern's own parse tree (the standard library's
`re._parser`), so it cannot drift from the pattern, and handed to the engine as the class to scan for: the
compiled program is the pattern's own, with that class in its optimisation header, where the engine would
have put the class of a pattern that opened with it. A letter the pattern matches in either case is given in
every case the engine folds to it. The class is only ever a superset of where a match can start, so the
pattern matches exactly what it matched without it. Its digits are in the header's table of characters: the
engine would test a digit category by a lookup of its own for each character.

Where the header cannot be written (a letter outside ASCII matched in either case, a pattern that matches
no character, a private module this Python does not have), the class is put before the pattern as a
lookahead, `(?=[$¥€Uu…])`, which fails at most positions on one class test; where the class cannot be read
(a pattern that can match the empty string, a `.` or a negated class up front) the pattern is compiled as
it is.

Inside the pattern, each alternative that opens with a case-blind letter opens with the class of its cases
instead (below): the engine skips such an alternative on one test.

Compiling the package's patterns cost more CPU than the rest of `pricewatch parse`; the programs compile makes
are kept for the next start beside this module's bytecode (pricewatch/programcache.py).

Measured by bench/extraction.py and bench/reading.py; tests/test_fastre.py checks that every pattern of the
package matches what the standard compiler's matches, on the repository's texts in both cases.
"""

from __future__ import annotations

import base64
import re
from array import array
from contextlib import suppress
from functools import cache
from typing import Any

from pricewatch.programcache import ProgramCache

try:
    import _sre as _engine
    from re import _compiler as _sre_compile
    from re import _constants as _sre
    from re import _parser as _sre_parse

    _sre_compile._code  # noqa: B018 - what makes a program; a Python without it compiles the patterns as they are
except (ImportError, AttributeError):  # a Python whose private regex modules moved: patterns compiled as they are
    _engine = _sre = _sre_compile = _sre_parse = None  # type: ignore[assignment]

# Categories narrow enough to be worth a test: a digit. A space, a word character or anything that is not a
# digit is at nearly every position of running text, and the test would only add a step there (measured:
# with spaces let in, reading pages was no faster).
_NARROW_CATEGORIES = {"CATEGORY_DIGIT": r"\d"}

# Characters outside ASCII that a case-blind pattern matches for an ASCII letter: the engine folds each
# character to its lower case ('K', the Kelvin sign, to 'k'; 'İ' to 'i') and knows a few more pairs ('ſ' is
# an 's', 'ı' an 'i'). Checked against the engine itself by the tests.
_FOLDED_OUTSIDE_ASCII = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}

_Member = tuple[Any, Any, bool]  # a class member as the parser gives it (op, value), and whether case is folded


class _Unreadable(Exception):
    """The pattern's first characters cannot be told (or are too many to be worth testing)."""


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - named after the re.compile it wraps
    """re.compile(PATTERN, FLAGS), tried only at the characters a match can start with."""
    if _engine is None:
        return re.compile(pattern, flags)
    kept = _PROGRAMS.get(pattern, flags)
    if kept is not None:
        with suppress(RuntimeError, TypeError, ValueError, OverflowError):  # a damaged entry: compiled again
            return _built(pattern, flags, kept)
    entry, built = _scanning_program(pattern, flags)
    _PROGRAMS.put(pattern, flags, entry)
    return built


def _built(pattern: str, flags: int, entry: list[Any]) -> re.Pattern[str]:
    """The pattern of a program (text, flags, code, groups, group index, index group, whether it scans)."""
    text, final_flags, code, groups, groupindex, indexgroup, scans = entry
    built = _engine.compile(text, final_flags, _unpacked(code), groups, groupindex, tuple(indexgroup))
    if scans:
        _SOURCE[built] = (pattern, flags)
    return built


def _scanning_program(pattern: str, flags: int) -> tuple[list[Any], re.Pattern[str]]:
    """(the entry of PATTERN's program, with its first-character test where one can be given; its pattern)."""
    tree, firsts = _first_characters(pattern, flags)
    if tree is not None:
        try:
            entry = [*_with_scan_class(pattern, flags, tree, _exact_class(firsts)), True]
            return entry, _built(pattern, flags, entry)  # the engine checks the program it is given
        except (_Unreadable, re.error, AttributeError, TypeError, RuntimeError):
            scanning = _with_lookahead(pattern, flags, _class_text(firsts))
            if scanning is not None:
                entry = [*scanning, True]
                return entry, _built(pattern, flags, entry)
    entry = [*_program(pattern, flags), False]
    return entry, _built(pattern, flags, entry)


def _program(text: str, flags: int, tree: Any = None, code: list[Any] | None = None) -> list[Any]:
    """What the engine is built from, as the standard compiler makes it (re._compiler.compile), JSON-ready:
    text, flags, code, groups, group index, index group."""
    tree = _sre_parse.parse(text, flags) if tree is None else tree
    code = _sre_compile._code(tree, flags) if code is None else code
    names: list[str | None] = [None] * tree.state.groups
    for name, index in tree.state.groupdict.items():
        names[index] = name
    return [text, flags | tree.state.flags, _packed(code), tree.state.groups - 1, tree.state.groupdict, names]


# A program's code is thousands of integers (a class of CJK characters is a table of them); kept as the bytes of
# an array of 32-bit words, in Base64, it is read back several times faster than a JSON list of numbers.


def _packed(code: list[Any]) -> str:
    return base64.b64encode(array("I", code).tobytes()).decode("ascii")


def _unpacked(packed: str) -> list[int]:
    words = array("I")
    words.frombytes(base64.b64decode(packed, validate=True))
    return words.tolist()


# Programs compiled by an earlier start, beside this module's bytecode (pricewatch/programcache.py).
_PROGRAMS = ProgramCache.beside(__file__)


def plain_of(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern as the standard compiler compiles it, without the first-character test `compile` gave it."""
    return re.compile(*_SOURCE[pattern]) if pattern in _SOURCE else pattern


def source_of(pattern: re.Pattern[str]) -> str:
    """The pattern as it was written, to build a larger one of it."""
    return _SOURCE[pattern][0] if pattern in _SOURCE else pattern.pattern


# Each pattern given a test, and what it was compiled from: the plain pattern is compiled only when asked for.
_SOURCE: dict[re.Pattern[str], tuple[str, int]] = {}


def lead_class(pattern: str, flags: int = 0) -> str | None:
    """A class ('[$€]|(?i:[u])') true at every position where PATTERN can start a match; None when the engine
    needs no help (it scans for the literal the pattern opens with) or the characters cannot be told."""
    _, firsts = _first_characters(pattern, flags)
    return _class_text(firsts) if firsts else None


def _first_characters(pattern: str, flags: int) -> tuple[Any, list[_Member]]:
    """(the parse tree, the class members a match can start with); (None, []) where no test is worth adding."""
    if _sre_parse is None:
        return None, []
    try:
        tree = _sre_parse.parse(pattern, flags)
        if _engine_skips_ahead(tree, flags):
            return None, []
        # the flags given, and those the pattern sets for itself ('(?i)usd')
        folded = bool((flags | tree.state.flags) & re.IGNORECASE)
        firsts, can_be_empty = _firsts_of_sequence(tree.data, folded=folded)
    except (_Unreadable, re.error, KeyError, AttributeError):
        return None, []
    if can_be_empty or not firsts:
        return None, []
    return tree, firsts


def _engine_skips_ahead(tree: Any, flags: int) -> bool:
    """The engine's own test: a pattern that opens with a literal needs no help. (One that opens with a class
    gets the class again, its digits in the table: the engine tests a digit category by a lookup per character.)"""
    prefix, _, _ = _sre_compile._get_literal_prefix(tree, flags)
    return bool(prefix)


def _firsts_of_sequence(items: list[tuple[Any, Any]], *, folded: bool) -> tuple[list[_Member], bool]:
    """(class members a match of ITEMS can start with, whether ITEMS can match the empty string)."""
    firsts: list[_Member] = []
    for op, av in items:
        more, can_be_empty = _firsts_of(op, av, folded=folded)
        firsts += more
        if not can_be_empty:
            return firsts, False
    return firsts, True


def _firsts_of(op: Any, av: Any, *, folded: bool) -> tuple[list[_Member], bool]:
    if op is _sre.LITERAL:
        return [(_sre.LITERAL, av, folded)], False
    if op is _sre.IN:
        return [_set_member(member_op, member, folded) for member_op, member in av], False
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


def _set_member(op: Any, member: Any, folded: bool) -> _Member:
    if op in (_sre.LITERAL, _sre.RANGE):
        return op, member, folded
    if op is _sre.CATEGORY and str(member) in _NARROW_CATEGORIES:
        return op, member, False
    raise _Unreadable(op)  # a negated class, or a category too wide to test


# --- the class as the engine's scan header ---------------------------------------------------------


def _exact_class(firsts: list[_Member]) -> list[tuple[Any, Any]]:
    """The members as the engine tests them, one character against each, every case of a folded letter spelt out."""
    exact: list[tuple[Any, Any]] = []
    for op, av, folded in firsts:
        if op is _sre.CATEGORY:  # a digit: tested in the header's table of characters, not by its category
            exact += _digit_ranges()
            continue
        if not folded:
            exact.append((op, av))
            continue
        low, high = (av, av) if op is _sre.LITERAL else av
        if high - low > 64:
            raise _Unreadable(op)  # a wide range matched in either case: the lookahead tests it
        exact += [(_sre.LITERAL, ord(c)) for code in range(low, high + 1) for c in _letter_cases(code) or chr(code)]
    return list(dict.fromkeys(exact))  # each member once: the engine tests a character against each in turn


@cache
def _digit_ranges() -> list[tuple[Any, Any]]:
    """Where the characters `\\d` matches lie, as ranges: those of the first 65,536 code points one by one, which
    the header's table of characters holds; everything above in one range, a superset the table cannot hold."""
    below, above = (
        array("I", codes).tobytes().decode("utf-32-le") for codes in (range(0xD800), range(0xE000, 0x10000))
    )
    runs = [(m.start(), m.end() - 1) for m in re.finditer(r"\d+", below)]
    runs += [(m.start() + 0xE000, m.end() - 1 + 0xE000) for m in re.finditer(r"\d+", above)]  # no digit is a surrogate
    return [(_sre.RANGE, run) for run in runs] + [(_sre.RANGE, (0x10000, 0x10FFFF))]


def _with_scan_class(pattern: str, flags: int, tree: Any, members: list[tuple[Any, Any]]) -> list[Any]:
    """PATTERN compiled as the standard compiler does, with MEMBERS as the class its header tells the engine
    to scan for (the header the compiler writes for a pattern that opens with a class)."""
    flags |= tree.state.flags
    low, high = tree.getwidth()
    if low == 0:
        raise _Unreadable("empty")
    charset, _ = _sre_compile._optimize_charset(members)  # no case to fold: every case is among the members
    code = [_sre.INFO, 0, _sre.SRE_INFO_CHARSET, min(low, _sre_compile.MAXCODE), min(high, _sre_compile.MAXCODE)]
    _sre_compile._compile_charset(charset, flags, code)
    code[1] = len(code) - 1
    data = tree.data
    if not flags & re.LOCALE:
        with suppress(_Unreadable):
            data = _skippable(tree.data, folded=bool(flags & re.IGNORECASE), ascii=bool(flags & re.ASCII)).data
    _sre_compile._compile(code, data, flags)
    code.append(_sre.SUCCESS)
    return _program(pattern, flags, tree, code)


# --- case-blind alternatives the engine can skip ------------------------------------------------------
#
# At each place it tries an alternation ('usd|cny|dollar|…'), the engine skips an alternative on one plain
# comparison when the alternative opens with a character or a class, but not when it opens with a case-blind
# letter: that it enters, folding the text's character to lower case to compare it. An alternative opening
# with a letter is given that letter as the class of its cases, compared plainly ('(?-i:[uU])sd'): it matches the
# same text, and the engine turns it away on one test. The rest of the alternative is left as written.


def _skippable(items: list[tuple[Any, Any]], *, folded: bool, ascii: bool) -> Any:
    """ITEMS (a parse tree's sequence) with each alternative that opens with a case-blind letter opening with the
    class of its cases instead."""
    return _sre_parse.SubPattern(_sre_parse.State(), [_with_skippable(op, av, folded, ascii) for op, av in items])


def _with_skippable(op: Any, av: Any, folded: bool, ascii: bool) -> tuple[Any, Any]:
    if op is _sre.BRANCH:
        return op, (av[0], [_opening_spelt(branch.data, folded, ascii) for branch in av[1]])
    if op is _sre.SUBPATTERN:
        group, add_flags, del_flags, body = av
        inner = (folded or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
        return op, (group, add_flags, del_flags, _skippable(body.data, folded=inner, ascii=ascii))
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
        least, most, body = av
        return op, (least, most, _skippable(body.data, folded=folded, ascii=ascii))
    if op in (_sre.ASSERT, _sre.ASSERT_NOT):
        direction, body = av
        return op, (direction, _skippable(body.data, folded=folded, ascii=ascii))
    return op, av  # everything else holds no alternation, or is left as it is


def _opening_spelt(items: list[tuple[Any, Any]], folded: bool, ascii: bool) -> Any:
    spelt = _skippable(items, folded=folded, ascii=ascii)
    if folded and spelt.data and spelt.data[0][0] is _sre.LITERAL:
        cases = _letter_cases(spelt.data[0][1], ascii)
        if cases:
            plain = _sre_parse.SubPattern(_sre_parse.State(), [(_sre.IN, [(_sre.LITERAL, ord(c)) for c in cases])])
            spelt.data[0] = (_sre.SUBPATTERN, (None, 0, re.IGNORECASE, plain))
    return spelt


def _letter_cases(code: int, ascii: bool = False) -> str:
    """The characters the engine takes for the letter CODE when it folds case; '' for a character of no case."""
    if not _engine.unicode_iscased(code):
        return ""
    char = chr(code)
    if not char.isascii():
        raise _Unreadable(char)
    lower = char.lower()
    return lower + lower.upper() + ("" if ascii else _FOLDED_OUTSIDE_ASCII.get(lower, ""))


# --- the class as a lookahead ------------------------------------------------------------------------


def _with_lookahead(pattern: str, flags: int, lead: str) -> list[Any] | None:
    end = "\n" if flags & re.VERBOSE else ""  # a verbose pattern may end in a comment, which would hide the ')'
    try:
        return _program(f"(?={lead})(?:{pattern}{end})", flags)
    except re.error:  # e.g. global inline flags, which must open the pattern
        return None


def _class_text(firsts: list[_Member]) -> str:
    plain = "".join(_member_text(op, av) for op, av, folded in firsts if not folded)
    folded = "".join(_member_text(op, av) for op, av, folded in firsts if folded)
    return "|".join(([f"[{plain}]"] if plain else []) + ([f"(?i:[{folded}])"] if folded else []))


def _member_text(op: Any, av: Any) -> str:
    if op is _sre.LITERAL:
        return _char(av)
    if op is _sre.RANGE:
        return f"{_char(av[0])}-{_char(av[1])}"
    return _NARROW_CATEGORIES[str(av)]


def _char(code: int) -> str:
    return f"\\U{code:08x}"
