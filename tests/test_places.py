"""Known places (rag.places): what a follow-up and a count read as a place."""

from __future__ import annotations

import pytest

from rag.places import is_place, places_asked_in, places_in


@pytest.mark.parametrize("name", ["Cuba", "Wales", "the United States", "Kyiv", "Florida", "UK", "the Netherlands"])
def test_countries_states_capitals_and_big_cities_are_places(name):
    assert is_place(name)


@pytest.mark.parametrize("name", ["Fiona", "Ann Pryce", "Storm Elin", "Usk", "Hurricane", "Tuesday", ""])
def test_people_storms_and_small_towns_are_not(name):
    assert not is_place(name)


def test_a_text_names_its_places_once_under_each_alias():
    text = "Storm Elin's U.S. death toll rose as crews in Florida searched; the United States sent aid to Cuba."
    assert places_in(text) == {"united states", "florida", "cuba"}
    assert places_in("Ann Pryce said the storm was the worst she had seen.") == set()


def test_a_question_asks_about_the_places_after_in_at_or_from():
    assert places_asked_in("How many people died in Cuba from Storm Elin?") == {"cuba"}
    assert places_asked_in("What is the inflation rate in the UK?") == {"united kingdom"}
    assert places_asked_in("What did Ann Pryce say about Wales?") == set()  # "about" is a topic, not where
    assert places_asked_in("Who pointed a gun at Wales's first minister?") == set()  # an owner, not where
