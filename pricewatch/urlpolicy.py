"""The outbound URL policy: which URLs the crawler may fetch, decided in one place.

- Only http and https (never file://, ftp://, gopher://…).
- A URL with the same origin (scheme, host, port) as the catalogue entry it was found under is allowed:
  the user chose that host, loopback and self-hosted sources included.
- Any other URL — a link in a feed or a listing page, a redirect hop — must not point at a loopback,
  link-local, private, multicast, reserved or unspecified address, nor at a host name that resolves to
  one (169.254.169.254 cloud metadata, 127.0.0.1 admin ports, 10.x intranets), unless the catalogue entry
  says `allow_private_hosts = true`.

The policy itself is pure: the caller hands in the resolver (the spiders pass the system's).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from functools import lru_cache
from urllib.parse import urlsplit

ALLOWED_SCHEMES = ("http", "https")
Resolver = Callable[[str], list[str]]


@lru_cache(maxsize=4096)  # every request of a crawl asks for its URL's and its source's
def origin(url: str) -> tuple[str, str, int | None] | None:
    """(scheme, host, port) with the scheme's default port filled in; None for a URL that does not parse."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if port is None:
        port = {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), port


def refusal(url: str, *, source_url: str | None, allow_private: bool, resolve: Resolver) -> str | None:
    """Why URL may not be fetched for a source whose catalogue URL is SOURCE_URL; None when it may."""
    where = origin(url)
    if where is None:
        return f"{url!r} is not a URL"
    scheme, host, _ = where
    if scheme not in ALLOWED_SCHEMES:
        return f"scheme {scheme or '(none)'!r} is not http or https"
    if not host:
        return "the URL has no host"
    if source_url is not None and (url == source_url or where == origin(source_url)):
        return None  # the source's own URL (most requests), or another on its origin
    if allow_private:
        return None
    for address in _addresses(host, resolve):
        kind = private_kind(address)
        if kind:
            shown = host if host == address else f"{host} ({address})"
            return f"{shown} is a {kind} address, and not the source's own host"
    return None


def private_kind(address: str) -> str | None:
    """'loopback', 'link-local', 'private', 'multicast', 'reserved' or 'unspecified'; None for a public one."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for kind, test in (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("unspecified", ip.is_unspecified),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
    ):
        if test:
            return kind
    return None


def _addresses(host: str, resolve: Resolver) -> list[str]:
    try:
        ipaddress.ip_address(host.strip("[]"))
        return [host.strip("[]")]
    except ValueError:
        pass
    try:
        return resolve(host)
    except OSError:
        return []  # the download will fail with its own DNS error
