"""`newsrag watch`: poll feeds, ingest only new or changed entries, keep going when something fails.

State lives in ``index_dir/watch.json``: per feed the ETag / Last-Modified of the last complete poll
(sent back as If-None-Match / If-Modified-Since) and a fingerprint of every entry already ingested.
When an entry's page could not be fetched, the validators are not kept, so the next round reads the
whole feed again and retries that entry (entries already seen are skipped by fingerprint).
A rebuild of the index (new collection) resets the state: its articles must be fetched again.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rag.articles import LoadProblem
from rag.config import Config
from rag.errors import NewsragError
from rag.feeds import FEED_ACCEPT, entry_fingerprint, entry_key, feed_articles, parse_feed
from rag.web import Fetcher, FetchError, is_url

log = logging.getLogger(__name__)

STATE_FILE = "watch.json"
DEFAULT_EVERY = 15 * 60.0

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)


def parse_duration(text: str) -> float:
    """"90", "90s", "15m", "1h", "1d" -> seconds; ValueError otherwise."""
    match = _DURATION.match(str(text))
    if not match:
        raise ValueError(f"{text!r} is not a duration: write e.g. 30s, 15m or 1h")
    seconds = float(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[match.group(2).lower()]
    if seconds < 1:
        raise ValueError(f"{text!r} is too short: poll at most once a second")
    return seconds


@dataclass
class FeedOutcome:
    feed: str
    status: str  # "ingested", "nothing new", "not modified", "failed"
    message: str = ""
    seen: int = 0  # entries skipped because they were already ingested unchanged
    report: object | None = None  # IngestReport when something was ingested
    problems: list[LoadProblem] = field(default_factory=list)
    notes: list[LoadProblem] = field(default_factory=list)

    def line(self) -> str:
        if self.status == "failed":
            return f"{self.feed}: failed: {self.message}; trying again next round"
        if self.status == "not modified":
            return f"{self.feed}: not modified (304)"
        parts = []
        if self.report is not None:
            r = self.report
            parts.append(f"{r.added} added, {r.updated} updated, {r.unchanged} unchanged")
        else:
            parts.append("nothing new")
        if self.seen:
            parts.append(f"{self.seen} {'entry' if self.seen == 1 else 'entries'} already seen")
        if self.problems:
            parts.append(f"{len(self.problems)} skipped")
        return f"{self.feed}: " + "; ".join(parts)


class Watcher:
    """Polls feeds into the index of `config`. One Fetcher and one embedder for the whole run."""

    def __init__(self, feeds: Sequence[str], config: Config, *, fetcher: Fetcher | None = None, embedder=None):
        bad = [f for f in feeds if not is_url(f)]
        if bad:
            raise NewsragError(f"{bad[0]}: not an http(s) feed URL")
        if not feeds:
            raise NewsragError("no feeds to watch: pass feed URLs or set feeds = [\"https://...\"] in newsrag.toml")
        self.feeds = list(dict.fromkeys(feeds))
        self.config = config
        self.fetcher = fetcher or Fetcher.from_config(config, allow_private=True)
        self._embedder = embedder
        self.state_path = Path(config.index_dir) / STATE_FILE

    # ---------------------------------------------------------------------------------- state

    def load_state(self) -> dict:
        try:
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            state = {}
        except (OSError, ValueError):  # a damaged state file only costs a full re-read of the feeds
            state = {}
        if not isinstance(state, dict) or not isinstance(state.get("feeds"), dict):
            state = {"feeds": {}}
        collection = self._collection()
        if state.get("collection") != collection:  # rebuilt or new index: what was seen is gone
            state = {"feeds": {}, "collection": collection}
        return state

    def save_state(self, state: dict) -> None:
        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.state_path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(state, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.state_path)

    def _collection(self) -> str | None:
        from rag.store import Store

        manifest = Store(self.config).read_manifest()
        return manifest.collection if manifest else None

    def _embedder_for_index(self):
        from rag.indexing import embedder_for
        from rag.store import Store

        manifest = Store(self.config).read_manifest()
        want = manifest.embed_backend if manifest else None
        if self._embedder is None or (want and self._embedder.backend != want):
            self._embedder = embedder_for(manifest, self.config)
        return self._embedder

    # ---------------------------------------------------------------------------------- polls

    def poll(self, feed: str) -> FeedOutcome:
        """One conditional request for one feed; new or changed entries ingested. Never raises NewsragError."""
        from rag.indexing import ingest_articles

        state = self.load_state()
        known = state["feeds"].get(feed, {})
        try:
            response = self.fetcher.get(
                feed, etag=known.get("etag", ""), last_modified=known.get("last_modified", ""), accept=FEED_ACCEPT
            )
            if response.not_modified:
                return FeedOutcome(feed, "not modified")
            parsed = parse_feed(response)
            if parsed is None:
                raise FetchError(feed, f"not an RSS or Atom feed ({response.content_type or 'no content type'})")
        except NewsragError as exc:
            return FeedOutcome(feed, "failed", str(exc))
        seen_before = known.get("entries", {})
        fresh, current, seen = [], {}, 0
        for entry in parsed.entries:
            key, print_ = entry_key(entry), entry_fingerprint(entry)
            current[key] = print_
            if seen_before.get(key) == print_:
                seen += 1
            else:
                fresh.append(entry)
        result = feed_articles(parsed, response.url, self.fetcher, entries=fresh)
        outcome = FeedOutcome(feed, "nothing new", seen=seen, problems=result.problems, notes=result.notes)
        if result.articles:
            try:
                outcome.report = ingest_articles(
                    result.articles, self.config, progress=False, embedder=self._embedder_for_index()
                )
            except NewsragError as exc:
                return FeedOutcome(feed, "failed", f"could not ingest ({exc})", problems=result.problems)
            outcome.status = "ingested"
        failed = {p.path for p in result.problems}
        entries = dict(current)
        for entry in fresh:  # an entry whose page failed is not remembered: it is tried again next round
            if str(entry.get("link") or entry_key(entry) or feed) in failed:
                entries.pop(entry_key(entry), None)
        state = self.load_state()  # the ingest may have created the index (a new collection)
        record = {"entries": entries}
        if not result.problems:  # otherwise the next round must read the feed again to retry what failed
            record["etag"] = response.etag
            record["last_modified"] = response.last_modified
        state["feeds"][feed] = record
        state["collection"] = self._collection()
        self.save_state(state)
        return outcome

    def round(self) -> list[FeedOutcome]:
        outcomes = []
        for feed in self.feeds:
            try:
                outcomes.append(self.poll(feed))
            except Exception as exc:  # whatever went wrong with one feed, the others still get their turn
                log.exception("polling %s failed", feed)
                outcomes.append(FeedOutcome(feed, "failed", f"{type(exc).__name__}: {exc}"))
        return outcomes

    def run(
        self,
        *,
        rounds: int | None = None,
        every: float = DEFAULT_EVERY,
        out: Callable[[str], None] | None = None,
        err: Callable[[str], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> int:
        """Poll every feed, then wait `every` seconds, `rounds` times (None: until interrupted).

        Returns the number of articles added or updated."""
        out = out or (lambda line: print(line, flush=True))
        err = err or (lambda line: print(line, file=sys.stderr, flush=True))
        changed = 0
        done = 0
        while rounds is None or done < rounds:
            started = time.monotonic()
            stamp = time.strftime("%H:%M:%S")
            for outcome in self.round():
                for problem in outcome.problems:
                    err(f"skipped {problem}")
                for note in outcome.notes:
                    err(f"note: {note}")
                if outcome.status == "failed":
                    err(f"newsrag: warning: [{stamp}] {outcome.line()}")
                else:
                    out(f"[{stamp}] {outcome.line()}")
                if outcome.report is not None:
                    changed += outcome.report.added + outcome.report.updated
            done += 1
            if rounds is None or done < rounds:
                sleep(max(0.0, every - (time.monotonic() - started)))
        return changed
