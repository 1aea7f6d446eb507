"""A loopback HTTP server for saved pages: the offline demo's vendor sites.

It serves the files of a folder that can be switched while it runs (a "before" and an "after" set), with an
ETag of the content so conditional requests behave as on a real site. Tests extend it with routes that
misbehave on purpose (tests/mockserver.py) through `extra_route`.
"""

from __future__ import annotations

import hashlib
import mimetypes
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class PageServer:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._make_handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return f"{self.base_url}/{path.lstrip('/')}"

    def __enter__(self) -> PageServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def extra_route(self, path: str) -> tuple[int, bytes, str | None] | None:
        """(status, body, content type) for a route that is not a file; none here."""
        return None

    def _make_handler(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

            def do_GET(self) -> None:  # noqa: N802
                owner.requests.append((self.path, dict(self.headers.items())))
                path = self.path.split("?", 1)[0]
                extra = owner.extra_route(path)
                if extra is not None:
                    self._send(*extra)
                    return
                file = (owner.root / path.lstrip("/")).resolve()
                if not file.is_file() or owner.root.resolve() not in file.parents:
                    self._send(404, b"not found", "text/plain")
                    return
                body = file.read_bytes()
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self._send(304, b"", None, etag)
                    return
                kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
                self._send(200, body, kind, etag)

            def _send(self, status: int, body: bytes, kind: str | None, etag: str | None = None) -> None:
                self.send_response(status)
                if kind:
                    self.send_header("Content-Type", kind)
                if etag:
                    self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body and self.command != "HEAD":
                    self.wfile.write(body)

        return Handler
