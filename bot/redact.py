"""Keep the bot token out of every log line: httpx logs request URLs, and the token is in them."""

from __future__ import annotations

import logging

_installed: set[str] = set()


def redact(text: str, token: str | None) -> str:
    return text.replace(token, "<TOKEN>") if token else text


def install_token_redaction(token: str | None) -> None:
    """Every log record created from now on has the token replaced, message and traceback alike."""
    if not token or token in _installed:
        return
    _installed.add(token)
    previous = logging.getLogRecordFactory()

    def factory(*args: object, **kwargs: object) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 — a bad format string is the caller's bug, not ours to raise
            return record
        if token in message:
            record.msg, record.args = redact(message, token), ()
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info), token)
        return record

    logging.setLogRecordFactory(factory)
    # httpx logs every request URL at INFO; those URLs carry the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
