"""The fast int8 ONNX backend finds what the fp32 model finds, and an index never mixes backends."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from rag.articles import load_paths
from rag.chat import Assistant
from rag.chunking import chunk_article
from rag.config import Config
from rag.embedding import Embedder, OnnxEmbedder, make_embedder, tokenizer
from rag.errors import NewsragError
from rag.indexing import ingest, rebuild
from tests.conftest import FIXTURE_CORPUS, SEED_CORPUS

QUESTIONS = [
    "When did North Korea blow up the liaison office?",
    "Who threatened South Korea before the explosion?",
    "Who won the national chess championship?",
    "How many residents were evacuated because of Storm Elin?",
    "How much will the Port Alden harbour bridge cost?",
    "Who won the prize for the best sourdough loaf?",
    "What happened to the harbour bridge vote?",
]


@pytest.fixture(scope="module")
def onnx_embedder(tmp_path_factory):
    return OnnxEmbedder(cache_dir=tmp_path_factory.mktemp("models"))


def test_onnx_vectors_are_close_to_fp32(onnx_embedder, embedder):
    texts = [
        c.embed_text
        for a in load_paths([SEED_CORPUS, FIXTURE_CORPUS]).articles
        for c in chunk_article(a, tokenizer())
    ] + QUESTIONS
    fast, exact = onnx_embedder.embed(texts), embedder.embed(texts)
    assert fast.shape == exact.shape == (len(texts), 384)
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)
    assert float(np.min(np.sum(fast * exact, axis=1))) > 0.98


def test_an_onnx_vector_does_not_depend_on_the_texts_embedded_with_it(onnx_embedder):
    """The int8 model scales its activations per run: one text per run (BATCH_SIZE), a sentence gets the same vector
    alone and among others, long or short, as an answer's candidates or an index's chunks change."""
    import numpy as np

    sentence = "The Usk burst its banks on Monday and flooded the town centre."
    others = ["Insurers expect claims to rise.", "A very long sentence about the ferry, the bridge, the market, the "
              "council, the mayor, the floods of 1999 and 2024, and the people of Usk who lived through them all."]
    alone = onnx_embedder.embed([sentence])[0]
    among = onnx_embedder.embed([others[0], sentence, others[1]])[1]
    assert np.array_equal(alone, among)


def test_onnx_index_gives_the_same_top_results_as_fp32(tmp_path, onnx_embedder, embedder):
    def top_articles(backend_embedder, name):
        config = Config.load(config_file=Path("/nonexistent"), index_dir=tmp_path / name)
        rebuild([SEED_CORPUS, FIXTURE_CORPUS], config, progress=False, embedder=backend_embedder)
        assistant = Assistant(config)
        return [assistant.retrieve(q, as_of="2024-06-01", per_article=1)[0].article_id for q in QUESTIONS]

    assert top_articles(onnx_embedder, "onnx") == top_articles(embedder, "fp32")


def test_an_index_refuses_an_embedder_of_another_backend(tmp_path, onnx_embedder):
    config = Config.load(config_file=Path("/nonexistent"), index_dir=tmp_path / "index")
    rebuild([SEED_CORPUS], config, progress=False, embedder=onnx_embedder)
    fp32 = Config.load(config_file=Path("/nonexistent"), index_dir=tmp_path / "index", embed_backend="torch-fp32")
    with pytest.raises(NewsragError, match="embed_backend='onnx-int8'.*run `newsrag rebuild`"):
        ingest([FIXTURE_CORPUS], fp32, progress=False)
    with pytest.raises(NewsragError, match="embed_backend='onnx-int8'"):
        Assistant(fp32).ask("When did North Korea blow up the liaison office?")
    # "auto" follows whatever the index was built with
    answer = Assistant(Config.load(config_file=Path("/nonexistent"), index_dir=tmp_path / "index")).ask(
        "When did North Korea blow up the liaison office?"
    )
    assert "June 16" in answer.text


def test_make_embedder_resolves_backends(tmp_path):
    assert isinstance(make_embedder("torch-fp32"), Embedder)
    assert isinstance(make_embedder("onnx-int8", cache_dir=tmp_path), OnnxEmbedder)
    assert make_embedder("auto", cache_dir=tmp_path).backend == "onnx-int8"  # onnxruntime is installed here
    with pytest.raises(NewsragError, match="embed_backend must be"):
        make_embedder("gpu-fp8")


def test_an_open_assistant_follows_a_rebuild_to_another_backend(tmp_path, onnx_embedder, embedder):
    config = Config.load(config_file=Path("/nonexistent"), index_dir=tmp_path / "index")
    rebuild([SEED_CORPUS], config, progress=False, embedder=onnx_embedder)
    assistant = Assistant(config)
    assert "June 16" in assistant.ask("When did North Korea blow up the liaison office?").text
    rebuild([SEED_CORPUS, FIXTURE_CORPUS], config, progress=False, embedder=embedder)
    answer = assistant.ask("Who won the national chess championship?")
    assert "Kovalenko" in answer.text
    assert assistant._open()[3].backend == "torch-fp32"
