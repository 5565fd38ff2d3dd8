"""How long a briefing ("What happened yesterday?", "... this year?"), a timeline or a list of the outlets that
reported a topic takes on the rtqa2022 bench archive, against an ordinary question asked of the same index in the
same run.

    python bench/briefing.py --cache .bench-cache     # builds the bench index once (see bench/retrieval.py)

Each question is asked three times with `Assistant.ask`; the best time counts, and the first is shown too (a desk's
briefing reads the links of the window's articles on its first ask and keeps them). Prints one line per question
with its time, the ratio to the ordinary question's, how many articles the window held and the stories listed first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.retrieval import BENCH, build_index  # noqa: E402

BASELINE = ("2022-09-10", "What happened to Queen Elizabeth?")
BRIEFINGS = [
    ("2022-08-10", "What happened yesterday?"),
    ("2022-09-09", "What are the top stories this week?"),
    ("2022-09-30", "What were the top stories this month?"),
    ("2022-12-01", "What were the biggest stories this year?"),
    ("2022-09-09", "Top sports stories this week"),  # one desk's: the links of the window's articles are read once
    ("2022-12-01", "What were the biggest business stories this year?"),
    ("2022-11-10", "What were the biggest stories about the midterms this month?"),  # about a topic
    ("2022-12-01", "What were the biggest stories about Ukraine this year?"),
]
# timelines: every day up to the one asked whose articles are about the topic is read
TIMELINES = [
    ("2022-12-01", "Timeline of Liz Truss's premiership"),
    ("2022-12-01", "How did the Twitter takeover unfold?"),
    ("2022-12-01", "Give me a timeline of the war in Ukraine"),
]
# which outlets reported a topic: as for a timeline, every article about it up to the day asked is read
COVERAGE = [
    ("2022-12-01", "Which outlets reported on Liz Truss?"),
    ("2022-12-01", "Who reported the war in Ukraine first?"),
]


def timed_ms(assistant, as_of: str, question: str, runs: int = 3):
    """(best time, first time, answer) over `runs` asks."""
    times, answer = [], None
    for _ in range(runs):
        started = time.perf_counter()
        answer = assistant.ask(question, as_of=as_of)
        times.append((time.perf_counter() - started) * 1000)
    return min(times), times[0], answer


def main() -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=ROOT / ".bench-cache", help="where the bench index is kept")
    parser.add_argument("--backend", default="auto", help="embedding backend of the index (auto, torch-fp32, ...)")
    args = parser.parse_args()

    from rag.chat import Assistant
    from rag.config import Config
    from rag.embedding import resolve_backend
    from rag.retrieval import Filters

    backend = resolve_backend(args.backend)
    index_dir = args.cache / f"rtqa-{backend}"
    build_index(index_dir, BENCH / "articles.jsonl.gz", backend)
    assistant = Assistant(Config.load(index_dir=index_dir))
    assistant.ask("warm up", as_of=BASELINE[0])
    baseline_ms, _, _ = timed_ms(assistant, *BASELINE)
    print(f"baseline {BASELINE[1]!r} as of {BASELINE[0]}: {baseline_ms:.1f} ms")
    _, _, retriever, _ = assistant._open()
    for as_of, question in BRIEFINGS:
        took, first_ms, answer = timed_ms(assistant, as_of, question)
        found = retriever.top_stories(question, as_of=dt.date.fromisoformat(as_of))
        since, until = (found[1], found[2]) if found else (None, None)
        keep = retriever.keyword.mask(Filters(since=since, until=until))
        window = sum(1 for row in retriever.keyword.headline_rows if keep[row]) if found else 0
        first = "; ".join(f"{c.title[:40]} ({c.score:.0f})" for c in answer.citations[:3])
        print(f"{question!r} as of {as_of}: {took:.1f} ms (first ask {first_ms:.1f}), {took / baseline_ms:.2f}x the "
              f"baseline; "
              f"{since} to {until}, {window} articles in the window; first: {first}")
    from rag.answering.extractive import timeline_topic

    for as_of, question in TIMELINES:
        took, first_ms, answer = timed_ms(assistant, as_of, question)
        day = dt.date.fromisoformat(as_of)
        found = retriever.timeline(question, timeline_topic(question, day)[1], as_of=day)
        days = f"{found[3]} days reported from {found[1]}" if found else "no timeline"
        first = "; ".join(f"{c.published} {c.title[:30]} ({c.score:.0f})" for c in answer.citations[:3])
        print(f"{question!r} as of {as_of}: {took:.1f} ms (first ask {first_ms:.1f}), {took / baseline_ms:.2f}x the "
              f"baseline; {days}; first: {first}")
    from rag.answering.extractive import coverage_topic

    for as_of, question in COVERAGE:
        took, first_ms, answer = timed_ms(assistant, as_of, question)
        day = dt.date.fromisoformat(as_of)
        topic = coverage_topic(question, day)
        found = retriever.coverage(question, topic[1], as_of=day, first=topic[2])
        outlets = f"{found[4]} outlets, {sum(n for n, _ in found[1].values())} articles" if found else "no coverage"
        first = "; ".join(f"{c.source} {c.published} ({c.score:.0f})" for c in answer.citations[:3])
        print(f"{question!r} as of {as_of}: {took:.1f} ms (first ask {first_ms:.1f}), {took / baseline_ms:.2f}x the "
              f"baseline; {outlets}; first: {first}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
