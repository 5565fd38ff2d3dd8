"""Shared fixtures: real indexes built with the real packaged model in temporary folders."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parent.parent
SEED_CORPUS = ROOT / "corpus"
FIXTURE_CORPUS = Path(__file__).resolve().parent / "data" / "corpus"


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now, for a server a test starts."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop_process(proc, timeout: float = 20) -> None:
    """Stop a server a test started: SIGTERM, then SIGKILL if it has not gone within `timeout` seconds."""
    import subprocess

    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="session")
def embedder():
    """One loaded model for the whole run (loading it is the slow part)."""
    from rag.embedding import Embedder

    return Embedder(dtype="fp32")


def build_corpus_index(base: Path, *, copies=(), records: dict | None = None, embedder=None) -> Path:
    """An index at base/"idx" built from a corpus folder holding the seed article, the files in `copies` and, for
    each name -> list of dicts in `records`, a JSON Lines file of them. Without `embedder` the index gets the
    default backend (what a served page loads)."""
    import json
    import shutil

    from rag.config import Config
    from rag.indexing import rebuild

    corpus = base / "corpus"
    corpus.mkdir(parents=True)
    for path in [*SEED_CORPUS.iterdir(), *copies]:
        shutil.copy(path, corpus / Path(path).name)
    for name, rows in (records or {}).items():
        (corpus / name).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    config = Config.load(config_file=Path("/nonexistent"), index_dir=base / "idx")
    report = rebuild([corpus], config, progress=False, embedder=embedder)
    assert not report.problems, report.problems
    return base / "idx"


def build_index(tmp_path_factory, name: str, paths, embedder):
    from rag.config import Config
    from rag.indexing import rebuild

    config = Config.load(config_file=Path("/nonexistent"), index_dir=tmp_path_factory.mktemp(name) / "index")
    rebuild([str(p) for p in paths], config, progress=False, embedder=embedder)
    return config


@pytest.fixture(scope="session")
def seed_config(tmp_path_factory, embedder):
    """Config of an index built from the bundled corpus (the seed article)."""
    return build_index(tmp_path_factory, "seed", [SEED_CORPUS], embedder)


@pytest.fixture(scope="session")
def fixture_config(tmp_path_factory, embedder):
    """Config of an index built from the seed article plus the invented fixture articles."""
    return build_index(tmp_path_factory, "fixtures", [SEED_CORPUS, FIXTURE_CORPUS], embedder)


@pytest.fixture(scope="session")
def fixture_assistant(fixture_config):
    from rag.chat import Assistant

    return Assistant(fixture_config)


@pytest.fixture(scope="session")
def seed_assistant(seed_config):
    from rag.chat import Assistant

    return Assistant(seed_config)
