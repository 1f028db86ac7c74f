"""Purpose limits and thresholds read through defined terms (rules/definitions.py,
rules/purposes.py, thresholds.defined_thresholds). Every text here is our own wording;
the held-out set `fixtures/eval_flags` measures the same reading on texts written blind
to these rules (`python bench/eval_flags.py`)."""

from __future__ import annotations

import pytest

from licensecmp.analysis import Analysis
from licensecmp.rules.base import context_of
from licensecmp.rules.definitions import definitions
from licensecmp.sources import analyze_bytes


def analyse(text: str) -> Analysis:
    return analyze_bytes(text.encode(), "purposes.txt")


def ids(text: str) -> set[str]:
    return analyse(text).flag_ids


# --- definitions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "term", "body_start"),
    [
        ('"Research Purposes" means study done for no reward.', "Research Purposes", "study"),
        ("1.4 \u201cPermitted Field\u201d shall mean teaching.", "Permitted Field", "teaching"),
        ("**Hobby Use**: any use by one person at home.", "Hobby Use", "any use"),
        ('"Cap": means annual revenue of EUR 3 million.', "Cap", "annual"),
        ("Evaluation Period means ninety days from download.", "Evaluation Period", "ninety"),
        (
            'Licensees whose yearly turnover passes GBP 4 million (the "Ceiling") must pay.',
            "Ceiling",
            "Licensees whose",
        ),
    ],
)
def test_a_definition_is_found_however_it_is_drafted(text: str, term: str, body_start: str) -> None:
    found = definitions(context_of(text))
    assert term in found, sorted(found)
    assert found[term].body.startswith(body_start), found[term].body


@pytest.mark.parametrize(
    "text",
    [
        "License Scope: in return for your promise, we grant you the rights below.",
        "Disclaimer: the weights come with no promise at all.",
        "* Compliance: you follow the law.",
    ],
)
def test_a_heading_with_a_colon_is_not_a_definition(text: str) -> None:
    assert definitions(context_of(text)) == {}


# --- research-only and non-commercial through a defined term -------------------------------

DEFINED_RESEARCH = [
    # the limit and the definition far apart, in either order
    (
        "2. You may exercise the rights in this licence solely for Permitted Research.\n\n"
        "...\n\n"
        '9. "Permitted Research" means scientific study carried out without any commercial aim.'
    ),
    (
        '1. Definitions. "Scholarly Work" shall mean teaching and academic study at a '
        "university.\n\n"
        "4. Use of the Checkpoint is restricted to Scholarly Work."
    ),
    (
        "The Provider grants you a licence to copy and adapt the Dataset for Qualifying "
        'Projects.\n\n"Qualifying Projects": experiments that are not carried out for money.'
    ),
    (
        "You must not use the Weights other than for Lab Evaluation. Lab Evaluation means "
        "testing the Weights in an isolated setting that serves no customer."
    ),
]


@pytest.mark.parametrize("text", DEFINED_RESEARCH)
def test_a_limit_to_a_defined_research_purpose_is_research_only(text: str) -> None:
    analysis = analyse(text)
    flag = next((f for f in analysis.flags if f.id == "research-only"), None)
    assert flag is not None, sorted(analysis.flag_ids)
    assert flag.defined is not None  # the evidence cites the definition too
    assert not analysis.osd.conformant


DEFINED_NON_COMMERCIAL = [
    (
        "You may run the Model only for Personal Projects. \u201cPersonal Projects\u201d means "
        "things an individual makes for private enjoyment and never for payment."
    ),
    (
        "Subject to this licence, Owner hereby grants you the right to use the Voice Pack for "
        'Non-Commercial Purposes.\n\n"Non-Commercial Purposes" means purposes not intended '
        "for or directed toward commercial advantage."
    ),
]


@pytest.mark.parametrize("text", DEFINED_NON_COMMERCIAL)
def test_a_limit_to_a_defined_non_commercial_purpose_is_non_commercial(text: str) -> None:
    assert "non-commercial" in ids(text)


@pytest.mark.parametrize(
    "text",
    [
        "Use of the Weights is restricted to non-profit academic teaching and study.",
        "Any use beyond internal benchmarking and experimentation is prohibited.",
        "The parameters may be used for evaluation purposes only.",
        "We license the files to you for purposes other than commercial or production use.",
    ],
)
def test_a_purpose_limit_in_plain_words_is_research_only(text: str) -> None:
    assert "research-only" in ids(text)


@pytest.mark.parametrize(
    "text",
    [
        "Commercial exploitation of the Model, in any form, is not permitted.",
        "You shall not use the Model or its outputs to obtain commercial advantage.",
        "You agree not to deploy the Model or any derivative of it commercially.",
        "The licence is given for purposes other than commercial ones.",
    ],
)
def test_a_ban_on_commercial_use_in_any_words_is_non_commercial(text: str) -> None:
    assert "non-commercial" in ids(text)


@pytest.mark.parametrize(
    "text",
    [
        # a scope that admits commercial use
        "You may use the Model for research, teaching or commercial purposes.",
        "You may use the Model only for lawful research or commercial purposes.",
        # conditions, other subjects, inclusive lists
        "If you only use the Model for research, you need not register with us.",
        "The Licensor will use your feedback solely for research.",
        "Any purpose is allowed, including but not limited to academic research.",
        "You are solely responsible for your use of the Model in research.",
        "Disputes go exclusively to the courts of Oslo, which have personal jurisdiction.",
        # one of several ways to comply with a duty
        "(This option is allowed only for noncommercial distribution.)",
        # a definition read alone limits nothing
        '"Research" means systematic investigation to establish facts.',
        # internal research and development is business work
        "You may copy the code solely for your internal research and development.",
        # a threshold is its own flag
        "Commercial use by any company whose revenue exceeds the Threshold is not licensed.",
        # time, not purpose
        "The licence runs for as long as you Deploy the Model.",
    ],
)
def test_near_misses_are_not_purpose_limits(text: str) -> None:
    assert not {"research-only", "non-commercial"} & ids(text)


def test_a_defined_purpose_that_admits_business_use_limits_nothing() -> None:
    text = (
        "You may use the Model only for Permitted Uses.\n\n"
        '"Permitted Uses" means research, product development and any commercial use.'
    )
    assert not {"research-only", "non-commercial"} & ids(text)


# --- thresholds defined as terms -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        (
            '"Threshold" means annual revenue of USD 10,000,000 or more.\n\n'
            "3. Your rights for commercial use are conditioned upon You not exceeding the "
            "Threshold.",
            10_000_000,
            "USD",
        ),
        (
            "Organisations with gross turnover of EUR 2 million in a financial year (the "
            '"Revenue Ceiling") are not eligible. Once an organisation goes above the Revenue '
            "Ceiling, its licence ends and it must buy a commercial licence.",
            2_000_000,
            "EUR",
        ),
    ],
)
def test_a_revenue_line_defined_as_a_term_is_a_revenue_threshold(
    text: str, amount: int, currency: str
) -> None:
    analysis = analyse(text)
    flag = next((f for f in analysis.flags if f.id == "revenue-threshold"), None)
    assert flag is not None, sorted(analysis.flag_ids)
    assert flag.params["amount"] == amount
    assert flag.params["currency"] == currency
    assert flag.defined is not None


def test_a_user_line_defined_as_a_term_is_a_user_threshold() -> None:
    text = (
        '"Large Service" means a service with more than 2,000,000 monthly active users.\n\n'
        "If your product becomes a Large Service, the rights granted here end and you must "
        "request a separate licence from us."
    )
    analysis = analyse(text)
    flag = next((f for f in analysis.flags if f.id == "user-threshold"), None)
    assert flag is not None, sorted(analysis.flag_ids)
    assert flag.params["threshold"] == 2_000_000


def test_a_defined_line_that_decides_nothing_is_no_threshold() -> None:
    text = (
        '"Threshold" means annual revenue of USD 10,000,000.\n\n'
        "Companies above the Threshold are thanked in our annual report."
    )
    assert "revenue-threshold" not in ids(text)
