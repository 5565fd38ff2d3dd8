"""Which kind of event a question asks about and a sentence tells of.

Two lists, for two judgements. `_EVENT_WORDS` has the kinds a question may ask about, each with every word a report
may tell it by, however loose ("storm" tells a hurricane, "fire" a wildfire): an answer whose sources hold none of
them gets a note (`events_unquoted`). `EVENT_KINDS` has families of precise nouns: evidence that names another
family than the question's is dropped (`another_event`), so a loose word ("opened fire", "under fire") must not
make one.

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
from collections.abc import Sequence
from functools import lru_cache

from rag.text import stems

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


# The kinds of event a news question asks about, each with the words by which a report may tell it (stemmed). An
# answer whose sources mention none of them is about something else than the event asked ("How many people died
# in the Indonesia stadium stampede?" answered by a volcano report). Over the 510 quiz questions asked alone, 456
# are answered, and the note comes with 2 of them, both wrong.
_EVENT_WORDS = (
    "stampede: stampede crush", "earthquake: earthquake quake tremor", "tsunami: tsunami",
    "hurricane: hurricane storm", "typhoon: typhoon storm", "cyclone: cyclone storm", "tornado: tornado twister",
    "flood: flood floods flooding floodwater floodwaters", "wildfire: wildfire wildfires fire fires blaze",
    "explosion: explosion explosions blast blasts exploded explode", "shooting: shooting shootings gunman gunfire shot",
    "stabbing: stabbing stabbed knife", "bombing: bombing bomb bombs bombed", "coup: coup",
    "riot: riot riots rioters rioting", "protest: protest protests protesters protesting demonstrators demonstration",
    "strike: strike strikes striking walkout", "eruption: eruption erupted erupt volcano",
    "landslide: landslide landslides mudslide mudslides", "avalanche: avalanche", "drought: drought",
    "heatwave: heatwave heat", "outbreak: outbreak outbreaks", "derailment: derailment derailed",
    "shipwreck: shipwreck capsized sank sinking", "hijacking: hijacking hijacked", "kidnapping: kidnapping kidnapped",
    "massacre: massacre", "invasion: invasion invaded invade", "referendum: referendum referendums",
    "impeachment: impeachment impeached", "assassination: assassination assassinated", "funeral: funeral",
    # ("How did the Pelosi attack unfold?" had listed the reports of Nancy Pelosi's Taiwan trip: its topic was
    # "Pelosi" alone)
    "attack: attack attacks attacked attacker assault assaulted",
)
_EVENTS = {stem: shown for shown, said in (entry.split(": ") for entry in _EVENT_WORDS)
           for stem in stems(shown)}
_EVENT_SAID = {shown: frozenset(stems(said)) for shown, said in (entry.split(": ") for entry in _EVENT_WORDS)}


def tells_an_event(word: str) -> bool:
    """True for a word that names a kind of event (_EVENT_WORDS: "strike", "floods", "earthquake" ...)."""
    return any(stem in _EVENTS for stem in stems(word))


def events_unquoted(question: str, passages: Sequence, cited: Sequence) -> list[str]:
    """The kinds of event the question asks about (_EVENT_WORDS: "stampede", "earthquake", "shooting" ...) that
    neither the answer's `cited` quotes (rag.answering.Citation) nor the passages of the articles they quote tell
    in any of their words; [] when there is no answer or each is there."""
    asked = list(dict.fromkeys(_EVENTS[stem] for stem in stems(question) if stem in _EVENTS))
    if not asked or not cited:
        return []
    articles = {c.article_id for c in cited}
    present = set(stems(" ".join([*(f"{c.title} {c.quote}" for c in cited),
                                  *(f"{p.title} {p.text}" for p in passages if p.article_id in articles)])))
    return [event for event in asked if not _EVENT_SAID[event] & present]
