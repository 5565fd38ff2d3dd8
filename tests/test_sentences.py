"""Sentence spans: where a quote starts and ends."""

from __future__ import annotations

import pytest

from rag.sentences import statement_spans


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in statement_spans(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # dotted initials do not end a sentence (before, "J.D." ended one and the quote began "Power 2024 ...")
        ("Usk Ferries ranked first in the J.D. Power 2024 ferry study. The crew was praised.",
         ["Usk Ferries ranked first in the J.D. Power 2024 ferry study.", "The crew was praised."]),
        ("Shares of A.B. Foods fell. Then they rose.", ["Shares of A.B. Foods fell.", "Then they rose."]),
        ("He met J.R.R. Tolkien once. Then he left.", ["He met J.R.R. Tolkien once.", "Then he left."]),
        # titles before a name, and "Bros." in a company's name
        ("Democratic Sens. Ann Lee and Tom Rees voted no. The bill passed.",
         ["Democratic Sens. Ann Lee and Tom Rees voted no.", "The bill passed."]),
        ("The Rev. Carys Lloyd and Army Maj. Gen. Ivo Sand spoke. Capt. Ann Pryce did not.",
         ["The Rev. Carys Lloyd and Army Maj. Gen. Ivo Sand spoke.", "Capt. Ann Pryce did not."]),
        ("Usk Bros. Ferries was sold. The buyer is local.", ["Usk Bros. Ferries was sold.", "The buyer is local."]),
        # "No." before a number is an abbreviation; "no." before a word ends a sentence
        ("The ferry is ranked No. 1 in Wales. It was No. 3 last year.",
         ["The ferry is ranked No. 1 in Wales.", "It was No. 3 last year."]),
        # as before: listed abbreviations, single initials, and ordinary ends
        ("The U.S. Army said so. Then it left.", ["The U.S. Army said so.", "Then it left."]),
        ("John F. Kennedy spoke. The crowd cheered.", ["John F. Kennedy spoke.", "The crowd cheered."]),
        ("The ferry sank. Nobody was hurt! Was it insured?", ["The ferry sank.", "Nobody was hurt!"]),
    ],
)
def test_sentence_spans(text, expected):
    assert sentences(text) == expected
