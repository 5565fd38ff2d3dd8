"""Retrieval and answer quality on the rtqa2022 bench: the default configuration and its ablations.

    python bench/retrieval.py --cache .bench-cache            # builds the bench index once, then evaluates
    python bench/retrieval.py --cache .bench-cache --json     # one JSON object: {"default": {...}, ...}

The bench data stays in ../shared/bench (never copied into the repository). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH = ROOT.parent / "shared" / "bench" / "rtqa2022"

ABLATIONS = {
    "hybrid + dates + stories (default)": {},
    "default, question alone (no options)": {"options": False},
    "dense only + dates + stories": {"retrieval_mode": "dense"},
    "BM25 only + dates + stories": {"retrieval_mode": "keyword"},
    "hybrid, no dates": {"use_dates": False},
    "hybrid, no stories": {"use_stories": False},
    "hybrid, no headlines": {"use_headlines": False},
    "dense only, no dates, no stories": {"retrieval_mode": "dense", "use_dates": False, "use_stories": False},
    "BM25 only, no dates, no stories": {"retrieval_mode": "keyword", "use_dates": False, "use_stories": False},
}


def build_index(index_dir: Path, articles: Path, backend: str) -> float:
    """Index the bench articles unless already there; returns the seconds it took (0 when cached)."""
    from rag.config import Config
    from rag.indexing import ingest
    from rag.store import Store

    config = Config.load(index_dir=index_dir, embed_backend=backend)
    if Store(config).read_manifest() is not None:
        return 0.0
    started = time.perf_counter()
    report = ingest([articles], config, progress=True)
    print(report.summary(), file=sys.stderr)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, default=ROOT / ".bench-cache", help="where the bench index is kept")
    parser.add_argument("--articles", type=Path, default=BENCH / "articles.jsonl.gz")
    parser.add_argument("--questions", type=Path, default=BENCH / "questions_dev.jsonl")
    parser.add_argument("--backend", default="auto", help="embedding backend of the index (auto, torch-fp32, ...)")
    parser.add_argument("--only-default", action="store_true", help="skip the ablations")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from rag.chat import Assistant
    from rag.config import Config
    from rag.embedding import resolve_backend
    from rag.evaluation import evaluate, load_questions

    backend = resolve_backend(args.backend)
    index_dir = args.cache / f"rtqa-{backend}"
    build_seconds = build_index(index_dir, args.articles, backend)
    questions = load_questions(args.questions)
    results = {}
    for name, settings in ABLATIONS.items():
        if args.only_default and settings and "options" not in settings:
            continue
        settings = dict(settings)
        options = settings.pop("options", True)
        assistant = Assistant(Config.load(index_dir=index_dir, **settings))
        results[name] = evaluate(assistant, questions, answers=not settings, options=options)
        print(f"{name}: {results[name]}", file=sys.stderr)
    if args.json:
        print(json.dumps({"cores": os.cpu_count(), "backend": backend, "build_seconds": build_seconds, **results}))
        return 0
    print(f"rtqa2022 dev: {len(questions)} questions, backend {backend}, {os.cpu_count()} cores\n")
    print("| configuration | hit@1 | hit@5 | hit@10 | MRR@10 | answer acc. | abstain | p50 ms | p95 ms |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, m in results.items():
        acc = "" if m["answer_accuracy"] is None else f"{m['answer_accuracy']:.2f}"
        abstain = "" if m["abstain_rate"] is None else f"{m['abstain_rate']:.2f}"
        print(
            f"| {name} | {m['hit@1']:.2f} | {m['hit@5']:.2f} | {m['hit@10']:.2f} | {m['mrr@10']:.2f} | {acc} | "
            f"{abstain} | {m['retrieve_ms_p50']:.0f} | {m['retrieve_ms_p95']:.0f} |"
        )
    first = next(iter(results.values()))
    lacking = first["n_gold"] - first["n_gold_indexed"]
    print(f"\n{lacking} of the {first['n_gold']} gold questions name only articles the index lacks; over the other "
          f"{first['n_gold_indexed']}:\n")
    print("| configuration | hit@1 | hit@5 | hit@10 | MRR@10 |")
    print("|---|---|---|---|---|")
    for name, m in results.items():
        print(f"| {name} | {m['hit@1_indexed']:.2f} | {m['hit@5_indexed']:.2f} | {m['hit@10_indexed']:.2f} | "
              f"{m['mrr@10_indexed']:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
