"""Stories: syndicated copies and updated versions of one article share a story_id.

Each article gets a sketch: a fixed sample of the hashes of its five-word shingles (those divisible by
SAMPLE_EVERY, so two copies keep the same sample). Two articles published within STORY_DAYS of each other
whose sketches overlap by at least CONTAINMENT of the smaller one tell the same story. Containment rather than
Jaccard, so an updated version that adds paragraphs still joins its original; a different story on the same
topic shares almost no five-word runs and stays apart.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rag.articles import Article
from rag.text import words

SHINGLE_WORDS = 5
SAMPLE_EVERY = 4
CONTAINMENT = 0.5
STORY_DAYS = 7
MIN_SKETCH = 8  # below this many sampled shingles an article is too short to call a copy


def sketch(text: str) -> list[int]:
    """Sorted sampled shingle hashes of the text."""
    tokens = words(text)
    hashes = set()
    for i in range(max(len(tokens) - SHINGLE_WORDS + 1, 0)):
        digest = hashlib.blake2b(" ".join(tokens[i : i + SHINGLE_WORDS]).encode(), digest_size=8).digest()
        value = int.from_bytes(digest, "little")
        if value % SAMPLE_EVERY == 0:
            hashes.add(value >> 2)  # fits JSON's and numpy's int64 comfortably
    return sorted(hashes)


@dataclass
class StoryEntry:
    story: str
    source: str
    published: str
    sketch: list[int]
    lines: list[int] = field(default_factory=list)  # raw line hashes (rag.boilerplate), to find boilerplate


class StoryIndex:
    """article_id -> story, with the sketches needed to place new articles."""

    def __init__(self, entries: dict[str, StoryEntry] | None = None):
        self.entries: dict[str, StoryEntry] = entries or {}
        self._by_story: dict[str, set[str]] | None = None  # story -> article ids, built on first use
        # sketch value -> article ids: only adding articles needs it, so it is built then (seconds on a big
        # archive, which serving and `newsrag ask` do not pay)
        self._by_value: dict[int, set[str]] | None = None

    def _postings(self) -> dict[int, set[str]]:
        if self._by_value is None:
            by_value: dict[int, set[str]] = defaultdict(set)
            for article_id, entry in self.entries.items():
                for value in entry.sketch:
                    by_value[value].add(article_id)
            self._by_value = by_value
        return self._by_value

    def __contains__(self, article_id: str) -> bool:
        """Whether the article is in the index."""
        return article_id in self.entries

    def story_of(self, article_id: str) -> str:
        entry = self.entries.get(article_id)
        return entry.story if entry else article_id

    def members(self, story: str) -> list[str]:
        return sorted(self._members().get(story, ()))

    def others(self, article_id: str) -> list[StoryEntry]:
        """The other articles of this article's story, oldest first."""
        return [self.entries[a] for a in self.other_ids(article_id)]

    def other_ids(self, article_id: str) -> list[str]:
        """The ids of the other articles of this article's story, oldest first (then by outlet and id)."""
        found = [a for a in self._members().get(self.story_of(article_id), ()) if a != article_id]
        return sorted(found, key=lambda a: (self.entries[a].published, self.entries[a].source, a))

    def line_records(self, skip: set[str] = frozenset()):
        """(outlet, published, raw line hashes) of each article but the `skip` ones (see rag.boilerplate)."""
        return [(e.source, e.published, e.lines) for a, e in self.entries.items() if a not in skip]

    def _members(self) -> dict[str, set[str]]:
        if self._by_story is None:
            by_story: dict[str, set[str]] = defaultdict(set)
            for article_id, entry in self.entries.items():
                by_story[entry.story].add(article_id)
            self._by_story = by_story
        return self._by_story

    def remove(self, article_id: str) -> None:
        self._by_story = None
        entry = self.entries.pop(article_id, None)
        if entry and self._by_value is not None:
            for value in entry.sketch:
                self._by_value[value].discard(article_id)

    def add(self, article: Article, lines: list[int] | None = None) -> str:
        """Place the article in the story it copies, or start a new one; returns its story_id. `lines`: the
        hashes of its lines before boilerplate was dropped (kept so later ingests can count them)."""
        if lines is None:
            previous = self.entries.get(article.article_id)
            lines = previous.lines if previous else []
        self.remove(article.article_id)
        mine = sketch(f"{article.title}\n{article.text}")
        story = article.article_id
        postings = self._postings()
        if len(mine) >= MIN_SKETCH:
            shared: dict[str, int] = defaultdict(int)
            for value in mine:
                for other in postings.get(value, ()):
                    shared[other] += 1
            best = 0.0
            for other, count in shared.items():
                entry = self.entries[other]
                containment = count / min(len(mine), len(entry.sketch))
                if containment >= CONTAINMENT and containment > best and _close(article.published, entry.published):
                    best, story = containment, entry.story
        self.entries[article.article_id] = StoryEntry(story, article.source, article.published, mine, list(lines))
        self._by_story = None
        for value in mine:
            postings[value].add(article.article_id)
        return story

    def save(self, path: Path) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        data = {a: [e.story, e.source, e.published, e.sketch, e.lines] for a, e in self.entries.items()}
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path) -> StoryIndex:
        return cls.try_load(path) or cls()

    @classmethod
    def try_load(cls, path: Path) -> StoryIndex | None:
        """The saved story groups, or None when the file is missing or unreadable."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            return cls({a: StoryEntry(*fields) for a, fields in data.items()})
        except (OSError, ValueError, TypeError, AttributeError):
            return None


def _close(first: str, second: str) -> bool:
    if not first or not second:
        return True
    gap = dt.date.fromisoformat(first) - dt.date.fromisoformat(second)
    return abs(gap.days) <= STORY_DAYS


def stories_path(index_dir: Path, collection: str) -> Path:
    return Path(index_dir) / "stories" / f"{collection}.json"
