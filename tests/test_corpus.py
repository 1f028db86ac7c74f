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
    # read without identification, the verdict rests on the text alone; identified, it is
    # conformant (tests/test_verdict.py)


@pytest.mark.parametrize("key", osi_keys())
def test_the_detector_finds_nothing_unexplained_in_osi_approved_text(key: str) -> None:
    # the limits these texts lift themselves (grants in tiers in APSL and Sybase, the
    # verbatim path of the IPA Font license) are read with what lifts them
    clauses = {u.clause for u in analyse(key).unexplained}
    assert clauses == set(), f"{key} is OSI-approved but the detector fires on {clauses}"


LLAMA_COMMON = {
    "modification",
    "distribution",
    "include-notice",
    "user-threshold",
    "acceptable-use-policy",
    "litigation-termination",
    "trademark-use",
    "liability",
    "warranty",
    "governing-law",
}

# The full set of flags each text truly has, checked by reading it. A change to the rules
# that adds or loses a flag on these texts must be a deliberate one.
EXPECTED_FLAGS: dict[str, set[str]] = {
    "llama-3.1-license-2024": LLAMA_COMMON | {"attribution-display", "derivative-naming"},
    "llama-3.2-license-2024": LLAMA_COMMON | {"attribution-display", "derivative-naming"},
    "llama-3.3-license-2024": LLAMA_COMMON | {"attribution-display", "derivative-naming"},
    "llama-2-license-2023": LLAMA_COMMON | {"no-model-training"},
    "stability-ai-community-2024": {
        "commercial-use",
        "modification",
        "distribution",
        "include-notice",
        "state-changes",
        "attribution-display",
        "registration-required",
        "revenue-threshold",
        "acceptable-use-policy",
        "no-model-training",
        "terms-may-change",
        "litigation-termination",
        "trademark-use",
        "liability",
        "warranty",
        "governing-law",
    },
    "bigscience-open-rail-m": {
        "commercial-use",
        "modification",
        "distribution",
        "patent-grant",
        "include-notice",
        "state-changes",
        "use-restrictions-passthrough",
        "acceptable-use-policy",
        "remote-restriction",
        "patent-retaliation",
        "trademark-use",
        "liability",
        "warranty",
    },
    "gemma-tou-2024-04-01": {
        "modification",
        "distribution",
        "include-notice",
        "state-changes",
        "use-restrictions-passthrough",
        "acceptable-use-policy",
        "remote-restriction",
        "trademark-use",
        "liability",
        "warranty",
        "governing-law",
    },
    "cc-by-nc-4.0": {
        "modification",
        "distribution",
        "include-notice",
        "state-changes",
        "non-commercial",
        "trademark-use",
        "liability",
        "warranty",
    },
    "moonshot-ai-modified-mit-2025": {
        "commercial-use",
        "modification",
        "distribution",
        "include-notice",
        "attribution-display",
        "liability",
        "warranty",
    },
    "apache-2.0": {
        "commercial-use",
        "modification",
        "distribution",
        "patent-grant",
        "include-notice",
        "state-changes",
        "patent-retaliation",
        "trademark-use",
        "liability",
        "warranty",
    },
    "mit": {
        "commercial-use",
        "modification",
        "distribution",
        "include-notice",
        "liability",
        "warranty",
    },
}


@pytest.mark.parametrize("key", sorted(EXPECTED_FLAGS))
def test_model_license_has_exactly_its_flags(key: str) -> None:
    analysis = analyse(key)
    assert set(analysis.flag_ids) == EXPECTED_FLAGS[key]
    for f in analysis.flags:
        assert analysis.text[f.start : f.end] == f.evidence
        assert f.clause, f"{key}: {f.id} has no clause"


@pytest.mark.parametrize("key", ["llama-3.1-license-2024", "llama-2-license-2023"])
def test_llama_700m_clause_in_section_2(key: str) -> None:
    analysis = analyse(key)
    threshold = flag(analysis, "user-threshold")
    assert threshold.clause == "2"
    assert dict(threshold.params) == {
        "threshold": 700_000_000,
        "metric": "monthly active users",
        "inclusive": False,
        "affiliates": True,
    }
    assert "700 million monthly active users" in threshold.evidence
    assert flag(analysis, "acceptable-use-policy").clause == "1.b.iv"
    assert flag(analysis, "acceptable-use-policy").params["url"].startswith("https://")
    assert flag(analysis, "governing-law").params == {"jurisdiction": "California"}
    assert [(v.criterion, v.flags) for v in analysis.violations] == [
        (5, ("user-threshold",)),
        (
            6,
            ("acceptable-use-policy", "no-model-training")
            if key.startswith("llama-2")
            else ("acceptable-use-policy",),
        ),
    ]


def test_llama_31_display_and_naming_duties() -> None:
    analysis = analyse("llama-3.1-license-2024")
    assert flag(analysis, "attribution-display").params == {"phrase": "Built with Llama"}
    assert flag(analysis, "derivative-naming").params == {"mark": "Llama"}
    assert flag(analysis, "attribution-display").clause == "1.b.i"


def test_llama_2_bans_training_other_models_but_has_no_display_duty() -> None:
    analysis = analyse("llama-2-license-2023")
    assert "no-model-training" in analysis.flag_ids
    assert not analysis.flag_ids & {"attribution-display", "derivative-naming"}


def test_stability_community_revenue_threshold() -> None:
    revenue = flag(analyse("stability-ai-community-2024"), "revenue-threshold")
    assert revenue.params["amount"] == 1_000_000
    assert revenue.params["currency"] == "USD"
    assert revenue.params["period"] == "year"


def test_moonshot_display_duty_above_a_user_count_is_not_a_restriction() -> None:
    analysis = analyse("moonshot-ai-modified-mit-2025")
    display = flag(analysis, "attribution-display")
    assert display.params["threshold"] == 100_000_000
    assert analysis.conformant


def test_bigscience_openrail_use_restrictions_live_in_attachment_a() -> None:
    analysis = analyse("bigscience-open-rail-m")
    assert flag(analysis, "acceptable-use-policy").clause.startswith("Attachment A")


@pytest.mark.parametrize(
    "key", ["llama-3.2-license-2024", "llama-3.3-license-2024", "llama-4-cla-2025"]
)
def test_the_meta_definition_is_not_a_geographic_restriction(key: str) -> None:
    assert "geographic-restriction" not in analyse(key).flag_ids


def test_every_corpus_text_is_analysed_or_refused_cleanly() -> None:
    """No exception other than a clear refusal, on all 2,615 texts; offsets hold."""
    from licensecmp.errors import InputError

    refused = []
    for row in corpus_index():
        key = str(row["key"])
        try:
            analysis = analyse(key)
        except InputError as exc:
            refused.append(key)
            assert "empty" in str(exc)
            continue
        for f in analysis.flags:
            assert analysis.text[f.start : f.end] == f.evidence, (key, f.id)
    assert len(refused) < 40, refused
