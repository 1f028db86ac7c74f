"""Rules for user and revenue thresholds, display duties and derivative naming.

Unit sentences are our own wording; tests marked `corpus` read real license texts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from licensecmp.rules.base import Hit, context_of
from licensecmp.rules.thresholds import (
    RULES,
    attribution_display,
    derivative_naming,
    revenue_threshold,
    user_threshold,
)
from licensecmp.taxonomy import Kind, flag_type
from licensecmp.text import normalise, to_document

CORPUS = Path(__file__).resolve().parent.parent / ".cache" / "corpus"


def _hits(rule: Any, text: str) -> tuple[str, list[Hit]]:
    """The normal form of `text` and the hits of `rule` on it."""
    normal = normalise(text)
    return normal, list(rule(context_of(normal)))


def _first(rule: Any, text: str) -> tuple[str, dict[str, Any]]:
    """Evidence and params of the first hit of `rule` on `text` (there must be one)."""
    normal, hits = _hits(rule, text)
    assert hits, f"{rule.__name__} did not fire on: {text}"
    return normal[hits[0].start : hits[0].end], dict(hits[0].params)


# --- user-threshold ---------------------------------------------------------------------------

USER_FIRES = [
    (
        "If, on the release date, the monthly active users of the services offered by the "
        "Licensee or its affiliates is greater than 250 million monthly active users, you must "
        "request a license from the Company, and you may not exercise these rights until then.",
        "greater than 250 million monthly active users",
        {
            "threshold": 250_000_000,
            "metric": "monthly active users",
            "inclusive": False,
            "affiliates": True,
        },
    ),
    (
        "Should your platform serve 5,000,000 or more daily active users, this license does "
        "not apply to you.",
        "5,000,000 or more daily active users",
        {
            "threshold": 5_000_000,
            "metric": "daily active users",
            "inclusive": True,
            "affiliates": False,
        },
    ),
    (
        "Organisations with at least 2.5M MAU must obtain an enterprise license.",
        "at least 2.5M MAU",
        {
            "threshold": 2_500_000,
            "metric": "monthly active users",
            "inclusive": True,
            "affiliates": False,
        },
    ),
    (
        "Where the number of active users of your products exceeds ten million (10,000,000), "
        "you are not authorized to use the Model without our written permission.",
        "active users of your products exceeds ten million (10,000,000)",
        {
            "threshold": 10_000_000,
            "metric": "active users",
            "inclusive": False,
            "affiliates": False,
        },
    ),
    (
        "Groups that, excluding their affiliates, have in excess of 800.000 end users must "
        "contact the Vendor for a commercial license.",
        "in excess of 800.000 end users",
        {"threshold": 800_000, "metric": "end users", "inclusive": False, "affiliates": False},
    ),
]


@pytest.mark.parametrize(("text", "evidence", "params"), USER_FIRES)
def test_user_threshold_fires(text: str, evidence: str, params: dict[str, Any]) -> None:
    assert _first(user_threshold, text) == (evidence, params)


USER_NEAR_MISSES = [
    # a duty above the line, no loss of rights: that is attribution-display
    "If your service has more than 50 million monthly active users, you must show the words "
    '"Made with Foo" in its interface.',
    # a boast, no consequence
    "The Model has already been used by more than 3 million users worldwide.",
    # the consequence is negated
    "Even with more than 100 million monthly active users you do not need to obtain a "
    "separate license.",
    # an age, not a count
    "Users under 13 are not permitted to use the service.",
]


@pytest.mark.parametrize("text", USER_NEAR_MISSES)
def test_user_threshold_near_misses(text: str) -> None:
    assert _hits(user_threshold, text)[1] == []


# --- revenue-threshold ------------------------------------------------------------------------

REVENUE_FIRES = [
    (
        "If you or your Affiliates earn more than US $2,500,000 in annual revenue, your license "
        "ends automatically and you must buy an enterprise license.",
        "more than US $2,500,000 in annual revenue",
        {
            "amount": 2_500_000,
            "currency": "USD",
            "period": "year",
            "inclusive": False,
            "affiliates": True,
        },
    ),
    (
        "Companies whose yearly turnover is at least EUR 5 million must contact us for a "
        "commercial license.",
        "turnover is at least EUR 5 million",
        {
            "amount": 5_000_000,
            "currency": "EUR",
            "period": "year",
            "inclusive": True,
            "affiliates": False,
        },
    ),
    (
        "This grant is free only for entities with less than 10 million yuan of revenue per "
        "year; above that a paid license is required.",
        "less than 10 million yuan of revenue",
        {
            "amount": 10_000_000,
            "currency": "CNY",
            "period": "year",
            "inclusive": True,
            "affiliates": False,
        },
    ),
    (
        "Where your monthly revenue exceeds £400k, the rights granted here terminate.",
        "monthly revenue exceeds £400k",
        {
            "amount": 400_000,
            "currency": "GBP",
            "period": "month",
            "inclusive": False,
            "affiliates": False,
        },
    ),
]


@pytest.mark.parametrize(("text", "evidence", "params"), REVENUE_FIRES)
def test_revenue_threshold_fires(text: str, evidence: str, params: dict[str, Any]) -> None:
    assert _first(revenue_threshold, text) == (evidence, params)


REVENUE_NEAR_MISSES = [
    "We are a company with more than $500 million in annual revenue.",
    "If your product earns more than 30 million US dollars in monthly revenue, you shall "
    'prominently display "Uses Foo" on its home page.',
    "The licensee shall pay a license fee of USD 10,000 per year.",
    "Even above EUR 1 million of revenue, no separate license is required.",
]


@pytest.mark.parametrize("text", REVENUE_NEAR_MISSES)
def test_revenue_threshold_near_misses(text: str) -> None:
    assert _hits(revenue_threshold, text)[1] == []


# --- attribution-display ----------------------------------------------------------------------

DISPLAY_FIRES = [
    (
        'You shall prominently display "Created with Foo" on a related website or in the '
        "product documentation.",
        'prominently display "Created with Foo"',
        {"phrase": "Created with Foo"},
    ),
    (
        'Any app built on the model must feature the phrase "Foo Inside" on its about screen.',
        'feature the phrase "Foo Inside"',
        {"phrase": "Foo Inside"},
    ),
    (
        "All promotional materials that mention this library must display the following "
        "acknowledgement: This product contains code written by Jane Roe.",
        "display the following acknowledgement: This product contains code written by Jane Roe",
        {"phrase": "This product contains code written by Jane Roe"},
    ),
    (
        "Licensees must conspicuously display the Acme logo on every screen of their user "
        "interface.",
        "conspicuously display the Acme logo",
        {},
    ),
    (
        "If your service has more than 50 million monthly active users or more than 2 million "
        'euros in monthly revenue, you must show "Made with Foo" in its interface.',
        'show "Made with Foo"',
        {
            "phrase": "Made with Foo",
            "threshold": 50_000_000,
            "metric": "monthly active users",
            "amount": 2_000_000,
            "currency": "EUR",
            "period": "month",
        },
    ),
]


@pytest.mark.parametrize(("text", "evidence", "params"), DISPLAY_FIRES)
def test_attribution_display_fires(text: str, evidence: str, params: dict[str, Any]) -> None:
    assert _first(attribution_display, text) == (evidence, params)


DISPLAY_NEAR_MISSES = [
    'You are encouraged, but not obliged, to display "Built with Foo" on your website.',
    'You are invited to mark your products to show they are "Powered by Foo" on your website.',
    'You must include the following attribution notice in a "NOTICE" text file shipped with '
    "the product.",
    'You must include "Foo" at the beginning of the name of any derived model.',
    'Your product must display the following disclaimer: "This software comes without any '
    'warranty".',
    "You must not display our logo on your website.",
    'The software includes a screen that displays the text "Hello" on start-up.',
]


@pytest.mark.parametrize("text", DISPLAY_NEAR_MISSES)
def test_attribution_display_near_misses(text: str) -> None:
    assert _hits(attribution_display, text)[1] == []


# --- derivative-naming ------------------------------------------------------------------------

NAMING_FIRES = [
    (
        'If you release a fine-tuned model, you must include "Foo" at the beginning of its '
        "model name.",
        'must include "Foo" at the beginning of its model name',
        "Foo",
    ),
    (
        'The name of any derivative model shall begin with "Bar-".',
        'name of any derivative model shall begin with "Bar-"',
        "Bar-",
    ),
    (
        "Derived checkpoints must carry the prefix Zed in their names.",
        "must carry the prefix Zed in their names",
        "Zed",
    ),
]


@pytest.mark.parametrize(("text", "evidence", "mark"), NAMING_FIRES)
def test_derivative_naming_fires(text: str, evidence: str, mark: str) -> None:
    assert _first(derivative_naming, text) == (evidence, {"mark": mark})


NAMING_NEAR_MISSES = [
    'You may not use the name "Foo" for any derived model.',
    'You must not include "Foo" in the name of your model.',
    'You may include "Foo" in the name of your model if you wish.',
]


@pytest.mark.parametrize("text", NAMING_NEAR_MISSES)
def test_derivative_naming_near_misses(text: str) -> None:
    assert _hits(derivative_naming, text)[1] == []


def test_rules_cover_the_four_flags_and_their_kinds() -> None:
    text = normalise(
        USER_FIRES[0][0]
        + "\n\n"
        + REVENUE_FIRES[0][0]
        + "\n\n"
        + DISPLAY_FIRES[0][0]
        + "\n\n"
        + NAMING_FIRES[0][0]
    )
    ctx = context_of(text)
    found = {hit.flag for rule in RULES for hit in rule(ctx)}
    assert found == {
        "user-threshold",
        "revenue-threshold",
        "attribution-display",
        "derivative-naming",
    }
    assert flag_type("user-threshold").kind is Kind.RESTRICTION
    assert flag_type("attribution-display").kind is Kind.CONDITION


# --- real texts -------------------------------------------------------------------------------


def _first_hits(key: str) -> tuple[str, dict[str, Hit]]:
    """The normal form of a corpus text and the first hit per flag of these rules."""
    path = CORPUS / "texts" / f"{key}.txt"
    text = to_document(path.read_bytes(), key).text
    ctx = context_of(text)
    first: dict[str, Hit] = {}
    for rule in RULES:
        for hit in rule(ctx):
            if hit.flag not in first or hit.start < first[hit.flag].start:
                first[hit.flag] = hit
    return text, first


LLAMA_USERS = {
    "threshold": 700_000_000,
    "metric": "monthly active users",
    "inclusive": False,
    "affiliates": True,
}


@pytest.mark.corpus
@pytest.mark.parametrize(
    "key",
    [
        "llama-3.1-license-2024",
        "llama-3.2-license-2024",
        "llama-3.3-license-2024",
        "llama-4-cla-2025",
    ],
)
def test_llama_3_and_4(key: str) -> None:
    text, hits = _first_hits(key)
    assert set(hits) == {"user-threshold", "attribution-display", "derivative-naming"}
    users = hits["user-threshold"]
    assert text[users.start : users.end] == "greater than 700 million monthly active users"
    assert dict(users.params) == LLAMA_USERS
    assert dict(hits["attribution-display"].params) == {"phrase": "Built with Llama"}
    assert dict(hits["derivative-naming"].params) == {"mark": "Llama"}


@pytest.mark.corpus
def test_llama_2_has_only_the_user_threshold() -> None:
    _, hits = _first_hits("llama-2-license-2023")
    assert set(hits) == {"user-threshold"}
    assert dict(hits["user-threshold"].params) == LLAMA_USERS


@pytest.mark.corpus
def test_stability_community_revenue_threshold() -> None:
    text, hits = _first_hits("stability-ai-community-2024")
    revenue = hits["revenue-threshold"]
    assert dict(revenue.params) == {
        "amount": 1_000_000,
        "currency": "USD",
        "period": "year",
        "inclusive": False,
        "affiliates": True,
    }
    assert "1,000,000" in text[revenue.start : revenue.end]
    assert dict(hits["attribution-display"].params) == {"phrase": "Powered by Stability AI"}


@pytest.mark.corpus
def test_moonshot_display_duty_is_not_a_threshold() -> None:
    _, hits = _first_hits("moonshot-ai-modified-mit-2025")
    assert set(hits) == {"attribution-display"}
    assert dict(hits["attribution-display"].params) == {
        "phrase": "Kimi K2",
        "threshold": 100_000_000,
        "metric": "monthly active users",
        "amount": 20_000_000,
        "currency": "USD",
        "period": "month",
    }


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("key", "flags"),
    [
        ("qwen-2024", {"user-threshold", "attribution-display"}),
        ("tongyi-qianwen-2023", {"user-threshold"}),
        ("hyperclova-x-seed-2025", {"user-threshold", "attribution-display", "derivative-naming"}),
        ("tencent-hunyuan-3d-2.0-cla", {"user-threshold"}),
        ("bilibili-model-ula-2025-09-09", {"user-threshold", "revenue-threshold"}),
        ("playground-v2-community", {"user-threshold"}),
        ("exaone-ai-model-1.1-nc", {"derivative-naming"}),
        ("nvidia-open-model-2025-04-28", {"attribution-display"}),
        ("gemma-tou-2025-03-24", set()),
        ("deepseek-la-1.0", set()),
        ("falcon-2-11b-1.0", {"attribution-display"}),  # its publication statement
    ],
)
def test_model_licenses(key: str, flags: set[str]) -> None:
    assert set(_first_hits(key)[1]) == flags


@pytest.mark.corpus
def test_no_osi_license_gets_a_threshold() -> None:
    index = json.loads((CORPUS / "index.json").read_text())
    osi = [entry["key"] for entry in index if entry["osi_approved"]]
    assert len(osi) > 100
    flagged = [
        key for key in osi if {"user-threshold", "revenue-threshold"} & set(_first_hits(key)[1])
    ]
    assert flagged == []


def test_display_duty_worded_as_carry_above_an_open_ended_user_count() -> None:
    ctx = context_of(
        normalise(
            "Once a service built on the software counts 2 million monthly active users or "
            'more, its sign-in page must carry the words "Runs on Acme".'
        )
    )
    hits = [h for rule in RULES for h in rule(ctx) if h.flag == "attribution-display"]
    assert [dict(h.params) for h in hits] == [
        {"threshold": 2_000_000, "metric": "monthly active users", "phrase": "Runs on Acme"}
    ]
    assert not [h for rule in RULES for h in rule(ctx) if h.flag == "user-threshold"]


def _display(text: str) -> list[dict[str, Any]]:
    ctx = context_of(normalise(text))
    return [dict(h.params) for rule in RULES for h in rule(ctx) if h.flag == "attribution-display"]


def test_display_phrase_quoted_in_the_paragraph_after_its_lead_sentence() -> None:
    text = (
        "You must state in every press release about a derived model the following words:\n\n"
        '"[model name] was trained from Acme Base weights"\n'
    )
    assert _display(text) == [{"phrase": "[model name] was trained from Acme Base weights"}]


def test_a_notice_file_lead_with_a_quoted_paragraph_is_not_a_display_duty() -> None:
    text = (
        "Each copy must include a notice file holding the following text:\n\n"
        '"Copyright 2026 Acme. Licensed under the Acme License."\n'
    )
    assert _display(text) == []
