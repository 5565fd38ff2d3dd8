"""Amounts in text ("$402 million", "six months", "two-thirds", "59.4%", "£120m"), read as numbers so that an
option ("$400 million", "6", "68%") can be matched to a sentence that words its amount differently."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rag.text import stems

_UNITS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "dozen": 12,
}  # "one" is left out: "one of the ..." is rarely an amount
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
# "for the seventh time in a row" counts seven; "first" and "second" too rarely count anything
_ORDINALS = {
    "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12,
}
_SCALES = {
    "dozen": 12.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "tn": 1e12, "m": 1e6,
    "k": 1e3,
}
_CURRENCY_WORDS = {"dollars": "$", "dollar": "$", "pounds": "£", "euros": "€", "euro": "€"}
_FRACTIONS = {"half": 50.0, "third": 100 / 3, "thirds": 100 / 3, "quarter": 25.0, "quarters": 25.0}

_WORD_NUMBER = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_AMOUNT = re.compile(
    rf"""(?P<cur>[$£€])?\s?(?:
        (?P<num>(?<![\d.,])\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|(?<![\d.,])\d+(?:\.\d+)?)(?P<attached>bn|tn|m|k)?(?P<th>st\b|nd\b|rd\b|th\b)?(?![\d])
      | \b(?P<word>{_WORD_NUMBER})(?:[- ](?P<ones>one|two|three|four|five|six|seven|eight|nine)\b)?\b
    )(?:\s?(?P<scale>thousand|million|billion|trillion)\b)?
    (?:\s?(?P<pct>%|percent\b|per\scent\b)|\s(?P<curword>dollars?|pounds|euros?)\b)?""",
    re.IGNORECASE | re.VERBOSE,
)
_FRACTION = re.compile(
    r"\b(?:(?P<n>a|one|two|three)[- ](?P<f>thirds?|quarters?)|(?:(?:a|one)[- ])?(?P<half>half))\b", re.IGNORECASE
)
# after a fraction: "of a" or "a" and a unit ("three-quarters of a percentage point", "half an hour") or a scale
# ("half a million"); "half a dozen" is six
_OF_A_UNIT = re.compile(
    r"\s+(?:of\s+)?an?\s+(?:(?P<scale>thousand|million|billion|trillion|dozen)\b|(?!(?:lot|few|bit|third|quarter|half)\b)[a-z])",
    re.IGNORECASE,
)
_CURRENCY_AFTER = re.compile(r"\s+(dollars?|pounds|euros?)\b", re.IGNORECASE)
_ORDINAL = re.compile(rf"\b(?P<ord>{'|'.join(_ORDINALS)})\b", re.IGNORECASE)
NEAR = 0.035
_HEDGES = {"more", "than", "about", "nearly", "almost", "over", "under", "around", "approximately", "roughly",
           "some", "up", "to", "of", "a", "an", "the", "just", "at", "least"}


@dataclass(frozen=True)
class Amount:
    value: float
    kind: str  # "%", "$", "£", "€" or "count"
    start: int
    end: int
    exact_only: bool = False  # a year ("2022") or an ordinal: matched only to the same number
    ordinal: bool = False  # "seventh": counts seven, less surely than "seven"

    def looks_like_year(self) -> bool:
        return self.kind == "count" and self.value.is_integer() and 1900 <= self.value <= 2100


def amounts(text: str) -> list[Amount]:
    """Every amount written in the text, in order."""
    found: list[Amount] = []
    taken: list[tuple[int, int]] = []
    for match in _FRACTION.finditer(text):
        if match["half"]:
            value = 50.0
        else:
            count = 1 if match["n"].lower() in ("a", "one") else _ONES[match["n"].lower()]
            value = count * _FRACTIONS[match["f"].lower()]
            if match["f"].lower().endswith("s") and count == 1:
                continue  # "a thirds" is not a fraction
        unit = _OF_A_UNIT.match(text, match.end())
        if unit and unit["scale"]:  # "half a million": a count; "half a million dollars": dollars
            currency = _CURRENCY_AFTER.match(text, unit.end())
            kind = _CURRENCY_WORDS[currency[1].lower()] if currency else "count"
            end = currency.end() if currency else unit.end()
            found.append(Amount(value / 100 * _SCALES[unit["scale"].lower()], kind, match.start(), end))
        elif unit:  # "three-quarters of a percentage point", "half an hour": that much of the unit
            found.append(Amount(value / 100, "count", match.start(), match.end()))
        else:  # "two-thirds of adults": a share
            found.append(Amount(value, "%", match.start(), match.end()))
        taken.append((match.start(), found[-1].end if unit and unit["scale"] else match.end()))
    for match in _AMOUNT.finditer(text):
        if not (match["num"] or match["word"]) or any(s < match.end() and match.start() < e for s, e in taken):
            continue
        if match["num"]:
            value = float(match["num"].replace(",", ""))
            raw = match["num"]
        else:
            value = float({**_UNITS, **_TENS}[match["word"].lower()])
            if match["ones"] and match["word"].lower() in _TENS:
                value += _ONES[match["ones"].lower()]
            raw = ""
        currency = match["cur"] or _CURRENCY_WORDS.get((match["curword"] or "").lower())
        attached = (match["attached"] or "").lower()
        if attached and (currency or attached in ("bn", "tn")):
            value *= _SCALES[attached]
        elif attached:
            continue  # "5m" without a currency is more often metres than millions
        if match["scale"]:
            value *= _SCALES[match["scale"].lower()]
        kind = "%" if match["pct"] else currency or "count"
        start = match.start("cur") if match["cur"] else match.start("num") if match["num"] else match.start("word")
        if match["th"]:  # "the 118th sighting", "his 20th title"
            found.append(Amount(value, "count", start, match.end("th"), exact_only=True, ordinal=True))
            continue
        year = kind == "count" and bool(raw) and raw.isdigit() and len(raw) == 4 and not match["scale"]
        found.append(Amount(value, kind, start, match.end(), exact_only=year))
    for match in _ORDINAL.finditer(text):
        found.append(Amount(float(_ORDINALS[match["ord"].lower()]), "count", match.start(), match.end(), True, True))
    return sorted(found, key=lambda a: a.start)


@lru_cache(maxsize=256)
def option_amount(option: str) -> tuple[Amount, tuple[str, ...]] | None:
    """(the amount, the option's other words, stemmed) when the option is one amount and a few words ("Nine years",
    "More than 124,000", "$400 million", "68%"); None otherwise ("6 months to 6 years", "Taiwan")."""
    found = amounts(option)
    if len(found) != 1:
        return None
    amount = found[0]
    rest = option[: amount.start] + " " + option[amount.end :]
    words = [w for w in re.findall(r"[a-z]+", rest.lower()) if w not in _HEDGES]
    if len(words) > 2:
        return None  # a phrase that happens to hold a number: matched as words
    return amount, tuple(stems(" ".join(words), keep_stopwords=True))


def close(option: Amount, written: Amount) -> bool:
    """The written amount is within 3.5% of the option's ("$402 million" of "$400 million", two-thirds of 68%)."""
    return option.value > 0 and abs(option.value - written.value) / option.value <= NEAR
