"""Claim extraction, table-driven, in zh / ja / en: each sentence with the claims a reader takes away."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pricewatch.news.extract import detect_language, extract_claims, sentences

# (id, text, expected claims as (model, kind, price_type, new per 1M, old per 1M, currency))
CASES = [
    # A headline line before the body: "cut the price of X" names X as the subject, not as a comparison.
    (
        "en-headline-then-price-of-subject",
        "MoonBase lowers prices\nMoonBase cut the API price of kimi-k2: input from 4 yuan to 2 yuan per million tokens.",
        [("kimi-k2", "price_cut", "input", "2", "4", "CNY")],
    ),
    (
        "en-fraction-of-the-price-of-is-a-comparison",
        "A cheap model\nqwen-turbo costs $0.05 per million input tokens, a fraction of the price of GPT-4o.",
        [("qwen-turbo", "price", "input", "0.05", None, "USD")],
    ),
    (
        "zh-headline-then-price-of-subject",
        "月之暗面宣布降价\n月之暗面下调了kimi-k2的API价格：输入从4元/百万tokens降至2元/百万tokens。",
        [("kimi-k2", "price_cut", "input", "2", "4", "CNY")],
    ),
    (
        "ja-headline-then-price-of-subject",
        "ムーンショットが値下げ\nムーンショットはkimi-k2のAPI料金を引き下げ、入力は100万トークンあたり4元から2元になった。",
        [("kimi-k2", "price_cut", "input", "2", "4", "CNY")],
    ),
    (
        "zh-qwen-long-cut",
        "阿里云宣布通义千问Qwen-Long降价，API输入价格从0.02元/千tokens降至0.0005元/千tokens，直降97%。",
        [("qwen-long", "price_cut", "input", "0.5", "20", "CNY")],
    ),
    (
        "zh-ernie-free",
        "百度智能云宣布，文心大模型ERNIE Speed、ERNIE Lite两款主力模型全面免费，即刻生效。",
        [("ernie-speed", "free", None, "0", None, None), ("ernie-lite", "free", None, "0", None, None)],
    ),
    (
        "zh-glm-cut",
        "智谱AI将GLM-3-Turbo的调用价格从5元/百万tokens降至1元/百万tokens，降幅达80%。",
        [("glm-3-turbo", "price_cut", None, "1", "5", "CNY")],
    ),
    (
        "zh-doubao-price",
        "字节跳动发布豆包大模型，Doubao-pro-32k模型推理输入价格为0.0008元/千tokens。",
        [("doubao-pro-32k", "price", "input", "0.8", None, "CNY")],
    ),
    (
        "zh-deepseek-v2",
        "深度求索发布DeepSeek-V2，API定价为每百万tokens输入1元、输出2元。",
        [("deepseek-v2", "price", "input", "1", None, "CNY"), ("deepseek-v2", "price", "output", "2", None, "CNY")],
    ),
    ("zh-promo-credit", "智谱宣布新用户注册即赠送2000万tokens，GLM-4-Plus可免费体验。", []),
    ("zh-gpu-rental", "阿里云同时下调A100 GPU租用价格至每小时25元，Qwen-Max不变。", []),
    ("zh-phone", "另据报道，某款国产手机近日降价300元。", []),
    (
        "ja-deepseek-v2",
        "DeepSeek-V2は1元で200万tokensを購入できる計算だ。",
        [("deepseek-v2", "price", None, "0.5", None, "CNY")],
    ),
    (
        "ja-per-million-cny",
        "DeepSeek-V2の料金は百万tokens当たり1元、出力2元となる。",
        [("deepseek-v2", "price", None, "1", None, "CNY"), ("deepseek-v2", "price", "output", "2", None, "CNY")],
    ),
    (
        "ja-ernie-free",
        "百度はERNIE SpeedとERNIE Liteを含む2つの主力モデルを全面無料にした。",
        [("ernie-speed", "free", None, "0", None, None), ("ernie-lite", "free", None, "0", None, None)],
    ),
    (
        "ja-gpt4o-respectively",
        "GPT-4oのAPI料金は、入力、出力は百万tokensあたり5ドル、15ドルとなる。",
        [("gpt-4o", "price", "input", "5", None, "USD"), ("gpt-4o", "price", "output", "15", None, "USD")],
    ),
    # A family the vendor table does not know is still a model.
    (
        "ja-yen-unknown-family",
        "国内モデルtsuzumi-7bは1,000トークンあたり0.6円から0.3円に値下げされた。",
        [("tsuzumi-7b", "price_cut", None, "300", "600", "JPY")],
    ),
    (
        "ja-katakana-turbo",
        "GLM-3 ターボの料金は100万トークンあたり5元から1元に値下げされた。",
        [("glm-3-turbo", "price_cut", None, "1", "5", "CNY")],
    ),
    (
        "en-stray-space",
        "GPT-4 o now costs $2.50 per million input tokens.",
        [("gpt-4o", "price", "input", "2.5", None, "USD")],
    ),
    (
        "en-typo-family",
        "Gemnini 1.5 Flash is priced at $0.075 per 1M input tokens.",
        [("gemini-1.5-flash", "price", "input", "0.075", None, "USD")],
    ),
    # The model compared against is never the subject, wherever it stands.
    (
        "zh-compared",
        "DeepSeek-V3 的价格仅为 GPT-4o 的十分之一，输入每百万tokens 2元。",
        [("deepseek-v3", "price", "input", "2", None, "CNY")],
    ),
    (
        "ja-compared",
        "新しいGPT-4o miniはGPT-3.5 Turboの半額以下で、入力は100万トークンあたり0.15ドルだ。",
        [("gpt-4o-mini", "price", "input", "0.15", None, "USD")],
    ),
    (
        "en-compared",
        "At half the price of GPT-4 Turbo, GPT-4o costs $5 per million input tokens.",
        [("gpt-4o", "price", "input", "5", None, "USD")],
    ),
    (
        "zh-unknown-family",
        "某厂商发布 Spark-X1 模型，输入价格为每百万tokens 2元。",
        [("spark-x1", "price", "input", "2", None, "CNY")],
    ),
    ("ja-free-users-not-free", "GPT-4o miniはChatGPTの無料ユーザーにも提供される。", []),
    ("ja-smartphone", "一方、格安スマートフォンでは端末価格の値下げが相次ぎ、1万円程度安くなった機種もある。", []),
    (
        "en-cents",
        "GPT-4o mini costs 15 cents per million input tokens and 60 cents per million output tokens.",
        [
            ("gpt-4o-mini", "price", "input", "0.15", None, "USD"),
            ("gpt-4o-mini", "price", "output", "0.6", None, "USD"),
        ],
    ),
    (
        "en-gemini-flash-cut",
        "Google lowered the price of Gemini 1.5 Flash by 78% for input tokens, to $0.075 per 1M tokens.",
        [("gemini-1.5-flash", "price_cut", "input", "0.075", None, "USD")],
    ),
    (
        "en-increase",
        "For DeepSeek-V3, the input price rises from $0.14 to $0.27 per million tokens.",
        [("deepseek-v3", "price_increase", "input", "0.27", "0.14", "USD")],
    ),
    ("en-subscription", "Meanwhile a popular streaming service raised its monthly subscription price by $2.", []),
    ("en-gpu-hour", "Lambda now rents H100 GPUs at $2.49 per hour, while Llama 3.1 70B stays available.", []),
    ("en-free-tier-not-free", "Gemini 1.5 Flash has a free tier with 15 requests per minute.", []),
    # A unit phrase between 'from' and the amount; old prices told in a later sentence of the same model.
    (
        "zh-from-with-unit-between",
        "智谱宣布降价\n\nGLM-4-Air的输入价格由每百万tokens 1元下调至0.5元。",
        [("glm-4-air", "price_cut", "input", "0.5", "1", "CNY")],
    ),
    (
        "ja-old-price-in-the-next-sentence",
        "Kimi K2値下げ\n\nMoonshot AIはKimi K2の入力料金を100万トークンあたり2元に引き下げた。従来、Kimi K2の入力料金は4元だった。",
        [("kimi-k2", "price_cut", "input", "2", "4", "CNY")],
    ),
    (
        "en-old-price-in-the-next-sentence",
        "DeepSeek R1 price cut\n\nDeepSeek lowered DeepSeek R1 output to $2.19 per million tokens. "
        "Previously, DeepSeek R1 output cost $4.38.",
        [("deepseek-r1", "price_cut", "output", "2.19", "4.38", "USD")],
    ),
    # The old price told first, the new one after it, with only the new amount ('now $0.30').
    (
        "en-old-then-new",
        "Grok 3 Mini gets cheaper\n\nThe model was previously priced at $0.50 per million input tokens. It now costs $0.30.",
        [("grok-3-mini", "price_cut", "input", "0.3", "0.5", "USD")],
    ),
    (
        "zh-old-then-new",
        "MiniMax M2调价\n\nMiniMax M2此前输入价格为每百万tokens 4元；现在降至2元。",
        [("minimax-m2", "price_cut", "input", "2", "4", "CNY")],
    ),
    (
        "ja-old-then-new",
        "Nova Microの料金\n\nAmazon Nova Microは従来、100万入力トークンあたり0.05ドルだったが、現在は0.035ドルとなっている。",
        [("nova-micro", "price_cut", "input", "0.035", "0.05", "USD")],
    ),
    (
        "en-old-price-of-another-model-types-nothing",
        "New model undercuts GPT-4\n\nGPT-4 Turbo previously cost $10 per million input tokens. "
        "Meanwhile Mistral Large 2 costs $2 per million.",
        [("mistral-large-2", "price", None, "2", None, "USD")],
    ),
    # A model made free, then what it cost before: the old price goes to the free claim, which stays free.
    (
        "zh-made-free-then-old-price",
        "文心大模型免费\n\n百度宣布ERNIE Speed、ERNIE Lite全面免费。此前ERNIE Speed的输入价格为每千tokens 0.004元。",
        [("ernie-speed", "free", None, "0", "4", None), ("ernie-lite", "free", None, "0", None, None)],
    ),
    (
        "en-made-free-then-old-price",
        "GLM-4-Flash goes free\n\nZhipu made GLM-4-Flash free for all API users. "
        "Previously, GLM-4-Flash cost 0.1 yuan per million tokens.",
        [("glm-4-flash", "free", None, "0", "0.1", None)],
    ),
    (
        "ja-made-free-then-old-price",
        "GLM-4-Flashが無料に\n\nGLM-4-Flashが無料になった。従来、GLM-4-Flashの料金は100万トークンあたり0.1元だった。",
        [("glm-4-flash", "free", None, "0", "0.1", None)],
    ),
    # 'will now cost' is the new price; 'for prompts under 128K' is a condition, not an input label. The title
    # right before tells a cut of the model: the new prices are cut prices.
    (
        "en-will-now-cost",
        "Google cuts Gemini 1.5 Flash prices\n\nInput tokens will now cost $0.075 per million and output tokens "
        "$0.30 per million for prompts under 128K tokens.",
        [
            ("gemini-1.5-flash", "price_cut", "input", "0.075", None, "USD"),
            ("gemini-1.5-flash", "price_cut", "output", "0.3", None, "USD"),
        ],
    ),
    # Tokens counted with 個: 'per 1 million pieces' of input tokens.
    (
        "ja-tokens-counted-with-ko",
        "GPT-4o miniの料金\n\nGPT-4o miniの料金は入力トークン100万個あたり15セント、出力トークン100万個あたり60セント。",
        [
            ("gpt-4o-mini", "price", "input", "0.15", None, "USD"),
            ("gpt-4o-mini", "price", "output", "0.6", None, "USD"),
        ],
    ),
    # Models listed together share the price told after them.
    (
        "zh-listed-models-share-a-price",
        "讯飞星火降价\n\nSpark Pro、Spark Max的价格低至0.21元/万tokens。",
        [("spark-pro", "price", None, "21", None, "CNY"), ("spark-max", "price", None, "21", None, "CNY")],
    ),
    (
        "en-listed-models-share-a-price",
        "Price update\n\nGPT-4.1 and GPT-4.1 mini now cost $2 per million input tokens.",
        [("gpt-4.1", "price", "input", "2", None, "USD"), ("gpt-4.1-mini", "price", "input", "2", None, "USD")],
    ),
    (
        "ja-listed-models-share-a-price",
        "料金改定\n\nGemini 2.5 FlashとGemini 2.5 Flash-Liteの入力料金は100万トークンあたり0.1ドルになる。",
        [
            ("gemini-2.5-flash", "price", "input", "0.1", None, "USD"),
            ("gemini-2.5-flash-lite", "price", "input", "0.1", None, "USD"),
        ],
    ),
    # One clause makes one model free and prices another: each model's own part says which.
    (
        "ja-free-and-priced-in-one-clause",
        "テンセントが値下げ\n\nさらにテンセントは、Hunyuan-liteを無料にし、Hunyuan-standardの価格を1,000トークンあたり0.0045元に引き下げた。",
        [("hunyuan-lite", "free", None, "0", None, None), ("hunyuan-standard", "price_cut", None, "4.5", None, "CNY")],
    ),
    (
        "zh-free-and-priced-in-one-clause",
        "腾讯降价\n\n腾讯宣布hunyuan-lite免费 hunyuan-standard降至每千tokens 0.0045元。",
        [("hunyuan-lite", "free", None, "0", None, None), ("hunyuan-standard", "price_cut", None, "4.5", None, "CNY")],
    ),
    (
        "en-free-and-priced-in-one-clause",
        "Tencent cuts prices\n\nTencent made Hunyuan Lite free and cut Hunyuan Standard to 4.5 yuan per million tokens.",
        [("hunyuan-lite", "free", None, "0", None, None), ("hunyuan-standard", "price_cut", None, "4.5", None, "CNY")],
    ),
    (
        "en-free-to-try-is-no-free-price",
        "Anthropic updates Claude lineup\n\nClaude 3 Haiku is free to try in the console; Claude 3 Opus costs $15 per "
        "million input tokens.",
        [("claude-3-opus", "price", "input", "15", None, "USD")],
    ),
    # Old prices told after the new ones: 'compared with … before', '之前分别为…', '以前は…'.
    (
        "en-compared-with-before",
        "OpenAI slashes o3 price\n\nThe model now costs $2 per million input tokens and $8 per million output "
        "tokens, compared with $10 and $40 before.",
        [("o3", "price_cut", "input", "2", "10", "USD"), ("o3", "price_cut", "output", "8", "40", "USD")],
    ),
    (
        "zh-before-respectively",
        "o3降价\n\nOpenAI将o3的输入价格下调至每百万tokens 2美元，输出价格下调至8美元，之前分别为10美元和40美元。",
        [("o3", "price_cut", "input", "2", "10", "USD"), ("o3", "price_cut", "output", "8", "40", "USD")],
    ),
    (
        "ja-before-in-the-next-sentence",
        "o3値下げ\n\no3の料金は入力100万トークンあたり2ドル、出力8ドルとなった。以前は10ドルと40ドルだった。",
        [("o3", "price_cut", "input", "2", "10", "USD"), ("o3", "price_cut", "output", "8", "40", "USD")],
    ),
    # 'Respectively': as many listed models as prices, in order (not every model at every price).
    (
        "zh-respectively",
        "Kimi调价\n\nmoonshot-v1-8k、moonshot-v1-32k、moonshot-v1-128k三款模型的价格分别调整为每百万tokens 12元、24元、60元。",
        [
            ("moonshot-v1-8k", "price", None, "12", None, "CNY"),
            ("moonshot-v1-32k", "price", None, "24", None, "CNY"),
            ("moonshot-v1-128k", "price", None, "60", None, "CNY"),
        ],
    ),
    (
        "en-respectively",
        "Mistral trims prices\n\nMistral Small 3.1 and Mistral Medium 3 now cost $0.10 and $0.40 per million input "
        "tokens respectively.",
        [
            ("mistral-small-3.1", "price", "input", "0.1", None, "USD"),
            ("mistral-medium-3", "price", "input", "0.4", None, "USD"),
        ],
    ),
    (
        "ja-respectively",
        "Gemini 料金改定\n\nGemini 2.5 Flash、Gemini 2.5 Proの入力料金はそれぞれ100万トークンあたり0.3ドル、1.25ドルとなる。",
        [
            ("gemini-2.5-flash", "price", "input", "0.3", None, "USD"),
            ("gemini-2.5-pro", "price", "input", "1.25", None, "USD"),
        ],
    ),
    # The type named before the old price ('the input price of X from $0.15 to $0.30').
    (
        "en-type-before-the-old-price",
        "Gemini 2.5 Flash price hike\n\nGoogle raised the input price of Gemini 2.5 Flash from $0.15 to $0.30 per "
        "million tokens, while output fell from $3.50 to $2.50.",
        [
            ("gemini-2.5-flash", "price_increase", "input", "0.3", "0.15", "USD"),
            ("gemini-2.5-flash", "price_cut", "output", "2.5", "3.5", "USD"),
        ],
    ),
    # A family name inside a longer id names that id's model.
    (
        "ja-longer-id-around-a-family",
        "ELYZAのAPI料金\n\nELYZA-japanese-Llama-2-70bのAPI利用料金は、入力が1,000トークンあたり0.5円、出力が同1.5円となる。",
        [
            ("elyza-japanese-llama-2-70b", "price", "input", "500", None, "JPY"),
            ("elyza-japanese-llama-2-70b", "price", "output", "1500", None, "JPY"),
        ],
    ),
    # A present-tense 'cost' is a price, not an old one; a '/' pair after an input label is input then output.
    (
        "en-present-cost-is-no-old-price",
        "Claude Sonnet 4.5 launches\n\nClaude Sonnet 4.5 costs $3/$15 per million input/output tokens. "
        "Prompts over 200K tokens cost $6/$22.50.",
        [
            ("claude-sonnet-4.5", "price", "input", "3", None, "USD"),
            ("claude-sonnet-4.5", "price", "output", "15", None, "USD"),
            ("claude-sonnet-4.5", "price", "input", "6", None, "USD"),
            ("claude-sonnet-4.5", "price", "output", "22.5", None, "USD"),
        ],
    ),
    # Product ids outside the vendor table, a version glued to the name: 'Sarashina2-70B', 'Baichuan4-Turbo'.
    (
        "ja-unknown-id-with-glued-version",
        "Sarashina API\n\nSarashina2-70BのAPI料金は、入力1,000トークンあたり0.15円、出力1,000トークンあたり0.6円。",
        [
            ("sarashina2-70b", "price", "input", "150", None, "JPY"),
            ("sarashina2-70b", "price", "output", "600", None, "JPY"),
        ],
    ),
    (
        "zh-unknown-id-with-glued-version",
        "新模型上线\n\nTeleChat2-35B的输入价格为每百万tokens 2元，输出价格为每百万tokens 6元。",
        [("telechat2-35b", "price", "input", "2", None, "CNY"), ("telechat2-35b", "price", "output", "6", None, "CNY")],
    ),
    (
        "en-unknown-id-with-glued-version",
        "New model\n\nFalcon3-10B costs $0.10 per million input tokens and $0.30 per million output tokens.",
        [("falcon3-10b", "price", "input", "0.1", None, "USD"), ("falcon3-10b", "price", "output", "0.3", None, "USD")],
    ),
    (
        "zh-one-price-for-input-and-output",
        "百川智能降价\n\n百川智能宣布Baichuan4-Turbo降价，输入输出统一为每千tokens 0.015元。",
        [
            ("baichuan4-turbo", "price_cut", "input", "15", None, "CNY"),
            ("baichuan4-turbo", "price_cut", "output", "15", None, "CNY"),
        ],
    ),
    # A family name with a capital letter alone is a model ('Command R+'); 'Claude a boost' is none.
    (
        "en-capital-letter-variant",
        "Cohere pricing\n\nCommand R+ is priced at $2.50 per 1M input tokens and $10.00 per 1M output tokens. "
        "This gives Claude a rival.",
        [("command-r+", "price", "input", "2.5", None, "USD"), ("command-r+", "price", "output", "10", None, "USD")],
    ),
    # A pair of amounts whose unit phrase lists their types.
    (
        "en-pair-typed-by-its-unit",
        "OpenAI launches GPT-4.1 mini\n\nGPT-4.1 mini is priced at $0.40/$1.60 per million input/output tokens.",
        [
            ("gpt-4.1-mini", "price", "input", "0.4", None, "USD"),
            ("gpt-4.1-mini", "price", "output", "1.6", None, "USD"),
        ],
    ),
    # Pipe tables in an article go to the pricing pages' table reader, cell by cell (markdown-it splits them).
    (
        "zh-pipe-table",
        "深度求索公布新价格\n\n| 模型 | 输入（元/百万tokens） | 输出（元/百万tokens） |\n|---|---|---|\n| deepseek-chat | 2 | 8 |",
        [("deepseek-chat", "price", "input", "2", None, "CNY"), ("deepseek-chat", "price", "output", "8", None, "CNY")],
    ),
    (
        "ja-pipe-table-dashes-of-any-kind",
        "料金一覧\n\n| モデル | 入力（100万トークンあたり） | 出力（100万トークンあたり） |\n|——|——|——|\n| GPT-4o mini | $0.15 | $0.60 |",
        [
            ("gpt-4o-mini", "price", "input", "0.15", None, "USD"),
            ("gpt-4o-mini", "price", "output", "0.6", None, "USD"),
        ],
    ),
    (
        "en-pipe-table-cells-with-markup",
        "Price list\n\n| Model | Input | Output |\n|---|---|---|\n| **`gpt-4.1-mini`** | $0.40 / 1M tokens | "
        "[$1.60 / 1M tokens](https://example.com/pricing) |",
        [
            ("gpt-4.1-mini", "price", "input", "0.4", None, "USD"),
            ("gpt-4.1-mini", "price", "output", "1.6", None, "USD"),
        ],
    ),
    (
        "zh-pipe-table-same-as-above-and-line-break",
        "新价格\n\n| 模型 | 输入 | 输出 |\n|---|---|---|\n| glm-4-air<br>通用 | 0.5元/百万tokens | 0.5元/百万tokens |\n"
        "| glm-4-airx | 〃 | 10元/百万tokens |",
        [
            ("glm-4-air", "price", "input", "0.5", None, "CNY"),
            ("glm-4-air", "price", "output", "0.5", None, "CNY"),
            ("glm-4-airx", "price", "input", "0.5", None, "CNY"),
            ("glm-4-airx", "price", "output", "10", None, "CNY"),
        ],
    ),
    (
        "ja-pipe-table-escaped-pipe-in-a-note",
        "料金\n\n| モデル | 入力 | 出力 |\n|---|---|---|\n| o4-mini | $1.10 / 100万トークン | $4.40 / 100万トークン (a\\|b) |",
        [
            ("o4-mini", "price", "input", "1.1", None, "USD"),
            ("o4-mini", "price", "output", "4.4", None, "USD"),
        ],
    ),
    (
        "en-pipe-table-short-row",
        "New prices\n\n| Model | Input $/MTok | Output $/MTok |\n| --- | --- | --- |\n| claude-3-haiku | $0.25 | $1.25 |\n| claude-3-opus | $15 |",
        [
            ("claude-3-haiku", "price", "input", "0.25", None, "USD"),
            ("claude-3-haiku", "price", "output", "1.25", None, "USD"),
            ("claude-3-opus", "price", "input", "15", None, "USD"),
        ],
    ),
    # Bare amounts for another model, in the clause or sentence right after one model's typed prices, take
    # those types in order.
    (
        "en-bare-pair-for-the-next-model",
        "Cohere trims prices\n\nCommand R+ now costs $2.50 per million input tokens and $10 per million output "
        "tokens, while Command R costs $0.15 and $0.60.",
        [
            ("command-r+", "price", "input", "2.5", None, "USD"),
            ("command-r+", "price", "output", "10", None, "USD"),
            ("command-r", "price", "input", "0.15", None, "USD"),
            ("command-r", "price", "output", "0.6", None, "USD"),
        ],
    ),
    (
        "zh-bare-pair-for-the-next-model",
        "通义千问调价\n\n阿里云宣布，Qwen-Plus的输入价格为每百万tokens 0.8元，输出价格为每百万tokens 2元；"
        "Qwen-Turbo则为0.3元和0.6元。",
        [
            ("qwen-plus", "price", "input", "0.8", None, "CNY"),
            ("qwen-plus", "price", "output", "2", None, "CNY"),
            ("qwen-turbo", "price", "input", "0.3", None, "CNY"),
            ("qwen-turbo", "price", "output", "0.6", None, "CNY"),
        ],
    ),
    (
        "ja-bare-pair-for-the-next-model",
        "Mistral、料金を改定\n\nMistral Largeの料金は100万入力トークンあたり2ドル、100万出力トークンあたり6ドル"
        "となった。Mistral Smallは0.2ドルと0.6ドルのまま。",
        [
            ("mistral-large", "price", "input", "2", None, "USD"),
            ("mistral-large", "price", "output", "6", None, "USD"),
            ("mistral-small", "price", "input", "0.2", None, "USD"),
            ("mistral-small", "price", "output", "0.6", None, "USD"),
        ],
    ),
    # A company's money is no model's price, however it is listed.
    (
        "en-bare-pair-with-no-model-is-nothing",
        "Funding news\n\nClaude 3 Opus costs $15 per million input tokens and $75 per million output tokens, "
        "but Anthropic raised $4 and $2 in its latest rounds.",
        [
            ("claude-3-opus", "price", "input", "15", None, "USD"),
            ("claude-3-opus", "price", "output", "75", None, "USD"),
        ],
    ),
    # A sentence that states the unit of the list after it, and gives no price itself.
    (
        "en-unit-stated-before-a-list",
        "OpenAI launches GPT-4.1\n\nThe new models cost, per million tokens:\n\n- GPT-4.1: $2 input / $8 output\n"
        "- GPT-4.1 mini: $0.40 input / $1.60 output",
        [
            ("gpt-4.1", "price", "input", "2", None, "USD"),
            ("gpt-4.1", "price", "output", "8", None, "USD"),
            ("gpt-4.1-mini", "price", "input", "0.4", None, "USD"),
            ("gpt-4.1-mini", "price", "output", "1.6", None, "USD"),
        ],
    ),
    (
        "zh-unit-stated-before-a-list",
        "OpenAI发布GPT-4.1系列\n\n新模型定价如下（每百万tokens）：\n\n- GPT-4.1：输入2美元，输出8美元\n"
        "- GPT-4.1 mini：输入0.4美元，输出1.6美元",
        [
            ("gpt-4.1", "price", "input", "2", None, "USD"),
            ("gpt-4.1", "price", "output", "8", None, "USD"),
            ("gpt-4.1-mini", "price", "input", "0.4", None, "USD"),
            ("gpt-4.1-mini", "price", "output", "1.6", None, "USD"),
        ],
    ),
    (
        "ja-unit-stated-before-a-list",
        "OpenAI、GPT-4.1を公開\n\n料金（100万トークンあたり）は次のとおり。\n\n・GPT-4.1：入力2ドル、出力8ドル\n"
        "・GPT-4.1 mini：入力0.4ドル、出力1.6ドル",
        [
            ("gpt-4.1", "price", "input", "2", None, "USD"),
            ("gpt-4.1", "price", "output", "8", None, "USD"),
            ("gpt-4.1-mini", "price", "input", "0.4", None, "USD"),
            ("gpt-4.1-mini", "price", "output", "1.6", None, "USD"),
        ],
    ),
    # The standard price a discount is measured from is the old price.
    (
        "en-old-price-is-the-standard-one",
        "DeepSeek adds a night discount\n\nDeepSeek-V3 costs $0.135 per million input tokens at night, a 50% "
        "discount from the standard $0.27.",
        [("deepseek-v3", "price_cut", "input", "0.135", "0.27", "USD")],
    ),
    (
        "zh-old-price-is-the-standard-one",
        "DeepSeek推出夜间优惠\n\n夜间DeepSeek-V3的输入价格为每百万tokens 0.135美元，较标准价格0.27美元便宜50%。",
        [("deepseek-v3", "price_cut", "input", "0.135", "0.27", "USD")],
    ),
    (
        "ja-old-price-is-the-standard-one",
        "DeepSeek、夜間割引\n\n夜間はDeepSeek-V3の入力料金が100万トークンあたり0.135ドルとなり、通常料金の0.27ドルから"
        "50%割引される。",
        [("deepseek-v3", "price_cut", "input", "0.135", "0.27", "USD")],
    ),
    # 'old → new' with an arrow, each type in turn.
    (
        "en-arrow-from-old-to-new",
        "Anthropic trims Haiku\n\nClaude 3.5 Haiku: $1 → $0.80 per MTok input, $5 → $4 per MTok output.",
        [
            ("claude-3.5-haiku", "price_cut", "input", "0.8", "1", "USD"),
            ("claude-3.5-haiku", "price_cut", "output", "4", "5", "USD"),
        ],
    ),
    (
        "zh-arrow-from-old-to-new",
        "Anthropic下调Haiku价格\n\nClaude 3.5 Haiku：输入 1美元→0.8美元，输出 5美元→4美元（每百万tokens）。",
        [
            ("claude-3.5-haiku", "price_cut", "input", "0.8", "1", "USD"),
            ("claude-3.5-haiku", "price_cut", "output", "4", "5", "USD"),
        ],
    ),
    (
        "ja-arrow-from-old-to-new",
        "Haikuが値下げ\n\nClaude 3.5 Haiku：入力 1ドル→0.8ドル、出力 5ドル→4ドル（100万トークンあたり）。",
        [
            ("claude-3.5-haiku", "price_cut", "input", "0.8", "1", "USD"),
            ("claude-3.5-haiku", "price_cut", "output", "4", "5", "USD"),
        ],
    ),
    # The old price in a note after each new one belongs to that one, not to the next.
    (
        "en-old-price-in-a-note-after-each",
        "Mistral halves Large pricing\n\nMistral Large now costs $2 per million input tokens (down from $4) and $6 "
        "per million output tokens (down from $12).",
        [
            ("mistral-large", "price_cut", "input", "2", "4", "USD"),
            ("mistral-large", "price_cut", "output", "6", "12", "USD"),
        ],
    ),
    (
        "zh-old-price-in-a-note-after-each",
        "Mistral Large降价\n\nMistral Large输入价格为每百万tokens 2美元（此前为4美元），输出价格为每百万tokens 6美元"
        "（此前为12美元）。",
        [
            ("mistral-large", "price_cut", "input", "2", "4", "USD"),
            ("mistral-large", "price_cut", "output", "6", "12", "USD"),
        ],
    ),
    (
        "ja-old-price-in-a-note-after-each",
        "Mistral Largeが半額に\n\nMistral Largeの料金は入力が100万トークンあたり2ドル（従来4ドル）、出力が6ドル"
        "（従来12ドル）となる。",
        [
            ("mistral-large", "price_cut", "input", "2", "4", "USD"),
            ("mistral-large", "price_cut", "output", "6", "12", "USD"),
        ],
    ),
    # Free tokens handed out are an allowance, not a model made free.
    (
        "en-free-tokens-are-an-allowance",
        "Developer perks\n\nDevelopers get 1 million free tokens per day for GPT-4o mini fine-tuning until September.",
        [],
    ),
    (
        "zh-free-tokens-are-an-allowance",
        "开发者福利\n\n即日起，每位开发者每天可获得GLM-4-Flash的100万免费tokens。",
        [],
    ),
    (
        "ja-free-tokens-are-an-allowance",
        "開発者向け特典\n\n開発者はGemini 1.5 Flashの無料トークンを1日100万まで利用できる。",
        [],
    ),
    # A size in parameters is part of the name; one amount said after to be for input and output is both.
    (
        "en-size-in-name-one-price-for-both-after",
        "Llama pricing\n\nTogether AI prices Llama 3.1 405B at $3.50 per 1M tokens for both input and output.",
        [
            ("llama-3.1-405b", "price", "input", "3.5", None, "USD"),
            ("llama-3.1-405b", "price", "output", "3.5", None, "USD"),
        ],
    ),
    (
        "zh-size-in-name-one-price-for-both-after",
        "Qwen2.5价格\n\nQwen2.5 72B的价格为每百万tokens 4元（输入输出同价）。",
        [
            ("qwen2.5-72b", "price", "input", "4", None, "CNY"),
            ("qwen2.5-72b", "price", "output", "4", None, "CNY"),
        ],
    ),
    (
        "ja-size-in-name-one-price-for-both-after",
        "Mixtralの料金\n\nMixtral 8x7Bの料金は100万トークンあたり0.7ドル（入出力共通）。",
        [
            ("mixtral-8x7b", "price", "input", "0.7", None, "USD"),
            ("mixtral-8x7b", "price", "output", "0.7", None, "USD"),
        ],
    ),
    # Labelled old and new prices: 'old price … new price', '原价：…现价：…', '旧価格は…新価格は…'.
    (
        "en-old-price-labelled",
        "Qwen-Long price cut\n\nQwen-Long: old price 0.02 yuan per 1,000 tokens, new price 0.0005 yuan.",
        [("qwen-long", "price_cut", None, "0.5", "20", "CNY")],
    ),
    (
        "zh-old-price-labelled",
        "Qwen-Long降价\n\nQwen-Long原价：0.02元/千tokens，现价：0.0005元/千tokens。",
        [("qwen-long", "price_cut", None, "0.5", "20", "CNY")],
    ),
    (
        "ja-old-price-labelled",
        "Qwen-Long値下げ\n\nQwen-Longの旧価格は1,000トークンあたり0.02元、新価格は0.0005元。",
        [("qwen-long", "price_cut", None, "0.5", "20", "CNY")],
    ),
    # Machine translations into Japanese may write a family and its variants in katakana.
    (
        "ja-katakana-family-and-variant",
        "クロード3.5ソネットの料金\n\nアンソロピックは、クロード3.5ソネットの価格を入力トークン100万個あたり3ドル、"
        "出力トークン100万個あたり15ドルに設定した。",
        [
            ("claude-3.5-sonnet", "price", "input", "3", None, "USD"),
            ("claude-3.5-sonnet", "price", "output", "15", None, "USD"),
        ],
    ),
    (
        "ja-katakana-family-cut",
        "ジェミニの値下げ\n\nグーグルはジェミニ1.5フラッシュの入力料金を100万トークンあたり0.075ドルに引き下げた。",
        [("gemini-1.5-flash", "price_cut", "input", "0.075", None, "USD")],
    ),
    # A product the vendor table does not know, named by a family and a variant word ('Starling-Lite').
    (
        "en-unknown-family-with-variant-free",
        "Free access\nStarling-Lite is now available for free through the API.",
        [("starling-lite", "free", None, "0", None, None)],
    ),
    (
        "zh-unknown-family-with-variant-priced",
        "降价\n灵犀-Max每百万输入tokens仅需0.5元，输出仅需2元。",
        [("灵犀-max", "price", "input", "0.5", None, "CNY"), ("灵犀-max", "price", "output", "2", None, "CNY")],
    ),
    (
        "zh-unknown-family-with-variant-respective",
        "发布会\n云雀-Pro输入/输出价格分别为2元/8元每百万tokens。",
        [("云雀-pro", "price", "input", "2", None, "CNY"), ("云雀-pro", "price", "output", "8", None, "CNY")],
    ),
    (
        "ja-unknown-family-with-variant-free",
        "無料化\nSora-Liteは本日からAPIで無料で利用できる。",
        [("sora-lite", "free", None, "0", None, None)],
    ),
    (
        "en-benchmark-acronym-is-no-model",
        "Launch\nOrion-3 scores 75.9 on MMLU-Pro and costs $2 per million input tokens.",
        [("orion-3", "price", "input", "2", None, "USD")],
    ),
    # An unknown product id with a capitalized variant after it: the variant is part of the name.
    (
        "en-unknown-id-with-variant-word",
        "Launch\nPricing starts at $0.10 per million input tokens for Nimbus-5 Mini.",
        [("nimbus-5-mini", "price", "input", "0.1", None, "USD")],
    ),
    (
        "zh-unknown-id-with-variant-word",
        "发布\nNimbus-5 Nano的输入价格为每百万tokens 0.7元。",
        [("nimbus-5-nano", "price", "input", "0.7", None, "CNY")],
    ),
    (
        "ja-unknown-id-with-variant-word",
        "発表\nNimbus-5 Miniの入力料金は100万トークンあたり0.1ドル。",
        [("nimbus-5-mini", "price", "input", "0.1", None, "USD")],
    ),
    (
        "en-lowercase-word-after-unknown-id-is-prose",
        "Launch\nOrion-3 large context costs $2 per million input tokens.",
        [("orion-3", "price", "input", "2", None, "USD")],
    ),
    # Free coming to an end is no model made free: what follows is its price.
    (
        "zh-free-ends",
        "调整\nGLM-4-Flash的免费期将于6月1日结束，此后输入价格为每百万tokens 0.1元。",
        [("glm-4-flash", "price", "input", "0.1", None, "CNY")],
    ),
    (
        "zh-end-free",
        "调整\nGLM-4-Flash将结束免费，6月1日起输入价格为每百万tokens 0.1元。",
        [("glm-4-flash", "price", "input", "0.1", None, "CNY")],
    ),
    (
        "ja-free-offer-ends",
        "変更\nGLM-4-Flashの無料提供を6月末で終了し、入力は100万トークンあたり0.1元となる。",
        [("glm-4-flash", "price", "input", "0.1", None, "CNY")],
    ),
    (
        "en-free-preview-ends",
        "Change\nThe free preview of Gemini 2.5 Flash ends on June 1; it then costs $0.30 per million input tokens.",
        [("gemini-2.5-flash", "price", "input", "0.3", None, "USD")],
    ),
    # A price that doubles is an increase, though no old price is told.
    (
        "en-doubles",
        "Hike\nThe input price of Gemini 2.5 Flash doubles to $0.30 per million tokens.",
        [("gemini-2.5-flash", "price_increase", "input", "0.3", None, "USD")],
    ),
    (
        "zh-fanbei",
        "涨价\nGemini 2.5 Flash输入价格翻倍至每百万tokens 0.3美元。",
        [("gemini-2.5-flash", "price_increase", "input", "0.3", None, "USD")],
    ),
    (
        "ja-baizou",
        "値上げ\nGemini 2.5 Flashの入力料金は倍増し、100万トークンあたり0.3ドルとなる。",
        [("gemini-2.5-flash", "price_increase", "input", "0.3", None, "USD")],
    ),
    # '和' between two models lists them; '和 X 相比' compares with X.
    (
        "zh-he-lists-models-respectively",
        "降价\nGLM-4-Air和GLM-4-Flash的输入价格分别降至每百万tokens 0.5元和0.1元。",
        [
            ("glm-4-air", "price_cut", "input", "0.5", None, "CNY"),
            ("glm-4-flash", "price_cut", "input", "0.1", None, "CNY"),
        ],
    ),
    (
        "zh-he-compares-when-closed",
        "降价\n和GPT-4o相比，GLM-4-Air的输入价格仅为每百万tokens 0.5元。",
        [("glm-4-air", "price", "input", "0.5", None, "CNY")],
    ),
    (
        "ja-to-lists-models-respectively",
        "値下げ\nGLM-4-AirとGLM-4-Flashの入力料金は、100万トークンあたりそれぞれ0.5元と0.1元に引き下げられた。",
        [
            ("glm-4-air", "price_cut", "input", "0.5", None, "CNY"),
            ("glm-4-flash", "price_cut", "input", "0.1", None, "CNY"),
        ],
    ),
    (
        "en-and-lists-models-respectively",
        "Cuts\nGLM-4-Air and GLM-4-Flash fall to 0.5 yuan and 0.1 yuan per million input tokens respectively.",
        [
            ("glm-4-air", "price_cut", "input", "0.5", None, "CNY"),
            ("glm-4-flash", "price_cut", "input", "0.1", None, "CNY"),
        ],
    ),
    # A sentence that names input and output before a list is no header of columns: the list's bare amounts
    # take no types from the order it names them in (that read 'output $1, input $4').
    (
        "en-sentence-before-a-list-is-no-header",
        "Acme cuts prices\n\nOutput tokens cost more than input tokens. Prices per million tokens:\nAcme-1 $1 $4\nAcme-2 $2 $8",
        [],
    ),
    (
        "zh-sentence-before-a-list-is-no-header",
        "Acme 降价\n\n输出比输入贵。每百万tokens的价格：\nAcme-1 1元 4元\nAcme-2 2元 8元",
        [],
    ),
    (
        "ja-sentence-before-a-list-is-no-header",
        "Acme が値下げ\n\n出力は入力より高い。100万トークンあたりの料金：\nAcme-1 1ドル 4ドル\nAcme-2 2ドル 8ドル",
        [],
    ),
    # A full stop right after an id that is not in the vendor table ends the sentence: it is not the version's.
    (
        "en-full-stop-after-an-unknown-id",
        "Acme launches a model\n\nThe new model is called Vela-3. It costs $1 per million input tokens.",
        [("vela-3", "price", "input", "1", None, "USD")],
    ),
    (
        "zh-full-stop-after-an-unknown-id",
        "Acme 发布新模型\n\n新模型名为 Vela-3.5. 其输入价格为每百万tokens 1元。",
        [("vela-3.5", "price", "input", "1", None, "CNY")],
    ),
    (
        "ja-full-stop-after-an-unknown-id",
        "Acme が新モデル\n\n新モデルの名前は Nimbus-2.5. 入力料金は100万トークンあたり1ドル。",
        [("nimbus-2.5", "price", "input", "1", None, "USD")],
    ),
    # Listed models and one list of amounts of one type: theirs in order, 'respectively' unsaid (one model cannot
    # have two input prices); a list of different types is each model's.
    (
        "en-listed-models-one-type-list-in-order",
        "Acme prices\n\nInput prices for Vela-2 and Vela-2 Mini fall to $0.50 and $0.20 per million tokens.",
        [
            ("vela-2", "price_cut", "input", "0.5", None, "USD"),
            ("vela-2-mini", "price_cut", "input", "0.2", None, "USD"),
        ],
    ),
    (
        "zh-listed-models-one-type-list-in-order",
        "Acme 降价\n\nVela-2 和 Vela-2 Mini 的输入价格降至每百万tokens 0.5元和0.2元。",
        [
            ("vela-2", "price_cut", "input", "0.5", None, "CNY"),
            ("vela-2-mini", "price_cut", "input", "0.2", None, "CNY"),
        ],
    ),
    (
        "ja-listed-models-one-type-list-in-order",
        "Acme が値下げ\n\nVela-2とVela-2 Miniの入力料金は100万トークンあたり0.5ドルと0.2ドルに下がる。",
        [
            ("vela-2", "price_cut", "input", "0.5", None, "USD"),
            ("vela-2-mini", "price_cut", "input", "0.2", None, "USD"),
        ],
    ),
    (
        "en-listed-models-share-a-list-of-two-types",
        "Acme prices\n\nVela-2 and Vela-2 Mini cost $0.50 per million input tokens and $2 per million output tokens.",
        [
            ("vela-2", "price", "input", "0.5", None, "USD"),
            ("vela-2-mini", "price", "input", "0.5", None, "USD"),
            ("vela-2", "price", "output", "2", None, "USD"),
            ("vela-2-mini", "price", "output", "2", None, "USD"),
        ],
    ),
    # A family the vendor table knows by its Han name, with a version or a variant word: '星火Lite', '百川4'. Alone,
    # or before a year, it is the brand.
    (
        "zh-han-family-with-variant-free-and-cut",
        "讯飞降价\n\n科大讯飞宣布，讯飞星火Lite API永久免费开放，星火Max的输入价格降至每百万tokens 21元。",
        [("spark-lite", "free", None, "0", None, None), ("spark-max", "price_cut", "input", "21", None, "CNY")],
    ),
    (
        "zh-han-family-with-version",
        "百川降价\n\n百川4的输入价格降至每百万tokens 10元，文心4.0 Turbo的输入价格为每百万tokens 20元。",
        [
            ("baichuan-4", "price_cut", "input", "10", None, "CNY"),
            ("ernie-4.0-turbo", "price", "input", "20", None, "CNY"),
        ],
    ),
    (
        "zh-han-brand-alone-or-before-a-year-is-no-model",
        "百度财报\n\n文心2024年的用户数增加，讯飞星火的调用量翻倍。",
        [],
    ),
    (
        "ja-han-family-with-variant",
        "テンセントが値下げ\n\n混元Turboの入力料金は100万トークンあたり15元になった。",
        [("hunyuan-turbo", "price", "input", "15", None, "CNY")],
    ),
    (
        "en-han-family-with-variant",
        "Tencent cuts prices\n\nTencent said 混元Lite is now free, and 混元Standard costs 0.8 yuan per million input tokens.",
        [("hunyuan-lite", "free", None, "0", None, None), ("hunyuan-standard", "price", "input", "0.8", None, "CNY")],
    ),
    # A label that states the currency and unit once, then bare amounts named by their type.
    (
        "en-unit-label-then-typed-bare-amounts",
        "Acme launch\n\nacme-2 price (USD per 1M tokens): input 2.50, output 10.00.",
        [("acme-2", "price", "input", "2.5", None, "USD"), ("acme-2", "price", "output", "10", None, "USD")],
    ),
    (
        "zh-unit-label-then-typed-bare-amounts",
        "Acme发布\n\nacme-2 价格（元/百万tokens）：输入 2，输出 8。",
        [("acme-2", "price", "input", "2", None, "CNY"), ("acme-2", "price", "output", "8", None, "CNY")],
    ),
    (
        "ja-unit-label-then-typed-bare-amounts",
        "Acme発表\n\nacme-2の料金（USD/100万トークン）：入力 2.5 / 出力 10。",
        [("acme-2", "price", "input", "2.5", None, "USD"), ("acme-2", "price", "output", "10", None, "USD")],
    ),
    # A cut told after the price, in a clause of its own that only says by how much ('，较此前下降60%', ', a 60%
    # drop from before', '、従来より6割安くなった'), or as a price that became cheaper; not a comparison with another
    # product ('12x cheaper', 'cheaper than', '比…便宜', '…より安い') or a clause about others.
    (
        "zh-cut-told-in-the-clause-after",
        "Acme 降价\n\n其中，Vela-2 输入价格为 0.8 元/百万 tokens，较此前下降 60%。",
        [("vela-2", "price_cut", "input", "0.8", None, "CNY")],
    ),
    (
        "en-cut-told-in-the-clause-after",
        "Acme cuts prices\n\nVela-2 now costs $0.80 per million input tokens, a 60% drop from before.",
        [("vela-2", "price_cut", "input", "0.8", None, "USD")],
    ),
    (
        "ja-cut-told-in-the-clause-after",
        "Acme が値下げ\n\nVela-2の入力料金は100万トークンあたり0.8ドルで、従来より6割安くなった。",
        [("vela-2", "price_cut", "input", "0.8", None, "USD")],
    ),
    (
        "en-became-cheaper-is-a-cut-cheaper-than-is-not",
        "Acme prices\n\nVela-2 is now 60% cheaper at $0.60 per million output tokens. "
        "Vela-3 is 12x cheaper than GPT-4o at $0.20 per million output tokens, as rivals cut their prices.",
        [("vela-2", "price_cut", "output", "0.6", None, "USD"), ("vela-3", "price", "output", "0.2", None, "USD")],
    ),
    (
        "zh-became-cheaper-is-a-cut-cheaper-than-is-not",
        "Acme 降价\n\nVela-2 的输出价格便宜了60%，为每百万tokens 2元。Vela-3 比 GPT-4o 便宜，输出价格为每百万tokens 1元。",
        [("vela-2", "price_cut", "output", "2", None, "CNY"), ("vela-3", "price", "output", "1", None, "CNY")],
    ),
    (
        "ja-became-cheaper-is-a-cut-cheaper-than-is-not",
        "Acme が値下げ\n\nVela-2の出力料金は6割安くなり、100万トークンあたり2ドルとなった。"
        "Vela-3はGPT-4oより安く、出力料金は100万トークンあたり1ドル。",
        [("vela-2", "price_cut", "output", "2", None, "USD"), ("vela-3", "price", "output", "1", None, "USD")],
    ),
    # Free up to a quantity of use is an allowance, not a model made free.
    (
        "en-free-for-the-first-tokens-is-an-allowance",
        "Acme pricing\n\nVela-2 is free for the first 1M tokens each month, then $1 per million input tokens.",
        [("vela-2", "price", "input", "1", None, "USD")],
    ),
    (
        "zh-free-for-the-first-tokens-is-an-allowance",
        "Acme 定价\n\nVela-2 每天前100万tokens免费，超出后输入价格为每百万tokens 1元。",
        [("vela-2", "price", "input", "1", None, "CNY")],
    ),
    (
        "ja-free-for-the-first-tokens-is-an-allowance",
        "Acme の料金\n\nVela-2は毎月100万トークンまで無料で、超過分は入力100万トークンあたり1ドル。",
        [("vela-2", "price", "input", "1", None, "USD")],
    ),
    # More ways to say a price fell: '降低', '调低', '下がった', 'went down to', 'is down 50%'.
    (
        "zh-lowered-and-turned-down-are-cuts",
        "Acme 降价\n\nVela-2 的输入价格降低50%，为每百万tokens 1元；Vela-3 的输入价格调低至每百万tokens 2元。",
        [("vela-2", "price_cut", "input", "1", None, "CNY"), ("vela-3", "price_cut", "input", "2", None, "CNY")],
    ),
    (
        "ja-sagatta-is-a-cut",
        "Acme が値下げ\n\nVela-2の入力料金は100万トークンあたり1ドルに下がった。",
        [("vela-2", "price_cut", "input", "1", None, "USD")],
    ),
    (
        "en-went-down-and-is-down-are-cuts",
        "Acme prices\n\nVela-2 input pricing went down to $1 per million tokens. "
        "Vela-3 input pricing is down 50% at $2 per million tokens.",
        [("vela-2", "price_cut", "input", "1", None, "USD"), ("vela-3", "price_cut", "input", "2", None, "USD")],
    ),
    # ... and that a price rose: '提高', '上涨', '上がった', 'rose', 'went up to', 'is up 20%' ('costs up to' is a bound).
    (
        "zh-raised-and-went-up-are-rises",
        "Acme 涨价\n\nVela-2 的输入价格提高至每百万tokens 2元；Vela-3 的输出价格上涨50%，为每百万tokens 8元。",
        [
            ("vela-2", "price_increase", "input", "2", None, "CNY"),
            ("vela-3", "price_increase", "output", "8", None, "CNY"),
        ],
    ),
    (
        "ja-agatta-is-a-rise",
        "Acme が値上げ\n\nVela-2の入力料金は100万トークンあたり2ドルに上がった。",
        [("vela-2", "price_increase", "input", "2", None, "USD")],
    ),
    (
        "en-rose-went-up-is-up-are-rises",
        "Acme prices\n\nVela-2 input pricing rose to $2 per million tokens. Vela-3 input pricing went up to $3 per "
        "million tokens, and Vela-4 output is up 20% at $6 per million tokens. Vela-5 costs up to $2 per million "
        "input tokens.",
        [
            ("vela-2", "price_increase", "input", "2", None, "USD"),
            ("vela-3", "price_increase", "input", "3", None, "USD"),
            ("vela-4", "price_increase", "output", "6", None, "USD"),
            ("vela-5", "price", "input", "2", None, "USD"),
        ],
    ),
    # Halved or marked down is a cut ('减半', '五折', '半額になった', 'half price', '50% off'); 'GPT-4oの半額' compares.
    (
        "zh-halved-and-marked-down-are-cuts",
        "Acme 降价\n\nVela-2 输入价格减半，为每百万tokens 1元；Vela-3 输入价格五折，每百万tokens 2元。",
        [("vela-2", "price_cut", "input", "1", None, "CNY"), ("vela-3", "price_cut", "input", "2", None, "CNY")],
    ),
    (
        "ja-half-price-became-is-a-cut-half-of-another-is-not",
        "Acme が値下げ\n\nVela-2の入力料金が半額になり、100万トークンあたり1ドルとなった。"
        "Vela-3はGPT-4oの半額で、入力は100万トークンあたり2ドル。",
        [("vela-2", "price_cut", "input", "1", None, "USD"), ("vela-3", "price", "input", "2", None, "USD")],
    ),
    (
        "en-half-price-and-percent-off-are-cuts",
        "Acme prices\n\nVela-2 input is now half price at $1 per million tokens. "
        "Vela-3 input is 50% off at $2 per million tokens.",
        [("vela-2", "price_cut", "input", "1", None, "USD"), ("vela-3", "price_cut", "input", "2", None, "USD")],
    ),
    # A unit written before the amount with a slash: '100万トークン/2.5ドル', '百万tokens/2元', '1M tokens/$2.50'.
    (
        "ja-unit-then-slash-then-amount",
        "Acme 値下げ\n\nVela-2の料金は入力が100万トークン/2.5ドル、出力が100万トークン/10ドル。",
        [("vela-2", "price", "input", "2.5", None, "USD"), ("vela-2", "price", "output", "10", None, "USD")],
    ),
    (
        "zh-unit-then-slash-then-amount",
        "Acme 降价\n\nVela-2 价格：输入 百万tokens/2元，输出 百万tokens/8元。",
        [("vela-2", "price", "input", "2", None, "CNY"), ("vela-2", "price", "output", "8", None, "CNY")],
    ),
    (
        "en-unit-then-slash-then-amount",
        "Acme prices\n\nVela-2 costs 1M tokens/$2.50 for input and 1M tokens/$10 for output.",
        [("vela-2", "price", "input", "2.5", None, "USD"), ("vela-2", "price", "output", "10", None, "USD")],
    ),
    # A table of a new vendor's models, its unit told in the paragraph before (or after) the table.
    (
        "en-table-of-new-models-unit-above",
        "Lumina launches Vela-3\nLumina AI released two models on Tuesday. Prices per million tokens:\n\n"
        "| Model | Input | Output |\n|---|---|---|\n| Vela-3 Large | $2.50 | $10.00 |\n| Vela-3 Small | $0.15 | $0.60 |\n",
        [
            ("vela-3-large", "price", "input", "2.5", None, "USD"),
            ("vela-3-large", "price", "output", "10", None, "USD"),
            ("vela-3-small", "price", "input", "0.15", None, "USD"),
            ("vela-3-small", "price", "output", "0.6", None, "USD"),
        ],
    ),
    (
        "zh-table-of-new-models-unit-above",
        "灵曜发布tern-2系列\n灵曜今日发布两款模型，价格如下（单位：元/百万tokens）：\n\n"
        "| 模型 | 输入 | 输出 |\n|---|---|---|\n| tern-2-pro | 4 | 12 |\n| tern-2-lite | 0.3 | 0.6 |\n",
        [
            ("tern-2-pro", "price", "input", "4", None, "CNY"),
            ("tern-2-pro", "price", "output", "12", None, "CNY"),
            ("tern-2-lite", "price", "input", "0.3", None, "CNY"),
            ("tern-2-lite", "price", "output", "0.6", None, "CNY"),
        ],
    ),
    (
        "ja-table-of-new-models-unit-below",
        "ホシが新モデル\nホシは新しいモデルを公開した。\n\n"
        "| モデル | 入力 | 出力 |\n|---|---|---|\n| Hoshi-2 | $2.00 | $8.00 |\n| Hoshi-2 mini | $0.40 | $1.60 |\n\n"
        "価格はいずれも100万トークンあたり。\n",
        [
            ("hoshi-2", "price", "input", "2", None, "USD"),
            ("hoshi-2", "price", "output", "8", None, "USD"),
            ("hoshi-2-mini", "price", "input", "0.4", None, "USD"),
            ("hoshi-2-mini", "price", "output", "1.6", None, "USD"),
        ],
    ),
    # The unit told once after the last amount, for them all; a name in quotation marks is all they hold.
    (
        "en-closing-unit-quoted-name",
        "Wren launches a cheaper model\nWren said “Wren-2 mini” costs $0.40 for input and $1.60 for output, per million tokens.",
        [("wren-2-mini", "price", "input", "0.4", None, "USD"), ("wren-2-mini", "price", "output", "1.6", None, "USD")],
    ),
    (
        "zh-closing-unit-quoted-name",
        "鹪鹩发布新模型\n鹪鹩表示，《Wren-2 mini》输入0.4元，输出1.6元，均按每百万tokens计费。",
        [("wren-2-mini", "price", "input", "0.4", None, "CNY"), ("wren-2-mini", "price", "output", "1.6", None, "CNY")],
    ),
    (
        "ja-closing-unit-quoted-name",
        "レンが新モデル\nレンによると、「Wren-2 mini」は入力0.4ドル、出力1.6ドルで、いずれも100万トークンあたりの価格だ。",
        [("wren-2-mini", "price", "input", "0.4", None, "USD"), ("wren-2-mini", "price", "output", "1.6", None, "USD")],
    ),
    # What an amount buys restates the price told with its type: no second, untyped claim.
    (
        "zh-what-an-amount-buys-restates",
        "猎户座降价\nOrion-4的输入价格降至每百万tokens 0.8元。这意味着1元可以买125万tokens。",
        [("orion-4", "price_cut", "input", "0.8", None, "CNY")],
    ),
    (
        "en-what-an-amount-buys-restates",
        "Orion cuts prices\nOrion-4 input now costs $0.25 per million tokens. That means $1 buys 4M tokens.",
        [("orion-4", "price", "input", "0.25", None, "USD")],
    ),
    (
        "ja-what-an-amount-buys-restates",
        "オリオン値下げ\nOrion-4の入力料金は100万トークンあたり0.8ドルになった。1ドルで125万トークン使える計算だ。",
        [("orion-4", "price", "input", "0.8", None, "USD")],
    ),
    # A model named as the class another is in ('GPT-4级', 'GPT-4クラス', 'GPT-4-class') is no subject.
    ("zh-class-of-another-model", "某GPT-4级模型降价\n输入价格降至每百万tokens 20元。", []),
    ("en-class-of-another-model", "A GPT-4-class model gets cheaper\nInput now costs $2 per million tokens.", []),
    ("ja-class-of-another-model", "GPT-4クラスのモデルが値下げ\n入力料金は100万トークンあたり2ドルになった。", []),
    # Variants of one family listed with slashes ('星火Pro/Max', 'Claude 3 Opus/Sonnet') share the price.
    (
        "zh-slashed-variants",
        "讯飞降价\n讯飞星火Pro/Max API价格降至每百万tokens 21元。",
        [("spark-pro", "price_cut", None, "21", None, "CNY"), ("spark-max", "price_cut", None, "21", None, "CNY")],
    ),
    (
        "en-slashed-variants",
        "Vela cuts\nVela-3 Pro/Max input now costs $2 per million tokens.",
        [("vela-3-pro", "price", "input", "2", None, "USD"), ("vela-3-max", "price", "input", "2", None, "USD")],
    ),
    (
        "ja-slashed-variants",
        "値下げ\nERNIE-Speed/Liteの入力料金は100万トークンあたり0.5元になった。",
        [("ernie-speed", "price", "input", "0.5", None, "CNY"), ("ernie-lite", "price", "input", "0.5", None, "CNY")],
    ),
    (
        "en-slashed-size-variants",
        "Cut\nMistral Large/Small input now costs $1 per million tokens.",
        [("mistral-large", "price", "input", "1", None, "USD"), ("mistral-small", "price", "input", "1", None, "USD")],
    ),
    # Product families as Japanese machine translations spell them, with a context length after the variant.
    (
        "ja-katakana-family-with-context-length",
        "バイトダンス\nバイトダンスのドウバオ・プロ32kモデルは、1,000トークンあたり0.0008元という価格で提供される。",
        [("doubao-pro-32k", "price", None, "0.8", None, "CNY")],
    ),
    # A fall measured beside the new price: '（従来比75%減）', '降幅达90%', '(down 75%)'.
    (
        "ja-fall-measured-in-a-note",
        "値下げ\nOrion-4の入力料金は100万トークンあたり0.5ドル（従来比75%減）となる。",
        [("orion-4", "price_cut", "input", "0.5", None, "USD")],
    ),
    (
        "zh-fall-measured-after",
        "降价\n猎户座宣布Orion-4输入价格为每百万tokens 1元，降幅达90%。",
        [("orion-4", "price_cut", "input", "1", None, "CNY")],
    ),
    (
        "en-fall-measured-in-a-note",
        "Cut\nOrion-4 input now costs $0.50 per million tokens (down 75%).",
        [("orion-4", "price_cut", "input", "0.5", None, "USD")],
    ),
    # Free, but not the API's prices: the weights and their licence, the consumer app, a group of users.
    ("en-free-licence-not-api", "Orion open-sources\nOrion-4 is open source and free for commercial use.", []),
    ("zh-free-licence-not-api", "猎户座开源\n猎户座宣布开源Orion-4模型，权重可免费下载。", []),
    ("ja-free-licence-not-api", "オリオン\nOrion-4はオープンソースで公開され、商用利用も無料だ。", []),
    (
        "en-free-in-the-app-not-api",
        "Orion\nOrion-4 is free to use in the Orion app, while API access costs $2 per million input tokens.",
        [("orion-4", "price", "input", "2", None, "USD")],
    ),
    (
        "zh-free-in-the-app-not-api",
        "猎户座\nOrion-4在猎户座App中免费使用，API输入价格为每百万tokens 2元。",
        [("orion-4", "price", "input", "2", None, "CNY")],
    ),
    (
        "ja-free-in-the-app-not-api",
        "オリオン\nOrion-4はアプリ内では無料で使えるが、APIの入力は100万トークンあたり2ドルかかる。",
        [("orion-4", "price", "input", "2", None, "USD")],
    ),
    ("en-free-to-a-group-not-api", "Orion\nOrion offers Orion-4 free of charge to students and researchers.", []),
    ("zh-free-to-a-group-not-api", "猎户座\nOrion-4向教育用户免费开放。", []),
    ("ja-free-to-a-group-not-api", "オリオン\nOrion-4を学生と研究者に無料で提供する。", []),
    (
        "en-api-made-free",
        "Orion\nOrion-4 Lite API is now free for all developers.",
        [("orion-4-lite", "free", None, "0", None, None)],
    ),
    # A headline that writes the round unit right before the amount, with no 'per'.
    (
        "ja-headline-count-before-amount",
        "Orion-4、入力100万トークン0.5ドルに値下げ\nオリオンが発表した。",
        [("orion-4", "price_cut", "input", "0.5", None, "USD")],
    ),
    (
        "zh-headline-count-before-amount",
        "Orion-4降价：输入百万tokens 0.5元\n猎户座今日宣布调价。",
        [("orion-4", "price_cut", "input", "0.5", None, "CNY")],
    ),
    (
        "en-headline-count-before-amount",
        "Orion cuts Orion-4 input to 1M tokens $0.50\nThe company announced it on Monday.",
        [("orion-4", "price_cut", "input", "0.5", None, "USD")],
    ),
    # A price converted into another currency is the same price, not a second claim.
    (
        "zh-converted-price",
        "降价\nOrion-4输入价格为每百万tokens 1元（约合0.14美元）。",
        [("orion-4", "price", "input", "1", None, "CNY")],
    ),
    (
        "zhtw-converted-price",
        "降價\nOrion-4輸入價格為每百萬tokens 1元，折合0.14美元。",
        [("orion-4", "price", "input", "1", None, "CNY")],
    ),
    (
        "ja-converted-price",
        "値下げ\nOrion-4の入力料金は100万トークンあたり2ドル（約300円）。",
        [("orion-4", "price", "input", "2", None, "USD")],
    ),
    (
        "en-converted-price",
        "Cut\nOrion-4 input costs 1 yuan per million tokens (about $0.14).",
        [("orion-4", "price", "input", "1", None, "CNY")],
    ),
    # A change told in one sentence, the new prices in the next: those prices are the changed ones.
    (
        "en-cut-told-then-prices",
        "Price news\nOpenAI has cut the price of GPT-4o. Input tokens now cost $2.50 per million, and output tokens $10 per million.",
        [("gpt-4o", "price_cut", "input", "2.5", None, "USD"), ("gpt-4o", "price_cut", "output", "10", None, "USD")],
    ),
    (
        "zh-cut-told-then-prices",
        "价格调整\n字节跳动宣布下调Doubao-pro-32k的价格。调整后，输入价格为每千tokens 0.0008元，输出价格为每千tokens 0.002元。",
        [
            ("doubao-pro-32k", "price_cut", "input", "0.8", None, "CNY"),
            ("doubao-pro-32k", "price_cut", "output", "2", None, "CNY"),
        ],
    ),
    (
        "ja-cut-told-then-prices",
        "料金改定\nDeepSeekはDeepSeek-V3.2-ExpのAPI料金を50%以上引き下げた。入力は100万トークンあたり0.28ドル、出力は0.42ドルとなる。",
        [
            ("deepseek-v3.2-exp", "price_cut", "input", "0.28", None, "USD"),
            ("deepseek-v3.2-exp", "price_cut", "output", "0.42", None, "USD"),
        ],
    ),
    (
        "en-rise-told-then-prices",
        "Price news\nMistral raised the price of Mistral Medium 3. It now costs $0.50 per million input tokens.",
        [("mistral-medium-3", "price_increase", "input", "0.5", None, "USD")],
    ),
    # Denied, or told of another model, or not right before: the prices are plain prices.
    (
        "en-cut-denied-then-prices",
        "Price news\nOpenAI has not cut the price of GPT-4o. Input tokens cost $2.50 per million.",
        [("gpt-4o", "price", "input", "2.5", None, "USD")],
    ),
    (
        "zh-cut-denied-then-prices",
        "价格\n字节跳动并未下调Doubao-pro-32k的价格。输入价格为每千tokens 0.0008元。",
        [("doubao-pro-32k", "price", "input", "0.8", None, "CNY")],
    ),
    (
        "ja-cut-denied-then-prices",
        "料金\nDeepSeek-V3.2-Expの料金は値下げしない。入力は100万トークンあたり0.28ドル。",
        [("deepseek-v3.2-exp", "price", "input", "0.28", None, "USD")],
    ),
    (
        "en-cut-of-another-model-then-prices",
        "Price news\nOpenAI has cut the price of GPT-4o. GPT-4.1 costs $2 per million input tokens.",
        [("gpt-4.1", "price", "input", "2", None, "USD")],
    ),
    (
        "zh-cut-then-unrelated-sentence-then-prices",
        "价格\n字节跳动宣布下调Doubao-pro-32k的价格。业内认为价格战仍将继续。Doubao-pro-32k的输入价格为每千tokens 0.0008元。",
        [("doubao-pro-32k", "price", "input", "0.8", None, "CNY")],
    ),
    # Amounts written in words: small prices news spells out.
    (
        "en-amounts-in-words",
        "Price news\nNimbus-4 Mini is priced at a dollar per million input tokens and four dollars per million output tokens.",
        [("nimbus-4-mini", "price", "input", "1", None, "USD"), ("nimbus-4-mini", "price", "output", "4", None, "USD")],
    ),
    (
        "en-cents-in-words",
        "Price news\nMistral Small 3.1 costs thirty cents per million input tokens and ninety cents per million output tokens.",
        [
            ("mistral-small-3.1", "price", "input", "0.3", None, "USD"),
            ("mistral-small-3.1", "price", "output", "0.9", None, "USD"),
        ],
    ),
    (
        "zh-amounts-in-words",
        "价格\n新模型Baichuan4-Air的价格为每百万tokens两元。",
        [("baichuan4-air", "price", None, "2", None, "CNY")],
    ),
    (
        "zh-kuai-qian-in-words",
        "价格\nDoubao-lite-4k的输入价格为每百万tokens一块钱。",
        [("doubao-lite-4k", "price", "input", "1", None, "CNY")],
    ),
    (
        "ja-amounts-in-words",
        "料金\nClaude Haiku 4.5の料金は、入力が100万トークンあたり一ドル、出力が五ドルだ。",
        [
            ("claude-haiku-4.5", "price", "input", "1", None, "USD"),
            ("claude-haiku-4.5", "price", "output", "5", None, "USD"),
        ],
    ),
    # A part of an amount or a comparison in words is no price of its own.
    (
        "en-half-a-dollar-in-words",
        "Price news\nNimbus-4 Mini costs less than a dollar per million input tokens, about half a dollar.",
        [],
    ),
    (
        "zh-word-ending-in-numeral-then-yuan",
        "价格\nDoubao-lite-4k支持三元组抽取，计费统一元/百万tokens。",
        [],
    ),
    # One change verb before a model's list of prices changes them all, across the list's semicolons.
    (
        "zh-one-verb-changes-the-list",
        "价格\n腾讯云宣布，混元Turbo的调用价格降至输入：0.015元/千tokens；输出：0.05元/千tokens。",
        [
            ("hunyuan-turbo", "price_cut", "input", "15", None, "CNY"),
            ("hunyuan-turbo", "price_cut", "output", "50", None, "CNY"),
        ],
    ),
    (
        "en-one-verb-changes-the-list",
        "Price news\nOpenAI lowered the price of o3 to $2 per million input tokens; output now costs $8 per million tokens.",
        [("o3", "price_cut", "input", "2", None, "USD"), ("o3", "price_cut", "output", "8", None, "USD")],
    ),
    (
        "ja-one-verb-changes-the-list",
        "料金\nOpenAIはo3の入力料金を100万トークンあたり2ドルに引き下げ、出力は8ドルとなる。",
        [("o3", "price_cut", "input", "2", None, "USD"), ("o3", "price_cut", "output", "8", None, "USD")],
    ),
    # A price the sentence keeps as it was, or a new sentence, tells no change.
    (
        "zh-list-price-kept-unchanged",
        "价格\n混元Turbo的输入价格降至0.015元/千tokens；输出价格保持0.05元/千tokens不变。",
        [
            ("hunyuan-turbo", "price_cut", "input", "15", None, "CNY"),
            ("hunyuan-turbo", "price", "output", "50", None, "CNY"),
        ],
    ),
    (
        "en-list-price-remains",
        "Price news\nOpenAI lowered the price of o3 to $2 per million input tokens; output remains $8 per million tokens.",
        [("o3", "price_cut", "input", "2", None, "USD"), ("o3", "price", "output", "8", None, "USD")],
    ),
    (
        "ja-list-price-kept",
        "料金\nOpenAIはo3の入力料金を100万トークンあたり2ドルに引き下げ、出力は8ドルに据え置いた。",
        [("o3", "price_cut", "input", "2", None, "USD"), ("o3", "price", "output", "8", None, "USD")],
    ),
    (
        "en-next-sentence-tells-its-own-kind",
        "Price news\nOpenAI lowered the price of o3 to $2 per million input tokens. Output costs $8 per million tokens.",
        [("o3", "price_cut", "input", "2", None, "USD"), ("o3", "price", "output", "8", None, "USD")],
    ),
    # Typed amounts before the article states a unit take the unit a sentence right after states.
    (
        "ja-unit-stated-after",
        "料金\nグーグルは、Gemini 2.5 Flash-Liteの入力料金を0.05ドルに引き下げた。出力は1Mトークンあたり$0.40。",
        [
            ("gemini-2.5-flash-lite", "price_cut", "input", "0.05", None, "USD"),
            ("gemini-2.5-flash-lite", "price", "output", "0.4", None, "USD"),
        ],
    ),
    (
        "en-unit-stated-after",
        "Price news\nGoogle cut the input price of Gemini 2.5 Flash-Lite to $0.05! Output costs $0.40 per 1M tokens.",
        [
            ("gemini-2.5-flash-lite", "price_cut", "input", "0.05", None, "USD"),
            ("gemini-2.5-flash-lite", "price", "output", "0.4", None, "USD"),
        ],
    ),
    (
        "zh-unit-stated-after",
        "价格\n谷歌将Gemini 2.5 Flash-Lite的输入价格下调至0.05美元。输出价格为每百万tokens 0.4美元。",
        [
            ("gemini-2.5-flash-lite", "price_cut", "input", "0.05", None, "USD"),
            ("gemini-2.5-flash-lite", "price", "output", "0.4", None, "USD"),
        ],
    ),
    # An amount of no price type takes no unit from what follows.
    (
        "en-untyped-amount-takes-no-unit-after",
        "Price news\nOpenAI raised $6.6 billion in new funding. GPT-4o costs $2.50 per million input tokens.",
        [("gpt-4o", "price", "input", "2.5", None, "USD")],
    ),
    (
        "zh-untyped-amount-takes-no-unit-after",
        "价格\n智谱完成30亿元融资。GLM-4-Plus的输入价格为每百万tokens 5元。",
        [("glm-4-plus", "price", "input", "5", None, "CNY")],
    ),
    (
        "ja-untyped-amount-takes-no-unit-after",
        "料金\nOpenAIは66億ドルを調達した。GPT-4oの入力料金は100万トークンあたり2.5ドル。",
        [("gpt-4o", "price", "input", "2.5", None, "USD")],
    ),
    # Free to try, after signing up, or in a playground or console: no model made free.
    (
        "en-try-free-in-playground",
        "Price news\nTry Gemini 2.0 Flash for free in the playground, or sign up free to call Gemini 2.5 Pro.",
        [],
    ),
    (
        "zh-free-in-console",
        "价格\n开发者可以在控制台免费使用GLM-4-Flash。",
        [],
    ),
    (
        "ja-free-to-try",
        "料金\nGPT-4o miniは無料でお試しいただけます。",
        [],
    ),
    # A discount that has ended: the prices told with it are no cut and hold at all hours.
    (
        "en-offer-ended",
        "Price news\nDeepSeek-V3 remains the value pick at $0.27 input and $1.10 output per million tokens, although its "
        "off-peak discount ended.",
        [
            ("deepseek-v3", "price", "input", "0.27", None, "USD"),
            ("deepseek-v3", "price", "output", "1.1", None, "USD"),
        ],
    ),
    (
        "zh-offer-ended",
        "价格\nDeepSeek-V3的输入价格为每百万tokens 2元，输出8元，错峰优惠已结束。",
        [("deepseek-v3", "price", "input", "2", None, "CNY"), ("deepseek-v3", "price", "output", "8", None, "CNY")],
    ),
    (
        "ja-offer-ended",
        "料金\nDeepSeek-V3の料金は100万トークンあたり入力0.27ドル、出力1.1ドルで、オフピーク割引は終了した。",
        [
            ("deepseek-v3", "price", "input", "0.27", None, "USD"),
            ("deepseek-v3", "price", "output", "1.1", None, "USD"),
        ],
    ),
    # A share the price is cheaper by is no tier of it.
    (
        "zh-cheaper-by-a-share-is-no-tier",
        "价格\nGPT-4o mini每百万输入tokens收费0.15美元，比GPT-3.5 Turbo便宜超过60%。",
        [("gpt-4o-mini", "price", "input", "0.15", None, "USD")],
    ),
    (
        "en-cheaper-by-a-share-is-no-tier",
        "Price news\nGPT-4o mini costs $0.15 per million input tokens, over 60% cheaper than GPT-3.5 Turbo.",
        [("gpt-4o-mini", "price", "input", "0.15", None, "USD")],
    ),
    (
        "ja-cheaper-by-a-share-is-no-tier",
        "料金\nGPT-4o miniの入力料金は100万トークンあたり0.15ドルで、GPT-3.5 Turboより60%以上安い。",
        [("gpt-4o-mini", "price", "input", "0.15", None, "USD")],
    ),
    # A model the price is said to equal is compared with, not the subject.
    (
        "en-same-as-is-a-comparison",
        "Price news\nCohere released Command A on Thursday. The model is available through the API at $2.50 per million "
        "input tokens and $10 per million output tokens, the same as Command R+.",
        [("command-a", "price", "input", "2.5", None, "USD"), ("command-a", "price", "output", "10", None, "USD")],
    ),
    (
        "zh-same-as-is-a-comparison",
        "价格\n智谱发布GLM-4.5，输入价格为每百万tokens 0.8元，与GLM-4-Air相同。",
        [("glm-4.5", "price", "input", "0.8", None, "CNY")],
    ),
    (
        "ja-same-as-is-a-comparison",
        "料金\nGPT-4.1の入力料金は100万トークンあたり2ドルで、GPT-4oと同じだ。",
        [("gpt-4.1", "price", "input", "2", None, "USD")],
    ),
    # The new price told first and the old after it: 'to $2.50 … from $0.60'.
    (
        "en-to-new-from-old",
        "Price news\nGemini 2.5 Flash's output price rises to $2.50 per million tokens from $0.60, while input goes up "
        "to $0.30 from $0.15.",
        [
            ("gemini-2.5-flash", "price_increase", "output", "2.5", "0.6", "USD"),
            ("gemini-2.5-flash", "price_increase", "input", "0.3", "0.15", "USD"),
        ],
    ),
    (
        "zh-new-then-old",
        "价格\nDeepSeek-V3的输出价格上调至每百万tokens 12元，此前为8元。",
        [("deepseek-v3", "price_increase", "output", "12", "8", "CNY")],
    ),
    (
        "ja-new-then-old-in-note",
        "料金\nGemini 2.5 Flashの出力料金は100万トークンあたり2.5ドル（従来は0.6ドル）に上がる。",
        [("gemini-2.5-flash", "price_increase", "output", "2.5", "0.6", "USD")],
    ),
    # A discount of the batch mode, told beside the standard price, is no cut of that price.
    (
        "en-batch-discount-is-no-cut",
        "Price news\nGPT-4.1 mini costs $0.40/M input tokens and $1.60/M output tokens (batch API: half price).",
        [
            ("gpt-4.1-mini", "price", "input", "0.4", None, "USD"),
            ("gpt-4.1-mini", "price", "output", "1.6", None, "USD"),
        ],
    ),
    (
        "zh-batch-discount-is-no-cut",
        "价格\nGPT-4.1 mini的输入价格为每百万tokens 0.4美元，批量调用可享五折优惠。",
        [("gpt-4.1-mini", "price", "input", "0.4", None, "USD")],
    ),
    (
        "ja-batch-discount-is-no-cut",
        "料金\nGPT-4.1 miniの入力料金は100万トークンあたり0.4ドルで、バッチAPIなら半額になる。",
        [("gpt-4.1-mini", "price", "input", "0.4", None, "USD")],
    ),
    # A batch discount told the sentence before is no cut of the prices after it.
    (
        "en-batch-discount-told-before",
        "Price news\nThe Batch API now offers 50% off GPT-4o. GPT-4o costs $2.50 per million input tokens.",
        [("gpt-4o", "price", "input", "2.5", None, "USD")],
    ),
    (
        "zh-batch-discount-told-before",
        "价格\nGPT-4o的批量调用享五折优惠。GPT-4o的输入价格为每百万tokens 2.5美元。",
        [("gpt-4o", "price", "input", "2.5", None, "USD")],
    ),
    (
        "ja-batch-discount-told-before",
        "料金\nGPT-4oのバッチAPIは半額になった。GPT-4oの入力料金は100万トークンあたり2.5ドル。",
        [("gpt-4o", "price", "input", "2.5", None, "USD")],
    ),
    # A list of models each with its amount, after one typed price: the list goes on with its type.
    (
        "en-list-of-models-each-with-an-amount",
        "Price news\nAmazon Nova Micro costs $0.035 per million input tokens, Nova Lite $0.06 and Nova Pro $0.80.",
        [
            ("nova-micro", "price", "input", "0.035", None, "USD"),
            ("nova-lite", "price", "input", "0.06", None, "USD"),
            ("nova-pro", "price", "input", "0.8", None, "USD"),
        ],
    ),
    (
        "zh-list-of-models-each-with-an-amount",
        "价格\nQwen-Max的输入价格为每百万tokens 2.4元，Qwen-Plus为0.8元，Qwen-Turbo为0.3元。",
        [
            ("qwen-max", "price", "input", "2.4", None, "CNY"),
            ("qwen-plus", "price", "input", "0.8", None, "CNY"),
            ("qwen-turbo", "price", "input", "0.3", None, "CNY"),
        ],
    ),
    (
        "ja-list-of-models-each-with-an-amount",
        "料金\nGPT-4.1の入力料金は100万トークンあたり2ドル、GPT-4.1 miniは0.4ドル、GPT-4.1 nanoは0.1ドル。",
        [
            ("gpt-4.1", "price", "input", "2", None, "USD"),
            ("gpt-4.1-mini", "price", "input", "0.4", None, "USD"),
            ("gpt-4.1-nano", "price", "input", "0.1", None, "USD"),
        ],
    ),
]


def _row(claim):
    return (
        claim.model,
        claim.kind,
        claim.price_type,
        str(claim.new_price),
        None if claim.old_price is None else str(claim.old_price),
        claim.currency,
    )


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_claims(text, expected):
    got = [_row(c) for c in extract_claims(text)]
    want = [(m, k, t, str(Decimal(n)), None if o is None else str(Decimal(o)), cur) for m, k, t, n, o, cur in expected]
    assert got == want


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gemini 1.5 Pro will cost $1.25 per million input tokens for prompts up to 128K tokens, and $2.50 per "
            "million input tokens for prompts longer than 128K tokens.",
            [("1.25", "for prompts up to 128K tokens"), ("2.5", "for prompts longer than 128K tokens")],
        ),
        (
            "Gemini 1.5 Flash input tokens will now cost $0.075 per million and output tokens $0.30 per million "
            "for prompts under 128K tokens.",
            [("0.075", "for prompts under 128K tokens"), ("0.3", "for prompts under 128K tokens")],
        ),
        (
            "Qwen-Plus：输入不超过128K时，输入价格为每百万tokens 0.8元，输出价格为每百万tokens 2元；128K<输入≤256K时，"
            "输入价格为每百万tokens 2.4元，输出价格为每百万tokens 20元。",
            [("0.8", "输入不超过128K"), ("2", "输入不超过128K"), ("2.4", "128K<输入≤256K"), ("20", "128K<输入≤256K")],
        ),
        (
            "Gemini 1.5 Proの入力料金は、12.8万トークン以下のプロンプトでは100万トークンあたり1.25ドル、"
            "12.8万トークンを超えるプロンプトでは100万トークンあたり2.5ドルとなる。",
            [("1.25", "12.8万トークン以下"), ("2.5", "12.8万トークンを超える")],
        ),
        # A context window the model holds is no tier of its price.
        (
            "GPT-4o mini costs $0.15 per million input tokens and supports up to 128K tokens of context.",
            [("0.15", None)],
        ),
        ("Baichuan4-Turbo输入价格为每百万tokens 15元，支持128K以内的上下文。", [("15", None)]),
        # A share the price is cheaper by is no tier of it.
        ("GPT-4o mini每百万输入tokens收费0.15美元，比GPT-3.5 Turbo便宜超过60%。", [("0.15", None)]),
        ("GPT-4o mini costs $0.15 per million input tokens, over 60% cheaper than GPT-3.5 Turbo.", [("0.15", None)]),
        ("GPT-4o miniの入力料金は100万トークンあたり0.15ドルで、GPT-3.5 Turboより60%以上安い。", [("0.15", None)]),
        # The price the batch mode's words lead is the batch price.
        ("With the Batch API, GPT-4.1 mini costs $0.20 per million input tokens.", [("0.2", "batch")]),
        ("批量推理时，GPT-4.1 mini的输入价格为每百万tokens 0.2美元。", [("0.2", "batch")]),
        ("バッチAPIでは、GPT-4.1 miniの入力料金は100万トークンあたり0.2ドル。", [("0.2", "batch")]),
        # Taiwan's words read as the mainland's (OpenCC tw2sp): '批次處理' is batch processing
        ("批次處理時，GPT-4.1 mini的輸入價格為每百萬tokens 0.2美元。", [("0.2", "batch")]),
    ],
    ids=[
        "en-tier-after-each",
        "en-tier-after-the-list",
        "zh-tier-before",
        "ja-tier-before",
        "en-context-window",
        "zh-context-window",
        "zh-cheaper-by-a-share",
        "en-cheaper-by-a-share",
        "ja-cheaper-by-a-share",
        "en-batch-price",
        "zh-batch-price",
        "ja-batch-price",
        "zh-traditional-taiwan-batch-words",
    ],
)
def test_a_context_length_tier_is_the_claims_condition(text, expected):
    claims = extract_claims(text)
    assert [(str(c.new_price), c.condition) for c in claims] == [(str(Decimal(p)), t) for p, t in expected]


def test_off_peak_condition_is_kept():
    text = "2月26日，DeepSeek宣布北京时间00:30至08:30错峰优惠：优惠时段内DeepSeek-V3输入价格为1元/百万tokens；标准时段维持2元不变。"
    [claim] = extract_claims(text)
    assert (claim.kind, claim.new_price, claim.old_price, claim.condition) == (
        "price_cut",
        1,
        2,
        "off-peak 00:30-08:30",
    )


@pytest.mark.parametrize(("text", "lang"), [("値下げした", "ja"), ("降价了", "zh"), ("price cut", "en")])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("クロード3.5ソネットの価格", ["claude-3.5-sonnet"]),
        ("ジェミニ2.0フラッシュ・ライト", ["gemini-2.0-flash-lite"]),
        ("ミストラル・ラージ2", ["mistral-large-2"]),
        ("ディープシークV3の料金", ["deepseek-v3"]),
        ("Llama 4 Scout and Llama 4 Maverick", ["llama-4-scout", "llama-4-maverick"]),
        ("Yi-Lightning", ["yi-lightning"]),
        ("ドラマ3話", []),  # a longer katakana word that ends like a family
        ("クロードの価格", []),  # a family alone is a company
        # a version that ends the sentence keeps its full stop out, and its number in
        ("OpenAI cut the price of Mistral Medium 3. It", ["mistral-medium-3"]),
        ("价格下调的是Claude Sonnet 4.", ["claude-sonnet-4"]),
        ("値下げ対象はLlama 3.", ["llama-3"]),
        ("Mistral Small 3.1. Next", ["mistral-small-3.1"]),
        ("Grok 4 Fast will cost", ["grok-4-fast"]),  # a capital Fast names the variant
        ("Claude 3 Haiku fast and cheap", ["claude-3-haiku"]),  # the sentence's adjective
        ("DeepSeek V3.1定价公布", ["deepseek-v3.1"]),  # a version runs into the Han words after it
        ("豆包通用模型pro-32k的推理输入价格", ["doubao-pro-32k"]),  # a Han brand, the word model, the variant
        ("文心大模型4.0", ["ernie-4.0"]),
        ("豆包大模型", []),  # the brand alone
        ("文心一言4.0的API价格", ["ernie-4.0"]),  # ERNIE Bot's Chinese name with a version
    ],
    ids=[
        "claude",
        "gemini-lite",
        "mistral-large",
        "deepseek-v3",
        "variant-names",
        "yi",
        "not-a-family",
        "family-alone",
        "en-version-ends-sentence",
        "zh-version-ends-sentence",
        "ja-version-ends-sentence",
        "decimal-version-ends-sentence",
        "fast-variant",
        "fast-adjective",
        "version-then-han-words",
        "han-brand-model-word-variant",
        "han-brand-big-model-version",
        "han-brand-alone",
        "han-brand-ernie-bot-name",
    ],
)
def test_model_names_in_running_text(text, expected):
    from pricewatch.vendors import model_mentions

    assert [m.model for m in model_mentions(text)] == expected


def test_table_of_new_models_takes_the_vendor_named_before_it():
    table = "| Model | Input | Output |\n|---|---|---|\n| Vela-3 | $2.50 | $10.00 |\n| gpt-4o | $2.50 | $10.00 |\n"
    named = "A new family\nMoonshot AI released Vela-3 on Monday. Prices per million tokens:\n\n" + table
    unnamed = "A new family\nA startup released Vela-3 on Monday. Prices per million tokens:\n\n" + table
    assert {c.model: c.vendor for c in extract_claims(named)} == {"vela-3": "moonshot", "gpt-4o": "openai"}
    assert {c.model: c.vendor for c in extract_claims(unnamed)} == {"vela-3": None, "gpt-4o": "openai"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Expires on February 8. After that date, it rises.",
            ["Expires on February 8.", " After that date, it rises."],
        ),
        ("It now costs $0.05. Output costs $0.40.", ["It now costs $0.05.", " Output costs $0.40."]),
        ("Step 1. open the console.", ["Step 1. open the console."]),  # no capital after: a list's number
        ("Llama 3.1 costs $0.10.", ["Llama 3.1 costs $0.10."]),
    ],
    ids=["date-ends-sentence", "amount-ends-sentence", "list-number", "decimal"],
)
def test_a_full_stop_after_a_digit_ends_a_sentence_before_a_capital(text, expected):
    assert [s for _, s in sentences(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hosting prices\n\n| Provider | Model | Input | Output |\n|---|---|---|---|\n"
            "| Groq | Llama 3.1 70B | $0.59 | $0.79 |\n| DeepInfra | Llama 3.1 70B | $0.35 | $0.40 |\n\n"
            "Prices per million tokens.",
            {
                ("groq", "input", "0.59"),
                ("groq", "output", "0.79"),
                ("deepinfra", "input", "0.35"),
                ("deepinfra", "output", "0.4"),
            },
        ),
        (
            "托管价格\n\n| 厂商 | 模型 | 输入 | 输出 |\n|---|---|---|---|\n"
            "| 阿里云 | DeepSeek-V3 | 2 | 8 |\n| 火山引擎 | DeepSeek-V3 | 1 | 4 |\n\n单位：元/百万tokens",
            {
                ("alibaba", "input", "2"),
                ("alibaba", "output", "8"),
                ("bytedance", "input", "1"),
                ("bytedance", "output", "4"),
            },
        ),
        (
            "提供価格\n\n| プロバイダー | モデル | 入力 | 出力 |\n|---|---|---|---|\n"
            "| Groq | Llama 3.1 70B | $0.59 | $0.79 |\n| Fireworks | Llama 3.1 70B | $0.90 | $0.90 |\n\n"
            "料金は100万トークンあたり。",
            {
                ("groq", "input", "0.59"),
                ("groq", "output", "0.79"),
                ("fireworks", "input", "0.9"),
                ("fireworks", "output", "0.9"),
            },
        ),
    ],
    ids=["en-provider-column", "zh-provider-column", "ja-provider-column"],
)
def test_a_provider_column_names_each_rows_vendor(text, expected):
    """One model served by several providers, each at its price: every row is its provider's, none merged."""
    assert {(c.vendor, c.price_type, str(c.new_price.normalize())) for c in extract_claims(text)} == expected


@pytest.mark.parametrize(
    ("text", "vendor"),
    [
        ("Price news\nUnlike OpenAI, Nimbus Labs prices Nimbus-4 Pro at $1.25 per million input tokens.", "nimbus"),
        ("价格\n与OpenAI不同，Nimbus AI公司将Nimbus-4 Pro定价为每百万输入tokens 1元。", "nimbus"),
        ("料金\nOpenAIとは異なり、Nimbus LabsはNimbus-4 Proの入力料金を100万トークンあたり1.25ドルとした。", "nimbus"),
        # a new family of a known company, which the article names: that company's
        (
            "A new family\nMoonshot AI released Vela-3 on Monday. Vela-3 costs $2.50 per million input tokens.",
            "moonshot",
        ),
        # a family word before a verb names no company ('Nimbus aims', not 'Nimbus AI')
        ("Price news\nNimbus aims low: Nimbus-4 Pro costs $1.25 per million input tokens.", None),
    ],
    ids=[
        "en-company-named-by-family",
        "zh-company-named-by-family",
        "ja-company-named-by-family",
        "known-company",
        "no-company-word",
    ],
)
def test_a_new_family_named_after_its_company_is_that_companys(text, vendor):
    """Not the last known vendor the article named ('Unlike OpenAI, …')."""
    assert {c.vendor for c in extract_claims(text)} == {vendor}
