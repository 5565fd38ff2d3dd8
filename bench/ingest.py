"""Ingest speed: newsrag's whole pipeline against a plain sentence-transformers encode of the same chunks.

    python bench/ingest.py --limit 1000          # the first 1,000 bench articles into a fresh index
    python bench/ingest.py --json                # all 3,785; one JSON object

Prints chunks, wall time, chunks/s and peak RSS of `newsrag ingest` (load, chunk, embed, write Chroma and the
keyword index), the chunks/s of `SentenceTransformer(model).encode(chunks, batch_size=32)` measured in the same
run on the same chunks (the baseline), their ratio, the chunks/s of newsrag's own embedder alone on those chunks
(the ceiling the pipeline can approach), and the time of a second, unchanged ingest.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH = ROOT.parent / "shared" / "bench" / "rtqa2022"


def newsrag(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "rag.cli", *args], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=Path, default=BENCH / "articles.jsonl.gz")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--backend", default="auto", help="newsrag's embedding backend (auto, torch-fp32, ...)")
    parser.add_argument("--baseline-chunks", type=int, default=0, help="time the baseline on this many chunks only")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="newsrag-bench-") as tmp:
        corpus = Path(tmp) / "articles.jsonl"
        opener = gzip.open if args.articles.suffix == ".gz" else open
        with opener(args.articles, "rt", encoding="utf-8") as source, open(corpus, "w", encoding="utf-8") as out:
            out.writelines(itertools.islice(source, args.limit))
        index = Path(tmp) / "index"
        env_backend = ["--quiet"]
        os.environ["NEWSRAG_EMBED_BACKEND"] = args.backend
        seconds = newsrag("ingest", str(corpus), "--index-dir", str(index), *env_backend)
        peak_rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        reingest = newsrag("ingest", str(corpus), "--index-dir", str(index), *env_backend)

        from rag.articles import load_paths
        from rag.chunking import chunk_article
        from rag.config import Config
        from rag.embedding import model_dir, tokenizer
        from rag.store import Store

        manifest = Store(Config.load(index_dir=index)).read_manifest()
        config = Config.load()
        texts = [
            c.embed_text
            for a in load_paths([corpus]).articles
            for c in chunk_article(a, tokenizer(), max_tokens=config.chunk_tokens, overlap_tokens=config.overlap_tokens)
        ]
        from sentence_transformers import SentenceTransformer

        sample = texts[: args.baseline_chunks] if args.baseline_chunks else texts
        model = SentenceTransformer(str(model_dir()), device="cpu")
        model.encode(sample[:32], batch_size=32)
        started = time.perf_counter()
        model.encode(sample, batch_size=32)
        baseline = len(sample) / (time.perf_counter() - started)
        del model
        # newsrag's own embedder alone on the same chunks: the ceiling the whole pipeline can approach
        from rag.indexing import embedder_for

        ours = embedder_for(manifest, Config.load(index_dir=index))
        ours.embed(sample[:32])
        started = time.perf_counter()
        ours.embed(sample)
        embed_only = len(sample) / (time.perf_counter() - started)

    figures = {
        "cores": os.cpu_count(),
        "articles": manifest.articles,
        "backend": manifest.embed_backend,
        "chunks": manifest.chunks,
        "seconds": round(seconds, 1),
        "chunks_per_s": round(manifest.chunks / seconds, 1),
        "baseline_chunks_per_s": round(baseline, 1),
        "ratio": round(manifest.chunks / seconds / baseline, 2),
        "embed_only_chunks_per_s": round(embed_only, 1),
        "peak_rss_mb": round(peak_rss_mb),
        "reingest_unchanged_s": round(reingest, 1),
    }
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:22} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
