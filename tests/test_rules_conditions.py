"""Condition rules: notices, changes, source, network use, copyleft, pass-through, registration."""

from __future__ import annotations

from pathlib import Path

import pytest

from licensecmp.rules import conditions, grants
from licensecmp.rules.base import Hit, Rule, context_of
from licensecmp.text import normalise, to_document

CORPUS = Path(__file__).resolve().parent.parent / ".cache" / "corpus" / "texts"


def evidence(rule: Rule, text: str) -> list[tuple[str, dict[str, object]]]:
    """The evidence text and params of every hit of `rule` on `text`."""
    ctx = context_of(normalise(text))
    hits: list[Hit] = list(rule(ctx))
    return [(ctx.text[h.start : h.end], dict(h.params)) for h in hits]


CASES: dict[str, tuple[Rule, list[tuple[str, str]], list[str]]] = {
    "include-notice": (
        conditions.include_notice,
        [
            (
                "Anyone who passes the model on must hand each recipient a copy of this Agreement.",
                "hand each recipient a copy of this Agreement",
            ),
            (
                "Every redistributed copy shall retain the original copyright notices intact.",
                "retain the original copyright notices",
            ),
            (
                "Our copyright notice and this short permission notice must be kept in all "
                "substantial portions.",
                "copyright notice and this short permission notice must be kept",
            ),
            (
                "When you share the data you must:\n\na. keep the attribution notice file; and\n\n"
                "b. say where you got it.",
                "keep the attribution notice",
            ),
        ],
        [
            "You are not required to include a copy of this License with your binaries.",
            "A copy of this Agreement can be found on our website.",
        ],
    ),
    "state-changes": (
        conditions.state_changes,
        [
            (
                "Each edited file must carry a clear notice stating that you altered it.",
                "notice stating that you altered",
            ),
            (
                "You shall indicate in the README whether you have modified the weights.",
                "indicate in the README whether you have modified",
            ),
            (
                "Changed copies shall be plainly marked as such.",
                "Changed copies shall be plainly marked",
            ),
        ],
        [
            "You need not indicate whether you changed the files.",
            "The maintainers will note which releases they have modified.",
        ],
    ),
    "disclose-source": (
        conditions.disclose_source,
        [
            (
                "If you ship binaries, you must also provide the complete source code of them.",
                "provide the complete source code",
            ),
            (
                "Executables are allowed provided that you also offer the Corresponding Source "
                "at no cost.",
                "offer the Corresponding Source",
            ),
            (
                "Any file you change must be made available in Source Code Form to everyone.",
                "must be made available in Source Code Form",
            ),
        ],
        [
            "You have no obligation to publish the source code of your changes.",
            "You must include a copy of these terms with every copy of the source code.",
        ],
    ),
    "network-use-disclose": (
        conditions.network_use_disclose,
        [
            (
                "Your changed version must give all users interacting with it remotely a way to "
                "download its corresponding source.",
                "users interacting with it remotely a way to download its corresponding source",
            ),
            (
                "Whoever offers the program to others as a service must make the complete source "
                "code available to them.",
                "as a service must make the complete source code available",
            ),
            (
                "If people reach the software over a network you shall offer them the source code "
                "of it.",
                "over a network you shall offer them the source code",
            ),
        ],
        [
            "You may host the model as a service for third parties.",
            "Users interacting with it remotely see only its output.",
        ],
    ),
    "same-license": (
        conditions.same_license,
        [
            (
                "You must license any derivative work, as a whole, under this License.",
                "must license any derivative work, as a whole, under this License",
            ),
            (
                "Modified versions of the font shall be distributed only under this license.",
                "shall be distributed only under this license",
            ),
            (
                "The changes you make to a file, including any modifications, are governed by the "
                "terms of this License.",
                "are governed by the terms of this License",
            ),
        ],
        [
            "You may release your own modifications under any terms you like.",
            "Material submitted by you for inclusion shall be under the terms of this License.",
        ],
    ),
    "use-restrictions-passthrough": (
        conditions.use_restrictions_passthrough,
        [
            (
                "You must include the use restrictions of Section 4 as an enforceable provision "
                "in every agreement with your users.",
                "include the use restrictions of Section 4 as an enforceable provision",
            ),
            (
                "You shall oblige your end users to comply with the acceptable use policy.",
                "oblige your end users to comply with the acceptable use policy",
            ),
            (
                "You will give notice to subsequent users that the weights are subject to the "
                "use restrictions.",
                "notice to subsequent users that the weights are subject to the use restrictions",
            ),
        ],
        [
            "You must provide a copy of this Agreement to anyone who gets the model.",
            "Your use must comply with the acceptable use policy.",
        ],
    ),
    "registration-required": (
        conditions.registration_required,
        [
            (
                "Before commercial use you must register with Acme Labs on its website.",
                "must register with Acme Labs on its website",
            ),
            (
                "You shall notify the Licensor of each distribution within thirty days.",
                "shall notify the Licensor of each distribution",
            ),
            (
                "Users are required to provide their contact details to the licensor.",
                "are required to provide their contact details to the licensor",
            ),
        ],
        [
            "You must notify us of any suspected breach of these terms.",
            "The Licensor shall notify Acme of the use of this agreement.",
        ],
    ),
}


@pytest.mark.parametrize(
    ("rule", "text", "expected"),
    [
        pytest.param(rule, text, expected, id=f"{flag}-{i}")
        for flag, (rule, fires, _) in CASES.items()
        for i, (text, expected) in enumerate(fires)
    ],
)
def test_condition_fires(rule: Rule, text: str, expected: str) -> None:
    assert evidence(rule, text)[:1] == [(expected, {})]


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        pytest.param(rule, text, id=f"{flag}-{i}")
        for flag, (rule, _, misses) in CASES.items()
        for i, text in enumerate(misses)
    ],
)
def test_condition_does_not_fire(rule: Rule, text: str) -> None:
    assert evidence(rule, text) == []


def test_external_deployment_needs_a_reciprocal_text() -> None:
    clause = "You must treat any External Deployment of the work as a distribution."
    copyleft = "Derivative works you distribute shall be licensed under this License."
    assert evidence(conditions.network_use_disclose, clause) == []
    assert evidence(conditions.network_use_disclose, f"{copyleft} {clause}") == [
        ("treat any External Deployment of the work as a distribution", {})
    ]


ALL_FLAGS = {
    "commercial-use",
    "modification",
    "distribution",
    "patent-grant",
    "include-notice",
    "state-changes",
    "disclose-source",
    "network-use-disclose",
    "same-license",
    "use-restrictions-passthrough",
    "registration-required",
}
_PERMISSIVE = {"commercial-use", "modification", "distribution"}

# Read off the texts themselves; see the module docstrings of the rules for the readings.
EXPECTED = {
    "apache-2.0": _PERMISSIVE | {"patent-grant", "include-notice", "state-changes"},
    "mit": _PERMISSIVE | {"include-notice"},
    "isc": _PERMISSIVE | {"include-notice"},
    "zlib": _PERMISSIVE | {"include-notice", "state-changes"},
    "boost-1.0": {"modification", "distribution", "include-notice"},
    "gpl-2.0": _PERMISSIVE | {"include-notice", "state-changes", "disclose-source", "same-license"},
    "gpl-3.0": _PERMISSIVE
    | {"patent-grant", "include-notice", "state-changes", "disclose-source", "same-license"},
    "agpl-3.0": _PERMISSIVE
    | {
        "patent-grant",
        "include-notice",
        "state-changes",
        "disclose-source",
        "same-license",
        "network-use-disclose",
    },
    "mpl-2.0": _PERMISSIVE | {"patent-grant", "include-notice", "disclose-source", "same-license"},
    "epl-2.0": _PERMISSIVE | {"patent-grant", "include-notice", "disclose-source", "same-license"},
    "cc-by-4.0": {"modification", "distribution", "include-notice", "state-changes"},
    "cc-by-sa-4.0": {
        "modification",
        "distribution",
        "include-notice",
        "state-changes",
        "same-license",
    },
    "llama-3.1-license-2024": {"modification", "distribution", "include-notice"},
    "gemma-tou-2024-04-01": {
        "modification",
        "distribution",
        "include-notice",
        "state-changes",
        "use-restrictions-passthrough",
    },
    "bigscience-open-rail-m": _PERMISSIVE
    | {"patent-grant", "include-notice", "state-changes", "use-restrictions-passthrough"},
    "stability-ai-community-2024": _PERMISSIVE
    | {"include-notice", "state-changes", "registration-required"},
}


@pytest.mark.corpus
@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_real_texts_get_exactly_the_expected_flags(key: str) -> None:
    path = CORPUS / f"{key}.txt"
    ctx = context_of(to_document(path.read_bytes(), key).text)
    rules = (*grants.RULES, *conditions.RULES)
    found = {hit.flag for rule in rules for hit in rule(ctx)}
    assert found & ALL_FLAGS == EXPECTED[key]


@pytest.mark.corpus
@pytest.mark.parametrize("key", ["mit", "bsd-new", "apache-2.0", "unlicense", "cc-by-4.0"])
def test_permissive_texts_carry_no_copyleft(key: str) -> None:
    path = CORPUS / f"{key}.txt"
    ctx = context_of(to_document(path.read_bytes(), key).text)
    copyleft = (
        conditions.same_license,
        conditions.disclose_source,
        conditions.network_use_disclose,
    )
    assert [hit.flag for rule in copyleft for hit in rule(ctx)] == []


@pytest.mark.parametrize(
    "text",
    [
        "You must make sure that whoever gets a copy of the model from you also gets a copy "
        "of these terms.",
        "You shall see to it that each person who receives the weights receives a copy of "
        "these terms as well.",
    ],
)
def test_everyone_who_gets_a_copy_also_gets_these_terms(text: str) -> None:
    from licensecmp.rules.base import context_of
    from licensecmp.rules.conditions import include_notice

    assert [h.flag for h in include_notice(context_of(text))][:1] == ["include-notice"]


# --- wordings added with the knowledge-base review -------------------------------------------

NEW_FIRES: list[tuple[Rule, str, str]] = [
    (
        conditions.include_notice,
        "Copies may be sold or shared, provided that every copy contains the above copyright "
        "notice.",
        "contains the above copyright notice",
    ),
    (
        conditions.include_notice,
        "When you pass the weights on you must tell the recipient which terms apply, for "
        "example by providing a copy of this license.",
        "providing a copy of this license",
    ),
    (
        conditions.include_notice,
        "You must keep all copyright, patent or trademark notices found in the files.",
        "keep all copyright, patent or trademark notices",
    ),
    (
        conditions.include_notice,
        "4.1. You may pass the corpus on under any terms, so long as:\n"
        "4.1.1. You include with every copy all credit or attribution information you got.",
        "include with every copy all credit or attribution information",
    ),
    (
        conditions.include_notice,
        "A holder may share the set so long as that holder makes available the text of this "
        "agreement next to it.",
        "makes available the text of this agreement",
    ),
    (
        conditions.state_changes,
        "You must make changed files carry notices that you have altered them.",
        "notices that you have altered",
    ),
    (
        conditions.state_changes,
        "Your changed source must carry a notice meant to inform readers that you have "
        "modified the original.",
        "inform readers that you have modified",
    ),
    (
        conditions.disclose_source,
        "You must make sure each person who gets the tool from you also gets this text along "
        "with the corresponding source code.",
        "along with the corresponding source code",
    ),
    (
        conditions.disclose_source,
        "A vendor may ship binaries under its own terms, provided that those terms state that "
        "source code for the tool is available from that vendor.",
        "state that source code for the tool is available",
    ),
    (
        conditions.disclose_source,
        "When sharing copies, the Licensee will provide a complete copy of the source code.",
        "provide a complete copy of the source code",
    ),
    (
        conditions.network_use_disclose,
        "If people use your changed version through a computer network, you must see to it "
        "that they can easily obtain the corresponding source code.",
        "through a computer network, you must see to it that they can easily obtain the "
        "corresponding source code",
    ),
    (
        conditions.same_license,
        "A derived table that you publish must be only under the terms of:\n"
        "i. this licence; or ii. a later version of it.",
        "must be only under the terms of: i. this licence",
    ),
    (
        conditions.use_restrictions_passthrough,
        "You must ensure that every recipient of the weights you share complies with this License.",
        "ensure that every recipient of the weights you share complies with this License",
    ),
]

NEW_MISSES: list[tuple[Rule, str]] = [
    # the licensor's own promise, "for so long as" it distributes, binds no licensee
    (
        conditions.include_notice,
        "The Author keeps a copy online for so long as the Author continues to ship it, and by "
        "publishing its address in a notice following the copyright notice.",
    ),
    # "including" and "provided" are no acts of keeping a notice
    (
        conditions.include_notice,
        "You must show a banner including the name of the tool, provided that a copyright "
        "notice is nowhere implied.",
    ),
    (conditions.state_changes, "You must keep notices that you have read these terms."),
    # a preamble wish that recipients "can get" the source is not a duty to provide it
    (
        conditions.disclose_source,
        "You must make sure that they, too, receive or can get the source code.",
    ),
    (conditions.disclose_source, "The Licensee will not provide the source code to anyone."),
    (
        conditions.network_use_disclose,
        "If people use your version through a computer network, you must see that it runs well.",
    ),
    (conditions.same_license, "A derived table may be offered under the terms of:"),
    (
        conditions.use_restrictions_passthrough,
        "You must ensure that your own use of the weights complies with this License.",
    ),
]


@pytest.mark.parametrize(("rule", "text", "expected"), NEW_FIRES)
def test_new_wordings_fire(rule: Rule, text: str, expected: str) -> None:
    assert evidence(rule, text)[:1] == [(expected, {})]


@pytest.mark.parametrize(("rule", "text"), NEW_MISSES)
def test_new_near_misses_do_not_fire(rule: Rule, text: str) -> None:
    assert evidence(rule, text) == []


def test_a_plain_language_imperative_is_a_duty() -> None:
    text = (
        "Make sure everyone who gets a copy of the kit from you also gets the text of this license."
    )
    assert [e for e, _ in evidence(conditions.include_notice, text)] == [
        "gets a copy of the kit from you also gets the text of this license"
    ]


def test_make_sure_inside_a_sentence_is_no_duty() -> None:
    text = (
        "These terms are designed to make sure that you can give copies away and that you "
        "can get the source code."
    )
    assert evidence(conditions.disclose_source, text) == []
    assert evidence(conditions.include_notice, "We make sure you get a copy of this license.") == []
