"""Settings: defaults < newsrag.toml < NEWSRAG_* environment < explicit arguments."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from rag.errors import NewsragError

CONFIG_FILE = "newsrag.toml"


@dataclass(frozen=True)
class Config:
    """Everything a run of newsrag can be told.

    `index_dir` holds the manifest, the keyword index and (unless `chroma_url` is set) the Chroma store.
    """

    index_dir: Path = Path(".newsrag")
    corpus_dir: Path = Path("corpus")
    chroma_url: str = ""
    embed_backend: str = "auto"  # "auto" (onnx-int8 where onnxruntime is installed), "torch-fp32", "torch-bf16"
    threads: int = 0  # 0: all cores
    chunk_tokens: int = 256  # the embedder's limit, title line and special tokens included
    overlap_tokens: int = 40
    top_k: int = 10
    retrieval_mode: str = "hybrid"  # "hybrid", "dense" or "keyword"
    use_dates: bool = True  # read the question's time words against as_of
    use_stories: bool = True  # one article per story, other outlets listed
    use_headlines: bool = True  # each article's headline, embedded alone, ranked beside the passages (hybrid)
    llm: str = ""  # "" (extractive), "llamacpp:PATH.gguf", "llamacpp:smollm2", "openai:MODEL@BASE_URL"
    feeds: list = field(default_factory=list)  # RSS/Atom URLs for `newsrag watch`
    allow_private_urls: bool = False  # may URLs typed into the page reach private or loopback addresses?
    fetch_timeout: float = 10.0  # seconds per request when fetching pages and feeds
    fetch_delay: float = 1.0  # seconds between two requests to the same host
    extra: dict = field(default_factory=dict)

    @classmethod
    def load(cls, config_file: Path | None = None, **overrides) -> Config:
        """Build a Config from newsrag.toml (if present), NEWSRAG_* variables, then `overrides` (None ignored)."""
        values: dict = {}
        path = Path(config_file) if config_file else Path(os.environ.get("NEWSRAG_CONFIG", CONFIG_FILE))
        if path.is_file():
            try:
                values.update(tomllib.loads(path.read_text(encoding="utf-8")))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise NewsragError(f"{path}: not valid TOML ({exc}); fix or remove the file") from exc
        names = {f.name for f in dataclasses.fields(cls)}
        for name in names:
            env = os.environ.get(f"NEWSRAG_{name.upper()}")
            if env is not None and env != "":
                values[name] = env
        values.update({k: v for k, v in overrides.items() if v is not None})
        unknown = sorted(set(values) - names)
        extra = {k: values.pop(k) for k in unknown}
        try:
            return cls(**_coerce(cls, values), extra=extra)
        except (TypeError, ValueError) as exc:
            raise NewsragError(f"bad setting: {exc}") from exc


def _coerce(cls, values: dict) -> dict:
    types = {f.name: f.type for f in dataclasses.fields(cls)}
    out = {}
    for name, value in values.items():
        kind = types[name]
        if kind == "Path":
            out[name] = Path(value).expanduser()
        elif kind == "bool":
            out[name] = _boolean(name, value)
        elif kind == "int":
            try:
                out[name] = int(value)
            except (TypeError, ValueError):
                raise ValueError(f"{name} must be a whole number, got {value!r}") from None
        elif kind == "float":
            try:
                out[name] = float(value)
            except (TypeError, ValueError):
                raise ValueError(f"{name} must be a number, got {value!r}") from None
        elif kind == "list":
            out[name] = _string_list(name, value)
        else:
            out[name] = value
    if out.get("retrieval_mode", "hybrid") not in ("hybrid", "dense", "keyword"):
        raise ValueError(f"retrieval_mode must be hybrid, dense or keyword, got {out['retrieval_mode']!r}")
    backends = ("auto", "torch-fp32", "torch-bf16", "onnx-int8")
    if out.get("embed_backend", "auto") not in backends:
        raise ValueError(f"embed_backend must be one of {', '.join(backends)}, got {out['embed_backend']!r}")
    return out


def _string_list(name: str, value) -> list[str]:
    """A list of strings from TOML (a list) or the environment (comma- or whitespace-separated)."""
    if isinstance(value, str):
        return [part for part in value.replace(",", " ").split() if part]
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value if v.strip()]
    raise ValueError(f"{name} must be a list of strings, got {value!r}")


def _boolean(name: str, value) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{name} must be true or false, got {value!r}")
