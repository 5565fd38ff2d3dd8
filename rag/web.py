"""A polite HTTP fetcher for article pages and feeds.

* identifies itself (``USER_AGENT``), with a timeout on every request and a size cap;
* waits ``delay`` seconds between two requests to the same host;
* honours robots.txt (read once per origin with ``urllib.robotparser``, fed with text fetched here);
* follows redirects itself (at most ``MAX_REDIRECTS``), checking every hop;
* sends conditional requests (ETag / Last-Modified) when asked, and reports a 304;
* refuses private, loopback and link-local addresses unless ``allow_private`` (URLs typed into the page).

Every failure is a :class:`FetchError` (a :class:`NewsragError`) whose message names the URL and says
what went wrong. httpx is imported lazily.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from rag.errors import NewsragError

USER_AGENT = "newsrag/0.1 (+news archive assistant; honours robots.txt)"
ROBOTS_AGENT = "newsrag"
DEFAULT_TIMEOUT = 10.0
DEFAULT_DELAY = 1.0
MAX_REDIRECTS = 5
MAX_BYTES = 10 * 1024 * 1024
ROBOTS_TTL = 3600.0  # seconds a robots.txt is trusted before it is read again

__all__ = ["USER_AGENT", "FetchError", "Fetcher", "Response", "is_url", "check_public"]


class FetchError(NewsragError):
    """A URL that could not be fetched (unreachable, HTTP error, timeout, robots.txt, private address...)."""

    def __init__(self, url: str, message: str):
        super().__init__(f"{url}: {message}")
        self.url = url
        self.reason = message


@dataclass
class Response:
    url: str  # after redirects
    status: int
    content: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    requested: str = ""  # the URL asked for

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str:
        return self.headers.get("etag", "")

    @property
    def last_modified(self) -> str:
        return self.headers.get("last-modified", "")

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The charset named in the Content-Type header, if any."""
        for part in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = part.partition("=")
            if name.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'")
        return None

    @property
    def is_html(self) -> bool:
        return self.content_type in ("text/html", "application/xhtml+xml")


def is_url(value: str) -> bool:
    """True for an http(s) URL with a host (what `newsrag ingest` and the page treat as a URL)."""
    parts = urlsplit(value.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def _blocked(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def check_public(url: str) -> None:
    """Raise FetchError unless every address the URL's host resolves to is a public one."""
    host = urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(url, f"cannot resolve host {host!r} ({exc}): check the address") from None
    for info in infos:
        address = info[4][0]
        if _blocked(address):
            raise FetchError(
                url,
                f"refused: {host} is a private or local address ({address}); "
                "set allow_private_urls = true in newsrag.toml to allow it",
            )


class Fetcher:
    """Fetches URLs politely. Thread-safe; reuse one for a whole run (it remembers robots.txt and hosts)."""

    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        delay: float = DEFAULT_DELAY,
        allow_private: bool = True,
        user_agent: str = USER_AGENT,
        max_bytes: int = MAX_BYTES,
    ):
        import httpx

        self.timeout = float(timeout)
        self.delay = max(0.0, float(delay))
        self.allow_private = allow_private
        self.user_agent = user_agent
        self.max_bytes = max_bytes
        self._client = httpx.Client(
            timeout=httpx.Timeout(self.timeout),
            follow_redirects=False,
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
            trust_env=False,
        )
        self._lock = threading.Lock()
        self._last: dict[str, float] = {}  # host -> time of the last request
        self._robots: dict[str, tuple[float, RobotFileParser]] = {}  # origin -> (read at, parser)

    @classmethod
    def from_config(cls, config, *, allow_private: bool | None = None) -> Fetcher:
        return cls(
            timeout=config.fetch_timeout,
            delay=config.fetch_delay,
            allow_private=config.allow_private_urls if allow_private is None else allow_private,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------------------ requests

    def get(self, url: str, *, etag: str = "", last_modified: str = "", accept: str = "") -> Response:
        """GET a URL (following redirects), or raise FetchError. A 304 comes back as a Response."""
        url = url.strip()
        if not is_url(url):
            raise FetchError(url, "not an http(s) URL")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            self._check(current)
            if not self.allowed(current):
                raise FetchError(current, "robots.txt of this site disallows fetching it; newsrag leaves it alone")
            response = self._request(current, headers)
            if response.status in (301, 302, 303, 307, 308):
                location = response.headers.get("location", "")
                if not location:
                    raise FetchError(current, f"HTTP {response.status} redirect without a Location header")
                current = urljoin(current, location)
                if not is_url(current):
                    raise FetchError(url, f"redirected to {current!r}, which is not an http(s) URL")
                continue
            if response.status == 304:
                response.requested = url
                return response
            if response.status >= 400:
                raise FetchError(current, f"HTTP {response.status} ({_reason(response.status)})")
            response.requested = url
            return response
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")

    def _check(self, url: str) -> None:
        if not self.allow_private:
            check_public(url)

    def _wait_turn(self, host: str) -> None:
        while True:
            with self._lock:
                now = time.monotonic()
                due = self._last.get(host, -1e9) + self.delay
                if now >= due:
                    self._last[host] = now
                    return
            time.sleep(due - now)

    def _request(self, url: str, headers: dict) -> Response:
        import httpx

        host = (urlsplit(url).hostname or "").lower()
        self._wait_turn(host)
        try:
            with self._client.stream("GET", url, headers=headers) as raw:
                chunks = []
                size = 0
                for chunk in raw.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise FetchError(url, f"response larger than {self.max_bytes // (1024 * 1024)} MB; skipped")
                    chunks.append(chunk)
                return Response(
                    url=str(raw.url),
                    status=raw.status_code,
                    content=b"".join(chunks),
                    headers={k.lower(): v for k, v in raw.headers.items()},
                )
        except httpx.TimeoutException:
            raise FetchError(url, f"no answer within {self.timeout:g} s (timed out); try again later") from None
        except httpx.DecodingError as exc:
            raise FetchError(url, f"the response could not be decoded ({exc})") from None
        except httpx.HTTPError as exc:
            detail = str(exc) or type(exc).__name__
            raise FetchError(url, f"cannot reach the site ({detail}); check the address or try again later") from None

    # -------------------------------------------------------------------------------- robots

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of the URL's site lets newsrag fetch it (read once per origin, then cached)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            cached = self._robots.get(origin)
        if cached is None or time.monotonic() - cached[0] > ROBOTS_TTL:
            cached = (time.monotonic(), self._read_robots(origin))
            with self._lock:
                self._robots[origin] = cached
        return cached[1].can_fetch(ROBOTS_AGENT, url)

    def _read_robots(self, origin: str) -> RobotFileParser:
        parser = RobotFileParser(origin + "/robots.txt")
        robots_url = origin + "/robots.txt"
        response = None
        current = robots_url
        for _ in range(MAX_REDIRECTS + 1):
            self._check(current)
            response = self._request(current, {})
            if response.status in (301, 302, 303, 307, 308) and response.headers.get("location"):
                current = urljoin(current, response.headers["location"])
                continue
            break
        status = response.status if response is not None else 599
        if status in (401, 403):
            parser.disallow_all = True
        elif 400 <= status < 500 or not (200 <= status < 300):
            if status >= 500:
                # RFC 9309: an unreachable robots.txt means "assume complete disallow" (for now)
                raise FetchError(robots_url, f"HTTP {status} for robots.txt; try again later")
            parser.allow_all = True
        else:
            text = response.content.decode("utf-8", errors="replace")
            parser.parse(text.splitlines())
        parser.modified()
        return parser


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "error"
