"""Failures on pricewatch's own side (a full disk, an unreachable database), told in one line."""

from __future__ import annotations


def is_storage_error(exc: BaseException) -> bool:
    """A database or file-system failure on pricewatch's side (not a bug): SQLAlchemy's errors, ENOSPC, EROFS…"""
    module = type(exc).__module__
    return module.startswith(("sqlalchemy", "psycopg", "sqlite3", "storage.engine")) or isinstance(exc, OSError)


def storage_problem(exc: BaseException) -> str:
    first = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:200]
    return f"storage error ({type(exc).__name__}): {first}"
