"""The one table of vendors: their ids, the names they go by in zh/ja/en, and their model families.

The pricing readers (LiteLLM providers, model prefixes) and the news extractor (company
names in three languages) both look vendors up here.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from pricewatch import fastre


@dataclass(frozen=True)
class Vendor:
    id: str
    names: tuple[str, ...]  # company and product names as written in zh / ja / en
    model_prefixes: tuple[str, ...] = ()  # model ids starting with these belong to the vendor
    litellm_providers: tuple[str, ...] = ()
    # Families as other scripts spell them, (spelling, family): machine translations into Japanese write
    # 'クロード3.5ソネット' for claude-3.5-sonnet, Chinese news '星火Lite' for spark-lite and '百川4' for baichuan-4.
    family_spellings: tuple[tuple[str, str], ...] = ()


VENDORS: tuple[Vendor, ...] = (
    Vendor(
        "openai",
        ("OpenAI", "オープンAI"),
        ("gpt", "chatgpt", "o1", "o3", "o4", "codex", "computer-use", "dall-e", "whisper", "tts-", "text-embedding"),
        ("openai", "text-completion-openai"),
    ),
    Vendor("anthropic", ("Anthropic", "アンソロピック"), ("claude",), ("anthropic",), (("クロード", "claude"),)),
    Vendor(
        "google",
        ("Google", "谷歌", "グーグル", "Gemini API"),
        ("gemini", "gemma", "veo", "imagen"),
        ("gemini", "vertex_ai-language-models", "vertex_ai", "palm"),
        (("ジェミニ", "gemini"), ("ジェマ", "gemma")),
    ),
    Vendor(
        "mistral",
        ("Mistral", "Mistral AI"),
        (
            "mistral",
            "mixtral",
            "codestral",
            "pixtral",
            "ministral",
            "magistral",
            "devstral",
            "open-mistral",
            "open-mixtral",
        ),
        ("mistral",),
        (("ミストラル", "mistral"), ("ミクストラル", "mixtral")),
    ),
    Vendor(
        "deepseek",
        ("DeepSeek", "深度求索", "ディープシーク"),
        ("deepseek",),
        ("deepseek",),
        (("ディープシーク", "deepseek"),),
    ),
    Vendor(
        "alibaba",
        (
            "阿里云",
            "阿里巴巴",
            "阿里雲",
            "阿里通义",
            "通义千问",
            "通義千問",
            "アリクラウド",
            "アリババ",
            "Alibaba Cloud",
            "Alibaba",
            "百炼",
            "Model Studio",
            "DashScope",
        ),
        ("qwen", "qwq", "qvq", "tongyi"),
        ("dashscope", "alibaba"),
        (("クウェン", "qwen"), ("通义千问", "qwen"), ("千问", "qwen")),
    ),
    Vendor(
        "baidu",
        ("百度", "文心", "千帆", "バイドゥ", "Baidu", "Qianfan"),
        ("ernie", "wenxin"),
        ("baidu", "qianfan"),
        (("文心一言", "ernie"), ("文心", "ernie"), ("アーニー", "ernie")),  # 文心一言 is ERNIE Bot's Chinese name
    ),
    Vendor(
        "bytedance",
        ("字节跳动", "字節跳動", "字节", "火山引擎", "豆包", "バイトダンス", "ドウバオ", "ByteDance", "Volcengine"),
        ("doubao", "skylark"),
        ("volcengine",),
        (("豆包", "doubao"), ("ドウバオ", "doubao")),
    ),
    Vendor(
        "zhipu",
        ("智谱", "智譜", "智谱AI", "Zhipu", "Z.ai", "BigModel", "ジープー"),
        ("glm", "chatglm", "cogview", "cogvideo"),
        ("zhipuai", "zai"),
    ),
    Vendor(
        "moonshot",
        ("月之暗面", "Moonshot", "Moonshot AI", "ムーンショット"),
        ("kimi", "moonshot"),
        ("moonshot",),
        (("キミ", "kimi"),),
    ),
    Vendor("minimax", ("MiniMax", "稀宇科技"), ("minimax", "abab", "hailuo"), ("minimax",)),
    Vendor(
        "tencent",
        ("腾讯", "騰訊", "テンセント", "Tencent", "混元"),
        ("hunyuan",),
        ("tencent", "hunyuan"),
        (("混元", "hunyuan"),),
    ),
    Vendor(
        "iflytek",
        ("科大讯飞", "讯飞", "訊飛", "iFlytek", "iFLYTEK"),
        ("spark", "星火"),
        ("xfyun",),
        (("星火", "spark"),),
    ),
    Vendor("xai", ("xAI",), ("grok",), ("xai",), (("グロック", "grok"),)),
    Vendor("perplexity", ("Perplexity",), ("sonar",), ("perplexity",)),
    Vendor("stepfun", ("阶跃星辰", "StepFun"), ("step-",), ()),
    Vendor("baichuan", ("百川智能", "百川", "Baichuan"), ("baichuan",), (), (("百川", "baichuan"),)),
    Vendor("01ai", ("零一万物", "零一萬物", "01.AI", "01.ai", "Lingyiwanwu"), ("yi-",), ()),
    Vendor("xiaomi", ("小米", "Xiaomi"), ("mimo",), ()),
    Vendor("meta", ("Meta",), ("llama",), ("meta_llama",), (("ラマ", "llama"),)),
    Vendor("cohere", ("Cohere",), ("command",), ("cohere", "cohere_chat")),
    Vendor("amazon", ("Amazon", "AWS"), ("amazon.nova", "nova-"), ("bedrock",)),
)

_BY_ID = {v.id: v for v in VENDORS}
# Other ids people use for the same vendor.
_ID_ALIASES = {
    "xfyun": "iflytek",
    "zhipuai": "zhipu",
    "zai": "zhipu",
    "kimi": "moonshot",
    "dashscope": "alibaba",
    "volcengine": "bytedance",
    "gemini": "google",
}


def vendor_by_id(vendor_id: str) -> Vendor | None:
    key = vendor_id.strip().lower()
    return _BY_ID.get(_ID_ALIASES.get(key, key))


def canonical_vendor_id(name: str) -> str | None:
    """'xfyun' → 'iflytek'; an unknown id stays None."""
    vendor = vendor_by_id(name)
    return vendor.id if vendor else None


# Second-level labels of country domains ('example.com.cn', 'example.co.jp'): the name sits one label further in.
_SHARED_SECOND_LEVEL = frozenset({"com", "net", "org", "co", "ac", "or", "ne", "gov", "edu", "go"})


def vendor_of_host(url: str | None) -> str | None:
    """The vendor a page's address names: a known vendor among its host's labels ('bigmodel.cn' → zhipu,
    'platform.kimi.ai' → moonshot), else the name the host registers ('api.newvendor.ai' → 'newvendor').
    None for a local file or an address with no dotted host."""
    if not url or "://" not in url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2 or all(label.isdigit() for label in labels):
        return None
    for label in labels:
        known = canonical_vendor_id(label) or _NAME_TO_ID.get(label)
        if known:
            return known
    name = labels[-2]
    if name in _SHARED_SECOND_LEVEL and len(labels) >= 3:
        name = labels[-3]
    return name


def vendor_for_litellm_provider(provider: str) -> str:
    """LiteLLM's `litellm_provider` → our vendor id (unknown providers keep their own name)."""
    key = provider.strip().lower()
    for vendor in VENDORS:
        if key in vendor.litellm_providers:
            return vendor.id
    return _ID_ALIASES.get(key, key)


@lru_cache(maxsize=8192)
def vendor_for_model(model: str) -> str | None:
    """The vendor a model id belongs to, from its family prefix ('qwen-long' → 'alibaba')."""
    key = model.strip().lower()
    key = key.split("/", 1)[1] if "/" in key else key
    # The longest prefix wins: the key's own beginnings are looked up, longest first.
    for length in range(min(len(key), _LONGEST_PREFIX), 0, -1):
        vendor_id = _VENDOR_OF_PREFIX.get(key[:length])
        if vendor_id:
            return vendor_id
    return None


_VENDOR_OF_PREFIX: dict[str, str] = {}
for _vendor in VENDORS:
    for _prefix in _vendor.model_prefixes:
        _VENDOR_OF_PREFIX.setdefault(_prefix, _vendor.id)  # a prefix two vendors list is the first one's
_LONGEST_PREFIX = max(map(len, _VENDOR_OF_PREFIX))


def _name_pattern() -> re.Pattern[str]:
    # Longest first, so the engine tries 'Moonshot AI' before 'Moonshot'; ties alphabetical, so the pattern (and
    # the compiled program kept for the next start, pricewatch/programcache.py) is the same at every start.
    names = sorted({n for v in VENDORS for n in v.names}, key=lambda name: (-len(name), name))
    # ASCII names must stand as words ("Meta" not inside "Metadata"); CJK names need no boundary.
    parts = [rf"(?<![A-Za-z]){re.escape(n)}(?![A-Za-z])" if n.isascii() else re.escape(n) for n in names]
    return fastre.compile("|".join(parts), re.IGNORECASE)


_NAMES = _name_pattern()
_NAME_TO_ID = {n.lower(): v.id for v in VENDORS for n in v.names}


def vendor_of_name(name: str) -> str | None:
    """The vendor a cell names ('Groq', 'DeepInfra', '阿里云'): a known company's id, else the name as an id
    ('deepinfra'), else None for a name in another script the vendor table does not know."""
    named = vendors_named_in(name)
    if len({vendor for _, vendor in named}) == 1:
        return named[0][1]
    slug = _NOT_ID_CHARS.sub("-", name.strip().lower()).strip("-")
    if not slug or not slug.isascii() or not any(c.isalpha() for c in slug):
        return None
    return canonical_vendor_id(slug) or slug  # an alias of a known vendor ('xfyun'), as a host's name is read


_NOT_ID_CHARS = fastre.compile(r"[^a-z0-9]+")


def vendors_named_in(text: str) -> list[tuple[int, str]]:
    """(position, vendor id) of every company or product name in TEXT, in order."""
    return [(m.start(), _NAME_TO_ID[m.group(0).lower()]) for m in _NAMES.finditer(text)]


# A status in brackets after a name that comes and goes while the model stays: dropped ('GLM-4 (deprecated)',
# 'Atlas-2（新）').
_STATUS_NOTE = fastre.compile(
    r"[(（]\s*(?:deprecated|legacy|new|已弃用|旧版|新|推荐|非推奨|新登場|おすすめ)\s*[)）]", re.IGNORECASE
)
# A release stage in brackets is part of the id, as the vendors' ids write it: 'acme-2 (preview)' is acme-2-preview,
# and so are 'acme-2（预览版）' and 'acme-2（プレビュー）'.
_STAGES = {"preview": "preview", "beta": "beta", "experimental": "exp", "プレビュー": "preview", "ベータ": "beta"}
_STAGES |= {spelling: "preview" for spelling in ("预览", "预览版", "預覽", "預覽版")}
_STAGES |= {spelling: "beta" for spelling in ("公测", "公测版", "公測", "公測版", "测试版", "測試版", "内测", "內測")}
_STAGE_NOTE = fastre.compile(rf"\s*[(（]\s*({'|'.join(sorted(_STAGES, key=len, reverse=True))})\s*[)）]", re.IGNORECASE)


def _stage_word(note: re.Match[str]) -> str:
    return " " + _STAGES[note.group(1).lower()]


_FAMILY_WORD = fastre.compile(r"\s*(?:系列|シリーズ|系列模型|\bseries|\bfamily)\s*$", re.IGNORECASE)
# A note mark after a name, as pages number their notes: 'Vela-2 ※1', 'Vela-2 Mini †', 'acme-lite 注2', '①'.
_NOTE_MARK = fastre.compile(r"\s*(?:[※†‡§]+\s*\d{0,2}|注\s*\d{1,2}|[①-⑳])\s*$")
# Several models named in one cell: 'GLM-4-Flash / GLM-4-FlashX', 'qwen-max、qwen-max-latest'.
_NAME_LIST = fastre.compile(r"\s+/\s+|[、,，]\s*|\s+(?:and|or|和|及)\s+")


def model_names(cell: str) -> list[str]:
    """The model names a label names: one, or each of 'A / B' when every part looks like a model id."""
    parts = [p.strip() for p in _NAME_LIST.split(cell) if p.strip()]
    if len(parts) > 1 and all(re.search(r"[A-Za-z]", p) and re.search(r"\d|-", p) for p in parts):
        return parts
    return [cell]


@lru_cache(maxsize=8192)  # pure, and a page names each model once per price: cached per distinct text
def model_key(name: str) -> str:
    """A model's name as printed → the id we store ('Claude Opus 4.5 (deprecated)' → 'claude-opus-4.5')."""
    if _is_plain_id(name):
        return name.lower()  # 'gpt-4o-mini', 'GLM-4-Flash': none of the tidying below would change it
    text = _NOTE_MARK.sub("", _STATUS_NOTE.sub(" ", name))
    if "(" in text or "（" in text:
        text = _STAGE_NOTE.sub(_stage_word, text)
    text = _FAMILY_WORD.sub("", text)  # 'ernie-speed系列', 'Gemini 2.5 Flash series': the family's own id
    text = _STRAY_O.sub(r"\1o", text)  # 'GPT-4 o' is gpt-4o
    if _KATAKANA_WORD.search(text):
        text = _KATAKANA_WORD.sub(lambda m: "-" + KATAKANA_VARIANTS[m.group(1)], text)
    text = text.replace("*", " ").replace("`", " ").strip().lower()
    text = _SEPARATORS.sub("-", text)
    return text.strip("-")


@lru_cache(maxsize=8192)
def model_display_name(name: str) -> str:
    """The name as the page prints it, tidied ('Qwen-Long*', 'GLM-4 (deprecated)' → 'Qwen-Long', 'GLM-4');
    empty when the tidy name would not give the same key (the printed name is then no good as a label)."""
    if _is_plain_id(name) and len(name) <= 80:
        return name
    text = _NOTE_MARK.sub("", _STATUS_NOTE.sub(" ", name)).replace("*", " ").replace("`", " ")
    text = " ".join(_FAMILY_WORD.sub("", text).split())[:80]
    return text if text and model_key(text) == model_key(name) else ""


# An id written as the vendors' APIs write it: letters, digits and dots in parts joined by single hyphens. Most names
# on a page are, and they need none of the tidying of a printed name (notes, stages, a family word, spaces).
_PLAIN_ID = fastre.compile(r"[A-Za-z0-9.]+(?:-[A-Za-z0-9.]+)*")


def is_plain_id(name: str) -> bool:
    """Whether NAME is written as an API id ('gpt-4o-mini', 'GLM-4.5'): no space, bracket, mark or list in it."""
    return _PLAIN_ID.fullmatch(name) is not None


def _is_plain_id(name: str) -> bool:
    return is_plain_id(name) and not name.lower().endswith(("series", "family"))


_STRAY_O = fastre.compile(r"(\d)\s+o\b")
_SEPARATORS = fastre.compile(r"[\s_-]+")  # a run of spaces, underscores and hyphens is one hyphen: "Llama 3.1 - 405B"


# --- model names in running text (news) -------------------------------------------------

# The words that name a tier of a family ('Spark-Max', 'ERNIE-Lite'); and every word a model name can end with,
# those and more that are common English words too ('large', 'chat', 'preview').
_TIER_VARIANTS = "mini|nano|micro|turbo|pro|max|plus|flash|lite|light|speed|air|tiny|ultra|omni"
_SUFFIX_WORDS = (
    f"{_TIER_VARIANTS}|long|standard|haiku|sonnet|opus|chat|coder|reasoner|instruct|preview|vision|large|medium|small|"
    "character|funcall|scout|maverick|lightning|v\\d[A-Za-z0-9_.]*|"
    # 'Grok 4 Fast' names a variant; 'fast' in lower case is the sentence's adjective ('Haiku is fast')
    "(?-i:Fast)"
)
_FAMILIES = sorted(
    {
        p.rstrip("-.")
        for v in VENDORS
        for p in v.model_prefixes
        if p.rstrip("-.").isascii() and len(p.rstrip("-.")) >= 2
    },
    key=lambda family: (-len(family), family),  # longest first; ties in one order at every start (a set has none)
)
# Variant words as Japanese writes them in katakana ('GPT-4ターボ', 'GLM-3 ターボ').
KATAKANA_VARIANTS = {
    "ターボ": "turbo",
    "ミニ": "mini",
    "プロ": "pro",
    "フラッシュ": "flash",
    "ライト": "lite",
    "マックス": "max",
    "プラス": "plus",
    "ナノ": "nano",
    "ロング": "long",
    "スピード": "speed",
    "ソネット": "sonnet",
    "ハイク": "haiku",
    "オーパス": "opus",
    "ラージ": "large",
    "ミディアム": "medium",
    "スモール": "small",
    "ウルトラ": "ultra",
}
# Families as machine translations into Japanese write them ('クロード3.5ソネット', 'ジェミニ1.5フラッシュ'): the vendor
# table's spellings.
_SPELLINGS = {spelling: family for vendor in VENDORS for spelling, family in vendor.family_spellings}
KATAKANA_FAMILIES = {
    spelling: family for spelling, family in _SPELLINGS.items() if re.match("[\u30a0-\u30ff]", spelling)
}
# Families as Chinese writes them ('星火Lite', '混元Turbo', '百川4', '文心4.0'): a brand in Han characters.
HAN_FAMILIES = {spelling: family for spelling, family in _SPELLINGS.items() if re.match("[\u4e00-\u9fff]", spelling)}
_KATAKANA = "|".join(sorted(KATAKANA_VARIANTS, key=len, reverse=True))
_KATAKANA_WORD = fastre.compile(rf"[-\s・]?({_KATAKANA})")
_MODEL_MENTION = fastre.compile(
    rf"(?<![A-Za-z0-9])(?P<family>{'|'.join(re.escape(f) for f in _FAMILIES)})"
    rf"(?P<ext>(?:[-_.]?[A-Za-z0-9]+(?:\.\d+)*)*)"
    # words after the id: ' Flash', '-Lite' ('Gemini 2.0 Flash-Lite'), ' 2.5', ' o', katakana variants
    rf"(?P<words>(?:[\s-](?:{_SUFFIX_WORDS})(?![A-Za-z0-9])"
    # ' 2.5', ' 3' (a full stop after it ends the sentence: 'the price of Mistral Medium 3.'), ' o' ('GPT-4 o')
    rf"|\s(?:[1-9]\d?(?:\.\d)?[a-z]?(?![A-Za-z0-9]|\.\d)|o(?![A-Za-z0-9]))"
    rf"|\s[A-Za-z][1-9]\d?(?:\.\d+)?(?![A-Za-z0-9])"  # a version written as a letter and digits: 'Kimi K2', 'DeepSeek R1'"
    rf"|\s(?:\d+x)?\d{{1,4}}(?:\.\d+)?[Bb](?![A-Za-z0-9])"  # a size in parameters: 'Llama 3.1 405B', 'Mixtral 8x7B'
    rf"|\s(?-i:[A-Z])\+?(?![A-Za-z0-9+])"  # a capital letter alone: 'Command R+', 'Command A' ('Claude a' is no model)
    rf"|[-\s・]?(?:{_KATAKANA}))*)",
    re.IGNORECASE,
)
# A family in katakana with a version or a variant after it; not the end of a longer katakana word ('ドラマ').
_KATAKANA_MENTION = fastre.compile(
    rf"""(?<![\u30a0-\u30ff])(?P<family>{"|".join(sorted(KATAKANA_FAMILIES, key=len, reverse=True))})
        (?P<rest>(?:[\s・-]?(?:\d+(?:\.\d+)?(?:[kK](?![A-Za-z]))?|[A-Za-z]\d+(?:\.\d+)?|{_KATAKANA}))+)""",
    re.VERBOSE,
)
# A family in Han characters names a model only with a version or a variant word right after it ('星火Lite',
# '星火4.0 Ultra', '百川4'); alone it is the brand ('讯飞星火'), and a year is no version ('文心2024年').
_LATIN_SUFFIX = rf"(?i:{_SUFFIX_WORDS})(?![A-Za-z0-9])"
_HAN_MENTION = fastre.compile(
    rf"""(?P<family>{"|".join(sorted(HAN_FAMILIES, key=len, reverse=True))})
        (?:(?:通用|主力|旗舰|旗艦)?大?模型)?                         # '豆包通用模型pro-32k', '文心大模型4.0'
        (?P<rest>[\s-]?(?:\d{{1,2}}(?:\.\d+)?(?![\d.年月日号%])|{_LATIN_SUFFIX})   # a version or a variant word
                 (?:[\s-]?{_LATIN_SUFFIX})*                              # and more variant words
                 (?:-?\d{{1,3}}[kK](?![A-Za-z0-9]))?)                    # and a context length: 'pro-32k'""",
    re.VERBOSE,
)
_DIGIT = fastre.compile(r"\d")
# Words joined by hyphens right before a family name: 'ELYZA-japanese-' in 'ELYZA-japanese-Llama-2-70b'.
_ID_PREFIX = fastre.compile(r"(?<![A-Za-z0-9_.\-])(?:[A-Za-z0-9_.]+-)+$")
_ENDS_WITH_VARIANT = fastre.compile(rf"(?i)(?:[-_\s](?:{_SUFFIX_WORDS})|{_KATAKANA})$|\s(?-i:[A-Z])\+?$")
# A product id of a family the table does not know: a word, a hyphen, a version ('tsuzumi-7b', 'Deepseak-V3').
# Capitalized variant words after it name the product too ('Nimbus-5 Mini', 'Orion-14B Chat'); lowercase ones
# are as likely the sentence's own words ('Orion-3 large context').
# (The word's letters and digits are taken whole, possessively: what follows them must be a digit or a hyphen,
# so giving some back could never match, and trying it at every word of an article is what the scan costs.)
_PRODUCT_ID = fastre.compile(
    r"(?<![A-Za-z0-9\-])(?P<word>(?:[A-Za-z][a-z]{2,}+|[A-Z][A-Za-z]{2,}+)(?:\d++(?:\.\d+)?)?)"
    r"(?P<rest>(?:-[A-Za-z0-9.]+)*-[A-Za-z]{0,2}\d[A-Za-z0-9.]*(?:-[A-Za-z0-9.]+)*"
    rf"(?:\s(?=[A-Z])(?i:{_SUFFIX_WORDS}))*)(?![A-Za-z0-9])"
)

# An id as a pricing page writes a model of a family the table does not know: words joined by hyphens, the last
# a variant word or a version ('acme-large', 'tern-pro-32k', 'abab6.5s-chat'); not 'pay-as-you-go' or 'off-peak'.
_PRODUCT_ID_WHOLE = fastre.compile(
    rf"[A-Za-z][A-Za-z0-9.]*(?:-[A-Za-z0-9.]+)*-(?:(?i:{_SUFFIX_WORDS})|[A-Za-z]{{0,3}}\d[A-Za-z0-9.]*)"
)


def is_product_id(text: str) -> bool:
    """Whether TEXT is written as a model id: 'acme-large', 'tern-pro-32k' (a family nobody listed)."""
    return _PRODUCT_ID_WHOLE.fullmatch(text.strip()) is not None


# A product of a family the table does not know, named by its variant ('Starling-Lite', 'Spark-Max', '星火-Max',
# '灵犀-Lite'; the known families write the same way: 'ERNIE-Speed', 'Doubao-pro', 'hunyuan-lite'). The family is
# a capitalized word (not an acronym: 'MMLU-Pro' is a benchmark), or a run of two or three Han characters with
# nothing Han before it (a longer run is a sentence, not a name); the variants are the words that name a tier
# of a family, not common English words.
_VARIANT_PRODUCT = fastre.compile(
    rf"""(?:(?<![A-Za-z0-9\-])[A-Z][a-z]{{2,}}|(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{{2,3}})
        -(?i:{_TIER_VARIANTS})
        (?:-[A-Za-z0-9.]+)*(?![A-Za-z0-9])""",
    re.VERBOSE,
)


_NEAR_FAMILY = fastre.compile(
    rf"(?<![A-Za-z0-9])(?P<word>[A-Za-z]{{4,}})(?P<rest>[\s-][1-9]\d?(?:\.\d+)?[a-z]?(?:\s(?:{_SUFFIX_WORDS})(?![A-Za-z0-9]))*)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ModelMention:
    start: int
    end: int
    model: str  # as model_key() stores it
    vendor: str | None


def model_mentions(text: str) -> list[ModelMention]:
    """Model names written in TEXT ('GPT-4o mini', 'Claude 3.5 Haiku', 'DeepSeek-V3', 'o3-pro'), in order.

    A bare family name ('DeepSeek', 'Mistral') is a company, not a model: a mention needs a version
    number or a variant word.
    """
    found = []
    for match in _family_matches(text):
        name = _CLASS_WORD.sub("", match.group(0)).rstrip(".-_ ・")
        if not _DIGIT.search(name) and not _ENDS_WITH_VARIANT.search(name):
            continue
        # A family inside a longer id ('ELYZA-japanese-Llama-2-70b') names that id's model, not the family's.
        start = match.start()
        if start and text[start - 1] == "-":
            prefix = _ID_PREFIX.search(text, max(0, start - 60), start)
            start = prefix.start() if prefix else start
        name = text[start : match.start() + len(name)]
        key = model_key(name)
        found.append(ModelMention(start, start + len(name), key, vendor_for_model(key)))
    if _KATAKANA_FAMILY_MARK.search(text):
        found += _spelled_mentions(text, _KATAKANA_MENTION, KATAKANA_FAMILIES)
    if _HAN_FAMILY_MARK.search(text):
        found += _spelled_mentions(text, _HAN_MENTION, HAN_FAMILIES)
    mentions = [_whole_quoted(text, m) for m in sorted(found + _unknown_products(text, found), key=lambda m: m.start)]
    if "/" in text:
        mentions = [named for m in mentions for named in (m, *_slashed_variants(text, m))]
    return mentions


# Variants of one family listed with slashes after the first: '星火Pro/Max', 'Claude 3 Opus/Sonnet', 'ERNIE-Speed/Lite'.
_SLASHED_VARIANT = fastre.compile(rf"\s*/\s*(?P<variant>(?i:{_SUFFIX_WORDS}))(?![A-Za-z0-9])")
_LAST_VARIANT = fastre.compile(rf"-(?:{_SUFFIX_WORDS})$")


def _slashed_variants(text: str, mention: ModelMention) -> list[ModelMention]:
    """The other variants a slash lists after a mention that ends in one: 'spark-pro' and '/Max' give spark-max."""
    if not _LAST_VARIANT.search(mention.model):
        return []
    family = mention.model.rsplit("-", 1)[0]
    found, end = [], mention.end
    while (slashed := _SLASHED_VARIANT.match(text, end)) is not None:
        key = f"{family}-{slashed.group('variant').lower()}"
        found.append(
            ModelMention(slashed.start("variant"), slashed.end(), key, mention.vendor or vendor_for_model(key))
        )
        end = slashed.end()
    return found


# A name in quotation marks is all the marks hold: '「acme-2 mini」', '“Vela-3 large”' (lowercase variant words after
# an id are otherwise the sentence's own: 'Orion-3 large context').
_OPENING_MARKS = "「『《“\"'"
_QUOTED_REST = fastre.compile(rf"(?:[\s-](?i:{_SUFFIX_WORDS}))+(?=[」』》”\"'])")


def _whole_quoted(text: str, mention: ModelMention) -> ModelMention:
    if not mention.start or text[mention.start - 1] not in _OPENING_MARKS:
        return mention
    rest = _QUOTED_REST.match(text, mention.end)
    if rest is None:
        return mention
    key = model_key(text[mention.start : rest.end()])
    return ModelMention(mention.start, rest.end(), key, mention.vendor or vendor_for_model(key))


# 'GPT-4-class', 'GPT-4o-level': a class of models named after one, not that model's id.
_CLASS_WORD = fastre.compile(r"-(?:class|level|grade)$", re.IGNORECASE)
_KATAKANA_FAMILY_MARK = fastre.compile("|".join(KATAKANA_FAMILIES))
_HAN_FAMILY_MARK = fastre.compile("|".join(HAN_FAMILIES))
_KANA_THEN_DIGIT = fastre.compile(r"(?<=[\u30a0-\u30ff])(?=\d)")


def _spelled_mentions(text: str, pattern: re.Pattern[str], families: dict[str, str]) -> list[ModelMention]:
    """'クロード3.5ソネット' → claude-3.5-sonnet, '星火Lite' → spark-lite: a family in another script, at its own
    position; the words after it spaced as the Latin name spaces them ('ミストラル・ラージ2' is 'mistral large 2')."""
    found = []
    for match in pattern.finditer(text):
        rest = _KANA_THEN_DIGIT.sub(" ", match.group("rest").replace("・", " ")).strip(" -")
        key = model_key(families[match.group("family")] + " " + rest)
        found.append(ModelMention(match.start(), match.end(), key, vendor_for_model(key)))
    return found


# Where a family name can start: a word start (no letter or digit before it) whose first two letters begin a
# family. Trying the long alternation of families only there is several times cheaper than letting the pattern
# scan every character of an article.
def _either_case(char: str) -> str:
    return f"{char.lower()}{char.upper()}" if char.isalpha() else re.escape(char)


def _by_first_letter(prefixes: set[str]) -> str:
    """'ab|am|ba' as '[aA][bBmM]|[bB][aA]': one test per first letter rather than one per prefix, each letter in both
    cases written out (a case-blind pattern folds the case of every character it tests)."""
    seconds: dict[str, set[str]] = {}
    for prefix in prefixes:
        seconds.setdefault(prefix[0].lower(), set()).add(prefix[1].lower())
    return "|".join(
        f"[{_either_case(first)}][{''.join(_either_case(c) for c in sorted(after))}]"
        for first, after in sorted(seconds.items())
    )


_FAMILY_START = fastre.compile(r"(?<![A-Za-z0-9])(?:" + _by_first_letter({f[:2] for f in _FAMILIES}) + ")")


def _family_matches(text: str) -> Iterator[re.Match[str]]:
    """_MODEL_MENTION.finditer(TEXT), trying only word starts that begin a known family."""
    end = 0
    for start in _FAMILY_START.finditer(text):
        if start.start() < end:
            continue
        match = _MODEL_MENTION.match(text, start.start())
        if match:
            end = max(match.end(), start.start() + 1)
            yield match


@lru_cache(maxsize=4096)
def _near_family(word: str) -> str | None:
    """The known family WORD is one typo away from ('gemnini' → 'gemini'), by rapidfuzz's ratio."""
    from rapidfuzz import fuzz, process  # only where a text names a product the table does not know

    close = process.extractOne(word, _FAMILIES, scorer=fuzz.ratio, score_cutoff=85)
    return close[0] if close else None


def _unknown_products(text: str, known: list[ModelMention]) -> list[ModelMention]:
    """Product ids outside the vendor table; a family name one typo away is read as that family."""
    extra = []
    # An id's dots are its version's ('Nimbus-4.5'); one at its end is the sentence's full stop ('… Vela-3. It').
    for match in _matches_at_anchors(_PRODUCT_ID, _ID_ANCHOR, text, _id_starts):
        if _overlaps(match, known):
            continue
        word, rest = match.group("word").lower(), match.group("rest").rstrip(".")
        key = model_key((_near_family(word) or word) + rest)
        extra.append(ModelMention(match.start(), match.end("word") + len(rest), key, vendor_for_model(key)))
    for match in _matches_at_anchors(_VARIANT_PRODUCT, _VARIANT_ANCHOR, text, _family_starts):
        if not _overlaps(match, known + extra):
            name = match.group(0).rstrip(".")
            key = model_key(name)
            extra.append(ModelMention(match.start(), match.start() + len(name), key, vendor_for_model(key)))
    # 'Gemnini 1.5 Flash': a typo in a family written with spaces
    for match in _matches_at_anchors(_NEAR_FAMILY, _VERSION_ANCHOR, text, _word_starts):
        word = match.group("word").lower()
        if word in _FAMILIES or any(m.start <= match.start() < m.end for m in known + extra):
            continue
        family = _near_family(word)
        if family:
            key = model_key(family + match.group("rest"))
            extra.append(ModelMention(match.start(), match.end(), key, vendor_for_model(key)))
    return extra


# The product patterns start with a word that may be anywhere in an article, and a scan tries them at every letter.
# Each has a mark it cannot match without, which the engine finds at once: a hyphen before a version
# ('-V3', '-7b'), a hyphen before a tier word ('-Max'), a space or hyphen before a version number (' 1.5'). The
# pattern is tried only where a match holding that mark can start: the start of the run of word characters that
# ends at the mark (ASCII letters, digits, dots and hyphens; Han characters for a Chinese family).
_ID_ANCHOR = fastre.compile(r"-[A-Za-z]{0,2}\d")
_VARIANT_ANCHOR = fastre.compile(rf"-(?i:{_TIER_VARIANTS})")
_VERSION_ANCHOR = fastre.compile(r"[\s-][1-9]")
_LETTERS = string.ascii_letters
_ID_CHARS = string.ascii_letters + string.digits + ".-"


def _id_starts(text: str, mark: int) -> list[int]:
    """Where an id holding the mark at MARK can start: its run of letters, digits, dots and hyphens, or after a dot
    in it ('v2.Nimbus-3')."""
    run_start = _run_start(text, mark, _ID_CHARS)
    return [run_start] + [i + 1 for i in range(run_start, mark) if text[i] == "."]


def _family_starts(text: str, mark: int) -> list[int]:
    """Where a family named before a '-Max' can start: its run of Latin letters, or two or three Han characters."""
    return sorted({_run_start(text, mark, _LETTERS), max(0, mark - 3), max(0, mark - 2)})


def _word_starts(text: str, mark: int) -> list[int]:
    return [_run_start(text, mark, _LETTERS)]


_LOOK_BACK = 64  # longer than a product id or a word: the run before a mark is looked for in this many characters


def _run_start(text: str, end: int, chars: str) -> int:
    """Where the run of CHARS that ends at END starts: looked for in the characters just before END, not in all the
    text before it (a copy of which, for every mark, cost more than the search for the product)."""
    begin = max(0, end - _LOOK_BACK)
    start = begin + len(text[begin:end].rstrip(chars))
    return start if start > begin or begin == 0 else len(text[:end].rstrip(chars))


def _matches_at_anchors(
    pattern: re.Pattern[str], anchor: re.Pattern[str], text: str, starts: Callable[[str, int], list[int]]
) -> Iterator[re.Match[str]]:
    """pattern.finditer(TEXT) for a pattern each match of which holds a match of ANCHOR, in one run with its
    start, and starts at one of the places STARTS gives for that anchor: tried only there. After a match the
    search goes on from its end, as finditer's does."""
    end = 0
    for mark in anchor.finditer(text):
        if mark.start() < end:
            continue
        for start in starts(text, mark.start()):
            match = pattern.match(text, start) if start >= end else None
            if match:
                yield match
                end = max(match.end(), start + 1)
                break


def _overlaps(match: re.Match[str], mentions: list[ModelMention]) -> bool:
    return any(m.start < match.end() and match.start() < m.end for m in mentions)


# --- what users type: vendor names in three languages, model names with typos ----------------------


def resolve_vendor(name: str) -> str | None:
    """'volcengine', '豆包', '火山引擎', 'ByteDance' → 'bytedance'; None when no vendor goes by that name."""
    key = name.strip().lower()
    if not key:
        return None
    by_id = canonical_vendor_id(key)
    if by_id:
        return by_id
    return _NAME_TO_ID.get(key)


def vendor_suggestions(name: str, limit: int = 3) -> list[str]:
    """Vendor ids whose id or names are close to NAME ('deepsek' → ['deepseek'])."""
    from rapidfuzz import fuzz, process

    choices = {n.lower(): v.id for v in VENDORS for n in (v.id, *v.names)}
    found = process.extract(name.strip().lower(), list(choices), scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=70)
    return list(dict.fromkeys(choices[match] for match, _, _ in found))[:limit]


def model_suggestions(name: str, known: list[str], limit: int = 5) -> list[str]:
    """Known model ids that NAME may mean: those containing it ('qwen' → qwen-long, qwen-max…), else close ones."""
    key = model_key(name)
    if not key:
        return []
    containing = sorted((m for m in known if key in m), key=lambda m: (len(m), m))
    if containing:
        return containing[:limit]
    from rapidfuzz import fuzz, process

    return [m for m, _, _ in process.extract(key, known, scorer=fuzz.ratio, limit=limit, score_cutoff=70)]


def vendor_display_name(vendor_id: str | None, lang: str = "en") -> str:
    """How a reader of LANG knows the vendor: 'Alibaba Cloud' in English and Japanese, '阿里云' in Chinese."""
    vendor = vendor_by_id(vendor_id or "")
    if vendor is None:
        return vendor_id or ""

    def fits(name: str) -> bool:
        if lang == "zh":
            return bool(re.search(r"[\u4e00-\u9fff]", name)) and not re.search(r"[\u3040-\u30ff]", name)
        return name.isascii()  # brand names are written in Latin letters in English and Japanese alike

    return next(
        (name for name in vendor.names if fits(name)), next((n for n in vendor.names if n.isascii()), vendor.id)
    )
