"""Desks: an article's section read from its link, and the desk a question asks for."""

from __future__ import annotations

import pytest

from rag.desks import desk_asked, desk_of_url


@pytest.mark.parametrize(
    "url, desk",
    [
        ("https://www.usk.example/2024/05/22/sport/gwent-cup-final/index.html", "sports"),
        ("https://www.usk.example/2024/05/22/tennis/usk-open-final/index.html", "sports"),
        ("https://news.example/story/money/2024/05/22/ferry-fares/123456/", "business"),
        ("https://news.example/story/news/politics/2024/05/22/council-vote/123456/", "politics"),
        ("https://news.example/story/life/music/2024/05/22/festival/", "entertainment"),
        ("https://www.usk.example/2024/05/22/europe/usk-twin-town/index.html", "world"),
        ("https://www.usk.example/news/952658/usk-ferry-strike", None),  # "news" files under no desk
        ("https://www.usk.example/sport-results-2024", None),  # the article's own name is no section
        ("https://www.usk.example/sports", "sports"),
        ("", None),
        (None, None),
    ],
)
def test_desk_of_url(url, desk):
    assert desk_of_url(url) == desk


@pytest.mark.parametrize(
    "question, desk",
    [
        ("Top sports stories this week", "sports"),
        ("What happened in business this week?", "business"),
        ("Any political news today?", "politics"),
        ("International headlines", "world"),
        ("What happened yesterday?", None),
    ],
)
def test_desk_asked(question, desk):
    assert desk_asked(question) == desk
