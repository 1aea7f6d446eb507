"""The price grammar on spans in zh, ja and en: (text, context) → mentions (per 1M, currency, type, condition, old)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pricewatch.grammar import comparisons_in, read_span
from pricewatch.textfold import fold

M = Decimal(1_000_000)

# id → (span, lang, context currency, context unit, [(per 1M, currency, price type, old)])
SPANS = {
    "zh-two-labels": (
        "输入 3 元/百万 tokens，输出 9 元/百万 tokens",
        "zh",
        None,
        None,
        [("3", "CNY", "input", False), ("9", "CNY", "output", False)],
    ),
    "zh-second-inherits-currency": (
        "输入0.004元/千tokens，输出0.012/千tokens",
        "zh",
        None,
        None,
        [("4", "CNY", "input", False), ("12", "CNY", "output", False)],
    ),
    "zh-unit-before-notes-as-types": (
        "每百万输入 tokens 0.5 元（缓存命中）/ 2 元（缓存未命中），每百万输出 tokens 8 元",
        "zh",
        None,
        None,
        [("0.5", "CNY", "cached_input", False), ("2", "CNY", "input", False), ("8", "CNY", "output", False)],
    ),
    "zh-traditional": (
        "每百萬輸入 tokens 1 元，輸出價格為每百萬 tokens 2 元",
        "zh",
        None,
        None,
        [("1", "CNY", "input", False), ("2", "CNY", "output", False)],
    ),
    "zh-from-to": (
        "输入价格从 0.02 元/千tokens 降至 0.0005 元/千tokens",
        "zh",
        None,
        None,
        [("20", "CNY", "input", True), ("0.5", "CNY", "input", False)],
    ),
    "zh-tiers-in-span": (
        "输入<=32k：1.2 元/百万tokens；32k<输入<=128k：2.4 元/百万tokens",
        "zh",
        None,
        None,
        [("1.2", "CNY", None, False), ("2.4", "CNY", None, False)],
    ),
    "zh-note-is-condition": ("7.2(命中缓存打5折)", "zh", "CNY", M, [("7.2", "CNY", None, False)]),
    "zh-per-gb-hour-is-not-tokens": ("0.04元/GB/小时", "zh", None, M, []),
    "zh-subscription": ("¥29 /月", "zh", None, M, []),
    "en-per-M-labels": (
        "$0.05 per M input tokens, $0.40 per M output tokens",
        "en",
        None,
        None,
        [("0.05", "USD", "input", False), ("0.4", "USD", "output", False)],
    ),
    "en-pair-shared-unit": (
        "$0.80 / $4.00 per million tokens",
        "en",
        None,
        None,
        [("0.8", "USD", "input", False), ("4", "USD", "output", False)],
    ),
    "en-from-to": (
        "from $10 to $2 per million input tokens",
        "en",
        None,
        None,
        [("10", "USD", "input", True), ("2", "USD", "input", False)],
    ),
    "en-video-tokens-are-tokens": ("Video input $0.30 / 1M tokens", "en", None, None, [("0.3", "USD", "input", False)]),
    "en-image-tokens-are-tokens": ("$8 / 1M image tokens", "en", None, None, [("8", "USD", None, False)]),
    "en-per-image": ("$0.039 per image", "en", None, M, []),
    "en-per-container-after-labels": (
        "1 GB (default): $0.03 / container 4 GB: $0.12 / container",
        "en",
        None,
        M,
        [],
    ),
    "zh-per-call": ("联网搜索 4 元/千次，输入 2 元/百万tokens", "zh", None, None, [("2", "CNY", "input", False)]),
    "ja-per-call": ("検索 1回あたり$0.01、入力 $3 / 100万トークン", "ja", None, None, [("3", "USD", "input", False)]),
    "en-eur-suffix": ("0.2€ / 1M tokens", "en", None, None, [("0.2", "EUR", None, False)]),
    "en-glued-row": (
        "Mistral Large$2.00$6.0034B parameters",
        "en",
        None,
        M,
        [("2", "USD", None, False), ("6", "USD", None, False)],
    ),
    "en-yuan-word": ("2 yuan per million input tokens", "en", None, None, [("2", "CNY", "input", False)]),
    "ja-labels": (
        "入力 $2 / MTok、出力 $10 / MTok",
        "ja",
        None,
        None,
        [("2", "USD", "input", False), ("10", "USD", "output", False)],
    ),
    "ja-unit-before": ("100万トークンあたり$5", "ja", None, None, [("5", "USD", None, False)]),
    "ja-note-unit": ("トークンあたり$3（100万入力トークンあたり）", "ja", None, None, [("3", "USD", "input", False)]),
    "ja-per-1000-images": ("1,000枚あたり約$4.80", "ja", None, None, []),
    "ja-yen-per-1k": ("1,000トークンあたり0.6円", "ja", None, None, [("600", "JPY", None, False)]),
    "ja-yuan-sign-with-yuan-word": ("¥2（人民元）/ 100万トークン", "ja", None, None, [("2", "CNY", None, False)]),
    "ja-listed-types": (
        "入力、出力は100万トークンあたり5ドル、15ドル",
        "ja",
        None,
        None,
        [("5", "USD", "input", False), ("15", "USD", "output", False)],
    ),
    "ja-fullwidth": ("入力：＄０．５０／100万トークン", "ja", None, None, [("0.5", "USD", "input", False)]),
    # A list run into one line: items joined by spaced dashes.
    "en-spaced-dashes": (
        "Grok 4 - Input: $3.00 / 1M tokens - Cached input: $0.75 / 1M tokens - Output: $15.00 / 1M tokens",
        "en",
        None,
        None,
        [("3", "USD", "input", False), ("0.75", "USD", "cached_input", False), ("15", "USD", "output", False)],
    ),
    "zh-spaced-dashes": (
        "GLM-4.5 - 输入：4元/百万tokens - 缓存命中：0.8元/百万tokens - 输出：16元/百万tokens",
        "zh",
        None,
        None,
        [("4", "CNY", "input", False), ("0.8", "CNY", "cached_input", False), ("16", "CNY", "output", False)],
    ),
    "ja-spaced-dashes": (
        "入力：$3 / 100万トークン - キャッシュ読み取り：$0.3 / 100万トークン - 出力：$15 / 100万トークン",
        "ja",
        None,
        None,
        [("3", "USD", "input", False), ("0.3", "USD", "cached_input", False), ("15", "USD", "output", False)],
    ),
    # Tiers written before each amount share the first amount's type; written after, they stay its tail.
    "ja-leading-tiers-bound-first": (
        "入力：128Kトークン以下 $1.25、128Kトークン超 $2.50（100万トークンあたり）",
        "ja",
        None,
        None,
        [("1.25", "USD", "input", False), ("2.5", "USD", "input", False)],
    ),
    "zh-leading-tiers": (
        "输入：32K以下 0.8元/百万tokens，32K以上 2元/百万tokens",
        "zh",
        None,
        None,
        [("0.8", "CNY", "input", False), ("2", "CNY", "input", False)],
    ),
    "en-leading-tiers": (
        "Output: <=200K tokens $10, >200K tokens $15 per 1M tokens",
        "en",
        None,
        None,
        [("10", "USD", "output", False), ("15", "USD", "output", False)],
    ),
    # A note that prices another type inside the cell: the note's label types its amount.
    "zh-note-priced-inside": (
        "2元/百万tokens（缓存命中0.5元）",
        "zh",
        None,
        None,
        [("2", "CNY", None, False), ("0.5", "CNY", "cached_input", False)],
    ),
    "en-note-priced-inside": (
        "$3 / MTok (cache hits $0.30 / MTok)",
        "en",
        None,
        None,
        [("3", "USD", None, False), ("0.3", "USD", "cached_input", False)],
    ),
    "ja-note-priced-inside": (
        "100万トークンあたり$2（キャッシュヒット時$0.5）",
        "ja",
        None,
        None,
        [("2", "USD", None, False), ("0.5", "USD", "cached_input", False)],
    ),
    # One amount under a label that names input and output together is both prices.
    "zh-one-price-for-input-and-output": (
        "输入输出统一为每千tokens 0.015元",
        "zh",
        None,
        None,
        [("15", "CNY", "input", False), ("15", "CNY", "output", False)],
    ),
    "ja-one-price-for-input-and-output": (
        "入出力とも100万トークンあたり$2",
        "ja",
        None,
        None,
        [("2", "USD", "input", False), ("2", "USD", "output", False)],
    ),
    "en-one-price-for-input-and-output": (
        "Input/output: $2 per 1M tokens",
        "en",
        None,
        None,
        [("2", "USD", "input", False), ("2", "USD", "output", False)],
    ),
    # The cached input named as 'cache input' (no hit/read word).
    "ja-cache-input-label": (
        "100万トークンあたり入力2ドル、キャッシュ入力0.5ドル、出力8ドル",
        "ja",
        None,
        None,
        [("2", "USD", "input", False), ("0.5", "USD", "cached_input", False), ("8", "USD", "output", False)],
    ),
    "zh-cache-input-label": (
        "输入2美元/百万tokens，缓存输入0.5美元/百万tokens",
        "zh",
        None,
        None,
        [("2", "USD", "input", False), ("0.5", "USD", "cached_input", False)],
    ),
    "en-cached-input-label": (
        "Input $2 / 1M tokens, cached input $0.50 / 1M tokens",
        "en",
        None,
        None,
        [("2", "USD", "input", False), ("0.5", "USD", "cached_input", False)],
    ),
    # A pair whose unit phrase or note lists the types in order.
    "en-pair-types-in-unit": (
        "$0.40/$1.60 per million input/output tokens",
        "en",
        None,
        None,
        [("0.4", "USD", "input", False), ("1.6", "USD", "output", False)],
    ),
    "zh-pair-types-in-unit": (
        "0.8元/2元每百万输入/输出tokens",
        "zh",
        None,
        None,
        [("0.8", "CNY", "input", False), ("2", "CNY", "output", False)],
    ),
    "ja-pair-types-in-note": (
        "$3/$15（100万入力/出力トークンあたり）",
        "ja",
        None,
        None,
        [("3", "USD", "input", False), ("15", "USD", "output", False)],
    ),
    # A time word before a label puts the amount in the past.
    "en-previously-priced-at": (
        "previously priced at $0.50 per million input tokens",
        "en",
        None,
        None,
        [("0.5", "USD", "input", True)],
    ),
    "zh-previously-label": ("此前输入价格为每百万tokens 4元", "zh", None, None, [("4", "CNY", "input", True)]),
    "ja-previously-unit-between": (
        "従来、100万入力トークンあたり0.05ドル",
        "ja",
        None,
        None,
        [("0.05", "USD", "input", True)],
    ),
    # Middle dots and bars between prices, and a unit that names its type ('/ 1M input tokens').
    "en-middle-dot-typed-units": (
        "$0.10 / 1M input tokens · $0.40 / 1M output tokens",
        "en",
        None,
        None,
        [("0.1", "USD", "input", False), ("0.4", "USD", "output", False)],
    ),
    "zh-full-width-bar": (
        "输入 2元/百万tokens ｜ 输出 8元/百万tokens",
        "zh",
        None,
        None,
        [("2", "CNY", "input", False), ("8", "CNY", "output", False)],
    ),
    "ja-bullet-typed-units": (
        "$1.10 / 100万入力トークン • $4.40 / 100万出力トークン",
        "ja",
        None,
        None,
        [("1.1", "USD", "input", False), ("4.4", "USD", "output", False)],
    ),
    # A type written after its amount, then a slash before the next: 'input' belongs to the amount before it.
    "en-type-after-amount-then-slash": (
        "GPT-4.1: $2 input / $8 output per 1M tokens",
        "en",
        None,
        None,
        [("2", "USD", "input", False), ("8", "USD", "output", False)],
    ),
    "zh-type-after-amount-then-slash": (
        "每百万tokens 2美元（输入）/ 8美元（输出）",
        "zh",
        None,
        None,
        [("2", "USD", "input", False), ("8", "USD", "output", False)],
    ),
    "ja-type-after-amount-then-slash": (
        "100万トークンあたり2ドル（入力）／8ドル（出力）",
        "ja",
        None,
        None,
        [("2", "USD", "input", False), ("8", "USD", "output", False)],
    ),
    # 'in' and 'out' right after an amount are its type; 'in USD' or 'in credits' are not.
    "en-in-out-after-amounts": (
        "$0.03 in / $0.05 out per 1M tokens",
        "en",
        None,
        None,
        [("0.03", "USD", "input", False), ("0.05", "USD", "output", False)],
    ),
    "en-in-a-currency-is-no-type": (
        "All prices in USD: $2 per 1M tokens",
        "en",
        None,
        None,
        [("2", "USD", None, False)],
    ),
    # A price a list starts from is a current price; 'from' is an old one only when it changed or goes to another.
    "en-starting-from-is-a-price": (
        "Starting from $0.10 per 1M input tokens",
        "en",
        None,
        None,
        [("0.10", "USD", "input", False)],
    ),
    "zh-qi-is-a-price": ("输入每百万tokens 0.5元起", "zh", None, None, [("0.5", "CNY", "input", False)]),
    "ja-kara-is-a-price": ("入力100万トークンあたり0.1ドルから", "ja", None, None, [("0.1", "USD", "input", False)]),
    "en-cut-from-is-old": (
        "The input price was cut from $5 per million tokens.",
        "en",
        None,
        None,
        [("5", "USD", "input", True)],
    ),
    # Words that tell a move in either direction are the news extractor's cut and rise words.
    "en-halved-from-is-old": (
        "The input price was halved from $5 per million tokens.",
        "en",
        None,
        None,
        [("5", "USD", "input", True)],
    ),
    "ja-hangaku-from-is-old": (
        "入力料金は100万トークンあたり2ドルから値下げされた",
        "ja",
        None,
        None,
        [("2", "USD", "input", True)],
    ),
    # What a model writes is its output, however a price list names it.
    "en-sampled-tokens-are-output": (
        "$0.03 per 1K prompt tokens and $0.06 per 1K sampled tokens",
        "en",
        None,
        None,
        [("30", "USD", "input", False), ("60", "USD", "output", False)],
    ),
    "zh-generated-tokens-are-output": (
        "提示词每千tokens 0.03美元，生成每千tokens 0.06美元",
        "zh",
        None,
        None,
        [("30", "USD", "input", False), ("60", "USD", "output", False)],
    ),
    "ja-generated-tokens-are-output": (
        "プロンプト1,000トークンあたり0.03ドル、生成1,000トークンあたり0.06ドル",
        "ja",
        None,
        None,
        [("30", "USD", "input", False), ("60", "USD", "output", False)],
    ),
    # A bare list right after amounts of different types prices another thing the same way, in order.
    "ja-bare-pair-after-a-typed-pair": (
        "Aは100万入力トークンあたり2ドル、100万出力トークンあたり6ドル、Bは0.2ドルと0.6ドルになる",
        "ja",
        None,
        None,
        [("2", "USD", "input", False), ("6", "USD", "output", False)]
        + [("0.2", "USD", "input", False), ("0.6", "USD", "output", False)],
    ),
    "zh-bare-pair-after-a-typed-pair": (
        "A的输入价格为每百万tokens 0.8元，输出价格为每百万tokens 2元，B为0.3元和0.6元",
        "zh",
        None,
        None,
        [("0.8", "CNY", "input", False), ("2", "CNY", "output", False)]
        + [("0.3", "CNY", "input", False), ("0.6", "CNY", "output", False)],
    ),
    "en-bare-pair-after-a-typed-pair": (
        "A is $2 per million input tokens and $8 per million output tokens, B is $0.40 and $1.60",
        "en",
        None,
        None,
        [("2", "USD", "input", False), ("8", "USD", "output", False)]
        + [("0.4", "USD", "input", False), ("1.6", "USD", "output", False)],
    ),
    # Tiers of one type: the label stands before the first tier, and each tier clause names no type of its own.
    "ja-tiers-after-one-label": (
        "入力料金は、12.8万トークン以下では100万トークンあたり1.25ドル、12.8万トークンを超える場合は100万トークンあたり2.5ドル",
        "ja",
        None,
        None,
        [("1.25", "USD", "input", False), ("2.5", "USD", "input", False)],
    ),
    "zh-tiers-after-one-label": (
        "输入价格：输入不超过128K时每百万tokens 0.8元，128K以上时每百万tokens 2.4元",
        "zh",
        None,
        None,
        [("0.8", "CNY", "input", False), ("2.4", "CNY", "input", False)],
    ),
    "en-tiers-after-one-label": (
        "Input price, for prompts up to 128K tokens: $1.25 per million tokens, for prompts over 128K tokens: $2.50",
        "en",
        None,
        None,
        [("1.25", "USD", "input", False), ("2.5", "USD", "input", False)],
    ),
    # What an amount buys is its unit: the same price told again.
    "zh-what-an-amount-buys": (
        "每千tokens输入价格仅0.0008元，相当于1元可买125万tokens",
        "zh",
        None,
        None,
        [("0.8", "CNY", "input", False), ("0.8", "CNY", "input", False)],  # '相当于…': the same price, restated
    ),
    "en-what-an-amount-buys": (
        "Input costs $0.25 per million tokens, so $1 buys 4M tokens",
        "en",
        None,
        None,
        [("0.25", "USD", "input", False), ("0.25", "USD", None, False)],
    ),
    "ja-what-an-amount-buys": (
        "入力は100万トークンあたり0.8ドルで、1ドルで125万トークン使える",
        "ja",
        None,
        None,
        [("0.8", "USD", "input", False), ("0.8", "USD", None, False)],
    ),
    # The unit told once after the last amount, for them all.
    "en-closing-unit": (
        "$0.40 for input and $1.60 for output, per million tokens",
        "en",
        None,
        None,
        [("0.4", "USD", "input", False), ("1.6", "USD", "output", False)],
    ),
    "zh-closing-unit": (
        "输入0.4元，输出1.6元，均按每百万tokens计",
        "zh",
        None,
        None,
        [("0.4", "CNY", "input", False), ("1.6", "CNY", "output", False)],
    ),
    "ja-closing-unit": (
        "入力0.4ドル、出力1.6ドルで、いずれも100万トークンあたりの価格です",
        "ja",
        None,
        None,
        [("0.4", "USD", "input", False), ("1.6", "USD", "output", False)],
    ),
    # The types of a pair told in a note after the unit phrase, in order.
    "en-pair-types-in-a-note-after-the-unit": (
        "$1.10 / $4.40 per 1M tokens (input/output)",
        "en",
        None,
        None,
        [("1.1", "USD", "input", False), ("4.4", "USD", "output", False)],
    ),
    "zh-pair-types-in-a-note-after-the-unit": (
        "2元 / 8元 每百万tokens（输入/输出）",
        "zh",
        None,
        None,
        [("2", "CNY", "input", False), ("8", "CNY", "output", False)],
    ),
    "ja-pair-types-in-a-note-after-the-unit": (
        "2ドル / 8ドル 100万トークンあたり（入力/出力）",
        "ja",
        None,
        None,
        [("2", "USD", "input", False), ("8", "USD", "output", False)],
    ),
    # A round count of tokens as the amount's label is its unit; any other count is a tier.
    "en-round-count-label": ("1M tokens: $0.10", "en", None, None, [("0.1", "USD", None, False)]),
    "zh-round-count-label": ("百万tokens：0.1元", "zh", None, None, [("0.1", "CNY", None, False)]),
    "ja-round-count-label": ("100万トークン：0.1ドル", "ja", None, None, [("0.1", "USD", None, False)]),
    "en-other-count-label-is-no-unit": ("128K tokens: $2.50", "en", None, None, []),
    # Other dollars are their own currency, never US dollars.
    "zh-other-dollars": (
        "输入 NT$30/百万tokens，输出 30港元/百万tokens",
        "zh",
        None,
        None,
        [("30", "TWD", "input", False), ("30", "HKD", "output", False)],
    ),
    "en-other-dollars": (
        "Input A$3 per 1M tokens, output HK$8 per 1M tokens",
        "en",
        None,
        None,
        [("3", "AUD", "input", False), ("8", "HKD", "output", False)],
    ),
    "ja-other-dollars": (
        "入力 S$2 / 100万トークン、出力 £6 / 100万トークン",
        "ja",
        None,
        None,
        [("2", "SGD", "input", False), ("6", "GBP", "output", False)],
    ),
    # A thousands comma in the unit phrase ends nothing: the type after it is the amount's.
    "en-thousands-comma-in-the-unit": (
        "$0.50 per 1,000 input tokens, $1.50 per 1,000 output tokens",
        "en",
        None,
        None,
        [("500", "USD", "input", False), ("1500", "USD", "output", False)],
    ),
    "zh-thousands-comma-in-the-unit": (
        "0.004元/1,000输入tokens，0.012元/1,000输出tokens",
        "zh",
        None,
        None,
        [("4", "CNY", "input", False), ("12", "CNY", "output", False)],
    ),
    "ja-thousands-comma-in-the-unit": (
        "0.5円/1,000入力トークン、1.5円/1,000出力トークン",
        "ja",
        None,
        None,
        [("500", "JPY", "input", False), ("1500", "JPY", "output", False)],
    ),
    # 'for every' / 'for each' is 'per'.
    "en-for-every-million": (
        "$2 for every million input tokens and $8 for every million output tokens",
        "en",
        None,
        None,
        [("2", "USD", "input", False), ("8", "USD", "output", False)],
    ),
    # An amount run into the token word before it, as Chinese writes it without a space.
    "zh-amount-glued-to-token-word": (
        "输入每千tokens0.008元，输出每千tokens0.02元",
        "zh",
        None,
        None,
        [("8", "CNY", "input", False), ("20", "CNY", "output", False)],
    ),
    "zh-amount-glued-to-token-word-per-million": (
        "每百万tokens2元",
        "zh",
        None,
        None,
        [("2", "CNY", None, False)],
    ),
    # A model's name run into an amount is no amount of it.
    "zh-model-digit-before-currency-word": (
        "GPT4元宇宙",
        "zh",
        None,
        None,
        [],
    ),
    # A round count of tokens joined to the amount by a verb or particle, or what the amount is for, is its unit.
    "en-count-cost-amount": (
        "1M tokens cost $2",
        "en",
        None,
        None,
        [("2", "USD", None, False)],
    ),
    "zh-count-zhiyao-amount": (
        "百万tokens只要1元",
        "zh",
        None,
        None,
        [("1", "CNY", None, False)],
    ),
    "ja-count-de-typed-amounts": (
        "価格は100万トークンで入力15ドル、出力75ドル",
        "ja",
        None,
        None,
        [("15", "USD", "input", False), ("75", "USD", "output", False)],
    ),
    "ja-count-of-type-de-amount": (
        "100万トークンの入力で0.5ドル",
        "ja",
        None,
        None,
        [("0.5", "USD", "input", False)],
    ),
    "en-amount-for-a-million-typed-tokens": (
        "$0.50 for a million input tokens",
        "en",
        None,
        None,
        [("0.5", "USD", "input", False)],
    ),
    "zh-count-xu-amount-not-round-is-no-unit": (
        "128K tokens需2元",
        "zh",
        None,
        None,
        [],
    ),
    "en-count-cost-amount-not-round-is-no-unit": (
        "128K tokens cost $2",
        "en",
        None,
        None,
        [],
    ),
    "en-amount-for-the-first-count-is-no-unit": (
        "$2 for the first 1M tokens",
        "en",
        None,
        None,
        [],
    ),
    "en-count-over-is-a-tier-no-unit": (
        "prompts over 1M tokens cost $2",
        "en",
        None,
        None,
        [],
    ),
    "ja-count-de-not-round-is-no-unit": (
        "12.8万トークンで2ドル",
        "ja",
        None,
        None,
        [],
    ),
    "en-list-then-listed-types-respectively": (
        "$3 and $15 per million input and output tokens, respectively",
        "en",
        None,
        None,
        [("3", "USD", "input", False), ("15", "USD", "output", False)],
    ),
    "ja-list-then-listed-types-in-note": (
        "3ドルと15ドル（100万入力/出力トークンあたり）",
        "ja",
        None,
        None,
        [("3", "USD", "input", False), ("15", "USD", "output", False)],
    ),
    "zh-listed-types-then-respective-amounts": (
        "输入和输出价格分别为每百万tokens 2元和8元",
        "zh",
        None,
        None,
        [("2", "CNY", "input", False), ("8", "CNY", "output", False)],
    ),
    # Japanese names the new price by the particle after it, whatever the words before say of the old one.
    "ja-new-price-named-by-particle-after": (
        "入力料金を従来の半額の0.05ドルに引き下げた",
        "ja",
        None,
        Decimal(1000000),
        [("0.05", "USD", "input", False)],
    ),
    "ja-old-price-before-kara-stays-old": (
        "入力料金を従来の0.1ドルから0.05ドルに引き下げた",
        "ja",
        None,
        Decimal(1000000),
        [("0.1", "USD", "input", True), ("0.05", "USD", "input", False)],
    ),
    # Types abbreviated after the unit, a type inside the token count before the amount, the US dollar written out.
    "en-in-out-after-the-unit": (
        "$0.15/1M in, $0.60/1M out",
        "en",
        None,
        None,
        [("0.15", "USD", "input", False), ("0.6", "USD", "output", False)],
    ),
    "zh-in-out-after-the-unit": (
        "0.15元/M in，0.6元/M out",
        "zh",
        None,
        None,
        [("0.15", "CNY", "input", False), ("0.6", "CNY", "output", False)],
    ),
    "ja-in-out-after-the-unit": (
        "0.15ドル/1M in、0.6ドル/1M out",
        "ja",
        None,
        None,
        [("0.15", "USD", "input", False), ("0.6", "USD", "output", False)],
    ),
    "zh-typed-count-before-amount": (
        "百万输入tokens 0.5元",
        "zh",
        None,
        None,
        [("0.5", "CNY", "input", False)],
    ),
    "en-typed-count-label": (
        "1M input tokens: $0.15",
        "en",
        None,
        None,
        [("0.15", "USD", "input", False)],
    ),
    "ja-typed-count-before-amount": (
        "100万入力トークン 0.5ドル",
        "ja",
        None,
        None,
        [("0.5", "USD", "input", False)],
    ),
    "ja-us-dollar-written-out": (
        "0.5米ドル／100万トークン",
        "ja",
        None,
        None,
        [("0.5", "USD", None, False)],
    ),
    "en-us-dollars-written-out": (
        "0.5 US dollars per million input tokens",
        "en",
        None,
        None,
        [("0.5", "USD", "input", False)],
    ),
    "zh-us-dollar-meijin": (
        "每百万输入tokens 0.5美金",
        "zh",
        None,
        None,
        [("0.5", "USD", "input", False)],
    ),
    # Tiers noted after each amount of one label are that label"s type.
    "en-tier-notes-after-each-amount-share-the-label": (
        "Input: $1.25 (≤200K) / $2.50 (>200K)",
        "en",
        None,
        Decimal(1000000),
        [("1.25", "USD", "input", False), ("2.5", "USD", "input", False)],
    ),
    "zh-tier-notes-after-each-amount-share-the-label": (
        "输入 2.4元（≤32K）/ 4.8元（>32K）",
        "zh",
        None,
        Decimal(1000000),
        [("2.4", "CNY", "input", False), ("4.8", "CNY", "input", False)],
    ),
    "ja-tier-notes-after-each-amount-share-the-label": (
        "入力 $1.25（20万トークン以下）/ $2.50（20万トークン超）",
        "ja",
        None,
        Decimal(1000000),
        [("1.25", "USD", "input", False), ("2.5", "USD", "input", False)],
    ),
    # Another currency named before an amount in 元 is that currency"s; "毎に" is per.
    "zh-traditional-other-currency-named-before-yuan": (
        "輸入每百萬token為新臺幣15元",
        "zh",
        None,
        None,
        [("15", "TWD", "input", False)],
    ),
    "zh-other-currency-named-before-yuan": (
        "每百万tokens港币8元",
        "zh",
        None,
        None,
        [("8", "HKD", None, False)],
    ),
    "zh-renminbi-named-before-yuan": (
        "人民币15元/百万tokens",
        "zh",
        None,
        None,
        [("15", "CNY", None, False)],
    ),
    "ja-every-n-tokens": (
        "1000トークン毎に0.002ドル",
        "ja",
        None,
        None,
        [("2", "USD", None, False)],
    ),
    # The cache"s words as Taiwan and Japanese write them.
    "zh-traditional-taiwan-cache-word": (
        "輸入（快取命中）每百萬tokens 0.5元，輸入（快取未命中）每百萬tokens 4元",
        "zh",
        None,
        None,
        [("0.5", "CNY", "cached_input", False), ("4", "CNY", "input", False)],
    ),
    "ja-cache-read-yomikomi": (
        "キャッシュ読み込み 100万トークンあたり0.3ドル",
        "ja",
        None,
        None,
        [("0.3", "USD", "cached_input", False)],
    ),
    "en-cache-read": (
        "Cache reads: $0.30 per 1M tokens",
        "en",
        None,
        None,
        [("0.3", "USD", "cached_input", False)],
    ),
    # The euro and the yen written as words after the amount.
    "en-euros-word": ("0.25 euros per million input tokens", "en", None, None, [("0.25", "EUR", "input", False)]),
    "en-yen-word": ("150 yen per million input tokens", "en", None, None, [("150", "JPY", "input", False)]),
}


@pytest.mark.parametrize("case", SPANS, ids=list(SPANS))
def test_read_span(case):
    text, lang, currency, unit, expected = SPANS[case]
    mentions = read_span(fold(text, lang=lang), lang=lang, currency=currency, unit_tokens=unit)
    got = [(m.per_mtok, m.currency, m.price_type, m.old) for m in mentions]
    assert got == [(Decimal(v), c, t, o) for v, c, t, o in expected]


@pytest.mark.parametrize(
    ("text", "lang", "conditions"),
    [
        (
            "入力：128Kトークン以下 $1.25、128Kトークン超 $2.50（100万トークンあたり）",
            "ja",
            ["128Kトークン以下", "128Kトークン超"],
        ),
        ("输入：32K以下 0.8元/百万tokens，32K以上 2元/百万tokens", "zh", ["32K以下", "32K以上"]),
        (
            "$1.25, prompts <= 200k tokens $2.50, prompts > 200k tokens",
            "en",
            ["<=200k tokens", ">200k tokens"],
        ),
    ],
    ids=["ja-before", "zh-before", "en-after"],
)
def test_a_tier_belongs_to_the_amount_on_its_side(text, lang, conditions):
    assert [m.condition for m in read_span(text, lang=lang, unit_tokens=M)] == conditions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("for prompts up to 128K tokens", ["for prompts up to 128K tokens"]),
        ("prompts longer than 200K tokens cost", ["prompts longer than 200K tokens"]),
        ("12.8万トークン以下、12.8万トークンを超える", ["12.8万トークン以下", "12.8万トークンを超える"]),
        ("输入不超过128K时；32K以内", ["输入不超过128K", "32K以内"]),
        # A model's capacity and a throughput are not tiers of a price.
        ("supports up to 128K tokens", []),
        ("generates over 200 tokens per second", []),
        ("支持128K以内的上下文", []),
        ("12.8万トークンまでのコンテキストに対応", []),
    ],
    ids=[
        "en-up-to",
        "en-longer-than",
        "ja-words",
        "zh-words",
        "en-capacity",
        "en-throughput",
        "zh-capacity",
        "ja-capacity",
    ],
)
def test_comparisons_written_in_words(text, expected):
    assert comparisons_in(text) == expected


def test_tiers_in_span_keep_their_conditions():
    mentions = read_span("输入<=32k：1.2 元/百万tokens；32k<输入<=128k：2.4 元/百万tokens", lang="zh")
    assert [m.condition for m in mentions] == ["输入<=32k", "32k<输入<=128k"]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("输入 0.3-0.6 元/百万tokens", "zh", [("0.3", "lowest"), ("0.6", "highest")]),
        ("入力 $0.30〜$0.60 / 100万トークン", "ja", [("0.3", "lowest"), ("0.6", "highest")]),
        ("Input: $1.25–$2.50 per 1M tokens", "en", [("1.25", "lowest"), ("2.5", "highest")]),
    ],
    ids=["zh", "ja", "en"],
)
def test_ranges_give_both_ends(text, lang, expected):
    mentions = read_span(fold(text, lang=lang), lang=lang)
    assert [(m.per_mtok, m.condition) for m in mentions] == [(Decimal(v), c) for v, c in expected]
    assert {m.price_type for m in mentions} == {"input"}


def test_dates_are_not_ranges():
    assert read_span("2024-05 发布，输入 2 元/百万tokens", lang="zh")[0].per_mtok == Decimal(2)


def test_header_order_types_a_bare_pair():
    mentions = read_span("$0.70/$0.80", lang="en", unit_tokens=M, types=("input", "output"))
    assert [(m.per_mtok, m.price_type) for m in mentions] == [(Decimal("0.7"), "input"), (Decimal("0.8"), "output")]


def test_no_unit_no_price():
    assert read_span("Claude 3 Haiku costs $1.25", lang="en") == []


@pytest.mark.parametrize(
    ("text", "lang", "from_context"),
    [
        ("输入 2 元/百万tokens，输出 8 元", "zh", [False, False]),  # the second carries the first's unit
        ("入力: $0.15、出力: $0.60", "ja", [True, True]),
        ("Input: $0.25 per 1M tokens; cached input $0.025", "en", [False, False]),
        ("Output is now $4", "en", [True]),
    ],
    ids=["zh-carried-unit-is-the-span's", "ja-no-unit-in-span", "en-unit-in-span", "en-bare-amount"],
)
def test_a_mention_says_whether_its_unit_came_from_the_context(text, lang, from_context):
    """News reads a sentence once with the article's last unit and keeps the span's own units apart."""
    mentions = read_span(text, lang=lang, unit_tokens=Decimal(1000))
    assert [m.unit_from_context for m in mentions] == from_context


@pytest.mark.parametrize(
    ("cell", "lang", "currency", "unit", "types", "expected"),
    [
        ("0.8元", "zh", None, Decimal(1000), (), [("800", "CNY", None, True)]),
        (" ¥0.8 ", "zh", None, M, ("output",), [("0.8", "CNY", "output", True)]),
        ("1.25", "en", "USD", M, ("input", "output"), [("1.25", "USD", "input", True)]),
        ("$1.25", "en", None, None, (), []),  # no unit in the cell or its context: no price
        ("0,60 €", "en", None, M, (), [("0.6", "EUR", None, True)]),
        ("2ドル", "ja", None, M, ("cached_input",), [("2", "USD", "cached_input", True)]),
    ],
    ids=["zh-yuan-per-1k", "zh-yen-sign-header-type", "en-bare-number", "en-no-unit", "en-decimal-comma", "ja-dollars"],
)
def test_a_cell_that_is_one_amount_takes_unit_and_type_from_its_context(cell, lang, currency, unit, types, expected):
    """Most table cells are one amount and nothing else: the header's unit and type are all they have."""
    mentions = read_span(cell, lang=lang, currency=currency, unit_tokens=unit, types=types)
    assert [(str(m.per_mtok), m.currency, m.price_type, m.unit_from_context) for m in mentions] == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("$3/$15", "en", [("3", "USD", "input"), ("15", "USD", "output")]),
        ("$0.14 / €0.13", "en", [("0.14", "USD", None), ("0.13", "EUR", None)]),
        ("¥2 / $0.28", "zh", [("2", "CNY", None), ("0.28", "USD", None)]),
        ("$1.00 / ¥150", "ja", [("1", "USD", None), ("150", "JPY", None)]),
    ],
    ids=[
        "en-pair-of-one-currency",
        "en-one-price-two-currencies",
        "zh-one-price-two-currencies",
        "ja-one-price-two-currencies",
    ],
)
def test_a_slash_joins_input_and_output_only_in_one_currency(text, lang, expected):
    mentions = read_span(text, lang=lang, unit_tokens=M)
    assert [(str(m.per_mtok), m.currency, m.price_type) for m in mentions] == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("0.8 yuan per million tokens for input", "en", [("0.8", "input")]),
        ("$0.075 per million tokens for cached input", "en", [("0.075", "cached_input")]),
        ("$1.25 per million tokens for input up to 128K", "en", [("1.25", "input")]),
        ("每百万tokens 0.8元（输入）", "zh", [("0.8", "input")]),
        ("100万トークンあたり0.8ドル（出力）", "ja", [("0.8", "output")]),
    ],
    ids=["en-for-input", "en-for-cached-input", "en-for-input-with-tier", "zh-type-in-note", "ja-type-in-note"],
)
def test_the_type_named_after_the_unit(text, lang, expected):
    assert [(str(m.per_mtok), m.price_type) for m in read_span(text, lang=lang)] == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("入力料金は、100万トークンあたり3ドル", "ja", [("3", "input")]),
        ("输入价格为，每百万tokens 2元", "zh", [("2", "input")]),
        ("Output price, per million tokens: $15", "en", [("15", "output")]),
    ],
    ids=["ja-topic-comma-unit", "zh-comma-unit", "en-comma-unit"],
)
def test_a_clause_that_only_states_the_unit_leaves_the_label_before_it(text, lang, expected):
    assert [(str(m.per_mtok), m.price_type) for m in read_span(text, lang=lang)] == expected
