"""acceptable-use-policy read by what a clause does (rules/uses.py), in our own wordings:
use rules kept in another instrument, a use forbidden by its purpose, no service to
others. The held-out set `fixtures/eval_flags` measures the same reading on texts
written blind to these rules."""

from __future__ import annotations

import pytest

from licensecmp.sources import analyze_bytes


def ids(text: str) -> frozenset[str]:
    return analyze_bytes(text.encode(), "uses.txt").flag_ids


@pytest.mark.parametrize(
    "text",
    [
        # rules kept elsewhere
        "Your use of the Model is governed by the Responsible Use Rules in Schedule 2.",
        "Schedule A (Prohibited Applications) forms part of this licence.",
        "Licensee shall observe the Content Standards published at https://example.org/cs.",
        "Deployments must follow the Acme Safety Guidelines as revised from time to time.",
        # a use forbidden by its purpose
        "You must not use the Model to provide medical diagnoses or to decide who gets credit.",
        "Do not use the Model in a way that causes harm to others.",
        "The Model must not be used to generate content depicting real people without consent.",
        "You may not use the Model to target or track individuals, or to manipulate elections.",
        "Licensee agrees never to deploy the weights in systems that grade school pupils.",
        # no service to others
        "The Model may run only on your own hardware; it may not be offered as an online service.",
        "You may not make the Model available through an API to anyone outside your company.",
    ],
)
def test_a_limit_on_how_the_material_is_used_is_an_acceptable_use_policy(text: str) -> None:
    assert "acceptable-use-policy" in ids(text)


@pytest.mark.parametrize(
    "text",
    [
        "You must comply with all applicable laws when using the Model.",
        "You may not use the Model for any illegal or fraudulent purpose.",
        "The Model is not designed for use in nuclear facilities and comes with no warranty.",
        "You may host the Model as an online service for anyone.",
        "We encourage you to follow our Community Guidelines.",
        "You will not hold the Licensor responsible for harm caused by outputs.",
        "You may not use the names of the authors to endorse products built with the Model.",
        "You may not use this file except in compliance with the License.",
        "These terms shall not apply to any other combination which includes the Model.",
        "Section headings shall not be used to interpret this licence.",
        "You may not use technical measures to stop recipients from copying what you give them.",
        "If you do not agree to these terms, do not use the Model in any manner.",
        "The Licensor's marks should never be used in the plural form.",
        "You may not use the Model for the restricted uses listed in Attachment A.",
        "The Model should not be used as the sole basis for decisions about people, and we "
        "make no promise about its accuracy.",
        "Outputs must not be relied upon for medical advice.",
    ],
)
def test_law_names_and_ordinary_terms_are_not_a_use_policy(text: str) -> None:
    assert "acceptable-use-policy" not in ids(text)
