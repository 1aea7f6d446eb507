"""Scanning shortcuts never change what a pattern matches: the first-character test `fastre.compile` puts before
a pattern, and the product scans tried only from their marks."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import random
import re
import string
from pathlib import Path

import pytest

import pricewatch
from pricewatch import fastre, vendors

TESTS = Path(__file__).parent
ROOT = TESTS.parent


@pytest.mark.parametrize(
    ("pattern", "flags", "lead"),
    [
        pytest.param(r"(?<![A-Za-z])(?:USD|CNY)|\$", 0, "[UC$]", id="lookbehind-then-words"),
        pytest.param(r"(?:约|~)?\s*\$\d", 0, None, id="optional-then-space-too-wide"),
        pytest.param(r"(?:约|~)?\$\d", 0, "[约~$]", id="optional-part-then-sign"),
        pytest.param(r"(?i:usd)\d", 0, "(?i:[u])", id="case-folded-group"),
        pytest.param(r"usd|\$", re.IGNORECASE, "(?i:[u$])", id="case-folded-by-flag"),
        pytest.param(r"(?i)usd|\$", 0, "(?i:[u$])", id="case-folded-by-the-pattern"),
        pytest.param(r"(?=[ab])\w+", 0, "[ab]", id="lookahead-up-front"),
        pytest.param(r"[$€]\d", 0, "[$€]", id="class-first"),
        pytest.param(r"\d+", 0, r"[\d]", id="repeated-digits"),
        pytest.param(r"per|每", 0, "[p每]", id="literals-first"),
        pytest.param(r"per", 0, None, id="one-literal-first-engine-scans"),
        pytest.param(r"a?", 0, None, id="can-match-empty"),
        pytest.param(r"(?<=。)|\n+", 0, None, id="empty-split-point"),
        pytest.param(r"(?<!x).b", 0, None, id="any-character"),
        pytest.param(r"(?<!x)[^a]b", 0, None, id="negated-class"),
    ],
)
def test_lead_class(pattern: str, flags: int, lead: str | None) -> None:
    found = fastre.lead_class(pattern, flags)
    if lead is None:
        assert found is None
        return
    assert found is not None
    assert re.sub(r"\\U([0-9a-f]{8})", lambda m: chr(int(m.group(1), 16)), found) == lead


def test_every_case_the_engine_folds_a_letter_to_is_scanned_for() -> None:
    everything = "".join(map(chr, range(0x110000)))
    for letter in string.ascii_lowercase:
        assert set(fastre._letter_cases(ord(letter))) == set(re.findall(letter, everything, re.IGNORECASE)), letter


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("price ١٢٣ here", id="arabic-indic-digits"),
        pytest.param("price \U0001d7d9\U0001d7da here", id="digits-above-the-basic-plane"),
        pytest.param("USD 5 or uſd 6 or ＵＳＤ 7", id="folded-letters"),
        pytest.param("uSd 5", id="mixed-case-word"),
    ],
)
def test_a_scanned_pattern_finds_what_the_plain_one_finds(text: str) -> None:
    for pattern in (
        fastre.compile(r"(?<![a-z])(?:usd\s*)?\d+", re.IGNORECASE),
        fastre.compile(r"(?i)(?<![a-z])(?:usd\s*)?\d+"),  # case folded by the pattern itself
    ):
        assert pattern is not fastre.plain_of(pattern)
        found = [m.span() for m in pattern.finditer(text)]
        assert found == [m.span() for m in fastre.plain_of(pattern).finditer(text)]
        assert found


def test_verbose_pattern_ending_in_a_comment() -> None:
    pattern = fastre.compile("(?<!x)(?:ab|cd)  # two words\n  |ef  # or a third", re.VERBOSE)
    assert pattern.findall("xab cd ef") == ["cd", "ef"]
    assert pattern is not fastre.plain_of(pattern)


def _core_patterns() -> list[tuple[str, re.Pattern[str]]]:
    found = []
    for module_info in pkgutil.walk_packages(pricewatch.__path__, "pricewatch."):
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and fastre.plain_of(value) is not value:
                found.append((f"{module_info.name}.{name}", value))
    return found


def _texts() -> list[str]:
    """The repository's own pages, and every string written in the grammar's and the news extractor's tests."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((TESTS / "fixtures" / "pages").glob("*.*"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "pricewatch" / "demo_pages").rglob("*.html"))]
    for test_file in ("test_grammar.py", "test_news_extract.py", "test_normalize.py"):
        tree = ast.parse((TESTS / test_file).read_text(encoding="utf-8"))
        texts += [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    return texts


def test_core_patterns_match_as_written() -> None:
    patterns = _core_patterns()
    assert len(patterns) > 50  # the test reads the patterns it should
    texts = _texts()
    # every letter in its other case, and the characters outside ASCII the engine takes for 'k', 's' and 'i'
    texts += [text.swapcase() for text in texts] + [
        "\u212aimi-\u017fonnet 1M to\u212ae\u0130s \u0131nput $2 U\u017fD 3"
    ]
    for name, tested in patterns:
        plain = fastre.plain_of(tested)
        for text in texts:
            got = [(m.span(), m.groups()) for m in tested.finditer(text)]
            assert got == [(m.span(), m.groups()) for m in plain.finditer(text)], (name, text[:80])


@pytest.mark.parametrize(
    ("pattern", "anchor", "starts"),
    [
        pytest.param(vendors._PRODUCT_ID, vendors._ID_ANCHOR, vendors._id_starts, id="product-ids"),
        pytest.param(vendors._VARIANT_PRODUCT, vendors._VARIANT_ANCHOR, vendors._family_starts, id="family-variants"),
        pytest.param(vendors._NEAR_FAMILY, vendors._VERSION_ANCHOR, vendors._word_starts, id="near-families"),
    ],
)
def test_product_scans_from_their_marks_find_what_a_full_scan_finds(pattern, anchor, starts) -> None:  # noqa: ANN001
    rng = random.Random(7)
    pieces = [*"abXYZ-.- 09 星火灵犀。,\n", "Nimbus", "Qwen", "-Max", "-mini", "-V3", "-7b", " 1.5", "Gemnini", "Pro"]
    made = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 25))) for _ in range(5000)]
    for text in _texts() + made:
        full = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert [(m.span(), m.groups()) for m in vendors._matches_at_anchors(pattern, anchor, text, starts)] == full, (
            text
        )
