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


def assistant_over(tmp_path: Path, embedder, *articles: dict):
    """An Assistant over a fresh index of the seed article and these invented ones (JSON Lines corpus records)."""
    from rag.chat import Assistant
    from rag.config import Config

    index = build_corpus_index(tmp_path, records={"news.jsonl": list(articles)}, embedder=embedder)
    return Assistant(Config.load(config_file=tmp_path / "none.toml", index_dir=index))


def usk_report(article_id: str, title: str, published: str, text: str) -> dict:
    """An invented Usk Courier article (a JSON Lines corpus record)."""
    return dict(id=article_id, title=title, source="Usk Courier", url=f"https://usk.example/{article_id}",
                published=published, text=text)


def numbered_paragraph(sentence: str, i: int, sentences: int) -> str:
    """Paragraph `i` of an invented report: `sentences` copies of `sentence`, its "{n}" numbered on from i * 10."""
    return " ".join(sentence.format(n=i * 10 + k + 1) for k in range(sentences))


def insurance_claims(i: int) -> str:
    """Paragraph `i` of insurance claims, filler of an invented Usk report."""
    return numbered_paragraph("Insurers expect claims to rise in week {n} of the clean-up, a spokesman said.", i, 12)


def flood_report_with(detail: str) -> str:
    """An invented Usk flood report: three paragraphs of the flood, two of insurance claims, `detail`, one more of
    claims. The search returns two chunks of an article, found by the flood's words, so `detail` is not among them."""
    update = "The Usk burst its banks on Monday and flooded the town centre, council officers said in flood update {n}."
    return "\n\n".join([numbered_paragraph(update, i, 9) for i in range(3)]
                        + [insurance_claims(i) for i in range(2)] + [detail, insurance_claims(2)])


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
