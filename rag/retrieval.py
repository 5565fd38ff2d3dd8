"""Query -> ranked Passages from the index, collapsed per article, filtered by outlet and date."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from rag.text import NAME_SHARE, STOPWORDS, alias_stems, capitalised_words, index_terms, stems, truecase, words

RRF_K = 20
DENSE_POOL = 100
CANDIDATES = 50
# Recency prior: score * (1 + weight * exp(-age_days / scale)), set on the bench dev questions.
RECENCY_WEIGHT_NO_TIME_WORD = 1.0
RECENCY_SCALE_NO_TIME_WORD = 14.0
RECENCY_WEIGHT_VAGUE = 2.0
# A question without a stated time is most often about recent news: candidates are drawn from the last
# RECENT_WINDOW_DAYS as well as from the whole archive, so recent articles are not crowded out of the pool.
RECENT_WINDOW_DAYS = 14
# A day named by its date that is the day asked ("dissidents called for protests on November 11" asked on November
# 11) is when something was set to happen: it was reported in the days before, and its own coverage has hardly begun.
# The search of that day is merged with the passages of the PREVIEW_DAYS before it that name it by its date ("on Nov.
# 11"): a report of those days that does not is of something else. ("today" and "on Friday" asked on a Friday name
# the day of asking, not a date set for something.)
PREVIEW_DAYS = 7
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")
# "Recent" is counted back from the archive's newest article when the question is asked after it: an archive
# updated last week still prefers its own latest reports (and draws candidates from its own last days), instead of
# ranking everything as equally old. Time words the question states ("last week", "yesterday") are still read
# against the day asked.
# A date the question names outright that ended before it was asked ("on January 6, 2021", "in mid-June", "last
# week", "yesterday") is when something happened; coverage of it runs from then to the day of the question (a
# Monday parade is reported on Tuesday, June's inflation figure in mid-July), so the search covers the window and
# everything after it, all ranked together: the days themselves are not preferred (on the bench dev set,
# preferring them lost 1-2 of the 2 such gold questions, whose answers were in later coverage). A window that
# runs up to the day asked ("this week", "today") is searched as it is.
# A window that ends at most RECENT_END_DAYS before the day asked counts as running up to it ("this year").
RECENT_END_DAYS = 14
# Within a window wider than this that runs up to the question's day ("this year"), recent articles are preferred
# and candidates are drawn from its last RECENT_WINDOW_DAYS too, as with no time word at all (bench dev set, 12
# such questions: the candidates from the last days took answer accuracy with options from 0.6871 to 0.6903).
WIDE_WINDOW_DAYS = 31
# A question that names one of the archive's outlets ("What did The Week say about ...") prefers its passages:
# their scores count OUTLET_BOOST times (a source filter, --source, keeps only the outlets it names).
OUTLET_BOOST = 1.5
# Headlines (each article's title embedded alone) ranked against the question make a third list in the fusion, at
# this weight, re-ranking the chunks the dense and keyword lists found. Matched against the question's own words,
# not the options: a headline names the story, and an older story about a wrong option would match. Bench dev set:
# hit@1 0.6579 -> 0.693 with options and 0.614 -> 0.6316 without, MRR@10 +0.02 (README, Benchmarks; weights 0.5-2
# and adding articles found by their headline alone were tried in a prototype).
HEADLINE_WEIGHT = 1.0
# An archive whose newest article is more than STALE_AFTER_DAYS older than the day asked says so with each answer.
STALE_AFTER_DAYS = 7
# A question that names no date of its own (or only "recently") is most often about the latest news: when the
# newest source its answer quotes is more than OLD_SOURCES_DAYS older than the day asked, the answer says so (bench
# dev set, question alone: 1 of the 10 such answers was right, against 142 of the 275 answers given).
OLD_SOURCES_DAYS = 30
# Round-ups ("Five things to know", "News from around the states") hold a sentence on everything and so rank
# for everything. An article's focus is the mean cosine of its chunks to their centroid (1.0 under 3 chunks);
# below FOCUS_FULL its passages lose up to FOCUS_PENALTY of their score, all of it at FOCUS_NONE.
FOCUS_FULL = 0.75
FOCUS_NONE = 0.55
FOCUS_PENALTY = 0.5
# A name in the question that few chunks hold ("What happened to FTX?") is what the question is about, but only
# the keyword list finds it (the embedder does not know the name) and rank fusion lets passages that both lists
# half-match outrank it. A passage holding the question's rare names gains up to RARE_NAME_BOOST of its score
# (in proportion to how many it holds). A name is rare when no more than RARE_NAME_SHARE of the chunks hold it,
# or RARE_NAME_MIN_CHUNKS in a small archive; month and day names are not names. On the bench dev set this
# changes no hit@k and no answer.
RARE_NAME_BOOST = 1.0
# A month asked about that is over ("How much did prices rise in June?", asked on July 15) is searched from its first
# day to the day asked, to take in its coverage (_narrowed). Of the reports published after it, one that names the
# month looks back on it (the report of June's prices came out on July 13 and says "in June"): its score counts
# 1 + LOOKING_BACK_BOOST times (Retriever._prefer_looking_back).
LOOKING_BACK_BOOST = 0.5
# A briefing ("What happened yesterday?", "Top stories this week"): the articles of the window the question names
# (the last BRIEFING_DAYS up to the day asked when it names none), round-ups left out (focus under FOCUS_FULL),
# grouped into stories, an article joining the story whose first chunks (headline and lede) it is nearest in
# meaning when their centre is at least STORY_SIMILARITY alike (cosine),
# and the BRIEFING_STORIES stories most articles report, each by the article most like the others in its group.
# Past BRIEFING_MAX_ARTICLES in the window ("this year" in a large archive) only the newest are grouped, so a
# briefing stays quick.
BRIEFING_STORIES = 5
BRIEFING_DAYS = 7
STORY_SIMILARITY = 0.6
BRIEFING_MAX_ARTICLES = 5000
DESK_PAGE = 1000  # links fetched per call when a briefing is of one desk
# A timeline ("Timeline of Liz Truss's premiership", "How did the rail strike unfold?") lists the days the archive
# reports the topic on (an article is about it as for a briefing's topic: see Retriever._about), at most
# TIMELINE_DAYS of them, the days most articles report it on, oldest first, each by the article most like that
# day's others. With no time named, the whole archive up to the day asked is read, but for a lone report far from
# all the others (_without_strays).
TIMELINE_DAYS = 8
# "Which outlets reported the Usk flood?": the outlets with an article about the topic (as for a timeline), most
# articles first (first to report first when the question asks who was first), at most COVERAGE_OUTLETS of them,
# each by its first article about it.
COVERAGE_OUTLETS = 12
# With no time named, the coverage is the story's: the reports are split where no article about the topic came out
# for more than COVERAGE_GAP_DAYS, and the run with most articles (the latest of equals) is the one listed. "Which
# outlets reported the Queen's death?" had counted a 2016 report of her reign outlasting Thailand's King and a 2022
# Jubilee preview that names her father's death, and put a 2016 article first for "Who reported it first?".
COVERAGE_GAP_DAYS = 30
# "after Pelosi's visit": the event's day is the day most of the EVENT_ARTICLES articles found for "Pelosi's visit"
# were published, found as for a question with no time word: with the candidates of the last days and the recency
# prior. "the Fed's decision" asked on 2022-09-22 is the decision of the day before (four of the articles so found),
# not the May one (two of those found without them). Of days found as often, the latest occurrence is meant, and its
# first day: the earliest of the tied days within EVENT_RUN_DAYS of the latest ("Rishi Sunak resigned" is told most
# on July 6 and on July 7, when Johnson resigned: July 6). "after" reads from the day after it, "since" from that
# day, "before" up to the day before it.
EVENT_ARTICLES = 10
EVENT_RUN_DAYS = 7
RARE_NAME_SHARE = 0.001
RARE_NAME_MIN_CHUNKS = 3
# A question with options: the chunks of the OPTION_ARTICLES best articles that hold every word of an option join
# the passages after their article's own (at most OPTION_CHUNKS_PER_ARTICLE each). A quiz often asks about a detail
# further down the article the question is about, in a chunk the question's words alone do not find. They are read
# from the other articles of each one's story too (the search returns one article per story, and a later version may
# be the one that tells the detail: 510 quiz with options 418 -> 419, the SpaceX Crew-5 doll's likeness).
OPTION_ARTICLES = 3
OPTION_CHUNKS_PER_ARTICLE = 2
MAX_CHUNKS_READ = 500  # chunks of one article looked at
# An open question: of the ASKED_ARTICLES best articles, the one chunk not found that holds the largest share (at
# least ASKED_SHARE) of the asking sentence's words besides its names joins the passages after its article's own
# ("The Usk burst its banks on Monday. Which club did the mayor thank?": "club", "mayor" and "thank", in a later
# chunk; of chunks holding as many, the last). Question alone over the dev set and six held-out sets (720
# questions): 419 -> 422 right (4 gained; 1 lost, where a second quote from the added chunk named other states);
# a share of 0.7 or 0.4, one article or three: 420-422; the first of chunks holding as many: 421 (5 gained, 3 lost).
ASKED_ARTICLES = 2
ASKED_SHARE = 0.5


# A question whose search found nothing that names what it names is searched again among the articles of the last
# NAMING_DAYS whose headline or first chunk names it (Retriever.search_naming); older ones are other news.
NAMING_DAYS = 90


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the search to. Dates are inclusive and compare with the published date."""

    sources: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None

    def is_empty(self) -> bool:
        return not (self.sources or self.since or self.until)


@dataclass(frozen=True)
class EventWindow:
    """How a question's "after <event>" was read: the event's day and the window it gives."""

    op: str
    event: str
    phrase: str
    day: dt.date
    since: dt.date | None
    until: dt.date

    def holds(self, published: str) -> bool:
        """Whether a day ("2022-08-04") is in the window."""
        return bool(published) and (not self.since or published >= self.since.isoformat()) and \
            published <= self.until.isoformat()

    def note(self) -> str:
        return (f"“{self.phrase}” is read as {days_phrase(self.since, self.until)}: the articles found for "
                f"“{self.event}” are most from {self.day}.")


@dataclass(frozen=True)
class WindowMoved:
    """The question's first window (`named`) held nothing naming what it names (`names`); `read` was searched."""

    named: object  # rag.dates.TimeIntent
    read: object
    names: list[str]
    named_days: tuple[dt.date | None, dt.date]  # the days searched for each (coverage after a past day included)
    read_days: tuple[dt.date | None, dt.date]

    def note(self) -> str:
        return (f"Nothing published {days_phrase(*self.named_days)} (“{self.named.phrase}”) mentions "
                f"{' or '.join(self.names)}; the articles searched are those {days_phrase(*self.read_days)} "
                f"(“{self.read.phrase}”).")


@dataclass
class Passage:
    """One retrieved chunk with its article's metadata; `text` is article.text[char_start:char_end]."""

    chunk_id: str
    article_id: str
    chunk_no: int
    text: str
    score: float
    title: str
    source: str
    url: str
    published: str
    char_start: int
    char_end: int
    also_reported_by: list[str] = field(default_factory=list)
    loaded: bool = True  # False: a candidate whose text and metadata are not fetched yet (see hydrate)
    # a chunk read for one detail of an article found (Retriever.with_chunks_saying): it does not take the place of
    # one the search found among those the answerer reads (rag.answering.extractive.PASSAGES_READ)
    detail: bool = False


def day_start_ts(day: dt.date) -> int:
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def chroma_where(filters: Filters | None) -> dict | None:
    """Chroma's `where` for the filters: outlet(s) and a published_ts range."""
    if filters is None or filters.is_empty():
        return None
    parts: list[dict] = []
    if filters.sources:
        parts.append({"source": {"$in": list(filters.sources)}})
    if filters.since:
        parts.append({"published_ts": {"$gte": day_start_ts(filters.since)}})
    if filters.until:
        parts.append({"published_ts": {"$lte": day_start_ts(filters.until)}})
    return parts[0] if len(parts) == 1 else {"$and": parts}


class DenseRetriever:
    """Nearest chunks by cosine similarity in the Chroma collection.

    Chroma answers an unfiltered query in milliseconds but a filtered one (a date range, an outlet) in a hundred
    or more, and returning documents and metadata for a hundred results costs more than the search itself. So,
    when the keyword index (which keeps each chunk's date, outlet and vector) is there, the query asks Chroma
    only for the ids and distances of the nearest DENSE_POOL chunks and filters them here; only when too few of
    those pass does it score the chunks that pass the filter exactly, against the kept vectors. The passages come
    back thin (no text yet): `Retriever` fetches the text of the few it returns in one `get`.
    """

    def __init__(self, collection, embedder, keyword=None):
        self.collection = collection
        self.embedder = embedder
        self.keyword = keyword

    def search(self, query: str, *, filters: Filters | None = None, limit: int = 40, vector=None) -> list[Passage]:
        """Nearest chunks to the query (or to its `vector`, when already embedded) that pass the filters."""
        vector = self.embedder.embed_query(query) if vector is None else vector
        filtered = filters is not None and not filters.is_empty()
        if self.keyword is None:
            return self._query_full(vector, filters if filtered else None, limit)
        pool = min(DENSE_POOL if filtered else limit, max(len(self.keyword), 1))
        result = self.collection.query(query_embeddings=[vector.tolist()], n_results=pool, include=["distances"])
        ids, distances = result["ids"][0], result["distances"][0]
        keep = self.keyword.mask(filters) if filtered else None
        passages = []
        for chunk_id, distance in zip(ids, distances):
            row = self.keyword.row_of(chunk_id)
            if row is None or (keep is not None and not keep[row]):
                continue
            passages.append(thin_passage(self.keyword, row, 1.0 - float(distance)))
            if len(passages) >= limit:
                return passages
        if not filtered or len(ids) < pool:
            return passages
        return self._exact(vector, keep, limit)

    def _exact(self, vector, keep, limit: int) -> list[Passage]:
        import numpy as np

        rows = np.flatnonzero(keep)
        if rows.size == 0:
            return []
        similarities = np.asarray(self.keyword.vectors[rows], dtype=np.float32) @ vector
        take = min(limit, rows.size)
        best = np.argpartition(-similarities, take - 1)[:take]
        best = best[np.argsort(-similarities[best])]
        return [thin_passage(self.keyword, int(rows[i]), float(similarities[i])) for i in best]

    def _query_full(self, vector, filters: Filters | None, limit: int) -> list[Passage]:
        """Without a keyword index: Chroma filters and returns the text itself (slower)."""
        where = chroma_where(filters)
        result = self.collection.query(
            query_embeddings=[vector.tolist()],
            n_results=limit,
            where=where,
            include=["documents", "metadatas", "distances"],
        )
        rows = zip(result["ids"][0], result["documents"][0], result["metadatas"][0], result["distances"][0])
        return [passage_from(i, d, m, 1.0 - float(distance)) for i, d, m, distance in rows]


def _passes(metadata: dict, filters: Filters) -> bool:
    if filters.sources and metadata.get("source") not in filters.sources:
        return False
    ts = int(metadata.get("published_ts", 0))
    if filters.since and ts < day_start_ts(filters.since):
        return False
    return not (filters.until and ts > day_start_ts(filters.until))


class _TermRows:
    """Which chunks of the keyword index hold a term, looked up once per term."""

    def __init__(self, keyword):
        self.keyword = keyword
        self.rows: dict[str, object] = {}

    def holds(self, row: int, term: str) -> bool:
        if term not in self.rows:
            self.rows[term] = self.keyword.chunks_with(term)
        return self.rows[term] is not None and bool(self.rows[term][row])

    def all_of(self, row: int, terms: Sequence[str]) -> bool:
        return all(self.holds(row, term) for term in terms)


def asking_terms(question: str) -> list[str]:
    """The keyword index's terms of the question's last sentence (the one that asks), less its names (words
    capitalised past the question's first)."""
    from rag.sentences import asking_sentence
    from rag.text import index_terms

    asking = asking_sentence(question)
    names = set(index_terms(capitalised_words(question)))
    return [term for term in dict.fromkeys(index_terms(asking)) if term not in names]


def thin_passage(keyword, row: int, score: float) -> Passage:
    """A candidate known only from the keyword index (id, outlet, date); `hydrate` fills in its text."""
    chunk_id = keyword.chunk_ids[row]
    article_id, _, chunk_no = chunk_id.rpartition(":")
    return Passage(
        chunk_id=chunk_id,
        article_id=article_id,
        chunk_no=int(chunk_no) if chunk_no.isdigit() else 0,
        text="",
        score=score,
        title="",
        source=str(keyword.sources[row]),
        url="",
        published=keyword.published_on(row),
        char_start=0,
        char_end=0,
        loaded=False,
    )


def hydrate(collection, passages: list[Passage]) -> list[Passage]:
    """The passages with text and metadata from the collection (one `get`); ones it no longer holds are dropped."""
    missing = [p.chunk_id for p in passages if not p.loaded]
    if not missing:
        return passages
    # an ingest replacing an article writes its chunks over the old ones under the same ids; only the chunks its new
    # version has no counterpart for go (until the keyword index is rebuilt, a search can still name them)
    got = collection.get(ids=missing, include=["documents", "metadatas"])
    found = {i: (d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])}
    kept = []
    for passage in passages:
        if passage.loaded:
            kept.append(passage)
        elif passage.chunk_id in found:
            text, metadata = found[passage.chunk_id]
            full = passage_from(passage.chunk_id, text, metadata, passage.score)
            full.also_reported_by, full.detail = passage.also_reported_by, passage.detail
            kept.append(full)
    return kept


def passage_from(chunk_id: str, text: str, metadata: dict, score: float) -> Passage:
    return Passage(
        chunk_id=chunk_id,
        article_id=metadata["article_id"],
        chunk_no=int(metadata["chunk_no"]),
        text=text,
        score=score,
        title=metadata.get("title", ""),
        source=metadata.get("source", ""),
        url=metadata.get("url", ""),
        published=metadata.get("published", ""),
        char_start=int(metadata["char_start"]),
        char_end=int(metadata["char_end"]),
    )


def _open_ended(intent, as_of: dt.date) -> bool:
    """A window of more than WIDE_WINDOW_DAYS that runs up to the day of the question ("this year", "over the
    past year", "since 2004"): the news asked about is most often the latest of it."""
    since, until = intent.as_filter()
    return bool(since and until and (until - since).days > WIDE_WINDOW_DAYS
                and (as_of - until).days <= RECENT_END_DAYS)


def coverage_notes(question: str, as_of: dt.date, passages: Sequence[Passage], *, newest: str = "",
                   filters: Filters | None = None, use_dates: bool = True) -> list[str]:
    """What a reader should know about time that the sources alone do not say: that none of them is from the
    window the question names (the search then fell back to other days), and that the archive ends well before
    the day asked. `newest` is the archive's newest published date (YYYY-MM-DD, "" when unknown)."""
    from rag.dates import parse_time

    notes = []
    intent = parse_time(question, as_of) if use_dates else None
    since, until = intent.as_filter() if intent else (None, None)
    if since or until:
        until = min(until or as_of, as_of)
        low, high = (since or dt.date.min).isoformat(), until.isoformat()
        if not any(p.published and low <= p.published <= high for p in passages):
            days = days_phrase(since, until)
            tail = ": the sources are from other days." if passages else "."
            notes.append(f'Nothing found was published {days} ("{intent.phrase}"){tail}')
    try:
        newest_day = dt.date.fromisoformat(newest) if newest else None
    except ValueError:
        newest_day = None
    if newest_day is not None and (as_of - newest_day).days > STALE_AFTER_DAYS:
        asked_earlier = any(d is not None and d <= newest_day for d in (until, filters and filters.until))
        if not asked_earlier:
            notes.append(
                f"The archive's newest article is from {newest_day}, {(as_of - newest_day).days} days before "
                f"{as_of}: later news is not in it."
            )
    return notes


def _days_before(question: str, as_of: dt.date, day: str, use_dates: bool) -> int | None:
    """How many days `day` (YYYY-MM-DD) is before as_of; None when it is no date, or when the question names a window
    of its own (its sources' age is then coverage_notes' to tell)."""
    from rag.dates import EXPLICIT, parse_time

    if not day or (use_dates and parse_time(question, as_of).kind == EXPLICIT):
        return None
    try:
        return (as_of - dt.date.fromisoformat(day)).days
    except ValueError:
        return None


def old_lead_note(question: str, as_of: dt.date, published: Sequence[str], *, use_dates: bool = True) -> str:
    """A note when the first of the quoted sources' dates (`published`, YYYY-MM-DD) is more than OLD_SOURCES_DAYS
    before as_of though a later quote's is not, and the question names no window of its own: the answer leads with
    old news ("What did the jobs report show?" asked on 2022-11-05, opened with a 2019 piece on a 2018 report)."""
    age = _days_before(question, as_of, published[0], use_dates) if published else None
    newest = max((p for p in published if p), default="")
    if age is None or age <= OLD_SOURCES_DAYS or newest == published[0]:
        return ""
    return (f"The first source quoted is from {published[0]}, {age} days before {as_of}; the newest quoted is from "
            f"{newest}.")


def old_sources_note(question: str, as_of: dt.date, published: Sequence[str], *, use_dates: bool = True,
                     read: Sequence[str] = ()) -> str:
    """A note when the newest of the quoted sources' dates (`published`, YYYY-MM-DD) is more than OLD_SOURCES_DAYS
    before as_of and the question names no window of its own (one that does gets coverage_notes instead). `read`:
    the dates of every passage the answer read; when one is newer than those quoted, the note says so rather than
    that nothing newer was found."""
    newest = max((p for p in published if p), default="")
    age = _days_before(question, as_of, newest, use_dates)
    if age is None or age <= OLD_SOURCES_DAYS:
        return ""
    newer = max((d for d in read if d and newest < d <= as_of.isoformat()), default="")
    if newer:
        return (f"The newest source quoted is from {newest}, {age} days before {as_of}: newer articles were read "
                f"(the newest from {newer}), but none of their sentences answers as closely.")
    return f"The newest source quoted is from {newest}, {age} days before {as_of}: nothing newer on this was found."


def reported_by(source: str, published: str) -> str:
    """One entry of a citation's "also reported by": "CNN (2022-08-09)"."""
    return f"{source or 'unknown outlet'} ({published or 'undated'})"


def days_phrase(since: dt.date | None, until: dt.date) -> str:
    """"on 2024-05-22", "from 2024-05-01 to 2024-05-23" or "before 2024-05-23"."""
    return f"on {since}" if since == until else f"from {since} to {until}" if since else f"before {until}"


def _outlet_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _story_run(rows: list[int], keyword) -> list[int]:
    """Of first-chunk rows oldest first, those of the run with most articles (the latest of equals), runs being
    split where none came out for more than COVERAGE_GAP_DAYS (see Retriever.coverage)."""
    return max(reversed(_runs(rows, keyword)), key=len)


def _runs(rows: list[int], keyword) -> list[list[int]]:
    """First-chunk rows oldest first, split where none came out for more than COVERAGE_GAP_DAYS."""
    runs: list[list[int]] = [[rows[0]]]
    for row in rows[1:]:
        gap = dt.date.fromisoformat(keyword.published_on(row)) - dt.date.fromisoformat(
            keyword.published_on(runs[-1][-1]))
        if gap.days > COVERAGE_GAP_DAYS:
            runs.append([])
        runs[-1].append(row)
    return runs


def _without_strays(rows: list[int], keyword) -> list[int]:
    """Of first-chunk rows oldest first, all but the strays: a lone article more than COVERAGE_GAP_DAYS from any
    other, when some run holds more than one. A timeline of a topic with no time named lists every run of its
    reports (a story may pause for weeks), not a lone report from another year: "Give me a timeline of the Queen's
    funeral" asked on 2022-09-20 had opened with a report of Prince Philip's funeral, of 2021-04-17."""
    runs = _runs(rows, keyword)
    if all(len(run) == 1 for run in runs):
        return rows
    return [row for run in runs if len(run) > 1 for row in run]


def outlets_named(question: str, outlets: Iterable[str]) -> list[str]:
    """The archive's outlets that the question names ("What did The Week say ...", "according to CNN", "USA
    TODAY's report"): a run of one to four capitalised words (not a lone one that opens the question, unless it
    is an acronym) equal, letters and digits only, to an outlet's name, or to the first label of an outlet known
    by its web address ("theweek.co.uk" for "The Week", from two words or more)."""
    by_key: dict[str, set[str]] = {}
    for outlet in outlets:
        if not outlet:
            continue
        by_key.setdefault(_outlet_key(outlet), set()).add(outlet)
        host = outlet.strip().lower()
        if "." in host and " " not in host:
            label = re.sub(r"^www\.", "", host).split(".")[0]
            by_key.setdefault("~" + _outlet_key(label), set()).add(outlet)  # only from two or more words
    tokens = [re.sub(r"(?:['’]s|['’])$", "", t.strip("\"“”‘(),;:?!")) for t in question.split()]
    named: list[str] = []
    for start in range(len(tokens)):
        for end in range(start + 1, min(start + 4, len(tokens)) + 1):
            run = tokens[start:end]
            if not all(t[:1].isupper() or t[:1].isdigit() for t in run) or not run[-1]:
                break
            key = _outlet_key("".join(run))
            if len(key) < 3:
                continue
            if start == 0 and len(run) == 1 and not run[0].isupper():
                continue  # "Time is running out": a capital that only opens the sentence
            hits = by_key.get(key, set()) | (by_key.get("~" + key, set()) if len(run) > 1 else set())
            named.extend(sorted(o for o in hits if o not in named))
    return named


_CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december jan feb mar apr jun "
    "jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday".split()
)


def _is_name(position: int, token: str, cases: dict[str, list] | None = None) -> bool:
    if (position > 0 and token[:1].isupper()) or (len(token) > 1 and token.isupper()):
        return True
    # the first word, when the archive writes it as a name ("Drake now has ...", not "Which ...")
    # (a title cut short, "Gov.", is not one)
    first = re.fullmatch(r"([A-Z][a-z]+)(?:['’]s)?[,:;]?", token) if position == 0 and cases else None
    return bool(first) and first[1].lower() not in STOPWORDS and _proper(first[1], cases)


def _name_tokens(question: str, cases: dict[str, list] | None = None) -> list[str]:
    """The question's words that look like names: capitalised after the first word, or acronyms anywhere (and the
    first word when the archive's word `cases` say it is written as a name)."""
    return [t for i, t in enumerate(question.split()) if _is_name(i, t, cases)]


# Lower-case words that stand inside a name ("Institute for Fiscal Studies", "Bank of England", "Charles de
# Gaulle"); "and" does not ("Emily Maitlis and Jon Sopel" are two names).
_INSIDE_A_NAME = frozenset("of for the de du da del la le van von al bin".split())


def _name_runs(question: str, cases: dict[str, list] | None = None) -> list[list[tuple[str, bool]]]:
    """The question's names as runs of adjacent words, each (word, is a name word): "Emily Maitlis, Jon Sopel" is
    two runs; "Institute for Fiscal Studies" and "Billboard Hot 100" are one each, their "for" and "100" held as
    part of the name but not name words themselves."""
    runs: list[list[tuple[str, bool]]] = []
    previous, held = "", []
    for position, token in enumerate(question.split()):
        # a possessive ends a name: "Denmark’s Social Democrats" are two
        joins = previous and not previous.endswith((",", ";", ":", "?", "!", ".", ")", "'s", "’s"))
        if _is_name(position, token, cases):
            if joins:
                runs[-1].extend(held + [(token, True)])
            else:
                runs.append([(token, True)])
            previous, held = token, []
        elif joins and token.lower() in _INSIDE_A_NAME and len(held) < 2 and not previous[:1].isdigit():
            held.append((token, False))  # kept only if another name word follows
        elif joins and not held and re.fullmatch(r"\d+[?!.,;:)]?", token):
            runs[-1].append((token, False))  # "Hot 100", "Apollo 11"
            previous = token
        else:
            previous, held = "", []
    return runs


def question_names(question: str, cases: dict[str, list] | None = None) -> list[str]:
    """The stems of the question's names: capitalised words after the first, and acronyms anywhere (month and
    day names are not names; see _is_name for the first word)."""
    named = [w for w in words(" ".join(_name_tokens(question, cases))) if w not in _CALENDAR_WORDS]
    return list(dict.fromkeys(stems(" ".join(named), aliases=False)))  # as the keyword index reads them


def _proper(word: str, cases: dict[str, list] | None) -> bool:
    """Whether the archive writes the word capitalised (rag.text.NAME_SHARE of the time): "Highland" and "Pelosi"
    are, "park" and "court" are not. Every word is, for an index that keeps no count of how its words are written."""
    if cases is None:
        return True
    entry = cases.get(word.lower())
    return entry is not None and entry[1] >= NAME_SHARE * entry[2]


# Words that stand before a name as a title or a kind ("Prime Minister Liz Truss", "Hurricane Ian"): the name is
# held without them.
_TITLES = (
    "president vice prime minister secretary chancellor premier speaker house senate sen senator rep representative "
    "gov governor mayor king queen prince princess duke duchess pope cardinal archbishop bishop judge justice chief "
    "general gen lt col sgt officer director chairman chairwoman chair ceo founder coach captain star former late "
    "dr mr mrs ms miss sir dame lord lady saint st attorney foreign defense defence interior finance health "
    "hurricane storm tropical typhoon cyclone"
)
_TITLE_STEMS = frozenset(stems(_TITLES, keep_stopwords=True, aliases=False))


# The names that describe what is asked for, between "which" (or a sentence's first "what") and its noun: "Which NFL
# team ...?", "Which Republican governor ...?", "What NFL star ...?". The answer names the team or the governor, and
# its report need not say what they are ("The Commanders confirmed ... a bank error"). ("... what Iran calls a media
# war" is no such phrase.)
_DESCRIBING_NAMES = re.compile(
    r"(?:\b[Ww]hich|(?:^|[.?!:]\s+)[Ww]hat)\s+((?:[A-Z][\w.&'’-]*\s+){1,4}?)(?=[a-z])")


def _without_describing_names(question: str) -> str:
    """The question with the names that describe what it asks for (_DESCRIBING_NAMES) put out of the way, each word
    by one that is no name (so the words keep their places)."""
    return _DESCRIBING_NAMES.sub(lambda m: m[0][: m.start(1) - m.start(0)] + "- " * len(m[1].split()), question)


def _question_name_stems(question: str, as_of: dt.date, use_dates: bool, cases: dict[str, list] | None = None,
                         outlets: Iterable[str] = (), describing: bool = True,
                         ) -> tuple[list[str], list[tuple[list[str], bool]]]:
    """The question's names as written, and for each name the stems that hold it with whether all of them must: a
    capitalised word after the first or an acronym, of three letters or more; each capitalised part of
    "Texas-Mexico" counts on its own (not the "turn" of "U-turn"); month and day names are not names. With the
    archive's word `cases`, a name of several words is held by its proper words ("Highland" of "Highland Park",
    not "Park"), or by all its words when none is proper ("Grand Canyon" if the archive wrote both in lower case)
    or when a word that is not proper, nor a title (_TITLES), comes before the first that is ("Social Democrats").
    A name that is one of `outlets` ("What did USA TODAY say about ...") says whose report, not what it is about:
    it is not one of the names; nor, with `describing` False, is one that describes what is asked for
    (_DESCRIBING_NAMES)."""
    from rag.dates import parse_time, strip_time_words

    if not describing:
        question = _without_describing_names(question)
    if use_dates:
        intent = parse_time(question, as_of)
        question = strip_time_words(question, intent) if intent.phrase else question
    shown, groups = [], []
    outlets = set(outlets)
    for run in _name_runs(question, cases):
        if outlets and outlets_named(" ".join(token for token, _ in run), outlets):
            continue
        named, run_stems, proper_stems = [], [], []
        for token, is_name in run:
            found = [(stems(word, aliases=False)[0], part.isupper() or _proper(word, cases))
                     for part in re.split(r"[-–]", token)
                     if part[:1].isupper() or part[:1].isdigit() for word in words(part)
                     if len(word) >= 3 and word not in _CALENDAR_WORDS and stems(word, aliases=False)]
            if found and is_name:
                named.append(token)
                run_stems.extend(stem for stem, _ in found)
                proper_stems.extend(stem for stem, proper in found if proper)
            elif named and not is_name:
                named.append(token)  # "for" of "Institute for Fiscal Studies", "100" of "Billboard Hot 100"
        while named and named[-1].lower() in _INSIDE_A_NAME:
            named.pop()
        if run_stems:
            shown.append(re.sub(r"['’]s$", "", " ".join(named).strip("\"“”‘’'(),;:?!.")))
            # a word the archive writes in lower case before the first proper one, other than a title, makes the
            # name: "Social Democrats" are not any "Democrats" (but "Prime Minister Truss" is "Truss")
            qualified = bool(proper_stems) and any(
                stem not in proper_stems and stem not in _TITLE_STEMS
                for stem in run_stems[: run_stems.index(proper_stems[0])])
            whole = (not proper_stems or qualified) and len(set(run_stems)) > 1
            groups.append((list(dict.fromkeys(run_stems if qualified else proper_stems or run_stems)), whole))
    return list(dict.fromkeys(shown)), groups


def _holds_a_name(groups: list[tuple[list[str], bool]], passages: Sequence[Passage]) -> bool:
    """Whether the passages (titles included) hold one of the names (see _question_name_stems): a word sharing a
    name's first five letters counts ("Japan" for "Japanese"), and so does another name for the same thing ("the
    IRS" for "Internal Revenue Service", "UK" for "Britain": rag.text.ALIASES)."""
    return _text_holds_a_name(groups, " ".join(f"{p.title} {p.text}" for p in passages))


def _text_holds_a_name(groups: list[tuple[list[str], bool]], text: str) -> bool:
    present = set(stems(re.sub(r"[-–]", " ", text), aliases=False)) | alias_stems(text)
    prefixes = {stem[:5] for stem in present if len(stem) >= 5}

    def held(stem: str) -> bool:
        return stem in present or (len(stem) >= 5 and stem[:5] in prefixes)

    return any((all if whole else any)(held(stem) for stem in name) for name, whole in groups)


def names_not_found(question: str, passages: Sequence[Passage], as_of: dt.date, *, use_dates: bool = True,
                    cases: dict[str, list] | None = None) -> list[str]:
    """The question's names, as written, when not one of them is in the passages (see _question_name_stems and
    _holds_a_name; `cases`: the archive's, from its keyword index); [] when any of them is there, or when the
    question names nothing. The outlets of the passages are not names here (see _question_name_stems)."""
    shown, groups = _question_name_stems(question, as_of, use_dates, cases, _sources(passages), describing=False)
    if not groups or _holds_a_name(groups, passages):
        return []
    return shown


def names_unquoted(question: str, passages: Sequence[Passage], cited: Sequence, as_of: dt.date, *,
                   use_dates: bool = True, cases: dict[str, list] | None = None,
                   outlets: Iterable[str] = ()) -> list[str]:
    """The question's names, as written, that neither the answer's `cited` quotes (rag.answering.Citation) nor the
    passages of the articles they quote hold, when another of its names is there: an answer about part of what was
    asked ("Who won the Nobel Prize in Literature?" answered by the physics prize: "Literature"). [] when each name
    is there, or none is (names_not_found says that). The `outlets` the question names are no names here."""
    articles = {c.article_id for c in cited}
    text = " ".join([*(f"{c.title} {c.quote}" for c in cited),
                     *(f"{p.title} {p.text}" for p in passages if p.article_id in articles)])
    shown, groups = _question_name_stems(question, as_of, use_dates, cases, _sources(passages) | set(outlets),
                                         describing=False)
    if not text or len(shown) != len(groups):  # (two names written alike are one shown: which is which is unsure)
        return []
    missing = [name for name, group in zip(shown, groups) if not _text_holds_a_name([group], text)]
    return missing if len(missing) < len(shown) else []


def passages_naming(question: str, passages: Sequence[Passage], as_of: dt.date, *, use_dates: bool = True,
                    cases: dict[str, list] | None = None) -> tuple[list[str], list[Passage]]:
    """(the question's names as written, the passages that hold one of them); ([], all the passages) when the
    question names nothing. The outlets of the passages are not names here (see _question_name_stems)."""
    shown, groups = _question_name_stems(question, as_of, use_dates, cases, _sources(passages), describing=False)
    if not groups:
        return [], list(passages)
    return shown, [p for p in passages if _holds_a_name(groups, [p])]


def _sources(passages: Sequence[Passage]) -> set[str]:
    return {p.source for p in passages if p.source}


def _merge_best(first: list[Passage], second: list[Passage]) -> list[Passage]:
    """Union of two candidate lists, each chunk with the better of its two scores."""
    merged = {p.chunk_id: p for p in first}
    for passage in second:
        if passage.chunk_id not in merged or merged[passage.chunk_id].score < passage.score:
            merged[passage.chunk_id] = passage
    return list(merged.values())


def _up_to(filters: Filters | None, as_of: dt.date) -> Filters:
    """The filters, ending on the day asked at the latest: nothing published after it can be what it asks about."""
    filters = filters or Filters()
    return replace(filters, until=min(filters.until or as_of, as_of))


def _dates_the_day_asked(intent, as_of: dt.date) -> bool:
    """Whether the intent's window is the day asked alone, named by its date (see PREVIEW_DAYS)."""
    return intent.since == intent.until == as_of and any(c.isdigit() for c in intent.phrase)


def _names_the_day(text: str, day: dt.date) -> bool:
    """Whether the text names the day by its date ("November 11", "Nov. 11th", "11 November")."""
    month = _MONTH_NAMES[day.month - 1]
    named = rf"(?:{month}|{month[:3]}\.?|Sept\.?)" if day.month == 9 else rf"(?:{month}|{month[:3]}\.?)"
    nth = rf"{day.day}(?:st|nd|rd|th)?"
    return re.search(rf"\b{named}\s+{nth}\b|\b{nth}\s+(?:of\s+)?{month}\b", text) is not None


def _looks_back(text: str, month: str) -> bool:
    """Whether the text names the month as a time things happened in ("in June", "for June", "from May to June",
    "in the year to June", "June's"), not as a day ("June 14") or a start ("since June")."""
    return re.search(rf"\b(?:in|for|during|of|to|through|throughout|over)\s+(?:the\s+month\s+of\s+|early\s+|"
                     rf"mid-?|late\s+)?{month}\b(?![ \t]+\d)|\b{month}['’]s\b", text) is not None


def _narrowed(intent, window: Filters, as_of: dt.date) -> Filters:
    """`window` (the filters, ending on the day asked) narrowed to the intent's explicit window; a window that ended
    before the day asked is when something happened, and runs on to the day asked to take in its coverage."""
    since, until = intent.as_filter()
    if since and until and until < as_of and (not window.since or since >= window.since):
        return replace(window, since=since)  # the event and its coverage since
    return replace(
        window,
        since=max(d for d in (since, window.since) if d) if (since or window.since) else None,
        until=min(d for d in (until, window.until) if d),
    )


def collapse(passages: list[Passage], *, per_article: int = 2, limit: int = 8) -> list[Passage]:
    """Keep the best `per_article` passages of each article, in score order, up to `limit`."""
    taken: dict[str, int] = {}
    kept = []
    for passage in sorted(passages, key=lambda p: p.score, reverse=True):
        if taken.get(passage.article_id, 0) >= per_article:
            continue
        taken[passage.article_id] = taken.get(passage.article_id, 0) + 1
        kept.append(passage)
        if len(kept) >= limit:
            break
    return kept


class Retriever:
    """Hybrid retrieval: dense and keyword ranks fused (reciprocal rank), read for time, collapsed by story.

    `mode` is "hybrid", "dense" or "keyword"; `use_dates` reads the question's time words against as_of
    (explicit windows filter, vague ones and none re-rank by recency); `use_stories` keeps one article per
    story and lists the other outlets.
    """

    def __init__(self, collection, embedder, keyword=None, stories=None, *, mode="hybrid", use_dates=True,
                 use_stories=True, use_headlines=True):
        self.collection = collection
        self.dense = DenseRetriever(collection, embedder, keyword)
        self.keyword = keyword
        self.stories = stories
        self.mode = mode if keyword is not None else "dense"
        self.use_dates = use_dates
        self.use_stories = use_stories and stories is not None
        self.use_headlines = (
            use_headlines and self.mode == "hybrid" and getattr(keyword, "headlines", None) is not None
        )
        self._outlet_names: set[str] | None = None
        self._desks: dict[str, str | None] = {}  # chunk id -> its article's desk (see rag.desks)
        self._events: dict[tuple, EventWindow | None] = {}  # (question, as_of, filters) -> its event_window
        self._newest: dt.date | None = None  # the archive's newest publication day, read on first use

    def search(
        self,
        question: str,
        *,
        filters: Filters | None = None,
        as_of: dt.date | None = None,
        limit: int = 8,
        per_article: int = 2,
        options: Sequence[str] = (),
    ) -> list[Passage]:
        """The best passages for the question, at most `per_article` per article and one article per story.

        `options` (the candidate answers the question came with) are searched for with the question; the time
        words are read from the question alone.
        """
        from rag.dates import TimeIntent, parse_time, strip_time_words

        as_of = as_of or dt.date.today()
        filters = filters or Filters()
        intent = parse_time(question, as_of) if self.use_dates else TimeIntent(None, None, "none", None, "")
        event = self.event_window(question, as_of, filters) if self.use_dates else None
        if event is not None:  # "after Pelosi's visit": a window, and the event's words stay in the query
            intent = TimeIntent(event.since, event.until, "explicit", None, "")
        window = _up_to(filters, as_of)
        if intent.kind == "explicit" and event is None:
            moved = self.window_moved(question, as_of, filters, intent)
            intent = moved.read if moved else intent
        since, until = intent.as_filter()
        query = strip_time_words(question, intent) if intent.phrase else question
        # read before the options join the query: the question's own names
        names = question_names(query, getattr(self.keyword, "cases", None))
        outlets = self.outlets_in(question, filters)
        asked = query
        if options:
            query = " ".join([query, *options])
        vector = self.dense.embedder.embed_query(query) if self.mode != "keyword" else None  # once for all passes
        headline_vector = None  # the question's own, for the headline list
        if self.use_headlines:
            headline_vector = self.dense.embedder.embed_query(asked) if options else vector
        vectors = (vector, headline_vector)
        ranked: list[Passage] = []
        if since or until:
            narrowed = _narrowed(intent, window, as_of)
            if not narrowed.since or narrowed.since <= narrowed.until:
                ranked = self._fused(query, narrowed, vectors)
                searched = narrowed
                if ranked and _open_ended(intent, as_of):  # "this year": its latest days as with no time word
                    ranked = self._with_recent(ranked, query, narrowed, vectors)
                if ranked and _dates_the_day_asked(intent, as_of):
                    before = replace(narrowed, since=max(as_of - dt.timedelta(days=PREVIEW_DAYS),
                                                         window.since or dt.date.min))
                    previews = hydrate(self.collection, self._fused(query, before, vectors))
                    ranked = _merge_best(ranked, [p for p in previews if _names_the_day(p.text, as_of)])
        if not ranked:  # no time words, or the window they name holds nothing: search the whole range
            ranked = self._fused(query, window, vectors)
            searched = window
            intent = intent if intent.kind != "explicit" else TimeIntent(None, None, "none", None, "")
            if self.use_dates:
                ranked = self._with_recent(ranked, query, window, vectors)
        if outlets:  # the outlets the question names: their own best passages join the candidates
            ranked = _merge_best(ranked, self._fused(query, replace(searched, sources=tuple(outlets)), vectors))
        self._prefer_recent(ranked, intent, as_of, recent_until=self._newest_day())
        if intent.kind == "explicit" and event is None:
            self._prefer_looking_back(ranked, intent, as_of)
        self._prefer_focused(ranked)
        self._prefer_rare_names(ranked, names)
        self._prefer_outlets(ranked, outlets)
        ranked.sort(key=lambda p: p.score, reverse=True)
        if self.use_stories:
            ranked = self._one_per_story(ranked)
        return hydrate(self.collection, collapse(ranked, per_article=per_article, limit=limit))

    def top_stories(self, question: str, *, filters: Filters | None = None, as_of: dt.date | None = None,
                    limit: int = BRIEFING_STORIES, desk: str | None = None,
                    topic: str | None = None) -> tuple[list[Passage], dt.date, dt.date] | None:
        """The first chunks of the articles that best stand for the `limit` stories most reported in the window the
        question names (see BRIEFING_DAYS), most reported first; each passage's score is how many articles of the
        window report its story, and `also_reported_by` names the others. With `desk` ("sports", see rag.desks)
        only the articles its links file under that desk count; with `topic` ("the Usk ferry") only those whose
        first chunk (headline and opening) holds every word of it. Returns (passages, since, until), or None when the
        index keeps no headlines or chunk vectors to group by."""
        import numpy as np

        keyword = self.keyword
        if keyword is None or keyword.headlines is None or keyword.vectors is None:
            return None
        filters = filters or Filters()
        since, until = self._named_window(question, as_of or dt.date.today(), filters)
        if since is None:  # no time named: the last week
            since = until - dt.timedelta(days=BRIEFING_DAYS - 1)
        since = max(d for d in (since, filters.since) if d)
        if since > until:
            return [], since, until
        rows = self._first_chunk_rows(replace(filters, since=since, until=until), topic)
        if not rows:
            return [], since, until
        if desk:
            desks = self._desks_of([keyword.chunk_ids[r] for r in rows])
            rows = [r for r in rows if desks.get(keyword.chunk_ids[r]) == desk]
            if not rows:
                return [], since, until
        rows.sort(key=lambda r: (int(keyword.published_ts[r]), r))  # oldest first: a story gathers its follow-ups
        vectors = np.asarray(keyword.vectors[rows], dtype=np.float32)
        # each article joins the story whose centre (mean direction) it is nearest, if near enough, else starts one:
        # joining by the nearest member instead chains a year's articles into one story
        sums = np.zeros((len(rows), vectors.shape[1]), dtype=np.float32)
        centres = np.zeros_like(sums)
        groups: dict[int, list[int]] = {}
        for i, vector in enumerate(vectors):
            k = len(groups)
            nearest = int(np.argmax(centres[:k] @ vector)) if k else -1
            if nearest < 0 or float(centres[nearest] @ vector) < STORY_SIMILARITY:
                nearest = k
                groups[nearest] = []
            groups[nearest].append(i)
            sums[nearest] += vector
            centres[nearest] = sums[nearest] / (float(np.linalg.norm(sums[nearest])) or 1.0)
        newest = {g: max(keyword.published_on(rows[i]) for i in members) for g, members in groups.items()}
        ranked = sorted(groups, key=lambda g: (len(groups[g]), newest[g]), reverse=True)[:limit]
        chosen = []
        for g in ranked:
            members = groups[g]
            centre = vectors[members].sum(axis=0)  # the article most like the others: the largest sum of cosines
            best = max(members, key=lambda i: (float(vectors[i] @ centre), keyword.published_on(rows[i])))
            others = sorted((i for i in members if i != best), key=lambda i: keyword.published_on(rows[i]))
            passage = thin_passage(keyword, rows[best], float(len(members)))
            passage.also_reported_by = [reported_by(keyword.sources[rows[i]], keyword.published_on(rows[i]))
                                        for i in others]
            chosen.append(passage)
        return hydrate(self.collection, chosen), since, until

    def timeline(self, question: str, topic: str, *, filters: Filters | None = None, as_of: dt.date | None = None,
                 limit: int = TIMELINE_DAYS) -> tuple[list[Passage], dt.date | None, dt.date, int] | None:
        """The first chunks of the articles that stand for the `limit` days the archive reports `topic` on most
        (see TIMELINE_DAYS), oldest first: each passage's score is how many articles of its day are about the
        topic, and `also_reported_by` names the others. Returns (passages, since, until, days reported), since
        being the first such day when the question names no time; None when the index keeps no headlines or
        chunk vectors."""
        import numpy as np

        keyword = self.keyword
        found = self._topic_rows(question, topic, filters, as_of)
        if found is None:
            return None
        rows, since, until = found
        if since is None and rows:
            rows = _without_strays(rows, keyword)
        days: dict[str, list[int]] = {}
        for row in rows:
            days.setdefault(keyword.published_on(row), []).append(row)
        if not days:
            return [], since, until, 0
        chosen_days = sorted(days, key=lambda d: (len(days[d]), d), reverse=True)[:limit]
        chosen = []
        for day in sorted(chosen_days):
            members = days[day]
            vectors = np.asarray(keyword.vectors[members], dtype=np.float32)
            centre = vectors.sum(axis=0)  # the article most like the others of its day
            best = max(range(len(members)), key=lambda i: float(vectors[i] @ centre))
            passage = thin_passage(keyword, members[best], float(len(members)))
            passage.also_reported_by = [reported_by(keyword.sources[r], keyword.published_on(r))
                                        for i, r in enumerate(members) if i != best]
            chosen.append(passage)
        first = dt.date.fromisoformat(min(days)) if since is None else since
        return hydrate(self.collection, chosen), first, until, len(days)

    def coverage(self, question: str, topic: str, *, filters: Filters | None = None, as_of: dt.date | None = None,
                 first: bool = False, limit: int = COVERAGE_OUTLETS
                 ) -> tuple[list[Passage], dict[str, tuple[int, str]], dt.date | None, dt.date, int] | None:
        """The first chunk of each outlet's first article about `topic` (see COVERAGE_OUTLETS), the outlets with most
        such articles first, or with the first to report first when `first`. Each passage's score is how many
        articles its outlet has about the topic. Returns (passages, their chunk id -> (articles, the day of the
        outlet's latest), since, until, outlets reporting), since being the first report's day when the question
        names no time; None when the index keeps no headlines or chunk vectors."""
        keyword = self.keyword
        found = self._topic_rows(question, topic, filters, as_of)
        if found is None:
            return None
        rows, since, until = found
        if since is None and rows:
            rows = _story_run(rows, keyword)
        outlets: dict[str, list[int]] = {}
        for row in rows:
            outlets.setdefault(keyword.sources[row] or "", []).append(row)
        if not outlets:
            return [], {}, since, until, 0
        order = sorted(outlets.items(), key=(lambda item: (keyword.published_on(item[1][0]), -len(item[1]))) if first
                       else (lambda item: (-len(item[1]), keyword.published_on(item[1][0]))))[:limit]
        chosen, counts = [], {}
        for _, members in order:
            passage = thin_passage(keyword, members[0], float(len(members)))
            counts[passage.chunk_id] = (len(members), keyword.published_on(members[-1]))
            chosen.append(passage)
        if since is None:  # (the rows are oldest first)
            since = dt.date.fromisoformat(keyword.published_on(rows[0]))
        return hydrate(self.collection, chosen), counts, since, until, len(outlets)

    def _topic_rows(self, question: str, topic: str, filters: Filters | None, as_of: dt.date | None
                    ) -> tuple[list[int], dt.date | None, dt.date] | None:
        """For a timeline or the outlets' coverage of `topic`: the first-chunk rows of the dated articles about it
        (see _first_chunk_rows) in the time the question names (the whole archive up to the day asked when it names
        none), oldest first, and that time's (since, until); None when the index keeps no headlines or chunk
        vectors."""
        keyword = self.keyword
        if keyword is None or keyword.headlines is None or keyword.vectors is None:
            return None
        filters = filters or Filters()
        since, until = self._named_window(question, as_of or dt.date.today(), filters)
        since = max((d for d in (since, filters.since) if d), default=None)
        if since is not None and since > until:
            return [], since, until
        rows = self._first_chunk_rows(replace(filters, since=since, until=until), topic) if topic.strip() else []
        # (an undated article has no place in a timeline, nor a first report)
        rows = [r for r in sorted(rows, key=lambda r: (int(keyword.published_ts[r]), r)) if keyword.published_on(r)]
        return rows, since, until

    def event_window(self, question: str, as_of: dt.date, filters: Filters | None = None) -> EventWindow | None:
        """The window a question's "after <event>" gives (see rag.dates.event_relation and EVENT_ARTICLES), or None
        when it names no event, names a time besides (which search reads instead), or the window would hold no day up
        to as_of. Kept for the last questions asked."""
        from rag.dates import event_relation, parse_time

        key = (question, as_of, filters)
        if key in self._events:
            return self._events[key]
        found = None
        # (a question that names its time is searched in that time: "this week following <event>" is this week)
        relation = event_relation(question, as_of) if parse_time(question, as_of).kind == "none" else None
        if relation is not None:
            filters = filters or Filters()
            window = replace(filters, until=min(filters.until or as_of, as_of))
            vector = self.dense.embedder.embed_query(relation.event) if self.mode != "keyword" else None
            vectors = (vector, vector if self.use_headlines else None)
            ranked = self._with_recent(self._fused(relation.event, window, vectors), relation.event, window, vectors)
            self._prefer_recent(ranked, parse_time("", as_of), as_of, recent_until=self._newest_day())
            ranked.sort(key=lambda p: p.score, reverse=True)
            days: dict[str, str] = {}  # article -> its day, best first
            for passage in ranked:
                if passage.published and len(days) < EVENT_ARTICLES:
                    days.setdefault(passage.article_id, passage.published)
            if days:
                counts = Counter(days.values())
                tied = sorted(dt.date.fromisoformat(d) for d, n in counts.items() if n == max(counts.values()))
                day = tied.pop()
                while tied and (day - tied[-1]).days <= EVENT_RUN_DAYS:
                    day = tied.pop()
                if relation.op == "before":
                    since, until = None, day - dt.timedelta(days=1)
                else:
                    since, until = (day + dt.timedelta(days=1) if relation.op == "after" else day), window.until
                if since is None or since <= until:
                    found = EventWindow(relation.op, relation.event, relation.phrase, day, since, until)
        if len(self._events) >= 64:
            self._events.clear()
        self._events[key] = found
        return found

    def _named_window(self, question: str, as_of: dt.date, filters: Filters) -> tuple[dt.date | None, dt.date]:
        """(since, until) of the time the question names (rag.dates), until at most `as_of` and the filters' end."""
        from rag.dates import parse_time

        since, until = parse_time(question, as_of).as_filter() if self.use_dates else (None, None)
        return since, min(d for d in (until, filters.until, as_of) if d)

    def _first_chunk_rows(self, window: Filters, topic: str | None) -> list[int]:
        """The keyword-index rows of the first chunks (headline and opening) of the articles in `window`, at most the
        newest BRIEFING_MAX_ARTICLES of them; with a `topic`, only of the articles about it (see _about)."""
        from rag.keyword import index_terms

        keyword = self.keyword
        keep = keyword.mask(window)
        stems = list(dict.fromkeys(index_terms(topic))) if topic else []
        for stem in stems:
            held = keyword.chunks_with(stem)
            keep = keep & held if held is not None else keep & False
        rows = [r for r in keyword.headline_rows if keep[r] and keyword.focus[r] >= FOCUS_FULL]
        if len(rows) > BRIEFING_MAX_ARTICLES:  # (before the topic's and desk's reads from the index)
            rows = sorted(rows, key=lambda r: int(keyword.published_ts[r]))[-BRIEFING_MAX_ARTICLES:]
        return self._about(rows, stems) if stems and rows else rows

    def _about(self, rows: list[int], stems: list[str]) -> list[int]:
        """The first-chunk rows whose article is about the topic `stems` name: its headline holds them all, or its
        headline and opening hold them all and one of them more than once (a story that names the topic once names
        it in passing: a price report that names the war once)."""
        from rag.keyword import index_terms

        keyword = self.keyword
        read = {p.chunk_id: p for p in hydrate(self.collection, [thin_passage(keyword, row, 0.0) for row in rows])}
        about = []
        for row in rows:
            passage = read.get(keyword.chunk_ids[row])
            if passage is None:
                continue
            title = set(index_terms(passage.title))
            counts = Counter(index_terms(f"{passage.title}\n{passage.text}"))
            if all(stem in title for stem in stems) or (
                    all(counts[stem] for stem in stems) and sum(counts[stem] for stem in stems) >= len(stems) + 1):
                about.append(row)
        return about

    def _desks_of(self, chunk_ids: list[str]) -> dict[str, str | None]:
        """Each chunk's article's desk, read from its link (kept once read)."""
        from rag.desks import desk_of_url

        known = self._desks
        missing = [c for c in chunk_ids if c not in known]
        for at in range(0, len(missing), DESK_PAGE):
            page = self.collection.get(ids=missing[at : at + DESK_PAGE], include=["metadatas"])
            for chunk_id, metadata in zip(page["ids"], page["metadatas"]):
                known[chunk_id] = desk_of_url((metadata or {}).get("url"))
        return {c: known.get(c) for c in chunk_ids}

    def with_ledes(self, passages: list[Passage], articles: int = 3) -> list[Passage]:
        """`passages` with the first chunk (headline and lede) of each of the first `articles` articles among them
        that lacks it, placed after that article's best passage at its score. A question that only names its
        subject ("What happened in Usk?") is answered by the lede, and the search often finds later paragraphs."""
        seen: list[str] = []
        for passage in passages:
            if passage.article_id not in seen:
                seen.append(passage.article_id)
        wanted = {a for a in seen[:articles] if not any(p.article_id == a and p.chunk_no == 0 for p in passages)}
        out: list[Passage] = []
        for passage in passages:
            out.append(passage)
            if passage.article_id in wanted:  # its first chunk, fetched with the others by hydrate
                wanted.discard(passage.article_id)
                out.append(replace(passage, chunk_id=f"{passage.article_id}:0", chunk_no=0, text="", loaded=False))
        return hydrate(self.collection, out)

    def with_option_chunks(self, passages: list[Passage], options: Sequence[str]) -> list[Passage]:
        """`passages` with the chunks of their first OPTION_ARTICLES articles that hold every word of an option,
        placed after that article's own passages at its score (see OPTION_ARTICLES)."""
        from rag.keyword import index_terms

        keyword = self.keyword
        if keyword is None or not passages:
            return passages
        wanted = [list(dict.fromkeys(index_terms(option))) for option in options]
        wanted = [terms for terms in wanted if terms]
        if not wanted:
            return passages
        held = _TermRows(keyword)

        def found(rows: list[int]) -> list[int]:
            return [row for row in rows if any(held.all_of(row, terms) for terms in wanted)][:OPTION_CHUNKS_PER_ARTICLE]

        return self._with_article_chunks(passages, OPTION_ARTICLES, found, story=True)

    def with_asked_chunks(self, passages: list[Passage], question: str) -> list[Passage]:
        """`passages` with the chunk of each of their first ASKED_ARTICLES articles, among those not found, that
        holds the largest share (at least ASKED_SHARE) of the asking sentence's words (see ASKED_ARTICLES)."""
        keyword = self.keyword
        terms = asking_terms(question)
        if keyword is None or not passages or not terms:
            return passages
        held = _TermRows(keyword)

        def found(rows: list[int]) -> list[int]:
            # (of chunks holding as many, the last: see ASKED_SHARE)
            share, i = max((sum(held.holds(row, term) for term in terms) / len(terms), i) for i, row in enumerate(rows))
            return [rows[i]] if share >= ASKED_SHARE else []

        return self._with_article_chunks(passages, ASKED_ARTICLES, found)

    def with_chunks_saying(self, passages: list[Passage], question: str, says, term: str = "") -> list[Passage]:
        """`passages` with, for each of their first ASKED_ARTICLES articles, its first chunk not among them that holds
        the question's last name (its last word capitalised past its first: a surname), or the last word of `term`
        when given, and whose text `says` (a test of it) is true of: "Sunak, 42, will be the fifth British prime
        minister ..." for "How old is Rishi Sunak?", deep in an article the search found by its other chunks."""
        from rag.text import index_terms

        keyword = self.keyword
        names = index_terms(term or capitalised_words(question))[-1:]
        if keyword is None or not passages or not names:
            return passages
        held = _TermRows(keyword)

        def found(rows: list[int]) -> list[int]:
            named = [row for row in rows if held.all_of(row, names)]
            for passage in hydrate(self.collection, [thin_passage(keyword, row, 0.0) for row in named]):
                if says(passage.text):
                    return [keyword.row_of(passage.chunk_id)]
            return []

        return self._with_article_chunks(passages, ASKED_ARTICLES, found, detail=True)

    def _with_article_chunks(self, passages: list[Passage], articles: int, found, *,
                             detail: bool = False, story: bool = False) -> list[Passage]:
        """`passages` with, for each of their first `articles` articles, the chunks `found` picks among its chunks
        not in `passages` (keyword index rows, in article order; with `story`, then those of the other articles of
        its story, oldest first), placed after the article's own at its score (as details, see Passage.detail, when
        `detail`)."""
        keyword = self.keyword
        present = {p.chunk_id for p in passages}
        out = list(passages)
        for article in list(dict.fromkeys(p.article_id for p in passages))[:articles]:
            rows = []
            others = self.stories.other_ids(article) if story and self.stories is not None else []
            for read in [article, *others]:
                for n in range(MAX_CHUNKS_READ):
                    row = keyword.row_of(f"{read}:{n}")
                    if row is None:
                        break
                    if keyword.chunk_ids[row] not in present:
                        rows.append(row)
            picked = found(rows) if rows else []
            if not picked:
                continue
            last = max(i for i, p in enumerate(out) if p.article_id == article)
            out[last + 1:last + 1] = [replace(thin_passage(keyword, row, out[last].score), detail=detail)
                                      for row in picked]
        return hydrate(self.collection, out)

    def window_moved(self, question: str, as_of: dt.date, filters: Filters | None = None,
                     intent=None) -> WindowMoved | None:
        """When the question names more than one time and nothing in the window its time words are read as (the
        first, see rag.dates) names what the question names, while the archive has something that does: the next
        window that has it ("Yellowstone ... reopened Wednesday after being closed since June 13. Why was it shut
        down?": since June 13 when nothing from Wednesday mentions Yellowstone). A question naming one time keeps
        it: nothing in it is what the archive has to say about that time. None when nothing moves."""
        from rag.dates import parse_time, time_windows

        if not self.use_dates or self.keyword is None or not len(self.keyword):
            return None
        intent = intent or parse_time(question, as_of)
        if intent.kind != "explicit" or len(windows := time_windows(question, as_of)) < 2:
            return None
        shown, held = self._name_rows(question, as_of, True)
        window = _up_to(filters, as_of)

        def holds(candidate) -> bool:
            narrowed = _narrowed(candidate, window, as_of)
            if narrowed.since and narrowed.since > narrowed.until:
                return False
            inside = self.keyword.mask(narrowed)
            return any((rows & inside).any() for rows in held)

        if not held or holds(intent) or not any((rows & self.keyword.mask(window)).any() for rows in held):
            return None
        for candidate in windows:
            if candidate != intent and holds(candidate):
                named, read = _narrowed(intent, window, as_of), _narrowed(candidate, window, as_of)
                return WindowMoved(intent, candidate, shown, (named.since, named.until), (read.since, read.until))
        return None

    def _name_rows(self, question: str, as_of: dt.date, use_dates: bool) -> tuple[list[str], list]:
        """The question's names as written (see _question_name_stems) and, for each the keyword index knows, a
        boolean array of the chunks that hold it."""
        import numpy as np

        shown, groups = _question_name_stems(question, as_of, use_dates, getattr(self.keyword, "cases", None))
        held = []
        for name, whole in groups:
            rows = [self.keyword.chunks_with(stem) for stem in name]
            if whole and any(r is None for r in rows):
                continue  # a word of it no chunk holds
            if rows := [r for r in rows if r is not None]:
                held.append(np.logical_and.reduce(rows) if whole else np.logical_or.reduce(rows))
        return shown, held

    def newest_mention(self, question: str, as_of: dt.date, filters: Filters | None = None) -> Passage | None:
        """The newest article up to `as_of` (within `filters`) with a chunk that holds one of the question's names,
        as a passage with its headline and date; None when no chunk does (or without a keyword index). For an
        answer that finds nothing naming them where it looked: the archive's latest word on them is elsewhere."""
        import numpy as np

        if self.keyword is None or not len(self.keyword):
            return None
        _, held = self._name_rows(question, as_of, self.use_dates)
        if not held:
            return None
        window = _up_to(filters, as_of)
        rows = np.flatnonzero(np.logical_or.reduce(held) & self.keyword.mask(window))
        if not len(rows):
            return None
        newest = int(rows[np.argmax(self.keyword.published_ts[rows])])
        return hydrate(self.collection, [thin_passage(self.keyword, newest, 0.0)])[0]

    def search_naming(self, question: str, *, filters: Filters | None = None, as_of: dt.date | None = None,
                      limit: int = 8, per_article: int = 2) -> list[Passage]:
        """As `search`, among only the chunks that hold one of the question's names (see _question_name_stems), for
        a question whose search found nothing that names what it names: "Who is the new prime minister of Italy?"
        asked on 2022-10-23 found the week's British leadership race, while the archive's report naming Italy's
        next prime minister is from 09-22. Only the articles about the names count (their headline or first chunk
        names one), or, when there are none, the chunks that name one in passing (a newsletter's item). A question
        whose time words name a window keeps to it (search); so does one without a keyword index, or whose names no
        chunk up to `as_of` holds: [] then."""
        import numpy as np

        from rag.dates import EXPLICIT, TimeIntent, parse_time, strip_time_words

        as_of = as_of or dt.date.today()
        if self.keyword is None or not len(self.keyword):
            return []
        intent = parse_time(question, as_of) if self.use_dates else TimeIntent(None, None, "none", None, "")
        if intent.kind == EXPLICIT:
            return []
        _, held = self._name_rows(question, as_of, self.use_dates)
        window = _up_to(filters or Filters(), as_of)
        horizon = as_of - dt.timedelta(days=NAMING_DAYS)
        window = replace(window, since=max(window.since or horizon, horizon))
        among = np.logical_or.reduce(held) & self.keyword.mask(window) if held else None
        if among is None or not among.any():
            return []
        # only articles about them: their headline or first chunk names them (not a passing mention)
        chunk_ids, rows = self.keyword.chunk_ids, np.flatnonzero(among)
        about = {chunk_ids[row].rpartition(":")[0] for row in rows if chunk_ids[row].endswith(":0")}
        # (when no article is about them, the chunks that name them in passing: "FTX" asked on 2022-11-10 is named
        # only in a newsletter's item that day)
        kept = [row for row in rows if chunk_ids[row].rpartition(":")[0] in about] or list(rows)
        among = np.zeros(len(chunk_ids), dtype=bool)
        among[kept] = True
        query = strip_time_words(question, intent) if intent.phrase else question
        vector = self.dense.embedder.embed_query(query) if self.mode != "keyword" else None
        ranked = self._fused(query, window, (vector, vector if self.use_headlines else None), among=among)
        if self.use_dates:
            self._prefer_recent(ranked, intent, as_of, recent_until=self._newest_day())
        self._prefer_focused(ranked)
        ranked.sort(key=lambda p: p.score, reverse=True)
        if self.use_stories:
            ranked = self._one_per_story(ranked)
        return hydrate(self.collection, collapse(ranked, per_article=per_article, limit=limit))

    def _newest_day(self) -> dt.date | None:
        """The publication day of the archive's newest article (None without a keyword index)."""
        if self._newest is None and self.keyword is not None and len(self.keyword.published_ts):
            newest_ts = int(self.keyword.published_ts.max())
            self._newest = dt.datetime.fromtimestamp(newest_ts, tz=dt.UTC).date() if newest_ts > 0 else None
        return self._newest

    def _with_recent(self, ranked: list[Passage], query: str, filters: Filters, vectors) -> list[Passage]:
        """`ranked` merged with a search of the last RECENT_WINDOW_DAYS of `filters` (which has an end date), or of
        the archive when it ends before them."""
        if not RECENT_WINDOW_DAYS:
            return ranked
        end = filters.until
        newest = self._newest_day()
        if newest and newest < end and (not filters.since or newest >= filters.since):
            end = newest
        recent_since = end - dt.timedelta(days=RECENT_WINDOW_DAYS)
        recent = replace(filters, since=max(recent_since, filters.since or recent_since))
        return _merge_best(ranked, self._fused(query, recent, vectors))

    def _fused(self, query: str, filters: Filters, vectors, among=None) -> list[Passage]:
        """The dense and keyword lists fused by reciprocal rank; `vectors` is (the query's, the question's own for
        the headline list or None); `among`, when given, a boolean array of the keyword index's chunks to search
        (with the filters)."""
        vector, headline_vector = vectors
        ranked_lists: list[list[Passage]] = []
        if self.mode in ("hybrid", "dense"):
            if among is None:
                ranked_lists.append(self.dense.search(query, filters=filters, limit=CANDIDATES, vector=vector))
            else:
                vector = self.dense.embedder.embed_query(query) if vector is None else vector
                ranked_lists.append(self.dense._exact(vector, among & self.keyword.mask(filters), CANDIDATES))
        if self.mode in ("hybrid", "keyword"):
            hits = self.keyword.search(query, limit=CANDIDATES, filters=filters, among=among)
            rows = [(self.keyword.row_of(h.chunk_id), h.score) for h in hits]
            ranked_lists.append([thin_passage(self.keyword, row, score) for row, score in rows if row is not None])
        fused: dict[str, Passage] = {}
        for passages in ranked_lists:
            for rank, passage in enumerate(passages):
                share = 1.0 / (RRF_K + rank + 1)
                if passage.chunk_id in fused:
                    fused[passage.chunk_id].score += share
                else:
                    fused[passage.chunk_id] = replace(passage, score=share)
        if headline_vector is not None and HEADLINE_WEIGHT:
            ranks = self.keyword.headline_ranks(headline_vector, filters, CANDIDATES)
            for passage in fused.values():
                rank = ranks.get(passage.article_id)
                if rank is not None:
                    passage.score += HEADLINE_WEIGHT / (RRF_K + rank + 1)
        return list(fused.values())

    @staticmethod
    def _prefer_recent(passages: list[Passage], intent, as_of: dt.date, recent_until: dt.date | None = None) -> None:
        """Scores times the recency prior; ages are counted from `as_of`, or from `recent_until` (the archive's
        newest day) when it is earlier."""
        if intent.kind == "explicit" and not _open_ended(intent, as_of):
            return
        reference = min(as_of, recent_until) if recent_until else as_of
        if intent.kind == "vague":
            weight, scale = RECENCY_WEIGHT_VAGUE, intent.recency_days or RECENCY_SCALE_NO_TIME_WORD
        else:
            weight, scale = RECENCY_WEIGHT_NO_TIME_WORD, RECENCY_SCALE_NO_TIME_WORD
        if not weight:
            return
        for passage in passages:
            if not passage.published:
                continue
            age = max((reference - dt.date.fromisoformat(passage.published)).days, 0)
            passage.score *= 1.0 + weight * math.exp(-age / scale)

    def _prefer_looking_back(self, passages: list[Passage], intent, as_of: dt.date) -> None:
        """Scores of the passages published after the month asked about, which is over, that name it as a time
        things happened in (_looks_back), times 1 + LOOKING_BACK_BOOST (a month's report comes after it)."""
        since, until = intent.as_filter()
        if not LOOKING_BACK_BOOST or self.keyword is None or not (since and until) or until >= as_of \
                or since.day != 1 or (until + dt.timedelta(days=1)).day != 1 or since.month != until.month:
            return
        name = _MONTH_NAMES[since.month - 1]
        month = index_terms(name)
        # ("may" is mostly the verb: no month of May is told by it)
        held = self.keyword.chunks_with(month[0]) if len(month) == 1 and since.month != 5 else None
        if held is None:
            return
        after = until.isoformat()
        later = [i for i, p in enumerate(passages) if p.published and p.published > after
                 and (row := self.keyword.row_of(p.chunk_id)) is not None and held[row]]
        if not later:
            return
        # (fetched here in place, so the search's closing hydrate does not fetch them again)
        loaded = {p.chunk_id: p for p in hydrate(self.collection, [passages[i] for i in later])}
        for i in later:
            passage = passages[i] = loaded.get(passages[i].chunk_id, passages[i])
            if passage.loaded and _looks_back(passage.text, name):
                passage.score *= 1.0 + LOOKING_BACK_BOOST

    def _prefer_focused(self, passages: list[Passage]) -> None:
        focus = getattr(self.keyword, "focus", None)
        if focus is None or not FOCUS_PENALTY:
            return
        for passage in passages:
            row = self.keyword.row_of(passage.chunk_id)
            if row is None:
                continue
            lack = (FOCUS_FULL - float(focus[row])) / (FOCUS_FULL - FOCUS_NONE)
            if lack > 0:
                passage.score *= 1.0 - FOCUS_PENALTY * min(1.0, lack)

    def _prefer_rare_names(self, passages: list[Passage], names: list[str]) -> None:
        if self.mode == "dense" or self.keyword is None or not RARE_NAME_BOOST or not passages:
            return
        most = max(RARE_NAME_MIN_CHUNKS, RARE_NAME_SHARE * len(self.keyword))
        holders = [held for held in (self.keyword.chunks_with(n) for n in names)
                   if held is not None and held.sum() <= most]
        if not holders:
            return
        for passage in passages:
            row = self.keyword.row_of(passage.chunk_id)
            if row is not None:
                passage.score *= 1.0 + RARE_NAME_BOOST * sum(bool(held[row]) for held in holders) / len(holders)

    def as_written(self, question: str) -> str:
        """The question with the names it typed in lower case written as the archive writes them ("what happened
        to ftx" -> "what happened to FTX"; rag.text.truecase), so that they count as names: searched for as rare
        names, required of the passages quoted, read as outlets and events. Unchanged without a keyword index."""
        return truecase(question, getattr(self.keyword, "cases", None))

    def outlets_in(self, question: str, filters: Filters | None = None) -> list[str]:
        """The archive's outlets the question names, which its search prefers (none when a filter names outlets)."""
        if filters is not None and filters.sources:
            return []
        return outlets_named(question, self._outlets())

    def _outlets(self) -> set[str]:
        """The outlets of the archive (from the keyword index; none known without it)."""
        if self._outlet_names is None:
            sources = getattr(self.keyword, "sources", None)
            self._outlet_names = {str(s) for s in set(sources.tolist())} if sources is not None else set()
        return self._outlet_names

    @staticmethod
    def _prefer_outlets(passages: list[Passage], outlets: list[str]) -> None:
        if not outlets or not OUTLET_BOOST:
            return
        for passage in passages:
            if passage.source in outlets:
                passage.score *= OUTLET_BOOST

    def _one_per_story(self, ranked: list[Passage]) -> list[Passage]:
        best_article: dict[str, str] = {}
        kept = []
        for passage in ranked:
            story = self.stories.story_of(passage.article_id)
            if best_article.setdefault(story, passage.article_id) != passage.article_id:
                continue
            passage.also_reported_by = [reported_by(e.source, e.published)
                                        for e in self.stories.others(passage.article_id)]
            kept.append(passage)
        return kept
