"""Answers and their citations: what every answerer returns."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Citation:
    """One numbered source of an answer: `quote` is an exact substring of the article's text."""

    n: int
    article_id: str
    title: str
    source: str
    published: str
    url: str
    quote: str
    chunk_id: str
    score: float
    supported: bool = True
    also_reported_by: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, n: int, passage, quote: str, score: float, supported: bool = True) -> Citation:
        """Citation number n of `quote`, a sentence of the retrieved passage (a rag.retrieval.Passage)."""
        return cls(
            n=n,
            article_id=passage.article_id,
            title=passage.title,
            source=passage.source,
            published=passage.published,
            url=passage.url,
            quote=quote,
            chunk_id=passage.chunk_id,
            score=score,
            supported=supported,
            also_reported_by=list(passage.also_reported_by),
        )


@dataclass
class Answer:
    """A short answer whose sentences end in [n] markers that point into `citations`.

    `as_of` is the day the question was asked (what "last week" is resolved against), ISO format.
    With `options`, the text names the option the cited sentences support.
    """

    question: str
    text: str
    citations: list[Citation]
    abstained: bool
    mode: str
    as_of: str
    timings: dict[str, float] = field(default_factory=dict)
    options: list[str] = field(default_factory=list)  # the candidate answers the question came with
    # what the reader should know about time that the sources do not say (none of them from the window asked
    # about; the archive ending well before as_of)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)
