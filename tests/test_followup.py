"""Follow-up questions: rewritten to stand alone before retrieval, by a heuristic or by a real model (SmolLM2)."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from rag import followup
from rag.answering import Answer, extractive, llm
from rag.chat import Assistant

NK_ID = "1aa42e45edf55b68"
NK_QUESTION = "When did North Korea blow up the liaison office?"
CHESS_QUESTION = "Who won the national chess championship?"
THREADS = int(os.environ.get("NEWSRAG_THREADS") or 0)


@pytest.fixture(scope="module")
def local_llm():
    return llm.load("llamacpp:smollm2", threads=THREADS, max_tokens=64)


# ------------------------------------------------------------------------------ the heuristic


def test_history_comes_as_dicts_or_pairs():
    answer = Answer(question="q", text="It was Tuesday. [1]", citations=[], abstained=False, mode="x", as_of="x")
    assert followup.turns([("Q1", "A1"), ["Q2", answer]]) == [("Q1", "A1"), ("Q2", "It was Tuesday. [1]")]
    page = [
        {"role": "assistant", "content": "⚠️ the question is empty"},  # an error before any question
        {"role": "user", "content": "Q1"},
        {"role": "assistant", "content": "the model server is down"},
        {"role": "assistant", "content": [{"type": "text", "text": "A1"}]},  # the last reply counts
        {"role": "user", "content": "Q2"},
    ]
    assert followup.turns(page) == [("Q1", "A1"), ("Q2", "")]
    assert followup.turns([]) == [] and followup.turns(None) == []


@pytest.mark.parametrize(
    "question, follow_up",
    [
        ("And what did the South say?", True),
        ("Why did they do it?", True),
        ("How old is she?", True),
        ("What about the costs?", True),
        ("Who won the national chess championship?", False),
        ("How many residents were evacuated because of Storm Elin?", False),
        ("Who died this week?", False),  # "this week" is a time, not a pointer back
    ],
)
def test_follow_ups_are_recognised(question, follow_up):
    assert followup.is_follow_up(question) is follow_up


def test_heuristic_carries_the_previous_questions_terms():
    history = [(NK_QUESTION, "Tuesday, June 16. [1]")]
    rewritten = followup.heuristic("And what did the South say?", history)
    assert rewritten.startswith("What did the South say")
    assert {"north", "korea", "liaison", "office"} <= set(rewritten.lower().replace("(", " ").replace(")", " ").split())
    assert followup.heuristic(CHESS_QUESTION, history) == CHESS_QUESTION  # a new question stays itself
    assert followup.heuristic("How old is she?", []) == "How old is she?"
    # a follow-up of a follow-up keeps the topic
    chain = [(CHESS_QUESTION, ""), ("How old is she?", "")]
    assert "chess" in followup.heuristic("Who did she beat?", chain)


def test_a_question_that_names_nothing_is_about_what_the_one_before_named():
    history = [("When did Storm Elin flood the valley farms?", "On Tuesday. [1]")]
    assert followup.heuristic("How many residents were evacuated?", history) == (
        "How many residents were evacuated (Storm Elin)?"
    )
    for fresh in ("Who died this week?", "What are the top stories?", CHESS_QUESTION, "Who is Oskar Lindqvist?"):
        assert followup.heuristic(fresh, history) == fresh  # a time, the news at large, words or names of its own
    assert followup.heuristic("How many residents were evacuated?", [("how many farms flooded?", "")]) == (
        "How many residents were evacuated?"  # the question before named nothing either
    )


@pytest.mark.parametrize(
    "first, follow_up, standalone",
    [
        # a continuation that is only a name asks the question before of that name, the name's kind words kept
        ("Who won the Monmouth council seat?", "And Abergavenny?", "Who won the Abergavenny council seat?"),
        ("Who won the Monmouth County race?", "What about Newport?", "Who won the Newport County race?"),
        ("How many farms did Storm Elin flood?", "And Freya?", "How many farms did Storm Freya flood?"),
        ("How many homes lost power in Monmouth?", "And in Usk?", "How many homes lost power in Usk?"),
        ("What closed the Usk ferry (Storm Elin)?", "And Chepstow?", "What closed the Chepstow ferry (Storm Elin)?"),
        # a place asked with "in" is no storm's name; with no place to take the place of, it is asked of there too
        ("How many farms did Storm Elin flood in Monmouth?", "And in Usk?",
         "How many farms did Storm Elin flood in Usk?"),
        ("What happened with Storm Elin?", "And in Usk?", "What happened with Storm Elin in Usk?"),
        # a known place takes the place of a place, and is no storm's name nor a speaker; another name is no place
        ("How many farms did Storm Elin flood?", "And Wales?", "How many farms did Storm Elin flood in Wales?"),
        ("What did Ann Pryce say about Wales?", "And England?", "What did Ann Pryce say about England?"),
        ("What did Ann Pryce say about Wales?", "And Tom Hale?", "What did Tom Hale say about Wales?"),
        ("How many homes in Wales did Storm Elin flood?", "And Freya?",
         "How many homes in Wales did Storm Freya flood?"),
        ("How many Ukrainian families has Wales taken in?", "And the UK?",
         "How many Ukrainian families has the UK taken in?"),
        ("How many Ukrainian families has the UK taken in?", "What about Ireland?",
         "How many Ukrainian families has Ireland taken in?"),
        # a continuation that is only a time asks it of that time
        ("What happened to the Usk ferry this week?", "And last week?", "What happened to the Usk ferry last week?"),
        ("How many farms did Storm Elin flood?", "What about yesterday?",
         "How many farms did Storm Elin flood yesterday?"),
        # what someone said or did, with no topic of its own, is about what the conversation was about
        ("When did Storm Elin flood the valley farms?", "What did Oskar Lindqvist say?",
         "What did Oskar Lindqvist say (Storm Elin flood valley farms)?"),
        ("Why did the Usk ferry stop?", "How did Tom Hale react?", "How did Tom Hale react (Usk ferry stop)?"),
        # which outlets reported it, or its timeline: the story by its names, not the question's other words
        ("How many residents were evacuated because of Storm Elin?", "Which outlets covered it?",
         "Which outlets covered it (Storm Elin)?"),
        ("How many residents were evacuated because of Storm Elin?", "Give me a timeline of it",
         "Give me a timeline of it (Storm Elin)?"),
    ],
)
def test_a_follow_up_is_read_as_a_reader_means_it(first, follow_up, standalone):
    assert followup.heuristic(follow_up, [(first, "")]) == standalone


def test_and_a_name_after_a_chain_swaps_the_speaker_not_the_topic():
    chain = [("When did Storm Elin flood the valley farms?", "On Tuesday. [1]"),
             ("What did Oskar Lindqvist say?", "Lindqvist said the water rose fast. [1]")]
    assert followup.heuristic("And Marta Kovalenko?", chain) == (
        "What did Marta Kovalenko say (Storm Elin flood valley farms)?")
    assert followup.heuristic("How did Tom Hale react?", chain) == (
        "How did Tom Hale react (Storm Elin flood valley farms)?")
    assert followup.heuristic("Which outlets covered it?", chain) == "Which outlets covered it (Storm Elin)?"
    # "it" after what someone said about it is the storm, not the speaker ("Where is it heading next?" asked after
    # "What did Biden say about it?" in a conversation about Hurricane Ian had carried "Biden" too)
    storm = [("What happened with Storm Elin?", "Storm Elin flooded the valley farms. [1]"),
             ("What did Oskar Lindqvist say about it?", "Lindqvist said the water rose fast. [1]")]
    assert followup.heuristic("Where is it heading next?", storm) == "Where is it heading next (Storm Elin)?"
    # what a follow-up asked ("old" of "How old is she (Marta Kovalenko)?") is not what the next one is about
    chess = [(CHESS_QUESTION, "Marta Kovalenko won the national chess championship on Sunday. [1]"),
             ("How old is she?", "Kovalenko, 19, is the youngest player ever to win the title. [1]")]
    assert followup.heuristic("What did she promise?", chess) == "What did she promise (Marta Kovalenko)?"
    # and a list of outlets shows the topic without the brackets
    assert extractive.coverage_topic("Which outlets covered her resignation (Liz Truss)?", dt.date(2024, 6, 1))[0] == (
        "resignation Liz Truss")
    # not the name the "who" answer gave ("And Carys Pritchard?" after she was named the winner)
    who = [("Who won the Welsh sculling final?", "Carys Pritchard won the Welsh sculling final. [1]")]
    assert "Welsh sculling final" not in followup.heuristic("And Carys Pritchard?", who).split("(")[0]
    # a name with words of its own is asked afresh, and "And the costs?" carries the question's terms as before
    assert followup.heuristic("And what did the South say?", [(NK_QUESTION, "")]).startswith("What did the South say (")


def test_he_or_she_after_a_who_question_is_the_person_its_answer_named():
    who = "Who won the Welsh sculling final?"
    answer = "From “Sculling on the Usk”: Carys Pritchard won the Welsh sculling final on Saturday. [1] More. [2]"
    assert followup.answered_name(who, answer) == "Carys Pritchard"
    # the name words the question does not hold, past an acronym, a day and a place
    assert followup.answered_name(
        "Who won the Usk seat?", "On Friday, in Monmouth, BBC Wales projected that Pryce had won the Usk seat. [1]"
    ) == "Pryce"
    # with the archive's cases, a word it does not capitalise inside its sentences is no name
    cases = {"early": ["Early", 3, 900], "pryce": ["Pryce", 40, 40]}
    assert followup.answered_name("Who won the Usk seat?", "Early results showed Pryce ahead. [1]", cases) == "Pryce"
    # nor is a word that opens a sentence before a name ("Though"), which the archive's cases do not keep
    assert followup.answered_name(
        "Who is the new mayor of Usk?", "Though Ann Pryce won the vote on Monday, she takes office in June. [1]",
        cases) == "Ann Pryce"
    assert followup.answered_name("When did she win?", answer) == ""  # not a "who" question
    assert followup.answered_name(who, "The archive does not say: none of the articles found mentions Usk.") == ""

    assert followup.heuristic("Which club named her head coach?", [(who, answer)]) == (
        "Which club named her head coach (Carys Pritchard)?"  # about her, not about the final
    )
    assert followup.heuristic("And her?", [(who, answer)]) == "Her (Carys Pritchard won Welsh sculling final)?"
    # a follow-up of the follow-up keeps the name
    chain = [(who, answer), ("How old is she?", "She is 24. [1]")]
    assert "Carys Pritchard" in followup.heuristic("Where does she train?", chain)
    # "it" is no person, and a question asked afresh stays itself
    assert "Pritchard" not in followup.heuristic("When was it first rowed?", [(who, answer)])
    assert followup.heuristic("Who won the cricket final?", [(who, answer)]) == "Who won the cricket final?"


def test_a_models_rewrite_must_keep_the_question():
    assert followup.clean_rewrite('Rewritten question: "How old is Marta Kovalenko?"\nmore') == (
        "How old is Marta Kovalenko?"
    )
    assert followup.acceptable("How old is Marta Kovalenko?", "How old is she?", needs_topic=True)
    assert not followup.acceptable("Marta Kovalenko won on Sunday.", "How old is she?", needs_topic=True)  # an answer
    assert not followup.acceptable("How old is she?", "How old is she?", needs_topic=True)  # adds nothing
    assert not followup.acceptable("Who won the chess title?", "How old is she?", needs_topic=True)  # lost "old"


# ----------------------------------------------------------------- Assistant.ask(history=...)


def test_follow_up_on_the_seed_article_finds_it(seed_assistant):
    first = seed_assistant.ask(NK_QUESTION)
    assert seed_assistant.ask("Why did they do it?").abstained  # alone it means nothing
    answer = seed_assistant.ask("Why did they do it?", history=[(NK_QUESTION, first.text)])
    assert not answer.abstained and answer.citations[0].article_id == NK_ID
    assert "liaison" in answer.question and answer.timings["condensed_by_llm"] == 0


@pytest.mark.parametrize(
    "first, follow_up, article_id, expected, alone_misses",
    [
        (NK_QUESTION, "And what did the South say?", NK_ID, "South Korea", False),
        (CHESS_QUESTION, "How old is she?", "fx-chess", "Kovalenko", True),
        ("How much will the Port Alden harbour bridge cost?", "When will it open?", "fx-bridge-gazette", "2027", False),
        ("When did Storm Elin flood the valley farms?", "How many residents were evacuated?", "fx-storm", "1,200",
         False),
    ],
)
def test_follow_up_on_the_fixtures_finds_the_article(
    fixture_assistant, first, follow_up, article_id, expected, alone_misses
):
    if alone_misses:  # without the conversation the question finds nothing
        assert fixture_assistant.ask(follow_up, as_of="2024-06-01").abstained
    previous = fixture_assistant.ask(first, as_of="2024-06-01")
    assert previous.citations[0].article_id == article_id
    as_dicts = [{"role": "user", "content": first}, {"role": "assistant", "content": previous.text}]
    for history in (as_dicts, [(first, previous.text)]):
        answer = fixture_assistant.ask(follow_up, history=history, as_of="2024-06-01")
        assert not answer.abstained and answer.question != follow_up  # rewritten to stand alone
        assert answer.citations[0].article_id == article_id
        assert expected in answer.text


def test_a_follow_up_about_the_person_a_who_answer_named_finds_that_persons_article(tmp_path, embedder):
    """"Which club named her head coach?" after "Who won the Welsh sculling final?": the first answer's name is
    carried, so the coach report on the winner is found, not the one on another rower."""
    from tests.conftest import assistant_over, usk_report

    assistant = assistant_over(
        tmp_path, embedder,
        usk_report("scull-final", "Welsh sculling final", "2024-05-11",
               "Carys Pritchard won the Welsh sculling final on the Usk on Saturday, beating the holder by two "
               "lengths in the last race of the regatta."),
        usk_report("coach-pritchard", "Pritchard named head coach", "2024-05-14",
               "Carys Pritchard has been named head coach of Monmouth Rowing Club, the club said on Tuesday. "
               "Pritchard will start in September."),
        usk_report("coach-morgan", "Morgan named head coach", "2024-05-13",
               "Rhys Morgan has been named head coach of Abergavenny Rowing Club, the club said on Monday. "
               "Morgan will start in July."),
    )
    who = "Who won the Welsh sculling final?"
    first = assistant.ask(who, as_of="2024-05-20")
    assert first.citations[0].article_id == "scull-final" and "Carys Pritchard" in first.text
    follow = assistant.ask("Which club named her head coach?", history=[(who, first.text)], as_of="2024-05-20")
    assert "Carys Pritchard" in follow.question
    assert not follow.abstained and follow.citations[0].article_id == "coach-pritchard", follow.text
    assert "Monmouth" in follow.text and "Abergavenny" not in follow.text


def test_and_a_name_and_what_someone_said_are_answered_in_the_conversations_story(tmp_path, embedder):
    """"And Abergavenny?" after "Who won the Monmouth council seat?" finds who won the Abergavenny seat; "What did
    Rhian Powell say?" in a conversation about the closed bridge quotes what she said of the bridge, not her newer
    words on the ferry strike."""
    from tests.conftest import assistant_over, usk_report

    assistant = assistant_over(
        tmp_path, embedder,
        usk_report("seat-monmouth", "Pryce wins Monmouth seat", "2024-05-03",
                   "Ann Pryce won the Monmouth council seat on Thursday, beating the sitting councillor by 212 votes. "
                   "Turnout was 41 per cent."),
        usk_report("seat-abergavenny", "Hale takes Abergavenny seat", "2024-05-03",
                   "Tom Hale won the Abergavenny council seat on Thursday, taking it from the Greens by 48 votes. "
                   "Hale is a retired teacher."),
        usk_report("bridge-closed", "Flood closes Usk bridge", "2024-05-10",
                   "The Usk bridge was closed on Friday after the river burst its banks. Mayor Rhian Powell said the "
                   "town would reopen the bridge once engineers had checked its piers."),
        usk_report("ferry-deal", "Usk ferry strike ends", "2024-05-12",
                   "The Usk ferry strike ended on Sunday after crews accepted a new pay offer. Mayor Rhian Powell said "
                   "the deal was fair to the crews and to the town."),
    )
    day = "2024-05-20"
    seat = "Who won the Monmouth council seat?"
    first = assistant.ask(seat, as_of=day)
    assert first.citations[0].article_id == "seat-monmouth" and "Ann Pryce" in first.text
    other = assistant.ask("And Abergavenny?", history=[(seat, first.text)], as_of=day)
    assert other.question == "Who won the Abergavenny council seat?"
    assert not other.abstained and other.citations[0].article_id == "seat-abergavenny" and "Tom Hale" in other.text

    bridge = "Why was the Usk bridge closed?"
    first = assistant.ask(bridge, as_of=day)
    assert first.citations[0].article_id == "bridge-closed"
    said = assistant.ask("What did Rhian Powell say?", history=[(bridge, first.text)], as_of=day)
    assert said.question == "What did Rhian Powell say (Usk bridge closed)?"
    assert not said.abstained and said.citations[0].article_id == "bridge-closed", said.text
    assert "engineers" in said.text and "ferry" not in said.text


@pytest.mark.parametrize(
    "first, follow_up, standalone",
    [
        ("What happened to the Usk ferry on June 10?", "And the day before?",
         "What happened to the Usk ferry on 9 June 2024?"),
        ("How many farms did Storm Elin flood yesterday?", "What about the next day?",
         "How many farms did Storm Elin flood on 12 June 2024?"),
        ("Who won the Usk regatta on June 1?", "And the week after?",
         "Who won the Usk regatta from 2 June 2024 to 8 June 2024?"),
        ("What did the Usk council decide in May?", "And the month before?",
         "What did the Usk council decide from 1 April 2024 to 30 April 2024?"),
    ],
)
def test_the_day_before_is_the_time_of_the_question_before_moved_back(first, follow_up, standalone):
    """"And the day before?", "What about the next day?", "And the week after?" ask the question before of its own
    day, week or month moved back or on, read against the day asked (here Wednesday 12 June 2024); before, "And the
    day before?" was read as "The day before (Usk ferry)?", with no time at all."""
    from rag.dates import parse_time

    day = dt.date(2024, 6, 12)
    assert followup.heuristic(follow_up, [(first, "")], as_of=day) == standalone
    asked = parse_time(standalone, day)
    assert asked.kind == "explicit" and asked.until <= day


def test_the_day_before_is_answered_from_that_days_reports(tmp_path, embedder):
    """In a conversation about the Usk ferry, "And the day before?" after "What happened to the Usk ferry on June 10?"
    is answered from the report of June 9, not again from June 10's."""
    from tests.conftest import assistant_over, usk_report

    assistant = assistant_over(
        tmp_path, embedder,
        usk_report("ferry-9", "Usk ferry crews vote to strike", "2024-06-09",
                   "Usk ferry crews voted on Sunday to strike over pay, the union said. The vote was 41 to 3."),
        usk_report("ferry-10", "Usk ferry stops as crews strike", "2024-06-10",
                   "The Usk ferry stopped running on Monday as crews walked out over pay. Commuters drove around by "
                   "the Caerleon bridge."),
    )
    day = "2024-06-12"
    first_question = "What happened to the Usk ferry on June 10?"
    first = assistant.ask(first_question, as_of=day)
    assert first.citations[0].article_id == "ferry-10", first.text
    before = assistant.ask("And the day before?", history=[(first_question, first.text)], as_of=day)
    assert before.question == "What happened to the Usk ferry on 9 June 2024?"
    assert not before.abstained and before.citations[0].article_id == "ferry-9", before.text
    assert "voted" in before.text
    sunday = assistant.ask("What happened to the Usk ferry on Sunday?", as_of=day)  # (its window: June 9 to 12)
    assert not sunday.abstained and sunday.citations[0].article_id == "ferry-9", sunday.text


def test_tell_me_more_asks_the_question_before_again_for_what_its_answer_did_not_quote(tmp_path, embedder):
    """"Tell me more", "What else?", "Go on" ask the question before again (its time and kind kept), and the answer
    passes over the sentences the answers before quoted; when nothing else is evidence it says there is no more."""
    from rag.answering.extractive import NO_MORE
    from tests.conftest import assistant_over, usk_report

    first = "What happened to the Usk ferry this week?"
    for more in ("Tell me more", "What else?", "go on", "Can you tell me more about it?", "More details please"):
        assert followup.asks_for_more(more), more
        assert followup.heuristic(more, [(first, "x")]) == first
    assert followup.heuristic("Summarize the coverage", [("When did Storm Elin flood the valley farms?", "")]) == (
        "Summarize the coverage (Storm Elin)?")  # (a request's opening verb is no name of its own)
    for other in ("Tell me more about the bridge", "What else did the mayor say?", "More rain?"):
        assert not followup.asks_for_more(other), other
    chain = [(first, "A1"), ("Tell me more", "A2"), ("What else?", "A3")]
    assert followup.already_told("Go on", chain) == ["A3", "A2", "A1"]
    assert followup.already_told("Go on", [("Q0", "A0"), *chain[:1]]) == ["A1"]
    assert followup.already_told("Who runs it?", chain) == []

    assistant = assistant_over(
        tmp_path, embedder,
        usk_report("ferry-strike", "Usk ferry strike", "2024-05-14",
                   "The Usk ferry stopped on Monday when its crews walked out over pay.\n\n"
                   "The Usk ferry crews want a 9 percent rise; the operator offered 2 percent.\n\n"
                   "Commuters on the Usk ferry route now drive 20 miles round by the bridge.\n\n"
                   "The Usk ferry union said the strike on the ferry would last until Friday.\n\n"
                   "The Usk ferry operator said talks with the ferry crews would resume on Thursday."),
    )
    day = "2024-05-16"
    history, quoted = [], set()
    answer = assistant.ask(first, as_of=day)
    for _ in range(6):
        assert not answer.abstained, answer.text
        quotes = {c.quote for c in answer.citations}
        assert not quotes & quoted, answer.text  # nothing quoted before is quoted again
        quoted |= quotes
        history.append((answer.question if not history else "Tell me more", answer.text))
        answer = assistant.ask("Tell me more", history=history, as_of=day)
        assert answer.question == first
        if answer.abstained:
            break
    assert answer.abstained and answer.text == NO_MORE
    assert len(quoted) >= 4  # the five paragraphs' sentences, not the first answer's alone


def test_she_or_he_is_whom_the_archive_calls_so():
    """The pronoun the archive's sentences use after a person's surname tells who "she" or "he" is."""
    texts = [
        "Ann Pryce resigned as mayor of Usk on Monday. She thanked the council.",
        "Pryce said she would stay on the ferry board. Gareth Lloyd said he was sorry to see her go.",
        "Lloyd, who was chosen on Monday, said his first job was the bridge.",
        "Lloyd was born in Usk. He has served on the council for ten years.",
    ]
    assert followup.pronoun_of("Ann Pryce", texts) == "she"
    assert followup.pronoun_of("Gareth Lloyd", texts) == "he"
    assert followup.pronoun_of("Gareth Lloyd", texts[2:3]) == ""  # one mention is not enough to be sure
    assert followup.pronoun_of("Usk", ["The Usk rose overnight."]) == ""
    assert followup.pronoun_asked("When did she step down?") == "she"
    assert followup.pronoun_asked("What did he promise?") == "he"
    assert followup.pronoun_asked("What did he say to her?") == "" and followup.pronoun_asked("When?") == ""
    assert followup.name_runs("Who succeeded Ann Pryce's deputy as mayor of Usk?") == ["Ann Pryce", "Usk"]
    assert followup.name_runs("When did she step down (Ann Pryce)?") == ["Ann Pryce"]


def test_she_after_a_who_answer_naming_a_man_is_the_woman_the_question_named(tmp_path, embedder):
    """"When did she step down?" after "Who succeeded Ann Pryce as mayor of Usk?", answered "Gareth Lloyd": the
    archive calls Lloyd "he", so "she" is Ann Pryce; and "he" a turn later is Lloyd again."""
    from rag.config import Config
    from tests.conftest import build_corpus_index, usk_report

    index = build_corpus_index(tmp_path, embedder=embedder, records={"council.jsonl": [
        usk_report("lloyd-mayor", "Lloyd chosen as mayor", "2024-05-20",
                   "Gareth Lloyd was chosen as mayor of Usk on Monday, succeeding Ann Pryce. Lloyd promised he would "
                   "keep the ferry running all winter. He has served on the town council for ten years."),
        usk_report("pryce-resigns", "Pryce steps down as mayor", "2024-05-13",
                   "Ann Pryce stepped down as mayor of Usk on Monday after eight years in the post. Pryce said she "
                   "was leaving to care for her mother. She thanked the council for its patience."),
        usk_report("pryce-library", "Pryce opens library", "2024-03-02",
                   "Ann Pryce opened the new library on Bridge Street on Saturday. Pryce said she hoped it would "
                   "stay open late in the summer."),
        usk_report("lloyd-bridge", "Lloyd on the bridge", "2024-04-10",
                   "Councillor Gareth Lloyd called for the old bridge to be repaired. Lloyd said he had written to "
                   "the county about it twice."),
    ]})
    assistant = Assistant(Config.load(config_file=tmp_path / "none.toml", index_dir=index))
    who = "Who succeeded Ann Pryce as mayor of Usk?"
    first = assistant.ask(who, as_of="2024-05-25")
    assert first.citations[0].article_id == "lloyd-mayor" and "Gareth Lloyd" in first.text
    history = [(who, first.text)]
    she = assistant.ask("When did she step down?", history=history, as_of="2024-05-25")
    assert "Ann Pryce" in she.question and "Lloyd" not in she.question
    assert not she.abstained and she.citations[0].article_id == "pryce-resigns", she.text
    history.append(("When did she step down?", she.text))
    he = assistant.ask("What did he promise?", history=history, as_of="2024-05-25")
    assert "Gareth Lloyd" in he.question, he.question
    assert not he.abstained and "ferry" in he.text, he.text


def test_stream_takes_history_too(fixture_assistant):
    pieces = list(fixture_assistant.stream("How old is she?", history=[(CHESS_QUESTION, "")], as_of="2024-06-01"))
    assert pieces[-1].citations[0].article_id == "fx-chess"
    assert "".join(pieces[:-1]) == pieces[-1].text


@pytest.mark.parametrize(
    "first, follow_up, article_id",
    [
        (NK_QUESTION, "And what did the South say?", NK_ID),
        (NK_QUESTION, "Why did they do it?", NK_ID),
        (CHESS_QUESTION, "How old is she?", "fx-chess"),
    ],
)
def test_follow_up_condensed_by_the_model_finds_the_article(fixture_config, local_llm, first, follow_up, article_id):
    assistant = Assistant(fixture_config, model=local_llm)
    history = [(first, assistant.ask(first, answerer="extractive", as_of="2024-06-01").text)]
    calls = local_llm.calls
    standalone, how = followup.condense(follow_up, history, local_llm)
    assert local_llm.calls == calls + 1  # the model was asked to rewrite
    print(f"\n{follow_up!r} -> {standalone!r} ({how})")
    assert assistant.retrieve(standalone, as_of="2024-06-01")[0].article_id == article_id
    answer = assistant.ask(follow_up, history=history, as_of="2024-06-01")  # rewritten by the model again
    assert "condensed_by_llm" in answer.timings and not answer.abstained
    assert assistant.retrieve(answer.question, as_of="2024-06-01")[0].article_id == article_id
    assert article_id in {c.article_id for c in answer.citations}


def test_and_a_place_asks_the_count_of_that_place(tmp_path, embedder):
    """"And Wales?" after "How many people died in England from Storm Elin?" asks the count of Wales, not of a
    "Storm Wales"; its answer quotes the Welsh count first, not the English one of the same report."""
    from tests.conftest import assistant_over, usk_report

    assistant = assistant_over(
        tmp_path, embedder,
        usk_report("elin-toll", "Storm Elin death toll rises", "2024-03-09",
                   "Storm Elin's UK death toll rose to at least 12 people on Saturday as rescue crews in England "
                   "searched flooded homes along the Severn.\n\nBefore reaching England, Elin swept across Wales on "
                   "Thursday, killing two people.\n\nOf the 12 people confirmed dead, 10 died in England."),
    )
    first = "How many people died in England from Storm Elin?"
    previous = assistant.ask(first, as_of="2024-03-10")
    assert not previous.abstained
    answer = assistant.ask("And Wales?", history=[(first, previous.text)], as_of="2024-03-10")
    assert answer.question == "How many people died in Wales from Storm Elin?"
    assert not answer.abstained
    assert answer.citations[0].quote.startswith("Before reaching England, Elin swept across Wales"), answer.text
