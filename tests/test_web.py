"""Pages, feeds and `newsrag watch` against a real HTTP server on 127.0.0.1 that the tests start and stop.

Every feed and page is invented here (tests/newsite.py builds them); nothing is copied from a real site.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rag.articles import load_path
from rag.config import Config
from rag.errors import NewsragError
from rag.feeds import load_url
from rag.web import USER_AGENT, Fetcher, FetchError, check_public
from tests.conftest import ROOT
from tests.newsite import NewsSite, article_html, atom, rss

FERRY = [
    "The Harrowgate ferry returned to service on Tuesday after a month of repairs to its hull, the operator said.",
    "Passengers said the crossing to Millbay took twelve minutes, four fewer than before the refit.",
]
BRIDGE = [
    "Engineers reopened the Pellinor footbridge on Friday after replacing its rusted cables over the winter.",
    "The council said the bridge would carry about three thousand walkers a day once the spring market opens.",
]
ORCHARD = [
    "The Quenby orchard fair sold a record nine tonnes of apples on Saturday, organisers said.",
    "A cider press built in 1911 was the main attraction, with queues stretching past the village church.",
]
KILN = [
    "Potters at the Ashdown kiln fired a batch of two hundred glazed bowls for the harvest supper.",
    "The kiln, restored by volunteers, reached eleven hundred degrees for the first time in forty years.",
]


def html_body(paragraphs: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def sha16(url: str) -> str:
    return hashlib.sha1(url.encode()).hexdigest()[:16]


@pytest.fixture
def site():
    with NewsSite() as site:
        yield site


@pytest.fixture
def fetcher():
    with Fetcher(timeout=5, delay=0) as fetcher:
        yield fetcher


# ------------------------------------------------------------------------------- article pages


def test_article_page_gives_text_and_metadata(site, fetcher):
    canonical = site.url("/news/2024/ferry-returns")
    site.add(
        "/ferry.html",
        article_html("Ferry returns after refit", FERRY, published="2024-03-05T09:00:00+00:00",
                     author="Ada Quill", site="Harbour Gazette", canonical=canonical),
    )

    result = load_url(site.url("/ferry.html"), fetcher)

    [article] = result.articles
    assert article.title == "Ferry returns after refit"
    assert article.published == "2024-03-05"
    assert article.authors == ("Ada Quill",)
    assert article.source == "Harbour Gazette"
    assert article.url == canonical
    assert article.article_id == sha16(canonical)  # the existing id rule, from the canonical URL
    assert article.text.startswith("The Harrowgate ferry returned")  # the headline is not repeated
    assert "twelve minutes" in article.text
    assert "Home" not in article.text and "Copyright" not in article.text  # navigation and footer left out
    assert result.problems == [] and result.notes == []


def test_a_canonical_url_on_another_site_is_not_trusted(site, fetcher):
    site.add("/ferry.html", article_html("Ferry returns", FERRY, published="2024-03-05",
                                         canonical="https://other-outlet.example/their-story"))
    [article] = load_url(site.url("/ferry.html"), fetcher).articles
    assert article.url == site.url("/ferry.html")


def test_page_without_a_date_is_kept_with_an_empty_date_and_a_note(site, fetcher):
    site.add("/undated.html", article_html("Bridge reopens", BRIDGE))
    result = load_url(site.url("/undated.html"), fetcher)
    [article] = result.articles
    assert article.published == ""
    assert [n.message for n in result.notes] == ["no published date found in the page; the date is left empty"]


def test_page_without_text_is_an_error(site, fetcher):
    site.add("/empty.html", "<html><head><title>Menu</title></head><body><nav>Home | News</nav></body></html>")
    with pytest.raises(FetchError, match="no text"):
        load_url(site.url("/empty.html"), fetcher)


def test_html_files_on_disk_load_the_same_way(tmp_path):
    (tmp_path / "bridge.html").write_text(
        article_html("Bridge reopens", BRIDGE, published="2024-04-12", site="Valley Post",
                     canonical="https://valley-post.example/bridge"), encoding="utf-8")
    (tmp_path / "menu.html").write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    (tmp_path / "undated.htm").write_text(article_html("Orchard fair", ORCHARD), encoding="utf-8")

    result = load_path(tmp_path)

    by_title = {a.title: a for a in result.articles}
    assert set(by_title) == {"Bridge reopens", "Orchard fair"}
    bridge = by_title["Bridge reopens"]
    assert (bridge.published, bridge.source, bridge.url) == ("2024-04-12", "Valley Post", "https://valley-post.example/bridge")
    assert bridge.article_id == sha16("https://valley-post.example/bridge")
    assert by_title["Orchard fair"].published == ""
    assert [(Path(p.path).name, p.message.split(":")[0]) for p in result.problems] == [("menu.html", "no text")]
    assert [Path(n.path).name for n in result.notes] == ["undated.htm"]


# ------------------------------------------------------------------------------------ feeds


def test_rss_feed_with_full_content_needs_no_page_fetches(site, fetcher):
    site.add("/rss.xml", rss("Harbour Gazette", [
        dict(title="Ferry returns", link="https://gazette.example/ferry", pubDate="Tue, 05 Mar 2024 09:00:00 GMT",
             description="The ferry is back.", content=html_body(FERRY), author="Ada Quill"),
        dict(title="Bridge reopens", link="https://gazette.example/bridge", pubDate="Fri, 12 Apr 2024 23:30:00 -0200",
             description="The bridge is open.", content=html_body(BRIDGE)),
    ]), content_type="application/rss+xml")

    result = load_url(site.url("/rss.xml"), fetcher)

    ferry, bridge = result.articles
    assert (ferry.title, ferry.source, ferry.published, ferry.authors) == (
        "Ferry returns", "Harbour Gazette", "2024-03-05", ("Ada Quill",))
    assert ferry.article_id == sha16("https://gazette.example/ferry")
    assert "twelve minutes" in ferry.text
    assert bridge.published == "2024-04-13"  # 23:30 at -02:00 is the 13th in UTC
    assert site.paths() == ["/robots.txt", "/rss.xml"]


def test_atom_feed(site, fetcher):
    site.add("/atom.xml", atom("Valley Post", [
        dict(title="Orchard fair breaks record", link="https://valley-post.example/orchard", author="Ben Ives",
             updated="2024-09-08T10:00:00Z", published="2024-09-07T18:00:00Z", content=html_body(ORCHARD)),
    ]), content_type="application/atom+xml")

    [article] = load_url(site.url("/atom.xml"), fetcher).articles

    assert (article.title, article.source, article.published, article.authors) == (
        "Orchard fair breaks record", "Valley Post", "2024-09-07", ("Ben Ives",))
    assert "nine tonnes of apples" in article.text


def test_summary_only_feed_reads_each_entrys_page(site, fetcher):
    site.add("/ferry.html", article_html("Ferry back | Harbour Gazette", FERRY, site="Harbour Gazette"))
    site.add("/kiln.html", article_html("Kiln fired", KILN, published="2024-10-02"))
    site.add("/summaries.xml", rss("Harbour Gazette", [
        dict(title="Ferry returns", link=site.url("/ferry.html"), pubDate="Tue, 05 Mar 2024 09:00:00 GMT",
             description="The ferry is back."),
        dict(title="Kiln fired again", link=site.url("/kiln.html"), description="Pots."),
    ]), content_type="application/rss+xml")

    result = load_url(site.url("/summaries.xml"), fetcher)

    ferry, kiln = result.articles
    assert "/ferry.html" in site.paths() and "/kiln.html" in site.paths()
    assert ferry.title == "Ferry returns" and ferry.published == "2024-03-05"  # the feed's title and date win
    assert "twelve minutes" in ferry.text and "The ferry is back." not in ferry.text
    assert kiln.published == "2024-10-02"  # no date in the feed: the page's
    assert "eleven hundred degrees" in kiln.text


def test_broken_xml_is_reported(site, fetcher):
    site.add("/broken.xml", b'<?xml version="1.0"?><rss version="2.0"><channel><title>Half a feed</ti',
             content_type="application/rss+xml")
    with pytest.raises(FetchError, match="not a valid RSS or Atom feed"):
        load_url(site.url("/broken.xml"), fetcher)


# ----------------------------------------------------------------------- the polite fetcher


@pytest.mark.parametrize(
    "route, expected",
    [
        (dict(body=b"gone", status=404, content_type="text/plain"), "HTTP 404 (Not Found)"),
        (dict(body=b"oops", status=500, content_type="text/plain"), "HTTP 500 (Internal Server Error)"),
        (dict(body=article_html("Slow", FERRY), delay=3.0), "timed out"),
    ],
    ids=["404", "500", "slower-than-timeout"],
)
def test_http_errors_and_timeouts_are_one_clear_error(site, route, expected):
    site.add("/page", **route)
    with Fetcher(timeout=0.5, delay=0) as fetcher, pytest.raises(FetchError) as info:
        load_url(site.url("/page"), fetcher)
    assert str(info.value).startswith(site.url("/page") + ": ")
    assert expected in str(info.value)


def test_unreachable_host_is_one_clear_error(fetcher):
    from tests.conftest import free_port

    with pytest.raises(FetchError, match="cannot reach the site"):
        fetcher.get(f"http://127.0.0.1:{free_port()}/nothing-listens-here")


def test_redirects_are_followed_and_the_final_url_kept(site, fetcher):
    site.add("/old-address", b"", status=301, headers={"Location": "/moved/bridge.html"})
    site.add("/moved/bridge.html", article_html("Bridge reopens", BRIDGE, published="2024-04-12"))
    [article] = load_url(site.url("/old-address"), fetcher).articles
    assert article.url == site.url("/moved/bridge.html")
    assert site.paths()[-2:] == ["/old-address", "/moved/bridge.html"]


def test_gzip_responses_are_decoded(site, fetcher):
    site.add("/gz.xml", rss("Gzip Gazette", [dict(title="Kiln", link="https://gz.example/kiln",
                                                  pubDate="Wed, 02 Oct 2024 08:00:00 GMT",
                                                  content=html_body(KILN))]),
             content_type="application/rss+xml", gzip=True)
    [article] = load_url(site.url("/gz.xml"), fetcher).articles
    assert "two hundred glazed bowls" in article.text
    [hit] = [h for h in site.log if h.path == "/gz.xml"]
    assert "gzip" in hit.headers["accept-encoding"]  # and the server did compress: Route(gzip=True)


def test_non_utf8_page_and_feed(site, fetcher):
    words = ["Le café de Zürich a rouvert après l'été, avec des crêpes à deux euros et une terrasse agrandie."]
    site.add("/latin1.html", article_html("Café rouvert à Zürich", FERRY + words, published="2024-06-01",
                                          charset="iso-8859-1").encode("iso-8859-1"),
             content_type="text/html; charset=iso-8859-1")
    site.add("/cp1252.xml", rss("Gazette française", [dict(
        title="Marché de Noël: 5 € l'entrée", link="https://gazette.example/noel",
        pubDate="Sun, 01 Dec 2024 10:00:00 GMT",
        content=html_body(BRIDGE + ["Le marché de Noël coûte 5 € l'entrée cette année, a dit la mairie."]))],
        encoding="windows-1252"), content_type="application/rss+xml")

    site.add("/meta-only.html", article_html("Crêpes à Zürich", KILN + words, published="2024-06-02",
                                             charset="windows-1252").encode("cp1252"),
             content_type="text/html")  # the charset only in <meta charset>

    [page] = load_url(site.url("/latin1.html"), fetcher).articles
    [entry] = load_url(site.url("/cp1252.xml"), fetcher).articles
    [meta_only] = load_url(site.url("/meta-only.html"), fetcher).articles

    assert page.title == "Café rouvert à Zürich" and "crêpes à deux euros" in page.text
    assert meta_only.title == "Crêpes à Zürich" and "crêpes à deux euros" in meta_only.text
    assert entry.title == "Marché de Noël: 5 € l'entrée" and entry.source == "Gazette française"
    assert "coûte 5 € l'entrée" in entry.text


def test_robots_txt_is_honoured(site, fetcher):
    site.add("/robots.txt", "User-agent: *\nDisallow: /members/\n", content_type="text/plain")
    site.add("/members/kiln.html", article_html("Kiln", KILN, published="2024-10-02"))
    site.add("/open/ferry.html", article_html("Ferry", FERRY, published="2024-03-05"))
    site.add("/feed.xml", rss("Gazette", [
        dict(title="Kiln", link=site.url("/members/kiln.html"), description="Members only."),
        dict(title="Ferry", link=site.url("/open/ferry.html"), description="For all."),
    ]), content_type="application/rss+xml")

    with pytest.raises(FetchError, match="robots.txt of this site disallows"):
        load_url(site.url("/members/kiln.html"), fetcher)
    result = load_url(site.url("/feed.xml"), fetcher)

    assert [a.title for a in result.articles] == ["Ferry"]
    assert [(p.path, p.message.split(";")[0]) for p in result.problems] == [
        (site.url("/members/kiln.html"), "robots.txt of this site disallows fetching it")]
    assert "/members/kiln.html" not in site.paths()
    assert site.paths().count("/robots.txt") == 1  # read once per site


def test_requests_name_newsrag(site, fetcher):
    site.add("/ferry.html", article_html("Ferry", FERRY, published="2024-03-05"))
    load_url(site.url("/ferry.html"), fetcher)
    assert {h.headers["user-agent"] for h in site.log} == {USER_AGENT}
    assert USER_AGENT.startswith("newsrag/")


def test_private_addresses_are_refused_unless_allowed(site):
    site.add("/ferry.html", article_html("Ferry", FERRY, published="2024-03-05"))
    guarded = Config.load(config_file=Path("/nonexistent"), fetch_delay=0)
    assert guarded.allow_private_urls is False
    with Fetcher.from_config(guarded) as fetcher, pytest.raises(FetchError, match="private or local address"):
        fetcher.get(site.url("/ferry.html"))
    assert site.log == []  # refused before anything was sent
    for url in ("http://10.1.2.3/a", "http://[::1]/a", "http://169.254.169.254/latest", "http://localhost/a",
                "http://[::ffff:192.168.1.10]/a", "http://0.0.0.0/a"):
        with pytest.raises(FetchError, match="private or local address"):
            check_public(url)

    allowed = Config.load(config_file=Path("/nonexistent"), fetch_delay=0, allow_private_urls=True)
    with Fetcher.from_config(allowed) as fetcher:
        assert fetcher.get(site.url("/ferry.html")).status == 200


def test_config_reads_feeds_and_url_settings(tmp_path, monkeypatch):
    toml = tmp_path / "newsrag.toml"
    toml.write_text('feeds = ["https://gazette.example/rss.xml", "https://valley-post.example/atom.xml"]\n'
                    "allow_private_urls = true\nfetch_delay = 0.25\n", encoding="utf-8")
    config = Config.load(config_file=toml)
    assert config.feeds == ["https://gazette.example/rss.xml", "https://valley-post.example/atom.xml"]
    assert config.allow_private_urls is True and config.fetch_delay == 0.25
    monkeypatch.setenv("NEWSRAG_FEEDS", "https://a.example/rss https://b.example/rss")
    assert Config.load(config_file=toml).feeds == ["https://a.example/rss", "https://b.example/rss"]
    toml.write_text("fetch_timeout = 'soon'\n", encoding="utf-8")
    with pytest.raises(NewsragError, match="fetch_timeout must be a number"):
        Config.load(config_file=toml)


# ------------------------------------------------------------------------------------ watch


def watch_config(tmp_path) -> Config:
    return Config.load(config_file=Path("/nonexistent"), index_dir=tmp_path / "index", fetch_delay=0,
                       fetch_timeout=2)


def chunks_of(config: Config, article_id: str) -> list[str]:
    from rag.store import Store

    store = Store(config)
    collection = store.collection(store.read_manifest().collection)
    return collection.get(where={"article_id": article_id}, include=["documents"])["documents"]


def test_watch_stores_an_entry_once_replaces_an_updated_one_and_picks_up_new_ones(site, tmp_path, embedder):
    from rag.store import Store
    from rag.watch import Watcher

    config = watch_config(tmp_path)
    ferry = dict(title="Ferry returns", link="https://gazette.example/ferry", pubDate="Tue, 05 Mar 2024 09:00:00 GMT",
                 content=html_body(FERRY))
    bridge = dict(title="Bridge reopens", link="https://gazette.example/bridge",
                  pubDate="Fri, 12 Apr 2024 09:00:00 GMT", content=html_body(BRIDGE))
    feed = site.add("/rss.xml", rss("Harbour Gazette", [ferry, bridge]), content_type="application/rss+xml")
    watcher = Watcher([site.url("/rss.xml")], config, embedder=embedder)

    [first] = watcher.round()
    [second] = watcher.round()  # the same entries again: stored once

    assert (first.status, first.report.added) == ("ingested", 2)
    assert (second.status, second.report, second.seen) == ("nothing new", None, 2)
    assert Store(config).read_manifest().articles == 2

    new_text = FERRY[:1] + ["A second vessel, the Merrow Lass, will join the route in June, the operator added."]
    feed.body = rss("Harbour Gazette", [dict(ferry, content=html_body(new_text)), bridge])
    [third] = watcher.round()  # same URL, new text: the old chunks are replaced

    assert (third.report.added, third.report.updated, third.seen) == (0, 1, 1)
    text = " ".join(chunks_of(config, sha16("https://gazette.example/ferry")))
    assert "Merrow Lass" in text and "twelve minutes" not in text

    kiln = dict(title="Kiln fired", link="https://gazette.example/kiln", pubDate="Wed, 02 Oct 2024 08:00:00 GMT",
                content=html_body(KILN))
    feed.body = rss("Harbour Gazette", [kiln, dict(ferry, content=html_body(new_text)), bridge])
    [fourth] = watcher.round()
    assert (fourth.report.added, fourth.report.updated, fourth.seen) == (1, 0, 2)
    assert Store(config).read_manifest().articles == 3
    assert (Path(config.index_dir) / "watch.json").is_file()


def test_watch_conditional_request_answered_304_fetches_nothing_else(site, tmp_path, embedder):
    from rag.watch import Watcher

    site.add("/ferry.html", article_html("Ferry", FERRY, published="2024-03-05"))
    site.add("/rss.xml", rss("Harbour Gazette", [dict(title="Ferry returns", link=site.url("/ferry.html"),
                                                      description="The ferry is back.")]),
             content_type="application/rss+xml", etag='"feed-v1"', last_modified="Tue, 05 Mar 2024 10:00:00 GMT")
    watcher = Watcher([site.url("/rss.xml")], watch_config(tmp_path), embedder=embedder)

    [first] = watcher.round()
    before = len(site.log)
    [second] = watcher.round()

    assert first.report.added == 1
    assert second.status == "not modified" and second.line().endswith("not modified (304)")
    [poll] = site.log[before:]  # one request, no entry page re-fetched
    assert (poll.path, poll.status) == ("/rss.xml", 304)
    assert poll.headers["if-none-match"] == '"feed-v1"'
    assert poll.headers["if-modified-since"] == "Tue, 05 Mar 2024 10:00:00 GMT"


def test_a_rebuild_makes_watch_read_its_feeds_again(site, tmp_path, embedder):
    from rag.indexing import rebuild
    from rag.store import Store
    from rag.watch import Watcher

    site.add("/rss.xml", rss("Harbour Gazette", [dict(title="Ferry returns", link="https://gazette.example/ferry",
                                                      pubDate="Tue, 05 Mar 2024 09:00:00 GMT",
                                                      content=html_body(FERRY))]),
             content_type="application/rss+xml", etag='"v1"')
    config = watch_config(tmp_path)
    watcher = Watcher([site.url("/rss.xml")], config, embedder=embedder)
    [first] = watcher.round()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "kiln.txt").write_text("Kiln fired\n" + " ".join(KILN), encoding="utf-8")
    rebuild([corpus], config, progress=False, embedder=embedder)  # the ferry is no longer in the index
    before = len(site.log)

    [second] = watcher.round()

    assert first.report.added == 1
    assert second.report.added == 1  # read again, not "not modified"
    assert "if-none-match" not in site.log[before].headers
    assert Store(config).read_manifest().articles == 2


def test_watch_keeps_going_when_a_feed_or_a_page_fails_and_retries_next_round(site, tmp_path, embedder):
    from rag.store import Store
    from rag.watch import Watcher

    down = site.add("/down.xml", b"oops", status=500, content_type="text/plain")
    site.add("/broken.xml", b"<rss><channel><title>Half", content_type="application/rss+xml")
    site.add("/ferry.html", article_html("Ferry", FERRY, published="2024-03-05"))
    kiln_page = site.add("/kiln.html", b"not yet", status=503, content_type="text/plain")
    site.add("/good.xml", rss("Harbour Gazette", [
        dict(title="Ferry returns", link=site.url("/ferry.html"), description="The ferry is back."),
        dict(title="Kiln fired", link=site.url("/kiln.html"), description="Pots."),
    ]), content_type="application/rss+xml", etag='"good-v1"')
    feeds = [site.url("/down.xml"), site.url("/broken.xml"), site.url("/good.xml")]
    config = watch_config(tmp_path)
    lines, warnings = [], []
    watcher = Watcher(feeds, config, embedder=embedder)

    watcher.run(rounds=1, out=lines.append, err=warnings.append)

    assert len(lines) == 1 and "1 added" in lines[0] and "1 skipped" in lines[0]
    assert any("down.xml: failed:" in w and "HTTP 500" in w and "trying again next round" in w for w in warnings)
    assert any("broken.xml: failed:" in w and "not a valid RSS or Atom feed" in w for w in warnings)
    assert any(w.startswith("skipped ") and "kiln.html" in w and "HTTP 503" in w for w in warnings)

    down.status, down.body = 200, rss("Valley Post", [dict(title="Orchard fair", link="https://vp.example/orchard",
                                                           pubDate="Sat, 07 Sep 2024 18:00:00 GMT",
                                                           content=html_body(ORCHARD))])
    down.content_type = "application/rss+xml"
    kiln_page.status, kiln_page.body = 200, article_html("Kiln", KILN, published="2024-10-02").encode()
    kiln_page.content_type = "text/html; charset=utf-8"
    before = len(site.log)
    outcomes = watcher.round()

    assert [o.status for o in outcomes] == ["ingested", "failed", "ingested"]
    assert outcomes[2].report.added == 1 and outcomes[2].seen == 1  # the kiln retried, the ferry not re-read
    assert "/ferry.html" not in [h.path for h in site.log[before:]]
    good = [h for h in site.log[before:] if h.path == "/good.xml"][0]
    assert "if-none-match" not in good.headers  # a round with a failed entry keeps no validators
    assert Store(config).read_manifest().articles == 3


# ---------------------------------------------------------------------------------- the CLI


def newsrag(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSRAG_")}
    env.update(NEWSRAG_CONFIG="/nonexistent", NEWSRAG_FETCH_DELAY="0", NEWSRAG_FETCH_TIMEOUT="1")
    return subprocess.run([sys.executable, "-m", "rag.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=timeout)


def one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsrag: error: "), result.stderr
    return lines[0]


def test_cli_url_errors_are_one_line(site, tmp_path):
    site.add("/robots.txt", "User-agent: *\nDisallow: /members/\n", content_type="text/plain")
    site.add("/members/a.html", article_html("Members", FERRY))
    site.add("/menu.html", "<html><body><nav>Home</nav></body></html>")
    index = str(tmp_path / "index")
    from tests.conftest import free_port

    cases = [
        (site.url("/missing.html"), "HTTP 404 (Not Found)"),
        (site.url("/members/a.html"), "robots.txt of this site disallows"),
        (site.url("/menu.html"), "no text"),
        (f"http://127.0.0.1:{free_port()}/", "cannot reach the site"),
    ]
    for url, expected in cases:
        line = one_line_error(newsrag("ingest", url, "--index-dir", index, "-q"))
        assert url in line and expected in line
    assert "not a file, nor an http(s) URL" in one_line_error(newsrag("ingest", "ftp://gazette.example/feed.xml",
                                                                      "--index-dir", index))
    assert not (tmp_path / "index" / "manifest.json").exists()  # nothing written
    assert "--every" in one_line_error(newsrag("watch", site.url("/feed.xml"), "--every", "soon", "--index-dir", index))
    assert "no feeds to watch" in one_line_error(newsrag("watch", "--index-dir", index))


def test_cli_ingests_urls_with_paths_and_watch_picks_up_a_new_entry(site, tmp_path):
    site.add("/bridge.html", article_html("Bridge reopens", BRIDGE, published="2024-04-12", site="Valley Post"))
    (tmp_path / "kiln.md").write_text("---\ntitle: Kiln fired\npublished: 2024-10-02\n---\n" + "\n\n".join(KILN),
                                      encoding="utf-8")
    ferry = dict(title="Ferry returns", link="https://gazette.example/ferry", pubDate="Tue, 05 Mar 2024 09:00:00 GMT",
                 content=html_body(FERRY))
    orchard = dict(title="Orchard fair", link="https://gazette.example/orchard",
                   pubDate="Sat, 07 Sep 2024 18:00:00 GMT", content=html_body(ORCHARD))
    # the feed gains an entry between the first and the second poll
    site.add("/rss.xml", lambda hit: rss("Harbour Gazette", [ferry] if hit == 1 else [orchard, ferry]),
             content_type="application/rss+xml")
    index = str(tmp_path / "index")

    ingested = newsrag("ingest", site.url("/bridge.html"), str(tmp_path / "kiln.md"), "--index-dir", index, "-q")
    watched = newsrag("watch", site.url("/rss.xml"), "--rounds", "2", "--every", "1s", "--index-dir", index, "-q")
    asked = newsrag("ask", "How many tonnes of apples did the Quenby orchard fair sell?", "--index-dir", index)

    assert ingested.returncode == 0, ingested.stderr
    assert ingested.stdout.startswith("2 added, 0 updated, 0 unchanged")
    assert watched.returncode == 0, watched.stderr
    first, second, total = watched.stdout.strip().splitlines()
    assert first.endswith(site.url("/rss.xml") + ": 1 added, 0 updated, 0 unchanged")
    assert second.endswith(site.url("/rss.xml") + ": 1 added, 0 updated, 0 unchanged; 1 entry already seen")
    assert total == "2 articles added or updated"
    assert asked.returncode == 0, asked.stderr
    assert "nine tonnes" in asked.stdout and "Harbour Gazette" in asked.stdout
