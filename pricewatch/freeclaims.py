"""Whether a free word makes a model free: what news and pricing pages alike write around 'free' that is not.

'GLM-4-Flash即日起免费开放', 'kite-lite is now free', 'ERNIE Speedを無料に' make a model free. 'free tier', 'free
credits', 'free for the first 1M tokens', 'no longer free', 'free for commercial use', 'free in the app' do not:
they are an allowance, an end, the weights' licence, the consumer app. A false "free" is the costliest error the
product can make, so both readers ask the same patterns.
"""

from __future__ import annotations

import re

from pricewatch import fastre
from pricewatch.normalize import TOKEN_COUNT

# Gifts, credits and trials: free words about an allowance, not a price.
PROMO = fastre.compile(
    r"赠送|赠|送|额度|代金券|bonus|credits?\b|クレジット|無料枠|プレゼント|trial|试用", re.IGNORECASE
)

# Free words that make no model free: a free plan or allowance, free coming to an end, free up to a quantity.
_NOT_FREE_CLAIM = fastre.compile(
    r"免费用户|免费版|免费额度|免费试用|免费赠送|免费tokens?|無料ユーザー|無料版|無料プラン|無料枠|無料トークン|"
    r"free (?:users?|tier|trial|plan|credits?|accounts?|tokens?|quota|allowance)|"
    r"免费体验|無料体験|無料で試|無料でお試し|お試し|try (?:it )?for free|free to (?:try|test)|self-hosted|not available|"
    # A trial or a sign-up offered free: 'Try kite-pro for free', 'Sign up free and call …'.
    r"\btry\b[^.。!?]{0,40}\bfree\b|\bsign(?:ing)?[- ]?up\b|"
    # Free coming to an end: what follows is a price, not a model made free.
    r"不再免费|(?:结束|取消|停止|终止)免费|免费[^，,。；;]{0,12}(?:结束|截止|到期)|"
    r"無料[^、，,。；;]{0,12}終了|無料ではなくなる|有料化|"
    r"no longer (?:be )?free|(?:stops?|stopped|ceases?) being free|"
    r"\bfree (?:period|access|preview|trial)\b[^,;]{0,40}\b(?:ends?|ended|expires?|will end)\b|"
    r"(?:start|begin)s? charging|"
    # Free up to a quantity of use: an allowance, not a model made free ('free for the first 1M tokens',
    # '前100万tokens免费', '每天100万tokens免费', '100万トークンまで無料').
    rf"\bfree (?:for (?:the first|up to)|up to) \d|(?=\d)(?:{TOKEN_COUNT}|[\d,.]+\s*(?:requests?|次|回))\s*"
    r"(?:(?:a|per|each) (?:day|month) )?(?:are |is )?(?:free|at no cost)|"
    rf"(?=\d)(?:{TOKEN_COUNT}|[\d,.]+\s*次)(?:以内|内)?(?:的)?免费|"
    rf"(?=\d)(?:{TOKEN_COUNT}|[\d,.]+\s*回)(?:まで|分)(?:は)?無料",
    re.IGNORECASE,
)

# Free, but not the API's prices: the weights and their licence ('free for commercial use', '免费商用', '商用利用も無料',
# 'free to download'), the consumer app or a playground ('free to use in the app', '在App中免费使用', 'アプリ内では無料',
# 'free in the playground'), or a group of users ('free to students', '向教育用户免费').
_NOT_API = fastre.compile(
    r"commercial(?:ly)?\b|商用|商業利用|open[- ]?(?:source|weights?)|\bweights\b|开源|開源|オープンソース|权重|權重|"
    r"download|下载|下載|ダウンロード|licen[cs]e|许可证|ライセンス|"
    r"(?<![A-Za-z])apps?(?![A-Za-z])|アプリ|网页版|網頁版|客户端|(?<![A-Za-z])chat(?:bot)?(?![A-Za-z])|"
    r"playground|console|控制台|体验中心|プレイグラウンド|"
    r"students?|researchers?|academic|educat|non-?profit|教育|学生|科研|研究者|学術|非営利",
    re.IGNORECASE,
)


def free_but_no_model_made_free(sentence: str, clause: str) -> bool:
    """Whether the free word of CLAUSE (in SENTENCE) is an allowance, a gift, an end of free, or free outside the
    API ('free tier', '免费额度', 'no longer free', 'free for commercial use', 'アプリ内では無料')."""
    return bool(_NOT_FREE_CLAIM.search(sentence) or PROMO.search(clause) or _NOT_API.search(clause))
