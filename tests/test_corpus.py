"""The analyser on the real texts of the ScanCode LicenseDB (built by `make corpus`).

No text is copied here: each test reads its text from the corpus at test time.
"""

from __future__ import annotations

from typing import Any

import pytest

from licensecmp.analysis import Analysis
from licensecmp.sources import analyze_bytes
from licensecmp.taxonomy import Kind
from tests.conftest import corpus_index, corpus_text, osi_keys

pytestmark = pytest.mark.corpus


def analyse(key: str) -> Analysis:
    return analyze_bytes(corpus_text(key), key)


def flag(analysis: Analysis, flag_id: str) -> Any:
    found = [f for f in analysis.flags if f.id == flag_id]
    assert found, f"{analysis.source.input}: {flag_id} not found in {sorted(analysis.flag_ids)}"
    return found[0]


def test_corpus_has_the_osi_set() -> None:
    assert sum(1 for row in corpus_index() if row["osi_approved"]) >= 130


@pytest.mark.parametrize("key", osi_keys())
def test_no_restriction_on_osi_approved_text(key: str) -> None:
    analysis = analyse(key)
    restrictions = [
        (f.id, f.clause, f.evidence) for f in analysis.flags if f.kind is Kind.RESTRICTION
    ]
    assert restrictions == [], f"{key} is OSI-approved but got {restrictions}"
    assert analysis.conformant
