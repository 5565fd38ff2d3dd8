"""Boilerplate: the lines an outlet prints under many articles (newsletter sign-ups, ad and video-player
widgets, "Contributing: The Associated Press") are not news, and are dropped before an article is indexed.

A line is boilerplate for an outlet when at least MIN_ARTICLES of its articles, published at least MIN_SPAN_DAYS
apart from first to last, hold it word for word (lines of fewer than MIN_WORDS words are never counted). The span
keeps syndicated copies and updated versions of one story (days apart, every line shared) whole. Left in, such
lines made round-ups and video pages match every question about newsletters or video, joined unrelated articles
into one story, and buried a video page's only content (its headline) under the player's feedback form.

Each article's raw line hashes are kept with its story entry, so an incremental ingest knows what earlier
articles printed. A line that becomes boilerplate only later stays in the articles indexed before; `newsrag
rebuild` drops it everywhere.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from rag.articles import Article, normalise_text

MIN_WORDS = 3
MIN_ARTICLES = 5
MIN_SPAN_DAYS = 14


def _key(line: str) -> str | None:
    tokens = line.split()
    return " ".join(tokens).lower() if len(tokens) >= MIN_WORDS else None


def _hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little") >> 2


def line_hashes(text: str) -> list[int]:
    """Sorted distinct hashes of the text's lines of MIN_WORDS words or more (case and spacing ignored)."""
    return sorted({_hash(key) for key in map(_key, text.split("\n")) if key})


def repeated_lines(records: Iterable[tuple[str, str, Iterable[int]]]) -> dict[str, set[int]]:
    """Outlet -> the line hashes that are boilerplate there, from (outlet, published, line hashes) per article."""
    seen: dict[tuple[str, int], list] = defaultdict(lambda: [0, None, None])  # count, first day, last day
    for source, published, hashes in records:
        day = dt.date.fromisoformat(published) if published else None
        for value in hashes:
            row = seen[(source, value)]
            row[0] += 1
            if day is not None:
                row[1] = day if row[1] is None or day < row[1] else row[1]
                row[2] = day if row[2] is None or day > row[2] else row[2]
    found: dict[str, set[int]] = defaultdict(set)
    for (source, value), (count, first, last) in seen.items():
        if count >= MIN_ARTICLES and first is not None and (last - first).days >= MIN_SPAN_DAYS:
            found[source].add(value)
    return dict(found)


def strip_lines(article: Article, boilerplate: set[int]) -> Article:
    """The article without its boilerplate lines (its id and content hash unchanged). When nothing else is
    left (a video page whose text was only the player's widgets) its headline stands in as its text."""
    if not boilerplate:
        return article
    lines = article.text.split("\n")
    kept = [line for line in lines if (key := _key(line)) is None or _hash(key) not in boilerplate]
    if len(kept) == len(lines):
        return article
    text = normalise_text("\n".join(kept))
    if not any(_key(line) for line in text.split("\n")):
        text = article.title or text
    return replace(article, text=text) if text else article


def clean(articles: list[Article], known: Iterable[tuple[str, str, Iterable[int]]] = ()) -> tuple[list[Article], dict]:
    """The articles without the boilerplate found among them and the `known` (outlet, published, line hashes)
    of articles already indexed; also each article's raw line hashes (article_id -> list), to keep."""
    raw = {a.article_id: line_hashes(a.text) for a in articles}
    records = list(known) + [(a.source, a.published, raw[a.article_id]) for a in articles]
    boilerplate = repeated_lines(records)
    return [strip_lines(a, boilerplate.get(a.source, set())) for a in articles], raw
