"""Everything the bot says, in English, 中文 and 日本語."""

from __future__ import annotations

LANGS = ("en", "zh", "ja")

TEXTS: dict[str, dict[str, str]] = {
    "also_reported": {"en": "Also reported by", "zh": "亦见报道：", "ja": "報道もあり："},
    "button_history": {"en": "🕘 History", "zh": "🕘 价格历史", "ja": "🕘 履歴"},
    "button_chart": {"en": "📈 Chart", "zh": "📈 走势图", "ja": "📈 チャート"},
    "help": {
        "en": (
            "<b>pricewatch</b> tells you when an LLM API price moves.\n"
            "/subscribe — all alerts; /subscribe vendor deepseek · model qwen-long · min_cut 50\n"
            "/unsubscribe · /mysubs · /latest [N] · /price MODEL · /history MODEL · /chart MODEL\n"
            "/sources · /lang en|zh|ja · /crawl [SOURCE_ID…] (admins)"
        ),
        "zh": (
            "<b>pricewatch</b> 在大模型 API 价格变动时通知你。\n"
            "/subscribe — 全部提醒；/subscribe vendor deepseek · model qwen-long · min_cut 50\n"
            "/unsubscribe · /mysubs · /latest [N] · /price 模型 · /history 模型 · /chart 模型\n"
            "/sources · /lang en|zh|ja · /crawl [来源…]（管理员）"
        ),
        "ja": (
            "<b>pricewatch</b> は LLM API の料金が動いたらお知らせします。\n"
            "/subscribe — すべての通知；/subscribe vendor deepseek · model qwen-long · min_cut 50\n"
            "/unsubscribe · /mysubs · /latest [N] · /price モデル · /history モデル · /chart モデル\n"
            "/sources · /lang en|zh|ja · /crawl [ソース…]（管理者）"
        ),
    },
    "subscribed": {
        "en": "Subscription {number} added: {filters}",
        "zh": "已添加订阅 {number}：{filters}",
        "ja": "購読 {number} を追加しました：{filters}",
    },
    "already_subscribed": {
        "en": "Already subscribed (subscription {number}): {filters}",
        "zh": "已有相同订阅（订阅 {number}）：{filters}",
        "ja": "同じ購読があります（購読 {number}）：{filters}",
    },
    "group_admins_only": {
        "en": "Only this group's administrators can change its subscriptions or language.",
        "zh": "只有本群管理员可以更改本群的订阅或语言。",
        "ja": "このグループの購読や言語を変更できるのは管理者だけです。",
    },
    "your_subs": {"en": "Your subscriptions:", "zh": "您的订阅：", "ja": "購読一覧："},
    "unsubscribed_one": {
        "en": "Subscription {number} removed. /mysubs lists the rest.",
        "zh": "已删除订阅 {number}。/mysubs 查看其余订阅。",
        "ja": "購読 {number} を解除しました。/mysubs で残りを確認できます。",
    },
    "no_such_sub": {
        "en": "There is no subscription {number}; /mysubs lists them.",
        "zh": "没有订阅 {number}；/mysubs 查看全部订阅。",
        "ja": "購読 {number} はありません。/mysubs で一覧を確認できます。",
    },
    "bad_unsubscribe": {
        "en": "Use: /unsubscribe N (from /mysubs), or /unsubscribe all",
        "zh": "用法：/unsubscribe 编号（见 /mysubs），或 /unsubscribe all",
        "ja": "使い方：/unsubscribe 番号（/mysubs 参照）、または /unsubscribe all",
    },
    "everything": {"en": "everything", "zh": "全部", "ja": "すべて"},
    "unsubscribed": {
        "en": "All subscriptions removed. /subscribe to come back.",
        "zh": "已删除全部订阅。发送 /subscribe 重新订阅。",
        "ja": "すべての購読を解除しました。/subscribe で再開できます。",
    },
    "no_subs": {
        "en": "No subscription. /subscribe to get alerts.",
        "zh": "尚未订阅。发送 /subscribe 接收提醒。",
        "ja": "購読していません。/subscribe で通知を受け取れます。",
    },
    "bad_subscribe": {
        "en": "Use: /subscribe [vendor V] [model M] [min_cut N]",
        "zh": "用法：/subscribe [vendor 厂商] [model 模型] [min_cut 百分比]",
        "ja": "使い方：/subscribe [vendor ベンダー] [model モデル] [min_cut パーセント]",
    },
    "no_events": {"en": "No events yet.", "zh": "暂无事件。", "ja": "イベントはまだありません。"},
    "no_model": {
        "en": "No prices known for {model}.",
        "zh": "没有 {model} 的价格记录。",
        "ja": "{model} の料金はまだ記録がありません。",
    },
    "unknown_vendor": {
        "en": "No vendor is called {name}. Did you mean: {suggestions}?",
        "zh": "没有名为 {name} 的厂商。您是否要找：{suggestions}？",
        "ja": "{name} というベンダーはありません。もしかして：{suggestions}",
    },
    "unknown_model": {
        "en": "No model {name} is known. Did you mean: {suggestions}?",
        "zh": "没有已知的模型 {name}。您是否要找：{suggestions}？",
        "ja": "{name} というモデルは記録にありません。もしかして：{suggestions}",
    },
    "which_model": {
        "en": "No prices known for {name}. Which one: {suggestions}?",
        "zh": "没有 {name} 的价格记录。您要找的是：{suggestions}？",
        "ja": "{name} の料金は記録がありません。どれですか：{suggestions}",
    },
    "need_model": {
        "en": "Which model? e.g. /{command} gpt-4o",
        "zh": "请给出模型，例如 /{command} qwen-long",
        "ja": "モデルを指定してください。例：/{command} gpt-4o",
    },
    "lang_set": {"en": "Language: English", "zh": "语言：中文", "ja": "言語：日本語"},
    "bad_lang": {"en": "Use: /lang en|zh|ja", "zh": "用法：/lang en|zh|ja", "ja": "使い方：/lang en|zh|ja"},
    "admins_only": {
        "en": "Sorry, /crawl is for admins only.",
        "zh": "抱歉，/crawl 仅限管理员使用。",
        "ja": "申し訳ありません。/crawl は管理者専用です。",
    },
    "crawl_started": {
        "en": "Crawling {n} source(s)…",
        "zh": "正在抓取 {n} 个来源…",
        "ja": "{n} 件のソースを取得しています…",
    },
    "crawl_done": {
        "en": "Crawl finished in {seconds:.1f} s:",
        "zh": "抓取完成，用时 {seconds:.1f} 秒：",
        "ja": "取得が完了しました（{seconds:.1f} 秒）：",
    },
    "crawl_source_ok": {
        "en": "{id}: {quotes} prices read, {changes} changes",
        "zh": "{id}：读取 {quotes} 个价格，{changes} 处变化",
        "ja": "{id}：料金 {quotes} 件を取得、変更 {changes} 件",
    },
    "crawl_source_skipped": {
        "en": "{id}: skipped (already being crawled)",
        "zh": "{id}：已跳过（正在抓取中）",
        "ja": "{id}：スキップ（取得中）",
    },
    "crawl_source_failed": {"en": "{id}: failed — {error}", "zh": "{id}：失败 — {error}", "ja": "{id}：失敗 — {error}"},
    "slow_down": {
        "en": "Too many commands; try again in a few seconds.",
        "zh": "命令太频繁，请稍后再试。",
        "ja": "コマンドが多すぎます。少し待ってからお試しください。",
    },
    "history_title": {"en": "Price history of {model}", "zh": "{model} 价格历史", "ja": "{model} の料金履歴"},
    "prices_title": {"en": "Current prices of {model}", "zh": "{model} 当前价格", "ja": "{model} の現在の料金"},
    "confirmed": {
        "en": "✅ confirmed on the official pricing page",
        "zh": "✅ 已在官方价格页确认",
        "ja": "✅ 公式料金ページで確認済み",
    },
    "and_more": {
        "en": "… and {n} more changes: /latest lists them",
        "zh": "… 另有 {n} 处变化：发送 /latest 查看",
        "ja": "… ほか {n} 件の変更：/latest で一覧できます",
    },
    "reported": {"en": "📰 reported in the news", "zh": "📰 新闻报道", "ja": "📰 ニュース報道"},
    "source": {"en": "source", "zh": "来源", "ja": "出典"},
    "error": {
        "en": "Something went wrong; the admins have been told.",
        "zh": "出错了，已通知管理员。",
        "ja": "エラーが発生しました。管理者に通知しました。",
    },
}

# The command menu in each language (setMyCommands with language_code; English for everyone else).
COMMANDS: list[tuple[str, dict[str, str]]] = [
    ("start", {"en": "start", "zh": "开始", "ja": "はじめる"}),
    ("help", {"en": "help", "zh": "帮助", "ja": "ヘルプ"}),
    ("subscribe", {"en": "subscribe to alerts", "zh": "订阅提醒", "ja": "通知を購読"}),
    ("unsubscribe", {"en": "stop alerts", "zh": "取消订阅", "ja": "購読を解除"}),
    ("mysubs", {"en": "your subscriptions", "zh": "我的订阅", "ja": "購読一覧"}),
    ("latest", {"en": "latest changes", "zh": "最新变动", "ja": "最新の変更"}),
    ("price", {"en": "current prices of a model", "zh": "模型当前价格", "ja": "モデルの現在の料金"}),
    ("history", {"en": "price history of a model", "zh": "模型价格历史", "ja": "モデルの料金履歴"}),
    ("chart", {"en": "price chart of a model", "zh": "模型价格走势图", "ja": "モデルの料金チャート"}),
    ("sources", {"en": "sources and their health", "zh": "来源及状态", "ja": "ソースと状態"}),
    ("lang", {"en": "language: en, zh, ja", "zh": "语言：en、zh、ja", "ja": "言語：en、zh、ja"}),
    ("crawl", {"en": "crawl now (admins)", "zh": "立即抓取（管理员）", "ja": "今すぐ取得（管理者）"}),
]


def text(key: str, lang: str, **values: object) -> str:
    table = TEXTS[key]
    return table.get(lang, table["en"]).format(**values)


def lang_from_code(code: str | None) -> str:
    """Telegram's language_code ('zh-hans', 'ja', 'en-US') → en / zh / ja."""
    code = (code or "").lower()
    if code.startswith("zh"):
        return "zh"
    if code.startswith("ja"):
        return "ja"
    return "en"
