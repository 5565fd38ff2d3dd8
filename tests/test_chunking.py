"""Chunks fit the embedder (title line and special tokens included) and point exactly into the article."""

from __future__ import annotations

from functools import lru_cache

import pytest

from rag.articles import load_paths, make_article
from rag.chunking import chunk_article
from rag.embedding import model_dir, tokenizer
from tests.conftest import FIXTURE_CORPUS, SEED_CORPUS


@lru_cache(maxsize=1)
def reference_tokenizer():
    """Hugging Face's tokenizer for the packaged model: an independent count of what the model sees."""
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(model_dir()))


def token_count(text: str) -> int:
    return len(reference_tokenizer()(text, truncation=False)["input_ids"])  # with [CLS] and [SEP]


def long_article():
    paragraph = (
        "The committee met on Tuesday to discuss the budget for the coming year. "
        "Members disagreed about the cost of the new library, which has risen by a third since March. "
        "A final decision is expected after the summer recess, the chair said. "
    )
    one_huge_sentence = "word " * 700 + "end."
    return make_article(
        title="A rather long title about the municipal budget committee and its many disagreements this year",
        text=(paragraph * 12) + "\n\n" + one_huge_sentence + "\n\n" + paragraph * 3,
        published="2024-01-10",
    )


@pytest.mark.parametrize("max_tokens", [256, 128])
def test_chunks_fit_the_model_including_the_title_line(max_tokens):
    articles = load_paths([SEED_CORPUS, FIXTURE_CORPUS]).articles + [long_article()]
    for article in articles:
        chunks = chunk_article(article, tokenizer(), max_tokens=max_tokens, overlap_tokens=30)
        assert chunks, article.title
        for chunk in chunks:
            assert token_count(chunk.embed_text) <= max_tokens
            assert chunk.embed_text.startswith(article.title[:20])


def test_offsets_are_exact_and_cover_the_whole_text():
    article = long_article()
    chunks = chunk_article(article, tokenizer(), max_tokens=256, overlap_tokens=40)
    assert len(chunks) > 5
    for chunk in chunks:
        assert article.text[chunk.char_start : chunk.char_end] == chunk.text
    assert chunks[0].char_start == 0
    assert chunks[-1].char_end == len(article.text)
    for before, after in zip(chunks, chunks[1:]):
        assert after.char_start <= before.char_end + 2  # nothing skipped (at most the whitespace between)
        assert after.char_start > before.char_start  # always moves forward


def test_neighbouring_chunks_overlap_by_a_sentence():
    article = long_article()
    chunks = chunk_article(article, tokenizer(), max_tokens=256, overlap_tokens=40)
    overlapping = [a for a, b in zip(chunks, chunks[1:]) if b.char_start < a.char_end]
    assert overlapping, "expected the first chunks to share a trailing sentence with the next"


def test_chunk_ids_and_numbers():
    article = load_paths([SEED_CORPUS]).articles[0]
    chunks = chunk_article(article, tokenizer())
    assert [c.chunk_no for c in chunks] == list(range(len(chunks)))
    assert chunks[0].chunk_id == f"{article.article_id}:0"


def test_chunks_end_at_sentence_boundaries():
    article = load_paths([SEED_CORPUS]).articles[0]
    for chunk in chunk_article(article, tokenizer(), max_tokens=128, overlap_tokens=0):
        assert chunk.text.rstrip()[-1] in '.!?"”’' or chunk.char_end == len(article.text) or "\n" in article.text[
            chunk.char_end : chunk.char_end + 2
        ]


def test_word_pieces_match_the_reference_tokenizer():
    texts = ["Kim Yo Jong called the defectors “human scum”.", "Ünïcödé naïve café — 48 million euros, 14:49."]
    ours = tokenizer()(texts)
    reference = reference_tokenizer()(texts, return_offsets_mapping=True)
    assert ours["input_ids"] == reference["input_ids"]
    assert [list(map(tuple, o)) for o in ours["offset_mapping"]] == [
        list(map(tuple, o)) for o in reference["offset_mapping"]
    ]
