"""A lean loopback page server for the crawl benchmarks: the files of a folder, with app/pageserver.py's ETags.

The crawlers measured here share this machine's two cores with the server that feeds them. app/pageserver.py
(http.server, a thread per connection) cost about 0.7-0.9 ms of CPU a page, half a bare spider's page: CPU a
real vendor's server spends on its own machine. It hurt the two crawlers unequally: the bare spider uses one core
and leaves the server the other, while pricewatch's crawler and worker need both. This server answers one
connection at a time from one thread, a connection per request as before (`Connection: close`, so each crawler
still opens a connection a page, as it does to a vendor's host), and reports its thread's CPU time so a benchmark
can print what the server cost.
"""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from pathlib import Path

_HEAD_END = b"\r\n\r\n"
_CLIENT_TIMEOUT_S = 2.0  # a client that connects and says nothing holds the server this long at most


class LoopbackPages:
    """Serve ROOT's files on 127.0.0.1: GET only; 200 with an ETag, 304 to a matching If-None-Match, else 404."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=128)
        self.port = self.listener.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.stopping = False
        self.cpu_seconds = 0.0  # the server thread's CPU time, as of its last answer

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}"

    def __enter__(self) -> LoopbackPages:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping = True
        socket.create_connection(("127.0.0.1", self.port)).close()  # wakes accept()
        self.thread.join(timeout=10)
        self.listener.close()

    def _serve(self) -> None:
        while not self.stopping:
            connection, _ = self.listener.accept()
            with connection:
                connection.settimeout(_CLIENT_TIMEOUT_S)
                try:
                    head = _read_head(connection)
                    if head is not None:
                        connection.sendall(self._response(head))
                except OSError:
                    pass  # the client went away or stalled: nothing more to answer
            self.cpu_seconds = time.thread_time()

    def _response(self, head: bytes) -> bytes:
        request_line, *lines = head.decode("latin-1").split("\r\n")
        parts = request_line.split(" ")
        path = parts[1].split("?", 1)[0] if len(parts) == 3 and parts[0] == "GET" else None
        file = (self.root / path.lstrip("/")).resolve() if path else None
        if file is None or self.root not in file.parents or not file.is_file():
            return _message(404, b"not found", [("Content-Type", "text/plain")])
        body = file.read_bytes()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'  # as app/pageserver.py gives it
        asked = next(
            (line.split(":", 1)[1].strip() for line in lines if line.lower().startswith("if-none-match:")), None
        )
        if asked == etag:
            return _message(304, b"", [("ETag", etag)])
        return _message(200, body, [("Content-Type", "text/html"), ("ETag", etag)])


def _read_head(connection: socket.socket) -> bytes | None:
    """The request's head, up to its blank line; None if the client closed first."""
    head = b""
    while _HEAD_END not in head:
        chunk = connection.recv(65536)
        if not chunk:
            return None
        head += chunk
    return head


_REASONS = {200: "OK", 304: "Not Modified", 404: "Not Found"}


def _message(status: int, body: bytes, headers: list[tuple[str, str]]) -> bytes:
    lines = [f"HTTP/1.1 {status} {_REASONS[status]}", *(f"{k}: {v}" for k, v in headers)]
    lines += [f"Content-Length: {len(body)}", "Connection: close", "", ""]
    return "\r\n".join(lines).encode("latin-1") + body
