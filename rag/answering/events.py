"""Which kind of event a sentence tells of, so that a question about one kind is not answered by another's report.

"How many people died in the Indonesian stadium crush?" asked of an archive without that crush found a 2018 report
of an earthquake on Lombok: "The death toll rose to 82 after a magnitude 7.0 earthquake rocked the Indonesian
island ...". Its names and its harm are the question's, and its event is another. A question that names a kind of
event (a crush, an earthquake, a shooting, a flood ...) is not answered by a sentence that tells of another kind and
comes from a passage that never names the asked one (`another_event`). Kinds that one event brings with it share a
family: a hurricane floods, an earthquake raises a tsunami. (A named storm other than the asked one is
rag.answering.extractive.another_storm.)
"""

from __future__ import annotations

import re
from functools import lru_cache

# family -> the words that name an event of it (nouns; "fire" alone is left out: "opened fire", "under fire")
EVENT_KINDS: dict[str, re.Pattern] = {
    family: re.compile(rf"\b(?:{words})\b", re.IGNORECASE)
    for family, words in {
        "earthquake": r"(?:earth)?quakes?|tremors?|temblors?|aftershocks?|tsunamis?",
        # (a crush, not "crush the uprising")
        "crush": r"crush(?=\s*(?:[?.,;:!)]|$|\s+(?:in|at|on|that|which|killed|left|was|has|had|victims?|site)\b))|"
                 r"crushed\s+to\s+death|crowd\s+surges?|stampedes?",
        "shooting": r"shootings?|shooters?|gunm[ae]n|gunfire|opened\s+fire",
        "storm": r"hurricanes?|typhoons?|cyclones?|tropical\s+storms?|storms?|tornado(?:e?s)?|floods?|flooding|"
                 r"floodwaters?|monsoons?|storm\s+surge",
        "wildfire": r"wildfires?|bushfires?|blazes?|(?:forest|brush|house|apartment)\s+fires?",
        "explosion": r"explosions?|bombings?|car\s+bombs?|suicide\s+bomb(?:er|ing)s?|explosive\s+devices?",
        "crash": r"(?:plane|air|airliner|helicopter|train|bus|jet)\s+crash(?:es)?|derailments?|derailed|capsi[sz]ed",
        "eruption": r"eruptions?|volcano(?:e?s)?|volcanic",
        "heat": r"heat\s*waves?",
        "drought": r"droughts?",
    }.items()
}


# how an answer names an event of each family it tells of
EVENT_SHOWN = {"storm": "storm or flood", "wildfire": "fire", "heat": "heat wave"}


@lru_cache(maxsize=256)  # (read for each sentence weighed, and for its passage)
def event_kinds(text: str) -> frozenset[str]:
    """The families of the kinds of event the text names (EVENT_KINDS)."""
    return frozenset(family for family, words in EVENT_KINDS.items() if words.search(text))


def event_shown(text: str) -> str:
    """The first family of event the text names (in the order of EVENT_KINDS), as an answer names it, with its
    article: "an earthquake", "a storm or flood"; "" for none."""
    named = event_kinds(text)
    shown = next((EVENT_SHOWN.get(family, family) for family in EVENT_KINDS if family in named), "")
    return f"{'an' if shown[:1] in tuple('aeiou') else 'a'} {shown}" if shown else ""


def event_words(text: str, families: frozenset[str]) -> list[str]:
    """The words of the text that name an event of one of the families, in the order of EVENT_KINDS, lower case."""
    found = []
    for family, words in EVENT_KINDS.items():
        if family in families and (match := words.search(text)):
            found.append(" ".join(match.group().lower().split()))
    return found


def another_event(sentence: str, passage_text: str, title: str, asked: frozenset[str]) -> bool:
    """Whether the sentence tells of another kind of event than the `asked` families (event_kinds of the question):
    it names a kind of event, none of the asked families, and neither its passage nor its headline names one of
    them."""
    if not asked:
        return False
    named = event_kinds(sentence)
    return bool(named) and not named & asked and not (event_kinds(passage_text) | event_kinds(title)) & asked
