"""Compiled regular-expression programs kept on disk, as Python keeps bytecode, so a command does not compile
the package's patterns again at every start.

The package compiles about two hundred patterns when it is imported (the price grammar, units, vendor and model
names), and compiling them cost more CPU than everything else `pricewatch parse` does (bench/startup.py). What
the compiler produces, the engine's program (a list of integers with the pattern's flags and groups), is what
the engine is built from, and it takes a few milliseconds to read back.

The programs are kept in one JSON file in the `__pycache__` folder beside the module that compiles them, under
the rules bytecode follows: `sys.pycache_prefix` moves it, and nothing is written when
`sys.dont_write_bytecode` is set (PYTHONDONTWRITEBYTECODE). The file is keyed by the Python build and the
source of the module that writes the programs: a new Python or a change to how programs are made starts a new
file. Nothing here is needed: an entry the engine refuses is compiled again, and a file that cannot be read or
written (a read-only install, a zipped egg, a full disk) is passed over.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import sys
import tempfile
from contextlib import suppress
from importlib.util import cache_from_source
from pathlib import Path

# Past this many entries (patterns edited again and again in a checkout), a save keeps only the entries this
# process used.
MOST_ENTRIES = 4096

Entry = list  # JSON-ready: what the caller needs to build its pattern again


class ProgramCache:
    """Entries by (pattern, flags), read from PATH on first use and written back at exit when some were added."""

    def __init__(self, path: Path | None, key: str, mode: int = 0o644) -> None:
        self.path, self.key, self.mode = path, key, mode
        self.entries: dict[str, Entry] | None = None  # None until read
        self.used: set[str] = set()
        self.added = 0
        self._save_registered = False

    @classmethod
    def beside(cls, module_file: str) -> ProgramCache:
        """The cache of the module at MODULE_FILE: in its `__pycache__`, keyed by Python and the module's source."""
        try:
            source = Path(module_file).read_bytes()
            mode = Path(module_file).stat().st_mode & 0o666  # as importlib gives bytecode its source's mode
            bytecode = Path(cache_from_source(module_file))
        except (OSError, NotImplementedError, ValueError):  # no source on disk (a zipped egg) or no cache tag
            return cls(None, "")
        key = f"{sys.version}|{hashlib.sha256(source).hexdigest()}"
        return cls(bytecode.with_name(bytecode.name.removesuffix(".pyc") + ".programs.json"), key, mode)

    def get(self, pattern: str, flags: int) -> Entry | None:
        if self.path is None:
            return None
        name = _name(pattern, flags)
        found = self._loaded().get(name)
        if found is not None:
            self.used.add(name)
        return found

    def put(self, pattern: str, flags: int, entry: Entry) -> None:
        if self.path is None:
            return
        name = _name(pattern, flags)
        self._loaded()[name] = entry
        self.used.add(name)
        self.added += 1
        if not self._save_registered:
            atexit.register(self.save)
            self._save_registered = True

    def save(self) -> None:
        """Write the entries back (with those another process wrote meanwhile), unless bytecode is not written."""
        if self.path is None or not self.added or sys.dont_write_bytecode:
            return
        entries = self._read() | self._loaded()
        if len(entries) > MOST_ENTRIES:
            entries = {name: entries[name] for name in self.used if name in entries}
        with suppress(OSError, TypeError, ValueError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # A file of its own, then renamed: a process reading meanwhile sees the old file or the new one.
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name, suffix=".tmp")
            try:
                os.chmod(temporary, self.mode)  # readable by whoever can read the bytecode
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump({"key": self.key, "entries": entries}, out, ensure_ascii=False)
                os.replace(temporary, self.path)
            finally:
                with suppress(OSError):
                    os.unlink(temporary)
        self.added = 0

    def _loaded(self) -> dict[str, Entry]:
        if self.entries is None:  # read on first use: a command that compiles nothing never opens the file
            self.entries = self._read()
        return self.entries

    def _read(self) -> dict[str, Entry]:
        try:
            found = json.loads(self.path.read_text(encoding="utf-8")) if self.path else {}
        except (OSError, ValueError):  # none yet, unreadable, or damaged: start again
            return {}
        if not isinstance(found, dict) or found.get("key") != self.key or not isinstance(found.get("entries"), dict):
            return {}  # another Python, or programs made by other code
        return found["entries"]


def _name(pattern: str, flags: int) -> str:
    return f"{int(flags)}:{pattern}"
