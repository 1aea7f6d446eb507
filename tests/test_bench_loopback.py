"""The crawl benchmark's lean page server answers as app/pageserver.py does: ETags, 304s, nothing outside its folder."""

from __future__ import annotations

import hashlib
import socket
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bench.loopback import LoopbackPages


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes, dict[str, str]]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 — loopback only
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "p0.html").write_text("<table><tr><td>m</td><td>$1</td></tr></table>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("not served", encoding="utf-8")
    return tmp_path / "site"


def test_a_page_comes_with_the_etag_of_its_content_and_a_304_when_asked_with_it(site: Path) -> None:
    body = (site / "p0.html").read_bytes()
    with LoopbackPages(site) as server:
        status, served, headers = _get(server.url("p0.html"))
        etag = headers["ETag"]
        again, empty, _ = _get(server.url("p0.html"), {"If-None-Match": etag})
        stale, _, _ = _get(server.url("p0.html"), {"If-None-Match": '"0000"'})
    assert (status, served) == (200, body)
    assert etag == '"' + hashlib.sha256(body).hexdigest()[:16] + '"'  # as app/pageserver.py gives it
    assert (again, empty, stale) == (304, b"", 200)
    assert headers["Connection"] == "close"  # a connection a page, as to a vendor's host


@pytest.mark.parametrize(
    "path", ["missing.html", "../secret.txt", "%2e%2e/secret.txt"], ids=["missing", "up", "encoded"]
)
def test_nothing_outside_the_folder_is_served(site: Path, path: str) -> None:
    with LoopbackPages(site) as server:
        status, body, _ = _get(server.url(path))
    assert status == 404 and b"not served" not in body


def test_a_client_that_leaves_without_asking_does_not_stop_the_server(site: Path) -> None:
    with LoopbackPages(site) as server:
        socket.create_connection(("127.0.0.1", server.port)).close()
        status, _, _ = _get(server.url("p0.html"))
        assert status == 200
        assert server.cpu_seconds > 0
