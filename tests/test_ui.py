"""The chat page (ui.py): real index, real Gradio server on 127.0.0.1, real browser, real gradio_client.

The fixture articles besides the seed article are invented. Browser tests need Debian's chromium at
/usr/bin/chromium and are skipped (with the reason) only when it is absent.
Set NEWSRAG_UI_SCREENSHOT=/tmp/ui.png to keep a screenshot of the page after an answer.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

import ui
from tests.conftest import ROOT, build_corpus_index, free_port, stop_process

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt install chromium)")

NK_QUESTION = "When did North Korea blow up the liaison office?"
NK_TITLE = "After Threats, North Korea Blows up Liaison Office with South Korea"
TRAM_QUESTION = "When did the Glassbrook tram line reopen?"
TRAM_URL = "https://courier.example/2021/04/12/glassbrook-tram"
HOSTILE_QUESTION = "When was the Quillmere lighthouse painted orange?"
HOSTILE_TITLE = "<img src=x onerror=alert(1)>"

FIXTURE_ARTICLES = [
    {
        "id": "tram-1",
        "title": "Glassbrook tram line reopens after flood repairs",
        "source": "Riverside Courier",
        "url": TRAM_URL,
        "published": "2021-04-12",
        "text": "The Glassbrook tram line reopened on Monday, April 12, after three weeks of flood repairs.\n\n"
        "Engineers replaced four hundred metres of track near the old mill. "
        "The operator said trams would run every eight minutes at peak times.",
    },
    {
        "id": "hostile-1",
        "title": HOSTILE_TITLE,
        "source": "<b onmouseover=alert(2)>Shady Outlet</b>",
        "url": "javascript:alert(1)",
        "published": "2021-05-05",
        "text": "Volunteers painted the Quillmere lighthouse bright orange on Wednesday, May 5 "
        "<img src=x onerror=alert(3)> [more](javascript:alert(4)).\n\n"
        "The volunteers used forty litres of paint <script>alert(5)</script> and finished before the evening tide.",
    },
]


# ----------------------------------------------------------------------------------- fixtures



@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    return build_corpus_index(tmp_path_factory.mktemp("ui"), records={"fixtures.jsonl": FIXTURE_ARTICLES})


@pytest.fixture(scope="module")
def assistant(index_dir):
    from rag.chat import Assistant

    return Assistant(index_dir=index_dir)


@contextlib.contextmanager
def serving(assistant):
    demo = ui.build_app(assistant)
    port = free_port()
    ui.launch(demo, host="127.0.0.1", port=port, block=False, quiet=True)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        demo.close()


@pytest.fixture(scope="module")
def url(assistant):
    assistant.ask(NK_QUESTION)  # load the model before timing anything
    with serving(assistant) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.dialogs = []

    def on_dialog(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.set_default_timeout(60_000)
    from playwright.sync_api import expect

    # expect() has its own 5 s default: an answer on a busy 2-core machine (a fresh-clone CI run) took longer
    expect.set_options(timeout=60_000)
    yield page
    context.close()


def open_page(page, url):
    page.goto(url, wait_until="load")
    page.locator("#question textarea").wait_for(state="visible")
    return page


def ask(page, question: str) -> None:
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")


def last_bot(page):
    return page.locator('#chat [data-testid="bot"]').last


# ---------------------------------------------------------------------- presentation helpers


def citation(**overrides):
    values = dict(
        n=1,
        article_id="a",
        title="A title",
        source="Outlet",
        published="2021-01-02",
        url="https://news.example/a",
        quote="A quote.",
        chunk_id="a:0",
        score=0.9,
        supported=True,
        also_reported_by=[],
    )
    values.update(overrides)
    return SimpleNamespace(**values)


@pytest.mark.parametrize(
    "url, safe",
    [
        ("https://news.example/a?b=1#c", True),
        ("HTTP://news.example/", True),
        ("  https://news.example/a  ", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox(1)", False),
        ("//news.example/a", False),
        ("/relative/path", False),
        ("https://", False),
        ("https:///path", False),
        ("https://news.example/a b", False),
        ("", False),
        (None, False),
    ],
)
def test_safe_url(url, safe):
    assert (ui.safe_url(url) is not None) is safe


def test_citation_html_escapes_untrusted_fields():
    out = ui.citation_html(
        citation(
            title='<img src=x onerror=alert(1)>"',
            source="<script>alert(2)</script>",
            published="<b>x</b>",
            quote='He said "<i>hi</i>" & left.',
            url="javascript:alert(1)",
            also_reported_by=["<u>Other</u>"],
        )
    )
    assert "<img" not in out and "<script" not in out and "<i>" not in out and "<u>" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;&quot;" in out
    assert "href" not in out
    assert "&amp; left." in out


def test_citation_html_links_http_urls_with_escaped_href():
    out = ui.citation_html(citation(url='https://news.example/a?x=1&y="2"', title="T"))
    assert 'href="https://news.example/a?x=1&amp;y=&quot;2&quot;"' in out
    assert 'rel="noopener noreferrer nofollow"' in out
    assert "[1]" in out and "Outlet" in out and "2021-01-02" in out and "“A quote.”" in out


def test_sources_html_shows_as_of_and_abstention():
    note = 'Nothing found was published on 2024-02-02 ("yesterday") <b>.'
    answer = SimpleNamespace(citations=[], abstained=True, as_of="2024-02-03", mode="extractive", notes=[note])
    out = ui.sources_html(answer)
    assert "As of 2024-02-03" in out and "No sources" in out
    shown = '<p class="notice timenote">Nothing found was published on 2024-02-02 (&quot;yesterday&quot;) &lt;b&gt;.'
    assert shown in out


def test_header_html():
    info = {"articles": 1, "chunks": 3, "date_min": "2020-06-16", "date_max": "2020-06-16"}
    assert "1 article, 3 passages, 2020-06-16 to 2020-06-16" in ui.header_html(info)
    info = {"articles": 1200, "chunks": 1, "date_min": None, "date_max": None}
    assert "1,200 articles, 1 passage, ? to ?" in ui.header_html(info)
    missing = ui.header_html(None, "no index at .newsrag: run `newsrag rebuild` to build it")
    assert "No index yet: run <code>newsrag rebuild</code>" in missing
    assert "<script" not in ui.header_html(None, "bad setting: <script>")


def test_plain_recovers_message_text():
    assert ui.plain(ui.text_html("a < b\nc & d")) == "a < b\nc & d"
    assert ui.plain([{"type": "text", "text": "x &amp; y"}]) == "x & y"


def test_filters_from():
    assert ui.filters_from([], "", "  ") is None
    assert ui.filters_from(None, None, None) is None
    assert ui.filters_from(["A", ""], " 2020-01-01 ", "") == {"sources": ["A"], "since": "2020-01-01", "until": None}


def test_answer_html_marks_unsupported_sentences():
    out = ui.answer_html("Kim said so. [1] The moon is cheese <b>. ⚠ unsupported")
    assert '<span class="newsrag-unsupported"' in out and "⚠ unsupported</span>" in out
    assert "&lt;b&gt;" in out and "<b>" not in out
    assert ui.answer_html("No marks here. [1]") == ui.text_html("No marks here. [1]")


def test_sources_panel_flags_unsupported_citations_and_shows_the_rewritten_question():
    flagged = ui.citation_html(citation(supported=False))
    assert "⚠ unsupported" in flagged and "⚠ unsupported" not in ui.citation_html(citation())
    answer = SimpleNamespace(
        question="How old is she (won national chess championship)?", citations=[citation()], abstained=False,
        as_of="2024-06-01", mode="llm:SmolLM2-135M-Instruct.Q4_1",
    )
    panel = ui.sources_html(answer, asked="How old is she?")
    assert "Read as: How old is she (won national chess championship)?" in panel and "llm:SmolLM2" in panel
    assert "Read as" not in ui.sources_html(answer, asked=answer.question)


def test_resolve_port():
    assert ui.resolve_port(None, {}) == 7860
    assert ui.resolve_port(None, {"GRADIO_SERVER_PORT": "7999"}) == 7999
    assert ui.resolve_port(8001, {"GRADIO_SERVER_PORT": "7999"}) == 8001
    with pytest.raises(ValueError):
        ui.resolve_port(None, {"GRADIO_SERVER_PORT": "http"})
    with pytest.raises(ValueError):
        ui.resolve_port(70000, {})


def test_help_is_fast_and_import_is_light():
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "ui.py", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    for flag in ("--port", "--host", "--index-dir", "--chroma-url", "--llm"):
        assert flag in out.stdout
    assert time.perf_counter() - started < 5
    probe = "import sys, ui; print(sorted(m for m in ('gradio', 'torch', 'chromadb') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr


def test_bad_port_is_one_line_error(capsys):
    assert ui.main(["--port", "99999"]) == 2
    assert "between 1 and 65535" in capsys.readouterr().err


def test_respond_streams_growing_text_then_sources(assistant):
    respond = ui.make_respond(assistant)
    steps = list(respond(NK_QUESTION, [], [], "", ""))
    history, panel, box = steps[0]
    assert [m["role"] for m in history] == ["user"] and panel == ui.SEARCHING and box == ""
    texts = [step[0][-1]["content"] for step in steps[1:] if step[0][-1]["role"] == "assistant"]
    assert len(texts) >= 3  # streamed in pieces
    assert all(a != b and b.startswith(a.rstrip()) for a, b in zip(texts, texts[1:-1]))
    assert "June 16" in texts[-1]
    final_history, final_panel, _ = steps[-1]
    assert NK_TITLE in final_panel and "As of " in final_panel
    # a follow-up keeps the conversation and passes it on as plain text
    more = list(respond("When was the Quillmere lighthouse painted orange?", final_history, [], "", ""))
    last_history = more[-1][0]
    assert [m["role"] for m in last_history] == ["user", "assistant", "user", "assistant"]
    assert "&lt;img" in last_history[-1]["content"] and "<img" not in last_history[-1]["content"]


def test_respond_reports_user_errors_in_the_chat(assistant):
    respond = ui.make_respond(assistant)
    ((history, panel, box),) = list(respond("", [], [], "", ""))
    assert history == [
        {"role": "assistant", "content": ui.error_html("the question is empty: type a question about the news")}
    ]
    ((history, _, _),) = list(respond(NK_QUESTION, [], [], "", "June"))
    assert history[0]["role"] == "user" and "is not a date" in history[1]["content"]


def test_respond_passes_the_conversation_for_follow_ups(assistant):
    respond = ui.make_respond(assistant)
    first = list(respond(TRAM_QUESTION, [], [], "", ""))[-1][0]
    history, panel, _ = list(respond("How often will they run?", first, [], "", ""))[-1]
    assert [m["role"] for m in history] == ["user", "assistant", "user", "assistant"]
    assert "[1]" in history[-1]["content"]
    assert "Glassbrook tram line reopens after flood repairs" in panel and "Read as: How often will they run (" in panel


def test_respond_falls_back_to_quotes_when_the_model_server_is_down(index_dir):
    from rag.chat import Assistant

    url = f"http://127.0.0.1:{free_port()}/v1"
    respond = ui.make_respond(Assistant(index_dir=index_dir, llm=f"openai:smollm2@{url}"))
    steps = list(respond(NK_QUESTION, [], [], "", "", "llm"))
    history, panel, _ = steps[-1]
    assert [m["role"] for m in history] == ["user", "assistant", "assistant"]
    assert f"language model server at {url} is not reachable" in history[1]["content"]
    assert "Showing the extractive answer instead" in history[1]["content"]
    assert "June 16" in history[2]["content"]
    assert NK_TITLE in panel and "extractive" in panel


# --------------------------------------------------------------------------------- the page


@needs_chromium
def test_page_answers_with_streamed_text_and_sources(page, url, assistant):
    open_page(page, url)
    info = assistant.info()
    header = page.locator("#header")
    expected = f"{info['articles']} articles, {info['chunks']} passages, {info['date_min']} to {info['date_max']}"
    assert info["articles"] == 3
    page.wait_for_function(
        "text => document.querySelector('#header').innerText.includes(text)", arg=expected, timeout=30_000
    )
    assert "3 articles" in header.inner_text()

    box = page.locator("#question textarea")
    box.fill(NK_QUESTION)
    page.evaluate("window.__asked = performance.now()")
    box.press("Enter")
    first_text_ms = page.wait_for_function(
        """() => {
            const bots = document.querySelectorAll('#chat [data-testid="bot"]');
            const el = bots[bots.length - 1];
            return el && el.innerText.trim() ? performance.now() - window.__asked : false;
        }""",
        polling="raf",
        timeout=60_000,
    ).json_value()
    print(f"\ntime to first streamed text on the page: {first_text_ms:.0f} ms")

    from playwright.sync_api import expect

    expect(last_bot(page)).to_contain_text("June 16")
    expect(last_bot(page)).to_contain_text("[1]")
    sources = page.locator("#sources")
    expect(sources).to_contain_text(NK_TITLE)
    expect(sources).to_contain_text("[1]")
    expect(sources).to_contain_text("2020-06-16")
    expect(sources).to_contain_text("As of ")
    expect(sources).to_contain_text("June 16")  # the quoted sentence
    # asked today, of an archive that ends in 2021: the panel says so
    expect(sources.locator(".notice")).to_contain_text(f"The archive's newest article is from {info['date_max']}")
    assert page.locator("#chat [data-testid='user']").last.inner_text().strip() == NK_QUESTION
    assert box.input_value() == ""  # the box is cleared for the next question
    if os.environ.get("NEWSRAG_UI_SCREENSHOT"):
        page.screenshot(path=os.environ["NEWSRAG_UI_SCREENSHOT"], full_page=True)
    assert page.dialogs == []
    elsewhere = [u for u in page.requests if not u.startswith(("http://127.0.0.1:", "data:", "blob:"))]
    assert elsewhere == []  # the page works offline: no fonts or scripts from the internet


@needs_chromium
def test_page_links_titles_with_http_urls(page, url):
    open_page(page, url)
    ask(page, TRAM_QUESTION)
    from playwright.sync_api import expect

    expect(last_bot(page)).to_contain_text("April 12")
    link = page.locator(f'#sources a[href="{TRAM_URL}"]')
    expect(link).to_have_text("Glassbrook tram line reopens after flood repairs")
    assert link.get_attribute("target") == "_blank"
    expect(page.locator("#sources")).to_contain_text("Riverside Courier")
    # clearing the chat clears the sources panel too
    page.locator('#chat button[aria-label="Clear"]').click()
    expect(page.locator("#sources")).to_contain_text("Ask a question")
    assert page.locator('#chat [data-testid="bot"]').count() == 0


@needs_chromium
def test_example_questions_fill_the_box(page, url):
    open_page(page, url)
    page.get_by_text(NK_QUESTION, exact=True).first.click()
    from playwright.sync_api import expect

    expect(page.locator("#question textarea")).to_have_value(NK_QUESTION)
    with_options = next(q for q in ui.EXAMPLES if "Options:" in q)
    page.get_by_text("Where was the liaison office").first.click()
    expect(page.locator("#question textarea")).to_have_value(with_options)
    page.locator("#question textarea").press("Enter")
    expect(last_bot(page)).to_contain_text("“Kaesong”", timeout=60_000)


@needs_chromium
def test_hostile_article_is_shown_as_text(page, url):
    open_page(page, url)
    ask(page, HOSTILE_QUESTION)
    from playwright.sync_api import expect

    expect(last_bot(page)).to_contain_text("Quillmere lighthouse")
    expect(page.locator("#sources")).to_contain_text(HOSTILE_TITLE)  # the title, as text
    expect(page.locator("#sources")).to_contain_text("<b onmouseover=alert(2)>Shady Outlet</b>")
    expect(last_bot(page)).to_contain_text("<img src=x onerror=alert(3)>")
    # the outlet also appears among the filter choices
    page.locator("#filters").get_by_text("Filters").click()
    page.locator("#outlet input").click()
    expect(page.get_by_text("<b onmouseover=alert(2)>Shady Outlet</b>", exact=True).first).to_be_visible()
    page.keyboard.press("Escape")
    page.wait_for_timeout(1000)  # give any injected onerror handler time to fire
    assert page.dialogs == []
    assert page.locator('a[href^="javascript" i]').count() == 0
    assert page.locator("#sources a").count() == 0
    assert page.locator("#sources img, #chat img, #sources script, #chat script").count() == 0
    assert page.locator("#sources b, #chat b").count() == 0


@needs_chromium
@pytest.mark.parametrize("question", ["", "   "])
def test_empty_question_shows_error_in_chat(page, url, question):
    open_page(page, url)
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    from playwright.sync_api import expect

    expect(last_bot(page)).to_contain_text("the question is empty")
    expect(page.locator("#sources")).to_contain_text("Ask a question")
    assert page.locator("#chat [data-testid='user']").count() == 0
    # the page still works afterwards
    ask(page, NK_QUESTION)
    expect(last_bot(page)).to_contain_text("June 16")


@needs_chromium
def test_filters_narrow_the_search_and_bad_dates_are_reported(page, url):
    open_page(page, url)
    from playwright.sync_api import expect

    page.locator("#filters").get_by_text("Filters").click()
    page.locator("#since textarea, #since input").first.fill("2021-01-01")
    ask(page, NK_QUESTION)  # the only article about it is from 2020
    expect(page.locator("#sources")).to_contain_text("No sources")
    assert "June 16" not in last_bot(page).inner_text()

    page.locator("#since textarea, #since input").first.fill("last tuesday")
    ask(page, NK_QUESTION)
    expect(last_bot(page)).to_contain_text("is not a date like 2020-06-16")
    assert page.locator("#question textarea").input_value() == NK_QUESTION  # kept, to fix and resend


@needs_chromium
def test_page_follow_up_questions_use_the_conversation(page, url):
    from playwright.sync_api import expect

    open_page(page, url)
    ask(page, NK_QUESTION)
    expect(page.locator("#sources")).to_contain_text(NK_TITLE)
    ask(page, "Why did they do it?")  # means nothing alone: the page must pass its history
    expect(page.locator("#chat [data-testid='bot']")).to_have_count(2)
    expect(page.locator("#sources")).to_contain_text("Read as: Why did they do it (North Korea blow liaison office)?")
    expect(page.locator("#sources")).to_contain_text(NK_TITLE)
    ask(page, TRAM_QUESTION)  # a new topic is its own question
    expect(page.locator("#chat [data-testid='bot']")).to_have_count(3)
    expect(last_bot(page)).to_contain_text("April 12")
    ask(page, "How often will they run?")
    expect(page.locator("#chat [data-testid='bot']")).to_have_count(4)
    expect(page.locator("#sources")).to_contain_text("Read as: How often will they run (Glassbrook tram line reopen)?")
    expect(page.locator("#sources")).to_contain_text("Glassbrook tram line reopens after flood repairs")
    expect(last_bot(page)).to_contain_text("every eight minutes")
    ask(page, "Tell me more")  # the question before again, past what its answer quoted
    expect(page.locator("#chat [data-testid='bot']")).to_have_count(5)
    expect(page.locator("#sources")).to_contain_text("Read as: How often will they run (Glassbrook tram line reopen)?")
    expect(last_bot(page)).not_to_contain_text("every eight minutes")
    expect(last_bot(page)).to_contain_text(re.compile(r"\[1\]|says no more"))
    assert page.locator("#answerer").is_hidden()  # no model configured: no choice to make


@pytest.fixture(scope="module")
def llm_url(index_dir):
    from rag.answering import llm
    from rag.chat import Assistant

    threads = int(os.environ.get("NEWSRAG_THREADS") or 0)
    model = llm.load("llamacpp:smollm2", threads=threads, max_tokens=96)
    with serving(Assistant(index_dir=index_dir, model=model)) as url:
        yield url


@needs_chromium
def test_page_streams_a_models_answer_and_offers_quotes_instead(page, llm_url):
    from playwright.sync_api import expect

    open_page(page, llm_url)
    selector = page.locator("#answerer")
    expect(selector).to_contain_text("Model (SmolLM2-135M-Instruct.Q4_1)")
    expect(selector).to_contain_text("Quotes from the articles")
    ask(page, TRAM_QUESTION)
    sources = page.locator("#sources")
    expect(sources).to_contain_text("Glassbrook tram line reopens after flood repairs", timeout=120_000)
    panel = sources.inner_text()
    assert "llm:SmolLM2-135M-Instruct.Q4_1" in panel or "extractive" in panel  # verified, or quotes with a notice
    expect(last_bot(page)).to_contain_text("[1]")
    page.locator("#answerer").get_by_text("Quotes from the articles").click()
    ask(page, TRAM_QUESTION)
    expect(page.locator("#chat [data-testid='bot']")).to_have_count(2)
    expect(sources).to_contain_text("extractive", timeout=60_000)
    expect(last_bot(page)).to_contain_text("April 12")


@needs_chromium
def test_a_question_sent_while_an_answer_is_arriving_is_answered_next(page, llm_url):
    from playwright.sync_api import expect

    open_page(page, llm_url)
    ask(page, TRAM_QUESTION)
    sources = page.locator("#sources")
    expect(sources).to_contain_text("Searching the archive")  # the model's answer takes seconds
    ask(page, NK_QUESTION)
    assert "Searching the archive" in sources.inner_text()  # still answering the first one when sent
    expect(page.locator("#chat [data-testid='user']")).to_have_count(2, timeout=180_000)
    expect(page.locator("#chat [data-testid='user']").last).to_contain_text(NK_QUESTION)
    expect(sources).to_contain_text(NK_TITLE, timeout=180_000)
    expect(page.locator("#question textarea")).to_have_value("")


@needs_chromium
def test_page_says_when_the_model_server_is_down_and_answers_with_quotes(page, index_dir):
    from playwright.sync_api import expect

    from rag.chat import Assistant

    down = f"http://127.0.0.1:{free_port()}/v1"
    with serving(Assistant(index_dir=index_dir, llm=f"openai:smollm2@{down}")) as url:
        open_page(page, url)
        ask(page, NK_QUESTION)
        bots = page.locator("#chat [data-testid='bot']")
        expect(bots.first).to_contain_text("is not reachable")
        expect(bots.first).to_contain_text("Showing the extractive answer instead")
        expect(last_bot(page)).to_contain_text("June 16")
        expect(page.locator("#sources")).to_contain_text(NK_TITLE)


# ------------------------------------------------------------------------------ gradio_client


def test_client_chat_endpoint(url):
    from gradio_client import Client

    client = Client(url, verbose=False)
    result = client.predict(NK_QUESTION, api_name="/chat")
    assert "June 16" in result["text"]
    assert result["citations"][0]["title"] == NK_TITLE
    assert result["citations"][0]["n"] == 1
    assert result["as_of"] and result["abstained"] is False
    assert any("newest article" in note for note in result["notes"])  # asked today, of an old archive


def test_client_chat_endpoint_filters_and_errors(url):
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    client = Client(url, verbose=False)
    result = client.predict(
        TRAM_QUESTION, sources=["Riverside Courier"], since="2021-01-01", as_of="2021-06-01", api_name="/chat"
    )
    assert "April 12" in result["text"]
    assert result["as_of"] == "2021-06-01"
    assert {c["source"] for c in result["citations"]} == {"Riverside Courier"}
    with pytest.raises(AppError, match="the question is empty"):
        client.predict("  ", api_name="/chat")
    with pytest.raises(AppError, match="not a date"):
        client.predict(NK_QUESTION, until="soon", api_name="/chat")


def test_client_chat_endpoint_takes_history(url):
    from gradio_client import Client

    client = Client(url, verbose=False)
    first = client.predict(TRAM_QUESTION, api_name="/chat")
    result = client.predict(
        "How often will they run?", history=[[TRAM_QUESTION, first["text"]]], answerer="extractive", api_name="/chat"
    )
    assert result["citations"][0]["url"] == TRAM_URL and result["question"].startswith("How often will they run (")


# ------------------------------------------------------------------------ no index, subprocess


@needs_chromium
def test_page_without_an_index_says_so(page, tmp_path):
    from gradio_client import Client
    from gradio_client.exceptions import AppError
    from playwright.sync_api import expect

    from rag.chat import Assistant

    with serving(Assistant(index_dir=tmp_path / "nothing-here")) as url:
        open_page(page, url)
        expect(page.locator("#header")).to_contain_text("No index yet: run newsrag rebuild")
        ask(page, NK_QUESTION)
        expect(last_bot(page)).to_contain_text("newsrag rebuild")
        with pytest.raises(AppError, match="newsrag rebuild"):
            Client(url, verbose=False).predict(NK_QUESTION, api_name="/chat")


def wait_for_http(url: str, proc: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"ui.py exited with {proc.returncode}: {proc.stderr.read() if proc.stderr else ''}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} did not come up in {timeout} s")


def test_ui_py_serves_on_loopback_as_a_subprocess(index_dir, tmp_path):
    from gradio_client import Client

    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GRADIO_", "NEWSRAG_"))}
    log = tmp_path / "ui.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "ui.py", "--port", str(port), "--index-dir", str(index_dir)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            url = f"http://127.0.0.1:{port}/"
            wait_for_http(url, proc)
            result = Client(url, verbose=False).predict(NK_QUESTION, api_name="/chat")
            assert "June 16" in result["text"]
            assert f"http://127.0.0.1:{port}" in log.read_text()
            with socket.socket() as s:  # loopback only: nothing answers on another local address
                for addr in _other_local_addresses():
                    assert s.connect_ex((addr, port)) != 0
        finally:
            stop_process(proc)


def _other_local_addresses() -> list[str]:
    try:
        out = subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=5).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return []
    return [a for a in out if "." in a and not a.startswith("127.")][:1]
