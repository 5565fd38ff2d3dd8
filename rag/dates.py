"""Time language in a news question -> a date window or a recency preference.

Everything is resolved in code against ``as_of`` (the day the question is asked),
never by a model. News is published before the question is asked, so no window
ever extends past ``as_of``; weeks start on Monday.

Regexes find candidate phrases (only these small pieces are ever interpreted;
the whole question is never handed to a date parser, which would find dates in
random words). Every candidate is resolved to a window; overlapping candidates
keep the longest phrase; among the rest the most specific explicit window wins
(smallest nominal span), otherwise the most specific vague word.

``dateparser`` is imported lazily, only for all-numeric dates such as
``16/06/2020`` or ``06.16.2020``, whose day/month order it knows how to guess.
Every other form is resolved by the small amount of calendar code below.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

__all__ = ["TimeIntent", "parse_time", "strip_time_words"]

EXPLICIT = "explicit"
VAGUE = "vague"
NONE = "none"


@dataclass(frozen=True)
class TimeIntent:
    """What the time words of a question ask for.

    since / until: inclusive bounds on an article's published date (explicit only).
    kind: "explicit" (filter on the window), "vague" (re-rank by recency) or "none".
    recency_days: for vague, a half-life-ish scale in days for a recency prior; else None.
    phrase: the matched words as they appear in the question, "" for none.
    """

    since: date | None
    until: date | None
    kind: str
    recency_days: float | None
    phrase: str
    # explicit only: how many days it names (1 for "on June 16", though its window runs on for the reports of the
    # three days after it)
    days: int | None = field(default=None, compare=False)

    @property
    def day(self) -> date | None:
        """The one day an explicit window names ("yesterday", "on June 16"), else None."""
        return self.since if self.kind == EXPLICIT and self.days == 1 else None

    def as_filter(self) -> tuple[date | None, date | None]:
        """(since, until) for an explicit window, (None, None) otherwise."""
        if self.kind == EXPLICIT:
            return (self.since, self.until)
        return (None, None)


_NO_INTENT = TimeIntent(None, None, NONE, None, "")


class _LazyRe:
    """A regex compiled on first use, so that importing this module stays cheap."""

    __slots__ = ("_pattern", "_compiled")

    def __init__(self, pattern: str) -> None:
        self._pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str):
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, re.I)
        return getattr(self._compiled, name)


# --------------------------------------------------------------------------- #
# Vocabulary
# --------------------------------------------------------------------------- #

_MONTH_NUM = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAY_NUM = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "fourteen": 14, "thirty": 30, "twenty-four": 24,
    "forty-eight": 48, "couple": 2, "few": 3, "several": 5,
}
# "A few weeks ago" and the like: how many units back, at least and at most.
_LOOSE_COUNT = {"couple": (1, 3), "few": (2, 5), "several": (3, 8)}
# Vague words -> recency scale in days.
_VAGUE_DAYS = {
    "latest": 7.0, "most recent": 7.0, "most recently": 7.0, "newest": 7.0,
    "recently": 14.0, "recent": 14.0, "lately": 14.0,
    "currently": 30.0, "current": 30.0, "now": 30.0, "right now": 30.0,
    "nowadays": 30.0, "these days": 30.0, "at the moment": 30.0,
    "at present": 30.0, "presently": 30.0,
    # a time to come: what will happen is reported before it, so the newest reports tell it ("Apple is expected to
    # unveil a new phone early next month": last week's reports, not March's of another launch)
    "tomorrow": 7.0, "next week": 7.0, "later this week": 7.0, "in the coming days": 7.0, "in the days ahead": 7.0,
    "soon": 14.0, "upcoming": 14.0, "next month": 14.0, "later this month": 14.0, "in the coming weeks": 14.0,
    "in the weeks ahead": 14.0, "next year": 30.0, "in the coming months": 30.0, "in the months ahead": 30.0,
}
_RECENT_UNIT_DAYS = {"days": 7.0, "weeks": 21.0, "months": 90.0, "years": 365.0}

# --------------------------------------------------------------------------- #
# Regex building blocks (all matched case-insensitively)
# --------------------------------------------------------------------------- #

_FULL_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october"
    r"|november|december)(?![a-z])"
)
_MONTH = (
    r"(?:(?:january|february|march|april|may|june|july|august|september|october"
    r"|november|december)(?![a-z])"
    r"|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?:\.|(?![a-z])))"
)
_DAY = r"(?<!\d)(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9a-z])"
_YEAR = r"(?<!\d)(?:19|20)\d{2}(?!\d)"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?![a-z])(?!\.[a-z])"
_NUM = (
    r"(?:\d{1,3}|a\s+few|a\s+couple(?:\s+of)?|couple(?:\s+of)?|few|several|an?|one|two"
    r"|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|thirty"
    r"|twenty-four|forty-eight)(?![a-z])"
)
# "last week of June", "the last year of his term": not the calendar unit before as_of.
_NOT_OF = (
    r"(?!\s+of\s+(?:the|his|her|their|its|this|that|an?|[a-z]+['’]s|"
    + _FULL_MONTH + "|" + _YEAR + r")(?![a-z]))"
)
_YEAR_SUFFIX = r"(?:,?\s+(?:of\s+)?(?P<sfx>last|this)\s+year(?![a-z]))"

# Holidays and days of the US news calendar, dated by _HOLIDAY_DATES. Shopping days ("Black Friday") are left
# out: questions name them as events more than as days.
_HOLIDAY = (
    r"(?:new\s+year['’]?s(?:\s+(?:eve|day))?|valentine['’]?s\s+day|easter(?:\s+sunday)?"
    r"|martin\s+luther\s+king(?:\s+jr\.?)?\s+day|mlk\s+day|presidents['’]?\s+day|mother['’]?s\s+day"
    r"|memorial\s+day|father['’]?s\s+day|juneteenth|independence\s+day|the\s+fourth\s+of\s+july"
    r"|labou?r\s+day|halloween|election\s+day|veterans['’]?\s+day|thanksgiving(?:\s+day)?"
    r"|christmas(?:\s+(?:eve|day))?|boxing\s+day)(?![a-z])"
)

# Point expressions: a day, a month, a year, a week ... (order matters: at one
# start position the first alternative that matches is taken).
_POINT_ALTS: list[tuple[str, str]] = [
    ("iso", r"(?P<y>(?:19|20)\d{2})[-/](?P<m>0?[1-9]|1[0-2])[-/](?P<d>3[01]|[12]\d|0?[1-9])(?!\d)"),
    ("numeric", r"(?<![\d./])\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d{2}(?![\d])"),
    ("day_md", rf"(?P<mon>{_MONTH})\s+(?P<day>{_DAY})(?:,?\s+(?P<y>{_YEAR})|{_YEAR_SUFFIX})?"),
    ("day_dm", rf"(?:the\s+)?(?P<day>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH})(?:,?\s+(?P<y>{_YEAR})|{_YEAR_SUFFIX})?"),
    ("month_year", rf"(?P<mon>{_MONTH})(?:,?\s+|\s+of\s+)(?P<y>{_YEAR})"),
    ("last_month", rf"(?P<w>last|this\s+past|past)\s+(?P<mon>{_FULL_MONTH})"),
    ("weekday", rf"(?:(?P<w>last|this\s+past|this|past)\s+)?(?P<wd>{_WEEKDAY})"
                rf"(?:\s+(?:of\s+)?(?P<wk>last|this)\s+week(?![a-z]))?"),
    ("weekend", r"(?:(?:over|at)\s+)?(?P<w>the|this\s+past|this|last|past)\s+weekend(?![a-z])"),
    ("ago", rf"(?P<n>{_NUM})\s+(?P<u>days?|weeks?|months?|years?)\s+ago(?![a-z])"),
    ("holiday", rf"(?:(?P<w>last|this\s+past|this|past)\s+)?(?P<h>{_HOLIDAY})(?:,?\s+(?P<y>{_YEAR}))?"),
    ("season", rf"(?:(?P<w>this\s+past|this|last|past)\s+|the\s+)?(?P<s>spring|summer|autumn|fall|winter)"
               rf"(?![a-z])(?:,?\s+(?:of\s+)?(?P<y>{_YEAR}))?(?!\s+of\s+(?!(?:19|20)\d\d))"),
    ("quarter", rf"(?:(?P<qr>this|last|previous|past)\s+quarter(?![a-z])|q(?P<qn>[1-4])(?![a-z0-9])"
                rf"|(?:the\s+)?(?P<qw>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter(?![a-z]))"
                rf"(?:,?\s+(?:of\s+)?(?P<y>{_YEAR}))?(?!\s+of\s+(?!(?:19|20)\d\d))"),
    ("relative", r"(?P<rel>today|tonight|this\s+(?:morning|afternoon|evening)"
                 r"|(?:the\s+)?day\s+before\s+yesterday|yesterday|last\s+night"
                 r"|(?:the\s+)?week\s+before\s+last(?=\s*(?:[?.,;:!)]|$)"  # not "... before last year's ..."
                 r"|\s+(?:in|at|on|and|or|when|for|to|after|with|from|by|as|but|that)\s)"
                 r"|(?:this|last|previous)\s+(?:week|month|year)"
                 r"|(?:the\s+)?year[\s-]+to[\s-]+date|ytd|the\s+(?:current\s+)?year(?!\s+(?:19|20)\d\d))(?![a-z])"
                 + _NOT_OF),
    ("month_only", rf"(?P<mon>{_FULL_MONTH}){_YEAR_SUFFIX}?"),
    ("year_only", rf"(?:the\s+year\s+)?(?P<y>{_YEAR})(?![a-z0-9])(?!['’]?s\b)(?!\s*[-–/]\s*\d)"),
]
_POINT_RX = [(name, _LazyRe(pat)) for name, pat in _POINT_ALTS]
_POINT = "(?:" + "|".join(re.sub(r"\(\?P<\w+>", "(?:", p) for _, p in _POINT_ALTS) + ")"

_MOD = (
    r"(?:(?:early|mid|late)(?:\s+|-)"
    r"|(?:the\s+)?(?:end|beginning|start|middle|rest|first\s+half|second\s+half"
    r"|(?:first|second|third|fourth|last)\s+week|month)\s+of\s+"
    r"|earlier\s+|so\s+far\s+)"
)

# "in June 2020", "on Tuesday", "yesterday", "the first week of May", ...
_AT_RX = _LazyRe(
    rf"(?<![\w])(?:(?P<op>in|during|throughout|over|on|of|for)\s+)?(?P<mod>{_MOD})?(?P<p>{_POINT})"
)
# "since March", "before 2020", "until June 16" ...
_BOUND_RX = _LazyRe(
    rf"(?<![\w])(?P<op>since|after|before|prior\s+to|until|till|up\s+until|up\s+to)\s+(?P<mod>{_MOD})?(?P<p>{_POINT})"
)
# "between May and July 2022", "from 1 May to 3 June 2022", "between 5 and 10 June"
_RANGE_RX = _LazyRe(
    rf"(?<![\w])(?:between|from)\s+(?P<a>{_POINT}|{_DAY})"
    rf"(?:\s+(?:and|to|until|till|through|thru)\s+|\s*[-–—]\s*)(?P<b>{_POINT})"
)
# "the past week", "last 7 days", "over the last month", "past 24 hours"
_ROLLING_RX = _LazyRe(
    rf"(?<![\w])(?:(?:over|in|during|within|for|throughout|from)\s+)?(?P<the>the\s+)?"
    rf"(?P<w>past|last|previous|preceding|this\s+past)\s+(?:(?P<n>{_NUM})\s+)?"
    rf"(?P<u>hours?|days?|weeks?|fortnight|months?|years?)(?![a-z]){_NOT_OF}"
)
_VAGUE_RX = _LazyRe(
    r"(?<![\w-])(?:(?P<ru>(?:(?:in|over|during)\s+)?recent\s+(?P<u>days|weeks|months|years))"
    r"|most\s+recent(?:ly)?|latest|newest|recently|recent|lately|currently"
    r"|current(?!\s+accounts?\b)|right\s+now|nowadays|now|these\s+days|at\s+the\s+moment"
    r"|at\s+present|presently|tomorrow|(?<!\bhow\s)(?<!\bas\s)soon(?!\s+as\b)|upcoming"
    r"|next\s+(?:week|month|year)|later\s+this\s+(?:week|month)"
    r"|in\s+the\s+(?:coming\s+(?:days|weeks|months)|(?:days|weeks|months)\s+ahead))(?![\w-])"
)

_DAY_NUM_RX = _LazyRe(_DAY)
_WEEKDAY_RX = _LazyRe(_WEEKDAY)
# Names and events that contain a weekday but are not "the most recent such day".
_WEEKDAY_BEFORE_RX = _LazyRe(
    r"(?:\b(?:black|good|super|cyber|ash|holy|maundy|easter|giving|bloody|whit|shrove"
    r"|palm|fat|plough|small\s+business)|\b(?:mail|independent|observer)\s+on)\s+$"
)
_WEEKDAY_AFTER_RX = _LazyRe(
    r"\s+(?:times|telegraph|mirror|express|post|herald|mail|independent|tribune|sport"
    r"|people|night\s+live|night\s+football|school|league)\b"
)
_DETERMINER_BEFORE_RX = _LazyRe(r"\b(?:the|a|an|his|her|their|its|our|my|your|that|final)\s+$")
# A day without a year followed by a common noun names an event ("the January 6 committee", "the Jan. 6 attack",
# "the July 4 parade"): it may be of another year, what is asked about it need not be from that day, and the
# words stay in the search. Case-sensitive.
_NOUN_AFTER_RX = re.compile(r"\s+([a-z][a-z-]*)(?![\w'’])")
# ... unless that word is a function word or one more time word ("June 16 at noon", "the July 4 weekend").
_NOT_A_NOUN = frozenset(
    """a an the and or but nor of in on at by for from to with as than then when while where who whom whose which
    what that this these those is are was were be been being has have had do does did will would can could shall
    should may might must not no so if after before since until till during about over under between through into
    onto upon via per vs weekend holiday holidays morning afternoon evening night eve midnight noon""".split()
)

_COMPARED_WITH_RX = _LazyRe(
    r"\b(?:than|from|compared\s+(?:to|with)|versus|vs\.?|more\s+than|nearly|almost|about|around|some)\s+$"
)

_BIG = 10**6  # "granularity" of an open-ended window


# --------------------------------------------------------------------------- #
# Calendar helpers
# --------------------------------------------------------------------------- #

def _month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _recent_month(month: int, ref: date, strict: bool = False) -> int:
    """Year of the most recent `month` not after ref (strict: before ref's month)."""
    if month < ref.month or (month == ref.month and not strict):
        return ref.year
    return ref.year - 1


def _recent_day(month: int, day: int, ref: date) -> date | None:
    """Most recent month/day on or before ref (Feb 29 looks back to a leap year)."""
    for year in range(ref.year, ref.year - 9, -1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if d <= ref:
            return d
    return None


# A day or month named without a year that falls within UPCOMING_DAYS after as_of, in a question that looks
# ahead ("prices cut through July 4 weekend" asked on July 1; "is slashing flights during November" asked in
# August), is the coming one: coverage of it is published before it, so it names no window. Otherwise ("what
# happened on June 16?" asked on June 10) last year's is meant. A release or an opening said in the present tense
# looks ahead too ("The Crown, which premieres on November 9" asked on October 21: this year's November 9).
UPCOMING_DAYS = 92
_LOOKS_AHEAD_RX = _LazyRe(
    r"\b(?:will|won't|going to|upcoming|plans? to|set to|expected to|scheduled|slated|(?:is|are) \w+ing"
    r"|premieres|debuts|airs|opens|launches|kicks off|goes on sale|hits (?:theaters|theatres|shelves|stores)"
    r"|takes effect|comes into force)\b"
)
_AHEAD_OF_RX = _LazyRe(r"\b(?:through|thru|by|ahead of)\s+(?:the\s+)?$")


def _upcoming(point: _Point, as_of: date, ref: date) -> bool:
    """The yearless day, month, holiday or season resolved to last year's, but this year's lies just ahead."""
    if not point.yearless or ref != as_of:
        return False
    if point.form in ("holiday", "season"):
        return point.ahead is not None and as_of < point.ahead <= as_of + timedelta(days=UPCOMING_DAYS)
    if point.form not in ("day", "month_only"):
        return False
    try:
        ahead = point.start.replace(year=as_of.year)
    except ValueError:  # Feb 29
        return False
    return as_of < ahead <= as_of + timedelta(days=UPCOMING_DAYS)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th `weekday` (0 = Monday) of the month; n = -1 for the last one."""
    if n < 0:
        last = date(year, month, calendar.monthrange(year, month)[1])
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


_HOLIDAY_DATES: dict[str, Callable[[int], date]] = {
    "new years": lambda y: date(y, 1, 1),
    "new years day": lambda y: date(y, 1, 1),
    "new years eve": lambda y: date(y, 12, 31),
    "valentines day": lambda y: date(y, 2, 14),
    "easter": _easter,
    "easter sunday": _easter,
    "mlk day": lambda y: _nth_weekday(y, 1, 0, 3),
    "martin luther king day": lambda y: _nth_weekday(y, 1, 0, 3),
    "presidents day": lambda y: _nth_weekday(y, 2, 0, 3),
    "mothers day": lambda y: _nth_weekday(y, 5, 6, 2),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "fathers day": lambda y: _nth_weekday(y, 6, 6, 3),
    "juneteenth": lambda y: date(y, 6, 19),
    "independence day": lambda y: date(y, 7, 4),
    "fourth of july": lambda y: date(y, 7, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "halloween": lambda y: date(y, 10, 31),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + timedelta(days=1),  # the Tuesday after 1st Monday
    "veterans day": lambda y: date(y, 11, 11),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "christmas eve": lambda y: date(y, 12, 24),
    "christmas": lambda y: date(y, 12, 25),
    "boxing day": lambda y: date(y, 12, 26),
}


# Other countries' independence days, by the country's name or its people's: "What happened in Brazil on
# independence day?" asks for September 7, not July 4. None: a day that moves with another calendar (Israel's),
# so the words name no window. A question naming no country (or the US) keeps July 4.
_NATIONAL_DAYS: dict[str, tuple[int, int] | None] = {
    "brazil": (9, 7), "brazilian": (9, 7), "mexico": (9, 16), "mexican": (9, 16), "india": (8, 15),
    "indian": (8, 15), "pakistan": (8, 14), "pakistani": (8, 14), "ukraine": (8, 24), "ukrainian": (8, 24),
    "indonesia": (8, 17), "indonesian": (8, 17), "philippines": (6, 12), "philippine": (6, 12), "filipino": (6, 12),
    "nigeria": (10, 1), "nigerian": (10, 1), "ghana": (3, 6), "ghanaian": (3, 6), "kenya": (12, 12),
    "kenyan": (12, 12), "argentina": (7, 9), "argentine": (7, 9), "argentinian": (7, 9), "colombia": (7, 20),
    "colombian": (7, 20), "peru": (7, 28), "peruvian": (7, 28), "chile": (9, 18), "chilean": (9, 18),
    "venezuela": (7, 5), "venezuelan": (7, 5), "algeria": (7, 5), "algerian": (7, 5), "bangladesh": (3, 26),
    "bangladeshi": (3, 26), "sri lanka": (2, 4), "sri lankan": (2, 4), "vietnam": (9, 2), "vietnamese": (9, 2),
    "poland": (11, 11), "polish": (11, 11), "finland": (12, 6), "finnish": (12, 6), "greece": (3, 25),
    "greek": (3, 25), "jamaica": (8, 6), "jamaican": (8, 6), "haiti": (1, 1), "haitian": (1, 1),
    "belarus": (7, 3), "belarusian": (7, 3), "estonia": (2, 24), "estonian": (2, 24), "latvia": (11, 18),
    "latvian": (11, 18), "moldova": (8, 27), "moldovan": (8, 27), "armenia": (9, 21), "armenian": (9, 21),
    "kazakhstan": (12, 16), "south sudan": (7, 9), "zimbabwe": (4, 18), "tanzania": (12, 9), "uganda": (10, 9),
    "senegal": (4, 4), "tunisia": (3, 20), "lebanon": (11, 22), "lebanese": (11, 22), "malta": (9, 21),
    "cyprus": (10, 1), "israel": None, "israeli": None,
    "america": (7, 4), "american": (7, 4), "united states": (7, 4), "u.s.": (7, 4), "us": (7, 4),
}
_NATION_RX = _LazyRe(
    r"(?<![\w.])(" + "|".join(sorted((re.escape(k) for k in _NATIONAL_DAYS), key=len, reverse=True))
    + r")(?:s|['’]s)?(?![\w])"
)
_OWNER_BEFORE_RX = _LazyRe(r"(?:(?<![\w.])(?:" + "|".join(re.escape(k) for k in _NATIONAL_DAYS)
                           + r")(?:['’]s)?|\bits|\btheir)(?:\s+\d+(?:st|nd|rd|th))?\s+$")


def _national_day(question: str, start: int, end: int) -> tuple[int, int] | None | bool:
    """The month and day of the independence day at question[start:end]: of the country named nearest to it;
    None if that country's day moves; False if the question names no country."""
    nearest = None
    for m in _NATION_RX.finditer(question):
        if m.group(1).lower() == "us" and m.group(1) != "US":
            continue  # the pronoun ("What did Brazil's president tell us on independence day?")
        gap = start - m.end() if m.end() <= start else m.start() - end
        if gap >= 0 and (nearest is None or gap < nearest[0]):
            nearest = (gap, m.group(1).lower())
    return False if nearest is None else _NATIONAL_DAYS[nearest[1]]


def _holiday_key(text: str) -> str:
    key = re.sub(r"['’.]", "", text.lower())
    key = re.sub(r"\s+", " ", key).strip()
    key = re.sub(r"^the ", "", key)
    key = re.sub(r" jr(?= day$)", "", key).replace("labour", "labor")
    return re.sub(r" day$", "", key) if key in ("thanksgiving day", "christmas day") else key


# Meteorological seasons (northern hemisphere): the month each starts in; each lasts three months.
_SEASON_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def _season_bounds(first_month: int, year: int) -> tuple[date, date]:
    """The season that starts in `first_month` of `year` (winter runs into the next year)."""
    end_month = first_month + 2
    end_year, end_month = (year + 1, end_month - 12) if end_month > 12 else (year, end_month)
    return date(year, first_month, 1), _month_bounds(end_year, end_month)[1]


def _months_back(d: date, months: int) -> date:
    """The same day `months` months earlier (the month's last day when it is shorter)."""
    index = d.year * 12 + d.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def _recent_weekday(weekday: int, ref: date, strict: bool) -> date:
    delta = (ref.weekday() - weekday) % 7
    if strict and delta == 0:
        delta = 7
    return ref - timedelta(days=delta)


def _count_word(text: str) -> str:
    """The count as one lower-case word or digits: "a couple of" -> "couple", "A few" -> "few"."""
    t = re.sub(r"\s+", " ", text.strip().lower())
    t = re.sub(r"^a (?=few|couple)", "", t)
    return re.sub(r" of$", "", t)


def _number(text: str) -> int:
    t = _count_word(text)
    return int(t) if t.isdigit() else _NUMBER_WORDS[t]


def _day_num(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def _dateparser_day(text: str, ref: date) -> date | None:
    """All-numeric dates (day/month order is a guess best left to dateparser)."""
    try:
        import dateparser  # slow import: only here, only when needed
    except ImportError:  # pragma: no cover - dateparser is a declared dependency
        return None
    settings = {
        "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": datetime(ref.year, ref.month, ref.day),
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    parsed = dateparser.parse(text, settings=settings, languages=["en"])
    return parsed.date() if parsed is not None else None


# --------------------------------------------------------------------------- #
# Points: a phrase naming a day, week, month or year
# --------------------------------------------------------------------------- #

@dataclass(frozen=True)
class _Point:
    start: date
    end: date            # nominal end (may lie after as_of; clipped later)
    form: str            # which _POINT_ALTS entry matched
    extend: int = 0      # days of follow-up coverage to add when the point is the window
    yearless: bool = False  # resolved relative to `ref` (can be re-anchored)
    absolute: bool = False  # names a calendar date/month/year outright
    ahead: date | None = None  # for a yearless holiday or season, a weekday or weekend: its coming occurrence


def _resolve_point(text: str, as_of: date, ref: date) -> _Point | None:
    for name, rx in _POINT_RX:
        m = rx.fullmatch(text)
        if m is not None:
            return _POINT_RESOLVERS[name](m, as_of, ref)
    return None


def _point_at(question: str, m: re.Match, group: str, as_of: date, ref: date) -> _Point | None:
    """The point of m's `group`, an independence day taken as that of the country the question names."""
    point = _resolve_point(m[group], as_of, ref)
    if point is None or point.form != "holiday":
        return point
    hm = dict(_POINT_RX)["holiday"].fullmatch(m[group])
    if _holiday_key(hm["h"]) != "independence day":
        return point
    day = _national_day(question, *m.span(group))
    if day is False:
        return point
    if day is None:
        return None
    return _p_holiday(hm, as_of, ref, lambda y: date(y, *day))


def _p_iso(m: re.Match, as_of: date, ref: date) -> _Point | None:
    try:
        d = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return _Point(d, d, "iso", extend=3, absolute=True)


def _p_numeric(m: re.Match, as_of: date, ref: date) -> _Point | None:
    d = _dateparser_day(m.group(), ref)
    return None if d is None else _Point(d, d, "numeric", extend=3, absolute=True)


def _p_day(m: re.Match, as_of: date, ref: date) -> _Point | None:
    month = _MONTH_NUM[m["mon"].lower().rstrip(".")]
    day = _day_num(m["day"])
    if m["y"]:
        try:
            d = date(int(m["y"]), month, day)
        except ValueError:
            return None
        return _Point(d, d, "day", extend=3, absolute=True)
    if m["sfx"]:
        year = as_of.year if m["sfx"].lower() == "this" else as_of.year - 1
        try:
            d = date(year, month, day)
        except ValueError:
            return None
        return _Point(d, d, "day", extend=3, absolute=True)
    d = _recent_day(month, day, ref)
    if d is None:
        return None
    return _Point(d, d, "day", extend=3, yearless=True, absolute=True)


def _p_month_year(m: re.Match, as_of: date, ref: date) -> _Point:
    start, end = _month_bounds(int(m["y"]), _MONTH_NUM[m["mon"].lower().rstrip(".")])
    return _Point(start, end, "month_year", absolute=True)


def _p_last_month(m: re.Match, as_of: date, ref: date) -> _Point:
    month = _MONTH_NUM[m["mon"].lower()]
    start, end = _month_bounds(_recent_month(month, ref, strict=True), month)
    return _Point(start, end, "last_month")


def _p_month_only(m: re.Match, as_of: date, ref: date) -> _Point:
    month = _MONTH_NUM[m["mon"].lower()]
    if m["sfx"]:
        year = as_of.year if m["sfx"].lower() == "this" else as_of.year - 1
        start, end = _month_bounds(year, month)
        return _Point(start, end, "month_only", absolute=True)
    start, end = _month_bounds(_recent_month(month, ref), month)
    return _Point(start, end, "month_only", yearless=True, absolute=True)


def _p_year_only(m: re.Match, as_of: date, ref: date) -> _Point:
    year = int(m["y"])
    return _Point(date(year, 1, 1), date(year, 12, 31), "year_only", absolute=True)


def _p_weekday(m: re.Match, as_of: date, ref: date) -> _Point:
    weekday = _WEEKDAY_NUM[m["wd"].lower()]
    which = re.sub(r"\s+", " ", (m["w"] or "").lower())
    week = (m["wk"] or "").lower()
    base = ref
    if week == "last":
        base = _monday(as_of) - timedelta(days=1)  # Sunday ending last week
    elif week == "this":
        base = as_of
    # "last Tuesday" asked on a Tuesday is a week ago; "on Tuesday" is today.
    d = _recent_weekday(weekday, base, strict=which in ("last", "past", "this past"))
    plain = not week and which in ("", "this")
    ahead = d + timedelta(days=7) if plain and d < as_of else None  # "on Sunday" asked on a Thursday: next one?
    return _Point(d, d, "weekday", extend=3, yearless=plain, ahead=ahead)


def _p_weekend(m: re.Match, as_of: date, ref: date) -> _Point:
    which = re.sub(r"\s+", " ", m["w"].lower())
    saturday = _recent_weekday(5, as_of, strict=False)
    if which in ("last", "past") and as_of.weekday() >= 5:
        saturday -= timedelta(days=7)  # asked during a weekend: the one before
    # "this weekend" asked on a weekday: the coming one, if the question looks ahead
    ahead = saturday + timedelta(days=7) if which in ("the", "this") and as_of.weekday() < 5 else None
    # Weekend news runs into Monday's papers: one extra day.
    return _Point(saturday, saturday + timedelta(days=1), "weekend", extend=1, ahead=ahead)


def _p_ago(m: re.Match, as_of: date, ref: date) -> _Point | None:
    n = _number(m["n"])
    unit = m["u"].lower()
    if unit.startswith("year") and n > 10:
        return None  # "centuries ago" history, not a time in a news archive
    if unit.startswith(("month", "year")):
        # "a month ago" is said loosely: the month around that day; "two years ago": two months around it
        d = _months_back(as_of, n * (12 if unit.startswith("year") else 1))
        margin = timedelta(days=30 if unit.startswith("year") else 15)
        return _Point(d - margin, d + margin, "ago")
    step = 7 if unit.startswith("week") else 1
    loose = _LOOSE_COUNT.get(_count_word(m["n"]))
    if loose:  # "a few weeks ago": two to five weeks back
        return _Point(as_of - timedelta(days=loose[1] * step), as_of - timedelta(days=loose[0] * step), "ago", extend=3)
    d = as_of - timedelta(days=n * step)
    if step == 7:  # "two weeks ago" is said of anything near that day: a few days either side
        margin = timedelta(days=min(1 + n, 5))
        return _Point(d - margin, d + margin, "ago", extend=3)
    return _Point(d, d, "ago", extend=3)


def _p_holiday(m: re.Match, as_of: date, ref: date, day_of: Callable[[int], date] | None = None) -> _Point:
    day_of = day_of or _HOLIDAY_DATES[_holiday_key(m["h"])]
    which = re.sub(r"\s+", " ", (m["w"] or "").lower())
    ahead = None
    if m["y"]:
        d = day_of(int(m["y"]))
    elif which == "this":
        d = day_of(as_of.year)
    elif which:  # "last Christmas": the latest one before today
        d = day_of(as_of.year)
        if d >= as_of:
            d = day_of(as_of.year - 1)
    else:
        d = day_of(ref.year)
        if d > ref:
            d = day_of(ref.year - 1)
        coming = day_of(as_of.year)
        ahead = coming if coming > as_of else None
    return _Point(d, d, "holiday", extend=3, yearless=not (m["y"] or which), absolute=bool(m["y"]), ahead=ahead)


def _p_season(m: re.Match, as_of: date, ref: date) -> _Point:
    first = _SEASON_MONTH[m["s"].lower()]
    which = re.sub(r"\s+", " ", (m["w"] or "").lower())
    ahead = None
    if m["y"]:  # "winter 2022" is the one that ends in 2022
        year = int(m["y"]) - (1 if first == 12 else 0)
    elif which == "this":
        year = as_of.year - (1 if first == 12 and as_of.month <= 2 else 0)
    elif which:  # "last summer", "this past winter": the latest one that has ended
        year = as_of.year
        while _season_bounds(first, year)[1] >= as_of:
            year -= 1
    else:  # "in the summer": the latest one that has begun
        year = ref.year
        while _season_bounds(first, year)[0] > ref:
            year -= 1
        coming = _season_bounds(first, year + 1)[0]
        ahead = coming if coming > as_of else None
    start, end = _season_bounds(first, year)
    # a season is summed up in the weeks after it ends ("the worst airports this summer")
    return _Point(start, end, "season", extend=14, yearless=not (m["y"] or which), absolute=bool(m["y"]),
                  ahead=ahead)


def _p_quarter(m: re.Match, as_of: date, ref: date) -> _Point | None:
    if m["qr"]:
        current = (as_of.month - 1) // 3 + 1
        year, quarter = as_of.year, current
        if m["qr"].lower() != "this":
            year, quarter = (year - 1, 4) if current == 1 else (year, current - 1)
    else:
        quarter = int(m["qn"]) if m["qn"] else _QUARTER_WORDS[m["qw"].lower()]
        if m["y"]:
            year = int(m["y"])
        elif m["qn"]:  # "Q3 earnings": the latest third quarter that has begun
            year = ref.year if date(ref.year, 3 * quarter - 2, 1) <= ref else ref.year - 1
        else:  # "the third quarter" alone is as often a game's
            return None
    start = date(year, 3 * quarter - 2, 1)
    end = _month_bounds(year, 3 * quarter)[1]
    # a quarter's figures are reported in the six weeks after it ends
    return _Point(start, end, "quarter", extend=45, yearless=bool(m["qn"] and not m["y"]),
                  absolute=bool(m["y"]))


_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def _p_relative(m: re.Match, as_of: date, ref: date) -> _Point:
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    a = as_of
    one = timedelta(days=1)
    if rel in ("today", "tonight") or rel.startswith("this ") and rel.split()[1] in (
        "morning", "afternoon", "evening"
    ):
        return _Point(a, a, "relative")
    if rel.endswith("day before yesterday"):
        return _Point(a - 2 * one, a - 2 * one, "relative")
    if rel.endswith("week before last"):
        monday = _monday(a)
        return _Point(monday - 14 * one, monday - 8 * one, "relative")
    if rel == "yesterday":
        return _Point(a - one, a - one, "relative")
    if rel == "last night":
        return _Point(a - one, a - one, "relative", extend=1)
    if rel == "ytd" or rel.startswith(("the ", "year")):  # "the start of the year", "year to date"
        return _Point(date(a.year, 1, 1), date(a.year, 12, 31), "relative")
    which, unit = rel.split()
    if unit == "week":
        monday = _monday(a)
        if which == "this":
            # News quizzes say "this week" for the last seven days, so take at least those.
            return _Point(min(monday, a - 6 * one), a, "relative")
        return _Point(monday - 7 * one, monday - one, "relative")
    if unit == "month":
        if which == "this":
            return _Point(*_month_bounds(a.year, a.month), "relative")
        prev = a.replace(day=1) - one
        return _Point(*_month_bounds(prev.year, prev.month), "relative")
    year = a.year if which == "this" else a.year - 1
    return _Point(date(year, 1, 1), date(year, 12, 31), "relative")


_POINT_RESOLVERS: dict[str, Callable[[re.Match, date, date], _Point | None]] = {
    "iso": _p_iso,
    "numeric": _p_numeric,
    "day_md": _p_day,
    "day_dm": _p_day,
    "month_year": _p_month_year,
    "last_month": _p_last_month,
    "weekday": _p_weekday,
    "weekend": _p_weekend,
    "ago": _p_ago,
    "holiday": _p_holiday,
    "season": _p_season,
    "quarter": _p_quarter,
    "relative": _p_relative,
    "month_only": _p_month_only,
    "year_only": _p_year_only,
}


# --------------------------------------------------------------------------- #
# Candidates
# --------------------------------------------------------------------------- #

@dataclass(frozen=True)
class _Cand:
    start: int
    end: int
    phrase: str
    kind: str
    since: date | None = None
    until: date | None = None
    recency: float | None = None
    span: int = _BIG          # nominal window length in days: smaller = more specific
    priority: int = 0         # tie-break between equally specific windows
    yearless: bool = False
    rebuild: Callable[[date], _Cand | None] | None = None
    upcoming: bool = False  # a yearless day/month whose coming occurrence is meant: it names no window


def _finish(
    m: re.Match, since: date | None, until: date | None, as_of: date, span: int,
    priority: int, yearless: bool = False,
    rebuild: Callable[[date], _Cand | None] | None = None,
) -> _Cand | None:
    """Clip to as_of; drop windows that lie wholly in the future."""
    if until is not None and until > as_of:
        until = as_of
    if since is not None and since > as_of:
        return None
    if since is not None and until is not None and since > until:
        return None
    return _Cand(m.start(), m.end(), m.group(), EXPLICIT, since, until, None, span,
                 priority, yearless, rebuild)


def _point_context_ok(question: str, m: re.Match, group: str, point: _Point, op: str) -> bool:
    """Reject words that only look like time words in their context."""
    p_start, p_end = m.span(group)
    before, after = question[:m.start()], question[p_end:]
    text = m.group(group).lower()
    if point.form in ("month_only", "last_month"):
        month = re.search(_FULL_MONTH, text).group()
        if month == "may" and re.match(r"['’]s\b", after):  # Theresa May's ...
            return False
        if month == "march" and re.match(r"\s+madness\b", after, re.I):
            return False
    if text == "today" and re.search(r"\bUSA\s*$", before, re.IGNORECASE):
        return False  # the newspaper USA TODAY
    if point.form == "last_month" and not op and _DETERMINER_BEFORE_RX.search(before):
        return False  # "the last march", "their last May ..."
    if point.form == "day" and point.yearless and not op and not m.groupdict().get("mod"):
        noun = _NOUN_AFTER_RX.match(after)
        if noun and noun.group(1) not in _NOT_A_NOUN:
            return False
    if point.form == "ago" and (op == "over" or _COMPARED_WITH_RX.search(before)):
        return False  # "compared to a year ago", "over 600 years ago": a baseline or history, not when
    if (point.form == "relative" and re.fullmatch(r"the\s+(?:current\s+)?year", text)
            and not m.groupdict().get("mod")):
        return False  # "the year" is this year only in "the start of the year", "since the beginning of the year"
    if point.form in ("season", "holiday", "quarter"):
        if point.form != "quarter" and re.match(
            r"\s+(?:[A-Z]|(?:olympics|games|break|solstice|equinox|semester|session|term|camp)\b)", after
        ):
            return False  # "Summer Olympics", "Christmas Island", "spring break"
        if re.match(r"last\s", text) and not op and _DETERMINER_BEFORE_RX.search(before):
            return False  # "their last fall", "the last quarter"
    if point.form == "weekday":
        wd = _WEEKDAY_RX.search(m.group(group))
        if _WEEKDAY_BEFORE_RX.search(question[: p_start + wd.start()]):
            return False
        if _WEEKDAY_AFTER_RX.match(question[p_start + wd.end():]):
            return False
    return True


def _build_at(question: str, m: re.Match, as_of: date, ref: date) -> _Cand | None:
    op = re.sub(r"\s+", " ", (m["op"] or "").lower())
    mod = m["mod"] or ""
    point = _point_at(question, m, "p", as_of, ref)
    if point is None or not _point_context_ok(question, m, "p", point, op):
        return None
    # A bare month name needs "in"/"during"/... or a modifier ("early June"): "may" is
    # usually a verb, "on May"/"of May" usually Theresa May, and "on June" is not English.
    if point.form == "month_only" and not mod and op not in ("in", "during", "throughout"):
        return None
    # A bare year needs "in", "during", "of" or "for" ("named the world's best for 2022": that year's award, not an
    # older ranking); a coming year names no window ("forecasts for 2030").
    if point.form == "year_only" and not mod and op not in ("in", "during", "throughout", "of", "for"):
        return None
    if op == "on" and not mod and point.form in ("month_year", "last_month"):
        return None
    # "summer" and "fall" alone are as often words as times, a holiday's name as often its topic ("Christmas
    # sales"): without "this", "last" or a year they need "in the summer", "on Thanksgiving", "over Christmas".
    if point.form == "season" and point.yearless and not mod and op not in ("in", "during", "throughout", "over"):
        return None
    if (point.form == "holiday" and point.yearless and op not in ("on", "over", "during", "throughout")
            and not _OWNER_BEFORE_RX.search(question[:m.start("p")])):
        return None  # but "Ukraine's Independence Day", "its independence day" name the day
    since, until = point.start, point.end
    # A named day is when something happened; coverage appears that day and the next
    # few, so single-day windows are [d, d+3] (clipped to as_of).
    until = until + timedelta(days=point.extend)
    span = (point.end - point.start).days + 1
    priority = 3 if point.absolute else 2 if point.form in ("weekday", "ago") else 1
    cand = _finish(m, since, until, as_of, span, priority, point.yearless,
                   lambda r: _build_at(question, m, as_of, r))
    if (
        cand is not None and _upcoming(point, as_of, ref)
        and (_LOOKS_AHEAD_RX.search(question) or _AHEAD_OF_RX.search(question[: m.start("p")]))
    ):
        cand = replace(cand, upcoming=True)
    # "Temperatures are set to soar this weekend" asked on a Friday, "who will play on Sunday" asked on a
    # Thursday: the coming weekend or day, reported before it happens, so no window either.
    if cand is not None and point.form in ("weekday", "weekend") and point.ahead and _LOOKS_AHEAD_RX.search(question):
        cand = replace(cand, upcoming=True)
    return cand


def _build_bound(question: str, m: re.Match, as_of: date, ref: date) -> _Cand | None:
    op = re.sub(r"\s+", " ", m["op"].lower())
    point = _point_at(question, m, "p", as_of, ref)
    if point is None or not _point_context_ok(question, m, "p", point, op):
        return None
    if _upcoming(point, as_of, ref) and (op not in ("since", "after") or _LOOKS_AHEAD_RX.search(question)):
        return None  # "before Christmas" asked on December 1 bounds nothing that has been published
    one = timedelta(days=1)
    if op == "since":
        since, until = point.start, as_of
    elif op == "after":
        # "after Tuesday('s vote)": what followed is reported that same day too.
        since = point.start if point.start == point.end else point.end + one
        until = as_of
    elif op in ("before", "prior to"):
        since, until = None, point.start - one
    else:  # until, till, up to, up until
        since, until = None, point.end
    span = _BIG if since is None else (as_of - since).days + 1
    return _finish(m, since, until, as_of, span, 0, point.yearless,
                   lambda r: _build_bound(question, m, as_of, r))


def _build_range(question: str, m: re.Match, as_of: date, ref: date) -> _Cand | None:
    b = _resolve_point(m["b"], as_of, ref)
    if b is None:
        return None
    a_text = m["a"]
    if _DAY_NUM_RX.fullmatch(a_text):  # "between 5 and 10 June 2022"
        if b.form not in ("day",):
            return None
        try:
            a_start = b.start.replace(day=_day_num(a_text))
        except ValueError:
            return None
    else:
        # A start without a year takes the end's year ("from November to February 2022").
        a = _resolve_point(a_text, as_of, min(b.end, as_of))
        if a is None:
            return None
        a_start = a.start
    if a_start > b.end:
        return None
    span = (b.end - a_start).days + 1
    return _finish(m, a_start, b.end, as_of, span, 0)


def _build_rolling(question: str, m: re.Match, as_of: date) -> _Cand | None:
    which = re.sub(r"\s+", " ", m["w"].lower())
    unit = m["u"].lower()
    # Bare "last week"/"previous month" is the calendar unit (handled as a point);
    # "the last week", "past week", "last 7 days" are rolling windows ending today.
    if not (m["n"] or m["the"] or which in ("past", "preceding", "this past")):
        return None
    if m["n"]:
        n = _number(m["n"])
    else:
        n = 3 if unit.endswith("s") else 1  # "the past months" ~ a few
    if unit.startswith("hour"):
        days = max(1, -(-n // 24))
    elif unit.startswith("day"):
        days = n
    elif unit == "fortnight":
        days = 14 * n
    elif unit.startswith("week"):
        days = 7 * n
    elif unit.startswith("month"):
        days = 30 * n
    else:
        days = 365 * n
    return _finish(m, as_of - timedelta(days=days), as_of, as_of, days + 1, 1)


def _build_vague(m: re.Match) -> _Cand:
    if m["ru"]:
        days = _RECENT_UNIT_DAYS[m["u"].lower()]
    else:
        days = _VAGUE_DAYS[re.sub(r"\s+", " ", m.group().lower())]
    return _Cand(m.start(), m.end(), m.group(), VAGUE, recency=days)


def _candidates(question: str, as_of: date) -> list[_Cand]:
    found: list[_Cand | None] = []
    found += [_build_range(question, m, as_of, as_of) for m in _RANGE_RX.finditer(question)]
    found += [_build_bound(question, m, as_of, as_of) for m in _BOUND_RX.finditer(question)]
    found += [_build_at(question, m, as_of, as_of) for m in _AT_RX.finditer(question)]
    found += [_build_rolling(question, m, as_of) for m in _ROLLING_RX.finditer(question)]
    found += [_build_vague(m) for m in _VAGUE_RX.finditer(question)]
    return [c for c in found if c is not None]


def _drop_overlaps(cands: list[_Cand]) -> list[_Cand]:
    """Where phrases overlap keep the longest ("since June 16" over "June 16")."""
    kept: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    return kept


def _anchor(best: _Cand, explicit: list[_Cand]) -> _Cand:
    """Resolve a yearless day/month/weekday inside a broader stated window.

    "on June 16 ... in 2020" -> 2020-06-16; "on Tuesday ... last week" -> last week's Tuesday.
    """
    if not best.yearless or best.rebuild is None:
        return best
    wider = [c for c in explicit if c is not best and c.span > best.span and c.until is not None]
    if not wider:
        return best
    outer = min(wider, key=lambda c: (c.span, c.start))
    if outer.since is not None and outer.since <= best.since <= outer.until:
        return best
    new = best.rebuild(outer.until)
    if new is None or new.since is None:
        return best
    if (outer.since is None or new.since >= outer.since) and new.since <= outer.until:
        return new
    return best


# --------------------------------------------------------------------------- #
# Public API
# --------------------------------------------------------------------------- #

def parse_time(question: str, as_of: date) -> TimeIntent:
    """Read the time words of `question`, resolved against `as_of` (the asking day)."""
    if isinstance(as_of, datetime):
        as_of = as_of.date()
    if not isinstance(as_of, date):
        raise TypeError(f"as_of must be a datetime.date, not {type(as_of).__name__}")
    if not question or not question.strip():
        return _NO_INTENT
    kept = _drop_overlaps(_candidates(question, as_of))
    window = next(_windows(kept), None)
    if window is not None:
        return window
    vague = [c for c in kept if c.kind == VAGUE]
    if vague:
        best = min(vague, key=lambda c: (c.recency, c.start))
        return TimeIntent(None, None, VAGUE, best.recency, best.phrase)
    return _NO_INTENT


def _windows(kept: list) -> Iterator[TimeIntent]:
    """The explicit windows among the candidates, the one parse_time reads first: the narrowest (then the most
    specific, then the first written), each anchored by the others ("June 16" by "2020"); upcoming ones skipped."""
    explicit = [c for c in kept if c.kind == EXPLICIT]
    while explicit:
        chosen = min(explicit, key=lambda c: (c.span, -c.priority, c.start))
        best = _anchor(chosen, explicit)
        if not best.upcoming:
            days = best.span if best.span < _BIG else None
            yield TimeIntent(best.since, best.until, EXPLICIT, None, best.phrase, days)
        explicit = [c for c in explicit if c is not chosen]


def time_windows(question: str, as_of: date) -> list[TimeIntent]:
    """Every window the question names, the one parse_time reads first ("reopened Wednesday after being closed
    since June 13": Wednesday, then June 13 to as_of); [] when it names none."""
    if not question or not question.strip():
        return []
    return list(_windows(_drop_overlaps(_candidates(question, as_of))))


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:?!])", r"\1", text)        # "happened ?" -> "happened?"
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)  # ", ," -> ","
    text = re.sub(r"[,;:]+(?=\s*[?.!]|\s*$)", "", text)  # "happened,?" -> "happened?"
    text = re.sub(r"^[\s,;:.]+", "", text)               # leading ", who ..."
    return re.sub(r"\s+", " ", text).strip()


def strip_time_words(question: str, intent: TimeIntent) -> str:
    """The question without intent.phrase (and a possessive 's after it), tidied."""
    text = question
    if intent.phrase:
        rx = re.compile(
            r"(?<![\w])" + re.escape(intent.phrase) + r"(?:['’]s(?![\w]))?(?![\w])", re.I
        )
        text = rx.sub(" ", text, count=1)
    return _tidy(text)


# A time told by an event rather than a date, at the end of the question: "What did China do after Pelosi's visit?",
# "What has changed since the Usk flood?", "... before the ferry strike?". The event must name something (a
# capitalised word or a possessive), so a quiz's "after a hiatus of almost five years" or "following a recall of one
# of its products" is no event, and neither is a clause about someone ("after he resigned", "after being closed").
_EVENT_RX = re.compile(
    r"(?<![\w])(?P<op>after|since|before|following|in\s+the\s+wake\s+of|prior\s+to)\s+"
    r"(?P<event>(?:the\s+|an?\s+)?[^\s?!.,;:]+(?:\s+[^\s?!.,;:]+){0,5})\s*[?!.]*\s*$",
    re.IGNORECASE,
)
# A reaction to an event is news after it: "How did China respond to Pelosi's visit?", "How did markets react to the
# Fed's decision?", "What was the reaction to Ann Pryce's resignation?" are read "after" it (the event's own day is
# often the day of its previews: Pelosi's, 2022-08-02; a reaction reported that same day is missed).
_RESPONSE_RX = re.compile(
    r"(?<![\w])(?P<op>respond(?:s|ed)?|react(?:s|ed)?|responses?|reactions?|retaliat(?:e|es|ed|ion))\s+(?:to|for|against)\s+"
    r"(?P<event>(?:the\s+|an?\s+)?[^\s?!.,;:]+(?:\s+[^\s?!.,;:]+){0,5})\s*[?!.]*\s*$",
    re.IGNORECASE,
)
_NOT_AN_EVENT = re.compile(
    r"^(?:he|she|they|it|we|you|i|our|my|your|this|that|these|those|being|having)\b"
    r"|\b(?:which|what|who|whom|whose|how|when|where|why)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class EventRelation:
    """"after Pelosi's visit": `op` ("after", "since" or "before"), the event ("Pelosi's visit") and the words as
    they appear in the question."""

    op: str
    event: str
    phrase: str


def event_relation(question: str, as_of: date) -> EventRelation | None:
    """The event the question dates itself by ("after Pelosi's visit"; "respond to Pelosi's visit" as after it),
    or None when it names none or names a date ("after June 16" is parse_time's)."""
    m = _EVENT_RX.search(question) or _RESPONSE_RX.search(question)
    if not m:
        return None
    event = m.group("event").strip()
    words = event.split()
    if _NOT_AN_EVENT.search(event) or words[0].lower().endswith("ing"):
        return None
    if words[0].lower() in ("his", "her", "their", "its"):  # "before his resignation": the name before it
        from rag.retrieval import _name_runs

        runs = _name_runs(question[: m.start()])
        if not runs or len(words) < 2:
            return None
        name = " ".join(word for word, _ in runs[-1]).rstrip(",;:")
        event = f"{name}{'’' if name.endswith('s') else '’s'} {' '.join(words[1:])}"
        words = event.split()
    if not any(w[0].isupper() for w in words) and not any(w.lower().endswith(("'s", "’s")) for w in words):
        return None
    if parse_time(m.group(0), as_of).kind != NONE:
        return None
    op = " ".join(m.group("op").lower().split())
    op = "before" if op in ("before", "prior to") else "since" if op == "since" else "after"
    return EventRelation(op, event, m.group(0).rstrip("?!. "))
