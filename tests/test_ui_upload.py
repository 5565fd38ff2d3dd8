"""Adding articles from the page: upload files and paste a URL in headless Chromium, then ask about them.

The article page is served by a loopback server the test starts (tests/newsite.py); its content is invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import ui
from tests.conftest import build_corpus_index
from tests.newsite import NewsSite, article_html
from tests.test_ui import CHROMIUM, browser, last_bot, open_page, page, serving  # noqa: F401 (fixtures)

KILN_MD = """---
title: Ashdown kiln fired for the first time in forty years
published: 2024-10-02
source: Weald Weekly
url: https://weald-weekly.example/ashdown-kiln
---
Potters at the Ashdown kiln fired a batch of two hundred glazed bowls for the harvest supper on Wednesday.

The kiln, restored by volunteers, reached eleven hundred degrees for the first time in forty years.
"""

FERRY = [
    "The Harrowgate ferry returned to service on Tuesday after a month of repairs to its hull, the operator said.",
    "Passengers said the crossing to Millbay now takes twelve minutes, four fewer than before the refit.",
]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory, embedder) -> Path:
    return build_corpus_index(tmp_path_factory.mktemp("upload"), embedder=embedder)


@pytest.fixture(scope="module")
def site():
    with NewsSite() as site:
        site.add("/harbour/ferry-returns.html", article_html(
            "Harrowgate ferry returns after refit", FERRY, published="2024-03-05T09:00:00+00:00",
            author="Ada Quill", site="Harbour Gazette"))
        yield site


def test_page_uploads_a_file_and_a_url_then_answers_from_both(page, index_dir, site, tmp_path):  # noqa: F811
    from playwright.sync_api import expect

    from rag.chat import Assistant

    assistant = Assistant(config_file=Path("/nonexistent"), index_dir=index_dir, allow_private_urls=True,
                          fetch_delay=0)
    (tmp_path / "kiln.md").write_text(KILN_MD, encoding="utf-8")
    (tmp_path / "menu.html").write_text("<html><body><nav>Home | News</nav></body></html>", encoding="utf-8")
    ferry_url = site.url("/harbour/ferry-returns.html")

    with serving(assistant) as url:
        open_page(page, url)
        expect(page.locator("#header")).to_contain_text("1 article,")
        page.locator("#add-articles").get_by_text("Add articles").first.click()
        page.locator("#upload input[type=file]").set_input_files([tmp_path / "kiln.md", tmp_path / "menu.html"])
        for name in ("kiln.md", "menu.html"):  # uploaded: each file has its download link
            expect(page.locator(f'#upload a[href$="/{name}"]')).to_have_count(1)
        page.locator("#add-url textarea, #add-url input").first.fill(ferry_url)
        page.locator("#add-button").click()

        status = page.locator("#add-status")
        expect(status).to_contain_text("2 added, 1 skipped: no text", timeout=120_000)
        expect(status).to_contain_text("menu.html")
        expect(page.locator("#header")).to_contain_text("3 articles")

        box = page.locator("#question textarea")
        box.fill("How hot did the restored Ashdown kiln get?")
        box.press("Enter")
        expect(last_bot(page)).to_contain_text("eleven hundred degrees", timeout=60_000)
        expect(page.locator("#sources")).to_contain_text("Ashdown kiln fired for the first time in forty years")
        expect(page.locator("#sources")).to_contain_text("Weald Weekly")

        box.fill("How long does the Harrowgate ferry crossing to Millbay take now?")
        box.press("Enter")
        expect(last_bot(page)).to_contain_text("twelve minutes", timeout=60_000)
        sources = page.locator("#sources")
        expect(sources).to_contain_text("Harbour Gazette")
        expect(sources).to_contain_text("2024-03-05")
        link = page.locator(f'#sources a[href="{ferry_url}"]').first  # (a second quote may cite it again)
        expect(link).to_have_text("Harrowgate ferry returns after refit")
    assert page.dialogs == []


def test_urls_typed_into_the_page_may_not_reach_private_addresses(index_dir, site):
    from rag.chat import Assistant
    from rag.store import Store

    assistant = Assistant(config_file=Path("/nonexistent"), index_dir=index_dir, fetch_delay=0)
    assert assistant.config.allow_private_urls is False
    before = Store(assistant.config).read_manifest().articles
    hits = len(site.log)

    steps = list(ui.add_articles(assistant, None, site.url("/harbour/ferry-returns.html") + " not-a-url"))

    assert steps[0].startswith("Fetching ")
    outcome = steps[-1]
    assert outcome.startswith("0 added, 2 skipped")
    assert "private or local address" in outcome and "allow_private_urls" in outcome
    assert "not an http(s) URL" in outcome
    assert len(site.log) == hits  # nothing was requested
    assert Store(assistant.config).read_manifest().articles == before
    assert list(ui.add_articles(assistant, None, "  ")) == ["⚠️ Choose a file or paste a URL first."]
