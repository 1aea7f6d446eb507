"""The words that tell what a table column, row or block is: model names, tiers, units."""

from __future__ import annotations

import re

from pricewatch import fastre
from pricewatch.grammar import LENGTH_LIMIT, abbreviated_type, comparison_in, parse_prices, without_comparisons
from pricewatch.normalize import find_token_unit, names_non_token_unit, price_type_of, strip_token_units
from pricewatch.vendors import model_key, vendor_for_model

# "Model", "模型名称", "Model / Product", "模型/产品", "モデル名": the column that names the model.
MODEL_HEADER = fastre.compile(
    r"^\W*(?:model|models|模型|型号|モデル|名称)\s*(?:name|id|名称|名|[/／]\s*\w+)?\W*$", re.IGNORECASE
)
# A column that names who serves each row's model ('Provider | Model | Price', '厂商 | 模型 | 价格'): the row's vendor.
PROVIDER_HEADER = fastre.compile(
    r"^\W*(?:providers?|vendors?|platforms?|hosts?|hosting|inference\s+provider|厂商|服务商|提供商|供应商|平台|"
    r"プロバイダー?|提供元|事業者)\W*$",
    re.IGNORECASE,
)
# A label column of plans ('Plan | Price | Included', '套餐 | 价格', 'プラン | 料金'): its rows are subscriptions
# (Free, Pro, Team), not models, whatever their price column says.
PLAN_HEADER = fastre.compile(
    r"^\W*(?:plans?|subscriptions?|套餐|方案|订阅|プラン|料金プラン|サブスクリプション)\W*$", re.IGNORECASE
)
CONTEXT_HEADER = fastre.compile(
    r"context|上下文|コンテキスト|length|长度|長さ|プロンプト長|tier|档位|区间|条件|规格|spec", re.IGNORECASE
)
# A column headed only "Price" / "价格" / "料金" (no input/output) prices what a model reads: its input. A word
# may qualify it ('List price', '刊例价', '标准价格', '標準料金'), unless it makes it the price before ('原价').
GENERIC_PRICE_HEADER = fastre.compile(
    r"""^\W*(?:(?:list|standard|base|unit|retail)\s+)?(?:price|pricing|cost|价格|价钱|单价|定价|料金|価格)\b
        |^\W*(?:价格|单价|料金|価格)
        |^\W*[\u4e00-\u9fff]{0,3}(?<!原)(?:价格?|價格?|単価|料金|価格)(?:\s*[(（][^()（）]*[)）])?\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
UNIT_HEADER = fastre.compile(r"计费单位|單位|单位|^unit$|^units$|単位", re.IGNORECASE)
# What a price column's header says besides: a price word, a currency, a rate ('$/1M', '元/千tokens', 'per').
_PRICE_WORD = fastre.compile(
    r"price|pricing|cost|\bper\b|价|價|料金|単価|費|费|[$¥￥€元円/／]|ドル|\b(?:USD|CNY|RMB|JPY|EUR)\b", re.IGNORECASE
)
# Training a model is priced per token too, but it is no price of using one ('训练价格', 'Training', '学習').
TRAINING = fastre.compile(r"train|fine-?tun|训练|訓練|精调|微调|ファインチューニング|学習|トレーニング", re.IGNORECASE)
FREE_TIER_HEADER = fastre.compile(r"free tier|免费额度|免费层|無料枠", re.IGNORECASE)
# Labels that say a column or row is not about a price at all.
_NOT_MODEL = fastre.compile(
    r"tier|price|pricing|cost|free|paid|价格|价|計費|计费|料金|価格|单价|単価|description|说明|說明|接口|api$|"
    r"best for|rpm|tpm|context|上下文|功能|features?|component|total|合计|unit|单位|備考|备注|notes?",
    re.IGNORECASE,
)
# Tab and column words that name a pricing tier. "Standard" is the default tier, so it maps to None.
TIER_WORDS: dict[str, str | None] = {
    "batch": "batch",
    "batch api": "batch",
    "flex": "flex",
    "priority": "priority",
    "scale": "scale",
    "standard": None,
    "default": None,
    "标准": None,
    "標準": None,
    "在线": None,
    "オンライン": None,
    "批量": "batch",
    "批处理": "batch",
    "批量推理": "batch",
    "离线": "batch",
    "バッチ": "batch",
    "off-peak": "off-peak",
    "闲时": "off-peak",
    "夜间": "off-peak",
    "优惠时段": "off-peak",
    "オフピーク": "off-peak",
    # A model that answers with or without thinking first may price its output per mode: the thinking output is
    # a tier of its own, the other the standard price.
    "thinking": "thinking",
    "non-thinking": None,
    "思考": "thinking",
    "非思考": None,
}
_TIER_IN_HEADER = fastre.compile(
    r"\b(batch|flex|priority|non-thinking|thinking)\b|批量|批处理|离线|バッチ|闲时|off-peak|非思考|思考", re.IGNORECASE
)
_DURATION = fastre.compile(r"\b(\d+\s*(?:m|h|min|mins|minutes?|hours?))\b", re.IGNORECASE)
MODALITY_HEADING = fastre.compile(
    r"^\s*(image|audio|video|fine-tuning|图像|图片|音频|视频|画像|音声|動画|微调|ファインチューニング)\s*(tokens?|トークン)?\s*$",
    re.IGNORECASE,
)


def label_price_type(label: str) -> str | None:
    """The price type a column header or a line's label names; a plain 'Price' / '价格' is an input price.

    'Free tier' and labels priced per something else ('Price per 1K requests') name no token price type."""
    if FREE_TIER_HEADER.search(label) or names_non_token_unit(label) or TRAINING.search(label):
        return None
    if LENGTH_LIMIT.search(label) and not _PRICE_WORD.search(label):
        return None  # 'Max output', '最大输出长度', '最大出力トークン': a length limit, counted in tokens
    # 'Batch price', '批量价格': a plain price of a tier is that tier's input price.
    plain = GENERIC_PRICE_HEADER.search(label) or GENERIC_PRICE_HEADER.search(_TIER_IN_HEADER.sub(" ", label))
    return price_type_of(label) or _abbreviated(label) or ("input" if plain else None)


# A price column named by its unit and 'in' or 'out': '$/1M in', '1M tokens out'.
_ABBREVIATED_HEADER = fastre.compile(r"(?:[$/€¥]|\b1?[MK]\b|tokens?)\s*\b(in|out)\s*$", re.IGNORECASE)


def _abbreviated(label: str) -> str | None:
    match = _ABBREVIATED_HEADER.search(label)
    return None if match is None else abbreviated_type(match.group(1))


def clean_label(text: str) -> str:
    return " ".join(text.replace("**", " ").replace("__", " ").split()).strip(" :：")


def is_model_name(text: str) -> bool:
    """Whether a header or heading reads as a model name ('deepseek-chat', 'Claude Opus 4.5'), not a label."""
    text = clean_label(text)
    if not (1 <= len(text) <= 60) or price_type_of(text) or _NOT_MODEL.search(text):
        return False
    if parse_prices(text, unit_tokens=find_token_unit(text) or 1, currency="USD"):
        return False
    if not re.search(r"[A-Za-z]", text):
        return False
    # A version or a family the vendors know ("Nova Micro" as nova-micro); a tier's bound is no version
    # ('Standard (≤128K)', 'Long context (>128K)' label rows of one model's prices), nor is a unit's count
    # ('Standard (per 1M tokens)').
    return bool(re.search(r"\d|-", strip_token_units(without_comparisons(text))) or vendor_for_model(model_key(text)))


def tier_from_words(text: str) -> tuple[bool, str | None]:
    """(is a tier word, the tier it names) for a tab label such as 'Batch' or 'Standard'."""
    key = clean_label(text).lower()
    if key in TIER_WORDS:
        return True, TIER_WORDS[key]
    return False, None


# A context length as tables write it: '32K', '1M', '12.8万'.
CONTEXT_LENGTH = r"\d+(?:\.\d+)?\s*[KkMm万]"
# A range of context lengths: '32K-128K', '32k~128k', '32K至128K', '0-32K' (the far end a length, so no price range;
# the near one may be a bare zero or number: '0-32K').
_LENGTH_RANGE = fastre.compile(
    rf"""(?<![\w.])(\d+(?:\.\d+)?\s*[KkMm万]?)   # from this length
        \s*(?:-|–|~|～|至|到|〜)\s*              # to
        ({CONTEXT_LENGTH})(?![\w])              # that length""",
    re.VERBOSE,
)


def tier_in_header(text: str) -> str | None:
    """The tier a price column names besides its price type: '5m Cache Writes' → '5m', 'Batch input' → 'batch'."""
    # 'Input (>128K)', '输入（≤128K）', '输入（32K-128K）': a context-length tier
    length_range = _LENGTH_RANGE.search(text)
    span = "-".join("".join(end.split()) for end in length_range.groups()) if length_range else ""
    parts = [comparison_in(text) or span]
    match = _TIER_IN_HEADER.search(text)
    if match:
        parts.append(TIER_WORDS.get(match.group(0).lower(), match.group(0).lower()) or "")
    duration = _DURATION.search(text)
    if duration and price_type_of(text) == "cache_write":
        parts.append(duration.group(1).replace(" ", ""))
    label = " ".join(p for p in parts if p)
    return label or None


def join_tiers(*tiers: str | None) -> str | None:
    parts = [t for t in tiers if t]
    return " ".join(dict.fromkeys(parts)) or None
