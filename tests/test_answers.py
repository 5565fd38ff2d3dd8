"""rag.ask / rag.Assistant on the seed article and on invented fixture articles."""

from __future__ import annotations

import datetime as dt

import pytest

import rag
from rag.chat import Assistant
from rag.errors import NewsragError
from rag.store import Store
from tests.conftest import SEED_CORPUS, assistant_over, flood_report_with, usk_report


def article_text(config, article_id: str) -> str:
    from rag.articles import load_paths
    from tests.conftest import FIXTURE_CORPUS

    texts = {a.article_id: a.text for a in load_paths([SEED_CORPUS, FIXTURE_CORPUS]).articles}
    return texts[article_id]


def assert_well_cited(answer, config):
    assert not answer.abstained
    assert answer.citations
    for citation in answer.citations:
        assert f"[{citation.n}]" in answer.text
        assert citation.quote in answer.text
        assert citation.quote in article_text(config, citation.article_id)  # quotes are exact
        assert citation.supported


def test_when_question_answers_with_the_date_and_cites_the_seed(seed_assistant, seed_config):
    answer = seed_assistant.ask("When did North Korea blow up the liaison office?")
    assert "June 16" in answer.text
    assert_well_cited(answer, seed_config)
    assert answer.citations[0].title == "After Threats, North Korea Blows up Liaison Office with South Korea"
    assert answer.citations[0].published == "2020-06-16"
    assert answer.mode == "extractive"


def test_who_question_names_kim_yo_jong(seed_assistant, seed_config):
    answer = seed_assistant.ask("Who threatened South Korea before the explosion?")
    assert "Kim Yo Jong" in answer.text
    assert_well_cited(answer, seed_config)


def test_rag_ask_uses_the_configured_index(seed_config, monkeypatch):
    monkeypatch.setenv("NEWSRAG_INDEX_DIR", str(seed_config.index_dir))
    monkeypatch.setattr(rag.chat, "_default", None)
    answer = rag.ask("Who threatened South Korea before the explosion?")
    assert isinstance(answer, rag.Answer) and isinstance(answer.citations[0], rag.Citation)
    assert "Kim Yo Jong" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Who won the 2022 football World Cup final?",
        "What is the population of Brazil?",
        "How much did the new airport in Lisbon cost?",
    ],
)
def test_questions_the_archive_cannot_answer_abstain(fixture_assistant, question):
    answer = fixture_assistant.ask(question)
    assert answer.abstained
    assert answer.citations == []
    assert answer.text.startswith("The archive does not say")


@pytest.mark.parametrize(
    "question, expected, article_id",
    [
        ("Who won the national chess championship?", "Marta Kovalenko", "fx-chess"),
        ("How many residents were evacuated because of Storm Elin?", "1,200", "fx-storm"),
        ("How much will the Port Alden harbour bridge cost?", "48 million euros", None),
        ("Who won the prize for the best sourdough loaf?", "Hanna Olsen", "fx-bakery"),
    ],
)
def test_fixture_questions_are_answered_and_cited(fixture_assistant, fixture_config, question, expected, article_id):
    answer = fixture_assistant.ask(question)
    assert expected in answer.text
    assert_well_cited(answer, fixture_config)
    if article_id:
        assert answer.citations[0].article_id == article_id


def test_instructions_inside_an_article_are_treated_as_text(fixture_assistant):
    answer = fixture_assistant.ask("How many visitors came to the Millbrook bakery festival?")
    assert "9,000" in answer.text
    assert "BANANA" not in answer.text and "developer mode" not in answer.text


def test_syndicated_copies_do_not_fill_the_answer_with_the_same_sentence(fixture_assistant):
    answer = fixture_assistant.ask("How much will the Port Alden harbour bridge cost?")
    quotes = [c.quote.replace(" (Coastal Wire)", "") for c in answer.citations]
    assert len(quotes) == len(set(quotes))


def test_filters_narrow_the_sources(fixture_assistant):
    question = "What happened with the Port Alden harbour bridge?"
    wire = fixture_assistant.ask(question, filters={"sources": ["Coastal Wire"]})
    assert wire.citations and {c.source for c in wire.citations} == {"Coastal Wire"}
    early = fixture_assistant.ask(question, filters={"until": "2023-12-31"})
    assert early.citations and all(c.published <= "2023-12-31" for c in early.citations)
    assert "postponed" in early.text
    none = fixture_assistant.ask(question, filters={"since": "2030-01-01"})
    assert none.abstained and none.citations == []


def test_as_of_is_reported(fixture_assistant):
    answer = fixture_assistant.ask("Who won the national chess championship?", as_of=dt.date(2024, 5, 21))
    assert answer.as_of == "2024-05-21"
    assert fixture_assistant.ask("Who won the national chess championship?").as_of == dt.date.today().isoformat()


def test_stream_yields_text_then_the_answer(seed_assistant):
    pieces = list(seed_assistant.stream("When did North Korea blow up the liaison office?"))
    final = pieces[-1]
    assert isinstance(final, rag.Answer)
    assert len(pieces) > 2 and all(isinstance(p, str) for p in pieces[:-1])
    assert "".join(pieces[:-1]) == final.text


@pytest.mark.parametrize("question", ["", "   \n\t ", "x" * 2001])
def test_unusable_questions_raise_a_clear_error(seed_assistant, question):
    with pytest.raises(NewsragError, match="empty|limit is 2,000"):
        seed_assistant.ask(question)


def test_missing_index_raises_with_what_to_do(tmp_path):
    with pytest.raises(NewsragError, match="no index at .*run `newsrag rebuild`"):
        Assistant(index_dir=tmp_path / "nothing").ask("Anything?")


def test_info_describes_the_index(fixture_assistant, fixture_config):
    info = fixture_assistant.info()
    manifest = Store(fixture_config).read_manifest()
    assert info["articles"] == manifest.articles == 7
    assert (info["date_min"], info["date_max"]) == ("2020-06-16", "2024-05-20")


# A second, unrelated article: the index holds more than the one a test asks about.
MARKET = dict(title="Usk market returns", text="The Saturday market returned to Usk square with forty stalls.",
              source="Usk Courier", url="https://usk.example/market", published="2024-06-01")


def ask_about(tmp_path, embedder, article: dict, question: str):
    """The answer to `question`, asked on 2024-06-10 of a real index that holds `article` and MARKET."""
    from tests.test_retrieval import indexed

    return Assistant(indexed(tmp_path, [article, MARKET], embedder)).ask(question, as_of="2024-06-10")


def test_a_photo_gallery_is_quoted_caption_by_caption(tmp_path, embedder):
    gallery = " ".join(
        f"Photos: Floods in the Usk valley {caption} Hide Caption {n} of 3"
        for n, caption in enumerate([
            "The water reached the high street in Tamsin on June 3.",
            "Volunteers filled sandbags near the old stone bridge.",
            "A farmer walks his cows through a flooded field.",
        ], start=1)
    )
    article = dict(title="Usk valley floods", text=f"The River Usk rose two metres overnight.\n\n{gallery}\n"
                   "The council will meet on Friday to plan repairs.", source="Usk Courier",
                   url="https://usk.example/floods", published="2024-06-04")
    answer = ask_about(tmp_path, embedder, article, "Where did volunteers fill sandbags?")
    assert not answer.abstained
    assert "Volunteers filled sandbags near the old stone bridge." in answer.text
    for citation in answer.citations:
        assert "Hide Caption" not in citation.quote and "Photos:" not in citation.quote


def test_a_question_in_an_article_is_not_quoted_as_its_answer(tmp_path, embedder):
    """News quizzes and headlines ask the very question a user asks; the sentence that answers it is the answer."""
    article = dict(title="Usk news quiz", text="Which bakery won the Usk pie contest? Readers have been asking all "
                   "week. The Mill Street Bakery won the Usk pie contest on Saturday with a leek and cheese pie.",
                   source="Usk Courier", url="https://usk.example/quiz", published="2024-06-08")
    answer = ask_about(tmp_path, embedder, article, "Which bakery won the Usk pie contest?")
    assert not answer.abstained
    assert answer.citations[0].quote.startswith("The Mill Street Bakery won")
    assert all(not c.quote.endswith("?") for c in answer.citations)


def test_a_caption_is_quoted_without_its_photo_credit(tmp_path, embedder):
    text = ("The Usk footbridge reopened on Monday after two years of repairs. Carla Wynn/Usk Courier/Reuters "
            "Engineer Dafydd Price cuts the ribbon on the Usk footbridge with the mayor. The bridge cost 2 million "
            "pounds to repair.")
    article = dict(title="Usk footbridge reopens", text=text, source="Usk Courier", url="https://usk.example/bridge",
                   published="2024-06-03")
    answer = ask_about(tmp_path, embedder, article, "Who cut the ribbon on the Usk footbridge?")
    assert not answer.abstained
    quotes = [c.quote for c in answer.citations]
    assert "Engineer Dafydd Price cuts the ribbon on the Usk footbridge with the mayor." in quotes
    assert all("Reuters" not in q for q in quotes)
    assert all(q in text for q in quotes)  # still exact


def test_a_link_to_another_story_is_not_quoted(tmp_path, embedder):
    """Outlets print "More: <another story's headline>" between paragraphs: a link, not a sentence of the story."""
    text = ("Singer Nova Reyes will open a Las Vegas residency at the Aurora Theatre in December, her label said.\n"
            "More: Why the hottest tickets of the year are Las Vegas residencies\n"
            "READ MORE: Las Vegas residencies: which singers will play the Strip next year\n"
            "Tickets go on sale on Friday.")
    article = dict(title="Nova Reyes to play Las Vegas", text=text, source="Strip Daily",
                   url="https://strip.example/reyes", published="2024-06-03")
    answer = ask_about(tmp_path, embedder, article, "Which singer will launch a Las Vegas residency?")
    assert not answer.abstained
    quotes = [c.quote for c in answer.citations]
    assert quotes[0].startswith("Singer Nova Reyes will open a Las Vegas residency")
    assert all("hottest tickets" not in q and "which singers" not in q for q in quotes)


def test_a_gallery_line_is_quoted_as_its_caption(tmp_path, embedder):
    """Galleries printed one photo a line repeat the gallery's title and the credit before each caption."""
    text = ("The River Usk rose two metres overnight.\n"
            "Photos: Floods in the Usk valley Carla Wynn/Usk Courier/Reuters The water reached the high street in "
            "Tamsin on June 3.\n"
            "Photos: Floods in the Usk valley Owen Hale/Getty Images Volunteers filled sandbags near the old stone "
            "bridge.\n"
            "The council will meet on Friday to plan repairs.")
    article = dict(title="Usk valley floods", text=text, source="Usk Courier", url="https://usk.example/floods",
                   published="2024-06-04")
    answer = ask_about(tmp_path, embedder, article, "Where did volunteers fill sandbags?")
    assert not answer.abstained
    quotes = [c.quote for c in answer.citations]
    assert "Volunteers filled sandbags near the old stone bridge." in quotes
    assert all("Photos:" not in q and "Getty" not in q and "Reuters" not in q for q in quotes)
    assert all(q in text for q in quotes)  # still exact


def test_the_answer_leads_with_the_headline_that_names_what_the_sentence_does_not(tmp_path, embedder):
    from tests.test_options import assistant_over

    story = dict(
        id="lanterns", title="Harbour Lights lantern parade to return for a second summer", source="Usk Courier",
        url="https://usk.example/lanterns", published="2024-06-04",
        text="Organisers said on Monday that the wildly popular evening parade is green lit for a second summer. "
             "Tickets go on sale in July, and the route will again follow the river wall.",
    )
    assistant = assistant_over(tmp_path, embedder, story)
    answer = assistant.ask("Which wildly popular parade was green lit for another summer?", as_of="2024-06-05")
    assert not answer.abstained and "wildly popular evening parade is green lit" in answer.citations[0].quote
    assert answer.text.startswith("From “Harbour Lights lantern parade to return for a second summer”: Organisers")
    assert answer.citations[0].quote in answer.text and answer.citations[0].title in answer.text


def test_a_headline_that_adds_nothing_is_left_out(tmp_path, embedder):
    from tests.test_options import assistant_over

    text = ("The Usk ferry resumed crossings on Monday after repairs. "
            "Passengers said the new deck was steadier, and the fare stays at two pounds.")
    assistant = assistant_over(tmp_path, embedder, text)  # its title is the first sentence
    answer = assistant.ask("When did the Usk ferry resume crossings?", as_of="2024-06-05")
    assert answer.citations[0].quote.startswith("The Usk ferry resumed crossings on Monday")
    assert answer.text.startswith("The Usk ferry resumed crossings on Monday after repairs. [1]")


YARD = dict(
    id="yard", title="Corrin shipyard closes", source="Usk Courier", url="https://usk.example/yard",
    published="2024-06-04",
    text="Workers at the Corrin shipyard lost their jobs this week when the yard's owner went out of business. "
         "The administrators said all 412 workers at the shipyard would be paid until the end of the month. "
         "The yard built ferries for the island routes for more than a century.",
)
RATES = dict(
    id="rates", title="Harbor Reserve lifts rates", source="Usk Courier", url="https://usk.example/rates",
    published="2024-06-05",
    text="The Harbor Reserve raised interest rates again on Wednesday, its fourth increase this year. "
         "Typically, a rise in rates adds only a few dollars a month to the cost of a $25,000 car loan, "
         "brokers said. The bank lifted its main rate by half a percentage point, to 4.5%.",
)

FLOOD_SERVICE = dict(
    id="flood-service", title="Usk remembers the 1999 flood", source="Usk Courier",
    url="https://usk.example/flood-service", published="2024-06-03",
    text="Usk marked the 25th anniversary of the 1999 flood on Sunday with a service on the riverbank that lasted "
         "two hours. An estimated 3,000 people lined the riverbank for the service, the council said. "
         "The river rose by four metres in a single night that winter.",
)


FOOTBRIDGE = dict(
    id="footbridge", title="Usk footbridge collapse", source="Usk Courier", url="https://usk.example/footbridge",
    published="2024-06-03",
    text="The old footbridge over the Usk gave way on Saturday, where 2,000 people were expected for the regatta. "
         "The deaths of 14 people on the footbridge were confirmed on Sunday by the coroner. "
         "Engineers had inspected the bridge in March.",
)


@pytest.mark.parametrize(
    "story, question, quote",
    [
        # "died" is answered by "the deaths of": one word family, which the stemmer leaves apart
        (FOOTBRIDGE, "How many people died when the Usk footbridge collapsed?",
         "The deaths of 14 people on the footbridge were confirmed on Sunday by the coroner."),
        # the first sentence is closer to the question in meaning and words, but holds no number
        (YARD, "How many workers at the Corrin shipyard lost their jobs?",
         "The administrators said all 412 workers at the shipyard would be paid until the end of the month."),
        # "how much ... raise" about a rate wants the rate, not the sentence with a sum of money in it
        (RATES, "How much did the Harbor Reserve raise interest rates?",
         "The bank lifted its main rate by half a percentage point, to 4.5%."),
        # its year, ordinal and duration count nothing: the sentence that counts the people asked about does
        (FLOOD_SERVICE, "How many people lined the riverbank in Usk for the anniversary of the 1999 flood?",
         "An estimated 3,000 people lined the riverbank for the service, the council said."),
    ],
)
def test_a_how_many_or_how_much_question_is_answered_with_the_sentence_that_holds_the_figure(
    tmp_path, embedder, story, question, quote
):
    from tests.test_options import assistant_over

    answer = assistant_over(tmp_path, embedder, story).ask(question, as_of="2024-06-06")
    assert answer.citations[0].quote == quote
    assert quote in answer.text.split("[1]")[0]


@pytest.mark.parametrize(
    "question, kind",
    [
        ("How much did the Fed raise interest rates yesterday?", "number"),
        ("How much did inflation rise in May?", "number"),
        ("How much did the campaign raise in June?", "money"),
        ("How much will the new stadium cost?", "money"),
        ("How many people were evacuated?", "number"),
        # a motive or a reason asks why
        ("What was his motive?", "why"),
        ("What was the gunman's motive?", "why"),
        ("What motivated the attack?", "why"),
        ("What was the reason for the delay?", "why"),
        ("What was the score?", "number"),
        ("What is the bank's new interest rate?", "number"),  # a possessive among the words before "rate"
        ("What is Britain's inflation rate?", "number"),
        # what something is worth asks for a sum; a vote or a margin for its figures
        ("What is Ann Pryce's new contract with Usk Rovers reportedly worth?", "money"),
        ("What was the vote when the council passed the bridge budget on Friday?", "number"),
        ("What was the margin of victory?", "number"),
        ("What was the vote about?", "other"),
        # a person asked for by what they are
        ("Which Usk Rovers pitcher gave up the home run?", "who"),
        ("Ann Pryce scored twice. Which Gwent captain scored the winner?", "who"),
        ("Which expert called it a hurricane?", "who"),
        ("Which player of the year award did she win?", "other"),
        ("The Usk chess club accused which grandmaster of cheating?", "who"),  # ("of" a deed, not "of the year")
        ("Which Gwent MP resigned on Tuesday?", "who"),
        ("Which pop star will sing at the Usk festival?", "who"),
        ("Which film will star Ann Pryce?", "other"),  # (the verb)
        # a place asked for by what it is
        ("At which Gwent airport was the singer arrested?", "where"),
        ("In which Welsh town was Ann Pryce, who died this week, born?", "where"),  # (not the aside's "who")
        ("In which African country was Ann Pryce, who died this week, born?", "where"),
        ("Which country will host the Usk games?", "who"),  # (a name, as for who)
        ("Which town's mayor resigned on Monday?", "who"),
        ("A volcano erupted on which Welsh island on Sunday?", "where"),
        ("The festival returned this week at which venue?", "where"),
        ("Which two states voted to legalise cannabis on Tuesday?", "where"),  # (places, plural)
        ("Which of these countries will the mayor of Usk visit?", "where"),
        ("Which two cities will share the Usk games?", "where"),
    ],
)
def test_question_kind_reads_a_rate_question_as_a_number_and_a_motive_as_why(question, kind):
    from rag.answering.extractive import question_kind

    assert question_kind(question) == kind


OTHER = 0.8  # rag.answering.extractive.OTHER_COUNT_CUE: a number that may count the thing under another name


@pytest.mark.parametrize(
    "question, sentence, cue",
    [
        ("How many pages of documents were seized?", "Agents took about 11,000 pages from the house.", 1.0),
        ("How many pages of documents were seized?", "Agents took 30 boxes from the house.", OTHER),
        ("How many pages of documents were seized?", "Agents searched the house on 8 August 2022.", 0.0),
        ("Officers received how many reported sightings?", "She was found after the 118th reported sighting.", 1.0),
        ("How many people lined the streets?", "It was the 25th anniversary of her death in 1997.", 0.0),
        ("How many people lined the streets?", "The 24-year-old left after less than three years.", 0.0),
        ("How many people lined the streets?", "The fund raised $5 million, 80% of its goal, by 4 p.m.", 0.0),
        ("How many people lined the streets?", "Thousands of people lined the streets.", 0.5),
        ("How many swings were recalled?", "If you own one of these swings, stop using it.", 0.0),
        ("She resigned after how many days in office?", "She left office after 45 days.", 1.0),
        ("She resigned after how many days in office?", "She left office after six weeks.", OTHER),
        ("How many staff were laid off?", "The mill will cut 240 jobs.", 1.0),  # (jobs, workers, employees: staff)
        ("How many staff were laid off?", "The owner laid off half of the mill's staff.", 1.0),
        # (how long: the span of the one asked, not another's; a place is no one)
        ("How long was Ann Pryce mayor?", "Tom Hale quit a few weeks into the job.", 0.5),
        ("How long was Ann Pryce mayor?", "Pryce lasted 45 days as mayor.", 1.0),
        ("How long did the Queen reign?", "After reigning over the United Kingdom for 70 years, she died.", 1.0),
        ("How long is the Usk crossing?", "Passengers said the Usk crossing takes twelve minutes.", 1.0),
    ],
)
def test_a_how_many_question_wants_a_number_that_counts_what_it_asks_about(question, sentence, cue):
    from rag.answering.extractive import _cue

    assert _cue("number", sentence, question) == cue


@pytest.mark.parametrize(
    "question_word, sentence_word, matched",
    [
        ("threat", "threaten", True),  # a longer word of the same start
        ("died", "deaths", True),  # one family (extractive._FAMILIES)
        ("dead", "died", True),
        ("decide", "decision", True),  # the verb ends in d, its noun in s
        ("invasion", "invaded", True),
        ("expand", "expansion", True),
        ("died", "killed", False),  # another word, however close in meaning
        ("decide", "decade", False),
    ],
)
def test_a_key_word_matches_its_other_forms(question_word, sentence_word, matched):
    from rag.answering.extractive import _matches
    from rag.text import stems

    (stem,) = stems(question_word, keep_stopwords=True)
    assert _matches(stem, set(stems(sentence_word, keep_stopwords=True))) is matched


def test_an_open_answer_about_a_name_no_passage_holds_says_so(fixture_assistant):
    """The archive's storm story answers "how many residents were forced out" closely, but not about Kalla: an
    open answer whose question names nothing the passages name is about something else, so it abstains and says
    which name it did not find. With options the choice is still read from the sources."""
    question = "How many residents did Kalla force from their farms?"
    answer = fixture_assistant.ask(question, as_of="2024-03-20")
    assert answer.abstained and not answer.citations
    assert answer.text == "The archive does not say: none of the articles found mentions Kalla."
    named = fixture_assistant.ask(question.replace("Kalla", "Storm Elin"), as_of="2024-03-20")
    assert not named.abstained and "1,200 residents" in named.citations[0].quote
    chosen = fixture_assistant.ask(question, as_of="2024-03-20", options=["About 1,200", "About 9,000"])
    assert not chosen.abstained


@pytest.mark.parametrize(
    "question, text, missing",
    [
        ("How many people died at the Indonesian stadium?", "A stadium in Pensacola reopened.", ["Indonesian"]),
        ("A volcano erupted on which Japanese island?", "Japan said Kyushu's volcano erupted.", []),  # Japan~
        ("What was seized near the Texas-Mexico border?", "Cocaine was found at the US-Mexico border.", []),
        ("Where in the US can't you pump your own gas?", "New Jersey bans it.", []),  # "US": too short to judge
        ("What happened on Monday in June?", "Nothing.", []),  # day and month names are not names
        ("Which broadcaster did a government U-turn save?", "Channel 4 will not be sold.", []),  # "turn": no name
        ("What did Emily Maitlis and Jon Sopel launch?", "A podcast.", ["Emily Maitlis", "Jon Sopel"]),
        # a name's own small words and number stay in it, as written
        ("What did the Institute for Fiscal Studies warn?", "A podcast.", ["Institute for Fiscal Studies"]),
        ("How long did Drake top the Billboard Hot 100?", "A podcast.", ["Drake", "Billboard Hot 100"]),
        ("Who won Euro 2022 for England?", "A podcast.", ["Euro 2022", "England"]),
        # another name for the same thing (rag.text.ALIASES)
        ("Who leads the United Kingdom now?", "Britain has a new leader.", []),
        ("What did the Internal Revenue Service announce?", "The IRS said returns were late.", []),
        ("What did the IRS announce?", "The Internal Revenue Service said returns were late.", []),
        ("What did the IRS announce?", "The tax office said returns were late.", ["IRS"]),
        ("Who leads the United Kingdom now?", "The United States has a new leader.", []),  # "United": a word of it
    ],
)
def test_names_not_found_in_the_passages(question, text, missing):
    from rag.retrieval import names_not_found

    assert names_not_found(question, [_passage(text)], dt.date(2022, 10, 5)) == missing


def _passage(text: str):
    """One passage of an invented article, the whole of `text`."""
    from rag.retrieval import Passage

    return Passage("c1", "a1", 0, text, 1.0, "A headline", "An outlet", "https://x.example/a", "2022-10-01",
                   0, len(text))


def test_a_name_of_several_words_is_held_by_the_words_the_archive_writes_as_names():
    """"Who opened fire at the Caerleon Park parade?" is not answered by a passage about a Brecon park's fire
    service: the archive writes "park" in lower case as often as not, so only "Caerleon" holds the name. A name
    none of whose words the archive writes as a name ("Open Rights Group") is held only by all of them. Without
    the archive's word cases any word of a name holds it, as before. The cases also tell whether the question's
    first word is a name ("Caerleon ...", not "Crowds ...")."""
    from rag.retrieval import names_not_found, question_names
    from rag.text import WordCases

    counted = WordCases()
    counted.add("Crowds filled the park in Caerleon. The new park opened by the river. Brecon Park rangers watched. "
                "Caerleon held a parade. A group of walkers read their rights in the open air.")
    cases = counted.cases()
    day = dt.date(2022, 10, 5)

    passage = _passage
    question = "Who opened fire at the Caerleon Park parade?"
    elsewhere = passage("Rangers of the Brecon Park Fire Service looked for an opening in the burned woods.")
    assert names_not_found(question, [elsewhere], day, cases=cases) == ["Caerleon Park"]
    assert names_not_found(question, [elsewhere], day) == []  # no word cases: "Park" holds it
    assert names_not_found(question, [passage("A gunman fired on the parade in Caerleon.")], day, cases=cases) == []
    group = "What did the Open Rights Group say?"
    assert names_not_found(group, [passage("A group of walkers defended their rights.")], day,
                           cases=cases) == ["Open Rights Group"]
    assert names_not_found(group, [passage("The Open Rights Group said it would appeal.")], day, cases=cases) == []
    # the question's first word is a name when the archive writes it as one ("Caerleon"), not otherwise ("Crowds")
    first = "Caerleon Park reopened after which storm?"
    assert names_not_found(first, [elsewhere], day, cases=cases) == ["Caerleon Park"]
    assert names_not_found("Crowds filled which park in Caerleon?", [passage("Crowds came.")], day,
                           cases=cases) == ["Caerleon"]
    assert question_names("Caerleon beat Usk in which final?", cases) == ["caerleon", "usk"]
    assert question_names("Caerleon beat Usk in which final?") == ["usk"]


def test_a_word_written_in_lower_case_before_a_name_is_part_of_it_unless_a_title():
    """"Gwent’s Social Democrats" are two names, Gwent and the Social Democrats, and a passage about the
    Democrats of the Senate holds neither: "social", which the archive writes in lower case, is part of the party's
    name. A title before a name is not ("Prime Minister Ilona Varga" is held by "Varga")."""
    from rag.retrieval import names_not_found
    from rag.text import WordCases

    counted = WordCases()
    counted.add("The social club met. The Democrats won the Senate vote. In Gwent the prime minister spoke. "
                "Later Ilona Varga spoke for the Democrats again, and social media agreed with Varga.")
    cases = counted.cases()
    day = dt.date(2022, 11, 4)
    question = "Gwent’s Social Democrats won what share of the vote?"
    senate = _passage("The Democrats kept control of the Senate with 51 seats.")
    assert names_not_found(question, [senate], day, cases=cases) == ["Gwent", "Social Democrats"]
    assert names_not_found(question, [_passage("The Social Democrats took 28% of the vote.")], day, cases=cases) == []
    minister = "What did Prime Minister Ilona Varga promise?"
    assert names_not_found(minister, [_passage("Varga promised a new bridge.")], day, cases=cases) == []


def test_an_open_answer_does_not_take_a_park_for_the_park_the_question_names(tmp_path, embedder):
    """Asked who opened fire at the Caerleon Park parade, an archive whose only fire story is a Brecon park's
    (where "park" is mostly written in lower case) does not answer from it: it says no article found mentions
    Caerleon Park. Asked about Brecon Park, it answers from that story."""
    rangers = _article(
        "rangers", "Rangers clear a fire break in the park", "Wales Daily", "2024-07-04",
        "Rangers of the Brecon Park Fire Service opened a fire break along the parade route on Tuesday.\n\n"
        "The park had been closed since the heat wave, and the park's cafe stays shut.\n\n"
        "Visitors to the park were asked to keep to the paths.",
    )
    assistant = assistant_over(tmp_path, embedder, rangers)
    result = assistant.ask("Who opened fire at the Caerleon Park parade?", as_of="2024-07-06")
    assert result.abstained and not result.citations, result.text
    assert result.text == "The archive does not say: none of the articles found mentions Caerleon Park."
    named = assistant.ask("Who cleared a fire break in Brecon Park?", as_of="2024-07-06")
    assert not named.abstained and named.citations[0].article_id == "rangers", named.text
    # with options none of which any source names, the answer falls back to the open one, which reads names so too
    chosen = assistant.ask("Who opened fire at the Caerleon Park parade?", as_of="2024-07-06",
                           options=["Dafydd Rhys", "Owain Price"])
    assert chosen.abstained and not chosen.citations, chosen.text
    assert chosen.text.startswith("None of the options is named in the sources found. The archive does not say"), \
        chosen.text



FINANCE = dict(
    id="finance", title="Varga named finance minister", source="Usk Courier", url="https://usk.example/varga",
    published="2024-06-03",
    text="Ilona Varga was named finance minister of the island council on Monday. "
         "Varga has promised to balance the island's budget within two years. "
         "Business groups welcomed her appointment.",
)
COACH = dict(
    id="coach", title="Usk Rovers coach sacked", source="Board News", url="https://board.example/coach",
    published="2024-06-04",
    text="The Usk Rovers chairman said coach Anders Holm was fired because of a run of nine straight defeats. "
         "The club will name a new coach in July.",
)
FAIR = dict(
    id="fair", title="Brenn fair opens", source="Town Crier", url="https://crier.example/fair", published="2024-06-02",
    text="The summer fair opened in Brenn on Saturday with forty stalls. "
         "Organisers expect ten thousand visitors over the weekend. Parking on the quay is free.",
)


def test_an_open_answer_quotes_only_passages_that_mention_what_the_question_names(tmp_path, embedder):
    """The coach's firing matches "Why was Varga fired?" and "Why did Brenn fire its coach?" closely, but that
    article never mentions Varga or Brenn: its sentence answers neither. The articles that name Varga or Brenn say
    nothing to the point, so those answers abstain and say which articles they read (before, Varga's appointment
    was quoted as why she was fired: a sentence that shares only the names is no reason). Asked about the coach
    himself, or about no name at all, the answer quotes the coach's article."""

    assistant = assistant_over(tmp_path, embedder, FINANCE, COACH, FAIR)
    varga = assistant.ask("Why was Varga fired?", as_of="2024-06-05")
    assert varga.abstained and not varga.citations
    assert varga.text == "The archive does not say: the articles found that mention Varga do not answer this."
    brenn = assistant.ask("Why did Brenn fire its coach?", as_of="2024-06-05")
    assert brenn.abstained and not brenn.citations
    assert brenn.text == "The archive does not say: the articles found that mention Brenn do not answer this."
    for question in ("Why was Holm fired?", "Why was the coach fired?"):
        answer = assistant.ask(question, as_of="2024-06-05")
        assert not answer.abstained and "nine straight defeats" in answer.citations[0].quote


LEAGUE = dict(
    id="league", title="Gwent League fixtures out", source="Town Crier", url="https://crier.example/league",
    published="2024-06-01",
    text="The Gwent League published its fixtures for the new season on Saturday. "
         "Twelve clubs will play twenty-two rounds from August. The opening round falls on August 10.",
)


def test_a_name_that_says_what_kind_of_thing_is_asked_for_need_not_be_in_the_answer(tmp_path, embedder):
    """"Which Gwent League club fired its coach?" asks for a club, and "Gwent League" says what kind: the report
    that answers names the club (Usk Rovers), not its league. Before, only the passages that name Gwent League could
    answer, and the answer quoted the fixtures story ("The Gwent League published its fixtures ..."), which says
    nothing of a coach. A name elsewhere in the question
    is still one the answer's articles must name ("Why did Brenn fire its coach?"), and so is one after "what" in
    the middle of a sentence ("... what Brenn calls ...": no kind of thing asked for)."""
    from rag.retrieval import passages_naming

    assistant = assistant_over(tmp_path, embedder, FINANCE, COACH, FAIR, LEAGUE)
    for options in ((), ("Usk Rovers", "Brenn Town")):
        answer = assistant.ask("Which Gwent League club fired its coach after a run of defeats?", as_of="2024-06-05",
                               options=options)
        assert not answer.abstained, answer.text
        assert "nine straight defeats" in answer.citations[0].quote
    brenn = assistant.ask("Why did Brenn fire its coach?", as_of="2024-06-05")
    assert brenn.text == "The archive does not say: the articles found that mention Brenn do not answer this."
    passages = assistant.retrieve("Which Gwent League club fired its coach?", as_of="2024-06-05")
    names, naming = passages_naming("Which Gwent League club fired its coach?", passages, dt.date(2024, 6, 5))
    assert (names, len(naming)) == ([], len(passages))
    names, naming = passages_naming("Which club fired what Brenn calls its coach?", passages, dt.date(2024, 6, 5))
    assert names == ["Brenn"] and "coach" in {p.article_id for p in passages} - {p.article_id for p in naming}


def test_a_sentence_that_shares_only_the_questions_names_is_not_evidence_unless_close_in_meaning(fixture_assistant):
    """The chess story names Kovalenko but says nothing of residents, force or farms: "Kovalenko, 19, is the
    youngest player ever to win the title" does not answer how many residents Kovalenko forced from their farms
    (the storm story that does answer it never names Kovalenko). Asked what the story does say, it answers."""
    answer = fixture_assistant.ask("How many residents did Kovalenko force from their farms?", as_of="2024-06-01")
    assert answer.abstained and not answer.citations
    assert answer.text == "The archive does not say: the articles found that mention Kovalenko do not answer this."
    age = fixture_assistant.ask("How old is Kovalenko?", as_of="2024-06-01")
    assert not age.abstained and "Kovalenko, 19," in age.citations[0].quote
    who = fixture_assistant.ask("Who is Kovalenko?", as_of="2024-06-01")
    assert not who.abstained and who.citations[0].article_id == "fx-chess"


def test_how_a_question_is_put_is_not_what_it_asks(fixture_assistant):
    """"What is going on with Kovalenko?", "What happened to Kovalenko?": "going on" and "happened" are how the
    question is put; the chess story about Kovalenko answers it though it has neither word (before, "going on"
    counted as what was asked, the story shared only the name, and the answer abstained)."""
    for question in ("What is going on with Kovalenko?", "What happened to Kovalenko?", "Any news about Kovalenko?"):
        answer = fixture_assistant.ask(question, as_of="2024-06-01")
        assert not answer.abstained, (question, answer.text)
        assert answer.citations[0].article_id == "fx-chess"
        assert "Kovalenko" in answer.citations[0].quote
    # what is asked beyond the name still has to be answered
    farms = fixture_assistant.ask("What happened to the farms Kovalenko forced residents from?", as_of="2024-06-01")
    assert farms.abstained, farms.text


def test_a_quoted_sentence_that_opens_with_he_or_she_is_led_by_the_one_that_says_who(tmp_path, embedder):
    """"He is the youngest person ever to lead the town council" answers who leads it only after "Tomas Reyes was
    sworn in as mayor of Usk on Monday": the quote holds both (before, it held the "He" sentence alone)."""

    mayor = dict(
        id="usk-mayor", title="Usk swears in a mayor", source="Usk Courier", url="https://usk.example/mayor",
        published="2024-06-03",
        text="Tomas Reyes was sworn in as mayor of Usk on Monday.\nHe is the youngest person ever to lead the town "
        "council, at 29. The ceremony was held in the old market hall.",
    )
    coach = dict(
        id="usk-coach", title="Usk Otters change coach", source="Usk Courier", url="https://usk.example/coach",
        published="2024-06-04",
        text="The Usk Otters dismissed coach Ivo Sand on Friday after nine defeats.\nHe was replaced by Mara Holt, "
        "the club's youth coach, who starts on Monday.",
    )
    assistant = assistant_over(tmp_path, embedder, mayor, coach)
    answer = assistant.ask("Who is the youngest person ever to lead the Usk town council?", as_of="2024-06-05")
    assert not answer.abstained, answer.text
    quote = answer.citations[0].quote
    assert quote.startswith("Tomas Reyes was sworn in as mayor of Usk on Monday.") and "He is the youngest" in quote
    assert answer.text.count("Tomas Reyes was sworn in") == 1
    # the sentence that names the chosen option is cited so too
    chosen = assistant.ask("Who replaced Ivo Sand as coach of the Usk Otters?", as_of="2024-06-05",
                           options=["Mara Holt", "Ola Lind"])
    assert "“Mara Holt”" in chosen.text, chosen.text
    assert chosen.citations[0].quote.startswith("The Usk Otters dismissed coach Ivo Sand on Friday")
    assert "He was replaced by Mara Holt" in chosen.citations[0].quote


def test_a_day_said_relative_to_the_question_is_no_key_word():
    """"Who died yesterday?" shares "died" with "Ann Pryce died on Thursday", which answers it: the report names
    the day, not "yesterday" (the date window reads that). On the bench archive, asked 2022-09-09, the Queen's death
    on the 8th had been unsupported (half the key words missing) and the answer abstained."""
    from rag.answering.extractive import key_word_weights

    for question in ("Who died yesterday?", "Who died today?", "Who dies tomorrow?", "Who died tonight?"):
        assert key_word_weights(question) == {"die": 1.0}, question
    assert "monday" in key_word_weights("Who resigned on Monday?")  # a day the report may name as it is


def test_a_question_that_says_shot_or_won_is_answered_by_a_sentence_that_says_shooting_or_winning(tmp_path, embedder):
    """"Who shot Piet Kool?" is answered by "Lena Ward ... is charged with the shooting of Piet Kool": an irregular
    verb form and the verb's other forms are one word in the answerer (before, "shot" and "shooting" shared
    nothing, so the sentence shared only the names and the answer led with one that does not say who)."""
    from rag.answering.extractive import key_word_weights, verb_stems

    for question, sentence, verb in [
        ("Who shot Piet Kool?", "charged with the shooting of Piet Kool", "shoot"),
        ("Who won the Usk regatta?", "winning the Usk regatta for the third year", "win"),
        ("What did the Usk council sell?", "the council is selling the old market hall", "sell"),
    ]:
        assert verb in key_word_weights(question) and verb in verb_stems(sentence), (question, sentence)
    ferry = dict(
        id="usk-ferry", title="Usk ferryman hurt", source="Usk Courier", url="https://usk.example/ferry",
        published="2024-06-03",
        text="Piet Kool was shot on the landing stage of the Usk ferry on Sunday morning.\n"
        "Lena Ward, a former deckhand, is charged with the shooting of Piet Kool on the landing stage on Sunday, "
        "police said.\nPiet Kool is in a stable condition in hospital in Usk.",
    )
    assistant = assistant_over(tmp_path, embedder, ferry)
    shot = assistant.ask("Who shot Piet Kool?", as_of="2024-06-05")
    assert not shot.abstained, shot.text
    assert shot.citations[0].quote.startswith("Lena Ward"), shot.text


@pytest.mark.parametrize(
    "question, kind",
    [
        ("When will the new Usk bridge open?", "when"),
        ("The ferry strike began in March and lasted until when?", "when"),
        ("Tell me when the Usk council votes on the budget", "when"),
        ("What year did the Usk festival begin?", "when"),
        ("When Ann Pryce died, who took in her two dogs?", "who"),
        ("The Usk concert was cut short when what happened?", "other"),
        ("What did the airline offer passengers when their flights were cancelled?", "other"),
        ("Which Usk shop was mocked when it said it would close for the funeral?", "other"),
        ("The council has set a new date for the bridge vote. How soon could it take place?", "when"),
        ("What is the deadline for residents to apply for the Usk flood grant?", "when"),
        ("By when must the bridge repairs be finished?", "when"),
    ],
)
def test_question_kind_reads_when_only_as_the_question_word(question, kind):
    """"when" in a clause that sets the scene ("When she died, who ...", "... cut short when what happened?") does
    not make the question ask for a date."""
    from rag.answering.extractive import question_kind

    assert question_kind(question) == kind


def test_a_question_that_opens_with_a_when_clause_is_answered_by_who_not_by_the_date(tmp_path, embedder):
    """"When Ann Pryce died, who took in her two dogs?" asks who: before, the "when" made it a date question and
    the answer quoted the sentence that says when she died."""

    dogs = dict(
        id="usk-dogs", title="Mayor's dogs find a home", source="Usk Courier", url="https://usk.example/dogs",
        published="2024-03-08",
        text="Ann Pryce died on 4 March 2024 at her home by the river, aged 81.\n"
        "Her two dogs were taken in by Rhys Morgan, who lived next door to Ann Pryce, the town council said.\n"
        "A memorial service will be held in the town hall next month.",
    )
    assistant = assistant_over(tmp_path, embedder, dogs)
    result = assistant.ask("When Ann Pryce died, who took in her two dogs?", as_of="2024-03-10")
    assert not result.abstained, result.text
    assert "taken in by Rhys Morgan" in result.citations[0].quote, result.text  # (led by the sentence naming her)


def test_a_who_question_is_not_answered_by_a_sentence_whose_only_name_is_its_opening_words(tmp_path, embedder):
    """"An Irish climber fell ..." names nobody: its capitalised opening ("An Irish") is not a person's name, so it
    gets no "who" cue, and "Who rescued the climber?" is answered by the sentence that names the rescuer."""
    from rag.answering.extractive import _cue

    question = "Who rescued the climber on Pen y Fan?"
    for sentence, cue in [
        ("An Irish climber fell on Pen y Fan on Saturday afternoon.", 0.0),
        ("The Brecon Beacons were closed to walkers.", 1.0),
        ("In Cardiff Carys Lloyd said the search was over.", 1.0),
        ("The Kremlin said nothing.", 0.0),
    ]:
        assert _cue("who", sentence, question) == cue, sentence
    climber = dict(
        id="pen-y-fan", title="Climber rescued", source="Brecon Post", url="https://brecon.example/climber",
        published="2024-05-12",
        text="An Irish climber fell on Pen y Fan on Saturday afternoon.\n"
        "Volunteer Carys Lloyd reached the climber on Pen y Fan after a two-hour search.\n"
        "The climber is recovering in hospital in Brecon.",
    )
    assistant = assistant_over(tmp_path, embedder, climber)
    result = assistant.ask(question, as_of="2024-05-13")
    assert not result.abstained, result.text
    assert "Carys Lloyd" in result.citations[0].quote, result.text


def test_who_attacked_someone_is_answered_by_the_sentence_that_names_them_by_the_last_name(tmp_path, embedder):
    """"Who attacked Gwilym Hart?" is answered by "Dafydd Rhys, 31, is accused of attacking Hart ...": news names a
    person by the last name after the first mention, so "Hart" holds "Gwilym Hart" there. Before, the sentence that
    names him whole but not who attacked him led (the bench archive: "Who attacked Salman Rushdie?" led with "The
    man suspected of stabbing ... Salman Rushdie ... pleaded not guilty", not with "Hadi Matar, 24, is accused of
    stabbing Rushdie"). Another first name before the last ("Megan Hart") is another person; "hart" in lower case
    is no name."""
    from rag.answering.extractive import _first_names, _named_by_last_name, verb_stems

    people = _first_names("Who attacked Gwilym Hart?")
    for sentence, credited in [
        ("Dafydd Rhys, 31, is accused of stabbing Hart on Friday.", {"gwilym"}),
        ("Poet Hart was stabbed at a reading.", {"gwilym"}),
        ("His sister Megan Hart said he was recovering.", set()),
        ("The hart is a red deer stag.", set()),
        ("Gwilym Hart was stabbed on Friday.", set()),  # (named whole: nothing to credit)
    ]:
        assert _named_by_last_name(sentence, set(verb_stems(sentence)), people) == credited, sentence
    attack = usk_report(
        "usk-attack", "Poet stabbed at Usk reading", "2024-04-13",
        "The man suspected of attacking the renowned poet Gwilym Hart in Usk pleaded not guilty on Saturday to "
        "attempted murder, his lawyer said.\n"
        "Dafydd Rhys, 31, is accused of attacking Hart at a reading in the town hall on Friday, police said.\n"
        "Hart is recovering in hospital in Newport, his publisher said.")
    assistant = assistant_over(tmp_path, embedder, attack)
    result = assistant.ask("Who attacked Gwilym Hart?", as_of="2024-04-14")
    assert not result.abstained, result.text
    assert "Dafydd Rhys" in result.citations[0].quote, result.text


def test_who_killed_someone_is_answered_by_the_sentence_that_names_the_shooter(tmp_path, embedder):
    """"Who killed Gwilym Hart?" is answered by "The suspect, Dafydd Rhys, ... has admitted to shooting Hart":
    a killing is told by its means (shot, stabbed) and its doer as the suspect, the gunman or the killer, not
    with the word "killed". Before, the answer opened with a mayor's words on "his killing", whose name was taken
    for the doer's (the bench archive: "Who killed Shinzo Abe?" opened with President Biden's words, and the
    sentence naming Tetsuya Yamagami was not evidence). A shooting is a killing's means, not the reverse: "Who shot
    ...?" is not answered by a stabbing."""
    from rag.answering.extractive import deed_kin, names_the_doer

    question = "Who killed Gwilym Hart?"
    assert names_the_doer("The suspect, Dafydd Rhys, who was held at the scene, has admitted to shooting Hart.",
                          question)
    assert names_the_doer("Hart was shot dead by Dafydd Rhys outside the town hall.", question)
    assert names_the_doer("Police named the gunman as Dafydd Rhys, 41, after Hart was murdered.", question)
    assert not names_the_doer("Mayor Owain Price said Hart's killing was a tragedy for the town.", question)
    assert not names_the_doer("Mayor Owain Price said that his killing was a tragedy for Hart's town.", question)
    assert not names_the_doer("Dafydd Rhys stabbed Hart in the arm.", "Who shot Gwilym Hart?")
    assert "shoot" in deed_kin("kill")[0] and "kill" not in deed_kin("shoot")[0]
    killing = usk_report(
        "usk-killing", "Poet shot dead in Usk", "2024-04-13",
        "Gwilym Hart, the poet and former mayor of Usk, has died after being shot during a reading on Friday.\n"
        "Mayor Owain Price said he was shocked and saddened, and that his killing was a loss to Hart's town.\n"
        "The suspect, Dafydd Rhys, who was held at the scene, has admitted to shooting Hart, police said.\n"
        "Hart was taken to hospital in Newport, where he was pronounced dead.")
    assistant = assistant_over(tmp_path, embedder, killing)
    result = assistant.ask(question, as_of="2024-04-14")
    assert not result.abstained, result.text
    assert "Dafydd Rhys" in result.citations[0].quote, result.text


def test_how_much_something_rose_is_answered_by_the_change_not_a_level(tmp_path, embedder):
    """"How much did the Usk Building Society raise rates?" asks for a change ("an increase of 0.5 percentage
    point", "rose 9.1%", "by a half percentage point"), not for a level or a goal that holds a number too ("which it
    wants down to its 2% target"). Before, the goal came first: both hold a percentage (the bench archive:
    asked on 2022-11-03, "How much did the Fed raise rates?" opened with "... to lower inflation to the Fed's 2%
    target" and quoted "an increase of 0.75 percentage point" second)."""
    from rag.answering.extractive import _CHANGE, _CHANGE_ASKED

    for told in ("an increase of 0.75 percentage point", "rose 9.1% from a year earlier", "a 75-basis-point hike",
                 "raised its rate by a half percentage point", "prices were up 8.2%", "tumbled by 86 cents"):
        assert _CHANGE.search(told), told
    for level in ("to lower inflation to its 2% target", "rose to 9.1%", "the index closed at least 1% higher"):
        assert not _CHANGE.search(level), level
    assert _CHANGE_ASKED.search("By how much did prices rise?")
    assert not _CHANGE_ASKED.search("How much did Ann Pryce pay for the mill?")
    rates = usk_report(
        "usk-rates", "Usk Building Society raises rates", "2024-05-02",
        "How much the Usk Building Society raises rates from here depends on inflation, which it wants down to its "
        "2% target, its chief executive said.\n"
        "On Wednesday the society raised mortgage rates -- an increase of 0.5 percentage point -- for the fourth "
        "time this year.\n"
        "Borrowers in Usk said they would feel it.")
    assistant = assistant_over(tmp_path, embedder, rates)
    result = assistant.ask("How much did the Usk Building Society raise rates?", as_of="2024-05-03")
    assert not result.abstained, result.text
    assert "0.5 percentage point" in result.citations[0].quote, result.text


def test_a_sentence_that_only_repeats_the_question_is_not_its_answer(tmp_path, embedder):
    """A round-up's teaser "The best ferry in Wales for 2024 named" holds every word of "Which ferry was named the
    best in Wales for 2024?" and nothing else: it is not evidence, so the answer quotes the report that names the
    ferry and not the teaser too (before, the teaser was quoted as the second citation). A yes-or-no question may
    still be confirmed by such a sentence."""
    from rag.answering.extractive import echo_test, verb_stems

    question = "Which ferry was named the best in Wales for 2024?"
    teaser = "The best ferry in Wales for 2024 named"
    assert echo_test(question)(set(verb_stems(teaser)))
    assert not echo_test(question)(set(verb_stems("The Usk ferry was named the best in Wales for 2024.")))
    assert not echo_test("Was the best ferry in Wales for 2024 named?")(set(verb_stems(teaser)))
    roundup = dict(
        id="roundup", title="Five things for Monday", source="Usk Courier", url="https://usk.example/five",
        published="2024-05-13",
        text=f"{teaser}\n\nIt has been a stormy year on the water, but the judges found one crossing stayed calm.\n\n"
        "Market hall to reopen\n\nThe old market hall in Usk opens its doors again on Saturday after repairs.",
    )
    award = dict(
        id="award", title="Usk crossing wins award", source="Wales Travel", url="https://travel.example/usk",
        published="2024-05-10",
        text="The Usk ferry has been named the best ferry in Wales for 2024 by the Wales Travel Guild.\n"
        "The guild praised the crew of the Usk ferry for keeping to the timetable through the winter storms.",
    )
    assistant = assistant_over(tmp_path, embedder, roundup, award)
    result = assistant.ask(question, as_of="2024-05-14")
    assert not result.abstained, result.text
    assert "The Usk ferry has been named" in result.citations[0].quote, result.text
    assert all(c.quote != teaser for c in result.citations), result.text


def test_a_quote_is_not_cut_at_dotted_initials(tmp_path, embedder):
    """"... in the J.D. Power 2024 ferry study" is one sentence: the quote holds all of it (before, it began
    "Power 2024 ...", cut at the initials' last dot)."""
    study = dict(
        id="ferry-study", title="Ferry satisfaction study", source="Usk Courier", url="https://usk.example/study",
        published="2024-05-20",
        text="Usk Ferries ranked first for passenger satisfaction in the J.D. Power 2024 Welsh Ferry Study.\n"
        "The study surveyed 4,000 passengers on six routes.",
    )
    assistant = assistant_over(tmp_path, embedder, study)
    result = assistant.ask("Which ferry company ranked first for passenger satisfaction?", as_of="2024-05-22")
    assert not result.abstained, result.text
    assert result.citations[0].quote.startswith("Usk Ferries ranked first"), result.text
    assert "J.D. Power 2024 Welsh Ferry Study." in result.citations[0].quote, result.text


@pytest.mark.parametrize(
    "question, expected",
    [
        ("What happened in Usk?", True),
        ("So what is going on with the Usk ferry?", True),
        ("What do we know about the Usk flood?", True),
        ("Any news on the ferry strike?", True),
        ("Give me an update on the bridge repairs", True),
        ("Usk flood", True),  # a topic typed as a search
        ("What did Ann Pryce say?", True),  # its only key words are names
        ("Why did the Usk ferry stop?", False),
        ("How many homes did the flood reach?", False),
        ("Who runs the Usk ferry?", False),
        ("The ferry stopped running this week because of:", False),  # a quiz's unfinished sentence
        ("The concert was cut short when what happened?", False),
        ("What did the Usk council decide about the slipway?", True),  # the deed is asked for
        ("What did the Usk high court rule in Hale?", True),  # a court's deed
        ("The council announced it will do what this week?", True),
        ("What did the council vote on?", False),
    ],
)
def test_which_questions_ask_what_happened(question, expected):
    from rag.answering.extractive import asks_what_happened

    assert asks_what_happened(question) is expected


def test_a_question_after_a_deed_is_answered_by_the_sentence_that_tells_it_not_one_that_repeats_its_verb(
    tmp_path, embedder
):
    """"What did the council decide?": the report's lede tells the decision in its own verb ("voted to close"), and
    a later line about who decides holds "deciding", which would make it the closest in words. The deed's verbs
    ("do", "decide", "announce", "say") are how such a question is put, not what a sentence must hold."""
    report = dict(
        id="slipway", title="Council votes on slipway", source="Usk Courier", url="https://usk.example/slipway",
        published="2024-05-22",
        text="The Usk town council voted on Tuesday to close the old ferry slipway for good and sell the land. "
        "Nine councillors decide what to do with the slipway at every meeting of the Usk town council. "
        "The ferry has used the new pontoon since 2021.",
    )
    assistant = assistant_over(tmp_path, embedder, report)
    for question in ("What did the Usk town council decide about the slipway?",
                     "The Usk town council announced it will do what with the slipway?"):
        result = assistant.ask(question, as_of="2024-05-23")
        assert not result.abstained, result.text
        assert result.citations[0].quote.startswith("The Usk town council voted on Tuesday"), result.text


def test_what_a_court_ruled_is_answered_by_the_lede_that_tells_the_ruling(tmp_path, embedder):
    """"What did the court rule in Hale v Usk?" asks for the ruling, which the report's lede tells in its own verb
    ("overturned the ban, holding that ..."), without the case's name; the later lines that name the case or the
    court and say "ruling" or "rule" are closer in words and tell none. A court's "rule" is asked as a council's
    "decide" is: how the question is put, not a word the answer must hold."""
    report = dict(
        id="hale", title="Court lifts Usk ferry ban", source="Usk Courier", url="https://usk.example/hale",
        published="2024-06-07",
        text="The Usk high court on Friday overturned the ban on Sunday ferry crossings, holding that the county "
        "council had no power to stop them.\n\n"
        + "The ferry crossed the river seven times a day before the ban, and the town's shops say they lost trade "
        "on every Sunday it was in force. " * 14
        + "\n\nLawyers for the council said they would study the ruling in Hale v Usk before deciding on an "
        "appeal. Judges at the Usk high court rule on a dozen ferry cases a year, its clerk said.",
    )
    assistant = assistant_over(tmp_path, embedder, report)
    answer = assistant.ask("What did the Usk high court rule in Hale v Usk?", as_of="2024-06-08")
    assert not answer.abstained, answer.text
    assert answer.citations[0].quote.startswith("The Usk high court on Friday overturned the ban"), answer.text


def test_a_question_about_what_happened_is_answered_by_the_lede(tmp_path, embedder):
    """"What happened in Usk?" wants the news, which a report states in its opening sentence; its later paragraphs
    name the town in a subheading, a caption and a quote that are closer to the question's words. The answer reads
    the first chunk of the articles found (here the search finds the later ones) and quotes the lede first."""
    background = (
        "The river has a long history of rising fast after heavy rain in the hills to the north. Engineers "
        "surveyed the old embankments in 2019 and warned that parts of them were too low for the storms that now "
        "arrive every winter. A plan to raise them by a metre was drawn up, costed and put out to consultation, "
        "but the money was never found, and the work was put off from one budget to the next. Farmers upstream "
        "have planted trees along the banks to slow the water, and a volunteer group checks the gauges every "
        "morning from October to March. "
    )
    report = dict(
        id="flood", title="Flood forces hundreds from homes", source="Usk Courier", url="https://usk.example/flood",
        published="2024-05-22",
        text="Floodwater from the river swept through the town centre of Usk on Tuesday night, forcing 200 "
        "residents from their homes and closing the old bridge for a week.\n\n"
        + background * 2
        + "\n\nSmall town of Usk left 'stunned'\n\n"
        "Residents of Usk gather at the church hall on May 22.\n\n"
        "\"What happened in Usk should never happen again,\" said councillor Ann Pryce.\n\n"
        "The town's rugby club opened its doors to families who could not stay with relatives.",
    )
    assistant = assistant_over(tmp_path, embedder, report)
    result = assistant.ask("What happened in Usk?", as_of="2024-05-23")
    assert not result.abstained, result.text
    assert result.citations[0].quote.startswith("Floodwater from the river swept through"), result.text
    # a question after one fact is scored as before: the lede has no edge
    fact = assistant.ask("Who said the flood should never happen again?", as_of="2024-05-23")
    assert "Ann Pryce" in fact.citations[0].quote, fact.text


@pytest.mark.parametrize(
    "question, expected",
    [
        ("What happened yesterday?", True),
        ("What are the top stories this week?", True),
        ("What's in the news today?", True),
        ("Any news?", True),
        ("Headlines", True),
        ("Give me a summary of last week", True),
        ("What happened to the Usk ferry yesterday?", False),  # it asks about something
        ("Who won yesterday?", False),
        ("What happened in Usk?", False),
        ("What is the weather today?", False),
        ("Top sports stories this week", True),  # one desk's news (see rag.desks)
        ("What happened in business this week?", True),
        ("Opinion pieces this week", True),
        ("What did the health secretary say yesterday?", False),
    ],
)
def test_which_questions_ask_for_a_briefing(question, expected):
    from rag.answering.extractive import asks_for_briefing

    assert asks_for_briefing(question, dt.date(2024, 5, 23)) is expected


def test_an_outlet_the_question_names_is_no_subject_of_a_briefing():
    from rag.answering.extractive import asks_for_briefing

    day = dt.date(2024, 5, 23)
    assert asks_for_briefing("What did Wales Daily report yesterday?", day, ["Wales Daily"])
    assert not asks_for_briefing("What did Wales Daily report yesterday?", day)  # "Wales Daily" read as a subject


def _article(id_, title, source, published, text, section=""):
    host = f"https://{source.lower().replace(' ', '')}.example"
    url = f"{host}/{published.replace('-', '/')}/{section}/{id_}/index.html" if section else f"{host}/{id_}"
    return dict(id=id_, title=title, source=source, url=url, published=published, text=text)


def _three_flood_reports() -> list[dict]:
    """One story, a flood in Usk, told by three outlets on 2024-05-22: the day's most reported in a briefing."""
    lede = "Floodwater from the River Usk swept through the town centre on {day}, forcing {n} residents from home."
    return [
        _article("flood-a", "River Usk floods the town centre", "Usk Courier", "2024-05-22",
                 lede.format(day="Wednesday", n="200")),
        _article("flood-b", "Hundreds leave homes as the Usk floods", "Wales Daily", "2024-05-22",
                 lede.format(day="Wednesday night", n="about 200")),
        _article("flood-c", "Usk flood: town centre under water", "Border News", "2024-05-22",
                 lede.format(day="Wednesday evening", n="some 200")),
    ]


def test_a_briefing_quotes_the_ledes_of_the_most_reported_stories(tmp_path, embedder):
    """"What happened yesterday?" names no subject: the answer is the day's news, the stories most articles of that
    day report, each by its lede, with the other outlets under "also reported by"; older news stays out."""
    flood = "Floodwater from the River Usk swept through the town centre on {day}, forcing {n} residents from home."
    articles = [
        _article("flood-a", "River Usk floods the town centre", "Usk Courier", "2024-05-22",
                 "Ann Pryce and Ivo Sand\n\n" + flood.format(day="Wednesday", n="200")
                 + "\n\nThe old bridge will stay closed for a week while engineers check it."),
        _article("flood-b", "Hundreds leave homes as the Usk floods", "Wales Daily", "2024-05-22",
                 flood.format(day="Wednesday night", n="about 200")
                 + "\n\nVolunteers opened the rugby club to families with nowhere to stay."),
        _article("flood-c", "Usk flood: town centre under water", "Border News", "2024-05-22",
                 flood.format(day="Wednesday evening", n="some 200")
                 + "\n\nThe county council said the clean-up would take weeks."),
        _article("strike-a", "Usk ferry crews walk out over pay", "Usk Courier", "2024-05-22",
                 "Crews on the Usk ferry walked out on Wednesday in a dispute over pay, stranding commuters on both "
                 "banks.\n\nThe union said the strike would last 48 hours."),
        _article("strike-b", "Ferry strike strands Usk commuters", "Wales Daily", "2024-05-22",
                 "Commuters were left stranded on Wednesday as Usk ferry crews went on strike over pay.\n\n"
                 "The operator said talks would resume on Friday."),
        _article("fete", "Village fete raises money for the lifeboat", "Border News", "2024-05-22",
                 "The summer fete in Llanbadoc raised more than 3,000 pounds for the lifeboat station on "
                 "Wednesday.\n\nA cake stall sold out by noon."),
        _article("old-flood", "River Usk rises after a week of rain", "Usk Courier", "2024-05-12",
                 "The River Usk burst its banks upstream of the town on Sunday after a week of heavy rain.\n\n"
                 "Farmers moved sheep to higher fields."),
    ]
    assistant = assistant_over(tmp_path, embedder, *articles)
    result = assistant.ask("What happened yesterday?", as_of="2024-05-23")
    assert not result.abstained, result.text
    assert result.text.startswith("The stories most reported on 2024-05-22:"), result.text
    flood_cite, strike_cite = result.citations[0], result.citations[1]
    assert flood_cite.article_id.startswith("flood-"), result.text
    assert flood_cite.quote.startswith("Floodwater from the River Usk"), result.text  # the lede, not the byline
    assert len(flood_cite.also_reported_by) == 2, flood_cite.also_reported_by
    assert "(3 articles)" in result.text, result.text
    assert strike_cite.article_id.startswith("strike-"), result.text
    assert len(strike_cite.also_reported_by) == 1
    assert {c.published for c in result.citations} == {"2024-05-22"}  # the old flood report is another day's
    assert "fete" in {c.article_id for c in result.citations}
    for citation in result.citations:
        assert f"[{citation.n}]" in result.text and citation.quote in result.text
    by_outlet = assistant.ask("What did Wales Daily report yesterday?", as_of="2024-05-23")
    assert by_outlet.text.startswith("The stories most reported by Wales Daily on 2024-05-22:"), by_outlet.text
    assert {c.article_id for c in by_outlet.citations} == {"flood-b", "strike-b"}, by_outlet.text
    month = assistant.ask("What were the top stories this month?", as_of="2024-05-23")
    assert month.text.startswith("The stories most reported from 2024-05-01 to 2024-05-23:"), month.text
    assert any(c.published == "2024-05-12" or any("2024-05-12" in r for r in c.also_reported_by)
               for c in month.citations), month.text  # the 12th is in May too
    empty = assistant.ask("What happened last week?", as_of="2024-06-20")
    assert empty.abstained
    assert "no articles published from 2024-06-10 to 2024-06-16" in empty.text, empty.text
    assert empty.notes == [
        "The archive's newest article is from 2024-05-22, 29 days before 2024-06-20: later news is not in it."
    ]


def test_a_desk_briefing_lists_only_the_stories_filed_under_that_desk(tmp_path, embedder):
    """"Top sports stories yesterday" is the briefing of the articles whose links file them under sports; a desk
    none of the window's articles is filed under gets an abstention that says where sections are read from."""
    final = "Usk Rovers won the Gwent Cup final on {day}, beating Caldicot 2-1 with a goal in extra time."
    articles = [
        _article("cup-a", "Usk Rovers win the Gwent Cup", "Usk Courier", "2024-05-22",
                 final.format(day="Wednesday") + "\n\nThe club last won the cup in 1987.", section="sport"),
        _article("cup-b", "Extra-time winner takes the cup to Usk", "Wales Daily", "2024-05-22",
                 final.format(day="Wednesday night") + "\n\nFans gathered on the bridge to greet the team.",
                 section="sports"),
        _article("fares", "Usk ferry fares to rise in June", "Wales Daily", "2024-05-22",
                 "The Usk ferry company said on Wednesday that fares will rise by 10 percent from June.\n\n"
                 "The company blamed the cost of fuel.", section="business"),
        # reported three times, so the most reported story of the day, but filed under no desk the links show
        *_three_flood_reports(),
    ]
    assistant = assistant_over(tmp_path, embedder, *articles)
    everything = assistant.ask("What happened yesterday?", as_of="2024-05-23")
    assert everything.citations[0].article_id.startswith("flood-"), everything.text
    sports = assistant.ask("Top sports stories yesterday", as_of="2024-05-23")
    assert not sports.abstained, sports.text
    assert sports.text.startswith("The sports stories most reported on 2024-05-22:"), sports.text
    assert [c.article_id[:4] for c in sports.citations] == ["cup-"], sports.text
    assert "(2 articles)" in sports.text and len(sports.citations[0].also_reported_by) == 1, sports.text
    business = assistant.ask("What happened in business yesterday?", as_of="2024-05-23")
    assert [c.article_id for c in business.citations] == ["fares"], business.text
    travel = assistant.ask("Any travel news yesterday?", as_of="2024-05-23")
    assert travel.abstained
    assert travel.text == ("The archive does not say: none of its articles published on 2024-05-22 is filed under "
                           "travel (an article's section is read from its link)."), travel.text


def test_after_an_event_reads_the_coverage_that_follows_it(tmp_path, embedder):
    """"What did the council do after the Usk bridge collapse?" dates itself by an event: the day the articles found
    for "the Usk bridge collapse" were most published (2024-05-10) starts the window the day after, so the answer
    quotes what followed, not the day's own reports; "before" reads the days up to it; a note says how it was read."""
    collapse = "The old Usk bridge collapsed into the river on {day}, and the council closed the roads to it."
    articles = [
        _article("warning", "Engineers warned about the Usk bridge", "Usk Courier", "2024-05-03",
                 "Engineers warned the council in a report on Friday that the Usk bridge was unsafe and should close."),
        _article("collapse-a", "Usk bridge collapses", "Usk Courier", "2024-05-10",
                 collapse.format(day="Friday") + "\n\nThe council said no one was on the bridge when it fell."),
        _article("collapse-b", "Bridge falls into the Usk", "Wales Daily", "2024-05-10",
                 collapse.format(day="Friday morning") + "\n\nThe council leader said the collapse was a shock."),
        _article("collapse-c", "Usk bridge collapse: what we know", "Border News", "2024-05-10",
                 collapse.format(day="Friday, May 10") + "\n\nDivers searched the river for debris."),
        _article("inspections", "Every bridge in the county to be inspected", "Wales Daily", "2024-05-14",
                 "After the collapse of the Usk bridge, the council ordered inspections of every bridge in the county "
                 "and set aside 2 million pounds for repairs."),
    ]
    assistant = assistant_over(tmp_path, embedder, *articles)
    after = assistant.ask("What did the council do after the Usk bridge collapse?", as_of="2024-05-20")
    assert not after.abstained, after.text
    assert after.citations[0].article_id == "inspections", after.text
    assert all(c.published >= "2024-05-11" for c in after.citations), after.text
    assert "“after the Usk bridge collapse” is read as from 2024-05-11 to 2024-05-20: the articles found for “the " \
           "Usk bridge collapse” are most from 2024-05-10." in after.notes, after.notes
    before = assistant.ask("What did engineers tell the council before the Usk bridge collapse?", as_of="2024-05-20")
    assert [c.article_id for c in before.citations][:1] == ["warning"], before.text
    assert all(c.published <= "2024-05-09" for c in before.citations), before.text


@pytest.mark.parametrize(
    "question, kind",
    [
        ("Why did the Usk ferry stop running?", "why"),
        ("What caused the Usk flood?", "why"),
        ("What led to the ferry strike?", "why"),
        ("Who stopped the Usk ferry?", "who"),  # a who question stays one
        ("What happened to the Usk ferry?", "other"),
        ("What is the jobless rate in Usk?", "number"),  # a figure, as "how many" asks
        ("What was the final score?", "number"),
        ("What is the interest rate debate about?", "other"),
        ("What is the price of a ferry ticket in Usk?", "money"),  # a sum, as "how much does it cost"
        ("What was the cost of the new bridge?", "money"),
        ("What is the cost of living crisis?", "other"),
    ],
)
def test_question_kind_reads_what_is_asked(question, kind):
    from rag.answering.extractive import question_kind

    assert question_kind(question) == kind


# One article each, in which a sentence close to the question comes before the one that answers it; "before" is the
# sentence the answer-type cue put first until it read the kind of question better.
@pytest.mark.parametrize(
    "text, questions, first",
    [
        pytest.param(  # "why": the sentence that gives a reason (before: the other, a little closer in meaning)
            "The Usk ferry stopped running on Monday for the first time in 30 years, the operator said.\n\n"
            "Commuters drove 20 miles around by the bridge at Caerleon instead.\n\n"
            "The Usk ferry stopped running after 30 years because the river ran too low at both banks.",
            ["Why did the Usk ferry stop running?"], "The Usk ferry stopped running after 30 years because", id="why"),
        pytest.param(  # "why": what the resignation came after (before: the sentence that only tells of it)
            "Ann Pryce announced her resignation as mayor of Usk outside the town hall on Monday.\n\n"
            "Councillors said Pryce resigned after months of rows over the cost of the new bridge.\n\n"
            "The town clerk read the letter after she resigned on Monday.",
            ["Why did Ann Pryce resign?"], "Councillors said Pryce resigned after months of rows", id="why-after"),
        pytest.param(  # "why": what it was done for (before: what the search went on to prompt, read as its cause)
            "The police search of the Usk council offices on Monday has prompted questions about the town's books.\n\n"
            "Officers searched the Usk council offices on Monday as part of an investigation into missing bridge "
            "funds, a spokesman said.",
            ["Why did police search the Usk council offices?"],
            "Officers searched the Usk council offices on Monday as part of an investigation", id="why-part-of"),
        pytest.param(  # "what is": what it is (before: the sentence closest to the question, which says nothing of it)
            "Residents asked what the Usk levy would mean for the town at a meeting on the Usk levy on Monday.\n\n"
            "Hotels would collect the Usk levy, a charge of 50p a night on each guest, from April.",
            ["What is the Usk levy?"], "Hotels would collect the Usk levy, a charge of 50p", id="what-is"),
        pytest.param(  # "who is": what she is, not another name (before: the sentence naming the mayor besides her)
            "Ysolde Brannagh met Mayor Owain Price at the Usk library on Monday.\n\n"
            "Visitors praised the bright reading room, and the library will open late on Thursdays.\n\n"
            "Architect Ysolde Brannagh drew the plans for the library after the flood of 2021.",
            ["Who is Ysolde Brannagh?", "who is ysolde brannagh"], "Architect Ysolde Brannagh drew the plans",
            id="who-is"),
        pytest.param(  # "who is" a title and a name: what he is (before: read as who holds the post of king, and
            # the sentence that names him king, no more, was quoted)
            "King Owain IV met the Usk town council at the library on Monday.\n\n"
            "Crowds lined Bridge Street as King Owain IV passed on his way to the library in Usk.\n\n"
            "Owain, the old king's eldest son, was crowned at Usk castle after his father died in the spring.",
            ["Who is King Owain IV?"], "Owain, the old king's eldest son", id="who-is-titled"),
        pytest.param(  # "who did it": the doer (before: the mayor who spoke of the attack; the attacker not quoted)
            "Mayor Owain Price described the attack on shopkeeper Gwilym Hart as shameful and called for calm.\n\n"
            "Gwilym Hart was treated in hospital after the attack on Tuesday night, his family said.\n\n"
            "Officers saw Dafydd Rhys push the door open and attack Hart behind the counter, the police chief said.",
            ["Who attacked Gwilym Hart?"], "Officers saw Dafydd Rhys", id="who-did-it"),
        pytest.param(  # a rate: the percentage (before: the closest sentence, which has no figure of the rate)
            "The jobless rate in Usk is what worried the twelve councillors who met on Monday, the clerk said.\n\n"
            "Shops on Bridge Street reopened after the flood.\n\n"
            "Figures published on Monday put unemployment in Usk at 6.2% of workers, up from 5.1% a year earlier.",
            ["What is the jobless rate in Usk?"], "Figures published on Monday", id="rate"),
        pytest.param(  # a temperature: the thermometer's reading (before: the melted road, the count of fires)
            "It got so hot in Usk on Tuesday that the tarmac on Bridge Street melted and the road was closed.\n\n"
            "Firefighters in Usk were called to 40 grass fires in the heat, the busiest day at the station in 20 years."
            "\n\nThe thermometer at the Usk weather station read 37.4C (99.3F) on Tuesday afternoon, the highest there "
            "since records began.",
            ["How hot did it get in Usk?"], "The thermometer at the Usk weather station read 37.4C", id="how-hot"),
        pytest.param(  # who won: the lede that tells of the winner defeating the loser (before: a sentence with
            # "won" and "Usk Open" that names no winner)
            "Ann Pryce is the youngest champion in the history of the Gwent rankings after defeating Tom Hale in the "
            "Usk Open final on Sunday, with a forehand that left the riverside crowd on its feet.\n\n"
            "Rain held up the start by forty minutes, and the crowd sheltered under the trees by the river.\n\n"
            "Who wins the Usk Open has long been hard to call: the Usk Open was won by the top seed only twice in the "
            "past twenty years, and the Usk Open final often goes to five sets.\n\n"
            "Few expected the Usk Open to be won by a teenager this year, and organisers said the final drew the "
            "largest crowd the Usk Open has seen.",
            ["Who won the Usk Open?"], "Ann Pryce is the youngest champion", id="who-won"),
        pytest.param(  # how long: the asked one's span (before: the weeks another served, in a closer sentence)
            "On Monday Ann Pryce lost her treasurer when Tom Hale quit just a few weeks into the job at Usk.\n\n"
            "Pryce, 47, lasted 45 days in office.",
            ["How long was Ann Pryce mayor of Usk?"], "Pryce, 47, lasted 45 days", id="how-long-whose"),
        pytest.param(  # a death toll: the count of the dead (before: "one of the most deadly floods", any number)
            "\"This will be one of the most deadly floods the Usk valley has had in a long time,\" the mayor said on "
            "Friday of the Usk floods.\n\n"
            "At least nine people were killed when the river burst its banks at Usk on Thursday night.",
            ["What is the death toll from the Usk floods?", "What's the latest death toll from the Usk floods?"],
            "At least nine people were killed", id="death-toll"),
        pytest.param(  # how many staff: a count of jobs or of workers is one (before: a count of lorries)
            "Staff at the Usk paper mill were laid off on Friday, and 12 lorries stood idle at the mill gates.\n\n"
            "The owners of the Usk paper mill said they would cut 240 jobs, nearly half of the mill's workforce.",
            ["How many staff were laid off at the Usk paper mill?"], "The owners of the Usk paper mill said",
            id="how-many-staff"),
        pytest.param(  # what a bill holds: the sentence that says it (before: the closer one, on its passing)
            "The Usk Bridge Act passed the town council by nine votes to three on Monday, after a long debate over "
            "the Usk Bridge Act.\n\n"
            "Critics of the Usk Bridge Act said it did not do enough for the bus routes.\n\n"
            "The £40 million Usk Bridge Act sets aside £12 million for a footbridge and caps tolls at £1 a car.",
            ["What is in the Usk Bridge Act?", "What does the Usk Bridge Act include?"],
            "The £40 million Usk Bridge Act sets aside", id="what-is-in"),
        pytest.param(  # what a report shows (before: the sentence on its release)
            "The first survey of the Usk otters, released on Monday, was the river trust's first survey of the Usk "
            "otters in thirty years.\n\n"
            "Its pictures, taken at dawn, show 14 otters in six holts between Usk and Caerleon.",
            ["What did the first survey of the Usk otters show?"], "Its pictures, taken at dawn", id="what-it-showed"),
    ],
)
def test_the_kind_of_question_decides_which_sentence_is_quoted_first(tmp_path, embedder, text, questions, first):
    assert_quoted_first(tmp_path, embedder, text, questions, first)


def test_who_is_quotes_what_she_is_known_for_once(tmp_path, embedder):
    """"Who is ...?" is answered by what the person rose to fame for, and another outlet's shorter telling of it,
    which says nothing more, is not quoted after it (before: only the news sentence that names her was quoted)."""
    courier = ("Ysolde Brannagh opened the new Usk library on Monday, and Ysolde Brannagh cut the ribbon at noon.\n\n"
               "Brannagh first rose to fame as the stonemason who rebuilt the walls of Usk castle after the flood of "
               "2021, and she won the Gwent heritage prize for it.")
    gazette = "Visitors queued on Bridge Street.\n\nBrannagh first rose to fame as the stonemason of Usk castle."
    assistant = assistant_over(tmp_path, embedder,
                               _article("courier", "Usk library opens", "Usk Courier", "2024-05-20", courier),
                               _article("gazette", "Library day", "Gwent Gazette", "2024-05-21", gazette))
    answer = assistant.ask("Who is Ysolde Brannagh?", as_of="2024-05-22")
    quotes = [c.quote for c in answer.citations]
    assert any(q.startswith("Brannagh first rose to fame as the stonemason who rebuilt") for q in quotes), answer.text
    assert "Brannagh first rose to fame as the stonemason of Usk castle." not in quotes, answer.text


def test_a_sentence_whose_words_another_holds_adds_nothing_to_it():
    """A follower that says nothing the quoted sentence does not (another outlet's shorter telling, or the same
    article's summary line: "Takeoff was one-third of the rap group Migos" after "Takeoff, who was one-third of the
    rap group Migos, was shot ...") is not quoted after it; one that adds a word is."""
    from rag.answering.extractive import _adds_nothing

    longer = ("Twenty-two councillors have signed a letter sent to Mayor Ann Pryce calling on her to withdraw her "
              "bridge toll plan.")
    assert _adds_nothing("Twenty-two councillors are calling on Mayor Ann Pryce to withdraw her bridge toll plan.",
                         longer)
    assert not _adds_nothing(longer, "Twenty-two councillors are calling on Mayor Ann Pryce to withdraw her plan.")
    assert not _adds_nothing("Twenty-two councillors want the bridge toll plan gone by June.", longer)
    assert not _adds_nothing("Pryce withdrew it.", "Pryce withdrew it on Monday.")  # (too short to tell)


def test_a_where_question_quotes_the_sentence_that_names_a_place_it_does_not(tmp_path, embedder):
    """Before, "a friend close to Pryce" counted as naming a place, as "in Elstow" does, and the answer quoted only
    the sentence that says where no more than the question does."""
    text = ("Ann Pryce and Ben Cole have married in a private ceremony, a friend close to Pryce told the Courier.\n\n"
            "Pryce and Cole married at a chapel in Elstow, their families said.")
    assistant = assistant_over(tmp_path, embedder, _article("report", "Usk news", "Usk Courier", "2024-05-22", text))
    result = assistant.ask("Ann Pryce and Ben Cole married in which city?", as_of="2024-05-23")
    assert any("in Elstow" in c.quote for c in result.citations), result.text


def test_a_place_is_not_a_day_or_a_month_and_a_known_place_counts_wherever_it_stands():
    """A "where" question's cue: "in February" or "on Sunday" names no place (it had counted as one, as "in Elstow"
    does); "on the island of Skomer" and "in a Lordstown factory" do, and so does a known place the question does not
    name wherever it stands ("Arizona, Nevada and Mexico will ...")."""
    from rag.answering.extractive import _cue

    island = "A volcano erupted on which Welsh island on Sunday?"
    assert _cue("where", "The volcano erupted at 8 p.m. on Sunday on the island of Skomer.", island) == 1.0
    assert _cue("where", "Ash spewed from the volcano in February and again on Sunday.", island) == 0.0
    assert _cue("where", "Ash spewed from the volcano in Sept. and in Oct. last year.", island) == 0.0
    town = "In which Ohio town does Usk Motors build pickups?"
    assert _cue("where", "Usk Motors builds pickups in a Lordstown factory.", town) == 1.0
    state = "Which state will face the largest cuts under the Usk River shortage declaration?"
    assert _cue("where", "The shortage means Arizona, Nevada and Mexico will have to cut their use.", state) == 1.0
    assert _cue("where", "The shortage means farms will have to cut their use.", state) == 0.0


def test_what_is_asks_what_a_thing_is():
    """"What is Title 42?" asks for what it is ("Title 42, a Trump-era pandemic restriction ..."); "What is the death
    toll?" asks for a figure, and "What is happening in Usk?" for the news."""
    from rag.answering.extractive import defines, definition_asked

    assert definition_asked("What is Title 42?") == "Title 42"
    assert definition_asked("What is monkeypox?") == "monkeypox"
    assert definition_asked("What is the death toll?") is None
    assert definition_asked("What is happening in Usk?") is None
    assert defines("Monkeypox is a poxvirus, related to smallpox.", "monkeypox")
    assert defines("A debate over Title 42, a Trump-era pandemic restriction, went on.", "Title 42")
    assert not defines("A vaccine for monkeypox is a key pillar of the plan.", "monkeypox")
    assert not defines("Monkeypox cases rose again.", "monkeypox")


def test_a_sentence_naming_who_won_is_evidence_beside_its_report_s_evidence():
    """"Carlos Alcaraz is now the youngest world No. 1 ... after defeating Casper Ruud in the US Open Final" was 0.23
    from "Who won the US Open men's final?" in meaning, below what makes evidence, and the answer opened with a
    sentence naming the semifinalists of 1881. A sentence that names who did it, holds most of the key words and is
    close enough (0.2) counts as evidence when its passage has evidence; one further off, or not naming the winner,
    or from a passage without evidence does not."""
    from rag.answering.extractive import ScoredSentence, _vouch_for_the_doer
    from rag.retrieval import Passage

    text = ("Ann Pryce is now the youngest ever number one in the Welsh sculling rankings after defeating Tom Hale in "
            "the Usk regatta final on Sunday. Rain held up the start of the Usk regatta final by an hour. "
            "Tom Hale rowed for the Usk club.")
    report, other = (Passage(f"{name}:0", name, 0, text, 1.0, "Usk regatta", "Usk Courier", "https://usk.example/r",
                             "2024-05-20", 0, len(text)) for name in ("report", "other"))
    spans = [(0, text.index(" Rain")), (text.index("Rain"), text.index(" Tom Hale rowed")),
             (text.index("Tom Hale rowed"), len(text))]

    def sentence(passage, n, similarity, share):
        return ScoredSentence(passage, *spans[n], similarity=similarity, word_share=share, cue=1.0, score=1.0)

    question = "Who won the Usk regatta?"
    lede, rain = sentence(report, 0, 0.23, 1.0), sentence(report, 1, 0.6, 0.7)
    far, alone = sentence(report, 0, 0.15, 1.0), sentence(other, 0, 0.23, 1.0)
    not_the_winner = sentence(report, 2, 0.23, 0.6)
    assert not lede.supported and rain.supported
    _vouch_for_the_doer([lede, rain, far, not_the_winner, alone], question)
    assert lede.supported
    assert not far.supported and not not_the_winner.supported and not alone.supported


def test_what_is_in_a_bill_asks_what_it_holds():
    """"What is in the bill?" and "What did the report show?" ask what a thing holds or shows; "What is in store for
    Usk?" and "What is the bill?" do not. The sentence that answers has a verb of holding or showing after the thing
    (or a word standing in for it), and no "not" between them."""
    from rag.answering.contents import contents_asked, tells_contents
    from rag.answering.extractive import definition_asked

    assert contents_asked("What is in the Usk Bridge Act?") == "the Usk Bridge Act"
    assert contents_asked("What's in Pryce's budget?") == "Pryce's budget"
    assert contents_asked("What does the ferry plan include?") == "the ferry plan"
    assert contents_asked("What did the jobs report show?") == "the jobs report"
    assert contents_asked("What are the terms of the deal?") == "the deal"
    assert contents_asked("What is in store for Usk?") is None
    assert contents_asked("What is the bill?") is None
    assert contents_asked("What did Ann Pryce say?") is None
    assert definition_asked("What is in the bill?") is None
    act = "the Usk Bridge Act"
    assert tells_contents("The Usk Bridge Act sets aside £12 million for a footbridge.", act)
    assert tells_contents("The council passed the Usk Bridge Act, which includes a toll cap.", act)
    assert tells_contents("The bill will raise the toll to £2.", act)  # (a word standing in for it)
    assert not tells_contents("The Usk Bridge Act did not include the bus routes the plan promised.", act)
    assert not tells_contents("The council passed the Usk Bridge Act on Monday.", act)
    assert not tells_contents("Ann Pryce showed the council a drawing of the Usk Bridge Act's footbridge.", act)


def test_a_time_to_come_answers_when():
    """"When will the new Usk ferry be ready?" is answered by a month, a week or a season counted from the report,
    or a span from it, as much as by a day: "early to mid-September", "next month", "in a few short weeks" (before,
    only a day, a weekday or a year was the answer's cue, and the bench archive's "... which Jha said would be
    ready in early to mid-September" lost to sentences holding a year)."""
    from rag.answering.extractive import _cue

    question = "When will the new Usk ferry be ready?"
    for when in ("The council said the ferry would be ready in early to mid-September.",
                 "The new ferry may be ready in a few short weeks, the operator said.",
                 "The ferry will be ready next month.", "The ferry should be ready by November.",
                 "The operator expects the ferry to sail later this year.", "The ferry enters service within days.",
                 "The ferry will be ready on June 14.", "The ferry sails again on Monday."):
        assert _cue("when", when, question) == 1.0, when
    for not_when in ("The new ferry will carry 120 passengers.", "The ferry was built in a few yards on the Usk.",
                     "Ann Pryce said the ferry would be ready when the council pays."):
        assert _cue("when", not_when, question) == 0.0, not_when


def test_what_the_event_asked_about_came_after_is_a_reason():
    """"Why did Ann Pryce resign?": "resigned after months of rows" gives a reason; "after she resigned", "after
    Monday's vote", "after 45 days" and "following the meeting" tell the order of things or a span."""
    from rag.answering.extractive import _cue

    question = "Why did Ann Pryce resign?"
    for reason in ("Pryce resigned after months of rows over the bridge.",
                   "Her resignation comes after weeks of chaos.", "Pryce resigned following a vote of no confidence."):
        assert _cue("why", reason, question) == 1.0, reason
    for order in ("The clerk read the letter after she resigned.", "Pryce resigned on Monday after Monday's vote.",
                  "Pryce resigned after 45 days.", "Pryce resigned following the meeting on Tuesday.",
                  "Tom Hale resigned after months of rows."):
        assert _cue("why", order, question) == 0.0, order


def test_a_why_question_is_not_answered_by_sentences_that_share_only_its_names(tmp_path, embedder):
    """"What caused the Tamsin Dam leaks?" asks the reason for the leaks: an archive that only says what the dam is
    ("The Tamsin Dam is one of two reservoirs ...") does not say, however close in meaning (before, it was quoted)."""
    assistant = assistant_over(
        tmp_path, embedder,
        usk_report("tamsin-dam", "The Tamsin Dam at 90", "2024-06-03",
                   "The Tamsin Dam is one of two reservoirs that supply Usk with drinking water, and the Tamsin Dam "
                   "was built in 1932 by the Usk water board. The Tamsin Dam holds four billion litres."),
    )
    result = assistant.ask("What caused the Tamsin Dam leaks?", as_of="2024-06-05")
    assert result.abstained, result.text
    reason = assistant.ask("Why was the Tamsin Dam built?", as_of="2024-06-05")  # (its words: an answer)
    assert not reason.abstained and "built in 1932" in reason.text, reason.text


def test_what_the_event_asked_about_prompted_is_no_reason_for_it():
    """"The search has prompted questions" tells what the search caused; "A tip-off prompted the search" and "the
    search was prompted by a tip-off" give its reason."""
    from rag.answering.extractive import _cue

    question = "Why did police search the Usk offices?"
    for reason in ("A tip-off prompted the search of the offices.", "The search was prompted by a tip-off.",
                   "Police searched the offices as part of a fraud investigation."):
        assert _cue("why", reason, question) == 1.0, reason
    for consequence in ("The search has prompted questions about the town's books.",
                        "Monday's search triggered a row in the council."):
        assert _cue("why", consequence, question) == 0.0, consequence


def test_a_subheading_that_names_no_place_is_not_quoted_for_where(tmp_path, embedder):
    """A subheading echoes the question's words and names nothing it asks ("where", "who", "when", "how many"):
    before, "The town reacts as the Usk ferry catches fire" was quoted second, after the sentence that says where."""
    text = ("Owners of the Usk ferry said repairs would take a month.\n\n"
            "The town reacts as the Usk ferry catches fire\n\n"
            "The ferry was moored at its landing stage in Caerleon when it caught fire late on Tuesday, its owners "
            "said.")
    assistant = assistant_over(tmp_path, embedder, _article("report", "Usk news", "Usk Courier", "2024-05-22", text))
    result = assistant.ask("Where did the Usk ferry catch fire?", as_of="2024-05-23")
    assert result.citations[0].quote.startswith("The ferry was moored at its landing stage in Caerleon"), result.text
    assert not any("town reacts" in c.quote for c in result.citations), result.text


def assert_quoted_first(tmp_path, embedder, text, questions, first):
    """Over one Usk Courier report of `text`, each question asked the day after is answered first by a sentence
    that starts with `first`."""
    assistant = assistant_over(tmp_path, embedder, _article("report", "Usk news", "Usk Courier", "2024-05-22", text))
    for question in questions:
        result = assistant.ask(question, as_of="2024-05-23")
        assert not result.abstained, result.text
        assert result.citations[0].quote.startswith(first), result.text


# Sentences that hold the question's words and say nothing themselves, before the one that answers.
@pytest.mark.parametrize(
    "text, question, first",
    [
        pytest.param(  # a subheading ends as no sentence does (before HEADING_PENALTY it was quoted first)
            "Commuters were stranded on both banks of the river on Wednesday morning.\n\n"
            "Strike over pay: Usk ferry crews and the operator's offer\n\n"
            "The Usk ferry crews stopped work when the operator offered a pay rise of 2 percent, not the 9 percent the "
            "union wanted.\n\n"
            "The union said the strike would last 48 hours.",
            "Why did Usk ferry crews strike over pay?", "The Usk ferry crews stopped work", id="subheading"),
        pytest.param(  # a signpost points at what follows it (before SIGNPOST_PENALTY it was quoted first); the
            # rise is said as a "hike" (a word of the family of "raise")
            "Here's when the Usk council raised the parking fee this year, and the amount by which it raised it.\n\n"
            "After the 50p hike on Wednesday, the Usk parking fee is £3 an hour, the council said.\n\n"
            "Shops on Bridge Street said fewer visitors came on Wednesday afternoon.",
            "Did the Usk council raise the parking fee this week?", "After the 50p hike on Wednesday", id="signpost"),
        pytest.param(  # a line of the page that sends the reader to other coverage (_PAGE_LINE)
            "For the latest coverage of the Usk flood from Tuesday, May 21, see our live updates here.\n\n"
            "Floodwater forced 200 residents of Usk from their homes, the council said.\n\n"
            "Shops on Bridge Street stayed shut.",
            "What is the latest on the Usk flood?", "Floodwater forced 200 residents", id="page-line"),
    ],
)
def test_a_sentence_that_says_nothing_itself_is_not_quoted_first(tmp_path, embedder, text, question, first):
    assert_quoted_first(tmp_path, embedder, text, [question], first)


def test_a_question_that_sets_the_scene_first_is_answered_by_the_sentence_that_answers_what_it_asks(
        tmp_path, embedder):
    """The words of the scene ("filed a lawsuit against Rhodri Bevan") find the story, and the report's lede
    repeats them; the answer shares the asking sentence's words. Before LEAD_IN_WEIGHT applied to open answers, the
    lede was quoted first."""
    text = ("Another woman filed a lawsuit against goalkeeper Rhodri Bevan on Tuesday, the fourth woman to accuse "
            "him of fraud since he joined the club in May.\n\n"
            "The club's manager declined to comment on the lawsuits before Saturday's match.\n\n"
            "Striker Iolo Griffith said character matters to him, but he is keeping an open mind about Bevan.")
    question = ("A fourth woman filed a lawsuit against Rhodri Bevan this week. Which Usk Rovers star said he is "
                "keeping an open mind about his new teammate?")
    assert_quoted_first(tmp_path, embedder, text, [question], "Striker Iolo Griffith said")


def test_a_sentence_that_retells_the_scene_is_not_preferred_to_the_one_like_the_asking_sentence(tmp_path, embedder):
    """The whole question's meaning is mostly its scene's, so the sentence that retells the scene was the likest to
    it and the only one quoted; half of a sentence's likeness is now its likeness to the asking sentence
    (LEAD_IN_SIMILARITY). ("Benjamin Netanyahu appears set for a comeback as Israel's prime minister. Which party
    does he lead?", a held-out quiz question, had been answered by the comeback alone.)"""
    mayor = ("Ann Pryce was re-elected mayor of Usk on Monday after a bitter campaign against the closure of the "
             "town's ferry, the returning officer said. She won by 212 votes.\n\n"
             "Pryce, 58, leads the Gwent Green Party, which she founded in 2009.")
    assert_quoted_first(tmp_path / "mayor", embedder, mayor, [
        "Ann Pryce was re-elected mayor of Usk this week after a bitter campaign against the closure of the ferry. "
        "Which party does she lead?"], "Pryce, 58, leads the Gwent Green Party")
    ferry = ("The Usk ferry sank in a storm on Monday with forty passengers aboard, the coastguard said. All were "
             "rescued.\n\nThe ferry's captain, Ivo Sand, was the last to leave the ship, passengers said.")
    assistant = assistant_over(tmp_path / "ferry", embedder, usk_report("usk-ferry", "Usk news", "2024-06-03", ferry))
    result = assistant.ask("The Usk ferry sank in a storm this week with forty passengers aboard. What was the name "
                           "of its captain?", as_of="2024-06-05")
    assert any(c.quote.startswith("The ferry's captain, Ivo Sand") for c in result.citations), result.text


def test_an_aside_about_someone_sets_the_scene_as_a_lead_in_does(tmp_path, embedder):
    """"In which Welsh town was Ann Pryce, who died this week at 73, born?": the aside is most of the question's
    meaning, so the report of her death was the likest sentence and the only one quoted; the asking sentence without
    the aside (_ASIDE) now counts as an asking sentence after a lead-in does, and the aside's words weigh as a
    lead-in's. (A held-out quiz question, "In which English city was Olivia Newton-John, who died this week at 73,
    born?", had quoted two sentences on her death and not "Newton-John was born in Cambridge, England, in 1948.")"""
    singer = ("Ann Pryce, the Usk singer and actress, died on Monday at her farm near Gwent at the age of 73, her "
              "family said. Tributes came from across Wales.\n\n"
              "Pryce was born in Tenby in 1950 and moved to Usk as a child.")
    assistant = assistant_over(tmp_path, embedder, _article("report", "Usk news", "Usk Courier", "2024-05-22", singer))
    result = assistant.ask("In which Welsh town was Ann Pryce, who died this week at 73, born?", as_of="2024-05-23")
    assert any(c.quote.startswith("Pryce was born in Tenby") for c in result.citations), result.text
    from rag.answering.extractive import _without_aside

    assert _without_aside("In which Welsh town was Ann Pryce, who died this week at 73, born?") == \
        "In which Welsh town was Ann Pryce born?"
    asked = "Of the Usk Kennel Club's 20 breeds, which was the most searched in Usk, according to the club?"
    assert _without_aside(asked) == asked  # (its "which" asks: no aside)


def test_an_open_answer_reads_the_chunk_further_down_that_holds_the_asking_sentences_words(tmp_path, embedder):
    """The scene's words are those of the article's first paragraphs, and the search returns two chunks of it; the
    sentence that answers is further down. The chunk of the best articles that holds most of the asking sentence's
    words is read too (rag.retrieval.ASKED_ARTICLES)."""
    thanks = ("When the water fell, the mayor thanked the Riverside Rowing Club, whose crews rescued forty people "
              "from upstairs windows in their boats.")
    text = flood_report_with(thanks)
    assistant = assistant_over(tmp_path, embedder, usk_report("usk-flood", "Usk floods the town centre",
                                                              "2024-06-03", text))
    question = ("The Usk burst its banks on Monday and flooded the town centre. Which club did the mayor thank for "
                "rescuing people?")
    found = assistant.retrieve(question, as_of="2024-06-05")
    assert found and not any("Riverside" in p.text for p in found)
    answer = assistant.ask(question, as_of="2024-06-05")
    assert not answer.abstained, answer.text
    assert answer.citations[0].quote == thanks, answer.text


def test_an_open_question_asking_for_a_figure_reads_the_lede_of_the_first_article(tmp_path, embedder):
    """A long flood report gives the number of damaged homes in its lede; its later paragraphs repeat the words of
    "How many homes did the Usk flood damage?" without a number, and the search finds those first. The open
    answer reads the first article's lede too and quotes the figure."""
    later = [
        f"Residents of {street} said the Usk flood had damaged homes along the whole street, and that the damage to "
        f"homes from the flood would take months to repair. The council said it was still counting the homes the "
        f"Usk flood damaged on {street}, and asked owners of damaged homes to report the flood damage online."
        for street in ("Bridge Street", "Mill Lane", "Castle Parade", "Priory Road", "Maryport Street",
                       "Old Market Street", "Church Street", "Chepstow Road", "Porthycarne Street", "Baron Street")
    ]
    background = [  # the rest of the first chunk: the storm and the river, none of the question's words
        f"Forecasters had warned of heavy rain over the {hills} for three days, and the river rose faster than at "
        f"any time since records began at the old gauge near the bridge, a hydrologist said. Rescue crews "
        f"worked through the night with boats, and the army sent two lorries of sandbags from the camp at {hills}."
        for hills in ("Black Mountains", "Brecon Beacons", "Sugar Loaf", "Blorenge")
    ]
    report = _article(
        "flood", "Usk counts the cost", "Usk Courier", "2024-05-22",
        "Floodwater swept through the town on Tuesday night and left 340 properties under water, officials "
        "said on Wednesday morning after a survey by the fire service.\n\n" + "\n\n".join(background + later),
    )
    assistant = assistant_over(tmp_path, embedder, report)
    result = assistant.ask("How many homes did the Usk flood damage?", as_of="2024-05-23")
    assert not result.abstained, result.text
    assert any("340 properties" in c.quote for c in result.citations), result.text


def test_an_old_answer_says_when_newer_articles_on_its_subject_were_read(tmp_path, embedder):
    """Quoting only a report from months before the day asked, the answer's note does not claim nothing newer was
    found when a newer article about the same subject was read and did not answer as closely."""
    vote = _article("vote", "Usk council backs the harbour bridge", "Usk Courier", "2024-01-10",
                    "The Usk council voted seven to two on Monday to build the harbour bridge by 2026, the clerk said.")
    library = _article("library", "Usk library opens late", "Wales Daily", "2024-05-20",
                       "The Usk library will open until nine on Thursdays from June, the librarian said.")
    assistant = assistant_over(tmp_path, embedder, vote, library)
    answer = assistant.ask("What did the Usk council decide about the harbour bridge?", as_of="2024-05-25")
    assert [c.article_id for c in answer.citations] == ["vote"], answer.text
    assert answer.notes == [
        "The newest source quoted is from 2024-01-10, 136 days before 2024-05-25: newer articles were read (the "
        "newest from 2024-05-20), but none of their sentences answers as closely."
    ]


def test_a_sentence_describes_the_person_asked_about():
    from rag.answering.extractive import _describes

    assert _describes("Brannagh, 42, drew the plans.", "Ysolde Brannagh")
    assert _describes("Ysolde Brannagh, who drew the plans, was there.", "Ysolde Brannagh")
    assert _describes("Brannagh is the town's architect.", "Ysolde Brannagh")
    assert not _describes("Brannagh said the library would open late.", "Ysolde Brannagh")
    assert not _describes("Cerys Brannagh, the architect's sister, was there.", "Ysolde Brannagh")  # another one
    # a name asked short ("Ysolde"), its rest after it, and an aside between dashes after a sentence's opening word
    assert _describes("But Ysolde de Brannagh – a former stonemason from Tamsin – drew the plans.", "Ysolde")
    assert _describes("Ysolde Brannagh – the town's architect – was there.", "Ysolde Brannagh")
    assert not _describes("Ysolde supporters filled the square.", "Ysolde")
    # what she is known for, said of her
    assert _describes("Brannagh first rose to fame as the stonemason of Usk castle.", "Ysolde Brannagh")
    assert _describes("Ysolde Brannagh is best known for the Usk library.", "Ysolde Brannagh")
    assert _describes("Brannagh was well-known as a stonemason.", "Ysolde Brannagh")
    assert not _describes("Brannagh rose early to open the library.", "Ysolde Brannagh")
    assert not _describes("The bridge is best known for its arches, Brannagh said.", "Ysolde Brannagh")
    assert not _describes("Cerys Brannagh rose to fame as a singer.", "Ysolde Brannagh")


def test_a_sentence_names_who_did_what_the_question_asks_about():
    from rag.answering.extractive import _holds_the_names, _names_the_doer, asked_agent, names_the_doer

    assert asked_agent("Who attacked Gwilym Hart?") == "attack"
    assert asked_agent("Who won the Usk Poetry Prize?") == "win"
    assert asked_agent("Who most recently agreed to meet the council?") == "agre"
    assert asked_agent("Who was Gwilym Hart?") is None and asked_agent("Who did the mayor thank?") is None
    asked = {"who", "attacked", "gwilym", "hart"}
    assert _names_the_doer("Hart was attacked by Dafydd Rhys on Tuesday.", "attack", asked)
    assert _names_the_doer("The attacker, Dafydd Rhys, was arrested.", "attack", asked)
    assert _names_the_doer("This year's winner, Dafydd Rhys, read first.", "win", {"who", "won"})
    assert not _names_the_doer("Last winter Dafydd Rhys read first.", "win", {"who", "won"})  # a season, not a doer
    assert not _names_the_doer("Hart had been attacked at home, Mayor Owain Price said.", "attack", asked)
    assert not _names_the_doer("Police say Rhys had a plan to attack the shop.", "attack", asked)
    assert not _names_the_doer("Mayor Owain Price described the attack on Hart.", "attack", asked)
    assert _names_the_doer("Dafydd Rhys, 42, is charged with the attack on Hart.", "attack", asked)
    assert _names_the_doer("It came after threats issued by Dafydd Rhys.", "threaten", {"who", "threatened"})
    assert not _names_the_doer("A campaigner from Elstow who won the prize in 1994 spoke.", "win", {"who", "won"})
    # what was done must be named before the verb or just after it: not a win of something else
    assert not names_the_doer("Tom Hale had won 19 of his last 22 matches and recently returned to the top ten, but "
                              "the two-time county champion has struggled at the Usk Open.", "Who won the Usk Open?")
    assert names_the_doer("Ann Pryce won her first county title at the Usk Open on Sunday.", "Who won the Usk Open?")
    assert names_the_doer("Ann Pryce celebrates with the Usk Open trophy after defeating Tom Hale in the final.",
                          "Who won the Usk Open?")  # (a win told as a defeat of the loser)
    assert not names_the_doer("He lost a semifinal at the U.S. Open, but he had won the hearts of the fans.",
                              "Who won the US Open?")  # "U.S." is the question's "US", not a doer's name
    for aim in ("will be looking to win", "is hoping to win", "is eager to win"):  # an aim, not a deed
        assert not _names_the_doer(f"Dafydd Rhys {aim} the prize again.", "win", {"who", "won"})
    assert _names_the_doer("Usk beat Chepstow 21-7 to win the cup.", "win", {"who", "won"})
    # "by beating": the sentence's subject did it; when that is the name asked, it beat another, not was beaten
    beaten = "Who beat Tom Hale?"
    assert not names_the_doer("Tom Hale reached the Usk Open final for the first time by beating Dafydd Rhys.", beaten)
    assert names_the_doer("Ann Pryce won the Usk Open final by beating Tom Hale.", beaten)
    assert names_the_doer("Ann Pryce beat Tom Hale in the final.", beaten)
    # the deed as a noun, led by a determiner over capitalised words and ordinals, is not a doing
    assert not names_the_doer("Ann Pryce basks in her second Usk Prize win.", "Who won the Usk Prize?")
    assert not names_the_doer("Ann Pryce recalled the club's first County Cup win.", "Who won the County Cup?")
    assert names_the_doer("Ann Pryce won her second Usk Prize on Friday.", "Who won the Usk Prize?")
    assert not names_the_doer("Ann Pryce recalled a second County Cup win.", "Who won the County Cup?")
    # a past form, or a word after an article and names alone, is done there
    assert names_the_doer("On Saturday the Usk Otters won the County Cup.", "Who won the County Cup?")
    assert names_the_doer("Crowds cheered as the Usk Otters win the County Cup.", "Who won the County Cup?")
    assert _holds_the_names("Rhys won the Usk Poetry Prize.", "Who won the Usk Poetry Prize?")
    assert not _holds_the_names("Rhys won the Usk Music Prize.", "Who won the Usk Poetry Prize?")
    assert _holds_the_names("Rhys attacked Hart.", "Who attacked Gwilym Hart?")  # the last name, as news writes it
    # a name whose second word says its kind is no first name and surname: "Monmouth County" is not "County"
    assert not _holds_the_names("Ann Pryce won the Newport County race.", "Who won the Monmouth County race?")
    assert _holds_the_names("Ann Pryce won the county race in Monmouth.", "Who won the Monmouth County race?")
    assert not names_the_doer("Ann Pryce won the Newport County race.", "Who won the Monmouth County race?")


def test_which_pitcher_did_it_asks_who_did_it_and_so_does_a_who_after_a_lead_in(tmp_path, embedder):
    """"Which pitcher started the game ...?" asks who did it, as one of those, as "Who started the game?" does; and
    a "Who ...?" after a lead-in sentence asks it too (the lead-in had hidden it). The report's sentence that names
    the starter answers, not the manager's words on his hitters who "started the game badly" (the answer had
    quoted those and the game's result, and never named the starter)."""
    from rag.answering.extractive import asked_agent

    assert asked_agent("Which Usk pitcher started the game?") == asked_agent("Who started the game?") == "start"
    assert asked_agent("Which justice wrote the majority opinion?") == "write"
    assert asked_agent("Which pop star will perform at the Usk show?") == "perform"
    assert asked_agent("Ann Pryce lost in Usk. Who beat her?") == "beat"
    assert asked_agent("Which measure did lawmakers leave out?") is None  # (not a person asked)
    assert asked_agent("Which of these players wasn't traded?") is None and asked_agent("Which player is it?") is None
    assistant = assistant_over(tmp_path, embedder, usk_report(
        "usk-no-hitter", "Otters throw a combined no-hitter", "2024-06-02",
        "The Usk Otters threw the first combined no-hitter in league history on Saturday, beating the Harlow Hawks "
        "3-0. Hawks manager Dai Jones said his hitters had started the game badly and never recovered from six no-hit "
        "innings. Otters starter Ann Pryce struck out nine before handing the ball to Tom Hale."))
    lead_in = "The Usk Otters threw the first combined no-hitter in league history. "
    for asked in ("Which pitcher started the game and threw six no-hit innings?",
                  "Who started the game and threw six no-hit innings?"):
        answer = assistant.ask(lead_in + asked, as_of="2024-06-03")
        assert "Ann Pryce" in answer.citations[0].quote, answer.text


@pytest.mark.parametrize("question, categories", [
    ("Who won the Usk Prize in economics?", {"econom"}),
    ("Who won the Usk peace prize?", {"peac"}),
    ("Who won the Emmy for best drama at the ceremony?", {"drama"}),
    ("Who won best actress at the Emmys?", {"actress"}),
    ("Who won the Usk Prize?", set()),  # a prize, and no category of it
    ("Who won the best seat in the house?", set()),  # no prize at all
])
def test_the_category_of_a_prize_a_question_asks_about(question, categories):
    from rag.answering.awards import award_categories

    assert award_categories(question) == categories


@pytest.mark.parametrize("sentence, question, other", [
    ("Ann Pryce has won the Usk Prize for physics for her work on lasers.", "Who won the Usk Prize in economics?",
     "Usk Prize for physics"),
    ("The Usk Peace Prize was awarded today to Ann Pryce.", "Who won the Usk Prize in economics?", "Usk Peace Prize"),
    ("Ann Pryce won another Emmy for outstanding host of a quiz show.", "Who won the Emmy for best drama?",
     "Emmy for outstanding host"),
    ("Ann Pryce won her first Emmy for her Usk TV reality series.", "Who won the Emmy for best drama?",
     "Emmy for her Usk TV reality series"),
    ("Tom Hale won best writing for a comedy series.", "Who won the Emmy for best drama?", "best writing"),
    # the category's word is there, or what follows the prize is why it was given, or no category is asked
    ("Ann Pryce won the Usk Prize in economic sciences.", "Who won the Usk Prize in economics?", ""),
    ("Ann Pryce, Tom Hale and Ivo Sand won the prize for their research on banks.",
     "Who won the Usk Prize in economics?", ""),
    ("Ann Pryce won the Usk Prize for the first time.", "Who won the Usk peace prize?", ""),
    ("HBO's Emmy haul was the biggest of the night.", "Who won the Emmy for best drama?", ""),
    ("Ann Pryce has won the Usk Prize for physics.", "Who won the Usk Prize?", ""),
])
def test_a_sentence_tells_of_a_prize_of_another_category(sentence, question, other):
    from rag.answering.awards import another_award

    assert another_award(sentence, question) == other


def _prize_report(category: str, winner: str, day: str) -> dict:
    return usk_report(f"prize-{category}", f"Usk Prize for {category} goes to {winner}", day,
                      f"{winner} has won the Usk Prize for {category} for a lifetime of writing about the valley, the "
                      f"prize committee said on Tuesday.\n\nThe prize, now in its fortieth year, carries a purse of "
                      f"£5,000 and a bronze medal.")


def test_who_won_a_prize_of_one_category_is_not_answered_by_the_winner_of_another(tmp_path, embedder):
    """"Who won the Usk Prize for fiction?" asked of an archive that holds only the poetry prize's report is not
    answered with the poetry prize's winner: the answer says the archive does not say and names the prize its
    articles tell of. With the fiction prize reported, its winner is the answer, asked either way. ("Who won the
    Nobel prize in economics?" asked on 2022-10-11 of the bench archive, which lacks it, quoted the physics prize;
    "Who won the Nobel peace prize?" asked on 2022-10-08 had opened with the physics prize, the peace prize second.)"""
    poetry = _prize_report("poetry", "Ann Pryce", "2024-05-21")
    assistant = assistant_over(tmp_path / "a", embedder, poetry)
    answer = assistant.ask("Who won the Usk Prize for fiction?", as_of="2024-05-23")
    assert answer.abstained and not answer.citations, answer.text
    assert ("another prize, the Usk Prize for poetry (“Usk Prize for poetry goes to Ann Pryce”, 2024-05-21), not "
            "the Usk Prize for fiction asked about") in answer.text, answer.text

    assistant = assistant_over(tmp_path / "b", embedder, poetry,
                               _prize_report("fiction", "Tom Hale", "2024-05-22"))
    for question in ("Who won the Usk Prize for fiction?", "Who won the Usk fiction prize?"):
        answer = assistant.ask(question, as_of="2024-05-23")
        assert not answer.abstained, answer.text
        assert answer.citations[0].quote.startswith("Tom Hale has won the Usk Prize for fiction"), answer.text
        assert all("Ann Pryce" not in c.quote for c in answer.citations), answer.text
    # asked of the prize with no category, the poetry prize is an answer
    answer = assistant_over(tmp_path / "c", embedder, poetry).ask("Who won the Usk Prize?", as_of="2024-05-23")
    assert not answer.abstained and "Ann Pryce" in answer.citations[0].quote, answer.text


def test_who_won_a_race_not_yet_called_is_not_answered_by_the_winner_of_another(tmp_path, embedder):
    """"Who won the Monmouth County race?": the winner of the Newport County race is not the answer (it names no
    Monmouth), the sentence that says the Monmouth race is not yet called is."""
    text = ("Ann Pryce won the Newport County race on Thursday, beating the sitting councillor by 212 votes.\n\n"
            "The Monmouth County race between Carys Lloyd and Tom Hale is too close to call, with postal votes still "
            "to count, officials said.")
    assert_quoted_first(tmp_path, embedder, text, ["Who won the Monmouth County race?"], "The Monmouth County race")


def test_a_line_of_an_almanac_list_does_not_answer_for_this_years_news(tmp_path, embedder):
    """"This date in rugby" lists past years' results, a line each ("2019 — Usk beat Chepstow ..."): asked who won
    the cup, the answer opens on this year's final, not on a line of the list; asked about 2019, it quotes that line."""
    almanac = _article(
        "almanac", "This date in Gwent rugby", "Usk Courier", "2024-05-20",
        "2019 — Usk beat Chepstow 21-7 to win the Gwent Cup final for the first time.\n"
        "2015 — Monmouth won the Gwent Cup final after a late try against Usk.\n"
        "2009 — Caldicot won the Gwent Cup final on a wet afternoon.",
    )
    final = _article(
        "final", "Cup final in Abergavenny", "Wales Daily", "2024-05-19",
        "Supporters cheered on Saturday as Pontypool won the Gwent Cup final against Abergavenny, 18-12.\n\n"
        "The clubs will meet again in the league in September.",
    )
    assistant = assistant_over(tmp_path, embedder, almanac, final)
    result = assistant.ask("Who won the Gwent Cup final?", as_of="2024-05-21")
    assert not result.abstained, result.text
    assert result.citations[0].quote.startswith("Supporters cheered on Saturday as Pontypool won"), result.text
    back_then = assistant.ask("Who won the Gwent Cup final in 2019?", as_of="2024-05-21")
    assert any(c.quote.startswith("2019 — Usk beat Chepstow") for c in back_then.citations), back_then.text


@pytest.mark.parametrize(
    "question, topic",
    [
        ("What were the top stories about the Usk ferry yesterday?", "the Usk ferry"),
        ("Biggest Usk stories this week", "Usk"),
        ("Headlines on the ferry strike today", "the ferry strike"),
        ("What are the latest developments in Usk?", "Usk"),
        ("What are the top stories this week?", None),  # a briefing of everything
        ("Top sports stories this week", None),  # of a desk
        ("Who made headlines at the Usk show?", None),  # asks who
        ("What happened to the Usk ferry?", None),  # no stories asked for
    ],
)
def test_briefing_topic(question, topic):
    from rag.answering.extractive import briefing_topic

    assert briefing_topic(question, dt.date(2024, 5, 23)) == topic


def test_a_briefing_about_a_topic_lists_the_stories_about_it(tmp_path, embedder):
    """"What were the top stories about the Usk ferry yesterday?" lists the stories of the articles about the
    ferry (named in the headline, or more than once in the opening), not one that names it in passing."""
    strike = "Crews on the Usk ferry walked out on {day} in a dispute over pay. The ferry will not run until Friday."
    articles = [
        _article("strike-a", "Usk ferry crews walk out over pay", "Usk Courier", "2024-05-22",
                 strike.format(day="Wednesday")),
        _article("strike-b", "Commuters stranded by strike", "Wales Daily", "2024-05-22",
                 strike.format(day="Wednesday morning")),
        _article("fete", "Village fete raises money for the lifeboat", "Border News", "2024-05-22",
                 "The summer fete in Llanbadoc raised more than 3,000 pounds for the lifeboat station on Wednesday, "
                 "though some visitors could not come across on the ferry."),
        *_three_flood_reports(),
    ]
    assistant = assistant_over(tmp_path, embedder, *articles)
    ferry = assistant.ask("What were the top stories about the Usk ferry yesterday?", as_of="2024-05-23")
    assert not ferry.abstained, ferry.text
    assert ferry.text.startswith("The stories about the Usk ferry most reported on 2024-05-22:"), ferry.text
    assert [c.article_id[:7] for c in ferry.citations] == ["strike-"], ferry.text
    assert "(2 articles)" in ferry.text, ferry.text
    bridge = assistant.ask("Top stories about the Usk bridge yesterday", as_of="2024-05-23")
    assert bridge.abstained
    assert bridge.text == ("The archive does not say: none of its articles published on 2024-05-22 is about the "
                           "Usk bridge (names it in its headline, or more than once in its opening)."), bridge.text


@pytest.mark.parametrize(
    "sentence, back",
    [
        ("Some 27 years after the company first debuted the browser, it retired the browser on Wednesday.", 27),
        ("The vote marked the 31st anniversary of independence.", 31),
        ("The paper was founded 40 years ago.", 40),
        ("Ten years since the flood, Usk remembers.", 10),
        ("He retired 10 years after joining the club.", None),  # after what, in which year: not said
        ("The firm has 20 years of experience.", None),
    ],
)
def test_years_counted_back_from_the_day_of_the_report(sentence, back):
    from rag.answering.extractive import years_back

    assert years_back(sentence) == back


@pytest.mark.parametrize(
    "sentence, cue",
    [
        ("The ferry first crossed the river in 1994.", 1.0),
        ("The ferry first crossed the river 30 years ago.", 1.0),
        ("The ferry made its last crossing on Sunday.", 0.0),  # a weekday is no year
        ("The ferry made its last crossing in June.", 0.0),
    ],
)
def test_a_what_year_question_wants_a_year(sentence, cue):
    from rag.answering.extractive import _cue

    assert _cue("when", sentence, "What year did the Usk ferry first cross the river?") == cue


def test_a_year_counted_back_is_given_as_the_year(tmp_path, embedder):
    """"What year did it first cross?" answered by a report that counts the years back ("Some 30 years after ...")
    instead of writing the year: the answer quotes it and says the year it points to, counted from the report's day."""
    from tests.test_options import assistant_over

    report = dict(
        id="ferry-last", title="Usk ferry makes its last run", source="Usk Courier", url="https://usk.example/last",
        published="2024-06-03",
        text="Some 30 years after the Usk ferry first crossed the river, the service made its last run on Sunday. "
             "Hundreds of people waved from the bank as the last crossing left at noon on Sunday.",
    )
    answer = assistant_over(tmp_path, embedder, report).ask(
        "The Usk ferry made its last run this week. What year did it first cross the river?", as_of="2024-06-05")
    assert answer.citations[0].quote.startswith("Some 30 years after the Usk ferry first crossed the river")
    assert "[1] That is about 1994: 30 years before the report of 2024-06-03." in answer.text


@pytest.mark.parametrize(
    ("sentence", "holds"),
    [
        ("Councillor Tom Hale was chosen mayor of Usk on Monday by a vote of the town council.", True),
        ("New Mayor Tom Hale opened the bridge on Tuesday.", True),
        ("Tom Hale, the new mayor, opened the bridge.", True),
        ("Tom Hale became mayor after a tied vote.", True),
        ("Ann Pryce or Tom Hale will be named the new mayor of Usk at Monday's meeting.", False),  # candidates
        ("Tom Hale will be named mayor of Usk on Monday.", False),  # not yet
        ("The town is looking for a new mayor after the resignation of Mayor Ann Pryce.", False),  # she is leaving
        ("The mayor's office said the bridge would reopen.", False),  # the post, nobody in it
    ],
)
def test_a_sentence_says_who_holds_the_post_asked_about(sentence, holds):
    from rag.answering.extractive import asked_post, holds_the_post

    assert asked_post("Who is the new mayor of Usk?") == (r"\bmayor(?:e?s)?\b", True)
    assert asked_post("Who is the head coach of the Usk Otters?") == (r"\bhead\s+coach(?:e?s)?\b", False)
    assert asked_post("Who is Usk's new mayor?") == (r"\bmayor(?:e?s)?\b", True)
    # a place of two words or three before "'s" ("Who is Sri Lanka's new president?", asked on 2022-07-22, had been
    # read as of a post not new, and quoted a caption that names the president who had fled)
    assert asked_post("Who is Upper Usk's new mayor?") == (r"\bmayor(?:e?s)?\b", True)
    assert not holds_the_post("Soldiers patrol near the residence of Mayor Ann Pryce.", "Who is Upper Usk's new mayor?")
    assert asked_post("Who is Tom Hale?") is None and asked_post("Who won the vote?") is None
    assert asked_post("Who is King Owain IV?") is None  # (a title before a name: who he is, see _describes)
    assert asked_post("Who is the King of Usk?") == (r"\bking(?:e?s)?\b", False)
    assert asked_post("Who is the suspect in the Usk shooting?") is None  # not a post one holds in turn
    assert holds_the_post(sentence, "Who is the new mayor of Usk?") is holds
    # the holder asked for without "new": named by the post, unless the sentence has them leaving it
    assert holds_the_post("Mayor Ann Pryce opened the bridge on Tuesday.", "Who is the mayor of Usk?")
    assert holds_the_post("News that Ann Pryce will continue as mayor of Usk was expected.", "Who is the mayor of Usk?")
    assert holds_the_post("Ann Pryce remains mayor after the vote.", "Who is the mayor of Usk?")
    assert not holds_the_post("Ann Pryce remains mayor after the vote.", "Who is the new mayor of Usk?")  # not new
    assert not holds_the_post("The Usk Party is the largest, so its new leader will automatically become mayor.",
                              "Who is the new mayor of Usk?")  # not yet
    for leaving in ("The council fired Mayor Ann Pryce on Monday.", "Councillors sacked Mayor Ann Pryce.",
                    "The vote ousted Mayor Ann Pryce.", "Mayor Ann Pryce was dismissed on Monday."):
        assert not holds_the_post(leaving, "Who is the mayor of Usk?"), leaving


def test_the_post_of_another_place_or_of_another_rank_is_not_the_post_asked_about():
    """"Who is the prime minister of the UK?": "Australian Prime Minister ..." names another country's, "Deputy Prime
    Minister ..." another rank; "British", "Britain's" and "UK" name the one asked about, as "Usk" does Usk's."""
    from rag.answering.extractive import holds_the_post, post_of

    assert post_of("Who is the prime minister of the UK?") == post_of("Who is Britain's prime minister?")
    assert post_of("Who is the CEO of Usk Ferries?") == {"usk", "ferries"}
    assert post_of("Who is the mayor?") == frozenset()
    assert post_of("Who is Upper Usk's new mayor?") == post_of("Who is the new mayor of Upper Usk?")
    uk = "Who is the prime minister of the UK?"
    assert not holds_the_post("In a tweet, Australian Prime Minister Ann Pryce praised the singer.", uk)
    assert not holds_the_post("Deputy Prime Minister Tom Hale said the talks would go on.", uk)
    assert not holds_the_post("Ann Pryce, the prime minister of Australia, praised the singer.", uk)
    for named in ("British Prime Minister Tom Hale", "Britain's Prime Minister Tom Hale", "UK Prime Minister Tom Hale",
                  "Prime Minister Tom Hale"):
        assert holds_the_post(f"{named} said the talks would go on.", uk), named
    # a sentence naming both holds the one asked about
    assert holds_the_post("Japanese Prime Minister Ann Pryce met British Prime Minister Tom Hale.", uk)
    usk = "Who is the mayor of Usk?"
    assert not holds_the_post("Chepstow Mayor Ann Pryce opened the bridge.", usk)
    assert not holds_the_post("Ann Pryce, the mayor of Chepstow, opened the bridge.", usk)
    assert holds_the_post("Usk Mayor Ann Pryce opened the bridge.", usk)
    assert holds_the_post("Republican Mayor Ann Pryce opened the bridge.", usk)  # a party is no place
    assert not holds_the_post("Vice President Ann Pryce spoke.", "Who is the president?")
    gwent = "Who is the governor of Gwent?"  # a title written short is the post too, the lieutenant's is another rank
    assert holds_the_post("Gwent's Republican Gov. Ann Pryce signed the bill.", gwent)
    assert not holds_the_post("Lt. Gov. Tom Hale signed the bill.", gwent)
    assert not holds_the_post("Powys Gov. Tom Hale signed the bill.", gwent)
    assert holds_the_post("Vice President Ann Pryce spoke.", "Who is the vice president?")


def test_who_holds_a_post_is_not_answered_by_another_country_s_holder(tmp_path, embedder):
    """Asked who the UK's prime minister is, the report naming Britain's answers, and the sentence naming
    Australia's (the most recent, and closer in meaning) is not quoted beside it as if it said the same."""
    tribute = usk_report("singer-tributes", "Tributes pour in for the singer", "2024-06-09",
        "In a tweet, Australian Prime Minister Ann Pryce called the singer a big part of the nation's life.\n\n"
        "Fans gathered outside the Usk theatre on Sunday.",
    )
    talks = usk_report("energy-talks", "Energy talks go on", "2024-06-03",
        "British Prime Minister Tom Hale, who took office in May, told Parliament the UK would cut energy "
        "bills.\n\nThe firms said they would answer within a week.",
    )
    assistant = assistant_over(tmp_path, embedder, tribute, talks)
    result = assistant.ask("Who is the prime minister of the UK?", as_of="2024-06-10")
    assert not result.abstained, result.text
    assert result.citations[0].quote.startswith("British Prime Minister Tom Hale, who took office"), result.text
    assert "Ann Pryce" not in result.text


def test_a_sentence_dated_to_an_earlier_year_than_its_report_is_background():
    from rag.answering.extractive import dated_before

    assert dated_before("Ann Pryce, who herself became mayor of Usk in 2019, handed over the chain.", "2024-06-05")
    assert dated_before("Usk won the last two cups in 2020 and 2021.", "2024-06-05")
    assert not dated_before("Usk won its first cup since 2001 on Sunday night.", "2024-06-05")  # the news, dated
    assert not dated_before("Tom Hale was chosen mayor in 2024.", "2024-06-05")
    assert not dated_before("Tom Hale was chosen mayor by 14 votes.", "2024-06-05")  # no year
    assert not dated_before("The ferry cost £2019 to repair.", "2024-06-05")  # a sum, not a year
    # a year that names an event in passing does not date the news told ("hurt in the 2021 Usk ferry crash")
    assert not dated_before("A jury has ordered Ivo Sand to pay £49,000 to a girl hurt in the 2021 Usk ferry crash.",
                            "2024-06-05")
    assert dated_before("Ivo Sand lost the 2021 Usk mayoral race.", "2024-06-05")
    assert dated_before("In the 2021 race, Ivo Sand came second.", "2024-06-05")
    # a day without its year is the one nearest the report: February's is background in June, next January's is not
    assert dated_before("The old ferry sank on February 3.", "2024-06-05")
    assert dated_before("The old ferry sank on 3 November 1998.", "2024-06-05")
    assert not dated_before("The new fares take effect Jan. 1.", "2024-09-05")
    assert not dated_before("The ferry crossed on May 28.", "2024-06-05")
    assert dated_before("The ferry crossed the river.", "2024-06-05") is None  # no time named
    assert dated_before("Tom Hale ran the ferry more than a decade ago.", "2024-06-05")
    # a sentence that opens on an earlier year tells of then, though it compares it with today
    assert dated_before("In July 2008, a ticket cost £1.10, which would be about £1.80 today.", "2024-06-05")
    assert not dated_before("A ticket cost £1.10 in 2008 and costs £2 today.", "2024-06-05")
    assert not dated_before("In 2024, tickets went up on Monday.", "2024-06-05")


def test_who_died_this_week_is_not_answered_by_deaths_of_years_ago(tmp_path, embedder):
    """A retrospective's sentences that name no time ("Captain Tom Hale and two of the crew died at the scene")
    follow one that dates the sinking to 1998: they tell of then, not of this week, so the obituary answers."""
    obituary = usk_report("usk-obit", "Usk mourns", "2024-06-06",
        "The family of Ann Pryce, who ran the Usk ferry for thirty years, said she had died peacefully at "
        "home.\n\nThe town council will hold a minute's silence on Saturday.",
    )
    history = usk_report("usk-ferry-history", "The Usk ferry through the years", "2024-06-05",
        "The old ferry sank on November 3, 1998. Captain Tom Hale and two of the crew died at the scene. "
        "Deckhand Owain Price died in hospital a few hours later.\n\nThe ferry was rebuilt in 2001.",
    )
    assistant = assistant_over(tmp_path, embedder, obituary, history)
    for question in ("Who died this week?", "Who died?"):
        result = assistant.ask(question, as_of="2024-06-07")
        assert result.citations[0].quote.startswith("The family of Ann Pryce"), result.text
        assert "Tom Hale" not in result.text and "Owain Price" not in result.text, result.text


def test_who_holds_a_post_is_not_answered_by_sentences_that_name_no_one_in_it(tmp_path, embedder):
    """"Who is the new head coach of the Usk Otters?" over reports of the Otters' signings, none naming a coach:
    an honest "the archive does not say", not a quote about a signing."""
    signing = usk_report("otters-signing", "Otters sign a guard", "2024-06-04",
        "The Usk Otters signed guard Tom Hale to a three-year contract, the team said on Monday, after a season of "
        "21 wins and 61 losses.\n\nHale will give the Otters a high-scoring shooter off the bench.",
    )
    assistant = assistant_over(tmp_path, embedder, signing)
    result = assistant.ask("Who is the new head coach of the Usk Otters?", as_of="2024-06-10")
    assert result.abstained, result.text
    assert "none of the articles found says who the new head coach of the Usk Otters is." in result.text
    assert not result.citations


@pytest.mark.parametrize(
    "question, reported",
    [
        ("Who is the new head coach of the Usk Otters?", "who the new head coach of the Usk Otters is"),
        ("What's Usk's unemployment rate?", "what Usk's unemployment rate is"),
        ("What was the final score?", "what the final score was"),
        ("Who was appointed chancellor after Tom Hale resigned?", "who was appointed chancellor after Tom Hale "
                                                                  "resigned"),  # a verb, not a noun phrase
        ("Who runs the Usk ferry?", "who runs the Usk ferry"),
    ],
)
def test_a_question_is_reported_as_what_the_articles_do_not_say(question, reported):
    from rag.answering.extractive import _reported

    assert _reported(question) == reported


def test_a_figure_asked_is_not_answered_by_sentences_that_give_none(tmp_path, embedder):
    """"What is Usk's unemployment rate?" over a report on jobs in Usk that gives no rate (only a year long past, no
    figure of now): an honest "the archive does not say", not a sentence about the rate rising."""
    jobs = usk_report("usk-jobs", "Usk jobs fair draws crowds", "2024-06-04",
        "The unemployment rate in Usk has risen since the ferry yard closed, the council said at a jobs fair on "
        "Monday.\n\nThe yard had employed families in the town since 1952.",
    )
    result = assistant_over(tmp_path, embedder, jobs).ask("What is Usk's unemployment rate?", as_of="2024-06-10")
    assert result.abstained, result.text
    assert "none of the articles found says what Usk's unemployment rate is." in result.text
    assert not result.citations


def test_who_holds_a_post_now_is_not_answered_by_who_took_it_years_ago(tmp_path, embedder):
    """"Who is Usk's new mayor?" (and "Who is the mayor of Usk?"): the outgoing mayor "became mayor of Usk in
    2019", as the report of the handover says, is background; the report of this week's vote answers alone."""
    handover = usk_report("usk-hall", "Usk's mayor hands over", "2024-06-05",
        "Ann Pryce, who herself became mayor of Usk in 2019 after a tied vote, handed the chain of office to "
        "her successor at the town hall.\n\nThe ceremony drew a crowd of about two hundred.",
    )
    vote = usk_report("usk-vote", "Council vote", "2024-06-04",
        "Councillor Tom Hale was chosen mayor by the Usk town council, winning 14 of the 20 votes.\n\n"
        "He promised to reopen the old market hall before the summer.",
    )
    assistant = assistant_over(tmp_path, embedder, handover, vote)
    for question in ("Who is Usk's new mayor?", "Who is the mayor of Usk?"):
        result = assistant.ask(question, as_of="2024-06-10")
        assert result.citations[0].quote.startswith("Councillor Tom Hale was chosen mayor"), result.text
        assert "2019" not in result.text, result.text


def test_who_is_the_new_holder_of_a_post_is_answered_by_who_took_it_not_by_the_candidates(tmp_path, embedder):
    """"Who is Usk's new mayor?" asked after the vote: the report that names who was chosen leads, not the preview
    that named both candidates (closer in words and meaning: "named", "Usk's new mayor"), nor the outgoing mayor."""
    preview = dict(
        id="usk-mayor-preview", title="Usk to name a new mayor", source="Usk Courier",
        url="https://usk.example/mayor-preview", published="2024-05-30",
        text="Ann Pryce or Tom Hale will be named as Usk's new mayor by the town council on Monday.\n\n"
        "Usk has been looking for a new mayor since the resignation of Mayor Gwen Morgan in April.",
    )
    report = dict(
        id="usk-mayor-vote", title="Hale wins", source="Usk Courier",
        url="https://usk.example/mayor-vote", published="2024-06-04",
        text="Councillor Tom Hale completed a comeback on Monday, when he was chosen mayor by the Usk town "
        "council, a year after he lost his seat.\n\nHe promised to reopen the old market hall before the summer.",
    )
    assistant = assistant_over(tmp_path, embedder, preview, report)
    result = assistant.ask("Who is Usk's new mayor?", as_of="2024-06-10")
    assert not result.abstained, result.text
    assert result.citations[0].quote.startswith("Councillor Tom Hale completed a comeback"), result.text


def test_the_price_of_a_purchase_is_not_answered_by_a_rate(tmp_path, embedder):
    """"How much did Hale Group pay for the Usk ferry?" asks what one purchase cost: the sentence that gives a rate
    ("£4 a month", "a £30 annual fee") gets less of the money cue than the one with the price, which leads although
    the rate's sentence shares more of the question's words ("pay", "ferry"). Asked for a rate, a rate counts."""
    from rag.answering.extractive import RATE_CUE, _cue

    question = "How much did Hale Group pay for the Usk ferry?"
    assert _cue("money", "Riders pay £4 a month for the Usk ferry.", question) == RATE_CUE
    assert _cue("money", "Members pay a £30 annual fee.", question) == RATE_CUE
    assert _cue("money", "Hale Group bought the ferry for £3 million.", question) == 1.0
    assert _cue("money", "Riders pay £4 a month for the Usk ferry.", "How much does the Usk ferry cost?") == 1.0
    assert _cue("money", "Riders pay £4 a month.", "How much did riders pay a month for the Usk ferry?") == 1.0
    sale = dict(
        id="usk-ferry-sale", title="Hale Group buys the Usk ferry", source="Usk Courier",
        url="https://usk.example/ferry-sale", published="2024-06-04",
        text="Hale Group will let riders of the Usk ferry pay £4 a month for a season pass, the new owner said.\n\n"
        "Hale Group bought the Usk ferry company from the town council for £3 million on Monday.\n\n"
        "The ferry will keep running every half hour.",
    )
    assistant = assistant_over(tmp_path, embedder, sale)
    result = assistant.ask(question, as_of="2024-06-10")
    assert not result.abstained, result.text
    assert "£3 million" in result.citations[0].quote, result.text


@pytest.mark.parametrize(
    "question, asked",
    [
        ("How hot did it get in Usk?", True),
        ("What is the hottest temperature on record in Wales?", True),
        ("How cold will it be tonight?", True),
        ("How high did temperatures climb on Tuesday?", True),
        ("How high did the pound climb?", False),
        ("How many fires were there in the heat?", False),
        ("Why was the temperature so high?", False),  # a reason is asked for
    ],
)
def test_a_temperature_is_asked_for(question, asked):
    from rag.answering.extractive import temperature_asked

    assert temperature_asked(question) is asked


def test_words_of_one_family_match():
    from rag.answering.extractive import _matches, verb_stems

    hike = set(verb_stems("After the 50p hike on Wednesday"))
    assert _matches(verb_stems("raise")[0], hike)
    assert _matches(verb_stems("died")[0], set(verb_stems("the deaths of 150 people")))
    assert not _matches(verb_stems("raise")[0], set(verb_stems("The council cut the fee")))
    assert _matches(verb_stems("succeeds")[0], set(verb_stems("her eldest son and heir, Tom Pryce, became mayor")))
    assert _matches(verb_stems("won")[0], set(verb_stems("after defeating Tom Hale in the final")))


def test_who_did_it_reads_the_ledes_of_the_first_articles():
    from rag.answering.extractive import DOER_LEDE_ARTICLES, FIGURE_LEDE_ARTICLES, ledes_to_read

    assert ledes_to_read("Who won the Usk Open?") == DOER_LEDE_ARTICLES  # the lede says who
    assert ledes_to_read("How many people came to the Usk Open?") == FIGURE_LEDE_ARTICLES
    assert ledes_to_read("Who is Ann Pryce?") == 0 and ledes_to_read("Who is the mayor of Usk?") == 0


def test_what_an_outlet_the_question_names_said_is_quoted_from_that_outlets_reports(tmp_path, embedder):
    """Two outlets report the Usk bridge closure; the Courier's report words it closer to the question. "What did
    the Wales Herald say about ...?" is answered from the Herald's own report, opening with its lede, and the
    Courier's is quoted when the question names no outlet. An outlet with nothing on it gets the others' sentences
    and the note that none is its own."""
    courier = usk_report("usk-bridge-courier", "Usk bridge closed to traffic", "2024-06-03", (
        "The Usk bridge was closed to traffic on Monday after engineers found cracks in two of its arches, the "
        "county council said.\n\nThe Usk bridge closure means a twelve-mile detour through Abergavenny for drivers, "
        "and buses will stop at both ends of the bridge until repairs are done.\n\nThe county council said the Usk "
        "bridge closure would last at least six weeks."))
    herald = dict(id="usk-bridge-herald", title="Cracked arches shut river crossing", source="Wales Herald",
                  url="https://herald.example/usk-bridge", published="2024-06-04", text=(
                      "Engineers shut the old bridge at Usk after finding cracks in two of its stone "
                      "arches, leaving shopkeepers on the far bank fearing a summer without trade.\n\nThe "
                      "Chamber of Trade asked the county council to let pedestrians keep using the footway while "
                      "the arches are repaired."))
    assistant = assistant_over(tmp_path, embedder, courier, herald)

    plain = assistant.ask("What happened to the Usk bridge?", as_of="2024-06-05")
    assert not plain.abstained and plain.citations[0].source == "Usk Courier", plain.text

    named = assistant.ask("What did the Wales Herald say about the Usk bridge closure?", as_of="2024-06-05")
    assert not named.abstained, named.text
    assert {c.source for c in named.citations} == {"Wales Herald"}, named.text
    assert named.citations[0].quote.startswith("Engineers shut the old bridge at Usk"), named.text
    assert named.notes == []

    # the outlet is whose report, not a name the report must hold: it is the question's only name here
    bridge = assistant.ask("What did the Wales Herald say about the cracked bridge?", as_of="2024-06-05")
    assert not bridge.abstained, bridge.text
    assert {c.source for c in bridge.citations} == {"Wales Herald"}, bridge.text

    # the Courier's own name: "Usk" in it is no reason to quote the Courier, and its report is quoted
    courier_named = assistant.ask("What did the Usk Courier report about the bridge closure?", as_of="2024-06-05")
    assert {c.source for c in courier_named.citations} == {"Usk Courier"}, courier_named.text

    other = assistant.ask("What did the Severn Post say about the Usk bridge closure?", as_of="2024-06-05")
    assert not other.abstained and other.citations, other.text
    # an outlet the archive does not hold is no outlet (no note that none of the quotes is from it), but a name the
    # sources quoted lack
    assert other.notes == ["The sources quoted do not name “Severn Post”, which the question does: the answer may be "
                           "about something else."], other.notes


def test_who_took_a_post_after_an_event_asks_for_the_post_not_for_the_events_words(tmp_path, embedder):
    """"Who became captain ... after the coach left?" asks who holds the captaincy: the post is read up to where
    the clause of when begins, not from the question's last post word ("coach"). A sentence that has someone
    elected to it answers, though it does not say "became" (the post's cue, not the cue for who did a deed)."""
    from rag.answering.extractive import asked_post

    assert asked_post("Who became king after the Queen died?")[0] == asked_post("Who became king?")[0]
    assert asked_post("Who is the new head coach of the Lakers, after the firing?")[0] == r"\bhead\s+coach(?:e?s)?\b"
    assistant = assistant_over(
        tmp_path, embedder,
        usk_report("usk-captain", "New captain for Usk rowers", "2024-06-03",
                   "Carys Pritchard was elected captain of Usk Rowing Club on Monday. The club's members voted for "
                   "her at the annual meeting in the boathouse."),
        usk_report("usk-coach", "Usk rowing coach leaves", "2024-06-01",
                   "Rhys Morgan left Usk Rowing Club after six years as its coach on Friday, and the club said its "
                   "new captain would be chosen at the annual meeting."),
    )
    answer = assistant.ask("Who became captain of Usk Rowing Club after the coach left?", as_of="2024-06-05")
    assert not answer.abstained, answer.text
    assert "Carys Pritchard" in answer.citations[0].quote, answer.text


def test_who_was_appointed_to_a_post_reads_the_post_without_the_verb(tmp_path, embedder):
    """"Who was appointed chancellor ...?" asks who holds the post "chancellor", not "appointed chancellor": the
    report that has someone appointed chancellor answers (the verb had been read as part of the post, so no sentence
    named anyone in it and the answer said the archive does not say). The question's "this week" is its time, and
    no note reads the event after it as another."""
    from rag.answering.extractive import asked_post, holds_the_post

    question = "Who was appointed chancellor of Usk this week following Tom Hale's resignation?"
    assert asked_post(question)[0] == asked_post("Who is the chancellor of Usk?")[0] == r"\bchancellor(?:e?s)?\b"
    assert asked_post("Who was named head coach of the Usk Otters?")[0] == r"\bhead\s+coach(?:e?s)?\b"
    assert holds_the_post("Ann Pryce has been appointed chancellor after Tom Hale's resignation last night.", question)
    assistant = assistant_over(
        tmp_path, embedder,
        usk_report("usk-chancellor", "Pryce named Usk chancellor", "2024-06-05",
                   "Ann Pryce has been appointed chancellor of Usk after Tom Hale's dramatic resignation last night. "
                   "Hale quit over the ferry contract."),
        usk_report("usk-resign", "Hale resigns", "2024-06-04",
                   "Tom Hale resigned as chancellor of Usk on Tuesday evening in a row over the ferry contract. "
                   "His resignation letter was posted online."),
    )
    answer = assistant.ask(question, as_of="2024-06-06")
    assert not answer.abstained, answer.text
    assert "Ann Pryce" in answer.citations[0].quote, answer.text
    # "this week" is the time searched, so no note reads "following Tom Hale's resignation" as a window
    assert not any("is read as" in note for note in answer.notes), answer.notes


def test_when_someone_died_is_not_answered_by_the_dates_of_other_deaths(tmp_path, embedder):
    """"When did Ann Pryce die?": a tribute full of other deaths ("Ann Pryce's husband, the ferry captain Dai
    Hale, died in 2009", "the death of her brother Owain Price in 1998") gives dates of the asked event word, none
    of them hers; the report of her own death answers."""
    from rag.answering.extractive import someone_elses_event

    question = "When did Ann Pryce die?"
    assert someone_elses_event("Ann Pryce's husband, the ferry captain Tom Hale, died in 2009.", question)
    assert someone_elses_event("She never got over the death of her brother Owain Price in 1998.", question)
    assert someone_elses_event("Ann Pryce buried her friend Tom Hale, who died in May 2001.", question)
    assert someone_elses_event("Princess Gwen's death in 1997 shook Ann Pryce.", question)
    assert not someone_elses_event("Ann Pryce died on Tuesday at her home in Usk.", question)
    assert not someone_elses_event("Usk ferrywoman Ann Pryce II died on Tuesday.", question)
    assert not someone_elses_event("Ann Pryce, Usk's longest-serving ferry keeper, died on Tuesday.", question)
    assert not someone_elses_event("Pryce's death on Tuesday shocked the town.", question)
    assert not someone_elses_event("Ann Pryce, who kept the Usk ferry, died on Tuesday.", question)
    assert not someone_elses_event("The town mourned when she died on Tuesday.", question)  # (whose: unknown)
    tribute = usk_report("pryce-tribute", "Ann Pryce: a life on the Usk ferry", "2024-06-07",
        "Ann Pryce's husband, the ferry captain Dai Hale, died in 2009 when Ann Pryce was 60. Ann Pryce never got "
        "over the death of her brother Owain Price in 1998. Ann Pryce buried her friend Tom Hale, who died in May "
        "2001, beside the ferry steps.\n\nThe ferry will run on, the council says.",
    )
    report = usk_report("pryce-death", "Usk ferry keeper dies", "2024-06-05",
        "Ann Pryce, who kept the Usk ferry for thirty years, died on Tuesday at her home by the river, her family "
        "said. She was 75.\n\n"
        "The ferry will not run this week.",
    )
    assistant = assistant_over(tmp_path, embedder, tribute, report)
    answer = assistant.ask(question, as_of="2024-06-08")
    assert not answer.abstained, answer.text
    assert "died on Tuesday" in answer.citations[0].quote, answer.text


def test_when_answered_by_a_day_of_the_week_says_the_date_it_is(tmp_path, embedder):
    """A report names the day of the week ("reopened on Monday"); the answer to "when" says the date that is,
    counted from the report's date: the last such day up to it, the first from it for what is still to come ("will
    vote on Friday"), the report's own day if it is that day, and the report's day before for "yesterday"."""
    from rag.answering.extractive import day_meant

    wednesday = "2024-06-05"
    assert day_meant("The bridge reopened on Monday.", wednesday) == ("Monday", dt.date(2024, 6, 3))
    assert day_meant("The council met Wednesday.", wednesday) == ("Wednesday", dt.date(2024, 6, 5))
    assert day_meant("The council will vote on Friday on the tolls.", wednesday) == ("Friday", dt.date(2024, 6, 7))
    assert day_meant("The vote is set for Wednesday.", wednesday) == ("Wednesday", dt.date(2024, 6, 5))
    assert day_meant("The mayor, who will stand again, said Friday that she was glad.", wednesday) == (
        "Friday", dt.date(2024, 5, 31))
    assert day_meant("The bridge reopened yesterday.", wednesday) == ("yesterday", dt.date(2024, 6, 4))
    assert day_meant("The bridge reopened on June 3, a Monday.", wednesday) is None
    assert day_meant("The bridge reopened after repairs.", wednesday) is None
    assistant = assistant_over(tmp_path, embedder, usk_report(
        "usk-bridge-open", "Usk bridge reopens", wednesday,
        "The Usk bridge reopened to traffic on Monday after three weeks of repairs, the council said.\n\n"
        "Drivers had faced a twelve-mile detour through Raglan while the bridge was shut."))
    answer = assistant.ask("When did the Usk bridge reopen?", as_of="2024-06-07")
    assert not answer.abstained, answer.text
    assert "on Monday" in answer.citations[0].quote, answer.text
    assert "(“Monday” in [1] is 3 June 2024, counted from the report's date, 2024-06-05.)" in answer.text


def test_news_asked_about_a_topic_no_article_quoted_is_about_says_so(tmp_path, embedder):
    """"Any news on the Usk ferry strike?" over a council budget report that mentions the strike in passing: the
    answer quotes the mention, and a note says that no article quoted is mainly about the strike (none names it
    in its headline or opening sentence). Once a report of the strike is in the archive, no such note."""
    from rag.answering.extractive import asked_topic

    assert asked_topic("What did the Usk Courier say about the ferry strike this week?", dt.date(2024, 6, 7),
                       ["Usk Courier"]) == "ferry strike"
    assert asked_topic("Any news on the Usk ferry strike?", dt.date(2024, 6, 7)) == "Usk ferry strike"
    assert asked_topic("Who called the ferry strike?", dt.date(2024, 6, 7)) == ""
    assert asked_topic("What did the Usk council decide yesterday?", dt.date(2024, 6, 5)) == "Usk council"
    # what someone said is asked about them, on the topic named: the note does not read "Ann Pryce say about ..."
    assert asked_topic("What did Ann Pryce say about Raglan?", dt.date(2024, 6, 5)) == "Ann Pryce on Raglan"
    assert asked_topic("What did Ann Pryce say?", dt.date(2024, 6, 5)) == "Ann Pryce"
    assert asked_topic("What did Ann Pryce say (Raglan)?", dt.date(2024, 6, 5)) == "Ann Pryce (Raglan)"  # (completed
    # from a conversation about Raglan)
    budget = usk_report("usk-budget", "Usk council sets its budget", "2024-06-04",
        "Usk council approved a budget of two million pounds on Monday, with more money for roads and the "
        "library.\n\nCouncillors also heard that the Usk ferry strike had cost the town's shops a week of trade, "
        "and the mayor asked both sides to talk.")
    question = "Any news on the Usk ferry strike?"
    answer = assistant_over(tmp_path / "before", embedder, budget).ask(question, as_of="2024-06-07")
    assert not answer.abstained, answer.text
    assert "ferry strike" in answer.citations[0].quote, answer.text
    assert "None of the articles quoted is mainly about “Usk ferry strike”: no headline or opening sentence of " \
           "theirs names it." in answer.notes, answer.notes
    strike = usk_report("usk-ferry-strike", "Usk ferry strike enters second week", "2024-06-05",
        "The Usk ferry strike entered its second week on Wednesday, with crews and the ferry company still "
        "apart on pay.\n\nCommuters have faced a long detour by road since the ferry stopped.")
    assistant = assistant_over(tmp_path / "after", embedder, budget, strike)
    answer = assistant.ask(question, as_of="2024-06-07")
    assert not answer.abstained, answer.text
    assert not any("mainly about" in note for note in answer.notes), answer.notes
    # the deed asked of the council ("decide") is no word of the topic its report's headline must hold
    answer = assistant.ask("What did the Usk council decide on Monday?", as_of="2024-06-07")
    assert "approved a budget" in answer.citations[0].quote, answer.text
    assert not any("mainly about" in note for note in answer.notes), answer.notes


def test_who_is_the_new_judge_is_who_became_one(tmp_path, embedder):
    """A justice or a judge is a post one holds in turn: "Who is the new Gwent Crown Court judge?" asks who took
    it ("Carys Morgan becomes Gwent Crown Court's first woman judge", five words between the taking and the post),
    not any judge the reports name."""
    from rag.answering.extractive import asked_post, holds_the_post

    assert asked_post("Who is the new Supreme Court justice?") == (r"\bjustice(?:e?s)?\b", True)
    question = "Who is the new Gwent Crown Court judge?"
    assert holds_the_post("Carys Morgan becomes Gwent Crown Court's first woman judge", question)
    assert not holds_the_post("The wife of Judge Tom Hale, who sits at Gwent Crown Court, spoke on Monday.",
                              question)
    assistant = assistant_over(
        tmp_path, embedder,
        usk_report("gwent-judge", "Gwent court gets its first woman judge", "2024-06-04",
                   "Carys Morgan becomes Gwent Crown Court's first woman judge\n\nShe was a barrister in Newport "
                   "for twenty years before she was appointed."),
        usk_report("gwent-court-wife", "A judge's wife speaks", "2024-06-05",
                   "The wife of Judge Tom Hale, who sits at Gwent Crown Court, told the Usk Courier on Monday that "
                   "the court's new building was too cold.\n\nThe court moved to the building in March."),
    )
    answer = assistant.ask(question, as_of="2024-06-07")
    assert not answer.abstained, answer.text
    assert "Carys Morgan" in answer.citations[0].quote, answer.text


def test_how_old_is_answered_by_an_age_not_by_any_number(tmp_path, embedder):
    """"How old is Ann Pryce?": a sentence that gives her age ("Ann Pryce, 75,") answers, not one that counts her
    years at the ferry or its passengers."""
    from rag.answering.extractive import _cue

    question = "How old is Ann Pryce?"
    for sentence in ("Ann Pryce, 75, keeps the ferry.", "The 75-year-old keeps the ferry.", "She is 75 years old.",
                     "She died at the age of 75.", "Ann Pryce turned 75 on Monday.", "Ann Pryce (75) keeps it."):
        assert _cue("number", sentence, question) == 1.0, sentence
    assert _cue("number", "Ann Pryce has kept the Usk ferry for thirty years.", question) == 0.0
    ferry = usk_report("usk-ferry-keeper", "Usk ferry keeper carries record numbers", "2024-06-05",
        "Ann Pryce has kept the Usk ferry for thirty years, and this spring Ann Pryce carried 12,000 passengers "
        "across the river, the most in a decade.\n\nThe keeper, Ann Pryce, 75, says she has no plans to retire.")
    answer = assistant_over(tmp_path, embedder, ferry).ask(question, as_of="2024-06-07")
    assert not answer.abstained, answer.text
    assert "75" in answer.citations[0].quote, answer.text


def test_how_long_is_answered_by_a_span_not_by_any_number(tmp_path, embedder):
    """"How long was Ann Pryce mayor?": the sentence that gives the span ("eight years") answers, not the one that
    dates her leaving; "how long ago" still asks when."""
    from rag.answering.extractive import _cue

    question = "How long was Ann Pryce mayor of Usk?"
    for sentence in ("She was mayor for eight years.", "Pryce lasted 45 days in office.", "She served for a decade.",
                     "Her term ran less than two months.", "The new bridge is 120 metres long."):
        assert _cue("number", sentence, question) == 1.0, sentence
    assert _cue("number", "Ann Pryce stepped down as mayor of Usk on May 13.", question) == 0.0
    assert _cue("number", "Ann Pryce stepped down as mayor of Usk on May 13.", "How long ago did she leave?") == 1.0
    report = usk_report("pryce-steps-down", "Pryce steps down as mayor of Usk", "2024-05-14",
        "Ann Pryce stepped down as mayor of Usk on May 13, the council said.\n\nPryce was mayor of Usk for eight "
        "years and kept the ferry running through two floods.")
    answer = assistant_over(tmp_path, embedder, report).ask(question, as_of="2024-05-20")
    assert not answer.abstained, answer.text
    assert "eight years" in answer.citations[0].quote, answer.text


def test_how_many_died_is_answered_by_the_latest_count_of_the_dead(tmp_path, embedder):
    """A toll grows as a story develops: "How many people died in the Usk flood?" leads with the newest report's
    count, not the first day's; and people rescued are not the dead."""
    from rag.answering.extractive import OTHER_COUNT_CUE, OTHER_HARM_CUE, _cue, tally_asked

    question = "How many people died in the Usk flood?"
    assert _cue("number", "At least seven people died in the Usk flood.", question) == 1.0
    assert _cue("number", "The Usk flood death toll rose to 7 people.", question) == 1.0
    assert _cue("number", "More than 120 people were counted in the Usk flood.", question) == OTHER_COUNT_CUE
    assert _cue("number", "More than 120 people were rescued from the Usk flood.", question) == OTHER_HARM_CUE
    first = usk_report("usk-flood-saturday", "Three dead in Usk flood", "2024-03-02",
        "At least three people died in the Usk flood, police said.\n\nMore than 120 people were rescued from the "
        "Usk flood by lifeboat crews.")
    later = usk_report("usk-flood-tuesday", "Usk flood toll rises", "2024-03-05",
        "As the water fell back from the town centre and the valley farms on Tuesday, police said at least seven "
        "people had now died since the Usk flood.\n\nThe council opened a fund for families who lost their homes.")
    answer = assistant_over(tmp_path, embedder, first, later).ask(question, as_of="2024-03-08")
    assert not answer.abstained, answer.text
    assert answer.citations[0].article_id == "usk-flood-tuesday", answer.text
    assert "seven" in answer.citations[0].quote and "rescued" not in answer.citations[0].quote
    # the first day's count, if quoted too, is said to be older
    assert answer.citations[1].article_id == "usk-flood-saturday", answer.text
    assert "([1] is the newest of the reports quoted, of 2024-03-05; the count in [2] is from 2024-03-02.)" in (
        answer.text)
    # injuries that are the reason for a recall are not what it counts
    recall = "How many baby swings were recalled this week due to reports of infant injuries?"
    assert _cue("number", "The recall affects 2 million MamaRoo swings.", recall) == 1.0
    # a toll, people arrested or evacuated, cases: tallies that grow; a recall's size or a record is none
    for tally in (question, "How many people were arrested at the Usk protest?", "How many cases of flu are there?"):
        assert tally_asked(tally), tally
    for count in (recall, "How many hot dogs did Ann Pryce eat to win the contest?"):
        assert not tally_asked(count), count


def test_how_many_died_leads_with_the_whole_toll_not_a_part_of_it(tmp_path, embedder):
    """Of the newest report's counts of the dead, the whole toll leads ("The number of people killed ... rose to at
    least 23"), not the count by village of the same day that scored a little better; a count told after what it
    counts ("the number of people killed ... rose to", "the death toll has climbed to") counts them."""
    from rag.answering.extractive import _cue

    question = "How many people died in the Usk flood?"
    for sentence in ("The number of people killed in the Usk flood rose to at least 23 on Tuesday.",
                     "The Usk flood death toll has climbed to 23.", "The total of people dead now stands at 23."):
        assert _cue("number", sentence, question) == 1.0, sentence
    first = usk_report("usk-flood-saturday", "Seven dead in Usk flood", "2024-03-02",
        "At least seven people died in the Usk flood, police said.")
    later = usk_report("usk-flood-tuesday", "Usk flood toll rises", "2024-03-05",
        "The Usk flood killed nine people in Llanbadoc, six people in Glascoed and two people in Gwehelog, and people "
        "died in the Usk flood in Monkswood and Kemeys too, council officers said.\n\n"
        "The number of people killed in the Usk flood rose to at least 23 on Tuesday, police said.")
    answer = assistant_over(tmp_path, embedder, first, later).ask(question, as_of="2024-03-08")
    assert not answer.abstained, answer.text
    assert "at least 23" in answer.citations[0].quote, answer.text


def test_an_answer_whose_sources_lack_one_of_the_names_asked_says_so(tmp_path, embedder):
    """"Who won the Poetry Cup in Usk?" over an archive that reports only the painting cup: the answer quotes it, and a
    note says the sources quoted do not name "Poetry Cup"; asked about the painting cup, no such note. (Asked of a prize
    by its category, "the Usk Prize in Poetry", the painting prize is no answer at all: the answer says so,
    test_who_won_a_prize_of_one_category_is_not_answered_by_the_winner_of_another.)"""
    painting = usk_report("usk-cup-painting", "Painting Cup awarded in Usk", "2024-10-04",
        "Mari Jenkins won the Painting Cup in Usk on Thursday for a series of river landscapes, the judges said."
        "\n\nThe cup and 5,000 pounds were presented at the town hall.")
    assistant = assistant_over(tmp_path, embedder, painting)
    note = ("The sources quoted do not name “Poetry Cup”, which the question does: the answer may be about something "
            "else.")
    poetry = assistant.ask("Who won the Poetry Cup in Usk?", as_of="2024-10-07")
    assert not poetry.abstained and poetry.citations[0].article_id == "usk-cup-painting", poetry.text
    assert note in poetry.notes, poetry.notes
    asked_right = assistant.ask("Who won the Painting Cup in Usk?", as_of="2024-10-07")
    assert "Mari Jenkins" in asked_right.text
    assert not any("do not name" in n for n in asked_right.notes), asked_right.notes


def test_an_answer_whose_sources_tell_another_kind_of_event_says_so(tmp_path, embedder):
    """"How many people died in the Usk stadium stampede?" over an archive whose only deaths in Usk are a chapel
    wall's, told by no kind of event: the answer quotes that report, and a note says the sources quoted do not
    mention a stampede. Asked about the wall's collapse, no such note. (A report that tells another kind of event,
    an earthquake, is no answer at all: test_a_toll_of_another_kind_of_event_does_not_answer_for_the_asked_one.)"""
    wall = usk_report("usk-wall", "Chapel wall falls in Usk", "2024-10-04",
        "Two people died when a chapel wall fell on their car in Usk on Thursday night, police said."
        "\n\nThe road past the chapel stays closed while engineers inspect what is left of the wall.")
    assistant = assistant_over(tmp_path, embedder, wall)
    note = ("The sources quoted do not mention a “stampede”, which the question asks about: the answer may be about "
            "something else.")
    stampede = assistant.ask("How many people died in the Usk stadium stampede?", as_of="2024-10-07")
    assert not stampede.abstained and stampede.citations[0].article_id == "usk-wall", stampede.text
    assert note in stampede.notes, stampede.notes
    asked_right = assistant.ask("How many people died when the chapel wall fell in Usk?", as_of="2024-10-07")
    assert "Two people died" in asked_right.text, asked_right.text
    assert not any("do not mention" in n for n in asked_right.notes), asked_right.notes


def test_why_did_they_is_answered_by_their_reason_not_anothers(tmp_path, embedder):
    """"Why did the Usk council raise the parking fee?": the sentence that gives the Usk council's purpose ("in a
    bid to ...") answers, not the one on another council's raise, though it says why that one raised its fee. A
    year after "since" ("the largest rise since 1994") dates no news; "the Federal Reserve" is the Fed."""
    from rag.answering.extractive import _cue, dated_before, someone_elses_event

    question = "Why did the Usk council raise the parking fee?"
    own = "The Usk council raised the parking fee by 50p in a bid to pay for repairs to the bridge car park."
    other = "The Monmouth council raised the parking fee last month to tame congestion in the town centre."
    assert _cue("why", own, question) == 1.0
    assert _cue("why", other, question) == 0.0
    assert dated_before("The fee rose by 50p, the largest rise since 1994.", "2024-06-05") is None
    assert not someone_elses_event("The Federal Reserve raised rates in a bid to corral inflation.",
                                   "Why did the Fed raise rates?")
    report = usk_report("usk-parking-fee", "Usk raises parking fee", "2024-06-04",
        "The Monmouth council raised the parking fee last month to tame congestion in the town centre, and on "
        "Tuesday Usk followed.\n\nThe Usk council raised the parking fee by 50p in a bid to pay for repairs to the "
        "bridge car park, the largest rise since 1994.")
    answer = assistant_over(tmp_path, embedder, report).ask(question, as_of="2024-06-05")
    assert not answer.abstained, answer.text
    assert "repairs to the bridge car park" in answer.citations[0].quote, answer.text


def test_what_did_she_say_is_answered_by_her_words_not_by_the_news_about_her(tmp_path, embedder):
    """"What did Ann Pryce say?" asks for her words: the sentences in which she speaks ("“...,” Pryce said", and
    "“...,” she added." after one that names her), not the report's opening line about her, nor another's words
    about her ("“Ann Pryce fought for this bridge,” said Tom Reece"). "What did he say (Tom Reece)?", as a
    follow-up is rewritten, asks for his; "What did she promise?" for a promise ("she would ...")."""
    from rag.answering.extractive import asked_speaker, promise_asked, speech_cue

    pryce = asked_speaker("What did Ann Pryce say?")
    assert pryce == (frozenset({"ann", "pryce"}), frozenset())
    assert asked_speaker("What did he say (Tom Reece)?") == (frozenset({"tom", "reece"}), frozenset())
    assert asked_speaker("What did the mayor promise?") == (frozenset(), frozenset({"mayor"}))
    assert asked_speaker("What did the flood do to the bridge?") is None
    own = "“This bridge joins the two halves of our town again,” Pryce said."
    assert speech_cue(own, pryce) == 1.0
    assert speech_cue("“We will keep the toll at zero for a year,” she added.", pryce, before=own) == 1.0
    assert speech_cue("“We will keep the toll at zero for a year,” she added.", pryce) == 0.0
    others = "“Ann Pryce fought for this bridge for a decade,” said council leader Tom Reece."
    assert speech_cue(others, pryce) == 0.0
    assert speech_cue(others, asked_speaker("What did Tom Reece say?")) == 1.0
    assert speech_cue("Tolls will rise next year, according to the council.", asked_speaker(
        "What did Ann Pryce say about the council?")) == 0.0
    # "What did she promise?" asks for a promise: "said she would", "promised", not any words of hers
    assert promise_asked("What did Ann Pryce promise?") and not promise_asked("What did Ann Pryce say?")
    assert speech_cue(own, pryce, promise=True) == 0.5
    assert speech_cue("Pryce said she would open the slipway as a park.", pryce, promise=True) == 1.0
    assert speech_cue("Pryce pledged to open the slipway as a park.", pryce, promise=True) == 1.0
    report = usk_report("usk-bridge-opens", "Mayor opens the new Usk bridge", "2024-06-04",
        "Mayor Ann Pryce opened the new Usk bridge on Tuesday in front of 300 residents, two years after floods "
        "swept the old one away.\n\nPryce, a former engineer, has led the Usk council since 2019 and chaired the "
        "bridge committee.\n\n“Ann Pryce fought for this bridge for a decade,” said council leader Tom Reece.\n\n"
        "“This bridge joins the two halves of our town again,” Pryce said. “We will keep the toll at zero for a "
        "year,” she added.\n\nLater Pryce said she would turn the old ferry slipway into a riverside park.")
    assistant = assistant_over(tmp_path, embedder, report)
    answer = assistant.ask("What did Ann Pryce say?", as_of="2024-06-05")
    assert not answer.abstained, answer.text
    assert answer.citations[0].quote in (own, "“We will keep the toll at zero for a year,” she added."), answer.text
    assert "fought for this bridge" not in answer.citations[0].quote, answer.text
    reece = assistant.ask("What did Tom Reece say about Ann Pryce?", as_of="2024-06-05")
    assert "fought for this bridge" in reece.citations[0].quote, reece.text
    promised = assistant.ask("What did Ann Pryce promise?", as_of="2024-06-05")
    assert "she would turn the old ferry slipway" in promised.citations[0].quote, promised.text


def test_a_quotation_of_several_sentences_is_quoted_whole_with_who_said_it(tmp_path, embedder):
    """A quotation of several sentences is one statement with its attribution: "“I want the council to hear me. ...
    Forever,” the mayor said ..." is quoted whole, not as its last piece ("Forever,” the mayor said ..."), and "the
    mayor" there is Ann Pryce when the sentence before names her, so "What did Ann Pryce say at the opening?" quotes
    it among her words (the bench archive: Putin's at the annexation ceremony, "... are becoming our citizens.
    Forever,” the Russian president said during the annexation ceremony.", had lost to an older quote of his)."""
    from rag.answering.extractive import asked_speaker, speech_cue
    from rag.sentences import statement_spans

    said = ("“I want the council to hear me. For everyone to remember. The people of Llanbadoc are Usk people now. "
            "Forever,” the mayor said at the opening of the bridge.")
    text = f"Pryce said Tuesday that she would not close the ferry.\n\n{said}\n\nThe bridge cost £4 million."
    assert [text[a:b] for a, b in statement_spans(text)][1] == said
    two = "“We won. We won,” he said. “It is over,” Tom Hale said."  # (each quotation with its own attribution)
    assert [two[a:b] for a, b in statement_spans(two)] == ["“We won. We won,” he said.", "“It is over,” Tom Hale said."]
    pryce = asked_speaker("What did Ann Pryce say at the opening?")
    before = "Pryce said Tuesday that she would not close the ferry."
    assert speech_cue(said, pryce, before=before) == 1.0
    assert speech_cue("“It is open,” said the mayor.", pryce, before=before) == 1.0
    assert speech_cue("“It is open,” said the mayor.", pryce) == 0.0  # (no sentence before names her)
    assert speech_cue("“It is open,” said the mayor of Monmouth.", pryce, before=before) == 0.0
    report = usk_report("usk-llanbadoc-bridge", "Usk bridge opens", "2024-06-04",
        f"The new bridge between Usk and Llanbadoc was opened on Tuesday by Mayor Ann Pryce.\n\n{text}")
    older = usk_report("usk-ferry-vote", "Usk council keeps the ferry", "2024-05-02",
        "The council voted to keep the ferry.\n\n“The ferry is part of who we are,” Pryce said.")
    answer = assistant_over(tmp_path, embedder, report, older).ask("What did Ann Pryce say at the opening?",
                                                                     as_of="2024-06-05")
    assert not answer.abstained, answer.text
    assert said in [citation.quote for citation in answer.citations[:2]], answer.text  # (whole, after her lede)


def test_how_often_is_answered_by_a_frequency(tmp_path, embedder):
    """"How often will the Usk ferry run?" wants "every 20 minutes", "twice a day", not the report's lede."""
    from rag.answering.extractive import question_kind

    assert question_kind("How often will the Usk ferry run?") == "number"
    text = ("The Usk ferry will run again from Monday after the strike ended, the operator said.\n\n"
            "Boats will leave the Usk slipway every 20 minutes at peak times and hourly in the evening.")
    assert_quoted_first(tmp_path, embedder, text, ["How often will the Usk ferry run?"], "Boats will leave")


def test_a_time_ago_is_no_frequency():
    """"A year ago" and "a week later" say when, not how often; "a week" in "twice a week" and "per hour" do."""
    from rag.answering.extractive import _cue

    question = "How often will the Usk ferry run?"
    for when in ("The Usk ferry stopped running a year ago.", "The Usk ferry ran again a week later."):
        assert _cue("number", when, question) == 0.0, when
    for often in ("The Usk ferry will run twice a week.", "The Usk ferry carries 40 cars per hour.",
                  "The Usk ferry sails eight times a day in summer."):
        assert _cue("number", often, question) == 1.0, often


def test_what_someone_said_on_an_occasion_is_quoted_from_the_words_after_it(tmp_path, embedder):
    """"What did Rhian Powell say in her first speech?": the report tells of the speech, then quotes her in sentences
    that do not repeat "first speech". Her words just after a sentence that is evidence are evidence too, and are
    quoted before the sentences that only tell of the speech (before: the caption and the sentence of the speech)."""
    text = ("Mayor Rhian Powell gave her first speech as mayor at the Usk town hall on Monday.\n\n"
            "Wearing the chain of office, Powell said the town “owes the ferry crews a debt.”\n\n"
            "“I will reopen the bridge before the summer,” the mayor said.\n\n"
            "Rhian Powell delivers her first speech as mayor in Usk.")
    assistant = assistant_over(tmp_path, embedder, usk_report("speech", "Powell's first speech", "2024-06-03", text))
    result = assistant.ask("What did Rhian Powell say in her first speech?", as_of="2024-06-04")
    assert not result.abstained, result.text
    assert "said" in result.citations[0].quote, result.text
    assert {"owes the ferry crews" in c.quote or "reopen the bridge" in c.quote for c in result.citations[:2]} == {True}


def test_the_date_a_question_writes_is_no_word_a_sentence_must_share(tmp_path, embedder):
    """"What happened in Caerleon on June 10?": the date window reads "on June 10", and the report says "Monday", so
    "June" and "10" are no key words (before, the market's "10 best June deals" shared more of the question than
    the report of the flood, and the answer opened with it or abstained)."""
    assistant = assistant_over(
        tmp_path, embedder,
        usk_report("caerleon-flood", "Flood closes Caerleon road", "2024-06-10",
                   "Floodwater closed the main road through Caerleon on Monday after the river burst its banks, "
                   "police said. Residents of six homes were moved to the leisure centre."),
        usk_report("caerleon-deals", "Caerleon market deals", "2024-06-10",
                   "The 10 best June deals at the Caerleon market include strawberries and garden chairs."),
    )
    result = assistant.ask("What happened in Caerleon on June 10?", as_of="2024-06-12")
    assert not result.abstained, result.text
    assert result.citations[0].article_id == "caerleon-flood", result.text


def test_he_says_after_another_speaker_is_not_the_asked_speakers_words():
    """"“No one is above the law,” he says." after "Tom Hale, a lawyer, said Pryce's accounts justified the inquiry."
    is Hale's; after a sentence in which Pryce speaks, or that only names her, it is hers."""
    from rag.answering.extractive import asked_speaker, speech_cue

    pryce = asked_speaker("What did Ann Pryce say?")
    words = "“No one is above the law,” he says."
    assert speech_cue(words, pryce, "Tom Hale, a lawyer, said Pryce's handling of the accounts justified the "
                                    "inquiry.") == 0.0
    for hers in ("Ann Pryce said the inquiry was welcome.", "Ann Pryce was asked about the inquiry on Monday."):
        assert speech_cue(words, pryce, hers) == 1.0, hers


def test_a_name_before_another_speakers_words_is_not_who_speaks(tmp_path, embedder):
    """"What did Ann Pryce say?" is not answered by words of another said just after her name: "In the wake of Ann
    Pryce's defeat, Tom Reece promised ...", "Pryce's deputy said ..." are Reece's and the deputy's words."""
    from rag.answering.extractive import asked_speaker, speech_cue

    pryce = asked_speaker("What did Ann Pryce say?")
    for others in ("In the wake of Ann Pryce's defeat in May, Tom Reece promised to reopen the ferry.",
                   "Ann Pryce’s deputy said the toll would stay at zero.",
                   "After meeting Pryce on Monday, Reece said the bridge would open in June."):
        assert speech_cue(others, pryce) == 0.0, others
    for own in ("Ann Pryce on Monday said the bridge would open in June.", "Pryce, speaking on Monday, said the toll "
                "would stay at zero.", "Former mayor Ann Pryce told the Courier she would stand again."):
        assert speech_cue(own, pryce) == 1.0, own
    report = usk_report("usk-council", "Reece takes over the Usk council", "2024-06-04",
        "In the wake of Ann Pryce's defeat in the Usk council vote, Tom Reece promised to reopen the ferry by July.\n\n"
        "Reece takes over the council on Monday.\n\n"
        "Pryce, who led the council for five years, thanked the town in a statement on Tuesday. “It has been the "
        "honour of my life to serve Usk,” Pryce said.")
    answer = assistant_over(tmp_path, embedder, report).ask("What did Ann Pryce say?", as_of="2024-06-05")
    assert not answer.abstained and "honour of my life" in answer.citations[0].quote, answer.text


def test_tell_me_more_after_a_timeline_lists_the_days_after_those_listed(tmp_path, embedder):
    """A timeline lists the TIMELINE_DAYS days most reported; "Tell me more" lists the next ones (not those listed
    before), and then says there is no more."""
    from rag.answering.extractive import NO_MORE
    from rag.retrieval import TIMELINE_DAYS

    days = TIMELINE_DAYS + 2
    articles = [_article(f"strike-{n}", f"Usk ferry strike day {n}", "Usk Courier", f"2024-05-{n:02d}",
                         f"The Usk ferry strike went into day {n} on the river, with talks set for week {n}.\n\n"
                         f"Usk strike pickets stood at the slipway for {n * 3} hours.")
                for n in range(1, days + 1)]
    assistant = assistant_over(tmp_path, embedder, *articles)
    asked = "Timeline of the Usk ferry strike"
    first = assistant.ask(asked, as_of="2024-05-20")
    assert len(first.citations) == TIMELINE_DAYS, first.text
    more = assistant.ask("Tell me more", history=[(asked, first.text)], as_of="2024-05-20")
    assert more.question == asked and "after those listed before" in more.text, more.text
    listed = {c.article_id for c in first.citations}
    assert more.citations and not {c.article_id for c in more.citations} & listed, more.text
    assert len(listed | {c.article_id for c in more.citations}) == days
    last = assistant.ask("Tell me more", history=[(asked, first.text), ("Tell me more", more.text)],
                         as_of="2024-05-20")
    assert last.abstained and last.text == NO_MORE, last.text


def test_a_timeline_lists_the_days_the_archive_reports_a_story_on_oldest_first(tmp_path, embedder):
    """"Timeline of the Usk ferry strike" lists each day the archive reports the strike on (articles that name it
    in the headline, or more than once in the opening), oldest first, each dated and cited by the opening sentence
    that names it: a live page's "Use the Usk Courier's lite site ..." is not the news. The bridge story of the same
    town stays out; "How did the ferry strike unfold?" is the same request, and a time named narrows it. "What is the
    timeline for the new bridge?" asks for a schedule, not for this. A lone report of a strike two years before,
    more than COVERAGE_GAP_DAYS from any other, is another story: not listed, unless the time asked holds it."""
    from rag.answering.extractive import timeline_topic

    day = dt.date(2024, 6, 1)
    assert timeline_topic("Timeline of the Usk ferry strike", day) == ("the Usk ferry strike", "Usk strike")
    assert timeline_topic("How did the Usk ferry strike unfold?", day) == ("the Usk ferry strike", "Usk strike")
    assert timeline_topic("What is the timeline for the new bridge?", day) is None
    assert timeline_topic("Who won the Usk regatta?", day) is None
    articles = [
        _article("vote", "Usk ferry crews vote to strike", "Usk Courier", "2024-05-06",
                 "Ferry crews in Usk voted on Monday to strike over pay, the union said.\n\n"
                 "The Usk strike ballot drew a turnout of 81 per cent."),
        _article("walkout-a", "Usk ferry strike begins", "Usk Courier", "2024-05-13",
                 "The Usk ferry strike began on Monday, leaving commuters to drive 20 miles round by the bridge."),
        _article("walkout-b", "Commuters stranded as Usk strike starts", "Wales Daily", "2024-05-13",
                 "Commuters were stranded on Monday as the Usk ferry strike began over a pay dispute."),
        _article("live", "Usk strike live: talks fail", "Usk Courier", "2024-05-20",
                 "Use the Usk Courier's lite site for low bandwidth.\n\n"
                 "The Usk ferry strike entered its second week on Monday after talks between the union and the "
                 "operator failed."),
        _article("end", "Usk ferry strike ends", "Border News", "2024-05-27",
                 "The Usk ferry strike ended on Monday after crews accepted a pay rise of six per cent."),
        _article("bridge", "Usk bridge reopens after repairs", "Usk Courier", "2024-05-24",
                 "The Usk bridge reopened on Friday after three weeks of repairs to its cracked arch."),
        _article("old-strike", "Usk ferry strike called off", "Usk Courier", "2022-03-02",
                 "The Usk ferry strike planned for Friday was called off on Wednesday after a late pay offer."),
    ]
    assistant = assistant_over(tmp_path, embedder, *articles)
    result = assistant.ask("Timeline of the Usk ferry strike", as_of="2024-06-01")
    assert not result.abstained, result.text
    lines = result.text.splitlines()
    assert lines[0] == ("Timeline of the Usk ferry strike in the archive, from 2024-05-06 to 2024-06-01 (each day it "
                        "is reported on), oldest first:"), result.text
    assert [line[2:12] for line in lines[1:]] == ["2024-05-06", "2024-05-13", "2024-05-20", "2024-05-27"], result.text
    assert "(Usk Courier): Ferry crews in Usk voted on Monday to strike" in lines[1], result.text
    assert ", 2 articles)" in lines[2], result.text
    assert "entered its second week" in lines[3] and "lite site" not in result.text, result.text
    assert [c.published for c in result.citations] == ["2024-05-06", "2024-05-13", "2024-05-20", "2024-05-27"]
    assert result.citations[1].also_reported_by, result.citations[1]
    assert all(c.quote in result.text for c in result.citations)
    assert "bridge reopened" not in result.text, result.text
    narrowed = assistant.ask("How did the Usk ferry strike unfold in the last two weeks?", as_of="2024-06-01")
    assert [c.published for c in narrowed.citations] == ["2024-05-20", "2024-05-27"], narrowed.text
    since_2022 = assistant.ask("How did the Usk ferry strike unfold since 2022?", as_of="2024-06-01")
    assert [c.published for c in since_2022.citations][:2] == ["2022-03-02", "2024-05-06"], since_2022.text


def test_a_timeline_of_an_attack_lists_the_attack_not_every_report_of_its_names(tmp_path, embedder):
    """"How did the Pryce attack unfold?": an attack is a kind of event, so the timeline's articles must be about it
    and about Pryce, not only name Pryce (her trip abroad stays out). ("How did the Pelosi attack unfold?" asked on
    2022-11-10 had listed three days of Nancy Pelosi's Taiwan trip before the attack on her husband.)"""
    from rag.answering.extractive import timeline_topic

    assert timeline_topic("How did the Pryce attack unfold?", dt.date(2024, 6, 1)) == ("the Pryce attack",
                                                                                         "Pryce attack")
    trip = [_article(f"trip-{n}", f"Mayor Ann Pryce visits Brittany, day {n}", "Usk Courier", f"2024-04-{n:02d}",
                     f"Mayor Ann Pryce spent day {n} of her trip to Brittany at the twin town of Pryce-sur-Mer, "
                     "where Pryce met the harbour board.") for n in (2, 3, 4)]
    attack = [_article(f"attack-{n}", f"Tom Pryce attacked at home in Usk: update {n}", "Usk Courier",
                       f"2024-05-{n:02d}",
                       f"Tom Pryce, the husband of Mayor Ann Pryce, was attacked at the couple's home in Usk, police "
                       f"said in update {n}.") for n in (10, 11, 13)]
    result = assistant_over(tmp_path, embedder, *trip, *attack).ask("How did the Pryce attack unfold?",
                                                                     as_of="2024-06-01")
    assert [c.published for c in result.citations] == ["2024-05-10", "2024-05-11", "2024-05-13"], result.text
    assert "Brittany" not in result.text, result.text


def test_how_old_is_answered_by_their_age_found_deep_in_the_article_not_anothers(tmp_path, embedder):
    """"How old is Ann Pryce?": the report the search finds gives her age once, deep in a chunk the search did not
    return ("Pryce, 58, trained as an engineer ..."); that chunk is read, and it answers. Her predecessor's age,
    near the top ("Tom Reece, retired at the age of 71"), is not hers, and "old" is not a word the answer needs."""
    from rag.answering.extractive import _cue

    question = "How old is Ann Pryce?"
    other = "Her predecessor, Tom Reece, retired at the age of 71 last year."
    assert _cue("number", other, question) == 0.0
    assert _cue("number", "Pryce, 58, trained as an engineer.", question) == 1.0
    assert _cue("number", "The 58-year-old Ann Pryce cut the ribbon.", question) == 1.0
    assert _cue("number", "At the age of 58, she is the youngest mayor in a century.", question) == 1.0

    from tests.conftest import insurance_claims, numbered_paragraph

    opening = "Mayor Ann Pryce opened the rebuilt Usk bridge on Monday as the crowd cheered, in update {n}."
    age = "Pryce, 58, trained as an engineer in Cardiff before she entered politics."
    text = "\n\n".join([numbered_paragraph(opening, 0, 9) + " " + other, numbered_paragraph(opening, 1, 9),
                        numbered_paragraph(opening, 2, 9), insurance_claims(0), insurance_claims(1), age,
                        insurance_claims(2)])
    report = usk_report("usk-bridge-mayor", "Mayor opens the rebuilt Usk bridge", "2024-06-04", text)
    answer = assistant_over(tmp_path, embedder, report).ask(question, as_of="2024-06-05")
    assert not answer.abstained, answer.text
    assert "Pryce, 58," in answer.citations[0].quote, answer.text


def test_how_much_damage_is_answered_by_the_sum_found_deep_in_the_article(tmp_path, embedder):
    """"How much damage did the Usk flood cause?" asks a sum of money (as "How much in damages ...?" does), not any
    number: the report the search finds counts homes and days near the top, and gives the losses once, deep in a
    chunk the search did not return ("... to cause claims of £12 million ..."); that chunk is read, and it
    answers. Before, the answer quoted the count of homes."""
    from rag.answering.extractive import question_kind, states_a_sum
    from tests.conftest import insurance_claims, numbered_paragraph

    question = "How much damage did the Usk flood cause?"
    assert question_kind(question) == "money"
    assert question_kind("How much in damages was the council ordered to pay?") == "money"
    assert question_kind("How much rain fell in Usk?") == "number"
    sum_told = "Insurers expect the storm to cause claims of £12 million, the Association of Insurers said."
    assert states_a_sum(sum_told, question)
    assert not states_a_sum("The council has £2 million in reserves.", question)  # (a sum, but not of the damage)
    later = "Volunteers cleared the mud the Usk flood left in homes it damaged, in update {n}."
    opening = "The Usk flood damaged 40 homes and closed the bridge for 9 days, in update {n}."
    text = "\n\n".join([numbered_paragraph(opening, 0, 9), numbered_paragraph(opening, 1, 9),
                        numbered_paragraph(opening, 2, 9), insurance_claims(0), insurance_claims(1), sum_told,
                        insurance_claims(2), insurance_claims(3), numbered_paragraph(later, 4, 9)])
    report = usk_report("usk-flood-damage", "Usk counts the cost of the flood", "2024-06-04", text)
    answer = assistant_over(tmp_path, embedder, report).ask(question, as_of="2024-06-05")
    assert not answer.abstained, answer.text
    assert "£12 million" in answer.citations[0].quote, answer.text


def test_who_someone_is_is_answered_by_the_description_found_deep_in_the_article(tmp_path, embedder):
    """"Who is Ann Pryce?": the report the search finds names her again and again ("Ann Pryce opened the rebuilt
    bridge") and says what she is once, deep in a chunk the search did not return ("Pryce, a former engineer who
    has been mayor since 2020, ..."); that chunk is read, and it answers."""
    from tests.conftest import insurance_claims, numbered_paragraph

    opening = "On Monday Ann Pryce opened the rebuilt Usk bridge as the crowd cheered, in update {n}."
    who = "Pryce, a former engineer who has been mayor of Usk since 2020, grew up in Cardiff."
    text = "\n\n".join([numbered_paragraph(opening, 0, 9), numbered_paragraph(opening, 1, 9),
                        numbered_paragraph(opening, 2, 9), insurance_claims(0), insurance_claims(1), who,
                        insurance_claims(2)])
    report = usk_report("usk-bridge-pryce", "Usk bridge reopens", "2024-06-04", text)
    answer = assistant_over(tmp_path, embedder, report).ask("Who is Ann Pryce?", as_of="2024-06-05")
    assert not answer.abstained, answer.text
    assert answer.citations[0].quote.startswith("Pryce, a former engineer"), answer.text


@pytest.mark.parametrize(
    "sentence, caption",
    [
        ("Ann Pryce, the mayor of Usk, poses for an official portrait in November 2018.", True),
        ("Former mayor Tom Hale is taken to hospital by helicopter from the Usk bridge on May 22.", True),
        ("Usk Rovers captain Cerys Brannagh looks on during the cup final against Tamsin Town on May 4, 2023.", True),
        ("A satellite image shows the flood reaching the town centre on Wednesday, May 22.", True),
        ("Ann Pryce speaks to reporters outside the town hall in Usk on June 3.", True),
        ("Mayor Ann Pryce announces her resignation outside the town hall on June 3.", True),
        ("Then-mayor Tom Hale addresses the council during a meeting in 2014.", True),
        ("The new ferry law looks set to pass in March 2025.", False),  # "looks set": no photo
        ("Ann Pryce reopened the Usk bridge on Monday, a year after the flood.", False),  # the news, in the past
        ("Polls show Ann Pryce leading Tom Hale in the town since September 2023.", False),  # "since": no photo day
        ("The mayor holds the record as the town's longest-serving mayor, in office since May 2009.", False),
        ("Data shows prices rose 8.2% in September 2023.", False),
        ("Displaced families wade through floodwaters in Usk on May 22.", True),
        ("Volunteers distribute food to flood victims in Usk on Saturday, May 25.", True),
        ("Villagers take refuge at a makeshift camp near Usk on May 24.", True),
        ("The Pryce v. Wade ruling was decided in 1973.", False),  # (a name, not "wade")
        ("Ann Pryce was the first mayor to visit the ferry since Tom Hale went there in 1997.", False),  # "to visit"
    ],
)
def test_a_photo_caption_is_told_from_a_sentence_of_news(sentence, caption):
    from rag.answering.extractive import _CAPTION

    assert bool(_CAPTION.match(sentence)) is caption


@pytest.mark.parametrize(
    "sentence, caption",
    [
        ("Mayor Ann Pryce casts her vote in Usk on Sunday, September 25, 2022.", True),
        ("Voters queue outside the town hall in Usk, Monday, June 6, 2022.", True),
        ("Shoppers enter the market in Usk on Wednesday, Nov. 2, 2022", True),
        ("Ann Pryce won the vote on Sunday, the council said.", False),
        ("The vote was held on Sunday, September 25, and counted overnight.", False),  # (the date ends nothing)
    ],
)
def test_a_sentence_that_ends_on_the_full_date_of_its_picture_is_a_caption(sentence, caption):
    """Wire captions end on the picture's full date, weekday to year; news prose does not write it so."""
    from rag.answering.extractive import _DATED_CAPTION

    assert bool(_DATED_CAPTION.search(sentence)) is caption


def test_what_happened_is_not_answered_by_a_caption_that_ends_on_the_full_date(tmp_path, embedder):
    """"What happened in Usk on Sunday?": the report's lede, not the photo caption "... casts her vote in Usk on
    Sunday, June 2, 2024." that shares every word of the question. ("What happened in Italy on Sunday?", asked on
    2022-09-26 of the bench archive, had opened with Meloni casting her vote.)"""
    lede = "Ann Pryce won the Usk mayoral election by 212 votes, the returning officer announced after a night count."
    caption = "Candidate Ann Pryce casts her vote in Usk on Sunday, June 2, 2024."
    report = usk_report("usk-vote", "Pryce wins Usk mayoral election", "2024-06-02",
                        f"{lede} {caption}\n\nTurnout was 41%, the highest in a decade.")
    answer = assistant_over(tmp_path, embedder, report).ask("What happened in Usk on Sunday?", as_of="2024-06-03")
    assert answer.citations[0].quote == lede, answer.text


def test_a_chunk_read_for_a_detail_does_not_take_the_place_of_a_passage_found():
    """"Who is King Charles III?" reads a chunk that describes him from each of the first two articles; the tenth
    passage the search found ("Charles, the Queen's eldest son, ...") is still read."""
    from dataclasses import replace

    from rag.answering.extractive import PASSAGES_READ, _read

    found = [replace(_passage(f"Passage {n} found."), chunk_id=f"c{n}") for n in range(PASSAGES_READ + 2)]
    details = [replace(_passage("A detail."), chunk_id=f"d{n}", detail=True) for n in range(2)]
    passages = [found[0], details[0], found[1], details[1], *found[2:]]
    assert [p.chunk_id for p in _read(passages)] == [p.chunk_id for p in passages[: PASSAGES_READ + 2]]
    assert len(_read(found)) == PASSAGES_READ


def test_where_is_answered_by_the_lede_that_says_where_not_by_the_reactions_the_search_finds(tmp_path, embedder):
    """"Where was Ann Pryce attacked?": the search finds the later chunks of the report, where writers condemn the
    attack on her again and again; where it happened is in its first sentence, which the answer now reads."""
    from tests.conftest import numbered_paragraph

    lede = "Novelist Ann Pryce was attacked on stage at the town library in Caerleon on Friday, police said."
    closed = "Officers closed the street for the night after the incident, in update {n}."
    reaction = "Writers condemned the attack on Ann Pryce and wished Ann Pryce well after the attack, in message {n}."
    text = "\n\n".join([lede + " " + numbered_paragraph(closed, 0, 9), numbered_paragraph(closed, 1, 9)]
                        + [numbered_paragraph(reaction, i, 9) for i in range(2, 5)])
    report = usk_report("pryce-attacked", "Writers condemn attack on novelist", "2024-06-08", text)
    answer = assistant_over(tmp_path, embedder, report).ask("Where was Ann Pryce attacked?", as_of="2024-06-09")
    assert not answer.abstained, answer.text
    assert answer.citations[0].quote == lede, answer.text


def test_a_label_in_capitals_is_told_from_a_dateline_and_a_sentence():
    """"WHAT TO KNOW ABOUT ANN PRYCE: ..." heads a box that links to another piece (it scores as a signpost does); a
    dateline ("USK, Wales –") and a sentence that opens on a name in capitals are not such a label."""
    from rag.answering.extractive import _SHOUTED_LABEL

    assert _SHOUTED_LABEL.match("WHAT TO KNOW ABOUT ANN PRYCE: She models herself on her grandmother")
    assert _SHOUTED_LABEL.match("FRIDAY AND THURSDAY: 600 Usk ferry crossings cancelled")
    assert not _SHOUTED_LABEL.match("USK, Wales – The ferry stopped on Monday.")
    assert not _SHOUTED_LABEL.match("NATO said on Monday: the ferry is safe.")


def test_an_item_of_a_list_of_links_is_not_quoted_before_the_news(tmp_path, embedder):
    """A report that lists other outlets' pieces ("►Wales Daily: “Why the Usk ferry must keep running”", "►Related:
    ...") holds their headlines, which share the question's words: the report's own sentence answers first. A
    bullet of news ("► The operator ...") is no such item."""
    from rag.answering.extractive import _LINK_ITEM

    assert _LINK_ITEM.match("►Wales Daily: “Why the Usk ferry must keep running through the winter”")
    assert _LINK_ITEM.match("►Related: Usk ferry fares rise again")
    assert _LINK_ITEM.match("► March 12: Usk ferry crews vote to strike")
    assert not _LINK_ITEM.match("► The Usk ferry operator said on Tuesday it would keep running.")
    report = usk_report("usk-ferry-winter", "Usk ferry to run all winter", "2024-10-02",
        "What the papers say about the ferry:\n\n►Wales Daily: “Why the Usk ferry must keep running through the "
        "winter”\n\n►Border News: “The Usk ferry is the town's lifeline this winter”\n\n"
        "The Usk ferry will run every day through the winter after the county council agreed on Tuesday to cover its "
        "losses until April.")
    answer = assistant_over(tmp_path, embedder, report).ask("Will the Usk ferry keep running through the winter?",
                                                            as_of="2024-10-03")
    assert not answer.abstained, answer.text
    assert answer.citations[0].quote.startswith("The Usk ferry will run every day"), answer.text


def test_a_date_that_is_the_day_asked_is_answered_by_the_reports_before_it_that_name_it(tmp_path, embedder):
    """"... called a strike on June 10 ..." asked on June 10: the strike was reported before the day it was set for,
    and that day's own coverage has hardly begun. Before, only June 10's articles were searched, and the answer
    quoted the library's opening hours. A report of the days before that does not name June 10 is not read."""
    assistant = assistant_over(
        tmp_path, embedder,
        usk_report("ferry-strike-called", "Ferry crews call a strike", "2024-06-04",
                   "Crews of the Usk ferry called a strike for June 10 over pay, the Gwent Boatmen's Union said, and "
                   "the crossing will close for the day."),
        usk_report("ferry-pay-talks", "Ferry pay talks fail", "2024-06-06",
                   "Talks on pay between the Usk ferry crews and the Severn Ferry Company failed on Wednesday, the "
                   "union said."),
        usk_report("library-hours", "Library opens late", "2024-06-10",
                   "The Usk library will stay open until 9 p.m. on Mondays from June 10, the council said."))
    answer = assistant.ask("Crews called a strike on June 10 on which river's ferry?", as_of="2024-06-10")
    assert not answer.abstained, answer.text
    assert answer.citations[0].quote.startswith("Crews of the Usk ferry called a strike for June 10"), answer.text
    assert all(c.published != "2024-06-06" for c in answer.citations), answer.text
    asked_later = assistant.ask("Crews called a strike on June 4 on which river's ferry?", as_of="2024-06-20")
    assert asked_later.citations and asked_later.citations[0].published == "2024-06-04", asked_later.text


def _strike_ballot() -> dict:
    return _article("ballot", "Usk ferry crews vote to strike", "Wales Daily", "2024-05-06",
                    "Ferry crews in Usk voted on Monday to strike over pay, the union said.")


def _strike_ends() -> dict:
    return _article("ends", "Usk ferry strike ends", "Usk Courier", "2024-05-27",
                    "The Usk ferry strike ended on Monday after crews accepted a pay rise of six per cent.")


def test_which_outlets_reported_a_story_reads_the_run_of_its_reports_not_an_older_mention(tmp_path, embedder):
    """With no time named, the coverage is the story's run of reports (no gap of more than COVERAGE_GAP_DAYS without
    one, the run with most articles): a report from two years before that names the same words is no first report
    of this story. A time the question names is read whole."""
    from rag.retrieval import COVERAGE_GAP_DAYS

    old = _article("reign", "Usk ferry strike of 1984 remembered", "Border News", "2022-03-02",
                   "The Usk ferry strike of 1984 was remembered on Wednesday by the crews who walked out.")
    articles = [
        old,
        _strike_ballot(),
        _article("begins", "Usk ferry strike begins", "Usk Courier", "2024-05-13",
                 "The Usk ferry strike began on Monday, leaving commuters to drive 20 miles round by the bridge."),
        _strike_ends(),
    ]
    assert (dt.date(2024, 5, 6) - dt.date(2022, 3, 2)).days > COVERAGE_GAP_DAYS
    assistant = assistant_over(tmp_path, embedder, *articles)
    first = assistant.ask("Who reported the Usk ferry strike first?", as_of="2024-06-01")
    assert first.text.startswith("2 outlets in the archive reported on the Usk ferry strike from 2024-05-06 to "
                                 "2024-06-01"), first.text
    assert [c.source for c in first.citations] == ["Wales Daily", "Usk Courier"], first.text
    since = assistant.ask("Which outlets reported the Usk ferry strike since 2022?", as_of="2024-06-01")
    assert "Border News" in [c.source for c in since.citations], since.text


def test_which_outlets_reported_a_story_lists_each_with_its_articles_and_first_report(tmp_path, embedder):
    """"Which outlets reported the Usk ferry strike?" lists each outlet with an article about the strike (named in its
    headline, or more than once in its opening), the one with most articles first, with their count and days and
    the opening of its first report, cited; "Who reported it first?" puts the first to report first. A time named
    narrows it, a topic no article is about is said to be so, and "Who reported the fire?" is no such question."""
    from rag.answering.extractive import coverage_topic

    day = dt.date(2024, 6, 1)
    assert coverage_topic("Which outlets reported the Usk ferry strike?", day) == (
        "the Usk ferry strike", "Usk strike", False)
    assert coverage_topic("Who reported the Usk ferry strike first?", day)[2] is True
    assert coverage_topic("What news organizations have written about Ann Pryce?", day)[:2] == ("Ann Pryce",) * 2
    for other in ("Who reported the fire?", "What did the Usk Courier report about the strike?", "Who won?"):
        assert coverage_topic(other, day) is None, other
    articles = [
        _strike_ballot(),
        _article("begins", "Usk ferry strike begins", "Usk Courier", "2024-05-13",
                 "This story covers the Usk ferry strike from Monday, May 13.\n\n"
                 "The Usk ferry strike began on Monday, leaving commuters to drive 20 miles round by the bridge."),
        _article("talks", "Usk ferry strike talks fail", "Usk Courier", "2024-05-20",
                 "Talks to end the Usk ferry strike failed on Monday, the union said."),
        _strike_ends(),
        _article("border", "Usk strike over", "Border News", "2024-05-28",
                 "Ferries crossed the Usk again on Tuesday after the strike ended."),
        _article("bridge", "Usk bridge reopens after repairs", "Usk Courier", "2024-05-24",
                 "The Usk bridge reopened on Friday after three weeks of repairs to its cracked arch."),
        _article("pictures", "Usk ferry strike in pictures", "Gwent Gazette", "2024-05-14",
                 "Pickets at the Usk ferry slipway\n\nThe empty Usk ferry at its mooring\n\nStrike banners"),
    ]
    assistant = assistant_over(tmp_path, embedder, *articles)
    result = assistant.ask("Which outlets reported the Usk ferry strike?", as_of="2024-06-01")
    assert not result.abstained, result.text
    lines = result.text.splitlines()
    assert lines[0].startswith("4 outlets in the archive reported on the Usk ferry strike from 2024-05-06 to "
                               "2024-06-01 (most articles first;"), result.text
    assert lines[1] == ("- Usk Courier: 3 articles, 2024-05-13 to 2024-05-27; first report: The Usk ferry strike "
                        "began on Monday, leaving commuters to drive 20 miles round by the bridge. [1]"), result.text
    assert lines[2].startswith("- Wales Daily: 1 article, 2024-05-06; its report: Ferry crews in Usk"), result.text
    # (the gallery's opening holds no sentence: its headline is named, and nothing of it is quoted)
    assert lines[3] == ("- Gwent Gazette: 1 article, 2024-05-14; its report: “Usk ferry strike in pictures” (its "
                        "opening holds no sentence to quote)"), result.text
    assert lines[4].startswith("- Border News: 1 article, 2024-05-28;"), result.text
    assert [c.source for c in result.citations] == ["Usk Courier", "Wales Daily", "Border News"]
    assert "bridge reopened" not in result.text and "This story covers" not in result.text, result.text
    first = assistant.ask("Who reported the Usk ferry strike first?", as_of="2024-06-01")
    assert [line.split(":")[0] for line in first.text.splitlines()[1:]] == [
        "- Wales Daily", "- Usk Courier", "- Gwent Gazette", "- Border News"], first.text
    assert "(first to report first;" in first.text.splitlines()[0], first.text
    narrowed = assistant.ask("Which outlets covered the Usk ferry strike since May 25?", as_of="2024-06-01")
    assert [(c.source, c.published) for c in narrowed.citations] == [("Usk Courier", "2024-05-27"),
                                                                    ("Border News", "2024-05-28")], narrowed.text
    none = assistant.ask("Which outlets reported the Caerleon regatta?", as_of="2024-06-01")
    assert none.abstained and "none of its articles published" in none.text and "Caerleon regatta" in none.text


def test_a_sentence_about_another_named_storm_is_not_quoted(tmp_path, embedder):
    """"How many homes did Storm Bronwen flood in Usk?": the report also tells of Storm Alun a month before, with its
    own count, in a sentence that shares more of the question's words; it names another storm and not Bronwen, so
    it is not quoted. A sentence that names both is about Bronwen too."""
    from rag.answering.extractive import another_storm

    question = "How many homes did Storm Bronwen flood in Usk?"
    assert another_storm("Hurricane Alun flooded 300 homes.", question)
    assert not another_storm("Bronwen came a month after Storm Alun.", question)
    assert not another_storm("Storm Alun flooded 300 homes.", "How many homes were flooded in Usk?")
    report = usk_report("bronwen-floods", "Storm Bronwen floods homes", "2024-02-06",
                        "Storm Bronwen flooded 40 homes in Usk on Monday night, the council said.\n\n"
                        "Less than a month after Storm Alun flooded 300 homes in Usk, the town is counting the cost "
                        "of flooded homes again.")
    answer = assistant_over(tmp_path, embedder, report).ask(question, as_of="2024-02-07")
    assert not answer.abstained, answer.text
    assert answer.citations[0].quote.startswith("Storm Bronwen flooded 40 homes"), answer.text
    assert not any("Alun" in c.quote for c in answer.citations), answer.text


def test_a_state_s_house_is_not_the_house_asked_about(tmp_path, embedder):
    """"Which party won the House?" asks of the House, not of a state's: a sentence whose only House is Gwent's
    ("the Gwent House and Senate") is docked, one that names the House or the U.S. House too is not, and "the
    Pennsylvania Senate race" is a race for the Senate."""
    from rag.answering.extractive import another_body

    question = "Which party won the House?"
    assert another_body("Greens won control of the Gwent House and Senate on Tuesday.", question)
    assert another_body("The state House went to the Greens.", question)
    assert not another_body("Greens won the Gwent House and the U.S. House.", question)
    assert not another_body("The Greens won the House and Senate.", question)
    assert not another_body("The White House said nothing.", question)
    assert not another_body("Greens won the Gwent House.", "Which party won the Gwent House?")
    assert not another_body("Ann Pryce won the Pennsylvania Senate race.", "Which party won the Senate?")
    report = usk_report("midterms", "Greens win the House", "2024-11-06",
                        "The Greens won control of the Gwent House and the Gwent Senate for the first time in 40 "
                        "years on Tuesday, in a night of wins for the party.\n\n"
                        "The Greens have won a narrow majority in the House, the party's leader said on Wednesday.")
    answer = assistant_over(tmp_path, embedder, report).ask(question, as_of="2024-11-07")
    assert not answer.abstained, answer.text
    assert answer.citations[0].quote.startswith("The Greens have won a narrow majority"), answer.text


def test_a_line_the_page_prints_twice_is_quoted_once(tmp_path, embedder):
    """Scraped pages print a line twice, once behind its heading and a ticker ("IBM IBM CEO ... said ...") and once
    bare: the answer quotes it once, and the room left goes to another line."""
    text = ("Usk firms pull back from Arden\n\nBrynco BRYN Chief executive Ann Pryce said the company has suspended "
            "all business in Arden. Chief executive Ann Pryce said the company has suspended all business in Arden."
            "\n\nThe Mill Street Bakery said on Monday that it has also suspended its business in Arden.")
    article = dict(title="Usk firms pull back from Arden", text=text, source="Usk Courier",
                   url="https://usk.example/arden", published="2024-06-08")
    answer = ask_about(tmp_path, embedder, article, "Which companies suspended business in Arden?")
    assert not answer.abstained
    quotes = [c.quote for c in answer.citations]
    assert sum("Ann Pryce said the company has suspended" in q for q in quotes) == 1, quotes
    assert any("Mill Street Bakery" in q for q in quotes), quotes


def test_how_big_is_answered_by_a_size(tmp_path, embedder):
    """"How big was the pike?" wants a size: the sentence that gives its pounds and feet leads the one that only calls
    it the heaviest ever caught."""
    text = ("The pike caught in the River Usk on Sunday is the biggest ever caught in the river, the Usk Angling Club "
            "announced on Wednesday.\n\nShe is huge and hungry: a record-breaking 41-pound, four-foot-long pike has "
            "been landed near Llanbadoc.\n\nClub members said they had never seen anything like it.")
    article = dict(title="Record pike caught in the Usk", text=text, source="Usk Courier",
                   url="https://usk.example/pike", published="2024-06-06")
    answer = ask_about(tmp_path, embedder, article, "How big was the pike caught in the River Usk?")
    assert not answer.abstained
    assert "41-pound, four-foot-long pike" in answer.citations[0].quote, answer.text


def test_a_gallery_link_behind_an_emoji_is_not_quoted(tmp_path, embedder):
    """"📸 Gallery: <headline>" links to a page of photos: its headline is no sentence of the report."""
    text = ("A storm brought down power lines across the Usk valley on Tuesday, leaving 3,000 homes without power.\n\n"
            "📸 Gallery: Storm damage across the Usk valley\n\n"
            "The power company said most homes would be reconnected by Thursday.")
    article = dict(title="Storm cuts power in the Usk valley", text=text, source="Usk Courier",
                   url="https://usk.example/storm", published="2024-06-05")
    answer = ask_about(tmp_path, embedder, article, "What damage did the storm do in the Usk valley?")
    assert not answer.abstained
    assert all("Gallery" not in c.quote and "📸" not in c.quote for c in answer.citations), answer.text


def test_an_answer_does_not_follow_this_years_news_with_another_years(tmp_path, embedder):
    """A question that names no time asks about the news: a report of another flood years before is no second
    sentence of its answer, however alike its words."""
    from tests.test_retrieval import indexed

    new = dict(title="River Usk floods Tamsin", source="Usk Courier", url="https://usk.example/flood-2024",
               published="2024-06-04", text="The River Usk burst its banks in Tamsin on Monday, flooding 120 homes "
               "and closing the old bridge.\n\nThe council opened the town hall to families forced from home.")
    old = dict(title="Floods hit Tamsin again", source="Usk Courier", url="https://usk.example/flood-2017",
               published="2017-11-20", text="Heavy rain sent the River Usk over its banks in Tamsin, where about 80 "
               "homes were flooded near the bridge.\n\nVolunteers filled sandbags through the night.")
    config = indexed(tmp_path, [new, old, MARKET], embedder)
    answer = Assistant(config).ask("How many homes did the River Usk flood in Tamsin?", as_of="2024-06-06")
    assert not answer.abstained
    assert answer.citations[0].published == "2024-06-04", answer.text
    assert all(c.published == "2024-06-04" for c in answer.citations), answer.text
    asked_of_then = Assistant(config).ask("How many homes did the River Usk flood in Tamsin in 2017?",
                                          as_of="2024-06-06")
    assert any(c.published == "2017-11-20" for c in asked_of_then.citations), asked_of_then.text


def test_a_question_that_asks_a_things_name_is_answered_by_the_sentence_that_names_it(tmp_path, embedder):
    """"What is the target asteroid called?": the sentence that sets a name beside the asteroid ("the moonlet
    asteroid Pwll") answers, not the closer one about the crash that never names it (which had been the whole
    answer); a day after the thing ("signed the law Sunday") is no name of it."""
    from rag.answering.names import gives_the_name, name_asked

    assert name_asked("What is the target asteroid called?") == "asteroid"
    assert name_asked("What is the name of Ann Pryce's family dog?") == "dog"
    assert name_asked("What is the name of the new daily podcast launched by Tom Hale?") == "podcast"
    assert name_asked("What is the name of the ferry that sank in Usk?") == "ferri"
    assert name_asked("What is it called?") is None and name_asked("What did the council decide?") is None
    asked = "What is the law called?"
    assert gives_the_name("The law, known as the Usk Bridges Act, takes effect in May.", "law", asked)
    assert gives_the_name("Ann Pryce walks her dog, Mot, every morning.", "dog", "What is the name of her dog?")
    assert gives_the_name("It hit the Pwll asteroid.", "asteroid", "What is the asteroid called?")
    assert not gives_the_name("The mayor signed a bill into law Sunday.", "law", asked)
    assert not gives_the_name("The law the council passed is strict.", "law", asked)
    assert not gives_the_name("The probe will hit an asteroid 7 million miles away.", "asteroid", asked)
    assistant = assistant_over(tmp_path, embedder, usk_report(
        "usk-probe", "Usk probe to strike asteroid", "2024-06-02",
        "After a 10-month journey, the Usk Space Agency will deliberately crash a small probe into an asteroid 7 "
        "million miles away on Monday to test planetary defence. The asteroid poses no threat to Earth, agency "
        "officials said. The 600-pound probe, called Gwent One, will strike the moonlet asteroid Pwll at 14,000 mph."))
    answer = assistant.ask("The Usk Space Agency will deliberately crash a probe into an asteroid on Monday to test "
                           "planetary defence. What is the target asteroid called?", as_of="2024-06-02")
    assert "asteroid Pwll" in answer.citations[0].quote, answer.text


def test_a_title_is_a_name_and_a_bonus_is_money(tmp_path, embedder):
    """"What's the title of her best-selling novel?" asks a name, as "What is the name of ...?" does, and a title in
    quotation marks may open with any word ("“Where the Usk Flows”"); "What bonus does the shop get ...?" asks for a
    sum, as "How much ...?" does, told beside the word "bonus" (not the jackpot's £20 million). Before, neither
    question was read so; the novel's answer opened on a sentence that does not give the title (the bonus's answer
    here was right before too, its sentence being the closest in words)."""
    from rag.answering.extractive import OTHER_SUM_CUE, _cue, question_kind
    from rag.answering.names import gives_the_name, name_asked

    asked = "What's the title of her best-selling novel?"
    assert name_asked(asked) == "novel" and name_asked("What is the title of the report?") == "report"
    assert gives_the_name("Her 2018 novel “Where the Usk Flows” sold well.", "novel", asked)
    assert not gives_the_name("Her 2018 novel sold well.", "novel", asked)
    assert question_kind("What bonus does the shop get?") == "money"
    assert question_kind("What reward is offered for the missing dog?") == "money"
    bonus_asked = "What bonus does the shop get?"
    assert _cue("money", "The shop gets a £50,000 bonus.", bonus_asked) == 1.0
    assert _cue("money", "The £20 million jackpot was won in Usk.", bonus_asked) == OTHER_SUM_CUE
    assistant = assistant_over(tmp_path, embedder, usk_report(
        "usk-author", "Usk author to be questioned", "2024-05-20",
        "Police in Harlow want to question the best-selling author Mair Pryce about a decades-old killing, officers "
        "said on Monday. Pryce, 73, wrote her best-selling novel while living in a cottage near Usk in the 1990s. "
        "Her best-selling novel, “Where the Usk Flows”, sold 15 million copies."), usk_report(
        "usk-lottery", "Usk shop sold winning ticket", "2024-05-20",
        "The winning ticket for the £20 million Gwent Lottery jackpot was sold at Pryce's News in Usk, lottery "
        "officials said. The owner of Pryce's News, who opened the shop in 1990, said he was thrilled to have sold "
        "the winning ticket. Pryce's News gets a £50,000 bonus for selling the winning ticket, the lottery said."))
    title = assistant.ask("Police want to question author Mair Pryce. What's the title of her best-selling novel?",
                          as_of="2024-05-21")
    assert "Where the Usk Flows" in title.citations[0].quote, title.text
    bonus = assistant.ask("What bonus does Pryce's News get for selling the winning ticket?", as_of="2024-05-21")
    assert "£50,000" in bonus.citations[0].quote, bonus.text


def test_a_time_to_come_or_a_vague_one_keeps_an_answer_to_the_newest_reports(tmp_path, embedder):
    """"How much will the fares go up next month?" asked in August: March's report of that month's rise is no second
    sentence of the answer (it tells of April); nor, for "the latest", a report more than three weeks older than the
    first sentence's. A question that names no time still takes it (another year's is too old, as above)."""
    from rag.answering.extractive import _follower_horizon
    from tests.test_retrieval import indexed

    assert _follower_horizon("How much will fares go up next month?", "2024-08-25") == 42
    assert _follower_horizon("What is the latest on the ferry?", "2024-08-25") == 21
    assert _follower_horizon("How much will fares go up?", "2024-08-25") == 365
    assert _follower_horizon("How much did fares go up in 2017?", "2024-08-25") is None
    march = dict(title="Usk ferry fares to rise", source="Usk Courier", url="https://usk.example/fares-march",
                 published="2024-03-01", text="Usk ferry fares will rise next month, the harbour board said on "
                 "Friday.\n\nAdult fares will go up by 50p.")
    august = dict(title="Usk ferry fares to rise again", source="Usk Courier", url="https://usk.example/fares-august",
                  published="2024-08-22", text="Usk ferry fares will rise again next month, the harbour board said on "
                  "Thursday.\n\nAdult fares will go up by 80p.")
    config = indexed(tmp_path, [march, august, MARKET], embedder)
    assistant = Assistant(config)
    ahead = assistant.ask("How much will adult ferry fares in Usk go up next month?", as_of="2024-08-25")
    assert "80p" in ahead.citations[0].quote, ahead.text
    assert all(c.published == "2024-08-22" for c in ahead.citations), ahead.text
    no_time = assistant.ask("How much will adult ferry fares in Usk go up?", as_of="2024-08-25")
    assert "80p" in no_time.citations[0].quote, no_time.text
    assert any(c.published == "2024-03-01" for c in no_time.citations), no_time.text


def test_an_answer_is_not_followed_by_a_report_that_lacks_the_name_asked_about(tmp_path, embedder):
    """"What did the Usk tribunal decide in the Hale case?": a report of another ruling by the same tribunal that
    week, whose article never names Hale, is no second sentence of the answer, however alike its words."""
    from tests.test_retrieval import indexed

    hale = dict(title="Tribunal rules for Tom Hale in ferry case", source="Usk Courier",
                url="https://usk.example/hale", published="2024-06-07",
                text="The Usk tribunal decided on Friday that the ferry operator unfairly dismissed skipper Tom Hale, "
                "ordering it to pay him 40,000 pounds.\n\nHale said he was relieved.")
    tolls = dict(title="Usk tribunal throws out bridge toll case", source="Wales Daily",
                 url="https://wales.example/tolls", published="2024-06-06",
                 text="In another case, the Usk tribunal decided on Thursday to throw out a claim against the county "
                 "council over bridge tolls.\n\nThe claimants may appeal.")
    config = indexed(tmp_path, [hale, tolls, MARKET], embedder)
    answer = Assistant(config).ask("What did the Usk tribunal decide in the Hale case?", as_of="2024-06-08")
    assert not answer.abstained
    assert "Tom Hale" in answer.citations[0].quote, answer.text
    assert all("tolls" not in c.quote for c in answer.citations), answer.text


def test_an_answer_says_when_its_sources_speak_of_the_deed_asked_as_still_to_come(tmp_path, embedder):
    """"Who won the Usk Cup?" asked before the final: the best sentence the archive has ("hoping to win the cup on
    Saturday") is no winner, and the answer says none of its sources tells the win as done. Once a report of the
    result is there, the note goes; a question that looks ahead gets none."""
    from tests.test_retrieval import indexed

    preview = dict(title="Usk Rovers reach the Usk Cup final", source="Usk Courier", url="https://usk.example/final",
                   published="2024-06-05", text="Usk Rovers will face Tamsin Town in the Usk Cup final on Saturday. "
                   "Manager Ann Pryce said her side is hoping to win the Usk Cup for the first time in forty years.")
    ferry = dict(title="Usk ferry delayed again", source="Wales Daily", url="https://wales.example/ferry",
                 published="2024-06-04", text="The new Usk river ferry will not launch before July, the council said "
                 "on Tuesday, after engineers found a fault in its engine.")
    (tmp_path / "before").mkdir()
    (tmp_path / "after").mkdir()
    before = Assistant(indexed(tmp_path / "before", [preview, ferry, MARKET], embedder))
    answer = before.ask("Who won the Usk Cup?", as_of="2024-06-06")
    assert not answer.abstained
    assert any("“win” as still to come" in note for note in answer.notes), answer.notes
    launched = before.ask("When did the Usk river ferry launch?", as_of="2024-06-06")
    assert any("“launch” as still to come" in note for note in launched.notes), (launched.text, launched.notes)
    ahead = before.ask("Who will win the Usk Cup?", as_of="2024-06-06")
    assert not any("as still to come" in note for note in ahead.notes), ahead.notes

    result = dict(title="Tamsin Town win the Usk Cup", source="Usk Courier", url="https://usk.example/cup-result",
                  published="2024-06-08", text="Tamsin Town won the Usk Cup on Saturday, beating Usk Rovers 2-1 "
                  "with a late goal from Ivo Sand.")
    after = Assistant(indexed(tmp_path / "after", [preview, ferry, result, MARKET], embedder))
    answer = after.ask("Who won the Usk Cup?", as_of="2024-06-10")
    assert "Tamsin Town" in answer.text
    assert not any("as still to come" in note for note in answer.notes), answer.notes


def _quoted(*quotes: str) -> list:
    """The citations of an answer quoting `quotes` in turn, each from its own invented Usk Courier report."""
    from rag.answering import Citation

    return [Citation(n=n, article_id=f"a{n}", title="Usk", source="Usk Courier", published="2024-06-05",
                     url=f"https://usk.example/{n}", quote=quote, chunk_id=f"a{n}:0", score=1.0)
            for n, quote in enumerate(quotes, start=1)]


@pytest.mark.parametrize("question, quote, verb", [
    ("When did Artemis launch?", "Artemis I will not launch before Tuesday.", "launch"),
    ("Who won the Usk Cup?", "Rovers will be looking to win the Usk Cup.", "win"),
    ("Who was elected mayor of Usk?", "The new mayor of Usk will be elected on Thursday.", "elected"),
    ("Has the council approved the bridge?", "The council is expected to approve the bridge in July.", "approved"),
    ("Who won the Usk Cup?", "Tamsin Town won the Usk Cup on Saturday.", ""),  # done
    ("Who won the Usk Cup?", "Rovers are hoping to win the cup, having won it in 1984.", ""),  # won once, said
    ("Who will win the Usk Cup?", "Rovers will be looking to win the Usk Cup.", ""),  # asked ahead
    ("Who won the Usk Cup?", "Tamsin Town beat Rovers in the final.", ""),  # nothing said to come
    # (a clause opened by the participle after a comma tells it done, though another clause looks ahead)
    ("Who replaced Ann Pryce as mayor?", "Named mayor on Monday, replacing Pryce, Ivo Sand launched a bid to replace "
     "the council leader.", ""),
    ("Who replaced Ann Pryce as mayor?", "Ivo Sand launched a bid to replace Ann Pryce as mayor.", "replaced"),
])
def test_a_deed_still_to_come_is_told_from_one_done(question, quote, verb):
    from rag.answering.outcome import still_to_come

    assert still_to_come(question, _quoted(quote)) == verb


def test_a_deed_asked_as_done_is_answered_by_the_sentence_that_tells_it_done_not_the_preview(tmp_path, embedder):
    """"How many games was Owen Bevan suspended for?": the preview that holds every word of the question ("is
    expected to be suspended for") scores TO_COME_PENALTY less, so the hearing's result leads, and no note says the
    archive may not report the ban yet. ("How many games was Watson originally suspended for?" had opened with "That's
    how many games ... Watson will be suspended".)"""
    from tests.test_retrieval import indexed

    preview = dict(title="Bevan faces a long ban", source="Usk Courier", url="https://usk.example/ban-preview",
                   published="2024-06-03", text="Eight: that's how many games Usk RFC captain Owen Bevan is "
                   "expected to be suspended for after the derby punch, the club said.")
    done = "On Tuesday, Bevan was suspended for six games by the Welsh Rugby Union after a two-hour hearing."
    hearing = dict(title="Usk RFC hearing", source="Wales Daily", url="https://wales.example/hearing",
                   published="2024-06-05", text=done + " The Usk RFC captain said he would not appeal.")
    assistant = Assistant(indexed(tmp_path, [preview, hearing, MARKET], embedder))
    answer = assistant.ask("How many games was Owen Bevan suspended for?", as_of="2024-06-06")
    assert answer.citations[0].quote == done, answer.text
    assert not any("as still to come" in note for note in answer.notes), answer.notes


def test_what_do_we_know_about_the_man_who_did_it_is_asked_who_did_it(tmp_path, embedder):
    """"What do we know about the man who set fire to the Usk library?" and "Who is the man who ...?" ask who did it,
    as "Who set fire to the Usk library?" does: the answer quotes the report that names him. ("What do we know about
    the man who shot Shinzo Abe?" asked on 2022-07-09 of the bench archive had quoted a hospital's press
    conference; it now quotes "The suspect, Tetsuya Yamagami, ... has admitted to shooting Abe".)"""
    from rag.answering.extractive import who_did
    from tests.test_retrieval import indexed

    assert who_did("Who was the first woman who walked in space?") == "Who was the first woman who walked in space?"
    assert who_did("Tell me about the people who died in the crush") == "Who died in the crush"
    fire = dict(title="Usk library gutted by fire", source="Usk Courier", url="https://usk.example/fire",
                published="2024-06-04", text="Firefighters stand outside the Usk library on Sunday night, June 2. "
                "The library, which opened in 1904, lost most of its books after a man set fire to it on Sunday "
                "night, the fire service said. Readers left flowers at its door on Monday.")
    charged = dict(title="Usk man charged", source="Wales Daily", url="https://wales.example/charged",
                   published="2024-06-05", text="Ivo Sand, 34, a former caretaker, was charged on Tuesday with "
                   "setting the fire. Police said he held a grudge against the council.")
    assistant = Assistant(indexed(tmp_path, [fire, charged, MARKET], embedder))
    for question in ("What do we know about the man who set fire to the Usk library?",
                     "Who is the man who set fire to the Usk library?"):
        answer = assistant.ask(question, as_of="2024-06-06")
        assert answer.question == "Who set fire to the Usk library?"
        assert any("Ivo Sand" in citation.quote for citation in answer.citations), answer.text


def test_a_deed_told_done_in_other_words_first_gets_no_still_to_come_note():
    """The answer's lead tells the deed done in its own words ("slammed into"); a follower quoting a preview ("will
    crash") does not make the answer one about something still to come."""
    from rag.answering.outcome import still_to_come

    done = "The probe slammed into the asteroid on Monday night."
    preview = "Tonight the agency will crash a probe into it."
    assert still_to_come("The agency crashed a probe into what?", _quoted(done, preview)) == ""
    assert still_to_come("The agency crashed a probe into what?", _quoted(preview, done)) == "crashed"


def test_a_motive_asked_is_a_reason_and_one_said_unknown_is_none(tmp_path, embedder):
    """"What was Ivo Sand's motive ...?" asks why: the sentence that gives his grudge answers it, not the one that
    says the motive was unclear, though it shares the word "motive"."""
    article = dict(title="Man charged over Usk library fire", source="Usk Courier", url="https://usk.example/fire",
                   published="2024-06-05", text="Ivo Sand, 34, was charged on Tuesday with setting fire to the Usk "
                   "library on Sunday night.\n\nThe motive for the Usk library fire remained unclear for two days, "
                   "officers said.\n\nPolice said Sand held a grudge against the council after losing his job at "
                   "the library in March.")
    answer = ask_about(tmp_path, embedder, article, "What was Ivo Sand's motive for the Usk library fire?")
    assert not answer.abstained
    assert "grudge" in answer.citations[0].quote, answer.text


@pytest.mark.parametrize("question, quote, verb", [
    ("Why did the Usk council cut bus fares?", "Rising costs could cut the number of buses, drivers said.", ""),
    ("Did the Usk council cut bus fares?", "The Usk council will cut bus fares in July.", "cut"),
    ("Did the Usk council cut bus fares?", "The Usk council cut bus fares, and will cut more in July.", ""),
])
def test_a_deed_to_come_is_one_of_what_the_question_names(question, quote, verb):
    """"could cut the number of buses" is no cut the council still has to make; "cut" is its own past."""
    from rag.answering.outcome import still_to_come

    assert still_to_come(question, _quoted(quote)) == verb


def test_how_much_one_has_to_pay_is_the_newest_award_though_it_names_an_old_event(tmp_path, embedder):
    """"How much does Ivo Sand have to pay?": the newest report's total leads, though it names the crash that led to
    it by its year ("the 2021 Usk ferry crash"), which made it old news beside the first day's award."""
    first = usk_report("sand-award-1", "Jury orders Ivo Sand to pay damages", "2024-06-06",
        "A jury in Newport on Thursday ordered ferry owner Ivo Sand to pay £4,000 in compensatory damages to the "
        "family of a girl hurt when his ferry hit the Usk bridge.")
    total = usk_report("sand-award-2", "Ivo Sand trial: what's next", "2024-06-08",
        "A jury has ordered Ivo Sand to pay more than £49,000 in damages to the family of a girl hurt in the 2021 "
        "Usk ferry crash.")
    answer = assistant_over(tmp_path, embedder, first, total).ask("How much does Ivo Sand have to pay?",
                                                                  as_of="2024-06-09")
    assert not answer.abstained, answer.text
    assert "£49,000" in answer.citations[0].quote, answer.text


def test_how_old_when_something_happened_is_the_age_then(tmp_path, embedder):
    """"How old was Ann Pryce when she died?": not her age when she took office, nor her husband's at his death."""
    from rag.answering.extractive import _cue

    question = "How old was Ann Pryce when she died?"
    assert _cue("number", "Ann Pryce was 31 years old when she became mayor of Usk.", question) < 1.0
    assert _cue("number", "Ann Pryce mourned her husband's early death at age 56.", question) == 0.0
    assert _cue("number", "Ann Pryce died at home on Monday, aged 88.", question) == 1.0
    assert _cue("number", "Ann Pryce was 31 years old when she became mayor of Usk.", "How old is Ann Pryce?") == 1.0
    obituary = usk_report("pryce-obituary", "Ann Pryce, Usk's longest-serving mayor, dies", "2024-06-04",
        "Ann Pryce was 31 years old when she became mayor of Usk, the youngest in the town's history.\n\n"
        "She mourned her husband's early death at age 56, and never remarried.\n\n"
        "Pryce was 88 years old and had lived in the town all her life, her family said.")
    answer = assistant_over(tmp_path, embedder, obituary).ask("How old was Ann Pryce when she died?",
                                                             as_of="2024-06-06")
    assert not answer.abstained, answer.text
    assert "was 88 years old" in answer.citations[0].quote, answer.text


def _new_mayors_sworn_in() -> list[dict]:
    """Twelve invented reports from the week before 2024-06-06, each of another town's new mayor: a question about
    a new mayor finds them before anything older."""
    towns = ["Newport", "Chepstow", "Monmouth", "Abergavenny", "Raglan", "Pontypool", "Cwmbran", "Blaenavon",
             "Tintern", "Usk", "Magor", "Caldicot"]
    people = ["Tom Hale", "Rhys Morgan", "Gwen Price", "Owen Bevan", "Sian Lloyd", "Dai Jones", "Mair Evans",
              "Iwan Rees", "Beth Hughes", "Alun Pugh", "Nia Powell", "Huw Roberts"]
    pledges = ["repair the roads", "reopen the library", "build a swimming pool", "cut parking charges",
               "plant a thousand trees", "bring back the market", "light the high street", "save the bus station",
               "fix the bridge", "open a youth club", "clean the river", "hire more wardens"]
    rivals = ["a retired teacher", "a baker", "two farmers", "the former deputy", "a student", "a vet", "a nurse",
              "a haulier", "a vicar", "a plumber", "a chemist", "a grocer"]
    return [usk_report(f"mayor-{i}", f"{town} swears in {person} as its new mayor", f"2024-06-0{i % 5 + 1}",
                       f"{person} was sworn in as the new mayor of {town} after beating {rival}. The new mayor "
                       f"promised to {pledge} before the winter. {person} thanked the voters of {town} and said the "
                       f"first job was to {pledge}.")
            for i, (town, person, pledge, rival) in enumerate(zip(towns, people, pledges, rivals))]


def _town_report(town: str, published: str, lede: str) -> dict:
    """An invented report on `town` whose every chunk names it (so that the name is no rare one)."""
    count = (f"{town} counted its votes in the town hall on Thursday night, and the count in {town} went on until "
             f"dawn, the returning officer said. Turnout in {town} was 41%, the highest in a decade. ")
    return usk_report(f"{town.lower()}-vote", f"{town} votes for a new council", published,
                      lede + " " + "\n\n".join(count * 4 for _ in range(4)))


def test_a_question_whose_search_finds_nothing_on_its_name_is_answered_from_the_recent_articles_about_it(
    tmp_path, embedder
):
    """A week of other towns' new mayors fills the search for "Who is the new mayor of Rogiet?": nothing found names
    Rogiet, or (Caerleon) only a cricket report does. The archive's report on the vote there, six weeks old, is
    found by a second search among the articles about the name, and answers with its date; a report older than
    NAMING_DAYS, or one that names the town but not who won, is no answer."""
    from rag.retrieval import NAMING_DAYS

    elected = "Ann Pryce was elected the new mayor of {town} on Thursday, beating two rivals."
    cricket = usk_report("cricket", "Cricket: Caerleon beat Raglan", "2024-06-04",
                         "Caerleon's cricket club beat Raglan by six wickets on Saturday, with the captain hitting 80 "
                         "not out. The club's new pavilion opens next month.")
    assert (dt.date(2024, 6, 6) - dt.date(2024, 1, 15)).days > NAMING_DAYS
    assistant = assistant_over(
        tmp_path, embedder, *_new_mayors_sworn_in(), cricket,
        _town_report("Rogiet", "2024-04-25", elected.format(town="Rogiet")),
        _town_report("Caerleon", "2024-04-26", elected.format(town="Caerleon")),
        _town_report("Llanfoist", "2024-01-15", elected.format(town="Llanfoist")),
        _town_report("Tredegar", "2024-04-25", "Tredegar's council will choose its mayor at the first meeting."))
    for town, why in [("Rogiet", "do not mention Rogiet"), ("Caerleon", "do not answer it")]:
        answer = assistant.ask(f"Who is the new mayor of {town}?", as_of="2024-06-06")
        assert answer.citations[0].quote == elected.format(town=town)
        assert answer.citations[0].published.startswith("2024-04-2")
        assert any(why in note for note in answer.notes), answer.notes
        assert any("days before 2024-06-06" in note for note in answer.notes)  # its age is said
    assert assistant.ask("Who is the new mayor of Llanfoist?", as_of="2024-06-06").abstained
    assert assistant.ask("Who is the new mayor of Tredegar?", as_of="2024-06-06").abstained
    # a window the question names is kept to
    assert assistant.ask("Who was elected mayor of Rogiet this week?", as_of="2024-06-06").abstained


def _weekly_digest(published: str) -> dict:
    """An invented weekly digest whose headline and opening name no town: one item a town, Rogiet's four of them."""
    items = [
        ("Raglan market returns", "Raglan's Saturday market returns next month after a two-year break, traders said."),
        ("Chepstow races", "Chepstow's racecourse sold out its summer meeting for the first time since 2019."),
        ("Rogiet elects a mayor", "In Rogiet, Ann Pryce was elected the new mayor on Thursday, beating two rivals."),
        ("Rogiet school", "Rogiet's primary school will close for a week in July while its roof is mended."),
        ("Rogiet station", "Rogiet's station car park is to double in size, the rail company said on Monday."),
        ("Rogiet fete", "Rogiet's summer fete raised £4,000 for the village hall, its organisers said."),
        ("Magor bypass", "Work on the Magor bypass will start in September, the council confirmed."),
    ]
    letters = " ".join(f"Readers wrote in about the week's weather, letter {n}, and the state of the lanes."
                       for n in range(12))
    return usk_report("digest", "Your weekly Usk digest", published,
                      "Here is the week in the valley. " + "\n\n".join(f"{head}\n\n{line} {letters}"
                                                                      for head, line in items))


def test_a_name_only_a_digest_mentions_in_passing_is_answered_from_the_digest(tmp_path, embedder):
    """A week of other towns' new mayors fills the search for "Who is the new mayor of Rogiet?", and no article is
    about Rogiet: only a digest names it, in passing, further down. The second search reads the chunks that name it
    (as "What happened to FTX?" asked on 2022-11-10 of the bench archive, named only in that day's newsletter, which
    had answered "none of the articles found mentions FTX" with a note naming that very newsletter)."""
    assistant = assistant_over(tmp_path, embedder, *_new_mayors_sworn_in(), _weekly_digest("2024-05-20"))
    answer = assistant.ask("Who is the new mayor of Rogiet?", as_of="2024-06-06")
    elected = "In Rogiet, Ann Pryce was elected the new mayor on Thursday, beating two rivals."
    assert answer.citations[0].quote == elected
    assert any("do not mention Rogiet" in note for note in answer.notes), answer.notes


def test_how_many_were_evacuated_is_answered_by_the_count_of_the_evacuated_not_the_death_toll(tmp_path, embedder):
    """Each tally of a story counts its own people: "How many people were evacuated ...?" leads with the sentence
    that counts those told to leave, and the death toll does not follow it. ("How many people were evacuated ahead of
    Hurricane Ian?", asked on 2022-09-28 of the bench archive, had opened with the toll.)"""
    from rag.answering.extractive import OTHER_COUNT_CUE, OTHER_HARM_CUE, _cue

    question = "How many people were evacuated ahead of the Usk flood?"
    toll = "The death toll of the Usk flood rose to at least 7 people on Tuesday as crews searched the valley."
    told = "More than 3,000 people in the valley were told to leave their homes ahead of the Usk flood."
    assert _cue("number", told, question) == 1.0
    assert _cue("number", toll, question) == OTHER_HARM_CUE < OTHER_COUNT_CUE
    assert _cue("number", "Crews checked 400 people in the valley.", question) == OTHER_COUNT_CUE  # (a count unsaid)
    report = usk_report("usk-flood-tally", "Usk flood: toll rises as the water falls", "2024-03-05",
                        f"{toll} {told}\n\nThe council opened a fund for families who lost their homes.")
    answer = assistant_over(tmp_path, embedder, report).ask(question, as_of="2024-03-06")
    assert answer.citations[0].quote == told, answer.text
    assert all(c.quote != toll for c in answer.citations), answer.text  # (nor does the toll follow it)


def test_what_the_speaker_a_title_names_said_is_answered_by_the_words_of_the_person_holding_it(tmp_path, embedder):
    """"What did the council leader say about the bridge?" asks for the words of the person the reports call
    "Council Leader Ann Pryce", which they then give as "..., Pryce said." ("What did the Fed chair say about a
    recession?", asked on 2022-06-20 of the bench archive, had opened with an investment manager's words.)"""
    from rag.answering.extractive import asked_speaker, with_titled_names

    question = "What did the council leader say about the Usk bridge?"
    said = "“We will have the Usk bridge open again before Christmas,” Pryce said."
    other = "“The council leader says a lot about the Usk bridge, but nothing changes,” said shopkeeper Tom Hale."
    report = usk_report("usk-bridge-shut", "Usk bridge to stay shut", "2024-06-03",
                        "Council Leader Ann Pryce told a packed meeting on Monday that repairs had begun. "
                        f"{said}\n\n{other} The bridge has been shut since the flood in March.")
    assistant = assistant_over(tmp_path, embedder, report)
    speaker = asked_speaker(question)
    found = assistant.retrieve(question, as_of="2024-06-05")
    assert with_titled_names(speaker, question, found) == (speaker[0] | {"ann", "pryce"}, speaker[1])
    assert with_titled_names(speaker, "What did Tom Hale say about the Usk bridge?", found) == speaker  # (no title)
    answer = assistant.ask(question, as_of="2024-06-05")
    assert answer.citations[0].quote == said, answer.text


def test_who_is_the_suspect_is_answered_by_the_sentence_that_names_them(tmp_path, embedder):
    """"Who is the suspect?" asks for a name, as "Who is the new mayor?" does: the sentence that names the suspect
    leads, and the one that shares most of the question's words without naming anyone does not follow; a name with a
    capital inside ("McHale", "DePape", "O'Brien") is a name. ("Who is the suspect in the Paul Pelosi attack?",
    asked on 2022-11-02 of the bench archive, had opened with "The man who is alleged to have attacked Paul
    Pelosi ...".)"""
    from rag.answering.extractive import _cue

    for named in ("Police named the suspect as Tom McHale, of Caerleon.", "Police named David DePape.",
                  "Police named Pat O'Brien."):
        assert _cue("who", named, "Who is the suspect in the Usk stabbing?") == 1.0, named
    unnamed = "The man suspected in the Usk stabbing pleaded not guilty on Saturday to attempted murder."
    named = "Tom McHale, 34, is accused of stabbing the mayor of Usk at a council meeting on Friday, police said."
    report = usk_report("usk-stabbing", "Man denies Usk stabbing", "2024-06-08",
                        f"{unnamed} {named}\n\nThe mayor was recovering in hospital, her office said.")
    assistant = assistant_over(tmp_path, embedder, report)
    for question in ("Who is the suspect in the Usk stabbing?", "Who was the attacker in the Usk stabbing?"):
        answer = assistant.ask(question, as_of="2024-06-09")
        assert answer.citations[0].quote == named, answer.text
        assert all(c.quote != unnamed for c in answer.citations), answer.text  # (nor does it follow)


def _valley_earthquake() -> dict:
    """An invented report of an earthquake in the Usk valley two years back, with its toll."""
    return usk_report("quake", "Earthquake rocks the Usk valley", "2022-03-14",
                      "The death toll rose to 12 after a magnitude 5.1 earthquake rocked the Usk valley on Sunday, "
                      "damaging homes and sending residents running into the streets. Aftershocks shook the town "
                      "through the night, and engineers inspected the old bridge on Monday morning.")


def _stadium_crush() -> dict:
    return usk_report("crush", "Deadly crush at Usk stadium", "2024-05-20",
                      "Nine people died in a crush at the Usk stadium on Saturday when fans surged towards a "
                      "locked exit after the final whistle. The club said it would open every gate at future "
                      "matches, and the council has ordered an inquiry into the stewarding.")


@pytest.mark.parametrize("text, kinds", [
    ("How many people died in the Indonesian stadium crush?", {"crush"}),
    ("How many died in the crush at the gates?", {"crush"}),
    ("Did the army crush the uprising?", set()),
    ("The death toll rose after a magnitude 7.0 earthquake rocked the island.", {"earthquake"}),
    ("Floodwaters rose as Hurricane Ian made landfall.", {"storm"}),
    ("The gunman opened fire on the parade.", {"shooting"}),
    ("Two fans were crushed to death as the crowd surged.", {"crush"}),
    ("The minister came under fire for the plan.", set()),
])
def test_the_kind_of_event_a_text_names(text, kinds):
    from rag.answering.events import event_kinds

    assert event_kinds(text) == kinds


def test_a_toll_of_another_kind_of_event_does_not_answer_for_the_asked_one(tmp_path, embedder):
    """"How many people died in the Usk stadium crush?" asked of an archive that holds only an older earthquake in
    the valley, with its toll, is not answered with the earthquake's dead: the answer says the archive does not say,
    and names the event that its articles tell of. With the crush reported, its toll is the answer. ("How many
    people died in the Indonesian stadium crush?" asked on 2022-10-03 of the bench archive, which lacks it, quoted a
    2018 earthquake on Lombok: "The death toll rose to 82 after a magnitude 7.0 earthquake rocked the Indonesian
    island ...".)"""
    question = "How many people died in the Usk stadium crush?"
    assistant = assistant_over(tmp_path / "a", embedder, _valley_earthquake())
    answer = assistant.ask(question, as_of="2024-05-21")
    assert answer.abstained and not answer.citations
    assert "another event, an earthquake (“Earthquake rocks the Usk valley”, 2022-03-14)" in answer.text, answer.text
    assert "not the crush asked about" in answer.text

    assistant = assistant_over(tmp_path / "b", embedder, _valley_earthquake(), _stadium_crush())
    answer = assistant.ask(question, as_of="2024-05-21")
    assert not answer.abstained
    assert answer.citations[0].quote.startswith("Nine people died in a crush at the Usk stadium")
    assert all("earthquake" not in c.quote for c in answer.citations), answer.citations
    # asked about the earthquake, its toll is the answer
    quake = assistant.ask("How many people died in the Usk valley earthquake?", as_of="2024-05-21")
    assert quake.citations[0].quote.startswith("The death toll rose to 12"), quake.text


def test_a_reaction_to_an_event_is_read_after_its_latest_occurrence(tmp_path, embedder):
    """"How did traders react to the Usk Bank's rate decision?" asks about the news after the decision, and of a
    decision made twice, the latest: two reports of a March decision and two of a May one make the May day the
    event's (a tie of counts went to the earliest day before), and the answer quotes what followed it. (Asked on
    2022-09-22 of the bench archive, "How did markets react to the Fed's decision?" read the days since a May
    decision that two of the articles found report.) A sentence set before the event ("Ahead of the decision, ...")
    is not what followed it."""
    decision = "The Usk Bank raised its main rate to {rate} on {day}, its {nth} rise this year."
    articles = [
        _article("march-a", "Usk Bank raises rates", "Usk Courier", "2024-03-14",
                 decision.format(rate="3%", day="Thursday", nth="first")),
        _article("march-b", "Rates up at the Usk Bank", "Wales Daily", "2024-03-14",
                 decision.format(rate="3%", day="Thursday afternoon", nth="first")),
        _article("march-after", "Traders shrug off the Usk Bank rise", "Wales Daily", "2024-03-16",
                 "Traders in Usk shrugged off the March rise, and the valley's shares closed flat on Friday."),
        _article("may-a", "Usk Bank raises rates again", "Usk Courier", "2024-05-16",
                 decision.format(rate="3.5%", day="Thursday", nth="second")),
        _article("may-b", "Second rate rise at the Usk Bank", "Border News", "2024-05-16",
                 decision.format(rate="3.5%", day="Thursday morning", nth="second")),
        _article("may-after", "Valley shares slide after the rate rise", "Usk Courier", "2024-05-18",
                 "Ahead of the Usk Bank's decision, traders had bet on a pause and bought the valley's shares. "
                 "Traders reacted to the Usk Bank's rate decision by selling the valley's shares on Friday, and the "
                 "Usk index fell 4% by the close, its worst day in a year."),
    ]
    assistant = assistant_over(tmp_path, embedder, *articles)
    answer = assistant.ask("How did traders react to the Usk Bank's rate decision?", as_of="2024-05-20")
    assert not answer.abstained, answer.text
    assert answer.citations[0].quote.startswith("Traders reacted to the Usk Bank's rate decision by selling"), \
        answer.text
    assert all(c.published >= "2024-05-17" for c in answer.citations), answer.text
    assert any(n.startswith("“react to the Usk Bank's rate decision” is read as from 2024-05-17 to 2024-05-20")
               for n in answer.notes), answer.notes


def test_what_followed_an_event_is_not_told_by_a_sentence_set_before_it(tmp_path, embedder):
    """"What did the council do after Ann Pryce's visit?": a report after the visit that recalls what came before it
    ("Well in advance of Ann Pryce's visit, the council ...") does not lead; the sentence on what the council did
    next does. (Asked on 2022-08-05 of the bench archive, "What did China do after Pelosi's visit?" opened with
    "Well in advance of Pelosi’s near 24-hour visit to Taiwan, China had warned her presence was not welcome.")"""
    from rag.answering.extractive import set_before

    assert set_before("Well in advance of Ann Pryce's two-day visit, the council had warned.", frozenset({"visit"}))
    assert not set_before("The council closed the bridge after the visit.", frozenset({"visit"}))
    assert not set_before("Before the vote, the council visited the bridge.", frozenset({"visit"}))
    visit = "Ann Pryce visited the Usk bridge on {day}, the first minister to see the cracks in its arches."
    articles = [
        _article("visit-a", "Minister visits the Usk bridge", "Usk Courier", "2024-05-14", visit.format(day="Tuesday")),
        _article("visit-b", "Ann Pryce sees the bridge cracks", "Wales Daily", "2024-05-14",
                 visit.format(day="Tuesday morning")),
        _article("after", "Council shuts the Usk bridge", "Usk Courier", "2024-05-16",
                 "Well in advance of Ann Pryce's visit, the council had done little about the bridge but put up signs. "
                 "After Ann Pryce's visit, the council shut the bridge on Wednesday and did what she asked of it: it "
                 "hired engineers."),
    ]
    assistant = assistant_over(tmp_path, embedder, *articles)
    answer = assistant.ask("What did the council do after Ann Pryce's visit?", as_of="2024-05-20")
    assert not answer.abstained, answer.text
    assert answer.citations[0].quote.startswith("After Ann Pryce's visit, the council shut the bridge"), answer.text


def test_a_person_the_passages_named_in_full_is_a_name_by_the_surname_alone():
    """A report names a person in full once, then by the surname ("Mordaunt confirmed in a tweet Friday afternoon
    that she was running to replace Truss"): for "who" that sentence names someone, as one with a full name does;
    the asked person's own surname does not count. ("Who is running to replace Liz Truss?" asked on 2022-10-24 of the
    bench archive had no cue for that sentence.)"""
    from rag.answering.extractive import _cue, surnames_in

    texts = ["Council leader Penny Morgan stood in for Mayor Ann Pryce at the meeting on Tuesday.",
             "Morgan confirmed on Friday that she was running to replace Pryce, the first councillor to do so."]
    known = surnames_in(texts)
    assert {"Morgan", "Pryce"} <= known
    question = "Who is running to replace Ann Pryce?"
    assert _cue("who", texts[1], question) == 0.0
    assert _cue("who", texts[1], question, known) == 1.0
    assert _cue("who", "Pryce said on Friday that she would not stand again.", question, known) == 0.0


@pytest.mark.parametrize(
    "sentence, published, past",
    [
        ("The council set a date after floods forced it to cancel the vote late last month.", "2024-06-03", True),
        ("The first vote was called off on May 29.", "2024-06-03", True),  # (the May nearest the report)
        ("The vote was pushed back four days to May 14, the council said on Monday.", "2024-05-08", True),
        ("The vote will be held on Monday, June 17, the council said on Tuesday.", "2024-06-04", False),
        ("The new bridge should be ready in early to mid-July.", "2024-06-04", False),
        ("The vote will be held next month.", "2024-06-04", False),  # (not placed: the cue stays)
        ("The vote was held in 2023.", "2024-06-04", True),
        ("No date was given.", "2024-06-04", False),
    ],
)
def test_times_past_places_each_time_by_its_report_and_asks_if_all_are_before_the_day_asked(sentence, published,
                                                                                           past):
    from rag.answering.extractive import times_past

    assert times_past(sentence, published, "2024-06-05") is past


def test_a_question_about_a_time_to_come_is_not_answered_by_a_time_already_past(tmp_path, embedder):
    """"How soon could the vote take place?", asked on 2024-06-05: the report that restates the question names
    only a time past ("late last month"), and an older report's date (May 14) has passed too. Before, both had the
    "when" cue and the restating sentence was quoted first; the date to come is now."""
    old = usk_report("usk-vote-may", "Usk bridge vote delayed", "2024-05-08",
                     "The Usk council is pushing back the bridge vote by four days to May 14, it said on Monday.")
    new = usk_report(
        "usk-vote-june", "Usk bridge vote date set", "2024-06-04",
        "The Usk council has set a date for another try at the bridge vote, after floods forced it to call off the "
        "vote late last month. Councillors were told the bridge is safe to use. The bridge vote will be held on "
        "Monday, June 17, at 7 p.m., the council said.",
    )
    assistant = assistant_over(tmp_path, embedder, old, new)
    answer = assistant.ask("The Usk council has set a date for another try at the bridge vote. How soon could the "
                           "vote take place?", as_of="2024-06-05")
    assert not answer.abstained, answer.text
    assert "June 17" in answer.citations[0].quote, answer.text


def test_the_sentence_after_the_first_in_its_paragraph_is_quoted_when_nearly_as_close(tmp_path, embedder):
    """"A bridge ... has been named as Gwent's worst" says what was named, not which bridge; the next sentence
    names it, and is quoted after it though less close to the question than another follower must be. A sentence
    as close in another paragraph is not."""
    named = "Pont Caerleon, near Newport, had an approval rating of just 12% among 2,000 drivers."
    lead = "A bridge over the River Usk has been named as Gwent's worst, the Argus reported."
    later = "The council said repairs would start in the autumn."
    question = "A survey of 2,000 drivers named which bridge Gwent's worst?"
    asked = []
    for n, text in enumerate([f"Councillors met on Tuesday to discuss the roads budget.\n{lead} {named} {later}",
                              f"Councillors met on Tuesday to discuss the roads budget.\n{lead} {later}\n{named}"]):
        bridge = usk_report(f"usk-bridge-{n}", "Drivers name Gwent's worst bridge", "2024-06-04", text)
        asked.append(assistant_over(tmp_path / str(n), embedder, bridge).ask(question, as_of="2024-06-05"))
    next_to, apart = asked
    assert [c.quote for c in next_to.citations] == [lead, named], next_to.text
    assert [c.quote for c in apart.citations] == [lead], apart.text


def test_what_is_it_called_asks_for_the_name_of_what_the_lead_in_tells_of(tmp_path, embedder):
    """"What is it called?" says nothing of what is named; its "called" is no key word (it had quoted traders who
    "called" roadworks a disgrace), and the lead-in's words count in full."""
    from rag.answering.extractive import _asked_word_weights

    question = "A bakery has opened on Usk high street this week. What is it called?"
    weights = _asked_word_weights(question)
    assert "call" not in weights and weights["bakeri"] == 1.0
    assert "call" in _asked_word_weights("Who called the meeting of the Usk council?")
    bakery = ("The new bakery on Usk high street, Crumbs and Co, opened its doors on Saturday with a queue down the "
              "street.")
    assistant = assistant_over(
        tmp_path, embedder,
        usk_report("usk-roadworks", "Roadworks on the high street", "2024-06-04",
                   "Traders on Usk high street have called the roadworks outside their shops a disgrace. The council "
                   "said the work would end in July."),
        usk_report("usk-bakery", "A bakery opens", "2024-06-04", f"{bakery} Its owner trained in Cardiff."))
    answer = assistant.ask(question, as_of="2024-06-05")
    assert [c.quote for c in answer.citations] == [bakery], answer.text
