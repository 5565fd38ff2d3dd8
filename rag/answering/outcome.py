"""Whether an answer's quotes say that what the question asks about has happened.

"Who won the World Cup?" asked before the final, or "When did Artemis launch?" asked between two launch attempts,
asks about a deed done. The archive's newest reports speak of it only as to come ("will be looking to win Brazil's
sixth World Cup title", "Artemis I will not launch before Tuesday"), and the sentences the answerer quotes are the
best there is; the answer then says that its lead speaks of the deed as to come and no quote tells it as done
(`still_to_come`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rag.answering import Citation
from rag.answering.extractive import _holds_the_names
from rag.options import _IRREGULAR
from rag.retrieval import Passage
from rag.sentences import asking_sentence, statement_spans
from rag.text import STOPWORDS

# the question asks about the past: an auxiliary of it ("When did Artemis launch?", "Has the Senate passed ...?")
# or a verb in its past form ("Who won ...?", "Which team was relegated?"), and no word looking ahead
_PAST_AUXILIARY = re.compile(r"\b(?:did|has|have|had)\b", re.IGNORECASE)
_AHEAD = re.compile(r"\b(?:will|won't|shall|going\s+to|next|upcoming|would|could|should|can|may|might)\b",
                    re.IGNORECASE)
_BASES_PAST: dict[str, set[str]] = {}  # a verb's irregular past forms ("win": {"won"})
for _form, _base in _IRREGULAR.items():
    _BASES_PAST.setdefault(_base, set()).add(_form)
# before a verb, the words that make it still to come: "will (not) launch", "could be named", "looking to win",
# "plans to buy", "is yet to be decided", "ahead of its plan to launch"
_MODAL = r"(?:will|won't|wo\s+n't|shall|would|could|may|might|can|cannot|can't)"
_AIMS = (
    r"plan|plans|planned|planning|need|needs|needed|hope|hopes|hoping|aim|aims|aiming|want|wants|wanting|expected|set|due|scheduled|"
    r"slated|poised|ready|about|yet|likely|bid|attempt|trying|try|tries|seeking|seeks|vying|looking|looks|going|"
    r"hopeful|favourite|favorite|favourites|favorites|favored|favoured|tipped|chance|chances|odds|bidding|eager|keen"
)
_ADVERB = r"(?:\w+ly\s+)?"
_SAME_PAST = frozenset("cut put set hit let quit shut spread cost hurt bet beat burst cast split shed bid".split())
_CLAUSE_ENDS = frozenset("after before while when because since as if to than and or but".split())


def _asked_verbs(question: str) -> dict[str, str]:
    """The verbs a question about the past asks of, as {base form: the word as written}: each word after its
    auxiliary ("did Artemis launch": "launch") and each past form ("won": "win", "relegated": "relegate" ...);
    {} when the question looks ahead or has neither."""
    question = asking_sentence(question)  # ("A supermoon lit the skies. Where does its name come from?")
    if _AHEAD.search(question):
        return {}
    tokens = re.findall(r"[A-Za-z][\w'’-]*", question)
    verbs: dict[str, str] = {}
    after_auxiliary = False  # in the clause of "did", whose words may be its verb ("did the Usk ferry launch")
    for i, token in enumerate(tokens):
        word = token.lower()
        if _PAST_AUXILIARY.fullmatch(word):
            after_auxiliary = tokens[i + 1 : i + 2] not in (["to"], ["been"])  # ("had to be rescued")
            continue
        if word in _CLAUSE_ENDS:
            after_auxiliary = False
        if token[0].isupper() or word in STOPWORDS or len(word) < 3:
            continue
        if word in _IRREGULAR:
            verbs[_IRREGULAR[word]] = word
        elif word.endswith("ed") and len(word) > 4:
            for base in {word[:-2], word[:-1], word[:-3] + "y", word[:-3]}:
                verbs.setdefault(base, word)
        elif after_auxiliary:
            verbs.setdefault(word, word)
    # (a verb the question itself says as an aim is no deed it asks about: "fell while trying to retrieve his phone")
    return {base: word for base, word in verbs.items() if not _frames(base)[0].search(question)}


def deeds_asked(question: str) -> list[tuple[re.Pattern, re.Pattern]]:
    """For a question about a deed done, each verb it asks of as (the verb said as to come, said in a past form) in
    a sentence (see _asked_verbs, _frames); [] for other questions."""
    return [_frames(base)[:2] for base in _asked_verbs(question)]


def told_done(text: str, ahead: re.Pattern, past: re.Pattern) -> bool:
    """Whether a past form of the verb is in the text other than as part of something to come ("could be named")."""
    to_come = [m.span() for m in ahead.finditer(text)]
    return any(not any(start <= m.start() and m.end() <= end for start, end in to_come) for m in past.finditer(text))


def _forms(base: str) -> tuple[str, str]:
    """(every form of the verb, its past forms) as regular-expression alternatives."""
    past = set(_BASES_PAST.get(base, ()))
    if base in _SAME_PAST:
        past.add(base)
    elif base.endswith("e"):
        past.add(base + "d")
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        past.add(base[:-1] + "ied")
    else:
        past |= {base + "ed", base + base[-1] + "ed"}
    past_rx = "|".join(sorted(map(re.escape, past)))
    # (and the participle that opens a clause after a comma tells a deed done: "appointed chancellor, replacing Sunak")
    doing = {base[:-1] + "ing"} if base.endswith("e") and not base.endswith("ee") else {base + "ing",
                                                                                       base + base[-1] + "ing"}
    doing_rx = "|".join(sorted(map(re.escape, doing)))
    return rf"(?:{re.escape(base)}|{past_rx})", rf"(?:{past_rx}|(?<=,\s)(?:{doing_rx}))"


@lru_cache(maxsize=256)  # (read for the question's verbs, then for the quotes)
def _frames(base: str) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(the verb said as to come, said at all in a past form, said at all) in a sentence."""
    every, past = _forms(base)
    ahead = re.compile(
        rf"\b(?:{_MODAL}\s+(?:not\s+|never\s+)?{_ADVERB}(?:be\s+)?{_ADVERB}(?:able\s+to\s+)?"
        rf"|(?:{_AIMS})\s+to\s+{_ADVERB}(?:be\s+)?){every}\b",
        re.IGNORECASE,
    )
    return ahead, re.compile(rf"\b{past}\b", re.IGNORECASE), re.compile(rf"\b{every}\b", re.IGNORECASE)



def still_to_come(question: str, citations: Sequence[Citation], passages: Sequence[Passage] = ()) -> str:
    """For a question about something done ("Who won the World Cup?", "When did Artemis launch?"), the verb it asks
    of ("win", "launch"; a regular past form as written: "elected") when the first quote speaks of it as still to
    come ("will be looking to win", "will not launch before Tuesday") and neither any quote nor any sentence of the
    quoted articles' `passages` read that speaks of it tells it as done ("won", "launched"); "" otherwise."""
    verbs = _asked_verbs(question) if citations else {}
    if not verbs:  # (most questions: the passages' sentences are not split)
        return ""
    quotes = [c.quote for c in citations]
    articles = {c.article_id for c in citations}
    read = [p.text[start:end] for p in passages if p.article_id in articles for start, end in statement_spans(p.text)]
    for base, written in verbs.items():
        ahead, past, said = _frames(base)
        # (the answer's lead, of what the question names: a follower may tell it done in other words, "slammed",
        # and "rules could cut future demand" is no cut by OPEC)
        if not ahead.search(quotes[0]) or not _holds_the_names(quotes[0], question):
            continue
        if any(told_done(text, ahead, past) for text in [*quotes, *(s for s in read if said.search(s))]):
            continue
        return base if written in _IRREGULAR or written == base else written
    return ""
