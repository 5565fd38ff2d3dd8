"""Query -> ranked Passages from the index, collapsed per article, filtered by outlet and date."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, replace

RRF_K = 20
DENSE_POOL = 100
CANDIDATES = 50
# Recency prior: score * (1 + weight * exp(-age_days / scale)), set on the bench dev questions.
RECENCY_WEIGHT_NO_TIME_WORD = 1.0
RECENCY_SCALE_NO_TIME_WORD = 14.0
RECENCY_WEIGHT_VAGUE = 2.0
# A question without a stated time is most often about recent news: candidates are drawn from the last
# RECENT_WINDOW_DAYS as well as from the whole archive, so recent articles are not crowded out of the pool.
RECENT_WINDOW_DAYS = 14


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the search to. Dates are inclusive and compare with the published date."""

    sources: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None

    def is_empty(self) -> bool:
        return not (self.sources or self.since or self.until)


@dataclass
class Passage:
    """One retrieved chunk with its article's metadata; `text` is article.text[char_start:char_end]."""

    chunk_id: str
    article_id: str
    chunk_no: int
    text: str
    score: float
    title: str
    source: str
    url: str
    published: str
    char_start: int
    char_end: int
    also_reported_by: list[str] = field(default_factory=list)


def day_start_ts(day: dt.date) -> int:
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def metadata_filters(filters: Filters | None):
    """llama-index MetadataFilters for Chroma's `where`: outlet(s) and a published_ts range."""
    from llama_index.core.vector_stores import FilterCondition, FilterOperator, MetadataFilter, MetadataFilters

    if filters is None or filters.is_empty():
        return None
    parts = []
    if filters.sources:
        if len(filters.sources) == 1:
            parts.append(MetadataFilter(key="source", value=filters.sources[0], operator=FilterOperator.EQ))
        else:
            parts.append(MetadataFilter(key="source", value=list(filters.sources), operator=FilterOperator.IN))
    if filters.since:
        parts.append(MetadataFilter(key="published_ts", value=day_start_ts(filters.since), operator=FilterOperator.GTE))
    if filters.until:
        parts.append(MetadataFilter(key="published_ts", value=day_start_ts(filters.until), operator=FilterOperator.LTE))
    return MetadataFilters(filters=parts, condition=FilterCondition.AND)


class DenseRetriever:
    """Nearest chunks by cosine similarity in the Chroma collection.

    Chroma answers an unfiltered query in milliseconds but a filtered one (a date range, an outlet) in a hundred
    or more. So the query asks Chroma for the nearest DENSE_POOL chunks and filters them here; only when too few
    of those pass does it score the chunks that pass the filter exactly, against the vectors kept beside the
    keyword index (or, lacking them, ask Chroma with the filter).
    """

    def __init__(self, collection, embedder, keyword=None):
        from llama_index.vector_stores.chroma import ChromaVectorStore

        self.collection = collection
        self.embedder = embedder
        self.keyword = keyword
        self.vector_store = ChromaVectorStore(chroma_collection=collection)

    def search(self, query: str, *, filters: Filters | None = None, limit: int = 40, vector=None) -> list[Passage]:
        """Nearest chunks to the query (or to its `vector`, when already embedded) that pass the filters."""
        from llama_index.core.vector_stores import VectorStoreQuery

        vector = self.embedder.embed_query(query) if vector is None else vector
        filtered = filters is not None and not filters.is_empty()
        result = self.vector_store.query(
            VectorStoreQuery(
                query_embedding=vector.tolist(), similarity_top_k=DENSE_POOL if filtered else limit
            )
        )
        if not filtered:
            return _node_passages(result)
        passages = _node_passages(result, lambda metadata: _passes(metadata, filters))[:limit]
        if len(passages) >= limit:
            return passages
        if self.keyword is not None and self.keyword.vectors is not None:
            return self._exact(vector, filters, limit)
        result = self.vector_store.query(
            VectorStoreQuery(
                query_embedding=vector.tolist(), similarity_top_k=limit, filters=metadata_filters(filters)
            )
        )
        return _node_passages(result)

    def _exact(self, vector, filters: Filters, limit: int) -> list[Passage]:
        import numpy as np

        rows = np.flatnonzero(self.keyword.mask(filters))
        if rows.size == 0:
            return []
        similarities = np.asarray(self.keyword.vectors[rows], dtype=np.float32) @ vector
        take = min(limit, rows.size)
        best = np.argpartition(-similarities, take - 1)[:take]
        best = best[np.argsort(-similarities[best])]
        ids = [self.keyword.chunk_ids[rows[i]] for i in best]
        got = self.collection.get(ids=ids, include=["documents", "metadatas"])
        score_of = {self.keyword.chunk_ids[rows[i]]: float(similarities[i]) for i in best}
        rows_got = zip(got["ids"], got["documents"], got["metadatas"])
        passages = [passage_from(i, d, m, score_of[i]) for i, d, m in rows_got]
        return sorted(passages, key=lambda p: p.score, reverse=True)


def _node_passages(result, keep=None) -> list[Passage]:
    """Passages from a vector store query's nodes (those passing `keep(metadata)`, when given).

    A chunk deleted since the vector index was loaded (an article replaced by a `newsrag ingest` running in
    another process) comes back without its metadata: it is skipped.
    """
    return [
        passage_from(node.node_id, node.get_content(), node.metadata, float(score))
        for node, score in zip(result.nodes, result.similarities or [])
        if node.metadata and "article_id" in node.metadata and (keep is None or keep(node.metadata))
    ]


def _passes(metadata: dict, filters: Filters) -> bool:
    if filters.sources and metadata.get("source") not in filters.sources:
        return False
    ts = int(metadata.get("published_ts", 0))
    if filters.since and ts < day_start_ts(filters.since):
        return False
    return not (filters.until and ts > day_start_ts(filters.until))


def passage_from(chunk_id: str, text: str, metadata: dict, score: float) -> Passage:
    return Passage(
        chunk_id=chunk_id,
        article_id=metadata["article_id"],
        chunk_no=int(metadata["chunk_no"]),
        text=text,
        score=score,
        title=metadata.get("title", ""),
        source=metadata.get("source", ""),
        url=metadata.get("url", ""),
        published=metadata.get("published", ""),
        char_start=int(metadata["char_start"]),
        char_end=int(metadata["char_end"]),
    )


def _merge_best(first: list[Passage], second: list[Passage]) -> list[Passage]:
    """Union of two candidate lists, each chunk with the better of its two scores."""
    merged = {p.chunk_id: p for p in first}
    for passage in second:
        if passage.chunk_id not in merged or merged[passage.chunk_id].score < passage.score:
            merged[passage.chunk_id] = passage
    return list(merged.values())


def collapse(passages: list[Passage], *, per_article: int = 2, limit: int = 8) -> list[Passage]:
    """Keep the best `per_article` passages of each article, in score order, up to `limit`."""
    taken: dict[str, int] = {}
    kept = []
    for passage in sorted(passages, key=lambda p: p.score, reverse=True):
        if taken.get(passage.article_id, 0) >= per_article:
            continue
        taken[passage.article_id] = taken.get(passage.article_id, 0) + 1
        kept.append(passage)
        if len(kept) >= limit:
            break
    return kept


class Retriever:
    """Hybrid retrieval: dense and keyword ranks fused (reciprocal rank), read for time, collapsed by story.

    `mode` is "hybrid", "dense" or "keyword"; `use_dates` reads the question's time words against as_of
    (explicit windows filter, vague ones and none re-rank by recency); `use_stories` keeps one article per
    story and lists the other outlets.
    """

    def __init__(self, collection, embedder, keyword=None, stories=None, *, mode="hybrid", use_dates=True,
                 use_stories=True):
        self.collection = collection
        self.dense = DenseRetriever(collection, embedder, keyword)
        self.keyword = keyword
        self.stories = stories
        self.mode = mode if keyword is not None else "dense"
        self.use_dates = use_dates
        self.use_stories = use_stories and stories is not None

    def search(
        self,
        question: str,
        *,
        filters: Filters | None = None,
        as_of: dt.date | None = None,
        limit: int = 8,
        per_article: int = 2,
    ) -> list[Passage]:
        """The best passages for the question, at most `per_article` per article and one article per story."""
        from rag.dates import TimeIntent, parse_time, strip_time_words

        as_of = as_of or dt.date.today()
        filters = filters or Filters()
        intent = parse_time(question, as_of) if self.use_dates else TimeIntent(None, None, "none", None, "")
        query = strip_time_words(question, intent) if intent.phrase else question
        vector = self.dense.embedder.embed_query(query) if self.mode != "keyword" else None  # once for all passes
        # nothing published after the day of the question can be what it asks about
        latest = min(filters.until or as_of, as_of)
        window = replace(filters, until=latest)
        since, until = intent.as_filter()
        ranked: list[Passage] = []
        if since or until:
            narrowed = replace(
                window,
                since=max(d for d in (since, window.since) if d) if (since or window.since) else None,
                until=min(d for d in (until, window.until) if d),
            )
            if not narrowed.since or narrowed.since <= narrowed.until:
                ranked = self._fused(query, narrowed, vector)
        if not ranked:  # no time words, or the window they name holds nothing: search the whole range
            ranked = self._fused(query, window, vector)
            intent = intent if intent.kind != "explicit" else TimeIntent(None, None, "none", None, "")
            if RECENT_WINDOW_DAYS and self.use_dates:
                recent_since = latest - dt.timedelta(days=RECENT_WINDOW_DAYS)
                recent = replace(window, since=max(recent_since, window.since or recent_since))
                ranked = _merge_best(ranked, self._fused(query, recent, vector))
        self._prefer_recent(ranked, intent, as_of)
        ranked.sort(key=lambda p: p.score, reverse=True)
        if self.use_stories:
            ranked = self._one_per_story(ranked)
        return collapse(ranked, per_article=per_article, limit=limit)

    def _fused(self, query: str, filters: Filters, vector) -> list[Passage]:
        ranked_lists: list[list[Passage]] = []
        if self.mode in ("hybrid", "dense"):
            ranked_lists.append(self.dense.search(query, filters=filters, limit=CANDIDATES, vector=vector))
        if self.mode in ("hybrid", "keyword"):
            hits = self.keyword.search(query, limit=CANDIDATES, filters=filters)
            ranked_lists.append(self._passages_for([h.chunk_id for h in hits]))
        fused: dict[str, Passage] = {}
        for passages in ranked_lists:
            for rank, passage in enumerate(passages):
                share = 1.0 / (RRF_K + rank + 1)
                if passage.chunk_id in fused:
                    fused[passage.chunk_id].score += share
                else:
                    fused[passage.chunk_id] = replace(passage, score=share)
        return list(fused.values())

    def _passages_for(self, chunk_ids: list[str]) -> list[Passage]:
        if not chunk_ids:
            return []
        got = self.collection.get(ids=chunk_ids, include=["documents", "metadatas"])
        by_id = {i: passage_from(i, d, m, 0.0) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])}
        return [by_id[i] for i in chunk_ids if i in by_id]

    @staticmethod
    def _prefer_recent(passages: list[Passage], intent, as_of: dt.date) -> None:
        if intent.kind == "explicit":
            return
        if intent.kind == "vague":
            weight, scale = RECENCY_WEIGHT_VAGUE, intent.recency_days or RECENCY_SCALE_NO_TIME_WORD
        else:
            weight, scale = RECENCY_WEIGHT_NO_TIME_WORD, RECENCY_SCALE_NO_TIME_WORD
        if not weight:
            return
        for passage in passages:
            if not passage.published:
                continue
            age = max((as_of - dt.date.fromisoformat(passage.published)).days, 0)
            passage.score *= 1.0 + weight * math.exp(-age / scale)

    def _one_per_story(self, ranked: list[Passage]) -> list[Passage]:
        best_article: dict[str, str] = {}
        kept = []
        for passage in ranked:
            story = self.stories.story_of(passage.article_id)
            if best_article.setdefault(story, passage.article_id) != passage.article_id:
                continue
            passage.also_reported_by = [
                f"{e.source or 'unknown outlet'} ({e.published or 'undated'})"
                for e in self.stories.others(passage.article_id)
            ]
            kept.append(passage)
        return kept
