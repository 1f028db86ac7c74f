# The third-party license identifiers that `bench/identify_compare.py` compares licensecmp
# with. Included from the Makefile; `make bench-tools` installs them once, each where its
# dependencies stay out of the project's .venv, and leaves a stamp file under .cache/bench/.
PYTHON ?= python3
BENCH_DIR := .cache/bench
SCANCODE_VENV := $(BENCH_DIR)/scancode-venv
ASKALONO_VENV := $(BENCH_DIR)/askalono-venv
SCANCODE_STAMP := $(BENCH_DIR)/scancode.stamp
ASKALONO_STAMP := $(BENCH_DIR)/askalono.stamp
LICENSEE_STAMP := $(BENCH_DIR)/licensee.stamp
FUZZ_VENV := $(BENCH_DIR)/fuzz-venv
FUZZ_STAMP := $(BENCH_DIR)/fuzz.stamp

.PHONY: bench-tools bench-fuzz

bench-tools: $(SCANCODE_STAMP) $(ASKALONO_STAMP) $(LICENSEE_STAMP)

bench-fuzz: $(FUZZ_STAMP)

# ScanCode's dependencies are heavy: a venv of its own. pluggy 1.6 and later no longer find
# the hook specifications of its plugincode 32 ("did not find any 'pre_scan' hooks").
$(SCANCODE_STAMP):
	mkdir -p $(BENCH_DIR)
	$(PYTHON) -m venv $(SCANCODE_VENV)
	$(SCANCODE_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(SCANCODE_VENV)/bin/python -m pip install --quiet 'scancode-toolkit-mini==32.5.0' 'pluggy<1.6'
	$(SCANCODE_VENV)/bin/scancode --version
	touch $@

$(ASKALONO_STAMP):
	mkdir -p $(BENCH_DIR)
	$(PYTHON) -m venv $(ASKALONO_VENV)
	$(ASKALONO_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(ASKALONO_VENV)/bin/python -m pip install --quiet pyaskalono
	$(ASKALONO_VENV)/bin/python -c 'import askalono'
	touch $@

# licensee is Debian's ruby-licensee; apt runs only when the command is missing.
$(LICENSEE_STAMP):
	mkdir -p $(BENCH_DIR)
	command -v licensee >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ruby-licensee; }
	licensee version
	touch $@

# atheris, for `make fuzz`: a venv of its own with licensecmp installed in it.
$(FUZZ_STAMP): pyproject.toml
	mkdir -p $(BENCH_DIR)
	$(PYTHON) -m venv $(FUZZ_VENV)
	$(FUZZ_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(FUZZ_VENV)/bin/python -m pip install --quiet atheris
	$(FUZZ_VENV)/bin/python -m pip install --quiet -e .
	$(FUZZ_VENV)/bin/python -c 'import atheris, licensecmp'
	touch $@
