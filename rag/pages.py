"""Article pages (HTML) -> Articles, with trafilatura: main text, title, date, author, site name, canonical URL.

A page with no extractable text raises ``ValueError("no text ...")``. A page with no date in its markup
(meta tags, JSON-LD, <time>, or the URL's path) gets an empty date and a note saying so: the date is
never guessed from the free text. trafilatura is imported lazily.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from rag.articles import Article, make_article

MIN_WORDS = 20  # less than this is navigation or an error page, not an article

NO_TEXT = "no text: the page has no article text newsrag can extract"
NO_DATE = "no published date found in the page; the date is left empty"


@dataclass
class Extracted:
    article: Article
    notes: list[str]  # things the user should know (e.g. no date)


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed entry's content), paragraphs on their own lines."""
    import trafilatura

    text = trafilatura.extract(fragment, include_comments=False, include_tables=True, favor_recall=True)
    if not text:
        text = trafilatura.html2txt(f"<html><body>{fragment}</body></html>")
    return (text or "").strip()


def extract_page(html: str | bytes, url: str = "", *, origin: str = "") -> Extracted:
    """An Article from an article page; ValueError when it has no article text.

    `url`: where the page was fetched from (after redirects), or "" for a file. The page's canonical URL is
    used only when it is on the same site, so a page cannot take over another site's article ids.
    """
    import trafilatura
    from trafilatura.settings import set_date_params

    doc = trafilatura.bare_extraction(
        html,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=set_date_params(False),  # markup and URL only: no dates read from free text
    )
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    title = (getattr(doc, "title", None) or "").strip() if doc is not None else ""
    lines = text.split("\n")
    if title and lines and lines[0].strip() == title:  # the headline repeated as the body's first line
        text = "\n".join(lines[1:]).strip()
    if len(text.split()) < MIN_WORDS:
        raise ValueError(NO_TEXT)
    canonical = (getattr(doc, "url", None) or "").strip()
    if url:
        link = canonical if canonical and _host(canonical) == _host(url) else url
    else:
        link = canonical if canonical.lower().startswith(("http://", "https://")) else ""
    sitename = (getattr(doc, "sitename", None) or "").strip()
    hostname = (getattr(doc, "hostname", None) or "").strip()
    if not sitename or sitename == hostname or sitename == urlsplit(url).netloc:
        sitename = _host(link) if link else ""
    notes = []
    published = (getattr(doc, "date", None) or "").strip()
    if not published:
        notes.append(NO_DATE)
    authors = [a.strip() for a in (getattr(doc, "author", None) or "").split(";") if a.strip()]
    article = make_article(
        title=title,
        text=text,
        source=sitename,
        url=link,
        published=published or None,
        authors=authors,
        origin=origin or url,
    )
    return Extracted(article, notes)
