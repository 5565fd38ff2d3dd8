"""Article -> Chunks sized for the embedder, sentence-aware, with exact character offsets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from rag.articles import Article
from rag.sentences import sentence_spans

TITLE_MAX_TOKENS = 48  # a longer title is cut in the embedded title line, so the body keeps room


class Tokenizer(Protocol):
    """What chunking needs of a Hugging Face fast tokenizer."""

    def __call__(self, texts: Sequence[str], **kwargs): ...


@dataclass(frozen=True)
class Chunk:
    """A piece of one article: `text == article.text[char_start:char_end]`."""

    article_id: str
    chunk_no: int
    text: str
    char_start: int
    char_end: int
    embed_text: str  # the title line, a newline, then `text`: what the embedder sees

    @property
    def chunk_id(self) -> str:
        return f"{self.article_id}:{self.chunk_no}"


def chunk_article(
    article: Article, tokenizer: Tokenizer, *, max_tokens: int = 256, overlap_tokens: int = 40
) -> list[Chunk]:
    """Cut an article into chunks whose embed_text fits `max_tokens` word-pieces, special tokens included.

    Chunks are runs of whole sentences; a sentence longer than the budget is cut at word-piece boundaries.
    Consecutive chunks share up to `overlap_tokens` of trailing sentences.
    """
    text = article.text
    title_line = _title_line(article.title, tokenizer)
    title_tokens = _count(tokenizer, [title_line])[0] if title_line else 0
    budget = max_tokens - 2 - title_tokens  # [CLS] and [SEP]
    if budget < 16:
        raise ValueError(f"max_tokens={max_tokens} leaves no room for text after the title")

    pieces = _pieces(text, tokenizer, budget)
    chunks: list[Chunk] = []
    first = 0
    while first < len(pieces):
        last, used = first, pieces[first][2]
        while last + 1 < len(pieces) and used + pieces[last + 1][2] <= budget:
            last += 1
            used += pieces[last][2]
        start, end = pieces[first][0], pieces[last][1]
        body = text[start:end]
        embed_text = f"{title_line}\n{body}" if title_line else body
        chunks.append(Chunk(article.article_id, len(chunks), body, start, end, embed_text))
        if last + 1 >= len(pieces):
            break
        next_first, carried = last + 1, 0
        while next_first - 1 > first and carried + pieces[next_first - 1][2] <= overlap_tokens:
            next_first -= 1
            carried += pieces[next_first][2]
        first = next_first
    return chunks


def _title_line(title: str, tokenizer: Tokenizer) -> str:
    title = " ".join(title.split())
    if not title:
        return ""
    encoded = tokenizer([title], add_special_tokens=False, return_offsets_mapping=True)
    offsets = encoded["offset_mapping"][0]
    if len(offsets) <= TITLE_MAX_TOKENS:
        return title
    return title[: offsets[TITLE_MAX_TOKENS - 1][1]]


def _count(tokenizer: Tokenizer, texts: list[str]) -> list[int]:
    return [len(ids) for ids in tokenizer(texts, add_special_tokens=False)["input_ids"]]


def _pieces(text: str, tokenizer: Tokenizer, budget: int) -> list[tuple[int, int, int]]:
    """Sentences as (start, end, tokens); sentences over `budget` are cut into budget-sized pieces."""
    spans = sentence_spans(text)
    if not spans:
        return []
    encoded = tokenizer(
        [text[s:e] for s, e in spans], add_special_tokens=False, return_offsets_mapping=True
    )
    pieces: list[tuple[int, int, int]] = []
    for (start, end), offsets in zip(spans, encoded["offset_mapping"]):
        if len(offsets) <= budget:
            pieces.append((start, end, max(len(offsets), 1)))
            continue
        # a cut may fall inside a word, whose pieces can then tokenize a little longer on their own
        width = budget - 8
        piece_start = start
        for i in range(0, len(offsets), width):
            window = offsets[i : i + width]
            # up to where the next window's first word-piece starts, so characters the tokenizer drops (control
            # characters) between two windows stay in a chunk: nothing of the text is skipped
            piece_end = start + offsets[i + width][0] if i + width < len(offsets) else end
            while piece_end > piece_start and text[piece_end - 1].isspace():
                piece_end -= 1
            pieces.append((piece_start, piece_end, len(window)))
            piece_start = start + offsets[i + width][0] if i + width < len(offsets) else end
    return pieces
