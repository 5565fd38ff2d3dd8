"""The name of a thing, when a question asks for it.

"What is the target asteroid called?", "What is the name of the new podcast launched by ...?", "What is the name of
Ann Pryce's dog?" ask for a name, and the sentence that gives it sets the name beside the thing ("... collided with
the asteroid Dimorphos", "her dog, Mot", "a podcast called The Harbour"). Closer in meaning and words were the
sentences about the thing that never name it ("NASA will deliberately crash a small spacecraft into an asteroid").
`name_asked` reads the thing from the question and `gives_the_name` finds a name the question does not hold just
after it (or after "called", "named", "dubbed", "known as"), or just before it ("the Dimorphos asteroid").
"""

from __future__ import annotations

import re
from functools import lru_cache

from rag.dates import _MONTH_NUM, _WEEKDAY_NUM
from rag.sentences import asking_sentence
from rag.text import STOPWORDS, stems, words

_BE = r"(?:['’]s|\s+is|\s+was|\s+are|\s+were|\s+will\s+be)"
# the words of the thing, up to what tells of it ("launched by ...", "that has regained ...", "in Florida")
_THING = r"(?P<thing>(?:[\w'’.-]+\s+){0,5}?[\w'’.-]+?)"
_ENDS_THING = (r"(?=\s*(?:[?,:;]|$|\s(?:that|which|who|whose|where|when|of|in|on|at|by|for|from|with|to|after|"
               r"since|as|about|behind|[a-z]+ed|[a-z]+ing)\b))")
_NAME_ASKED = (
    re.compile(rf"^\s*what{_BE}\s+the\s+(?:(?:new|official|full|real|brand|code|working)\s+)?(?:names?|titles?)\s+of\s+"
               rf"(?:the\s+|a\s+|an\s+|this\s+|that\s+)?{_THING}{_ENDS_THING}", re.IGNORECASE),
    re.compile(rf"^\s*what{_BE}\s+(?:the|this|that|his|her|its|their)\s+{_THING}\s+(?:being\s+)?(?:called|named)"
               r"\s*\??\s*$", re.IGNORECASE),
)
# words of how the thing is described, not what it is ("the new daily news podcast": a podcast)
_NOT_THE_THING = frozenset(stems("new latest first final daily weekly official", keep_stopwords=True))
# a day or a month after the thing is when, not its name ("signed the law Sunday")
_DAYS_AND_MONTHS = frozenset(_WEEKDAY_NUM) | frozenset(_MONTH_NUM)
_CALLED = frozenset("called named dubbed titled nicknamed".split())
_TOKEN = re.compile(r"[“”\"]|[A-Za-z0-9][\w'’.&-]*|[,;:()—–]")
NAME_AFTER_WITHIN = 4  # tokens between the thing and its name (", known as the" of "the law, known as the ... Act")


@lru_cache(maxsize=64)
def name_asked(question: str) -> str | None:
    """The stem of the thing whose name the question asks ("asteroid" of "What is the target asteroid called?", "dog"
    of "What is the name of Ann Pryce's family dog?"), or None (also for "What is it called?": no thing is said)."""
    asking = asking_sentence(question)
    for pattern in _NAME_ASKED:
        match = pattern.match(asking)
        if match:
            kept = [stem for stem in stems(match["thing"], keep_stopwords=True)
                    if stem not in _NOT_THE_THING and stem not in STOPWORDS]
            return kept[-1] if kept else None
    return None


def _new_name(token: str, asked: set[str]) -> bool:
    """Whether the token opens a name the question does not hold: capitalised, or with a digit and a capital ("BA.5",
    not "42-day"), and no stopword, day or month."""
    bare = token.lower().replace("’", "'").removesuffix("'s").rstrip(".")
    return (token[:1].isupper() or any(c.isdigit() for c in token) and any(c.isupper() for c in token)) \
        and bare not in STOPWORDS and bare not in asked and bare not in _DAYS_AND_MONTHS


def gives_the_name(sentence: str, thing: str, question: str) -> bool:
    """Whether the sentence names the `thing` (a stem, from name_asked) by a name the question does not hold: the
    name after the thing, over up to NAME_AFTER_WITHIN commas, quotation marks, "the" or "called"/"named"/"known as"
    ("the asteroid Dimorphos", "her dog, Mot", "a podcast called The Harbour"), or just before it ("the Dimorphos
    asteroid")."""
    asked = set(words(question))
    tokens = _TOKEN.findall(sentence)
    for i, token in enumerate(tokens):
        if not token[:1].isalpha() or stems(token, keep_stopwords=True)[:1] != [thing]:
            continue
        if token[:1].isupper() and i and tokens[i - 1][:1].isupper():  # ("Hurricane Ian", not "Double Asteroid ...")
            continue
        j = i + 1
        while j < len(tokens) and j - i <= NAME_AFTER_WITHIN and (
                tokens[j] in ",“”\"" or tokens[j].lower() in _CALLED or tokens[j].lower() in ("known", "as", "the")):
            j += 1
        if j < len(tokens) and j - i <= NAME_AFTER_WITHIN + 1 and (
                _new_name(tokens[j], asked) or tokens[j - 1] in ("“", '"') and tokens[j][:1].isupper()):
            return True  # (a title in quotation marks may open with any word: "Where the Crawdads Sing")
        if i and _new_name(tokens[i - 1], asked) and (i < 2 or tokens[i - 2].lower() in ("the", "a", "an")):
            return True
    return False
