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


@dataclass
class Answer:
    """A short answer whose sentences end in [n] markers that point into `citations`.

    `as_of` is the day the question was asked (what "last week" is resolved against), ISO format.
    """

    question: str
    text: str
    citations: list[Citation]
    abstained: bool
    mode: str
    as_of: str
    timings: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)
