"""Words for matching: lower-cased, stop words dropped, Snowball-stemmed (the same for BM25 and answers)."""

from __future__ import annotations

import re
from functools import lru_cache

WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.-]*[A-Za-z0-9]|[A-Za-z0-9]")

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here
    hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
    off on once only or other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up very was we were what
    when where which while who whom why will with would you your yours yourself yourselves also said says say
    according many much one two new last week weeks year years month months day days recently recent latest
    which whose what's who's it's according""".split()
)


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def words(text: str) -> list[str]:
    """Lower-cased word tokens, possessives and edge punctuation stripped."""
    out = []
    for match in WORD.finditer(text):
        word = match.group().lower().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        out.append(word.strip(".'-"))
    return [w for w in out if w]


def capitalised_words(question: str) -> str:
    """The question's words written with a capital past its first word (its names, as a question writes them;
    "Usk" of "... (Usk bridge)?" too), joined by spaces."""
    return " ".join(token for i, token in enumerate(question.split()) if i > 0 and token.lstrip("(")[:1].isupper())


def stems(text: str, *, keep_stopwords: bool = False, aliases: bool = True) -> list[str]:
    """Stemmed content words of `text`, in order; with `aliases`, each name of an ALIASES group as one word."""
    if aliases:
        text = with_aliases(text)
    tokens = [w for w in words(text) if keep_stopwords or w not in STOPWORDS]
    return _stemmer().stemWords(tokens)


def index_terms(text: str) -> list[str]:
    """What the keyword index reads of `text`, for chunks and queries alike: its stems, and after a hyphenated word
    the stems of its parts ("Covid-19" is also "Covid", "Rolls-Royce" also "Royce", "pandemic-induced" also
    "pandemic"), so that either spelling finds the other. Bench dev set: hit@1 0.693 -> 0.7018 with options, 0.6316
    -> 0.6404 for the question alone, hit@5 unchanged."""
    tokens = []
    for word in words(text):
        tokens.append(word)
        if "-" in word:
            tokens.extend(part for part in word.split("-") if part.strip(".'"))
    return _stemmer().stemWords([t for t in tokens if t not in STOPWORDS])



# How the archive writes a word. A question typed without capitals ("what happened to ftx") names things all the
# same; the names are read back from the archive, which writes "FTX", "Biden", "Mar-a-Lago" and "Uvalde" with
# capitals inside its sentences, and "inflation", "court" and "who" without.
_CASE_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
# a capital that opens a line, a sentence, a quotation or a bracket says nothing of how the word is written
_OPENING_WORD = re.compile(r"(?:^|[.!?:;—–]['\"”’)\]]*\s+|[\"“‘(\[]\s*)([A-Z][A-Za-z]*(?:-[A-Za-z]+)*)",
                           re.M)
# words that say what kind of thing a name is when they follow it: "Senate" of "Pennsylvania Senate", "Cup" of "World
# Cup" (the name is the word before, not a first name before a surname)
KIND_AFTER_A_NAME = frozenset(
    "senate house assembly parliament congress council county state cup open championship championships games "
    "party primary election court".split()
)
NAME_SHARE = 0.8  # a word capitalised at least this often inside sentences is a name
_NEVER_NAMES = STOPWORDS | {"us"}  # "tell us", even in an archive that writes "US" more often than "us"


class WordCases:
    """Counts how an archive writes its words inside sentences (openings of sentences, lines and quotations not
    counted, except for an acronym of up to five letters). `cases()` gives {word lower-cased: [its usual capitalised
    form, times capitalised, times written]} for the words capitalised at least half the time."""

    def __init__(self):
        from collections import Counter

        self.seen: Counter = Counter()
        self.opening: Counter = Counter()

    def add(self, text: str) -> None:
        self.seen.update(_CASE_WORD.findall(text))
        self.opening.update(_OPENING_WORD.findall(text))

    def cases(self) -> dict[str, list]:
        capitalised: dict[str, int] = {}
        written: dict[str, int] = {}
        usual: dict[str, tuple[str, int]] = {}
        for form, count in self.seen.items():
            key = form.lower()
            if form[:1].isupper():
                if not (1 < len(form) <= 5 and form.isupper()):  # an acronym is one even where it opens a sentence
                    count -= self.opening.get(form, 0)
                if count <= 0:
                    continue
                capitalised[key] = capitalised.get(key, 0) + count
                if key not in usual or count > usual[key][1]:
                    usual[key] = (form, count)
            written[key] = written.get(key, 0) + count
        return {key: [usual[key][0], n, written[key]] for key, n in capitalised.items() if 2 * n >= written[key]}


def truecase(question: str, cases: dict[str, list] | None) -> str:
    """The question with the names it typed in lower case written as the archive writes them ("what happened to
    ftx" -> "what happened to FTX", "who is rishi sunak" -> "who is Rishi Sunak"): a word the archive capitalises
    inside its sentences at least NAME_SHARE of the time. Only a question with no capital after its first word and
    no acronym is changed: one that capitalises some names is taken as written."""
    if not cases:
        return question
    capitals = any(t[:1].isupper() for t in question.split()[1:])
    if capitals or any(len(w) > 1 and w.isupper() for w in _CASE_WORD.findall(question)):
        return question

    def written(match: re.Match) -> str:
        word = match.group()
        entry = cases.get(word)
        if word != word.lower() or word in _NEVER_NAMES or entry is None or entry[1] < NAME_SHARE * entry[2]:
            return word
        return entry[0]

    return _CASE_WORD.sub(written, question)



# One thing under several names in news copy ("UK" and "Britain" for the United Kingdom, "flu" for influenza, "the
# IRS" for the Internal Revenue Service, "US" and "U.S."). For matching (`stems`), each name of a group reads as
# one word of its own, so that a question, an option or a name put one way matches a sentence that puts it another
# way. Abbreviations are matched as written (case and dots: "US", "U.S.", not "us"), the rest in any case. Only
# names news copy uses for one thing each: not "SEC" (a regulator, and a college sports conference).
ALIASES = (
    ("United States", "US", "U.S.", "USA", "U.S.A."),
    ("United Kingdom", "UK", "U.K.", "Britain"),
    ("European Union", "EU", "E.U."),
    ("United Nations", "UN", "U.N."),
    ("United Arab Emirates", "UAE", "U.A.E."),
    ("Democratic Republic of the Congo", "DRC", "DR Congo"),
    ("influenza", "flu"),
    ("World Health Organization", "WHO"),
    ("Internal Revenue Service", "IRS"),
    ("Federal Bureau of Investigation", "FBI"),
    ("Centers for Disease Control and Prevention", "Centers for Disease Control", "CDC"),
    ("Food and Drug Administration", "FDA"),
    ("Environmental Protection Agency", "EPA"),
    ("Federal Aviation Administration", "FAA"),
    ("Transportation Security Administration", "TSA"),
    ("National Aeronautics and Space Administration", "NASA"),
    ("National Health Service", "NHS"),
    ("North Atlantic Treaty Organization", "NATO"),
    ("International Monetary Fund", "IMF"),
    ("Organization of the Petroleum Exporting Countries", "OPEC"),
    ("Justice Department", "Department of Justice", "DOJ"),
    ("Federal Reserve", "Fed"),
    ("National Football League", "NFL"),
    ("National Basketball Association", "NBA"),
    ("Women's National Basketball Association", "WNBA"),
    ("Major League Baseball", "MLB"),
    ("National Hockey League", "NHL"),
    ("New York City", "NYC"),
)


def _is_abbreviation(form: str) -> bool:
    return form.replace(".", "").isupper() or form == "Fed"


@lru_cache(maxsize=1)
def _alias_patterns() -> tuple[list[str], list[frozenset[str]], re.Pattern, re.Pattern]:
    """(each group's word, each group's stems as plain words, a pattern for the abbreviations as written, one for
    the rest in any case); each alternative is a named group g<group>_<n>."""
    own_words, plain, exact, loose = [], [], [], []
    for index, forms in enumerate(ALIASES):
        own_words.append(re.sub(r"[^a-z]", "", forms[0].lower()) + "x")  # "unitedstatesx": no word of its own
        plain.append(frozenset(s for form in forms for s in stems(form, aliases=False)))
        for n, form in enumerate(sorted(forms, key=len, reverse=True)):
            alternative = rf"(?P<g{index}_{n}>{re.escape(form)})"
            (exact if _is_abbreviation(form) else loose).append(alternative)
    edge = r"(?<![\w.]){}(?!\w|\.\w|-\w)"  # not the "US" of "US-China", which reads as one word
    return (own_words, plain, re.compile(edge.format("(?:" + "|".join(exact) + ")")),
            re.compile(edge.format("(?:" + "|".join(loose) + ")"), re.IGNORECASE))


def _group(match: re.Match) -> int:
    return int(match.lastgroup[1:].partition("_")[0])


def with_aliases(text: str) -> str:
    """The text with each name of an ALIASES group replaced by the group's own word."""
    own_words, _, exact, loose = _alias_patterns()
    for pattern in (exact, loose):
        text = pattern.sub(lambda m: own_words[_group(m)], text)
    return text


def alias_stems(text: str) -> set[str]:
    """The plain stems of every name of each ALIASES group the text names one way ("the UK" -> united, kingdom,
    uk, britain, ...), for matching names word by word; an empty set when it names none."""
    _, plain, exact, loose = _alias_patterns()
    return {stem for pattern in (exact, loose) for m in pattern.finditer(text) for stem in plain[_group(m)]}
