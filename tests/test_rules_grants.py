"""Permission rules: commercial use, modification, distribution, patent grant."""

from __future__ import annotations

from pathlib import Path

import pytest

from licensecmp.rules import grants
from licensecmp.rules.base import Hit, Rule, context_of
from licensecmp.text import normalise, to_document

CORPUS = Path(__file__).resolve().parent.parent / ".cache" / "corpus" / "texts"


def evidence(rule: Rule, text: str) -> list[tuple[str, dict[str, object]]]:
    """The evidence text and params of every hit of `rule` on `text`."""
    ctx = context_of(normalise(text))
    hits: list[Hit] = list(rule(ctx))
    return [(ctx.text[h.start : h.end], dict(h.params)) for h in hits]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The author hereby grants you the right to copy this model, run it and sell copies.",
            "sell",
        ),
        (
            "You may put the weights to commercial and non-commercial use alike.",
            "commercial and non-commercial",
        ),
        (
            "Permission to run and copy this package for any purpose is hereby granted.",
            "for any purpose",
        ),
        (
            "Subject to these terms, the Owner grants you a licence to use the dataset for "
            "commercial purposes as well.",
            "commercial purposes",
        ),
        (
            "You may charge a fee for each copy you hand over to others.",
            "charge a fee for each copy",
        ),
    ],
)
def test_commercial_use_fires(text: str, expected: str) -> None:
    assert evidence(grants.commercial_use, text) == [(expected, {})]


@pytest.mark.parametrize(
    "text",
    [
        # a non-commercial limit anywhere in the text rules the grant out
        "The maker grants you a licence to copy and sell prints. This material may be used "
        "for non-commercial purposes only.",
        "You may not sell, rent or lease the model to anyone.",
        "You may use the tool for any purpose other than commercial work.",
        # a heading that only names commercial terms, next to a conditional grant
        "2. Extra Commercial Terms. Above a size you must ask us for a licence, which we "
        "may grant to you at will.",
        # a grant *to* the licensor (feedback) is not a permission for the licensee
        "You hereby grant the Company a licence to use and sell your suggestions.",
    ],
)
def test_commercial_use_does_not_fire(text: str) -> None:
    assert evidence(grants.commercial_use, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We grant you a worldwide licence to copy, adapt and share the corpus.", "adapt"),
        (
            "You may create derivative works of the checkpoint and publish them.",
            "create derivative works",
        ),
        (
            "Copying and use of the program, with or without modification, are permitted.",
            "with or without modification",
        ),
        ("The licensor hereby grants each recipient permission to modify the files.", "modify"),
    ],
)
def test_modification_fires(text: str, expected: str) -> None:
    assert evidence(grants.modification, text) == [(expected, {})]


@pytest.mark.parametrize(
    "text",
    [
        "You may not modify, translate or adapt the weights in any way.",
        "No licence is granted to create derivative works of the model.",
        # not a grant at all: a definition that mentions modification
        "A derivative work means anything that results when someone has modified the model.",
    ],
)
def test_modification_does_not_fire(text: str) -> None:
    assert evidence(grants.modification, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("You may redistribute the archive in unaltered form.", "redistribute"),
        ("Anyone is free to share the images with others.", "share"),
        ("The publisher grants you a licence to copy and sublicense the toolkit.", "sublicense"),
        (
            "Redistribution of the data in any format is permitted if credit is kept.",
            "Redistribution of the data in any format is permitted",
        ),
    ],
)
def test_distribution_fires(text: str, expected: str) -> None:
    assert evidence(grants.distribution, text) == [(expected, {})]


@pytest.mark.parametrize(
    "text",
    [
        "You may use the model on your own machines, but you may not distribute it.",
        "This licence does not grant you the right to share or publish the weights.",
        "If we terminate this agreement, the rights granted to you to distribute copies end.",
    ],
)
def test_distribution_does_not_fire(text: str) -> None:
    assert evidence(grants.distribution, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Each author grants you a royalty-free patent license to make and use the design.",
            "patent license",
        ),
        (
            "The owner hereby grants you a licence under its patent claims to run the software.",
            "under its patent",
        ),
        (
            "Every contributor licenses you to do whatever would otherwise infringe patents "
            "they control, under those patents.",
            "would otherwise infringe patents",
        ),
    ],
)
def test_patent_grant_fires(text: str, expected: str) -> None:
    assert evidence(grants.patent_grant, text) == [(expected, {})]


@pytest.mark.parametrize(
    "text",
    [
        "No patent rights are granted to you by this licence, expressly or by implication.",
        "We grant you a licence under our copyrights (other than patent rights) to copy the work.",
        "Any patent licence granted to you ends on the day you sue a contributor.",
    ],
)
def test_patent_grant_does_not_fire(text: str) -> None:
    assert evidence(grants.patent_grant, text) == []


def test_grant_lead_in_covers_its_list_items() -> None:
    text = (
        "The owner hereby grants you a licence to:\n\na. copy the material; and\n\n"
        "b. remix and share what you derive from it.\n\nThat is all."
    )
    assert evidence(grants.modification, text) == [("remix", {})]
    assert [e for e, _ in evidence(grants.distribution, text)] == ["share"]


GRANT_FLAGS = {"commercial-use", "modification", "distribution", "patent-grant"}

EXPECTED = {
    "apache-2.0": {"commercial-use", "modification", "distribution", "patent-grant"},
    "mit": {"commercial-use", "modification", "distribution"},
    "bsd-new": {"modification", "distribution"},
    "gpl-2.0": {"commercial-use", "modification", "distribution"},
    "gpl-3.0": {"commercial-use", "modification", "distribution", "patent-grant"},
    "unlicense": {"commercial-use", "modification", "distribution"},
    "cc-by-4.0": {"modification", "distribution"},
    "cc-by-nc-4.0": {"modification", "distribution"},
    "llama-3.1-license-2024": {"modification", "distribution"},
    "gemma-tou-2024-04-01": {"modification", "distribution"},
    "bigscience-open-rail-m": {"commercial-use", "modification", "distribution", "patent-grant"},
    "stability-ai-community-2024": {"commercial-use", "modification", "distribution"},
    "stability-ai-nc-2023-12-06": {"modification", "distribution"},
}


@pytest.mark.corpus
@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_real_texts_get_exactly_the_expected_permissions(key: str) -> None:
    path = CORPUS / f"{key}.txt"
    ctx = context_of(to_document(path.read_bytes(), key).text)
    found = {hit.flag for rule in grants.RULES for hit in rule(ctx)}
    assert found & GRANT_FLAGS == EXPECTED[key]


def test_blanket_grant_is_evidence_only_without_a_named_act() -> None:
    blanket = "Permission is hereby granted to deal in the Data without restriction."
    named = "Permission is hereby granted to deal in the Data without restriction, to share it."
    phrase = "deal in the Data without restriction"
    for rule in (grants.commercial_use, grants.modification, grants.distribution):
        assert evidence(rule, blanket) == [(phrase, {})]
    assert evidence(grants.distribution, named) == [("share", {})]
    assert evidence(grants.modification, "You may not deal in the Data without restriction.") == []


def test_a_licensor_that_gives_you_a_license_grants_permissions() -> None:
    from licensecmp.rules.base import context_of
    from licensecmp.rules.grants import RULES as GRANT_RULES

    ctx = context_of("Acme gives You a royalty-free license to run, copy, modify and share it.")
    found = {h.flag for rule in GRANT_RULES for h in rule(ctx)}
    assert {"modification", "distribution"} <= found


def test_patents_named_after_without_limitation_are_granted() -> None:
    from licensecmp.rules.base import context_of
    from licensecmp.rules.grants import patent_grant

    granted = context_of(
        "The provider grants you every right its IP holds in the model, including without "
        "limitation copyright, patent rights and database rights."
    )
    assert [h.flag for h in patent_grant(granted)] == ["patent-grant"]
    withheld = context_of("The provider grants you copyright permissions, excluding patent rights.")
    assert list(patent_grant(withheld)) == []


# --- wordings added with the knowledge-base review -------------------------------------------

NEW_GRANTS: list[tuple[Rule, str, str]] = [
    # a blanket grant of every act copyright covers
    (
        grants.distribution,
        "Each author licenses you to do everything with these weights that would otherwise "
        "infringe the author's copyright.",
        "do everything with these weights that would otherwise infringe",
    ),
    (
        grants.modification,
        "Should the waiver fail, the Owner hereby grants you a licence to exercise all of the "
        "Owner's copyright in the Work.",
        "licence to exercise all of the Owner's copyright",
    ),
    # a granted defined term whose definition lists the acts
    (
        grants.modification,
        '"Exploit" means copying, adapting and passing on the Corpus.\n\n'
        "We grant you a licence to Exploit the Corpus.",
        "adapting",
    ),
    (
        grants.commercial_use,
        "The Maker grants you a licence to use the atlas. These rights expressly include "
        "commercial use.",
        "commercial use",
    ),
    (
        grants.distribution,
        "The rights granted cover, for example:\n\nc. Distribution of the tables to the public.",
        "c. Distribution",
    ),
    (
        grants.modification,
        "The rights granted cover, for example:\n\nb. Creation of derivative maps.",
        "Creation of derivative maps",
    ),
    (
        grants.patent_grant,
        "This licence includes a free, worldwide patent license to make and sell the Tool.",
        "patent license",
    ),
]

NEW_NOT_GRANTED: list[tuple[Rule, str]] = [
    # the blanket bounded in the same sentence
    (
        grants.distribution,
        "The maker licenses you to do everything with the tool that would otherwise infringe its "
        "copyright for any permitted purpose.",
    ),
    (
        grants.commercial_use,
        "The maker licenses you to do everything with the tool that would otherwise infringe its "
        "copyright, but only for personal study.",
    ),
    # a defined act term that no grant hands out
    (
        grants.modification,
        '"Exploit" means copying, adapting and passing on the Corpus.\n\n'
        "We grant you a licence to view the Corpus.",
    ),
    # a defined term that names a thing, not acts
    (
        grants.modification,
        '"Corpus" means the texts and any adapted forms of them.\n\n'
        "We grant you a licence to read the Corpus.",
    ),
    (
        grants.commercial_use,
        "The Maker grants you a licence to use the atlas. The rights granted do not include "
        "commercial use.",
    ),
    (
        grants.commercial_use,
        "You may run the tool for any purpose. Limit your use of the tool for commercial "
        "purposes to a two-week trial.",
    ),
    (
        grants.distribution,
        "Things we dislike:\n\nc. Distribution of the tables to the public.",
    ),
    (grants.patent_grant, "This licence includes no patent license of any kind."),
]


@pytest.mark.parametrize(("rule", "text", "expected"), NEW_GRANTS)
def test_new_grant_wordings_fire(rule: Rule, text: str, expected: str) -> None:
    assert evidence(rule, text)[:1] == [(expected, {})]


@pytest.mark.parametrize(("rule", "text"), NEW_NOT_GRANTED)
def test_new_grant_near_misses_do_not_fire(rule: Rule, text: str) -> None:
    assert evidence(rule, text) == []


# A text in the shape of the GNU licenses: a permission about the license document, a
# preamble that describes the license, then the terms that grant.
PREAMBLED = """\
THE WIDGET PUBLIC LICENSE

Anyone is permitted to copy and distribute verbatim copies of this license document, \
but changing it is not allowed.

Preamble

This licence is meant to keep you free to share and change the widget. We hand you \
this licence, which gives you legal permission to copy, distribute and modify it.

TERMS AND CONDITIONS

0. Scope. These terms cover the widget.

1. You may redistribute exact copies of the widget's source, keeping our notices.

2. You may alter your copy of the widget, and pass on what you change under section 1.
"""


def offsets(rule: Rule, text: str) -> list[tuple[int, str]]:
    """Where each hit of `rule` starts in the normal form, with its evidence."""
    ctx = context_of(normalise(text))
    return [(h.start, ctx.text[h.start : h.end]) for h in rule(ctx)]


def test_permissions_come_from_the_terms_not_the_preamble_or_the_license_document() -> None:
    text = normalise(PREAMBLED)
    assert offsets(grants.distribution, PREAMBLED) == [
        (text.index("redistribute exact"), "redistribute"),
        (text.index("pass on what"), "pass on"),
    ]
    assert offsets(grants.modification, PREAMBLED) == [(text.index("alter your"), "alter")]


def test_a_preamble_is_the_evidence_only_where_the_terms_grant_nothing() -> None:
    without_terms = PREAMBLED[: PREAMBLED.index("1. You may")]
    text = normalise(without_terms)
    assert offsets(grants.modification, without_terms) == [(text.index("modify it"), "modify")]


def test_a_preamble_without_terms_after_it_is_read_as_terms() -> None:
    # no heading or first section ends it: nothing marks it off as a preamble
    text = "Preamble\n\nWe hereby grant you permission to copy and modify the widget.\n"
    assert evidence(grants.modification, text) == [("modify", {})]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # GPL-3 s.5 in other words: passing on a work based on the Program is the permission
        (
            "You may pass on a work based on the Widget in source form, if you also meet "
            "these conditions:",
            "a work based on the Widget",
        ),
    ],
)
def test_modification_through_a_work_based_on_it(text: str, expected: str) -> None:
    assert evidence(grants.modification, text) == [(expected, {})]


@pytest.mark.parametrize(
    "text",
    [
        # lower case: a work based on some program, not the defined term
        "You may pass on a work based on the program of your choice.",
        # narrow permission: handing copies to a contractor for the sole purpose of changes
        "You may convey copies to others for the sole purpose of having them make "
        "modifications exclusively for you.",
    ],
)
def test_no_modification_from_a_loose_or_sole_purpose_wording(text: str) -> None:
    assert evidence(grants.modification, text) == []


def test_a_sole_purpose_permission_in_one_item_does_not_veto_the_next() -> None:
    text = (
        "We grant you a licence to: (a) install the kit solely for the purpose of testing; "
        "(b) distribute the kit inside your own app."
    )
    assert [e for e, _ in evidence(grants.distribution, text)] == ["distribute"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Owner grants to the Licensee royalty-free usage rights to any patents it "
            "holds, as far as needed to use the work.",
            "rights to any patents",
        ),
        (
            "Each contributor licenses you to do everything that would otherwise infringe "
            "patents they can license.",
            "would otherwise infringe patents",
        ),
    ],
)
def test_patent_grant_in_plain_wordings(text: str, expected: str) -> None:
    assert evidence(grants.patent_grant, text) == [(expected, {})]


@pytest.mark.parametrize(
    "text",
    [
        "The Owner grants to the Licensee no rights to any patents.",
        "You may not do anything that would otherwise infringe patents of others.",
    ],
)
def test_patent_grant_plain_near_misses(text: str) -> None:
    assert evidence(grants.patent_grant, text) == []


def test_commercial_use_from_use_for_all_usage() -> None:
    text = (
        "The Owner hereby grants you a licence to use the work in any circumstance and for all "
        "usage."
    )
    assert evidence(grants.commercial_use, text) == [("in any circumstance and for all usage", {})]


def test_all_purposes_of_the_licence_is_no_commercial_grant() -> None:
    text = "You may copy the work for all purposes of this licence listed in section 2."
    assert evidence(grants.commercial_use, text) == []
