"""The `newsrag` command as a user runs it: real processes, exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_CORPUS, ROOT, SEED_CORPUS


def newsrag(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSRAG_")}
    return subprocess.run(
        [sys.executable, "-m", "rag.cli", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )


def one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsrag: error: "), result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_help_lists_the_commands():
    result = newsrag("--help")
    assert result.returncode == 0
    for command in ("ingest", "rebuild", "ask", "stats", "serve"):
        assert command in result.stdout


def test_ingest_a_missing_path_fails_with_one_line(tmp_path):
    line = one_line_error(newsrag("ingest", str(tmp_path / "nope.jsonl"), "--index-dir", str(tmp_path / "i")))
    assert "nope.jsonl: no such file or directory" in line


def test_rebuild_an_empty_corpus_fails_with_one_line(tmp_path):
    (tmp_path / "empty").mkdir()
    line = one_line_error(newsrag("rebuild", "--corpus", str(tmp_path / "empty"), "--index-dir", str(tmp_path / "i")))
    assert "no articles to index" in line


def test_ask_without_an_index_says_to_rebuild(tmp_path):
    line = one_line_error(newsrag("ask", "What happened?", "--index-dir", str(tmp_path / "none")))
    assert "run `newsrag rebuild`" in line


@pytest.mark.parametrize("question, message", [("   ", "question is empty"), ("x" * 2001, "limit is 2,000")])
def test_ask_rejects_empty_and_overlong_questions(tmp_path, question, message):
    assert message in one_line_error(newsrag("ask", question, "--index-dir", str(tmp_path / "i")))


@pytest.fixture(scope="module")
def cli_index(tmp_path_factory):
    index = tmp_path_factory.mktemp("cli") / "index"
    result = newsrag("ingest", str(SEED_CORPUS), str(FIXTURE_CORPUS), "--index-dir", str(index), "--quiet")
    assert result.returncode == 0, result.stderr
    assert "7 added" in result.stdout
    return index


def test_stats_describes_the_index(cli_index):
    result = newsrag("stats", "--index-dir", str(cli_index))
    assert result.returncode == 0
    assert "articles:   7" in result.stdout
    assert "2020-06-16 .. 2024-05-20" in result.stdout
    assert "all-MiniLM-L6-v2" in result.stdout


def test_ask_prints_the_answer_then_numbered_sources(cli_index):
    result = newsrag("ask", "When did North Korea blow up the liaison office?", "--index-dir", str(cli_index))
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "June 16" in text.splitlines()[0] and "[1]" in text.splitlines()[0]
    assert "\n[1] " in text and "After Threats, North Korea Blows up Liaison Office" in text
    assert "\nNote: The archive's newest article is from 2024-05-20, " in text  # asked today


def test_ask_json_is_the_answer_object(cli_index):
    result = newsrag("ask", "Who won the national chess championship?", "--json", "--index-dir", str(cli_index))
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert {"question", "text", "citations", "abstained", "mode", "as_of", "notes"} <= set(answer)
    assert "Kovalenko" in answer["text"] and answer["abstained"] is False and answer["mode"] == "extractive"
    citation = answer["citations"][0]
    assert {"n", "article_id", "title", "source", "published", "url", "quote", "chunk_id", "score", "supported"} <= set(
        citation
    )
    assert citation["source"] == "Board News" and citation["published"] == "2024-05-20"


def test_ask_filters_by_source_and_dates(cli_index):
    base = ["ask", "What did the council decide about the harbour bridge?", "--json", "--index-dir", str(cli_index)]
    only_wire = json.loads(newsrag(*base, "--source", "Coastal Wire").stdout)
    assert {c["source"] for c in only_wire["citations"]} == {"Coastal Wire"}
    old = json.loads(newsrag(*base, "--until", "2023-12-31").stdout)
    assert old["citations"] and all(c["published"] <= "2023-12-31" for c in old["citations"])
    bad = newsrag(*base, "--since", "last tuesday")
    assert "not a date like 2020-06-16" in one_line_error(bad)
