# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CORPUS := .cache/corpus
LLAMA31 := $(CORPUS)/texts/llama-3.1-license-2024.txt

.PHONY: demo test lint corpus bench clean licenses-index

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(CORPUS)/index.json: | $(STAMP)
	$(PY) -m licensecmp.corpus build $(CORPUS)

corpus: $(CORPUS)/index.json

# Maintainers: rebuild the committed identification data (hashed n-grams, no text).
licenses-index: $(STAMP) $(CORPUS)/index.json
	$(PY) -m licensecmp.index_build $(CORPUS)

demo: $(STAMP) $(CORPUS)/index.json
	$(VENV)/bin/licensecmp analyze $(LLAMA31)
	$(VENV)/bin/licensecmp compare llama-3.1 apache-2.0

lint: $(STAMP)
	$(VENV)/bin/ruff check licensecmp tests bench
	$(VENV)/bin/ruff format --check licensecmp tests bench
	$(VENV)/bin/mypy

test: $(STAMP) $(CORPUS)/index.json lint
	$(PY) -m pytest

bench: $(STAMP) $(CORPUS)/index.json
	$(PY) bench/bench.py --corpus $(CORPUS)

clean:
	rm -rf $(VENV) .cache .pytest_cache .mypy_cache .ruff_cache
