"""Follow-up questions: a conversation's last question rewritten to stand alone before retrieval.

"And what did the South say?" after "When did North Korea blow up the liaison office?" means nothing to the
index on its own. With a language model configured it rewrites the question from the conversation's last
question and answer (prompts/condense.txt); the rewrite is kept only when it keeps the question's own key
words, so a small model cannot swap the question for another (or answer it instead). Without a model (or
when its rewrite is refused) a heuristic carries the previous question's key terms when the new one is a
follow-up: it has no key terms of its own, leans on a pronoun ("she", "they", "it"), or opens like a
continuation ("and ...", "what about ..."); a short question that names nothing gets the previous question's names
("How many people died?" after "Where did Hurricane Ian make landfall?"). "He", "she", "his" or "her" after a "who"
question is the person its answer named first ("How much did he win by?" after "Who won the Senate race?"): that
name is carried instead (with the previous question's terms only when the question has none of its own). When
the archive refers to that person by the other pronoun ("she" after "Who became prime minister after Liz Truss
resigned?", whose answer names Rishi Sunak), the person meant is the one of the previous question's names the
archive calls "she" (pronoun_of), if any.

Four follow-ups are read as a reader means them. "And Biden?" or "What about Georgia?" (a continuation that is only
a name) asks the question before again of that name: "What did Biden say (Hurricane Ian)?" after "What did DeSantis
say (Hurricane Ian)?", "Who won the Georgia Senate race?" after "Who won the Pennsylvania Senate race?" (swapped);
"And yesterday?" asks it again of that time (retimed); "Tell me more" or "What else?" asks it again, for what its
answer did not quote (asks_for_more, already_told).
"What did DeSantis say?" or "How did Biden react?" (what someone said or did, with no topic of its own) is about
what the conversation was about: the terms of the question before are carried (topic_terms). "Which outlets covered
it?" or "Give me a timeline of it" is about the story: the names the question before was about (topic_names), not
its other words ("people died").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from rag.places import is_place
from rag.text import KIND_AFTER_A_NAME, NAME_SHARE, STOPWORDS, WORD, stems, words

MAX_REWRITE_CHARS = 400

# Words that point back into the conversation.
PRONOUNS = frozenset(
    "it its they them their theirs he him his she her hers this that these those there then such latter "
    "former".split()
)
CONTINUATIONS = re.compile(
    r"^\s*(?:and|but|so|also|then|plus|or|what about|how about|what else|anything else|more)\b",
    re.IGNORECASE,
)
CONJUNCTION = re.compile(r"^\s*(?:and|but|so|also|then|plus|or)\b[\s,]*", re.IGNORECASE)
QUESTION_WORDS = frozenset("what when where who whom whose why how which did does do is are was were".split())
# Verbs so general they name no topic of their own.
LIGHT_WORDS = frozenset(
    "happen happened happens think thought mean meant tell told know knew go went come came get got make "
    "made take took give gave react reacted respond responded answer answered reply replied else".split()
)


def turns(history: Sequence) -> list[tuple[str, str]]:
    """(question, answer) pairs from a history of {"role", "content"} dicts or of (question, answer) pairs."""
    pairs: list[tuple[str, str]] = []
    for item in history or ():
        if isinstance(item, dict):
            role, content = str(item.get("role") or ""), _text(item.get("content"))
            if role == "user":
                pairs.append((content, ""))
            elif role == "assistant" and pairs:  # the last reply counts (after a notice, say)
                pairs[-1] = (pairs[-1][0], content)
        elif isinstance(item, list | tuple) and len(item) == 2:
            pairs.append((_text(item[0]), _text(item[1])))
        elif isinstance(item, str):
            pairs.append((item, ""))
    return [(q.strip(), a.strip()) for q, a in pairs if q and q.strip()]


def _text(content) -> str:
    if content is None:
        return ""
    if isinstance(content, list):
        return " ".join(_text(part) for part in content)
    if isinstance(content, dict):
        return _text(content.get("text") or content.get("content"))
    if hasattr(content, "text") and isinstance(content.text, str):  # an Answer
        return content.text
    return str(content)


def key_terms(question: str) -> list[str]:
    """The question's own topic words, as written (no stop words, question words, pronouns, light verbs): "North
    Korea" stays a name when it is carried into a follow-up."""
    out: list[str] = []
    seen: set[str] = set()
    for match in WORD.finditer(question):
        term = match.group().replace("’", "'")
        term = (term[:-2] if term.lower().endswith("'s") else term).strip(".'-")
        word = term.lower()
        if not word or word in STOPWORDS or word in QUESTION_WORDS or word in PRONOUNS or word in LIGHT_WORDS:
            continue
        if word not in seen:
            seen.add(word)
            out.append(term)
    return out


def key_stems(question: str) -> set[str]:
    return set(stems(" ".join(key_terms(question))))


def is_follow_up(question: str) -> bool:
    """True when the question leans on the conversation before it."""
    if not key_terms(question):
        return True
    if CONTINUATIONS.match(question):
        return True
    # ("this week" is a time, not a pointer back)
    return any(w in PRONOUNS for w in words(_OWN_TIME_OR_NEWS.sub(" ", question)))


# A short question that names no one and nothing ("How many people died?", at most ELLIPTIC_TERMS key terms) asked
# after one that did ("Where did Hurricane Ian make landfall?") is about what that one named, unless it names a time
# of its own or asks for the news at large ("Who died this week?", "What are the top stories?"): those start afresh,
# as does a question with more words of its own ("Who won the national chess championship?").
ELLIPTIC_TERMS = 2
_OWN_TIME_OR_NEWS = re.compile(
    r"\b(?:today|tonight|yesterday|tomorrow|(?:this|last|next|past)\s+(?:week(?:end)?|month|year|night|morning|"
    r"\w+day)|recent(?:ly)?|lately|latest|(?:19|20)\d\d|stories|headlines|news)\b",
    re.IGNORECASE,
)


def names_of(question: str) -> list[str]:
    """The question's names as written: its capitalised words but the first ("Hurricane Ian" of "Where did
    Hurricane Ian make landfall?"; the first too when it is no question word: "Ian made landfall where?")."""
    tokens = re.findall(r"[\w'’.-]+", question)
    return [t.strip(".") for i, t in enumerate(tokens)
            if t[:1].isupper() and (i > 0 or t.lower() not in QUESTION_WORDS | STOPWORDS | _ASKING_VERBS)]


# verbs a request opens with ("Summarize the coverage", "Tell me ..."), no names
_ASKING_VERBS = frozenset("tell give show list summarize summarise explain describe find compare please any".split())


# "he", "she", "his", "her": a person, the one a "who" question's answer named
PERSONAL_PRONOUNS = frozenset("he him his himself she her hers herself".split())
_WHO_ASKED = re.compile(r"\s*(?:who|whom)\b", re.IGNORECASE)
_ANSWER_HEADLINE = re.compile(r"\s*From “[^”]*”:\s*")  # (how an extractive answer opens; rag.answering.extractive)


# Words that open a sentence before a name and are none ("Though Charles automatically became king ..."): the
# archive writes them in lower case inside its sentences, so its word cases do not keep them (rag.text.WordCases)
_OPENERS = frozenset(
    "though although since unless meanwhile however still yet later earlier instead despite amid following even "
    "already indeed moreover furthermore nevertheless nonetheless thus hence therefore besides otherwise perhaps "
    "maybe likewise similarly overall ultimately eventually finally initially previously recently currently "
    "unlike like including per via whereas".split()
)


def answered_name(question: str, answer: str, cases: dict[str, list] | None = None) -> str:
    """The person the answer to a "who" question names: the first run of name words in the first sentence it quotes
    that the question does not hold ("Fetterman" of "Early on Wednesday, CNN projected that Fetterman would defeat
    Oz" for "Who won the Pennsylvania Senate race?"); "" for another question, an abstention or no name. A name
    word is capitalised, not an acronym (an outlet, a party, an agency) nor part of a name one opens ("BBC Wales"),
    a day, a month or where or of what (after "in", "of" and the like: extractive._PLACE_BEFORE);
    with the archive's word `cases` (rag.text.WordCases), one the archive capitalises inside its sentences
    (NAME_SHARE of the time: not "Early")."""
    from rag.answering.extractive import _PLACE_BEFORE, _WEEKDAYS_MONTHS

    if not _WHO_ASKED.match(question) or not answer or answer.startswith("The archive does not say"):
        return ""
    quoted = re.split(r"\s\[\d+\]", _ANSWER_HEADLINE.sub("", answer, count=1), maxsplit=1)[0]
    asked = set(words(question))
    tokens = re.findall(r"[\w'’.-]+", quoted)
    bare = [re.sub(r"(?:['’]s?|\.)$", "", token) for token in tokens]

    def capital(word: str) -> bool:  # (an initial, "J.", is one; an acronym is none)
        return word[:1].isupper() and not (len(word) > 1 and word.isupper()) \
            and word.lower() not in STOPWORDS | _OPENERS

    def proper(i: int) -> bool:  # (a first name the archive only ever opens a sentence with: by the surname after it)
        entry = cases.get(bare[i].lower()) if cases is not None else None
        return cases is None or (entry[1] >= NAME_SHARE * entry[2] if entry is not None
                                 else i + 1 < len(bare) and capital(bare[i + 1]) and proper(i + 1))

    run: list[str] = []
    before = ""
    for i, (token, word) in enumerate(zip(tokens, bare)):
        if (capital(word) and word.lower() not in asked | _WEEKDAYS_MONTHS
                and (run or (before.lower() not in _PLACE_BEFORE and not (len(before) > 1 and before.isupper())))
                and proper(i)):
            run.append(word)
            if word != token and not re.fullmatch(r"[A-Z]\.", token):
                break  # "Fetterman's", "... Oz.": the name ends there
        elif run:
            break
        before = token
    return " ".join(run)


# "she" or "he": how the archive refers to a person, from the pronoun that first follows their surname in the
# sentence naming them or the next; known from PRONOUN_SURE such mentions, PRONOUN_MARGIN times the other's
_HE = frozenset("he him his himself".split())
_SHE = frozenset("she her hers herself".split())
_PRONOUN = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)
PRONOUN_SURE = 2
PRONOUN_MARGIN = 3


def pronoun_asked(question: str) -> str:
    """"she" when the question says "she", "her", "hers" or "herself"; "he" for "he", "him", "his", "himself"; ""
    for neither or both."""
    said = set(words(question))
    she, he = bool(said & _SHE), bool(said & _HE)
    return "" if she == he else ("she" if she else "he")


def pronoun_of(name: str, texts: Sequence[str]) -> str:
    """"she", "he" or "" (not known): the pronoun `texts` use after the name's last word (its surname), counted
    over the sentences that name it: the first "he/him/his" or "she/her" in the rest of that sentence or the
    next."""
    from rag.sentences import sentence_spans

    surname = re.compile(rf"\b{re.escape(name.split()[-1])}\b") if name.split() else None
    counts = {"he": 0, "she": 0}
    for text in texts if surname else ():
        spans = sentence_spans(text)
        for i, (start, end) in enumerate(spans):
            found = surname.search(text, start, end)
            if found is None:
                continue
            after = _PRONOUN.search(text, found.end(), spans[i + 1][1] if i + 1 < len(spans) else end)
            if after is not None:
                counts["she" if after.group().lower() in _SHE else "he"] += 1
    for one, other in (("she", "he"), ("he", "she")):
        if counts[one] >= PRONOUN_SURE and counts[one] >= PRONOUN_MARGIN * counts[other]:
            return one
    return ""


def name_runs(question: str) -> list[str]:
    """The question's names, each a run of capitalised words ("Liz Truss" of "Who became prime minister after Liz
    Truss resigned?"; a possessive ends one)."""
    runs: list[list[str]] = []
    joined = True
    for i, token in enumerate(re.findall(r"[\w'’.-]+|[^\w\s]", question)):
        bare = re.sub(r"(?:['’]s?|\.)$", "", token)
        if bare[:1].isupper() and bare.lower() not in STOPWORDS and (i > 0 or bare.lower() not in QUESTION_WORDS):
            if joined and runs:
                runs[-1].append(bare)
            else:
                runs.append([bare])
            joined = bare == token
        else:
            joined = False
    return [" ".join(run) for run in runs]


def person_meant(question: str, person: str, pairs: Sequence[tuple[str, str]], previous: Sequence[str],
                 pronoun_of_name: Callable[[str], str], cases: dict[str, list] | None = None) -> str:
    """The person "she" or "he" of `question` means. `person` (whom the last answer named; "" when it named no one)
    unless the archive calls them by the other pronoun, or no one when the previous question (`previous`: the
    questions standalone) names no one the pronoun may fit. Then the latest the conversation named whom the archive
    calls by it: a "who" answer's name or a question's, latest turn first; else ""."""
    asked = pronoun_asked(question)
    if not asked or not previous:
        return person
    fits = (asked, "")
    if person and pronoun_of_name(person) in fits:
        return person
    if not person and any(pronoun_of_name(name) in fits for name in name_runs(previous[-1])):
        return person  # (the previous question's terms are carried, its person among them)
    for (asked_then, answer), standalone in zip(reversed(pairs), reversed(previous)):
        for name in (answered_name(asked_then, answer, cases), *name_runs(standalone)):
            if name and name != person and pronoun_of_name(name) == asked:
                return name
    return ""


# "What did DeSantis say?", "How did Biden react?", "What did the mayor do?": what someone said or did, asked with no
# topic of its own (nothing after the verb)
_REACTION_ASKED = re.compile(
    r"^\W*(?:what\s+(?:did|does|do|has|have|had|will|would|is|was|are|were)\s+(?P<who>.+?)\s+"
    r"(?:(?:just|really|actually|first|then|now|publicly|ever)\s+)?"
    r"(?:say|said|saying|tell|told|think|thought|do|doing|done|announce[ds]?|announcing|claim(?:ed|s)?|"
    r"promise[ds]?|warn(?:ed|s)?|want(?:ed|s)?|plan(?:ned|s)?|propose[ds]?|decide[ds]?|reply|replied|tweet(?:ed)?)"
    r"|how\s+(?:did|does|do|has|have|had|is|was|are|were)\s+(?P<whom>.+?)\s+"
    r"(?:react(?:ed|ing)?|respond(?:ed|ing)?|repl(?:y|ied|ying)|answer(?:ed)?))"
    # (of the conversation's topic: "What did Biden say about it?", "How did Ann Pryce react to that?")
    r"(?:\s+(?:about|of|on|to|regarding)\s+(?:it|this|that|them|these|those))?\W*$",
    re.IGNORECASE,
)
# "And Biden?", "What about Georgia?", "How about in Cuba?": a continuation that is only a name (with a preposition)
_SWAP_ASKED = re.compile(
    r"^\W*(?:and|but|or|also|then|so|what\s+about|how\s+about)\W+(?:(?P<prep>in|for|on|at|from|with|of|about)\s+)?"
    r"(?:the\s+)?(?P<name>[^?!.]+?)\W*$",
    re.IGNORECASE,
)
SWAP_WORDS_AT_MOST = 4
# words of a name run that say its kind, kept when a bare name takes its place: "Hurricane" of "Hurricane Ian" (for
# "And Fiona?"), "Senate" of "Pennsylvania Senate" (for "And Georgia?")
_KIND_BEFORE = frozenset("hurricane typhoon cyclone storm tropical".split())


def _core(standalone: str) -> tuple[str, str]:
    """A standalone question's own words and what was carried into it ("What did Biden say", "Hurricane Ian")."""
    match = re.fullmatch(r"(?s)(?P<core>.*?)\s*\((?P<carried>[^()]*)\)\s*\??\s*", standalone)
    return (match["core"], match["carried"]) if match else (standalone.strip().rstrip("?. "), "")


def topic_names(standalone: str) -> list[str]:
    """The names a standalone question is about: its names (names_of) less whose words it asks for ("Hurricane",
    "Ian" of "What did DeSantis say (Hurricane Ian)?")."""
    core, carried = _core(standalone)
    return names_of(carried) if _REACTION_ASKED.match(core) else names_of(standalone)


def topic_terms(standalone: str) -> list[str]:
    """The key terms of what a standalone question is about: those of what was carried into it when it asks what
    someone said ("Usk bridge closed" of "What did Rhian Powell say (Usk bridge closed)?") or its own words name
    nothing ("Rishi Sunak" of "How old is he (Rishi Sunak)?": "old" was what it asked, not what it is about), else
    its own."""
    core, carried = _core(standalone)
    return key_terms(carried) if carried and (_REACTION_ASKED.match(core) or not names_of(core)) \
        else key_terms(standalone)


def swapped(question: str, previous: str) -> str | None:
    """"And Biden?" after `previous` (standalone): the question before, its first name run (with the same
    preposition before it when one is given: "And in Cuba?", else asked of that place too) swapped for the name, its
    kind words kept; None when the question is no such continuation or the question before has no name to swap (or
    already names it). A known place (rag.places) takes the place of a place first, and of no storm; another name
    takes the place of a name that is no place first."""
    match = _SWAP_ASKED.match(question)
    if match is None:
        return None
    name = match["name"].strip()
    tokens = name.split()
    if not 0 < len(tokens) <= SWAP_WORDS_AT_MOST or name_runs(name) != [name] \
            or re.search(rf"(?<!\w){re.escape(name)}(?!\w)", previous, re.IGNORECASE):
        return None
    # (a place asked with a preposition, "in Cuba", takes the place of a name after one, or after "the": "the
    # Pennsylvania Senate race"; not of a storm's, a person's)
    before = rf"\b(?:{re.escape(match['prep'])}|the)\s+(?:the\s+)?" if match["prep"] else r"\b"
    # A known place with no preposition ("And Cuba?") takes the place of a place ("What did Biden say about
    # Ukraine?": not of Biden), else of a name that is no storm's, as "in Cuba" does; any other name ("And Fiona?")
    # takes the place of a name that is no place, if there is one ("in Florida from Hurricane Ian": of Ian).
    place = not match["prep"] and is_place(name)
    named_the = re.search(rf"\bthe\s+{re.escape(name)}", match[0], re.IGNORECASE) is not None
    runs = name_runs(previous)
    if place:
        runs = sorted(runs, key=lambda run: not (is_place(run) or re.search(
            rf"\b(?:in|at|from|near)\s+(?:the\s+)?{re.escape(run)}\b", previous)))
    elif not match["prep"] and not all(map(is_place, runs)):
        runs = sorted(runs, key=is_place)
    for run in runs:
        old = run.split()
        if (match["prep"] or place) and old[0].lower() in _KIND_BEFORE:
            continue
        spelled = r"\s+".join(map(re.escape, old))
        found = re.search(rf"{before}(?P<run>{spelled})\b", previous)
        if found is None:
            continue
        storm = len(old) > 1 and old[0].lower() in _KIND_BEFORE and tokens[0].lower() not in _KIND_BEFORE
        kind = old[0] if storm else ""
        tail = [w for w in old[1:] if w.lower() in KIND_AFTER_A_NAME and not set(words(name)) & KIND_AFTER_A_NAME]
        head = previous[: found.start("run")]
        if is_place(run) and is_place(name):  # "the UK" for "Germany" is "Germany"; "Germany" for "the UK", "the UK"
            the = re.search(r"\bthe\s+$", head, re.IGNORECASE)
            if the and not named_the:
                head = head[: the.start()]
            elif named_the and not the:
                head += "the "
        return head + " ".join([*filter(None, [kind]), name, *tail]) + previous[found.end():]
    if match["prep"] or place:  # "And in Cuba?" or "And Cuba?" after "What happened with Hurricane Ian?": there too
        core, carried = _core(previous)
        return f"{core} {(match['prep'] or 'in').lower()} {name}" + (f" ({carried})?" if carried else "?")
    return None


# "And the day before?", "What about the following week?": the time of the question before, moved back or on
_SHIFT_ASKED = re.compile(
    r"^(?:the\s+|a\s+)?(?:(?P<unit>day|night|week|month)\s+(?P<way>before|after|earlier|later|prior)"
    r"|(?P<way2>previous|next|following|prior)\s+(?P<unit2>day|night|week|month))$",
    re.IGNORECASE,
)


def _shifted(rest: str, intent, as_of) -> str | None:
    """"the day before" after a question of `intent` (its explicit window): the window a day, a week or a month
    before or after it, written as rag.dates reads it ("on 28 September 2022", "from 19 September 2022 to 25
    September 2022"); None when `rest` is no such phrase or the question before had no window."""
    match = _SHIFT_ASKED.match(rest)
    if match is None or intent.since is None or intent.until is None:
        return None
    unit = (match["unit"] or match["unit2"]).lower()
    back = (match["way"] or match["way2"]).lower() in ("before", "earlier", "prior", "previous")
    one = dt.timedelta(days=1)
    # (a day's window runs on for the reports of the days after it: the days it names end sooner)
    last = min(intent.until, intent.since + (intent.days - 1) * one) if intent.days else intent.until
    if unit in ("day", "night"):
        since = until = intent.since - one if back else last + one
    elif unit == "week":
        since, until = (intent.since - 7 * one, intent.since - one) if back else (last + one, last + 7 * one)
    else:
        since, until = (_months_on(intent.since, -1), intent.since - one) if back \
            else (last + one, _months_on(last, 1))
    until = min(until, as_of)
    if since > until:
        return None  # (the day after today: not yet in the archive)
    if since == until:
        return f"on {since.day} {since:%B} {since.year}"
    return f"from {since.day} {since:%B} {since.year} to {until.day} {until:%B} {until.year}"


def _months_on(day, months: int):
    """The same day of the month `months` later (or earlier), or that month's last day."""
    import calendar

    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def retimed(question: str, previous: str, as_of=None) -> str | None:
    """"And yesterday?", "What about last week?" after `previous` (standalone): the question before asked of that time
    instead of its own ("What happened with Hurricane Ian last week?" after "What happened with Hurricane Ian this
    week?"); "And the day before?", "What about the following week?" ask it of its own time moved back or on
    (_shifted, against `as_of`, the asking day: default today). None when the question is no continuation that is
    only a time."""
    from rag.dates import parse_time, strip_time_words

    day = as_of or dt.date.today()
    match = CONTINUATIONS.match(question)
    rest = question[match.end():].strip(" ,;?.!") if match else ""
    core, carried = _core(previous)
    before = parse_time(core, day)
    when = _shifted(rest, before, day) if rest else None
    if when is None:
        asked = parse_time(rest, day) if rest else None
        if asked is None or not asked.phrase or key_terms(strip_time_words(rest, asked)):
            return None
        when = rest
    core = strip_time_words(core, before).strip().rstrip("?. ") if before.phrase else core
    return f"{core} {when}" + (f" ({carried})?" if carried else "?")


# "Tell me more", "What else?", "Go on": the question before again, for what its answer did not quote
_MORE_ASKED = re.compile(
    r"^\W*(?:(?:and|so|ok(?:ay)?|please)\W+)?(?:(?:can|could|would)\s+you\s+)?"
    r"(?:tell\s+me\s+more|say\s+more|more(?:\s+details?)?|go\s+on|keep\s+going|continue|what\s+else|"
    r"anything\s+else|(?:give|show)\s+me\s+more)"
    r"(?:\s+(?:about|on)\s+(?:it|that|this|them))?(?:\W+please)?\W*$",
    re.IGNORECASE,
)


def asks_for_more(question: str) -> bool:
    """Whether the question only asks for more of the answer before ("Tell me more", "What else?", "Go on")."""
    return bool(_MORE_ASKED.match(question))


def already_told(question: str, history: Sequence) -> list[str]:
    """For a request for more (asks_for_more): the answers it asks beyond, the last one and, before it, each that
    answered such a request in turn, and the one those continued; [] for any other question."""
    pairs = turns(history)
    if not asks_for_more(question) or not pairs:
        return []
    last = len(pairs) - 1
    told = [pairs[last][1]]
    while last > 0 and asks_for_more(pairs[last][0]):
        last -= 1
        told.append(pairs[last][1])
    return [text for text in told if text]


def _asks_for_the_story(question: str) -> bool:
    """Whether the question asks which outlets reported something or for its timeline."""
    from rag.answering.extractive import _COVERAGE_ASKED, _TIMELINE_ASKED

    return bool(_COVERAGE_ASKED.search(question) or _TIMELINE_ASKED.search(question))


def heuristic(question: str, history: Sequence, cases: dict[str, list] | None = None,
              pronoun_of_name: Callable[[str], str] | None = None, as_of=None) -> str:
    """The question, with the previous question's key terms carried over when it is a follow-up, or its names when
    the question names nothing (see _OWN_TIME_OR_NEWS); with "he" or "she" after a "who" question, the name its
    answer gave instead (answered_name), or with `pronoun_of_name` (a name -> "he", "she" or "", from the archive)
    the previous question's name the pronoun fits when that one does not (person_meant)."""
    pairs = turns(history)
    previous = standalone_questions(pairs, cases, pronoun_of_name, as_of)
    if not previous:
        return question
    if asks_for_more(question):  # the question before again (its answer's quotes are passed over: already_told)
        return previous[-1]
    person = ""
    if PERSONAL_PRONOUNS & set(words(question)):
        person = answered_name(pairs[-1][0], pairs[-1][1], cases)
        if pronoun_of_name is not None:
            person = person_meant(question, person, pairs, previous, pronoun_of_name, cases)
    swap = None if person else (retimed(question, previous[-1], as_of) or swapped(question, previous[-1]))
    if swap is not None:
        answered = set(words(answered_name(*pairs[-1], cases)))
        if not (answered and answered <= set(words(question))):
            return swap  # (not "And Fetterman?" after "Who won ...?" was answered "Fetterman")
    if not is_follow_up(question):
        reaction = _REACTION_ASKED.match(question)
        if reaction and names_of(question) and not _OWN_TIME_OR_NEWS.search(question):
            said = set(words(question))
            carried = [term for term in topic_terms(previous[-1]) if term.lower() not in said]
            if carried:
                return f"{question.strip().rstrip('?. ')} ({' '.join(dict.fromkeys(carried))})?"
        if (names_of(question) or _OWN_TIME_OR_NEWS.search(question) or len(key_terms(question)) > ELLIPTIC_TERMS
                or not names_of(previous[-1])):
            return question
        carried = [name for name in names_of(previous[-1]) if name.lower() not in words(question)]
        return f"{question.strip().rstrip('?. ')} ({' '.join(dict.fromkeys(carried))})?"
    own = key_stems(question)
    carried = [t for t in topic_terms(previous[-1]) if not set(stems(t)) <= own]
    if _asks_for_the_story(question):  # "Which outlets covered it?": the story, by the names it was about
        carried = [t for t in dict.fromkeys(topic_names(previous[-1])) if not set(stems(t)) <= own] or carried
    if person:  # it is about them: their name alone, unless the question has no words of its own ("And her?")
        named = set(stems(person))
        carried = [person, *(t for t in carried if not set(stems(t)) <= named and not own)]
    if not carried:
        return question
    core = CONJUNCTION.sub("", question).strip(" ,;") or question
    core = core[0].upper() + core[1:]
    return f"{core.rstrip('?. ')} ({' '.join(carried)})?"


def standalone_questions(history: Sequence, cases: dict[str, list] | None = None,
                         pronoun_of_name: Callable[[str], str] | None = None, as_of=None) -> list[str]:
    """Each question of the history made standalone in turn (a follow-up of a follow-up keeps its topic)."""
    pairs = turns(history)
    out: list[str] = []
    for n, (question, _) in enumerate(pairs):
        # (each earlier question standalone, with its own answer: the one a "who" answer named is carried on)
        earlier = [(q, a) for q, (_, a) in zip(out, pairs[:n])]
        out.append(heuristic(question, earlier, cases, pronoun_of_name, as_of) if out else question)
    return out


def condense(question: str, history: Sequence, llm=None, *, hold=None, cases: dict[str, list] | None = None,
             pronoun_of_name: Callable[[str], str] | None = None, as_of=None) -> tuple[str, str]:
    """(standalone question, how: "none", "heuristic" or "llm").

    With `llm` (a rag.answering.llm.LLM) the model rewrites the question; its rewrite is used when it keeps
    every key word of the question and, for an evident follow-up, adds a topic word of its own. `hold` is a
    lock the model holds while it writes. `cases`: the archive's word cases, which tell a name in an answer
    (answered_name); `pronoun_of_name`: a name -> "he", "she" or "" as the archive refers to them (person_meant).
    `as_of`: the day asked on, against which "And the day before?" is read (retimed; default today).
    """
    pairs = turns(history)
    if not pairs:
        return question, "none"
    fallback = heuristic(question, pairs, cases, pronoun_of_name, as_of)
    if llm is not None and not asks_for_more(question):
        from rag.answering.llm import condense_messages

        rewrite = clean_rewrite(llm.complete(condense_messages(question, pairs), hold=hold))
        if rewrite and acceptable(rewrite, question, needs_topic=is_follow_up(question)):
            return rewrite, "llm"
    return fallback, ("heuristic" if fallback != question else "none")


def clean_rewrite(text: str) -> str:
    """The first line of a model's rewrite, without labels or quotes."""
    for line in (text or "").splitlines():
        line = re.sub(r"^\s*(?:rewritten|standalone)?\s*question\s*:\s*", "", line, flags=re.IGNORECASE)
        line = line.strip().strip("\"'“”‘’").strip()
        if line:
            return line[:MAX_REWRITE_CHARS]
    return ""


def acceptable(rewrite: str, question: str, *, needs_topic: bool) -> bool:
    """A rewrite keeps the question's own key words (or words sharing their stems) and, when the question is a
    follow-up, adds at least one topic word; it must not be an answer or a lecture."""
    if len(rewrite) > MAX_REWRITE_CHARS or len(rewrite.split()) > 40 or "?" not in rewrite:
        return False
    theirs = key_stems(rewrite)
    own = key_stems(question)
    if not own <= theirs:
        return False
    return bool(theirs - own) or not needs_topic
