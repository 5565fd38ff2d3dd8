"""Where the index lives: Chroma (a local path or a server URL) and the manifest that says how it was built.

The manifest is a small JSON file in the index directory. It names the Chroma collection that is live, so a
rebuild writes a new collection and switches by renaming the manifest: a crash at any point leaves the old
collection named, and answering.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import json
import logging
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from rag.config import Config
from rag.errors import NewsragError

SCHEMA_VERSION = 1
COLLECTION_PREFIX = "newsrag_"
MANIFEST_FILE = "manifest.json"
LOCK_FILE = "write.lock"

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
log = logging.getLogger(__name__)

# What Chroma's Rust core (and SQLite under it) says when the store's files are damaged, or cannot be written
_DAMAGED_SIGNS = ("malformed", "not a database", "file is encrypted", "database corrupt", "(code: 11)", "(code: 26)",
                  "hnsw segment reader", "loading hnsw index", "deserializing pickle")
_FULL_SIGNS = ("disk is full", "no space left", "file too large", "(code: 13)", "disk i/o error", "(code: 10)",
               "(code: 778)", "(code: 4874)", "error in compaction")
_DISK_ERRNOS = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}


class StoreDamagedError(NewsragError):
    """The local Chroma files cannot be read: only a rebuild (which sets them aside) mends that."""


class StoreWriteError(NewsragError):
    """The index could not be written (disk full, file-size limit, I/O error)."""


class StoreUnreachableError(NewsragError):
    """The Chroma server did not answer."""


@dataclass
class Manifest:
    """How the live index was built, and what it holds."""

    collection: str
    model: str
    embed_backend: str
    dimensions: int
    chunk_tokens: int
    overlap_tokens: int
    schema_version: int = SCHEMA_VERSION
    articles: int = 0
    chunks: int = 0
    sources: list[str] = field(default_factory=list)
    date_min: str = ""
    date_max: str = ""
    created: str = ""
    updated: str = ""

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True)


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


class Store:
    """The index directory (manifest, lock, local Chroma files) and a Chroma client."""

    def __init__(self, config: Config, *, fresh: bool = False):
        """`fresh`: read a local store from disk anew rather than through this process's cached copy (after
        another process, such as `newsrag ingest`, wrote to it)."""
        self.config = config
        self.index_dir = Path(config.index_dir)
        self.chroma_url = config.chroma_url
        self.fresh = fresh
        self._client = None

    @property
    def location(self) -> str:
        return self.chroma_url or str(self.index_dir / "chroma")

    @property
    def manifest_path(self) -> Path:
        return self.index_dir / MANIFEST_FILE

    def read_manifest(self) -> Manifest | None:
        """The live manifest, or None when no index has been built here."""
        try:
            raw = self.manifest_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        try:
            data = json.loads(raw)
            return Manifest(**data)
        except (ValueError, TypeError) as exc:
            raise NewsragError(
                f"{self.manifest_path} is damaged ({exc}); run `newsrag rebuild` to build the index again"
            ) from exc

    def write_manifest(self, manifest: Manifest) -> None:
        """Replace the manifest atomically (write a temporary file, fsync, rename)."""
        self.index_dir.mkdir(parents=True, exist_ok=True)
        manifest.updated = now_iso()
        tmp = self.manifest_path.with_suffix(f".tmp{os.getpid()}")
        try:
            with open(tmp, "w", encoding="utf-8") as out:
                out.write(manifest.to_json())
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.manifest_path)
        except BaseException:
            tmp.unlink(missing_ok=True)  # a full disk: the old manifest stays, and no half-written copy beside it
            raise
        _fsync_dir(self.index_dir)

    @property
    def client(self):
        if self._client is None:
            self._client = self._connect()
        return self._client

    def _connect(self):
        import chromadb
        from chromadb.config import Settings

        settings = Settings(anonymized_telemetry=False, allow_reset=False)
        if self.chroma_url:
            url = urlparse(self.chroma_url)
            if url.scheme not in ("http", "https") or not url.hostname:
                raise NewsragError(
                    f"chroma_url {self.chroma_url!r} is not a URL like http://127.0.0.1:8000; fix NEWSRAG_CHROMA_URL"
                )
            try:
                client = chromadb.HttpClient(
                    host=url.hostname,
                    port=url.port or (443 if url.scheme == "https" else 8000),
                    ssl=url.scheme == "https",
                    settings=settings,
                )
                client.heartbeat()
            except Exception as exc:  # the client raises several types for a server that is not there
                raise NewsragError(
                    f"cannot reach the Chroma server at {self.chroma_url} ({type(exc).__name__}); "
                    "start it (`chroma run --path DIR --host 127.0.0.1 --port 8000`) or unset NEWSRAG_CHROMA_URL"
                ) from exc
            return client
        path = self.index_dir / "chroma"
        with self.errors():
            path.mkdir(parents=True, exist_ok=True)
            if self.fresh:
                forget_local_system(path)
            try:
                return chromadb.PersistentClient(path=str(path), settings=settings)
            except Exception:
                forget_local_system(path, stop=True)  # chromadb caches the half-started system: a later client
                raise  # would reuse it

    def collection(self, name: str, *, create: bool = False):
        """The named Chroma collection (cosine space); created when `create` is set."""
        with self.errors():
            if create:
                return self.client.get_or_create_collection(
                    name, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None
                )
            try:
                return self.client.get_collection(name, embedding_function=None)
            except NewsragError:
                raise
            except Exception as exc:  # chromadb raises NotFoundError or ValueError depending on client type
                if explain(exc, self) is not None:
                    raise
                raise NewsragError(
                    f"the index at {self.location} names collection {name!r}, which is missing; "
                    "run `newsrag rebuild`"
                ) from exc

    @contextmanager
    def errors(self) -> Iterator[None]:
        """Turn a damaged store, a full disk or a Chroma server that went away into a one-line NewsragError."""
        try:
            yield
        except NewsragError:
            raise
        except Exception as exc:
            error = explain(exc, self)
            if error is None:
                raise
            raise error from exc

    def probe(self, name: str, dimensions: int) -> None:
        """Read the collection's records and search its vector index once: a damaged store raises here."""
        with self.errors():
            collection = self.collection(name)
            collection.get(where={"chunk_no": 0}, limit=1, include=["metadatas"])
            if collection.count():
                collection.query(query_embeddings=[[1.0] + [0.0] * (dimensions - 1)], n_results=1, include=[])

    def set_aside_damaged(self) -> Path | None:
        """Move unreadable local Chroma files out of the way (kept, renamed); returns where they went."""
        path = self.index_dir / "chroma"
        if self.chroma_url or not path.exists():
            return None
        forget_local_system(path, stop=True)  # its open files move with the folder: a new client must start afresh
        self._client = None
        target = path.with_name(f"chroma.damaged-{time.strftime('%Y%m%d%H%M%S')}")
        path.rename(target)
        return target

    def collection_names(self) -> list[str]:
        return [c if isinstance(c, str) else c.name for c in self.client.list_collections()]

    def drop_stale_collections(self, keep: set[str]) -> list[str]:
        """Delete newsrag collections no manifest names (left by an interrupted rebuild)."""
        dropped = []
        for name in self.collection_names():
            if name.startswith(COLLECTION_PREFIX) and name not in keep:
                self.client.delete_collection(name)
                dropped.append(name)
        return dropped

    def write_lock(self) -> WriteLock:
        return WriteLock(self.index_dir / LOCK_FILE)


class WriteLock:
    """One writer at a time per index directory; the second is told who holds it."""

    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None

    def __enter__(self) -> WriteLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            holder = os.read(fd, 32).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            raise NewsragError(
                f"another ingest is running (pid {holder}) on {self.path.parent}; wait for it to finish"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return self

    def __exit__(self, *exc_info) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def explain(exc: BaseException, store: Store) -> NewsragError | None:
    """A one-line NewsragError (cause and fix) for a storage failure, or None for anything else."""
    if isinstance(exc, NewsragError):
        return exc
    text = f"{type(exc).__name__}: {exc}"
    lowered = text.lower()
    if isinstance(exc, OSError) and exc.errno in _DISK_ERRNOS or any(s in lowered for s in _FULL_SIGNS):
        cause = exc.strerror if isinstance(exc, OSError) and exc.strerror else _first_line(str(exc))
        free = _free_bytes(store.index_dir)
        if free is not None and free < 4 * 1024 * 1024:
            cause += f"; the disk has only {free // 1024} KB free"
        return StoreWriteError(
            f"could not write the index in {store.index_dir} ({cause}): the disk is full, a file-size limit was "
            "hit or the files cannot be written; free some space and run the command again (the index as it was "
            "before still answers)"
        )
    if store.chroma_url and _is_connection_error(exc):
        return StoreUnreachableError(
            f"the Chroma server at {store.chroma_url} stopped answering ({type(exc).__name__}); "
            "start it again (`chroma run --path DIR --host HOST --port PORT`) and retry: nothing was lost"
        )
    if not store.chroma_url and any(s in lowered for s in _DAMAGED_SIGNS):
        return StoreDamagedError(
            f"the Chroma store at {store.location} is damaged ({_first_line(str(exc))}); run `newsrag rebuild` "
            "to build the index again from the corpus (unreadable files are set aside, not deleted)"
        )
    return None


def forget_local_system(path: Path, *, stop: bool = False) -> None:
    """Make the next PersistentClient for `path` load the store from disk anew (other paths' clients keep working).

    Chroma keeps one "system" per path per process, and with it the vector index in memory: writes from another
    process (a `newsrag ingest` while the page serves) reach the files but never that copy, so the new chunks
    would stay invisible to vector search. Clients and collections already opened keep the old system until they
    are dropped; `stop` also stops it (for a system that failed to start, or whose files moved away).
    """
    from chromadb.api.shared_system_client import SharedSystemClient

    with SharedSystemClient._refcount_lock:
        system = SharedSystemClient._identifier_to_system.pop(str(path), None)
        SharedSystemClient._identifier_to_refcount.pop(str(path), None)
    if stop and system is not None:
        try:
            system.stop()
        except Exception as exc:  # a system that never started properly
            log.info("stopping the Chroma system for %s: %s", path, exc)


def _free_bytes(path: Path) -> int | None:
    import shutil

    try:
        return shutil.disk_usage(path).free
    except OSError:
        return None


def _is_connection_error(exc: BaseException) -> bool:
    try:
        import httpx
    except ImportError:  # pragma: no cover - chromadb depends on it
        httpx = None
    seen = 0
    while exc is not None and seen < 5:  # the client wraps the transport's error
        if httpx is not None and isinstance(exc, httpx.TransportError):
            return True
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return True
        if "could not connect to a chroma server" in str(exc).lower():
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def _first_line(text: str) -> str:
    line = " ".join(text.split())
    for prefix in ("Query error: ", "Database error: ", "error returned from database: "):
        line = line.replace(prefix, "")
    return re.sub(r"^\(code: \d+\) ", "", line)[:200]


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
