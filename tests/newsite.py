"""A loopback HTTP server for the tests: invented feeds and article pages written by the tests themselves.

    with NewsSite() as site:
        site.add("/a.html", article_html(...))
        site.url("/a.html")

Each route answers with its status, headers and body; a route may carry an ETag / Last-Modified (then a
matching conditional request is answered 304), a delay (a slow server), gzip, or a body that is a function
of how many times the route was asked for. Every request is logged (path, headers, status).
"""

from __future__ import annotations

import gzip
import html
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.conftest import free_port


@dataclass
class Route:
    body: bytes | Callable[[int], bytes] = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict = field(default_factory=dict)
    etag: str = ""
    last_modified: str = ""
    delay: float = 0.0
    gzip: bool = False
    hits: int = 0


@dataclass
class Hit:
    path: str
    headers: dict
    status: int


class NewsSite:
    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.log: list[Hit] = []
        self._release = threading.Event()  # set on stop: slow handlers give up waiting
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):  # noqa: N802
                try:
                    site._answer(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.port = free_port()
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # ------------------------------------------------------------------ setup

    def add(self, path: str, body: str | bytes | Callable[[int], bytes] = b"", **options) -> Route:
        if isinstance(body, str):
            body = body.encode("utf-8")
        route = Route(body=body, **options)
        self.routes[path] = route
        return route

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def paths(self) -> list[str]:
        return [hit.path for hit in self.log]

    def __enter__(self) -> NewsSite:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._release.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)

    # ------------------------------------------------------------------ serving

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path.split("?", 1)[0]
        headers = {k.lower(): v for k, v in handler.headers.items()}
        route = self.routes.get(path)
        if route is None:
            self.log.append(Hit(path, headers, 404))
            self._send(handler, 404, {"Content-Type": "text/plain"}, b"not found")
            return
        route.hits += 1
        if route.delay:
            self._release.wait(route.delay)
        if (route.etag and headers.get("if-none-match") == route.etag) or (
            route.last_modified and headers.get("if-modified-since") == route.last_modified
        ):
            self.log.append(Hit(path, headers, 304))
            self._send(handler, 304, self._validators(route), b"")
            return
        body = route.body(route.hits) if callable(route.body) else route.body
        out = {"Content-Type": route.content_type, **self._validators(route), **route.headers}
        if route.gzip and "gzip" in headers.get("accept-encoding", ""):
            body = gzip.compress(body)
            out["Content-Encoding"] = "gzip"
        self.log.append(Hit(path, headers, route.status))
        self._send(handler, route.status, out, body)

    @staticmethod
    def _validators(route: Route) -> dict:
        out = {}
        if route.etag:
            out["ETag"] = route.etag
        if route.last_modified:
            out["Last-Modified"] = route.last_modified
        return out

    @staticmethod
    def _send(handler, status: int, headers: dict, body: bytes) -> None:
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if body:
            handler.wfile.write(body)


# ------------------------------------------------------------------------ invented content


def article_html(
    title: str,
    paragraphs: list[str],
    *,
    published: str | None = None,
    author: str | None = None,
    site: str | None = None,
    canonical: str | None = None,
    charset: str = "utf-8",
) -> str:
    """An article page in the shape news sites use (meta tags, <article>, <time>), with invented content."""
    head = [f'<meta charset="{charset}">', f"<title>{html.escape(title)}</title>"]
    if site:
        head.append(f'<meta property="og:site_name" content="{html.escape(site)}">')
    if author:
        head.append(f'<meta name="author" content="{html.escape(author)}">')
    if published:
        head.append(f'<meta property="article:published_time" content="{published}">')
    if canonical:
        head.append(f'<link rel="canonical" href="{canonical}">')
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html><html><head>" + "".join(head) + "</head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{html.escape(title)}</h1>{body}</article>"
        "<footer>Copyright the publisher.</footer></body></html>"
    )


def rss(title: str, items: list[dict], *, encoding: str = "utf-8") -> bytes:
    """RSS 2.0; each item: title, link, pubDate, description, and optionally content (full HTML) and author."""
    out = [f'<?xml version="1.0" encoding="{encoding}"?>',
           '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>',
           f"<title>{html.escape(title)}</title><link>https://gazette.example/</link>"
           "<description>Invented news for tests</description>"]
    for item in items:
        out.append("<item>")
        out.append(f"<title>{html.escape(item['title'])}</title><link>{html.escape(item['link'])}</link>")
        out.append(f"<guid>{html.escape(item.get('guid', item['link']))}</guid>")
        if item.get("pubDate"):
            out.append(f"<pubDate>{item['pubDate']}</pubDate>")
        if item.get("author"):
            out.append(f"<dc:creator>{html.escape(item['author'])}</dc:creator>")
        out.append(f"<description>{html.escape(item.get('description', ''))}</description>")
        if item.get("content"):
            out.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        out.append("</item>")
    out.append("</channel></rss>")
    return "\n".join(out).encode(encoding)


def atom(title: str, entries: list[dict]) -> bytes:
    """Atom 1.0; each entry: title, link, id, updated, published, author, content (HTML) or summary."""
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom">',
           f"<title>{html.escape(title)}</title><id>urn:test:feed</id><updated>2024-05-01T00:00:00Z</updated>"]
    for e in entries:
        out.append("<entry>")
        out.append(f"<title>{html.escape(e['title'])}</title><link href=\"{html.escape(e['link'])}\"/>")
        out.append(f"<id>{html.escape(e.get('id', e['link']))}</id><updated>{e['updated']}</updated>")
        if e.get("published"):
            out.append(f"<published>{e['published']}</published>")
        if e.get("author"):
            out.append(f"<author><name>{html.escape(e['author'])}</name></author>")
        if e.get("content"):
            out.append(f'<content type="html">{html.escape(e["content"])}</content>')
        if e.get("summary"):
            out.append(f"<summary>{html.escape(e['summary'])}</summary>")
        out.append("</entry>")
    out.append("</feed>")
    return "\n".join(out).encode("utf-8")
