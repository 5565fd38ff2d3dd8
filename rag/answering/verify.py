"""Check a generated answer against its sources, sentence by sentence.

A sentence is *supported* by the passages it cites when
  (a) it says something close in meaning to them: cosine similarity (the packaged embedder) of at least
      SIMILARITY between the sentence and some sentence, or pair of adjacent sentences, of a cited passage;
      each clause of a compound sentence ("..., and ...") must reach it too;
  (b) every number and date word of the sentence stands in such a close passage sentence itself, and every
      proper name somewhere in a cited passage (its text, title or outlet; a source's own date counts).
Citation numbers that point to no source are dropped. A sentence its own citations do not support (or that
cites nothing) is cited to another source when one supports it by the same rule; otherwise it stays, marked
UNSUPPORTED_MARK, and its citations have `supported` False. Each citation quotes the passage sentence(s) that
support the claim best, an exact substring of the article. An answer none of whose supported sentences is
about the question (cosine to the question below RELEVANCE) counts as not answering it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.answering import Answer, Citation
from rag.sentences import is_question, sentence_spans
from rag.text import STOPWORDS, stems, words

# Cosine of a generated sentence and the best window of a cited passage, set on the seed and fixture
# questions (SmolLM2's supported paraphrases score 0.66-0.95; its same-topic inventions 0.35-0.65).
SIMILARITY = 0.65
# A sentence answers the question when its cosine to the question reaches RELEVANCE (SmolLM2's on-topic answers
# score 0.39-0.83; true sentences about another story 0.1-0.25).
RELEVANCE = 0.3
UNSUPPORTED_MARK = "⚠ unsupported"
MIN_CLAIM_WORDS = 3
MIN_CLAUSE_WORDS = 4

_CITATION = re.compile(r"\[\s*(?:sources?\s*)?(\d+(?:\s*[,;&]\s*(?:and\s*)?\d+)*)\s*\]", re.IGNORECASE)
_CITATIONS_AFTER_STOP = re.compile(r"([.!?]+[\"”’')]*)((?:\s*\[\s*(?:sources?\s*)?\d+(?:\s*[,;&]\s*\d+)*\s*\])+)",
                                   re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_NO_ANSWER = re.compile(
    r"\b(?:sources?|articles?|archive|text)\b.{0,40}\b(?:do(?:es)?n[o’']?t|not|never)\b.{0,20}"
    r"\b(?:say|answer|mention|state|provide|contain|include|specify)|\bI (?:do not|don[’']t) know\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*")

MONTHS = {
    "jan": "january", "feb": "february", "mar": "march", "apr": "april", "may": "may", "jun": "june",
    "jul": "july", "aug": "august", "sep": "september", "sept": "september", "oct": "october",
    "nov": "november", "dec": "december",
}
MONTH_NAMES = set(MONTHS.values())
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
NUMBER_WORDS = {
    "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
    "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14", "fifteen": "15",
    "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19", "twenty": "20", "thirty": "30",
    "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90",
    "hundred": "100", "thousand": "1000", "million": None, "billion": None, "trillion": None, "dozen": "12",
    "first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5",
}
# Capitalised words that name nothing (sentence openers, pronouns, titles of address).
NOT_NAMES = STOPWORDS | {"i", "however", "yes", "no", "mr", "mrs", "ms", "dr", "according", "meanwhile", "sure"}


# ------------------------------------------------------------------------------------ splitting


@dataclass
class Sentence:
    """One sentence of a generated answer: its claim (citation markers removed) and the numbers it cited."""

    claim: str
    cited: list[int]  # as written: 1-based, possibly pointing to no source


def split(text: str, *, truncated: bool = False) -> list[Sentence]:
    """The sentences of a generated answer; a marker after the full stop ("... 16. [1]") belongs to it.

    Exact repeats are dropped, and so is an unfinished last sentence when generation hit its token limit.
    """
    out: list[Sentence] = []
    seen: set[str] = set()
    for line in text.replace("\r", "").split("\n"):
        line = _BULLET.sub("", line).strip()
        if not line:
            continue
        line = _CITATIONS_AFTER_STOP.sub(lambda m: f"{m.group(2)}{m.group(1)}", line)
        for start, end in sentence_spans(line):
            piece = line[start:end]
            cited = [int(n) for group in _CITATION.findall(piece) for n in re.findall(r"\d+", group)]
            claim = _CITATION.sub("", piece)
            claim = re.sub(r"\s+([.,;:!?])", r"\1", " ".join(claim.split())).strip()
            if not claim or not re.search(r"[A-Za-z0-9]", claim):
                if cited and out:  # a marker on its own: it belongs to the sentence before
                    out[-1].cited.extend(n for n in cited if n not in out[-1].cited)
                continue
            key = claim.lower()
            if key in seen:
                continue
            seen.add(key)
            out.append(Sentence(claim, list(dict.fromkeys(cited))))
    if truncated and out and not re.search(r"[.!?\"”’)]$", out[-1].claim):
        out.pop()
    return out


# ------------------------------------------------------------------------------------ facts


@dataclass
class Haystack:
    """What a source offers for fact checks: its words, stems, numbers, and lower-cased text."""

    text: str
    words: set[str]
    stems: set[str]
    numbers: set[str]

    @classmethod
    def of(cls, *texts: str, published: str = "") -> Haystack:
        text = " ".join(t for t in texts if t)
        extra = _date_words(published)
        lowered = _normalise(text + " " + " ".join(extra))
        found_words = set(words(lowered))
        numbers = {_number(n) for n in _NUMBER.findall(lowered)}
        numbers |= {NUMBER_WORDS[w] for w in found_words if NUMBER_WORDS.get(w)}
        return cls(lowered, found_words, set(stems(lowered, keep_stopwords=True)), numbers)

    def has_phrase(self, phrase: str) -> bool:
        return re.search(rf"(?<![a-z0-9]){re.escape(_normalise(phrase))}(?![a-z0-9])", self.text) is not None


def _normalise(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def _number(text: str) -> str:
    text = text.replace(",", "")
    if "." in text:
        text = text.rstrip("0").rstrip(".") or "0"
    return text.lstrip("0") or "0"


def _date_words(published: str) -> list[str]:
    """The words a source's own date may be written with: "2020", "june", "16", "tuesday"."""
    import datetime as dt

    try:
        day = dt.date.fromisoformat((published or "")[:10])
    except ValueError:
        return []
    return [str(day.year), day.strftime("%B").lower(), str(day.day), day.strftime("%A").lower()]


def facts(claim: str) -> list[str]:
    """The numbers, date words and proper names of a sentence, each of which a cited source must contain."""
    found: list[str] = []
    found += _NUMBER.findall(claim)
    tokens = list(_TOKEN.finditer(claim))
    run: list[str] = []

    def close_run() -> None:
        if run:
            found.append(" ".join(run))
            run.clear()

    for match in tokens:
        word = re.sub(r"['’]s$", "", match.group()).strip("'’-")
        lower = word.lower()
        if (lower in MONTHS or lower in MONTH_NAMES or lower in WEEKDAYS) and word[:1].isupper():  # not "may"
            close_run()
            found.append(MONTHS.get(lower, lower))
            continue
        if lower in NUMBER_WORDS and lower not in ("second",):
            close_run()
            found.append(lower)
            continue
        capitalised = word[:1].isupper()
        if capitalised and lower not in NOT_NAMES:
            run.append(word)
            if word != match.group():  # "Korea's": the name ends here
                close_run()
        else:
            close_run()
    close_run()
    return found


def is_specific(fact: str) -> bool:
    """Numbers and date words: these must stand in the quoted sentences themselves, not anywhere nearby."""
    lower = fact.lower()
    return fact[:1].isdigit() or lower in NUMBER_WORDS or lower in MONTH_NAMES or lower in WEEKDAYS


def present(fact: str, haystack: Haystack) -> bool:
    """Whether `haystack` contains the fact (a number, a number word, a date word or a name)."""
    lower = fact.lower()
    if fact[:1].isdigit():
        return _number(fact) in haystack.numbers
    if lower in NUMBER_WORDS:
        digits = NUMBER_WORDS[lower]
        return lower in haystack.words or (digits is not None and digits in haystack.numbers)
    if lower in MONTH_NAMES or lower in WEEKDAYS:
        return lower in haystack.words or lower[:3] in haystack.words
    if " " in fact:
        return haystack.has_phrase(fact)
    # one capitalised word: as written, or (a sentence opener like "Officials") by its stem
    return lower in haystack.words or haystack.has_phrase(fact) or set(stems(lower)) <= haystack.stems


def missing_facts(claim: str, haystack: Haystack) -> list[str]:
    """The facts of `claim` that `haystack` does not contain."""
    return [fact for fact in facts(claim) if not present(fact, haystack)]


_CLAUSE = re.compile(r",\s+(?:and|but|while|which|whereas|so)\s+|;\s+|\s+but\s+|,\s+and\s+", re.IGNORECASE)


def clauses(claim: str) -> list[str]:
    """The clauses of a compound sentence worth checking on their own (at least MIN_CLAUSE_WORDS words)."""
    parts = [p.strip(" ,.;") for p in _CLAUSE.split(claim)]
    parts = [p for p in parts if len(p.split()) >= MIN_CLAUSE_WORDS]
    return parts if len(parts) > 1 else []


# ------------------------------------------------------------------------------------ checking


@dataclass
class Checked:
    """The verdict on one sentence. `sources` are 0-based indexes into the passages, as finally cited."""

    claim: str
    sources: list[int]
    supported: bool
    similarity: float = 0.0
    missing: list[str] = field(default_factory=list)
    quotes: dict[int, tuple[int, int]] = field(default_factory=dict)  # source -> (start, end) in passage.text
    recited: bool = False  # cited to another source than the model named
    note: bool = False  # "the sources do not say ...": a remark, not a claim
    relevance: float = 0.0  # similarity to the question


@dataclass
class Verification:
    sentences: list[Checked]
    dropped_citations: int = 0

    @property
    def supported(self) -> int:
        return sum(1 for s in self.sentences if s.supported and not s.note)

    @property
    def unsupported(self) -> int:
        return sum(1 for s in self.sentences if not s.supported and not s.note)

    @property
    def recited(self) -> int:
        return sum(1 for s in self.sentences if s.recited)

    @property
    def relevant(self) -> bool:
        """Some supported sentence is about the question (not only true, but an answer)."""
        return any(s.supported and s.relevance >= RELEVANCE for s in self.sentences)


def _windows(text: str) -> list[tuple[int, int]]:
    """Each statement of a passage, and each pair of adjacent ones (claims often join two); questions are left
    out: "Did the council close the library?" supports nothing."""
    spans = [(span, not is_question(text[span[0]:span[1]])) for span in sentence_spans(text)]
    singles = [span for span, stated in spans if stated]
    return singles + [(a[0], b[1]) for (a, a_stated), (b, b_stated) in zip(spans, spans[1:]) if a_stated and b_stated]


def check(text: str, passages, embedder, *, question: str = "", truncated: bool = False) -> Verification:
    """Verdicts for every sentence of the generated `text`, whose [n] markers number `passages` from 1."""
    sentences = split(text, truncated=truncated)
    dropped = 0
    for sentence in sentences:
        valid = [n for n in sentence.cited if 1 <= n <= len(passages)]
        dropped += len(sentence.cited) - len(valid)
        sentence.cited = valid
    if not sentences:
        return Verification([], dropped)
    flat = [(i, s, e) for i, passage in enumerate(passages) for s, e in _windows(passage.text)]
    claims = [s.claim for s in sentences]
    parts = [clauses(claim) for claim in claims]
    texts = [question or ""] + claims + [c for group in parts for c in group]
    vectors = embedder.embed(texts + [passages[i].text[s:e] for i, s, e in flat])
    query, claim_vectors = vectors[0], vectors[1 : 1 + len(claims)]
    clause_vectors = vectors[1 + len(claims) : len(texts)]
    window_vectors = vectors[len(texts) :]
    similarities = claim_vectors @ window_vectors.T  # (claims, windows)
    clause_similarities = clause_vectors @ window_vectors.T if len(clause_vectors) else None
    relevance = claim_vectors @ query
    sources = [Haystack.of(p.text, p.title, p.source, published=p.published) for p in passages]
    window_cache: dict[int, Haystack] = {}

    def window_haystack(k: int) -> Haystack:
        if k not in window_cache:
            i, s, e = flat[k]
            window_cache[k] = Haystack.of(passages[i].text[s:e], published=passages[i].published)
        return window_cache[k]

    clause_rows: list[list[int]] = []
    offset = 0
    for group in parts:
        clause_rows.append(list(range(offset, offset + len(group))))
        offset += len(group)

    def judge(index: int, cited: list[int]) -> Checked:
        claim = claims[index]
        row = similarities[index]
        mine = [k for k, (i, _, _) in enumerate(flat) if i in cited]
        qualifying = sorted((k for k in mine if row[k] >= SIMILARITY), key=lambda k: -row[k])
        found = facts(claim)
        specifics = [f for f in found if is_specific(f)]
        names = [f for f in found if not is_specific(f)]
        names_haystack = Haystack.of(*(sources[i].text for i in cited)) if cited else None
        missing = [f for f in specifics if not any(present(f, window_haystack(k)) for k in qualifying)]
        missing += [f for f in names if names_haystack is None or not present(f, names_haystack)]
        clauses_hold = all(
            max((float(clause_similarities[c][k]) for k in mine), default=0.0) >= SIMILARITY
            for c in clause_rows[index]
        )
        supported = bool(qualifying) and not missing and clauses_hold
        quotes = {}
        for source in cited:
            theirs = [k for k in mine if flat[k][0] == source]
            if not theirs:
                continue
            pick = max(
                theirs,
                key=lambda k: (
                    row[k] >= SIMILARITY,
                    sum(present(f, window_haystack(k)) for f in specifics) if row[k] >= SIMILARITY else 0,
                    float(row[k]),
                ),
            )
            quotes[source] = flat[pick][1:]
        similarity = max((float(row[k]) for k in mine), default=0.0)
        return Checked(
            claim, list(cited), supported, round(similarity, 4), missing, quotes,
            relevance=round(float(relevance[index]), 4),
        )

    def best_similarity(index: int, source: int) -> float:
        return max((float(similarities[index][k]) for k, (i, _, _) in enumerate(flat) if i == source), default=0.0)

    checked = []
    for index, sentence in enumerate(sentences):
        if _NO_ANSWER.search(sentence.claim) and not any(c.isdigit() for c in sentence.claim):
            checked.append(Checked(sentence.claim, [], False, note=True))
            continue
        cited = [n - 1 for n in sentence.cited]
        verdict = judge(index, cited)
        if not verdict.supported and len(sentence.claim.split()) >= MIN_CLAIM_WORDS:
            others = [i for i in range(len(passages)) if i not in cited]
            others.sort(key=lambda i: -best_similarity(index, i))
            for other in others:
                candidate = judge(index, [other])
                if candidate.supported:
                    candidate.recited = True
                    verdict = candidate
                    break
        checked.append(verdict)
    return Verification(checked, dropped)


# ------------------------------------------------------------------------------------ the answer


def to_answer(verification: Verification, passages, *, question: str, as_of: str, mode: str) -> Answer | None:
    """The verified Answer: sentences with renumbered [n] markers, unsupported ones marked; None when no
    sentence is supported, or none of the supported ones is about the question (the caller then answers
    extractively)."""
    if verification.supported == 0 or not verification.relevant:
        return None
    citations: list[Citation] = []
    numbers: dict[tuple, int] = {}
    pieces = []
    for sentence in verification.sentences:
        marks = []
        for source in sentence.sources:
            passage = passages[source]
            start, end = sentence.quotes.get(source, (0, 0))
            quote = passage.text[start:end]
            key = (passage.chunk_id, start, end, sentence.supported)
            if key not in numbers:
                numbers[key] = len(citations) + 1
                citations.append(Citation.of(numbers[key], passage, quote, sentence.similarity, sentence.supported))
            marks.append(f"[{numbers[key]}]")
        piece = sentence.claim + (" " + "".join(marks) if marks else "")
        if not sentence.supported and not sentence.note:
            piece += f" {UNSUPPORTED_MARK}"
        pieces.append(piece)
    return Answer(
        question=question, text=" ".join(pieces), citations=citations, abstained=False, mode=mode, as_of=as_of
    )
