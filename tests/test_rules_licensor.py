"""Tests of the licensor-right, limitation and governing-law rules (licensecmp/rules/licensor.py).

Unit cases are sentences written for these tests; corpus cases read real license texts from
`.cache/corpus/texts` at test time.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from licensecmp.rules.base import context_of
from licensecmp.rules.licensor import RULES
from licensecmp.sources import analyze_bytes
from licensecmp.taxonomy import Kind, flag_type
from licensecmp.text import normalise, to_document

CORPUS = Path(__file__).resolve().parent.parent / ".cache" / "corpus"
MY_FLAGS = frozenset(
    {
        "terms-may-change",
        "remote-restriction",
        "guardrail-termination",
        "litigation-termination",
        "patent-retaliation",
        "trademark-use",
        "liability",
        "warranty",
        "governing-law",
    }
)


def first_hits(text: str) -> dict[str, tuple[str, dict[str, Any]]]:
    """Per flag, the evidence and params of its first hit in reading order (as the analyser)."""
    ctx = context_of(text)
    hits = sorted((h for rule in RULES for h in rule(ctx)), key=lambda h: (h.start, h.end))
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    for hit in hits:
        out.setdefault(hit.flag, (ctx.text[hit.start : hit.end], dict(hit.params)))
    return out


def flags_of(text: str) -> set[str]:
    return set(first_hits(text))


# --- unit cases: (text, evidence) that must fire, and texts that must not -----------------

FIRES: dict[str, list[tuple[str, str]]] = {
    "terms-may-change": [
        (
            "Acme may revise these terms at any time by posting a new copy on its site.",
            "Acme may revise these terms",
        ),
        (
            "The Provider reserves the right to amend this Responsible Use Policy whenever "
            "it likes.",
            "Provider reserves the right to amend this Responsible Use Policy",
        ),
        (
            "We can change the usage guidelines without telling you first.",
            "We can change the usage guidelines",
        ),
        (
            "This Conduct Policy may be changed from time to time at our option.",
            "This Conduct Policy may be changed from time to time",
        ),
        (
            '"Rules" means the conduct policy published on our site, as may be amended from time '
            "to time.",
            "policy published on our site, as may be amended from time to time",
        ),
    ],
    "remote-restriction": [
        (
            "The Developer reserves the right to restrict (remotely or otherwise) use of the "
            "weights that break these terms.",
            "restrict (remotely or otherwise) use",
        ),
        (
            "We may disable access to the model via an update if you misuse it.",
            "disable access to the model via an update",
        ),
        (
            "The vendor is entitled to limit usage of the software remotely at its discretion.",
            "limit usage of the software remotely",
        ),
    ],
    "guardrail-termination": [
        (
            "Should you circumvent or switch off any safety filter in the checkpoint, every right "
            "given here terminates at once.",
            "circumvent or switch off any safety filter in the checkpoint, every right given here "
            "terminates",
        ),
        (
            "If the licensee defeats the technical limitations of the model, this licence is "
            "terminated.",
            "defeats the technical limitations of the model, this licence is terminated",
        ),
        (
            "Your permissions terminate automatically if you remove the guardrails we ship with "
            "the weights.",
            "terminate automatically if you remove the guardrails",
        ),
    ],
    "litigation-termination": [
        (
            "If you bring a lawsuit against us claiming that the weights infringe your copyright, "
            "your licence terminates on the day it is filed.",
            "bring a lawsuit against us claiming that the weights infringe your copyright, your "
            "licence terminates",
        ),
        (
            "Should the Licensee commence proceedings alleging that the Model violates its "
            "intellectual property, then all rights granted here shall terminate.",
            "commence proceedings alleging that the Model violates its intellectual property, then "
            "all rights granted here shall terminate",
        ),
        (
            "Your rights terminate if you sue any contributor for infringement of a trademark or "
            "patent relating to the dataset.",
            "terminate if you sue any contributor for infringement of a trademark",
        ),
    ],
    "patent-retaliation": [
        (
            "If you file a patent infringement suit against anyone over this program, the patent "
            "rights we gave you terminate.",
            "file a patent infringement suit against anyone over this program, the patent "
            "rights we gave you terminate",
        ),
        (
            "Should a recipient institute litigation asserting that the code infringes a patent, "
            "its patent grant ends automatically.",
            "institute litigation asserting that the code infringes a patent, its patent grant "
            "ends automatically",
        ),
        (
            "Your licence terminates on the date you commence an action claiming that the Work "
            "infringes a patent.",
            "terminates on the date you commence an action claiming that the Work infringes "
            "a patent",
        ),
    ],
    "trademark-use": [
        (
            "No trademark rights of any kind are conveyed to you by this document.",
            "No trademark rights",
        ),
        (
            "This licence does not give you permission to use the logos of the publisher.",
            "not give you permission to use the logos",
        ),
        (
            "Nothing herein grants a licence to the service marks of the project.",
            "Nothing herein grants a licence to the service marks",
        ),
        (
            "You may not use the trade names of the maintainers to sell your product.",
            "may not use the trade names",
        ),
    ],
    "liability": [
        (
            "In no case will the publisher be liable for lost data.",
            "In no case will the publisher be liable",
        ),
        ("The authors shall not be held liable for anything the model says.", "not be held liable"),
        (
            "The data owner assumes no liability of any kind for your use of the set.",
            "assumes no liability",
        ),
        (
            "Under no circumstances shall Acme, Inc. be liable to you for damages.",
            "Under no circumstances shall Acme, Inc. be liable",
        ),
    ],
    "warranty": [
        ('The checkpoint is supplied "as is", with all its faults.', '"as is"'),
        ("The dataset comes without any warranty whatsoever.", "without any warranty"),
        (
            "The maintainers make no representations or warranties about the weights.",
            "make no representations or warranties",
        ),
        (
            "All implied warranties of fitness are hereby disclaimed by the author.",
            "warranties of fitness are hereby disclaimed",
        ),
    ],
}

GOVERNING_LAW: list[tuple[str, str, str]] = [
    (
        "This agreement is governed by the laws of the State of Texas, ignoring conflict rules.",
        "governed by the laws of the State of Texas",
        "Texas",
    ),
    (
        "These terms are construed under the laws of England and Wales.",
        "construed under the laws of England and Wales",
        "England and Wales",
    ),
    ("The licence is governed by German law.", "governed by German law", "Germany"),
    (
        "This license shall be governed by the laws of the Republic of Singapore and nothing else.",
        "governed by the laws of the Republic of Singapore",
        "Republic of Singapore",
    ),
    (
        "Disputes are governed by the laws of the State of New York and the courts there.",
        "governed by the laws of the State of New York",
        "the State of New York",
    ),
    (
        "The laws of the People's Republic of China shall govern this licence.",
        "laws of the People's Republic of China shall govern",
        "People's Republic of China",
    ),
    (
        "THIS LICENSE IS GOVERNED BY THE LAWS OF THE STATE OF OREGON WITHOUT REGARD TO CONFLICTS.",
        "GOVERNED BY THE LAWS OF THE STATE OF OREGON",
        "Oregon",
    ),
    # only a venue: the courts chosen give the place
    (
        "The courts of Zurich, Switzerland shall have exclusive jurisdiction over any dispute.",
        "courts of Zurich, Switzerland shall have exclusive jurisdiction",
        "Zurich",
    ),
]

MISSES: dict[str, list[str]] = {
    "terms-may-change": [
        # a steward's new versions that the licensee may decline
        "The Foundation may publish revised versions of this License from time to time. You may "
        "keep using the version you received or any later version.",
        "No one other than the license steward has the right to modify this License.",
        "You may modify the terms of your own additions to the program.",
        "This Agreement may be amended only in a writing signed by both parties.",
        "The Acceptable Use Policy at the address above is part of this Agreement.",
        "The Publisher may update the model weights from time to time.",
    ],
    "remote-restriction": [
        "You may host the model for remote access by your customers.",
        "We may update the model from time to time to improve it.",
        "Distribution includes making the model available by electronic or other remote means.",
    ],
    "guardrail-termination": [
        "You must not circumvent any safety guardrail of the model.",
        "This licence terminates automatically if you break any of its terms.",
        "Removing the safety filters of the model is at your own risk.",
    ],
    "litigation-termination": [
        # a trigger limited to patents is patent-retaliation
        "If you institute patent litigation alleging that the Work infringes a patent, any patent "
        "licenses granted to you shall terminate.",
        "The licensor may terminate this agreement if you breach it.",
        "You are responsible for any claims of infringement that arise from your outputs.",
    ],
    "patent-retaliation": [
        "If you sue us claiming the model infringes your copyright, your licence terminates.",
        "Each contributor grants you a patent license to make and sell the work.",
        "You may not initiate a claim of any kind without first notifying the licensor.",
    ],
    "trademark-use": [
        # an endorsement ban on names, not on trademarks (see the comment in licensor.py)
        "Neither the name of the project nor the names of its contributors may be used to "
        "endorse products derived from it.",
        "You must retain all copyright, patent, trademark, and attribution notices.",
        "The names and trademarks belong to their owners.",
    ],
    "liability": [
        "You shall be liable for any damage your deployment causes.",
        "Product liability rules may apply in some countries.",
        "You may offer liability obligations to your customers for a fee.",
    ],
    "warranty": [
        "You represent and warrant that you are old enough to accept this agreement.",
        "You may choose to offer warranty protection in exchange for a fee.",
        "Use the model such as is customary in your field.",
    ],
    "governing-law": [
        "Your use must comply with applicable law.",
        "To the extent permitted by law, the licensor disclaims all warranties.",
        "This Agreement is governed by the laws of the jurisdiction where you live.",
        "You must follow the laws of your country when you use the model.",
    ],
}


@pytest.mark.parametrize(
    ("flag", "text", "evidence"),
    [(flag, text, evidence) for flag, cases in FIRES.items() for text, evidence in cases],
)
def test_fires_with_evidence(flag: str, text: str, evidence: str) -> None:
    hits = first_hits(normalise(text))
    assert flag in hits, f"{flag} not found in {text!r}"
    assert hits[flag][0] == evidence
    assert hits[flag][1] == {}


@pytest.mark.parametrize(("text", "evidence", "jurisdiction"), GOVERNING_LAW)
def test_governing_law_names_the_place(text: str, evidence: str, jurisdiction: str) -> None:
    hits = first_hits(normalise(text))
    assert hits["governing-law"] == (evidence, {"jurisdiction": jurisdiction})


@pytest.mark.parametrize(
    ("flag", "text"), [(flag, text) for flag, texts in MISSES.items() for text in texts]
)
def test_near_miss_does_not_fire(flag: str, text: str) -> None:
    assert flag not in flags_of(normalise(text))


def test_claim_class_comes_from_the_trigger_not_the_consequence() -> None:
    text = normalise(
        "If you bring patent litigation alleging that the Model infringes a patent, then all "
        "licenses of intellectual property granted here terminate."
    )
    assert flags_of(text) & {"patent-retaliation", "litigation-termination"} == {
        "patent-retaliation"
    }


def test_termination_before_the_trigger_is_found() -> None:
    hits = first_hits(
        normalise(
            "This License terminates automatically as of the date You commence an action against "
            "the Licensor alleging that the Work infringes a copyright."
        )
    )
    assert hits["litigation-termination"][0].startswith("terminates automatically")
    assert hits["litigation-termination"][0].endswith("infringes a copyright")


def test_heading_is_evidence_only_without_an_operative_sentence() -> None:
    boxed = normalise("* 7. Limitation of Liability *\n\n* the parties agree as follows *")
    assert first_hits(boxed)["liability"][0] == "Limitation of Liability"
    full = normalise("Limitation of Liability\n\nThe author shall not be liable for anything.")
    assert first_hits(full)["liability"][0] == "not be liable"


def test_rules_only_raise_their_own_flags_and_no_restriction() -> None:
    text = normalise(" ".join(t for cases in FIRES.values() for t, _ in cases))
    found = flags_of(text)
    assert found == MY_FLAGS - {"governing-law"}
    assert all(flag_type(f).kind is not Kind.RESTRICTION for f in found)


# --- corpus: real texts -------------------------------------------------------------------


def corpus_flags(key: str) -> dict[str, tuple[str, dict[str, Any]]]:
    path = CORPUS / "texts" / f"{key}.txt"
    if not path.exists():
        pytest.fail(f"{path} missing: build the corpus with `make corpus`")
    return first_hits(to_document(path.read_bytes(), key).text)


_LLAMA = {"litigation-termination", "trademark-use", "warranty", "liability", "governing-law"}
EXPECTED: dict[str, tuple[set[str], str | None]] = {
    "llama-2-license-2023": (_LLAMA, "California"),
    "llama-3.1-license-2024": (_LLAMA, "California"),
    "llama-3.3-license-2024": (_LLAMA, "California"),
    "llama-4-cla-2025": (_LLAMA, "California"),
    "apache-2.0": ({"patent-retaliation", "trademark-use", "warranty", "liability"}, None),
    "mit": ({"warranty", "liability"}, None),
    "bsd-new": ({"warranty", "liability"}, None),
    "gpl-2.0": ({"warranty", "liability"}, None),
    "gpl-3.0": ({"patent-retaliation", "warranty", "liability"}, None),
    "mpl-2.0": ({"patent-retaliation", "trademark-use", "warranty", "liability"}, None),
    "epl-1.0": (
        {"patent-retaliation", "warranty", "liability", "governing-law"},
        "the State of New York",
    ),
    "bigscience-open-rail-m": (
        {"remote-restriction", "patent-retaliation", "trademark-use", "warranty", "liability"},
        None,
    ),
    "bigcode-open-rail-m-v1": (
        {"remote-restriction", "patent-retaliation", "trademark-use", "warranty", "liability"},
        None,
    ),
    # The Terms of Use only incorporate the Prohibited Use Policy by URL; the right to update
    # it is written in the policy itself (gemma-pup-2024-02-21).
    "gemma-tou-2024-04-01": (
        {"remote-restriction", "trademark-use", "warranty", "liability", "governing-law"},
        "California",
    ),
    "gemma-pup-2024-02-21": ({"terms-may-change"}, None),
    "nvidia-open-model-2025-04-28": (
        {
            "guardrail-termination",
            "litigation-termination",
            "terms-may-change",
            "trademark-use",
            "warranty",
            "liability",
            "governing-law",
        },
        "United States and Delaware",
    ),
    "qwen-2024": (_LLAMA, "China"),
    "deepseek-la-1.0": (
        {
            "remote-restriction",
            "patent-retaliation",
            "trademark-use",
            "warranty",
            "liability",
            "governing-law",
        },
        "People's Republic of China",
    ),
    "falcon-2-11b-1.0": (
        {"terms-may-change", "patent-retaliation", "trademark-use", "warranty", "liability"},
        None,
    ),
    "exaone-ai-model-1.1-nc": (
        {"terms-may-change", "warranty", "liability", "governing-law"},
        "Republic of Korea",
    ),
    "tencent-hunyuan-3d-2.0-cla": (_LLAMA | {"terms-may-change"}, "Hong Kong"),
    "responsible-ai-source-1.1": ({"remote-restriction", "warranty", "liability"}, None),
    "elastic-license-v2": ({"patent-retaliation", "warranty", "liability"}, None),
}


@pytest.mark.corpus
@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_corpus_text_has_exactly_the_expected_flags(key: str) -> None:
    expected, jurisdiction = EXPECTED[key]
    hits = corpus_flags(key)
    assert set(hits) == expected
    if jurisdiction is not None:
        assert hits["governing-law"][1] == {"jurisdiction": jurisdiction}


@pytest.mark.corpus
def test_corpus_llama_evidence_is_the_clause_itself() -> None:
    hits = corpus_flags("llama-3.1-license-2024")
    evidence = hits["litigation-termination"][0]
    assert evidence.startswith("institute litigation") and evidence.endswith("terminate")
    assert "intellectual property" in evidence
    assert hits["trademark-use"][0] == "No trademark licenses"
    assert (
        hits["governing-law"][0]
        == "governed and construed under the laws of the State of California"
    )


@pytest.mark.corpus
def test_corpus_osi_texts_get_no_licensor_right_from_version_clauses() -> None:
    index = json.loads((CORPUS / "index.json").read_text(encoding="utf-8"))
    osi = [e["key"] for e in index if e["osi_approved"]]
    assert len(osi) > 100
    found: dict[str, set[str]] = {}
    for key in osi:
        for flag in corpus_flags(key):
            found.setdefault(flag, set()).add(key)
    # GPL, MPL, EPL, CDDL, APSL and OpenLDAP steward/version clauses are not terms-may-change.
    assert found.get("terms-may-change", set()) == set()
    assert found.get("remote-restriction", set()) == set()
    assert found.get("guardrail-termination", set()) == set()
    # OCLC-2.0 truly ends the license on any intellectual-property suit against a contributor.
    assert found.get("litigation-termination", set()) == {"oclc-2.0"}
    assert all(flag_type(f).kind is not Kind.RESTRICTION for f in found)
    assert len(found["warranty"]) > 120 and len(found["liability"]) > 110


# --- wordings added with the knowledge-base review -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # the steward's note about its own license documents binds no licensor
        "The Commons Foundation is no law firm. Creative Commons gives no warranties "
        "regarding its licenses and disclaims all liability for damages from their use.",
        # reported, not made: a preamble or a definition that describes the disclaimer
        "We want everyone to understand that there is no warranty for this free program.",
        "A notice that tells the user that there is no warranty for the work.",
        # a kind of term one may add, not a disclaimer
        "You may add terms: a) Disclaiming warranty differently from sections 15 and 16.",
    ],
)
def test_statements_about_the_license_are_no_disclaimer(text: str) -> None:
    assert not flags_of(normalise(text)) & {"warranty", "liability"}


def test_the_operative_disclaimer_still_counts_next_to_a_reported_one() -> None:
    text = normalise(
        "Everyone should understand that there is no warranty for this program.\n\n"
        "15. There is no warranty for the program, to the extent the law allows."
    )
    ctx = context_of(text)
    hits = [h for rule in RULES for h in rule(ctx) if h.flag == "warranty"]
    assert [text[h.start : h.end] for h in hits] == ["is no warranty"]
    assert hits[0].start > text.index("15.")


def test_litigation_over_the_licensed_material_is_litigation_termination() -> None:
    text = normalise(
        "If You institute litigation against any contributor based on the Corpus, other than "
        "a claim for breach of this agreement, then your rights under it terminate."
    )
    assert "litigation-termination" in flags_of(text)
    # a suit that names neither the material nor any right ends nothing here
    other = normalise(
        "If You institute litigation against any contributor based on a breach of contract, "
        "then your rights under it terminate."
    )
    assert not flags_of(other) & {"litigation-termination", "patent-retaliation"}


def test_the_licensors_home_law_is_a_choice_of_law() -> None:
    text = normalise(
        "Any suit may be brought only in the courts of the country in which the Licensor is "
        "established, and under the laws of that country."
    )
    assert first_hits(text)["governing-law"][1] == {
        "jurisdiction": "the licensor's home jurisdiction"
    }
    assert "governing-law" not in flags_of(
        normalise("Any suit may be brought in the courts of the country where you live.")
    )


def test_a_law_named_in_a_condition_is_not_chosen() -> None:
    text = normalise(
        "The Ruritanian text prevails, provided that the laws of Ruritania apply to the reading "
        "of this License."
    )
    assert "governing-law" not in flags_of(text)
    chosen = normalise("The laws of Ruritania apply to the reading of this License.")
    assert first_hits(chosen)["governing-law"][1] == {"jurisdiction": "Ruritania"}


def test_the_disclaimer_under_its_own_heading_wins_over_a_passing_one() -> None:
    text = normalise(
        "2. Grants. Each author disclaims any liability to you for claims that others bring.\n\n"
        "3. Duties. A distributor's own licence must effectively disclaim all warranties for "
        "the authors.\n\n"
        '5. NO WARRANTY\n\nTHE KIT IS PROVIDED ON AN "AS IS" BASIS.\n\n'
        "6. DISCLAIMER OF LIABILITY\n\nNO AUTHOR SHALL HAVE ANY LIABILITY FOR LOST PROFITS."
    )
    hits = first_hits(text)
    assert hits["warranty"][0] == '"AS IS"'
    assert hits["liability"][0] == "NO AUTHOR SHALL HAVE ANY LIABILITY"


def test_a_passing_disclaimer_is_still_evidence_without_a_headed_section() -> None:
    text = normalise("2. Grants. Each author disclaims any liability for claims others bring.")
    assert first_hits(text)["liability"][0] == "disclaims any liability"


@pytest.mark.parametrize(
    "text",
    [
        # what another licence must say is no disclaimer made by this one
        "Its own licence must: i) effectively disclaims on behalf of the authors all warranties.",
        # a promise about a release date is no warranty disclaimer
        "The maker makes no promise that a stable release will ever ship.",
    ],
)
def test_reported_or_unrelated_no_warranty(text: str) -> None:
    assert "warranty" not in flags_of(normalise(text))


@pytest.mark.parametrize(
    ("flag", "text", "expected"),
    [
        (
            "warranty",
            "The author makes no promises of any kind, express or implied, about this kit.",
            "makes no promises of any kind, express or implied",
        ),
        (
            "warranty",
            "We give no guarantee, whether implied or express, that the data is right.",
            "give no guarantee, whether implied or express",
        ),
        (
            "liability",
            "The maker won't be liable to anyone for what the kit does.",
            "won't be liable",
        ),
    ],
)
def test_plain_language_disclaimers(flag: str, text: str, expected: str) -> None:
    assert first_hits(normalise(text))[flag][0] == expected


# The right to change the terms in two more of its shapes: the passive with the licensor
# as its agent, and use bound to whatever version is in force when it happens.
CHANGES = [
    "The Acceptable Use Policy may be updated by us, and the updated policy binds you from its "
    "publication.",
    "Your use is governed by the version of the policy in force at the time of use, as "
    "published at example.org.",
]
CHANGES_NEAR_MISSES = [
    "This licence is governed by the laws in force in Ruritania.",
    "Each copy of the Model is subject to the terms in force when you downloaded it.",
    "The policy may be updated by you for your own users.",
    "You may update the Model by downloading a new version.",
]


@pytest.mark.parametrize(
    ("text", "fires"), [(t, True) for t in CHANGES] + [(t, False) for t in CHANGES_NEAR_MISSES]
)
def test_terms_may_change_in_more_shapes(text: str, fires: bool) -> None:
    found = analyze_bytes(text.encode(), "terms.txt").flag_ids
    assert ("terms-may-change" in found) is fires
