# make run:  create .venv, install, build the index from corpus/ if missing, serve the chat page on 127.0.0.1
# make test: the same install plus test tools and Debian's chromium, then pytest
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 7860
INDEX  ?= $(or $(NEWSRAG_INDEX_DIR),.newsrag)

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

.PHONY: run test install install-test chromium index lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# torch first, pinned: 2.13.0 is the CPU build this machine keeps on disk (others pull a multi-GB CUDA build)
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e .
	touch $@

# the test extra includes llama-cpp-python[server] (the LLM tests run SmolLM2 in process and behind its server):
# pip builds it from source when no wheel fits, which needs cmake and a C++ compiler and takes a few minutes
$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing: install Debian's chromium (sudo apt-get install chromium) for the browser tests"; fi; \
	fi

index: install
	@if [ ! -f "$(INDEX)/manifest.json" ]; then $(BIN)/newsrag rebuild --corpus corpus --index-dir "$(INDEX)"; \
	else echo "index found at $(INDEX) (newsrag rebuild to build it again)"; fi

run: index
	$(BIN)/python ui.py --port $(PORT) --index-dir "$(INDEX)"

test: install-test chromium
	$(BIN)/python -m pytest -q

lint: install-test
	$(BIN)/ruff check rag tests ui.py bench scripts

clean:
	rm -rf $(VENV) .newsrag .pytest_cache
