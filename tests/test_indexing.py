"""Ingest, update and rebuild against a real Chroma store in a temp dir, with the real packaged model."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rag.config import Config
from rag.errors import NewsragError
from rag.indexing import ingest, rebuild
from rag.store import Store
from tests.conftest import FIXTURE_CORPUS, ROOT, SEED_CORPUS


def config_for(tmp_path: Path, **settings) -> Config:
    return Config.load(config_file=Path("/nonexistent"), index_dir=tmp_path / "index", **settings)


def write_article(folder: Path, name: str, title: str, body: str, published: str = "2024-02-01") -> Path:
    """A Markdown article whose URL (and so its id) comes from the file name."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(
        f"---\ntitle: {title}\npublished: {published}\nsource: Test Post\nurl: https://post.example/{name}\n---\n\n"
        f"{body}\n",
        encoding="utf-8",
    )
    return path


def chunk_ids(config: Config, article_id: str) -> list[str]:
    store = Store(config)
    collection = store.collection(store.read_manifest().collection)
    return sorted(collection.get(where={"article_id": article_id})["ids"])


def test_ingesting_the_same_files_twice_embeds_nothing_the_second_time(tmp_path, embedder):
    config = config_for(tmp_path)
    first = ingest([SEED_CORPUS, FIXTURE_CORPUS], config, progress=False, embedder=embedder)
    assert first.added == 7 and first.chunks_written > 0
    embedded_before = embedder.texts_embedded
    second = ingest([SEED_CORPUS, FIXTURE_CORPUS], config, progress=False, embedder=embedder)
    assert embedder.texts_embedded == embedded_before
    assert (second.added, second.updated, second.unchanged, second.chunks_written) == (0, 0, 7, 0)
    manifest = Store(config).read_manifest()
    assert manifest.articles == 7
    assert manifest.date_min == "2020-06-16" and manifest.date_max == "2024-05-20"
    assert "Alden Gazette" in manifest.sources


def test_a_changed_article_replaces_its_chunks(tmp_path, embedder):
    config = config_for(tmp_path)
    corpus = tmp_path / "corpus"
    long_body = "\n\n".join(f"Paragraph {i} says the ferry timetable changes on route {i}." * 6 for i in range(12))
    path = write_article(corpus, "ferry.md", "Ferry timetable", long_body)
    write_article(corpus, "other.md", "Other news", "An unrelated story about the library opening hours.")
    ingest([corpus], config, progress=False, embedder=embedder)
    article_id = next(a for a in __import__("rag.articles").articles.load_paths([path]).articles).article_id
    before = chunk_ids(config, article_id)
    assert len(before) > 2

    write_article(corpus, "ferry.md", "Ferry timetable", "The ferry timetable is unchanged this year, the port said.")
    counted = embedder.texts_embedded
    report = ingest([corpus], config, progress=False, embedder=embedder)
    assert (report.updated, report.unchanged) == (1, 1)
    assert embedder.texts_embedded - counted == 1  # only the changed article's single chunk
    assert chunk_ids(config, article_id) == [f"{article_id}:0"]
    store = Store(config)
    got = store.collection(store.read_manifest().collection).get(ids=[f"{article_id}:0"])
    assert "unchanged this year" in got["documents"][0]


def test_rebuild_drops_articles_no_longer_in_the_corpus(tmp_path, embedder):
    config = config_for(tmp_path)
    corpus = tmp_path / "corpus"
    write_article(corpus, "a.md", "Kept story", "The museum reopened on Friday after a long renovation.")
    gone = write_article(corpus, "b.md", "Removed story", "The zoo welcomed two red pandas from Nepal.")
    rebuild([corpus], config, progress=False, embedder=embedder)
    old_collection = Store(config).read_manifest().collection
    gone.unlink()
    report = rebuild([corpus], config, progress=False, embedder=embedder)
    assert report.removed == 1
    manifest = Store(config).read_manifest()
    assert manifest.articles == 1 and manifest.collection != old_collection
    assert old_collection not in Store(config).collection_names()  # the old collection was deleted


def test_index_built_with_other_settings_is_refused(tmp_path, embedder):
    config = config_for(tmp_path)
    rebuild([SEED_CORPUS], config, progress=False, embedder=embedder)
    with pytest.raises(NewsragError, match=r"chunk_tokens=256.*newsrag rebuild"):
        ingest([SEED_CORPUS], config_for(tmp_path, chunk_tokens=128), progress=False, embedder=embedder)
    manifest_path = Store(config).manifest_path
    data = json.loads(manifest_path.read_text())
    data["model"] = "some-other-model"
    manifest_path.write_text(json.dumps(data))
    from rag.chat import Assistant

    with pytest.raises(NewsragError, match="model='some-other-model'.*run `newsrag rebuild`"):
        Assistant(config).ask("When was the liaison office blown up?")


def test_an_empty_corpus_is_refused_with_a_clear_message(tmp_path, embedder):
    (tmp_path / "empty").mkdir()
    with pytest.raises(NewsragError, match="no articles to index"):
        rebuild([tmp_path / "empty"], config_for(tmp_path), progress=False, embedder=embedder)


def test_bad_records_are_reported_and_the_rest_is_indexed(tmp_path, embedder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "feed.jsonl").write_text(
        '{"url": "https://x.example/1", "title": "Good one", "published": "2024-01-02", "text": "The mill reopened."}\n'
        '{"url": "https://x.example/2", "title": "Broken", "text": \n'
        '{"url": "https://x.example/3", "title": "No text", "published": "2024-01-03"}\n',
        encoding="utf-8",
    )
    report = ingest([corpus], config_for(tmp_path), progress=False, embedder=embedder)
    assert report.added == 1
    assert [p.line for p in report.problems] == [2, 3]
    assert all(p.path.endswith("feed.jsonl") for p in report.problems)


def test_a_second_writer_is_told_another_ingest_is_running(tmp_path):
    config = config_for(tmp_path)
    with Store(config).write_lock():
        with pytest.raises(NewsragError, match=rf"another ingest is running \(pid {os.getpid()}\)"):
            with Store(config).write_lock():
                pass


KILLER = """
import sys, time
from rag.config import Config
from rag import indexing

original = indexing._write_articles
def slow_write(articles, collection, embedder, config, progress):
    written = 0
    for article in articles:
        written += original([article], collection, embedder, config, progress)
        print("WROTE", flush=True)
        time.sleep(0.3)
    return written
indexing._write_articles = slow_write
indexing.rebuild([sys.argv[2]], Config.load(index_dir=sys.argv[1]), progress=False)
print("DONE", flush=True)
"""


def test_a_rebuild_killed_midway_leaves_the_old_index_answering(tmp_path, embedder):
    from rag.chat import Assistant

    config = config_for(tmp_path)
    rebuild([SEED_CORPUS], config, progress=False, embedder=embedder)
    before = Store(config).read_manifest()

    proc = subprocess.Popen(
        [sys.executable, "-c", KILLER, str(config.index_dir), str(FIXTURE_CORPUS)],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )
    assert proc.stdout.readline().strip() == "WROTE"  # the new collection is half written
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)

    assert Store(config).read_manifest().collection == before.collection
    answer = Assistant(config).ask("When did North Korea blow up the liaison office?")
    assert "June 16" in answer.text and not answer.abstained

    report = rebuild([SEED_CORPUS, FIXTURE_CORPUS], config, progress=False, embedder=embedder)
    assert report.manifest.articles == 7
    assert Store(config).collection_names() == [report.manifest.collection]  # the half-built one is gone


def test_ingest_after_a_kill_midway_completes_without_duplicates(tmp_path, embedder):
    config = config_for(tmp_path)
    ingest([SEED_CORPUS], config, progress=False, embedder=embedder)
    killer = KILLER.replace("indexing.rebuild(", "indexing.ingest(")
    proc = subprocess.Popen(
        [sys.executable, "-c", killer, str(config.index_dir), str(FIXTURE_CORPUS)],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )
    assert proc.stdout.readline().strip() == "WROTE"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    time.sleep(0.1)
    report = ingest([SEED_CORPUS, FIXTURE_CORPUS], config, progress=False, embedder=embedder)
    assert report.added + report.unchanged + report.duplicates >= 7
    store = Store(config)
    collection = store.collection(store.read_manifest().collection)
    ids = collection.get()["ids"]
    assert len(ids) == len(set(ids)) == store.read_manifest().chunks
    assert store.read_manifest().articles == 7
