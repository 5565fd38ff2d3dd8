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
        # a decade's "s" is no initial (before, "1990s." ran on into the next sentence)
        ("The ferry first sailed in the 1830s. It sank in 1901.",
         ["The ferry first sailed in the 1830s.", "It sank in 1901."]),
        # a photo credit after the caption, or alone, is no part of a statement (before, both were quoted)
        ("Ferry staff wave from the deck in 2019 Ann Pryce/Getty Images", ["Ferry staff wave from the deck in 2019"]),
        ("The pier reopened. Ivo T. Sand/Usk Weekly/AP", ["The pier reopened."]),
        ("Ann Pryce/AP", []),
        # a caption of a gallery with no title of its own is quoted without the gallery's "Photos:"; a gallery's
        # title alone on its line keeps it (before, the caption was quoted as "Photos: Volunteers fill ...")
        ("Photos: Volunteers fill sandbags near the old stone bridge in Usk on June 3.\nPhotos: Floods in Usk",
         ["Volunteers fill sandbags near the old stone bridge in Usk on June 3.", "Photos: Floods in Usk"]),
        ("The crew thanked Lee/Sand Ferries staff.", ["The crew thanked Lee/Sand Ferries staff."]),
        # a list's dash and a stray colon before a line are left out; a dash inside a sentence stays
        ("– Ann Pryce and Ivo Sand\n: Twenty ferries sailed.\nFares rose 5% -- a record.",
         ["Ann Pryce and Ivo Sand", "Twenty ferries sailed.", "Fares rose 5% -- a record."]),
        # a dateline alone on its line states nothing, and an agency's tag (with its place) opens no sentence
        ("Usk, Wales CNN —\n\nThe ferry sank on Monday.", ["The ferry sank on Monday."]),
        ("(CNN) The ferry sank. Cardiff, Wales (AP) Its crew swam ashore.\nThe (CNN) logo was painted on.",
         ["The ferry sank.", "Its crew swam ashore.", "The (CNN) logo was painted on."]),
        ("Thank you, Ms. Pryce –", ["Thank you, Ms. Pryce –"]),
        ("Fireworks start in Sault Ste. Marie at dusk. The ferry from Ft. Usk sails late.",
         ["Fireworks start in Sault Ste. Marie at dusk.", "The ferry from Ft. Usk sails late."]),
        # as before: listed abbreviations, single initials, and ordinary ends
        ("The U.S. Army said so. Then it left.", ["The U.S. Army said so.", "Then it left."]),
        ("John F. Kennedy spoke. The crowd cheered.", ["John F. Kennedy spoke.", "The crowd cheered."]),
        ("The ferry sank. Nobody was hurt! Was it insured?", ["The ferry sank.", "Nobody was hurt!"]),
        # a newsletter's figure on its own line and the sentence that says what it is are one statement
        ("Five things.\n\n$4.2 million\nThat’s how much a painting sold for. It was a record.",
         ["Five things.", "$4.2 million\nThat’s how much a painting sold for.", "It was a record."]),
        ("36\n\nThat is the typical age of a buyer.", ["36\n\nThat is the typical age of a buyer."]),
        ("The pier reopened.\nThat was a relief.", ["The pier reopened.", "That was a relief."]),
    ],
)
def test_sentence_spans(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text, lede",
    [
        ("Ann Pryce and Ivo Sand\n\nThe Usk ferry sank on Monday. Nobody was hurt.", "The Usk ferry sank on Monday."),
        ("Editor's note: This page recaps the news of May 24.\nThe Usk ferry sank on Monday.",
         "The Usk ferry sank on Monday."),
        ("For our latest coverage of the ferry, see updates from Friday. Click here to follow the inquiry live.\n"
         "The Usk ferry sank on Monday.", "The Usk ferry sank on Monday."),
        ("Usk, Wales CNN —\n\nFerry sinks in Usk\n\nThe Usk ferry sank on Monday, the county said.",
         "The Usk ferry sank on Monday, the county said."),
        ("Ferry sinks\nSo it goes.", None),  # too short to be a lede
        # an opening scene of what usually happens is not the news: the sentence after it is the lede (the bench
        # archive: "What happened in Itaewon?" had quoted "Most weekends, the narrow alleys of Itaewon ... are busy
        # with partygoers and tourists." alone)
        ("Most weekends, the narrow lanes of Usk are busy with shoppers.\nBut on Saturday a crush in one lane killed "
         "15 people, police said.", "But on Saturday a crush in one lane killed 15 people, police said."),
        ("Every year, May Day in Usk is a day of parades. This year it was called off.",
         "This year it was called off."),
        ("Most weekends, the narrow lanes of Usk are busy with shoppers.",
         "Most weekends, the narrow lanes of Usk are busy with shoppers."),  # (nothing after it: the scene it is)
        ("Most of the shops in Usk opened late on Monday.", "Most of the shops in Usk opened late on Monday."),
    ],
)
def test_lede_span(text, lede):
    from rag.sentences import lede_span

    span = lede_span(text)
    assert (text[span[0] : span[1]] if span else None) == lede


@pytest.mark.parametrize(
    "text, ends",
    [
        ("The Usk ferry sank on Monday.", True),
        ("Did the Usk ferry sink?", True),
        ("“The ferry is gone,” she said.", True),
        ("The county called it “a tragedy.”", True),
        ("(The inquiry opens in June.)", True),
        ("Strike over pay: Usk ferry crews and the operator's offer", False),
        ("Usk ferry sinks", False),
        ("What we know about the Usk ferry", False),
    ],
)
def test_ends_like_a_sentence(text, ends):
    from rag.sentences import ends_like_a_sentence

    assert ends_like_a_sentence(f"Before. {text} After.", 8, 8 + len(text)) is ends
