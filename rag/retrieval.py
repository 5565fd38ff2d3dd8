"""Query -> ranked Passages from the index, collapsed per article, filtered by outlet and date."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, replace

RRF_K = 60
CANDIDATES = 50
# Recency prior: score * (1 + weight * exp(-age_days / scale)), set on the bench dev questions.
RECENCY_WEIGHT_NO_TIME_WORD = 1.0
RECENCY_SCALE_NO_TIME_WORD = 30.0
RECENCY_WEIGHT_VAGUE = 2.0


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
    """Nearest chunks by cosine similarity in the Chroma collection."""

    def __init__(self, collection, embedder):
        from llama_index.vector_stores.chroma import ChromaVectorStore

        self.collection = collection
        self.embedder = embedder
        self.vector_store = ChromaVectorStore(chroma_collection=collection)

    def search(self, query: str, *, filters: Filters | None = None, limit: int = 40) -> list[Passage]:
        from llama_index.core.vector_stores import VectorStoreQuery

        result = self.vector_store.query(
            VectorStoreQuery(
                query_embedding=self.embedder.embed_query(query).tolist(),
                similarity_top_k=limit,
                filters=metadata_filters(filters),
            )
        )
        passages = []
        for node, score in zip(result.nodes, result.similarities or []):
            passages.append(passage_from(node.node_id, node.get_content(), node.metadata, float(score)))
        return passages


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
        self.dense = DenseRetriever(collection, embedder)
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
                ranked = self._fused(query, narrowed)
        if not ranked:  # no time words, or the window they name holds nothing: search the whole range
            ranked = self._fused(query, window)
            intent = intent if intent.kind != "explicit" else TimeIntent(None, None, "none", None, "")
        self._prefer_recent(ranked, intent, as_of)
        ranked.sort(key=lambda p: p.score, reverse=True)
        if self.use_stories:
            ranked = self._one_per_story(ranked)
        return collapse(ranked, per_article=per_article, limit=limit)

    def _fused(self, query: str, filters: Filters) -> list[Passage]:
        ranked_lists: list[list[Passage]] = []
        if self.mode in ("hybrid", "dense"):
            ranked_lists.append(self.dense.search(query, filters=filters, limit=CANDIDATES))
        if self.mode in ("hybrid", "keyword"):
            hits = self.keyword.search(
                query,
                limit=CANDIDATES,
                sources=filters.sources,
                since_ts=day_start_ts(filters.since) if filters.since else None,
                until_ts=day_start_ts(filters.until) if filters.until else None,
            )
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
