"""Time words in news questions -> windows / recency, pinned against fixed as_of days."""

import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from rag.dates import TimeIntent, parse_time, strip_time_words, time_windows

D = date
DATES_PY = str(Path(__file__).resolve().parent.parent / "rag" / "dates.py")
WED = D(2022, 6, 15)   # a Wednesday
MON = D(2022, 6, 13)   # a Monday
SUN = D(2022, 6, 19)   # a Sunday
SAT = D(2022, 6, 18)   # a Saturday
TUE = D(2022, 6, 14)   # a Tuesday

assert WED.weekday() == 2 and MON.weekday() == 0 and SUN.weekday() == 6
assert SAT.weekday() == 5 and TUE.weekday() == 1


# (question, as_of, since, until, phrase)
EXPLICIT = [
    # today / yesterday
    ("What happened today?", WED, D(2022, 6, 15), D(2022, 6, 15), "today"),
    ("What did the minister say yesterday?", WED, D(2022, 6, 14), D(2022, 6, 14), "yesterday"),
    ("What happened yesterday?", D(2022, 1, 1), D(2021, 12, 31), D(2021, 12, 31), "yesterday"),
    ("What happened yesterday?", D(2024, 3, 1), D(2024, 2, 29), D(2024, 2, 29), "yesterday"),
    ("TODAY", WED, WED, WED, "TODAY"),
    ("What happened the day before yesterday?", SUN, D(2022, 6, 17), D(2022, 6, 17),
     "the day before yesterday"),
    ("What happened last night?", SUN, D(2022, 6, 18), D(2022, 6, 19), "last night"),
    # weeks
    ("What happened this week?", WED, D(2022, 6, 9), D(2022, 6, 15), "this week"),
    ("What happened this week?", MON, D(2022, 6, 7), D(2022, 6, 13), "this week"),
    ("What happened this week?", SUN, D(2022, 6, 13), D(2022, 6, 19), "this week"),
    ("What happened last week?", WED, D(2022, 6, 6), D(2022, 6, 12), "last week"),
    ("What happened last week?", MON, D(2022, 6, 6), D(2022, 6, 12), "last week"),
    ("What happened last week?", SUN, D(2022, 6, 6), D(2022, 6, 12), "last week"),
    ("What happened last week?", D(2022, 1, 3), D(2021, 12, 27), D(2022, 1, 2), "last week"),
    ("What did the previous week bring?", WED, D(2022, 6, 8), D(2022, 6, 15), "the previous week"),
    ("What happened in the past week?", WED, D(2022, 6, 8), D(2022, 6, 15), "in the past week"),
    ("What happened past week?", WED, D(2022, 6, 8), D(2022, 6, 15), "past week"),
    ("Which firms failed over the past week?", WED, D(2022, 6, 8), D(2022, 6, 15),
     "over the past week"),
    ("What happened in the last 7 days?", WED, D(2022, 6, 8), D(2022, 6, 15),
     "in the last 7 days"),
    ("What happened the last week?", WED, D(2022, 6, 8), D(2022, 6, 15), "the last week"),
    ("What happened this past week?", WED, D(2022, 6, 8), D(2022, 6, 15), "this past week"),
    ("What happened in the last two weeks?", WED, D(2022, 6, 1), D(2022, 6, 15),
     "in the last two weeks"),
    ("What happened in the past few days?", WED, D(2022, 6, 12), D(2022, 6, 15),
     "in the past few days"),
    ("What happened in the last 24 hours?", WED, D(2022, 6, 14), D(2022, 6, 15),
     "in the last 24 hours"),
    ("What was said earlier this week?", WED, D(2022, 6, 9), D(2022, 6, 15), "earlier this week"),
    # weekends
    ("What happened over the weekend?", WED, D(2022, 6, 11), D(2022, 6, 13), "over the weekend"),
    ("What happened this weekend?", SUN, D(2022, 6, 18), D(2022, 6, 19), "this weekend"),
    ("What happened last weekend?", SUN, D(2022, 6, 11), D(2022, 6, 13), "last weekend"),
    ("What happened last weekend?", MON, D(2022, 6, 11), D(2022, 6, 13), "last weekend"),
    # months
    ("What happened last month?", WED, D(2022, 5, 1), D(2022, 5, 31), "last month"),
    ("What happened last month?", D(2022, 1, 5), D(2021, 12, 1), D(2021, 12, 31), "last month"),
    ("What happened last month?", D(2024, 3, 10), D(2024, 2, 1), D(2024, 2, 29), "last month"),
    ("What happened last month?", D(2023, 3, 31), D(2023, 2, 1), D(2023, 2, 28), "last month"),
    ("What happened this month?", WED, D(2022, 6, 1), D(2022, 6, 15), "this month"),
    ("What happened this month?", D(2022, 7, 1), D(2022, 7, 1), D(2022, 7, 1), "this month"),
    ("What happened in the past month?", WED, D(2022, 5, 16), D(2022, 6, 15),
     "in the past month"),
    ("What happened in the last 30 days?", WED, D(2022, 5, 16), D(2022, 6, 15),
     "in the last 30 days"),
    ("What happened over the last month?", WED, D(2022, 5, 16), D(2022, 6, 15),
     "over the last month"),
    ("What happened earlier this month?", WED, D(2022, 6, 1), D(2022, 6, 15),
     "earlier this month"),
    # years
    ("What happened this year?", WED, D(2022, 1, 1), D(2022, 6, 15), "this year"),
    ("What happened this year?", D(2022, 1, 1), D(2022, 1, 1), D(2022, 1, 1), "this year"),
    ("Who won the election last year?", WED, D(2021, 1, 1), D(2021, 12, 31), "last year"),
    ("Who won last year?", D(2022, 1, 1), D(2021, 1, 1), D(2021, 12, 31), "last year"),
    ("In the last year, what changed?", WED, D(2021, 6, 15), D(2022, 6, 15), "In the last year"),
    ("What happened in 2020?", WED, D(2020, 1, 1), D(2020, 12, 31), "in 2020"),
    ("What happened during 2021?", WED, D(2021, 1, 1), D(2021, 12, 31), "during 2021"),
    # an award or ranking "for" a year is that year's news, not an older year's ranking
    ("Which airline was named the world's best for 2021?", WED, D(2021, 1, 1), D(2021, 12, 31), "for 2021"),
    ("Which cheese was named the best for 2022?", WED, D(2022, 1, 1), D(2022, 6, 15), "for 2022"),
    ("In 2022, who won?", WED, D(2022, 1, 1), D(2022, 6, 15), "In 2022"),
    ("Who was the mayor of London in 2016?", WED, D(2016, 1, 1), D(2016, 12, 31), "in 2016"),
    ("What happened in early 2021?", WED, D(2021, 1, 1), D(2021, 12, 31), "in early 2021"),
    ("What happened in the year 2020?", WED, D(2020, 1, 1), D(2020, 12, 31), "in the year 2020"),
    ("What happened in the summer of 2020?", WED, D(2020, 6, 1), D(2020, 9, 14),
     "in the summer of 2020"),
    # named months
    ("What happened in June?", WED, D(2022, 6, 1), D(2022, 6, 15), "in June"),
    ("What happened in July?", WED, D(2021, 7, 1), D(2021, 7, 31), "in July"),
    ("What happened in December?", D(2022, 3, 10), D(2021, 12, 1), D(2021, 12, 31), "in December"),
    ("What happened in January?", D(2022, 1, 31), D(2022, 1, 1), D(2022, 1, 31), "in January"),
    ("What happened in June 2020?", WED, D(2020, 6, 1), D(2020, 6, 30), "in June 2020"),
    ("What happened in February 2024?", WED, D(2024, 2, 1), D(2024, 2, 29), None),  # future
    ("What happened in February 2020?", WED, D(2020, 2, 1), D(2020, 2, 29), "in February 2020"),
    ("What happened in May?", D(2022, 3, 10), D(2021, 5, 1), D(2021, 5, 31), "in May"),
    ("Who may resign in March?", D(2022, 3, 10), D(2022, 3, 1), D(2022, 3, 10), "in March"),
    ("What did the mayor do in May?", WED, D(2022, 5, 1), D(2022, 5, 31), "in May"),
    ("The March 2021 budget: what changed?", WED, D(2021, 3, 1), D(2021, 3, 31), "March 2021"),
    ("What happened during May 2020?", WED, D(2020, 5, 1), D(2020, 5, 31), "during May 2020"),
    ("What happened in early June?", WED, D(2022, 6, 1), D(2022, 6, 15), "in early June"),
    ("What happened in mid-March?", WED, D(2022, 3, 1), D(2022, 3, 31), "in mid-March"),
    ("What happened at the end of May?", WED, D(2022, 5, 1), D(2022, 5, 31), "the end of May"),
    ("What happened during the last week of June?", D(2022, 7, 15), D(2022, 6, 1),
     D(2022, 6, 30), "during the last week of June"),
    ("What happened in June last year?", WED, D(2021, 6, 1), D(2021, 6, 30), "in June last year"),
    ("What happened last June?", WED, D(2021, 6, 1), D(2021, 6, 30), "last June"),
    ("What happened last June?", D(2022, 7, 19), D(2022, 6, 1), D(2022, 6, 30), "last June"),
    # single days: [d, d+3] clipped to as_of
    ("What happened on June 16?", WED, D(2021, 6, 16), D(2021, 6, 19), "on June 16"),
    ("What happened on June 14?", WED, D(2022, 6, 14), D(2022, 6, 15), "on June 14"),
    ("What happened on June 15?", WED, D(2022, 6, 15), D(2022, 6, 15), "on June 15"),
    ("What happened on 16 June?", WED, D(2021, 6, 16), D(2021, 6, 19), "on 16 June"),
    ("What happened on June 16, 2020?", WED, D(2020, 6, 16), D(2020, 6, 19), "on June 16, 2020"),
    ("What happened June 16th 2020?", WED, D(2020, 6, 16), D(2020, 6, 19), "June 16th 2020"),
    ("What happened on 16 June 2020?", WED, D(2020, 6, 16), D(2020, 6, 19), "on 16 June 2020"),
    ("What happened on the 4th of July?", WED, D(2021, 7, 4), D(2021, 7, 7), "on the 4th of July"),
    ("What happened on 2020-06-16?", WED, D(2020, 6, 16), D(2020, 6, 19), "on 2020-06-16"),
    ("What happened on Dec. 30, 2021?", WED, D(2021, 12, 30), D(2022, 1, 2), "on Dec. 30, 2021"),
    ("What happened on Jan 6?", WED, D(2022, 1, 6), D(2022, 1, 9), "on Jan 6"),
    ("What happened on May 5?", WED, D(2022, 5, 5), D(2022, 5, 8), "on May 5"),
    ("What happened on 16/06/2020?", WED, D(2020, 6, 16), D(2020, 6, 19), "on 16/06/2020"),
    ("Who was arrested on 5/6/2022?", WED, D(2022, 5, 6), D(2022, 5, 9), "on 5/6/2022"),
    ("What happened on February 29?", D(2023, 3, 1), D(2020, 2, 29), D(2020, 3, 3),
     "on February 29"),
    ("What happened on Feb 29, 2024?", D(2024, 3, 10), D(2024, 2, 29), D(2024, 3, 3),
     "on Feb 29, 2024"),
    ("What happened on February 29?", D(2024, 2, 29), D(2024, 2, 29), D(2024, 2, 29),
     "on February 29"),
    ("What happened on June 16 in 2020?", WED, D(2020, 6, 16), D(2020, 6, 19), "on June 16"),
    ("What happened two days ago?", WED, D(2022, 6, 13), D(2022, 6, 15), "two days ago"),
    # weeks ago are said loosely: a few days either side of that day, and the coverage after it
    ("What happened a week ago?", WED, D(2022, 6, 6), D(2022, 6, 13), "a week ago"),
    ("What happened two weeks ago?", WED, D(2022, 5, 29), D(2022, 6, 7), "two weeks ago"),
    # a few, a couple of, several: the whole span they can mean
    ("What happened a few weeks ago?", WED, D(2022, 5, 11), D(2022, 6, 4), "a few weeks ago"),
    ("What happened a couple of weeks ago?", WED, D(2022, 5, 25), D(2022, 6, 11), "a couple of weeks ago"),
    ("Who resigned several days ago?", WED, D(2022, 6, 7), D(2022, 6, 15), "several days ago"),
    ("What happened the week before last?", WED, D(2022, 5, 30), D(2022, 6, 5), "the week before last"),
    ("Who won the vote the week before last in Ohio?", WED, D(2022, 5, 30), D(2022, 6, 5), "the week before last"),
    # weekdays
    ("What happened on Tuesday?", WED, D(2022, 6, 14), D(2022, 6, 15), "on Tuesday"),
    ("What happened on Wednesday?", WED, D(2022, 6, 15), D(2022, 6, 15), "on Wednesday"),
    ("What happened on Thursday?", WED, D(2022, 6, 9), D(2022, 6, 12), "on Thursday"),
    ("What happened on Sunday?", SUN, D(2022, 6, 19), D(2022, 6, 19), "on Sunday"),
    ("What happened on Monday?", SUN, D(2022, 6, 13), D(2022, 6, 16), "on Monday"),
    ("What did the Fed announce Tuesday?", WED, D(2022, 6, 14), D(2022, 6, 15), "Tuesday"),
    ("What did Tuesday's vote decide?", D(2022, 6, 20), D(2022, 6, 14), D(2022, 6, 17), "Tuesday"),
    ("What happened last Wednesday?", WED, D(2022, 6, 8), D(2022, 6, 11), "last Wednesday"),
    ("What happened last Tuesday?", WED, D(2022, 6, 14), D(2022, 6, 15), "last Tuesday"),
    ("What did the Fed do on Tuesday last week?", WED, D(2022, 6, 7), D(2022, 6, 10),
     "on Tuesday last week"),
    ("What happened on Tuesday, last week?", WED, D(2022, 6, 7), D(2022, 6, 10), "on Tuesday"),
    # since / after / before / until
    ("What has happened since March?", WED, D(2022, 3, 1), D(2022, 6, 15), "since March"),
    ("What has happened since March?", D(2022, 2, 10), D(2021, 3, 1), D(2022, 2, 10),
     "since March"),
    ("What has happened since 2021?", WED, D(2021, 1, 1), D(2022, 6, 15), "since 2021"),
    ("What has happened since June 16?", WED, D(2021, 6, 16), D(2022, 6, 15), "since June 16"),
    ("What has happened since June 16, 2020?", WED, D(2020, 6, 16), D(2022, 6, 15),
     "since June 16, 2020"),
    ("What has happened since May 2020?", WED, D(2020, 5, 1), D(2022, 6, 15), "since May 2020"),
    ("What has happened since last week?", WED, D(2022, 6, 6), D(2022, 6, 15), "since last week"),
    ("What has happened since Monday?", WED, D(2022, 6, 13), D(2022, 6, 15), "since Monday"),
    ("What happened after 2019?", WED, D(2020, 1, 1), D(2022, 6, 15), "after 2019"),
    ("What happened after Tuesday's vote?", WED, D(2022, 6, 14), D(2022, 6, 15), "after Tuesday"),
    ("What happened before 2020?", WED, None, D(2019, 12, 31), "before 2020"),
    ("What happened until March 2020?", WED, None, D(2020, 3, 31), "until March 2020"),
    # ranges
    ("What happened between May and July 2021?", WED, D(2021, 5, 1), D(2021, 7, 31),
     "between May and July 2021"),
    ("What happened between May and July 2022?", WED, D(2022, 5, 1), D(2022, 6, 15),
     "between May and July 2022"),
    ("What happened from 1 May to 3 June 2022?", WED, D(2022, 5, 1), D(2022, 6, 3),
     "from 1 May to 3 June 2022"),
    ("What happened from November to February 2022?", WED, D(2021, 11, 1), D(2022, 2, 28),
     "from November to February 2022"),
    ("What happened between 2019 and 2021?", WED, D(2019, 1, 1), D(2021, 12, 31),
     "between 2019 and 2021"),
    ("What happened between 5 and 10 June 2022?", WED, D(2022, 6, 5), D(2022, 6, 10),
     "between 5 and 10 June 2022"),
    ("What happened from Monday to Wednesday?", WED, D(2022, 6, 13), D(2022, 6, 15),
     "from Monday to Wednesday"),
    # most specific explicit phrase wins (and beats vague words)
    ("What did last year's law change this week?", WED, D(2022, 6, 9), D(2022, 6, 15),
     "this week"),
    ("What is the latest news from last week?", WED, D(2022, 6, 6), D(2022, 6, 12), "last week"),
    ("Recently, in 2021, what happened on March 3?", WED, D(2021, 3, 3), D(2021, 3, 6),
     "on March 3"),
]


@pytest.mark.parametrize("question, as_of, since, until, phrase", EXPLICIT)
def test_explicit_windows(question, as_of, since, until, phrase):
    t = parse_time(question, as_of)
    if phrase is None:  # a window wholly after as_of is no window at all
        assert t == TimeIntent(None, None, "none", None, "")
        return
    assert t == TimeIntent(since, until, "explicit", None, phrase)
    assert t.as_filter() == (since, until)
    assert t.until is None or t.until <= as_of


# (question, recency_days, phrase)
VAGUE = [
    ("What happened recently?", 14.0, "recently"),
    ("What are the recent developments?", 14.0, "recent"),
    ("What has he said lately?", 14.0, "lately"),
    ("What is the latest on the strike?", 7.0, "latest"),
    ("What is the newest model?", 7.0, "newest"),
    ("Who is the most recent winner?", 7.0, "most recent"),
    ("Who is currently in charge?", 30.0, "currently"),
    ("Who is the current leader?", 30.0, "current"),
    ("Who runs the company now?", 30.0, "now"),
    ("What's happening in Ukraine right now?", 30.0, "right now"),
    ("What has Biden said in recent weeks?", 21.0, "in recent weeks"),
    ("How has inflation moved in recent years?", 365.0, "in recent years"),
    ("What is the latest from the current talks?", 7.0, "latest"),  # most specific vague word
    # a time to come: the newest reports tell what will happen
    ("What will happen next week?", 7.0, "next week"),
    ("Who will win the final tomorrow?", 7.0, "tomorrow"),
    ("What will the council decide later this week?", 7.0, "later this week"),
    ("What will Usk vote on in the coming days?", 7.0, "in the coming days"),
    ("Which phone will Apple unveil early next month?", 14.0, "next month"),
    ("Which change will soon come to the ferry?", 14.0, "soon"),
    ("Who stars in the upcoming film?", 14.0, "upcoming"),
    ("What will the Fed do in the weeks ahead?", 14.0, "in the weeks ahead"),
    ("Which pop star will perform at next year's Super Bowl?", 30.0, "next year"),
]


@pytest.mark.parametrize("question, days, phrase", VAGUE)
def test_vague_words(question, days, phrase):
    t = parse_time(question, WED)
    assert t == TimeIntent(None, None, "vague", days, phrase)
    assert t.as_filter() == (None, None)


NO_TIME = [
    "Who won the election?",
    "Who may lead the party?",
    "What did the Mayor say about housing?",
    "What did the mayor say about housing?",
    "Who won March Madness?",
    "What did the president say about the march?",
    "What did the Marchers want?",
    "What happened to Monday.com shares?",
    "What did the Mail on Sunday report?",
    "Who edits the Sunday Times?",
    "Who won Super Tuesday?",
    "What sold on Black Friday?",
    "What's new in the law?",
    "What is the current account deficit?",
    "What did Theresa May's cabinet decide?",
    "Was there pressure on May to resign?",
    "What was the resignation of May about?",
    "What happened in the last year of his term?",
    "What did their last march achieve?",
    "What happened in 2030?",          # future: not a window
    "What are the forecasts for 2030?",  # future: not a window
    "What happened in 2020-21?",       # season span: not a year
    "Did 2000 people attend?",
    "How soon could the launch happen?",  # (asks when: "soon" is what is asked, not a time to come)
    "What happened as soon as he left?",
    "What is the next step?",
    "",
]


@pytest.mark.parametrize("question", NO_TIME)
def test_no_time_words(question):
    t = parse_time(question, WED)
    assert t == TimeIntent(None, None, "none", None, "")
    assert t.as_filter() == (None, None)
    assert strip_time_words(question, t) == " ".join(question.split())


def test_as_of_may_be_a_datetime():
    assert parse_time("yesterday", datetime(2022, 6, 15, 23, 59)).as_filter() == (
        D(2022, 6, 14),
        D(2022, 6, 14),
    )


def test_as_of_must_be_a_date():
    with pytest.raises(TypeError):
        parse_time("yesterday", "2022-06-15")


def test_time_intent_is_frozen():
    t = parse_time("today", WED)
    with pytest.raises(AttributeError):
        t.since = D(2000, 1, 1)


STRIP = [
    ("What happened in June 2020?", WED, "What happened?"),
    ("In 2020, who won the election?", WED, "who won the election?"),
    ("What did last week's summit decide?", WED, "What did summit decide?"),
    ("Who won  the vote on Tuesday , and why?", WED, "Who won the vote, and why?"),
    ("What happened over the past week in Ukraine?", WED, "What happened in Ukraine?"),
    ("What is the latest on the strike?", WED, "What is the on the strike?"),
    ("Who   won the election?", WED, "Who won the election?"),
    ("What happened on June 16 in 2020?", WED, "What happened in 2020?"),
    ("RECENTLY, what did the Fed do?", WED, "what did the Fed do?"),
]


@pytest.mark.parametrize("question, as_of, expected", STRIP)
def test_strip_time_words(question, as_of, expected):
    assert strip_time_words(question, parse_time(question, as_of)) == expected


def test_strip_matches_phrase_case_insensitively():
    intent = TimeIntent(D(2022, 6, 6), D(2022, 6, 12), "explicit", None, "last week")
    assert strip_time_words("What happened LAST WEEK?", intent) == "What happened?"


def test_dateparser_is_imported_lazily():
    # Load rag/dates.py on its own (not through rag/__init__, which imports other modules).
    code = (
        "import importlib.util, sys, datetime\n"
        f"spec = importlib.util.spec_from_file_location('dates_alone', {DATES_PY!r})\n"
        "mod = importlib.util.module_from_spec(spec)\n"
        "sys.modules['dates_alone'] = mod\n"
        "spec.loader.exec_module(mod)\n"
        "assert 'dateparser' not in sys.modules\n"
        "mod.parse_time('What happened on June 16?', datetime.date(2022, 6, 20))\n"
        "assert 'dateparser' not in sys.modules\n"
        "t = mod.parse_time('What happened on 16/06/2020?', datetime.date(2022, 6, 20))\n"
        "assert t.since == datetime.date(2020, 6, 16), t\n"
        "assert 'dateparser' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    "question, as_of",
    [
        # a coming day or month in a question that looks ahead names no window (last year's would be wrong)
        ("Which retailer cut its gas price through July 4 weekend?", D(2022, 7, 1)),
        ("Which airline is slashing 31,000 flights during November?", D(2022, 8, 18)),
        ("Who will headline the show on December 24?", D(2022, 11, 25)),
        # a release or an opening said in the present tense
        ("Who plays the mayor in the Usk drama, which premieres on November 9?", D(2022, 10, 21)),
        ("Which band opens the Usk festival on Saturday?", WED),
        ("Which outlet did USA TODAY buy?", WED),  # the newspaper, not the day
        # the coming weekend or weekday, asked before it in words that look ahead
        ("Temperatures are set to soar this weekend: what is the record?", WED),
        ("Which bands will play at the festival on Saturday?", WED),
    ],
)
def test_coming_dates_and_names_that_look_like_dates_name_no_window(question, as_of):
    assert parse_time(question, as_of).kind == "none"


@pytest.mark.parametrize(
    "question, as_of, since, until",
    [
        ("What happened on June 16?", D(2022, 6, 10), D(2021, 6, 16), D(2021, 6, 19)),  # looks back: last year's
        ("Who will speak on June 16 this week?", D(2022, 6, 17), D(2022, 6, 16), D(2022, 6, 17)),  # already past
        ("What did USA TODAY report today?", WED, WED, WED),
        # looking ahead during the weekend, or looking back: the weekend or day that has been
        ("What will the weather be like this weekend?", SUN, D(2022, 6, 18), D(2022, 6, 19)),
        ("What happened over the weekend?", WED, D(2022, 6, 11), D(2022, 6, 13)),
        ("Which bands played at the festival on Saturday?", WED, D(2022, 6, 11), D(2022, 6, 14)),
        ("Which band opened the Usk festival on Saturday?", WED, D(2022, 6, 11), D(2022, 6, 14)),
        ("Which bands will play at the festival last Saturday?", WED, D(2022, 6, 11), D(2022, 6, 14)),
        ("Who will headline on December 24 in 2020?", D(2022, 11, 25), D(2020, 12, 24), D(2020, 12, 27)),
    ],
)
def test_past_days_keep_their_windows(question, as_of, since, until):
    intent = parse_time(question, as_of)
    assert (intent.kind, intent.since, intent.until) == ("explicit", since, until)


@pytest.mark.parametrize(
    "question, kind, phrase, kept",
    [
        # a day without a year before a common noun is an event's name: it stays in the search, names no window,
        # and leaves the question's real time words to decide
        ("What did the January 6 committee reveal last week?", "explicit", "last week", "January 6 committee"),
        ("Who most recently agreed to meet the panel on the Jan. 6 attack?", "vague", "most recently", "Jan. 6 attack"),
        ("What happened at the July 4 parade in Highland Park?", "none", "", "July 4 parade"),
        ("Will the March 2 primary matter?", "none", "", "March 2 primary"),
        # a date said as a date keeps its window
        ("How many people died in the Highland Park shooting on July 4?", "explicit", "on July 4", "shooting?"),
        ("What happened June 16 at the summit?", "explicit", "June 16", "happened at the summit"),
        ("What happened over the July 4 weekend?", "explicit", "July 4", "the weekend"),
        ("What did the January 6, 2021 attack change?", "explicit", "January 6, 2021", "the attack"),
    ],
)
def test_a_day_before_a_noun_names_an_event(question, kind, phrase, kept):
    intent = parse_time(question, D(2022, 7, 25))
    assert (intent.kind, intent.phrase) == (kind, phrase)
    assert kept in strip_time_words(question, intent)


# (question, as_of, since, until, phrase): seasons, months and years ago, the year so far, quarters, holidays
CALENDAR = [
    # a season is its three months (northern, meteorological) and the two weeks of coverage after it
    ("What broke down this summer?", D(2022, 9, 8), D(2022, 6, 1), D(2022, 9, 8), "this summer"),
    ("What happened in the summer?", D(2022, 11, 16), D(2022, 6, 1), D(2022, 9, 14), "in the summer"),
    ("What happened last winter?", D(2022, 11, 16), D(2021, 12, 1), D(2022, 3, 14), "last winter"),
    ("What changed this fall?", D(2022, 11, 16), D(2022, 9, 1), D(2022, 11, 16), "this fall"),
    ("How cold was winter 2022?", D(2022, 11, 16), D(2021, 12, 1), D(2022, 3, 14), "winter 2022"),
    ("What happened this winter?", D(2023, 1, 10), D(2022, 12, 1), D(2023, 1, 10), "this winter"),
    # months and years ago: the month (or two) around that day
    ("What did the Fed say a month ago?", D(2022, 11, 16), D(2022, 10, 1), D(2022, 10, 31), "a month ago"),
    ("What was the rate six months ago?", D(2022, 11, 16), D(2022, 5, 1), D(2022, 5, 31), "six months ago"),
    ("What did Biden say a year ago?", D(2022, 8, 25), D(2021, 7, 26), D(2021, 9, 24), "a year ago"),
    # the year so far
    ("How have stocks done since the start of the year?", D(2022, 11, 16), D(2022, 1, 1), D(2022, 11, 16),
     "since the start of the year"),
    ("What are the year-to-date sales?", D(2022, 11, 16), D(2022, 1, 1), D(2022, 11, 16), "the year-to-date"),
    # a quarter and the six weeks in which its figures are reported
    ("What were Apple's Q3 earnings?", D(2022, 11, 16), D(2022, 7, 1), D(2022, 11, 14), "Q3"),
    ("How did GDP grow in the third quarter of 2021?", D(2022, 11, 16), D(2021, 7, 1), D(2021, 11, 14),
     "in the third quarter of 2021"),
    ("How did banks do last quarter?", D(2022, 11, 16), D(2022, 7, 1), D(2022, 11, 14), "last quarter"),
    ("How did banks do last quarter?", D(2022, 2, 10), D(2021, 10, 1), D(2022, 2, 10), "last quarter"),
    # holidays: the latest one (a moving one computed for its year) and three days of coverage
    ("What happened on Thanksgiving?", D(2022, 11, 16), D(2021, 11, 25), D(2021, 11, 28), "on Thanksgiving"),
    ("What happened on Thanksgiving?", D(2022, 11, 28), D(2022, 11, 24), D(2022, 11, 27), "on Thanksgiving"),
    ("Who won on Election Day?", D(2022, 11, 16), D(2022, 11, 8), D(2022, 11, 11), "on Election Day"),
    ("What has happened since Christmas?", D(2022, 6, 15), D(2021, 12, 25), D(2022, 6, 15), "since Christmas"),
    ("What did the Pope say on Easter?", D(2022, 6, 15), D(2022, 4, 17), D(2022, 4, 20), "on Easter"),
    ("What happened over Memorial Day?", D(2022, 6, 15), D(2022, 5, 30), D(2022, 6, 2), "over Memorial Day"),
    ("What happened on the Fourth of July?", D(2022, 7, 20), D(2022, 7, 4), D(2022, 7, 7),
     "on the Fourth of July"),
    ("What happened last Christmas?", D(2022, 6, 15), D(2021, 12, 25), D(2021, 12, 28), "last Christmas"),
    # another country's independence day, by the country the question names nearest to it (July 4 without one)
    ("What happened in Brazil on independence day?", D(2022, 9, 8), D(2022, 9, 7), D(2022, 9, 8),
     "on independence day"),
    ("What happened on Brazil's Independence Day?", D(2022, 9, 20), D(2022, 9, 7), D(2022, 9, 10),
     "Independence Day"),
    ("How did Ukraine mark its independence day?", D(2022, 8, 26), D(2022, 8, 24), D(2022, 8, 26),
     "independence day"),
    ("What did Modi say on India's 75th Independence Day?", D(2022, 8, 20), D(2022, 8, 15), D(2022, 8, 18),
     "Independence Day"),
    ("Where did Mexicans celebrate on Independence Day?", D(2022, 9, 20), D(2022, 9, 16), D(2022, 9, 19),
     "on Independence Day"),
    ("What did Biden say in the US on Independence Day?", D(2022, 7, 10), D(2022, 7, 4), D(2022, 7, 7),
     "on Independence Day"),
    ("What happened on independence day?", D(2022, 9, 20), D(2022, 7, 4), D(2022, 7, 7), "on independence day"),
    ("What did Brazil's president tell us on independence day?", D(2022, 9, 20), D(2022, 9, 7), D(2022, 9, 10),
     "on independence day"),  # ("us" the pronoun is no country)
    ("What happened on New Year's Eve 2021?", D(2022, 6, 15), D(2021, 12, 31), D(2022, 1, 3),
     "on New Year's Eve 2021"),
]


@pytest.mark.parametrize("question, as_of, since, until, phrase", CALENDAR)
def test_seasons_quarters_holidays_and_months_ago(question, as_of, since, until, phrase):
    intent = parse_time(question, as_of)
    assert (intent.kind, intent.since, intent.until, intent.phrase) == ("explicit", since, until, phrase)
    assert phrase not in strip_time_words(question, intent)


@pytest.mark.parametrize(
    "question, as_of",
    [
        # names, topics and comparisons that hold the same words
        ("How busy was Thanksgiving travel?", D(2022, 11, 30)),
        ("Which country topped the Summer Olympics medal table?", D(2022, 6, 15)),
        ("Where do students go for spring break?", D(2022, 6, 15)),
        ("What followed the fall of Kabul?", D(2022, 6, 15)),
        ("Will prices fall?", D(2022, 6, 15)),
        ("Who scored in the third quarter?", D(2022, 6, 15)),
        ("Who led in the last quarter of the game?", D(2022, 6, 15)),
        ("What was their last fall like?", D(2022, 6, 15)),
        ("Who was named Person of the Year?", D(2022, 6, 15)),
        ("What lives on Christmas Island?", D(2022, 6, 15)),
        ("What happened in Israel on independence day?", D(2022, 7, 10)),  # (its day moves with the Hebrew calendar)
        ("Which city saw the biggest increase compared to a year ago?", D(2022, 8, 25)),
        ("Where did the plague start over 600 years ago?", D(2022, 6, 17)),
        # a coming holiday or season: nothing published yet lies in or before it
        ("What sales are planned before Christmas?", D(2022, 12, 1)),
        ("Will flights be busy over Thanksgiving?", D(2022, 11, 16)),
        ("Will it be a cold winter?", D(2022, 11, 16)),
        ("How cold will it be this winter?", D(2022, 11, 16)),
    ],
)
def test_calendar_words_that_name_no_window(question, as_of):
    assert parse_time(question, as_of).kind == "none"


@pytest.mark.parametrize(
    "question, relation",
    [
        ("What did the council do after the Usk bridge collapse?", ("after", "the Usk bridge collapse")),
        ("What did Usk do after Ann Pryce's resignation?", ("after", "Ann Pryce's resignation")),
        ("What has changed since the Usk flood?", ("since", "the Usk flood")),
        ("What did engineers say before the Usk bridge collapse?", ("before", "the Usk bridge collapse")),
        ("What happened in the wake of the Gwent Cup final?", ("after", "the Gwent Cup final")),
        ("What did the county warn prior to the Usk flood?", ("before", "the Usk flood")),
        ("How did fares change following the ferry company's takeover?", ("after", "the ferry company's takeover")),
        # a date is parse_time's, not an event
        ("What happened after June 16?", None),
        ("What has changed since March?", None),
        ("What happened after last week's vote?", None),
        # no event named: a quiz's measure of time, a clause about someone, a question
        ("Which show returns next year after a hiatus of almost five years?", None),
        ("Which service received reports of illness following a recall of one of its products?", None),
        ("What did Ann Pryce do after she resigned?", None),
        # a possessive pronoun stands for the name before it
        ("What did Ann Pryce say before her resignation?", ("before", "Ann Pryce’s resignation")),
        ("What happened to Usk Ferries shares after its takeover?", ("after", "Usk Ferries’ takeover")),
        ("What did they say after his resignation?", None),  # no name to stand for
        ("Which band split after how many years together?", None),
        ("The park reopened after being closed since June 13. Why?", None),
        ("Why was the Usk bridge closed after the flood?", None),  # names nothing: "the flood" is no name
        # a reaction to an event is news after it
        ("How did China respond to Ann Pryce's visit?", ("after", "Ann Pryce's visit")),
        ("How did traders react to the Usk Bank's decision?", ("after", "the Usk Bank's decision")),
        ("What was the reaction to Ann Pryce's resignation?", ("after", "Ann Pryce's resignation")),
        ("How did the council respond to the letter?", None),  # names nothing
        ("How will the council respond?", None),
    ],
)
def test_an_event_the_question_dates_itself_by(question, relation):
    from rag.dates import event_relation

    found = event_relation(question, date(2024, 5, 23))
    assert ((found.op, found.event) if found else None) == relation


def test_every_window_a_question_names_is_listed_the_one_read_first_first():
    as_of = date(2024, 4, 12)  # a Friday
    question = "The valley farms reopened on Wednesday after being closed since March 11. What had closed them?"
    windows = time_windows(question, as_of)
    assert [(w.since, w.until, w.phrase) for w in windows] == [
        (date(2024, 4, 10), date(2024, 4, 12), "on Wednesday"),
        (date(2024, 3, 11), date(2024, 4, 12), "since March 11"),
    ]
    assert windows[0] == parse_time(question, as_of)
    assert time_windows("What did the council decide last week?", as_of) == [parse_time("last week", as_of)]
    assert time_windows("Who won the chess title?", as_of) == time_windows("", as_of) == []


def test_a_window_knows_the_days_it_names():
    """"on June 10" names one day, though its window runs on for the reports of the days after it; "last week"
    names seven ("And the day before?" moves the day named: rag.followup)."""
    as_of = D(2024, 6, 12)
    on_the_day = parse_time("What happened on June 10?", as_of)
    assert (on_the_day.since, on_the_day.until, on_the_day.days, on_the_day.day) == (
        D(2024, 6, 10), D(2024, 6, 12), 1, D(2024, 6, 10))
    assert parse_time("What happened yesterday?", as_of).day == D(2024, 6, 11)
    week = parse_time("What happened last week?", as_of)
    assert (week.days, week.day) == (7, None)
    assert parse_time("What happened recently?", as_of).day is None
