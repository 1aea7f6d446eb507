"""A loopback HTTP server that misbehaves on purpose, for the crawl-safety tests.

Routes are registered per test: a fixed body, a redirect, a body streamed to a given size, a gzip
bomb, a 503 with Retry-After that then recovers. Every request is recorded, so a test can show that a
URL was never fetched.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from app.pageserver import PageServer


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    stream_bytes: int = 0  # send this many zero bytes after the headers instead of BODY


Route = Callable[[], Reply]


@cache
def gzip_bomb(inflated_mb: int = 200) -> bytes:
    """A small gzip body that inflates to INFLATED_MB megabytes of zeros."""
    return gzip.compress(b"\0" * (inflated_mb << 20), compresslevel=9)


class MockServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return f"{self.base_url}/{path.lstrip('/')}"

    def route(self, path: str, reply: Reply | Route) -> None:
        self.routes["/" + path.lstrip("/")] = reply if callable(reply) else (lambda: reply)

    def redirect(self, path: str, to: str, status: int = 301) -> None:
        self.route(path, Reply(status, headers={"Location": to}))

    def __enter__(self) -> MockServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

            def do_GET(self) -> None:  # noqa: N802
                path = self.path.split("?", 1)[0]
                owner.requests.append(path)
                route = owner.routes.get(path)
                reply = route() if route else Reply(404, b"not found")
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                size = reply.stream_bytes or len(reply.body)
                self.send_header("Content-Length", str(size))
                self.end_headers()
                try:
                    if reply.stream_bytes:
                        chunk = b"\0" * (1 << 20)
                        for _ in range(reply.stream_bytes >> 20):
                            self.wfile.write(chunk)
                    else:
                        self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the crawler hung up, as it should on an oversized body

        return Handler


class MisbehavingPageServer(PageServer):
    """The demo's page server plus `/status/N` (answers HTTP N) and `/slow/N` (answers after N seconds)."""

    def extra_route(self, path: str) -> tuple[int, bytes, str | None] | None:
        if path.startswith("/status/"):
            return int(path.rsplit("/", 1)[1]), b"error page", "text/html"
        if path.startswith("/slow/"):
            time.sleep(float(path.rsplit("/", 1)[1]))
            return 200, b"<html><body>late</body></html>", "text/html"
        return None
