"""How pricing pages are written, as data: the marks and script globals readers look for.

Readers consult this table and never name a site. A convention goes here when at least two sources write
a page that way, so a new page written the same way is read without a code change.
"""

from __future__ import annotations

from types import MappingProxyType

# A cell that repeats the cell above it. Docs exported from spreadsheets write "^^"; Japanese and
# Chinese tables write the ditto mark or "same as above" in words.
SAME_AS_ABOVE: frozenset[str] = frozenset({"^^", "〃", "同上"})

# Globals that single-page docs sites assign the page's content to, as JSON, in an inline script.
# Each is a framework's convention, so every site built on that framework ships the page this way.
STATE_GLOBALS: MappingProxyType[str, str] = MappingProxyType(
    {
        "_ROUTER_DATA": "Modern.js router loader data (docs pages keep their markdown in it)",
        "__NEXT_DATA__": "Next.js page props",
        "__NUXT__": "Nuxt server state",
        "__INITIAL_STATE__": "Vue / Vuex server-rendered state",
        "__PRELOADED_STATE__": "Redux server-rendered state",
        "__APOLLO_STATE__": "Apollo GraphQL cache",
    }
)

# Script tags whose whole body is JSON data rather than code: by id, and by type.
JSON_SCRIPT_IDS: frozenset[str] = frozenset({"__NEXT_DATA__", "__NUXT_DATA__"})
JSON_SCRIPT_TYPES: frozenset[str] = frozenset({"application/json"})

# Status badges printed beside a model's name in their own element ('Atlas-2 <span>New</span>', '星河-Pro
# <span>热门</span>'): marketing, not part of the name. A badge comes and goes while the model stays, so reading
# it into the name would make the model look removed and a new one appear. Words a model id can end with
# ('preview', 'beta', 'experimental', 'latest' in 'chatgpt-4o-latest') are not here.
STATUS_BADGES: frozenset[str] = frozenset(
    {
        "new",
        "hot",
        "popular",
        "most popular",
        "recommended",
        "featured",
        "best value",
        "deprecated",
        "legacy",
        "新",
        "新品",
        "新上线",
        "上新",
        "热门",
        "推荐",
        "爆款",
        "热销",
        "已弃用",
        "旧版",
        "新着",
        "新登場",
        "おすすめ",
        "人気",
        "推奨",
        "非推奨",
        "旧モデル",
    }
)
