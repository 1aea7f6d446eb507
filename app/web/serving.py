"""Serving the web app with uvicorn: on its own (`pricewatch serve`), inside the service, or beside the demo."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import socket
import threading
from collections.abc import Iterator

import uvicorn
from fastapi import FastAPI

log = logging.getLogger(__name__)


class _QuietServer(uvicorn.Server):
    """uvicorn without its own signal handlers: the process that embeds it (the service) owns SIGTERM/SIGINT."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on HOST:PORT (port 0: any free one); OSError when the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


class WebServer:
    """The app on a socket of its own; `url` is known as soon as it is bound."""

    def __init__(self, app: FastAPI, host: str = "127.0.0.1", port: int = 8080) -> None:
        self.sock = bind(host, port)
        self.host, self.port = host, self.sock.getsockname()[1]
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
        self.server = _QuietServer(config)
        self._task: asyncio.Task[None] | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    async def serve(self) -> None:
        """Serve until stop() (or Ctrl-C when run by `pricewatch serve`)."""
        await self.server.serve(sockets=[self.sock])

    async def serve_until_signalled(self) -> None:
        """`pricewatch serve`: Ctrl-C or SIGTERM ends it cleanly (open requests are finished first)."""
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, self.stop)
        await self.serve()

    def stop(self) -> None:
        self.server.should_exit = True

    # Inside a running event loop (the service).
    def start_task(self) -> None:
        self._task = asyncio.create_task(self.serve())

    async def stop_task(self) -> None:
        self.server.should_exit = True
        if self._task is not None:
            await asyncio.wait([self._task], timeout=5)

    # Beside synchronous code (the demo).
    def start_thread(self) -> None:
        self._thread = threading.Thread(target=lambda: asyncio.run(self.serve()), name="web", daemon=True)
        self._thread.start()

    def wait_started(self, timeout: float = 10.0) -> bool:
        for _ in range(int(timeout / 0.02)):
            if self.server.started:
                return True
            if self._thread is not None and not self._thread.is_alive():
                return False
            threading.Event().wait(0.02)
        return self.server.started

    def stop_thread(self) -> None:
        self.server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=5)
        self.sock.close()
