"""The maintainer draft of `[[flag]]` tables: valid TOML the knowledge base would accept."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from licensecmp.kb_draft import draft, main
from licensecmp.knowledge import load
from licensecmp.sources import analyze_bytes

TEXT = (
    "ACME WEIGHTS LICENCE\n\n"
    "1. Grant. Acme grants you a licence to copy, modify and distribute the weights.\n\n"
    "2. Scale. If your products have more than 5 million monthly active users, you must "
    "request a separate licence from Acme, which Acme may grant at its discretion.\n\n"
    "3. Law. This licence is governed by the laws of Ruritania.\n"
)


def _draft_of(_tmp: Path) -> str:
    return draft(analyze_bytes(TEXT.encode(), "acme"))


def test_draft_is_valid_toml_with_clauses_and_params(tmp_path: Path) -> None:
    tables = tomllib.loads(_draft_of(tmp_path))["flag"]
    by_id = {t["id"]: t for t in tables}
    assert by_id["distribution"]["clause"] == "1"
    assert by_id["user-threshold"]["clause"] == "2"
    assert by_id["user-threshold"]["params"]["threshold"] == 5_000_000
    assert by_id["governing-law"]["params"] == {"jurisdiction": "Ruritania"}


def test_draft_loads_as_an_entry(tmp_path: Path) -> None:
    head = (
        'id = "acme"\nkind = "license"\nname = "Acme"\ncategory = "model"\nosi_approved = false\n'
    )
    (tmp_path / "acme.toml").write_text(head + "\n" + _draft_of(tmp_path), encoding="utf-8")
    entry = load(tmp_path).entries[0]
    found = analyze_bytes(TEXT.encode(), "acme")
    assert entry.flag_ids == found.flag_ids


def test_missing_key_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["no-such-key", "--corpus", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "no-such-key" in err and err.count("\n") == 1


def test_main_prints_the_draft_of_a_corpus_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "acme.txt").write_text(TEXT, encoding="utf-8")
    assert main(["acme", "--corpus", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out == _draft_of(tmp_path)
    assert "# evidence: " in out
