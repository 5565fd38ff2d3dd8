"""Assistant: the one place that wires question -> retrieval -> answer, for Python, the shell and the page."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
import threading
import time
import unicodedata
from collections.abc import Iterator, Sequence

from rag.answering import Answer
from rag.answering.events import events_unquoted
from rag.config import Config
from rag.desks import desk_asked
from rag.errors import NewsragError
from rag.retrieval import (
    BRIEFING_STORIES,
    COVERAGE_OUTLETS,
    TIMELINE_DAYS,
    Filters,
    coverage_notes,
    names_not_found,
    names_unquoted,
    old_lead_note,
    old_sources_note,
    passages_naming,
)

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000
MAX_SOURCES = 4  # passages a language model reads (small models lose the thread in long prompts)
PRONOUN_PASSAGES = 10  # passages read to tell whether the archive calls a person "she" or "he" (rag.followup)
# An open question whose search found nothing that names what it names, or nothing that answers it, is searched
# again among the recent articles about its names (Retriever.search_naming): that answer stands when its best
# evidence holds at least this share of the question's key words (an answer on the name alone is about something
# else).
NAMED_SEARCH_SHARE = 0.5
FALLBACK_NOTICE = (
    "Notice: the model's answer could not be verified against the sources, so these are the sources' own "
    "sentences."
)


def clean_question(question: str) -> str:
    """The question with control characters removed and whitespace tidied; raises NewsragError when unusable."""
    if not isinstance(question, str):
        raise NewsragError("the question must be text")
    cleaned = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in question)
    cleaned = " ".join(cleaned.split())
    if not cleaned:
        raise NewsragError("the question is empty: type a question about the news")
    if len(cleaned) > MAX_QUESTION_CHARS:
        raise NewsragError(
            f"the question is {len(cleaned):,} characters long; the limit is {MAX_QUESTION_CHARS:,}: shorten it"
        )
    return cleaned


def question_and_options(question: str, options: Sequence[str] | None) -> tuple[str, list[str]]:
    """The cleaned question and its options: those given, or else those listed in the question's text."""
    from rag.options import clean_options, split_options

    if options is None and isinstance(question, str):
        question, options = split_options(question)
    return clean_question(question), clean_options(options)


def parse_day(value: dt.date | str | None, what: str = "date") -> dt.date | None:
    """A date from a date object or an ISO string (YYYY-MM-DD); None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise NewsragError(f"{what} {value!r} is not a date like 2020-06-16") from None


def as_filters(filters: Filters | dict | None) -> Filters | None:
    """Filters from a Filters object or a dict with `sources`/`source`, `since`, `until`."""
    if filters is None or isinstance(filters, Filters):
        return filters
    sources = filters.get("sources") or filters.get("source") or ()
    if isinstance(sources, str):
        sources = (sources,)
    return Filters(
        sources=tuple(s for s in sources if s),
        since=parse_day(filters.get("since"), "since"),
        until=parse_day(filters.get("until"), "until"),
    )


class Assistant:
    """Answers questions from the index. Safe to share between threads; reopens the index after a rebuild."""

    def __init__(self, config: Config | None = None, *, model=None, max_tokens: int | None = None, **settings):
        """`config` (or settings for Config.load). `model`: an already loaded rag.answering.llm.LLM to answer
        with instead of loading the configured one (to share one model between assistants)."""
        from rag.answering import llm

        self.config = config or Config.load(**settings)
        self._lock = threading.Lock()
        self._work = threading.Lock()  # embedding and generation take turns: on two cores they slow each other
        self._opened: tuple | None = None  # (manifest mtime, manifest, retriever, embedder)
        self._model = model
        self._spec = model.spec if model is not None else llm.parse_spec(self.config.llm)
        self._max_tokens = max_tokens or llm.DEFAULT_MAX_TOKENS

    def _open(self):
        from rag.indexing import check_compatible, embedder_for
        from rag.store import Store

        store = Store(self.config)
        try:
            stamp = store.manifest_path.stat().st_mtime_ns
        except FileNotFoundError:
            raise NewsragError(
                f"no index at {self.config.index_dir}: run `newsrag rebuild` to build it from "
                f"{self.config.corpus_dir}/ (or `newsrag ingest PATH`)"
            ) from None
        with self._lock, store.errors():
            if self._opened and self._opened[0] == stamp:
                return self._opened
            manifest = store.read_manifest()
            check_compatible(manifest, self.config, store)
            embedder = self._opened[3] if self._opened else None
            if embedder is None or embedder.backend != manifest.embed_backend:  # a rebuild may change backend
                embedder = embedder_for(manifest, self.config)
            if self._opened is not None:  # written since (maybe by another process): read the store anew
                store = Store(self.config, fresh=True)
            retriever = self._retriever(store, manifest, embedder)
            self._opened = (stamp, manifest, retriever, embedder)
            return self._opened

    def _retriever(self, store, manifest, embedder):
        from rag.indexing import stories_from_collection
        from rag.retrieval import Retriever
        from rag.stories import StoryIndex, stories_path

        collection = store.collection(manifest.collection)
        keyword = self._keyword_index(store, manifest, collection, embedder)
        path = stories_path(store.index_dir, manifest.collection)
        stories = StoryIndex.load(path) if path.exists() else stories_from_collection(collection)
        return Retriever(
            collection,
            embedder,
            keyword,
            stories,
            mode=self.config.retrieval_mode,
            use_dates=self.config.use_dates,
            use_stories=self.config.use_stories,
            use_headlines=self.config.use_headlines,
        )

    def _keyword_index(self, store, manifest, collection, embedder):
        """The keyword index beside the collection. One saved by an older newsrag (words read the old way, no
        headline vectors, or no count of how its words are written) is brought up to date and saved, once, when no
        ingest is writing; else it is brought up to date for this session only, and a warning says so. A missing
        one is rebuilt for the session (derived data: `newsrag check --repair` saves it, after checking the rest)."""
        from rag.indexing import pending_path
        from rag.keyword import TERMS, KeywordIndex, keyword_dir

        folder = keyword_dir(store.index_dir, manifest.collection)
        keyword = KeywordIndex.load(folder)
        if keyword is None:
            log.warning("the keyword index at %s is missing or unreadable: it is rebuilt for this session; "
                        "`newsrag check --repair` saves it", folder)
            return KeywordIndex.build(collection, embedder)
        wants_headlines = self.config.use_headlines and self.config.retrieval_mode == "hybrid"

        def lacks(index) -> str:
            if index.terms != TERMS:
                return "reads words as an older newsrag did"
            if wants_headlines and index.headlines is None:
                return "keeps no headline vectors"
            return "keeps no count of how its words are written" if index.cases is None else ""

        def updated(index):
            if index.terms != TERMS:  # headline vectors it holds are reused
                return KeywordIndex.build(collection, embedder, index)
            if wants_headlines and index.headlines is None:
                index.add_headlines(collection, embedder)
            if index.cases is None:
                index.add_cases(collection)
            return index

        what = lacks(keyword)
        if not what:
            return keyword
        started = time.monotonic()
        try:
            with store.write_lock():
                if store.read_manifest().collection != manifest.collection or pending_path(
                        store, manifest.collection).exists():
                    raise NewsragError("the index is being written")
                keyword = KeywordIndex.load(folder) or keyword  # another process may have updated it meanwhile
                if lacks(keyword):
                    keyword = updated(keyword)
                    keyword.save(folder)
                    log.warning("the keyword index at %s %s: brought up to date and saved (%.1f s, once)",
                                folder, what, time.monotonic() - started)
                return keyword
        except (NewsragError, OSError) as exc:
            log.warning("the keyword index at %s %s: brought up to date for this session only (%s); run "
                        "`newsrag check --repair` to save it", folder, what, exc)
            return updated(keyword)

    def retrieve(
        self, question: str, *, filters: Filters | dict | None = None, as_of: dt.date | str | None = None,
        limit: int | None = None, per_article: int = 2, options: Sequence[str] | None = None,
    ):
        """The passages an answer would be written from, best first.

        `options`: the candidate answers the question comes with (None: read them from the question's text).
        """
        from rag.answering.extractive import who_did

        question, options = question_and_options(question, options)
        _, _, retriever, _ = self._open()
        question = who_did(retriever.as_written(question))
        day = parse_day(as_of, "as_of") or dt.date.today()
        with self._store_errors():
            return retriever.search(
                question, filters=as_filters(filters), as_of=day, limit=limit or self.config.top_k,
                per_article=per_article, options=options,
            )

    def _store_errors(self):
        """A Chroma server that went away or a damaged store: one-line NewsragErrors, not tracebacks."""
        from rag.store import Store

        return Store(self.config).errors()

    def stories(self):
        """The story groups of the live index (a rag.stories.StoryIndex)."""
        _, _, retriever, _ = self._open()
        return retriever.stories

    def embedder(self):
        """The embedder of the live index (loaded once; adding articles from the page reuses it)."""
        _, _, _, embedder = self._open()
        return embedder

    def info(self) -> dict:
        """Size and date range of the index: articles, chunks, sources, date_min, date_max, model."""
        _, manifest, _, _ = self._open()
        return {
            "articles": manifest.articles,
            "chunks": manifest.chunks,
            "sources": list(manifest.sources),
            "date_min": manifest.date_min,
            "date_max": manifest.date_max,
            "model": manifest.model,
            "embed_backend": manifest.embed_backend,
        }

    # ------------------------------------------------------------------------------ answering

    @property
    def llm_spec(self):
        """The configured language model (a rag.answering.llm.LLMSpec), or None for the extractive answerer."""
        return self._spec

    def model(self):
        """The configured language model, loaded on first use (a rag.answering.llm.LLM), or None."""
        if self._model is not None or self._spec is None:
            return self._model
        with self._lock:
            if self._model is None:
                from rag.answering import llm

                self._model = llm.load(self._spec, threads=self.config.threads, max_tokens=self._max_tokens)
            return self._model

    def _backend(self, answerer: str | None):
        choice = (answerer or "").strip().lower()
        if choice == "extractive":
            return None
        if choice in ("", "default"):
            return self.model()
        if choice == "llm":
            if self._spec is None:
                raise NewsragError("no language model is configured: set NEWSRAG_LLM or pass --llm SPEC")
            return self.model()
        raise NewsragError(f"answerer {answerer!r} is not known: use 'extractive' or 'llm'")

    def ask(
        self,
        question: str,
        *,
        history: Sequence = (),
        filters: Filters | dict | None = None,
        as_of: dt.date | str | None = None,
        answerer: str | None = None,
        options: Sequence[str] | None = None,
    ) -> Answer:
        """Answer one question; raises NewsragError on an empty or over-long question or a missing index.

        `history` is the conversation so far, as {"role", "content"} dicts or (question, answer) pairs: a
        follow-up question is rewritten to stand alone before the search. `answerer` is "extractive" or
        "llm" (default: the configured one). `options` are candidate answers ("Europe", "Asia", ...): the
        answer names the one the sources support. None reads them from the question's text when it lists
        them ("A) Europe" / "- Europe" lines, or "Options: Europe; Asia"); [] means none.
        """
        result = None
        for piece in self._answer(question, history, filters, as_of, answerer, options, stream=False):
            result = piece
        return result

    def stream(
        self,
        question: str,
        *,
        history: Sequence = (),
        filters: Filters | dict | None = None,
        as_of: dt.date | str | None = None,
        answerer: str | None = None,
        options: Sequence[str] | None = None,
    ) -> Iterator[str | Answer]:
        """Yield the answer's text in pieces, then the final Answer.

        With a language model the pieces are its tokens as they come; the final Answer is the verified one,
        whose text may differ (citations renumbered, unsupported sentences marked).
        """
        yield from self._answer(question, history, filters, as_of, answerer, options, stream=True)

    def _answer(self, question, history, filters, as_of, answerer, options, *, stream: bool) -> Iterator[str | Answer]:
        from rag.answering import extractive
        from rag.followup import already_told, condense, pronoun_of

        question, options = question_and_options(question, options)
        told = already_told(question, history)  # ("Tell me more": what the answers before quoted is passed over)
        filters = as_filters(filters)
        day = parse_day(as_of, "as_of") or dt.date.today()
        model = self._backend(answerer)
        _, manifest, retriever, embedder = self._open()
        timings: dict[str, float] = {}
        clock = time.perf_counter()
        if history:
            @functools.cache
            def pronoun_of_name(name: str) -> str:  # "she" or "he", as the articles found for the name say
                with self._work, self._store_errors():
                    found = retriever.search(name, filters=filters, as_of=day, limit=PRONOUN_PASSAGES)
                return pronoun_of(name, [passage.text for passage in found])

            question, how = condense(question, history, model, hold=self._work, as_of=day,
                                     cases=getattr(retriever.keyword, "cases", None), pronoun_of_name=pronoun_of_name)
            timings["condense_ms"] = _ms(clock)
            timings["condensed_by_llm"] = 1.0 if how == "llm" else 0.0
            clock = time.perf_counter()
        question = retriever.as_written(question)  # "what happened to ftx": its names as the archive writes them
        question = extractive.who_did(question)  # ("What do we know about the man who shot Abe?": who shot him)
        briefing, desk, topic, timeline = None, None, None, None
        with self._work, self._store_errors():
            outlets = [] if options else retriever.outlets_in(question, filters)
            # (a briefing or timeline that names outlets is of their articles)
            narrowed = dataclasses.replace(filters or Filters(), sources=tuple(outlets)) if outlets else filters
            # "Timeline of Liz Truss's premiership", "How did the rail strike unfold?"
            timeline = None if options else extractive.timeline_topic(question, day)
            if timeline is not None:
                # ("Tell me more" after one: the days after those listed, so as many again for each list before)
                days = retriever.timeline(question, timeline[1], filters=narrowed, as_of=day,
                                          limit=TIMELINE_DAYS * (1 + len(told)))
                if days is not None:
                    briefing = days
            # "Which outlets reported the Usk flood?", "Who reported it first?"
            covered = None if options or timeline is not None else extractive.coverage_topic(question, day)
            if covered is not None:
                reports = retriever.coverage(question, covered[1], filters=filters, as_of=day, first=covered[2],
                                             limit=COVERAGE_OUTLETS * (1 + len(told)))
                briefing = None if reports is None else (reports[0], *reports[2:4])
            # "What happened yesterday?", "Top sports stories this week", "Biggest stories about Usk this month"
            topic = None if options or briefing is not None else extractive.briefing_topic(question, day, outlets)
            if briefing is None and not options and (topic or extractive.asks_for_briefing(question, day, outlets)):
                desk = desk_asked(question)
                briefing = retriever.top_stories(question, filters=narrowed, as_of=day, desk=desk, topic=topic,
                                                 limit=BRIEFING_STORIES * (1 + len(told)))
            if briefing is None:
                # a choice among options reads further down the ranking: a sentence must name an option to count
                limit = max(self.config.top_k, extractive.OPTION_PASSAGES_READ) if options else self.config.top_k
                passages = retriever.search(question, filters=filters, as_of=day, limit=limit, options=options)
                if options:
                    passages = retriever.with_option_chunks(passages, options)
                ledes = 0 if options else extractive.ledes_to_read(question, outlets)
                if ledes:
                    passages = retriever.with_ledes(passages, ledes)
                if not options:  # a detail further down the best articles, in a chunk the search did not find
                    passages = retriever.with_asked_chunks(passages, question)
                    if extractive.age_asked(question):  # "How old is Rishi Sunak?": "Sunak, 42," is such a detail
                        passages = retriever.with_chunks_saying(passages, question, extractive.states_an_age)
                    if extractive.question_kind(question) == "money":  # "How much damage did Ian cause?": "$25-$40 ..."
                        passages = retriever.with_chunks_saying(
                            passages, question, functools.partial(extractive.states_a_sum, question=question))
                    if name := extractive.person_asked(question):  # "Who is Rishi Sunak?": "Sunak, whose ..."
                        passages = retriever.with_chunks_saying(
                            passages, question, functools.partial(extractive.describes_in, name=name))
                    if term := extractive.definition_asked(question):  # "What is monkeypox?": "Monkeypox is a ..."
                        passages = retriever.with_chunks_saying(
                            passages, question, functools.partial(extractive.defines, term=term), term=term)
        timings["retrieve_ms"] = _ms(clock)
        if briefing is not None:  # the most reported stories (or days) of the time asked about, quoted (no model)
            stories, since, until = briefing[:3]
            clock = time.perf_counter()
            if timeline is not None:
                result = extractive.timeline(question, stories, since, until, briefing[3], as_of=day.isoformat(),
                                             topic=timeline[0], about=timeline[1], already=told)
            elif covered is not None:
                result = extractive.coverage(question, stories, reports[1], since, until, reports[4],
                                             as_of=day.isoformat(), topic=covered[0], about=covered[1],
                                             first=covered[2], already=told)
            else:
                result = extractive.briefing(question, stories, since, until, as_of=day.isoformat(),
                                             outlets=outlets, desk=desk, topic=topic, already=told)
            timings["answer_ms"] = _ms(clock)
            result.timings = timings
            # (an empty window is what the answer says already; that the archive ends early is a note)
            result.notes = coverage_notes(question, day, stories, newest=manifest.date_max, filters=filters,
                                          use_dates=retriever.use_dates and bool(stories))
            if stream:
                yield from _pieces(result.text)
            yield result
            return
        # a second time the question names, searched since nothing of the first names what it asks about: that
        # note says what the first window held
        moved = retriever.window_moved(question, day, filters)
        notes = coverage_notes(question, day, passages, newest=manifest.date_max, filters=filters,
                               use_dates=retriever.use_dates and moved is None)
        if moved is not None:
            notes.insert(0, moved.note())
        event = retriever.event_window(question, day, filters) if retriever.use_dates else None
        if event is not None and any(event.holds(p.published) for p in passages):  # (else the window held nothing)
            notes.append(event.note())
        clock = time.perf_counter()
        # an open answer about something none of the passages names is about something else: say so instead
        cases = getattr(retriever.keyword, "cases", None)  # which words of a name hold it (rag.retrieval)
        missing = [] if options else names_not_found(question, passages[: self.config.top_k], day,
                                                      use_dates=retriever.use_dates, cases=cases)
        answered = None  # (the answer the second search gave, already written)
        if missing and not told:  # the best of what does name them, when the archive has it
            with self._work:  # (when they hold no answer either, the answer says nothing found names them)
                found = self._named_answer(retriever, question, filters, day, embedder, cases)
            if found is not None:
                notes.append(f"The articles that best match the question do not mention {' or '.join(missing)}: "
                             "these are the best of those that do.")
                (answered, passages), missing = found, []
        if missing:
            result = extractive.abstention(question, day.isoformat(), mode=model.mode if model else "extractive")
            result.text = f"The archive does not say: none of the articles found mentions {' or '.join(missing)}."
            latest = retriever.newest_mention(question, day, filters)  # where the archive does mention them
            if latest is not None:
                notes = [*notes, f"The newest article in the archive that mentions {' or '.join(missing)}: "
                                 f"“{latest.title}” ({latest.source or 'unknown outlet'}, "
                                 f"{latest.published or 'undated'})."]
            timings["answer_ms"] = _ms(clock)
            result.timings, result.notes = timings, notes
            if stream:
                yield result.text
            yield result
            return
        if model is None or options or told:
            # with options the answer is a choice among them, read from the sources' sentences (no model); "Tell me
            # more" is answered by the sentences the answers before did not quote
            with self._work:
                if options:
                    result = extractive.choose(question, options, passages, embedder, as_of=day.isoformat(),
                                                   cases=cases)
                elif answered is not None:
                    result = answered
                else:
                    result = extractive.answer(question, passages, embedder, as_of=day.isoformat(), cases=cases,
                                               already=told)
                if result.abstained and not options and not told:  # the articles about what it names may answer
                    found = self._named_answer(retriever, question, filters, day, embedder, cases)
                    if found is not None:
                        notes.append("The articles that best match the question do not answer it: these are the "
                                     "best of those about what it names.")
                        result, passages = found
            timings["answer_ms"] = _ms(clock)
            result.timings = timings
            result.options = list(options)
            result.notes = _answer_notes(notes, question, day, result, retriever, filters, passages)
            if stream:
                yield from _pieces(result.text)
            yield result
            return
        for piece in self._generate(question, passages, embedder, model, day.isoformat(), timings, stream=stream,
                                     cases=cases):
            if isinstance(piece, Answer):
                piece.notes = _answer_notes(notes, question, day, piece, retriever, filters, passages)
            yield piece

    def _named_answer(self, retriever, question: str, filters, day: dt.date, embedder, cases):
        """(the extractive answer, its passages) from the recent articles about the question's names
        (Retriever.search_naming), when they name them and the answer's best evidence holds NAMED_SEARCH_SHARE of the
        question's key words; None otherwise. The caller holds `_work`."""
        from rag.answering import extractive

        named = retriever.search_naming(question, filters=filters, as_of=day, limit=self.config.top_k)
        if not named or names_not_found(question, named, day, use_dates=retriever.use_dates, cases=cases):
            return None
        answer = extractive.answer(question, named, embedder, as_of=day.isoformat(), cases=cases,
                                   least_share=NAMED_SEARCH_SHARE)
        return None if answer.abstained else (answer, named)

    def _generate(self, question, passages, embedder, model, as_of: str, timings: dict, *, stream: bool,
                  cases: dict | None = None):
        from rag.answering import extractive, llm, verify

        started = clock = time.perf_counter()
        with self._work:
            scored, why_not = extractive.evidence(question, passages, embedder, as_of=as_of, cases=cases)
        timings["evidence_ms"] = _ms(clock)
        if not scored or not scored[0].supported:  # the same judgement as the extractive answerer: no model call
            result = extractive.abstention(question, as_of, mode=model.mode)
            result.text = why_not or result.text
            timings["answer_ms"] = _ms(started)
            result.timings = timings
            if stream:
                yield result.text
            yield result
            return
        sources = list(passages[:MAX_SOURCES])
        if scored[0].passage not in sources:
            sources[-1] = scored[0].passage
        messages = llm.answer_messages(question, sources, as_of)
        clock = time.perf_counter()
        generation = llm.Generation()
        for piece in model.stream(messages, hold=self._work, stats=generation):
            if stream:
                yield piece
        timings["generate_ms"] = _ms(clock)
        timings["first_token_ms"] = round((generation.first_piece_s or 0.0) * 1000, 1)
        timings["tokens"] = float(generation.pieces)
        timings["tokens_per_s"] = round(generation.pieces_per_s, 1)
        clock = time.perf_counter()
        with self._work:
            checked = verify.check(
                generation.text, sources, embedder, question=question, truncated=generation.truncated
            )
        result = verify.to_answer(checked, sources, question=question, as_of=as_of, mode=model.mode)
        timings["verify_ms"] = _ms(clock)
        timings["sentences_supported"] = float(checked.supported)
        timings["sentences_unsupported"] = float(checked.unsupported)
        if result is None:  # nothing the model wrote holds up: quote the sources instead, and say so
            with self._work:
                result = extractive.answer(question, passages, embedder, as_of=as_of, cases=cases)
            result.text = f"{FALLBACK_NOTICE}\n{result.text}"
        timings["answer_ms"] = _ms(started)
        result.timings = timings
        yield result


def _answer_notes(notes: list[str], question: str, day: dt.date, answer: Answer, retriever, filters,
                  passages=()) -> list[str]:
    """`notes`, and what the answer's citations show: that none is from an outlet the question names, and (unless
    the notes already say the archive ends early) that the newest is old, and whether newer `passages` were read."""
    notes = list(notes)
    if answer.abstained:
        return notes
    outlets = retriever.outlets_in(question, filters)
    if outlets and not any(c.source in outlets for c in answer.citations):
        notes.append(f"None of the sources quoted is from {' or '.join(outlets)}, which the question names: nothing "
                     "of theirs that was found answers it.")
    from rag.answering import extractive
    from rag.answering.outcome import still_to_come

    unquoted = names_unquoted(question, passages, answer.citations, day, use_dates=retriever.use_dates,
                              cases=getattr(retriever.keyword, "cases", None), outlets=outlets)
    if unquoted:  # "Who won the Nobel Prize in Literature?" answered by the physics prize
        named = " or ".join(f"“{name}”" for name in unquoted)
        notes.append(f"The sources quoted do not name {named}, which the question does: the answer may be about "
                     "something else.")
    untold = events_unquoted(question, passages, answer.citations)
    if untold:  # "How many people died in the Indonesia stadium stampede?" answered by a volcano report
        told = " or ".join(f"a{'n' if event[0] in 'aeiou' else ''} “{event}”" for event in untold)
        notes.append(f"The sources quoted do not mention {told}, which the question asks about: the answer may be "
                     "about something else.")
    deed = still_to_come(question, answer.citations, passages)
    if deed:  # "Who won the World Cup?" asked before the final: "will be looking to win ..."
        newest = max((c.published for c in answer.citations if c.published), default="")
        notes.append(f"The first source quoted speaks of “{deed}” as still to come, and no source quoted says it in "
                     "the past: the archive may not report it yet"
                     + (f" (the newest source quoted is from {newest})." if newest else "."))
    topic = extractive.passing_mention(question, answer.citations, passages, as_of=day, outlets=outlets)
    if topic:  # "What did CNN say about inflation this week?" quoting reports on other things
        notes.append(f"None of the articles quoted is mainly about “{topic}”: no headline or opening sentence of "
                     "theirs names it.")
    if not any(note.startswith("The archive's newest") for note in notes):
        cited = [c.published for c in answer.citations]
        note = old_sources_note(question, day, cited, use_dates=retriever.use_dates)
        if note and passages:  # old: say whether newer passages about what the question names were read
            _, on_subject = passages_naming(question, passages, day, use_dates=retriever.use_dates,
                                            cases=getattr(retriever.keyword, "cases", None))
            note = old_sources_note(question, day, cited, use_dates=retriever.use_dates,
                                    read=[p.published for p in on_subject])
        note = note or old_lead_note(question, day, cited, use_dates=retriever.use_dates)
        if note:
            notes.append(note)
    return notes


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 1)


def _pieces(text: str) -> Iterator[str]:
    words = text.split(" ")
    for i in range(0, len(words), 3):
        yield " ".join(words[i : i + 3]) + (" " if i + 3 < len(words) else "")


_default: Assistant | None = None
_default_lock = threading.Lock()


def ask(question: str, **kwargs) -> Answer:
    """Answer a question with a default Assistant (index from newsrag.toml / NEWSRAG_* / ./.newsrag)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Assistant()
    return _default.ask(question, **kwargs)
