"""`newsrag check [--repair]` against real indexes damaged on purpose, run as real `newsrag` processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from rag.config import Config
from rag.indexing import rebuild
from rag.store import Store
from tests.conftest import FIXTURE_CORPUS, ROOT, SEED_CORPUS

SEED_ID = "1aa42e45edf55b68"  # the bundled seed article: three chunks
QUESTION = "When did North Korea blow up the liaison office?"


def config_for(tmp_path: Path) -> Config:
    return Config.load(config_file=Path("/nonexistent"), index_dir=tmp_path / "index")


def newsrag(*args, env=None, **kwargs) -> subprocess.CompletedProcess:
    """Run the real CLI from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "rag.cli", *map(str, args)],
        cwd=ROOT, capture_output=True, text=True, timeout=600, env={**os.environ, **(env or {})}, **kwargs,
    )


def assert_one_line_error(out: subprocess.CompletedProcess, *needles: str) -> str:
    """Exit 1, one `newsrag: error:` line on stderr with each needle in it, and no traceback."""
    assert out.returncode == 1, (out.stdout, out.stderr)
    assert "Traceback" not in out.stderr
    errors = [line for line in out.stderr.splitlines() if line.startswith("newsrag: error: ")]
    assert len(errors) == 1, out.stderr
    for needle in needles:
        assert needle in errors[0], errors[0]
    return errors[0]


READ = """
import json, sys
from rag.config import Config
from rag.store import Store
store = Store(Config.load(index_dir=sys.argv[1]))
got = store.collection(store.read_manifest().collection).get(ids=sys.argv[2:], include=["embeddings"])
print(json.dumps({i: list(map(float, v)) for i, v in zip(got["ids"], got["embeddings"])}))
"""


def vectors_in_a_fresh_process(config: Config, *chunk_ids: str) -> dict:
    """What another process reads now (this process's Chroma client keeps its own view of the files)."""
    out = subprocess.run([sys.executable, "-c", READ, str(config.index_dir), *chunk_ids], cwd=ROOT,
                         capture_output=True, text=True, timeout=120, check=True)
    return json.loads(out.stdout)


def live_collection(config: Config):
    store = Store(config)
    return store.collection(store.read_manifest().collection)


@pytest.fixture(scope="module")
def onnx_index(tmp_path_factory):
    """An index built with the default (int8 ONNX) backend, which the `newsrag` processes load quickly."""
    config = config_for(tmp_path_factory.mktemp("onnx"))
    rebuild([SEED_CORPUS, FIXTURE_CORPUS], config, progress=False)
    return config


@pytest.fixture
def index(tmp_path, onnx_index):
    """A fresh copy of that index for a test to damage."""
    import shutil

    shutil.copytree(onnx_index.index_dir, tmp_path / "index")
    return config_for(tmp_path)


def test_a_sound_index_checks_clean(index):
    out = newsrag("check", "--index-dir", index.index_dir)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.strip().splitlines() == [
        f"index ok: 7 articles, 9 chunks in collection {Store(index).read_manifest().collection} "
        f"at {index.index_dir / 'chroma'}"
    ]


def test_check_finds_each_kind_of_damage_and_repair_mends_it(index, tmp_path):
    from rag.keyword import HEADLINE_TITLES_FILE, HEADLINES_FILE, KeywordIndex, keyword_dir

    store = Store(index)
    manifest = store.read_manifest()
    collection = live_collection(index)
    seed = collection.get(where={"article_id": SEED_ID}, include=["documents", "metadatas", "embeddings"])
    assert sorted(seed["ids"]) == [f"{SEED_ID}:0", f"{SEED_ID}:1", f"{SEED_ID}:2"]
    # 1. a write cut short: the seed article lost its chunk 0
    collection.delete(ids=[f"{SEED_ID}:0"])
    # 2. an orphan: a chunk number beyond the article's count, left from an older version
    chess = collection.get(ids=["fx-chess:0"], include=["documents", "metadatas", "embeddings"])
    orphan_meta = dict(chess["metadatas"][0], chunk_no=5)
    collection.add(ids=["fx-chess:5"], documents=chess["documents"], metadatas=[orphan_meta],
                   embeddings=chess["embeddings"])
    # 3. a chunk whose embedding is gone (a zero vector)
    storm = collection.get(ids=["fx-storm:0"], include=["embeddings"])["embeddings"][0]
    collection.update(ids=["fx-storm:0"], embeddings=[[0.0] * len(storm)])
    # 4. one article stored twice under another id
    bakery = collection.get(ids=["fx-bakery:0"], include=["documents", "metadatas", "embeddings"])
    collection.add(ids=["fx-bakery-copy:0"], documents=bakery["documents"],
                   metadatas=[dict(bakery["metadatas"][0], article_id="fx-bakery-copy")],
                   embeddings=bakery["embeddings"])
    # 5. leftovers of an interrupted rebuild, a missing story file, a stale temporary manifest
    store.client.get_or_create_collection("newsrag_20200101000000_000001")
    (index.index_dir / "stories" / f"{manifest.collection}.json").unlink()
    (index.index_dir / "manifest.tmp4242").write_text("{")
    # 6. the keyword index as an older newsrag kept it, without headline vectors (and out of step, as above)
    folder = keyword_dir(index.index_dir, manifest.collection)
    (folder / HEADLINES_FILE).unlink()
    (folder / HEADLINE_TITLES_FILE).unlink()

    out = newsrag("check", "--index-dir", index.index_dir)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    lines = out.stdout.splitlines()
    problems = [line for line in lines if line.startswith("problem: ")]
    text = "\n".join(problems)
    assert f"incomplete: article {SEED_ID}" in text and "chunk 0 is missing (has 1, 2)" in text
    assert "orphans: article fx-chess: 1 chunk(s)" in text and "fx-chess:5" in text
    assert "embeddings: 1 chunk(s) have a missing or malformed embedding: fx-storm:0" in text
    assert "duplicates: article fx-bakery is stored again as fx-bakery-copy" in text
    assert "newsrag_20200101000000_000001" in text and "manifest.tmp4242" in text
    assert "stories: the story groups file is missing" in text
    assert "keyword: the keyword index is out of step" in text
    assert "keyword: the keyword index keeps no headline vectors" in text
    assert "manifest: says 7 articles and 9 chunks" in text
    assert lines[-1].startswith(f"index check: {len(problems)} problem(s)")
    assert f"{len(problems)} can be mended with `newsrag check --repair`" in lines[-1]

    repaired = newsrag("check", "--repair", "--index-dir", index.index_dir)
    assert repaired.returncode == 1, repaired.stdout + repaired.stderr  # one article must be ingested again
    assert "re-ingest: 1 article(s) were incomplete" in repaired.stdout
    assert f"  {SEED_ID} ('After Threats, North Korea Blows up Liaison Office with South Korea')" in repaired.stdout
    assert "embedded 1 chunk(s) again" in repaired.stdout and "dropped 1 stale collection(s)" in repaired.stdout
    assert "rebuilt the keyword index and story groups from the collection" in repaired.stdout
    assert len(KeywordIndex.load(folder).headlines.titles) == 6

    again = newsrag("check", "--index-dir", index.index_dir)
    assert again.returncode == 0, again.stdout
    assert again.stdout.startswith("index ok: 6 articles, 6 chunks")
    fixed = vectors_in_a_fresh_process(index, "fx-storm:0")["fx-storm:0"]
    # embedded again from its stored title and text: the same vector, up to the int8 model's batch-dependent scaling
    assert float(np.dot(fixed, storm)) > 0.99
    assert not (index.index_dir / "manifest.tmp4242").exists()
    assert Store(index).collection_names() == [manifest.collection]

    # the article named for re-ingesting comes back whole from its file
    ingested = newsrag("ingest", "--quiet", "--index-dir", index.index_dir, SEED_CORPUS, FIXTURE_CORPUS)
    assert ingested.returncode == 0, ingested.stderr
    assert ingested.stdout.startswith("1 added, 0 updated, 6 unchanged")
    assert newsrag("check", "--index-dir", index.index_dir).stdout.startswith("index ok: 7 articles, 9 chunks")
    asked = newsrag("ask", "--index-dir", index.index_dir, QUESTION)
    assert asked.returncode == 0 and "June 16" in asked.stdout


def test_an_index_from_before_headlines_were_kept_is_searched_with_them_and_repair_saves_them(index, caplog):
    from rag.chat import Assistant
    from rag.keyword import HEADLINE_TITLES_FILE, HEADLINES_FILE, KeywordIndex, keyword_dir
    from rag.stories import stories_path

    folder = keyword_dir(index.index_dir, Store(index).read_manifest().collection)
    (folder / HEADLINES_FILE).unlink()
    (folder / HEADLINE_TITLES_FILE).unlink()
    assert KeywordIndex.load(folder).headlines is None
    # asked while an ingest holds the index: the headlines are embedded for the session only, and it says so
    with Store(index).write_lock():
        _, _, retriever, _ = Assistant(index)._open()
    assert retriever.use_headlines and len(retriever.keyword.headlines.titles) == 7
    assert "keeps no headline vectors: brought up to date for this session only" in caplog.text
    assert "another ingest is running" in caplog.text and "`newsrag check --repair`" in caplog.text
    assert KeywordIndex.load(folder).headlines is None

    out = newsrag("check", "--index-dir", index.index_dir)
    assert out.returncode == 1 and "keyword: the keyword index keeps no headline vectors" in out.stdout
    stories = stories_path(index.index_dir, Store(index).read_manifest().collection)
    grouped = stories.stat().st_mtime_ns
    repaired = newsrag("check", "--repair", "--index-dir", index.index_dir)
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    # only what is missing is made: the headlines, not the keyword index or the story groups again
    assert "embedded the headlines of 7 articles" in repaired.stdout
    assert "rebuilt the keyword index" not in repaired.stdout and stories.stat().st_mtime_ns == grouped
    assert len(KeywordIndex.load(folder).headlines.titles) == 7
    assert newsrag("check", "--index-dir", index.index_dir).returncode == 0


def test_an_index_from_before_headlines_were_kept_gets_them_saved_the_first_time_it_is_asked(index):
    from rag.keyword import HEADLINE_TITLES_FILE, HEADLINES_FILE, KeywordIndex, keyword_dir

    folder = keyword_dir(index.index_dir, Store(index).read_manifest().collection)
    unchanged = newsrag("ask", "--index-dir", index.index_dir, QUESTION)
    (folder / HEADLINES_FILE).unlink()
    (folder / HEADLINE_TITLES_FILE).unlink()
    first = newsrag("ask", "--index-dir", index.index_dir, QUESTION)
    assert first.returncode == 0 and first.stdout == unchanged.stdout
    assert "keeps no headline vectors: brought up to date and saved" in first.stderr
    assert len(KeywordIndex.load(folder).headlines.titles) == 7
    again = newsrag("ask", "--index-dir", index.index_dir, QUESTION)
    assert again.stdout == unchanged.stdout and "keyword index" not in again.stderr
    assert newsrag("check", "--index-dir", index.index_dir).returncode == 0


def test_an_index_from_before_word_cases_were_counted_gets_them_from_repair_or_the_first_ask(index):
    from rag.keyword import CASES_FILE, KeywordIndex, keyword_dir
    from rag.stories import stories_path

    folder = keyword_dir(index.index_dir, Store(index).read_manifest().collection)
    counted = KeywordIndex.load(folder).cases
    assert counted["korea"][0] == "Korea" and "office" not in counted
    unchanged = newsrag("ask", "--index-dir", index.index_dir, QUESTION)
    (folder / CASES_FILE).unlink()
    assert KeywordIndex.load(folder).cases is None
    out = newsrag("check", "--index-dir", index.index_dir)
    assert out.returncode == 1
    assert "keyword: the keyword index keeps no count of how the archive writes its words" in out.stdout
    stories = stories_path(index.index_dir, Store(index).read_manifest().collection)
    grouped = stories.stat().st_mtime_ns
    repaired = newsrag("check", "--repair", "--index-dir", index.index_dir)
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert f"counted how the archive writes {len(counted)} capitalised words" in repaired.stdout
    assert "rebuilt the keyword index" not in repaired.stdout and "embedded the headlines" not in repaired.stdout
    assert stories.stat().st_mtime_ns == grouped and KeywordIndex.load(folder).cases == counted

    (folder / CASES_FILE).unlink()
    first = newsrag("ask", "--index-dir", index.index_dir, QUESTION)
    assert first.returncode == 0 and first.stdout == unchanged.stdout
    assert "keeps no count of how its words are written: brought up to date and saved" in first.stderr
    assert KeywordIndex.load(folder).cases == counted
    assert newsrag("check", "--index-dir", index.index_dir).returncode == 0


def test_a_keyword_index_that_reads_words_the_old_way_is_rebuilt(index, caplog):
    """An index saved before hyphenated words were also read by their parts. Asked while an ingest holds the
    index, the keyword index is rebuilt for the session; `check` says so and `--repair` saves the new one. Asked
    when nothing else writes, it is rebuilt and saved once."""
    import json

    from rag.chat import Assistant
    from rag.keyword import META_FILE, TERMS, KeywordIndex, keyword_dir

    folder = keyword_dir(index.index_dir, Store(index).read_manifest().collection)

    def make_old() -> None:
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        del meta["terms"]  # as an older newsrag saved it
        (folder / META_FILE).write_text(json.dumps(meta), encoding="utf-8")
        assert KeywordIndex.load(folder).terms == 1

    make_old()
    with Store(index).write_lock():
        _, _, retriever, _ = Assistant(index)._open()
    assert retriever.keyword.terms == TERMS and len(retriever.keyword.headlines.titles) == 7
    assert "reads words as an older newsrag did: brought up to date for this session only" in caplog.text
    out = newsrag("check", "--index-dir", index.index_dir)
    assert out.returncode == 1 and "the keyword index reads words as an older newsrag did" in out.stdout
    repaired = newsrag("check", "--repair", "--index-dir", index.index_dir)
    assert repaired.returncode == 0 and "rebuilt the keyword index" in repaired.stdout
    assert KeywordIndex.load(folder).terms == TERMS
    assert newsrag("check", "--index-dir", index.index_dir).returncode == 0

    make_old()
    first = newsrag("ask", "--index-dir", index.index_dir, QUESTION)
    assert first.returncode == 0 and "June 16" in first.stdout
    assert "reads words as an older newsrag did: brought up to date and saved" in first.stderr
    assert KeywordIndex.load(folder).terms == TERMS
    assert len(KeywordIndex.load(folder).headlines.titles) == 7
    assert newsrag("check", "--index-dir", index.index_dir).returncode == 0


def test_chunks_of_two_versions_mixed_make_an_article_incomplete(index):
    collection = live_collection(index)
    got = collection.get(ids=[f"{SEED_ID}:1"], include=["metadatas"])
    collection.update(ids=[f"{SEED_ID}:1"], metadatas=[dict(got["metadatas"][0], content_hash="0" * 64)])
    out = newsrag("check", "--index-dir", index.index_dir)
    assert out.returncode == 1
    assert f"incomplete: article {SEED_ID} ('After Threats" in out.stdout
    assert "chunks 1 of 3 are missing" in out.stdout


def test_an_index_built_with_another_model_needs_a_rebuild(index):
    path = Store(index).manifest_path
    data = json.loads(path.read_text())
    data["model"] = "some-other-model"
    path.write_text(json.dumps(data))
    for args in (("check",), ("check", "--repair")):
        out = newsrag(*args, "--index-dir", index.index_dir)
        assert out.returncode == 1 and "Traceback" not in out.stderr
        assert "problem: settings: the index at" in out.stdout and "model='some-other-model'" in out.stdout
        assert "(needs `newsrag rebuild`)" in out.stdout
        assert out.stdout.splitlines()[-1].endswith("1 needs `newsrag rebuild`")
    assert json.loads(path.read_text())["model"] == "some-other-model"  # a repair does not touch it
    assert newsrag("rebuild", "--quiet", "--index-dir", index.index_dir, "--corpus", SEED_CORPUS).returncode == 0
    assert newsrag("check", "--index-dir", index.index_dir).returncode == 0


@pytest.mark.parametrize("damage", ["garbage", "truncated", "no-collection", "manifest"])
def test_an_unreadable_store_is_named_and_needs_a_rebuild(index, damage):
    sqlite = index.index_dir / "chroma" / "chroma.sqlite3"
    if damage == "garbage":
        with open(sqlite, "r+b") as out:
            out.write(os.urandom(4096))
        expected = "store: the Chroma store at"
    elif damage == "truncated":
        os.truncate(sqlite, sqlite.stat().st_size // 3)
        expected = "is damaged"
    elif damage == "no-collection":
        sqlite.unlink()
        expected = "collection: the manifest names collection"
    else:
        path = Store(index).manifest_path
        path.write_text(path.read_text()[:40])
        expected = "manifest: " + str(path) + " is damaged"
    out = newsrag("check", "--index-dir", index.index_dir)
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    problems = [line for line in out.stdout.splitlines() if line.startswith("problem: ")]
    assert len(problems) == 1 and expected in problems[0] and problems[0].endswith("(needs `newsrag rebuild`)")
    if damage in ("garbage", "manifest"):  # (the others are rebuilt in test_damage.py)
        repaired = newsrag("check", "--repair", "--index-dir", index.index_dir)
        assert repaired.returncode == 1 and "needs `newsrag rebuild`" in repaired.stdout
        rebuilt = newsrag("rebuild", "--quiet", "--index-dir", index.index_dir, "--corpus", SEED_CORPUS)
        assert rebuilt.returncode == 0, rebuilt.stderr
        assert newsrag("check", "--index-dir", index.index_dir).stdout.startswith("index ok: 1 articles, 3 chunks")


def test_check_waits_for_no_one_but_says_when_an_ingest_is_running(index):
    with Store(index).write_lock():
        out = newsrag("check", "--index-dir", index.index_dir)
    assert_one_line_error(out, f"another ingest is running (pid {os.getpid()})")


def test_check_without_an_index_says_how_to_build_one(tmp_path):
    out = newsrag("check", "--index-dir", tmp_path / "nothing")
    assert_one_line_error(out, "no index at", "newsrag rebuild")


def test_a_lost_last_chunk_is_found_and_older_indexes_without_chunk_counts_still_show_gaps(index):
    collection = live_collection(index)
    last = collection.get(ids=[f"{SEED_ID}:2"], include=["documents", "metadatas", "embeddings"])
    collection.delete(ids=[f"{SEED_ID}:2"])  # the article's count (3, on every chunk) says one is gone
    out = newsrag("check", "--index-dir", index.index_dir)
    assert out.returncode == 1 and f"incomplete: article {SEED_ID}" in out.stdout
    assert "chunks 2 of 3 are missing" in out.stdout

    # an index written before chunks carried their article's count: a gap still shows
    meta = {k: v for k, v in last["metadatas"][0].items() if k != "chunk_count"}
    collection.add(ids=last["ids"], documents=last["documents"], metadatas=[meta], embeddings=last["embeddings"])
    collection.update(ids=[f"{SEED_ID}:0", f"{SEED_ID}:1"], metadatas=[{"chunk_count": None}] * 2)  # None: no key
    assert newsrag("check", "--index-dir", index.index_dir).returncode == 0
    collection.delete(ids=[f"{SEED_ID}:1"])
    out = newsrag("check", "--index-dir", index.index_dir)
    assert out.returncode == 1 and "chunks 1 of 3 are missing" in out.stdout
