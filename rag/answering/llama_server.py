"""llama-cpp-python's OpenAI-compatible server, with newsrag's llama.cpp settings (see llm.without_amx_buffers).

    python -m rag.answering.llama_server --model PATH.gguf --host 127.0.0.1 --port 8080   # llama_cpp.server's options

Then `NEWSRAG_LLM=openai:MODEL@http://127.0.0.1:8080/v1`. Needs `pip install 'llama-cpp-python[server]'`.
"""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from llama_cpp.server.__main__ import main as serve
    except ImportError:
        sys.exit("rag.answering.llama_server needs llama-cpp-python's server: pip install 'llama-cpp-python[server]'")
    from rag.answering.llm import without_amx_buffers

    without_amx_buffers()
    serve()


if __name__ == "__main__":
    main()
