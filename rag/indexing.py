"""Build, update and rebuild the index: hash, skip unchanged, replace changed, switch atomically."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rag.articles import Article, LoadProblem, load_paths
from rag.chunking import Chunk, chunk_article
from rag.config import Config
from rag.embedding import DIMENSIONS, MODEL_NAME, Embedder, make_embedder, tokenizer
from rag.errors import NewsragError
from rag.store import COLLECTION_PREFIX, SCHEMA_VERSION, Manifest, Store, StoreDamagedError, now_iso

log = logging.getLogger(__name__)

ARTICLES_PER_BATCH_TARGET_CHUNKS = 256


@dataclass
class IngestReport:
    """What an ingest or rebuild did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    duplicates: int = 0
    chunks_written: int = 0
    seconds: float = 0.0
    problems: list[LoadProblem] = field(default_factory=list)
    manifest: Manifest | None = None

    @property
    def chunks_per_second(self) -> float:
        return self.chunks_written / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        parts = [
            f"{self.added} added",
            f"{self.updated} updated",
            f"{self.unchanged} unchanged",
        ]
        if self.removed:
            parts.append(f"{self.removed} removed")
        if self.duplicates:
            parts.append(f"{self.duplicates} duplicates skipped")
        if self.problems:
            parts.append(f"{len(self.problems)} bad records skipped")
        return (
            ", ".join(parts)
            + f"; {self.chunks_written} chunks in {self.seconds:.1f} s ({self.chunks_per_second:.1f} chunks/s)"
        )


def check_compatible(manifest: Manifest, config: Config, store: Store) -> None:
    """Refuse an index built with another model, chunking or schema: it would answer wrongly."""
    wanted = {
        "model": MODEL_NAME,
        "dimensions": DIMENSIONS,
        "chunk_tokens": config.chunk_tokens,
        "overlap_tokens": config.overlap_tokens,
        "schema_version": SCHEMA_VERSION,
    }
    if config.embed_backend != "auto":
        wanted["embed_backend"] = config.embed_backend
    for key, value in wanted.items():
        have = getattr(manifest, key)
        if have != value:
            raise NewsragError(
                f"the index at {store.location} was built with {key}={have!r} but this run uses {value!r}; "
                f"run `newsrag rebuild` (or use the settings it was built with)"
            )


def embedder_for(manifest: Manifest | None, config: Config):
    """An embedder using the index's backend (or the configured one for a new index): vectors must match."""
    backend = manifest.embed_backend if manifest is not None else config.embed_backend
    return make_embedder(backend, threads=config.threads, cache_dir=Path(config.index_dir) / "models")


def ingest(
    paths: Sequence[str | Path],
    config: Config,
    *,
    progress: bool = True,
    embedder: Embedder | None = None,
) -> IngestReport:
    """Add or update the articles under `paths`: unchanged ones are only hashed; changed ones replace their chunks."""
    loaded = load_paths(paths)
    report = ingest_articles(loaded.articles, config, progress=progress, embedder=embedder)
    report.duplicates += loaded.duplicates
    report.problems = loaded.problems + report.problems
    return report


def ingest_articles(
    articles: Sequence[Article],
    config: Config,
    *,
    problems: Sequence[LoadProblem] = (),
    progress: bool = True,
    embedder: Embedder | None = None,
) -> IngestReport:
    """Add or update already-built Articles (from files, pages or feeds), under the index's write lock.

    Same article id with a new content hash: its old chunks are replaced. Within `articles` the first
    occurrence of an id or a content hash wins (later ones count as duplicates). `problems` (what could not
    be loaded) are carried into the report.
    """
    unique: list[Article] = []
    seen_ids: set[str] = set()
    seen_hashes: set[str] = set()
    dropped = 0
    for article in articles:
        if article.article_id in seen_ids or article.content_hash in seen_hashes:
            dropped += 1
            continue
        seen_ids.add(article.article_id)
        seen_hashes.add(article.content_hash)
        unique.append(article)
    store = Store(config)
    with store.write_lock(), store.errors():
        manifest = store.read_manifest()
        if manifest is None:
            report = _build_collection(unique, config, store, embedder, progress)
        else:
            check_compatible(manifest, config, store)
            store.drop_stale_collections(keep={manifest.collection})
            drop_stale_sidecars(store, keep={manifest.collection})
            embedder = embedder or embedder_for(manifest, config)
            collection = store.collection(manifest.collection)
            known = _article_hashes(collection)
            report = IngestReport()
            todo: list[Article] = []
            known_hashes = set(known.values())
            for article in unique:
                old_hash = known.get(article.article_id)
                if old_hash == article.content_hash:
                    report.unchanged += 1
                elif old_hash is None and article.content_hash in known_hashes:
                    report.duplicates += 1
                else:
                    todo.append(article)
                    if old_hash is None:
                        report.added += 1
                    else:
                        report.updated += 1
            started = time.perf_counter()
            # a run killed between writing chunks and saving the sidecars leaves this mark: rebuild them whole
            interrupted = pending_path(store, manifest.collection).exists()
            todo, lines, saved = _without_boilerplate(todo, store, manifest.collection)
            if todo:
                mark_pending(store, manifest.collection)
            report.chunks_written = _write_articles(todo, collection, embedder, config, progress)
            update_sidecars(
                store, manifest.collection, collection, todo, fresh=False, rescan=interrupted, lines=lines, saved=saved,
                embedder=embedder,
            )
            report.seconds = time.perf_counter() - started
            report.manifest = _refresh_manifest(manifest, collection, store)
            clear_pending(store, manifest.collection)
    report.duplicates += dropped
    report.problems = list(problems)
    return report


def rebuild(
    corpus: Sequence[str | Path] | None,
    config: Config,
    *,
    progress: bool = True,
    embedder: Embedder | None = None,
) -> IngestReport:
    """Build a fresh index from the corpus into a new collection, then switch to it atomically.

    Articles no longer in the corpus disappear. Until the switch the previous index keeps answering.
    """
    loaded = load_paths(corpus or [config.corpus_dir])
    store = Store(config)
    with store.write_lock(), store.errors():
        try:
            names = store.collection_names()
            previous = _readable_manifest(store)
            if previous is not None and previous.collection in names:
                store.probe(previous.collection, previous.dimensions)
        except StoreDamagedError as exc:  # unreadable local files: keep them aside, build anew
            moved = store.set_aside_damaged()
            log.info("%s; moved to %s", exc, moved)
            print(f"newsrag: the damaged Chroma files were moved to {moved}; building a new index", file=sys.stderr)
        report = _build_collection(loaded.articles, config, store, embedder, progress)
    report.duplicates += loaded.duplicates
    report.problems = loaded.problems
    return report


def _build_collection(
    articles: list[Article], config: Config, store: Store, embedder: Embedder | None, progress: bool
) -> IngestReport:
    from rag.boilerplate import clean

    if not articles:
        raise NewsragError("no articles to index: the corpus is empty or every record was bad (see above)")
    previous = _readable_manifest(store)
    keep = {previous.collection} if previous else set()
    store.drop_stale_collections(keep=keep)
    drop_stale_sidecars(store, keep=keep)
    embedder = embedder or embedder_for(None, config)
    name = f"{COLLECTION_PREFIX}{time.strftime('%Y%m%d%H%M%S')}_{time.time_ns() % 1_000_000:06d}"
    collection = store.collection(name, create=True)
    started = time.perf_counter()
    report = IngestReport(added=len(articles))
    try:
        articles, lines = clean(articles)
        report.chunks_written = _write_articles(articles, collection, embedder, config, progress)
        update_sidecars(store, name, collection, articles, fresh=True, lines=lines, embedder=embedder)
    except BaseException:
        _forget(store, name)  # the half-built collection is no use; the previous one stays named and answering
        raise
    report.seconds = time.perf_counter() - started
    if previous is not None and previous.collection in store.collection_names():
        old_ids = set(_article_hashes(store.collection(previous.collection)))
        report.removed = len(old_ids - {a.article_id for a in articles})
    manifest = Manifest(
        collection=name,
        model=MODEL_NAME,
        embed_backend=embedder.backend,
        dimensions=DIMENSIONS,
        chunk_tokens=config.chunk_tokens,
        overlap_tokens=config.overlap_tokens,
        created=now_iso(),
    )
    report.manifest = _refresh_manifest(manifest, collection, store)
    store.drop_stale_collections(keep={name})
    drop_stale_sidecars(store, keep={name})
    return report


def _readable_manifest(store: Store) -> Manifest | None:
    try:
        return store.read_manifest()
    except NewsragError:  # a damaged manifest: the new one a rebuild writes replaces it
        return None


def _without_boilerplate(articles: list[Article], store: Store, name: str):
    """The articles with their outlets' boilerplate lines dropped (see rag.boilerplate), counting the lines of
    the articles already indexed; each article's raw line hashes; and the saved story groups read for that
    (None when not read), for update_sidecars to go on from."""
    from rag.boilerplate import clean
    from rag.stories import StoryIndex, stories_path

    if not articles:
        return articles, {}, None
    stories = StoryIndex.try_load(stories_path(store.index_dir, name))
    known = stories.line_records(skip={a.article_id for a in articles}) if stories else []
    cleaned, lines = clean(articles, known)
    return cleaned, lines, stories


def update_sidecars(
    store: Store, name: str, collection, written: list[Article], *, fresh: bool, rescan: bool = False,
    lines: dict[str, list[int]] | None = None, saved=None, embedder=None,
) -> None:
    """Bring the keyword index and the story groups up to date with what was just written.

    `fresh`: the collection holds only `written`. `rescan`: build both from the whole collection (after an
    interrupted run, or when the saved ones are missing or unreadable). `lines`: the written articles' raw line
    hashes (kept with their story entries for rag.boilerplate). `saved`: the story groups already read
    from disk this run, if any (else they are read here). `embedder`: the index's, to embed new headlines (the
    keyword index has none without it).
    """
    from rag.keyword import KeywordIndex, keyword_dir
    from rag.stories import StoryIndex, stories_path

    path = stories_path(store.index_dir, name)
    if saved is None and not fresh:
        saved = StoryIndex.try_load(path)
    stories = None if rescan else saved
    if stories is None and not fresh:
        stories = stories_from_collection(collection)
        # the collection holds the text without boilerplate: keep the raw line hashes the saved groups had
        for article_id, entry in stories.entries.items():
            old = saved.entries.get(article_id) if saved else None
            entry.lines = (lines or {}).get(article_id) or (old.lines if old else entry.lines)
    else:
        stories = stories or StoryIndex()
        for article in sorted(written, key=lambda a: (a.published, a.article_id)):
            stories.add(article, (lines or {}).get(article.article_id))
    stories.save(path)
    folder = keyword_dir(store.index_dir, name)
    if written or fresh or rescan or not folder.exists():
        previous = None if fresh else KeywordIndex.load(folder)  # its headline vectors are reused
        KeywordIndex.build(collection, embedder, previous).save(folder)


def _forget(store: Store, name: str) -> None:
    """Best effort: delete a half-built collection and its sidecars (a later run drops what is left)."""
    try:
        store.client.delete_collection(name)
    except Exception as exc:  # a full disk or a server gone: the next ingest or rebuild drops it
        log.info("could not drop the half-built collection %s (%s)", name, exc)
    try:
        live = store.read_manifest()
        drop_stale_sidecars(store, keep={live.collection} if live else set())
    except Exception as exc:
        log.info("could not drop the half-built sidecars of %s (%s)", name, exc)


def pending_path(store: Store, collection: str) -> Path:
    """A mark that chunks are being written to `collection` and its sidecars may not describe them yet."""
    return store.index_dir / f"pending-{collection}"


def mark_pending(store: Store, collection: str) -> None:
    path = pending_path(store, collection)
    with open(path, "w", encoding="ascii") as out:
        out.write(str(os.getpid()))
        out.flush()
        os.fsync(out.fileno())


def clear_pending(store: Store, collection: str) -> None:
    pending_path(store, collection).unlink(missing_ok=True)


def drop_stale_sidecars(store: Store, keep: set[str]) -> None:
    from rag.keyword import drop_stale

    drop_stale(store.index_dir, keep)
    folder = store.index_dir / "stories"
    if folder.is_dir():
        for path in folder.iterdir():
            if path.name not in {f"{name}.json" for name in keep}:
                path.unlink(missing_ok=True)
    for path in store.index_dir.glob("pending-*"):
        if path.name.removeprefix("pending-") not in keep:
            path.unlink(missing_ok=True)


def articles_from_collection(collection) -> list[Article]:
    """Articles put back together from their chunks (the chunks cover each text, at known offsets)."""
    from rag.articles import make_article

    pieces: dict[str, list[tuple[int, str]]] = {}
    metadata_of: dict[str, dict] = {}
    offset = 0
    while True:
        page = collection.get(include=["documents", "metadatas"], limit=2000, offset=offset)
        if not page["ids"]:
            break
        for text, metadata in zip(page["documents"], page["metadatas"]):
            pieces.setdefault(metadata["article_id"], []).append((int(metadata["char_start"]), text))
            metadata_of[metadata["article_id"]] = metadata
        offset += len(page["ids"])
    articles = []
    for article_id, parts in pieces.items():
        buffer: list[str] = []
        length = 0
        for start, text in sorted(parts):
            if start > length:
                buffer.append(" " * (start - length))
                length = start
            if start + len(text) > length:
                buffer.append(text[length - start :])
                length = start + len(text)
        meta = metadata_of[article_id]
        articles.append(
            make_article(
                title=meta.get("title", ""),
                text="".join(buffer),
                source=meta.get("source", ""),
                url=meta.get("url", ""),
                published=meta.get("published") or None,
                article_id=article_id,
            )
        )
    return articles


def stories_from_collection(collection):
    from rag.stories import StoryIndex

    stories = StoryIndex()
    for article in sorted(articles_from_collection(collection), key=lambda a: (a.published, a.article_id)):
        stories.add(article)
    return stories


def _article_hashes(collection) -> dict[str, str]:
    """article_id -> content_hash of every complete article (its chunk 0 is written last)."""
    got = collection.get(where={"chunk_no": 0}, include=["metadatas"])
    return {m["article_id"]: m["content_hash"] for m in got["metadatas"]}


def _refresh_manifest(manifest: Manifest, collection, store: Store) -> Manifest:
    got = collection.get(where={"chunk_no": 0}, include=["metadatas"])
    metadatas = got["metadatas"]
    dates = sorted(m["published"] for m in metadatas if m.get("published"))
    manifest.articles = len(metadatas)
    manifest.chunks = collection.count()
    manifest.sources = sorted({m["source"] for m in metadatas if m.get("source")})
    manifest.date_min = dates[0] if dates else ""
    manifest.date_max = dates[-1] if dates else ""
    store.write_manifest(manifest)
    return manifest


def _batches(articles: Iterable[Article], config: Config) -> Iterable[list[Chunk]]:
    """Whole articles' chunks, about ARTICLES_PER_BATCH_TARGET_CHUNKS at a time."""
    tok = tokenizer()
    batch: list[Chunk] = []
    for article in articles:
        batch.extend(
            chunk_article(article, tok, max_tokens=config.chunk_tokens, overlap_tokens=config.overlap_tokens)
        )
        if len(batch) >= ARTICLES_PER_BATCH_TARGET_CHUNKS:
            yield batch
            batch = []
    if batch:
        yield batch


def _write_articles(articles: list[Article], collection, embedder, config: Config, progress: bool) -> int:
    """Embed and write the articles' chunks; returns the number of chunks written.

    Writing a batch to Chroma overlaps with embedding the next one (one writer thread, batches in order).
    """
    if not articles:
        return 0
    from concurrent.futures import ThreadPoolExecutor

    from llama_index.vector_stores.chroma import ChromaVectorStore
    from tqdm import tqdm

    vector_store = ChromaVectorStore(chroma_collection=_Upserting(collection))
    by_id = {a.article_id: a for a in articles}

    def write(chunks: list[Chunk], vectors) -> None:
        article_ids = sorted({c.article_id for c in chunks})
        counts = Counter(c.article_id for c in chunks)  # a batch holds whole articles
        # An article being replaced keeps its chunk ids (article_id:chunk_no), so its new chunks are written over
        # the old ones in place and it is never missing from the index. First go the old version's chunks that
        # the new one has no counterpart for (and any a killed run left beyond it).
        new_ids = {c.chunk_id for c in chunks}
        held = collection.get(where={"article_id": {"$in": article_ids}}, include=[])["ids"]
        stale = [chunk_id for chunk_id in held if chunk_id not in new_ids]
        if stale:
            collection.delete(ids=stale)
        nodes = [_node(c, by_id[c.article_id], v, counts[c.article_id]) for c, v in zip(chunks, vectors)]
        # chunk 0 carries the content hash that marks an article complete: written last, so a run killed before it
        # leaves the old hash, and the next run writes the article again
        vector_store.add([n for n, c in zip(nodes, chunks) if c.chunk_no != 0])
        vector_store.add([n for n, c in zip(nodes, chunks) if c.chunk_no == 0])

    written = 0
    pending = None
    with (
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="chroma-writer") as writer,
        tqdm(total=len(articles), unit="article", disable=not progress, desc="indexing") as bar,
    ):
        for chunks in _batches(articles, config):
            vectors = embedder.embed([c.embed_text for c in chunks])
            if pending is not None:
                pending.result()
            pending = writer.submit(write, chunks, vectors)
            written += len(chunks)
            bar.update(len({c.article_id for c in chunks}))
            bar.set_postfix(chunks_per_s=f"{written / max(bar.format_dict['elapsed'], 1e-9):.1f}")
        if pending is not None:
            pending.result()
    return written


class _Upserting:
    """The collection as llama-index's ChromaVectorStore sees it, except that its `add` writes over the chunks
    that have the same ids (Chroma's own `add` keeps the old ones)."""

    def __init__(self, collection):
        self._collection = collection

    def add(self, **kwargs):
        return self._collection.upsert(**kwargs)

    def __getattr__(self, name):
        return getattr(self._collection, name)


def _node(chunk: Chunk, article: Article, vector, chunk_count: int):
    from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode

    return TextNode(
        id_=chunk.chunk_id,
        text=chunk.text,
        embedding=vector.tolist(),
        metadata={
            "article_id": article.article_id,
            "title": article.title,
            "source": article.source,
            "url": article.url,
            "published": article.published,
            "published_ts": article.published_ts,
            "authors": ", ".join(article.authors),
            "chunk_no": chunk.chunk_no,
            "chunk_count": chunk_count,
            "char_start": chunk.char_start,
            "char_end": chunk.char_end,
            "content_hash": article.content_hash,
        },
        relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=article.article_id)},
    )
