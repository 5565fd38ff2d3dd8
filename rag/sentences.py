"""Sentence spans in article text: (start, end) character offsets, so quotes stay exact substrings."""

from __future__ import annotations

import re

# Abbreviations whose trailing dot does not end a sentence in news copy.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "st", "jr", "sr",
    "u.s", "u.k", "u.n", "e.u", "d.c", "inc", "corp", "co", "ltd", "vs", "etc", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "a.m", "p.m", "fig", "approx", "mt",
    # titles and names that bench articles print before a capitalised name ("Democratic Sens. Mark Kelly and ...",
    # "the Rev. Jesse Jackson", "Army Maj. Gen. William Taylor", "Warner Bros. Discovery")
    "reps", "sens", "govs", "gens", "rev", "capt", "cpl", "maj", "adm", "cmdr", "pvt", "det", "supt", "atty", "bros",
    "ste", "ft",  # places: "Sault Ste. Marie", "Ft. Myers"
}
_BOUNDARY = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+["“'‘(\[]?[A-Z0-9])|\n""")
_WORD_BEFORE = re.compile(r"(?<![\w'’-])([A-Za-z.]+)$")  # a whole word: the "s" of "1990s." is no initial
_NUMBER_NEXT = re.compile(r"\s*\d")  # "No. 1" is a number; "voted no. The bill passed." ends a sentence
_DOTTED_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")  # "J.D. Power", "A.B. Foods", "J.R.R. Tolkien"


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split text[start:end] into sentences; returns (start, end) offsets into `text`, whitespace trimmed."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        if match.group() != "\n":
            before = _WORD_BEFORE.search(text, cursor, match.start())
            word = before.group(1).lower().rstrip(".") if before else ""
            # "U.S." or "Mr." mid-sentence, a single initial ("John F. Kennedy") or dotted ones ("J.D. Power")
            if word in _ABBREVIATIONS or (word == "no" and _NUMBER_NEXT.match(text, match.end())) or (
                match.group() == "." and ((len(word) == 1 and word.isalpha()) or _DOTTED_INITIALS.fullmatch(word))
            ):
                continue
        _add(text, cursor, match.end(), spans)
        cursor = match.end()
    _add(text, cursor, end, spans)
    return spans


def asking_sentence(question: str) -> str:
    """A question's last sentence, the one that asks ("How many of them voted against him?"): the whole question,
    trimmed, when it has one sentence."""
    spans = [span for span in sentence_spans(question) if question[span[0]:span[1]].strip()]
    return question[spans[-1][0]:spans[-1][1]] if spans else question


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


_ASKS = re.compile(r"\?[\"'”’)\]]*\s*$")


def is_question(sentence: str) -> bool:
    return bool(_ASKS.search(sentence))


# A photo credit that a scraped caption begins with: "Carl Court/Getty Images", "Phil Noble/Pool/Reuters".
_CREDIT = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){1,4}[A-Z][\w.'’-]*"  # the photographer (or an agency of several words)
    r"(?:/(?:[A-Z][\w.&'’-]*\s+){0,3}[A-Z][\w.&'’-]*(?=/))*"  # agencies between slashes
    r"/[A-Z][\w.&'’-]*(?:\s+(?:Images|Press|Pictures|Photos?|News|Agency|Service|Handout))?\s+(?=[A-Z\"“])"
)


# A photo credit printed after the caption, or alone: "... in 2020 Dustin Satloff/Getty Images", "Patrick T.
# Fallon/Bloomberg/Getty Images". Only a photographer's name (first name, an initial, last name) before an agency
# that ends the line.
_TRAILING_CREDIT = re.compile(
    r"(?<!\S)[A-Z][\w'’-]*(?:\s+[A-Z]\.)?\s+[A-Z][\w'’-]*\s*(?:/\s*[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})*"
    r"/(?:Getty Images|AFP|Reuters|AP|Bloomberg|Shutterstock|EPA|Pool)\s*$"
)
# What a line can open with that is not part of its sentence: a list's dash or bullet, or the colon left behind by
# a link the page's scraper took out (": Twenty-two governors have signed ...").
# An agency's tag before a story's first sentence, with the dateline's place if any, is left out as well: "(CNN)
# The ferry sank ...", "Cardiff, Wales (AP) Its crew ...".
_GALLERY_TITLE_WORDS = 6  # "Photos: Queen Elizabeth II's life in pictures": a gallery's title, not a caption
_LEADING_MARK = re.compile(
    r"(?:[-–—:;,|•·*]+\s+|(?!(?:The|A|An|In|On|At|As|But|And|This)\s)(?:[A-Z][\w.'’-]*,?\s+){0,5}\((?:CNN(?:\s+[A-Z][a-z]+)?|AP|AFP|Reuters|UPI)\)\s*)+"
)
# A dateline alone on its line, a place and the outlet before a dash: "Usk, Wales CNN —", "Cardiff CNN
# Business —". It says where the story was filed, not what happened.
_DATELINE = re.compile(r"(?:[A-Z][\w.'’-]*,?\s+){0,5}[A-Z][\w.'’-]*\s*[—–]")


def statement_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the text's sentences that state something. A question ("Which company cut its staff?", as a
    news quiz or a headline asks it) states nothing: it is never quoted as an answer or taken as support. A
    dateline alone on its line ("Cardiff CNN —") states nothing either. A caption's photo credit (before or after
    it), a gallery's title before it, a leading list dash or stray colon and an agency's tag ("(CNN)") are left out
    of its span."""
    spans = []
    for start, end in sentence_spans(text):
        if is_question(text[start:end]) or _DATELINE.fullmatch(text, start, end):
            continue
        trailing = _TRAILING_CREDIT.search(text, start, end)
        if trailing is not None and trailing.start() == start:
            continue  # only a credit: "Rafiq Maqbool/AP"
        credit = _CREDIT.match(text, start, end)
        if credit is None and text.startswith("Photos:", start):
            # a gallery printed one photo a line: "Photos: <gallery title> <credit> <caption>"
            credit = _CREDIT.search(text, start, end)
            if credit is None and len(text[start:end].split()) > _GALLERY_TITLE_WORDS:
                # a caption of a gallery with no title of its own: "Photos: Former Prime Minister Shinzo Abe speaks
                # moments before being shot ..." is the caption, without the widget's word
                start += len("Photos:")
                while start < end and text[start].isspace():
                    start += 1
        if credit is not None:
            start = credit.end()
        mark = _LEADING_MARK.match(text, start, end)
        if mark is not None:
            start = mark.end()
        if trailing is not None:
            end = trailing.start()
            while end > start and text[end - 1].isspace():
                end -= 1
        if end > start:
            if spans and _POINTS_BACK.match(text, start) and _BARE_FIGURE.fullmatch(text, *spans[-1]):
                spans[-1] = (spans[-1][0], end)  # "36" then "That's the typical age of ...": one statement
            elif (opened := _quote_opened_before(text, start, end, spans)) is not None:
                # the end of a quotation and who said it, after the quotation's first sentences: one statement
                first = spans[opened][0]
                del spans[opened:]
                spans.append((first, end))
            else:
                spans.append((start, end))
    return spans


# The last sentence of a quotation of several, with who said it ("Forever,” the Russian president said during the
# annexation ceremony."): it states nothing alone, and is one statement with the quotation's first sentences ("“I
# want the Kyiv authorities ... to hear me. ... People living in ... are becoming our citizens. Forever,” ...").
_QUOTE_TAIL = re.compile(r"[^“”\n]{0,300}?[,.!?…]”\s+(?:[^“”\n.!?]{0,80}?\s)?(?:said|says|told|added|wrote|declared|"
                         r"insisted|warned|tweeted)\b")
QUOTED_SENTENCES_AT_MOST = 5  # sentences of one quotation joined


def _quote_opened_before(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> int | None:
    """The index in `spans` of the sentence that opens the quotation text[start:end] ends and attributes
    (_QUOTE_TAIL), within its paragraph and QUOTED_SENTENCES_AT_MOST sentences back; None if it is no such end."""
    if not _QUOTE_TAIL.match(text, start, end):
        return None
    for back in range(len(spans) - 1, max(-1, len(spans) - QUOTED_SENTENCES_AT_MOST), -1):
        before = text[spans[back][0] : start]
        if "\n" in before or "”" in before:
            return None
        if "“" in before:
            return back
    return None


# A newsletter's figure on a line of its own ("$12.6 million", "36") and the sentence after it that says what it is
# ("That's how much ...", "That's the typical age of ..."): one statement, quoted together.
_BARE_FIGURE = re.compile(
    r"\s*(?:about|nearly|over|more than|almost)?\s*[$£€]?\d[\d,.]*\s*(?:%|[A-Za-z]{1,12})?\s*[.!]?\s*", re.IGNORECASE)
_POINTS_BACK = re.compile(r"[\"“]?That(?:['’]s\b|\s+(?:is|was|will|would|marks|means|made|makes)\b)")


_ENDS_A_SENTENCE = re.compile(r"""[.!?…]["'”’)\]]*$""")
# What a live page prints above its story: an editor's note, a pointer to other coverage, a sign-up.
_NOT_THE_STORY = re.compile(
    r"(?i)editor['’]?s['’]?\s+note\b|.*\b(?:click\s+here|sign\s+up|subscribe|see\s+(?:our\s+|the\s+)?(?:latest\s+)?"
    r"(?:updates|coverage)|for\s+(?:our|the)\s+latest\s+(?:coverage|updates)|follow\s+(?:our\s+|the\s+)?live)\b"
)


def ends_like_a_sentence(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] ends as a sentence does (".", "!", "?", an ellipsis, then closing quotes or
    brackets), unlike a headline or subheading ("Usk flood: what we know")."""
    return bool(_ENDS_A_SENTENCE.search(text, start, end))


# A feature's opening scene: what usually happens, before the news ("Most weekends, the narrow alleys of Itaewon ...
# are busy with partygoers and tourists.", "Every year, September 7 in Brazil is a day of colorful parades ...")
_HABITUAL_OPENING = re.compile(
    r"\s*[\"“]?(?:(?:On\s+)?(?:Most|Every|Each)\s+(?:summer|winter|spring|autumn|fall|week|weekend|day|night|morning|"
    r"evening|year|month|season|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)s?\b|(?:Usually|Normally|Typically|"
    r"Ordinarily)\b)",
    re.IGNORECASE,
)


def lede_span(text: str, min_words: int = 4) -> tuple[int, int] | None:
    """The span of a story's first sentence (its lede) in text that opens the story: the first statement of at
    least `min_words` words that ends as a sentence does; a byline ("Ann Pryce and Ivo Sand"), a subheading, an
    editor's note ("Editor's note: This page recaps the news of May 24.") or a pointer to other coverage ("For our
    latest coverage, see updates from Friday.") before it is not the lede, nor is an opening scene of what usually
    happens ("Most weekends, the alleys of Usk are busy ...") when a sentence follows it. None when there is none."""
    scene = None
    for start, end in statement_spans(text):
        if (len(text[start:end].split()) >= min_words and ends_like_a_sentence(text, start, end)
                and not _NOT_THE_STORY.match(text, start, end)):
            if scene is None and _HABITUAL_OPENING.match(text, start, end):
                scene = (start, end)
                continue
            return start, end
    return scene
