"""Scores over a questions file (the bench format): retrieval hit@k and MRR, answer accuracy, abstention, latency.

A question line: `id`, `question`, `asked_on` (the day it was asked: its as_of), `choices`, `answer` (the right
choice), `gold_article_ids` (may be empty). Retrieval is scored over distinct articles, on the questions that
have gold articles; a retrieved article counts as a hit when it or another copy of its story is gold.
Answers are scored on every question: right when the right choice appears in the answer and no wrong one does.
By default each question is posed with its choices as options (as the quiz poses it); `--no-options` poses the
question alone.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from rag.errors import NewsragError
from rag.options import mentions, normalise


def load_questions(path: Path) -> list[dict]:
    """Questions from a JSON Lines file; raises NewsragError naming the line of a bad record."""
    questions = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise NewsragError(f"{path}: no such file or directory") from None
    except UnicodeDecodeError:
        raise NewsragError(f"{path}: not UTF-8 text; save it as UTF-8") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not str(record.get("question", "")).strip():
                raise ValueError("no question")
        except ValueError as exc:
            raise NewsragError(f"{path}:{number}: not a question record ({exc}); fix the line") from None
        questions.append(record)
    if not questions:
        raise NewsragError(f"{path}: no questions in the file")
    return questions


_CITATION_MARK = re.compile(r"\s*\[\d+\]")


def answer_is_right(text: str, answer: str, choices: list[str]) -> bool:
    """The answer names the right choice and no wrong one; the citation marks ("[2]") are not read as numbers."""
    text = _CITATION_MARK.sub("", text)
    wrong = [c for c in choices if normalise(c) != normalise(answer)]
    return mentions(text, answer) and not any(mentions(text, c) for c in wrong)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def evaluate(
    assistant, questions: list[dict], *, progress: bool = False, answers: bool = True, options: bool = True,
    details: list | None = None,
) -> dict:
    """Run every question through `assistant` (a rag.Assistant) and return the metrics as a dict.

    Questions are posed as the quiz poses them, with their `choices` as options (the answer names one);
    `options=False` poses the question alone and scores the open answer. With `answers=False` only retrieval
    is scored (answer_accuracy and abstain_rate are None). `details`, when given, gets one dict per question:
    its id, the articles retrieved, the gold article's rank, the answer, its notes and whether it was right.
    """
    from tqdm import tqdm

    ranks: list[int | None] = []  # of each gold question: the first article of a gold story, None past 10
    indexed: list[int | None] = []  # the same, of the gold questions whose gold article the index holds
    right = abstained = 0
    answer_ms, retrieve_ms = [], []
    stories = None
    for record in tqdm(questions, disable=not progress, unit="question", desc="eval"):
        question, as_of = record["question"], record.get("asked_on")
        offered = list(record.get("choices") or []) if options else []
        gold = set(record.get("gold_article_ids") or [])
        started = time.perf_counter()
        passages = assistant.retrieve(question, as_of=as_of, limit=10, per_article=1, options=offered)
        retrieve_ms.append((time.perf_counter() - started) * 1000)
        row = {"id": record.get("id"), "question": question, "asked_on": as_of, "expected": record.get("answer"),
               "gold_article_ids": sorted(gold), "gold_rank": None, "gold_indexed": None,
               "retrieved": [{"article_id": p.article_id, "published": p.published, "source": p.source,
                              "title": p.title} for p in passages],
               "retrieve_ms": round(retrieve_ms[-1], 1)}
        if details is not None:
            details.append(row)
        if gold:
            stories = stories or assistant.stories()
            rank = next(
                (
                    i
                    for i, p in enumerate(passages, start=1)
                    if ({p.article_id} | set(stories.members(stories.story_of(p.article_id)))) & gold
                ),
                None,
            )
            ranks.append(rank)
            row["gold_rank"] = rank
            row["gold_indexed"] = any(article_id in stories for article_id in gold)
            if row["gold_indexed"]:
                indexed.append(rank)
        if not answers:
            continue
        started = time.perf_counter()
        answer = assistant.ask(question, as_of=as_of, options=offered)
        answer_ms.append((time.perf_counter() - started) * 1000)
        abstained += int(answer.abstained)
        is_right = bool(record.get("answer")) and not answer.abstained and answer_is_right(
            answer.text, record["answer"], record.get("choices") or [record["answer"]])
        right += int(is_right)
        row.update(answer=answer.text, notes=list(answer.notes), abstained=answer.abstained, right=is_right,
                   answer_ms=round(answer_ms[-1], 1))
    n = len(questions)
    return {
        "options": options,
        "n_questions": n,
        "n_gold": len(ranks),
        **rank_scores(ranks),
        "answer_accuracy": round(right / n, 4) if answers else None,
        "abstain_rate": round(abstained / n, 4) if answers else None,
        # latency is retrieval's (what the retrieval targets are about); a whole answer's is answer_ms
        "latency_ms_p50": round(percentile(retrieve_ms, 50), 1),
        "latency_ms_p95": round(percentile(retrieve_ms, 95), 1),
        "retrieve_ms_p50": round(percentile(retrieve_ms, 50), 1),
        "retrieve_ms_p95": round(percentile(retrieve_ms, 95), 1),
        "answer_ms_p50": round(percentile(answer_ms, 50), 1) if answers else None,
        "answer_ms_p95": round(percentile(answer_ms, 95), 1) if answers else None,
        # a gold article the archive lacks cannot be found: the same scores over the gold questions it holds tell
        # ranking misses from coverage gaps
        "n_gold_indexed": len(indexed),
        **{f"{key}_indexed": value for key, value in rank_scores(indexed).items()},
    }


def rank_scores(ranks: list[int | None]) -> dict:
    """hit@1/5/10 and MRR@10 of the first relevant ranks (None: not in the top 10); 0.0 for no questions."""
    n = len(ranks)
    scores = {f"hit@{k}": round(sum(1 for r in ranks if r and r <= k) / n, 4) if n else 0.0 for k in (1, 5, 10)}
    scores["mrr@10"] = round(sum(1.0 / r for r in ranks if r) / n, 4) if n else 0.0
    return scores


def format_metrics(metrics: dict) -> str:
    return "\n".join(f"{key:16} {value}" for key, value in metrics.items())
