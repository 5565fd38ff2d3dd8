"""Write a small invented news site (an RSS feed + article pages) into a folder, to show `newsrag watch` at work.

    python scripts/demo_feed.py /tmp/demo-site           # feed.xml with one entry, and its page
    python -m http.server 8765 --bind 127.0.0.1 --directory /tmp/demo-site &
    newsrag watch http://127.0.0.1:8765/feed.xml --every 20s --rounds 3 --index-dir /tmp/demo-index
    python scripts/demo_feed.py /tmp/demo-site --add     # (between two polls) a second entry appears

The feed carries only summaries, so newsrag fetches each entry's page. Everything here is invented.
"""

from __future__ import annotations

import argparse
import html
from pathlib import Path

STORIES = [
    {
        "slug": "harrowgate-ferry",
        "title": "Harrowgate ferry returns after a month of repairs",
        "date": "Tue, 05 Mar 2024 09:00:00 GMT",
        "iso": "2024-03-05T09:00:00+00:00",
        "summary": "The ferry is back on the Millbay crossing.",
        "paragraphs": [
            "The Harrowgate ferry returned to service on Tuesday after a month of repairs to its hull, "
            "the operator said.",
            "Passengers said the crossing to Millbay now takes twelve minutes, four fewer than before the refit.",
        ],
    },
    {
        "slug": "quenby-orchard-fair",
        "title": "Quenby orchard fair sells a record nine tonnes of apples",
        "date": "Sat, 07 Sep 2024 18:00:00 GMT",
        "iso": "2024-09-07T18:00:00+00:00",
        "summary": "A record year for the orchard fair.",
        "paragraphs": [
            "The Quenby orchard fair sold a record nine tonnes of apples on Saturday, organisers said.",
            "A cider press built in 1911 was the main attraction, with queues stretching past the village church.",
        ],
    },
]


def page(story: dict) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in story["paragraphs"])
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(story["title"])}</title>'
        '<meta property="og:site_name" content="Harbour Gazette">'
        f'<meta property="article:published_time" content="{story["iso"]}"></head>'
        f'<body><article><h1>{html.escape(story["title"])}</h1>{body}</article></body></html>'
    )


def feed(stories: list[dict], base: str) -> str:
    items = "".join(
        f"<item><title>{html.escape(s['title'])}</title><link>{base}{s['slug']}.html</link>"
        f"<guid>{base}{s['slug']}.html</guid><pubDate>{s['date']}</pubDate>"
        f"<description>{html.escape(s['summary'])}</description></item>"
        for s in reversed(stories)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Harbour Gazette</title>'
        f"<link>{base}</link><description>Invented news for a demo</description>{items}</channel></rss>\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--add", action="store_true", help="publish the second story too")
    parser.add_argument("--base", default="http://127.0.0.1:8765/", help="where the folder is served")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    stories = STORIES if args.add else STORIES[:1]
    for story in stories:
        (args.folder / f"{story['slug']}.html").write_text(page(story), encoding="utf-8")
    (args.folder / "feed.xml").write_text(feed(stories, args.base), encoding="utf-8")
    print(f"{args.folder / 'feed.xml'}: {len(stories)} entries")


if __name__ == "__main__":
    main()
