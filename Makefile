# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CORPUS := .cache/corpus
LLAMA31 := $(CORPUS)/texts/llama-3.1-license-2024.txt

.PHONY: demo test lint corpus bench clean licenses-index golden kb-draft fuzz

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

# Maintainers: the [[flag]] tables the analyser reads from a corpus text, to review an
# entry of licenses/ against (make kb-draft KEY=llama-3.1-license-2024).
kb-draft: $(STAMP) $(CORPUS)/index.json
	$(PY) -m licensecmp.kb_draft $(KEY) --corpus $(CORPUS)

demo: $(STAMP) $(CORPUS)/index.json
	$(VENV)/bin/licensecmp analyze $(LLAMA31)
	$(VENV)/bin/licensecmp compare llama-3.1 apache-2.0
	$(VENV)/bin/licensecmp report llama-3.1 gemma qwen \
	  stability-ai-community bigscience-openrail-m apache-2.0 -o .cache/demo-report.md
	@echo "report: .cache/demo-report.md"

lint: $(STAMP)
	$(VENV)/bin/ruff check licensecmp tests bench
	$(VENV)/bin/ruff format --check licensecmp tests bench
	$(VENV)/bin/mypy

test: $(STAMP) $(CORPUS)/index.json lint
	$(PY) -m pytest

# Regenerate the golden outputs under fixtures/golden after an intended change.
golden: $(STAMP)
	UPDATE_GOLDEN=1 $(PY) -m pytest tests/test_golden.py

bench: $(STAMP) $(CORPUS)/index.json bench-tools
	$(PY) bench/bench.py --corpus $(CORPUS)
	$(PY) bench/adversarial.py --corpus $(CORPUS)
	$(PY) bench/identify_compare.py --corpus $(CORPUS)
	$(PY) bench/identify_threshold.py --corpus $(CORPUS)
	$(PY) bench/verdicts.py --corpus $(CORPUS)
	$(PY) bench/sbom_speed.py --lcmp $(VENV)/bin/licensecmp
	$(PY) bench/policy_speed.py
	for set in eval tuning tuning2 tuning3; do \
	  $(PY) bench/eval_verdicts.py --lcmp $(VENV)/bin/licensecmp --set fixtures/$$set; done
	$(PY) bench/eval_flags.py --set fixtures/eval_flags
	if [ -f ../shared/devset/gold.json ]; then $(PY) bench/eval_flags.py --set ../shared/devset; fi

# Coverage-guided fuzzing of the normaliser and the rules with atheris, for FUZZ_TIME
# seconds (inputs and any crash under .cache/fuzz/).
FUZZ_TIME ?= 300
fuzz: $(CORPUS)/index.json bench-fuzz
	$(FUZZ_VENV)/bin/python bench/fuzz.py -max_total_time=$(FUZZ_TIME)

clean:
	rm -rf $(VENV) .cache .pytest_cache .mypy_cache .ruff_cache

# ScanCode, askalono and licensee, for the identification benchmark (at the end, so that
# a bare `make` does not install them).
include bench/tools.mk
