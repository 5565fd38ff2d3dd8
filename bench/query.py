"""Query speed and memory: retrieval and full-answer latency at the bench size and at 100k chunks, cold starts.

    python bench/query.py --cache .bench-cache            # needs the bench index (bench/retrieval.py builds it)
    python bench/query.py --cache .bench-cache --json

Latency is p50/p95 over 200 dev questions (cycled), warm, each with its asked_on as as_of. The 100k-chunk
figures come from a copy of the bench index padded with copies of its chunks under new ids (vectors jittered,
so the HNSW graph is realistic). The baseline in the same run is a plain Chroma query (one vector, top 10) on
the same collection. Also: peak RSS of `python ui.py` serving the bench index after 20 questions, the time
until it serves, and the cold start of `newsrag ask`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH = ROOT.parent / "shared" / "bench" / "rtqa2022"


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def latencies(index_dir: Path, questions: list[dict], n: int) -> dict:
    from rag.chat import Assistant
    from rag.config import Config

    assistant = Assistant(Config.load(index_dir=index_dir))
    assistant.ask(questions[0]["question"], as_of=questions[0]["asked_on"])  # warm
    retriever = assistant._open()[2]
    retrieve_ms, answer_ms, plain_ms = [], [], []
    for i in range(n):
        q = questions[i % len(questions)]
        started = time.perf_counter()
        assistant.retrieve(q["question"], as_of=q["asked_on"])
        retrieve_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        assistant.ask(q["question"], as_of=q["asked_on"])
        answer_ms.append((time.perf_counter() - started) * 1000)
        vector = retriever.dense.embedder.embed_query(q["question"]).tolist()
        started = time.perf_counter()
        retriever.collection.query(query_embeddings=[vector], n_results=10)
        plain_ms.append((time.perf_counter() - started) * 1000)
    return {
        "chunks": retriever.collection.count(),
        "retrieve_ms_p50": round(percentile(retrieve_ms, 50), 1),
        "retrieve_ms_p95": round(percentile(retrieve_ms, 95), 1),
        "answer_ms_p50": round(percentile(answer_ms, 50), 1),
        "answer_ms_p95": round(percentile(answer_ms, 95), 1),
        "baseline_chroma_query_ms_p50": round(percentile(plain_ms, 50), 1),
    }


def pad_index(source: Path, target: Path, chunks: int) -> None:
    """Copy the index and pad its collection to `chunks` with jittered copies; rebuild its keyword index."""
    import numpy as np

    from rag.config import Config
    from rag.keyword import KeywordIndex, keyword_dir
    from rag.store import Store

    shutil.copytree(source, target)
    store = Store(Config.load(index_dir=target))
    manifest = store.read_manifest()
    collection = store.collection(manifest.collection)
    have = collection.count()
    original = {"ids": [], "documents": [], "metadatas": [], "embeddings": []}
    for offset in range(0, have, 2000):
        page = collection.get(include=["documents", "metadatas", "embeddings"], limit=2000, offset=offset)
        for key in original:
            original[key].extend(page[key])
    rng = np.random.default_rng(7)
    copy_no = 0
    while have < chunks:
        copy_no += 1
        for start in range(0, len(original["ids"]), 2000):
            take = min(2000, chunks - have)
            if take <= 0:
                break
            ids = [f"pad{copy_no}-{i}" for i in original["ids"][start : start + take]]
            vectors = np.asarray(original["embeddings"][start : start + take], dtype=np.float32)
            vectors += rng.normal(0, 0.02, vectors.shape).astype(np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            metadatas = [
                {**m, "article_id": f"pad{copy_no}-{m['article_id']}", "chunk_no": m["chunk_no"] + 1000}
                for m in original["metadatas"][start : start + take]
            ]
            collection.add(
                ids=ids,
                embeddings=vectors.tolist(),
                documents=original["documents"][start : start + take],
                metadatas=metadatas,
            )
            have += len(ids)
    KeywordIndex.build(collection).save(keyword_dir(target, manifest.collection))
    manifest.chunks = collection.count()
    store.write_manifest(manifest)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_figures(index_dir: Path, questions: list[dict]) -> dict:
    from gradio_client import Client

    port = free_port()
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "ui.py", "--port", str(port), "--index-dir", str(index_dir)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if proc.poll() is not None or time.perf_counter() - started > 120:
                    raise RuntimeError("ui.py did not start") from None
                time.sleep(0.1)
        serve_start_s = time.perf_counter() - started
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        for q in questions[:20]:
            client.predict(q["question"], api_name="/chat")
        rss_kb = 0
        for pid in [proc.pid] + _children(proc.pid):
            rss_kb += _peak_rss_kb(pid)
        return {"serve_start_s": round(serve_start_s, 2), "serve_rss_mb": round(rss_kb / 1024)}
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _peak_rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def cold_ask(index_dir: Path) -> tuple[float, float]:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "rag.cli", "ask", "Who won the World Cup?", "--index-dir", str(index_dir)],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )
    ask_s = time.perf_counter() - started
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "rag.cli", "--help"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return ask_s, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, default=ROOT / ".bench-cache")
    parser.add_argument("--backend", default="auto")
    parser.add_argument("--questions", type=Path, default=BENCH / "questions_dev.jsonl")
    parser.add_argument("-n", type=int, default=200, help="questions timed per size")
    parser.add_argument("--pad-to", type=int, default=100_000, help="chunks in the padded index (0: skip)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from rag.embedding import resolve_backend
    from rag.evaluation import load_questions

    index_dir = args.cache / f"rtqa-{resolve_backend(args.backend)}"
    if not (index_dir / "manifest.json").exists():
        print(f"no bench index at {index_dir}: run python bench/retrieval.py --cache {args.cache}", file=sys.stderr)
        return 1
    questions = load_questions(args.questions)
    figures = {"cores": os.cpu_count(), **latencies(index_dir, questions, args.n)}
    ask_s, help_s = cold_ask(index_dir)
    figures.update({"cold_ask_s": round(ask_s, 2), "cold_help_s": round(help_s, 2)})
    figures.update(serve_figures(index_dir, questions))
    print(f"at the bench size: {figures}", file=sys.stderr)
    if args.pad_to:
        with tempfile.TemporaryDirectory(prefix="newsrag-pad-", dir=args.cache) as tmp:
            padded = Path(tmp) / "index"
            pad_index(index_dir, padded, args.pad_to)
            figures["padded"] = latencies(padded, questions, args.n)
    if args.json:
        print(json.dumps(figures))
    else:
        print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
