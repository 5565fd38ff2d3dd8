"""`newsrag check`: does the index agree with its manifest? `--repair` mends what can be mended.

Checked: the manifest (readable; model, dimensions, chunking and schema this code uses), the Chroma store
(readable; the named collection exists), every article's chunks (numbered 0..n-1 with chunk 0 present, one
content hash, a text), every chunk's embedding (present, 384 numbers, unit length), the counts in the
manifest, the keyword index and story groups beside the collection (present, and describing exactly its
chunks and articles), and leftovers of interrupted runs (collections, sidecars and marks no manifest names).

A repair holds the write lock. It deletes the chunks of incomplete articles and orphan chunks (and names the
articles to ingest again from their files), embeds again chunks whose vector is missing, rebuilds the keyword
index and the story groups from the collection, refreshes the manifest's counts and drops leftovers. A wrong
model or schema, or an unreadable store, cannot be mended in place: those need `newsrag rebuild`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from rag.config import Config
from rag.errors import NewsragError
from rag.store import COLLECTION_PREFIX, MANIFEST_FILE, Store, StoreDamagedError

PAGE = 2000
REBUILD = "needs `newsrag rebuild`"


@dataclass
class Problem:
    """One thing wrong with the index; `fix` is "repair" (check --repair mends it) or "rebuild"."""

    kind: str
    message: str
    fix: str = "repair"

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}" + (f" ({REBUILD})" if self.fix == "rebuild" else "")


@dataclass
class CheckReport:
    location: str
    collection: str = ""
    articles: int = 0
    chunks: int = 0
    problems: list[Problem] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    reingest: list[str] = field(default_factory=list)  # "article_id (title, url)" to ingest again from files

    @property
    def needs_rebuild(self) -> bool:
        return any(p.fix == "rebuild" for p in self.problems)

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self, *, repair: bool) -> list[str]:
        out = [f"problem: {p}" for p in self.problems]
        out += [f"repaired: {r}" for r in self.repaired]
        if self.reingest:
            out.append(
                f"re-ingest: {len(self.reingest)} article(s) were incomplete and were removed; "
                "ingest their source files again (`newsrag ingest PATH`):"
            )
            out += [f"  {line}" for line in self.reingest]
        if self.ok:
            out.append(
                f"index ok: {self.articles} articles, {self.chunks} chunks in collection {self.collection} "
                f"at {self.location}"
            )
            return out
        rebuild = sum(p.fix == "rebuild" for p in self.problems)
        mendable = len(self.problems) - rebuild
        summary = f"index check: {len(self.problems)} problem(s) at {self.location}"
        if repair:
            summary += f"; {mendable} repaired" if mendable else ""
        elif mendable:
            summary += f"; {mendable} can be mended with `newsrag check --repair`"
        if rebuild:
            summary += f"; {rebuild} {REBUILD}"
        out.append(summary)
        return out


@dataclass
class _Chunk:
    chunk_id: str
    article_id: str
    chunk_no: int
    content_hash: str
    chunk_count: int | None
    title: str
    url: str
    has_text: bool
    vector_ok: bool


def check(config: Config, *, repair: bool = False, progress: bool = False) -> CheckReport:
    """Compare the index with its manifest; with `repair`, mend what can be mended (under the write lock)."""
    store = Store(config)
    report = CheckReport(location=store.location)
    manifest_path = store.index_dir / MANIFEST_FILE
    if not manifest_path.exists():
        raise NewsragError(f"no index at {config.index_dir}: run `newsrag rebuild` to build one")
    with store.write_lock(), store.errors():
        _check(store, config, report, repair=repair)
    return report


def _check(store: Store, config: Config, report: CheckReport, *, repair: bool) -> None:
    from rag.indexing import check_compatible

    try:
        manifest = store.read_manifest()
    except NewsragError as exc:
        report.problems.append(Problem("manifest", str(exc).split(";")[0], "rebuild"))
        return
    report.collection = manifest.collection
    try:
        check_compatible(manifest, config, store)
    except NewsragError as exc:
        report.problems.append(Problem("settings", str(exc).split(";")[0], "rebuild"))
    try:
        names = store.collection_names()
    except StoreDamagedError as exc:  # a server that is down is not damage: that error stops the check
        report.problems.append(Problem("store", str(exc).split(";")[0], "rebuild"))
        return
    if manifest.collection not in names:
        report.problems.append(
            Problem("collection", f"the manifest names collection {manifest.collection!r}, which is missing", "rebuild")
        )
        return
    try:
        store.probe(manifest.collection, manifest.dimensions)
    except StoreDamagedError as exc:
        report.problems.append(Problem("store", str(exc).split(";")[0], "rebuild"))
        return
    collection = store.collection(manifest.collection)
    compatible = not report.needs_rebuild

    chunks = _read_chunks(collection)
    incomplete, orphans, bad_vectors = _examine(chunks, report)
    stale = [n for n in names if n.startswith(COLLECTION_PREFIX) and n != manifest.collection]
    if stale:
        report.problems.append(Problem("stale", f"collections left by interrupted rebuilds: {', '.join(stale)}"))
    leftovers = _leftovers(store, manifest.collection)
    if leftovers:
        report.problems.append(Problem("stale", f"files left by interrupted runs: {', '.join(leftovers)}"))

    complete = {c.article_id for c in chunks.values() if c.chunk_no == 0 and c.chunk_id not in orphans}
    complete -= set(incomplete)
    live_ids = set(chunks) - orphans - {i for ids in incomplete.values() for i in ids}
    sidecars = _check_sidecars(store, manifest.collection, set(chunks), complete, report)
    if manifest.articles != len(complete) or manifest.chunks != len(chunks):
        report.problems.append(
            Problem(
                "manifest",
                f"says {manifest.articles} articles and {manifest.chunks} chunks; the collection holds "
                f"{len(complete)} complete articles and {len(chunks)} chunks",
            )
        )
    report.articles, report.chunks = len(complete), len(live_ids)
    if not repair or report.ok:
        return
    if not compatible:
        report.repaired.append("nothing: the index was built with other settings, so only a rebuild mends it")
        return
    _repair(store, config, manifest, collection, chunks, incomplete, orphans, bad_vectors, stale, leftovers,
            sidecars, report)


def _read_chunks(collection) -> dict[str, _Chunk]:
    """Every record of the collection, page by page, reduced to what the checks need."""
    from rag.embedding import DIMENSIONS

    chunks: dict[str, _Chunk] = {}
    offset = 0
    while True:
        page = collection.get(include=["documents", "metadatas", "embeddings"], limit=PAGE, offset=offset)
        ids = page["ids"]
        if not ids:
            break
        embeddings = page.get("embeddings")
        for i, chunk_id in enumerate(ids):
            meta = page["metadatas"][i] or {}
            vector = embeddings[i] if embeddings is not None and len(embeddings) > i else None
            article_id, _, number = chunk_id.rpartition(":")
            try:
                chunk_no = int(meta.get("chunk_no", number))
            except (TypeError, ValueError):
                chunk_no = -1
            count = meta.get("chunk_count")
            chunks[chunk_id] = _Chunk(
                chunk_id=chunk_id,
                article_id=str(meta.get("article_id") or article_id),
                chunk_no=chunk_no,
                content_hash=str(meta.get("content_hash", "")),
                chunk_count=int(count) if isinstance(count, int) else None,
                title=str(meta.get("title", "")),
                url=str(meta.get("url", "")),
                has_text=bool(page["documents"][i]),
                vector_ok=_vector_ok(vector, DIMENSIONS),
            )
        offset += len(ids)
    return chunks


def _vector_ok(vector, dimensions: int) -> bool:
    if vector is None or len(vector) != dimensions:
        return False
    norm = math.sqrt(sum(float(x) * float(x) for x in vector))
    return math.isfinite(norm) and abs(norm - 1.0) < 0.05  # the embedder writes unit vectors


def _examine(chunks: dict[str, _Chunk], report: CheckReport):
    """Incomplete articles (article_id -> all its chunk ids), orphan chunk ids, chunk ids with bad vectors."""
    by_article: dict[str, list[_Chunk]] = defaultdict(list)
    for chunk in chunks.values():
        by_article[chunk.article_id].append(chunk)
    incomplete: dict[str, list[str]] = {}
    orphans: set[str] = set()
    for article_id, parts in sorted(by_article.items()):
        numbers = {c.chunk_no: c for c in parts}
        first = numbers.get(0)
        wrong_id = [c.chunk_id for c in parts if c.chunk_id != f"{article_id}:{c.chunk_no}"]
        why = ""
        if first is None:
            why = f"chunk 0 is missing (has {_numbers(numbers)}): a write was interrupted"
        elif not first.has_text:
            why = "chunk 0 has no text"
        else:
            expected = first.chunk_count
            same = {n: c for n, c in numbers.items() if c.content_hash == first.content_hash}
            extra = {c.chunk_id for n, c in numbers.items() if n not in same or (expected and n >= expected)}
            kept = sorted(n for n in same if not expected or n < expected)
            if expected is None:
                expected = (max(kept) + 1) if kept else 1
            missing = [n for n in range(expected) if n not in same]
            if missing:
                why = f"chunks {_numbers(missing)} of {expected} are missing"
            elif any(not same[n].has_text for n in kept):
                why = "a chunk has no text"
            elif wrong_id:
                why = f"records {', '.join(wrong_id)} have ids that do not match their chunk numbers"
            elif extra:
                orphans |= extra
                report.problems.append(
                    Problem("orphans", f"article {article_id}: {len(extra)} chunk(s) left from an older version: "
                            f"{', '.join(sorted(extra))}")
                )
        if why:
            incomplete[article_id] = [c.chunk_id for c in parts]
            report.problems.append(Problem("incomplete", f"article {article_id} ({_title(parts)}): {why}"))
    by_hash: dict[str, list[str]] = defaultdict(list)
    for article_id, parts in by_article.items():
        first = next((c for c in parts if c.chunk_no == 0), None)
        if first is not None and article_id not in incomplete:
            by_hash[first.content_hash].append(article_id)
    for same in by_hash.values():
        if len(same) > 1:  # one text stored under several ids: keep the first id, drop the copies
            keep, *copies = sorted(same)
            for article_id in copies:
                orphans.update(c.chunk_id for c in by_article[article_id])
            report.problems.append(
                Problem("duplicates", f"article {keep} is stored again as {', '.join(copies)} (same text)")
            )
    bad_vectors = [
        c.chunk_id for c in chunks.values() if not c.vector_ok and c.article_id not in incomplete and
        c.chunk_id not in orphans
    ]
    if bad_vectors:
        shown = ", ".join(sorted(bad_vectors)[:10]) + (", ..." if len(bad_vectors) > 10 else "")
        report.problems.append(
            Problem("embeddings", f"{len(bad_vectors)} chunk(s) have a missing or malformed embedding: {shown}")
        )
    return incomplete, orphans, bad_vectors


def _numbers(numbers) -> str:
    values = sorted(numbers)
    return ", ".join(map(str, values[:12])) + (", ..." if len(values) > 12 else "") if values else "none"


def _title(parts: list[_Chunk]) -> str:
    for chunk in sorted(parts, key=lambda c: c.chunk_no):
        if chunk.title or chunk.url:
            return ", ".join(x for x in (repr(chunk.title) if chunk.title else "", chunk.url) if x)
    return "title unknown"


def _leftovers(store: Store, live: str) -> list[str]:
    """Sidecars, temporary files and marks of collections other than the live one."""
    index_dir = store.index_dir
    found = []
    keyword = index_dir / "keyword"
    if keyword.is_dir():
        found += [f"keyword/{p.name}" for p in keyword.iterdir() if p.name != live]
    stories = index_dir / "stories"
    if stories.is_dir():
        found += [f"stories/{p.name}" for p in stories.iterdir() if p.name != f"{live}.json"]
    found += [p.name for p in index_dir.glob("pending-*") if p.name != f"pending-{live}"]
    found += [p.name for p in index_dir.glob(f"{MANIFEST_FILE.split('.')[0]}.tmp*")]
    return sorted(found)


def _check_sidecars(store: Store, name: str, chunk_ids: set[str], articles: set[str], report: CheckReport) -> str:
    """"ok", "upgrade" (only the headline vectors or the count of how words are written are missing: a repair makes
    them) or "rebuild" (the keyword
    index and story groups are to be rebuilt from the collection)."""
    from rag.indexing import pending_path
    from rag.keyword import TERMS, KeywordIndex, keyword_dir
    from rag.stories import StoryIndex, stories_path

    ok = True
    if pending_path(store, name).exists():
        report.problems.append(
            Problem("interrupted", "an ingest was interrupted after writing chunks; the keyword index and story "
                    "groups may not describe them")
        )
        ok = False
    keyword = KeywordIndex.load(keyword_dir(store.index_dir, name))
    if keyword is None:
        report.problems.append(Problem("keyword", "the keyword index is missing or unreadable"))
        ok = False
    elif set(keyword.chunk_ids) != chunk_ids or len(keyword.chunk_ids) != len(chunk_ids):
        have = set(keyword.chunk_ids)
        report.problems.append(
            Problem("keyword", f"the keyword index is out of step with the collection: {len(chunk_ids - have)} "
                    f"chunk(s) missing from it, {len(have - chunk_ids)} it names that the collection lacks")
        )
        ok = False
    if keyword is not None and keyword.terms != TERMS:
        report.problems.append(Problem("keyword", "the keyword index reads words as an older newsrag did (a hyphenated "
                                       "word only whole); `newsrag check --repair` rebuilds it"))
        ok = False
    headlines_missing = keyword is not None and keyword.headlines is None
    if headlines_missing:
        report.problems.append(Problem("keyword", "the keyword index keeps no headline vectors (it was built by an "
                                       "older newsrag); `newsrag check --repair` adds them"))
    cases_missing = keyword is not None and keyword.cases is None
    if cases_missing:
        report.problems.append(Problem("keyword", "the keyword index keeps no count of how the archive writes its "
                                       "words (it was built by an older newsrag); `newsrag check --repair` counts "
                                       "them"))
    path = stories_path(store.index_dir, name)
    stories = StoryIndex.try_load(path)
    if stories is None:
        report.problems.append(Problem("stories", "the story groups file is missing or unreadable"))
        ok = False
    elif set(stories.entries) != articles:
        have = set(stories.entries)
        report.problems.append(
            Problem("stories", f"the story groups are out of step: {len(articles - have)} article(s) missing, "
                    f"{len(have - articles)} extra")
        )
        ok = False
    return "rebuild" if not ok else "upgrade" if headlines_missing or cases_missing else "ok"


def _repair(store, config, manifest, collection, chunks, incomplete, orphans, bad_vectors, stale, leftovers,
            sidecars: str, report: CheckReport) -> None:
    from rag.indexing import _refresh_manifest, clear_pending, drop_stale_sidecars, mark_pending, update_sidecars

    doomed = sorted(orphans | {i for ids in incomplete.values() for i in ids})
    if doomed or bad_vectors:
        mark_pending(store, manifest.collection)  # killed before the sidecars follow: the next ingest rebuilds them
    for start in range(0, len(doomed), 500):
        collection.delete(ids=doomed[start : start + 500])
    if orphans:
        report.repaired.append(f"deleted {len(orphans)} orphan or duplicate chunk(s)")
    if incomplete:
        report.repaired.append(
            f"deleted the {sum(len(v) for v in incomplete.values())} chunk(s) of {len(incomplete)} incomplete "
            "article(s)"
        )
        for article_id, ids in sorted(incomplete.items()):
            report.reingest.append(f"{article_id} ({_title([chunks[i] for i in ids])})")
    if bad_vectors:
        _embed_again(collection, bad_vectors, manifest, config)
        report.repaired.append(f"embedded {len(bad_vectors)} chunk(s) again")
    for name in stale:
        store.client.delete_collection(name)
    if stale:
        report.repaired.append(f"dropped {len(stale)} stale collection(s)")
    drop_stale_sidecars(store, keep={manifest.collection})
    for path in store.index_dir.glob(f"{MANIFEST_FILE.split('.')[0]}.tmp*"):
        path.unlink(missing_ok=True)
    if leftovers:
        report.repaired.append(f"removed {len(leftovers)} leftover file(s)")
    if doomed or bad_vectors or sidecars != "ok":
        from rag.indexing import embedder_for

        embedder = embedder_for(manifest, config)
        if doomed or bad_vectors or sidecars == "rebuild":
            update_sidecars(store, manifest.collection, collection, [], fresh=False, rescan=True, embedder=embedder)
            clear_pending(store, manifest.collection)
            report.repaired.append("rebuilt the keyword index and story groups from the collection")
        else:  # only the headlines or the word cases are missing: make them, and leave the rest as it is
            from rag.keyword import KeywordIndex, keyword_dir

            folder = keyword_dir(store.index_dir, manifest.collection)
            keyword = KeywordIndex.load(folder)
            if keyword.headlines is None:
                keyword.add_headlines(collection, embedder)
                report.repaired.append(f"embedded the headlines of {len(keyword.headlines.titles)} articles")
            if keyword.cases is None:
                keyword.add_cases(collection)
                report.repaired.append(f"counted how the archive writes {len(keyword.cases)} capitalised words")
            keyword.save(folder)
    _refresh_manifest(manifest, collection, store)
    report.repaired.append(f"manifest counts: {manifest.articles} articles, {manifest.chunks} chunks")
    report.articles, report.chunks = manifest.articles, manifest.chunks


def _embed_again(collection, chunk_ids: list[str], manifest, config: Config) -> None:
    """Embed chunks again from their stored text and title, exactly as ingest embedded them."""
    from rag.chunking import _title_line
    from rag.embedding import tokenizer
    from rag.indexing import embedder_for

    embedder = embedder_for(manifest, config)
    tok = tokenizer()
    for start in range(0, len(chunk_ids), 256):
        got = collection.get(ids=chunk_ids[start : start + 256], include=["documents", "metadatas"])
        texts = []
        for text, meta in zip(got["documents"], got["metadatas"]):
            title_line = _title_line(meta.get("title", ""), tok)
            texts.append(f"{title_line}\n{text}" if title_line else text)
        vectors = embedder.embed(texts)
        collection.update(ids=got["ids"], embeddings=[v.tolist() for v in vectors])
