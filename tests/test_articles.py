"""Loading news articles from .md, .txt, .jsonl and .jsonl.gz files.

All article text here is invented.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from rag.articles import (
    SUPPORTED_SUFFIXES,
    Article,
    LoadProblem,
    article_id_for,
    load_path,
    load_paths,
    make_article,
    normalise_date,
)
from rag.errors import NewsragError

FIXTURES = Path(__file__).parent / "data" / "articles"

CNN_URL = "http://www.cnn.com/2022/02/07/investing/spirit-frontier-airlines-merger/index.html"


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def only_article(result) -> Article:
    assert result.problems == []
    assert len(result.articles) == 1
    return result.articles[0]


# ----------------------------------------------------------------------- Markdown


def test_markdown_front_matter_fixture():
    path = FIXTURES / "harbour-ferry.md"
    art = only_article(load_path(path))

    assert art.title == "Harbour ferry returns after winter refit"  # whitespace collapsed
    assert art.published == "2021-03-04"  # YAML turned it into a date object
    assert art.published_ts == int(datetime(2021, 3, 4, tzinfo=UTC).timestamp())
    assert art.source == "Lakeside Gazette"
    assert art.url == "https://gazette.example/2021/03/04/harbour-ferry"
    assert art.authors == ("Mara Quill", "Tobias Fenn")
    assert art.text.startswith("The harbour ferry *Osprey* resumed")
    assert art.text.endswith("by a fifth.")
    assert "---" not in art.text
    assert art.article_id == hashlib.sha1(art.url.encode()).hexdigest()[:16]
    assert art.content_hash == hashlib.sha256(f"{art.title}\n{art.text}".encode()).hexdigest()
    assert art.origin == str(path)


def test_markdown_front_matter_explicit_id_and_comma_separated_authors(tmp_path):
    path = tmp_path / "mill.md"
    path.write_text(
        "---\n"
        "id: mill-2019-07\n"
        "title: Old mill reopens as a bakery\n"
        "published: 2019-07-21T22:15:00-04:00\n"
        "authors: 'Rosa Klint,  Ade Omar ,'\n"
        "url: https://weekly.example/mill\n"
        "---\n"
        "The mill's wheel turns again.\n",
        encoding="utf-8",
    )
    art = only_article(load_path(path))

    assert art.article_id == "mill-2019-07"  # an explicit id beats the URL
    assert art.published == "2019-07-22"  # 22:15 at UTC-4 is the next day in UTC
    assert art.authors == ("Rosa Klint", "Ade Omar")
    assert art.text == "The mill's wheel turns again."


def test_markdown_without_front_matter_uses_first_line_as_title(tmp_path):
    path = tmp_path / "storm.md"
    path.write_text(
        "\n\n## Storm closes coastal road\n\n"
        "The road reopened at dawn.\n\n\n\n\nCrews cleared the debris.\n",
        encoding="utf-8",
    )
    art = only_article(load_path(path))

    assert art.title == "Storm closes coastal road"
    assert art.text == "The road reopened at dawn.\n\nCrews cleared the debris."  # 3+ newlines -> 2
    assert art.published == "" and art.published_ts == 0
    assert art.source == "" and art.url == ""
    assert art.article_id == article_id_for("", art.title, "", art.text)


def test_markdown_with_bad_yaml_is_reported_for_the_file(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: [unclosed\npublished: 2020-01-01\n---\nBody.\n", encoding="utf-8")
    good = tmp_path / "good.md"
    good.write_text("---\ntitle: Fine\n---\nA body.\n", encoding="utf-8")

    result = load_path(tmp_path)

    assert [a.title for a in result.articles] == ["Fine"]
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.path == str(bad) and problem.line is None
    assert "not valid YAML" in problem.message
    assert str(problem).startswith(f"{bad}: front matter is not valid YAML")


def test_markdown_front_matter_that_is_not_a_mapping(tmp_path):
    path = tmp_path / "list.md"
    path.write_text("---\n- just\n- a list\n---\nBody.\n", encoding="utf-8")

    result = load_path(path)

    assert result.articles == []
    assert len(result.problems) == 1
    assert "not a mapping" in result.problems[0].message


def test_markdown_with_unparseable_date_is_reported(tmp_path):
    path = tmp_path / "when.md"
    path.write_text(
        "---\ntitle: Sometime\npublished: next Tuesday-ish\n---\nBody.\n", encoding="utf-8"
    )

    result = load_path(path)

    assert result.articles == []
    assert "next Tuesday-ish" in result.problems[0].message


# --------------------------------------------------------------------------- text


def test_txt_fixture():
    art = only_article(load_path(FIXTURES / "library-hours.txt"))

    assert art.title == "Village library extends weekend opening hours"
    assert art.text.startswith("The village library will open on Sundays")
    assert art.text.endswith("between ten and four.")
    assert (art.published, art.source, art.url, art.authors) == ("", "", "", ())


def test_txt_normalisation_bom_crlf_trailing_spaces_and_nfc(tmp_path):
    path = tmp_path / "cafe.txt"
    decomposed = "Cafe\u0301"  # "e" + combining acute accent
    raw = f"\ufeff  Title  with   gaps \r\n\r\n{decomposed} opens   \r\nsecond line\t\r\n"
    path.write_bytes(raw.encode("utf-8"))
    art = only_article(load_path(path))

    assert art.title == "Title with gaps"
    assert art.text == "Caf\u00e9 opens\nsecond line"  # NFC, no trailing blanks, LF only


GALLERY = (
    "The river rose two metres overnight.\n\n"
    "Photos: Floods in the Usk valley The water reached the high street in Tamsin on June 3. Hide Caption 1 of 3 "
    "Photos: Floods in the Usk valley Volunteers filled sandbags near the old bridge. Hide Caption 2 of 3 "
    "Photos: Floods in the Usk valley A farmer walks his cows through a flooded field. Hide Caption 3 of 3\n"
    "The council will meet on Friday."
)


def test_a_flattened_photo_gallery_becomes_its_title_and_one_line_per_caption():
    art = make_article(title="Floods", text=GALLERY, source="Usk Courier")
    assert art.text.split("\n") == [
        "The river rose two metres overnight.",
        "",
        "Photos: Floods in the Usk valley",
        "The water reached the high street in Tamsin on June 3.",
        "Volunteers filled sandbags near the old bridge.",
        "A farmer walks his cows through a flooded field.",
        "The council will meet on Friday.",
    ]
    one = make_article(title="One", text="A storm hit. Photos: Storm Only the pier was damaged. Hide Caption 1 of 1")
    assert one.text == "A storm hit.\nPhotos: Storm Only the pier was damaged."  # no title to tell apart
    plain = make_article(title="Plain", text="The menu said Hide Caption in large letters.")
    assert plain.text == "The menu said Hide Caption in large letters."


def test_a_gallery_whose_heading_is_printed_twice_is_unrolled_once():
    """Pages print "Photos: Photos: <title>", and the title once more before the first photo: the gallery is its
    title once and one line per caption, so a quoted caption carries neither."""
    doubled = GALLERY.replace("Photos: ", "Photos: Photos: ").replace(
        "Photos: Photos: Floods", "Photos: Photos: Floods in the Usk valley Photos: Photos: Floods", 1)
    art = make_article(title="Floods", text=doubled, source="Usk Courier")
    assert art.text == make_article(title="Floods", text=GALLERY, source="Usk Courier").text


def test_lines_that_link_to_other_stories_are_dropped():
    text = (
        "Singer Nova Reyes will open a Las Vegas residency in December.\n"
        "More: Why the hottest tickets of the year are Las Vegas residencies\n"
        "More than 20,000 tickets were sold in an hour.\n"
        "READ MORE: The big numbers behind the residency\n"
        "  Related coverage: Which singers will play the Strip next year\n"
        "Related: " + "word " * 40 + "\n"  # a paragraph, not a headline: kept
        "Critics said: the show is too short."
    )
    art = make_article(title="Reyes", text=text, source="Strip Daily")
    assert art.text.split("\n") == [
        "Singer Nova Reyes will open a Las Vegas residency in December.",
        "More than 20,000 tickets were sold in an hour.",
        "Related: " + " ".join(["word"] * 40),
        "Critics said: the show is too short.",
    ]


def test_links_glued_to_their_kicker_are_dropped_and_look_alikes_are_kept():
    """Some pages print a link as a kicker glued to the other story's headline, with no space after the colon."""
    dateline = "Usk:The town council voted " + "to mend the bridge and " * 6 + "reopen it in May."  # 33 words
    text = (
        "The Usk bridge reopened on Monday after a year of repairs.\n"
        "Fact check:Yes, the old bridge was built in 1836\n"
        "You may like:Ten walks along the River Usk this spring\n"
        "BRIDGE CLOSURE:What drivers need to know about the detour\n"
        "Live updates:'A great day for the town' as traffic returns\n"
        "Who paid for the bridge?:What to know about the county's repair fund\n"
        "DETOURS, DELAYS AND DUST:How the town coped with a year of roadworks\n"
        "Q:Who paid for the work?\n"
        "A:The county and the Welsh government shared the cost.\n"
        "By 9:30 a.m. the first buses had crossed.\n"
        "Note: the footpath stays closed until June.\n"
        "Tickets:https://example.org/usk-bridge-walk\n"
        "INTERACTIVE: How the new arches were lifted into place\n"
        "FULL STORY: Usk bridge reopens after a year\n"
        "Interactive: How the bridge was rebuilt, stone by stone\n"
        "Video: A previous version of this video misstated the length of the bridge.\n"
        "LLOYD: We waited a long time for this.\n"
        + dateline
    )
    art = make_article(title="Usk bridge", text=text, source="Usk Weekly")
    assert art.text.split("\n") == [
        "The Usk bridge reopened on Monday after a year of repairs.",
        "Q:Who paid for the work?",
        "A:The county and the Welsh government shared the cost.",
        "By 9:30 a.m. the first buses had crossed.",
        "Note: the footpath stays closed until June.",
        "Tickets:https://example.org/usk-bridge-walk",
        "Video: A previous version of this video misstated the length of the bridge.",
        "LLOYD: We waited a long time for this.",
        dateline,
    ]


def test_the_lines_a_video_player_prints_are_dropped():
    text = (
        "The Usk bridge reopened on Monday after a year of repairs.\n"
        "JUST WATCHED Divers inspect the bridge Replay More Videos ... MUST WATCH Divers inspect the bridge 02:00\n"
        "More than 400 cars crossed in the first hour.\n"
        "Video Ad Feedback Watch the first bus cross the Usk bridge 01:12 - Source: Usk TV\n"
        "Video Ad Feedback 00:59 - Source: Usk TV Flood water under the old arches\n"
        "Engineers will inspect it again in 2027.\n"
        "The council said it would watch the video feedback before 10:30 on Friday."
    )
    art = make_article(title="Usk bridge", text=text, source="Usk Weekly")
    assert art.text.split("\n") == [
        "The Usk bridge reopened on Monday after a year of repairs.",
        "More than 400 cars crossed in the first hour.",
        "Engineers will inspect it again in 2027.",
        "The council said it would watch the video feedback before 10:30 on Friday.",
    ]


def test_undecodable_txt_is_reported_not_raised(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Fête du village\n\nLa fête a eu lieu.\n".encode("latin-1"))

    result = load_path(path)

    assert result.articles == []
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.path == str(path) and problem.line is None
    assert "not valid UTF-8" in problem.message
    assert "re-save the file as UTF-8" in problem.message


def test_txt_with_only_a_title_has_no_text(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("Just a headline\n\n   \n", encoding="utf-8")

    result = load_path(path)

    assert result.articles == []
    assert "text" in result.problems[0].message


# -------------------------------------------------------------------------- JSONL


def test_jsonl_fixture():
    result = load_path(FIXTURES / "town-council.jsonl")

    assert result.problems == [] and result.duplicates == 0
    budget, fair = result.articles
    assert budget.article_id == "tc-001"
    assert budget.published == "2022-09-12"
    assert budget.authors == ("Ines Marlow",)
    assert budget.origin.endswith("town-council.jsonl:1")
    assert fair.article_id == hashlib.sha1(b"https://courier.example/orchard-fair").hexdigest()[:16]
    assert fair.published == "2022-09-18"
    assert fair.authors == ("Ines Marlow", "Piet Draaf")
    assert fair.text == (
        "More than four thousand visitors came to the orchard fair.\n"
        "The cider press ran out of apples by noon."
    )
    assert fair.origin.endswith("town-council.jsonl:2")


def test_jsonl_missing_title_uses_first_line_of_text(tmp_path):
    long_line = "Word " * 40
    path = write_jsonl(
        tmp_path / "a.jsonl",
        [{"text": f"{long_line}\nSecond line."}, {"title": None, "text": "Short.\nMore."}],
    )

    first, second = load_path(path).articles

    assert len(first.title) <= 120 and first.title.startswith("Word Word")
    assert second.title == "Short."


def test_jsonl_bad_lines_are_reported_with_line_numbers_and_skipped(tmp_path):
    path = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps({"url": "https://ex.example/1", "title": "One", "text": "First."}).encode(),  # 1
        b'{"title": "Broken", "text": "no closing brace"',  # 2: broken JSON
        json.dumps({"title": "No body", "url": "https://ex.example/3"}).encode(),  # 3: missing text
        b"",  # 4: blank, skipped silently
        json.dumps({"title": "When?", "published": "the day after", "text": "Odd."}).encode(),  # 5
        b'{"title": "Bytes", "text": "caf\xe9 au lait"}',  # 6: latin-1 byte, not UTF-8
        b'["not", "an", "object"]',  # 7
        json.dumps({"title": "Empty", "text": "   "}).encode(),  # 8: empty text
        json.dumps({"title": "Two", "published": None, "text": "Second good."}).encode(),  # 9
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")

    result = load_path(path)

    assert [a.title for a in result.articles] == ["One", "Two"]
    assert result.articles[1].published == ""
    by_line = {p.line: p for p in result.problems}
    assert sorted(by_line) == [2, 3, 5, 6, 7, 8]
    assert all(p.path == str(path) for p in result.problems)
    assert by_line[2].message.startswith("broken JSON (")
    assert by_line[2].message.endswith("fix or remove the line")
    assert "text" in by_line[3].message
    assert "the day after" in by_line[5].message
    assert "not valid UTF-8" in by_line[6].message
    assert "JSON object" in by_line[7].message and "array" in by_line[7].message
    assert "text" in by_line[8].message
    assert str(by_line[2]).startswith(f"{path}:2: broken JSON")


def test_jsonl_gz_is_read_like_plain_jsonl(tmp_path):
    records = [
        {"id": f"gz-{i}", "title": f"Item {i}", "published": f"2023-01-0{i + 1}", "text": f"Body {i}."}
        for i in range(3)
    ]
    plain = write_jsonl(tmp_path / "plain.jsonl", records)
    packed = tmp_path / "packed.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))

    from_gz = load_path(packed)

    assert from_gz.problems == []
    assert [a.article_id for a in from_gz.articles] == ["gz-0", "gz-1", "gz-2"]
    assert from_gz.articles[2].origin == f"{packed}:3"
    plain_articles = load_path(plain).articles
    assert [a.content_hash for a in from_gz.articles] == [a.content_hash for a in plain_articles]


def test_truncated_gzip_keeps_the_lines_before_the_damage(tmp_path):
    records = [
        {"id": f"t-{i}", "title": f"T{i}", "text": f"Line {i} " + "filler " * 200} for i in range(200)
    ]
    data = gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode(), compresslevel=1)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])

    result = load_path(path)

    assert 0 < len(result.articles) < 200
    kept = len(result.articles)
    assert [a.article_id for a in result.articles] == [f"t-{i}" for i in range(kept)]
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.path == str(path)
    assert problem.line == len(result.articles) + 1
    assert "truncated or corrupt" in problem.message


def test_not_a_gzip_file_is_reported(tmp_path):
    path = tmp_path / "fake.jsonl.gz"
    path.write_bytes(b'{"title": "x", "text": "plain, not gzip"}\n')

    result = load_path(path)

    assert result.articles == []
    assert len(result.problems) == 1 and "corrupt" in result.problems[0].message


# -------------------------------------------------------------------- ids, hashes


def test_id_from_url_is_sha1_of_the_url():
    assert article_id_for(CNN_URL, "any title", "2022-02-07", "any text") == "76f45d04f73c1df1"
    assert article_id_for(f"  {CNN_URL}\n", "", "", "") == "76f45d04f73c1df1"  # the URL is stripped
    art = make_article(title="Airlines agree to merge", text="Invented body.", url=CNN_URL)
    assert art.article_id == "76f45d04f73c1df1"


def test_id_without_url_hashes_title_date_and_text():
    expected = hashlib.sha1(b"A title\n2020-06-16\nSome text.").hexdigest()[:16]
    assert article_id_for("", "A title", "2020-06-16", "Some text.") == expected


def test_ids_and_hashes_are_stable_across_loads_and_line_endings(tmp_path):
    body = (
        "---\ntitle: Bridge repainted\npublished: 2020-05-01\n---\n"
        "The bridge is green now.\n\nPainters worked at night.\n"
    )
    lf = tmp_path / "lf" / "bridge.md"
    crlf = tmp_path / "crlf" / "bridge.md"
    lf.parent.mkdir()
    crlf.parent.mkdir()
    lf.write_bytes(body.encode())
    crlf.write_bytes(body.replace("\n", "\r\n").encode())

    first, again, windows = (only_article(load_path(p)) for p in (lf, lf, crlf))

    assert first == again
    assert windows.article_id == first.article_id
    assert windows.content_hash == first.content_hash
    assert windows.text == first.text


def test_content_hash_changes_with_the_text():
    a = make_article(title="Same title", text="Version one.", article_id="x")
    b = make_article(title="Same title", text="Version two.", article_id="x")
    assert a.content_hash != b.content_hash
    assert len(a.content_hash) == 64


def test_make_article_rejects_missing_text_and_bad_dates():
    with pytest.raises(ValueError, match="text"):
        make_article(title="Headline only", text="")
    with pytest.raises(ValueError, match="text"):
        make_article(title="Headline only", text=None)
    with pytest.raises(ValueError, match="Octember"):
        make_article(title="t", text="body", published="3 Octember 2020")


# --------------------------------------------------------------------- duplicates


def test_duplicates_by_id_and_by_content_are_stored_once(tmp_path):
    path = write_jsonl(
        tmp_path / "dups.jsonl",
        [
            {"id": "a", "title": "Alpha", "text": "Alpha body."},
            {"id": "a", "title": "Alpha again", "text": "Different body, same id."},  # same id
            {"id": "b", "title": "Alpha", "text": "Alpha body."},  # same content, new id
            {"id": "c", "title": "Gamma", "text": "Gamma body."},
        ],
    )

    result = load_path(path)

    assert [a.article_id for a in result.articles] == ["a", "c"]
    assert result.articles[0].title == "Alpha"  # first one wins
    assert result.duplicates == 2
    assert result.problems == []


def test_duplicates_are_removed_across_paths(tmp_path):
    story = {"url": "https://x.example/story", "title": "Story", "text": "Told once."}
    one = write_jsonl(tmp_path / "one.jsonl", [story])
    two = tmp_path / "two.md"
    two.write_text(
        "---\nurl: https://x.example/story\ntitle: Story (copy)\n---\nTold twice.\n", encoding="utf-8"
    )

    result = load_paths([one, two])

    assert [a.title for a in result.articles] == ["Story"]
    assert result.duplicates == 1


# -------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-06-16", "2020-06-16"),
        ("2020-06-16T10:00:00Z", "2020-06-16"),
        ("2020-06-16 10:00:00+09:00", "2020-06-16"),
        ("2020-06-16 05:00:00+09:00", "2020-06-15"),  # 20:00 UTC the day before
        ("2020-06-16T22:30:00-05:00", "2020-06-17"),  # 03:30 UTC the day after
        ("16 June 2020", "2020-06-16"),
        ("June 16, 2020", "2020-06-16"),
        ("Tue, 16 Jun 2020 08:00:00 GMT", "2020-06-16"),
        ("Tue, 16 Jun 2020 23:00:00 -0300", "2020-06-17"),
        ("  2020-06-16  ", "2020-06-16"),
        (date(2020, 6, 16), "2020-06-16"),
        (datetime(2020, 6, 16, 10, 0), "2020-06-16"),
        (datetime(2020, 6, 16, 1, 0, tzinfo=timezone(timedelta(hours=3))), "2020-06-15"),
        (None, ""),
        ("", ""),
    ],
)
def test_normalise_date_accepts(value, expected):
    assert normalise_date(value) == expected


@pytest.mark.parametrize(
    "value", ["yesterday", "2020-13-45", "16/06/2020", "June 31, 2020", "12", ["2020-06-16"]]
)
def test_normalise_date_rejects_garbage(value):
    with pytest.raises(ValueError):
        normalise_date(value)


def test_published_ts_is_midnight_utc():
    art = make_article(title="t", text="x", published="1970-01-02")
    assert art.published_ts == 86400


# --------------------------------------------------------------- paths, directories


def test_loading_the_fixture_directory_skips_readme_and_unsupported_files():
    result = load_path(FIXTURES)

    assert result.problems == []
    assert sorted(a.title for a in result.articles) == [
        "Council approves cycle lane budget",
        "Harbour ferry returns after winter refit",
        "Orchard fair draws record crowd",
        "Village library extends weekend opening hours",
    ]
    assert not any("README" in a.origin or "notes.csv" in a.origin for a in result.articles)


def test_directory_load_is_recursive_and_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "nested.txt").write_text("Nested\nInside b.\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("# Top\nAt the root.\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# About\nNot an article.\n", encoding="utf-8")
    (tmp_path / "b" / "README.md").write_text("# About b\nNot an article.\n", encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    write_jsonl(tmp_path / "c.jsonl", [{"title": "Last", "text": "From jsonl."}])

    result = load_path(tmp_path)

    # a.md, b/nested.txt, c.jsonl
    assert [a.title for a in result.articles] == ["Top", "Nested", "Last"]
    assert result.problems == []


def test_missing_path_raises_newsrag_error(tmp_path):
    missing = tmp_path / "nowhere.jsonl"
    with pytest.raises(NewsragError, match="no such file or directory"):
        load_path(missing)
    with pytest.raises(NewsragError, match="nowhere"):
        load_paths([FIXTURES, missing])


def test_unsupported_file_given_explicitly_raises(tmp_path):
    with pytest.raises(NewsragError) as info:
        load_path(FIXTURES / "notes.csv")
    assert all(suffix in str(info.value) for suffix in SUPPORTED_SUFFIXES)


def test_load_problem_str():
    assert str(LoadProblem("a.jsonl", 7, "broken JSON")) == "a.jsonl:7: broken JSON"
    assert str(LoadProblem("b.md", None, "bad YAML")) == "b.md: bad YAML"


def test_module_does_not_import_heavy_libraries():
    code = (
        "import sys, rag.articles; "
        "heavy = {'torch', 'chromadb', 'llama_index', 'yaml'} & set(sys.modules); "
        "print(sorted(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent.parent,
        env={"PYTHONPATH": str(Path(__file__).parent.parent)},
    )
    assert out.stdout.strip() == "[]"
