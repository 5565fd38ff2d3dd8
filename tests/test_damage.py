"""Crashes and damage: real `newsrag` processes killed with SIGKILL at chosen moments of an ingest, a full disk
during a rebuild (RLIMIT_FSIZE, and a real tiny tmpfs when mounting is allowed), damaged files, and a real
`chroma run` server stopped mid-use. After each: nothing lost, nothing stored twice, one-line errors."""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rag.articles import load_paths
from rag.chunking import chunk_article
from rag.config import Config
from rag.embedding import tokenizer
from tests.conftest import ROOT, SEED_CORPUS, free_port
from tests.test_check import QUESTION, assert_one_line_error, newsrag

WORDS = (
    "council budget ferry harbour school library museum river bridge festival election mayor police weather "
    "storm farmers market hospital train station tram orchard brewery lighthouse quarry bakery"
).split()

# Runs `newsrag ingest` in this process after arranging for a SIGKILL at a chosen moment:
#   add N / delete N: just before the N-th Chroma add (or upsert) / delete call (batches of about 6 chunks; each
#                     batch is a delete of the chunks a replaced article no longer has, when there are some, an
#                     upsert of chunks 1.., one of chunks 0)
#   sidecar N:        just before the N-th save of the keyword index (after the chunks are written)
#   manifest N:       just before the N-th manifest write
#   server N PID:     not a suicide: SIGKILL the Chroma server PID just before the N-th add
KILL_AT = """
import os, signal, sys
import chromadb.api.models.Collection as C
from rag import cli, indexing, keyword, store

indexing.ARTICLES_PER_BATCH_TARGET_CHUNKS = 6
what, when = sys.argv[1], int(sys.argv[2])
victim = int(sys.argv[3]) if what == "server" else os.getpid()
args = sys.argv[4:] if what == "server" else sys.argv[3:]
seen = {}

def hook(owner, name, moment):
    original = getattr(owner, name)
    def hooked(*a, **k):
        seen[moment] = seen.get(moment, 0) + 1
        if moment == what or (what == "server" and moment == "add"):
            if seen[moment] == when:
                os.kill(victim, signal.SIGKILL)
        return original(*a, **k)
    setattr(owner, name, hooked)

hook(C.Collection, "add", "add")
hook(C.Collection, "upsert", "add")
hook(C.Collection, "delete", "delete")
hook(keyword.KeywordIndex, "save", "sidecar")
hook(store.Store, "write_manifest", "manifest")
sys.exit(cli.main(args))
"""

DUMP = """
import json, sys
from rag.config import Config
from rag.store import Store
store = Store(Config.load(index_dir=sys.argv[1], chroma_url=sys.argv[2] or None))
collection = store.collection(store.read_manifest().collection)
got = collection.get(include=["metadatas"])
rows = {i: [m["article_id"], m["chunk_no"], m["content_hash"]] for i, m in zip(got["ids"], got["metadatas"])}
print(json.dumps(rows))
"""


def write_corpus(folder: Path, version: int, count: int = 24) -> Path:
    """Synthetic articles of one to three chunks. Version 2 changes every third article (often to another
    number of chunks) and adds four."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "wire.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for i in range(count + (4 if version == 2 else 0)):
            changed = version == 2 and i % 3 == 0
            rng = random.Random(i * 7 + (1000 if changed else 0))
            paragraphs = rng.randint(1, 9)
            text = "\n\n".join(
                " ".join(rng.choice(WORDS) for _ in range(45)).capitalize() + "." for _ in range(paragraphs)
            )
            record = {"id": f"syn-{i:03d}", "title": f"Wire story {i}", "source": "Wire", "text": text,
                      "published": f"2024-03-{i % 28 + 1:02d}"}
            out.write(json.dumps(record) + "\n")
    return path


def expected(paths, config: Config) -> dict[str, tuple[str, int]]:
    """article_id -> (content_hash, number of chunks) the index must hold for these files."""
    tok = tokenizer()
    return {
        a.article_id: (a.content_hash, len(chunk_article(a, tok, max_tokens=config.chunk_tokens,
                                                            overlap_tokens=config.overlap_tokens)))
        for a in load_paths(paths).articles
    }


def stored(index_dir: Path, chroma_url: str = "") -> dict[str, list]:
    """chunk id -> [article_id, chunk_no, content_hash], read by a fresh process."""
    out = subprocess.run([sys.executable, "-c", DUMP, str(index_dir), chroma_url], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def assert_each_article_once_and_whole(index_dir: Path, want: dict[str, tuple[str, int]], chroma_url: str = ""):
    records = stored(index_dir, chroma_url)
    by_article: dict[str, set[int]] = {}
    for chunk_id, (article_id, chunk_no, content_hash) in records.items():
        assert chunk_id == f"{article_id}:{chunk_no}"
        assert article_id in want, f"{article_id} is not in the corpus"
        assert content_hash == want[article_id][0], f"{chunk_id} is from another version of the article"
        by_article.setdefault(article_id, set()).add(chunk_no)
    assert set(by_article) == set(want), f"lost: {sorted(set(want) - set(by_article))}"
    for article_id, numbers in by_article.items():
        assert numbers == set(range(want[article_id][1])), article_id
    hashes = [want[a][0] for a in by_article]
    assert len(hashes) == len(set(hashes))  # no text stored under two ids
    env = {"NEWSRAG_CHROMA_URL": chroma_url} if chroma_url else None
    check = newsrag("check", "--index-dir", index_dir, env=env)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.startswith(f"index ok: {len(want)} articles, {len(records)} chunks")


@pytest.fixture(scope="module")
def wire(tmp_path_factory):
    """The seed article and version 1 of the wire corpus indexed by a real `newsrag ingest`; version 2 beside."""
    root = tmp_path_factory.mktemp("wire")
    v1 = write_corpus(root / "v1", 1)
    v2 = write_corpus(root / "v2", 2)
    out = newsrag("ingest", "--quiet", "--index-dir", root / "index", SEED_CORPUS, v1)
    assert out.returncode == 0, out.stderr
    return root / "index", v1, v2


def fresh_copy(wire, tmp_path) -> Path:
    index_dir = tmp_path / "index"
    shutil.copytree(wire[0], index_dir)
    return index_dir


def kill_at(index_dir: Path, what: str, when: int, *paths) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", KILL_AT, what, str(when), "ingest", "--quiet", "--index-dir", str(index_dir),
         *map(str, paths)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )


@pytest.mark.parametrize(
    "moments",
    [
        [("add", 2), ("add", 3)],  # chunks 1.. of a batch written but not its chunks 0; then mid-batch again
        [("delete", 2), ("sidecar", 1)],  # changed articles' old chunks deleted; then all written, no sidecars
        [("manifest", 1)],  # everything written but the manifest's counts
    ],
    ids=lambda moments: "+".join(f"{w}{n}" for w, n in moments),
)
def test_an_ingest_killed_at_any_moment_is_completed_by_the_next(wire, tmp_path, moments):
    index_dir = fresh_copy(wire, tmp_path)
    config = Config.load(config_file=Path("/nonexistent"), index_dir=index_dir)
    for what, when in moments:
        killed = kill_at(index_dir, what, when, wire[2])
        assert killed.returncode == -signal.SIGKILL, killed.stderr  # it did die at that moment
    out = newsrag("ingest", "--quiet", "--index-dir", index_dir, wire[2])
    assert out.returncode == 0, out.stderr
    assert_each_article_once_and_whole(index_dir, expected([SEED_CORPUS, wire[2]], config))


def test_an_article_being_replaced_is_never_missing_from_the_index(wire, tmp_path):
    """An ingest that replaces articles writes their new chunks over the old ones (same ids): killed at any write,
    every article is still there, in its old version or its new one, and the next run completes it."""
    index_dir = fresh_copy(wire, tmp_path)
    config = Config.load(config_file=Path("/nonexistent"), index_dir=index_dir)
    old, new = expected([SEED_CORPUS, wire[1]], config), expected([SEED_CORPUS, wire[2]], config)
    assert any(old[a] != new[a] for a in old)  # some articles do change
    for when in (1, 2, 3):
        killed = kill_at(index_dir, "add", when, wire[2])
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        first_chunks = {
            article_id: content_hash for article_id, chunk_no, content_hash in stored(index_dir).values()
            if chunk_no == 0
        }
        for article_id in old:
            assert first_chunks.get(article_id) in (old[article_id][0], new[article_id][0]), article_id
    out = newsrag("ingest", "--quiet", "--index-dir", index_dir, wire[2])
    assert out.returncode == 0, out.stderr
    assert_each_article_once_and_whole(index_dir, new)


@pytest.mark.parametrize("moment", [("add", 3), ("manifest", 1)], ids=lambda m: f"{m[0]}{m[1]}")
def test_a_rebuild_killed_at_any_moment_leaves_the_last_index_answering(wire, tmp_path, moment):
    index_dir = fresh_copy(wire, tmp_path)
    config = Config.load(config_file=Path("/nonexistent"), index_dir=index_dir)
    before = json.loads((index_dir / "manifest.json").read_text())["collection"]
    killed = subprocess.run(
        [sys.executable, "-c", KILL_AT, *map(str, moment), "rebuild", "--quiet", "--index-dir", str(index_dir),
         "--corpus", str(wire[2])],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert json.loads((index_dir / "manifest.json").read_text())["collection"] == before
    asked = newsrag("ask", "--index-dir", index_dir, QUESTION)
    assert asked.returncode == 0 and "June 16" in asked.stdout, asked.stderr
    check = newsrag("check", "--index-dir", index_dir)  # the half-built collection is named as a leftover
    assert check.returncode == 1 and "stale: collections left by interrupted rebuilds" in check.stdout
    assert "incomplete" not in check.stdout and "orphans" not in check.stdout
    out = newsrag("rebuild", "--quiet", "--index-dir", index_dir, "--corpus", SEED_CORPUS, "--corpus", wire[2])
    assert out.returncode == 0, out.stderr
    assert_each_article_once_and_whole(index_dir, expected([SEED_CORPUS, wire[2]], config))


def test_an_ingest_killed_at_random_moments_loses_nothing(wire, tmp_path):
    index_dir = fresh_copy(wire, tmp_path)
    config = Config.load(config_file=Path("/nonexistent"), index_dir=index_dir)
    command = [sys.executable, "-m", "rag.cli", "ingest", "--quiet", "--index-dir", str(index_dir)]
    started = time.perf_counter()
    assert subprocess.run([*command, str(wire[2])], cwd=ROOT, capture_output=True, timeout=600).returncode == 0
    whole_run = time.perf_counter() - started  # how long a run takes here: kills land within one
    rng = random.Random(8)
    cut_short = 0
    for attempt in range(8):
        corpus = wire[1] if attempt % 2 == 0 else wire[2]  # switch versions, so every run has articles to replace
        proc = subprocess.Popen([*command, str(corpus)], cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 0.95) * whole_run)
        proc.send_signal(signal.SIGKILL)
        cut_short += proc.wait(timeout=30) == -signal.SIGKILL
        if cut_short == 3:
            break
    assert cut_short  # some runs died midway (one that finished before its kill is fine too)
    out = newsrag("ingest", "--quiet", "--index-dir", index_dir, wire[2])
    assert out.returncode == 0, out.stderr
    assert_each_article_once_and_whole(index_dir, expected([SEED_CORPUS, wire[2]], config))


def _limit_file_size(limit: int):
    def apply():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_full_disk_during_a_rebuild_leaves_the_last_index_answering(wire, tmp_path):
    index_dir = fresh_copy(wire, tmp_path)
    sqlite = index_dir / "chroma" / "chroma.sqlite3"
    limit = sqlite.stat().st_size + 16_384  # room for a few pages of the new collection, not for all of it
    out = subprocess.run(
        [sys.executable, "-m", "rag.cli", "rebuild", "--quiet", "--index-dir", str(index_dir), "--corpus",
         str(wire[2]), "--corpus", str(SEED_CORPUS)],
        cwd=ROOT, capture_output=True, text=True, timeout=600, preexec_fn=_limit_file_size(limit),
    )
    assert_one_line_error(out, "could not write the index", "the disk is full, a file-size limit", "free some space")
    asked = newsrag("ask", "--index-dir", index_dir, QUESTION)
    assert asked.returncode == 0 and "June 16" in asked.stdout, asked.stderr  # the last good index answers
    config = Config.load(config_file=Path("/nonexistent"), index_dir=index_dir)
    assert_each_article_once_and_whole(index_dir, expected([SEED_CORPUS, wire[1]], config))  # and is whole

    # the same under an ingest: a half-written ingest is completed by the next one
    out = subprocess.run(
        [sys.executable, "-m", "rag.cli", "ingest", "--quiet", "--index-dir", str(index_dir), str(wire[2])],
        cwd=ROOT, capture_output=True, text=True, timeout=600, preexec_fn=_limit_file_size(sqlite.stat().st_size),
    )
    assert_one_line_error(out, "could not write the index")
    assert newsrag("ingest", "--quiet", "--index-dir", index_dir, wire[2]).returncode == 0
    assert_each_article_once_and_whole(index_dir, expected([SEED_CORPUS, wire[2]], config))


def test_a_full_tmpfs_during_a_rebuild_leaves_the_last_index_answering(wire, tmp_path):
    mount = tmp_path / "small"
    mount.mkdir()
    used = sum(p.stat().st_size for p in wire[0].rglob("*") if p.is_file())
    size_kb = used // 1024 + 600
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(mount)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.strip()}); the RLIMIT_FSIZE test covers it")
    try:
        index_dir = mount / "index"
        shutil.copytree(wire[0], index_dir)
        big = write_corpus(tmp_path / "big", 2, count=160)
        out = newsrag("rebuild", "--quiet", "--index-dir", index_dir, "--corpus", big)
        assert_one_line_error(out, "could not write the index", "KB free", "free some space")
        asked = newsrag("ask", "--index-dir", index_dir, QUESTION)
        assert asked.returncode == 0 and "June 16" in asked.stdout, asked.stderr
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_damaged_store_files_give_one_line_errors_and_a_rebuild_mends_them(wire, tmp_path):
    index_dir = fresh_copy(wire, tmp_path)
    sqlite = index_dir / "chroma" / "chroma.sqlite3"
    os.truncate(sqlite, sqlite.stat().st_size // 2)
    for args in (("ask", QUESTION), ("ingest", "--quiet", SEED_CORPUS), ("stats",)):
        out = newsrag(*args, "--index-dir", index_dir)
        if args[0] == "stats":  # reads only the manifest
            assert out.returncode == 0
            continue
        assert_one_line_error(out, f"the Chroma store at {index_dir / 'chroma'} is damaged", "newsrag rebuild")
    rebuilt = newsrag("rebuild", "--quiet", "--index-dir", index_dir, "--corpus", SEED_CORPUS, "--corpus", wire[1])
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "damaged Chroma files were moved to" in rebuilt.stderr
    assert list(index_dir.glob("chroma.damaged-*"))  # kept, not deleted
    config = Config.load(config_file=Path("/nonexistent"), index_dir=index_dir)
    assert_each_article_once_and_whole(index_dir, expected([SEED_CORPUS, wire[1]], config))


def test_a_damaged_vector_index_file_gives_one_line_errors_and_a_rebuild_mends_it(tmp_path):
    # past 1,000 records Chroma keeps an HNSW index in files of its own beside the SQLite file
    feed = tmp_path / "many.jsonl"
    rng = random.Random(3)
    feed.write_text("".join(
        json.dumps({"id": f"many-{i:04d}", "title": f"Brief {i}", "source": "Briefs", "published": "2024-01-02",
                    "text": " ".join(rng.choice(WORDS) for _ in range(20)) + "."}) + "\n"
        for i in range(1100)
    ), encoding="utf-8")
    index_dir = tmp_path / "index"
    assert newsrag("ingest", "--quiet", "--index-dir", index_dir, SEED_CORPUS, feed).returncode == 0
    [header] = (index_dir / "chroma").glob("*-*/header.bin")
    header.write_bytes(os.urandom(header.stat().st_size))
    for args in (("ask", QUESTION), ("ingest", "--quiet", SEED_CORPUS)):
        assert_one_line_error(newsrag(*args, "--index-dir", index_dir), "is damaged", "hnsw", "newsrag rebuild")
    check = newsrag("check", "--index-dir", index_dir)
    assert check.returncode == 1 and "problem: store: the Chroma store" in check.stdout
    assert check.stdout.splitlines()[-1].endswith("1 needs `newsrag rebuild`")
    rebuilt = newsrag("rebuild", "--quiet", "--index-dir", index_dir, "--corpus", SEED_CORPUS)
    assert rebuilt.returncode == 0 and "damaged Chroma files were moved to" in rebuilt.stderr
    asked = newsrag("ask", "--index-dir", index_dir, QUESTION)
    assert asked.returncode == 0 and "June 16" in asked.stdout


def test_damaged_sidecars_do_not_stop_answers_and_repair_rebuilds_them(wire, tmp_path):
    index_dir = fresh_copy(wire, tmp_path)
    name = json.loads((index_dir / "manifest.json").read_text())["collection"]
    (index_dir / "keyword" / name / "chunks.json").write_text('{"chunk_ids": [')
    (index_dir / "stories" / f"{name}.json").write_bytes(os.urandom(64))
    asked = newsrag("ask", "--index-dir", index_dir, QUESTION)
    assert asked.returncode == 0 and "June 16" in asked.stdout, asked.stderr
    out = newsrag("check", "--index-dir", index_dir)
    assert out.returncode == 1
    assert "keyword index is missing or unreadable" in out.stdout and "story groups file is missing" in out.stdout
    assert newsrag("check", "--repair", "--index-dir", index_dir).returncode == 0
    config = Config.load(config_file=Path("/nonexistent"), index_dir=index_dir)
    assert_each_article_once_and_whole(index_dir, expected([SEED_CORPUS, wire[1]], config))


# ---------------------------------------------------------------------------------------- a Chroma server


class ChromaServer:
    def __init__(self, data: Path):
        self.data = data
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self) -> ChromaServer:
        chroma = shutil.which("chroma") or str(Path(sys.executable).with_name("chroma"))
        self.proc = subprocess.Popen(
            [chroma, "run", "--path", str(self.data), "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        )
        for _ in range(600):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        pytest.fail("chroma run did not start listening")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        if self.proc is not None:
            self.proc.wait(timeout=30)


@pytest.fixture
def server(tmp_path):
    running = ChromaServer(tmp_path / "chroma-data").start()
    yield running
    running.stop()


def test_a_chroma_server_stopped_mid_use_gives_one_line_errors_and_answers_again_when_back(server, tmp_path, wire):
    from rag.chat import Assistant
    from rag.errors import NewsragError

    index_dir = tmp_path / "index"
    env = {"NEWSRAG_CHROMA_URL": server.url}
    assert newsrag("ingest", "--quiet", "--index-dir", index_dir, SEED_CORPUS, env=env).returncode == 0
    assistant = Assistant(Config.load(config_file=Path("/nonexistent"), index_dir=index_dir, chroma_url=server.url))
    assert "June 16" in assistant.ask(QUESTION).text

    server.stop()
    with pytest.raises(NewsragError, match=f"the Chroma server at {server.url} stopped answering.*chroma run"):
        assistant.ask(QUESTION)
    for args in (("ask", QUESTION), ("ingest", "--quiet", SEED_CORPUS), ("check",)):
        out = newsrag(*args, "--index-dir", index_dir, env=env)
        assert_one_line_error(out, f"Chroma server at {server.url}", "chroma run")

    server.start()  # the same data, the same port: the same assistant answers again
    assert "June 16" in assistant.ask(QUESTION).text


def test_a_chroma_server_killed_during_an_ingest_loses_nothing(server, tmp_path, wire):
    index_dir = tmp_path / "index"
    env = {"NEWSRAG_CHROMA_URL": server.url}
    assert newsrag("ingest", "--quiet", "--index-dir", index_dir, SEED_CORPUS, wire[1], env=env).returncode == 0
    out = subprocess.run(
        [sys.executable, "-c", KILL_AT, "server", "3", str(server.proc.pid), "ingest", "--quiet", "--index-dir",
         str(index_dir), str(wire[2])],
        cwd=ROOT, capture_output=True, text=True, timeout=600, env={**os.environ, **env},
    )
    assert_one_line_error(out, f"the Chroma server at {server.url} stopped answering", "chroma run")
    server.stop()
    server.start()
    again = newsrag("ingest", "--quiet", "--index-dir", index_dir, wire[2], env=env)
    assert again.returncode == 0, again.stderr
    config = Config.load(config_file=Path("/nonexistent"), index_dir=index_dir)
    assert_each_article_once_and_whole(index_dir, expected([SEED_CORPUS, wire[2]], config), chroma_url=server.url)
