"""Every command works against a real `chroma run` server on 127.0.0.1 (started and stopped here)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rag.chat import Assistant
from rag.config import Config
from rag.errors import NewsragError
from rag.indexing import ingest
from tests.conftest import FIXTURE_CORPUS, SEED_CORPUS, free_port


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    chroma = shutil.which("chroma") or str(Path(sys.executable).with_name("chroma"))
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    env = dict(os.environ, ANONYMIZED_TELEMETRY="False")
    proc = subprocess.Popen(
        [chroma, "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("chroma run did not start listening within 60 s")
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=30)


def test_ingest_and_ask_through_a_chroma_server(tmp_path, chroma_url, embedder):
    config = Config.load(config_file=Path("/nonexistent"), index_dir=tmp_path / "index", chroma_url=chroma_url)
    report = ingest([SEED_CORPUS, FIXTURE_CORPUS], config, progress=False, embedder=embedder)
    assert report.added == 7
    assert not (tmp_path / "index" / "chroma").exists()  # vectors live on the server, not here
    answer = Assistant(config).ask("When did North Korea blow up the liaison office?")
    assert "June 16" in answer.text and answer.citations

    again = ingest([SEED_CORPUS, FIXTURE_CORPUS], config, progress=False, embedder=embedder)
    assert again.unchanged == 7 and again.chunks_written == 0


def test_the_cli_uses_the_server_from_the_environment(tmp_path, chroma_url):
    env = dict(os.environ, NEWSRAG_CHROMA_URL=chroma_url, NEWSRAG_INDEX_DIR=str(tmp_path / "index"))
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "rag.cli", *args], capture_output=True, text=True, env=env, timeout=300
    )
    assert run("ingest", str(SEED_CORPUS), "--quiet").returncode == 0
    stats = run("stats")
    assert stats.returncode == 0 and chroma_url in stats.stdout
    asked = run("ask", "Who threatened South Korea before the explosion?")
    assert asked.returncode == 0 and "Kim Yo Jong" in asked.stdout


def test_an_unreachable_server_gives_a_clear_error(tmp_path):
    config = Config.load(
        config_file=Path("/nonexistent"), index_dir=tmp_path / "index", chroma_url=f"http://127.0.0.1:{free_port()}"
    )
    with pytest.raises(NewsragError, match="cannot reach the Chroma server.*chroma run"):
        ingest([SEED_CORPUS], config, progress=False)
