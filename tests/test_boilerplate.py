"""Boilerplate lines (newsletter sign-ups, video-player widgets) are dropped before indexing; news is kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rag.articles import make_article
from rag.boilerplate import MIN_ARTICLES, clean
from rag.config import Config
from rag.indexing import ingest, rebuild
from rag.store import Store

SIGN_UP = "Get the Harbour Post morning briefing in your inbox every day. Sign up here for the newsletter."
WIDGET = [
    "1. How relevant is this ad to you?",
    "Video player was slow to load content Video content never loaded Ad froze or did not finish loading",
]
NEWS = [
    "The Port Alden ferry timetable changes on Monday, with two extra sailings at the weekend.",
    "Fishermen in Port Alden landed a record catch of mackerel after a cold spring.",
    "The Alden library will stay open until nine on Thursdays from next month.",
    "A new cycle lane along the harbour front was opened by the mayor.",
    "Residents of Kellby voted to keep the village post office in the old chapel.",
    "Storm damage closed the coast road between Alden and Wexley for a day.",
]


def day(offset: int) -> str:
    return (dt.date(2024, 3, 1) + dt.timedelta(days=offset)).isoformat()


def post(n: int, body: str, published: str, title: str | None = None, source: str = "Harbour Post"):
    return make_article(title=title or f"Harbour Post story {n}", text=body, source=source,
                        url=f"https://post.example/{n}", published=published)


def write(folder: Path, article) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{article.url.rsplit('/', 1)[1]}.md").write_text(
        f"---\ntitle: {article.title}\npublished: {article.published}\nsource: {article.source}\nurl: {article.url}\n"
        f"---\n\n{article.text}\n",
        encoding="utf-8",
    )


def test_a_line_an_outlet_prints_under_articles_weeks_apart_is_dropped():
    articles = [post(i, f"{NEWS[i]}\n\n{SIGN_UP}", day(7 * i)) for i in range(MIN_ARTICLES)]
    cleaned, raw = clean(articles)
    assert all(SIGN_UP not in a.text for a in cleaned)
    assert [a.text for a in cleaned] == NEWS[:MIN_ARTICLES]
    assert [a.content_hash for a in cleaned] == [a.content_hash for a in articles]  # unchanged files stay unchanged
    assert all(len(raw[a.article_id]) == 2 for a in articles)


def test_copies_of_one_story_days_apart_and_lines_shared_across_outlets_are_kept():
    story = f"{NEWS[0]}\n\n{NEWS[1]}"
    copies = [post(i, story, day(i % 3), title=f"Ferry changes, copy {i}") for i in range(MIN_ARTICLES + 2)]
    cleaned, _ = clean(copies)
    assert [a.text for a in cleaned] == [story] * len(copies)  # syndication is not boilerplate
    outlets = [post(i, f"{NEWS[i]}\n\n{SIGN_UP}", day(7 * i), source=f"Outlet {i}") for i in range(MIN_ARTICLES)]
    cleaned, _ = clean(outlets)
    assert all(SIGN_UP in a.text for a in cleaned)  # each outlet printed it once
    fewer = [post(i, f"{NEWS[i]}\n\n{SIGN_UP}", day(7 * i)) for i in range(MIN_ARTICLES - 1)]
    assert all(SIGN_UP in a.text for a in clean(fewer)[0])


def test_a_video_page_of_widgets_alone_keeps_its_headline_as_its_text():
    pages = [post(i, "\n".join(WIDGET), day(5 * i), title=f"Video: harbour event {i}") for i in range(MIN_ARTICLES)]
    cleaned, _ = clean(pages)
    assert [a.text for a in cleaned] == [a.title for a in pages]


def chunk_texts(config: Config) -> dict[str, str]:
    store = Store(config)
    got = store.collection(store.read_manifest().collection).get(include=["documents", "metadatas"])
    texts: dict[str, str] = {}
    for text, metadata in zip(got["documents"], got["metadatas"]):
        texts[metadata["article_id"]] = texts.get(metadata["article_id"], "") + text
    return texts


def test_indexing_drops_boilerplate_finds_a_video_page_by_headline_and_learns_across_ingests(tmp_path, embedder):
    from rag.chat import Assistant

    corpus = tmp_path / "corpus"
    articles = [post(i, f"{NEWS[i]}\n\n{SIGN_UP}", day(7 * i)) for i in range(MIN_ARTICLES)]
    video = post(50, "\n".join(WIDGET), day(10), title="Rare white whale spotted off Wexley pier")
    others = [post(60 + i, f"{NEWS[5]}\n\n" + "\n".join(WIDGET), day(5 * i), title=f"Video {i}")
              for i in range(MIN_ARTICLES - 1)]
    for article in [*articles, video, *others]:
        write(corpus, article)
    config = Config.load(config_file=Path("/nonexistent"), index_dir=tmp_path / "index")
    rebuild([corpus], config, progress=False, embedder=embedder)

    texts = chunk_texts(config)
    assert len(texts) == 2 * MIN_ARTICLES
    assert not any("Sign up here" in t or "How relevant is this ad" in t for t in texts.values())
    assert texts[video.article_id] == video.title
    assistant = Assistant(config)
    passages = assistant.retrieve("newsletter sign up morning briefing inbox", as_of=day(40))
    assert passages and not any("Sign up" in p.text for p in passages)
    found = assistant.retrieve("Where was a white whale seen?", as_of=day(12), per_article=1)
    assert found[0].article_id == video.article_id

    # a later article printing the same sign-up line: the counts kept from the first build drop it there too
    later = post(70, f"Harbour Post readers picked the Alden lighthouse as the best view in town.\n\n{SIGN_UP}",
                 day(60))
    write(corpus, later)
    report = ingest([corpus], config, progress=False, embedder=embedder)
    assert (report.added, report.unchanged) == (1, 2 * MIN_ARTICLES)  # the files as written count as unchanged
    texts = chunk_texts(config)
    assert "lighthouse" in texts[later.article_id] and "Sign up" not in texts[later.article_id]


def test_round_ups_sharing_only_their_boilerplate_are_not_one_story(tmp_path, embedder):
    from rag.stories import StoryIndex, stories_path

    masthead = [
        "Here is what you need to know to get up to speed and on with your day in Port Alden and beyond.",
        "If your morning does not start until you have read the latest headlines, this briefing is for you.",
        "Forward this briefing to a friend, and tell us what you would like to read more about tomorrow.",
    ]
    corpus = tmp_path / "corpus"
    round_ups = [post(80 + i, "\n\n".join([*masthead, NEWS[i]]), day(4 * i), title=f"Five things, day {4 * i}")
                 for i in range(MIN_ARTICLES + 1)]
    for article in round_ups:
        write(corpus, article)
    config = Config.load(config_file=Path("/nonexistent"), index_dir=tmp_path / "index")
    rebuild([corpus], config, progress=False, embedder=embedder)
    stories = StoryIndex.load(stories_path(config.index_dir, Store(config).read_manifest().collection))
    assert len({stories.story_of(a.article_id) for a in round_ups}) == len(round_ups)
