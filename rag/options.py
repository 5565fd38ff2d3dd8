"""Questions that come with options ("Which continent ...? A) Europe B) Asia ..."): reading them and matching them.

A quiz question, a reader's "was it X or Y?", a fact-check of competing claims: the asker often knows the
candidates. The options are searched for together with the question, and the answer names the option the
archive's sentences support (or says that none of them is supported).

Options come as a list (`ask(..., options=[...])`, `newsrag ask Q --option A --option B`) or in the text
of the question, one of:

    Which continent ...?            Which continent ...?          Which continent ...?
    A) Europe                       - Europe                      Options: Europe; Asia; Africa
    B) Asia                         - Asia
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rag.errors import NewsragError
from rag.text import stems

MAX_OPTIONS = 8
MAX_OPTION_CHARS = 200

# "A) Europe", "a. Europe", "(b) Asia", "1) Africa", "- Europe", "* Asia", "• Africa" at the start of a line
_OPTION_LINE = re.compile(r"^\s*(?:\(?[A-Ha-h1-8][).:]|[-*•])\s+(?P<text>\S.*?)\s*$")
# "Options:" or "Choices:" starting a line or following the question's "?", ".", "!" or ":"
_OPTIONS_LABEL = re.compile(
    r"(?:(?<=[?.!:])\s*|\n\s*)(?:options|choices)\s*:\s*(?P<list>[^?]+?)\s*$", re.IGNORECASE
)
# inline "A) Europe B) Asia C) Africa" (labels in sequence, at least two)
_INLINE_LABEL = re.compile(r"(?:(?<=\s)|^)\(?([A-H])\)\s+")


def clean_options(options) -> list[str]:
    """The options without blanks and repeats; raises NewsragError when there are too many or one is too long."""
    if options is None:
        return []
    if isinstance(options, str):
        options = [options]
    kept: list[str] = []
    seen: set[str] = set()
    for option in options:
        text = " ".join(str(option).split())
        if not text:
            continue
        if len(text) > MAX_OPTION_CHARS:
            raise NewsragError(f"an option is {len(text)} characters; keep each under {MAX_OPTION_CHARS}")
        key = normalise(text)
        if key in seen:
            continue
        seen.add(key)
        kept.append(text)
    if len(kept) > MAX_OPTIONS:
        raise NewsragError(f"{len(kept)} options given; give at most {MAX_OPTIONS}")
    return kept


def split_options(text: str) -> tuple[str, list[str]]:
    """(question, options) from a question that lists its options in its text; options=[] when it lists none."""
    lines = text.strip().splitlines()
    # one option per line after the question
    first_option = None
    for i, line in enumerate(lines):
        if _OPTION_LINE.match(line):
            first_option = i if first_option is None else first_option
        elif first_option is not None and line.strip():
            first_option = None  # a non-option line after options: they were not a trailing list
    if first_option is not None and first_option > 0:
        found = [_OPTION_LINE.match(line)["text"] for line in lines[first_option:] if line.strip()]
        if len(found) >= 2:
            return "\n".join(lines[:first_option]).strip(), _tidy(found)
    # "Options: a; b; c" (or commas when no semicolons)
    match = _OPTIONS_LABEL.search(text)
    if match and match.start() > 0:
        listed = match["list"]
        parts = re.split(r"\s*;\s*|\s*\|\s*|\n+", listed) if re.search(r"[;|\n]", listed) else re.split(r",\s*", listed)
        parts = [re.sub(r"^(?:or|and)\s+", "", p.strip(), flags=re.IGNORECASE) for p in parts]
        parts = [p for p in parts if p]
        if len(parts) >= 2:
            return text[: match.start()].strip(), _tidy(parts)
    # "... ? A) Europe B) Asia C) Africa"
    labels = list(_INLINE_LABEL.finditer(text))
    letters = [m.group(1).upper() for m in labels]
    if len(labels) >= 2 and letters == [chr(ord("A") + i) for i in range(len(labels))]:
        ends = [m.start() for m in labels[1:]] + [len(text)]
        found = [text[m.end() : end] for m, end in zip(labels, ends)]
        question = text[: labels[0].start()].strip()
        if question:
            return question, _tidy(found)
    return text.strip(), []


def _tidy(found: list[str]) -> list[str]:
    return clean_options([f.strip().rstrip(";,").strip() for f in found])


def normalise(text: str) -> str:
    """Lower case, quotes dropped, punctuation (but $ % . , -) turned to spaces: what matching compares."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[\"'“”‘’`]", "", text)
    return " ".join(re.sub(r"[^\w$%.,-]+", " ", text).split())


_POSSESSIVE = re.compile(r"(?<=\w)['’]s(?!\w)", re.IGNORECASE)


def mentions(text: str, phrase: str) -> bool:
    """The phrase appears in the text as whole words and whole numbers (case, quotes and spacing ignored), also
    in the possessive ("Google’s parent" names "Google")."""
    wanted = normalise(phrase).strip(" .,")
    if not wanted:
        return False
    # "500" is not named by "1,500", nor "5" by "5.5"
    pattern = re.compile(rf"(?<!\w)(?<!\d[.,]){re.escape(wanted)}(?![.,]\d)(?!\w)")
    if pattern.search(normalise(text)):
        return True
    without = _POSSESSIVE.sub("", text)
    return without != text and pattern.search(normalise(without)) is not None


_BARE_NUMBER = re.compile(r"\s*\d[\d,]*(?:\.\d+)?\s*")
_A_SHARE_AFTER = re.compile(r"\s?(?:%|percent\b|per\s?cent\b)", re.IGNORECASE)


# words that make the number after them a label or a day ("Game 7", "Title 42", "Oct. 17"), not a count
_LABELS = frozenset(
    "game title route flight section article chapter proposition prop amendment apollo level category round stage "
    "phase part episode season no number vol volume grade class tier step gate lane terminal platform district ward "
    "precinct room floor interstate highway unit act hole model version series type group "
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_WORD_BEFORE = re.compile(r"(?:^|(?<=\s))(?P<word>[A-Za-z][\w.'’-]*)\s$")


def after_a_label(sentence: str, start: int) -> bool:
    """The number at `start` follows a word that makes it a label or a day ("Game 7", "Title 42", "Oct. 17"),
    not a count; a year is a year ("March 1982")."""
    if re.match(r"(?:1[0-9]|20)\d\d\b", sentence[start:]):
        return False
    word = _WORD_BEFORE.search(sentence[max(0, start - 40):start])
    return word is not None and word["word"][0].isupper() and word["word"].lower().rstrip(".") in _LABELS


# "up from 33 last year", "rose from 3.2% to 5.8%", "The previous record ... was nine": the amount a sentence gives
# as what was before, which names an option less than the amount now does (unless the question asks what was before)
EARLIER_VALUE = 0.25
_EARLIER_BEFORE = re.compile(
    r"(?:\bfrom|\b(?:previous|prior|old|former)\s+(?:record|high|low|peak|mark|best)\b[^.;]{0,40}?\b(?:was|of|at))"
    r"\s+(?:about|nearly|around|roughly|just|some|a)?\s*[$£€]?$",
    re.IGNORECASE,
)
_ASKS_BEFORE = re.compile(r"\b(?:previous|previously|prior|before|earlier|from what|last year|a year ago|used to)\b",
                          re.IGNORECASE)


def earlier_value(sentence: str, start: int, question: str = "") -> float:
    """EARLIER_VALUE for an amount at `start` the sentence gives as what was before, else 1."""
    if question and _ASKS_BEFORE.search(question):
        return 1.0
    return EARLIER_VALUE if given_as_before(sentence, start) else 1.0


def given_as_before(sentence: str, start: int) -> bool:
    """The amount at `start` is what the sentence says was before ("up from 33", "the previous record ... was")."""
    return _EARLIER_BEFORE.search(sentence[max(0, start - 80):start]) is not None


def _names_the_number(sentence: str, option: str, question: str = "") -> float:
    """A bare number ("63") is named as itself, not as a share ("63% of her lawmakers" is no count of them) or
    within a label or a date ("Game 7", "Oct. 17"); as what was before, at EARLIER_VALUE."""
    wanted = option.strip().replace(",", "")
    text = sentence.replace(",", "")
    best = 0.0
    for found in re.finditer(rf"(?<![\w.,]){re.escape(wanted)}(?![.,]?\d)(?!\w)", text):
        if not _A_SHARE_AFTER.match(text, found.end()) and not after_a_label(text, found.start()):
            best = max(best, earlier_value(text, found.start(), question))
    return best


def match_strength(sentence: str, option: str, sentence_stems: set[str] | None = None,
                   asked: frozenset[str] = frozenset(), question: str = "") -> float:
    """1.0 when the sentence names the option outright; for an option of several words, the share of its
    stemmed words the sentence holds when that is at least two thirds ("assault weapons ban" for "Ban on
    military-style assault weapons"); for an option of one word, NEAR_MATCH for that word in another form; else
    0. A long word of the option typed with two letters swapped counts as held. Of an option that holds a number
    ("0.25 percentage point"), the number must be held; of a name ("Windsor Castle"), its words held must stand
    together (not "Mary Windsor died at Balmoral Castle"). Of the words held, one at least must be one the
    question does not use (`asked`, stems): "the UK's central bank" does not name "European Central Bank" for
    "Which central bank ...?"."""
    if _BARE_NUMBER.fullmatch(option):
        return _names_the_number(sentence, option, question)
    if mentions(sentence, option):
        return 1.0
    left_out = _title_words_left_out(option)
    if left_out and not left_out <= set(stems(sentence, keep_stopwords=True)):
        return 0.0  # "a live ceremony" does not name "Days of Our Lives"
    wanted = _option_stems(option)
    present = sentence_stems if sentence_stems is not None else set(stems(sentence)) | irregular_stems(sentence)
    held = {w for w in wanted if w in present or any(t in present for t in _transposed(w))}
    if len(wanted) < 2:
        # a word in another form ("Bulldogs" for "Bulldog", "worms" for "A worm"; not "athletes" for
        # "Athletics"); amounts are read apart
        return NEAR_MATCH if wanted and held == wanted and not _is_amount(option) and _the_same_word(
            sentence, option) else 0.0
    if any(_NUMBER_STEM.search(w) for w in wanted - held):
        return 0.0
    if held and _is_a_name(option):
        held = _held_together(sentence, wanted)
    if asked and wanted - asked and not held - asked:
        return 0.0
    share = len(held) / len(wanted)
    return share if share >= 2 / 3 else 0.0


_NUMBER_STEM = re.compile(
    r"\d|^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelv|twenti|thirti|forti|fifti|hundr|thousand"
    r"|million|billion|half|quarter|third)")


def _is_a_name(option: str) -> bool:
    """Every word of the option (but a few small ones) is capitalised: "Windsor Castle", "Florida Gov. Ron
    DeSantis"."""
    if re.search(r"[,&/]|\band\b", option):
        return False  # a list ("Russia and China"), whose names may stand apart
    found = [w for w in re.findall(r"[A-Za-z][\w'’.-]*", option) if w.lower() not in ("of", "the", "de")]
    return len(found) >= 2 and all(w[0].isupper() for w in found)


def _held_together(sentence: str, wanted: frozenset[str]) -> set[str]:
    """The longest run of the sentence's words (small words between them allowed) whose stems are in `wanted`."""
    best: set[str] = set()
    run: set[str] = set()
    for token in re.findall(r"[\w'’.-]+", sentence):
        stem = stems(token)
        if stem and stem[0] in wanted:
            run.add(stem[0])
            best = max(best, run, key=len)
        elif stem:
            run = set()
    return set(best)


def _the_same_word(sentence: str, option: str) -> bool:
    """Whether a word the stemmer makes the option's is that word in another form: not when the option names a
    field ("Athletics", "Politics") and the sentence only its people ("athletes", "politicians")."""
    word = re.findall(r"[A-Za-z]+", option)[-1].lower()
    if not word.endswith("ics"):
        return True
    return any(w.lower().startswith(word[:-1]) for w in re.findall(r"[A-Za-z]+", sentence))


TYPO_MIN_LETTERS = 6


def _transposed(stem: str) -> list[str]:
    """The stem with two neighbouring letters swapped, the commonest typing slip ("portriat" for "portrait"):
    an option typed with one still names what the sentence says. Only stems of TYPO_MIN_LETTERS letters or more,
    where a swap seldom makes another word, and never a number."""
    if len(stem) < TYPO_MIN_LETTERS or not stem.isalpha():
        return []
    return [stem[:i] + stem[i + 1] + stem[i] + stem[i + 2 :] for i in range(len(stem) - 1) if stem[i] != stem[i + 1]]


def _titled(option: str) -> bool:
    return option.lstrip()[:1] in "\"'“‘" or all(w[0].isupper() for w in re.findall(r"[A-Za-z]{2,}", option))


@lru_cache(maxsize=256)
def _option_stems(option: str) -> frozenset[str]:
    """The option's stemmed words, irregular verbs put back to their verb unless the option is a title."""
    return frozenset(stems(option if _titled(option) else base_forms(option)))  # "Gone Girl" is a title, not a verb


_LINKING_WORDS = frozenset("the a an of and or in on at to for by with".split())


@lru_cache(maxsize=256)
def _title_words_left_out(option: str) -> frozenset[str]:
    """The words of a title that _option_stems leaves out as too common ("Days" and "Our" of "Days of Our Lives"),
    linking words aside: a title is named only with them."""
    if not _titled(option):
        return frozenset()
    return frozenset(stems(option, keep_stopwords=True)) - _LINKING_WORDS - _option_stems(option)


def _is_amount(option: str) -> bool:
    from rag.quantities import option_amount

    return option_amount(option) is not None or any(ch.isdigit() for ch in option)


# Irregular verb forms the stemmer leaves apart from their verb ("lost" and "losing", "won" and "winning")
_IRREGULAR = {
    form: base
    for base, forms in {
        "lose": "lost", "win": "won", "sell": "sold", "buy": "bought", "pay": "paid", "leave": "left",
        "make": "made", "take": "took taken", "give": "gave given", "find": "found", "tell": "told",
        "hold": "held", "meet": "met", "run": "ran", "begin": "began begun", "bring": "brought",
        "think": "thought", "fall": "fell fallen", "flee": "fled", "lead": "led", "shoot": "shot",
        "strike": "struck", "spend": "spent", "steal": "stole stolen", "break": "broke broken",
        "choose": "chose chosen", "write": "wrote written", "drive": "drove driven", "rise": "rose risen",
        "grow": "grew grown", "fly": "flew flown", "sink": "sank sunk", "swear": "swore sworn",
        "wear": "wore worn", "catch": "caught", "teach": "taught", "seek": "sought", "fight": "fought",
        "build": "built", "send": "sent", "keep": "kept", "feel": "felt", "hear": "heard",
        "hide": "hid hidden", "eat": "ate eaten", "forget": "forgot forgotten", "freeze": "froze frozen",
        "speak": "spoke spoken", "wake": "woke woken", "sing": "sang sung", "swim": "swam swum",
        "throw": "threw thrown", "draw": "drew drawn", "blow": "blew blown", "know": "knew known",
        "see": "saw seen", "go": "went gone", "come": "came", "get": "got gotten", "stand": "stood",
        "understand": "understood", "bite": "bit bitten", "ride": "rode ridden",
    }.items()
    for form in forms.split()
}
_IRREGULAR_WORD = re.compile(rf"\b(?:{'|'.join(_IRREGULAR)})\b", re.IGNORECASE)


def base_forms(text: str) -> str:
    """The text with irregular verb forms put back to their verb ("He lost a bet" -> "He lose a bet")."""
    return _IRREGULAR_WORD.sub(lambda m: _IRREGULAR[m.group().lower()], text)


def irregular_stems(sentence: str) -> set[str]:
    """The stems of the verbs whose irregular forms the sentence holds ("lost" -> "lose")."""
    return set(stems(" ".join(_IRREGULAR[m.group().lower()] for m in _IRREGULAR_WORD.finditer(sentence))))


NEAR_MATCH = 0.8  # the sentence names the option in another form: a rounded amount, "European" for "Europe"
_MONTH_YEAR = re.compile(
    r"(January|February|March|April|May|June|July|August|September|October|November|December)\s+((?:19|20)\d\d)"
)
_DEMONYM_ENDINGS = ("an", "ian", "ean", "n", "ese", "i", "ans", "ians", "eans", "ns")


def match_strengths(sentence: str, options: list[str], sentence_stems: set[str] | None = None,
                    question: str = "") -> list[float]:
    """How strongly the sentence names each option (see `match_strength`), also reading options worded another
    way: amounts ("six months" names "6", "$402 million" names "$400 million" when no other option is nearer,
    "two-thirds" names "68%"), a people or adjective for a place ("European" for "Europe") and a month without
    its year ("in November" for "November 2022"), each at NEAR_MATCH unless the amount is the same."""
    from rag.quantities import amounts, close, option_amount

    present = (sentence_stems if sentence_stems is not None else set(stems(sentence))) | irregular_stems(sentence)
    asked = _question_stems(question)
    strengths = [match_strength(sentence, option, present, asked, question) for option in options]
    parsed = [option_amount(option) for option in options]
    by_amount: dict[int, float] = {}  # how strongly the amounts read name each option
    same: set[int] = set()  # the options whose very amount the sentence holds
    where: dict[int, list] = {}  # the amounts that name each option
    if any(parsed):
        written = amounts(sentence)
        # ("a nine-year sentence" holds "years")
        all_words = set(stems(re.sub(r"(?<=\w)-(?=\w)", " ", sentence), keep_stopwords=True)) if written else set()
        for amount in written:
            candidates = [
                (i, p[0]) for i, p in enumerate(parsed)
                if p and p[0].kind == amount.kind and set(p[1]) <= all_words
            ]
            if not candidates or after_a_label(sentence, amount.start):
                continue
            exact = [i for i, o in candidates if abs(o.value - amount.value) <= 1e-9 * max(1.0, abs(o.value))]
            weight = earlier_value(sentence, amount.start, question)
            same.update(exact)
            for i in exact:
                by_amount[i] = max(by_amount.get(i, 0.0), (NEAR_MATCH if amount.ordinal else 1.0) * weight)
                where.setdefault(i, []).append(amount)
            if exact or amount.exact_only:
                continue
            near = [
                (abs(o.value - amount.value), i) for i, o in candidates
                if not o.exact_only and not o.looks_like_year() and close(o, amount)
            ]
            if near:
                i = min(near)[1]
                by_amount[i] = max(by_amount.get(i, 0.0), NEAR_MATCH * weight)
                where.setdefault(i, []).append(amount)
        # (a sentence that gives one amount as what was before says which is which already)
        if len(where) >= 2 and question and not any(given_as_before(sentence, a.start) for a in written):
            units = {w for p in parsed if p for w in p[1]}
            _by_their_words(sentence, written, where, by_amount, _asking_stems(question) - units)
    for i, strength in by_amount.items():
        # the same amount read in the sentence says how it names the option ("up from 33%" names "33%" as what
        # was before); a near one adds to how its text is named
        strengths[i] = strength if i in same else max(strengths[i], strength)
    for i, option in enumerate(options):
        if not strengths[i]:
            strengths[i] = (_another_form(sentence, option) or _short_name(sentence, option, options, question)
                            or _place_of_a_region(sentence, option, options) or _initials(sentence, option, options))
    # a name written out in full is that name, not the others that share some of its words: "changed to Vivian Jenna
    # Wilson" names "Vivian Jenna Wilson", not "Vivian Jenna Musk"
    whole = [option for option, strength in zip(options, strengths) if strength == 1.0 and _is_a_name(option)]
    if whole:
        rest = without_names(sentence, whole)
        for i, option in enumerate(options):
            if 0 < strengths[i] < 1.0 and option not in whole and _is_a_name(option):
                strengths[i] = min(strengths[i], match_strength(rest, option, None, asked, question)
                                   or _short_name(rest, option, options, question) or _initials(rest, option, options))
    return strengths


# Several options named by amounts in one sentence ("tagged more than 280 great whites, with nearly 230 of those
# tags still active"): an option counts AMOUNT_FEWER_WORDS when the words of the question's asking sentence that
# stand beside its amount are only some of those beside another's. Beside an amount are the AMOUNT_CONTEXT_WORDS
# words after it, up to the next amount, and, for the first amount of its clause, the words before it, all within
# its clause (commas, semicolons, colons, brackets and dashes end one). Amounts joined as a pair ("211 votes to 148",
# "48% versus 43%") share their words.
AMOUNT_CONTEXT_WORDS = 4
AMOUNT_FEWER_WORDS = 0.5
_CLAUSE_BREAK = re.compile(r"[,;:()—–]|\s-\s")
_PAIRED = re.compile(r"\s*(?:[A-Za-z]+\s+)?(?:to|versus|vs\.?|against|-|–)\s*", re.IGNORECASE)


def _by_their_words(sentence: str, written: list, where: dict[int, list], by_amount: dict[int, float],
                    asked: frozenset[str]) -> None:
    """Scale `by_amount` in place (see AMOUNT_FEWER_WORDS)."""
    import bisect

    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(sentence)]
    tokens = [(m.start(), m.end(), bisect.bisect(breaks, m.start()), set(stems(m.group())) & asked)
              for m in re.finditer(r"[A-Za-z][\w'’-]*", sentence)]
    ordered = sorted(written, key=lambda a: a.start)

    def beside(k: int) -> set[str]:
        amount, clause = ordered[k], bisect.bisect(breaks, ordered[k].start)
        after_end = ordered[k + 1].start if k + 1 < len(ordered) else len(sentence)
        near = [t for t in tokens if amount.end <= t[0] and t[1] <= after_end and t[2] == clause][:AMOUNT_CONTEXT_WORDS]
        if not k or bisect.bisect(breaks, ordered[k - 1].start) != clause:  # the first amount of its clause
            before_start = ordered[k - 1].end if k else 0
            near += [t for t in tokens if before_start <= t[0] and t[1] <= amount.start and t[2] == clause][
                -AMOUNT_CONTEXT_WORDS:]
        return {stem for t in near for stem in t[3]}

    words = [beside(k) for k in range(len(ordered))]
    for k in range(len(ordered) - 1):
        if _PAIRED.fullmatch(sentence[ordered[k].end:ordered[k + 1].start]):
            words[k] = words[k + 1] = words[k] | words[k + 1]
    position = {id(amount): k for k, amount in enumerate(ordered)}
    held = {i: set().union(*(words[position[id(amount)]] for amount in found)) for i, found in where.items()}
    for i, own in held.items():
        if any(own < other for j, other in held.items() if j != i):
            by_amount[i] *= AMOUNT_FEWER_WORDS


@lru_cache(maxsize=64)
def _asking_stems(question: str) -> frozenset[str]:
    """The stems of the question's last sentence, the one that asks ("How many of them voted against him?")."""
    from rag.sentences import asking_sentence

    return frozenset(stems(asking_sentence(question)))


@lru_cache(maxsize=64)
def _question_stems(question: str) -> frozenset[str]:
    return frozenset(stems(question)) if question else frozenset()


def _initials_of(option: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z][\w'’.-]*", option) if w.lower() not in ("of", "the", "and", "for", "de")]
    if len(words) < 3 or not all(w[0].isupper() for w in words):
        return ""
    return "".join(w[0] for w in words).upper()


def _initials(sentence: str, option: str, options: list[str]) -> float:
    """NEAR_MATCH when the sentence calls a name of three or more words by its initials ("UNC" for "University
    of North Carolina", "ECB" for "European Central Bank") and no other option has the same initials."""
    initials = _initials_of(option)
    if not initials or any(_initials_of(other) == initials for other in options if other != option):
        return 0.0
    return NEAR_MATCH if re.search(rf"\b{initials}\b", sentence) else 0.0


_PLACE_COMMA_REGION = re.compile(
    r"\s*(?P<place>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)\s*,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*\s*")


def _place_of_a_region(sentence: str, option: str, options: list[str]) -> float:
    """NEAR_MATCH when the sentence names the place of a "place, region" option ("Louisville, Ky." and
    "Louisville" name "Louisville, Kentucky") that no other option holds."""
    found = _PLACE_COMMA_REGION.fullmatch(option)
    if not found:
        return 0.0
    place = found["place"]
    if any(mentions(other, place) for other in options if other != option):
        return 0.0
    return NEAR_MATCH if mentions(sentence, place) else 0.0


# Words that may stand before a short name without making it part of another one ("President Biden", "the
# Avalanche", "Gov. DeSantis").
_BEFORE_A_SHORT_NAME = frozenset(
    "the a an president gov gov. governor sen sen. senator rep rep. king queen prince princess prime minister mr mr. "
    "mrs mrs. ms ms. dr dr. judge justice former chancellor secretary speaker leader coach ceo star".split()
)


def _short_name(sentence: str, option: str, options: list[str], question: str = "") -> float:
    """NEAR_MATCH when the sentence calls a named option by its last word, as news does after the first mention
    ("the Avalanche" for "Colorado Avalanche", "DeSantis said" for "Florida Gov. Ron DeSantis"): an option of two
    or more capitalised words that is not a list ("New Jersey & Oregon", "Cape Town, South Africa"), whose last
    word (four letters or more) no other option holds, standing in the sentence as a name of its own, not within
    another ("North Korea" does not name "South Korea", "White House" not "Ellen White")."""
    words = re.findall(r"[A-Za-z][\w'’.-]*", option.strip(" \"'“”‘’"))
    if len(words) < 2 or not all(w[0].isupper() for w in words) or re.search(r"[,&/]|\band\b", option):
        return 0.0
    last = words[-1].rstrip(".")
    if len(last) < 4 or any(re.search(rf"\b{re.escape(last)}\b", o, re.IGNORECASE)
                            for o in [*[o for o in options if o != option], question]):
        return 0.0  # another option's, or the question's own ("Williams" is Serena in a question about her)
    own = {w.lower().strip(",.") for w in words}

    def other_name(token: str) -> bool:
        return token[:1].isupper() and token.lower().strip(",.;:") not in own | _BEFORE_A_SHORT_NAME

    for found in re.finditer(rf"\b{re.escape(last)}\b(?:['’]s\b)?", sentence):
        before, after = sentence[: found.start()].split(), sentence[found.end() :].split()
        if (before and other_name(before[-1])) or (after and other_name(after[0])):
            continue
        return NEAR_MATCH
    return 0.0


# the peoples and adjectives of countries that are not the country's name and an ending ("German", "Dutch")
_IRREGULAR_DEMONYMS = {
    "Germany": "German Germans", "France": "French Frenchman Frenchwoman", "Netherlands": "Dutch Holland",
    "Spain": "Spanish Spaniard Spaniards", "Switzerland": "Swiss", "Denmark": "Danish Dane Danes",
    "Sweden": "Swedish Swede Swedes", "Finland": "Finnish Finn Finns", "Poland": "Polish",
    "Turkey": "Turkish Turk Turks", "Ireland": "Irish", "Scotland": "Scottish Scot Scots", "Wales": "Welsh",
    "England": "English", "Britain": "British Briton Britons", "United Kingdom": "British Briton Britons",
    "Greece": "Greek Greeks", "Philippines": "Filipino Filipinos Philippine", "Thailand": "Thai Thais",
    "Iceland": "Icelandic Icelander Icelanders", "Norway": "Norwegian Norwegians", "Peru": "Peruvian Peruvians",
    "Portugal": "Portuguese", "Lebanon": "Lebanese", "Afghanistan": "Afghan Afghans", "Saudi Arabia": "Saudi Saudis",
    "Czech Republic": "Czech Czechs", "Belgium": "Belgian Belgians", "Argentina": "Argentine Argentines",
    "Cyprus": "Cypriot Cypriots", "Honduras": "Honduran Hondurans", "Madagascar": "Malagasy",
    "New Zealand": "New Zealander New Zealanders", "Slovakia": "Slovak Slovaks", "Croatia": "Croat Croats",
    "Bangladesh": "Bangladeshi Bangladeshis", "Kyrgyzstan": "Kyrgyz", "Tajikistan": "Tajik Tajiks",
    "Uzbekistan": "Uzbek Uzbeks", "Kazakhstan": "Kazakh Kazakhs", "Luxembourg": "Luxembourgish",
}
_IRREGULAR_DEMONYM = {
    country: re.compile(rf"\b(?:{'|'.join(sorted(forms.split(), key=len, reverse=True))})\b")
    for country, forms in _IRREGULAR_DEMONYMS.items()
}


def _another_form(sentence: str, option: str) -> float:
    text = option.strip(" \"'“”‘’")
    country = _IRREGULAR_DEMONYM.get(re.sub(r"^[Tt]he\s+", "", text))
    if country is not None:  # "German" for "Germany"
        return NEAR_MATCH if country.search(sentence) else 0.0
    month_year = _MONTH_YEAR.fullmatch(text)
    if month_year:
        if re.search(rf"\b{month_year[1]}\b", sentence):
            years = set(re.findall(r"\b(?:19|20)\d\d\b", sentence))
            if not years or month_year[2] in years:
                return NEAR_MATCH
        return 0.0
    several = re.fullmatch(r"((?:[A-Z][a-z]+\s+){1,2})([A-Z][a-z]{3,})", text)
    if several:  # "Sri Lankan" for "Sri Lanka", "South African" for "South Africa"
        last = several[2].lower()
        base = last[:-1] if last[-1] in "aeoy" else last
        endings = "|".join(sorted(_DEMONYM_ENDINGS, key=len, reverse=True))
        first = re.escape(" ".join(several[1].split()))
        pattern = rf"\b{first}\s+{base[0].upper()}{re.escape(base[1:])}(?:{endings})\b"
        return NEAR_MATCH if re.search(pattern, sentence) else 0.0
    if re.fullmatch(r"[A-Z][a-z]{3,}", text):
        base = text.lower()[:-1] if text[-1] in "aeoy" else text.lower()
        for word in re.findall(r"\b[A-Z][a-z]+\b", sentence):
            lowered = word.lower()
            if lowered.startswith(base) and lowered[len(base):] in _DEMONYM_ENDINGS:
                return NEAR_MATCH
    return 0.0


_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)+")


def names_holding_options(question: str, options: list[str]) -> list[list[str]]:
    """For each option, the longer names of the question that hold it ("Colorado River" holds "Colorado" in
    "... a water shortage on the Colorado River. Which state faces the largest cuts?"): a sentence that names the
    option only within one of them does not name the option."""
    runs = [run.group().rstrip(".") for run in _CAPITALISED_RUN.finditer(question)]
    return [[run for run in runs if mentions(run, option) and normalise(run) != normalise(option)]
            for option in options]


def without_names(sentence: str, names: list[str]) -> str:
    """The sentence with each of `names` (and its possessive) taken out."""
    for name in names:
        sentence = re.sub(rf"(?<!\w){re.escape(name)}(?:['’]s)?(?!\w)", " ", sentence, flags=re.IGNORECASE)
    return sentence


def without_its_outlet(sentence: str, outlet: str) -> str:
    """The sentence without the outlet's mentions of itself as a source ("Newsom told CNN", "first provided to CNN",
    "(CNN)", "CNN has learned"): in a CNN article they do not name CNN as an answer."""
    if not outlet.strip():
        return sentence
    name = re.escape(outlet.strip())
    pattern = (rf"\b(?:told|tells|telling|to|with|according\s+to)\s+(?:the\s+)?{name}\b|\({name}\)|"
               rf"\b{name}\s+(?:has\s+|had\s+)?(?:reported|learned|obtained|confirmed|reviewed|spoke|asked)\b")
    return re.sub(pattern, " ", sentence, flags=re.IGNORECASE)

