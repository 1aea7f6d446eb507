"""MDX docs pages (markdown with JSX components) → plain markdown the page reader understands.

Docs sites built on MDX write `<Tab title="GLM-Z1-Air">` around a model's section and
`<Card title="价格" icon={<svg …/>}>0.5 元 / 百万 Tokens</Card>` for one labelled value. A component
holding other components becomes a heading of its title; a leaf component becomes a "title: content"
line. JSX expression attributes (`icon={…}`, `cols={3}`) carry nothing to read and are dropped.
"""

from __future__ import annotations

import re

from pricewatch import fastre

_COMPONENT_OPEN = fastre.compile(r"<([A-Z][A-Za-z0-9]*)\b")
_LEAF = fastre.compile(r"<([A-Z][A-Za-z0-9]*)([^<>]*)>((?:(?!<[A-Z/]).)*?)</\1>", re.S)
_TITLED = fastre.compile(r"<([A-Z][A-Za-z0-9]*)[^<>]*?\btitle=\"([^\"]*)\"[^<>]*>")
_ANY_COMPONENT_TAG = fastre.compile(r"</?[A-Z][A-Za-z0-9]*[^<>]*?/?>")
_TITLE = fastre.compile(r"\btitle=\"([^\"]*)\"")


def looks_like_mdx(text: str) -> bool:
    return bool(re.search(r"^\s*<[A-Z][A-Za-z0-9]*[\s>]", text, re.MULTILINE))


def mdx_to_markdown(text: str) -> str:
    """Components flattened to headings and 'label: value' lines; other markdown untouched."""
    text = _drop_jsx_expressions(text)
    text = _LEAF.sub(_leaf_line, text)
    text = _TITLED.sub(lambda m: f"\n\n#### {m.group(2)}\n\n", text)
    text = _ANY_COMPONENT_TAG.sub("\n", text)
    # Component bodies are indented; in markdown four spaces would make them code blocks.
    return "\n".join(line.strip() if line.startswith("  ") else line for line in text.splitlines())


def _leaf_line(match: re.Match[str]) -> str:
    title = _TITLE.search(match.group(2))
    body = " ".join(match.group(3).split())
    if title:
        return f"\n\n{title.group(1)}: {body}\n\n"
    return f"\n\n{body}\n\n"


def _drop_jsx_expressions(text: str) -> str:
    """Remove `name={…}` attributes (braces balanced, so `icon={<svg style={{…}} />}` goes whole)."""
    out: list[str] = []
    i = 0
    for match in re.finditer(r"\s[A-Za-z][\w-]*=\{", text):
        if match.start() < i:
            continue
        depth, j = 1, match.end()
        while j < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[j], 0)
            j += 1
        out.append(text[i : match.start()])
        i = j
    out.append(text[i:])
    return "".join(out)
