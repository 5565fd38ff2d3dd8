"""Which category of a prize or an award a question asks about, and whether a sentence tells of another.

"Who won the Nobel prize in economics?" asked in an archive without that prize's report found the physics prize
("Alain Aspect, John F. Clauser and Anton Zeilinger have won the Nobel Prize for physics ...", 2022-10-04): its
names ("Nobel"), its deed ("won") and its meaning were the question's, and its category was another. The answer
quoted it as who won; the physics prize also opened the answer to "Who won the Nobel peace prize?" above the peace
prize's own sentence. A question that names the category of a prize or an award ("the Nobel peace prize", "the
Nobel prize in economics", "the Emmy for best drama") is not answered by a sentence that names none of its words
and names the prize with another category ("the Nobel Prize for physics", "another Emmy for outstanding host",
"the Nobel Peace Prize"): `another_award`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rag.text import STOPWORDS, stems

_AWARD = r"(?:prizes?|awards?|emmys?|oscars?|grammys?|tonys?|golden\s+globes?|globes?|medals?|trophy|trophies)"
# the words of a category that say only how good ("best", "outstanding"), not which
_RANK = frozenset("best outstanding top leading lead".split())
# after "for", what the prize was given for, not a category ("for their work on ...", "for his research")
_REASON = frozenset(
    "work works research efforts effort contributions contribution achievements achievement role roles performance "
    "performances portrayal discoveries discovery studies study analysis services service writing writings book "
    "books novel novels reporting coverage leadership career lifetime advocacy campaign campaigning activism "
    "fight struggle commitment dedication courage bravery heroism".split()
)
_POSSESSIVE = frozenset("her his their its".split())
_WORD = r"[A-Za-z][\w'’-]*"
# the question's category: after the prize ("the Nobel prize in economics", "the Emmy for best drama"), before it
# ("the Nobel peace prize"), or a "best ..." of the prize ("best actress at the Emmys")
_ASKED_AFTER = re.compile(rf"\b{_AWARD}\s+(?:for|in)\s+(?P<words>(?:{_WORD}\s+){{0,3}}{_WORD})", re.IGNORECASE)
# (after a name: "the Nobel peace prize", "the Usk fiction prize"; not "at which prestigious awards show")
_ASKED_BEFORE = re.compile(rf"\b[A-Z][\w'’-]*\s+(?P<word>[a-z][\w'’-]*)\s+{_AWARD}\b")
_ASKED_BEST = re.compile(rf"\b(?:best|outstanding)\s+(?P<words>(?:{_WORD}\s+){{0,2}}{_WORD})", re.IGNORECASE)
# a sentence's: "the Nobel Prize for physics", "the prize in chemistry", "an Emmy for outstanding host", or a
# capitalised word before the prize ("the Nobel Peace Prize")
_TOLD_AFTER = re.compile(rf"\b(?P<award>{_AWARD})\s+(?P<prep>for|in)\s+(?P<words>(?:{_WORD}\s+){{0,4}}{_WORD})",
                         re.IGNORECASE)
_TOLD_BEFORE = re.compile(rf"\b(?P<word>[A-Z][\w'’-]*)\s+(?P<award>(?i:{_AWARD}))\b")
_ENDS = frozenset("at on of for in from and or with by after before during to who which that".split())


def _content(words: str) -> list[str]:
    """The words up to the first that ends a category ("drama" of "best drama at the Emmys"), without stopwords."""
    kept = []
    for word in words.split():
        lowered = word.lower()
        if lowered in _ENDS:
            break
        if lowered not in STOPWORDS and lowered not in _RANK:
            kept.append(lowered)
    return kept


@lru_cache(maxsize=64)
def award_categories(question: str) -> frozenset[str]:
    """The stems of the category the question asks a prize or an award of (see _ASKED_AFTER); empty when it names
    none ("Who won the Nobel prize?") or no prize at all."""
    if not re.search(rf"\b{_AWARD}\b", question, re.IGNORECASE):
        return frozenset()
    found: list[str] = []
    for match in _ASKED_AFTER.finditer(question):
        found += _content(match["words"])
    for match in _ASKED_BEFORE.finditer(question):
        if match["word"].lower() not in STOPWORDS and match["word"].lower() not in _RANK:
            found.append(match["word"])
    for match in _ASKED_BEST.finditer(question):
        found += _content(match["words"])
    return frozenset(stems(" ".join(found)))


def another_award(sentence: str, question: str) -> str:
    """The prize with another category that the sentence names ("Nobel Prize for physics"), when the question asks
    of a category (award_categories) whose words the sentence does not hold; "" otherwise."""
    asked = award_categories(question)
    if not asked or asked & set(stems(sentence)):
        return ""
    question_stems = set(stems(question))
    for match in _TOLD_AFTER.finditer(sentence):
        first = match["words"].split()[0].lower()
        told = _content(match["words"])
        # ("for the first time", "for their work"; not "for her Amazon reality competition series": what it was)
        if (first in STOPWORDS and first not in _POSSESSIVE) or not told or told[0] in _REASON:
            continue
        if not set(stems(" ".join(told))) & question_stems:
            shown = match["words"].split()
            last = max(i for i, word in enumerate(shown) if word.lower() == told[-1])
            return _shown(sentence, match.start(), f"{match['award']} {match['prep']} {' '.join(shown[: last + 1])}")
    if _ASKED_BEST.search(question):  # ("won best writing for a comedy series" for "the Emmy for best drama")
        for match in _ASKED_BEST.finditer(sentence):
            told = _content(match["words"])
            if told and not set(stems(" ".join(told))) & question_stems:
                shown = match.group().split()
                last = max(i for i, word in enumerate(shown) if word.lower() == told[-1])
                return " ".join(shown[: last + 1])
    for match in _TOLD_BEFORE.finditer(sentence):
        word = match["word"]
        if word.lower() not in STOPWORDS and not word.endswith(("'s", "’s")) \
                and not set(stems(word)) & question_stems:  # ("HBO's Emmy" is no category)
            return _shown(sentence, match.start(), f"{word} {match['award']}")
    return ""


def _shown(sentence: str, start: int, phrase: str) -> str:
    """The phrase with the capitalised words just before it in the sentence ("Nobel" of "Nobel Prize for physics")."""
    before = re.search(r"(?:\b[A-Z][\w'’-]*\s+)+$", sentence[:start])
    named = [word for word in (before.group().split() if before else []) if word.lower() not in STOPWORDS]
    return " ".join([*named, phrase])


def asked_award(question: str) -> str:
    """The prize and category the question asks of, as it writes them ("Nobel prize in economics", "Nobel peace
    prize", "best actress"), or ""."""
    if not award_categories(question):
        return ""
    for pattern in (_ASKED_AFTER, _ASKED_BEFORE, _ASKED_BEST):
        match = pattern.search(question)
        if match is None:
            continue
        words = match.group().split()
        told = _content(match["words"]) if "words" in match.groupdict() else [match["word"].lower()]
        if pattern is not _ASKED_BEFORE and told:
            last = max(i for i, word in enumerate(words) if word.lower() == told[-1])
            words = words[: last + 1]
        return _shown(question, match.start(), " ".join(words))
    return ""
