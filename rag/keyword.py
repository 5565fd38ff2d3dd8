"""The keyword index beside Chroma: BM25 (bm25s) over stemmed, stop-worded title + chunk text, and each
article's headline embedded on its own (see Headlines).

It is rebuilt from the Chroma collection after every write that changed something, and saved under
`index_dir/keyword/<collection>/`, so it always describes exactly the chunks the collection holds.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from rag.text import WordCases, index_terms

log = logging.getLogger(__name__)

PAGE = 2000
META_FILE = "chunks.json"
VECTORS_FILE = "vectors.npy"
HEADLINES_FILE = "headlines.npy"
HEADLINE_TITLES_FILE = "headlines.json"
CASES_FILE = "cases.json"  # how the archive writes its words (rag.text.WordCases)
# How the index reads words (rag.text.index_terms): 2 since hyphenated words count by their parts too. An index
# saved under another reading is rebuilt from the collection (`newsrag check --repair`; until then, in memory).
TERMS = 2


@dataclass
class Headlines:
    """Each titled article's headline, embedded alone: what the article is about, in its editor's words. A
    passage that answers a question often sits in an article whose headline names the question's subject, and a
    page whose text is little more than its headline (a video, a photo gallery) is found by nothing else."""

    article_ids: list[str]
    titles: list[str]
    vectors: object  # (len(article_ids), 384) float32, unit rows

    def reusable(self) -> dict[str, tuple[str, object]]:
        return {a: (t, self.vectors[i]) for i, (a, t) in enumerate(zip(self.article_ids, self.titles))}


def embed_headlines(titled: dict[str, str], embedder, previous: Headlines | None = None) -> Headlines:
    """Headlines for {article_id: title}; a title `previous` already embedded for the same article is reused."""
    import numpy as np

    article_ids = sorted(a for a, t in titled.items() if t.strip())
    titles = [" ".join(titled[a].split()) for a in article_ids]
    old = previous.reusable() if previous is not None else {}
    vectors = np.zeros((len(article_ids), 384), dtype=np.float32)
    todo = []
    for i, (article_id, title) in enumerate(zip(article_ids, titles)):
        kept = old.get(article_id)
        if kept is not None and kept[0] == title:
            vectors[i] = kept[1]
        else:
            todo.append(i)
    if todo:
        vectors[todo] = np.asarray(embedder.embed([titles[i] for i in todo]), dtype=np.float32)
    return Headlines(article_ids, titles, vectors)


@dataclass
class KeywordHit:
    chunk_id: str
    score: float


def _pages(collection, **get):
    """The collection's chunks, PAGE at a time (`get`: Chroma's where= and include=)."""
    offset = 0
    while True:
        page = collection.get(**get, limit=PAGE, offset=offset)
        if not page["ids"]:
            return
        yield page
        offset += len(page["ids"])


class KeywordIndex:
    """BM25 over the chunks of one collection, with the per-chunk fields needed to filter."""

    def __init__(self, bm25, chunk_ids: list[str], published_ts, sources: list[str], vectors=None, focus=None,
                 headlines: Headlines | None = None, cases: dict[str, list] | None = None):
        import numpy as np

        self.bm25 = bm25
        self.chunk_ids = chunk_ids
        self.published_ts = np.asarray(published_ts, dtype=np.int64)
        self.sources = np.asarray(sources, dtype=object)
        self.vectors = vectors  # the chunks' embeddings, row for row (memory-mapped), for filtered dense search
        # each chunk's article's focus (see article_focus), row for row
        if focus is None or len(focus) != len(chunk_ids):
            focus = article_focus(chunk_ids, vectors) if vectors is not None else np.ones(len(chunk_ids))
        self.focus = np.asarray(focus, dtype=np.float32)
        self._rows = {chunk_id: row for row, chunk_id in enumerate(chunk_ids)}
        self._days: dict[int, str] = {}
        self.headlines: Headlines | None = None
        self._headline_rows = None
        self.terms = TERMS  # how its words were read (an index saved by an older newsrag says less)
        self.cases = cases  # how the archive writes its words; None in an index saved before they were counted
        if headlines is not None:
            self.set_headlines(headlines)

    def __len__(self) -> int:
        return len(self.chunk_ids)

    @classmethod
    def build(cls, collection, embedder=None, previous: KeywordIndex | None = None) -> KeywordIndex:
        """Read every chunk of the collection and index it. With an embedder the headlines are embedded too
        (those `previous` holds for the same article and title are reused); without one there are none."""
        import bm25s
        import numpy as np

        chunk_ids, tokens, published_ts, sources, vectors = [], [], [], [], []
        titled: dict[str, str] = {}
        cases = WordCases()
        for page in _pages(collection, include=["documents", "metadatas", "embeddings"]):
            vectors.append(np.asarray(page["embeddings"], dtype=np.float32))
            for chunk_id, text, metadata in zip(page["ids"], page["documents"], page["metadatas"]):
                chunk_ids.append(chunk_id)
                tokens.append(index_terms(f"{metadata.get('title', '')}\n{text}") or ["__empty__"])
                cases.add(text or "")
                published_ts.append(int(metadata.get("published_ts", 0)))
                sources.append(metadata.get("source", ""))
                if int(metadata.get("chunk_no", -1)) == 0:
                    titled[str(metadata.get("article_id", chunk_id.rpartition(":")[0]))] = metadata.get("title", "")
        bm25 = bm25s.BM25()
        if tokens:
            bm25.index(tokens, show_progress=False)
        matrix = np.concatenate(vectors) if vectors else np.zeros((0, 384), dtype=np.float32)
        index = cls(bm25, chunk_ids, published_ts, sources, matrix, cases=cases.cases())
        if embedder is not None:
            index.set_headlines(embed_headlines(titled, embedder, previous.headlines if previous else None))
        return index

    def add_headlines(self, collection, embedder) -> None:
        """Embed the headlines of an index saved without them (an index built before they were kept)."""
        titled = {}
        for page in _pages(collection, where={"chunk_no": 0}, include=["metadatas"]):
            for chunk_id, metadata in zip(page["ids"], page["metadatas"]):
                titled[str(metadata.get("article_id", chunk_id.rpartition(":")[0]))] = metadata.get("title", "")
        self.set_headlines(embed_headlines(titled, embedder))

    def add_cases(self, collection) -> None:
        """Count how the archive writes its words (an index saved before they were counted)."""
        cases = WordCases()
        for page in _pages(collection, include=["documents"]):
            for text in page["documents"]:
                cases.add(text or "")
        self.cases = cases.cases()

    def set_headlines(self, headlines: Headlines) -> None:
        """Keep the headlines of the articles whose first chunk this index holds (its row gives date and outlet)."""
        import numpy as np

        rows = [self._rows.get(f"{article_id}:0") for article_id in headlines.article_ids]
        keep = [i for i, row in enumerate(rows) if row is not None]
        if len(keep) < len(rows):
            headlines = Headlines([headlines.article_ids[i] for i in keep], [headlines.titles[i] for i in keep],
                                  np.asarray(headlines.vectors, dtype=np.float32)[keep])
        self.headlines = headlines
        self._headline_rows = np.asarray([rows[i] for i in keep], dtype=np.int64)

    @property
    def headline_rows(self) -> list[int]:
        """The row of each kept headline's article's first chunk (its date, outlet and vector)."""
        return [] if self._headline_rows is None else [int(r) for r in self._headline_rows]

    def headline_ranks(self, vector, filters=None, limit: int = 50) -> dict[str, int]:
        """{article_id: rank} of the `limit` articles whose headline is nearest the vector, among those passing
        `filters`; empty when the index has no headlines."""
        import numpy as np

        if self.headlines is None or not len(self._headline_rows):
            return {}
        scores = np.asarray(self.headlines.vectors, dtype=np.float32) @ np.asarray(vector, dtype=np.float32)
        passing = self.mask(filters)[self._headline_rows]
        candidates = np.flatnonzero(passing)
        if not len(candidates):
            return {}
        limit = min(limit, len(candidates))
        top = candidates[np.argpartition(-scores[candidates], limit - 1)[:limit]]
        top = top[np.argsort(-scores[top], kind="stable")]
        return {self.headlines.article_ids[i]: rank for rank, i in enumerate(top)}

    def save(self, folder: Path) -> None:
        """Write to `folder` atomically (a temporary folder, then a rename)."""
        folder = Path(folder)
        tmp = folder.with_name(folder.name + f".tmp{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if self.chunk_ids:
            self.bm25.save(str(tmp), show_progress=False)
        meta = {
            "chunk_ids": self.chunk_ids,
            "published_ts": self.published_ts.tolist(),
            "sources": self.sources.tolist(),
            "focus": [round(float(f), 4) for f in self.focus],
            "terms": self.terms,
        }
        (tmp / META_FILE).write_text(json.dumps(meta), encoding="utf-8")
        if self.vectors is not None:
            import numpy as np

            np.save(tmp / VECTORS_FILE, np.asarray(self.vectors, dtype=np.float32))
        if self.headlines is not None:
            import numpy as np

            np.save(tmp / HEADLINES_FILE, np.asarray(self.headlines.vectors, dtype=np.float32))
            headings = {"article_ids": self.headlines.article_ids, "titles": self.headlines.titles}
            (tmp / HEADLINE_TITLES_FILE).write_text(json.dumps(headings), encoding="utf-8")
        if self.cases is not None:
            (tmp / CASES_FILE).write_text(json.dumps(self.cases, separators=(",", ":")), encoding="utf-8")
        if folder.exists():
            old = folder.with_name(folder.name + f".old{os.getpid()}")
            folder.rename(old)
            tmp.rename(folder)
            shutil.rmtree(old, ignore_errors=True)
        else:
            tmp.rename(folder)

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex | None:
        """The saved index, or None when there is none (or it is unreadable: it is rebuilt then)."""
        import bm25s
        import numpy as np

        folder = Path(folder)
        try:
            meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
            bm25 = bm25s.BM25.load(str(folder), show_progress=False, verbosity=0) if meta["chunk_ids"] else None
            vectors = np.load(folder / VECTORS_FILE, mmap_mode="r")
            if len(vectors) != len(meta["chunk_ids"]):
                raise ValueError("vectors do not match the chunks")
        except (OSError, ValueError, KeyError) as exc:
            log.info("keyword index at %s unreadable (%s)", folder, exc)
            return None
        index = cls(bm25, meta["chunk_ids"], meta["published_ts"], meta["sources"], vectors, meta.get("focus"))
        index.terms = int(meta.get("terms", 1))
        try:  # an index saved before headlines were kept has none: retrieval goes on without them
            headings = json.loads((folder / HEADLINE_TITLES_FILE).read_text(encoding="utf-8"))
            matrix = np.load(folder / HEADLINES_FILE, mmap_mode="r")
            if len(matrix) != len(headings["article_ids"]) or len(headings["titles"]) != len(matrix):
                raise ValueError("headline vectors do not match the headlines")
            index.set_headlines(Headlines(headings["article_ids"], headings["titles"], matrix))
        except (OSError, ValueError, KeyError) as exc:
            log.info("no headlines in the keyword index at %s (%s)", folder, exc)
        try:  # nor, saved before they were counted, how its words are written: questions are then taken as typed
            cases = json.loads((folder / CASES_FILE).read_text(encoding="utf-8"))
            if not isinstance(cases, dict):
                raise ValueError("not a table of words")
            index.cases = cases
        except (OSError, ValueError) as exc:
            log.info("no word cases in the keyword index at %s (%s)", folder, exc)
        return index

    def row_of(self, chunk_id: str) -> int | None:
        """The chunk's row in this index, or None when the index does not hold it."""
        return self._rows.get(chunk_id)

    def chunks_with(self, stem: str):
        """Boolean array: which chunks hold the stem (a word of `index_terms`); None when none does."""
        if self.bm25 is None:
            return None
        ids = self.bm25.get_tokens_ids([stem])
        if not ids:
            return None
        held = self.bm25.get_scores_from_ids(ids) > 0
        return held if held.any() else None

    def published_on(self, row: int) -> str:
        """The chunk's published date as YYYY-MM-DD ("" when unknown)."""
        ts = int(self.published_ts[row])
        if not ts:
            return ""
        day = self._days.get(ts)
        if day is None:
            import datetime as dt

            day = self._days[ts] = dt.datetime.fromtimestamp(ts, dt.UTC).date().isoformat()
        return day

    def mask(self, filters) -> object:
        """Boolean array: which chunks pass the filters (outlets, published date range)."""
        import numpy as np

        from rag.retrieval import day_start_ts

        keep = np.ones(len(self.chunk_ids), dtype=bool)
        if filters is None:
            return keep
        if filters.sources:
            keep &= np.isin(self.sources, list(filters.sources))
        if filters.since:
            keep &= self.published_ts >= day_start_ts(filters.since)
        if filters.until:
            keep &= self.published_ts <= day_start_ts(filters.until)
        return keep

    def search(self, query: str, *, limit: int = 50, filters=None, among=None) -> list[KeywordHit]:
        """Best chunks for the query's stemmed words, among those passing `filters` (a retrieval.Filters) and, when
        given, marked in `among` (a boolean array over the chunks)."""
        import numpy as np

        query_tokens = index_terms(query)
        if not self.chunk_ids or not query_tokens or self.bm25 is None:
            return []
        ids = self.bm25.get_tokens_ids(query_tokens)
        if not ids:
            return []
        keep = self.mask(filters) if among is None else self.mask(filters) & among
        scores = np.where(keep, self.bm25.get_scores_from_ids(ids), 0.0)
        limit = min(limit, len(scores))
        top = np.argpartition(-scores, limit - 1)[:limit]
        top = top[np.argsort(-scores[top])]
        return [KeywordHit(self.chunk_ids[i], float(scores[i])) for i in top if scores[i] > 0]


def article_focus(chunk_ids: list[str], vectors) -> object:
    """Per chunk, how closely its article keeps to one subject: the mean cosine of the article's chunk vectors
    to their centroid. A report on one event scores 0.8-0.9; a round-up of unrelated items ("Five things to
    know", "News from around the states") 0.5-0.65. Articles of under three chunks score 1.0."""
    import numpy as np

    focus = np.ones(len(chunk_ids), dtype=np.float32)
    if not chunk_ids:
        return focus
    articles = np.asarray([c.rpartition(":")[0] for c in chunk_ids], dtype=object)
    order = np.argsort(articles, kind="stable")
    sorted_ids = articles[order]
    starts = np.flatnonzero(np.r_[True, sorted_ids[1:] != sorted_ids[:-1]])
    ends = np.r_[starts[1:], len(order)]
    for start, end in zip(starts, ends):
        if end - start < 3:
            continue
        rows = np.sort(order[start:end])
        matrix = np.asarray(vectors[rows], dtype=np.float32)
        centroid = matrix.mean(axis=0)
        norm = float(np.linalg.norm(centroid))
        if norm > 0:
            focus[rows] = float((matrix @ (centroid / norm)).mean())
    return focus


def keyword_dir(index_dir: Path, collection: str) -> Path:
    return Path(index_dir) / "keyword" / collection


def drop_stale(index_dir: Path, keep: set[str]) -> None:
    """Remove keyword indexes of collections that are no longer live."""
    root = Path(index_dir) / "keyword"
    if not root.is_dir():
        return
    for child in root.iterdir():
        if child.name not in keep:
            shutil.rmtree(child, ignore_errors=True)
