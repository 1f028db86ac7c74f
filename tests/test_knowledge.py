"""The knowledge base in `licenses/`: every entry loads, and agrees with the analyser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from licensecmp.errors import LicensecmpError
from licensecmp.knowledge import Entry, default_dir, load
from licensecmp.sources import analyze_bytes
from tests.conftest import CORPUS, corpus_text

ENTRIES = load().entries
WITH_TEXT = [e for e in ENTRIES if e.scancode and (CORPUS / "texts" / f"{e.scancode}.txt").exists()]


def test_the_base_loads_and_every_name_is_unique() -> None:
    assert len(ENTRIES) >= 3
    names = [n.lower() for e in ENTRIES for n in e.names]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.id)
def test_entry_is_consistent(entry: Entry) -> None:
    assert entry.path.stem == entry.id
    if entry.kind == "license":
        assert entry.spdx, f"{entry.id}: a license needs an SPDX id or LicenseRef-"
        assert entry.osi_approved == (entry.category == "osi")
    for policy in entry.policies:
        assert load().get(policy) is not None


@pytest.mark.corpus
@pytest.mark.parametrize("entry", WITH_TEXT, ids=lambda e: e.id)
def test_entry_agrees_with_the_analyser_on_its_real_text(entry: Entry) -> None:
    """Where the corpus has the text, the curated flags are exactly what the analyser finds."""
    analysis = analyze_bytes(corpus_text(entry.scancode), entry.scancode)
    found = {f.id: f for f in analysis.flags}
    assert set(found) == set(entry.flag_ids), (
        f"{entry.id}: only in the entry {sorted(entry.flag_ids - set(found))}, "
        f"only in the text {sorted(set(found) - entry.flag_ids)}"
    )
    for known in entry.flags:
        if known.clause:
            assert found[known.id].clause == known.clause, (entry.id, known.id)
        for key, value in known.params.items():
            assert found[known.id].params.get(key) == value, (entry.id, known.id, key)


def _write(tmp: Path, name: str, body: str) -> Path:
    (tmp / f"{name}.toml").write_text(body, encoding="utf-8")
    return tmp


GOOD = 'id = "x-1"\nkind = "license"\nname = "X"\ncategory = "model"\nosi_approved = false\n'


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (GOOD + "colour = 'red'\n", "x-1.toml: colour: unknown key"),
        (GOOD + "[[flag]]\nid = 'no-such-flag'\n", "x-1.toml: flag[0].id: unknown flag id"),
        (GOOD + "spdx = 'Apache-9.9'\n", "x-1.toml: spdx: 'Apache-9.9' is not an SPDX id"),
        (GOOD + "released = 'last year'\n", "x-1.toml: released: must be a date"),
        (GOOD.replace('name = "X"\n', ""), "x-1.toml: name: missing"),
        (GOOD + "[[flag]]\nid = 'user-threshold'\nparams = { speed = 3 }\n", "unknown param"),
        (GOOD + "policies = ['nope']\n", "x-1.toml: policies: 'nope' is not a known policy"),
        (GOOD + "name = 'twice'\n", "x-1.toml: not valid TOML"),
        (GOOD.replace('"x-1"', '"other"'), "x-1.toml: id: must be lower-case and equal"),
    ],
    ids=[
        "unknown-key",
        "unknown-flag",
        "bad-spdx",
        "bad-date",
        "missing-name",
        "unknown-param",
        "unknown-policy",
        "bad-toml",
        "id-not-file-name",
    ],
)
def test_bad_entries_are_errors_naming_file_and_field(
    tmp_path: Path, body: str, message: str
) -> None:
    directory = _write(tmp_path, "x-1", body)
    with pytest.raises(LicensecmpError, match=re.escape(message)):
        load(directory)


def test_missing_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(LicensecmpError, match="not found"):
        load(tmp_path / "nowhere")


def test_lookup_by_any_name_ignores_case() -> None:
    kb = load(default_dir())
    assert kb.get("Apache-2.0") is kb.get("apache-2.0")
    llama = kb.get("llama3.1")
    assert llama is not None and llama.id == "llama-3.1"
    assert kb.get("LicenseRef-scancode-llama-3.1-license-2024") is llama
    assert kb.get("llama-3.1-license-2024") is llama
    assert kb.get("no-such-license") is None
    assert "llama-3.1" in kb.suggest("lama-3.1")
