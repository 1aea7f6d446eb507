"""The Telegram bot: commands, alert rendering (en/zh/ja) and the outbox sender."""

import os

# Opt in to python-telegram-bot's coming RetryAfter.retry_after as a timedelta (the sender handles both).
os.environ.setdefault("PTB_TIMEDELTA", "1")
