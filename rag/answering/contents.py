"""What a bill, plan, deal or report holds, when a question asks for it.

"What is in the Inflation Reduction Act?" shares only the act's name with the sentences about it, so the closest of
them told that it passed, or that critics say it does too little ("Some voters ... have said the Inflation Reduction
Act doesn't do enough ..."), and not what it holds ("The $739 billion Inflation Reduction Act will raise taxes on
certain corporations ..."). Likewise "What did the first Webb telescope images show?" opened with "the first images
... were released". A question that asks what a thing holds or shows (`contents_asked`) is answered first by the
sentences that say it, with a verb of holding or showing after the thing or a word that stands in for it ("the bill
includes", "the pictures ... show thousands of galaxies": `tells_contents`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rag.text import stems

# (a capitalised word opens a name, "Kwarteng's mini-budget"; a lower-case one after "is in" is no thing: "What is in
# store for ...?")
_THING = r"(?P<thing>(?:the|a|an|this|that|these|those|his|her|its|their|(?-i:[A-Z])[\w'’.-]*)\s+[^?]+?)"
_CONTENTS_ASKED = (
    re.compile(rf"^\s*what(?:['’]s|\s+is|\s+are|\s+was|\s+were)\s+(?:included\s+|contained\s+)?in\s+{_THING}\s*\??\s*$",
               re.IGNORECASE),
    re.compile(rf"^\s*what\s+(?:does|did|do|will|would|could|might)\s+{_THING}\s+"
               r"(?:include|contain|show|reveal|find|provide|offer|cover|entail|propose|say\s+about)\s*\??\s*$",
               re.IGNORECASE),
    re.compile(rf"^\s*what\s+(?:are|were)\s+the\s+(?:details|terms|provisions|contents|findings|key\s+points|main\s+"
               rf"points|highlights)\s+of\s+{_THING}\s*\??\s*$", re.IGNORECASE),
)
_NOT_OF_THE_THING = frozenset(stems("first new latest final full whole big major key main", keep_stopwords=True))
# words that stand in for the thing in a later sentence of its report ("The bill includes ...")
STAND_INS = frozenset(stems(
    "bill law act legislation measure package plan deal agreement accord treaty budget proposal report images image "
    "pictures picture photos photo data study survey poll findings document memo ruling order rule policy program "
    "programme scheme", keep_stopwords=True))
# verbs of holding or showing, and the plain ones of what a measure does ("will raise taxes", "caps drug costs")
_VERBS = frozenset(stems(
    "include includes including included contain contains containing provide provides providing invest invests "
    "investing allocate allocates cap caps capping extend extends extending expand expands expanding create creates "
    "creating establish establishes fund funds funding ban bans limit limits allow allows allowing require requires "
    "requiring give gives giving offer offers offering cancel cancels cancelling forgive forgives reduce reduces "
    "reducing impose imposes lower lowers lowering raise raises raising cut cuts cutting scrap scraps scrapping "
    "slash slashes slashing show shows showing showed shown reveal reveals revealed revealing find finds suggest "
    "suggests suggested indicate indicates indicated depict depicts depicted capture captures captured feature "
    "features featuring",
    keep_stopwords=True)) | {"gave", "found"}
_SET = frozenset("set sets setting".split())  # ("sets aside £12 million"; not "is set to pass")
_NEGATION = frozenset("not no never doesn't don't didn't won't wouldn't isn't aren't wasn't hasn't".split())
_TOKEN = re.compile(r"[A-Za-z][\w'’-]*")
VERB_WITHIN = 12  # tokens after the thing in which the verb that says what it holds comes ("The bill, which ..., caps")


@lru_cache(maxsize=64)  # (read for each sentence scored)
def contents_asked(question: str) -> str | None:
    """The thing a question asks the contents or findings of ("What is in the Inflation Reduction Act?", "What does
    the plan include?", "What did the jobs report show?", "What are the terms of the deal?"), or None."""
    for pattern in _CONTENTS_ASKED:
        match = pattern.match(question)
        if match:
            return match["thing"]
    return None


@lru_cache(maxsize=1024)
def _thing_stems(thing: str) -> frozenset[str]:
    return frozenset(stems(thing)) - _NOT_OF_THE_THING


def tells_contents(sentence: str, thing: str) -> bool:
    """Whether the sentence says what `thing` holds or shows: the thing (a word of it other than "first", "new" ...)
    or a word that stands in for it ("bill", "plan", "report", "images"), then within VERB_WITHIN tokens a verb of
    holding or showing, with no "not" between them ("did not include" is none)."""
    own = _thing_stems(thing)
    tokens = [token.lower().replace("’", "'") for token in _TOKEN.findall(sentence)]
    token_stems = [stems(token, keep_stopwords=True, aliases=False)[:1] for token in tokens]
    seen = None
    for i, stem in enumerate(token_stems):
        if not stem:
            continue
        verb = stem[0] in _VERBS or tokens[i] in _VERBS or tokens[i] in _SET and tokens[i + 1 : i + 2] == ["aside"]
        if seen is not None and i - seen <= VERB_WITHIN and verb and not _NEGATION & set(tokens[seen:i]):
            return True
        if stem[0] in own or stem[0] in STAND_INS:
            seen = i
    return False
