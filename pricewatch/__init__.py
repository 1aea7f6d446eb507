"""pricewatch: watch LLM API prices and tell people on Telegram."""
