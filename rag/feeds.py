"""URLs -> Articles: article pages and RSS/Atom feeds (feedparser), fetched with rag.web.Fetcher.

A feed entry whose content carries the article's text is used as it is; an entry with only a summary
has its page fetched and extracted (rag.pages). The entry's own title and date win over the page's.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from rag.articles import Article, LoadProblem, make_article
from rag.errors import NewsragError
from rag.pages import MIN_WORDS, NO_DATE, extract_page, html_to_text
from rag.web import Fetcher, FetchError, Response

log = logging.getLogger(__name__)

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
ANY_ACCEPT = "text/html, application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"


@dataclass
class WebResult:
    """What a set of URLs gave: articles, what was skipped (and why), and what to know about the rest."""

    articles: list[Article] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)
    notes: list[LoadProblem] = field(default_factory=list)

    def extend(self, other: WebResult) -> None:
        self.articles.extend(other.articles)
        self.problems.extend(other.problems)
        self.notes.extend(other.notes)


def page_html(response: Response) -> str | bytes:
    """The page as text when the server names its charset, else bytes (trafilatura reads <meta charset>)."""
    if response.charset:
        try:
            return response.content.decode(response.charset, errors="replace")
        except LookupError:
            pass
    return response.content


def parse_feed(response: Response):
    """The feedparser result when the response is an RSS/Atom feed, else None. Raises NewsragError for a feed
    so broken that nothing could be read from it."""
    if response.is_html:
        return None
    import feedparser

    parsed = feedparser.parse(response.content, response_headers=response.headers)
    if parsed.get("entries"):
        return parsed
    looks_like_xml = any(word in response.content_type for word in ("xml", "rss", "atom"))
    if parsed.get("bozo") and (looks_like_xml or parsed.get("version")):
        detail = parsed.get("bozo_exception")
        raise FetchError(response.url, f"not a valid RSS or Atom feed ({detail}); nothing read from it")
    if parsed.get("version"):
        return parsed  # a valid feed with no entries
    return None


def _entry_date(entry) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return datetime(*value[:6], tzinfo=UTC)
    return None


def _entry_authors(entry) -> list[str]:
    names = [a.get("name", "") for a in entry.get("authors") or [] if isinstance(a, dict)]
    names = [n for n in names if n]
    if not names and entry.get("author"):
        names = [entry["author"]]
    return names


def entry_key(entry) -> str:
    """What identifies an entry across polls: its id (guid), else its link, else its title."""
    return str(entry.get("id") or entry.get("link") or entry.get("title") or "")


def entry_fingerprint(entry) -> str:
    """Changes when the entry changes (title, link, dates, content or summary)."""
    content = " ".join(str(c.get("value", "")) for c in entry.get("content") or [])
    parts = [
        entry.get("title", ""),
        entry.get("link", ""),
        dict.get(entry, "updated", ""),
        entry.get("published", ""),
        content,
        entry.get("summary", ""),
    ]
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode()).hexdigest()


def feed_title(parsed, url: str) -> str:
    title = " ".join(str(parsed.get("feed", {}).get("title", "")).split())
    return title or (urlsplit(url).hostname or "")


def entry_article(entry, source: str, fetcher: Fetcher) -> tuple[Article, list[str]]:
    """The Article of one feed entry (its page fetched when the feed has only a summary) and notes.

    Raises ValueError (no text) or FetchError (the page could not be fetched)."""
    link = str(entry.get("link") or "").strip()
    title = str(entry.get("title") or "")
    published = _entry_date(entry)
    authors = _entry_authors(entry)
    content = " ".join(str(c.get("value", "")) for c in entry.get("content") or [])
    text = html_to_text(content) if content.strip() else ""
    if len(text.split()) >= MIN_WORDS:
        article = make_article(
            title=title, text=text, source=source, url=link, published=published, authors=authors, origin=link
        )
        return article, ([] if published else [NO_DATE])
    if not link:
        raise ValueError("the entry has only a summary and no link to its page")
    response = fetcher.get(link, accept=PAGE_ACCEPT)
    if not response.is_html:
        raise ValueError(f"the entry's page is not HTML ({response.content_type or 'no content type'})")
    page = extract_page(page_html(response), response.url, origin=link).article
    article = make_article(
        title=title or page.title,
        text=page.text,
        source=source or page.source,
        url=page.url or link,
        published=published or page.published or None,
        authors=authors or list(page.authors),
        origin=link,
    )
    return article, ([] if article.published else [NO_DATE])


def feed_articles(parsed, feed_url: str, fetcher: Fetcher, entries=None) -> WebResult:
    """Articles of a parsed feed's entries (all, or `entries`); an entry that fails is a problem, not an error."""
    result = WebResult()
    source = feed_title(parsed, feed_url)
    if parsed.get("bozo") and parsed.get("entries"):
        detail = parsed.get("bozo_exception")
        if "encoding" not in type(detail).__name__.lower():
            result.notes.append(
                LoadProblem(feed_url, None, f"the feed is not well-formed ({detail}); read what could be read")
            )
    for entry in parsed.entries if entries is None else entries:
        where = str(entry.get("link") or entry_key(entry) or feed_url)
        try:
            article, notes = entry_article(entry, source, fetcher)
        except FetchError as exc:
            result.problems.append(LoadProblem(where, None, exc.reason))
            continue
        except (ValueError, NewsragError) as exc:
            result.problems.append(LoadProblem(where, None, str(exc)))
            continue
        except Exception as exc:  # a page that trips the extractor must not stop the other entries
            log.exception("reading feed entry %s failed", where)
            result.problems.append(LoadProblem(where, None, f"could not read the entry ({type(exc).__name__}: {exc})"))
            continue
        result.articles.append(article)
        result.notes.extend(LoadProblem(where, None, n) for n in notes)
    return result


def load_url(url: str, fetcher: Fetcher) -> WebResult:
    """An article page (one article) or a feed (its entries). Raises FetchError when the URL itself cannot be
    fetched, is neither a page nor a feed, or is a page with no text."""
    response = fetcher.get(url, accept=ANY_ACCEPT)
    parsed = parse_feed(response)
    if parsed is not None:
        return feed_articles(parsed, response.url, fetcher)
    if not response.is_html:
        kind = response.content_type or "no content type"
        raise FetchError(url, f"neither an article page nor an RSS/Atom feed ({kind})")
    try:
        extracted = extract_page(page_html(response), response.url, origin=url)
    except ValueError as exc:
        raise FetchError(url, str(exc)) from None
    return WebResult(
        articles=[extracted.article], notes=[LoadProblem(url, None, note) for note in extracted.notes]
    )


def load_urls(urls, fetcher: Fetcher) -> WebResult:
    """Several URLs; the first that fails raises (nothing is ingested from a command that names a bad URL)."""
    result = WebResult()
    for url in urls:
        result.extend(load_url(url, fetcher))
    return result
