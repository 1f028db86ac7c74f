"""Lists read as clauses: each item completes its lead-in (rules/lists.py).

The wordings are our own. Each firing case is a list whose ban lives in the lead-in (or a
heading) and whose purpose lives in the items, so no single sentence shows the clause;
each near miss is a list that limits nothing an open license does not.
"""

from __future__ import annotations

import pytest

from licensecmp.analysis import Analysis
from licensecmp.rules.base import context_of
from licensecmp.rules.lists import composed
from licensecmp.sources import analyze_bytes

GRANT = (
    "Test Weights License\n\n1. You may use, copy, modify and share the weights and "
    "adaptations of them for any lawful purpose, subject to Section 2.\n\n2. Limits.\n"
)
TAIL = "\n\n3. The weights come with no warranty.\n"
ITEMS = "- designing arms;\n- tracking people without their knowledge."


def analyse(body: str) -> Analysis:
    return analyze_bytes((GRANT + body + TAIL).encode(), "LICENSE")


@pytest.mark.parametrize(
    "lead",
    [
        "The weights may not be employed for any of the following:",
        "You agree that neither the weights nor adaptations will be put to these uses:",
        "Prohibited uses:",
        "The following uses are outside this license:",
        "None of the following is permitted:",
        "You will not apply the weights in these areas:",
        "The license does not extend to:",
        "This permission excludes use of the weights for:",
        "The weights and adaptations must not be applied to any of these:",
        "Section 2a. Excluded applications.",
        "## Off-limits",
    ],
)
def test_a_ban_in_the_lead_in_reaches_its_items(lead: str) -> None:
    analysis = analyse(f"{lead}\n{ITEMS}")
    flag = next(f for f in analysis.flags if f.id == "acceptable-use-policy")
    assert "designing arms" in flag.evidence or "tracking people" in flag.evidence
    assert analysis.osd.verdict.value == "not-conformant"


def test_the_evidence_points_at_the_lead_in_and_the_item() -> None:
    analysis = analyse(f"Prohibited uses:\n{ITEMS}")
    flag = next(f for f in analysis.flags if f.id == "acceptable-use-policy")
    assert analysis.text[flag.start : flag.end] == flag.evidence
    assert flag.evidence.startswith("Prohibited uses:") and flag.evidence.endswith("designing arms")


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (
            "You must do one of the following:\n- ship the source with the weights;\n"
            "- offer the source on request.",
            "alternatives: each item is one way to comply",
        ),
        (
            "If you share the weights, you must meet all of the following conditions:\n"
            "(1) The recipient may not remove the copyright notice.\n"
            "(2) You must include a copy of this License.",
            "items that are clauses of their own are read as they stand",
        ),
        (
            "You may not:\n- remove or alter the copyright notices;\n"
            "- use our name to promote your version without our permission.",
            "keeping notices and not using the licensor's name are ordinary limits",
        ),
        (
            "The license does not extend to:\n- our trademarks;\n- any patents.",
            "no trademark or patent rights: limits every open license may have",
        ),
    ],
)
def test_ordinary_lists_stay_open(body: str, why: str) -> None:
    analysis = analyse(body)
    restrictive = [f.id for f in analysis.flags if f.kind.value == "restriction"]
    assert restrictive == [], why
    assert analysis.osd.verdict.value == "conformant", (why, analysis.unexplained)


def test_a_grant_list_is_read_as_a_whole() -> None:
    body = (
        "Grant. We grant you a license to use, share and modify the weights:\n"
        "- for non-commercial and research purposes; and\n"
        "- for commercial purposes, provided you keep the notices."
    )
    ids = {f.id for f in analyse(body).flags}
    assert not ids & {"non-commercial", "research-only"}


def test_a_grant_list_limited_by_purpose_is_found() -> None:
    body = (
        "Grant. We grant you a license to use, share and modify the weights only:\n"
        "- for non-commercial research; and\n- for teaching."
    )
    ids = {f.id for f in analyse(body).flags}
    assert ids & {"non-commercial", "research-only"}


def test_an_unexplained_list_item_is_named_with_its_lead_in() -> None:
    body = "You must not:\n- run the weights on more than two machines at once."
    analysis = analyse(body)
    assert analysis.osd.verdict.value != "conformant"
    texts = [u.text for u in analysis.unexplained]
    assert any("more than two machines" in t for t in texts), texts


def test_items_marked_differently_end_the_list() -> None:
    ctx = context_of("Prohibited uses:\n\n- designing arms;\n\n3. The weights come as they are.")
    lists = composed(ctx)
    assert lists is not None
    assert [s.text for s in lists.ctx.sentences] == ["designing arms is not permitted"]


def test_a_text_without_lists_composes_nothing() -> None:
    assert composed(context_of("You may use the weights.\n\nThey come as they are.")) is None
