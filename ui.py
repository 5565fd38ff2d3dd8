"""The chat page: a thin Gradio front end over `rag.chat.Assistant` (presentation only).

    python ui.py [--port N] [--host ADDR] [--index-dir DIR] [--chroma-url URL] [--llm SPEC]
                 [--auth USER:PASSWORD | --auth-file FILE | --no-auth]
    newsrag serve ...                                  (the same, through rag/cli.py)

Binds 127.0.0.1 unless --host (or GRADIO_SERVER_NAME) says otherwise; any address other than loopback is
refused without a login (--auth, NEWSRAG_AUTH, --auth-file) unless --no-auth is given. The port comes from
--port, else GRADIO_SERVER_PORT, else 7860. Never shares; serves no files (the index folder is blocked).
With no index yet the page still starts and says so (run `newsrag rebuild`; reload the page once it is
built). Two questions are answered at once and QUEUE_MAX_SIZE more wait; beyond that a question is told
BUSY_MESSAGE at once. A `newsrag ingest` may run meanwhile: the next question after it sees the new articles.

For programs: `gradio_client.Client(url).predict("question", api_name="/chat")` returns the Answer as a
dict (question, text, citations, abstained, mode, as_of, timings, options, notes); optional arguments `sources`
(list of outlets), `since`, `until`, `as_of` (YYYY-MM-DD). A user error (empty question, bad date,
no index) raises gradio_client's AppError with newsrag's one-line message.

Everything that comes from an article (title, outlet, URL, quote, answer text) is untrusted: it is
HTML-escaped before it reaches the page, and only http(s) URLs become links.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import logging
import os
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

if TYPE_CHECKING:  # gradio is imported lazily so that `python ui.py --help` is fast
    import gradio as gr

    from rag.answering import Answer
    from rag.chat import Assistant

log = logging.getLogger("newsrag.ui")

DEFAULT_HOST = "127.0.0.1"
LOOPBACK_NAMES = ("localhost", "ip6-localhost", "ip6-loopback")
DEFAULT_PORT = 7860
CONCURRENCY_LIMIT = 2  # answering is CPU-bound (embedding); more at once only slows each one down
QUEUE_MAX_SIZE = 32  # questions waiting their turn; one more is told the assistant is busy
CONCURRENCY_ID = "newsrag-answer"  # the page's chat and the /chat API share one limit (the Gate)
BUSY_MESSAGE = "The assistant is busy: too many questions at once. Try again in a moment."
AUTH_HOW = (
    "pass --auth USER:PASSWORD, set NEWSRAG_AUTH=USER:PASSWORD or pass --auth-file FILE (lines USER:PASSWORD); "
    "or pass --no-auth to serve it to anyone who can reach it"
)

EXAMPLES = [
    "When did North Korea blow up the liaison office?",
    "Who threatened South Korea over the propaganda leaflets?",
    "What did South Korea's defence ministry say?",
    "Where was the liaison office North Korea blew up? Options: Kaesong; Pyongyang; Seoul",
]

NO_SOURCES_YET = (
    '<div class="newsrag-sources"><h3>Sources</h3>'
    '<p class="muted">Ask a question: the sources of the answer appear here.</p></div>'
)
SEARCHING = '<div class="newsrag-sources"><h3>Sources</h3><p class="muted">Searching the archive…</p></div>'

SOURCES_CSS = """
.newsrag-sources h3 { margin: 0 0 .5em 0; }
.newsrag-sources .muted { opacity: .7; }
.newsrag-sources ol { list-style: none; padding-left: 0; margin: 0; }
.newsrag-sources li { margin: 0 0 1em 0; }
.newsrag-sources .n { font-weight: 600; }
.newsrag-sources blockquote {
  margin: .3em 0 0 1em; padding-left: .6em; border-left: 3px solid #bbb; font-style: italic;
}
.newsrag-sources .also, .newsrag-sources .flag { font-size: .9em; opacity: .8; }
.newsrag-sources .notice { border-left: 3px solid #d9a400; padding-left: .6em; }
"""

_SAFE_URL = re.compile(r"^https?://[^\s\x00-\x1f\x7f]+$", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


# ----------------------------------------------------------------- presentation (pure, testable)


def esc(value: Any) -> str:
    """HTML-escape anything (quotes too), None as ""."""
    return html.escape("" if value is None else str(value), quote=True)


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) URL with a host, else None (javascript:, data:, relative, ...)."""
    url = (url or "").strip()
    if not _SAFE_URL.match(url):
        return None
    host = url.split("://", 1)[1].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    return url if host.rsplit("@", 1)[-1] else None


def text_html(text: str) -> str:
    """Untrusted text for the chat: escaped, line breaks kept."""
    return esc(text).replace("\n", "<br>")


def answer_html(text: str) -> str:
    """An answer's text for the chat: escaped, with each unsupported sentence's mark made to stand out."""
    from rag.answering.verify import UNSUPPORTED_MARK

    mark = esc(UNSUPPORTED_MARK)
    flagged = (
        f'<span class="newsrag-unsupported" title="no source supports this sentence" '
        f'style="color:#b45309;font-weight:600">{mark}</span>'
    )
    return text_html(text).replace(mark, flagged)


def error_html(message: str) -> str:
    return f'<span class="newsrag-error">⚠️ {esc(message)}</span>'


def plain(content: Any) -> str:
    """The text of a chat message as the Chatbot hands it back (str, or a list of content blocks)."""
    if isinstance(content, list):
        content = " ".join(str(part.get("text", "")) if isinstance(part, dict) else str(part) for part in content)
    elif isinstance(content, dict):
        content = content.get("text", "")
    text = str(content or "").replace("<br>", "\n")
    return html.unescape(_TAG.sub("", text))


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def header_html(info: dict | None, problem: str | None = None) -> str:
    """The page header: index size and date range, or what to do when there is no index."""
    title = "<h1>newsrag</h1>"
    if info is None:
        problem = problem or ""
        if not problem or problem.lower().startswith("no index"):
            return (
                f'{title}<p class="newsrag-status">No index yet: run <code>newsrag rebuild</code>, '
                f'then reload this page. <span class="muted">{esc(problem)}</span></p>'
            )
        return f'{title}<p class="newsrag-status">Index problem: {esc(problem)}</p>'
    dates = f"{info.get('date_min') or '?'} to {info.get('date_max') or '?'}"
    articles = plural(int(info.get("articles") or 0), "article")
    summary = f"{articles}, {plural(int(info.get('chunks') or 0), 'passage')}, {dates}"
    return f'{title}<p class="newsrag-status">Cited answers from the news archive: {esc(summary)}</p>'


def citation_html(c) -> str:
    """One source: [n] outlet, date, title (linked when the URL is http/https), "quote"."""
    link = safe_url(c.url)
    title = esc(c.title or "untitled")
    if link:
        title = f'<a href="{esc(link)}" target="_blank" rel="noopener noreferrer nofollow">{title}</a>'
    else:
        title = f'<span class="title">{title}</span>'
    parts = [
        f'<li id="source-{int(c.n)}"><span class="n">[{int(c.n)}]</span> ',
        f'<span class="outlet">{esc(c.source or "unknown outlet")}</span>, ',
        f'<span class="date">{esc(c.published or "undated")}</span>, {title}',
    ]
    if not getattr(c, "supported", True):
        parts.append(' <span class="flag unsupported">⚠ unsupported: this passage does not back the sentence</span>')
    parts.append(f"<blockquote>“{esc(c.quote)}”</blockquote>")
    if c.also_reported_by:
        parts.append(f'<div class="also">Also reported by: {esc(", ".join(map(str, c.also_reported_by)))}</div>')
    parts.append("</li>")
    return "".join(parts)


def sources_html(answer: Answer, asked: str | None = None) -> str:
    """The sources panel for one answer, with the day it was answered as of, and the question as it was read
    when a follow-up was rewritten to stand alone (`asked`: the question as typed)."""
    head = f'<div class="newsrag-sources"><h3>Sources</h3><p class="muted asof">As of {esc(answer.as_of)}'
    head += f" · {esc(answer.mode)}</p>" if answer.mode else "</p>"
    read_as = getattr(answer, "question", None)
    options = getattr(answer, "options", None) or []
    if asked and options:
        from rag.options import split_options

        asked = " ".join(split_options(asked)[0].split())  # the options listed in it are shown on their own
    for note in getattr(answer, "notes", None) or []:
        head += f'<p class="notice timenote">{esc(note)}</p>'
    if asked and read_as and read_as != asked:
        head += f'<p class="muted readas">Read as: {esc(read_as)}</p>'
    if options:
        head += f'<p class="muted options">Options: {" · ".join(esc(o) for o in options)}</p>'
    if not answer.citations:
        note = "No sources: the archive has nothing that answers this." if answer.abstained else "No sources cited."
        return f'{head}<p class="muted">{note}</p></div>'
    return head + "<ol>" + "".join(citation_html(c) for c in answer.citations) + "</ol></div>"


def filters_from(outlets: Any, since: str | None, until: str | None) -> dict | None:
    outlets = [o for o in (outlets or []) if o] if not isinstance(outlets, str) else [outlets]
    since, until = (since or "").strip(), (until or "").strip()
    if not (outlets or since or until):
        return None
    return {"sources": outlets, "since": since or None, "until": until or None}


def index_status(assistant: Assistant) -> tuple[str, list[str]]:
    """(header HTML, outlets) for the page; never raises for a missing or broken index."""
    from rag.errors import NewsragError

    try:
        info = assistant.info()
    except NewsragError as exc:
        return header_html(None, str(exc)), []
    except Exception as exc:  # e.g. a Chroma server that is down: the page should still come up
        log.exception("could not open the index")
        return header_html(None, f"could not open the index ({type(exc).__name__}); see the server log"), []
    return header_html(info), sorted({str(s) for s in info.get("sources") or [] if s})


# ----------------------------------------------------------------------------------- the page


class Gate:
    """How many questions are answered at once (`running`) and how many more may wait (`waiting`).

    The page's chat and the /chat API share one gate. A question beyond running + waiting is turned away at once
    with BUSY_MESSAGE instead of piling up. Thread-safe (Gradio runs handlers in worker threads); a slot taken
    in one thread may be given back in another (a streaming handler resumes in any worker).
    """

    def __init__(self, running: int = CONCURRENCY_LIMIT, waiting: int = QUEUE_MAX_SIZE):
        if running < 1 or waiting < 0:
            raise ValueError("a gate needs running >= 1 and waiting >= 0")
        self.running = running
        self.waiting = waiting
        self.inside = 0  # admitted and not yet finished: running plus waiting
        self.turned_away = 0
        self._count = threading.Lock()
        self._slots = threading.Semaphore(running)

    @property
    def capacity(self) -> int:
        return self.running + self.waiting

    def admit(self) -> bool:
        """Count one more question in, or False when the gate is full (then call nothing else)."""
        with self._count:
            if self.inside >= self.capacity:
                self.turned_away += 1
                return False
            self.inside += 1
            return True

    def leave(self) -> None:
        """The admitted question is finished (answered, failed or abandoned)."""
        with self._count:
            self.inside -= 1

    @contextlib.contextmanager
    def turn(self):
        """Wait for one of the `running` slots, hold it for the block."""
        self._slots.acquire()
        try:
            yield
        finally:
            self._slots.release()

    @contextlib.contextmanager
    def entered(self):
        """admit() + turn() + leave() for a plain call; raises Busy when full."""
        if not self.admit():
            raise Busy(BUSY_MESSAGE)
        try:
            with self.turn():
                yield
        finally:
            self.leave()


class Busy(Exception):
    """Too many questions at once (the Gate is full)."""


def make_respond(assistant: Assistant, gate: Gate | None = None):
    """The page's chat handler: (message, history, outlets, since, until, answerer) -> yields (history, sources, box).

    It yields the history with the user's message first, then the answer's text as it grows (a model's
    tokens as they come), then the final, verified answer with its sources panel. The conversation so far
    goes to the assistant, so a follow-up question is understood. A NewsragError becomes a message in the
    chat; a model server that cannot be reached is reported and the extractive answer is shown instead.
    With a `gate`, a question beyond its capacity gets BUSY_MESSAGE (and its text stays in the box to resend).
    Each call works only on its own arguments: nothing of one conversation is kept for another.
    """
    import gradio as gr

    from rag.answering.llm import LLMUnavailableError
    from rag.chat import question_and_options
    from rag.errors import NewsragError

    def snapshot(history: list) -> list:  # each yield gets its own copy: later pieces must not change earlier ones
        return [dict(m) for m in history]

    def respond(
        message: str, history: list, outlet_choice: list, since: str, until: str, answerer: str | None = None
    ) -> Iterator[tuple]:
        history = list(history or [])
        prior = [{"role": m.get("role"), "content": plain(m.get("content"))} for m in history if isinstance(m, dict)]
        message = message or ""
        if message.strip():
            history.append({"role": "user", "content": text_html(message)})
        try:
            question, options = question_and_options(message, None)  # options: "Options: a; b" or "- a" lines
            filters = filters_from(outlet_choice, since, until)
            if filters:
                from rag.chat import as_filters

                as_filters(filters)  # bad dates fail here, before the (slower) search
        except NewsragError as exc:
            history.append({"role": "assistant", "content": error_html(str(exc))})
            yield snapshot(history), gr.skip(), gr.skip()  # keep the text so it can be fixed
            return
        if gate is not None and not gate.admit():
            history.append({"role": "assistant", "content": error_html(BUSY_MESSAGE)})
            yield snapshot(history), gr.skip(), gr.skip()  # keep the question in the box, to send again
            return
        try:
            yield snapshot(history), SEARCHING, ""
            with gate.turn() if gate is not None else contextlib.nullcontext():
                yield from answer_steps(question, options, history, prior, filters, answerer)
        finally:
            if gate is not None:
                gate.leave()

    def answer_steps(question: str, options: list, history: list, prior: list, filters, answerer) -> Iterator[tuple]:
        start = len(history)
        answer = None
        for attempt in (answerer or None, "extractive"):
            try:
                text = ""
                for piece in assistant.stream(
                    question, history=prior, filters=filters, answerer=attempt, options=options
                ):
                    if isinstance(piece, str):
                        if not text:
                            history.append({"role": "assistant", "content": ""})
                        text += piece
                        history[-1]["content"] = text_html(text)
                        yield snapshot(history), gr.skip(), gr.skip()
                    else:
                        answer = piece
                break
            except LLMUnavailableError as exc:  # say so, then answer with quotes
                del history[start:]  # whatever the model managed to send is not an answer
                history.append(
                    {"role": "assistant", "content": error_html(f"{exc}. Showing the extractive answer instead.")}
                )
                start = len(history)
                yield snapshot(history), SEARCHING, gr.skip()
            except NewsragError as exc:
                history.append({"role": "assistant", "content": error_html(str(exc))})
                yield snapshot(history), NO_SOURCES_YET, gr.skip()
                return
            except Exception as exc:
                log.exception("answering %r failed", question)
                history.append(
                    {
                        "role": "assistant",
                        "content": error_html(f"something went wrong ({type(exc).__name__}); see the server log"),
                    }
                )
                yield snapshot(history), NO_SOURCES_YET, gr.skip()
                return
        if answer is None:
            yield snapshot(history), NO_SOURCES_YET, gr.skip()
            return
        if len(history) == start:
            history.append({"role": "assistant", "content": ""})
        history[-1]["content"] = answer_html(answer.text)
        yield snapshot(history), sources_html(answer, asked=question), gr.skip()

    return respond


def answerer_choice(assistant: Assistant):
    """The "Answer with" selector: the configured model or quotes only; hidden when no model is configured."""
    import gradio as gr

    spec = getattr(assistant, "llm_spec", None)
    if spec is None:
        return gr.Radio(choices=[("Quotes from the articles", "extractive")], value="extractive", visible=False,
                        elem_id="answerer")
    return gr.Radio(
        choices=[(f"Model ({spec.name})", "llm"), ("Quotes from the articles", "extractive")],
        value="llm",
        label="Answer with",
        info="the model writes an answer, checked sentence by sentence against its sources",
        elem_id="answerer",
    )


UPLOAD_TYPES = [".md", ".txt", ".jsonl", ".gz", ".html", ".htm"]


def outcome_text(report, problems=(), notes=()) -> str:
    """One line for the page: "12 added, 2 unchanged, 1 skipped: no text", then what was skipped and why."""
    parts = [f"{report.added} added"] if report is not None else ["0 added"]
    if report is not None and report.updated:
        parts.append(f"{report.updated} updated")
    if report is not None and report.unchanged:
        parts.append(f"{report.unchanged} unchanged")
    if report is not None and report.duplicates:
        parts.append(f"{report.duplicates} duplicates")
    problems = list(problems)
    if problems:
        reasons = sorted({p.message.split(":", 1)[0] for p in problems})
        parts.append(f"{len(problems)} skipped: {'; '.join(reasons)}")
    lines = [", ".join(parts)]
    for problem in problems:
        lines.append(f"- skipped {Path(problem.path).name if '://' not in problem.path else problem.path}: "
                     f"{problem.message}")
    for note in notes:
        lines.append(f"- note {Path(note.path).name if '://' not in note.path else note.path}: {note.message}")
    return "\n".join(lines)


def add_articles(assistant: Assistant, files: Any, urls: str | None) -> Iterator[str]:
    """Ingest uploaded files and pasted URLs (article pages or feeds) into the assistant's index, yielding the
    status as it goes and the outcome last. URLs may reach private addresses only with allow_private_urls."""
    from rag.articles import LoadProblem, load_paths
    from rag.errors import NewsragError
    from rag.feeds import WebResult, load_url
    from rag.indexing import ingest_articles
    from rag.web import Fetcher, is_url

    paths = [str(getattr(f, "name", f)) for f in (files if isinstance(files, list) else [files] if files else [])]
    wanted = (urls or "").split()
    if not paths and not wanted:
        yield "⚠️ Choose a file or paste a URL first."
        return
    got = WebResult()
    if paths:
        yield f"Reading {plural(len(paths), 'file')}…"
        try:
            loaded = load_paths(paths)
        except NewsragError as exc:
            yield f"⚠️ {exc}"
            return
        got.articles += loaded.articles
        got.problems += loaded.problems
        got.notes += loaded.notes
    if wanted:
        with Fetcher.from_config(assistant.config) as fetcher:
            for url in wanted:
                yield f"Fetching {url}…"
                if not is_url(url):
                    got.problems.append(LoadProblem(url, None, "not an http(s) URL"))
                    continue
                try:
                    got.extend(load_url(url, fetcher))
                except NewsragError as exc:
                    got.problems.append(LoadProblem(url, None, getattr(exc, "reason", str(exc))))
    if not got.articles:
        yield outcome_text(None, got.problems, got.notes)
        return
    yield f"Indexing {plural(len(got.articles), 'article')}…"
    try:
        embedder = assistant.embedder()  # the page's loaded model, matching the index
    except NewsragError:  # no index yet: the ingest builds one and loads its own
        embedder = None
    try:
        report = ingest_articles(got.articles, assistant.config, problems=got.problems, progress=False,
                                 embedder=embedder)
    except NewsragError as exc:
        yield f"⚠️ {exc}"
        return
    except Exception as exc:
        log.exception("adding articles failed")
        yield f"⚠️ something went wrong ({type(exc).__name__}); see the server log"
        return
    yield outcome_text(report, report.problems, got.notes)


def add_articles_block(assistant: Assistant):
    """The "Add articles" area: upload files or paste URLs; returns the button's event (to chain a refresh)."""
    import gradio as gr

    with gr.Accordion("Add articles", open=False, elem_id="add-articles"):
        files = gr.File(
            label="Article files (.md, .txt, .jsonl, .html)",
            file_count="multiple",
            file_types=UPLOAD_TYPES,
            elem_id="upload",
        )
        urls = gr.Textbox(
            label="Article page or feed URL",
            placeholder="https://… (one or more, separated by spaces)",
            elem_id="add-url",
            max_lines=3,
        )
        button = gr.Button("Add to the archive", elem_id="add-button")
        status = gr.HTML("", elem_id="add-status", js_on_load=None)

    def run(chosen, typed):  # messages name files, URLs and feed entries: shown as text, never as markup
        for text in add_articles(assistant, chosen, typed):
            yield f'<div class="newsrag-add-status">{text_html(text)}</div>'

    return button.click(run, inputs=[files, urls], outputs=[status], api_visibility="private",
                        concurrency_limit=1, concurrency_id="newsrag-add", show_progress="minimal")


def build_app(assistant: Assistant, *, running: int = CONCURRENCY_LIMIT, waiting: int = QUEUE_MAX_SIZE) -> gr.Blocks:
    """The chat page over `assistant`, queue configured; launch it with `launch()` or `demo.launch(...)`.

    At most `running` questions are answered at once and `waiting` more wait their turn (the page's chat and the
    /chat API together); beyond that a question is told BUSY_MESSAGE at once. The Gate is `demo.gate`.
    """
    import gradio as gr

    from rag.errors import NewsragError

    header_value, outlets = index_status(assistant)
    gate = Gate(running, waiting)
    respond = make_respond(assistant, gate)

    def refresh() -> tuple:
        value, choices = index_status(assistant)
        return value, gr.Dropdown(choices=choices)

    def chat(
        question: str,
        sources: list[str] | None = None,
        since: str = "",
        until: str = "",
        as_of: str = "",
        history: list[list[str]] | None = None,
        answerer: str = "",
    ) -> dict:
        """Answer a question from the news archive with cited sources.

        Returns the Answer as a dict: question (as answered: a follow-up is rewritten to stand alone), text
        (each sentence ends with [n]), citations (n, title, source, published, url, quote, supported, ...),
        abstained, mode, as_of, timings. Optional filters: sources (outlets), since and until (YYYY-MM-DD);
        as_of is the day the question is asked (default today); history is the conversation so far as
        [question, answer] pairs; answerer is "extractive" or "llm" (default: the configured one). A question
        that lists candidate answers ("... Options: Europe; Asia" or one "- Europe" line each) is answered by
        naming the option the sources support; the Answer's `options` lists them.
        """
        try:
            with gate.entered():
                answer = assistant.ask(
                    question,
                    history=[tuple(p) for p in history or [] if isinstance(p, list | tuple) and len(p) == 2],
                    filters=filters_from(sources, since, until),
                    as_of=as_of or None,
                    answerer=answerer or None,
                )
        except (NewsragError, Busy) as exc:
            raise gr.Error(str(exc), print_exception=False) from None
        return answer.to_dict()

    with gr.Blocks(title="newsrag: cited answers from the news archive") as demo:
        header = gr.HTML(header_value, elem_id="header", js_on_load=None)
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=360):
                chatbot = gr.Chatbot(
                    label="Chat",
                    elem_id="chat",
                    height=460,
                    render_markdown=False,  # article text is shown as text, never as Markdown
                    sanitize_html=True,
                    latex_delimiters=[],
                    feedback_options=None,
                    buttons=["copy", "copy_all"],
                    placeholder=(
                        "Ask about the news in the archive. Each answer cites its sources. To choose between "
                        "answers, end the question with: Options: first; second; third"
                    ),
                )
                question_box = gr.Textbox(
                    placeholder="Ask a question, e.g. When did North Korea blow up the liaison office?",
                    show_label=False,
                    elem_id="question",
                    lines=1,
                    max_lines=4,
                    submit_btn="Ask",
                    autofocus=True,
                )
                gr.Examples(
                    examples=[[q] for q in EXAMPLES], inputs=[question_box], label="Examples", cache_examples=False
                )
                answerer_box = answerer_choice(assistant)
                with gr.Accordion("Filters", open=False, elem_id="filters"):
                    outlet_box = gr.Dropdown(
                        choices=outlets,
                        value=[],
                        multiselect=True,
                        label="Outlet",
                        info="only these outlets (none: all)",
                        elem_id="outlet",
                    )
                    with gr.Row():
                        since_box = gr.Textbox(label="Since", placeholder="YYYY-MM-DD", elem_id="since", max_lines=1)
                        until_box = gr.Textbox(label="Until", placeholder="YYYY-MM-DD", elem_id="until", max_lines=1)
            with gr.Column(scale=2, min_width=280):
                sources = gr.HTML(NO_SOURCES_YET, elem_id="sources", js_on_load=None, css_template=SOURCES_CSS)

        question_box.submit(
            respond,
            inputs=[question_box, chatbot, outlet_box, since_box, until_box, answerer_box],
            outputs=[chatbot, sources, question_box],
            api_visibility="private",
            concurrency_limit=None,  # the Gate limits (Gradio's own queue-full notice cannot be worded)
            concurrency_id=CONCURRENCY_ID,
            show_progress="minimal",
            # a question sent while the last answer is still arriving is answered next (Gradio's default,
            # "once", drops it without a word)
            trigger_mode="always_last",
        )
        added = add_articles_block(assistant)
        added.then(refresh, outputs=[header, outlet_box], api_visibility="private", queue=False)
        chatbot.clear(lambda: NO_SOURCES_YET, outputs=[sources], api_visibility="private", queue=False)
        demo.load(refresh, outputs=[header, outlet_box], api_visibility="private", queue=False)
        gr.api(chat, api_name="chat", concurrency_limit=None, concurrency_id=CONCURRENCY_ID)

    demo.queue(max_size=gate.capacity + 16, default_concurrency_limit=CONCURRENCY_LIMIT)  # a backstop
    demo.gate = gate
    return demo


def launch(
    demo: gr.Blocks,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    block: bool = True,
    quiet: bool = False,
    auth: list[tuple[str, str]] | None = None,
    blocked_paths: list[str | Path] = (),
):
    """Serve the page on host:port (127.0.0.1 by default), never shared. Returns what Blocks.launch returns.

    `auth`: (user, password) pairs that may log in (None: no login). `blocked_paths`: folders Gradio must never
    serve a file from (the index); the page itself serves no files.
    """
    gate = getattr(demo, "gate", None)
    # a waiting question holds a worker thread: leave room for the running ones and the page's other calls
    threads = max(40, (gate.capacity + gate.running if gate else 0) + 16)
    return demo.launch(
        server_name=host,
        server_port=port,
        share=False,
        inbrowser=False,
        ssr_mode=False,
        show_error=False,
        mcp_server=False,
        prevent_thread_lock=not block,
        quiet=quiet,
        auth=auth or None,
        max_threads=threads,
        blocked_paths=[str(Path(p).resolve()) for p in blocked_paths] or None,
        allowed_paths=[],
    )


# ------------------------------------------------------------------------------------ command


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ui.py", description="Serve the newsrag chat page (127.0.0.1 by default).")
    parser.add_argument("--port", type=int, help=f"port (default GRADIO_SERVER_PORT, else {DEFAULT_PORT})")
    parser.add_argument(
        "--host",
        help=f"address to bind (default GRADIO_SERVER_NAME, else {DEFAULT_HOST}); any other than loopback needs a "
        "login (--auth, NEWSRAG_AUTH or --auth-file) or --no-auth",
    )
    add_auth_arguments(parser)
    parser.add_argument("--index-dir", type=Path, help="where the index lives (default ./.newsrag; NEWSRAG_INDEX_DIR)")
    parser.add_argument("--chroma-url", help="use a Chroma server, e.g. http://127.0.0.1:8000 (NEWSRAG_CHROMA_URL)")
    parser.add_argument(
        "--llm",
        metavar="SPEC",
        help="answer with a model: llamacpp:PATH.gguf, llamacpp:smollm2 or openai:MODEL@URL; "
        "'extractive' for quotes only (NEWSRAG_LLM; default extractive)",
    )
    return parser


def add_auth_arguments(parser: argparse.ArgumentParser) -> None:
    """--auth, --auth-file, --no-auth (shared with `newsrag serve`)."""
    parser.add_argument(
        "--auth",
        action="append",
        metavar="USER:PASSWORD",
        help="require this login (repeatable; or NEWSRAG_AUTH=USER:PASSWORD[,USER:PASSWORD...]; note that "
        "arguments are visible to other local users, the variable and the file are not)",
    )
    parser.add_argument("--auth-file", type=Path, metavar="FILE", help="logins, one USER:PASSWORD a line")
    parser.add_argument(
        "--no-auth", action="store_true", help="serve on a non-loopback address without a login (anyone may ask)"
    )


def resolve_host(host: str | None, environ: dict | None = None) -> str:
    """--host, else GRADIO_SERVER_NAME, else 127.0.0.1."""
    environ = os.environ if environ is None else environ
    return (host or environ.get("GRADIO_SERVER_NAME") or "").strip() or DEFAULT_HOST


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost: only this machine can connect."""
    import ipaddress

    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def parse_logins(pairs: list[str], where: str) -> list[tuple[str, str]]:
    """USER:PASSWORD strings -> (user, password) pairs; ValueError saying what is wrong and where."""
    logins = []
    for pair in pairs:
        user, sep, password = pair.partition(":")
        if not sep or not user.strip() or not password:
            raise ValueError(f"{where}: expected USER:PASSWORD, got {_masked(pair)!r}")
        logins.append((user.strip(), password))
    return logins


def _masked(pair: str) -> str:
    user, sep, password = pair.partition(":")
    return f"{user}{sep}{'*' * len(password)}" if sep else "*" * len(pair)


def resolve_auth(
    auth: list[str] | None, auth_file: Path | None, environ: dict | None = None
) -> list[tuple[str, str]]:
    """Logins from --auth, NEWSRAG_AUTH and --auth-file together (empty: no login); ValueError for a bad one."""
    environ = os.environ if environ is None else environ
    logins = parse_logins(list(auth or []), "--auth")
    raw = (environ.get("NEWSRAG_AUTH") or "").strip()
    if raw:
        logins += parse_logins([p.strip() for p in raw.split(",") if p.strip()], "NEWSRAG_AUTH")
    if auth_file is not None:
        try:
            text = Path(auth_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"cannot read the auth file {auth_file}: {exc.strerror or exc}") from None
        lines = [line.strip() for line in text.splitlines()]
        pairs = [line for line in lines if line and not line.startswith("#")]
        if not pairs:
            raise ValueError(f"the auth file {auth_file} has no USER:PASSWORD line")
        logins += parse_logins(pairs, str(auth_file))
    return logins


def resolve_port(port: int | None, environ: dict | None = None) -> int:
    """--port, else GRADIO_SERVER_PORT, else 7860; ValueError for something that is not a port."""
    environ = os.environ if environ is None else environ
    if port is None:
        raw = (environ.get("GRADIO_SERVER_PORT") or "").strip()
        if not raw:
            return DEFAULT_PORT
        try:
            port = int(raw)
        except ValueError:
            raise ValueError(f"GRADIO_SERVER_PORT={raw!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise ValueError(f"port {port} is not between 1 and 65535")
    return port


def main(argv: list[str] | None = None) -> int:
    """Serve the page until interrupted; 0 on a clean stop, 1 for an error a user can fix, 2 for bad arguments."""
    args = build_parser().parse_args(argv)
    try:
        port = resolve_port(args.port)
        logins = resolve_auth(args.auth, args.auth_file)
    except ValueError as exc:
        print(f"newsrag: error: {exc}", file=sys.stderr)
        return 2
    host = resolve_host(args.host)
    if logins and args.no_auth:
        print("newsrag: error: --no-auth contradicts the logins given (--auth, NEWSRAG_AUTH, --auth-file)",
              file=sys.stderr)
        return 2
    if not is_loopback(host) and not logins and not args.no_auth:
        print(f"newsrag: error: refusing to serve on {host} without a login: {AUTH_HOW}", file=sys.stderr)
        return 2

    from rag.chat import Assistant
    from rag.config import Config
    from rag.errors import NewsragError

    try:
        assistant = Assistant(Config.load(index_dir=args.index_dir, chroma_url=args.chroma_url, llm=args.llm))
    except NewsragError as exc:
        print(f"newsrag: error: {exc}", file=sys.stderr)
        return 1
    try:
        assistant.info()
        assistant.ask("warm up", as_of="2000-01-01")  # load the model and the index now: the first question is quick
    except NewsragError as exc:
        print(f"newsrag: warning: {exc}; the page will say so until then", file=sys.stderr)
    except Exception as exc:
        print(f"newsrag: warning: could not open the index: {type(exc).__name__}: {exc}", file=sys.stderr)
    if assistant.llm_spec is not None:
        try:  # load the model now, and say at once when its server is down
            assistant.model().check()
        except NewsragError as exc:
            print(f"newsrag: warning: {exc}; the page will fall back to the extractive answer", file=sys.stderr)
    if not is_loopback(host) and not logins:
        print(f"newsrag: warning: serving on {host} with --no-auth: anyone who can reach it can use the page",
              file=sys.stderr)

    demo = build_app(assistant)
    blocked = [assistant.config.index_dir] + ([args.auth_file] if args.auth_file else [])
    try:
        launch(demo, host=host, port=port, block=True, auth=logins or None, blocked_paths=blocked)
    except OSError as exc:
        print(f"newsrag: error: cannot serve on {host}:{port}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    finally:
        demo.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
