"""Assistant: the one place that wires question -> retrieval -> answer, for Python, the shell and the page."""

from __future__ import annotations

import datetime as dt
import threading
import time
import unicodedata
from collections.abc import Iterator, Sequence

from rag.answering import Answer
from rag.config import Config
from rag.errors import NewsragError
from rag.retrieval import Filters

MAX_QUESTION_CHARS = 2000


def clean_question(question: str) -> str:
    """The question with control characters removed and whitespace tidied; raises NewsragError when unusable."""
    if not isinstance(question, str):
        raise NewsragError("the question must be text")
    cleaned = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in question)
    cleaned = " ".join(cleaned.split())
    if not cleaned:
        raise NewsragError("the question is empty: type a question about the news")
    if len(cleaned) > MAX_QUESTION_CHARS:
        raise NewsragError(
            f"the question is {len(cleaned):,} characters long; the limit is {MAX_QUESTION_CHARS:,}: shorten it"
        )
    return cleaned


def parse_day(value: dt.date | str | None, what: str = "date") -> dt.date | None:
    """A date from a date object or an ISO string (YYYY-MM-DD); None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise NewsragError(f"{what} {value!r} is not a date like 2020-06-16") from None


def as_filters(filters: Filters | dict | None) -> Filters | None:
    """Filters from a Filters object or a dict with `sources`/`source`, `since`, `until`."""
    if filters is None or isinstance(filters, Filters):
        return filters
    sources = filters.get("sources") or filters.get("source") or ()
    if isinstance(sources, str):
        sources = (sources,)
    return Filters(
        sources=tuple(s for s in sources if s),
        since=parse_day(filters.get("since"), "since"),
        until=parse_day(filters.get("until"), "until"),
    )


class Assistant:
    """Answers questions from the index. Safe to share between threads; reopens the index after a rebuild."""

    def __init__(self, config: Config | None = None, **settings):
        self.config = config or Config.load(**settings)
        self._lock = threading.Lock()
        self._opened: tuple | None = None  # (manifest mtime, manifest, retriever, embedder)

    def _open(self):
        from rag.indexing import check_compatible, embedder_for
        from rag.store import Store

        store = Store(self.config)
        try:
            stamp = store.manifest_path.stat().st_mtime_ns
        except FileNotFoundError:
            raise NewsragError(
                f"no index at {self.config.index_dir}: run `newsrag rebuild` to build it from "
                f"{self.config.corpus_dir}/ (or `newsrag ingest PATH`)"
            ) from None
        with self._lock:
            if self._opened and self._opened[0] == stamp:
                return self._opened
            manifest = store.read_manifest()
            check_compatible(manifest, self.config, store)
            embedder = self._opened[3] if self._opened else embedder_for(manifest, self.config)
            retriever = self._retriever(store, manifest, embedder)
            self._opened = (stamp, manifest, retriever, embedder)
            return self._opened

    def _retriever(self, store, manifest, embedder):
        from rag.indexing import stories_from_collection
        from rag.keyword import KeywordIndex, keyword_dir
        from rag.retrieval import Retriever
        from rag.stories import StoryIndex, stories_path

        collection = store.collection(manifest.collection)
        keyword = KeywordIndex.load(keyword_dir(store.index_dir, manifest.collection))
        if keyword is None:  # derived data: rebuilt from the collection when missing
            keyword = KeywordIndex.build(collection)
        path = stories_path(store.index_dir, manifest.collection)
        stories = StoryIndex.load(path) if path.exists() else stories_from_collection(collection)
        return Retriever(
            collection,
            embedder,
            keyword,
            stories,
            mode=self.config.retrieval_mode,
            use_dates=self.config.use_dates,
            use_stories=self.config.use_stories,
        )

    def retrieve(
        self, question: str, *, filters: Filters | dict | None = None, as_of: dt.date | str | None = None,
        limit: int | None = None, per_article: int = 2,
    ):
        """The passages an answer would be written from, best first."""
        question = clean_question(question)
        _, _, retriever, _ = self._open()
        day = parse_day(as_of, "as_of") or dt.date.today()
        return retriever.search(
            question, filters=as_filters(filters), as_of=day, limit=limit or self.config.top_k, per_article=per_article
        )

    def stories(self):
        """The story groups of the live index (a rag.stories.StoryIndex)."""
        _, _, retriever, _ = self._open()
        return retriever.stories

    def info(self) -> dict:
        """Size and date range of the index: articles, chunks, sources, date_min, date_max, model."""
        _, manifest, _, _ = self._open()
        return {
            "articles": manifest.articles,
            "chunks": manifest.chunks,
            "sources": list(manifest.sources),
            "date_min": manifest.date_min,
            "date_max": manifest.date_max,
            "model": manifest.model,
            "embed_backend": manifest.embed_backend,
        }

    def ask(
        self,
        question: str,
        *,
        history: Sequence = (),
        filters: Filters | dict | None = None,
        as_of: dt.date | str | None = None,
    ) -> Answer:
        """Answer one question; raises NewsragError on an empty or over-long question or a missing index."""
        from rag.answering import extractive

        question = clean_question(question)
        filters = as_filters(filters)
        day = parse_day(as_of, "as_of") or dt.date.today()
        _, manifest, retriever, embedder = self._open()
        started = time.perf_counter()
        passages = retriever.search(question, filters=filters, as_of=day, limit=self.config.top_k)
        retrieved = time.perf_counter()
        result = extractive.answer(question, passages, embedder, as_of=day.isoformat())
        result.timings = {
            "retrieve_ms": round((retrieved - started) * 1000, 1),
            "answer_ms": round((time.perf_counter() - retrieved) * 1000, 1),
        }
        return result

    def stream(
        self,
        question: str,
        *,
        history: Sequence = (),
        filters: Filters | dict | None = None,
        as_of: dt.date | str | None = None,
    ) -> Iterator[str | Answer]:
        """Yield the answer's text in pieces, then the final Answer."""
        result = self.ask(question, history=history, filters=filters, as_of=as_of)
        words = result.text.split(" ")
        for i in range(0, len(words), 3):
            yield " ".join(words[i : i + 3]) + (" " if i + 3 < len(words) else "")
        yield result


_default: Assistant | None = None
_default_lock = threading.Lock()


def ask(question: str, **kwargs) -> Answer:
    """Answer a question with a default Assistant (index from newsrag.toml / NEWSRAG_* / ./.newsrag)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Assistant()
    return _default.ask(question, **kwargs)
