"""Serving a newsroom: many users at once, ingest while serving, busy pages, logins, files, hostile articles.

Real index in a temporary folder, the real page (in process and as `python ui.py`), headless Chromium,
gradio_client, real `python -m rag.cli ingest` processes. The articles are invented.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import tests.test_ui as page_tests
import ui
from tests.conftest import FIXTURE_CORPUS, ROOT, build_corpus_index, free_port, stop_process
from tests.test_ui import (
    FIXTURE_ARTICLES,
    HOSTILE_QUESTION,
    HOSTILE_TITLE,
    NK_QUESTION,
    NK_TITLE,
    TRAM_QUESTION,
    ask,
    last_bot,
    needs_chromium,
    open_page,
    wait_for_http,
)

browser = page_tests.browser  # the page tests' fixtures: one headless Chromium, a page that records dialogs
page = page_tests.page

OTTER = {
    "id": "otter-1",
    "title": "Otters return to the Wrenfield canal",
    "source": "Wrenfield Post",
    "url": "https://post.example/2024/05/02/otters",
    "published": "2024-05-02",
    "text": "A family of otters was seen in the Wrenfield canal on Thursday, May 2, for the first time in forty "
    "years.\n\nThe canal trust said the water had grown cleaner since the old tannery closed.",
}
OTTER_QUESTION = "When were otters seen in the Wrenfield canal?"
HERON = {
    "id": "heron-1",
    "title": "Grey herons nest on the Brackley gasworks roof",
    "source": "Brackley Echo",
    "url": "https://echo.example/2024/05/03/herons",
    "published": "2024-05-03",
    "text": "Six pairs of grey herons nested on the roof of the disused Brackley gasworks this spring, the bird "
    "society said on Friday, May 3.\n\nThe society asked the owners to delay the demolition until the chicks fly.",
}
HERON_QUESTION = "Where did grey herons nest in Brackley?"


def write_jsonl(path: Path, records) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    """Seed article + conftest fixtures + the page's tram and hostile articles (default embedding backend)."""
    return build_corpus_index(
        tmp_path_factory.mktemp("serving"),
        copies=[FIXTURE_CORPUS / "fixtures.jsonl"],
        records={"page.jsonl": FIXTURE_ARTICLES},
    )


@pytest.fixture(scope="module")
def assistant(index_dir):
    from rag.chat import Assistant

    assistant = Assistant(index_dir=index_dir)
    assistant.ask(NK_QUESTION)  # load the model and the index once
    return assistant


@pytest.fixture(scope="module")
def url(assistant, index_dir):
    demo = ui.build_app(assistant)
    port = free_port()
    ui.launch(demo, host="127.0.0.1", port=port, block=False, quiet=True, blocked_paths=[index_dir])
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        demo.close()


def comparable(answer) -> dict:
    """An answer without its timings, scores rounded (float sums may differ in the last bits between threads)."""
    data = answer.to_dict()
    data.pop("timings", None)
    for citation in data["citations"]:
        citation["score"] = round(citation["score"], 4)
    return data


@contextlib.contextmanager
def ui_process(index_dir: Path, *args: str, env_extra: dict | None = None, log: Path):
    """`python ui.py` on 127.0.0.1 as a real process; yields (url, Popen)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GRADIO_", "NEWSRAG_"))}
    env.update(env_extra or {})
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "ui.py", "--port", str(port), "--index-dir", str(index_dir), *args],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, text=True,
        )
        try:
            yield f"http://127.0.0.1:{port}/", proc
        finally:
            stop_process(proc)


def wait_until_up(url: str, proc: subprocess.Popen, log: Path) -> None:
    try:
        wait_for_http(url, proc)
    except AssertionError as exc:
        raise AssertionError(f"{exc}\n{log.read_text()}") from None


def cli(*args: str, env_extra: dict | None = None, timeout: float = 180) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSRAG_")}
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "rag.cli", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


# -------------------------------------------------------------------------- 1. many users at once

CASES = [
    dict(question=NK_QUESTION),
    dict(question=NK_QUESTION, filters={"since": "2021-01-01"}),  # the only article on it is older: nothing
    dict(question=TRAM_QUESTION),
    dict(question="How often will they run?", history=[(TRAM_QUESTION, "It reopened on Monday, April 12. [1]")]),
    dict(question="Why did they do it?", history=[(NK_QUESTION, "On June 16. [1]")]),
    dict(question="How much will the Port Alden bridge cost?", filters={"sources": ["Coastal Wire"]}),
    dict(question="How much will the Port Alden bridge cost?", filters={"sources": ["Alden Gazette"]}),
    dict(question="Who won the national chess championship?", as_of="2024-06-01"),
    dict(question="How old is she?", history=[("Who won the national chess championship?", "Marta Kovalenko. [1]")]),
    dict(question="What happened to the valley farms?", filters={"until": "2024-01-01"}),
    dict(question=HOSTILE_QUESTION),
    dict(question="Who won the best sourdough prize?", as_of="2024-04-30"),
]


def test_one_assistant_shared_by_threads_answers_each_as_if_alone(assistant):
    """Different questions, filters and histories at once: each answer is the one it gets alone (no mixing)."""
    alone = [comparable(assistant.ask(**case)) for case in CASES]
    assert len({json.dumps(a, sort_keys=True) for a in alone}) == len(CASES)  # the cases really differ
    assert alone[1]["citations"] == [] and alone[0]["citations"][0]["title"] == NK_TITLE
    assert {c["source"] for c in alone[5]["citations"]} == {"Coastal Wire"}
    assert {c["source"] for c in alone[6]["citations"]} == {"Alden Gazette"}
    jobs = [i for i in range(len(CASES)) for _ in range(4)]
    random.Random(8).shuffle(jobs)
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(lambda i: (i, comparable(assistant.ask(**CASES[i]))), jobs))
    for i, answer in together:
        assert answer == alone[i], CASES[i]


def test_streams_from_threads_do_not_mix(assistant):
    def streamed(case):
        pieces, final = [], None
        for piece in assistant.stream(**case):
            if isinstance(piece, str):
                pieces.append(piece)
            else:
                final = piece
        return "".join(pieces), comparable(final)

    cases = CASES[:6]
    alone = [streamed(c) for c in cases]
    with ThreadPoolExecutor(max_workers=6) as pool:
        together = list(pool.map(streamed, cases * 2))
    assert together == alone * 2


def test_clients_at_once_get_their_own_answers(url):
    """Twelve gradio_client sessions at once through the page's /chat API, each with its own filters."""
    from gradio_client import Client

    asks = [
        ({"question": NK_QUESTION}, "June 16"),
        ({"question": NK_QUESTION, "since": "2021-01-01"}, None),
        ({"question": TRAM_QUESTION, "sources": ["Riverside Courier"]}, "April 12"),
        ({"question": "How much will the Port Alden bridge cost?", "sources": ["Coastal Wire"]}, "48 million"),
    ] * 3

    def one(item):
        kwargs, expected = item
        result = Client(url, verbose=False).predict(api_name="/chat", **kwargs)
        return kwargs, expected, result

    with ThreadPoolExecutor(max_workers=len(asks)) as pool:
        results = list(pool.map(one, asks))
    for kwargs, expected, result in results:
        if expected is None:
            assert result["citations"] == [], kwargs
        else:
            assert expected in result["text"], (kwargs, result["text"])
        if kwargs.get("sources"):
            assert {c["source"] for c in result["citations"]} == set(kwargs["sources"])


@needs_chromium
def test_two_users_on_the_page_keep_their_own_filters_and_conversation(browser, url):
    from playwright.sync_api import expect

    wait = {"timeout": 60_000}
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(2)]
    try:
        alice, bob = (open_page(c.new_page(), url) for c in contexts)
        alice.locator("#filters").get_by_text("Filters").click()
        alice.locator("#since textarea, #since input").first.fill("2021-01-01")
        ask(alice, NK_QUESTION)  # filtered out for Alice only
        ask(bob, NK_QUESTION)
        expect(alice.locator("#sources")).to_contain_text("No sources", **wait)
        expect(bob.locator("#sources")).to_contain_text(NK_TITLE, **wait)
        expect(last_bot(bob)).to_contain_text("June 16")
        alice.locator("#since textarea, #since input").first.fill("")
        ask(alice, TRAM_QUESTION)
        expect(alice.locator("#sources")).to_contain_text("Glassbrook tram line reopens after flood repairs", **wait)
        expect(last_bot(alice)).to_contain_text("April 12")
        # the same words mean different things in the two conversations, asked at the same time
        ask(alice, "Why did they do it?")
        ask(bob, "Why did they do it?")
        expect(alice.locator("#sources")).to_contain_text(
            "Read as: Why did they do it (Glassbrook tram line reopen)?", **wait
        )
        expect(bob.locator("#sources")).to_contain_text(
            "Read as: Why did they do it (North Korea blow liaison office)?", **wait
        )
        expect(alice.locator("#chat [data-testid='bot']")).to_have_count(3)
        expect(bob.locator("#chat [data-testid='bot']")).to_have_count(2)
        assert "Glassbrook" not in bob.locator("#chat").inner_text()
        assert "North Korea" not in alice.locator("#sources").inner_text()
    finally:
        for context in contexts:
            context.close()


# ------------------------------------------------------------------------------------- busy


@contextlib.contextmanager
def held(lock):
    lock.acquire()
    try:
        yield
    finally:
        lock.release()


def wait_for(condition, what: str, limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


def test_gate_counts_and_turns_away():
    gate = ui.Gate(running=1, waiting=1)
    assert gate.admit() and gate.admit() and not gate.admit()
    assert gate.inside == 2 and gate.turned_away == 1
    gate.leave()
    with gate.entered():
        assert gate.inside == 2
        with pytest.raises(ui.Busy, match="The assistant is busy"):
            with gate.entered():
                pass
    gate.leave()
    assert gate.inside == 0
    with pytest.raises(ValueError):
        ui.Gate(running=0)


@needs_chromium
def test_overload_gets_the_busy_message_not_a_pile_up(assistant, page):
    """One answer at a time and one waiting: while the assistant is held busy, more questions are told so."""
    from gradio_client import Client
    from gradio_client.exceptions import AppError
    from playwright.sync_api import expect

    demo = ui.build_app(assistant, running=1, waiting=1)
    port = free_port()
    ui.launch(demo, host="127.0.0.1", port=port, block=False, quiet=True)
    url = f"http://127.0.0.1:{port}/"
    gate = demo.gate
    try:
        open_page(page, url)
        with ThreadPoolExecutor(max_workers=8) as pool:
            with held(assistant._work):  # as if a long answer were being written
                first = [
                    pool.submit(Client(url, verbose=False).predict, NK_QUESTION, api_name="/chat") for _ in range(2)
                ]
                wait_for(lambda: gate.inside == 2, "two questions inside the gate")

                def extra(_):
                    try:
                        Client(url, verbose=False).predict(TRAM_QUESTION, api_name="/chat")
                    except AppError as exc:
                        return str(exc)
                    return "answered"

                turned_away = list(pool.map(extra, range(6)))
                ask(page, TRAM_QUESTION)
                expect(last_bot(page)).to_contain_text(ui.BUSY_MESSAGE)
                assert page.locator("#question textarea").input_value() == TRAM_QUESTION  # kept, to send again
                assert not any(f.done() for f in first)
            assert turned_away == [ui.BUSY_MESSAGE] * 6  # the message itself: no traceback, no "Queue is full"
            for future in first:  # the admitted ones are answered once the assistant is free
                assert "June 16" in future.result(timeout=120)["text"]
        assert gate.inside == 0 and gate.turned_away == 7
        ask(page, TRAM_QUESTION)  # and the page works again
        expect(last_bot(page)).to_contain_text("April 12")
    finally:
        demo.close()


def run_load(url: str, *, users: int, seconds: int, questions: Path) -> dict:
    """bench/load.py as a user runs it; its --json figures."""
    out = subprocess.run(
        [sys.executable, "bench/load.py", "--url", url, "--users", str(users), "--seconds", str(seconds),
         "--questions", str(questions), "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=180,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_load_script_drives_the_page(url, tmp_path):
    """bench/load.py against the real page: every question answered, figures as JSON."""
    questions = write_jsonl(
        tmp_path / "questions.jsonl",
        [{"question": NK_QUESTION, "asked_on": "2020-07-01"}, {"question": TRAM_QUESTION}],
    )
    figures = run_load(url, users=4, seconds=4, questions=questions)
    assert {"users", "seconds", "requests", "errors", "p50_ms", "p95_ms"} <= set(figures)
    assert figures["users"] == 4 and figures["errors"] == 0, figures
    assert figures["requests"] == figures["answers"] >= 4
    assert 0 < figures["p50_ms"] <= figures["p95_ms"]


def test_load_script_counts_errors_when_the_page_is_down(tmp_path):
    questions = tmp_path / "q.txt"
    questions.write_text(f"{NK_QUESTION}\n", encoding="utf-8")
    down = f"http://127.0.0.1:{free_port()}/"
    figures = run_load(down, users=2, seconds=1, questions=questions)
    assert figures["requests"] == figures["errors"] >= 2 and figures["answers"] == 0
    assert all(kind.startswith("connect:") for kind in figures["error_kinds"])


# --------------------------------------------------------------------------- 2. ingest while serving


def test_ingest_while_serving(index_dir, tmp_path):
    """`newsrag ingest` (new and changed articles) while the page answers: no errors, then the new one answers."""
    from gradio_client import Client

    live = tmp_path / "idx"
    shutil.copytree(index_dir, live)
    log = tmp_path / "ui.log"
    changed = [dict(r, text=r["text"] + "\n\nThis article was updated.") for r in FIXTURE_ARTICLES]
    new = write_jsonl(tmp_path / "new" / "new.jsonl", [OTTER, HERON, *changed])
    with ui_process(live, log=log) as (url, proc):
        wait_until_up(url, proc, log)
        client = Client(url, verbose=False)
        before = client.predict(OTTER_QUESTION, as_of="2024-06-01", api_name="/chat")
        assert all(c["title"] != OTTER["title"] for c in before["citations"])
        stop = threading.Event()
        seen: list = []

        def keep_asking():
            asker = Client(url, verbose=False)
            while not stop.is_set():
                for question, words in ((NK_QUESTION, "June 16"), (TRAM_QUESTION, "April 12")):
                    try:
                        result = asker.predict(question, api_name="/chat")
                        seen.append(None if words in result["text"] else f"{question}: {result['text']}")
                    except Exception as exc:  # any error on the page is a failure of this test
                        seen.append(f"{type(exc).__name__}: {exc}")

        askers = [threading.Thread(target=keep_asking) for _ in range(2)]
        for thread in askers:
            thread.start()
        try:
            wait_for(lambda: len(seen) >= 2, "the first answers")
            out = cli("ingest", str(new.parent), "--index-dir", str(live), "-q")
            during = len(seen)
            wait_for(lambda: len(seen) >= during + 2, "answers after the ingest")
        finally:
            stop.set()
            for thread in askers:
                thread.join(timeout=120)
        assert out.returncode == 0, out.stderr
        assert "2 added, 2 updated" in out.stdout
        assert [s for s in seen if s] == [] and len(seen) >= 4
        after = client.predict(OTTER_QUESTION, as_of="2024-06-01", api_name="/chat")
        assert after["citations"][0]["title"] == OTTER["title"] and "May 2" in after["text"]
        # found by meaning too, not only by its words: the page's vector search sees the new chunks
        herons = client.predict("birds breeding on top of an old industrial building", as_of="2024-06-01",
                                api_name="/chat")
        assert HERON["title"] in [c["title"] for c in herons["citations"]]
    assert "Traceback" not in log.read_text() and "database is locked" not in log.read_text()


def test_answers_in_flight_and_after_another_process_ingests(index_dir, tmp_path):
    """A search already under way while an ingest replaces an article skips the chunks that vanished; the
    next question reads the index anew, so vector search (not only the keyword index) finds new articles."""
    from rag.chat import Assistant
    from rag.retrieval import hydrate

    live = tmp_path / "idx"
    shutil.copytree(index_dir, live)
    long_text = "\n\n".join(
        f"Paragraph {i} of the Saltmarsh ferry report: the ferry to Saltmarsh island crossed the estuary "
        f"{i} times and the harbour master counted the passengers, the bicycles and the delayed sailings." * 3
        for i in range(6)
    )
    ferry = {"id": "ferry-1", "title": "Saltmarsh ferry report", "source": "Estuary News",
             "published": "2024-04-01", "text": long_text}
    assert cli("ingest", str(write_jsonl(tmp_path / "a" / "ferry.jsonl", [ferry])), "--index-dir", str(live),
               "-q").returncode == 0
    assistant = Assistant(index_dir=live)
    running = assistant._open()[2]  # the retriever a question in flight holds
    assert len([p for p in running.dense.search("Saltmarsh ferry passengers", limit=10)
                if p.article_id == "ferry-1"]) >= 3
    shorter = dict(ferry, text="The Saltmarsh ferry report was withdrawn.")
    out = cli("ingest", str(write_jsonl(tmp_path / "b" / "b.jsonl", [shorter, HERON])), "--index-dir", str(live), "-q")
    assert out.returncode == 0 and "1 added, 1 updated" in out.stdout, out.stderr
    # must not fail on the vanished chunks: the passages returned are the ones the store still holds
    stale = hydrate(running.collection, running.dense.search("Saltmarsh ferry passengers", limit=10))
    assert [p.chunk_id for p in stale if p.article_id == "ferry-1"] == ["ferry-1:0"]
    fresh = assistant._open()[2]
    assert fresh is not running
    hits = fresh.dense.search("birds breeding on top of an old industrial building", limit=3)
    assert hits[0].article_id == HERON["id"]
    answer = assistant.ask(HERON_QUESTION, as_of="2024-06-01")
    assert answer.citations[0].title == HERON["title"]


def chunk_zero_ids(index_dir: Path) -> list[str]:
    from rag.config import Config
    from rag.store import Store

    store = Store(Config.load(index_dir=index_dir), fresh=True)
    got = store.collection(store.read_manifest().collection).get(where={"chunk_no": 0}, include=["metadatas"])
    return sorted(m["article_id"] for m in got["metadatas"])


def test_two_ingests_at_once_never_corrupt_the_index(index_dir, tmp_path):
    live = tmp_path / "idx"
    shutil.copytree(index_dir, live)
    before = chunk_zero_ids(live)
    many = [
        {"id": f"parish-{i}", "title": f"Parish council notice {i}", "source": "Parish Bulletin",
         "published": "2024-02-01", "text": f"Notice {i}: the parish council will meet to discuss the hedges "
         f"along lane {i}. " * 12}
        for i in range(60)
    ]
    first_file = write_jsonl(tmp_path / "a" / "a.jsonl", many)
    second_file = write_jsonl(tmp_path / "b" / "b.jsonl", [OTTER, HERON])
    lock = live / "write.lock"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSRAG_")}
    first = subprocess.Popen(
        [sys.executable, "-m", "rag.cli", "ingest", str(first_file), "--index-dir", str(live), "-q"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        wait_for(lambda: first.poll() is not None or lock.read_text().strip() == str(first.pid), "the first lock")
        second = cli("ingest", str(second_file), "--index-dir", str(live), "-q")
        first_out, first_err = first.communicate(timeout=300)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    assert first.returncode == 0, first_err
    assert "60 added" in first_out
    if second.returncode != 0:  # it ran into the first: it says who holds the index, in one line
        assert second.stderr.strip() == (
            f"newsrag: error: another ingest is running (pid {first.pid}) on {live}; wait for it to finish"
        )
        assert chunk_zero_ids(live) == sorted(before + [a["id"] for a in many])
        second = cli("ingest", str(second_file), "--index-dir", str(live), "-q")
    assert second.returncode == 0, second.stderr
    ids = chunk_zero_ids(live)
    assert ids == sorted(before + [a["id"] for a in many] + [OTTER["id"], HERON["id"]])  # every article once
    stats = cli("stats", "--index-dir", str(live))
    assert f"articles:   {len(ids)}" in stats.stdout


# ------------------------------------------------------------------------------------ 5. exposure


def test_host_and_login_settings():
    assert ui.resolve_host(None, {}) == "127.0.0.1"
    assert ui.resolve_host(None, {"GRADIO_SERVER_NAME": "0.0.0.0"}) == "0.0.0.0"
    assert ui.resolve_host("::1", {"GRADIO_SERVER_NAME": "0.0.0.0"}) == "::1"
    for host in ("127.0.0.1", "127.3.4.5", "localhost", "::1", "[::1]", "LOCALHOST"):
        assert ui.is_loopback(host), host
    for host in ("0.0.0.0", "::", "192.168.1.20", "newsroom.example", "10.0.0.1"):
        assert not ui.is_loopback(host), host
    assert ui.resolve_auth(["ann:pw:with:colons"], None, {}) == [("ann", "pw:with:colons")]
    assert ui.resolve_auth(None, None, {"NEWSRAG_AUTH": "ann:one, bob:two"}) == [("ann", "one"), ("bob", "two")]
    assert ui.resolve_auth(None, None, {}) == []
    with pytest.raises(ValueError, match="NEWSRAG_AUTH: expected USER:PASSWORD, got 'ann:'"):
        ui.resolve_auth(None, None, {"NEWSRAG_AUTH": "ann:"})
    with pytest.raises(ValueError, match=r"NEWSRAG_AUTH: expected USER:PASSWORD, got ':\*\*\*\*\*\*'") as err:
        ui.resolve_auth(None, None, {"NEWSRAG_AUTH": ":secret"})
    assert "secret" not in str(err.value)  # a password is never echoed
    with pytest.raises(ValueError, match="--auth: expected USER:PASSWORD"):
        ui.resolve_auth(["secret"], None, {})


def test_auth_file(tmp_path):
    path = tmp_path / "logins"
    path.write_text("# the newsroom\nann:first pass\n\nbob:second\n", encoding="utf-8")
    assert ui.resolve_auth(["cy:third"], path, {}) == [("cy", "third"), ("ann", "first pass"), ("bob", "second")]
    with pytest.raises(ValueError, match="cannot read the auth file"):
        ui.resolve_auth(None, tmp_path / "missing", {})
    path.write_text("# nothing\n", encoding="utf-8")
    with pytest.raises(ValueError, match="has no USER:PASSWORD line"):
        ui.resolve_auth(None, path, {})


def test_newsrag_serve_passes_the_login_options_on():
    from rag.cli import _serve_argv, build_parser

    args = build_parser().parse_args(
        ["serve", "--host", "0.0.0.0", "--auth", "a:1", "--auth", "b:2", "--auth-file", "logins", "--no-auth"]
    )
    argv = _serve_argv(args)
    assert argv[:2] == ["--host", "0.0.0.0"]
    assert argv[2:] == ["--auth", "a:1", "--auth", "b:2", "--auth-file", "logins", "--no-auth"]
    assert ui.build_parser().parse_args(argv).auth == ["a:1", "b:2"]


@pytest.mark.parametrize(
    "command, env",
    [
        (["ui.py", "--host", "0.0.0.0"], {}),
        (["ui.py"], {"GRADIO_SERVER_NAME": "0.0.0.0"}),
        (["-m", "rag.cli", "serve", "--host", "192.168.7.7"], {}),
    ],
)
def test_binding_beyond_loopback_without_a_login_is_refused(command, env, tmp_path):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GRADIO_", "NEWSRAG_"))}
    out = subprocess.run(
        [sys.executable, *command, "--port", str(free_port()), "--index-dir", str(tmp_path / "none")],
        cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=60,
    )
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsrag: error: refusing to serve on "), out.stderr
    for how in ("--auth USER:PASSWORD", "NEWSRAG_AUTH", "--auth-file", "--no-auth"):
        assert how in lines[0]
    assert not (tmp_path / "none").exists()  # refused before anything was opened


def test_no_auth_is_an_explicit_choice(tmp_path):
    """--no-auth passes the check (with a warning); 192.0.2.1 (TEST-NET) is not on this machine, so nothing
    is actually exposed: the launch fails with a one-line error instead."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GRADIO_", "NEWSRAG_"))}
    command = [sys.executable, "ui.py", "--host", "192.0.2.1", "--port", str(free_port()),
               "--index-dir", str(tmp_path / "none")]
    out = subprocess.run(command + ["--no-auth"], cwd=ROOT, env=base, capture_output=True, text=True, timeout=180)
    assert "serving on 192.0.2.1 with --no-auth: anyone who can reach it can use the page" in out.stderr
    assert out.returncode == 1 and "newsrag: error: cannot serve on 192.0.2.1" in out.stderr
    assert "Traceback" not in out.stderr
    both = subprocess.run(command + ["--no-auth", "--auth", "a:b"], cwd=ROOT, env=base, capture_output=True,
                          text=True, timeout=60)
    assert both.returncode == 2 and "--no-auth contradicts" in both.stderr


def http_get(url: str, raw_path: str, cookie: str | None = None) -> tuple[int, bytes]:
    """GET a path exactly as written (no client-side normalisation of ../ or %2F)."""
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.putrequest("GET", raw_path, skip_accept_encoding=True)
        if cookie:
            conn.putheader("Cookie", cookie)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def file_probes(index_dir: Path) -> list[tuple[str, bytes]]:
    """(path, bytes that must not come back) for Gradio's file routes and some ways around them."""
    manifest = (index_dir / "manifest.json").resolve()
    sqlite = (index_dir / "chroma" / "chroma.sqlite3").resolve()
    targets = [("/etc/passwd", b"root:x:0:0"), (str(manifest), b'"collection"'), (str(sqlite), b"SQLite format 3")]
    probes = []
    for target, secret in targets:
        quoted = urllib.parse.quote(target, safe="")
        up = "../" * 12 + target.lstrip("/")
        for path in (
            f"/gradio_api/file={target}",
            f"/gradio_api/file={quoted}",
            f"/gradio_api/file/{target}",
            f"/gradio_api/file=file://{target}",
            f"/file={target}",
            f"/gradio_api/file={up}",
            f"/gradio_api/file={urllib.parse.quote(up, safe='')}",
            f"/static/{up}",
            f"/assets/{urllib.parse.quote(up, safe='')}",
            f"/gradio_api/proxy=file://{target}",
        ):
            probes.append((path, secret))
    return probes


def test_file_routes_serve_nothing_outside_the_page(url, index_dir):
    for path, secret in file_probes(index_dir):
        status, body = http_get(url, path)
        assert secret not in body, path
        assert status in (400, 403, 404, 405, 422), (path, status)
    status, body = http_get(url, "/")
    assert status == 200 and b"newsrag" in body  # the page itself is served


@needs_chromium
def test_login_is_required_when_one_is_set(index_dir, tmp_path, page):
    """`python ui.py` with NEWSRAG_AUTH and --auth-file: no API or file without logging in; Chromium logs in."""
    from gradio_client import Client
    from playwright.sync_api import expect

    logins = tmp_path / "logins"
    logins.write_text("desk:harbour-lights-42\n", encoding="utf-8")
    log = tmp_path / "ui.log"
    with ui_process(index_dir, "--auth-file", str(logins), env_extra={"NEWSRAG_AUTH": "ed:night-shift"}, log=log) as (
        url,
        proc,
    ):
        wait_until_up(url, proc, log)
        from gradio_client.exceptions import AuthenticationError

        with pytest.raises(AuthenticationError):
            Client(url, verbose=False).predict(NK_QUESTION, api_name="/chat")
        for path in ("/config", "/gradio_api/info", "/gradio_api/file=/etc/passwd"):
            status, body = http_get(url, path)
            assert status in (401, 403), (path, status)
            assert b"root:x:0:0" not in body and b"/chat" not in body
        answer = Client(url, auth=("ed", "night-shift"), verbose=False).predict(NK_QUESTION, api_name="/chat")
        assert "June 16" in answer["text"]
        with pytest.raises(ValueError, match="Could not login"):
            Client(url, auth=("ed", "wrong"), verbose=False)
        # logged in, the file routes still serve nothing of the machine or the index
        import httpx

        with httpx.Client(base_url=url, timeout=30) as session:
            assert session.post("/login", data={"username": "desk", "password": "harbour-lights-42"}).status_code < 400
            cookie = "; ".join(f"{k}={v}" for k, v in session.cookies.items())
        assert http_get(url, "/config", cookie)[0] == 200
        for path, secret in file_probes(index_dir) + [(f"/gradio_api/file={logins}", b"harbour-lights")]:
            status, body = http_get(url, path, cookie)
            assert secret not in body and status in (400, 403, 404, 405, 422), (path, status)

        page.goto(url, wait_until="load")
        page.get_by_label("username").fill("desk")
        page.get_by_label("password").fill("wrong password")
        page.get_by_role("button", name="Login").click()
        expect(page.get_by_text("Incorrect Credentials")).to_be_visible()
        assert page.locator("#question textarea").count() == 0
        page.get_by_label("username").fill("desk")  # the form is emptied after a failed attempt
        page.get_by_label("password").fill("harbour-lights-42")
        page.get_by_role("button", name="Login").click()
        page.locator("#question textarea").wait_for(state="visible")
        ask(page, NK_QUESTION)
        expect(last_bot(page)).to_contain_text("June 16")
    assert "harbour-lights-42" not in log.read_text() and "night-shift" not in log.read_text()


@needs_chromium
def test_hostile_article_link_and_title_run_nothing_when_clicked(page, url):
    """test_ui checks the markup; here a user clicks the hostile title and its passage: no dialog, no navigation."""
    from playwright.sync_api import expect

    open_page(page, url)
    ask(page, HOSTILE_QUESTION)
    expect(page.locator("#sources")).to_contain_text(HOSTILE_TITLE)
    page.locator("#sources").get_by_text(HOSTILE_TITLE).click()
    page.locator("#sources blockquote").first.click()
    last_bot(page).click()
    page.wait_for_timeout(500)  # give anything injected time to fire
    assert page.dialogs == [] and page.url == url
    assert page.evaluate("() => document.querySelectorAll('[onerror], [onmouseover], [onclick]').length") == 0
    hrefs = page.evaluate("() => [...document.querySelectorAll('[href], [src]')].map(e => e.href || e.src)")
    assert not [h for h in hrefs if h.lower().lstrip().startswith(("javascript:", "data:text/html"))]
