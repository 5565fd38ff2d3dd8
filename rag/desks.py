"""Desks: the sections a newsroom files its stories under (sports, business, politics ...).

An article's desk is read from its link, where outlets put the section ("https://www.usk.example/2024/05/22/sport/
ferry-cup-final/index.html", "https://news.example/story/money/2024/05/22/ferry-fares/123/"); a question's desk is a
desk word in it ("Top sports stories this week"). A link without a known section gives no desk: such an article is
in no desk's briefing.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

from rag.text import stems

# desk: (how it is shown, the words a question asks for it by, the link segments that file an article under it)
DESKS: dict[str, tuple[str, str, str]] = {
    "sports": ("sports", "sport sports sporting",
               "sport sports tennis football soccer golf nfl nba mlb nhl wnba olympics cricket rugby boxing mma "
               "motorsport motorsports formula-one f1 cycling athletics ncaaf ncaab"),
    "business": ("business", "business businesses economy economic economics finance financial markets money",
                 "business money investing economy markets finance business-food energy homes success cars "
                 "personalfinance real-estate"),
    "politics": ("politics", "politics political", "politics elections election congress"),
    "tech": ("tech", "tech technology", "tech technology innovation gadgets"),
    "science": ("science", "science scientific space", "science space"),
    "health": ("health", "health medical medicine", "health wellness coronavirus"),
    "entertainment": ("entertainment", "entertainment showbiz celebrity celebrities arts culture",
                      "entertainment life celebrities celebrity movies tv music arts culture style"),
    "world": ("world", "international foreign overseas",
              "world world-news asia europe uk americas middleeast middle-east africa australia china india"),
    "weather": ("weather", "weather climate", "weather climate"),
    "travel": ("travel", "travel", "travel todayinthesky"),
    "opinion": ("opinion", "opinion opinions editorial editorials column columns commentary",
                "opinion opinions commentary"),
}

_BY_WORD: dict[str, str] = {}
_BY_SEGMENT: dict[str, str] = {}
for _desk, (_, _words, _segments) in DESKS.items():
    for _stem in stems(_words):
        _BY_WORD.setdefault(_stem, _desk)
    for _segment in _segments.split():
        _BY_SEGMENT.setdefault(_segment, _desk)

_NUMERIC = re.compile(r"^\d[\d.-]*$")
_PAGE = re.compile(r"^index\.\w+$")

# every word a question may ask for a desk by (as `rag.text.stems` stems them)
DESK_WORDS = frozenset(_BY_WORD)


def desk_of_url(url: str | None) -> str | None:
    """The desk the link files its article under: the first of its path's sections (the parts before the
    article's own name, less dates and numbers) that names one; None when none does."""
    if not url:
        return None
    try:
        path = urlparse(url).path
    except ValueError:
        return None
    parts = [p.lower() for p in path.split("/") if p and not _NUMERIC.match(p) and not _PAGE.match(p)]
    if len(parts) > 1:
        parts = parts[:-1]  # the last is the article's own name ("ferry-cup-final")
    for part in parts:
        desk = _BY_SEGMENT.get(part)
        if desk:
            return desk
    return None


def desk_asked(question: str) -> str | None:
    """The desk a question asks for by name ("Top sports stories this week" → "sports"), or None."""
    for stem in stems(question):
        desk = _BY_WORD.get(stem)
        if desk:
            return desk
    return None


def desk_label(desk: str) -> str:
    return DESKS[desk][0]
