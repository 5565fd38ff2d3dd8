"""Articles: the unit of the news archive, and the loaders that read them from disk.

Supported inputs (see ``SUPPORTED_SUFFIXES``):

* ``.md``       -- optional YAML front matter (``title``, ``published``, ``source``,
                   ``url``, ``authors``, ``id``) followed by the body.  Without front
                   matter the first non-empty line (minus leading ``#``) is the title.
* ``.txt``      -- first non-empty line is the title, the rest is the body.
* ``.html``     -- an article page saved to disk: main text and metadata extracted with
  ``.htm``         trafilatura (see rag/pages.py); no text -> a problem, no date -> a note.
* ``.jsonl``    -- one JSON object per line (``id``, ``url``, ``title``, ``source``,
  ``.jsonl.gz``    ``published``, ``authors``, ``text``).  Bad lines are reported and
                   skipped; the rest of the file still loads.

Loaders never raise for bad *content*: they return a :class:`LoadResult` whose
``problems`` say what is wrong and where.  They raise :class:`NewsragError` only
for a path that does not exist or an unsupported file given explicitly.

This module must stay cheap to import: standard library only at import time
(``yaml`` is imported lazily, the first time a Markdown file with front matter is read).
"""

from __future__ import annotations

import calendar
import gzip
import hashlib
import json
import os
import re
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from rag.errors import NewsragError

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Article",
    "LoadProblem",
    "LoadResult",
    "article_id_for",
    "content_hash_for",
    "load_path",
    "load_paths",
    "make_article",
    "normalise_date",
    "normalise_text",
    "normalise_title",
]

SUPPORTED_SUFFIXES = (".md", ".txt", ".jsonl", ".jsonl.gz", ".html", ".htm")

# Longest title derived from the first line of the text when a record has none.
_DERIVED_TITLE_MAX = 120


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Article:
    """One news article, normalised.  Build it with :func:`make_article`."""

    article_id: str
    title: str
    text: str
    source: str = ""
    url: str = ""
    published: str = ""  # "YYYY-MM-DD" or "" when unknown
    authors: tuple[str, ...] = ()
    content_hash: str = ""  # sha256 hex of title + "\n" + text
    origin: str = ""  # "path:line" or "path", for messages

    @property
    def published_ts(self) -> int:
        """Epoch seconds of the published date at 00:00 UTC; 0 when unknown."""
        if not self.published:
            return 0
        try:
            day = date.fromisoformat(self.published)
        except ValueError:
            return 0
        return calendar.timegm(day.timetuple())


@dataclass(frozen=True)
class LoadProblem:
    """Something in an input file that could not be loaded, and what to do about it."""

    path: str
    line: int | None  # 1-based, for .jsonl/.jsonl.gz; None for a whole file
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class LoadResult:
    articles: list[Article] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)
    duplicates: int = 0  # records dropped: same article_id or same content_hash as an earlier one
    notes: list[LoadProblem] = field(default_factory=list)  # loaded, but worth knowing (e.g. a page with no date)


# --------------------------------------------------------------------- normalising

_MANY_NEWLINES = re.compile(r"\n{3,}")
# A photo gallery flattened into the text by a page scraper: "Photos: <gallery title> <caption 1> Hide Caption 1 of
# 16 Photos: <gallery title> <caption 2> Hide Caption 2 of 16 ..." on one line.
_GALLERY_MARK = re.compile(r"\s*\bHide Caption \d+ of \d+\b\s*")
_GALLERY_HEAD = "Photos:"


def unroll_galleries(text: str) -> str:
    """Each flattened photo gallery as a "Photos: <title>" line and one line per caption, without the widget's
    "Hide Caption N of M" and the title repeated before every caption: else a quoted sentence carries them."""
    if "Hide Caption" not in text:
        return text
    return "\n".join(_unroll_gallery(line) for line in text.split("\n"))


# A gallery heading the page printed twice ("Photos: Photos: Prince William through the years ..."): once is meant
_GALLERY_HEAD_REPEATED = re.compile(r"\bPhotos:(?:\s+Photos:)+")


def _unroll_gallery(line: str) -> str:
    line = _GALLERY_HEAD_REPEATED.sub(_GALLERY_HEAD, line)
    parts = [part for part in _GALLERY_MARK.split(line) if part]
    if not parts:
        return ""
    if len(parts) == 1 and parts[0] == line:
        return line
    head = parts[0].rfind(_GALLERY_HEAD)
    before, parts[0] = (parts[0][:head].rstrip(), parts[0][head:]) if head >= 0 else ("", parts[0])
    shown = [part.split() for part in parts if part.startswith(_GALLERY_HEAD)]
    title: list[str] = []
    if len(shown) >= 2:
        for words in zip(*shown):
            if any(w != words[0] for w in words):
                break
            title.append(words[0])
    lines = [before] if before else []
    if len(title) > 1:  # "Photos:" and at least one word of the gallery's title
        heading = " ".join(title)
        if before == heading:  # (the title printed once more before the first photo)
            lines = []
        lines.append(heading)
        parts = [part[len(heading):].strip() if part.startswith(heading) else part for part in parts]
    return "\n".join(lines + [part for part in parts if part])


# "More: <headline>", "READ MORE: ...", "Related: ...": a link to another story printed between paragraphs. Quoted,
# it answers with a sentence the article never says (and often about something else); searched, it matches the
# other story's words.
_LINK_LINE = re.compile(
    r"(?im)^[^\S\n]*(?:more|read\s+more|related(?:\s+coverage)?|see\s+also|also\s+read|read\s+also)[^\S\n]*:"
    r"[^\S\n]*\S+(?:[^\S\n]+\S+){0,29}[^\S\n]*$\n?"  # one to 30 words, each matched one way only
)


# A web page's link laid out as a kicker glued to the other story's headline, with no space after the colon: "Fact
# check:Yes, ...", "You may like:...", "TRUMP SUBPOENA:...", "Live updates:...", "Who runs the ferry?:What to know ...",
# "DETOURS, DELAYS:How the town coped ...". The kicker is one to eight words (a comma, "?" or "!" among them) that open
# with a capital (not "Q" / "A" / "Question" / "Answer" of an interview), the headline opens with a
# capital, a digit or a quote and runs at most 25 words, and the line is nothing else. A glued line that runs longer
# is a dateline paragraph ("Bismarck:Republican U.S. Sen. ..." in a round-up of the states) and is kept, as is
# "Note: ..." written with a space, "https://..." and a time ("By 9:30 p.m., ...").
_GLUED_LINK_LINE = re.compile(
    r"(?m)^[^\S\n]*(?!(?:Q|A|Question|Answer)[^\S\n]*:)[A-Z][\w'’&.,?!-]*(?:[^\S\n]+[\w'’&.,?!-]+){0,7}(?<![\d,]):"
    r"(?=[A-Z0-9'\"‘“])\S+(?:[^\S\n]+\S+){0,24}[^\S\n]*$\n?"
)


# A web page's video player printed in the text: "JUST WATCHED <title> Replay More Videos ... MUST WATCH <title>
# 02:00" or "Video Ad Feedback <title> 02:54 - Source: CNN" (the title may also follow the source). The title is another
# piece's headline, printed once or twice: quoted, it is a sentence the article never says; searched, it counts the
# video's words twice.
_VIDEO_PLAYER_LINE = re.compile(
    r"(?m)^[^\S\n]*(?:JUST WATCHED\b.*\bReplay More Videos\b.*\bMUST WATCH\b.*\b\d{1,2}:\d\d"
    r"|Video Ad Feedback\b.*\b\d{1,2}:\d\d - Source: .*)[^\S\n]*$\n?"
)


# The same written with a space after the colon: "INTERACTIVE: ...", "VISUAL EXPLAINER: ...", "FULL STORY: ...",
# and a few of them in mixed case ("Interactive: ...", "Live updates: ..."). Only these words: an interview's
# "BLITZER: ..." and a gallery's "Photos: <title>" line (see unroll_galleries) are not links, and neither is a
# correction notice ("Video: A previous version of this video misstated ...").
_CAPS_LINK_LINE = re.compile(
    r"(?m)^[^\S\n]*(?:INTERACTIVE|(?:VISUAL[^\S\n]+)?EXPLAINER|FULL[^\S\n]+STORY|LIVE[^\S\n]+UPDATES|IN[^\S\n]+PICTURES"
    r"|PHOTOS|(?:VIEW[^\S\n]+)?GALLERY|VIDEO|WATCH|READ|ARCHIVES|GRAPHICS|VISUALS|PODCAST|OPINION|COLUMN|ANALYSIS"
    r"|Interactive|Live[^\S\n]+updates|Watch|Read|(?:View[^\S\n]+)?[Gg]allery|Graphics|Analysis)"
    r"[^\S\n]*:[^\S\n]*\S+(?:[^\S\n]+\S+){0,24}[^\S\n]*$\n?"
)


def drop_link_lines(text: str) -> str:
    """The text without lines that only link to another story ("More: Why the hottest tickets are in Vegas",
    "Fact check:Yes, the bridge reopened")."""
    return _CAPS_LINK_LINE.sub("", _GLUED_LINK_LINE.sub("", _LINK_LINE.sub("", text)))


def drop_video_players(text: str) -> str:
    """The text without the lines a video player prints ("Video Ad Feedback <title> 02:54 - Source: CNN")."""
    return _VIDEO_PLAYER_LINE.sub("", text)


def normalise_text(text: str) -> str:
    """Body text: no BOM, "\\n" line ends, NFC, photo galleries unrolled (see unroll_galleries), lines that link
    to other stories and video players dropped (see drop_link_lines, drop_video_players), no trailing spaces, <= 1
    blank line, stripped."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = unroll_galleries(text)
    text = drop_link_lines(text)
    text = drop_video_players(text)
    # split/rstrip/join is linear; a regex like r"[^\S\n]+$" can go quadratic on long space runs
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip()


def normalise_title(title: str) -> str:
    """Title: NFC, all whitespace runs collapsed to one space, stripped."""
    title = unicodedata.normalize("NFC", title.replace("\ufeff", ""))
    return " ".join(title.split())


def _normalise_authors(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        parts: Iterable[Any] = value.split(",")
    elif isinstance(value, (list, tuple)):
        parts = value
    else:
        kind = type(value).__name__
        raise ValueError(f"'authors' must be a list or a comma-separated string, not {kind}")
    out = []
    for part in parts:
        if part is None:
            continue
        if not isinstance(part, str):
            part = str(part)
        name = " ".join(unicodedata.normalize("NFC", part).split())
        if name:
            out.append(name)
    return tuple(out)


def _as_str(value: Any, name: str) -> str:
    """A scalar field as a string ("" for None); lists and mappings are an error."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise ValueError(f"'{name}' must be a string, not {type(value).__name__}")


# ---------------------------------------------------------------------------- dates

_STRPTIME_FORMATS = (
    "%d %B %Y",  # 16 June 2020
    "%d %b %Y",  # 16 Jun 2020
    "%B %d, %Y",  # June 16, 2020
    "%b %d, %Y",  # Jun 16, 2020
    "%B %d %Y",  # June 16 2020
    "%b %d %Y",  # Jun 16 2020
    "%Y/%m/%d",  # 2020/06/16
)


def _utc_day(moment: datetime) -> date:
    """The UTC calendar day of a datetime; a naive datetime is taken as UTC."""
    if moment.tzinfo is not None and moment.utcoffset() is not None:
        moment = moment.astimezone(UTC)
    return moment.date()


def normalise_date(value: Any) -> str:
    """A published date as "YYYY-MM-DD" (UTC), or "" for None / "".

    Accepts ISO 8601 dates and datetimes (an offset is converted to UTC, which can
    change the day), RFC 2822 ("Tue, 16 Jun 2020 08:00:00 GMT"), "16 June 2020",
    "June 16, 2020", and ``datetime`` / ``date`` objects.  Raises ``ValueError``
    for anything else.
    """
    if value is None:
        return ""
    if isinstance(value, datetime):  # before `date`: datetime is a subclass of date
        return _utc_day(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError(f"unrecognised date {value!r}: expected a string such as 2020-06-16")
    text = " ".join(value.split())
    if not text:
        return ""

    try:
        return _utc_day(datetime.fromisoformat(text)).isoformat()
    except ValueError:
        pass
    try:
        return _utc_day(parsedate_to_datetime(text)).isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    for fmt in _STRPTIME_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueError(
        f"unrecognised date {value!r}: use YYYY-MM-DD "
        "(ISO 8601, RFC 2822 and '16 June 2020' / 'June 16, 2020' are also accepted)"
    )


# --------------------------------------------------------------------- ids, hashes


def article_id_for(url: str, title: str, published: str, text: str) -> str:
    """The id of an article that carries no explicit id.

    With a URL: the first 16 hex chars of sha1(url.strip()) -- this exact formula
    reproduces the ids of an external benchmark.  Without one: the first 16 hex
    chars of sha1(title + "\\n" + published + "\\n" + text).
    """
    url = (url or "").strip()
    if url:
        return hashlib.sha1(url.encode()).hexdigest()[:16]
    key = f"{title}\n{published}\n{text}"
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def content_hash_for(title: str, text: str) -> str:
    """sha256 hex of the normalised title + "\\n" + normalised text."""
    return hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()


def _title_from_text(text: str) -> str:
    for line in text.split("\n"):
        line = normalise_title(line.lstrip("#"))
        if line:
            return line[:_DERIVED_TITLE_MAX].rstrip()
    return ""


def make_article(
    *,
    title: str | None,
    text: str | None,
    source: str | None = "",
    url: str | None = "",
    published: Any = None,
    authors: Any = (),
    article_id: Any = None,
    origin: str = "",
) -> Article:
    """Build a normalised :class:`Article`, filling ``article_id`` and ``content_hash``.

    An empty title falls back to the first line of the text (at most 120 chars).
    An explicit non-empty ``article_id`` is kept (whitespace-stripped); otherwise
    :func:`article_id_for` computes one.  Raises ``ValueError`` when the text is
    missing or empty, the date cannot be parsed, or a field has the wrong type.
    """
    body = normalise_text(_as_str(text, "text"))
    if not body:
        raise ValueError("missing or empty 'text' (the article has no body)")
    try:
        day = normalise_date(published)
    except ValueError as exc:
        raise ValueError(f"'published': {exc}") from None
    head = normalise_title(_as_str(title, "title")) or _title_from_text(body)
    link = _as_str(url, "url").strip()
    explicit = _as_str(article_id, "id").strip()
    return Article(
        article_id=explicit or article_id_for(link, head, day, body),
        title=head,
        text=body,
        source=" ".join(_as_str(source, "source").split()),
        url=link,
        published=day,
        authors=_normalise_authors(authors),
        content_hash=content_hash_for(head, body),
        origin=origin,
    )


# -------------------------------------------------------------------------- loaders


def _suffix_of(path: Path) -> str | None:
    name = path.name.lower()
    for suffix in sorted(SUPPORTED_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix) and len(name) > len(suffix):
            return suffix
    return None


def _utf8_problem(path: str, line: int | None, exc: UnicodeDecodeError, what: str) -> LoadProblem:
    bad = exc.object[exc.start : exc.start + 1].hex()
    return LoadProblem(
        path,
        line,
        f"{what} is not valid UTF-8 (byte 0x{bad} at offset {exc.start}): "
        + ("re-save the file as UTF-8 or remove the line" if line else "re-save the file as UTF-8"),
    )


def _read_utf8(path: Path, problems: list[LoadProblem]) -> str | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or exc
        problems.append(LoadProblem(str(path), None, f"cannot read the file ({reason})"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(_utf8_problem(str(path), None, exc, "the file"))
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split_title(text: str, strip_hashes: bool) -> tuple[str, str]:
    """First non-empty line as the title, the rest as the body."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.strip():
            head = line.strip()
            if strip_hashes:
                head = head.lstrip("#")
            return head, "\n".join(lines[i + 1 :])
    return "", ""


def _load_txt(path: Path, problems: list[LoadProblem]) -> Iterator[Article]:
    text = _read_utf8(path, problems)
    if text is None:
        return
    title, body = _split_title(text, strip_hashes=False)
    try:
        yield make_article(title=title, text=body, origin=str(path))
    except ValueError as exc:
        hint = "put the title on the first line and the body below it"
        problems.append(LoadProblem(str(path), None, f"{exc}: {hint}"))


def _front_matter(text: str) -> tuple[str, str] | None:
    """(yaml, body) when the text opens with a `---` line closed by another one.

    Returns None when there is no front matter.

    Raises ValueError when the opening `---` is never closed.
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip() == "---":
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :])
    raise ValueError(
        "front matter opened with '---' on line 1 is never closed: add a '---' line after it"
    )


def _load_md(path: Path, problems: list[LoadProblem]) -> Iterator[Article]:
    where = str(path)
    text = _read_utf8(path, problems)
    if text is None:
        return
    try:
        parts = _front_matter(text)
    except ValueError as exc:
        problems.append(LoadProblem(where, None, str(exc)))
        return
    if parts is None:
        title, body = _split_title(text, strip_hashes=True)
        try:
            yield make_article(title=title, text=body, origin=where)
        except ValueError as exc:
            hint = "put a title line and the body below it"
            problems.append(LoadProblem(where, None, f"{exc}: {hint}"))
        return

    import yaml  # lazy: keeps `import rag.articles` cheap

    header, body = parts
    try:
        meta = yaml.safe_load(header)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as exc:
        # safe_load raises ValueError for an impossible date (published: 2024-02-30), RecursionError for very
        # deep nesting
        detail = " ".join(str(exc).split())[:300] or type(exc).__name__
        message = f"front matter is not valid YAML ({detail}): fix the YAML between the '---' lines"
        problems.append(LoadProblem(where, None, message))
        return
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        problems.append(
            LoadProblem(
                where,
                None,
                f"front matter is a YAML {type(meta).__name__}, not a mapping: "
                "write 'key: value' lines (title, published, source, url, authors, id)",
            )
        )
        return
    published = meta.get("published", meta.get("date"))
    try:
        yield make_article(
            title=meta.get("title"),
            text=body,
            source=meta.get("source"),
            url=meta.get("url"),
            published=published,
            authors=meta.get("authors"),
            article_id=meta.get("id"),
            origin=where,
        )
    except ValueError as exc:
        problems.append(LoadProblem(where, None, f"{exc}: fix the file"))


_JSON_KINDS = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}


def _parse_jsonl_line(raw: bytes, where: str, lineno: int) -> Article | LoadProblem | None:
    """One line of a .jsonl file: an Article, a LoadProblem, or None for a blank line."""
    raw = raw.strip()
    if not raw:
        return None
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _utf8_problem(where, lineno, exc, "the line")
    if line.startswith("\ufeff"):
        line = line[1:]
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        message = f"broken JSON ({exc.msg} at column {exc.colno}): fix or remove the line"
        return LoadProblem(where, lineno, message)
    except RecursionError:  # [[[[... nested deeper than the parser goes
        return LoadProblem(where, lineno, "JSON nested too deeply to read: fix or remove the line")
    if not isinstance(record, dict):
        kind = _JSON_KINDS.get(type(record), "a number")
        message = f"expected a JSON object, got {kind}: write one {{...}} object per line"
        return LoadProblem(where, lineno, message)
    try:
        return make_article(
            title=record.get("title"),
            text=record.get("text"),
            source=record.get("source"),
            url=record.get("url"),
            published=record.get("published"),
            authors=record.get("authors"),
            article_id=record.get("id"),
            origin=f"{where}:{lineno}",
        )
    except ValueError as exc:
        return LoadProblem(where, lineno, f"{exc}: fix or remove the line")


def _load_jsonl(path: Path, problems: list[LoadProblem], compressed: bool) -> Iterator[Article]:
    """Stream the lines (gzip-decompressed on the fly) and decode each one on its own."""
    where = str(path)
    lineno = 0
    try:
        stream = gzip.open(path, "rb") if compressed else open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        reason = exc.strerror or exc
        problems.append(LoadProblem(where, None, f"cannot read the file ({reason})"))
        return
    with stream:
        try:
            for lineno, raw in enumerate(stream, start=1):
                parsed = _parse_jsonl_line(raw, where, lineno)
                if isinstance(parsed, LoadProblem):
                    problems.append(parsed)
                elif parsed is not None:
                    yield parsed
        except (EOFError, OSError, zlib.error) as exc:
            # lineno is the last line read in full; the damage is on the next one
            if compressed:
                what = "compressed file is truncated or corrupt"
            else:
                what = "cannot read the file"
            message = (
                f"{what} ({exc}); the {lineno} line(s) before were kept: "
                "re-download or re-create the file to load the rest"
            )
            problems.append(LoadProblem(where, lineno + 1, message))


def _load_html(path: Path, problems: list[LoadProblem], notes: list[LoadProblem]) -> Iterator[Article]:
    from rag.pages import extract_page  # lazy: trafilatura is heavy

    where = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(LoadProblem(where, None, f"cannot read the file ({exc.strerror or exc})"))
        return
    try:
        extracted = extract_page(raw, origin=where)
    except ValueError as exc:
        problems.append(LoadProblem(where, None, str(exc)))
        return
    notes.extend(LoadProblem(where, None, note) for note in extracted.notes)
    yield extracted.article


def _load_file(
    path: Path, suffix: str, problems: list[LoadProblem], notes: list[LoadProblem] | None = None
) -> Iterator[Article]:
    if suffix in (".html", ".htm"):
        return _load_html(path, problems, notes if notes is not None else [])
    if suffix == ".md":
        return _load_md(path, problems)
    if suffix == ".txt":
        return _load_txt(path, problems)
    return _load_jsonl(path, problems, compressed=suffix == ".jsonl.gz")


def _files_in(root: Path) -> list[tuple[Path, str]]:
    """Supported files under a directory, recursively, in a stable order.

    Skips README.md files and hidden files and directories (names starting with ".").
    """
    found: list[tuple[str, Path, str]] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        base = Path(dirpath)
        for name in filenames:
            if name.startswith(".") or name.lower() == "readme.md":
                continue
            full = base / name
            suffix = _suffix_of(full)
            if suffix is not None and full.is_file():
                found.append((full.relative_to(root).as_posix(), full, suffix))
    found.sort(key=lambda item: item[0])
    return [(full, suffix) for _, full, suffix in found]


def _targets(path: Path) -> list[tuple[Path, str]]:
    if not path.exists():
        raise NewsragError(f"{path}: no such file or directory")
    if path.is_dir():
        return _files_in(path)
    suffix = _suffix_of(path)
    if suffix is None:
        supported = ", ".join(SUPPORTED_SUFFIXES)
        raise NewsragError(f"{path}: unsupported file type; supported suffixes are {supported}")
    return [(path, suffix)]


def load_paths(paths: Iterable[str | os.PathLike[str]]) -> LoadResult:
    """Load several files and/or directories; duplicates are dropped across all of them.

    The first occurrence of an article wins.

    Every path is checked before anything is read, so a typo fails fast.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    targets: list[tuple[Path, str]] = []
    for p in paths:
        targets.extend(_targets(Path(p)))

    result = LoadResult(articles=[], problems=[], duplicates=0)
    seen_ids: set[str] = set()
    seen_hashes: set[str] = set()
    for file, suffix in targets:
        for article in _load_file(file, suffix, result.problems, result.notes):
            if article.article_id in seen_ids or article.content_hash in seen_hashes:
                result.duplicates += 1
                continue
            seen_ids.add(article.article_id)
            seen_hashes.add(article.content_hash)
            result.articles.append(article)
    return result


def load_path(path: str | os.PathLike[str]) -> LoadResult:
    """Load one file (by suffix) or a directory.

    A directory is walked recursively in sorted order, loading only supported suffixes
    and skipping README.md files and hidden files and folders.
    """
    return load_paths([path])
