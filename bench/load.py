"""Load on the chat page: many users asking at once through the page's real HTTP API (/chat, gradio_client).

    python ui.py --index-dir .bench-cache/rtqa-onnx-int8 --port 7860 &        # the page under test
    python bench/load.py --url http://127.0.0.1:7860/ --users 16 --seconds 60
    python bench/load.py --url http://127.0.0.1:7860/ --users 16 --seconds 60 --json

Each user is a thread with its own gradio_client session that asks one question after another (no think time)
until the time is up; questions come from --questions (JSON Lines with `question` and optionally `asked_on`,
used as the day the question is asked; or plain text, one question a line), default the dev questions of
../shared/bench/rtqa2022, each user starting at a different one. Prints requests, errors (by kind; the page's
"busy" answer counts as an error and is also counted on its own), answers/s and latency p50/p95 of the answered
ones. `--json`: one object with users, seconds, requests, errors, p50_ms, p95_ms and the rest. A failing server
is counted, never a crash: an unreachable page gives errors and the figures so far.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV_QUESTIONS = ROOT.parent / "shared" / "bench" / "rtqa2022" / "questions_dev.jsonl"
BUSY_WORDS = "The assistant is busy"
ERROR_PAUSE_S = 0.5  # after an error a user waits a little, so a dead server is not spun on


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def load_questions(path: Path) -> list[dict]:
    """[{"question", "as_of"}] from JSON Lines (question, asked_on) or plain text lines."""
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("{"):
            try:
                record = json.loads(line)
            except ValueError as exc:
                raise SystemExit(f"load.py: error: {path}:{number}: not JSON ({exc})") from None
            if not str(record.get("question") or "").strip():
                raise SystemExit(f"load.py: error: {path}:{number}: no `question`")
            items.append({"question": record["question"], "as_of": str(record.get("asked_on") or "")})
        else:
            items.append({"question": line, "as_of": ""})
    if not items:
        raise SystemExit(f"load.py: error: {path} holds no questions")
    return items


def error_kind(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    if BUSY_WORDS in text:
        return "busy"
    return f"{type(exc).__name__}: {text[:120]}" if text else type(exc).__name__


class Tally:
    """What the users saw, shared between their threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies_ms: list[float] = []
        self.errors: Counter[str] = Counter()
        self.abstained = 0

    def answered(self, ms: float, abstained: bool) -> None:
        with self.lock:
            self.latencies_ms.append(ms)
            self.abstained += bool(abstained)

    def failed(self, kind: str) -> None:
        with self.lock:
            self.errors[kind] += 1


def user(number: int, args, questions: list[dict], deadline: float, tally: Tally, stop: threading.Event) -> None:
    from gradio_client import Client

    client = None
    asked = 0
    while time.monotonic() < deadline and not stop.is_set():
        if client is None:
            try:
                client = Client(args.url, auth=args.login, verbose=False, download_files=False)
            except Exception as exc:  # the page is down, refuses the login, ...
                tally.failed(f"connect: {error_kind(exc)}")
                stop.wait(ERROR_PAUSE_S)
                continue
        item = questions[(number * 7 + asked) % len(questions)]
        asked += 1
        started = time.perf_counter()
        try:
            job = client.submit(item["question"], as_of=item["as_of"], api_name="/chat")
            result = job.result(timeout=args.timeout)
        except Exception as exc:
            kind = "timeout" if isinstance(exc, TimeoutError) else error_kind(exc)
            tally.failed(kind)
            if kind != "busy":
                stop.wait(ERROR_PAUSE_S)
            continue
        if not isinstance(result, dict) or "text" not in result:
            tally.failed(f"bad reply: {str(result)[:80]}")
            continue
        tally.answered((time.perf_counter() - started) * 1000, bool(result.get("abstained")))


def run(args, questions: list[dict]) -> dict:
    tally = Tally()
    stop = threading.Event()
    started = time.monotonic()
    deadline = started + args.seconds
    threads = [
        threading.Thread(target=user, args=(n, args, questions, deadline, tally, stop), daemon=True, name=f"user-{n}")
        for n in range(args.users)
    ]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            while thread.is_alive():
                thread.join(timeout=0.5)
    except KeyboardInterrupt:  # report what was measured so far
        stop.set()
    elapsed = time.monotonic() - started
    with tally.lock:
        latencies = list(tally.latencies_ms)
        errors = Counter(tally.errors)
        abstained = tally.abstained
    return {
        "url": args.url,
        "users": args.users,
        "seconds": args.seconds,
        "elapsed_s": round(elapsed, 1),
        "requests": len(latencies) + sum(errors.values()),
        "answers": len(latencies),
        "errors": sum(errors.values()),
        "busy": errors.get("busy", 0),
        "abstained": abstained,
        "answers_per_s": round(len(latencies) / elapsed, 2) if elapsed else 0.0,
        "p50_ms": round(percentile(latencies, 50), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
        "max_ms": round(max(latencies), 1) if latencies else 0.0,
        "error_kinds": dict(errors.most_common()),
    }


def parse_login(value: str) -> tuple[str, str]:
    user_name, sep, password = value.partition(":")
    if not sep or not user_name or not password:
        raise argparse.ArgumentTypeError("expected USER:PASSWORD")
    return user_name, password


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="the page, e.g. http://127.0.0.1:7860/")
    parser.add_argument("--users", type=int, default=16, help="users asking at once (default 16)")
    parser.add_argument("--seconds", type=float, default=60, help="how long to ask (default 60)")
    parser.add_argument("--questions", type=Path, default=DEV_QUESTIONS, help="JSON Lines or text, one a line")
    parser.add_argument("--timeout", type=float, default=120, help="give up on one answer after this (s)")
    parser.add_argument("--auth", dest="login", type=parse_login, metavar="USER:PASSWORD", help="the page's login")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if args.users < 1 or args.seconds <= 0:
        parser.error("--users and --seconds must be positive")
    if not args.questions.is_file():
        parser.error(f"{args.questions}: no such file (pass --questions FILE)")
    questions = load_questions(args.questions)
    figures = run(args, questions)
    if args.json:
        print(json.dumps(figures))
    else:
        print(
            f"{figures['users']} users, {figures['elapsed_s']} s: {figures['requests']} requests, "
            f"{figures['answers']} answered ({figures['abstained']} abstained), {figures['errors']} errors "
            f"({figures['busy']} busy); {figures['answers_per_s']} answers/s; "
            f"latency p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, max {figures['max_ms']} ms"
        )
        for kind, count in figures["error_kinds"].items():
            print(f"  {count:6d}  {kind}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
