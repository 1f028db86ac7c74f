"""Shared fixtures: the reference corpus built by `make corpus`, and a CLI runner."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("LICENSECMP_CORPUS", ROOT / ".cache" / "corpus"))
FIXTURES = ROOT / "fixtures"


def corpus_index() -> list[dict[str, object]]:
    """The corpus index, or a failure that says how to build it (never a silent skip)."""
    index = CORPUS / "index.json"
    if not index.exists():
        pytest.fail(f"the reference corpus is missing ({index}); run `make corpus`", pytrace=False)
    rows: list[dict[str, object]] = json.loads(index.read_text(encoding="utf-8"))
    return rows


def corpus_text(key: str) -> bytes:
    """The raw bytes of one corpus text."""
    path = CORPUS / "texts" / f"{key}.txt"
    if not path.exists():
        pytest.fail(f"corpus text {key} is missing ({path}); run `make corpus`", pytrace=False)
    return path.read_bytes()


def osi_keys() -> list[str]:
    """Keys of the corpus texts whose SPDX id is OSI-approved, read at collection time."""
    index = CORPUS / "index.json"
    if not index.exists():
        return ["<corpus missing: run make corpus>"]
    rows = json.loads(index.read_text(encoding="utf-8"))
    return sorted(str(r["key"]) for r in rows if r["osi_approved"])


@pytest.fixture(autouse=True)
def _no_reference_texts_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts without reference texts, as on a machine that never pulled them:
    the CLI would otherwise read the corpus `make corpus` built in this checkout. A test
    that wants texts names them (LICENSECMP_TEXTS in its env)."""
    if "LICENSECMP_TEXTS" not in os.environ:
        monkeypatch.setenv("LICENSECMP_TEXTS", "/nonexistent/licensecmp-texts")
