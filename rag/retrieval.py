"""Query -> ranked Passages from the index, collapsed per article, filtered by outlet and date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


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
